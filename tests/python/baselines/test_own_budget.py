"""A baseline from an adopted budget given as plain figures (``kb.from_budget_figures``, ``docs/budget-workbook.md``).

Sjöbo's Budget 2024 with plan 2025-2027 (finansiellinfo.se/Sjobo/Budget-2024; the rows of
``resultatrakningar_exempel.csv``) typed as a user's workbook would give it must project exactly as the embedded
baseline, with every figure citing its cell. Lund's budget below is made up (plausible magnitudes, Lund's 2025 rate
21.24 and about 132 000 inhabitants; ``tests/python/conftest.py``): it checks the path for a municipality without an
embedded budget.
"""
from __future__ import annotations

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.baselines.own_budget import from_budget_figures
from kommunbudget.data.budget_figures import STATEMENT_ITEMS, TAX_AND_GRANT_ITEMS, BudgetFigures, FigureSource

FILE = "sjobo-budget-2024.xlsx"
COLUMNS = {2024: "C", 2025: "D", 2026: "E", 2027: "F"}

#: Sjöbo, Budget 2024 (Resultatbudget and Noter), MSEK, the statement's signs.
SJOBO = {
    2024: {"verksamhetens_intakter": 335.6, "verksamhetens_kostnader": -1656.2, "avskrivningar": -37.7,
           "verksamhetens_nettokostnader": -1358.3, "skatteintakter": 995.3,
           "generella_statsbidrag_och_utjamning": 327.0, "verksamhetens_resultat": -36.0,
           "finansiella_intakter": 10.6, "finansiella_kostnader": -0.7, "arets_resultat": -26.1,
           "balanskrav_avgar_realisationsvinster": 0.0, "medel_fran_resultatutjamningsreserv": 7.5,
           "balanskravsresultat": -18.6, "skatt_kommunalskatt_preliminar": 995.3,
           "skatt_slutavrakning_innevarande_ar": 0.0, "utj_inkomstutjamning": 262.6, "utj_kostnadsutjamning": -29.0,
           "utj_lss_utjamning": -4.6, "utj_regleringsbidrag_avgift": 44.3, "utj_kommunal_fastighetsavgift": 53.7,
           "utj_ovriga_statsbidrag": 0.0},
    2025: {"verksamhetens_intakter": 352.3, "verksamhetens_kostnader": -1647.8, "avskrivningar": -40.5,
           "verksamhetens_nettokostnader": -1336.0, "skatteintakter": 1042.8,
           "generella_statsbidrag_och_utjamning": 324.4, "verksamhetens_resultat": 31.2,
           "finansiella_intakter": 9.1, "finansiella_kostnader": -0.3, "arets_resultat": 40.0,
           "balanskrav_avgar_realisationsvinster": 0.0, "medel_fran_resultatutjamningsreserv": 0.0,
           "balanskravsresultat": 40.0, "skatt_kommunalskatt_preliminar": 1042.8,
           "skatt_slutavrakning_innevarande_ar": 0.0, "utj_inkomstutjamning": 270.6, "utj_kostnadsutjamning": -27.8,
           "utj_lss_utjamning": -4.6, "utj_regleringsbidrag_avgift": 32.5, "utj_kommunal_fastighetsavgift": 53.7,
           "utj_ovriga_statsbidrag": 0.0},
    2026: {"verksamhetens_intakter": 368.5, "verksamhetens_kostnader": -1719.6, "avskrivningar": -42.5,
           "verksamhetens_nettokostnader": -1393.6, "skatteintakter": 1091.4,
           "generella_statsbidrag_och_utjamning": 337.4, "verksamhetens_resultat": 35.2,
           "finansiella_intakter": 9.1, "finansiella_kostnader": -0.3, "arets_resultat": 44.0,
           "balanskrav_avgar_realisationsvinster": 0.0, "medel_fran_resultatutjamningsreserv": 0.0,
           "balanskravsresultat": 44.0, "skatt_kommunalskatt_preliminar": 1091.4,
           "skatt_slutavrakning_innevarande_ar": 0.0, "utj_inkomstutjamning": 279.9, "utj_kostnadsutjamning": -16.5,
           "utj_lss_utjamning": -4.6, "utj_regleringsbidrag_avgift": 24.9, "utj_kommunal_fastighetsavgift": 53.7,
           "utj_ovriga_statsbidrag": 0.0},
    2027: {"verksamhetens_intakter": 385.5, "verksamhetens_kostnader": -1792.1, "avskrivningar": -44.0,
           "verksamhetens_nettokostnader": -1450.6, "skatteintakter": 1134.0,
           "generella_statsbidrag_och_utjamning": 345.8, "verksamhetens_resultat": 29.2,
           "finansiella_intakter": 9.1, "finansiella_kostnader": -0.3, "arets_resultat": 38.0,
           "balanskrav_avgar_realisationsvinster": 0.0, "medel_fran_resultatutjamningsreserv": 0.0,
           "balanskravsresultat": 38.0, "skatt_kommunalskatt_preliminar": 1134.0,
           "skatt_slutavrakning_innevarande_ar": 0.0, "utj_inkomstutjamning": 289.2, "utj_kostnadsutjamning": -10.7,
           "utj_lss_utjamning": -4.6, "utj_regleringsbidrag_avgift": 18.2, "utj_kommunal_fastighetsavgift": 53.7,
           "utj_ovriga_statsbidrag": 0.0},
}


def cell_sources(file: str, years) -> dict[str, FigureSource]:
    """The cells a workbook in the layout of docs/budget-workbook.md would give: one row per item (from row 3), one
    column per year (from C); the rate and the population on Förutsättningar."""
    sources = {}
    for sheet, items in (("Resultatbudget", STATEMENT_ITEMS), ("Skatter och bidrag", TAX_AND_GRANT_ITEMS)):
        for row, item in enumerate(items, start=3):
            for year in years:
                sources[f"{year}:{item.id}"] = FigureSource(file, sheet, f"{COLUMNS[year]}{row}")
    for year in years:
        sources[f"tax_rate:{year}"] = FigureSource(file, "Förutsättningar", f"{COLUMNS[year]}4")
        sources[f"population:{year}"] = FigureSource(file, "Förutsättningar", f"{COLUMNS[year]}5")
    return sources


def sjobo_figures(**changes) -> BudgetFigures:
    """Sjöbo's budget as a user's file: the embedded rates (20.92 in 2024-2026, held in 2027) and SCB's population
    of 31 December 2024, as the embedded baseline uses them."""
    fields = dict(
        municipality="Sjöbo", budget_year=2024, year_kinds={2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan"},
        items=SJOBO, tax_rate={year: 20.92 for year in SJOBO}, population={2024: 19337.0},
        population_date="2024-12-31", sources=cell_sources(FILE, SJOBO), default_source=FigureSource(FILE),
        title="Budget 2024 med plan 2025-2027",
        # Budget 2025's notes (pension_investering.csv): ränta på pensionsavsättningar, as the embedded baseline.
        pension_interest={2024: 0.6, 2025: 0.3, 2026: 0.1, 2027: 0.3})
    fields.update(changes)
    return BudgetFigures(**fields)


@pytest.fixture(scope="module")
def own() -> kb.Municipality:
    return from_budget_figures(sjobo_figures())


def test_the_typed_figures_are_the_embedded_ones():
    # The figures typed above are the rows of resultatrakningar_exempel.csv (Budget-2024) the embedded baseline uses.
    embedded = kb.data.adopted_budget("1265", "Sjobo/Budget-2024", 2024)
    for year, items in SJOBO.items():
        for item, amount in items.items():
            assert embedded[year][item] == amount, (year, item)


@pytest.mark.parametrize("vintage", ["skr-2025-report", "government-uprating-2024-09"])
@pytest.mark.parametrize("use_plan_growth", [True, False])
def test_sjobo_from_figures_projects_as_the_embedded_baseline(vintage, use_plan_growth):
    own = from_budget_figures(sjobo_figures(), vintage=vintage, use_plan_growth=use_plan_growth)
    embedded = kb.load("Sjöbo", 2024, vintage=vintage, use_plan_growth=use_plan_growth)
    a, b = own.project(2035), embedded.project(2035)
    assert a.statement(memo=True).index.equals(b.statement(memo=True).index)
    assert np.abs(a.statement(memo=True).to_numpy() - b.statement(memo=True).to_numpy()).max() <= 1e-6
    ta, tb = a.assumptions(detail=True), b.assumptions(detail=True)
    assert list(ta["assumption"]) == list(tb["assumption"])
    assert np.abs(ta["value"].to_numpy(float) - tb["value"].to_numpy(float)).max() <= 1e-9
    assert (own.code, own.name, own.county, own.base_year) == ("1265", "Sjöbo", "Skåne län", 2024)


def test_every_figure_cites_its_cell(own):
    sources = own.project(2030).base_year_sources().set_index("field")["source"]
    assert sources["operating_income_msek"] == f"your budget: {FILE}, sheet Resultatbudget, cell C3"
    assert sources["depreciation_msek"] == f"your budget: {FILE}, sheet Resultatbudget, cell C5"
    assert sources["tax_rate_kr_per_100kr"] == f"your budget: {FILE}, sheet Förutsättningar, cell C4"
    assert sources["income_equalisation_msek"] == f"budget note: your budget: {FILE}, sheet Skatter och bidrag, cell C6"
    # The tax base is implied by the preliminary tax at the rate: both named.
    assert sources["tax_base_msek"].endswith(f"(your budget: {FILE}, sheet Skatter och bidrag, cell C3)")
    # The population: its cell and date.
    assert sources["population"].startswith(f"your budget: {FILE}, sheet Förutsättningar, cell C5")
    assert "2024-12-31" in sources["population"]
    # Costs split by SCB's service areas (no areas in the budget), the total cited by its cell.
    assert "sheet Resultatbudget, cell C4" in sources["cost_lines"]
    # The plan's amounts cite their cells of the plan year's column.
    detail = own.project(2030).assumptions(detail=True)
    row = detail[(detail["assumption"] == "depreciation_msek") & (detail["year"] == 2026)].iloc[0]
    assert row["source"] == f"adopted plan: your budget: {FILE}, sheet Resultatbudget, cell E5"
    row = detail[(detail["assumption"] == "tax_rate_kr_per_100kr") & (detail["year"] == 2027)].iloc[0]
    assert row["source"] == f"your budget: {FILE}, sheet Förutsättningar, cell F4"
    assert row["kind"] == "data"
    assert any(FILE in note and "Budget 2024 med plan 2025-2027" in note for note in own.notes)


def test_the_budgets_tax_rate_replaces_the_embedded_one():
    # 21.42 kr in the plan years: the tax base the plan implies is lower, the rate held after the plan.
    rates = {2024: 20.92, 2025: 21.42, 2026: 21.42, 2027: 21.42}
    m = from_budget_figures(sjobo_figures(tax_rate=rates))
    p = m.project(2030)
    assert list(p.line("tax_rate")) == pytest.approx([20.92, 21.42, 21.42, 21.42, 21.42, 21.42, 21.42])
    # The plan's tax revenue is still reproduced (the tax base adjusts to the rate).
    assert p.line("tax_revenue")[1:4] == pytest.approx([1042.8, 1091.4, 1134.0], abs=1e-6)
    assert m.assumptions.get("tax_rate_kr_per_100kr", 2030)[1].kind == "default"


def test_another_municipality_projects_its_own_budget(lund_figures):
    # A made-up budget for Lund (tests/python/conftest.py): Budget 2025 with plan 2026-2027, two committees.
    figures = lund_figures()
    m = from_budget_figures(figures)
    assert (m.code, m.name, m.county, m.base_year) == ("1281", "Lund", "Skåne län", 2025)
    assert not m.approximate
    p = m.project(2030)
    result = p.line("result")
    # The budget's own results come back: base year rebuilt, plan reproduced; not zero by construction.
    printed = [figures.items[y]["arets_resultat"] for y in (2025, 2026, 2027)]
    assert printed[0] != 0
    assert list(result[:3]) == pytest.approx(printed, abs=1e-6)
    assert list(p.line("operating_costs")[:3]) == pytest.approx([-10480.0, -10890.0, -11300.0], abs=1e-6)
    # The service areas are the cost lines, named as given; the rest of the operating costs on other_activities.
    lines = {line["name"]: line["cost_msek"] for line in m.base_fields["cost_lines"]}
    assert lines == pytest.approx({"Barn- och skolnämnden": 4200.0, "Vård- och omsorgsnämnden": 3100.0,
                                   "other_activities": 10480.0 - 7300.0})
    # The budget's population in its plan years, then held; its date named.
    assert m.base_fields["population"] == 130_200.0
    assert m.assumptions.get("population", 2027)[0] == 133_000.0
    assert m.assumptions.get("population", 2030)[0] == 133_000.0
    sources = p.base_year_sources().set_index("field")["source"]
    assert "2024-11-01" in sources["population"]
    assert sources["operating_income_msek"] == "your budget: lund.xlsx"
    # A measure on a named area runs.
    assert "volume_growth:Barn- och skolnämnden" in m.assumptions.series


def test_a_municipality_outside_the_embedded_list_is_refused():
    with pytest.raises(ValueError, match="290 municipalities.*county"):
        from_budget_figures(sjobo_figures(municipality="Atlantis"))


def test_service_areas_above_the_operating_costs_are_refused():
    with pytest.raises(ValueError, match="exceed the budget's operating costs"):
        from_budget_figures(sjobo_figures(service_areas={"Skola": 1000.0, "Omsorg": 700.0}))


def test_figures_of_the_wrong_shape_are_refused():
    with pytest.raises(ValueError, match="tax rate"):
        from_budget_figures(sjobo_figures(tax_rate={2024: 20.92}))


def test_investments_depreciate_after_the_plan_and_are_cited_in_a_note(own):
    investments = {2024: 120.5, 2025: 90.0, 2026: 80.0, 2027: 75.0}
    sources = {**cell_sources(FILE, SJOBO),
               **{f"investments:{y}": FigureSource(FILE, "Investeringar", f"{COLUMNS[y]}4") for y in investments}}
    with_investments = from_budget_figures(sjobo_figures(investments=investments, sources=sources))
    a, b = with_investments.project(2035), own.project(2035)
    plan = a.years.index(2027) + 1
    for line in ("depreciation", "financial_costs", "result"):  # the plan years are the budget's own figures
        assert np.allclose(a.line(line)[:plan], b.line(line)[:plan]), line
    # After the plan (2027): the 75 MSEK of 2027, then 75 a year (held, default), by default 70 % over 33 years and
    # 30 % over 7 years from the year after: 2028 75 × k1, 2029 75 × (k1 + k2) with k1 = k2 = 0.7/33 + 0.3/7.
    k = 0.7 / 33 + 0.3 / 7
    assert a.line("new_investment_depreciation")[plan] == pytest.approx(75.0 * k)
    assert a.line("new_investment_depreciation")[plan + 1] == pytest.approx(2 * 75.0 * k)
    assert a.line("depreciation")[plan] == pytest.approx(b.line("depreciation")[plan] - 75.0 * k)
    assert list(a.line("investments")[:plan]) == [120.5, 90.0, 80.0, 75.0]
    assert with_investments.notes[:-1] == own.notes[:-1]
    assert with_investments.notes[-1].startswith(
        "Investments: the budget's net investments (MSEK: 2024 120.5, 2025 90.0, 2026 80.0, 2027 75.0; your budget: "
        "sjobo-budget-2024.xlsx, sheet Investeringar, cells C4, D4, E4, F4) drive the borrowing need")
    table = with_investments.assumptions.table(2025, 2035)
    held = table[(table["assumption"] == "investments_msek") & (table["year"] == 2030)]
    assert held["value"].tolist() == [75.0] and held["kind"].tolist() == ["default"]


def test_the_budgets_population_and_its_date_are_shown_everywhere(lund_figures):
    # The made-up Lund budget assumes 130 200 inhabitants on 1 November 2024 (not SCB's count of 31 Dec 2024).
    m = from_budget_figures(lund_figures())
    assert (m.population, m.population_date) == (130_200, "1 Nov 2024")
    p = m.project(2028)
    income, basis = p.household_income_kr(2025)
    assert income == pytest.approx(p.line("tax_base")[p.years.index(2025)] * 1e6 / 130_200)
    assert "population 1 Nov 2024, 130,200 inhabitants" in basis
    # A plan year's income per inhabitant uses the population the budget gives for that year (131 600 in 2026).
    income, basis = p.household_income_kr(2026)
    assert income == pytest.approx(p.line("tax_base")[p.years.index(2026)] * 1e6 / 131_600)
    assert "the population the budget gives for 2026, 131,600 inhabitants" in basis


def test_plan_year_national_capacities_are_said_to_be_unused(lund_figures):
    # Only the budget year's Medelskattekraft enters (the plan years' national capacity is calibrated to the plan's
    # equalisation); figures given for later years must not pass silently.
    figures = lund_figures(national_tax_capacity_kr={2025: 283_000.0, 2026: 291_000.0, 2027: 300_000.0})
    m = from_budget_figures(figures)
    assert any("Medelskattekraft is given for 2026, 2027 too" in note for note in m.notes)
    assert m.base_fields["national_tax_capacity_kr"] == 283_000.0


def test_decided_rates_replace_the_base_years_rate_held():
    # A budget of 2024 alone at 21.50 kr: Sjöbo's own rate was decided at 20.92 for 2025 and 2026
    # (skattesatser_kommun.csv: Skatteverket 2025, SCB 2026), so those years take 20.92 (data), and 2027 on holds
    # the last decided rate, 20.92 (a default).
    figures = sjobo_figures(year_kinds={2024: "budget"}, items={2024: SJOBO[2024]},
                            tax_rate={2024: 21.50}, sources=cell_sources(FILE, [2024]))
    m = from_budget_figures(figures)
    p = m.project(2028)
    assert list(p.line("tax_rate")) == pytest.approx([21.50, 20.92, 20.92, 20.92, 20.92])
    assert m.assumptions.get("tax_rate_kr_per_100kr", 2025)[1].kind == "data"
    assert "skattesatser_kommun.csv" in m.assumptions.get("tax_rate_kr_per_100kr", 2026)[1].source
    assert m.assumptions.get("tax_rate_kr_per_100kr", 2027)[1].kind == "default"


def test_a_plan_rate_that_differs_from_the_decided_one_is_noted():
    rates = {2024: 20.92, 2025: 21.42, 2026: 21.42, 2027: 21.42}
    m = from_budget_figures(sjobo_figures(tax_rate=rates))
    notes = " ".join(m.notes)
    assert "The budget's rate for 2025 (21.42) differs from the decided rate 20.92" in notes
    assert "The budget's rate for 2026 (21.42) differs from the decided rate 20.92" in notes
