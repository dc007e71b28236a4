"""A baseline from an adopted budget with its plan (``docs/model.md`` §11): the base year rebuilt line by line, the
costs split by service area, the plan years reproduced through growth derived from the plan.
"""
from __future__ import annotations

import functools

from kommunbudget.baselines.grants import itemised_grants
from kommunbudget.baselines.plan import (
    calibrate,
    negate,
    plan_assumptions,
    plan_equalisation,
    population_series,
    tax_rate_records,
    tax_rate_series,
)
from kommunbudget.baselines.registry import ADOPTED_BUDGETS
from kommunbudget.baselines.service_lines import service_area_lines
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.budgets import adopted_budget, budget_statement
from kommunbudget.data.municipalities import info
from kommunbudget.data.service_areas import assistance_note
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance
from kommunbudget.model.municipality import Municipality

__all__ = ["from_adopted_budget", "newer_documents"]


def from_adopted_budget(code: str, base_year: int, vintage: Vintage,
                        use_plan_growth: bool) -> Municipality:
    """The baseline of an adopted budget in :data:`~kommunbudget.baselines.registry.ADOPTED_BUDGETS` (see
    :func:`kommunbudget.baselines.load.load`)."""
    record = info(code)
    document, citation = ADOPTED_BUDGETS[(code, base_year)]
    budget = adopted_budget(code, document, base_year)
    years = budget["years"]
    plan_years = [y for y in years if y > base_year]
    rates = tax_rate_records(code)
    item = functools.partial(_item, budget, citation)
    base_fields, base_sources = _base_year(code, record.name, base_year, budget, citation, rates[base_year])

    tax_rate = tax_rate_series(rates, base_year)
    population = population_series(float(base_fields["population"]))
    calibration = calibrate(base_fields, plan_years, item, functools.partial(_preliminary_tax, budget, citation),
                            tax_rate, population, vintage, use_plan_growth)
    assumptions = plan_assumptions(code, base_year, plan_years, citation, tax_rate, item,
                                   functools.partial(_settlement_current, budget, citation),
                                   functools.partial(_settlement_previous, budget, citation),
                                   functools.partial(_reserve_use, budget, citation), vintage, use_plan_growth,
                                   [line["name"] for line in base_fields["cost_lines"]], calibration)
    assumptions = plan_equalisation(base_fields, assumptions, plan_years, item, citation, vintage, use_plan_growth,
                                    calibration, population)
    plan = {y: dict(budget[y]) for y in years}
    notes = _notes(code, document, citation, base_year, plan_years, vintage, use_plan_growth)
    return Municipality(code=code, name=record.name, county=record.county,
                        population=record.population_2024, base_year=base_year, base_fields=base_fields,
                        base_sources=base_sources, assumptions=assumptions, plan=plan, notes=notes,
                        vintage=vintage.label, uses_plan_growth=use_plan_growth)


def _item(budget: dict, citation: str, year: int, name: str, default: float | None = None) -> float:
    """An item of the budget's statement in ``year`` (MSEK, the budget's signs); ``default`` if missing, or an error."""
    values = budget[year]
    if name in values:
        return float(values[name])
    if default is None:
        raise ValueError(f"{citation}: item {name!r} is missing for {year}")
    return default


def _settlement(budget: dict, year: int) -> float:
    """The year's final settlements of tax revenue, every ``skatt_slutavrakning*`` item summed (MSEK)."""
    return sum(float(v) for k, v in budget[year].items() if k.startswith("skatt_slutavrakning"))


def _settlement_previous(budget: dict, citation: str, year: int) -> float:
    """The year's final settlement for the year before (MSEK, 0 if the budget has none)."""
    return _item(budget, citation, year, "skatt_slutavrakning_aret_innan", 0.0) + 0.0


def _settlement_current(budget: dict, citation: str, year: int) -> float:
    """The year's final settlement for the year itself: all settlements but the previous year's (MSEK)."""
    return _settlement(budget, year) - _settlement_previous(budget, citation, year) + 0.0


def _preliminary_tax(budget: dict, citation: str, year: int) -> float:
    """The year's preliminary tax revenue (MSEK): the item, else tax revenue without the settlements."""
    return _item(budget, citation, year, "skatt_kommunalskatt_preliminar",
                 _item(budget, citation, year, "skatteintakter") - _settlement(budget, year))


def _reserve_use(budget: dict, citation: str, year: int) -> float:
    """The year's use of the result equalisation reserve (MSEK): withdrawal minus allocation."""
    # + withdrawal (medel från RUR), − allocation (reservering, printed negative in the budget)
    return (_item(budget, citation, year, "medel_fran_resultatutjamningsreserv", 0.0)
            + _item(budget, citation, year, "reservering_till_resultatutjamningsreserv", 0.0))


def _base_year(code: str, municipality_name: str, base_year: int, budget: dict, citation: str,
               base_rate_record: tuple[float, Provenance]) -> tuple[dict, dict[str, Provenance]]:
    """The base year's fields (those of the core ``BaseYearState``) rebuilt from the budget, and their sources."""
    item = functools.partial(_item, budget, citation)
    base_rate, base_rate_src = base_rate_record
    preliminary_tax = _preliminary_tax(budget, citation, base_year)
    settlement = _settlement(budget, base_year)
    tax_base = core.implied_tax_base_msek(preliminary_tax + settlement, base_rate, settlement, base_year)
    gains = negate(item(base_year, "balanskrav_avgar_realisationsvinster", 0.0))
    lines, lines_src = service_area_lines(code, negate(item(base_year, "verksamhetens_kostnader")),
                                          f"the budget's operating costs ({citation})")
    base_fields = {
        "code": code,
        "name": municipality_name,
        "year": base_year,
        "tax_rate_kr_per_100kr": base_rate,
        "tax_base_msek": tax_base,
        "final_settlement_msek": _settlement_current(budget, citation, base_year),
        "final_settlement_previous_year_msek": _settlement_previous(budget, citation, base_year),
        "operating_income_msek": item(base_year, "verksamhetens_intakter"),
        "cost_lines": lines,
        "depreciation_msek": negate(item(base_year, "avskrivningar")),
        "general_grants_msek": item(base_year, "generella_statsbidrag_och_utjamning"),
        "financial_income_msek": item(base_year, "finansiella_intakter"),
        "financial_costs_msek": negate(item(base_year, "finansiella_kostnader")),
        "realisation_gains_msek": gains,
        "reserve_use_msek": _reserve_use(budget, citation, base_year),
        "other_balance_adjustments_msek": item(base_year, "balanskrav_orealiserade_vinster_forluster_vardepapper",
                                               0.0),
    }
    grant_fields, grant_sources = itemised_grants(code, base_year, budget[base_year], citation)
    base_fields.update(grant_fields)
    budget_src = Provenance("data", citation)
    base_sources = {name: budget_src for name in base_fields
                    if name not in ("code", "name", "year", "itemised_grants", "equalisation")}
    base_sources.update(grant_sources)
    base_sources["tax_rate_kr_per_100kr"] = base_rate_src
    base_sources["tax_base_msek"] = Provenance(
        "derived", f"implied by the budget: preliminary tax revenue {preliminary_tax:.1f} MSEK / "
        f"({base_rate:.2f} / 100) ({citation})")
    base_sources["cost_lines"] = lines_src
    return base_fields, base_sources


def _notes(code: str, document: str, citation: str, base_year: int, plan_years: list[int], vintage: Vintage,
           use_plan_growth: bool) -> tuple[str, ...]:
    """The baseline's notes: its sources, how the plan is reproduced, later documents, the vintage."""
    notes = (
        f"Base year {base_year}: {citation}.",
        "Operating costs by service area: each area at SCB's 2024 net cost (accounts, activity codes), the rest of "
        "the budget's gross operating costs on other_activities (which thus also holds the areas' gross-up for "
        "fees and earmarked grants); every line moves with PKV's labour weight (no labour shares by area are "
        "embedded), so the plan is reproduced.",
        assistance_note(),
        f"Plan years {plan_years[0]}-{plan_years[-1]}: tax base growth, operating income growth and cost volume "
        "are derived from the adopted plan, so the projection reproduces it under the PKV assumption; later years "
        "use documented defaults." if plan_years else "No plan years in the embedded budget.",
        "General grants are itemised: the income equalisation follows the formula (guarantee 115 % of the national "
        "tax capacity, county rate), calibrated to the budget's figure in the base year; the plan's equalisation "
        "is reproduced through the national capacity growth it implies; the other items are the plan's amounts, "
        "then held.",
        "The equalisation uses the population on 1 November of the previous year; the embedded data has only 31 "
        "December 2024, used for every year (held flat after it).",
    )
    return notes + newer_documents(code, document, base_year) + (
        f"National assumptions: vintage {vintage.label}, {vintage.source_file}"
                     + ("" if use_plan_growth else "; used in the plan years too (the plan's own tax base and "
                        "national growth are not)") + ".",)


@functools.cache
def newer_documents(code: str, used: str, base_year: int) -> tuple[str, ...]:
    """Notes on later documents of the same municipality that revise the plan years (e.g. Sjöbo's Budget-2025,
    whose notes revise tax revenue and grants), with the differences computed from the embedded figures."""
    rows = budget_statement(code)
    rows = rows[~rows["source"].str.contains(used, regex=False) & (rows["year"] > base_year)]
    used_rows = budget_statement(code, used)
    notes = []
    for source, group in rows.groupby("source"):
        diffs = []
        for item, label in (("skatteintakter", "tax revenue"), ("utj_inkomstutjamning", "income equalisation"),
                            ("generella_statsbidrag_och_utjamning", "general grants")):
            for _, r in group[group["item"] == item].sort_values("year").iterrows():
                old = used_rows[(used_rows["item"] == item) & (used_rows["year"] == r["year"])]
                if len(old) and abs(float(old["amount_msek"].iloc[0]) - float(r["amount_msek"])) > 0.05:
                    diffs.append(f"{label} {int(r['year'])} {float(r['amount_msek']):.1f} (here "
                                 f"{float(old['amount_msek'].iloc[0]):.1f})")
        if diffs:
            notes.append(f"A later document revises the plan years used here: {source} gives " + "; ".join(diffs)
                         + ". It holds notes only (no full statement), so the baseline keeps the adopted budget "
                           "above; use --set / with_assumptions to test the revision.")
    return tuple(notes)
