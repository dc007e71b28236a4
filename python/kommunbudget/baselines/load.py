"""Loading a baseline: the one entry from data to a :class:`~kommunbudget.model.municipality.Municipality`."""
from __future__ import annotations

from kommunbudget.baselines.adopted import from_adopted_budget
from kommunbudget.baselines.approximate import approximate_baseline
from kommunbudget.baselines.registry import ADOPTED_BUDGETS, APPROXIMATE_BASE_YEAR, available_baselines
from kommunbudget.baselines.vintages import get_vintage
from kommunbudget.data.municipalities import find_municipality, info
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.years import as_year

__all__ = ["available_baselines", "load"]


def load(municipality: str | int, base_year: int | None = None, vintage=None,
         use_plan_growth: bool = True) -> Municipality:
    """Loads an embedded municipality's baseline.

    With an adopted budget in the data (:func:`available_baselines`: Sjöbo 2024 with plan 2025-2027) the base year
    is that budget, rebuilt line by line, and its costs are split by service area. Any other of the 290
    municipalities gets an **approximate** baseline for :data:`APPROXIMATE_BASE_YEAR` (``docs/model.md`` §12): SCB's
    2024 net costs by service area, tax revenue from the rate and SCB's tax base, the income equalisation by the
    formula (uncalibrated), and one derived grant item (:data:`BALANCING_GRANT_ITEM`) that makes the base-year
    result 0, so measures' worth is right but the result level is not known; its ``notes`` say so.

    Parameters
    ----------
    municipality : str or int
        Name (``"Sjöbo"``, ``"sjobo"``) or SCB code (``"1265"``).
    base_year : int, optional
        The base year; default the latest one available for the municipality.
    vintage : str, path or kommunbudget.baselines.vintages.Vintage, optional
        The national assumptions (PKV, tax base growth, national tax capacity growth); a packaged name (see
        :func:`kommunbudget.baselines.vintages.list_vintages`) or a TOML file; default ``"skr-2025-report"``.
    use_plan_growth : bool
        True (default): in the plan years the tax base growth and the national capacity growth are those implied
        by the municipality's adopted plan, so the plan is reproduced; False: the vintage's.

    Returns
    -------
    Municipality

    Raises
    ------
    ValueError
        For an unknown or ambiguous municipality, or a ``base_year`` that is not available: an adopted budget's
        year, or :data:`APPROXIMATE_BASE_YEAR` for an approximate baseline (the message lists what is available).
    """
    code = find_municipality(municipality)
    years = sorted(y for (c, y) in ADOPTED_BUDGETS if c == code)
    name = info(code).name
    chosen = get_vintage(vintage)
    if not years:
        if base_year is not None and as_year("base_year", base_year) != APPROXIMATE_BASE_YEAR:
            raise ValueError(f"base_year = {base_year} is not available for {name} ({code}): without an "
                             f"adopted budget in the data the approximate baseline has base year "
                             f"{APPROXIMATE_BASE_YEAR} (SCB's net costs by service area)")
        return approximate_baseline(code, chosen)
    base_year = years[-1] if base_year is None else as_year("base_year", base_year)
    if (code, base_year) not in ADOPTED_BUDGETS:
        raise ValueError(f"base_year = {base_year} is not available for {name} ({code}); expected one of "
                         f"{years}")
    return from_adopted_budget(code, base_year, chosen, bool(use_plan_growth))
