"""End to end: Sjöbo's Budget 2024 written as a budget workbook (docs/budget-workbook.md) and read with
``kb.read_budget`` projects exactly as the embedded baseline. Skipped until the reader
(``kommunbudget.data.budget_file``) is part of the build.

Figures: finansiellinfo.se/Sjobo/Budget-2024 (Resultatbudget and Noter), as in ``resultatrakningar_exempel.csv``;
the rates are the embedded ones (20.92, held in 2027) and the population SCB's of 31 December 2024 (19 337), which
the embedded baseline uses.
"""
from __future__ import annotations

import numpy as np
import openpyxl
import pytest

import kommunbudget as kb

pytest.importorskip("kommunbudget.data.budget_file")

YEARS = ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
STATEMENT = [
    ("Verksamhetens intäkter", [335.6, 352.3, 368.5, 385.5]),
    ("Verksamhetens kostnader", [-1656.2, -1647.8, -1719.6, -1792.1]),
    ("Avskrivningar", [-37.7, -40.5, -42.5, -44.0]),
    ("Verksamhetens nettokostnader", [-1358.3, -1336.0, -1393.6, -1450.6]),
    ("Skatteintäkter", [995.3, 1042.8, 1091.4, 1134.0]),
    ("Generella statsbidrag och utjämning", [327.0, 324.4, 337.4, 345.8]),
    ("Verksamhetens resultat", [-36.0, 31.2, 35.2, 29.2]),
    ("Finansiella intäkter", [10.6, 9.1, 9.1, 9.1]),
    ("Finansiella kostnader", [-0.7, -0.3, -0.3, -0.3]),
    ("Årets resultat", [-26.1, 40.0, 44.0, 38.0]),
    ("Medel från resultatutjämningsreserv", [7.5, 0.0, 0.0, 0.0]),
    ("Balanskravsresultat", [-18.6, 40.0, 44.0, 38.0]),
]
NOTE = [
    ("Preliminär kommunalskatt", [995.3, 1042.8, 1091.4, 1134.0]),
    ("Slutavräkning innevarande år", [0.0, 0.0, 0.0, 0.0]),
    ("Inkomstutjämning", [262.6, 270.6, 279.9, 289.2]),
    ("Kostnadsutjämning", [-29.0, -27.8, -16.5, -10.7]),
    ("LSS-utjämning", [-4.6, -4.6, -4.6, -4.6]),
    ("Regleringsbidrag/-avgift", [44.3, 32.5, 24.9, 18.2]),
    ("Kommunal fastighetsavgift", [53.7, 53.7, 53.7, 53.7]),
    ("Övriga generella statsbidrag", [0.0, 0.0, 0.0, 0.0]),
]


def write_workbook(path) -> None:
    book = openpyxl.Workbook()
    for i, (name, rows) in enumerate((("Resultatbudget", STATEMENT), ("Skatter och bidrag", NOTE))):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(["Belopp i mnkr"])
        sheet.append([])
        sheet.append(["", *YEARS])
        for label, values in rows:
            sheet.append([label, *values])
    # The interest on pension provisions of Budget 2025's notes (pension_investering.csv), as the embedded baseline.
    sheet = book.create_sheet("Investeringar")
    sheet.append(["Belopp i mnkr"])
    sheet.append([])
    sheet.append(["", *YEARS])
    sheet.append(["Ränta på pensionsavsättning", 0.6, 0.3, 0.1, 0.3])
    sheet = book.create_sheet("Förutsättningar")
    sheet.append(["Kommun", "Sjöbo"])
    sheet.append(["Dokument", "Budget 2024 med plan 2025-2027"])
    sheet.append(["", *YEARS])
    sheet.append(["Skattesats", 20.92, 20.92, 20.92, 20.92])
    sheet.append(["Invånare", 19337])
    sheet.append(["Befolkning per datum", "2024-12-31"])
    book.save(path)


def test_sjobos_budget_as_a_workbook_projects_as_the_embedded_baseline(tmp_path):
    path = tmp_path / "sjobo-budget-2024.xlsx"
    write_workbook(path)
    own = kb.read_budget(path)
    embedded = kb.load("Sjöbo", 2024)
    a, b = own.project(2035).statement(memo=True), embedded.project(2035).statement(memo=True)
    assert np.abs(a.to_numpy() - b.to_numpy()).max() <= 1e-6
    sources = own.project(2030).base_year_sources().set_index("field")["source"]
    assert "sjobo-budget-2024.xlsx" in sources["operating_income_msek"]
    assert "sheet Resultatbudget" in sources["operating_income_msek"]
