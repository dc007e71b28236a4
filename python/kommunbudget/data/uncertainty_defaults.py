"""Default sizes of the Monte Carlo shocks and the correlations between them, from ``osakerhet_standard.csv`` and
``osakerhet_korrelation.csv`` (SOURCES.md §25).

Each row says whether its value is derived from data (``status`` ``härlett``), partly derived (``delvis härlett``:
the own tax base, the assumed national error plus the spread of the 290 municipalities' 2025 tax capacity growth)
or an assumption, not data (``antagande``: the national tax base's error, informed by SKL's evaluations; the
households on assistance, informed by the national series; the PKV components, population, volume, realisation,
sale price). Numbers only; the analysis layer applies them.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from kommunbudget.data.tables import cached_table

__all__ = ["SHOCK_ORDER", "default_correlation", "default_shocks"]

#: The shocks in the order of the defaults file: the yearly growth shocks first, then the per-draw ones.
SHOCK_ORDER = ("labour_cost_change", "other_cost_change", "national_tax_capacity_growth", "tax_base_growth",
               "population_growth", "volume_growth", "assistance_households", "measure_realisation", "sale_price")

_STATUS = {"härlett": "derived", "delvis härlett": "partly derived", "antagande": "assumption"}


@functools.cache
def _shocks() -> pd.DataFrame:
    frame = cached_table("osakerhet_standard.csv")
    out = pd.DataFrame({
        "sd": frame["standardavvikelse"].astype(float).to_numpy(),
        "distribution": frame["fordelning"].astype(str).to_numpy(),
        "per": ["year" if p == "år" else "draw" for p in frame["per"]],
        "status": [_STATUS[str(s)] for s in frame["status"]],
        "basis": frame["grund"].astype(str).to_numpy(),
        "source": frame["kalla"].fillna("").astype(str).to_numpy(),
    }, index=pd.Index(frame["chock"].astype(str), name="shock"))
    if tuple(out.index) != SHOCK_ORDER:
        raise ValueError(f"osakerhet_standard.csv: shocks {list(out.index)}; expected {list(SHOCK_ORDER)}")
    return out


def default_shocks() -> pd.DataFrame:
    """The default size of every shock (SOURCES.md §25).

    Returns
    -------
    pandas.DataFrame
        Index :data:`SHOCK_ORDER`; columns ``sd`` (a yearly growth shock: fraction per year, 0.01 = 1 percentage
        point; ``measure_realisation``: the standard deviation of the realised share, a fraction; ``sale_price``:
        of the price factor, whose mean is 1), ``distribution`` (``normal``, ``beta``, ``lognormal``), ``per``
        (``year``: a new value every year; ``draw``: one value per draw for all years), ``status`` (``derived`` from
        data, ``partly derived`` or an ``assumption``, not data), ``basis`` (the derivation, Swedish) and ``source``.
    """
    return _shocks().copy()


@functools.cache
def _pairs() -> dict[tuple[str, str], float]:
    frame = cached_table("osakerhet_korrelation.csv")
    pairs = {}
    for a, b, c in zip(frame["chock_a"], frame["chock_b"], frame["korrelation"], strict=True):
        pairs[(str(a), str(b))] = pairs[(str(b), str(a))] = float(c)
    return pairs


def default_correlation(names: tuple[str, ...] | list[str]) -> np.ndarray:
    """The default correlation matrix of the yearly shocks ``names`` (in that order), from
    ``osakerhet_korrelation.csv``: the pairs listed there, 0 for the others, 1 on the diagonal.

    Parameters
    ----------
    names : sequence of str
        Shock names from :data:`SHOCK_ORDER`.

    Returns
    -------
    numpy.ndarray
        Shape (len(names), len(names)), dimensionless.

    Raises
    ------
    ValueError
        For a name that is not a shock.
    """
    unknown = [n for n in names if n not in SHOCK_ORDER]
    if unknown:
        raise ValueError(f"shock {unknown[0]!r} is not one of {', '.join(SHOCK_ORDER)}")
    pairs = _pairs()
    k = len(names)
    out = np.eye(k)
    for i in range(k):
        for j in range(k):
            if i != j:
                out[i, j] = pairs.get((names[i], names[j]), 0.0)
    return out
