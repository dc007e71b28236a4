"""The batch engine (kommunbudget.model.batch.run_batch, C++) against the benchmark's NumPy reference
(benchmarks/numpy_reference.py), a second implementation of the same equations written independently in vectorised
NumPy from docs/model.md: the two must agree on the same draws, so the benchmark cannot silently compare different
models. The expected values are the other implementation's, not the code under test's."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.model import core
from kommunbudget.model.batch import OUTPUT_FIELDS, SHOCK_FIELDS, run_batch

#: benchmarks/numpy_reference.py
REFERENCE = Path(__file__).resolve().parents[3] / "benchmarks" / "numpy_reference.py"
HORIZON = 2034
DRAWS = 200


def _reference():
    """benchmarks/numpy_reference.py as a module (benchmarks/ is not a package)."""
    name = "kommunbudget_benchmarks_numpy_reference"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REFERENCE)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before running it: dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def shocks(sjobo):
    n_years = HORIZON - sjobo.base_year
    z = core.draw_shocks(11, 0, DRAWS, n_years, np.array([0.01, 0.01, 0.01, 0.005, 0.005]), np.eye(5))
    out = {}
    for s, name in enumerate(SHOCK_FIELDS):
        a = np.zeros((DRAWS, n_years + 1))
        a[:, 1:] = z[s]
        out[name] = a
    return out


def test_the_reference_has_the_batch_engines_fields():
    ref = _reference()
    assert ref.SHOCK_FIELDS == SHOCK_FIELDS
    assert ref.OUTPUT_FIELDS == OUTPUT_FIELDS


def test_numpy_reference_agrees_with_run_batch_on_the_same_draws(sjobo, shocks):
    ref = _reference()
    inputs = ref.reference_inputs(sjobo, HORIZON)
    expected = ref.project_batch(inputs, shocks, chunk=64)  # several blocks, the last one partial
    out = run_batch(sjobo, HORIZON, shocks, threads=2)
    for name in OUTPUT_FIELDS:
        assert out[name].shape == (DRAWS, HORIZON - sjobo.base_year + 1)
        np.testing.assert_allclose(out[name], expected[name], rtol=1e-9, atol=1e-9, err_msg=name)
    # The shocks move every output (the agreement is not that of two constants): the 2034 result spreads by tens
    # of MSEK over the draws, and the grants move through the tax base and the national capacity.
    assert np.ptp(out["result"][:, -1]) > 10.0
    assert np.ptp(out["general_grants"][:, -1]) > 1.0


@pytest.mark.parametrize("name", SHOCK_FIELDS)
def test_each_shock_alone_agrees(sjobo, shocks, name):
    # One shock at a time: each path of the reference (price, volume, tax base, national capacity) on its own.
    ref = _reference()
    alone = {name: shocks[name]}
    expected = ref.project_batch(ref.reference_inputs(sjobo, HORIZON), alone)
    out = run_batch(sjobo, HORIZON, alone, threads=1)
    for output in OUTPUT_FIELDS:
        np.testing.assert_allclose(out[output], expected[output], rtol=1e-9, atol=1e-9, err_msg=output)


def test_zero_shocks_give_the_deterministic_projection(sjobo):
    ref = _reference()
    n = HORIZON - sjobo.base_year + 1
    expected = ref.project_batch(ref.reference_inputs(sjobo, HORIZON), {"tax_base_growth": np.zeros((2, n))})
    projection = sjobo.project(HORIZON)
    for name in OUTPUT_FIELDS:
        np.testing.assert_allclose(expected[name][1], projection.line(name), rtol=1e-9, atol=1e-9, err_msg=name)


@pytest.mark.parametrize("case", ["Lund, approximate baseline", "Sjöbo, elderly care's own volume"])
def test_other_paths_of_the_reference_agree(case, shocks):
    # Lund's approximate baseline has a grant item that follows the own tax base growth (shocked); Sjöbo with
    # elderly care's volume growth set apart has two groups of cost lines. Both paths are absent from Sjöbo's own.
    ref = _reference()
    if case.startswith("Lund"):
        municipality = kb.load("Lund")
    else:
        municipality = kb.load("Sjöbo").with_assumptions(**{"volume_growth:elderly_care": 0.03})
    horizon = municipality.base_year + 10
    inputs = ref.reference_inputs(municipality, horizon)
    if case.startswith("Lund"):
        assert any("tax base" in ref.year_kinds(rule) for rule in inputs.grants)
    else:
        assert len(inputs.line_base_msek) == 2
    expected = ref.project_batch(inputs, shocks, chunk=128)
    out = run_batch(municipality, horizon, shocks, threads=2)
    for name in OUTPUT_FIELDS:
        np.testing.assert_allclose(out[name], expected[name], rtol=1e-9, atol=1e-9, err_msg=f"{case}: {name}")
