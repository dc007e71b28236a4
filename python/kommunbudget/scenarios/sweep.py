"""A sweep over municipalities × scenarios × draws, run locally or on a dask.distributed cluster with the same
numbers bit for bit (``docs/model.md`` §21).

The work is cut into tasks, one per municipality, scenario and block of draws. A task is a small picklable
:class:`SweepTask`; :func:`run_task`, a module-level function, loads the municipality by name inside the process that
runs it (cached there), and hands it to an evaluator named by the task (:data:`EVALUATORS`). The evaluator
``"batch"`` draws the block's shocks with the counter-based generator (``draw_shocks`` with ``first_draw`` = the
block's first draw, ``docs/model.md`` §17), so a draw's shocks depend only on the seed and the draw's number, not on
the block or the process, and projects them with the batch engine (``run_batch``, §18). The results are put together
in task order, so the table is the same whoever ran the tasks: a plain loop here, or ``client.map`` and
``client.gather`` on a ``dask.distributed.Client`` (the optional extra ``scale``). This module does not import dask:
the client is used through those two methods.

**Common random numbers.** Every municipality and scenario uses the same ``seed``: draw d is the same standard
normals everywhere (shock j of a scenario takes the normals of position j), so differences between municipalities
and scenarios are not sampling noise.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.baselines.vintages import get_vintage
from kommunbudget.model import core
from kommunbudget.model.batch import OUTPUT_FIELDS, SHOCK_FIELDS, run_batch
from kommunbudget.model.municipality import Municipality

__all__ = ["EVALUATORS", "SweepScenario", "SweepTask", "evaluate_batch", "run_task", "sweep", "sweep_tasks"]


@dataclass(frozen=True)
class SweepScenario:
    """One scenario of a sweep: a horizon, national assumptions and the shocks drawn (no measures: the batch
    engine projects the baseline).

    Attributes
    ----------
    name : str
        The scenario's name in the output.
    horizon : int
        The last year projected.
    sd : tuple of (str, float)
        The shocked fields (:data:`kommunbudget.model.batch.SHOCK_FIELDS`) with their standard deviations, a
        fraction per year in [0, 0.5] (``draw_shocks``); a mapping is accepted and kept in its order. Position j
        takes the normals of shock j (``docs/model.md`` §17). No default: the figures are the caller's.
    correlation : tuple of tuples of float, optional
        The k × k correlation of the shocks (symmetric, ones on the diagonal, positive semi-definite); default
        independent shocks (the identity).
    vintage : str, optional
        A packaged vintage's name or a TOML file (:func:`kommunbudget.baselines.vintages.get_vintage`); default the
        package's default vintage.
    assumptions : tuple of (str, value), optional
        Changes of the baseline's assumptions (:meth:`Municipality.with_assumptions`): a number for every year, or a
        mapping year -> number (kept as a sorted tuple of pairs); a mapping is accepted.

    Raises
    ------
    ValueError
        For an unknown shock field, no shock, a correlation of the wrong shape, or an unknown vintage.
    """

    name: str
    horizon: int
    sd: tuple[tuple[str, float], ...]
    correlation: tuple[tuple[float, ...], ...] | None = None
    vintage: str | None = None
    assumptions: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        sd = tuple((str(k), float(v)) for k, v in (self.sd.items() if isinstance(self.sd, Mapping) else self.sd))
        unknown = [k for k, _ in sd if k not in SHOCK_FIELDS]
        if not sd or unknown:
            raise ValueError(f"scenario {self.name!r}: sd names {unknown or 'no shock'}; expected some of "
                             f"{', '.join(SHOCK_FIELDS)}")
        object.__setattr__(self, "sd", sd)
        if self.correlation is not None:
            c = tuple(tuple(float(x) for x in row) for row in self.correlation)
            if len(c) != len(sd) or any(len(row) != len(sd) for row in c):
                raise ValueError(f"scenario {self.name!r}: correlation has shape {len(c)} × "
                                 f"{len(c[0]) if c else 0}; expected {len(sd)} × {len(sd)} (one row per shock)")
            object.__setattr__(self, "correlation", c)
        changes = self.assumptions.items() if isinstance(self.assumptions, Mapping) else self.assumptions
        object.__setattr__(self, "assumptions", tuple(
            (str(k), tuple(sorted((int(y), float(x)) for y, x in v.items())) if isinstance(v, Mapping) else v)
            for k, v in changes))
        if self.vintage is not None:
            get_vintage(self.vintage)  # refused here, before any task runs

    def correlation_matrix(self) -> np.ndarray:
        """The correlation as a float64 array (k, k); the identity when none is given."""
        if self.correlation is None:
            return np.eye(len(self.sd))
        return np.array(self.correlation, dtype=float)


@dataclass(frozen=True)
class SweepTask:
    """One task: the draws ``first_draw`` .. ``first_draw + n_draws − 1`` of one municipality and scenario.

    Attributes
    ----------
    municipality : str
        A name or SCB code, as :func:`kommunbudget.load` takes it (loaded in the process running the task).
    scenario : SweepScenario
    seed : int
        The generator's key (``draw_shocks``), the same for every task of a sweep.
    first_draw, n_draws : int
        The block of draws.
    evaluator : str
        A key of :data:`EVALUATORS`: the function that evaluates the block.
    """

    municipality: str
    scenario: SweepScenario
    seed: int
    first_draw: int
    n_draws: int
    evaluator: str = "batch"


@functools.lru_cache(maxsize=64)
def _baseline(municipality: str, vintage: str | None, assumptions: tuple[tuple[str, Any], ...]) -> Municipality:
    """The municipality's baseline in this process, with the scenario's assumption changes (cached: each block of
    the same municipality and scenario reuses it and its projector)."""
    m = load(municipality, vintage=vintage)
    if assumptions:
        m = m.with_assumptions(**{k: dict(v) if isinstance(v, tuple) else v for k, v in assumptions})
    return m


def evaluate_batch(municipality: Municipality, task: SweepTask) -> dict[str, np.ndarray]:
    """The evaluator ``"batch"``: the block's shocks from ``draw_shocks`` (one year fewer than the projection: year
    index 0 of the generator is the first projected year; the base-year column stays 0, ``docs/model.md`` §17-18)
    projected by ``run_batch`` on one thread.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`kommunbudget.model.batch.OUTPUT_FIELDS`, each (n_draws, n_years), and ``years`` (n_years,).
    """
    s = task.scenario
    n_years = s.horizon - municipality.base_year + 1
    sd = np.array([v for _, v in s.sd], dtype=float)
    drawn = core.draw_shocks(task.seed, task.first_draw, task.n_draws, n_years - 1, sd, s.correlation_matrix(),
                             threads=1)
    shocks = {}
    for j, (field, _) in enumerate(s.sd):
        block = np.zeros((task.n_draws, n_years))
        block[:, 1:] = drawn[j]
        shocks[field] = block
    out = run_batch(municipality, s.horizon, shocks, threads=1)
    out["years"] = np.arange(municipality.base_year, s.horizon + 1)
    return out


#: The evaluators a task may name: each takes the loaded municipality and the task and returns the
#: :data:`kommunbudget.model.batch.OUTPUT_FIELDS` (n_draws, n_years) and ``years``. Another engine (e.g. one that
#: returns mergeable summaries instead of every draw) is added here under its own name.
EVALUATORS: dict[str, Callable[[Municipality, SweepTask], dict[str, np.ndarray]]] = {"batch": evaluate_batch}


def run_task(task: SweepTask) -> dict[str, Any]:
    """Runs one task where it is called (a plain loop, or a dask worker): loads the municipality, evaluates the block
    with ``EVALUATORS[task.evaluator]`` and adds the municipality's code and name.

    Raises
    ------
    ValueError
        For an unknown evaluator, municipality or vintage, or shocks outside their ranges (the message names the
        municipality, the scenario and the draws).
    """
    if task.evaluator not in EVALUATORS:
        raise ValueError(f"evaluator {task.evaluator!r} is not known; expected one of {', '.join(EVALUATORS)}")
    s = task.scenario
    m = _baseline(task.municipality, s.vintage, s.assumptions)
    try:
        out = EVALUATORS[task.evaluator](m, task)
    except ValueError as error:
        raise ValueError(f"{m.label}, scenario {s.name!r}, draws {task.first_draw}-"
                         f"{task.first_draw + task.n_draws - 1}: {error}") from error
    return {**out, "code": m.code, "name": m.name}


def sweep_tasks(municipalities: Sequence[str | int], scenarios: Sequence[SweepScenario], draws: int, seed: int,
                block: int = 1000, evaluator: str = "batch") -> list[SweepTask]:
    """The tasks of a sweep in their order: municipality, then scenario, then block of draws.

    Raises
    ------
    ValueError
        For no municipality or scenario, ``draws`` or ``block`` below 1, a negative seed, or an unknown evaluator.
    """
    if not municipalities or not scenarios:
        raise ValueError("a sweep needs at least one municipality and one scenario")
    for name, value in (("draws", draws), ("block", block)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} = {value!r}; expected a whole number >= 1")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**64:
        raise ValueError(f"seed = {seed!r}; expected a whole number in [0, 2^64)")
    if evaluator not in EVALUATORS:
        raise ValueError(f"evaluator {evaluator!r} is not known; expected one of {', '.join(EVALUATORS)}")
    return [SweepTask(str(m), s, int(seed), first, min(block, draws - first), evaluator)
            for m in municipalities for s in scenarios for first in range(0, draws, block)]


def sweep(municipalities: Sequence[str | int], scenarios: Sequence[SweepScenario], draws: int, seed: int,
          block: int = 1000, client=None, evaluator: str = "batch") -> pd.DataFrame:
    """Every municipality × scenario × draw, as one long table.

    Parameters
    ----------
    municipalities : sequence of str or int
        Names or SCB codes (:func:`kommunbudget.load`).
    scenarios : sequence of SweepScenario
    draws : int
        Draws per municipality and scenario (draw numbers 0 .. draws − 1).
    seed : int
        The generator's key, in [0, 2^64): the same numbers for the same seed.
    block : int
        Draws per task (a task is one municipality, one scenario and one block).
    client : dask.distributed.Client, optional
        When given, the tasks run on its cluster through ``client.map`` (``pure=False``) and ``client.gather``;
        otherwise in a plain loop here. The table is the same bit for bit (tests/python/scenarios/test_sweep.py).
    evaluator : str
        The evaluator of every task (:data:`EVALUATORS`).

    Returns
    -------
    pandas.DataFrame
        One row per municipality, scenario, draw and year, in task order: ``code``, ``name``, ``scenario``,
        ``draw``, ``year``, then ``result``, ``balanced_budget_result``, ``tax_revenue``, ``general_grants`` (MSEK)
        and ``result_share`` (fraction).

    Raises
    ------
    ValueError
        As :func:`sweep_tasks` and :func:`run_task` (re-raised from the worker with a client).
    """
    tasks = sweep_tasks(municipalities, scenarios, draws, seed, block, evaluator)
    if client is None:
        results = [run_task(t) for t in tasks]
    else:
        results = client.gather(client.map(run_task, tasks, pure=False))
    return _table(tasks, results)


def _table(tasks: Sequence[SweepTask], results: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The long table of the task results, in task order."""
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("code", "name", "scenario", "draw", "year",
                                                         *OUTPUT_FIELDS)}
    for task, out in zip(tasks, results, strict=True):
        years = np.asarray(out["years"])
        n = task.n_draws * len(years)
        parts["code"].append(np.full(n, out["code"], dtype=object))
        parts["name"].append(np.full(n, out["name"], dtype=object))
        parts["scenario"].append(np.full(n, task.scenario.name, dtype=object))
        parts["draw"].append(np.repeat(np.arange(task.first_draw, task.first_draw + task.n_draws), len(years)))
        parts["year"].append(np.tile(years, task.n_draws))
        for field in OUTPUT_FIELDS:
            parts[field].append(np.asarray(out[field], dtype=float).reshape(-1))
    return pd.DataFrame({k: np.concatenate(v) for k, v in parts.items()})

