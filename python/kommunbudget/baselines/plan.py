"""The assumptions that carry an adopted budget forward: the plan years reproduced through growth derived from the
plan, the national figures from the vintage, and documented defaults after the plan (``docs/model.md`` §11).
"""
from __future__ import annotations

from kommunbudget.baselines.grants import GRANT_ITEMS, INCOME_EQUALISATION_ITEM
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.municipalities import info
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.model.defaults import PKV_CHANGE, TAX_RATE_HELD

__all__ = ["negate", "plan_assumptions", "plan_equalisation", "tax_rate_records"]


def tax_rate_records(code: str) -> dict[int, tuple[float, Provenance]]:
    """The own municipal rate by year (kr per 100 kr) with its provenance: ``data`` where published or corrected,
    ``derived`` where the data curator derived it (2024), from :func:`kommunbudget.data.municipalities.info`."""
    out = {}
    for year, (rate, basis, source) in info(code).tax_rates.items():
        kind = "data" if basis in ("published", "corrected") else "derived"
        out[year] = (rate, Provenance(kind, f"{source} ({basis})"))
    return out


def plan_assumptions(code, base_year, plan_years, citation, rates, item, preliminary_tax, settlement,
                     settlement_previous, reserve_use, vintage: Vintage,
                      use_plan_growth: bool, line_names: list[str]) -> AssumptionSet:
    series: dict[str, AssumptionSeries] = {}
    plan_src = Provenance("data", f"adopted plan: {citation}")

    # National assumptions from the vintage: PKV components and weight.
    for name in ("labour_cost_change", "other_cost_change", "labour_weight"):
        series[name] = vintage.series[name]

    # Own tax rate: published rates, then held.
    rate_years = sorted(y for y in rates if y > base_year)
    last_rate = rates[max(rates)][0]
    series["tax_rate_kr_per_100kr"] = AssumptionSeries(
        "tax_rate_kr_per_100kr", "kr per 100 kr", {y: rates[y][0] for y in rate_years},
        {y: rates[y][1] for y in rate_years}, last_rate,
        Provenance("default", f"{TAX_RATE_HELD} ({last_rate:.2f} from {max(rates)})"))

    def rate_for(year: int) -> float:
        return series["tax_rate_kr_per_100kr"].get(year)[0]

    # Growth rates implied by the plan: tax base (tax revenue at the plan year's rate), operating income, volume.
    derived = Provenance("derived", f"implied by the adopted plan ({citation})")
    tax_base = {base_year: core.implied_tax_base_msek(preliminary_tax(base_year), rates[base_year][0])}
    growth_tb, growth_income, volume = {}, {}, {}
    price = core.PriceIndex()
    price.labour_cost_change = series["labour_cost_change"].to_core(base_year + 1, max(plan_years, default=base_year))
    price.other_cost_change = series["other_cost_change"].to_core(base_year + 1, max(plan_years, default=base_year))
    price.labour_weight = series["labour_weight"].to_core(base_year + 1, max(plan_years, default=base_year))
    previous = base_year
    for year in plan_years:
        tax_base[year] = core.implied_tax_base_msek(preliminary_tax(year), rate_for(year), 0.0, year)
        growth_tb[year] = tax_base[year] / tax_base[previous] - 1.0
        growth_income[year] = item(year, "verksamhetens_intakter") / item(previous, "verksamhetens_intakter") - 1.0
        cost_ratio = item(year, "verksamhetens_kostnader") / item(previous, "verksamhetens_kostnader")
        volume[year] = cost_ratio / (1.0 + price.pkv(year)) - 1.0
        previous = year
    series["tax_base_growth"] = vintage.series["tax_base_growth"]
    if use_plan_growth and growth_tb:
        series["tax_base_growth"] = series["tax_base_growth"].with_values(growth_tb, Provenance(
            "derived", f"implied by the adopted plan's tax revenue at the year's rate ({citation})"))
    series["operating_income_growth"] = AssumptionSeries(
        "operating_income_growth", "fraction per year", growth_income, {y: derived for y in growth_income},
        PKV_CHANGE.value,
        Provenance("default", "fees, rents and earmarked grants follow prices: " + PKV_CHANGE.basis))
    last_volume = volume[plan_years[-1]] if plan_years else 0.0
    tail_src = (Provenance("derived", f"the volume growth implied by the plan's last year ({plan_years[-1]}) "
                                      f"continued") if plan_years else
                Provenance("default", "no volume growth: no demographic or activity forecast is embedded"))
    for line in line_names:
        series[f"volume_growth:{line}"] = AssumptionSeries(
            f"volume_growth:{line}", "fraction per year", volume, {y: Provenance(
                "derived", f"implied by the adopted plan's operating costs after PKV ({citation})") for y in volume},
            last_volume, tail_src)

    # Amounts given by the plan, then a rule.
    grants = {y: item(y, "generella_statsbidrag_och_utjamning") for y in plan_years}
    last_grants_year = plan_years[-1] if plan_years else base_year
    series["general_grants_msek"] = AssumptionSeries("general_grants_msek", "MSEK", grants,
                                                     {y: plan_src for y in grants})
    series["general_grants_growth"] = AssumptionSeries(
        "general_grants_growth", "fraction per year", tail_follows="tax_base_growth", tail_from=last_grants_year + 1,
        tail_provenance=Provenance("default", f"after the plan ({last_grants_year}) general grants grow with the "
                                              "tax_base_growth assumption: income equalisation, most of the item, "
                                              "follows the tax base (the equalisation formula is not yet "
                                              "modelled)"))
    for name, key, sign in (("depreciation_msek", "avskrivningar", -1.0),
                            ("financial_income_msek", "finansiella_intakter", 1.0),
                            ("financial_costs_msek", "finansiella_kostnader", -1.0)):
        values = {y: sign * item(y, key) + 0.0 for y in plan_years}
        last = sign * item(last_grants_year, key) + 0.0
        series[name] = AssumptionSeries(name, "MSEK", values, {y: plan_src for y in values}, last,
                                        Provenance("default", f"held at the plan's last year ({last_grants_year}) "
                                                              f"level: no plan beyond it" if plan_years else
                                                   "held at the base-year level: no plan in the data"))
    zero_rule = Provenance("default", "none planned after the adopted plan" if plan_years else
                           "none: no plan in the data")
    series["final_settlement_msek"] = AssumptionSeries(
        "final_settlement_msek", "MSEK", {y: settlement(y) for y in plan_years}, {y: plan_src for y in plan_years},
        0.0, zero_rule)
    series["final_settlement_previous_year_msek"] = AssumptionSeries(
        "final_settlement_previous_year_msek", "MSEK", {y: settlement_previous(y) for y in plan_years},
        {y: plan_src for y in plan_years}, 0.0, zero_rule)
    series["realisation_gains_msek"] = AssumptionSeries(
        "realisation_gains_msek", "MSEK", {y: negate(item(y, "balanskrav_avgar_realisationsvinster", 0.0))
                                           for y in plan_years}, {y: plan_src for y in plan_years}, 0.0, zero_rule)
    series["reserve_use_msek"] = AssumptionSeries(
        "reserve_use_msek", "MSEK", {y: reserve_use(y) for y in plan_years},
        {y: plan_src for y in plan_years}, 0.0, zero_rule)
    return AssumptionSet(name=f"{code}-budget-{base_year}+defaults",
                         description=f"{citation}; documented defaults (kommunbudget.defaults) after the plan",
                         series=series)


def negate(value: float) -> float:
    """−value, without producing −0.0 (the budget prints costs negative; the core takes them positive)."""
    return 0.0 - value


def plan_equalisation(base_fields: dict, assumptions: AssumptionSet, base_year: int, plan_years: list[int],
                       item, citation: str, vintage: Vintage, use_plan_growth: bool) -> AssumptionSet:
    """Adds the itemised-grant series: population, national capacity growth (implied by the plan's income
    equalisation for the plan years, then following the tax base growth), and each grant item's amounts (the
    plan's) and growth (held after the plan)."""
    series = dict(assumptions.series)
    plan_src = Provenance("data", f"adopted plan: {citation}")
    population = float(base_fields["population"])
    series["population"] = AssumptionSeries(
        "population", "inhabitants", tail_value=population,
        tail_provenance=Provenance("default", f"held at {population:,.0f} (31 Dec 2024): no population forecast in "
                                              f"the data"))
    for name in [g["name"] for g in base_fields["grant_items"]]:
        post = GRANT_ITEMS.get(name)
        amounts = {y: item(y, post, 0.0) + 0.0 for y in plan_years} if post else {}
        series[f"grant_amount:{name}"] = AssumptionSeries(f"grant_amount:{name}", "MSEK", amounts,
                                                          {y: plan_src for y in amounts})
        series[f"grant_growth:{name}"] = AssumptionSeries(
            f"grant_growth:{name}", "fraction per year", tail_value=0.0,
            tail_from=(plan_years[-1] + 1) if plan_years and amounts else None,
            tail_provenance=Provenance("default", ("held at the plan's last amount" if plan_years else
                                                   "held at the base-year amount") + ": no rule in the data"))
    # National capacity growth: first a placeholder, to let the core compute the own capacity path (which does not
    # depend on it); then the growth at which the formula reproduces the plan's income equalisation.
    series["national_tax_capacity_growth"] = vintage.resolved("national_tax_capacity_growth")
    provisional = AssumptionSet(assumptions.name, assumptions.description, series)
    if plan_years and use_plan_growth:
        fields = dict(base_fields)
        fields["cost_lines"] = [core.CostLine(**line) for line in fields["cost_lines"]]
        fields["grant_items"] = [core.GrantItem(**g) for g in fields["grant_items"]]
        fields["equalisation"] = core.IncomeEqualisation(**fields["equalisation"])
        base = core.BaseYearState(**fields)
        last = plan_years[-1]
        lines = base.cost_lines
        for line in lines:
            line.volume_growth = provisional.series_to_core(f"volume_growth:{line.name}", base_year + 1, last)
        base.cost_lines = lines
        names = [g["name"] for g in base_fields["grant_items"]]
        statement = core.Projector(base, provisional.to_core(base_year + 1, last, names), last).run()
        growth, previous = {}, float(base_fields["national_tax_capacity_kr"])
        for k, year in enumerate(statement.years[1:], start=1):
            national = core.implied_national_tax_capacity_kr(
                base.equalisation, item(year, INCOME_EQUALISATION_ITEM), float(statement.own_tax_capacity[k]),
                float(statement.population[k]))
            growth[year] = national / previous - 1.0
            previous = national
        derived = Provenance("derived", f"the national capacity growth at which the formula reproduces the adopted "
                                        f"plan's income equalisation ({citation})")
        series["national_tax_capacity_growth"] = series["national_tax_capacity_growth"].with_values(growth, derived)
    del series["general_grants_msek"], series["general_grants_growth"]
    return AssumptionSet(f"{assumptions.name}+{vintage.name}",
                         f"{assumptions.description}; national assumptions: vintage {vintage.label}", series)
