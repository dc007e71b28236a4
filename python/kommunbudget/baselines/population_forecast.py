"""A population forecast by age group applied to a baseline (``docs/model.md`` §2 'Volumes from a population forecast
by age group', §3 'Population in the tax base'): the forecast's totals become the equalisation's inhabitants, and the
service volumes of preschool, compulsory school, upper secondary school and elderly care follow their age group at a
constant real cost per user. The reading is the data layer's (:mod:`kommunbudget.data.population_forecasts`), the
volume growth the core's (``user_volume_growth``); this module maps one onto the other.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

import pandas as pd

from kommunbudget.data.population_forecasts import (
    SERVICE_GROUPS,
    SIX_GROUPS,
    TOTAL,
    embedded_population_forecast,
    read_population_forecast,
)
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, Provenance
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.years import MAX_HORIZON_YEARS

__all__ = ["EMBEDDED", "COST_EQUALISATION_NOTE", "is_forecast_volume", "with_population_forecast"]

#: The name that takes the municipality's embedded forecast (``befolkningsprognos.csv``) instead of a file.
EMBEDDED = "embedded"

#: What the output says about the cost equalisation under a population forecast.
COST_EQUALISATION_NOTE = ("cost equalisation stays a given series (not recomputed for the new age structure)")


#: The words every volume growth taken from a forecast has in its provenance (see :func:`is_forecast_volume`).
_VOLUME_WORDS = ("follow age group", "constant real cost per user")


def is_forecast_volume(provenance: Provenance) -> bool:
    """Whether a ``volume_growth:<line>`` value's provenance is that of a population forecast (set by
    :func:`with_population_forecast`; kind ``user`` for a user's forecast, ``derived`` for an embedded one), not the
    baseline's volume rule."""
    return all(words in provenance.source for words in _VOLUME_WORDS)


def with_population_forecast(m: Municipality, forecast: str | os.PathLike[str] | pd.DataFrame,
                             name: str | None = None, population: bool | None = None) -> Municipality:
    """A copy of ``m`` whose population and service volumes follow a population forecast by age group; ``m`` is
    unchanged.

    * The adopted plan stands: the forecast applies only in the years after the plan's last year
      (:attr:`Municipality.plan_years`; after the base year when there is no plan). In the plan years the
      population and the volumes keep the council's own figures (the volume derived from the plan, the budget's
      inhabitants), so the plan is reproduced; the note says from which year the forecast applies.
    * ``population`` (the equalisation's inhabitants of year t): the forecast's total of 31 December t − 1, for
      every projection year after the plan whose t − 1 the forecast has (the law counts 1 November t − 1;
      31 December is the nearest figure); after the forecast's last year, its last total held (a default). A
      year's total is its ``total`` row, else the sum of the six groups when all six are given. In a budget's
      baseline the own tax base after the plan follows (capacity per inhabitant × population, ``docs/model.md``
      §3). An approximate baseline keeps the vintage's total tax base growth (§12): there the equalisation would
      count each added inhabitant with no tax base behind it (about 1.15 × M × county rate / 100, some 60 000 kr of
      grant each), so by default its population is NOT changed (the note says so); ``population=True`` applies it
      anyway.
    * ``volume_growth:<line>`` for the lines of :data:`kommunbudget.data.population_forecasts.SERVICE_GROUPS`
      (preschool 1-5 or 0-5, compulsory_school 6-15, upper_secondary_school 16-18, elderly_care 80+) that ``m``
      has: the core's ``user_volume_growth``, users[t] / users[t − 1] − 1 (fraction per year), for every projection
      year after the plan whose t and t − 1 the group has (the count of 31 December t standing for the year's
      users); the other years keep the baseline's rule. Constant real cost per user: only the volume moves, PKV
      still prices it.
    * The cost equalisation stays a given series; the notes say so and what the forecast covers.

    Parameters
    ----------
    m : Municipality
        The baseline.
    forecast : str, path or pandas.DataFrame
        A CSV file or a DataFrame as :func:`kommunbudget.data.population_forecasts.read_population_forecast` reads
        it (year, age group, count: persons on 31 December), or ``"embedded"``: the municipality's forecast in
        ``befolkningsprognos.csv`` (Lund, Östersund).
    name : str, optional
        What the output calls the forecast; default the file's name (or the embedded forecast's).
    population : bool, optional
        Whether the totals replace ``population``; default True for a budget's baseline, False for an approximate
        one (see above).

    Returns
    -------
    Municipality
        With ``population`` and the four volume series replaced (provenance ``user`` for a user's forecast,
        ``derived`` for an embedded one, each naming the forecast) and two notes added.

    Raises
    ------
    ValueError
        For a forecast that cannot be read (file, row, field, value and what was expected named), ``"embedded"``
        for a municipality without one, a user's forecast whose totals are not plausible for ``m`` (half to twice
        SCB's population, :func:`~kommunbudget.data.population_forecasts.read_population_forecast`), or a forecast
        that covers no projection year after the plan (neither a total for the plan's last year or later nor two
        consecutive years of a group reaching a year after the plan). A volume growth
        outside its range (``docs/model.md`` §14, CostLine ``volume_growth``) is refused by the core when
        projecting, naming the line and the year.
    """
    if isinstance(forecast, str) and forecast == EMBEDDED:
        frame, default_name = embedded_population_forecast(m.code)
        kind = "derived"
    else:
        frame = read_population_forecast(forecast, m.code)
        default_name = "the given forecast" if isinstance(forecast, pd.DataFrame) else f"{os.fspath(forecast)}"
        kind = "user"
    label = name or default_name
    plan_end = max(m.plan_years, default=m.base_year)
    first, last = plan_end + 1, m.base_year + MAX_HORIZON_YEARS
    counts = {g: dict(zip(rows["year"].astype(int), rows["count"].astype(float), strict=True))
              for g, rows in frame.groupby("group")}

    series: dict[str, AssumptionSeries] = {}
    if population is None:
        population = not m.approximate
    if population:
        population_years, population_note = _population(m, _totals(counts), label, kind, first, last, series)
    else:
        population_years = []
        population_note = (f"Population: NOT taken from {label}. This approximate baseline keeps the vintage's total "
                           f"tax base growth (docs/model.md §12), so the equalisation would count each added "
                           f"inhabitant with no tax base behind them (about 1.15 × M × county rate / 100 of grant "
                           f"each); the equalisation's inhabitants keep the baseline's rule. Only the service volumes "
                           f"follow the forecast.")
    lines, volume_years = _volumes(m, counts, label, kind, first, last, series)
    if not population_years and not volume_years:
        covered = sorted({y for c in counts.values() for y in c})
        after = f"after the adopted plan ({_span(m.plan_years)})" if m.plan_years else f"(base year {m.base_year})"
        raise ValueError(f"population forecast {label}: it covers {covered[0]}-{covered[-1]}, no projection year of "
                         f"{m.label} {after}: expected a total for {plan_end} or later, or two consecutive years of "
                         f"an age group reaching {first} or later")
    followed = ", ".join(f"{line} {group}" for line, group in lines.items()) or "none of the cost lines"
    years = _span(volume_years) if volume_years else "no projection year"
    volume_note = (f"Service volumes follow the age groups of {label} ({followed}) at constant real cost per user "
                   f"in {years}; other years keep the baseline's volume rule; {COST_EQUALISATION_NOTE}.")
    if lines and not volume_years:
        group_years = sorted({y for g in lines.values() for y in counts[g]})
        volume_note += (f" The forecast's age groups cover {_span(group_years)}, no year after "
                        f"{'the plan' if m.plan_years else 'the base year'} {plan_end} with the year before it.")
    elif lines and len(volume_years) == 1:
        group_years = sorted({y for g in lines.values() for y in counts[g]})
        volume_note += (f" The forecast's age groups cover {_span(group_years)}: against "
                        f"{'the plan' if m.plan_years else 'the base year'} {plan_end} only {volume_years[0]} follows "
                        f"them.")
    if m.plan_years:
        volume_note += (f" The plan's years {_span(m.plan_years)} keep the council's own figures; the forecast "
                        f"applies from {first}.")
    return m.with_series(series, (volume_note, population_note))


def _totals(counts: Mapping[str, Mapping[int, float]]) -> dict[int, float]:
    """The forecast's total by year: its ``total`` rows, else the sum of the six groups where all six are given."""
    totals = dict(counts.get(TOTAL, {}))
    years = set.intersection(*(set(counts.get(g, {})) for g in SIX_GROUPS))
    for year in sorted(years - set(totals)):
        totals[year] = sum(counts[g][year] for g in SIX_GROUPS)
    return totals


def _population(m: Municipality, totals: Mapping[int, float], label: str, kind: str, first: int, last: int,
                series: dict[str, AssumptionSeries]) -> tuple[list[int], str]:
    """The ``population`` series from the totals (added to ``series``), the years it covers and the note."""
    years = [t for t in range(first, last + 1) if t - 1 in totals]
    if not years:
        return [], (f"Population: {label} has no total for {first - 1} or later; the equalisation's inhabitants "
                    f"keep the baseline's rule.")
    old = m.assumptions["population"]
    values = {t: float(totals[t - 1]) for t in years}
    provenance = {t: Provenance(kind, f"{label}: 31 Dec {t - 1} as the equalisation's inhabitants of {t} (the law "
                                      f"counts 1 Nov {t - 1}; 31 Dec is the nearest figure)") for t in years}
    held = values[years[-1]]
    tail = Provenance("default", f"held at {held:,.0f} ({label}'s last total, 31 Dec {years[-1] - 1}): default, not "
                                 f"data, no forecast after it")
    # The base year's own figure, if the series has it; the plan's years and those before the forecast keep the
    # baseline's figure.
    keep = {y: v for y, v in old.values.items() if y <= m.base_year}
    kept_prov = {y: old.provenance[y] for y in keep}
    for t in range(m.base_year + 1, years[-1]):
        if t not in values:
            keep[t], kept_prov[t] = m.assumptions.get("population", t)
    series["population"] = AssumptionSeries(
        "population", old.unit, {**keep, **values}, {**kept_prov, **provenance},
        tail_value=held, tail_provenance=tail, tail_from=years[-1] + 1)
    note = (f"Population: the totals of {label} on 31 December of year t − 1 are the equalisation's inhabitants of "
            f"year t (the law counts 1 November t − 1; 31 December is the nearest figure) for {_span(years)}, then "
            f"held at {held:,.0f}.")
    if m.plan_years:
        note += (f" The plan's years {_span(m.plan_years)} keep the council's own inhabitants; the forecast applies "
                 f"from {first}.")
    if m.base_year in totals:
        gap = totals[m.base_year] / float(m.population) - 1.0
        note += (f" Its total for 31 Dec {m.base_year} is {totals[m.base_year]:,.0f} against the baseline's "
                 f"{m.population:,} ({m.population_date}), {gap * 100:+.1f} %.")
    if m.approximate:
        note += (" This approximate baseline keeps the vintage's total tax base growth (docs/model.md §12): the "
                 "equalisation counts the forecast's inhabitants, the tax base does not follow them.")
    else:
        note += " After the plan the own tax base follows capacity per inhabitant × this population (§3)."
    return years, note


def _volumes(m: Municipality, counts: Mapping[str, Mapping[int, float]], label: str, kind: str, first: int, last: int,
             series: dict[str, AssumptionSeries]) -> tuple[dict[str, str], list[int]]:
    """The ``volume_growth:<line>`` series of the lines that follow an age group (added to ``series``), the group
    each line follows, and the years covered."""
    lines: dict[str, str] = {}
    covered: set[int] = set()
    names = m.cost_line_names()
    for line, options in SERVICE_GROUPS.items():
        group = next((g for g in options if g in counts), None)
        if line not in names or group is None:
            continue
        lines[line] = group
        users = counts[group]
        values, provenance = {}, {}
        for t in range(first, last + 1):
            if t in users and t - 1 in users:
                try:
                    values[t] = core.user_volume_growth(users[t - 1], users[t])
                except ValueError as exc:
                    raise ValueError(f"population forecast {label}: age group {group}, {t - 1}-{t}: {exc}") from None
                provenance[t] = Provenance(kind, f"{label}: users of {line} {_VOLUME_WORDS[0]} {group}, "
                                                 f"{users[t - 1]:,.0f} → {users[t]:,.0f} (31 Dec {t - 1} → {t}), "
                                                 f"{_VOLUME_WORDS[1]}")
        if values:
            name = f"volume_growth:{line}"
            changed = m.assumptions[name].with_values(values, Provenance(kind, label))
            series[name] = dataclasses.replace(changed, provenance={**changed.provenance, **provenance})
            covered |= set(values)
    return lines, sorted(covered)


def _span(years: list[int]) -> str:
    """'2025-2032' for consecutive years, '2025' for one, else the years listed."""
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))
