"""``kommunbudget uncertainty``: a Monte Carlo run of a scenario without and with its measures on the same draws:
per year the probability that the balanced-budget requirement, the restoration of earlier deficits and the target
are missed, the percentiles of the balanced-budget result, and the distribution of the sustained tax change the
target needs (``docs/model.md`` §19; shock sizes SOURCES.md §25).

Every number comes from :func:`kommunbudget.analysis.uncertainty.uncertainty` (the core); this module parses the
options, arranges the tables and writes the fan chart of ``--chart``.
"""
from __future__ import annotations

import argparse
import csv
import functools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kommunbudget.analysis.uncertainty import FAN_PERCENTILES, OUTPUTS, Uncertainty, uncertainty
from kommunbudget.baselines.load import load
from kommunbudget.cli.common import header
from kommunbudget.cli.errors import CliError
from kommunbudget.cli.output import check_target
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.data.paths import packaged_names
from kommunbudget.model import core
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import parse_target
from kommunbudget.report import plots
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import gettext, number, unit_word
from kommunbudget.report.plots import plot_fan, save_figure, target_text
from kommunbudget.report.text import NUMBER_AND_UNIT, frame_text, section, shown_text, underlined, wrap
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["run"]

_PROBABILITY_WORDS = {
    "requirement_missed": "balanced-budget requirement missed (balanskravsresultat < 0)",
    "restoration_missed": "restoration of earlier deficits missed (balanskravsresultat < återställande)",
    "target_missed": "target missed",
}
#: The fan table's rows other than the percentiles, in words (English message ids).
_FAN_WORDS = {"mean": "mean", "deterministic": "without shocks", "error": "error (±)"}
#: A shock's distribution and what it is drawn per, in words (English message ids).
_SHOCK_WORDS = {"normal": "normal", "beta": "beta", "lognormal": "lognormal", "year": "year", "draw": "draw"}
_UNITS = {"result": "MSEK", "balanced_budget_result": "MSEK", "result_share": "fraction"}


def run(args: argparse.Namespace) -> Document:
    """Runs the Monte Carlo of the scenario ``args.file`` (or of a municipality's baseline alone) and returns the
    document (text only for ``--format table``); writes the fan chart of ``--chart``.

    Raises
    ------
    ValueError
        For an invalid scenario file, ``--sd`` name or value, ``--correlation`` file, ``--target``,
        ``--from-year`` or ``--draws`` (the core names the field, the value and the allowed range).
    CliError
        For a ``--chart`` name not ending in .png or not writable.
    """
    chart = _check_chart(args.chart, args.out) if args.chart is not None else None
    subject = _subject(args)
    m, years = subject.municipality, subject.baseline.years
    target = parse_target(args.target) if args.target else subject.target
    first = args.from_year if args.from_year is not None else first_undecided_year(m.code, years[0])
    if not years[0] < first <= years[-1]:
        raise ValueError(f"--from-year {first}: expected a year after the base year {years[0]} and at most the "
                         f"horizon {years[-1]} (default the first year whose own rate is not decided)")
    sd = dict(args.sd)
    correlation = _read_correlation(args.correlation) if args.correlation is not None else None
    u = uncertainty(m, years[-1], subject.measures, target=target, from_year=first,
                    draws=args.draws, seed=args.seed, sd=sd, correlation=correlation,
                    first_shocked_year=args.first_shocked_year, threads=args.threads,
                    progress=not args.no_progress and sys.stderr.isatty())
    doc = _document(u, m, subject)
    doc.inputs = list(subject.inputs)
    if chart is not None:
        written = str(save_figure(plot_fan(u, "balanced_budget_result", language=args.language), chart))
        doc.extra["charts"] = [written]
        if args.format != "table":  # the text names the chart itself
            doc.notices.append(f"wrote {written}")
    if args.format == "table":
        doc.text = _text(u, m, subject, doc, args.language, args.details)
    return doc


@dataclass
class _Subject:
    """What is run: a scenario (its baseline, measures and target) or a municipality's baseline alone."""

    municipality: Municipality
    baseline: Projection
    measures: core.Measures | None
    target: core.Target
    name: str | None  # the scenario's name; None for a municipality's baseline
    file: str | None
    inputs: list[tuple[str, str]]

    @property
    def what(self) -> str:
        """What the title names: ``scenario <name>`` or ``the baseline (no measures)``."""
        return f"scenario {self.name}" if self.name is not None else "the baseline (no measures)"


def _subject(args: argparse.Namespace) -> _Subject:
    """A scenario file or packaged scenario (FILE.toml or NAME), or else a municipality (name or SCB code) whose
    embedded baseline is run to ``--horizon`` (default base year + 6) without measures, target share:0.02 unless
    ``--target`` says otherwise.

    Raises
    ------
    ValueError
        For an invalid scenario file, or text that is neither a scenario nor a municipality (the message names
        both), or ``--budget`` with a municipality (a budget is the baseline of a scenario file).
    """
    text = str(args.file)
    if text.lower().endswith(".toml") or Path(text).exists() or text in packaged_names("scenarios"):
        if args.horizon is not None:
            raise ValueError("--horizon applies to a municipality's baseline; a scenario file sets its own horizon")
        scenario = load_scenario(text, budget=args.budget)
        r = run_scenario(scenario)
        return _Subject(r.municipality, r.baseline, r.projection.measures, r.target, scenario.name,
                        scenario.source_file, [(what, str(path)) for what, path in scenario.files_read()])
    if args.budget is not None:
        raise ValueError(f"--budget with {text!r}: give a scenario file (its baseline becomes the budget); for the "
                         f"budget without measures, a scenario file without [[measures]]")
    try:
        m = load(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is neither a scenario file nor a packaged scenario "
                         f"({', '.join(packaged_names('scenarios'))}) nor a municipality: {exc}") from None
    horizon = args.horizon if args.horizon is not None else m.base_year + 6
    if horizon <= m.base_year:
        raise ValueError(f"--horizon {horizon}: expected a year after the base year {m.base_year}")
    return _Subject(m, m.project(horizon), None, parse_target("share:0.02"), None, None, [])


def _check_chart(path: Path, out: Path | None) -> Path:
    """``--chart`` before anything is computed: a .png name, writable (as ``--out``), not the ``--out`` file."""
    if path.suffix.lower() != ".png":
        raise CliError(f"--chart {str(path)!r}: expected a file name ending in .png")
    check_target(path, "--chart")
    if out is not None and out.resolve() == path.resolve():
        raise CliError(f"--out {str(out)!r} is also the --chart file; expected different files")
    return path


def _read_correlation(path: Path) -> pd.DataFrame:
    """A correlation matrix from CSV: a header ``shock,<name>,<name>,...`` and one row per name in the same order.

    Raises
    ------
    ValueError
        For a missing or unreadable file, names that differ between the header and the rows, or a value that is
        not a number (the cell named).
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise ValueError(f"--correlation {str(path)!r}: not a text CSV in UTF-8 (save it as CSV UTF-8)") from None
    except OSError as exc:
        raise ValueError(f"--correlation {str(path)!r}: {exc.strerror or exc}") from None
    # A spreadsheet set to Swedish saves semicolons between fields and decimal commas.
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = [row for row in csv.reader(text.splitlines(), delimiter=delimiter) if row]
    except csv.Error as exc:
        raise ValueError(f"--correlation {str(path)!r}: {exc}") from None
    if len(rows) < 2:
        raise ValueError(f"--correlation {str(path)!r}: expected a header 'shock,<name>,...' and one row per shock")
    names = [c.strip() for c in rows[0][1:]]
    labels = [row[0].strip() for row in rows[1:]]
    if labels != names:
        raise ValueError(f"--correlation {str(path)!r}: the rows name {', '.join(labels)} but the header "
                         f"{', '.join(names) or 'nothing'}; expected the same shocks in the same order, fields "
                         f"separated by commas (or semicolons, with decimal commas)")
    matrix = np.zeros((len(names), len(names)))
    for i, row in enumerate(rows[1:]):
        if len(row) != len(names) + 1:
            raise ValueError(f"--correlation {str(path)!r}: row {labels[i]!r} has {len(row) - 1} values; expected "
                             f"{len(names)}")
        for j, cell in enumerate(row[1:]):
            try:
                matrix[i, j] = float(cell.strip().replace(",", ".") if delimiter == ";" else cell)
            except ValueError:
                raise ValueError(f"--correlation {str(path)!r}: [{labels[i]}, {names[j]}] = {cell!r} is not a "
                                 f"number") from None
    return pd.DataFrame(matrix, index=names, columns=names)


def _probability_rows(u: Uncertainty) -> dict[str, list[float | None]]:
    rows: dict[str, list[float | None]] = {}
    for case in u.cases:
        p = u.probabilities(case)
        for what in p.index:
            rows[f"{case.replace(' ', '_')}.{what}"] = floats(p.loc[what])
    return rows


def _fan_rows(u: Uncertainty, output: str) -> dict[str, list[float | None]]:
    rows: dict[str, list[float | None]] = {}
    for case in u.cases:
        fan = u.fan(output, case)
        for row in fan.index:
            rows[f"{case.replace(' ', '_')}.{row}"] = floats(fan.loc[row])
    return rows


def _document(u: Uncertainty, m, subject: _Subject) -> Document:
    """The tables and JSON keys of ``kommunbudget.uncertainty/1``."""
    probabilities = _probability_rows(u)
    tables = [Table("probabilities", probabilities, {row: "fraction" for row in probabilities})]
    for output in OUTPUTS:
        rows = _fan_rows(u, output)
        tables.append(Table(f"fan_{output}", rows, {row: _UNITS[output] for row in rows}))
    need = u.tax_need()
    shocks = u.shocks
    return Document("uncertainty", header(m, u.years[-1], subject.baseline), tables, {
        "scenario": ({"name": subject.name, "file": subject.file, "target": u.target.describe()}
                     if subject.name is not None else None),
        "target": u.target.describe(),
        "draws": u.draws, "seed": u.seed, "from_year": u.from_year, "first_shocked_year": u.first_shocked_year,
        "percentiles": list(FAN_PERCENTILES),
        "tax_need": [{"case": case.replace(" ", "_"), **{k: float(v) for k, v in need.loc[case].items()}}
                     for case in need.index],
        "shocks": [{"shock": name, "sd": float(shocks.loc[name, "sd"]),
                    "distribution": shocks.loc[name, "distribution"], "per": shocks.loc[name, "per"],
                    "status": shocks.loc[name, "status"], "basis": shocks.loc[name, "basis"],
                    "source": shocks.loc[name, "source"],
                    **({"moves": shocks.attrs["moves"][name]} if name in shocks.attrs.get("moves", {}) else {})}
                   for name in shocks.index],
        "shocks_dropped": dict(shocks.attrs.get("dropped", {})),
        "correlation_ignored": list(shocks.attrs.get("correlation_ignored", [])),
        "realisation": _realisation_records(u),
        "notes": list(m.notes) + _notes(u, m),
        "correlation": {"shocks": list(u.correlation.index), "matrix": u.correlation.to_numpy().tolist()},
    })


def _realisation_records(u: Uncertainty) -> list[dict[str, Any]]:
    """The realisation shock per measure: its planned share and the sd the core used (capped at 0.9·√(s(1 − s)):
    a share of 0 or 1 has no spread); [] without that shock."""
    if "measure_realisation" not in u.shocks.index or "with measures" not in u.summaries:
        return []
    used = u.summaries["with measures"].realisation_sd
    given = float(u.shocks.loc["measure_realisation", "sd"])
    labels = u.measure_labels or [str(i) for i in range(len(used))]
    return [{"measure": labels[i] if i < len(labels) else str(i), "sd_given": given, "sd_used": float(sd)}
            for i, sd in enumerate(used)]


def _notes(u: Uncertainty, m, language: str = "en") -> list[str]:
    """What the reader must know about this run, in the language: an approximate baseline, few draws, per-draw
    shocks acting before the first shocked year, realisation spreads cut by the cap."""
    _ = functools.partial(gettext, language=language)
    notes = []
    if m.approximate:
        notes.append(_("APPROXIMATE BASELINE: the result is 0 in the base year and held near 0 by construction, so the "
                       "probabilities of missing the requirement or the target and the tax need say nothing about "
                       "this municipality; read what the measures are worth and how far the shocks spread the result"))
    if u.draws < 1000:
        notes.append(_("only {draws} draws: the percentiles and probabilities rest on few draws (a probability's "
                       "standard error is up to {pp} percentage points); use 10 000 or more", draws=u.draws,
                       pp=number(50 / u.draws ** 0.5, 1, language)))
    per_draw = [n for n in ("measure_realisation", "sale_price") if n in u.shocks.index]
    if per_draw and u.first_shocked_year > u.years[1]:
        notes.append(_("{shocks} act from each measure's own first year, also before {year} (the first year of the "
                       "yearly shocks)", shocks=" & ".join(per_draw), year=u.first_shocked_year))
    ignored = u.shocks.attrs.get("correlation_ignored", [])
    if ignored:
        notes.append(_("--correlation: {names} not used in this run (left out or set to 0); their rows and columns "
                       "were ignored", names=", ".join(ignored)))
    records = _realisation_records(u)
    capped = [r for r in records if 0.0 < r["sd_used"] < r["sd_given"] - 1e-12]
    if records:
        moved = sum(1 for r in records if r["sd_used"] > 0)
        notes.append(_("measure_realisation moves {moved} of {n} measures: a measure planned at a realised share of 1 "
                       "(or 0) has no spread; {capped} had the sd cut to 0.9·√(s(1 − s)) of its planned share s",
                       moved=moved, n=len(records), capped=len(capped)))
    return notes


def _text(u: Uncertainty, m, subject: _Subject, doc: Document, language: str = "en", details: bool = False) -> str:
    """The text report: the answer first (how likely a tax rise is, the requirement and the target missed per
    year); with ``details`` the fan of the balanced-budget result, the shocks and their basis, the correlation and
    the notes."""
    _ = functools.partial(gettext, language=language)
    years = u.years[1:]
    what = (_("scenario {name}", name=subject.name) if subject.name is not None
            else _("the baseline (no measures)"))
    head = _("{place}: uncertainty of {what}, {first}–{last}", place=m.label, what=what, first=u.years[0],
             last=u.years[-1])
    parts = [underlined(head + (" (" + _("APPROXIMATE BASELINE") + ")" if m.approximate else "")),
             wrap(_("{draws} draws, seed {seed} (the same seed gives the same figures on any machine and number of "
                    "threads); shocks from {year}; target: {target}.", draws=number(u.draws, 0, language),
                    seed=u.seed, year=u.first_shocked_year, target=target_text(u.target, language)))]
    if m.approximate or u.draws < 1000:
        notes = _notes(u, m, language)[:2 if m.approximate and u.draws < 1000 else 1]
        parts.append(wrap(_("NOTE: {what}.", what="; ".join(notes))))
    need = u.tax_need()
    lines = []
    for case in need.index:
        row = need.loc[case]
        lines.append(wrap(_("{case}: a rise is needed in {share} of the draws; median {median} öre, 90 % between "
                            "{low} and {high} öre (without shocks {fixed} öre).",
                            case=_case_words(case, language), share=fmt(row["probability_rise"], "fraction",
                                                                        language=language),
                            median=fmt(row["p50"], "öre", True, language), low=fmt(row["p5"], "öre", True, language),
                            high=fmt(row["p95"], "öre", True, language),
                            fixed=fmt(row["deterministic_ore"], "öre", True, language)), "  ", "    ",
                          glue=NUMBER_AND_UNIT))
    parts.append(section(_("Tax need: the sustained change from 1 January {year} that meets the target in every year "
                           "to {last}", year=u.from_year, last=u.years[-1]), lines))
    prob_rows = []
    for case in u.cases:
        p = u.probabilities(case)
        for key in p.index:
            prob_rows.append(((_case_words(case, language), _(_PROBABILITY_WORDS[key])),
                              [fmt(v, "fraction", language=language) for v in p.loc[key, years]]))
    parts.append(section(_("Probability per year (share of draws)"), [frame_text(prob_rows, pd.Index(years))]))
    if not details:
        parts.append(wrap(_("More with --details: the balanced-budget result's percentiles per year, the shocks with "
                            "their size, distribution and basis, their correlation and the notes.")))
        if doc.extra.get("charts"):
            parts.append(_("Chart written: {files}", files=", ".join(doc.extra["charts"])))
        return "\n\n".join(parts) + "\n"
    for case in u.cases:
        fan = u.fan("balanced_budget_result", case)
        rows = [(_(_FAN_WORDS[label]) if label in _FAN_WORDS else label,
                 [fmt(v, "MSEK", language=language) for v in fan.loc[label, years]])
                for label in [f"p{p}" for p in FAN_PERCENTILES] + ["mean", "deterministic", "error"]]
        parts.append(section(_("Balanced-budget result, {unit}, {case}: percentiles over the draws (error: the "
                               "percentiles' bound, one histogram bin)", unit=unit_word("MSEK", language),
                               case=_case_words(case, language)), [frame_text(rows, pd.Index(years))]))
    status_words = {"derived": _("derived from data"),
                    "partly derived": _("partly derived from data, partly an assumption"),
                    "assumption": _("default, not data"), "given": _("given")}
    shock_lines = []
    for name in u.shocks.index:
        s = u.shocks.loc[name]
        size = (_("{pp} pp per year", pp=number(s["sd"] * 100, 1, language)) if s["per"] == "year"
                else number(s["sd"], 2, language))
        moves = u.shocks.attrs.get("moves", {}).get(name)
        text = _("{name}: sd {size} ({distribution}, per {per}; {status})", name=name, size=size,
                 distribution=_(_SHOCK_WORDS.get(s["distribution"], s["distribution"])),
                 per=_(_SHOCK_WORDS.get(s["per"], s["per"])), status=status_words[s["status"]])
        if moves:
            text += ", " + _("moves {what}", what=shown_text(moves, language))
        shock_lines.append(wrap(text + ": " + shown_text(s["basis"], language), "  ", "    "))
    for name, why in u.shocks.attrs.get("dropped", {}).items():
        shock_lines.append(wrap(_("{name}: not used: {why}", name=name, why=shown_text(why, language)), "  ", "    "))
    parts.append(section(_("Shocks (SOURCES.md §25)"), shock_lines))
    corr = u.correlation
    corr_rows = [(name, [number(v, 2, language) for v in corr.loc[name]]) for name in corr.index]
    parts.append(section(_("Correlation of the yearly shocks"), [frame_text(corr_rows, pd.Index(list(corr.columns)))]))
    notes = _notes(u, m, language) + [shown_text(n, language) for n in m.notes]
    if notes:
        parts.append(section(_("Notes"), [wrap(n, indent="  - ", subsequent="    ") for n in notes]))
    if doc.extra.get("charts"):
        parts.append(_("Chart written: {files}", files=", ".join(doc.extra["charts"])))
    return "\n\n".join(parts) + "\n"


def _case_words(case: str, language: str) -> str:
    """``without measures`` / ``with measures`` in the language (the charts' words)."""
    return plots.TEXT[case][1 if language == "sv" else 0] if case in plots.TEXT else case
