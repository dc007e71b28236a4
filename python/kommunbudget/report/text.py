"""Text tables and the sections every text report shares: titles, the year-status legend, wrapped paragraphs, the
assumptions with their sources, the base year's figures and sources, and the notes.

Numbers are formatted by :mod:`kommunbudget.report.formats`; the tables are laid out by pandas
(``DataFrame.to_string``) for :data:`WIDTH` columns.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kommunbudget.report.formats import values_text, years_text

__all__ = ["FLAG_FIELDS", "KIND_HEADINGS", "NOT_GIVEN_BELOW_ZERO_FIELDS", "NUMBER_AND_UNIT", "THOUSANDS", "WIDTH",
           "assumptions_text", "base_sources_text", "source_value_word",
           "frame_text", "notes_text", "section", "status_legend", "title", "underlined", "wrap", "year_columns"]

#: Width the text output is laid out for (wider tables are wrapped in blocks of years by pandas).
WIDTH = 132

#: Spaces :func:`wrap` keeps (``glue``): inside a number with a thousands space ("1 394").
THOUSANDS = r"(?<=\d) (?=\d{3}\b)"
#: Spaces :func:`wrap` keeps (``glue``): between a number and its unit ("3.8 %", "55 MSEK") or inside a number.
NUMBER_AND_UNIT = r"(?<=\d) (?=%|MSEK|kr\b|km\b|\d{3}\b)"

#: Headings of the assumption kinds (``kind`` of an assumption record).
KIND_HEADINGS = {
    "data": "Data: published figures",
    "derived": "Derived: computed from published figures",
    "user": "Set by you (--set)",
    "default": "Defaults: documented assumptions where no data exists",
}

#: What each year status means (``Projection.year_status``), in the legend's order.
_STATUS_WORDS = {
    "budget": "adopted budget (base year)",
    "approximate": "approximate base year from SCB data, no adopted budget (result 0 by construction)",
    "plan": "adopted plan, reproduced through assumptions derived from it",
    "plan, changed": "a plan year moved off the adopted plan by what you set",
    "projection": "projected by the model from the assumptions below",
}


def wrap(text: str, indent: str = "", subsequent: str | None = None, *, width: int = WIDTH,
         glue: str | None = None) -> str:
    """A paragraph filled to ``width`` columns, never breaking words or hyphenated words.

    Parameters
    ----------
    text : str
    indent : str
        Prefix of the first line.
    subsequent : str, optional
        Prefix of the later lines; default ``indent``.
    width : int
        Columns, prefixes included.
    glue : str, optional
        A regular expression matching spaces that must not become line breaks (:data:`THOUSANDS`,
        :data:`NUMBER_AND_UNIT`).

    Returns
    -------
    str
        The lines joined by newlines, without a final newline.
    """
    if glue is not None:
        text = re.sub(glue, "\u00a0", text)
    filled = textwrap.fill(text, width=width, initial_indent=indent,
                           subsequent_indent=indent if subsequent is None else subsequent, break_on_hyphens=False,
                           break_long_words=False)
    return filled.replace("\u00a0", " ") if glue is not None else filled


def underlined(head: str, char: str = "=") -> str:
    """``head`` on one line and ``char`` under it, as long as the head (at most :data:`WIDTH`)."""
    return f"{head}\n{char * min(len(head), WIDTH)}"


def title(label: str, county: str, population: int, what: str, years: Sequence[int],
          population_date: str = "31 Dec 2024") -> str:
    """The title of a municipality's report, underlined.

    Parameters
    ----------
    label : str
        ``"Sjöbo (1265)"``.
    county : str
    population : int
        Inhabitants on ``population_date``.
    what : str
        What the report shows, e.g. ``"income statement"``.
    years : sequence of int
        The years shown (first and last are printed); at least one.
    population_date : str
        The date the population refers to (SCB's 31 Dec 2024, or a budget's own date).

    Returns
    -------
    str
        ``"Sjöbo (1265), Skåne län, 19,337 inhabitants (31 Dec 2024): income statement, 2024-2030"`` and its
        underline.
    """
    return underlined(f"{label}, {county}, {population:,} inhabitants ({population_date}): {what}, "
                      f"{years[0]}-{years[-1]}")


def section(heading: str, lines: Sequence[str]) -> str:
    """A section: the heading, a rule of 60 dashes, then ``lines`` (already wrapped), joined by newlines."""
    return "\n".join([heading, "-" * 60, *lines])


def year_columns(years: Sequence[int], status: Mapping[int, str]) -> pd.MultiIndex:
    """Columns of a yearly text table: (year, status) pairs, e.g. ``(2025, "plan")``."""
    return pd.MultiIndex.from_tuples([(y, status[y]) for y in years], names=["year", ""])


def frame_text(rows: Sequence[tuple[Any, Sequence[str]]], columns: pd.Index) -> str:
    """Rows of formatted cells as a right-aligned text table.

    Parameters
    ----------
    rows : sequence of (label, cells)
        ``label`` a str, or a tuple of two str for a two-level row index (repeated first levels are shown
        once); ``cells`` one str per column.
    columns : pandas.Index
        The column headings (:func:`year_columns`).

    Returns
    -------
    str
        The table, wrapped in blocks of columns at :data:`WIDTH`.
    """
    labels = [label for label, _ in rows]
    if labels and isinstance(labels[0], tuple):
        index = pd.MultiIndex.from_tuples(labels)
    else:
        index = pd.Index(labels)
    frame = pd.DataFrame([list(cells) for _, cells in rows], index=index, columns=columns, dtype=object)
    return frame.to_string(line_width=WIDTH, sparsify=True)


def status_legend(status: Mapping[int, str]) -> str:
    """What each year's status means, one clause per status present, e.g. ``"Years: 2024 budget = adopted budget
    (base year); 2025-2027 plan = ...; 2028-2030 projection = ..."``; for an approximate baseline, what its
    results can and cannot say. Not wrapped."""
    parts = []
    for kind, words in _STATUS_WORDS.items():
        years = [y for y, s in status.items() if s == kind]
        if years:
            parts.append(f"{years_text(years)} {kind} = {words}")
    text = "Years: " + "; ".join(parts) + "."
    if "approximate" in status.values():
        text += (" APPROXIMATE BASELINE: the result is 0 in the base year and held near 0 after it by construction "
                 "(costs and the derived grant item follow the tax base), so whether a target is met and the tax "
                 "change it needs say nothing about this municipality; read what measures and tax changes are "
                 "worth (MSEK, öre), and see the notes.")
    return text


def assumptions_text(records: Sequence[Mapping[str, Any]], first: int, last: int) -> str:
    """The assumptions of the projection years grouped by kind, then by source (each source printed once).

    Parameters
    ----------
    records : sequence of mapping
        Assumption records: ``assumption``, ``years`` (list of int), ``values`` (list, in ``unit``), ``unit``,
        ``kind`` (a key of :data:`KIND_HEADINGS`), ``source``.
    first, last : int
        The projection years (base year + 1 and the horizon), for the heading.

    Returns
    -------
    str
    """
    lines = [f"Assumptions for the projection years {first}-{last}",
             "-" * 60,
             wrap("Each figure says where it comes from: data = a published figure; derived = computed from "
                  "published figures; set by you = --set; default = a documented assumption where no data "
                  "exists (change any of them with --set NAME=VALUE).")]
    name_width = max((len(r["assumption"]) for r in records), default=10)
    for kind, heading in KIND_HEADINGS.items():
        group = [r for r in records if r["kind"] == kind]
        if not group:
            continue
        lines += ["", heading]
        sources: dict[str, list[Mapping[str, Any]]] = {}
        for r in group:
            sources.setdefault(r["source"], []).append(r)
        for source, items in sources.items():
            lines.append(wrap(f"Source: {source}", indent="  ", subsequent="          "))
            for r in items:
                lines.append(wrap(f"{r['assumption']:<{name_width}}  {years_text(r['years']):<9}  "
                                  f"{values_text(r['values'], r['unit'])}", indent="      ",
                                  subsequent=" " * (6 + name_width + 13)))
    return "\n".join(lines)


#: Base-year fields that are flags (true/false; 1.0/0.0 in JSON): shown as "yes"/"no" in the text.
FLAG_FIELDS = frozenset({"balance_requirement.negative_equity", "balance_requirement.withdraw_from_reserve",
                         "balance_requirement.reserve_surplus"})
#: Base-year fields whose negative value marks a figure not given (the core's −1, e.g. the debt: new borrowing
#: only, docs/model.md §15): shown as "not given" in the text.
NOT_GIVEN_BELOW_ZERO_FIELDS = frozenset({"capital.opening_debt_msek"})


def source_value_word(field: str, value: Any) -> str | None:
    """The word a base-year value is shown as in the text instead of its number, or None to show the number:
    "yes"/"no" for a flag (:data:`FLAG_FIELDS`), "not given" for a negative marker
    (:data:`NOT_GIVEN_BELOW_ZERO_FIELDS`, −1 in the core and in JSON)."""
    if not isinstance(value, (int, float)):
        return None
    if field in FLAG_FIELDS:
        return "yes" if value else "no"
    if field in NOT_GIVEN_BELOW_ZERO_FIELDS and value < 0:
        return "not given"
    return None


def base_sources_text(records: Sequence[Mapping[str, Any]], base_year: int) -> str:
    """The base year's figures grouped by kind and source.

    Parameters
    ----------
    records : sequence of mapping
        ``field``, ``value`` (a number, MSEK positive or the tax rate in kr per 100 kr, or a text), ``kind``,
        ``source``.
    base_year : int

    Returns
    -------
    str
    """
    lines = [f"Base year {base_year}: figures and sources (amounts positive, MSEK)", "-" * 60]
    groups: dict[tuple[str, str], list[str]] = {}
    for r in records:
        value = r["value"]
        if r["field"] == "tax_rate_kr_per_100kr" or r["field"].endswith("_kr_per_100kr"):
            text = f"{value + 0.0:.2f}"  # rates in kr per 100 kr, as published (20.45)
        elif r["field"].startswith("equalisation.") and isinstance(value, (int, float)):
            text = f"{value + 0.0:g}"  # the equalisation's parameters as the law and ordinance write them (1.15)
        elif (word := source_value_word(r["field"], value)) is not None:
            text = word  # a flag or a "not given" marker as a word, not its number (JSON keeps the number)
        else:
            text = f"{value + 0.0:.1f}" if isinstance(value, (int, float)) else str(value)
        groups.setdefault((r["kind"], r["source"]), []).append(f"{r['field']} {text}")
    for (kind, source), items in groups.items():
        lines.append(wrap(f"[{kind}] " + "; ".join(items), indent="  ", subsequent="      "))
        lines.append(wrap(f"Source: {source}", indent="      ", subsequent="          "))
    return "\n".join(lines)


def notes_text(notes: Sequence[str], glue: str | None = None) -> str:
    """The notes as a section of bullets (``"Notes"``, a rule, ``"  - ..."``); ``glue`` as in :func:`wrap`."""
    return section("Notes", [wrap(note, indent="  - ", subsequent="    ", glue=glue) for note in notes])
