"""Sensitivity analysis: a tornado (each assumption at a stated low and high, by deterministic runs) and Sobol
indices (a global method: SALib's samples evaluated by the core in one batch) (``docs/model.md`` §20).

No equations here: every number is a projection of the core or a batch call of the core.

- :func:`tornado` reruns the baseline (with a scenario's measures, when given a scenario's result) with each default
  of :func:`kommunbudget.analysis.sensitivity_defaults.default_variants` at its low and its high variant (the same
  defaults, steps and "only after the adopted plan, only defaults" rule as "What moves the answer") and reports the
  effect on the result of one year (MSEK, from the projected statement) and on the sustained tax change a target
  needs (öre, the core's ``required_sustained_change``).
- :func:`sobol` draws SALib's Saltelli sample of yearly growth shifts (PKV labour and other cost change, own tax base
  growth, national tax capacity growth, volume growth; each added in the years after the plan), turns it into shock
  matrices (rows × years) and evaluates them with one call of :func:`kommunbudget.model.batch.run_batch`; SALib's
  analysis gives the first-order (S1) and total (ST) indices with confidence intervals, of the result (MSEK) and the
  result share (fraction) in one year and, with a target, of the tax need (öre): the batch computes each draw's
  sustained change (the core's ``required_sustained_change`` on the draw's statement, ``docs/model.md`` §18).
- :func:`sobol_indices` is the pipeline itself (SALib problem → sample → a vectorised evaluator → SALib analyze)
  for any evaluator: the tests run the Ishigami function through it.

SALib is imported here and only here (this module is imported by ``kommunbudget sensitivity`` when it runs, never
by ``--help``).
"""
from __future__ import annotations

import dataclasses
import math
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd
from SALib.analyze import sobol as salib_analyze
from SALib.sample import sobol as salib_sample
from scipy.special import ndtri

from kommunbudget.analysis.sensitivity_defaults import (
    PKV_STEP,
    TAX_BASE_STEP,
    VOLUME_STEP,
    DefaultVariant,
    default_variants,
    free_years,
    plan_end,
    variant_runs,
    years_text,
)
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.model import core
from kommunbudget.model.batch import NEED_FIELD, SHOCK_FIELDS, run_batch
from kommunbudget.model.limits import field_limit
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import as_target, target_key
from kommunbudget.model.years import as_year

__all__ = ["CONSTANT_TOLERANCE", "FACTOR_LABELS", "FEW_SAMPLES_N", "FEW_SAMPLES_NOTE", "FEW_SAMPLES_S1_CONF",
           "SOBOL_OUTPUTS", "TORNADO_COLUMNS", "Factor", "SobolResult", "default_factors", "sobol", "sobol_indices",
           "tornado"]

#: The tornado's columns (the index is the assumption's ``id``), in order, with their units.
TORNADO_COLUMNS: dict[str, str] = {
    "assumption": "the assumption in English (label)",
    "assumption_sv": "the assumption in Swedish (label)",
    "series": "the assumption series changed, comma-separated",
    "years": "the years changed (first-last)",
    "default": "the default in words (its values, years and kind: default, rule)",
    "low": "the low side in words",
    "high": "the high side in words",
    "low_name": "what the low side is called (low, or 'rule (default)' for the regulation grant)",
    "high_name": "what the high side is called (high, or 'held')",
    "result_low_msek": "the result of the year at the low side, MSEK",
    "result_high_msek": "the result of the year at the high side, MSEK",
    "result_effect_low_msek": "the low side's result less the baseline's, MSEK",
    "result_effect_high_msek": "the high side's result less the baseline's, MSEK",
    "result_swing_msek": "|result at high − result at low|, MSEK",
    "need_low_ore": "the sustained change the target needs at the low side, öre (negative: room to lower the rate)",
    "need_high_ore": "the sustained change the target needs at the high side, öre",
    "need_effect_low_ore": "the low side's need less the baseline's, öre",
    "need_effect_high_ore": "the high side's need less the baseline's, öre",
    "need_swing_ore": "|need at high − need at low|, öre",
    "error": "why a side has no figure (the core's message), else empty",
}

#: The outputs of :func:`sobol` -> unit: batch outputs in the chosen year, and with a target the tax need (the
#: sustained change from ``from_year``, the batch's ``required_change`` × 100).
SOBOL_OUTPUTS: dict[str, str] = {"result": "MSEK", "result_share": "fraction", "tax_need": "öre"}

#: The model's Sobol factors: shock field -> (English, Swedish) label.
FACTOR_LABELS: dict[str, tuple[str, str]] = {
    "labour_cost_change": ("PKV labour cost change after the plan",
                           "PKV arbetskraftskostnadernas förändring efter planen"),
    "other_cost_change": ("PKV other cost change after the plan", "PKV övrig förbrukning, förändring efter planen"),
    "tax_base_growth": ("Own tax base growth after the plan", "Eget skatteunderlags tillväxt efter planen"),
    "national_tax_capacity_growth": ("National tax capacity growth after the plan",
                                     "Medelskattekraftens tillväxt efter planen"),
    "volume_growth": ("Volume growth of every cost line after the plan",
                      "Volymutveckling i alla verksamheter efter planen"),
}

#: The default half-range of each factor (default, not data): the steps of "What moves the answer"
#: (:mod:`kommunbudget.analysis.sensitivity_defaults`), ±1 pp for PKV and the tax base, ±0.5 pp for volumes; the
#: national tax capacity takes the tax base's step.
_DEFAULT_STEPS: dict[str, float] = {"labour_cost_change": PKV_STEP, "other_cost_change": PKV_STEP,
                                    "tax_base_growth": TAX_BASE_STEP, "national_tax_capacity_growth": TAX_BASE_STEP,
                                    "volume_growth": VOLUME_STEP}

#: Provenance kinds varied per field: PKV only where it is SKR's default (after the last published year), as the
#: tornado's PKV row; the others wherever the value is not data nor the user's.
_FIELD_KINDS: dict[str, tuple[str, ...] | None] = {"labour_cost_change": ("default",),
                                                   "other_cost_change": ("default",)}

#: The distributions a factor may have.
DISTRIBUTIONS = ("uniform", "normal")

#: An output does not vary (no variance to share, no indices) when its standard deviation over the rows is at most
#: this fraction of its largest absolute value (at least 1): identical values can differ from their mean by rounding
#: (about 1e-16 relative), which SALib would divide by. A numerical tolerance, not data.
CONSTANT_TOLERANCE = 1e-12

#: The note on a sample too small to trust the indices' figures (defaults, not data): given when N is below
#: :data:`FEW_SAMPLES_N` or an S1 interval's half-width exceeds :data:`FEW_SAMPLES_S1_CONF`. With N = 16 an S1
#: of about −0.07 (a share of a variance cannot be negative) comes with no other sign that it is noise.
FEW_SAMPLES_NOTE = "few samples: indices uncertain (± shown)"
FEW_SAMPLES_N = 512
FEW_SAMPLES_S1_CONF = 0.1


class _WithMeasures(Protocol):
    """A scenario's result as the tornado reads it (:class:`kommunbudget.scenarios.result.ScenarioResult`): the
    baseline municipality and the projection with the measures."""

    municipality: Municipality
    projection: Projection


# --------------------------------------------------------------------------------------------------------------------
# Tornado


def tornado(subject: Municipality | _WithMeasures, horizon: int | None, year: int, target: core.Target | str,
            from_year: int, assumptions: Iterable[str | DefaultVariant] | None = None) -> pd.DataFrame:
    """Each assumption at its stated low and high, one at a time, and the effect on the result of ``year`` and on the
    sustained tax change ``target`` needs from 1 January ``from_year``; the largest swing of the need first.

    Every figure is a deterministic projection: ``m.with_assumptions(**changes).project(horizon, measures)``, the
    result read from its statement and the need from the core's sustained change
    (:meth:`~kommunbudget.model.projection.Projection.sustained_tax_change`, × 100 for öre).

    Parameters
    ----------
    subject : Municipality or ScenarioResult
        The baseline; a scenario's result (anything with ``municipality`` and ``projection``) runs every side with
        the scenario's measures (``projection.measures``).
    horizon : int or None
        The last year; None: the scenario's horizon (required for a municipality).
    year : int
        The year whose result is reported, after the base year and at most ``horizon``.
    target : kommunbudget.core.Target or str
        The target of the need (text as :func:`kommunbudget.model.targets.parse_target`, e.g. ``"share:0.02"``).
    from_year : int
        First year of the sustained change (after the base year).
    assumptions : iterable of str or DefaultVariant, optional
        Which defaults: ids of :func:`~kommunbudget.analysis.sensitivity_defaults.default_variants` (``pkv``,
        ``tax_base``, ``own_tax_base``, ``population``, ``volume``, ``regulation_grant``, ``property_fee``,
        ``borrowing_rate``; an id the municipality has nothing to vary for is left out), or variants built alike
        (own low and high). Default: every default of ``default_variants``. The steps (±1 pp PKV and tax base, ±1 %
        population, ±0.5 pp volumes, +2 pp property fee, ±1 pp borrowing rate) are defaults, not data.

    Returns
    -------
    pandas.DataFrame
        One row per assumption, index ``id``, the columns of :data:`TORNADO_COLUMNS` (MSEK and öre; a side the core
        cannot project or solve has NaN and its message in ``error``), sorted by ``need_swing_ore`` (largest first;
        rows without one last), then by ``result_swing_msek``. ``attrs``: ``year``, ``from_year``, ``target`` (its
        key), ``target_description``, ``baseline_result_msek``, ``baseline_need_ore``, ``with_measures`` (bool),
        ``projections`` (the runs made, the baseline's included when it was run here) and ``columns``
        (:data:`TORNADO_COLUMNS`).

    Raises
    ------
    ValueError
        For an invalid target, year or from_year, an unknown assumption id (the known ones named), a municipality
        without a horizon, or a baseline whose target cannot be met (the core's message).
    """
    m, measures, given = _subject(subject)
    if horizon is None:
        if given is None:
            raise ValueError("horizon = None: give the last year (e.g. 2030) for a municipality")
        horizon = given.horizon
    horizon = as_year("horizon", horizon)
    target = as_target(target)
    from_year = as_year("from_year", from_year)
    year = _checked_year(m, horizon, year)
    runs = 0
    baseline = given if given is not None and given.horizon == horizon else None
    if baseline is None:
        baseline = m.project(horizon, measures)
        runs += 1
    k = baseline.years.index(year)
    base_result = float(baseline.line("result")[k])
    base_need = baseline.sustained_tax_change(target, from_year) * 100.0
    variants = _chosen_variants(m, horizon, assumptions)
    records = []
    for run in variant_runs(m, horizon, variants, baseline, measures):
        runs += run.projected
        results: list[float] = []
        needs: list[float] = []
        errors: list[str] = []
        for name, side in ((run.variant.low_name, run.low), (run.variant.high_name, run.high)):
            if isinstance(side, str):
                results.append(math.nan)
                needs.append(math.nan)
                errors.append(f"{name}: {side}")
                continue
            results.append(float(side.line("result")[k]))
            try:
                needs.append(side.sustained_tax_change(target, from_year) * 100.0)
            except ValueError as e:
                needs.append(math.nan)
                errors.append(f"{name}: {e}")
        records.append(_tornado_record(run.variant, results, needs, base_result, base_need, "; ".join(errors)))
    frame = pd.DataFrame.from_records(records, columns=["id", *TORNADO_COLUMNS]).set_index("id")
    if len(frame):
        frame = frame.sort_values(["need_swing_ore", "result_swing_msek"], ascending=False, na_position="last",
                                  kind="stable")
    frame.attrs.update({"year": year, "from_year": from_year, "target": target_key(target),
                        "target_description": target.describe(), "baseline_result_msek": base_result,
                        "baseline_need_ore": base_need, "with_measures": measures is not None, "projections": runs,
                        "columns": dict(TORNADO_COLUMNS)})
    return frame


def _subject(subject: Municipality | _WithMeasures) -> tuple[Municipality, core.Measures | None, Projection | None]:
    """The municipality, the measures and the projection with them (a scenario's result), or (m, None, None)."""
    if isinstance(subject, Municipality):
        return subject, None, None
    m = getattr(subject, "municipality", None)
    projection = getattr(subject, "projection", None)
    if not isinstance(m, Municipality) or not isinstance(projection, Projection):
        raise ValueError(f"subject = {type(subject).__name__}: expected a Municipality or a scenario's result (with "
                         f"municipality and projection)")
    return m, projection.measures, projection


def _checked_year(m: Municipality, horizon: int, year: int) -> int:
    """``year`` as a projected year after the base year. Raises ValueError naming the range."""
    year = as_year("year", year)
    if not m.base_year < year <= horizon:
        raise ValueError(f"year = {year} is outside the projected years after the base year, "
                         f"{m.base_year + 1}-{horizon} (base year {m.base_year}: its result is the adopted budget's)")
    return year


def _chosen_variants(m: Municipality, horizon: int,
                     assumptions: Iterable[str | DefaultVariant] | None) -> list[DefaultVariant]:
    """The variants of ``assumptions`` (ids of ``default_variants``, or variants), default all."""
    defaults = default_variants(m, horizon)
    if assumptions is None:
        return defaults
    by_id = {v.ident: v for v in defaults}
    known = ("pkv", "tax_base", "own_tax_base", "population", "volume", "regulation_grant", "property_fee",
             "borrowing_rate")
    chosen = []
    for a in assumptions:
        if isinstance(a, DefaultVariant):
            chosen.append(a)
        elif a in by_id:
            chosen.append(by_id[a])
        elif a not in known:
            raise ValueError(f"assumptions: {a!r} is not an assumption of the tornado; expected some of "
                             f"{', '.join(known)}")
    return chosen


def _tornado_record(v: DefaultVariant, results: list[float], needs: list[float], base_result: float,
                    base_need: float, error: str) -> dict[str, Any]:
    """One row of the tornado (see :data:`TORNADO_COLUMNS`)."""
    return {"id": v.ident, "assumption": v.label, "assumption_sv": v.label_sv, "series": ", ".join(v.series),
            "years": f"{v.years[0]}-{v.years[-1]}" if len(v.years) > 1 else f"{v.years[0]}" if v.years else "",
            "default": v.default, "low": v.low, "high": v.high, "low_name": v.low_name, "high_name": v.high_name,
            "result_low_msek": results[0], "result_high_msek": results[1],
            "result_effect_low_msek": results[0] - base_result, "result_effect_high_msek": results[1] - base_result,
            "result_swing_msek": abs(results[1] - results[0]),
            "need_low_ore": needs[0], "need_high_ore": needs[1],
            "need_effect_low_ore": needs[0] - base_need, "need_effect_high_ore": needs[1] - base_need,
            "need_swing_ore": abs(needs[1] - needs[0]), "error": error}


# --------------------------------------------------------------------------------------------------------------------
# Sobol indices


@dataclass(frozen=True)
class Factor:
    """One uncertain input of a Sobol analysis.

    Attributes
    ----------
    name : str
        Its identifier in the indices' table; for the model, a shock field of
        :data:`kommunbudget.model.batch.SHOCK_FIELDS` (``labour_cost_change``, ``other_cost_change``,
        ``tax_base_growth``, ``national_tax_capacity_growth``, ``volume_growth``).
    low, high : float
        The range: ``uniform`` on [low, high]; ``normal`` with mean (low + high) / 2 and standard deviation
        (high − low) / 4, so [low, high] is mean ± 2 sd (95.4 % of the draws). For the model, a shift of the yearly
        growth rate as a fraction (0.01 = one percentage point), in the core's row ``sobol.shift``; low = high is a
        factor held fixed.
    distribution : {"uniform", "normal"}
    years : tuple[int, ...]
        For the model: the years the shift is added to (empty: :func:`default_factors`' years for the field).
    basis : str
        Where the range comes from, in words (a default that is not data says so).
    """

    name: str
    low: float
    high: float
    distribution: str = "uniform"
    years: tuple[int, ...] = ()
    basis: str = ""

    def values(self, u: np.ndarray) -> np.ndarray:
        """The factor's values at points ``u`` of the unit interval (SALib's sample, shape (rows,)): the inverse of
        its distribution function. A normal factor's ``u`` is kept inside the open interval (0, 1)."""
        if self.distribution == "normal":
            tiny = np.finfo(float).eps
            mean, sd = 0.5 * (self.low + self.high), 0.25 * (self.high - self.low)
            return mean + sd * ndtri(np.clip(u, tiny, 1.0 - tiny))
        return self.low + (self.high - self.low) * u

    def record(self) -> dict[str, Any]:
        """The factor as a JSON record: name, label, label_sv, distribution, low, high (fractions), years, basis."""
        label, label_sv = FACTOR_LABELS.get(self.name, (self.name, self.name))
        return {"name": self.name, "label": label, "label_sv": label_sv, "distribution": self.distribution,
                "low": self.low, "high": self.high, "years": list(self.years), "basis": self.basis}


@dataclass(frozen=True)
class SobolResult:
    """Sobol indices of one or more outputs.

    Attributes
    ----------
    indices : pandas.DataFrame
        Index (``output``, ``factor``); columns ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (fractions of the
        output's variance; ``*_conf`` the half-width of the ``conf_level`` bootstrap interval). NaN for an output
        that does not vary (no variance to share).
    factors : tuple[Factor, ...]
    n : int
        Base samples N.
    seed : int
    rows : int
        Evaluations: N × (D + 2), or N × (2D + 2) with second-order indices.
    second_order : dict[str, pandas.DataFrame]
        Output -> S2 (factor × factor, upper triangle), only with ``calc_second_order``.
    outputs : dict[str, dict[str, Any]]
        Output -> ``unit``, ``mean``, ``sd`` of its evaluations (and ``year`` for the model).
    seconds : dict[str, float]
        Wall time of ``sample`` (SALib), ``evaluate`` (the evaluator: for the model, the core's batch, ``core``
        separately), ``analyze`` (SALib).
    conf_level : float
    sample : numpy.ndarray
        The rows evaluated, shape (rows, D), in the factors' units (column j factor j), in SALib's order.
    evaluations : dict[str, numpy.ndarray]
        Output -> its value in each row, shape (rows,).
    notes : tuple[str, ...]
        Notes on the whole analysis: :data:`FEW_SAMPLES_NOTE` (with N and the widest S1 interval) when N is below
        :data:`FEW_SAMPLES_N` or an S1 half-width exceeds :data:`FEW_SAMPLES_S1_CONF`; else empty. An output's own
        note (one that does not vary) is its ``outputs[name]["note"]``.
    """

    indices: pd.DataFrame
    factors: tuple[Factor, ...]
    n: int
    seed: int
    rows: int
    second_order: dict[str, pd.DataFrame] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    conf_level: float = 0.95
    sample: np.ndarray = field(default_factory=lambda: np.empty((0, 0)), repr=False)
    evaluations: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    notes: tuple[str, ...] = ()

    def records(self) -> list[dict[str, Any]]:
        """The indices as JSON records: output, factor, S1, S1_conf, ST, ST_conf."""
        return self.indices.reset_index().to_dict(orient="records")


def sobol_indices(factors: Sequence[Factor], evaluate: Callable[[np.ndarray], Mapping[str, np.ndarray]], n: int,
                  seed: int, calc_second_order: bool = False, num_resamples: int = 100,
                  conf_level: float = 0.95) -> SobolResult:
    """The pipeline: SALib's problem and scrambled Sobol' sample (Saltelli's scheme), the sample's points mapped to
    each factor's distribution, one call of ``evaluate`` on all rows, then SALib's Sobol analysis of each output.

    SALib samples the unit hypercube (bounds [0, 1] for every factor) and :meth:`Factor.values` maps each column to
    its factor, so a factor with low = high (held fixed) is allowed.

    Parameters
    ----------
    factors : sequence of Factor
        At least one; names unique.
    evaluate : callable
        Takes the sample, shape (rows, D) in the factors' units (column j factor j), and returns output name ->
        array of shape (rows,), all outputs from the same rows (vectorised: one call).
    n : int
        Base samples N, a power of 2 (the Sobol' sequence's balance needs it), at least 2.
    seed : int
        Seed of the scrambling (SALib ``seed``); the bootstrap of the intervals uses ``seed + 1`` (SALib ignores a
        seed of 0).
    calc_second_order : bool
        Also the second-order indices (N × (2D + 2) rows).
    num_resamples, conf_level
        SALib's bootstrap of the confidence intervals (100, 0.95).

    Returns
    -------
    SobolResult
        ``seconds`` has ``sample``, ``evaluate`` and ``analyze``. ``outputs[name]`` has ``mean``, ``sd``, ``varies``
        (False: every value is not finite, or the sd is at most :data:`CONSTANT_TOLERANCE` × max(1, max ``|y|``);
        SALib is not called and the indices are NaN, with a ``note`` saying so) and, if SALib warned, ``warnings``
        (its messages, kept off stderr). ``notes``: see :class:`SobolResult`.

    Raises
    ------
    ValueError
        For no factor, a repeated name, an unknown distribution, bounds that are not finite or low > high, an ``n``
        that is not a power of 2 of at least 2, or an output whose shape is not (rows,).
    """
    factors = tuple(factors)
    _check_factors(factors)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2 or n & (n - 1):
        raise ValueError(f"n = {n!r} is not a power of 2 of at least 2; expected e.g. 1024 (Saltelli's base samples)")
    n = int(n)
    names = [f.name for f in factors]
    problem = {"num_vars": len(factors), "names": names, "bounds": [[0.0, 1.0]] * len(factors)}
    t0 = time.perf_counter()
    unit = salib_sample.sample(problem, n, calc_second_order=calc_second_order, scramble=True, seed=int(seed))
    x = np.column_stack([f.values(unit[:, j]) for j, f in enumerate(factors)])
    t1 = time.perf_counter()
    outputs = {k: np.asarray(v, dtype=float) for k, v in evaluate(x).items()}
    t2 = time.perf_counter()
    frames, second, stats = [], {}, {}
    for name, y in outputs.items():
        if y.shape != (len(x),):
            raise ValueError(f"evaluate: output {name!r} has shape {y.shape}; expected ({len(x)},), one value a row")
        sd = float(y.std())
        stats[name] = {"mean": float(y.mean()), "sd": sd}
        finite = bool(np.isfinite(y).all())
        if not finite or sd <= CONSTANT_TOLERANCE * max(1.0, float(np.abs(y).max())):
            nan = [math.nan] * len(factors)
            si: dict[str, Any] = {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
            stats[name].update({"varies": False, "note": (
                f"does not vary over the {len(x):,} rows: no indices" if finite
                else "has values that are not finite: no indices")})
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                si = salib_analyze.analyze(problem, y, calc_second_order=calc_second_order,
                                           num_resamples=num_resamples, conf_level=conf_level, seed=int(seed) + 1)
            stats[name]["varies"] = True
            if caught:
                stats[name]["warnings"] = list(dict.fromkeys(str(w.message) for w in caught))
            if calc_second_order:
                second[name] = pd.DataFrame(np.asarray(si["S2"]), index=names, columns=names)
        frames.append(pd.DataFrame({"output": name, "factor": names,
                                    **{k: np.asarray(si[k], dtype=float) for k in ("S1", "S1_conf", "ST", "ST_conf")}}))
    t3 = time.perf_counter()
    indices = pd.concat(frames, ignore_index=True).set_index(["output", "factor"])
    return SobolResult(indices, factors, n, int(seed), len(x), second, stats,
                       {"sample": t1 - t0, "evaluate": t2 - t1, "analyze": t3 - t2}, conf_level, x, outputs,
                       _few_samples(n, indices))


def _few_samples(n: int, indices: pd.DataFrame) -> tuple[str, ...]:
    """(:data:`FEW_SAMPLES_NOTE` with its reasons,) when N < :data:`FEW_SAMPLES_N` or an S1 half-width exceeds
    :data:`FEW_SAMPLES_S1_CONF`; else ()."""
    conf = indices["S1_conf"].to_numpy(dtype=float)
    widest = float(np.nanmax(conf)) if np.isfinite(conf).any() else math.nan
    reasons = []
    if n < FEW_SAMPLES_N:
        reasons.append(f"N = {n:,} base samples (below {FEW_SAMPLES_N})")
    if math.isfinite(widest) and widest > FEW_SAMPLES_S1_CONF:
        reasons.append(f"S1 intervals up to ± {widest:.3f} (above ± {FEW_SAMPLES_S1_CONF:g})")
    if not reasons:
        return ()
    return (f"{FEW_SAMPLES_NOTE}: {', '.join(reasons)}; a larger N narrows the intervals (the thresholds are "
            f"defaults, not data)",)


def _check_factors(factors: tuple[Factor, ...]) -> None:
    """Raises ValueError for no factor, a repeated name, an unknown distribution or bad bounds."""
    if not factors:
        raise ValueError("factors: none given; expected at least one Factor")
    seen: set[str] = set()
    for f in factors:
        if f.name in seen:
            raise ValueError(f"factors: {f.name!r} is given twice")
        seen.add(f.name)
        if f.distribution not in DISTRIBUTIONS:
            raise ValueError(f"factor {f.name}: distribution = {f.distribution!r}; expected one of "
                             f"{', '.join(DISTRIBUTIONS)}")
        if not (math.isfinite(f.low) and math.isfinite(f.high)) or f.low > f.high:
            raise ValueError(f"factor {f.name}: low = {f.low:g}, high = {f.high:g}; expected finite numbers with "
                             f"low <= high")


def default_factors(m: Municipality, horizon: int) -> list[Factor]:
    """The model's Sobol factors for ``m`` to ``horizon``: each shock field of the batch engine, uniform on
    ± the tornado's step in the years after the adopted plan whose value is not data nor the user's (the tornado's
    years, :func:`~kommunbudget.analysis.sensitivity_defaults.free_years`):

    - ``labour_cost_change``, ``other_cost_change``: PKV after the last published year (provenance default), ±1 pp;
    - ``tax_base_growth``: the own tax base growth after the plan, ±1 pp (the national tax base is not moved, so the
      income equalisation's guarantee takes most of it);
    - ``national_tax_capacity_growth``: the national average tax capacity after the plan, ±1 pp (itemised grants
      only; left out with grants as a total);
    - ``volume_growth``: every cost line's volume after the plan, ±0.5 pp, in the years no line's volume is data or
      the user's (the batch shifts every line alike).

    A field without such a year is left out. The ranges are defaults, not data (the steps of "What moves the
    answer"): a plausible range to share out the variance, not a forecast interval.

    Raises
    ------
    ValueError
        For a horizon that is not a year.
    """
    out = []
    for name in SHOCK_FIELDS:
        years = _field_years(m, name, horizon)
        if not years:
            continue
        step = _DEFAULT_STEPS[name]
        out.append(Factor(name, -step, step, "uniform", tuple(years),
                          f"±{step * 100:g} pp, the tornado's step (default, not data)"))
    return out


def _field_years(m: Municipality, name: str, horizon: int) -> list[int]:
    """The years a shock field is varied in (see :func:`default_factors`)."""
    if name == "volume_growth":
        lines = [n for n in m.assumptions.series if n.startswith("volume_growth:")]
        sets = [set(free_years(m, n, horizon)) for n in lines]
        return sorted(set.intersection(*sets)) if sets else []
    if name == "national_tax_capacity_growth" and not m.grant_item_names():
        return []
    return free_years(m, name, horizon, _FIELD_KINDS.get(name))


def sobol(municipality: Municipality, horizon: int, year: int, factors: Sequence[Factor] | None = None,
          n: int = 1024, seed: int = 0, calc_second_order: bool = False, threads: int = 0,
          target: core.Target | str | None = None, from_year: int | None = None) -> SobolResult:
    """Sobol indices of the result (MSEK) and the result share (fraction) in ``year`` and, with a ``target``, of the
    tax need (öre) for the baseline of ``municipality`` (no measures: the batch engine projects the baseline), by
    :func:`sobol_indices` with the core's batch as the evaluator: SALib's sample (N × (D + 2) rows) becomes one shock
    matrix per field (rows × years, the factor's value in its years, 0 elsewhere) and
    :func:`kommunbudget.model.batch.run_batch` evaluates every row in one call.

    The tax need of a row is the single sustained change of the own rate from 1 January ``from_year`` that meets
    ``target`` in every year to the horizon: the core's ``required_sustained_change`` on the row's statement (the
    batch's ``required_change``, kr per 100 kr), × 100 for öre, as the tornado's need.

    Parameters
    ----------
    municipality : Municipality
    horizon : int
        The last year projected.
    year : int
        The year whose result and result share are analysed, after the base year and at most ``horizon``.
    factors : sequence of Factor, optional
        Default :func:`default_factors`. A factor's ``name`` is its shock field (each at most once); empty
        ``years`` take the default's years for that field; ``low`` and ``high`` are shifts (fraction per year) in
        the core's row ``sobol.shift``.
    n : int
        Base samples N, a power of 2 in the row ``sobol.n`` ([16, 32768]); default 1024.
    seed : int
        In the row ``sobol.seed``; default 0. The same seed gives the same sample, evaluations and intervals.
    calc_second_order : bool
        Also S2 (N × (2D + 2) rows).
    threads : int
        The batch's threads (0 = all cores; the numbers do not depend on it).
    target : kommunbudget.core.Target or str, optional
        The target of the tax need (text as :func:`kommunbudget.model.targets.parse_target`, e.g. ``"share:0.02"``);
        None: no tax need output.
    from_year : int, optional
        First year of the sustained change, after the base year and at most ``horizon``; None: the first year whose
        own rate is not decided (:func:`kommunbudget.data.decided_rates.first_undecided_year`, as the CLI). Only
        with a target.

    Returns
    -------
    SobolResult
        Outputs ``result``, ``result_share`` and with a target ``tax_need`` (``outputs`` has their unit, year, mean,
        sd and ``varies``; the tax need also ``target``, its key, and ``from_year``); an output that does not vary
        (e.g. the result of a year before every factor's years) has NaN indices and a ``note`` naming the year and
        the factors' years, e.g. "does not vary in 2026: no factor acts in it (the factors act in 2028-2030)";
        ``notes`` as :func:`sobol_indices`; ``seconds`` also ``core``, the time of the batch call alone.

    Raises
    ------
    ValueError
        For a year outside the projection after the base year, a field that is not a shock field, no year to vary
        (naming the field), a shift, ``n`` or ``seed`` outside its row (the row's range named), an ``n`` that is not a
        power of 2, a shifted value the core refuses (the batch names the field, draw, year and value), an invalid
        target, a ``from_year`` without a target or outside the years after the base year, or a row whose tax need
        cannot be met (the core names the draw).
    """
    m = municipality
    horizon = as_year("horizon", horizon)
    year = _checked_year(m, horizon, year)
    _check_whole("n", n)
    if n & (n - 1):
        raise ValueError(f"n = {n} is not a power of 2; expected e.g. {1 << max(4, int(n).bit_length() - 1)} or "
                         f"{1 << int(n).bit_length()} (Saltelli's base samples for a scrambled Sobol' sequence)")
    _check_whole("seed", seed)
    need = _checked_need(m, horizon, target, from_year)
    chosen = _model_factors(m, horizon, factors)
    years = list(range(m.base_year, horizon + 1))
    k = years.index(year)
    seconds: dict[str, float] = {}

    def evaluate(x: np.ndarray) -> dict[str, np.ndarray]:
        shocks: dict[str, np.ndarray] = {}
        for j, f in enumerate(chosen):
            matrix = shocks.setdefault(f.name, np.zeros((len(x), len(years))))
            matrix[:, [y - m.base_year for y in f.years]] += x[:, [j]]
        t0 = time.perf_counter()
        out = run_batch(m, horizon, shocks, threads, *need)
        seconds["core"] = time.perf_counter() - t0
        values = {name: out[name][:, k] for name in ("result", "result_share")}
        if need:
            values["tax_need"] = out[NEED_FIELD] * 100.0  # kr per 100 kr -> öre
        return values

    result = sobol_indices(chosen, evaluate, int(n), int(seed), calc_second_order)
    outputs = {name: {"unit": SOBOL_OUTPUTS[name], "year": year, **result.outputs[name]} for name in result.outputs}
    if need:
        outputs["tax_need"].update({"target": target_key(need[0]), "target_description": need[0].describe(),
                                    "from_year": need[1]})
    for name, stats in outputs.items():
        if not stats["varies"] and np.isfinite(result.evaluations[name]).all():
            stats["note"] = _constant_note(chosen, None if name == "tax_need" else year)
    return dataclasses.replace(result, outputs=outputs, seconds={**result.seconds, **seconds})


def _constant_note(factors: Sequence[Factor], year: int | None) -> str:
    """Why an output of :func:`sobol` does not vary, in words, with the years the factors act in (those with
    low < high); ``year`` None for the tax need (over all years to the horizon)."""
    acting = sorted({y for f in factors if f.low < f.high for y in f.years})
    if not acting:
        return "does not vary: every factor is held fixed (low = high), so there is no variance to share"
    where = years_text(acting)
    if year is not None and year < acting[0]:
        return f"does not vary in {year}: no factor acts in it (the factors act in {where})"
    return (f"does not vary{f' in {year}' if year is not None else ''}: the factors (acting in {where}) do not move "
            f"it")


def _checked_need(m: Municipality, horizon: int, target: core.Target | str | None,
                  from_year: int | None) -> tuple[core.Target, int] | tuple[()]:
    """(target, from_year) of the tax need, from_year defaulting to the first undecided year; () without a target.
    Raises ValueError for a from_year without a target or outside the years after the base year."""
    if target is None:
        if from_year is not None:
            raise ValueError(f"from_year = {from_year!r}: given without a target; expected a target (e.g. "
                             f"'share:0.02') for the tax need, or neither")
        return ()
    target = as_target(target)
    if from_year is None:
        from_year = first_undecided_year(m.code, m.base_year)
        if from_year > horizon:
            raise ValueError(f"the own rate is decided through {from_year - 1}, so a change can start in "
                             f"{from_year} at the earliest, after the horizon {horizon}; give a later horizon or a "
                             f"from_year in {m.base_year + 1}-{horizon}")
    from_year = as_year("from_year", from_year)
    if not m.base_year < from_year <= horizon:
        raise ValueError(f"from_year = {from_year} is outside the projected years after the base year, "
                         f"{m.base_year + 1}-{horizon}")
    return target, from_year


def _check_whole(name: str, value: object) -> None:
    """``value`` a whole number in the row ``sobol.<name>``. Raises ValueError naming the range."""
    row = field_limit("sobol", name)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not row.contains(float(value)):
        raise ValueError(f"{name} = {value!r} is outside [{row.low:.0f}, {row.high:.0f}]; expected a whole number: "
                         f"{row.description}")


def _model_factors(m: Municipality, horizon: int, factors: Sequence[Factor] | None) -> list[Factor]:
    """The factors checked against the shock fields and the row ``sobol.shift``, with their years."""
    if factors is None:
        chosen = default_factors(m, horizon)
        if not chosen:
            raise ValueError(f"{m.label}: no growth assumption to vary after the plan (every value of "
                             f"{plan_end(m) + 1}-{horizon} is data or set by you); give a later horizon")
        return chosen
    factors = tuple(factors)
    _check_factors(factors)
    row = field_limit("sobol", "shift")
    out = []
    for f in factors:
        if f.name not in SHOCK_FIELDS:
            raise ValueError(f"factor {f.name!r} is not a shock field of the batch engine; expected one of "
                             f"{', '.join(SHOCK_FIELDS)}")
        for side, value in (("low", f.low), ("high", f.high)):
            if not row.contains(value):
                raise ValueError(f"factor {f.name}: {side} = {value:g} is outside {row.range_text()} {row.unit} "
                                 f"({row.description})")
        years = f.years or tuple(_field_years(m, f.name, horizon))
        if not years:
            raise ValueError(f"factor {f.name}: no year to vary after the plan ({plan_end(m) + 1}-{horizon}: data, "
                             f"set by you, or not in this baseline); give its years or a later horizon")
        outside = [y for y in years if not m.base_year < y <= horizon]
        if outside:
            raise ValueError(f"factor {f.name}: year {outside[0]} is outside the projected years "
                             f"{m.base_year + 1}-{horizon}")
        out.append(Factor(f.name, f.low, f.high, f.distribution, tuple(years), f.basis or "given"))
    return out
