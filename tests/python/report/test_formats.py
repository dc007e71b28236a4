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


# Swedish as SKR's and the municipalities' budget documents print it: a space between thousands (no-break, U+00A0),
# a decimal comma, the minus sign U+2212, a no-break space before %, ja/nej.
@pytest.mark.parametrize("value, unit, signed, expected", [
    (-18.6, "MSEK", False, "\u221218,6"),
    (1656.2, "MSEK", False, "1\u00a0656,2"),
    (19_337, "kr", False, "19\u00a0337"),
    (0.0234, "fraction", False, "2,3\u00a0%"),
    (0.25, "kr per 100 kr", True, "+0,25"),
    (1.0, "boolean", False, "ja"),
    (0.0, "boolean", False, "nej"),
    (-0.04, "MSEK", True, "0,0"),
])
def test_fmt_in_swedish(value, unit, signed, expected):
    assert fmt(value, unit, signed, language="sv") == expected


def test_thousands_are_grouped_in_every_unit():
    assert fmt(1000.0, "MSEK") == "1,000.0" and fmt(-1656.24, "MSEK", True) == "-1,656.2"


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
    assert values_text([0.04, 0.04], "fraction per year", "sv") == "4,00\u00a0% per år"
    assert values_text([7.5, 8.26], "MSEK", "sv") == "7,5; 8,3 mnkr"  # a semicolon: the comma is the decimal sign


def test_years_text():
    assert years_text([2030, 2025, 2026, 2027]) == "2025\u20132027, 2030"  # an en dash, as in print
    assert years_text([2024]) == "2024"
    assert years_text([]) == ""
