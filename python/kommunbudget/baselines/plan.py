"""The assumptions that carry an adopted budget forward: the plan years reproduced through growth derived from the
plan, the national figures from the vintage, and documented defaults after the plan (``docs/model.md`` §11).
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping

from kommunbudget.baselines.grants import GRANT_ITEMS, INCOME_EQUALISATION_ITEM
from kommunbudget.baselines.national import (
    announced_grant_series,
    national_net_equalisation_series,
    national_population_growth_series,
)
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.municipalities import info
from kommunbudget.model import core
from kommunbudget.model.assumptions import REGULATION_RULE, AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.model.defaults import PKV_CHANGE, TAX_RATE_HELD
from kommunbudget.model.municipality import base_year_state
from kommunbudget.model.years import MAX_HORIZON_YEARS

__all__ = ["Cite", "calibrate", "negate", "plan_assumptions", "plan_equalisation", "population_series",
           "tax_rate_records", "tax_rate_series", "vintage_price_index"]


def tax_rate_records(code: str) -> dict[int, tuple[float, Provenance]]:
    """The own municipal rate by year (kr per 100 kr) with its provenance: ``data`` where published or corrected,
    ``derived`` where the data curator derived it (2024), from :func:`kommunbudget.data.municipalities.info`."""
    out = {}
    for year, (rate, basis, source) in info(code).tax_rates.items():
        kind = "data" if basis in ("published", "corrected") else "derived"
        out[year] = (rate, Provenance(kind, f"{source} ({basis})"))
    return out


def tax_rate_series(rates: dict[int, tuple[float, Provenance]], base_year: int) -> AssumptionSeries:
    """The own rate after ``base_year`` (kr per 100 kr): the published rates of :func:`tax_rate_records`, then the
    last one held (a documented default).

    Raises
    ------
    ValueError
        For empty ``rates`` (no year to hold).
    """
    if not rates:
        raise ValueError("tax_rate_kr_per_100kr: no own rate in the data to start from")
    rate_years = sorted(y for y in rates if y > base_year)
    last_rate = rates[max(rates)][0]
    return AssumptionSeries(
        "tax_rate_kr_per_100kr", "kr per 100 kr", {y: rates[y][0] for y in rate_years},
        {y: rates[y][1] for y in rate_years}, last_rate,
        Provenance("default", f"{TAX_RATE_HELD} ({last_rate:.2f} from {max(rates)})"))


def population_series(population: float, as_of: str = "31 Dec 2024") -> AssumptionSeries:
    """The equalisation's inhabitants in every year after the base year: the base year's ``population`` (of the date
    ``as_of``) held (no population forecast in the data)."""
    return AssumptionSeries(
        "population", "inhabitants", tail_value=population,
        tail_provenance=Provenance("default", f"held at {population:,.0f} ({as_of}): no population forecast in "
                                              f"the data"))


def vintage_price_index(vintage: Vintage, first: int, last: int) -> core.PriceIndex:
    """The vintage's PKV components (labour-cost change, other-consumption change: fractions per year; labour
    weight: fraction) for ``first..last`` as a new core PriceIndex (empty series when ``last < first``).

    Raises
    ------
    ValueError
        If a series misses a year (named in the message).
    """
    series = AssumptionSet(vintage.name, vintage.description, vintage.series)
    price = core.PriceIndex()
    price.labour_cost_change = series.series_to_core("labour_cost_change", first, last)
    price.other_cost_change = series.series_to_core("other_cost_change", first, last)
    price.labour_weight = series.series_to_core("labour_weight", first, last)
    return price


def calibrate(base_fields: Mapping, plan_years: list[int], item, preliminary_tax, tax_rate: AssumptionSeries,
              population: AssumptionSeries, vintage: Vintage, use_plan_growth: bool) -> core.PlanCalibration:
    """The growth rates implied by an adopted plan, from the core's closed-form ``calibrate_plan``
    (``docs/model.md`` §11): per plan year the tax base growth (the plan's preliminary tax at the year's rate),
    the operating income growth, the cost volume after PKV (fractions per year) and, with itemised grants, the
    national tax capacity growth at which the equalisation formula gives the plan's income equalisation.

    Parameters
    ----------
    base_fields : Mapping
        The base year's fields (those of the core ``BaseYearState``; cost lines and grant items as dicts).
    plan_years : list[int]
        The plan years, consecutive from the base year + 1 (may be empty: every series of the result is empty).
    item : callable
        ``item(year, post, default=None)``: a post of the plan's statement, MSEK with the budget's signs.
    preliminary_tax : callable
        ``preliminary_tax(year)``: the plan's tax revenue without settlements, MSEK.
    tax_rate, population : AssumptionSeries
        The own rate (kr per 100 kr) and the equalisation's inhabitants of each plan year.
    vintage : Vintage
        Gives PKV for the plan years.
    use_plan_growth : bool
        False: the plan's income equalisation is not needed (the vintage's national growth is used instead); a plan
        without it then calibrates against the base year's figure, whose result is not used.

    Raises
    ------
    ValueError
        For a missing post (named with the year), or (the core's InputError) a plan figure outside its range, a
        year out of sequence, or an implied tax base or capacity that is not positive (the field and the year
        named).
    """
    base = base_year_state(base_fields)
    last = plan_years[-1] if plan_years else base.year
    fallback = None if use_plan_growth else float(base_fields.get("income_equalisation_msek", 0.0))
    itemised = bool(base_fields.get("itemised_grants"))
    plan = [core.PlanYear(year=year, preliminary_tax_msek=preliminary_tax(year),
                          tax_rate_kr_per_100kr=tax_rate.get(year)[0],
                          operating_income_msek=item(year, "verksamhetens_intakter"),
                          operating_costs_msek=negate(item(year, "verksamhetens_kostnader")),
                          income_equalisation_msek=item(year, INCOME_EQUALISATION_ITEM, fallback) if itemised else 0.0,
                          population=population.get(year)[0] if itemised else 0.0)
            for year in plan_years]
    return core.calibrate_plan(base, vintage_price_index(vintage, base.year + 1, last), plan)


def plan_assumptions(code: str, base_year: int, plan_years: list[int], citation: str, tax_rate: AssumptionSeries,
                     item, settlement, settlement_previous, reserve_use, vintage: Vintage, use_plan_growth: bool,
                     line_names: list[str], calibration: core.PlanCalibration | None,
                     cite: Cite | None = None) -> AssumptionSet:
    """The assumptions of a baseline with an adopted plan (``docs/model.md`` §11), without the itemised grants
    (:func:`plan_equalisation` adds them): the vintage's PKV, the own rate, and in the plan years the growth the plan
    implies (``calibration``, from :func:`calibrate`: tax base growth where ``use_plan_growth``, operating income
    growth and every cost line's volume, fractions per year) and the plan's amounts (grants, depreciation,
    financial items, settlements, gains and reserve use, MSEK); after the plan, documented defaults.

    ``item(year, post, default=None)`` gives a post of the plan (MSEK, the budget's signs), ``settlement``,
    ``settlement_previous`` and ``reserve_use`` the year's amounts (MSEK). ``calibration`` may be None without plan
    years.

    Raises
    ------
    ValueError
        For a post missing from the plan (named with the year), or plan years without a calibration.
    """
    if plan_years and calibration is None:
        raise ValueError(f"{citation}: plan years {plan_years} need the plan's calibration (calibrate)")

    # National assumptions from the vintage: PKV components and weight.
    series: dict[str, AssumptionSeries] = {}
    for name in ("labour_cost_change", "other_cost_change", "labour_weight"):
        series[name] = vintage.series[name]
    series["tax_rate_kr_per_100kr"] = tax_rate
    series.update(_plan_growth(plan_years, citation, vintage, use_plan_growth, line_names, calibration))
    cite = cite or _whole(citation)
    series.update(_plan_amounts(base_year, plan_years, cite, item))
    series.update(_plan_settlements(plan_years, cite, item, settlement, settlement_previous, reserve_use))
    return AssumptionSet(name=f"{code}-budget-{base_year}+defaults",
                         description=f"{citation}; documented defaults (kommunbudget.model.defaults) after the plan",
                         series=series)


def _plan_growth(plan_years: list[int], citation: str, vintage: Vintage, use_plan_growth: bool,
                 line_names: list[str], calibration: core.PlanCalibration | None) -> dict[str, AssumptionSeries]:
    """The growth rates implied by the plan (the core's calibrate_plan): tax base, operating income, volume."""
    series: dict[str, AssumptionSeries] = {}
    derived = Provenance("derived", f"implied by the adopted plan ({citation})")
    growth_tb = calibration.tax_base_growth.as_dict() if plan_years else {}
    growth_income = calibration.operating_income_growth.as_dict() if plan_years else {}
    volume = calibration.volume_growth.as_dict() if plan_years else {}
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
    volume_src = Provenance("derived", f"implied by the adopted plan's operating costs after PKV ({citation})")
    # The same volume for every line reproduces the plan's total (docs/model.md §11): one mapping shared by all.
    volume_provenance = {y: volume_src for y in volume}
    for line in line_names:
        series[f"volume_growth:{line}"] = AssumptionSeries(f"volume_growth:{line}", "fraction per year", volume,
                                                           volume_provenance, last_volume, tail_src)
    return series


def _plan_amounts(base_year: int, plan_years: list[int], cite: Cite, item) -> dict[str, AssumptionSeries]:
    """General grants, depreciation and financial items: the plan's amounts (MSEK), then a rule."""
    series: dict[str, AssumptionSeries] = {}
    grants = {y: item(y, "generella_statsbidrag_och_utjamning") for y in plan_years}
    last_grants_year = plan_years[-1] if plan_years else base_year
    series["general_grants_msek"] = AssumptionSeries(
        "general_grants_msek", "MSEK", grants,
        {y: _plan_source(cite, y, "generella_statsbidrag_och_utjamning") for y in grants})
    series["general_grants_growth"] = AssumptionSeries(
        "general_grants_growth", "fraction per year", tail_follows="tax_base_growth", tail_from=last_grants_year + 1,
        tail_provenance=Provenance("default", f"after the plan ({last_grants_year}) general grants grow with the "
                                              "tax_base_growth assumption: income equalisation, most of the item, "
                                              "follows the tax base"))
    for name, key, sign in (("depreciation_msek", "avskrivningar", -1.0),
                            ("financial_income_msek", "finansiella_intakter", 1.0),
                            ("financial_costs_msek", "finansiella_kostnader", -1.0)):
        values = {y: sign * item(y, key) + 0.0 for y in plan_years}
        last = sign * item(last_grants_year, key) + 0.0
        series[name] = AssumptionSeries(name, "MSEK", values, {y: _plan_source(cite, y, key) for y in values}, last,
                                        Provenance("default", f"held at the plan's last year ({last_grants_year}) "
                                                              f"level: no plan beyond it" if plan_years else
                                                   "held at the base-year level: no plan in the data"))
    return series


def _plan_settlements(plan_years: list[int], cite: Cite, item, settlement, settlement_previous,
                      reserve_use) -> dict[str, AssumptionSeries]:
    """Settlements, realisation gains and reserve use: the plan's amounts (MSEK), none after the plan."""
    def plan_src(*posts: str) -> dict[int, Provenance]:
        return {y: _plan_source(cite, y, *posts) for y in plan_years}

    zero_rule = Provenance("default", "none planned after the adopted plan" if plan_years else
                           "none: no plan in the data")
    return {
        "final_settlement_msek": AssumptionSeries(
            "final_settlement_msek", "MSEK", {y: settlement(y) for y in plan_years},
            plan_src("skatt_slutavrakning_innevarande_ar"), 0.0, zero_rule),
        "final_settlement_previous_year_msek": AssumptionSeries(
            "final_settlement_previous_year_msek", "MSEK", {y: settlement_previous(y) for y in plan_years},
            plan_src("skatt_slutavrakning_aret_innan"), 0.0, zero_rule),
        "realisation_gains_msek": AssumptionSeries(
            "realisation_gains_msek", "MSEK", {y: negate(item(y, "balanskrav_avgar_realisationsvinster", 0.0))
                                               for y in plan_years},
            plan_src("balanskrav_avgar_realisationsvinster"), 0.0, zero_rule),
        "reserve_use_msek": AssumptionSeries(
            "reserve_use_msek", "MSEK", {y: reserve_use(y) for y in plan_years},
            plan_src("medel_fran_resultatutjamningsreserv", "reservering_till_resultatutjamningsreserv"), 0.0,
            zero_rule),
    }


#: ``cite(year, *posts)``: where the plan's figures ``posts`` of ``year`` come from, as text.
Cite = Callable[..., str]


def _whole(citation: str) -> Cite:
    """A :data:`Cite` that gives the whole document's ``citation`` for every figure."""
    return lambda _year, *_posts: citation


def _plan_source(cite: Cite, year: int, *posts: str) -> Provenance:
    """The provenance of a plan figure of ``year`` (the posts it is made of)."""
    return Provenance("data", f"adopted plan: {cite(year, *posts)}")


def negate(value: float) -> float:
    """−value, without producing −0.0 (the budget prints costs negative; the core takes them positive)."""
    return 0.0 - value


def plan_equalisation(base_fields: Mapping, assumptions: AssumptionSet, plan_years: list[int], item, citation: str,
                      vintage: Vintage, use_plan_growth: bool, calibration: core.PlanCalibration | None,
                      population: AssumptionSeries, cite: Cite | None = None,
                      moving_rules: bool = False) -> AssumptionSet:
    """Adds the itemised-grant series to ``assumptions`` (``docs/model.md`` §4-5, §11): ``population``
    (inhabitants), the national capacity growth (fractions per year: in the plan years, where ``use_plan_growth``,
    the growth at which the formula reproduces the plan's income equalisation, from ``calibration``; otherwise and
    after the plan the vintage's), and each grant item's amounts (MSEK, the plan's) and growth (held after the
    plan). The total of general grants (``general_grants_msek``, ``general_grants_growth``) is dropped: the items
    replace it. An item the plan gives in none of its years is held at its base-year amount. ``cite(year, *posts)``
    names where the plan's figures come from (default: ``citation``).

    With ``moving_rules`` (a budget's baseline; ``docs/model.md`` §3, §5), the years after the plan follow rules
    instead of held figures: the national tax capacity grows as the vintage's national tax base per inhabitant
    (``national_tax_base_growth`` over ``national_population_growth``); the own tax base as that capacity × the own
    population; the regulation grant by the core's regulation rule (``national_net_income_equalisation_kr``,
    ``announced_grant_change_kr``); the property fee with the national capacity (a default). An approximate
    baseline keeps the vintage's total growth for both capacities (its neutral path needs them equal).

    Raises
    ------
    KeyError
        If ``assumptions`` lacks the general grants series of :func:`plan_assumptions`.
    """
    series = dict(assumptions.series)
    cite = cite or _whole(citation)
    series["population"] = population
    for name in [g["name"] for g in base_fields["grant_items"]]:
        post = GRANT_ITEMS.get(name)
        given = post is not None and any(not math.isnan(item(y, post, math.nan)) for y in plan_years)
        amounts = {y: item(y, post, 0.0) + 0.0 for y in plan_years} if given else {}
        series[f"grant_amount:{name}"] = AssumptionSeries(f"grant_amount:{name}", "MSEK", amounts,
                                                          {y: _plan_source(cite, y, post) for y in amounts})
        series[f"grant_growth:{name}"] = AssumptionSeries(
            f"grant_growth:{name}", "fraction per year", tail_value=0.0,
            tail_from=(plan_years[-1] + 1) if plan_years and amounts else None,
            tail_provenance=Provenance("default", ("held at the plan's last amount" if plan_years else
                                                   "held at the base-year amount") + ": no rule in the data"))
    series["national_tax_capacity_growth"] = vintage.resolved("national_tax_capacity_growth")
    if plan_years and use_plan_growth and calibration is not None:
        derived = Provenance("derived", f"the national capacity growth at which the formula reproduces the adopted "
                                        f"plan's income equalisation ({citation})")
        series["national_tax_capacity_growth"] = series["national_tax_capacity_growth"].with_values(
            calibration.national_tax_capacity_growth.as_dict(), derived)
    if moving_rules:
        series.update(_moving_rules(base_fields, series, plan_years, vintage, use_plan_growth, calibration))
    del series["general_grants_msek"], series["general_grants_growth"]
    return AssumptionSet(f"{assumptions.name}+{vintage.name}",
                         f"{assumptions.description}; national assumptions: vintage {vintage.label}", series)


def _vintage_settlements(series: Mapping[str, AssumptionSeries], vintage: Vintage,
                         after: int) -> dict[str, AssumptionSeries]:
    """The vintage's final settlement forecasts (``[final_settlement]``, kr per inhabitant) for the years after the
    plan, booked as kr per inhabitant × the year's population (the core's ``per_inhabitant_amount_msek``); none
    when the vintage gives none (then the settlements stay 0 after the plan, a default)."""
    out: dict[str, AssumptionSeries] = {}
    for kind, name in (("current", "final_settlement_msek"), ("previous", "final_settlement_previous_year_msek")):
        forecast = {y: v for y, v in vintage.final_settlement.get(f"{kind}_year", {}).items() if y >= after}
        if not forecast:
            continue
        per_inhabitant = f"final_settlement_{kind}_kr"
        out[per_inhabitant] = AssumptionSeries(
            per_inhabitant, "kr per inhabitant", forecast,
            {y: Provenance("data", f"vintage {vintage.name}: final settlement for the {kind} year's income "
                                   f"({vintage.final_settlement_source})") for y in forecast},
            0.0, Provenance("default", "no settlement forecast in the vintage for the year: 0"), tail_from=after)
        old = series[name]
        out[name] = AssumptionSeries(
            name, "MSEK", dict(old.values), dict(old.provenance), tail_from=after,
            tail_follows=f"{kind}-year settlement per inhabitant × population",
            tail_provenance=Provenance("derived", f"the vintage's forecast ({per_inhabitant}, kr per inhabitant) × "
                                                  f"the year's population"))
    return out


def _moving_rules(base_fields: Mapping, series: Mapping[str, AssumptionSeries], plan_years: list[int],
                  vintage: Vintage, use_plan_growth: bool,
                  calibration: core.PlanCalibration | None) -> dict[str, AssumptionSeries]:
    """The series of :func:`plan_equalisation`'s ``moving_rules``: the plan's own figures in the plan years, rules
    after them."""
    base_year = int(base_fields["year"])
    after = (plan_years[-1] + 1) if plan_years else base_year + 1
    out: dict[str, AssumptionSeries] = {}
    national_total = vintage.series["tax_base_growth"]
    out["national_tax_base_growth"] = dataclasses.replace(national_total, name="national_tax_base_growth")
    out["national_population_growth"] = national_population_growth_series(vintage)
    capacity = series["national_tax_capacity_growth"]
    if vintage.series["national_tax_capacity_growth"].tail_follows == "tax_base_growth":
        plan_values = (calibration.national_tax_capacity_growth.as_dict()
                       if plan_years and use_plan_growth and calibration else {})
        provenance = {y: capacity.provenance[y] for y in plan_values}
        # The vintage's own per-inhabitant growth ([national]) where it gives one, after the plan.
        given = {y: g for y, g in vintage.national.get("tax_base_growth_per_inhabitant", {}).items()
                 if y >= after}
        plan_values = {**plan_values, **given}
        provenance.update({y: Provenance("data", f"vintage {vintage.name}: national tax base growth per "
                                                 f"inhabitant ({vintage.national_source})") for y in given})
        out["national_tax_capacity_growth"] = AssumptionSeries(
            "national_tax_capacity_growth", "fraction per year", plan_values,
            provenance, tail_follows="national tax base per inhabitant",
            tail_provenance=Provenance("derived", f"the vintage's national tax base growth per inhabitant: (1 + "
                                                  f"national_tax_base_growth) / (1 + national_population_growth) − "
                                                  f"1 (vintage {vintage.name})"))
    own = series["tax_base_growth"]
    plan_growth = calibration.tax_base_growth.as_dict() if plan_years and use_plan_growth and calibration else {}
    out["tax_base_growth"] = AssumptionSeries(
        "tax_base_growth", "fraction per year", plan_growth, {y: own.provenance[y] for y in plan_growth},
        tail_follows="own tax capacity × population",
        tail_provenance=Provenance("derived", "the own tax capacity per inhabitant grows as the national one "
                                              "(national_tax_capacity_growth), times the own population's change "
                                              "(skatteunderlag = skattekraft × invånare; RULES.md §5)"))
    out.update(_vintage_settlements(series, vintage, after))
    population = series["population"]
    try:
        population.get(base_year)
    except ValueError:
        out["population"] = AssumptionSeries(
            "population", population.unit, {**population.values, base_year: float(base_fields["population"])},
            {**population.provenance, base_year: Provenance("data", "the base year's inhabitants (base year)")},
            population.tail_value, population.tail_provenance, population.tail_from, population.tail_follows)
    names = [g["name"] for g in base_fields["grant_items"]]
    if "regulation_grant" in names:
        out["grant_growth:regulation_grant"] = AssumptionSeries(
            "grant_growth:regulation_grant", "fraction per year", tail_follows=REGULATION_RULE, tail_from=after,
            tail_provenance=Provenance("derived", "the regulation rule (unchanged appropriation): per inhabitant, "
                                                  "minus the growth of the national net income equalisation per "
                                                  "inhabitant, plus announced grant changes; times the population "
                                                  "(SKR, frågor och svar om utjämningen; RULES.md §3)"))
        national_kr = float(base_fields["national_tax_capacity_kr"])
        out["national_net_income_equalisation_kr"] = national_net_equalisation_series(base_year, national_kr)
        out["announced_grant_change_kr"] = announced_grant_series(base_year + 1, base_year + MAX_HORIZON_YEARS)
    if "property_fee" in names:
        out["grant_growth:property_fee"] = AssumptionSeries(
            "grant_growth:property_fee", "fraction per year", tail_follows="national_tax_base_growth",
            tail_from=after,
            tail_provenance=Provenance("default", "grows with the vintage's national tax base: the fee grows with "
                                                  "assessed values and new building and the municipality keeps the "
                                                  "increase (RiR 2022:1; RULES.md §3); no forecast of its own in "
                                                  "the data"))
    return out
