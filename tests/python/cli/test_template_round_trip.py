"""The finance officer's path: ``kommunbudget template`` writes a workbook, it is filled in as Swedish people write
numbers, and ``--budget`` reads it back to exactly the embedded Sjöbo baseline, giving the same projection to the
öre; then ``scenario --budget ... --out council.xlsx`` writes the workbook for the council.

Figures: Sjöbo kommun, Budget 2024 med plan 2025-2027 (finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget and
Noter), as printed; the tax rate 20.92 (SCB, held in 2027 as the embedded baseline holds it) and 19 337 inhabitants
(SCB, 31 December 2024), the figures the embedded baseline uses.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import openpyxl
import pytest

import kommunbudget as kb
from kommunbudget.cli.main import main
from kommunbudget.data.budget_file import read_budget_file
from kommunbudget.data.paths import files_folder
from kommunbudget.report.template import HEADER_ROW
from kommunbudget.scenarios.premises import portfolio_from_budget, read_portfolio

PLAN_YEARS = ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
#: Sjöbo's Budget 2024, written as the document prints it: Swedish number text, costs without a minus sign.
STATEMENT = {
    "Verksamhetens intäkter": ["335,6", "352,3", "368,5", "385,5"],
    "Verksamhetens kostnader": ["1 656,2", "1 647,8", "1 719,6", "1 792,1"],
    "Avskrivningar": ["37,7", "40,5", "42,5", "44,0"],
    "Verksamhetens nettokostnader": ["−1 358,3", "−1 336,0", "−1 393,6", "−1 450,6"],
    "Skatteintäkter": ["995,3", "1 042,8", "1 091,4", "1 134,0"],
    "Generella statsbidrag och utjämning": ["327,0", "324,4", "337,4", "345,8"],
    "Verksamhetens resultat": ["−36,0", "31,2", "35,2", "29,2"],
    "Finansiella intäkter": ["10,6", "9,1", "9,1", "9,1"],
    "Finansiella kostnader": ["0,7", "0,3", "0,3", "0,3"],
    "Årets resultat": ["−26,1", "40,0", "44,0", "38,0"],
    "Medel från resultatutjämningsreserv": ["7,5", "0", "0", "0"],
    "Balanskravsresultat": ["−18,6", "40,0", "44,0", "38,0"],
}
NOTE = {
    "Preliminär kommunalskatt": ["995,3", "1 042,8", "1 091,4", "1 134,0"],
    "Slutavräkning innevarande år": ["0", "0", "0", "0"],
    "Inkomstutjämning": ["262,6", "270,6", "279,9", "289,2"],
    "Kostnadsutjämning": ["−29,0", "−27,8", "−16,5", "−10,7"],
    "LSS-utjämning": ["−4,6", "−4,6", "−4,6", "−4,6"],
    "Regleringsbidrag/-avgift": ["44,3", "32,5", "24,9", "18,2"],
    "Kommunal fastighetsavgift": ["53,7", "53,7", "53,7", "53,7"],
    "Övriga generella statsbidrag": ["0", "0", "0", "0"],
}
SETTINGS = {"Skattesats": ["20,92", "20,92", "20,92", "20,92"], "Invånare": ["19 337", "", "", ""]}


def _fill(sheet, rows: dict[str, list[str]]) -> None:
    """Writes each row's texts beside its label, in the year columns of the header row (a Plan 2027 column added
    after the template's last plan year, as its instructions say)."""
    header_row = next(r for r in sheet.iter_rows() if any(str(c.value or "").startswith("Budget 2024") for c in r))
    columns = {str(c.value): c.column for c in header_row if c.value}
    if "Plan 2027" not in columns:
        # Insert the new plan year's column right after the last one (before any note column).
        last = max(columns[y] for y in PLAN_YEARS[:3])
        sheet.insert_cols(last + 1)
        sheet.cell(header_row[0].row, last + 1, "Plan 2027")
        columns = {str(c.value): c.column for c in sheet[header_row[0].row] if c.value}
    labels = {str(r[0].value).strip(): r[0].row for r in sheet.iter_rows() if r[0].value}
    for label, texts in rows.items():
        for year, text in zip(PLAN_YEARS, texts, strict=True):
            sheet.cell(labels[label], columns[year], text if text else None)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("officer")
    template = folder / "budget.xlsx"
    assert main(["template", "--out", str(template), "--municipality", "Sjöbo", "--budget-year", "2024"]) == 0
    book = openpyxl.load_workbook(template)
    _fill(book["Resultatbudget"], STATEMENT)
    _fill(book["Skatter och bidrag"], NOTE)
    _fill(book["Förutsättningar"], SETTINGS)
    # Budget 2025's notes (pension_investering.csv): the interest on pension provisions, as the embedded baseline.
    _fill(book["Investeringar"], {"Ränta på pensionsavsättning": ["0,6", "0,3", "0,1", "0,3"]})
    labels = {str(r[0].value).strip(): r[0].row for r in book["Förutsättningar"].iter_rows() if r[0].value}
    book["Förutsättningar"].cell(labels["Befolkning per datum"], 2, "2024-12-31")
    book.save(template)
    return template


def test_the_filled_template_reads_back_as_the_embedded_budget_and_projects_to_the_ore(filled):
    own = kb.read_budget(filled)
    embedded = kb.load("Sjöbo")
    assert (own.base_year, own.plan_years) == (embedded.base_year, embedded.plan_years)
    a, b = own.project(horizon=2030), embedded.project(horizon=2030)
    # To the öre: one öre on the rate is tax base / 10 000 MSEK (about 0.47 MSEK); the lines agree far closer. The
    # template carries the national tax capacity to the krona, which moves the regulation rule's national net
    # equalisation by about 0.01 kr per inhabitant: at most 1e-4 MSEK after the plan.
    for line in ("result", "balanced_budget_result", "tax_revenue", "general_grants", "operating_costs",
                 "income_equalisation"):
        assert np.max(np.abs(a.line(line) - b.line(line))) < 1e-4, line
    sources = own.base_year_sources()
    assert sources["source"].str.contains("your budget: budget.xlsx, sheet Resultatbudget, cell").any()


def test_scenario_with_the_budget_writes_a_council_workbook_that_holds_the_json_numbers(filled, tmp_path, cli):
    budget = tmp_path / "budget.xlsx"
    shutil.copy(filled, budget)
    scenario = tmp_path / "my.toml"
    scenario.write_text('name = "effektivisering"\nbudget = "budget.xlsx"\nhorizon = 2028\n[[measures]]\n'
                        'name = "äldreomsorg 1 %"\nkind = "efficiency"\nfrom_year = 2026\nrate = 0.01\n'
                        'cost_line = "elderly_care"\n', encoding="utf-8")
    council = tmp_path / "council.xlsx"
    status, out, err = cli.run("scenario", str(scenario), "--budget", str(budget), "--out", str(council))
    assert status == 0, err
    status, out, err = cli.run("scenario", str(scenario), "--budget", str(budget), "--format", "json")
    assert status == 0, err
    doc = json.loads(out)
    book = openpyxl.load_workbook(council, data_only=True)
    assert {"Antaganden", "Källor basår"} <= set(book.sheetnames)
    cited = [c.value for row in book["Källor basår"].iter_rows() for c in row if isinstance(c.value, str)]
    # the council workbook cites the cell in Swedish (the library's text is "your budget: ..., sheet ..., cell ...")
    assert any("er budget: budget.xlsx, blad Resultatbudget, cell" in text for text in cited)
    numbers = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    effect = doc["measure_effects"]["äldreomsorg 1 %"]
    for value in effect.values() if isinstance(effect, dict) else effect:
        if value:
            assert any(abs(c.value - value) < 1e-9 for c in numbers), value


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; `make test` "
                                                             "installs libreoffice-calc-nogui (scripts/setup.sh)")
def test_the_budget_saved_again_by_libreoffice_reads_back_the_same(filled, tmp_path):
    # A finance officer who fills the template in LibreOffice saves it as xlsx: LibreOffice's own writing of the
    # workbook (its own number cells, its own sheet XML) must read back to the same figures.
    source = tmp_path / "in" / "budget.xlsx"
    source.parent.mkdir()
    shutil.copy(filled, source)
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                           str(tmp_path / "out"), str(source)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    again = read_budget_file(tmp_path / "out" / "budget.xlsx")
    first = read_budget_file(filled)
    assert again.items == first.items
    assert (again.tax_rate, again.population, again.budget_year) == (first.tax_rate, first.population,
                                                                     first.budget_year)


def test_the_template_left_as_it_is_gives_no_premises_nor_investments(filled):
    figures = read_budget_file(filled)
    assert figures.premises == () and dict(figures.investments) == {}
    assert dict(figures.pension_interest) == {2024: 0.6, 2025: 0.3, 2026: 0.1, 2027: 0.3}


def test_lokaler_and_investeringar_filled_in_read_back(filled, tmp_path):
    """The example's rows copied into Lokaler (the packaged ILLUSTRATIVE portfolio), net investments typed in
    Investeringar (a Plan 2027 column added as in the other sheets)."""
    book = openpyxl.load_workbook(filled)
    example, sheet = book["Exempel Lokaler"], book["Lokaler"]
    assert "PÅHITTAT" in example["A2"].value and "inte Sjöbo kommuns fastighetsregister" in example["A2"].value
    assert [c.value for c in sheet[HEADER_ROW]] == [c.value for c in example[HEADER_ROW]]
    for row in example.iter_rows(min_row=HEADER_ROW + 1):
        for cell in row:
            sheet.cell(cell.row, cell.column, cell.value)
    _fill(book["Investeringar"], {"Nettoinvesteringar": ["120,5", "90", "80", "75"],
                                  "Låneskuld": ["450", "", "", ""], "Likvida medel": ["25,5", "", "", ""],
                                  "Låneränta": ["", "3,1", "3,2", "3,3"], "Avskrivningstid": ["25", "", "", ""]})
    path = tmp_path / "budget.xlsx"
    book.save(path)
    figures = read_budget_file(path)
    packaged = read_portfolio(files_folder() / "scenarios" / "sjobo_premises_portfolio.csv")
    assert portfolio_from_budget(figures) == packaged
    assert dict(figures.investments) == {2024: 120.5, 2025: 90.0, 2026: 80.0, 2027: 75.0}
    assert figures.source("investments:2027").sheet == "Investeringar"
    # The capital lines (docs/budget-workbook.md): the budget year's debt and cash, the rate in percent, one period.
    assert (figures.opening_debt_msek, figures.opening_cash_msek) == (450.0, 25.5)
    assert dict(figures.borrowing_rate) == pytest.approx({2025: 0.031, 2026: 0.032, 2027: 0.033})
    assert figures.depreciation_classes == (("all", 1.0, 25.0),)
    assert figures.source("capital:opening_debt").sheet == "Investeringar"


@pytest.mark.parametrize(("named", "what", "form"), [("budget.xlsx", "budget", []),
                                                     ("portfolio.csv", "portfolio", ["--format", "json"])])
def test_scenario_out_never_replaces_a_file_the_scenario_reads(filled, tmp_path, cli, named, what, form):
    # The scenario names its budget and its portfolio itself (not on the command line): --out over either is
    # refused and the file is left as it was.
    shutil.copy(filled, tmp_path / "budget.xlsx")
    packaged = Path(kb.__file__).parent / "data" / "files" / "scenarios" / "sjobo_premises_portfolio.csv"
    shutil.copy(packaged, tmp_path / "portfolio.csv")
    scenario = tmp_path / "s.toml"
    scenario.write_text('name = "s"\nbudget = "budget.xlsx"\npremises_file = "portfolio.csv"\nhorizon = 2028\n'
                        '[[measures]]\nname = "e"\nkind = "efficiency"\nfrom_year = 2026\nrate = 0.01\n',
                        encoding="utf-8")
    before = (tmp_path / named).read_bytes()
    status, out, err = cli.run("scenario", str(scenario), *form, "--out", str(tmp_path / named))
    cli.clean_error(status, out, err, f"is the {what} file the command reads")
    assert (tmp_path / named).read_bytes() == before


def test_the_template_never_replaces_an_existing_file(filled, tmp_path, cli):
    budget = tmp_path / "budget.xlsx"
    shutil.copy(filled, budget)
    before = budget.read_bytes()
    status, out, err = cli.run("template", "--out", str(budget), "--municipality", "Ystad")
    cli.clean_error(status, out, err, "exists: the template never replaces a file")
    assert budget.read_bytes() == before


def _shifted_budget(folder, national: str | None):
    """Sjöbo's figures written as a Budget 2026 with plan 2027-2029 (a budget year the embedded national figures do
    not reach), with or without the national average tax capacity typed in Förutsättningar."""
    template = folder / "budget2026.xlsx"
    assert main(["template", "--out", str(template), "--municipality", "Sjöbo", "--budget-year", "2026"]) == 0
    book = openpyxl.load_workbook(template)
    for sheet in ("Resultatbudget", "Skatter och bidrag", "Förutsättningar"):
        header = next(r for r in book[sheet].iter_rows() if any(c.value == "Budget 2026" for c in r))
        for cell in header:
            if isinstance(cell.value, str) and cell.value[-4:].isdigit():
                kind, year = cell.value.rsplit(" ", 1)
                cell.value = f"{kind} {int(year) - 2}"  # so _fill finds its columns; renamed back below
    _fill(book["Resultatbudget"], STATEMENT)
    _fill(book["Skatter och bidrag"], NOTE)
    _fill(book["Förutsättningar"], {**SETTINGS, "Medelskattekraft": [national or "", "", "", ""]})
    labels = {str(r[0].value).strip(): r[0].row for r in book["Förutsättningar"].iter_rows() if r[0].value}
    book["Förutsättningar"].cell(labels["Befolkning per datum"], 2, "2025-11-01")
    for sheet in ("Resultatbudget", "Skatter och bidrag", "Förutsättningar"):
        header = next(r for r in book[sheet].iter_rows() if any(c.value == "Budget 2024" for c in r))
        for cell in header:
            if isinstance(cell.value, str) and cell.value[-4:].isdigit():
                kind, year = cell.value.rsplit(" ", 1)
                cell.value = f"{kind} {int(year) + 2}"
    book.save(template)
    return template


def test_a_budget_after_the_embedded_years_asks_for_the_national_tax_capacity(tmp_path):
    with pytest.raises(ValueError, match=r"budget year 2026: the income equalisation needs the national average tax "
                                         r"capacity of 2026.*add a line 'Medelskattekraft' to Förutsättningar"):
        kb.read_budget(_shifted_budget(tmp_path, None))


def test_a_budget_after_the_embedded_years_projects_with_the_national_capacity_given(tmp_path):
    m = kb.read_budget(_shifted_budget(tmp_path, "283 000"))
    assert (m.base_year, m.plan_years) == (2026, [2027, 2028, 2029])
    p = m.project(horizon=2031)
    # The budget's own figures come back in its years (the plan is reproduced), e.g. the result of each year.
    assert p.line("result")[:4] == pytest.approx([-26.1, 40.0, 44.0, 38.0], abs=1e-6)
    sources = m.base_year_sources()
    national = sources[sources["field"] == "national_tax_capacity_kr"]["source"].iloc[0]
    assert "sheet Förutsättningar, cell B" in national


def test_benchmark_takes_the_municipality_from_the_budget(filled, cli):
    assert cli.json("benchmark", "--budget", str(filled)) == cli.json("benchmark", "Sjöbo")
    status, out, err = cli.run("benchmark", "Ystad", "--budget", str(filled))
    cli.clean_error(status, out, err, "MUNICIPALITY 'Ystad' is not the municipality of the budget")


def test_out_never_replaces_a_file_of_a_budget_folder_or_a_vintage_file(tmp_path, cli):
    folder = tmp_path / "budget"
    folder.mkdir()
    (folder / "Resultatbudget.csv").write_text("Belopp i mnkr\n", encoding="utf-8")
    status, out, err = cli.run("project", "--budget", str(folder), "--format", "csv",
                               "--out", str(folder / "Resultatbudget.csv"))
    cli.clean_error(status, out, err, "is the budget file the command reads (in the budget folder")
    assert (folder / "Resultatbudget.csv").read_text(encoding="utf-8") == "Belopp i mnkr\n"
    vintage = tmp_path / "v.toml"
    shutil.copy(Path(kb.__file__).parent / "data" / "files" / "vintages" / "skr-2025-report.toml", vintage)
    before = vintage.read_bytes()
    for argv in (["project", "Sjöbo", "--vintage", str(vintage)],
                 ["vintages", "--compare", str(vintage), "government-uprating-2024-09"]):
        status, out, err = cli.run(*argv, "--format", "json", "--out", str(vintage))
        cli.clean_error(status, out, err, "is the vintage file the command reads")
    assert vintage.read_bytes() == before
