"""Announced changes of the general government grants to the municipalities (generella statsbidrag), from the
embedded ``statsbidrag_tillskott.csv`` (the Government's press releases per budget bill; SOURCES.md, Tillägg
december 2026).
"""
from __future__ import annotations

import functools

import pandas as pd

from kommunbudget.data.tables import cached_table

__all__ = ["NATIONAL_POPULATION", "announced_general_grants", "announced_grant_change_kr"]

#: Sweden's population on 31 December 2024, persons: SCB, 'Folkmängd i riket, län och kommuner 31 december 2024'
#: (nyckeltal_riket.csv; the sum of the 290 municipalities in befolkning_kommun_2024.csv). Converts bn SEK to kr per
#: inhabitant (1 bn SEK ≈ 94 kr, RULES.md §3).
NATIONAL_POPULATION = 10_587_710


def announced_general_grants() -> pd.DataFrame:
    """The announced general grants to the municipalities alone, as levels by year.

    Returns
    -------
    pandas.DataFrame
        Columns ``measure`` (the description), ``budget_bill``, ``year`` (int), ``level_bn_sek`` (the yearly
        amount from that year, bn SEK; a later row of the same measure replaces it), ``source``. Rows for
        'kommuner och regioner' together (e.g. +10 bn SEK from 2024) are left out: the split between
        municipalities and regions is not given.
    """
    return _announced().copy()


@functools.cache
def _announced() -> pd.DataFrame:
    table = cached_table("statsbidrag_tillskott.csv")
    rows = table[(table["mottagare"] == "kommuner") & (table["typ"] == "generellt statsbidrag")]
    out = pd.DataFrame({"measure": rows["beskrivning"], "budget_bill": rows["budgetproposition"],
                        "year": rows["ar"].astype(int), "level_bn_sek": rows["belopp_mdkr"].astype(float),
                        "source": rows["kalla"]})
    return out.sort_values(["measure", "year"]).reset_index(drop=True)


@functools.cache
def announced_grant_change_kr(year: int) -> tuple[float, str]:
    """The change of the announced general grants to the municipalities in ``year`` against the year before, kr per
    inhabitant of Sweden: Σ over measures of (level in ``year`` − level the year before) × 10^9 / 10 587 710. A
    measure's level holds after its last year ('och framåt') and is 0 before its first.

    Returns
    -------
    (float, str)
        The change (kr per inhabitant; 0.0 when nothing is announced for the year) and a text naming the measures
        (computed once per year and process).
    """
    table = _announced()
    change_bn, named = 0.0, []
    for measure, rows in table.groupby("measure", sort=False):
        def level(y: int, rows: pd.DataFrame = rows) -> float:
            known = rows[rows["year"] <= y]
            return float(known["level_bn_sek"].iloc[-1]) if len(known) else 0.0
        delta = level(year) - level(year - 1)
        if delta != 0.0:
            change_bn += delta
            named.append(f"{measure} {delta:+.4g} bn SEK ({rows['budget_bill'].iloc[0]})")
    return change_bn * 1e9 / NATIONAL_POPULATION, "; ".join(named)
