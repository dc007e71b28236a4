"""National figures a municipality's projection needs besides its own: the net income equalisation per inhabitant
of Sweden (for the regulation grant's rule), the national population growth and the announced grant changes, each
with its provenance (``docs/model.md`` §5).
"""
from __future__ import annotations

import functools

from kommunbudget.baselines.revenue_inputs import approximate_revenue, last_derivable_year, national_tax_capacity_kr
from kommunbudget.baselines.vintages import Vintage
from kommunbudget.data.announced_grants import NATIONAL_POPULATION, announced_grant_change_kr
from kommunbudget.data.municipalities import municipalities
from kommunbudget.data.tables import cached_table
from kommunbudget.model.assumptions import AssumptionSeries, Provenance

__all__ = ["announced_grant_series", "national_net_equalisation_series", "national_net_income_equalisation_kr",
           "national_population_growth_series"]


@functools.cache
def _net_equalisation(year: int) -> tuple[float, float, float]:
    """(net kr per inhabitant, grants MSEK, fees MSEK) of ``year`` by the formula over all 290 municipalities."""
    grants = fees = population = 0.0
    for code in municipalities()["code"]:
        row = approximate_revenue(code, year)
        amount = float(row["income_equalisation_msek"])
        grants += max(amount, 0.0)
        fees += min(amount, 0.0)
        population += float(row["population"])
    return (grants + fees) * 1e6 / population, grants, fees


def national_net_income_equalisation_kr(base_year: int,
                                        national_tax_capacity_kr_base: float) -> tuple[float, Provenance]:
    """The national net income equalisation (grants − fees of all municipalities) per inhabitant in ``base_year``,
    kr: the formula (guarantee 115 %, county rates; lag 2004:773) over all 290 municipalities with SCB's 2023
    capacity index and population of 31 Dec 2024 (:func:`~kommunbudget.baselines.revenue_inputs.approximate_revenue`)
    for the latest year the data reaches up to ``base_year``, then moved with the national tax capacity to
    ``national_tax_capacity_kr_base`` (kr per inhabitant; the net equalisation per inhabitant grows with it when
    every capacity does). About 8 100 kr for 2024 (grants 98.8 bn SEK, fees 13.0 bn SEK).

    Raises
    ------
    ValueError
        If the national capacity of the reference year cannot be derived.
    """
    year = min(base_year, last_derivable_year())
    net, grants, fees = _net_equalisation(year)
    national, _ = national_tax_capacity_kr(year)
    value = net * national_tax_capacity_kr_base / national
    moved = "" if year == base_year else (f", moved to {base_year} with the national tax capacity "
                                          f"({national:,.0f} → {national_tax_capacity_kr_base:,.0f} kr)")
    return value, Provenance("derived", f"approximate: the income equalisation formula over all 290 municipalities "
                                        f"for {year} (grants {grants / 1000:,.1f} bn SEK, fees {-fees / 1000:,.1f} bn "
                                        f"SEK, net {net:,.0f} kr per inhabitant; SCB's 2023 capacity index, "
                                        f"population 31 Dec 2024){moved}")


def national_net_equalisation_series(base_year: int, national_tax_capacity_kr_base: float) -> AssumptionSeries:
    """:func:`national_net_income_equalisation_kr` as a series (the core reads the base year's value)."""
    value, provenance = national_net_income_equalisation_kr(base_year, national_tax_capacity_kr_base)
    return AssumptionSeries("national_net_income_equalisation_kr", "kr per inhabitant", {base_year: value},
                            {base_year: provenance})


@functools.cache
def announced_grant_series(first: int, last: int) -> AssumptionSeries:
    """The announced change of general grants to the municipalities per year ``first..last``, kr per inhabitant of
    Sweden (:func:`kommunbudget.data.announced_grant_change_kr`); years without an announcement 0 (a default: nothing
    announced is not the same as nothing coming). Built once per range and shared (series are never mutated)."""
    values, provenance = {}, {}
    for year in range(first, last + 1):
        change, named = announced_grant_change_kr(year)
        if named:
            values[year] = change
            provenance[year] = Provenance("data", f"announced: {named}; bn SEK / {NATIONAL_POPULATION:,} "
                                                  f"inhabitants (31 Dec 2024) (statsbidrag_tillskott.csv)")
    return AssumptionSeries("announced_grant_change_kr", "kr per inhabitant", values, provenance, 0.0,
                            Provenance("default", "no change announced for the year (statsbidrag_tillskott.csv has "
                                                  "none): 0, not a forecast"), tail_from=first)


def national_population_growth_series(vintage: Vintage) -> AssumptionSeries:
    """Sweden's population growth per year (fraction): the vintage's (``[national] national_population_growth``)
    where it has one, else 2024's outcome held, +36 003 on 10 551 707 = 0.341 % (SCB, nyckeltal_riket.csv), a
    default."""
    if "national_population_growth" in vintage.series:
        return vintage.series["national_population_growth"]
    held = _population_growth_2024()
    given = vintage.national.get("national_population_growth", {})
    if not given:
        return held
    return AssumptionSeries("national_population_growth", "fraction per year", dict(given),
                            {y: Provenance("data", f"vintage {vintage.name} ({vintage.national_source})")
                             for y in given}, held.tail_value, held.tail_provenance)


@functools.cache
def _population_growth_2024() -> AssumptionSeries:
    """Sweden's population growth of 2024 held, as a series (built once; series are never mutated)."""
    table = cached_table("nyckeltal_riket.csv")
    total = table[(table["nyckeltal"] == "folkmängd riket 31 dec") & (table["ar"].astype(str) == "2024")]
    increase = table[(table["nyckeltal"] == "folkökning riket") & (table["ar"].astype(str) == "2024")]
    end, added = float(total["varde"].iloc[0]), float(increase["varde"].iloc[0])
    growth = added / (end - added)
    return AssumptionSeries("national_population_growth", "fraction per year", tail_value=growth,
                            tail_provenance=Provenance("default", f"Sweden's population growth of 2024 held: "
                                                                  f"+{added:,.0f} on {end - added:,.0f} = "
                                                                  f"{growth * 100:.3f} % (SCB, nyckeltal_riket.csv); "
                                                                  f"the vintage has no population forecast"))
