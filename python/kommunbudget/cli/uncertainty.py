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
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.plots import plot_fan, save_figure
from kommunbudget.report.text import frame_text, notes_text, section, underlined, wrap
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["run"]

_PROBABILITY_WORDS = {
    "requirement_missed": "balanced-budget requirement missed (balanskravsresultat < 0)",
    "restoration_missed": "restoration of earlier deficits missed (balanskravsresultat < återställande)",
    "target_missed": "target missed",
}
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
        written = str(save_figure(plot_fan(u, "balanced_budget_result"), chart))
        doc.extra["charts"] = [written]
        if args.format != "table":  # the text names the chart itself
            doc.notices.append(f"wrote {written}")
    if args.format == "table":
        doc.text = _text(u, m, subject, doc)
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


def _notes(u: Uncertainty, m) -> list[str]:
    """What the reader must know about this run: an approximate baseline, few draws, per-draw shocks acting before
    the first shocked year, realisation spreads cut by the cap."""
    notes = []
    if m.approximate:
        notes.append("APPROXIMATE BASELINE: the result is 0 in the base year and held near 0 by construction, so the "
                     "probabilities of missing the requirement or the target and the tax need say nothing about this "
                     "municipality; read what the measures are worth and how far the shocks spread the result")
    if u.draws < 1000:
        notes.append(f"only {u.draws} draws: the percentiles and probabilities rest on few draws (a probability's "
                     f"standard error is up to {50 / u.draws ** 0.5:.1f} percentage points); use 10 000 or more")
    per_draw = [n for n in ("measure_realisation", "sale_price") if n in u.shocks.index]
    if per_draw and u.first_shocked_year > u.years[1]:
        notes.append(f"{' and '.join(per_draw)} act from each measure's own first year, also before "
                     f"{u.first_shocked_year} (the first year of the yearly shocks)")
    ignored = u.shocks.attrs.get("correlation_ignored", [])
    if ignored:
        notes.append(f"--correlation: {', '.join(ignored)} not used in this run (left out or set to 0); their rows "
                     f"and columns were ignored")
    records = _realisation_records(u)
    capped = [r for r in records if 0.0 < r["sd_used"] < r["sd_given"] - 1e-12]
    if records:
        moved = sum(1 for r in records if r["sd_used"] > 0)
        notes.append(f"measure_realisation moves {moved} of {len(records)} measures: a measure planned at a realised "
                     f"share of 1 (or 0) has no spread; {len(capped)} had the sd cut to 0.9·√(s(1 − s)) of its "
                     f"planned share s")
    return notes


def _text(u: Uncertainty, m, subject: _Subject, doc: Document) -> str:
    """The text report: the answer first (how likely a tax rise is, the requirement missed), then the fan of the
    balanced-budget result, the shocks and their basis."""
    years = u.years[1:]
    parts = [underlined(f"{m.label}: uncertainty of {subject.what}, {u.years[0]}-{u.years[-1]}"
                        + (" (APPROXIMATE BASELINE)" if m.approximate else "")),
             wrap(f"{u.draws:,}".replace(",", " ") + f" draws, seed {u.seed} (the same seed gives the same figures "
                  f"on any machine and number of threads); shocks from {u.first_shocked_year}; target: "
                  f"{u.target.describe()}.")]
    if m.approximate or u.draws < 1000:
        parts.append(wrap("NOTE: " + "; ".join(_notes(u, m)[:2 if m.approximate and u.draws < 1000 else 1]) + "."))
    need = u.tax_need()
    lines = []
    for case in need.index:
        row = need.loc[case]
        lines.append(wrap(
            f"{case}: a rise is needed in {fmt(row['probability_rise'], 'fraction')} of the draws; median "
            f"{fmt(row['p50'], 'öre', signed=True)} öre, 90 % between {fmt(row['p5'], 'öre', signed=True)} and "
            f"{fmt(row['p95'], 'öre', signed=True)} öre (without shocks "
            f"{fmt(row['deterministic_ore'], 'öre', signed=True)} öre).", "  ", "    "))
    parts.append(section(f"Tax need: the sustained change from 1 January {u.from_year} that meets the target in "
                         f"every year to {u.years[-1]}", lines))
    prob_rows = []
    for case in u.cases:
        p = u.probabilities(case)
        for what in p.index:
            prob_rows.append(((case, _PROBABILITY_WORDS[what]), [fmt(v, "fraction") for v in p.loc[what, years]]))
    parts.append(section("Probability per year (share of draws)", [frame_text(prob_rows, pd.Index(years))]))
    for case in u.cases:
        fan = u.fan("balanced_budget_result", case)
        rows = [(label, [fmt(v, "MSEK") for v in fan.loc[label, years]])
                for label in [f"p{p}" for p in FAN_PERCENTILES] + ["mean", "deterministic", "error"]]
        parts.append(section(f"Balanced-budget result, MSEK, {case}: percentiles over the draws (error: the "
                             f"percentiles' bound, one histogram bin)", [frame_text(rows, pd.Index(years))]))
    shock_lines = []
    for name in u.shocks.index:
        s = u.shocks.loc[name]
        size = f"{s['sd'] * 100:.1f} pp per year" if s["per"] == "year" else f"{s['sd']:.2f}"
        label = {"derived": "derived from data", "partly derived": "partly derived from data, partly an assumption",
                 "assumption": "default, not data", "given": "given"}[s["status"]]
        moves = u.shocks.attrs.get("moves", {}).get(name)
        shock_lines.append(wrap(f"{name}: sd {size} ({s['distribution']}, per {s['per']}; {label})"
                                + (f", moves {moves}" if moves else "") + f": {s['basis']}", "  ", "    "))
    for name, why in u.shocks.attrs.get("dropped", {}).items():
        shock_lines.append(wrap(f"{name}: not used: {why}", "  ", "    "))
    parts.append(section("Shocks (SOURCES.md §25)", shock_lines))
    corr = u.correlation
    corr_rows = [(name, [f"{v:.2f}" for v in corr.loc[name]]) for name in corr.index]
    parts.append(section("Correlation of the yearly shocks", [frame_text(corr_rows, pd.Index(list(corr.columns)))]))
    notes = _notes(u, m) + list(m.notes)
    if notes:
        parts.append(notes_text(notes))
    if doc.extra.get("charts"):
        parts.append("Chart written: " + ", ".join(doc.extra["charts"]))
    return "\n\n".join(parts) + "\n"

