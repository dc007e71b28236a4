"""Command-level rules of the command line: ``--from-year`` after the base year, each projection built once per
command, and the texts that describe the embedded data.

Expected counts come from the library called directly (what the command needs), never from the command itself.
"""
from __future__ import annotations

import json

import pytest

from kommunbudget.analysis.comparison import compare
from kommunbudget.analysis.sensitivity_defaults import what_moves
from kommunbudget.baselines.load import load
from kommunbudget.model.projection import Projection
from kommunbudget.scenarios import result as scenario_result
from kommunbudget.scenarios.checklist import checklist as checklist_table

# ----------------------------------------------------------------------------------------------------------------
# --from-year
# ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command, horizon", [("compare", "2030"), ("solve", "2028")])
def test_from_year_may_not_be_the_base_year(cli, command, horizon):
    # Sjöbo's base year 2024 is its adopted budget: a change from 2024 would rewrite the budget's year.
    status, out, err = cli.run(command, "Sjöbo", "--horizon", horizon, "--from-year", "2024")
    assert (status, out) == (2, "")
    assert err == (f"kommunbudget: error: --from-year 2024 is the base year (the adopted budget); expected a year in "
                   f"2025-{horizon}\n")


def test_from_year_outside_the_projection(cli):
    status, out, err = cli.run("compare", "Sjöbo", "--from-year", "2023")
    assert err == "kommunbudget: error: --from-year 2023 is before the base year 2024; expected a year in 2025-2028\n"
    status, out, err = cli.run("solve", "Sjöbo", "--from-year", "2029")
    assert err == ("kommunbudget: error: --from-year 2029 is after the horizon 2028; expected a year in 2025-2028 "
                   "(or give a later --horizon)\n")
    status, out, err = cli.run("solve", "Sjöbo", "--horizon", "2024")
    assert status == 2 and "has no year after the base year; give --horizon 2025 or later" in err


def test_from_year_of_an_approximate_baseline(cli):
    status, out, err = cli.run("compare", "Ystad", "--from-year", "2024")
    assert err.startswith("kommunbudget: error: --from-year 2024 is the base year (the approximate base year from "
                          "SCB data); expected a year in 2025-")


def test_from_year_after_the_base_year_still_works(cli):
    doc = cli.json("compare", "Sjöbo", "--horizon", "2030", "--from-year", "2026")
    assert doc["summary"]["from_year"] == 2026
    k = doc["years"].index(2025)
    assert doc["comparison"]["tax_change_revenue"][k] == 0.0  # nothing changes before the from-year


# ----------------------------------------------------------------------------------------------------------------
# Each projection once
# ----------------------------------------------------------------------------------------------------------------


@pytest.fixture
def count_projections(monkeypatch):
    """Counts the Projection objects built (each one is a run of the core's projector)."""
    counter = {"n": 0}
    original = Projection.__init__

    def counting(self, *args, **kwargs):
        counter["n"] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(Projection, "__init__", counting)
    return counter


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_project_and_solve_project_once(cli, count_projections, fmt):
    for command, options in (("project", ()), ("solve", ("--no-what-moves",))):
        count_projections["n"] = 0
        status, _, err = cli.run(command, "Sjöbo", "--format", fmt, *options)
        assert status == 0, err
        assert count_projections["n"] == 1, command


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_solve_adds_only_the_what_moves_projections(cli, count_projections, fmt):
    m = load("Sjöbo")
    count_projections["n"] = 0
    what_moves(m, 2028, "share:0.02", 2027)  # the baseline and two variants per default
    needed = count_projections["n"]
    count_projections["n"] = 0
    status, _, err = cli.run("solve", "Sjöbo", "--format", fmt, *(["--details"] if fmt == "table" else []))
    assert status == 0, err
    assert count_projections["n"] == needed  # the command reuses its baseline for the table
    if fmt == "table":  # without --details the text does not show the table, and it is not computed
        count_projections["n"] = 0
        assert cli.run("solve", "Sjöbo")[0] == 0 and count_projections["n"] == 1


def test_compare_builds_the_comparisons_projections_only(cli, count_projections):
    m = load("Sjöbo")
    count_projections["n"] = 0
    compare(m, 2030)
    needed = count_projections["n"]  # baseline, tax rise, efficiency
    for fmt in ("table", "json"):
        count_projections["n"] = 0
        status, _, err = cli.run("compare", "Sjöbo", "--horizon", "2030", "--format", fmt)
        assert status == 0, err
        assert count_projections["n"] == needed, fmt


def test_scenario_computes_each_figure_once(cli, count_projections, monkeypatch):
    calls: dict[str, int] = {}

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return function(*args, **kwargs)
        return wrapper

    count_projections["n"] = 0
    r = scenario_result.run("sjobo_before_tax_rise")
    r.bridge_by_driver(r.baseline.years[-1])
    needed = count_projections["n"]  # the run, and one bridge by driver
    for name in ("bridge", "bridge_by_driver", "summary", "tax_needed", "premises_summary"):
        monkeypatch.setattr(scenario_result.ScenarioResult, name,
                            counted(name, getattr(scenario_result.ScenarioResult, name)))
    monkeypatch.setattr("kommunbudget.cli.scenario.checklist", counted("checklist", checklist_table))
    for fmt in ("table", "json"):
        calls.clear()
        count_projections["n"] = 0
        status, _, err = cli.run("scenario", "sjobo_before_tax_rise", "--format", fmt, "--no-what-moves")
        assert status == 0, err
        assert calls == {"bridge": 1, "bridge_by_driver": 1, "summary": 1, "tax_needed": 1, "checklist": 1}, fmt
        assert count_projections["n"] == needed, fmt
    calls.clear()
    assert cli.run("scenario", "sjobo_premises")[0] == 0
    assert calls["premises_summary"] == 2  # before and after the disposals, once each


# ----------------------------------------------------------------------------------------------------------------
# Texts
# ----------------------------------------------------------------------------------------------------------------


def test_datasets_says_every_municipality_gets_a_baseline(cli):
    status, out, err = cli.run("datasets")
    assert status == 0, err
    text = " ".join(out.split())
    assert "no baseline can be built" not in text
    assert "Every other municipality gets an approximate baseline" in text
    assert "Sjöbo (1265), base year 2024" in text
    # and it is true: an approximate baseline loads for a municipality without an adopted budget (Ystad)
    assert json.loads(cli.run("project", "Ystad", "--format", "json")[1])["approximate"] is True


def test_checklist_text_of_a_scenario(cli):
    status, out, err = cli.run("checklist", "sjobo_before_tax_rise")
    assert status == 0, err
    doc = cli.json("checklist", "sjobo_before_tax_rise")
    tested = sum(1 for item in doc["items"] if item["tested"])
    assert f"Tested by this scenario: {tested} of 19." in out
    status, out, err = cli.run("checklist")
    assert "No scenario given: nothing tested." in out
