"""The batch engine through Python (kommunbudget.model.batch.run_batch; cpp/include/kommunbudget/batch.hpp): each
draw against a deterministic projection with the same assumptions set by hand, threads and splits, shape errors."""
from __future__ import annotations

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.model import core
from kommunbudget.model.batch import NEED_FIELD, OUTPUT_FIELDS, SHOCK_FIELDS, run_batch

HORIZON = 2034


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


def _years(m) -> int:
    return HORIZON - m.base_year + 1


def test_zero_shocks_give_the_deterministic_projection_exactly(sjobo):
    n = _years(sjobo)
    shocks = {name: np.zeros((3, n)) for name in SHOCK_FIELDS
              if name != "national_tax_capacity_growth" or sjobo.projector(HORIZON).base.itemised_grants}
    out = run_batch(sjobo, HORIZON, shocks, threads=2)
    projection = sjobo.project(HORIZON)
    assert set(out) == set(OUTPUT_FIELDS)
    for name in OUTPUT_FIELDS:
        assert out[name].shape == (3, n)
        for row in out[name]:
            np.testing.assert_array_equal(row, projection.line(name))


def test_a_draw_equals_the_projection_with_the_assumption_changed_by_hand(sjobo):
    # Draw 1: labour-cost change +0.01 in 2027 and tax base growth −0.005 in 2026; draw 0: no change.
    n = _years(sjobo)
    labour = np.zeros((2, n))
    labour[1, 2027 - sjobo.base_year] = 0.01
    tax_base = np.zeros((2, n))
    tax_base[1, 2026 - sjobo.base_year] = -0.005
    out = run_batch(sjobo, HORIZON, {"labour_cost_change": labour, "tax_base_growth": tax_base})
    pkv_2027 = sjobo.assumptions["labour_cost_change"].get(2027)[0]
    growth_2026 = sjobo.assumptions["tax_base_growth"].get(2026)[0]
    by_hand = sjobo.with_assumptions(labour_cost_change={2027: pkv_2027 + 0.01},
                                     tax_base_growth={2026: growth_2026 - 0.005}).project(HORIZON)
    for name in ("result", "balanced_budget_result", "tax_revenue", "general_grants"):
        np.testing.assert_allclose(out[name][1], by_hand.line(name), rtol=0, atol=1e-9)
        np.testing.assert_array_equal(out[name][0], sjobo.project(HORIZON).line(name))
    # The change moves the result from 2027 on (this test can fail).
    assert abs(out["result"][1, 2027 - sjobo.base_year] - out["result"][0, 2027 - sjobo.base_year]) > 1.0


def test_results_do_not_depend_on_threads_or_splits(sjobo):
    n = _years(sjobo)
    rng = np.random.default_rng(11)
    shocks = {name: rng.normal(0.0, 0.005, size=(41, n)) for name in
              ("labour_cost_change", "other_cost_change", "tax_base_growth", "volume_growth")}
    for s in shocks.values():
        s[:, 0] = 0.0
    one = run_batch(sjobo, HORIZON, shocks, threads=1)
    for threads in (2, 8):
        other = run_batch(sjobo, HORIZON, shocks, threads=threads)
        for name in OUTPUT_FIELDS:
            np.testing.assert_array_equal(other[name], one[name])
    first = run_batch(sjobo, HORIZON, {k: v[:15] for k, v in shocks.items()})
    second = run_batch(sjobo, HORIZON, {k: v[15:] for k, v in shocks.items()})
    np.testing.assert_array_equal(np.vstack([first["result"], second["result"]]), one["result"])


def test_wrong_shapes_and_names_are_refused_with_the_field_named(sjobo):
    n = _years(sjobo)
    with pytest.raises(core.InputError, match=rf"shocks.labour_cost_change has shape \(4, {n - 1}\); "
                                              rf"expected \(n_draws >= 1, {n}\)"):
        run_batch(sjobo, HORIZON, {"labour_cost_change": np.zeros((4, n - 1))})
    with pytest.raises(core.InputError, match=rf"shocks.volume_growth has shape \({n},\)"):
        run_batch(sjobo, HORIZON, {"volume_growth": np.zeros(n)})
    with pytest.raises(core.InputError, match=rf"shocks.other_cost_change has shape \(3, {n}\); expected \(2, {n}\)"):
        run_batch(sjobo, HORIZON, {"labour_cost_change": np.zeros((2, n)), "other_cost_change": np.zeros((3, n))})
    with pytest.raises(core.InputError, match="unknown field"):
        run_batch(sjobo, HORIZON, {"pkv": np.zeros((2, n))})
    bad = np.zeros((2, n))
    bad[1, 3] = np.inf
    with pytest.raises(core.InputError, match=r"shocks.tax_base_growth\[1, 3\] .* is not finite"):
        run_batch(sjobo, HORIZON, {"tax_base_growth": bad})
    with pytest.raises(ValueError, match="no shocks given"):
        run_batch(sjobo, HORIZON, {})


@pytest.mark.parametrize("target", ["share:0.02", "balanced-budget"])
def test_the_tax_need_of_a_draw_is_the_sustained_change_of_its_projection_by_hand(sjobo, target):
    # Draw d: labour-cost change + 0.004·d in 2028 and volume growth of every line − 0.003·d in 2029; each draw's
    # required_change against the sustained change of the projection with those assumptions set by hand
    # (Municipality.with_assumptions + project + Projection.sustained_tax_change), from 2027.
    n = _years(sjobo)
    labour = np.zeros((3, n))
    volume = np.zeros((3, n))
    for d in range(3):
        labour[d, 2028 - sjobo.base_year] = 0.004 * d
        volume[d, 2029 - sjobo.base_year] = -0.003 * d
    out = run_batch(sjobo, HORIZON, {"labour_cost_change": labour, "volume_growth": volume}, target=target,
                    from_year=2027)
    assert out[NEED_FIELD].shape == (3,)
    lines = [name for name in sjobo.assumptions.series if name.startswith("volume_growth:")]
    for d in range(3):
        changes = {"labour_cost_change": {2028: sjobo.assumptions.get("labour_cost_change", 2028)[0] + 0.004 * d}}
        for line in lines:
            changes[line] = {2029: sjobo.assumptions.get(line, 2029)[0] - 0.003 * d}
        by_hand = sjobo.with_assumptions(**changes).project(HORIZON)
        assert out[NEED_FIELD][d] == pytest.approx(by_hand.sustained_tax_change(target, 2027), abs=1e-9)
    assert abs(out[NEED_FIELD][2] - out[NEED_FIELD][0]) > 0.01  # the shocks move the need (this test can fail)


def test_the_tax_need_is_refused_without_a_target_or_outside_the_years(sjobo):
    shocks = {"tax_base_growth": np.zeros((2, _years(sjobo)))}
    assert NEED_FIELD not in run_batch(sjobo, HORIZON, shocks)
    with pytest.raises(ValueError, match="from_year = 2027: given without a target"):
        run_batch(sjobo, HORIZON, shocks, from_year=2027)
    with pytest.raises(ValueError, match=r"from_year = 2040 is outside the projected years \[2024, 2034\]"):
        run_batch(sjobo, HORIZON, shocks, target="result", from_year=2040)
    with pytest.raises(ValueError, match="share"):
        run_batch(sjobo, HORIZON, shocks, target="share:0.9")


def test_shock_arrays_of_any_layout_give_the_same_draws(sjobo):
    # C-contiguous float64 arrays are read in place (no copy); a Fortran-ordered, a strided, a read-only and an
    # integer array are converted first. The draws must not depend on it: the same rows, exactly.
    n = _years(sjobo)
    rng = np.random.default_rng(5)
    labour = rng.normal(0.0, 0.005, size=(6, n))
    labour[:, 0] = 0.0
    before = labour.copy()
    reference = run_batch(sjobo, HORIZON, {"labour_cost_change": labour}, threads=2)
    wide = np.zeros((6, 2 * n))
    wide[:, ::2] = labour
    read_only = labour.copy()
    read_only.flags.writeable = False
    for variant in (np.asfortranarray(labour), wide[:, ::2], read_only):
        out = run_batch(sjobo, HORIZON, {"labour_cost_change": variant}, threads=2)
        for name in OUTPUT_FIELDS:
            np.testing.assert_array_equal(out[name], reference[name])
    zeros = run_batch(sjobo, HORIZON, {"volume_growth": np.zeros((2, n), dtype=np.int64)})
    np.testing.assert_array_equal(zeros["result"][1], sjobo.project(HORIZON).line("result"))
    np.testing.assert_array_equal(labour, before)  # the caller's array, read in place, is left as it was


def test_of_two_bad_draws_the_lowest_is_named(sjobo):
    # Each worker checks its draws as it projects them; the error of the lowest failing draw is raised, whichever
    # shock and worker it is in (batch.hpp): draw 1's volume shock, not draw 4's labour-cost shock, with 1 or 2
    # threads (draws 0-2 and 3-5 with two).
    n = _years(sjobo)
    labour = np.zeros((6, n))
    volume = np.zeros((6, n))
    labour[4, 2] = 5.0
    volume[1, 3] = np.nan
    for threads in (1, 2):
        with pytest.raises(core.InputError, match=r"^shocks.volume_growth\[1, 3\] \(draw 1, year 2027\) = nan is not "
                                                  r"finite"):
            run_batch(sjobo, HORIZON, {"labour_cost_change": labour, "volume_growth": volume}, threads=threads)
    volume[1, 3] = 0.0
    with pytest.raises(core.InputError, match=r"^shocks.labour_cost_change\[4, 2\] \(draw 4, year 2026\) = 5 makes "
                                              r"labour_cost_change .* outside the allowed range"):
        run_batch(sjobo, HORIZON, {"labour_cost_change": labour, "volume_growth": volume}, threads=2)
