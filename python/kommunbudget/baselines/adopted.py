"""A baseline from an adopted budget with its plan (``docs/model.md`` §11): the base year rebuilt line by line, the
costs split by service area, the plan years reproduced through growth derived from the plan.
"""
from __future__ import annotations

import functools

from kommunbudget.baselines.own_budget import CitedSource, build_baseline
from kommunbudget.baselines.plan import tax_rate_records
from kommunbudget.baselines.registry import ADOPTED_BUDGETS
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.budget_figures import BudgetFigures
from kommunbudget.data.budgets import adopted_budget, budget_statement, pension_interest
from kommunbudget.data.municipalities import info
from kommunbudget.data.service_areas import assistance_note
from kommunbudget.model.assumptions import Provenance
from kommunbudget.model.defaults import TAX_RATE_HELD
from kommunbudget.model.municipality import Municipality

__all__ = ["embedded_figures", "from_adopted_budget", "newer_documents"]


def from_adopted_budget(code: str, base_year: int, vintage: Vintage,
                        use_plan_growth: bool) -> Municipality:
    """The baseline of an adopted budget in :data:`~kommunbudget.baselines.registry.ADOPTED_BUDGETS` (see
    :func:`kommunbudget.baselines.load.load`): its :func:`embedded_figures` through the one path of a budget,
    :func:`kommunbudget.baselines.own_budget.from_budget_figures`, with the notes of the embedded data."""
    document, citation = ADOPTED_BUDGETS[(code, base_year)]
    figures = embedded_figures(code, base_year)
    notes = _notes(code, document, citation, base_year, figures.plan_years, vintage, use_plan_growth)
    return build_baseline(figures, vintage, use_plan_growth, notes)


def embedded_figures(code: str, base_year: int) -> BudgetFigures:
    """An adopted budget of :data:`~kommunbudget.baselines.registry.ADOPTED_BUDGETS` as
    :class:`~kommunbudget.data.budget_figures.BudgetFigures`: the document's statement and note
    (``resultatrakningar_exempel.csv``), the embedded own tax rates (the last one held after the published years, a
    documented default), SCB's population of 31 December 2024 and the interest on pension provisions the documents
    give (``pension_investering.csv``), each cited as the embedded data cites it."""
    record = info(code)
    document, citation = ADOPTED_BUDGETS[(code, base_year)]
    budget = adopted_budget(code, document, base_year)
    years = budget["years"]
    rates = tax_rate_records(code)
    last = max(rates)
    tax_rate: dict[int, float] = {}
    sources: dict[str, CitedSource] = {}
    for year in years:
        if year in rates:
            rate, prov = rates[year]
        else:
            rate = rates[last][0]
            prov = Provenance("default", f"{TAX_RATE_HELD} ({rate:.2f} from {last})")
        tax_rate[year] = rate
        sources[f"tax_rate:{year}"] = CitedSource(prov.source, kind=prov.kind)
    pension = pension_interest(code, base_year)
    for year, (_, cited) in pension.items():
        sources[f"pension_interest:{year}"] = CitedSource(cited)
    sources[f"population:{base_year}"] = CitedSource(
        f"population 31 Dec 2024 (SCB via Kolada N01951), the nearest embedded figure to 1 November "
        f"{base_year - 1}, which the equalisation uses", kind="default")
    return BudgetFigures(municipality=code, budget_year=base_year, year_kinds=dict(budget["kind"]),
                         items={y: budget[y] for y in years}, tax_rate=tax_rate,
                         population={base_year: float(record.population_2024)}, population_date="2024-12-31",
                         pension_interest={y: amount for y, (amount, _) in pension.items()},
                         sources=sources, default_source=CitedSource(citation), title=document)


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
        f"Balanced-budget requirement: a negative balanced-budget result of {base_year} or later is a deficit to "
        f"restore within three years (KL 11 kap. 12 §). No deficit from before {base_year} is assumed and the result "
        f"reserve starts at 0 (defaults, not data: the embedded documents are budgets, and an earlier budget's "
        f"result, e.g. Sjöbo's budget 2023 at −4.8 MSEK, is not an outcome).",
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
