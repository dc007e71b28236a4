"""Sensitivity analysis (kommunbudget.analysis.sensitivity): the tornado and the Sobol pipeline.

- Each tornado bar is checked against two deterministic runs written out here by hand: the assumption changed through
  the public ``Municipality.with_assumptions``, projected, the result read off the statement and the need from the
  core's sustained change (``Projection.sustained_tax_change``); the defaults (SKR's PKV 2.6 % a year, the national
  tax base 4 % a year) are those of the embedded data and vintage skr-2025-report, and Sjöbo's adopted plan covers
  2025-2027, so the years varied are 2028-2030.
- The Sobol pipeline is checked on the Ishigami function against its indices derived in closed form below (not
  SALib's test data), and on the model: indices in range and a factor held fixed has no total effect.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from kommunbudget.analysis.sensitivity import FEW_SAMPLES_NOTE, Factor, default_factors, sobol, sobol_indices, tornado
from kommunbudget.analysis.sensitivity_defaults import years_text
from kommunbudget.baselines.load import load
from kommunbudget.scenarios.result import run as run_scenario

HORIZON = 2030
YEAR = 2030
FROM = 2027  # the first year whose own rate is not decided (Sjöbo decided 20.92 for 2025 and 2026)
TARGET = "share:0.02"
AFTER_PLAN = range(2028, HORIZON + 1)  # Sjöbo's plan: 2025-2027


@pytest.fixture(scope="module")
def sjobo():
    return load("Sjöbo", base_year=2024)


@pytest.fixture(scope="module")
def bars(sjobo):
    return tornado(sjobo, HORIZON, YEAR, TARGET, FROM)


def _by_hand(m, measures=None):
    """(result of YEAR in MSEK, sustained need from FROM in öre) of one deterministic run."""
    p = m.project(HORIZON, measures)
    return float(p.line("result")[p.years.index(YEAR)]), p.sustained_tax_change(TARGET, FROM) * 100.0


def test_pkv_bar_is_two_runs_by_hand(sjobo, bars):
    # PKV 2.6 % a year (SKR's default after the last published year) ∓ 1 pp after the plan: 1.6 % and 3.6 %,
    # labour and other costs alike.
    low = sjobo.with_assumptions(labour_cost_change={y: 0.016 for y in AFTER_PLAN},
                                 other_cost_change={y: 0.016 for y in AFTER_PLAN})
    high = sjobo.with_assumptions(labour_cost_change={y: 0.036 for y in AFTER_PLAN},
                                  other_cost_change={y: 0.036 for y in AFTER_PLAN})
    (r_low, n_low), (r_high, n_high), (r_base, n_base) = _by_hand(low), _by_hand(high), _by_hand(sjobo)
    row = bars.loc["pkv"]
    assert row["result_low_msek"] == pytest.approx(r_low, abs=1e-9)
    assert row["result_high_msek"] == pytest.approx(r_high, abs=1e-9)
    assert row["result_effect_low_msek"] == pytest.approx(r_low - r_base, abs=1e-9)
    assert row["result_effect_high_msek"] == pytest.approx(r_high - r_base, abs=1e-9)
    assert row["need_low_ore"] == pytest.approx(n_low, abs=1e-9)
    assert row["need_high_ore"] == pytest.approx(n_high, abs=1e-9)
    assert row["need_effect_high_ore"] == pytest.approx(n_high - n_base, abs=1e-9)
    assert row["need_swing_ore"] == pytest.approx(abs(n_high - n_low), abs=1e-9)
    assert row["result_swing_msek"] == pytest.approx(abs(r_high - r_low), abs=1e-9)
    assert bars.attrs["baseline_result_msek"] == pytest.approx(r_base, abs=1e-9)
    assert bars.attrs["baseline_need_ore"] == pytest.approx(n_base, abs=1e-9)
    # Dearer costs: a lower result and a higher need.
    assert r_high < r_base < r_low and n_high > n_base > n_low
    assert row["years"] == "2028-2030"


def test_tax_base_and_property_fee_bars_are_two_runs_by_hand(sjobo, bars):
    # The national tax base growth, 4 % a year (default), ∓ 1 pp after the plan: 3 % and 5 %.
    low = sjobo.with_assumptions(national_tax_base_growth={y: 0.03 for y in AFTER_PLAN})
    high = sjobo.with_assumptions(national_tax_base_growth={y: 0.05 for y in AFTER_PLAN})
    row = bars.loc["tax_base"]
    assert (row["result_low_msek"], row["need_low_ore"]) == pytest.approx(_by_hand(low), abs=1e-9)
    assert (row["result_high_msek"], row["need_high_ore"]) == pytest.approx(_by_hand(high), abs=1e-9)
    # The property fee: held (0 growth) and its default 4 % + 2 pp = 6 % after the plan.
    held = sjobo.with_assumptions(**{"grant_growth:property_fee": {y: 0.0 for y in AFTER_PLAN}})
    more = sjobo.with_assumptions(**{"grant_growth:property_fee": {y: 0.06 for y in AFTER_PLAN}})
    row = bars.loc["property_fee"]
    assert (row["result_low_msek"], row["need_low_ore"]) == pytest.approx(_by_hand(held), abs=1e-9)
    assert (row["result_high_msek"], row["need_high_ore"]) == pytest.approx(_by_hand(more), abs=1e-9)


def test_bars_are_sorted_by_the_swing_of_the_need(bars):
    swings = list(bars["need_swing_ore"])
    assert swings == sorted(swings, reverse=True)
    assert set(bars.index) >= {"pkv", "tax_base", "population", "volume", "regulation_grant", "property_fee"}
    assert bars.attrs["projections"] == 1 + 2 * len(bars) - 1  # the regulation grant's rule side is the baseline


def test_a_scenario_keeps_its_measures_in_every_run():
    r = run_scenario("sjobo_before_tax_rise")
    m, measures = r.municipality, r.projection.measures
    horizon = r.scenario.horizon
    frame = tornado(r, None, horizon, TARGET, FROM, assumptions=["pkv"])
    assert list(frame.index) == ["pkv"] and frame.attrs["with_measures"]
    years = [y for y in range(2028, horizon + 1)]
    high = m.with_assumptions(labour_cost_change={y: 0.036 for y in years},
                              other_cost_change={y: 0.036 for y in years})
    p = high.project(horizon, measures)
    assert frame.loc["pkv", "result_high_msek"] == pytest.approx(float(p.line("result")[-1]), abs=1e-9)
    assert frame.loc["pkv", "need_high_ore"] == pytest.approx(p.sustained_tax_change(TARGET, FROM) * 100, abs=1e-9)
    assert frame.attrs["baseline_need_ore"] == pytest.approx(
        r.projection.sustained_tax_change(TARGET, FROM) * 100, abs=1e-9)


def test_tornado_refuses_bad_input(sjobo):
    with pytest.raises(ValueError, match=r"year = 2031 is outside the projected years after the base year, 2025-2030"):
        tornado(sjobo, HORIZON, 2031, TARGET, FROM)
    with pytest.raises(ValueError, match="'wages' is not an assumption of the tornado"):
        tornado(sjobo, HORIZON, YEAR, TARGET, FROM, assumptions=["wages"])
    with pytest.raises(ValueError, match="horizon = None"):
        tornado(sjobo, None, YEAR, TARGET, FROM)


# --- Sobol ------------------------------------------------------------------------------------------------------


def _ishigami_indices(a: float, b: float) -> tuple[list[float], list[float]]:
    """The Ishigami function's indices from its variances, x_i uniform on [−π, π] (Ishigami & Homma 1990; Sobol' &
    Levitan 1999), derived step by step:

    f = sin x1 + a sin² x2 + b x3⁴ sin x1. With E[sin² x] = 1/2, E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5, E[x⁸] = π⁸/9:
    - E[f | x1] = sin x1 (1 + b π⁴/5) + a/2, so V1 = (1 + b π⁴/5)² / 2;
    - E[f | x2] = a sin² x2 (+ const), so V2 = a² (E[sin⁴] − E[sin²]²) = a² (3/8 − 1/4) = a²/8;
    - E[f | x3] is constant (E[sin x1] = 0): V3 = 0;
    - V13 = b² E[sin² x1] Var(x3⁴) = b² / 2 · (π⁸/9 − π⁸/25) = b² π⁸ · 8/225; no other interaction;
    - V = V1 + V2 + V13. S1_i = V_i / V; ST1 = (V1 + V13) / V, ST2 = V2 / V, ST3 = V13 / V.
    """
    pi4, pi8 = math.pi ** 4, math.pi ** 8
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v2 = a * a / 8
    v13 = b * b * pi8 * 8 / 225
    v = v1 + v2 + v13
    return [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def test_ishigami_through_the_pipeline():
    a, b = 7.0, 0.1
    s1, st = _ishigami_indices(a, b)
    # The figures of the literature for a = 7, b = 0.1, to 4 decimals.
    assert s1 == pytest.approx([0.3139, 0.4424, 0.0], abs=5e-5)
    assert st == pytest.approx([0.5576, 0.4424, 0.2437], abs=5e-5)
    factors = [Factor(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3)]
    calls = []

    def ishigami(x):
        calls.append(len(x))
        return {"y": np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])}

    result = sobol_indices(factors, ishigami, n=8192, seed=1)
    assert calls == [8192 * (3 + 2)] and result.rows == 8192 * 5  # one vectorised call
    got = result.indices.loc["y"]
    assert list(got["S1"]) == pytest.approx(s1, abs=0.03)
    assert list(got["ST"]) == pytest.approx(st, abs=0.03)
    assert (got["ST_conf"] < 0.05).all()
    again = sobol_indices(factors, ishigami, n=8192, seed=1)
    assert again.indices.equals(result.indices)  # the seed fixes the sample and the bootstrap


def test_the_pipeline_refuses_bad_factors_and_n():
    f = [Factor("x", 0.0, 1.0)]
    with pytest.raises(ValueError, match="n = 1000 is not a power of 2"):
        sobol_indices(f, lambda x: {"y": x[:, 0]}, n=1000, seed=0)
    with pytest.raises(ValueError, match="low = 2, high = 1"):
        sobol_indices([Factor("x", 2.0, 1.0)], lambda x: {"y": x[:, 0]}, n=16, seed=0)
    with pytest.raises(ValueError, match="distribution = 'beta'"):
        sobol_indices([Factor("x", 0.0, 1.0, "beta")], lambda x: {"y": x[:, 0]}, n=16, seed=0)


def test_a_normal_factor_has_the_stated_mean_and_sd():
    # [low, high] = mean ± 2 sd: low 0.01, high 0.05 -> mean 0.03, sd 0.01.
    seen = {}

    def keep(x):
        seen["x"] = x[:, 0].copy()
        return {"y": x[:, 0] + x[:, 1]}

    sobol_indices([Factor("a", 0.01, 0.05, "normal"), Factor("b", 0.0, 1.0)], keep, n=4096, seed=3)
    assert seen["x"].mean() == pytest.approx(0.03, abs=2e-4)
    assert seen["x"].std() == pytest.approx(0.01, rel=0.02)


@pytest.fixture(scope="module")
def model_sobol(sjobo):
    factors = [Factor(f.name, 0.0, 0.0, years=f.years) if f.name == "other_cost_change" else f
               for f in default_factors(sjobo, HORIZON)]
    return sobol(sjobo, HORIZON, YEAR, factors=factors, n=256, seed=7, target=TARGET, from_year=FROM)


def test_model_indices_are_in_range_and_a_fixed_factor_has_none(sjobo, model_sobol):
    r = model_sobol
    names = [f.name for f in r.factors]
    # Sjöbo has itemised grants: all five shock fields, in the years after its plan.
    assert names == ["labour_cost_change", "other_cost_change", "tax_base_growth", "national_tax_capacity_growth",
                     "volume_growth"]
    assert all(f.years == (2028, 2029, 2030) for f in r.factors)
    assert r.rows == 256 * (5 + 2)
    assert set(r.outputs) == {"result", "result_share", "tax_need"}
    for output in ("result", "result_share", "tax_need"):
        idx = r.indices.loc[output]
        assert ((idx["S1"] >= -0.05) & (idx["S1"] <= 1.05)).all(), idx
        assert (idx["ST"] >= idx["S1"] - idx["S1_conf"] - idx["ST_conf"]).all(), idx
        # other_cost_change held at 0: the rows it would change are the base rows, so no total effect.
        assert idx.loc["other_cost_change", "ST"] == pytest.approx(0.0, abs=1e-12)
        assert abs(idx.loc["other_cost_change", "S1"]) <= idx.loc["other_cost_change", "S1_conf"] + 1e-12
        if output != "tax_need":
            # The labour cost moves most of the costs: the largest total effect on the result.
            assert idx["ST"].idxmax() == "labour_cost_change"
    # The tax need varies (the tornado's need moves by 100-200 öre over these ranges) and the moving factors share
    # most of its variance.
    assert r.outputs["tax_need"]["sd"] > 10.0
    assert r.indices.loc["tax_need", "ST"].sum() > 0.9


def test_model_rows_are_deterministic_runs_by_hand(sjobo, model_sobol):
    # Two rows of the sample: each factor's value added by hand to its assumption in 2028-2030 (volume_growth to
    # every cost line), projected, and the result and result share of 2030 read off the statement.
    r = model_sobol
    # SALib's rows come in groups of D + 2 = 7 per base point: A, A with column j from B (j = 1..5), B.
    for i in (0, 6, 7 * 100 + 3):  # A and B of the first point, A_B(3) of the 101st
        changes = {}
        for j, f in enumerate(r.factors):
            names = ([n for n in sjobo.assumptions.series if n.startswith("volume_growth:")]
                     if f.name == "volume_growth" else [f.name])
            for name in names:
                changes[name] = {y: sjobo.assumptions.get(name, y)[0] + r.sample[i, j] for y in AFTER_PLAN}
        p = sjobo.with_assumptions(**changes).project(HORIZON)
        assert r.evaluations["result"][i] == pytest.approx(float(p.line("result")[-1]), abs=1e-6)
        assert r.evaluations["result_share"][i] == pytest.approx(float(p.line("result_share")[-1]), abs=1e-12)
        # The tax need: the core's sustained change on the hand-built projection, in öre (× 100), as the tornado.
        assert r.evaluations["tax_need"][i] == pytest.approx(p.sustained_tax_change(TARGET, FROM) * 100.0, abs=1e-6)
    assert r.sample.shape == (256 * 7, 5) and (r.sample[:, 1] == 0.0).all()
    lo, hi = r.sample[:, 0].min(), r.sample[:, 0].max()
    assert -0.01 <= lo < -0.0099 and 0.0099 < hi <= 0.01  # labour cost: uniform on ±1 pp
    assert r.outputs["result"]["unit"] == "MSEK" and r.outputs["result"]["year"] == YEAR
    assert r.outputs["tax_need"]["unit"] == "öre" and r.outputs["tax_need"]["from_year"] == FROM
    assert r.outputs["tax_need"]["target"] == "result_share_2pct"
    assert set(r.seconds) >= {"sample", "evaluate", "core", "analyze"}


def test_model_sobol_refuses_bad_input(sjobo):
    with pytest.raises(ValueError, match=r"n = 8 is outside \[16, 32768\]; expected a whole number: base samples"):
        sobol(sjobo, HORIZON, YEAR, n=8)
    with pytest.raises(ValueError, match="n = 1000 is not a power of 2"):
        sobol(sjobo, HORIZON, YEAR, n=1000)
    with pytest.raises(ValueError, match=r"seed = -1 is outside \[0, 4294967295\]"):
        sobol(sjobo, HORIZON, YEAR, n=16, seed=-1)
    with pytest.raises(ValueError,
                       match=r"factor volume_growth: high = 0.3 is outside \[-0.2, 0.2\] fraction per year"):
        sobol(sjobo, HORIZON, YEAR, factors=[Factor("volume_growth", -0.01, 0.3)], n=16)
    with pytest.raises(ValueError, match="'wages' is not a shock field"):
        sobol(sjobo, HORIZON, YEAR, factors=[Factor("wages", -0.01, 0.01)], n=16)
    with pytest.raises(ValueError, match="year = 2024 is outside the projected years"):
        sobol(sjobo, HORIZON, 2024, n=16)
    with pytest.raises(ValueError, match="from_year = 2027: given without a target"):
        sobol(sjobo, HORIZON, YEAR, n=16, from_year=2027)
    with pytest.raises(ValueError, match="from_year = 2024 is outside the projected years after the base year"):
        sobol(sjobo, HORIZON, YEAR, n=16, target=TARGET, from_year=2024)


def test_model_sobol_without_a_target_has_no_tax_need_and_its_default_from_year(sjobo):
    factors = [Factor("labour_cost_change", -0.01, 0.01)]
    assert set(sobol(sjobo, HORIZON, YEAR, factors=factors, n=16).outputs) == {"result", "result_share"}
    # from_year None: the first undecided year, 2027 for Sjöbo (as the tornado's default in the CLI)
    r = sobol(sjobo, HORIZON, YEAR, factors=factors, n=16, target="balanced-budget")
    assert r.outputs["tax_need"]["from_year"] == FROM


def test_years_text():
    assert years_text([2028, 2029, 2030]) == "2028-2030"
    assert years_text((2028,)) == "2028"
    assert years_text([2029, 2026, 2028, 2028]) == "2026, 2028-2029"
    assert years_text([]) == ""


def test_an_output_that_does_not_vary_has_no_indices_and_no_warning():
    # "flat": 44 plus a rounding-sized wobble (sd about 3e-15, below 1e-12 × 44): no variance to share, so NaN and
    # SALib is not called. "y" = x: all its variance is x's (S1 = ST = 1).
    def evaluate(x):
        return {"flat": 44.0 + 1e-14 * x[:, 0], "y": x[:, 0]}

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        r = sobol_indices([Factor("x", 0.0, 1.0)], evaluate, n=64, seed=0)
    assert r.outputs["flat"]["sd"] > 0.0  # not exactly constant: the tolerance decides
    assert r.outputs["flat"]["varies"] is False and "does not vary" in r.outputs["flat"]["note"]
    assert r.indices.loc["flat"].isna().all().all()
    assert r.outputs["y"]["varies"] is True
    assert r.indices.loc[("y", "x"), "ST"] == pytest.approx(1.0, abs=0.05)


def test_model_output_before_every_factor_says_which_years_the_factors_act_in(sjobo):
    # Sjöbo's plan covers 2025-2027: the factors act in 2028-2030, so the result of 2026 does not vary.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = sobol(sjobo, HORIZON, 2026, n=16, seed=0, target=TARGET, from_year=FROM)
    note = "does not vary in 2026: no factor acts in it (the factors act in 2028-2030)"
    assert r.outputs["result"]["note"] == note and r.outputs["result_share"]["note"] == note
    assert r.indices.loc["result"].isna().all().all()
    assert r.outputs["tax_need"]["varies"] is True and "note" not in r.outputs["tax_need"]


def test_few_samples_note():
    # y = x1 + x2, both uniform on [0, 1]: S1 = ST = 0.5 each (equal variances 1/12, no interaction).
    def evaluate(x):
        return {"y": x[:, 0] + x[:, 1]}

    factors = [Factor("x1", 0.0, 1.0), Factor("x2", 0.0, 1.0)]
    small = sobol_indices(factors, evaluate, n=16, seed=0)
    assert len(small.notes) == 1 and small.notes[0].startswith(FEW_SAMPLES_NOTE)
    assert "N = 16 base samples (below 512)" in small.notes[0]
    large = sobol_indices(factors, evaluate, n=4096, seed=0)
    assert list(large.indices.loc["y", "S1"]) == pytest.approx([0.5, 0.5], abs=0.05)
    assert (large.indices["S1_conf"] <= 0.1).all() and large.notes == ()
