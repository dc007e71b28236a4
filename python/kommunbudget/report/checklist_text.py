"""The checklist (:mod:`kommunbudget.scenarios.checklist`) as readable text: the report's nineteen things to test
before a tax rise, the lever that models each, and what a scenario tested and what it is worth in öre.
"""
from __future__ import annotations

import textwrap

import pandas as pd

from kommunbudget.report.text import NUMBER_AND_UNIT, wrap
from kommunbudget.scenarios.checklist import item

__all__ = ["MIN_WIDTH", "checklist_text"]

#: The narrowest layout: the table's fixed columns need 100 columns.
MIN_WIDTH = 100

#: Columns of :func:`kommunbudget.scenarios.checklist.checklist` the text reads.
_NEEDED = ("number", "modelled", "tested", "worth_ore_first_year", "worth_ore_last_year", "worth_ore_sum", "measures")


def checklist_text(table: pd.DataFrame, *, scenario: bool, width: int = 120) -> str:
    """The checklist as text for the command line.

    Each topic shows its number, topic, levers, whether the scenario tested it and the öre it is worth (first
    year with an effect, last year, sum over the years; öre on the tax rate, positive = a better result), then the
    question, how to test it (or why it is not modelled) and the matching measures.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kommunbudget.scenarios.checklist.checklist` of a scenario result (or of none), one row per topic.
    scenario : bool
        Whether ``table`` was drawn from a scenario (the summary line says how many topics it tested) or from none
        (nothing tested).
    width : int
        Columns, at least :data:`MIN_WIDTH` (a smaller width is raised to it).

    Returns
    -------
    str
        The text, ending with one newline.

    Raises
    ------
    ValueError
        If ``table`` lacks a column of the checklist, or a row's ``number`` is not 1..19.
    """
    missing = [c for c in _NEEDED if c not in table.columns]
    if missing:
        raise ValueError(f"table: missing column(s) {', '.join(missing)}; expected the table of "
                         f"kommunbudget.scenarios.checklist.checklist()")
    width = max(int(width), MIN_WIDTH)
    lines = _heading(table, scenario, width)
    topic_width = width - 5 - 28 - 7 - 3 * 10
    header = (f"{'#':>3}  {'Topic':<{topic_width}}{'Levers':<28}{'Tested':<7}"
              f"{'öre first':>10}{'öre last':>10}{'öre sum':>10}")
    lines += [header, "-" * len(header)]
    for _, row in table.iterrows():
        lines += _entry(row, topic_width, width)
    return "\n".join(lines).rstrip() + "\n"


def _heading(table: pd.DataFrame, scenario: bool, width: int) -> list[str]:
    """The title, the count of modelled and tested topics, and how to read the öre."""
    tested = int(table["tested"].sum())
    modelled = int(table["modelled"].sum())
    lines = [
        "Before raising the tax: 19 things to test (the report's checklist, in kommunbudget's words)",
        f"Modelled by a lever: {modelled} of 19.  "
        + (f"Tested by this scenario: {tested} of 19." if scenario else "No scenario given: nothing tested."),
    ]
    lines += textwrap.wrap("Worth: öre on the tax rate (1 kr per 100 kr = 100 öre); positive = a better result; "
                           "first = the first year with an effect; sum = öre added over the years. A measure tagged "
                           "with several topics counts in full under each, so the rows do not add up; a sale's "
                           "one-off realisation gain counts in its year (and not in the balanced-budget result).",
                           width=width)
    return [*lines, ""]


def _entry(row: pd.Series, topic_width: int, width: int) -> list[str]:
    """One topic: its line of the table, then the question, why it is not modelled, how to test it, the measures."""
    entry = item(int(row["number"]))
    levers = ", ".join(entry.levers) if entry.levers else "(not modelled)"
    topic = textwrap.shorten(entry.topic, topic_width - 1, placeholder="…")
    lines = [f"{entry.number:>3}  {topic:<{topic_width}}{levers:<28.27}{'yes' if row['tested'] else 'no':<7}"
             f"{row['worth_ore_first_year']:>10.1f}{row['worth_ore_last_year']:>10.1f}{row['worth_ore_sum']:>10.1f}"]
    texts = [f"Q: {entry.question} [{entry.swedish}]"]
    if entry.why_not:
        texts.append(f"Not modelled directly: {entry.why_not}")
    texts.append(f"How: {entry.how}")
    if row["measures"]:
        texts.append(f"Measures: {row['measures']}")
    for text in texts:
        lines += wrap(text, indent="     ", subsequent="       ", width=width, glue=NUMBER_AND_UNIT).splitlines()
    return [*lines, ""]
