"""Scenario files: validation (one case per failure mode, each asserting the message), running, effects that add
up, the bridge, raise-tax-vs-measures, atomic saving. Expected values are derived in the tests."""
from __future__ import annotations

import dataclasses
from importlib import resources

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget import scenarios
from kommunbudget.model.targets import TARGET_SHARE_RANGE

EXAMPLE = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_before_tax_rise.toml"

MINIMAL = """
name = "t"
municipality = "Sjöbo"
horizon = 2028
[[measures]]
name = "spara"
kind = "fixed_saving"
amount_msek = 10.0
start_year = 2026
"""


@pytest.fixture(scope="module")
def example():
    return scenarios.run(str(EXAMPLE))


def test_example_effects_add_up_to_the_scenario(example):
    total = example.projection.line("result") - example.baseline.line("result")
    np.testing.assert_allclose(example.measure_effects.sum(axis=0).to_numpy(dtype=float), total, atol=1e-9)
    assert list(example.measure_effects.index) == ["arbetslinje", "gymnasieskola: halva kostnadsgapet",
                                                   "sälj tom lokal"]
    assert example.measure_kinds["sälj tom lokal"] == "disposal"
    assert example.measure_topics["arbetslinje"] == [11, 13, 16]


def test_bridge_sums_exactly_both_ways(example):
    bridge = example.bridge(2030)
    for view in ("measure", "line"):
        rows = bridge[bridge["view"] == view]
        start, end = rows.iloc[0]["msek"], rows.iloc[-1]["msek"]
        assert rows.iloc[1:-1]["msek"].sum() == pytest.approx(end - start, abs=1e-9)
    assert bridge.iloc[0]["msek"] == pytest.approx(example.baseline.line("result")[-1])


def test_nka_gap_by_hand(example):
    # Gymnasieskola: SCB net cost 109.218 MSEK, NKA 11.1661 % (Kolada N17001 2024): gap = cost × NKA / (100 + NKA);
    # half of it, ramped over three years from 2026, uprated with labour share 0.7 from 2024 prices.
    gap = 109.218 * 11.1661 / 111.1661
    b = example.baseline
    factor = 1.0
    for year in (2025, 2026):
        lab = b.municipality.assumptions.get("labour_cost_change", year)[0]
        oth = b.municipality.assumptions.get("other_cost_change", year)[0]
        factor *= 1 + 0.7 * lab + 0.3 * oth
    k26 = b.years.index(2026)
    saving_2026 = example.projection.line("fixed_saving")[k26]
    assert saving_2026 == pytest.approx(gap * 0.5 * factor / 3, rel=1e-9)


def test_disposal_gain_is_outside_the_balanced_budget_result(example):
    k = example.baseline.years.index(2026)
    # Market value − book value on the sale date (1 July 2026): 8.0 on 1 January 2024 less 0.4 a year for 2.5 years.
    gain = 14.0 - (8.0 - 0.4 * 2.5)
    s, b = example.projection, example.baseline
    assert s.line("disposal_realisation_gain")[k] == pytest.approx(gain)
    diff_result = s.line("result")[k] - b.line("result")[k]
    diff_bb = s.line("balanced_budget_result")[k] - b.line("balanced_budget_result")[k]
    assert diff_result - diff_bb == pytest.approx(gain, abs=1e-9)


def test_tax_rate_equivalent_of_a_measure_equals_the_tax_change_giving_the_same_result(example):
    # The saving's öre in 2028 applied as a tax change from 2028 gives the same result that year.
    year = 2028
    k = example.baseline.years.index(year)
    ore = example.measure_effects_ore.at["gymnasieskola: halva kostnadsgapet", year]
    taxed = example.municipality.project(2030, kb.Measures(tax_changes=[kb.TaxChange(
        from_year=year, change_kr_per_100kr=ore / 100)]))
    assert taxed.line("result")[k] - example.baseline.line("result")[k] == pytest.approx(
        example.measure_effects.at["gymnasieskola: halva kostnadsgapet", year], rel=1e-9)


def test_raise_tax_vs_measures(example):
    needed = example.tax_needed()
    assert needed.loc["with measures", "change_kr_per_100kr"] < needed.loc["without measures", "change_kr_per_100kr"]
    # Plugging the change in meets the target in every year from 2025.
    change = needed.loc["with measures", "change_kr_per_100kr"]
    measures = example.scenario.measures_core()
    measures.tax_changes = [kb.TaxChange(from_year=2025, change_kr_per_100kr=change)]
    p = example.municipality.project(2030, measures)
    gaps = kb._core.target_gap_msek(p.core, example.target)
    assert max(gaps[1:]) == pytest.approx(0.0, abs=1e-6)


def test_zero_size_measures_give_the_baseline():
    zero = scenarios.parse(MINIMAL.replace("amount_msek = 10.0", "amount_msek = 0.0"))
    r = scenarios.run(zero)
    np.testing.assert_array_equal(r.projection.line("result"), r.baseline.line("result"))


def test_save_is_atomic_and_reads_back_and_load_does_not_touch_the_file(tmp_path):
    source = tmp_path / "s.toml"
    source.write_text(MINIMAL, encoding="utf-8")
    before = source.read_bytes()
    s = scenarios.load_scenario(source)
    assert source.read_bytes() == before
    target = tmp_path / "copy.toml"
    target.write_text("old", encoding="utf-8")
    scenarios.save(s, target)
    again = scenarios.load_scenario(target)
    assert again.measures == s.measures and again.horizon == 2028
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.toml", "s.toml"]
    with pytest.raises(ValueError, match="is a directory"):
        scenarios.save(s, tmp_path)


@pytest.mark.parametrize("text, message", [
    ("name = ", "not valid TOML"),
    (MINIMAL + "colour = 'red'\n", r"measures\[0\] \(spara\).colour: unknown key for a fixed_saving measure"),
    (MINIMAL.replace('municipality = "Sjöbo"\n', ""), "municipality: missing"),
    (MINIMAL.replace("horizon = 2028", "horizon = '2028'"), 'horizon: "2028" is not a whole number'),
    (MINIMAL.replace("amount_msek = 10.0", "amount_msek = 'ten'"), r'amount_msek: "ten" is not a number'),
    (MINIMAL.replace('kind = "fixed_saving"', 'kind = "miracle"'), r"kind: 'miracle'; expected one of"),
    (MINIMAL.replace("start_year = 2026", ""), r"missing start_year for a fixed_saving measure"),
    (MINIMAL + MINIMAL[MINIMAL.index("[[measures]]"):], r"the name 'spara' is used twice"),
    (MINIMAL.replace('kind = "fixed_saving"', 'kind = "fixed_saving"\ntopics = [25]'), r"\[25\] are not checklist"),
    (MINIMAL.replace('horizon = 2028', 'horizon = 2028\ntarget = "lots"'), r'target: "lots" is not a target'),
    ("municipality = 'Sjöbo'\nhorizon = 2028\nwho = 1\n", r"who: unknown key"),
    # values in TOML spelling; a missing kind; [measures] for [[measures]]; non-finite numbers; the target's range
    (MINIMAL.replace("horizon = 2028", "horizon = 2028\nuse_plan_growth = 'no'"),
     r'use_plan_growth: "no" is not true or false$'),
    (MINIMAL.replace('municipality = "Sjöbo"', "municipality = true"), r"municipality: true is not text or a whole"),
    (MINIMAL.replace('kind = "fixed_saving"', 'kind = "fixed_saving"\ncost_line = ["elderly_care"]'),
     r'cost_line: \["elderly_care"\] is not text$'),
    (MINIMAL.replace('kind = "fixed_saving"\n', ""),
     r"measures\[0\] \(spara\).kind: missing; expected one of work_line, "),
    (MINIMAL.replace('kind = "fixed_saving"', "kind = 3"), r"kind: 3 is not text; expected one of work_line, "),
    (MINIMAL.replace("[[measures]]", "[measures]"), r"measures: a single \[measures\] table; expected an array of "
                                                     r"tables: write \[\[measures\]\]"),
    (MINIMAL.replace("amount_msek = 10.0", "amount_msek = -inf"), r"amount_msek: -inf is not a finite number$"),
    (MINIMAL.replace("amount_msek = 10.0", "amount_msek = nan"), r"amount_msek: nan is not a finite number$"),
    (MINIMAL.replace("horizon = 2028", 'horizon = 2028\ntarget = "share:-1"'),
     r'target: "share:-1": target.share = -1 is outside the allowed range \[-0.5, 0.5\] .*did you mean -0.01\?'),
    (MINIMAL.replace("horizon = 2028", 'horizon = 2028\ntarget = "share:0.6"'),
     r'target: "share:0.6": target.share = 0.6 is outside the allowed range \[-0.5, 0.5\] for a result target '
     r'\(a fraction of tax revenue and general grants, 0.02 = 2 %\)$'),
])
def test_invalid_scenarios_name_file_key_and_allowed_values(text, message):
    with pytest.raises(ValueError, match=message) as info:
        scenarios.parse(text, "bad.toml")
    assert "scenario bad.toml" in str(info.value)


def test_core_refusal_names_the_file_and_measure(tmp_path):
    bad = tmp_path / "late.toml"
    bad.write_text(MINIMAL.replace("start_year = 2026", "start_year = 2035"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"late.toml: measures\[0\] \(spara\).start_year = 2035 is outside"):
        scenarios.run(bad)


def test_premises_target_lomma_share():
    # Lomma (the report): a requirement of 10 % of total premises costs; on a 200 MSEK base that is 20 MSEK.
    text = MINIMAL.replace('kind = "fixed_saving"\namount_msek = 10.0',
                           'kind = "premises_target"\ntotal_premises_cost_msek = 200.0\nshare = 0.10')
    r = scenarios.run(scenarios.parse(text))
    k = r.baseline.years.index(2026)
    other = [r.municipality.assumptions.get("other_cost_change", y)[0] for y in (2025, 2026)]
    assert r.projection.line("fixed_saving")[k] == pytest.approx(20.0 * (1 + other[0]) * (1 + other[1]), rel=1e-9)


def test_compare_scenarios(example):
    other = scenarios.run(scenarios.parse(MINIMAL.replace("horizon = 2028", "horizon = 2030")))
    table = scenarios.compare_scenarios([example, other])
    assert set(table.index.get_level_values(0)) == {example.scenario.name, "t"}
    assert ("t", "measures_ore") in table.index


@pytest.mark.parametrize("old, new, message", [
    ('kind = "fixed_saving"\namount_msek = 10.0',
     'kind = "premises_target"\ntotal_premises_cost_msek = 100.0\nshare = 10.0', r"share: 10 is outside \[0, 1\].*0.1"),
    ('kind = "fixed_saving"\namount_msek = 10.0',
     'kind = "nka_gap"\nnet_cost_msek = 100.0\nnet_cost_deviation_percent = -8.0\nshare_closed = 0.5',
     "no gap to close"),
    ('kind = "fixed_saving"\namount_msek = 10.0',
     'kind = "nka_gap"\nnet_cost_msek = 100.0\nnet_cost_deviation_percent = 8.0\nshare_closed = 50.0',
     r"share_closed: 50 is outside \[0, 1\]"),
    ("amount_msek = 10.0", "amount_msek = 10.0\nlabour_share = -0.5", r"labour_share: -0.5 is outside \[0, 1\]"),
    ("start_year = 2026", "start_year = 2026\nstart_month = 13", r"start_month: 13 is outside \[1, 12\]"),
])
def test_values_the_core_cannot_attribute_are_checked_on_load(old, new, message):
    assert old in MINIMAL
    with pytest.raises(ValueError, match=message):
        scenarios.parse(MINIMAL.replace(old, new), "bad.toml")


def test_measures_start_after_the_base_year():
    early = scenarios.parse(MINIMAL.replace("start_year = 2026", "start_year = 2024"), "early.toml")
    with pytest.raises(ValueError, match=r"early.toml: measures\[0\] \(spara\).start_year: 2024 is not after"):
        scenarios.run(early)


def test_bridge_by_driver_sums_exactly_and_ends_with_the_measures(example):
    frame = example.bridge_by_driver(2030)
    assert frame.iloc[0]["msek"] == pytest.approx(-26.1)  # Sjöbo's budgeted result 2024
    assert frame["msek"].iloc[:-1].sum() == pytest.approx(frame.iloc[-1]["msek"], abs=1e-9)
    measures = frame[frame["driver"] == "measures"]["msek"].iloc[0]
    assert measures == pytest.approx(example.measure_effects[2030].sum(), abs=1e-9)
    # With everything frozen but the national capacity, the equalisation grows: a positive step for Sjöbo, which is
    # below the guarantee.
    assert frame[frame["driver"].str.startswith("national")]["msek"].iloc[0] > 0
    with pytest.raises(ValueError, match="year = 2024 is outside"):
        example.bridge_by_driver(2024)


# --- efficiency per service area: start month, ramp, realised share, one-off cost ---------------------------------

EFFICIENCY = """
name = "e"
municipality = "Sjöbo"
horizon = 2029
[[measures]]
name = "effektivisera"
kind = "efficiency"
from_year = 2026
"""


def _line(m) -> str:
    """A cost line to test on: elderly care when the baseline has service-area lines, else its first line."""
    from kommunbudget.data.service_areas import SERVICE_AREAS

    names = m.cost_line_names()
    preferred = ["elderly_care"] + [a.key for a in SERVICE_AREAS]
    return next((n for n in preferred if n in names), names[0])


def _line_costs(m, name: str, years: list[int]) -> np.ndarray:
    """The line's baseline cost by year, derived here from its base-year cost, volume growth and PKV (labour share
    negative = PKV's weight of the year): cost[t] = cost[t-1] × (1 + volume) × (1 + w·labour + (1 − w)·other)."""
    line = next(x for x in m.base_fields["cost_lines"] if x["name"] == name)
    cost, out = float(line["cost_msek"]), []
    for year in years:
        if year > m.base_year:
            a = m.assumptions
            w = line["labour_share"] if line["labour_share"] >= 0 else a.get("labour_weight", year)[0]
            price = w * a.get("labour_cost_change", year)[0] + (1 - w) * a.get("other_cost_change", year)[0]
            cost *= (1 + a.get(f"volume_growth:{name}", year)[0]) * (1 + price)
        out.append(cost)
    return np.array(out)


def _net_share(r) -> np.ndarray:
    """The municipality-wide net (tax-financed) share of the cost lines by year, derived here from the baseline
    statement: 1 − (operating income − realisation gains) / operating costs (realisation_gains is printed negative,
    so income + that line is the income without gains). The default base of an efficiency rate (0.5.0)."""
    b = r.baseline
    income = b.line("operating_income") + b.line("realisation_gains")
    return 1.0 - income / -b.line("operating_costs")


def _efficiency(extra: str, line: str | None = None) -> scenarios.ScenarioResult:
    body = EFFICIENCY + extra + (f'cost_line = "{line}"\n' if line is not None else "")
    return scenarios.run(scenarios.parse(body, "e.toml"))


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


def test_derived_line_costs_add_up_to_the_baseline(sjobo):
    baseline = sjobo.project(2029)
    total = sum(_line_costs(sjobo, n, baseline.years) for n in sjobo.cost_line_names())
    np.testing.assert_allclose(total, -baseline.line("operating_costs"), rtol=1e-12)


def test_efficiency_from_april_saves_nine_twelfths_in_its_first_year(sjobo):
    line = _line(sjobo)
    r = _efficiency("rate = 0.02\nstart_month = 4\n", line)
    years = r.baseline.years
    cost = _line_costs(sjobo, line, years)
    saving = r.projection.line("efficiency_saving")
    # A service-area line is already a net cost (SCB's net cost by activity): the rate acts on the whole line.
    k = years.index(2026)
    assert saving[k] == pytest.approx(9 / 12 * 0.02 * cost[k], rel=1e-12)
    assert saving[k + 1] == pytest.approx(0.02 * cost[k + 1], rel=1e-12)  # the full step from the 2nd year
    assert saving[: k].tolist() == [0.0] * k
    # On all lines the base is the baseline's net costs: operating costs − operating income without gains.
    everything = _efficiency("rate = 0.02\nstart_month = 4\n")
    b = r.baseline
    net_costs = -b.line("operating_costs")[k] - (b.line("operating_income")[k] + b.line("realisation_gains")[k])
    assert everything.projection.line("efficiency_saving")[k] == pytest.approx(9 / 12 * 0.02 * net_costs, rel=1e-12)
    # With on_gross = true the rate cuts the gross cost, fee-financed parts included.
    gross = _efficiency("rate = 0.02\nstart_month = 4\non_gross = true\n")
    assert gross.projection.line("efficiency_saving")[k] == pytest.approx(
        9 / 12 * 0.02 * -b.line("operating_costs")[k], rel=1e-12)


def test_a_service_area_line_is_cut_whole_other_activities_by_the_municipality_wide_share(sjobo):
    # Defect 0.5.0: a rate on elderly care was netted twice (× the municipality-wide share on a line that is
    # already SCB's net cost). By hand: 1 % of the line's 2026 cost (one-off step, January, ramp 1, realised 1).
    years = sjobo.project(2029).years
    k = years.index(2026)
    elderly = _efficiency("rate = 0.01\n", "elderly_care")
    cost = _line_costs(sjobo, "elderly_care", years)
    assert elderly.projection.line("efficiency_saving")[k] == pytest.approx(0.01 * cost[k], rel=1e-12)
    # The user's overrides still hold: the line's own share, or the gross cost (1 here: the same as the default).
    own = _efficiency("rate = 0.01\nnet_share = 0.5\n", "elderly_care")
    assert own.projection.line("efficiency_saving")[k] == pytest.approx(0.5 * 0.01 * cost[k], rel=1e-12)
    # other_activities holds the gross-up for fees and grants: the municipality-wide net share applies there.
    other = _efficiency("rate = 0.01\n", "other_activities")
    rest = _line_costs(sjobo, "other_activities", years)
    assert other.projection.line("efficiency_saving")[k] == pytest.approx(0.01 * _net_share(other)[k] * rest[k],
                                                                          rel=1e-12)
    assert _net_share(other)[k] < 0.9  # Sjöbo's operating income finances more than a tenth: the share matters
    # The core measure says so, and the note names the base without a "% of gross costs".
    assert elderly.scenario.measures[0].to_core().net_share == 1.0
    note = elderly.lever_notes()["effektivisera"]
    assert note.startswith("1.0% of the net cost of elderly_care (a net-cost line: SCB's net cost by activity")
    assert "of gross costs" not in note


def test_efficiency_ramp_reaches_the_step_in_equal_parts(sjobo):
    line = _line(sjobo)
    r = _efficiency("rate = 0.03\nramp_years = 3\n", line)
    years = r.baseline.years
    cost = _line_costs(sjobo, line, years)
    share = r.projection.line("efficiency_saving") / cost  # a net-cost line: the rate acts on the whole line
    k = years.index(2026)
    np.testing.assert_allclose(share[k:], [0.01, 0.02, 0.03, 0.03], rtol=1e-12)  # 1/3, 2/3, 1, and it persists


def test_realised_share_halves_the_saving(sjobo):
    line = _line(sjobo)
    full = _efficiency("rate = 0.02\nstart_month = 7\nramp_years = 2\n", line)
    half = _efficiency("rate = 0.02\nstart_month = 7\nramp_years = 2\nrealised_share = 0.5\n", line)
    cost = _line_costs(sjobo, line, full.baseline.years)
    k = full.baseline.years.index(2026)
    # 2026: 6/12 of half the step (ramp 1/2); 2027 on: the full step. Realised by half.
    expected = np.array([6 / 12 * 0.02 / 2, 0.02, 0.02, 0.02]) * cost[k:]  # a net-cost line: the whole line
    np.testing.assert_allclose(full.projection.line("efficiency_saving")[k:], expected, rtol=1e-12)
    np.testing.assert_allclose(half.projection.line("efficiency_saving")[k:], expected / 2, rtol=1e-12)


def test_yearly_efficiency_compounds_the_ramped_step(sjobo):
    line = _line(sjobo)
    r = _efficiency("rate = 0.02\nyearly = true\nramp_years = 2\n", line)
    cost = _line_costs(sjobo, line, r.baseline.years)
    k = r.baseline.years.index(2026)
    levels = np.cumprod([1 - 0.01, 1 - 0.02, 1 - 0.02, 1 - 0.02])
    # A net-cost line (net share 1): saving = (1 − level) × cost.
    np.testing.assert_allclose(r.projection.line("efficiency_saving")[k:], (1 - levels) * cost[k:], rtol=1e-12)


def test_one_off_cost_appears_once_and_in_the_measure_effect(sjobo):
    r = _efficiency("rate = 0.01\none_off_cost_msek = 1.5\n", _line(sjobo))
    k = r.baseline.years.index(2026)
    one_off = r.projection.line("efficiency_one_off_cost")
    expected = np.zeros(len(r.baseline.years))
    expected[k] = 1.5
    np.testing.assert_array_equal(one_off, expected)
    # The effect on the result is the saving less the one-off cost, year by year; the bridge by line has it in
    # operating costs and still sums exactly.
    effect = r.measure_effects.loc["effektivisera"].to_numpy(dtype=float)
    np.testing.assert_allclose(effect, r.projection.line("efficiency_saving") - expected, atol=1e-9)
    bridge = r.bridge(2026)
    lines = bridge[bridge["view"] == "line"].set_index("item")["msek"]
    assert lines["operating_costs"] == pytest.approx(r.projection.line("efficiency_saving")[k] - 1.5, abs=1e-9)
    assert lines.iloc[1:-1].sum() == pytest.approx(lines.iloc[-1] - lines.iloc[0], abs=1e-9)


def test_efficiency_fields_reach_the_core_and_read_back():
    s = scenarios.parse(EFFICIENCY + 'rate = 0.02\nstart_month = 4\nramp_years = 3\nrealised_share = 0.5\n'
                                     'one_off_cost_msek = 2.0\ncost_line = "elderly_care"\nyearly = true\n')
    core = s.measures[0].to_core()
    assert (core.from_year, core.rate, core.start_month, core.ramp_years, core.realised_share, core.one_off_cost_msek,
            core.cost_line, core.yearly) == (2026, 0.02, 4, 3, 0.5, 2.0, "elderly_care", True)
    again = scenarios.parse(scenarios.to_toml(s))
    assert again.measures == s.measures


@pytest.mark.parametrize("extra, message", [
    ("rate = 3.0\n", r"rate: 3 is outside \[0, 0.5\] \(a fraction is expected; did you mean 0.03\?\): 3 looks like a "
                     r"percent"),
    ("rate = 0.6\n", r"rate: 0.6 is outside \[0, 0.5\]$"),
    ("rate = 0.02\nrealised_share = 50.0\n",
     r"realised_share: 50 is outside \[0, 1\] \(a fraction is expected; did you mean 0.5\?\): 50 looks like a percent"),
    ("rate = 0.02\nrealised_share = -0.1\n", r"realised_share: -0.1 is outside \[0, 1\] \(a fraction is expected\)"),
    ("rate = 0.02\nramp_years = 0\n", r"ramp_years: 0 is outside \[1, 50\]"),
    ("rate = 0.02\nstart_month = 0\n", r"start_month: 0 is outside \[1, 12\]"),
    ("rate = 0.02\none_off_cost_msek = -1.0\n", r"one_off_cost_msek: -1 is negative; expected a cost >= 0"),
    ("rate = 0.02\nramp_years = 1.5\n", r"ramp_years: 1.5 is not a whole number"),
    ("rate = 0.02\nyearly = 1\n", r"yearly: 1 is not true or false"),
    ("rate = 0.02\ncost_line = 3\n", r"cost_line: 3 is not text"),
    ("rate = 0.02\nramp = 2\n", r"ramp: unknown key for an efficiency measure; expected one of .*one_off_cost_msek, "
                                r"ramp_years, rate, realised_share, start_month, yearly"),
    ("", r"missing rate for an efficiency measure"),
])
def test_efficiency_values_are_checked_on_load_with_key_paths(extra, message):
    with pytest.raises(ValueError, match=r"scenario bad.toml: measures\[0\] \(effektivisera\)(\.|: )" + message):
        scenarios.parse(EFFICIENCY + extra, "bad.toml")


def test_unknown_cost_line_is_named_when_run(sjobo):
    s = scenarios.parse(EFFICIENCY + 'rate = 0.01\ncost_line = "moon_base"\n', "line.toml")
    expected = (r"line.toml: measures\[0\] \(effektivisera\).cost_line: 'moon_base' is not a cost line of Sjöbo "
                r"\(1265\) .*expected one of: " + sjobo.cost_line_names()[0])
    with pytest.raises(ValueError, match=expected):
        scenarios.run(s)


# --- fixed savings and NKA gaps tied to a cost line -----------------------------------------------------------------

def test_fixed_saving_on_a_line_is_uprated_with_the_line(sjobo):
    line = _line(sjobo)
    text = MINIMAL.replace("start_year = 2026", f'start_year = 2026\ncost_line = "{line}"')
    r = scenarios.run(scenarios.parse(text))
    spec = next(x for x in sjobo.base_fields["cost_lines"] if x["name"] == line)
    factor = 1.0
    for year in (2025, 2026):
        a = sjobo.assumptions
        w = spec["labour_share"] if spec["labour_share"] >= 0 else a.get("labour_weight", year)[0]
        factor *= 1 + w * a.get("labour_cost_change", year)[0] + (1 - w) * a.get("other_cost_change", year)[0]
    k = r.baseline.years.index(2026)
    assert r.projection.line("fixed_saving")[k] == pytest.approx(10.0 * factor, rel=1e-12)
    assert r.scenario.measures[0].to_core().cost_line == line


def test_fixed_saving_larger_than_its_line_is_refused(sjobo):
    line = _line(sjobo)
    cost = next(x["cost_msek"] for x in sjobo.base_fields["cost_lines"] if x["name"] == line)
    text = MINIMAL.replace("amount_msek = 10.0", f'amount_msek = {cost + 1.0}\ncost_line = "{line}"')
    with pytest.raises(ValueError, match=r"measures\[0\] \(spara\).amount_msek = .* exceeds the base-year cost of "
                                         rf"cost line '{line}'"):
        scenarios.run(scenarios.parse(text, "big.toml"))


def test_nka_gap_takes_a_cost_line(sjobo):
    line = _line(sjobo)
    text = MINIMAL.replace('kind = "fixed_saving"\namount_msek = 10.0',
                           f'kind = "nka_gap"\nnet_cost_msek = 100.0\nnet_cost_deviation_percent = 10.0\n'
                           f'share_closed = 0.5\ncost_line = "{line}"')
    s = scenarios.parse(text)
    core = s.measures[0].to_core()
    assert core.cost_line == line and core.labour_share < 0  # uprated with the line's labour share
    assert core.amount_msek == pytest.approx(100.0 * 10.0 / 110.0 * 0.5)
    scenarios.run(s)


# --- checks on load for every kind; the core's messages with the file's key paths ---------------------------------

KIND_BODIES = {
    "fixed_saving": 'kind = "fixed_saving"\namount_msek = 10.0\nstart_year = 2026\n',
    "premises_target": 'kind = "premises_target"\ntotal_premises_cost_msek = 200.0\nshare = 0.1\nstart_year = 2026\n',
    "nka_gap": 'kind = "nka_gap"\nnet_cost_msek = 100.0\nnet_cost_deviation_percent = 8.0\nshare_closed = 0.5\n'
               'start_year = 2026\n',
    "area_gap": 'kind = "area_gap"\nservice_area = "elderly_care"\nshare_closed = 0.25\nstart_year = 2026\n',
    "efficiency": 'kind = "efficiency"\nfrom_year = 2026\nrate = 0.01\n',
    "work_line": 'kind = "work_line"\nbaseline_households = 210.0\ncost_per_household_kr = 75045.0\n'
                 'start_year = 2026\ntarget_reduction = 0.2\n',
}
HEAD = 'name = "t"\nmunicipality = "Sjöbo"\nhorizon = 2030\n'


TIMING_CASES = [
    ("ramp_years = 0", r"ramp_years: 0 is outside \[1, 50\] \(1 = the full step in the first year\)$"),
    ("ramp_years = 51", r"ramp_years: 51 is outside \[1, 50\]"),
    ("realised_share = 1.5", r"realised_share: 1.5 is outside \[0, 1\] \(a fraction is expected\)$"),
    ("realised_share = 80.0", r"realised_share: 80 is outside \[0, 1\] \(a fraction is expected; did you mean 0.8\?\): "
                              r"80 looks like a percent$"),
    ("realised_share = -0.2", r"realised_share: -0.2 is outside \[0, 1\] \(a fraction is expected\)$"),
    ("one_off_cost_msek = -1.0", r"one_off_cost_msek: -1 is negative; expected a cost >= 0"),
    ("start_month = 0", r"start_month: 0 is outside \[1, 12\]$"),
]


@pytest.mark.parametrize("kind, extra, message", [
    pytest.param(kind, extra, message, id=f"{kind}-{extra}") for kind in sorted(KIND_BODIES)
    for extra, message in TIMING_CASES if extra.split(" = ")[0] in scenarios.MEASURE_KINDS[kind].fields])
def test_timing_fields_of_every_kind_are_checked_on_load(kind, extra, message):
    text = HEAD + '[[measures]]\nname = "m"\n' + KIND_BODIES[kind] + extra + "\n"
    with pytest.raises(ValueError, match=r"^scenario bad.toml: measures\[0\] \(m\)\." + message):
        scenarios.parse(text, "bad.toml")
    scenarios.run(scenarios.parse(HEAD + '[[measures]]\nname = "m"\n' + KIND_BODIES[kind], "good.toml"))


@pytest.mark.parametrize("kind, old, new, message", [
    ("fixed_saving", "amount_msek = 10.0", "amount_msek = -10.0",
     r"amount_msek: -10 is outside \[0, 100000\] MSEK \(a yearly saving in base-year prices"),
    ("fixed_saving", "amount_msek = 10.0", "amount_msek = 2e5", r"amount_msek: 200000 is outside \[0, 100000\] MSEK"),
    ("premises_target", "total_premises_cost_msek = 200.0", "total_premises_cost_msek = -200.0",
     r"total_premises_cost_msek: -200 is outside \[0, 100000\] MSEK \(the premises' yearly running cost \+ "
     r"depreciation"),
    ("nka_gap", "net_cost_deviation_percent = 8.0", "net_cost_deviation_percent = 2000.0",
     r"net_cost_deviation_percent = 2000 is outside the allowed range \[-99.999, 1000\] percent$"),
    ("nka_gap", "net_cost_msek = 100.0", "net_cost_msek = 2e6",
     r"net_cost_msek = 2e\+06 is outside the allowed range \[0, 1e\+06\] MSEK$"),
])
def test_amounts_are_checked_on_load_under_the_key_written(kind, old, new, message):
    text = HEAD + '[[measures]]\nname = "m"\n' + KIND_BODIES[kind].replace(old, new)
    with pytest.raises(ValueError, match=r"^scenario bad.toml: measures\[0\] \(m\)\." + message):
        scenarios.parse(text, "bad.toml")


def test_a_property_needs_a_non_empty_id_on_load():
    text = HEAD + ('[[measures]]\nname = "sälj"\nkind = "disposal"\nyear = 2026\n[measures.property]\nid = " "\n'
                   'market_value_msek = 14.0\n')
    with pytest.raises(ValueError, match=r"measures\[0\] \(sälj\).property.id: empty; every property has an id$"):
        scenarios.parse(text, "bad.toml")


#: One measure of each core list, in an order where the file's index differs from the core's list index.
MIXED = HEAD + """
[[measures]]
name = "effektivisera"
kind = "efficiency"
from_year = 2026
rate = 0.01

[[measures]]
name = "skatt"
kind = "tax_change"
from_year = 2026
change_kr_per_100kr = 0.1

[[measures]]
name = "arbetslinje"
kind = "work_line"
baseline_households = 210.0
cost_per_household_kr = 75045.0
start_year = 2026
target_reduction = 0.2

[[measures]]
name = "sälj"
kind = "disposal"
year = 2026
debt_interest_rate = 0.03
[measures.property]
id = "Exempel 1:1"
use = "vacant school building"
area_m2 = 2500.0
book_value_msek = 8.0
market_value_msek = 14.0
running_cost_msek = 1.6
depreciation_msek = 0.4
vacancy = 1.0
need_remains = false

[[measures]]
name = "lokaler"
kind = "premises_target"
total_premises_cost_msek = 200.0
share = 0.1
start_year = 2026

[[measures]]
name = "spara"
kind = "fixed_saving"
amount_msek = 10.0
start_year = 2026

[[measures]]
name = "gymnasiet"
kind = "nka_gap"
net_cost_msek = 109.218
net_cost_deviation_percent = 11.1661
share_closed = 0.5
start_year = 2026
cost_line = "upper_secondary_school"
"""


@pytest.mark.parametrize("old, new, expected", [
    ("change_kr_per_100kr = 0.1", "change_kr_per_100kr = 50.0",
     "measures[1] (skatt).change_kr_per_100kr[2026] = 50 is outside the allowed range [-10, 10] kr per 100 kr"),
    ("target_reduction = 0.2", "target_reduction = 20.0",
     "measures[2] (arbetslinje).target_reduction[2026] = 20 is outside the allowed range [0, 1] for a share"),
    ("debt_interest_rate = 0.03", "debt_interest_rate = 3.0",
     "measures[3] (sälj).debt_interest_rate[2026] = 3 is outside the allowed range [0, 0.2] for an interest rate"),
    ("share = 0.1\nstart_year = 2026", "share = 0.1\nstart_year = 2035",
     "measures[4] (lokaler).start_year = 2035 is outside the projected years [2024, 2030]"),
    ("amount_msek = 10.0\nstart_year = 2026", "amount_msek = 10.0\nstart_year = 2035",
     "measures[5] (spara).start_year = 2035 is outside the projected years [2024, 2030]"),
    ("net_cost_msek = 109.218", "net_cost_msek = 5000.0",
     "measures[6] (gymnasiet): the saving share_closed × the gap net_cost_msek × NKA / (100 + NKA), amount_msek = "),
])
def test_core_messages_name_the_key_path_of_the_file(old, new, expected):
    assert MIXED.count(old) == 1
    s = scenarios.parse(MIXED.replace(old, new), "mixed.toml")
    with pytest.raises(ValueError) as info:
        scenarios.run(s)
    message = str(info.value)
    assert message.startswith("scenario mixed.toml: ") and expected in message, message
    for core_list in ("tax_changes[", "efficiency[", "work_lines[", "disposals[", "fixed_savings["):
        assert core_list not in message, message


def test_core_message_about_an_inline_property_names_the_key_path_of_the_file():
    # A file's property is checked on load (as a portfolio row, below); the core's own check still names the key
    # path for a scenario changed in code after loading.
    s = scenarios.parse(MIXED, "mixed.toml")
    sale = s.measures[3]
    bad = dataclasses.replace(sale, fields={**sale.fields, "property": {**sale.fields["property"],
                                                                        "book_value_msek": -8.0}})
    s = dataclasses.replace(s, measures=s.measures[:3] + (bad,) + s.measures[4:])
    with pytest.raises(ValueError) as info:
        scenarios.run(s)
    message = str(info.value)
    expected = "measures[3] (sälj).property.book_value_msek[2026] = -8 is outside the allowed range [0, 100000] MSEK"
    assert message.startswith("scenario mixed.toml: ") and expected in message, message
    for core_list in ("tax_changes[", "efficiency[", "work_lines[", "disposals[", "fixed_savings["):
        assert core_list not in message, message


def test_an_inline_property_out_of_range_is_refused_on_load_as_a_portfolio_row():
    with pytest.raises(ValueError, match=r"^scenario mixed.toml: measures\[3\] \(sälj\).property.book_value_msek: -8 "
                                         r"is outside \[0, 100000\] MSEK$"):
        scenarios.parse(MIXED.replace("book_value_msek = 8.0", "book_value_msek = -8.0"), "mixed.toml")


def test_mixed_kinds_run_and_sources_say_how_derived_amounts_were_computed():
    r = scenarios.run(scenarios.parse(MIXED, "mixed.toml"))
    assert list(r.measure_effects.index) == [m.name for m in r.scenario.measures]
    gap = 109.218 * 11.1661 / 111.1661  # net cost × NKA / (100 + NKA)
    assert list(r.measure_sources) == ["lokaler", "gymnasiet"]
    assert r.measure_sources["lokaler"] == ("share 0.1 of total_premises_cost_msek 200.0 MSEK (as given): 20.0 MSEK a "
                                            "year (base-year prices)")
    assert f"= {gap:.1f} MSEK; share_closed 0.5 of it: {gap / 2:.1f} MSEK a year" in r.measure_sources["gymnasiet"]


@pytest.mark.parametrize("share", [-0.5, 0.5])
def test_the_target_range_checked_on_load_is_the_cores(example, share):
    statement = example.projection.core
    kb._core.target_gap_msek(statement, kb.parse_target(f"share:{share}"))  # the bounds are allowed by both
    outside = share * 1.0001
    with pytest.raises(ValueError, match=r"target.share = "):
        kb._core.target_gap_msek(statement, kb.Target(kind=kb.TargetKind.RESULT_SHARE, share=outside))
    with pytest.raises(ValueError, match=r"target.share = .* is outside the allowed range \[-0.5, 0.5\]"):
        kb.parse_target(f"share:{outside!r}")
    assert TARGET_SHARE_RANGE == (-0.5, 0.5)


# --- statement memo rows ------------------------------------------------------------------------------------------

def test_statement_memo_rows_show_the_one_off_costs(sjobo):
    text = MINIMAL.replace("start_year = 2026", "start_year = 2026\none_off_cost_msek = 0.7") + \
        '[[measures]]\nname = "effektivisera"\nkind = "efficiency"\nfrom_year = 2027\nrate = 0.01\n' \
        'one_off_cost_msek = 1.5\n'
    r = scenarios.run(scenarios.parse(text))
    years = r.baseline.years
    sv = r.projection.statement(language="sv")
    en = r.projection.statement()
    expected = {"efficiency_one_off_cost": (2027, 1.5), "fixed_saving_one_off_cost": (2026, 0.7)}
    labels = {spec[0]: spec for spec in kb.STATEMENT_LINES}
    for ident, (year, amount) in expected.items():
        row = np.zeros(len(years))
        row[years.index(year)] = amount
        _, label_sv, label_en, unit = labels[ident]
        np.testing.assert_array_equal(sv.loc[label_sv].to_numpy(), row)
        np.testing.assert_array_equal(en.loc[label_en].to_numpy(), row)
        assert unit == "MSEK" and en.attrs["units"][label_en] == "MSEK"
        assert label_en not in r.projection.statement(memo=False).index
    assert labels["efficiency_one_off_cost"][1] == "Engångskostnader för effektiviseringar"
    assert labels["fixed_saving_one_off_cost"][1] == "Engångskostnader för besparingar"
    # memo rows sit together after the efficiency savings, before the tax-change revenue
    order = [spec[0] for spec in kb.STATEMENT_LINES]
    assert order[order.index("efficiency_saving"):order.index("tax_change_revenue") + 1] == [
        "efficiency_saving", "efficiency_one_off_cost", "fixed_saving_one_off_cost", "tax_change_revenue"]
