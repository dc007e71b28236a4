"""Steps shared by ``project``, ``solve`` and ``compare`` (and the header of ``scenario``): load the municipality
with the user's ``--set`` assumptions, project it once, read the targets, the first year of a change and the
household income, and arrange the header, targets, assumptions and base-year sources of a document.
"""
from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import check_budget_matches, read_budget
from kommunbudget.baselines.population_forecast import with_population_forecast
from kommunbudget.baselines.vintages import vintage_age
from kommunbudget.cli.errors import CliError, message
from kommunbudget.data.decided_rates import decided_rate_notice, decided_tax_rates, first_undecided_year
from kommunbudget.model import core
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import default_targets, parse_target, target_key
from kommunbudget.report.i18n import gettext, number
from kommunbudget.report.plots import target_text
from kommunbudget.report.text import date_words, frame_text, shown_text, wrap

__all__ = ["Setup", "apply_population_forecast", "assumption_records", "base_source_records", "budget_text",
           "decided_rate_text", "from_year", "header", "household_income_basis",
           "household_income", "load_baseline", "load_municipality", "met", "met_label", "setup", "targets",
           "targets_json", "user_set_line", "vintage_line"]

_log = logging.getLogger("kommunbudget.cli")


@dataclass
class Setup:
    """One run's municipality (with the user's assumptions applied), horizon and baseline projection.

    Attributes
    ----------
    municipality : Municipality
    horizon : int
        The last year.
    projection : Projection
        The baseline projected to ``horizon`` (no measures).
    user_set : list[str]
        The assumptions set with ``--set``, in the order given.
    budget : str or None
        The file of ``--budget`` when the baseline is the user's own budget.
    """

    municipality: Municipality
    horizon: int
    projection: Projection
    user_set: list[str] = field(default_factory=list)
    budget: str | None = None


def load_municipality(args: argparse.Namespace) -> tuple[Municipality, int, list[str]]:
    """The municipality of ``args`` with every ``--set`` applied, the horizon, and the names set.

    Raises
    ------
    ValueError
        For an unknown municipality, base year, vintage or assumption, a horizon before the base year, a value out
        of range (the library's message), or a ``--set`` year outside the projection years (CliError).
    """
    m = load_baseline(args, args.vintage, not args.no_plan_growth)
    _log.info("loaded %s, base year %d, vintage %s", m.label, m.base_year, m.vintage)
    horizon = m.base_year + 4 if args.horizon is None else args.horizon
    m.projector(horizon)  # checks the horizon against the base year before any --set is applied
    first = m.base_year + 1
    user_set = []
    forecast = getattr(args, "population_forecast", None)
    if forecast is not None:
        m = apply_population_forecast(m, forecast)
        user_set.append(f"population and service volumes (--population-forecast {forecast})")
    for name, value, read_as in args.assignments:
        if isinstance(value, dict):
            outside = [y for y in value if not first <= y <= horizon]
            if outside:
                raise CliError(f"--set {name}: year {outside[0]} is outside the projection years "
                               f"{first}-{horizon} (base year {m.base_year}, horizon {horizon}); the base year's "
                               f"figures come from the adopted budget")
        try:
            m = m.with_assumptions(**{name: value})
        except KeyError as exc:
            raise CliError(f"--set {name}: {message(exc)}; 'volume_growth' sets every cost line") from None
        user_set.append(f"{name} ({read_as})" if read_as else name)
        _log.info("assumption %s set to %s", name, value)
    if args.assignments or forecast is not None:
        try:
            m.projector(horizon)  # the core checks every value set, once
        except ValueError as exc:
            text = _set_error(message(exc), [a.name for a in args.assignments])
            if forecast is not None and not text.startswith("--set "):
                text = f"--population-forecast {forecast}: {text}"
            raise CliError(text) from None
    return m, horizon, user_set


def apply_population_forecast(m: Municipality, forecast: str) -> Municipality:
    """``m`` with the population forecast of ``--population-forecast`` (a CSV file, or ``embedded``;
    :func:`kommunbudget.baselines.population_forecast.with_population_forecast`).

    Raises
    ------
    CliError
        For a forecast that cannot be read or does not fit the baseline (the library's message after
        ``--population-forecast``).
    """
    try:
        return with_population_forecast(m, forecast)
    except ValueError as exc:
        text = message(exc)
        prefix = "--population-forecast embedded: "
        raise CliError(text if text.startswith(prefix) else f"--population-forecast {forecast}: {text}") from None


def _set_error(text: str, names: Sequence[str]) -> str:
    """A range error of the core on an assumption the user set, said with the name the user wrote: ``--set
    volume_growth: volume_growth[2025] = 0.7 (cost line preschool) is outside ...``; other errors unchanged."""
    for name in names:
        if name == "volume_growth" and text.startswith("volume_growth:"):
            line, _, rest = text[len("volume_growth:"):].partition("[")
            year, _, rest = rest.partition("]")
            value, sep, tail = rest.partition(" is outside")
            return f"--set {name}: {name}[{year}]{value} (cost line {line}){sep}{tail}"
        if text.startswith((f"{name}[", f"{name}:", f"{name} ")):
            return f"--set {name}: {text}"
    return text


def load_baseline(args: argparse.Namespace, vintage=None, use_plan_growth: bool = True) -> Municipality:
    """The baseline of ``args``: the budget file of ``--budget`` (whose municipality and year a MUNICIPALITY and
    ``--base-year`` given beside it must be), else MUNICIPALITY's embedded baseline for ``--base-year``.

    Raises
    ------
    ValueError
        For neither MUNICIPALITY nor ``--budget`` (CliError), a budget that cannot be read, a MUNICIPALITY or
        ``--base-year`` that is not the budget's, or as :func:`kommunbudget.load`.
    """
    budget = getattr(args, "budget", None)
    if budget is None:
        if args.municipality is None:
            raise CliError("give a MUNICIPALITY (name or code) or --budget FILE (your own budget, "
                           "docs/budget-workbook.md)")
        return load(args.municipality, args.base_year, vintage=vintage, use_plan_growth=use_plan_growth)
    m = read_budget(budget, vintage=vintage, use_plan_growth=use_plan_growth)
    if args.base_year is not None and args.base_year != m.base_year:
        raise CliError(f"--base-year {args.base_year}: the budget {budget} is for {m.base_year}, its base year; "
                       f"leave --base-year out or give {m.base_year}")
    try:
        check_budget_matches(m, budget, args.municipality)
    except ValueError as exc:
        raise CliError(f"MUNICIPALITY: {message(exc)}") from None
    _log.info("read the budget %s", budget)
    return m


def setup(args: argparse.Namespace) -> Setup:
    """:func:`load_municipality`, then the baseline projection (built once per command)."""
    m, horizon, user_set = load_municipality(args)
    projection = m.project(horizon)
    _log.info("projected %s %d-%d", m.label, m.base_year, horizon)
    return Setup(m, horizon, projection, user_set, budget_text(args))


def budget_text(args: argparse.Namespace) -> str | None:
    """The file of ``--budget`` as given, or None."""
    budget = getattr(args, "budget", None)
    return None if budget is None else str(budget)


def targets(texts: Sequence[str]) -> list[core.Target]:
    """The targets given with ``--target`` (default: result, balanced-budget result, result share 2 %), each once.

    Raises
    ------
    ValueError
        For a target that cannot be read (the library's message names it and the accepted forms).
    """
    parsed = [parse_target(t) for t in texts] if texts else default_targets()
    unique: dict[str, core.Target] = {}
    for t in parsed:
        unique.setdefault(target_key(t), t)
    return list(unique.values())


def from_year(args: argparse.Namespace, m: Municipality, horizon: int) -> int:
    """The first year of a change (``--from-year``; default: the first year whose own rate is not yet decided,
    :func:`kommunbudget.data.decided_rates.first_undecided_year`, 2027 for base year 2024 with today's data): a
    projection year after the base year. A year whose rate is decided is taken only when given with ``--from-year``
    (the output then says so, :func:`decided_rate_lines`).

    Raises
    ------
    CliError
        For the base year (its figures are the adopted budget's), a year before it or after the horizon, a
        projection without a year after the base year, or (no ``--from-year``) a horizon before the first year whose
        rate is not decided (the message names the decided rates and the options).
    """
    base = m.base_year
    if args.from_year is None:
        year = first_undecided_year(m.code, base)
        if horizon == base:
            raise CliError(f"the projection {base}-{horizon} has no year after the base year; give --horizon "
                           f"{base + 1} or later")
        if year > horizon:
            decided = ", ".join(f"{r.year}: {r.rate:.2f}" for r in decided_tax_rates(m.code).values()
                                if r.year > base)
            raise CliError(f"the own rate is decided through {year - 1} ({decided}; skattesatser_kommun.csv), so a "
                           f"change can start in {year} at the earliest, after the horizon {horizon}; give "
                           f"--horizon {year} or later, or --from-year {base + 1}-{horizon} to change a decided "
                           f"rate")
        return year
    year = args.from_year
    if horizon == base:
        raise CliError(f"--from-year {year}: the projection {base}-{horizon} has no year after the base year; "
                       f"give --horizon {base + 1} or later")
    expected = f"expected a year in {base + 1}-{horizon}"
    if year == base:
        what = "the approximate base year from SCB data" if m.approximate else "the adopted budget"
        raise CliError(f"--from-year {year} is the base year ({what}); {expected}")
    if year < base:
        raise CliError(f"--from-year {year} is before the base year {base}; {expected}")
    if year > horizon:
        raise CliError(f"--from-year {year} is after the horizon {horizon}; {expected} (or give a later --horizon)")
    return year


def vintage_info(m: Municipality) -> dict[str, Any] | None:
    """The vintage a run used and its age against the base year (:func:`kommunbudget.baselines.vintages.vintage_age`):
    ``name``, ``published``, ``published_year``, ``years_after_base_year``, ``text``; None for a run without a
    vintage."""
    if not m.vintage:
        return None
    name, _, published = m.vintage.rpartition(" (")
    if not name or not published.endswith(")"):
        name, published = m.vintage, ""
    return vintage_age(name, published.removesuffix(")"), m.base_year)


def vintage_text(m: Municipality) -> str:
    """'Vintage skr-2025-report, published 2025, 1 year after the base year 2024.' (empty without a vintage)."""
    info = vintage_info(m)
    return "" if info is None else info["text"]


def vintage_line(m: Municipality, language: str = "en") -> str:
    """The vintage a run used and its age in the language (:func:`vintage_info`): in English its ``text`` ("Vintage
    skr-2025-report, published 2025, 1 year after the base year 2024."); empty without a vintage.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    info = vintage_info(m)
    if info is None:
        return ""
    if language == "en":
        return info["text"]
    gap = info["years_after_base_year"]
    if gap is None:
        when = gettext("publication year unknown", language)
    elif gap == 0:
        when = gettext("in the base year {year}", language, year=m.base_year)
    elif gap > 0:
        when = gettext("{n} years after the base year {year}", language, n=gap, year=m.base_year)
    else:
        when = gettext("{n} years before the base year {year}", language, n=-gap, year=m.base_year)
    return gettext("Vintage {name}, published {published}, {when}.", language, name=info["name"],
                   published=info["published"] or gettext("(no date)", language), when=when)


def tax_needed_text(needed: dict[str, Any], shown: Sequence[core.Target], horizon: int, language: str = "en") -> str:
    """The answer in words (:func:`tax_needed_records`): per target, the sustained change from the first undecided
    year in kr per 100 kr and öre, and its cost for a household a year; or why no change can be shown."""
    first = needed["from_year"]
    if not needed["targets"]:
        return wrap(gettext("Tax needed: the own rate is decided through {decided} (skattesatser_kommun.csv), so a "
                            "change can start in {first} at the earliest, after the horizon {last}.", language,
                            decided=first - 1, first=first, last=horizon))
    lines = [wrap(gettext("Tax needed: the sustained change of the tax rate from {first} (the first year whose own "
                          "rate is not yet decided) that meets each target in every year to {last}, and what it costs "
                          "a household with the tax base per inhabitant ({income} kr a year):", language,
                          first=first, last=horizon, income=number(needed["household_income_kr"], 0, language)))]
    rows = []
    for t in shown:
        r = needed["targets"][target_key(t)]
        rows.append((target_text(t, language), [number(r["settable_kr_per_100kr"], 2, language, signed=True),
                                                number(r["change_ore"], 1, language, signed=True),
                                                number(r["household_cost_kr"], 0, language)]))
    return "\n".join(lines) + "\n" + frame_text(rows, pd.Index([
        gettext("kr per 100 kr\n(whole öre, up)", language), gettext("öre\n(exact)", language),
        gettext("kr a year\nper household", language)]))


def tax_needed_records(p: Projection, shown: Sequence[core.Target], horizon: int) -> dict[str, Any]:
    """The answer of ``project``: for each target, the sustained change of the own tax rate from the first year whose
    rate is not yet decided (:func:`kommunbudget.data.decided_rates.first_undecided_year`) that meets it in every
    year to ``horizon`` (the core's ``sustained_tax_change``; 0 where it is met already), and what it costs a
    household with the tax base per inhabitant.

    Returns
    -------
    dict
        ``from_year`` (int), ``household_income_kr`` (kr a year) and ``targets``: target id ->
        ``change_kr_per_100kr``, ``change_ore``, ``settable_kr_per_100kr`` (in whole öre, rounded up: what a council
        sets), ``household_cost_kr``; ``targets`` is empty when the first undecided year is after the horizon.
    """
    first = first_undecided_year(p.municipality.code, p.years[0])
    out: dict[str, Any] = {"from_year": first, "household_income_kr": None, "targets": {}}
    if first > horizon:
        return out
    income, _ = p.household_income_kr(first)
    out["household_income_kr"] = float(income)
    for t in shown:
        change = max(0.0, float(p.sustained_tax_change(t, first)))
        out["targets"][target_key(t)] = {"change_kr_per_100kr": change, "change_ore": change * 100.0,
                                         "settable_kr_per_100kr": float(core.round_up_to_ore(change)),
                                         "household_cost_kr": float(core.household_tax_change_kr(change, income))}
    return out


def decided_rate_lines(m: Municipality, first: int) -> dict[str, Any]:
    """What the output says about decided rates for a change from ``first``: ``decided_rates`` (year -> rate,
    kr per 100 kr, with basis and source; those after the base year), ``first_undecided_year``, and
    ``changes_decided_rate`` (the sentence of :func:`kommunbudget.data.decided_rates.decided_rate_notice`, or
    None)."""
    rates = {r.year: r for r in decided_tax_rates(m.code).values() if r.year > m.base_year}
    return {"decided_rates": {str(y): {"rate": r.rate, "basis": r.basis, "source": r.source}
                              for y, r in rates.items()},
            "first_undecided_year": first_undecided_year(m.code, m.base_year),
            "changes_decided_rate": decided_rate_notice(m.code, first) if first in rates else None}


def decided_rate_text(m: Municipality, first: int, language: str = "en", sources: bool = True) -> str:
    """The decided rates in words for a text report (empty if none after the base year), in the language: each
    year's rate (kr per 100 kr) with its basis and source (only the rates with ``sources=False``), the first year
    whose rate is not yet decided, and a notice when ``first`` is a decided year. Rates in kr per 100 kr, by babel
    (``20,92`` in Swedish); the sources through :func:`kommunbudget.report.text.shown_text`.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    info = decided_rate_lines(m, first)
    if not info["decided_rates"]:
        return ""
    if sources:
        rates = "; ".join(f"{y}: {number(r['rate'], 2, language)} ({gettext(r['basis'], language)}; "
                          f"{shown_text(r['source'], language)})" for y, r in info["decided_rates"].items())
    else:
        rates = "; ".join(f"{y}: {number(r['rate'], 2, language)}" for y, r in info["decided_rates"].items())
    text = gettext("Decided own rates (skattesatser_kommun.csv): {rates}. The first year whose rate is not yet "
                   "decided is {first}.", language, rates=rates, first=info["first_undecided_year"])
    if info["changes_decided_rate"]:
        r = info["decided_rates"][str(first)]
        text += " " + gettext("NOTE: {year}'s rate was decided at {rate} ({basis}; {source}); this changes a decided "
                              "rate.", language, year=first, rate=number(r["rate"], 2, language),
                              basis=gettext(r["basis"], language), source=shown_text(r["source"], language))
    return text


def household_income_basis(p: Projection, year: int, given: bool, basis: str, language: str = "en") -> str:
    """The basis of the household income in the language: ``basis`` as the model or ``--income`` states it in
    English; in Swedish the same said again from the projection (:meth:`Projection.household_income_kr`: the tax base
    per inhabitant in ``year``, over the population it counts), or "given with --income" when ``given``.

    Raises
    ------
    ValueError
        For a ``year`` outside the projection, or a language other than ``en`` or ``sv``.
    """
    if language == "en":
        return basis
    if given:
        return gettext("given with --income", language)
    m = p.municipality
    k = p.years.index(year)
    population = float(p.core.population[k]) if float(p.core.population[k]) > 0 else float(m.population)
    if population == m.population:
        counted = gettext("population {date}, {n} inhabitants", language, date=date_words(m.population_date, language),
                          n=number(m.population, 0, language))
    else:
        counted = gettext("the population the budget gives for {year}, {n} inhabitants", language, year=year,
                          n=number(population, 0, language))
    return gettext("{name}'s tax base per inhabitant in {year}, all ages (derived: tax base / {counted}; not SCB's "
                   "skattekraft): a per-inhabitant figure, give a household's own taxable income for its cost",
                   language, name=m.name, year=year, counted=counted)


def household_income(args: argparse.Namespace, p: Projection, year: int) -> tuple[float, str]:
    """The taxable household income for the cost of a tax change, kr a year, and its basis: ``--income``, or the
    tax base per inhabitant in ``year`` (as :func:`kommunbudget.analysis.comparison.compare`)."""
    if args.income is not None:
        return float(args.income), "given with --income"
    return p.household_income_kr(year)


def header(m: Municipality, horizon: int, p: Projection) -> dict[str, Any]:
    """The JSON header of a projection's document: municipality, vintage, uses_plan_growth, approximate,
    base_year, horizon, years and year_status."""
    status = p.year_status()
    return {"municipality": {"code": m.code, "name": m.name, "county": m.county, "population": m.population,
                             "population_date": m.population_date},
            "vintage": m.vintage, "vintage_info": vintage_info(m), "uses_plan_growth": m.uses_plan_growth,
            "approximate": m.approximate,
            "base_year": m.base_year, "horizon": horizon, "years": p.years,
            "year_status": [status[y] for y in p.years]}


def targets_json(shown: Sequence[core.Target]) -> list[dict[str, Any]]:
    """Targets as JSON records: id, description, share (a fraction; None unless a result-share target, with or
    without one-off items)."""
    shares = (core.TargetKind.RESULT_SHARE, core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE)
    return [{"id": target_key(t), "description": t.describe(),
             "share": t.share if t.kind in shares else None} for t in shown]


def assumption_records(p: Projection) -> list[dict[str, Any]]:
    """The assumptions of the projection years, consecutive years with the same provenance merged: records with
    assumption, years (list of int), values (list of float, in ``unit``), unit, kind, source."""
    detail = p.assumptions(detail=True)
    records: list[dict[str, Any]] = []
    for row in detail.itertuples(index=False):
        last = records[-1] if records else None
        if (last is not None and last["assumption"] == row.assumption and last["kind"] == row.kind
                and last["source"] == row.source and last["years"][-1] + 1 == int(row.year)):
            last["years"].append(int(row.year))
            last["values"].append(float(row.value) + 0.0)
        else:
            records.append({"assumption": row.assumption, "years": [int(row.year)], "values": [float(row.value) + 0.0],
                            "unit": row.unit, "kind": row.kind, "source": row.source})
    return records


def base_source_records(p: Projection) -> list[dict[str, Any]]:
    """The base year's figures with their provenance: records with field, value (a float, or a text), kind,
    source."""
    frame = p.base_year_sources()
    return [{"field": r.field, "value": (float(r.value) + 0.0 if isinstance(r.value, (int, float)) else r.value),
             "kind": r.kind, "source": r.source} for r in frame.itertuples(index=False)]


def met(p: Projection, target: core.Target) -> list[bool]:
    """Per year: whether ``target`` is met, the core's answer (``target_met``: a shortfall of at most
    ``TARGET_TOLERANCE_MSEK``, 1e-6 MSEK; ``docs/model.md`` §10)."""
    return [bool(x) for x in core.target_met(p.core, target)]


def met_label(target: core.Target, language: str = "en") -> str:
    """A short row label for whether a target is met, in the language (the full wording is in
    :func:`kommunbudget.report.text.target_text`)."""
    if target.kind == core.TargetKind.BALANCED_BUDGET_RESULT:
        return gettext("Met: balanskrav (balanced-budget result ≥ restoration due)", language)
    if target.kind == core.TargetKind.RESULT:
        return gettext("Met: result ≥ 0", language)
    share = number(target.share * 100, 1, language).replace(",0", "").replace(".0", "")
    if target.kind == core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE:
        return gettext("Met: result excl. one-off items ≥ {share} %", language, share=share)
    return gettext("Met: result share ≥ {share} %", language, share=share)


def user_set_line(user_set: Sequence[str], language: str = "en") -> list[str]:
    """The assumptions the user set (``--set``, ``--population-forecast``) as one wrapped paragraph in the language,
    in a list; an empty list when none was set.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    if not user_set:
        return []
    return [wrap(gettext("Set by you: {names}.", language, names=", ".join(dict.fromkeys(user_set))))]
