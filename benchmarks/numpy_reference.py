"""A second, independent implementation of the batch projection in vectorised NumPy: the reference the core's
batch engine is benchmarked against (issue 11; ``benchmarks/uncertainty_benchmark.py``) and checked with
(``tests/python/model/test_numpy_reference.py``).

It projects a municipality's baseline (no measures) once per draw of additive yearly shocks, exactly what
:func:`kommunbudget.model.batch.run_batch` does in C++ (``docs/model.md`` §18), but written from the equations of
``docs/model.md`` §2-§5, §9 and §16 as whole-array operations over the draws: a loop over the years only where a
year depends on the one before in a way no cumulative product expresses (the regulation rule, grants given in
some years and growing in others), and no loop over draws. It reads the baseline only through the public API
(``Municipality.projector(horizon).base`` and ``.assumptions``, the inputs the core was given, and
``Municipality.project`` for the constants named below); it never calls the batch engine.

What it covers (everything the Sjöbo baseline exercises; the rest is refused with ``NotImplementedError``):

* cost lines (§2): ``cost[t] = cost[t−1] × (1 + volume[t]) × (1 + w·labour[t] + (1 − w)·other[t])``, ``w`` the
  line's labour share or PKV's weight of the year; lines with the same labour share and volume path are summed
  first (an exact regrouping of the sum, to within rounding);
* tax revenue (§3): ``rate/100 × tax base + final settlements``, the tax base grown by the (shocked) growth;
* general grants, itemised (§4, §5): the income equalisation by its formula from the own capacity (the base
  year's calibrated capacity grown with the own tax base) and the (shocked) national capacity path; the other
  items as given, by their own growth, by the tax base growth, or by the regulation rule (the national net
  equalisation per inhabitant falls with the national capacity's growth, plus the announced change);
* the result (§9): operating income (grown by its own growth) + operating costs + depreciation + tax revenue +
  general grants + financial items; ``result_share = result / (tax revenue + general grants)``;
* the balanced-budget result (§9, §16): ``result − realisation gains + other adjustments + the given use of the
  reserve``. The restoration pass of §16 changes no output of the batch; the reserve options
  (``withdraw_from_reserve``, ``reserve_surplus``), which make the reserve's use depend on the result, are refused.

Constants of the baseline taken from the deterministic projection (they do not depend on any shock, because the
capital path's interest on new borrowing, the only way the result could reach them, is refused when present):
``depreciation`` (given depreciation plus the modelled depreciation of investments after the plan),
``financial_income`` and ``financial_costs`` (given costs with the pension interest on its index after the plan).
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

__all__ = ["SHOCK_FIELDS", "OUTPUT_FIELDS", "STAGES", "GrantRule", "ReferenceInputs", "reference_inputs",
           "project_batch", "year_kinds", "max_differences"]

#: The shocks, as in :data:`kommunbudget.model.batch.SHOCK_FIELDS` (fractions per year, added to the assumption).
SHOCK_FIELDS = ("labour_cost_change", "other_cost_change", "tax_base_growth", "national_tax_capacity_growth",
                "volume_growth")
#: The outputs, as in :data:`kommunbudget.model.batch.OUTPUT_FIELDS`.
OUTPUT_FIELDS = ("result", "balanced_budget_result", "result_share", "tax_revenue", "general_grants")
#: The stages timed by :func:`project_batch` (``timings``), in order.
STAGES = ("shocks to years × draws", "costs", "tax revenue", "grants", "result and shares",
          "outputs to draws × years")


@dataclass(frozen=True)
class GrantRule:
    """One grant item's rule per year, arrays of shape (n_years,): ``given`` (MSEK, NaN: none),
    ``growth`` (fraction, NaN: none); ``regulation`` marks the regulation rule (used where neither is given);
    otherwise the amount follows the tax base growth."""

    name: str
    base_msek: float
    given: np.ndarray
    growth: np.ndarray
    regulation: bool


@dataclass(frozen=True)
class ReferenceInputs:
    """The baseline's yearly inputs, flattened (index 0 = the base year), shapes (n_years,) unless noted.

    Units: MSEK for amounts, fractions for growth and shares, kr per 100 kr for the tax rate, kr per inhabitant for
    the capacities, inhabitants for the population.
    """

    years: np.ndarray
    labour: np.ndarray                   # PKV labour-cost change
    other: np.ndarray                    # PKV other-consumption change
    weight: np.ndarray                   # PKV labour weight
    line_base_msek: np.ndarray           # (n_groups,) base-year cost of each group of lines
    line_labour_share: np.ndarray        # (n_groups,) negative: PKV's weight
    line_volume: np.ndarray              # (n_groups, n_years) volume growth
    tax_rate: np.ndarray
    tax_base0_msek: float
    tax_base_growth: np.ndarray
    settlements_msek: np.ndarray         # final settlement of the year + of the previous year
    operating_income_msek: np.ndarray    # regular income grown + realisation gains
    realisation_gains_msek: np.ndarray   # the gains (positive), deducted for the balanced-budget result
    depreciation_msek: np.ndarray        # statement sign (negative)
    financial_msek: np.ndarray           # financial income + financial costs, statement signs
    balance_adjustments_msek: np.ndarray  # other adjustments (base year) + the given use of the reserve
    grants: list[GrantRule]              # the grant items other than the income equalisation
    population: np.ndarray
    national_capacity0_kr: float
    national_growth: np.ndarray
    own_capacity0_msek: float            # calibrated own capacity × base population / 1e6 (§4)
    equalisation0_msek: float
    guarantee_share: float
    grant_rate: float                    # compensation degree × grant rate / 100 (per krona below the guarantee)
    fee_rate: float                      # fee rate / 100 (per krona above)
    net_equalisation0_kr: float          # the regulation rule's national net equalisation per inhabitant
    announced_kr: np.ndarray             # the announced change of the general grants, kr per inhabitant


def _series(series, years: np.ndarray, base_value: float, fallback: float) -> np.ndarray:
    """A core YearSeries flattened: index 0 the base value, then the series' values (``fallback`` when empty)."""
    out = np.empty(len(years))
    out[0] = base_value
    for k, y in enumerate(years[1:], start=1):
        out[k] = fallback if series.empty() else series.at(int(y))
    return out


def _optional(series, years: np.ndarray) -> np.ndarray:
    """A core YearSeries that may miss years: its values, NaN where it has none; the base year NaN."""
    return np.array([np.nan] + [series.at(int(y)) if series.has(int(y)) else np.nan for y in years[1:]])


def reference_inputs(municipality, horizon: int) -> ReferenceInputs:
    """The inputs of :func:`project_batch` for ``municipality``'s baseline projected to ``horizon``, read through
    the public API: the core projector's base-year state and assumptions (``Municipality.projector(horizon).base``,
    ``.assumptions``, the model layer's own resolution of the assumption tables) and the deterministic projection
    (``Municipality.project(horizon)``) for the constants named in the module's docstring.

    Raises
    ------
    NotImplementedError
        For a baseline using what the reference does not cover: interest on new borrowing (``borrowing_rate``) or
        the reserve options of the balanced-budget requirement, or general grants as one total.
    ValueError
        For a horizon the municipality does not allow (from ``Municipality.projector``).
    """
    projector = municipality.projector(horizon)
    base, a = projector.base, projector.assumptions
    b = base.year
    years = np.arange(b, horizon + 1)
    n = len(years)
    if any(v > 0.0 for v in a.borrowing_rate.values):
        raise NotImplementedError("borrowing_rate: interest on new borrowing makes the financial costs depend on the "
                                  "result; the NumPy reference does not model the capital path")
    if not base.itemised_grants:
        raise NotImplementedError("general grants as one total: the NumPy reference covers itemised grants (every "
                                  "embedded baseline has them)")
    requirement = base.balance_requirement
    if requirement.withdraw_from_reserve or requirement.reserve_surplus:
        raise NotImplementedError("balance_requirement: the reserve options make the reserve's use depend on the "
                                  "result; the NumPy reference takes the given use only")
    pi = a.price_index
    # Cost lines, grouped by (labour share, volume path): sum_c base_c × F = (sum_c base_c) × F for lines with one F.
    groups: dict[tuple, float] = {}
    for line in base.cost_lines:
        volume = (0.0,) + tuple(line.volume_growth.at(int(y)) for y in years[1:])
        key = (line.labour_share, volume)
        groups[key] = groups.get(key, 0.0) + line.cost_msek
    statement = municipality.project(horizon)
    income_growth = _series(a.operating_income_growth, years, 0.0, 0.0)
    gains = _series(a.realisation_gains_msek, years, base.realisation_gains_msek, 0.0)
    regular_income = (base.operating_income_msek - base.realisation_gains_msek) * np.cumprod(1.0 + income_growth)
    reserve_use = _series(a.reserve_use_msek, years, base.reserve_use_msek, 0.0)
    other_adjustments = np.zeros(n)
    other_adjustments[0] = base.other_balance_adjustments_msek
    common = dict(
        years=years,
        labour=_series(pi.labour_cost_change, years, 0.0, 0.0),
        other=_series(pi.other_cost_change, years, 0.0, 0.0),
        weight=_series(pi.labour_weight, years, 0.0, 0.0),
        line_base_msek=np.array(list(groups.values())),
        line_labour_share=np.array([k[0] for k in groups]),
        line_volume=np.array([k[1] for k in groups]).reshape(len(groups), n),
        tax_rate=_series(a.tax_rate_kr_per_100kr, years, base.tax_rate_kr_per_100kr, base.tax_rate_kr_per_100kr),
        tax_base0_msek=base.tax_base_msek,
        tax_base_growth=_series(a.tax_base_growth, years, 0.0, 0.0),
        settlements_msek=(_series(a.final_settlement_msek, years, base.final_settlement_msek, 0.0)
                          + _series(a.final_settlement_previous_year_msek, years,
                                    base.final_settlement_previous_year_msek, 0.0)),
        operating_income_msek=regular_income + gains,
        realisation_gains_msek=gains,
        depreciation_msek=statement.line("depreciation"),
        financial_msek=statement.line("financial_income") + statement.line("financial_costs"),
        balance_adjustments_msek=other_adjustments + reserve_use,
    )
    paths = {p.name: p for p in a.grant_items}
    items = []
    for item in base.grant_items:
        p = paths[item.name]
        items.append(GrantRule(item.name, item.amount_msek, _optional(p.amounts_msek, years),
                               _optional(p.growth, years), p.regulation_rule))
    eq = base.equalisation
    population = np.array([base.population] + [a.population.at(int(y)) for y in years[1:]])
    guarantee0 = eq.guarantee_share * base.national_tax_capacity_kr
    per_inhabitant0 = base.income_equalisation_msek * 1e6 / base.population
    grant_rate = eq.compensation_degree * eq.grant_rate_kr_per_100kr / 100.0
    fee_rate = eq.fee_rate_kr_per_100kr / 100.0
    # §4, the calibration: the own capacity at which the formula gives the base year's actual equalisation.
    own0_kr = guarantee0 - per_inhabitant0 / (grant_rate if base.income_equalisation_msek >= 0.0 else fee_rate)
    announced = np.array([0.0] + [a.announced_grant_change_kr.at(int(y)) if a.announced_grant_change_kr.has(int(y))
                                  else 0.0 for y in years[1:]])
    return ReferenceInputs(
        grants=items, population=population,
        national_capacity0_kr=base.national_tax_capacity_kr,
        national_growth=_series(a.national_tax_capacity_growth, years, 0.0, 0.0),
        own_capacity0_msek=own0_kr * base.population / 1e6,
        equalisation0_msek=base.income_equalisation_msek,
        guarantee_share=eq.guarantee_share, grant_rate=grant_rate, fee_rate=fee_rate,
        net_equalisation0_kr=a.national_net_income_equalisation_kr, announced_kr=announced, **common)


def _cumprod_rows(a: np.ndarray) -> np.ndarray:
    """In place along axis 0 (the years) of a (n, m) array: row k becomes the product of rows 0..k. A loop over
    the rows: each step multiplies two contiguous rows (NumPy's cumprod along the short axis is several times
    slower)."""
    for k in range(1, a.shape[0]):
        np.multiply(a[k], a[k - 1], out=a[k])
    return a


def _step(shock: np.ndarray | None, growth: np.ndarray, m: int) -> np.ndarray:
    """A new (n, m) array 1 + (growth + shock) (the shocked growth, added as the core adds it), row 0 set to 1."""
    if shock is None:
        out = np.empty((len(growth), m))
        out[:] = (1.0 + growth)[:, None]
    else:
        out = shock + growth[:, None]
        out += 1.0
    out[0] = 1.0
    return out


def year_kinds(rule: GrantRule) -> list[str]:
    """The rule of each projection year: 'given', 'growth', 'regulation' or 'tax base' (§5)."""
    kinds = []
    for k in range(1, len(rule.given)):
        if not np.isnan(rule.given[k]):
            kinds.append("given")
        elif not np.isnan(rule.growth[k]):
            kinds.append("growth")
        else:
            kinds.append("regulation" if rule.regulation else "tax base")
    return kinds


def _fixed_amounts(rule: GrantRule) -> np.ndarray:
    """A rule without shocked years: the amounts (n,), given or grown by their own growth."""
    amounts = np.empty(len(rule.given))
    amounts[0] = rule.base_msek
    for k in range(1, len(amounts)):
        amounts[k] = rule.given[k] if not np.isnan(rule.given[k]) else amounts[k - 1] * (1.0 + rule.growth[k])
    return amounts


def _shocked_amounts(inp: ReferenceInputs, rule: GrantRule, kinds: list[str], tb_step: np.ndarray,
                     cap: np.ndarray | None, out: np.ndarray) -> None:
    """Adds a rule's amounts (n, m) to ``out``, year segments of one kind at a time."""
    n, m = out.shape
    amount = np.empty((n, m))
    amount[0] = rule.base_msek
    k = 1
    while k < n:
        j = k
        while j < n and kinds[j - 1] == kinds[k - 1]:
            j += 1
        segment, kind = slice(k, j), kinds[k - 1]
        if kind == "given":
            amount[segment] = rule.given[segment][:, None]
        elif kind == "growth":
            amount[segment] = amount[k - 1] * np.cumprod(1.0 + rule.growth[segment])[:, None]
        elif kind == "tax base":
            for t in range(k, j):
                np.multiply(amount[t - 1], tb_step[t], out=amount[t])
        else:
            # §5, the regulation rule: per inhabitant, the amount of the year before less the fall of the national
            # net equalisation N·(C[t] − C[t−1]) (N per inhabitant in the base year, C the national capacity over
            # the base year's) plus the announced change. Over a run of such years the falls telescope:
            # q[t] = q[k−1] − N·(C[t] − C[k−1]) + the announced changes k..t.
            q0 = amount[k - 1] * (1e6 / inp.population[k - 1])
            q = np.subtract(cap[segment], cap[k - 1], out=amount[segment])
            q *= -inp.net_equalisation0_kr
            q += q0
            q += np.cumsum(inp.announced_kr[segment])[:, None]
            q *= (inp.population[segment] / 1e6)[:, None]
        k = j
    out += amount


def _grants_chunk(inp: ReferenceInputs, tb_step: np.ndarray, tb_factor: np.ndarray,
                  national: np.ndarray | None, out: np.ndarray) -> None:
    """General grants (n, m) into ``out`` for one block: ``tb_step`` = 1 + the (shocked) own tax base growth,
    ``tb_factor`` its cumulative product, ``national`` the national capacity growth shock (n, m) or None."""
    n, m = out.shape
    cap = _cumprod_rows(_step(national, inp.national_growth, m))  # national capacity / the base year's
    # §4: gap = guarantee − own capacity (kr per inhabitant), the own capacity the calibrated one grown with the
    # own tax base; the equalisation = gap × (compensation × grant rate) below the guarantee, × fee rate above.
    gap = cap * (inp.guarantee_share * inp.national_capacity0_kr)
    gap -= np.multiply(tb_factor, (inp.own_capacity0_msek * 1e6 / inp.population)[:, None], out=out)
    below = (inp.grant_rate * inp.population / 1e6)[:, None]
    above = (inp.fee_rate * inp.population / 1e6)[:, None]
    np.multiply(gap, np.where(gap >= 0.0, below, above), out=out)
    out[0] = inp.equalisation0_msek
    fixed = np.zeros(n)
    for rule in inp.grants:
        kinds = year_kinds(rule)
        if "regulation" in kinds or "tax base" in kinds:
            _shocked_amounts(inp, rule, kinds, tb_step, cap, out)
        else:
            fixed += _fixed_amounts(rule)
    out += fixed[:, None]


def project_batch(inp: ReferenceInputs, shocks: Mapping[str, np.ndarray], chunk: int = 4096,
                  timings: dict[str, float] | None = None) -> dict[str, np.ndarray]:
    """Projects the baseline of ``inp`` once per draw of ``shocks``, in blocks of ``chunk`` draws.

    Each block is turned to years × draws (a transposing copy of each shock), so that the recursions over the
    years are operations on contiguous rows, and the outputs are turned back; both copies are timed as stages.

    Parameters
    ----------
    inp : ReferenceInputs
        From :func:`reference_inputs`.
    shocks : mapping of str to numpy.ndarray
        Keys from :data:`SHOCK_FIELDS`, each float64 (n_draws, n_years), column 0 (the base year) 0, fractions per
        year added to the assumption; missing keys are not shocked. At least one.
    chunk : int
        Draws per block (>= 1): the block's temporaries stay in the cache.
    timings : dict, optional
        If given, the seconds spent in each of :data:`STAGES` are added to it.

    Returns
    -------
    dict of str to numpy.ndarray
        :data:`OUTPUT_FIELDS`, each (n_draws, n_years): MSEK, ``result_share`` a fraction.

    Raises
    ------
    ValueError
        For an unknown shock, no shock, or shapes other than (n_draws, n_years).
    """
    unknown = sorted(set(shocks) - set(SHOCK_FIELDS))
    if unknown or not shocks:
        raise ValueError(f"shocks: unknown {unknown} or none given; expected some of {', '.join(SHOCK_FIELDS)}")
    n = len(inp.years)
    d = next(iter(shocks.values())).shape[0]
    for name, s in shocks.items():
        if s.shape != (d, n):
            raise ValueError(f"shocks.{name} has shape {s.shape}; expected ({d}, {n})")
    out = {name: np.empty((d, n)) for name in OUTPUT_FIELDS}
    spent = dict.fromkeys(STAGES, 0.0)
    # §2: the price step of a group of lines is 1 + w·(labour + s_l) + (1 − w)·(other + s_o), w the lines' labour
    # share or PKV's weight of the year: the vector 1 + w·labour + (1 − w)·other plus w·s_l + (1 − w)·s_o.
    shares = np.where(inp.line_labour_share[:, None] < 0.0, inp.weight[None, :], inp.line_labour_share[:, None])
    price0 = 1.0 + shares * inp.labour + (1.0 - shares) * inp.other  # (n_groups, n)
    constant = (inp.operating_income_msek + inp.depreciation_msek + inp.financial_msek)[:, None]
    adjustments = (inp.balance_adjustments_msek - inp.realisation_gains_msek)[:, None]
    tax_per_factor = (inp.tax_rate / 100.0 * inp.tax_base0_msek)[:, None]
    for first in range(0, d, chunk):
        last = min(d, first + chunk)
        m = last - first
        t0 = time.perf_counter()
        block = {}
        for name, s in shocks.items():
            block[name] = np.empty((n, m))
            np.copyto(block[name], s[first:last].T)
        labour, other = block.get("labour_cost_change"), block.get("other_cost_change")
        volume = block.get("volume_growth")
        t1 = time.perf_counter()
        costs = None
        for g in range(len(inp.line_base_msek)):
            w = shares[g][:, None]
            factor = np.empty((n, m))
            factor[:] = price0[g][:, None]
            if labour is not None:
                factor += labour * w
            if other is not None:
                factor += other * (1.0 - w)
            factor *= _step(volume, inp.line_volume[g], m)  # (1 + volume) × (1 + price)
            factor[0] = inp.line_base_msek[g]
            _cumprod_rows(factor)
            if costs is None:
                costs = factor
            else:
                costs += factor
        t2 = time.perf_counter()
        # §3: the tax base grown by the (shocked) growth, times the rate, plus the final settlements.
        tb_step = _step(block.get("tax_base_growth"), inp.tax_base_growth, m)
        tb_factor = _cumprod_rows(tb_step.copy())
        tax = np.multiply(tb_factor, tax_per_factor)
        tax += inp.settlements_msek[:, None]
        t3 = time.perf_counter()
        grants = np.empty((n, m))
        _grants_chunk(inp, tb_step, tb_factor, block.get("national_tax_capacity_growth"), grants)
        t4 = time.perf_counter()
        # §9: the result, the balanced-budget result (§16: the given use of the reserve) and the share.
        result = np.subtract(constant, costs, out=costs)
        revenue = np.add(tax, grants)
        result += revenue
        balanced = np.add(result, adjustments)
        share = np.divide(result, revenue, out=revenue)
        t5 = time.perf_counter()
        for name, value in zip(OUTPUT_FIELDS, (result, balanced, share, tax, grants), strict=True):
            np.copyto(out[name][first:last], value.T)
        t6 = time.perf_counter()
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            spent[stage] += seconds
    if timings is not None:
        for stage, seconds in spent.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    return out


def max_differences(a: Mapping[str, np.ndarray], b: Mapping[str, np.ndarray]) -> dict[str, tuple[float, float]]:
    """For each output: (max |a − b|, max |a − b| / max(1, |b|)) — MSEK, or the share's fraction."""
    diffs = {}
    for name in OUTPUT_FIELDS:
        delta = np.abs(a[name] - b[name])
        diffs[name] = (float(delta.max()), float((delta / np.maximum(1.0, np.abs(b[name]))).max()))
    return diffs

