"""The Monte Carlo engine through Python (kommunbudget.model.monte_carlo; cpp/include/kommunbudget/monte_carlo.hpp):
determinism over threads and splits, zero shocks against the deterministic projection, kept draws against run_batch
fed the generator's shocks, counters against kept draws, refused specs, and stopping a run from the progress
callback. The analytic moments (hand derivations) are in tests/cpp/test_monte_carlo.cpp."""
from __future__ import annotations

import time

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.model import core
from kommunbudget.model.batch import run_batch
from kommunbudget.model.monte_carlo import EVENTS, OUTPUTS, SHOCK_KINDS, YEARLY_SHOCK_KINDS, run_monte_carlo

HORIZON = 2030


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def measures(sjobo):
    """A fixed saving (realised share 0.7) and an efficiency measure (0.8) from 2026: illustrative test values."""
    m = core.Measures()
    m.fixed_savings = [core.FixedSaving(name="saving", amount_msek=10.0, start_year=2026, realised_share=0.7)]
    m.efficiency = [core.EfficiencyMeasure(from_year=2027, rate=0.01, realised_share=0.8)]
    return m


def _sd(sjobo, value: float) -> dict[str, float]:
    itemised = sjobo.projector(HORIZON).base.itemised_grants
    return {k: value for k in SHOCK_KINDS if k != "national_tax_capacity_growth" or itemised}


def _same(a, b) -> None:
    q = [0.0, 0.01, 0.05, 0.5, 0.95, 1.0]
    for output in OUTPUTS:
        np.testing.assert_array_equal(a.quantiles(output, q), b.quantiles(output, q))
        np.testing.assert_array_equal(a.mean(output), b.mean(output))
        np.testing.assert_array_equal(a.std(output), b.std(output))
    for event in EVENTS:
        np.testing.assert_array_equal(a.probability(event), b.probability(event))
    np.testing.assert_array_equal(a.required_change_quantiles(q), b.required_change_quantiles(q))
    assert a.required_change_mean == b.required_change_mean
    assert a.n_draws == b.n_draws


def test_shock_kinds_are_the_cores():
    assert SHOCK_KINDS[:2] == ("labour_cost_change", "other_cost_change")
    assert set(YEARLY_SHOCK_KINDS) == set(SHOCK_KINDS) - {"measure_realisation", "sale_price"}


def test_same_seed_is_bit_identical_for_threads_and_splits(sjobo, measures):
    args = dict(measures=measures, sd=_sd(sjobo, 0.005), seed=3, target="share:0.02", from_year=2026)
    one = run_monte_carlo(sjobo, HORIZON, draws=3000, threads=1, **args)
    _same(run_monte_carlo(sjobo, HORIZON, draws=3000, threads=2, **args), one)
    first = run_monte_carlo(sjobo, HORIZON, draws=1000, threads=2, **args)
    second = run_monte_carlo(sjobo, HORIZON, draws=2000, first_draw=1000, threads=1, **args)
    merged = first.merge(second)
    _same(merged, one)
    assert merged.draw_ranges == [(0, 1000), (1000, 3000)]
    other = run_monte_carlo(sjobo, HORIZON, draws=3000, threads=2, **{**args, "seed": 4})
    assert not np.array_equal(other.mean("result"), one.mean("result"))
    with pytest.raises(ValueError, match="seed"):
        one.merge(other)


def test_zero_shocks_give_the_projection_with_the_measures_exactly(sjobo, measures):
    s = run_monte_carlo(sjobo, HORIZON, measures=measures, sd=_sd(sjobo, 0.0), draws=4, seed=1,
                        target="balanced-budget", from_year=2026, keep_draws=True)
    projection = sjobo.project(HORIZON, measures)
    draws = s.draws
    assert draws is not None and list(draws["draw"]) == [0, 1, 2, 3]
    for name in OUTPUTS:
        assert draws[name].shape == (4, HORIZON - sjobo.base_year + 1)
        for row in draws[name]:
            np.testing.assert_array_equal(row, projection.line(name))
    # Every draw equal: the quantiles are the value itself, the standard deviation 0.
    np.testing.assert_array_equal(s.quantiles("result", [0.5])[0], projection.line("result"))
    np.testing.assert_array_equal(s.std("result"), np.zeros(len(s.years)))


def test_kept_draws_equal_run_batch_fed_the_generators_shocks(sjobo):
    kinds = ["labour_cost_change", "other_cost_change", "tax_base_growth", "volume_growth"]
    sd = [0.01, 0.006, 0.012, 0.004]
    corr = np.array([[1.0, 0.6, 0.0, 0.0], [0.6, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -0.4], [0.0, 0.0, -0.4, 1.0]])
    n_years = HORIZON - sjobo.base_year + 1
    s = run_monte_carlo(sjobo, HORIZON, sd=dict(zip(kinds, sd, strict=True)), correlation=corr, draws=25,
                        first_draw=40, seed=17, target="result", from_year=2026, first_shocked_year=2026,
                        keep_draws=True)
    shocks = core.draw_shocks(17, 40, 25, n_years, np.array(sd), corr)  # (k, draws, years)
    shocks[:, :, : 2026 - sjobo.base_year] = 0.0  # years before first_shocked_year unshocked
    batch = run_batch(sjobo, HORIZON, {k: shocks[i] for i, k in enumerate(kinds)}, threads=1)
    for name in OUTPUTS:
        np.testing.assert_array_equal(s.draws[name], batch[name])


def test_probabilities_equal_the_counts_of_the_kept_draws(sjobo, measures):
    s = run_monte_carlo(sjobo, HORIZON, measures=measures, sd={"tax_base_growth": 0.02, "volume_growth": 0.01},
                        draws=2000, seed=5, target="share:0.02", from_year=2026, keep_draws=True, bins=128)
    d = s.draws
    tolerance = core.TARGET_TOLERANCE_MSEK
    np.testing.assert_array_equal(s.probability("requirement_missed"),
                                  (d["balanced_budget_result"] < -tolerance).mean(axis=0))
    # result >= 2 % of tax revenue and grants <=> result_share >= 0.02 (away from the boundary's float noise)
    np.testing.assert_array_equal(s.probability("target_missed"), (d["result_share"] < 0.02 - 1e-9).mean(axis=0))
    assert s.probability_rise_needed == (np.ceil((d["required_change"] - 1e-9) * 100.0) > 0).mean()
    # Quantiles within one bin width of the sample quantile (inverse empirical CDF).
    q = [0.05, 0.25, 0.5, 0.75, 0.95]
    exact = np.quantile(d["result"], q, axis=0, method="inverted_cdf")
    assert np.all(np.abs(s.quantiles("result", q) - exact) <= s.quantile_error("result") + 1e-12)
    assert 0.0 < s.probability("target_missed")[-1] < 1.0  # both sides occur (the test can fail)


def test_bad_specs_are_refused_naming_field_value_and_range(sjobo):
    args = dict(draws=10, seed=1, target="result", from_year=2026)
    with pytest.raises(ValueError, match=r"shocks\[0\] \(tax_base_growth\)\.sd = 0\.7.*\[0, 0\.5\]"):
        run_monte_carlo(sjobo, HORIZON, sd={"tax_base_growth": 0.7}, **args)
    with pytest.raises(ValueError, match="'inflation' is not a known shock"):
        run_monte_carlo(sjobo, HORIZON, sd={"inflation": 0.01}, **args)
    with pytest.raises(ValueError, match="correlation has the eigenvalue"):
        run_monte_carlo(sjobo, HORIZON, sd={"tax_base_growth": 0.01, "labour_cost_change": 0.01,
                                            "other_cost_change": 0.01},
                        correlation=[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], **args)
    with pytest.raises(ValueError, match="n_draws = 0"):
        run_monte_carlo(sjobo, HORIZON, sd={}, **{**args, "draws": 0})
    with pytest.raises(ValueError, match="bins = 4"):
        run_monte_carlo(sjobo, HORIZON, sd={}, bins=4, **args)


def test_a_progress_callback_that_raises_stops_a_long_run_promptly(sjobo):
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        raise RuntimeError("stop here")

    start = time.perf_counter()
    with pytest.raises(RuntimeError, match="stop here"):
        # 50 million draws would take minutes; the first progress call (~75 ms) stops it.
        run_monte_carlo(sjobo, HORIZON, sd={"tax_base_growth": 0.01}, draws=50_000_000, seed=1, target="result",
                        from_year=2026, threads=1, progress=progress)
    assert time.perf_counter() - start < 10.0
    assert len(calls) == 1 and calls[0][1] == 50_000_000


def test_progress_reaches_the_total(sjobo):
    calls = []
    run_monte_carlo(sjobo, HORIZON, sd={"tax_base_growth": 0.01}, draws=500, seed=1, target="result", from_year=2026,
                    progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (500, 500)


def test_households_on_assistance_move_the_assistance_cost_line_by_hand(sjobo):
    # Only assistance_households (sd 0.05): with assistance_cost_line="social_assistance" the draw's shock x[t]
    # (= sd · z, the generator's normals via draw_shocks: one yearly shock, no correlation) is added to that line's
    # volume growth in every year after the base year; the kept draw equals the deterministic projection with
    # volume_growth:social_assistance shifted by x[t], written here by hand.
    line = "volume_growth:social_assistance"
    n_years = HORIZON - sjobo.base_year + 1
    s = run_monte_carlo(sjobo, HORIZON, sd={"assistance_households": 0.05}, draws=3, first_draw=5, seed=23,
                        target="share:0.02", from_year=2027, keep_draws=True, assistance_cost_line="social_assistance")
    x = core.draw_shocks(23, 5, 3, n_years, np.array([0.05]), np.eye(1))[0]  # (draws, years)
    for d in range(3):
        shifted = {y: sjobo.assumptions.get(line, y)[0] + x[d, y - sjobo.base_year]
                   for y in range(sjobo.base_year + 1, HORIZON + 1)}
        by_hand = sjobo.with_assumptions(**{line: shifted}).project(HORIZON)
        for name in OUTPUTS:
            np.testing.assert_allclose(s.draws[name][d], by_hand.line(name), rtol=0, atol=1e-9)
        assert s.draws["required_change"][d] == pytest.approx(by_hand.sustained_change("share:0.02", 2027),
                                                              abs=1e-9)
    # It moves the result (this test can fail); without the line (and no work line) it moves nothing.
    base = sjobo.project(HORIZON).line("result")
    assert np.abs(s.draws["result"] - base).max() > 0.1
    none = run_monte_carlo(sjobo, HORIZON, sd={"assistance_households": 0.05}, draws=3, seed=23,
                           target="share:0.02", from_year=2027, keep_draws=True)
    np.testing.assert_array_equal(none.draws["result"], np.tile(base, (3, 1)))
    with pytest.raises(ValueError,
                       match="assistance_cost_line = 'assistance' is not a cost line of .*social_assistance"):
        run_monte_carlo(sjobo, HORIZON, sd={"assistance_households": 0.05}, draws=3, seed=23, target="share:0.02",
                        from_year=2027, assistance_cost_line="assistance")
