"""A scenario's answers come from the core: öre (one öre = tax base / 10 000), one tolerance for "met" (a shortfall
of at most 1e-6 MSEK, docs/model.md §10), each measure's effect (measures added one at a time in file order) and the
bridge by driver. The expected values are derived here: by the rule written out, or by re-projecting with the
projector (each prefix of the measures; each driver restored in turn)."""
from __future__ import annotations

import dataclasses
import time
from importlib import resources

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget import scenarios
from kommunbudget.analysis.comparison import compare
from kommunbudget.cli.common import met
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, Provenance

EXAMPLE = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_before_tax_rise.toml"
#: docs/model.md §1 and §10: a shortfall of at most this much counts as met.
TOLERANCE_MSEK = 1e-6

MIXED = """
name = "mixed"
municipality = "Sjöbo"
horizon = 2030
[[measures]]
name = "effektivisera"
kind = "efficiency"
from_year = 2026
rate = 0.01
[[measures]]
name = "spara"
kind = "fixed_saving"
amount_msek = 8.0
start_year = 2027
ramp_years = 2
[[measures]]
name = "skatt"
kind = "tax_change"
from_year = 2028
change_kr_per_100kr = 0.25
[[measures]]
name = "spara igen"
kind = "fixed_saving"
amount_msek = 3.0
start_year = 2026
"""


@pytest.fixture(scope="module")
def example():
    return scenarios.run(str(EXAMPLE))


@pytest.fixture(scope="module")
def mixed():
    return scenarios.run(scenarios.parse(MIXED, "mixed.toml"))


def test_bridge_ore_is_msek_over_one_ore(example):
    for year in (2025, 2027, 2030):
        k = example.baseline.years.index(year)
        one_ore = float(example.baseline.line("tax_base")[k]) / 10000.0  # 0.01 kr per 100 kr of the tax base
        frame = example.bridge(year)
        np.testing.assert_allclose(frame["ore"].to_numpy(), frame["msek"].to_numpy() / one_ore, rtol=1e-12)
        drivers = example.bridge_by_driver(year)
        np.testing.assert_allclose(drivers["ore"].to_numpy(), drivers["msek"].to_numpy() / one_ore, rtol=1e-12)


def test_measure_effects_are_the_prefix_projections(mixed):
    """Each row: the result with the measures up to it (file order) minus the result with those before it."""
    s = mixed.scenario
    projector = mixed.municipality.projector(s.horizon)
    names = [m.name for m in s.measures]
    previous = np.array(projector.run(core.Measures()).result)
    assert list(mixed.measure_effects.index) == names
    for i, name in enumerate(names):
        current = np.array(projector.run(s.measures_core(names[: i + 1])).result)
        np.testing.assert_allclose(mixed.measure_effects.loc[name].to_numpy(dtype=float), current - previous,
                                   atol=1e-9)
        previous = current
    np.testing.assert_allclose(previous, mixed.projection.line("result"), atol=1e-9)
    tax_base = mixed.baseline.line("tax_base")
    np.testing.assert_allclose(mixed.measure_effects_ore.loc["skatt"].to_numpy(dtype=float),
                               mixed.measure_effects.loc["skatt"].to_numpy(dtype=float) / (tax_base / 10000.0),
                               rtol=1e-12)


def _bridge_by_reprojection(r, year: int) -> list[tuple[str, float]]:
    """The bridge by driver as its definition reads: every growth frozen, then each driver restored in turn."""
    m = r.municipality
    k = r.baseline.years.index(year)
    frozen = m.with_assumptions(labour_cost_change=0.0, other_cost_change=0.0, volume_growth=0.0,
                                operating_income_growth=0.0, tax_base_growth=0.0, national_tax_capacity_growth=0.0)
    steps = [("price (PKV)", ["labour_cost_change", "other_cost_change"]),
             ("volume", [f"volume_growth:{n}" for n in m.cost_line_names()]),
             ("operating income growth", ["operating_income_growth"]),
             ("own tax base growth", ["tax_base_growth"]),
             ("national tax capacity growth (equalisation)", ["national_tax_capacity_growth"])]
    rows = [("base-year result", float(r.baseline.line("result")[0]))]
    current = frozen
    previous = float(current.project(r.scenario.horizon).line("result")[k])
    rows.append(("other planned amounts", previous - rows[0][1]))
    years = range(m.base_year + 1, r.scenario.horizon + 1)
    for label, names in steps:
        restored = current.assumptions
        for name in names:  # the driver's values as the baseline resolves them (rules read with all drivers on)
            values = {y: m.assumptions.get(name, y)[0] for y in years}
            restored = restored.replace(name, AssumptionSeries(name, m.assumptions[name].unit, values,
                                                               {y: Provenance("user", "restored") for y in years}))
        current = dataclasses.replace(current, assumptions=restored)
        value = float(current.project(r.scenario.horizon).line("result")[k])
        rows.append((label, value - previous))
        previous = value
    rows.append(("measures", float(r.projection.line("result")[k]) - previous))
    rows.append(("scenario result", float(r.projection.line("result")[k])))
    return rows


@pytest.mark.parametrize("year", [2025, 2027, 2030])
def test_bridge_by_driver_is_the_reprojection(example, mixed, year):
    for r in (example, mixed):
        expected = _bridge_by_reprojection(r, year)
        frame = r.bridge_by_driver(year)
        assert list(frame["driver"]) == [label for label, _ in expected]
        np.testing.assert_allclose(frame["msek"].to_numpy(), [v for _, v in expected], atol=1e-9)


def _tax_change_to(line: str, offset_msek: float, target: str) -> scenarios.ScenarioResult:
    """A scenario whose only measure, a tax change in the last year, brings ``line`` of that year to
    ``-offset_msek``: the change is linear in the rate (c kr per 100 kr raise c / 100 × the tax base; the
    equalisation does not use the own rate)."""
    base = MIXED[: MIXED.index("[[measures]]")].replace('"mixed"', '"gräns"') + f'target = "{target}"\n'
    baseline = scenarios.run(scenarios.parse(base, "base.toml")).baseline
    value, tax_base = float(baseline.line(line)[-1]), float(baseline.line("tax_base")[-1])
    change = -(value + offset_msek) / (tax_base / 100.0)
    text = base + f'[[measures]]\nname = "skatt"\nkind = "tax_change"\nfrom_year = 2030\n' \
                  f'change_kr_per_100kr = {change!r}\n'
    r = scenarios.run(scenarios.parse(text, "gräns.toml"))
    assert float(r.projection.line(line)[-1]) == pytest.approx(-offset_msek, abs=1e-9)
    return r


@pytest.mark.parametrize("offset, expected", [(0.5e-6, 1.0), (-0.5e-6, 1.0), (5e-6, 0.0)])
def test_one_tolerance_for_met(offset, expected):
    """A shortfall of 0.5e-6 MSEK is within the tolerance (met); one of 5e-6 MSEK is not."""
    r = _tax_change_to("result", offset, "result")
    assert r.summary().loc["scenario_meets_target", 2030] == expected
    assert met(r.projection, r.target)[-1] is bool(expected)
    r = _tax_change_to("balanced_budget_result", offset, "result")
    assert r.summary().loc["scenario_meets_balanced_budget", 2030] == expected


def test_met_rows_follow_the_rule(example, mixed):
    for r in (example, mixed):
        frame = r.summary()
        for key, p in (("baseline", r.baseline), ("scenario", r.projection)):
            gap = np.array(core.target_gap_msek(p.core, r.target))
            np.testing.assert_array_equal(frame.loc[f"{key}_meets_target"].to_numpy(),
                                          (gap <= TOLERANCE_MSEK).astype(float))
            np.testing.assert_array_equal(frame.loc[f"{key}_meets_balanced_budget"].to_numpy(),
                                          (p.line("balanced_budget_result") >= -TOLERANCE_MSEK).astype(float))
            assert met(p, r.target) == [bool(g <= TOLERANCE_MSEK) for g in gap]
    c = compare(kb.load("Sjöbo"), 2030)
    table = c.table()
    for key, p in (("baseline", c.baseline), ("tax", c.tax), ("efficiency", c.efficiency)):
        gap = np.array(core.target_gap_msek(p.core, c.target))
        np.testing.assert_array_equal(table.loc[f"{key}_meets_target"].to_numpy(), (gap <= TOLERANCE_MSEK)
                                      .astype(float))


def _many(n: int) -> scenarios.Scenario:
    measures = "".join(f'[[measures]]\nname = "spara {i}"\nkind = "fixed_saving"\namount_msek = 0.01\n'
                       f'start_year = 2026\n' for i in range(n))
    return scenarios.parse('name = "many"\nmunicipality = "Sjöbo"\nhorizon = 2030\n' + measures, "many.toml")


def _best_time(scenario: scenarios.Scenario, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        fresh = dataclasses.replace(scenario)  # a new cache of core objects
        start = time.perf_counter()
        scenarios.run(fresh)
        best = min(best, time.perf_counter() - start)
    return best


def test_a_run_grows_at_most_quadratically_with_the_measures():
    """Four times the measures may take at most 16 times as long (quadratic; the margin covers the fixed part and
    noise). The old run, which built and projected every prefix in Python, took about 6 s for 1 000 measures and
    36 s for 2 000."""
    small, large = _many(400), _many(1600)
    scenarios.run(small)  # the municipality loaded and cached
    t_small, t_large = _best_time(small), _best_time(large)
    assert t_large < 16 * max(t_small, 0.01) * 1.5, (t_small, t_large)
    assert t_large < 10.0, t_large
