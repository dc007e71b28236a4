"""Scenarios: a baseline plus named measures, in a human-editable TOML file; run, compared and bridged.

A scenario file::

    # Sjöbo: work line and premises before a tax rise
    name = "arbetslinje och lokaler"
    municipality = "Sjöbo"
    horizon = 2030
    target = "share:0.02"          # optional: result, balanced-budget or share:<fraction>
    vintage = "skr-2025-report"    # optional

    [[measures]]
    name = "arbetslinje"
    kind = "work_line"              # work_line, disposal, fixed_saving, premises_target, nka_gap, efficiency,
    topics = [11, 13]               # tax_change; topics: optional checklist numbers (kommunbudget.checklist)
    baseline_households = 400
    ...

Each measure kind takes the fields of its core type (``kommunbudget._core``: WorkLinePolicy, Disposal with a
``[measures.property]`` table, FixedSaving, EfficiencyMeasure, TaxChange) or, for the two derived kinds:

* ``premises_target``: ``total_premises_cost_msek`` and ``share`` (e.g. Lomma's 10 %), plus the FixedSaving timing
  fields; becomes a FixedSaving of share × total (uprated as other consumption).
* ``nka_gap``: ``net_cost_msek`` (the service area's net cost), ``net_cost_deviation_percent`` (NKA, Kolada: actual
  against reference, in percent) and ``share_closed``; the gap is net cost × NKA / (100 + NKA); becomes a FixedSaving
  of share_closed × gap.

Validation on load names the file, the key path and the allowed values; the core checks ranges when the scenario
runs and its message is prefixed with the file and the measure. Loading never modifies the file; :func:`save`
writes a new file atomically.
"""
from __future__ import annotations

import dataclasses
import math
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import tomli_w

from kommunbudget import _core
from kommunbudget.municipality import Municipality, as_year, load
from kommunbudget.results import Projection, as_target, target_key

_TOP_KEYS = {"name": str, "municipality": (str, int), "base_year": int, "horizon": int, "target": str,
             "vintage": str, "use_plan_growth": bool, "description": str, "measures": list}
_COMMON_KEYS = {"name": str, "kind": str, "topics": list}
_TIMING = {"start_year": int, "start_month": int, "ramp_years": int, "realised_share": float,
           "one_off_cost_msek": float}

#: The measure kinds of a scenario file and their fields (name -> type); see the module docstring.
MEASURE_KINDS: dict[str, dict[str, Any]] = {
    "work_line": {f: (int if f in ("start_year", "start_month", "ramp_years") else float)
                  for f in _core.WorkLinePolicy._fields if f != "name"},
    "disposal": {"property": dict, "year": int, "month": int, "price_msek": float, "debt_interest_rate": float},
    "fixed_saving": {"amount_msek": float, "labour_share": float, **_TIMING},
    "premises_target": {"total_premises_cost_msek": float, "share": float, **_TIMING},
    "nka_gap": {"net_cost_msek": float, "net_cost_deviation_percent": float, "share_closed": float,
                "labour_share": float, **_TIMING},
    "efficiency": {"from_year": int, "rate": float, "yearly": bool, "cost_line": str},
    "tax_change": {"from_year": int, "change_kr_per_100kr": float},
}
_PROPERTY_KEYS = {f: (bool if f == "need_remains" else str if f in ("id", "use") else float)
                  for f in _core.Property._fields}
_REQUIRED = {
    "work_line": ("baseline_households", "cost_per_household_kr", "start_year", "target_reduction"),
    "disposal": ("property", "year"),
    "fixed_saving": ("amount_msek", "start_year"),
    "premises_target": ("total_premises_cost_msek", "share", "start_year"),
    "nka_gap": ("net_cost_msek", "net_cost_deviation_percent", "share_closed", "start_year"),
    "efficiency": ("from_year", "rate"),
    "tax_change": ("from_year", "change_kr_per_100kr"),
}


@dataclass(frozen=True)
class Measure:
    """One named measure of a scenario: its kind, its fields as in the file, and the checklist topics tagged."""

    name: str
    kind: str
    fields: dict[str, Any]
    topics: tuple[int, ...] = ()

    def to_core(self) -> Any:
        """The core measure object (WorkLinePolicy, Disposal, FixedSaving, EfficiencyMeasure or TaxChange)."""
        f = dict(self.fields)
        if self.kind == "work_line":
            return _core.WorkLinePolicy(name=self.name, **f)
        if self.kind == "disposal":
            prop = _core.Property(**f.pop("property"))
            return _core.Disposal(property=prop, **f)
        if self.kind == "fixed_saving":
            return _core.FixedSaving(name=self.name, **f)
        if self.kind == "premises_target":
            total, share = f.pop("total_premises_cost_msek"), f.pop("share")
            return _core.FixedSaving(name=self.name, amount_msek=total * share, labour_share=0.0, **f)
        if self.kind == "nka_gap":
            cost, nka, closed = f.pop("net_cost_msek"), f.pop("net_cost_deviation_percent"), f.pop("share_closed")
            gap = _core.net_cost_gap_msek(cost, nka)
            return _core.FixedSaving(name=self.name, amount_msek=gap * closed, **f)
        if self.kind == "efficiency":
            return _core.EfficiencyMeasure(**f)
        return _core.TaxChange(**f)


@dataclass(frozen=True)
class Scenario:
    """A baseline and named measures (see the module docstring for the file format)."""

    name: str
    municipality: str
    horizon: int
    measures: tuple[Measure, ...] = ()
    base_year: int | None = None
    target: str = "share:0.02"
    vintage: str | None = None
    use_plan_growth: bool = True
    description: str = ""
    source_file: str = ""

    def measures_core(self, names: list[str] | None = None) -> _core.Measures:
        """The core Measures of the named measures (all by default), in file order."""
        chosen = [m for m in self.measures if names is None or m.name in names]
        out = _core.Measures()
        groups: dict[str, list] = {"tax_changes": [], "efficiency": [], "work_lines": [], "disposals": [],
                                   "fixed_savings": []}
        slot = {"tax_change": "tax_changes", "efficiency": "efficiency", "work_line": "work_lines",
                "disposal": "disposals", "fixed_saving": "fixed_savings", "premises_target": "fixed_savings",
                "nka_gap": "fixed_savings"}
        for m in chosen:
            groups[slot[m.kind]].append(m.to_core())
        for key, items in groups.items():
            setattr(out, key, items)
        return out


def _type_ok(value: Any, expected: Any) -> bool:
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(expected, tuple):
        return any(_type_ok(value, e) for e in expected)
    return isinstance(value, expected)


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return " or ".join(_type_name(e) for e in expected)
    return {float: "a number", int: "a whole number", str: "text", bool: "true or false", list: "a list",
            dict: "a table"}[expected]


def parse(text: str, source_file: str = "<text>") -> Scenario:
    """Parses and validates a scenario from TOML text.

    Raises
    ------
    ValueError
        For invalid TOML, unknown keys, wrong types, missing required fields, an unknown measure kind, duplicate
        measure names, unknown checklist topics, or a year not a whole number; each message names the file and the
        key path (e.g. ``measures[2] (sälj skolan).property.book_value_msek``) and the allowed values.
    """
    def fail(path: str, message: str) -> ValueError:
        return ValueError(f"scenario {source_file}: {path}: {message}")

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"scenario {source_file}: not valid TOML: {exc}") from None
    for key, value in doc.items():
        if key not in _TOP_KEYS:
            raise fail(key, f"unknown key; expected one of {', '.join(sorted(_TOP_KEYS))}")
        if not _type_ok(value, _TOP_KEYS[key]):
            raise fail(key, f"{value!r} is not {_type_name(_TOP_KEYS[key])}")
    for key in ("municipality", "horizon"):
        if key not in doc:
            raise fail(key, "missing; a scenario names its municipality and horizon")
    if "target" in doc:
        try:
            as_target(doc["target"])
        except ValueError as exc:
            raise fail("target", str(exc)) from None
    measures: list[Measure] = []
    names: set[str] = set()
    for i, raw in enumerate(doc.get("measures", [])):
        where = f"measures[{i}]"
        if not isinstance(raw, dict):
            raise fail(where, "expected a table ([[measures]])")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{where}.name", "missing or empty; every measure has a name")
        where = f"measures[{i}] ({name})"
        if name in names:
            raise fail(where, f"the name {name!r} is used twice; expected unique names")
        names.add(name)
        kind = raw.get("kind")
        if kind not in MEASURE_KINDS:
            raise fail(f"{where}.kind", f"{kind!r}; expected one of {', '.join(MEASURE_KINDS)}")
        allowed = MEASURE_KINDS[kind]
        fields: dict[str, Any] = {}
        for key, value in raw.items():
            if key in _COMMON_KEYS:
                if not _type_ok(value, _COMMON_KEYS[key]):
                    raise fail(f"{where}.{key}", f"{value!r} is not {_type_name(_COMMON_KEYS[key])}")
                continue
            if key not in allowed:
                raise fail(f"{where}.{key}", f"unknown key for a {kind} measure; expected one of "
                                             f"{', '.join(sorted(allowed))}")
            if not _type_ok(value, allowed[key]):
                raise fail(f"{where}.{key}", f"{value!r} is not {_type_name(allowed[key])}")
            fields[key] = float(value) if allowed[key] is float else value
        missing = [k for k in _REQUIRED[kind] if k not in fields]
        if missing:
            raise fail(where, f"missing {', '.join(missing)} for a {kind} measure")
        if kind == "disposal":
            prop = fields["property"]
            for key, value in prop.items():
                if key not in _PROPERTY_KEYS:
                    raise fail(f"{where}.property.{key}", f"unknown key; expected one of "
                                                          f"{', '.join(sorted(_PROPERTY_KEYS))}")
                if not _type_ok(value, _PROPERTY_KEYS[key]):
                    raise fail(f"{where}.property.{key}", f"{value!r} is not {_type_name(_PROPERTY_KEYS[key])}")
            if "id" not in prop:
                raise fail(f"{where}.property.id", "missing; every property has an id")
            fields["property"] = {k: (float(v) if _PROPERTY_KEYS[k] is float else v) for k, v in prop.items()}
        _check_measure_values(fail, where, kind, fields)
        topics = tuple(raw.get("topics", ()))
        bad = [t for t in topics if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= 19]
        if bad:
            raise fail(f"{where}.topics", f"{bad} are not checklist numbers; expected whole numbers 1-19")
        measures.append(Measure(name=name, kind=kind, fields=fields, topics=topics))
    return Scenario(name=str(doc.get("name", Path(source_file).stem)), municipality=str(doc["municipality"]),
                    horizon=as_year("horizon", doc["horizon"]), measures=tuple(measures),
                    base_year=doc.get("base_year"), target=doc.get("target", "share:0.02"),
                    vintage=doc.get("vintage"), use_plan_growth=doc.get("use_plan_growth", True),
                    description=doc.get("description", ""), source_file=source_file)


def packaged_scenarios() -> list[str]:
    """Names of the example scenarios shipped with the package (``data/scenarios/*.toml``)."""
    folder = resources.files("kommunbudget") / "data" / "scenarios"
    return sorted(e.name.removesuffix(".toml") for e in folder.iterdir() if e.name.endswith(".toml"))


#: Fractions in a scenario file that the core does not see as such (they are combined before it): key -> range.
_FRACTIONS = {("premises_target", "share"): (0.0, 1.0), ("nka_gap", "share_closed"): (0.0, 1.0),
              ("nka_gap", "labour_share"): (0.0, 1.0), ("fixed_saving", "labour_share"): (0.0, 1.0)}


def _check_measure_values(fail, where: str, kind: str, fields: dict[str, Any]) -> None:
    """Checks what the core cannot attribute to the file's keys: fractions combined before the core sees them, a
    negative NKA (no gap to close) and an explicit negative price."""
    for (k, key), (lo, hi) in _FRACTIONS.items():
        if k == kind and key in fields and not lo <= fields[key] <= hi:
            value = fields[key]
            hint = f"; did you mean {value / 100:g}?" if lo <= value / 100 <= hi and abs(value) >= 1 else ""
            raise fail(f"{where}.{key}", f"{value:g} is outside [{lo:g}, {hi:g}] (a fraction is expected{hint})")
    if kind == "nka_gap" and fields["net_cost_deviation_percent"] <= 0:
        raise fail(f"{where}.net_cost_deviation_percent",
                   f"{fields['net_cost_deviation_percent']:g} % means the net cost is at or below the reference "
                   f"cost: there is no gap to close (expected a deviation > 0)")
    if kind == "nka_gap" and fields["net_cost_msek"] < 0:
        raise fail(f"{where}.net_cost_msek", f"{fields['net_cost_msek']:g} is negative; expected a net cost >= 0")
    if kind == "disposal" and "price_msek" in fields and fields["price_msek"] < 0:
        raise fail(f"{where}.price_msek", f"{fields['price_msek']:g} is negative; expected a price >= 0 (leave it "
                                          f"out to sell at the market value)")
    for key in ("start_month", "month"):
        if key in fields and not 1 <= fields[key] <= 12:
            raise fail(f"{where}.{key}", f"{fields[key]} is outside [1, 12]")


def load_scenario(path: str | Path) -> Scenario:
    """Loads a scenario file (read only; the file is never modified), or a packaged example by name (see
    :func:`packaged_scenarios`). Raises ValueError as :func:`parse`, or if neither exists (naming the examples)."""
    path = Path(path)
    if not path.is_file():
        if str(path) in packaged_scenarios():
            entry = resources.files("kommunbudget") / "data" / "scenarios" / f"{path}.toml"
            return parse(entry.read_text(encoding="utf-8"), f"kommunbudget/data/scenarios/{path}.toml")
        raise ValueError(f"scenario file {str(path)!r} does not exist (packaged examples: "
                         f"{', '.join(packaged_scenarios())})")
    return parse(path.read_text(encoding="utf-8"), str(path))


def to_toml(scenario: Scenario) -> str:
    """The scenario as TOML text (the format :func:`parse` reads)."""
    doc: dict[str, Any] = {"name": scenario.name, "municipality": scenario.municipality, "horizon": scenario.horizon,
                           "target": scenario.target}
    for key in ("base_year", "vintage", "description"):
        value = getattr(scenario, key)
        if value:
            doc[key] = value
    if not scenario.use_plan_growth:
        doc["use_plan_growth"] = False
    doc["measures"] = [{"name": m.name, "kind": m.kind, **({"topics": list(m.topics)} if m.topics else {}),
                        **m.fields} for m in scenario.measures]
    return tomli_w.dumps(doc)


def save(scenario: Scenario, path: str | Path) -> Path:
    """Writes the scenario to ``path`` atomically (a temporary file in the same folder, then a rename), so an
    existing file is replaced whole or not at all. Raises ValueError for a directory or a missing folder."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"scenario file {str(path)!r} is a directory; expected a file name")
    if not path.parent.is_dir():
        raise ValueError(f"scenario file {str(path)!r}: the folder {str(path.parent)!r} does not exist")
    text = to_toml(scenario)
    parse(text, str(path))  # what is written reads back
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass
class ScenarioResult:
    """A scenario run against its baseline.

    Attributes
    ----------
    scenario : Scenario
    municipality : Municipality
    baseline, projection : Projection
        Without and with all measures.
    measure_effects : pandas.DataFrame
        Each measure's effect on the result, MSEK (index measure names in file order, columns years): measures are
        added one at a time in file order and each effect is the change it adds, so the effects sum exactly to the
        scenario's total change (interactions fall to the later measure).
    measure_effects_ore : pandas.DataFrame
        The same in öre on the tax rate (against the baseline's tax base of each year).
    measure_kinds, measure_topics : dict
        Measure name -> kind, and -> the checklist numbers tagged in the file.
    """

    scenario: Scenario
    municipality: Municipality
    baseline: Projection
    projection: Projection
    measure_effects: pd.DataFrame
    measure_effects_ore: pd.DataFrame
    measure_kinds: dict[str, str] = field(default_factory=dict)
    measure_topics: dict[str, list[int]] = field(default_factory=dict)

    @property
    def target(self) -> _core.Target:
        return as_target(self.scenario.target)

    def summary(self) -> pd.DataFrame:
        """Per year: baseline and scenario result, balanced-budget result and result share, the change, and
        whether each meets the balanced-budget requirement and the target. MSEK, shares as fractions."""
        rows = {}
        for key, p in (("baseline", self.baseline), ("scenario", self.projection)):
            rows[f"{key}_result"] = p.line("result")
            rows[f"{key}_balanced_budget_result"] = p.line("balanced_budget_result")
            rows[f"{key}_result_share"] = p.line("result_share")
            rows[f"{key}_meets_balanced_budget"] = (p.line("balanced_budget_result") >= -1e-9).astype(float)
            gap = np.array(_core.target_gap_msek(p.core, self.target))
            rows[f"{key}_meets_target"] = (gap <= 1e-6).astype(float)
        rows["change_result"] = self.projection.line("result") - self.baseline.line("result")
        frame = pd.DataFrame(rows, index=self.baseline.years).T
        frame.index.name = "item"
        frame.columns.name = "year"
        return frame

    def bridge(self, year: int) -> pd.DataFrame:
        """From the baseline's result to the scenario's in ``year``, two ways that each sum exactly:
        by measure (``measure_effects``) and by statement line (tax revenue, income equalisation, other grants,
        operating income, operating costs, depreciation, financial items).

        Returns
        -------
        pandas.DataFrame
            Columns ``view`` ("measure" or "line"), ``item``, ``msek``, ``ore``; each view starts with the
            baseline result and ends with the scenario result.
        """
        year = as_year("year", year)
        if year not in self.baseline.years:
            raise ValueError(f"year = {year} is outside the scenario's years {self.baseline.years[0]}-"
                             f"{self.baseline.years[-1]}")
        k = self.baseline.years.index(year)
        b, s = self.baseline, self.projection
        one_ore = float(b.line("tax_base")[k]) / 10000.0
        rows = []

        def add(view: str, item: str, msek: float) -> None:
            rows.append({"view": view, "item": item, "msek": msek, "ore": msek / one_ore})

        for view in ("measure", "line"):
            add(view, "baseline result", float(b.line("result")[k]))
            if view == "measure":
                for name in self.measure_effects.index:
                    add(view, name, float(self.measure_effects.at[name, year]))
            else:
                for line in ("tax_revenue", "income_equalisation", "other_general_grants", "operating_income",
                             "operating_costs", "depreciation", "financial_income", "financial_costs"):
                    add(view, line, float(s.line(line)[k] - b.line(line)[k]))
            add(view, "scenario result", float(s.line("result")[k]))
        return pd.DataFrame(rows, columns=["view", "item", "msek", "ore"])

    def bridge_by_driver(self, year: int) -> pd.DataFrame:
        """From the base year's result to the scenario's result in ``year``, by driver: other planned amounts
        (depreciation, financial items, grant items, settlements as given), price (PKV on costs), volume, operating
        income growth, own tax base growth (tax revenue net of the equalisation's offset), national tax capacity
        growth (the equalisation), and the measures. Each driver is the change when it is switched on after the ones
        before it (all growth frozen at first), so the steps sum exactly; the order is the one listed.

        Returns
        -------
        pandas.DataFrame
            Columns ``driver``, ``msek``, ``ore`` (against the baseline's tax base in ``year``); first row the base
            year's result, last row the scenario's result in ``year``.

        Raises
        ------
        ValueError
            For a year outside the scenario's projection years.
        """
        year = as_year("year", year)
        years = self.baseline.years
        if year not in years[1:]:
            raise ValueError(f"year = {year} is outside the scenario's projection years {years[1]}-{years[-1]}")
        m = self.municipality
        k = years.index(year)
        frozen = m.with_assumptions(labour_cost_change=0.0, other_cost_change=0.0, volume_growth=0.0,
                                    operating_income_growth=0.0, tax_base_growth=0.0,
                                    national_tax_capacity_growth=0.0)
        steps = [("price (PKV)", ["labour_cost_change", "other_cost_change"]),
                 ("volume", [f"volume_growth:{n}" for n in m.cost_line_names()]),
                 ("operating income growth", ["operating_income_growth"]),
                 ("own tax base growth", ["tax_base_growth"]),
                 ("national tax capacity growth (equalisation)", ["national_tax_capacity_growth"])]
        one_ore = float(self.baseline.line("tax_base")[k]) / 10000.0
        rows = [("base-year result", float(self.baseline.line("result")[0]))]
        current = frozen
        previous = float(current.project(self.scenario.horizon).line("result")[k])
        rows.append(("other planned amounts", previous - rows[0][1]))
        for label, names in steps:
            restored = current.assumptions
            for name in names:
                restored = restored.replace(name, m.assumptions[name])
            current = dataclasses.replace(current, assumptions=restored)
            value = float(current.project(self.scenario.horizon).line("result")[k])
            rows.append((label, value - previous))
            previous = value
        rows.append(("measures", float(self.projection.line("result")[k]) - previous))
        rows.append(("scenario result", float(self.projection.line("result")[k])))
        frame = pd.DataFrame(rows, columns=["driver", "msek"])
        frame["ore"] = frame["msek"] / one_ore
        return frame

    def tax_needed(self, from_year: int | None = None, household_income_kr: float | None = None) -> pd.DataFrame:
        """Raise tax vs. efficiency: the sustained tax change (kr per 100 kr) from ``from_year`` that meets the
        target in every year to the horizon, with no measures and with this scenario's measures, and what each
        costs a household with ``household_income_kr`` a year (default the tax base per inhabitant).

        Returns
        -------
        pandas.DataFrame
            Index ``without measures``, ``with measures``; columns ``change_kr_per_100kr``, ``change_ore``
            (0 where the target is already met), ``household_cost_kr``.
        """
        first = self.baseline.years[0] + 1 if from_year is None else as_year("from_year", from_year)
        if household_income_kr is None:
            household_income_kr, _ = self.baseline.household_income_kr(first)
        rows = {}
        for label, p in (("without measures", self.baseline), ("with measures", self.projection)):
            change = max(0.0, p.sustained_change(self.target, first))
            rows[label] = {"change_kr_per_100kr": change, "change_ore": change * 100.0,
                           "household_cost_kr": float(_core.household_tax_change_kr(change, household_income_kr))}
        return pd.DataFrame(rows).T


def run(scenario: Scenario | str | Path) -> ScenarioResult:
    """Runs a scenario (a Scenario or a file) against its baseline.

    Raises
    ------
    ValueError
        For an invalid file or a measure the core refuses; the core's message is prefixed with the file and the
        measure's name.
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    try:
        m = load(scenario.municipality, scenario.base_year, vintage=scenario.vintage,
                 use_plan_growth=scenario.use_plan_growth)
    except ValueError as exc:
        raise ValueError(f"scenario {scenario.source_file}: {exc}") from None
    if scenario.horizon <= m.base_year:
        raise ValueError(f"scenario {scenario.source_file}: horizon: {scenario.horizon} must be after the base year "
                         f"{m.base_year} (the adopted budget)")
    for i, measure in enumerate(scenario.measures):
        for key in ("start_year", "year", "from_year"):
            if key in measure.fields and measure.fields[key] <= m.base_year:
                raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}).{key}: "
                                 f"{measure.fields[key]} is not after the base year {m.base_year}; the base year is "
                                 f"the adopted budget, so measures start in {m.base_year + 1}-{scenario.horizon}")
    projector = m.projector(scenario.horizon)
    baseline = Projection(m, scenario.horizon, projector.run(_core.Measures()))
    previous = baseline.line("result")
    effects = {}
    for i, measure in enumerate(scenario.measures):
        names = [x.name for x in scenario.measures[: i + 1]]
        try:
            statement = projector.run(scenario.measures_core(names))
        except ValueError as exc:
            raise ValueError(f"scenario {scenario.source_file}: measures[{i}] ({measure.name}): {exc}") from None
        current = np.array(statement.result, dtype=float)
        effects[measure.name] = current - previous
        previous = current
    measures = scenario.measures_core()
    final = Projection(m, scenario.horizon, projector.run(measures), measures)
    frame = pd.DataFrame(effects, index=baseline.years).T if effects else pd.DataFrame(columns=baseline.years)
    frame.index.name = "measure"
    frame.columns.name = "year"
    ore = frame.apply(lambda row: pd.Series(baseline.tax_rate_equivalent_ore(row.to_numpy(dtype=float)),
                                            index=frame.columns), axis=1) if effects else frame.copy()
    return ScenarioResult(scenario=scenario, municipality=m, baseline=baseline, projection=final,
                          measure_effects=frame, measure_effects_ore=ore,
                          measure_kinds={x.name: x.kind for x in scenario.measures},
                          measure_topics={x.name: list(x.topics) for x in scenario.measures})


def compare_scenarios(results: list[ScenarioResult]) -> pd.DataFrame:
    """Scenarios side by side: per scenario and year, the result, balanced-budget result, result share, the
    required tax rate for the scenario's target, and the measures' summed effect in MSEK and öre.

    Returns
    -------
    pandas.DataFrame
        Index (scenario name, item), columns years.
    """
    rows = {}
    for r in results:
        p = r.projection
        rows[(r.scenario.name, "result")] = p.line("result")
        rows[(r.scenario.name, "balanced_budget_result")] = p.line("balanced_budget_result")
        rows[(r.scenario.name, "result_share")] = p.line("result_share")
        rows[(r.scenario.name, f"required_tax_rate_{target_key(r.target)}")] = np.array(
            _core.required_tax_rate(p.core, r.target))
        total = r.measure_effects.sum(axis=0).to_numpy(dtype=float) if len(r.measure_effects) else \
            np.zeros(len(p.years))
        rows[(r.scenario.name, "measures_msek")] = total
        rows[(r.scenario.name, "measures_ore")] = r.baseline.tax_rate_equivalent_ore(total)
    frame = pd.DataFrame(rows, index=results[0].baseline.years if results else []).T
    frame.index.names = ["scenario", "item"]
    frame.columns.name = "year"
    return frame


__all__ = ["MEASURE_KINDS", "Measure", "Scenario", "ScenarioResult", "compare_scenarios", "load_scenario",
           "packaged_scenarios", "parse", "run", "save", "to_toml"]
