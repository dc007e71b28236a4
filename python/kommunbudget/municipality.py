"""A municipality's baseline: its base year from an adopted budget, and the assumptions that carry it forward.

:func:`load` builds a :class:`Municipality` from the embedded data. Every figure keeps its source: base-year
figures come from the adopted budget (e.g. Sjöbo's Budget-2024 on finansiellinfo.se); the plan years' growth
rates are *derived* from the municipality's own adopted plan; later years use documented defaults
(:mod:`kommunbudget.defaults`). A :class:`Municipality` is immutable: :meth:`Municipality.with_assumptions`
returns a changed copy, so a scenario never alters its baseline.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from kommunbudget import _core, data, defaults, revenue, service_areas, vintages
from kommunbudget.assumptions import AssumptionSeries, AssumptionSet, Provenance

#: The core's limit on the projection length (Projector: horizon at most base year + 50).
MAX_HORIZON_YEARS = 50


def as_year(name: str, value: object) -> int:
    """``value`` as a calendar year (an int, or a float/str holding a whole number).

    Raises
    ------
    ValueError
        Naming ``name`` and the value, for anything else (booleans included).
    """
    if isinstance(value, bool):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028") from None
    if not number.is_integer():
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    return int(number)

#: Adopted budgets with a plan that the embedded data holds in full: (code, base year) -> document (a substring
#: of the source URL in resultatrakningar_exempel.csv) and a citation.
ADOPTED_BUDGETS: dict[tuple[str, int], tuple[str, str]] = {
    ("1265", 2024): ("Sjobo/Budget-2024",
                     "Sjöbo kommun, Budget 2024 med plan 2025-2027 (finansiellinfo.se/Sjobo/Budget-2024, "
                     "Resultatbudget and Noter)"),
}

#: Base year of the approximate baselines of municipalities without an adopted budget in the data: the year of
#: SCB's net costs by service area (nettokostnad_verksamhet_kommun_2024.csv).
APPROXIMATE_BASE_YEAR = 2024

#: The grant item of an approximate baseline that closes the base year (derived, see :func:`load`).
BALANCING_GRANT_ITEM = "other_items_derived"

#: Items of "generella statsbidrag och utjämning" other than the income equalisation: identifier -> the item in a
#: budget's note (resultatrakningar_exempel.csv, posts utj_*), or None where the embedded notes have no such post.
GRANT_ITEMS: dict[str, str | None] = {
    "cost_equalisation": "utj_kostnadsutjamning",          # kostnadsutjämning
    "lss_equalisation": "utj_lss_utjamning",               # LSS-utjämning
    "regulation_grant": "utj_regleringsbidrag_avgift",     # regleringsbidrag/-avgift
    "structural_grant": None,                              # strukturbidrag
    "property_fee": "utj_kommunal_fastighetsavgift",       # kommunal fastighetsavgift
    "other_general_grants": "utj_ovriga_statsbidrag",      # övriga generella statsbidrag
}
INCOME_EQUALISATION_ITEM = "utj_inkomstutjamning"


def itemised_grants(code: str, year: int, items: Mapping[str, float], citation: str,
                    population: float | None = None) -> tuple[dict, dict[str, Provenance]]:
    """The fields of a core ``BaseYearState`` that itemise general grants, from a budget's note.

    Parameters
    ----------
    code : str
        SCB code (selects the county's equalisation rates).
    year : int
        The budget year.
    items : Mapping[str, float]
        The note's posts (``utj_inkomstutjamning``, ``utj_kostnadsutjamning``, ...), MSEK, signed.
    citation : str
        The note's source, for the provenance.
    population : float, optional
        Inhabitants for the equalisation (1 Nov of the previous year); default the nearest embedded figure,
        31 Dec 2024 (SCB), marked as such.

    Returns
    -------
    (fields, sources)
        ``itemised_grants``, ``equalisation``, ``population``, ``national_tax_capacity_kr``,
        ``income_equalisation_msek``, ``grant_items`` (list of dicts) and the provenance of each.

    Raises
    ------
    ValueError
        If the note lacks the income equalisation, or a growth figure needed for the national capacity.
    """
    if INCOME_EQUALISATION_ITEM not in items:
        raise ValueError(f"{citation}: the note has no income equalisation ({INCOME_EQUALISATION_ITEM}) for {year}")
    info = data.municipalities().set_index("code").loc[code]
    params, param_sources = revenue.equalisation_parameters(str(info["county_code"]))
    national, national_src = revenue.national_tax_capacity_kr(year)
    note = Provenance("data", f"budget note: {citation}")
    if population is None:
        population = float(info["population_2024"])
        pop_src = Provenance("default", f"population 31 Dec 2024 (SCB via Kolada N01951), the nearest embedded "
                                        f"figure to 1 November {year - 1}, which the equalisation uses")
    else:
        pop_src = Provenance("user", "given")
    grant_items = [{"name": name, "amount_msek": float(items[post]) + 0.0 if post in items else 0.0}
                   for name, post in GRANT_ITEMS.items()]
    fields = {
        "itemised_grants": True,
        "equalisation": {name: getattr(params, name) for name in _core.IncomeEqualisation._fields},
        "population": float(population),
        "national_tax_capacity_kr": national,
        "income_equalisation_msek": float(items[INCOME_EQUALISATION_ITEM]),
        "grant_items": grant_items,
    }
    sources = {
        **{f"equalisation.{k}": v for k, v in param_sources.items()},
        "population": pop_src,
        "national_tax_capacity_kr": national_src,
        "income_equalisation_msek": note,
        "grant_items": Provenance("data", f"budget note: {citation}; structural grant not in the note (0)"),
    }
    return fields, sources


@dataclass(frozen=True)
class Municipality:
    """A municipality's baseline: base year, sources and assumptions.

    Attributes
    ----------
    code, name, county : str
        SCB's 4-digit code (text), name and county (län).
    population : int
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

    @property
    def label(self) -> str:
        """'Sjöbo (1265)'."""
        return f"{self.name} ({self.code})"

    @property
    def plan_years(self) -> list[int]:
        """The years after the base year covered by the adopted plan."""
        return sorted(y for y in self.plan if y > self.base_year)

    def base_state(self) -> _core.BaseYearState:
        """A fresh core ``BaseYearState`` for the base year, with each cost line's volume growth left empty
        (the projection fills it from the assumptions)."""
        fields = dict(self.base_fields)
        fields["cost_lines"] = [_core.CostLine(**line) for line in fields["cost_lines"]]
        if "grant_items" in fields:
            fields["grant_items"] = [_core.GrantItem(**item) for item in fields["grant_items"]]
            fields["equalisation"] = _core.IncomeEqualisation(**fields["equalisation"])
        return _core.BaseYearState(**fields)

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
        import pandas as pd

        rows = []
        for name, prov in self.base_sources.items():
            head, _, sub = name.partition(".")
            value = self.base_fields[head][sub] if sub else self.base_fields[name]
            if name == "cost_lines":
                value = "; ".join(f"{line['name']} {line['cost_msek']:.1f}" for line in value)
            elif name == "grant_items":
                value = "; ".join(f"{g['name']} {g['amount_msek']:.1f}" for g in value)
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
            ``name=value``: a number for every projection year and the years after (e.g. ``tax_base_growth=0.03``)
            or a mapping ``{year: value}`` for some years (e.g. ``labour_cost_change={2026: 0.04}``). Names are
            those of :class:`~kommunbudget.assumptions.AssumptionSet`; units as there (growth rates and shares as
            fractions, amounts in MSEK, the rate in kr per 100 kr). ``volume_growth`` alone sets every cost line.

        Raises
        ------
        ValueError
            For an unknown assumption name (the message lists the known ones), a value that is not a finite number,
            a year outside base year + 1 .. base year + 50, or growth of general grants set for a year whose amount
            is given (set ``general_grants_msek`` for that year instead). Ranges are checked by the core when
            projecting.
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

    @staticmethod
    def _checked_value(name: str, value, first: int, last: int):
        def number(v, where: str) -> float:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ValueError(f"{where} = {v!r} is not a number")
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError(f"{where} = {v} is not a finite number")
            return float(v)

        if isinstance(value, Mapping):
            checked = {}
            for year, v in value.items():
                y = as_year(f"{name} year", year)
                if not first <= y <= last:
                    raise ValueError(f"{name}: year {y} is not a projection year; expected {first}-{last} (the base "
                                     f"year {first - 1} holds the adopted budget)")
                checked[y] = number(v, f"{name}[{y}]")
            return checked
        return number(value, name)

    def projector(self, horizon: int) -> _core.Projector:
        """The core projector for base year .. horizon.

        Raises
        ------
        ValueError
            For a horizon before the base year or an assumption missing a year (named in the message).
        """
        horizon = as_year("horizon", horizon)
        if not self.base_year <= horizon <= self.base_year + MAX_HORIZON_YEARS:
            raise ValueError(f"horizon = {horizon} is outside the allowed range [{self.base_year}, "
                             f"{self.base_year + MAX_HORIZON_YEARS}] for {self.label} (base year {self.base_year})")
        first = self.base_year + 1
        base = self.base_state()
        if horizon >= first:
            lines = base.cost_lines
            for line in lines:
                line.volume_growth = self.assumptions.series_to_core(f"volume_growth:{line.name}", first, horizon)
            base.cost_lines = lines
        return _core.Projector(base, self.assumptions.to_core(first, horizon, self.grant_item_names()), horizon)

    def project(self, horizon: int, measures: _core.Measures | None = None):
        """Projects the income statement from the base year to ``horizon``.

        Returns
        -------
        kommunbudget.Projection

        Raises
        ------
        ValueError
            For invalid input (field, year, value and range named).
        """
        from kommunbudget.results import Projection

        horizon = as_year("horizon", horizon)
        projector = self.projector(horizon)
        statement = projector.run(measures if measures is not None else _core.Measures())
        return Projection(self, horizon, statement, measures)


def service_area_lines(code: str, total_cost_msek: float | None = None, total_label: str = ""
                       ) -> tuple[list[dict], Provenance]:
    """Cost lines by service area (verksamhet) for a base year, from SCB's 2024 net costs.

    Parameters
    ----------
    code : str
        SCB's 4-digit code.
    total_cost_msek : float, optional
        The operating costs the lines must sum to (e.g. an adopted budget's gross verksamhetens kostnader, MSEK).
        Each area of :data:`kommunbudget.service_areas.SERVICE_AREAS` gets its SCB net cost and
        ``other_activities`` the rest. Default: SCB's own total of the 32 activity codes (a net-cost baseline).
    total_label : str
        What ``total_cost_msek`` is, for the provenance.

    Returns
    -------
    (lines, provenance)
        ``lines``: dicts ``name``, ``cost_msek`` (MSEK, >= 0), ``labour_share`` (−1: PKV's weight, as no labour
        shares by area are embedded), areas first, ``other_activities`` last.

    Raises
    ------
    ValueError
        If the areas' net costs exceed ``total_cost_msek`` (the message gives both), so no rest is left.
    """
    costs = service_areas.net_costs(code)
    areas = costs[costs["area"] != service_areas.OTHER_ACTIVITIES]
    lines = [{"name": str(r.area), "cost_msek": float(r.net_cost_msek), "labour_share": -1.0}
             for r in areas.itertuples(index=False)]
    named = sum(line["cost_msek"] for line in lines)
    source = "SCB TAB4199 (Räkenskapssammandraget) 2024, nettokostnad_verksamhet_kommun_2024.csv"
    if total_cost_msek is None:
        rest = float(costs.loc[costs["area"] == service_areas.OTHER_ACTIVITIES, "net_cost_msek"].iloc[0])
        prov = Provenance("data", f"net costs by service area, {source}; other_activities = the other activity "
                                  f"codes; labour share PKV's weight for every line (default)")
    else:
        rest = float(total_cost_msek) - named
        if rest < 0:
            raise ValueError(f"cost_lines: the service areas' SCB net costs ({named:.1f} MSEK) exceed "
                             f"{total_label or 'the total'} ({total_cost_msek:.1f} MSEK); expected a total >= them")
        prov = Provenance("derived", f"service areas at SCB's 2024 net cost ({source}; accounts, not the budget); "
                                     f"other_activities = {total_label or 'the total'} {total_cost_msek:.1f} MSEK "
                                     f"minus the areas' {named:.1f} MSEK; labour share PKV's weight (default)")
    lines.append({"name": service_areas.OTHER_ACTIVITIES, "cost_msek": rest, "labour_share": -1.0})
    return lines, prov


def available_baselines() -> list[tuple[str, str, int]]:
    """Municipalities with a full adopted budget in the embedded data: (code, name, base year)."""
    names = data.municipalities().set_index("code")["name"]
    return [(code, names[code], year) for (code, year) in sorted(ADOPTED_BUDGETS)]


def load(municipality: str | int, base_year: int | None = None, vintage=None,
         use_plan_growth: bool = True) -> Municipality:
    """Loads an embedded municipality's baseline.

    With an adopted budget in the data (:func:`available_baselines`: Sjöbo 2024 with plan 2025-2027) the base year
    is that budget, rebuilt line by line, and its costs are split by service area. Any other of the 290
    municipalities gets an **approximate** baseline for :data:`APPROXIMATE_BASE_YEAR` (DESIGN.md section 4): SCB's
    2024 net costs by service area, tax revenue from the rate and SCB's tax base, the income equalisation by the
    formula (uncalibrated), and one derived grant item (:data:`BALANCING_GRANT_ITEM`) that makes the base-year
    result 0, so measures' worth is right but the result level is not known; its ``notes`` say so.

    Parameters
    ----------
    municipality : str or int
        Name (``"Sjöbo"``, ``"sjobo"``) or SCB code (``"1265"``).
    base_year : int, optional
        The base year; default the latest one available for the municipality.
    vintage : str, path or kommunbudget.vintages.Vintage, optional
        The national assumptions (PKV, tax base growth, national tax capacity growth); a packaged name (see
        :func:`kommunbudget.vintages.list_vintages`) or a TOML file; default ``"skr-2025-report"``.
    use_plan_growth : bool
        True (default): in the plan years the tax base growth and the national capacity growth are those implied
        by the municipality's adopted plan, so the plan is reproduced; False: the vintage's.

    Returns
    -------
    Municipality

    Raises
    ------
    ValueError
        For an unknown or ambiguous municipality, or a ``base_year`` that is not available: an adopted budget's
        year, or :data:`APPROXIMATE_BASE_YEAR` for an approximate baseline (the message lists what is available).
    """
    code = data.find_municipality(municipality)
    years = sorted(y for (c, y) in ADOPTED_BUDGETS if c == code)
    info = data.municipalities().set_index("code").loc[code]
    chosen = vintages.get_vintage(vintage)
    if not years:
        if base_year is not None and as_year("base_year", base_year) != APPROXIMATE_BASE_YEAR:
            raise ValueError(f"base_year = {base_year} is not available for {info['name']} ({code}): without an "
                             f"adopted budget in the data the approximate baseline has base year "
                             f"{APPROXIMATE_BASE_YEAR} (SCB's net costs by service area)")
        return _approximate(code, info, chosen)
    base_year = years[-1] if base_year is None else as_year("base_year", base_year)
    if (code, base_year) not in ADOPTED_BUDGETS:
        raise ValueError(f"base_year = {base_year} is not available for {info['name']} ({code}); expected one of "
                         f"{years}")
    return _from_adopted_budget(code, base_year, info, chosen, bool(use_plan_growth))


def _approximate(code: str, info, vintage: vintages.Vintage) -> Municipality:
    """The approximate baseline of a municipality without an adopted budget in the data (DESIGN.md section 4)."""
    year = APPROXIMATE_BASE_YEAR
    table = revenue.municipal_revenue(year).set_index("code")
    row = table.loc[code]
    lines, lines_src = service_area_lines(code)
    costs = sum(line["cost_msek"] for line in lines)
    tax = float(row["tax_revenue_msek"])
    equalisation = float(row["income_equalisation_msek"])
    balancing = costs - tax - equalisation
    rates = _tax_rates(code, info)
    tax_base, tax_base_src = revenue.scb_tax_base_msek(code, year)
    base_fields = {
        "code": code, "name": str(info["name"]), "year": year,
        "tax_rate_kr_per_100kr": float(row["tax_rate"]), "tax_base_msek": tax_base,
        "final_settlement_msek": 0.0, "final_settlement_previous_year_msek": 0.0,
        "operating_income_msek": 0.0, "cost_lines": lines, "depreciation_msek": 0.0,
        "general_grants_msek": equalisation + balancing,
        "financial_income_msek": 0.0, "financial_costs_msek": 0.0, "realisation_gains_msek": 0.0,
        "reserve_use_msek": 0.0, "other_balance_adjustments_msek": 0.0, "depreciation_in_cost_lines": True,
    }
    budget = {"verksamhetens_intakter": 0.0, "verksamhetens_kostnader": -costs, "avskrivningar": 0.0,
              "generella_statsbidrag_och_utjamning": equalisation + balancing, "finansiella_intakter": 0.0,
              "finansiella_kostnader": 0.0, "skatteintakter": tax, INCOME_EQUALISATION_ITEM: equalisation}
    grant_fields, grant_sources = itemised_grants(code, year, budget, "approximate baseline")
    grant_fields["grant_items"] = [{"name": BALANCING_GRANT_ITEM, "amount_msek": balancing}]
    base_fields.update(grant_fields)
    approx = Provenance("derived", f"approximate: {revenue.APPROXIMATE_BASIS}")
    base_sources = {
        "tax_rate_kr_per_100kr": rates[year][1], "tax_base_msek": tax_base_src, "cost_lines": lines_src,
        "operating_income_msek": Provenance("default", "0: the cost lines are SCB net costs (fees and earmarked "
                                                       "grants already deducted)"),
        "depreciation_msek": Provenance("default", "0: inside SCB's net costs by activity (capital costs)"),
        "financial_income_msek": Provenance("default", "0: not in the embedded data for this municipality"),
        "financial_costs_msek": Provenance("default", "0: not in the embedded data for this municipality"),
        **grant_sources,
        "income_equalisation_msek": Provenance("derived", "estimated by the formula, uncalibrated "
                                                          "(kommunbudget.revenue.municipal_revenue)"),
        "grant_items": Provenance("derived", f"{BALANCING_GRANT_ITEM} = SCB net costs {costs:.1f} − tax "
                                             f"{tax:.1f} − income equalisation {equalisation:.1f} MSEK: the other "
                                             f"grant items and every difference between SCB's net costs and the "
                                             f"income statement, so that the base-year result is 0 by "
                                             f"construction"),
        "general_grants_msek": approx,
    }

    def item(y: int, name: str, default: float | None = None) -> float:
        if name in budget:
            return float(budget[name])
        if default is None:
            raise ValueError(f"approximate baseline: item {name!r} is missing for {y}")
        return default

    zero = lambda _y: 0.0  # noqa: E731 - no settlements, reserve use or gains in an approximate baseline
    assumptions = _plan_assumptions(code, year, [], "approximate baseline", rates, item, lambda _y: tax, zero, zero,
                                    zero, vintage, True, [line["name"] for line in lines])
    assumptions = _plan_equalisation(base_fields, assumptions, year, [], item, "approximate baseline", vintage,
                                     False)
    assumptions = _neutral_path(assumptions, year, [line["name"] for line in lines])
    notes = (
        f"APPROXIMATE baseline: {info['name']} has no adopted budget in the embedded data. Base year {year} from SCB: "
        f"net costs by service area (accounts 2024), tax revenue = the {year} rate × SCB's tax base carried to "
        f"{year}, income equalisation estimated by the formula (uncalibrated).",
        f"The base-year result is 0 BY CONSTRUCTION ({BALANCING_GRANT_ITEM} = {balancing:.1f} MSEK closes it), and "
        f"the later years are held near 0 too: the cost lines' volume is set so that costs grow with the tax base, "
        f"and the derived item grows with the tax base. Neither the result's level nor its path is known; use the "
        f"baseline for what measures and tax changes are worth (MSEK, öre), not for whether a target is met. "
        f"Replace it with the municipality's budget when you have it.",
        "Cost lines are SCB net costs (fees, earmarked grants and capital costs inside), so operating income and "
        "depreciation are 0; RS net costs are not the income statement's verksamhetens nettokostnader.",
        service_areas.assistance_note(),
        f"National assumptions: vintage {vintage.label}, {vintage.source_file}.",
    ) + ((revenue.GOTLAND_NOTE,) if code == "0980" else ())
    return Municipality(code=code, name=str(info["name"]), county=str(info["county"]),
                        population=int(info["population_2024"]), base_year=year, base_fields=base_fields,
                        base_sources=base_sources, assumptions=assumptions, plan={}, notes=notes,
                        vintage=vintage.label, uses_plan_growth=False, approximate=True)


def _from_adopted_budget(code: str, base_year: int, info, vintage: vintages.Vintage,
                         use_plan_growth: bool) -> Municipality:
    document, citation = ADOPTED_BUDGETS[(code, base_year)]
    budget = data.adopted_budget(code, document, base_year)
    years = budget["years"]
    plan_years = [y for y in years if y > base_year]
    b = budget[base_year]
    rates = _tax_rates(code, info)
    budget_src = Provenance("data", citation)

    def item(year: int, name: str, default: float | None = None) -> float:
        values = budget[year]
        if name in values:
            return float(values[name])
        if default is None:
            raise ValueError(f"{citation}: item {name!r} is missing for {year}")
        return default

    def settlement(year: int) -> float:
        return sum(float(v) for k, v in budget[year].items() if k.startswith("skatt_slutavrakning"))

    def settlement_previous(year: int) -> float:
        return item(year, "skatt_slutavrakning_aret_innan", 0.0) + 0.0

    def settlement_current(year: int) -> float:
        return settlement(year) - settlement_previous(year) + 0.0

    def preliminary_tax(year: int) -> float:
        return item(year, "skatt_kommunalskatt_preliminar", item(year, "skatteintakter") - settlement(year))

    def reserve_use(year: int) -> float:
        # + withdrawal (medel från RUR), − allocation (reservering, printed negative in the budget)
        return (item(year, "medel_fran_resultatutjamningsreserv", 0.0)
                + item(year, "reservering_till_resultatutjamningsreserv", 0.0))

    base_rate, base_rate_src = rates[base_year]
    tax_base = _core.implied_tax_base_msek(preliminary_tax(base_year) + settlement(base_year), base_rate,
                                           settlement(base_year), base_year)
    gains = _negate(item(base_year, "balanskrav_avgar_realisationsvinster", 0.0))
    lines, lines_src = service_area_lines(code, _negate(item(base_year, "verksamhetens_kostnader")),
                                          f"the budget's operating costs ({citation})")
    base_fields = {
        "code": code,
        "name": str(info["name"]),
        "year": base_year,
        "tax_rate_kr_per_100kr": base_rate,
        "tax_base_msek": tax_base,
        "final_settlement_msek": settlement_current(base_year),
        "final_settlement_previous_year_msek": settlement_previous(base_year),
        "operating_income_msek": item(base_year, "verksamhetens_intakter"),
        "cost_lines": lines,
        "depreciation_msek": _negate(item(base_year, "avskrivningar")),
        "general_grants_msek": item(base_year, "generella_statsbidrag_och_utjamning"),
        "financial_income_msek": item(base_year, "finansiella_intakter"),
        "financial_costs_msek": _negate(item(base_year, "finansiella_kostnader")),
        "realisation_gains_msek": gains,
        "reserve_use_msek": reserve_use(base_year),
        "other_balance_adjustments_msek": item(base_year, "balanskrav_orealiserade_vinster_forluster_vardepapper",
                                               0.0),
    }
    grant_fields, grant_sources = itemised_grants(code, base_year, budget[base_year], citation)
    base_fields.update(grant_fields)
    base_sources = {name: budget_src for name in base_fields
                    if name not in ("code", "name", "year", "itemised_grants", "equalisation")}
    base_sources.update(grant_sources)
    base_sources["tax_rate_kr_per_100kr"] = base_rate_src
    base_sources["tax_base_msek"] = Provenance(
        "derived", f"implied by the budget: preliminary tax revenue {preliminary_tax(base_year):.1f} MSEK / "
        f"({base_rate:.2f} / 100) ({citation})")
    base_sources["cost_lines"] = lines_src

    assumptions = _plan_assumptions(code, base_year, plan_years, citation, rates, item, preliminary_tax,
                                    settlement_current, settlement_previous, reserve_use, vintage, use_plan_growth,
                                    [line["name"] for line in base_fields["cost_lines"]])
    assumptions = _plan_equalisation(base_fields, assumptions, base_year, plan_years, item, citation, vintage,
                                     use_plan_growth)
    plan = {y: dict(budget[y]) for y in years}
    notes = (
        f"Base year {base_year}: {citation}.",
        "Operating costs by service area: each area at SCB's 2024 net cost (accounts, activity codes), the rest of "
        "the budget's gross operating costs on other_activities (which thus also holds the areas' gross-up for "
        "fees and earmarked grants); every line moves with PKV's labour weight (no labour shares by area are "
        "embedded), so the plan is reproduced.",
        service_areas.assistance_note(),
        f"Plan years {plan_years[0]}-{plan_years[-1]}: tax base growth, operating income growth and cost volume "
        "are derived from the adopted plan, so the projection reproduces it under the PKV assumption; later years "
        "use documented defaults." if plan_years else "No plan years in the embedded budget.",
        "General grants are itemised: the income equalisation follows the formula (guarantee 115 % of the national "
        "tax capacity, county rate), calibrated to the budget's figure in the base year; the plan's equalisation "
        "is reproduced through the national capacity growth it implies; the other items are the plan's amounts, "
        "then held.",
        "The equalisation uses the population on 1 November of the previous year; the embedded data has only 31 "
        "December 2024, used for every year (held flat after it).",
    )
    notes = notes + _newer_documents(code, document, base_year) + (
        f"National assumptions: vintage {vintage.label}, {vintage.source_file}"
                     + ("" if use_plan_growth else "; used in the plan years too (the plan's own tax base and "
                        "national growth are not)") + ".",)
    return Municipality(code=code, name=str(info["name"]), county=str(info["county"]),
                        population=int(info["population_2024"]), base_year=base_year, base_fields=base_fields,
                        base_sources=base_sources, assumptions=assumptions, plan=plan, notes=notes,
                        vintage=vintage.label, uses_plan_growth=use_plan_growth)


def _tax_rates(code: str, info) -> dict[int, tuple[float, Provenance]]:
    table = data.tax_rates()
    rows = table[table["code"] == code]
    out = {}
    for _, row in rows.iterrows():
        basis = row["municipal_rate_basis"]
        kind = "data" if basis in ("published", "corrected") else "derived"
        out[int(row["year"])] = (float(row["municipal_rate"]),
                                 Provenance(kind, f"{row['source']} ({basis})"))
    return out


def _plan_assumptions(code, base_year, plan_years, citation, rates, item, preliminary_tax, settlement,
                      settlement_previous, reserve_use, vintage: vintages.Vintage,
                      use_plan_growth: bool, line_names: list[str]) -> AssumptionSet:
    series: dict[str, AssumptionSeries] = {}
    plan_src = Provenance("data", f"adopted plan: {citation}")

    # National assumptions from the vintage: PKV components and weight.
    for name in ("labour_cost_change", "other_cost_change", "labour_weight"):
        series[name] = vintage.series[name]

    # Own tax rate: published rates, then held.
    rate_years = sorted(y for y in rates if y > base_year)
    last_rate = rates[max(rates)][0]
    series["tax_rate_kr_per_100kr"] = AssumptionSeries(
        "tax_rate_kr_per_100kr", "kr per 100 kr", {y: rates[y][0] for y in rate_years},
        {y: rates[y][1] for y in rate_years}, last_rate,
        Provenance("default", f"{defaults.TAX_RATE_HELD} ({last_rate:.2f} from {max(rates)})"))

    def rate_for(year: int) -> float:
        return series["tax_rate_kr_per_100kr"].get(year)[0]

    # Growth rates implied by the plan: tax base (tax revenue at the plan year's rate), operating income, volume.
    derived = Provenance("derived", f"implied by the adopted plan ({citation})")
    tax_base = {base_year: _core.implied_tax_base_msek(preliminary_tax(base_year), rates[base_year][0])}
    growth_tb, growth_income, volume = {}, {}, {}
    price = _core.PriceIndex()
    price.labour_cost_change = series["labour_cost_change"].to_core(base_year + 1, max(plan_years, default=base_year))
    price.other_cost_change = series["other_cost_change"].to_core(base_year + 1, max(plan_years, default=base_year))
    price.labour_weight = series["labour_weight"].to_core(base_year + 1, max(plan_years, default=base_year))
    previous = base_year
    for year in plan_years:
        tax_base[year] = _core.implied_tax_base_msek(preliminary_tax(year), rate_for(year), 0.0, year)
        growth_tb[year] = tax_base[year] / tax_base[previous] - 1.0
        growth_income[year] = item(year, "verksamhetens_intakter") / item(previous, "verksamhetens_intakter") - 1.0
        cost_ratio = item(year, "verksamhetens_kostnader") / item(previous, "verksamhetens_kostnader")
        volume[year] = cost_ratio / (1.0 + price.pkv(year)) - 1.0
        previous = year
    series["tax_base_growth"] = vintage.series["tax_base_growth"]
    if use_plan_growth and growth_tb:
        series["tax_base_growth"] = series["tax_base_growth"].with_values(growth_tb, Provenance(
            "derived", f"implied by the adopted plan's tax revenue at the year's rate ({citation})"))
    series["operating_income_growth"] = AssumptionSeries(
        "operating_income_growth", "fraction per year", growth_income, {y: derived for y in growth_income},
        defaults.PKV_CHANGE.value,
        Provenance("default", "fees, rents and earmarked grants follow prices: " + defaults.PKV_CHANGE.basis))
    last_volume = volume[plan_years[-1]] if plan_years else 0.0
    tail_src = (Provenance("derived", f"the volume growth implied by the plan's last year ({plan_years[-1]}) "
                                      f"continued") if plan_years else
                Provenance("default", "no volume growth: no demographic or activity forecast is embedded"))
    for line in line_names:
        series[f"volume_growth:{line}"] = AssumptionSeries(
            f"volume_growth:{line}", "fraction per year", volume, {y: Provenance(
                "derived", f"implied by the adopted plan's operating costs after PKV ({citation})") for y in volume},
            last_volume, tail_src)

    # Amounts given by the plan, then a rule.
    grants = {y: item(y, "generella_statsbidrag_och_utjamning") for y in plan_years}
    last_grants_year = plan_years[-1] if plan_years else base_year
    series["general_grants_msek"] = AssumptionSeries("general_grants_msek", "MSEK", grants,
                                                     {y: plan_src for y in grants})
    series["general_grants_growth"] = AssumptionSeries(
        "general_grants_growth", "fraction per year", tail_follows="tax_base_growth", tail_from=last_grants_year + 1,
        tail_provenance=Provenance("default", f"after the plan ({last_grants_year}) general grants grow with the "
                                              "tax_base_growth assumption: income equalisation, most of the item, "
                                              "follows the tax base (the equalisation formula is not yet "
                                              "modelled)"))
    for name, key, sign in (("depreciation_msek", "avskrivningar", -1.0),
                            ("financial_income_msek", "finansiella_intakter", 1.0),
                            ("financial_costs_msek", "finansiella_kostnader", -1.0)):
        values = {y: sign * item(y, key) + 0.0 for y in plan_years}
        last = sign * item(last_grants_year, key) + 0.0
        series[name] = AssumptionSeries(name, "MSEK", values, {y: plan_src for y in values}, last,
                                        Provenance("default", f"held at the plan's last year ({last_grants_year}) "
                                                              f"level: no plan beyond it" if plan_years else
                                                   "held at the base-year level: no plan in the data"))
    zero_rule = Provenance("default", "none planned after the adopted plan" if plan_years else
                           "none: no plan in the data")
    series["final_settlement_msek"] = AssumptionSeries(
        "final_settlement_msek", "MSEK", {y: settlement(y) for y in plan_years}, {y: plan_src for y in plan_years},
        0.0, zero_rule)
    series["final_settlement_previous_year_msek"] = AssumptionSeries(
        "final_settlement_previous_year_msek", "MSEK", {y: settlement_previous(y) for y in plan_years},
        {y: plan_src for y in plan_years}, 0.0, zero_rule)
    series["realisation_gains_msek"] = AssumptionSeries(
        "realisation_gains_msek", "MSEK", {y: _negate(item(y, "balanskrav_avgar_realisationsvinster", 0.0))
                                           for y in plan_years}, {y: plan_src for y in plan_years}, 0.0, zero_rule)
    series["reserve_use_msek"] = AssumptionSeries(
        "reserve_use_msek", "MSEK", {y: reserve_use(y) for y in plan_years},
        {y: plan_src for y in plan_years}, 0.0, zero_rule)
    return AssumptionSet(name=f"{code}-budget-{base_year}+defaults",
                         description=f"{citation}; documented defaults (kommunbudget.defaults) after the plan",
                         series=series)


def _negate(value: float) -> float:
    """−value, without producing −0.0 (the budget prints costs negative; the core takes them positive)."""
    return 0.0 - value


def _plan_equalisation(base_fields: dict, assumptions: AssumptionSet, base_year: int, plan_years: list[int],
                       item, citation: str, vintage: vintages.Vintage, use_plan_growth: bool) -> AssumptionSet:
    """Adds the itemised-grant series: population, national capacity growth (implied by the plan's income
    equalisation for the plan years, then following the tax base growth), and each grant item's amounts (the
    plan's) and growth (held after the plan)."""
    series = dict(assumptions.series)
    plan_src = Provenance("data", f"adopted plan: {citation}")
    population = float(base_fields["population"])
    series["population"] = AssumptionSeries(
        "population", "inhabitants", tail_value=population,
        tail_provenance=Provenance("default", f"held at {population:,.0f} (31 Dec 2024): no population forecast in "
                                              f"the data"))
    for name in [g["name"] for g in base_fields["grant_items"]]:
        post = GRANT_ITEMS.get(name)
        amounts = {y: item(y, post, 0.0) + 0.0 for y in plan_years} if post else {}
        series[f"grant_amount:{name}"] = AssumptionSeries(f"grant_amount:{name}", "MSEK", amounts,
                                                          {y: plan_src for y in amounts})
        series[f"grant_growth:{name}"] = AssumptionSeries(
            f"grant_growth:{name}", "fraction per year", tail_value=0.0,
            tail_from=(plan_years[-1] + 1) if plan_years and amounts else None,
            tail_provenance=Provenance("default", ("held at the plan's last amount" if plan_years else
                                                   "held at the base-year amount") + ": no rule in the data"))
    # National capacity growth: first a placeholder, to let the core compute the own capacity path (which does not
    # depend on it); then the growth at which the formula reproduces the plan's income equalisation.
    series["national_tax_capacity_growth"] = vintage.resolved("national_tax_capacity_growth")
    provisional = AssumptionSet(assumptions.name, assumptions.description, series)
    if plan_years and use_plan_growth:
        fields = dict(base_fields)
        fields["cost_lines"] = [_core.CostLine(**line) for line in fields["cost_lines"]]
        fields["grant_items"] = [_core.GrantItem(**g) for g in fields["grant_items"]]
        fields["equalisation"] = _core.IncomeEqualisation(**fields["equalisation"])
        base = _core.BaseYearState(**fields)
        last = plan_years[-1]
        lines = base.cost_lines
        for line in lines:
            line.volume_growth = provisional.series_to_core(f"volume_growth:{line.name}", base_year + 1, last)
        base.cost_lines = lines
        names = [g["name"] for g in base_fields["grant_items"]]
        statement = _core.Projector(base, provisional.to_core(base_year + 1, last, names), last).run()
        growth, previous = {}, float(base_fields["national_tax_capacity_kr"])
        for k, year in enumerate(statement.years[1:], start=1):
            national = _core.implied_national_tax_capacity_kr(
                base.equalisation, item(year, INCOME_EQUALISATION_ITEM), float(statement.own_tax_capacity[k]),
                float(statement.population[k]))
            growth[year] = national / previous - 1.0
            previous = national
        derived = Provenance("derived", f"the national capacity growth at which the formula reproduces the adopted "
                                        f"plan's income equalisation ({citation})")
        series["national_tax_capacity_growth"] = series["national_tax_capacity_growth"].with_values(growth, derived)
    del series["general_grants_msek"], series["general_grants_growth"]
    return AssumptionSet(f"{assumptions.name}+{vintage.name}",
                         f"{assumptions.description}; national assumptions: vintage {vintage.label}", series)


def _neutral_path(assumptions: AssumptionSet, base_year: int, line_names: list[str]) -> AssumptionSet:
    """An approximate baseline's path after the base year: each cost line's volume such that its cost grows with the
    tax base, (1 + tax base growth) / (1 + PKV) − 1 (every line has PKV's weight), and the derived grant item growing
    with the tax base; so the result stays near the base year's 0 and only the measures move it."""
    series = dict(assumptions.series)
    years = range(base_year + 1, base_year + MAX_HORIZON_YEARS + 1)
    volume = {}
    for year in years:
        pkv = _core.pkv_change(assumptions.get("labour_cost_change", year)[0],
                               assumptions.get("other_cost_change", year)[0], assumptions.get("labour_weight", year)[0])
        volume[year] = (1 + assumptions.get("tax_base_growth", year)[0]) / (1 + pkv) - 1
    neutral = Provenance("derived", "approximate baseline: the volume at which costs grow with the tax base "
                                    "((1 + tax base growth) / (1 + PKV) − 1), so the result stays near 0")
    for line in line_names:
        name = f"volume_growth:{line}"
        series[name] = AssumptionSeries(name, "fraction per year", volume, {y: neutral for y in volume},
                                        volume[years[-1]], neutral)
    name = f"grant_growth:{BALANCING_GRANT_ITEM}"
    series[name] = AssumptionSeries(name, "fraction per year", tail_follows="tax_base_growth",
                                    tail_provenance=Provenance("derived", "approximate baseline: the derived item "
                                                                          "grows with the tax base"))
    return AssumptionSet(assumptions.name, assumptions.description, series)


def _newer_documents(code: str, used: str, base_year: int) -> tuple[str, ...]:
    """Notes on later documents of the same municipality that revise the plan years (e.g. Sjöbo's Budget-2025,
    whose notes revise tax revenue and grants), with the differences computed from the embedded figures."""
    rows = data.budget_statement(code)
    rows = rows[~rows["source"].str.contains(used, regex=False) & (rows["year"] > base_year)]
    used_rows = data.budget_statement(code, used)
    notes = []
    for source, group in rows.groupby("source"):
        diffs = []
        for item, label in (("skatteintakter", "tax revenue"), ("utj_inkomstutjamning", "income equalisation"),
                            ("generella_statsbidrag_och_utjamning", "general grants")):
            for _, r in group[group["item"] == item].sort_values("year").iterrows():
                old = used_rows[(used_rows["item"] == item) & (used_rows["year"] == r["year"])]
                if len(old) and abs(float(old["amount_msek"].iloc[0]) - float(r["amount_msek"])) > 0.05:
                    diffs.append(f"{label} {int(r['year'])} {float(r['amount_msek']):.1f} (here "
                                 f"{float(old['amount_msek'].iloc[0]):.1f})")
        if diffs:
            notes.append(f"A later document revises the plan years used here: {source} gives " + "; ".join(diffs)
                         + ". It holds notes only (no full statement), so the baseline keeps the adopted budget "
                           "above; use --set / with_assumptions to test the revision.")
    return tuple(notes)
