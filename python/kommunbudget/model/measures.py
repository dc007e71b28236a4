"""The one registry of measure kinds: what a scenario file may hold, the core type each kind becomes, the core
``Measures`` list it joins, its fields with their types, the fields it requires, and what it stands for on the
checklist. The scenario schema, the scenario run, the checklist and the presets read this table; adding a kind
starts here (``docs/architecture.md``, "Adding a measure kind").

The equations of every kind are the core's (``docs/model.md`` §6-8): the work line (``WorkLinePolicy``), a
disposal (``Disposal``), an efficiency measure (``EfficiencyMeasure``), a fixed saving (``FixedSaving``; also the
three derived kinds, whose yearly amount the core derives from a gap or a total) and a tax change (``TaxChange``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kommunbudget.data.pricebase import DEFAULT_PRICE_BASE_GROWTH, price_base_amounts
from kommunbudget.data.service_areas import OTHER_ACTIVITIES
from kommunbudget.model import core

__all__ = ["CORE_GROUPS", "MEASURE_KINDS", "PRICE_BASE_YEARS", "MeasureKind", "TIMING_FIELDS", "efficiency_base",
           "measure_kind", "price_base_series", "with_net_line_default"]

#: Years of prisbasbelopp a work line is given from its start year: a projection reaches at most 50 years past its
#: base year (Projection.horizon_years) and a work line starts in or after the base year.
PRICE_BASE_YEARS = 51

#: The timing fields shared by the ramped kinds (``docs/model.md`` §8): first year, start month (1-12), ramp years,
#: the share expected to be realised (fraction) and a one-off implementation cost (MSEK) in the first year.
TIMING_FIELDS: dict[str, type] = {"start_year": int, "start_month": int, "ramp_years": int, "realised_share": float,
                                  "one_off_cost_msek": float}

#: The lists of the core's ``Measures``, in the core's order.
CORE_GROUPS: tuple[str, ...] = ("tax_changes", "efficiency", "earned_income_changes", "work_lines", "disposals",
                                "fixed_savings")


@dataclass(frozen=True)
class MeasureKind:
    """One kind of measure a scenario file may hold.

    Attributes
    ----------
    name : str
        The ``kind`` written in a scenario file, e.g. ``"work_line"``.
    core_type : str
        The core struct it becomes (``WorkLinePolicy``, ``Disposal``, ``FixedSaving``, ``EfficiencyMeasure``,
        ``TaxChange``).
    group : str
        The list of the core's ``Measures`` it joins (one of :data:`CORE_GROUPS`).
    fields : Mapping[str, Any]
        The keys a file may give, each with its type (``int``, ``float``, ``bool``, ``str``, ``list``, or a tuple of
        types); units as in the core struct (MSEK, fractions, years).
    required : tuple[str, ...]
        The keys a file must give.
    lever : str
        What the kind values, in the checklist's words.
    derived_amount : str
        For a kind whose yearly amount is derived (``premises_target``, ``nka_gap``, ``area_gap``): how, in words;
        empty otherwise.
    """

    name: str
    core_type: str
    group: str
    fields: Mapping[str, Any] = field(repr=False)
    required: tuple[str, ...]
    lever: str
    derived_amount: str = ""


def _work_line_fields() -> dict[str, Any]:
    whole = ("start_year", "start_month", "ramp_years")
    tables = {"price_base_amount_kr": dict}  # {year = kr} in a file, over the data's series
    return {f: tables.get(f, int if f in whole else float) for f in core.WorkLinePolicy._fields if f != "name"}


def price_base_series(start_year: int, given: Mapping[Any, Any] | None = None) -> tuple[Any, str]:
    """The prisbasbelopp series a work line needs for its basic deduction (``WorkLinePolicy.price_base_amount_kr``):
    kr per income year from ``start_year`` for :data:`PRICE_BASE_YEARS` years, from ``prisbasbelopp.csv`` (2023-2026,
    SOURCES.md §24), later years grown by 2 % a year (``DEFAULT_PRICE_BASE_GROWTH``, a default, not data), with the
    years in ``given`` (year -> kr; keys may be text, as in a TOML table) replacing those.

    Returns
    -------
    (core.YearSeries, str)
        The series and a note of its provenance for output, e.g. "prisbasbelopp 2026 59 200 kr (data, SFS
        2025:872); after 2026 +2.0 % a year (default, not data)".

    Raises
    ------
    ValueError
        For a key that is not a year or a value that is not a number (the key named); the core checks the range.
    """
    amounts, last_known = price_base_amounts(start_year, start_year + PRICE_BASE_YEARS - 1)
    own = []
    for key, value in (given or {}).items():
        try:
            year = int(key)
        except (TypeError, ValueError):
            raise ValueError(f"price_base_amount_kr: key {key!r} is not a year; expected {{year = kr}}, e.g. "
                             f"{{2027 = 60000}}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"price_base_amount_kr[{key}] = {value!r} is not a number; expected kr, e.g. 60000")
        amounts[year] = float(value)
        own.append(year)
    years = sorted(amounts)
    series = core.YearSeries("price_base_amount_kr", years, [amounts[y] for y in years])
    known_kr = f"{price_base_amounts(last_known, last_known)[0][last_known]:,.0f}".replace(",", " ")
    note = (f"prisbasbelopp {last_known} {known_kr} kr (data, prisbasbelopp.csv); after {last_known} "
            f"+{DEFAULT_PRICE_BASE_GROWTH:.1%} a year (default, not data)")
    if own:
        note += f"; given in the scenario for {', '.join(str(y) for y in sorted(own))}"
    return series, note


def efficiency_base(fields: Mapping[str, Any]) -> tuple[float | None, str]:
    """The net (tax-financed) share an efficiency measure's rate acts on (``EfficiencyMeasure.net_share``,
    ``docs/model.md`` §8), from a scenario file's fields, and why.

    The package's baselines put NET costs on the service-area cost lines (SCB's net cost by activity, or the
    budget's own net cost by area: ``baselines/service_lines.py``, ``baselines/own_budget.py`` ``_cost_lines``) and
    the gross-up for fees and earmarked grants on ``other_activities``. So a rate on a service-area line acts on the
    whole line (share 1); only on ``other_activities`` or on all lines (``cost_line`` empty) does the core's
    municipality-wide net share of the year apply. ``on_gross`` and ``net_share`` are the user's overrides.

    Parameters
    ----------
    fields : Mapping[str, Any]
        The measure's fields (``cost_line``, ``on_gross``, ``net_share``; others ignored).

    Returns
    -------
    (float or None, str)
        The ``net_share`` to give the core (fraction in [0, 1]; None = the core's default, the municipality-wide
        share of the year, or ignored with ``on_gross``) and a key of why: ``"on_gross"``, ``"given"``,
        ``"net_line"`` or ``"municipality_wide"``.
    """
    line = str(fields.get("cost_line", ""))
    if fields.get("on_gross", False):
        return None, "on_gross"
    if "net_share" in fields:
        return float(fields["net_share"]), "given"
    if line and line != OTHER_ACTIVITIES:
        return 1.0, "net_line"
    return None, "municipality_wide"


def with_net_line_default(measures: core.Measures) -> core.Measures:
    """``measures`` with the package's default base for an efficiency measure on one service-area line: a measure
    whose ``cost_line`` is neither empty nor ``other_activities``, without ``on_gross`` and without its own
    ``net_share`` (negative, the core's sentinel) gets ``net_share = 1`` — the line is already a net cost in the
    package's baselines (see :func:`efficiency_base`). The same object when no measure needs it (no copy);
    otherwise a copy, ``measures`` unchanged.
    """
    efficiency = measures.efficiency
    if not any(m.cost_line not in ("", OTHER_ACTIVITIES) and not m.on_gross and m.net_share < 0.0
               for m in efficiency):
        return measures
    changed = []
    for m in efficiency:
        fields = {f: getattr(m, f) for f in core.EfficiencyMeasure._fields}
        share, _why = efficiency_base({k: v for k, v in fields.items() if k != "net_share" or v >= 0.0})
        if share is not None:
            fields["net_share"] = share
        changed.append(core.EfficiencyMeasure(**fields))
    return core.Measures(**{g: (changed if g == "efficiency" else getattr(measures, g)) for g in CORE_GROUPS})


#: Every kind, in the order the checklist lists them. ``MEASURE_KINDS[kind].fields`` is the table the scenario
#: schema validates a measure's keys against.
MEASURE_KINDS: dict[str, MeasureKind] = {
    k.name: k for k in (
        MeasureKind(
            "work_line", "WorkLinePolicy", "work_lines", _work_line_fields(),
            ("baseline_households", "cost_per_household_kr", "start_year", "target_reduction"),
            "WorkLinePolicy: fewer households on social assistance, earnings and benefits into the tax base"),
        MeasureKind(
            "disposal", "Disposal", "disposals",
            {"property": (dict, str), "year": int, "month": int, "price_msek": float, "debt_interest_rate": float},
            ("property", "year"),
            "Disposal of a Property: sale price, realisation gain, running cost and depreciation stop"),
        MeasureKind(
            "premises_target", "FixedSaving", "fixed_savings",
            {"total_premises_cost_msek": float, "share": float, **TIMING_FIELDS},
            ("share", "start_year"),  # the total may come from the portfolio
            "FixedSaving on total premises cost: a share of it (a savings requirement on premises)",
            "share × the total premises cost"),
        MeasureKind(
            "efficiency", "EfficiencyMeasure", "efficiency",
            {"from_year": int, "rate": float, "yearly": bool, "cost_line": str, "start_month": int,
             "ramp_years": int, "realised_share": float, "one_off_cost_msek": float, "on_gross": bool,
             "net_share": float},
            ("from_year", "rate"),
            "EfficiencyMeasure: a yearly or one-off productivity rate on the net cost of one cost line or all"),
        MeasureKind(
            "fixed_saving", "FixedSaving", "fixed_savings",
            {"amount_msek": float, "labour_share": float, **TIMING_FIELDS, "cost_line": str},
            ("amount_msek", "start_year"),
            "FixedSaving of a given amount (ramp, realised share, one-off cost)"),
        MeasureKind(
            "nka_gap", "FixedSaving", "fixed_savings",
            {"net_cost_msek": float, "net_cost_deviation_percent": float, "share_closed": float,
             "labour_share": float, **TIMING_FIELDS, "cost_line": str},
            ("net_cost_msek", "net_cost_deviation_percent", "share_closed", "start_year"),
            "FixedSaving closing part of the gap to the reference cost (NKA) of a service area",
            "share_closed × the gap net_cost_msek × NKA / (100 + NKA)"),
        MeasureKind(
            "area_gap", "FixedSaving", "fixed_savings",
            {"service_area": str, "basis": str, "peer_rule": str, "peers": list, "share_closed": float,
             "labour_share": float, **TIMING_FIELDS},
            ("service_area", "share_closed", "start_year"),
            "FixedSaving closing part of a service area's gap to its peers' net cost per inhabitant, or to "
            "Kolada's reference cost (Skåne), computed from the embedded data",
            "share_closed × the service area's gap"),
        MeasureKind(
            "tax_change", "TaxChange", "tax_changes",
            {"from_year": int, "change_kr_per_100kr": float},
            ("from_year", "change_kr_per_100kr"),
            "TaxChange: the alternative the checklist is tested against"),
    )
}


def measure_kind(name: str) -> MeasureKind:
    """The registered kind ``name``.

    Raises
    ------
    ValueError
        For an unknown kind (the message lists the kinds).
    """
    if name not in MEASURE_KINDS:
        raise ValueError(f"kind = {name!r} is not a measure kind; expected one of: {', '.join(MEASURE_KINDS)}")
    return MEASURE_KINDS[name]
