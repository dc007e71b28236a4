"""Every municipality at once (kommunbudget.analysis.all_municipalities; core run_many, docs/model.md §21): each row
against the municipality's own projection, the öre of a measure by hand, the tax need against
Projection.sustained_tax_change, threads, mismatched years and errors that name the municipality."""
from __future__ import annotations

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.analysis.all_municipalities import (
    IDENTITY_COLUMNS,
    load_all,
    measure_ore_all,
    run_all,
    tax_need_all,
)
from kommunbudget.model import core

HORIZON = 2030
#: Sjöbo (adopted budget), Lomma, Gotland and Stockholm (approximate baselines): small and large, with and without
#: the equalisation's fee, the island with its own note.
SOME = ("1265", "1262", "0980", "0180")


@pytest.fixture(scope="module")
def everyone():
    return load_all()


def _efficiency_1pct_from_2026() -> core.Measures:
    return core.Measures(efficiency=[core.EfficiencyMeasure(from_year=2026, rate=0.01)])


def _by_code(everyone, code):
    return next(m for m in everyone if m.code == code)


def test_load_all_gives_the_290_and_says_which_are_approximate(everyone):
    assert len(everyone) == 290  # Sweden's 290 kommuner (SCB)
    assert [m.code for m in everyone] == sorted(m.code for m in everyone)
    # The data holds one adopted budget in full: Sjöbo 2024 (python/kommunbudget/data/files/SOURCES.md); the other
    # 289 are approximate baselines (docs/model.md §12).
    assert [m.code for m in everyone if not m.approximate] == ["1265"]
    assert load_all() is everyone  # cached


def test_each_row_is_the_municipalitys_own_projection_exactly(everyone):
    out = run_all(everyone, HORIZON, threads=2)
    assert list(out["years"]) == list(range(2024, HORIZON + 1))
    for i, m in enumerate(everyone):
        p = m.project(HORIZON)
        for name in ("result", "balanced_budget_result", "result_share", "tax_revenue", "general_grants",
                     "tax_base"):
            np.testing.assert_array_equal(out[name][i], p.line(name), err_msg=f"{m.label} {name}")


def test_rows_with_measures_equal_the_projection_with_them(everyone):
    measures = _efficiency_1pct_from_2026()
    some = [_by_code(everyone, c) for c in SOME]
    out = run_all(some, HORIZON, measures)
    for i, m in enumerate(some):
        np.testing.assert_array_equal(out["result"][i], m.project(HORIZON, measures).line("result"))


def test_ore_of_a_measure_by_hand(everyone):
    # öre = change of the result / (tax base / 10 000): 1 öre is 0.01 kr per 100 kr of the tax base.
    measures = _efficiency_1pct_from_2026()
    table = measure_ore_all(measures, HORIZON, year=2028).set_index("code")
    assert len(table) == 290
    for code in SOME:
        m = _by_code(everyone, code)
        with_measure = m.project(HORIZON, measures)
        without = m.project(HORIZON)
        k = 2028 - 2024
        change = with_measure.line("result")[k] - without.line("result")[k]
        tax_base = without.line("tax_base")[k]
        row = table.loc[code]
        assert row["effect_msek"] == change
        assert row["tax_base_msek"] == tax_base
        assert row["effect_ore"] == pytest.approx(change / (tax_base / 10_000), rel=1e-12)
        assert row["effect_ore"] > 10.0  # 1 % of net costs is tens of öre (this test can fail)
    assert table.loc["1265", "baseline"] == "adopted budget 2024"
    assert table.loc["1262", "approximate"]


def test_tax_need_equals_projection_sustained_tax_change(everyone):
    for target in ("balanced-budget", "share:0.02"):
        table = tax_need_all(target, 2026, HORIZON).set_index("code")
        assert list(table.reset_index().columns[:len(IDENTITY_COLUMNS)]) == list(IDENTITY_COLUMNS)
        for code in SOME:
            expected = _by_code(everyone, code).project(HORIZON).sustained_tax_change(target, 2026)
            assert table.loc[code, "tax_need_kr_per_100kr"] == expected
            assert table.loc[code, "tax_need_ore"] == expected * 100
            assert table.loc[code, "result_horizon_msek"] == \
                _by_code(everyone, code).project(HORIZON).line("result")[-1]
        assert table.attrs["horizon"] == HORIZON
        assert table["approximate"].sum() == 289


def test_threads_do_not_change_the_numbers(everyone):
    measures = _efficiency_1pct_from_2026()
    one = run_all(everyone, HORIZON, measures, target="share:0.02", from_year=2026, measure_effect=True, threads=1)
    for threads in (2, 8):
        other = run_all(everyone, HORIZON, measures, target="share:0.02", from_year=2026, measure_effect=True,
                        threads=threads)
        assert set(other) == set(one)
        for name in one:
            np.testing.assert_array_equal(other[name], one[name], err_msg=f"{name}, {threads} threads")


def test_mismatched_years_are_refused_naming_the_first_mismatch(everyone):
    a, b, c = everyone[:3]
    with pytest.raises(ValueError, match=r"projectors\[1\] \(.*\) covers the years 2024-2031; expected 2024-2030 as "
                                         r"projectors\[0\]"):
        core.run_many([a.projector(2030), b.projector(2031), c.projector(2032)])
    with pytest.raises(ValueError, match=r"projectors\[1\] is a str; expected a Projector"):
        core.run_many([a.projector(2030), "Sjöbo"])


def test_an_invalid_measure_names_the_municipality(everyone):
    # An efficiency rate of 90 % (allowed: at most 50 %, docs/model.md §14) for Lomma and Stockholm only: the first
    # of them in SCB's code order, Stockholm (0180 before 1262), is named by name and code, whatever the threads.
    def measures(m):
        rate = 0.9 if m.code in ("1262", "0180") else 0.01
        return core.Measures(efficiency=[core.EfficiencyMeasure(from_year=2026, rate=rate)])

    for threads in (1, 8):
        with pytest.raises(ValueError, match=r"^Stockholm \(0180\): efficiency\[0\]\.rate\[2026\] = 0\.9 is outside"):
            run_all(everyone, HORIZON, measures, threads=threads)


def test_a_measure_per_municipality(everyone):
    # A rise of 10 öre for Sjöbo only: the change in 2027 is 0.10 / 100 × its tax base exactly (the equalisation
    # ignores the own rate, docs/model.md §4); nobody else moves.
    some = [_by_code(everyone, c) for c in SOME]

    def measures(m):
        rise = [core.TaxChange(from_year=2027, change_kr_per_100kr=0.10)]
        return core.Measures(tax_changes=rise if m.code == "1265" else [])

    out = run_all(some, HORIZON, measures, measure_effect=True)
    k = 2027 - 2024
    tax_base = kb.load("Sjöbo").project(HORIZON).line("tax_base")[k]
    assert out["measure_effect_msek"][0, k] == pytest.approx(0.10 / 100 * tax_base, rel=1e-12)
    assert out["measure_effect_ore"][0, k] == pytest.approx(10.0, rel=1e-12)
    assert not out["measure_effect_msek"][1:].any()


def test_approximate_tax_need_is_minus_the_rate_changes_decided_since_2024():
    # On the approximate baselines' neutral path the 2024 budget stays balanced at the 2024 rate (docs/model.md §12),
    # so the balanced-budget need from 2026 is the 2024 rate minus the rate in force from 2026: SCB's rates
    # (skattesatser_kommun.csv) Lomma 19.64 (2024) -> 19.54 (2026): +0.10; Stockholm 17.98 -> 18.22 (2025): −0.24.
    table = tax_need_all("balanced-budget", 2026, HORIZON).set_index("code")
    assert table.loc["1262", "tax_need_kr_per_100kr"] == pytest.approx(19.64 - 19.54, abs=1e-9)
    assert table.loc["0180", "tax_need_kr_per_100kr"] == pytest.approx(17.98 - 18.22, abs=1e-9)
    assert table.loc["0980", "tax_need_kr_per_100kr"] == pytest.approx(0.0, abs=1e-9)  # Gotland: 2024 rate kept
