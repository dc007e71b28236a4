"""``kommunbudget project``: the income statement per year, the revenue bridge, whether the balanced-budget
requirement and each target are met, and every assumption with its source (``docs/model.md`` §9-11).
"""
from __future__ import annotations

import argparse
import functools
from typing import Any

from kommunbudget.cli.balance import balance_notes, balance_table, balance_text
from kommunbudget.cli.common import (
    Setup,
    assumption_records,
    base_source_records,
    header,
    met,
    met_label,
    setup,
    targets,
    targets_json,
    tax_needed_records,
    tax_needed_text,
    vintage_line,
)
from kommunbudget.model import core
from kommunbudget.model.lines import CAPITAL_LINES, STATEMENT_LINES
from kommunbudget.model.targets import target_key
from kommunbudget.report.documents import Document, Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import gettext, unit_word
from kommunbudget.report.revenue_text import bridge_rows
from kommunbudget.report.text import (
    assumptions_text,
    base_sources_text,
    frame_text,
    notes_text,
    status_legend,
    table_block,
    title,
    wrap,
    year_columns,
)

__all__ = ["run"]

#: Statement line -> its labels by language ("id", "sv", "en").
_LABELS = {spec[0]: {"id": spec[0], "sv": spec[1], "en": spec[2]} for spec in STATEMENT_LINES}
#: Statement line -> unit.
_UNITS = {spec[0]: spec[3] for spec in STATEMENT_LINES}

#: Capital row -> its labels by language, and its unit (docs/model.md §15).
_CAPITAL_LABELS = {spec[0]: {"id": spec[0], "sv": spec[1], "en": spec[2]} for spec in CAPITAL_LINES}
_CAPITAL_UNITS = {spec[0]: spec[3] for spec in CAPITAL_LINES}
#: The capital rows of the text report (the depreciation line itself is the statement's, shown positive here).
_CAPITAL_TEXT = ("investments", "new_investment_depreciation", "self_financing", "self_financing_ratio",
                 "borrowing_need", "debt_at_year_end", "cash_at_year_end", "new_borrowing_interest",
                 "pension_interest")

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


def run(args: argparse.Namespace) -> Document:
    """Projects ``args.municipality`` to ``args.horizon`` once and returns the document (text only for
    ``--format table``: the answer first; the revenue bridge, investments, the balanced-budget requirement over the
    years, assumptions, sources and notes with ``--details``).

    Raises
    ------
    ValueError
        For invalid input: the municipality, years, ``--set`` assumptions, targets or vintage.
    """
    s = setup(args)
    shown = _shown_targets(args.target)
    doc = _document(s, shown, args.language)
    if args.format == "table":
        doc.text = _text(s, doc, shown, args.language, bool(getattr(args, "details", False)))
    return doc


def _shown_targets(texts: list[str]) -> list[core.Target]:
    """The balanced-budget requirement first, then the other targets asked for."""
    balanskrav = core.Target(kind=core.TargetKind.BALANCED_BUDGET_RESULT)
    return [balanskrav] + [t for t in targets(texts) if target_key(t) != target_key(balanskrav)]


def _document(s: Setup, shown: list[core.Target], language: str) -> Document:
    """The tables (statement, targets_met, revenue) and the further keys of the JSON."""
    p, m = s.projection, s.municipality
    statement = Table("statement", {ident: floats(p.line(ident)) for ident in _LABELS}, dict(_UNITS))
    met_table = Table("targets_met", {target_key(t): met(p, t) for t in shown},
                      {target_key(t): "boolean" for t in shown})
    bridge = p.revenue(language="id")
    revenue_labels = dict(zip(bridge.index, p.revenue(language=language).index, strict=True))
    revenue = Table("revenue", {ident: floats(bridge.loc[ident]) for ident in bridge.index},
                    dict(bridge.attrs["units"]))
    capital = Table("capital", {ident: floats(p.line(ident)) for ident in _CAPITAL_LABELS}, dict(_CAPITAL_UNITS))
    return Document("project", header(m, s.horizon, p), [statement, met_table, revenue, capital,
                                                       balance_table(p)], {
        "targets": targets_json(shown),
        "tax_needed": tax_needed_records(p, shown, s.horizon),
        "labels": {"statement": {ident: _LABELS[ident][language] for ident in _LABELS},
                   "revenue": revenue_labels,
                   "capital": {ident: _CAPITAL_LABELS[ident][language] for ident in _CAPITAL_LABELS}},
        "assumptions": assumption_records(p),
        "base_year_sources": base_source_records(p),
        "notes": list(m.notes) + balance_notes(p),
    })


def _text(s: Setup, doc: Document, shown: list[core.Target], language: str, details: bool) -> str:
    """The text report, drawn from the document's tables and records: the answer first (the statement, the
    requirement and the targets, the tax needed); the rest with ``details``."""
    p, m = s.projection, s.municipality
    statement, met_table, revenue, capital, balance = doc.tables
    years, status = p.years, p.year_status()
    columns = year_columns(years, status, language)
    _ = functools.partial(gettext, language=language)
    parts = [
        title(m.label, m.county, m.population, _("income statement"), years, m.population_date, language),
        *([wrap(vintage_line(m, language))] if vintage_line(m, language) else []),
        wrap(status_legend(status, language)),
        table_block(_("Income statement (resultaträkning), {unit} nominal, costs negative",
                      unit=unit_word("MSEK", language)), frame_text(_statement_rows(statement, language), columns)),
        table_block(_("Balanced-budget requirement and targets"),
                    frame_text(_target_rows(statement, met_table, shown, language), columns)),
        tax_needed_text(doc.extra["tax_needed"], shown, years[-1], language),
    ]
    if not details:
        parts.append(wrap(_("More with --details: the revenue bridge, investments and borrowing, the balanced-budget "
                            "requirement over the years, every assumption with its source, the base year's figures "
                            "and the notes ({n} notes).", n=len(doc.extra["notes"]))))
        return "\n\n".join(parts) + "\n"
    revenue_kind = (_("an uncalibrated estimate (approximate baseline)") if m.approximate
                    else _("calibrated in the base year"))
    revenue_rows = bridge_rows(revenue.rows, revenue.units, doc.extra["labels"]["revenue"], language)
    parts += [
        table_block(_("Revenue bridge, {unit}: tax revenue and general grants item by item; income equalisation by "
                      "the formula, {kind}", unit=unit_word("MSEK", language), kind=revenue_kind),
                    frame_text(revenue_rows, columns)),
        _capital_text(m, statement, capital, language, columns),
        balance_text(balance, columns, language, balance_notes(p, language)),
        assumptions_text(doc.extra["assumptions"], m.base_year + 1, p.horizon, language),
        base_sources_text(doc.extra["base_year_sources"], m.base_year, language),
        notes_text(m.notes, language=language),
    ]
    return "\n\n".join(parts) + "\n"


def _statement_rows(statement: Table, language: str) -> list[tuple[Any, list[str]]]:
    """The statement's text rows in blocks (the measure rows, always 0 here, left out)."""
    rows: list[tuple[Any, list[str]]] = []
    for block in _STATEMENT_BLOCKS:
        if rows:
            rows.append(("", [""] * len(statement.rows["result"])))
        for ident in block:
            rows.append((_LABELS[ident][language], [fmt(v, _UNITS[ident], language=language)
                                                    for v in statement.rows[ident]]))
    return rows


def _capital_text(m, statement: Table, capital: Table, language: str, columns) -> str:
    """The block on investments, depreciation, self-financing, borrowing and pension interest (docs/model.md
    §15), with what the budget does not give said in its heading."""
    rows: list[tuple[Any, list[str]]] = [
        (_LABELS["depreciation"][language], [fmt(-v, "MSEK", language=language)
                                             for v in statement.rows["depreciation"]])]
    invested = capital.rows["investments"]
    rows += [(_CAPITAL_LABELS[ident][language],
              [fmt(None if ident == "self_financing_ratio" and not i else v, _CAPITAL_UNITS[ident], language=language)
               for v, i in zip(capital.rows[ident], invested, strict=True)])
             for ident in _CAPITAL_TEXT]
    capital_fields = m.base_fields.get("capital", {})
    missing = []
    if not any(capital.rows["investments"]):
        missing.append(gettext("no investment plan in the budget (investments 0, ratio undefined)", language))
    if capital_fields.get("opening_debt_msek", -1.0) < 0:
        missing.append(gettext("no debt figure: debt = new borrowing only", language))
    if "capital.opening_cash_msek" in m.base_sources and m.base_sources["capital.opening_cash_msek"].kind == "default":
        missing.append(gettext("no cash figure: cash starts at 0", language))
    if not any(capital.rows["pension_interest"]):
        missing.append(gettext("pensions not split out", language))
    text = table_block(gettext("Investments, self-financing and borrowing, {unit} (positive amounts; docs/model.md "
                               "§15)", language, unit=unit_word("MSEK", language)), frame_text(rows, columns))
    return text + ("\n" + wrap(gettext("Note: {what}.", language, what="; ".join(missing))) if missing else "")


def _target_rows(statement: Table, met_table: Table, shown: list[core.Target], language: str
                 ) -> list[tuple[Any, list[str]]]:
    rows: list[tuple[Any, list[str]]] = [
        (_LABELS["balanced_budget_result"][language] + ", " + unit_word("MSEK", language),
         [fmt(v, "MSEK", language=language) for v in statement.rows["balanced_budget_result"]]),
        (_LABELS["result_share"][language], [fmt(v, "fraction", language=language)
                                             for v in statement.rows["result_share"]]),
    ]
    for t in shown:
        rows.append((met_label(t, language), [fmt(v, "boolean", language=language)
                                              for v in met_table.rows[target_key(t)]]))
    return rows
