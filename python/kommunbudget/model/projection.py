"""A projected income statement of one municipality as pandas DataFrames: the statement, the revenue bridge,
required tax rates, shortfalls against targets and öre equivalents.

All numbers are computed by the C++ core; this module only arranges them. Amounts are nominal MSEK with the
statutory signs of the Swedish income statement (costs negative); shares are fractions; tax rates are in
kr per 100 kr; tax-rate equivalents are in öre (1 kr = 100 öre). See ``docs/model.md`` §9-10.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSet
from kommunbudget.model.limits import field_limit
from kommunbudget.model.lines import GRANT_ITEM_LABELS, LINE_UNITS, MEMO_LINES, REVENUE_LINES, STATEMENT_LINES
from kommunbudget.model.targets import as_target, default_targets, target_key
from kommunbudget.model.years import as_year

__all__ = ["Baseline", "Projection"]


class Baseline(Protocol):
    """What a :class:`Projection` reads of the baseline it was projected from: a
    :class:`~kommunbudget.model.municipality.Municipality` (which builds its projections, so this module does not
    import it and the two form no import circle)."""

    code: str
    name: str
    base_year: int
    assumptions: AssumptionSet
    approximate: bool
    population: int
    population_date: str

    @property
    def plan_years(self) -> Sequence[int]:
        """The years of the adopted plan after the base year (empty without a plan)."""
        ...

    def base_year_sources(self) -> pd.DataFrame:
        """The base year's fields with their provenance (one row per field)."""
        ...

@dataclass
class Projection:
    """A projected income statement of one municipality.

    Attributes
    ----------
    municipality : Baseline
        The baseline it was projected from (a Municipality; unchanged by the projection).
    horizon : int
        The last year.
    core : kommunbudget.core.IncomeStatement
        The core's statement (arrays of shape (n_years,)).
    measures : kommunbudget.core.Measures or None
        The measures applied, if any.
    """

    municipality: Baseline
    horizon: int
    core: core.IncomeStatement
    measures: core.Measures | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def years(self) -> list[int]:
        """base year .. horizon."""
        return list(self.core.years)

    def year_status(self) -> dict[int, str]:
        """Per year: ``"budget"`` (the base year's adopted budget), ``"approximate"`` (the base year of an approximate
        baseline from SCB data), ``"plan"`` (a year of the adopted plan,
        reproduced through derived assumptions), ``"plan, changed"`` (a plan year moved off the adopted plan by
        user-set assumptions or measures) or ``"projection"``."""
        m = self.municipality
        plan = set(m.plan_years)
        # A change in one year carries into every later year (costs and the tax base are chained).
        firsts = [y for s in m.assumptions.series.values() for y, p in s.provenance.items() if p.kind == "user"]
        firsts += [s.tail_from if s.tail_from is not None else m.base_year + 1 for s in m.assumptions.series.values()
                   if s.tail_provenance is not None and s.tail_provenance.kind == "user"]
        if self.measures is not None:
            firsts += [t.from_year for t in self.measures.tax_changes] + [e.from_year for e in self.measures.efficiency]
        changed = {y for y in plan if firsts and y >= min(firsts)}
        base = "approximate" if m.approximate else "budget"
        return {y: base if y == m.base_year else ("plan, changed" if y in changed else "plan") if y in plan
                else "projection" for y in self.years}

    def line(self, name: str) -> np.ndarray:
        """One statement line, shape (n_years,). Raises KeyError naming the known lines for an unknown name."""
        if name not in LINE_UNITS and name not in core.IncomeStatement.LINES:
            raise KeyError(f"line {name!r} does not exist; expected one of: "
                           f"{', '.join(dict.fromkeys(list(LINE_UNITS) + list(core.IncomeStatement.LINES)))}")
        return np.array(getattr(self.core, name), dtype=float)

    def statement(self, language: str = "en", memo: bool = True) -> pd.DataFrame:
        """The income statement: one row per line, one column per year.

        Parameters
        ----------
        language : {"en", "sv", "id"}
            Row labels: English, the Swedish statutory names, or the identifiers (e.g. ``net_operating_cost``).
        memo : bool
            Include the memo rows (tax rate, tax base, final settlement, efficiency savings, the one-off costs of
            efficiency measures and of fixed savings, tax-change revenue). The one-off costs are positive amounts,
            already inside ``operating_costs``.

        Returns
        -------
        pandas.DataFrame
            float64, index named ``line``, columns the years (int). MSEK with statutory signs; ``result_share`` is
            a fraction; ``tax_rate`` kr per 100 kr. ``attrs["year_status"]`` maps year -> budget/plan/projection,
            ``attrs["units"]`` row label -> unit.
        """
        label_index = {"sv": 1, "en": 2, "id": 0}
        if language not in label_index:
            raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
        rows = [spec for spec in STATEMENT_LINES if memo or spec[0] not in MEMO_LINES]
        frame = pd.DataFrame([self.line(spec[0]) for spec in rows], index=[spec[label_index[language]]
                                                                          for spec in rows],
                             columns=self.years, dtype=float)
        frame.index.name = "line"
        frame.columns.name = "year"
        frame.attrs["year_status"] = self.year_status()
        frame.attrs["units"] = {spec[label_index[language]]: spec[3] for spec in rows}
        return frame

    def revenue(self, language: str = "en") -> pd.DataFrame:
        """The revenue bridge: tax revenue item by item (preliminary tax, final settlements), general grants item
        by item (income equalisation by the formula, then each other item), and the equalisation's figures.

        Parameters
        ----------
        language : {"en", "sv", "id"}
            Row labels; grant items as ``grant:<name>`` with ``"id"``.

        Returns
        -------
        pandas.DataFrame
            float64, one row per item, one column per year; units in ``attrs["units"]``. MSEK rows are signed
            (fees negative); capacities in kr per inhabitant; per-krona rows as fractions (0.022 = 2.2 öre per
            krona). When grants are a single total (no itemisation) the equalisation rows are 0.
        """
        label_index = {"sv": 1, "en": 2, "id": 0}
        if language not in label_index:
            raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
        rows, labels, units = [], [], {}
        names = list(self.core.grant_item_names)
        items = np.array(self.core.grant_items, dtype=float).reshape(len(names), len(self.years))
        for spec in REVENUE_LINES:
            if spec[0] == "general_grants":
                for i, name in enumerate(names):
                    sv, en = GRANT_ITEM_LABELS.get(name, (name, name))
                    label = {"sv": sv, "en": en, "id": f"grant:{name}"}[language]
                    rows.append(items[i])
                    labels.append(label)
                    units[label] = "MSEK"
            label = spec[label_index[language]]
            rows.append(self.line(spec[0]))
            labels.append(label)
            units[label] = spec[3]
        frame = pd.DataFrame(rows, index=labels, columns=self.years, dtype=float)
        frame.index.name = "item"
        frame.columns.name = "year"
        frame.attrs["units"] = units
        frame.attrs["year_status"] = self.year_status()
        return frame

    def required_tax_rates(self, targets: list[core.Target] | None = None) -> pd.DataFrame:
        """The lowest tax rate (kr per 100 kr) meeting each target in each year, every other line unchanged.

        Returns
        -------
        pandas.DataFrame
            Rows: ``current`` (the rate in the projection) and one per target (:func:`target_key`); columns the
            years. ``attrs["descriptions"]`` maps row -> the target in words.

        Raises
        ------
        ValueError
            For an impossible target (the core names the year and the rate it would need).
        """
        targets = default_targets() if targets is None else [as_target(t) for t in targets]
        rows = {"current": self.line("tax_rate")}
        descriptions = {"current": "the tax rate in the projection"}
        for t in targets:
            rows[target_key(t)] = np.array(core.required_tax_rate(self.core, t))
            descriptions[target_key(t)] = t.describe()
        frame = pd.DataFrame(rows, index=self.years).T
        frame.index.name = "tax_rate"
        frame.columns.name = "year"
        frame.attrs["descriptions"] = descriptions
        return frame

    def target_gaps(self, targets: list[core.Target] | None = None) -> pd.DataFrame:
        """Shortfall against each target, MSEK per year (negative = margin), and the same in öre on the rate."""
        targets = default_targets() if targets is None else [as_target(t) for t in targets]
        rows = {}
        for t in targets:
            gap = np.array(core.target_gap_msek(self.core, t))
            rows[(target_key(t), "MSEK")] = gap
            rows[(target_key(t), "öre")] = np.array(core.tax_rate_equivalents_ore(self.core, gap))
        frame = pd.DataFrame(rows, index=self.years).T
        frame.index.names = ["target", "unit"]
        frame.columns.name = "year"
        return frame

    def sustained_change(self, target: core.Target | str, from_year: int) -> float:
        """The single rate change (kr per 100 kr) from 1 January of ``from_year`` that meets ``target`` in every
        year to the horizon (negative: room to lower the rate). Raises ValueError for a year outside the
        projection or an impossible target."""
        return float(core.required_sustained_change(self.core, as_target(target), as_year("from_year", from_year)))

    def sustained_tax_change(self, target: core.Target | str, from_year: int) -> float:
        """:meth:`sustained_change` as a tax change the model can apply and cost for a household (kr per 100 kr).

        Raises
        ------
        ValueError
            As :meth:`sustained_change`, and when the change lies outside the core's range for a tax change
            (``TaxChange.change_kr_per_100kr``, docs/model.md §14): the message names the target, the year and the
            change it would need.
        """
        target = as_target(target)
        from_year = as_year("from_year", from_year)
        change = self.sustained_change(target, from_year)
        row = field_limit("TaxChange", "change_kr_per_100kr")
        if not row.contains(change):
            raise ValueError(f"the target ({_target_text(target)}) from {from_year} would need a sustained change of "
                             f"{change:+.2f} kr per 100 kr ({change * 100:+.0f} öre), outside the range the model "
                             f"takes for a tax change, {row.range_text()} {row.unit}; choose a less demanding target")
        return change

    def tax_rate_equivalent_ore(self, amounts_msek) -> np.ndarray:
        """Öre on the rate equivalent to yearly amounts (shape (n_years,), MSEK), against each year's tax base."""
        return np.array(core.tax_rate_equivalents_ore(self.core, np.asarray(amounts_msek, dtype=float)))

    def household_income_kr(self, year: int) -> tuple[float, str]:
        """The default taxable income for the household cost of a tax change: the municipality's tax base per
        inhabitant in ``year`` (kr a year; derived: tax base / the baseline's population), and its basis.

        Raises
        ------
        ValueError
            For a year outside the projection.
        """
        if year not in self.years:
            raise ValueError(f"year = {year} is outside the projection's years {self.years[0]}-{self.years[-1]}")
        m = self.municipality
        k = self.years.index(year)
        population = float(self.core.population[k]) if float(self.core.population[k]) > 0 else float(m.population)
        income = float(self.line("tax_base")[k]) * 1e6 / population
        counted = (f"population {m.population_date}, {m.population:,} inhabitants" if population == m.population
                   else f"the population the budget gives for {year}, {population:,.0f} inhabitants")
        basis = (f"{m.name}'s tax base per inhabitant in {year}, all ages (derived: tax base / {counted}; not SCB's "
                 f"skattekraft): a per-inhabitant figure, give a household's own taxable income for its cost")
        return income, basis

    def assumptions(self, detail: bool = False) -> pd.DataFrame:
        """The assumptions used for the projection years with their provenance (kind and source); see
        :meth:`kommunbudget.model.assumptions.AssumptionSet.summary` (or ``.table`` with ``detail=True``)."""
        m = self.municipality
        first, last = m.base_year + 1, self.horizon
        if last < first:
            return pd.DataFrame(columns=["assumption", "years", "values", "unit", "kind", "source"])
        names = [n for n in m.assumptions.series]
        subset = m.assumptions
        frame = subset.table(first, last) if detail else subset.summary(first, last)
        return frame[frame["assumption"].isin(names)].reset_index(drop=True)

    def base_year_sources(self) -> pd.DataFrame:
        """Base-year figures with their provenance (see :meth:`Municipality.base_year_sources`)."""
        return self.municipality.base_year_sources()


def _target_text(target: core.Target) -> str:
    """The target in words, as the command line writes it: ``result >= 2 % of tax revenue and general grants``."""
    if target.kind == core.TargetKind.RESULT_SHARE:
        return f"result >= {target.share * 100:g} % of tax revenue and general grants"
    if target.kind == core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE:
        return f"result excl. one-off items >= {target.share * 100:g} % of tax revenue and general grants"
    if target.kind == core.TargetKind.BALANCED_BUDGET_RESULT:
        return "balanced-budget result >= restoration due (0 if none)"
    return "result >= 0"
