"""``kommunbudget report``: a scenario's council report, one self-contained HTML page (tables, charts embedded,
sources, the checklist), in Swedish by default (:func:`kommunbudget.report.council.council_report`).
"""
from __future__ import annotations

import argparse

from kommunbudget.report.council import council_report
from kommunbudget.report.documents import Document
from kommunbudget.scenarios.result import run as run_scenario
from kommunbudget.scenarios.schema import load_scenario

__all__ = ["run"]


def run(args: argparse.Namespace) -> Document:
    """Runs the scenario ``args.file`` (a file or a packaged example; ``args.budget`` replaces its baseline) and
    returns the document whose text is the HTML page (``args.language``: ``sv`` or ``en``).

    Raises
    ------
    ValueError
        For an invalid or missing scenario or budget file (the message names the file and the key).
    """
    scenario = load_scenario(args.file, budget=args.budget)
    result = run_scenario(scenario)
    doc = Document("report", {}, [], {})
    doc.inputs = [(what, str(path)) for what, path in scenario.files_read()]
    doc.text = council_report(result, language=args.language)
    return doc
