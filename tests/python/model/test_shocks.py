"""Reproducible correlated shocks through ``_core.draw_shocks`` (docs/model.md, "Shocks: a counter-based generator").

Expected values are properties of the generator stated before the run (bit-identity across threads and splits) or
sampling bounds derived here: with n independent normal draws the sample mean has standard error sd/√n, the sample
standard deviation sd/√(2n) and the sample correlation (1 − ρ²)/√n; each check allows 4 standard errors.
"""
from __future__ import annotations

import numpy as np
import pytest

from kommunbudget.model import core

SD = [0.01, 0.02, 0.005]
CORRELATION = np.array([[1.0, 0.6, -0.3], [0.6, 1.0, 0.2], [-0.3, 0.2, 1.0]])


def test_shape_and_bit_identity_for_threads_and_splits():
    one = core.draw_shocks(11, 0, 1001, 10, SD, CORRELATION, threads=1)
    assert one.shape == (3, 1001, 10)
    assert one.dtype == np.float64
    for threads in (2, 8, 0):
        assert np.array_equal(core.draw_shocks(11, 0, 1001, 10, SD, CORRELATION, threads=threads), one)
    head = core.draw_shocks(11, 0, 300, 10, SD, CORRELATION, threads=2)
    tail = core.draw_shocks(11, 300, 701, 10, SD, CORRELATION, threads=8)
    assert np.array_equal(np.concatenate([head, tail], axis=1), one)
    other = core.draw_shocks(12, 0, 1001, 10, SD, CORRELATION, threads=1)
    assert np.count_nonzero(other != one) > one.size - 5


def test_moments_and_correlation_within_four_standard_errors():
    n, rho, sd = 200_000, 0.6, [0.02, 0.01]
    x = core.draw_shocks(2026, 0, n, 1, sd, np.array([[1.0, rho], [rho, 1.0]]))[:, :, 0]
    for s in range(2):
        assert abs(x[s].mean()) <= 4 * sd[s] / np.sqrt(n)
        assert abs(x[s].std(ddof=1) - sd[s]) <= 4 * sd[s] / np.sqrt(2 * n)
    r = np.corrcoef(x[0], x[1])[0, 1]
    assert abs(r - rho) <= 4 * (1 - rho**2) / np.sqrt(n)


def test_matrices_that_are_not_correlation_matrices_are_refused():
    asymmetric = CORRELATION.copy()
    asymmetric[0, 1] = 0.5
    with pytest.raises(core.InputError, match=r"correlation\[0, 1\] = 0.5 differs from correlation\[1, 0\] = 0.6; "
                                              r"the correlation matrix must be symmetric"):
        core.draw_shocks(1, 0, 10, 2, SD, asymmetric)
    # I + 0.9·A with A = [[0, 1, -1], [1, 0, 1], [-1, 1, 0]]: A·(1, -1, 1) = -2·(1, -1, 1), eigenvalue 1 - 1.8 = -0.8.
    contradictory = np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]])
    with pytest.raises(core.InputError, match=r"eigenvalue -0.8; a correlation matrix must be positive semi-definite"):
        core.draw_shocks(1, 0, 10, 2, SD, contradictory)
    with pytest.raises(ValueError, match=r"sd\[1\] = 2 is outside the allowed range \[0, 0.5\]"):
        core.draw_shocks(1, 0, 10, 2, [0.01, 2.0, 0.01], CORRELATION)
    with pytest.raises(ValueError, match=r"n_draws = 0 is outside the allowed range \[1, 1e\+12\]"):
        core.draw_shocks(1, 0, 0, 2, SD, CORRELATION)
