"""``kommunbudget scenario``: a scenario file run against its baseline: what each measure adds to the result per
year (MSEK and öre), the baseline against the scenario, the bridges of one year (by measure, by statement line, by
driver), the tax needed with and without the measures, the premises portfolio and the checklist
(``docs/model.md`` §13).

Every figure is computed once (:func:`_compute`) and both the JSON and the text are drawn from it.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import textwrap
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import WhatMoves, what_moves
from kommunbudget.cli.common import assumption_records, base_source_records, header, vintage_line
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.model.lines import GRANT_ITEM_LABELS, LINE_UNITS
from kommunbudget.model.lines import label as line_label
from kommunbudget.report import plots
from kommunbudget.report.checklist_text import checklist_text
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import MISSING, fmt
from kommunbudget.report.i18n import gettext, number, percent, unit_word
from kommunbudget.report.plots import target_text
from kommunbudget.report.text import (
    frame_text,
    notes_text,
    shown_text,
    status_legend,
    table_block,
    table_text,
    title,
    width,
    wrap,
    year_columns,
)
from kommunbudget.report.what_moves_text import what_moves_text
from kommunbudget.scenarios.checklist import checklist
from kommunbudget.scenarios.result import ScenarioResult
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["run"]

#: Columns of the portfolio table of the text: (column, heading, format of a value).
_PREMISES_COLUMNS = (("n_properties", "properties", "count"), ("area_m2", "area m²", "whole"),
                     ("vacancy_share", "vacant", "share"), ("running_cost_msek", "running cost", "msek"),
                     ("depreciation_msek", "depreciation", "msek"),
                     ("total_premises_cost_msek", "premises cost", "msek"),
                     ("cost_kr_per_m2", "kr per m²", "whole"), ("book_value_msek", "book value", "msek"),
                     ("market_value_msek", "market value", "msek"))


@dataclass
class _Figures:
    """Everything the scenario command shows, computed once.

    Attributes
    ----------
    result : ScenarioResult
    year : int
        The bridges' year.
    summary : pandas.DataFrame
        :meth:`ScenarioResult.summary` (MSEK, fractions, 1/0), columns the years.
    bridge, drivers : pandas.DataFrame
        :meth:`ScenarioResult.bridge` and :meth:`ScenarioResult.bridge_by_driver` of ``year`` (MSEK, öre).
    needed : pandas.DataFrame
        :meth:`ScenarioResult.tax_needed` (kr per 100 kr, öre, kr a year) from ``needed_from``; empty when the
        horizon ends before the first year whose own rate is not decided.
    needed_from : int
        The first year whose own rate is not decided (:func:`kommunbudget.data.decided_rates.first_undecided_year`).
    checklist : pandas.DataFrame
        :func:`kommunbudget.scenarios.checklist.checklist` of the result.
    sold : list[str]
        Ids of the portfolio's properties the disposals sell (empty without a portfolio).
    premises : dict[str, pandas.DataFrame]
        ``before_disposals`` and ``after_disposals`` summaries of the portfolio; empty without one.
    what : WhatMoves or None
        "What moves the answer" for the baseline with the measures, from ``needed_from``; None when skipped
        (``--no-what-moves``) or when the horizon ends before ``needed_from``.
    """

    result: ScenarioResult
    year: int
    summary: pd.DataFrame
    bridge: pd.DataFrame
    drivers: pd.DataFrame
    needed: pd.DataFrame
    checklist: pd.DataFrame
    sold: list[str]
    premises: dict[str, pd.DataFrame]
    needed_from: int = 0
    what: WhatMoves | None = None


def run(args: argparse.Namespace) -> Document:
    """Runs the scenario ``args.file`` (a file or a packaged example) and returns the document (text only for
    ``--format table``).

    Raises
    ------
    ValueError
        For an invalid or missing scenario file (the message names the file and the key), or a ``--year`` outside
        the scenario's projection years.
    """
    # --budget replaces the file's budget (and its embedded baseline) before the file's checks
    scenario = load_scenario(args.file, budget=args.budget)
    if args.population_forecast is not None:
        scenario = dataclasses.replace(scenario, population_forecast=args.population_forecast)
    f = _compute(run_scenario(scenario), args.year, what=not getattr(args, "no_what_moves", False))
    doc = _document(f)
    doc.inputs = [(what, str(path)) for what, path in scenario.files_read()]
    if args.format == "table":
        doc.text = _text(f, getattr(args, "language", "en"), bool(getattr(args, "details", False)))
    return doc


def _compute(r: ScenarioResult, year: int | None, what: bool = True) -> _Figures:
    """Every figure of the command, once; ``year`` defaults to the horizon; ``what``: with "What moves the
    answer" (the sustained need after the measures with each default at a low and a high value)."""
    year = r.baseline.years[-1] if year is None else year
    sold: list[str] = []
    premises: dict[str, pd.DataFrame] = {}
    if r.premises is not None:
        ids = set(r.premises.ids())
        sold = [i for i in r.sold_property_ids() if i in ids]
        premises = {key: r.premises_summary(after_disposals=after)
                    for key, after in (("before_disposals", False), ("after_disposals", True))}
    first = first_undecided_year(r.municipality.code, r.baseline.years[0])
    needed = r.tax_needed() if first <= r.baseline.years[-1] else pd.DataFrame(
        columns=["change_kr_per_100kr", "change_ore", "settable_kr_per_100kr", "household_cost_kr"])
    moves = (what_moves(r.municipality, r.scenario.horizon, r.target, first, r.projection.measures,
                        baseline=r.projection) if what and first <= r.baseline.years[-1] else None)
    return _Figures(result=r, year=year, summary=r.summary(), bridge=r.bridge(year),
                    drivers=r.bridge_by_driver(year), needed=needed, checklist=checklist(r), sold=sold,
                    premises=premises, needed_from=first, what=moves)


def _document(f: _Figures) -> Document:
    """The tables and the JSON keys of ``kommunbudget.scenario/1`` (the parser's epilog lists them)."""
    r = f.result
    effects, effects_ore = r.measure_effects, r.measure_effects_ore
    tables = [
        Table("measure_effects", {name: floats(effects.loc[name]) for name in effects.index},
              {name: "MSEK" for name in effects.index}),
        Table("measure_effects_ore", {name: floats(effects_ore.loc[name]) for name in effects_ore.index},
              {name: "öre" for name in effects_ore.index}),
        Table("summary", {row: floats(f.summary.loc[row]) for row in f.summary.index},
              {row: ("fraction" if row.endswith("share") else "boolean" if "meets" in row else "MSEK")
               for row in f.summary.index}),
    ]
    premises_summary = None
    if r.premises is not None:
        premises_summary = {"sold_property_ids": f.sold,
                            **{key: frame.reset_index().to_dict(orient="records")
                               for key, frame in f.premises.items()}}
    return Document("scenario", header(r.municipality, r.scenario.horizon, r.baseline), tables, {
        "scenario": {"name": r.scenario.name, "description": r.scenario.description,
                     "description_sv": r.scenario.description_sv, "file": r.scenario.source_file,
                     "budget": str(r.scenario.budget_path()) if r.scenario.budget else None,
                     "target": r.target.describe(),
                     "measures": [{"name": m.name, "kind": m.kind, "topics": list(m.topics)}
                                  for m in r.scenario.measures]},
        "bridge": {"year": f.year, "rows": f.bridge.to_dict(orient="records")},
        "bridge_by_driver": {"year": f.year, "rows": f.drivers.to_dict(orient="records")},
        "tax_needed": {label: f.needed.loc[label].to_dict() for label in f.needed.index},
        "measure_sources": dict(r.measure_sources),
        "lever_notes": r.lever_notes(),
        "work_line_rows": ({label: row.to_dict() for label, row in r.work_line_rows().iterrows()}
                           if "work_line" in r.measure_kinds.values() else {}),
        "premises_summary": premises_summary,
        "notes": list(r.municipality.notes),
        "checklist": f.checklist.to_dict(orient="records"),
        "assumptions": assumption_records(r.baseline),
        "base_year_sources": base_source_records(r.baseline),
        **({"what_moves_baseline": f.what.basis(), "what_moves": f.what.records()} if f.what is not None else {}),
    })


def _text(f: _Figures, language: str = "en", details: bool = False) -> str:
    """The text report, drawn from the same figures as the JSON: the answer first (the tax needed without and with
    the measures, the baseline against the scenario, what each measure adds, the bridge by measure); with
    ``details`` how the amounts were computed, the work line's tax base, the premises, the bridges by line and by
    driver, the checklist, the notes and what moves the answer."""
    r = f.result
    _ = functools.partial(gettext, language=language)
    years, status = r.baseline.years, r.baseline.year_status()
    columns = year_columns(years, status, language)
    file_line = _("File: {file}", file=r.scenario.source_file)
    if r.scenario.budget:
        file_line += "; " + _("budget: {file}", file=r.scenario.budget_path())
    file_line += "; " + _("target: {target}; vintage {vintage}", target=target_text(r.target, language),
                          vintage=r.municipality.vintage)
    parts = [title(r.municipality.label, r.municipality.county, r.municipality.population,
                   _("scenario '{name}'", name=r.scenario.name), years, r.municipality.population_date, language),
             wrap(r.scenario.description_sv if language == "sv" and r.scenario.description_sv
                  else r.scenario.description), wrap(file_line),
             *([wrap(vintage_line(r.municipality, language))] if vintage_line(r.municipality, language) else []),
             wrap(status_legend(status, language)),
             _tax_needed_text(f.needed, years, f.needed_from, language),
             table_block(_("Baseline and scenario"), frame_text(_summary_rows(f.summary, language), columns)),
             table_block(_("What each measure adds to the result (added one at a time in file order; the parts sum "
                           "to the scenario's change)"), frame_text(_effect_rows(r, language), columns)),
             _bridge_text(f.bridge[f.bridge["view"] == "measure"], _("Bridge {year} by measure, {unit} and öre",
                                                                      year=f.year, unit=unit_word("MSEK", language)),
                          language)]
    if not details:
        tested = int(f.checklist["tested"].sum()) if "tested" in f.checklist else 0
        parts.append(wrap(_("The checklist: this scenario tests {tested} of the {n} questions before a tax rise. More "
                            "with --details: how the amounts were computed, the work line's tax base, the premises, "
                            "the bridges by statement line and by driver, the checklist, the notes and what moves the "
                            "answer.", tested=tested, n=len(f.checklist))))
        return "\n\n".join(parts) + "\n"
    if r.measure_sources:
        heading = _("How the derived amounts were computed (before the ramp and the realised share)")
        parts.append("\n".join([wrap(heading)]
                               + [wrap(f"{name}: {shown_text(text, language)}", "  ", "      ")
                                  for name, text in r.measure_sources.items()]))
    notes = r.lever_notes()
    if notes:
        heading = _("What the levers rest on (efficiency base; work-line shares and basic deduction)")
        parts.append("\n".join([wrap(heading)]
                               + [wrap(f"{name}: {shown_text(text, language)}", "  ", "      ")
                                  for name, text in notes.items()]))
    if "work_line" in r.measure_kinds.values():
        rows = r.work_line_rows()
        parts.append(table_block(
            _("Work line: tax base after the basic deduction, and out-migration (all work lines); net effect = "
              "assistance saved + implementation cost + own tax + both equalisation rows"),
            frame_text([(gettext(label, language), [number(v, 2, language, signed=True) if "MSEK" in label
                                                    else number(v, 1, language) for v in row])
                        for label, row in rows.iterrows()], columns)))
    if f.premises:
        parts.append(_premises_text(f, language))
    parts.append(_bridge_text(f.bridge[f.bridge["view"] == "line"],
                              _("Bridge {year} by statement line, {unit} and öre (each view sums exactly)", year=f.year,
                                unit=unit_word("MSEK", language)), language))
    parts.append(_bridge_text(f.drivers.assign(view="driver").rename(columns={"driver": "item"}),
                              _("From the base year's result to {year}, by driver (each switched on after those "
                                "above it, so the steps sum exactly)", year=f.year), language))
    parts += [checklist_text(f.checklist, scenario=True, language=language),
              notes_text(r.municipality.notes, language=language)]
    if f.what is not None:
        parts.append(what_moves_text(f.what, language, after=" with the scenario's measures"))
    return "\n\n".join(parts) + "\n"


def _effect_rows(r: ScenarioResult, language: str = "en") -> list[tuple[Any, list[str]]]:
    """Each measure's effect per year in MSEK and öre, signed."""
    rows: list[tuple[Any, list[str]]] = []
    for name in r.measure_effects.index:
        rows.append(((name, unit_word("MSEK", language)), [fmt(v, "MSEK", True, language)
                                                           for v in r.measure_effects.loc[name]]))
        rows.append(((name, "öre"), [fmt(v, "öre", True, language) for v in r.measure_effects_ore.loc[name]]))
    return rows


def _summary_rows(summary: pd.DataFrame, language: str = "en") -> list[tuple[Any, list[str]]]:
    """Result, balanced-budget result, result share and whether the target is met, baseline against scenario."""
    rows: list[tuple[Any, list[str]]] = []
    msek = unit_word("MSEK", language)
    for label, key, unit in ((gettext("Result, {unit}", language, unit=msek), "result", "MSEK"),
                             (gettext("Balanced-budget result, {unit}", language, unit=msek), "balanced_budget_result",
                              "MSEK"),
                             (gettext("Result share", language), "result_share", "fraction"),
                             (gettext("Meets the target", language), "meets_target", "boolean")):
        for which in ("baseline", "scenario"):
            values = summary.loc[f"{which}_{key}"]
            rows.append(((label, gettext(which, language)), [fmt(v, unit, language=language) for v in values]))
    return rows


def _item_words(item: str, language: str) -> str:
    """A bridge item in the language: the baseline's or scenario's result and a driver in the charts' words, a
    statement line by its label; a measure's name as the file writes it."""
    index = 1 if language == "sv" else 0
    if item in plots.TEXT:
        return plots.TEXT[item][index]
    if item in plots.DRIVER_TEXT:
        return plots.DRIVER_TEXT[item][index]
    if item in GRANT_ITEM_LABELS:
        return GRANT_ITEM_LABELS[item][index ^ 1]  # (Swedish, English)
    if item in LINE_UNITS:
        return line_label(item, language)
    return item


def _bridge_text(frame: pd.DataFrame, heading: str, language: str) -> str:
    """A bridge (``item``, ``msek``, ``ore``) under its heading: MSEK to 2 decimals and öre to 1, signed."""
    rows = [(_item_words(row.item, language), [number(row.msek, 2, language, signed=True),
                                               number(row.ore, 1, language, signed=True)])
            for row in frame.itertuples(index=False)]
    return table_block(heading, frame_text(rows, pd.Index([unit_word("MSEK", language), "öre"])))


def _tax_needed_text(needed: pd.DataFrame, years: list[int], first: int, language: str = "en") -> str:
    """The sustained tax change with and without the measures from ``first`` (the first year whose own rate is not
    decided), and its household cost."""
    _ = functools.partial(gettext, language=language)
    if needed.empty:
        return wrap(_("Raise the tax instead? The own rate is decided through {decided} (skattesatser_kommun.csv), so "
                      "a change can start in {first} at the earliest, after the horizon {last}: not shown.",
                      decided=first - 1, first=first, last=years[-1]))
    head = wrap(_("Raise the tax instead? The sustained change from {first} (the first year whose own rate is not yet "
                  "decided) that meets the target in every year to {last}, and what it costs a household with the tax "
                  "base per inhabitant:", first=first, last=years[-1]))
    rows = [(plots.TEXT[label][1 if language == "sv" else 0] if label in plots.TEXT else label,
             [number(row["settable_kr_per_100kr"], 2, language, signed=True),
              number(row["change_ore"], 1, language, signed=True), number(row["household_cost_kr"], 0, language)])
            for label, row in needed.iterrows()]
    return head + "\n" + frame_text(rows, pd.Index([_("kr per 100 kr\n(whole öre, up)"), _("öre\n(exact)"),
                                                    _("kr a year\nper household")]))


def _premises_text(f: _Figures, language: str = "en") -> str:
    """The portfolio by use and in total, before and after the scenario's disposals (base year: MSEK, m², kr per
    m²)."""
    _ = functools.partial(gettext, language=language)
    parts = [wrap(_("Premises portfolio, base year ({unit}; premises cost = running cost + depreciation)",
                    unit=unit_word("MSEK", language)))]
    labels = {"before_disposals": _("before disposals"),
              "after_disposals": _("after disposals (sold: {ids})", ids=", ".join(f.sold) or _("none"))}
    for key, frame in f.premises.items():
        shown = pd.DataFrame({_(heading): [(MISSING if pd.isna(v) else _premises_cell(v, form, language))
                                           for v in frame[column]]
                              for column, heading, form in _PREMISES_COLUMNS}, index=list(frame.index))
        parts += [f"  {labels[key]}", textwrap.indent(table_text(shown, columns_width=width() - 4), "    ")]
    return "\n".join(parts)


def _premises_cell(value: float, form: str, language: str) -> str:
    """A cell of the portfolio table: a count, a share in percent, MSEK (1 decimal) or whole m² and kr per m²."""
    if form == "count":
        return number(value, 0, language)
    if form == "share":
        return percent(value, 0, language)
    return number(value, 1 if form == "msek" else 0, language)
