"""Issue 12's acceptance: a councillor reads the HTML report and the workbook in Swedish without an English word.

The Swedish council report (``kommunbudget report``) of both presets, of a scenario on an approximate baseline
(Ystad, written here) and of one on a budget file (the budget template's filled example), with its tags, styles and
image data stripped, and every visible cell of the workbooks the council gets (``scenario`` for the same four, and
``project``, ``solve``, ``compare``, ``uncertainty``, ``sensitivity``; hidden columns, which hold the JSON
identifiers and the English labels for matching, excepted) hold no English word and no English possessive
(``SKR's``), and no identifier of the package (``labour_cost_change``).

The words and the rule for what is not read as a word (proper names, titles, files, figures) are shared with the
terminal's test (``tests/python/cli/test_swedish_terminal_scan.py``) through the fixture ``english_words_of``
(``tests/python/conftest.py``): a token (text between spaces) that holds a digit, a slash, an ``@``, a URL, or a dot
between letters (a file or module name: ``RULES.md``, ``skattekraft.csv``, ``kommunbudget.municipal_revenue``), or
that starts with ``--`` (a command-line option), is a name, a reference or a figure and is not checked; a token with
an underscore left after that is an identifier and fails here. The English words are English function words and the
package's English words that are not Swedish words; ``not`` is left out (Swedish: a budget's note) as are words both
languages write (``budget``, ``plan``, ``data``, ``per``, ``total``, ``under``). The scenarios (both presets, Ystad on
the approximate baseline, one on the budget template's example) come from the fixture ``swedish_cases``.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kommunbudget.cli.main import main


def page_text(path: Path) -> str:
    """The text a reader sees on the page: no style, no tags, no image data; entities decoded."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def visible_cells(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every text cell outside the hidden columns."""
    cells = []
    for ws in load_workbook(path).worksheets:
        hidden = {letter for letter, d in ws.column_dimensions.items() if d.hidden}
        cells += [(ws.title, c.coordinate, c.value) for row in ws.iter_rows() for c in row
                  if isinstance(c.value, str) and c.column_letter not in hidden]
    return cells


@pytest.mark.parametrize("case", ["sjobo_before_tax_rise", "sjobo_premises", "ystad", "own_budget"])
def test_the_swedish_report_has_no_english_word(case, swedish_cases, english_words_of, tmp_path):
    out = tmp_path / "rapport.html"
    assert main(["report", swedish_cases[case], "--out", str(out)]) == 0
    text = page_text(out)
    assert "Antaganden och källor" in text and "Fråga (engelska)" not in text
    words = english_words_of(text)
    assert not words, (case, sorted(set(words)))
    if case == "ystad":
        assert "UNGEFÄRLIGT UTGÅNGSLÄGE" in text
        assert "Effektivisering med 1 % i äldreomsorgen från 2026." in text  # description_sv, not description
        assert "1 % efficiency" not in text


def test_the_english_report_stays_english(swedish_cases, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", swedish_cases["ystad"], "--language", "en", "--out", str(out)]) == 0
    text = page_text(out)
    assert "1 % efficiency in elderly care from 2026." in text
    assert "Labour cost change (PKV, labour)" in text and "default, not data" in text


@pytest.mark.parametrize(("case", "argv"), [
    ("scenario", ["scenario", "sjobo_before_tax_rise"]),
    ("scenario_premises", ["scenario", "sjobo_premises"]),
    ("scenario_ystad", ["scenario", "ystad"]),
    ("scenario_own_budget", ["scenario", "own_budget"]),
    ("project", ["project", "Sjöbo", "--horizon", "2030"]),
    ("project_ystad", ["project", "Ystad", "--horizon", "2030"]),
    ("solve", ["solve", "Sjöbo"]),
    ("compare", ["compare", "Sjöbo"]),
    ("compare_ystad", ["compare", "Ystad"]),
    ("uncertainty", ["uncertainty", "sjobo_before_tax_rise", "--draws", "200", "--no-progress"]),
    ("tornado", ["sensitivity", "Sjöbo", "--horizon", "2030"]),
    ("sobol", ["sensitivity", "Sjöbo", "--horizon", "2030", "--method", "sobol", "--n", "16"]),
])
def test_every_visible_cell_of_the_workbook_is_swedish(case, argv, swedish_cases, english_words_of, tmp_path):
    argv = [swedish_cases.get(a, a) if a in ("ystad", "own_budget") else a for a in argv]
    out = tmp_path / f"{case}.xlsx"
    assert main([*argv, "--out", str(out)]) == 0
    bad = [(sheet, cell, word, text[:120]) for sheet, cell, text in visible_cells(out)
           for word in english_words_of(text)]
    assert not bad, bad[:20]
    # the identifiers are still there for matching JSON and CSV, in the hidden Id column
    wb = load_workbook(out)
    hidden_ids = [ws.title for ws in wb.worksheets
                  if any(d.hidden for d in ws.column_dimensions.values())]
    assert hidden_ids, case


def test_the_rule_finds_english(english_words_of):
    # the words of the old report, before issue 12: English sources, notes and identifiers are found
    assert english_words_of("held at 19,337 (31 Dec 2024): no population forecast in the data") == [
        "held", "at", "no", "population", "forecast", "the"]
    found = english_words_of("labour_cost_change | SKR's average PKV change 2018-2021, 2.6 % a year (SKR 2025, cited "
                          "by the 2025 report), for both components")
    assert {"labour_cost_change", "SKR's", "change", "by", "the", "report", "for", "both"} <= set(found)
    # names, files, URLs, figures and options are not words
    assert english_words_of("RULES.md skattekraft.csv https://finansiellinfo.se/Sjobo/Budget-2025/Noter.html "
                         "skr-2025-report 2018-2021 --set kommunbudget.municipal_revenue") == []
    # Swedish that shares its spelling with an English word is not flagged
    assert english_words_of("budgetens not: total skattesats; plan och budget per år") == []
