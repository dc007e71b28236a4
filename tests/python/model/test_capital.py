"""Investments, borrowing and pensions (docs/model.md §15): expected values from Sjöbo's documents
(pension_investering.csv) or derived by hand in each test."""
from __future__ import annotations

import pytest

import kommunbudget as kb
from kommunbudget.baselines.own_budget import from_budget_figures
from kommunbudget.data.budget_figures import BudgetFigures, FigureSource
from kommunbudget.model import core

#: Sjöbo's Budget 2024 (resultatrakningar_exempel.csv, Budget-2024), the embedded rows.
SJOBO = kb.data.adopted_budget("1265", "Sjobo/Budget-2024", 2024)


def _figures(**changes) -> BudgetFigures:
    years = [2024, 2025, 2026, 2027]
    fields = dict(municipality="Sjöbo", budget_year=2024,
                  year_kinds={2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan"},
                  items={y: SJOBO[y] for y in years}, tax_rate={y: 20.92 for y in years},
                  population={2024: 19337.0}, population_date="2024-12-31",
                  default_source=FigureSource("test.xlsx"))
    fields.update(changes)
    return BudgetFigures(**fields)


def test_sjobos_pension_interest_is_given_in_the_plan_and_indexed_after_it():
    m = kb.load("Sjöbo", 2024)
    p = m.project(2030)
    pension = dict(zip(p.years, p.line("pension_interest"), strict=True))
    # Budget 2025's notes (pension_investering.csv): 0.6, 0.3, 0.1, 0.3 MSEK in 2024-2027.
    assert [pension[y] for y in (2024, 2025, 2026, 2027)] == pytest.approx([0.6, 0.3, 0.1, 0.3])
    # After the plan: 0.3 × (1 + g2028) × (1 + g2029), g the tax base growth standing in for the income base amount.
    g = {y: m.assumptions.get("tax_base_growth", y)[0] for y in (2028, 2029)}
    assert pension[2028] == pytest.approx(0.3 * (1 + g[2028]))
    assert pension[2029] == pytest.approx(0.3 * (1 + g[2028]) * (1 + g[2029]))
    # The financial costs: the budget's 0.3 of 2027 held, plus the pension interest's change since 2027.
    costs = dict(zip(p.years, p.line("financial_costs"), strict=True))
    assert costs[2027] == pytest.approx(-0.3)
    assert costs[2028] == pytest.approx(-(0.3 + 0.3 * g[2028]))
    kinds = m.assumptions.table(2028, 2028).set_index("assumption")["kind"]
    assert kinds["pension_index_growth"] == "default"
    given = m.assumptions.table(2025, 2027).query("assumption == 'pension_interest_msek'")
    assert given["kind"].tolist() == ["data", "data", "data"] and given["value"].tolist() == [0.3, 0.1, 0.3]


def test_the_budgets_debt_and_cash_open_the_path_and_the_need_uses_cash_first():
    # No investments; the result + depreciation of each year is a surplus that adds to cash (there is no new debt).
    m = from_budget_figures(_figures(opening_debt_msek=400.0, opening_cash_msek=50.0,
                                     sources={"capital:opening_debt": FigureSource("test.xlsx", "Investeringar",
                                                                                   "C5")}))
    p = m.project(2027)
    assert p.line("debt_at_year_end")[0] == 400.0 and p.line("cash_at_year_end")[0] == 50.0
    # 2025 (plan): result 40.0 and depreciation 40.5 from the budget: self-financing 80.5, need −80.5, cash
    # 50 + 80.5 = 130.5 (Resultatbudget 2025: årets resultat 40.0, avskrivningar −40.5).
    i = p.years.index(2025)
    assert p.line("result")[i] == pytest.approx(40.0, abs=0.05)
    assert p.line("self_financing")[i] == pytest.approx(p.line("result")[i] + 40.5)
    assert p.line("borrowing_need")[i] == pytest.approx(-p.line("self_financing")[i])
    assert p.line("cash_at_year_end")[i] == pytest.approx(50.0 + p.line("self_financing")[i])
    assert p.line("debt_at_year_end")[i] == pytest.approx(400.0)
    sources = m.base_year_sources().set_index("field")
    assert "Investeringar" in sources.loc["capital.opening_debt_msek", "source"]
    assert sources.loc["capital.depreciation_classes", "kind"] == "default"


def test_a_large_plan_borrows_after_cash_and_pays_interest_after_the_plan():
    # 2027 (the last plan year) invests 500; 2028 holds 500 (default). The budget's rate 4 % for 2028.
    m = from_budget_figures(_figures(investments={2024: 50.0, 2025: 50.0, 2026: 50.0, 2027: 500.0},
                                     opening_cash_msek=20.0, opening_debt_msek=300.0,
                                     borrowing_rate={2025: 0.04, 2026: 0.04, 2027: 0.04, 2028: 0.04},
                                     depreciation_classes=(("all", 1.0, 25.0),)))
    p = m.project(2028)
    i = p.years.index(2028)
    # Depreciation of new investments in 2028: the 500 of 2027 over 25 years = 20.
    assert p.line("new_investment_depreciation")[i] == pytest.approx(20.0)
    # Interest in 2028: 4 % on the new debt above its level at the end of 2027 (N27): (N27 + N28_pre) / 2 − N27 =
    # half of the year's new borrowing before interest, which is the need minus any cash left.
    need_pre = p.line("borrowing_need")[i] - p.line("new_borrowing_interest")[i]
    cash_before = p.line("cash_at_year_end")[i - 1]
    borrowed_pre = max(0.0, need_pre - cash_before)
    assert p.line("new_borrowing_interest")[i] == pytest.approx(0.04 * borrowed_pre / 2)
    assert p.line("new_borrowing_interest")[i] > 0
    assert p.line("new_borrowing_interest")[p.years.index(2027)] == 0.0  # plan year: in the budget's costs
    assert p.line("self_financing_ratio")[i] == pytest.approx(p.line("self_financing")[i] / 500.0)


def test_the_capital_fields_have_rows_in_the_table_of_limits():
    rate = core.field_limit("Assumptions", "borrowing_rate")
    assert (rate["low"], rate["high"]) == (0, 0.2)
    assert core.field_limit("CapitalPlan", "opening_debt_msek")["negative_sentinel"]
    with pytest.raises(ValueError, match="opening_cash_msek"):
        from_budget_figures(_figures(opening_cash_msek=-5.0)).project(2026)
