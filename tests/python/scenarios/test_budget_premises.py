"""A scenario on a budget workbook whose optional sheet ``Lokaler`` holds the premises portfolio
(``docs/budget-workbook.md``): without a portfolio of its own the scenario takes the budget's; with both, its own.

The workbook is Sjöbo's Budget 2024 (finansiellinfo.se/Sjobo/Budget-2024, as in ``test_budget_workbook.py``); the
Lokaler sheet carries the rows of the packaged ILLUSTRATIVE portfolio ``sjobo_premises_portfolio.csv`` (read here),
and the measures are those of the packaged scenario ``sjobo_premises.toml``.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kommunbudget.data.budget_file import BudgetFileError, read_budget_file
from kommunbudget.data.paths import files_folder
from kommunbudget.scenarios.premises import portfolio_from_budget
from kommunbudget.scenarios.result import run
from kommunbudget.scenarios.schema import parse, to_toml

SCENARIOS = files_folder() / "scenarios"
YEARS = ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
STATEMENT = [
    ("Verksamhetens intäkter", [335.6, 352.3, 368.5, 385.5]),
    ("Verksamhetens kostnader", [-1656.2, -1647.8, -1719.6, -1792.1]),
    ("Avskrivningar", [-37.7, -40.5, -42.5, -44.0]),
    ("Verksamhetens nettokostnader", [-1358.3, -1336.0, -1393.6, -1450.6]),
    ("Skatteintäkter", [995.3, 1042.8, 1091.4, 1134.0]),
    ("Generella statsbidrag och utjämning", [327.0, 324.4, 337.4, 345.8]),
    ("Finansiella intäkter", [10.6, 9.1, 9.1, 9.1]),
    ("Finansiella kostnader", [-0.7, -0.3, -0.3, -0.3]),
    ("Årets resultat", [-26.1, 40.0, 44.0, 38.0]),
    ("Medel från resultatutjämningsreserv", [7.5, 0.0, 0.0, 0.0]),
]
NOTE = [
    ("Preliminär kommunalskatt", [995.3, 1042.8, 1091.4, 1134.0]),
    ("Inkomstutjämning", [262.6, 270.6, 279.9, 289.2]),
    ("Kostnadsutjämning", [-29.0, -27.8, -16.5, -10.7]),
    ("LSS-utjämning", [-4.6, -4.6, -4.6, -4.6]),
    ("Regleringsbidrag/-avgift", [44.3, 32.5, 24.9, 18.2]),
    ("Kommunal fastighetsavgift", [53.7, 53.7, 53.7, 53.7]),
]


def portfolio_rows() -> list[list[str]]:
    """The packaged portfolio's header and rows, as text (its comment lines left out)."""
    text = (SCENARIOS / "sjobo_premises_portfolio.csv").read_text(encoding="utf-8")
    return list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))


def write_budget(path: Path, lokaler: list[list] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in (("Resultatbudget", STATEMENT), ("Skatter och bidrag", NOTE)):
        sheet = book.create_sheet(name)
        sheet.append(["Belopp i mnkr"])
        sheet.append(["", *YEARS])
        for label, values in rows:
            sheet.append([label, *values])
    sheet = book.create_sheet("Förutsättningar")
    for row in (["Kommun", "Sjöbo"], ["", *YEARS], ["Skattesats", 20.92, 20.92, 20.92, 20.92], ["Invånare", 19337],
                ["Befolkning per datum", "2024-12-31"]):
        sheet.append(row)
    if lokaler is not None:
        sheet = book.create_sheet("Lokaler")
        for row in lokaler:
            sheet.append(row)
    book.save(path)
    return path


def lokaler() -> list[list]:
    """The Lokaler sheet: a title, the header, one row per property (numbers as numbers, booleans as text)."""
    header, *rows = portfolio_rows()
    body = [[v if i < 2 or i == 8 else float(v) for i, v in enumerate(row)] for row in rows]
    return [["Lokaler (illustrativt exempel)"], header, *body]


def scenario_text(premises_file: str | None) -> str:
    """The packaged sjobo_premises scenario on ``budget.xlsx``, with or without its premises_file."""
    text = (SCENARIOS / "sjobo_premises.toml").read_text(encoding="utf-8")
    line = re.compile(r'^premises_file = .*$', re.MULTILINE)
    replacement = f'premises_file = "{premises_file}"' if premises_file else ""
    return line.sub(replacement + '\nbudget = "budget.xlsx"', text)


def test_the_budgets_portfolio_gives_the_same_numbers_as_the_premises_file(tmp_path: Path) -> None:
    write_budget(tmp_path / "budget.xlsx", lokaler())
    (tmp_path / "portfolio.csv").write_bytes((SCENARIOS / "sjobo_premises_portfolio.csv").read_bytes())
    from_budget = run(parse(scenario_text(None), str(tmp_path / "a.toml")))
    other = tmp_path / "other"
    other.mkdir()
    write_budget(other / "budget.xlsx")
    (other / "portfolio.csv").write_bytes((SCENARIOS / "sjobo_premises_portfolio.csv").read_bytes())
    from_file = run(parse(scenario_text("portfolio.csv"), str(other / "b.toml")))

    assert from_budget.premises == from_file.premises
    assert from_budget.scenario.premises_from_budget and not from_file.scenario.premises_from_budget
    pd.testing.assert_frame_equal(from_budget.measure_effects, from_file.measure_effects, check_exact=True)
    pd.testing.assert_frame_equal(from_budget.summary(), from_file.summary(), check_exact=True)
    pd.testing.assert_frame_equal(from_budget.projection.statement(), from_file.projection.statement(),
                                  check_exact=True)
    assert from_budget.measure_sources == from_file.measure_sources
    pd.testing.assert_frame_equal(from_budget.premises_summary(True), from_file.premises_summary(True))
    assert from_budget.measure_effects.loc["sälj tomma skolan"].abs().sum() > 0
    assert any("the portfolio is the sheet Lokaler" in n for n in from_budget.municipality.notes)
    assert "[[premises]]" not in to_toml(from_budget.scenario)  # the budget's portfolio is not written


def test_the_scenarios_own_portfolio_wins_with_a_note(tmp_path: Path) -> None:
    rows = lokaler()
    rows[2][6] = 99.0  # the budget's portfolio differs: a running cost that would change the premises target
    write_budget(tmp_path / "budget.xlsx", rows)
    (tmp_path / "portfolio.csv").write_bytes((SCENARIOS / "sjobo_premises_portfolio.csv").read_bytes())
    r = run(parse(scenario_text("portfolio.csv"), str(tmp_path / "a.toml")))
    assert not r.scenario.premises_from_budget
    assert r.premises.get("Exempel 1:1").running_cost_msek == 6.1
    notes = [n for n in r.municipality.notes if n.startswith("Premises:")]
    assert notes == [f"Premises: the scenario's portfolio (premises_file 'portfolio.csv') is used; the sheet "
                     f"Lokaler of the budget {tmp_path / 'budget.xlsx'} (8 properties) is not."]


def test_a_disposal_by_id_needs_a_property_of_the_budgets_portfolio(tmp_path: Path) -> None:
    write_budget(tmp_path / "budget.xlsx", lokaler())
    text = scenario_text(None).replace('property = "Exempel 3:1"', 'property = "Exempel 9:9"')
    with pytest.raises(ValueError, match=r"measures\[1\] \(sälj tomma skolan\)\.property: 'Exempel 9:9' is not a "
                                         r"property of the budget's portfolio \(sheet Lokaler\); expected one of: "
                                         r"Exempel 1:1"):
        run(parse(text, str(tmp_path / "a.toml")))


def test_without_any_portfolio_the_run_names_what_is_missing(tmp_path: Path) -> None:
    write_budget(tmp_path / "budget.xlsx")
    with pytest.raises(ValueError, match=r"measures\[1\] \(sälj tomma skolan\)\.property: 'Exempel 3:1' names a "
                                         r"portfolio property, but neither the scenario"):
        run(parse(scenario_text(None), str(tmp_path / "a.toml")))


def test_a_value_out_of_range_in_lokaler_names_the_cell(tmp_path: Path) -> None:
    rows = lokaler()
    rows[4][7] = 25.0  # vacancy of the third property written as a percent
    write_budget(tmp_path / "budget.xlsx", rows)
    with pytest.raises(ValueError) as caught:
        run(parse(scenario_text(None), str(tmp_path / "a.toml")))
    message = str(caught.value)
    assert "budget: budget.xlsx, sheet Lokaler, cell H5: property 3 (id 'Exempel 2:1'), column vacancy: 25 is " \
           "outside [0, 1] (a fraction is expected; 25 looks like a percent: did you mean 0.25?)" in message, message


def test_portfolio_from_budget_raises_the_readers_error(tmp_path: Path) -> None:
    rows = lokaler()
    rows[2][2] = -5.0
    figures = read_budget_file(write_budget(tmp_path / "budget.xlsx", rows))
    with pytest.raises(BudgetFileError) as caught:
        portfolio_from_budget(figures)
    assert (caught.value.sheet, caught.value.cell) == ("Lokaler", "C3")
    assert str(caught.value).startswith("budget.xlsx, sheet Lokaler, cell C3: property 1 (id 'Exempel 1:1'), "
                                        "column area_m2: -5 is outside [0, 1e+07] m²")


def test_budget_given_on_the_command_line_serves_the_disposals_by_id(tmp_path: Path, cli) -> None:
    # The scenario names no budget and no portfolio of its own; --budget brings the workbook with Lokaler, and the
    # disposals by id must find their properties there, as with budget = "budget.xlsx" in the file.
    write_budget(tmp_path / "budget.xlsx", lokaler())
    with_key = tmp_path / "with_key.toml"
    with_key.write_text(scenario_text(None), encoding="utf-8")
    without_key = tmp_path / "without_key.toml"
    without_key.write_text(scenario_text(None).replace('\nbudget = "budget.xlsx"', ""), encoding="utf-8")
    expected = cli.json("scenario", str(with_key))
    got = cli.json("scenario", str(without_key), "--budget", str(tmp_path / "budget.xlsx"))
    assert got["measure_effects"] == expected["measure_effects"]
    assert got["premises_summary"] == expected["premises_summary"]
