"""``kommunbudget checklist``: the report's nineteen things to test before a tax rise and the lever that models each;
with a scenario file, which of them it tested and what each is worth in öre on the tax rate.
"""
from __future__ import annotations

import argparse

from kommunbudget.report.checklist_text import checklist_text
from kommunbudget.report.documents import Document
from kommunbudget.scenarios.checklist import checklist
from kommunbudget.scenarios.result import run as run_scenario

__all__ = ["run"]


def run(args: argparse.Namespace) -> Document:
    """The checklist, of the scenario ``args.file`` if one is given; the document (JSON: ``scenario``, the name or
    null, and ``items``, the checklist's records).

    Raises
    ------
    ValueError
        For an invalid or missing scenario file.
    """
    result = run_scenario(args.file) if args.file else None
    table = checklist(result)
    doc = Document("checklist", {}, [], {"scenario": result.scenario.name if result else None,
                                         "items": table.to_dict(orient="records")})
    if result is not None:
        doc.inputs = [(what, str(path)) for what, path in result.scenario.files_read()]
    if args.format == "table":
        doc.text = checklist_text(table, scenario=result is not None, language=getattr(args, "language", "en"))
    return doc
