"""Presets: the report's cases as explicit starting points for measures.

Each :class:`Preset` restates one case from the report (a Swedish policy report, 2025, "check this before you
raise the tax") with its figures, the lever kind it maps to (see :data:`kommunbudget.checklist.LEVER_KINDS`) and
its source. Nothing is ever applied silently: :func:`build` turns a preset into a core measure object only when
called, and only with the municipality's own figures that the preset needs (``Preset.requires``), e.g.::

    from kommunbudget import presets
    saving = presets.build("orust-political-cost", political_cost_msek=12.0, start_year=2026)
    # -> FixedSaving(name='orust-political-cost', amount_msek=6.0, start_year=2026, ...)

Conventions: amounts in MSEK, per-household amounts in kr, shares and rates as fractions. Figures that come
from an embedded data file are read from the file (``kommunbudget.data.read_table``), never typed; figures
that exist only in the report's text (REPORT-FACTS.md) are typed once here, next to their source, and every
derived figure (a trend, a base) is computed from them in code.

Errors
------
An unknown preset name, an unknown or computed parameter, a missing user figure or a figure outside its range
raises ``ValueError`` naming the preset, the parameter and the value.
"""
from __future__ import annotations

import functools
import math
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kommunbudget.data.tables import cached_table
from kommunbudget.model import core, limits
from kommunbudget.model.measures import price_base_series
from kommunbudget.model.years import YEAR_RANGE
from kommunbudget.scenarios.checklist import LEVER_KINDS

__all__ = [
    "Preset",
    "build",
    "preset",
    "presets",
    "solna_household_trend",
]

_REPORT = "the report (Swedish policy report, 2025, 'check this before you raise the tax')"
_NO_PRIMARY = "REPORT-FACTS.md names no further primary source; check the report's references before quoting"


@dataclass(frozen=True)
class Preset:
    """One of the report's cases as a starting point for a measure.

    Attributes
    ----------
    name : str
        Identifier, e.g. ``"lomma-premises-target"``.
    description : str
        What the case was and what the preset does with it.
    lever : str
        The lever kind (a key of ``kommunbudget.checklist.LEVER_KINDS``).
    parameters : Mapping[str, Any]
        The preset's own settings that :func:`build` uses; each can be overridden (read-only mapping).
    source : str
        The report and the primary source it names (or that none is named); for file figures, the file.
    note : str
        Caveats: how far the case transfers, what the user must judge.
    requires : tuple[str, ...]
        The municipality's own figures :func:`build` needs (keyword arguments).
    figures : Mapping[str, Any]
        The case's own figures and what is derived from them (for display and checks; read-only).
    topics : tuple[int, ...]
        Checklist numbers the case illustrates (tags for the scenario).
    """

    name: str
    description: str
    lever: str
    parameters: Mapping[str, Any]
    source: str
    note: str
    requires: tuple[str, ...] = ()
    figures: Mapping[str, Any] = field(default_factory=lambda: types.MappingProxyType({}))
    topics: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Spec:
    build: Callable[[str, dict[str, Any]], Any]
    passthrough: frozenset[str]          # core fields the user may set directly
    computed: Mapping[str, str]          # core fields the preset computes -> from what


# ----------------------------------------------------------------------------------------------------------
# The report's figures (text only: REPORT-FACTS.md) and figures read from the embedded files
# ----------------------------------------------------------------------------------------------------------

# Solna, households on social assistance (the report, work line).
_SOLNA_FIRST_YEAR, _SOLNA_FIRST_HOUSEHOLDS = 1998, 2197
_SOLNA_LAST_YEAR, _SOLNA_LAST_HOUSEHOLDS = 2018, 337


def solna_household_trend() -> float:
    """Solna's constant yearly change in households on assistance, 1998-2018: (337 / 2197)^(1/20) − 1.

    About −0.0894 (−8.9 % a year). Computed from the report's two figures, not typed.
    """
    years = _SOLNA_LAST_YEAR - _SOLNA_FIRST_YEAR
    return (_SOLNA_LAST_HOUSEHOLDS / _SOLNA_FIRST_HOUSEHOLDS) ** (1.0 / years) - 1.0


_ASSISTANCE_FILE = "ekonomiskt_bistand.csv"
_ASSISTANCE_YEAR = 2024


@functools.lru_cache(maxsize=1)
def _national_assistance() -> dict[str, Any]:
    """Riket's row for 2024 in ekonomiskt_bistand.csv: households, paid (tkr), the file's own kr per household."""
    table = cached_table(_ASSISTANCE_FILE)
    rows = table[(table["niva"] == "riket") & (table["ar"] == _ASSISTANCE_YEAR)]
    if len(rows) != 1:
        raise RuntimeError(f"embedded data file {_ASSISTANCE_FILE!r}: expected one row for riket "
                           f"{_ASSISTANCE_YEAR}, found {len(rows)}")
    row = rows.iloc[0]
    households = float(row["bistandshushall"])
    paid_tkr = float(row["utbetalt_tkr"])
    if not (households > 0 and math.isfinite(paid_tkr)):
        raise RuntimeError(f"embedded data file {_ASSISTANCE_FILE!r}: riket {_ASSISTANCE_YEAR} lacks households "
                           "or amount paid")
    return {
        "year": _ASSISTANCE_YEAR,
        "households": households,
        "paid_tkr": paid_tkr,
        "cost_per_household_kr": paid_tkr * 1000.0 / households,
        "file_cost_per_household_kr": float(row["belopp_per_hushall_kr"]),
        "cost_per_inhabitant_kr": float(row["kostnad_per_invanare_kr"]),
        "page": str(row["kalla"]),
        "producer": str(row["grundkalla"]),
    }


# ----------------------------------------------------------------------------------------------------------
# Checks of user figures
# ----------------------------------------------------------------------------------------------------------


def _number(preset_name: str, key: str, value: Any, low: float = 0.0, high: float = math.inf) -> float:
    """``value`` as a float in [low, high]; a value that fits as a percent of a fraction gets the fraction it
    probably means."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise ValueError(f"preset {preset_name!r}: {key} = {value!r} is not a finite number")
    if not low <= float(value) <= high:
        percent = high <= 1.0 and abs(value) >= 1 and low <= value / 100 <= high
        hint = f"; did you mean {value / 100:g}?" if percent else ""
        raise ValueError(f"preset {preset_name!r}: {key} = {value!r} is outside the allowed range [{low:g}, {high:g}]"
                         f"{hint}")
    return float(value)


def _core_number(preset_name: str, key: str, value: Any, structure: str, field: str) -> float:
    """``value`` checked against the core's range for ``structure.field`` (docs/model.md §14), named by the preset's
    own key."""
    return _number(preset_name, key, value, *limits.limit(structure, field))


def _year(preset_name: str, key: str, value: Any) -> int:
    lo, hi = YEAR_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"preset {preset_name!r}: {key} = {value!r} is not a year (an integer {lo}-{hi})")
    return int(value)


def _pick(values: dict[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    return {key: values[key] for key in keys if key in values}


# ----------------------------------------------------------------------------------------------------------
# Builders
# ----------------------------------------------------------------------------------------------------------

_WORK_LINE_FIELDS = frozenset(core.WorkLinePolicy._fields)
_FIXED_SAVING_PASSTHROUGH = frozenset({"name", "start_month", "ramp_years", "realised_share", "one_off_cost_msek",
                                       "labour_share"})


def _build_solna(name: str, v: dict[str, Any]) -> core.WorkLinePolicy:
    fields = _pick(v, _WORK_LINE_FIELDS)
    fields.setdefault("name", name)
    _core_number(name, "baseline_households", v["baseline_households"], "WorkLinePolicy", "baseline_households")
    _core_number(name, "cost_per_household_kr", v["cost_per_household_kr"], "WorkLinePolicy",
                 "cost_per_household_kr")
    fields["start_year"] = _year(name, "start_year", v["start_year"])
    ramp_years = v["ramp_years"]
    lo, hi = limits.limit("WorkLinePolicy", "ramp_years")
    if isinstance(ramp_years, bool) or not isinstance(ramp_years, int) or not lo <= ramp_years <= hi:
        raise ValueError(f"preset {name!r}: ramp_years = {ramp_years!r} is not an integer {lo:g}-{hi:g}")
    change = _number(name, "yearly_change", v["yearly_change"], -1.0, 0.0)
    if "target_reduction" not in v:  # Solna's pace sustained over the ramp
        fields["target_reduction"] = 1.0 - (1.0 + change) ** ramp_years
    fields["price_base_amount_kr"], _note = price_base_series(fields["start_year"], fields.get("price_base_amount_kr"))
    return core.WorkLinePolicy(**fields)


def _build_national(name: str, v: dict[str, Any]) -> core.WorkLinePolicy:
    fields = _pick(v, _WORK_LINE_FIELDS)
    fields.setdefault("name", name)
    _core_number(name, "baseline_households", v["baseline_households"], "WorkLinePolicy", "baseline_households")
    _core_number(name, "cost_per_household_kr", v["cost_per_household_kr"], "WorkLinePolicy",
                 "cost_per_household_kr")
    _core_number(name, "target_reduction", v["target_reduction"], "WorkLinePolicy", "target_reduction")
    fields["start_year"] = _year(name, "start_year", v["start_year"])
    fields["price_base_amount_kr"], _note = price_base_series(fields["start_year"], fields.get("price_base_amount_kr"))
    return core.WorkLinePolicy(**fields)


def _fixed_saving(name: str, v: dict[str, Any], amount_msek: float) -> core.FixedSaving:
    fields = _pick(v, _FIXED_SAVING_PASSTHROUGH)
    fields.setdefault("name", name)
    fields["amount_msek"] = amount_msek
    fields["start_year"] = _year(name, "start_year", v["start_year"])
    return core.FixedSaving(**fields)


def _build_premises_share(name: str, v: dict[str, Any]) -> core.FixedSaving:
    """A premises target: the core's saving ``premises_target_saving_msek(premises cost, share)`` (base-year MSEK),
    each figure checked against the core's range for it (``docs/model.md`` §14)."""
    share = _number(name, "share", v["share"], *limits.limit("premises_target_saving_msek", "share"))
    base = _number(name, "premises_cost_msek", v["premises_cost_msek"],
                   *limits.limit("premises_target_saving_msek", "total_premises_cost_msek"))
    return _fixed_saving(name, v, core.premises_target_saving_msek(base, share))


def _build_tjorn(name: str, v: dict[str, Any]) -> core.FixedSaving:
    """Scheduling: the core's ``gap_saving_msek(cost, share)`` for overtime and for substitutes, summed (base-year
    MSEK); each cost in the range of a fixed saving's amount, each reduction a share closed (docs/model.md §14)."""
    overtime = _core_number(name, "overtime_cost_msek", v["overtime_cost_msek"], "FixedSaving", "amount_msek")
    substitutes = _core_number(name, "substitute_cost_msek", v["substitute_cost_msek"], "FixedSaving", "amount_msek")
    overtime_cut = _core_number(name, "overtime_reduction", v["overtime_reduction"], "gap_saving_msek",
                                "share_closed")
    substitute_cut = _core_number(name, "substitute_reduction", v["substitute_reduction"], "gap_saving_msek",
                                  "share_closed")
    return _fixed_saving(name, v, core.gap_saving_msek(overtime, overtime_cut)
                         + core.gap_saving_msek(substitutes, substitute_cut))


def _build_orust(name: str, v: dict[str, Any]) -> core.FixedSaving:
    """Political organisation: the core's ``gap_saving_msek(political cost, share)`` (base-year MSEK)."""
    share = _core_number(name, "share", v["share"], "gap_saving_msek", "share_closed")
    political = _core_number(name, "political_cost_msek", v["political_cost_msek"], "FixedSaving", "amount_msek")
    return _fixed_saving(name, v, core.gap_saving_msek(political, share))


def _build_staffanstorp(name: str, v: dict[str, Any]) -> core.EfficiencyMeasure:
    # A productivity gain is a fraction: 0.3 = 30 % more cases for the same cost (at most twice as productive).
    gain = _number(name, "productivity_gain", v["productivity_gain"], 0.0, 1.0)
    share = _number(name, "case_handling_share", v["case_handling_share"], 0.0, 1.0)
    cost_line = v["cost_line"]
    if not isinstance(cost_line, str):
        raise ValueError(f"preset {name!r}: cost_line = {cost_line!r} is not a text (empty = all cost lines)")
    # "30 % more efficient": the same cases at 1 / 1.3 of the cost, i.e. a cost saving of 1 − 1 / 1.3 on the
    # case-handling part of the line, a one-off step that persists. case_handling_share is a share of the line's
    # GROSS cost, so the rate applies to the gross cost (on_gross): the saving is share × gross × (1 − 1/1.3).
    rate = share * (1.0 - 1.0 / (1.0 + gain))
    return core.EfficiencyMeasure(from_year=_year(name, "from_year", v["from_year"]), rate=rate, yearly=False,
                                   cost_line=cost_line, on_gross=True)


_SPECS: dict[str, _Spec] = {
    "solna-households": _Spec(_build_solna, _WORK_LINE_FIELDS - {"ramp_years"}, {}),
    "national-assistance-2024": _Spec(_build_national, _WORK_LINE_FIELDS, {}),
    "vaxjo-premises": _Spec(_build_premises_share, _FIXED_SAVING_PASSTHROUGH,
                            {"amount_msek": "share x premises_cost_msek"}),
    "lomma-premises-target": _Spec(_build_premises_share, _FIXED_SAVING_PASSTHROUGH,
                                   {"amount_msek": "share x premises_cost_msek"}),
    "tjorn-scheduling": _Spec(_build_tjorn, _FIXED_SAVING_PASSTHROUGH,
                              {"amount_msek": "overtime_reduction x overtime_cost_msek + substitute_reduction x "
                                              "substitute_cost_msek"}),
    "orust-political-cost": _Spec(_build_orust, _FIXED_SAVING_PASSTHROUGH,
                                  {"amount_msek": "share x political_cost_msek"}),
    "staffanstorp-case-handling": _Spec(_build_staffanstorp, frozenset(),
                                        {"rate": "case_handling_share x (1 − 1 / (1 + productivity_gain))",
                                         "yearly": "a one-off step (yearly=False)"}),
}


# ----------------------------------------------------------------------------------------------------------
# The presets
# ----------------------------------------------------------------------------------------------------------


def _thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _frozen(mapping: dict[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(mapping))


@functools.lru_cache(maxsize=1)
def _presets() -> tuple[Preset, ...]:
    trend = solna_household_trend()
    national = _national_assistance()
    vaxjo_estimate_msek, vaxjo_estimate_share, vaxjo_outcome_msek = 9.0, 0.20, 16.0
    vaxjo_base_msek = vaxjo_estimate_msek / vaxjo_estimate_share
    lomma_requirement_msek, lomma_share = 20.0, 0.10
    lomma_base_msek = lomma_requirement_msek / lomma_share
    result = (
        Preset(
            name="solna-households",
            description=("Solna cut its households on social assistance from 2 197 (1998) to 337 (2018): a "
                         "constant change of (337/2197)^(1/20) − 1 ≈ −8.9 % a year. build() applies that pace to "
                         "your own households as a WorkLinePolicy: over ramp_years (default 4, a budget year and "
                         "three plan years) the target reduction is 1 − (1 + change)^ramp_years ≈ 31 %."),
            lever="work_line",
            parameters=_frozen({"yearly_change": trend, "ramp_years": 4}),
            source=(f"{_REPORT}, work line: Solna's households on social assistance 1998 and 2018 (Solna vs "
                    f"Sundbyberg). {_NO_PRIMARY}."),
            note=("Solna's fall took twenty years of a consistent policy and a strong local labour market "
                  "(foreign-born unemployment about 5 % against just over 11 % nationally, 2022-2023); four years "
                  "of the same pace is an ambitious test, not a forecast. The core ramps the reduction linearly, "
                  "so the years before the last lie below Solna's geometric path (conservative). The preset moves "
                  "nobody into work: set share_into_work and earnings_per_person_kr yourself, and the yearly "
                  "implementation_cost_msek. household_trend stays your baseline's own trend (default 0); to "
                  "replay Solna's path as a baseline, pass household_trend=yearly_change instead."),
            requires=("baseline_households", "cost_per_household_kr", "start_year"),
            figures=_frozen({"first_year": _SOLNA_FIRST_YEAR, "first_households": _SOLNA_FIRST_HOUSEHOLDS,
                             "last_year": _SOLNA_LAST_YEAR, "last_households": _SOLNA_LAST_HOUSEHOLDS,
                             "yearly_change": trend}),
            topics=(13, 11),
        ),
        Preset(
            name="national-assistance-2024",
            description=(f"Social assistance in Sweden {national['year']}: {_thousands(national['households'])} "
                         f"households, {_thousands(national['paid_tkr'])} tkr paid, i.e. "
                         f"{_thousands(national['cost_per_household_kr'])} kr per household a year (read from "
                         f"{_ASSISTANCE_FILE}). build() makes a WorkLinePolicy with that cost per household, for a "
                         "municipality without its own figure."),
            lever="work_line",
            parameters=_frozen({"cost_per_household_kr": national["cost_per_household_kr"]}),
            source=(f"{national['producer']}; page: {national['page']}; embedded file {_ASSISTANCE_FILE}, "
                    f"niva=riket, ar={national['year']} (cited in {_REPORT} for the national comparison)."),
            note=("A national average: your own cost per household (Kolada, Socialstyrelsen) is better and "
                  "replaces it via cost_per_household_kr=. The figure is in 2024 kr; for another base year, "
                  "uprate it first. The report's national cost per inhabitant (1 454 kr) uses another definition "
                  f"than this series ({national['cost_per_inhabitant_kr']:.0f} kr in 2024)."),
            requires=("baseline_households", "start_year", "target_reduction"),
            figures=_frozen(national),
            topics=(13,),
        ),
        Preset(
            name="vaxjo-premises",
            description=("Växjö (2017): social services used more premises than comparable municipalities; "
                         "matching them was estimated at 20 %, about 9 MSEK, of a base of about 45 MSEK; the "
                         "outcome was about a third, 16 MSEK. build() makes a FixedSaving of share × your premises "
                         "cost (default share 0.20, the estimate)."),
            lever="premises_target",
            parameters=_frozen({"share": vaxjo_estimate_share, "labour_share": 0.0}),
            source=f"{_REPORT}, premises: Växjö 2017. {_NO_PRIMARY}.",
            note=("The base is derived: 9 MSEK / 0.20 = 45 MSEK; the outcome 16 MSEK is 16/45 ≈ 0.36 of it (pass "
                  "share=16/45 to test the outcome instead of the estimate). It applied to social services "
                  "premises only: give the cost of the premises the target covers. labour_share 0: premises "
                  "cost follows other consumption prices. Use ramp_years and realised_share for the pace."),
            requires=("premises_cost_msek", "start_year"),
            figures=_frozen({"year": 2017, "estimate_msek": vaxjo_estimate_msek,
                             "estimate_share": vaxjo_estimate_share, "base_msek": vaxjo_base_msek,
                             "outcome_msek": vaxjo_outcome_msek,
                             "outcome_share": vaxjo_outcome_msek / vaxjo_base_msek}),
            topics=(18, 17),
        ),
        Preset(
            name="lomma-premises-target",
            description=("Lomma abolished internal rent and set a savings requirement of 10 % of total premises "
                         "costs, 20 MSEK, which led to sales. build() makes a FixedSaving of share × your total "
                         "premises cost (default share 0.10)."),
            lever="premises_target",
            parameters=_frozen({"share": lomma_share, "labour_share": 0.0}),
            source=f"{_REPORT}, premises: Lomma. {_NO_PRIMARY}.",
            note=("Lomma's premises cost base is derived: 20 MSEK / 0.10 = 200 MSEK. The requirement was met "
                  "largely by selling: model the sales themselves as Disposals where you know the properties, "
                  "since a gain on sale does not count in the balanced-budget result. labour_share 0: premises "
                  "cost follows other consumption prices."),
            requires=("premises_cost_msek", "start_year"),
            figures=_frozen({"requirement_msek": lomma_requirement_msek, "share": lomma_share,
                             "base_msek": lomma_base_msek}),
            topics=(18, 17),
        ),
        Preset(
            name="tjorn-scheduling",
            description=("Tjörn's AI scheduling in home care cut overtime hours by 70 % and the need for "
                         "substitutes by 30 %. build() makes a FixedSaving of 0.70 × your overtime cost + 0.30 × "
                         "your substitute cost (home care, MSEK a year)."),
            lever="fixed_saving",
            parameters=_frozen({"overtime_reduction": 0.70, "substitute_reduction": 0.30, "labour_share": 1.0}),
            source=f"{_REPORT}, welfare technology: Tjörn, AI scheduling in home care. {_NO_PRIMARY}.",
            note=("The report gives hours, not kronor: applying the shares to cost assumes cost follows hours. "
                  "One small municipality's result is an upper reference; use realised_share for your judgement "
                  "and one_off_cost_msek for the tool (the report gives no cost). labour_share 1: a staff cost."),
            requires=("overtime_cost_msek", "substitute_cost_msek", "start_year"),
            figures=_frozen({"overtime_reduction": 0.70, "substitute_reduction": 0.30}),
            topics=(9,),
        ),
        Preset(
            name="orust-political-cost",
            description=("Orust has halved the cost of its political activity since 2018 (and lowered the tax "
                         "seven years in a row). build() makes a FixedSaving of half your own political cost."),
            lever="fixed_saving",
            parameters=_frozen({"share": 0.5, "labour_share": 1.0}),
            source=f"{_REPORT}, governance examples: Orust. {_NO_PRIMARY}.",
            note=("Your own political cost: SCB's net cost of political activity (verksamhet 190) is in the "
                  "embedded nettokostnad_verksamhet_kommun_2024.csv (tkr; divide by 1000). Orust's halving took "
                  "several years: set ramp_years. labour_share 1: mostly fees and staff."),
            requires=("political_cost_msek", "start_year"),
            figures=_frozen({"since_year": 2018, "share": 0.5}),
            topics=(5,),
        ),
        Preset(
            name="staffanstorp-case-handling",
            description=("Staffanstorp's case handling became 30 % more efficient after automation. build() "
                         "makes a one-off EfficiencyMeasure: the same cases at 1/1.3 of the cost, a saving of "
                         "1 − 1/1.3 ≈ 23 % on the case-handling share of the chosen cost line."),
            lever="efficiency",
            parameters=_frozen({"productivity_gain": 0.30, "cost_line": ""}),
            source=f"{_REPORT}, welfare technology: Staffanstorp, automated case handling. {_NO_PRIMARY}.",
            note=("Applies only to case handling: give case_handling_share, the share of the cost line's gross "
                  "cost (or of all gross costs when cost_line is empty) that is case handling; the measure cuts "
                  "the gross cost (on_gross), as the share already picks the tax-financed work. '30 % more "
                  "efficient' is read as 30 % more output for the same input; if your source means 30 % lower "
                  "cost, pass productivity_gain=0.3/0.7. One municipality's result: a starting point, not a promise."),
            requires=("from_year", "case_handling_share"),
            figures=_frozen({"productivity_gain": 0.30, "cost_saving_share": 1.0 - 1.0 / 1.30}),
            topics=(8,),
        ),
    )
    for entry in result:
        if entry.lever not in LEVER_KINDS or entry.name not in _SPECS:
            raise RuntimeError(f"preset {entry.name!r}: lever {entry.lever!r} or its builder is not defined")
    return result


def presets() -> list[Preset]:
    """All presets (a fresh list of frozen presets), in a fixed order."""
    return list(_presets())


def preset(name: str) -> Preset:
    """The preset called `name`.

    Raises
    ------
    ValueError
        If there is no such preset; the message names the value and the known names.
    """
    for entry in _presets():
        if entry.name == name:
            return entry
    known = ", ".join(entry.name for entry in _presets())
    raise ValueError(f"preset: no preset {name!r}; known presets: {known}")


def build(preset: Preset | str, **overrides: Any) -> Any:
    """Build the core measure object of a preset with the municipality's own figures.

    Parameters
    ----------
    preset : Preset or str
        A preset or its name.
    **overrides
        The figures in ``preset.requires`` (all needed), replacements for ``preset.parameters``, and the core
        type's own optional fields (e.g. ``ramp_years``, ``realised_share``, ``one_off_cost_msek``, ``name``).

    Returns
    -------
    The core measure: ``WorkLinePolicy`` (lever ``work_line``), ``FixedSaving`` (``premises_target``,
    ``fixed_saving``) or ``EfficiencyMeasure`` (``efficiency``).

    Raises
    ------
    ValueError
        If the preset is unknown, a required figure is missing, a parameter is unknown or is one the preset
        computes, or a figure is out of range; the message names the preset and the parameter.
    """
    entry = preset if isinstance(preset, Preset) else _lookup(preset)
    spec = _SPECS.get(entry.name)
    if spec is None:
        raise ValueError(f"preset: {entry.name!r} has no builder; known presets: "
                         f"{', '.join(p.name for p in _presets())}")
    for key in overrides:
        if key in spec.computed:
            raise ValueError(f"preset {entry.name!r}: {key} is computed by the preset ({spec.computed[key]}); "
                             f"change those figures, or build the core object directly")
    allowed = set(entry.parameters) | set(entry.requires) | set(spec.passthrough)
    unknown = sorted(set(overrides) - allowed)
    if unknown:
        raise ValueError(f"preset {entry.name!r}: unknown parameter(s) {', '.join(unknown)}; allowed: "
                         f"{', '.join(sorted(allowed))}")
    values = {**entry.parameters, **overrides}
    missing = [key for key in entry.requires if values.get(key) is None]
    if missing:
        hint = " (a national figure: preset 'national-assistance-2024')" if "cost_per_household_kr" in missing else ""
        raise ValueError(f"preset {entry.name!r} needs your own figure(s): {', '.join(missing)}{hint}; "
                         f"pass them as keyword arguments to build()")
    return spec.build(entry.name, values)


def _lookup(name: Any) -> Preset:
    if not isinstance(name, str):
        raise ValueError(f"preset: expected a Preset or a preset name, got {name!r}")
    return preset(name)

