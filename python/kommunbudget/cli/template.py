"""``kommunbudget template``: a budget workbook to fill in, in the layout of ``docs/budget-workbook.md``, with the
figures the embedded data know for the municipality as suggestions and Sjöbo's Budget 2024 as a filled example.

This module gathers the figures (a :class:`~kommunbudget.report.documents.Document` whose ``extra`` holds them);
:mod:`kommunbudget.report.template` lays out the workbook; the command line writes it to ``--out`` (a temporary file
in the same folder, moved into place).
"""
from __future__ import annotations

import argparse
import os
from typing import Any

from kommunbudget.baselines.revenue_inputs import (
    approximate_revenue,
    last_derivable_year,
    national_tax_capacity_kr,
    scb_tax_base_msek,
)
from kommunbudget.cli.errors import CliError
from kommunbudget.data.budget_figures import STATEMENT_ITEMS, TAX_AND_GRANT_ITEMS
from kommunbudget.data.budgets import adopted_budget
from kommunbudget.data.municipalities import find_municipality, info
from kommunbudget.report.documents import Document

__all__ = ["EXAMPLE", "PLAN_YEARS", "run"]

#: The filled example: (municipality code, document, budget year) of an embedded adopted budget.
EXAMPLE = ("1265", "Sjobo/Budget-2024", 2024)

#: Plan years after the budget year in the template.
PLAN_YEARS = 2

#: The population date of the embedded figure (SCB, 31 December 2024).
_POPULATION_DATE = "2024-12-31"
_POPULATION_NOTE = "SCB:s folkmängd 31 december 2024 (via Kolada N01951); utjämningen använder 1 november året före"


def run(args: argparse.Namespace) -> Document:
    """The template's figures for ``args.budget_year`` and, with ``args.municipality``, the municipality's
    suggestions.

    Raises
    ------
    ValueError
        For an unknown municipality, or a budget year outside 2000-2100.
    """
    if args.out is not None and os.path.lexists(args.out):
        raise CliError(f"--out {str(args.out)!r} exists: the template never replaces a file (it may be a filled "
                       f"budget); give a new file name, or remove the old file first")
    budget_year = int(args.budget_year)
    if not 2000 <= budget_year <= 2100:
        raise CliError(f"--budget-year {budget_year}: expected a year in 2000-2100, e.g. 2025")
    years = list(range(budget_year, budget_year + 1 + PLAN_YEARS))
    municipality = None
    suggestions: dict[str, Any] = {"tax_rate": {}, "population": {}, "items": {}, "population_date": None}
    if args.municipality is not None:
        code = find_municipality(args.municipality)
        record = info(code)
        municipality = {"code": code, "name": record.name, "county": record.county}
        suggestions = _suggestions(code, years)
    header = {"municipality": municipality, "budget_year": budget_year, "years": years,
              "year_kinds": ["budget"] + ["plan"] * PLAN_YEARS}
    doc = Document("template", header, extra={"suggestions": suggestions, "example": _example(),
                                              "statement_items": [i.id for i in STATEMENT_ITEMS],
                                              "tax_and_grant_items": [i.id for i in TAX_AND_GRANT_ITEMS]})
    return doc


def _suggestions(code: str, years: list[int]) -> dict[str, Any]:
    """What the embedded data know for the template's years: the own tax rate (published, else the last one held),
    the population (SCB, 31 Dec 2024) and, for years SCB's tax base can be carried to, the tax base, the tax
    revenue and the income equalisation estimated from it (uncalibrated). Each value with its note (Swedish)."""
    record = info(code)
    rates = record.tax_rates
    last = max(rates)
    tax_rate: dict[int, tuple[float, str]] = {}
    for y in years:
        if y in rates:
            rate, basis, _source = rates[y]
            words = {"published": "publicerad", "derived": "härledd", "corrected": "korrigerad"}.get(basis, basis)
            tax_rate[y] = (rate, f"skattesats {y} ({words}; SCB/Skatteverket)")
        elif y > last:
            tax_rate[y] = (rates[last][0], f"senast kända skattesats ({last}), oförändrad")
    items: dict[str, dict[int, tuple[float, str]]] = {}
    tax_base: dict[int, float] = {}
    for y in years:
        if not 2024 <= y <= last_derivable_year():
            continue
        row = approximate_revenue(code, y)
        base, _src = scb_tax_base_msek(code, y)
        tax_base[y] = base
        tax_note = (f"uppskattad: SCB:s skatteunderlag uppräknat till {y}, {_sv(base, 1)} mnkr × skattesats "
                    f"{_sv(row['tax_rate'], 2)} / 100 (utan slutavräkningar)")
        equalisation_note = (f"uppskattad med utjämningens formel (skattekraft {row['capacity_index']:.0f} % av "
                             f"medelskattekraften), okalibrerad")
        for item, value, note in (("skatteintakter", row["tax_revenue_msek"], tax_note),
                                  ("skatt_kommunalskatt_preliminar", row["tax_revenue_msek"], tax_note),
                                  ("utj_inkomstutjamning", row["income_equalisation_msek"], equalisation_note)):
            items.setdefault(item, {})[y] = (float(value), note)
    national: dict[int, tuple[float, str]] = {}
    for y in years:
        if 2024 <= y <= last_derivable_year():
            value, _src = national_tax_capacity_kr(y)
            national[y] = (value, f"uppskattad: SCB:s skattekraft för riket uppräknad till {y}")
    return {"tax_rate": tax_rate, "population": {years[0]: (float(record.population_2024), _POPULATION_NOTE)},
            "population_date": (_POPULATION_DATE, _POPULATION_NOTE), "items": items, "tax_base": tax_base,
            "national_tax_capacity": national}


def _sv(value: float, decimals: int) -> str:
    """A number as Swedish text: ``8630.61`` -> ``"8 630,6"`` (1 decimal)."""
    return f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


def _example() -> dict[str, Any]:
    """Sjöbo's Budget 2024 with plan 2025-2027 as the embedded data hold it (MSEK, the budget's signs), with the
    tax rates and population of the embedded tables."""
    code, document, budget_year = EXAMPLE
    budget = adopted_budget(code, document, budget_year)
    record = info(code)
    known = {i.id for i in (*STATEMENT_ITEMS, *TAX_AND_GRANT_ITEMS)}
    years = list(budget["years"])
    rates = record.tax_rates
    return {
        "municipality": {"code": code, "name": record.name},
        "title": f"Budget {budget_year} med plan {years[1]}-{years[-1]}" if len(years) > 1 else f"Budget {budget_year}",
        "budget_year": budget_year,
        "years": years,
        "year_kinds": [budget["kind"][y] for y in years],
        "items": {y: {k: v for k, v in budget[y].items() if k in known} for y in years},
        "tax_rate": {y: rates[y][0] if y in rates else rates[max(rates)][0] for y in years},
        "population": {budget_year: float(record.population_2024)},
        "population_date": _POPULATION_DATE,
        "source": list(budget["source"]),
    }
