"""Text tables and the sections every text report shares: titles, the year-status legend, wrapped paragraphs, the
assumptions with their sources, the base year's figures and sources, and the notes.

Numbers are formatted by :mod:`kommunbudget.report.formats`; words come in English or Swedish
(:mod:`kommunbudget.report.i18n`). The tables are laid out by rich (:class:`rich.table.Table`) for the terminal's
width (:func:`width`): a table is never cut inside a row; when its year columns do not fit side by side it is
printed as whole tables of consecutive years, each with its row labels.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from kommunbudget.report.assumption_labels import assumption_label, base_field_label, base_value_text
from kommunbudget.report.formats import values_text, years_text
from kommunbudget.report.i18n import check_language, date_text, gettext, number, translate_text, yes_no

__all__ = ["FLAG_FIELDS", "KIND_HEADINGS", "MIN_WIDTH", "NOT_GIVEN_BELOW_ZERO_FIELDS", "NUMBER_AND_UNIT",
           "STATUS_SHORT", "THOUSANDS", "WIDTH", "assumptions_text", "base_sources_text", "date_words", "frame_text",
           "notes_text", "section", "shown_text", "source_value_word", "status_legend", "table_block", "table_text",
           "title", "underlined", "width", "wrap", "year_columns"]

#: Width of the text output when it does not go to a terminal (a pipe, a file, a notebook) and ``COLUMNS`` is not
#: set.
WIDTH = 120
#: The narrowest layout: a narrower terminal still gets tables laid out for this many columns.
MIN_WIDTH = 60
#: The narrowest the row-label column of a table is made before its year columns are split into blocks.
_LABEL_MIN = 22


def width() -> int:
    """Columns the text output is laid out for: the ``COLUMNS`` environment variable, else the terminal's width
    when standard output is a terminal, else :data:`WIDTH`; never below :data:`MIN_WIDTH`
    (:func:`shutil.get_terminal_size`)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)


_output_width = width  # for functions whose parameter is named ``width``

#: Spaces :func:`wrap` keeps (``glue``): inside a number with a thousands space ("1 394").
THOUSANDS = r"(?<=\d) (?=\d{3}\b)"
#: Spaces :func:`wrap` keeps (``glue``): between a number and its unit ("3.8 %", "55 MSEK") or inside a number.
NUMBER_AND_UNIT = r"(?<=\d) (?=%|MSEK|kr\b|km\b|\d{3}\b)"

#: Headings of the assumption kinds (``kind`` of an assumption record), in English (the message ids).
KIND_HEADINGS = {
    "data": "Data: published figures",
    "derived": "Derived: computed from published figures",
    "user": "Set by you (--set)",
    "default": "Defaults: documented assumptions where no data exists",
}

#: What each year status means (``Projection.year_status``), in the legend's order (English message ids).
_STATUS_WORDS = {
    "budget": "adopted budget (base year)",
    "approximate": "approximate base year from SCB data, no adopted budget (result 0 by construction)",
    "plan": "adopted plan, reproduced through assumptions derived from it",
    "plan, changed": "a plan year moved off the adopted plan by what you set",
    "projection": "projected by the model from the assumptions below",
}

#: A year status as a table's second header line (short, so that a year column stays narrow), English message ids.
STATUS_SHORT = {"budget": "budget", "approximate": "approx.", "plan": "plan", "plan, changed": "plan*",
                "projection": "proj."}


def wrap(text: str, indent: str = "", subsequent: str | None = None, *, width: int | None = None,
         glue: str | None = None) -> str:
    """A paragraph filled to ``width`` columns, never breaking words or hyphenated words.

    Parameters
    ----------
    text : str
    indent : str
        Prefix of the first line.
    subsequent : str, optional
        Prefix of the later lines; default ``indent``.
    width : int, optional
        Columns, prefixes included; default :func:`width` (the terminal's).
    glue : str, optional
        A regular expression matching spaces that must not become line breaks (:data:`THOUSANDS`,
        :data:`NUMBER_AND_UNIT`).

    Returns
    -------
    str
        The lines joined by newlines, without a final newline.
    """
    columns = _output_width() if width is None else width
    if glue is not None:
        text = re.sub(glue, "\u00a0", text)
    filled = textwrap.fill(text, width=columns, initial_indent=indent,
                           subsequent_indent=indent if subsequent is None else subsequent, break_on_hyphens=False,
                           break_long_words=False)
    return filled.replace("\u00a0", " ") if glue is not None else filled


def underlined(head: str, char: str = "=") -> str:
    """``head`` wrapped to the output's width (:func:`width`) and ``char`` under it, as long as its longest line."""
    lines = wrap(head).splitlines() or [""]
    return "\n".join(lines) + "\n" + char * max(len(line) for line in lines)


def title(label: str, county: str, population: int, what: str, years: Sequence[int],
          population_date: str = "31 Dec 2024", language: str = "en") -> str:
    """The title of a municipality's report, underlined.

    Parameters
    ----------
    label : str
        ``"Sjöbo (1265)"``.
    county : str
    population : int
        Inhabitants on ``population_date``.
    what : str
        What the report shows, already in the language, e.g. ``"income statement"``.
    years : sequence of int
        The years shown (first and last are printed); at least one.
    population_date : str
        The date the population refers to (SCB's ``31 Dec 2024``, or a budget's own date), shown in the language's
        words.
    language : str
        ``"en"`` or ``"sv"``.

    Returns
    -------
    str
        ``"Sjöbo (1265), Skåne län, 19,337 inhabitants (31 December 2024): income statement, 2024–2030"``; in
        Swedish ``"Sjöbo (1265), Skåne län, 19 337 invånare (31 december 2024): resultaträkning, 2024–2030"``; and
        its underline.
    """
    return underlined(gettext("{place}, {county}, {population} inhabitants ({date}): {what}, {first}–{last}",
                              language, place=label, county=county, population=number(population, 0, language),
                              date=date_words(population_date, language), what=what, first=years[0],
                              last=years[-1]))


def date_words(text: str, language: str = "en") -> str:
    """A date written ``31 Dec 2024``, ``31 December 2024`` or ``2024-12-31`` in the language's words (babel:
    ``31 december 2024``); any other text is returned as it is."""
    for form in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return date_text(_dt.datetime.strptime(text.strip(), form).date(), language)
        except ValueError:
            continue
    return text


def section(heading: str, lines: Sequence[str]) -> str:
    """A section: the heading, a rule as long as the heading, then ``lines`` (already wrapped), joined by
    newlines."""
    return "\n".join([underlined(heading, "-"), *lines])


def year_columns(years: Sequence[int], status: Mapping[int, str], language: str = "en") -> pd.MultiIndex:
    """Columns of a yearly text table: (year, short status) pairs, e.g. ``(2028, "proj.")`` or, in Swedish,
    ``(2028, "framskr.")`` (:data:`STATUS_SHORT`)."""
    return pd.MultiIndex.from_tuples([(y, gettext(STATUS_SHORT.get(status[y], status[y]), language)) for y in years],
                                     names=["year", ""])


def frame_text(rows: Sequence[tuple[Any, Sequence[str]]], columns: pd.Index, *, columns_width: int | None = None
               ) -> str:
    """Rows of formatted cells as a text table, laid out by rich for the output's width.

    Parameters
    ----------
    rows : sequence of (label, cells)
        ``label`` a str, or a tuple of two str for a two-level row label (a repeated first level is shown once);
        ``cells`` one str per column (already formatted, right-aligned). A row whose label and cells are all empty
        is a blank separator line.
    columns : pandas.Index
        The column headings: plain (one line) or a two-level index such as :func:`year_columns` (year over status).
    columns_width : int, optional
        The width to lay out for; default :func:`width`.

    Returns
    -------
    str
        The table, never cut inside a row: the cells are never shortened, a long row label wraps in its column, and
        when the columns do not fit side by side they are printed as whole tables of consecutive columns, one under
        the other, each with the row labels.
    """
    total = width() if columns_width is None else max(MIN_WIDTH, int(columns_width))
    two_level = bool(rows) and isinstance(rows[0][0], tuple)
    headers = [tuple(str(part) for part in c) if isinstance(c, tuple) else (str(c),) for c in columns]
    cells = [[str(v) for v in row_cells] for _, row_cells in rows]
    # a column costs its content plus 3 (one space of padding on each side and rich's space divider), the first
    # label column its content only (no outer padding or edge)
    need = [max([len(line) for line in head] + [len(row[i]) for row in cells if i < len(row)]) + 3
            for i, head in enumerate(headers)]
    labels = [label if isinstance(label, tuple) else (str(label),) for label, _ in rows]
    label_need = [max([len(str(lab[k])) for lab in labels] + [0]) + (3 if k else 0)
                  for k in range(2 if two_level else 1)]
    # a label column narrows to _LABEL_MIN, but never below its longest word (a word is never cut in two)
    longest_word = [max([len(word) for lab in labels for word in str(lab[k]).split()] + [0])
                    for k in range(len(label_need))]
    label_min = [min(n, max(_LABEL_MIN, longest_word[k]) + (3 if k else 0)) for k, n in enumerate(label_need)]
    blocks: list[list[int]] = [[]]
    used = sum(label_min)
    for i, n in enumerate(need):
        if blocks[-1] and used + n > total:
            blocks.append([])
            used = sum(label_min)
        blocks[-1].append(i)
        used += n
    if len(blocks) > 1:  # as many tables, but of even size where they fit (4 + 3 years, not 6 + 1)
        size = -(-len(need) // len(blocks))
        even = [list(range(start, min(start + size, len(need)))) for start in range(0, len(need), size)]
        if len(even) == len(blocks) and all(sum(label_min) + sum(need[i] for i in b) <= total for b in even):
            blocks = even
    parts = [_rich_table(labels, cells, headers, block, need, label_need, label_min, total, two_level)
             for block in blocks]
    return "\n\n".join(parts)


def _rich_table(labels: list[tuple[str, ...]], cells: list[list[str]], headers: list[tuple[str, ...]],
                block: list[int], need: list[int], label_need: list[int], label_min: list[int], total: int,
                two_level: bool) -> str:
    """One table of the columns ``block`` (see :func:`frame_text`), rendered to text without colour."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_header=True, expand=False)
    spare = total - sum(need[i] for i in block) - sum(label_need)  # room left with every label on one line
    label_width = list(label_need)
    for k in reversed(range(len(label_width))):  # the label columns give up what is missing, down to their minimum
        if spare >= 0:
            break
        cut = min(-spare, label_width[k] - label_min[k])
        label_width[k] -= cut
        spare += cut
    for k in range(len(label_need)):
        table.add_column("", justify="left", overflow="fold", width=max(1, label_width[k] - (3 if k else 0)))
    for i in block:
        table.add_column("\n".join(headers[i]), justify="right", no_wrap=True, width=need[i] - 3)
    previous = None
    for label, row in zip(labels, cells, strict=True):
        shown = list(label)
        if two_level:
            first = shown[0]
            shown[0] = "" if first == previous else first
            previous = first if first else previous
        table.add_row(*(_keep(text) for text in shown), *[row[i] if i < len(row) else "" for i in block])
    console = Console(file=io.StringIO(), width=total, color_system=None, force_terminal=False, soft_wrap=False,
                      legacy_windows=False, emoji=False, highlight=False, markup=False)
    console.print(table, crop=False)
    return "\n".join(line.rstrip().replace(_KEPT, "\u00a0") for line in console.file.getvalue().splitlines())


#: Stands in for a no-break space while rich lays out a row label: rich breaks lines at any Unicode space, the
#: no-break space of a Swedish number (``19 337``) included; this private-use character is not a space to it.
_KEPT = "\ue000"


def _keep(label: str) -> str:
    """A row label with its no-break spaces kept from becoming line breaks (:data:`_KEPT`)."""
    return label.replace("\u00a0", _KEPT)


def table_block(heading: str, table: str) -> str:
    """A table under its heading, the heading wrapped to the output's width (:func:`width`)."""
    return wrap(heading) + "\n" + table


def table_text(frame: pd.DataFrame, index: bool = True, columns_width: int | None = None) -> str:
    """A frame of already formatted values (any dtype, shown with ``str``) as a text table (:func:`frame_text`): the
    index as row labels (left out with ``index=False``), the column names as headings."""
    rows = [((str(label) if index else ""), [str(v) for v in values])
            for label, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True)]
    return frame_text(rows, pd.Index([str(c) for c in frame.columns]), columns_width=columns_width)


def status_legend(status: Mapping[int, str], language: str = "en") -> str:
    """What each year's status means, one clause per status present, e.g. ``"Years: 2024 budget = adopted budget
    (base year); 2025–2027 plan = ...; 2028–2030 proj. = ..."``; for an approximate baseline, what its results can
    and cannot say. In the language; not wrapped."""
    parts = []
    for kind, words in _STATUS_WORDS.items():
        years = [y for y, s in status.items() if s == kind]
        if years:
            parts.append(f"{years_text(years)} {gettext(STATUS_SHORT[kind], language)} = {gettext(words, language)}")
    text = gettext("Years: {parts}.", language, parts="; ".join(parts))
    if "approximate" in status.values():
        text += " " + gettext(
            "APPROXIMATE BASELINE: the result is 0 in the base year and held near 0 after it by construction (costs "
            "and the derived grant item follow the tax base), so whether a target is met and the tax change it needs "
            "say nothing about this municipality; read what measures and tax changes are worth (MSEK, öre), and see "
            "the notes.", language)
    return text


def assumptions_text(records: Sequence[Mapping[str, Any]], first: int, last: int, language: str = "en") -> str:
    """The assumptions of the projection years grouped by kind, then by source (each source printed once).

    Parameters
    ----------
    records : sequence of mapping
        Assumption records: ``assumption``, ``years`` (list of int), ``values`` (list, in ``unit``), ``unit``,
        ``kind`` (a key of :data:`KIND_HEADINGS`), ``source``.
    first, last : int
        The projection years (base year + 1 and the horizon), for the heading.
    language : str
        ``"en"`` or ``"sv"`` (headings, values and units; the sources as the catalogue translates them).

    Returns
    -------
    str
    """
    lines = [underlined(gettext("Assumptions for the projection years {first}–{last}", language, first=first,
                                last=last), "-"),
             wrap(gettext("Each figure says where it comes from: data = a published figure; derived = computed from "
                          "published figures; set by you = --set; default = a documented assumption where no data "
                          "exists (change any of them with --set NAME=VALUE).", language))]
    def name(r: Mapping[str, Any]) -> str:  # in Swedish the label, with the identifier --set takes after it
        ident = str(r["assumption"])
        return ident if language == "en" else f"{assumption_label(ident, 'sv')} ({ident})"

    name_width = max((len(name(r)) for r in records), default=10)
    for kind, heading in KIND_HEADINGS.items():
        group = [r for r in records if r["kind"] == kind]
        if not group:
            continue
        lines += ["", gettext(heading, language)]
        sources: dict[str, list[Mapping[str, Any]]] = {}
        for r in group:
            sources.setdefault(r["source"], []).append(r)
        for source, items in sources.items():
            lines.append(wrap(gettext("Source: {source}", language, source=shown_text(source, language)),
                              indent="  ", subsequent="          "))
            for r in items:
                values = values_text(r["values"], r["unit"], language)
                if language == "en":  # identifier, years and values in columns
                    lines.append(wrap(f"{name(r):<{name_width}}  {years_text(r['years']):<9}  {values}",
                                      indent="      ", subsequent=" " * (6 + name_width + 13)))
                else:  # a label is too long for a column: label (identifier), years: values
                    lines.append(wrap(f"{name(r)}, {years_text(r['years'])}: {values}", indent="      ",
                                      subsequent="          "))
    return "\n".join(lines)


def shown_text(text: str, language: str = "en") -> str:
    """A generated text (a source, a note, a vintage's text) in the language: as it is in English; in Swedish its
    translation by the catalogue's patterns (:func:`kommunbudget.report.i18n.translate_text`), or as it is when the
    catalogue does not cover it."""
    return translate_text(text, check_language(language)) if language == "sv" else text


#: Base-year fields that are flags (true/false; 1.0/0.0 in JSON): shown as "yes"/"no" in the text.
FLAG_FIELDS = frozenset({"balance_requirement.negative_equity", "balance_requirement.withdraw_from_reserve",
                         "balance_requirement.reserve_surplus"})
#: Base-year fields whose negative value marks a figure not given (the core's −1, e.g. the debt: new borrowing
#: only, docs/model.md §15): shown as "not given" in the text.
NOT_GIVEN_BELOW_ZERO_FIELDS = frozenset({"capital.opening_debt_msek"})


def source_value_word(field: str, value: Any, language: str = "en") -> str | None:
    """The word a base-year value is shown as in the text instead of its number, or None to show the number:
    "yes"/"no" for a flag (:data:`FLAG_FIELDS`), "not given" for a negative marker
    (:data:`NOT_GIVEN_BELOW_ZERO_FIELDS`, −1 in the core and in JSON); in the language."""
    if not isinstance(value, (int, float)):
        return None
    if field in FLAG_FIELDS:
        return yes_no(value, language)
    if field in NOT_GIVEN_BELOW_ZERO_FIELDS and value < 0:
        return gettext("not given", language)
    return None


def base_sources_text(records: Sequence[Mapping[str, Any]], base_year: int, language: str = "en") -> str:
    """The base year's figures grouped by kind and source.

    Parameters
    ----------
    records : sequence of mapping
        ``field``, ``value`` (a number, MSEK positive or the tax rate in kr per 100 kr, or a text), ``kind``,
        ``source``.
    base_year : int
    language : str
        ``"en"`` or ``"sv"``; in Swedish the lists written as text (cost lines, grant items, depreciation classes,
        deficits) with Swedish names and numbers (:func:`kommunbudget.report.assumption_labels.base_value_text`) and
        the sources through :func:`shown_text`. A year (``capital.plan_last_year``) is shown as a year.

    Returns
    -------
    str
    """
    lines = [underlined(gettext("Base year {year}: figures and sources (amounts positive, MSEK)", language,
                                year=base_year), "-")]
    groups: dict[tuple[str, str], list[str]] = {}
    for r in records:
        value = r["value"]
        if r["field"] == "tax_rate_kr_per_100kr" or r["field"].endswith("_kr_per_100kr"):
            text = number(value, 2, language)  # rates in kr per 100 kr, as published (20.45)
        elif r["field"].startswith("equalisation.") and isinstance(value, (int, float)):
            text = number(value, 3, language).rstrip("0").rstrip(".,")  # the law's and ordinance's parameters (1.15)
        elif (word := source_value_word(r["field"], value, language)) is not None:
            text = word  # a flag or a "not given" marker as a word, not its number (JSON keeps the number)
        elif isinstance(value, (int, float)):
            text = f"{value:.0f}" if r["field"].endswith("_year") else number(value, 1, language)  # a year: 2027
        elif language == "sv" and (words := base_value_text(r["field"], value, language)) != str(value):
            text = words  # the lists Municipality.base_year_sources() writes as text, with names and numbers in Swedish
        else:
            text = shown_text(str(value), language)
        label = r["field"] if language == "en" else base_field_label(str(r["field"]), "sv")
        groups.setdefault((r["kind"], r["source"]), []).append(f"{label} {text}")
    for (kind, source), items in groups.items():
        lines.append(wrap(f"[{gettext(kind, language)}] " + "; ".join(items), indent="  ", subsequent="      "))
        lines.append(wrap(gettext("Source: {source}", language, source=shown_text(source, language)),
                          indent="      ", subsequent="          "))
    return "\n".join(lines)


def notes_text(notes: Sequence[str], glue: str | None = None, language: str = "en") -> str:
    """The notes as a section of bullets (``"Notes"``, a rule, ``"  - ..."``); ``glue`` as in :func:`wrap`; in the
    language (the notes through :func:`shown_text`)."""
    return section(gettext("Notes", language), [wrap(shown_text(note, language), indent="  - ", subsequent="    ",
                                                     glue=glue) for note in notes])
