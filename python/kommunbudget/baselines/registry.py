"""Which baselines the embedded data can build: the adopted budgets held in full, and the base year and derived
grant item of the approximate baselines (``docs/model.md`` §11-12).
"""
from __future__ import annotations

from kommunbudget.data.municipalities import info

__all__ = ["ADOPTED_BUDGETS", "APPROXIMATE_BASE_YEAR", "BALANCING_GRANT_ITEM", "available_baselines"]

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


def available_baselines() -> list[tuple[str, str, int]]:
    """Municipalities with a full adopted budget in the embedded data: (code, name, base year)."""
    return [(code, info(code).name, year) for (code, year) in sorted(ADOPTED_BUDGETS)]
