"""``kommunbudget sensitivity``: what moves the result and the tax need (``docs/model.md`` §20).

- ``--method tornado`` (default): each default that is an assumption, not data, at a stated low and high value after
  the adopted plan, one at a time (:func:`kommunbudget.analysis.sensitivity.tornado`): the effect on the result of
  ``--year`` (MSEK) and on the sustained tax change ``--target`` needs from ``--from-year`` (öre). With a scenario
  file, the scenario's measures stay in every run.
- ``--method sobol``: first-order and total Sobol indices of the result and the result share in ``--year`` and of
  the sustained tax change ``--target`` needs from ``--from-year`` (öre; the same defaults as the tornado)
  (:func:`kommunbudget.analysis.sensitivity.sobol`; SALib's sample evaluated by the core's batch engine in one call).

Every number comes from the analysis layer; this module reads the arguments, checks which apply to the method and
arranges the document (JSON schema ``kommunbudget.sensitivity/1``; text; a workbook through
:mod:`kommunbudget.report.workbook`).
"""
from __future__ import annotations

import argparse
import dataclasses
import math
from typing import Any

import pandas as pd

from kommunbudget.analysis.sensitivity import FACTOR_LABELS, TORNADO_COLUMNS, SobolResult, sobol, tornado
from kommunbudget.cli.common import header, load_municipality
from kommunbudget.cli.errors import CliError
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.data.paths import packaged_names
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import parse_target
from kommunbudget.report.documents import Document
from kommunbudget.report.sensitivity_text import sobol_text, tornado_text
from kommunbudget.scenarios.result import ScenarioResult
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["DEFAULT_N", "DEFAULT_SEED", "DEFAULT_TARGET", "run"]

#: Defaults of the command (not data): the tornado's target (2 % of tax revenue and general grants, as "What moves
#: the answer" in ``solve``), Saltelli's base samples and the seed.
DEFAULT_TARGET = "share:0.02"
DEFAULT_N = 1024
DEFAULT_SEED = 0

#: Options that only a municipality takes (a scenario file sets its baseline, vintage and horizon).
_MUNICIPALITY_ONLY = (("assignments", "--set"), ("base_year", "--base-year"), ("horizon", "--horizon"),
                      ("vintage", "--vintage"), ("no_plan_growth", "--no-plan-growth"))


def run(args: argparse.Namespace) -> Document:
    """Runs the tornado or the Sobol analysis of ``args.municipality`` (a municipality, or a scenario file or
    packaged example) and returns the document (text only for ``--format table``).

    Raises
    ------
    ValueError
        For invalid input: an option the method or the subject does not take (CliError naming it), a municipality,
        scenario, year, target, ``--n`` or ``--seed`` the library refuses (its message names the field and range).
    """
    _check_method_options(args)
    scenario = _is_scenario(args.municipality)
    if scenario:
        return _scenario_tornado(args)
    m, horizon, _ = load_municipality(args)
    baseline = m.project(horizon)
    year = _year(args, m, horizon)
    first = _from_year(args, m, horizon)
    target = parse_target(args.target or DEFAULT_TARGET)
    if args.method == "sobol":
        n = DEFAULT_N if args.n is None else args.n
        seed = DEFAULT_SEED if args.seed is None else args.seed
        result = sobol(m, horizon, year, n=n, seed=seed, target=target, from_year=first)
        return _sobol_document(args, m, horizon, baseline, year, result)
    frame = tornado(m, horizon, year, target, first)
    return _tornado_document(args, m, horizon, baseline, frame, None)


def _is_scenario(subject: str | None) -> bool:
    """Whether the positional names a scenario: a ``.toml`` file or a packaged example."""
    return subject is not None and (subject.lower().endswith(".toml") or subject in packaged_names("scenarios"))


def _check_method_options(args: argparse.Namespace) -> None:
    """Refuses the options of the other method."""
    if args.method == "sobol":
        if _is_scenario(args.municipality):
            raise CliError(f"--method sobol analyses a municipality's baseline (the batch engine projects it without "
                           f"measures); {args.municipality!r} is a scenario: use --method tornado, or give its "
                           f"municipality")
    else:
        for value, option in ((args.n, "--n"), (args.seed, "--seed")):
            if value is not None:
                raise CliError(f"{option} applies to --method sobol; drop it or add --method sobol")


def _year(args: argparse.Namespace, m: Municipality, horizon: int) -> int:
    """``--year`` (default the horizon), a projected year after the base year."""
    if args.year is None:
        if horizon == m.base_year:
            raise CliError(f"the projection {m.base_year}-{horizon} has no year after the base year; give --horizon "
                           f"{m.base_year + 1} or later")
        return horizon
    if not m.base_year < args.year <= horizon:
        raise CliError(f"--year {args.year} is outside the projected years after the base year; expected a year in "
                       f"{m.base_year + 1}-{horizon} (base year {m.base_year})")
    return args.year


def _from_year(args: argparse.Namespace, m: Municipality, horizon: int) -> int:
    """``--from-year`` (default the first year whose own rate is not decided), after the base year, at most the
    horizon."""
    if args.from_year is None:
        first = first_undecided_year(m.code, m.base_year)
        if first > horizon:
            raise CliError(f"the own rate is decided through {first - 1}, so a change can start in {first} at the "
                           f"earliest, after the horizon {horizon}; give a later horizon or --from-year "
                           f"{m.base_year + 1}-{horizon}")
        return first
    if not m.base_year < args.from_year <= horizon:
        raise CliError(f"--from-year {args.from_year} is outside the projected years after the base year; expected a "
                       f"year in {m.base_year + 1}-{horizon} (base year {m.base_year})")
    return args.from_year


def _scenario_tornado(args: argparse.Namespace) -> Document:
    """The tornado of a scenario: its baseline with its measures in every run."""
    for attr, option in _MUNICIPALITY_ONLY:
        if getattr(args, attr, None):
            raise CliError(f"{option} applies to a municipality; the scenario {args.municipality!r} sets its own "
                           f"baseline, vintage and horizon (in its file)")
    scenario = load_scenario(args.municipality, budget=args.budget)
    if args.population_forecast is not None:
        scenario = dataclasses.replace(scenario, population_forecast=args.population_forecast)
    r = run_scenario(scenario)
    m, horizon = r.municipality, scenario.horizon
    year = _year(args, m, horizon)
    first = _from_year(args, m, horizon)
    target = parse_target(args.target) if args.target else r.target
    frame = tornado(r, horizon, year, target, first)
    doc = _tornado_document(args, m, horizon, r.baseline, frame, r)
    doc.inputs = [(what, str(path)) for what, path in scenario.files_read()]
    return doc


def _tornado_document(args: argparse.Namespace, m: Municipality, horizon: int, baseline: Projection,
                      frame: pd.DataFrame, r: ScenarioResult | None) -> Document:
    """The tornado's document: header, method, basis, the rows (records with ``id`` first) and their columns."""
    a = frame.attrs
    records = [{"id": ident, **{k: _value(v) for k, v in row.items()}}
               for ident, row in frame.to_dict(orient="index").items()]
    extra: dict[str, Any] = {
        "method": "tornado",
        "scenario": None if r is None else {"name": r.scenario.name, "file": r.scenario.source_file,
                                            "measures": [x.name for x in r.scenario.measures]},
        "year": a["year"], "from_year": a["from_year"],
        "target": {"id": a["target"], "description": a["target_description"]},
        "baseline": {"result_msek": a["baseline_result_msek"], "need_ore": a["baseline_need_ore"]},
        "projections": a["projections"],
        "tornado": records,
        "columns": dict(TORNADO_COLUMNS),
        "defaults_note": "The low and high values are defaults of the table, not data (±1 pp PKV and tax base, ±1 % "
                         "population, ±0.5 pp volumes, +2 pp or held property fee, the regulation grant's rule or "
                         "held): they show the size of each effect, not a forecast range.",
    }
    doc = Document("sensitivity", header(m, horizon, baseline), [], extra)
    if args.format == "table":
        doc.text = tornado_text(m, baseline, frame, args.language, r is not None)
    return doc


def _sobol_document(args: argparse.Namespace, m: Municipality, horizon: int, baseline: Projection, year: int,
                    result: SobolResult) -> Document:
    """The Sobol document: header, method, sample size, factors, indices (records), outputs and timings."""
    extra: dict[str, Any] = {
        "method": "sobol",
        "year": year, "n": result.n, "seed": result.seed, "rows": result.rows,
        "conf_level": result.conf_level,
        "factors": [f.record() for f in result.factors],
        "sobol": [{k: _value(v) for k, v in rec.items()} for rec in result.records()],
        "outputs": result.outputs,
        "notes": [*result.notes, *(f"{name}: {stats['note']}" for name, stats in result.outputs.items()
                                   if stats.get("note"))],
        "seconds": result.seconds,
        "from_year": result.outputs["tax_need"]["from_year"],
        "target": {"id": result.outputs["tax_need"]["target"],
                   "description": result.outputs["tax_need"]["target_description"]},
        "note": "Indices of the result (MSEK) and the result share (fraction) in the year and of the sustained tax "
                "change the target needs from from_year (öre; the core's required_sustained_change on each row's "
                "statement). The factors' ranges are defaults, not data (the tornado's steps); the target "
                f"{DEFAULT_TARGET} unless given is a default, not data.",
        "factor_labels": {k: {"en": en, "sv": sv} for k, (en, sv) in FACTOR_LABELS.items()},
    }
    doc = Document("sensitivity", header(m, horizon, baseline), [], extra)
    if args.format == "table":
        doc.text = sobol_text(m, baseline, result, args.language)
    return doc


def _value(v: Any) -> Any:
    """A cell for JSON: NaN as None, an empty error as None."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if v == "":
        return None
    return v
