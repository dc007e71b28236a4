"""Number formats of the text output (kommunbudget.report.formats). Expected strings are written out by hand."""
from __future__ import annotations

import numpy as np
import pytest

from kommunbudget.report.formats import MISSING, fmt, revenue_cell, values_text, years_text


@pytest.mark.parametrize("value, unit, signed, expected", [
    (-26.1, "MSEK", False, "-26.1"),
    (-0.04, "MSEK", False, "0.0"),            # no "-0.0"
    (12.34, "öre", True, "+12.3"),
    (0.0234, "fraction", False, "2.3 %"),
    (-0.0004, "fraction", False, "0.0 %"),    # below 0.05 % in size
    (0.04, "fraction per year", True, "+4.0 %"),
    (20.92, "kr per 100 kr", False, "20.92"),
    (0.25, "kr per 100 kr", True, "+0.25"),
    (245_678.4, "kr per year", False, "245,678"),
    (1394.0, "kr", False, "1,394"),
    (1.0, "boolean", False, "yes"),
    (False, "boolean", False, "no"),
    (np.float64(3.96), "MSEK", False, "4.0"),
])
def test_fmt_by_unit(value, unit, signed, expected):
    assert fmt(value, unit, signed) == expected


@pytest.mark.parametrize("value", [None, float("nan"), float("inf")])
def test_fmt_missing(value):
    assert fmt(value, "MSEK") == MISSING == "–"


def test_revenue_cell():
    assert revenue_cell(0.0122, "fraction") == "1.2"          # öre per krona
    assert revenue_cell(251_437.0, "kr per inhabitant") == "251,437"
    assert revenue_cell(19_337, "inhabitants") == "19,337"
    assert revenue_cell(262.64, "MSEK") == "262.6"
    assert revenue_cell(20.92, "kr per 100 kr") == "20.92"


def test_values_text():
    assert values_text([0.04, 0.04], "fraction per year") == "4.00 % a year"
    assert values_text([0.035, 0.032], "fraction per year") == "3.50 %, 3.20 % a year"
    assert values_text([20.92, 20.92], "kr per 100 kr") == "20.92 kr per 100 kr in each year"
    assert values_text([7.5], "MSEK") == "7.5 MSEK"
    assert values_text([0.686, 0.69], "fraction") == "68.60 %, 69.00 %"


def test_years_text():
    assert years_text([2030, 2025, 2026, 2027]) == "2025-2027, 2030"
    assert years_text([2024]) == "2024"
    assert years_text([]) == ""
