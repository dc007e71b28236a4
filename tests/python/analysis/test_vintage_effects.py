"""Vintage effects: what changed between two assumption vintages and what it does to a municipality's result.

Expected figures come from the vintage files' sources (SFS 2024:669; SKR) and Sjöbo's Budget 2024, or are derived
by hand in the tests.
"""
from __future__ import annotations

import pytest

from kommunbudget.analysis import vintages


def test_what_changed_between_two_vintages():
    diff = vintages.compare_vintages("skr-2025-report", "government-uprating-2024-09", 2024, 2030)
    # SFS 2024:669: income years 2024 and 2025 uprated by 1.031 and 1.045 against SKR's long-run 4 %.
    assert set(diff["series"]) == {"tax_base_growth", "national_tax_capacity_growth"}
    row = diff[(diff["series"] == "tax_base_growth") & (diff["year"] == 2025)].iloc[0]
    assert row["a"] == pytest.approx(0.04) and row["b"] == pytest.approx(0.045)
    assert set(diff["year"]) == {2024, 2025}


def test_vintage_effect_on_sjobo_when_the_plan_growth_is_not_used():
    frame = vintages.compare_vintage_results("Sjöbo", "skr-2025-report", "government-uprating-2024-09", 2026,
                                             use_plan_growth=False)
    # 2025: the national tax base grows 4.5 % instead of 4 %; per inhabitant both are divided by 1 + Sweden's
    # population growth of 2024 (SCB, nyckeltal_riket.csv: +36 003 on 10 587 710 − 36 003), and Sjöbo's own tax
    # base (995.3 / 0.2092 MSEK, taxed at 20.92) grows per inhabitant on a population held flat.
    per_inhabitant = 1 + 36_003 / (10_587_710 - 36_003)
    base_2024 = 995.3 / 0.2092
    tax_diff = base_2024 * (1.045 - 1.04) / per_inhabitant * 0.2092
    assert frame.loc[("tax_revenue", "b - a"), 2025] == pytest.approx(tax_diff, rel=1e-9)
    # The income equalisation (262.6 in 2024) scales with the own and national capacity, both growing by the
    # same per-inhabitant rate.
    eq_diff = 262.6 * (1.045 - 1.04) / per_inhabitant
    assert frame.loc[("income_equalisation", "b - a"), 2025] == pytest.approx(eq_diff, rel=1e-9)
    assert frame.loc[("result", "b - a"), 2025] == pytest.approx(tax_diff + eq_diff, rel=1e-9)
    assert frame.loc[("result", "b - a"), 2024] == 0.0


def test_with_the_plan_growth_the_plan_years_do_not_depend_on_the_vintage():
    frame = vintages.compare_vintage_results("Sjöbo", "skr-2025-report", "government-uprating-2024-09", 2027)
    assert (frame.xs("b - a", level="vintage").abs() < 1e-9).all().all()


def test_the_face_serves_vintages_and_their_comparison_as_one_module() -> None:
    # README ("Assumption vintages"): kb.vintages.get_vintage / compare_vintages / compare_vintage_results.
    import kommunbudget as kb
    from kommunbudget.baselines import vintages as defining

    assert kb.vintages.get_vintage is defining.get_vintage
    assert kb.vintages.load_vintage is defining.load_vintage
    assert kb.vintages.compare_vintages is vintages.compare_vintages
    assert kb.vintages.compare_vintage_results is vintages.compare_vintage_results
