"""numpy scalars and pandas Series where the API takes numbers and year -> value mappings: the same results as
Python's float, int and dict (the derivation: the same number is the same input); bools, NaN and absurd years
refused with the key named."""
from __future__ import annotations

import fractions

import numpy as np
import pandas as pd
import pytest

import kommunbudget as kb


@pytest.fixture(scope="module")
def sjobo() -> kb.Municipality:
    return kb.load("Sjöbo")


def _statement(m: kb.Municipality) -> pd.DataFrame:
    return m.project(2028).statement()


@pytest.mark.parametrize("value, same_as", [
    (np.float64(0.03), 0.03), (np.float32(0.5), 0.5), (np.int64(0), 0), (np.int32(0), 0.0),
    (fractions.Fraction(3, 100), 0.03),
])
def test_a_numpy_or_other_real_number_is_the_number(sjobo, value, same_as):
    pd.testing.assert_frame_equal(_statement(sjobo.with_assumptions(tax_base_growth=value)),
                                  _statement(sjobo.with_assumptions(tax_base_growth=same_as)))


@pytest.mark.parametrize("series", [
    pd.Series({2026: 0.04}), pd.Series({2026: 0.04, 2027: 0.035}), pd.Series([0.04], index=np.array([2026])),
    pd.Series({np.int64(2026): np.float64(0.04)}),
])
def test_a_pandas_series_of_year_to_value_is_the_mapping(sjobo, series):
    as_dict = {int(year): float(value) for year, value in series.items()}
    pd.testing.assert_frame_equal(_statement(sjobo.with_assumptions(labour_cost_change=series)),
                                  _statement(sjobo.with_assumptions(labour_cost_change=as_dict)))


@pytest.mark.parametrize("value, message", [
    (True, r"^tax_base_growth = True is not a number; expected a real number"),
    (np.bool_(True), r"^tax_base_growth = (np\.)?True_? is not a number"),
    (np.float64("nan"), r"^tax_base_growth = nan is not a finite number"),
    ("0.03", r"^tax_base_growth = '0.03' is not a number"),
    (pd.Series({2026: np.nan}), r"^labour_cost_change\[2026\] = nan is not a finite number"),
    (pd.Series({2024: 0.03}), r"^labour_cost_change: year 2024 is not a projection year; expected 2025-2074"),
])
def test_bools_nan_text_and_years_outside_the_projection_are_refused(sjobo, value, message):
    name = "labour_cost_change" if isinstance(value, pd.Series) else "tax_base_growth"
    with pytest.raises(ValueError, match=message):
        sjobo.with_assumptions(**{name: value})


def test_default_targets_take_numpy_shares_and_refuse_others():
    assert kb.default_targets(np.float64(0.03))[2].share == 0.03
    assert kb.default_targets(np.int64(0))[2].share == 0.0
    with pytest.raises(ValueError, match=r"^share = 2 is outside the allowed range \[-0.5, 0.5\] for a result target"
                                         r".*did you mean 0.02\?"):
        kb.default_targets(2.0)
    for bad in (np.nan, True, "0.02"):
        with pytest.raises(ValueError, match=r"^share = .* (is not a number|is not a finite number); expected a "
                                             r"fraction in \[-0.5, 0.5\]"):
            kb.default_targets(bad)


def test_compare_takes_numpy_numbers_and_years(sjobo):
    plain = kb.compare(sjobo, horizon=2028, from_year=2026, tax_change_kr_per_100kr=0.5, household_income_kr=300000)
    numpy = kb.compare(sjobo, horizon=np.int64(2028), from_year=np.int64(2026),
                       tax_change_kr_per_100kr=np.float64(0.5), household_income_kr=np.int64(300000))
    pd.testing.assert_frame_equal(numpy.table(), plain.table())
    assert numpy.household_cost_kr == plain.household_cost_kr == pytest.approx(0.5 / 100 * 300000)


@pytest.mark.parametrize("kwargs, message", [
    ({"from_year": 2**31}, r"^from_year = 2147483648 is outside the calendar range \[1900, 2200\]$"),
    ({"from_year": 2030}, r"^from_year = 2030 is outside the projection years 2025-2028"),
    ({"tax_change_kr_per_100kr": np.nan}, r"^tax_change_kr_per_100kr = nan is not a finite number"),
    ({"household_income_kr": True}, r"^household_income_kr = True is not a number"),
])
def test_compare_refuses_absurd_years_and_non_numbers(sjobo, kwargs, message):
    with pytest.raises(ValueError, match=message):
        kb.compare(sjobo, horizon=2028, **kwargs)


def test_absurd_years_are_refused_not_passed_to_the_core(sjobo):
    with pytest.raises(ValueError, match=r"^horizon = 2147483648 is outside the allowed range \[2024, 2074\]"):
        sjobo.project(2**31)
    with pytest.raises(ValueError, match=r"^from_year = 99999 is outside the calendar range \[1900, 2200\]$"):
        sjobo.project(2028).sustained_change("result", 99999)
    assert sjobo.project(np.int64(2026)).years == [2024, 2025, 2026]
