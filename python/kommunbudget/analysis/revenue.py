"""Revenue analysed: an approximate base-year revenue baseline for all 290 municipalities (tax base, what 1 öre is
worth, capacity index, the estimated income equalisation), and one municipality's revenue explained year by year
(calibrated where an adopted budget is embedded, approximate otherwise) with the marginal effects: 1 öre on the rate
is kept in full, an added krona of own tax base is largely equalised away (``docs/model.md`` §3-4).

Numbers, not text: the words are the report layer's (:mod:`kommunbudget.report.revenue_text`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from kommunbudget.analysis.options import REVENUE_SORTS
from kommunbudget.baselines.load import load
from kommunbudget.baselines.registry import ADOPTED_BUDGETS
from kommunbudget.baselines.revenue_inputs import (
    APPROXIMATE_BASIS,
    GOTLAND_NOTE,
    SCB_INCOME_YEAR,
    approximate_revenue,
    carry_by_latest_estimates,
    check_approximate_year,
    equalisation_parameters,
    last_derivable_year,
    national_tax_capacity_kr,
    scb_capacity_index,
    scb_tax_base_msek,
)
from kommunbudget.data.municipalities import all_codes, find_municipality, info
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance
from kommunbudget.model.lines import GRANT_ITEM_LABELS, REVENUE_LINES
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.years import as_year

#: Units of the columns of :func:`municipal_revenue` (text columns: ``"text"``).
MUNICIPAL_REVENUE_UNITS: dict[str, str] = {
    "code": "text",
    "name": "text",
    "county_code": "text",
    "county": "text",
    "population": "inhabitants",
    "tax_rate": "kr per 100 kr",
    "tax_rate_basis": "text",
    "tax_base_msek": "MSEK",
    "one_ore_msek": "MSEK",
    "one_ore_kr_per_inhabitant": "kr per inhabitant",
    "tax_revenue_msek": "MSEK",
    "own_tax_capacity_kr": "kr per inhabitant",
    "national_tax_capacity_kr": "kr per inhabitant",
    "capacity_index": "index (national = 100)",
    "grant_rate": "kr per 100 kr",
    "fee_rate": "kr per 100 kr",
    "fee_rate_basis": "text",
    "income_equalisation_msek": "MSEK",
    "income_equalisation_kr_per_inhabitant": "kr per inhabitant",
    "equalisation_change_per_krona": "fraction",
    "kept_per_krona": "fraction",
    "basis": "text",
}


def one_ore_msek(tax_base_msek: float) -> float:
    """What 1 öre on the rate (0.01 kr per 100 kr) raises on a tax base, MSEK: the core's ``one_ore_msek``, tax base
    (MSEK) / 10 000, the amount that the core's :func:`kommunbudget.tax_rate_equivalent_ore` counts as one öre
    against ``tax_base_msek`` (``docs/model.md`` §10).

    Raises
    ------
    ValueError
        For a tax base that is not positive (the core's InputError).
    """
    return core.one_ore_msek(float(tax_base_msek))


@functools.cache
def _municipal_revenue(base_year: int) -> pd.DataFrame:
    check_approximate_year(base_year)
    rows = [approximate_revenue(code, base_year) for code in all_codes()]
    return pd.DataFrame(rows, columns=list(MUNICIPAL_REVENUE_UNITS))


def municipal_revenue(base_year: int = 2024) -> pd.DataFrame:
    """A base-year revenue baseline for all 290 municipalities: tax base, what 1 öre is worth, tax revenue, tax
    capacity against the national average, and the estimated income equalisation. **Derived and approximate**
    (column ``basis``).

    Parameters
    ----------
    base_year : int
        The budget year (2024 or 2025 with today's data: own rates are embedded for 2024-2026, but the growth
        that carries SCB's tax capacities ends with income year :func:`last_derivable_year`).

    Returns
    -------
    pandas.DataFrame
        One row per municipality, sorted by code; columns and units in :data:`MUNICIPAL_REVENUE_UNITS` (also in
        ``attrs["units"]``):

        * ``code``, ``name``, ``county_code``, ``county``; ``population`` (31 Dec 2024, SCB);
        * ``tax_rate``: the own municipal rate of ``base_year`` (:func:`kommunbudget.data.tax_rates`; 2024 is
          derived, see ``tax_rate_basis``);
        * ``tax_base_msek``: :func:`scb_tax_base_msek` (SCB's skattekraft 2023 × population 31 Dec 2021, carried
          to ``base_year``);
        * ``one_ore_msek``: what 1 öre on the rate raises (:func:`one_ore_msek`, the core's definition of the öre
          equivalent: tax base / 10 000), and ``one_ore_kr_per_inhabitant``;
        * ``tax_revenue_msek``: the rate in öre × ``one_ore_msek`` (= rate / 100 × tax base; no final
          settlements);
        * ``own_tax_capacity_kr`` (SCB 2023 index × national), ``national_tax_capacity_kr``
          (:func:`national_tax_capacity_kr`) and ``capacity_index`` (own / national × 100);
        * ``grant_rate``, ``fee_rate`` and ``fee_rate_basis`` (``data``, or ``default`` where approximated) of the
          county (:func:`equalisation_parameters`);
        * ``income_equalisation_msek`` (+ grant, − fee) and per inhabitant: the core's formula
          (``core.income_equalisation_msek``), **uncalibrated**;
        * ``equalisation_change_per_krona`` (the core's ``equalisation_change_per_krona``, <= 0) and
          ``kept_per_krona`` (rate / 100 + that change): what the municipality keeps of an added krona of own tax
          base;
        * ``basis``: :data:`APPROXIMATE_BASIS`.

        ``attrs`` holds ``units``, ``base_year`` and ``sources`` (text per derived figure).

    Raises
    ------
    ValueError
        For a base year without own rates or without the growth figures to carry the tax base (the message
        names the year).
    """
    base_year = as_year("base_year", base_year)
    frame = _municipal_revenue(base_year).copy()
    _, national_src = national_tax_capacity_kr(base_year)
    _, growth_basis = carry_by_latest_estimates(1.0, SCB_INCOME_YEAR, base_year)
    frame.attrs = {
        "units": dict(MUNICIPAL_REVENUE_UNITS),
        "base_year": base_year,
        "sources": {
            "tax_base_msek": f"approximate: SCB skattekraft 2023 x population 31 Dec 2021 "
                             f"(skatteunderlag_kommun.csv), uprated to {base_year}: {growth_basis}",
            "national_tax_capacity_kr": national_src.source,
            "population": "31 Dec 2024 (SCB via Kolada N01951); the equalisation uses 1 November of the year before",
            "tax_rate": ("kommunbudget.data.municipalities.tax_rates() (2024: derived by the data curator; 2025-2026 "
                         "published)"),
            "equalisation": "the core's formula with guarantee 115 %, compensation degree 1 on the county rate and the "
                            "county rates (fee rates approximated outside Stockholm and Uppsala); not calibrated",
        },
    }
    return frame


_SWEDISH_LETTERS = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "é": "e", "ü": "y"})


def _swedish_key(name: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z)."""
    return name.lower().translate(_SWEDISH_LETTERS)


def sort_revenue_table(frame: pd.DataFrame, sort: str = "code", ascending: bool | None = None) -> pd.DataFrame:
    """Rows of :func:`municipal_revenue` or :func:`one_ore_table` sorted.

    Parameters
    ----------
    sort : {"code", "name", "ore", "index"}
        SCB code; name in Swedish alphabetical order (å, ä, ö last); what 1 öre raises (MSEK); the capacity
        index.
    ascending : bool, optional
        Default ascending for code and name, descending (largest first) for ore and index.

    Raises
    ------
    ValueError
        For another sort key (the message lists the accepted ones).
    """
    if sort not in REVENUE_SORTS:
        raise ValueError(f"sort = {sort!r}; expected one of: {', '.join(REVENUE_SORTS)}")
    column, default = REVENUE_SORTS[sort]
    ascending = default if ascending is None else bool(ascending)
    key = (lambda s: s.map(_swedish_key)) if column == "name" else None
    out = frame.sort_values([column, "code"] if column != "code" else ["code"], ascending=[ascending, True]
                            if column != "code" else [ascending], key=key, kind="stable")
    out = out.reset_index(drop=True)
    out.attrs = dict(frame.attrs)
    return out


def one_ore_table(base_year: int = 2024, sort: str = "ore", ascending: bool | None = None) -> pd.DataFrame:
    """What 1 öre on the rate is worth in every municipality in ``base_year``: MSEK and kr per inhabitant, with the
    tax base, rate and capacity index they rest on (derived and approximate, as :func:`municipal_revenue`).

    Parameters
    ----------
    base_year : int
        As in :func:`municipal_revenue`.
    sort, ascending
        As in :func:`sort_revenue_table` (default: largest öre value first).

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``name``, ``county``, ``population``, ``tax_rate``, ``tax_base_msek``,
        ``one_ore_msek``, ``one_ore_kr_per_inhabitant``, ``tax_revenue_msek``, ``capacity_index``; units in
        ``attrs["units"]``.

    Raises
    ------
    ValueError
        For an unavailable base year or an unknown sort key.
    """
    frame = municipal_revenue(base_year)
    columns = ["code", "name", "county", "population", "tax_rate", "tax_base_msek", "one_ore_msek",
               "one_ore_kr_per_inhabitant", "tax_revenue_msek", "capacity_index"]
    out = frame[columns].copy()
    out.attrs = dict(frame.attrs)
    out.attrs["units"] = {c: MUNICIPAL_REVENUE_UNITS[c] for c in columns}
    return sort_revenue_table(out, sort, ascending)


#: Rows of :attr:`RevenueExplanation.marginal`: (identifier, English text, unit).
MARGINAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("one_ore_msek", "1 öre on the rate raises", "MSEK"),
    ("one_ore_kr_per_inhabitant", "1 öre on the rate, per inhabitant", "kr per inhabitant"),
    ("rate_rise_equalisation_change_msek", "Change of the income equalisation from 1 öre on the rate", "MSEK"),
    ("tax_per_krona", "Tax from an added krona of own tax base", "fraction"),
    ("equalisation_change_per_krona", "Change of the income equalisation per added krona", "fraction"),
    ("kept_per_krona", "Kept of an added krona of own tax base", "fraction"),
)

#: Rows of the approximate revenue bridge (identifiers as in kommunbudget.REVENUE_LINES).
_APPROXIMATE_BRIDGE = (
    ("tax_revenue", "tax_revenue_msek"),
    ("income_equalisation", "income_equalisation_msek"),
    ("tax_base", "tax_base_msek"),
    ("tax_rate", "tax_rate"),
    ("own_tax_capacity", "own_tax_capacity_kr"),
    ("national_tax_capacity", "national_tax_capacity_kr"),
    ("population", "population"),
    ("equalisation_change_per_krona", "equalisation_change_per_krona"),
    ("kept_per_krona", "kept_per_krona"),
)


@dataclass
class RevenueExplanation:
    """Where a municipality's tax revenue and income equalisation come from, and what a tax rise or a growth of the
    own tax base brings in and keeps, year by year.

    Attributes
    ----------
    code, name, county : str
        The municipality.
    population : int
        Inhabitants on ``population_date`` (SCB's 31 Dec 2024, or a budget's own figure).
    base_year, horizon : int
        First and last year.
    calibrated : bool
        True: the figures come from the municipality's projection calibrated to its adopted budget
        (:meth:`kommunbudget.Projection.revenue`); False: from the approximate SCB-derived row of
        :func:`municipal_revenue` for each year (nothing calibrated).
    bridge : pandas.DataFrame
        Rows by identifier (those of :data:`kommunbudget.REVENUE_LINES`; grant items as ``grant:<name>``), one
        column per year; units in ``attrs["units"]``. The approximate bridge has only the tax revenue, the
        estimated income equalisation and the equalisation's figures.
    marginal : pandas.DataFrame
        Rows of :data:`MARGINAL_ROWS`, one column per year: 1 öre on the rate (MSEK, kr per inhabitant, and the
        change it makes to the equalisation: 0 by the rule), and per added krona of own tax base the tax
        (own rate / 100), the change of the equalisation (core, <= 0) and what is kept (core).
    year_status : dict[int, str]
        ``budget``/``plan``/``projection`` (calibrated) or ``approximate``.
    equalisation : dict[str, float]
        The parameters used: guarantee_share, compensation_degree, grant_rate_kr_per_100kr,
        fee_rate_kr_per_100kr.
    tax_base_check : dict or None
        Calibrated only: the base year's tax base implied by the budget against the one derived from SCB
        (``budget_tax_base_msek``, ``scb_tax_base_msek``, ``difference_percent``), and the own tax capacity
        implied by the budgeted equalisation against SCB's (``implied_own_tax_capacity_kr``,
        ``scb_own_tax_capacity_kr``, ``capacity_difference_percent``); differences are SCB-derived relative to
        the budget's figure.
    basis : str
        What the figures rest on, and which are derived or approximate.
    sources : dict[str, Provenance]
        Provenance of the main figures.
    notes : tuple[str, ...]
        What a reader must know.
    """

    code: str
    name: str
    county: str
    population: int
    base_year: int
    horizon: int
    calibrated: bool
    bridge: pd.DataFrame
    marginal: pd.DataFrame
    year_status: dict[int, str]
    equalisation: dict[str, float]
    tax_base_check: dict[str, float] | None
    basis: str
    sources: dict[str, Provenance] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    population_date: str = "31 Dec 2024"

    @property
    def label(self) -> str:
        """'Sjöbo (1265)'."""
        return f"{self.name} ({self.code})"

    @property
    def years(self) -> list[int]:
        """base year .. horizon."""
        return [int(y) for y in self.bridge.columns]

    def labels(self, language: str = "en") -> dict[str, str]:
        """Row identifier -> label of the bridge in ``language`` ("en", "sv" or "id")."""
        index = {"id": 0, "sv": 1, "en": 2}
        if language not in index:
            raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
        specs = {spec[0]: spec for spec in REVENUE_LINES}
        out = {}
        for ident in self.bridge.index:
            if ident.startswith("grant:"):
                name = ident.split(":", 1)[1]
                sv, en = GRANT_ITEM_LABELS.get(name, (name, name))
                out[ident] = {"id": ident, "sv": sv, "en": en}[language]
            else:
                out[ident] = specs[ident][index[language]]
        return out


def _marginal(years: list[int], tax_base, tax_rate, population, change, kept) -> pd.DataFrame:
    tax_base, tax_rate, population, change, kept = (list(x) for x in (tax_base, tax_rate, population, change, kept))
    rows: dict[str, list[float]] = {ident: [] for ident, _text, _unit in MARGINAL_ROWS}
    for k in range(len(years)):
        ore = one_ore_msek(float(tax_base[k]))
        rows["one_ore_msek"].append(ore)
        rows["one_ore_kr_per_inhabitant"].append(ore * 1e6 / float(population[k]))
        # The equalisation's inputs (own capacity, national capacity, population, county rate) do not include the
        # own rate (lag 2004:773; RULES.md §2): a rate change leaves it unchanged.
        rows["rate_rise_equalisation_change_msek"].append(0.0)
        rows["tax_per_krona"].append(float(tax_rate[k]) / 100.0)
        rows["equalisation_change_per_krona"].append(float(change[k]))
        rows["kept_per_krona"].append(float(kept[k]))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=years, dtype=float)
    frame.index.name = "effect"
    frame.columns.name = "year"
    frame.attrs["units"] = {ident: unit for ident, _text, unit in MARGINAL_ROWS}
    return frame


def explain_revenue(municipality: str | int | Municipality, base_year: int | None = None,
                    horizon: int | None = None) -> RevenueExplanation:
    """Where a municipality's revenue comes from and what 1 öre on the rate or an added krona of own tax base is
    worth, year by year.

    For a municipality with a full baseline for ``base_year`` (:func:`kommunbudget.load` works, e.g. Sjöbo 2024)
    the figures come from its calibrated projection (:meth:`kommunbudget.Projection.revenue`), and the tax base
    implied by its budget is checked against the one derived from SCB. For any other municipality (or base year)
    they come from the approximate SCB-derived row of :func:`municipal_revenue` for each year: derived, not
    calibrated, and marked so.

    Parameters
    ----------
    municipality : str, int or Municipality
        Name or SCB code; or a baseline built from a budget (e.g. :func:`kommunbudget.read_budget`), whose
        figures are then explained (calibrated to that budget).
    base_year : int, optional
        Default the latest adopted budget, else 2024 (for a Municipality: its base year, the only one allowed).
    horizon : int, optional
        Last year; default base year + 4 with a baseline, else the same capped at :func:`last_derivable_year`.

    Raises
    ------
    ValueError
        For an unknown municipality, a horizon before the base year, or years the embedded data cannot reach
        (the message names them).
    """
    if isinstance(municipality, Municipality):
        return _explain_baseline(municipality, base_year, horizon)
    code = find_municipality(municipality)
    record = info(code)
    budgets = sorted(y for (c, y) in ADOPTED_BUDGETS if c == code)
    if base_year is None:
        base_year = budgets[-1] if budgets else 2024
    base_year = as_year("base_year", base_year)
    if horizon is not None:
        horizon = as_year("horizon", horizon)
        if horizon < base_year:
            raise ValueError(f"horizon = {horizon} is before base_year = {base_year}")
    if base_year in budgets:
        m = load(code, base_year)
        if m.base_fields.get("itemised_grants"):
            return _explain_calibrated(m, m.base_year + 4 if horizon is None else horizon)
    note = (f"{record.name} has an adopted budget for {', '.join(map(str, budgets))} only; {base_year} is derived "
            f"from SCB." if budgets else None)
    return _explain_approximate(code, record, base_year, horizon, note)


def _explain_baseline(m: Municipality, base_year: int | None, horizon: int | None) -> RevenueExplanation:
    """:func:`explain_revenue` of a baseline given as a Municipality (with itemised grants)."""
    if base_year is not None and as_year("base_year", base_year) != m.base_year:
        raise ValueError(f"base_year = {base_year}: the baseline of {m.label} has base year {m.base_year}")
    if not m.base_fields.get("itemised_grants"):
        raise ValueError(f"{m.label}: the baseline does not itemise general grants, so its revenue cannot be "
                         f"explained by the equalisation formula")
    if horizon is not None and as_year("horizon", horizon) < m.base_year:
        raise ValueError(f"horizon = {horizon} is before base_year = {m.base_year}")
    return _explain_calibrated(m, m.base_year + 4 if horizon is None else horizon)


def _explain_calibrated(m, horizon: int) -> RevenueExplanation:
    p = m.project(horizon)
    bridge = p.revenue(language="id")
    years = p.years
    marginal = _marginal(years, bridge.loc["tax_base"], bridge.loc["tax_rate"], bridge.loc["population"],
                         bridge.loc["equalisation_change_per_krona"], bridge.loc["kept_per_krona"])
    base_year = m.base_year
    implied_capacity = float(m.projector(base_year).implied_own_tax_capacity_kr)
    budget_base = float(bridge.at["tax_base", base_year])
    notes = list(m.notes)
    sources = {k: v for k, v in m.base_sources.items() if k in (
        "tax_rate_kr_per_100kr", "tax_base_msek", "equalisation", "population", "national_tax_capacity_kr",
        "income_equalisation_msek", "grant_items")}
    try:
        scb_base, scb_src = scb_tax_base_msek(m.code, base_year)
    except ValueError as exc:
        check = None
        notes.append(f"No SCB-derived tax base to compare with for {base_year}: {exc}")
    else:
        index, _ = scb_capacity_index(m.code)
        national_base = float(bridge.at["national_tax_capacity", base_year])
        scb_capacity = index * national_base
        check = {
            "budget_tax_base_msek": budget_base,
            "scb_tax_base_msek": scb_base,
            "difference_percent": (scb_base / budget_base - 1.0) * 100.0,
            "implied_own_tax_capacity_kr": implied_capacity,
            "scb_own_tax_capacity_kr": scb_capacity,
            "capacity_difference_percent": (scb_capacity / implied_capacity - 1.0) * 100.0,
        }
        sources["scb_tax_base_msek"] = scb_src
    population = ("31 Dec 2024, held" if m.base_sources["population"].kind == "default" else
                  f"the budget's, {m.population_date}, held after its last year")
    national = m.base_sources.get("national_tax_capacity_kr")
    national_text = ("SCB 2024, a secondary source, carried with published growth" if national is None
                     or national.kind != "data" or "your budget" not in national.source else
                     "the budget's Medelskattekraft")
    basis = (f"calibrated to {m.name}'s adopted budget {base_year} (tax revenue, the budgeted income equalisation "
             f"and the plan's figures; {', '.join(str(y) for y in m.plan_years) or 'no plan years'}); later years "
             f"projected by the model. Derived: the tax base (implied by the budget's tax revenue and rate), the own "
             f"tax capacity in the equalisation (the one at which the formula gives the budgeted equalisation with "
             f"the national capacity and population used), the national capacity ({national_text}; "
             f"in the plan years the growth the plan implies). Approximate: the "
             f"population ({population}), the compensation degree (1 on the county rate; unverified against "
             f"the law text, and it sets the change per krona) and the fee rate outside Stockholm and Uppsala.")
    return RevenueExplanation(
        code=m.code, name=m.name, county=m.county, population=m.population, population_date=m.population_date,
        base_year=base_year, horizon=horizon,
        calibrated=True, bridge=bridge, marginal=marginal, year_status=p.year_status(),
        equalisation=dict(m.base_fields["equalisation"]), tax_base_check=check, basis=basis, sources=sources,
        notes=tuple(notes))


def _explain_approximate(code: str, record, base_year: int, horizon: int | None, note: str | None
                         ) -> RevenueExplanation:
    last = last_derivable_year()
    reason = (f"{record.name} ({code}) has no adopted budget for {base_year} in the embedded data, so its revenue is "
              f"derived from SCB year by year, and the embedded growth figures carry SCB's tax capacity to {last} "
              f"at the latest")
    if base_year > last:
        raise ValueError(f"base_year = {base_year}: {reason}; expected a base year <= {last}")
    if horizon is None:
        horizon = max(base_year, min(base_year + 4, last))
    if horizon > last:
        raise ValueError(f"horizon = {horizon}: {reason}; expected a horizon <= {last}")
    years = list(range(base_year, horizon + 1))
    rows = {}
    for year in years:
        rows[year] = approximate_revenue(code, year)
    bridge = pd.DataFrame({year: [float(rows[year][col]) for _ident, col in _APPROXIMATE_BRIDGE] for year in years},
                          index=[ident for ident, _col in _APPROXIMATE_BRIDGE], dtype=float)
    bridge.index.name = "item"
    bridge.columns.name = "year"
    bridge.attrs["units"] = {ident: {"tax_rate": "kr per 100 kr", "own_tax_capacity": "kr per inhabitant",
                                     "national_tax_capacity": "kr per inhabitant", "population": "inhabitants",
                                     "equalisation_change_per_krona": "fraction", "kept_per_krona": "fraction"
                                     }.get(ident, "MSEK") for ident in bridge.index}
    marginal = _marginal(years, bridge.loc["tax_base"], bridge.loc["tax_rate"], bridge.loc["population"],
                         bridge.loc["equalisation_change_per_krona"], bridge.loc["kept_per_krona"])
    params, param_sources = equalisation_parameters(record.county_code)
    first = rows[years[0]]
    sources = dict(param_sources)
    sources["tax_base_msek"] = scb_tax_base_msek(code, base_year)[1]
    sources["national_tax_capacity_kr"] = national_tax_capacity_kr(base_year)[1]
    sources["tax_rate_kr_per_100kr"] = Provenance("derived" if first["tax_rate_basis"] == "derived" else "data",
                                                  f"own rate {base_year}: kommunbudget.data.municipalities.tax_rates() "
                                                  f"({first['tax_rate_basis']})")
    notes = [note] if note else []
    if code == "0980":
        notes.append(GOTLAND_NOTE)
    notes += [
        "Approximate: no adopted budget is used, so nothing is calibrated; the income equalisation is estimated "
        "by the formula with the approximate inputs above and can differ from the actual figure by several percent.",
        "Tax revenue here is rate x tax base, without final settlements (slutavräkning).",
        "The other grant items (cost equalisation, regulation grant, ...) are not in the embedded data for this "
        "municipality and are left out.",
    ]
    return RevenueExplanation(
        code=code, name=record.name, county=record.county, population=record.population_2024,
        base_year=base_year, horizon=horizon, calibrated=False, bridge=bridge, marginal=marginal,
        year_status={y: "approximate" for y in years},
        equalisation={name: float(getattr(params, name)) for name in core.IncomeEqualisation._fields},
        tax_base_check=None, basis=APPROXIMATE_BASIS, sources=sources, notes=tuple(notes))

