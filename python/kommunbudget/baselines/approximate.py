"""The approximate baseline of a municipality without an adopted budget in the data (``docs/model.md`` §12): base
year 2024 from SCB, result 0 by construction, and a neutral path after it, so that only measures move the result.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping

from kommunbudget.baselines.grants import INCOME_EQUALISATION_ITEM, itemised_grants
from kommunbudget.baselines.plan import (
    plan_assumptions,
    plan_equalisation,
    population_series,
    tax_rate_records,
    tax_rate_series,
    vintage_price_index,
)
from kommunbudget.baselines.registry import APPROXIMATE_BASE_YEAR, BALANCING_GRANT_ITEM
from kommunbudget.baselines.revenue_inputs import (
    APPROXIMATE_BASIS,
    GOTLAND_NOTE,
    approximate_revenue,
    scb_tax_base_msek,
)
from kommunbudget.baselines.service_lines import service_area_lines
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.municipalities import info
from kommunbudget.data.service_areas import assistance_note
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.years import MAX_HORIZON_YEARS

__all__ = ["approximate_baseline"]


def approximate_baseline(code: str, vintage: Vintage) -> Municipality:
    """The approximate baseline of a municipality without an adopted budget in the data (``docs/model.md`` §12;
    see :func:`kommunbudget.baselines.load.load`)."""
    record = info(code)
    year = APPROXIMATE_BASE_YEAR
    row = approximate_revenue(code, year)
    lines, lines_src = service_area_lines(code)
    costs = sum(line["cost_msek"] for line in lines)
    tax = float(row["tax_revenue_msek"])
    equalisation = float(row["income_equalisation_msek"])
    balancing = core.balancing_grant_item_msek(costs, tax, equalisation)
    rates = tax_rate_records(code)
    tax_base, tax_base_src = scb_tax_base_msek(code, year)
    base_fields = {
        "code": code, "name": record.name, "year": year,
        "tax_rate_kr_per_100kr": float(row["tax_rate"]), "tax_base_msek": tax_base,
        "final_settlement_msek": 0.0, "final_settlement_previous_year_msek": 0.0,
        "operating_income_msek": 0.0, "cost_lines": lines, "depreciation_msek": 0.0,
        "general_grants_msek": equalisation + balancing,
        "financial_income_msek": 0.0, "financial_costs_msek": 0.0, "realisation_gains_msek": 0.0,
        "reserve_use_msek": 0.0, "other_balance_adjustments_msek": 0.0, "depreciation_in_cost_lines": True,
    }
    budget = {"verksamhetens_intakter": 0.0, "verksamhetens_kostnader": -costs, "avskrivningar": 0.0,
              "generella_statsbidrag_och_utjamning": equalisation + balancing, "finansiella_intakter": 0.0,
              "finansiella_kostnader": 0.0, "skatteintakter": tax, INCOME_EQUALISATION_ITEM: equalisation}
    grant_fields, grant_sources = itemised_grants(code, year, budget, "approximate baseline")
    grant_fields["grant_items"] = [{"name": BALANCING_GRANT_ITEM, "amount_msek": balancing}]
    base_fields.update(grant_fields)
    base_sources = _base_sources(rates[year][1], tax_base_src, lines_src, grant_sources, costs, tax, equalisation)

    item = functools.partial(_budget_item, budget)
    zero = lambda _y: 0.0  # noqa: E731 - no settlements, reserve use or gains in an approximate baseline
    line_names = [line["name"] for line in lines]
    assumptions = plan_assumptions(code, year, [], "approximate baseline", tax_rate_series(rates, year), item, zero,
                                   zero, zero, vintage, True, line_names, None)
    assumptions = plan_equalisation(base_fields, assumptions, [], item, "approximate baseline", vintage, False, None,
                                    population_series(float(base_fields["population"])))
    assumptions = neutral_path(assumptions, vintage, year, line_names)
    notes = _notes(code, record.name, year, balancing, vintage)
    return Municipality(code=code, name=record.name, county=record.county,
                        population=record.population_2024, base_year=year, base_fields=base_fields,
                        base_sources=base_sources, assumptions=assumptions, plan={}, notes=notes,
                        vintage=vintage.label, uses_plan_growth=False, approximate=True)


def _base_sources(rate_src: Provenance, tax_base_src: Provenance, lines_src: Provenance,
                  grant_sources: dict[str, Provenance], costs: float, tax: float,
                  equalisation: float) -> dict[str, Provenance]:
    """The provenance of the approximate base year's fields (the derived grant item's figures in MSEK)."""
    approx = Provenance("derived", f"approximate: {APPROXIMATE_BASIS}")
    return {
        "tax_rate_kr_per_100kr": rate_src, "tax_base_msek": tax_base_src, "cost_lines": lines_src,
        "operating_income_msek": Provenance("default", "0: the cost lines are SCB net costs (fees and earmarked "
                                                       "grants already deducted)"),
        "depreciation_msek": Provenance("default", "0: inside SCB's net costs by activity (capital costs)"),
        "financial_income_msek": Provenance("default", "0: not in the embedded data for this municipality"),
        "financial_costs_msek": Provenance("default", "0: not in the embedded data for this municipality"),
        **grant_sources,
        "income_equalisation_msek": Provenance("derived", "estimated by the formula, uncalibrated "
                                                          "(kommunbudget.municipal_revenue)"),
        "grant_items": Provenance("derived", f"{BALANCING_GRANT_ITEM} = SCB net costs {costs:.1f} − tax "
                                             f"{tax:.1f} − income equalisation {equalisation:.1f} MSEK: the other "
                                             f"grant items and every difference between SCB's net costs and the "
                                             f"income statement, so that the base-year result is 0 by "
                                             f"construction"),
        "general_grants_msek": approx,
    }


def _budget_item(budget: Mapping[str, float], y: int, name: str, default: float | None = None) -> float:
    """An item of the approximate base year's statement (MSEK, the same in every year); ``default`` if missing."""
    if name in budget:
        return float(budget[name])
    if default is None:
        raise ValueError(f"approximate baseline: item {name!r} is missing for {y}")
    return default


def _notes(code: str, name: str, year: int, balancing: float, vintage: Vintage) -> tuple[str, ...]:
    """The approximate baseline's notes: how it is built, why its result is 0, the vintage (and Gotland's note)."""
    return (
        f"APPROXIMATE baseline: {name} has no adopted budget in the embedded data. Base year {year} from SCB: "
        f"net costs by service area (accounts 2024), tax revenue = the {year} rate × SCB's tax base carried to "
        f"{year}, income equalisation estimated by the formula (uncalibrated).",
        f"The base-year result is 0 BY CONSTRUCTION ({BALANCING_GRANT_ITEM} = {balancing:.1f} MSEK closes it), and "
        f"the later years are held near 0 too: the cost lines' volume is set so that costs grow with the tax base, "
        f"and the derived item grows with the tax base. Neither the result's level nor its path is known; use the "
        f"baseline for what measures and tax changes are worth (MSEK, öre), not for whether a target is met. "
        f"Replace it with the municipality's budget when you have it.",
        "Cost lines are SCB net costs (fees, earmarked grants and capital costs inside), so operating income and "
        "depreciation are 0; RS net costs are not the income statement's verksamhetens nettokostnader.",
        assistance_note(),
        f"National assumptions: vintage {vintage.label}, {vintage.source_file}.",
    ) + ((GOTLAND_NOTE,) if code == "0980" else ())


def neutral_path(assumptions: AssumptionSet, vintage: Vintage, base_year: int,
                 line_names: list[str]) -> AssumptionSet:
    """An approximate baseline's path after the base year (``docs/model.md`` §12): each cost line's volume such
    that its cost grows with the tax base, the core's ``neutral_volume_growth`` ((1 + tax base growth) / (1 + PKV)
    − 1, fractions per year; every line has PKV's weight), for base year + 1 .. base year + 50, and the derived
    grant item growing with the tax base (the core's rule, ``GrantItemPath.growth_follows_tax_base``); so the result
    stays near the base year's 0 and only the measures move it.

    The volume comes from the vintage's PKV and tax base growth, computed once per vintage, base year and line
    and shared by every municipality (the series are frozen).

    Raises
    ------
    ValueError
        If ``assumptions`` does not take its PKV and tax base growth from ``vintage`` (the neutral volume would not
        match them), or (the core's InputError) a vintage figure outside its range, named with the year.
    """
    own = [name for name in _NEUTRAL_INPUTS if assumptions.series.get(name) is not vintage.series[name]]
    if own:
        raise ValueError(f"neutral_path: {', '.join(own)} of {assumptions.name!r} are not the vintage's "
                         f"({vintage.name}); the neutral volume follows the vintage's")
    series = dict(assumptions.series)
    for line in line_names:
        name = f"volume_growth:{line}"
        series[name] = vintage.derived(("neutral volume", base_year, name),
                                       lambda name=name: _neutral_volume(vintage, base_year).named(name))
    series[_BALANCING_GROWTH.name] = _BALANCING_GROWTH
    return AssumptionSet(assumptions.name, assumptions.description, series)


#: The vintage's series from which the neutral volume is computed.
_NEUTRAL_INPUTS = ("labour_cost_change", "other_cost_change", "labour_weight", "tax_base_growth")

_NEUTRAL_SOURCE = Provenance("derived", "approximate baseline: the volume at which costs grow with the tax base "
                                        "((1 + tax base growth) / (1 + PKV) − 1), so the result stays near 0")

#: The derived grant item's growth: the tax base growth, as a rule the core applies (no values here).
_BALANCING_GROWTH = AssumptionSeries(f"grant_growth:{BALANCING_GRANT_ITEM}", "fraction per year",
                                     tail_follows="tax_base_growth",
                                     tail_provenance=Provenance("derived", "approximate baseline: the derived item "
                                                                           "grows with the tax base"))


@dataclasses.dataclass(frozen=True)
class _NeutralVolume:
    """The neutral volume of one vintage and base year: values and provenance by year, shared by every line and
    municipality (as the vintage's own series are; nothing mutates an AssumptionSeries' mappings)."""

    values: Mapping[int, float]
    provenance: Mapping[int, Provenance]
    tail: float

    def named(self, name: str) -> AssumptionSeries:
        """The neutral volume as the series ``name`` (fractions per year), sharing these mappings."""
        return AssumptionSeries(name, "fraction per year", self.values, self.provenance, self.tail, _NEUTRAL_SOURCE)


def _neutral_volume(vintage: Vintage, base_year: int) -> _NeutralVolume:
    """The core's neutral volume growth for base year + 1 .. base year + 50 from the vintage, once per vintage and
    base year."""
    def build() -> _NeutralVolume:
        first, last = base_year + 1, base_year + MAX_HORIZON_YEARS
        growth = AssumptionSet(vintage.name, vintage.description, vintage.series).series_to_core(
            "tax_base_growth", first, last)
        volume = core.neutral_volume_growth(vintage_price_index(vintage, first, last), growth, first, last).as_dict()
        return _NeutralVolume(volume, {y: _NEUTRAL_SOURCE for y in volume}, volume[last])
    return vintage.derived(("neutral volume", base_year), build)
