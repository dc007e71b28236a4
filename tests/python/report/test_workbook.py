"""The workbooks of ``--out FILE.xlsx`` (``report/workbook.py``) and ``kommunbudget template``
(``report/template.py``), reopened with openpyxl: the same numbers as the document's tables, stored as numbers,
with Swedish labels, number formats, frozen headers; the template's labels exactly those of
``docs/budget-workbook.md`` (``data/budget_figures.py``) and its example the embedded budget's figures.
"""
from __future__ import annotations

import math

import pytest
from openpyxl import load_workbook

from kommunbudget.data.budget_figures import PREMISES_COLUMNS, STATEMENT_ITEMS, TAX_AND_GRANT_ITEMS
from kommunbudget.data.budgets import adopted_budget
from kommunbudget.data.municipalities import info
from kommunbudget.model.lines import STATEMENT_LINES
from kommunbudget.report.template import EXAMPLE_PREFIX, HEADER_ROW, NOTE_HEADING, SHEETS, SUGGESTION_FILL
from kommunbudget.report.workbook import NUMBER_FORMATS, SHEET_TITLES

CASES = ("project", "project_approximate", "solve", "compare", "scenario", "scenario_premises")


@pytest.mark.parametrize("case", CASES)
def test_the_workbook_holds_the_documents_numbers(case, written_workbooks, workbook_documents, grids_of,
                                                  workbook_check):
    grids = grids_of(written_workbooks[case])
    doc = workbook_documents[case]
    check = workbook_check()
    assert check.tables(grids, doc) > 0
    check.assumptions(grids, doc)
    check.about(grids, doc)


@pytest.mark.parametrize("case", CASES)
def test_numbers_are_numbers_with_number_formats(case, written_workbooks, workbook_documents):
    wb = load_workbook(written_workbooks[case])
    doc = workbook_documents[case]
    years = doc.header["years"]
    for table in doc.tables:
        ws = wb[SHEET_TITLES[table.name][0]]
        assert ws.freeze_panes in ("C5", "B4")
        first_col = 3 if table.yearly else 2
        last_col = first_col + (len(years) if table.yearly else 1) - 1
        first_row = 5 if table.yearly else 4
        for row in ws.iter_rows(min_row=first_row, min_col=first_col, max_col=last_col):
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.data_type == "n" and not isinstance(cell.value, (str, bool)), (ws.title, cell.coordinate)
                assert cell.number_format != "General", (ws.title, cell.coordinate)


def test_the_statement_sheet_is_labelled_in_swedish_with_years_marked(written_workbooks, workbook_documents):
    wb = load_workbook(written_workbooks["project"])
    ws = wb["Resultaträkning"]
    doc = workbook_documents["project"]
    labels = [ws.cell(r, 1).value for r in range(5, 5 + len(STATEMENT_LINES))]
    assert labels == [spec[1] for spec in STATEMENT_LINES]
    assert [ws.cell(4, c).value for c in range(3, 3 + len(doc.header["years"]))] == \
        ["Budget", "Plan", "Plan", "Plan", "Framskrivning", "Framskrivning", "Framskrivning"]
    costs = next(r for r in range(5, 30) if ws.cell(r, 1).value == "Verksamhetens kostnader")
    assert ws.cell(costs, 2).value == "mnkr"
    assert ws.cell(costs, 3).value == -1656.2  # Sjöbo's Budget 2024
    assert ws.cell(costs, 3).number_format == NUMBER_FORMATS["MSEK"] == "#,##0.0"
    share = next(r for r in range(5, 30) if ws.cell(r, 10).value == "result_share")
    assert ws.cell(share, 3).number_format == "0.0%"
    assert wb["Mål uppfyllda"].cell(5, 3).number_format == '"ja";"ja";"nej"'
    assert wb.sheetnames[-2:] == ["Antaganden", "Om"]
    assert ws.column_dimensions["A"].width >= 30


def test_the_scenario_workbook_has_its_bridges(written_workbooks, workbook_documents):
    wb = load_workbook(written_workbooks["scenario"])
    doc = workbook_documents["scenario"]
    for key, sheet in (("bridge", "Brygga"), ("bridge_by_driver", "Brygga per drivkraft")):
        ws = wb[sheet]
        records = doc.extra[key]["rows"]
        got = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=3 + len(records))]
        assert [r[-3] for r in got] == pytest.approx([r["msek"] for r in records], rel=1e-14)
        assert [r[-2] for r in got] == pytest.approx([r["ore"] for r in records], rel=1e-14)
        assert [r[-1] for r in got] == [r["item"] if key == "bridge" else r["driver"] for r in records]
    assert wb["Brygga"].cell(3, 5).value == "Id"
    assert wb["Brygga"].cell(4, 2).value == "Utgångslägets resultat"
    assert wb["Brygga per drivkraft"].cell(4, 1).value == "Basårets resultat"
    ws = wb["Skatt som behövs"]
    assert (ws.cell(4, 1).value, ws.cell(4, 6).value) == ("Utan åtgärder", "without measures")
    exact = doc.extra["tax_needed"]["without measures"]
    assert ws.cell(4, 3).value == pytest.approx(exact["change_ore"], rel=1e-14)
    # the rate a council sets: whole öre, rounded up (88.04 öre -> 0.89 kr per 100 kr), so that it meets the target
    assert ws.cell(4, 4).value == pytest.approx(math.ceil(exact["change_kr_per_100kr"] * 100 - 1e-9) / 100, abs=1e-12)
    assert ws.cell(3, 4).value == "Ändring i hela ören (avrundat uppåt), kr per 100 kr"
    assert wb.worksheets[0].title == "Skatt som behövs"  # the answer opens the workbook


# ----------------------------------------------------------------------------------------------------------------
# The template
# ----------------------------------------------------------------------------------------------------------------


def _labels(ws):
    return [ws.cell(r, 1).value for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value]


@pytest.mark.parametrize("case", ["template", "template_empty"])
def test_the_template_has_the_documented_sheets_and_labels(case, written_workbooks):
    wb = load_workbook(written_workbooks[case])
    assert wb.sheetnames[:7] == list(SHEETS) == ["Instruktioner", "Resultatbudget", "Skatter och bidrag",
                                                 "Förutsättningar", "Verksamheter", "Lokaler", "Investeringar"]
    assert all(name.startswith("Exempel ") for name in wb.sheetnames[7:])
    for sheet, items in (("Resultatbudget", STATEMENT_ITEMS), ("Skatter och bidrag", TAX_AND_GRANT_ITEMS)):
        for prefix in ("", EXAMPLE_PREFIX):
            ws = wb[prefix + sheet]
            assert _labels(ws) == [i.label for i in items]
            assert ws.cell(2, 1).value == "Belopp i mnkr"  # the unit, above the header row
    ws = wb["Resultatbudget"]
    assert [ws.cell(HEADER_ROW, c).value for c in range(1, 5)] == [None, "Budget 2025", "Plan 2026", "Plan 2027"]
    assert _labels(wb["Förutsättningar"]) == ["Kommun", "Dokument", "Skattesats", "Invånare",
                                              "Befolkning per datum", "Medelskattekraft",
                                              "Resultatreserv vid årets början", "Negativt eget kapital",
                                              "Ej återställt underskott 2024"]
    assert wb["Verksamheter"].cell(2, 1).value == "Belopp i mnkr"
    lokaler = wb["Lokaler"]
    assert [c.value for c in lokaler[HEADER_ROW]] == list(PREMISES_COLUMNS)
    assert lokaler.cell(2, 1).value and lokaler.cell(HEADER_ROW + 1, 1).value is None  # one instruction, no rows
    investments = wb["Investeringar"]
    assert investments.cell(2, 1).value == "Belopp i mnkr" and investments.cell(3, 1).value
    assert [investments.cell(HEADER_ROW, c).value for c in range(1, 5)] == [None, "Budget 2025", "Plan 2026",
                                                                            "Plan 2027"]
    assert _labels(investments) == ["Nettoinvesteringar", "Låneskuld", "Likvida medel", "Låneränta",
                                    "Avskrivningstid", "Ränta på pensionsavsättning"]


def test_the_empty_template_has_no_figures(written_workbooks):
    wb = load_workbook(written_workbooks["template_empty"])
    for sheet in ("Resultatbudget", "Skatter och bidrag"):
        ws = wb[sheet]
        values = [c.value for row in ws.iter_rows(min_row=HEADER_ROW + 1, min_col=2) for c in row]
        assert values and all(v is None for v in values)
    assert wb["Förutsättningar"].cell(HEADER_ROW + 1, 2).value is None  # Kommun


def test_the_template_suggests_what_the_data_know(written_workbooks):
    wb = load_workbook(written_workbooks["template"])
    ystad = info("1286")
    ws = wb["Förutsättningar"]
    assert ws.cell(HEADER_ROW, 5).value == NOTE_HEADING
    assert ws.cell(HEADER_ROW + 1, 2).value == "Ystad"
    rate = ws.cell(HEADER_ROW + 3, 2)
    assert rate.value == ystad.tax_rates[2025][0] and rate.fill.fgColor.rgb.endswith(SUGGESTION_FILL)
    assert ws.cell(HEADER_ROW + 3, 3).value == ystad.tax_rates[2026][0]
    assert ws.cell(HEADER_ROW + 4, 2).value == ystad.population_2024
    assert "SCB" in ws.cell(HEADER_ROW + 4, 5).value
    notes = wb["Skatter och bidrag"]
    equalisation = next(r for r in range(5, 20) if notes.cell(r, 1).value == "Inkomstutjämning")
    cell = notes.cell(equalisation, 2)
    assert isinstance(cell.value, float) and cell.fill.fgColor.rgb.endswith(SUGGESTION_FILL)
    assert "uppskattad" in notes.cell(equalisation, 5).value
    statement = wb["Resultatbudget"]
    tax = next(r for r in range(5, 25) if statement.cell(r, 1).value == "Skatteintäkter")
    assert statement.cell(tax, 2).value > 0 and statement.cell(tax, 3).value is None  # no SCB figure for 2026


def test_the_example_is_sjobos_budget_2024(written_workbooks):
    wb = load_workbook(written_workbooks["template"])
    budget = adopted_budget("1265", "Sjobo/Budget-2024", 2024)
    years = budget["years"]
    for sheet, items in (("Resultatbudget", STATEMENT_ITEMS), ("Skatter och bidrag", TAX_AND_GRANT_ITEMS)):
        ws = wb[EXAMPLE_PREFIX + sheet]
        assert [ws.cell(HEADER_ROW, 2 + i).value for i in range(len(years))] == \
            ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
        checked = 0
        for r, item in enumerate(items, start=HEADER_ROW + 1):
            for i, year in enumerate(years):
                assert ws.cell(r, 2 + i).value == budget[year].get(item.id), (sheet, item.id, year)
                checked += item.id in budget[year]
        assert checked >= 3 * len(years)
    # -1656.2 MSEK operating costs in 2024, the budget's sign; the balanced-budget result -18.6
    ws = wb[EXAMPLE_PREFIX + "Resultatbudget"]
    assert ws.cell(HEADER_ROW + 2, 2).value == -1656.2
    assert ws.cell(HEADER_ROW + len(STATEMENT_ITEMS), 2).value == -18.6
    premises = wb[EXAMPLE_PREFIX + "Förutsättningar"]
    assert premises.cell(HEADER_ROW + 1, 2).value == "Sjöbo"
    assert premises.cell(HEADER_ROW + 3, 2).value == 20.92


@pytest.mark.parametrize("case", CASES)
def test_an_output_workbook_never_passes_for_a_budget_workbook(case, written_workbooks):
    """No sheet of a command's workbook has the name of a sheet the budget reader reads (docs/budget-workbook.md)."""
    names = {name.casefold() for name in load_workbook(written_workbooks[case]).sheetnames}
    assert not names & {name.casefold() for name in SHEETS[1:]}


def test_the_premises_scenario_has_its_portfolio(written_workbooks, workbook_documents):
    wb = load_workbook(written_workbooks["scenario_premises"])
    summary = workbook_documents["scenario_premises"].extra["premises_summary"]
    for key, sheet in (("before_disposals", "Lokaler före försäljning"), ("after_disposals",
                                                                        "Lokaler efter försäljning")):
        ws = wb[sheet]
        records = summary[key]
        headings = [c.value for c in ws[3]]
        assert headings[0] == "Användning" and headings[-1] == "Id"
        area = headings.index("Yta m²") + 1
        for r, record in enumerate(records, start=4):
            assert ws.cell(r, len(headings)).value == record["use"]
            assert ws.cell(r, area).value == record["area_m2"]
    assert all(i in wb["Lokaler efter försäljning"]["A1"].value for i in summary["sold_property_ids"])


def test_base_year_figures_keep_their_published_precision_and_wrapped_rows_are_tall(written_workbooks):
    """The sheet of the base year's sources shows a rate as published (20,92, not 20,9), the equalisation's guarantee
    share with 2 decimals (1,15) and inhabitants whole; a row of wrapped source text is as tall as its lines (a
    LibreOffice reader does not size rows itself)."""
    wb = load_workbook(written_workbooks["scenario"])
    ws = wb["Källor basår"]
    formats = {}
    for row in ws.iter_rows(min_row=4):
        ident = row[-1].value
        value_cell = row[1]
        if isinstance(value_cell.value, (int, float)):
            formats[ident] = value_cell.number_format
    assert formats["tax_rate_kr_per_100kr"] == "0.00"
    assert formats["equalisation.guarantee_share"] == "0.00"
    assert formats["population"] == "#,##0"
    wrapped = [cell for row in ws.iter_rows(min_row=4) for cell in row
               if isinstance(cell.value, str) and cell.alignment.wrap_text and len(cell.value) > 200]
    assert wrapped, "a long source text"
    for cell in wrapped:
        assert ws.row_dimensions[cell.row].height >= 30.0, (cell.coordinate, cell.value[:60])


def test_an_approximate_baseline_is_flagged_under_every_sheets_title(written_workbooks):
    """Ystad has no adopted budget in the data: every sheet of its workbook, the first one a councillor opens
    included, says so in row 2; Sjöbo's (an adopted budget) does not."""
    approximate = load_workbook(written_workbooks["project_approximate"])
    for ws in approximate.worksheets:
        assert str(ws["A2"].value).startswith("UNGEFÄRLIGT UTGÅNGSLÄGE"), ws.title
    adopted = load_workbook(written_workbooks["project"])
    assert all(ws["A2"].value is None for ws in adopted.worksheets)
