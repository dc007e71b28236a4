"""Documented defaults: the figures used where the embedded data has none, each with its basis.

Every default here is marked ``default`` wherever it is used, and listed with its basis in every output.
Change them per run with :meth:`kommunbudget.Municipality.with_assumptions`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kommunbudget.data.tables import cached_table


@dataclass(frozen=True)
class Default:
    """A default figure and its basis.

    Attributes
    ----------
    value : float
        The figure, in ``unit``.
    unit : str
        E.g. ``"fraction per year"``.
    basis : str
        Where it comes from, as printed next to every result that uses it.
    """

    value: float
    unit: str
    basis: str


#: PKV after the last published year, for both components: SKR's average change 2018-2021 (the report, citing
#: SKR 2025, REPORT-FACTS.md "Price index"). Applied to the labour-cost and the other-consumption index alike,
#: so a line's labour share does not matter while it is in force.
PKV_CHANGE = Default(0.026, "fraction per year",
                     "SKR's average PKV change 2018-2021, 2.6 % a year (SKR 2025, as cited in the 2025 policy "
                     "report 'check this before you raise the tax', REPORT-FACTS.md); applied to both components")

#: The own tax rate after the last published year: unchanged.
TAX_RATE_HELD = "the last published rate held unchanged"

#: A result target many municipalities adopt as 'god ekonomisk hushållning' (RULES.md §7: commonly 1-2 % of tax
#: revenue and general grants; the level is set locally). Used where the user gives none.
RESULT_TARGET_SHARE = Default(0.02, "fraction of tax revenue and general grants",
                              "a common local target of 2 % of tax revenue and general grants (RULES.md §7: "
                              "1-2 % is usual; each municipality sets its own)")


@lru_cache(maxsize=1)
def tax_base_growth() -> Default:
    """SKR's long-run average growth of the tax base, read from the embedded ``skatteunderlagsprognos.csv``.

    Returns
    -------
    Default
        About 0.04 (4 % a year, SKR's economics blog, December 2023: 'den genomsnittliga ökningstakten på cirka
        4 procent per år').

    Raises
    ------
    RuntimeError
        If the embedded file lacks the long-run row.
    """
    table = cached_table("skatteunderlagsprognos.csv")
    row = table[(table["typ"] == "langsiktigt_genomsnitt") & (table["matt"] == "nominell")]
    if len(row) != 1:
        raise RuntimeError("skatteunderlagsprognos.csv: expected one long-run (langsiktigt_genomsnitt) row")
    r = row.iloc[0]
    return Default(float(r["forandring_procent"]) / 100.0, "fraction per year",
                   f"SKR's long-run average tax base growth, about {float(r['forandring_procent']):.1f} % a year "
                   f"({r['bedomare']}, {r['publicerad']}; {r['kalla']})")


#: Depreciation classes of new investments where the budget gives none (default, not data): 70 % buildings and
#: facilities over 33 years, 30 % machines and equipment over 7 years. The periods lie within the ranges municipal
#: depreciation rules use (buildings' components 20-50 years, equipment 3-10 years); the split is an assumption.
DEPRECIATION_CLASSES: tuple[tuple[str, float, float], ...] = (("buildings", 0.7, 33.0), ("equipment", 0.3, 7.0))
DEPRECIATION_CLASSES_BASIS = ("default, not data: 70 % buildings over 33 years and 30 % equipment over 7 years "
                              "(typical municipal periods; the split is an assumption), straight line from the year "
                              "after the investment")

#: Interest rate on new borrowing where the budget gives none (default, not data): SKR's recommended internal rate
#: for 2024, 2.5 %, which Sjöbo's budget 2024 applies (kommunala_budgetforutsattningar.csv, internranta), held.
BORROWING_RATE = Default(0.025, "fraction per year",
                         "default, not data: SKR's recommended internal interest rate for 2024, 2.5 % (as Sjöbo's "
                         "budget 2024 applies it, kommunala_budgetforutsattningar.csv), held; not a borrowing rate "
                         "the municipality pays")

#: Growth of the interest on pension provisions after its last given figure (default, not data): the income base
#: amount (inkomstbasbelopp) follows the income index, i.e. average earned income; no series of it is embedded, so
#: the tax base growth of each year stands in for it.
PENSION_INDEX_BASIS = ("default, not data: the income base amount's growth, for which the year's tax base growth "
                       "stands in (both follow earned income; no inkomstbasbelopp series is embedded)")
