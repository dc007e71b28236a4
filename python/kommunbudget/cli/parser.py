"""The argument parser of ``kommunbudget`` and the table of its subcommands.

This module imports neither pandas nor numpy nor matplotlib, directly or indirectly, so ``kommunbudget --help`` and
``--version`` stay fast: the choices come from the light modules :mod:`kommunbudget.analysis.options` (peer rules,
sort orders) and :mod:`kommunbudget.data.paths` (packaged scenarios), the version from
:mod:`kommunbudget.model.core`. The subcommands' modules are named in :data:`COMMANDS` and imported only when one
runs (:func:`kommunbudget.cli.main.main`).
"""
from __future__ import annotations

import argparse
import math
import re
from pathlib import Path
from typing import NamedTuple

from kommunbudget.analysis.options import PEER_RULES, REVENUE_SORTS
from kommunbudget.data.paths import packaged_names
from kommunbudget.model.core import __version__

__all__ = ["COMMANDS", "SCENARIO_JSON_HELP", "WORKBOOK_COMMANDS", "Assignment", "assignment", "build_parser", "finite",
           "out_path", "year"]

#: Subcommand -> the module that runs it (a ``run(args) -> Document`` function), in the order of ``--help``.
COMMANDS: dict[str, str] = {
    "project": "kommunbudget.cli.project",
    "solve": "kommunbudget.cli.solve",
    "compare": "kommunbudget.cli.compare",
    "explain-revenue": "kommunbudget.cli.explain_revenue",
    "revenue-table": "kommunbudget.cli.revenue_table",
    "benchmark": "kommunbudget.cli.benchmark",
    "scenario": "kommunbudget.cli.scenario",
    "checklist": "kommunbudget.cli.checklist",
    "vintages": "kommunbudget.cli.vintages",
    "datasets": "kommunbudget.cli.datasets",
    "template": "kommunbudget.cli.template",
    "sensitivity": "kommunbudget.cli.sensitivity",
    "uncertainty": "kommunbudget.cli.uncertainty",
    "report": "kommunbudget.cli.report",
    "teach": "kommunbudget.cli.teach",
}

#: Subcommands that write a workbook (``--format xlsx``, or ``--out`` ending in ``.xlsx``).
WORKBOOK_COMMANDS = ("project", "solve", "compare", "scenario", "template", "sensitivity", "uncertainty")

#: The scenario command's JSON keys (its --help epilog).
SCENARIO_JSON_HELP = """\
JSON (--format json), schema kommunbudget.scenario/1; MSEK nominal unless stated:
  municipality, vintage, uses_plan_growth, approximate, base_year, horizon, years,
  year_status          as for 'project'
  vintage_info         the vintage's name, published, published_year, years_after_base_year
                       (its age against the base year) and text
  notes                the baseline's notes (e.g. what is approximate), list of text
  scenario             name, description, description_sv (the file's, "" if none), file,
                       budget (the budget file, or null for the embedded baseline), target,
                       measures (name, kind, topics) in file order
  measure_effects      measure -> change of the result per year, MSEK (measures added one at a
                       time in file order, so they sum to summary.change_result)
  measure_effects_ore  the same in öre on the tax rate
  summary              baseline_* and scenario_* result, balanced_budget_result, result_share
                       (fraction), meets_balanced_budget, meets_target (1/0); change_result
  units                the unit of each row of measure_effects, measure_effects_ore, summary
  measure_sources      measure -> how its derived amount was computed (nka_gap, premises_target,
                       area_gap: figures, sources, share closed; MSEK a year in base-year
                       prices, before ramp and realised share); {} when no measure derives one
  lever_notes          measure -> what an efficiency or work-line measure rests on: the rate as a
                       share of net costs (a service-area line's whole net cost), its MSEK and its
                       share of gross costs (all lines, other_activities); the work line's
                       shares and prisbasbelopp (defaults labelled "default, not data"); {} without
  work_line_rows       row -> year -> value: earnings, taxable benefits, basic deduction (income
                       year, MSEK), tax base added, assistance saved, implementation cost
                       (negative), tax and equalisation on the tax base (MSEK), inhabitants moved
                       away (persons), equalisation lost by them and the net (MSEK, the sum of
                       the saving, cost, tax and equalisation rows); {} without a work line
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
  assumptions          the baseline's assumptions: assumption, years, values, unit, kind, source
  what_moves_baseline  target, description, from_year and need_ore: the sustained change from
                       the first undecided year with the measures (öre); absent with
                       --no-what-moves or when that year is after the horizon
  what_moves           the defaults that are not data, each at a low and a high value: id,
                       assumption, assumption_sv, series, years, default, low, high (words),
                       need_low_ore, need_high_ore, swing_ore, error; largest swing first
  base_year_sources    the base year's figures: field, value, kind, source (a budget file's cells)
"""

_MUNICIPALITY_HELP = "name (diacritics optional, e.g. Sjöbo or sjobo) or 4-digit SCB code (1265)"
_BUDGET_HELP = ("your own adopted budget: a workbook (.xlsx) or a folder of CSV files as docs/budget-workbook.md "
                "describes; its budget year is the base year. MUNICIPALITY may then be left out (if given, it must be "
                "the budget's)")
_POPULATION_FORECAST_HELP = ("a population forecast by age group: a CSV file with the columns year, age_group, count "
                             "(or ar, aldersgrupp, antal; groups 0-5 or 1-5, 6-15, 16-18, 19-64, 65-79, 80+ and "
                             "total; persons on 31 December), or 'embedded' for the municipality's forecast in "
                             "befolkningsprognos.csv (Lund, Östersund). Its totals become the equalisation's "
                             "population; preschool, school, upper secondary school and elderly care volumes follow "
                             "their age group at constant real cost per user (docs/model.md §2)")
_FORMAT_HELP = ("output format (default table); csv and json are documented in README.md; csv-sv is the same CSV "
                "for a spreadsheet set to Swedish (semicolons, decimal comma, UTF-8 with byte-order mark)")
_WORKBOOK_FORMAT_HELP = (_FORMAT_HELP + "; xlsx writes an Excel workbook to --out (the default when --out ends in "
                         ".xlsx)")
_TARGET_HELP = ("target: result, balanced-budget (with the restoration of earlier deficits due in the year), "
                "share:<fraction> (result as a share of tax revenue and general grants, e.g. share:0.02) or "
                "share-excl-one-offs:<fraction> (the same without realisation gains and other one-off items)")
_INCOME_HELP = ("taxable earned income of a household, kr a year; default the municipality's tax base per inhabitant "
                "in --from-year")
_LANGUAGE_HELP = ("language of the output: English, or Swedish throughout (headings, the statutory line names, mnkr, "
                  "numbers as 1 656,2); identifiers and JSON keys stay English")
_VERBOSE_HELP = "log progress (level INFO of the 'kommunbudget' logger) to stderr"
_ASSIGNMENT_USAGE = ("expected NAME=VALUE or NAME=YEAR:VALUE[,YEAR:VALUE...], e.g. tax_base_growth=0.04 (also 4% "
                     "or 0,04) or tax_rate_kr_per_100kr=2026:21.42")
#: A part of a YEAR:VALUE list starts at a comma followed by a four-digit year and a colon (a decimal comma inside a
#: value, as in 2026:0,04, is not a separator).
_YEAR_PART = re.compile(r",(?=\s*-?\d+\s*:)")


class Assignment(NamedTuple):
    """One ``--set``: the assumption's name, its value (a number for every projection year, or {year: number}) and,
    when the text was not a plain number, how it was read (``"4% read as 0.04"``; empty otherwise)."""

    name: str
    value: float | dict[int, float]
    read_as: str = ""


def finite(text: str) -> float:
    """An argparse type: a finite number (kr, kr per 100 kr, ...).

    Raises
    ------
    argparse.ArgumentTypeError
        For text that is not a number, or NaN or an infinity.
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def year(text: str) -> int:
    """An argparse type: a year, a whole number (its range is checked by the command that uses it).

    Raises
    ------
    argparse.ArgumentTypeError
        For text that is not a whole number.
    """
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (e.g. 2026)") from None


def _set_number(text: str) -> tuple[float, str]:
    """A value of ``--set`` as people type it: ``0.04``, ``4%`` or ``4 %`` (a percent: divided by 100), ``0,04``
    (decimal comma); with the reading when it was not a plain number.

    Raises
    ------
    argparse.ArgumentTypeError
        For text that is not a finite number in one of these forms.
    """
    body = text.strip()
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    comma = "," in body and "." not in body
    value = finite(body.replace(",", ".") if comma else body)
    if percent:
        value /= 100.0
    if percent or comma:
        return value, f"{text.strip()} read as {value:g}"
    return value, ""


def assignment(text: str) -> Assignment:
    """An argparse type for ``--set``: ``NAME=VALUE`` or ``NAME=YEAR:VALUE[,YEAR:VALUE...]``; a value may be written
    ``0.04``, ``4%``, ``4 %`` or ``0,04``.

    Returns
    -------
    Assignment
        (name, a number for every projection year or {year: number}, how a value other than a plain number was
        read); numbers in the assumption's unit (a percent is divided by 100: for fractions).

    Raises
    ------
    argparse.ArgumentTypeError
        For a missing ``=``, name or value, a value that is not a finite number, a part without ``YEAR:``, or a
        year given twice (the message shows the expected forms).
    """
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise argparse.ArgumentTypeError(f"{text!r}: {_ASSIGNMENT_USAGE}")
    if ":" not in value:
        try:
            number, read_as = _set_number(value)
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}; {_ASSIGNMENT_USAGE}") from None
        return Assignment(name, number, read_as)
    values: dict[int, float] = {}
    readings: list[str] = []
    for part in _YEAR_PART.split(value):
        y, colon, number = part.strip().partition(":")
        try:
            if not colon:
                raise argparse.ArgumentTypeError(f"{part.strip()!r} has no YEAR:")
            key = year(y.strip())
            if key in values:
                raise argparse.ArgumentTypeError(f"year {key} is given twice")
            values[key], read_as = _set_number(number)
        except argparse.ArgumentTypeError as exc:
            raise argparse.ArgumentTypeError(f"{text!r}: {exc}; {_ASSIGNMENT_USAGE}") from None
        if read_as:
            readings.append(f"{key}: {read_as}")
    return Assignment(name, values, ", ".join(readings))


def out_path(text: str) -> Path | None:
    """An argparse type for ``--out``: a file name, or ``-`` for stdout (None). Whether the file may be written is
    checked before the command runs (:func:`kommunbudget.cli.output.check_target`).

    Raises
    ------
    argparse.ArgumentTypeError
        For an empty name.
    """
    if text == "-":
        return None
    if not text:
        raise argparse.ArgumentTypeError("'' is not a file name; expected FILE, or - for stdout")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kommunbudget`` (exposed for documentation and tests).

    Each subcommand's namespace has ``command`` (a key of :data:`COMMANDS`), ``format`` (None when not given:
    :func:`kommunbudget.cli.main.output_format` decides it from ``--out``), ``out`` (a Path, or None for stdout) and
    ``verbose``.
    """
    parser = argparse.ArgumentParser(
        prog="kommunbudget",
        description="Budget scenarios for Swedish municipalities: project the income statement, find the tax "
                    "rate each target needs, and compare raising the tax with efficiency savings.",
        epilog="Amounts are nominal MSEK; tax rates kr per 100 kr (1 öre = 0.01 kr); growth rates and shares are "
               "fractions (0.04 = 4 %). Exit status 2 for invalid input, 1 when a computation or writing fails.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", default=False, help=_VERBOSE_HELP)
    shared = [_out_parent(), _verbose_parent()]
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_project(sub, [_municipality_parent(), *shared])
    _add_solve(sub, [_municipality_parent(), *shared])
    _add_compare(sub, [_municipality_parent(), *shared])
    _add_explain_revenue(sub, shared)
    _add_revenue_table(sub, shared)
    _add_benchmark(sub, shared)
    _add_scenario(sub, shared)
    _add_checklist(sub, shared)
    _add_vintages(sub, shared)
    _add_datasets(sub, shared)
    _add_template(sub, [_verbose_parent()])
    _add_sensitivity(sub, shared)
    _add_uncertainty(sub, shared)
    _add_report(sub, shared)
    _add_teach(sub, [_verbose_parent()])
    return parser


def _verbose_parent() -> argparse.ArgumentParser:
    """``-v`` after the subcommand too (not overriding one given before it)."""
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=_VERBOSE_HELP)
    return verbose


def _out_parent() -> argparse.ArgumentParser:
    """``--out FILE`` (``-`` for stdout), shared by every subcommand."""
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--out", metavar="FILE", type=out_path, default=None,
                     help="write the output to FILE instead of stdout (- is stdout): a regular file, replaced in one "
                          "step, or a new file in an existing folder; never a directory, link, device or pipe")
    return out


def _municipality_parent(formats: tuple[str, ...] = ("table", "csv", "csv-sv", "json", "xlsx"),
                         metavar: str = "MUNICIPALITY",
                         subject_help: str = _MUNICIPALITY_HELP + "; optional with --budget"
                         ) -> argparse.ArgumentParser:
    """The arguments of project, solve and compare (and sensitivity, with its own formats and subject):
    municipality, years, format, assumptions and labels."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("municipality", metavar=metavar, nargs="?", default=None, help=subject_help)
    common.add_argument("--budget", type=Path, metavar="FILE", default=None, help=_BUDGET_HELP)
    common.add_argument("--base-year", type=year, metavar="YEAR",
                        help="base year (the adopted budget); default the latest available (with --budget: the "
                             "budget's year, the only one allowed)")
    common.add_argument("--population-forecast", metavar="FILE.csv|embedded", default=None,
                        help=_POPULATION_FORECAST_HELP)
    common.add_argument("--horizon", type=year, metavar="YEAR", help="last year; default base year + 4")
    common.add_argument("--format", choices=formats, default=None,
                        help=_WORKBOOK_FORMAT_HELP if "csv" in formats else _SENSITIVITY_FORMAT_HELP)
    common.add_argument("--set", dest="assignments", action="append", type=assignment, default=[],
                        metavar="NAME=VALUE",
                        help="change an assumption: a number for every projection year, or YEAR:VALUE[,YEAR:VALUE]; "
                             "units as listed by 'project' (fractions for growth rates, MSEK, kr per 100 kr); "
                             "repeatable; volume_growth sets every cost line")
    common.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)
    common.add_argument("--details", action="store_true", default=False,
                        help="the table output adds everything behind the answer: revenue bridge, investments, the "
                             "balanced-budget requirement over the years, assumptions with sources, base-year "
                             "figures and notes")
    common.add_argument("--vintage", metavar="NAME|FILE.toml", default=None,
                        help="assumption vintage (PKV, tax base growth, national tax capacity growth): a packaged "
                             "name (see 'kommunbudget vintages') or a TOML file; default skr-2025-report")
    common.add_argument("--no-plan-growth", action="store_true", default=False,
                        help="use the vintage's tax base and national growth in the plan years too, instead of the "
                             "growth implied by the municipality's adopted plan")
    return common


def _add_project(sub, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("project", parents=parents,
                       help="income statement per year, targets met, assumptions and sources",
                       description="Projects the income statement from the base year to the horizon and shows "
                                   "whether the balanced-budget requirement and each target are met, with every "
                                   "assumption and its source.")
    p.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=_TARGET_HELP + "; repeatable; default result, balanced-budget and share:0.02")


def _add_solve(sub, parents: list[argparse.ArgumentParser]) -> None:
    s = sub.add_parser("solve", parents=parents,
                       help="required tax rate per target and year, and the sustained change",
                       description="The lowest tax rate meeting each target in each year, the single sustained "
                                   "change from --from-year that meets it in every later year (kr, öre and what "
                                   "it costs a household), and the shortfall against each target.")
    s.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=_TARGET_HELP + "; repeatable; default result, balanced-budget and share:0.02")
    s.add_argument("--from-year", type=year, metavar="YEAR",
                   help="first year of the sustained change, after the base year; default base year + 1")
    s.add_argument("--income", type=finite, metavar="KR", help=_INCOME_HELP)
    s.add_argument("--no-what-moves", action="store_true", default=False, help=_NO_WHAT_MOVES_HELP)


def _add_compare(sub, parents: list[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("compare", parents=parents,
                       help="raise the tax or make efficiency savings worth the same",
                       description="Sets a sustained tax rise against a one-off across-the-board efficiency that "
                                   "saves as much in --from-year, year by year against one target.")
    c.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help=_TARGET_HELP + "; one target; default share:0.02")
    c.add_argument("--from-year", type=year, metavar="YEAR",
                   help="first year of both measures, after the base year; default base year + 1")
    c.add_argument("--tax-change", type=finite, metavar="KR",
                   help="tax rise in kr per 100 kr (0.25 = 25 öre); default the sustained change that meets the "
                        "target in every year from --from-year")
    c.add_argument("--income", type=finite, metavar="KR", help=_INCOME_HELP)
    c.add_argument("--chart", type=Path, metavar="PATH.png",
                   help="write the result-vs-target chart to PATH.png and the comparison chart to "
                        "PATH_comparison.png (the same rules as --out)")


def _add_explain_revenue(sub, parents: list[argparse.ArgumentParser]) -> None:
    e = sub.add_parser("explain-revenue", parents=parents,
                       help="revenue bridge and what 1 öre on the rate or 1 krona of tax base brings in",
                       description="Where the tax revenue and the income equalisation come from, year by year, and "
                                   "the marginal effects: 1 öre on the rate is kept in full, an added krona of own "
                                   "tax base is largely equalised away. Calibrated for a municipality with an "
                                   "embedded budget (Sjöbo); derived from SCB and approximate for any other.")
    e.add_argument("municipality", metavar="MUNICIPALITY", nargs="?", default=None,
                   help=_MUNICIPALITY_HELP + "; any of the 290; optional with --budget")
    e.add_argument("--budget", type=Path, metavar="FILE", default=None, help=_BUDGET_HELP + "; calibrated to it")
    e.add_argument("--base-year", type=year, metavar="YEAR",
                   help="first year; default the latest adopted budget, else 2024 (with --budget: the budget's "
                        "year)")
    e.add_argument("--horizon", type=year, metavar="YEAR",
                   help="last year; default base year + 4 (without a budget: at most the last year SCB's tax "
                        "capacity can be carried to, 2025)")
    e.add_argument("--format", choices=("table", "csv", "csv-sv", "json"), default=None, help=_FORMAT_HELP)
    e.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


def _add_revenue_table(sub, parents: list[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("revenue-table", parents=parents,
                       help="all 290 municipalities: what 1 öre is worth, tax base, capacity index, equalisation",
                       description="For every municipality in --base-year: what 1 öre on the rate raises (MSEK and "
                                   "kr per inhabitant), the tax base, the tax capacity index and the estimated "
                                   "income equalisation. Derived from SCB and approximate (not calibrated).")
    r.add_argument("--base-year", type=year, metavar="YEAR", default=2024,
                   help="budget year (default 2024; 2025 is the last the embedded growth figures reach)")
    r.add_argument("--sort", choices=tuple(REVENUE_SORTS), default="code",
                   help="order: code (default), name (Swedish alphabetical), ore (largest öre value first) or "
                        "index (highest tax capacity first)")
    r.add_argument("--format", choices=("table", "csv", "csv-sv", "json"), default=None, help=_FORMAT_HELP)
    r.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


def _add_benchmark(sub, parents: list[argparse.ArgumentParser]) -> None:
    b = sub.add_parser("benchmark", parents=parents,
                       help="net cost by service area against peers and Kolada's reference cost (NKA), in MSEK "
                            "and öre",
                       description="A municipality's net cost 2024 by service area (SCB) against the median per "
                                   "inhabitant of its peers and, in Skåne, Kolada's reference cost (NKA): the gap in "
                                   "MSEK and in öre on the tax rate.")
    b.add_argument("municipality", metavar="MUNICIPALITY", nargs="?", default=None,
                   help=_MUNICIPALITY_HELP + "; any of the 290; optional with --budget")
    b.add_argument("--budget", type=Path, metavar="FILE", default=None,
                   help="your own budget (docs/budget-workbook.md): names the municipality; the benchmark itself "
                        "compares SCB's accounts of 2024 for every municipality alike, not the budget's figures")
    b.add_argument("--rule", choices=tuple(PEER_RULES), default="county_size",
                   help="peer rule (default county_size: same county, population 0.5-2 times the own; county: same "
                        "county; size: all Sweden, 0.5-2 times; capacity: size and SCB tax capacity within ± 5 "
                        "points); with fewer than 3 peers the rule falls back to size")
    b.add_argument("--peers", metavar="A,B,C", default=None,
                   help="explicit peers, names or codes separated by commas (replaces --rule)")
    b.add_argument("--nka-year", type=year, metavar="YEAR", default=2024,
                   help="year of Kolada's NKA (2023, 2024 final; 2025 preliminary); default 2024")
    b.add_argument("--format", choices=("table", "csv", "csv-sv", "json"), default=None, help=_FORMAT_HELP)
    b.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


#: Help of ``--no-what-moves`` (solve, scenario).
_NO_WHAT_MOVES_HELP = ("skip the closing table 'What moves the answer' (each default that is not data at a low and a "
                       "high value, and the sustained need in öre at each; about a dozen extra projections)")


def _add_scenario(sub, parents: list[argparse.ArgumentParser]) -> None:
    sc = sub.add_parser("scenario", parents=parents, formatter_class=argparse.RawDescriptionHelpFormatter,
                        help="run a scenario file: measures' worth per year in MSEK and öre, targets, bridge, tax "
                             "needed with and without the measures, checklist",
                        description="Runs a scenario TOML file (see README 'Levers and scenarios') against its "
                                    "baseline.\nThe table output adds how each derived amount was computed and, for a "
                                    "scenario with a premises\nportfolio, the portfolio before and after the "
                                    "scenario's disposals.",
                        epilog=SCENARIO_JSON_HELP)
    sc.add_argument("file", metavar="FILE.toml",
                    help="the scenario file (read only), or a packaged example by name: "
                         + ", ".join(packaged_names("scenarios")))
    sc.add_argument("--year", type=year, metavar="YEAR", default=None,
                    help="year of the bridge; default the scenario's horizon")
    sc.add_argument("--budget", type=Path, metavar="FILE", default=None,
                    help="your own adopted budget (docs/budget-workbook.md) as the baseline, replacing the file's "
                         "'budget' and its embedded baseline; the file's municipality, if any, must be the budget's")
    sc.add_argument("--no-what-moves", action="store_true", default=False, help=_NO_WHAT_MOVES_HELP)
    sc.add_argument("--population-forecast", metavar="FILE.csv|embedded", default=None,
                    help=_POPULATION_FORECAST_HELP + "; applied to the scenario's baseline")
    sc.add_argument("--format", choices=("table", "json", "xlsx"), default=None,
                    help="output format (default table); xlsx writes an Excel workbook to --out (the default when "
                         "--out ends in .xlsx)")
    sc.add_argument("--language", choices=("en", "sv"), default="en",
                    help="language of the table output: English, or Swedish throughout (mnkr, 1 656,2)")
    sc.add_argument("--details", action="store_true", default=False,
                    help="the table output adds how the amounts were computed, the work line's tax base, the "
                         "premises, the bridges by statement line and by driver, the checklist, the notes and what "
                         "moves the answer")


def _add_checklist(sub, parents: list[argparse.ArgumentParser]) -> None:
    ck = sub.add_parser("checklist", parents=parents,
                        help="the report's 19 questions before a tax rise, and the lever that models each",
                        description="Prints the checklist; with a scenario file, which questions it tested and "
                                    "what each is worth in öre.")
    ck.add_argument("file", metavar="FILE.toml", nargs="?", default=None,
                    help="a scenario file or packaged example (optional)")
    ck.add_argument("--format", choices=("table", "json"), default=None, help="output format (default table)")
    ck.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


def _add_vintages(sub, parents: list[argparse.ArgumentParser]) -> None:
    v = sub.add_parser("vintages", parents=parents,
                       help="assumption vintages: list them, or compare two (assumptions and, for a municipality, "
                            "the result)",
                       description="Lists the packaged assumption vintages. With --compare A B: what changed between "
                                   "two vintages, and with --municipality what it does to the result. 'vintages "
                                   "template --out FILE.toml' writes an empty vintage to fill from SKR's latest "
                                   "circular (every field commented; never replaces a file).")
    v.add_argument("action", nargs="?", choices=("list", "template"), default="list",
                   help="list (default) or template: write an empty vintage file (to --out, or stdout)")
    v.add_argument("--name", default="my-vintage", help="template: the new vintage's name (default my-vintage)")
    v.add_argument("--first-year", type=year, metavar="YEAR", default=None,
                   help="template: the first budget year shown (default 2025)")
    v.add_argument("--compare", nargs=2, metavar=("A", "B"), help="two vintages (names or TOML files)")
    v.add_argument("--municipality", metavar="MUNICIPALITY", help="show the effect on this municipality's result")
    v.add_argument("--budget", type=Path, metavar="FILE", default=None,
                   help="show the effect on the result of your own budget (docs/budget-workbook.md) instead of the "
                        "embedded baseline")
    v.add_argument("--horizon", type=year, metavar="YEAR", default=None, help="last year; default base year + 6")
    v.add_argument("--no-plan-growth", action="store_true", default=False,
                   help="compare with the vintages' growth in the plan years too")
    v.add_argument("--format", choices=("table", "json"), default=None, help="output format (default table)")
    v.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


def _add_datasets(sub, parents: list[argparse.ArgumentParser]) -> None:
    d = sub.add_parser("datasets", parents=parents,
                       help="embedded data sets, available baselines and PKV vintages",
                       description="Lists the embedded data files with their sources, the municipalities with an "
                                   "adopted budget (every other municipality gets an approximate baseline), and the "
                                   "PKV vintages.")
    d.add_argument("--format", choices=("table", "json"), default=None, help="output format (default table)")
    d.add_argument("--language", choices=("en", "sv"), default="en", help=_LANGUAGE_HELP)


def _add_template(sub, parents: list[argparse.ArgumentParser]) -> None:
    t = sub.add_parser("template", parents=parents,
                       help="write a budget workbook to fill in (docs/budget-workbook.md), with an example from "
                            "Sjöbo's budget",
                       description="Writes a budget workbook in the layout the budget reader takes "
                                   "(docs/budget-workbook.md): Instruktioner, Resultatbudget, Skatter och bidrag, "
                                   "Förutsättningar and Verksamheter, and the same sheets filled in from Sjöbo's "
                                   "Budget 2024 as 'Exempel ...'. With --municipality, the figures the embedded data "
                                   "know (tax rates, population, SCB's tax base, an estimated tax revenue and income "
                                   "equalisation) are filled in as suggestions (Förslag), marked in colour.")
    t.add_argument("--out", metavar="FILE.xlsx", type=out_path, required=True,
                   help="the workbook to write (a regular file, replaced in one step, or a new file in an existing "
                        "folder)")
    t.add_argument("--municipality", metavar="MUNICIPALITY", default=None,
                   help=_MUNICIPALITY_HELP + "; default none (an empty template)")
    t.add_argument("--budget-year", type=year, metavar="YEAR", default=2025,
                   help="the budget year (default 2025); the plan years are the two after it")
    t.add_argument("--format", choices=("xlsx",), default="xlsx", help="output format (xlsx only)")


_SENSITIVITY_FORMAT_HELP = ("output format (default table); json is documented in README.md; xlsx writes an Excel "
                            "workbook to --out (the default when --out ends in .xlsx)")


def _add_sensitivity(sub, parents: list[argparse.ArgumentParser]) -> None:
    se = sub.add_parser(
        "sensitivity",
        parents=[_municipality_parent(("table", "json", "xlsx"), "MUNICIPALITY_OR_SCENARIO",
                                      _MUNICIPALITY_HELP + "; or a scenario file (FILE.toml) or packaged example ("
                                      + ", ".join(packaged_names("scenarios")) + "), whose measures stay in every "
                                      "run (tornado only); optional with --budget"), *parents],
        help="what moves the result and the tax need: a tornado (each assumption at a low and a high) or Sobol "
             "indices (SALib, the core in batch)",
        description="Tornado (default): each default that is an assumption, not data, at a stated low and high value "
                    "after the adopted plan, one at a time, and the effect on the result of --year (MSEK) and on the "
                    "sustained tax change --target needs from --from-year (öre), by deterministic projections; "
                    "largest swing first. Sobol: first-order and total Sobol indices of the result and the result "
                    "share in --year and of the tax need (--target, --from-year; öre) for shifts of PKV, the own "
                    "tax base, the national tax capacity and volumes after "
                    "the plan, SALib's sample evaluated by the core's batch engine in one call (docs/model.md §20).")
    se.add_argument("--method", choices=("tornado", "sobol"), default="tornado",
                    help="tornado (default): deterministic low/high runs; sobol: global variance-based indices")
    se.add_argument("--year", type=year, metavar="YEAR", default=None,
                    help="the year whose result is shown; default the horizon")
    se.add_argument("--target", default=None, metavar="TARGET",
                    help=_TARGET_HELP + "; default share:0.02 (a scenario: its own target)")
    se.add_argument("--from-year", type=year, metavar="YEAR",
                    help="first year of the sustained change, after the base year; default the first "
                         "year whose own rate is not decided")
    se.add_argument("--n", type=int, metavar="N", default=None,
                    help="sobol only: Saltelli's base samples, a power of 2 in [16, 32768] (default 1024); the batch "
                         "evaluates N × (factors + 2) rows")
    se.add_argument("--seed", type=int, metavar="S", default=None,
                    help="sobol only: seed of the scrambled Sobol' sample and the bootstrap, [0, 4294967295] "
                         "(default 0)")


#: The shocks ``--sd`` may set (kommunbudget.data.uncertainty_defaults.SHOCK_ORDER; listed here so --help needs
#: neither pandas nor numpy; a test compares the two).
UNCERTAINTY_SHOCKS = ("labour_cost_change", "other_cost_change", "national_tax_capacity_growth", "tax_base_growth",
                      "population_growth", "volume_growth", "assistance_households", "measure_realisation",
                      "sale_price")


def shock_size(text: str) -> tuple[str, float]:
    """``--sd NAME=VALUE``: a shock's standard deviation (a fraction per year for the growth shocks; ``1%`` and
    ``0,01`` read as 0.01). Raises argparse.ArgumentTypeError naming the expected form and the shocks."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or name not in UNCERTAINTY_SHOCKS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=VALUE with NAME one of "
                                         f"{', '.join(UNCERTAINTY_SHOCKS)}, e.g. tax_base_growth=0.01")
    number, _read_as = _set_number(value)
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the standard deviation must be a finite number >= 0")
    return name, number


def _seed(text: str) -> int:
    """``--seed``: a whole number in [0, 2^64 − 1] (the generator's 64-bit key)."""
    try:
        number = int(text.replace(" ", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number in [0, 18446744073709551615]") from None
    if not 0 <= number <= 2**64 - 1:
        raise argparse.ArgumentTypeError(f"{text!r}: outside [0, 18446744073709551615] (a 64-bit key)")
    return number


def _positive_int(text: str) -> int:
    try:
        number = int(text.replace(" ", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number, e.g. 100000") from None
    if not 1 <= number <= 10**12:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a whole number in [1, 1000000000000]")
    return number


def _add_uncertainty(sub, parents: list[argparse.ArgumentParser]) -> None:
    u = sub.add_parser("uncertainty", parents=parents,
                       help="Monte Carlo of a scenario: how likely the requirement is missed and a tax rise needed, "
                            "without and with the measures",
                       description="Runs a scenario (as 'scenario') many times with random forecast errors (PKV, "
                                   "tax base, national tax capacity, population, volume, households on assistance, "
                                   "realisation of measures, sale prices; sizes and their basis in SOURCES.md §25) "
                                   "without and with its measures on the same draws, and shows per year the "
                                   "probability that the balanced-budget requirement, the restoration of earlier "
                                   "deficits and the target are missed, the percentiles of the balanced-budget "
                                   "result, and the distribution of the sustained tax change the target needs.")
    u.add_argument("file", metavar="FILE.toml|NAME|MUNICIPALITY",
                   help="the scenario file (read only), or a packaged example by name ("
                        + ", ".join(packaged_names("scenarios")) + "), or a municipality (" + _MUNICIPALITY_HELP
                        + ") whose baseline is run without measures to --horizon")
    u.add_argument("--horizon", type=year, metavar="YEAR", default=None,
                   help="last year for a municipality's baseline (default base year + 6); a scenario file sets its "
                        "own")
    u.add_argument("--budget", type=Path, metavar="FILE", default=None,
                   help="your own adopted budget (docs/budget-workbook.md) as the baseline, replacing the file's")
    u.add_argument("--draws", type=_positive_int, default=100_000, metavar="N",
                   help="number of draws (default 100000: a probability's standard error is then at most 0.16 "
                        "percentage points)")
    u.add_argument("--seed", type=_seed, default=2026, metavar="N",
                   help="the generator's seed (default 2026); the same seed gives the same figures on any machine")
    u.add_argument("--sd", dest="sd", action="append", type=shock_size, default=[], metavar="NAME=VALUE",
                   help="a shock's standard deviation instead of its default (fraction per year for growth; 0 "
                        "switches it off); repeatable; shocks: " + ", ".join(UNCERTAINTY_SHOCKS))
    u.add_argument("--correlation", type=Path, metavar="FILE.csv", default=None,
                   help="correlation of the yearly shocks: a CSV with a header 'shock,<name>,...' and one row per "
                        "shock in the same order (semicolons and decimal commas as a Swedish spreadsheet saves them "
                        "are read too); it must cover every yearly shock the run uses, shocks it does not use are "
                        "ignored (default the pairs in osakerhet_korrelation.csv)")
    u.add_argument("--target", default=None, metavar="TARGET",
                   help=_TARGET_HELP + "; default the scenario's target")
    u.add_argument("--from-year", type=year, metavar="YEAR",
                   help="first year of the sustained tax change; default the first year whose own rate is not "
                        "decided")
    u.add_argument("--first-shocked-year", type=year, metavar="YEAR", default=None,
                   help="first year whose yearly growth inputs are shocked; default the year after the base year "
                        "(a measure's realisation and a sale price are drawn once and act from the measure's own "
                        "first year)")
    u.add_argument("--threads", type=int, default=0, metavar="N",
                   help="worker threads (default 0: all cores); the figures do not depend on it")
    u.add_argument("--chart", type=Path, metavar="FILE.png", default=None,
                   help="write the fan chart of the balanced-budget result (without and with the measures)")
    u.add_argument("--no-progress", action="store_true", default=False,
                   help="no progress bar (shown on a terminal once a run takes more than a second)")
    u.add_argument("--format", choices=("table", "json", "xlsx"), default=None,
                   help="output format (default table); xlsx writes an Excel workbook to --out (the default when "
                        "--out ends in .xlsx)")
    u.add_argument("--language", choices=("en", "sv"), default="en",
                   help="language of the table output and the fan chart: English, or Swedish throughout")
    u.add_argument("--details", action="store_true", default=False,
                   help="the table output adds the balanced-budget result's percentiles per year, the shocks with "
                        "their basis, their correlation and the notes")


def _add_report(sub, parents: list[argparse.ArgumentParser]) -> None:
    rp = sub.add_parser("report", parents=parents,
                        help="a scenario's council report: one self-contained HTML page (tables, charts, sources, "
                             "the checklist), in Swedish by default",
                        description="Runs a scenario file and writes its council report as one HTML page with "
                                    "everything embedded (no external files): the tax need with and without the "
                                    "measures, the balanced-budget requirement and the target per year, the "
                                    "measures' effects in mnkr and öre, the bridge, charts, the checklist, the "
                                    "assumptions and their sources. Open it in a browser, print it or attach it.")
    rp.add_argument("file", metavar="FILE.toml",
                    help="the scenario file (read only), or a packaged example by name: "
                         + ", ".join(packaged_names("scenarios")))
    rp.add_argument("--budget", type=Path, metavar="FILE", default=None,
                    help="your own adopted budget (docs/budget-workbook.md) as the baseline, replacing the file's "
                         "'budget' and its embedded baseline")
    rp.add_argument("--language", choices=("sv", "en"), default="sv",
                    help="the page's language: Swedish (default) or English")
    rp.set_defaults(format=None)


def _port(text: str) -> int:
    """``--port``: a TCP port number, 1-65535."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number; expected a whole number in 1-65535, "
                                         f"e.g. 8866") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a port number in 1-65535, e.g. 8866")
    return number


def _add_teach(sub, parents: list[argparse.ArgumentParser]) -> None:
    te = sub.add_parser("teach", parents=parents,
                        help="the teaching page: sliders for the tax rate, PKV and measures with the income "
                             "statement, the targets and a chart updating at once, and exercises (Voilà, local)",
                        description="Serves the notebook 07_teaching (shipped in the package) as a local web page "
                                    "with Voilà on 127.0.0.1 until Ctrl-C: a panel with sliders for the tax rate, "
                                    "PKV after the plan and three measures for any of the 290 municipalities, the "
                                    "income statement, the balanced-budget requirement, the 2 % target, the tax "
                                    "change still needed and a chart updating at once, and five exercises whose "
                                    "answers the library computes. Needs the extra: pip install "
                                    "\"kommunbudget[teach]\".")
    te.add_argument("--port", type=_port, metavar="N", default=8866,
                    help="the port on 127.0.0.1 (default 8866, Voilà's); an error if it is taken")
    te.add_argument("--no-browser", action="store_true", default=False,
                    help="do not open a browser (print the address only)")
    te.add_argument("--language", choices=("sv", "en"), default="sv",
                    help="the panel's and the charts' language: Swedish (default) or English; the notebook's own "
                         "text is English")
    te.set_defaults(format=None, out=None)
