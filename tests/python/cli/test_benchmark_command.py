"""The ``kommunbudget benchmark`` command: text, JSON and CSV, explicit peers, ``--out`` and input errors.

Expected figures come from the embedded raw files and published sources (SCB TAB4199 net cost 2024, RS 450
Gymnasieskola in Sjöbo: 109 218 tkr; Kolada N17001 2024: 11.1661 %; SOURCES.md §23: national social assistance
1 394 kr per inhabitant) or from derivations written out in the tests (docs/model.md §8: NKA gap = cost × d /
(100 + d)); the areas' gaps are compared with the library's :func:`kommunbudget.analysis.benchmark.benchmark`, which
``tests/python/analysis/test_benchmark.py`` checks against the raw files. Never from the code under test.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from kommunbudget.analysis import benchmark as bm
from kommunbudget.cli.main import main

SJOBO = "1265"
SJOBO_UPPER_SECONDARY_MSEK = 109.218  # SCB TAB4199, RS 450, 109 218 tkr
SJOBO_N17001_2024 = 11.1661  # Kolada N17001, 2024, slutlig
AREAS = ["preschool", "compulsory_school", "upper_secondary_school", "elderly_care", "disability_lss",
         "individual_family_care", "social_assistance", "total"]


@pytest.fixture(scope="module")
def sjobo() -> pd.DataFrame:
    return bm.benchmark("Sjöbo")


def _row(frame: pd.DataFrame, area: str) -> pd.Series:
    return frame[frame["area"] == area].iloc[0]


def test_cli_table_prints_areas_peers_and_the_assistance_note(cli, capsys):
    status, out, err = cli.run("benchmark", "Sjöbo")
    assert status == 0, err
    assert "Sjöbo, Skåne län" in out
    for area in AREAS:
        assert area in out
    flat = " ".join(out.split())
    assert "Peers (23; rule county_size" in out and "Ystad (32,106)" in out and "Östra Göinge (13,978)" in out
    assert "1 394 kr per inhabitant" in flat and "1 033 kr paid" in flat
    assert "1 394" in out and "\u00a0" not in out  # numbers are never broken across lines
    assert "11.17" in out  # N17001 2024


def test_cli_json(cli, capsys, sjobo):
    status, out, err = cli.run("benchmark", "Sjöbo", "--format", "json")
    assert status == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "kommunbudget.benchmark/1"
    assert doc["municipality"]["code"] == SJOBO and doc["year"] == 2024
    assert [r["area"] for r in doc["areas"]] == AREAS
    assert doc["columns"] == list(bm.BENCHMARK_UNITS) and doc["units"]["areas"] == bm.BENCHMARK_UNITS
    upper = doc["areas"][AREAS.index("upper_secondary_school")]
    assert upper["nka_gap_msek"] == pytest.approx(
        SJOBO_UPPER_SECONDARY_MSEK * SJOBO_N17001_2024 / (100 + SJOBO_N17001_2024), rel=1e-12)
    assert upper["gap_to_peers_msek"] == pytest.approx(_row(sjobo, "upper_secondary_school")["gap_to_peers_msek"])
    assert doc["areas"][AREAS.index("social_assistance")]["nka_percent"] is None
    assert "1 394" in doc["assistance_note"]
    assert doc["peers"]["rule"] == "county_size"
    assert [p["name"] for p in doc["peers"]["municipalities"]] == sjobo.attrs["peer_names"]


def test_cli_csv_long_layout(cli, capsys, sjobo):
    status, out, err = cli.run("benchmark", "Sjöbo", "--format", "csv")
    assert status == 0, err
    frame = pd.read_csv(io.StringIO(out), dtype={"row": str, "value": str})
    assert list(frame.columns) == ["table", "row", "year", "value", "unit"]
    numbers = frame[frame["unit"] != "text"]
    for r in numbers[numbers["table"].isin(["gap_to_peers_msek", "nka_gap_msek"])].itertuples(index=False):
        expected = _row(sjobo, r.row)[r.table]
        assert (pd.isna(expected) and pd.isna(r.value)) or float(r.value) == pytest.approx(expected, abs=1e-12)
        assert r.unit == "MSEK"
    note = frame[(frame["table"] == "note") & (frame["row"] == "social_assistance")]["value"].iloc[0]
    assert "1 394" in note
    assert set(frame.loc[frame["table"] == "peer_population", "row"]) == set(bm.peers("Sjöbo")["code"])


def test_cli_explicit_peers_and_out_file(cli, capsys, tmp_path):
    target = tmp_path / "bench.json"
    status, out, err = cli.run("benchmark", "1265", "--peers", "Ystad,Skurup, Tomelilla", "--format", "json",
                           "--out", str(target))
    assert status == 0, err
    assert out == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [p["name"] for p in doc["peers"]["municipalities"]] == ["Skurup", "Tomelilla", "Ystad"]
    assert doc["peers"]["rule"] == "explicit"
    assert all(r["peer_count"] == 3 for r in doc["areas"])


def test_cli_out_failure_leaves_existing_file(cli, capsys, tmp_path):
    target = tmp_path / "bench.csv"
    target.write_text("previous\n", encoding="utf-8")
    cli.clean_error(*cli.run("benchmark", "Sjöbo", "--peers", "Ystad,Sjöbo", "--format", "csv", "--out",
                            str(target)), "own peer")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["bench.csv"]


@pytest.mark.parametrize("args, fragments", [
    (("benchmark", "Nowhereby"), ["Nowhereby"]),
    (("benchmark", "Sjöbo", "--peers", "Ystad,Atlantis"), ["peers", "Atlantis"]),
    (("benchmark", "Sjöbo", "--peers", " , "), ["--peers"]),
    (("benchmark", "Sjöbo", "--nka-year", "2019"), ["nka_year", "2019"]),
])
def test_cli_errors(cli, capsys, args, fragments):
    cli.clean_error(*cli.run(*args), *fragments)


def test_cli_rule_choice_is_checked_by_argparse(cli, capsys):
    status, out, err = cli.run("benchmark", "Sjöbo", "--rule", "neighbours")
    assert status == 2 and "neighbours" in err


def test_cli_kiruna_says_no_nka(capsys, tmp_path):
    path = Path(tmp_path) / "k.txt"
    assert main(["benchmark", "Kiruna", "--out", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "NKA: none (only Skåne's 33 municipalities are embedded)" in text
    assert "Kalix" in text and "1 394" in text
