"""Two layout rules of kommunbudget.report.text.frame_text: tables of years that do not fit side by side are split
into blocks of even size (4 + 3 years, not 6 + 1), and a row label's no-break spaces (a Swedish number, ``19 337``)
never become line breaks. The widths are counted here from the cells written in the test."""
from __future__ import annotations

import pandas as pd

from kommunbudget.report.text import frame_text


def _years(n: int) -> pd.Index:
    return pd.Index([str(2024 + k) for k in range(n)])


def test_blocks_of_years_are_of_even_size():
    # 7 columns of "123456.7" (8 characters + 3 of padding and divider = 11 each) and a label of 10: at 80 columns
    # six fit beside the label (10 + 66 = 76), seven do not (87); two tables of 4 and 3 years, not 6 and 1.
    rows = [("label abcd", ["123456.7"] * 7)]
    text = frame_text(rows, _years(7), columns_width=80)
    tables = text.split("\n\n")
    assert len(tables) == 2
    assert tables[0].splitlines()[0].split() == ["2024", "2025", "2026", "2027"]
    assert tables[1].splitlines()[0].split() == ["2028", "2029", "2030"]
    assert all(len(line) <= 80 for line in text.splitlines())


def test_a_no_break_space_in_a_label_is_kept():
    label = "från 19\u00a0337 år 2027: 18\u00a0763 år 2030 och alla verksamheters volym med den " * 2
    text = frame_text([(label, ["+1,0"])], pd.Index(["öre"]), columns_width=60)
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert "19\u00a0337" in text and "18\u00a0763" in text  # each number whole on one line, its space kept
    assert not any(line.rstrip().endswith(("19", "18")) for line in lines)
