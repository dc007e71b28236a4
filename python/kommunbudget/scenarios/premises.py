"""Premises (lokaler): a municipality's portfolio of properties, read from a CSV file or a scenario's tables.

A portfolio describes properties whose running cost and depreciation are already inside the baseline's costs
(docs/model.md §7): it changes nothing by itself. Scenario measures use it: a ``disposal`` names a property by its id,
and a ``premises_target`` without an amount takes the portfolio's total premises cost (see
:mod:`kommunbudget.scenarios`).

The CSV file has one row per property and one column per field of the core ``Property`` (:data:`PROPERTY_FIELDS`)::

    # Leading lines starting with '#' are comments (kept when the file is written back).
    id,use,area_m2,book_value_msek,market_value_msek,running_cost_msek,depreciation_msek,vacancy,need_remains,...
    Exempel 1:1,school,2500,8.0,14.0,1.6,0.4,1.0,false,...

(the last column, ``external_rent_msek``, cut here for width).

Comma-separated, UTF-8 (a byte-order mark from Excel is accepted; a file in another encoding, e.g. Latin-1 or
UTF-16, is refused with the first byte that is not UTF-8 named), a decimal point, booleans as ``true``/``false``
(also ``yes``/``no``, ``ja``/``nej``, ``1``/``0``). Amounts are base-year MSEK; ``vacancy`` is a fraction of the
area (0.25, not 25). ``external_rent_msek`` may be left out or empty (0); every other column is required.

**Total premises cost** (lokalkostnad) = running cost (drift and maintenance) + depreciation. Reason: a
municipality's premises cost, as in an internal-rent model, covers the running cost and the capital cost of the
premises; depreciation is the part of the capital cost a property record carries (the internal interest is not
recorded per property here, so it is left out: the total is a lower bound of the capital cost). Lomma's savings
requirement of 10 % was set on its total premises costs (lokalkostnader; REPORT-FACTS.md, the report's figure, not
verified). The total is the base year's, in base-year prices.

Errors are ValueError (:class:`PortfolioError`) naming the file, the row (and the line in the file), the property
id, the column, the value and what is allowed. Reading never modifies a file; :func:`write_portfolio` writes a new
file atomically.
"""
from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kommunbudget.data.budget_figures import PREMISES_COLUMNS, BudgetFigures
from kommunbudget.data.budget_file import BudgetFileError
from kommunbudget.data.textfiles import decode_user_text, write_text_atomic
from kommunbudget.model import core, limits
from kommunbudget.model.checks import is_bool, is_real_number

__all__ = ["FieldSpec", "PROPERTY_FIELDS", "Portfolio", "PortfolioError", "checked_property_fields", "expected_form",
           "portfolio_csv_text", "portfolio_from_budget", "portfolio_from_records", "read_portfolio",
           "write_portfolio"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a property: its type, unit, allowed range and whether a portfolio must give it.

    Attributes
    ----------
    kind : type
        ``str``, ``float`` or ``bool``.
    unit : str
        ``"MSEK"`` (base-year, nominal), ``"m²"``, ``"fraction"`` or ``""``.
    low, high : float
        Allowed range of a number (inclusive); for the numbers, the core's rows ``Property.<field>``.
    required : bool
        A portfolio row must give it (a non-empty value).
    default : object
        The value when it is not required and left out.
    """

    kind: type
    unit: str = ""
    low: float = 0.0
    high: float = math.inf
    required: bool = True
    default: Any = None


def _number(name: str, **options: Any) -> FieldSpec:
    """A number field with the unit and range of the core's row ``Property.<name>`` (``docs/model.md`` §14)."""
    row = limits.field_limit("Property", name)
    return FieldSpec(float, row.unit, row.low, row.high, **options)


#: The fields of a property, in the core's order (``kommunbudget.core.Property._fields``): the one list that drives
#: validation of CSV rows and ``[[premises]]`` tables, the columns of :meth:`Portfolio.to_frame` and the file written.
#: The numbers' units and ranges are the core's (:func:`kommunbudget.model.limits.field_limit`).
PROPERTY_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec(str),
    "use": FieldSpec(str),
    "area_m2": _number("area_m2"),                        # [0, 1e7] m²
    "book_value_msek": _number("book_value_msek"),        # [0, 1e5] MSEK
    "market_value_msek": _number("market_value_msek"),    # [0, 1e5] MSEK
    "running_cost_msek": _number("running_cost_msek"),    # [0, 1e4] MSEK
    "depreciation_msek": _number("depreciation_msek"),    # [0, 1e4] MSEK
    "vacancy": _number("vacancy"),                        # [0, 1] fraction
    "need_remains": FieldSpec(bool),
    "external_rent_msek": _number("external_rent_msek", required=False, default=0.0),  # [0, 1e4] MSEK
}
if list(PROPERTY_FIELDS) != list(core.Property._fields):  # pragma: no cover - a core change not carried over
    raise ImportError(f"kommunbudget.premises: PROPERTY_FIELDS {list(PROPERTY_FIELDS)} do not match the core's "
                      f"Property fields {list(core.Property._fields)}")

_KINDS = {str: "text", float: "number", bool: "bool"}
if {name: (_KINDS[spec.kind], spec.required) for name, spec in PROPERTY_FIELDS.items()} != PREMISES_COLUMNS \
        or list(PREMISES_COLUMNS) != list(PROPERTY_FIELDS):  # pragma: no cover - the budget sheet not carried over
    raise ImportError(f"kommunbudget.premises: the budget workbook's Lokaler columns {PREMISES_COLUMNS} do not match "
                      f"PROPERTY_FIELDS {list(PROPERTY_FIELDS)}")

_TRUE = {"true", "yes", "ja", "1"}
_FALSE = {"false", "no", "nej", "0"}


class PortfolioError(ValueError):
    """An invalid portfolio: the message names the source, the row, the property id, the column and the value.

    Attributes
    ----------
    source : str
        The file (or ``"<records>"``).
    row : int or None
        1-based number of the property (data row), None for a file-level error.
    line : int or None
        Line of the file (CSV only).
    property_id : str
        The row's id ('' if it has none yet).
    column : str
        The field ('' for a file- or row-level error).
    detail : str
        What is wrong and what is allowed.
    """

    def __init__(self, source: str, detail: str, row: int | None = None, column: str = "", property_id: str = "",
                 line: int | None = None) -> None:
        self.source, self.detail, self.row, self.column = source, detail, row, column
        self.property_id, self.line = property_id, line
        where = []
        if row is not None:
            extra = [f"id {property_id!r}"] if property_id else []
            extra += [f"line {line}"] if line is not None else []
            where.append(f"row {row}" + (f" ({', '.join(extra)})" if extra else ""))
        if column:
            where.append(f"column {column}")
        super().__init__(f"portfolio {source}: " + (", ".join(where) + ": " if where else "") + detail)


@dataclass(frozen=True, eq=False)
class Portfolio:
    """A municipality's premises: a tuple of core ``Property`` (base-year MSEK, m², fractions).

    Attributes
    ----------
    properties : tuple[kommunbudget.core.Property, ...]
        In file order; ids unique. Treat them as read-only (:meth:`get` returns a copy).
    source : str
        Where it was read from (a file name, or ``"<records>"``); used in messages.
    comment : str
        The file's leading comment lines (without the ``#``), written back by :func:`write_portfolio`.

    Notes
    -----
    Two portfolios are equal when their properties' fields are (``source`` and ``comment`` do not count).
    """

    properties: tuple[core.Property, ...]
    source: str = "<records>"
    comment: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        seen: dict[str, core.Property] = {}
        for p in self.properties:
            if not isinstance(p, core.Property):
                raise TypeError(f"portfolio {self.source}: {p!r} is not a kommunbudget.Property")
            if p.id in seen:
                raise PortfolioError(self.source, f"id {p.id!r} appears twice; expected unique ids")
            seen[p.id] = p
        object.__setattr__(self, "_by_id", seen)  # id -> property, for get() in constant time

    def __len__(self) -> int:
        return len(self.properties)

    def __iter__(self) -> Iterator[core.Property]:
        return iter(self.properties)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Portfolio) and self.records() == other.records()

    __hash__ = None  # type: ignore[assignment]

    def ids(self) -> list[str]:
        """The property ids, in order."""
        return [p.id for p in self.properties]

    def get(self, property_id: str) -> core.Property:
        """A copy of the property with this id.

        Raises
        ------
        KeyError
            For an unknown id; the message lists the ids.
        """
        p = self._by_id.get(property_id)
        if p is not None:
            return core.Property(**{f: getattr(p, f) for f in PROPERTY_FIELDS})
        raise KeyError(f"portfolio {self.source}: no property has id {property_id!r}; expected one of: "
                       f"{', '.join(self.ids())}")

    def records(self) -> list[dict[str, Any]]:
        """The properties as dicts of :data:`PROPERTY_FIELDS` (the form of a scenario's ``[[premises]]``)."""
        return [{f: getattr(p, f) for f in PROPERTY_FIELDS} for p in self.properties]

    def without(self, ids: Iterable[str]) -> Portfolio:
        """A copy without the properties ``ids`` (e.g. those a scenario sells). Unknown ids raise KeyError."""
        drop = set(ids)
        unknown = sorted(drop - set(self.ids()))
        if unknown:
            raise KeyError(f"portfolio {self.source}: no property has id {unknown}; expected ids among: "
                           f"{', '.join(self.ids())}")
        return Portfolio(tuple(self.get(p.id) for p in self.properties if p.id not in drop), self.source,
                         self.comment)

    @property
    def total_premises_cost_msek(self) -> float:
        """Total premises cost, base-year MSEK: running cost + depreciation of every property (the rule is in the
        module docstring)."""
        return float(sum(p.running_cost_msek + p.depreciation_msek for p in self.properties))

    def to_frame(self) -> pd.DataFrame:
        """One row per property.

        Returns
        -------
        pandas.DataFrame
            Shape (n_properties, 10): the columns of :data:`PROPERTY_FIELDS` in order (``id``, ``use`` text;
            ``area_m2`` m²; ``*_msek`` base-year MSEK; ``vacancy`` a fraction of the area; ``need_remains`` bool);
            a default integer index.
        """
        return pd.DataFrame(self.records(), columns=list(PROPERTY_FIELDS)).astype(
            {f: ("bool" if s.kind is bool else "float64" if s.kind is float else "object")
             for f, s in PROPERTY_FIELDS.items()})

    def summary(self) -> pd.DataFrame:
        """Area, vacancy and premises cost, by use and in total.

        Returns
        -------
        pandas.DataFrame
            Index ``use`` (each use in order of first appearance, then ``"total"``); columns ``n_properties``,
            ``area_m2``, ``vacant_area_m2`` (Σ area × vacancy), ``vacancy_share`` (vacant / area, a fraction; NaN
            without area), ``running_cost_msek``, ``depreciation_msek``, ``total_premises_cost_msek`` (running cost
            + depreciation), ``cost_kr_per_m2`` (total premises cost per m² of area, kr; NaN without area),
            ``book_value_msek``, ``market_value_msek``, ``market_minus_book_msek`` (the realisation gain if all
            were sold at market value). MSEK base-year; an empty portfolio gives a total row of zeros.
        """
        frame = self.to_frame()
        frame["vacant_area_m2"] = frame["area_m2"] * frame["vacancy"]
        frame["total_premises_cost_msek"] = frame["running_cost_msek"] + frame["depreciation_msek"]
        sums = ["area_m2", "vacant_area_m2", "running_cost_msek", "depreciation_msek", "total_premises_cost_msek",
                "book_value_msek", "market_value_msek"]
        groups = frame.groupby("use", sort=False)[sums].sum() if len(frame) else pd.DataFrame(columns=sums)
        counts = frame.groupby("use", sort=False).size() if len(frame) else pd.Series(dtype="int64")
        out = groups.astype("float64")
        out.insert(0, "n_properties", counts.astype("int64"))
        out.loc["total"] = [len(frame)] + [float(frame[c].sum()) for c in sums]
        out["n_properties"] = out["n_properties"].astype("int64")
        area = out["area_m2"].where(out["area_m2"] > 0)
        out.insert(out.columns.get_loc("vacant_area_m2") + 1, "vacancy_share", out["vacant_area_m2"] / area)
        out.insert(out.columns.get_loc("total_premises_cost_msek") + 1, "cost_kr_per_m2",
                   out["total_premises_cost_msek"] * 1e6 / area)
        out["market_minus_book_msek"] = out["market_value_msek"] - out["book_value_msek"]
        out.index.name = "use"
        return out


def expected_form(spec: FieldSpec) -> str:
    """What a field takes, for messages: ``text``, ``true or false`` or ``a number in [0, 1e+05] MSEK``."""
    if spec.kind is str:
        return "text"
    if spec.kind is bool:
        return "true or false"
    unit = " (a fraction)" if spec.unit == "fraction" else f" {spec.unit}" if spec.unit else ""
    return f"a number in [{spec.low:g}, {spec.high:g}]{unit}"


def _percent_hint(value: float, spec: FieldSpec) -> str:
    if spec.unit == "fraction" and 1.0 < value <= 100.0:
        return f"; {value:g} looks like a percent: did you mean {value / 100:g}?"
    return ""


def _checked_record(raw: Mapping[str, Any], fail, typed: bool) -> dict[str, Any]:
    """The record with every field of :data:`PROPERTY_FIELDS` checked and converted; ``fail(column, detail)``
    returns the exception to raise. ``typed``: values are TOML values (else CSV text)."""
    out: dict[str, Any] = {}
    for name, spec in PROPERTY_FIELDS.items():
        value = raw.get(name)
        if isinstance(value, str) and not typed:
            value = value.strip()
        if value is None or (value == "" and not typed):
            if spec.required:
                raise fail(name, ("missing; every property gives it" if value is None else
                                  "empty; every property gives it") + f" ({expected_form(spec)})")
            out[name] = spec.default
            continue
        if spec.kind is str:
            if not isinstance(value, str):
                raise fail(name, f"{value!r} is not text")
            if name == "id" and not value.strip():
                raise fail(name, "empty; every property has an id")
            out[name] = value
        elif spec.kind is bool:
            if is_bool(value):  # numpy's bool too
                out[name] = bool(value)
            elif not typed and isinstance(value, str) and value.lower() in _TRUE | _FALSE:
                out[name] = value.lower() in _TRUE
            else:
                raise fail(name, f"{value!r} is not true or false (expected true/false, yes/no, ja/nej or 1/0)"
                           if not typed else f"{value!r} is not true or false")
        else:
            if typed:
                if not is_real_number(value):  # int, float, numpy's scalars; not a bool
                    raise fail(name, f"{value!r} is not a number; expected {expected_form(spec)}")
                number = float(value)
            else:
                try:
                    number = float(value)
                except ValueError:
                    hint = " (use a decimal point, not a comma)" if "," in value else ""
                    raise fail(name, f"{value!r} is not a number{hint}") from None
            if not math.isfinite(number):
                raise fail(name, f"{value!r} is not a finite number")
            if not spec.low <= number <= spec.high:
                unit = f" {spec.unit}" if spec.unit and spec.unit != "fraction" else ""
                what = " (a fraction is expected" + _percent_hint(number, spec) + ")" if spec.unit == "fraction" \
                    else ""
                raise fail(name, f"{number:g} is outside [{spec.low:g}, {spec.high:g}]{unit}{what}")
            out[name] = number
    return out


def checked_property_fields(raw: Mapping[str, Any], fail: Callable[[str, str], Exception]) -> dict[str, Any]:
    """A property's fields (TOML or Python values) checked exactly as a portfolio row's: every required field of
    :data:`PROPERTY_FIELDS` given, text where text is meant, ``true``/``false`` for ``need_remains``, a finite
    number in the field's range for the others (any real number, numpy's scalars included; a fraction that looks
    like a percent named); ``external_rent_msek`` may be left out (0).

    Parameters
    ----------
    raw : Mapping
        Field -> value; unknown fields are not looked at (the caller refuses them with its own key path).
    fail : callable
        ``fail(field, detail)`` returns the exception to raise (it names the file and the key path).

    Returns
    -------
    dict
        Every field of :data:`PROPERTY_FIELDS`, numbers as float (amounts base-year MSEK, area m², vacancy a
        fraction).

    Raises
    ------
    Exception
        What ``fail`` returns, for the first field that is wrong.
    """
    return _checked_record(raw, fail, typed=True)


def portfolio_from_records(records: Iterable[Mapping[str, Any]], source: str = "<records>",
                           comment: str = "") -> Portfolio:
    """A portfolio from dicts of :data:`PROPERTY_FIELDS` (e.g. a scenario's ``[[premises]]`` tables).

    Parameters
    ----------
    records : iterable of mappings
        One per property: ``id`` and ``use`` text, numbers for the amounts (base-year MSEK), area (m²) and vacancy
        (a fraction), ``need_remains`` a bool; ``external_rent_msek`` may be left out (0).
    source : str
        Named in messages.

    Raises
    ------
    PortfolioError
        (a ValueError) for an unknown or missing field, a wrong type, a value out of range (shares as fractions,
        with a hint when one looks like a percent) or an id used twice; ``row`` is the 1-based position.
    """
    properties: list[core.Property] = []
    rows: dict[str, int] = {}
    for row, raw in enumerate(records, start=1):
        if not isinstance(raw, Mapping):
            raise PortfolioError(source, f"{raw!r} is not a table of property fields", row=row)
        pid = raw.get("id") if isinstance(raw.get("id"), str) else ""

        def fail(column: str, detail: str, row: int = row, pid: str = pid) -> PortfolioError:
            return PortfolioError(source, detail, row=row, column=column, property_id=pid)

        unknown = [k for k in raw if k not in PROPERTY_FIELDS]
        if unknown:
            raise fail(str(unknown[0]), f"unknown field; expected one of {', '.join(PROPERTY_FIELDS)}")
        values = _checked_record(raw, fail, typed=True)
        if values["id"] in rows:
            raise fail("id", f"{values['id']!r} is used twice (also row {rows[values['id']]}); expected unique ids")
        rows[values["id"]] = row
        properties.append(core.Property(**values))
    return Portfolio(tuple(properties), source, comment)


def portfolio_from_budget(figures: BudgetFigures) -> Portfolio | None:
    """The portfolio of a budget's sheet ``Lokaler`` (:attr:`BudgetFigures.premises`), each row checked exactly as
    a portfolio row (:func:`checked_property_fields`: required fields, types, the core's ranges); None when the budget
    gives none.

    Raises
    ------
    kommunbudget.data.budget_file.BudgetFileError
        (a ValueError) for the first value that is wrong, as the reader's messages: the file, the sheet, the cell,
        then the property (its position and id), the column and what is allowed; also an unknown column (a budget
        typed in Python) and an id used twice.
    """
    if not figures.premises:
        return None
    first = figures.source("premises:1:id")
    name = ", ".join(p for p in (first.file, f"sheet {first.sheet}" if first.sheet else "") if p)
    properties: list[core.Property] = []
    rows: dict[str, int] = {}
    for row, raw in enumerate(figures.premises, start=1):
        pid = raw.get("id") if isinstance(raw.get("id"), str) else ""

        def fail(column: str, detail: str, row: int = row, pid: str = pid) -> BudgetFileError:
            source = figures.sources.get(f"premises:{row}:{column}") or figures.source(f"premises:{row}:id")
            where = ", ".join(p for p in (source.file, f"sheet {source.sheet}" if source.sheet else "",
                                          f"cell {source.cell}" if source.cell else "") if p)
            what = f"property {row}" + (f" (id {pid!r})" if pid else "") + (f", column {column}" if column else "")
            return BudgetFileError(f"{where}: {what}: {detail}", source.sheet, source.cell)

        unknown = [k for k in raw if k not in PROPERTY_FIELDS]
        if unknown:
            raise fail(str(unknown[0]), f"unknown column; expected one of {', '.join(PROPERTY_FIELDS)}")
        values = _checked_record(raw, fail, typed=True)
        if values["id"] in rows:
            raise fail("id", f"{values['id']!r} is used twice (also property {rows[values['id']]}); expected unique "
                             f"ids")
        rows[values["id"]] = row
        properties.append(core.Property(**values))
    return Portfolio(tuple(properties), name)


def read_portfolio(path: str | os.PathLike[str] | Any, name: str | None = None) -> Portfolio:
    """Reads a portfolio CSV file (read only; the file is never modified).

    Parameters
    ----------
    path : str, path-like or importlib.resources Traversable
        The file: comma-separated, UTF-8, a header of :data:`PROPERTY_FIELDS` columns (any order;
        ``external_rent_msek`` optional), then one row per property; leading lines starting with ``#`` are comments.
    name : str, optional
        The name used in messages (default ``str(path)``).

    Returns
    -------
    Portfolio
        Properties in file order, amounts in base-year MSEK.

    Raises
    ------
    PortfolioError
        (a ValueError) naming the file, the row (1-based data row, and its line in the file), the id, the column,
        the value and the allowed range: a missing file; a file that is not UTF-8 text (the byte and its position
        named); an empty file or no rows; a header with an unknown, missing or repeated column (or a
        semicolon-separated file); a row with too many or too few fields; an empty or repeated id; an empty
        required cell; text where a number or a boolean is expected (a decimal comma is named); a non-finite
        number; a value outside its range (a share above 1 that looks like a percent is named as such).
    """
    source = name if name is not None else str(path)
    lines = _read_text(path, source).splitlines(keepends=True)
    skipped, comment = _leading_comment(lines)
    reader = csv.reader(io.StringIO("".join(lines[skipped:]), newline=""))
    header = _read_header(reader, skipped, source)
    properties = _read_rows(reader, header, skipped, source)
    if not properties:
        raise PortfolioError(source, "no properties below the header; expected one row per property")
    return Portfolio(tuple(properties), source, "\n".join(comment))


def _read_text(path: str | os.PathLike[str] | Any, source: str) -> str:
    """The text of a portfolio file (UTF-8, a byte-order mark accepted); PortfolioError if missing or not UTF-8."""
    entry = path if hasattr(path, "read_text") and not isinstance(path, (str, os.PathLike)) else Path(path)
    if not entry.is_file():
        what = "is a folder, not a file" if entry.is_dir() else "does not exist"
        raise PortfolioError(source, f"the file {what}; expected a CSV file with one row per property")
    try:
        return decode_user_text(entry.read_bytes())
    except ValueError as exc:
        raise PortfolioError(source, str(exc)) from None


def _leading_comment(lines: list[str]) -> tuple[int, list[str]]:
    """The number of leading comment and blank lines, and the comment's text (kept as the portfolio's comment)."""
    skipped = 0
    comment: list[str] = []
    while skipped < len(lines) and (not lines[skipped].strip() or lines[skipped].lstrip().startswith("#")):
        stripped = lines[skipped].strip()
        if stripped:
            comment.append(stripped[1:].removeprefix(" "))
        skipped += 1
    return skipped, comment


def _read_header(reader: Any, skipped: int, source: str) -> list[str]:
    """The header's columns (the first line that is not blank), checked against :data:`PROPERTY_FIELDS`."""
    header: list[str] | None = None
    header_line = 0
    for cells in reader:
        if not cells or all(not c.strip() for c in cells):
            continue
        header, header_line = [c.strip() for c in cells], skipped + reader.line_num
        break
    if header is None:
        raise PortfolioError(source, "the file is empty; expected a header with the columns "
                                     f"{', '.join(PROPERTY_FIELDS)}")
    if len(header) == 1 and ";" in header[0]:
        raise PortfolioError(source, f"line {header_line}: the header {header[0]!r} is separated by semicolons; "
                                     "expected commas (and a decimal point)")
    for i, column in enumerate(header):
        if column not in PROPERTY_FIELDS:
            raise PortfolioError(source, f"line {header_line}: unknown column {column!r}; expected columns "
                                         f"{', '.join(PROPERTY_FIELDS)}", column=column)
        if column in header[:i]:
            raise PortfolioError(source, f"line {header_line}: the column {column!r} appears twice", column=column)
    missing = [f for f, s in PROPERTY_FIELDS.items() if s.required and f not in header]
    if missing:
        raise PortfolioError(source, f"line {header_line}: the header lacks the columns {', '.join(missing)}; "
                                     f"expected {', '.join(PROPERTY_FIELDS)}")
    return header


def _read_rows(reader: Any, header: list[str], skipped: int, source: str) -> list[core.Property]:
    """The properties of the rows below the header, each checked (its row, line, id and column named)."""
    properties: list[core.Property] = []
    rows: dict[str, int] = {}
    row = 0
    for cells in reader:
        if not cells or all(not c.strip() for c in cells):
            continue
        row += 1
        line = skipped + reader.line_num
        raw = dict(zip(header, cells, strict=False))  # a short row lacks fields: refused below, naming them
        pid = raw.get("id", "").strip()

        def fail(column: str, detail: str, row: int = row, pid: str = pid, line: int = line) -> PortfolioError:
            return PortfolioError(source, detail, row=row, column=column, property_id=pid, line=line)

        if len(cells) != len(header):
            hint = " (a decimal comma? use a decimal point, or quote the value)" if len(cells) > len(header) else ""
            raise fail("", f"{len(cells)} fields, but the header has {len(header)}{hint}")
        values = _checked_record(raw, fail, typed=False)
        if values["id"] in rows:
            raise fail("id", f"{values['id']!r} is used twice (also row {rows[values['id']]}); expected unique ids")
        rows[values["id"]] = row
        properties.append(core.Property(**values))
    return properties


def portfolio_csv_text(portfolio: Portfolio) -> str:
    """The portfolio as CSV text (the format :func:`read_portfolio` reads): the comment lines, the header of
    :data:`PROPERTY_FIELDS`, one row per property; numbers as Python writes them (they read back exactly)."""
    out = io.StringIO(newline="")
    for line in portfolio.comment.splitlines() if portfolio.comment else []:
        out.write(f"# {line}\n" if line else "#\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(PROPERTY_FIELDS))
    for record in portfolio.records():
        writer.writerow([("true" if v else "false") if isinstance(v, bool) else repr(v) if isinstance(v, float)
                         else v for v in record.values()])
    return out.getvalue()


def write_portfolio(portfolio: Portfolio, path: str | os.PathLike[str]) -> Path:
    """Writes the portfolio as CSV (UTF-8) atomically (a temporary file in the same folder, checked to read back
    equal, then a rename), so an existing file is replaced whole or not at all. The file keeps the mode of the file
    it replaces (a new file gets ``0o666 & ~umask``).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For an empty portfolio (a file without rows does not read back), a directory or a missing folder.
    """
    path = Path(path)
    if not len(portfolio):
        raise ValueError(f"portfolio file {str(path)!r}: the portfolio has no properties; expected at least one")
    if path.is_dir():
        raise ValueError(f"portfolio file {str(path)!r} is a directory; expected a file name")
    if not path.parent.is_dir():
        raise ValueError(f"portfolio file {str(path)!r}: the folder {str(path.parent)!r} does not exist")

    def reads_back(tmp: Path) -> None:
        if read_portfolio(tmp, str(path)) != portfolio:  # pragma: no cover - a writer bug
            raise RuntimeError(f"portfolio file {str(path)!r}: the text written does not read back equal")

    return write_text_atomic(path, portfolio_csv_text(portfolio), check=reads_back, newline="")
