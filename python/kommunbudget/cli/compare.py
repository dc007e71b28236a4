"""``kommunbudget compare``: a sustained tax rise against a one-off across-the-board efficiency that saves as much
in ``--from-year``, year by year against one target, with a conclusion in words and optional charts
(``docs/model.md`` §10).
"""
from __future__ import annotations

import argparse
import functools
import logging
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from kommunbudget.analysis.comparison import Comparison, compare
from kommunbudget.cli.common import (
    Setup,
    assumption_records,
    budget_text,
    decided_rate_lines,
    decided_rate_text,
    from_year,
    header,
    household_income_basis,
    load_municipality,
    targets_json,
    user_set_line,
    vintage_line,
)
from kommunbudget.cli.errors import CliError
from kommunbudget.cli.output import check_target, replace_file
from kommunbudget.model import core
from kommunbudget.model.targets import default_targets, parse_target
from kommunbudget.report import plots
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt, years_text
from kommunbudget.report.i18n import gettext, number, percent, unit_word
from kommunbudget.report.plots import target_text
from kommunbudget.report.text import (
    assumptions_text,
    frame_text,
    notes_text,
    status_legend,
    table_block,
    title,
    wrap,
    year_columns,
)

__all__ = ["run"]

_log = logging.getLogger("kommunbudget.cli")

#: Units of the rows of :meth:`Comparison.table` that are not MSEK or öre.
_COMPARE_UNITS = {f"{scenario}_{item}": unit for scenario in ("baseline", "tax", "efficiency")
                  for item, unit in (("result", "MSEK"), ("balanced_budget_result", "MSEK"),
                                     ("result_share", "fraction"), ("meets_target", "boolean"))}


def run(args: argparse.Namespace) -> Document:
    """Compares a tax rise with efficiency worth the same for ``args.municipality``; writes the charts of
    ``--chart``; returns the document (text only for ``--format table``).

    Raises
    ------
    ValueError
        For invalid input: more than one target, ``--from-year`` not after the base year, a negative
        ``--tax-change``, a ``--chart`` name not ending in .png or not writable, ``--out`` naming a chart file.
    """
    if len(args.target) > 1:
        raise CliError(f"compare takes one --target, got {len(args.target)}: {', '.join(args.target)}")
    chart = _check_chart(args.chart, args.out) if args.chart is not None else None
    m, horizon, user_set = load_municipality(args)
    target = parse_target(args.target[0]) if args.target else default_targets()[2]
    first = from_year(args, m, horizon)
    if args.tax_change is not None and args.tax_change < 0:
        raise CliError(f"--tax-change {args.tax_change:g} kr per 100 kr: the comparison sets a tax rise against an "
                       f"efficiency saving worth the same; expected a change >= 0")
    c = compare(m, horizon, from_year=first, tax_change_kr_per_100kr=args.tax_change, target=target,
                household_income_kr=args.income)
    _log.info("compared a tax change of %.4f kr with an efficiency of %.4f %%", c.tax_change_kr_per_100kr,
              c.efficiency_rate * 100)
    s = Setup(m, horizon, c.baseline, user_set, budget_text(args))  # the comparison's baseline: projected once
    table = c.table()
    written = _write_charts(c, chart, args.language) if chart is not None else []
    language = args.language
    words = "sv" if args.format == "xlsx" else language  # the workbook is the council's: Swedish whatever the text's
    doc = _document(s, c, table, _tax_source(args, c, horizon, words), written, words)
    if args.format == "table":
        doc.text = _text(s, c, table, doc, language, bool(getattr(args, "details", False)),
                         args.income is not None)  # the text names the charts itself
    else:
        doc.notices = [f"kommunbudget: wrote {path}" for path in written]
    return doc


def _tax_source(args: argparse.Namespace, c: Comparison, horizon: int, language: str = "en") -> str:
    """Where the tax change comes from, in the language: given, none needed, or the sustained change that meets the
    target."""
    if args.tax_change is not None:
        return gettext("given with --tax-change", language)
    if c.tax_change_kr_per_100kr == 0.0:
        return gettext("none needed: the baseline meets the target in every year {first}–{last}", language,
                       first=c.from_year, last=horizon)
    return gettext("the single sustained change that meets the target in every year {first}–{last}", language,
                   first=c.from_year, last=horizon)


def _document(s: Setup, c: Comparison, table: pd.DataFrame, tax_source: str, written: list[str],
              language: str = "en") -> Document:
    """The comparison per year (MSEK, fractions, öre, booleans), the summary, the conclusion (in the language) and
    the records."""
    comparison = Table("comparison", {row: [bool(v > 0.5) for v in table.loc[row]] if row.endswith("_meets_target")
                                      else floats(table.loc[row]) for row in table.index},
                       {row: _COMPARE_UNITS.get(row, "öre" if row.endswith("_ore") else "MSEK")
                        for row in table.index})
    summary = Table("summary", {
        "from_year": c.from_year,
        "tax_change": c.tax_change_kr_per_100kr,
        "tax_change_ore": c.tax_change_kr_per_100kr * 100.0,
        "efficiency_rate": c.efficiency_rate,
        "household_income": c.household_income_kr,
        "household_cost": c.household_cost_kr,
    }, {"from_year": "year", "tax_change": "kr per 100 kr", "tax_change_ore": "öre", "efficiency_rate": "fraction",
        "household_income": "kr per year", "household_cost": "kr per year"}, yearly=False)
    return Document("compare", header(s.municipality, s.horizon, c.baseline), [comparison, summary], {
        "targets": targets_json([c.target]),
        "tax_change_basis": tax_source,
        "decision_year": decided_rate_lines(s.municipality, c.from_year),
        "household_income_basis": c.household_income_basis,
        "conclusion": _conclusion(c, table, language),
        "charts": written,
        "assumptions": assumption_records(c.baseline),
        "notes": list(s.municipality.notes),
    })


def _met_years_text(table: pd.DataFrame, prefix: str, years: list[int], first: int, language: str
                    ) -> tuple[str, bool]:
    """In which of ``years`` (those from ``first``) the projection ``prefix`` meets the target, in words, and
    whether it meets it in every one of them."""
    met = [y for y in years if table.loc[f"{prefix}_meets_target", y] > 0.5]
    missed = [y for y in years if y not in met]
    if not missed:
        return (gettext("in every year {years}", language, years=years_text(years)) if len(years) > 1
                else gettext("in {year}", language, year=first)), True
    if not met:
        return gettext("in no year {years}", language, years=years_text(years)), False
    return gettext("in {met} but not in {missed}", language, met=years_text(met), missed=years_text(missed)), False


def _conclusion(c: Comparison, table: pd.DataFrame, language: str = "en") -> str:
    """The comparison in words, in the language, every figure from ``table`` (MSEK, öre) and ``c``."""
    _ = functools.partial(gettext, language=language)
    unit = unit_word("MSEK", language)

    def one(value: float) -> str:
        return number(value, 1, language)

    fy, last = c.from_year, c.baseline.years[-1]
    later = [y for y in c.baseline.years if y >= fy]
    ore = c.tax_change_kr_per_100kr * 100.0
    target = target_text(c.target, language)
    when, every = _met_years_text(table, "baseline", later, fy, language)
    if round(ore, 1) == 0.0:
        if every:
            return _("The baseline meets the target ({target}) {when}, so neither a tax rise nor an efficiency saving "
                     "is needed.", target=target, when=when)
        return (_("The baseline meets the target ({target}) {when}.", target=target, when=when) + " "
                + _("No tax rise is compared: the tax change is 0 öre."))
    gain_first, saving_first = table.loc["tax_change_revenue", fy], table.loc["efficiency_saving", fy]
    rate = percent(c.efficiency_rate, 2, language)
    if abs(gain_first - saving_first) >= 0.05:
        text = _("A tax rise of {ore} öre from {first} and a one-off efficiency of {rate} of net costs (operating "
                 "costs − operating income) from {first} give {gain} and {saving} {unit} in {first}", ore=one(ore),
                 first=fy, rate=rate, gain=one(gain_first), saving=one(saving_first), unit=unit)
    else:
        text = _("A tax rise of {ore} öre from {first} and a one-off efficiency of {rate} of net costs (operating "
                 "costs − operating income) from {first} each give about {gain} {unit} in {first}", ore=one(ore),
                 first=fy, rate=rate, gain=one(gain_first), unit=unit)
    if last > fy:
        text += _("; in {last} the tax rise gives {gain} {unit} ({gain_ore} öre) and the efficiency {saving} {unit} "
                  "({saving_ore} öre): the revenue follows the tax base, the saving follows operating costs",
                  last=last, gain=one(table.loc["tax_change_revenue", last]), unit=unit,
                  gain_ore=one(table.loc["tax_change_revenue_ore", last]),
                  saving=one(table.loc["efficiency_saving", last]),
                  saving_ore=one(table.loc["efficiency_saving_ore", last]))
    text += ". " + _("The baseline meets the target ({target}) {when}.", target=target, when=when)
    text += " " + _("With the tax rise it is met {tax_when}; with the efficiency {efficiency_when}. The tax rise costs "
                    "a household with a taxable income of {income} kr about {cost} kr a year.",
                    tax_when=_met_years_text(table, "tax", later, fy, language)[0],
                    efficiency_when=_met_years_text(table, "efficiency", later, fy, language)[0],
                    income=number(c.household_income_kr, 0, language), cost=number(c.household_cost_kr, 0, language))
    return text


def _text(s: Setup, c: Comparison, table: pd.DataFrame, doc: Document, language: str, details: bool,
          income_given: bool) -> str:
    """The text report: the answer first (the tax rise and the efficiency, the conclusion, the table per year, the
    charts written); with ``details`` the decided rates with their sources, the assumptions with their sources and
    the notes."""
    m = s.municipality
    _ = functools.partial(gettext, language=language)
    status = c.baseline.year_status()
    parts = [
        title(m.label, m.county, m.population, _("raise the tax or make efficiency savings"), c.baseline.years,
              m.population_date, language),
        *([wrap(vintage_line(m, language))] if vintage_line(m) else []),
        wrap(status_legend(status, language)),
        _facts_text(c, doc.extra["tax_change_basis"], language, income_given),
        *([wrap(decided_rate_text(m, c.from_year, language, sources=False))]
          if decided_rate_text(m, c.from_year) else []),
        wrap(_("Conclusion: {text}", text=doc.extra["conclusion"]), subsequent="  "),
        table_block(_("Per year: the baseline, the tax rise and the efficiency"),
                    frame_text(_year_rows(table, language), year_columns(c.baseline.years, status, language))),
        *user_set_line(s.user_set, language),
    ]
    if doc.extra["charts"]:
        parts.append(wrap(_("Charts written: {files}", files=", ".join(doc.extra["charts"]))))
    notes = list(m.notes)
    if not details:
        parts.append(wrap(_("More with --details: the decided rates with their sources, every assumption with its "
                            "source and the notes ({n} notes).", n=len(notes))))
        return "\n\n".join(parts) + "\n"
    parts += [
        *([wrap(decided_rate_text(m, c.from_year, language))] if decided_rate_text(m, c.from_year) else []),
        assumptions_text(doc.extra["assumptions"], m.base_year + 1, s.horizon, language),
        *([notes_text(notes, language=language)] if notes else []),
    ]
    return "\n\n".join(parts) + "\n"


def _facts_text(c: Comparison, tax_source: str, language: str, income_given: bool) -> str:
    """The target, the tax rise, the efficiency and the household cost, one wrapped paragraph each."""
    _ = functools.partial(gettext, language=language)
    fy, ore = c.from_year, c.tax_change_kr_per_100kr * 100.0
    basis = household_income_basis(c.baseline, fy, income_given, c.household_income_basis, language)
    facts = [
        _("Target: {target}", target=target_text(c.target, language)),
        _("Tax rise from 1 January {first}: {change} kr per 100 kr in whole öre, rounded up ({ore} öre exact), "
          "{source}", first=fy,
          change=number(core.round_up_to_ore(c.tax_change_kr_per_100kr), 2, language, signed=True),
          ore=number(ore, 1, language, signed=True), source=tax_source),
        _("Efficiency from {first}: {rate} of net costs (operating costs − operating income), one-off and kept in "
          "later years: it saves as much in {first} as the tax rise raises", first=fy,
          rate=percent(c.efficiency_rate, 2, language)),
        _("Household cost of the tax rise: {cost} kr a year at a taxable income of {income} kr: {basis}",
          cost=number(c.household_cost_kr, 0, language), income=number(c.household_income_kr, 0, language),
          basis=basis),
    ]
    return "\n".join(wrap(fact, subsequent="  ") for fact in facts)


def _year_rows(table: pd.DataFrame, language: str) -> list[tuple[Any, list[str]]]:
    """Result, balanced-budget result, share and target met for the three projections; revenue and saving."""
    _ = functools.partial(gettext, language=language)
    unit = unit_word("MSEK", language)
    groups = ((_("Result, {unit}", unit=unit), "result", "MSEK"),
              (_("Balanced-budget result, {unit}", unit=unit), "balanced_budget_result", "MSEK"),
              (_("Result share"), "result_share", "fraction"), (_("Meets the target"), "meets_target", "boolean"))
    scenarios = (("baseline", _("baseline")), ("tax", _("tax rise")), ("efficiency", _("efficiency")))
    rows: list[tuple[Any, list[str]]] = []
    for label, key, kind in groups:
        for prefix, name in scenarios:
            rows.append(((label, name), [fmt(v, kind, language=language) for v in table.loc[f"{prefix}_{key}"]]))
    for label, key in ((_("Tax rise: revenue"), "tax_change_revenue"), (_("Efficiency: saving"), "efficiency_saving")):
        rows.append(((label, unit), [fmt(v, "MSEK", language=language) for v in table.loc[key]]))
        rows.append(((label, "öre"), [fmt(v, "öre", language=language) for v in table.loc[f"{key}_ore"]]))
    return rows


# ----------------------------------------------------------------------------------------------------------------
# Charts
# ----------------------------------------------------------------------------------------------------------------


def _sibling_chart(path: Path) -> Path:
    """The comparison chart's file next to ``path``: ``x.png`` -> ``x_comparison.png``."""
    return path.with_name(f"{path.stem}_comparison.png")


def _check_chart(path: Path, out: Path | None) -> Path:
    """Checks ``--chart`` before anything is computed: a .png name, both chart files writable (as ``--out``), and
    neither of them the ``--out`` file."""
    if path.suffix.lower() != ".png":
        raise CliError(f"--chart {str(path)!r}: expected a file name ending in .png")
    for p in (path, _sibling_chart(path)):
        check_target(p, "--chart")
    if out is not None and out.resolve() in (path.resolve(), _sibling_chart(path).resolve()):
        raise CliError(f"--out {str(out)!r} is also a --chart file; expected different files")
    return path


def _write_charts(c: Comparison, path: Path, language: str = "en") -> list[str]:
    """Writes the result-vs-target chart to ``path`` and the comparison chart next to it (each replaced in one
    step), in the language; returns the paths written."""
    # matplotlib is an optional heavy dependency of this one option: imported only when charts are written.
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # files only; no window

    written = []
    for fig_path, make in ((path, lambda: plots.plot_result_vs_target(c.baseline, c.target, language=language)),
                           (_sibling_chart(path), lambda: plots.plot_comparison(c, language))):
        fig = make()

        def save(tmp: Path, fig=fig) -> None:
            plots.save_figure(fig, tmp)

        replace_file(fig_path, save, option="--chart", suffix=".png")
        written.append(str(fig_path))
        _log.info("wrote %s", fig_path)
    return written
