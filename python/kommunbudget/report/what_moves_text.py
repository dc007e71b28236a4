"""The "What moves the answer" table in words (``solve`` and ``scenario``): each default that is an assumption, not
data, at a stated low and high value, and the sustained tax change the target then needs, öre.

The numbers come from :func:`kommunbudget.analysis.sensitivity_defaults.what_moves`; this module only lays them out
(a table by :func:`kommunbudget.report.text.frame_text`) in English or Swedish. The words of each default and its
variants are written in English by the analysis layer; :func:`variant_words` says them in Swedish (numbers as
babel writes them, the fixed phrases through the catalogue, :data:`VARIANT_PHRASES`).
"""
from __future__ import annotations

import functools
import re

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import WhatMoves
from kommunbudget.report.formats import fmt
from kommunbudget.report.i18n import check_language, gettext
from kommunbudget.report.plots import target_text
from kommunbudget.report.text import frame_text, wrap

__all__ = ["KIND_WORDS", "VARIANT_PHRASES", "variant_words", "what_moves_text"]

#: The fixed phrases of the analysis layer's words for a default and its variants
#: (:mod:`kommunbudget.analysis.sensitivity_defaults`), longest first: English message ids of the catalogue.
VARIANT_PHRASES = (
    " and every cost line's volume with it (constant real cost per inhabitant)",
    "the regulation rule as is, the baseline's figures",
    "the grant held at its last amount (0 % a year)",
    "held at the last amount (0 % a year)",
    "; set by you, not varied: ",
    "(not below 0 %)",
    "the regulation rule",
    "rule (default)",
    "a year from",
    "a year",
)

#: The words of a default's kind in parentheses (``(default)``, ``(rule)``, joined by " or "), English ids.
KIND_WORDS = ("default", "rule", "population forecast")
_KIND = "(?:" + "|".join(KIND_WORDS) + ")"
_KINDS = re.compile(rf"\(({_KIND}(?: or {_KIND})*)\)")
#: A number as the analysis layer writes it: thousands with commas, a decimal point.
_ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")
_YEAR_RANGE = re.compile(r"\b(\d{4})-(\d{4})\b")


def variant_words(text: str, language: str = "en") -> str:
    """Words of the analysis layer about a default or a variant in the language: year ranges with an en dash
    (``2028–2030``); in Swedish also the numbers as babel writes them (``19 337``, ``1,60``), ``pp`` as ``p.e.``
    (procentenheter) and the fixed phrases (:data:`VARIANT_PHRASES`, the kinds, the side names ``low``/``high``/
    ``held``) from the catalogue. A text with other words keeps them.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    text = _YEAR_RANGE.sub("\\1–\\2", text)
    if check_language(language) == "en":
        return text
    text = _ENGLISH_NUMBER.sub(lambda m: m.group().replace(",", "\u00a0").replace(".", ","), text)
    for phrase in VARIANT_PHRASES:
        text = text.replace(phrase, gettext(phrase, language))
    text = _KINDS.sub(lambda m: "(" + f" {gettext('or', language)} ".join(
        gettext(word, language) for word in m.group(1).split(" or ")) + ")", text)
    text = re.sub(r"(\d) pp\b", "\\1 p.e.", text)
    text = re.sub(r"(?<=\d) to (?=\d)", " " + gettext("to", language) + " ", text)
    text = re.sub(r"\bin (\d{4})\b", lambda m: gettext("in {year}", language, year=m.group(1)), text)
    text = re.sub(r"(\d) %", "\\1\u00a0%", text)
    if text in ("low", "high", "held"):
        text = gettext(text, language)
    return text


def what_moves_text(w: WhatMoves, language: str = "en", after: str = "") -> str:
    """The table as text in the language: a heading, the baseline's need, then a table with a row per default (the
    need at its low and its high variant and the swing, öre) and under it a row naming the default and the two
    variants in words (or the row's own names for its two sides, e.g. "rule (default)" and "held").

    Parameters
    ----------
    w : WhatMoves
    language : {"en", "sv"}
        Headings, labels, numbers and the variants' words (:func:`variant_words`).
    after : str
        Words after "the sustained change" naming what it is computed on (e.g. " with the scenario's measures", an
        English message id of the catalogue).

    Raises
    ------
    ValueError
        For another language.
    """
    _ = functools.partial(gettext, language=check_language(language))
    need = fmt(w.baseline_ore, "öre", True, language)
    head = [wrap(_("What moves the answer: defaults that are assumptions, not data, each at a low and a high value")),
            wrap(_("The sustained change from 1 January {first}{after} that meets the target ({target}) in every year, "
                   "öre (negative: room to lower the rate): {need} öre with every default as it is. Each default "
                   "below is set to its low and its high value in the years named, all else unchanged; largest swing "
                   "first. The steps (1 pp, 1 %, 0.5 pp, 2 pp) are defaults of this table, not data: they show the "
                   "size of each effect, not a forecast range. (default) marks a default that is not data and (rule) "
                   "a value derived by a rule from other assumptions. For the regulation grant the two sides are the "
                   "rule itself (the baseline) and the grant held, not a low and a high value.", first=w.from_year,
                   after=_(after) if after else "", target=target_text(w.target, language), need=need))]
    if not w.rows:
        return "\n".join(head + [_("  (no default to vary: every assumption of these years is data or set by you)")])
    rows: list[tuple[str, list[str]]] = []
    for r in w.rows:
        v = r.variant
        label = v.label_sv if language == "sv" else v.label
        rows.append((variant_words(label, language), [fmt(r.need_low_ore, "öre", True, language),
                                                      fmt(r.need_high_ore, "öre", True, language),
                                                      fmt(r.swing_ore, "öre", language=language)]))
        words = _("{default_word}: {default}; {low_name}: {low}; {high_name}: {high}",
                  default_word=_("default"), default=variant_words(v.default, language),
                  low_name=variant_words(v.low_name, language), low=variant_words(v.low, language),
                  high_name=variant_words(v.high_name, language), high=variant_words(v.high, language))
        if r.error:
            words += f" ({r.error})"
        rows.append(("   " + words, ["", "", ""]))
    columns = pd.MultiIndex.from_tuples([(_("at low"), "öre"), (_("at high"), "öre"), (_("swing"), "öre")])
    return "\n".join(head) + "\n" + frame_text(rows, columns)
