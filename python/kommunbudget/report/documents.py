"""What a command outputs, independent of the format: a :class:`Document` of :class:`Table` objects and further
keys, rendered as the text report, as JSON (schema ``kommunbudget.<command>/<version>``) or as CSV (one value a line:
``table,row,year,value,unit``), in two dialects: ``csv`` (comma, decimal point, UTF-8) and ``csv-sv`` for a
spreadsheet set to Swedish (semicolon, decimal comma, CRLF, UTF-8 with a byte-order mark; the same lines). The
workbook (``xlsx``) is written by :mod:`kommunbudget.report.workbook`.

The JSON and CSV layouts are stable within a schema version (README.md, "Command line"): a change of keys, values or
layout raises the command's version.
"""
from __future__ import annotations

import csv
import decimal
import io
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kommunbudget.model.core import __version__

__all__ = ["FORMATS", "SCHEMA_VERSION", "Document", "Table", "clean", "csv_value", "csv_value_sv", "floats"]

#: Default version of a command's JSON and CSV layout (``"kommunbudget.project/1"``).
SCHEMA_VERSION = 1

#: The output formats a document renders to as text (``xlsx`` is written by :mod:`kommunbudget.report.workbook`).
FORMATS = ("table", "json", "csv", "csv-sv")

#: The byte-order mark that starts ``csv-sv`` (so Excel reads the file as UTF-8).
BOM = "\ufeff"

#: The header line of the CSV forms.
_HEADER = ["table", "row", "year", "value", "unit"]

#: An array of numbers, booleans and nulls in indented JSON (written on one line).
_SCALAR_ARRAY = re.compile(r"\[(?:[\s\-0-9.eE+,]|null|true|false)*\]")


@dataclass
class Table:
    """One table of a document.

    Attributes
    ----------
    name : str
        The JSON key and the CSV ``table`` column (e.g. ``"statement"``).
    rows : dict[str, Any]
        Row identifier -> a list of values, one per year of the document's header ``years`` (``yearly``), or one
        value. Values are float, int, bool or None (no value).
    units : dict[str, str]
        Row identifier -> its unit (``"MSEK"``, ``"fraction"``, ``"öre"``, ``"boolean"``, ...).
    yearly : bool
        Whether each row holds one value per year.
    """

    name: str
    rows: dict[str, Any]
    units: dict[str, str]
    yearly: bool = True


@dataclass
class Document:
    """What a command outputs.

    Attributes
    ----------
    command : str
        The subcommand (``"project"``), part of the JSON schema name.
    header : dict[str, Any]
        Keys written first in JSON (after ``schema`` and ``kommunbudget_version``); ``years`` (list of int), if
        present, are the years of the yearly tables.
    tables : list[Table]
        Written as JSON keys by table name, with their units under ``units``; every value is a CSV line.
    extra : dict[str, Any]
        Further JSON keys, after the tables (an ``units`` key here replaces the tables' units). Its
        ``assumptions`` records (``assumption``, ``years``, ``values``, ``unit``) are CSV lines too.
    text : str
        The text report (``--format table``).
    csv_rows : list[list[Any]]
        Further CSV lines (table, row, year, value, unit) after the tables, e.g. revenue-table's columns.
    schema_version : int
        The version of this command's JSON and CSV layout.
    notices : list[str]
        Lines for the user beside the output, not part of it (e.g. the files a command wrote); the command line
        prints them to stderr.
    inputs : list[tuple[str, str]]
        The files the command read, as (what, path): ``("budget", "/x/budget.xlsx")``. The command line refuses to
        write ``--out`` over any of them. Not part of the output.
    """

    command: str
    header: dict[str, Any]
    tables: list[Table] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    csv_rows: list[list[Any]] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    notices: list[str] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def schema(self) -> str:
        """``"kommunbudget.<command>/<version>"``."""
        return f"kommunbudget.{self.command}/{self.schema_version}"

    def to_json(self) -> str:
        """The document as indented JSON (UTF-8 text, a final newline): ``schema``, ``kommunbudget_version``, the
        header, the tables, ``units``, then ``extra``. Arrays of numbers sit on one line each. Non-finite numbers
        are written as ``null`` (:func:`clean`), so the text never holds NaN or Infinity."""
        obj: dict[str, Any] = {"schema": self.schema, "kommunbudget_version": __version__}
        obj.update(self.header)
        for table in self.tables:
            obj[table.name] = table.rows
        if self.tables:
            obj["units"] = {table.name: table.units for table in self.tables}
        obj.update(self.extra)
        text = json.dumps(clean(obj), ensure_ascii=False, indent=2, allow_nan=False)
        return _SCALAR_ARRAY.sub(lambda m: re.sub(r"\s+", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"),
                                 text) + "\n"

    def to_csv(self) -> str:
        """The document as CSV: a header ``table,row,year,value,unit``, then one line per value of the tables (year
        empty for a scalar row), of the ``assumptions`` records and of :attr:`csv_rows`. Values as
        :func:`csv_value`.

        Raises
        ------
        ValueError
            If a yearly row's length differs from the header's ``years`` (a programming error).
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for line in self._csv_lines():
            writer.writerow([*line[:3], csv_value(line[3]), line[4]] if line is not _HEADER else line)
        return buffer.getvalue()

    def to_csv_sv(self) -> str:
        """The lines of :meth:`to_csv` for a spreadsheet set to Swedish (``--format csv-sv``): a byte-order mark,
        semicolons between fields, a decimal comma and never an exponent in numbers (:func:`csv_value_sv`), CRLF
        line ends; the same header (``table;row;year;value;unit``), lines and identifiers.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        for line in self._csv_lines():
            writer.writerow([*line[:3], csv_value_sv(line[3]), line[4]] if line is not _HEADER else line)
        return BOM + buffer.getvalue()

    def _csv_lines(self) -> Iterator[list[Any]]:
        """The CSV header, then (table, row, year, value, unit) per value, the value not yet formatted."""
        yield _HEADER
        years = self.header.get("years", [])
        for table in self.tables:
            for row, values in table.rows.items():
                unit = table.units[row]
                if table.yearly:
                    for year, value in zip(years, values, strict=True):
                        yield [table.name, row, year, value, unit]
                else:
                    yield [table.name, row, "", values, unit]
        for record in self.extra.get("assumptions", []):
            for year, value in zip(record["years"], record["values"], strict=True):
                yield ["assumptions", record["assumption"], year, value, record["unit"]]
        for table, row, year, value, unit in self.csv_rows:
            yield [table, row, year, value, unit]

    def render(self, fmt: str) -> str:
        """The document in ``fmt``: ``"json"``, ``"csv"``, ``"csv-sv"``, or ``"table"`` (:attr:`text`).

        Raises
        ------
        ValueError
            For another format (the message lists :data:`FORMATS`).
        """
        if fmt == "json":
            return self.to_json()
        if fmt == "csv":
            return self.to_csv()
        if fmt == "csv-sv":
            return self.to_csv_sv()
        if fmt == "table":
            return self.text
        raise ValueError(f"format = {fmt!r}; expected one of: {', '.join(FORMATS)}")


def clean(obj: Any) -> Any:
    """A JSON-ready copy of ``obj``: numpy scalars and arrays to Python values and lists, non-finite floats to
    None, -0.0 to 0.0, dict keys to text (recursively through dicts, lists and tuples)."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [clean(v) for v in obj]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        value = float(obj)
        return value + 0.0 if math.isfinite(value) else None
    return obj


def csv_value(value: Any) -> str:
    """One CSV value: empty for None or a non-finite number, ``1``/``0`` for a boolean, ``repr`` of a float (every
    digit kept, so the value parses back exactly), else ``str``."""
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return repr(value) if isinstance(value, float) else str(value)


def csv_value_sv(value: Any) -> str:
    """One value of ``csv-sv``: as :func:`csv_value`, but a float in positional notation (no exponent, every
    digit of its shortest repr kept) with a decimal comma: ``-1656.2`` -> ``"-1656,2"``, ``1e-05`` ->
    ``"0,00001"``."""
    value = clean(value)
    if isinstance(value, float):
        return format(decimal.Decimal(repr(value)), "f").replace(".", ",")
    return csv_value(value)


def floats(values: Sequence[float]) -> list[float]:
    """Values as a list of Python floats, -0.0 turned into 0.0 (for a table row)."""
    return [float(v) + 0.0 for v in values]
