"""The public Python API over the embedded Sjöbo budget: shapes, dtypes, labels, exceptions and real figures.

Expected figures come from Sjöbo's adopted budget 2024 with plan 2025-2027 (finansiellinfo.se/Sjobo/Budget-2024,
Resultatbudget) or from derivations written out in the tests; never from the code under test.
"""
from __future__ import annotations

import importlib.metadata
import logging
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kommunbudget as kb
from kommunbudget import _core

ROOT = Path(__file__).resolve().parents[3]

# Sjöbo, Budget 2024 (Resultatbudget): MSEK, statutory signs.
SJOBO_BUDGET = {
    2024: {"net_operating_cost": -1358.3, "operating_result": -36.0, "result": -26.1,
           "balanced_budget_result": -18.6, "tax_revenue": 995.3, "general_grants": 327.0},
    2025: {"net_operating_cost": -1336.0, "operating_result": 31.2, "result": 40.0, "tax_revenue": 1042.8,
           "general_grants": 324.4},
    2026: {"net_operating_cost": -1393.6, "operating_result": 35.2, "result": 44.0, "tax_revenue": 1091.4,
           "general_grants": 337.4},
    2027: {"net_operating_cost": -1450.6, "operating_result": 29.2, "result": 38.0, "tax_revenue": 1134.0,
           "general_grants": 345.8},
}

#: SKR's long-run 4 % growth of the national tax base per inhabitant: over Sweden's population growth of 2024 (SCB,
#: nyckeltal_riket.csv: +36 003 on 31 Dec 2024's 10 587 710 − 36 003).
PER_INHABITANT_4PCT = 1.04 / (1 + 36_003 / (10_587_710 - 36_003)) - 1


@pytest.fixture(scope="module")
def sjobo() -> kb.Municipality:
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def projection(sjobo) -> kb.Projection:
    return sjobo.project(horizon=2030)


def test_version_has_one_source():
    cmake = (ROOT / "CMakeLists.txt").read_text()
    version = re.search(r"project\(kommunbudget VERSION ([0-9.]+)", cmake).group(1)
    assert kb.__version__ == version
    assert _core.version() == version
    assert importlib.metadata.version("kommunbudget") == version


def test_public_names_are_exported():
    for name in kb.__all__:
        assert hasattr(kb, name), name


def test_load_by_name_code_and_without_diacritics(sjobo):
    assert sjobo.code == "1265" and sjobo.name == "Sjöbo" and sjobo.base_year == 2024
    assert kb.load("1265").code == kb.load("sjobo").code == "1265"
    assert sjobo.county == "Skåne län"


def test_statement_shape_dtypes_and_labels(projection):
    frame = projection.statement()
    assert list(frame.columns) == list(range(2024, 2031))
    assert frame.shape == (len(kb.STATEMENT_LINES), 7)
    assert all(dtype == np.float64 for dtype in frame.dtypes)
    assert frame.index.name == "line" and frame.columns.name == "year"
    sv = projection.statement(language="sv")
    assert "Verksamhetens nettokostnader" in sv.index and "Balanskravsresultat" in sv.index
    ids = projection.statement(language="id", memo=False)
    assert list(ids.index[:4]) == ["operating_income", "operating_costs", "depreciation", "net_operating_cost"]
    assert "tax_base" not in ids.index
    assert frame.attrs["year_status"] == {2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan",
                                          2028: "projection", 2029: "projection", 2030: "projection"}
    assert not frame.isna().any().any()
    with pytest.raises(ValueError, match="language"):
        projection.statement(language="de")


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_sjobo_budget_and_plan_are_reproduced(projection, year):
    frame = projection.statement(language="id")
    for line, expected in SJOBO_BUDGET[year].items():
        assert frame.loc[line, year] == pytest.approx(expected, abs=0.05), (line, year)


def test_base_year_reserve_and_share(projection):
    frame = projection.statement(language="id")
    assert frame.loc["reserve_use", 2024] == pytest.approx(7.5)
    # Result share 2024 = −26.1 / (995.3 + 327.0), the budget's own figures.
    assert frame.loc["result_share", 2024] == pytest.approx(-26.1 / (995.3 + 327.0), abs=1e-4)


def test_tax_base_is_implied_by_the_budget(sjobo):
    # 995.3 MSEK at 20.92 kr per 100 kr.
    assert sjobo.base_fields["tax_base_msek"] == pytest.approx(995.3 / 0.2092)
    assert sjobo.base_sources["tax_base_msek"].kind == "derived"


def test_every_assumption_has_provenance_and_defaults_are_flagged(projection):
    table = projection.assumptions(detail=True)
    assert set(table["kind"]) <= {"data", "derived", "default", "user"}
    assert (table["source"].str.len() > 10).all()
    # After the plan the own tax base grows as the tax capacity per inhabitant × the own population (held): SKR's
    # long-run 4 % for the national tax base over Sweden's population growth of 2024 (SCB: +36 003 on 10 551 707).
    row = table[(table["assumption"] == "tax_base_growth") & (table["year"] == 2028)].iloc[0]
    assert row["kind"] == "derived" and row["value"] == pytest.approx(PER_INHABITANT_4PCT, rel=1e-12)
    pkv = table[(table["assumption"] == "labour_cost_change") & (table["year"] == 2025)].iloc[0]
    assert pkv["kind"] == "default" and "2.6 %" in pkv["source"]
    # Sjöbo's Budget 2024 note: regulation grant 24.9 MSEK in 2026.
    grants = table[(table["assumption"] == "grant_amount:regulation_grant") & (table["year"] == 2026)].iloc[0]
    assert grants["kind"] == "data" and grants["value"] == pytest.approx(24.9)
    growth = table[(table["assumption"] == "national_tax_capacity_growth") & (table["year"] == 2028)].iloc[0]
    assert growth["kind"] == "derived" and growth["value"] == pytest.approx(PER_INHABITANT_4PCT, rel=1e-12)


def test_income_equalisation_follows_own_and_national_growth_after_the_plan(sjobo):
    # A nationwide slowdown after the plan (289.2 MSEK in 2027): own tax base and national capacity both +3 %, the
    # population flat, so the formula (1.15·M − K)·pop·r scales with them: ×1.03.
    # The regulation grant is held in 2028 here, so that only the equalisation moves with the two growths.
    changed = sjobo.with_assumptions(tax_base_growth={2028: 0.03}, national_tax_capacity_growth={2028: 0.03},
                                     **{"grant_growth:regulation_grant": {2028: 0.0}})
    frame = changed.project(2028).revenue(language="id")
    assert frame.loc["income_equalisation", 2028] == pytest.approx(289.2 * 1.03, rel=1e-9)
    assert frame.loc["income_equalisation", 2027] == pytest.approx(289.2)
    # The other items are held at the plan's last amounts (Budget 2024 note, 2027), the property fee grows with the
    # national tax base (SKR's long-run 4 %).
    others = -10.7 - 4.6 + 18.2 + 0.0 + 53.7 * 1.04 + 0.0
    assert frame.loc["general_grants", 2028] == pytest.approx(289.2 * 1.03 + others, rel=1e-9)


def test_a_slower_own_tax_base_is_mostly_equalised(sjobo):
    # Only Sjöbo's tax base grows 3 % instead of the per-inhabitant 4 % in 2028: the equalisation base (calibrated)
    # falls by the difference of its 2027 level and the grant rises by the county rate 19.70 % of that (c = 1,
    # below the guarantee).
    base = sjobo.project(2028).revenue(language="id")
    slow = sjobo.with_assumptions(tax_base_growth={2028: 0.03}).project(2028).revenue(language="id")
    lost_base = (PER_INHABITANT_4PCT - 0.03) * base.loc["equalisation_tax_base", 2027]
    assert slow.loc["income_equalisation", 2028] - base.loc["income_equalisation", 2028] == pytest.approx(
        0.197 * lost_base, rel=1e-9)
    assert slow.loc["national_tax_capacity", 2028] == base.loc["national_tax_capacity", 2028]


def test_with_assumptions_returns_a_copy(sjobo):
    changed = sjobo.with_assumptions(tax_base_growth={2028: 0.02})
    assert sjobo.assumptions.get("tax_base_growth", 2028)[0] == pytest.approx(PER_INHABITANT_4PCT, rel=1e-12)
    assert changed.assumptions["tax_base_growth"].get(2028) == (0.02, kb.Provenance("user", "set by the user"))
    base = sjobo.project(2028).statement(language="id")
    new = changed.project(2028).statement(language="id")
    pd.testing.assert_series_equal(base[2027], new[2027])
    # Lower own tax base growth in 2028 costs (g − 0.02) × tax base 2027 × rate / 100 in tax revenue (g the
    # per-inhabitant 4 % on a flat population), while the income equalisation makes up the county rate (19.70 %) of
    # the lost equalisation base.
    lost = PER_INHABITANT_4PCT - 0.02
    tb_2027 = base.loc["tax_base", 2027]
    assert new.loc["tax_revenue", 2028] - base.loc["tax_revenue", 2028] == pytest.approx(
        -lost * tb_2027 * 20.92 / 100, rel=1e-9)
    eb_2027 = sjobo.project(2028).revenue(language="id").loc["equalisation_tax_base", 2027]
    assert new.loc["general_grants", 2028] - base.loc["general_grants", 2028] == pytest.approx(
        lost * eb_2027 * 0.197, rel=1e-9)


def test_required_tax_rates_plug_back(sjobo, projection):
    rates = projection.required_tax_rates()
    assert list(rates.index) == ["current", "result", "balanced_budget_result", "result_share_2pct"]
    for target in kb.default_targets():
        key = kb.target_key(target)
        for year in range(2025, 2031):
            solved = sjobo.with_assumptions(tax_rate_kr_per_100kr={year: float(rates.loc[key, year])})
            frame = solved.project(2030).statement(language="id")
            if key == "result":
                assert frame.loc["result", year] == pytest.approx(0.0, abs=1e-6)
            elif key == "balanced_budget_result":
                assert frame.loc["balanced_budget_result", year] == pytest.approx(0.0, abs=1e-6)
            else:
                target_result = 0.02 * (frame.loc["tax_revenue", year] + frame.loc["general_grants", year])
                assert frame.loc["result", year] == pytest.approx(target_result, abs=1e-6)


def test_base_year_required_rate_by_hand(projection):
    # 2024: the balanced-budget result −18.6 needs 18.6 / (tax base / 100) more kr on 20.92.
    per_krona = 995.3 / 20.92
    rates = projection.required_tax_rates()
    assert rates.loc["balanced_budget_result", 2024] == pytest.approx(20.92 + 18.6 / per_krona, abs=1e-3)


def test_tax_change_is_kept_in_full(sjobo):
    base = sjobo.project(2028)
    measures = kb.Measures(tax_changes=[kb.TaxChange(from_year=2026, change_kr_per_100kr=0.5)])
    raised = sjobo.project(2028, measures)
    diff = raised.line("result") - base.line("result")
    expected = np.where(np.array(base.years) >= 2026, 0.5 / 100 * base.line("tax_base"), 0.0)
    np.testing.assert_allclose(diff, expected, atol=1e-9)
    np.testing.assert_array_equal(raised.line("general_grants"), base.line("general_grants"))


def test_comparison_tax_and_efficiency_are_worth_the_same_in_the_first_year(sjobo):
    c = kb.compare(sjobo, horizon=2030)
    k = c.baseline.years.index(c.from_year)
    assert c.from_year == 2027  # Sjöbo's 2025 and 2026 rates are decided (skattesatser_kommun.csv)
    assert c.decided_rate_notice is None
    gain = c.tax.line("tax_change_revenue")[k]
    assert gain == pytest.approx(c.tax_change_kr_per_100kr / 100 * c.baseline.line("tax_base")[k], rel=1e-12)
    assert c.efficiency.line("efficiency_saving")[k] == pytest.approx(gain, rel=1e-9)
    # The default change is the smallest sustained change meeting 2 % in every year 2027-2030.
    table = c.table()
    assert table.loc["tax_meets_target", 2027:2030].eq(1.0).all()
    shares = table.loc["tax_result_share", 2027:2030]
    assert shares.min() == pytest.approx(0.02, abs=1e-9)
    assert c.household_cost_kr == pytest.approx(c.tax_change_kr_per_100kr / 100 * c.household_income_kr)
    assert set(table.index) >= {"baseline_result", "tax_result", "efficiency_result", "tax_change_revenue_ore",
                                "efficiency_saving_ore"}


def test_tax_rate_equivalent_in_ore(projection):
    tax_base = projection.line("tax_base")
    ore = projection.tax_rate_equivalent_ore(tax_base / 100)  # 1 kr on the rate in every year
    np.testing.assert_allclose(ore, 100.0)
    assert kb.tax_rate_equivalent_ore(4.7576, 4757.6) == pytest.approx(10.0)


def test_pkv_vintage_reproduces_published_pkv():
    vintage = kb.data.pkv_vintage()
    for lab, oth, w, pub in zip(vintage.labour_cost_change, vintage.other_cost_change, vintage.labour_weight,
                                vintage.published_pkv, strict=True):
        assert kb.pkv_change(lab, oth, w) == pytest.approx(pub, abs=0.0005)


# ---- errors --------------------------------------------------------------------------------------------------

def test_input_error_is_a_value_error():
    assert issubclass(kb.InputError, ValueError)
    assert issubclass(kb.ComputationError, RuntimeError)


def test_unknown_municipality():
    with pytest.raises(ValueError, match="Sjobbo"):
        kb.load("Sjobbo")


def test_municipality_without_budget_has_only_the_approximate_base_year():
    with pytest.raises(ValueError, match=r"base_year = 2023 is not available for Lund \(1281\).*2024"):
        kb.load("Lund", base_year=2023)


def test_unavailable_base_year(sjobo):
    with pytest.raises(ValueError, match="base_year = 2019"):
        kb.load("Sjöbo", base_year=2019)


def test_horizon_before_base_year(sjobo):
    with pytest.raises(ValueError, match="horizon = 2023.*2024"):
        sjobo.project(2023)


def test_percent_instead_of_fraction(sjobo):
    with pytest.raises(kb.InputError, match=r"tax_base_growth\[2026\] = 4.6.*did you mean 0.046"):
        sjobo.with_assumptions(tax_base_growth={2026: 4.6}).project(2028)


def test_nan_assumption_is_refused(sjobo):
    with pytest.raises(ValueError, match=r"labour_cost_change\[2026\] = nan"):
        sjobo.with_assumptions(labour_cost_change={2026: math.nan})


def test_unknown_assumption_name(sjobo):
    with pytest.raises(ValueError, match="'tax_growth' does not exist.*tax_base_growth"):
        sjobo.with_assumptions(tax_growth=0.03)


def test_assumption_values_and_years_are_checked(sjobo):
    with pytest.raises(ValueError, match="tax_base_growth = None is not a number"):
        sjobo.with_assumptions(tax_base_growth=None)
    with pytest.raises(ValueError, match="year 2024 is not a projection year; expected 2025-2074"):
        sjobo.with_assumptions(tax_base_growth={2024: 0.03})


def test_tax_rate_given_as_fraction(sjobo):
    with pytest.raises(ValueError, match=r"tax_rate_kr_per_100kr\[2026\] = 0.2092.*did you mean 20.92"):
        sjobo.with_assumptions(tax_rate_kr_per_100kr={2026: 0.2092}).project(2027)


def test_grant_growth_cannot_override_given_grants(sjobo):
    with pytest.raises(ValueError, match=r"grant_growth:regulation_grant is set for \[2026\].*grant_amount"):
        sjobo.with_assumptions(**{"grant_growth:regulation_grant": {2026: 0.03}})
    # After the plan it applies: the regulation grant (18.2 MSEK in 2027, Budget 2024 note) held in 2028, +3 % 2029;
    # 2030 is left to the regulation rule, which lowers it.
    frame = sjobo.with_assumptions(**{"grant_growth:regulation_grant": {2028: 0.0, 2029: 0.03}}).project(
        2030).revenue("id")
    assert frame.loc["grant:regulation_grant", 2028] == pytest.approx(18.2)
    assert frame.loc["grant:regulation_grant", 2029] == pytest.approx(18.2 * 1.03, rel=1e-12)
    assert frame.loc["grant:regulation_grant", 2030] < 18.2 * 1.03


def test_far_horizon_names_the_allowed_range(sjobo):
    with pytest.raises(ValueError, match=r"horizon = 3000 is outside the allowed range \[2024, 2074\]"):
        sjobo.project(3000)
    with pytest.raises(ValueError, match="horizon = '20x0' is not a year"):
        sjobo.project("20x0")
    assert sjobo.project("2026").years == [2024, 2025, 2026]


def test_api_accepts_target_text_and_names(sjobo):
    p = sjobo.project(2030)
    assert list(p.required_tax_rates(["result"]).index) == ["current", "result"]
    assert p.sustained_change("share:0.02", 2025) == pytest.approx(
        p.sustained_change(kb.parse_target("share:0.02"), 2025))
    c = kb.compare("Sjöbo", horizon=2030, target="share:0.02")
    assert c.tax_change_kr_per_100kr > 0
    with pytest.raises(ValueError, match="taxable_income_kr = -1"):
        kb.compare(sjobo, horizon=2030, household_income_kr=-1)


def test_changed_plan_years_are_labelled(sjobo):
    changed = sjobo.with_assumptions(labour_cost_change={2026: 0.05}).project(2028)
    # 2027 is changed too: its costs are 2026's carried forward.
    assert changed.year_status() == {2024: "budget", 2025: "plan", 2026: "plan, changed", 2027: "plan, changed",
                                     2028: "projection"}


def test_weight_outside_unit_interval(sjobo):
    with pytest.raises(ValueError, match=r"labour_weight\[2025\] = 69.1.*did you mean 0.691"):
        sjobo.with_assumptions(labour_weight={2025: 69.1}).project(2026)


def test_impossible_target(projection):
    with pytest.raises(ValueError, match=r"target.share = 0.9"):
        projection.required_tax_rates([kb.parse_target("share:0.9")])


def test_parse_target():
    assert kb.parse_target("share:0.02").share == pytest.approx(0.02)
    assert kb.parse_target("balanced-budget").kind == kb.TargetKind.BALANCED_BUDGET_RESULT
    with pytest.raises(ValueError, match="'two percent'"):
        kb.parse_target("two percent")


def test_keyword_construction_rejects_unknown_fields():
    with pytest.raises(TypeError, match="unknown field 'rate_kr'"):
        kb.TaxChange(from_year=2025, rate_kr=0.5)


def test_core_messages_reach_python_logging(sjobo, caplog):
    _core.set_log_level("debug")
    try:
        with caplog.at_level(logging.DEBUG, logger="kommunbudget.core"):
            sjobo.with_assumptions().project(2026)  # a fresh copy: its projector is built (and logged) anew
    finally:
        _core.set_log_level("info")
    assert any("1265 Sjöbo" in r.getMessage() and r.name == "kommunbudget.core" for r in caplog.records)
    with pytest.raises(ValueError, match="verbose"):
        _core.set_log_level("verbose")


def test_realisation_gain_is_deducted_for_the_balanced_budget_result(sjobo):
    # LKBR 11 kap. 10 §: a gain raises the result but not the balanced-budget result; printed negative.
    base = sjobo.project(2028).statement(language="id")
    sold = sjobo.with_assumptions(realisation_gains_msek={2028: 5.0}).project(2028).statement(language="id")
    assert sold.loc["result", 2028] - base.loc["result", 2028] == pytest.approx(5.0)
    assert sold.loc["realisation_gains", 2028] == pytest.approx(-5.0)
    assert sold.loc["balanced_budget_result", 2028] == pytest.approx(base.loc["balanced_budget_result", 2028])
    assert not (np.signbit(base.loc["realisation_gains"]) & (base.loc["realisation_gains"] == 0)).any()
