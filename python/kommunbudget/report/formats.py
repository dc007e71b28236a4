"""Number formats of the text output: one place decides how many decimals each unit gets, how a missing value
looks and how years are abbreviated (``docs/model.md`` §1 has the units). Every number goes through babel
(:func:`kommunbudget.report.i18n.number`), so English prints ``1,656.2`` and Swedish ``1 656,2`` everywhere.

Light on purpose: no pandas, no numpy; values may be Python or numpy scalars.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from kommunbudget.report.i18n import MISSING, gettext, number, percent, unit_word, yes_no

__all__ = ["MISSING", "fmt", "revenue_cell", "values_text", "years_text"]

def fmt(value: Any, unit: str, signed: bool = False, language: str = "en") -> str:
    """One number of a text table, formatted by its unit.

    Parameters
    ----------
    value : float, int, bool or None
        The number in ``unit``; None or a non-finite float is shown as :data:`MISSING`.
    unit : str
        ``"fraction"`` or ``"fraction per year"`` (shown in percent, 1 decimal; below 0.05 % in size shown as
        0.0 %), ``"kr per 100 kr"`` (2 decimals), ``"kr per year"`` or ``"kr"`` (whole kronor with thousands
        separators), ``"boolean"`` (yes/no, ja/nej); anything else (MSEK, öre, ...) 1 decimal, thousands grouped,
        never ``-0.0``.
    signed : bool
        Show ``+`` before a positive number.
    language : str
        ``"en"`` (``1,656.2``) or ``"sv"`` (``1 656,2``, minus ``−``).

    Returns
    -------
    str
        E.g. ``fmt(0.0234, "fraction") == "2.3 %"`` (a no-break space before ``%``), ``fmt(-26.1, "MSEK") ==
        "-26.1"``, ``fmt(-26.1, "MSEK", language="sv") == "−26,1"``, ``fmt(0.25, "kr per 100 kr", signed=True) ==
        "+0.25"``.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    value = float(value) + 0.0
    if unit in ("fraction", "fraction per year"):
        return percent(value, 1, language, signed)
    if unit == "kr per 100 kr":
        return number(value, 2, language, signed)
    if unit in ("kr per year", "kr"):
        return number(value, 0, language, signed)
    if unit == "boolean":
        return yes_no(value, language)
    if unit == "calendar year":
        return f"{value:.0f}"
    return number(value, 1, language, signed)


def revenue_cell(value: float, unit: str, language: str = "en") -> str:
    """One cell of the revenue bridge's text table.

    Parameters
    ----------
    value : float
        The figure in ``unit``.
    unit : str
        ``"fraction"`` (a per-krona row: shown in öre per krona, 1 decimal: 0.022 -> ``"2.2"``),
        ``"kr per inhabitant"`` or ``"inhabitants"`` (whole numbers with thousands separators), else as
        :func:`fmt` (MSEK 1 decimal, kr per 100 kr 2 decimals).
    language : str
        ``"en"`` or ``"sv"``.

    Returns
    -------
    str
    """
    if unit == "fraction":
        return number(float(value) * 100.0, 1, language)
    if unit in ("kr per inhabitant", "inhabitants"):
        return number(value, 0, language)
    return fmt(value, unit, language=language)


def values_text(values: Sequence[float], unit: str, language: str = "en") -> str:
    """An assumption's values over its years, in words: one value once when all are equal.

    Parameters
    ----------
    values : sequence of float
        The values per year, in ``unit``.
    unit : str
        ``"fraction"`` / ``"fraction per year"`` (percent, 2 decimals), ``"kr per 100 kr"`` (2 decimals), else
        1 decimal (MSEK). ``"fraction per year"`` adds " a year", ``"MSEK"`` and ``"kr per 100 kr"`` their unit
        (``mnkr`` in Swedish).
    language : str
        ``"en"`` or ``"sv"``.

    Returns
    -------
    str
        E.g. ``"4.00 % a year"``, ``"20.92 kr per 100 kr in each year"``, ``"3.50 %, 3.20 % a year"``; in Swedish
        ``"4,00 % per år"``.
    """
    if unit.startswith("fraction"):
        texts = [percent(v, 2, language) for v in values]
    elif unit == "kr per 100 kr":
        texts = [number(v, 2, language) for v in values]
    else:
        texts = [number(v, 1, language) for v in values]
    suffix = {"fraction per year": " " + gettext("a year", language), "MSEK": " " + unit_word("MSEK", language),
              "kr per 100 kr": " kr per 100 kr"}.get(unit, "")
    if len(set(texts)) == 1:
        each = " " + gettext("in each year", language) if len(texts) > 1 and unit != "fraction per year" else ""
        return texts[0] + suffix + each
    return ("; " if language == "sv" else ", ").join(texts) + suffix  # "1,5; 2,0": a comma is the decimal sign


def years_text(years: Sequence[int]) -> str:
    """Years as runs: ``[2025, 2026, 2027, 2030]`` -> ``"2025–2027, 2030"`` (an en dash; sorted; ``""`` for
    none)."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
