"""The command-line tool ``kommunbudget``: project, solve, compare and list the embedded data.

::

    kommunbudget project Sjöbo --horizon 2030                 # income statement, targets, assumptions
    kommunbudget solve 1265 --format json                     # required tax rates and sustained changes
    kommunbudget compare Sjöbo --chart out/result.png         # raise the tax or make efficiency savings
    kommunbudget explain-revenue Sjöbo                        # revenue bridge; what 1 öre and 1 krona bring in
    kommunbudget revenue-table --sort ore                     # all 290: 1 öre, tax base, equalisation (approx.)
    kommunbudget benchmark Sjöbo --rule county_size           # net cost by area against peers and NKA
    kommunbudget datasets                                     # embedded data, baselines, PKV vintages

Every number comes from the library (the C++ core through :mod:`kommunbudget`); this module only parses the
command line, arranges the results and formats them as a text table, JSON or CSV. The JSON and CSV layouts
are stable (schema ``kommunbudget.<command>/1``) and documented in README.md, section "Command line".

Exit status: 0 on success; 2 for invalid input (an unknown municipality, year, assumption or target, a bad
option; the message is printed as ``kommunbudget: error: ...`` without a traceback); 1 when a computation or
the writing of a file fails.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import math
import os
import re
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kommunbudget.analysis import benchmark as kb_benchmark
from kommunbudget.analysis import revenue as kb_revenue
from kommunbudget.analysis import vintages as kb_vintage_effects
from kommunbudget.analysis.comparison import Comparison, compare
from kommunbudget.baselines import vintages
from kommunbudget.baselines.load import available_baselines, load
from kommunbudget.data import catalogue as kb_catalogue
from kommunbudget.data import pkv as kb_pkv
from kommunbudget.data import service_areas as kb_service_areas
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance
from kommunbudget.model.lines import STATEMENT_LINES
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import default_targets, parse_target, target_key
from kommunbudget.report import plots
from kommunbudget.scenarios import checklist as kb_checklist
from kommunbudget.scenarios import result as scenarios_run
from kommunbudget.scenarios import schema as scenarios_schema

#: Version of the JSON and CSV layouts; part of every JSON document's ``schema`` ("kommunbudget.project/1").
SCHEMA_VERSION = 1

#: Width the text output is laid out for (wider tables are wrapped in blocks of years).
WIDTH = 132

#: Tolerance (MSEK) below which a shortfall against a target counts as met, as in :meth:`Comparison.table`.
MET_TOLERANCE_MSEK = 1e-6

_log = logging.getLogger("kommunbudget.cli")

_LABELS = {spec[0]: {"id": spec[0], "sv": spec[1], "en": spec[2]} for spec in STATEMENT_LINES}
_UNITS = {spec[0]: spec[3] for spec in STATEMENT_LINES}

#: Statement rows shown in the text table, in blocks separated by a blank line. The rows for measures
#: (efficiency savings, tax-change revenue) are always zero in ``project`` and are left out of the text (not of
#: JSON and CSV).
_STATEMENT_BLOCKS = (
    ("operating_income", "operating_costs", "depreciation", "net_operating_cost", "tax_revenue", "general_grants",
     "operating_result", "financial_income", "financial_costs", "result"),
    ("realisation_gains", "other_balance_adjustments", "reserve_use", "balanced_budget_result"),
    ("result_share",),
    ("tax_rate", "tax_base", "final_settlement"),
)

_KIND_HEADINGS = {
    "data": "Data: published figures",
    "derived": "Derived: computed from published figures",
    "user": "Set by you (--set)",
    "default": "Defaults: documented assumptions where no data exists",
}


class CliError(ValueError):
    """Invalid command-line input that the library does not check itself (reported like a library error)."""


# ----------------------------------------------------------------------------------------------------------------
# Parsing
# ----------------------------------------------------------------------------------------------------------------


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (e.g. 2026)") from None


def _assignment(text: str) -> tuple[str, float | dict[int, float]]:
    """``NAME=VALUE`` or ``NAME=YEAR:VALUE[,YEAR:VALUE...]`` -> (name, number or {year: number})."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    usage = "expected NAME=VALUE or NAME=YEAR:VALUE[,YEAR:VALUE...], e.g. tax_base_growth=0.04 or " \
            "tax_rate_kr_per_100kr=2026:21.42"
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(f"{text!r}: {usage}")
    if ":" not in value:
        try:
            return name, _finite(value)
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}; {usage}") from None
    values: dict[int, float] = {}
    for part in value.split(","):
        year, colon, number = part.strip().partition(":")
        try:
            if not colon:
                raise argparse.ArgumentTypeError(f"{part.strip()!r} has no YEAR:")
            y = _year(year.strip())
            if y in values:
                raise argparse.ArgumentTypeError(f"year {y} is given twice")
            values[y] = _finite(number.strip())
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}; {usage}") from None
    return name, values


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kommunbudget`` (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="kommunbudget",
        description="Budget scenarios for Swedish municipalities: project the income statement, find the tax "
                    "rate each target needs, and compare raising the tax with efficiency savings.",
        epilog="Amounts are nominal MSEK; tax rates kr per 100 kr (1 öre = 0.01 kr); growth rates and shares are "
               "fractions (0.04 = 4 %). Exit status 2 for invalid input, 1 when a computation fails.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {core.__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", default=False,
                        help="log progress (level INFO of the 'kommunbudget' logger) to stderr")
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help="log progress (level INFO of the 'kommunbudget' logger) to stderr")
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--out", metavar="FILE", type=Path,
                     help="write the output to FILE (replaced in one step; never a directory) instead of stdout")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("municipality", metavar="MUNICIPALITY",
                        help="name (diacritics optional, e.g. Sjöbo or sjobo) or 4-digit SCB code (1265)")
    common.add_argument("--base-year", type=_year, metavar="YEAR",
                        help="base year (the adopted budget); default the latest available")
    common.add_argument("--horizon", type=_year, metavar="YEAR", help="last year; default base year + 4")
    common.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default table); csv and json are documented in README.md")
    common.add_argument("--set", dest="assignments", action="append", type=_assignment, default=[],
                        metavar="NAME=VALUE",
                        help="change an assumption: a number for every projection year, or YEAR:VALUE[,YEAR:VALUE]; "
                             "units as listed by 'project' (fractions for growth rates, MSEK, kr per 100 kr); "
                             "repeatable; volume_growth sets every cost line")
    common.add_argument("--language", choices=("en", "sv"), default="en",
                        help="labels of the income statement: English or the Swedish statutory names")
    common.add_argument("--vintage", metavar="NAME|FILE.toml", default=None,
                        help="assumption vintage (PKV, tax base growth, national tax capacity growth): a packaged "
                             "name (see 'kommunbudget vintages') or a TOML file; default skr-2025-report")
    common.add_argument("--no-plan-growth", action="store_true", default=False,
                        help="use the vintage's tax base and national growth in the plan years too, instead of the "
                             "growth implied by the municipality's adopted plan")

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    target_help = ("target: result, balanced-budget or share:<fraction> (result as a share of tax revenue and "
                   "general grants, e.g. share:0.02)")

    p = sub.add_parser("project", parents=[common, out, verbose],
                       help="income statement per year, targets met, assumptions and sources",
                       description="Projects the income statement from the base year to the horizon and shows "
                                   "whether the balanced-budget requirement and each target are met, with every "
                                   "assumption and its source.")
    p.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=target_help + "; repeatable; default result, balanced-budget and share:0.02")
    p.set_defaults(handler=_cmd_project)

    s = sub.add_parser("solve", parents=[common, out, verbose],
                       help="required tax rate per target and year, and the sustained change",
                       description="The lowest tax rate meeting each target in each year, the single sustained "
                                   "change from --from-year that meets it in every later year (kr, öre and what "
                                   "it costs a household), and the shortfall against each target.")
    s.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=target_help + "; repeatable; default result, balanced-budget and share:0.02")
    s.add_argument("--from-year", type=_year, metavar="YEAR",
                   help="first year of the sustained change; default base year + 1")
    s.add_argument("--income", type=_finite, metavar="KR",
                   help="taxable earned income of a household, kr a year; default the municipality's tax base "
                        "per inhabitant in --from-year")
    s.set_defaults(handler=_cmd_solve)

    c = sub.add_parser("compare", parents=[common, out, verbose],
                       help="raise the tax or make efficiency savings worth the same",
                       description="Sets a sustained tax rise against a one-off across-the-board efficiency that "
                                   "saves as much in --from-year, year by year against one target.")
    c.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=target_help + "; one target; default share:0.02")
    c.add_argument("--from-year", type=_year, metavar="YEAR",
                   help="first year of both measures; default base year + 1")
    c.add_argument("--tax-change", type=_finite, metavar="KR",
                   help="tax rise in kr per 100 kr (0.25 = 25 öre); default the sustained change that meets the "
                        "target in every year from --from-year")
    c.add_argument("--income", type=_finite, metavar="KR",
                   help="taxable earned income of a household, kr a year; default the municipality's tax base "
                        "per inhabitant in --from-year")
    c.add_argument("--chart", type=Path, metavar="PATH.png",
                   help="write the result-vs-target chart to PATH.png and the comparison chart to "
                        "PATH_comparison.png")
    c.set_defaults(handler=_cmd_compare)

    e = sub.add_parser("explain-revenue", parents=[out, verbose],
                       help="revenue bridge and what 1 öre on the rate or 1 krona of tax base brings in",
                       description="Where the tax revenue and the income equalisation come from, year by year, and "
                                   "the marginal effects: 1 öre on the rate is kept in full, an added krona of own "
                                   "tax base is largely equalised away. Calibrated for a municipality with an "
                                   "embedded budget (Sjöbo); derived from SCB and approximate for any other.")
    e.add_argument("municipality", metavar="MUNICIPALITY",
                   help="name (diacritics optional, e.g. Sjöbo or sjobo) or 4-digit SCB code (1265); any of the 290")
    e.add_argument("--base-year", type=_year, metavar="YEAR",
                   help="first year; default the latest adopted budget, else 2024")
    e.add_argument("--horizon", type=_year, metavar="YEAR",
                   help="last year; default base year + 4 (without a budget: at most the last year SCB's tax "
                        "capacity can be carried to, 2025)")
    e.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default table); csv and json are documented in README.md")
    e.add_argument("--language", choices=("en", "sv"), default="en", help="labels of the revenue bridge")
    e.set_defaults(handler=_cmd_explain_revenue)

    r = sub.add_parser("revenue-table", parents=[out, verbose],
                       help="all 290 municipalities: what 1 öre is worth, tax base, capacity index, equalisation",
                       description="For every municipality in --base-year: what 1 öre on the rate raises (MSEK and "
                                   "kr per inhabitant), the tax base, the tax capacity index and the estimated "
                                   "income equalisation. Derived from SCB and approximate (not calibrated).")
    r.add_argument("--base-year", type=_year, metavar="YEAR", default=2024,
                   help="budget year (default 2024; 2025 is the last the embedded growth figures reach)")
    r.add_argument("--sort", choices=tuple(kb_revenue.REVENUE_SORTS), default="code",
                   help="order: code (default), name (Swedish alphabetical), ore (largest öre value first) or "
                        "index (highest tax capacity first)")
    r.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default table); csv and json are documented in README.md")
    r.set_defaults(handler=_cmd_revenue_table)

    b = sub.add_parser("benchmark", parents=[out, verbose],
                       help="net cost by service area against peers and Kolada's reference cost (NKA), in MSEK "
                            "and öre",
                       description="A municipality's net cost 2024 by service area (SCB) against the median per "
                                   "inhabitant of its peers and, in Skåne, Kolada's reference cost (NKA): the gap in "
                                   "MSEK and in öre on the tax rate.")
    b.add_argument("municipality", metavar="MUNICIPALITY",
                   help="name (diacritics optional, e.g. Sjöbo or sjobo) or 4-digit SCB code (1265); any of the 290")
    b.add_argument("--rule", choices=("county_size", "county", "size", "capacity"), default="county_size",
                   help="peer rule (default county_size: same county, population 0.5-2 times the own; county: same "
                        "county; size: all Sweden, 0.5-2 times; capacity: size and SCB tax capacity within ± 5 "
                        "points); with fewer than 3 peers the rule falls back to size")
    b.add_argument("--peers", metavar="A,B,C", default=None,
                   help="explicit peers, names or codes separated by commas (replaces --rule)")
    b.add_argument("--nka-year", type=_year, metavar="YEAR", default=2024,
                   help="year of Kolada's NKA (2023, 2024 final; 2025 preliminary); default 2024")
    b.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default table); csv and json are documented in README.md")
    b.set_defaults(handler=_cmd_benchmark)

    sc = sub.add_parser("scenario", parents=[out, verbose], formatter_class=argparse.RawDescriptionHelpFormatter,
                        help="run a scenario file: measures' worth per year in MSEK and öre, targets, bridge, tax "
                             "needed with and without the measures, checklist",
                        description="Runs a scenario TOML file (see README 'Levers and scenarios') against its "
                                    "baseline.\nThe table output adds how each derived amount was computed and, for a "
                                    "scenario with a premises\nportfolio, the portfolio before and after the "
                                    "scenario's disposals.",
                        epilog=_SCENARIO_JSON_HELP)
    sc.add_argument("file", metavar="FILE.toml",
                    help="the scenario file (read only), or a packaged example by name: "
                         + ", ".join(_packaged_scenarios()))
    sc.add_argument("--year", type=_year, metavar="YEAR", default=None,
                    help="year of the bridge; default the scenario's horizon")
    sc.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    sc.set_defaults(handler=_cmd_scenario)

    ck = sub.add_parser("checklist", parents=[out, verbose],
                        help="the report's 19 questions before a tax rise, and the lever that models each",
                        description="Prints the checklist; with a scenario file, which questions it tested and "
                                    "what each is worth in öre.")
    ck.add_argument("file", metavar="FILE.toml", nargs="?", default=None,
                    help="a scenario file or packaged example (optional)")
    ck.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    ck.set_defaults(handler=_cmd_checklist)

    v = sub.add_parser("vintages", parents=[out, verbose],
                       help="assumption vintages: list them, or compare two (assumptions and, for a municipality, "
                            "the result)",
                       description="Lists the packaged assumption vintages. With --compare A B: what changed between "
                                   "two vintages, and with --municipality what it does to the result.")
    v.add_argument("--compare", nargs=2, metavar=("A", "B"), help="two vintages (names or TOML files)")
    v.add_argument("--municipality", metavar="MUNICIPALITY", help="show the effect on this municipality's result")
    v.add_argument("--horizon", type=_year, metavar="YEAR", default=None, help="last year; default base year + 6")
    v.add_argument("--no-plan-growth", action="store_true", default=False,
                   help="compare with the vintages' growth in the plan years too")
    v.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    v.set_defaults(handler=_cmd_vintages)

    d = sub.add_parser("datasets", parents=[out, verbose],
                       help="embedded data sets, available baselines and PKV vintages",
                       description="Lists the embedded data files with their sources, the municipalities with a "
                                   "full baseline, and the PKV vintages.")
    d.add_argument("--format", choices=("table", "json"), default="table", help="output format (default table)")
    d.set_defaults(handler=_cmd_datasets)
    return parser


#: The scenario command's JSON keys (its --help epilog).
_SCENARIO_JSON_HELP = """\
JSON (--format json), schema kommunbudget.scenario/1; MSEK nominal unless stated:
  municipality, vintage, uses_plan_growth, approximate, base_year, horizon, years,
  year_status          as for 'project'
  notes                the baseline's notes (e.g. what is approximate), list of text
  scenario             name, file, target, measures (name, kind, topics) in file order
  measure_effects      measure -> change of the result per year, MSEK (measures added one at a
                       time in file order, so they sum to summary.change_result)
  measure_effects_ore  the same in öre on the tax rate
  summary              baseline_* and scenario_* result, balanced_budget_result, result_share
                       (fraction), meets_balanced_budget, meets_target (1/0); change_result
  units                the unit of each row of measure_effects, measure_effects_ore, summary
  measure_sources      measure -> how its derived amount was computed (nka_gap, premises_target,
                       area_gap: figures, sources, share closed; MSEK a year in base-year
                       prices, before ramp and realised share); {} when no measure derives one
  premises_summary     null without a premises portfolio; else sold_property_ids (the
                       portfolio's properties the disposals sell) and before_disposals,
                       after_disposals: one record per use and a "total" record with use,
                       n_properties, area_m2, vacant_area_m2, vacancy_share (fraction),
                       running_cost_msek, depreciation_msek, total_premises_cost_msek (running
                       cost + depreciation), cost_kr_per_m2, book_value_msek,
                       market_value_msek, market_minus_book_msek (base year; null where there
                       is no area)
  bridge               year, rows: view (measure|line), item, msek, ore
  bridge_by_driver     year, rows: driver, msek, ore
  tax_needed           "without measures", "with measures": change_kr_per_100kr, change_ore,
                       household_cost_kr
  checklist            the 19 questions: number, topic, question, levers, modelled, tested,
                       worth_ore_first_year, worth_ore_last_year, worth_ore_sum, measures
"""


def _packaged_scenarios() -> list[str]:
    return scenarios_schema.packaged_scenarios()


# ----------------------------------------------------------------------------------------------------------------
# Documents: the tables of one command, rendered as text, JSON or CSV
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Table:
    """One table of a document: rows by identifier, each a list of values per year (``yearly``) or a scalar.

    Values are floats, ints, bools or None (no value); ``units`` maps each row to its unit.
    """

    name: str
    rows: dict[str, Any]
    units: dict[str, str]
    yearly: bool = True


_SCALAR_ARRAY = re.compile(r"\[(?:[\s\-0-9.eE+,]|null|true|false)*\]")


@dataclass
class Document:
    """What a command outputs, independent of the format."""

    command: str
    header: dict[str, Any]
    tables: list[Table] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: Further CSV lines (table, row, year, value, unit) after the tables, e.g. revenue-table's columns.
    csv_rows: list[list[Any]] = field(default_factory=list)

    def to_json(self) -> str:
        obj: dict[str, Any] = {"schema": f"kommunbudget.{self.command}/{SCHEMA_VERSION}",
                               "kommunbudget_version": core.__version__}
        obj.update(self.header)
        for table in self.tables:
            obj[table.name] = table.rows
        if self.tables:
            obj["units"] = {table.name: table.units for table in self.tables}
        obj.update(self.extra)
        text = json.dumps(_clean(obj), ensure_ascii=False, indent=2, allow_nan=False)
        # Arrays of numbers and booleans (the values per year) on one line each, for readers of the file.
        return _SCALAR_ARRAY.sub(lambda m: re.sub(r"\s+", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"),
                                 text) + "\n"

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["table", "row", "year", "value", "unit"])
        years = self.header.get("years", [])
        for table in self.tables:
            for row, values in table.rows.items():
                unit = table.units[row]
                if table.yearly:
                    for year, value in zip(years, values, strict=True):
                        writer.writerow([table.name, row, year, _csv_value(value), unit])
                else:
                    writer.writerow([table.name, row, "", _csv_value(values), unit])
        for record in self.extra.get("assumptions", []):
            for year, value in zip(record["years"], record["values"], strict=True):
                writer.writerow(["assumptions", record["assumption"], year, _csv_value(value), record["unit"]])
        for table, row, year, value, unit in self.csv_rows:
            writer.writerow([table, row, year, _csv_value(value), unit])
        return buffer.getvalue()


def _clean(obj: Any) -> Any:
    """JSON-ready copy: numpy scalars to Python, non-finite floats to None, -0.0 to 0.0, int keys to text."""
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [_clean(v) for v in obj]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        value = float(obj)
        return value + 0.0 if math.isfinite(value) else None
    return obj


def _csv_value(value: Any) -> str:
    value = _clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return repr(value) if isinstance(value, float) else str(value)


def _floats(values: Sequence[float]) -> list[float]:
    return [float(v) + 0.0 for v in values]


# ----------------------------------------------------------------------------------------------------------------
# Text formatting
# ----------------------------------------------------------------------------------------------------------------


def _fmt(value: float, unit: str, signed: bool = False) -> str:
    """One number for the text table, by unit: MSEK and öre 1 decimal, rates 2 decimals, shares in percent."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    value = float(value) + 0.0
    sign = "+" if signed else ""
    if unit in ("fraction", "fraction per year"):
        if abs(value) < 5e-4:
            value = 0.0
        return f"{value * 100:{sign}.1f} %"
    if unit == "kr per 100 kr":
        return f"{value:{sign}.2f}"
    if unit in ("kr per year", "kr"):
        return f"{value:{sign},.0f}"
    if unit == "boolean":
        return "yes" if value else "no"
    if abs(value) < 0.05:  # no "-0.0"
        value = 0.0
    return f"{value:{sign}.1f}"


def _year_columns(years: Sequence[int], status: dict[int, str]) -> pd.MultiIndex:
    return pd.MultiIndex.from_tuples([(y, status[y]) for y in years], names=["year", ""])


def _frame_text(rows: list[tuple[Any, list[str]]], columns: pd.Index) -> str:
    """Rows of (label, cells) as a right-aligned text table; label may be a tuple (two index levels)."""
    labels = [label for label, _ in rows]
    if labels and isinstance(labels[0], tuple):
        index = pd.MultiIndex.from_tuples(labels)
    else:
        index = pd.Index(labels)
    frame = pd.DataFrame([cells for _, cells in rows], index=index, columns=columns, dtype=object)
    return frame.to_string(line_width=WIDTH, sparsify=True)


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=indent,
                         subsequent_indent=indent if subsequent is None else subsequent, break_on_hyphens=False,
                         break_long_words=False)


def _years_text(years: Sequence[int]) -> str:
    """[2025, 2026, 2027, 2030] -> '2025-2027, 2030'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _status_legend(status: dict[int, str]) -> str:
    words = {"budget": "adopted budget (base year)",
             "approximate": "approximate base year from SCB data, no adopted budget (result 0 by construction)",
             "plan": "adopted plan, reproduced through assumptions derived from it",
             "plan, changed": "a plan year moved off the adopted plan by what you set",
             "projection": "projected by the model from the assumptions below"}
    parts = []
    for kind in ("budget", "approximate", "plan", "plan, changed", "projection"):
        years = [y for y, s in status.items() if s == kind]
        if years:
            parts.append(f"{_years_text(years)} {kind} = {words[kind]}")
    text = "Years: " + "; ".join(parts) + "."
    if "approximate" in status.values():
        text += (" APPROXIMATE BASELINE: the result is 0 in the base year and held near 0 after it by construction "
                 "(costs and the derived grant item follow the tax base), so whether a target is met and the tax "
                 "change it needs say nothing about this municipality; read what measures and tax changes are "
                 "worth (MSEK, öre), and see the notes.")
    return text


def _title(m: Municipality, what: str, years: Sequence[int]) -> str:
    head = f"{m.label}, {m.county}, {m.population:,} inhabitants (31 Dec 2024): {what}, {years[0]}-{years[-1]}"
    return head + f"\n{'=' * min(len(head), WIDTH)}"


# ----------------------------------------------------------------------------------------------------------------
# Shared steps
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Setup:
    """The municipality (with the user's assumptions applied), horizon and baseline projection of one run."""

    municipality: Municipality
    horizon: int
    projection: Projection
    user_set: list[str]


def _setup(args: argparse.Namespace) -> Setup:
    m = load(args.municipality, args.base_year, vintage=args.vintage, use_plan_growth=not args.no_plan_growth)
    _log.info("loaded %s, base year %d, vintage %s", m.label, m.base_year, m.vintage)
    horizon = m.base_year + 4 if args.horizon is None else args.horizon
    m.projector(horizon)  # checks the horizon against the base year before any --set is applied
    first = m.base_year + 1
    user_set = []
    for name, value in args.assignments:
        if isinstance(value, dict):
            outside = [y for y in value if not first <= y <= horizon]
            if outside:
                raise CliError(f"--set {name}: year {outside[0]} is outside the projection years "
                               f"{first}-{horizon} (base year {m.base_year}, horizon {horizon}); the base year's "
                               f"figures come from the adopted budget")
        try:
            m = m.with_assumptions(**{name: value})
        except KeyError as exc:
            raise CliError(f"--set {name}: {_message(exc)}; 'volume_growth' sets every cost line") from None
        user_set.append(name)
        _log.info("assumption %s set to %s", name, value)
    projection = m.project(horizon)
    _log.info("projected %s %d-%d", m.label, m.base_year, horizon)
    return Setup(m, horizon, projection, user_set)


def _targets(texts: list[str]) -> list[core.Target]:
    targets = [parse_target(t) for t in texts] if texts else default_targets()
    unique: dict[str, core.Target] = {}
    for t in targets:
        unique.setdefault(target_key(t), t)
    return list(unique.values())


def _from_year(args: argparse.Namespace, s: Setup) -> int:
    base = s.municipality.base_year
    year = base + 1 if args.from_year is None else args.from_year
    if not base <= year <= s.horizon:
        if s.horizon == base:
            raise CliError(f"--from-year {year}: the projection {base}-{s.horizon} has no year after the base year; "
                           f"give --horizon {base + 1} or later")
        raise CliError(f"--from-year {year} is outside the projection {base}-{s.horizon} (base year {base}, "
                       f"horizon {s.horizon})")
    return year


def _household_income(args: argparse.Namespace, s: Setup, from_year: int) -> tuple[float, str]:
    """The household income for the cost of a tax change: given, or the tax base per inhabitant (as in
    :func:`kommunbudget.compare`)."""
    if args.income is not None:
        return float(args.income), "given with --income"
    return s.projection.household_income_kr(from_year)


def _header(s: Setup) -> dict[str, Any]:
    m = s.municipality
    return {"municipality": {"code": m.code, "name": m.name, "county": m.county, "population": m.population},
            "vintage": m.vintage, "uses_plan_growth": m.uses_plan_growth, "approximate": m.approximate,
            "base_year": m.base_year, "horizon": s.horizon, "years": s.projection.years,
            "year_status": [s.projection.year_status()[y] for y in s.projection.years]}


def _targets_json(targets: list[core.Target]) -> list[dict[str, Any]]:
    return [{"id": target_key(t), "description": t.describe(),
             "share": t.share if t.kind == core.TargetKind.RESULT_SHARE else None} for t in targets]


def _assumption_records(p: Projection) -> list[dict[str, Any]]:
    """The assumptions for the projection years, consecutive years with the same provenance merged:
    assumption, years (list), values (list, in ``unit``), unit, kind, source."""
    detail = p.assumptions(detail=True)
    records: list[dict[str, Any]] = []
    for row in detail.itertuples(index=False):
        last = records[-1] if records else None
        if (last is not None and last["assumption"] == row.assumption and last["kind"] == row.kind
                and last["source"] == row.source and last["years"][-1] + 1 == int(row.year)):
            last["years"].append(int(row.year))
            last["values"].append(float(row.value) + 0.0)
        else:
            records.append({"assumption": row.assumption, "years": [int(row.year)], "values": [float(row.value) + 0.0],
                            "unit": row.unit, "kind": row.kind, "source": row.source})
    return records


def _base_source_records(p: Projection) -> list[dict[str, Any]]:
    frame = p.base_year_sources()
    return [{"field": r.field, "value": (float(r.value) + 0.0 if isinstance(r.value, (int, float)) else r.value),
             "kind": r.kind, "source": r.source} for r in frame.itertuples(index=False)]


def _values_text(values: list[float], unit: str) -> str:
    if unit.startswith("fraction"):
        texts = [f"{v * 100:.2f} %" for v in values]
    elif unit == "kr per 100 kr":
        texts = [f"{v:.2f}" for v in values]
    else:
        texts = [f"{v + 0.0:.1f}" for v in values]
    suffix = {"fraction per year": " a year", "MSEK": " MSEK", "kr per 100 kr": " kr per 100 kr"}.get(unit, "")
    if len(set(texts)) == 1:
        each = " in each year" if len(texts) > 1 and unit != "fraction per year" else ""
        return texts[0] + suffix + each
    return ", ".join(texts) + suffix


def _assumptions_text(records: list[dict[str, Any]], p: Projection) -> str:
    """Assumptions grouped by kind, then by source (the source printed once, wrapped)."""
    m = p.municipality
    lines = [f"Assumptions for the projection years {m.base_year + 1}-{p.horizon}",
             "-" * 60,
             _wrap("Each figure says where it comes from: data = a published figure; derived = computed from "
                   "published figures; set by you = --set; default = a documented assumption where no data "
                   "exists (change any of them with --set NAME=VALUE).")]
    name_width = max((len(r["assumption"]) for r in records), default=10)
    for kind in ("data", "derived", "user", "default"):
        group = [r for r in records if r["kind"] == kind]
        if not group:
            continue
        lines.append("")
        lines.append(_KIND_HEADINGS[kind])
        sources: dict[str, list[dict[str, Any]]] = {}
        for r in group:
            sources.setdefault(r["source"], []).append(r)
        for source, items in sources.items():
            lines.append(_wrap(f"Source: {source}", indent="  ", subsequent="          "))
            for r in items:
                years = _years_text(r["years"])
                lines.append(_wrap(f"{r['assumption']:<{name_width}}  {years:<9}  "
                                   f"{_values_text(r['values'], r['unit'])}", indent="      ",
                                   subsequent=" " * (6 + name_width + 13)))
    return "\n".join(lines)


def _base_sources_text(p: Projection) -> str:
    m = p.municipality
    frame = p.base_year_sources()
    lines = [f"Base year {m.base_year}: figures and sources (amounts positive, MSEK)", "-" * 60]
    groups: dict[tuple[str, str], list[str]] = {}
    for r in frame.itertuples(index=False):
        value = r.value
        text = f"{value + 0.0:.2f}" if r.field == "tax_rate_kr_per_100kr" else (
            f"{value + 0.0:.1f}" if isinstance(value, (int, float)) else str(value))
        groups.setdefault((r.kind, r.source), []).append(f"{r.field} {text}")
    for (kind, source), items in groups.items():
        lines.append(_wrap(f"[{kind}] " + "; ".join(items), indent="  ", subsequent="      "))
        lines.append(_wrap(f"Source: {source}", indent="      ", subsequent="          "))
    return "\n".join(lines)


def _notes_text(m: Municipality) -> str:
    lines = ["Notes", "-" * 60]
    lines += [_wrap(note, indent="  - ", subsequent="    ") for note in m.notes]
    return "\n".join(lines)


def _user_set_text(s: Setup) -> str:
    m = s.municipality
    text = (f"Assumptions and their sources: see 'kommunbudget project {m.code} --base-year {m.base_year} "
            f"--horizon {s.horizon}'.")
    if s.user_set:
        text += " Set by you: " + ", ".join(dict.fromkeys(s.user_set)) + "."
    return _wrap(text)


def _met_label(target: core.Target) -> str:
    """A short row label: the full wording of each target is in the rows above it (and in ``describe()``)."""
    if target.kind == core.TargetKind.BALANCED_BUDGET_RESULT:
        return "Met: balanskrav (balanced-budget result >= 0)"
    if target.kind == core.TargetKind.RESULT:
        return "Met: result >= 0"
    return f"Met: result share >= {target.share * 100:g} %"


def _met(p: Projection, target: core.Target) -> list[bool]:
    """Per year: whether the target is met (its shortfall, from the core, is at most 1e-6 MSEK)."""
    gap = p.target_gaps([target]).loc[(target_key(target), "MSEK")]
    return [bool(g <= MET_TOLERANCE_MSEK) for g in gap]


# ----------------------------------------------------------------------------------------------------------------
# The revenue bridge in text (project, explain-revenue)
# ----------------------------------------------------------------------------------------------------------------

#: Rows of the revenue bridge before which the text leaves a blank line (grants, then the memo rows).
_REVENUE_BREAKS = ("income_equalisation", "tax_base")


def _revenue_cell(value: float, unit: str) -> str:
    """One cell of the revenue bridge: MSEK 1 decimal, capacities and inhabitants whole, per-krona rows in öre."""
    if unit == "fraction":
        return f"{float(value) * 100.0 + 0.0:.1f}"
    if unit in ("kr per inhabitant", "inhabitants"):
        return f"{float(value) + 0.0:,.0f}"
    return _fmt(value, unit)


def _revenue_text_rows(rows: dict[str, list[float]], units: dict[str, str], labels: dict[str, str]
                       ) -> list[tuple[Any, list[str]]]:
    out: list[tuple[Any, list[str]]] = []
    for ident, values in rows.items():
        if ident in _REVENUE_BREAKS and out:
            out.append(("", [""] * len(values)))
        label = labels[ident]
        if units[ident] == "fraction":  # shown in öre per krona, not as a fraction
            label = re.sub(r"\s*\((fraction|andel)\)$", "", label) + " (öre per krona)"
        elif ident.startswith("grant:"):
            label = "  " + label
        out.append((label, [_revenue_cell(v, units[ident]) for v in values]))
    return out


# ----------------------------------------------------------------------------------------------------------------
# project
# ----------------------------------------------------------------------------------------------------------------


def _cmd_project(args: argparse.Namespace) -> Document:
    s = _setup(args)
    p, m = s.projection, s.municipality
    targets = _targets(args.target)
    balanskrav = core.Target(kind=core.TargetKind.BALANCED_BUDGET_RESULT)
    shown = [balanskrav] + [t for t in targets if target_key(t) != target_key(balanskrav)]
    years, status = p.years, p.year_status()

    statement = Table("statement", {ident: _floats(p.line(ident)) for ident in _LABELS},
                      dict(_UNITS))
    met = Table("targets_met", {target_key(t): _met(p, t) for t in shown},
                {target_key(t): "boolean" for t in shown})
    bridge = p.revenue(language="id")
    revenue_labels = dict(zip(bridge.index, p.revenue(language=args.language).index, strict=True))
    revenue = Table("revenue", {ident: _floats(bridge.loc[ident]) for ident in bridge.index},
                    dict(bridge.attrs["units"]))
    records = _assumption_records(p)
    doc = Document("project", _header(s), [statement, met, revenue], {
        "targets": _targets_json(shown),
        "labels": {"statement": {ident: _LABELS[ident][args.language] for ident in _LABELS},
                   "revenue": revenue_labels},
        "assumptions": records,
        "base_year_sources": _base_source_records(p),
        "notes": list(m.notes),
    })
    if args.format != "table":
        return doc

    columns = _year_columns(years, status)
    rows: list[tuple[Any, list[str]]] = []
    for block in _STATEMENT_BLOCKS:
        if rows:
            rows.append(("", [""] * len(years)))
        for ident in block:
            rows.append((_LABELS[ident][args.language], [_fmt(v, _UNITS[ident]) for v in statement.rows[ident]]))
    target_rows: list[tuple[Any, list[str]]] = [
        (_LABELS["balanced_budget_result"][args.language] + ", MSEK",
         [_fmt(v, "MSEK") for v in statement.rows["balanced_budget_result"]]),
        (_LABELS["result_share"][args.language],
         [_fmt(v, "fraction") for v in statement.rows["result_share"]]),
    ]
    for t in shown:
        target_rows.append((_met_label(t), [_fmt(v, "boolean") for v in met.rows[target_key(t)]]))
    doc.text = "\n\n".join([
        _title(m, "income statement", years),
        _wrap(_status_legend(status)),
        f"Income statement (resultaträkning), MSEK nominal, costs negative\n{_frame_text(rows, columns)}",
        "Revenue bridge, MSEK: tax revenue and general grants item by item; income equalisation by the formula, "
        + ("an uncalibrated estimate (approximate baseline)" if m.approximate else "calibrated in the base year")
        + "\n"
        f"{_frame_text(_revenue_text_rows(revenue.rows, revenue.units, revenue_labels), columns)}",
        f"Balanced-budget requirement and targets\n{_frame_text(target_rows, columns)}",
        _assumptions_text(records, p),
        _base_sources_text(p),
        _notes_text(m),
    ]) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# solve
# ----------------------------------------------------------------------------------------------------------------


def _cmd_solve(args: argparse.Namespace) -> Document:
    s = _setup(args)
    p, m = s.projection, s.municipality
    targets = _targets(args.target)
    from_year = _from_year(args, s)
    income, income_basis = _household_income(args, s, from_year)
    years, status = p.years, p.year_status()

    rates = p.required_tax_rates(targets)
    gaps = p.target_gaps(targets)
    keys = [target_key(t) for t in targets]
    required = Table("required_tax_rate", {row: _floats(rates.loc[row]) for row in rates.index},
                     {row: "kr per 100 kr" for row in rates.index})
    gap_msek = Table("target_gap", {k: _floats(gaps.loc[(k, "MSEK")]) for k in keys}, {k: "MSEK" for k in keys})
    gap_ore = Table("target_gap_ore", {k: _floats(gaps.loc[(k, "öre")]) for k in keys}, {k: "öre" for k in keys})
    # The change of the rate each target needs, öre: required rate − current rate (a rise also raises the
    # denominator of a result-share target, so this differs from the shortfall in öre).
    change_ore = Table("required_change_ore", {k: _floats((rates.loc[k] - rates.loc["current"]) * 100.0)
                                               for k in keys}, {k: "öre" for k in keys})
    change = {k: p.sustained_change(t, from_year) for k, t in zip(keys, targets)}
    sustained = Table("sustained_change", dict(change), {k: "kr per 100 kr" for k in keys}, yearly=False)
    sustained_ore = Table("sustained_change_ore", {k: v * 100.0 for k, v in change.items()},
                          {k: "öre" for k in keys}, yearly=False)
    household = Table("household_cost", {k: core.household_tax_change_kr(v, income) for k, v in change.items()},
                      {k: "kr per year" for k in keys}, yearly=False)
    summary = Table("summary", {"from_year": from_year, "household_income": income},
                    {"from_year": "year", "household_income": "kr per year"}, yearly=False)
    doc = Document("solve", _header(s), [required, change_ore, gap_ore, gap_msek, sustained, sustained_ore, household,
                                         summary], {
        "targets": _targets_json(targets),
        "household_income_basis": income_basis,
        "assumptions": _assumption_records(p),
        "notes": list(m.notes),
    })
    if args.format != "table":
        return doc

    columns = _year_columns(years, status)
    rows: list[tuple[Any, list[str]]] = [("Tax rate in the projection", [_fmt(v, "kr per 100 kr")
                                                                         for v in required.rows["current"]])]
    for k, t in zip(keys, targets):
        rows.append((t.describe(), [_fmt(v, "kr per 100 kr") for v in required.rows[k]]))
        rows.append(("  change, öre (+ raise, − room to lower)", [_fmt(v, "öre", signed=True)
                                                                  for v in change_ore.rows[k]]))
    gap_rows: list[tuple[Any, list[str]]] = []
    for k, t in zip(keys, targets):
        gap_rows.append(((t.describe(), "MSEK"), [_fmt(v, "MSEK", signed=True) for v in gap_msek.rows[k]]))
        gap_rows.append(((t.describe(), "öre"), [_fmt(v, "öre", signed=True) for v in gap_ore.rows[k]]))
    label_width = max(len(t.describe()) for t in targets)
    sustained_lines = [f"{'target':<{label_width}}  {'kr per 100 kr':>13}  {'öre':>7}  "
                       f"{'at that income, kr a year':>26}"]
    for k, t in zip(keys, targets):
        sustained_lines.append(f"{t.describe():<{label_width}}  {_fmt(change[k], 'kr per 100 kr', True):>13}  "
                               f"{_fmt(sustained_ore.rows[k], 'öre', True):>7}  "
                               f"{_fmt(household.rows[k], 'kr per year', True):>26}")
    doc.text = "\n\n".join([
        _title(m, "required tax rate", years),
        _wrap(_status_legend(status)),
        "Required tax rate, kr per 100 kr: the lowest own rate that meets each target in each year, all else as "
        f"projected\n{_frame_text(rows, columns)}",
        f"Sustained change from 1 January {from_year}: one change of the rate, kept in every year "
        f"{from_year}-{s.horizon}, that meets the target in each of them\n" + "\n".join(sustained_lines) + "\n"
        + _wrap(f"Income used for the cost: {income:,.0f} kr a year, {income_basis}. A negative change is "
                f"room to lower the rate with the target still met."),
        f"Shortfall against each target (negative = margin), MSEK and its öre equivalent at the current revenue\n"
        f"{_frame_text(gap_rows, columns)}",
        _user_set_text(s),
    ]) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# compare
# ----------------------------------------------------------------------------------------------------------------

_COMPARE_UNITS = {f"{scenario}_{item}": unit for scenario in ("baseline", "tax", "efficiency")
                  for item, unit in (("result", "MSEK"), ("balanced_budget_result", "MSEK"),
                                     ("result_share", "fraction"), ("meets_target", "boolean"))}


def _comparison_units(row: str) -> str:
    """Unit of a row of :meth:`Comparison.table` (documented there: MSEK, fractions, öre, 1/0)."""
    return _COMPARE_UNITS.get(row, "öre" if row.endswith("_ore") else "MSEK")


def _conclusion(c: Comparison, table: pd.DataFrame, target: core.Target) -> str:
    years = c.baseline.years
    fy, last = c.from_year, years[-1]
    later = [y for y in years if y >= fy]
    ore = c.tax_change_kr_per_100kr * 100.0

    def met_text(prefix: str) -> str:
        met = [y for y in later if table.loc[f"{prefix}_meets_target", y] > 0.5]
        missed = [y for y in later if y not in met]
        if not missed:
            return f"in every year {_years_text(later)}" if len(later) > 1 else f"in {fy}"
        if not met:
            return f"in no year {_years_text(later)}"
        return f"in {_years_text(met)} but not in {_years_text(missed)}"

    base = f"The baseline meets the target ({target.describe()}) {met_text('baseline')}."
    if round(ore, 1) == 0.0:
        if "but not" not in base and "in no year" not in base:
            return base[:-1] + ", so neither a tax rise nor an efficiency saving is needed."
        return base + " No tax rise is compared: the tax change is 0 öre."
    gain_first, saving_first = table.loc["tax_change_revenue", fy], table.loc["efficiency_saving", fy]
    text = (f"A tax rise of {ore:.1f} öre from {fy} and a one-off efficiency of {c.efficiency_rate * 100:.2f} % "
            f"of operating costs from {fy} each give about {gain_first:.1f} MSEK in {fy}")
    if abs(gain_first - saving_first) >= 0.05:
        text = text.replace(f"each give about {gain_first:.1f} MSEK",
                            f"give {gain_first:.1f} and {saving_first:.1f} MSEK")
    if last > fy:
        gain, saving = table.loc["tax_change_revenue", last], table.loc["efficiency_saving", last]
        text += (f"; in {last} the tax rise gives {gain:.1f} MSEK ({table.loc['tax_change_revenue_ore', last]:.1f} "
                 f"öre) and the efficiency {saving:.1f} MSEK ({table.loc['efficiency_saving_ore', last]:.1f} öre): "
                 f"the revenue follows the tax base, the saving follows operating costs")
    text += (f". {base} With the tax rise it is met {met_text('tax')}; with the efficiency {met_text('efficiency')}."
             f" The tax rise costs a household with a taxable income of {c.household_income_kr:,.0f} kr about "
             f"{c.household_cost_kr:,.0f} kr a year.")
    return text


def _cmd_compare(args: argparse.Namespace) -> Document:
    if len(args.target) > 1:
        raise CliError(f"compare takes one --target, got {len(args.target)}: {', '.join(args.target)}")
    chart = _check_chart_path(args.chart) if args.chart is not None else None
    if args.out is not None:
        _check_target_file(args.out, "--out")  # before any chart is written
        if chart is not None and args.out.resolve() in (chart.resolve(), _sibling_chart(chart).resolve()):
            raise CliError(f"--out {str(args.out)!r} is also a --chart file; expected different files")
    s = _setup(args)
    m = s.municipality
    target = parse_target(args.target[0]) if args.target else default_targets()[2]
    from_year = _from_year(args, s)
    if args.tax_change is not None and args.tax_change < 0:
        raise CliError(f"--tax-change {args.tax_change:g} kr per 100 kr: the comparison sets a tax rise against an "
                       f"efficiency saving worth the same; expected a change >= 0")
    c = compare(m, s.horizon, from_year=from_year, tax_change_kr_per_100kr=args.tax_change, target=target,
                   household_income_kr=args.income)
    basis = c.household_income_basis
    _log.info("compared a tax change of %.4f kr with an efficiency of %.4f %%", c.tax_change_kr_per_100kr,
              c.efficiency_rate * 100)
    table = c.table()
    years, status = c.baseline.years, c.baseline.year_status()
    comparison = Table("comparison", {row: [bool(v > 0.5) for v in table.loc[row]] if row.endswith("_meets_target")
                                      else _floats(table.loc[row]) for row in table.index},
                       {row: _comparison_units(row) for row in table.index})
    summary = Table("summary", {
        "from_year": from_year,
        "tax_change": c.tax_change_kr_per_100kr,
        "tax_change_ore": c.tax_change_kr_per_100kr * 100.0,
        "efficiency_rate": c.efficiency_rate,
        "household_income": c.household_income_kr,
        "household_cost": c.household_cost_kr,
    }, {"from_year": "year", "tax_change": "kr per 100 kr", "tax_change_ore": "öre", "efficiency_rate": "fraction",
        "household_income": "kr per year", "household_cost": "kr per year"}, yearly=False)
    conclusion = _conclusion(c, table, target)
    written: list[str] = []
    if chart is not None:
        written = _write_charts(c, chart)
    if args.tax_change is not None:
        tax_source = "given with --tax-change"
    elif c.tax_change_kr_per_100kr == 0.0:
        tax_source = f"none needed: the baseline meets the target in every year {from_year}-{s.horizon}"
    else:
        tax_source = f"the single sustained change that meets the target in every year {from_year}-{s.horizon}"
    doc = Document("compare", _header(s), [comparison, summary], {
        "targets": _targets_json([target]),
        "tax_change_basis": tax_source,
        "household_income_basis": basis,
        "conclusion": conclusion,
        "charts": written,
        "assumptions": _assumption_records(c.baseline),
        "notes": list(m.notes),
    })
    if args.format != "table":
        for path in written:
            print(f"kommunbudget: wrote {path}", file=sys.stderr)
        return doc

    columns = _year_columns(years, status)
    groups = (("Result, MSEK", "result", "MSEK"), ("Balanced-budget result, MSEK", "balanced_budget_result", "MSEK"),
              ("Result share", "result_share", "fraction"), ("Meets the target", "meets_target", "boolean"))
    scenarios = (("baseline", "baseline"), ("tax", "tax rise"), ("efficiency", "efficiency"))
    rows: list[tuple[Any, list[str]]] = []
    for label, key, unit in groups:
        for prefix, name in scenarios:
            rows.append(((label, name), [_fmt(v, unit) for v in table.loc[f"{prefix}_{key}"]]))
    for label, key in (("Tax rise: revenue", "tax_change_revenue"), ("Efficiency: saving", "efficiency_saving")):
        rows.append(((label, "MSEK"), [_fmt(v, "MSEK") for v in table.loc[key]]))
        rows.append(((label, "öre"), [_fmt(v, "öre") for v in table.loc[f"{key}_ore"]]))
    ore = c.tax_change_kr_per_100kr * 100.0
    facts = [
        ("Target", target.describe()),
        (f"Tax rise from 1 January {from_year}",
         f"{c.tax_change_kr_per_100kr:+.2f} kr per 100 kr ({ore:+.1f} öre), {tax_source}"),
        (f"Efficiency from {from_year}",
         f"{c.efficiency_rate * 100:.2f} % of operating costs, one-off and kept in later years: it saves as much in "
         f"{from_year} as the tax rise raises"),
        ("Household cost of the tax rise", f"{c.household_cost_kr:,.0f} kr a year at a taxable income of "
                                           f"{c.household_income_kr:,.0f} kr: {basis}"),
    ]
    width = max(len(k) for k, _ in facts)
    fact_text = "\n".join(_wrap(f"{k:<{width}}  {v}", subsequent=" " * (width + 2)) for k, v in facts)
    parts = [
        _title(m, "raise the tax or make efficiency savings", years),
        _wrap(_status_legend(status)),
        fact_text,
        f"Per year\n{_frame_text(rows, columns)}",
        _wrap("Conclusion: " + conclusion, subsequent="  "),
        _user_set_text(s),
    ]
    if written:
        parts.append("Charts written: " + ", ".join(written))
    doc.text = "\n\n".join(parts) + "\n"
    return doc


def _check_chart_path(path: Path) -> Path:
    if path.suffix.lower() != ".png":
        raise CliError(f"--chart {str(path)!r}: expected a file name ending in .png")
    for p in (path, _sibling_chart(path)):
        _check_target_file(p, "--chart")
    return path


def _sibling_chart(path: Path) -> Path:
    return path.with_name(f"{path.stem}_comparison.png")


def _write_charts(c: Comparison, path: Path) -> list[str]:
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # files only; no window

    written = []
    for fig_path, make in ((path, lambda: plots.plot_result_vs_target(c.baseline, c.target)),
                           (_sibling_chart(path), lambda: plots.plot_comparison(c))):
        fig = make()

        def save(tmp: Path, fig=fig) -> None:
            plots.save_figure(fig, tmp)

        _replace_file(fig_path, save, suffix=".png")
        written.append(str(fig_path))
        _log.info("wrote %s", fig_path)
    return written


# ----------------------------------------------------------------------------------------------------------------
# explain-revenue
# ----------------------------------------------------------------------------------------------------------------

#: The tax base check of explain-revenue (calibrated municipalities): row -> unit.
_CHECK_UNITS = {"budget_tax_base_msek": "MSEK", "scb_tax_base_msek": "MSEK", "difference_percent": "percent",
                "implied_own_tax_capacity_kr": "kr per inhabitant", "scb_own_tax_capacity_kr": "kr per inhabitant",
                "capacity_difference_percent": "percent"}


def _plain_title(label: str, county: str, population: int, what: str, years: Sequence[int]) -> str:
    head = f"{label}, {county}, {population:,} inhabitants (31 Dec 2024): {what}, {years[0]}-{years[-1]}"
    return head + f"\n{'=' * min(len(head), WIDTH)}"


def _source_records(sources: dict[str, Provenance]) -> list[dict[str, str]]:
    return [{"item": k, "kind": v.kind, "source": v.source} for k, v in sources.items()]


def _cmd_explain_revenue(args: argparse.Namespace) -> Document:
    e = kb_revenue.explain_revenue(args.municipality, args.base_year, args.horizon)
    _log.info("explained the revenue of %s %d-%d (%s)", e.label, e.base_year, e.horizon,
              "calibrated" if e.calibrated else "approximate")
    years = e.years
    status = [e.year_status[y] for y in years]
    bridge = Table("revenue", {ident: _floats(e.bridge.loc[ident]) for ident in e.bridge.index},
                   dict(e.bridge.attrs["units"]))
    marginal = Table("marginal_effects", {ident: _floats(e.marginal.loc[ident]) for ident in e.marginal.index},
                     dict(e.marginal.attrs["units"]))
    tables = [bridge, marginal]
    if e.tax_base_check is not None:
        tables.append(Table("tax_base_check", dict(e.tax_base_check), dict(_CHECK_UNITS), yearly=False))
    labels = e.labels(args.language)
    explanation = e.explanation()
    header = {"municipality": {"code": e.code, "name": e.name, "county": e.county, "population": e.population},
              "base_year": e.base_year, "horizon": e.horizon, "years": years, "year_status": status,
              "calibrated": e.calibrated, "basis": e.basis}
    doc = Document("explain-revenue", header, tables, {
        "labels": {"revenue": labels,
                   "marginal_effects": {ident: text for ident, text, _unit in kb_revenue.MARGINAL_ROWS}},
        "equalisation": dict(e.equalisation),
        "explanation": explanation,
        "sources": _source_records(e.sources),
        "notes": list(e.notes),
    })
    if args.format != "table":
        return doc

    if e.calibrated:
        columns = _year_columns(years, e.year_status)
        legend = _status_legend(e.year_status)
        kind = "calibrated to the adopted budget"
    else:
        columns = _year_columns(years, e.year_status)
        legend = ("APPROXIMATE: no adopted budget is embedded for this municipality and year, so every figure is "
                  "derived from SCB's tax capacity and the equalisation is an uncalibrated estimate.")
        kind = "derived and approximate"
    m_rows: list[tuple[Any, list[str]]] = [
        ("1 öre on the rate raises, MSEK", [f"{v:.2f}" for v in marginal.rows["one_ore_msek"]]),
        ("  per inhabitant, kr", [f"{v:.1f}" for v in marginal.rows["one_ore_kr_per_inhabitant"]]),
        ("  change of the income equalisation, MSEK",
         [_fmt(v, "MSEK") for v in marginal.rows["rate_rise_equalisation_change_msek"]]),
        ("Added krona of own tax base: tax, öre", [f"{v * 100:.2f}" for v in marginal.rows["tax_per_krona"]]),
        ("  change of the income equalisation, öre",
         [f"{v * 100 + 0.0:+.1f}" for v in marginal.rows["equalisation_change_per_krona"]]),
        ("  kept, öre", [f"{v * 100 + 0.0:.1f}" for v in marginal.rows["kept_per_krona"]]),
    ]
    parts = [
        _plain_title(e.label, e.county, e.population, f"revenue explained ({kind})", years),
        _wrap(legend),
        _wrap("Basis: " + e.basis),
        "Revenue bridge, MSEK nominal (capacities kr per inhabitant; the per-krona rows in öre per krona of own "
        f"tax base)\n{_frame_text(_revenue_text_rows(bridge.rows, bridge.units, labels), columns)}",
        f"Marginal effects\n{_frame_text(m_rows, columns)}",
        "In words\n" + "\n".join(_wrap(t, indent="  - ", subsequent="    ") for t in explanation),
    ]
    if e.tax_base_check is not None:
        c = e.tax_base_check
        parts.append("\n".join([
            f"Tax base check, {e.base_year}", "-" * 60,
            _wrap(f"Tax base implied by the budget (preliminary tax / rate): {c['budget_tax_base_msek']:,.1f} MSEK; "
                  f"derived from SCB (skattekraft 2023 x population 2021, carried with published growth): "
                  f"{c['scb_tax_base_msek']:,.1f} MSEK, {c['difference_percent']:+.2f} %.", indent="  ",
                  subsequent="    "),
            _wrap(f"Own tax capacity implied by the budgeted income equalisation: "
                  f"{c['implied_own_tax_capacity_kr']:,.0f} kr per inhabitant; SCB-derived tax base / population "
                  f"31 Dec 2024: {c['scb_own_tax_capacity_kr']:,.0f} kr, {c['capacity_difference_percent']:+.2f} % "
                  f"(the budget's equalisation rests on SKR's figures: the 1 November population and SKR's national "
                  f"capacity).", indent="  ", subsequent="    "),
        ]))
    source_lines = ["Sources", "-" * 60]
    for item, prov in e.sources.items():
        source_lines.append(_wrap(f"[{prov.kind}] {item}: {prov.source}", indent="  ", subsequent="      "))
    parts.append("\n".join(source_lines))
    if e.notes:
        parts.append("\n".join(["Notes", "-" * 60] + [_wrap(n, indent="  - ", subsequent="    ") for n in e.notes]))
    doc.text = "\n\n".join(parts) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# revenue-table
# ----------------------------------------------------------------------------------------------------------------

#: Columns of revenue-table's JSON records (all of kommunbudget.revenue.municipal_revenue but the repeated basis).
_TABLE_COLUMNS = [c for c in kb_revenue.MUNICIPAL_REVENUE_UNITS if c != "basis"]


def _cmd_revenue_table(args: argparse.Namespace) -> Document:
    frame = kb_revenue.municipal_revenue(args.base_year)
    frame = kb_revenue.sort_revenue_table(frame, args.sort)
    units = {c: kb_revenue.MUNICIPAL_REVENUE_UNITS[c] for c in _TABLE_COLUMNS}
    records = []
    for row in frame[_TABLE_COLUMNS].itertuples(index=False):
        records.append({c: (v if units[c] == "text" else (int(v) if c == "population" else float(v) + 0.0))
                        for c, v in zip(_TABLE_COLUMNS, row, strict=True)})
    year = int(frame.attrs["base_year"])
    national = float(frame["national_tax_capacity_kr"].iloc[0])
    doc = Document("revenue-table", {"base_year": year, "years": [year], "sort": args.sort}, [], {
        "calibrated": False,
        "basis": kb_revenue.APPROXIMATE_BASIS,
        "national_tax_capacity_kr": national,
        "columns": list(_TABLE_COLUMNS),
        "units": {"municipalities": units},
        "municipalities": records,
        "sources": dict(frame.attrs["sources"]),
    })
    doc.csv_rows = [[c, r["code"], year, r[c], units[c]] for r in records for c in _TABLE_COLUMNS
                    if units[c] != "text"]
    _log.info("revenue table for %d municipalities, %d", len(records), year)
    if args.format != "table":
        return doc

    name_width = max(12, int(frame["name"].str.len().max()))
    county = frame["county"].str.replace(" län", "", regex=False)
    county_width = max(6, int(county.str.len().max()))
    header = (f"{'code':<4} {'municipality':<{name_width}} {'county':<{county_width}} {'1 öre MSEK':>10} "
              f"{'kr/inh':>7} {'rate':>6} {'tax base MSEK':>13} {'index':>6} {'equalisation MSEK':>17} "
              f"{'kr/inh':>8} {'kept öre':>8}")
    lines = [header]
    for r, c in zip(frame.itertuples(index=False), county, strict=True):
        lines.append(f"{r.code:<4} {r.name:<{name_width}} {c:<{county_width}} {r.one_ore_msek:>10.2f} "
                     f"{r.one_ore_kr_per_inhabitant:>7.1f} {r.tax_rate:>6.2f} {r.tax_base_msek:>13,.0f} "
                     f"{r.capacity_index:>6.1f} {r.income_equalisation_msek + 0.0:>+17,.1f} "
                     f"{r.income_equalisation_kr_per_inhabitant + 0.0:>+8,.0f} {r.kept_per_krona * 100 + 0.0:>8.1f}")
    order = {"code": "by code", "name": "by name", "ore": "largest öre value first",
             "index": "highest tax capacity first"}[args.sort]
    head = f"Revenue of all {len(frame)} municipalities, budget year {year}: derived and approximate ({order})"
    parts = [
        head + "\n" + "=" * min(len(head), WIDTH),
        _wrap(f"Basis: {kb_revenue.APPROXIMATE_BASIS}."),
        _wrap(f"Columns: 1 öre = what 0.01 kr per 100 kr on the own rate raises (tax base / 10 000), MSEK and kr per "
              f"inhabitant; rate = own municipal rate {year}, kr per 100 kr; index = own tax capacity (tax base / "
              f"population) against the national average of {national:,.0f} kr per inhabitant = 100 (the "
              f"guarantee is 115); equalisation = the estimated income equalisation (+ grant, − fee), MSEK and kr "
              f"per inhabitant; kept öre = what is kept of an added krona of own tax base (own rate minus the "
              f"equalisation's change)."),
        "\n".join(lines),
        "\n".join(["Sources", "-" * 60] + [_wrap(f"{k}: {v}", indent="  ", subsequent="      ")
                                            for k, v in frame.attrs["sources"].items()]),
    ]
    doc.text = "\n\n".join(parts) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# benchmark
# ----------------------------------------------------------------------------------------------------------------


def _cmd_benchmark(args: argparse.Namespace) -> Document:
    peer_names = None
    if args.peers is not None:
        peer_names = [part.strip() for part in args.peers.split(",") if part.strip()]
        if not peer_names:
            raise CliError(f"--peers {args.peers!r}: expected names or codes separated by commas, e.g. Ystad,Skurup")
    frame = kb_benchmark.benchmark(args.municipality, peers=peer_names, rule=args.rule, nka_year=args.nka_year)
    a = frame.attrs
    peers = kb_benchmark.peers(a["municipality"], names=a["peer_codes"])
    units = dict(kb_benchmark.BENCHMARK_UNITS)
    peer_units = dict(kb_benchmark.PEERS_UNITS)

    def value(column: str, v: Any) -> Any:
        if units.get(column, peer_units.get(column)) == "text":
            return str(v)
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            return None
        return int(v) if units.get(column, peer_units.get(column)) in ("count", "year", "inhabitants") else float(v)

    records = [{c: value(c, v) for c, v in row.items()} for row in frame.to_dict(orient="records")]
    peer_records = [{c: value(c, v) for c, v in row.items()} for row in peers.to_dict(orient="records")]
    year = int(a["year"])
    header = {"municipality": {"code": a["municipality"], "name": a["municipality_name"], "county": a["county"],
                               "population": a["population"]},
              "year": year, "years": [year]}
    doc = Document("benchmark", header, [], {
        "peers": {"requested_rule": a["requested_rule"], "rule": a["peer_rule"], "description": a["peer_description"],
                  "fallback": a["peer_fallback"], "municipalities": peer_records},
        "nka_year": a["nka_year"],
        "nka_available": a["nka_available"],
        "tax_base_msek": a["tax_base_msek"],
        "columns": list(units),
        "units": {"areas": units, "peers": peer_units},
        "areas": records,
        "assistance_note": kb_service_areas.assistance_note(),
        "notes": list(a["notes"]),
        "sources": dict(a["sources"]),
    })
    doc.csv_rows = [[c, r["area"], year, r[c], units[c]] for r in records for c in units
                    if c not in ("area", "name_sv", "rs_codes", "nka_kpi")
                    and (units[c] != "text" or r[c])]
    doc.csv_rows += [[f"peer_{c}", p["code"], year, p[c], peer_units[c]] for p in peer_records for c in peer_units
                     if c not in ("code", "county")]
    _log.info("benchmarked %s against %d peers (%s)", a["municipality_name"], len(peers), a["peer_rule"])
    if args.format != "table":
        return doc

    def percent(v: float | None) -> str:
        return "–" if v is None else f"{v:.2f}"

    lines = [f"{'area':<24} {'MSEK':>8} {'kr/inh':>7} {'peers':>7} {'Sweden':>7} {'gap MSEK':>8} {'öre':>6} "
             f"{'NKA %':>6} {'NKA gap MSEK':>12} {'öre':>6}"]
    for r in records:
        lines.append(f"{r['area']:<24} {_fmt(r['net_cost_msek'], 'MSEK'):>8} "
                     f"{_fmt(r['net_cost_kr_per_inhabitant'], 'kr'):>7} "
                     f"{_fmt(r['peer_median_kr_per_inhabitant'], 'kr'):>7} "
                     f"{_fmt(r['national_kr_per_inhabitant'], 'kr'):>7} {_fmt(r['gap_to_peers_msek'], 'MSEK'):>8} "
                     f"{_fmt(r['gap_to_peers_ore'], 'öre'):>6} {percent(r['nka_percent']):>6} "
                     f"{_fmt(r['nka_gap_msek'], 'MSEK'):>12} {_fmt(r['nka_gap_ore'], 'öre'):>6}")
    head = (f"{a['municipality_name']}, {a['county']}, {a['population']:,} inhabitants (31 Dec {year}): net cost by "
            f"service area against peers and the reference cost, {year}")
    statuses = ", ".join(sorted({r["nka_status"] for r in records if r["nka_status"]}))
    nka_text = (f"NKA = Kolada's net cost deviation {a['nka_year']} ({statuses}), gap = net cost × NKA / (100 + NKA)."
                if a["nka_available"] else
                "NKA: none (only Skåne's 33 municipalities are embedded).")
    assistance = kb_service_areas.assistance_note()

    def wrap(text: str, indent: str = "", subsequent: str | None = None) -> str:
        """_wrap that never breaks a number with a thousands space ("1 394")."""
        kept = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text)
        return _wrap(kept, indent, subsequent).replace("\u00a0", " ")

    peer_list = ", ".join(f"{p['name']} ({p['population']:,})".replace(" ", "\u00a0") for p in peer_records)
    parts = [
        head + "\n" + "=" * min(len(head), WIDTH),
        wrap(f"Columns: net cost {year} (SCB, MSEK) and kr per inhabitant; peers = the peers' median kr per "
             f"inhabitant; Sweden = all 290; gap = what closing the gap to the peers' median saves, MSEK and öre on "
             f"the tax rate (tax base {year} {a['tax_base_msek']:,.1f} MSEK, derived from SCB, approximate). "
             + nka_text),
        "\n".join(lines),
        "\n".join([f"Peers ({len(peer_records)}; rule {a['peer_rule']}: {a['peer_description']})", "-" * 60,
                   wrap(peer_list, indent="  ", subsequent="  ")]
                  + ([wrap(f"Fallback: {a['peer_fallback']}", indent="  ", subsequent="    ")]
                     if a["peer_fallback"] else [])),
        "\n".join(["Notes", "-" * 60] + [wrap(n, indent="  - ", subsequent="    ") for n in a["notes"]]
                  + [wrap(f"{r['area']}: {note}", indent="  - ", subsequent="    ") for r in records
                     if (note := r["note"].replace(assistance, "").strip())]),
        "\n".join(["Sources", "-" * 60] + [wrap(f"{k}: {v}", indent="  ", subsequent="      ")
                                            for k, v in a["sources"].items()]),
    ]
    doc.text = "\n\n".join(parts) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# datasets
# ----------------------------------------------------------------------------------------------------------------


def _cmd_datasets(args: argparse.Namespace) -> Document:
    sources = kb_catalogue.data_sources()
    baselines = available_baselines()
    vintages = []
    for name in kb_pkv.pkv_vintages():
        v = kb_pkv.pkv_vintage(name)
        vintages.append({"name": v.name, "published": v.published, "source": v.source, "years": v.years,
                         "labour_cost_change": v.labour_cost_change, "other_cost_change": v.other_cost_change,
                         "labour_weight": v.labour_weight, "published_pkv": v.published_pkv, "status": v.status})
    doc = Document("datasets", {}, [], {
        "datasets": sources.to_dict(orient="records"),
        "baselines": [{"code": code, "name": name, "base_year": year} for code, name, year in baselines],
        "pkv_vintages": vintages,
        "units": {"pkv_vintages": {"labour_cost_change": "fraction per year", "other_cost_change": "fraction per year",
                                   "labour_weight": "fraction", "published_pkv": "fraction per year"}},
    })
    if args.format != "table":
        return doc

    lines = [f"kommunbudget {core.__version__}: embedded data", "=" * 40, "",
             f"Data sets ({len(sources)} files in kommunbudget/data; SOURCES.md there describes each file, its "
             f"checks and gaps)", "-" * 60]
    for r in sources.itertuples(index=False):
        years = f", {r.years}" if r.years else ""
        lines.append(_wrap(f"{r.file}: {r.dataset} ({r.rows} rows{years})", indent="  ", subsequent="      "))
        detail = f"source: {r.primary_source}" + (f" ({r.sources_section})" if r.sources_section else "")
        if r.flags:
            detail += f"; caveats: {r.flags}"
        if r.loader:
            detail += f"; read by kommunbudget.data.{', '.join(x.strip() for x in r.loader.split(','))}"
        lines.append(_wrap(detail, indent="      ", subsequent="      "))
    lines += ["", "Baselines (municipalities with a full adopted budget and plan)", "-" * 60]
    lines += [f"  {name} ({code}), base year {year}" for code, name, year in baselines]
    lines.append(_wrap("Other municipalities: tax rates, population and net costs are embedded for all 290, but "
                       "no baseline can be built without an adopted budget.", indent="  ", subsequent="  "))
    lines += ["", "PKV vintages (SKR's price index for municipal activity; changes and weights in %)", "-" * 60]
    for v in vintages:
        lines.append(f"  {v['name']} (published {v['published']})")
        lines.append(_wrap(f"Source: {v['source']}", indent="      ", subsequent="          "))
        frame = pd.DataFrame({"labour cost": [f"{x * 100:.1f}" for x in v["labour_cost_change"]],
                              "other consumption": [f"{x * 100:.1f}" for x in v["other_cost_change"]],
                              "labour weight": [f"{x * 100:.1f}" for x in v["labour_weight"]],
                              "PKV (published)": [f"{x * 100:.1f}" for x in v["published_pkv"]],
                              "status": v["status"]}, index=pd.Index(v["years"], name="year"))
        lines.append(textwrap.indent(frame.to_string(), "      "))
    doc.text = "\n".join(lines) + "\n"
    return doc


def _cmd_scenario(args: argparse.Namespace) -> Document:
    r = scenarios_run.run(args.file)
    years = r.baseline.years
    year = args.year if args.year is not None else years[-1]
    bridge = r.bridge(year)
    summary = r.summary()
    needed = r.tax_needed()
    header = _header(Setup(r.municipality, r.scenario.horizon, r.baseline, []))
    effects = Table("measure_effects", {name: _floats(r.measure_effects.loc[name]) for name in r.measure_effects.index},
                    {name: "MSEK" for name in r.measure_effects.index})
    effects_ore = Table("measure_effects_ore", {name: _floats(r.measure_effects_ore.loc[name])
                                                for name in r.measure_effects_ore.index},
                        {name: "öre" for name in r.measure_effects_ore.index})
    summary_table = Table("summary", {row: _floats(summary.loc[row]) for row in summary.index},
                          {row: ("fraction" if row.endswith("share") else "boolean" if "meets" in row else "MSEK")
                           for row in summary.index})
    extra: dict[str, Any] = {
        "scenario": {"name": r.scenario.name, "file": r.scenario.source_file, "target": r.target.describe(),
                     "measures": [{"name": m.name, "kind": m.kind, "topics": list(m.topics)}
                                  for m in r.scenario.measures]},
        "bridge": {"year": year, "rows": bridge.to_dict(orient="records")},
        "bridge_by_driver": {"year": year, "rows": r.bridge_by_driver(year).to_dict(orient="records")},
        "tax_needed": {label: needed.loc[label].to_dict() for label in needed.index},
        "measure_sources": dict(r.measure_sources),
        "premises_summary": _premises_summary_json(r),
        "notes": list(r.municipality.notes),
    }
    checklist_frame = None
    checklist_frame = kb_checklist.checklist(r)
    extra["checklist"] = checklist_frame.to_dict(orient="records")
    doc = Document("scenario", header, [effects, effects_ore, summary_table], extra)
    if args.format != "table":
        return doc
    status = r.baseline.year_status()
    columns = _year_columns(years, status)
    lines = [_title(r.municipality, f"scenario '{r.scenario.name}'", years), _wrap(r.scenario.description),
             f"File: {r.scenario.source_file}; target: {r.target.describe()}; vintage {r.municipality.vintage}",
             _wrap(_status_legend(status)), ""]
    rows: list[tuple[Any, list[str]]] = []
    for name in r.measure_effects.index:
        rows.append(((name, "MSEK"), [_fmt(v, "MSEK", True) for v in r.measure_effects.loc[name]]))
        rows.append(((name, "öre"), [_fmt(v, "öre", True) for v in r.measure_effects_ore.loc[name]]))
    lines += ["What each measure adds to the result (added one at a time in file order; the parts sum to the "
              "scenario's change)", _frame_text(rows, columns), ""]
    if r.measure_sources:
        lines.append("How the derived amounts were computed (before the ramp and the realised share)")
        lines += [_wrap(f"{name}: {text}", "  ", "      ") for name, text in r.measure_sources.items()]
        lines.append("")
    if r.premises is not None:
        lines += [_premises_summary_text(r), ""]
    srows = [(("Result, MSEK", key), [_fmt(v, "MSEK") for v in summary.loc[f"{key}_result"]])
             for key in ("baseline", "scenario")]
    srows += [(("Balanced-budget result, MSEK", key), [_fmt(v, "MSEK") for v in
                                                       summary.loc[f"{key}_balanced_budget_result"]])
              for key in ("baseline", "scenario")]
    srows += [(("Result share", key), [_fmt(v, "fraction") for v in summary.loc[f"{key}_result_share"]])
              for key in ("baseline", "scenario")]
    srows += [(("Meets the target", key), ["yes" if v > 0.5 else "no" for v in summary.loc[f"{key}_meets_target"]])
              for key in ("baseline", "scenario")]
    lines += ["Baseline and scenario", _frame_text(srows, columns), ""]
    lines.append(f"Bridge {year}, MSEK and öre (by measure, then by statement line; each sums exactly)")
    shown = bridge.copy()
    shown["msek"] = shown["msek"].map(lambda v: f"{v:+.2f}")
    shown["ore"] = shown["ore"].map(lambda v: f"{v:+.1f}")
    lines += [textwrap.indent(shown.to_string(index=False), "  "), ""]
    drivers = r.bridge_by_driver(year)
    drivers["msek"] = drivers["msek"].map(lambda v: f"{v:+.2f}")
    drivers["ore"] = drivers["ore"].map(lambda v: f"{v:+.1f}")
    lines += [f"From the base year's result to {year}, by driver (each switched on after those above it, so the "
              f"steps sum exactly)", textwrap.indent(drivers.to_string(index=False), "  "), ""]
    lines.append(f"Raise the tax instead? The sustained change from {years[0] + 1} that meets the target in every "
                 f"year to {years[-1]}:")
    for label in needed.index:
        row = needed.loc[label]
        lines.append(f"  {label:<17} {row['change_kr_per_100kr']:+.2f} kr per 100 kr ({row['change_ore']:+.1f} öre), "
                     f"{row['household_cost_kr']:,.0f} kr a year at the tax base per inhabitant")
    lines += ["", kb_checklist.checklist_text(r), "", _notes_text(r.municipality)]
    doc.text = "\n".join(lines) + "\n"
    return doc


def _premises_summary_json(r: scenarios_run.ScenarioResult) -> dict[str, Any] | None:
    """The scenario's portfolio before and after its disposals (records per use and total), or None without one."""
    if r.premises is None:
        return None
    ids = set(r.premises.ids())
    return {"sold_property_ids": [i for i in r.sold_property_ids() if i in ids],
            **{key: r.premises_summary(after_disposals=after).reset_index().to_dict(orient="records")
               for key, after in (("before_disposals", False), ("after_disposals", True))}}


#: Columns of the portfolio table of the scenario command: (column, heading, format of a value).
_PREMISES_COLUMNS = (("n_properties", "properties", "{:.0f}"), ("area_m2", "area m²", "{:,.0f}"),
                     ("vacancy_share", "vacant", "{:.0%}"), ("running_cost_msek", "running cost", "{:.1f}"),
                     ("depreciation_msek", "depreciation", "{:.1f}"),
                     ("total_premises_cost_msek", "premises cost", "{:.1f}"),
                     ("cost_kr_per_m2", "kr per m²", "{:,.0f}"), ("book_value_msek", "book value", "{:.1f}"),
                     ("market_value_msek", "market value", "{:.1f}"))


def _premises_summary_text(r: scenarios_run.ScenarioResult) -> str:
    """The portfolio by use and in total, before and after the scenario's disposals (base year: MSEK, m², kr per
    m²)."""
    ids = set(r.premises.ids())
    sold = [i for i in r.sold_property_ids() if i in ids]
    lines = ["Premises portfolio, base year (MSEK; premises cost = running cost + depreciation)"]
    for label, after in (("before disposals", False), (f"after disposals (sold: {', '.join(sold) or 'none'})", True)):
        frame = r.premises_summary(after_disposals=after)
        shown = pd.DataFrame({heading: [("–" if pd.isna(v) else form.format(v)) for v in frame[column]]
                              for column, heading, form in _PREMISES_COLUMNS}, index=list(frame.index))
        lines += [f"  {label}", textwrap.indent(shown.to_string(), "    ")]
    return "\n".join(lines)


def _cmd_checklist(args: argparse.Namespace) -> Document:
    result = scenarios_run.run(args.file) if args.file else None
    frame = kb_checklist.checklist(result)
    doc = Document("checklist", {}, [], {"scenario": result.scenario.name if result else None,
                                         "items": frame.to_dict(orient="records")})
    doc.text = kb_checklist.checklist_text(result) + "\n"
    return doc


def _cmd_vintages(args: argparse.Namespace) -> Document:
    if args.municipality and not args.compare:
        raise CliError("--municipality needs --compare A B: the effect of a change of vintage on a municipality")
    listing = vintages.list_vintages()
    extra: dict[str, Any] = {"vintages": listing.to_dict(orient="records")}
    lines = [f"kommunbudget {core.__version__}: assumption vintages", "=" * 40]
    for r in listing.itertuples(index=False):
        lines.append(f"  {r.name} (published {r.published}), {r.file}")
        lines.append(_wrap(r.description, indent="      ", subsequent="      "))
    if args.compare:
        a, b = args.compare
        m = load(args.municipality) if args.municipality else None
        first = (m.base_year if m else 2024)
        last = args.horizon if args.horizon is not None else first + 6
        diff = kb_vintage_effects.compare_vintages(a, b, first, last)
        extra["compare"] = {"a": vintages.get_vintage(a).label, "b": vintages.get_vintage(b).label,
                            "changes": diff.to_dict(orient="records")}
        lines += ["", f"What changed from {extra['compare']['a']} to {extra['compare']['b']}, {first}-{last} "
                      f"(fractions shown in %)", "-" * 60]
        if diff.empty:
            lines.append("  nothing: the two vintages give the same values in these years")
        for r in diff.itertuples(index=False):
            lines.append(f"  {r.series:<30} {r.year}  {r.a * 100:6.2f} % -> {r.b * 100:6.2f} %")
        if m is not None:
            frame = kb_vintage_effects.compare_vintage_results(m.code, a, b, last, use_plan_growth=not args.no_plan_growth)
            effect = frame.xs("b - a", level="vintage")
            extra["compare"]["effect"] = {line: _floats(effect.loc[line]) for line in effect.index}
            extra["compare"]["years"] = [int(y) for y in effect.columns]
            extra["units"] = {"effect": {line: ("fraction" if line == "result_share" else "MSEK")
                                         for line in effect.index}}
            shown = effect.copy()
            shown.loc["result_share"] = shown.loc["result_share"] * 100
            lines += ["", f"Effect on {m.label} (b − a, MSEK; result share in percentage points)"
                          + ("" if args.no_plan_growth else "; the plan years use the plan's own growth"), "-" * 60,
                      textwrap.indent(shown.round(2).to_string(), "  ")]
    doc = Document("vintages", {}, [], extra)
    doc.text = "\n".join(lines) + "\n"
    return doc


# ----------------------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------------------


def _check_target_file(path: Path, option: str) -> None:
    if path.is_dir():
        raise CliError(f"{option} {str(path)!r} is a directory; expected a file name")
    parent = path.parent
    if not parent.is_dir():
        raise CliError(f"{option} {str(path)!r}: the directory {str(parent)!r} does not exist")


def _replace_file(path: Path, write: Callable[[Path], None], suffix: str = ".tmp") -> None:
    """Writes ``path`` through a temporary file in the same directory and an atomic rename: an existing file is
    replaced whole or not at all, and no other file is touched (the temporary file is removed on failure)."""
    _check_target_file(path, "--out")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_text(path: Path, text: str) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    _replace_file(path, write)
    _log.info("wrote %s", path)


# ----------------------------------------------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------------------------------------------


def _message(exc: BaseException) -> str:
    """The message of an exception; a KeyError's without the quotes str() adds."""
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)


def _render(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return doc.to_json()
    if fmt == "csv":
        return doc.to_csv()
    return doc.text


def main(argv: Sequence[str] | None = None) -> int:
    """Runs ``kommunbudget`` with ``argv`` (default ``sys.argv[1:]``) and returns the exit status.

    Returns
    -------
    int
        0 on success, 2 for invalid input (argparse's usage errors included), 1 when a computation or writing a
        file fails. Errors are printed to stderr as ``kommunbudget: error: <message>``.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: keep their status, return it
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)

    package_logger = logging.getLogger("kommunbudget")
    handler = None
    previous_level = package_logger.level
    if getattr(args, "verbose", False):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
        package_logger.addHandler(handler)
        package_logger.setLevel(logging.INFO)
    try:
        doc = args.handler(args)
        text = _render(doc, args.format)
        if args.out is not None:
            _write_text(args.out, text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return 0
    except (ValueError, KeyError) as exc:
        print(f"kommunbudget: error: {_message(exc)}", file=sys.stderr)
        return 2
    except (RuntimeError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):  # e.g. `kommunbudget project Sjöbo | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        print(f"kommunbudget: error: {_message(exc)}", file=sys.stderr)
        return 1
    finally:
        if handler is not None:
            package_logger.removeHandler(handler)
            package_logger.setLevel(previous_level)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
