"""A command's :class:`~kommunbudget.report.documents.Document` as an Excel workbook (``--format xlsx``, or
``--out`` ending in ``.xlsx``), for a finance department that takes it on to the council.

Layout: one sheet per table of the document (the income statement, the revenue bridge, targets, required tax
rates, measures in MSEK and öre, ...), one per record table of its further keys (the scenario's bridges, the tax
needed, the checklist, the base year's sources), ``Antaganden`` (every assumption with its value per year, kind and
source) and ``Om`` (municipality, vintage, versions, notes), each printed on A4 landscape one page wide. Each
sheet has a title row, a header row of years with each year's status under it (budget, plan, framskrivning) and the
row labels in column A (Swedish, from :mod:`kommunbudget.model.lines`); the header rows and column A are frozen.
Numbers are stored as numbers, never as text, with number formats that Excel and LibreOffice show with the
reader's own separators (``#,##0.0`` is ``1 656,2`` in Swedish); fractions as percent, booleans as 1/0 shown
``ja``/``nej``. The last column (``Id``) holds each row's identifier as in JSON and CSV, so a sheet can be matched to
them; it is hidden (as are the English labels of the sensitivity sheets), since a councillor reads the workbook in
Swedish: unhide it to match rows.

The workbook is Swedish throughout: the assumptions and base-year fields by their Swedish labels
(:mod:`kommunbudget.report.assumption_labels`), every text the lower layers generate in English (sources, notes, the
conclusion, the bases of the sensitivity defaults) through the catalogue of generated texts
(:func:`kommunbudget.report.i18n.translate_text`), the checklist's questions in Swedish, the scenario's
``description_sv``. Names the user chose (measures, committees, properties) are kept as written.

openpyxl is imported at module top: this module is imported only when a workbook is written (the command line
imports it by name, :data:`kommunbudget.cli.main.WORKBOOK_WRITERS`).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kommunbudget.analysis.sensitivity_defaults import years_text
from kommunbudget.model import core
from kommunbudget.model.core import __version__
from kommunbudget.model.lines import BALANCE_LINES, GRANT_ITEM_LABELS, LINE_UNITS, label
from kommunbudget.report.assumption_labels import (
    MEASURE_KIND_WORDS,
    SHOCK_LABELS,
    assumption_label,
    base_field_label,
    base_value_text,
)
from kommunbudget.report.documents import Document, Table, clean
from kommunbudget.report.i18n import translate_text
from kommunbudget.scenarios.checklist import items as checklist_items

__all__ = ["APPROXIMATE_WARNING", "NUMBER_FORMATS", "SHEET_TITLES", "STATUS_SV", "UNIT_SV", "build_workbook",
           "fit_row_heights", "number_format", "row_label", "sheet_rows", "write_workbook"]

#: Table name -> the sheet's name (at most 31 characters; Excel's limit) and its title's words.
SHEET_TITLES: dict[str, tuple[str, str]] = {
    "statement": ("Resultaträkning", "Resultaträkning"),
    # Not "Skatter och bidrag": that is a sheet of the budget workbook a user fills in (docs/budget-workbook.md).
    "revenue": ("Intäktsbrygga", "Skatteintäkter och generella statsbidrag, post för post"),
    "capital": ("Investeringar och lån", "Investeringar, självfinansiering, lån och pensionsränta"),
    "targets_met": ("Mål uppfyllda", "Balanskrav och mål: uppfyllt (ja/nej)"),
    "required_tax_rate": ("Skattesats som krävs", "Lägsta skattesats som når varje mål, kr per 100 kr"),
    "required_change_ore": ("Ändring som krävs öre", "Ändring av skattesatsen som varje mål kräver, öre"),
    "target_gap": ("Underskott mnkr", "Underskott mot varje mål (negativt = marginal), mnkr"),
    "target_gap_ore": ("Underskott öre", "Underskott mot varje mål (negativt = marginal), öre"),
    "sustained_change": ("Varaktig höjning", "Varaktig ändring av skattesatsen, kr per 100 kr"),
    "sustained_change_ore": ("Varaktig höjning öre", "Varaktig ändring av skattesatsen, öre"),
    "household_cost": ("Hushållets kostnad", "Vad ändringen kostar ett hushåll, kr per år"),
    "summary": ("Sammanfattning", "Sammanfattning"),
    "balance_requirement": ("Balanskrav över åren", "Balanskravet över åren: återställande och resultatreserv, mnkr"),
    "comparison": ("Skatt eller effektivisering", "Skattehöjning mot effektivisering, år för år"),
    "measure_effects": ("Åtgärder mnkr", "Vad varje åtgärd tillför resultatet, mnkr"),
    "measure_effects_ore": ("Åtgärder öre", "Vad varje åtgärd tillför resultatet, öre på skattesatsen"),
    "bridge": ("Brygga", "Brygga per åtgärd och resultatrad"),
    "bridge_by_driver": ("Brygga per drivkraft", "Från basårets resultat, drivkraft för drivkraft"),
    "tax_needed": ("Skatt som behövs", "Varaktig skatteändring med och utan åtgärderna"),
    "checklist": ("Checklista", "Checklistans 19 frågor"),
    "base_year_sources": ("Källor basår", "Basårets siffror och deras källor"),
    "before_disposals": ("Lokaler före försäljning", "Lokalbeståndet i basåret, före scenariots försäljningar"),
    "after_disposals": ("Lokaler efter försäljning", "Lokalbeståndet i basåret, efter scenariots försäljningar"),
    "tornado": ("Känslighet tornado", "Varje antagande lågt och högt: effekt på resultatet och skattebehovet"),
    "factors": ("Sobol faktorer", "Sobolanalysens faktorer: förskjutning av årlig tillväxt efter planen"),
    "sobol": ("Sobolindex", "Sobolindex (S1, ST) för resultatet, resultatandelen och skattebehovet"),
    "tax_need": ("Skattebehov osäkerhet", "Varaktig skatteändring som målet kräver över dragningarna, öre; "
                 "sannolikheten att en höjning behövs"),
    "shocks": ("Chocker", "Chockernas storlek, fördelning och grund (SOURCES.md §25-26)"),
    "probabilities": ("Sannolikheter", "Andel dragningar där balanskravet, återställandet och målet missas, per år"),
    "fan_result": ("Resultat percentiler", "Årets resultat över dragningarna: percentiler, medel, utan chocker, mnkr"),
    "fan_balanced_budget_result": ("Balanskravsresultat percent.", "Balanskravsresultatet över dragningarna: "
                                   "percentiler, medel, utan chocker, mnkr"),
    "fan_result_share": ("Resultatandel percentiler", "Resultatet som andel av skatter och bidrag över dragningarna"),
}

#: Unit (as in the document) -> its Swedish words in the unit column.
UNIT_SV: dict[str, str] = {
    "MSEK": "mnkr", "fraction": "procent", "fraction per year": "procent per år", "kr per 100 kr": "kr per 100 kr",
    "öre": "öre", "boolean": "ja/nej", "kr per year": "kr per år", "kr": "kr", "kr per inhabitant": "kr per invånare",
    "inhabitants": "invånare", "year": "år", "calendar year": "år", "kr per m2": "kr per m²", "m2": "m²",
}

#: Unit -> number format code (the file's codes use ``,`` and ``.``; Excel and LibreOffice show the reader's
#: separators). A unit not listed gets ``#,##0.0``.
NUMBER_FORMATS: dict[str, str] = {
    "MSEK": "#,##0.0", "öre": "#,##0.0", "fraction": "0.0%", "fraction per year": "0.00%",
    "kr per 100 kr": "0.00", "kr per year": "#,##0", "kr": "#,##0", "kr per inhabitant": "#,##0",
    "inhabitants": "#,##0", "year": "0", "calendar year": "0", "boolean": '"ja";"ja";"nej"',
}

#: Year status (``year_status``) -> the header's word.
STATUS_SV: dict[str, str] = {"budget": "Budget", "approximate": "Ungefärlig (SCB)", "plan": "Plan",
                             "projection": "Framskrivning"}

#: Row identifiers of the command tables other than statement lines -> Swedish label.
_ROW_SV: dict[str, str] = {
    "current": "Skattesats i framskrivningen",
    "result": "Årets resultat ≥ 0",
    "balanced_budget_result": "Balanskravsresultat ≥ 0",
    "from_year": "Första år för ändringen",
    "household_income": "Hushållets beskattningsbara inkomst",
    "household_cost": "Kostnad för hushållet",
    "tax_change": "Skattehöjning",
    "tax_change_ore": "Skattehöjning, öre",
    "efficiency_rate": "Effektivisering, andel av verksamhetens kostnader",
    "tax_change_revenue": "Skattehöjningens intäkt, mnkr",
    "tax_change_revenue_ore": "Skattehöjningens intäkt, öre",
    "efficiency_saving": "Effektiviseringens besparing, mnkr",
    "efficiency_saving_ore": "Effektiviseringens besparing, öre",
    "change_result": "Ändring av resultatet",
}
_WHICH_SV = {"baseline": "Utgångsläge", "tax": "Med skattehöjning", "efficiency": "Med effektivisering",
             "scenario": "Med åtgärderna"}
_ITEM_SV = {"result": "årets resultat", "balanced_budget_result": "balanskravsresultat",
            "result_share": "resultat i % av skatter och bidrag", "meets_target": "når målet",
            "meets_balanced_budget": "når balanskravet"}

#: Headings of the record sheets' columns (a key not listed keeps its name).
_COLUMN_SV: dict[str, str] = {
    "view": "Vy", "item": "Post", "msek": "mnkr", "ore": "öre", "driver": "Drivkraft",
    "change_kr_per_100kr": "Ändring, kr per 100 kr", "change_ore": "Ändring, öre",
    "settable_kr_per_100kr": "Ändring i hela ören (avrundat uppåt), kr per 100 kr",
    "household_cost_kr": "Hushållets kostnad, kr per år", "number": "Nr", "topic": "Område", "question": "Fråga",
    "levers": "Hävstänger", "modelled": "Modellerad", "tested": "Prövad",
    "worth_ore_first_year": "Värd öre första året",
    "worth_ore_last_year": "Värd öre sista året", "worth_ore_sum": "Värd öre summa", "measures": "Åtgärder",
    "field": "Fält", "value": "Värde", "kind": "Slag", "source": "Källa",
    "use": "Användning", "n_properties": "Fastigheter", "area_m2": "Yta m²", "vacant_area_m2": "Tom yta m²",
    "vacancy_share": "Vakansgrad", "running_cost_msek": "Driftkostnad mnkr", "depreciation_msek": "Avskrivningar mnkr",
    "total_premises_cost_msek": "Lokalkostnad mnkr", "cost_kr_per_m2": "kr per m²",
    "book_value_msek": "Bokfört värde mnkr",
    "market_value_msek": "Marknadsvärde mnkr", "market_minus_book_msek": "Marknadsvärde − bokfört mnkr",
    "assumption": "Antagande", "assumption_sv": "Antagande (sv)", "series": "Serier", "years": "År",
    "default": "Standard", "low": "Lågt", "high": "Högt", "low_name": "Lågt kallas", "high_name": "Högt kallas",
    "result_low_msek": "Resultat lågt mnkr", "result_high_msek": "Resultat högt mnkr",
    "result_effect_low_msek": "Effekt lågt mnkr", "result_effect_high_msek": "Effekt högt mnkr",
    "result_swing_msek": "Spann resultat mnkr", "need_low_ore": "Skattebehov lågt öre",
    "need_high_ore": "Skattebehov högt öre", "need_effect_low_ore": "Ändrat behov lågt öre",
    "need_effect_high_ore": "Ändrat behov högt öre", "need_swing_ore": "Spann behov öre", "error": "Fel",
    "output": "Utfall", "factor": "Faktor", "S1_conf": "S1 ±", "ST_conf": "ST ±", "label": "Benämning",
    "label_sv": "Benämning (sv)", "distribution": "Fördelning", "basis": "Grund",
    "assumption_en": "Antagande (engelska)", "label_en": "Benämning (engelska)",
    # kommunbudget uncertainty: the tax need's distribution and the shocks
    "case": "Fall", "p5": "5 %, öre", "p10": "10 %, öre", "p25": "25 %, öre", "p50": "Median, öre",
    "p75": "75 %, öre", "p90": "90 %, öre", "p95": "95 %, öre", "mean_ore": "Medel, öre",
    "deterministic_ore": "Utan chocker, öre", "probability_rise": "Sannolikhet att en höjning behövs",
    "shock": "Chock", "sd": "Standardavvikelse (tillväxt: procentenheter per år)", "per": "Dras per",
    "status": "Status", "moves": "Vad den flyttar",
}
#: Texts of the record sheets (the bridges' views, items and drivers, the tax-needed cases) in Swedish; a text not
#: listed is a statement line's id (its Swedish label), a grant item's name, or kept as it is (a measure's name).
_TEXT_SV = {
    "measure": "åtgärd", "line": "resultatrad", "baseline result": "Utgångslägets resultat",
    "scenario result": "Scenariots resultat", "base-year result": "Basårets resultat",
    "other planned amounts": "Övriga planerade belopp", "price (PKV)": "Priser (PKV)", "volume": "Volym",
    "operating income growth": "Verksamhetens intäkter, ökning", "own tax base growth": "Eget skatteunderlag, tillväxt",
    "national tax capacity growth (equalisation)": "Medelskattekraft, tillväxt (utjämningen)",
    "measures": "Åtgärder", "without measures": "Utan åtgärder", "with measures": "Med åtgärderna", "total": "Totalt",
    "without_measures": "Utan åtgärder", "with_measures": "Med åtgärderna",
}
#: Columns of the record sheets whose texts are translated; the first present is repeated untranslated as ``Id``.
_TRANSLATED = ("item", "driver", "", "case", "use", "view")
#: Columns written but hidden: the identifier and the sensitivity sheets' English labels (for matching JSON and CSV;
#: a councillor reads the Swedish ones).
_HIDDEN = ("Id", "assumption_en", "label_en")
#: Grant items the label table does not name (the approximate baseline's derived item).
_GRANT_SV = {"other_items_derived": "Övriga poster, härledda (basåret i balans)"}

#: Record columns -> number format.
_COLUMN_FORMATS = {"msek": "#,##0.00", "ore": "#,##0.0", "change_kr_per_100kr": "0.0000",
                   "settable_kr_per_100kr": "0.00", "change_ore": "#,##0.0",
                   "household_cost_kr": "#,##0", "worth_ore_first_year": "#,##0.0", "worth_ore_last_year": "#,##0.0",
                   "worth_ore_sum": "#,##0.0", "modelled": '"ja";"ja";"nej"', "tested": '"ja";"ja";"nej"',
                   "area_m2": "#,##0", "vacant_area_m2": "#,##0", "vacancy_share": "0%", "cost_kr_per_m2": "#,##0",
                   "n_properties": "0", "S1": "0.000", "S1_conf": "0.000", "ST": "0.000", "ST_conf": "0.000",
                   "low": "0.00%", "high": "0.00%", "probability_rise": "0.0%", "sd": "0.0%", "p5": "#,##0.0",
                   "p10": "#,##0.0",
                   "p25": "#,##0.0", "p50": "#,##0.0", "p75": "#,##0.0", "p90": "#,##0.0", "p95": "#,##0.0",
                   "mean_ore": "#,##0.0", "deterministic_ore": "#,##0.0"}

#: The kinds of an assumption, in Swedish.
_KIND_SV = {"data": "data (publicerad)", "derived": "härledd", "user": "angiven av dig (--set)",
            "default": "antagande (standard)"}

#: The sensitivity sheets' words in Swedish: what a side of the tornado is called, a factor's distribution, a Sobol
#: output (a word not listed is kept).
_SENSITIVITY_SV = {"low": "lågt", "high": "högt", "rule (default)": "regeln (standard)", "held": "oförändrat",
                   "uniform": "likformig", "normal": "normalfördelning", "beta": "betafördelning",
                   "lognormal": "lognormalfördelning", "year": "år", "draw": "dragning", "assumption": "antagande",
                   "partly derived": "delvis härledd", "derived": "härledd", "data": "data",
                   "result": "Årets resultat",
                   "result_share": "Resultat i % av skatter och generella statsbidrag",
                   "tax_need": "Skattebehov, öre (varaktig ändring av skattesatsen)"}

#: Row identifiers of the uncertainty tables (``<case>.<item>``): the items' Swedish words.
_FAN_SV = {"requirement_missed": "balanskravet missas", "restoration_missed": "återställandet missas",
           "target_missed": "målet missas", "mean": "medelvärde", "deterministic": "utan chocker",
           "error": "felmarginal (en histogramklass)"}

#: Extra keys written as record sheets, in order.
_RECORD_KEYS = ("bridge", "bridge_by_driver", "tax_needed", "checklist", "base_year_sources", "tornado", "factors",
                "sobol", "tax_need", "shocks")

_TITLE_FONT = Font(bold=True, size=12)
_BOLD = Font(bold=True)
_GREY = Font(color="808080")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_FIRST_DATA_ROW = 5  # title, blank, years, status, then the rows


def write_workbook(doc: Document, path: Path) -> None:
    """Writes ``doc`` as a workbook to ``path`` (the command line gives a temporary file in the target's folder,
    then moves it into place)."""
    build_workbook(doc).save(path)


def build_workbook(doc: Document) -> Workbook:
    """The workbook of ``doc`` (see the module's description), not yet saved."""
    wb = Workbook()
    wb.remove(wb.active)
    years = list(doc.header.get("years", []))
    status = list(doc.header.get("year_status", []))
    place = _place(doc)
    used: set[str] = set()
    for table in doc.tables:
        sheet = wb.create_sheet(_sheet_name(table.name, used))
        if table.yearly:
            _yearly_sheet(sheet, table, years, status, place, doc)
        else:
            _scalar_sheet(sheet, table, place, doc)
    for key in _RECORD_KEYS:
        value = doc.extra.get(key)
        records = _records(value)
        if records:
            records = _swedish_records(key, records, doc)
            year = value.get("year") if isinstance(value, Mapping) else None
            _records_sheet(wb.create_sheet(_sheet_name(key, used)), key, records, place,
                           f", {year}" if year is not None else "")
    premises = doc.extra.get("premises_summary")
    if isinstance(premises, Mapping):
        sold = ", ".join(str(i) for i in premises.get("sold_property_ids") or []) or "inga"
        for key, suffix in (("before_disposals", ""), ("after_disposals", f" (sålda: {sold})")):
            if _records(premises.get(key)):
                _records_sheet(wb.create_sheet(_sheet_name(key, used)), key, _records(premises[key]), place, suffix)
    if doc.extra.get("assumptions"):
        _assumptions_sheet(wb.create_sheet(_sheet_name("Antaganden", used)), doc.extra["assumptions"], years, status,
                           place)
    _about_sheet(wb.create_sheet(_sheet_name("Om", used)), doc)
    _answer_first(wb)
    approximate = bool(doc.header.get("approximate")) or "approximate" in status
    for sheet in wb.worksheets:
        if approximate:  # row 2 is blank under every title
            cell = sheet.cell(2, 1, APPROXIMATE_WARNING)
            cell.font = _WARNING_FONT
        _print_setup(sheet)
        fit_row_heights(sheet)
    return wb


#: The warning under every sheet's title when the baseline is approximate (no adopted budget in the data).
APPROXIMATE_WARNING = ("UNGEFÄRLIGT UTGÅNGSLÄGE: kommunen har ingen inläst antagen budget. Utgångsläget bygger på "
                       "SCB-data och basårets resultat är 0 per konstruktion: läs vad åtgärder och skatteändringar är "
                       "värda, inte om målen nås.")
_WARNING_FONT = Font(bold=True, color="C0392B")


#: Sheets that hold the answer, in the order they open the workbook (the rest keep their order after them).
_ANSWER_SHEETS = ("tax_needed", "summary", "statement", "targets_met", "sustained_change_ore", "sustained_change",
                  "household_cost", "comparison", "tax_need", "probabilities")


def _answer_first(wb: Workbook) -> None:
    """Moves the sheets holding the answer (:data:`_ANSWER_SHEETS`) to the front, in that order, and opens the
    workbook on the first."""
    names = [SHEET_TITLES[key][0] for key in _ANSWER_SHEETS if key in SHEET_TITLES]
    front = [s for name in names for s in wb.worksheets if s.title == name]
    rest = [s for s in wb.worksheets if s not in front]
    wb._sheets = front + rest  # openpyxl keeps the order in this list; move_sheet would move one at a time
    wb.active = 0


#: Points per line of wrapped text (Calibri 11) and characters per unit of column width, for row heights.
_LINE_POINTS = 15.0
_CHARS_PER_WIDTH = 1.15


def fit_row_heights(sheet: Worksheet) -> None:
    """Sets the height of every row holding wrapped text to the lines it needs at its column's width, so that
    LibreOffice (which does not size rows on opening) shows wrapped text without overlap; Excel does the same.

    The lines are estimated from the text's length and the column width (about 1.15 characters per unit of width in
    Calibri 11), paragraph by paragraph; 15 points per line.
    """
    heights: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if not (isinstance(cell.value, str) and cell.alignment is not None and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[cell.column_letter].width or 8.43
            per_line = max(1, int(width * _CHARS_PER_WIDTH) - 1)
            lines = sum(max(1, -(-len(part) // per_line)) for part in cell.value.split("\n"))
            heights[cell.row] = max(heights.get(cell.row, 0.0), lines * _LINE_POINTS)
    for r, height in heights.items():
        if height > _LINE_POINTS:
            sheet.row_dimensions[r].height = height
            for cell in sheet[r]:  # a tall row's numbers and labels at the top, beside the first line of its text
                if cell.value is not None and not (cell.alignment is not None and cell.alignment.wrap_text):
                    cell.alignment = Alignment(horizontal=cell.alignment.horizontal if cell.alignment else None,
                                               vertical="top")
                elif cell.value is not None:
                    cell.alignment = Alignment(wrap_text=True, vertical="top", indent=1)


def _print_setup(sheet: Worksheet) -> None:
    """Printed on A4 landscape, one page wide, the header rows repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if sheet.title != "Om":
        sheet.print_title_rows = "3:4"


def row_label(table: str, ident: str, doc: Document | None = None) -> str:
    """The Swedish label of a row of a document's table: a statement or revenue line from the label table, a
    target, a comparison or summary row, else the identifier itself (a measure's name)."""
    if table in ("statement", "revenue", "capital") and (ident in LINE_UNITS or ident.startswith("grant:")):
        if ident.startswith("grant:") and ident.split(":", 1)[1] not in GRANT_ITEM_LABELS:
            name = ident.split(":", 1)[1]
            return _GRANT_SV.get(name, name)
        return label(ident, "sv")
    if table == "balance_requirement" and ident in {spec[0] for spec in BALANCE_LINES}:
        return label(ident, "sv")
    if table == "revenue" and doc is not None:
        return str(doc.extra.get("labels", {}).get("revenue", {}).get(ident, ident))
    if ident in _ROW_SV:
        return _ROW_SV[ident]
    if ident.startswith("result_excluding_one_offs_share_") and ident.endswith("pct"):
        share = ident[len("result_excluding_one_offs_share_"):-3].replace(".", ",")
        return f"Resultat exkl. jämförelsestörande poster ≥ {share} % av skatter och generella statsbidrag"
    if ident.startswith("result_share_") and ident.endswith("pct"):
        return f"Resultat ≥ {ident[len('result_share_'):-3].replace('.', ',')} % av skatter och generella statsbidrag"
    for which, words in _WHICH_SV.items():
        if ident.startswith(which + "_") and ident[len(which) + 1:] in _ITEM_SV:
            return f"{words}: {_ITEM_SV[ident[len(which) + 1:]]}"
    case, _, item = ident.partition(".")
    if case in ("without_measures", "with_measures") and item:
        words = _FAN_SV.get(item) or (f"{item[1:]}:e percentilen" if item[:1] == "p" and item[1:].isdigit() else item)
        return f"{_TEXT_SV[case]}: {words}"
    return ident


def number_format(unit: str) -> str:
    """The number format of a value in ``unit`` (:data:`NUMBER_FORMATS`)."""
    return NUMBER_FORMATS.get(unit, "#,##0.0")


def sheet_rows(table: Table, years: Sequence[int]) -> list[tuple[str, list[Any]]]:
    """The rows of a table as stored in its sheet: (identifier, values), a yearly row one value per year, a scalar
    row one value; each value as it is stored (a boolean as 1/0, no value as None)."""
    rows = []
    for ident, values in table.rows.items():
        if table.yearly:
            rows.append((ident, [_cell_value(v) for v in values]))
        else:
            rows.append((ident, [_cell_value(values)]))
    return rows


# ----------------------------------------------------------------------------------------------------------------
# Sheets
# ----------------------------------------------------------------------------------------------------------------


def _place(doc: Document) -> str:
    """``"Sjöbo (1265)"`` from the header, or the command's name when there is no municipality."""
    m = doc.header.get("municipality")
    if isinstance(m, Mapping) and m.get("name"):
        return f"{m['name']} ({m.get('code', '')})"
    return f"kommunbudget {doc.command}"


def _sheet_name(key: str, used: set[str]) -> str:
    """The sheet's name for a table key (or a given name): unique, at most 31 characters, without ``[]:*?/\\``."""
    name = SHEET_TITLES.get(key, (key, key))[0]
    name = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Blad"
    candidate, n = name, 2
    while candidate.casefold() in used:
        candidate = f"{name[:28]} {n}"
        n += 1
    used.add(candidate.casefold())
    return candidate


#: Yearly tables of rates in kr per 100 kr that a council sets: shown in whole öre, rounded up (the core's
#: ``round_up_to_ore``), so that the rate shown meets its target; the exact öre are in the öre sheets and in JSON.
_WHOLE_ORE_TABLES = frozenset({"required_tax_rate", "sustained_change"})
#: Single values shown the same way: (table, row).
_WHOLE_ORE_ROWS = frozenset({("summary", "tax_change")})


def _title(sheet: Worksheet, key: str, place: str, extra: str = "") -> None:
    words = SHEET_TITLES.get(key, (key, key))[1]
    if key in _WHOLE_ORE_TABLES:
        words += " (hela ören, avrundat uppåt)"
    sheet["A1"] = f"{words}, {place}{extra}"
    sheet["A1"].font = _TITLE_FONT


def _cell_value(value: Any) -> Any:
    """A value as stored in a cell: a float or int (a boolean as 1/0), or None for no value."""
    value = clean(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _yearly_sheet(sheet: Worksheet, table: Table, years: Sequence[int], status: Sequence[str], place: str,
                  doc: Document) -> None:
    """A yearly table: label and unit, one column per year (status below the year), the identifier last."""
    _title(sheet, table.name, place)
    _year_header(sheet, ["", "Enhet"], years, status, "Id")
    for r, (ident, values) in enumerate(sheet_rows(table, years), start=_FIRST_DATA_ROW):
        unit = table.units[ident]
        sheet.cell(r, 1, row_label(table.name, ident, doc))
        sheet.cell(r, 2, UNIT_SV.get(unit, unit))
        for c, value in enumerate(values, start=3):
            if table.name in _WHOLE_ORE_TABLES and isinstance(value, float):
                value = float(core.round_up_to_ore(value))  # the rate a council sets: whole öre, rounded up
            cell = sheet.cell(r, c, value)
            cell.number_format = number_format(unit)
        sheet.cell(r, 3 + len(years), ident).font = _GREY
    _finish(sheet, label_width=_label_width(sheet), data_columns=len(years), first_data_column=3)
    _hide(sheet, 3 + len(years))
    sheet.freeze_panes = sheet.cell(_FIRST_DATA_ROW, 3)


def _scalar_sheet(sheet: Worksheet, table: Table, place: str, doc: Document) -> None:
    """A table of single values: label, value, unit, identifier."""
    _title(sheet, table.name, place)
    for c, text in enumerate(("", "Värde", "Enhet", "Id"), start=1):
        cell = sheet.cell(3, c, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for r, (ident, values) in enumerate(sheet_rows(table, []), start=4):
        unit = table.units[ident]
        sheet.cell(r, 1, row_label(table.name, ident, doc))
        value = values[0]
        if (table.name, ident) in _WHOLE_ORE_ROWS and isinstance(value, float):
            value = float(core.round_up_to_ore(value))  # the rise a council sets: whole öre, rounded up
        sheet.cell(r, 2, value).number_format = number_format(unit)
        sheet.cell(r, 3, UNIT_SV.get(unit, unit))
        sheet.cell(r, 4, ident).font = _GREY
    _finish(sheet, label_width=_label_width(sheet), data_columns=1, first_data_column=2)
    _hide(sheet, 4)
    sheet.freeze_panes = "B4"


def _records(value: Any) -> list[dict[str, Any]]:
    """The records of an extra key: a list of dicts, ``{"rows": [...]}``, or a dict of dicts (``tax_needed``: the
    outer key becomes the column ``""``)."""
    if isinstance(value, list) and value and all(isinstance(r, Mapping) for r in value):
        return [dict(r) for r in value]
    if isinstance(value, Mapping):
        if isinstance(value.get("rows"), list):
            return [dict(r) for r in value["rows"]]
        if value and all(isinstance(v, Mapping) for v in value.values()):
            return [{"": k, **v} for k, v in value.items()]
    return []


def _base_value_format(field: str) -> str:
    """The number format of a base-year figure by its field: a rate in kr per 100 kr with 2 decimals (20,92), the
    equalisation's factors with 2 (1,15), inhabitants and kronor whole (19 337), a year as a year, MSEK with 1."""
    if field.endswith("kr_per_100kr"):
        return "0.00"
    if field.startswith("equalisation."):
        return "0.00"
    if field in ("population",) or field.endswith("_kr") or field.endswith("population"):
        return "#,##0"
    if field.endswith("year"):
        return "0"
    return "#,##0.0"


def _records_sheet(sheet: Worksheet, key: str, records: list[dict[str, Any]], place: str, suffix: str) -> None:
    """Records as a table under the title (``suffix`` after it): one column per key (Swedish headings), numbers as
    numbers; the texts of :data:`_TRANSLATED` columns in Swedish, the first of them repeated as ``Id``; the columns
    of :data:`_HIDDEN` hidden."""
    _title(sheet, key, place, suffix)
    columns = list(dict.fromkeys(k for r in records for k in r))
    translated = [c for c in _TRANSLATED if c in columns and key != "checklist" and "Id" not in columns]
    headings = [_COLUMN_SV.get(column, column) for column in columns] + (["Id"] if translated else [])
    for c, heading in enumerate(headings, start=1):
        cell = sheet.cell(3, c, heading)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for r, record in enumerate(records, start=4):
        for c, column in enumerate(columns, start=1):
            value = record.get(column)
            value = _cell_value(value) if isinstance(value, (int, float, bool)) or value is None else str(value)
            if column in translated and isinstance(value, str):
                value = _text_sv(value)
            cell = sheet.cell(r, c, value)
            if isinstance(value, (int, float)):
                cell.number_format = (_base_value_format(str(record.get("Id", record.get("field", ""))))
                                      if key == "base_year_sources" and column == "value" else
                                      _COLUMN_FORMATS.get(column, "#,##0.0" if isinstance(value, float) else "0"))
            if column == "Id":
                cell.font = _GREY
        if translated:
            sheet.cell(r, len(columns) + 1, record.get(translated[0])).font = _GREY
    widths = [min(60, max(len(str(_COLUMN_SV.get(col, col))), *(len(_shown(r.get(col))) for r in records)) + 2)
              for col in columns] + ([24] if translated else [])
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = max(8, width)
        if width >= 60:
            for row in sheet.iter_rows(min_row=4, min_col=c, max_col=c):
                row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate([*columns, *(["Id"] if translated else [])], start=1):
        if column in _HIDDEN:
            _hide(sheet, c)
    sheet.freeze_panes = "B4"


def _hide(sheet: Worksheet, column: int) -> None:
    """Hides a column (the identifiers and English labels kept for matching JSON and CSV)."""
    sheet.column_dimensions[get_column_letter(column)].hidden = True


def _swedish_records(key: str, records: list[dict[str, Any]], doc: Document) -> list[dict[str, Any]]:
    """The records of a record sheet with their texts in Swedish and, where the row's identifier is not one of
    the :data:`_TRANSLATED` columns, an ``Id`` column last: the sensitivity sheets (:func:`_sensitivity_records`),
    the base year's sources (field label, value, kind, source), the checklist (topic, question and levers in Swedish)
    and the uncertainty's shocks (label, distribution, draw, status, what the shock moves). Other keys are returned
    as they are."""
    if key in ("tornado", "factors", "sobol"):
        return _sensitivity_records(key, records, doc)
    if key == "base_year_sources":
        return [{"field": base_field_label(str(r.get("field")), "sv"), "value": _base_value(r),
                 "kind": _KIND_SV.get(str(r.get("kind")), r.get("kind")),
                 "source": translate_text(str(r.get("source")), "sv"), "Id": r.get("field")} for r in records]
    if key == "checklist":
        swedish = {entry.number: entry for entry in checklist_items()}
        out = []
        for r in records:
            entry = swedish.get(r.get("number"))
            levers = [lever.strip() for lever in str(r.get("levers") or "").split(",") if lever.strip()]
            out.append({**r, "topic": (entry.swedish[:1].upper() + entry.swedish[1:]) if entry else r.get("topic"),
                        "question": entry.question_sv if entry else r.get("question"),
                        "levers": ", ".join(MEASURE_KIND_WORDS.get(lever, (lever,))[0] for lever in levers)})
        return out
    if key == "shocks":
        def sv(value: Any) -> Any:
            return _SENSITIVITY_SV.get(value, value) if isinstance(value, str) else value
        return [{**r, "shock": SHOCK_LABELS.get(str(r.get("shock")), (r.get("shock"),))[0],
                 "distribution": sv(r.get("distribution")), "per": sv(r.get("per")), "status": sv(r.get("status")),
                 **({"moves": translate_text(str(r["moves"]), "sv")} if r.get("moves") else {}),
                 "Id": r.get("shock")} for r in records]
    return records


#: Base-year fields whose value is shown as text even when it is a number (years, a sentinel).
_TEXT_VALUES = ("capital.plan_last_year", "capital.opening_debt_msek")


def _base_value(record: Mapping[str, Any]) -> Any:
    """A base-year figure's cell: a number as a number, else its text in Swedish (lists, truth values, "none")."""
    field, value = str(record.get("field")), record.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and field not in _TEXT_VALUES:
        return value
    return base_value_text(field, value, "sv")


def _sensitivity_records(key: str, records: list[dict[str, Any]], doc: Document) -> list[dict[str, Any]]:
    """The records of the sensitivity sheets (``tornado``, ``factors``, ``sobol``) for the Swedish sheet: the row's
    Swedish label under ``Antagande``/``Benämning``/``Faktor`` (the English one in its own column), years as text
    (``2028-2030``, :func:`~kommunbudget.analysis.sensitivity_defaults.years_text`), low/high and the like in
    Swedish (:data:`_SENSITIVITY_SV`), the identifier last. Other keys are returned as they are."""
    def sv(value: Any) -> Any:
        return _SENSITIVITY_SV.get(value, value) if isinstance(value, str) else value

    def years(value: Any) -> Any:
        return years_text(value) if isinstance(value, list) else value

    def text(value: Any) -> Any:
        return translate_text(value, "sv") if isinstance(value, str) and value else value

    def series(value: Any) -> Any:
        names = value if isinstance(value, list) else str(value or "").split(", ")
        return "; ".join(assumption_label(str(n), "sv") for n in names if n)

    out = []
    if key == "tornado":
        for r in records:
            rec = {k: v for k, v in r.items() if k not in ("id", "assumption", "assumption_sv")}
            out.append({"assumption": r.get("assumption_sv") or r.get("assumption"),
                        "assumption_en": r.get("assumption"), **rec, "series": series(r.get("series")),
                        "years": years(r.get("years")), "default": text(r.get("default")), "low": text(r.get("low")),
                        "high": text(r.get("high")), "low_name": sv(r.get("low_name")),
                        "high_name": sv(r.get("high_name")), "Id": r.get("id")})
        return out
    if key == "factors":
        for r in records:
            rec = {k: v for k, v in r.items() if k not in ("name", "label", "label_sv")}
            out.append({"label": r.get("label_sv") or r.get("label"), "label_en": r.get("label"), **rec,
                        "distribution": sv(r.get("distribution")), "years": years(r.get("years")),
                        "basis": text(r.get("basis")), "Id": r.get("name")})
        return out
    if key == "sobol":
        labels = doc.extra.get("factor_labels") or {}
        for r in records:
            name = r.get("factor")
            rec = {k: v for k, v in r.items() if k not in ("output", "factor")}
            out.append({"output": sv(r.get("output")), "factor": (labels.get(name) or {}).get("sv", name), **rec,
                        "Id": f"{r.get('output')}/{name}"})
        return out
    return records


def _text_sv(text: str) -> str:
    """A text of a record sheet in Swedish (:data:`_TEXT_SV`, a statement line's label, a grant item's label)."""
    if text in _TEXT_SV:
        return _TEXT_SV[text]
    if text in LINE_UNITS:
        return label(text, "sv")
    if text in GRANT_ITEM_LABELS:
        return GRANT_ITEM_LABELS[text][0]
    return text


def _assumptions_sheet(sheet: Worksheet, records: Iterable[Mapping[str, Any]], years: Sequence[int],
                       status: Sequence[str], place: str) -> None:
    """Every assumption: its Swedish label, unit, kind, source (in Swedish), its value in each year it covers, and
    its identifier (hidden)."""
    sheet["A1"] = f"Antaganden och deras källor, {place}"
    sheet["A1"].font = _TITLE_FONT
    columns = [y for y in years if any(y in r["years"] for r in records)] or sorted(
        {y for r in records for y in r["years"]})
    shown_status = [s for y, s in zip(years, status, strict=False) if y in columns] if status else []
    _year_header(sheet, ["Antagande", "Enhet", "Slag"], columns, shown_status, "Källa")
    source_column = 4 + len(columns)
    cell = sheet.cell(3, source_column + 1, "Id")
    cell.font, cell.fill = _BOLD, _HEADER_FILL
    r = _FIRST_DATA_ROW
    for record in records:
        unit = record["unit"]
        sheet.cell(r, 1, assumption_label(str(record["assumption"]), "sv"))
        sheet.cell(r, 2, UNIT_SV.get(unit, unit))
        sheet.cell(r, 3, _KIND_SV.get(record["kind"], record["kind"]))
        for y, value in zip(record["years"], record["values"], strict=True):
            if y in columns:
                sheet.cell(r, 4 + columns.index(y), _cell_value(value)).number_format = _assumption_format(unit)
        source = sheet.cell(r, source_column, translate_text(str(record["source"]), "sv"))
        source.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(r, source_column + 1, record["assumption"]).font = _GREY
        r += 1
    _finish(sheet, label_width=_label_width(sheet), data_columns=len(columns), first_data_column=4)
    sheet.column_dimensions["C"].width = 22
    sheet.column_dimensions[get_column_letter(source_column)].width = 90
    _hide(sheet, source_column + 1)
    sheet.freeze_panes = sheet.cell(_FIRST_DATA_ROW, 4)


def _assumption_format(unit: str) -> str:
    """Assumptions are shown with more digits than the statement: growth rates to 0.01 %, amounts to 0.1."""
    return {"fraction": "0.00%", "fraction per year": "0.00%"}.get(unit, number_format(unit))


def _about_sheet(sheet: Worksheet, doc: Document) -> None:
    """What the workbook is: the command, the municipality, years, vintage, versions, the document's texts and
    notes."""
    sheet["A1"] = f"Om arbetsboken, {_place(doc)}"
    sheet["A1"].font = _TITLE_FONT
    h = doc.header
    m = h.get("municipality") if isinstance(h.get("municipality"), Mapping) else {}
    facts: list[tuple[str, Any]] = [
        ("Kommun", m.get("name")), ("Kommunkod", m.get("code")), ("Län", m.get("county")),
        ("Invånare", m.get("population")), ("Basår", h.get("base_year")), ("Sista år", h.get("horizon")),
        ("Antagandeårgång", h.get("vintage")),
        ("Ungefärligt utgångsläge (utan antagen budget)", None if "approximate" not in h
         else ("ja" if h["approximate"] else "nej")),
        ("Planens tillväxt används", None if "uses_plan_growth" not in h else ("ja" if h["uses_plan_growth"]
                                                                                  else "nej")),
        ("Kommando", f"kommunbudget {doc.command}"), ("Schema", doc.schema), ("kommunbudget version", __version__),
    ]
    scenario = doc.extra.get("scenario")
    if isinstance(scenario, Mapping):
        description = scenario.get("description_sv") or scenario.get("description")
        facts += [("Scenario", scenario.get("name")), ("Beskrivning", description or None),
                  ("Scenariofil", scenario.get("file")), ("Mål", _translated(scenario.get("target")))]
    for target in doc.extra.get("targets", []) or []:
        facts.append(("Mål", row_label("targets", str(target.get("id")))))
    for key, words in (("conclusion", "Slutsats"), ("tax_change_basis", "Skatteändringen"),
                       ("household_income_basis", "Hushållets inkomst")):
        if isinstance(doc.extra.get(key), str):
            facts.append((words, translate_text(doc.extra[key], "sv")))
    facts.append(("Siffror", "Belopp i mnkr, löpande priser; kostnader negativa; skattesatser i kr per 100 kr "
                             "(1 öre = 0,01 kr); andelar i procent."))
    r = 3
    for key, value in facts:
        if value is None:
            continue
        sheet.cell(r, 1, key).font = _BOLD
        cell = sheet.cell(r, 2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(value, int) and key == "Invånare":
            cell.number_format = "#,##0"
        r += 1
    notes = [translate_text(str(n), "sv") for n in doc.extra.get("notes", []) or []]
    if notes:
        r += 1
        sheet.cell(r, 1, "Anmärkningar").font = _BOLD
        for note in notes:
            cell = sheet.cell(r, 2, note)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
    sheet.column_dimensions["A"].width = 46
    sheet.column_dimensions["B"].width = 110


def _translated(text: Any) -> Any:
    """A text in Swedish (:func:`~kommunbudget.report.i18n.translate_text`); anything else as it is."""
    return translate_text(text, "sv") if isinstance(text, str) and text else text


def _year_header(sheet: Worksheet, before: Sequence[str], years: Sequence[int], status: Sequence[str],
                 after: str) -> None:
    """Row 3: the headings before the years, each year as a number, the heading after; row 4: each year's
    status."""
    for c, text in enumerate(before, start=1):
        cell = sheet.cell(3, c, text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        sheet.cell(4, c).fill = _HEADER_FILL
    first = len(before) + 1
    for i, y in enumerate(years):
        cell = sheet.cell(3, first + i, int(y))
        cell.font, cell.fill, cell.number_format = _BOLD, _HEADER_FILL, "0"
        cell.alignment = Alignment(horizontal="right")
        word = STATUS_SV.get(status[i], status[i]) if i < len(status) else ""
        st = sheet.cell(4, first + i, word)
        st.fill, st.alignment = _HEADER_FILL, Alignment(horizontal="right")
    cell = sheet.cell(3, first + len(years), after)
    cell.font, cell.fill = _BOLD, _HEADER_FILL
    sheet.cell(4, first + len(years)).fill = _HEADER_FILL


def _label_width(sheet: Worksheet) -> int:
    """Column A's width: its longest label (from row 3), within 20-60 characters."""
    longest = max((len(str(c.value)) for c in sheet["A"][2:] if c.value is not None), default=10)
    return max(20, min(60, longest + 2))


def _finish(sheet: Worksheet, label_width: int, data_columns: int, first_data_column: int) -> None:
    """Column widths: labels, the unit column, the numbers (12), the identifier (grey, 24)."""
    sheet.column_dimensions["A"].width = label_width
    for c in range(2, first_data_column):
        sheet.column_dimensions[get_column_letter(c)].width = 14
    for c in range(first_data_column, first_data_column + data_columns):
        sheet.column_dimensions[get_column_letter(c)].width = 12
    sheet.column_dimensions[get_column_letter(first_data_column + data_columns)].width = 24


def _shown(value: Any) -> str:
    """A value's text length proxy for column widths."""
    if isinstance(value, float):
        return "" if not math.isfinite(value) else f"{value:,.2f}"
    return "" if value is None else str(value)
