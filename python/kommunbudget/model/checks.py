"""What counts as a number where the model takes one: any real number, Python's or numpy's, but not a bool.

A user's figures often come from numpy or pandas (``np.float64``, ``np.int64``, a pandas Series of year -> value);
they are as good as Python's ``float`` and ``int``. A bool is refused: ``True`` is an ``int`` in Python, but a yes/no
where an amount or a rate is meant is a mistake, not 1.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

__all__ = ["finite_real", "is_bool", "is_real_number"]


def is_real_number(value: Any) -> bool:
    """True for a real number: ``int``, ``float``, ``fractions.Fraction``, numpy's integer and floating scalars
    (anything registered as :class:`numbers.Real`); False for a bool (Python's or numpy's) and anything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not is_bool(value)


def is_bool(value: Any) -> bool:
    """True for Python's bool and numpy's (``np.bool_``, named ``bool`` in numpy 2), without importing numpy."""
    kind = type(value)
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"))


def finite_real(name: str, value: Any, expected: str = "a number") -> float:
    """``value`` as a finite float.

    Parameters
    ----------
    name : str
        The key named in the message (e.g. ``"share"``).
    value : object
        The value.
    expected : str
        What is expected, for the message (e.g. ``"a fraction such as 0.02"``).

    Raises
    ------
    ValueError
        ``<name> = <value> is not a number; expected ...`` for anything that is not a real number (a bool
        included), ``... is not a finite number`` for NaN and infinities.
    """
    if not is_real_number(value):
        raise ValueError(f"{name} = {value!r} is not a number; expected {expected}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} = {number} is not a finite number; expected {expected}")
    return number
