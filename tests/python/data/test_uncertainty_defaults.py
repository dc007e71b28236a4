"""The default shock sizes of the Monte Carlo (osakerhet_standard.csv, SOURCES.md §25): the derived ones are
recomputed here from the data files they cite; the assumptions are labelled as such."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kommunbudget.data.tables import cached_table
from kommunbudget.data.uncertainty_defaults import SHOCK_ORDER, default_correlation, default_shocks


def test_own_tax_base_size_is_the_national_error_plus_the_spread_of_the_290():
    growth = cached_table("skattekraft_tillvaxt_2025.csv")["skattekraft_tillvaxt_procent_derived"].astype(float)
    assert len(growth) == 290
    spread_pp = float(np.std(growth.to_numpy(), ddof=0))  # 0.97 percentage points
    assert 0.95 < spread_pp < 1.0
    national_pp = 1.0
    own_pp = math.hypot(national_pp, spread_pp)  # 1.39
    shocks = default_shocks()
    assert shocks.loc["national_tax_capacity_growth", "sd"] == national_pp / 100
    assert shocks.loc["tax_base_growth", "sd"] == pytest.approx(round(own_pp, 1) / 100, abs=1e-15)
    corr = default_correlation(["national_tax_capacity_growth", "tax_base_growth"])
    assert corr[0, 1] == round(national_pp / own_pp, 2)  # 0.72


def test_households_on_assistance_size_is_at_least_the_national_spread():
    frame = cached_table("ekonomiskt_bistand.csv")
    national = frame[(frame["niva"] == "riket") & frame["bistandshushall"].notna()]
    series = pd.Series(national["bistandshushall"].astype(float).to_numpy(), index=national["ar"].astype(int))
    series = series.sort_index()
    changes = series.pct_change().dropna()
    assert list(changes.index) == list(range(2013, 2025))
    assert round(float(np.std(changes.to_numpy(), ddof=0)) * 100, 1) == 3.9
    assert default_shocks().loc["assistance_households", "sd"] >= 0.039


def test_every_shock_is_labelled_derived_or_an_assumption():
    shocks = default_shocks()
    assert tuple(shocks.index) == SHOCK_ORDER
    assert set(shocks["status"]) == {"partly derived", "assumption"}
    # only the own tax base rests partly on a computation from data (the spread of the 290); the national error and
    # the households' size are judgements informed by data, labelled assumptions
    assert shocks.loc["tax_base_growth", "status"] == "partly derived"
    assert shocks.loc["national_tax_capacity_growth", "status"] == "assumption"
    assert shocks.loc["labour_cost_change", "status"] == "assumption"
    assert (shocks["basis"].str.len() > 20).all()
    assert set(shocks["distribution"]) == {"normal", "beta", "lognormal"}
    assert shocks.loc["measure_realisation", "per"] == "draw"


def test_default_correlation_is_a_correlation_matrix():
    yearly = [n for n in SHOCK_ORDER if default_shocks().loc[n, "per"] == "year"]
    c = default_correlation(yearly)
    assert np.allclose(c, c.T) and np.all(np.diag(c) == 1.0)
    assert np.linalg.eigvalsh(c).min() > 0  # positive definite: a Cholesky factor exists
    # labour-own = labour-national × national-own: the own base is the national one plus an unrelated deviation
    i, j, k = (yearly.index(n) for n in ("labour_cost_change", "national_tax_capacity_growth", "tax_base_growth"))
    assert c[i, k] == round(c[i, j] * c[j, k], 2)
