"""Calendar years as the model takes them: checked whole numbers in the calendar range, and the longest projection.

The allowed range of a calendar year and of a projection's length are the core's (``docs/model.md`` §14).
"""
from __future__ import annotations

from kommunbudget.model.limits import limit

__all__ = ["MAX_HORIZON_YEARS", "YEAR_RANGE", "as_year", "year_range_error"]

#: The core's limit on the projection length, in years after the base year (the Projector takes a horizon up to
#: base year + 50): the upper bound of the core's row ``Projection.horizon_years``.
MAX_HORIZON_YEARS = int(limit("Projection", "horizon_years")[1])

#: The calendar range of every year the model takes, inclusive, ``(1900, 2200)``: the core's row ``YearSeries.year``
#: (every series and year argument; the base year has the same range).
YEAR_RANGE = tuple(int(bound) for bound in limit("YearSeries", "year"))


def year_range_error(year: int) -> str:
    """'<year> is outside the calendar range [1900, 2200]' (for a message naming the key), or '' for a year in it."""
    lo, hi = YEAR_RANGE
    return "" if lo <= year <= hi else f"{year} is outside the calendar range [{lo}, {hi}]"


def as_year(name: str, value: object, *, calendar: bool = True) -> int:
    """``value`` as a calendar year: an int (numpy's too), or a float or str holding a whole number.

    Parameters
    ----------
    name : str
        The key named in messages (e.g. ``"horizon"``).
    value : object
        The year.
    calendar : bool
        Check the year against :data:`YEAR_RANGE`, [1900, 2200] (default). A caller that checks a narrower range
        right after (e.g. a horizon against base year .. base year + 50) passes False to name that range instead.

    Raises
    ------
    ValueError
        Naming ``name`` and the value, for anything else (booleans included) and, with ``calendar``, for a year
        outside :data:`YEAR_RANGE`.
    """
    if isinstance(value, bool):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028") from None
    if not number.is_integer():
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    year = int(number)
    if calendar and year_range_error(year):
        raise ValueError(f"{name} = {year_range_error(year)}")
    return year
