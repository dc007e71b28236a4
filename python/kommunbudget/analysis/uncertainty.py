"""How likely it is that the balanced-budget requirement is missed and a tax rise is needed, with a scenario's
measures and without: a Monte Carlo run of the C++ core (``docs/model.md`` §19, "Monte Carlo") with the default
shock sizes and correlations of SOURCES.md §25 (:mod:`kommunbudget.data.uncertainty_defaults`), each labelled as
derived from data or an assumption.

No equations here: the core draws the shocks (Philox, keyed by seed and draw), projects every draw and keeps fixed
histograms, counts and exact sums (:func:`kommunbudget.model.monte_carlo.run_monte_carlo`); this module chooses the
shocks that apply, runs the core once without and once with the measures on the same draws (common random
numbers: the same seed, the same shocks in the same order, so the two differ only by the measures) and arranges the
answers as tables.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from kommunbudget.data.uncertainty_defaults import SHOCK_ORDER, default_correlation, default_shocks
from kommunbudget.model import core
from kommunbudget.model.limits import field_limit
from kommunbudget.model.monte_carlo import MonteCarloSummary, run_monte_carlo
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import as_target

__all__ = ["ASSISTANCE_COST_LINE", "CASES", "DEFAULT_DRAWS", "DEFAULT_SEED", "FAN_PERCENTILES", "OUTPUTS",
           "Uncertainty", "shocks_for", "uncertainty"]

#: Draws of a run unless asked otherwise: the probabilities' standard error is then at most 0.5 / sqrt(100 000)
#: = 0.16 percentage points.
DEFAULT_DRAWS = 100_000
#: The seed unless asked otherwise (any fixed number: the point is that a rerun gives the same figures).
DEFAULT_SEED = 2026
#: The percentiles of a fan chart, percent.
FAN_PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
#: The outputs with percentiles: årets resultat and balanskravsresultat (MSEK), resultatet som andel av
#: skatteintäkter och generella statsbidrag (fraction).
OUTPUTS = ("result", "balanced_budget_result", "result_share")
#: The cost line of ekonomiskt bistånd in the baselines (the service area's key,
#: python/kommunbudget/data/service_areas.py): the ``assistance_households`` shock moves its volume.
ASSISTANCE_COST_LINE = "social_assistance"
#: The two runs: the baseline, and the baseline with the scenario's measures.
CASES = ("without measures", "with measures")
#: The probabilities per year: balanskravsresultatet negativt; the restoration due not reached (återställande); the
#: target missed.
_PROBABILITIES = ("requirement_missed", "restoration_missed", "target_missed")


def _planned_shares(measures: core.Measures) -> list[float]:
    """The planned realised share of each measure the realisation shock acts on: efficiency and fixed savings
    (``realised_share``), work lines (``target_reduction``), in list order."""
    return ([float(e.realised_share) for e in measures.efficiency]
            + [float(f.realised_share) for f in measures.fixed_savings]
            + [float(w.target_reduction) for w in measures.work_lines])


def _measure_labels(measures: core.Measures) -> list[str]:
    """Labels of the measures in the order of :func:`_planned_shares`."""
    return ([f"efficiency[{i}] ({e.cost_line or 'all lines'})" for i, e in enumerate(measures.efficiency)]
            + [f"fixed_savings[{i}] ({f.name})" for i, f in enumerate(measures.fixed_savings)]
            + [f"work_lines[{i}] ({w.name})" for i, w in enumerate(measures.work_lines)])


def shocks_for(municipality: Municipality, measures: core.Measures | None,
               sd: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The shocks that move something for this baseline and these measures, with their default size or the one
    given in ``sd``.

    A shock is left out, with the reason in ``dropped``'s attrs, when it cannot move anything:
    ``national_tax_capacity_growth`` with the general grants as a total (the equalisation is not itemised);
    ``assistance_households`` with neither a cost line of ekonomiskt bistånd (:data:`ASSISTANCE_COST_LINE`) nor a
    work-line measure; ``measure_realisation`` without an efficiency, fixed
    saving or work-line measure; ``sale_price`` without a disposal. A size given in ``sd`` replaces the default
    and is labelled ``given``; a size of 0 leaves the shock out.

    Returns
    -------
    pandas.DataFrame
        Index the shocks used (the order of :data:`~kommunbudget.data.uncertainty_defaults.SHOCK_ORDER`); columns
        as :func:`~kommunbudget.data.uncertainty_defaults.default_shocks`. ``attrs["dropped"]``: shock -> why;
        ``attrs["moves"]``: shock -> what it moves in this baseline, where that depends on it (English; for
        ``assistance_households``: the cost line of ekonomiskt bistånd and/or the work lines).

    Raises
    ------
    ValueError
        For an unknown shock name in ``sd`` or a size that is not a finite number >= 0 (the core checks the
        upper limits).
    """
    table = default_shocks()
    sd = dict(sd or {})
    unknown = sorted(set(sd) - set(SHOCK_ORDER))
    if unknown:
        raise ValueError(f"sd: unknown shock {unknown[0]!r}; expected one of {', '.join(SHOCK_ORDER)}")
    for name, value in sd.items():
        number = float(value)
        row = field_limit("MonteCarloSpec", "sd")
        if not np.isfinite(number) or not row.contains(number):
            raise ValueError(f"sd.{name} = {value}: outside the allowed range {row.range_text()} (a standard "
                             f"deviation: fraction per year for growth, 0.01 = 1 percentage point)")
        table.loc[name, "sd"] = number
        table.loc[name, "status"] = "given"
        table.loc[name, "basis"] = "given by the user"
    dropped: dict[str, str] = {}
    m = measures or core.Measures()
    if not municipality.base_state().itemised_grants:
        dropped["national_tax_capacity_growth"] = ("the general grants are a total, so the national tax capacity "
                                                   "moves nothing (itemised grants needed)")
    if not m.work_lines and ASSISTANCE_COST_LINE not in municipality.cost_line_names():
        dropped["assistance_households"] = (f"no cost line of ekonomiskt bistånd ({ASSISTANCE_COST_LINE}) and no "
                                            f"work-line measure")
    shares = _planned_shares(m)
    if not shares:
        dropped["measure_realisation"] = "no efficiency, fixed-saving or work-line measure"
    elif not any(0.0 < share < 1.0 for share in shares):
        dropped["measure_realisation"] = ("every measure is planned at a realised share of 0 or 1 (a Beta around it "
                                          "has no spread): give realised_share below 1 for a realisation risk")
    if not m.disposals:
        dropped["sale_price"] = "no disposal"
    for name in table.index:
        if table.loc[name, "sd"] == 0.0 and name not in dropped:
            dropped[name] = "size 0"
    used = table.drop(index=list(dropped))
    used.attrs["dropped"] = dropped
    moves: dict[str, str] = {}
    if "assistance_households" in used.index:
        parts = []
        if ASSISTANCE_COST_LINE in municipality.cost_line_names():
            parts.append(f"the volume growth of the cost line {ASSISTANCE_COST_LINE} (ekonomiskt bistånd: households "
                         f"× a constant real cost per household)")
        if m.work_lines:
            parts.append("the households of every work-line measure")
        moves["assistance_households"] = " and ".join(parts)
    used.attrs["moves"] = moves
    return used


@dataclass
class Uncertainty:
    """The Monte Carlo answers for one baseline, without and (when measures are given) with the measures.

    Attributes
    ----------
    years : list of int
        base year .. horizon.
    draws, seed : int
    target : core.Target
    from_year : int
        First year of the sustained tax change whose distribution is given.
    first_shocked_year : int
        The first year whose yearly growth inputs are shocked (the per-draw shocks act from each measure's own
        first year).
    shocks : pandas.DataFrame
        :func:`shocks_for`: the shocks used, their size, distribution, status (derived, partly derived,
        assumption, given) and basis; ``attrs["dropped"]`` the ones left out and why.
    correlation : pandas.DataFrame
        The correlation of the yearly shocks (index and columns their names).
    summaries : dict
        Case (:data:`CASES`) -> the core's :class:`~kommunbudget.model.monte_carlo.MonteCarloSummary`.
    deterministic : dict
        Case -> the deterministic :class:`~kommunbudget.model.projection.Projection` (no shocks).
    label : str
        The municipality, e.g. ``"Sjöbo (1265)"``.
    measure_labels : list of str
        The measures the realisation shock acts on, in the core's order (efficiency, fixed savings, work lines):
        ``efficiency[0] (elderly_care)``, ``fixed_savings[0] (name)``, ``work_lines[0] (name)``.
    """

    years: list[int]
    draws: int
    seed: int
    target: core.Target
    from_year: int
    first_shocked_year: int
    shocks: pd.DataFrame
    correlation: pd.DataFrame
    summaries: dict[str, MonteCarloSummary] = field(default_factory=dict)
    deterministic: dict[str, Projection] = field(default_factory=dict)
    label: str = ""
    measure_labels: list[str] = field(default_factory=list)

    @property
    def cases(self) -> list[str]:
        """The cases run, in the order of :data:`CASES`."""
        return [c for c in CASES if c in self.summaries]

    def fan(self, output: str = "result", case: str | None = None) -> pd.DataFrame:
        """The percentiles of ``output`` per year: rows ``p5`` … ``p95`` (:data:`FAN_PERCENTILES`), ``mean``,
        ``deterministic`` (the projection without shocks) and ``error`` (the percentiles' error bound: one
        histogram bin), columns the years. MSEK for ``result`` and ``balanced_budget_result``, a fraction for
        ``result_share``.

        Raises
        ------
        KeyError
            For an output not in :data:`OUTPUTS` or a case not run. ``case`` defaults to the last case run (with the
            measures when they were given).
        """
        if output not in OUTPUTS:
            raise KeyError(f"output {output!r}; expected one of {', '.join(OUTPUTS)}")
        s = self._summary(case)
        q = np.asarray(FAN_PERCENTILES, dtype=float) / 100.0
        values = np.asarray(s.quantiles(output, q), dtype=float)
        rows = {f"p{p}": values[i] for i, p in enumerate(FAN_PERCENTILES)}
        rows["mean"] = np.asarray(s.mean(output), dtype=float)
        rows["deterministic"] = self.deterministic[case or self.cases[-1]].line(output)
        rows["error"] = np.asarray(s.quantile_error(output), dtype=float)
        return pd.DataFrame(rows, index=self.years).T

    def probabilities(self, case: str | None = None) -> pd.DataFrame:
        """Per year, the share of draws (fraction) in which ``requirement_missed`` (the balanced-budget result is
        negative), ``restoration_missed`` (it does not reach the restoration of earlier deficits due in the year)
        and ``target_missed`` (the target is not met). Rows those three, columns the years."""
        s = self._summary(case)
        return pd.DataFrame({what: np.asarray(s.probability(what), dtype=float) for what in _PROBABILITIES},
                            index=self.years).T

    def tax_need(self) -> pd.DataFrame:
        """The sustained change of the rate from :attr:`from_year` that meets the target in every year to the
        horizon, over the draws, in öre (1 öre = 0.01 kr per 100 kr; negative = room to lower the rate).

        Returns
        -------
        pandas.DataFrame
            Index the cases; columns ``p5`` … ``p95``, ``mean_ore``, ``deterministic_ore`` (the projection without
            shocks) and ``probability_rise`` (the share of draws needing a rise, fraction).
        """
        q = np.asarray(FAN_PERCENTILES, dtype=float) / 100.0
        rows = {}
        for case in self.cases:
            s = self.summaries[case]
            values = np.asarray(s.required_change_quantiles(q), dtype=float) * 100.0
            row = {f"p{p}": values[i] for i, p in enumerate(FAN_PERCENTILES)}
            row["mean_ore"] = float(s.required_change_mean) * 100.0
            row["deterministic_ore"] = self.deterministic[case].sustained_change(self.target, self.from_year) * 100.0
            row["probability_rise"] = float(s.probability_rise_needed)
            rows[case] = row
        return pd.DataFrame(rows).T

    def _summary(self, case: str | None) -> MonteCarloSummary:
        if case is None:
            case = self.cases[-1]
        if case not in self.summaries:
            raise KeyError(f"case {case!r} was not run; expected one of {', '.join(self.cases)}")
        return self.summaries[case]


def uncertainty(municipality: Municipality, horizon: int, measures: core.Measures | None = None, *,
                target: core.Target | str = "balanced-budget", from_year: int, draws: int = DEFAULT_DRAWS,
                seed: int = DEFAULT_SEED, sd: Mapping[str, float] | None = None,
                correlation: np.ndarray | pd.DataFrame | Sequence[Sequence[float]] | None = None,
                first_shocked_year: int | None = None, threads: int = 0,
                progress: bool | Callable[[int, int], object] = False) -> Uncertainty:
    """Runs the Monte Carlo of ``municipality`` to ``horizon`` without measures and, when ``measures`` are given,
    with them, on the same draws.

    When the baseline has the cost line :data:`ASSISTANCE_COST_LINE` (ekonomiskt bistånd), the
    ``assistance_households`` shock also moves its volume (``run_monte_carlo(..., assistance_cost_line=...)``).

    Parameters
    ----------
    municipality : Municipality
        The baseline.
    horizon : int
        The last year.
    measures : core.Measures, optional
        A scenario's measures (e.g. ``ScenarioResult.projection.measures``).
    target : core.Target or str
        The target whose misses and tax need are counted (``"balanced-budget"``, ``"share:0.02"``, ...).
    from_year : int
        First year of the sustained tax change (usually the first year whose rate is not decided).
    draws : int
        Number of draws (the core's table of limits bounds it).
    seed : int
        The generator's key: the same seed gives the same figures on any machine and number of threads.
    sd : mapping of str to float, optional
        Sizes replacing the defaults (SOURCES.md §25), by shock name; fraction per year for the growth shocks.
    correlation : array (k, k) or pandas.DataFrame, optional
        The correlation of the yearly shocks used: an array in the order of :func:`shocks_for`'s rows with
        ``per == "year"``, or a frame labelled by shock name (index and columns, any order, every yearly shock used;
        shocks the run does not use are ignored and listed in ``shocks.attrs["correlation_ignored"]``); default the
        pairs of ``osakerhet_korrelation.csv``. Must be a correlation matrix (symmetric,
        unit diagonal, positive semi-definite): the core refuses others with a message naming the entry.
    first_shocked_year : int, optional
        First year whose yearly growth inputs are shocked; default the first year after the base year. The per-draw
        shocks (a measure's realisation, a sale price) act from the measure's own first year whatever this is.
    threads : int
        Worker threads in the core; 0 = all cores. The figures do not depend on it.
    progress : bool or callable
        False (default): quiet. True: a progress bar (tqdm) shown once a run has taken a second. A callable is
        called as ``progress(done, total)`` about ten times a second.

    Raises
    ------
    ValueError
        For an unknown shock, a negative size, a correlation of the wrong shape, or the core's InputError (a size
        or a number of draws outside the table of limits; a matrix that is not a correlation matrix); a draw whose
        projection fails is named with its index.
    KeyboardInterrupt
        When interrupted (Ctrl-C): the core stops its threads cleanly.
    """
    target = as_target(target)
    draws = _whole("draws", draws, 1, 10**12)
    seed = _whole("seed", seed, 0, 2**64 - 1)
    years = list(range(municipality.base_year, int(horizon) + 1))
    if not municipality.base_year < int(from_year) <= int(horizon):
        raise ValueError(f"from_year = {from_year}: expected a year after the base year {municipality.base_year} and "
                         f"at most the horizon {horizon} (the base year is the adopted budget)")
    deterministic: dict[str, Projection] = {"without measures": municipality.project(horizon)}
    if measures is not None:
        deterministic["with measures"] = municipality.project(horizon, measures)
    for projection in deterministic.values():
        # The tax change the target needs without shocks must be one the model takes (as `solve`): a target that
        # needs more than the range of a tax change is refused, not summarised into implausible percentiles.
        projection.sustained_tax_change(target, int(from_year))
    table = shocks_for(municipality, measures, sd)
    yearly = [n for n in table.index if table.loc[n, "per"] == "year"]
    if correlation is None:
        matrix = default_correlation(yearly)
    elif isinstance(correlation, pd.DataFrame):
        unknown = [n for n in list(correlation.index) + list(correlation.columns) if n not in SHOCK_ORDER]
        if unknown:
            raise ValueError(f"correlation: unknown shock {unknown[0]!r}; expected names from "
                             f"{', '.join(SHOCK_ORDER)}")
        missing = [n for n in yearly if n not in correlation.index or n not in correlation.columns]
        if missing:
            raise ValueError(f"correlation: no row and column for the shock {missing[0]!r}; expected the yearly "
                             f"shocks {', '.join(yearly)}")
        # Shocks the frame has but this run does not use (left out for this baseline or set to 0) are ignored, and
        # listed in shocks.attrs["correlation_ignored"]: one file serves several scenarios.
        table.attrs["correlation_ignored"] = [n for n in correlation.index if n not in yearly]
        matrix = correlation.loc[yearly, yearly].to_numpy(dtype=float)
    else:
        matrix = np.asarray(correlation, dtype=float)
        if matrix.shape != (len(yearly), len(yearly)):
            raise ValueError(f"correlation has shape {matrix.shape}; expected ({len(yearly)}, {len(yearly)}) for the "
                             f"yearly shocks {', '.join(yearly)}")
    first = municipality.base_year + 1 if first_shocked_year is None else int(first_shocked_year)
    assistance_line = ASSISTANCE_COST_LINE if ASSISTANCE_COST_LINE in municipality.cost_line_names() else None
    sizes = {n: float(table.loc[n, "sd"]) for n in table.index}
    cases: list[tuple[str, core.Measures | None]] = [("without measures", None)]
    if measures is not None:
        cases.append(("with measures", measures))
    result = Uncertainty(years=years, draws=draws, seed=seed,
                         target=target, from_year=int(from_year), first_shocked_year=first, shocks=table,
                         correlation=pd.DataFrame(matrix, index=yearly, columns=yearly), label=municipality.label,
                         measure_labels=_measure_labels(measures or core.Measures()))
    for case, case_measures in cases:
        with _progress(progress, case, int(draws)) as report:
            result.summaries[case] = run_monte_carlo(
                municipality, horizon, measures=case_measures, sd=sizes, correlation=matrix, draws=int(draws),
                seed=int(seed), target=target, from_year=int(from_year), first_shocked_year=first, threads=threads,
                progress=report, assistance_cost_line=assistance_line)
        result.deterministic[case] = deterministic[case]
    return result


def _whole(name: str, value: object, low: int, high: int) -> int:
    """``value`` as a whole number in [low, high]; ValueError naming the field, the value and the range."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} = {value!r}: expected a whole number in [{low}, {high}]")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} = {value}: outside the allowed range [{low}, {high}]")
    return int(value)


class _progress:
    """A context giving the core's progress callback: None (quiet), the user's callable, or a tqdm bar that
    appears after one second (tqdm's ``delay``) and is closed on leaving."""

    def __init__(self, progress: bool | Callable[[int, int], object], case: str, total: int) -> None:
        self._given = progress
        self._case = case
        self._total = total
        self._bar = None

    def __enter__(self) -> Callable[[int, int], object] | None:
        if callable(self._given):
            return self._given
        if not self._given:
            return None
        self._bar = tqdm(total=self._total, desc=self._case, unit="draw", unit_scale=True, delay=1.0, leave=False)
        bar = self._bar

        def report(done: int, total: int) -> None:
            """Moves the bar to ``done`` of ``total`` draws (the core calls it about ten times a second)."""
            bar.update(done - bar.n)

        return report

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()
