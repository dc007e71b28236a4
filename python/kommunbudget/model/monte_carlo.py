"""Monte Carlo: many random draws of a baseline and its measures in one call to the C++ core, summarised into
statistics whose memory does not grow with the number of draws (``docs/model.md`` §19, "Monte Carlo";
``cpp/include/kommunbudget/monte_carlo.hpp``).

Each draw perturbs the yearly assumptions (PKV, tax bases, volumes, population, households on assistance) with
correlated normal shocks and, once per draw, the realisation of the measures and the sale prices; the core projects
it with the same equations as :meth:`~kommunbudget.model.municipality.Municipality.project` and adds it to fixed
histograms, exact minima and maxima, exact fixed-point sums and counters. The numbers are bit-identical for any
number of threads and any split of the draws over calls (:meth:`MonteCarloSummary.merge`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from kommunbudget.model import core
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.targets import as_target

__all__ = ["EVENTS", "OUTPUTS", "SHOCK_KINDS", "YEARLY_SHOCK_KINDS", "MonteCarloSummary", "run_monte_carlo"]

#: The shocks (the core's names, ``docs/model.md`` §19), each with a standard deviation in ``[0, 0.5]``:
#:
#: - yearly (one normal per year, correlated by ``correlation``, from ``first_shocked_year``), fraction per year
#:   added to: ``labour_cost_change`` and ``other_cost_change`` (PKV), ``tax_base_growth`` (own tax base),
#:   ``national_tax_capacity_growth`` (medelskattekraft; itemised grants only), ``volume_growth`` (every cost line),
#:   ``population_growth`` (the own population; the own tax base and every cost line's volume follow it),
#:   ``assistance_households`` (every work line's household trend, and the volume growth of the cost line named by
#:   ``assistance_cost_line``; moves nothing without either);
#: - per draw (one value for all years, independent of the yearly shocks): ``measure_realisation`` (each measure's
#:   realised share a Beta draw, sd in share units) and ``sale_price`` (every disposal's price times a lognormal
#:   factor of mean 1; sd of its log).
SHOCK_KINDS: tuple[str, ...] = tuple(core.monte_carlo_shock_kinds())

#: The yearly shocks of :data:`SHOCK_KINDS` (those the correlation matrix covers).
YEARLY_SHOCK_KINDS: tuple[str, ...] = tuple(k for k in SHOCK_KINDS if core.monte_carlo_shock_is_yearly(k))

#: The outputs summarised per year: årets resultat and balanskravsresultat in nominal MSEK, result_share as a
#: fraction of tax revenue and general grants.
OUTPUTS = ("result", "balanced_budget_result", "result_share")

#: The events counted per year: the balanced-budget requirement missed (balanskravsresultat below 0), the
#: restoration missed (below the deficits falling due, kommunallagen 11 kap. 12 §) and the run's target missed; each
#: with the core's tolerance of 1e-6 MSEK.
EVENTS = ("requirement_missed", "restoration_missed", "target_missed")


class MonteCarloSummary:
    """The statistics of the draws of one Monte Carlo spec (wraps the core's ``MonteCarloSummary``).

    Quantiles come from fixed histograms whose bins a pilot of draws 0-999 sets (the range of the pilot widened by
    its span on each side, ``bins`` bins): within one bin width (:meth:`quantile_error`) of the sample quantile. Means
    and standard deviations are exact sums in fixed point (resolution about 7e-10 of the pilot's range), so they do
    not depend on threads or splits.
    """

    def __init__(self, summary: core.MonteCarloSummary) -> None:
        self._core = summary

    @property
    def years(self) -> list[int]:
        """The years, base year first (n_years)."""
        return list(self._core.years)

    @property
    def n_draws(self) -> int:
        """Draws summarised."""
        return int(self._core.n_draws)

    @property
    def seed(self) -> int:
        """The generator's seed."""
        return int(self._core.seed)

    @property
    def draw_ranges(self) -> list[tuple[int, int]]:
        """The draws summarised as half-open ranges ``(first, last)`` of draw indices."""
        return [tuple(r) for r in self._core.draw_ranges]

    @property
    def shocks(self) -> list[tuple[str, float]]:
        """The shocks as ``(name, sd)`` pairs in the order given."""
        return list(self._core.shocks)

    def quantiles(self, output: str, q: Sequence[float]) -> np.ndarray:
        """Quantiles of ``output`` (one of :data:`OUTPUTS`), shape ``(len(q), n_years)``, in the output's unit (MSEK,
        or a fraction for ``result_share``). ``q`` are probabilities in ``[0, 1]`` (0.05, not 5); 0 and 1 give the
        exact min and max. A quantile beyond the pilot's bins is the exact min or max (see
        :meth:`quantile_outside_bins`).

        Raises
        ------
        ValueError
            ``InputError`` for an unknown output or a q outside ``[0, 1]``.
        """
        return np.asarray(self._core.quantiles(output, list(q)))

    def quantile_outside_bins(self, output: str, q: Sequence[float]) -> np.ndarray:
        """Bool array ``(len(q), n_years)``: True where the quantile fell in the under- or overflow bin, so the exact
        min or max was returned (its error is then not bounded by one bin)."""
        return np.asarray(self._core.quantile_outside_bins(output, list(q)))

    def quantile_error(self, output: str) -> np.ndarray:
        """The bin width per year ``(n_years,)``: the largest distance between a quantile and the sample quantile,
        in the output's unit."""
        return np.asarray(self._core.quantile_error(output))

    def mean(self, output: str) -> np.ndarray:
        """Sample mean per year ``(n_years,)``, the output's unit."""
        return np.asarray(self._core.mean(output))

    def std(self, output: str) -> np.ndarray:
        """Sample standard deviation (n − 1) per year ``(n_years,)``, the output's unit."""
        return np.asarray(self._core.std(output))

    def min(self, output: str) -> np.ndarray:
        """Exact smallest draw per year ``(n_years,)``."""
        return np.asarray(self._core.min(output))

    def max(self, output: str) -> np.ndarray:
        """Exact largest draw per year ``(n_years,)``."""
        return np.asarray(self._core.max(output))

    def histogram(self, output: str, year: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """``(edges, counts)`` of ``output`` in ``year`` (``"required_change"`` ignores the year): ``edges`` the
        ``bins + 1`` bin edges, ``counts`` the ``bins`` counts inside them; draws outside the edges are left out
        (see :meth:`min`, :meth:`max`)."""
        low, width, counts = self._core.histogram(output, year)
        counts = np.asarray(counts)
        edges = low + width * np.arange(len(counts) - 1)
        return edges, counts[1:-1]

    def probability(self, what: str) -> np.ndarray:
        """Share of the draws per year ``(n_years,)`` in which ``what`` (one of :data:`EVENTS`) happened, a fraction.

        Raises
        ------
        ValueError
            ``InputError`` for an unknown event.
        """
        return np.asarray(self._core.counts(what), dtype=float) / self.n_draws

    def required_change_quantiles(self, q: Sequence[float]) -> np.ndarray:
        """Quantiles ``(len(q),)`` of the required sustained change of the tax rate from ``from_year``, kr per 100 kr
        (0.01 = 1 öre), within :attr:`required_change_error`."""
        return np.asarray(self._core.required_change_quantiles(list(q)))

    @property
    def required_change_error(self) -> float:
        """The bin width of the required change's histogram, kr per 100 kr."""
        return float(self._core.required_change_error)

    @property
    def required_change_mean(self) -> float:
        """Mean of the required sustained change, kr per 100 kr."""
        return float(self._core.required_change_mean)

    @property
    def required_change_std(self) -> float:
        """Standard deviation of the required sustained change, kr per 100 kr."""
        return float(self._core.required_change_std)

    @property
    def probability_rise_needed(self) -> float:
        """Share of the draws whose required change rounds up to a rise of at least one öre (any need above 1e-9 kr
        per 100 kr of float noise)."""
        return int(self._core.rise_needed) / self.n_draws

    @property
    def realisation_sd(self) -> list[float]:
        """``measure_realisation``: the sd used per measure (efficiency, fixed savings, work lines, each in list
        order), capped at 0.9·√(s(1 − s)); empty without that shock."""
        return list(self._core.realisation_sd)

    @property
    def realisation_table_error(self) -> list[float]:
        """The largest error of each measure's Beta quantile table (share units), at its cells' midpoints."""
        return list(self._core.realisation_table_error)

    @property
    def draws(self) -> dict[str, np.ndarray] | None:
        """The kept draws (``keep_draws=True``), else None: ``draw`` (n,) the draw indices, ``result``,
        ``balanced_budget_result`` (MSEK) and ``result_share`` (fraction) of shape (n, n_years), ``required_change``
        (n,) kr per 100 kr."""
        kept = self._core.kept()
        return None if kept is None else {k: np.asarray(v) for k, v in kept.items()}

    def merge(self, other: MonteCarloSummary) -> MonteCarloSummary:
        """Adds ``other``'s draws (the same spec, other draws) to this summary in place and returns it; exact, so
        two calls merged equal one call over their draws bit for bit.

        Raises
        ------
        ValueError
            ``InputError`` naming what differs (seed, shocks, years, target, bins, pilot) or the draws in both.
        """
        self._core.merge(other._core)
        return self


def run_monte_carlo(municipality: Municipality, horizon: int, *, measures: core.Measures | None = None,
                    sd: Mapping[str, float], correlation: np.ndarray | Sequence[Sequence[float]] | None = None,
                    draws: int, seed: int, target: core.Target | str, from_year: int,
                    first_shocked_year: int | None = None, first_draw: int = 0, bins: int = 2048,
                    keep_draws: bool = False, threads: int = 0,
                    progress: Callable[[int, int], object] | None = None,
                    assistance_cost_line: str | None = None) -> MonteCarloSummary:
    """Draws ``first_draw`` … ``first_draw + draws − 1`` of ``municipality``'s baseline with ``measures``, projected
    to ``horizon`` and summarised (``docs/model.md`` §19).

    Parameters
    ----------
    municipality, horizon
        The baseline (its cached projector for ``horizon``).
    measures : core.Measures, optional
        The scenario's measures (validated once); none by default.
    sd : mapping of str to float
        Shock name (:data:`SHOCK_KINDS`) -> standard deviation in ``[0, 0.5]``: fraction per year for the yearly
        shocks, share units for ``measure_realisation``, the sd of the log price factor for ``sale_price``.
    correlation : array (k, k), optional
        Correlation of the yearly shocks in the order of ``sd``'s yearly keys; None = independent.
    draws, seed, first_draw
        How many draws, the generator's key, the first draw's index (a later call continues with
        ``first_draw = draws`` and :meth:`MonteCarloSummary.merge`).
    target : core.Target or str
        ``"balanced-budget"``, ``"share:0.02"``, … (:func:`~kommunbudget.model.targets.as_target`): the target of
        ``target_missed`` and of the required sustained change from ``from_year`` (kr per 100 kr).
    first_shocked_year : int, optional
        First year the yearly shocks apply to; default base year + 1.
    bins, keep_draws, threads
        Histogram bins (quantile error one bin); keep every draw's outputs (at most 2e6 draws × years); worker
        threads (0 = all cores; the numbers do not depend on it).
    progress : callable(done, total), optional
        Called about every 75 ms with the draws done; an exception it raises (or Ctrl-C) stops the run and is raised.
    assistance_cost_line : str, optional
        The name of the cost line of ekonomiskt bistånd (one of
        :meth:`~kommunbudget.model.municipality.Municipality.cost_line_names`, e.g. ``"social_assistance"``): the
        ``assistance_households`` shock is also added to its volume growth in the shocked years (its cost =
        households × a constant real cost per household, ``docs/model.md`` §19). None: only the work lines move.

    Returns
    -------
    MonteCarloSummary

    Raises
    ------
    ValueError
        ``InputError`` for an unknown shock, a value outside its range in the table of limits (field, value and
        range named), a bad correlation matrix, invalid measures, a draw whose shocked value leaves its field's
        range (the lowest such draw named), or an ``assistance_cost_line`` that is not a cost line (the lines
        available named).
    KeyboardInterrupt
        On Ctrl-C (the run stops within about a block of 1 024 draws per thread).
    """
    line = -1
    if assistance_cost_line is not None:
        names = municipality.cost_line_names()
        if assistance_cost_line not in names:
            raise core.InputError(f"assistance_cost_line = {assistance_cost_line!r} is not a cost line of "
                                  f"{municipality.label}; expected one of {', '.join(names)} (or None)")
        line = names.index(assistance_cost_line)
    shocks = [(str(name), float(value)) for name, value in sd.items()]
    matrix = None if correlation is None else np.asarray(correlation, dtype=float)
    projector = municipality.projector(horizon)
    summary = core.run_monte_carlo(
        projector, measures if measures is not None else core.Measures(), seed=seed, first_draw=first_draw,
        n_draws=draws, shocks=shocks, correlation=matrix,
        first_shocked_year=0 if first_shocked_year is None else first_shocked_year, target=as_target(target),
        from_year=from_year, bins=bins, keep_draws=keep_draws, threads=threads, progress=progress,
        assistance_cost_line=line)
    return MonteCarloSummary(summary)
