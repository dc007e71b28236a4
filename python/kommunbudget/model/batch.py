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
from kommunbudget.model.targets import as_target
from kommunbudget.model.years import as_year

__all__ = ["NEED_FIELD", "OUTPUT_FIELDS", "SHOCK_FIELDS", "run_batch"]

#: The fields a shock may move, each added (fraction per year) to the assumption of the same name:
#: PKV labour cost (arbetskraftskostnad), PKV other consumption (övrig förbrukning), the own tax base
#: (skatteunderlag), the national average tax capacity (medelskattekraft; itemised grants only) and every cost
#: line's volume growth.
SHOCK_FIELDS = ("labour_cost_change", "other_cost_change", "tax_base_growth", "national_tax_capacity_growth",
                "volume_growth")

#: The outputs, each (n_draws, n_years): årets resultat, balanskravsresultat, skatteintäkter and generella
#: statsbidrag och utjämning in nominal MSEK; result_share as a fraction of tax revenue and general grants.
OUTPUT_FIELDS = ("result", "balanced_budget_result", "result_share", "tax_revenue", "general_grants")

#: The output added with a target: the tax need per draw, shape (n_draws,), kr per 100 kr.
NEED_FIELD = "required_change"


def run_batch(municipality: Municipality, horizon: int, shocks: Mapping[str, np.ndarray], threads: int = 0,
              target: core.Target | str | None = None, from_year: int | None = None) -> dict[str, np.ndarray]:
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
    target : kommunbudget.core.Target or str, optional
        The target of the tax need per draw (text as :func:`kommunbudget.model.targets.parse_target`, e.g.
        ``"share:0.02"`` or ``"balanced-budget"``). None: no tax need.
    from_year : int, optional
        First year of the sustained change (1 January), in [base year, horizon]; None: base year + 1. Only with a
        target.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`OUTPUT_FIELDS`, each of shape (n_draws, n_years); row d is draw d's projection, equal to the
        deterministic projection with the shocked assumptions. With a target also :data:`NEED_FIELD`
        (``required_change``), shape (n_draws,): the single sustained change of the own rate (kr per 100 kr;
        negative = room to lower it) that meets the target in every year from ``from_year``, the core's
        ``required_sustained_change`` on the draw's statement (``docs/model.md`` §10, §18).

    Raises
    ------
    ValueError
        ``InputError`` for an unknown shock name, a wrong shape (field, shape and expected shape named), a value
        that is not finite, a non-zero base-year column, a shocked value outside its range (field, draw, year and
        value named), a national tax capacity shock with grants as a total, an invalid target, a ``from_year``
        without a target or outside the projected years, or a draw whose tax need cannot be met (the draw named).
    """
    unknown = sorted(set(shocks) - set(SHOCK_FIELDS))
    if unknown:
        raise core.InputError(f"shocks: unknown field(s) {', '.join(unknown)}; expected some of "
                              f"{', '.join(SHOCK_FIELDS)}")
    if target is None and from_year is not None:
        raise core.InputError(f"from_year = {from_year}: given without a target; expected a target (the tax need's) "
                              f"or neither")
    need = {} if target is None else {
        "target": as_target(target), "from_year": None if from_year is None else as_year("from_year", from_year)}
    projector = municipality.projector(horizon)
    return dict(projector.run_batch(threads=threads, **need, **{name: shocks[name] for name in shocks}))
