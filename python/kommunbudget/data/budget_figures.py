"""An adopted budget as plain figures (``docs/budget-workbook.md``): what a finance department's budget document
states, in the units and signs of a Swedish income statement, with the place each figure came from.

:class:`BudgetFigures` is the one form in which a budget enters the product: the embedded budgets
(``resultatrakningar_exempel.csv``), a budget workbook read by :mod:`kommunbudget.data.budget_file`, or figures a
user types in Python all become one, and :func:`kommunbudget.baselines.own_budget.from_budget_figures` turns it into
a :class:`~kommunbudget.model.municipality.Municipality`. This module holds data only (no core, no I/O).

Items are identified as in the embedded budgets: :data:`STATEMENT_ITEMS` (the income statement, resultatbudget),
:data:`TAX_AND_GRANT_ITEMS` (the note on tax revenue and general grants). Amounts are MSEK with the statement's signs:
income positive, costs negative (``verksamhetens_kostnader`` = -1656.2).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["BudgetFigures", "FigureSource", "PREMISES_COLUMNS", "STATEMENT_ITEMS", "TAX_AND_GRANT_ITEMS",
           "YEAR_KINDS"]


@dataclass(frozen=True)
class BudgetItem:
    """One line of a budget: its identifier, its Swedish label as budgets print it, whether it is a cost (printed
    negative in the statement), whether a budget must give it, and the other spellings a reader accepts."""

    id: str
    label: str
    cost: bool = False
    required: bool = False
    aliases: tuple[str, ...] = ()


#: The income statement (resultatbudget), in its statutory order (LKBR 4 kap., RKR R15; docs/budget-workbook.md).
STATEMENT_ITEMS: tuple[BudgetItem, ...] = (
    BudgetItem("verksamhetens_intakter", "Verksamhetens intäkter", required=True),
    BudgetItem("verksamhetens_kostnader", "Verksamhetens kostnader", cost=True, required=True),
    BudgetItem("avskrivningar", "Avskrivningar", cost=True, required=True,
               aliases=("Av- och nedskrivningar", "Avskrivningar och nedskrivningar")),
    BudgetItem("jamforelsestorande_poster", "Jämförelsestörande poster"),
    BudgetItem("verksamhetens_nettokostnader", "Verksamhetens nettokostnader", cost=True, required=True),
    BudgetItem("skatteintakter", "Skatteintäkter", required=True),
    BudgetItem("generella_statsbidrag_och_utjamning", "Generella statsbidrag och utjämning", required=True,
               aliases=("Generella statsbidrag och utjämningsbidrag", "Generella statsbidrag")),
    BudgetItem("verksamhetens_resultat", "Verksamhetens resultat"),
    BudgetItem("finansiella_intakter", "Finansiella intäkter", required=True),
    BudgetItem("finansiella_kostnader", "Finansiella kostnader", cost=True, required=True),
    BudgetItem("arets_resultat", "Årets resultat", required=True),
    BudgetItem("balanskrav_avgar_realisationsvinster", "Realisationsvinster", cost=True,
               aliases=("Avgår realisationsvinster", "Samtliga realisationsvinster")),
    BudgetItem("balanskrav_orealiserade_vinster_forluster_vardepapper",
               "Orealiserade vinster och förluster i värdepapper",
               aliases=("Justering för orealiserade vinster och förluster i värdepapper",
                        "Orealiserade förluster i värdepapper")),
    BudgetItem("arets_resultat_efter_balanskravsjusteringar", "Årets resultat efter balanskravsjusteringar"),
    BudgetItem("medel_fran_resultatutjamningsreserv", "Medel från resultatutjämningsreserv",
               aliases=("Användning av resultatutjämningsreserv", "Disposition från RUR", "Medel från RUR")),
    BudgetItem("reservering_till_resultatutjamningsreserv", "Reservering till resultatutjämningsreserv", cost=True,
               aliases=("Reservering till RUR", "Avsättning till resultatutjämningsreserv")),
    BudgetItem("balanskravsresultat", "Balanskravsresultat", aliases=("Årets balanskravsresultat",)),
)

#: The note on tax revenue and general grants (skatteintäkter, generella statsbidrag och utjämning).
TAX_AND_GRANT_ITEMS: tuple[BudgetItem, ...] = (
    BudgetItem("skatt_kommunalskatt_preliminar", "Preliminär kommunalskatt",
               aliases=("Kommunalskatt", "Preliminära skatteintäkter", "Allmän kommunalskatt")),
    BudgetItem("skatt_slutavrakning_innevarande_ar", "Slutavräkning innevarande år",
               aliases=("Prognos slutavräkning innevarande år", "Slutavräkning året")),
    BudgetItem("skatt_slutavrakning_aret_innan", "Slutavräkning föregående år",
               aliases=("Slutavräkning året innan", "Korrigering slutavräkning föregående år")),
    BudgetItem("utj_inkomstutjamning", "Inkomstutjämning", required=True,
               aliases=("Inkomstutjämningsbidrag", "Inkomstutjämningsavgift")),
    BudgetItem("utj_kostnadsutjamning", "Kostnadsutjämning",
               aliases=("Kostnadsutjämningsbidrag", "Kostnadsutjämningsavgift")),
    BudgetItem("utj_lss_utjamning", "LSS-utjämning", aliases=("Utjämning LSS", "LSS-utjämningsbidrag")),
    BudgetItem("utj_regleringsbidrag_avgift", "Regleringsbidrag/-avgift",
               aliases=("Regleringsbidrag", "Regleringsavgift", "Regleringsbidrag/avgift")),
    BudgetItem("utj_strukturbidrag", "Strukturbidrag"),
    BudgetItem("utj_kommunal_fastighetsavgift", "Kommunal fastighetsavgift", aliases=("Fastighetsavgift",)),
    BudgetItem("utj_ovriga_statsbidrag", "Övriga generella statsbidrag",
               aliases=("Övriga statsbidrag", "Generella bidrag från staten")),
)

#: The columns of the optional sheet ``Lokaler`` (the premises portfolio, one row per property): column -> (kind,
#: required), kind ``"text"``, ``"number"`` or ``"bool"``. They are the fields of the core ``Property`` in its
#: order; :mod:`kommunbudget.scenarios.premises` checks on import that they are its ``PROPERTY_FIELDS`` (which also
#: holds the ranges). Amounts are base-year MSEK, ``area_m2`` m², ``vacancy`` a fraction of the area.
PREMISES_COLUMNS: dict[str, tuple[str, bool]] = {
    "id": ("text", True),
    "use": ("text", True),
    "area_m2": ("number", True),
    "book_value_msek": ("number", True),
    "market_value_msek": ("number", True),
    "running_cost_msek": ("number", True),
    "depreciation_msek": ("number", True),
    "vacancy": ("number", True),
    "need_remains": ("bool", True),
    "external_rent_msek": ("number", False),
}

#: What a year's column holds: an outturn (utfall/bokslut), the budget year, or a plan year.
YEAR_KINDS: tuple[str, ...] = ("utfall", "budget", "plan")


@dataclass(frozen=True)
class FigureSource:
    """Where one figure came from: the file, the sheet and the cell (``"C7"``), or a description for figures
    typed in Python (``sheet`` and ``cell`` empty)."""

    file: str
    sheet: str = ""
    cell: str = ""

    def text(self) -> str:
        """``"your budget: budget.xlsx, sheet Resultatbudget, cell C7"``."""
        where = ", ".join(p for p in (self.file, f"sheet {self.sheet}" if self.sheet else "",
                                       f"cell {self.cell}" if self.cell else "") if p)
        return f"your budget: {where}"


@dataclass(frozen=True)
class BudgetFigures:
    """An adopted budget with its plan, as plain figures (budgetens siffror).

    Attributes
    ----------
    municipality : str
        The municipality's SCB code (four digits, e.g. ``"1265"``) or its name; resolved against the embedded list.
    budget_year : int
        The budget year (the base year of the projection).
    year_kinds : Mapping[int, str]
        Every year the budget gives -> one of :data:`YEAR_KINDS`: the budget year is ``"budget"``, the years after it
        ``"plan"`` (consecutive), earlier years ``"utfall"`` (kept for reference, not projected from).
    items : Mapping[int, Mapping[str, float]]
        Year -> item id (:data:`STATEMENT_ITEMS`, :data:`TAX_AND_GRANT_ITEMS`) -> MSEK with the statement's signs
        (costs negative). The budget year and every plan year hold every required item.
    tax_rate : Mapping[int, float]
        The own municipal tax rate (skattesats) the budget assumes, kr per 100 kr, for the budget year and each plan
        year (e.g. 20.92).
    population : Mapping[int, float]
        Inhabitants the budget assumes per year (at least the budget year); ``population_date`` says which date.
    population_date : str
        The date the population refers to, ISO (``"2023-11-01"``: 1 November of the year before the budget year,
        the equalisation's date; ``"2023-12-31"`` for SCB's year-end figure).
    service_areas : Mapping[str, float]
        Optional net cost of the budget year per service area or committee, MSEK positive (name -> amount); empty
        when the budget gives none (the embedded SCB split is used).
    premises : tuple[Mapping[str, object], ...]
        Optional premises portfolio (sheet ``Lokaler``): one record per property, column (:data:`PREMISES_COLUMNS`)
        -> value (text, a float, a bool); a column the budget leaves out or an empty optional cell is absent. Plain
        records: their ranges are checked when a scenario turns them into a portfolio
        (:func:`kommunbudget.scenarios.premises.portfolio_from_budget`). Empty when the budget gives none.
    investments : Mapping[int, float]
        Optional net investment (nettoinvesteringar) per year (sheet ``Investeringar``), MSEK, for the budget year
        and each plan year (outcome years if given). They drive the depreciation of new investments after the plan
        and the borrowing need (``docs/model.md`` §15). Empty when the budget gives none.
    opening_debt_msek : float or None
        Optional interest-bearing debt (låneskuld) at the end of the budget year, MSEK, >= 0 (sheet
        ``Investeringar``, line ``Låneskuld``); None: not given.
    opening_cash_msek : float or None
        Optional cash and bank (likvida medel) at the end of the budget year, MSEK, >= 0; None: not given (0).
    depreciation_classes : tuple[tuple[str, float, float], ...]
        Optional depreciation classes of new investments: (name, share of each year's investment as a fraction,
        period in years), the shares summing to 1 (line ``Avskrivningstid`` gives one period: ``("all", 1.0,
        years)``). Empty: a documented default (``docs/model.md`` §15).
    borrowing_rate : Mapping[int, float]
        Optional interest rate on new borrowing per year, fraction (line ``Låneränta``, written in percent).
    pension_interest : Mapping[int, float]
        Optional interest on pension provisions (ränta på pensionsavsättningar, part of the financial costs) per
        year, MSEK positive. Empty: the budget does not split pensions out.
    national_tax_capacity_kr : Mapping[int, float]
        Optional: the uprated national average tax capacity (uppräknad medelskattekraft, kr per inhabitant) per
        year, as SKR's circular gives it; the budget year's is the income equalisation's reference. Empty: the
        embedded figure (SCB's skattekraft carried forward), which reaches budget year 2025.
    sources : Mapping[str, FigureSource]
        Where each figure came from, keyed ``"<year>:<item>"`` (``"2024:skatteintakter"``), ``"tax_rate:<year>"``,
        ``"population:<year>"``, ``"service_area:<name>"``, ``"premises:<n>:<column>"`` (``n`` the property's
        1-based position in :attr:`premises`), ``"investments:<year>"``, ``"capital:opening_debt"``,
        ``"capital:opening_cash"``, ``"capital:depreciation"``, ``"borrowing_rate:<year>"`` or
        ``"pension_interest:<year>"``; a figure without a key has
        ``default_source``.
    default_source : FigureSource
        The file as a whole (e.g. ``FigureSource("budget.xlsx")``).
    title : str
        The document's title as the user gave it (e.g. "Budget 2025 med plan 2026-2027"), for citations.
    opening_deficits : Mapping[int, float]
        Optional: negative balanced-budget results of years before the budget year not yet restored (ej återställda
        balanskravsunderskott), year of origin -> MSEK (> 0), as the latest annual report's balanskravsutredning
        shows them; each must be restored within three years of its year (kommunallagen 11 kap. 12 §;
        ``docs/model.md`` §15). Empty: none (a default, not data).
    opening_reserve_msek : float or None
        Optional: the result reserve (resultatreserv; RUR before 2024) at the start of the budget year, MSEK.
        None: 0 (a default, not data).
    negative_equity : bool
        Negative equity including the pension obligations outside the balance sheet: the reservation threshold is
        2 % instead of 1 % of tax revenue and general grants (KL 11 kap. 14 §). Default False.
    """

    municipality: str
    budget_year: int
    year_kinds: Mapping[int, str]
    items: Mapping[int, Mapping[str, float]]
    tax_rate: Mapping[int, float]
    population: Mapping[int, float]
    population_date: str
    service_areas: Mapping[str, float] = field(default_factory=dict)
    premises: tuple[Mapping[str, object], ...] = ()
    investments: Mapping[int, float] = field(default_factory=dict)
    national_tax_capacity_kr: Mapping[int, float] = field(default_factory=dict)
    opening_debt_msek: float | None = None
    opening_cash_msek: float | None = None
    depreciation_classes: tuple[tuple[str, float, float], ...] = ()
    borrowing_rate: Mapping[int, float] = field(default_factory=dict)
    pension_interest: Mapping[int, float] = field(default_factory=dict)
    sources: Mapping[str, FigureSource] = field(default_factory=dict)
    default_source: FigureSource = FigureSource("figures given in Python")
    title: str = ""
    opening_deficits: Mapping[int, float] = field(default_factory=dict)
    opening_reserve_msek: float | None = None
    negative_equity: bool = False

    @property
    def plan_years(self) -> list[int]:
        """The years after the budget year, in order."""
        return sorted(y for y, kind in self.year_kinds.items() if kind == "plan")

    @property
    def years(self) -> list[int]:
        """The budget year and the plan years, in order (the years a projection starts from)."""
        return [self.budget_year, *self.plan_years]

    def source(self, key: str) -> FigureSource:
        """The source of one figure (keys as in :attr:`sources`), else :attr:`default_source`."""
        return self.sources.get(key, self.default_source)

    def item(self, year: int, item: str, default: float | None = None) -> float:
        """An item of ``year`` (MSEK, the statement's signs); ``default`` when the budget does not give it.

        Raises
        ------
        ValueError
            When the item is missing and no default is given (naming the item, the year and the file).
        """
        values = self.items.get(year, {})
        if item in values:
            return float(values[item])
        if default is None:
            raise ValueError(f"{self.default_source.text()}: {item} is missing for {year}")
        return default

    def check(self) -> None:
        """Checks the shape: a budget year of kind ``budget``, consecutive plan years, every required item, a tax
        rate for every projected year and a population for the budget year, all finite.

        Raises
        ------
        ValueError
            Naming the field, the year and what was expected.
        """
        where = self.default_source.text()
        if self.year_kinds.get(self.budget_year) != "budget":
            raise ValueError(f"{where}: budget_year = {self.budget_year} is not marked 'budget' among the years "
                             f"{dict(self.year_kinds)}")
        for year, kind in self.year_kinds.items():
            if kind not in YEAR_KINDS:
                raise ValueError(f"{where}: the year {year} is marked {kind!r}; expected one of {YEAR_KINDS}")
        plan = self.plan_years
        if plan and plan != list(range(self.budget_year + 1, self.budget_year + 1 + len(plan))):
            raise ValueError(f"{where}: plan years {plan} do not follow the budget year {self.budget_year} without "
                             f"a gap")
        required = [i.id for i in (*STATEMENT_ITEMS, *TAX_AND_GRANT_ITEMS) if i.required]
        for year in self.years:
            for item in required:
                self.item(year, item)
            if year not in self.tax_rate:
                raise ValueError(f"{where}: the tax rate (skattesats) for {year} is missing")
        if self.budget_year not in self.population:
            raise ValueError(f"{where}: the population for the budget year {self.budget_year} is missing")
        values = [v for year in self.items.values() for v in year.values()]
        values += [*self.tax_rate.values(), *self.population.values(), *self.service_areas.values(),
                   *self.investments.values(), *self.national_tax_capacity_kr.values(),
                   *self.borrowing_rate.values(), *self.pension_interest.values(),
                   *(v for v in (self.opening_debt_msek, self.opening_cash_msek) if v is not None),
                   *(v for c in self.depreciation_classes for v in c[1:])]
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
            raise ValueError(f"{where}: every figure must be a finite number")
