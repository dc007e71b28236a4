"""Documents rendered as JSON and CSV (kommunbudget.report.documents). Expected text is written out by hand."""
from __future__ import annotations

import json

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.report.documents import Document, Table, clean, csv_value, csv_value_sv


def _doc() -> Document:
    statement = Table("statement", {"result": [-26.1, np.float64(40.0)], "met": [False, np.bool_(True)]},
                      {"result": "MSEK", "met": "boolean"})
    summary = Table("summary", {"from_year": 2025, "change": float("nan")}, {"from_year": "year", "change": "öre"},
                    yearly=False)
    doc = Document("example", {"years": [2024, 2025]}, [statement, summary],
                   {"assumptions": [{"assumption": "g", "years": [2025], "values": [0.04], "unit": "fraction"}]})
    doc.csv_rows = [["extra", "x", 2024, -0.0, "MSEK"]]
    return doc


def test_json_layout():
    text = _doc().to_json()
    assert text.endswith("}\n")
    assert '"result": [-26.1, 40.0],' in text        # arrays of numbers on one line
    assert '"met": [false, true]' in text
    doc = json.loads(text)
    assert list(doc) == ["schema", "kommunbudget_version", "years", "statement", "summary", "units", "assumptions"]
    assert doc["schema"] == "kommunbudget.example/1"
    assert doc["kommunbudget_version"] == kb.__version__
    assert doc["summary"] == {"from_year": 2025, "change": None}  # NaN is null, never NaN
    assert doc["units"]["statement"] == {"result": "MSEK", "met": "boolean"}


def test_schema_version_is_per_document():
    doc = _doc()
    doc.schema_version = 2
    assert json.loads(doc.to_json())["schema"] == "kommunbudget.example/2"


def test_csv_lines():
    assert _doc().to_csv().splitlines() == [
        "table,row,year,value,unit",
        "statement,result,2024,-26.1,MSEK",
        "statement,result,2025,40.0,MSEK",
        "statement,met,2024,0,boolean",
        "statement,met,2025,1,boolean",
        "summary,from_year,,2025,year",
        "summary,change,,,öre",
        "assumptions,g,2025,0.04,fraction",
        "extra,x,2024,0.0,MSEK",
    ]


def test_render_by_format():
    doc = _doc()
    doc.text = "text\n"
    assert doc.render("table") == "text\n"
    assert doc.render("csv") == doc.to_csv() and doc.render("json") == doc.to_json()
    with pytest.raises(ValueError, match="format = 'xml'; expected one of: table, json, csv, csv-sv"):
        doc.render("xml")


def test_clean_and_csv_value():
    assert clean({1: (np.int64(2), np.float64(-0.0), float("inf"))}) == {"1": [2, 0.0, None]}
    assert str(clean(-0.0)) == "0.0"
    assert csv_value(0.1 + 0.2) == "0.30000000000000004"   # every digit, parses back exactly
    assert csv_value(True) == "1" and csv_value(None) == "" and csv_value("x") == "x"


def test_csv_sv_lines():
    """The same lines for a spreadsheet set to Swedish: byte-order mark, semicolons, decimal comma, CRLF."""
    doc = _doc()
    doc.csv_rows.append(["extra", "a;b", 2025, 1.5e-05, "MSEK"])
    text = doc.to_csv_sv()
    assert text.startswith("\ufefftable;row;year;value;unit\r\n")
    assert text.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    assert text[1:].split("\r\n") == [
        "table;row;year;value;unit",
        "statement;result;2024;-26,1;MSEK",
        "statement;result;2025;40,0;MSEK",
        "statement;met;2024;0;boolean",
        "statement;met;2025;1;boolean",
        "summary;from_year;;2025;year",
        "summary;change;;;öre",
        "assumptions;g;2025;0,04;fraction",
        "extra;x;2024;0,0;MSEK",
        'extra;"a;b";2025;0,000015;MSEK',   # a field holding a semicolon is quoted; never an exponent
        "",
    ]
    assert doc.render("csv-sv") == text


def test_csv_value_sv():
    assert csv_value_sv(-1656.2) == "-1656,2"
    assert csv_value_sv(0.1 + 0.2) == "0,30000000000000004"   # every digit of repr, parses back exactly
    assert csv_value_sv(1e-05) == "0,00001" and csv_value_sv(1.5e20) == "150000000000000000000"
    assert csv_value_sv(True) == "1" and csv_value_sv(None) == "" and csv_value_sv(2025) == "2025"
    assert csv_value_sv(float("nan")) == "" and csv_value_sv(-0.0) == "0,0"
    for value in (-1946.3988826391592, 0.026, 123456.789e-9):
        assert float(csv_value_sv(value).replace(",", ".")) == value
