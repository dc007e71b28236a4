"""Number formats of the text output: one place decides how many decimals each unit gets, how a missing value
looks and how years are abbreviated (``docs/model.md`` §1 has the units).

Light on purpose: no pandas, no numpy; values may be Python or numpy scalars.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["MISSING", "fmt", "revenue_cell", "values_text", "years_text"]

#: How a missing or non-finite value is shown.
MISSING = "–"


def fmt(value: Any, unit: str, signed: bool = False) -> str:
    """One number of a text table, formatted by its unit.

    Parameters
    ----------
    value : float, int, bool or None
        The number in ``unit``; None or a non-finite float is shown as :data:`MISSING`.
    unit : str
        ``"fraction"`` or ``"fraction per year"`` (shown in percent, 1 decimal; below 0.05 % in size shown as
        0.0 %), ``"kr per 100 kr"`` (2 decimals), ``"kr per year"`` or ``"kr"`` (whole kronor with thousands
        separators), ``"boolean"`` (yes/no); anything else (MSEK, öre, ...) 1 decimal, without ``-0.0``.
    signed : bool
        Show ``+`` before a positive number.

    Returns
    -------
    str
        E.g. ``fmt(0.0234, "fraction") == "2.3 %"``, ``fmt(-26.1, "MSEK") == "-26.1"``,
        ``fmt(0.25, "kr per 100 kr", signed=True) == "+0.25"``.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    value = float(value) + 0.0
    sign = "+" if signed else ""
    if unit in ("fraction", "fraction per year"):
        if abs(value) < 5e-4:
            value = 0.0
        return f"{value * 100:{sign}.1f} %"
    if unit == "kr per 100 kr":
        return f"{value:{sign}.2f}"
    if unit in ("kr per year", "kr"):
        return f"{value:{sign},.0f}"
    if unit == "boolean":
        return "yes" if value else "no"
    if unit == "calendar year":
        return f"{value:.0f}"
    if abs(value) < 0.05:  # no "-0.0"
        value = 0.0
    return f"{value:{sign}.1f}"


def revenue_cell(value: float, unit: str) -> str:
    """One cell of the revenue bridge's text table.

    Parameters
    ----------
    value : float
        The figure in ``unit``.
    unit : str
        ``"fraction"`` (a per-krona row: shown in öre per krona, 1 decimal: 0.022 -> ``"2.2"``),
        ``"kr per inhabitant"`` or ``"inhabitants"`` (whole numbers with thousands separators), else as
        :func:`fmt` (MSEK 1 decimal, kr per 100 kr 2 decimals).

    Returns
    -------
    str
    """
    if unit == "fraction":
        return f"{float(value) * 100.0 + 0.0:.1f}"
    if unit in ("kr per inhabitant", "inhabitants"):
        return f"{float(value) + 0.0:,.0f}"
    return fmt(value, unit)


def values_text(values: Sequence[float], unit: str) -> str:
    """An assumption's values over its years, in words: one value once when all are equal.

    Parameters
    ----------
    values : sequence of float
        The values per year, in ``unit``.
    unit : str
        ``"fraction"`` / ``"fraction per year"`` (percent, 2 decimals), ``"kr per 100 kr"`` (2 decimals), else
        1 decimal (MSEK). ``"fraction per year"`` adds " a year", ``"MSEK"`` and ``"kr per 100 kr"`` their unit.

    Returns
    -------
    str
        E.g. ``"4.00 % a year"``, ``"20.92 kr per 100 kr in each year"``, ``"3.50 %, 3.20 % a year"``.
    """
    if unit.startswith("fraction"):
        texts = [f"{v * 100:.2f} %" for v in values]
    elif unit == "kr per 100 kr":
        texts = [f"{v:.2f}" for v in values]
    else:
        texts = [f"{v + 0.0:.1f}" for v in values]
    suffix = {"fraction per year": " a year", "MSEK": " MSEK", "kr per 100 kr": " kr per 100 kr"}.get(unit, "")
    if len(set(texts)) == 1:
        each = " in each year" if len(texts) > 1 and unit != "fraction per year" else ""
        return texts[0] + suffix + each
    return ", ".join(texts) + suffix


def years_text(years: Sequence[int]) -> str:
    """Years as runs: ``[2025, 2026, 2027, 2030]`` -> ``"2025-2027, 2030"`` (sorted; ``""`` for none)."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
