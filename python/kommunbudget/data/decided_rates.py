"""The decision year: which own tax rates are already decided (in the embedded data) and the first year a change of
the rate can still be decided.

A municipality's own rate for a budget year is decided by its council in the autumn before (kommunallagen 11 kap.
9 §) and published by SCB/Skatteverket. The rates in ``skattesatser_kommun.csv`` (SOURCES.md §1: Skatteverket 2024
and 2025, SCB TAB2017 2026) are therefore decided: a sustained change of the rate can start at the earliest in the
first year after the last embedded rate (2027 with today's data), unless a user asks to change a decided rate
(``--from-year``), which the output then says.
"""
from __future__ import annotations

from dataclasses import dataclass

from kommunbudget.data.municipalities import info

__all__ = ["DecidedRate", "decided_rate_notice", "decided_tax_rates", "first_undecided_year"]


@dataclass(frozen=True)
class DecidedRate:
    """One decided own municipal rate.

    Attributes
    ----------
    year : int
        The budget year the rate applies to.
    rate : float
        The own municipal rate, kr per 100 kr.
    basis : str
        ``published`` (Skatteverket 2025, SCB 2026), ``derived`` (2024: total minus the region rate, by the data
        curator) or ``corrected`` (SOURCES.md §1).
    source : str
        The citation of ``skattesatser_kommun.csv``.
    """

    year: int
    rate: float
    basis: str
    source: str

    def text(self) -> str:
        """'2025: 20.92 (published; Skatteverket ...)'."""
        return f"{self.year}: {self.rate:.2f} ({self.basis}; {self.source})"


def decided_tax_rates(code: str | None) -> dict[int, DecidedRate]:
    """The decided own rates of municipality ``code`` by year (kr per 100 kr), from ``skattesatser_kommun.csv``
    (2024-2026 today); empty for ``None`` or a code the data does not hold (a budget file for an unknown code).
    """
    if not code:
        return {}
    try:
        record = info(str(code))
    except ValueError:
        return {}
    return {y: DecidedRate(y, float(r), str(b), str(s)) for y, (r, b, s) in sorted(record.tax_rates.items())}


def first_undecided_year(code: str | None, base_year: int) -> int:
    """The first year after ``base_year`` whose own rate is not yet decided: the year after the last decided rate
    of ``code`` (2027 for every municipality with today's data), or ``base_year + 1`` if that is later (a base year
    after the embedded rates) or the data holds no rate for ``code``."""
    rates = decided_tax_rates(code)
    last = max(rates) if rates else base_year
    return max(base_year + 1, last + 1)


def decided_rate_notice(code: str | None, year: int) -> str | None:
    """A sentence for a change that starts in a year whose rate is already decided ("2025's rate was decided at
    20.92 (published; Skatteverket ...); this changes a decided rate"), or None for an undecided year."""
    rate = decided_tax_rates(code).get(year)
    if rate is None:
        return None
    return (f"{year}'s rate was decided at {rate.rate:.2f} ({rate.basis}; {rate.source}); this changes a decided "
            f"rate")
