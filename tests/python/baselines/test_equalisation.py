"""Sjöbo's general grants itemised and calibrated, against its budget notes (finansiellinfo.se/Sjobo/Budget-2024
and /Budget-2025, Noter), and the marginal effects of the equalisation derived by hand."""
from __future__ import annotations

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget import _core
from kommunbudget.baselines.grants import itemised_grants

# Budget-2025 note (2025): income equalisation 280.1, cost equalisation −29.9, regulation grant 51.0, LSS −9.2,
# property fee 65.6, other 0.0; general grants 357.6.
BUDGET_2025_NOTE = {"utj_inkomstutjamning": 280.1, "utj_kostnadsutjamning": -29.9, "utj_regleringsbidrag_avgift": 51.0,
                    "utj_lss_utjamning": -9.2, "utj_kommunal_fastighetsavgift": 65.6, "utj_ovriga_statsbidrag": 0.0}


def test_budget_2024_calibration_and_items(tmp_path):
    p = kb.load("Sjöbo").project(2024).revenue(language="id")
    assert p.loc["income_equalisation", 2024] == pytest.approx(262.6, abs=1e-9)
    assert p.loc["general_grants", 2024] == pytest.approx(327.0, abs=1e-9)
    items = ["grant:cost_equalisation", "grant:lss_equalisation", "grant:regulation_grant", "grant:structural_grant",
             "grant:property_fee", "grant:other_general_grants"]
    # Budget-2024 note: −29.0 − 4.6 + 44.3 + 0 + 53.7 + 0.0, with their signs.
    assert p.loc[items, 2024].sum() == pytest.approx(-29.0 - 4.6 + 44.3 + 53.7)
    assert p.loc[items + ["income_equalisation"], 2024].sum() == pytest.approx(327.0)


def _itemised_base_2025(fields: dict, general_grants_msek: float, tax_base_msek: float) -> _core.BaseYearState:
    """A 2025 base year with the grant fields of the Budget-2025 note (operating costs from the 2025 plan)."""
    base = _core.BaseYearState(code="1265", name="Sjöbo", year=2025, tax_rate_kr_per_100kr=20.92,
                               tax_base_msek=tax_base_msek, general_grants_msek=general_grants_msek,
                               cost_lines=[_core.CostLine(name="operating_costs", cost_msek=1647.8)])
    base.itemised_grants = True
    base.equalisation = _core.IncomeEqualisation(**fields["equalisation"])
    base.population = fields["population"]
    base.national_tax_capacity_kr = fields["national_tax_capacity_kr"]
    base.income_equalisation_msek = fields["income_equalisation_msek"]
    base.grant_items = [_core.GrantItem(**g) for g in fields["grant_items"]]
    return base


def test_budget_2025_calibration_reproduces_the_note():
    fields, sources = itemised_grants("1265", 2025, BUDGET_2025_NOTE, "Sjöbo Budget-2025, Noter")
    assert sources["income_equalisation_msek"].kind == "data"
    base = _itemised_base_2025(fields, 357.6, 1026.1 / 0.2092)
    statement = _core.project(base, _core.Assumptions(), 2025)
    assert statement.income_equalisation[0] == pytest.approx(280.1, abs=1e-9)
    assert statement.general_grants[0] == pytest.approx(357.6, abs=1e-9)


def test_items_that_do_not_sum_to_the_total_are_refused():
    fields, _ = itemised_grants("1265", 2025, BUDGET_2025_NOTE, "note")
    base = _itemised_base_2025(fields, 350.0, 4900.0)
    with pytest.raises(ValueError, match=r"general_grants_msek\[2025\] = 350.*sum to 357.6"):
        base.validate()


def test_implied_own_capacity_is_close_to_scb_index():
    # Calibration: the own capacity that reproduces 262.6 MSEK. SCB's index for Sjöbo (skattekraft 2023,
    # 213 414 kr against the national 239 220 kr, skatteunderlag_kommun.csv) is 89.2 %; the implied index must be
    # close (with c = 1 on the county rate; the rest is the population date and the uprating).
    m = kb.load("Sjöbo")
    projector = m.projector(2024)
    implied = projector.implied_own_tax_capacity_kr
    index = implied / m.base_fields["national_tax_capacity_kr"]
    assert index == pytest.approx(213414 / 239220, abs=0.01)


def test_raising_the_rate_leaves_the_equalisation_unchanged():
    m = kb.load("Sjöbo")
    base = m.project(2028)
    raised = m.project(2028, kb.Measures(tax_changes=[kb.TaxChange(from_year=2026, change_kr_per_100kr=0.25)]))
    np.testing.assert_array_equal(raised.line("income_equalisation"), base.line("income_equalisation"))
    diff = raised.line("tax_revenue") - base.line("tax_revenue")
    np.testing.assert_allclose(diff, np.where(np.array(base.years) >= 2026, 0.25 / 100 * base.line("tax_base"), 0),
                               atol=1e-9)


def test_added_earnings_are_mostly_equalised_away_from_two_years_on():
    m = kb.load("Sjöbo")
    base = m.project(2030)
    more = m.project(2030, kb.Measures(earned_income_changes=[kb.EarnedIncomeChange(income_year=2026,
                                                                                     amount_msek=10.0)]))
    years = base.years
    diff = more.line("result") - base.line("result")
    assert np.all(diff[: years.index(2028)] == 0.0)  # nothing before 2028
    k = years.index(2028)
    # Reaches 2028 uprated by the tax base growth of 2027 (plan-derived) and 2028 (the vintage's 4 % per inhabitant:
    # over Sweden's population growth of 2024, SCB +36 003 on 10 551 707, on Sjöbo's population held).
    growth_2027 = base.line("tax_base")[years.index(2027)] / base.line("tax_base")[years.index(2026)] - 1
    added = 10.0 * (1 + growth_2027) * 1.04 / (1 + 36_003 / (10_587_710 - 36_003))
    assert more.line("tax_base")[k] - base.line("tax_base")[k] == pytest.approx(added, rel=1e-12)
    own = 0.2092 * added
    offset = 0.1970 * added  # Skåne's county rate (which stands at 95 % of the county average), below the guarantee
    assert diff[k] == pytest.approx(own - offset, rel=1e-9)
    assert more.line("kept_per_krona")[k] == pytest.approx(0.2092 - 0.197)
    assert diff[k + 1] == pytest.approx(0.0, abs=1e-9)  # one-off
