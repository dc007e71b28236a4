"""Calendar years as the model takes them: checked whole numbers, and the longest projection.

The allowed range of a calendar year and of a projection's length are the core's (``docs/model.md`` §14).
"""
from __future__ import annotations

__all__ = ["MAX_HORIZON_YEARS", "as_year"]

#: The core's limit on the projection length (Projector: horizon at most base year + 50).
MAX_HORIZON_YEARS = 50


def as_year(name: str, value: object) -> int:
    """``value`` as a calendar year (an int, or a float/str holding a whole number).

    Raises
    ------
    ValueError
        Naming ``name`` and the value, for anything else (booleans included).
    """
    if isinstance(value, bool):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028") from None
    if not number.is_integer():
        raise ValueError(f"{name} = {value!r} is not a year; expected a whole number such as 2028")
    return int(number)

