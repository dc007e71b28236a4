"""The balanced-budget requirement over the years in ``project`` and ``solve``: a table of the core's rows
(``docs/model.md`` §16) and a short text block (deficit to restore, restored per year, due year, breaches, the
result reserve). The equations are the core's; this module only picks and formats rows.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from kommunbudget.model.lines import BALANCE_LINES
from kommunbudget.model.projection import Projection
from kommunbudget.report.documents import Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.text import frame_text, wrap

__all__ = ["TEXT_ROWS", "balance_table", "balance_text"]

#: The rows of the text block, in order (every row of :data:`~kommunbudget.model.lines.BALANCE_LINES` is in the
#: JSON table).
TEXT_ROWS = ("balanced_budget_result", "new_deficit", "restoration_required", "deficit_restored", "deficit_breach",
             "deficit_to_restore", "oldest_deficit_due_year", "reserve_withdrawal", "reserve_reservation",
             "reserve_balance")

_LANGUAGE_INDEX = {"id": 0, "sv": 1, "en": 2}


def balance_table(p: Projection) -> Table:
    """The table ``balance_requirement``: each row of ``BALANCE_LINES`` by year (MSEK; the due year a calendar
    year, None when no deficit is left)."""
    rows = {ident: [v if math.isfinite(v) else None for v in floats(p.line(ident))] for ident, *_ in BALANCE_LINES}
    return Table("balance_requirement", rows, {ident: unit for ident, _sv, _en, unit in BALANCE_LINES})


def balance_text(table: Table, columns: pd.Index, language: str = "en") -> str:
    """The text block: the heading with the rule, then :data:`TEXT_ROWS` (MSEK; the due year as a year, "–" when
    no deficit is left)."""
    labels = {spec[0]: spec[_LANGUAGE_INDEX.get(language, 2)] for spec in BALANCE_LINES}
    rows: list[tuple[Any, list[str]]] = [
        (labels[ident], [fmt(v, table.units[ident]) for v in table.rows[ident]]) for ident in TEXT_ROWS]
    return (wrap("Balanced-budget requirement over the years, MSEK: a negative balanced-budget result must be restored "
                 "within the three following years (KL 11 kap. 12 §), the oldest deficit first; the result reserve "
                 "(KL 11 kap. 14 §) as given, opening balance and deficits from before the base year as the base-year "
                 "sources say (docs/model.md §16)")
            + "\n" + frame_text(rows, columns))
