"""Languages of what users see: the report layer's one place for Swedish and English words, numbers, units and
dates. Identifiers and JSON keys are never translated.

- :func:`number` formats a number with babel in the language's locale (``sv``: ``sv_SE``, ``1 656,2`` with a
  no-break space between thousands, a decimal comma and the minus sign U+2212, ``−18,6``; ``en``: ``en_GB``,
  ``1,656.2``, ``-18.6``).
- :func:`unit_word` gives a unit as Swedish budgets write it (``MSEK`` -> ``mnkr``, ``kr per inhabitant`` ->
  ``kr/inv``).
- :func:`date_text` writes a date in words (``31 december 2024`` / ``31 December 2024``).
- :func:`gettext` translates a fixed message: the English text is the message id, the Swedish text comes from the
  gettext catalogue, the PO files in ``report/locale/sv/LC_MESSAGES/`` (read with babel's PO reader, so a translator
  edits standard files, e.g. in Poedit); ``{name}`` fields are filled after translation.
- :func:`translate_text` translates a text the lower layers generate with f-strings (an assumption's source, a
  base-year figure's source, a baseline's note, a vintage's text): the text files of the catalogue
  (``sources*.po``) hold the English sentence with ``{name}`` fields as message id, matched against the whole text,
  and its Swedish form; numbers and dates inside are rewritten the Swedish way where the field's name says so
  (``{n_...}``, ``{d_...}``), names, titles, files, URLs and law references are kept. :func:`translation` gives
  None for a text the catalogue does not cover, so a test can require that every generated text is covered.

Identifiers and JSON keys are never translated: only what is shown.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_minus_sign_symbol

__all__ = ["FIELD_KINDS", "LANGUAGES", "LOCALES", "MISSING", "TEXT_FILE_PREFIX", "UNIT_WORDS", "catalogue",
           "check_language", "date_text", "gettext", "number", "percent", "swedish_date", "swedish_number",
           "translate_text", "translation", "unit_word", "untranslated", "yes_no"]

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
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for file, key, text in _po_entries(language):
        if key in merged and merged[key] != text:
            raise ValueError(f"translation catalogue: {origin[key]} and {file} translate {key!r} differently "
                             f"({merged[key]!r} vs {text!r})")
        merged[key] = text
        origin[key] = file
    return merged


@functools.cache
def _po_entries(language: str) -> tuple[tuple[str, str, str], ...]:
    """Every translated entry of the language's PO files, in file-name order: (file name, message id, text);
    entries without a translation or marked fuzzy are left out."""
    folder = resources.files("kommunbudget.report") / "locale" / language / "LC_MESSAGES"
    entries = []
    for path in sorted((p for p in folder.iterdir() if p.name.endswith(".po")), key=lambda p: p.name):
        with path.open("rb") as handle:
            po = read_po(handle, locale=LOCALES[language].split("_")[0])
        entries += [(path.name, str(m.id), str(m.string)) for m in po if m.id and m.string and not m.fuzzy]
    return tuple(entries)


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


# ----------------------------------------------------------------------------------------------------------------
# Generated texts: sources, notes and bases built by the lower layers with f-strings
# ----------------------------------------------------------------------------------------------------------------

#: PO files whose names start with this hold the generated texts (``sources.po``): each entry whose message id has
#: ``{name}`` fields is also a *pattern* that :func:`translation` matches against a whole text.
TEXT_FILE_PREFIX = "sources"

#: The kinds of a pattern's field, by the prefix of its name (see :func:`translation`).
FIELD_KINDS: Mapping[str, str] = {
    "n_": "a number written the English way (19,337; 0.341; -0.015; +36,003), rewritten the Swedish way",
    "d_": "an English date (31 Dec 2024, 1 November 2023), rewritten in Swedish words (31 december 2024)",
    "t_": "a text that must itself be covered by the catalogue; its translation is filled in",
    "l_": "a list joined by '; ' whose every part must be covered by the catalogue",
    "c_": "a list joined by ', ' whose every part must be covered by the catalogue",
    "f_": "a file name (no comma or semicolon), kept as it is",
    "w_": "one word (no space), kept as it is: a cell (C7), an identifier",
    "y_": "years (2028, 2028-2030, 2026, 2028-2029), kept as they are",
    "x_": "a text translated when the catalogue covers it, else kept as it is except its English decimal numbers "
          "(120.5, 1,656.2), rewritten the Swedish way; whole numbers (years) are kept",
    "": "any other name: kept as it is (a name, a title, a file, a URL, a law reference, a year), or translated "
        "when the catalogue happens to cover it",
}

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NUMBER = r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONTH_WORDS = ("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|"
                "September|October|November|December")
_DATE = rf"\d{{1,2}} (?:{_MONTH_WORDS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
#: Text with balanced parentheses (nested up to three deep): what a text field matches, so that a field never takes
#: half of a parenthesis ("(noter) (https://...)" is two, not one).
_NESTED = r"\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)"
_TEXT = rf"(?:[^()]|{_NESTED})+?"
_YEARS = r"\d{4}(?:-\d{4})?(?:, \d{4}(?:-\d{4})?)*"
_DECIMAL = re.compile(r"(?<![\d.,])[+\-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.]|,\d)")


@dataclass(frozen=True)
class _Pattern:
    """One catalogue entry with fields, compiled: the regex of its message id, its translation, its fields."""

    regex: re.Pattern[str]
    text: str
    fields: tuple[str, ...]
    literal: int  # characters outside the fields: the more, the more specific

    @classmethod
    def compile(cls, message: str, text: str) -> _Pattern:
        """The pattern of a catalogue entry: ``message`` (English, with ``{name}`` fields) as a regular expression
        matching a whole text, each field by its kind (:data:`FIELD_KINDS`; a repeated field must match the same
        text), and ``text`` its Swedish form."""
        parts, fields, seen, position = [], [], set(), 0
        for m in _FIELD.finditer(message):
            parts.append(re.escape(message[position:m.start()]))
            name = m.group(1)
            if name in seen:
                parts.append(f"(?P={name})")
            else:
                seen.add(name)
                fields.append(name)
                body = {"n_": _NUMBER, "d_": _DATE, "f_": "[^,;]+?", "w_": r"\S+", "y_": _YEARS}.get(name[:2], _TEXT)
                parts.append(f"(?P<{name}>{body})")
            position = m.end()
        parts.append(re.escape(message[position:]))
        literal = len(_FIELD.sub("", message))
        return cls(re.compile("".join(parts), re.DOTALL), text, tuple(fields), literal)


@functools.cache
def _patterns(language: str) -> tuple[_Pattern, ...]:
    """The patterns of the language's text files (:data:`TEXT_FILE_PREFIX`), most specific first (most literal
    characters, then fewest fields)."""
    patterns = [_Pattern.compile(key, text) for file, key, text in _po_entries(language)
                if file.startswith(TEXT_FILE_PREFIX) and _FIELD.search(key)]
    return tuple(sorted(patterns, key=lambda p: (-p.literal, len(p.fields))))


def swedish_number(text: str) -> str:
    """A number written the English way (``19,337``, ``0.341``, ``-0.015``, ``+36,003``) written the Swedish way by
    :func:`number` (``19 337``, ``0,341``, ``−0,015``, ``+36 003``), with as many decimals as it had.

    Raises
    ------
    ValueError
        If ``text`` is not such a number.
    """
    m = re.fullmatch(r"([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", text)
    if m is None:
        raise ValueError(f"number = {text!r}; expected a number written the English way, e.g. 19,337 or -0.015")
    sign, whole, decimals = m.group(1), m.group(2).replace(",", ""), m.group(3) or ""
    value = float(whole + ("." + decimals if decimals else ""))
    return number(-value if sign in ("-", "−") else value, len(decimals), "sv", signed=sign == "+")


def swedish_date(text: str) -> str:
    """An English date (``31 Dec 2024``, ``1 November 2023``) or an ISO date (``2024-12-31``) in Swedish words
    (``31 december 2024``, :func:`date_text`).

    Raises
    ------
    ValueError
        If ``text`` is not such a date.
    """
    for form in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return date_text(_dt.datetime.strptime(text, form).date(), "sv")
        except ValueError:
            continue
    raise ValueError(f"date = {text!r}; expected e.g. 31 Dec 2024, 1 November 2023 or 2024-12-31")


def _split_top(text: str, separator: str = "; ") -> list[str]:
    """``text`` split at ``separator`` outside parentheses and brackets."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _balanced(text: str) -> bool:
    """Whether every parenthesis and bracket of ``text`` is closed, in order."""
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _fill(pattern: _Pattern, m: re.Match[str], language: str) -> str | None:
    """The pattern's translation with the captured fields filled (see :func:`translation`); None when a ``t_`` or
    ``l_`` field is not covered."""
    values: dict[str, str] = {}
    for name in pattern.fields:
        value = m.group(name)
        if not _balanced(value):  # a field never takes half of a parenthesis: another pattern fits better
            return None
        if name.startswith("n_"):
            values[name] = swedish_number(value)
        elif name.startswith("d_"):
            values[name] = swedish_date(value)
        elif name.startswith(("l_", "c_")):
            separator = "; " if name.startswith("l_") else ", "
            parts = [_translation(part, language) for part in _split_top(value, separator)]
            if any(part is None for part in parts):
                return None
            values[name] = separator.join(parts)  # type: ignore[arg-type]
        elif name.startswith(("f_", "w_", "y_")):
            values[name] = value
        elif name.startswith("x_"):
            translated = _translation(value, language)
            values[name] = (_DECIMAL.sub(lambda d: swedish_number(d.group(0)), value) if translated is None
                            else translated)
        else:
            translated = _translation(value, language)
            if translated is None and name.startswith("t_"):
                return None
            values[name] = value if translated is None else translated
    return pattern.text.format(**values)


@functools.lru_cache(maxsize=65536)
def _translation(text: str, language: str) -> str | None:
    """:func:`translation` for Swedish (cached)."""
    exact = catalogue(language).get(text)
    if exact is not None:
        return exact
    for pattern in _patterns(language):
        m = pattern.regex.fullmatch(text)
        if m is not None:
            filled = _fill(pattern, m, language)
            if filled is not None:
                return filled
    for parts, joiner in ((_split_top(text), "; "), (_sentences(text), " ")):
        if len(parts) > 1:
            translated = [_translation(part, language) for part in parts]
            if all(part is not None for part in translated):
                return joiner.join(translated)  # type: ignore[arg-type]
    return None


def _sentences(text: str) -> list[str]:
    """``text`` split into sentences: after a full stop outside parentheses that a space and a capital follow."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif (ch == "." and depth == 0 and text[i + 1:i + 2] == " " and text[i + 2:i + 3].isupper()):
            parts.append(text[start:i + 1])
            start = i + 2
    parts.append(text[start:])
    return [p for p in parts if p]


def translation(text: str, language: str = "sv") -> str | None:
    """A text generated by the package (a source, a basis, a note, a vintage's text) in the language, or None when
    the catalogue does not cover it.

    The English text is looked up (a) as a whole in the catalogue (:func:`catalogue`, every PO file), else (b)
    matched against the *patterns* of the text files (``sources*.po``, :data:`TEXT_FILE_PREFIX`): a message id
    with ``{name}`` fields, each field matching any text (numbers and dates: their English forms), the whole text
    matched; the most specific pattern that matches wins (most literal characters). A field's kind is its name's
    prefix (:data:`FIELD_KINDS`): ``n_`` a number rewritten the Swedish way (:func:`swedish_number`), ``d_`` a date
    in Swedish words (:func:`swedish_date`), ``t_`` a text that must itself be covered, ``l_`` (``c_``) a list
    joined by ``"; "`` (``", "``) whose every part must be, ``f_`` a file name (no comma or semicolon), ``w_`` one
    word (no space), ``y_`` years (``2028-2030``), ``x_`` a text
    whose English decimal numbers are rewritten; any other name is kept as it is (a document's title, a file name, a
    URL, a law reference such as 2004:773, a year or a span of years such as 2018-2021) unless the catalogue covers
    it.
    Else (c) a text made of parts joined by ``"; "`` (outside parentheses) is covered when every part is, and
    (d) likewise a text of several sentences (a full stop, a space and a capital outside parentheses).

    Parameters
    ----------
    text : str
        The English text as the lower layers build it.
    language : {"sv", "en"}
        English returns ``text`` itself.

    Returns
    -------
    str or None
        The translation, or None when not covered (:func:`translate_text` then shows the English text; a test
        requires every text of the 290 municipalities' baselines and the presets to be covered).

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    if check_language(language) == "en":
        return text
    return _translation(text, language)


def translate_text(text: str, language: str = "sv") -> str:
    """A generated text in the language (:func:`translation`); the English text itself when the catalogue does not
    cover it.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    translated = translation(text, language)
    return text if translated is None else translated


def untranslated(texts: Iterable[str], language: str = "sv") -> list[str]:
    """The texts of ``texts`` that the catalogue does not cover (:func:`translation` is None), each once, in the
    order given.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    return [t for t in dict.fromkeys(texts) if translation(t, language) is None]
