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
