"""Tests of the presets (kommunbudget.presets).

Expected values are derived here from the report's figures (REPORT-FACTS.md) and from the embedded data file,
read with the csv module, independently of the code under test.
"""
from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from kommunbudget import _core
from kommunbudget import checklist as cl
from kommunbudget import presets as pr

DATA = resources.files("kommunbudget") / "data" / "files"
REQUIRED_PRESETS = {"solna-households", "national-assistance-2024", "vaxjo-premises", "lomma-premises-target",
                    "tjorn-scheduling", "orust-political-cost", "staffanstorp-case-handling"}


def flat_projection_inputs(base_year: int, horizon: int) -> tuple[_core.BaseYearState, _core.Assumptions]:
    """A synthetic municipality with no price, volume or tax base growth: measures show at face value."""
    const = _core.YearSeries.constant
    years = (base_year + 1, horizon)
    base = _core.BaseYearState(code="0000", name="Test", year=base_year, tax_rate_kr_per_100kr=20.0,
                               tax_base_msek=10000.0, general_grants_msek=0.0,
                               cost_lines=[_core.CostLine(name="all", cost_msek=2000.0,
                                                          volume_growth=const("volume_growth", *years, 0.0))])
    price = _core.PriceIndex()
    price.labour_cost_change = const("labour_cost_change", *years, 0.0)
    price.other_cost_change = const("other_cost_change", *years, 0.0)
    price.labour_weight = const("labour_weight", *years, 0.7)
    assumptions = _core.Assumptions(price_index=price)
    for name in ("tax_base_growth", "operating_income_growth", "general_grants_growth", "depreciation_msek",
                 "financial_income_msek", "financial_costs_msek"):
        setattr(assumptions, name, const(name, *years, 0.0))
    return base, assumptions


# ----------------------------------------------------------------------------------------------------------
# The list
# ----------------------------------------------------------------------------------------------------------


def test_the_report_cases_are_there():
    names = [p.name for p in pr.presets()]
    assert len(names) == len(set(names))
    assert REQUIRED_PRESETS <= set(names)


def test_every_preset_is_complete_and_points_to_its_topics():
    for p in pr.presets():
        assert p.lever in cl.LEVER_KINDS, p.name
        assert p.description and p.note, p.name
        assert "report" in p.source or "Socialstyrelsen" in p.source, p.name
        assert p.requires, p.name  # every preset needs at least one figure of the user's own
        assert p.topics and all(1 <= t <= 19 for t in p.topics), p.name
        for t in p.topics:
            entry = cl.item(t)
            assert p.lever in entry.levers or not entry.modelled, (p.name, t)


def test_parameters_are_read_only():
    p = pr.preset("lomma-premises-target")
    with pytest.raises(TypeError):
        p.parameters["share"] = 0.5  # type: ignore[index]
    assert dict(p.parameters)["share"] == 0.10


def test_unknown_preset_names_the_value_and_the_known_names():
    with pytest.raises(ValueError, match=r"'nowhere-preset'.*lomma-premises-target"):
        pr.preset("nowhere-preset")
    with pytest.raises(ValueError, match=r"'nowhere-preset'"):
        pr.build("nowhere-preset", start_year=2026)


# ----------------------------------------------------------------------------------------------------------
# Solna
# ----------------------------------------------------------------------------------------------------------


def test_solna_trend_reproduces_2197_to_337_in_20_years():
    trend = pr.solna_household_trend()
    assert 2197 * (1 + trend) ** 20 == pytest.approx(337, abs=1e-6)
    assert trend == pytest.approx(-0.0895, abs=1e-4)
    p = pr.preset("solna-households")
    assert p.parameters["yearly_change"] == trend
    assert p.figures["first_households"] == 2197 and p.figures["last_households"] == 337


def test_solna_path_through_the_core_from_base_year_1998():
    trend = pr.solna_household_trend()
    policy = pr.build("solna-households", baseline_households=2197.0, cost_per_household_kr=10000.0,
                      start_year=1998, household_trend=trend, target_reduction=1.0, ramp_years=1)
    assert isinstance(policy, _core.WorkLinePolicy)
    base, assumptions = flat_projection_inputs(1998, 2018)
    statement = _core.project(base, assumptions, 2018, _core.Measures(work_lines=[policy]))
    # With the whole baseline path removed, the households removed are the baseline path itself.
    reduced = list(statement.work_line_households_reduced)
    assert statement.years[0] == 1998 and statement.years[-1] == 2018
    assert reduced[0] == pytest.approx(2197.0, abs=1e-9)
    assert reduced[-1] == pytest.approx(337.0, abs=1e-6)


def test_solna_default_applies_the_pace_over_the_ramp():
    trend = pr.solna_household_trend()
    policy = pr.build("solna-households", baseline_households=500.0, cost_per_household_kr=80000.0,
                      start_year=2026)
    ramp = pr.preset("solna-households").parameters["ramp_years"]
    assert policy.ramp_years == ramp
    assert policy.target_reduction == pytest.approx(1 - (337 / 2197) ** (ramp / 20))
    assert policy.target_reduction == pytest.approx(1 - (1 + trend) ** ramp)
    assert policy.household_trend == 0.0 and policy.share_into_work == 0.0
    assert policy.name == "solna-households"


def test_solna_needs_the_cost_per_household():
    with pytest.raises(ValueError, match=r"cost_per_household_kr.*national-assistance-2024"):
        pr.build("solna-households", baseline_households=500.0, start_year=2026)


# ----------------------------------------------------------------------------------------------------------
# National assistance 2024
# ----------------------------------------------------------------------------------------------------------


def national_row() -> dict[str, str]:
    with (DATA / "ekonomiskt_bistand.csv").open("r", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["niva"] == "riket" and r["ar"] == "2024"]
    assert len(rows) == 1
    return rows[0]


def test_national_cost_per_household_is_read_from_the_file():
    row = national_row()
    expected = float(row["utbetalt_tkr"]) * 1000 / float(row["bistandshushall"])
    p = pr.preset("national-assistance-2024")
    cost = p.parameters["cost_per_household_kr"]
    assert cost == pytest.approx(expected, rel=1e-12)
    assert cost == pytest.approx(10_915_807_000 / 145_456, rel=1e-12)
    assert abs(cost - float(row["belopp_per_hushall_kr"])) < 1.0
    assert abs(cost - 75_045) < 1.0
    assert "ekonomiskt_bistand.csv" in p.source and "Socialstyrelsen" in p.source


def test_national_builds_a_work_line_with_that_cost():
    cost = pr.preset("national-assistance-2024").parameters["cost_per_household_kr"]
    policy = pr.build("national-assistance-2024", baseline_households=400.0, start_year=2026,
                      target_reduction=0.1, ramp_years=3, implementation_cost_msek=1.5)
    assert isinstance(policy, _core.WorkLinePolicy)
    assert policy.cost_per_household_kr == cost
    assert (policy.baseline_households, policy.target_reduction, policy.ramp_years) == (400.0, 0.1, 3)
    assert policy.implementation_cost_msek == 1.5
    own = pr.build("national-assistance-2024", baseline_households=400.0, start_year=2026, target_reduction=0.1,
                   cost_per_household_kr=60000.0)
    assert own.cost_per_household_kr == 60000.0


# ----------------------------------------------------------------------------------------------------------
# Premises: Växjö and Lomma
# ----------------------------------------------------------------------------------------------------------


def test_vaxjo_base_and_outcome():
    p = pr.preset("vaxjo-premises")
    assert p.lever == "premises_target"
    assert p.figures["base_msek"] == pytest.approx(9 / 0.20) == pytest.approx(45.0)
    assert p.figures["outcome_msek"] / p.figures["base_msek"] == pytest.approx(16 / 45)
    assert 16 / 45 == pytest.approx(1 / 3, abs=0.03)
    saving = pr.build(p, premises_cost_msek=45.0, start_year=2026)
    assert isinstance(saving, _core.FixedSaving)
    assert saving.amount_msek == pytest.approx(9.0)
    outcome = pr.build(p, premises_cost_msek=45.0, start_year=2026, share=16 / 45)
    assert outcome.amount_msek == pytest.approx(16.0)


def test_lomma_base_200_msek_and_its_saving_in_a_projection():
    p = pr.preset("lomma-premises-target")
    assert p.figures["base_msek"] == pytest.approx(20 / 0.10) == pytest.approx(200.0)
    saving = pr.build(p, premises_cost_msek=200.0, start_year=2025, ramp_years=2)
    assert saving.amount_msek == pytest.approx(20.0)
    assert saving.labour_share == 0.0 and saving.name == "lomma-premises-target"
    base, assumptions = flat_projection_inputs(2024, 2027)
    statement = _core.project(base, assumptions, 2027, _core.Measures(fixed_savings=[saving]))
    assert list(statement.fixed_saving) == pytest.approx([0.0, 10.0, 20.0, 20.0])


def test_missing_premises_cost_is_named():
    with pytest.raises(ValueError, match=r"'lomma-premises-target'.*premises_cost_msek"):
        pr.build("lomma-premises-target", start_year=2026)


# ----------------------------------------------------------------------------------------------------------
# Tjörn, Orust, Staffanstorp
# ----------------------------------------------------------------------------------------------------------


def test_tjorn_applies_the_shares_to_the_users_costs():
    saving = pr.build("tjorn-scheduling", overtime_cost_msek=4.0, substitute_cost_msek=10.0, start_year=2026,
                      realised_share=0.5)
    assert saving.amount_msek == pytest.approx(0.70 * 4.0 + 0.30 * 10.0)
    assert saving.realised_share == 0.5 and saving.labour_share == 1.0
    with pytest.raises(ValueError, match="substitute_cost_msek"):
        pr.build("tjorn-scheduling", overtime_cost_msek=4.0, start_year=2026)


def test_orust_needs_the_political_cost_and_halves_it():
    with pytest.raises(ValueError, match="political_cost_msek"):
        pr.build("orust-political-cost", start_year=2026)
    saving = pr.build("orust-political-cost", political_cost_msek=12.0, start_year=2026)
    assert isinstance(saving, _core.FixedSaving)
    assert saving.amount_msek == pytest.approx(6.0)
    assert saving.start_year == 2026


def test_staffanstorp_is_30_percent_more_output_on_the_case_handling_share():
    measure = pr.build("staffanstorp-case-handling", case_handling_share=0.25, from_year=2026,
                       cost_line="individ- och familjeomsorg")
    assert isinstance(measure, _core.EfficiencyMeasure)
    saving_share = measure.rate / 0.25
    assert (1 - saving_share) * 1.30 == pytest.approx(1.0)  # the same cases at 1/1.3 of the cost
    assert measure.yearly is False and measure.cost_line == "individ- och familjeomsorg"
    assert measure.on_gross is True  # case_handling_share is a share of the gross cost
    base, assumptions = flat_projection_inputs(2025, 2027)
    everything = pr.build("staffanstorp-case-handling", case_handling_share=0.1, from_year=2026)
    statement = _core.project(base, assumptions, 2027, _core.Measures(efficiency=[everything]))
    assert statement.efficiency_saving[-1] == pytest.approx(2000.0 * 0.1 * (1 - 1 / 1.3))
    with pytest.raises(ValueError, match="case_handling_share"):
        pr.build("staffanstorp-case-handling", from_year=2026)


# ----------------------------------------------------------------------------------------------------------
# Errors of build()
# ----------------------------------------------------------------------------------------------------------


def test_unknown_and_computed_parameters_are_refused():
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) politcal_cost_msek"):
        pr.build("orust-political-cost", politcal_cost_msek=12.0, start_year=2026)
    with pytest.raises(ValueError, match=r"amount_msek is computed"):
        pr.build("orust-political-cost", political_cost_msek=12.0, start_year=2026, amount_msek=1.0)
    with pytest.raises(ValueError, match=r"rate is computed"):
        pr.build("staffanstorp-case-handling", case_handling_share=0.1, from_year=2026, rate=0.2)


@pytest.mark.parametrize(("key", "value"), [("political_cost_msek", -1.0), ("political_cost_msek", "12"),
                                            ("share", 1.5), ("start_year", 2026.0)])
def test_bad_figures_are_named(key, value):
    figures = {"political_cost_msek": 12.0, "start_year": 2026, key: value}
    with pytest.raises(ValueError, match=rf"'orust-political-cost'.*{re.escape(key)}"):
        pr.build("orust-political-cost", **figures)


def test_preset_inputs_are_checked_against_the_core_range_of_what_they_become():
    # A fixed saving's amount is at most 1e5 MSEK (docs/model.md §14, FixedSaving.amount_msek): a cost the preset
    # turns into a saving is refused at that bound, named by the preset's own key, before any projection.
    with pytest.raises(ValueError, match=r"'tjorn-scheduling': overtime_cost_msek = 1000000000.0 is outside the "
                                         r"allowed range \[0, 100000\]"):
        pr.build("tjorn-scheduling", overtime_cost_msek=1e9, substitute_cost_msek=20.0, start_year=2026)
    with pytest.raises(ValueError, match=r"'orust-political-cost': share = 1.5 is outside the allowed range \[0, 1\]"):
        pr.build("orust-political-cost", share=1.5, political_cost_msek=10.0, start_year=2026)


def test_a_productivity_gain_given_in_percent_is_refused_with_the_fraction_it_means():
    # "30 % more efficient" is 0.3; 5 (500 %) or 30 are percent slips, not gains.
    for gain, meant in ((5, "0.05"), (30, "0.3")):
        with pytest.raises(ValueError, match=rf"productivity_gain = {gain} is outside the allowed range \[0, 1\]; "
                                             rf"did you mean {meant}\?"):
            pr.build("staffanstorp-case-handling", from_year=2026, case_handling_share=0.3, productivity_gain=gain)
