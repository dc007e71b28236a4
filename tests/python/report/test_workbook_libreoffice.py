"""The workbooks as LibreOffice reads them: each written workbook (project, solve, compare, scenario, template) is
converted headless by ``soffice --convert-to csv``, one CSV per sheet, and the values must equal the document's
tables; with a Swedish locale the numbers show as Swedish numbers (``-1 656,2``, ``-2,0%``).

``make test`` installs LibreOffice (``libreoffice-calc-nogui``, scripts/setup.sh); without ``soffice`` on the path the
module is skipped, saying so.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from kommunbudget.data.budget_figures import STATEMENT_ITEMS
from kommunbudget.data.budgets import adopted_budget

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; `make test` "
                                                        "installs libreoffice-calc-nogui (scripts/setup.sh test-apt)")

#: CSV export: comma, '"', UTF-8 (76), values as stored (not as shown), every sheet to its own file (-1).
_RAW = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
#: The same as shown: semicolons, the cell formats applied in the profile's locale.
_SHOWN = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1"

_SWEDISH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>sv-SE</value>
</prop></item>
</oor:items>
"""


def _convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    """Converts ``files`` with one headless soffice run (its own profile, so it never meets a running office)."""
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


def _number(text: str):
    """A CSV field as a number (LibreOffice writes a percent-formatted value as ``-1.97383347198064%`` even
    unformatted), else the text; None when empty."""
    if text == "":
        return None
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        return text


def _grids(outdir: Path, stem: str) -> dict[str, list[list]]:
    """The sheets of one converted workbook: ``<stem>-<sheet>.csv`` -> rows of numbers and texts."""
    grids = {}
    for path in outdir.glob(f"{stem}-*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            grids[path.stem[len(stem) + 1:]] = [[_number(v) for v in row] for row in csv.reader(handle)]
    return grids


@pytest.fixture(scope="module")
def converted(written_workbooks, tmp_path_factory) -> dict[str, Path]:
    """Every written workbook converted by LibreOffice: raw values (``raw``) and as shown in Swedish (``sv``)."""
    base = tmp_path_factory.mktemp("libreoffice")
    files = []
    for name, path in written_workbooks.items():  # plain ASCII names for the converter
        files.append(base / f"{name}.xlsx")
        shutil.copy(path, files[-1])
    _convert(files, _RAW, base / "raw", base / "profile")
    swedish = base / "profile-sv"
    (swedish / "user").mkdir(parents=True)
    (swedish / "user" / "registrymodifications.xcu").write_text(_SWEDISH_PROFILE, encoding="utf-8")
    _convert([base / "project.xlsx"], _SHOWN, base / "sv", swedish)
    return {"raw": base / "raw", "sv": base / "sv"}


@pytest.mark.parametrize("case", ["project", "project_approximate", "solve", "compare", "scenario",
                                  "scenario_premises"])
def test_libreoffice_reads_the_documents_numbers(case, converted, workbook_documents, workbook_check):
    grids = _grids(converted["raw"], case)
    doc = workbook_documents[case]
    check = workbook_check(rel=1e-13)  # LibreOffice writes 15 significant digits
    assert check.tables(grids, doc) > 0
    check.assumptions(grids, doc)
    check.about(grids, doc)


def test_libreoffice_reads_the_template(converted):
    grids = _grids(converted["raw"], "template")
    assert {"Instruktioner", "Resultatbudget", "Skatter och bidrag", "Förutsättningar", "Verksamheter",
            "Exempel Resultatbudget"} <= set(grids)
    assert [row[0] for row in grids["Resultatbudget"][4:] if row and row[0]] == [i.label for i in STATEMENT_ITEMS]
    assert grids["Resultatbudget"][3][1:4] == ["Budget 2025", "Plan 2026", "Plan 2027"]
    budget = adopted_budget("1265", "Sjobo/Budget-2024", 2024)
    example = grids["Exempel Resultatbudget"]
    for r, item in enumerate(STATEMENT_ITEMS, start=4):
        assert example[r][1:5] == [budget[y].get(item.id) for y in budget["years"]], item.id
    assert isinstance(grids["Förutsättningar"][6][1], float)  # the suggested tax rate is a number


def test_libreoffice_shows_swedish_numbers(converted):
    with open(converted["sv"] / "project-Resultaträkning.csv", encoding="utf-8", newline="") as handle:
        rows = {row[-1]: row for row in csv.reader(handle, delimiter=";") if row}
    thin = ("\u00a0", " ", "\u202f")
    costs = rows["operating_costs"][2]
    assert costs.replace(thin[1], " ").replace(thin[0], " ").replace(thin[2], " ") == "-1 656,2"
    assert rows["result_share"][2] == "-2,0%"
    assert rows["tax_rate"][2] == "20,92"
