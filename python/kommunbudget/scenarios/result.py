"""Running a scenario against its baseline: the projection with all measures, each measure's effect (measures
added one at a time in file order, so the effects sum exactly), the bridges and the tax needed with and without the
measures (``docs/model.md`` §13).

The arithmetic is the core's: the effects are ``Projector.measure_effects`` (each measure validated once, then the
baseline and each prefix of the measures projected: time at most quadratic in the number of measures), the bridge by
driver is ``driver_bridge``, öre are ``one_ore_msek`` and ``tax_rate_equivalents_ore``, and whether a year meets a
target or the balanced-budget requirement is ``target_met`` and ``balanced_budget_met`` (one tolerance,
``TARGET_TOLERANCE_MSEK``, ``docs/model.md`` §10).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import check_budget_matches, read_budget_and_figures
from kommunbudget.baselines.population_forecast import with_population_forecast
from kommunbudget.data import service_areas
from kommunbudget.data.budget_figures import BudgetFigures
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance
from kommunbudget.model.measures import efficiency_base, price_base_series
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import as_target, target_key
from kommunbudget.model.years import as_year
from kommunbudget.scenarios.premises import Portfolio, portfolio_from_budget
from kommunbudget.scenarios.schema import _CORE_GROUP, Measure, Scenario, load_scenario

__all__ = ["ScenarioResult", "compare_scenarios", "run"]


@dataclass
class ScenarioResult:
    """A scenario run against its baseline.

    Attributes
    ----------
    scenario : Scenario
    municipality : Municipality
    baseline, projection : Projection
        Without and with all measures.
    measure_effects : pandas.DataFrame
        Each measure's effect on the result, MSEK (index measure names in file order, columns years): measures are
        added one at a time in file order and each effect is the change it adds, so the effects sum exactly to the
        scenario's total change (interactions fall to the later measure).
    measure_effects_ore : pandas.DataFrame
        The same in öre on the tax rate (against the baseline's tax base of each year).
    measure_kinds, measure_topics : dict
        Measure name -> kind, and -> the checklist numbers tagged in the file.
    measure_sources : dict
        Measure name -> how a derived amount was computed, for each measure with one (in file order): ``nka_gap``
        (the gap from the net cost and NKA, the share closed), ``premises_target`` (the share of the total given or
        of the portfolio's), ``area_gap`` (the gap, its figures and the peers, the share closed and the cost line);
        MSEK a year in base-year prices, before the ramp and the realised share.

    Notes
    -----
    :meth:`lever_notes` states the base of each efficiency rate (net or gross cost) and the work lines' defaults;
    :meth:`work_line_rows` is the work lines' tax base after the basic deduction and their out-migration, by year.

    The effects are changes of the result, so they include every statement line a measure moves: an efficiency
    measure's effect is its saving less its one-off cost (``efficiency_one_off_cost``, in ``operating_costs``); a
    disposal's includes the realisation gain, the depreciation and the interest saved. :meth:`premises_summary`
    describes the scenario's portfolio.
    """

    scenario: Scenario
    municipality: Municipality
    baseline: Projection
    projection: Projection
    measure_effects: pd.DataFrame
    measure_effects_ore: pd.DataFrame
    measure_kinds: dict[str, str] = field(default_factory=dict)
    measure_topics: dict[str, list[int]] = field(default_factory=dict)
    measure_sources: dict[str, str] = field(default_factory=dict)

    def lever_notes(self) -> dict[str, str]:
        """Measure name -> what the lever rests on, for the efficiency and work-line measures (file order).

        An efficiency measure: its rate as a share of net costs (the default base, ``docs/model.md`` §8). On a
        service-area line (a net cost already: SCB's net cost by activity or the budget's by area) the rate acts on
        the whole line, and the note says so. On all lines or ``other_activities``: what the rate is in MSEK in its
        first year at full effect (all lines: the baseline's operating costs − operating income without realisation
        gains) and as a share of gross costs; the net share's provenance (the municipality-wide share is a default,
        not data). A work line: the shares into work and taxable benefits, the out-migration
        share and the prisbasbelopp series of its basic deduction (``docs/model.md`` §6), each default labelled.
        """
        notes = {}
        years = self.baseline.years
        b = self.baseline
        for measure in self.scenario.measures:
            f = measure.fields
            if measure.kind == "efficiency":
                year = int(f["from_year"])
                k = years.index(year)
                step = float(f["rate"]) * float(f.get("realised_share", 1.0))
                gross = -float(b.line("operating_costs")[k])
                line = f.get("cost_line", "")
                given, why = efficiency_base(f)
                if why == "net_line":
                    notes[measure.name] = (f"{step:.1%} of the net cost of {line} (a net-cost line: "
                                           f"{self._net_line_source()}; fees and earmarked grants are grossed up "
                                           f"on other_activities, so the rate acts on the whole line — give "
                                           f"net_share or on_gross to change it)")
                    continue
                if why == "on_gross":
                    share, how = 1.0, "on_gross = true: the rate cuts the gross cost, fee-financed parts included"
                elif why == "given":
                    share, how = float(given), "net_share given in the scenario (the line's own)"
                else:
                    share = float(b.line("efficiency_net_share")[k])
                    how = (f"the municipality-wide net share {share:.1%} in {year} (operating costs − operating "
                           f"income without realisation gains; default, not data: the line's own fee share may "
                           f"differ — give net_share)")
                where = f"of line {line}" if line else "of all lines"
                amount = (f" = {step * share * gross:.1f} MSEK in {year} at full effect" if not line else "")
                base = "gross" if f.get("on_gross", False) else "net"
                notes[measure.name] = (f"{step:.1%} of {base} costs {where}{amount} = {step * share:.2%} of gross "
                                       f"costs; {how}")
            elif measure.kind == "work_line":
                _series, pbb = price_base_series(int(f["start_year"]), f.get("price_base_amount_kr"))

                defaults = {"share_into_benefits": "no one leaves for taxable benefits",
                            "out_migration_share": "no one moves away"}
                shares = [f"{key} {f[key]:g}" if key in f else f"{key} 0 ({text}; default, not data)"
                          for key, text in defaults.items()]
                notes[measure.name] = "; ".join((
                    f"share_into_work {f.get('share_into_work', 0.0):g}", *shares,
                    "incomes enter the tax base after the basic deduction (IL 63 kap. 3 §), " + pbb))
        return notes

    def _net_line_source(self) -> str:
        """What the baseline's service-area cost lines are: the budget's own net costs by area or SCB's net costs
        by activity (from the provenance of the base year's cost lines)."""
        prov = self.municipality.base_sources.get("cost_lines")
        if prov is not None and prov.source.startswith("service areas as the budget gives them"):
            return "the budget's net cost by area"
        return "SCB's net cost by activity"

    def work_line_rows(self) -> pd.DataFrame:
        """The work lines' (all together) tax base and out-migration by year (columns the years): the assistance
        saved (MSEK) and the implementation cost (MSEK, negative), earnings and taxable benefits of the income year
        (MSEK), the basic deduction on them (MSEK), the tax base added two years later (MSEK), the tax and
        equalisation on it (MSEK), inhabitants moved away (persons, stock) and the income equalisation
        lost by them (MSEK, counted from the next year), and the net effect (MSEK). The net is the sum of the
        assistance saved, the implementation cost, the tax, the equalisation and the equalisation lost
        (``docs/model.md`` §6), so the effect rows add up year by year."""
        rows = {
            "assistance saved, MSEK": "work_line_saving",
            "implementation cost, MSEK": "work_line_cost",
            "earnings (income year), MSEK": "work_line_earnings",
            "taxable benefits (income year), MSEK": "work_line_benefits",
            "basic deduction on them, MSEK": "work_line_basic_deduction",
            "tax base added (2 years later), MSEK": "work_line_tax_base",
            "own tax on it, MSEK": "work_line_tax_gain",
            "equalisation on it, MSEK": "work_line_equalisation_change",
            "inhabitants moved away (stock)": "work_line_persons_moved",
            "equalisation lost by those moved, MSEK": "work_line_migration_equalisation",
            "net effect, MSEK": "work_line_net",
        }
        sign = {"work_line_cost": -1.0}  # a cost, shown negative so that the effect rows sum to the net
        return pd.DataFrame({label: sign.get(key, 1.0) * self.projection.line(key) + 0.0
                             for label, key in rows.items()}, index=self.projection.years).T

    @property
    def target(self) -> core.Target:
        """The scenario's target (e.g. result share >= 2 %)."""
        return as_target(self.scenario.target)

    @property
    def premises(self) -> Portfolio | None:
        """The scenario's premises portfolio (None without one)."""
        return self.scenario.premises

    def sold_property_ids(self) -> list[str]:
        """Ids of the properties the scenario's disposals sell, in file order (by id or by inline table)."""
        return [m.fields["property"] if isinstance(m.fields["property"], str) else m.fields["property"]["id"]
                for m in self.scenario.measures if m.kind == "disposal"]

    def premises_summary(self, after_disposals: bool = False) -> pd.DataFrame | None:
        """The portfolio's area, vacancy and premises cost by use and in total (see
        :meth:`kommunbudget.premises.Portfolio.summary`; base-year figures: m², MSEK, kr per m², fractions).

        Parameters
        ----------
        after_disposals : bool
            Leave out the properties the scenario sells (those in the portfolio).

        Returns
        -------
        pandas.DataFrame or None
            None when the scenario has no portfolio.
        """
        portfolio = self.scenario.premises
        if portfolio is None:
            return None
        if after_disposals:
            portfolio = portfolio.without(i for i in self.sold_property_ids() if i in portfolio.ids())
        return portfolio.summary()

    def summary(self) -> pd.DataFrame:
        """Per year: baseline and scenario result, balanced-budget result and result share, the change, and
        whether each meets the balanced-budget requirement and the target. MSEK, shares as fractions; met is 1.0
        (0.0 not), the core's answer (``balanced_budget_met``, ``target_met``: a shortfall of at most
        ``TARGET_TOLERANCE_MSEK``, 1e-6 MSEK, counts as met; ``docs/model.md`` §10)."""
        rows = {}
        for key, p in (("baseline", self.baseline), ("scenario", self.projection)):
            rows[f"{key}_result"] = p.line("result")
            rows[f"{key}_balanced_budget_result"] = p.line("balanced_budget_result")
            rows[f"{key}_result_share"] = p.line("result_share")
            rows[f"{key}_meets_balanced_budget"] = np.asarray(core.balanced_budget_met(p.core), dtype=float)
            rows[f"{key}_meets_target"] = np.asarray(core.target_met(p.core, self.target), dtype=float)
        rows["change_result"] = self.projection.line("result") - self.baseline.line("result")
        frame = pd.DataFrame(rows, index=self.baseline.years).T
        frame.index.name = "item"
        frame.columns.name = "year"
        return frame

    def bridge(self, year: int) -> pd.DataFrame:
        """From the baseline's result to the scenario's in ``year``, two ways that each sum exactly:
        by measure (``measure_effects``) and by statement line (tax revenue, income equalisation, other grants,
        operating income, operating costs, depreciation, financial items).

        Returns
        -------
        pandas.DataFrame
            Columns ``view`` ("measure" or "line"), ``item``, ``msek``, ``ore``; each view starts with the
            baseline result and ends with the scenario result. ``ore`` is ``msek`` in öre on the rate against the
            baseline's tax base in ``year`` (one öre raises the core's ``one_ore_msek``: tax base / 10 000).

        Raises
        ------
        ValueError
            For a year outside the scenario's years.
        """
        year = as_year("year", year)
        if year not in self.baseline.years:
            raise ValueError(f"year = {year} is outside the scenario's years {self.baseline.years[0]}-"
                             f"{self.baseline.years[-1]}")
        k = self.baseline.years.index(year)
        b, s = self.baseline, self.projection
        tax_base = float(b.line("tax_base")[k])
        rows = []

        def add(view: str, item: str, msek: float) -> None:
            rows.append({"view": view, "item": item, "msek": msek,
                         "ore": float(core.tax_rate_equivalent_ore(msek, tax_base))})

        for view in ("measure", "line"):
            add(view, "baseline result", float(b.line("result")[k]))
            if view == "measure":
                for name in self.measure_effects.index:
                    add(view, name, float(self.measure_effects.at[name, year]))
            else:
                for line in ("tax_revenue", "income_equalisation", "other_general_grants", "operating_income",
                             "operating_costs", "depreciation", "financial_income", "financial_costs"):
                    add(view, line, float(s.line(line)[k] - b.line(line)[k]))
            add(view, "scenario result", float(s.line("result")[k]))
        return pd.DataFrame(rows, columns=["view", "item", "msek", "ore"])

    def bridge_by_driver(self, year: int) -> pd.DataFrame:
        """From the base year's result to the scenario's result in ``year``, by driver: other planned amounts
        (depreciation, financial items, grant items, settlements as given), price (PKV on costs), volume, operating
        income growth, own tax base growth (tax revenue net of the equalisation's offset), national tax capacity
        growth (the equalisation), and the measures. Each driver is the change when it is switched on after the ones
        before it (all growth frozen at first), so the steps sum exactly; the order is the one listed. The core's
        ``driver_bridge`` computes it (``docs/model.md`` §13).

        Returns
        -------
        pandas.DataFrame
            Columns ``driver``, ``msek``, ``ore`` (against the baseline's tax base in ``year``); first row the base
            year's result, last row the scenario's result in ``year``.

        Raises
        ------
        ValueError
            For a year outside the scenario's projection years.
        """
        year = as_year("year", year)
        years = self.baseline.years
        if year not in years[1:]:
            raise ValueError(f"year = {year} is outside the scenario's projection years {years[1]}-{years[-1]}")
        projector = self.municipality.projector(self.scenario.horizon)
        measures = self.projection.measures if self.projection.measures is not None else core.Measures()
        bridge = core.driver_bridge(projector, measures, year)
        return pd.DataFrame({"driver": list(bridge.drivers), "msek": np.asarray(bridge.msek, dtype=float),
                             "ore": np.asarray(bridge.ore, dtype=float)})

    def tax_needed(self, from_year: int | None = None, household_income_kr: float | None = None) -> pd.DataFrame:
        """Raise tax vs. efficiency: the sustained tax change (kr per 100 kr) from ``from_year`` that meets the
        target in every year to the horizon, with no measures and with this scenario's measures, and what each
        costs a household with ``household_income_kr`` a year (default the tax base per inhabitant). ``from_year``
        defaults to the first year whose own rate is not yet decided
        (:func:`kommunbudget.data.decided_rates.first_undecided_year`; 2027 for base year 2024).

        Returns
        -------
        pandas.DataFrame
            Index ``without measures``, ``with measures``; columns ``change_kr_per_100kr``, ``change_ore``
            (0 where the target is already met), ``settable_kr_per_100kr`` (the change in whole öre, rounded up:
            what a council sets, and it still meets the target; the core's ``round_up_to_ore``),
            ``household_cost_kr``.
        """
        if from_year is None:  # the first year whose own rate is not yet decided (skattesatser_kommun.csv)
            first = first_undecided_year(self.baseline.municipality.code, self.baseline.years[0])
            if first > self.baseline.years[-1]:
                raise ValueError(f"from_year: the own rate is decided through {first - 1} (skattesatser_kommun.csv), "
                                 f"so a change can start in {first} at the earliest, after the horizon "
                                 f"{self.baseline.years[-1]}; give from_year to change a decided rate")
        else:
            first = as_year("from_year", from_year)
        if household_income_kr is None:
            household_income_kr, _ = self.baseline.household_income_kr(first)
        rows = {}
        for label, p in (("without measures", self.baseline), ("with measures", self.projection)):
            change = max(0.0, p.sustained_tax_change(self.target, first))
            rows[label] = {"change_kr_per_100kr": change, "change_ore": change * 100.0,
                           "settable_kr_per_100kr": float(core.round_up_to_ore(change)),
                           "household_cost_kr": float(core.household_tax_change_kr(change, household_income_kr))}
        return pd.DataFrame(rows).T


def run(scenario: Scenario | str | Path) -> ScenarioResult:
    """Runs a scenario (a Scenario or a file) against its baseline.

    Each measure's effect is the core's ``Projector.measure_effects`` with the measures in file order: the change of
    the result (MSEK) that the measure adds to those before it.

    Raises
    ------
    ValueError
        For an invalid file or a measure the core refuses (the core's ``MeasureError``, whose ``position`` is the
        measure's index in the file); the core's message names the file and the key path as written in the file
        (``measures[i] (name).<key>``), or the measure for a message about several measures.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    m, figures = _baseline(scenario)
    m = _with_balance_requirement(scenario, m)
    scenario, m = _budget_portfolio(scenario, m, figures)
    if not scenario.municipality:  # the budget's municipality (an area_gap measure needs it)
        scenario = dataclasses.replace(scenario, municipality=m.code)
    _check_measures_fit(scenario, m)
    sources = _measure_sources(scenario, m)
    if scenario.premises is not None:
        _check_portfolio_fits(scenario, m)
    measures, effects = _effects(scenario, m)
    baseline = Projection(m, scenario.horizon, effects.baseline)
    final = Projection(m, scenario.horizon, effects.final, measures)
    frame, ore = _effect_frames(scenario, baseline, effects)
    return ScenarioResult(scenario=scenario, municipality=m, baseline=baseline, projection=final,
                          measure_effects=frame, measure_effects_ore=ore,
                          measure_kinds={x.name: x.kind for x in scenario.measures},
                          measure_topics={x.name: list(x.topics) for x in scenario.measures},
                          measure_sources=sources)


def _with_balance_requirement(scenario: Scenario, m: Municipality) -> Municipality:
    """The baseline with the scenario's ``[balance_requirement]`` keys in place of its own (``docs/model.md`` §16);
    each key given is labelled as the scenario's (kind ``user``)."""
    given = scenario.balance_requirement
    if not given:
        return m
    fields = dict(m.base_fields.get("balance_requirement", {}))
    sources = dict(m.base_sources)
    where = f"scenario {scenario.source_file or scenario.name}"
    for key, value in given.items():
        if key == "opening_deficits":
            value = [{"year": int(y), "amount_msek": float(a)} for y, a in sorted(value.items())]
        fields[key] = value
        sources[f"balance_requirement.{key}"] = Provenance("user", f"{where}, [balance_requirement] {key}")
    return dataclasses.replace(m, base_fields={**m.base_fields, "balance_requirement": fields},
                               base_sources=sources)


def _baseline(scenario: Scenario) -> tuple[Municipality, BudgetFigures | None]:
    """The scenario's baseline, loaded (its own budget file if it names one, whose figures are returned too); its
    horizon must lie after the base year."""
    budget = scenario.budget_path()
    figures = None
    try:
        if budget is None:
            m = load(scenario.municipality, scenario.base_year, vintage=scenario.vintage,
                     use_plan_growth=scenario.use_plan_growth)
        else:
            m, figures = read_budget_and_figures(budget, vintage=scenario.vintage,
                                                 use_plan_growth=scenario.use_plan_growth)
            check_budget_matches(m, budget, scenario.municipality or None, scenario.base_year)
    except ValueError as exc:
        raise ValueError(f"scenario {scenario.source_file}: {'budget: ' if budget else ''}{exc}") from None
    if scenario.population_forecast:
        try:
            m = with_population_forecast(m, scenario.population_forecast)
        except ValueError as exc:
            raise ValueError(f"scenario {scenario.source_file}: population forecast: {exc}") from None
    if scenario.horizon <= m.base_year:
        raise ValueError(f"scenario {scenario.source_file}: horizon: {scenario.horizon} must be after the base year "
                         f"{m.base_year} (the adopted budget)")
    return m, figures


def _budget_portfolio(scenario: Scenario, m: Municipality,
                      figures: BudgetFigures | None) -> tuple[Scenario, Municipality]:
    """The scenario with its portfolio: its own, else its budget's (sheet ``Lokaler``), with a note on the baseline
    saying which is used; then what needs a portfolio is checked (disposals by id, premises targets without a
    total), as on load for a scenario with its own portfolio."""
    where = f"scenario {scenario.source_file}"
    budget_portfolio = None
    if figures is not None and figures.premises:
        sheet = f"sheet Lokaler of the budget {scenario.budget_path()} ({len(figures.premises)} properties)"
        if scenario.premises is not None:
            own = f"premises_file {scenario.premises_file!r}" if scenario.premises_file else "[[premises]]"
            note = f"Premises: the scenario's portfolio ({own}) is used; the {sheet} is not."
        else:
            try:
                budget_portfolio = portfolio_from_budget(figures)
            except ValueError as exc:
                raise ValueError(f"{where}: budget: {exc}") from None
            note = f"Premises: the portfolio is the {sheet}; the scenario gives none of its own."
        m = dataclasses.replace(m, notes=(*m.notes, note))
    if budget_portfolio is not None:
        scenario = dataclasses.replace(scenario, premises=budget_portfolio, premises_from_budget=True)
    ids = scenario.premises.ids() if scenario.premises is not None else []
    for i, measure in enumerate(scenario.measures):
        label = f"{where}: measures[{i}] ({measure.name})"
        prop = measure.fields.get("property") if measure.kind == "disposal" else None
        if isinstance(prop, str) and prop not in ids:
            if scenario.premises is None:
                raise ValueError(f"{label}.property: {prop!r} names a portfolio property, but neither the scenario "
                                 f"([[premises]] or premises_file) nor its budget (sheet Lokaler) gives a portfolio")
            raise ValueError(f"{label}.property: {prop!r} is not a property of the budget's portfolio (sheet "
                             f"Lokaler); expected one of: {', '.join(ids)}")
        if measure.kind == "premises_target" and "total_premises_cost_msek" not in measure.fields \
                and scenario.premises is None:
            raise ValueError(f"{label}: missing total_premises_cost_msek for a premises_target measure; give it, or "
                             f"give a portfolio ([[premises]], premises_file, or the budget's sheet Lokaler), whose "
                             f"total premises cost (running cost + depreciation) is then the total")
    return scenario, m


def _check_measures_fit(scenario: Scenario, m: Municipality) -> None:
    """Checks the measures against the baseline: years after the base year, cost lines (service areas) it has."""
    lines = m.cost_line_names()
    for i, measure in enumerate(scenario.measures):
        for key in ("start_year", "year", "from_year"):
            if key in measure.fields and measure.fields[key] <= m.base_year:
                raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}).{key}: "
                                 f"{measure.fields[key]} is not after the base year {m.base_year}; the base year is "
                                 f"{'the approximate SCB-based year' if m.approximate else 'the adopted budget'}, so "
                                 f"measures start in {m.base_year + 1}-{scenario.horizon}")
        key = "service_area" if measure.kind == "area_gap" else "cost_line"
        line = measure.fields.get(key, "")
        if line and line not in lines:
            raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}).{key}: {line!r} is "
                             f"not a cost line of {m.label} (base year {m.base_year}); expected one of: "
                             f"{', '.join(lines)}" + (" (or '' for all lines)" if measure.kind == "efficiency" else ""))


def _measure_sources(scenario: Scenario, m: Municipality) -> dict[str, str]:
    """Measure name -> how its derived amount was computed (:attr:`ScenarioResult.measure_sources`)."""
    sources = {}
    for i, measure in enumerate(scenario.measures):
        if measure.kind == "area_gap" and m.base_year != service_areas.YEAR:
            raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}): an area_gap measure "
                             f"uses SCB's {service_areas.YEAR} net costs, so the base year must be "
                             f"{service_areas.YEAR} (it is {m.base_year})")
        try:
            source = _measure_source(measure, scenario.premises, m.code)
        except ValueError as exc:
            raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}): {exc}") from None
        if source:
            sources[measure.name] = source
    return sources


def _effects(scenario: Scenario, m: Municipality) -> tuple[core.Measures, core.MeasureEffects]:
    """The core measures and the core's effects of adding them one at a time in file order."""
    try:
        projector = m.projector(scenario.horizon)
    except ValueError as exc:
        raise ValueError(f"scenario {scenario.source_file}: {exc}") from None
    for i, measure in enumerate(scenario.measures):
        try:
            scenario.core_measure(measure)
        except ValueError as exc:
            raise ValueError(f"scenario {scenario.source_file}: {_core_message(scenario.measures, i, str(exc))}") \
                from None
    measures = scenario.measures_core()
    try:
        effects = projector.measure_effects(measures, _measure_order(scenario.measures))
    except core.MeasureError as exc:
        raise ValueError(f"scenario {scenario.source_file}: "
                         f"{_core_message(scenario.measures, exc.position, str(exc))}") from None
    return measures, effects


def _effect_frames(scenario: Scenario, baseline: Projection,
                   effects: core.MeasureEffects) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each measure's effect on the result by year, in MSEK and in öre (index measure names, columns years)."""
    changes = np.asarray(effects.result_change, dtype=float).reshape(len(scenario.measures), len(baseline.years))
    frame = pd.DataFrame(changes, index=[x.name for x in scenario.measures], columns=baseline.years, dtype=float)
    frame.index.name = "measure"
    frame.columns.name = "year"
    ore = frame.apply(lambda row: pd.Series(baseline.tax_rate_equivalent_ore(row.to_numpy(dtype=float)),
                                            index=frame.columns), axis=1) if len(frame) else frame.copy()
    return frame, ore


def _measure_order(measures: tuple[Measure, ...]) -> list[core.MeasureRef]:
    """The file's order of the measures as the core names them: each measure's list (``MeasureGroup``) and its
    index in that list of :meth:`Scenario.measures_core` (file order within a list)."""
    counts: dict[str, int] = {}
    order = []
    for measure in measures:
        group = _CORE_GROUP[measure.kind]
        order.append(core.MeasureRef(core.MeasureGroup.__members__[group.upper()], counts.get(group, 0)))
        counts[group] = counts.get(group, 0) + 1
    return order


#: How the core's amount of a derived kind comes from the file's keys (for the core's messages on ``amount_msek``).
_DERIVED_AMOUNT = {"premises_target": "share × the total premises cost",
                   "nka_gap": "share_closed × the gap net_cost_msek × NKA / (100 + NKA)",
                   "area_gap": "share_closed × the service area's gap"}


def _core_message(measures: tuple[Measure, ...], i: int, message: str) -> str:
    """The core's message about ``measures[i]`` (the measure a ``MeasureError`` names by its ``position``) with the
    file's key path.

    The core names a measure by its own list and index (projection.cpp ``validate_measures``:
    ``fixed_savings[j] (name).``, ``work_lines[j] (name).``, ``disposals[j] (property id).``, ``efficiency[j].``,
    ``tax_changes[j].``), which differ from ``measures[i]`` once kinds are mixed; that prefix becomes
    ``measures[i] (name).`` so the message shows the key as written. A derived kind's ``amount_msek`` is named with
    how it is derived. Messages without the prefix (about several measures, e.g. a property sold twice) follow
    ``measures[i] (name): ``.
    """
    measure = measures[i]
    group = _CORE_GROUP[measure.kind]
    j = sum(1 for other in measures[:i] if _CORE_GROUP[other.kind] == group)
    label = measure.name
    if measure.kind == "disposal":
        prop = measure.fields["property"]
        label = prop if isinstance(prop, str) else prop.get("id", "")
    for prefix in (f"{group}[{j}] ({label}).", f"{group}[{j}]."):
        if message.startswith(prefix):
            rest = message[len(prefix):]
            if measure.kind in _DERIVED_AMOUNT and rest.startswith("amount_msek"):
                return f"measures[{i}] ({measure.name}): the saving {_DERIVED_AMOUNT[measure.kind]}, {rest}"
            return f"measures[{i}] ({measure.name}).{rest}"
    return f"measures[{i}] ({measure.name}): {message}"


def _measure_source(measure: Measure, premises: Portfolio | None, municipality: str) -> str:
    """How a derived kind's saving (MSEK a year, base-year prices, before ramp and realised share) comes from the
    file's figures; ``""`` for the kinds whose amounts are given. The amounts are the core measure's."""
    f = measure.fields
    if measure.kind == "nka_gap":
        cost, nka = f["net_cost_msek"], f["net_cost_deviation_percent"]
        gap = core.net_cost_gap_msek(cost, nka)
        return (f"gap to the reference cost: net_cost_msek {cost:.1f} MSEK × NKA / (100 + NKA) with "
                f"net_cost_deviation_percent {nka:.2f} % = {gap:.1f} MSEK; share_closed {f['share_closed']:g} of it: "
                f"{measure.to_core().amount_msek:.1f} MSEK a year (base-year prices)")
    if measure.kind == "premises_target":
        if "total_premises_cost_msek" in f:
            total = f"total_premises_cost_msek {f['total_premises_cost_msek']:.1f} MSEK (as given)"
        else:
            total = (f"the portfolio's total premises cost {premises.total_premises_cost_msek:.1f} MSEK (running "
                     f"cost + depreciation of its {len(premises)} properties, base year)")
        return (f"share {f['share']:g} of {total}: {measure.to_core(premises).amount_msek:.1f} MSEK a year "
                f"(base-year prices)")
    if measure.kind == "area_gap":
        gap, source = measure.area_gap(municipality)
        return (f"{source}; share_closed {f['share_closed']:g} of {gap:.1f} MSEK: "
                f"{measure.to_core(municipality=municipality).amount_msek:.1f} MSEK a year on cost line "
                f"{f['service_area']}")
    return ""


def _check_portfolio_fits(scenario: Scenario, m: Municipality) -> None:
    """A portfolio describes properties whose costs are in the baseline: its running cost may not exceed the base
    year's operating costs (the cost lines), nor its depreciation the base year's depreciation."""
    portfolio = scenario.premises
    where = "budget: sheet Lokaler" if scenario.premises_from_budget else \
        "premises_file" if scenario.premises_file else "premises"
    running = sum(p.running_cost_msek for p in portfolio)
    depreciation = sum(p.depreciation_msek for p in portfolio)
    costs = sum(float(line["cost_msek"]) for line in m.base_fields["cost_lines"])
    base_depreciation = float(m.base_fields["depreciation_msek"])
    checks = [("running cost", running, costs, "operating costs"),
              ("depreciation", depreciation, base_depreciation, "depreciation")]
    if m.approximate:  # SCB net costs hold the capital costs: depreciation is inside the cost lines
        checks = [("running cost and depreciation", running + depreciation, costs, "net costs (SCB, capital costs "
                                                                                   "included)")]
    for label, value, limit, what in checks:
        if value > limit + 1e-9:
            raise ValueError(f"scenario {scenario.source_file}: {where}: the portfolio's {label} {value:.1f} MSEK "
                             f"exceeds {m.label}'s {what} of {limit:.1f} MSEK in the base year {m.base_year}; a "
                             f"portfolio describes properties whose costs are in the baseline (base-year MSEK)")


def compare_scenarios(results: list[ScenarioResult]) -> pd.DataFrame:
    """Scenarios side by side: per scenario and year, the result, balanced-budget result, result share, the
    required tax rate for the scenario's target, and the measures' summed effect in MSEK and öre.

    Returns
    -------
    pandas.DataFrame
        Index (scenario name, item), columns years.
    """
    rows = {}
    for r in results:
        p = r.projection
        rows[(r.scenario.name, "result")] = p.line("result")
        rows[(r.scenario.name, "balanced_budget_result")] = p.line("balanced_budget_result")
        rows[(r.scenario.name, "result_share")] = p.line("result_share")
        rows[(r.scenario.name, f"required_tax_rate_{target_key(r.target)}")] = np.array(
            core.required_tax_rate(p.core, r.target))
        total = r.measure_effects.sum(axis=0).to_numpy(dtype=float) if len(r.measure_effects) else \
            np.zeros(len(p.years))
        rows[(r.scenario.name, "measures_msek")] = total
        rows[(r.scenario.name, "measures_ore")] = r.baseline.tax_rate_equivalent_ore(total)
    frame = pd.DataFrame(rows, index=results[0].baseline.years if results else []).T
    frame.index.names = ["scenario", "item"]
    frame.columns.name = "year"
    return frame
