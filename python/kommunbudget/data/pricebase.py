"""The prisbasbelopp (price base amount) per year, from ``prisbasbelopp.csv`` (SOURCES.md §24): the government's
figure for 2026 (förordning 2025:872) and secondary sources for 2023-2025. It sets the basic deduction
(grundavdrag, inkomstskattelagen 63 kap. 3 §) that the work line's tax base is computed after (``docs/model.md`` §6).
"""
from __future__ import annotations

import functools

from kommunbudget.data.tables import cached_table

__all__ = ["DEFAULT_PRICE_BASE_GROWTH", "price_base_amounts"]

#: Yearly growth of the prisbasbelopp after the last year in the file, fraction: 2 %, the Riksbank's inflation
#: target (the amount follows KPI, socialförsäkringsbalken 2 kap. 7 §). A default, not data.
DEFAULT_PRICE_BASE_GROWTH = 0.02


@functools.cache
def _known() -> dict[int, float]:
    frame = cached_table("prisbasbelopp.csv")
    return {int(y): float(v) for y, v in zip(frame["ar"], frame["prisbasbelopp_kr"], strict=True)}


def price_base_amounts(first_year: int, last_year: int) -> tuple[dict[int, float], int]:
    """The prisbasbelopp (kr) of every year in [first_year, last_year] and the last year that is data.

    Years in ``prisbasbelopp.csv`` (2023-2026) are the published amounts; a later year is the last known amount
    × (1 + :data:`DEFAULT_PRICE_BASE_GROWTH`) per year (a default, not data); an earlier year is the first known
    amount (a default, not data: the model's work line starts in a base year of 2023 or later in practice).

    Returns
    -------
    (dict, int)
        Year -> kr, and the last year taken from the file.

    Raises
    ------
    ValueError
        If last_year < first_year.
    """
    if last_year < first_year:
        raise ValueError(f"last_year = {last_year} is before first_year = {first_year}; expected last >= first")
    known = _known()
    first_known, last_known = min(known), max(known)
    out = {}
    for year in range(first_year, last_year + 1):
        if year in known:
            out[year] = known[year]
        elif year > last_known:
            out[year] = known[last_known] * (1.0 + DEFAULT_PRICE_BASE_GROWTH) ** (year - last_known)
        else:
            out[year] = known[first_known]
    return out, last_known
