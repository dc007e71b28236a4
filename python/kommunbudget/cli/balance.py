"""The balanced-budget requirement over the years in ``project`` and ``solve``: a table of the core's rows
(``docs/model.md`` §16) and a short text block (deficit to restore, restored per year, due year, breaches, the
result reserve). The equations are the core's; this module only picks and formats rows.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from kommunbudget.model.lines import BALANCE_LINES
from kommunbudget.model.projection import Projection
from kommunbudget.report.documents import Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.text import frame_text, wrap

__all__ = ["RESERVE_CAP_SHARE", "TEXT_ROWS", "balance_notes", "balance_table", "balance_text"]

#: The result reserve's cap from 2024 as a fraction of tax revenue and general grants (KL 11 kap. 14 §, prop.
#: 2022/23:119; the core's kReserveCap, balance_requirement.hpp), and its first year.
RESERVE_CAP_SHARE = 0.05
_RESERVE_CAP_FIRST_YEAR = 2024
#: Years after the year of origin within which a deficit must be restored (KL 11 kap. 12 §).
_RESTORATION_YEARS = 3

#: The rows of the text block, in order (every row of :data:`~kommunbudget.model.lines.BALANCE_LINES` is in the
#: JSON table).
TEXT_ROWS = ("balanced_budget_result", "new_deficit", "restoration_required", "deficit_restored", "deficit_breach",
             "deficit_to_restore", "oldest_deficit_due_year", "reserve_withdrawal", "reserve_reservation",
             "reserve_balance", "reserve_overdrawn")

_LANGUAGE_INDEX = {"id": 0, "sv": 1, "en": 2}


def balance_table(p: Projection) -> Table:
    """The table ``balance_requirement``: each row of ``BALANCE_LINES`` by year (MSEK; the due year a calendar
    year, None when no deficit is left)."""
    rows = {ident: [v if math.isfinite(v) else None for v in floats(p.line(ident))] for ident, *_ in BALANCE_LINES}
    return Table("balance_requirement", rows, {ident: unit for ident, _sv, _en, unit in BALANCE_LINES})


def balance_notes(p: Projection) -> list[str]:
    """What the block's rows alone would leave silent, one sentence each (shown under the block and in JSON
    ``notes``; ``docs/model.md`` §16):

    - a given withdrawal from the result reserve above the balance available at the start of its year (the core's
      ``reserve_overdrawn`` > 0): the year, the withdrawal and the balance, and whether the opening balance is a
      default (not given). The balanced-budget result keeps the full withdrawal (the council's budget);
    - a deficit from before the base year whose due year (origin + 3, KL 11 kap. 12 §) is before the base year:
      overdue, a breach already at the start, counted in the base year's "Not restored in time";
    - an opening reserve above the cap of 5 % of the base year's tax revenue and general grants (from 2024, KL 11
      kap. 14 §): not refused (the cap limits reservations; a balance carried over from RUR may be larger), but
      flagged, since no reservation is possible until the balance is below the cap.

    Returns a list of str (empty when there is nothing to say)."""
    years = list(p.years)
    base = years[0]
    fields = p.municipality.base_fields.get("balance_requirement", {})
    sources = p.base_year_sources().set_index("field")
    reserve_kind = (sources.loc["balance_requirement.opening_reserve_msek", "kind"]
                    if "balance_requirement.opening_reserve_msek" in sources.index else "default")
    opening = float(fields.get("opening_reserve_msek", 0.0)) + 0.0
    notes: list[str] = []
    withdrawal, overdrawn = p.line("reserve_withdrawal"), p.line("reserve_overdrawn")
    for k, year in enumerate(years):
        if overdrawn[k] <= 0.0:
            continue
        available = withdrawal[k] - overdrawn[k]
        if reserve_kind == "default":
            given = (f"opening balance not given: a default of {opening:.1f} MSEK at the start of {base}); give "
                     f"'Resultatreserv vid årets början'")
        else:
            given = f"opening balance {opening:.1f} MSEK at the start of {base}, {reserve_kind})"
        notes.append(f"Result reserve overdrawn: the budget withdraws {withdrawal[k]:.1f} MSEK in {year} from a result "
                     f"reserve of {available:.1f} MSEK ({given}; {overdrawn[k]:.1f} MSEK more than the reserve holds. "
                     f"The balanced-budget result keeps the budget's withdrawal (the council's budget); the reserve is "
                     f"shown at 0.0, not below.")
    for deficit in fields.get("opening_deficits", []):
        origin, amount = int(deficit["year"]), float(deficit["amount_msek"])
        if origin + _RESTORATION_YEARS < base:
            notes.append(f"Overdue deficit: the deficit of {origin} ({amount:.1f} MSEK not restored) was due in "
                         f"{origin + _RESTORATION_YEARS}, before {base}: a breach of the balanced-budget requirement "
                         f"already at the start; {base}'s 'Not restored in time' counts what {base} leaves of it "
                         f"(KL 11 kap. 12 §).")
    revenue = float(p.line("tax_revenue")[0] + p.line("general_grants")[0])
    cap = RESERVE_CAP_SHARE * revenue
    if base >= _RESERVE_CAP_FIRST_YEAR and opening > cap:
        notes.append(f"Result reserve above its cap: the opening balance {opening:.1f} MSEK is above 5 % of {base}'s "
                     f"tax revenue and general grants ({cap:.1f} MSEK of {revenue:.1f}; KL 11 kap. 14 §, from 2024). "
                     f"Not refused (the cap limits reservations; a balance carried over from the RUR may be larger), "
                     f"but nothing can be reserved until the balance is below the cap; check the figure against the "
                     f"annual report.")
    return notes


def balance_text(table: Table, columns: pd.Index, language: str = "en", notes: Sequence[str] = ()) -> str:
    """The text block: the heading with the rule, then :data:`TEXT_ROWS` (MSEK; the due year as a year, "–" when
    no deficit is left), then ``notes`` (:func:`balance_notes`), one paragraph each."""
    labels = {spec[0]: spec[_LANGUAGE_INDEX.get(language, 2)] for spec in BALANCE_LINES}
    rows: list[tuple[Any, list[str]]] = [
        (labels[ident], [fmt(v, table.units[ident]) for v in table.rows[ident]]) for ident in TEXT_ROWS]
    return (wrap("Balanced-budget requirement over the years, MSEK: a negative balanced-budget result must be restored "
                 "within the three following years (KL 11 kap. 12 §), the oldest deficit first; the result reserve "
                 "(KL 11 kap. 14 §) as given, opening balance and deficits from before the base year as the base-year "
                 "sources say (docs/model.md §16)")
            + "\n" + frame_text(rows, columns)
            + "".join("\n" + wrap(note) for note in notes))
