"""Tests of the checklist (kommunbudget.checklist).

Expected values are derived here from the fake results' own numbers, never taken from the code under test. The
mapping of topics to levers follows the measure kinds of docs/model.md §6-8 and the report's topics
(``data/files/REPORT-FACTS.md``). The checklist as text is tested in ``tests/python/report/test_checklist_text.py``.
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from kommunbudget import checklist as cl
from kommunbudget import scenarios

COLUMNS = ["number", "topic", "question", "levers", "modelled", "tested", "worth_ore_first_year",
           "worth_ore_last_year", "worth_ore_sum", "measures"]
WORTH = ["worth_ore_first_year", "worth_ore_last_year", "worth_ore_sum"]
GOVERNANCE = {1, 3, 5, 6, 10, 12}  # ways of working: not modelled directly


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


def by_number(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("number")


def effect(name: str, year: int) -> float:
    value = EFFECTS.loc[name, year]
    return 0.0 if math.isnan(value) else float(value)


# ----------------------------------------------------------------------------------------------------------
# The items
# ----------------------------------------------------------------------------------------------------------


def test_nineteen_items_numbered_1_to_19():
    entries = cl.items()
    assert len(entries) == 19
    assert [e.number for e in entries] == list(range(1, 20))
    assert len({e.topic for e in entries}) == 19
    assert cl.items() is not cl.items()  # a fresh list each time


def test_every_item_has_levers_or_a_reason():
    for e in cl.items():
        assert e.topic and e.question.endswith("?") and e.swedish and e.how, e.number
        assert e.modelled == bool(e.levers), e.number
        if e.modelled:
            assert e.why_not == "", e.number
        else:
            assert len(e.why_not) > 20, e.number


def test_every_lever_kind_is_known():
    known = set(cl.LEVER_KINDS)
    assert known == set(scenarios.MEASURE_KINDS)  # every kind a scenario file can hold
    for e in cl.items():
        assert set(e.levers) <= known, (e.number, e.levers)
        assert "tax_change" not in e.levers  # raising the tax is the alternative, not a checklist answer


def test_the_topic_to_lever_mapping():
    levers = {e.number: set(e.levers) for e in cl.items()}
    assert {n for n, kinds in levers.items() if not kinds} == GOVERNANCE
    assert levers[2] == {"efficiency", "fixed_saving"}
    assert levers[4] == {"area_gap", "nka_gap"}
    for n in (7, 8, 9):
        assert levers[n] == {"efficiency", "fixed_saving"}
    for n in (11, 13, 15, 16):
        assert levers[n] == {"work_line"}
    assert levers[14] == {"work_line", "fixed_saving"}
    assert levers[17] == {"disposal", "premises_target"}
    assert levers[18] == {"premises_target"}
    assert levers[19] == {"disposal"}


def test_items_are_frozen_and_item_looks_up_by_number():
    e = cl.item(13)
    assert e.number == 13 and "work_line" in e.levers
    with pytest.raises(AttributeError):
        e.topic = "changed"  # type: ignore[misc]
    for bad in (0, 20, True):
        with pytest.raises(ValueError, match=re.escape(repr(bad))):
            cl.item(bad)


def test_the_report_examples_are_cited_as_starting_points():
    text = {e.number: e.how for e in cl.items()}
    assert "Staffanstorp" in text[8] or "staffanstorp" in text[8]
    assert "30 %" in text[8]
    assert "-70 %" in text[9] and "-30 %" in text[9]
    assert "orust" in text[5].lower()


# ----------------------------------------------------------------------------------------------------------
# checklist() without and with a result
# ----------------------------------------------------------------------------------------------------------


def test_without_a_result_nothing_is_tested():
    table = cl.checklist()
    assert list(table.columns) == COLUMNS
    assert len(table) == 19
    assert table["number"].tolist() == list(range(1, 20))
    assert not table["tested"].any()
    assert (table[WORTH] == 0.0).all().all()
    assert (table["measures"] == "").all()
    assert not table.isna().any().any()
    assert table["modelled"].sum() == 19 - len(GOVERNANCE)
    assert table.loc[table["number"] == 17, "levers"].item() == "disposal, premises_target"


def test_tags_decide_when_any_measure_is_tagged():
    topics = {"halve politics": [5], "activation": [11, 13], "sell school": []}
    table = by_number(cl.checklist(FakeResult(KINDS, topics, EFFECTS)))
    assert set(table.index[table["tested"]]) == {5, 11, 13}
    # "sell school" is untagged: with tags in use it counts nowhere, not even for 17 or 19 by its kind.
    assert not table.loc[[17, 19], "tested"].any()
    assert table.loc[5, "measures"] == "halve politics"
    assert table.loc[13, "measures"] == "activation"
    # halve politics: first effect 2026 (3.0), last 2028 (5.0), sum 0 + 3 + 4 + 5 = 12.
    assert table.loc[5, "worth_ore_first_year"] == pytest.approx(3.0)
    assert table.loc[5, "worth_ore_last_year"] == pytest.approx(5.0)
    assert table.loc[5, "worth_ore_sum"] == pytest.approx(3.0 + 4.0 + 5.0)
    # activation: NaN in 2025 counts as 0; first effect 2027.
    for n in (11, 13):
        assert table.loc[n, "worth_ore_first_year"] == pytest.approx(effect("activation", 2027))
        assert table.loc[n, "worth_ore_last_year"] == pytest.approx(effect("activation", 2028))
        assert table.loc[n, "worth_ore_sum"] == pytest.approx(sum(effect("activation", y) for y in YEARS))
    untested = table[~table["tested"]]
    assert (untested[WORTH] == 0.0).all().all()
    assert not table.isna().any().any()


def test_kinds_decide_when_no_measure_is_tagged():
    table = by_number(cl.checklist(FakeResult(KINDS, {}, EFFECTS)))
    fixed = {2, 7, 8, 9, 14}       # topics with fixed_saving among their levers
    work = {11, 13, 14, 15, 16}    # ... with work_line
    disposal = {17, 19}            # ... with disposal
    assert set(table.index[table["tested"]]) == fixed | work | disposal
    assert not table.loc[sorted(GOVERNANCE), "tested"].any()
    assert table.loc[14, "measures"] == "halve politics, activation"
    # Topic 14 combines both: first year with any effect is 2026, where activation has none.
    first = effect("halve politics", 2026) + effect("activation", 2026)
    last = effect("halve politics", 2028) + effect("activation", 2028)
    total = sum(effect(name, y) for name in ("halve politics", "activation") for y in YEARS)
    assert table.loc[14, "worth_ore_first_year"] == pytest.approx(first) == pytest.approx(3.0)
    assert table.loc[14, "worth_ore_last_year"] == pytest.approx(last)
    assert table.loc[14, "worth_ore_sum"] == pytest.approx(total)
    # sell school: first effect in 2027 (a loss of 2 öre), then +1; NaN in 2026 counts as 0.
    for n in disposal:
        assert table.loc[n, "worth_ore_first_year"] == pytest.approx(-2.0)
        assert table.loc[n, "worth_ore_last_year"] == pytest.approx(1.0)
        assert table.loc[n, "worth_ore_sum"] == pytest.approx(-1.0)
    assert not table.isna().any().any()


def test_a_tagged_measure_without_effects_is_tested_and_worth_zero():
    kinds = {**KINDS, "review": "fixed_saving"}
    table = by_number(cl.checklist(FakeResult(kinds, {"review": [10]}, EFFECTS)))
    assert set(table.index[table["tested"]]) == {10}
    assert (table.loc[10, WORTH] == 0.0).all()
    assert table.loc[10, "measures"] == "review"


def test_empty_result_and_empty_effects():
    table = cl.checklist(FakeResult({}, {}, pd.DataFrame()))
    assert not table["tested"].any()
    assert (table[WORTH] == 0.0).all().all()
    only_kinds = by_number(cl.checklist(FakeResult({"x": "nka_gap"}, {}, pd.DataFrame())))
    assert set(only_kinds.index[only_kinds["tested"]]) == {4}
    assert only_kinds.loc[4, "worth_ore_sum"] == 0.0


def test_a_tag_outside_1_to_19_is_refused():
    with pytest.raises(ValueError, match=r"measure_topics\['activation'\].*\b20\b"):
        cl.checklist(FakeResult(KINDS, {"activation": [20]}, EFFECTS))
