"""``kommunbudget explain-revenue``: where a municipality's tax revenue and income equalisation come from, year by
year, and what 1 öre on the rate or an added krona of own tax base brings in and keeps (``docs/model.md`` §3-4).
Calibrated for a municipality with an embedded budget, derived from SCB and approximate for any other.
"""
from __future__ import annotations

import argparse
import functools
import logging
from typing import Any

from kommunbudget.analysis.revenue import MARGINAL_ROWS, RevenueExplanation, explain_revenue
from kommunbudget.cli.common import load_baseline
from kommunbudget.cli.errors import CliError
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import gettext, number, unit_word
from kommunbudget.report.revenue_text import bridge_rows, explanation_sentences
from kommunbudget.report.text import (
    date_words,
    frame_text,
    notes_text,
    section,
    shown_text,
    status_legend,
    table_block,
    title,
    wrap,
    year_columns,
)

__all__ = ["run"]

_log = logging.getLogger("kommunbudget.cli")

#: The tax base check of a calibrated municipality: row -> unit.
_CHECK_UNITS = {"budget_tax_base_msek": "MSEK", "scb_tax_base_msek": "MSEK", "difference_percent": "percent",
                "implied_own_tax_capacity_kr": "kr per inhabitant", "scb_own_tax_capacity_kr": "kr per inhabitant",
                "capacity_difference_percent": "percent"}


def run(args: argparse.Namespace) -> Document:
    """Explains ``args.municipality``'s revenue from ``--base-year`` to ``--horizon`` and returns the document (text
    only for ``--format table``).

    Raises
    ------
    ValueError
        For an unknown municipality, a horizon before the base year, or years the embedded data cannot reach.
    """
    if args.budget is not None:
        e = explain_revenue(load_baseline(args), None, args.horizon)
    elif args.municipality is None:
        raise CliError("give a MUNICIPALITY (name or code) or --budget FILE (your own budget, "
                       "docs/budget-workbook.md)")
    else:
        e = explain_revenue(args.municipality, args.base_year, args.horizon)
    _log.info("explained the revenue of %s %d-%d (%s)", e.label, e.base_year, e.horizon,
              "calibrated" if e.calibrated else "approximate")
    doc = _document(e, args.language)
    if args.format == "table":
        doc.text = _text(e, doc, args.language)
    return doc


def _document(e: RevenueExplanation, language: str) -> Document:
    """The bridge, the marginal effects and the tax base check as tables; labels, sentences, sources, notes."""
    tables = [Table("revenue", {ident: floats(e.bridge.loc[ident]) for ident in e.bridge.index},
                    dict(e.bridge.attrs["units"])),
              Table("marginal_effects", {ident: floats(e.marginal.loc[ident]) for ident in e.marginal.index},
                    dict(e.marginal.attrs["units"]))]
    if e.tax_base_check is not None:
        tables.append(Table("tax_base_check", dict(e.tax_base_check), dict(_CHECK_UNITS), yearly=False))
    header = {"municipality": {"code": e.code, "name": e.name, "county": e.county, "population": e.population,
                                 "population_date": e.population_date},
              "base_year": e.base_year, "horizon": e.horizon, "years": e.years,
              "year_status": [e.year_status[y] for y in e.years], "calibrated": e.calibrated, "basis": e.basis}
    return Document("explain-revenue", header, tables, {
        "labels": {"revenue": e.labels(language),
                   "marginal_effects": {ident: text for ident, text, _unit in MARGINAL_ROWS}},
        "equalisation": dict(e.equalisation),
        "explanation": explanation_sentences(e, language),
        "sources": [{"item": k, "kind": v.kind, "source": v.source} for k, v in e.sources.items()],
        "notes": list(e.notes),
    })


def _text(e: RevenueExplanation, doc: Document, language: str = "en") -> str:
    """The text report in the language, drawn from the document's tables and sentences: the bridge, the marginal
    effects and the same in words first; the tax base check, the sources and the notes after them."""
    _ = functools.partial(gettext, language=language)
    bridge, marginal = doc.tables[0], doc.tables[1]
    columns = year_columns(e.years, e.year_status, language)
    if e.calibrated:
        legend, kind = status_legend(e.year_status, language), _("calibrated to the adopted budget")
    else:
        legend = _("APPROXIMATE: no adopted budget is embedded for this municipality and year, so every figure is "
                   "derived from SCB's tax capacity and the equalisation is an uncalibrated estimate.")
        kind = _("derived and approximate")
    bridge_table = frame_text(bridge_rows(bridge.rows, bridge.units, doc.extra["labels"]["revenue"], language),
                              columns)
    parts = [
        title(e.label, e.county, e.population, _("revenue explained ({kind})", kind=kind), e.years,
              e.population_date, language),
        wrap(legend),
        wrap(_("Basis: {basis}", basis=shown_text(e.basis, language))),
        table_block(_("Revenue bridge, {unit} nominal (capacities kr per inhabitant; the per-krona rows in öre per "
                      "krona of own tax base)", unit=unit_word("MSEK", language)), bridge_table),
        table_block(_("Marginal effects"), frame_text(_marginal_rows(marginal, language), columns)),
        section(_("In words"), [wrap(t, indent="  - ", subsequent="    ") for t in doc.extra["explanation"]]),
    ]
    if e.tax_base_check is not None:
        parts.append(_check_text(e.tax_base_check, e.base_year, language))
    parts.append(section(_("Sources"), [wrap(f"[{_(prov.kind)}] {item}: {shown_text(prov.source, language)}",
                                             indent="  ", subsequent="      ") for item, prov in e.sources.items()]))
    if e.notes:
        parts.append(notes_text(e.notes, language=language))
    return "\n\n".join(parts) + "\n"


def _marginal_rows(marginal: Table, language: str) -> list[tuple[Any, list[str]]]:
    """1 öre on the rate (MSEK 2 decimals, kr per inhabitant), and per added krona of own tax base, in öre."""
    _ = functools.partial(gettext, language=language)
    rows, unit = marginal.rows, unit_word("MSEK", language)
    return [
        (_("1 öre on the rate raises, {unit}", unit=unit), [number(v, 2, language) for v in rows["one_ore_msek"]]),
        ("  " + _("per inhabitant, kr"), [number(v, 1, language) for v in rows["one_ore_kr_per_inhabitant"]]),
        ("  " + _("change of the income equalisation, {unit}", unit=unit),
         [fmt(v, "MSEK", language=language) for v in rows["rate_rise_equalisation_change_msek"]]),
        (_("Added krona of own tax base: tax, öre"), [number(v * 100, 2, language) for v in rows["tax_per_krona"]]),
        ("  " + _("change of the income equalisation, öre"),
         [number(v * 100, 1, language, signed=True) for v in rows["equalisation_change_per_krona"]]),
        ("  " + _("kept, öre"), [number(v * 100, 1, language) for v in rows["kept_per_krona"]]),
    ]


def _check_text(c: dict[str, float], base_year: int, language: str) -> str:
    """The budget's tax base and own tax capacity against those derived from SCB (MSEK, kr per inhabitant, %)."""
    _ = functools.partial(gettext, language=language)
    unit = unit_word("MSEK", language)
    return section(_("Tax base check, {year}", year=base_year), [
        wrap(_("Tax base implied by the budget (preliminary tax / rate): {budget} {unit}; derived from SCB "
               "(skattekraft 2023 x population 2021, carried with published growth): {scb} {unit}, {difference} %.",
               budget=number(c["budget_tax_base_msek"], 1, language), unit=unit,
               scb=number(c["scb_tax_base_msek"], 1, language),
               difference=number(c["difference_percent"], 2, language, signed=True)), indent="  ", subsequent="    "),
        wrap(_("Own tax capacity implied by the budgeted income equalisation: {implied} kr per inhabitant; SCB-derived "
               "tax base / population {date}: {scb} kr, {difference} % (the budget's equalisation rests on SKR's "
               "figures: the 1 November population and SKR's national capacity).",
               implied=number(c["implied_own_tax_capacity_kr"], 0, language),
               date=date_words("31 Dec 2024", language), scb=number(c["scb_own_tax_capacity_kr"], 0, language),
               difference=number(c["capacity_difference_percent"], 2, language, signed=True)),
             indent="  ", subsequent="    "),
    ])
