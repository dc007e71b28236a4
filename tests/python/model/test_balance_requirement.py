"""The balanced-budget requirement over the years through the Python layers (docs/model.md §16): Sjöbo's embedded
budget 2024 (data: finansiellinfo.se/Sjobo/Budget-2024 as in resultatrakningar_exempel.csv), inputs from
BudgetFigures, the result target without one-off items, and the command line. Expected values are the budget's own
figures or derived by hand in the comments (KL 11 kap. 12 §; RULES.md §7)."""
from __future__ import annotations

import dataclasses

import pytest

from kommunbudget import scenarios
from kommunbudget.baselines.adopted import embedded_figures
from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import build_baseline
from kommunbudget.baselines.vintages import DEFAULT_VINTAGE, get_vintage
from kommunbudget.model import core
from kommunbudget.model.targets import parse_target, target_key
from kommunbudget.scenarios.schema import to_toml


@pytest.fixture(scope="module")
def sjobo():
    return load("Sjöbo", 2024).project(2030)


def test_sjobo_2024_deficit_is_restored_by_the_plan_2025(sjobo):
    # Budget 2024: balanskravsresultat −18.6 (the document's line); plan 2025: +40.0. The 2024 deficit is due by 2027
    # (three following years) and 2025's +40.0 restores all of it.
    k24, k25 = sjobo.years.index(2024), sjobo.years.index(2025)
    assert sjobo.line("balanced_budget_result")[k24] == pytest.approx(-18.6, abs=0.05)
    assert sjobo.line("balanced_budget_result")[k25] == pytest.approx(40.0, abs=0.05)
    assert sjobo.line("new_deficit")[k24] == pytest.approx(18.6, abs=0.05)
    assert sjobo.line("deficit_to_restore")[k24] == pytest.approx(18.6, abs=0.05)
    assert sjobo.line("oldest_deficit_due_year")[k24] == 2027
    assert sjobo.line("deficit_restored")[k25] == pytest.approx(18.6, abs=0.05)
    assert sjobo.line("deficit_to_restore")[k25] == 0.0
    assert sjobo.line("deficit_breach").max() == 0.0


def test_opening_deficit_and_reserve_from_budget_figures():
    # A deficit of 30 from 2022 (due 2025) with Sjöbo's plan: 2024 (−18.6) restores nothing, 2025's +40.0 restores
    # the 30 first (oldest) and 10 of 2024's 18.6, leaving 8.6 (due 2027), which 2026's +44.0 restores.
    figures = dataclasses.replace(embedded_figures("1265", 2024), opening_deficits={2022: 30.0},
                                  opening_reserve_msek=12.0)
    m = build_baseline(figures, get_vintage(DEFAULT_VINTAGE), True)
    p = m.project(2027)
    assert list(p.line("restoration_required")) == pytest.approx([0.0, 30.0, 0.0, 0.0], abs=1e-9)
    assert list(p.line("deficit_restored")) == pytest.approx([0.0, 40.0, 8.6, 0.0], abs=0.05)
    assert list(p.line("deficit_to_restore")) == pytest.approx([48.6, 8.6, 0.0, 0.0], abs=0.05)
    # The budget's own withdrawal of 7.5 in 2024 (given) lowers the reserve from 12 to 4.5.
    assert p.line("reserve_balance")[0] == pytest.approx(4.5, abs=1e-9)
    sources = m.base_year_sources().set_index("field")
    assert sources.loc["balance_requirement.opening_deficits", "value"] == "2022 30.0"
    assert sources.loc["balance_requirement.opening_deficits", "kind"] == "data"
    # Not given: labelled as a default, not data.
    plain = load("Sjöbo", 2024).base_year_sources().set_index("field")
    assert plain.loc["balance_requirement.opening_reserve_msek", "kind"] == "default"
    assert "not data" in plain.loc["balance_requirement.opening_reserve_msek", "source"]


def test_result_target_without_one_off_items_parses_and_solves(sjobo):
    t = parse_target("share-excl-one-offs:0.02")
    assert t.kind == core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE and t.share == 0.02
    assert target_key(t) == "result_excluding_one_offs_share_2pct"
    with pytest.raises(ValueError, match="share-excl-one-offs"):
        parse_target("share-excl-one-offs:abc")
    # Sjöbo's plan has no realisation gains or one-off costs: the target equals the plain result-share target.
    plain = parse_target("share:0.02")
    assert core.required_tax_rate(sjobo.core, t) == pytest.approx(core.required_tax_rate(sjobo.core, plain))


def test_cli_project_and_solve_show_the_block(cli):
    status, out, err = cli.run("project", "Sjöbo", "--base-year", "2024", "--horizon", "2030", "--details")
    assert status == 0, err
    assert "Balanced-budget requirement over the years" in out
    line = next(r for r in out.splitlines() if r.startswith("Restored this year"))
    assert line.split()[-7:][:2] == ["0.0", "18.6"]
    doc = cli.json("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030", "--target", "balanced-budget",
                   "--target", "share-excl-one-offs:0.01")
    assert doc["balance_requirement"]["deficit_to_restore"][0] == pytest.approx(18.6, abs=0.05)
    assert doc["balance_requirement"]["oldest_deficit_due_year"][1] is None
    assert "result_excluding_one_offs_share_1pct" in doc["sustained_change"]


SCENARIO = """name = "balans"
municipality = "Sjöbo"
horizon = 2027
target = "balanced-budget"

[balance_requirement]
opening_reserve_msek = 10.0
opening_deficits = { 2022 = 30.0 }
"""


def test_scenario_file_sets_the_inputs_and_writes_them_back():
    # The same deficit of 30 from 2022 as above, from a scenario file: restored 40 in 2025 (30 + 10 of 2024's 18.6).
    s = scenarios.parse(SCENARIO, "balans.toml")
    assert s.balance_requirement == {"opening_reserve_msek": 10.0, "opening_deficits": {"2022": 30.0}}
    r = scenarios.run(s)
    assert list(r.projection.line("deficit_restored")) == pytest.approx([0.0, 40.0, 8.6, 0.0], abs=0.05)
    assert r.projection.line("reserve_balance")[0] == pytest.approx(2.5)  # 10 − the budget's own 7.5
    sources = r.municipality.base_year_sources().set_index("field")
    assert sources.loc["balance_requirement.opening_reserve_msek", "kind"] == "user"
    assert scenarios.parse(to_toml(s), "again.toml").balance_requirement == s.balance_requirement


@pytest.mark.parametrize("line, message", [
    ("opening_reserve_msek = -1.0", "balance_requirement.opening_reserve_msek"),
    ("reserve_surplus = 1", "expected true or false"),
    ("opening_deficits = { 2022 = 0.0 }", "MSEK > 0"),
    ("surplus = true", "unknown key"),
])
def test_scenario_file_refuses_bad_balance_inputs(line, message):
    text = SCENARIO.split("[balance_requirement]")[0] + "[balance_requirement]\n" + line + "\n"
    with pytest.raises(ValueError, match=message):
        scenarios.parse(text, "bad.toml")


def test_workbook_has_the_balance_sheet_with_swedish_labels(tmp_path, cli):
    from openpyxl import load_workbook  # function-level import allowed for openpyxl

    out = tmp_path / "solve.xlsx"
    status, _, err = cli.run("solve", "Sjöbo", "--horizon", "2028", "--target", "share-excl-one-offs:0.02",
                             "--out", str(out))
    assert status == 0, err
    wb = load_workbook(out)
    labels = [row[0].value for row in wb["Balanskrav över åren"].iter_rows()]
    assert "Underskott att återställa vid årets slut" in labels
    assert "Resultat exkl. jämförelsestörande poster ≥ 2 % av skatter och generella statsbidrag" in [
        row[0].value for row in wb["Skattesats som krävs"].iter_rows()]
