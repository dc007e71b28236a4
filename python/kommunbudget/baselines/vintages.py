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

A run records the vintage it used (``Municipality.vintage``); :func:`kommunbudget.analysis.vintages.compare_vintages` shows what changed between
two vintages and what it does to a municipality's result.
"""
from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kommunbudget.data.paths import files_folder
from kommunbudget.model.assumptions import AssumptionSeries, Provenance

__all__ = ["DEFAULT_VINTAGE", "VINTAGE_SERIES", "Vintage", "get_vintage", "list_vintages", "load_vintage",
           "packaged_vintages", "parse_vintage"]

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

    @property
    def label(self) -> str:
        """'name (published)'."""
        return f"{self.name} ({self.published})"

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


def parse_vintage(text: str, source_file: str = "<text>") -> Vintage:
    """Parses and validates a vintage from TOML text.

    Raises
    ------
    ValueError
        For invalid TOML, unknown or missing keys, a series not in :data:`VINTAGE_SERIES`, a wrong unit, a year
        that is not a whole number, a value that is not a finite number or is outside [-0.5, 0.5] (fractions; a
        percentage gets a hint), or a series with neither values for some years nor a tail; the message names the
        file and the field path.
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source_file, f"not valid TOML: {exc}") from None
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise _fail(source_file, f"unknown key(s) {sorted(unknown)}; expected {sorted(_TOP_KEYS)}")
    for key in ("name", "published", "series"):
        if key not in doc:
            raise _fail(source_file, f"missing key {key!r}")
    name = str(doc["name"]).strip()
    if not name:
        raise _fail(source_file, "name is empty")
    where = f"{source_file} ({name})"
    missing = set(VINTAGE_SERIES) - set(doc["series"])
    if missing:
        raise _fail(where, f"series {sorted(missing)} missing; a vintage gives all of {sorted(VINTAGE_SERIES)}")
    series: dict[str, AssumptionSeries] = {}
    for sname, spec in doc["series"].items():
        path = f"series.{sname}"
        if sname not in VINTAGE_SERIES:
            raise _fail(where, f"{path} is not a vintage series; expected one of {sorted(VINTAGE_SERIES)}")
        if not isinstance(spec, dict):
            raise _fail(where, f"{path} must be a table")
        bad = set(spec) - _SERIES_KEYS
        if bad:
            raise _fail(where, f"{path}: unknown key(s) {sorted(bad)}; expected {sorted(_SERIES_KEYS)}")
        unit = spec.get("unit", VINTAGE_SERIES[sname])
        if unit != VINTAGE_SERIES[sname]:
            raise _fail(where, f"{path}.unit = {unit!r}; expected {VINTAGE_SERIES[sname]!r}")
        values: dict[int, float] = {}
        for key, value in dict(spec.get("values", {})).items():
            try:
                year = int(str(key))
            except ValueError:
                raise _fail(where, f"{path}.values: {key!r} is not a year") from None
            values[year] = _fraction(where, f"{path}.values.{year}", value)
        follows = spec.get("follows")
        if follows is not None and follows not in VINTAGE_SERIES:
            raise _fail(where, f"{path}.follows = {follows!r}; expected one of {sorted(VINTAGE_SERIES)}")
        tail = spec.get("tail")
        if tail is not None:
            tail = _fraction(where, f"{path}.tail", tail)
        if tail is not None and follows is not None:
            raise _fail(where, f"{path}: give either tail or follows, not both")
        source = str(spec.get("source", "")).strip()
        if values and not source:
            raise _fail(where, f"{path}.source is empty; every figure needs its source")
        tail_source = str(spec.get("tail_source", "")).strip()
        if (tail is not None or follows is not None) and not tail_source:
            raise _fail(where, f"{path}.tail_source is empty; a rule needs its basis")
        if not values and tail is None and follows is None:
            raise _fail(where, f"{path} has neither values nor a tail or follows rule")
        label = f"vintage {name} ({doc['published']})"
        prov = Provenance("data", f"{label}: {source}")
        tail_kind = "default"
        series[sname] = AssumptionSeries(
            sname, VINTAGE_SERIES[sname], values, {y: prov for y in values}, tail,
            Provenance(tail_kind, f"{label}: {tail_source}") if (tail is not None or follows is not None) else None,
            tail_follows=follows)
    return Vintage(name=name, published=str(doc["published"]), description=str(doc.get("description", "")).strip(),
                   source_file=source_file, series=series)


def _fraction(where: str, path: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(where, f"{path} = {value!r} is not a finite number")
    value = float(value)
    if not -0.5 <= value <= 0.5 and path.split(".")[1] != "labour_weight":
        hint = f"; did you mean {value / 100:g}?" if abs(value / 100) <= 0.5 else ""
        raise _fail(where, f"{path} = {value:g} is outside [-0.5, 0.5] (a fraction is expected{hint})")
    if path.split(".")[1] == "labour_weight" and not 0.0 <= value <= 1.0:
        hint = f"; did you mean {value / 100:g}?" if 0 <= value / 100 <= 1 else ""
        raise _fail(where, f"{path} = {value:g} is outside [0, 1] (a fraction is expected{hint})")
    return value


def load_vintage(path: str | Path) -> Vintage:
    """Loads a vintage from a TOML file. Raises ValueError as :func:`parse_vintage` (or if the file is missing)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"vintage file {str(path)!r} does not exist")
    return parse_vintage(path.read_text(encoding="utf-8"), str(path))


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, Vintage]:
    folder = files_folder() / "vintages"
    found: dict[str, Vintage] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        v = parse_vintage(entry.read_text(encoding="utf-8"), f"data/vintages/{entry.name}")
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


def get_vintage(name_or_path: str | Path | Vintage | None = None) -> Vintage:
    """A vintage by name (packaged), by TOML file path, or as given; None gives :data:`DEFAULT_VINTAGE`.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the known ones) or an invalid file.
    """
    if isinstance(name_or_path, Vintage):
        return name_or_path
    if name_or_path is None:
        name_or_path = DEFAULT_VINTAGE
    text = str(name_or_path)
    if text.endswith(".toml") or Path(text).is_file():
        return load_vintage(text)
    known = _packaged()
    if text not in known:
        raise ValueError(f"vintage = {text!r} is not a packaged vintage or a .toml file; expected one of: "
                         f"{', '.join(known)}")
    return known[text]


def list_vintages() -> pd.DataFrame:
    """The packaged vintages: columns ``name``, ``published``, ``description``, ``file``."""
    rows = [{"name": v.name, "published": v.published, "description": v.description, "file": v.source_file}
            for v in _packaged().values()]
    return pd.DataFrame(rows, columns=["name", "published", "description", "file"])
