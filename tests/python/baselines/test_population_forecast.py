"""A population forecast by age group applied to a baseline (docs/model.md §2 'Volumes from a population forecast by
age group', §3 'Population in the tax base'). Expected values are derived by hand in the tests from the forecast's
counts (written in the test, or Lund's and Östersund's own figures in befolkningsprognos.csv) and the baseline's
inputs (PKV, the national capacity growth), never from the mapping under test."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kommunbudget as kb

#: A forecast by hand for Sjöbo, after its plan (2025-2027): children aged 0-5 go 1 000 → 1 030 → 1 030, the
#: whole population 19 500 → 19 700 → 19 700 (31 December of each year).
HAND = pd.DataFrame({"year": [2027, 2028, 2029] * 2,
                     "age_group": ["0-5"] * 3 + ["total"] * 3,
                     "count": [1000, 1030, 1030, 19500, 19700, 19700]})


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def sjobo_forecast(sjobo):
    return kb.with_population_forecast(sjobo, HAND, name="the hand forecast")


def _pkv(m, year):
    a = m.assumptions
    w, lab, oth = (a.get(n, year)[0] for n in ("labour_weight", "labour_cost_change", "other_cost_change"))
    return w * lab + (1 - w) * oth


def test_preschool_volume_follows_its_age_group(sjobo, sjobo_forecast):
    a = sjobo_forecast.assumptions
    # 1 000 → 1 030: (1 030 − 1 000) / 1 000 = +3 %; 1 030 → 1 030: 0.
    assert a.get("volume_growth:preschool", 2028)[0] == pytest.approx(0.03, abs=1e-15)
    assert a.get("volume_growth:preschool", 2029)[0] == 0.0
    value, prov = a.get("volume_growth:preschool", 2028)
    assert prov.kind == "user" and "1,000 → 1,030" in prov.source and "constant real cost per user" in prov.source
    # Outside the forecast, and for the lines without a group in it, the baseline's rule is kept.
    for year in (2025, 2026, 2027, 2030):
        assert a.get("volume_growth:preschool", year) == sjobo.assumptions.get("volume_growth:preschool", year)
    assert a["volume_growth:elderly_care"] is sjobo.assumptions["volume_growth:elderly_care"]
    # The baseline is not changed.
    assert sjobo.assumptions.get("volume_growth:preschool", 2028)[0] != pytest.approx(0.03)


def test_only_the_volume_moves_and_pkv_still_prices_it(sjobo, sjobo_forecast):
    # Only preschool's volume differs, from 2028: the operating costs differ by the preschool line of 2027 times
    # (1 + PKV 2028) times (0.03 − the baseline's volume 2028). The line of 2027 is the same in both: its base-year
    # cost (SCB's 2024 net cost) carried by the baseline's volume and PKV of 2025-2027.
    base, fore = sjobo.project(2029), sjobo_forecast.project(2029)
    cost = next(line["cost_msek"] for line in sjobo.base_fields["cost_lines"] if line["name"] == "preschool")
    for year in (2025, 2026, 2027):
        cost *= (1 + sjobo.assumptions.get("volume_growth:preschool", year)[0]) * (1 + _pkv(sjobo, year))
    v_base = sjobo.assumptions.get("volume_growth:preschool", 2028)[0]
    expected = cost * (1 + _pkv(sjobo, 2028)) * (0.03 - v_base)
    k = base.years.index(2028)
    diff = -(fore.line("operating_costs")[k] - base.line("operating_costs")[k])  # costs are negative
    assert diff == pytest.approx(expected, rel=1e-9)
    np.testing.assert_allclose(fore.line("operating_costs")[:k], base.line("operating_costs")[:k], rtol=1e-12)


def test_totals_drive_the_population_and_so_the_tax_base(sjobo_forecast):
    a = sjobo_forecast.assumptions
    # 31 Dec t − 1 is the equalisation's population of year t.
    assert a.get("population", 2028)[0] == 19500 and a.get("population", 2029)[0] == 19700
    assert a.get("population", 2030)[0] == 19700  # 31 Dec 2029, the last figure
    held, prov = a.get("population", 2031)
    assert held == 19700 and prov.kind == "default" and "default, not data" in prov.source
    assert "31 Dec 2027" in a.get("population", 2028)[1].source and "1 Nov 2027" in a.get("population", 2028)[1].source
    # docs §3 after the plan: B[t] = B[t − 1] × (1 + m[t]) × P[t] / P[t − 1], with m the national capacity growth.
    p = sjobo_forecast.project(2030)
    base = p.line("tax_base")
    for year, ratio in ((2029, 19700 / 19500), (2030, 1.0)):
        k = p.years.index(year)
        m = a.get("national_tax_capacity_growth", year)[0]
        assert base[k] / base[k - 1] == pytest.approx((1 + m) * ratio, rel=1e-12), year


def test_the_notes_say_what_follows_and_what_does_not(sjobo_forecast):
    text = " ".join(sjobo_forecast.notes)
    assert ("Service volumes follow the age groups of the hand forecast (preschool 0-5) at constant real cost per "
            "user in 2028-2029") in text
    assert "cost equalisation stays a given series (not recomputed for the new age structure)" in text
    assert "31 December of year t − 1 are the equalisation's inhabitants of year t" in text


def test_lunds_embedded_forecast():
    lund = kb.with_population_forecast(kb.load("Lund"), "embedded")
    a = lund.assumptions
    # befolkningsprognos.csv, 'Fem år i sammandrag': 2024 → 2025; only 2025 is a projection year (base year 2024).
    expected = {"preschool": 7540 / 7412 - 1, "compulsory_school": 14813 / 14875 - 1,
                "upper_secondary_school": 4673 / 4553 - 1, "elderly_care": 7271 / 6823 - 1}
    for line, growth in expected.items():
        value, prov = a.get(f"volume_growth:{line}", 2025)
        assert value == pytest.approx(growth, rel=1e-12) and prov.kind == "derived", line
    # An approximate baseline's tax base does not follow the population (docs §12): by default the population is
    # kept, and the note says why.
    base = kb.load("Lund")
    assert a["population"] == base.assumptions["population"]
    text = " ".join(lund.notes)
    assert "only 2025 follows them" in text
    assert "Population: NOT taken from" in text and "approximate baseline" in text
    lund.project(2028)  # projects
    # Asked for: totals of the March 2022 forecast, 31 Dec 2024 132 649 → 2025; 31 Dec 2031 144 796 → 2032, held.
    counted = kb.with_population_forecast(base, "embedded", population=True).assumptions
    assert counted.get("population", 2025)[0] == 132_649
    assert counted.get("population", 2026)[0] == 134_438
    assert counted.get("population", 2032)[0] == 144_796 == counted.get("population", 2040)[0]


def test_ostersunds_embedded_forecast_sums_the_finer_groups():
    ost = kb.with_population_forecast(kb.load("Östersund"), "embedded", population=True)
    # 6-15 = 6-9 + 10-12 + 13-15: 2024 2 994 + 2 217 + 2 333 = 7 544; 2025 2 926 + 2 273 + 2 293 = 7 492.
    assert ost.assumptions.get("volume_growth:compulsory_school", 2025)[0] == pytest.approx(7492 / 7544 - 1)
    # 80+: 4 200 → 4 481 in 2025, 4 954 → 5 159 in 2028.
    assert ost.assumptions.get("volume_growth:elderly_care", 2028)[0] == pytest.approx(5159 / 4954 - 1)
    assert ost.assumptions.get("population", 2029)[0] == 66_380


def test_a_forecast_outside_the_projection_is_refused(sjobo):
    old = pd.DataFrame({"year": [2010, 2011], "age_group": ["0-5", "0-5"], "count": [1000, 1010]})
    with pytest.raises(ValueError, match="covers 2010-2011, no projection year"):
        kb.with_population_forecast(sjobo, old)
    with pytest.raises(ValueError, match="no population forecast for municipality 1265"):
        kb.with_population_forecast(sjobo, "embedded")


def test_a_volume_out_of_range_is_named_by_the_core(sjobo):
    jump = pd.DataFrame({"year": [2027, 2028], "age_group": ["0-5", "0-5"], "count": [1000, 3000]})
    m = kb.with_population_forecast(sjobo, jump)
    with pytest.raises(ValueError, match="volume_growth:preschool.*2028"):
        m.project(2028)


#: Flat child groups and 80+ growing 3 % a year, 31 Dec 2024-2030 (the user review's case).
GROWING_ELDERLY = pd.DataFrame({
    "year": list(range(2024, 2031)) * 4,
    "age_group": ["0-5"] * 7 + ["6-15"] * 7 + ["80+"] * 7 + ["total"] * 7,
    "count": [1000.0] * 7 + [2000.0] * 7 + [1000.0 * 1.03 ** k for k in range(7)] + [19500.0] * 7})


def test_the_adopted_plan_stands_and_the_forecast_applies_after_it(sjobo):
    # Sjöbo's adopted plan covers 2025-2027: there the volumes derived from the plan and the budget's inhabitants
    # stay, so the plan's years are reproduced exactly; the forecast applies from 2028.
    assert sjobo.plan_years == [2025, 2026, 2027]
    fore = kb.with_population_forecast(sjobo, GROWING_ELDERLY, name="the review's forecast")
    for year in (2025, 2026, 2027):
        for name in ("population", "volume_growth:elderly_care", "volume_growth:preschool",
                     "volume_growth:compulsory_school"):
            assert fore.assumptions.get(name, year) == sjobo.assumptions.get(name, year), (name, year)
    base, moved = sjobo.project(2030), fore.project(2030)
    k = base.years.index(2027)
    for line in ("operating_costs", "result", "tax_base"):
        np.testing.assert_allclose(moved.line(line)[:k + 1], base.line(line)[:k + 1], rtol=1e-12, err_msg=line)
    # After the plan: 80+ 1000 × 1.03^3 → 1000 × 1.03^4 (31 Dec 2027 → 2028) is +3 %; the children's groups are flat,
    # 0 %; the equalisation's inhabitants of 2028 are the total of 31 Dec 2027, 19 500.
    assert fore.assumptions.get("volume_growth:elderly_care", 2028)[0] == pytest.approx(0.03, rel=1e-12)
    assert fore.assumptions.get("volume_growth:preschool", 2028)[0] == 0.0
    assert fore.assumptions.get("population", 2028)[0] == 19500
    text = " ".join(fore.notes)
    assert "The plan's years 2025-2027 keep the council's own figures; the forecast applies from 2028." in text
    assert "in 2028-2030" in text


def test_a_forecast_of_the_plan_years_only_is_refused(sjobo):
    plan_only = pd.DataFrame({"year": [2024, 2025, 2026], "age_group": ["0-5"] * 3, "count": [1000, 1010, 1020]})
    with pytest.raises(ValueError, match=r"covers 2024-2026, no projection year of Sjöbo \(1265\) after the adopted "
                                         r"plan \(2025-2027\)"):
        kb.with_population_forecast(sjobo, plan_only)


def test_implausible_totals_are_refused_for_the_municipality(sjobo):
    # SCB counted 19 337 inhabitants in Sjöbo on 31 Dec 2024: half is 9 668.5, twice 38 674.
    for total in (9_999_999, 38_675, 9_668):
        wrong = pd.DataFrame({"year": [2027, 2028], "age_group": ["total"] * 2, "count": [19500, total]})
        with pytest.raises(ValueError, match=f"total for 2028 = {total:,.0f}".replace(",", " ")
                           + r" is not plausible for Sjöbo: SCB counted 19 337"):
            kb.with_population_forecast(sjobo, wrong)
    edge = pd.DataFrame({"year": [2027, 2028], "age_group": ["total"] * 2, "count": [19500, 38_674]})
    assert kb.with_population_forecast(sjobo, edge).assumptions.get("population", 2029)[0] == 38_674
