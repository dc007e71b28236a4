"""``kommunbudget scenario``: a scenario file run against its baseline: what each measure adds to the result per
year (MSEK and öre), the baseline against the scenario, the bridges of one year (by measure, by statement line, by
driver), the tax needed with and without the measures, the premises portfolio and the checklist
(``docs/model.md`` §13).

Every figure is computed once (:func:`_compute`) and both the JSON and the text are drawn from it.
"""
from __future__ import annotations

import argparse
import dataclasses
import textwrap
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import WhatMoves, what_moves
from kommunbudget.cli.common import assumption_records, base_source_records, header, vintage_text
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.report.checklist_text import checklist_text
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import MISSING, fmt
from kommunbudget.report.text import frame_text, notes_text, status_legend, title, wrap, year_columns
from kommunbudget.report.what_moves_text import what_moves_text
from kommunbudget.scenarios.checklist import checklist
from kommunbudget.scenarios.result import ScenarioResult
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["run"]

#: Columns of the portfolio table of the text: (column, heading, format of a value).
_PREMISES_COLUMNS = (("n_properties", "properties", "{:.0f}"), ("area_m2", "area m²", "{:,.0f}"),
                     ("vacancy_share", "vacant", "{:.0%}"), ("running_cost_msek", "running cost", "{:.1f}"),
                     ("depreciation_msek", "depreciation", "{:.1f}"),
                     ("total_premises_cost_msek", "premises cost", "{:.1f}"),
                     ("cost_kr_per_m2", "kr per m²", "{:,.0f}"), ("book_value_msek", "book value", "{:.1f}"),
                     ("market_value_msek", "market value", "{:.1f}"))


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
        doc.text = _text(f)
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
        columns=["change_kr_per_100kr", "change_ore", "household_cost_kr"])
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


def _text(f: _Figures) -> str:
    """The text report, drawn from the same figures as the JSON."""
    r = f.result
    years, status = r.baseline.years, r.baseline.year_status()
    columns = year_columns(years, status)
    lines = [title(r.municipality.label, r.municipality.county, r.municipality.population,
                   f"scenario '{r.scenario.name}'", years, r.municipality.population_date),
             wrap(r.scenario.description),
             f"File: {r.scenario.source_file}"
             + (f"; budget: {r.scenario.budget_path()}" if r.scenario.budget else "")
             + f"; target: {r.target.describe()}; vintage {r.municipality.vintage}",
             *([wrap(vintage_text(r.municipality))] if vintage_text(r.municipality) else []),
             wrap(status_legend(status)), "",
             "What each measure adds to the result (added one at a time in file order; the parts sum to the "
             "scenario's change)", frame_text(_effect_rows(r), columns), ""]
    if r.measure_sources:
        lines.append("How the derived amounts were computed (before the ramp and the realised share)")
        lines += [wrap(f"{name}: {text}", "  ", "      ") for name, text in r.measure_sources.items()]
        lines.append("")
    notes = r.lever_notes()
    if notes:
        lines.append("What the levers rest on (efficiency base; work-line shares and basic deduction)")
        lines += [wrap(f"{name}: {text}", "  ", "      ") for name, text in notes.items()]
        lines.append("")
    if "work_line" in r.measure_kinds.values():
        rows = r.work_line_rows()
        lines.append("Work line: tax base after the basic deduction, and out-migration (all work lines)")
        lines.append("  net effect = assistance saved + implementation cost + own tax + both equalisation rows")
        lines.append(frame_text([(label, [f"{v:+.2f}" if "MSEK" in label else f"{v:.1f}" for v in row])
                                 for label, row in rows.iterrows()], columns))
        lines.append("")
    if f.premises:
        lines += [_premises_text(f), ""]
    lines += ["Baseline and scenario", frame_text(_summary_rows(f.summary), columns), ""]
    lines += _bridges_text(f)
    lines += _tax_needed_text(f.needed, years, f.needed_from)
    lines += ["", checklist_text(f.checklist, scenario=True), "", notes_text(r.municipality.notes)]
    if f.what is not None:
        lines += ["", what_moves_text(f.what, after=" with the scenario's measures")]
    return "\n".join(lines) + "\n"


def _effect_rows(r: ScenarioResult) -> list[tuple[Any, list[str]]]:
    """Each measure's effect per year in MSEK and öre, signed."""
    rows: list[tuple[Any, list[str]]] = []
    for name in r.measure_effects.index:
        rows.append(((name, "MSEK"), [fmt(v, "MSEK", True) for v in r.measure_effects.loc[name]]))
        rows.append(((name, "öre"), [fmt(v, "öre", True) for v in r.measure_effects_ore.loc[name]]))
    return rows


def _summary_rows(summary: pd.DataFrame) -> list[tuple[Any, list[str]]]:
    """Result, balanced-budget result, result share and whether the target is met, baseline against scenario."""
    rows: list[tuple[Any, list[str]]] = []
    for label, key, unit in (("Result, MSEK", "result", "MSEK"),
                             ("Balanced-budget result, MSEK", "balanced_budget_result", "MSEK"),
                             ("Result share", "result_share", "fraction"),
                             ("Meets the target", "meets_target", "boolean")):
        for which in ("baseline", "scenario"):
            values = summary.loc[f"{which}_{key}"]
            cells = ["yes" if v > 0.5 else "no" for v in values] if unit == "boolean" else [fmt(v, unit)
                                                                                            for v in values]
            rows.append(((label, which), cells))
    return rows


def _signed(frame: pd.DataFrame) -> str:
    """A bridge (``msek``, ``ore`` columns) as an indented text table, MSEK to 2 decimals and öre to 1, signed."""
    shown = frame.copy()
    shown["msek"] = shown["msek"].map(lambda v: f"{v:+.2f}")
    shown["ore"] = shown["ore"].map(lambda v: f"{v:+.1f}")
    return textwrap.indent(shown.to_string(index=False), "  ")


def _bridges_text(f: _Figures) -> list[str]:
    """The bridge by measure and line, and the bridge by driver, of the command's year."""
    return [f"Bridge {f.year}, MSEK and öre (by measure, then by statement line; each sums exactly)",
            _signed(f.bridge), "",
            f"From the base year's result to {f.year}, by driver (each switched on after those above it, so the "
            f"steps sum exactly)", _signed(f.drivers), ""]


def _tax_needed_text(needed: pd.DataFrame, years: list[int], first: int) -> list[str]:
    """The sustained tax change with and without the measures from ``first`` (the first year whose own rate is not
    decided), and its household cost."""
    if needed.empty:
        return [f"Raise the tax instead? The own rate is decided through {first - 1} (skattesatser_kommun.csv), so a "
                f"change can start in {first} at the earliest, after the horizon {years[-1]}: not shown."]
    lines = [f"Raise the tax instead? The sustained change from {first} (the first year whose own rate is not yet "
             f"decided) that meets the target in every year to {years[-1]}:"]
    for label in needed.index:
        row = needed.loc[label]
        lines.append(f"  {label:<17} {row['change_kr_per_100kr']:+.2f} kr per 100 kr ({row['change_ore']:+.1f} öre), "
                     f"{row['household_cost_kr']:,.0f} kr a year at the tax base per inhabitant")
    return lines


def _premises_text(f: _Figures) -> str:
    """The portfolio by use and in total, before and after the scenario's disposals (base year: MSEK, m², kr per
    m²)."""
    lines = ["Premises portfolio, base year (MSEK; premises cost = running cost + depreciation)"]
    labels = {"before_disposals": "before disposals",
              "after_disposals": f"after disposals (sold: {', '.join(f.sold) or 'none'})"}
    for key, frame in f.premises.items():
        shown = pd.DataFrame({heading: [(MISSING if pd.isna(v) else form.format(v)) for v in frame[column]]
                              for column, heading, form in _PREMISES_COLUMNS}, index=list(frame.index))
        lines += [f"  {labels[key]}", textwrap.indent(shown.to_string(), "    ")]
    return "\n".join(lines)
