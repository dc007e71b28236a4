"""The teaching panel (:mod:`kommunbudget.report.teaching`) without a browser: moving a control (setting a widget's
``value``, as the front end does) changes what the panel shows by exactly what an independent derivation from the
baseline projection's own inputs says (docs/model.md §2, §3, §6, §8), the tax change still needed follows the core's
answer, the texts follow the language and numbers are babel's Swedish form.

The derivations read the baseline (``kb.load("Sjöbo").project(2030)``) and its assumptions, never the panel's
projection: a tax change of x öre adds x/100 kr per 100 kr on the tax base (x × 10^-4 × tax base, MSEK); a one-off
efficiency of q on all lines saves q × (operating costs − (operating income − realisation gains)) (§8: the
municipality-wide net share); n households off assistance save n × k0 × Π(1 + O) / 10^6 with k0 Sweden's assistance
paid per household in 2024 (ekonomiskt_bistand.csv) and O the other-consumption change (§6); PKV one point higher in
both components moves every cost line by Π (1 + PKV + 0.01) / (1 + PKV) after the plan (§2).
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from babel.numbers import format_decimal

import kommunbudget as kb
from kommunbudget.data.tables import cached_table
from kommunbudget.model import core
from kommunbudget.report import teaching

HORIZON = 2030


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def baseline(sjobo):
    return sjobo.project(HORIZON)


@pytest.fixture
def panel():
    return teaching.teaching_panel()


def _shown_change(panel, baseline, line: str) -> np.ndarray:
    return panel.shown.loc[line].to_numpy() - baseline.line(line)


def _from(years: list[int], first: int, values: np.ndarray) -> np.ndarray:
    return np.where(np.array(years) >= first, values, 0.0)


def test_defaults_are_sjobo_2024_to_2030_in_swedish(panel, baseline):
    assert panel.municipality.code == "1265" and panel.municipality.base_year == 2024
    assert list(panel.shown.columns) == list(range(2024, HORIZON + 1))
    assert "Sjöbo (1265): budget 2024 och framskrivning till 2030" in panel.title.value
    # with every control at 0 the panel shows the baseline itself
    for line, _unit in teaching.ROWS:
        assert np.array_equal(panel.shown.loc[line].to_numpy(), baseline.line(line)), line
    assert panel.controls["tax_from_year"].value == 2027  # the first year whose own rate is not decided


def test_tax_change_adds_the_rate_times_the_tax_base(panel, baseline):
    panel.controls["tax_from_year"].value = 2027
    panel.controls["tax_change_ore"].value = 30
    expected = _from(baseline.years, 2027, 30 * 1e-4 * baseline.line("tax_base"))  # 30 öre = 0.30 kr per 100 kr
    np.testing.assert_allclose(_shown_change(panel, baseline, "tax_revenue"), expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(_shown_change(panel, baseline, "result"), expected, rtol=0, atol=1e-9)
    np.testing.assert_allclose(panel.shown.loc["tax_rate"].to_numpy(),
                               baseline.line("tax_rate") + _from(baseline.years, 2027, 0.30), rtol=0, atol=1e-12)
    # the table shows the new tax revenue of 2030 as babel writes it in Swedish (decimal comma, no-break space)
    revenue_2030 = baseline.line("tax_revenue")[-1] + expected[-1]
    assert format_decimal(revenue_2030, format="#,##0.0", locale="sv_SE") in panel.table.value
    assert "\u00a0" in format_decimal(revenue_2030, format="#,##0.0", locale="sv_SE")


def test_efficiency_saves_the_rate_times_the_net_cost(panel, baseline):
    panel.set(efficiency_percent=1.0, measures_from_year=2027)
    net_cost = -baseline.line("operating_costs") - (baseline.line("operating_income")
                                                    - baseline.line("realisation_gains"))
    expected = _from(baseline.years, 2027, 0.01 * net_cost)
    np.testing.assert_allclose(_shown_change(panel, baseline, "result"), expected, rtol=0, atol=1e-9)


def test_households_off_assistance_save_the_national_assistance(panel, sjobo, baseline):
    panel.set(households_off_assistance=50, measures_from_year=2027)
    table = cached_table("ekonomiskt_bistand.csv")
    sweden = table[(table["niva"] == "riket") & (table["ar"] == 2024)].iloc[0]
    per_household_kr = float(sweden["utbetalt_tkr"]) * 1000.0 / float(sweden["bistandshushall"])
    other = [sjobo.assumptions.get("other_cost_change", y)[0] for y in baseline.years[1:]]
    uprating = np.cumprod([1.0] + [1.0 + o for o in other])  # base year 2024 = 1
    expected = _from(baseline.years, 2027, 50 * per_household_kr * uprating / 1e6)
    np.testing.assert_allclose(_shown_change(panel, baseline, "result"), expected, rtol=0, atol=1e-9)


def test_pkv_one_point_higher_after_the_plan(panel, sjobo, baseline):
    panel.set(labour_cost_pp=1.0, other_cost_pp=1.0)
    plan_end = max(sjobo.plan_years)
    assert plan_end == 2027

    def pkv(year):
        w = sjobo.assumptions.get("labour_weight", year)[0]
        return (w * sjobo.assumptions.get("labour_cost_change", year)[0]
                + (1 - w) * sjobo.assumptions.get("other_cost_change", year)[0])

    factor = np.cumprod([(1 + pkv(y) + 0.01) / (1 + pkv(y)) if y > plan_end else 1.0 for y in baseline.years])
    np.testing.assert_allclose(panel.projection.line("operating_costs"), baseline.line("operating_costs") * factor,
                               rtol=1e-13, atol=0)
    assert "2028–2030" in panel.pkv_heading.value


def test_tax_need_is_what_the_core_says_and_falls_by_the_change_chosen(panel, baseline):
    target = kb.parse_target("share:0.02")
    need = panel.tax_need_ore["target"]
    assert need == pytest.approx(baseline.sustained_change(target, 2027) * 100, abs=1e-9)
    assert panel.tax_need_ore["balanced_budget"] == pytest.approx(
        baseline.sustained_change(kb.parse_target("balanced-budget"), 2027) * 100, abs=1e-9)
    assert need > 0  # Sjöbo misses 2 % in 2030 without measures
    chosen = math.ceil(need)
    panel.controls["tax_change_ore"].value = chosen
    assert panel.tax_need_ore["target"] == pytest.approx(need - chosen, abs=1e-6)
    met = np.asarray(core.target_met(panel.projection.core, target), dtype=float)
    assert np.array_equal(panel.shown.loc["meets_target"].to_numpy(), met)
    assert all(panel.shown.loc["meets_target", y] == 1.0 for y in range(2027, HORIZON + 1))
    assert 'data-need="target"' in panel.need.value and "nås redan" in panel.need.value


def test_gap_text_is_the_benchmarks_gap(panel):
    table = kb.benchmark.benchmark("Sjöbo").set_index("area")
    gap = max(0.0, float(table.loc["elderly_care", "gap_to_peers_msek"]))
    assert format_decimal(gap, format="#,##0.0", locale="sv_SE") in panel.gap_text.value


def test_chart_is_a_png_that_follows_the_sliders(panel):
    before = bytes(panel.chart.value)  # the Image widget holds a memoryview
    assert before.startswith(b"\x89PNG\r\n\x1a\n")
    panel.controls["efficiency_percent"].value = 3.0
    after = bytes(panel.chart.value)
    assert after.startswith(b"\x89PNG\r\n\x1a\n") and after != before
    assert set(panel.update_seconds) == {"numbers", "chart"}


def test_another_municipality_by_name(panel):
    panel.set(municipality="ystad")
    assert panel.municipality.code == "1286" and panel.municipality.approximate
    assert "Ystad (1286)" in panel.title.value and "Ungefärligt utgångsläge" in panel.title.value
    inhabitants = kb.data.municipalities().set_index("code").loc["1286", "population_2024"]
    assert panel.controls["households_off_assistance"].max == int(inhabitants * 0.02)
    assert list(panel.shown.loc["result"].index) == list(range(2024, HORIZON + 1))


def test_english_labels_and_numbers():
    panel = teaching.teaching_panel(language="en")
    assert "Sjöbo (1265): budget 2024 and projection to 2030" in panel.title.value
    assert "Result for the year" in panel.table.value and "Meets the 2 % target" in panel.table.value
    revenue = panel.shown.loc["tax_revenue", 2025]
    assert format_decimal(revenue, format="#,##0.0", locale="en_GB") in panel.table.value


@pytest.mark.parametrize("kwargs, fragment", [
    ({"municipality": "Atlantis"}, "Atlantis"),
    ({"language": "de"}, "language = 'de'"),
    ({"horizon": 2024}, "horizon = 2024"),
    ({"target_share": 2.0}, "target_share = 2.0"),
])
def test_bad_input_is_refused_with_a_clear_message(kwargs, fragment):
    with pytest.raises(ValueError) as error:
        teaching.teaching_panel(**kwargs)
    assert fragment in str(error.value)


def test_set_refuses_an_unknown_control_and_a_value_out_of_range(panel):
    with pytest.raises(ValueError, match="unknown control"):
        panel.set(interest_rate=0.05)
    with pytest.raises(ValueError, match=r"tax_change_ore = 1000; expected a whole number in the control's range "
                                         r"\[-100, 200\]"):
        panel.set(tax_change_ore=1000)
    with pytest.raises(ValueError, match=r"tax_change_ore = 2.5; expected a whole number"):
        panel.set(tax_change_ore=2.5)
    with pytest.raises(ValueError, match="gap_area = 'schools' is not a value of the control"):
        panel.set(gap_area="schools")


def test_page_language_from_the_environment(monkeypatch):
    monkeypatch.delenv(teaching.LANGUAGE_VARIABLE, raising=False)
    assert teaching.page_language() == "sv"
    monkeypatch.setenv(teaching.LANGUAGE_VARIABLE, "en")
    assert teaching.page_language() == "en"
    monkeypatch.setenv(teaching.LANGUAGE_VARIABLE, "fi")
    with pytest.raises(ValueError, match=f"{teaching.LANGUAGE_VARIABLE} = 'fi'"):
        teaching.page_language()


def test_answer_is_collapsed():
    box = teaching.answer("<b>42</b>")
    assert box.selected_index is None
    assert box.titles == ("Svar",) and box.children[0].value == "<b>42</b>"
    assert teaching.answer("x", language="en").titles == ("Answer",)
