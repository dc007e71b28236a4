"""The calibration of an adopted plan and the approximate baseline's neutral path, both computed by the core
(``docs/model.md`` §11-12).

Expected values come from the adopted budget's rows in ``resultatrakningar_exempel.csv`` (read here), from the
figures printed in ``docs/model.md`` §11-12, or from derivations written out in the test; never from the code under
test.
"""
from __future__ import annotations

import pytest

import kommunbudget as kb
from kommunbudget.baselines.plan import calibrate, population_series, tax_rate_records, tax_rate_series
from kommunbudget.baselines.revenue_inputs import approximate_revenue
from kommunbudget.baselines.vintages import get_vintage
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance

PLAN_YEARS = [2025, 2026, 2027]

#: The adopted budget's posts and the statement lines that must reproduce them (statutory signs, MSEK).
PLAN_LINES = {
    "skatteintakter": "tax_revenue",
    "verksamhetens_intakter": "operating_income",
    "verksamhetens_kostnader": "operating_costs",
    "utj_inkomstutjamning": "income_equalisation",
}


@pytest.fixture(scope="module")
def sjobo() -> kb.Municipality:
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def printed() -> dict[tuple[str, int], float]:
    """Sjöbo's Budget 2024 with plan 2025-2027 as the data file holds it: (post, year) -> MSEK."""
    table = kb.data.read_table("resultatrakningar_exempel.csv")
    rows = table[table["kalla"].str.contains("Sjobo/Budget-2024", regex=False) & table["post"].isin(PLAN_LINES)
                 & table["ar"].between(2024, 2027)]
    return {(r["post"], int(r["ar"])): float(r["belopp_mnkr"]) for _, r in rows.iterrows()}


@pytest.mark.parametrize("year", PLAN_YEARS)
def test_the_calibrated_plan_reproduces_the_printed_plan(sjobo, printed, year):
    # The core's closed-form calibration: projected with its growth, the plan's tax revenue, operating income,
    # operating costs and income equalisation come back to rounding (the file holds one decimal).
    projection = sjobo.project(2027)
    k = projection.years.index(year)
    for post, line in PLAN_LINES.items():
        assert projection.line(line)[k] == pytest.approx(printed[(post, year)], abs=1e-6), (post, year)


def test_the_calibrated_growth_is_the_one_printed_in_the_model_documentation(sjobo):
    # docs/model.md §11, Sjöbo plan 2025-2027 (percent, two decimals).
    expected = {
        "tax_base_growth": [4.77, 4.66, 3.90],
        "operating_income_growth": [4.98, 4.60, 4.61],
        "volume_growth:other_activities": [-3.03, 1.71, 1.58],
        "national_tax_capacity_growth": [4.39, 4.39, 3.78],
    }
    for name, values in expected.items():
        got = [round(sjobo.assumptions.get(name, year)[0] * 100, 2) for year in PLAN_YEARS]
        assert got == values, name
        assert {sjobo.assumptions.get(name, year)[1].kind for year in PLAN_YEARS} == {"derived"}, name
    # After the plan the last plan year's volume continues (1.58 %) and the own tax base grows as the vintage's 4 %
    # national tax base per inhabitant (over Sweden's population growth of 2024, SCB: +36 003 on 10 551 707) on
    # Sjöbo's population, held.
    assert round(sjobo.assumptions.get("volume_growth:preschool", 2030)[0] * 100, 2) == 1.58
    per_inhabitant = 1.04 / (1 + 36_003 / (10_587_710 - 36_003)) - 1
    assert sjobo.assumptions.get("tax_base_growth", 2030)[0] == pytest.approx(per_inhabitant, rel=1e-12)


def test_general_grants_provenance_no_longer_says_equalisation_is_not_modelled(sjobo):
    # The items replace the total (itemised grants); the texts of the assumptions do not claim the formula is absent.
    table = sjobo.project(2030).assumptions(detail=True)
    assert not table["source"].str.contains("not yet modelled").any()


def plan_items(rows: dict[int, dict[str, float]]):
    """``item(year, post, default=None)`` over ``rows``, refusing a missing post without a default (as a budget)."""
    def item(year, post, default=None):
        if post in rows[year]:
            return rows[year][post]
        if default is None:
            raise ValueError(f"item {post!r} is missing for {year}")
        return default
    return item


def test_a_plan_figure_outside_its_range_is_refused_naming_the_year(sjobo):
    rates = tax_rate_series(tax_rate_records("1265"), 2024)
    population = population_series(float(sjobo.base_fields["population"]))
    plan = {"verksamhetens_intakter": 352.3, "verksamhetens_kostnader": -1647.8, "utj_inkomstutjamning": 270.6}

    def run(rows, use_plan_growth=True):
        return calibrate(sjobo.base_fields, [2025], plan_items({2025: rows}), lambda _y: 1042.8, rates, population,
                         get_vintage(), use_plan_growth)

    assert run(plan).volume_growth.as_dict()[2025] == pytest.approx(1647.8 / 1656.2 / 1.026 - 1, rel=1e-12)
    with pytest.raises(ValueError, match=r"plan\.operating_income_msek.*2025"):
        run({**plan, "verksamhetens_intakter": -1.0})
    # The plan's income equalisation is needed only where its national growth is used.
    without = {k: v for k, v in plan.items() if k != "utj_inkomstutjamning"}
    with pytest.raises(ValueError, match="utj_inkomstutjamning"):
        run(without)
    assert run(without, use_plan_growth=False).operating_income_growth.as_dict()[2025] == pytest.approx(
        352.3 / 335.6 - 1, rel=1e-12)


def test_the_neutral_volume_is_the_tax_base_growth_after_pkv():
    # docs/model.md §12: with 4 % tax base growth and 2.6 % PKV, v = 1.04 / 1.026 − 1 = 1.36 % a year, every line.
    lund = kb.load("Lund")
    vintage = lund.assumptions
    for year in (2025, 2030, 2074):
        g = vintage.get("tax_base_growth", year)[0]
        weight = vintage.get("labour_weight", year)[0]
        pkv = weight * vintage.get("labour_cost_change", year)[0] + (1 - weight) * vintage.get("other_cost_change",
                                                                                                year)[0]
        for line in lund.cost_line_names():
            assert lund.assumptions.get(f"volume_growth:{line}", year)[0] == pytest.approx((1 + g) / (1 + pkv) - 1,
                                                                                           rel=1e-12)
    assert round(lund.assumptions.get("volume_growth:preschool", 2030)[0] * 100, 2) == 1.36


def test_the_neutral_volume_is_shared_and_a_change_stays_with_its_municipality():
    lund, ystad = kb.load("Lund"), kb.load("Ystad")
    a, b = lund.assumptions["volume_growth:preschool"], ystad.assumptions["volume_growth:preschool"]
    assert a is b  # one frozen series per vintage, base year and line
    assert a.values is lund.assumptions["volume_growth:elderly_care"].values  # one mapping for every line
    changed = lund.with_assumptions(volume_growth=0.01)
    assert changed.assumptions.get("volume_growth:preschool", 2026)[0] == 0.01
    assert kb.load("Ystad").assumptions.get("volume_growth:preschool", 2026)[0] == pytest.approx(1.04 / 1.026 - 1)
    assert lund.assumptions.get("volume_growth:preschool", 2026)[0] == pytest.approx(1.04 / 1.026 - 1)
    other = get_vintage("government-uprating-2024-09")
    assert kb.load("Lund", vintage=other).assumptions["volume_growth:preschool"] is not a


def test_the_derived_grant_item_grows_with_the_tax_base_by_the_cores_rule():
    lund = kb.load("Lund")
    paths = lund.assumptions.to_core(2025, 2030, lund.grant_item_names()).grant_items
    assert [(p.name, p.growth_follows_tax_base, len(p.growth), len(p.amounts_msek)) for p in paths] == [
        ("other_items_derived", True, 0, 0)]
    # Another tax base growth moves the item with it: 2 % a year from its base-year amount.
    item = dict(zip(range(2024, 2028), lund.with_assumptions(tax_base_growth=0.02).project(2027).line(
        "other_general_grants"), strict=True))
    assert item[2024] == pytest.approx(lund.base_fields["grant_items"][0]["amount_msek"], abs=1e-12)
    assert [item[y] / item[y - 1] for y in (2025, 2026, 2027)] == pytest.approx([1.02] * 3, rel=1e-12)
    # A growth set for one year overrides the rule that year only.
    held = lund.with_assumptions(**{"grant_growth:other_items_derived": {2026: 0.0}}).project(2027)
    item = dict(zip(range(2024, 2028), held.line("other_general_grants"), strict=True))
    assert [item[y] / item[y - 1] for y in (2025, 2026, 2027)] == pytest.approx([1.04, 1.0, 1.04], rel=1e-12)


def test_a_general_grants_growth_that_follows_the_tax_base_goes_to_the_core_as_the_rule(sjobo):
    rule = Provenance("default", "grows with the tax base")
    series = dict(sjobo.assumptions.series)
    series["general_grants_msek"] = AssumptionSeries("general_grants_msek", "MSEK", {2025: 324.4},
                                                     {2025: Provenance("data", "plan")})
    series["general_grants_growth"] = AssumptionSeries("general_grants_growth", "fraction per year",
                                                       tail_follows="tax_base_growth", tail_from=2026,
                                                       tail_provenance=rule)
    out = AssumptionSet("total", "grants as a total", series).to_core(2025, 2030)
    assert out.general_grants_growth_follows_tax_base is True and len(out.general_grants_growth) == 0
    assert out.general_grants_msek.as_dict() == {2025: 324.4}


def test_the_approximate_balancing_item_closes_the_base_year():
    # docs/model.md §12: X = SCB net costs − tax revenue − income equalisation, so that the 2024 result is 0.
    lund = kb.load("Lund")
    row = approximate_revenue("1281", 2024)
    costs = sum(line["cost_msek"] for line in lund.base_fields["cost_lines"])
    item = lund.base_fields["grant_items"][0]
    assert item["name"] == "other_items_derived"
    assert item["amount_msek"] == pytest.approx(costs - row["tax_revenue_msek"] - row["income_equalisation_msek"],
                                                abs=1e-9)


def test_approximate_revenue_is_the_cores_estimate_and_a_fresh_copy():
    row = approximate_revenue("1281", 2024)
    expected = core.estimate_revenue(kb.revenue.equalisation_parameters(row["county_code"])[0], row["tax_rate"],
                                     row["tax_base_msek"], row["own_tax_capacity_kr"], row["national_tax_capacity_kr"],
                                     row["population"])
    for name in ("tax_revenue_msek", "one_ore_msek", "one_ore_kr_per_inhabitant", "income_equalisation_msek",
                 "income_equalisation_kr_per_inhabitant", "equalisation_change_per_krona", "kept_per_krona",
                 "capacity_index"):
        assert row[name] == getattr(expected, name), name
    # Written out: tax = rate / 100 × tax base; one öre = tax base / 10 000; index = own / national × 100.
    assert row["tax_revenue_msek"] == pytest.approx(row["tax_rate"] / 100 * row["tax_base_msek"], rel=1e-12)
    assert row["one_ore_msek"] == pytest.approx(row["tax_base_msek"] / 10_000, rel=1e-12)
    assert row["capacity_index"] == pytest.approx(row["own_tax_capacity_kr"] / row["national_tax_capacity_kr"] * 100,
                                                  rel=1e-12)
    row["tax_revenue_msek"] = -1.0
    assert approximate_revenue("1281", 2024)["tax_revenue_msek"] > 0


def test_skurups_approximate_base_year_is_the_one_printed_in_the_model_documentation():
    # docs/model.md §12, check (Skurup, 1264): net costs 1 086.5, T = 819.0, E = 233.9, X = 33.6 MSEK.
    skurup = kb.load("Skurup")
    projection = skurup.project(2024)
    assert projection.line("operating_costs")[0] == pytest.approx(-1086.5, abs=0.05)
    assert projection.line("tax_revenue")[0] == pytest.approx(819.0, abs=0.05)
    assert projection.line("income_equalisation")[0] == pytest.approx(233.9, abs=0.05)
    assert skurup.base_fields["grant_items"][0]["amount_msek"] == pytest.approx(33.6, abs=0.05)
