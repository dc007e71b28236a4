"""Efficiency on net costs, the work line's tax base after the basic deduction, taxable benefits and out-migration
(0.5.0): expected values from the sources (Skatteverket's 2025 figures, prisbasbelopp.csv) or by hand from the
baseline's own statement and the equalisation formula (RULES.md §2, §5)."""
from __future__ import annotations

import numpy as np
import pytest

from kommunbudget import scenarios
from kommunbudget.model import core
from kommunbudget.model.measures import price_base_series

WORK_LINE = """
name = "w"
municipality = "Sjöbo"
horizon = 2029
[[measures]]
name = "arbetslinje"
kind = "work_line"
baseline_households = 200.0
cost_per_household_kr = 75045.0
start_year = 2025
target_reduction = 0.2
share_into_work = 0.5
earnings_per_person_kr = 240000.0
"""


def test_basic_deduction_matches_skatteverkets_2025_figures():
    # Skatteverket 2025 (pbb 58 800 kr), SOURCES.md §24: equal to the income up to 24 900 kr, 24 900 kr for
    # incomes 24 900-58 300 kr, at most 45 300 kr for incomes 159 900-183 600 kr.
    assert core.basic_deduction_kr(20000.0, 58800.0) == 20000.0
    assert core.basic_deduction_kr(58300.0, 58800.0) == 24900.0
    assert core.basic_deduction_kr(159900.0, 58800.0) == 45300.0
    assert core.basic_deduction_kr(183600.0, 58800.0) == 45300.0
    with pytest.raises(ValueError, match="price_base_amount_kr"):
        core.basic_deduction_kr(100000.0, 58.8)


def test_price_base_series_is_data_then_a_labelled_default():
    series, note = price_base_series(2025, {"2028": 61000})
    assert series.at(2025) == 58800.0 and series.at(2026) == 59200.0  # prisbasbelopp.csv (2026: SFS 2025:872)
    assert series.at(2027) == pytest.approx(59200.0 * 1.02)           # the default growth after the data
    assert series.at(2028) == 61000.0                                 # given in the scenario
    assert "default, not data" in note and "2028" in note
    with pytest.raises(ValueError, match="not a year"):
        price_base_series(2025, {"next": 60000})


def test_efficiency_note_states_the_rate_on_net_costs():
    r = scenarios.run(scenarios.parse('name = "e"\nmunicipality = "Sjöbo"\nhorizon = 2027\n[[measures]]\n'
                                      'name = "eff"\nkind = "efficiency"\nfrom_year = 2026\nrate = 0.01\n', "e.toml"))
    b, k = r.baseline, r.baseline.years.index(2026)
    net_costs = -b.line("operating_costs")[k] - (b.line("operating_income")[k] + b.line("realisation_gains")[k])
    note = r.lever_notes()["eff"]
    assert note.startswith(f"1.0% of net costs of all lines = {0.01 * net_costs:.1f} MSEK in 2026")
    assert "default, not data" in note
    assert r.projection.line("efficiency_saving")[k] == pytest.approx(0.01 * net_costs, rel=1e-12)


def test_out_migration_costs_the_equalisation_per_inhabitant_by_hand():
    stay = scenarios.run(scenarios.parse(WORK_LINE, "w.toml"))
    move = scenarios.run(scenarios.parse(WORK_LINE + "out_migration_share = 0.25\ninhabitants_per_household = 2.0\n",
                                         "w.toml"))
    years = move.baseline.years
    k = years.index(2026)
    moved = move.projection.line("work_line_persons_moved")
    # 20 % of 200 households = 40 off in 2025 (no trend, ramp 1); a quarter (10) move with 2 inhabitants each.
    assert moved[k - 1] == pytest.approx(20.0)
    # Sjöbo is below the guarantee, where one inhabitant fewer lowers the grant by 1.15 × N × county rate / 100
    # (Skåne 19.70, RULES.md §2, §5): the 20 moved by 1 Nov 2025 count in 2026.
    b = move.baseline
    n = b.line("national_tax_capacity")[k]
    assert b.line("own_tax_capacity")[k] < 1.15 * n
    expected = -20.0 * 1.15 * n * 19.70 / 100.0 / 1e6
    assert move.projection.line("work_line_migration_equalisation")[k] == pytest.approx(expected, rel=1e-9)
    assert 1.15 * b.line("national_tax_capacity")[0] * 0.197 == pytest.approx(61500, rel=0.01)  # RULES.md §5, 2024
    # The assistance saving counts for all; only the 30 households who stay go into work (their tax base).
    np.testing.assert_allclose(move.projection.line("work_line_saving"), stay.projection.line("work_line_saving"))
    np.testing.assert_allclose(move.projection.line("work_line_earnings"),
                               0.75 * stay.projection.line("work_line_earnings"), rtol=1e-12)
    rows = move.work_line_rows()
    assert rows.loc["inhabitants moved away (stock)", 2025] == pytest.approx(20.0)



def test_a_bad_prisbasbelopp_table_and_a_percent_net_share_are_named():
    with pytest.raises(ValueError, match=r"arbetslinje.*price_base_amount_kr: key 'next' is not a year"):
        scenarios.run(scenarios.parse(WORK_LINE + 'price_base_amount_kr = { next = 60000 }\n', "w.toml"))
    with pytest.raises(ValueError, match=r"net_share.*did you mean 0.8"):
        scenarios.parse('name = "e"\nmunicipality = "Sjöbo"\nhorizon = 2027\n[[measures]]\nname = "eff"\n'
                        'kind = "efficiency"\nfrom_year = 2026\nrate = 0.01\nnet_share = 80\n', "e.toml")


def test_a_core_series_in_a_measure_is_written_as_a_toml_table():
    # A work line built from a core object carries its prisbasbelopp as a core YearSeries; to_toml writes it as the
    # table the scenario file reads ({year = kr}), and the file reads back to the same amounts.
    import tomllib

    from kommunbudget import scenarios
    from kommunbudget.model import core

    series = core.YearSeries("price_base_amount_kr", [2026, 2027], [59_200.0, 60_400.0])
    measure = scenarios.Measure(name="arbetslinje", kind="work_line", topics=(),
                                fields={"start_year": 2026, "price_base_amount_kr": series})
    scenario = scenarios.Scenario(name="t", municipality="Sjöbo", horizon=2028, measures=(measure,))
    doc = tomllib.loads(scenarios.to_toml(scenario))
    assert doc["measures"][0]["price_base_amount_kr"] == {"2026": 59_200.0, "2027": 60_400.0}
