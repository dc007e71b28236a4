"""The commands ``explain-revenue`` and ``revenue-table`` (and the revenue bridge of ``project``).

Expected values: Sjöbo's budget 2024, own rate 20.92 kr per 100 kr (finansiellinfo.se/Sjobo/Budget-2024), Skåne's
county rate 19.70 (förordning 2004:881, SFS 2023:683) with compensation degree 1 on the county rate (RULES.md §2,
docs/model.md §4), the budget's income equalisation 262.6 MSEK; SCB's tax base derived within 1 % of the budget's
(tests/python/analysis/test_revenue.py); 1 öre = tax base / 10 000. Never from the code under test.
"""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

SJOBO_RATE_2024 = 20.92
SJOBO_TOLERANCE_PERCENT = 1.0  # SCB-derived against budget-implied tax base, 2024
COMPENSATION = 1.0  # on the county rate (core revenue.hpp)


def _refuse_constant(name: str):
    raise AssertionError(f"JSON holds {name}")


def test_cli_explain_revenue_json_and_csv_parse_back(cli, capsys):
    status, out, err = cli.run("explain-revenue", "Sjöbo", "--format", "json")
    assert status == 0, err
    doc = json.loads(out, parse_constant=_refuse_constant)
    assert doc["schema"] == "kommunbudget.explain-revenue/1"
    assert doc["calibrated"] is True and doc["years"] == list(range(2024, 2029))
    assert doc["year_status"][0] == "budget"
    for key in ("revenue", "marginal_effects", "tax_base_check", "units", "labels", "explanation", "sources",
                "notes", "basis", "equalisation"):
        assert key in doc, key
    assert doc["revenue"]["tax_rate"][0] == SJOBO_RATE_2024
    assert doc["marginal_effects"]["kept_per_krona"][0] == pytest.approx(0.2092 - COMPENSATION * 0.1970)
    assert "grant:cost_equalisation" in doc["revenue"]
    assert abs(doc["tax_base_check"]["difference_percent"]) <= SJOBO_TOLERANCE_PERCENT

    status, out, err = cli.run("explain-revenue", "Sjöbo", "--format", "csv")
    assert status == 0, err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["table", "row", "year", "value", "unit"]
    n = 0
    for row in frame.itertuples(index=False):
        if isinstance(row.year, float) and math.isnan(row.year):
            expected = doc[row.table][row.row]
        else:
            expected = doc[row.table][row.row][doc["years"].index(int(row.year))]
        assert row.value == pytest.approx(expected, abs=1e-12), (row.table, row.row)
        assert row.unit == doc["units"][row.table][row.row]
        n += 1
    assert n == sum(len(v) if isinstance(v, list) else 1 for t in ("revenue", "marginal_effects", "tax_base_check")
                    for v in doc[t].values())


def test_cli_explain_revenue_table_in_words(cli, capsys):
    status, out, err = cli.run("explain-revenue", "1265", "--horizon", "2026")
    assert status == 0, err
    for fragment in ("Revenue bridge", "Income equalisation", "Marginal effects", "In words", "20.92 öre",
                     "19.7 öre", "1.2 öre", "Tax base check", "calibrated"):
        assert fragment in out, fragment
    assert max(len(line) for line in out.splitlines()) <= 140


def test_cli_explain_revenue_without_a_budget_says_approximate(cli, capsys):
    status, out, err = cli.run("explain-revenue", "Lund")
    assert status == 0, err
    assert "approximate" in out and "APPROXIMATE" in out
    status, out, err = cli.run("explain-revenue", "Lund", "--format", "json")
    doc = json.loads(out)
    assert doc["calibrated"] is False and doc["year_status"] == ["approximate", "approximate"]
    assert "tax_base_check" not in doc


def test_cli_revenue_table(cli, capsys, tmp_path):
    status, out, err = cli.run("revenue-table", "--format", "json", "--sort", "ore")
    assert status == 0, err
    doc = json.loads(out, parse_constant=_refuse_constant)
    assert doc["schema"] == "kommunbudget.revenue-table/1" and doc["base_year"] == 2024
    assert len(doc["municipalities"]) == 290
    assert doc["municipalities"][0]["name"] == "Stockholm"
    assert set(doc["units"]["municipalities"]) == set(doc["columns"])
    path = tmp_path / "table.csv"
    status, out, err = cli.run("revenue-table", "--format", "csv", "--out", str(path))
    assert status == 0 and out == "", err
    frame = pd.read_csv(path, dtype={"row": str})
    assert list(frame.columns) == ["table", "row", "year", "value", "unit"]
    assert frame["row"].nunique() == 290 and set(frame["year"]) == {2024}
    ore = frame[frame["table"] == "one_ore_msek"].set_index("row")["value"]
    base = frame[frame["table"] == "tax_base_msek"].set_index("row")["value"]
    assert np.allclose(ore.loc[base.index], base / 10_000, rtol=1e-12)
    status, out, err = cli.run("revenue-table", "--sort", "name")
    assert status == 0, err
    lines = [line for line in out.splitlines() if line[:4].isdigit()]
    assert len(lines) == 290
    assert max(len(line) for line in out.splitlines()) <= 140


def test_cli_project_shows_the_revenue_bridge(cli, capsys):
    status, out, err = cli.run("project", "Sjöbo", "--format", "json")
    assert status == 0, err
    doc = json.loads(out)
    assert doc["revenue"]["income_equalisation"][0] == pytest.approx(262.6)
    assert doc["units"]["revenue"]["own_tax_capacity"] == "kr per inhabitant"
    assert "grant:regulation_grant" in doc["labels"]["revenue"]
    status, out, err = cli.run("project", "Sjöbo", "--language", "sv", "--details")
    assert status == 0, err
    assert "Intäktsbrygga" in out and "Inkomstutjämning" in out and "Revenue bridge" not in out
    # the answer first (the statement, the requirement and the targets), the bridge behind --details
    assert out.index("Resultaträkning") < out.index("Balanskrav och mål") < out.index("Intäktsbrygga")


@pytest.mark.parametrize("args, fragments", [
    (["explain-revenue", "Nowhereby"], ["Nowhereby"]),
    (["explain-revenue", "Lund", "--horizon", "2027"], ["2027", "2025"]),
    (["explain-revenue", "Sjöbo", "--horizon", "2020"], ["2020", "2024"]),
    (["explain-revenue", "Lund", "--base-year", "2026"], ["2026", "2025"]),
    (["revenue-table", "--base-year", "2026"], ["2026", "2025"]),
    (["revenue-table", "--base-year", "2023"], ["2023"]),
])
def test_cli_bad_input_exits_2_with_a_clear_message(cli, capsys, args, fragments):
    status, out, err = cli.run(*args)
    assert status == 2 and out == ""
    assert err.startswith("kommunbudget: error: ") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def test_cli_usage_errors_exit_2(cli, capsys):
    for args in (["revenue-table", "--sort", "size"], ["explain-revenue", "Lund", "--base-year", "soon"],
                 ["explain-revenue"]):
        status, out, err = cli.run(*args)
        assert status == 2 and "Traceback" not in err, args


def test_cli_out_writes_explain_revenue(cli, capsys, tmp_path: Path):
    path = tmp_path / "sjobo.json"
    status, out, err = cli.run("explain-revenue", "Sjöbo", "--format", "json", "--out", str(path))
    assert status == 0 and out == "", err
    assert json.loads(path.read_text(encoding="utf-8"))["municipality"]["code"] == "1265"
