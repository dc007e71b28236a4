"""The Monte Carlo answers of analysis.uncertainty against derivations written here from deterministic projections
(Municipality.project with changed assumptions), never from the Monte Carlo code itself."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kommunbudget.analysis.uncertainty import shocks_for, uncertainty
from kommunbudget.baselines.load import load
from kommunbudget.data.uncertainty_defaults import SHOCK_ORDER
from kommunbudget.model import core

HORIZON = 2030
ONLY_TAX_BASE = {name: 0.0 for name in SHOCK_ORDER if name != "tax_base_growth"}
ONLY_NATIONAL = {name: 0.0 for name in SHOCK_ORDER if name != "national_tax_capacity_growth"}


@pytest.fixture(scope="module")
def sjobo():
    return load("Sjöbo")


def _fixed_saving(amount: float, year: int) -> core.Measures:
    saving = core.FixedSaving()
    saving.name = "saving"
    saving.amount_msek = amount
    saving.start_year = year
    measures = core.Measures()
    measures.fixed_savings = [saving]
    return measures


class _OtherLines:
    """A municipality as shocks_for reads it, with other cost lines."""

    def __init__(self, m, lines):
        self._m, self._lines = m, lines

    def base_state(self):
        return self._m.base_state()

    def cost_line_names(self):
        return list(self._lines)


def test_shocks_that_cannot_move_anything_are_left_out_with_the_reason(sjobo):
    used = shocks_for(sjobo, None)
    dropped = used.attrs["dropped"]
    # Sjöbo's baseline has the cost line social_assistance (ekonomiskt bistånd): the households shock moves it.
    assert "social_assistance" in sjobo.cost_line_names()
    assert set(dropped) == {"measure_realisation", "sale_price"}
    assert "assistance_households" in used.index
    assert "social_assistance" in used.attrs["moves"]["assistance_households"]
    # Without that line and without a work line it moves nothing: left out with the reason (a stand-in for a
    # baseline whose cost lines do not include it, e.g. a budget file's own lines).
    without_line = _OtherLines(sjobo, [n for n in sjobo.cost_line_names() if n != "social_assistance"])
    reason = shocks_for(without_line, None).attrs["dropped"]["assistance_households"]
    assert reason == "no cost line of ekonomiskt bistånd (social_assistance) and no work-line measure"
    # Sjöbo's grants are itemised: the national tax capacity moves the equalisation
    assert "national_tax_capacity_growth" in used.index
    planned_whole = shocks_for(sjobo, _fixed_saving(5.0, 2026))  # realised_share 1: a Beta around 1 has no spread
    assert "planned at a realised share of 0 or 1" in planned_whole.attrs["dropped"]["measure_realisation"]
    partial = _fixed_saving(5.0, 2026)
    partial.fixed_savings[0].realised_share = 0.8
    assert "measure_realisation" in shocks_for(sjobo, partial).index
    given = shocks_for(sjobo, None, sd={"tax_base_growth": 0.02, "volume_growth": 0.0})
    assert given.loc["tax_base_growth", "sd"] == 0.02 and given.loc["tax_base_growth", "status"] == "given"
    assert given.attrs["dropped"]["volume_growth"] == "size 0"
    with pytest.raises(ValueError, match="unknown shock 'pkv'"):
        shocks_for(sjobo, None, sd={"pkv": 0.01})
    with pytest.raises(ValueError, match="sd.tax_base_growth = -0.01"):
        shocks_for(sjobo, None, sd={"tax_base_growth": -0.01})


def test_probability_of_missing_the_requirement_with_one_normal_shock_in_one_year(sjobo):
    # Only the national tax capacity growth of the horizon year is shocked (Sjöbo's grants are itemised: the income
    # equalisation and the regulation grant follow it). The balanced-budget result of that year is then linear in
    # the shock: bbr = bbr0 + slope × x, x ~ N(0, sd²), with the slope from two deterministic runs.
    base = sjobo.project(HORIZON)
    bbr0 = float(base.line("balanced_budget_result")[-1])
    assumptions = sjobo.projector(HORIZON).assumptions
    growth = float(assumptions.national_tax_capacity_growth.at(HORIZON))
    own = float(assumptions.tax_base_growth.at(HORIZON))
    step = 0.01
    # The shock moves the national capacity (the grants) only; the own tax base has its own shock (correlated by
    # default). Python's baseline derives the own growth from the national one, so it is held here.
    moved = sjobo.with_assumptions(national_tax_capacity_growth={HORIZON: growth + step},
                                   tax_base_growth={HORIZON: own}).project(HORIZON)
    slope = (float(moved.line("balanced_budget_result")[-1]) - bbr0) / step
    assert slope > 0
    sd = abs(bbr0) / slope / 0.8416  # so that P(bbr < 0) is Φ(−0.8416) = 0.2 (bbr0 > 0) or 0.8 (bbr0 < 0)
    expected = 0.5 * math.erfc((bbr0 / (slope * sd)) / math.sqrt(2.0))
    draws = 20_000
    u = uncertainty(sjobo, HORIZON, target="balanced-budget", from_year=2027, draws=draws, seed=11,
                    sd={**ONLY_NATIONAL, "national_tax_capacity_growth": sd}, first_shocked_year=HORIZON)
    p = u.probabilities("without measures")
    se = math.sqrt(expected * (1 - expected) / draws)
    assert abs(p.loc["requirement_missed", HORIZON] - expected) < 4 * se
    # earlier years are not shocked: every draw is the deterministic projection there
    k = u.years.index(HORIZON - 1)
    assert p.loc["requirement_missed", HORIZON - 1] == float(base.line("balanced_budget_result")[k] < 0)
    fan = u.fan("balanced_budget_result", "without measures")
    # the sample standard deviation of the horizon year: slope × sd (within 4 standard errors, sd / sqrt(2n))
    assert u.summaries["without measures"].std("balanced_budget_result")[-1] == pytest.approx(
        slope * sd, rel=4 / math.sqrt(2 * draws))
    assert fan.loc["p50", HORIZON] == pytest.approx(bbr0, abs=fan.loc["error", HORIZON] + 4 * 1.2533 * slope * sd
                                                    / math.sqrt(draws))


def test_with_and_without_measures_share_their_draws(sjobo):
    # A fixed saving is uprated by PKV only, which is not shocked here: on the same draws (common random numbers)
    # the two runs differ in every draw by the saving's deterministic effect, so every percentile moves by it.
    measures = _fixed_saving(10.0, 2026)
    effect = sjobo.project(HORIZON, measures).line("result") - sjobo.project(HORIZON).line("result")
    u = uncertainty(sjobo, HORIZON, measures, target="result", from_year=2027, draws=5_000, seed=3,
                    sd={**ONLY_TAX_BASE, "measure_realisation": 0.0})
    without, with_ = u.fan("result", "without measures"), u.fan("result", "with measures")
    bins = without.loc["error"] + with_.loc["error"]
    for row in ("p5", "p25", "p50", "p75", "p95"):
        assert np.all(np.abs((with_.loc[row] - without.loc[row]) - effect) <= bins + 1e-9), row
    assert np.allclose(with_.loc["mean"] - without.loc["mean"], effect, atol=1e-6)
    need = u.tax_need()
    assert list(need.index) == ["without measures", "with measures"]
    assert need.loc["with measures", "p50"] < need.loc["without measures", "p50"]  # the saving lowers the need
    assert 0.0 <= need.loc["with measures", "probability_rise"] <= 1.0


def test_same_seed_same_figures_other_seed_other_figures(sjobo):
    kwargs = dict(target="balanced-budget", from_year=2027, draws=2_000)
    a = uncertainty(sjobo, HORIZON, seed=5, threads=1, **kwargs)
    b = uncertainty(sjobo, HORIZON, seed=5, threads=2, **kwargs)
    c = uncertainty(sjobo, HORIZON, seed=6, **kwargs)
    pd.testing.assert_frame_equal(a.fan("result", "without measures"), b.fan("result", "without measures"))
    assert not a.fan("result", "without measures").equals(c.fan("result", "without measures"))


def test_a_correlation_frame_is_reordered_and_checked(sjobo):
    used = shocks_for(sjobo, None)
    yearly = [n for n in used.index if used.loc[n, "per"] == "year"]
    frame = pd.DataFrame(np.eye(len(yearly)), index=yearly[::-1], columns=yearly[::-1])
    u = uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=500, correlation=frame)
    assert list(u.correlation.index) == yearly
    with pytest.raises(ValueError, match="no row and column for the shock"):
        uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=500, correlation=frame.iloc[1:, 1:])
    bad = frame.copy()
    bad.iloc[0, 1] = bad.iloc[1, 0] = 0.9
    bad.iloc[0, 2] = bad.iloc[2, 0] = -0.9
    bad.iloc[1, 2] = bad.iloc[2, 1] = 0.9
    with pytest.raises(ValueError, match="positive semi-definite"):
        uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=500, correlation=bad)


def test_bad_arguments_are_refused_by_name(sjobo):
    with pytest.raises(ValueError, match=r"seed = -1: outside the allowed range \[0, 18446744073709551615\]"):
        uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=100, seed=-1)
    with pytest.raises(ValueError, match=r"draws = 2.5: expected a whole number"):
        uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=2.5)
    with pytest.raises(ValueError, match="from_year = 2024: expected a year after the base year 2024"):
        uncertainty(sjobo, HORIZON, target="result", from_year=2024, draws=100)
    # a run without measures answers for its one case by default
    u = uncertainty(sjobo, HORIZON, target="result", from_year=2027, draws=200)
    assert u.cases == ["without measures"]
    assert list(u.fan().index)[:2] == ["p5", "p10"] and list(u.probabilities().columns) == u.years
