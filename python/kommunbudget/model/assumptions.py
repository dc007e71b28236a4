"""Assumptions with their provenance: every yearly figure the projection uses says where it comes from.

An :class:`AssumptionSeries` holds explicit values per year and, optionally, a *tail* rule for the years after
the last explicit one (e.g. "SKR's long-run tax base growth, 4 % a year"). Each value carries a
:class:`Provenance`: ``data`` (an embedded public figure), ``derived`` (computed from embedded figures, e.g. the
growth implied by a municipality's adopted plan), ``default`` (a documented default with its basis) or ``user``
(set by the caller). An :class:`AssumptionSet` groups the series of one run under a name and a date (a
*vintage*), so a run can be reproduced and its assumptions listed next to its results.

No model arithmetic happens here: series are handed to the C++ core as ``core.YearSeries``.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from kommunbudget.model import core
from kommunbudget.model.years import YEAR_RANGE

#: Kinds of provenance, in the order a reader should trust them.
PROVENANCE_KINDS = ("data", "derived", "user", "default")


@dataclass(frozen=True)
class Provenance:
    """Where a figure comes from.

    Attributes
    ----------
    kind : str
        ``"data"``, ``"derived"``, ``"default"`` or ``"user"``.
    source : str
        The citation (document, table, URL) or the rule and its basis.
    """

    kind: str
    source: str

    def __post_init__(self) -> None:
        if self.kind not in PROVENANCE_KINDS:
            raise ValueError(f"provenance.kind = {self.kind!r} is not one of {PROVENANCE_KINDS}")

    @property
    def is_assumption(self) -> bool:
        """True for figures that are not public data (derived, default or user-set)."""
        return self.kind != "data"


@dataclass(frozen=True)
class AssumptionSeries:
    """One yearly assumption with a provenance per year.

    Attributes
    ----------
    name : str
        The core field it feeds, e.g. ``"tax_base_growth"`` or ``"volume_growth:operating_costs"``.
    unit : str
        ``"fraction per year"``, ``"fraction"``, ``"MSEK"`` or ``"kr per 100 kr"``.
    values : Mapping[int, float]
        Explicit values by year.
    provenance : Mapping[int, Provenance]
        One provenance per explicit year.
    tail_value : float or None
        Value for every year after the last explicit year (None: no value; a projection that needs one fails
        with an error naming the series and the year).
    tail_provenance : Provenance or None
        Provenance of the tail rule.
    tail_from : int or None
        First year of the tail rule; by default the year after the last explicit year at construction (None with
        no explicit values: every year). Setting later explicit values keeps it, so overrides leave no gaps.
    tail_follows : str or None
        Name of another series in the same :class:`AssumptionSet` whose value the tail takes each year (e.g.
        general grants growing with ``tax_base_growth``), or one of the rules of :data:`TAIL_RULES` (computed by the
        core from other series each year); resolved by the set, with ``tail_value`` unused.
    """

    name: str
    unit: str
    values: Mapping[int, float] = field(default_factory=dict)
    provenance: Mapping[int, Provenance] = field(default_factory=dict)
    tail_value: float | None = None
    tail_provenance: Provenance | None = None
    tail_from: int | None = None
    tail_follows: str | None = None

    def __post_init__(self) -> None:
        if self.tail_value is not None and self.tail_from is None and self.values:
            object.__setattr__(self, "tail_from", max(self.values) + 1)
        if set(self.values) != set(self.provenance):
            raise ValueError(f"{self.name}: every year needs a provenance (years {sorted(self.values)} vs "
                             f"{sorted(self.provenance)})")
        for year, value in self.values.items():
            if not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{self.name}[{year}] = {value!r} is not a finite number ({self.unit})")
        has_rule = self.tail_value is not None or self.tail_follows is not None
        if has_rule != (self.tail_provenance is not None):
            raise ValueError(f"{self.name}: a tail rule needs a tail provenance and vice versa")
        if self.tail_follows is not None and self.tail_from is None and self.values:
            object.__setattr__(self, "tail_from", max(self.values) + 1)

    @property
    def last_explicit_year(self) -> int | None:
        """The last year with an explicit value, or None."""
        return max(self.values) if self.values else None

    def get(self, year: int) -> tuple[float, Provenance]:
        """Value and provenance of ``year``.

        Raises
        ------
        ValueError
            If the year has no explicit value and is not covered by the tail rule; the message names the series
            and the year.
        """
        if year in self.values:
            return float(self.values[year]), self.provenance[year]
        if self.tail_value is not None and (self.tail_from is None or year >= self.tail_from):
            return float(self.tail_value), self.tail_provenance  # type: ignore[return-value]
        covered = ", ".join(str(y) for y in sorted(self.values)) if self.values else "no years"
        rule = f"a rule from {self.tail_from}" if self.tail_value is not None else "no rule for other years"
        raise ValueError(f"{self.name}: year {year} is missing (the assumption has values for {covered} and "
                         f"{rule})")

    def with_values(self, values: Mapping[int, float] | float, provenance: Provenance,
                    years: range | None = None) -> AssumptionSeries:
        """A copy with ``values`` set: a mapping year -> value, or one number for every year in ``years``
        (and, when ``years`` is None, as the new tail for every year)."""
        new_values = dict(self.values)
        new_prov = dict(self.provenance)
        tail_value, tail_prov, follows = self.tail_value, self.tail_provenance, self.tail_follows
        tail_from = self.tail_from
        if isinstance(values, Mapping):
            items = {int(y): float(v) for y, v in values.items()}
            if tail_from is None and not new_values and (tail_value is not None or follows is not None):
                # The rule covered every year; it still covers every year without a value (not only the later ones).
                tail_from = YEAR_RANGE[0]
        else:
            number = float(values)
            if years is None:
                items = {y: number for y in new_values}
                tail_value, tail_prov, follows = number, provenance, None
            else:
                items = {y: number for y in years}
        for year, value in items.items():
            new_values[year] = value
            new_prov[year] = provenance
        return dataclasses.replace(self, values=new_values, provenance=new_prov, tail_value=tail_value,
                                   tail_provenance=tail_prov, tail_follows=follows, tail_from=tail_from)

    def to_core(self, first: int, last: int) -> core.YearSeries:
        """The values of years ``first..last`` as a core YearSeries (empty when last < first).

        Raises
        ------
        ValueError
            If a year is missing (see :meth:`get`).
        """
        years = list(range(first, last + 1))
        return core.YearSeries(self.name, years, [self.get(y)[0] for y in years])


@dataclass(frozen=True)
class AssumptionSet:
    """A named, dated set of assumption series (a vintage).

    Attributes
    ----------
    name : str
        E.g. ``"sjobo-budget-2024+defaults"``.
    description : str
        What the set is and which documents it draws on.
    series : Mapping[str, AssumptionSeries]
        By name. Core fields: ``labour_cost_change``, ``other_cost_change``, ``labour_weight``,
        ``tax_base_growth``, ``operating_income_growth`` (fractions per year), ``general_grants_msek``,
        ``depreciation_msek``, ``financial_income_msek``, ``financial_costs_msek``, ``final_settlement_msek``,
        ``realisation_gains_msek``, ``reserve_use_msek`` (MSEK), ``tax_rate_kr_per_100kr``, and one
        ``volume_growth:<cost line>`` per cost line. Optional (``docs/model.md`` §15): ``investments_msek``,
        ``pension_interest_msek`` (MSEK, from the base year), ``borrowing_rate``, ``pension_index_growth``
        (fractions per year).
    """

    name: str
    description: str
    series: Mapping[str, AssumptionSeries]

    def __getitem__(self, name: str) -> AssumptionSeries:
        try:
            return self.series[name]
        except KeyError:
            raise KeyError(f"assumption {name!r} does not exist; expected one of: {', '.join(self.series)}") from None

    def get(self, name: str, year: int) -> tuple[float, Provenance]:
        """Value and provenance of series ``name`` in ``year``, resolving tails that follow another series.

        Raises
        ------
        KeyError
            For an unknown series.
        ValueError
            For a year the series does not cover (named in the message).
        """
        s = self[name]
        if s.tail_follows is not None and year not in s.values and (s.tail_from is None or year >= s.tail_from):
            if s.tail_follows == REGULATION_RULE:
                raise ValueError(f"{name}: {year} follows the regulation grant's rule in the core (no growth figure)")
            rule = TAIL_RULES.get(s.tail_follows)
            value = rule(self, year) if rule is not None else self.get(s.tail_follows, year)[0]
            return value, s.tail_provenance  # type: ignore[return-value]
        return s.get(year)

    def series_to_core(self, name: str, first: int, last: int) -> core.YearSeries:
        """Series ``name`` for ``first..last`` as a core YearSeries (see :meth:`AssumptionSeries.to_core`): the
        values of :meth:`get`, looked up without their provenance.

        Raises
        ------
        KeyError
            For an unknown series.
        ValueError
            For a year the series does not cover (named in the message).
        """
        s = self[name]
        years = range(first, last + 1)
        values = s.values
        if s.tail_follows is None and s.tail_value is not None and (s.tail_from is None or s.tail_from <= first):
            tail = float(s.tail_value)  # every year without a value is the tail's
            return core.YearSeries(name, years, [float(values[y]) if y in values else tail for y in years])
        return core.YearSeries(name, years, [float(values[y]) if y in values else self.get(name, y)[0]
                                             for y in years])

    def replace(self, name: str, series: AssumptionSeries) -> AssumptionSet:
        """A copy with one series replaced (the original is unchanged)."""
        self[name]  # raises for an unknown name
        new = dict(self.series)
        new[name] = series
        return dataclasses.replace(self, series=new)

    def to_core(self, first: int, last: int, grant_items: list[str] | None = None) -> core.Assumptions:
        """Core assumptions for the projection years ``first..last``.

        Raises
        ------
        ValueError
            If a series misses a year (the message names the series and the year).
        """
        price = core.PriceIndex()
        price.labour_cost_change = self.series_to_core("labour_cost_change", first, last)
        price.other_cost_change = self.series_to_core("other_cost_change", first, last)
        price.labour_weight = self.series_to_core("labour_weight", first, last)
        out = core.Assumptions(price_index=price)
        for name in _CORE_SERIES:
            setattr(out, name, self.series_to_core(name, first, last))
        # Capital (docs/model.md §15): optional series, from the base year (first - 1) where they have values.
        for name in _CAPITAL_SERIES:
            if name in self.series:
                setattr(out, name, self._from_first_value(name, first - 1, last))
        if grant_items:  # itemised: income equalisation by formula, other items by their paths
            out.population = self.series_to_core("population", first, last)
            out.national_tax_capacity_growth = self.series_to_core("national_tax_capacity_growth", first, last)
            paths = []
            for name in grant_items:
                growth, follows = self._growth(f"grant_growth:{name}", first, last)
                regulation = self[f"grant_growth:{name}"].tail_follows == REGULATION_RULE
                paths.append(core.GrantItemPath(name=name, growth=growth, growth_follows_tax_base=follows,
                                                regulation_rule=regulation,
                                                amounts_msek=self._given_amounts(f"grant_amount:{name}", first, last)))
            out.grant_items = paths
            if "national_net_income_equalisation_kr" in self.series:
                out.national_net_income_equalisation_kr = self.get("national_net_income_equalisation_kr",
                                                                   first - 1)[0]
            if "announced_grant_change_kr" in self.series:
                out.announced_grant_change_kr = self.series_to_core("announced_grant_change_kr", first, last)
        else:
            out.general_grants_msek = self._given_amounts("general_grants_msek", first, last)
            out.general_grants_growth, out.general_grants_growth_follows_tax_base = self._growth(
                "general_grants_growth", first, last)
        return out

    def _from_first_value(self, name: str, first: int, last: int) -> core.YearSeries:
        """The consecutive years of series ``name`` in ``first..last`` that have a value (explicit or from its
        rule), from the first such year to the last before a gap, as a core YearSeries (empty when none)."""
        return self._covered(name, first, last, stop_at_gap=True)

    def _growth(self, name: str, first: int, last: int) -> tuple[core.YearSeries, bool]:
        """A growth series for the core and whether the core grows the other years with ``tax_base_growth``: a
        series whose tail follows ``tax_base_growth`` gives its explicit years (to the last one in ``first..last``)
        and leaves the rule to the core (``GrantItemPath.growth_follows_tax_base``); any other gives its covered
        years (see :meth:`_covered`)."""
        s = self[name]
        # A rule the core applies (the tax base growth, or the regulation rule) covers the years without a value.
        if s.tail_follows not in ("tax_base_growth", REGULATION_RULE):
            return self._covered(name, first, last), False
        explicit = [y for y in s.values if first <= y <= last]
        covered = self._covered(name, first, max(explicit)) if explicit else core.YearSeries(name, [], [])
        return covered, s.tail_follows == "tax_base_growth"

    def _covered(self, name: str, first: int, last: int, stop_at_gap: bool = False) -> core.YearSeries:
        """The years from the first covered one to ``last`` of series ``name``, as a core YearSeries (the core
        needs them only for years without a given amount and names the year if one is missing); a gap after the
        first covered year raises, or with ``stop_at_gap`` ends the series."""
        years, values = [], []
        for y in range(first, last + 1):
            try:
                value, _ = self.get(name, y)
            except ValueError:
                if years and stop_at_gap:
                    break
                if years:
                    raise
                continue
            years.append(y)
            values.append(value)
        return core.YearSeries(name, years, values)

    def _given_amounts(self, name: str, first: int, last: int) -> core.YearSeries:
        """The amounts of ``name`` (explicit or from its tail rule) for the consecutive years from ``first``; the
        core grows the later years by the matching growth series.

        Raises
        ------
        ValueError
            If explicit amounts resume after a gap, which the core cannot take.
        """
        s = self[name]
        years, values = [], []
        for y in range(first, last + 1):
            try:
                value, _ = self.get(name, y)
            except ValueError:
                break
            years.append(y)
            values.append(value)
        after = sorted(y for y in s.values if y <= last and (not years or y > years[-1]))
        if after:
            missing = years[-1] + 1 if years else first
            raise ValueError(f"{name}: amounts are given for {after} but not for {missing}; give amounts for "
                             f"consecutive years from {first}, or set {name.replace('_msek', '_growth')}")
        return core.YearSeries(name, years, values)

    def table(self, first: int, last: int) -> pd.DataFrame:
        """Every value used for ``first..last`` with its provenance.

        Returns
        -------
        pandas.DataFrame
            Columns ``assumption``, ``year``, ``value``, ``unit``, ``kind``, ``source``; one row per series and
            year.
        """
        rows = []
        for name, s in self.series.items():
            for year in range(first, last + 1):
                try:
                    value, prov = self.get(name, year)
                except ValueError:
                    continue  # not used that year (e.g. grants growth while the plan gives the amounts)
                rows.append({"assumption": name, "year": year, "value": value, "unit": s.unit, "kind": prov.kind,
                             "source": prov.source})
        return pd.DataFrame(rows, columns=["assumption", "year", "value", "unit", "kind", "source"])

    def summary(self, first: int, last: int) -> pd.DataFrame:
        """Like :meth:`table`, with consecutive years of the same series and provenance merged into one row.

        Returns
        -------
        pandas.DataFrame
            Columns ``assumption``, ``years`` (e.g. ``"2025-2027"``), ``values`` (text), ``unit``, ``kind``,
            ``source``.
        """
        rows: list[dict] = []
        detail = self.table(first, last)
        for name, group in detail.groupby("assumption", sort=False):
            unit = group["unit"].iloc[0]
            records = zip(group["year"], group["value"], group["kind"], group["source"], strict=True)
            # Consecutive years with the same kind and source form one row.
            for (kind, source), run in itertools.groupby(records, key=lambda r: (r[2], r[3])):
                run = list(run)
                first_year, last_year = int(run[0][0]), int(run[-1][0])
                years = f"{first_year}" if first_year == last_year else f"{first_year}-{last_year}"
                values = ", ".join(_format_value(float(v), unit) for _, v, _, _ in run)
                rows.append({"assumption": name, "years": years, "values": values, "unit": unit, "kind": kind,
                             "source": source})
        return pd.DataFrame(rows, columns=["assumption", "years", "values", "unit", "kind", "source"])


#: ``tail_follows`` of a grant item's growth that hands the years without a value to the core's regulation rule
#: (core ``GrantItemPath.regulation_rule``: per inhabitant, minus the growth of the national net income
#: equalisation per inhabitant, plus announced changes; ``docs/model.md`` §5).
REGULATION_RULE = "regulation rule"


def _own_tax_base_growth(assumptions: AssumptionSet, year: int) -> float:
    """The own tax base grows as the tax capacity per inhabitant (the national capacity's growth) × the own
    population (the core's ``own_tax_base_growth``; RULES.md §5)."""
    return core.own_tax_base_growth(assumptions.get("national_tax_capacity_growth", year)[0],
                                    assumptions.get("population", year - 1)[0],
                                    assumptions.get("population", year)[0])


def _national_capacity_growth(assumptions: AssumptionSet, year: int) -> float:
    """The national tax capacity grows as the national tax base per inhabitant (the core's
    ``per_inhabitant_growth``)."""
    return core.per_inhabitant_growth(assumptions.get("national_tax_base_growth", year)[0],
                                      assumptions.get("national_population_growth", year)[0])


def _settlement(kind: str):
    """The vintage's settlement forecast of ``kind`` (kr per inhabitant) × the year's population, MSEK."""
    def rule(assumptions: AssumptionSet, year: int) -> float:
        return core.per_inhabitant_amount_msek(assumptions.get(f"final_settlement_{kind}_kr", year)[0],
                                               assumptions.get("population", year)[0])
    return rule


#: Tail rules computed from other series each year (``AssumptionSeries.tail_follows``), the equations in the core.
TAIL_RULES = {
    "own tax capacity × population": _own_tax_base_growth,
    "national tax base per inhabitant": _national_capacity_growth,
    "current-year settlement per inhabitant × population": _settlement("current"),
    "previous-year settlement per inhabitant × population": _settlement("previous"),
}

_CORE_SERIES = (
    "final_settlement_previous_year_msek",
    "tax_base_growth",
    "operating_income_growth",
    "depreciation_msek",
    "financial_income_msek",
    "financial_costs_msek",
    "tax_rate_kr_per_100kr",
    "final_settlement_msek",
    "realisation_gains_msek",
    "reserve_use_msek",
)


#: Optional capital series (docs/model.md §15): net investments and the pension interest (MSEK, may include the
#: base year), the rate on new borrowing and the pension interest's index growth (fractions per year).
_CAPITAL_SERIES = ("investments_msek", "borrowing_rate", "pension_interest_msek", "pension_index_growth")


def _format_value(value: float, unit: str) -> str:
    if unit.startswith("fraction"):
        return f"{value * 100:.2f} %"
    if unit == "kr per 100 kr":
        return f"{value:.2f}"
    return f"{value:.1f}"
