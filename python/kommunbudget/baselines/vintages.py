"""Assumption vintages: named, dated sets of national assumptions (PKV components and weights, tax base growth,
national tax capacity growth), as SKR or the government publish them.

A vintage is a TOML file (``data/files/vintages/*.toml`` in the package, or any file of the same form)::

    name = "skr-2025-report"
    published = "2025"
    description = "..."
    [series.tax_base_growth]
    unit = "fraction per year"
    source = "..."
    values = { 2024 = 0.031, 2025 = 0.045 }   # fractions by year
    tail = 0.04                               # every later year (optional)
    tail_source = "..."
    # or, instead of tail: follows = "tax_base_growth"

A vintage is one coherent forecast (RULES.md §6, "the same forecast for everything"), so it may also carry, all
optional and each checked against the core's limits table (``WageAgreement.*``, ``Vintage.*``; docs/data.md, "The
vintage file format")::

    wage_agreements = { 2024 = 0.04, 2025 = 0.034, 2026 = 0.030 }  # agreed rates (fractions), before the tables
    agreement_month = 4                                            # 1 April: ¼ of last year's rate + ¾ of this
    wage_agreements_source = "..."                                 # year's becomes the labour-cost change
    social_charges_rate = { 2025 = 0.40, 2026 = 0.40 }             # PO, fraction of wages (omitted: held)
    [national]                  # tax_base_growth_per_inhabitant, national_population_growth (fractions), source;
                                # (1 + per inhabitant) × (1 + population) must match the total within 0.0005
    [final_settlement]          # previous_year, current_year: kr per inhabitant by budget year; source
    [uprating_factors.2025]     # sfs, factors = { 2024 = 1.031, 2025 = 1.045 } (one ordinance), source

``published`` starts with a year (outputs state the vintage's age against the base year, :func:`vintage_age`);
:func:`vintage_template` gives an empty file to fill.

A file is UTF-8 text (a byte-order mark is accepted); years are calendar years in [1900, 2200]; a ``follows`` rule
names another series, and the rules may not form a cycle. Every error names the file and the key path as written
(``series.tax_base_growth.values.2025``).

A run records the vintage it used by its name (``Municipality.vintage``), so a name is one vintage: a user's file may
not carry a packaged vintage's name unless it holds that very vintage, and a text that is a packaged name means the
packaged vintage even if a file of that name exists (:func:`get_vintage` gives the rule).
:func:`kommunbudget.analysis.vintages.compare_vintages` shows what changed between two vintages and what it does to
a municipality's result.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import os
import tomllib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from kommunbudget.data.paths import files_folder
from kommunbudget.data.textfiles import decimal_comma_hint, read_user_text, strip_bom
from kommunbudget.model import core
from kommunbudget.model.assumptions import AssumptionSeries, Provenance
from kommunbudget.model.limits import field_limit
from kommunbudget.model.years import YEAR_RANGE, year_range_error

__all__ = ["DEFAULT_VINTAGE", "VINTAGE_SERIES", "Vintage", "get_vintage", "is_vintage_file", "list_vintages",
           "UpratingOrdinance", "load_vintage", "packaged_vintages", "parse_vintage", "vintage_age",
           "vintage_template"]

#: The series a vintage may hold, with their units.
VINTAGE_SERIES: dict[str, str] = {
    "labour_cost_change": "fraction per year",
    "other_cost_change": "fraction per year",
    "labour_weight": "fraction",
    "tax_base_growth": "fraction per year",
    "national_tax_capacity_growth": "fraction per year",
}


_TOP_KEYS = {"name", "published", "description", "series", "wage_agreements", "agreement_month",
             "wage_agreements_source", "social_charges_rate", "national", "final_settlement", "uprating_factors"}

#: Keys of the optional ``[national]`` table: national figures of the same forecast (fractions per year).
_NATIONAL_KEYS = {"tax_base_growth_per_inhabitant": ("Vintage", "tax_base_growth_per_inhabitant"),
                  "national_population_growth": ("Vintage", "national_population_growth")}

#: How far the total tax base growth may stray from per-inhabitant growth × population growth in one year before a
#: vintage is refused as incoherent: half a tenth of a percentage point (rounding of published one-decimal figures).
COHERENCE_TOLERANCE = 0.0005


_SERIES_KEYS = {"unit", "source", "values", "tail", "tail_source", "follows"}


_T = TypeVar("_T")

#: The vintage used when none is named.
DEFAULT_VINTAGE = "skr-2025-report"


@dataclass(frozen=True)
class Vintage:
    """A named, dated set of national assumptions.

    Attributes
    ----------
    name, published, description : str
        Identification; ``published`` is a date or year as text.
    source_file : str
        Where it was loaded from.
    series : dict[str, AssumptionSeries]
        One per name in :data:`VINTAGE_SERIES` (all five are required), values as fractions.
    """

    name: str
    published: str
    description: str
    source_file: str
    series: dict[str, AssumptionSeries]
    #: Agreed wage rates by year (fractions; ``wage_agreements``), the month they take effect and their source.
    wage_agreements: dict[int, float] = field(default_factory=dict)
    agreement_month: int | None = None
    wage_agreements_source: str = ""
    #: PO (personalomkostnader) by year, fraction of wages (``social_charges_rate``); empty: held.
    social_charges_rate: dict[int, float] = field(default_factory=dict)
    #: ``[national]``: tax base growth per inhabitant and national population growth by year (fractions), source.
    national: dict[str, dict[int, float]] = field(default_factory=dict)
    national_source: str = ""
    #: ``[final_settlement]``: SKR's forecast of the final settlements booked in each budget year, kr per
    #: inhabitant: ``previous_year`` (of last year's income) and ``current_year`` (of this year's), and source.
    final_settlement: dict[str, dict[int, float]] = field(default_factory=dict)
    final_settlement_source: str = ""
    #: ``[uprating_factors.<budget year>]``: the government's ordinance in force for each budget year.
    uprating_factors: dict[int, UpratingOrdinance] = field(default_factory=dict)
    #: Figures derived from this vintage alone, by key (see :meth:`derived`): a vintage is immutable, so each is
    #: built once and shared (a copy made with dataclasses.replace starts empty).
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def label(self) -> str:
        """'name (published)'."""
        return f"{self.name} ({self.published})"

    def derived(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """``build()``, computed once per vintage and ``key`` and then shared: for figures that depend on this
        vintage and the key alone (e.g. an approximate baseline's neutral volume path for a base year). The value is
        shared by every caller, so ``build`` must return immutable objects (frozen dataclasses, tuples) or objects
        no caller mutates."""
        try:
            return self._derived[key]
        except KeyError:
            return self._derived.setdefault(key, build())

    def resolved(self, name: str) -> AssumptionSeries:
        """Series ``name`` with a ``follows`` rule resolved inside this vintage: the years and tail of the series it
        follows, with the rule's provenance. So a municipality's own (e.g. user-set) tax base growth does not move
        the national tax capacity: the national capacity follows the vintage's tax base growth."""
        s = self.series[name]
        if s.tail_follows is None:
            return s
        other = self.resolved(s.tail_follows)
        rule = s.tail_provenance
        values = {y: v for y, v in other.values.items() if y not in s.values}
        values.update(s.values)
        provenance = {y: (s.provenance[y] if y in s.values else rule) for y in values}
        return AssumptionSeries(name, s.unit, values, provenance, other.tail_value, rule if other.tail_value is not None
                                else None)


@dataclass(frozen=True)
class UpratingOrdinance:
    """The government's uprating factors (uppräkningsfaktorer) in force for one budget year: one ordinance (SFS).

    Attributes
    ----------
    budget_year : int
    sfs : str
        The ordinance, e.g. ``"2024:669"``.
    factors : dict[int, float]
        Income year -> factor (e.g. {2024: 1.031, 2025: 1.045}): the income years budget_year − 1 and budget_year.
    source : str
    """

    budget_year: int
    sfs: str
    factors: dict[int, float]
    source: str


def _fail(where: str, message: str) -> ValueError:
    return ValueError(f"vintage {where}: {message}")


def _shown(value: Any) -> str:
    """A value for a message, as it is written in TOML where that is plain (``5``, ``[1, 2]``, ``"x"``)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value)


def _kind(value: Any) -> str:
    return ("text" if isinstance(value, str) else "true or false" if isinstance(value, bool) else
            "a number" if isinstance(value, (int, float)) else "a list" if isinstance(value, list) else
            "a table" if isinstance(value, dict) else type(value).__name__)


def parse_vintage(text: str, source_file: str = "<text>") -> Vintage:
    """Parses and validates a vintage from TOML text.

    Parameters
    ----------
    text : str
        The TOML text (a leading byte-order mark is dropped).
    source_file : str
        Named in messages and kept as :attr:`Vintage.source_file`.

    Raises
    ------
    ValueError
        Naming the file (and the vintage's name once it is known) and the key path as written
        (``series.tax_base_growth.values.2025``), the value and what is allowed: invalid TOML; unknown or missing
        keys; ``name``, ``published`` or ``description`` of the wrong type (``published`` is text, a year or a
        date); ``series`` not a table, a series not in :data:`VINTAGE_SERIES` or not a table; a wrong unit;
        ``values`` not a table of year = fraction; a year that is not a whole number, is given twice or is
        outside the calendar range [1900, 2200]; a value that is not a finite number or is outside [-0.5, 0.5]
        ([0, 1] for ``labour_weight``; fractions, a percentage gets a hint); ``follows`` not the name of another
        series, or ``follows`` rules that form a cycle; both ``tail`` and ``follows``; a missing source or
        rule basis; a series with neither values nor a tail or follows rule; ``published`` not starting with a
        year. For the optional parts: a value outside its limits row (the message names the key path, the value,
        the range and unit; a percent for a fraction gets a hint); ``wage_agreements`` without ``agreement_month``
        or its source, not consecutive, or giving a year ``series.labour_cost_change.values`` gives too; an
        ``[uprating_factors.<year>]`` whose factors are not exactly income years year − 1 and year; unknown keys;
        a total tax base growth that does not match growth per inhabitant × population growth
        (:data:`COHERENCE_TOLERANCE`).
    """
    try:
        doc = tomllib.loads(strip_bom(text))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source_file, f"not valid TOML: {exc}{decimal_comma_hint(text, exc)}") from None
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise _fail(source_file, f"unknown key(s) {sorted(unknown)}; expected {sorted(_TOP_KEYS)}")
    for key in ("name", "published", "series"):
        if key not in doc:
            raise _fail(source_file, f"missing key {key!r}")
    if not isinstance(doc["name"], str):
        raise _fail(source_file, f"name = {_shown(doc['name'])} is not text; expected a name such as "
                                 f'"my-vintage-2026"')
    name = doc["name"].strip()
    if not name:
        raise _fail(source_file, "name is empty")
    where = f"{source_file} ({name})"
    if isinstance(doc["published"], bool) or not isinstance(doc["published"], (str, int, dt.date)):
        raise _fail(where, f"published = {_shown(doc['published'])} is {_kind(doc['published'])}; expected a date "
                           f"or year as text (\"2025-09-19\"), a year or a TOML date")
    published_text = str(doc["published"])
    if not (published_text[:4].isdigit() and len(published_text) >= 4):
        raise _fail(where, f"published = {_shown(doc['published'])} does not start with a year; expected the "
                           f"publication date as \"2025-04-29\" (or a year, \"2025\"): outputs state the vintage's "
                           f"age against the base year")
    if not isinstance(doc.get("description", ""), str):
        raise _fail(where, f"description = {_shown(doc['description'])} is not text")
    if not isinstance(doc["series"], dict):
        raise _fail(where, f"series = {_shown(doc['series'])} is {_kind(doc['series'])}; expected a table "
                           f"[series.<name>] for each of {sorted(VINTAGE_SERIES)}")
    missing = set(VINTAGE_SERIES) - set(doc["series"])
    if missing:
        raise _fail(where, f"series {sorted(missing)} missing; a vintage gives all of {sorted(VINTAGE_SERIES)}")
    label = f"vintage {name} ({doc['published']})"
    series: dict[str, AssumptionSeries] = {}
    for sname, spec in doc["series"].items():
        path = f"series.{sname}"
        if sname not in VINTAGE_SERIES:
            raise _fail(where, f"{path} is not a vintage series; expected one of {sorted(VINTAGE_SERIES)}")
        if not isinstance(spec, dict):
            raise _fail(where, f"{path} = {_shown(spec)} is {_kind(spec)}; expected a table ([{path}])")
        series[sname] = _parse_series(where, path, sname, spec, label)
    _check_follows(where, series)
    extras = _parse_extras(where, doc, label)
    _apply_wage_agreements(where, series, extras, label)
    _check_coherent(where, series, extras)
    return Vintage(name=name, published=str(doc["published"]), description=doc.get("description", "").strip(),
                   source_file=source_file, series=series, **extras)


def _year_table(where: str, path: str, raw: Any, check: Callable[[str, Any], float], what: str = "number",
                example: str = "{ 2025 = 0.034, 2026 = 0.030 }") -> dict[int, float]:
    """A TOML table of year = ``what``, each checked by ``check(path_of_the_value, value)``; a year given twice
    (e.g. ``2025`` and ``"02025"``) is refused. ``example`` is shown when the table is something else."""
    if not isinstance(raw, dict):
        raise _fail(where, f"{path} = {_shown(raw)} is {_kind(raw)}; expected a table of year = {what}, e.g. "
                           f"{example}")
    out: dict[int, float] = {}
    for key, value in raw.items():
        try:
            year = int(str(key))
        except ValueError:
            raise _fail(where, f"{path}: {key!r} is not a year; expected a whole number in the calendar range "
                               f"[{YEAR_RANGE[0]}, {YEAR_RANGE[1]}]") from None
        if year_range_error(year):
            raise _fail(where, f"{path}.{key}: the year {year_range_error(year)}")
        if year in out:
            raise _fail(where, f"{path}.{key}: the year {year} is given twice")
        out[year] = check(f"{path}.{key}", value)
    return dict(sorted(out.items()))


def _limited(where: str, structure: str, field_name: str) -> Callable[[str, Any], float]:
    """A checker of one number against the core's limits row ``structure.field_name``; the message names the key
    path, the value and the row's range (a percent given for a fraction gets a hint)."""
    row = field_limit(structure, field_name)

    def check(path: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise _fail(where, f"{path} = {_shown(value)} is not a finite number; expected {row.range_text()}")
        value = float(value)
        if not row.contains(value):
            hint = (f"; did you mean {value / 100:g}?" if row.unit.startswith("fraction") and abs(value) >= 1
                    and row.contains(value / 100) else "")
            raise _fail(where, f"{path} = {value:g} is outside {row.range_text()} {row.unit}{hint}")
        return value
    return check


def _text_key(where: str, table: dict, path: str, key: str, required: bool) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise _fail(where, f"{path}{key} = {_shown(value)} is {_kind(value)}; expected text")
    if required and not value.strip():
        raise _fail(where, f"{path}{key} is empty; every figure needs its source")
    return value.strip()


def _parse_extras(where: str, doc: dict[str, Any], label: str) -> dict[str, Any]:
    """The optional parts of a vintage beyond its five series (see :func:`parse_vintage`), checked against the
    core's limits table (WageAgreement.*, Vintage.*)."""
    out: dict[str, Any] = {}
    if "wage_agreements" in doc:
        out["wage_agreements"] = _year_table(where, "wage_agreements", doc["wage_agreements"],
                                             _limited(where, "WageAgreement", "rate"))
        if "agreement_month" not in doc:
            raise _fail(where, "wage_agreements needs agreement_month (the month the rates take effect, 1-12; "
                               "usually 4 for 1 April)")
        out["wage_agreements_source"] = _text_key(where, doc, "", "wage_agreements_source", True)
    if "agreement_month" in doc:
        if "wage_agreements" not in doc:
            raise _fail(where, "agreement_month is given without wage_agreements")
        month = doc["agreement_month"]
        row = field_limit("WageAgreement", "start_month")
        if isinstance(month, bool) or not isinstance(month, int) or not row.contains(month):
            raise _fail(where, f"agreement_month = {_shown(month)}; expected a whole month {row.range_text()} "
                               f"(4 for 1 April)")
        out["agreement_month"] = int(month)
    if "social_charges_rate" in doc:
        out["social_charges_rate"] = _year_table(where, "social_charges_rate", doc["social_charges_rate"],
                                                 _limited(where, "WageAgreement", "social_charges_rate"))
    if "national" in doc:
        table = doc["national"]
        if not isinstance(table, dict):
            raise _fail(where, f"national = {_shown(table)} is {_kind(table)}; expected a table [national]")
        bad = set(table) - set(_NATIONAL_KEYS) - {"source"}
        if bad:
            raise _fail(where, f"national: unknown key(s) {sorted(bad)}; expected {sorted(_NATIONAL_KEYS)} and "
                               f"source")
        out["national"] = {k: _year_table(where, f"national.{k}", table[k], _limited(where, *_NATIONAL_KEYS[k]))
                           for k in _NATIONAL_KEYS if k in table}
        out["national_source"] = _text_key(where, table, "national.", "source", True)
    if "final_settlement" in doc:
        table = doc["final_settlement"]
        if not isinstance(table, dict):
            raise _fail(where, f"final_settlement = {_shown(table)} is {_kind(table)}; expected a table "
                               f"[final_settlement]")
        bad = set(table) - {"previous_year", "current_year", "source"}
        if bad:
            raise _fail(where, f"final_settlement: unknown key(s) {sorted(bad)}; expected previous_year, "
                               f"current_year and source")
        check = _limited(where, "Vintage", "final_settlement_kr_per_inhabitant")
        out["final_settlement"] = {k: _year_table(where, f"final_settlement.{k}", table[k], check)
                                   for k in ("previous_year", "current_year") if k in table}
        out["final_settlement_source"] = _text_key(where, table, "final_settlement.", "source", True)
    if "uprating_factors" in doc:
        out["uprating_factors"] = _parse_uprating(where, doc["uprating_factors"])
    return out


def _parse_uprating(where: str, raw: Any) -> dict[int, UpratingOrdinance]:
    """``[uprating_factors.<budget year>]`` tables: sfs, source and factors for income years budget year − 1 and
    budget year (one ordinance per budget year: factors of two ordinances are never mixed)."""
    if not isinstance(raw, dict):
        raise _fail(where, f"uprating_factors = {_shown(raw)} is {_kind(raw)}; expected tables "
                           f"[uprating_factors.<budget year>]")
    check = _limited(where, "Vintage", "uprating_factor")
    out: dict[int, UpratingOrdinance] = {}
    for key, table in raw.items():
        path = f"uprating_factors.{key}"
        try:
            budget_year = int(str(key))
        except ValueError:
            raise _fail(where, f"{path}: {key!r} is not a budget year") from None
        if year_range_error(budget_year):
            raise _fail(where, f"{path}: the year {year_range_error(budget_year)}")
        if not isinstance(table, dict):
            raise _fail(where, f"{path} = {_shown(table)} is {_kind(table)}; expected a table with sfs, factors and "
                               f"source")
        bad = set(table) - {"sfs", "factors", "source"}
        if bad:
            raise _fail(where, f"{path}: unknown key(s) {sorted(bad)}; expected sfs, factors and source")
        sfs = _text_key(where, table, f"{path}.", "sfs", True)
        source = _text_key(where, table, f"{path}.", "source", True)
        factors = _year_table(where, f"{path}.factors", table.get("factors", {}), check)
        expected = {budget_year - 1, budget_year}
        if set(factors) != expected:
            raise _fail(where, f"{path}.factors gives income years {sorted(factors)}; the ordinance for budget year "
                               f"{budget_year} gives exactly {sorted(expected)}")
        out[budget_year] = UpratingOrdinance(budget_year, sfs, factors, source)
    return dict(sorted(out.items()))


def _apply_wage_agreements(where: str, series: dict[str, AssumptionSeries], extras: dict[str, Any],
                           label: str) -> None:
    """Replaces nothing and fills the labour-cost change from the wage agreements where they are given: the core's
    yearly averages (``core.wage_agreement_averages``: ¼ of last year's rate + ¾ of this year's for April; RULES.md
    §6), times the change of PO where ``social_charges_rate`` gives both years (``core.labour_cost_change_with_po``),
    else PO held. A year given both ways is an error."""
    rates = extras.get("wage_agreements")
    if not rates:
        return
    years = sorted(rates)
    if years != list(range(years[0], years[-1] + 1)):
        raise _fail(where, f"wage_agreements gives the years {years}; expected consecutive years")
    month = extras["agreement_month"]
    try:
        averages = core.wage_agreement_averages(core.YearSeries("wage_agreements", years, [rates[y] for y in years]),
                                                month)
    except ValueError as exc:
        raise _fail(where, f"wage_agreements: {exc}") from None
    labour = series["labour_cost_change"]
    po = extras.get("social_charges_rate", {})
    values = dict(labour.values)
    provenance = dict(labour.provenance)
    for year, avg in averages.as_dict().items():
        if year in values:
            raise _fail(where, f"series.labour_cost_change.values.{year} and wage_agreements both give {year}'s "
                               f"labour-cost change; give one of them")
        carried = (month - 1) / 12
        how = (f"{carried:.4g} × {rates[year - 1]:g} + {1 - carried:.4g} × {rates[year]:g}" if year - 1 in rates
               else f"{rates[year]:g}")
        if year in po and year - 1 in po:
            values[year] = core.labour_cost_change_with_po(avg, po[year - 1], po[year])
            po_text = f"; PO {po[year - 1]:g} -> {po[year]:g} of wages"
        else:
            values[year] = avg
            po_text = "; PO held (no social_charges_rate for both years)"
        provenance[year] = Provenance("derived", f"{label}: yearly average of the wage agreements from month "
                                                 f"{month}: {how} = {avg:.4f}{po_text} "
                                                 f"({extras['wage_agreements_source']})")
    tail_from = max(values) + 1 if (labour.tail_value is not None or labour.tail_follows is not None) else None
    series["labour_cost_change"] = AssumptionSeries(labour.name, labour.unit, dict(sorted(values.items())),
                                                    provenance, labour.tail_value, labour.tail_provenance,
                                                    tail_from, labour.tail_follows)


def _check_coherent(where: str, series: dict[str, AssumptionSeries], extras: dict[str, Any]) -> None:
    """One forecast: where a year has the total tax base growth, the growth per inhabitant and the national
    population growth, (1 + total) must equal (1 + per inhabitant) × (1 + population) within
    :data:`COHERENCE_TOLERANCE` (RULES.md §5: the total holds the population growth)."""
    national = extras.get("national", {})
    per_inh = national.get("tax_base_growth_per_inhabitant", {})
    pop = national.get("national_population_growth", {})
    total = series["tax_base_growth"].values
    for year in sorted(set(per_inh) & set(pop) & set(total)):
        implied = (1 + per_inh[year]) * (1 + pop[year]) - 1
        if abs(implied - total[year]) > COHERENCE_TOLERANCE:
            raise _fail(where, f"series.tax_base_growth.values.{year} = {total[year]:g} does not match "
                               f"national.tax_base_growth_per_inhabitant.{year} = {per_inh[year]:g} and "
                               f"national.national_population_growth.{year} = {pop[year]:g}: (1 + per inhabitant) × "
                               f"(1 + population) − 1 = {implied:.4f}; expected the same forecast (within "
                               f"{COHERENCE_TOLERANCE:g})")


def _parse_series(where: str, path: str, sname: str, spec: dict[str, Any], label: str) -> AssumptionSeries:
    """One ``[series.<name>]`` table, checked (see :func:`parse_vintage`)."""
    bad = set(spec) - _SERIES_KEYS
    if bad:
        raise _fail(where, f"{path}: unknown key(s) {sorted(bad)}; expected {sorted(_SERIES_KEYS)}")
    for key in ("unit", "source", "tail_source"):
        if key in spec and not isinstance(spec[key], str):
            raise _fail(where, f"{path}.{key} = {_shown(spec[key])} is {_kind(spec[key])}; expected text")
    unit = spec.get("unit", VINTAGE_SERIES[sname])
    if unit != VINTAGE_SERIES[sname]:
        raise _fail(where, f"{path}.unit = {unit!r}; expected {VINTAGE_SERIES[sname]!r}")
    values = _year_table(where, f"{path}.values", spec.get("values", {}),
                         lambda value_path, value: _fraction(where, value_path, value), "fraction",
                         "values = { 2025 = 0.04, 2026 = 0.035 }")
    follows = spec.get("follows")
    if follows is not None and not isinstance(follows, str):
        raise _fail(where, f"{path}.follows = {_shown(follows)} is {_kind(follows)}; expected the name of another "
                           f"series, one of {sorted(VINTAGE_SERIES)}")
    if follows is not None and follows not in VINTAGE_SERIES:
        raise _fail(where, f"{path}.follows = {follows!r}; expected one of {sorted(VINTAGE_SERIES)}")
    tail = spec.get("tail")
    if tail is not None:
        tail = _fraction(where, f"{path}.tail", tail)
    if tail is not None and follows is not None:
        raise _fail(where, f"{path}: give either tail or follows, not both")
    source = spec.get("source", "").strip()
    if values and not source:
        raise _fail(where, f"{path}.source is empty; every figure needs its source")
    tail_source = spec.get("tail_source", "").strip()
    if (tail is not None or follows is not None) and not tail_source:
        raise _fail(where, f"{path}.tail_source is empty; a rule needs its basis")
    if not values and tail is None and follows is None:
        raise _fail(where, f"{path} has neither values nor a tail or follows rule")
    prov = Provenance("data", f"{label}: {source}")
    return AssumptionSeries(
        sname, VINTAGE_SERIES[sname], values, {y: prov for y in values}, tail,
        Provenance("default", f"{label}: {tail_source}") if (tail is not None or follows is not None) else None,
        tail_follows=follows)


def _check_follows(where: str, series: dict[str, AssumptionSeries]) -> None:
    """Refuses ``follows`` rules that come back to where they started (a follows b follows a; a follows a)."""
    for start in series:
        chain = [start]
        while series[chain[-1]].tail_follows is not None:
            nxt = series[chain[-1]].tail_follows
            if nxt in chain:
                steps = ", ".join(f"series.{a}.follows = {series[a].tail_follows!r}" for a in chain[chain.index(nxt):])
                raise _fail(where, f"{steps}: the follows rules form a cycle; expected a chain that ends in a "
                                   f"series without follows (one with its own values or tail)")
            chain.append(nxt)


#: Each vintage series -> the core's row of limits for the input it becomes (docs/model.md §14).
_SERIES_LIMITS: dict[str, tuple[str, str]] = {
    "labour_cost_change": ("PriceIndex", "labour_cost_change"),
    "other_cost_change": ("PriceIndex", "other_cost_change"),
    "labour_weight": ("PriceIndex", "labour_weight"),
    "tax_base_growth": ("Assumptions", "tax_base_growth"),
    "national_tax_capacity_growth": ("Assumptions", "national_tax_capacity_growth"),
}


def _fraction(where: str, path: str, value) -> float:
    """A series value (``path`` = ``series.<name>.values.<year>`` or ``.tail``) checked against the core's range for
    the input it becomes; a percent given for a fraction gets the fraction it probably means."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(where, f"{path} = {_shown(value)} is not a finite number; expected a fraction, e.g. 0.03")
    value = float(value)
    row = field_limit(*_SERIES_LIMITS[path.split(".")[1]])
    if not row.contains(value):
        hint = f"; did you mean {value / 100:g}?" if row.contains(value / 100) and abs(value) >= 1 else ""
        raise _fail(where, f"{path} = {value:g} is outside {row.range_text()} (a fraction is expected{hint})")
    return value


def load_vintage(path: str | os.PathLike[str]) -> Vintage:
    """Loads a vintage from a TOML file (UTF-8; a byte-order mark is accepted).

    A file whose ``name`` is a packaged vintage's name is refused unless it holds that very vintage (the packaged
    file itself, or an unchanged copy): a run records the vintage by its name, so a changed file under a packaged
    name would be reported as the packaged vintage.

    Raises
    ------
    ValueError
        As :func:`parse_vintage`; for a missing file; for a file that is not UTF-8 text (the byte and its position
        named); for a packaged vintage's name on other figures (the message says to rename it). Every message names
        the file.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"vintage file {str(path)!r} does not exist")
    try:
        text = read_user_text(path)
    except ValueError as exc:
        raise _fail(str(path), str(exc)) from None
    v = parse_vintage(text, str(path))
    _check_not_packaged_name(v)
    return v


def _same_vintage(a: Vintage, b: Vintage) -> bool:
    return dataclasses.replace(a, source_file="") == dataclasses.replace(b, source_file="")


def _check_not_packaged_name(v: Vintage) -> None:
    """Refuses a vintage that carries a packaged vintage's name but not its figures."""
    packaged = _packaged().get(v.name)
    if packaged is not None and not _same_vintage(v, packaged):
        raise _fail(f"{v.source_file} ({v.name})",
                    f"vintage name {v.name!r} is used twice: {packaged.source_file} (packaged) and {v.source_file}; "
                    f"a run records the vintage by its name, so rename this one (e.g. name = \"{v.name}-own\")")


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, Vintage]:
    folder = files_folder() / "vintages"
    found: dict[str, Vintage] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        v = parse_vintage(entry.read_text(encoding="utf-8"), f"kommunbudget/data/files/vintages/{entry.name}")
        if v.name in found:
            raise ValueError(f"vintage name {v.name!r} is used twice: {found[v.name].source_file} and "
                             f"{v.source_file}; expected unique names")
        found[v.name] = v
    return found


def packaged_vintages(extra: list[Vintage] | None = None) -> dict[str, Vintage]:
    """The vintages shipped with the package, plus ``extra`` ones.

    Raises
    ------
    ValueError
        If two vintages share a name (packaged or extra).
    """
    out = dict(_packaged())
    for v in extra or []:
        if v.name in out:
            raise ValueError(f"vintage name {v.name!r} is used twice: {out[v.name].source_file} and "
                             f"{v.source_file}; expected unique names")
        out[v.name] = v
    return out


def is_vintage_file(text: str) -> bool:
    """Whether :func:`get_vintage` reads ``text`` as a file path rather than a packaged vintage's name: it is not a
    packaged name, and it ends in ``.toml`` or names an existing file (see :func:`get_vintage` for the rule)."""
    return text not in _packaged() and (text.endswith(".toml") or Path(text).is_file())


def get_vintage(name_or_path: str | os.PathLike[str] | Vintage | None = None) -> Vintage:
    """A vintage by name (packaged), by TOML file path, or as given; None gives :data:`DEFAULT_VINTAGE`.

    How a text is resolved (a name wins over a file of the same name):

    1. a packaged vintage's name (:func:`list_vintages`) is that vintage, even if a file of that name exists in the
       working folder (to load such a file, write a path to it, e.g. ``./skr-2025-report``);
    2. otherwise a text ending in ``.toml`` or naming an existing file is loaded with :func:`load_vintage`
       (relative paths against the working folder; a scenario file's ``vintage`` is resolved against the scenario
       file's folder when the scenario is loaded);
    3. anything else is an error listing the packaged names.

    A ``pathlib.Path`` (any path-like object) is always a file. A vintage, from a file or given as a
    :class:`Vintage`, may carry a packaged vintage's name only if it holds that vintage's figures.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the known ones), a missing or invalid file (named), or a packaged
        name on other figures (the message says to rename it).
    """
    if isinstance(name_or_path, Vintage):
        _check_not_packaged_name(name_or_path)
        return name_or_path
    if name_or_path is None:
        name_or_path = DEFAULT_VINTAGE
    if isinstance(name_or_path, os.PathLike):
        return load_vintage(name_or_path)
    text = str(name_or_path)
    known = _packaged()
    if text in known:
        return known[text]
    if is_vintage_file(text):
        return load_vintage(text)
    raise ValueError(f"vintage = {text!r} is not a packaged vintage or a .toml file; expected one of: "
                     f"{', '.join(known)}")


def list_vintages() -> pd.DataFrame:
    """The packaged vintages: columns ``name``, ``published``, ``description``, ``file``."""
    rows = [{"name": v.name, "published": v.published, "description": v.description, "file": v.source_file}
            for v in _packaged().values()]
    return pd.DataFrame(rows, columns=["name", "published", "description", "file"])


def vintage_age(name: str, published: str, base_year: int) -> dict[str, Any]:
    """A vintage's age against a projection's base year, for every output that uses a vintage.

    Parameters
    ----------
    name, published : str
        The vintage's name and publication date as text (``"2025"``, ``"2025-04"``, ``"2024-09-19"``).
    base_year : int
        The base year of the projection.

    Returns
    -------
    dict
        ``name``, ``published``, ``published_year`` (int, or None if ``published`` does not start with a year),
        ``years_after_base_year`` (published year − base year; negative: published before the base year; None
        without a year) and ``text`` ("vintage skr-2025-report, published 2025, 1 year after the base year 2024").
    """
    head = published.strip()[:4]
    year = int(head) if head.isdigit() and len(head) == 4 else None
    if year is None:
        when = "publication year unknown"
    else:
        gap = year - base_year
        if gap == 0:
            when = f"in the base year {base_year}"
        else:
            unit = "year" if abs(gap) == 1 else "years"
            when = f"{abs(gap)} {unit} {'after' if gap > 0 else 'before'} the base year {base_year}"
    text = f"Vintage {name}, published {published or '(no date)'}, {when}."
    return {"name": name, "published": published, "published_year": year,
            "years_after_base_year": None if year is None else year - base_year, "text": text}


#: Placeholders in :func:`vintage_template`: ``nan`` numbers and empty sources, which :func:`parse_vintage` refuses
#: until they are filled, so an unfilled template can never pass for figures.
_TEMPLATE = '''# A kommunbudget assumption vintage: one coherent forecast, to fill from ONE SKR circular (cirkulär
# "Budgetförutsättningar för åren ...") and its files (skatteunderlagsprognos, PKV). RULES.md §5-6: PKV and the tax
# base growth must come from the same forecast. Every number is checked against the core's limits table; an
# unfilled placeholder (nan, an empty source) is refused by name.
# Fractions, not percent: 0.034 = 3.4 %. Years are calendar years (budget years).
# Use it with:  kommunbudget project Sjöbo --vintage THIS-FILE.toml  (name must not be a packaged vintage's).

name = "{name}"                 # text: a new, unique name (a run records the vintage by its name)
published = "YYYY-MM-DD"        # text: the circular's publication date; outputs state its age against the base year
description = """Fill: which circular and files, e.g. SKR cirkulär 25:xx (2025-04-29), skatteunderlagsprognos \
and PKV of the same date."""

# Wage agreements (avtal), optional: agreed rates by year, fractions, from agreement_month (4 = 1 April).
# Each year's labour-cost change becomes (month − 1)/12 × last year's rate + (13 − month)/12 × this year's
# (the overhang, RULES.md §6), so give the year before the first you need. Give either these or
# series.labour_cost_change.values for a year, not both. Remove the four lines if you take SKR's PKV directly.
wage_agreements = {{ {y0} = nan, {y1} = nan, {y2} = nan }}   # fraction per year, e.g. 0.034
agreement_month = 4                                        # month 1-12 the rates take effect
wage_agreements_source = ""                                 # text: the agreements, e.g. "SKR-Kommunal HÖK 2025"
social_charges_rate = {{ {y1} = nan, {y2} = nan }}            # PO, fraction of wages (e.g. 0.40); omit to hold PO

[series.labour_cost_change]     # PKV labour cost (arbetskraftskostnad) incl. PO, fraction per year
unit = "fraction per year"
source = ""                     # text: where the figures are (circular, table)
values = {{ }}                    # year = fraction, e.g. {{ {y1} = 0.035 }} (years not given by wage_agreements)
tail = nan                      # every later year, fraction per year
tail_source = ""                # text: the basis of the tail

[series.other_cost_change]      # PKV other consumption (övrig förbrukning), fraction per year
unit = "fraction per year"
source = ""
values = {{ {y1} = nan, {y2} = nan }}
tail = nan
tail_source = ""

[series.labour_weight]          # PKV weight of labour costs, fraction in [0, 1] (2024: 0.691)
unit = "fraction"
source = ""
values = {{ {y1} = nan, {y2} = nan }}
tail = nan
tail_source = ""

[series.tax_base_growth]        # national tax base growth, total (skatteunderlagets ökning), fraction per year
unit = "fraction per year"
source = ""
values = {{ {y1} = nan, {y2} = nan }}
tail = nan
tail_source = ""

[series.national_tax_capacity_growth]   # the national average tax capacity (medelskattekraft), fraction per year
unit = "fraction per year"
source = ""
values = {{ }}
follows = "tax_base_growth"     # or values/tail of its own
tail_source = "the national tax capacity grows with this vintage's tax base growth"

[national]                      # the same forecast's national figures, fractions per year (checked: (1 + per
                                # inhabitant) × (1 + population) must equal 1 + the total tax base growth)
tax_base_growth_per_inhabitant = {{ {y1} = nan, {y2} = nan }}
national_population_growth = {{ {y1} = nan, {y2} = nan }}
source = ""

[final_settlement]              # SKR's final settlement forecasts (slutavräkning), kr per inhabitant booked in the
                                # budget year: previous_year = of last year's income, current_year = of this year's
previous_year = {{ {y1} = nan }}
current_year = {{ {y1} = nan }}
source = ""

[uprating_factors.{y1}]         # the government's uprating factors in force for budget year {y1}: ONE ordinance
sfs = ""                        # text: e.g. "2024:669"
factors = {{ {y0} = nan, {y1} = nan }}   # income year = factor (e.g. 1.045), income years {y0} and {y1} exactly
source = ""
'''


def vintage_template(name: str = "my-vintage", first_year: int = 2025) -> str:
    """The TOML text of an empty vintage to fill from SKR's latest circular: every field with its unit and meaning
    in a comment, numbers as ``nan`` and sources empty (placeholders :func:`parse_vintage` refuses by name until
    they are filled). ``first_year`` is the first budget year shown (the agreement year before it is included for
    the overhang).

    Raises
    ------
    ValueError
        For a ``first_year`` outside the calendar range.
    """
    if year_range_error(first_year) or year_range_error(first_year - 1):
        raise ValueError(f"first_year = {first_year}: the year {year_range_error(first_year) or 'is too early'}")
    return _TEMPLATE.format(name=name, y0=first_year - 1, y1=first_year, y2=first_year + 1)
