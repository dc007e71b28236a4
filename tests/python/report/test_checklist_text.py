"""The checklist as text (kommunbudget.report.checklist_text), from the table of kommunbudget.scenarios.checklist.

Expected values are derived here from the fake results' own numbers, never taken from the code under test.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from kommunbudget.report.checklist_text import checklist_text
from kommunbudget.scenarios import checklist as cl


class FakeResult:
    """The three attributes checklist() reads, and nothing else."""

    def __init__(self, kinds: dict[str, str], topics: dict[str, list[int]], effects: pd.DataFrame) -> None:
        self.measure_kinds = kinds
        self.measure_topics = topics
        self.measure_effects_ore = effects


YEARS = [2025, 2026, 2027, 2028]
EFFECTS = pd.DataFrame(
    {
        2025: [0.0, np.nan, 0.0],
        2026: [3.0, 0.0, np.nan],
        2027: [4.0, 10.0, -2.0],
        2028: [5.0, 12.0, 1.0],
    },
    index=["halve politics", "activation", "sell school"],
)
KINDS = {"halve politics": "fixed_saving", "activation": "work_line", "sell school": "disposal"}


def effect(name: str, year: int) -> float:
    value = EFFECTS.loc[name, year]
    return 0.0 if math.isnan(value) else float(value)


def test_text_without_a_result():
    text = checklist_text(cl.checklist(), scenario=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 120
    for e in cl.items():
        assert any(re.match(rf"\s*{e.number}\s+{re.escape(e.topic[:20])}", line) for line in lines), e.number
    assert "nothing tested" in text


def test_text_with_a_result_shows_measures_and_worth():
    topics = {"halve politics": [5], "activation": [13]}
    text = checklist_text(cl.checklist(FakeResult(KINDS, topics, EFFECTS)), scenario=True)
    assert max(len(line) for line in text.splitlines()) <= 120
    assert "Tested by this scenario: 2 of 19" in text
    assert "Measures: halve politics" in text
    row = next(line for line in text.splitlines() if re.match(r"\s*13\s", line))
    assert "yes" in row
    assert f"{sum(effect('activation', y) for y in YEARS):.1f}" in row


def test_text_keeps_to_a_narrower_width():
    text = checklist_text(cl.checklist(FakeResult(KINDS, {}, EFFECTS)), scenario=True, width=100)
    assert max(len(line) for line in text.splitlines()) <= 100
    tested = {2, 7, 8, 9, 14} | {11, 13, 14, 15, 16} | {17, 19}  # by kind, as in test_kinds_decide_...
    assert f"Tested by this scenario: {len(tested)} of 19" in text


def test_text_row_shows_first_last_and_sum_of_the_matching_measures():
    # Tagged: "activation" tests topic 13 alone; its first year with an effect is 2027 (10.0 öre; 2025 is NaN,
    # 2026 is 0), its last 12.0 and its sum 22.0.
    text = checklist_text(cl.checklist(FakeResult(KINDS, {"activation": [13]}, EFFECTS)), scenario=True)
    row = next(line for line in text.splitlines() if re.match(r"\s*13\s", line))
    assert row.split()[-3:] == ["10.0", "12.0", "22.0"]
    untested = next(line for line in text.splitlines() if re.match(r"\s*1\s", line))
    assert "(not modelled)" in untested and untested.split()[-4:] == ["no", "0.0", "0.0", "0.0"]


def test_text_keeps_a_number_with_its_unit_and_ends_with_one_newline():
    text = checklist_text(cl.checklist(), scenario=False, width=100)
    assert text.endswith("\n") and not text.endswith("\n\n")
    for line in text.splitlines():
        # a wrapped line never starts with a unit torn from its number
        assert not re.match(r"\s+(%|MSEK)\b", line), line


def test_a_table_without_the_checklist_columns_is_refused():
    with pytest.raises(ValueError, match=r"missing column\(s\) tested"):
        checklist_text(pd.DataFrame({"number": [1], "modelled": [False]}), scenario=False)
