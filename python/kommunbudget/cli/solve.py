"""``kommunbudget solve``: the lowest tax rate meeting each target in each year, the single sustained change from
``--from-year`` that meets it in every later year (kr per 100 kr, öre, and what it costs a household) and the
shortfall against each target (``docs/model.md`` §10).
"""
from __future__ import annotations

import argparse
import functools
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import WhatMoves, what_moves
from kommunbudget.cli.balance import balance_notes, balance_table, balance_text
from kommunbudget.cli.common import (
    Setup,
    assumption_records,
    decided_rate_lines,
    decided_rate_text,
    from_year,
    header,
    household_income,
    household_income_basis,
    setup,
    targets,
    targets_json,
    user_set_line,
    vintage_line,
)
from kommunbudget.model import core
from kommunbudget.model.targets import target_key
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import gettext, number, unit_word
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
from kommunbudget.report.what_moves_text import what_moves_text

__all__ = ["run"]


@dataclass
class _Solved:
    """What solve computed once: the targets, the first year, the income and the document's tables by name."""

    targets: list[core.Target]
    from_year: int
    income: float
    income_basis: str
    tables: dict[str, Table]
    what: WhatMoves | None = None
    language: str = "en"

    @property
    def keys(self) -> list[str]:
        """The targets' identifiers (``result_share_2pct``), the rows of the tables."""
        return [target_key(t) for t in self.targets]


def run(args: argparse.Namespace) -> Document:
    """Solves ``args.municipality``'s baseline for each target and returns the document (text only for
    ``--format table``: the answer first, the rest with ``--details``).

    Raises
    ------
    ValueError
        For invalid input (municipality, years, ``--set``, targets, ``--from-year`` not after the base year,
        ``--income``) or an impossible target (the core names the year and the rate it would need).
    """
    s = setup(args)
    shown = targets(args.target)
    first = from_year(args, s.municipality, s.horizon)
    income, basis = household_income(args, s.projection, first)
    solved = _Solved(shown, first, income, basis, _tables(s, shown, first, income), language=args.language)
    details = bool(getattr(args, "details", False))
    extra: dict[str, Any] = {
        "targets": targets_json(shown),
        "household_income_basis": basis,
        "decision_year": decided_rate_lines(s.municipality, first),
        "assumptions": assumption_records(s.projection),
        "notes": list(s.municipality.notes) + balance_notes(s.projection),
    }
    # the text shows the table only with --details: a dozen projections spared without it
    if not getattr(args, "no_what_moves", False) and (args.format != "table" or details):
        solved.what = what_moves(s.municipality, s.horizon, what_moves_target(shown, bool(args.target)), first,
                                 baseline=s.projection)
        extra["what_moves_baseline"] = solved.what.basis()
        extra["what_moves"] = solved.what.records()
    doc = Document("solve", header(s.municipality, s.horizon, s.projection), list(solved.tables.values()), extra)
    if args.format == "table":
        doc.text = _text(s, solved, doc, details, args.income is not None,
                         not getattr(args, "no_what_moves", False))
    return doc


def what_moves_target(shown: list[core.Target], given: bool) -> core.Target:
    """The target of the "What moves the answer" table: the first ``--target`` given; without one, the result-share
    target (2 % of tax revenue and general grants)."""
    if not given:
        for t in shown:
            if t.kind == core.TargetKind.RESULT_SHARE:
                return t
    return shown[0]


def _tables(s: Setup, shown: list[core.Target], first: int, income: float) -> dict[str, Table]:
    """The document's tables, in their JSON order: required rates, the change in öre, the shortfalls, the
    sustained change (kr per 100 kr, öre), its household cost and the summary."""
    p = s.projection
    rates = p.required_tax_rates(shown)
    gaps = p.target_gaps(shown)
    keys = [target_key(t) for t in shown]
    change = {k: p.sustained_tax_change(t, first) for k, t in zip(keys, shown, strict=True)}
    tables = [
        Table("required_tax_rate", {row: floats(rates.loc[row]) for row in rates.index},
              {row: "kr per 100 kr" for row in rates.index}),
        # The change of the rate each target needs, öre: required rate − current rate (a rise also raises the
        # denominator of a result-share target, so this differs from the shortfall in öre).
        Table("required_change_ore", {k: floats((rates.loc[k] - rates.loc["current"]) * 100.0) for k in keys},
              {k: "öre" for k in keys}),
        Table("target_gap_ore", {k: floats(gaps.loc[(k, "öre")]) for k in keys}, {k: "öre" for k in keys}),
        Table("target_gap", {k: floats(gaps.loc[(k, "MSEK")]) for k in keys}, {k: "MSEK" for k in keys}),
        Table("sustained_change", dict(change), {k: "kr per 100 kr" for k in keys}, yearly=False),
        Table("sustained_change_ore", {k: v * 100.0 for k, v in change.items()}, {k: "öre" for k in keys},
              yearly=False),
        Table("household_cost", {k: core.household_tax_change_kr(v, income) for k, v in change.items()},
              {k: "kr per year" for k in keys}, yearly=False),
        Table("summary", {"from_year": first, "household_income": income},
              {"from_year": "year", "household_income": "kr per year"}, yearly=False),
        balance_table(p),
    ]
    return {t.name: t for t in tables}


def _text(s: Setup, solved: _Solved, doc: Document, details: bool, income_given: bool, what_moves_asked: bool
          ) -> str:
    """The text report, drawn from the computed tables: the answer first (the sustained change and its cost, the
    required rate per year, the shortfall); with ``details`` the decided rates with their sources, the
    balanced-budget requirement over the years, the assumptions with their sources, the notes and what moves the
    answer."""
    p, m, language = s.projection, s.municipality, solved.language
    _ = functools.partial(gettext, language=language)
    status = p.year_status()
    columns = year_columns(p.years, status, language)
    basis = household_income_basis(p, solved.from_year, income_given, solved.income_basis, language)
    sustained = "\n".join([
        wrap(_("Sustained change from 1 January {first}: one change of the rate, kept in every year {first}–{last}, "
               "that meets the target in each of them (kr per 100 kr in whole öre, rounded up; öre exact)",
               first=solved.from_year, last=s.horizon)),
        _sustained_text(solved),
        wrap(_("Income used for the cost: {income} kr a year, {basis}. A negative change is room to lower the rate "
               "with the target still met.", income=number(solved.income, 0, language), basis=basis)),
        *([wrap(decided_rate_text(m, solved.from_year, language, sources=False))]
          if decided_rate_text(m, solved.from_year) else []),
    ])
    parts = [
        title(m.label, m.county, m.population, _("required tax rate"), p.years, m.population_date, language),
        *([wrap(vintage_line(m, language))] if vintage_line(m) else []),
        wrap(status_legend(status, language)),
        sustained,
        table_block(_("Required tax rate, kr per 100 kr: the lowest own rate in whole öre that meets each target in "
                      "each year (the exact rate rounded up, so the rate shown meets it), all else as projected; the "
                      "change in öre is the exact one"), frame_text(_rate_rows(solved), columns)),
        table_block(_("Shortfall against each target (negative = margin), {unit} and its öre equivalent at the "
                      "current revenue", unit=unit_word("MSEK", language)), frame_text(_gap_rows(solved), columns)),
        *user_set_line(s.user_set, language),
    ]
    notes = list(m.notes)
    if not details:
        more = (_("More with --details: the decided rates with their sources, the balanced-budget requirement over "
                  "the years, every assumption with its source, the notes ({n} notes) and what moves the answer "
                  "(each default at a low and a high value).", n=len(notes)) if what_moves_asked else
                _("More with --details: the decided rates with their sources, the balanced-budget requirement over "
                  "the years, every assumption with its source and the notes ({n} notes).", n=len(notes)))
        return "\n\n".join([*parts, wrap(more)]) + "\n"
    parts += [
        *([wrap(decided_rate_text(m, solved.from_year, language))] if decided_rate_text(m, solved.from_year) else []),
        balance_text(solved.tables["balance_requirement"], columns, language, balance_notes(p, language)),
        assumptions_text(doc.extra["assumptions"], m.base_year + 1, s.horizon, language),
        *([notes_text(notes, language=language)] if notes else []),
        *([what_moves_text(solved.what, language)] if solved.what is not None else []),
    ]
    return "\n\n".join(parts) + "\n"


def _rate_rows(solved: _Solved) -> list[tuple[Any, list[str]]]:
    """The current rate, then per target the required rate (kr per 100 kr) and the change (öre, signed)."""
    language = solved.language
    required, change_ore = solved.tables["required_tax_rate"], solved.tables["required_change_ore"]
    rows: list[tuple[Any, list[str]]] = [
        (gettext("Tax rate in the projection", language),
         [fmt(v, "kr per 100 kr", language=language) for v in required.rows["current"]])]
    change = "  " + gettext("change, öre (+ raise, − room to lower)", language)
    for k, t in zip(solved.keys, solved.targets, strict=True):
        rows.append((target_text(t, language), [fmt(core.round_up_to_ore(v), "kr per 100 kr", language=language)
                                                for v in required.rows[k]]))
        rows.append((change, [fmt(v, "öre", signed=True, language=language) for v in change_ore.rows[k]]))
    return rows


def _gap_rows(solved: _Solved) -> list[tuple[Any, list[str]]]:
    """Per target the shortfall in MSEK and in öre (signed; negative = margin)."""
    language = solved.language
    gap_msek, gap_ore = solved.tables["target_gap"], solved.tables["target_gap_ore"]
    rows: list[tuple[Any, list[str]]] = []
    for k, t in zip(solved.keys, solved.targets, strict=True):
        label = target_text(t, language)
        rows.append(((label, unit_word("MSEK", language)), [fmt(v, "MSEK", signed=True, language=language)
                                                             for v in gap_msek.rows[k]]))
        rows.append(((label, "öre"), [fmt(v, "öre", signed=True, language=language) for v in gap_ore.rows[k]]))
    return rows


def _sustained_text(solved: _Solved) -> str:
    """A table with a row per target: the sustained change in kr per 100 kr (whole öre, rounded up) and öre, and its
    cost at the income used, kr a year."""
    language = solved.language
    change, ore = solved.tables["sustained_change"].rows, solved.tables["sustained_change_ore"].rows
    household = solved.tables["household_cost"].rows
    rows = []
    for k, t in zip(solved.keys, solved.targets, strict=True):
        settable = core.round_up_to_ore(change[k])  # in whole öre, rounded up: it meets the target
        rows.append((target_text(t, language), [fmt(settable, "kr per 100 kr", True, language),
                                                fmt(ore[k], "öre", True, language),
                                                fmt(household[k], "kr per year", True, language)]))
    return frame_text(rows, pd.Index([gettext("kr per 100 kr", language), "öre",
                                      gettext("kr a year at that income", language)]))
