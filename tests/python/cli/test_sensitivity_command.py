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
                  "Price and wage change (PKV) after the adopted plan (2028-2030)", "−1 pp: 1.60 % a year",
                  "defaults of this table, not data"):
        assert words in " ".join(out.split()), words  # the text wraps at 132 columns
    status, out, err = cli.run(*SJOBO, "--language", "sv")
    # The default horizon 2028: PKV is varied in 2028 alone, and the label says so.
    assert status == 0 and "Pris- och löneökning (PKV) efter den antagna planen (2028)" in out


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


def _column(sheet, heading):
    """The values under ``heading`` (row 3) of a record sheet."""
    c = [cell.value for cell in sheet[3]].index(heading)
    return [row[c] for row in sheet.iter_rows(min_row=4, values_only=True)]


def test_xlsx_sensitivity_sheets_are_swedish_with_years_as_text(cli, tmp_path):
    out = tmp_path / "tornado.xlsx"
    status, _, err = cli.run(*SJOBO, "--horizon", "2030", "--out", str(out))
    assert status == 0, err
    sheet = load_workbook(out)["Känslighet tornado"]
    assert "Pris- och löneökning (PKV) efter den antagna planen (2028-2030)" in _column(sheet, "Antagande")
    assert "Price and wage change (PKV) after the adopted plan (2028-2030)" in _column(sheet, "Antagande (engelska)")
    # Sjöbo's plan is 2025-2027: every row but the borrowing rate is varied in 2028-2030.
    years = dict(zip(_column(sheet, "Id"), _column(sheet, "År"), strict=True))
    assert years["pkv"] == "2028-2030" and years["volume"] == "2028-2030"
    names = dict(zip(_column(sheet, "Id"), zip(_column(sheet, "Lågt kallas"), _column(sheet, "Högt kallas"),
                                                strict=True), strict=True))
    assert names["pkv"] == ("lågt", "högt")
    assert names["regulation_grant"] == ("regeln (standard)", "oförändrat")
    out = tmp_path / "sobol.xlsx"
    status, _, err = cli.run(*SJOBO, "--horizon", "2030", "--method", "sobol", "--n", "16", "--out", str(out))
    assert status == 0, err
    wb = load_workbook(out)
    factors = wb["Sobol faktorer"]
    assert _column(factors, "År") == ["2028-2030"] * 5  # not the list's text '[2028, 2029, 2030]'
    assert set(_column(factors, "Fördelning")) == {"likformig"}
    assert "PKV arbetskraftskostnadernas förändring efter planen" in _column(factors, "Benämning")
    sobol = wb["Sobolindex"]
    assert set(_column(sobol, "Utfall")) == {"Årets resultat", "Resultat i % av skatter och generella statsbidrag",
                                            "Skattebehov, öre (varaktig ändring av skattesatsen)"}
    assert "PKV arbetskraftskostnadernas förändring efter planen" in _column(sobol, "Faktor")


def test_sobol_in_a_year_no_factor_reaches_has_no_indices_and_no_warning(cli):
    # Sjöbo's plan is 2025-2027, so every factor acts in 2028-2030: the result of 2026 is the same in every row.
    args = (*SJOBO, "--horizon", "2030", "--method", "sobol", "--year", "2026", "--n", "16")
    status, out, err = cli.run(*args)
    assert status == 0, err
    assert "Warning" not in err and "Constant values" not in err
    note = "does not vary in 2026: no factor acts in it (the factors act in 2028-2030)"
    assert out.count(note) == 2  # the result and the result share
    result_block = out[out.index("Result in 2026"):out.index("Result as a share")]
    assert "0.000" not in result_block
    doc = cli.json(*args)
    for output in ("result", "result_share"):
        assert doc["outputs"][output]["note"] == note and doc["outputs"][output]["varies"] is False
        assert all(r["S1"] is None and r["ST"] is None for r in doc["sobol"] if r["output"] == output)
    # The tax need from 2027 covers 2028-2030, so it varies and has indices.
    assert doc["outputs"]["tax_need"]["varies"] is True
    assert all(r["ST"] is not None for r in doc["sobol"] if r["output"] == "tax_need")
    assert f"result: {note}" in doc["notes"]


def test_few_samples_are_flagged(cli):
    args = (*SJOBO, "--horizon", "2030", "--method", "sobol", "--n", "16")
    doc = cli.json(*args)
    few = [n for n in doc["notes"] if n.startswith("few samples: indices uncertain (± shown)")]
    assert len(few) == 1 and "N = 16 base samples (below 512)" in few[0]
    status, out, err = cli.run(*args)
    assert status == 0 and "Note: few samples: indices uncertain (± shown)" in out


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
