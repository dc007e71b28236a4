"""``--budget FILE`` on the commands that take a municipality, and ``budget = "FILE"`` in scenario files.

The budget file reader (``kommunbudget.data.budget_file``) is replaced by a fake that reads a small JSON file as
the made-up Lund budget of ``tests/python/conftest.py`` (Budget 2025 with plan 2026-2027, results 555.0, 505.0 and
470.0 MSEK summed from its lines), so these tests check the plumbing: which file is read, relative to what, and
what is refused.
"""
from __future__ import annotations

import pytest

from kommunbudget import scenarios
from kommunbudget.scenarios.schema import load_scenario, save

#: The Lund budget's own results (tests/python/conftest.py: each year's lines summed), MSEK.
LUND_RESULTS = {2025: 555.0, 2026: 505.0, 2027: 470.0}


def test_project_runs_on_the_budget_file(cli, budget_file, lund_figures):
    path = budget_file()
    items = lund_figures().items
    assert {y: items[y]["arets_resultat"] for y in LUND_RESULTS} == pytest.approx(LUND_RESULTS)
    doc = cli.json("project", "--budget", str(path), "--horizon", "2030")
    assert doc["municipality"]["code"] == "1281"
    assert doc["base_year"] == 2025 and doc["years"][0] == 2025 and doc["approximate"] is False
    result = doc["statement"]["result"]
    assert result[:3] == pytest.approx(list(LUND_RESULTS.values()), abs=1e-6)
    sources = {r["field"]: r["source"] for r in doc["base_year_sources"]}
    assert sources["operating_income_msek"] == "your budget: lund.json"
    # The municipality may be given too when it is the budget's (name or code).
    assert cli.json("project", "Lund", "--budget", str(path))["municipality"]["code"] == "1281"
    assert cli.json("project", "1281", "--budget", str(path), "--base-year", "2025")["base_year"] == 2025


def test_solve_and_compare_take_the_budget(cli, budget_file):
    path = budget_file()
    status, out, err = cli.run("solve", "--budget", str(path), "--details")
    assert status == 0, err
    # the assumptions shown are this budget's, not Lund's SCB baseline's
    assert "your budget: lund.json" in " ".join(out.split())
    doc = cli.json("compare", "--budget", str(path), "--horizon", "2029")
    assert doc["municipality"]["code"] == "1281" and doc["base_year"] == 2025


def test_explain_revenue_is_calibrated_to_the_budget(cli, budget_file):
    doc = cli.json("explain-revenue", "--budget", str(budget_file()))
    assert doc["municipality"]["code"] == "1281"
    assert doc["calibrated"] is True and doc["base_year"] == 2025


def test_a_municipality_other_than_the_budgets_is_refused(cli, budget_file):
    path = budget_file()
    cli.clean_error(*cli.run("project", "Sjöbo", "--budget", str(path)), "Sjöbo (1265)", "Lund (1281)")


def test_a_base_year_other_than_the_budget_year_is_refused(cli, budget_file):
    path = budget_file()
    cli.clean_error(*cli.run("solve", "--budget", str(path), "--base-year", "2024"),
                    "--base-year 2024", "is for 2025")


def test_neither_municipality_nor_budget(cli):
    for command in ("project", "solve", "compare", "explain-revenue"):
        cli.clean_error(*cli.run(command), "MUNICIPALITY", "--budget FILE")


def test_a_budget_file_that_cannot_be_read(cli, budget_file, tmp_path):
    budget_file()  # installs the fake reader
    cli.clean_error(*cli.run("project", "--budget", str(tmp_path / "saknas.xlsx")), "saknas.xlsx")


SCENARIO = """\
name = "egen budget"
horizon = 2030
budget = "{budget}"

[[measures]]
name = "skola"
kind = "fixed_saving"
amount_msek = 20.0
start_year = 2026
cost_line = "Barn- och skolnämnden"
"""


def test_a_scenario_runs_on_its_budget_relative_to_its_folder(tmp_path, budget_file):
    budget_file("budgets/lund.json")
    file = tmp_path / "scenarios" / "egen.toml"
    file.parent.mkdir()
    file.write_text(SCENARIO.format(budget="../budgets/lund.json"), encoding="utf-8")
    s = load_scenario(file)
    assert s.municipality == "" and s.budget == "../budgets/lund.json"
    r = scenarios.run(s)
    assert r.municipality.code == "1281" and r.scenario.municipality == "1281"
    assert r.baseline.line("result")[0] == pytest.approx(LUND_RESULTS[2025], abs=1e-6)
    # The saving on the committee's line (a cost line named as the budget names it) improves the result from 2026.
    assert r.measure_effects.loc["skola", 2026] > 19.0


def test_scenario_budget_key_is_checked_on_load(tmp_path, budget_file):
    file = tmp_path / "egen.toml"
    file.write_text(SCENARIO.format(budget="saknas.xlsx"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"budget: 'saknas.xlsx' does not exist: looked for .*saknas.xlsx"):
        load_scenario(file)
    file.write_text(SCENARIO.format(budget=" "), encoding="utf-8")
    with pytest.raises(ValueError, match="budget: empty"):
        load_scenario(file)
    file.write_text(SCENARIO.replace('budget = "{budget}"\n', ""), encoding="utf-8")
    with pytest.raises(ValueError, match="municipality: missing.*budget"):
        load_scenario(file)


def test_scenario_municipality_and_base_year_must_be_the_budgets(tmp_path, budget_file):
    budget_file()
    file = tmp_path / "egen.toml"
    file.write_text('municipality = "Sjöbo"\n' + SCENARIO.format(budget="lund.json"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"egen.toml: budget: municipality 'Sjöbo' is Sjöbo \(1265\)"):
        scenarios.run(file)
    file.write_text('municipality = "Lund"\nbase_year = 2024\n' + SCENARIO.format(budget="lund.json"),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="base_year = 2024: the budget .* is for 2025"):
        scenarios.run(file)


def test_the_scenario_commands_budget_replaces_the_files(cli, tmp_path, budget_file):
    budget_file("lund.json")
    other = budget_file("lund-skatt.json", tax_rate={"2025": 21.24, "2026": 21.74, "2027": 21.74})
    file = tmp_path / "egen.toml"
    file.write_text(SCENARIO.format(budget="lund.json"), encoding="utf-8")
    plain = cli.json("scenario", str(file))
    replaced = cli.json("scenario", str(file), "--budget", str(other))
    assert plain["scenario"]["budget"].endswith("lund.json")
    assert replaced["scenario"]["budget"] == str(other)
    assert plain["municipality"]["code"] == replaced["municipality"]["code"] == "1281"
    # A file naming Sjöbo with --budget of Lund: refused, naming both.
    sjobo = tmp_path / "sjobo.toml"
    sjobo.write_text('municipality = "Sjöbo"\nhorizon = 2030\n', encoding="utf-8")
    cli.clean_error(*cli.run("scenario", str(sjobo), "--budget", str(other)), "Sjöbo (1265)", "Lund (1281)")


def test_save_keeps_the_budget_reachable(tmp_path, budget_file):
    budget_file("budgets/lund.json")
    file = tmp_path / "egen.toml"
    file.write_text(SCENARIO.format(budget="budgets/lund.json"), encoding="utf-8")
    s = load_scenario(file)
    (tmp_path / "elsewhere").mkdir()
    moved = save(s, tmp_path / "elsewhere" / "kopia.toml")
    again = load_scenario(moved)
    assert again.budget == "../budgets/lund.json"
    assert again.budget_path().resolve() == (tmp_path / "budgets" / "lund.json").resolve()
    assert "municipality" not in moved.read_text(encoding="utf-8")


def test_vintages_effect_on_the_budget(cli, budget_file):
    path = budget_file()
    doc = cli.json("vintages", "--compare", "skr-2025-report", "government-uprating-2024-09", "--budget", str(path))
    assert doc["compare"]["years"][0] == 2025  # the budget's year, not the embedded baselines' 2024
    assert len(doc["compare"]["effect"]["result"]) == 7
    cli.clean_error(*cli.run("vintages", "--budget", str(path)), "--budget needs --compare A B")
    cli.clean_error(*cli.run("vintages", "--compare", "skr-2025-report", "government-uprating-2024-09",
                             "--budget", str(path), "--municipality", "Sjöbo"), "Lund (1281)")


#: Net investments of the made-up Lund budget, MSEK (docs/model.md §15).
LUND_INVESTMENTS = {2025: 900.0, 2026: 850.0, 2027: 700.0}


def test_investments_are_noted_in_every_output_and_change_only_the_years_after_the_plan(cli, budget_file, tmp_path):
    plain = budget_file(folder=tmp_path / "plain")
    path = budget_file(folder=tmp_path / "invest", investments=LUND_INVESTMENTS)
    scenario = tmp_path / "invest" / "s.toml"
    scenario.write_text('name = "s"\nhorizon = 2030\nbudget = "lund.json"\n', encoding="utf-8")
    outputs = {"project": cli.json("project", "--budget", str(path), "--horizon", "2030"),
               "solve": cli.json("solve", "--budget", str(path)),
               "compare": cli.json("compare", "--budget", str(path), "--horizon", "2029"),
               "explain-revenue": cli.json("explain-revenue", "--budget", str(path)),
               "scenario": cli.json("scenario", str(scenario))}
    for command, doc in outputs.items():
        notes = [n for n in doc["notes"] if n.startswith("Investments:")]
        assert len(notes) == 1, command
        assert "MSEK: 2025 900.0, 2026 850.0, 2027 700.0" in notes[0] and "drive the borrowing need" in notes[0]
    without = cli.json("project", "--budget", str(plain), "--horizon", "2030")
    with_investments = outputs["project"]
    years = with_investments["years"]
    plan = years.index(2027) + 1
    for line in ("depreciation", "result", "financial_costs"):
        # The plan years are the budget's own figures.
        assert with_investments["statement"][line][:plan] == without["statement"][line][:plan], line
    # After the plan: the 700 MSEK of 2027 (then held) depreciate by default 70 % over 33 and 30 % over 7 years:
    # 2028: 700 × (0.7 / 33 + 0.3 / 7) = 44.848...
    k1 = 0.7 / 33 + 0.3 / 7
    capital = with_investments["capital"]
    assert capital["new_investment_depreciation"][plan] == pytest.approx(700.0 * k1)
    assert with_investments["statement"]["depreciation"][plan] == pytest.approx(
        without["statement"]["depreciation"][plan] - 700.0 * k1)
    assert capital["investments"] == [900.0, 850.0, 700.0, 700.0, 700.0, 700.0]  # the last one held (default)
    assert with_investments["labels"]["capital"]["self_financing_ratio"] == "Self-financing ratio"


def test_investments_add_their_assumptions_to_the_assumptions_sheet(cli, budget_file, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    books = {}
    for name, changes in (("plain", {}), ("invest", {"investments": LUND_INVESTMENTS})):
        out = tmp_path / f"{name}.xlsx"
        path = budget_file(folder=tmp_path / name, **changes)
        assert cli.run("project", "--budget", str(path), "--horizon", "2030", "--out", str(out))[0] == 0
        books[name] = openpyxl.load_workbook(out)
    cells = {name: [[c.value for c in row] for row in book["Antaganden"].iter_rows()] for name, book in books.items()}
    added = [row for row in cells["invest"] if row not in cells["plain"]]
    text = " ".join(str(v) for row in added for v in row if v is not None)
    # the identifiers in the hidden Id column; the labels and the defaults' bases in Swedish
    assert "investments_msek" in text and "borrowing_rate" in text and "Nettoinvesteringar" in text
    assert "Låneränta" in text and "standardvärde, inte data" in text
    about = " ".join(str(c.value) for row in books["invest"]["Om"].iter_rows() for c in row if c.value)
    assert "styr lånebehovet" in about
