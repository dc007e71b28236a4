"""``kommunbudget sensitivity``: the tornado and the Sobol indices in the three formats, a scenario's measures, and
clear errors (exit status 2) for bad input.

The tornado's figures are checked against deterministic runs written out here (``Municipality.with_assumptions``,
``project``, the core's sustained change): Sjöbo's base year 2024, the default horizon 2028 (base year + 4), the
adopted plan 2025-2027, so PKV (SKR's default 2.6 % a year) is varied in 2028 only; the need is from 2027, the first
year whose own rate is not decided (skattesatser_kommun.csv).
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from kommunbudget.baselines.load import load
from kommunbudget.data.paths import files_folder

SJOBO = ("sensitivity", "Sjöbo", "--base-year", "2024")


def test_tornado_json_matches_runs_by_hand(cli):
    doc = cli.json(*SJOBO)
    assert doc["schema"] == "kommunbudget.sensitivity/1" and doc["method"] == "tornado"
    assert (doc["year"], doc["from_year"], doc["horizon"]) == (2028, 2027, 2028)
    assert doc["target"]["id"] == "result_share_2pct"
    m = load("Sjöbo", base_year=2024)
    base = m.project(2028)
    high = m.with_assumptions(labour_cost_change={2028: 0.036}, other_cost_change={2028: 0.036}).project(2028)
    pkv = next(r for r in doc["tornado"] if r["id"] == "pkv")
    assert pkv["years"] == "2028"
    assert pkv["result_high_msek"] == pytest.approx(float(high.line("result")[-1]), abs=1e-9)
    assert pkv["result_effect_high_msek"] == pytest.approx(
        float(high.line("result")[-1] - base.line("result")[-1]), abs=1e-9)
    assert pkv["need_high_ore"] == pytest.approx(high.sustained_tax_change("share:0.02", 2027) * 100, abs=1e-9)
    assert doc["baseline"]["need_ore"] == pytest.approx(base.sustained_tax_change("share:0.02", 2027) * 100,
                                                        abs=1e-9)
    swings = [r["need_swing_ore"] for r in doc["tornado"]]
    assert swings == sorted(swings, reverse=True)
    assert set(doc["columns"]) >= {"result_effect_low_msek", "need_swing_ore"}
    assert "not data" in doc["defaults_note"]


def test_tornado_table_in_english_and_swedish(cli):
    status, out, err = cli.run(*SJOBO, "--horizon", "2030", "--year", "2029", "--target", "result")
    assert status == 0, err
    for words in ("sensitivity (tornado)", "effect on the result of 2029", "(result >= 0)",
                  "Price and wage change (PKV) after the last published year", "−1 pp: 1.60 % a year",
                  "defaults of this table, not data"):
        assert words in out, words
    status, out, err = cli.run(*SJOBO, "--language", "sv")
    assert status == 0 and "Pris- och löneökning (PKV)" in out


def test_a_scenario_keeps_its_measures(cli):
    doc = cli.json("sensitivity", "sjobo_before_tax_rise")
    assert doc["scenario"]["name"] and doc["scenario"]["measures"]
    assert doc["method"] == "tornado" and doc["tornado"]
    status, out, err = cli.run("sensitivity", "sjobo_before_tax_rise")
    assert status == 0 and "with the scenario's measures in every run" in out


def test_sobol_json_and_table(cli):
    doc = cli.json(*SJOBO, "--horizon", "2030", "--method", "sobol", "--n", "64", "--seed", "3")
    assert doc["method"] == "sobol" and (doc["n"], doc["seed"], doc["year"]) == (64, 3, 2030)
    d = len(doc["factors"])
    assert d == 5 and doc["rows"] == 64 * (d + 2)
    assert len(doc["sobol"]) == 3 * d
    assert {r["output"] for r in doc["sobol"]} == {"result", "result_share", "tax_need"}
    assert all(set(r) >= {"factor", "S1", "S1_conf", "ST", "ST_conf"} for r in doc["sobol"])
    assert all("not data" in f["basis"] for f in doc["factors"])
    # The tax need with the tornado's defaults: share:0.02 from the first undecided year (Sjöbo: 2027).
    assert doc["target"]["id"] == "result_share_2pct" and doc["from_year"] == 2027
    assert doc["outputs"]["tax_need"]["unit"] == "öre"
    assert "required_sustained_change" in doc["note"]
    status, out, err = cli.run(*SJOBO, "--method", "sobol", "--n", "16", "--target", "balanced-budget",
                               "--from-year", "2026")
    assert status == 0, err
    assert "Sobol indices" in out and "N = 16 base samples" in out and "PKV labour cost change" in out
    assert "Tax need (sustained change of the own rate) from 2026" in out


def test_xlsx_opens_with_openpyxl(cli, tmp_path):
    out = tmp_path / "tornado.xlsx"
    status, _, err = cli.run(*SJOBO, "--out", str(out))
    assert status == 0, err
    wb = load_workbook(out)
    sheet = wb["Känslighet tornado"]
    headings = [c.value for c in sheet[3]]
    assert "Spann behov öre" in headings and "Antagande" in headings
    out = tmp_path / "sobol.xlsx"
    status, _, err = cli.run(*SJOBO, "--method", "sobol", "--n", "16", "--format", "xlsx", "--out", str(out))
    assert status == 0, err
    wb = load_workbook(out)
    assert {"Sobolindex", "Sobol faktorer", "Om"} <= set(wb.sheetnames)


@pytest.mark.parametrize(("args", "fragments"), [
    (["--method", "sobol", "--n", "1000"], ["n = 1000 is not a power of 2"]),
    (["--method", "sobol", "--n", "8"], ["n = 8 is outside [16, 32768]", "base samples N"]),
    (["--method", "sobol", "--seed", "-1", "--n", "16"], ["seed = -1 is outside [0, 4294967295]"]),
    (["--year", "2040"], ["--year 2040 is outside the projected years after the base year", "2025-2028"]),
    (["--from-year", "2024"], ["--from-year 2024 is outside", "2025-2028"]),
    (["--method", "sobol", "--n", "16", "--from-year", "2024"], ["--from-year 2024 is outside", "2025-2028"]),
    (["--n", "64"], ["--n applies to --method sobol"]),
    (["--target", "share:5"], ["share"]),
])
def test_bad_input_is_a_clear_error(cli, args, fragments):
    cli.clean_error(*cli.run(*SJOBO, *args), *fragments)


def test_scenario_refuses_municipality_options_and_sobol(cli):
    cli.clean_error(*cli.run("sensitivity", "sjobo_before_tax_rise", "--set", "tax_base_growth=0.04"),
                    "--set applies to a municipality")
    cli.clean_error(*cli.run("sensitivity", "sjobo_before_tax_rise", "--method", "sobol"),
                    "--method sobol analyses a municipality's baseline")


def test_never_overwrites_the_scenario_file(cli, tmp_path):
    scenario = tmp_path / "s.toml"
    shutil.copy(files_folder() / "scenarios" / "sjobo_before_tax_rise.toml", scenario)
    before = scenario.read_bytes()
    cli.clean_error(*cli.run("sensitivity", str(scenario), "--format", "json", "--out", str(scenario)),
                    "is the scenario file the command reads")
    assert scenario.read_bytes() == before


@pytest.mark.parametrize(("args", "shown"), [(["--help"], "sensitivity"), (["sensitivity", "--help"], "--method")])
def test_help_does_not_import_salib(args, shown):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "kommunbudget", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "import time:" in done.stderr and "kommunbudget" in done.stderr  # the timing output is there
    assert "SALib" not in done.stderr and "scipy" not in done.stderr
    assert shown in done.stdout
