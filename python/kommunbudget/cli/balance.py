"""The balanced-budget requirement over the years in ``project`` and ``solve``: a table of the core's rows
(``docs/model.md`` §16) and a short text block (deficit to restore, restored per year, due year, breaches, the
result reserve). The equations are the core's; this module only picks and formats rows.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from kommunbudget.model.lines import BALANCE_LINES
from kommunbudget.model.projection import Projection
from kommunbudget.report.documents import Table, floats
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import check_language, gettext, number, unit_word
from kommunbudget.report.text import frame_text, table_block, wrap

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


def balance_notes(p: Projection, language: str = "en") -> list[str]:
    """What the block's rows alone would leave silent, one sentence each (shown under the block and in JSON
    ``notes``; ``docs/model.md`` §16), in the language (amounts in MSEK, ``mnkr`` in Swedish):

    - a given withdrawal from the result reserve above the balance available at the start of its year (the core's
      ``reserve_overdrawn`` > 0): the year, the withdrawal and the balance, and whether the opening balance is a
      default (not given). The balanced-budget result keeps the full withdrawal (the council's budget);
    - a deficit from before the base year whose due year (origin + 3, KL 11 kap. 12 §) is before the base year:
      overdue, a breach already at the start, counted in the base year's "Not restored in time";
    - an opening reserve above the cap of 5 % of the base year's tax revenue and general grants (from 2024, KL 11
      kap. 14 §): not refused (the cap limits reservations; a balance carried over from RUR may be larger), but
      flagged, since no reservation is possible until the balance is below the cap.

    Returns a list of str (empty when there is nothing to say).

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    _ = functools.partial(gettext, language=language)
    unit = unit_word("MSEK", language)

    def msek(value: float) -> str:
        return number(value, 1, language)

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
            given = _("opening balance not given: a default of {opening} {unit} at the start of {base}); give "
                      "'Resultatreserv vid årets början'", opening=msek(opening), unit=unit, base=base)
        else:
            given = _("opening balance {opening} {unit} at the start of {base}, {kind})", opening=msek(opening),
                      unit=unit, base=base, kind=_(reserve_kind))
        notes.append(_("Result reserve overdrawn: the budget withdraws {withdrawal} {unit} in {year} from a result "
                       "reserve of {available} {unit} ({given}; {overdrawn} {unit} more than the reserve holds. The "
                       "balanced-budget result keeps the budget's withdrawal (the council's budget); the reserve is "
                       "shown at {zero}, not below.", withdrawal=msek(withdrawal[k]), unit=unit, year=year,
                       available=msek(available), given=given, overdrawn=msek(overdrawn[k]), zero=msek(0.0)))
    for deficit in fields.get("opening_deficits", []):
        origin, amount = int(deficit["year"]), float(deficit["amount_msek"])
        if origin + _RESTORATION_YEARS < base:
            notes.append(_("Overdue deficit: the deficit of {origin} ({amount} {unit} not restored) was due in "
                           "{due}, before {base}: a breach of the balanced-budget requirement already at the start; "
                           "{base}'s 'Not restored in time' counts what {base} leaves of it (KL 11 kap. 12 §).",
                           origin=origin, amount=msek(amount), unit=unit, due=origin + _RESTORATION_YEARS,
                           base=base))
    revenue = float(p.line("tax_revenue")[0] + p.line("general_grants")[0])
    cap = RESERVE_CAP_SHARE * revenue
    if base >= _RESERVE_CAP_FIRST_YEAR and opening > cap:
        notes.append(_("Result reserve above its cap: the opening balance {opening} {unit} is above 5 % of {base}'s "
                       "tax revenue and general grants ({cap} {unit} of {revenue}; KL 11 kap. 14 §, from 2024). Not "
                       "refused (the cap limits reservations; a balance carried over from the RUR may be larger), but "
                       "nothing can be reserved until the balance is below the cap; check the figure against the "
                       "annual report.", opening=msek(opening), unit=unit, base=base, cap=msek(cap),
                       revenue=msek(revenue)))
    return notes


def balance_text(table: Table, columns: pd.Index, language: str = "en", notes: Sequence[str] = ()) -> str:
    """The text block in the language: the heading, then :data:`TEXT_ROWS` (MSEK, ``mnkr`` in Swedish; the due year
    as a year, "–" when no deficit is left), then ``notes`` (:func:`balance_notes`), one paragraph each.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    labels = {spec[0]: spec[_LANGUAGE_INDEX[check_language(language)]] for spec in BALANCE_LINES}
    rows: list[tuple[Any, list[str]]] = [
        (labels[ident], [fmt(v, table.units[ident], language=language) for v in table.rows[ident]])
        for ident in TEXT_ROWS]
    heading = gettext("Balanced-budget requirement over the years, {unit}: a negative balanced-budget result must be "
                      "restored within the three following years (KL 11 kap. 12 §), the oldest deficit first; the "
                      "result reserve (KL 11 kap. 14 §) as given, opening balance and deficits from before the base "
                      "year as the base-year sources say (docs/model.md §16)", language,
                      unit=unit_word("MSEK", language))
    return table_block(heading, frame_text(rows, columns)) + "".join("\n" + wrap(note) for note in notes)
