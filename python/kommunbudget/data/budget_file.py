"""The budget workbook reader (``docs/budget-workbook.md``): an ``.xlsx`` workbook, or the same sheets as CSV files,
written as Swedish budget documents are written, becomes :class:`~kommunbudget.data.budget_figures.BudgetFigures`.

:func:`read_budget_file` reads the sheets ``Resultatbudget``, ``Skatter och bidrag``, ``Förutsättningar`` and the
optional ``Verksamheter``, ``Lokaler`` (the premises portfolio, as plain records) and ``Investeringar``; it accepts
label spellings and note references, decimal comma, space or no-break space as thousands separator, both minus
signs, amounts in kr, tkr or mnkr (declared per sheet, converted to MSEK) and costs written positive (stored
negative). It checks the sums of the statement and of the note. Every figure keeps
its file, sheet and cell (:class:`~kommunbudget.data.budget_figures.FigureSource`).

Every refusal is a :class:`BudgetFileError` (a ``ValueError``) whose message starts with the file's name and names
the sheet and the cell. The user's file is only read: an ``.xlsx`` is read into memory once and opened from there.
openpyxl is imported when a workbook is read (it is an optional heavy dependency; CSV files do not need it). This
module never imports the core.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from kommunbudget.data.budget_figures import (
    PREMISES_COLUMNS,
    STATEMENT_ITEMS,
    TAX_AND_GRANT_ITEMS,
    BudgetFigures,
    BudgetItem,
    FigureSource,
)
from kommunbudget.data.municipalities import find_municipality, info
from kommunbudget.data.textfiles import decode_user_text

__all__ = ["BudgetFileError", "read_budget_file", "SHEETS"]

#: The sheets of the workbook: name -> required.
SHEETS: dict[str, bool] = {"Resultatbudget": True, "Skatter och bidrag": True, "Förutsättningar": True,
                           "Verksamheter": False, "Lokaler": False, "Investeringar": False}
_STATEMENT, _NOTE, _PREMISES, _AREAS, _PORTFOLIO, _INVESTMENTS = SHEETS
_ACCEPTED = "accepted are an .xlsx workbook (Excel, LibreOffice: 'Save as' .xlsx), or CSV files, one per sheet, " \
            "in one folder (give the folder or one of the files)"
_XLSX_SUFFIXES = (".xlsx", ".xlsm")

#: Rounding tolerance of a check: per term summed, and at least.
TOLERANCE_PER_TERM_MSEK = 0.05
TOLERANCE_MIN_MSEK = 0.15


#: The first year of origin of a deficit to restore: the balanced-budget requirement applies from räkenskapsåret 2000
#: (kommunallagen 1991:900 8 kap. 5 § as amended by SFS 1997:1114); the core's table of limits holds the same bound
#: (cpp/src/limits.cpp, OpeningDeficit.year).
BALANCE_REQUIREMENT_FIRST_YEAR = 2000

#: The lowest positive borrowing rate (Låneränta, percent per year) read as percent: a value in (0, 0.1) is taken for
#: a fraction written in the percent field (0.025 for 2.5 %) and refused. A plausibility bound, not data: Swedish
#: municipalities' average borrowing rate has not been below 0.1 % (Kommuninvest's lowest years 2020-2021 were
#: about 0.5-0.7 %); 0 stays allowed (no interest, e.g. no borrowing).
MIN_BORROWING_RATE_PERCENT = 0.1


def _fraction_rate_message(value: float, year: int) -> str:
    """The error for a borrowing rate that looks like a fraction in the percent field, with the decimal comma of the
    workbook: "Låneränta for 2025 = 0,025 is read as percent (0,025 %); write 2,5 for 2,5 %"."""
    given = f"{value:g}".replace(".", ",")
    meant = f"{value * 100:g}".replace(".", ",")
    return (f"Låneränta for {year} = {given} is read as percent ({given} %); write {meant} for {meant} % (a rate "
            f"below {MIN_BORROWING_RATE_PERCENT:g} % is refused as a fraction written in the percent field)")


class BudgetFileError(ValueError):
    """A budget file that cannot be read as it is: the message starts with the file's name and names the sheet and
    the cell where there is one (also as the attributes ``sheet`` and ``cell``, empty when not applicable)."""

    def __init__(self, message: str, sheet: str = "", cell: str = "") -> None:
        super().__init__(message)
        self.sheet = sheet
        self.cell = cell


# --------------------------------------------------------------------------------------------------------- sheets

def _column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _address(row: int, column: int) -> str:
    """``"C7"`` for row 7, column 3 (1-based)."""
    return f"{_column_letter(column)}{row}"


def _sheet_key(name: str) -> str:
    """A sheet name as matched: case, surrounding spaces and å, ä, ö (as a, a, o) ignored."""
    key = unicodedata.normalize("NFC", name).strip().casefold()
    return key.translate(str.maketrans("åäö", "aao"))


@dataclass
class _Sheet:
    """One sheet's cells (1-based (row, column) -> value), from a workbook or a CSV file."""

    file: str
    name: str
    cells: dict[tuple[int, int], Any]
    uncached: frozenset[tuple[int, int]] = frozenset()

    @property
    def rows(self) -> int:
        """The last row that holds a cell (0 for an empty sheet)."""
        return max((r for r, _ in self.cells), default=0)

    def fail(self, detail: str, row: int = 0, column: int = 0) -> BudgetFileError:
        """The error for this sheet (and the cell at ``row``, ``column`` when given), starting with the file."""
        cell = _address(row, column) if row and column else ""
        where = f"{self.file}, sheet {self.name}" + (f", cell {cell}" if cell else "")
        return BudgetFileError(f"{where}: {detail}", self.name, cell)

    def check_saved(self) -> None:
        """Refuses a sheet with a formula that has no saved value (a workbook written by a program and never
        opened in a spreadsheet: none of its formulas has a value to read), naming the first such cell."""
        if self.uncached:
            row, column = min(self.uncached)
            raise self._unsaved(row, column)

    def _unsaved(self, row: int, column: int) -> BudgetFileError:
        return self.fail("the cell holds a formula without a saved value (a file written by a program, not saved by "
                         "a spreadsheet); open the workbook in Excel or LibreOffice and save it first", row, column)

    def value(self, row: int, column: int) -> Any:
        """The cell's value (``None`` when empty); a formula without a saved value is refused."""
        if (row, column) in self.uncached:
            raise self._unsaved(row, column)
        value = self.cells.get((row, column))
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def source(self, row: int, column: int) -> FigureSource:
        """Where a figure at ``row``, ``column`` came from: the file, this sheet and the cell's address."""
        return FigureSource(self.file, self.name, _address(row, column))


# -------------------------------------------------------------------------------------------------------- numbers

_DIGIT_SPACE = re.compile(r"(?<=\d)[ \u202f\u2009](?=\d)")
_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2014": "-"})


def _number(sheet: _Sheet, row: int, column: int) -> Decimal | None:
    """The cell as a number (``None`` when empty): a number, or text as Swedish people write it."""
    value = sheet.value(row, column)
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise sheet.fail(f"expected a number, found the date or time {value} (a cell formatted as a date?)",
                         row, column)
    if isinstance(value, bool):
        raise sheet.fail(f"expected a number, found the truth value {value}", row, column)
    if isinstance(value, (int, float)):
        number = Decimal(str(value))
        if not number.is_finite():
            raise sheet.fail(f"expected a number, found {value!r}", row, column)
        return number
    text = str(value).strip().replace("\u00a0", " ").translate(_DASHES)
    if re.fullmatch(r"-+", text):  # a dash for nothing, as printed budgets write it
        return Decimal(0)
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", text):
        # 12.000 or 1.656.200: a dot as thousands separator (other languages' habit) or a decimal point? Ambiguous.
        raise sheet.fail(f"the text {text!r} is ambiguous: write thousands with a space ({text.replace('.', ' ')}) "
                         f"or decimals with a comma", row, column)
    if re.search(r"[eE]", text):
        raise sheet.fail(f"expected a number, found the text {text!r} (write numbers as 1 656,2, without an "
                         f"exponent)", row, column)
    text = text[1:].lstrip() if text.startswith("+") else text
    normalised = _DIGIT_SPACE.sub("\u00a0", text)
    try:
        number = parse_decimal(normalised, locale="sv_SE", strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise sheet.fail(f"expected a number, found the text {str(value).strip()!r} (write numbers as "
                         f"1 656,2 or -1656,2)", row, column)
    return number


def _msek(value: float | Decimal) -> str:
    return f"{float(value):.1f}" if abs(float(value)) >= 0.05 else f"{float(value):.2f}"


# --------------------------------------------------------------------------------------------------------- labels

_NUMBERS = r"\d+(?:\s*(?:,|-|&|och)\s*\d+)*"
#: A note reference at the end of a label: "(not 3)", "(Not 3, 4)", "(3)", "not 3", "3)", "*".
_NOTE_REFERENCE = re.compile(rf"\s*(?:\(\s*(?:not(?:er)?|note)?\s*{_NUMBERS}\s*\)|\bnot(?:er)?\s*{_NUMBERS}|"
                             rf"\b\d+\s*\)|\*+)\s*$", re.IGNORECASE)


def _label_key(text: Any) -> str:
    """A label as matched: note references at the end, surrounding spaces and case removed."""
    label = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").translate(_DASHES)
    label = re.sub(r"\s+", " ", label).strip()
    while True:
        shorter = _NOTE_REFERENCE.sub("", label).strip()
        if shorter == label:
            break
        label = shorter
    label = re.sub(r"\s*/\s*", "/", label).rstrip(":").strip()
    return label.casefold()


def _index(items: Iterable[BudgetItem]) -> dict[str, BudgetItem]:
    return {_label_key(spelling): item for item in items for spelling in (item.label, *item.aliases)}


_STATEMENT_LABELS = _index(STATEMENT_ITEMS)
_NOTE_LABELS = _index(TAX_AND_GRANT_ITEMS)
#: The grand total a note often ends with; checked against the statement, not stored.
_TAX_AND_GRANTS = BudgetItem(
    "skatteintakter_och_generella_statsbidrag", "Skatteintäkter och generella statsbidrag",
    aliases=("Skatteintäkter och generella statsbidrag och utjämning", "Skatteintäkter, generella statsbidrag och "
             "utjämning", "Skatteintäkter, generella statsbidrag och utjämningsbidrag", "Skatteintäkter och "
             "statsbidrag", "Skatter och bidrag", "Skatter och generella statsbidrag"))
#: The totals a note may repeat: checked against its items and the statement, not stored.
_NOTE_TOTALS = {**{key: item for key, item in _STATEMENT_LABELS.items()
                   if item.id in ("skatteintakter", "generella_statsbidrag_och_utjamning")},
                **_index([_TAX_AND_GRANTS])}


def _lookup(table: dict[str, BudgetItem], label: str) -> BudgetItem | None:
    key = _label_key(label)
    if key in table:
        return table[key]
    for prefix in ("summa ", "totalt "):
        if key.startswith(prefix) and key[len(prefix):] in table:
            return table[key[len(prefix):]]
    return None


# ----------------------------------------------------------------------------------------------------------- units

_UNIT_WORDS = {"mnkr": 1, "mkr": 1, "msek": 1, "miljoner kronor": 1, "miljoner kr": 1, "tkr": 1_000,
               "tsek": 1_000, "tusen kronor": 1_000, "tusentals kronor": 1_000, "kr": 1_000_000,
               "kronor": 1_000_000, "sek": 1_000_000}
_UNIT_ALTERNATIVES = "|".join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))
_UNIT_PATTERNS = (re.compile(rf"\bbelopp(?:en)?\s+(?:anges\s+)?i\s+({_UNIT_ALTERNATIVES})\b"),
                  re.compile(rf"\benhet\s*:?\s*({_UNIT_ALTERNATIVES})\b"),
                  re.compile(rf"^\(?\s*({_UNIT_ALTERNATIVES})\s*\)?$"),
                  re.compile(rf"\(\s*({_UNIT_ALTERNATIVES})\s*\)"))
_UNIT_NAMES = {1: "mnkr", 1_000: "tkr", 1_000_000: "kr"}


def _unit(sheet: _Sheet, header_row: int) -> Decimal:
    """The sheet's divisor to MSEK (1, 1 000 or 1 000 000), from a unit declared above the header row or in it
    (``Mnkr`` in column A, ``Budget 2025 (tkr)``)."""
    found: dict[int, str] = {}
    for (row, column), value in sorted(sheet.cells.items()):
        if not isinstance(value, str) or row > header_row:
            continue
        text = re.sub(r"\s+", " ", value.replace("\u00a0", " ")).strip().casefold()
        for pattern in _UNIT_PATTERNS:
            match = pattern.search(text)
            if match:
                found.setdefault(_UNIT_WORDS[match.group(1)], _address(row, column))
                break
    if not found:
        raise sheet.fail("no unit is declared; write 'Belopp i mnkr' (or 'Belopp i tkr', 'Belopp i kr') in a cell "
                         "above the header row")
    if len(found) > 1:
        units = ", ".join(f"{_UNIT_NAMES[d]} in {cell}" for d, cell in found.items())
        row, column = _split_address(next(iter(found.values())))
        raise sheet.fail(f"two different units are declared ({units}); declare one", row, column)
    return Decimal(next(iter(found)))


def _split_address(cell: str) -> tuple[int, int]:
    letters = re.match(r"[A-Z]+", cell).group(0)  # type: ignore[union-attr]
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(cell[len(letters):]), column


# ----------------------------------------------------------------------------------------------------------- years

_KINDS = {"budget": "budget", "plan": "plan", "utfall": "utfall", "bokslut": "utfall", "prognos": "utfall"}
_KIND_WORDS = "|".join(_KINDS)
_NAMED_YEAR = (re.compile(rf"^({_KIND_WORDS})\s*(?:år\s*)?(\d{{4}})(?:\s*\([^)]*\))?$"),
               re.compile(rf"^(\d{{4}})\s*({_KIND_WORDS})(?:\s*\([^)]*\))?$"))


@dataclass
class _Years:
    """The year columns of a sheet: column -> year and kind, the header row and the first data row."""

    columns: dict[int, tuple[int, str]]
    header_row: int
    first_row: int

    def kinds(self) -> dict[int, str]:
        """Year -> its kind (``utfall``, ``budget``, ``plan``)."""
        return {year: kind for year, kind in self.columns.values()}

    def column_of(self, year: int) -> int:
        """The column of ``year`` (a year of :attr:`columns`)."""
        return next(c for c, (y, _) in self.columns.items() if y == year)


def _cell_text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value).replace("\u00a0", " ")).strip().casefold() if value is not None else ""


def _bare_year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1990 <= value <= 2100:
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*(19[9]\d|20\d\d|2100)\s*", value):
        return int(value)
    return None


def _named_year(value: Any) -> tuple[int, str] | None:
    if not isinstance(value, str):
        return None
    text = _cell_text(value)
    for number, pattern in enumerate(_NAMED_YEAR):
        match = pattern.match(text)
        if match:
            kind, year = match.groups() if number == 0 else match.groups()[::-1]
            return int(year), _KINDS[kind]
    return None


def _years(sheet: _Sheet, skip_labels: Callable[[Any], bool] = lambda _: False) -> _Years:
    """The header row (the first row naming years right of column A) and its year columns, checked."""
    by_row: dict[int, list[int]] = {}
    for row, column in sheet.cells:
        if column > 1:
            by_row.setdefault(row, []).append(column)
    for row in sorted(by_row):
        if skip_labels(sheet.cells.get((row, 1))):
            continue
        columns = sorted(by_row[row])
        named = {c: _named_year(sheet.cells.get((row, c))) for c in columns}
        bare = {c: _bare_year(sheet.cells.get((row, c))) for c in columns}
        if not any(named.values()) and not any(bare.values()):
            continue
        others = [c for c in columns if not named[c] and not bare[c]]
        if not any(named.values()) and any(isinstance(sheet.cells.get((row, c)), (int, float)) for c in others):
            continue  # a row of numbers, one of which looks like a year
        found: dict[int, tuple[int, str]] = {}
        first_row = row + 1
        for column in columns:
            year_kind = named[column]
            if year_kind is None and bare[column] is not None:
                below = _cell_text(sheet.value(row + 1, column))
                if below not in _KINDS:
                    raise sheet.fail(f"the year {bare[column]} needs its kind (Budget, Plan or Utfall) in the cell "
                                     f"below it ({_address(row + 1, column)}), or write 'Budget {bare[column]}'",
                                     row, column)
                year_kind = (bare[column], _KINDS[below])
                first_row = row + 2
            if year_kind is None:
                continue
            for other, (year, _) in found.items():
                if year == year_kind[0]:
                    raise sheet.fail(f"the year {year} has two columns ({_address(row, other)} and "
                                     f"{_address(row, column)}); keep one", row, column)
            found[column] = year_kind
        _check_kinds(sheet, row, found)
        return _Years(found, row, first_row)
    raise sheet.fail("no header row with years: write 'Budget 2025', 'Plan 2026', ... (or 'Utfall 2023') in one "
                     "row, to the right of column A")


def _check_kinds(sheet: _Sheet, row: int, found: dict[int, tuple[int, str]]) -> None:
    budget = [c for c, (_, kind) in found.items() if kind == "budget"]
    if not budget:
        names = ", ".join(f"{kind.capitalize()} {year}" for year, kind in found.values())
        raise sheet.fail(f"no column is the budget year (found {names}); name one 'Budget <year>'", row,
                         min(found))
    if len(budget) > 1:
        cells = " and ".join(f"{_address(row, c)} (Budget {found[c][0]})" for c in budget)
        raise sheet.fail(f"two columns are marked as the budget year: {cells}; mark earlier budgets "
                         f"'Utfall' or leave them out", row, budget[1])
    budget_year = found[budget[0]][0]
    plan = sorted((year, c) for c, (year, kind) in found.items() if kind == "plan")
    expected = budget_year + 1
    for year, column in plan:
        if year != expected:
            detail = (f"plan year {year} is not after the budget year {budget_year}" if year <= budget_year else
                      f"the plan years have a gap: {expected} is missing between the budget year {budget_year} "
                      f"and plan year {year}")
            raise sheet.fail(detail + "; plan years follow the budget year one by one", row, column)
        expected += 1


# ------------------------------------------------------------------------------------------------------ year sheets

@dataclass
class _Line:
    item: BudgetItem
    row: int
    values: dict[int, float]            # year -> MSEK, the statement's sign
    cells: dict[int, tuple[int, int]]   # year -> (row, column)


def _year_sheet(sheet: _Sheet, years: _Years, labels: dict[str, BudgetItem],
                totals: dict[str, BudgetItem], elsewhere: dict[str, BudgetItem], other_sheet: str,
                ) -> tuple[dict[str, _Line], dict[str, _Line]]:
    """The lines of a year sheet (item id -> line), and the total lines it may repeat (checked by the caller)."""
    divisor = _unit(sheet, years.header_row)
    lines: dict[str, _Line] = {}
    total_lines: dict[str, _Line] = {}
    for row in range(years.first_row, sheet.rows + 1):
        label = sheet.value(row, 1)
        if label is None or _cell_text(label) == "":
            continue
        if _repeated_header(sheet, row, years):
            continue
        numbers = {year: (_number(sheet, row, column), column) for column, (year, _) in years.columns.items()}
        if all(value is None for value, _ in numbers.values()):
            continue
        item = _lookup(labels, str(label))
        target = lines
        if item is None and totals:
            item = _lookup(totals, str(label))
            target = total_lines
        if item is None:
            hint = f"; it belongs on sheet {other_sheet}" if _lookup(elsewhere, str(label)) else \
                f"; known lines: {', '.join(dict.fromkeys(i.label for i in labels.values()))}"
            raise sheet.fail(f"unknown line {str(label).strip()!r} with numbers{hint}", row, 1)
        if item.id in target:
            raise sheet.fail(f"the line {item.label!r} appears twice (rows {target[item.id].row} and {row}); "
                             f"keep one", row, 1)
        values: dict[int, float] = {}
        cells: dict[int, tuple[int, int]] = {}
        for year, (value, column) in numbers.items():
            if value is None:
                continue
            amount = float(value / divisor)
            if item.cost:
                amount = -abs(amount)
            values[year] = amount + 0.0
            cells[year] = (row, column)
        target[item.id] = _Line(item, row, values, cells)
    return lines, total_lines


def _repeated_header(sheet: _Sheet, row: int, years: _Years) -> bool:
    """A row that repeats the year headers (a second table on the sheet, e.g. the balanced-budget statement with its
    own header) or their kinds."""
    texts = [sheet.value(row, column) for column in years.columns]
    texts = [t for t in texts if t is not None]
    return bool(texts) and all(isinstance(t, str) and (_named_year(t) is not None or _cell_text(t) in _KINDS)
                               for t in texts)


def _require(sheet: _Sheet, years: _Years, lines: dict[str, _Line], items: Iterable[BudgetItem]) -> None:
    projected = [y for y, kind in years.kinds().items() if kind != "utfall"]
    for item in items:
        if not item.required:
            continue
        if item.id not in lines:
            raise sheet.fail(f"the required line {item.label!r} is missing")
        line = lines[item.id]
        for year in sorted(projected):
            if year not in line.values:
                column = years.column_of(year)
                raise sheet.fail(f"the line {item.label!r} has no value for {year}", line.row, column)


def _compare_years(first: _Sheet, first_years: _Years, second: _Sheet, second_years: _Years,
                   outcome_optional: bool = False) -> None:
    """Refuses sheets whose years differ: a year missing in one sheet, or other years altogether."""
    a, b = first_years.kinds(), second_years.kinds()
    if outcome_optional:
        a = {y: k for y, k in a.items() if k != "utfall"}
        b = {y: k for y, k in b.items() if k != "utfall"}
    if a == b:
        return

    def names(kinds: dict[int, str]) -> str:
        return ", ".join(f"{kind.capitalize()} {year}" for year, kind in sorted(kinds.items()))

    missing = {y: k for y, k in a.items() if y not in b}
    if missing and all(y in a and a[y] == k for y, k in b.items()):
        raise second.fail(f"the sheet has no column for {names(missing)}, which sheet {first.name} gives; both "
                          f"sheets give the same years", second_years.header_row)
    extra = {y: k for y, k in b.items() if y not in a}
    if extra and all(y in b and b[y] == k for y, k in a.items()):
        raise first.fail(f"the sheet has no column for {names(extra)}, which sheet {second.name} gives; both "
                         f"sheets give the same years", first_years.header_row)
    raise second.fail(f"the years differ between the sheets: {first.name} gives {names(a)}, {second.name} gives "
                      f"{names(b)}; give the same years in both")


# ---------------------------------------------------------------------------------------------------------- checks

def _check_sum(sheet: _Sheet, total: _Line | None, terms: list[_Line | None], year: int, what: str = "") -> None:
    """Checks that ``total`` equals the sum of the ``terms`` given (``None`` terms are left out)."""
    if total is None or year not in total.values:
        return
    given = [t for t in terms if t is not None and year in t.values]
    if not given:
        return
    found = sum(t.values[year] for t in given)
    difference = total.values[year] - found
    tolerance = max(TOLERANCE_MIN_MSEK, TOLERANCE_PER_TERM_MSEK * len(given))
    if abs(difference) > tolerance + 1e-9:
        row, column = total.cells[year]
        names = " + ".join(t.item.label for t in given)
        raise sheet.fail(f"{total.item.label} {year} is {_msek(total.values[year])} MSEK, but the sum of "
                         f"{what or names} is {_msek(found)} MSEK (difference {_msek(difference)} MSEK, more than "
                         f"the rounding tolerance {tolerance:.2f} MSEK)", row, column)


def _check_statement(statement: _Sheet, lines: dict[str, _Line], note: _Sheet, note_lines: dict[str, _Line],
                     note_totals: dict[str, _Line], years: Iterable[int]) -> None:
    get = lines.get
    for year in years:
        _check_sum(statement, get("verksamhetens_nettokostnader"),
                   [get("verksamhetens_intakter"), get("verksamhetens_kostnader"), get("avskrivningar"),
                    get("jamforelsestorande_poster")], year)
        revenue = [get("skatteintakter"), get("generella_statsbidrag_och_utjamning")]
        _check_sum(statement, get("verksamhetens_resultat"), [get("verksamhetens_nettokostnader"), *revenue], year)
        operating = [get("verksamhetens_resultat")] if year in getattr(get("verksamhetens_resultat"), "values", {}) \
            else [get("verksamhetens_nettokostnader"), *revenue]
        _check_sum(statement, get("arets_resultat"),
                   [*operating, get("finansiella_intakter"), get("finansiella_kostnader")], year)
        adjustments = [get("balanskrav_avgar_realisationsvinster"),
                       get("balanskrav_orealiserade_vinster_forluster_vardepapper")]
        _check_sum(statement, get("arets_resultat_efter_balanskravsjusteringar"),
                   [get("arets_resultat"), *adjustments], year)
        _check_sum(statement, get("balanskravsresultat"),
                   [get("arets_resultat"), *adjustments, get("medel_fran_resultatutjamningsreserv"),
                    get("reservering_till_resultatutjamningsreserv")], year)
        tax = [note_lines.get(i) for i in ("skatt_kommunalskatt_preliminar", "skatt_slutavrakning_innevarande_ar",
                                           "skatt_slutavrakning_aret_innan")]
        grants = [line for item_id, line in note_lines.items() if item_id.startswith("utj_")]
        for sheet, total in ((note, note_totals.get("skatteintakter")), (statement, get("skatteintakter"))):
            _check_sum(sheet, total, tax, year, f"the tax items of sheet {note.name}")
        for sheet, total in ((note, note_totals.get("generella_statsbidrag_och_utjamning")),
                             (statement, get("generella_statsbidrag_och_utjamning"))):
            _check_sum(sheet, total, grants, year, f"the grant items of sheet {note.name}")
        _check_sum(note, note_totals.get(_TAX_AND_GRANTS.id), revenue, year,
                   f"Skatteintäkter + Generella statsbidrag och utjämning of sheet {statement.name}")


# -------------------------------------------------------------------------------------------------------- premises

_PREMISE_LABELS = {
    "kommun": ("kommun", "kommunnamn", "kommunkod"),
    "dokument": ("dokument", "titel", "dokumentets titel"),
    "skattesats": ("skattesats", "kommunal skattesats", "skattesats kommun", "utdebitering",
                   "skattesats (kr per 100 kr)", "skattesats kr"),
    "invanare": ("invånare", "antal invånare", "befolkning", "folkmängd", "invånarantal"),
    "befolkning per datum": ("befolkning per datum", "invånare per datum", "befolkningsdatum",
                             "datum för befolkning", "befolkningens datum"),
    "medelskattekraft": ("medelskattekraft", "uppräknad medelskattekraft", "medelskattekraft i riket",
                         "skattekraft riket", "skattekraft i riket", "medelskattekraft (kr per invånare)",
                         "medelskattekraft kr per invånare"),
}
_PREMISE_KEYS = {_label_key(spelling): key for key, spellings in _PREMISE_LABELS.items() for spelling in spellings}


def _premise_key(value: Any) -> str | None:
    return _PREMISE_KEYS.get(_label_key(value)) if isinstance(value, str) else None


def _first_value(sheet: _Sheet, row: int, allowed: set[int] | None = None) -> tuple[Any, int]:
    """The first value right of column A in ``row`` (only in ``allowed`` columns when given), and its column."""
    columns = sorted(c for r, c in sheet.cells if r == row and c > 1 and (allowed is None or c in allowed))
    for column in columns:
        value = sheet.value(row, column)
        if value is not None:
            return value, column
    return None, 2


def _tax_rate(sheet: _Sheet, row: int, column: int, year: int) -> float:
    value = _number(sheet, row, column)
    assert value is not None
    rate = float(value)
    if 0 < rate < 1:
        raise sheet.fail(f"the tax rate {rate:g} for {year} looks like a fraction; the tax rate is kr per 100 kr: "
                         f"write {_comma(rate * 100)} (not {_comma(rate)})", row, column)
    if 100 <= rate < 10_000 and 10 <= rate / 100 <= 40:
        raise sheet.fail(f"the tax rate {rate:g} for {year} looks like öre; the tax rate is kr per 100 kr: write "
                         f"{_comma(rate / 100)}", row, column)
    if not 10 <= rate <= 40:
        raise sheet.fail(f"the tax rate {rate:g} for {year} is outside 10-40 kr per 100 kr (a municipal tax "
                         f"rate is around 17-24, e.g. 20,92)", row, column)
    return rate


def _comma(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def _date(sheet: _Sheet, row: int, column: int) -> str:
    value = sheet.value(row, column)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise sheet.fail(f"expected a date such as 2024-11-01, found {value!r}", row, column)


@dataclass
class _Premises:
    municipality: str
    title: str
    tax_rate: dict[int, float]
    population: dict[int, float]
    population_date: str
    sources: dict[str, FigureSource]
    national_tax_capacity_kr: dict[int, float]


def _premises(sheet: _Sheet, statement_years: _Years, statement: _Sheet) -> _Premises:
    rows: dict[str, int] = {}
    for row in range(1, sheet.rows + 1):
        key = _premise_key(sheet.value(row, 1))
        if key is None:
            continue
        if key in rows:
            raise sheet.fail(f"the line {_PREMISE_LABELS[key][0].capitalize()!r} appears twice (rows {rows[key]} "
                             f"and {row}); keep one", row, 1)
        rows[key] = row
    for key in ("kommun", "skattesats", "invanare", "befolkning per datum"):
        if key not in rows:
            raise sheet.fail(f"the required line {_PREMISE_LABELS[key][0].capitalize()!r} is missing")
    sources: dict[str, FigureSource] = {}
    value, column = _first_value(sheet, rows["kommun"])
    if value is None:
        raise sheet.fail("Kommun: write the municipality's name or code in column B", rows["kommun"], 2)
    text = str(int(value)).zfill(4) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    try:
        municipality = find_municipality(text.strip())
    except ValueError as exc:
        raise sheet.fail(str(exc), rows["kommun"], column) from None
    title = ""
    if "dokument" in rows:
        value, _ = _first_value(sheet, rows["dokument"])
        title = "" if value is None else str(value).strip()
    years = _years(sheet, lambda label: _premise_key(label) is not None)
    _compare_years(statement, statement_years, sheet, years, outcome_optional=True)
    # The date stands in column B or a year column, never in a note column such as the template's "Förslag".
    date_value, date_column = _first_value(sheet, rows["befolkning per datum"], {2, *years.columns})
    if date_value is None:
        raise sheet.fail("Befolkning per datum: write the date the population refers to, e.g. 2024-11-01",
                         rows["befolkning per datum"], 2)
    population_date = _date(sheet, rows["befolkning per datum"], date_column)
    budget_year = next(year for year, kind in years.columns.values() if kind == "budget")
    if not f"{budget_year - 2}-01-01" <= population_date <= f"{budget_year}-12-31":
        raise sheet.fail(f"Befolkning per datum: {population_date} is not a date the budget {budget_year} can have "
                         f"counted its inhabitants on (expected {budget_year - 2}-01-01 to {budget_year}-12-31; "
                         f"the equalisation uses 1 November {budget_year - 1})", rows["befolkning per datum"],
                         date_column)
    tax_rate: dict[int, float] = {}
    population: dict[int, float] = {}
    national: dict[int, float] = {}
    for column, (year, kind) in years.columns.items():
        row = rows["skattesats"]
        if sheet.value(row, column) is None:
            if kind != "utfall":
                raise sheet.fail(f"the tax rate (Skattesats) for {year} is missing", row, column)
        else:
            tax_rate[year] = _tax_rate(sheet, row, column, year)
            sources[f"tax_rate:{year}"] = sheet.source(row, column)
        if "medelskattekraft" in rows:
            row = rows["medelskattekraft"]
            number = _number(sheet, row, column)
            if number is not None:
                if not 100_000 <= number <= 1_000_000:
                    raise sheet.fail(f"Medelskattekraft for {year} = {number} is not an average tax capacity in kr "
                                     f"per inhabitant (expected 100 000-1 000 000, e.g. 283 000)", row, column)
                national[year] = float(number)
                sources[f"national_tax_capacity:{year}"] = sheet.source(row, column)
        row = rows["invanare"]
        number = _number(sheet, row, column)
        if number is None:
            if kind == "budget":
                raise sheet.fail(f"the population (Invånare) for the budget year {year} is missing", row, column)
            continue
        if number <= 0:
            raise sheet.fail(f"the population (Invånare) for {year} must be positive, found {number}", row, column)
        scb = info(municipality).population_2024
        if not 0.5 <= float(number) / scb <= 2.0:
            counted = f"{scb:,}".replace(",", " ")
            raise sheet.fail(f"the population (Invånare) for {year} = {_comma(float(number))} is not plausible for "
                             f"{info(municipality).name}: SCB counted {counted} inhabitants on 31 December 2024 "
                             f"(expected half to twice that; write thousands with a space, 22 426, not 22.426)",
                             row, column)
        population[year] = float(number)
        sources[f"population:{year}"] = sheet.source(row, column)
    return _Premises(municipality, title, tax_rate, population, population_date, sources, national)


# ------------------------------------------------------------------------------ the balanced-budget requirement

_RESERVE_LABELS = {_label_key(s) for s in (
    "resultatreserv", "resultatreserv vid årets början", "ingående resultatreserv", "resultatutjämningsreserv",
    "resultatreserv (mnkr)", "resultatreserv vid årets början (mnkr)")}
_EQUITY_LABELS = {_label_key(s) for s in (
    "negativt eget kapital", "negativt eget kapital inkl. pensionsförpliktelser",
    "negativt eget kapital inklusive pensionsförpliktelser")}
_DEFICIT_LABEL = re.compile(r"^(ej återställt (balanskravs)?underskott|balanskravsunderskott att återställa|"
                            r"underskott att återställa)( från)? (\d{4})( \(mnkr\))?$")
_YES = {"ja", "yes", "sant", "true", "1"}
_NO = {"nej", "no", "falskt", "false", "0", ""}


@dataclass
class _Balance:
    opening_deficits: dict[int, float]
    opening_reserve_msek: float | None
    negative_equity: bool
    sources: dict[str, FigureSource]


def _balance_premises(sheet: _Sheet, budget_year: int) -> _Balance:
    """The optional lines of ``Förutsättningar`` for the balanced-budget requirement (docs/budget-workbook.md):
    ``Resultatreserv vid årets början`` (MSEK, >= 0), ``Negativt eget kapital`` (ja/nej) and ``Ej återställt
    underskott <year>`` (MSEK not yet restored of that year's negative balanced-budget result, > 0; the year before
    the budget year), each value in column B."""
    deficits: dict[int, float] = {}
    reserve: float | None = None
    equity = False
    sources: dict[str, FigureSource] = {}
    for row in range(1, sheet.rows + 1):
        label = sheet.value(row, 1)
        if not isinstance(label, str):
            continue
        key = _label_key(label)
        match = _DEFICIT_LABEL.match(key)
        if key in _RESERVE_LABELS or match:
            number = _number(sheet, row, 2)
            if number is None:
                continue
            amount = abs(float(number))  # a deficit printed negative is the same deficit
            if match:
                year = int(match.group(4))
                if year < BALANCE_REQUIREMENT_FIRST_YEAR:
                    raise sheet.fail(f"{label.strip()}: the year {year} is before {BALANCE_REQUIREMENT_FIRST_YEAR}; "
                                     f"expected a year of origin in [{BALANCE_REQUIREMENT_FIRST_YEAR}, "
                                     f"{budget_year - 1}] (the balanced-budget requirement applies from "
                                     f"{BALANCE_REQUIREMENT_FIRST_YEAR}: KL 1991:900 8 kap. 5 § as amended by SFS "
                                     f"1997:1114)", row, 1)
                if not year < budget_year:
                    raise sheet.fail(f"{label.strip()}: the year {year} is not before the budget year {budget_year}; "
                                     f"expected the year of a deficit not yet restored", row, 1)
                if amount <= 0:
                    raise sheet.fail(f"{label.strip()}: expected an amount in mnkr > 0, found {number}", row, 2)
                if year in deficits:
                    raise sheet.fail(f"{label.strip()}: the deficit of {year} is given twice; keep one", row, 1)
                deficits[year] = amount
                sources[f"opening_deficit:{year}"] = sheet.source(row, 2)
            else:
                if float(number) < 0:
                    raise sheet.fail(f"{label.strip()}: the reserve is a balance in mnkr >= 0, found {number}", row, 2)
                reserve = float(number)
                sources["opening_reserve"] = sheet.source(row, 2)
        elif key in _EQUITY_LABELS:
            value = sheet.value(row, 2)
            text = str(value).strip().lower() if value is not None else ""
            if isinstance(value, bool):
                text = "ja" if value else "nej"
            if text not in _YES | _NO:
                raise sheet.fail(f"{label.strip()}: expected ja or nej, found {value!r}", row, 2)
            equity = text in _YES
            sources["negative_equity"] = sheet.source(row, 2)
    return _Balance(deficits, reserve, equity, sources)


# --------------------------------------------------------------------------------------------------- service areas

def _service_areas(sheet: _Sheet, operating_costs: float | None, budget_year: int,
                   ) -> tuple[dict[str, float], dict[str, FigureSource]]:
    """Column A the service area, column B its net cost in the budget year; a header row (``Verksamhet | Budget
    2025``, ``Nettokostnad (mnkr)``: text without digits other than a year) and a ``Summa`` row (checked) are not
    lines."""
    header_row = 0
    header_year: tuple[int, str] | None = None
    areas: dict[str, tuple[Decimal, int]] = {}
    total: tuple[Decimal, int] | None = None
    for row in range(1, sheet.rows + 1):
        label = sheet.value(row, 1)
        raw = sheet.value(row, 2)
        if label is None or raw is None:
            continue
        if not areas and isinstance(raw, str) and _named_year(raw) is not None:
            header_row, header_year = row, _named_year(raw)
            continue
        bare = raw if type(raw) is int else int(raw.strip()) if isinstance(raw, str) and re.fullmatch(
            r"\s*\d{4}\s*", raw) else None
        if not areas and header_row == 0 and bare is not None and 1900 <= bare <= 2200:
            header_row, header_year = row, (bare, "budget")  # a bare year as the column's header, checked below
            continue
        if not areas and header_row == 0 and isinstance(raw, str) and not re.search(r"\d", raw):
            header_row = row  # a header such as "Nettokostnad (mnkr)"
            continue
        number = _number(sheet, row, 2)
        assert number is not None
        name = re.sub(r"\s+", " ", str(label)).strip()
        if _label_key(name) in ("summa", "totalt", "summa verksamheter", "summa nettokostnader", "total"):
            total = (number, row)
            continue
        if name.casefold() in {n.casefold() for n in areas}:
            raise sheet.fail(f"the service area {name!r} appears twice; keep one", row, 1)
        areas[name] = (number, row)
    if header_year is not None and header_year != (budget_year, "budget"):
        raise sheet.fail(f"the column holds {header_year[1].capitalize()} {header_year[0]}, but the service areas "
                         f"give the budget year, {budget_year} (write 'Budget {budget_year}')", header_row, 2)
    if not areas:
        return {}, {}
    divisor = _unit(sheet, header_row or min(r for _, r in areas.values()))
    sign = -1 if sum(v for v, _ in areas.values()) < 0 else 1
    result = {name: float(sign * value / divisor) + 0.0 for name, (value, _) in areas.items()}
    found = sum(result.values())
    if total is not None:
        given = float(sign * total[0] / divisor)
        tolerance = max(TOLERANCE_MIN_MSEK, TOLERANCE_PER_TERM_MSEK * len(result))
        if abs(given - found) > tolerance + 1e-9:
            raise sheet.fail(f"the total is {_msek(given)} MSEK but the service areas sum to {_msek(found)} MSEK "
                             f"(difference {_msek(given - found)} MSEK)", total[1], 2)
    if operating_costs is not None and found > -operating_costs + TOLERANCE_MIN_MSEK:
        raise sheet.fail(f"the service areas sum to {_msek(found)} MSEK, more than the operating costs of "
                         f"{budget_year} ({_msek(-operating_costs)} MSEK, Verksamhetens kostnader)")
    sources = {f"service_area:{name}": sheet.source(row, 2) for name, (_, row) in areas.items()}
    return result, sources


# ---------------------------------------------------------------------------------------------- premises portfolio

_TRUE = {"true", "yes", "ja", "sant", "1"}
_FALSE = {"false", "no", "nej", "falskt", "0"}


def _portfolio(sheet: _Sheet) -> tuple[tuple[dict[str, Any], ...], dict[str, FigureSource]]:
    """The sheet ``Lokaler``: a header row naming the columns of :data:`PREMISES_COLUMNS` (case ignored; the first
    row with a cell ``id``), then one row per property. Values are converted (numbers as Swedish text too, booleans
    as true/false, ja/nej, 1/0); ranges are the scenario layer's to check."""
    header_row = next((row for row in range(1, sheet.rows + 1)
                       if any(_cell_text(v) == "id" for (r, _), v in sheet.cells.items() if r == row)), 0)
    if header_row == 0:
        if not any(sheet.value(r, c) is not None for r, c in sheet.cells):
            return (), {}
        raise sheet.fail(f"no header row: write the column names {', '.join(PREMISES_COLUMNS)} in one row (the row "
                         f"with a cell 'id'), then one row per property")
    columns: dict[int, str] = {}
    for (row, column), value in sorted(sheet.cells.items(), key=lambda kv: kv[0][1]):
        if row != header_row or sheet.value(row, column) is None:
            continue
        name = _cell_text(value)
        if name not in PREMISES_COLUMNS:
            raise sheet.fail(f"unknown column {str(value).strip()!r}; expected the columns "
                             f"{', '.join(PREMISES_COLUMNS)}", row, column)
        if name in columns.values():
            first = next(c for c, n in columns.items() if n == name)
            raise sheet.fail(f"the column {name!r} appears twice ({_address(row, first)} and "
                             f"{_address(row, column)}); keep one", row, column)
        columns[column] = name
    missing = [name for name, (_, required) in PREMISES_COLUMNS.items() if required and name not in columns.values()]
    if missing:
        raise sheet.fail(f"the header row lacks the required column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(missing)}; expected the columns {', '.join(PREMISES_COLUMNS)}",
                         header_row, max(columns) + 1)
    records: list[dict[str, Any]] = []
    sources: dict[str, FigureSource] = {}
    ids: dict[str, int] = {}
    for row in range(header_row + 1, sheet.rows + 1):
        if all(sheet.value(row, column) is None for column in columns):
            continue
        record: dict[str, Any] = {}
        for column, name in columns.items():
            kind, required = PREMISES_COLUMNS[name]
            value = sheet.value(row, column)
            if value is None:
                if required:
                    raise sheet.fail(f"the property has no {name}; every property gives it", row, column)
                continue
            record[name] = _portfolio_value(sheet, row, column, kind)
            sources[f"premises:{len(records) + 1}:{name}"] = sheet.source(row, column)
        pid = record["id"]
        if pid in ids:
            raise sheet.fail(f"the id {pid!r} appears twice (rows {ids[pid]} and {row}); every property has its own "
                             f"id", row, next(c for c, n in columns.items() if n == "id"))
        ids[pid] = row
        records.append(record)
    return tuple(records), sources


def _portfolio_value(sheet: _Sheet, row: int, column: int, kind: str) -> Any:
    value = sheet.value(row, column)
    if kind == "number":
        number = _number(sheet, row, column)
        assert number is not None
        return float(number) + 0.0
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = _cell_text(value)
        if text.removesuffix(".0") in _TRUE | _FALSE:
            return text.removesuffix(".0") in _TRUE
        raise sheet.fail(f"expected true or false (also ja/nej, 1/0), found {value!r}", row, column)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise sheet.fail(f"expected text, found the date or time {value}", row, column)
    text = re.sub(r"\s+", " ", str(value)).strip()
    if not text:
        raise sheet.fail("the cell is empty; every property gives it", row, column)
    return text


# ------------------------------------------------------------------------------------------------------ investments

_INVESTMENT_LABELS = {_label_key(label) for label in (
    "Nettoinvesteringar", "Investeringar", "Summa investeringar", "Summa nettoinvesteringar", "Investeringsvolym",
    "Nettoinvesteringsvolym", "Investeringsutgifter")}


#: The capital lines the sheet ``Investeringar`` may also hold (docs/budget-workbook.md): label -> kind.
_CAPITAL_LABELS = {
    **{_label_key(label): "debt" for label in ("Låneskuld", "Låneskuld vid årets slut", "Långfristiga lån")},
    **{_label_key(label): "cash" for label in ("Likvida medel", "Likvida medel vid årets slut")},
    **{_label_key(label): "rate" for label in ("Låneränta", "Ränta på nya lån", "Upplåningsränta")},
    **{_label_key(label): "years" for label in ("Avskrivningstid", "Avskrivningstid (år)")},
    **{_label_key(label): "pension" for label in ("Ränta på pensionsavsättning", "Ränta på pensionsavsättningar",
                                                  "Ränta pensionsavsättning")},
}


@dataclass
class _Capital:
    """What the sheet ``Investeringar`` gives besides the net investments (None or empty: not given)."""

    debt: float | None = None
    cash: float | None = None
    rate: dict[int, float] = field(default_factory=dict)
    years: float | None = None
    pension: dict[int, float] = field(default_factory=dict)


def _investments(sheet: _Sheet, statement: _Sheet, statement_years: _Years,
                 ) -> tuple[dict[int, float], dict[str, FigureSource], _Capital]:
    """The sheet ``Investeringar``: the year header of the other sheets, a unit, one line ``Nettoinvesteringar``
    with the net investment of the budget year and each plan year (outcome years optional). Amounts written all
    negative (as a cash-flow statement prints them) are read as investments. Optional lines (docs/model.md §15):
    ``Låneskuld`` and ``Likvida medel`` (MSEK in the sheet's unit at the end of the budget year: the budget year's
    column), ``Låneränta`` (percent per year, plan years), ``Avskrivningstid`` (years, one number) and ``Ränta på
    pensionsavsättning`` (the sheet's unit per year, a financial cost written positive or negative). A sheet
    without amounts (the template's, not filled in) gives none."""
    capital = _Capital()
    if not any(sheet.value(r, c) is not None for r, c in sheet.cells):
        return {}, {}, capital
    years = _years(sheet)
    budget_year = next(year for year, kind in years.columns.values() if kind == "budget")
    found: tuple[int, dict[int, tuple[Decimal, int]]] | None = None
    lines: dict[str, tuple[int, dict[int, tuple[Decimal, int]]]] = {}
    sources: dict[str, FigureSource] = {}
    for row in range(years.first_row, sheet.rows + 1):
        label = sheet.value(row, 1)
        if label is None or _repeated_header(sheet, row, years):
            continue
        numbers = {year: (_number(sheet, row, column), column) for column, (year, _) in years.columns.items()}
        key = _label_key(label)
        if key in _CAPITAL_LABELS and _CAPITAL_LABELS[key] == "years":
            value, column = _first_value(sheet, row)
            if value is None:
                continue
            number = _number(sheet, row, column)
            if number is None or not 1 <= number <= 100:
                raise sheet.fail(f"Avskrivningstid = {value!r}: expected a depreciation period in years, 1-100 "
                                 f"(e.g. 33)", row, column)
            capital.years = float(number)
            sources["capital:depreciation"] = sheet.source(row, column)
            continue
        if all(value is None for value, _ in numbers.values()):
            continue
        values = {year: (value, column) for year, (value, column) in numbers.items() if value is not None}
        if key in _CAPITAL_LABELS:
            kind = _CAPITAL_LABELS[key]
            if kind in lines:
                raise sheet.fail(f"the line {str(label).strip()!r} appears twice (rows {lines[kind][0]} and "
                                 f"{row}); keep one", row, 1)
            lines[kind] = (row, values)
            continue
        if key not in _INVESTMENT_LABELS:
            raise sheet.fail(f"unknown line {str(label).strip()!r} with numbers; the sheet holds the line "
                             f"'Nettoinvesteringar' (the net investment of each year; a project list stays in "
                             f"your own document) and optionally 'Låneskuld', 'Likvida medel', 'Låneränta', "
                             f"'Avskrivningstid' and 'Ränta på pensionsavsättning'", row, 1)
        if found is not None:
            raise sheet.fail(f"the net investment appears twice (rows {found[0]} and {row}); keep one", row, 1)
        found = (row, values)
    if found is None and not lines and capital.years is None:
        return {}, {}, capital
    _compare_years(statement, statement_years, sheet, years, outcome_optional=True)
    divisor = _unit(sheet, years.header_row)
    for kind in ("debt", "cash"):
        if kind not in lines:
            continue
        row, values = lines[kind]
        if budget_year not in values:
            raise sheet.fail(f"the line for {'the debt' if kind == 'debt' else 'cash'} has no value for the budget "
                             f"year {budget_year} (the balance at its end)", row, years.column_of(budget_year))
        value, column = values[budget_year]
        amount = float(abs(value) / divisor) + 0.0
        setattr(capital, kind, amount)
        sources[f"capital:opening_{kind}"] = sheet.source(row, column)
    if "rate" in lines:
        row, values = lines["rate"]
        for year, (value, column) in values.items():
            if not 0 <= value <= 20:
                raise sheet.fail(f"Låneränta for {year} = {value}: expected percent per year, 0-20 (e.g. 3.1)", row,
                                 column)
            if 0 < value < MIN_BORROWING_RATE_PERCENT:
                raise sheet.fail(_fraction_rate_message(float(value), year), row, column)
            capital.rate[year] = float(value) / 100.0
            sources[f"borrowing_rate:{year}"] = sheet.source(row, column)
    if "pension" in lines:
        row, values = lines["pension"]
        for year, (value, column) in values.items():
            capital.pension[year] = float(abs(value) / divisor) + 0.0
            sources[f"pension_interest:{year}"] = sheet.source(row, column)
    if found is None:
        return {}, sources, capital
    row, values = found
    for year, kind in sorted(years.kinds().items()):
        if kind != "utfall" and year not in values:
            raise sheet.fail(f"the net investment has no value for {year}", row, years.column_of(year))
    sign = -1 if all(v <= 0 for v, _ in values.values()) and any(v < 0 for v, _ in values.values()) else 1
    amounts = {year: float(sign * value / divisor) + 0.0 for year, (value, _) in sorted(values.items())}
    sources.update({f"investments:{year}": sheet.source(row, column) for year, (_, column) in values.items()})
    return amounts, sources, capital


# ---------------------------------------------------------------------------------------------------------- files

def _fail(name: str, detail: str) -> BudgetFileError:
    return BudgetFileError(f"{name}: {detail}")


def _cells(worksheet: Any) -> dict[tuple[int, int], Any]:
    """The non-empty cells of a read-only worksheet, (row, column) -> value; the dimension the file states is not
    trusted (some programs write a wrong one)."""
    worksheet.reset_dimensions()
    return {(cell.row, cell.column): cell.value for row in worksheet.iter_rows() for cell in row
            if cell.value is not None}


def _xlsx_sheets(path: Path, data: bytes) -> list[_Sheet]:
    """The sheets of a workbook's bytes: each cell's saved value, and the cells that hold a formula without one.
    Read-only mode streams the rows that exist, so a stray formatted cell far down costs nothing."""
    import openpyxl  # an optional heavy dependency, needed for workbooks only
    from openpyxl.utils.exceptions import InvalidFileException

    sheets = []
    try:
        with warnings.catch_warnings():  # e.g. "Data Validation extension is not supported": irrelevant to reading
            warnings.simplefilter("ignore")
            values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            for worksheet in values.worksheets:
                cells = _cells(worksheet)
                uncached = frozenset(
                    key for key, value in _cells(formulas[worksheet.title]).items()
                    if key not in cells and isinstance(value, str) and value.startswith("=")
                    or key not in cells and type(value).__name__ in ("ArrayFormula", "DataTableFormula"))
                sheets.append(_Sheet(path.name, worksheet.title, cells, uncached))
            values.close()
            formulas.close()
    except (zipfile.BadZipFile, InvalidFileException) as exc:
        raise _fail(path.name, f"could not be read as an xlsx workbook ({exc}); {_ACCEPTED}") from None
    except Exception as exc:  # noqa: BLE001 - any failure of the parser on a damaged file is the file's fault
        raise _fail(path.name, f"could not be read as an xlsx workbook ({type(exc).__name__}: {exc}); "
                               f"{_ACCEPTED}") from None
    return sheets


def _workbook(path: Path) -> list[_Sheet]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path.name, f"cannot be read ({exc.strerror or exc})") from None
    # What the file is, from its content: the name may say otherwise (a renamed file, an HTML export named .xls).
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        what = "an Excel 97-2003 workbook (.xls)" if path.suffix.casefold() == ".xls" else \
            "an Excel 97-2003 workbook (.xls) or a password-protected workbook"
        raise _fail(path.name, f"is {what}, which cannot be read; save it as .xlsx (without a password); "
                               f"{_ACCEPTED}")
    if not data:
        raise _fail(path.name, f"is empty (0 bytes); {_ACCEPTED}")
    if not data.startswith(b"PK"):
        if not _is_text(data):
            kind = "neither an xlsx workbook nor text"
        elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            kind = "an HTML or XML file, as some programs export under a spreadsheet's name"
        else:
            kind = "a text file; if it holds CSV, name it after its sheet, e.g. Resultatbudget.csv"
        raise _fail(path.name, f"is not an xlsx workbook (it is {kind}); {_ACCEPTED}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except Exception as exc:  # noqa: BLE001 - zipfile's errors on a damaged archive are of several kinds
        raise _fail(path.name, f"is not an xlsx workbook (a damaged zip archive: {exc}); {_ACCEPTED}") from None
    if "opendocument" in mimetype:
        raise _fail(path.name, f"is an OpenDocument spreadsheet (.ods), which cannot be read; save it as .xlsx "
                               f"(LibreOffice: File > Save as > Excel 2007-365); {_ACCEPTED}")
    if "xl/workbook.xml" not in names:
        raise _fail(path.name, f"is a zip archive but not an xlsx workbook; {_ACCEPTED}")
    return _xlsx_sheets(path, data)


def _is_text(data: bytes) -> bool:
    try:
        decode_user_text(data[:4096])
    except ValueError:
        return False
    return True


def _csv_delimiter(text: str) -> str:
    """``;`` or ``,``: semicolons where any line has one outside quotes, else commas. Comment lines (starting with
    ``#``, as a portfolio file's) are not looked at."""
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    unquoted = re.sub(r'"[^"]*"', "", text)
    return ";" if unquoted.count(";") else ","


def _csv_sheet(path: Path, sheet_name: str) -> _Sheet:
    try:
        text = decode_user_text(path.read_bytes())
    except ValueError as exc:
        raise _fail(path.name, str(exc)) from None
    except OSError as exc:
        raise _fail(path.name, f"cannot be read ({exc.strerror or exc})") from None
    cells: dict[tuple[int, int], Any] = {}
    try:
        for row, fields in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text)), 1):
            for column, value in enumerate(fields, 1):
                if value.strip():
                    cells[(row, column)] = value
    except csv.Error as exc:
        raise _fail(path.name, f"is not a readable CSV file ({exc})") from None
    return _Sheet(path.name, sheet_name, cells)


def _csv_sheets(folder: Path) -> list[_Sheet]:
    """The sheets of a folder of CSV files: the files named after a sheet; the others become empty sheets that
    are never matched, so that a missing sheet's message can list them."""
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.casefold() == ".csv")
    except OSError as exc:
        raise _fail(f"{folder.name}/", f"cannot be read ({exc.strerror or exc})") from None
    wanted = {_sheet_key(name) for name in SHEETS}
    return [_csv_sheet(file, file.stem) if _sheet_key(file.stem) in wanted else _Sheet(file.name, "", {})
            for file in files]


def _sheets(path: Path) -> tuple[list[_Sheet], str, str]:
    """The sheets of a budget file, the name errors start with, and the kind of source ("workbook"/"CSV files")."""
    if path.is_dir():
        return _csv_sheets(path), f"{path.name}/", "folder"
    if not path.exists():
        raise _fail(path.name, f"no such file or folder ({path})")
    if path.suffix.casefold() == ".csv":
        return _csv_sheets(path.parent), f"{path.parent.name}/", "folder"
    return _workbook(path), path.name, "workbook"


def _find(sheets: list[_Sheet], name: str, shown: str, kind: str) -> _Sheet | None:
    matches = [s for s in sheets if _sheet_key(s.name) == _sheet_key(name)]
    if len(matches) > 1:
        raise _fail(shown, f"two sheets are named {name!r} ({', '.join(s.name for s in matches)}); keep one")
    if matches:
        return matches[0]
    if not SHEETS[name]:
        return None
    required = ", ".join(n for n, needed in SHEETS.items() if needed)
    if kind == "workbook":
        found = ", ".join(repr(s.name) for s in sheets) or "none"
        raise _fail(shown, f"no sheet {name!r} (sheets found: {found}); required: {required}")
    found = ", ".join(repr(s.name) for s in sheets if s.name) or "none"
    others = ", ".join(s.file for s in sheets if not s.name)
    raise _fail(shown, f"no CSV file for the sheet {name!r}, expected {name}.csv (sheets found: {found}"
                       + (f"; other CSV files: {others}" if others else "") + f"); required: {required}, one CSV "
                       f"file each, named after the sheet")


# ----------------------------------------------------------------------------------------------------------- entry

def read_budget_file(path: str | Path) -> BudgetFigures:
    """Reads a budget workbook (``.xlsx``) or its CSV files into :class:`BudgetFigures` (``docs/budget-workbook.md``).

    Parameters
    ----------
    path : str or path-like
        An ``.xlsx`` workbook; or a folder of CSV files named after the sheets (``Resultatbudget.csv``,
        ``Skatter och bidrag.csv``, ``Förutsättningar.csv``, optionally ``Verksamheter.csv``, ``Lokaler.csv``,
        ``Investeringar.csv``), or one of them.

    Returns
    -------
    BudgetFigures
        MSEK with the statement's signs (costs negative), the municipality's SCB code, the budget, plan and outcome
        years, the tax rate and population per year, the service areas, the premises portfolio (plain records) and
        the net investments if given, and each figure's file, sheet and cell in ``sources``. The file is only
        read, never written.

    Raises
    ------
    BudgetFileError
        A ``ValueError`` whose message starts with the file's name and names the sheet and the cell: a file that is
        not an xlsx workbook or CSV, a missing sheet, no unit or two, a missing or doubled year column, no budget
        year or two, plan years with a gap, years that differ between the sheets, an unknown line with numbers, a
        line twice, text in a number cell, a missing required line or value, a sum that does not add up (the cell of
        the total, the sum found and the difference), an implausible tax rate (a fraction, öre), an unknown
        municipality, a formula without a saved value; in ``Lokaler`` an unknown, repeated or missing required
        column, an empty required cell, text in a number cell, an id used twice; in ``Investeringar`` an unknown
        line, a missing value for the budget or a plan year.
    """
    path = Path(path)
    sheets, shown, kind = _sheets(path)
    statement = _find(sheets, _STATEMENT, shown, kind)
    note = _find(sheets, _NOTE, shown, kind)
    premises_sheet = _find(sheets, _PREMISES, shown, kind)
    areas_sheet = _find(sheets, _AREAS, shown, kind)
    portfolio_sheet = _find(sheets, _PORTFOLIO, shown, kind)
    investments_sheet = _find(sheets, _INVESTMENTS, shown, kind)
    assert statement is not None and note is not None and premises_sheet is not None
    for sheet in (statement, note, premises_sheet, areas_sheet, portfolio_sheet, investments_sheet):
        if sheet is not None:
            sheet.check_saved()

    statement_years = _years(statement)
    note_years = _years(note)
    _compare_years(statement, statement_years, note, note_years)
    lines, _ = _year_sheet(statement, statement_years, _STATEMENT_LABELS, {}, _NOTE_LABELS, note.name)
    note_lines, note_totals = _year_sheet(note, note_years, _NOTE_LABELS, _NOTE_TOTALS, _STATEMENT_LABELS,
                                          statement.name)
    _require(statement, statement_years, lines, STATEMENT_ITEMS)
    _require(note, note_years, note_lines, TAX_AND_GRANT_ITEMS)
    year_kinds = statement_years.kinds()
    _check_statement(statement, lines, note, note_lines, note_totals, sorted(year_kinds))

    premises = _premises(premises_sheet, statement_years, statement)
    budget_year = next(y for y, k in year_kinds.items() if k == "budget")

    items: dict[int, dict[str, float]] = {year: {} for year in sorted(year_kinds)}
    sources: dict[str, FigureSource] = dict(premises.sources)
    for sheet, sheet_lines in ((statement, lines), (note, note_lines)):
        for item_id, line in sheet_lines.items():
            for year, amount in line.values.items():
                items[year][item_id] = amount
                sources[f"{year}:{item_id}"] = sheet.source(*line.cells[year])

    service_areas: dict[str, float] = {}
    if areas_sheet is not None:
        costs = items[budget_year].get("verksamhetens_kostnader")
        service_areas, area_sources = _service_areas(areas_sheet, costs, budget_year)
        sources.update(area_sources)
    portfolio: tuple[dict[str, Any], ...] = ()
    if portfolio_sheet is not None:
        portfolio, portfolio_sources = _portfolio(portfolio_sheet)
        sources.update(portfolio_sources)
    investments: dict[int, float] = {}
    capital = _Capital()
    if investments_sheet is not None:
        investments, investment_sources, capital = _investments(investments_sheet, statement, statement_years)
        sources.update(investment_sources)

    balance = _balance_premises(premises_sheet, budget_year)
    sources.update(balance.sources)
    figures = BudgetFigures(
        municipality=premises.municipality, budget_year=budget_year, year_kinds=year_kinds, items=items,
        tax_rate=premises.tax_rate, population=premises.population, population_date=premises.population_date,
        service_areas=service_areas, premises=portfolio, investments=investments,
        national_tax_capacity_kr=premises.national_tax_capacity_kr, opening_debt_msek=capital.debt,
        opening_cash_msek=capital.cash, borrowing_rate=capital.rate,
        depreciation_classes=(("all", 1.0, capital.years),) if capital.years is not None else (),
        pension_interest=capital.pension, sources=sources,
        default_source=FigureSource(shown), title=premises.title,
        opening_deficits=balance.opening_deficits, opening_reserve_msek=balance.opening_reserve_msek,
        negative_equity=balance.negative_equity)
    try:
        figures.check()
    except ValueError as exc:
        raise _fail(shown, str(exc)) from None
    return figures
