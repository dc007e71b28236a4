"""Numbers formatted for a reader's language with babel: the council report's (:mod:`kommunbudget.report.council`)
and the teaching panel's (:mod:`kommunbudget.report.teaching`).

Kept apart from :mod:`kommunbudget.report.formats` (the text output's formats, imported by every command) because
importing babel's number formatting takes some 50 ms, which only these two pages need.
"""
from __future__ import annotations

import math
from typing import Any

from babel.numbers import format_decimal

__all__ = ["LOCALES", "number"]

#: babel locale of each language (``sv_SE``: a no-break space between thousands, a decimal comma; ``en_GB``).
LOCALES: dict[str, str] = {"sv": "sv_SE", "en": "en_GB"}


def number(value: Any, decimals: int = 1, language: str = "sv", signed: bool = False) -> str:
    """One number as a page shows it: babel's ``format_decimal`` with ``decimals`` decimals and grouped
    thousands in the language's locale (``sv``: ``sv_SE``, ``1 656,2`` with a no-break space U+00A0 and a decimal
    comma; ``en``: ``en_GB``, ``1,656.2``); ``signed`` puts ``+`` before a positive number. A value that rounds to
    zero is shown as 0, unsigned (never ``-0,0``); None or a non-finite value as ``–``.

    Parameters
    ----------
    value : float, int or None
        The number, in whatever unit the caller shows (MSEK, öre, kr, percent).
    decimals : int
        Decimals shown (0 or more).
    language : {"sv", "en"}
        The locale (:data:`LOCALES`).
    signed : bool
        ``+`` before a positive number.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    if language not in LOCALES:
        raise ValueError(f"language = {language!r}; expected 'sv' or 'en'")
    if value is None or not math.isfinite(float(value)):
        return "–"
    value = float(value)
    if round(value, decimals) == 0:
        value = 0.0
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    if signed and value != 0.0:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=LOCALES[language])
