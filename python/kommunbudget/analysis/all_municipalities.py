"""Every municipality at once: the 290 baselines of the embedded data projected in one call to the core
(``run_many``, ``cpp/include/kommunbudget/many.hpp``; ``docs/model.md`` §21), and two answers for all of them as one
table: the tax need for a target under a vintage, and what a measure is worth in öre on the rate.

The arithmetic is the core's: the tax need is ``required_sustained_change`` of each municipality's statement, the
öre value of a measure ``tax_rate_equivalent_ore`` of the change of the result against the tax base without the
measure; this module loads the baselines, lines the rows up with the municipalities and names them.

**Approximate baselines.** Only the municipalities of :func:`kommunbudget.baselines.load.available_baselines` have an
adopted budget in the data; every other one has an approximate baseline (``docs/model.md`` §12): base year 2024 from
SCB, result 0 by construction and a neutral path after it. For those, a measure's worth in MSEK and öre is right
(it rests on SCB's net costs and tax base), but the result level and the tax need are not forecasts: on the neutral
path the budget that balanced in 2024 stays balanced, so the tax need is about minus the own rate changes decided
since 2024 (Lomma's cut of 10 öre for 2026 shows as a need of +10 öre, Stockholm's rise of 24 öre for 2025 as room of
−24 öre; skattesatser_kommun.csv). Every table says which rows are approximate (column
``approximate``, and ``baseline`` in words).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.baselines.vintages import get_vintage, list_vintages
from kommunbudget.data.municipalities import all_codes
from kommunbudget.model import core
from kommunbudget.model.measures import with_net_line_default
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.targets import as_target, target_key
from kommunbudget.model.years import as_year

__all__ = ["IDENTITY_COLUMNS", "load_all", "measure_ore_all", "run_all", "tax_need_all"]

#: The columns that name a row of every table here: SCB's code, the name, the county (län), whether the baseline is
#: approximate (no adopted budget in the data; ``docs/model.md`` §12) and the baseline in words.
IDENTITY_COLUMNS = ("code", "name", "county", "approximate", "baseline")

_INDEX = re.compile(r"^projectors\[(\d+)\]: ")


def load_all(base_year: int | None = None, vintage=None) -> tuple[Municipality, ...]:
    """The baselines of all 290 municipalities, in SCB's code order, each as :func:`kommunbudget.load` builds it.

    Cached for the packaged vintages (by name, or None for the default): the first call takes some seconds (the
    data of 290 municipalities), later calls return the same tuple. A vintage given as a file or a ``Vintage`` is
    loaded each time.

    Parameters
    ----------
    base_year : int, optional
        Passed to :func:`kommunbudget.load` for each: default each municipality's latest base year (2024 for all in
        the embedded data: the adopted budgets' year and the approximate baselines' year).
    vintage : str, path or kommunbudget.baselines.vintages.Vintage, optional
        The national assumptions; default ``"skr-2025-report"`` (:func:`kommunbudget.baselines.vintages.get_vintage`).

    Returns
    -------
    tuple of Municipality
        290 baselines; ``approximate`` is True for those without an adopted budget in the data.

    Raises
    ------
    ValueError
        For an unknown vintage, or a ``base_year`` not available for some municipality (the message names it).
    """
    year = None if base_year is None else as_year("base_year", base_year)
    if vintage is None or (isinstance(vintage, str) and vintage in set(list_vintages()["name"])):
        return _load_all_cached(year, vintage)
    chosen = get_vintage(vintage)
    return tuple(load(code, base_year=year, vintage=chosen) for code in all_codes())


@functools.lru_cache(maxsize=4)
def _load_all_cached(base_year: int | None, vintage: str | None) -> tuple[Municipality, ...]:
    chosen = get_vintage(vintage)
    return tuple(load(code, base_year=base_year, vintage=chosen) for code in all_codes())


def run_all(municipalities: Sequence[Municipality], horizon: int,
            measures: core.Measures | Callable[[Municipality], core.Measures] | None = None, *,
            target: core.Target | str | None = None, from_year: int | None = None, measure_effect: bool = False,
            threads: int = 0) -> dict[str, np.ndarray]:
    """Projects each municipality to ``horizon`` in one call to the core (``run_many``; ``docs/model.md`` §21).

    Parameters
    ----------
    municipalities : sequence of Municipality
        All with the same base year (their projectors, built once per municipality and horizon, are reused).
    horizon : int
        The last year projected.
    measures : core.Measures or callable, optional
        The same measures for every municipality, or a function giving each municipality's own; an efficiency
        measure on one service-area line acts on the line's net cost as in :meth:`Municipality.project`.
    target, from_year : optional, together
        Also the tax need: the single sustained change of the rate from ``from_year`` meeting ``target`` to the
        horizon, kr per 100 kr (``required_sustained_change``), on the statement with the measures.
    measure_effect : bool
        Also the change of the result the measures make (MSEK) and its öre on the rate against the tax base
        without the measures, each (n, n_years).
    threads : int
        Worker threads in the core; 0 = all cores. The numbers do not depend on it.

    Returns
    -------
    dict of str to numpy.ndarray
        ``years`` (n_years,); ``result``, ``balanced_budget_result``, ``tax_revenue``, ``general_grants``,
        ``tax_base`` (MSEK) and ``result_share`` (fraction), each (n, n_years), row i = municipality i; with a
        target ``tax_need`` (n,), kr per 100 kr; with ``measure_effect`` ``measure_effect_msek`` and
        ``measure_effect_ore`` (n, n_years).

    Raises
    ------
    ValueError
        For municipalities with different base years (the first mismatch named), a horizon outside a
        municipality's range, an invalid measure or an impossible target (the municipality named).
    RuntimeError
        When a projection fails on valid input (the municipality named).
    """
    municipalities = list(municipalities)
    projectors = [m.projector(horizon) for m in municipalities]
    sets = None
    if measures is not None:
        sets = [with_net_line_default(measures(m) if callable(measures) else measures) for m in municipalities]
    if (target is None) != (from_year is None):
        raise ValueError("target and from_year go together: give both for the tax need, or neither")
    kwargs = {}
    if target is not None:
        kwargs = {"target": as_target(target), "from_year": as_year("from_year", from_year)}
    try:
        out = core.run_many(projectors, sets, threads=threads, measure_effect=measure_effect, **kwargs)
    except (ValueError, RuntimeError) as error:
        named = _named(error, municipalities)
        if named is error:
            raise
        raise named from error
    return {name: np.asarray(value) for name, value in out.items()}


def tax_need_all(target: core.Target | str, from_year: int, horizon: int, vintage=None,
                 base_year: int | None = None, threads: int = 0) -> pd.DataFrame:
    """The tax need of every municipality: the single change of its own rate from 1 January of ``from_year``,
    sustained, that meets ``target`` in every year to ``horizon`` (``required_sustained_change``, ``docs/model.md``
    §10), under ``vintage``, with no measures.

    Parameters
    ----------
    target : core.Target or str
        E.g. ``"balanced-budget"``, ``"result"``, ``"share:0.02"`` (:func:`kommunbudget.parse_target`).
    from_year, horizon : int
        The first year of the change and the last year projected.
    vintage : optional
        As :func:`load_all`.
    base_year : int, optional
        As :func:`load_all`.
    threads : int
        Worker threads in the core; 0 = all cores.

    Returns
    -------
    pandas.DataFrame
        One row per municipality (290, SCB's code order): :data:`IDENTITY_COLUMNS`, ``tax_need_kr_per_100kr``
        (negative = room to lower the rate), ``tax_need_ore`` (the same in öre: 1 kr = 100 öre),
        ``result_horizon_msek`` (årets resultat in the horizon year, MSEK), ``result_share_horizon`` (fraction of tax
        revenue and general grants) and ``tax_base_horizon_msek``. ``attrs`` holds the target, from_year, horizon and
        vintage. The rows with ``approximate`` True are not forecasts (see the module's text).

    Raises
    ------
    ValueError
        For an unknown target or vintage, a from_year outside base year .. horizon, or an impossible target (the
        municipality named).
    """
    target = as_target(target)
    municipalities = load_all(base_year, vintage)
    out = run_all(municipalities, horizon, target=target, from_year=from_year, threads=threads)
    need = out["tax_need"]
    frame = _identity(municipalities)
    frame["tax_need_kr_per_100kr"] = need
    frame["tax_need_ore"] = need * 100.0
    frame["result_horizon_msek"] = out["result"][:, -1]
    frame["result_share_horizon"] = out["result_share"][:, -1]
    frame["tax_base_horizon_msek"] = out["tax_base"][:, -1]
    frame.attrs.update({"target": target.describe(), "target_key": target_key(target), "from_year": from_year,
                        "horizon": horizon, "vintage": municipalities[0].vintage})
    return frame


def measure_ore_all(measures: core.Measures | Callable[[Municipality], core.Measures], horizon: int,
                    year: int | None = None, vintage=None, base_year: int | None = None,
                    threads: int = 0) -> pd.DataFrame:
    """What a measure is worth in every municipality: the change of the result it makes in ``year`` (with the
    measure − without, MSEK) and the same in öre on the rate against the municipality's tax base of that year
    without the measure (``tax_rate_equivalent_ore``: amount / (tax base / 10 000); ``docs/model.md`` §10).

    Example: an efficiency of 1 % on all lines from 2026 (of each line's net cost, the default base of
    ``EfficiencyMeasure``)::

        measure_ore_all(core.Measures(efficiency=[core.EfficiencyMeasure(from_year=2026, rate=0.01)]), 2030)

    Parameters
    ----------
    measures : core.Measures or callable
        The same measures for every municipality, or a function ``Municipality -> core.Measures``.
    horizon : int
        The last year projected.
    year : int, optional
        The year shown; default ``horizon``.
    vintage, base_year : optional
        As :func:`load_all`.
    threads : int
        Worker threads in the core; 0 = all cores.

    Returns
    -------
    pandas.DataFrame
        One row per municipality (290, SCB's code order): :data:`IDENTITY_COLUMNS`, ``year``, ``effect_msek``
        (MSEK, positive = a better result), ``effect_ore`` (öre on the rate worth the same) and ``tax_base_msek``
        (skatteunderlag of the year without the measure, MSEK). ``attrs`` holds the horizon and the vintage.

    Raises
    ------
    ValueError
        For a year outside base year .. horizon, or an invalid measure (the municipality named).
    """
    municipalities = load_all(base_year, vintage)
    out = run_all(municipalities, horizon, measures, measure_effect=True, threads=threads)
    years = [int(y) for y in out["years"]]
    shown = years[-1] if year is None else as_year("year", year)
    if shown not in years:
        raise ValueError(f"year = {shown} is outside the projected years {years[0]}-{years[-1]}")
    k = years.index(shown)
    frame = _identity(municipalities)
    frame["year"] = shown
    frame["effect_msek"] = out["measure_effect_msek"][:, k]
    frame["effect_ore"] = out["measure_effect_ore"][:, k]
    # The öre's base: the tax base of the projection without the measures (another call, ~1 µs a municipality).
    frame["tax_base_msek"] = run_all(municipalities, horizon, threads=threads)["tax_base"][:, k]
    frame.attrs.update({"horizon": horizon, "vintage": municipalities[0].vintage})
    return frame


def _identity(municipalities: Sequence[Municipality]) -> pd.DataFrame:
    """The :data:`IDENTITY_COLUMNS` of each municipality."""
    return pd.DataFrame({
        "code": [m.code for m in municipalities],
        "name": [m.name for m in municipalities],
        "county": [m.county for m in municipalities],
        "approximate": [bool(m.approximate) for m in municipalities],
        "baseline": [f"approximate {m.base_year} (SCB; result 0 by construction)" if m.approximate
                     else f"adopted budget {m.base_year}" for m in municipalities],
    })


def _named(error: Exception, municipalities: Sequence[Municipality]) -> Exception:
    """The core's error with ``projectors[i]`` replaced by the municipality's name and code, of the same kind."""
    match = _INDEX.match(str(error))
    if match is None:
        return error
    label = municipalities[int(match.group(1))].label
    message = f"{label}: {str(error)[match.end():]}"
    if isinstance(error, core.InputError):
        return core.InputError(message)
    if isinstance(error, core.ComputationError):
        return core.ComputationError(message)
    return type(error)(message)
