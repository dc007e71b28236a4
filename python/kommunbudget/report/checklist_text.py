"""The checklist (:mod:`kommunbudget.scenarios.checklist`) as readable text: the report's nineteen things to test
before a tax rise, the lever that models each, and what a scenario tested and what it is worth in öre.

The table comes first (:func:`kommunbudget.report.text.frame_text`, sized to the terminal), then each topic's
question, how to test it and the measures that did. In English or Swedish: the headings and labels through the
catalogue, the topics and questions through it too where it has them (:func:`kommunbudget.report.i18n.gettext`).
"""
from __future__ import annotations

import functools

import pandas as pd

from kommunbudget.report.i18n import check_language, gettext, number, yes_no
from kommunbudget.report.text import NUMBER_AND_UNIT, frame_text, section, underlined, width, wrap
from kommunbudget.scenarios.checklist import ChecklistItem, item

__all__ = ["checklist_text"]

#: Columns of :func:`kommunbudget.scenarios.checklist.checklist` the text reads.
_NEEDED = ("number", "modelled", "tested", "worth_ore_first_year", "worth_ore_last_year", "worth_ore_sum", "measures")


def checklist_text(table: pd.DataFrame, *, scenario: bool, width: int | None = None, language: str = "en") -> str:
    """The checklist as text for the command line.

    First a table with a row per topic: its number and topic, the levers that model it, whether the scenario tested
    it and the öre it is worth (first year with an effect, last year, sum over the years; öre on the tax rate,
    positive = a better result); then per topic the question, how to test it (or why it is not modelled) and the
    matching measures.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kommunbudget.scenarios.checklist.checklist` of a scenario result (or of none), one row per topic.
    scenario : bool
        Whether ``table`` was drawn from a scenario (the summary line says how many topics it tested) or from none
        (nothing tested).
    width : int, optional
        Columns; default the output's width (:func:`kommunbudget.report.text.width`).
    language : str
        ``"en"`` or ``"sv"``: headings, labels, yes/no and numbers; in Swedish the topics from the catalogue and the
        questions, how-to texts and reasons a topic is not modelled from the items' ``question_sv``, ``how_sv`` and
        ``why_not_sv``.

    Returns
    -------
    str
        The text, ending with one newline.

    Raises
    ------
    ValueError
        If ``table`` lacks a column of the checklist, a row's ``number`` is not 1..19, or for a language other than
        ``en`` or ``sv``.
    """
    missing = [c for c in _NEEDED if c not in table.columns]
    if missing:
        raise ValueError(f"table: missing column(s) {', '.join(missing)}; expected the table of "
                         f"kommunbudget.scenarios.checklist.checklist()")
    check_language(language)
    columns = _output_width() if width is None else int(width)
    _ = functools.partial(gettext, language=language)
    rows = []
    for _index, row in table.iterrows():
        entry = item(int(row["number"]))
        levers = ", ".join(entry.levers) if entry.levers else _("(not modelled)")
        rows.append(((f"{entry.number:>2} {_topic(entry, language)}", levers),
                     [yes_no(bool(row["tested"]), language)]
                     + [number(row[k], 1, language) for k in ("worth_ore_first_year", "worth_ore_last_year",
                                                             "worth_ore_sum")]))
    headers = pd.MultiIndex.from_tuples([("", _("tested")), tuple(_("öre\nfirst").split("\n")),
                                         tuple(_("öre\nlast").split("\n")), tuple(_("öre\nsum").split("\n"))])
    parts = [*_heading(table, scenario, columns, language), frame_text(rows, headers, columns_width=columns),
             section(_("The questions, how to test them and the measures that did"),
                     [line for _index, row in table.iterrows() for line in _entry(row, columns, language)])]
    return "\n\n".join(parts).rstrip() + "\n"


_output_width = width  # the parameter ``width`` shadows the function


def _heading(table: pd.DataFrame, scenario: bool, width: int, language: str) -> list[str]:
    """The title, the count of modelled and tested topics, and how to read the öre."""
    _ = functools.partial(gettext, language=language)
    tested = int(table["tested"].sum())
    modelled = int(table["modelled"].sum())
    counts = _("Modelled by a lever: {modelled} of 19.", modelled=modelled) + " " + (
        _("Tested by this scenario: {tested} of 19.", tested=tested) if scenario
        else _("No scenario given: nothing tested."))
    return [
        underlined(_("Before raising the tax: 19 things to test (the report's checklist, in kommunbudget's words)")),
        "\n".join([wrap(counts, width=width),
                   wrap(_("Worth: öre on the tax rate (1 kr per 100 kr = 100 öre); positive = a better result; first = "
                          "the first year with an effect; sum = öre added over the years. A measure tagged with "
                          "several topics counts in full under each, so the rows do not add up; a sale's one-off "
                          "realisation gain counts in its year (and not in the balanced-budget result)."), width=width,
                        glue=NUMBER_AND_UNIT)]),
    ]


def _topic(entry: ChecklistItem, language: str) -> str:
    """A topic's name in the language: in Swedish the catalogue's translation, else the Swedish term a municipal
    reader recognises (``entry.swedish``, capitalised: "Målstyrning")."""
    if language == "en":
        return entry.topic
    translated = gettext(entry.topic, language)
    return translated if translated != entry.topic else entry.swedish[:1].upper() + entry.swedish[1:]


def _entry(row: pd.Series, width: int, language: str) -> list[str]:
    """One topic: its number and topic, then the question, why it is not modelled, how to test it, the measures."""
    _ = functools.partial(gettext, language=language)
    entry = item(int(row["number"]))
    topic = _topic(entry, language)
    question = entry.question_sv if language == "sv" else entry.question
    texts = [_("Question: {question}", question=question) if topic.lower() == entry.swedish.lower()
             else _("Question: {question} [{swedish}]", question=question, swedish=entry.swedish)]
    if entry.why_not:
        texts.append(_("Not modelled directly: {why}", why=entry.why_not_sv if language == "sv" else entry.why_not))
    texts.append(_("How: {how}", how=entry.how_sv if language == "sv" else entry.how))
    if row["measures"]:
        texts.append(_("Measures: {measures}", measures=row["measures"]))
    lines = [wrap(f"{entry.number:>2} {topic}", width=width)]
    for text in texts:
        lines.append(wrap(text, indent="     ", subsequent="       ", width=width, glue=NUMBER_AND_UNIT))
    return [*lines, ""]
