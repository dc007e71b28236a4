"""The sweep over municipalities × scenarios × draws (kommunbudget.scenarios.sweep; docs/model.md §21): a row against
the draws and the batch engine called by hand, blocks that do not change the numbers, and a dask.distributed
LocalCluster (two worker processes, so every task is pickled) that gives the local table bit for bit."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

import kommunbudget as kb
from kommunbudget.model import core
from kommunbudget.model.batch import run_batch
from kommunbudget.scenarios.sweep import SweepScenario, run_task, sweep, sweep_tasks

#: Test values (not data): standard deviations of yearly growth shocks, a fraction per year.
CALM = SweepScenario("calm", 2030, {"labour_cost_change": 0.005, "tax_base_growth": 0.01},
                     correlation=((1.0, 0.5), (0.5, 1.0)))
ROUGH = SweepScenario("rough", 2030, {"tax_base_growth": 0.02, "volume_growth": 0.005},
                      assumptions={"tax_base_growth": 0.03})
MUNICIPALITIES = ("Sjöbo", "Lomma")
SEED = 2026


@pytest.fixture(scope="module")
def local() -> pd.DataFrame:
    return sweep(MUNICIPALITIES, [CALM, ROUGH], draws=30, seed=SEED, block=12)


def test_the_table_holds_every_municipality_scenario_draw_and_year(local):
    assert list(local.columns) == ["code", "name", "scenario", "draw", "year", "result", "balanced_budget_result",
                                   "result_share", "tax_revenue", "general_grants"]
    assert len(local) == 2 * 2 * 30 * 7  # municipalities × scenarios × draws × years 2024-2030
    assert list(local["name"].unique()) == ["Sjöbo", "Lomma"]
    assert list(local["scenario"].unique()) == ["calm", "rough"]
    first = local[(local["name"] == "Sjöbo") & (local["scenario"] == "calm")]
    assert list(first["draw"].unique()) == list(range(30))


def test_a_row_is_the_draw_and_the_batch_engine_by_hand(local):
    # Lomma, scenario rough, draw 17 (in the second block of 12): the generator's normals of draw 17 for the six
    # projected years, placed after the base year's 0, then the batch engine on the baseline with the scenario's
    # tax base growth of 3 %.
    lomma = kb.load("Lomma").with_assumptions(tax_base_growth=0.03)
    drawn = core.draw_shocks(SEED, 17, 1, 6, np.array([0.02, 0.005]), np.eye(2), threads=1)
    shocks = {"tax_base_growth": np.concatenate([[[0.0]], drawn[0]], axis=1),
              "volume_growth": np.concatenate([[[0.0]], drawn[1]], axis=1)}
    expected = run_batch(lomma, 2030, shocks)
    rows = local[(local["name"] == "Lomma") & (local["scenario"] == "rough") & (local["draw"] == 17)]
    assert list(rows["year"]) == list(range(2024, 2031))
    for field in ("result", "balanced_budget_result", "tax_revenue", "general_grants", "result_share"):
        np.testing.assert_array_equal(rows[field].to_numpy(), expected[field][0], err_msg=field)
    # Draws differ (this test can fail): the shocks move the result.
    sjobo_calm = local[(local["name"] == "Sjöbo") & (local["scenario"] == "calm") & (local["year"] == 2030)]
    assert sjobo_calm["result"].std() > 1.0


def test_blocks_do_not_change_the_numbers(local):
    other = sweep(MUNICIPALITIES, [CALM, ROUGH], draws=30, seed=SEED, block=1000)
    pd.testing.assert_frame_equal(other, local, check_exact=True)
    different_seed = sweep(MUNICIPALITIES[:1], [CALM], draws=3, seed=SEED + 1)
    assert not np.array_equal(different_seed["result"].to_numpy(),
                              local[(local["name"] == "Sjöbo") & (local["scenario"] == "calm")
                                    & (local["draw"] < 3)]["result"].to_numpy())


def test_a_task_pickles_and_runs_alone():
    task = sweep_tasks(["Lomma"], [ROUGH], draws=5, seed=SEED, block=2)[2]
    assert (task.first_draw, task.n_draws) == (4, 1)
    again = pickle.loads(pickle.dumps(task))
    assert again == task
    out = run_task(again)
    assert out["result"].shape == (1, 7)


def test_bad_sweeps_are_refused():
    with pytest.raises(ValueError, match="sd names"):
        SweepScenario("x", 2030, {"population": 0.01})
    with pytest.raises(ValueError, match="correlation has shape"):
        SweepScenario("x", 2030, {"tax_base_growth": 0.01}, correlation=((1.0, 0.0),))
    with pytest.raises(ValueError, match="draws = 0"):
        sweep_tasks(["Lomma"], [CALM], draws=0, seed=1)
    with pytest.raises(ValueError, match="evaluator 'mc'"):
        sweep_tasks(["Lomma"], [CALM], draws=1, seed=1, evaluator="mc")
    # A shock far outside its range: the worker's message names the municipality, the scenario and the draws.
    wild = SweepScenario("wild", 2030, {"tax_base_growth": 0.5})
    with pytest.raises(ValueError, match=r"Lomma \(1262\), scenario 'wild', draws 0-19: shocks.tax_base_growth"):
        sweep(["Lomma"], [wild], draws=20, seed=SEED)


def test_a_dask_local_cluster_gives_the_local_table_bit_for_bit(local):
    # Two worker processes (processes=True): every task and result crosses a process boundary pickled, as on a real
    # cluster. Start-up is a few seconds; the sweep itself is small.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            remote = sweep(MUNICIPALITIES, [CALM, ROUGH], draws=30, seed=SEED, block=12, client=client)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    for field in ("result", "balanced_budget_result", "result_share", "tax_revenue", "general_grants"):
        assert remote[field].to_numpy().tobytes() == local[field].to_numpy().tobytes()
