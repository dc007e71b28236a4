"""What moves the answer: each default that is an assumption (not data) set to a stated low and a stated high value,
and the sustained tax change the target then needs (öre), against the baseline's (``docs/model.md``, "What moves
the answer").

No equations here: every figure is a projection of the core rerun with changed assumptions
(:meth:`~kommunbudget.model.municipality.Municipality.with_assumptions`, provenance ``user``) and the core's sustained
change (:meth:`~kommunbudget.model.projection.Projection.sustained_tax_change`), exactly as ``kommunbudget solve``
computes its "Sustained change from 1 January <year>" rows. Numbers, not text layout: the command line formats them.

The defaults varied, each only where the municipality's assumption set has the series and only in the years whose
value is not data (nor set by the user):

- ``pkv``: SKR's price and wage change (PKV, ``labour_cost_change`` and ``other_cost_change`` together) in the years
  after the adopted plan whose provenance is ``default`` (after the last published year), ∓ 1 percentage point;
- ``tax_base``: the national tax base growth (``national_tax_base_growth``; without it the own
  ``tax_base_growth``) after the adopted plan, ∓ 1 percentage point;
- ``population``: the own population after the adopted plan and after the last year the data (or the user) give
  it, ∓ 1 % a year, cumulative, with every cost line's volume following it in the same years (a constant real cost
  per inhabitant; without it, more inhabitants would bring revenue and no cost);
- ``volume``: every cost line's volume growth (``volume_growth:*``) after the adopted plan, ∓ 0.5 percentage point
  (the default column says which years come from a rule, a default or an embedded population forecast, and which
  the user's forecast sets and are not varied);
- ``regulation_grant``: the regulation grant's rule after the plan (``grant_growth:regulation_grant``): not a low and
  a high but two sides, "rule (default)" (the rule as is, the baseline) and "held" (the grant held at its last
  amount, 0 growth);
- ``property_fee``: the property fee's growth after the plan (``grant_growth:property_fee``): held, 0 growth (low),
  or its default + 2 percentage points (high);
- ``borrowing_rate``: the rate on new borrowing (``borrowing_rate``), ∓ 1 percentage point (not below 0).

The steps (1 pp, 1 %, 0.5 pp, 2 pp) are defaults of this table, not data: a plausible range to show the size of
each effect, not a forecast interval. No row changes the adopted plan's years (:attr:`Municipality.plan_years`)
except the borrowing rate, which the plan does not set.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kommunbudget.baselines.population_forecast import is_forecast_volume
from kommunbudget.model import core
from kommunbudget.model.assumptions import REGULATION_RULE
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import as_target, target_key
from kommunbudget.model.years import as_year

__all__ = ["DefaultVariant", "VariantRun", "WhatMoves", "WhatMovesRow", "default_variants", "free_years", "plan_end",
           "variant_runs", "what_moves", "years_text"]

#: The steps of the table (defaults, not data): percentage points as fractions, and the population's yearly change.
PKV_STEP = 0.01
TAX_BASE_STEP = 0.01
POPULATION_STEP = 0.01
VOLUME_STEP = 0.005
PROPERTY_FEE_STEP = 0.02
BORROWING_RATE_STEP = 0.01

#: Provenance kinds that are not varied: public data and what the user set.
_FIXED_KINDS = ("data", "user")

#: The label of each row: identifier -> (English, Swedish); ``{years}`` is replaced by the row's years
#: (:func:`years_text`). PKV is varied only where it is SKR's default and after the adopted plan (the plan's years
#: carry the plan's own PKV), so its years are named: "after the last published year" would suggest the plan's years.
LABELS: dict[str, tuple[str, str]] = {
    "pkv": ("Price and wage change (PKV) after the adopted plan ({years})",
            "Pris- och löneökning (PKV) efter den antagna planen ({years})"),
    "tax_base": ("National tax base growth after the plan", "Skatteunderlagets tillväxt i riket efter planen"),
    "own_tax_base": ("Own tax base growth after the plan", "Eget skatteunderlags tillväxt efter planen"),
    "population": ("Own population after the last given year", "Egen befolkning efter sista givna året"),
    "volume": ("Volume growth of every cost line after the plan", "Volymutveckling i alla verksamheter efter planen"),
    "regulation_grant": ("Regulation grant after the plan", "Regleringsbidraget efter planen"),
    "property_fee": ("Property fee growth after the plan", "Fastighetsavgiftens tillväxt efter planen"),
    "borrowing_rate": ("Rate on new borrowing", "Ränta på nyupplåning"),
}

Changes = Mapping[str, Mapping[int, float]]


@dataclass(frozen=True)
class DefaultVariant:
    """One default and its two variants.

    Attributes
    ----------
    ident : str
        ``pkv``, ``tax_base`` (``own_tax_base`` without a national series), ``population``, ``volume``,
        ``regulation_grant``, ``property_fee`` or ``borrowing_rate``.
    series : tuple[str, ...]
        The assumption series changed.
    years : tuple[int, ...]
        The years changed (those whose value is not data nor the user's).
    default, low, high : str
        The default and each variant in words (values in percent a year, inhabitants).
    low_changes, high_changes : Mapping[str, Mapping[int, float]] or None
        ``with_assumptions`` arguments (series -> {year: value}, the series' units); None: the baseline as is.
    low_name, high_name : str
        What the two sides are called in the output: ``"low"`` and ``"high"``, or for a rule against an alternative
        (the regulation grant) ``"rule (default)"`` and ``"held"``.
    """

    ident: str
    series: tuple[str, ...]
    years: tuple[int, ...]
    default: str
    low: str
    high: str
    low_changes: Changes | None
    high_changes: Changes | None
    low_name: str = "low"
    high_name: str = "high"

    @property
    def label(self) -> str:
        """The row's label in English (with its years where :data:`LABELS` names them)."""
        return _with_years(LABELS[self.ident][0], self.years)

    @property
    def label_sv(self) -> str:
        """The row's label in Swedish (with its years where :data:`LABELS` names them)."""
        return _with_years(LABELS[self.ident][1], self.years)


def years_text(years: Sequence[int]) -> str:
    """Years as readable text: runs of consecutive years as ``first-last``, separated by ``, ``; e.g.
    (2028, 2029, 2030) -> ``"2028-2030"``, (2028,) -> ``"2028"``, (2026, 2028, 2029) -> ``"2026, 2028-2029"``, () ->
    ``""``. The years are sorted and repeated ones dropped."""
    ordered = sorted(set(int(y) for y in years))
    runs: list[list[int]] = []
    for y in ordered:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def _with_years(label: str, years: Sequence[int]) -> str:
    """``label`` with ``{years}`` replaced by :func:`years_text` (`` ({years})`` dropped without years)."""
    if "{years}" not in label:
        return label
    text = years_text(years)
    return label.replace("{years}", text) if text else label.replace(" ({years})", "")


@dataclass(frozen=True)
class WhatMovesRow:
    """One row of the table: a default, its two variants in words and the sustained need at each (öre).

    ``need_low_ore`` and ``need_high_ore`` are the sustained change (öre on the rate; negative: room to lower it) with
    the low and the high variant; ``swing_ore`` is ``|need_high_ore - need_low_ore|``. A variant whose target the
    model cannot meet has None and its reason in ``error``.
    """

    variant: DefaultVariant
    need_low_ore: float | None
    need_high_ore: float | None
    error: str = ""

    @property
    def swing_ore(self) -> float | None:
        """How far apart the two variants put the need, öre (None if one failed)."""
        if self.need_low_ore is None or self.need_high_ore is None:
            return None
        return abs(self.need_high_ore - self.need_low_ore)

    def record(self) -> dict[str, Any]:
        """The row as a JSON record: id, assumption, assumption_sv, series, years, default, low, high, low_name,
        high_name (what the two sides are called), need_low_ore, need_high_ore, swing_ore (öre), error."""
        v = self.variant
        return {"id": v.ident, "assumption": v.label, "assumption_sv": v.label_sv, "series": list(v.series),
                "years": list(v.years), "default": v.default, "low": v.low, "high": v.high,
                "low_name": v.low_name, "high_name": v.high_name,
                "need_low_ore": self.need_low_ore, "need_high_ore": self.need_high_ore, "swing_ore": self.swing_ore,
                "error": self.error or None}


@dataclass(frozen=True)
class WhatMoves:
    """The table: the baseline's sustained need and one row per default, the largest swing first.

    Attributes
    ----------
    target : kommunbudget.core.Target
    from_year : int
        First year of the sustained change (1 January).
    baseline_ore : float
        The baseline's sustained change, öre (negative: room to lower the rate).
    rows : list[WhatMovesRow]
        Sorted by swing, largest first (rows without a swing last).
    projections : int
        The projections run for the table (the baseline's not counted when it was given).
    """

    target: core.Target
    from_year: int
    baseline_ore: float
    rows: list[WhatMovesRow] = field(default_factory=list)
    projections: int = 0

    def basis(self) -> dict[str, Any]:
        """What the needs are of, as a JSON record: target (its key), description, from_year and need_ore (the
        baseline's sustained change, öre)."""
        return {"target": target_key(self.target), "description": self.target.describe(), "from_year": self.from_year,
                "need_ore": self.baseline_ore}

    def records(self) -> list[dict[str, Any]]:
        """The rows as JSON records (:meth:`WhatMovesRow.record`), in the table's order."""
        return [row.record() for row in self.rows]


def _values(m: Municipality, name: str, first: int, last: int) -> dict[int, tuple[float, str]]:
    """Series ``name``'s value and provenance kind per year of ``first..last`` where it has one; the kind
    ``"forecast"`` for a volume growth an embedded population forecast derived (provenance ``derived``)."""
    out = {}
    for year in range(first, last + 1):
        try:
            value, prov = m.assumptions.get(name, year)
        except ValueError:
            continue
        out[year] = (value, "forecast" if prov.kind == "derived" and is_forecast_volume(prov) else prov.kind)
    return out


def _span(values: list[float], unit: str) -> str:
    """Values in words: one value, or the lowest to the highest (``"2.60 %"``, ``"1.08-3.65 %"``)."""
    lo, hi = min(values), max(values)
    if unit == "percent":
        return f"{lo * 100:.2f} %" if abs(hi - lo) < 5e-5 else f"{lo * 100:.2f} to {hi * 100:.2f} %"
    return f"{lo:,.0f}" if abs(hi - lo) < 0.5 else f"{lo:,.0f} to {hi:,.0f}"


def _years_text(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _kind_text(kinds: set[str]) -> str:
    """The kinds of the values varied in words: ``default``, ``rule`` (derived), ``population forecast`` (a volume
    an embedded forecast derived), or those present joined by 'or'."""
    words = {"default": "default", "derived": "rule", "forecast": "population forecast"}
    return " or ".join(words[k] for k in words if k in kinds) or "default"


def _shifted(m: Municipality, years: Mapping[str, list[int]], step: float, floor: float | None = None
             ) -> tuple[str, str, str, Changes, Changes]:
    """Default, low and high texts and changes for growth series shifted by ∓ ``step`` in their ``years`` (series
    name -> years)."""
    now = {n: {y: m.assumptions.get(n, y)[0] for y in ys} for n, ys in years.items()}
    kinds = {kind for n, ys in years.items() for y, (_, kind) in _values(m, n, min(ys), max(ys)).items() if y in ys}
    every = sorted({y for ys in years.values() for y in ys})

    def moved(sign: float) -> dict[str, dict[int, float]]:
        return {n: {y: (v + sign * step if floor is None else max(floor, v + sign * step)) for y, v in now[n].items()}
                for n in now}

    def flat(values: Mapping[str, Mapping[int, float]]) -> list[float]:
        return [v for series in values.values() for v in series.values()]

    low, high = moved(-1.0), moved(+1.0)
    pp = f"{step * 100:g} pp"
    floor_text = f" (not below {floor * 100:g} %)" if floor is not None else ""
    return (f"{_span(flat(now), 'percent')} a year {_years_text(every)} ({_kind_text(kinds)})",
            f"−{pp}{floor_text}: {_span(flat(low), 'percent')} a year",
            f"+{pp}: {_span(flat(high), 'percent')} a year", low, high)


def _free_years(values: dict[int, tuple[float, str]], after: int, kinds: tuple[str, ...] | None = None) -> list[int]:
    """Years after ``after`` whose value is not data nor the user's (only ``kinds``, when given)."""
    return [y for y, (_, kind) in sorted(values.items())
            if y > after and kind not in _FIXED_KINDS and (kinds is None or kind in kinds)]


def plan_end(m: Municipality) -> int:
    """The adopted plan's last year (:attr:`Municipality.plan_years`), the base year when there is no plan: the
    variants change only the years after it."""
    return max(m.plan_years, default=m.base_year)


def free_years(m: Municipality, name: str, horizon: int, kinds: tuple[str, ...] | None = None) -> list[int]:
    """The years after the adopted plan (:func:`plan_end`) up to ``horizon`` whose value of series ``name`` is not data
    nor set by the user (only provenance ``kinds``, when given: ``("default",)`` for SKR's PKV after its last
    published year), as the table varies them; empty for a series ``m`` does not have.

    Raises
    ------
    ValueError
        For a horizon that is not a year.
    """
    horizon = as_year("horizon", horizon, calendar=False)
    if name not in m.assumptions.series:
        return []
    return _free_years(_values(m, name, m.base_year + 1, horizon), plan_end(m), kinds)


def _pkv(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    names = [n for n in ("labour_cost_change", "other_cost_change") if n in m.assumptions.series]
    years = {n: ys for n in names if (ys := _free_years(_values(m, n, first, last), plan_end, ("default",)))}
    if not years:
        return None
    default, low, high, lo, hi = _shifted(m, years, PKV_STEP)
    return DefaultVariant("pkv", tuple(years), tuple(sorted({y for ys in years.values() for y in ys})), default, low,
                          high, lo, hi)


def _tax_base(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    national = "national_tax_base_growth" in m.assumptions.series
    name = "national_tax_base_growth" if national else "tax_base_growth"
    if name not in m.assumptions.series:
        return None
    years = _free_years(_values(m, name, first, last), plan_end)
    if not years:
        return None
    default, low, high, lo, hi = _shifted(m, {name: years}, TAX_BASE_STEP)
    return DefaultVariant("tax_base" if national else "own_tax_base", (name,), tuple(years), default, low, high,
                          lo, hi)


def _population(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    if "population" not in m.assumptions.series:
        return None
    values = _values(m, "population", first, last)
    given = [y for y, (_, kind) in values.items() if kind in _FIXED_KINDS]
    start = max([*given, plan_end])
    years = _free_years(values, start)
    if not years:
        return None
    try:
        base = m.assumptions.get("population", start)[0]
    except ValueError:
        base = float(m.population)
    kinds = {values[y][1] for y in years}

    def path(sign: float) -> dict[int, float]:
        return {y: base * (1.0 + sign * POPULATION_STEP) ** (y - start) for y in years}

    low, high = path(-1.0), path(+1.0)
    end = years[-1]
    # Costs follow the inhabitants: each line's volume growth moves by the population's yearly change.
    volumes = [n for n in m.assumptions.series if n.startswith("volume_growth:")]

    def volume(sign: float) -> dict[str, dict[int, float]]:
        return {n: {y: (1.0 + m.assumptions.get(n, y)[0]) * (1.0 + sign * POPULATION_STEP) - 1.0 for y in years}
                for n in volumes}

    costs = " and every cost line's volume with it (constant real cost per inhabitant)" if volumes else ""
    return DefaultVariant(
        "population", ("population", *volumes), tuple(years),
        f"{_span([values[y][0] for y in years], 'count')} {_years_text(years)} ({_kind_text(kinds)})",
        f"−{POPULATION_STEP * 100:g} % a year from {base:,.0f} in {start}: {low[end]:,.0f} in {end}{costs}",
        f"+{POPULATION_STEP * 100:g} % a year from {base:,.0f} in {start}: {high[end]:,.0f} in {end}{costs}",
        {"population": low, **volume(-1.0)}, {"population": high, **volume(+1.0)})


def _volume(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    names = [n for n in m.assumptions.series if n.startswith("volume_growth:")]
    years = {n: ys for n in names if (ys := _free_years(_values(m, n, first, last), plan_end))}
    if not years:
        return None
    default, low, high, lo, hi = _shifted(m, years, VOLUME_STEP)
    # Years the user's population forecast sets (provenance user) are not varied: say so, not '(rule)' for them.
    set_by_user = {n.removeprefix("volume_growth:"): ys for n in names
                   if (ys := [y for y, (_, kind) in _values(m, n, plan_end + 1, last).items() if kind == "user"])}
    if set_by_user:
        default += "; set by you, not varied: " + ", ".join(f"{line} {_years_text(ys)}"
                                                            for line, ys in set_by_user.items())
    return DefaultVariant("volume", tuple(years), tuple(sorted({y for ys in years.values() for y in ys})), default,
                          low, high, lo, hi)


def _amount_given(m: Municipality, item: str, year: int) -> bool:
    """Whether the grant item's amount is given for ``year`` (then its growth is not used)."""
    name = f"grant_amount:{item}"
    if name not in m.assumptions.series:
        return False
    try:
        m.assumptions.get(name, year)
    except ValueError:
        return False
    return True


def _regulation_grant(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    name = "grant_growth:regulation_grant"
    if name not in m.assumptions.series or m.assumptions[name].tail_follows != REGULATION_RULE:
        return None
    s = m.assumptions[name]
    years = [y for y in range(max(first, plan_end + 1), last + 1)
             if y not in s.values and (s.tail_from is None or y >= s.tail_from)
             and not _amount_given(m, "regulation_grant", y)]
    if not years:
        return None
    return DefaultVariant("regulation_grant", (name,), tuple(years),
                          f"the regulation rule {_years_text(years)} (rule)",
                          "the regulation rule as is, the baseline's figures",
                          "the grant held at its last amount (0 % a year)",
                          None, {name: {y: 0.0 for y in years}}, low_name="rule (default)", high_name="held")


def _property_fee(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    name = "grant_growth:property_fee"
    if name not in m.assumptions.series:
        return None
    years = [y for y in _free_years(_values(m, name, first, last), plan_end)
             if not _amount_given(m, "property_fee", y)]
    if not years:
        return None
    default, _, high, _, hi = _shifted(m, {name: years}, PROPERTY_FEE_STEP)
    return DefaultVariant("property_fee", (name,), tuple(years), default, "held at the last amount (0 % a year)",
                          high, {name: {y: 0.0 for y in years}}, hi)


def _borrowing_rate(m: Municipality, first: int, last: int, plan_end: int) -> DefaultVariant | None:
    name = "borrowing_rate"
    if name not in m.assumptions.series:
        return None
    years = _free_years(_values(m, name, first, last), first - 1)
    if not years:
        return None
    default, low, high, lo, hi = _shifted(m, {name: years}, BORROWING_RATE_STEP, floor=0.0)
    return DefaultVariant("borrowing_rate", (name,), tuple(years), default, low, high, lo, hi)


_BUILDERS: tuple[Callable[[Municipality, int, int, int], DefaultVariant | None], ...] = (
    _pkv, _tax_base, _population, _volume, _regulation_grant, _property_fee, _borrowing_rate)


def default_variants(m: Municipality, horizon: int) -> list[DefaultVariant]:
    """The defaults of ``m``'s assumptions for base year + 1 .. ``horizon`` that the table varies, with their low
    and high variants (see the module's description); a default without a year to vary is left out.

    "After the plan" is after the adopted plan's last year (:attr:`Municipality.plan_years`; the base year when there
    is no plan).

    Raises
    ------
    ValueError
        For a horizon that is not a year.
    """
    horizon = as_year("horizon", horizon, calendar=False)
    return [v for build in _BUILDERS if (v := build(m, m.base_year + 1, horizon, plan_end(m))) is not None]


@dataclass(frozen=True)
class VariantRun:
    """A default's two variants projected: each side a :class:`Projection`, or the message of the ``ValueError`` that
    stopped it (a value the core refuses). A side without changes (``None``, the regulation grant's rule) is the
    baseline's projection.

    Attributes
    ----------
    variant : DefaultVariant
    low, high : Projection or str
    projected : int
        The projections run for the two sides (0, 1 or 2).
    """

    variant: DefaultVariant
    low: Projection | str
    high: Projection | str
    projected: int = 0


def variant_runs(m: Municipality, horizon: int, variants: list[DefaultVariant], baseline: Projection,
                 measures: core.Measures | None = None) -> list[VariantRun]:
    """Each variant's low and high side projected to ``horizon`` with ``measures`` (the scenario's measures stay in
    every run): ``m.with_assumptions(**changes).project(horizon, measures)``, all else as in the baseline.

    Parameters
    ----------
    m : Municipality
        The baseline.
    horizon : int
    variants : list[DefaultVariant]
        As :func:`default_variants` gives them (or built alike).
    baseline : Projection
        ``m.project(horizon, measures)``: the side of a variant without changes.
    measures : kommunbudget.core.Measures, optional

    Returns
    -------
    list[VariantRun]
        In the order of ``variants``; a side the core refuses holds its message instead of a projection.
    """
    runs = []
    for v in variants:
        sides: list[Projection | str] = []
        projected = 0
        for changes in (v.low_changes, v.high_changes):
            if changes is None:
                sides.append(baseline)
                continue
            try:
                sides.append(m.with_assumptions(**{k: dict(c) for k, c in changes.items()}).project(horizon, measures))
                projected += 1
            except ValueError as e:
                sides.append(str(e))
        runs.append(VariantRun(v, sides[0], sides[1], projected))
    return runs


def what_moves(m: Municipality, horizon: int, target: core.Target | str, from_year: int,
               measures: core.Measures | None = None, baseline: Projection | None = None) -> WhatMoves:
    """The sustained tax change ``target`` needs from 1 January ``from_year`` (öre) with each default of
    :func:`default_variants` at its low and its high variant, all else as in the baseline.

    Parameters
    ----------
    m : Municipality
        The baseline.
    horizon : int
        The last year.
    target : kommunbudget.core.Target or str
        The target (text as :func:`kommunbudget.model.targets.parse_target`).
    from_year : int
        First year of the change, after the base year.
    measures : kommunbudget.core.Measures, optional
        A scenario's measures, applied in every projection (the need after the measures).
    baseline : Projection, optional
        ``m.project(horizon, measures)`` if already run (saves one projection).

    Returns
    -------
    WhatMoves
        Needs in öre on the rate (1 öre = 0.01 kr per 100 kr), each from
        :meth:`~kommunbudget.model.projection.Projection.sustained_tax_change` × 100.

    Raises
    ------
    ValueError
        For an invalid target or year, or a baseline whose target cannot be met (the core's message). A variant whose
        target cannot be met gets a row without figures (its message in ``error``).
    """
    target = as_target(target)
    from_year = as_year("from_year", from_year)
    runs = 0
    if baseline is None:
        baseline = m.project(horizon, measures)
        runs += 1
    base_ore = baseline.sustained_tax_change(target, from_year) * 100.0
    rows = []
    for run in variant_runs(m, horizon, default_variants(m, horizon), baseline, measures):
        runs += run.projected
        needs: list[float | None] = []
        error = ""
        for side in (run.low, run.high):
            try:
                if isinstance(side, str):
                    raise ValueError(side)
                needs.append(side.sustained_tax_change(target, from_year) * 100.0)
            except ValueError as e:
                needs.append(None)
                error = str(e)
        rows.append(WhatMovesRow(run.variant, needs[0], needs[1], error))
    rows.sort(key=lambda r: (r.swing_ore is None, -(r.swing_ore or 0.0)))
    return WhatMoves(target, from_year, base_ore, rows, runs)
