"""``kommunbudget compare``: a sustained tax rise against a one-off across-the-board efficiency that saves as much
in ``--from-year``, year by year against one target, with a conclusion in words and optional charts
(``docs/model.md`` §10).
"""
from __future__ import annotations

import argparse
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
    load_municipality,
    targets_json,
    user_set_text,
    vintage_text,
)
from kommunbudget.cli.errors import CliError
from kommunbudget.cli.output import check_target, replace_file
from kommunbudget.model.targets import default_targets, parse_target
from kommunbudget.report import plots
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt, years_text
from kommunbudget.report.text import frame_text, status_legend, title, wrap, year_columns

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
    written = _write_charts(c, chart) if chart is not None else []
    doc = _document(s, c, table, _tax_source(args, c, horizon), written)
    if args.format == "table":
        doc.text = _text(s, c, table, doc)  # the text names the charts itself
    else:
        doc.notices = [f"kommunbudget: wrote {path}" for path in written]
    return doc


def _tax_source(args: argparse.Namespace, c: Comparison, horizon: int) -> str:
    """Where the tax change comes from: given, none needed, or the sustained change that meets the target."""
    if args.tax_change is not None:
        return "given with --tax-change"
    if c.tax_change_kr_per_100kr == 0.0:
        return f"none needed: the baseline meets the target in every year {c.from_year}-{horizon}"
    return f"the single sustained change that meets the target in every year {c.from_year}-{horizon}"


def _document(s: Setup, c: Comparison, table: pd.DataFrame, tax_source: str, written: list[str]) -> Document:
    """The comparison per year (MSEK, fractions, öre, booleans), the summary, the conclusion and the records."""
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
        "conclusion": _conclusion(c, table),
        "charts": written,
        "assumptions": assumption_records(c.baseline),
        "notes": list(s.municipality.notes),
    })


def _met_years_text(table: pd.DataFrame, prefix: str, years: list[int], first: int) -> str:
    """In which of ``years`` (those from ``first``) the projection ``prefix`` meets the target, in words."""
    met = [y for y in years if table.loc[f"{prefix}_meets_target", y] > 0.5]
    missed = [y for y in years if y not in met]
    if not missed:
        return f"in every year {years_text(years)}" if len(years) > 1 else f"in {first}"
    if not met:
        return f"in no year {years_text(years)}"
    return f"in {years_text(met)} but not in {years_text(missed)}"


def _conclusion(c: Comparison, table: pd.DataFrame) -> str:
    """The comparison in words, every figure from ``table`` (MSEK, öre) and ``c``."""
    fy, last = c.from_year, c.baseline.years[-1]
    later = [y for y in c.baseline.years if y >= fy]
    ore = c.tax_change_kr_per_100kr * 100.0
    base = f"The baseline meets the target ({c.target.describe()}) {_met_years_text(table, 'baseline', later, fy)}."
    if round(ore, 1) == 0.0:
        if "but not" not in base and "in no year" not in base:
            return base[:-1] + ", so neither a tax rise nor an efficiency saving is needed."
        return base + " No tax rise is compared: the tax change is 0 öre."
    gain_first, saving_first = table.loc["tax_change_revenue", fy], table.loc["efficiency_saving", fy]
    text = (f"A tax rise of {ore:.1f} öre from {fy} and a one-off efficiency of {c.efficiency_rate * 100:.2f} % "
            f"of net costs (operating costs − operating income) from {fy} each give about {gain_first:.1f} MSEK "
            f"in {fy}")
    if abs(gain_first - saving_first) >= 0.05:
        text = text.replace(f"each give about {gain_first:.1f} MSEK",
                            f"give {gain_first:.1f} and {saving_first:.1f} MSEK")
    if last > fy:
        gain, saving = table.loc["tax_change_revenue", last], table.loc["efficiency_saving", last]
        text += (f"; in {last} the tax rise gives {gain:.1f} MSEK ({table.loc['tax_change_revenue_ore', last]:.1f} "
                 f"öre) and the efficiency {saving:.1f} MSEK ({table.loc['efficiency_saving_ore', last]:.1f} öre): "
                 f"the revenue follows the tax base, the saving follows operating costs")
    text += (f". {base} With the tax rise it is met {_met_years_text(table, 'tax', later, fy)}; with the efficiency "
             f"{_met_years_text(table, 'efficiency', later, fy)}. The tax rise costs a household with a taxable "
             f"income of {c.household_income_kr:,.0f} kr about {c.household_cost_kr:,.0f} kr a year.")
    return text


def _text(s: Setup, c: Comparison, table: pd.DataFrame, doc: Document) -> str:
    """The text report: facts, the table per year, the conclusion, and the charts written."""
    m = s.municipality
    status = c.baseline.year_status()
    parts = [
        title(m.label, m.county, m.population, "raise the tax or make efficiency savings", c.baseline.years,
              m.population_date),
        wrap(status_legend(status)),
        _facts_text(c, doc.extra["tax_change_basis"]),
        *([wrap(decided_rate_text(m, c.from_year))] if decided_rate_text(m, c.from_year) else []),
        f"Per year\n{frame_text(_year_rows(table), year_columns(c.baseline.years, status))}",
        wrap("Conclusion: " + doc.extra["conclusion"], subsequent="  "),
        user_set_text(m, s.horizon, s.user_set, s.budget),
        *([wrap(vintage_text(m))] if vintage_text(m) else []),
    ]
    if doc.extra["charts"]:
        parts.append("Charts written: " + ", ".join(doc.extra["charts"]))
    return "\n\n".join(parts) + "\n"


def _facts_text(c: Comparison, tax_source: str) -> str:
    """Target, tax rise, efficiency and household cost, one aligned line each."""
    fy, ore = c.from_year, c.tax_change_kr_per_100kr * 100.0
    facts = [
        ("Target", c.target.describe()),
        (f"Tax rise from 1 January {fy}",
         f"{c.tax_change_kr_per_100kr:+.2f} kr per 100 kr ({ore:+.1f} öre), {tax_source}"),
        (f"Efficiency from {fy}",
         f"{c.efficiency_rate * 100:.2f} % of net costs (operating costs − operating income), one-off and kept "
         f"in later years: it saves as much in {fy} as the tax rise raises"),
        ("Household cost of the tax rise", f"{c.household_cost_kr:,.0f} kr a year at a taxable income of "
                                           f"{c.household_income_kr:,.0f} kr: {c.household_income_basis}"),
    ]
    width = max(len(k) for k, _ in facts)
    return "\n".join(wrap(f"{k:<{width}}  {v}", subsequent=" " * (width + 2)) for k, v in facts)


def _year_rows(table: pd.DataFrame) -> list[tuple[Any, list[str]]]:
    """Result, balanced-budget result, share and target met for the three projections; revenue and saving."""
    groups = (("Result, MSEK", "result", "MSEK"), ("Balanced-budget result, MSEK", "balanced_budget_result", "MSEK"),
              ("Result share", "result_share", "fraction"), ("Meets the target", "meets_target", "boolean"))
    scenarios = (("baseline", "baseline"), ("tax", "tax rise"), ("efficiency", "efficiency"))
    rows: list[tuple[Any, list[str]]] = []
    for label, key, unit in groups:
        for prefix, name in scenarios:
            rows.append(((label, name), [fmt(v, unit) for v in table.loc[f"{prefix}_{key}"]]))
    for label, key in (("Tax rise: revenue", "tax_change_revenue"), ("Efficiency: saving", "efficiency_saving")):
        rows.append(((label, "MSEK"), [fmt(v, "MSEK") for v in table.loc[key]]))
        rows.append(((label, "öre"), [fmt(v, "öre") for v in table.loc[f"{key}_ore"]]))
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


def _write_charts(c: Comparison, path: Path) -> list[str]:
    """Writes the result-vs-target chart to ``path`` and the comparison chart next to it (each replaced in one
    step); returns the paths written."""
    # matplotlib is an optional heavy dependency of this one option: imported only when charts are written.
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")  # files only; no window

    written = []
    for fig_path, make in ((path, lambda: plots.plot_result_vs_target(c.baseline, c.target)),
                           (_sibling_chart(path), lambda: plots.plot_comparison(c))):
        fig = make()

        def save(tmp: Path, fig=fig) -> None:
            plots.save_figure(fig, tmp)

        replace_file(fig_path, save, option="--chart", suffix=".png")
        written.append(str(fig_path))
        _log.info("wrote %s", fig_path)
    return written
