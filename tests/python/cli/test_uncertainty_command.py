"""``kommunbudget uncertainty``: the document's layout, the chart, the workbook and the refusals. The figures are
checked against the library call they come from (analysis.uncertainty) and its own tests."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import openpyxl

from kommunbudget.cli.parser import UNCERTAINTY_SHOCKS
from kommunbudget.data.uncertainty_defaults import SHOCK_ORDER

SMALL = ("--draws", "2000", "--no-progress")


def test_the_shock_names_of_the_parser_are_the_data_files():
    assert UNCERTAINTY_SHOCKS == SHOCK_ORDER


def test_json_layout_and_probabilities(cli):
    doc = cli.json("uncertainty", "sjobo_before_tax_rise", *SMALL)
    assert doc["schema"] == "kommunbudget.uncertainty/1"
    assert doc["draws"] == 2000 and doc["seed"] == 2026 and doc["from_year"] == 2027
    years = doc["years"]
    for case in ("without_measures", "with_measures"):
        for what in ("requirement_missed", "restoration_missed", "target_missed"):
            row = doc["probabilities"][f"{case}.{what}"]
            assert len(row) == len(years) and all(0.0 <= p <= 1.0 for p in row)
        fan = doc["fan_balanced_budget_result"]
        p5, p50, p95 = (fan[f"{case}.p{p}"] for p in (5, 50, 95))
        assert all(a <= b <= c for a, b, c in zip(p5[1:], p50[1:], p95[1:], strict=True))
    assert [r["case"] for r in doc["tax_need"]] == ["without_measures", "with_measures"]
    assert all(0.0 <= r["probability_rise"] <= 1.0 and r["p5"] <= r["p50"] <= r["p95"] for r in doc["tax_need"])
    assert {s["shock"] for s in doc["shocks"]} <= set(SHOCK_ORDER)
    assert all(s["status"] in ("derived", "partly derived", "assumption", "given") for s in doc["shocks"])
    names = doc["correlation"]["shocks"]
    assert len(doc["correlation"]["matrix"]) == len(names)


def test_text_answers_first_and_labels_defaults(cli):
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL)
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Sjöbo (1265): uncertainty of scenario")
    head = out[:out.index("Probability per year")]
    assert "Tax need: the sustained change from 1 January 2027" in head
    assert "a rise is needed in" in head
    assert "default, not data" not in out and "More with --details" in out  # the shocks' basis behind --details
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--details")
    assert status == 0, err
    assert "default, not data" in out and "derived from data" in out


def test_chart_and_workbook(cli, tmp_path):
    chart = tmp_path / "fan.png"
    book = tmp_path / "u.xlsx"
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--chart", str(chart),
                               "--out", str(book))
    assert status == 0, err
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    wb = openpyxl.load_workbook(book)
    assert {"Sannolikheter", "Skattebehov osäkerhet", "Chocker"} <= set(wb.sheetnames)


def test_refusals(cli, tmp_path):
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", "--sd", "pkv=0.01")
    assert status == 2 and "expected NAME=VALUE with NAME one of labour_cost_change" in err
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", "--draws", "0")
    assert status == 2 and "expected a whole number in [1, 1000000000000]" in err
    for seed in ("-1", "99999999999999999999"):
        status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", "--seed", seed)
        assert status == 2 and "outside [0, 18446744073709551615]" in err and "Traceback" not in err
    # a target whose tax need is outside the range of a tax change is refused, as `solve` refuses it
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--target", "share:0.5")
    assert status == 2 and "outside the range the model takes for a tax change" in err
    bad = tmp_path / "corr.csv"
    bad.write_text("shock,labour_cost_change,other_cost_change\nlabour_cost_change,1,2\nother_cost_change,2,1\n")
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--correlation", str(bad))
    assert status == 2 and err.startswith("kommunbudget: error:") and "correlation" in err
    assert "Traceback" not in err
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--chart", str(tmp_path / "x.svg"))
    assert status == 2 and "ending in .png" in err
    json.dumps(err)  # a plain message


def test_ctrl_c_stops_a_long_run_cleanly(tmp_path):
    # A run of 10^9 draws would take hours; SIGINT (Ctrl-C) after the run has started must end it within seconds,
    # with status 130, a one-line message and no file written.
    out = tmp_path / "never.json"
    proc = subprocess.Popen([sys.executable, "-m", "kommunbudget", "uncertainty", "sjobo_before_tax_rise", "--draws",
                             "1000000000", "--no-progress", "--format", "json", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    time.sleep(4.0)  # loading and the first draws
    assert proc.poll() is None
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 130, err
    assert err.strip() == "kommunbudget: interrupted; nothing was written"
    assert not out.exists()


def test_a_swedish_spreadsheet_correlation_file_with_more_shocks_than_used(cli, tmp_path):
    # Semicolons and decimal commas, and a shock (assistance_households) that sjobo_premises does not use: read,
    # the unused shock ignored and named in the notes.
    names = ["labour_cost_change", "other_cost_change", "national_tax_capacity_growth", "tax_base_growth",
             "population_growth", "volume_growth", "assistance_households"]
    lines = ["shock;" + ";".join(names)]
    for i, a in enumerate(names):
        lines.append(a + ";" + ";".join("1" if i == j else ("0,5" if {a, b} == {"labour_cost_change",
                                                                               "other_cost_change"} else "0")
                                        for j, b in enumerate(names)))
    path = tmp_path / "korr.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = cli.json("uncertainty", "sjobo_premises", *SMALL, "--correlation", str(path))
    used = doc["correlation"]["shocks"]
    k = used.index("labour_cost_change"), used.index("other_cost_change")
    assert doc["correlation"]["matrix"][k[0]][k[1]] == 0.5
    if "assistance_households" not in used:
        assert doc["correlation_ignored"] == ["assistance_households"]
        assert any("assistance_households not used" in n for n in doc["notes"])


def test_few_draws_are_flagged(cli):
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", "--draws", "50", "--no-progress")
    assert status == 0, err
    assert "NOTE: only 50 draws" in out


def test_a_municipality_runs_its_baseline_without_measures(cli):
    doc = cli.json("uncertainty", "Sjöbo", "--horizon", "2029", *SMALL)
    assert doc["scenario"] is None and doc["years"][-1] == 2029
    assert [r["case"] for r in doc["tax_need"]] == ["without_measures"]
    assert doc["target"] == "result >= 2.0 % of tax revenue and general grants"
    status, out, err = cli.run("uncertainty", "Nowhere", *SMALL)
    assert status == 2 and "neither a scenario file nor a packaged scenario" in err
    status, out, err = cli.run("uncertainty", "sjobo_premises", "--horizon", "2030", *SMALL)
    assert status == 2 and "--horizon applies to a municipality's baseline" in err
    status, out, err = cli.run("uncertainty", "Ystad", "--horizon", "2028", *SMALL)
    assert status == 0 and "(APPROXIMATE BASELINE)" in out.splitlines()[0]


def test_workbook_shows_sizes_and_probabilities_as_percent_with_swedish_headings(cli, tmp_path):
    book = tmp_path / "u.xlsx"
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--out", str(book))
    assert status == 0, err
    wb = openpyxl.load_workbook(book)
    shocks = wb["Chocker"]
    headings = [c.value for c in shocks[3]]
    sd_col = headings.index("Standardavvikelse (tillväxt: procentenheter per år)") + 1
    assert shocks.cell(4, sd_col).value == 0.01 and shocks.cell(4, sd_col).number_format == "0.0%"
    need = wb["Skattebehov osäkerhet"]
    headings = [c.value for c in need[3]]
    col = headings.index("Sannolikhet att en höjning behövs") + 1
    assert 0.0 <= need.cell(4, col).value <= 1.0 and need.cell(4, col).number_format == "0.0%"


def test_unknown_shock_names_in_a_correlation_file_are_refused(cli, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("shock,foo_shock,labour_cost_change\nfoo_shock,1,0\nlabour_cost_change,0,1\n")
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--correlation", str(path))
    assert status == 2 and "unknown shock 'foo_shock'" in err
    path.write_bytes(b"\xe0\xff\x00\x01")
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--correlation", str(path))
    assert status == 2 and "not a text CSV in UTF-8" in err
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", *SMALL, "--sd", "sale_price=0.6")
    assert status == 2 and "sd.sale_price = 0.6: outside the allowed range" in err
