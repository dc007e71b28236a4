"""The budget workbook to fill in (``kommunbudget template``), laid out exactly as ``docs/budget-workbook.md``
describes: ``Instruktioner``, ``Resultatbudget``, ``Skatter och bidrag``, ``Förutsättningar`` and the optional
``Verksamheter``, ``Lokaler`` (the premises portfolio's column names in the header row) and ``Investeringar`` (the
year header, a line ``Nettoinvesteringar`` and the optional capital lines), left empty; then the sheets filled in
from Sjöbo's Budget 2024 as ``Exempel Resultatbudget`` and so on, and ``Exempel Lokaler`` with the packaged
ILLUSTRATIVE portfolio of the example scenario (not Sjöbo's property records; the sheet says so). Sheets whose
name starts with ``Exempel`` are never read.

Year sheets: the title in A1, the unit (``Belopp i mnkr``) in A2, the header row in row 4 (``Budget 2025``,
``Plan 2026``, ... and a ``Förslag`` column for notes), one row per line with its label as
:mod:`kommunbudget.data.budget_figures` spells it. A figure the embedded data suggest is filled in with a yellow
fill and its origin in the ``Förslag`` column (a note column, which the reader ignores).

openpyxl is imported at module top: this module is imported only when the template is written
(:data:`kommunbudget.cli.main.WORKBOOK_WRITERS`).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kommunbudget.data.budget_figures import PREMISES_COLUMNS, STATEMENT_ITEMS, TAX_AND_GRANT_ITEMS, BudgetItem
from kommunbudget.data.paths import files_folder
from kommunbudget.model.core import __version__
from kommunbudget.report.documents import Document
from kommunbudget.report.workbook import fit_row_heights
from kommunbudget.scenarios.premises import read_portfolio

__all__ = ["EXAMPLE_PORTFOLIO", "EXAMPLE_PREFIX", "HEADER_ROW", "INVESTMENTS_LABEL", "NOTE_HEADING", "SHEETS",
           "SUGGESTION_FILL", "UNIT_TEXT", "build_template", "write_workbook", "year_heading"]

#: The sheets of the template, in order (docs/budget-workbook.md).
SHEETS = ("Instruktioner", "Resultatbudget", "Skatter och bidrag", "Förutsättningar", "Verksamheter", "Lokaler",
          "Investeringar")
#: The label of the one line of ``Investeringar``.
INVESTMENTS_LABEL = "Nettoinvesteringar"
#: The optional capital lines of ``Investeringar`` under it (docs/budget-workbook.md).
CAPITAL_LABELS = ("Låneskuld", "Likvida medel", "Låneränta", "Avskrivningstid", "Ränta på pensionsavsättning")
#: The packaged illustrative portfolio shown in ``Exempel Lokaler`` (the example scenario's, data/files/scenarios).
EXAMPLE_PORTFOLIO = "sjobo_premises_portfolio.csv"
#: The prefix of the example's sheets (never read).
EXAMPLE_PREFIX = "Exempel "
#: The row of the year headers on every year sheet (1-based).
HEADER_ROW = 4
#: The unit declaration of the year sheets and Verksamheter.
UNIT_TEXT = "Belopp i mnkr"
#: The heading of the note column (ignored by the reader: not a year).
NOTE_HEADING = "Förslag"
#: The fill of a suggested figure (RGB).
SUGGESTION_FILL = "FFF2CC"

_SUGGESTED = PatternFill("solid", fgColor=SUGGESTION_FILL)
_INPUT = PatternFill("solid", fgColor="F2F2F2")
_HEADER = PatternFill("solid", fgColor="DDEBF7")
_TITLE = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_NOTE = Font(italic=True, color="7F6000")
_MSEK = "#,##0.0"
_RATE = "0.00"
_PEOPLE = "#,##0"
_TOTALS = {"verksamhetens_nettokostnader", "verksamhetens_resultat", "arets_resultat", "balanskravsresultat",
           "skatteintakter"}


def write_workbook(doc: Document, path: Path) -> None:
    """Writes the template of ``doc`` (:mod:`kommunbudget.cli.template`) to ``path``."""
    build_template(doc).save(path)


def year_heading(year: int, kind: str) -> str:
    """A year's header cell: ``Budget 2025``, ``Plan 2026``, ``Utfall 2023``."""
    return f"{kind.capitalize()} {year}"


def build_template(doc: Document) -> Workbook:
    """The template workbook: the sheets of :data:`SHEETS`, then the example's."""
    h, extra = doc.header, doc.extra
    years, kinds = list(h["years"]), list(h["year_kinds"])
    municipality = h.get("municipality")
    suggestions = extra["suggestions"]
    wb = Workbook()
    wb.remove(wb.active)
    _instructions(wb.create_sheet(SHEETS[0]), h, municipality is not None)
    name = municipality["name"] if municipality else None
    _year_sheet(wb.create_sheet(SHEETS[1]), "Resultatbudget", name, STATEMENT_ITEMS, years, kinds,
                {}, suggestions["items"])
    _year_sheet(wb.create_sheet(SHEETS[2]), "Skatter och bidrag", name, TAX_AND_GRANT_ITEMS, years, kinds,
                {}, suggestions["items"])
    _premises(wb.create_sheet(SHEETS[3]), name, _title_text(h["budget_year"], years), years, kinds, {}, {}, None,
              suggestions)
    _activities(wb.create_sheet(SHEETS[4]))
    _portfolio(wb.create_sheet(SHEETS[5]), [])
    _investments(wb.create_sheet(SHEETS[6]), years, kinds)
    ex = extra["example"]
    ex_name = ex["municipality"]["name"]
    ex_years, ex_kinds = list(ex["years"]), list(ex["year_kinds"])
    _year_sheet(wb.create_sheet(EXAMPLE_PREFIX + "Resultatbudget"), "Resultatbudget", ex_name, STATEMENT_ITEMS,
                ex_years, ex_kinds, ex["items"], {}, example=ex)
    _year_sheet(wb.create_sheet(EXAMPLE_PREFIX + "Skatter och bidrag"), "Skatter och bidrag", ex_name,
                TAX_AND_GRANT_ITEMS, ex_years, ex_kinds, ex["items"], {}, example=ex)
    _premises(wb.create_sheet(EXAMPLE_PREFIX + "Förutsättningar"), ex_name, ex["title"], ex_years, ex_kinds,
              ex["tax_rate"], ex["population"], ex["population_date"], None, example=ex)
    _portfolio(wb.create_sheet(EXAMPLE_PREFIX + "Lokaler"),
               read_portfolio(files_folder() / "scenarios" / EXAMPLE_PORTFOLIO, EXAMPLE_PORTFOLIO).records())
    wb.active = 1  # open on Resultatbudget
    for sheet in wb.worksheets:
        fit_row_heights(sheet)
    return wb


def _title_text(budget_year: int, years: Sequence[int]) -> str:
    return f"Budget {budget_year} med plan {years[1]}-{years[-1]}" if len(years) > 1 else f"Budget {budget_year}"


def _instructions(sheet: Worksheet, h: Mapping[str, Any], suggested: bool) -> None:
    """Short Swedish instructions (never read)."""
    years = list(h["years"])
    lines = [
        ("Budgetmall för kommunbudget", _TITLE),
        ("", None),
        ("Fyll i bladen Resultatbudget, Skatter och bidrag och Förutsättningar med kommunens antagna budget och "
         "plan, så som budgetdokumentet skriver dem. Bladen Verksamheter, Lokaler och Investeringar är frivilliga.",
         None),
        (f"Kolumnerna: Budget {years[0]} är budgetåret, "
         + ", ".join(f"Plan {y}" for y in years[1:]) + " är planåren. Fler planår: lägg till en kolumn "
         f"\"Plan {years[-1] + 1}\" direkt efter den sista, i alla tre bladen. Utfall för tidigare år får stå "
         "före budgetåret (\"Utfall 2024\").", None),
        ("Belopp i mnkr (miljoner kronor). Skriver ni i tusental kronor: ändra cellen \"Belopp i mnkr\" till "
         "\"Belopp i tkr\".", None),
        ("Kostnader (verksamhetens kostnader, avskrivningar, finansiella kostnader, reservering till "
         "resultatutjämningsreserv) får skrivas negativa eller positiva; de räknas som kostnader.", None),
        ("Radernas namn i kolumn A ska stå kvar som de är (en notreferens som \"(not 3)\" går bra). Rader ni inte "
         "har kan lämnas tomma.", None),
        ("Summaraderna kontrolleras när arbetsboken läses: verksamhetens nettokostnader = intäkter + kostnader + "
         "avskrivningar; årets resultat = verksamhetens resultat + finansiella poster; generella statsbidrag och "
         "utjämning = summan av posterna i Skatter och bidrag.", None),
        ("Förutsättningar: kommunens namn, skattesatsen i kr per 100 kr för varje år (t.ex. 20,92), invånarantalet "
         "och det datum det gäller (utjämningen använder 1 november året före budgetåret).", None),
        ("Lokaler: fastighetsbeståndet, en rad per fastighet, i kolumnerna som står i rubrikraden (scenariernas "
         "lokalportfölj). Investeringar: nettoinvesteringarna per år, och om ni vill låneskuld och likvida medel vid "
         "budgetårets slut, låneränta (procent) och avskrivningstid (år); de styr avskrivningar på nya "
         "investeringar, lånebehov och ränta på nya lån efter planen.", None),
    ]
    if suggested:
        lines.append((f"Gulmarkerade celler är förslag ur kommunbudgets data (SCB, Skatteverket); kolumnen "
                      f"{NOTE_HEADING} säger varifrån. Kontrollera dem och ersätt med budgetens egna siffror.", None))
    lines += [
        ("Blad vars namn börjar med \"Exempel\" visar Sjöbo kommuns Budget 2024 ifylld. De läses aldrig och kan "
         "tas bort.", None),
        ("Formatet beskrivs i docs/budget-workbook.md.", None),
        ("", None),
        (f"Skapad av kommunbudget {__version__}.", Font(italic=True, color="808080")),
    ]
    for r, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(r, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font is not None:
            cell.font = font
    sheet.column_dimensions["A"].width = 110


def _header(sheet: Worksheet, years: Sequence[int], kinds: Sequence[str], note: bool) -> None:
    """The header row: column A empty, one ``Budget YYYY``/``Plan YYYY`` per year, then the note column."""
    sheet.cell(HEADER_ROW, 1).fill = _HEADER
    for c, (year, kind) in enumerate(zip(years, kinds, strict=True), start=2):
        cell = sheet.cell(HEADER_ROW, c, year_heading(year, kind))
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER, Alignment(horizontal="right")
        sheet.column_dimensions[cell.column_letter].width = 13
    if note:
        cell = sheet.cell(HEADER_ROW, 2 + len(years), NOTE_HEADING)
        cell.font, cell.fill = _BOLD, _HEADER
        sheet.column_dimensions[cell.column_letter].width = 90


def _year_sheet(sheet: Worksheet, title: str, name: str | None, items: Sequence[BudgetItem], years: Sequence[int],
                kinds: Sequence[str], values: Mapping[int, Mapping[str, float]],
                suggestions: Mapping[str, Mapping[int, tuple[float, str]]],
                example: Mapping[str, Any] | None = None) -> None:
    """A year sheet: title, unit, header row, one row per item (values, suggestions in yellow with their note)."""
    sheet.cell(1, 1, f"{title}, {name}" if name else title).font = _TITLE
    sheet.cell(2, 1, UNIT_TEXT)
    if example is not None:
        sheet.cell(3, 1, _example_note(example)).font = _NOTE
    note_column = example is None
    _header(sheet, years, kinds, note_column)
    for r, item in enumerate(items, start=HEADER_ROW + 1):
        label = sheet.cell(r, 1, item.label)
        if item.id in _TOTALS:
            label.font = _BOLD
        notes = []
        for c, year in enumerate(years, start=2):
            cell = sheet.cell(r, c)
            cell.number_format = _MSEK
            if item.id in values.get(year, {}):
                cell.value = float(values[year][item.id])
            elif year in suggestions.get(item.id, {}):
                value, note = suggestions[item.id][year]
                cell.value = round(float(value), 1)
                cell.fill = _SUGGESTED
                notes.append(f"{year}: {note}")
            else:
                cell.fill = _INPUT
        if notes and note_column:
            sheet.cell(r, 2 + len(years), "; ".join(notes)).font = _NOTE
    sheet.column_dimensions["A"].width = 46
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)


def _premises(sheet: Worksheet, name: str | None, title: str, years: Sequence[int], kinds: Sequence[str],
              tax_rate: Mapping[int, float], population: Mapping[int, float], population_date: str | None,
              suggestions: Mapping[str, Any] | None, example: Mapping[str, Any] | None = None) -> None:
    """Förutsättningar: the header row, then Kommun, Dokument, Skattesats and Invånare per year, Befolkning per
    datum."""
    sheet.cell(1, 1, "Förutsättningar").font = _TITLE
    if example is not None:
        sheet.cell(2, 1, _example_note(example)).font = _NOTE
    note_column = example is None
    _header(sheet, years, kinds, note_column)
    note_col = 2 + len(years)
    r = HEADER_ROW + 1
    sheet.cell(r, 1, "Kommun").font = _BOLD
    kommun = sheet.cell(r, 2, name)
    if name is None:
        kommun.fill = _INPUT
    sheet.cell(r + 1, 1, "Dokument").font = _BOLD
    sheet.cell(r + 1, 2, title)
    suggested_rates = (suggestions or {}).get("tax_rate", {})
    suggested_population = (suggestions or {}).get("population", {})
    for row, label, given, suggested, form in ((r + 2, "Skattesats", tax_rate, suggested_rates, _RATE),
                                               (r + 3, "Invånare", population, suggested_population, _PEOPLE)):
        sheet.cell(row, 1, label).font = _BOLD
        notes = []
        for c, year in enumerate(years, start=2):
            cell = sheet.cell(row, c)
            cell.number_format = form
            if year in given:
                cell.value = float(given[year]) if form == _RATE else int(round(given[year]))
            elif year in suggested:
                value, note = suggested[year]
                cell.value = float(value) if form == _RATE else int(round(value))
                cell.fill = _SUGGESTED
                notes.append(f"{year}: {note}")
            else:
                cell.fill = _INPUT
        if notes and note_column:
            sheet.cell(row, note_col, "; ".join(notes)).font = _NOTE
    sheet.cell(r + 4, 1, "Befolkning per datum").font = _BOLD
    date = sheet.cell(r + 4, 2)
    suggested_date = (suggestions or {}).get("population_date")
    if population_date is not None:
        date.value = population_date
    elif suggested_date:
        date.value, date.fill = suggested_date[0], _SUGGESTED
        if note_column:
            sheet.cell(r + 4, note_col, suggested_date[1]).font = _NOTE
    else:
        date.fill = _INPUT
    # The national average tax capacity: needed for a budget year the embedded figures do not reach (after 2025).
    sheet.cell(r + 5, 1, "Medelskattekraft").font = _BOLD
    suggested_national = (suggestions or {}).get("national_tax_capacity", {})
    for c, year in enumerate(years, start=2):
        if year in suggested_national:
            cell = sheet.cell(r + 5, c, int(round(suggested_national[year][0])))
            cell.number_format, cell.fill = _PEOPLE, _SUGGESTED
    if note_column:
        sheet.cell(r + 5, note_col, "uppräknad medelskattekraft i riket, kr per invånare (SKR:s cirkulär); behövs "
                                    "för ett budgetår efter 2025, annars frivillig").font = _NOTE
    # The balanced-budget requirement over the years (docs/model.md §16), optional, each value in column B.
    balance_rows = (
        ("Resultatreserv vid årets början", _MSEK,
         "frivillig: resultatreserven (RUR före 2024) vid budgetårets början, mnkr; tom = 0 (antagande, inte data)"),
        ("Negativt eget kapital", "@",
         "frivillig: ja om eget kapital inkl. pensionsförpliktelser är negativt (då får bara resultat över 2 % "
         "reserveras, annars 1 %)"),
        (f"Ej återställt underskott {min(years) - 1}", _MSEK,
         "frivillig: ej återställt balanskravsunderskott från året, mnkr (årsredovisningens balanskravsutredning); "
         "en rad per år, t.ex. 'Ej återställt underskott 2022'"),
    )
    for i, (label, form, note) in enumerate(balance_rows, start=6):
        sheet.cell(r + i, 1, label).font = _BOLD
        cell = sheet.cell(r + i, 2)
        cell.number_format, cell.fill = form, _INPUT
        if note_column:
            sheet.cell(r + i, note_col, note).font = _NOTE
    sheet.column_dimensions["A"].width = 46
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)


def _activities(sheet: Worksheet) -> None:
    """Verksamheter (optional): the unit, then rows of service area or committee and net cost, left empty."""
    sheet.cell(1, 1, "Verksamheter").font = _TITLE
    sheet.cell(2, 1, UNIT_TEXT)
    sheet.column_dimensions["A"].width = 46
    sheet.column_dimensions["B"].width = 16
    for r in range(HEADER_ROW, HEADER_ROW + 15):
        sheet.cell(r, 1).fill = _INPUT
        sheet.cell(r, 2).fill = _INPUT
        sheet.cell(r, 2).number_format = _MSEK


#: Short Swedish headings of the portfolio's columns, for the row below the header (never read).
_PORTFOLIO_HINTS = {"id": "fastighetsbeteckning", "use": "användning", "area_m2": "yta, m²",
                    "book_value_msek": "bokfört värde, mnkr", "market_value_msek": "marknadsvärde, mnkr",
                    "running_cost_msek": "drift och underhåll, mnkr/år", "depreciation_msek": "avskrivning, mnkr/år",
                    "vacancy": "vakans, andel 0-1", "need_remains": "behovet kvar vid försäljning: ja/nej",
                    "external_rent_msek": "extern hyra om såld, mnkr/år (frivillig)"}


def _portfolio(sheet: Worksheet, records: Sequence[Mapping[str, Any]]) -> None:
    """Lokaler: the title, one line of instruction, the header row of :data:`PREMISES_COLUMNS` (row
    :data:`HEADER_ROW`), then one row per property (empty input rows in the template)."""
    example = bool(records)
    sheet.cell(1, 1, "Lokaler" + (" (illustrativt exempel)" if example else "")).font = _TITLE
    if example:
        text = ("Exempel: ett PÅHITTAT lokalbestånd (exempelscenariot sjobo_premises), inte Sjöbo kommuns "
                "fastighetsregister. Bladet läses inte.")
    else:
        text = ("Frivilligt: en rad per fastighet under rubrikraden; belopp i mnkr med basårets priser, vakans som "
                "andel (0,25), need_remains ja eller nej. Rubrikerna ska stå kvar som de är.")
    sheet.cell(2, 1, text).font = _NOTE
    for c, name in enumerate(PREMISES_COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, c, name)
        cell.font, cell.fill = _BOLD, _HEADER
        sheet.cell(HEADER_ROW - 1, c, _PORTFOLIO_HINTS[name]).font = _NOTE
        sheet.column_dimensions[cell.column_letter].width = 18
    sheet.column_dimensions["A"].width = 22
    rows = [list(r.values()) for r in records] or [[None] * len(PREMISES_COLUMNS)] * 15
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for c, (name, value) in enumerate(zip(PREMISES_COLUMNS, values, strict=True), start=1):
            cell = sheet.cell(r, c)
            if value is None:
                cell.fill = _INPUT
            else:
                cell.value = ("ja" if value else "nej") if isinstance(value, bool) else value
            if PREMISES_COLUMNS[name][0] == "number":
                cell.number_format = _PEOPLE if name == "area_m2" else "0.00" if name == "vacancy" else _MSEK
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)


def _investments(sheet: Worksheet, years: Sequence[int], kinds: Sequence[str]) -> None:
    """Investeringar: the title, the unit, one line of instruction, the year header (row :data:`HEADER_ROW`), the
    line ``Nettoinvesteringar`` and the optional capital lines (:data:`CAPITAL_LABELS`) left empty."""
    sheet.cell(1, 1, "Investeringar").font = _TITLE
    sheet.cell(2, 1, UNIT_TEXT)
    sheet.cell(3, 1, "Frivilligt: nettoinvesteringarna för budgetåret och varje planår; låneskuld och likvida "
                     "medel vid budgetårets slut (budgetårets kolumn), låneränta i procent per planår, "
                     "avskrivningstid i år (en siffra) och ränta på pensionsavsättning per år. De styr avskrivningar "
                     "på nya investeringar, lånebehov och ränta efter planen (docs/model.md §15).").font = _NOTE
    _header(sheet, years, kinds, False)
    for offset, label in enumerate((INVESTMENTS_LABEL, *CAPITAL_LABELS), start=1):
        first = sheet.cell(HEADER_ROW + offset, 1, label)
        if offset == 1:
            first.font = _BOLD
        for c in range(2, 2 + len(years)):
            cell = sheet.cell(HEADER_ROW + offset, c)
            cell.fill, cell.number_format = _INPUT, "0.00" if label in ("Låneränta", "Avskrivningstid") else _MSEK
    sheet.column_dimensions["A"].width = 46
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 2)


def _example_note(example: Mapping[str, Any]) -> str:
    sources = ", ".join(example.get("source", []))
    return (f"Exempel: {example['municipality']['name']} kommuns {example['title']} ({sources}); skattesatser och "
            f"invånare ur kommunbudgets data. Bladet läses inte.")
