"""Languages of what users see: the report layer's one place for Swedish and English words, numbers, units and
dates (issue 12: "Swedish throughout").

- :func:`number` formats a number with babel in the language's locale (``sv``: ``sv_SE``, ``1 656,2`` with a
  no-break space between thousands, a decimal comma and the minus sign U+2212, ``−18,6``; ``en``: ``en_GB``,
  ``1,656.2``, ``-18.6``).
- :func:`unit_word` gives a unit as Swedish budgets write it (``MSEK`` -> ``mnkr``, ``kr per inhabitant`` ->
  ``kr/inv``).
- :func:`date_text` writes a date in words (``31 december 2024`` / ``31 December 2024``).
- :func:`gettext` translates a fixed message: the English text is the message id, the Swedish text comes from the
  gettext catalogue, the PO files in ``report/locale/sv/LC_MESSAGES/`` (read with babel's PO reader, so a translator
  edits standard files, e.g. in Poedit); ``{name}`` fields are filled after translation.

Identifiers and JSON keys are never translated: only what is shown.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
from collections.abc import Mapping
from importlib import resources
from typing import Any

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_minus_sign_symbol

__all__ = ["LANGUAGES", "LOCALES", "MISSING", "UNIT_WORDS", "catalogue", "check_language", "date_text", "gettext",
           "number", "percent", "unit_word", "yes_no"]

#: The languages of the output: Swedish and English.
LANGUAGES = ("sv", "en")

#: babel locale of each language.
LOCALES: Mapping[str, str] = {"sv": "sv_SE", "en": "en_GB"}

#: How a missing or non-finite number is shown (an en dash).
MISSING = "–"

#: Unit (as the package names it) -> (Swedish, English) words as a budget writes them.
UNIT_WORDS: Mapping[str, tuple[str, str]] = {
    "MSEK": ("mnkr", "MSEK"),
    "TSEK": ("tkr", "TSEK"),
    "fraction": ("procent", "percent"),
    "fraction per year": ("procent per år", "percent a year"),
    "kr per 100 kr": ("kr per 100 kr", "kr per 100 kr"),
    "öre": ("öre", "öre"),
    "boolean": ("ja/nej", "yes/no"),
    "kr per year": ("kr per år", "kr a year"),
    "kr": ("kr", "kr"),
    "kr per inhabitant": ("kr/inv", "kr per inhabitant"),
    "inhabitants": ("invånare", "inhabitants"),
    "households": ("hushåll", "households"),
    "year": ("år", "year"),
    "calendar year": ("år", "year"),
    "kr per m2": ("kr/m²", "kr per m²"),
    "m2": ("m²", "m²"),
}


def check_language(language: str, field: str = "language") -> str:
    """``language`` if it is ``"sv"`` or ``"en"``.

    Raises
    ------
    ValueError
        Naming ``field``, the value and the expected values.
    """
    if language not in LANGUAGES:
        raise ValueError(f"{field} = {language!r}; expected 'sv' (Swedish) or 'en' (English)")
    return language


def number(value: Any, decimals: int = 1, language: str = "sv", signed: bool = False) -> str:
    """One number as users see it: babel's ``format_decimal`` with ``decimals`` decimals and grouped thousands.

    Parameters
    ----------
    value : float, int or None
        The number, in whatever unit the caller shows (the unit is not printed).
    decimals : int
        Decimals shown (0 or more).
    language : str
        ``"sv"`` (``sv_SE``: ``1 656,2`` with U+00A0 between thousands, a decimal comma and ``−`` U+2212 for a
        negative number) or ``"en"`` (``en_GB``: ``1,656.2``, ``-18.6``).
    signed : bool
        Put ``+`` before a positive number.

    Returns
    -------
    str
        A value that rounds to zero is shown as 0, unsigned (never ``-0,0``); None or a non-finite value as
        :data:`MISSING`.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    locale = LOCALES[check_language(language)]
    if value is None or not math.isfinite(float(value)):
        return MISSING
    value = float(value)
    if round(value, decimals) == 0:
        value = 0.0
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    if signed and value != 0.0:
        pattern = f"+{pattern};-{pattern}"
    text = format_decimal(value, format=pattern, locale=locale)
    # babel writes the pattern's ASCII hyphen; the locale's own minus sign (U+2212 in sv_SE) is what CLDR prescribes
    return get_minus_sign_symbol(locale) + text[1:] if text.startswith("-") else text


def percent(fraction: Any, decimals: int = 1, language: str = "sv", signed: bool = False) -> str:
    """A fraction in percent with its sign: ``percent(0.0234, 1, "sv") == "2,3 %"`` (a no-break space before
    ``%``, as Swedish typography writes it), ``"2.3 %"`` in English (an ordinary space). None or a non-finite value
    is :data:`MISSING`.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    if fraction is None or not math.isfinite(float(fraction)):
        check_language(language)
        return MISSING
    return number(float(fraction) * 100.0, decimals, language, signed) + ("\u00a0%" if language == "sv" else " %")


def unit_word(unit: str, language: str = "sv") -> str:
    """A unit in the language's words (:data:`UNIT_WORDS`: ``MSEK`` -> ``mnkr`` in Swedish); a unit not listed is
    returned as it is.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    index = LANGUAGES.index(check_language(language))
    words = UNIT_WORDS.get(unit)
    return unit if words is None else words[index]


def yes_no(value: Any, language: str = "sv") -> str:
    """``ja``/``nej`` or ``yes``/``no`` for a truth value (a number counts as true above 0.5, as the core's 1/0).

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    truth = value > 0.5 if isinstance(value, (int, float)) and not isinstance(value, bool) else bool(value)
    return gettext("yes", check_language(language)) if truth else gettext("no", language)


def date_text(date: _dt.date, language: str = "sv") -> str:
    """A date in words, by babel: ``31 december 2024`` in Swedish, ``31 December 2024`` in English.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    return format_date(date, format="d MMMM y", locale=LOCALES[check_language(language)])


@functools.cache
def catalogue(language: str = "sv") -> Mapping[str, str]:
    """The translations of one language: English message id -> translated text, from every PO file in
    ``report/locale/<language>/LC_MESSAGES/`` (one per area, e.g. ``kommunbudget.po`` for labels and messages;
    entries without a translation or marked fuzzy are left out). English has no catalogue (an empty mapping).

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``, or when two files translate one message differently (naming both
        files and the message).
    """
    if check_language(language) == "en":
        return {}
    folder = resources.files("kommunbudget.report") / "locale" / language / "LC_MESSAGES"
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in sorted((p for p in folder.iterdir() if p.name.endswith(".po")), key=lambda p: p.name):
        with path.open("rb") as handle:
            po = read_po(handle, locale=LOCALES[language].split("_")[0])
        for m in po:
            if not (m.id and m.string) or m.fuzzy:
                continue
            key, text = str(m.id), str(m.string)
            if key in merged and merged[key] != text:
                raise ValueError(f"translation catalogue: {origin[key]} and {path.name} translate {key!r} differently "
                                 f"({merged[key]!r} vs {text!r})")
            merged[key] = text
            origin[key] = path.name
    return merged


def gettext(message: str, language: str = "sv", **fields: Any) -> str:
    """A fixed message in the language, its ``{name}`` fields filled.

    Parameters
    ----------
    message : str
        The English text, which is also the message id in the catalogue (:func:`catalogue`).
    language : str
        ``"sv"`` or ``"en"``.
    **fields
        Values for the ``{name}`` fields (already formatted by the caller, e.g. with :func:`number`).

    Returns
    -------
    str
        The Swedish text from the catalogue (the English text when the catalogue lacks it: a test requires every
        message the package uses to be translated) or the English text, with the fields filled.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    text = catalogue(language).get(message, message) if check_language(language) == "sv" else message
    return text.format(**fields) if fields else text

