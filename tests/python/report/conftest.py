"""Fixtures of the workbook tests (``test_workbook.py``, ``test_workbook_libreoffice.py``): the commands whose
workbooks are checked, the documents they return, the workbooks written through the command line, and the check
that a workbook's sheets hold the document's numbers (read with openpyxl, or from LibreOffice's CSV per sheet).
"""
from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kommunbudget.cli.main import main, output_format
from kommunbudget.cli.parser import COMMANDS, build_parser
from kommunbudget.report.documents import Document
from kommunbudget.report.workbook import SHEET_TITLES

#: The workbooks checked: a file stem -> the command's arguments.
WORKBOOK_CASES: dict[str, list[str]] = {
    "project": ["project", "Sjöbo", "--horizon", "2030"],
    "project_approximate": ["project", "Ystad", "--horizon", "2027"],
    "solve": ["solve", "Sjöbo"],
    "compare": ["compare", "Sjöbo"],
    "scenario": ["scenario", "sjobo_before_tax_rise"],
    "scenario_premises": ["scenario", "sjobo_premises"],
}

#: Grid: sheet name -> rows of cell values (None for an empty cell).
Grid = dict[str, list[list[Any]]]


def document_of(argv: Sequence[str]) -> Document:
    """The document a command returns for ``argv`` (as the command line runs it, format xlsx)."""
    args = build_parser().parse_args([*argv, "--format", "xlsx", "--out", "unused.xlsx"])
    args.format = output_format(args.command, args.format, args.out)
    return importlib.import_module(COMMANDS[args.command]).run(args)


def _cell(value: Any) -> Any:
    return None if value == "" else value


def grids_of_xlsx(path: Path) -> Grid:
    """Every sheet's values, read with openpyxl."""
    wb = load_workbook(path)
    return {ws.title: [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


#: Rates a council sets: the workbook shows them in whole öre, rounded up (so that the rate shown meets its target);
#: the expected value is derived here by hand from the document's exact value.
WHOLE_ORE_TABLES = {"required_tax_rate", "sustained_change"}
WHOLE_ORE_ROWS = {("summary", "tax_change")}


def whole_ore_up(kr_per_100kr: float) -> float:
    """A rate or change in kr per 100 kr rounded up to whole öre (float noise below 1e-9 ignored): 0.8804 -> 0.89."""
    return math.ceil(kr_per_100kr * 100.0 - 1e-9) / 100.0


def _close(found: Any, expected: Any, rel: float) -> bool:
    if expected is None:
        return found is None
    if isinstance(expected, bool):
        expected = int(expected)
    if not isinstance(found, (int, float)) or isinstance(found, bool):
        return False
    return math.isclose(found, expected, rel_tol=rel, abs_tol=1e-9)


@dataclass
class WorkbookCheck:
    """Checks a workbook's grids against the document it was written from, to ``rel`` (openpyxl writes 16
    significant digits, ``%.16g``; Excel keeps 15)."""

    rel: float = 1e-14

    def tables(self, grids: Grid, doc: Document) -> int:
        """Every table of ``doc`` has its sheet, every row is there (by the identifier in the last column) with
        the document's values as numbers; returns the number of values checked."""
        years = [int(y) for y in doc.header.get("years", [])]
        checked = 0
        for table in doc.tables:
            rows = grids[SHEET_TITLES[table.name][0]]
            if table.yearly:
                header = rows[2]
                assert [int(v) for v in header[2:2 + len(years)]] == years, (table.name, header)
                assert header[2 + len(years)] == "Id"
                found = {row[2 + len(years)]: row[2:2 + len(years)] for row in rows[4:]
                         if len(row) > 2 + len(years) and row[2 + len(years)] is not None}
                assert set(found) == set(table.rows), table.name
                for ident, values in table.rows.items():
                    for year, got, want in zip(years, found[ident], values, strict=True):
                        if table.name in WHOLE_ORE_TABLES and isinstance(want, float):
                            want = whole_ore_up(want)
                        assert _close(got, want, self.rel), (table.name, ident, year, got, want)
                        checked += 1
            else:
                assert rows[2][:4] == [None, "Värde", "Enhet", "Id"]
                found = {row[3]: row[1] for row in rows[3:] if len(row) > 3 and row[3] is not None}
                assert set(found) == set(table.rows), table.name
                for ident, want in table.rows.items():
                    if (table.name, ident) in WHOLE_ORE_ROWS and isinstance(want, float):
                        want = whole_ore_up(want)
                    assert _close(found[ident], want, self.rel), (table.name, ident, found[ident], want)
                    checked += 1
        return checked

    def assumptions(self, grids: Grid, doc: Document) -> int:
        """The Antaganden sheet: each record by its identifier (the hidden column ``Id`` after ``Källa``) with a
        source, and its value in each year (the label and the source are Swedish: test_swedish_texts.py)."""
        records = doc.extra.get("assumptions", [])
        if not records:
            assert "Antaganden" not in grids
            return 0
        rows = grids["Antaganden"]
        header = rows[2]
        source_col = header.index("Källa")
        assert header[source_col + 1] == "Id"
        columns = [int(v) for v in header[3:source_col]]
        checked = 0
        for record, row in zip(records, rows[4:], strict=False):
            assert row[source_col + 1] == record["assumption"]
            assert row[0] and row[source_col], record["assumption"]
            for year, want in zip(record["years"], record["values"], strict=True):
                if year in columns:
                    assert _close(row[3 + columns.index(year)], want, self.rel), (record["assumption"], year)
                    checked += 1
        assert len([r for r in rows[4:] if r and r[0] is not None]) == len(records)
        return checked

    def about(self, grids: Grid, doc: Document) -> None:
        """The Om sheet names the municipality, the vintage and the schema."""
        texts = [str(v) for row in grids["Om"] for v in row if v is not None]
        assert doc.header["municipality"]["name"] in texts
        assert doc.header["vintage"] in texts
        assert doc.schema in texts


@pytest.fixture(scope="session")
def workbook_cases() -> dict[str, list[str]]:
    """:data:`WORKBOOK_CASES`."""
    return dict(WORKBOOK_CASES)


@pytest.fixture(scope="session")
def workbook_documents() -> dict[str, Document]:
    """The document of each case, computed once."""
    return {name: document_of(argv) for name, argv in WORKBOOK_CASES.items()}


@pytest.fixture(scope="session")
def written_workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case written by the command line (``--out <case>.xlsx``), and the template (with and without a
    municipality)."""
    folder = tmp_path_factory.mktemp("workbooks")
    paths = {}
    for name, argv in WORKBOOK_CASES.items():
        paths[name] = folder / f"{name}.xlsx"
        assert main([*argv, "--out", str(paths[name])]) == 0
    for name, argv in (("template", ["template", "--municipality", "Ystad"]), ("template_empty", ["template"])):
        paths[name] = folder / f"{name}.xlsx"
        assert main([*argv, "--out", str(paths[name])]) == 0
    return paths


@pytest.fixture(scope="session")
def grids_of():
    """``grids_of(path)``: every sheet's values of a workbook, read with openpyxl."""
    return grids_of_xlsx


@pytest.fixture(scope="session")
def workbook_check():
    """``workbook_check(rel=1e-14)``: a :class:`WorkbookCheck`."""
    return WorkbookCheck
