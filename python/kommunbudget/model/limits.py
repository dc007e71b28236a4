"""The core's table of limits: the allowed range of every input, declared once in C++ and read here.

The core checks every input against one table (``docs/model.md`` §14; ``core.field_limits()``). The Python layer
checks some values earlier, where they are written (a scenario file on load, a target's text, a portfolio row), and
takes the ranges from the same table through this module, so the two can never disagree. The table is read once per
process.

A row names a structure (the core struct, e.g. ``"FixedSaving"``, or the free function whose argument it is, e.g.
``"gap_saving_msek"``) and a field. Bounds are inclusive, except the lower bound of the rows whose description says
``> 0`` (e.g. a tax base) and an infinite bound; ``-inf`` / ``inf`` mean unbounded.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from kommunbudget.model import core

__all__ = ["FieldLimit", "all_limits", "field_limit", "limit", "outside_text", "range_text"]


@dataclass(frozen=True)
class FieldLimit:
    """One row of the core's table of limits (``docs/model.md`` §14).

    Attributes
    ----------
    structure, field : str
        The core struct (or free function) and the field (or argument), e.g. ``"FixedSaving"``, ``"amount_msek"``.
    low, high : float
        The allowed range, in ``unit``; ``-inf`` / ``inf`` for an unbounded side.
    unit : str
        E.g. ``"MSEK"``, ``"fraction"``, ``"fraction per year"``, ``"kr per 100 kr"``, ``"years"``,
        ``"calendar year"``.
    kind : str
        ``"amount"``, ``"whole_number"``, ``"share"``, ``"fraction"``, ``"tax_rate"`` or ``"tax_rate_change"`` (what
        hint the core's message gives).
    description : str
        What the field is.
    negative_sentinel : bool
        A negative value means something (e.g. -1 = PKV's weight) and is not checked against the range.
    """

    structure: str
    field: str
    low: float
    high: float
    unit: str
    kind: str
    description: str
    negative_sentinel: bool

    @property
    def low_open(self) -> bool:
        """The lower bound itself is not allowed: the rows whose description says ``> 0`` (the core's
        ``low_open``, which the table's Python view states in the description), or an unbounded side."""
        return "> 0" in self.description or math.isinf(self.low)

    @property
    def high_open(self) -> bool:
        """The upper bound itself is not allowed: only an unbounded side (``inf``)."""
        return math.isinf(self.high)

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)`` in :attr:`unit`."""
        return self.low, self.high

    def range_text(self) -> str:
        """The range as the core writes it: ``[0, 100000]``, ``(0, 1e+06]``, ``(0, inf)``; numbers as ``%g``."""
        return f"{'(' if self.low_open else '['}{self.low:g}, {self.high:g}{')' if self.high_open else ']'}"

    def contains(self, value: float) -> bool:
        """Whether ``value`` is inside the range (a negative value of a sentinel field is not)."""
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below


@functools.cache
def _table() -> dict[tuple[str, str], FieldLimit]:
    """The core's rows by (structure, field), read once per process."""
    rows = {}
    for row in core.field_limits():
        limit_row = FieldLimit(structure=str(row["structure"]), field=str(row["field"]), low=float(row["low"]),
                               high=float(row["high"]), unit=str(row["unit"]), kind=str(row["kind"]),
                               description=str(row["description"]), negative_sentinel=bool(row["negative_sentinel"]))
        rows[(limit_row.structure, limit_row.field)] = limit_row
    return rows


def all_limits() -> list[FieldLimit]:
    """Every row of the core's table, in the core's order (grouped by structure)."""
    return list(_table().values())


def field_limit(structure: str, field: str) -> FieldLimit:
    """The row of ``structure.field``.

    Raises
    ------
    ValueError
        For an unknown structure or field (the core's ``InputError``; the message lists the known ones).
    """
    row = _table().get((structure, field))
    if row is None:
        core.field_limit(structure, field)  # raises, naming what is known
        raise AssertionError(f"the core knows {structure}.{field} but its table did not list it")  # pragma: no cover
    return row


def limit(structure: str, field: str) -> tuple[float, float]:
    """The allowed range ``(low, high)`` of ``structure.field``, in the row's unit (see :func:`field_limit`).

    Raises
    ------
    ValueError
        For an unknown structure or field.
    """
    return field_limit(structure, field).range


def range_text(structure: str, field: str, unit: bool = True) -> str:
    """``"[low, high] unit"`` (e.g. ``"[0, 100000] MSEK"``), or without the unit; open bounds as the core writes
    them. Raises ValueError for an unknown structure or field."""
    row = field_limit(structure, field)
    return f"{row.range_text()} {row.unit}" if unit else row.range_text()


def outside_text(value: float, structure: str, field: str, unit: bool = True) -> str:
    """``"<value> is outside [low, high] unit"`` (the value as ``%g``), for a message that names the key itself.
    Raises ValueError for an unknown structure or field."""
    return f"{value:g} is outside {range_text(structure, field, unit)}"
