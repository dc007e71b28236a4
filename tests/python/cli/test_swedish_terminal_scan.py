"""Issue 12 in the terminal: every command's text output with ``--language sv`` (and ``--details`` where the command
has it) holds no English word.

The commands: ``project``, ``solve``, ``compare``, ``scenario``, ``uncertainty`` (2 000 draws), ``sensitivity``
(tornado and Sobol), ``explain-revenue``, ``revenue-table``, ``benchmark``, ``checklist``, ``vintages`` (the list
and ``--compare`` with a municipality or a budget) and ``datasets``, each for Sjöbo (an adopted budget embedded),
Ystad (the approximate baseline) and the budget template's filled example (a budget file) where the command takes a
municipality; ``scenario`` and ``uncertainty`` for both packaged scenarios, a scenario on Ystad and one on the budget
file (the fixture ``swedish_cases``, shared with ``tests/python/report/test_swedish_council.py``).

The words and the rule for names, titles, files, URLs and figures are the council report's (the fixture
``english_words_of``). What the terminal shows besides is identifiers, which a reader types back (``--set
labour_cost_change=...``, ``kind = "area_gap"``) or finds in the JSON: a token with an underscore
(``net_cost_msek``), and an identifier at the start of a row of the assumptions' and the sources' lists: a lower-case
word first on a line (after its indentation or a ``[kind]`` tag) followed by a colon, by two spaces (a table's label
column) or, after the tag, by a figure (``population  2025–2028``, ``[data] population 19 337``, ``population:
SCB ...``). ``vintages --compare A B`` names the two vintages A and B, as the option does. A user's own names (the
scenarios' and measures' names here are Swedish) need no exception.
"""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from kommunbudget.cli.main import main

#: An identifier at the start of a row (see the module docstring): the indentation and an optional ``[kind]`` tag,
#: then a lower-case identifier followed by ": ", two spaces, or (after a tag) a space and a figure.
_ROW_IDENTIFIER = re.compile(r"^(\s*)([a-z][a-z0-9_.:]*)(?=:\s|:$|\s{2,})|^(\s*\[[^\]\n]+\]\s+)([a-z][a-z0-9_.:]*)"
                             r"(?=\s+[−\-]?\d|:\s|\s{2,})", re.MULTILINE)

#: The identifier after a Swedish assumption label, which ``--set`` takes: "Invånare i utjämningen (population), 2025".
_LABELLED_IDENTIFIER = re.compile(r"\(([a-z][a-z0-9_.:]*)\),")

#: Each command in Swedish: name -> argv (``budget``, ``ystad`` and ``own_budget`` stand for the fixture's files).
COMMANDS = {
    "project": ["project", "Sjöbo", "--details"],
    "project_ystad": ["project", "Ystad", "--details"],
    "project_budget": ["project", "--budget", "budget", "--details"],
    "solve": ["solve", "Sjöbo", "--details"],
    "solve_ystad": ["solve", "Ystad", "--details"],
    "solve_budget": ["solve", "--budget", "budget", "--details"],
    "compare": ["compare", "Sjöbo", "--details"],
    "compare_ystad": ["compare", "Ystad", "--details"],
    "compare_budget": ["compare", "--budget", "budget", "--details"],
    "scenario_before_tax_rise": ["scenario", "sjobo_before_tax_rise", "--details"],
    "scenario_premises": ["scenario", "sjobo_premises", "--details"],
    "scenario_ystad": ["scenario", "ystad", "--details"],
    "scenario_budget": ["scenario", "own_budget", "--details"],
    "uncertainty": ["uncertainty", "sjobo_before_tax_rise", "--draws", "2000", "--no-progress", "--details"],
    "uncertainty_premises": ["uncertainty", "sjobo_premises", "--draws", "2000", "--no-progress", "--details"],
    "uncertainty_ystad": ["uncertainty", "ystad", "--draws", "2000", "--no-progress", "--details"],
    "uncertainty_budget": ["uncertainty", "own_budget", "--draws", "2000", "--no-progress", "--details"],
    "tornado": ["sensitivity", "Sjöbo", "--details"],
    "tornado_ystad": ["sensitivity", "Ystad", "--details"],
    "tornado_budget": ["sensitivity", "--budget", "budget", "--details"],
    "tornado_scenario": ["sensitivity", "sjobo_premises", "--details"],
    "sobol": ["sensitivity", "Sjöbo", "--method", "sobol", "--n", "16", "--details"],
    "sobol_ystad": ["sensitivity", "Ystad", "--method", "sobol", "--n", "16", "--details"],
    "sobol_budget": ["sensitivity", "--budget", "budget", "--method", "sobol", "--n", "16", "--details"],
    "explain_revenue": ["explain-revenue", "Sjöbo"],
    "explain_revenue_ystad": ["explain-revenue", "Ystad"],
    "explain_revenue_budget": ["explain-revenue", "--budget", "budget"],
    "revenue_table": ["revenue-table"],
    "benchmark": ["benchmark", "Sjöbo"],
    "benchmark_ystad": ["benchmark", "Ystad"],
    "benchmark_budget": ["benchmark", "--budget", "budget"],
    "checklist": ["checklist"],
    "vintages": ["vintages"],
    "vintages_compare": ["vintages", "--compare", "skr-2025-report", "government-uprating-2024-09",
                         "--municipality", "Sjöbo"],
    "vintages_compare_budget": ["vintages", "--compare", "skr-2025-report", "government-uprating-2024-09",
                                "--budget", "budget"],
    "datasets": ["datasets"],
}

#: A Swedish heading each command's output must show (so that an empty or English output cannot pass), by the start
#: of the case's name.
SWEDISH_HEADINGS = {
    "project": "resultaträkning", "solve": "skattesats som krävs", "compare": "höja skatten eller effektivisera",
    "scenario": "Utgångsläge och scenario", "uncertainty": "Sannolikhet per år", "tornado": "känslighet (tornado)",
    "sobol": "känslighet (Sobolindex)", "explain_revenue": "intäkterna förklarade",
    "revenue_table": "Intäkterna i alla 290 kommuner", "benchmark": "nettokostnad per verksamhet",
    "checklist": "Innan skatten höjs", "vintages": "årgångar av antaganden", "datasets": "inbäddade data",
}


def terminal_english(text: str, english_words_of, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English words of a terminal text: the council report's rule, less the identifiers (a token with an
    underscore, an identifier at the start of a row; see the module docstring) and the ``allowed`` tokens."""
    text = _ROW_IDENTIFIER.sub(lambda m: (m.group(1) if m.group(2) else m.group(3)) + "ID", text)
    text = _LABELLED_IDENTIFIER.sub("(ID),", text)
    return [w for w in english_words_of(text) if "_" not in w and w not in allowed]


def swedish_output(argv: list[str]) -> tuple[int, str, str]:
    """main(argv + ``--language sv``) with the output laid out for 120 columns: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([*argv, "--language", "sv"])
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", list(COMMANDS))
def test_the_swedish_terminal_output_has_no_english_word(case, swedish_cases, english_words_of, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    argv = [swedish_cases.get(a, a) if a in ("budget", "ystad", "own_budget") else a for a in COMMANDS[case]]
    status, out, err = swedish_output(argv)
    assert status == 0, err
    assert err == ""
    heading = next(text for start, text in SWEDISH_HEADINGS.items() if case.startswith(start))
    assert heading in out, (case, out[:300])
    allowed = frozenset({"A"}) if case.startswith("vintages_compare") else frozenset()  # the vintages A and B
    words = terminal_english(out, english_words_of, allowed)
    assert not words, (case, sorted(set(words)), [line for line in out.splitlines()
                                                  if any(re.search(rf"\b{re.escape(w)}\b", line) for w in words)][:10])


def test_the_terminal_rule(english_words_of):
    # an identifier at the start of a row of the assumptions or the sources is not a word ...
    assert terminal_english("      population                            2025–2028  19 337,0 varje år\n"
                            "  [standardvärde] population 19 337,0\n"
                            "  population: SCB via Kolada N01951\n"
                            "  [data] guarantee_share: 115 %", english_words_of) == []
    # ... but English prose is, at the start of a line too, and so is a possessive
    assert terminal_english("  the population of the county: held\n  Source: SKR's figure", english_words_of) == [
        "the", "population", "of", "the", "county", "held", "Source", "SKR's", "figure"]
    assert terminal_english("  Note: a measure  0,0", english_words_of) == ["Note", "a", "measure"]
    # identifiers elsewhere in a line are not words, user names and Swedish are not either
    assert terminal_english("gap mot referenskostnaden: net_cost_msek 109,2 mnkr; sälj tom lokal", english_words_of) \
        == []
