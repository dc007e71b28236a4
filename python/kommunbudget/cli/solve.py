"""``kommunbudget solve``: the lowest tax rate meeting each target in each year, the single sustained change from
``--from-year`` that meets it in every later year (kr per 100 kr, öre, and what it costs a household) and the
shortfall against each target (``docs/model.md`` §10).
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

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
    setup,
    targets,
    targets_json,
    user_set_text,
    vintage_text,
)
from kommunbudget.model import core
from kommunbudget.model.targets import target_key
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.text import frame_text, status_legend, title, wrap, year_columns
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
    ``--format table``).

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
    extra: dict[str, Any] = {
        "targets": targets_json(shown),
        "household_income_basis": basis,
        "decision_year": decided_rate_lines(s.municipality, first),
        "assumptions": assumption_records(s.projection),
        "notes": list(s.municipality.notes) + balance_notes(s.projection),
    }
    if not getattr(args, "no_what_moves", False):
        solved.what = what_moves(s.municipality, s.horizon, what_moves_target(shown, bool(args.target)), first,
                                 baseline=s.projection)
        extra["what_moves_baseline"] = solved.what.basis()
        extra["what_moves"] = solved.what.records()
    doc = Document("solve", header(s.municipality, s.horizon, s.projection), list(solved.tables.values()), extra)
    if args.format == "table":
        doc.text = _text(s, solved)
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


def _text(s: Setup, solved: _Solved) -> str:
    """The text report, drawn from the computed tables."""
    p, m = s.projection, s.municipality
    status = p.year_status()
    columns = year_columns(p.years, status)
    return "\n\n".join([
        title(m.label, m.county, m.population, "required tax rate", p.years, m.population_date),
        wrap(status_legend(status)),
        wrap("Required tax rate, kr per 100 kr: the lowest own rate in whole öre that meets each target in each year "
             "(the exact rate rounded up, so the rate shown meets it), all else as projected; the change in öre is the "
             "exact one") + f"\n{frame_text(_rate_rows(solved), columns)}",
        wrap(f"Sustained change from 1 January {solved.from_year}: one change of the rate, kept in every year "
             f"{solved.from_year}-{s.horizon}, that meets the target in each of them (kr per 100 kr in whole öre, "
             f"rounded up; öre exact)") + "\n" + _sustained_text(solved) + "\n"
        + wrap(f"Income used for the cost: {solved.income:,.0f} kr a year, {solved.income_basis}. A negative change "
               f"is room to lower the rate with the target still met.")
        + (("\n" + wrap(decided_rate_text(m, solved.from_year))) if decided_rate_text(m, solved.from_year) else ""),
        f"Shortfall against each target (negative = margin), MSEK and its öre equivalent at the current revenue\n"
        f"{frame_text(_gap_rows(solved), columns)}",
        balance_text(solved.tables["balance_requirement"], columns, notes=balance_notes(p)),
        user_set_text(m, s.horizon, s.user_set, s.budget),
        *([wrap(vintage_text(m))] if vintage_text(m) else []),
        *([what_moves_text(solved.what, solved.language)] if solved.what is not None else []),
    ]) + "\n"


def _rate_rows(solved: _Solved) -> list[tuple[Any, list[str]]]:
    """The current rate, then per target the required rate (kr per 100 kr) and the change (öre, signed)."""
    required, change_ore = solved.tables["required_tax_rate"], solved.tables["required_change_ore"]
    rows: list[tuple[Any, list[str]]] = [
        ("Tax rate in the projection", [fmt(v, "kr per 100 kr") for v in required.rows["current"]])]
    for k, t in zip(solved.keys, solved.targets, strict=True):
        rows.append((t.describe(), [fmt(core.round_up_to_ore(v), "kr per 100 kr") for v in required.rows[k]]))
        rows.append(("  change, öre (+ raise, − room to lower)", [fmt(v, "öre", signed=True)
                                                                  for v in change_ore.rows[k]]))
    return rows


def _gap_rows(solved: _Solved) -> list[tuple[Any, list[str]]]:
    """Per target the shortfall in MSEK and in öre (signed; negative = margin)."""
    gap_msek, gap_ore = solved.tables["target_gap"], solved.tables["target_gap_ore"]
    rows: list[tuple[Any, list[str]]] = []
    for k, t in zip(solved.keys, solved.targets, strict=True):
        rows.append(((t.describe(), "MSEK"), [fmt(v, "MSEK", signed=True) for v in gap_msek.rows[k]]))
        rows.append(((t.describe(), "öre"), [fmt(v, "öre", signed=True) for v in gap_ore.rows[k]]))
    return rows


def _sustained_text(solved: _Solved) -> str:
    """One line per target: the sustained change in kr per 100 kr and öre, and its cost at the income used."""
    change, ore = solved.tables["sustained_change"].rows, solved.tables["sustained_change_ore"].rows
    household = solved.tables["household_cost"].rows
    label_width = max(len(t.describe()) for t in solved.targets)
    lines = [f"{'target':<{label_width}}  {'kr per 100 kr':>13}  {'öre':>7}  {'at that income, kr a year':>26}"]
    for k, t in zip(solved.keys, solved.targets, strict=True):
        settable = core.round_up_to_ore(change[k])  # in whole öre, rounded up: it meets the target
        lines.append(f"{t.describe():<{label_width}}  {fmt(settable, 'kr per 100 kr', True):>13}  "
                     f"{fmt(ore[k], 'öre', True):>7}  {fmt(household[k], 'kr per year', True):>26}")
    return "\n".join(lines)
