"""A municipality's baseline: its base year, the sources of its figures and the assumptions that carry it forward.

A :class:`Municipality` is immutable: :meth:`Municipality.with_assumptions` returns a changed copy, so a scenario
never alters its baseline. Building one from data is the baselines layer's job (:func:`kommunbudget.load`); this
module only holds it and hands it to the core.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.model.checks import finite_real
from kommunbudget.model.measures import with_net_line_default
from kommunbudget.model.projection import Projection
from kommunbudget.model.years import MAX_HORIZON_YEARS, as_year

__all__ = ["Municipality", "base_year_state"]

#: The empty set of measures, shared (the core only reads it).
_NO_MEASURES = core.Measures()


def base_year_state(fields: Mapping[str, object]) -> core.BaseYearState:
    """A fresh core ``BaseYearState`` from a baseline's base-year fields (those of the core struct, in its units:
    MSEK, kr per 100 kr, inhabitants; cost lines, grant items and the equalisation's parameters as dicts).

    Raises
    ------
    TypeError
        For a field the core struct does not have (the message names the known ones).
    ValueError
        (the core's InputError) For a value outside its range (``docs/model.md`` §14).
    """
    fields = dict(fields)
    fields["cost_lines"] = [core.CostLine(**line) for line in fields["cost_lines"]]
    if "capital" in fields:  # opening balances and depreciation classes (docs/model.md §15)
        capital = dict(fields["capital"])
        capital["depreciation_classes"] = [core.DepreciationClass(**c) for c in capital.get("depreciation_classes", [])]
        fields["capital"] = core.CapitalPlan(**capital)
    if "balance_requirement" in fields:
        requirement = dict(fields["balance_requirement"])
        requirement["opening_deficits"] = [core.OpeningDeficit(**d) for d in requirement.get("opening_deficits", [])]
        fields["balance_requirement"] = core.BalanceRequirement(**requirement)
    if "grant_items" in fields:
        fields["grant_items"] = [core.GrantItem(**item) for item in fields["grant_items"]]
        fields["equalisation"] = core.IncomeEqualisation(**fields["equalisation"])
    return core.BaseYearState(**fields)


@dataclass(frozen=True)
class Municipality:
    """A municipality's baseline: base year, sources and assumptions.

    Attributes
    ----------
    code, name, county : str
        SCB's 4-digit code (text), name and county (län).
    population : int
        Inhabitants on ``population_date`` (SCB's count of 31 Dec 2024, or the figure of the municipality's own
        budget).
    population_date : str
        The date ``population`` refers to, as text (``"31 Dec 2024"``, ``"1 Nov 2024"``).
        Population on 31 December 2024 (SCB via Kolada N01951).
    base_year : int
        The base year (basår): the year of the adopted budget.
    base_fields : Mapping[str, object]
        Fields of the core ``BaseYearState`` (amounts positive, MSEK; rate in kr per 100 kr); ``cost_lines`` is a
        list of dicts with ``name``, ``cost_msek`` and ``labour_share`` (negative = PKV's weight).
    base_sources : Mapping[str, Provenance]
        Provenance of each base-year field.
    assumptions : AssumptionSet
        The yearly assumptions with their provenance.
    plan : Mapping[int, Mapping[str, float]]
        The adopted plan's own income statement by year (statutory signs, MSEK), for comparison.
    notes : tuple[str, ...]
        What a reader must know (e.g. how costs are split by service area, which figures are approximate).
    vintage : str
        The national assumptions' vintage, 'name (published)'.
    uses_plan_growth : bool
        Whether the plan years use the growth implied by the adopted plan.
    approximate : bool
        True for an approximate baseline built from SCB data (no adopted budget; base-year result 0 by
        construction, see :func:`load`).
    """

    code: str
    name: str
    county: str
    population: int
    base_year: int
    base_fields: Mapping[str, object] = field(repr=False)
    base_sources: Mapping[str, Provenance] = field(repr=False)
    assumptions: AssumptionSet = field(repr=False)
    plan: Mapping[int, Mapping[str, float]] = field(default_factory=dict, repr=False)
    notes: tuple[str, ...] = field(default=(), repr=False)
    vintage: str = ""  # the assumption vintage used, 'name (published)'
    uses_plan_growth: bool = True
    approximate: bool = False  # True: an approximate baseline from SCB data (no adopted budget), see load()
    population_date: str = "31 Dec 2024"  # what population counts: SCB's year-end count, or the budget's date
    #: Core projectors already built, by horizon: a Municipality is immutable, so each is built once and reused
    #: (a changed copy from with_assumptions starts with an empty cache).
    _projectors: dict[int, core.Projector] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        """'Sjöbo (1265)'."""
        return f"{self.name} ({self.code})"

    @property
    def plan_years(self) -> list[int]:
        """The years after the base year covered by the adopted plan."""
        return sorted(y for y in self.plan if y > self.base_year)

    def base_state(self) -> core.BaseYearState:
        """A fresh core ``BaseYearState`` for the base year, with each cost line's volume growth left empty
        (the projection fills it from the assumptions)."""
        return base_year_state(self.base_fields)

    def grant_item_names(self) -> list[str]:
        """Names of the grant items other than the income equalisation (empty when grants are one total)."""
        return [item["name"] for item in self.base_fields.get("grant_items", [])]

    def base_year_sources(self):
        """Base-year figures with their provenance.

        Returns
        -------
        pandas.DataFrame
            Columns ``field``, ``value`` (MSEK, kr per 100 kr, or text for cost lines), ``kind``, ``source``.
        """
        rows = []
        for name, prov in self.base_sources.items():
            head, _, sub = name.partition(".")
            value = self.base_fields[head][sub] if sub else self.base_fields[name]
            if name == "cost_lines":
                value = "; ".join(f"{line['name']} {line['cost_msek']:.1f}" for line in value)
            elif name == "capital.depreciation_classes":
                value = "; ".join(f"{c['name']} {c['share']:.0%} over {c['years']:g} years" for c in value)
            elif name == "grant_items":
                value = "; ".join(f"{g['name']} {g['amount_msek']:.1f}" for g in value)
            elif name == "balance_requirement.opening_deficits":
                value = "; ".join(f"{d['year']} {d['amount_msek']:.1f}" for d in value) or "none"
            elif isinstance(value, float):
                value = round(value, 4)
            rows.append({"field": name, "value": value, "kind": prov.kind, "source": prov.source})
        return pd.DataFrame(rows, columns=["field", "value", "kind", "source"])

    def cost_line_names(self) -> list[str]:
        """Names of the cost lines, in order."""
        return [line["name"] for line in self.base_fields["cost_lines"]]

    def with_assumptions(self, **changes: Mapping[int, float] | float) -> Municipality:
        """A copy with assumptions changed; this municipality is unchanged.

        Parameters
        ----------
        **changes
            ``name=value``: a number for every projection year and the years after (e.g. ``tax_base_growth=0.03``;
            any real number: ``int``, ``float``, numpy's ``float64`` or ``int64``, not a bool) or a mapping
            ``{year: value}`` for some years (e.g. ``labour_cost_change={2026: 0.04}``; anything with ``.items()``,
            such as a pandas Series indexed by year). Names are those of
            :class:`~kommunbudget.model.assumptions.AssumptionSet`; units as there (growth rates and shares as
            fractions, amounts in MSEK, the rate in kr per 100 kr). ``volume_growth`` alone sets every cost line.

        Raises
        ------
        ValueError
            For an unknown assumption name (the message lists the known ones), a value that is not a finite number
            (a bool included), a year outside base year + 1 .. base year + 50, or growth of general grants set for a
            year whose amount is given (set ``general_grants_msek`` for that year instead). Ranges are checked by
            the core when projecting.
        """
        new = self.assumptions
        user = Provenance("user", "set by the user")
        known = list(new.series) + ["volume_growth"]
        first, last = self.base_year + 1, self.base_year + MAX_HORIZON_YEARS
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"assumption {name!r} does not exist; expected one of: {', '.join(known)}")
            value = self._checked_value(name, value, first, last)
            targets = ([f"volume_growth:{line}" for line in self.cost_line_names()] if name == "volume_growth"
                       else [name])
            for target in targets:
                new = new.replace(target, new[target].with_values(value, user))
        pairs = [("general_grants_msek", "general_grants_growth")] + [
            (f"grant_amount:{n}", f"grant_growth:{n}") for n in self.grant_item_names()]
        for amount_name, growth_name in pairs:
            if amount_name not in new.series:
                continue
            amounts, growth = new[amount_name], new[growth_name]
            clash = sorted(y for y in growth.values if y in amounts.values and growth.provenance[y].kind == "user")
            if clash:
                raise ValueError(f"{growth_name} is set for {clash}, but {amount_name} gives the amount for those "
                                 f"years (the adopted plan); set {amount_name} for them instead")
        return dataclasses.replace(self, assumptions=new)

    def with_series(self, series: Mapping[str, AssumptionSeries], notes: tuple[str, ...] = ()) -> Municipality:
        """A copy with whole assumption series replaced (each with its own values, provenance and rule) and
        ``notes`` added after the baseline's; this municipality is unchanged. The baselines layer builds such series
        from data, e.g. :func:`kommunbudget.baselines.population_forecast.with_population_forecast`.

        Raises
        ------
        KeyError
            For a series this municipality's assumptions do not have (the message lists them).
        """
        new = self.assumptions
        for name, s in series.items():
            new = new.replace(name, s)
        return dataclasses.replace(self, assumptions=new, notes=tuple(self.notes) + tuple(notes))

    @staticmethod
    def _checked_value(name: str, value, first: int, last: int):
        """A number for every year, or ``{year: number}`` for some years, checked: any real number (``int``,
        ``float``, numpy's scalars; not a bool) and any mapping-like with ``.items()`` (a dict, a pandas Series of
        year -> value)."""
        def number(v, where: str) -> float:
            return finite_real(where, v, "a real number (growth rates and shares as fractions, amounts in MSEK)")

        if isinstance(value, Mapping) or (callable(getattr(value, "items", None)) and not isinstance(value, str)):
            checked = {}
            for year, v in value.items():
                y = as_year(f"{name} year", year, calendar=False)
                if not first <= y <= last:
                    raise ValueError(f"{name}: year {y} is not a projection year; expected {first}-{last} (the base "
                                     f"year {first - 1} holds the adopted budget)")
                checked[y] = number(v, f"{name}[{y}]")
            return checked
        return number(value, name)

    def projector(self, horizon: int) -> core.Projector:
        """The core projector for base year .. horizon, built once per municipality and horizon and reused (it is
        immutable and safe to run from several threads at once).

        Raises
        ------
        ValueError
            For a horizon before the base year or an assumption missing a year (named in the message).
        """
        cached = self._projectors.get(horizon) if type(horizon) is int else None
        if cached is not None:
            return cached
        horizon = as_year("horizon", horizon, calendar=False)
        if not self.base_year <= horizon <= self.base_year + MAX_HORIZON_YEARS:
            raise ValueError(f"horizon = {horizon} is outside the allowed range [{self.base_year}, "
                             f"{self.base_year + MAX_HORIZON_YEARS}] for {self.label} (base year {self.base_year})")
        projector = self._build_projector(horizon)
        return self._projectors.setdefault(horizon, projector)

    def _build_projector(self, horizon: int) -> core.Projector:
        """A new core projector (the flattening of every assumption for base year + 1 .. horizon)."""
        first = self.base_year + 1
        base = self.base_state()
        if horizon >= first:
            lines = base.cost_lines
            for line in lines:
                line.volume_growth = self.assumptions.series_to_core(f"volume_growth:{line.name}", first, horizon)
            base.cost_lines = lines
        return core.Projector(base, self.assumptions.to_core(first, horizon, self.grant_item_names()), horizon)

    def project(self, horizon: int, measures: core.Measures | None = None):
        """Projects the income statement from the base year to ``horizon``. An efficiency measure on one
        service-area line acts on the whole line (its net cost) unless it gives ``net_share`` or ``on_gross``
        (:func:`kommunbudget.model.measures.with_net_line_default`).

        Returns
        -------
        kommunbudget.Projection

        Raises
        ------
        ValueError
            For invalid input (field, year, value and range named).
        """
        projector = self.projector(horizon)
        if measures is not None:
            measures = with_net_line_default(measures)  # a service-area line is a net cost (docs/model.md §8)
        statement = projector.run(measures if measures is not None else _NO_MEASURES)
        return Projection(self, projector.horizon, statement, measures)
