"""``--population-forecast FILE.csv|embedded`` on project, solve, compare and scenario, end to end (docs/model.md
§2). Expected values are the forecast's counts written in the test, or Lund's own in befolkningsprognos.csv."""
from __future__ import annotations

import pytest

FORECAST = "ar;aldersgrupp;antal\n2027;1-5;800\n2028;1-5;824\n2027;totalt;19500\n2028;totalt;19700\n"


@pytest.fixture
def forecast_file(tmp_path):
    path = tmp_path / "prognos.csv"
    path.write_text(FORECAST, encoding="utf-8")
    return path


def _record(doc, name, year):
    for r in doc["assumptions"]:
        if r["assumption"] == name and year in r["years"]:
            return r["values"][r["years"].index(year)], r
    raise AssertionError(f"{name} {year} not in the assumptions")


def test_project_with_a_users_forecast(cli, forecast_file):
    doc = cli.json("project", "Sjöbo", "--horizon", "2029", "--population-forecast", str(forecast_file))
    # 1-5: 800 → 824 is (824 − 800) / 800 = +3 % for preschool in 2028; 31 Dec 2027 (19 500) is 2028's population.
    value, record = _record(doc, "volume_growth:preschool", 2028)
    assert value == pytest.approx(0.03, abs=1e-15) and record["kind"] == "user"
    value, record = _record(doc, "population", 2028)
    assert value == 19500 and "31 Dec 2027" in record["source"] and str(forecast_file) in record["source"]
    assert _record(doc, "population", 2029)[0] == 19700
    notes = " ".join(doc["notes"])
    assert f"Service volumes follow the age groups of {forecast_file} (preschool 1-5)" in notes
    assert "cost equalisation stays a given series (not recomputed for the new age structure)" in notes
    status, out, _ = cli.run("project", "Sjöbo", "--horizon", "2029", "--population-forecast", str(forecast_file),
                             "--details")
    assert status == 0 and "constant real cost per user" in out.replace("\n", " ")


def test_the_forecast_moves_the_result(cli, forecast_file):
    plain = cli.json("project", "Sjöbo", "--horizon", "2029")
    moved = cli.json("project", "Sjöbo", "--horizon", "2029", "--population-forecast", str(forecast_file))
    k = plain["years"].index(2029)
    assert plain["statement"]["tax_base"][k] != moved["statement"]["tax_base"][k]


@pytest.mark.parametrize("command", ["solve", "compare"])
def test_solve_and_compare_take_it(cli, forecast_file, command):
    doc = cli.json(command, "Sjöbo", "--horizon", "2029", "--population-forecast", str(forecast_file))
    assert any("Service volumes follow the age groups" in n for n in doc["notes"])


def test_lund_embedded(cli):
    doc = cli.json("project", "Lund", "--population-forecast", "embedded")
    # befolkningsprognos.csv: 80+ 6 823 (2024) → 7 271 (2025).
    value, record = _record(doc, "volume_growth:elderly_care", 2025)
    assert value == pytest.approx(7271 / 6823 - 1, rel=1e-12) and record["kind"] == "derived"
    assert any("only 2025 follows them" in n for n in doc["notes"])
    assert any("Population: NOT taken from" in n for n in doc["notes"])  # an approximate baseline (docs §12)


def test_scenario_takes_it(cli, forecast_file):
    doc = cli.json("scenario", "sjobo_before_tax_rise", "--population-forecast", str(forecast_file))
    assert any("Service volumes follow the age groups" in n for n in doc["notes"])
    value, _ = _record(doc, "volume_growth:preschool", 2028)
    assert value == pytest.approx(0.03, abs=1e-15)


def test_errors_are_clean(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("year,age_group,count\n2027,0-5,-5\n", encoding="utf-8")
    cli.clean_error(*cli.run("project", "Sjöbo", "--population-forecast", str(bad)),
                    "--population-forecast", "row 2", "count = -5", "[0, 2e7]")
    cli.clean_error(*cli.run("project", "Kiruna", "--population-forecast", "embedded"),
                    "--population-forecast embedded: no population forecast for municipality 2584", "Lund (1281)")
    cli.clean_error(*cli.run("project", "Sjöbo", "--population-forecast", str(tmp_path / "none.csv")),
                    "does not exist")


def test_out_may_not_overwrite_the_forecast(cli, forecast_file):
    status, out, err = cli.run("project", "Sjöbo", "--population-forecast", str(forecast_file), "--out",
                               str(forecast_file))
    cli.clean_error(status, out, err, "population forecast")
    assert forecast_file.read_text(encoding="utf-8") == FORECAST


def test_the_plan_years_keep_the_councils_figures(cli, tmp_path):
    # The review's case: flat child groups and 80+ growing 3 % a year. Sjöbo's adopted plan (2025-2027) stands:
    # costs and result of 2025-2027 are those without the forecast; the forecast moves 2028 on.
    path = tmp_path / "f.csv"
    path.write_text("year,age_group,count\n" + "".join(
        f"{y},0-5,1000\n{y},6-15,2000\n{y},80+,{1000 * 1.03 ** (y - 2024):.3f}\n" for y in range(2024, 2031)),
        encoding="utf-8")
    plain = cli.json("project", "Sjöbo", "--horizon", "2030")
    moved = cli.json("project", "Sjöbo", "--horizon", "2030", "--population-forecast", str(path))
    for line in ("operating_costs", "result"):
        for year in (2025, 2026, 2027):
            k = plain["years"].index(year)
            assert moved["statement"][line][k] == pytest.approx(plain["statement"][line][k], abs=1e-9), (line, year)
    k = plain["years"].index(2028)
    assert moved["statement"]["operating_costs"][k] != pytest.approx(plain["statement"]["operating_costs"][k])
    assert any("the forecast applies from 2028" in n for n in moved["notes"])


def test_an_implausible_total_is_a_clean_error(cli, tmp_path):
    bad = tmp_path / "big.csv"
    bad.write_text("year,age_group,count\n2027,total,19500\n2028,total,9999999\n", encoding="utf-8")
    cli.clean_error(*cli.run("project", "Sjöbo", "--population-forecast", str(bad)),
                    "--population-forecast", "total for 2028 = 9 999 999 is not plausible for Sjöbo",
                    "SCB counted 19 337")
