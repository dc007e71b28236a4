"""The budget workbook reader (``kommunbudget.data.budget_file``, ``docs/budget-workbook.md``).

The positive cases write Sjöbo's Budget 2024 with plan 2025-2027 (finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget
and Noter) as a finance department would type it, and compare what is read with the embedded budget
(``resultatrakningar_exempel.csv`` through ``adopted_budget``). The malformed files are in
``fixtures/bad_budgets/`` (written by ``fixtures/make_budgets.py``); the message each must give is in
:data:`BAD_BUDGETS`.
"""
from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kommunbudget.data.budget_figures import FigureSource
from kommunbudget.data.budget_file import BudgetFileError, read_budget_file
from kommunbudget.data.budgets import adopted_budget

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad_budgets"
NBSP = "\u00a0"
MINUS = "\u2212"

# Sjöbo's Budget 2024, typed as in the printed document: mnkr with decimal comma as text, costs positive, a note
# reference, a comment column; the note in tkr with no-break spaces and the true minus sign.
STATEMENT = [
    ["Resultatbudget Sjöbo kommun", None, None, None, None, None],
    ["Belopp i mnkr", None, None, None, None, None],
    [None, "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027", "Kommentar"],
    ["Verksamhetens intäkter", "335,6", "352,3", "368,5", "385,5", "inkl. taxor"],
    ["Verksamhetens kostnader", "1 656,2", "1 647,8", "1 719,6", "1 792,1", None],
    ["Avskrivningar (not 2)", "37,7", "40,5", "42,5", "44,0", None],
    ["VERKSAMHETENS NETTOKOSTNADER", f"{MINUS}1 358,3", "-1 336,0", f"-1{NBSP}393,6", "-1450,6", None],
    ["Skatteintäkter (not 3)", "995,3", "1 042,8", "1 091,4", "1 134,0", None],
    ["Generella statsbidrag och utjämning 3)", "327,0", "324,4", "337,4", "345,8", None],
    ["Verksamhetens resultat", f"{MINUS}36,0", "31,2", "35,2", "29,2", None],
    ["Finansiella intäkter", "10,6", "9,1", "9,1", "9,1", None],
    ["Finansiella kostnader", "0,7", "0,3", "0,3", "0,3", None],
    ["Årets resultat", "-26,1", "40,0", "44,0", "38,0", None],
    [None, None, None, None, None, None],
    ["Balanskravsutredning", "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027", None],
    ["Avgår realisationsvinster", "0,0", "0,0", "0,0", "0,0", None],
    ["Orealiserade vinster och förluster i värdepapper", "0,0", "0,0", "0,0", "0,0", None],
    ["Årets resultat efter balanskravsjusteringar", "-26,1", "40,0", "44,0", "38,0", None],
    ["Medel från RUR", "7,5", "0,0", "0,0", "0,0", "beslut KF"],
    ["Balanskravsresultat", "-18,6", "40,0", "44,0", "38,0", None],
]
NOTE = [
    ["Not 3 Skatteintäkter och generella statsbidrag", None, None, None, None],
    ["Belopp i tkr", None, None, None, None],
    [None, "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"],
    ["Preliminär kommunalskatt", 995300, "1 042 800", f"1{NBSP}091{NBSP}400", "1 134 000"],
    ["Slutavräkning innevarande år", 0, 0, 0, 0],
    ["Summa skatteintäkter", 995300, 1042800, 1091400, 1134000],
    ["Inkomstutjämning", "262 600", "270 600", "279 900", "289 200"],
    ["Kostnadsutjämning", f"{MINUS}29 000", f"{MINUS}27 800", "-16 500", "\u201310 700"],
    ["LSS-utjämning", -4600, -4600, -4600, -4600],
    ["Regleringsbidrag/-avgift", 44300, 32500, 24900, 18200],
    ["Kommunal fastighetsavgift", 53700, 53700, 53700, 53700],
    ["Övriga generella statsbidrag", 0, 0, 0, 0],
    ["Summa generella statsbidrag och utjämning", 327000, 324400, 337400, 345800],
    ["Summa skatteintäkter och generella statsbidrag", 1322300, 1367200, 1428800, 1479800],
]
PREMISES = [
    ["Kommun", "Sjöbo"],
    ["Dokument", "Budget 2024 med plan 2025-2027"],
    [None, "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"],
    ["Skattesats", "20,92", "20,92", "20,92", "20,92"],
    ["Invånare", "19 337"],
    ["Befolkning per datum", "2023-11-01"],
]
SHEETS = {"Resultatbudget": STATEMENT, "Skatter och bidrag": NOTE, "Förutsättningar": PREMISES}


def _write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def _swedish(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"{value:,}".replace(",", " ").replace(".", ",")
    return str(value)


def _write_csv(folder: Path, sheets: dict[str, list[list]], delimiter: str, bom: bool) -> Path:
    folder.mkdir()
    for name, rows in sheets.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            csv.writer(handle, delimiter=delimiter).writerows([[_swedish(v) for v in row] for row in rows])
    return folder


def _assert_sjobo(figures) -> None:
    embedded = adopted_budget("1265", "Sjobo/Budget-2024", 2024)
    assert figures.municipality == "1265"
    assert figures.budget_year == 2024
    assert figures.plan_years == [2025, 2026, 2027]
    assert dict(figures.year_kinds) == embedded["kind"]
    for year in embedded["years"]:
        assert dict(figures.items[year]) == embedded[year], year
    assert dict(figures.tax_rate) == {2024: 20.92, 2025: 20.92, 2026: 20.92, 2027: 20.92}
    assert dict(figures.population) == {2024: 19337.0}
    assert figures.population_date == "2023-11-01"
    assert figures.title == "Budget 2024 med plan 2025-2027"
    figures.check()


def test_sjobo_workbook_reads_back_the_embedded_budget(tmp_path: Path) -> None:
    figures = read_budget_file(_write_xlsx(tmp_path / "sjobo.xlsx", SHEETS))
    _assert_sjobo(figures)
    # Spot checks written out: costs typed positive are stored negative; tkr became MSEK.
    assert figures.items[2024]["verksamhetens_kostnader"] == -1656.2
    assert figures.items[2024]["finansiella_kostnader"] == -0.7
    assert figures.items[2027]["utj_kostnadsutjamning"] == -10.7
    assert figures.items[2025]["skatt_kommunalskatt_preliminar"] == 1042.8


def test_sources_name_file_sheet_and_cell(tmp_path: Path) -> None:
    figures = read_budget_file(_write_xlsx(tmp_path / "sjobo.xlsx", SHEETS))
    assert figures.source("2024:verksamhetens_kostnader") == FigureSource("sjobo.xlsx", "Resultatbudget", "B5")
    assert figures.source("2027:utj_kostnadsutjamning") == FigureSource("sjobo.xlsx", "Skatter och bidrag", "E8")
    assert figures.source("tax_rate:2026") == FigureSource("sjobo.xlsx", "Förutsättningar", "D4")
    assert figures.source("population:2024") == FigureSource("sjobo.xlsx", "Förutsättningar", "B5")
    assert figures.source("2024:verksamhetens_kostnader").text() == \
        "your budget: sjobo.xlsx, sheet Resultatbudget, cell B5"


@pytest.mark.parametrize(("delimiter", "bom", "given"), [(";", True, "folder"), (",", False, "Resultatbudget.csv"),
                                                          (";", False, "Förutsättningar.csv")])
def test_sjobo_csv_files_read_back_the_embedded_budget(tmp_path: Path, delimiter: str, bom: bool,
                                                       given: str) -> None:
    folder = _write_csv(tmp_path / "budget", SHEETS, delimiter, bom)
    figures = read_budget_file(folder if given == "folder" else folder / given)
    _assert_sjobo(figures)
    assert figures.source("2024:avskrivningar") == FigureSource("Resultatbudget.csv", "Resultatbudget", "B6")
    assert figures.default_source == FigureSource("budget/")


def test_the_file_is_not_modified(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "sjobo.xlsx", SHEETS)
    os.chmod(path, 0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    read_budget_file(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sjobo.xlsx"]


def test_bare_years_units_outcome_dashes_and_service_areas(tmp_path: Path) -> None:
    """A bare year with its kind below, an outcome column, amounts in kr, a dash for nothing, sheet names in
    other case and without å/ä/ö, the service areas."""
    statement = [[None, "Belopp i kr", None, None, None, None],
                 [None, 2023, 2024, 2025, 2026, 2027],
                 [None, "Utfall", "Budget", "Plan", "Plan", "Plan"]]
    factor = 1_000_000
    for row in STATEMENT[3:13]:
        values = [float(str(v).replace(" ", "").replace(NBSP, "").replace(MINUS, "-").replace(",", "."))
                  for v in row[1:5]]
        statement.append([row[0], "-", *(round(v * factor) for v in values)])
    note = [["Enhet: mnkr"], [None, 2023, 2024, 2025, 2026, 2027], [None, "bokslut", "budget", "plan", "plan", "plan"]]
    note += [["Preliminär kommunalskatt", None, 995.3, 1042.8, 1091.4, 1134.0],
             ["Inkomstutjämning", None, 262.6, 270.6, 279.9, 289.2],
             ["Kostnadsutjämning", None, -29.0, -27.8, -16.5, -10.7],
             ["LSS-utjämning", None, -4.6, -4.6, -4.6, -4.6],
             ["Regleringsbidrag", None, 44.3, 32.5, 24.9, 18.2],
             ["Fastighetsavgift", None, 53.7, 53.7, 53.7, 53.7]]
    premises = [["Kommun", 1265], ["", "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"],
                ["Skattesats", 20.92, 20.92, 20.92, 20.92], ["Invånare", 19337, 19500],
                ["Befolkning per datum", "2023-11-01"]]
    areas = [["Belopp i mnkr"], ["Verksamhet", "Budget 2024"], ["Utbildning", "800,5"], ["Äldreomsorg", 450],
             ["Summa", "1 250,5"]]
    path = _write_xlsx(tmp_path / "b.xlsx", {"RESULTATBUDGET ": statement, "skatter och bidrag": note,
                                              "Forutsattningar": premises, "Verksamheter": areas,
                                              "Instruktioner": [["Fyll i ..."]]})
    figures = read_budget_file(path)
    assert dict(figures.year_kinds) == {2023: "utfall", 2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan"}
    assert figures.items[2023] == {item: 0.0 for item in figures.items[2023]}  # the dashes
    assert figures.items[2024]["verksamhetens_kostnader"] == -1656.2
    assert figures.items[2026]["verksamhetens_nettokostnader"] == -1393.6
    assert dict(figures.population) == {2024: 19337.0, 2025: 19500.0}
    assert dict(figures.service_areas) == {"Utbildning": 800.5, "Äldreomsorg": 450.0}
    assert figures.source("service_area:Äldreomsorg") == FigureSource("b.xlsx", "Verksamheter", "B4")
    assert figures.title == ""


def test_unit_in_the_header_row(tmp_path: Path) -> None:
    """'Mnkr' in the header row's column A, or the unit in parentheses after a year ('Budget 2024 (tkr)')."""
    statement = [row[:5] for row in STATEMENT if row[0] != "Belopp i mnkr"]
    statement[1] = ["Mnkr", "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
    note = [row for row in NOTE if row[0] != "Belopp i tkr"]
    note[1] = [None, "Budget 2024 (tkr)", "Plan 2025 (tkr)", "Plan 2026", "Plan 2027"]
    path = _write_xlsx(tmp_path / "u.xlsx", {**SHEETS, "Resultatbudget": statement, "Skatter och bidrag": note})
    _assert_sjobo(read_budget_file(path))


def test_a_formula_is_read_through_its_saved_value(tmp_path: Path) -> None:
    """A formula cell gives the value the spreadsheet saved with it (openpyxl saves none, so one is put in the
    sheet's XML as Excel writes it)."""
    path = _write_xlsx(tmp_path / "f.xlsx", SHEETS)
    workbook = openpyxl.load_workbook(path)
    workbook["Resultatbudget"]["B7"] = "=B4-B5-B6"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert b"<f>B4-B5-B6</f><v />" in parts[sheet]
    parts[sheet] = parts[sheet].replace(b"<f>B4-B5-B6</f><v />", b"<f>B4-B5-B6</f><v>-1358.3</v>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    figures = read_budget_file(path)
    assert figures.items[2024]["verksamhetens_nettokostnader"] == -1358.3


#: Fixture -> (sheet, cell, fragments of the message). Every message starts with the file's name.
BAD_BUDGETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "sum_nettokostnader.xlsx": ("Resultatbudget", "B7", (
        "Verksamhetens nettokostnader 2024 is -1368.3 MSEK, but the sum of Verksamhetens intäkter + Verksamhetens "
        "kostnader + Avskrivningar is -1358.3 MSEK (difference -10.0 MSEK",)),
    "sum_verksamhetens_resultat.xlsx": ("Resultatbudget", "C10", (
        "Verksamhetens resultat 2025 is 21.2 MSEK", "is 31.2 MSEK (difference -10.0 MSEK")),
    "sum_arets_resultat.xlsx": ("Resultatbudget", "D13", (
        "Årets resultat 2026 is 54.0 MSEK, but the sum of Verksamhetens resultat + Finansiella intäkter + "
        "Finansiella kostnader is 44.0 MSEK (difference 10.0 MSEK",)),
    "sum_balanskravsresultat.xlsx": ("Resultatbudget", "B15", (
        "Balanskravsresultat 2024 is -26.1 MSEK", "is -18.6 MSEK (difference -7.5 MSEK")),
    "sum_grants.xlsx": ("Resultatbudget", "E9", (
        "Generella statsbidrag och utjämning 2027 is 345.8 MSEK, but the sum of the grant items of sheet Skatter "
        "och bidrag is 335.8 MSEK (difference 10.0 MSEK",)),
    "sum_tax.xlsx": ("Resultatbudget", "B8", (
        "Skatteintäkter 2024 is 995.3 MSEK, but the sum of the tax items of sheet Skatter och bidrag is 985.3 MSEK",)),
    "unknown_line.xlsx": ("Resultatbudget", "A7", ("unknown line 'Övriga kostnader' with numbers; known lines:",)),
    "note_line_in_statement.xlsx": ("Resultatbudget", "A7", (
        "unknown line 'Inkomstutjämning' with numbers; it belongs on sheet Skatter och bidrag",)),
    "duplicate_year.xlsx": ("Resultatbudget", "F3", ("the year 2025 has two columns (C3 and F3)",)),
    "duplicate_line.xlsx": ("Resultatbudget", "A7", ("the line 'Avskrivningar' appears twice (rows 6 and 7)",)),
    "text_in_number.xlsx": ("Resultatbudget", "B4", ("expected a number, found the text 'ca 335'",)),
    "missing_year_in_note.xlsx": ("Skatter och bidrag", "", (
        "the sheet has no column for Plan 2027, which sheet Resultatbudget gives",)),
    "years_differ.xlsx": ("Skatter och bidrag", "", (
        "the years differ between the sheets: Resultatbudget gives Budget 2024, Plan 2025, Plan 2026, Plan 2027, "
        "Skatter och bidrag gives Budget 2025, Plan 2026, Plan 2027, Plan 2028",)),
    "no_unit.xlsx": ("Resultatbudget", "", ("no unit is declared; write 'Belopp i mnkr'",)),
    "two_units.xlsx": ("Skatter och bidrag", "B2", ("two different units are declared (tkr in B2, mnkr in A3)",)),
    "no_budget_year.xlsx": ("Resultatbudget", "B3", (
        "no column is the budget year (found Plan 2024, Plan 2025, Plan 2026, Plan 2027)",)),
    "two_budget_years.xlsx": ("Resultatbudget", "C3", (
        "two columns are marked as the budget year: B3 (Budget 2023) and C3 (Budget 2024)",)),
    "plan_gap.xlsx": ("Resultatbudget", "D3", (
        "the plan years have a gap: 2026 is missing between the budget year 2024 and plan year 2027",)),
    "missing_line.xlsx": ("Resultatbudget", "", ("the required line 'Finansiella kostnader' is missing",)),
    "missing_value.xlsx": ("Resultatbudget", "D6", ("the line 'Avskrivningar' has no value for 2026",)),
    "missing_population_date.xlsx": ("Förutsättningar", "", ("the required line 'Befolkning per datum' is missing",)),
    "tax_rate_fraction.xlsx": ("Förutsättningar", "B4", (
        "the tax rate 0.2092 for 2024 looks like a fraction", "write 20,92")),
    "tax_rate_ore.xlsx": ("Förutsättningar", "C4", ("the tax rate 2092 for 2025 looks like öre", "write 20,92")),
    "missing_sheet.xlsx": ("", "", (
        "no sheet 'Förutsättningar' (sheets found: 'Resultatbudget', 'Skatter och bidrag')",)),
    "unknown_municipality.xlsx": ("Förutsättningar", "B1", (
        "municipality: no Swedish municipality matches 'Sjöbyn'", "Sjöbo (1265)")),
    "formula_without_value.xlsx": ("Resultatbudget", "B7", (
        "formula without a saved value", "open the workbook in Excel or LibreOffice and save it first")),
    "year_without_kind.xlsx": ("Resultatbudget", "B3", (
        "the year 2024 needs its kind (Budget, Plan or Utfall) in the cell below it (B4)",)),
    "service_areas_exceed_costs.xlsx": ("Verksamheter", "", (
        "the service areas sum to 1800.0 MSEK, more than the operating costs of 2024 (1656.2 MSEK",)),
    "sum_note_total.xlsx": ("Skatter och bidrag", "E10", (
        "Skatteintäkter och generella statsbidrag 2027 is 1489.8 MSEK, but the sum of Skatteintäkter + Generella "
        "statsbidrag och utjämning of sheet Resultatbudget is 1479.8 MSEK (difference 10.0 MSEK",)),
    "html_export.xls": ("", "", ("is not an xlsx workbook (it is an HTML or XML file",)),
    "text_renamed.xlsx": ("", "", ("is not an xlsx workbook (it is a text file; if it holds CSV, name it after its "
                                   "sheet, e.g. Resultatbudget.csv)", "accepted are an .xlsx workbook",
                                   "or CSV files")),
    "old_excel.xls": ("", "", ("is an Excel 97-2003 workbook (.xls)", "save it as .xlsx")),
    "old_excel_renamed.xlsx": ("", "", ("is an Excel 97-2003 workbook (.xls) or a password-protected workbook",)),
    "opendocument.ods": ("", "", ("is an OpenDocument spreadsheet (.ods)", "save it as .xlsx")),
    "zip_renamed.xlsx": ("", "", ("is a zip archive but not an xlsx workbook",)),
    "truncated.xlsx": ("", "", ("is not an xlsx workbook (a damaged zip archive",)),
    "empty.xlsx": ("", "", ("is empty (0 bytes)",)),
    "csv_latin1": ("", "", ("Förutsättningar.csv: the file is not UTF-8 text (byte 0xF6", "save it as UTF-8")),
    "csv_text_in_number": ("Skatter och bidrag", "C7", ("expected a number, found the text 'se not'",)),
    "lokaler_unknown_column.xlsx": ("Lokaler", "C2", (
        "unknown column 'Yta'; expected the columns id, use, area_m2, book_value_msek",)),
    "lokaler_missing_column.xlsx": ("Lokaler", "J2", ("the header row lacks the required column vacancy",)),
    "lokaler_duplicate_id.xlsx": ("Lokaler", "A4", ("the id 'Exempel 1:1' appears twice (rows 3 and 4)",)),
    "lokaler_text_in_number.xlsx": ("Lokaler", "F3", ("expected a number, found the text 'ca 6'",)),
    "lokaler_not_true_or_false.xlsx": ("Lokaler", "I4", ("expected true or false (also ja/nej, 1/0), found 'kanske'",)),
    "investeringar_text_in_number.xlsx": ("Investeringar", "C4", ("expected a number, found the text 'ca 90'",)),
    "investeringar_missing_value.xlsx": ("Investeringar", "E4", ("the net investment has no value for 2027",)),
    "investeringar_unknown_line.xlsx": ("Investeringar", "A5", (
        "unknown line 'Ny skola' with numbers; the sheet holds the line 'Nettoinvesteringar'",)),
}


def test_every_bad_budget_has_its_message() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(BAD_BUDGETS)
    assert len(BAD_BUDGETS) >= 20


@pytest.mark.parametrize("name", sorted(BAD_BUDGETS))
def test_bad_budget_is_refused_with_its_message(name: str) -> None:
    sheet, cell, fragments = BAD_BUDGETS[name]
    path = FIXTURES / name
    before = {p: p.read_bytes() for p in ([path] if path.is_file() else sorted(path.iterdir()))}
    with pytest.raises(BudgetFileError) as caught:
        read_budget_file(path)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    file = (name + "/") if path.is_dir() else name
    if sheet:
        start = f"{sheet}.csv" if path.is_dir() else file
        assert message.startswith(f"{start}, sheet {sheet}" + (f", cell {cell}: " if cell else ": ")), message
    else:
        assert message.split(":")[0] in (file, "Förutsättningar.csv"), message
    for fragment in fragments:
        assert fragment in message, message
    assert (caught.value.sheet, caught.value.cell) == (sheet, cell)
    assert {p: p.read_bytes() for p in before} == before


def test_a_stray_cell_far_down_costs_nothing(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "far.xlsx", SHEETS)
    workbook = openpyxl.load_workbook(path)
    workbook["Resultatbudget"]["A1048576"] = "utskriven av ekonomiavdelningen"
    workbook.save(path)
    _assert_sjobo(read_budget_file(path))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(BudgetFileError, match=r"^nothing\.xlsx: no such file or folder"):
        read_budget_file(tmp_path / "nothing.xlsx")


def test_a_folder_without_the_csv_files_lists_what_it_found(tmp_path: Path) -> None:
    (tmp_path / "budget").mkdir()
    (tmp_path / "budget" / "Resultatbudget.csv").write_text("Belopp i mnkr\n", encoding="utf-8")
    (tmp_path / "budget" / "skatter.csv").write_text("Belopp i mnkr\n", encoding="utf-8")
    with pytest.raises(BudgetFileError) as caught:
        read_budget_file(tmp_path / "budget" / "Resultatbudget.csv")
    assert str(caught.value) == (
        "budget/: no CSV file for the sheet 'Skatter och bidrag', expected Skatter och bidrag.csv (sheets found: "
        "'Resultatbudget'; other CSV files: skatter.csv); required: Resultatbudget, Skatter och bidrag, "
        "Förutsättningar, one CSV file each, named after the sheet")


def test_service_areas_written_negative_and_twice(tmp_path: Path) -> None:
    areas = [["Belopp i tkr"], ["Utbildning", "-800 500"], ["Äldreomsorg", -450000]]
    figures = read_budget_file(_write_xlsx(tmp_path / "v.xlsx", {**SHEETS, "Verksamheter": areas}))
    assert dict(figures.service_areas) == {"Utbildning": 800.5, "Äldreomsorg": 450.0}
    areas.insert(1, ["Verksamhet", "Budget 2025"])
    with pytest.raises(BudgetFileError, match=r"^v\.xlsx, sheet Verksamheter, cell B2: the column holds Budget 2025, "
                                              r"but the service areas give the budget year, 2024"):
        read_budget_file(_write_xlsx(tmp_path / "v.xlsx", {**SHEETS, "Verksamheter": areas}))
    areas[1] = ["Verksamhet", "Nettokostnad (tkr)"]
    areas.append(["äldreomsorg", 1])
    with pytest.raises(BudgetFileError, match=r"^v\.xlsx, sheet Verksamheter, cell A5: the service area "
                                              r"'äldreomsorg' appears twice"):
        read_budget_file(_write_xlsx(tmp_path / "v.xlsx", {**SHEETS, "Verksamheter": areas}))


def test_reading_a_csv_budget_does_not_import_openpyxl(tmp_path: Path) -> None:
    """openpyxl is imported when a workbook is read, not with the module (the command line stays fast)."""
    folder = _write_csv(tmp_path / "budget", SHEETS, ";", False)
    code = ("import sys; from kommunbudget.data.budget_file import read_budget_file; "
            f"read_budget_file({str(folder)!r}); print('openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


PORTFOLIO_CSV = Path(__file__).resolve().parents[3] / "python" / "kommunbudget" / "data" / "files" / "scenarios" / \
    "sjobo_premises_portfolio.csv"


def _portfolio_rows() -> list[list]:
    """The packaged illustrative portfolio as a Lokaler sheet: a title, the header (in capitals: case is ignored),
    the rows with numbers as Swedish text and as numbers."""
    lines = [line for line in PORTFOLIO_CSV.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.reader(lines))
    body = [[float(v) if i in (2, 3) else v.replace(".", ",") if i > 3 and v[:1].isdigit() else v
             for i, v in enumerate(row)] for row in rows[1:]]
    return [["Lokaler (illustrativt)"], [c.upper() for c in rows[0]], *body]


def test_lokaler_and_investeringar_are_read_with_their_cells(tmp_path: Path) -> None:
    investments = [["Investeringar"], ["Belopp i tkr"], [None, "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"],
                   ["Nettoinvesteringar", "-120 500", -90000, -80000, -75000]]
    path = _write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Lokaler": _portfolio_rows(), "Investeringar": investments,
                                             "Exempel Lokaler": [["id"], ["x"]]})
    figures = read_budget_file(path)
    _assert_sjobo(figures)
    assert len(figures.premises) == 8
    assert dict(figures.premises[3]) == {
        "id": "Exempel 3:1", "use": "f.d. skola (tom)", "area_m2": 2500.0, "book_value_msek": 8.0,
        "market_value_msek": 14.0, "running_cost_msek": 1.6, "depreciation_msek": 0.4, "vacancy": 1.0,
        "need_remains": False, "external_rent_msek": 0.0}
    assert figures.source("premises:4:vacancy") == FigureSource("b.xlsx", "Lokaler", "H6")
    assert dict(figures.investments) == {2024: 120.5, 2025: 90.0, 2026: 80.0, 2027: 75.0}
    assert figures.source("investments:2025") == FigureSource("b.xlsx", "Investeringar", "C4")


@pytest.mark.parametrize("rate", ["0,025", 0.025])
def test_a_borrowing_rate_written_as_a_fraction_is_refused_naming_the_cell(tmp_path: Path, rate) -> None:
    # Låneränta is percent per year (docs/budget-workbook.md): 0,025 would be 0.025 % (2.5 % meant), and interest on
    # new borrowing of 0.0; refused in the cell where it stands (C5: the 2025 column of the line under the header).
    investments = [["Investeringar"], ["Belopp i tkr"], [None, "Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"],
                   ["Nettoinvesteringar", "-120 500", -90000, -80000, -75000], ["Låneränta", None, rate, "3,2", "3,3"]]
    path = _write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Investeringar": investments})
    with pytest.raises(BudgetFileError, match=r"Låneränta for 2025 = 0,025 is read as percent \(0,025 %\); write "
                                              r"2,5 for 2,5 %") as caught:
        read_budget_file(path)
    assert (caught.value.sheet, caught.value.cell) == ("Investeringar", "C5")
    # 2,5 (percent, as meant) is read as the fraction 0.025.
    investments[-1][2] = "2,5"
    figures = read_budget_file(_write_xlsx(tmp_path / "ok.xlsx", {**SHEETS, "Investeringar": investments}))
    assert figures.borrowing_rate[2025] == pytest.approx(0.025)


def test_without_the_optional_sheets_nothing_is_read(tmp_path: Path) -> None:
    figures = read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Lokaler": [], "Investeringar": []}))
    assert figures.premises == () and dict(figures.investments) == {}


def test_lokaler_as_csv(tmp_path: Path) -> None:
    rows = _portfolio_rows()
    rows[1][-1] = "External_Rent_MSEK"
    for row in rows[2:]:
        row[-1] = ""  # the optional column left empty: absent from the record
    folder = _write_csv(tmp_path / "budget", {**SHEETS, "Lokaler": rows}, ";", True)
    figures = read_budget_file(folder)
    assert len(figures.premises) == 8 and "external_rent_msek" not in figures.premises[0]
    assert figures.premises[0]["running_cost_msek"] == 6.1
    assert figures.source("premises:1:id") == FigureSource("Lokaler.csv", "Lokaler", "A3")


def test_a_portfolio_file_serves_as_lokaler_csv(tmp_path: Path) -> None:
    """The scenarios' portfolio file (comma-separated, decimal points, '#' comment lines, one of them with a
    semicolon) copied in as Lokaler.csv beside semicolon-separated sheets."""
    folder = _write_csv(tmp_path / "budget", SHEETS, ";", True)
    (folder / "Lokaler.csv").write_bytes(PORTFOLIO_CSV.read_bytes())
    figures = read_budget_file(folder)
    assert [p["id"] for p in figures.premises][:2] == ["Exempel 1:1", "Exempel 1:2"]
    assert figures.premises[4] == {"id": "Exempel 3:2", "use": "kontor", "area_m2": 1800.0, "book_value_msek": 6.5,
                                   "market_value_msek": 9.0, "running_cost_msek": 1.5, "depreciation_msek": 0.3,
                                   "vacancy": 0.5, "need_remains": True, "external_rent_msek": 0.6}


def _premises_with(**rows) -> dict[str, list[list]]:
    """SHEETS with Förutsättningar's rows replaced by label (a list: the row's cells after the label)."""
    premises = [[row[0], *rows[row[0]]] if row and row[0] in rows else list(row) for row in PREMISES]
    premises += [[label, *cells] for label, cells in rows.items() if label not in {r[0] for r in PREMISES if r}]
    return {**SHEETS, "Förutsättningar": premises}


@pytest.mark.parametrize(("population", "shown"), [(22.426, "22,426"), (224, "224"), (193370, "193370")])
def test_an_implausible_population_is_refused_naming_its_cell(tmp_path: Path, population, shown) -> None:
    # SCB counted 19 337 inhabitants in Sjöbo on 31 December 2024 (befolkning_kommun_2024.csv); a slip of the
    # thousands separator or a digit too few or too many is outside half to twice that.
    path = _write_xlsx(tmp_path / "b.xlsx", _premises_with(**{"Invånare": [population]}))
    with pytest.raises(BudgetFileError, match=rf"Invånare\) for 2024 = {shown} is not plausible for Sjöbo: SCB "
                                              r"counted 19 337 inhabitants") as caught:
        read_budget_file(path)
    assert caught.value.sheet == "Förutsättningar" and caught.value.cell.startswith("B")


def test_a_population_date_after_the_budget_year_is_refused(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "b.xlsx", _premises_with(**{"Befolkning per datum": ["2026-11-01"]}))
    with pytest.raises(BudgetFileError, match=r"2026-11-01 is not a date the budget 2024 can have counted its "
                                              r"inhabitants on \(expected 2022-01-01 to 2024-12-31"):
        read_budget_file(path)


def test_an_empty_population_date_is_named_not_read_from_a_note_column(tmp_path: Path) -> None:
    # The template writes notes in a column after the years ("Förslag"); an empty date must not be taken from there.
    sheets = _premises_with(**{"Befolkning per datum": [None, None, None, None, "SCB:s folkmängd 31 december 2024"]})
    with pytest.raises(BudgetFileError, match=r"Befolkning per datum: write the date the population refers to"):
        read_budget_file(_write_xlsx(tmp_path / "b.xlsx", sheets))


def test_the_national_tax_capacity_is_read_with_its_cell(tmp_path: Path) -> None:
    figures = read_budget_file(_write_xlsx(tmp_path / "b.xlsx", _premises_with(
        **{"Medelskattekraft": ["283 000", None, None, None]})))
    assert figures.national_tax_capacity_kr == {2024: 283000.0}
    assert figures.source("national_tax_capacity:2024").sheet == "Förutsättningar"
    with pytest.raises(BudgetFileError, match=r"Medelskattekraft for 2024 = 283 is not an average tax capacity"):
        read_budget_file(_write_xlsx(tmp_path / "c.xlsx", _premises_with(**{"Medelskattekraft": [283]})))


@pytest.mark.parametrize(("text", "message"), [
    ("12.000", r"the text '12.000' is ambiguous: write thousands with a space \(12 000\) or decimals with a comma"),
    ("1,25E4", r"found the text '1,25E4' \(write numbers as 1 656,2, without an exponent\)"),
])
def test_ambiguous_or_exponent_number_text_is_refused(tmp_path: Path, text, message) -> None:
    statement = [list(row) for row in STATEMENT]
    row = next(r for r in statement if r and r[0] == "Finansiella intäkter")
    row[1] = text
    with pytest.raises(BudgetFileError, match=message):
        read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Resultatbudget": statement}))


def test_a_plus_sign_is_read(tmp_path: Path) -> None:
    statement = [list(row) for row in STATEMENT]
    row = next(r for r in statement if r and r[0] == "Finansiella intäkter")
    row[1] = "+" + str(row[1])
    figures = read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Resultatbudget": statement}))
    assert figures.items[2024]["finansiella_intakter"] == 10.6


def test_a_bare_year_heads_the_service_areas(tmp_path: Path) -> None:
    # "Verksamhet | 2024" (the year as a number) is the header of the column, not a service area of 2.024 MSEK.
    areas = [["Verksamheter"], ["Belopp i tkr"], ["Verksamhet", 2024], ["Äldreomsorg", "420 000"],
             ["Kultur och fritid", "75 000"]]
    figures = read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Verksamheter": areas}))
    assert figures.service_areas == {"Äldreomsorg": 420.0, "Kultur och fritid": 75.0}


@pytest.mark.parametrize("header", ["2024", " 2024 "])
def test_a_bare_year_as_text_heads_the_service_areas(tmp_path: Path, header) -> None:
    # As a CSV file writes it (Verksamhet;2024): the year as text is the header, not an area.
    areas = [["Verksamheter"], ["Belopp i tkr"], ["Verksamhet", header], ["Äldreomsorg", "420 000"]]
    figures = read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Verksamheter": areas}))
    assert figures.service_areas == {"Äldreomsorg": 420.0}


def test_a_bare_year_that_is_not_the_budget_year_is_refused(tmp_path: Path) -> None:
    areas = [["Verksamheter"], ["Belopp i tkr"], ["Verksamhet", 2025], ["Äldreomsorg", "420 000"]]
    with pytest.raises(BudgetFileError, match=r"the service areas give the budget year, 2024"):
        read_budget_file(_write_xlsx(tmp_path / "b.xlsx", {**SHEETS, "Verksamheter": areas}))


def test_balanced_budget_premises_are_read_with_their_cells(tmp_path):
    # Förutsättningar's optional lines for the balanced-budget requirement (docs/budget-workbook.md): a deficit of
    # 2023 printed negative (the same deficit, 4,8 mnkr), the reserve at the start of the year, negative equity.
    premises = [*PREMISES, ["Ej återställt underskott 2023", "-4,8"], ["Resultatreserv vid årets början", "12,5"],
                ["Negativt eget kapital", "ja"]]
    figures = read_budget_file(_write_xlsx(tmp_path / "sjobo.xlsx", {**SHEETS, "Förutsättningar": premises}))
    assert figures.opening_deficits == {2023: pytest.approx(4.8)}
    assert figures.opening_reserve_msek == pytest.approx(12.5)
    assert figures.negative_equity is True
    assert figures.source("opening_deficit:2023").cell == "B7"
    # Without the lines: none, no balance (0 by default downstream), no negative equity.
    plain = read_budget_file(_write_xlsx(tmp_path / "plain.xlsx", SHEETS))
    assert (plain.opening_deficits, plain.opening_reserve_msek, plain.negative_equity) == ({}, None, False)


@pytest.mark.parametrize("line, message", [
    (["Ej återställt underskott 2024", "3"], "not before the budget year 2024"),
    # The balanced-budget requirement applies from 2000 (KL 1991:900 8 kap. 5 §, SFS 1997:1114): 1990 is refused.
    (["Ej återställt underskott 1990", "10"], r"the year 1990 is before 2000; expected a year of origin in "
                                              r"\[2000, 2023\]"),
    (["Resultatreserv vid årets början", "-1"], "a balance in mnkr >= 0"),
    (["Negativt eget kapital", "kanske"], "expected ja or nej"),
])
def test_balanced_budget_premises_refuse_bad_values(tmp_path, line, message):
    path = _write_xlsx(tmp_path / "bad.xlsx", {**SHEETS, "Förutsättningar": [*PREMISES, line]})
    with pytest.raises(BudgetFileError, match=message):
        read_budget_file(path)
