"""Scenarios: a baseline plus named measures, in a human-editable TOML file; run, compared and bridged.

A scenario file::

    # Sjöbo: work line and premises before a tax rise
    name = "arbetslinje och lokaler"
    municipality = "Sjöbo"
    horizon = 2030
    target = "share:0.02"          # optional: result, balanced-budget, share:<f> or share-excl-one-offs:<f>
    vintage = "skr-2025-report"    # optional: a packaged vintage, or a vintage .toml file relative to this file
    # budget = "budget.xlsx"       # optional: your own adopted budget as the baseline, relative to this file
    premises_file = "portfolio.csv"  # optional: the premises portfolio (or [[premises]] tables, not both)

    [balance_requirement]          # optional (docs/model.md §16); each key replaces the baseline's
    opening_reserve_msek = 12.0    # the result reserve at the start of the base year, MSEK (default 0)
    opening_deficits = { 2023 = 4.8 }  # deficits not yet restored: year of origin = MSEK (default none)
    negative_equity = false        # true: reserve only above 2 % of tax revenue and general grants (else 1 %)
    withdraw_from_reserve = false  # true: cover a negative result from the reserve where the budget gives no use
    reserve_surplus = false        # true: reserve what the rules allow after restoring deficits

    [[measures]]
    name = "arbetslinje"
    kind = "work_line"              # work_line, disposal, fixed_saving, premises_target, nka_gap, efficiency,
    topics = [11, 13]               # tax_change; topics: optional checklist numbers (kommunbudget.checklist)
    baseline_households = 400
    ...

Each measure kind takes the fields of its core type (``kommunbudget._core``: WorkLinePolicy, Disposal, FixedSaving,
EfficiencyMeasure, TaxChange; :data:`MEASURE_KINDS` lists them) or, for the two derived kinds, the fields below.

* ``efficiency`` (docs/model.md §8): ``rate`` (fraction of the line's cost, at most 0.5) from ``from_year``;
  ``cost_line`` a cost line (service area, e.g. ``"elderly_care"``; see
  ``Municipality.cost_line_names``) or ``""``/left out for all lines; ``yearly`` (false: one step that persists;
  true: the step again every year, compounding); ``start_month`` (1-12: the first year counts (13 − m)/12 of the
  saving); ``ramp_years`` (>= 1: the step reached in equal parts); ``realised_share`` (the share of the rate
  expected, a fraction); ``one_off_cost_msek`` (implementation cost paid in ``from_year``, MSEK). The saving follows
  the line's own price and volume (it persists and is uprated with the line it reduces).
* ``fixed_saving``: ``amount_msek`` in base-year prices, the timing fields ``start_year``, ``start_month``,
  ``ramp_years``, ``realised_share``, ``one_off_cost_msek``, and optionally ``cost_line`` (the line the saving
  reduces: without ``labour_share`` it is uprated with that line's labour share, and it may not exceed the line's
  base-year cost).
* ``disposal``: ``year``, ``month``, optional ``price_msek`` (default the market value) and ``debt_interest_rate``;
  the property either as a ``[measures.property]`` table of Property fields, checked exactly as a portfolio row
  (every field of :data:`kommunbudget.premises.PROPERTY_FIELDS` but ``external_rent_msek`` required, each in its
  range), or as ``property = "<id>"`` naming a property of the scenario's portfolio (an unknown id is an error
  listing the ids; a property named twice is an error on load).
* ``premises_target`` (a savings requirement on premises, e.g. Lomma's 10 %): ``share`` of
  ``total_premises_cost_msek``, plus the FixedSaving timing fields; becomes a FixedSaving of share × total, uprated
  as other consumption. **Rule:** when ``total_premises_cost_msek`` is left out, the scenario must have a portfolio
  and the total is the portfolio's total premises cost, *running cost + depreciation* of every property in base-year
  MSEK (:attr:`kommunbudget.premises.Portfolio.total_premises_cost_msek`; why these costs: see
  :mod:`kommunbudget.premises`). The target is a lever of its own: its saving adds to any disposal's in the same
  scenario (the model does not net them), so if sales are how the requirement is met, list the sales or the target.
* ``nka_gap``: ``net_cost_msek`` (the service area's net cost), ``net_cost_deviation_percent`` (NKA, Kolada: actual
  against reference, in percent) and ``share_closed``; the gap is net cost × NKA / (100 + NKA); becomes a FixedSaving
  of share_closed × gap, with the timing fields and an optional ``cost_line`` as for ``fixed_saving``.

* ``area_gap`` (benchmarking, docs/model.md §8): ``service_area`` (a key of
  :data:`kommunbudget.data.service_areas.SERVICE_AREAS`), ``basis`` = ``"peers"`` (default: the gap of the area's net
  cost per inhabitant to the peers' median, :func:`kommunbudget.analysis.benchmark.benchmark`; ``peer_rule`` one of
  :data:`kommunbudget.PEER_RULES`, default ``"county_size"``, or an explicit ``peers`` list of names or
  codes) or ``"nka"`` (Kolada's reference cost, Skåne only), and ``share_closed``; the gap comes from SCB's 2024 net
  costs, so the baseline's base year must be 2024. Becomes a FixedSaving of share_closed × gap on the area's cost
  line (uprated with it), with the timing fields; how the gap was computed is in
  :attr:`ScenarioResult.measure_sources`.

Premises: a top-level ``[[premises]]`` array of tables (Property fields: ``id``, ``use``, ``area_m2``,
``book_value_msek``, ``market_value_msek``, ``running_cost_msek``, ``depreciation_msek``, ``vacancy``,
``need_remains``, optional ``external_rent_msek``) or ``premises_file``, a CSV file of the same columns relative to
the scenario file (:func:`kommunbudget.premises.read_portfolio`). The portfolio describes properties whose costs
are already in the baseline; it changes the result only through the measures that use it. A scenario with a
``budget`` and neither key takes the budget's portfolio (its optional sheet ``Lokaler``) when it runs: disposals by
id and premises targets without a total are then checked against it at run time; when the scenario gives a portfolio
too, the scenario's is used and a note says so.

A file is UTF-8 text (a byte-order mark is accepted; another encoding is refused, naming the first byte that is not
UTF-8). ``vintage`` is a packaged vintage's name (:func:`kommunbudget.baselines.vintages.list_vintages`; a name wins
over a file of the same name) or a vintage file, read relative to the scenario file's folder and validated on load.
``budget`` is the municipality's own adopted budget (a workbook or CSV folder, ``docs/budget-workbook.md``), read
relative to the scenario file's folder when the scenario runs (:func:`kommunbudget.baselines.own_budget.read_budget`):
it is the baseline, its budget year the base year; ``municipality`` may then be left out (if given, it and
``base_year`` must be the budget's). Its existence is checked on load.

Validation on load names the file, the key path (``measures[2] (sälj skolan).property.book_value_msek``), the value
(in TOML spelling: ``true``, ``"2030"``) and the allowed values or range: types, kinds, required keys, fractions (a
value that looks like a percent gets the fraction it probably means), calendar years (``horizon``, ``base_year``,
``start_year``, ``year``, ``from_year`` in [1900, 2200]), the timing fields of every kind (``start_month``,
``ramp_years``, ``realised_share``, ``one_off_cost_msek``), a saving's amount and a premises total, the NKA figures,
an inline property (as a portfolio row), the target's share, the vintage file. Every range is the core's, read from
its table of limits (``docs/model.md`` §14, :mod:`kommunbudget.model.limits`). What needs the baseline is checked
when the scenario runs: years against the base year and horizon, cost lines, a saving larger than its line, and the
core's ranges of the other fields of the core types (a work line's shares, a tax change); the core's message then
names the file and the key path as written (``measures[1] (arbetslinje).target_reduction[2026] = 20 is outside
...``). Loading never modifies a file; :func:`save` writes a new file atomically with the mode of the file it
replaces, keeps a loaded file's comments and layout (only what changed is rewritten), and writes the portfolio in
the form it was read.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import os
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
import tomlkit

from kommunbudget.analysis.benchmark import area_gap_msek
from kommunbudget.analysis.options import PEER_RULES
from kommunbudget.baselines.vintages import is_vintage_file, load_vintage, packaged_vintages
from kommunbudget.data import service_areas
from kommunbudget.data.paths import files_folder, packaged_names
from kommunbudget.data.textfiles import decimal_comma_hint, read_user_text, strip_bom, write_text_atomic
from kommunbudget.model import core, limits
from kommunbudget.model.measures import MEASURE_KINDS, efficiency_base, price_base_series
from kommunbudget.model.targets import TargetTextError, parse_target
from kommunbudget.model.years import as_year, year_range_error
from kommunbudget.scenarios.premises import (
    PROPERTY_FIELDS,
    Portfolio,
    PortfolioError,
    checked_property_fields,
    portfolio_from_records,
    read_portfolio,
    write_portfolio,
)

_TOP_KEYS = {"name": str, "municipality": (str, int), "base_year": int, "horizon": int, "target": str,
             "vintage": str, "use_plan_growth": bool, "description": str, "description_sv": str, "measures": list,
             "premises": list, "premises_file": str, "budget": str, "balance_requirement": dict}
_COMMON_KEYS = {"name": str, "kind": str, "topics": list}

#: The core Measures list each kind becomes part of (:meth:`Scenario.measures_core`, in file order within a list).
_CORE_GROUP = {name: kind.group for name, kind in MEASURE_KINDS.items()}
#: The type of each field of an inline property table (``[measures.property]``): :data:`PROPERTY_FIELDS`'s, the one
#: list; required fields and ranges are checked as for a portfolio row (:func:`checked_property_fields`).
_PROPERTY_KEYS = {name: spec.kind for name, spec in PROPERTY_FIELDS.items()}
#: The keys that hold calendar years: checked on load against the calendar range (the core's [1900, 2200]).
_YEAR_KEYS = ("horizon", "base_year", "start_year", "year", "from_year")
_REQUIRED = {name: kind.required for name, kind in MEASURE_KINDS.items()}


@dataclass(frozen=True)
class Measure:
    """One named measure of a scenario: its kind, its fields as in the file, and the checklist topics tagged.

    Attributes
    ----------
    name, kind : str
        Unique within the scenario; one of :data:`MEASURE_KINDS`.
    fields : dict
        The measure's keys as in the file (units as there: MSEK, fractions, years); a disposal's ``property`` is a
        dict of Property fields or the id (text) of a portfolio property.
    topics : tuple[int, ...]
        Checklist numbers (1-19).
    """

    name: str
    kind: str
    fields: dict[str, Any]
    topics: tuple[int, ...] = ()

    def to_core(self, premises: Portfolio | None = None, municipality: str | None = None) -> Any:
        """The core measure object (WorkLinePolicy, Disposal, FixedSaving, EfficiencyMeasure or TaxChange).

        A derived kind's yearly saving (base-year MSEK) is the core's: ``premises_target`` is
        ``premises_target_saving_msek(total, share)``, ``nka_gap`` and ``area_gap`` are
        ``gap_saving_msek(gap, share_closed)`` (``docs/model.md`` §8).

        Parameters
        ----------
        premises : Portfolio, optional
            The scenario's portfolio: needed by a disposal that names a property by id and by a premises target
            without ``total_premises_cost_msek`` (which then is the portfolio's running cost + depreciation, MSEK).
        municipality : str, optional
            The scenario's municipality: needed by an ``area_gap`` measure (its gap is the municipality's).

        Raises
        ------
        ValueError
            If such a measure has no portfolio, or the id is not in it (the message lists the ids); the core's
            InputError for a derived saving's figures outside its ranges (a portfolio's total premises cost above
            100 000 MSEK, a gap above 1 000 000 MSEK; the message names the core's argument and its range).
        """
        f = dict(self.fields)
        if self.kind == "work_line":
            series, _note = price_base_series(int(f["start_year"]), f.pop("price_base_amount_kr", None))
            return core.WorkLinePolicy(name=self.name, price_base_amount_kr=series, **f)
        if self.kind == "disposal":
            prop = f.pop("property")
            if isinstance(prop, str):
                if premises is None:
                    raise ValueError(f"measure {self.name!r}: property {prop!r} names a portfolio property, but "
                                     f"there is no portfolio")
                try:
                    return core.Disposal(property=premises.get(prop), **f)
                except KeyError as exc:
                    raise ValueError(f"measure {self.name!r}: {exc.args[0]}") from None
            return core.Disposal(property=core.Property(**prop), **f)
        if self.kind == "fixed_saving":
            return core.FixedSaving(name=self.name, **f)
        if self.kind == "premises_target":
            total, share = f.pop("total_premises_cost_msek", None), f.pop("share")
            if total is None:
                if premises is None:
                    raise ValueError(f"measure {self.name!r}: no total_premises_cost_msek and no portfolio to take "
                                     f"it from")
                total = premises.total_premises_cost_msek
            saving = core.premises_target_saving_msek(total, share)
            return core.FixedSaving(name=self.name, amount_msek=saving, labour_share=0.0, **f)
        if self.kind == "nka_gap":
            cost, nka, closed = f.pop("net_cost_msek"), f.pop("net_cost_deviation_percent"), f.pop("share_closed")
            gap = core.net_cost_gap_msek(cost, nka)
            return core.FixedSaving(name=self.name, amount_msek=core.gap_saving_msek(gap, closed), **f)
        if self.kind == "area_gap":
            if municipality is None:
                raise ValueError(f"measure {self.name!r}: an area_gap measure needs the scenario's municipality")
            gap, _source = self.area_gap(municipality)
            area, closed = f.pop("service_area"), f.pop("share_closed")
            for key in ("basis", "peer_rule", "peers"):
                f.pop(key, None)
            return core.FixedSaving(name=self.name, amount_msek=core.gap_saving_msek(gap, closed), cost_line=area,
                                    **f)
        if self.kind == "efficiency":
            share, _why = efficiency_base(f)  # a service-area line is a net cost: share 1 unless given
            if share is not None:
                f["net_share"] = share
            return core.EfficiencyMeasure(**f)
        return core.TaxChange(**f)

    def area_gap(self, municipality: str) -> tuple[float, str]:
        """An ``area_gap`` measure's gap (MSEK, 2024) for ``municipality`` and how it was computed
        (:func:`kommunbudget.analysis.benchmark.area_gap_msek`)."""
        f = self.fields
        return _area_gap(str(municipality), f["service_area"], f.get("basis", "peers"),
                         f.get("peer_rule", "county_size"), tuple(f.get("peers", ())))


@dataclass(frozen=True)
class Scenario:
    """A baseline and named measures (see the module docstring for the file format).

    Attributes
    ----------
    name, municipality : str
        The scenario's name and the municipality (name or SCB code; ``""`` when :attr:`budget` names it).
    horizon : int
        The last year projected.
    measures : tuple[Measure, ...]
        In file order.
    base_year, target, use_plan_growth, description
        As in the file (``target`` e.g. ``"share:0.02"``).
    description_sv : str
        The description in Swedish (optional key ``description_sv``), shown instead of ``description`` in Swedish
        output (the council report, the workbook); ``""``: ``description`` is shown as written.
    vintage : str or None
        A packaged vintage's name, or the path of a vintage file: for a scenario loaded from a file, the path as
        resolved against the scenario file's folder (what :func:`kommunbudget.scenarios.run` loads).
    vintage_file : str
        The vintage file as written in the scenario file (relative to it), or ``""`` for a packaged name (or none);
        :func:`to_toml` and :func:`save` write it back as written while :attr:`vintage` is still the path it
        resolves to from :attr:`base_dir` (to change the vintage, replace :attr:`vintage`).
    source_file : str
        The file it was read from (named in messages).
    premises : kommunbudget.premises.Portfolio or None
        The premises portfolio, if the file gives one.
    premises_file : str
        The portfolio's CSV file as written in the scenario (relative to it), or ``""`` when the portfolio is given
        as ``[[premises]]`` tables (or there is none); :func:`save` writes it back in the same form.
    premises_from_budget : bool
        :attr:`premises` is the budget's (its sheet ``Lokaler``), set by :func:`kommunbudget.scenarios.run` for a
        scenario without a portfolio of its own; such a portfolio is not written by :func:`to_toml` and :func:`save`.
    budget : str
        The municipality's own budget file (``docs/budget-workbook.md``) as written in the scenario file (relative
        to :attr:`base_dir`), or an absolute path; ``""`` for the embedded baseline. See :meth:`budget_path`.
    population_forecast : str
        A population forecast by age group applied to the baseline when the scenario runs
        (:func:`kommunbudget.baselines.population_forecast.with_population_forecast`): a CSV file's path (absolute,
        or relative to the working folder) or ``"embedded"``; ``""`` for none. Set in code or by the command line's
        ``--population-forecast``; not a key of the file, and not written by :func:`to_toml`.
    base_dir : str
        The folder a relative ``premises_file``, ``vintage`` and ``budget`` file were read from, as an absolute
        path (``""`` for a scenario built in code). Not compared.
    balance_requirement : dict or None
        The table ``[balance_requirement]`` as validated (``docs/model.md`` §16): ``opening_reserve_msek`` (MSEK,
        >= 0), ``negative_equity``, ``withdraw_from_reserve``, ``reserve_surplus`` (booleans) and
        ``opening_deficits`` (a table of year of origin -> MSEK not yet restored, > 0), each optional; given keys
        replace the baseline's. None: the baseline's.
    source_text : str
        The TOML text the scenario was parsed from (``""`` for a scenario built in code): :func:`save` updates it,
        so the file's comments and layout are kept. Not compared and not shown.
    """

    name: str
    municipality: str
    horizon: int
    measures: tuple[Measure, ...] = ()
    base_year: int | None = None
    target: str = "share:0.02"
    vintage: str | None = None
    use_plan_growth: bool = True
    description: str = ""
    description_sv: str = ""
    source_file: str = ""
    premises: Portfolio | None = None
    premises_file: str = ""
    vintage_file: str = ""
    budget: str = ""
    premises_from_budget: bool = False
    population_forecast: str = ""
    balance_requirement: dict[str, Any] | None = None
    base_dir: str = field(default="", repr=False, compare=False)
    source_text: str = field(default="", repr=False, compare=False)

    def budget_path(self) -> Path | None:
        """The budget file the scenario runs on: :attr:`budget` relative to :attr:`base_dir` (the working folder
        for a scenario built in code), or None without one."""
        if not self.budget:
            return None
        path = Path(self.budget)
        return path if path.is_absolute() or not self.base_dir else Path(self.base_dir) / path

    def files_read(self) -> list[tuple[str, Path]]:
        """The user's files this scenario is read from, as (what, path): the scenario file, its budget, its
        portfolio and its vintage file (those it names; the packaged ones are not the user's)."""
        files: list[tuple[str, Path]] = []
        if self.source_file and not self.source_file.startswith("kommunbudget/"):
            files.append(("scenario", Path(self.source_file)))
        if self.budget_path() is not None:
            files.append(("budget", self.budget_path()))
        folder = Path(self.base_dir) if self.base_dir else Path.cwd()
        if self.premises_file:
            files.append(("portfolio", folder / self.premises_file))
        if self.vintage_file and self.vintage:
            files.append(("vintage", Path(self.vintage)))
        if self.population_forecast and self.population_forecast != "embedded":
            files.append(("population forecast", Path(self.population_forecast)))
        return files

    @functools.cached_property
    def _core_cache(self) -> dict[str, Any]:
        """Measure name -> its core object, filled as measures are asked for; the core copies what it is given, so
        the objects are never changed."""
        return {}

    def core_measure(self, measure: Measure) -> Any:
        """The core object of one of this scenario's measures (:meth:`Measure.to_core` with the scenario's
        portfolio and municipality), built once per scenario.

        Raises
        ------
        ValueError
            As :meth:`Measure.to_core`.
        """
        cache = self._core_cache
        if measure.name not in cache:
            cache[measure.name] = measure.to_core(self.premises, self.municipality)
        return cache[measure.name]

    def measures_core(self, names: list[str] | None = None) -> core.Measures:
        """The core Measures of the named measures (all by default), in file order within each of the core's lists;
        disposals by id and premises targets without a total use :attr:`premises`. Each measure's core object is
        built once per scenario (:meth:`core_measure`), so a call takes time linear in the number of measures.

        Raises
        ------
        ValueError
            As :meth:`Measure.to_core`.
        """
        wanted = None if names is None else set(names)
        out = core.Measures()
        groups: dict[str, list] = {group: [] for group in dict.fromkeys(_CORE_GROUP.values())}
        for m in self.measures:
            if wanted is None or m.name in wanted:
                groups[_CORE_GROUP[m.kind]].append(self.core_measure(m))
        for key, items in groups.items():
            setattr(out, key, items)
        return out




@functools.lru_cache(maxsize=256)
def _area_gap(municipality: str, area: str, basis: str, rule: str, peers: tuple[str, ...]) -> tuple[float, str]:
    """Cached :func:`kommunbudget.analysis.benchmark.area_gap_msek` (a scenario run may build its measures more than
    once)."""
    gap, text = area_gap_msek(municipality, area, basis=basis, rule=rule, peers=list(peers) or None)
    if area == "social_assistance" and service_areas.assistance_note() not in text:
        text += " " + service_areas.assistance_note()
    return gap, text


def _type_ok(value: Any, expected: Any) -> bool:
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(expected, tuple):
        return any(_type_ok(value, e) for e in expected)
    return isinstance(value, expected)


def _toml(value: Any) -> str:
    """A value as it is written in TOML, for messages: ``true``, ``"2030"``, ``10.0``, ``inf``, ``[11, 25]``; a table
    as ``a table`` (its contents can be long)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        text = "[" + ", ".join("{…}" if isinstance(v, dict) else _toml(v) for v in value) + "]"
    else:
        try:
            text = tomli_w.dumps({"v": value}).strip().removeprefix("v = ")
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _type_error(value: Any, expected: Any) -> str:
    """'<value> is not <expected>' with the value in TOML spelling; inf and nan are 'not a finite number'."""
    if isinstance(value, float) and not math.isfinite(value) and _type_ok(1.0, expected):
        return f"{_toml(value)} is not a finite number"
    return f"{_toml(value)} is not {_type_name(expected)}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return " or ".join(_type_name(e) for e in expected)
    return {float: "a number", int: "a whole number", str: "text", bool: "true or false", list: "a list",
            dict: "a table"}[expected]


def parse(text: str, source_file: str = "<text>", base_dir: str | os.PathLike[str] | Any | None = None,
          budget: str | os.PathLike[str] | None = None) -> Scenario:
    """Parses and validates a scenario from TOML text.

    Parameters
    ----------
    text : str
        The TOML text (a leading byte-order mark is dropped).
    source_file : str
        Named in messages; the folder of a ``premises_file`` and a ``vintage`` file unless ``base_dir`` is given.
    base_dir : path-like or importlib.resources Traversable, optional
        The folder a relative ``premises_file`` or ``vintage`` file is read from (default: the folder of
        ``source_file``, the current folder for ``"<text>"``).
    budget : path-like, optional
        A budget file that replaces the file's ``budget`` (the command line's ``--budget``), applied before the
        checks, so disposals by id and premises targets may use the budget's ``Lokaler``.

    Raises
    ------
    ValueError
        For invalid TOML, unknown keys, wrong types (values shown in TOML spelling; ``inf`` and ``nan`` are not
        finite numbers), ``[measures]`` written for ``[[measures]]``, missing required fields (a missing ``kind``),
        an unknown measure kind, duplicate measure names, unknown checklist topics, a year not a whole number or
        outside the calendar range [1900, 2200] (``horizon``, ``base_year``, ``start_year``, ``year``,
        ``from_year``), a target that is not one or whose share is outside [-0.5, 0.5], a fraction out of range (a
        value that looks like a percent is named), timing fields out of range (``ramp_years`` 1-50,
        ``realised_share`` and ``start_month``), an amount or premises total outside [0, 100000] MSEK, NKA figures
        outside the core's range, both ``[[premises]]`` and ``premises_file``, an invalid portfolio (its row, id
        and column named), an inline property (``[measures.property]``) checked as a portfolio row (every required
        field of :data:`~kommunbudget.premises.PROPERTY_FIELDS`, its type and range), a disposal naming a property
        not in the portfolio (the ids listed) or one named twice by id, a premises target without a total and
        without a portfolio, a ``vintage`` file that does not exist (the path as written and where it was looked
        for) or is not a valid vintage; each message names the file and the key path (e.g.
        ``measures[2] (sälj skolan).property.book_value_msek``) and the allowed values. Every range quoted is the
        core's, from its table of limits (``docs/model.md`` §14).
    """
    try:
        doc = tomllib.loads(strip_bom(text))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"scenario {source_file}: not valid TOML: {exc}{decimal_comma_hint(text, exc)}") from None
    if budget is not None:
        doc["budget"] = os.path.abspath(budget)
    if base_dir is None:
        base_dir = Path(source_file).parent if source_file != "<text>" else Path.cwd()
    folder = base_dir if hasattr(base_dir, "joinpath") and not isinstance(base_dir, (str, os.PathLike)) \
        else Path(base_dir)

    def read(name: str) -> Portfolio:
        entry = Path(name) if Path(name).is_absolute() else folder / name
        return read_portfolio(entry, str(entry))

    scenario = _parse_doc(doc, source_file, read, lambda name: _resolve_vintage(name, folder, check=True))
    if scenario.budget:
        entry = Path(scenario.budget) if Path(scenario.budget).is_absolute() else folder / scenario.budget
        if not entry.exists():
            raise ValueError(f"scenario {source_file}: budget: {scenario.budget!r} does not exist: looked for "
                             f"{os.path.abspath(str(entry))} (a budget file is read relative to the scenario file's "
                             f"folder); expected a budget workbook (.xlsx) or CSV folder (docs/budget-workbook.md)")
    return dataclasses.replace(scenario, base_dir=os.path.abspath(str(folder)), source_text=strip_bom(text))


def _resolve_vintage(name: str, folder: Any, check: bool) -> str | None:
    """The path a scenario's ``vintage`` file resolves to (relative to ``folder``, the scenario file's), or None
    for a packaged vintage's name or a text that is neither a name nor a file (the run then names what is known).
    With ``check``, the file is loaded (validated).

    The rule (as :func:`kommunbudget.baselines.vintages.get_vintage`'s, with the scenario's folder for the working
    folder): a packaged vintage's name is that vintage; any other text ending in ``.toml``, or naming a file that
    exists in the scenario's folder, is a file.

    Raises
    ------
    ValueError
        For a missing file (the message names the path as written and where it was looked for) or an invalid one.
    """
    if name in packaged_vintages():
        return None
    entry = Path(name) if Path(name).is_absolute() else folder / name
    if not name.endswith(".toml") and not entry.is_file():
        return None
    resolved = os.path.abspath(str(entry))
    if check:
        if not entry.is_file():
            raise ValueError(f"{name!r} does not exist: looked for {resolved} (a vintage file is read relative to "
                             f"the scenario file's folder); expected a packaged vintage ("
                             f"{', '.join(packaged_vintages())}) or a vintage .toml file")
        load_vintage(resolved)
    return resolved


def _parse_doc(doc: dict[str, Any], source_file: str, read_premises: Callable[[str], Portfolio],
               resolve_vintage: Callable[[str], str | None]) -> Scenario:
    """Validates a parsed TOML document (see :func:`parse`); ``read_premises(premises_file)`` gives the portfolio,
    ``resolve_vintage(vintage)`` the path of a vintage file (None for a packaged name)."""
    def fail(path: str, message: str, sep: str = ": ") -> ValueError:
        return ValueError(f"scenario {source_file}: {path}{sep}{message}")

    _check_top_keys(doc, fail)
    vintage, vintage_file = _parse_vintage(doc, fail, resolve_vintage)
    premises = _parse_premises(doc, source_file, fail, read_premises)
    # Without a portfolio of its own, a scenario on a budget file may use the budget's (sheet Lokaler): what needs
    # a portfolio is then checked when the scenario runs (kommunbudget.scenarios.result).
    measures = _parse_measures(doc, premises, fail, deferred=premises is None and "budget" in doc)
    if "budget" in doc and not doc["budget"].strip():
        raise fail("budget", "empty; expected your budget's file (a workbook or CSV folder, relative to the "
                             "scenario file), or leave the key out for the embedded baseline")
    return Scenario(name=str(doc.get("name", Path(source_file).stem)), municipality=str(doc.get("municipality", "")),
                    horizon=as_year("horizon", doc["horizon"]), measures=measures,
                    base_year=doc.get("base_year"), target=doc.get("target", "share:0.02"),
                    vintage=vintage, use_plan_growth=doc.get("use_plan_growth", True),
                    description=doc.get("description", ""), description_sv=doc.get("description_sv", ""),
                    source_file=source_file, premises=premises,
                    premises_file=doc.get("premises_file", ""), vintage_file=vintage_file,
                    budget=doc.get("budget", ""), balance_requirement=_parse_balance_requirement(doc, fail))


_BALANCE_FLAGS = ("negative_equity", "withdraw_from_reserve", "reserve_surplus")


def _parse_balance_requirement(doc: dict[str, Any], fail) -> dict[str, Any] | None:
    """The table ``[balance_requirement]`` checked (see :class:`Scenario`); None without one. The ranges are the
    core's (``BalanceRequirement``, ``OpeningDeficit`` in the table of limits; ``docs/model.md`` §14)."""
    if "balance_requirement" not in doc:
        return None
    table = doc["balance_requirement"]
    known = ("opening_reserve_msek", "opening_deficits", *_BALANCE_FLAGS)
    out: dict[str, Any] = {}
    for key, value in table.items():
        where = f"balance_requirement.{key}"
        if key not in known:
            raise fail(where, f"unknown key; expected one of {', '.join(known)}")
        if key in _BALANCE_FLAGS:
            if not isinstance(value, bool):
                raise fail(where, f"{_toml(value)}; expected true or false")
            out[key] = value
        elif key == "opening_reserve_msek":
            lo, hi = limits.limit("BalanceRequirement", "opening_reserve_msek")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
                raise fail(where, f"{_toml(value)}; expected the result reserve at the start of the base year, "
                                  f"MSEK in [{lo:g}, {hi:g}]")
            out[key] = float(value)
        else:
            if not isinstance(value, dict):
                raise fail(where, f"{_toml(value)}; expected a table of year = MSEK, e.g. "
                                  f"opening_deficits = {{ 2023 = 4.8 }}")
            deficits: dict[str, float] = {}
            for year, amount in value.items():
                if not (str(year).isdigit() and len(str(year)) == 4):
                    raise fail(f"{where}.{year}", "not a year; expected the year of origin, e.g. 2023")
                if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not amount > 0:
                    raise fail(f"{where}.{year}", f"{_toml(amount)}; expected the amount not yet restored, MSEK > 0")
                deficits[str(year)] = float(amount)
            out[key] = deficits
    return out


def _check_top_keys(doc: dict[str, Any], fail) -> None:
    """Checks the top-level keys: known, of their type, years in the calendar range, the required ones, the target."""
    for key, value in doc.items():
        if key not in _TOP_KEYS:
            raise fail(key, f"unknown key; expected one of {', '.join(sorted(_TOP_KEYS))}")
        if key in ("measures", "premises") and isinstance(value, dict):
            one = "measure" if key == "measures" else "property"
            raise fail(key, f"a single [{key}] table; expected an array of tables: write [[{key}]] (double "
                            f"brackets) above each {one}")
        if not _type_ok(value, _TOP_KEYS[key]):
            raise fail(key, _type_error(value, _TOP_KEYS[key]))
        if key in _YEAR_KEYS and year_range_error(value):
            raise fail(key, year_range_error(value))
    for key in ("municipality", "horizon"):
        if key not in doc and not (key == "municipality" and "budget" in doc):
            raise fail(key, "missing; a scenario names its municipality and horizon (or its own budget file, "
                            "budget = \"FILE\", instead of the municipality)")
    if "target" in doc:
        try:
            parse_target(doc["target"])
        except TargetTextError as exc:
            raise fail("target", f"{_toml(exc.text)}{exc.detail}") from None


def _parse_vintage(doc: dict[str, Any], fail,
                   resolve_vintage: Callable[[str], str | None]) -> tuple[str | None, str]:
    """The scenario's (vintage, vintage_file): a file's resolved path and the text as written, else (name, "")."""
    vintage, vintage_file = doc.get("vintage"), ""
    if vintage is not None:
        if not vintage.strip():
            raise fail("vintage", "empty; expected a packaged vintage's name or a vintage .toml file (relative to the "
                                  "scenario file)")
        try:
            resolved = resolve_vintage(vintage)
        except ValueError as exc:
            raise fail("vintage", str(exc)) from None
        if resolved is not None:
            vintage, vintage_file = resolved, doc["vintage"]
    return vintage, vintage_file


def _parse_measures(doc: dict[str, Any], premises: Portfolio | None, fail,
                    deferred: bool = False) -> tuple[Measure, ...]:
    """The ``[[measures]]`` tables validated in file order (unique names, each property sold once); ``deferred``:
    the portfolio may be the budget's, so disposals by id and premises targets without a total are checked when the
    scenario runs."""
    measures: list[Measure] = []
    names: set[str] = set()
    sold: dict[str, tuple[str, bool]] = {}  # property id -> (where, named by id)
    premises_ids = dict.fromkeys(premises.ids()) if premises is not None else {}  # in order, for messages
    for i, raw in enumerate(doc.get("measures", [])):
        if not isinstance(raw, dict):
            raise fail(f"measures[{i}]", "expected a table ([[measures]])")
        name, where = _measure_name(raw, i, names, fail)
        kind = _measure_kind(raw, where, fail)
        fields = _measure_fields(raw, kind, where, premises, fail, deferred)
        _check_required(kind, fields, where, premises, fail, deferred)
        if kind == "disposal":
            _check_disposal_property(doc, fields, where, None if deferred else premises_ids, sold, fail)
        _check_measure_values(fail, where, kind, fields)
        topics = _measure_topics(raw, where, fail)
        measures.append(Measure(name=name, kind=kind, fields=fields, topics=topics))
    return tuple(measures)


def _measure_name(raw: dict[str, Any], i: int, names: set[str], fail) -> tuple[str, str]:
    """A measure's name (non-empty, not used before; added to ``names``) and its key path for messages."""
    name = raw.get("name")
    if name is not None and not isinstance(name, str):
        raise fail(f"measures[{i}].name", _type_error(name, str))
    if not isinstance(name, str) or not name.strip():
        raise fail(f"measures[{i}].name", "missing or empty; every measure has a name")
    where = f"measures[{i}] ({name})"
    if name in names:
        raise fail(where, f"the name {name!r} is used twice; expected unique names")
    names.add(name)
    return name, where


def _measure_kind(raw: dict[str, Any], where: str, fail) -> str:
    """A measure's kind, one of :data:`MEASURE_KINDS`."""
    kinds = ", ".join(MEASURE_KINDS)
    if "kind" not in raw:
        raise fail(f"{where}.kind", f"missing; expected one of {kinds}")
    kind = raw["kind"]
    if not isinstance(kind, str):
        raise fail(f"{where}.kind", f"{_type_error(kind, str)}; expected one of {kinds}")
    if kind not in MEASURE_KINDS:
        raise fail(f"{where}.kind", f"{kind!r}; expected one of {kinds}")
    return kind


def _measure_fields(raw: dict[str, Any], kind: str, where: str, premises: Portfolio | None,
                    fail, deferred: bool = False) -> dict[str, Any]:
    """A measure's own fields (not name, kind, topics): known for the kind, of their type, numbers as float."""
    allowed = MEASURE_KINDS[kind].fields
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _COMMON_KEYS:
            if not _type_ok(value, _COMMON_KEYS[key]):
                raise fail(f"{where}.{key}", _type_error(value, _COMMON_KEYS[key]))
            continue
        if key not in allowed:
            hint = (" (this kind starts with from_year, from 1 January)" if key == "start_year"
                    and "from_year" in allowed else " (this kind starts with start_year)" if key == "from_year"
                    and "start_year" in allowed else "")
            raise fail(f"{where}.{key}", f"unknown key for {_article(kind)} {kind} measure{hint}; expected one of "
                                         f"{', '.join(sorted(allowed))}")
        if kind == "disposal" and key == "property" and isinstance(value, str) and premises is None and not deferred:
            raise fail(f"{where}.property", f"{value!r} is not a table, and the scenario has no portfolio for it "
                                            f"to name ([[premises]] or premises_file); expected a "
                                            f"[measures.property] table or the id of a portfolio property")
        if not _type_ok(value, allowed[key]):
            raise fail(f"{where}.{key}", _type_error(value, allowed[key]))
        if key in _YEAR_KEYS and year_range_error(value):
            raise fail(f"{where}.{key}", year_range_error(value))
        fields[key] = float(value) if allowed[key] is float else value
    return fields


def _check_required(kind: str, fields: dict[str, Any], where: str, premises: Portfolio | None, fail,
                    deferred: bool = False) -> None:
    """Checks that a measure has its kind's required fields (a premises target its total or a portfolio)."""
    missing = [k for k in _REQUIRED[kind] if k not in fields]
    if missing:
        raise fail(where, f"missing {', '.join(missing)} for {_article(kind)} {kind} measure")
    if kind == "premises_target" and "total_premises_cost_msek" not in fields and premises is None and not deferred:
        raise fail(where, "missing total_premises_cost_msek for a premises_target measure; give it, or give the "
                          "scenario a portfolio ([[premises]] or premises_file), whose total premises cost "
                          "(running cost + depreciation) is then the total")


def _check_disposal_property(doc: dict[str, Any], fields: dict[str, Any], where: str,
                             premises_ids: dict[str, None] | None, sold: dict[str, tuple[str, bool]], fail) -> None:
    """Checks a disposal's property (a portfolio id, or an inline table checked in place) and records it in ``sold``;
    ``premises_ids`` None: the portfolio is the budget's, and an id is checked when the scenario runs."""
    prop = fields["property"]
    if isinstance(prop, str):
        if premises_ids is not None and prop not in premises_ids:
            form = f"premises_file {doc['premises_file']!r}" if "premises_file" in doc else "[[premises]]"
            raise fail(f"{where}.property", f"{prop!r} is not a property of the portfolio ({form}); expected "
                                            f"one of: {', '.join(premises_ids)}")
        pid = prop
    else:
        fields["property"] = _checked_inline_property(prop, f"{where}.property", fail)
        pid = prop["id"]
    by_id = isinstance(prop, str)
    if pid in sold and (by_id or sold[pid][1]):
        raise fail(f"{where}.property", f"{pid!r} is already sold by {sold[pid][0]}; expected each property "
                                        f"once")
    sold.setdefault(pid, (where, by_id))


def _measure_topics(raw: dict[str, Any], where: str, fail) -> tuple[int, ...]:
    """A measure's checklist topics, whole numbers 1-19."""
    topics = tuple(raw.get("topics", ()))
    bad = [t for t in topics if not isinstance(t, int) or isinstance(t, bool) or not 1 <= t <= 19]
    if bad:
        raise fail(f"{where}.topics", f"{_toml(bad)} are not checklist numbers; expected whole numbers 1-19")
    return topics


def _checked_inline_property(prop: dict[str, Any], where: str, fail) -> dict[str, Any]:
    """A disposal's ``[measures.property]`` table checked exactly as a portfolio row
    (:func:`kommunbudget.premises.checked_property_fields`): known keys of the right TOML type, a non-empty id,
    every required field given and in its range. Returns the table as written, numbers as float (a field left out
    keeps the core's default: ``external_rent_msek`` 0)."""
    for key, value in prop.items():
        if key not in _PROPERTY_KEYS:
            raise fail(f"{where}.{key}", f"unknown key; expected one of {', '.join(sorted(_PROPERTY_KEYS))}")
        if not _type_ok(value, _PROPERTY_KEYS[key]):
            raise fail(f"{where}.{key}", _type_error(value, _PROPERTY_KEYS[key]))
    if "id" not in prop:
        raise fail(f"{where}.id", "missing; every property has an id")
    if not prop["id"].strip():
        raise fail(f"{where}.id", "empty; every property has an id")
    checked_property_fields(prop, lambda column, detail: fail(f"{where}.{column}", detail))
    return {k: (float(v) if _PROPERTY_KEYS[k] is float else v) for k, v in prop.items()}


def _parse_premises(doc: dict[str, Any], source_file: str, fail,
                    read_premises: Callable[[str], Portfolio]) -> Portfolio | None:
    """The portfolio of ``[[premises]]`` or ``premises_file`` (None without either); errors name the key path."""
    if "premises" in doc and "premises_file" in doc:
        raise fail("premises_file", "both [[premises]] tables and premises_file are given; expected one of them")
    if "premises" in doc:
        if not doc["premises"]:
            raise fail("premises", "empty; expected one [[premises]] table per property")
        try:
            return portfolio_from_records(doc["premises"], f"{source_file} [[premises]]")
        except PortfolioError as exc:
            path = "premises"
            if exc.row is not None:
                path += f"[{exc.row - 1}]" + (f" ({exc.property_id})" if exc.property_id else "")
            raise fail(path + (f".{exc.column}" if exc.column else ""), exc.detail) from None
    if "premises_file" in doc:
        name = doc["premises_file"]
        if not name.strip():
            raise fail("premises_file", "empty; expected the name of a CSV file (relative to the scenario file)")
        try:
            return read_premises(name)
        except ValueError as exc:
            raise fail("premises_file", str(exc)) from None
    return None


def packaged_scenarios() -> list[str]:
    """Names of the example scenarios shipped with the package (``data/files/scenarios/*.toml``)."""
    return packaged_names("scenarios")


def _limit_row(kind: str, key: str) -> tuple[str, str]:
    """The row of the core's table of limits (``docs/model.md`` §14, :mod:`kommunbudget.model.limits`) that holds
    the range of a measure's key: (structure, field). A file's keys are those of the kind's core struct, except a
    derived kind's share and a premises total, which the core's ``gap_saving_msek`` and
    ``premises_target_saving_msek`` take."""
    if key == "share_closed":
        return "gap_saving_msek", "share_closed"
    if kind == "premises_target" and key in ("share", "total_premises_cost_msek"):
        return "premises_target_saving_msek", key
    return MEASURE_KINDS[kind].core_type, key


def _ranges(keys: tuple[str, ...], kinds: tuple[str, ...] | None = None) -> dict[tuple[str, str], tuple[float, float]]:
    """(kind, key) -> the core's range, for every kind (of ``kinds``, default all) whose fields include the key."""
    return {(kind, key): limits.limit(*_limit_row(kind, key))
            for kind, spec in MEASURE_KINDS.items() if kinds is None or kind in kinds
            for key in keys if key in spec.fields}


#: Fractions checked on load: (kind, key) -> range, the core's. The core would check some of them too, but those
#: combined before it sees them (a share of a total, of a gap) only under another name; a value that looks like a
#: percent is named. ``labour_share`` is refused below 0 in a file (the core reads a negative one as "the line's
#: share"; a file leaves the key out for that).
_FRACTIONS = {**_ranges(("share", "share_closed"), ("premises_target", "nka_gap", "area_gap")),
              **_ranges(("labour_share",), ("area_gap", "nka_gap", "fixed_saving")),
              **_ranges(("rate", "net_share"), ("efficiency",)),
              **_ranges(("share_into_benefits", "out_migration_share"), ("work_line",))}
#: The timing fields, checked on load for every kind that has them, with the core's ranges for the kind's core type
#: (FixedSaving, EfficiencyMeasure, WorkLinePolicy): (kind, key) -> range. ``one_off_cost_msek`` is checked with the
#: amounts below.
_TIMING_FRACTIONS = _ranges(("realised_share",))
_TIMING_WHOLE = _ranges(("ramp_years",))
#: Months (``start_month``, a disposal's ``month``): (kind, key) -> the core's range, 1-12.
_MONTHS = _ranges(("start_month", "month"))
#: Amounts checked on load with the core's range (a saving and a premises total, [0, 100000] MSEK): (kind, key) ->
#: (range, what the amount is); the one-off costs of the kinds that have one: (kind, key) -> range.
_AMOUNTS = {("fixed_saving", "amount_msek"): (limits.limit("FixedSaving", "amount_msek"),
                                              "a yearly saving in base-year prices, written as a positive amount"),
            ("premises_target", "total_premises_cost_msek"): (
                limits.limit("premises_target_saving_msek", "total_premises_cost_msek"),
                "the premises' yearly running cost + depreciation in base-year prices")}
_ONE_OFF_COSTS = _ranges(("one_off_cost_msek",))


def _fraction_error(value: float, lo: float, hi: float) -> str:
    """'<value> is outside [lo, hi]', with the fraction meant when the value looks like a percent (not for a share
    below 2: 1.5 is as likely a typo as 150 %, as in the core's check_share)."""
    percent = lo <= value / 100 <= hi and abs(value) >= (2 if hi == 1.0 else 1)
    hint = f"; did you mean {value / 100:g}?" if percent else ""
    note = f" (a fraction is expected{hint})" if percent or not 0.0 <= value <= 1.0 else ""
    tail = f": {value:g} looks like a percent" if percent else ""
    return f"{value:g} is outside [{lo:g}, {hi:g}]{note}{tail}"


def _check_measure_values(fail, where: str, kind: str, fields: dict[str, Any]) -> None:
    """Checks on load, with the key paths of the file, what needs no baseline: the fractions (a value that looks like
    a percent is named), the timing fields of every kind (start month, ramp years, realised share, one-off cost), a
    saving's amount and a premises total, the NKA figures, a disposal's price and month, an area_gap's fields. The
    core checks the rest when the scenario runs (years against the base year and horizon, cost lines, the other
    fields of the core types)."""
    _check_fractions_and_amounts(fail, where, kind, fields)
    if kind == "nka_gap":
        _check_nka_figures(fail, where, fields)
    if kind == "disposal" and "price_msek" in fields and fields["price_msek"] < 0:
        raise fail(f"{where}.price_msek", f"{fields['price_msek']:g} is negative; expected a price >= 0 (leave it "
                                          f"out to sell at the market value)")
    for (k, key), (lo, hi) in _MONTHS.items():
        if k == kind and key in fields and not lo <= fields[key] <= hi:
            raise fail(f"{where}.{key}", f"{fields[key]} is outside [{lo:g}, {hi:g}]")
    if kind == "area_gap":
        _check_area_gap_fields(fail, where, fields)


def _check_fractions_and_amounts(fail, where: str, kind: str, fields: dict[str, Any]) -> None:
    """Checks a measure's fractions, ramp years, amounts and one-off cost against the core's ranges."""
    for (k, key), (lo, hi) in {**_FRACTIONS, **_TIMING_FRACTIONS}.items():
        if k == kind and key in fields and not lo <= fields[key] <= hi:
            raise fail(f"{where}.{key}", _fraction_error(fields[key], lo, hi))
    for (k, key), (lo, hi) in _TIMING_WHOLE.items():
        if k == kind and key in fields and not lo <= fields[key] <= hi:
            raise fail(f"{where}.{key}", f"{fields[key]} is outside [{lo:g}, {hi:g}] (1 = the full step in the first "
                                         f"year)")
    for (k, key), ((lo, hi), what) in _AMOUNTS.items():
        if k == kind and key in fields and not lo <= fields[key] <= hi:
            raise fail(f"{where}.{key}", f"{fields[key]:g} is outside [{lo:g}, {hi:g}] MSEK ({what})")
    if (kind, "one_off_cost_msek") in _ONE_OFF_COSTS and "one_off_cost_msek" in fields:
        lo, hi = _ONE_OFF_COSTS[(kind, "one_off_cost_msek")]
        cost = fields["one_off_cost_msek"]
        if cost < lo:
            raise fail(f"{where}.one_off_cost_msek", f"{cost:g} is negative; expected a cost >= {lo:g} (MSEK, paid "
                                                     f"once in the first year)")
        if cost > hi:
            raise fail(f"{where}.one_off_cost_msek", f"{cost:g} is outside [{lo:g}, {hi:g}] MSEK (paid once in the "
                                                     f"first year)")


def _check_nka_figures(fail, where: str, fields: dict[str, Any]) -> None:
    """Checks an nka_gap measure's net cost and NKA deviation (a positive gap, the core's ranges)."""
    if fields["net_cost_deviation_percent"] <= 0:
        raise fail(f"{where}.net_cost_deviation_percent",
                   f"{fields['net_cost_deviation_percent']:g} % means the net cost is at or below the reference "
                   f"cost: there is no gap to close (expected a deviation > 0)")
    if fields["net_cost_msek"] < 0:
        raise fail(f"{where}.net_cost_msek", f"{fields['net_cost_msek']:g} is negative; expected a net cost >= 0")
    try:  # the core's ranges; its message names the key as written ("net_cost_deviation_percent = 2000 ...")
        core.net_cost_gap_msek(fields["net_cost_msek"], fields["net_cost_deviation_percent"])
    except ValueError as exc:
        raise fail(where, str(exc), sep=".") from None


def _check_area_gap_fields(fail, where: str, fields: dict[str, Any]) -> None:
    """Checks an area_gap measure's service area, basis, peer rule and peers."""
    keys = [a.key for a in service_areas.SERVICE_AREAS]
    if fields["service_area"] not in keys:
        raise fail(f"{where}.service_area", f"{fields['service_area']!r} is not a service area; expected one of: "
                                            f"{', '.join(keys)}")
    if fields.get("basis", "peers") not in ("peers", "nka"):
        raise fail(f"{where}.basis", f"{fields['basis']!r}; expected 'peers' (the peers' median per inhabitant) "
                                     f"or 'nka' (Kolada's reference cost, Skåne only)")
    if fields.get("peer_rule", "county_size") not in PEER_RULES:
        raise fail(f"{where}.peer_rule", f"{fields['peer_rule']!r}; expected one of: "
                                         f"{', '.join(PEER_RULES)}")
    peers = fields.get("peers", [])
    if not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in peers):
        raise fail(f"{where}.peers", f"{peers!r}; expected a list of municipality names or codes")
    if peers and "peer_rule" in fields:
        raise fail(f"{where}.peers", "both peers and peer_rule are given; expected one of them")
    if fields.get("basis") == "nka" and (peers or "peer_rule" in fields):
        raise fail(f"{where}.basis", "'nka' compares with Kolada's reference cost; peers and peer_rule apply to "
                                     "basis 'peers' only")


def load_scenario(path: str | Path, budget: str | os.PathLike[str] | None = None) -> Scenario:
    """Loads a scenario file (read only; neither it nor its portfolio file is modified), or a packaged example by
    name (see :func:`packaged_scenarios`). The file is read as UTF-8 (a byte-order mark is accepted). A
    ``premises_file`` and a ``vintage`` file are read relative to the scenario file; ``budget`` replaces the file's
    ``budget`` (see :func:`parse`).

    Raises
    ------
    ValueError
        As :func:`parse`; if neither a file nor an example of that name exists (naming the examples); for a file
        that is not UTF-8 text (naming the file, the first byte that is not UTF-8 and its position).
    """
    path = Path(path)
    if not path.is_file():
        if str(path) in packaged_scenarios():
            folder = files_folder() / "scenarios"
            entry = folder / f"{path}.toml"
            return parse(entry.read_text(encoding="utf-8"), f"kommunbudget/data/files/scenarios/{path}.toml", folder,
                         budget)
        what = "is a folder, not a file" if path.is_dir() else "does not exist"
        raise ValueError(f"scenario file {str(path)!r} {what} (packaged examples: "
                         f"{', '.join(packaged_scenarios())})")
    try:
        text = read_user_text(path)
    except ValueError as exc:
        raise ValueError(f"scenario {path}: {exc}") from None
    return parse(text, str(path), budget=budget)


def _written_vintage_file(scenario: Scenario) -> str:
    """:attr:`Scenario.vintage_file` while :attr:`Scenario.vintage` is still the path it resolves to from
    :attr:`Scenario.base_dir`, else ``""`` (the vintage was changed in code)."""
    if scenario.vintage_file and scenario.vintage and scenario.base_dir and \
            os.path.abspath(os.path.join(scenario.base_dir, scenario.vintage_file)) == scenario.vintage:
        return scenario.vintage_file
    return ""


def _vintage_text(scenario: Scenario, folder: str | os.PathLike[str] | None) -> str | None:
    """The ``vintage`` to write for a scenario file in ``folder`` (None: as written, or as given in code): a
    packaged name as it is; a file as written when it resolves to the same file from ``folder``, else the path
    relative to ``folder`` (a path given in code is relative to the working folder, as the run reads it)."""
    vintage = scenario.vintage
    if not vintage:
        return vintage
    written = _written_vintage_file(scenario)
    if folder is None:
        return written or vintage
    if not written and not is_vintage_file(vintage):  # a packaged name, or a text that is no file (kept)
        return vintage
    target = os.path.abspath(vintage)
    if written and os.path.abspath(os.path.join(folder, written)) == target:
        return written
    try:
        return os.path.relpath(target, os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        return target


def _budget_text(scenario: Scenario, folder: str | os.PathLike[str] | None) -> str:
    """The ``budget`` to write for a scenario file in ``folder`` (None: as written): a relative path that still
    reaches the same file from ``folder``."""
    path = scenario.budget_path()
    if folder is None or path is None or Path(scenario.budget).is_absolute():
        return scenario.budget
    target = os.path.abspath(path)
    if os.path.abspath(os.path.join(folder, scenario.budget)) == target:
        return scenario.budget
    try:
        return os.path.relpath(target, os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        return target


def _scenario_doc(scenario: Scenario, vintage: str | None, budget: str = "") -> dict[str, Any]:
    """The scenario as a TOML document (a dict), with ``vintage`` and ``budget`` as they are to be written."""
    doc: dict[str, Any] = {"name": scenario.name}
    if scenario.municipality or not budget:
        doc["municipality"] = scenario.municipality
    doc.update({"horizon": scenario.horizon, "target": scenario.target})
    for key, value in (("base_year", scenario.base_year), ("vintage", vintage), ("budget", budget),
                       ("description", scenario.description), ("description_sv", scenario.description_sv)):
        if value:
            doc[key] = value
    if not scenario.use_plan_growth:
        doc["use_plan_growth"] = False
    if scenario.premises is not None and scenario.premises_file:
        doc["premises_file"] = scenario.premises_file
    elif scenario.premises is not None and not scenario.premises_from_budget:
        doc["premises"] = scenario.premises.records()
    if scenario.balance_requirement is not None:
        doc["balance_requirement"] = dict(scenario.balance_requirement)
    doc["measures"] = [{"name": m.name, "kind": m.kind, **({"topics": list(m.topics)} if m.topics else {}),
                        **{k: _toml_value(v) for k, v in m.fields.items()}} for m in scenario.measures]
    return doc


def _toml_value(value: Any) -> Any:
    """A measure's field as TOML can hold it: a core YearSeries (e.g. a work line's ``price_base_amount_kr``) as a
    table ``{year = value}``; anything else as it is."""
    as_dict = getattr(value, "as_dict", None)
    return {str(year): v for year, v in as_dict().items()} if callable(as_dict) else value


def to_toml(scenario: Scenario) -> str:
    """The scenario as fresh TOML text (the format :func:`parse` reads; :func:`save` keeps a loaded file's comments
    instead). The portfolio is written in the form it was read: ``premises_file = "..."`` (the CSV itself is written
    by :func:`save`) or ``[[premises]]`` tables; a vintage file as written in the scenario file it was loaded
    from."""
    return tomli_w.dumps(_scenario_doc(scenario, _vintage_text(scenario, None), scenario.budget))


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML values: ``10`` and ``10.0`` are the same number, ``true`` is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


#: Keys a file may leave out, with the value they then have: a value equal to it is not added to a file that left
#: the key out, nor removed from one that wrote it. ``name`` defaults to the file's stem (added in :func:`save`).
_TOP_DEFAULTS: dict[str, Any] = {"target": "share:0.02", "use_plan_growth": True, "description": "",
                                  "description_sv": ""}
_MEASURE_DEFAULTS: dict[str, Any] = {"topics": []}
#: Arrays of tables matched by a key when they change: measures by name, properties by id.
_ARRAY_KEYS = {"measures": "name", "premises": "id"}


def _merge_table(table: Any, old: dict[str, Any], new: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Updates the tomlkit ``table`` (whose plain value is ``old``) to ``new``, touching only what changed, so
    comments and layout stay."""
    for key in list(old):
        if key not in new and not (key in defaults and _same(old[key], defaults[key])):
            del table[key]
    for key, value in new.items():
        if key in old:
            if _same(old[key], value):
                continue
            if isinstance(value, dict) and isinstance(old[key], dict):
                _merge_table(table[key], old[key], value, {})
            elif key in _ARRAY_KEYS and value == []:  # no measures (properties) left: the file leaves the key out
                del table[key]
            elif key in _ARRAY_KEYS and isinstance(old[key], list) and all(isinstance(t, dict) for t in old[key]):
                _merge_array(table, key, old[key], value)
            else:
                table[key] = value
        elif not (key in defaults and _same(defaults[key], value)):
            table[key] = value


def _merge_array(table: Any, key: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    """An array of tables (``[[measures]]``, ``[[premises]]``) updated table by table: the tables are matched by
    their name or id, so a kept table keeps its comments; a removed one is dropped and a new one inserted where it
    stands. When kept tables change their order, the array is rebuilt from the kept tables."""
    ident = _ARRAY_KEYS[key]
    defaults = _MEASURE_DEFAULTS if key == "measures" else {}
    current = table[key]
    new_ids = {t.get(ident) for t in new}
    old_ids = {t.get(ident) for t in old}
    kept = [t for t in old if t.get(ident) in new_ids]
    if [t.get(ident) for t in kept] == [t.get(ident) for t in new if t.get(ident) in old_ids]:
        for i in reversed(range(len(old))):
            if old[i].get(ident) not in new_ids:
                del current[i]
        by_id = {t.get(ident): t for t in kept}
        for i, n in enumerate(new):
            if n.get(ident) in by_id:
                _merge_table(current[i], by_id[n.get(ident)], n, defaults)
            elif i < len(current):  # before a kept table: a blank line after it, as between the file's tables
                added = tomlkit.item(n)
                added.add(tomlkit.nl())
                current.insert(i, added)
            else:  # at the end: a blank line before it unless the table above ends with one
                added = tomlkit.item(n)
                if len(current) and not current[len(current) - 1].as_string().endswith("\n\n"):
                    added.trivia.indent = "\n"
                current.append(added)
        return
    position = {t.get(ident): i for i, t in enumerate(old)}
    tables = []
    for n in new:
        i = position.get(n.get(ident))
        if i is None:
            tables.append(tomlkit.item(n))
        else:
            _merge_table(current[i], old[i], n, defaults)
            tables.append(current[i])
    array = tomlkit.aot()
    for t in tables:
        array.append(t)
    table[key] = array


def _updated_text(source_text: str, doc: dict[str, Any], name_default: str) -> str:
    """``source_text`` (a scenario file's TOML) updated to ``doc``: only what changed is rewritten."""
    document = tomlkit.parse(source_text)
    _merge_table(document, tomllib.loads(source_text), doc, {**_TOP_DEFAULTS, "name": name_default})
    return tomlkit.dumps(document)


def save(scenario: Scenario, path: str | Path, *, replace_premises_file: bool = False) -> Path:
    """Writes the scenario to ``path`` (UTF-8) atomically (a temporary file in the same folder, then a rename), so
    an existing file is replaced whole or not at all.

    A scenario loaded from a file (:attr:`Scenario.source_text`) is written as that file's text with only what
    changed updated (:mod:`tomlkit`), so its comments and layout are kept; a scenario built in code is written fresh
    (:func:`to_toml`). The file keeps the mode of the file it replaces; a new file gets ``0o666 & ~umask``.

    A vintage file is written as in the scenario file it was loaded from when it resolves to the same file from
    ``path``'s folder, else as a path relative to that folder (a vintage path given in code is relative to the
    working folder). A portfolio read from ``premises_file`` is written back as that file, relative to ``path``:
    left untouched if it already holds the same properties (its comments and formatting kept), else written
    atomically with :func:`kommunbudget.premises.write_portfolio` before the scenario file. ``[[premises]]`` tables
    are written inside the scenario file.

    Parameters
    ----------
    scenario : Scenario
    path : str or path-like
        The scenario file to write.
    replace_premises_file : bool
        Allow replacing an existing portfolio file that holds other properties (default: refuse).

    Returns
    -------
    pathlib.Path
        The scenario file written.

    Raises
    ------
    ValueError
        For a directory or a missing folder, or an existing portfolio file with other properties (unless
        ``replace_premises_file``).
    """
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"scenario file {str(path)!r} is a directory; expected a file name")
    if not path.parent.is_dir():
        raise ValueError(f"scenario file {str(path)!r}: the folder {str(path.parent)!r} does not exist")
    doc = _scenario_doc(scenario, _vintage_text(scenario, path.parent), _budget_text(scenario, path.parent))
    fresh = tomli_w.dumps(doc)
    text = _updated_text(scenario.source_text, doc, path.stem) if scenario.source_text else fresh
    if text != fresh and not _reads_back_as(text, path, scenario):  # pragma: no cover - a merge bug
        warnings.warn(f"scenario file {str(path)!r}: the file's comments could not be kept; it is written fresh",
                      RuntimeWarning, stacklevel=2)
        text = fresh
    _reads_back_as(text, path, scenario, check=True)  # what is written reads back (raises if not)
    if scenario.premises is not None and scenario.premises_file:
        target = Path(scenario.premises_file)
        target = target if target.is_absolute() else path.parent / target
        try:
            unchanged = target.is_file() and read_portfolio(target) == scenario.premises
        except ValueError:
            unchanged = False
        if not unchanged:
            if target.exists() and not replace_premises_file:
                raise ValueError(f"scenario file {str(path)!r}: premises_file {str(target)!r} exists and holds other "
                                 f"properties; save elsewhere, change the scenario's premises_file, or pass "
                                 f"replace_premises_file=True")
            write_portfolio(scenario.premises, target)
    return write_text_atomic(path, text)


def _reads_back_as(text: str, path: Path, scenario: Scenario, check: bool = False) -> bool:
    """Whether ``text``, read as the file ``path``, gives ``scenario`` (its measures, portfolio and top-level
    fields; a vintage file is not opened). With ``check``, the text is only validated (ValueError if invalid)."""
    again = _parse_doc(tomllib.loads(text), str(path), lambda name: scenario.premises,
                       lambda name: _resolve_vintage(name, path.parent, check=False))
    if check:
        return True
    keys = ("name", "municipality", "horizon", "measures", "base_year", "target", "use_plan_growth", "description",
            "description_sv", "premises", "premises_file")
    if scenario.premises_from_budget:  # the budget's portfolio is not written
        keys = tuple(k for k in keys if k != "premises")
    return all(getattr(again, k) == getattr(scenario, k) for k in keys)


__all__ = ["MEASURE_KINDS", "Measure", "Scenario", "load_scenario", "packaged_scenarios", "parse", "save", "to_toml"]
