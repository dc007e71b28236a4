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
from kommunbudget.data.textfiles import read_user_text, strip_bom
from kommunbudget.model.assumptions import AssumptionSeries, Provenance
from kommunbudget.model.limits import field_limit
from kommunbudget.model.years import YEAR_RANGE, year_range_error

__all__ = ["DEFAULT_VINTAGE", "VINTAGE_SERIES", "Vintage", "get_vintage", "is_vintage_file", "list_vintages",
           "load_vintage", "packaged_vintages", "parse_vintage"]

#: The series a vintage may hold, with their units.
VINTAGE_SERIES: dict[str, str] = {
    "labour_cost_change": "fraction per year",
    "other_cost_change": "fraction per year",
    "labour_weight": "fraction",
    "tax_base_growth": "fraction per year",
    "national_tax_capacity_growth": "fraction per year",
}


_TOP_KEYS = {"name", "published", "description", "series"}


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
        rule basis; a series with neither values nor a tail or follows rule.
    """
    try:
        doc = tomllib.loads(strip_bom(text))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source_file, f"not valid TOML: {exc}") from None
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
    return Vintage(name=name, published=str(doc["published"]), description=doc.get("description", "").strip(),
                   source_file=source_file, series=series)


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
    raw_values = spec.get("values", {})
    if not isinstance(raw_values, dict):
        raise _fail(where, f"{path}.values = {_shown(raw_values)} is {_kind(raw_values)}; expected a table of "
                           f"year = fraction, e.g. values = {{ 2025 = 0.04, 2026 = 0.035 }}")
    lo, hi = YEAR_RANGE
    values: dict[int, float] = {}
    for key, value in raw_values.items():
        try:
            year = int(str(key))
        except ValueError:
            raise _fail(where, f"{path}.values: {key!r} is not a year; expected a whole number in the calendar "
                               f"range [{lo}, {hi}]") from None
        if year_range_error(year):
            raise _fail(where, f"{path}.values.{key}: the year {year_range_error(year)}")
        if year in values:
            raise _fail(where, f"{path}.values.{key}: the year {year} is given twice")
        values[year] = _fraction(where, f"{path}.values.{key}", value)
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
    return (a.name, a.published, a.description, a.series) == (b.name, b.published, b.description, b.series)


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
