"""Batch evaluation: many variants of one baseline in one call to the C++ core (``docs/model.md``, "Batch
evaluation"; ``cpp/include/kommunbudget/batch.hpp``).

The variants are additive yearly shocks to growth rates of the baseline's assumptions. The core projects each draw
with the same equations as :meth:`~kommunbudget.model.municipality.Municipality.project`, on per-thread copies of
the flattened inputs, with no allocation per draw and the GIL released.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kommunbudget.model import core
from kommunbudget.model.municipality import Municipality

__all__ = ["SHOCK_FIELDS", "OUTPUT_FIELDS", "run_batch"]

#: The fields a shock may move, each added (fraction per year) to the assumption of the same name:
#: PKV labour cost (arbetskraftskostnad), PKV other consumption (övrig förbrukning), the own tax base
#: (skatteunderlag), the national average tax capacity (medelskattekraft; itemised grants only) and every cost
#: line's volume growth.
SHOCK_FIELDS = ("labour_cost_change", "other_cost_change", "tax_base_growth", "national_tax_capacity_growth",
                "volume_growth")

#: The outputs, each (n_draws, n_years): årets resultat, balanskravsresultat, skatteintäkter and generella
#: statsbidrag och utjämning in nominal MSEK; result_share as a fraction of tax revenue and general grants.
OUTPUT_FIELDS = ("result", "balanced_budget_result", "result_share", "tax_revenue", "general_grants")


def run_batch(municipality: Municipality, horizon: int, shocks: Mapping[str, np.ndarray],
              threads: int = 0) -> dict[str, np.ndarray]:
    """Projects the baseline of ``municipality`` to ``horizon`` (no measures) once per draw of ``shocks``.

    Parameters
    ----------
    municipality : Municipality
        The baseline; its projector for ``horizon`` is built once (and cached).
    horizon : int
        The last year projected.
    shocks : mapping of str to numpy.ndarray
        Keys from :data:`SHOCK_FIELDS`; each value a float64 array of shape (n_draws, n_years), columns the years
        base year .. horizon (column 0, the base year, must be 0: it is an outcome, not projected), added as a
        fraction per year (0.01 = one percentage point more growth). Missing keys are not shocked. At least one.
    threads : int
        Worker threads; 0 = all cores. The numbers do not depend on it.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`OUTPUT_FIELDS`, each of shape (n_draws, n_years); row d is draw d's projection, equal to the
        deterministic projection with the shocked assumptions.

    Raises
    ------
    ValueError
        ``InputError`` for an unknown shock name, a wrong shape (field, shape and expected shape named), a value
        that is not finite, a non-zero base-year column, a shocked value outside its range (field, draw, year and
        value named) or a national tax capacity shock with grants as a total.
    """
    unknown = sorted(set(shocks) - set(SHOCK_FIELDS))
    if unknown:
        raise core.InputError(f"shocks: unknown field(s) {', '.join(unknown)}; expected some of "
                              f"{', '.join(SHOCK_FIELDS)}")
    projector = municipality.projector(horizon)
    return dict(projector.run_batch(threads=threads, **{name: shocks[name] for name in shocks}))
