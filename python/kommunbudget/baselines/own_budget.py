"""A baseline from an adopted budget given as plain figures (``docs/budget-workbook.md``, ``docs/model.md`` §11):
the one path from :class:`~kommunbudget.data.budget_figures.BudgetFigures` to a
:class:`~kommunbudget.model.municipality.Municipality`, for a finance department's own budget file and for the
budgets embedded in the package (:mod:`kommunbudget.baselines.adopted`) alike.

The base year is rebuilt line by line from the budget year, the plan years are reproduced through the growth the
core derives from the plan (``calibrate_plan``), general grants are itemised from the note, and every figure's
provenance names the place it came from (``"your budget: budget.xlsx, sheet Resultatbudget, cell C7"``). The
municipality must be one of the 290 embedded ones: its county gives the equalisation's parameters.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass

from kommunbudget.baselines.grants import GRANT_ITEMS, INCOME_EQUALISATION_ITEM, itemised_grants
from kommunbudget.baselines.plan import (
    calibrate,
    negate,
    plan_assumptions,
    plan_equalisation,
    population_series,
    tax_rate_series,
)
from kommunbudget.baselines.revenue_inputs import national_tax_capacity_kr
from kommunbudget.baselines.service_lines import service_area_lines
from kommunbudget.baselines.vintages import Vintage, get_vintage
from kommunbudget.data.budget_figures import BudgetFigures, FigureSource
from kommunbudget.data.budget_file import read_budget_file
from kommunbudget.data.decided_rates import decided_tax_rates
from kommunbudget.data.municipalities import find_municipality, info
from kommunbudget.data.service_areas import OTHER_ACTIVITIES, assistance_note
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.model.defaults import (
    BORROWING_RATE,
    DEPRECIATION_CLASSES,
    DEPRECIATION_CLASSES_BASIS,
    PENSION_INDEX_BASIS,
)
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.years import MAX_HORIZON_YEARS

__all__ = ["CitedSource", "build_baseline", "check_budget_matches", "cite_sources", "from_budget_figures",
           "read_budget", "read_budget_and_figures"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CURRENT_SETTLEMENTS = ("skatt_slutavrakning_innevarande_ar",)
_PREVIOUS_SETTLEMENT = "skatt_slutavrakning_aret_innan"
_RESERVE = ("medel_fran_resultatutjamningsreserv", "reservering_till_resultatutjamningsreserv")


@dataclass(frozen=True)
class CitedSource(FigureSource):
    """A figure's source given as a whole citation (a published document, an embedded table), with the kind of
    provenance it gives (``data``, ``derived`` or ``default``): :meth:`text` is the citation itself."""

    kind: str = "data"

    def text(self) -> str:
        """The citation as given."""
        return self.file


def from_budget_figures(figures: BudgetFigures, vintage=None, use_plan_growth: bool = True) -> Municipality:
    """The baseline of an adopted budget given as plain figures (``docs/model.md`` §11).

    The base year is the budget year, rebuilt from its figures; the plan years are reproduced through the growth
    the plan implies; after the plan, documented defaults. The budget's tax rate and population replace the
    embedded ones in the budget and plan years (the rate is held at the last one after the plan, the population at
    the last figure given). Service areas given in the budget become the cost lines (names as given; the rest of
    the operating costs on ``other_activities``); otherwise SCB's 2024 net costs split the costs.

    Parameters
    ----------
    figures : BudgetFigures
        The budget, e.g. from :func:`kommunbudget.data.budget_file.read_budget_file` or typed in Python.
    vintage : str, path or kommunbudget.baselines.vintages.Vintage, optional
        The national assumptions; default ``"skr-2025-report"``.
    use_plan_growth : bool
        True (default): in the plan years the tax base and national capacity growth implied by the plan; False:
        the vintage's.

    Returns
    -------
    Municipality

    Raises
    ------
    ValueError
        For figures of the wrong shape (:meth:`BudgetFigures.check`), a municipality that is not one of the 290
        embedded ones, service areas that exceed the operating costs, a note whose items do not add up to the
        general grants, or (the core's InputError) a figure outside its range; each message names the budget.
    """
    return build_baseline(figures, get_vintage(vintage), bool(use_plan_growth))


def read_budget(path: str | os.PathLike[str], vintage=None, use_plan_growth: bool = True) -> Municipality:
    """The baseline of a finance department's own budget file: a workbook (``.xlsx``) or a folder of CSV files in
    the layout of ``docs/budget-workbook.md``, read by :func:`kommunbudget.data.budget_file.read_budget_file` and
    built by :func:`from_budget_figures`.

    Parameters
    ----------
    path : str or path-like
        The workbook, the CSV folder or one of its files.
    vintage, use_plan_growth
        As for :func:`from_budget_figures`.

    Returns
    -------
    Municipality
        Its base year is the budget year; every figure's provenance names its sheet and cell.

    Raises
    ------
    ValueError
        For a file that cannot be read or fails a check (the reader's message names the sheet and the cell), or
        as :func:`from_budget_figures`.
    """
    return read_budget_and_figures(path, vintage, use_plan_growth)[0]


def read_budget_and_figures(path: str | os.PathLike[str], vintage=None,
                            use_plan_growth: bool = True) -> tuple[Municipality, BudgetFigures]:
    """:func:`read_budget` and the figures it was built from (for what the baseline does not hold: the budget's
    premises portfolio, its investments)."""
    figures = read_budget_file(path)
    return from_budget_figures(figures, vintage, use_plan_growth), figures


def check_budget_matches(m: Municipality, budget: str | os.PathLike[str], municipality: str | int | None = None,
                         base_year: int | None = None) -> None:
    """Checks that a municipality and a base year given beside a budget file (``--budget``, a scenario's
    ``budget``) are the budget's own.

    Raises
    ------
    ValueError
        For a municipality that is not the budget's (or is unknown), or a base year other than the budget year.
    """
    if municipality is not None and str(municipality).strip():
        code = find_municipality(municipality)
        if code != m.code:
            raise ValueError(f"municipality {str(municipality)!r} is {info(code).label}, but the budget "
                             f"{os.fspath(budget)} is {m.label}'s; give one of them, or the budget's own")
    if base_year is not None and base_year != m.base_year:
        raise ValueError(f"base_year = {base_year}: the budget {os.fspath(budget)} is for {m.base_year}, which is "
                         f"the base year (leave base_year out or give {m.base_year})")


def build_baseline(figures: BudgetFigures, vintage: Vintage, use_plan_growth: bool,
                   notes: tuple[str, ...] | None = None) -> Municipality:
    """:func:`from_budget_figures` with the vintage resolved; ``notes`` replace the notes written for a user's
    budget (the embedded budgets have their own, :mod:`kommunbudget.baselines.adopted`)."""
    figures.check()
    citation = _citation(figures)
    code = _code(figures, citation)
    record = info(code)
    base_year = figures.budget_year
    plan_years = figures.plan_years
    item = functools.partial(_item, figures)
    cite = functools.partial(_cite, figures)
    base_fields, base_sources = _base_year(figures, code, record.name, citation, cite)

    rates = {y: (float(figures.tax_rate[y]), _provenance(figures.source(f"tax_rate:{y}"))) for y in figures.years}
    # A rate the budget itself holds (a documented default) belongs to the rule after the plan, not to its values.
    given = {y: r for y, r in rates.items() if r[1].kind != "default" or y == base_year}
    decided, rate_notes = _decided_rates_after(code, base_year, given)
    tax_rate = tax_rate_series({**given, **decided}, base_year)
    population = _population_series(figures, float(base_fields["population"]))
    calibration = calibrate(base_fields, plan_years, item, functools.partial(_preliminary_tax, figures), tax_rate,
                            population, vintage, use_plan_growth)
    assumptions = plan_assumptions(code, base_year, plan_years, citation, tax_rate, item,
                                   functools.partial(_settlement_current, figures),
                                   functools.partial(_settlement_previous, figures),
                                   functools.partial(_reserve_use, figures), vintage, use_plan_growth,
                                   [line["name"] for line in base_fields["cost_lines"]], calibration, cite)
    assumptions = plan_equalisation(base_fields, assumptions, plan_years, item, citation, vintage, use_plan_growth,
                                    calibration, population, cite, moving_rules=True)
    base_fields["capital"], capital_sources, assumptions = _capital(figures, assumptions)
    base_sources.update(capital_sources)
    plan = {y: dict(figures.items[y]) for y in figures.years}
    if notes is None:
        notes = _notes(figures, citation, vintage, use_plan_growth)
    notes = (*notes, *rate_notes, _capital_note(figures))
    later = sorted(y for y in figures.national_tax_capacity_kr if y > base_year)
    if later:
        notes = (*notes, f"Medelskattekraft is given for {', '.join(map(str, later))} too: the projection uses the "
                         f"budget year's ({base_year}) as the equalisation's reference; in the plan years the national "
                         f"capacity grows as the plan's income equalisation implies (calibrated), and after them with "
                         f"the vintage's growth, so those figures are read but not used.")
    return Municipality(code=code, name=record.name, county=record.county,
                        population=int(round(figures.population[base_year])),
                        population_date=_date_text(figures.population_date), base_year=base_year,
                        base_fields=base_fields,
                        base_sources=base_sources, assumptions=assumptions, plan=plan, notes=notes,
                        vintage=vintage.label, uses_plan_growth=use_plan_growth)


def _decided_rates_after(code: str, base_year: int, given: Mapping[int, tuple[float, Provenance]]
                         ) -> tuple[dict[int, tuple[float, Provenance]], tuple[str, ...]]:
    """The decided own rates (``skattesatser_kommun.csv``, :mod:`kommunbudget.data.decided_rates`) of the years after
    ``base_year`` that the budget does not give itself (so they replace the base year's rate held), and notes for
    plan years whose rate differs from the decided one (the plan's rate is kept: the plan is calibrated with it).
    """
    added: dict[int, tuple[float, Provenance]] = {}
    notes: list[str] = []
    for year, rate in decided_tax_rates(code).items():
        if year <= base_year:
            continue
        if year not in given:
            added[year] = (rate.rate, Provenance("data", f"decided rate {rate.rate:.2f} ({rate.basis}; {rate.source}; "
                                                          f"skattesatser_kommun.csv)"))
        elif abs(given[year][0] - rate.rate) > 0.005:
            notes.append(f"The budget's rate for {year} ({given[year][0]:.2f}) differs from the decided rate "
                         f"{rate.rate:.2f} ({rate.basis}; skattesatser_kommun.csv); the projection keeps the budget's "
                         f"rate in its plan year (the plan is reproduced with it).")
    return added, tuple(notes)


def cite_sources(sources: list[FigureSource]) -> str:
    """One text for the sources of a figure made of several: each source once; cells of one file and sheet
    together (``"your budget: budget.xlsx, sheet Resultatbudget, cells C7, C8"``)."""
    unique = list(dict.fromkeys(sources))
    if len(unique) == 1:
        return unique[0].text()
    cells = [s for s in unique if not isinstance(s, CitedSource) and s.cell]
    if len(cells) == len(unique) and len({s.file for s in unique}) == 1:
        sheets: dict[str, list[str]] = {}
        for s in unique:
            sheets.setdefault(s.sheet, []).append(s.cell)
        where = "; ".join((f"sheet {sheet}, " if sheet else "") + f"cells {', '.join(c)}"
                          for sheet, c in sheets.items())
        return f"{FigureSource(unique[0].file).text()}, {where}"
    return "; ".join(s.text() for s in unique)


def _citation(figures: BudgetFigures) -> str:
    """The budget as a whole: its file and title (``"your budget: budget.xlsx (Budget 2025 med plan 2026-2027)"``);
    a :class:`CitedSource` as given."""
    text = figures.default_source.text()
    if figures.title and not isinstance(figures.default_source, CitedSource):
        text += f" ({figures.title})"
    return text


def _code(figures: BudgetFigures, citation: str) -> str:
    """The municipality's code, which must be one of the embedded 290."""
    try:
        return find_municipality(figures.municipality)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{citation}: the budget's municipality must be one of Sweden's 290 municipalities (its "
                         f"county gives the equalisation's parameters): {exc}") from None


def _national(figures: BudgetFigures, year: int) -> tuple[float, Provenance] | None:
    """The budget year's national average tax capacity (kr per inhabitant): the budget's own figure
    (``Medelskattekraft`` in ``Förutsättningar``), else None for the embedded one, which must then reach ``year``.

    Raises
    ------
    ValueError
        When the budget gives none and the embedded figures do not reach ``year``: the message says what to add.
    """
    if year in figures.national_tax_capacity_kr:
        source = _provenance(figures.source(f"national_tax_capacity:{year}"),
                             " (uppräknad medelskattekraft, SKR's circular)")
        return float(figures.national_tax_capacity_kr[year]), source
    try:
        national_tax_capacity_kr(year)
    except ValueError as exc:
        raise ValueError(f"{figures.default_source.text()}: budget year {year}: the income equalisation needs the "
                         f"national average tax capacity of {year}, and the embedded figures do not reach it ({exc}); "
                         f"add a line 'Medelskattekraft' to Förutsättningar with {year}'s uprated national average "
                         f"tax capacity in kr per inhabitant, as SKR's latest circular on tax revenue and "
                         f"equalisation gives it (docs/budget-workbook.md)") from None
    return None


def _provenance(source: FigureSource, detail: str = "") -> Provenance:
    """The provenance of a figure from ``source`` (``detail`` added to a cell's text)."""
    if isinstance(source, CitedSource):
        return Provenance(source.kind, source.text())
    return Provenance("data", source.text() + detail)


def _cite(figures: BudgetFigures, year: int, *posts: str | None) -> str:
    """Where the posts of ``year`` come from (the ones the budget gives; the file as a whole if none)."""
    values = figures.items.get(year, {})
    sources = [figures.source(f"{year}:{p}") for p in posts if p is not None and p in values]
    return cite_sources(sources or [figures.default_source])


def _item(figures: BudgetFigures, year: int, name: str, default: float | None = None) -> float:
    """An item of ``year`` (MSEK, the budget's signs); operating costs include items affecting comparability
    (jämförelsestörande poster), so the rebuilt statement gives the budget's net operating costs."""
    value = figures.item(year, name, default)
    if name == "verksamhetens_kostnader":
        value += figures.item(year, "jamforelsestorande_poster", 0.0)
    return value


def _settlement(figures: BudgetFigures, year: int) -> float:
    """The year's final settlements of tax revenue, every ``skatt_slutavrakning*`` item summed (MSEK)."""
    return sum(float(v) for k, v in figures.items[year].items() if k.startswith("skatt_slutavrakning"))


def _settlement_previous(figures: BudgetFigures, year: int) -> float:
    """The year's final settlement for the year before (MSEK, 0 if the budget has none)."""
    return figures.item(year, _PREVIOUS_SETTLEMENT, 0.0) + 0.0


def _settlement_current(figures: BudgetFigures, year: int) -> float:
    """The year's final settlement for the year itself: all settlements but the previous year's (MSEK)."""
    return _settlement(figures, year) - _settlement_previous(figures, year) + 0.0


def _preliminary_tax(figures: BudgetFigures, year: int) -> float:
    """The year's preliminary tax revenue (MSEK): the item, else tax revenue without the settlements."""
    return figures.item(year, "skatt_kommunalskatt_preliminar",
                        figures.item(year, "skatteintakter") - _settlement(figures, year))


def _reserve_use(figures: BudgetFigures, year: int) -> float:
    """The year's use of the result equalisation reserve (MSEK): withdrawal minus allocation."""
    # + withdrawal (medel från RUR), − allocation (reservering, printed negative in the budget)
    return figures.item(year, _RESERVE[0], 0.0) + figures.item(year, _RESERVE[1], 0.0)


def balance_requirement_fields(figures: BudgetFigures) -> dict[str, object]:
    """The core ``BalanceRequirement`` of a budget as plain fields (``docs/model.md`` §16): the deficits not yet
    restored (year of origin, MSEK), the result reserve's opening balance (MSEK; 0 when not given, a default, not
    data), the negative-equity flag; no automatic reserve use (a council decision)."""
    return {
        "opening_deficits": [{"year": int(y), "amount_msek": float(a)}
                             for y, a in sorted(figures.opening_deficits.items())],
        "opening_reserve_msek": float(figures.opening_reserve_msek or 0.0) + 0.0,
        "negative_equity": bool(figures.negative_equity),
        "withdraw_from_reserve": False,
        "reserve_surplus": False,
    }


def balance_requirement_sources(figures: BudgetFigures) -> dict[str, Provenance]:
    """The provenance of :func:`balance_requirement_fields`' inputs, keyed ``balance_requirement.<field>``."""
    deficits = figures.opening_deficits
    return {
        "balance_requirement.opening_deficits": (
            Provenance("data", cite_sources([figures.source(f"opening_deficit:{y}") for y in sorted(deficits)]))
            if deficits else Provenance("default", "none: no deficit from before the budget year not yet restored is "
                                                   "given (default, not data; the annual report's "
                                                   "balanskravsutredning says)")),
        "balance_requirement.opening_reserve_msek": (
            _provenance(figures.source("opening_reserve")) if figures.opening_reserve_msek is not None else
            Provenance("default", "0: the result reserve's balance is not given (default, not data; the annual "
                                  "report's balance sheet says)")),
        "balance_requirement.negative_equity": (
            _provenance(figures.source("negative_equity")) if "negative_equity" in figures.sources else
            Provenance("default", f"{'yes' if figures.negative_equity else 'no'}: not given; the reservation "
                                  f"threshold is "
                                  f"{2 if figures.negative_equity else 1} % of tax revenue and general grants "
                                  f"(default, not data)")),
    }


def _date_text(iso: str) -> str:
    """``"2024-12-31"`` -> ``"31 Dec 2024"`` (the text as given if it is no ISO date)."""
    try:
        date = datetime.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _cost_lines(figures: BudgetFigures, code: str, total: float, total_text: str) -> tuple[list[dict], Provenance]:
    """The base year's cost lines: the budget's service areas and the rest on ``other_activities``, or SCB's 2024
    net costs by service area (:func:`~kommunbudget.baselines.service_lines.service_area_lines`)."""
    if not figures.service_areas:
        return service_area_lines(code, total, total_text)
    where = figures.default_source.text()
    lines = []
    for name, cost in figures.service_areas.items():
        if not str(name).strip() or name == OTHER_ACTIVITIES:
            raise ValueError(f"{where}: service area {name!r}: expected a name other than {OTHER_ACTIVITIES!r} "
                             f"(the rest of the operating costs)")
        if cost < 0:
            raise ValueError(f"{where}: service area {name!r}: net cost {cost} MSEK; expected a positive amount")
        lines.append({"name": str(name), "cost_msek": float(cost) + 0.0, "labour_share": -1.0})
    named = sum(line["cost_msek"] for line in lines)
    rest = total - named
    if rest < 0:
        raise ValueError(f"{where}: the service areas' net costs ({named:.1f} MSEK) exceed {total_text} "
                         f"({total:.1f} MSEK); expected a total >= them")
    lines.append({"name": OTHER_ACTIVITIES, "cost_msek": rest, "labour_share": -1.0})
    areas = cite_sources([figures.source(f"service_area:{n}") for n in figures.service_areas])
    return lines, Provenance("derived", f"service areas as the budget gives them ({areas}); other_activities = "
                                        f"{total_text} {total:.1f} MSEK minus the areas' {named:.1f} MSEK; labour "
                                        f"share PKV's weight (default)")


def _base_year(figures: BudgetFigures, code: str, name: str, citation: str,
               cite) -> tuple[dict, dict[str, Provenance]]:
    """The base year's fields (those of the core ``BaseYearState``) rebuilt from the budget, and their sources."""
    year = figures.budget_year
    item = functools.partial(_item, figures, year)
    base_rate = float(figures.tax_rate[year])
    preliminary_tax = _preliminary_tax(figures, year)
    settlement = _settlement(figures, year)
    tax_base = core.implied_tax_base_msek(preliminary_tax + settlement, base_rate, settlement, year)
    costs = ("verksamhetens_kostnader", "jamforelsestorande_poster")
    lines, lines_src = _cost_lines(figures, code, negate(item("verksamhetens_kostnader")),
                                   f"the budget's operating costs ({cite(year, *costs)})")
    settlements = [k for k in figures.items[year] if k.startswith("skatt_slutavrakning")]
    base_fields = {
        "code": code,
        "name": name,
        "year": year,
        "tax_rate_kr_per_100kr": base_rate,
        "tax_base_msek": tax_base,
        "final_settlement_msek": _settlement_current(figures, year),
        "final_settlement_previous_year_msek": _settlement_previous(figures, year),
        "operating_income_msek": item("verksamhetens_intakter"),
        "cost_lines": lines,
        "depreciation_msek": negate(item("avskrivningar")),
        "general_grants_msek": item("generella_statsbidrag_och_utjamning"),
        "financial_income_msek": item("finansiella_intakter"),
        "financial_costs_msek": negate(item("finansiella_kostnader")),
        "realisation_gains_msek": negate(item("balanskrav_avgar_realisationsvinster", 0.0)),
        "reserve_use_msek": _reserve_use(figures, year),
        "other_balance_adjustments_msek": item("balanskrav_orealiserade_vinster_forluster_vardepapper", 0.0),
    }
    equalisation_date = f"{year - 1}-11-01"
    population_src = _provenance(figures.source(f"population:{year}"),
                                 f" (inhabitants on {figures.population_date}" + (
                                     "" if figures.population_date == equalisation_date else
                                     f"; the equalisation uses 1 November {year - 1}") + ")")
    grant_fields, grant_sources = itemised_grants(code, year, figures.items[year], citation,
                                                  float(figures.population[year]), population_src,
                                                  functools.partial(cite, year), _national(figures, year))
    base_fields.update(grant_fields)
    base_fields["balance_requirement"] = balance_requirement_fields(figures)
    posts = {
        "final_settlement_msek": [k for k in settlements if k != _PREVIOUS_SETTLEMENT] or _CURRENT_SETTLEMENTS,
        "final_settlement_previous_year_msek": [_PREVIOUS_SETTLEMENT],
        "operating_income_msek": ["verksamhetens_intakter"],
        "depreciation_msek": ["avskrivningar"],
        "general_grants_msek": ["generella_statsbidrag_och_utjamning"],
        "financial_income_msek": ["finansiella_intakter"],
        "financial_costs_msek": ["finansiella_kostnader"],
        "realisation_gains_msek": ["balanskrav_avgar_realisationsvinster"],
        "reserve_use_msek": list(_RESERVE),
        "other_balance_adjustments_msek": ["balanskrav_orealiserade_vinster_forluster_vardepapper"],
    }
    base_sources = {field: _provenance(_source(figures, year, posts.get(field, ())))
                    for field in base_fields
                    if field not in ("code", "name", "year", "itemised_grants", "equalisation",
                                     "balance_requirement")}
    base_sources.update(balance_requirement_sources(figures))
    base_sources.update(grant_sources)
    base_sources["tax_rate_kr_per_100kr"] = _provenance(figures.source(f"tax_rate:{year}"))
    preliminary = ("skatt_kommunalskatt_preliminar",) if "skatt_kommunalskatt_preliminar" in figures.items[year] \
        else ("skatteintakter", *settlements)
    base_sources["tax_base_msek"] = Provenance(
        "derived", f"implied by the budget: preliminary tax revenue {preliminary_tax:.1f} MSEK / "
        f"({base_rate:.2f} / 100) ({cite(year, *preliminary)})")
    base_sources["cost_lines"] = lines_src
    return base_fields, base_sources


def _source(figures: BudgetFigures, year: int, posts) -> FigureSource:
    """The one source of a base-year field made of ``posts`` (several cells as one :class:`CitedSource`)."""
    values = figures.items.get(year, {})
    sources = list(dict.fromkeys(figures.source(f"{year}:{p}") for p in posts if p in values))
    if len(sources) == 1:
        return sources[0]
    if not sources:
        return figures.default_source
    return CitedSource(cite_sources(sources))


def _population_series(figures: BudgetFigures, base_population: float) -> AssumptionSeries:
    """The equalisation's inhabitants after the base year: the budget's figures for its plan years, then the last
    one held (no population forecast beyond the budget)."""
    given = {y: float(figures.population[y]) for y in figures.plan_years if y in figures.population}
    if not given:
        return population_series(base_population, _date_text(figures.population_date))
    last = max(given)
    return AssumptionSeries(
        "population", "inhabitants", given,
        {y: _provenance(figures.source(f"population:{y}"), f" (inhabitants for {y})") for y in given},
        given[last], Provenance("default", f"held at {given[last]:,.0f} (the budget's figure for {last}): no "
                                           f"population forecast after it"))


def _capital(figures: BudgetFigures, assumptions: AssumptionSet) -> tuple[dict, dict[str, Provenance], AssumptionSet]:
    """The capital side of a budget (``docs/model.md`` §15): the fields of the core ``CapitalPlan`` with their
    sources, and the assumptions with the optional capital series added (net investments held at the last given
    figure after the budget, the rate on new borrowing, the interest on pension provisions and its index), each
    labelled ``default`` where the budget gives no figure."""
    base_year = figures.budget_year
    last = figures.plan_years[-1] if figures.plan_years else base_year
    debt, cash = figures.opening_debt_msek, figures.opening_cash_msek
    given_classes = bool(figures.depreciation_classes)
    classes = figures.depreciation_classes or DEPRECIATION_CLASSES
    fields = {"opening_cash_msek": float(cash or 0.0), "opening_debt_msek": -1.0 if debt is None else float(debt),
              "minimum_cash_msek": 0.0, "plan_last_year": last,
              "depreciation_classes": [{"name": n, "share": float(sh), "years": float(y)} for n, sh, y in classes]}
    sources = {
        "capital.opening_cash_msek": (_provenance(figures.source("capital:opening_cash"), " (likvida medel, 31 Dec)")
                                      if cash is not None else Provenance("default", "not in the budget: 0")),
        "capital.opening_debt_msek": (_provenance(figures.source("capital:opening_debt"), " (låneskuld, 31 Dec)")
                                      if debt is not None else Provenance("default", "not given in the budget: the "
                                                                          "debt shown is new borrowing only")),
        "capital.minimum_cash_msek": Provenance("default", "default, not data: cash is used down to 0"),
        "capital.plan_last_year": Provenance("derived", f"the budget's last plan year ({last}): its depreciation and "
                                                        "financial costs are the budget's own figures"),
        "capital.depreciation_classes": (_provenance(figures.source("capital:depreciation")) if given_classes
                                         else Provenance("default", DEPRECIATION_CLASSES_BASIS)),
    }
    series = dict(assumptions.series)
    invest = {y: float(v) for y, v in figures.investments.items() if y >= base_year}
    if invest:
        final = max(invest)
        series["investments_msek"] = AssumptionSeries(
            "investments_msek", "MSEK", invest,
            {y: _provenance(figures.source(f"investments:{y}"), " (nettoinvesteringar)") for y in invest},
            invest[final], Provenance("default", f"default, not data: the budget's net investment of {final} "
                                                 f"({invest[final]:.1f} MSEK) held after it"))
    if invest or debt is not None or figures.borrowing_rate:
        rates = {int(y): float(v) for y, v in figures.borrowing_rate.items() if y > base_year}
        tail = rates[max(rates)] if rates else BORROWING_RATE.value
        tail_source = (f"the budget's rate for {max(rates)} held" if rates else BORROWING_RATE.basis)
        series["borrowing_rate"] = AssumptionSeries(
            "borrowing_rate", "fraction per year", rates,
            {y: _provenance(figures.source(f"borrowing_rate:{y}"), " (låneränta)") for y in rates}, tail,
            Provenance("default", tail_source))
    pension = {int(y): float(v) for y, v in figures.pension_interest.items() if y >= base_year}
    if pension:
        series["pension_interest_msek"] = AssumptionSeries(
            "pension_interest_msek", "MSEK", pension,
            {y: _provenance(figures.source(f"pension_interest:{y}")) for y in pension})
        # The tax base growth of each year copied (its own assumption from here: a driver bridge or a changed tax
        # base growth leaves the pension index as built).
        growth: dict[int, float] = {}
        for y in range(base_year + 1, base_year + MAX_HORIZON_YEARS + 1):
            try:
                growth[y] = assumptions.get("tax_base_growth", y)[0]
            except ValueError:
                break  # a vintage that stops early: the projection names tax_base_growth's missing year first
        default = Provenance("default", PENSION_INDEX_BASIS)
        series["pension_index_growth"] = AssumptionSeries("pension_index_growth", "fraction per year", growth,
                                                          {y: default for y in growth})
    return fields, sources, dataclasses.replace(assumptions, series=series)


def _capital_note(figures: BudgetFigures) -> str:
    """The note on investments, debt and pensions: what the budget gives and what the projection does with it."""
    parts = []
    if figures.investments:
        amounts = ", ".join(f"{year} {amount:.1f}" for year, amount in sorted(figures.investments.items()))
        cells = cite_sources([figures.source(f"investments:{year}") for year in sorted(figures.investments)])
        parts.append(f"Investments: the budget's net investments (MSEK: {amounts}; {cells}) drive the borrowing "
                     "need; those of the last plan year and later are depreciated from the next year on (straight "
                     "line), added to the budget's last depreciation figure, which is held for the assets it covers; "
                     "after the plan the last figure is held (default, not data).")
    else:
        parts.append("Investments: the budget gives no investment plan, so no depreciation of new investments is "
                     "modelled and the borrowing need is the negative of the self-financing.")
    if figures.opening_debt_msek is None:
        parts.append("Debt: not in the budget; the debt shown is new borrowing only, and a sale's interest saving "
                     "is capped at the financial costs.")
    if figures.pension_interest:
        parts.append("Pensions: the interest on pension provisions is given in the budget's notes (part of the "
                     "financial costs); after the plan it moves with the income base amount (default: the tax base "
                     "growth stands in), the rest of the financial costs held.")
    else:
        parts.append("Pensions: the budget does not split pension costs out; they stay inside the operating and "
                     "financial costs as given.")
    return " ".join(parts)


def _notes(figures: BudgetFigures, citation: str, vintage: Vintage, use_plan_growth: bool) -> tuple[str, ...]:
    """The notes of a baseline from a user's budget: its source, how costs are split and the plan reproduced."""
    base_year, plan_years = figures.budget_year, figures.plan_years
    if figures.service_areas:
        lines = ("Operating costs by service area: the areas as the budget gives them (net costs), the rest of the "
                 "budget's gross operating costs on other_activities; every line moves with PKV's labour weight, so "
                 "the plan is reproduced.",)
    else:
        lines = ("Operating costs by service area: each area at SCB's 2024 net cost (accounts, activity codes), the "
                 "rest of the budget's gross operating costs on other_activities (which thus also holds the areas' "
                 "gross-up for fees and earmarked grants); every line moves with PKV's labour weight (no labour "
                 "shares by area are embedded), so the plan is reproduced.", assistance_note())
    missing = [name.replace("_", " ") for name, post in GRANT_ITEMS.items()
               if post not in figures.items[base_year]]
    return (
        f"Base year {base_year}: {citation}; each figure's cell is named in the base-year sources and the "
        "assumptions.",
        *lines,
        f"Plan years {plan_years[0]}-{plan_years[-1]}: tax base growth, operating income growth and cost volume "
        "are derived from the adopted plan, so the projection reproduces it under the PKV assumption; later years "
        "use documented defaults." if plan_years else "No plan years in the budget: documented defaults after the "
                                                       "budget year.",
        "General grants are itemised from the budget's note: the income equalisation follows the formula "
        "(guarantee 115 % of the national tax capacity, county rate), calibrated to the budget's figure "
        f"({INCOME_EQUALISATION_ITEM}) in the base year; the plan's equalisation is reproduced through the national "
        "capacity growth it implies; the other items are the plan's amounts, then held"
        + (f"; not in the note, so 0: {', '.join(missing)}." if missing else "."),
        f"Tax rate and population: the budget's for {base_year}"
        + (f"-{plan_years[-1]}" if plan_years else "") + f" (population of {_date_text(figures.population_date)}; "
        "the equalisation uses 1 November of the previous year); after the budget the last rate and population "
        "are held.",
        f"National assumptions: vintage {vintage.label}, {vintage.source_file}"
        + ("" if use_plan_growth else "; used in the plan years too (the plan's own tax base and national growth "
                                      "are not)") + ".",
    )
