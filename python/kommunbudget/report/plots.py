"""Charts (matplotlib) of projections, scenarios and analyses. Presentation only: every number comes from the
library's objects (projections, a scenario's bridges and tax need, the tornado, the benchmark), none is computed here.

Every chart takes ``language="en"`` or ``"sv"`` (titles, axis labels, legends and year status; Swedish units
``mnkr`` and ``öre``; the line labels of :mod:`kommunbudget.model.lines`) and marks an approximate baseline
(:attr:`kommunbudget.model.municipality.Municipality.approximate`: SCB data, no adopted budget, base-year result 0 by
construction) in its title. Functions return a ``matplotlib.figure.Figure`` and never call ``plt.show()``;
:func:`save_figure` writes PNG or SVG without touching anything but the named file. matplotlib, an optional heavy
dependency, is imported when a chart is drawn, so importing this module costs nothing.

Charts:

- :func:`plot_result_vs_target`: the result and the balanced-budget result per year against the target;
- :func:`plot_comparison`: raise the tax or make savings worth the same (:mod:`kommunbudget.analysis.comparison`);
- :func:`plot_fan`: a Monte Carlo fan chart (:mod:`kommunbudget.analysis.uncertainty`);
- :func:`plot_waterfall`: a scenario's bridge as a waterfall (by measure, statement line or driver);
- :func:`plot_tornado`: the tornado of :func:`kommunbudget.analysis.sensitivity.tornado`;
- :func:`plot_tax_need`: the sustained tax change a scenario's target needs, without and with its measures;
- :func:`plot_benchmark`: service areas against peers and Kolada's reference cost
  (:func:`kommunbudget.analysis.benchmark.benchmark`).
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kommunbudget.analysis.comparison import Comparison
from kommunbudget.analysis.uncertainty import Uncertainty
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.model import core
from kommunbudget.model.lines import label as line_label
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.years import as_year
from kommunbudget.report.i18n import number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kommunbudget.scenarios.result import ScenarioResult

#: The languages of the charts.
LANGUAGES = ("en", "sv")

#: File suffixes :func:`save_figure` writes (matplotlib's writer follows the suffix).
FIGURE_SUFFIXES = (".png", ".svg")

#: Every fixed text of the charts: key -> (English, Swedish). ``{name}`` fields are filled by the chart.
TEXT: dict[str, tuple[str, str]] = {
    "msek": ("MSEK, nominal", "mnkr, löpande priser"),
    "msek_short": ("MSEK", "mnkr"),
    "percent": ("percent", "procent"),
    "ore_on_rate": ("öre on the tax rate", "öre på skattesatsen"),
    "approximate": ("APPROXIMATE BASELINE: SCB data, no adopted budget (base-year result 0 by construction)",
                    "UNGEFÄRLIGT UTGÅNGSLÄGE: SCB-data, ingen antagen budget (basårets resultat 0 per konstruktion)"),
    "result_vs_target": ("{who}: result against target", "{who}: resultat mot målet"),
    "target": ("Target: {target}", "Mål: {target}"),
    "target_with_tax": ("Target with the tax change", "Målet med skatteförändringen"),
    "comparison_title": ("{who}: raise the tax or make savings", "{who}: höj skatten eller effektivisera"),
    "baseline": ("Baseline", "Utgångsläge"),
    "tax_case": ("Tax {ore} öre from {year}", "Skatt {ore} öre från {year}"),
    "efficiency_case": ("Efficiency {rate} % from {year}", "Effektivisering {rate} % från {year}"),
    "result_axis": ("Result, MSEK", "Årets resultat, mnkr"),
    "margin_title": ("Result above (+) or below (−) each one's target",
                     "Resultat över (+) eller under (−) respektive mål"),
    "margin_axis": ("MSEK above the target", "mnkr över målet"),
    "without measures": ("without measures", "utan åtgärder"),
    "with measures": ("with measures", "med åtgärder"),
    "fan_band_outer": ("{case}: 5–95 %", "{case}: 5–95 %"),
    "fan_band_inner": ("{case}: 25–75 %", "{case}: 25–75 %"),
    "fan_median": ("{case}: median", "{case}: median"),
    "fan_deterministic": ("{case}: without shocks", "{case}: utan slumpstörningar"),
    "fan_title": ("{who}{title}\n{draws} draws, seed {seed}; target {target}",
                  "{who}{title}\n{draws} dragningar, slumpfrö {seed}; mål {target}"),
    "result_share_title": ("Result as a share of tax revenue and general grants",
                           "Resultat i % av skatter och generella statsbidrag"),
    "waterfall_measure": ("{who}: from the baseline's result to the scenario's, {year}, by measure",
                          "{who}: från utgångslägets resultat till scenariots, {year}, per åtgärd"),
    "waterfall_line": ("{who}: from the baseline's result to the scenario's, {year}, by statement line",
                       "{who}: från utgångslägets resultat till scenariots, {year}, per resultaträkningspost"),
    "waterfall_driver": ("{who}: from the base year's result ({base}) to the scenario's, {year}, by driver",
                         "{who}: från basårets resultat ({base}) till scenariots, {year}, per drivkraft"),
    "baseline result": ("Baseline result", "Utgångslägets resultat"),
    "scenario result": ("Scenario result", "Scenariots resultat"),
    "tornado_title": ("{who}what moves the tax need: {target}, from {year}",
                      "{who}vad som flyttar skattebehovet: {target}, från {year}"),
    "tornado_axis": ("Tax need against the baseline's {need} öre, öre",
                     "Skattebehov mot utgångslägets {need} öre, öre"),
    "low side": ("Low side", "Lågt värde"),
    "high side": ("High side", "Högt värde"),
    "tax_need_title": ("{who}: sustained tax change from {year} that meets {target}",
                       "{who}: varaktig skatteförändring från {year} som når {target}"),
    "tax_need_axis": ("Tax change, öre on the rate (kr per 100 kr × 100)",
                      "Skatteförändring, öre på skattesatsen (kr per 100 kr × 100)"),
    "household_cost": ("{ore} öre\n{kr} kr a year for a household",
                       "{ore} öre\n{kr} kr per år för ett hushåll"),
    "benchmark_title": ("{who}: net cost {year} by service area against peers and the reference cost",
                        "{who}: nettokostnad {year} per verksamhet mot jämförelsekommuner och referenskostnad"),
    "benchmark_cost_axis": ("Net cost, kr per inhabitant", "Nettokostnad, kr per invånare"),
    "benchmark_own": ("{who}", "{who}"),
    "benchmark_peers": ("Peer median ({count} municipalities)", "Median för jämförelsekommunerna ({count} st)"),
    "benchmark_national": ("All 290 municipalities", "Riket, alla 290 kommuner"),
    "benchmark_nka_title": ("Net cost deviation from the reference cost (Kolada NKA {year})",
                            "Nettokostnadsavvikelse mot referenskostnad (Kolada NKA {year})"),
    "benchmark_nka_axis": ("percent of the reference cost (+ dearer than expected)",
                           "procent av referenskostnaden (+ dyrare än förväntat)"),
    "no_nka": ("no NKA", "ingen NKA"),
    "no_nka_panel": ("No NKA for this municipality (Kolada's file covers Skåne)",
                     "Ingen NKA för kommunen (Koladas fil gäller Skåne)"),
}

#: Year status (:meth:`~kommunbudget.model.projection.Projection.year_status`) in each language.
STATUS_TEXT: dict[str, tuple[str, str]] = {
    "budget": ("budget", "budget"),
    "approximate": ("approximate", "ungefärlig"),
    "plan": ("plan", "plan"),
    "plan, changed": ("plan, changed", "plan, ändrad"),
    "projection": ("projection", "framskrivning"),
}

#: The drivers of :meth:`~kommunbudget.scenarios.result.ScenarioResult.bridge_by_driver` (the core's
#: ``driver_bridge``, cpp/src/bridge.cpp) in each language; a driver not named here is shown as the core names it.
DRIVER_TEXT: dict[str, tuple[str, str]] = {
    "base-year result": ("Base-year result", "Basårets resultat"),
    "other planned amounts": ("Other planned amounts", "Övriga planerade belopp"),
    "price (PKV)": ("Price (PKV)", "Pris (PKV)"),
    "volume": ("Volume", "Volym"),
    "operating income growth": ("Operating income growth", "Ökade verksamhetsintäkter"),
    "own tax base growth": ("Own tax base growth", "Eget skatteunderlags tillväxt"),
    "national tax capacity growth (equalisation)": ("National tax capacity growth (equalisation)",
                                                    "Medelskattekraftens tillväxt (utjämning)"),
    "measures": ("Measures", "Åtgärder"),
    "scenario result": ("Scenario result", "Scenariots resultat"),
}

#: English names of the service areas (:data:`kommunbudget.data.service_areas.SERVICE_AREAS`; the Swedish names are
#: the benchmark's ``name_sv``).
AREA_TEXT_EN: dict[str, str] = {
    "preschool": "Preschool",
    "compulsory_school": "Compulsory school (F-9)",
    "upper_secondary_school": "Upper secondary school",
    "elderly_care": "Elderly care",
    "disability_lss": "Disability support (LSS/SFB)",
    "individual_family_care": "Individual and family care (not assistance)",
    "social_assistance": "Social assistance",
    "total": "Total",
}

#: The bridge's statement lines (:meth:`~kommunbudget.scenarios.result.ScenarioResult.bridge`, view "line") whose
#: label has another identifier in :mod:`kommunbudget.model.lines`.
_LINE_LABEL_IDS = {"other_general_grants": "grant:other_general_grants"}

_COLOURS = {"total": "#3b6ea5", "up": "#2e8b57", "down": "#c0392b"}


def _tick_decimals(ticks) -> int:
    """The decimals a set of tick values needs (0 for whole numbers, at most 3)."""
    for decimals in range(4):
        if all(abs(t * 10 ** decimals - round(t * 10 ** decimals)) < 1e-6 for t in ticks):
            return decimals
    return 3


def _localised(fig: Figure, language: str) -> Figure:
    """``fig`` with its numeric axes' tick labels in the language's number format: in Swedish a decimal comma, a
    space between thousands and the minus sign U+2212 (babel, :func:`kommunbudget.report.i18n.number`); English keeps
    matplotlib's own labels. Axes whose ticks are labelled with words (years, measures) are left as they are."""
    if _checked_language(language) == 0:
        return fig
    from matplotlib.ticker import FixedLocator, FuncFormatter, ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not isinstance(axis.get_major_formatter(), ScalarFormatter):
                continue  # words (years with their status, measures, areas) or a formatter of the chart's own
            ticks = list(axis.get_ticklocs())
            decimals = _tick_decimals(ticks)
            axis.set_major_locator(FixedLocator(ticks))
            if decimals == 0 and ticks and all(1900 <= t <= 2200 for t in ticks):  # years: never "2 024"
                axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
                continue
            axis.set_major_formatter(FuncFormatter(lambda v, _pos, d=decimals: number(v, d, "sv")))
    return fig


def _pyplot():
    """matplotlib.pyplot, imported on first use (its backend as matplotlib chooses it, or as the caller set it)."""
    import matplotlib.pyplot as plt

    return plt


def _checked_language(language: str) -> int:
    """0 for ``"en"``, 1 for ``"sv"``; ValueError naming the value otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"language = {language!r}; expected 'en' or 'sv'")
    return LANGUAGES.index(language)


def _t(key: str, language: str, **fields) -> str:
    """The text ``key`` of :data:`TEXT` in ``language``, its fields filled."""
    return TEXT[key][_checked_language(language)].format(**fields)


def _with_mark(title: str, approximate: bool, language: str) -> str:
    """``title``, and under it the approximate-baseline mark when ``approximate``."""
    return f"{title}\n{_t('approximate', language)}" if approximate else title


def _is_approximate(projection: Projection) -> bool:
    """Whether the projection rests on an approximate baseline (the municipality's flag, or a base year whose
    status is "approximate")."""
    return bool(projection.municipality.approximate) or "approximate" in projection.year_status().values()


def _status(status: str, language: str) -> str:
    """A year status (``Projection.year_status``) in ``language``; one not known is shown as is."""
    return STATUS_TEXT[status][_checked_language(language)] if status in STATUS_TEXT else status


def _share_text(kind: str, share: float, language: str) -> str:
    """A target in words from its kind (``target_key``'s stem) and share (fraction)."""
    sv = _checked_language(language) == 1
    if kind == "result":
        return "årets resultat ≥ 0" if sv else "result >= 0"
    if kind == "balanced_budget_result":
        return ("balanskravsresultat ≥ 0 och ≥ det som ska återställas i år" if sv
                else "balanced-budget result >= 0 and >= the restoration due")
    pct = f"{share * 100:g} %"
    if kind == "result_excluding_one_offs_share":
        return (f"resultat exkl. jämförelsestörande poster ≥ {pct} av skatter och generella statsbidrag" if sv
                else f"result excluding one-off items >= {pct} of tax revenue and general grants")
    return (f"resultat ≥ {pct} av skatter och generella statsbidrag" if sv
            else f"result >= {pct} of tax revenue and general grants")


def _target_text(target: core.Target, language: str) -> str:
    """The target in words: the core's ``describe()`` in English, the same in Swedish."""
    if _checked_language(language) == 0:
        return target.describe()
    kinds = {core.TargetKind.RESULT: "result", core.TargetKind.BALANCED_BUDGET_RESULT: "balanced_budget_result",
             core.TargetKind.RESULT_SHARE: "result_share",
             core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE: "result_excluding_one_offs_share"}
    return _share_text(kinds[target.kind], float(target.share), language)


def target_text(target: core.Target, language: str = "en") -> str:
    """The target in words as the charts write it (``"resultat ≥ 2 % av skatter och generella statsbidrag"``): the
    core's ``describe()`` in English, the same in Swedish.

    Raises
    ------
    ValueError
        For a language other than ``"en"`` or ``"sv"``.
    """
    return _target_text(target, language)


def _target_key_text(key: str, description: str, language: str) -> str:
    """A target given as its key (``model.targets.target_key``: ``result_share_2pct``) in words: the description
    in English, the key read in Swedish."""
    if _checked_language(language) == 0:
        return description
    for stem in ("result_excluding_one_offs_share", "result_share"):
        if key.startswith(f"{stem}_") and key.endswith("pct"):
            return _share_text(stem, float(key[len(stem) + 1:-3]) / 100.0, language)
    return _share_text(key, 0.0, language) if key in ("result", "balanced_budget_result") else description


def _target_line_msek(projection: Projection, target: core.Target) -> np.ndarray:
    """The result each year needs to meet the target exactly (MSEK): result + gap (the core's target_gap_msek)."""
    gap = np.array(core.target_gap_msek(projection.core, target))
    return projection.line("result") + gap


def plot_result_vs_target(projection: Projection, target: core.Target, ax=None, language: str = "en") -> Figure:
    """Bars of the result and the balanced-budget result per year (MSEK) with the target as a line.

    Parameters
    ----------
    projection : Projection
    target : kommunbudget.core.Target
        E.g. result >= 2 % of tax revenue and general grants.
    ax : matplotlib Axes, optional
        Draw into it; default a new figure.
    language : {"en", "sv"}
        Titles, labels, legend and year status (``Projection.year_status``).

    Returns
    -------
    matplotlib.figure.Figure
        Containers of the axes: [0] the result (``line("result")``), [1] the balanced-budget result; line [0] the
        target (result + the core's ``target_gap_msek``). An approximate baseline is marked in the title.

    Raises
    ------
    ValueError
        For another language.
    """
    _checked_language(language)
    fig, ax = (_pyplot().subplots(figsize=(9, 5.4)) if ax is None else (ax.figure, ax))
    years = np.array(projection.years)
    status = projection.year_status()
    width = 0.38
    ax.bar(years - width / 2, projection.line("result"), width, label=line_label("result", language),
           color="#3b6ea5")
    ax.bar(years + width / 2, projection.line("balanced_budget_result"), width,
           label=line_label("balanced_budget_result", language), color="#9bb7d4")
    ax.plot(years, _target_line_msek(projection, target), color="#c0392b", marker="o",
            label=_t("target", language, target=_target_text(target, language)))
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xticks(years, [f"{y}\n{_status(status[y], language)}" for y in years])
    ax.set_ylabel(_t("msek", language))
    ax.set_title(_with_mark(_t("result_vs_target", language, who=projection.municipality.label),
                            _is_approximate(projection), language), fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return _localised(fig, language)


def plot_comparison(comparison: Comparison, language: str = "en") -> Figure:
    """Two panels: (left) the result of baseline, tax change and efficiency per year against the target (MSEK),
    the target drawn for the baseline and for the tax change (2 % of a larger revenue is a larger amount); (right)
    what differs between the two, since the efficiency is sized to save in its first year exactly what the tax
    change raises: each case's result above (+) or below (−) its own target, MSEK (− ``core.target_gap_msek``).

    Parameters
    ----------
    comparison : Comparison
        :func:`kommunbudget.analysis.comparison.compare`'s answer.
    language : {"en", "sv"}

    Returns
    -------
    matplotlib.figure.Figure
        Axes [0]: lines [0]-[2] the results of baseline, tax, efficiency, [3]-[4] the targets. Axes [1]: containers
        [0]-[2] the margins of baseline, tax, efficiency. An approximate baseline is marked in the title.

    Raises
    ------
    ValueError
        For another language.
    """
    _checked_language(language)
    fig, (left, right) = _pyplot().subplots(1, 2, figsize=(12, 5.4))
    years = np.array(comparison.baseline.years)
    cases = ((comparison.baseline, _t("baseline", language), "-", "#7f8c8d"),
             (comparison.tax, _t("tax_case", language,
                                 ore=number(comparison.tax_change_kr_per_100kr * 100, 1, language, signed=True),
                                 year=comparison.from_year), "--", "#3b6ea5"),
             (comparison.efficiency, _t("efficiency_case", language,
                                        rate=number(comparison.efficiency_rate * 100, 2, language),
                                        year=comparison.from_year), ":", "#2e8b57"))
    for p, name, style, colour in cases:
        left.plot(years, p.line("result"), style, marker="o", color=colour, label=name)
    target_text = _target_text(comparison.target, language)
    left.plot(years, _target_line_msek(comparison.baseline, comparison.target), color="#c0392b", alpha=0.7,
              label=_t("target", language, target=target_text))
    left.plot(years, _target_line_msek(comparison.tax, comparison.target), "--", color="#c0392b", alpha=0.4,
              label=_t("target_with_tax", language))
    left.axhline(0.0, color="black", linewidth=0.8)
    left.set_ylabel(_t("result_axis", language))
    left.set_title(_with_mark(_t("comparison_title", language, who=comparison.baseline.municipality.label),
                              _is_approximate(comparison.baseline), language), fontsize=10)
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    left.grid(alpha=0.3)
    width = 0.27
    for i, (p, name, _style, colour) in enumerate(cases):
        margin = -np.asarray(core.target_gap_msek(p.core, comparison.target), dtype=float)
        right.bar(years + (i - 1) * width, margin, width, color=colour, label=name)
    right.axhline(0.0, color="black", linewidth=0.8)
    right.set_xticks(years, [str(y) for y in years])
    right.set_ylabel(_t("margin_axis", language))
    right.set_title(_t("margin_title", language), fontsize=10)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    right.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return _localised(fig, language)


def _fan_titles(output: str, language: str) -> tuple[str, str]:
    """The fan chart's title and unit of ``output``."""
    if output == "result_share":
        return _t("result_share_title", language), _t("percent", language)
    if output in ("result", "balanced_budget_result"):
        return line_label(output, language), _t("msek_short", language)
    return output, ""


def plot_fan(uncertainty: Uncertainty, output: str = "balanced_budget_result", ax=None,
             language: str = "en") -> Figure:
    """A fan chart of one Monte Carlo output per year: the 5-95 % and 25-75 % bands and the median of each case
    run (without and with the measures), the deterministic projection as black dotted crosses, the zero line (the
    balanced-budget requirement) and, for ``result_share`` with a share target, the target. MSEK, or percent for
    ``result_share``; the title names the municipality, the draws, the seed and the target, and marks an
    approximate baseline.

    Parameters
    ----------
    uncertainty : Uncertainty
        :func:`kommunbudget.analysis.uncertainty.uncertainty`'s answers.
    output : {"result", "balanced_budget_result", "result_share"}
    ax : matplotlib Axes, optional
        Draw into it; default a new figure.
    language : {"en", "sv"}

    Returns
    -------
    matplotlib.figure.Figure
        Per case, lines: the median (``fan.loc["p50"]``), then the deterministic projection.

    Raises
    ------
    KeyError
        For an output the run has no percentiles of.
    ValueError
        For another language.
    """
    _checked_language(language)
    fig, ax = (_pyplot().subplots(figsize=(9, 5.4)) if ax is None else (ax.figure, ax))
    title, unit = _fan_titles(output, language)
    scale = 100.0 if output == "result_share" else 1.0
    years = np.array(uncertainty.years)
    colours = {"without measures": "#7f8c8d", "with measures": "#3b6ea5"}
    for case in uncertainty.cases:
        fan = uncertainty.fan(output, case) * scale
        colour = colours.get(case, "#3b6ea5")
        name = _t(case, language) if case in TEXT else case
        ax.fill_between(years, fan.loc["p5"], fan.loc["p95"], color=colour, alpha=0.18, linewidth=0,
                        label=_t("fan_band_outer", language, case=name))
        ax.fill_between(years, fan.loc["p25"], fan.loc["p75"], color=colour, alpha=0.35, linewidth=0,
                        label=_t("fan_band_inner", language, case=name))
        ax.plot(years, fan.loc["p50"], color=colour, marker="o", label=_t("fan_median", language, case=name))
        ax.plot(years, fan.loc["deterministic"], color="black", linestyle=":", marker="x", markersize=4,
                linewidth=1, label=_t("fan_deterministic", language, case=name))
    ax.axhline(0.0, color="black", linewidth=0.8)
    target_text = _target_text(uncertainty.target, language)
    shares = (core.TargetKind.RESULT_SHARE, core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE)
    if output == "result_share" and uncertainty.target.kind in shares:
        ax.axhline(uncertainty.target.share * 100.0, color="#c0392b", linewidth=1,
                   label=_t("target", language, target=target_text))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(unit)
    draws = f"{uncertainty.draws:,}".replace(",", "\u2009")  # a thin space between thousands
    who = f"{uncertainty.label}: " if uncertainty.label else ""
    approximate = any(_is_approximate(p) for p in uncertainty.deterministic.values())
    ax.set_title(_with_mark(_t("fan_title", language, who=who, title=title, draws=draws, seed=uncertainty.seed,
                               target=target_text), approximate, language), fontsize=10)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return _localised(fig, language)


def _bridge_steps(result: ScenarioResult, year: int, by: str, language: str) -> tuple[list[str], np.ndarray, str]:
    """The waterfall's labels, MSEK values (first and last the totals) and title of ``by``."""
    who = result.municipality.label
    if by == "driver":
        frame = result.bridge_by_driver(year)
        names = [DRIVER_TEXT[d][_checked_language(language)] if d in DRIVER_TEXT else d for d in frame["driver"]]
        return names, frame["msek"].to_numpy(dtype=float), _t("waterfall_driver", language, who=who, year=year,
                                                                base=result.baseline.years[0])
    frame = result.bridge(year)
    frame = frame[frame["view"] == by]
    names = []
    for item in frame["item"]:
        if item in ("baseline result", "scenario result"):
            names.append(_t(item, language))
        elif by == "line":
            names.append(line_label(_LINE_LABEL_IDS.get(item, item), language))
        else:
            names.append(item)
    return names, frame["msek"].to_numpy(dtype=float), _t(f"waterfall_{by}", language, who=who, year=year)


def plot_waterfall(scenario_result: ScenarioResult, year: int, by: str = "measure", ax=None,
                   language: str = "en") -> Figure:
    """A scenario's bridge as a waterfall, MSEK: the first bar the starting result (from zero), one floating bar per
    step (up green, down red), the last bar the scenario's result in ``year`` (from zero).

    Parameters
    ----------
    scenario_result : ScenarioResult
        :func:`kommunbudget.scenarios.result.run`'s answer.
    year : int
        The year of the bridge.
    by : {"measure", "line", "driver"}
        ``"measure"``: :meth:`ScenarioResult.bridge` (view "measure"), from the baseline's result in ``year``;
        ``"line"``: the same bridge by statement line; ``"driver"``: :meth:`ScenarioResult.bridge_by_driver`, from
        the base year's result (``year`` after the base year).
    ax : matplotlib Axes, optional
    language : {"en", "sv"}

    Returns
    -------
    matplotlib.figure.Figure
        Container [0] of the axes holds the bars, one per bridge row in order; each bar's height is the row's
        ``msek`` (signed) and the last bar's is the scenario's result. An approximate baseline is marked.

    Raises
    ------
    ValueError
        For another ``by`` or language, or a year outside the scenario's years (the bridge's message).
    """
    _checked_language(language)
    if by not in ("measure", "line", "driver"):
        raise ValueError(f"by = {by!r}; expected 'measure', 'line' or 'driver'")
    year = as_year("year", year)
    names, msek, title = _bridge_steps(scenario_result, year, by, language)
    fig, ax = (_pyplot().subplots(figsize=(max(7.0, 1.1 * len(names) + 2), 5.4)) if ax is None
               else (ax.figure, ax))
    steps = msek[1:-1]
    bottoms = np.concatenate([[0.0], msek[0] + np.concatenate([[0.0], np.cumsum(steps)[:-1]]), [0.0]])
    colours = [_COLOURS["total"], *(_COLOURS["up"] if v >= 0 else _COLOURS["down"] for v in steps),
               _COLOURS["total"]]
    x = np.arange(len(msek))
    bars = ax.bar(x, msek, bottom=bottoms, color=colours, width=0.6)
    tops = bottoms + msek
    for i in range(len(msek) - 1):  # connectors from each bar's end to the next bar
        level = tops[i] if i < len(msek) - 2 else msek[-1]
        ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [level, level], color="#555555", linewidth=0.7)
    ax.bar_label(bars, labels=[number(v, 1, language, signed=0 < i < len(msek) - 1) for i, v in enumerate(msek)],
                 label_type="center", fontsize=7)
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xticks(x, names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(_t("msek", language))
    ax.set_title(_with_mark(title, _is_approximate(scenario_result.baseline), language), fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return _localised(fig, language)


_TORNADO_NEEDS = ("assumption", "assumption_sv", "need_effect_low_ore", "need_effect_high_ore")


def plot_tornado(tornado_frame: pd.DataFrame, municipality: Municipality | None = None, ax=None,
                 language: str = "en") -> Figure:
    """The tornado: per assumption (largest swing of the need at the top), the change of the sustained tax need at
    its low and at its high side against the baseline's need, öre (``need_effect_low_ore``,
    ``need_effect_high_ore``; a side without a figure draws no bar).

    Parameters
    ----------
    tornado_frame : pandas.DataFrame
        :func:`kommunbudget.analysis.sensitivity.tornado`'s answer (its rows in its order; its ``attrs`` give the
        target, the first year and the baseline's need).
    municipality : Municipality, optional
        Named in the title; an approximate one is marked (the frame does not say which municipality it is of).
    ax : matplotlib Axes, optional
    language : {"en", "sv"}
        The assumption labels are the frame's ``assumption`` or ``assumption_sv``.

    Returns
    -------
    matplotlib.figure.Figure
        Containers of the axes: [0] the low sides, [1] the high sides, one bar per row in the frame's order; each
        bar's width is the row's effect in öre.

    Raises
    ------
    ValueError
        For a frame without rows or without the columns named above, or another language.
    """
    sv = _checked_language(language) == 1
    missing = [c for c in _TORNADO_NEEDS if c not in tornado_frame.columns]
    if missing or not len(tornado_frame):
        raise ValueError(f"tornado_frame: expected the rows of kommunbudget.analysis.sensitivity.tornado with columns "
                         f"{', '.join(_TORNADO_NEEDS)}; got {len(tornado_frame)} rows"
                         + (f", missing {', '.join(missing)}" if missing else ""))
    attrs = tornado_frame.attrs
    fig, ax = (_pyplot().subplots(figsize=(9, 1.0 + 0.55 * len(tornado_frame) + 1.5)) if ax is None
               else (ax.figure, ax))
    y = np.arange(len(tornado_frame))
    names = tornado_frame["assumption_sv" if sv else "assumption"].astype(str).tolist()
    ax.barh(y, tornado_frame["need_effect_low_ore"].to_numpy(dtype=float), 0.6, color="#3b6ea5",
            label=_t("low side", language))
    ax.barh(y, tornado_frame["need_effect_high_ore"].to_numpy(dtype=float), 0.6, color="#e67e22",
            label=_t("high side", language))
    ax.set_yticks(y, names, fontsize=8)
    ax.invert_yaxis()  # the largest swing at the top
    ax.axvline(0.0, color="black", linewidth=0.8)
    base_need = float(attrs.get("baseline_need_ore", math.nan))
    ax.set_xlabel(_t("tornado_axis", language, need=number(base_need, 1, language, signed=True)))
    who = f"{municipality.label}: " if municipality is not None else ""
    target = _target_key_text(str(attrs.get("target", "")), str(attrs.get("target_description", "")), language)
    title = _t("tornado_title", language, who=who, target=target, year=attrs.get("from_year", ""))
    ax.set_title(_with_mark(title, municipality is not None and bool(municipality.approximate), language),
                 fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return _localised(fig, language)


def plot_tax_need(scenario_result: ScenarioResult, from_year: int | None = None, ax=None,
                  language: str = "en") -> Figure:
    """Two bars: the sustained tax change (öre) from ``from_year`` that meets the scenario's target in every year
    to the horizon, without and with the scenario's measures (:meth:`ScenarioResult.tax_needed`; 0 where the target
    is already met), each labelled with what it costs a household with the tax base per inhabitant.

    Parameters
    ----------
    scenario_result : ScenarioResult
    from_year : int, optional
        Default the first year whose own rate is not yet decided
        (:func:`kommunbudget.data.decided_rates.first_undecided_year`, as ``tax_needed``).
    ax : matplotlib Axes, optional
    language : {"en", "sv"}

    Returns
    -------
    matplotlib.figure.Figure
        Container [0] of the axes: the bars without and with measures; heights ``tax_needed()["change_ore"]``.

    Raises
    ------
    ValueError
        For another language, or what ``tax_needed`` raises (a year outside the projection, a target that cannot
        be met).
    """
    _checked_language(language)
    need = scenario_result.tax_needed(from_year)
    if from_year is None:
        from_year = first_undecided_year(scenario_result.baseline.municipality.code, scenario_result.baseline.years[0])
    fig, ax = (_pyplot().subplots(figsize=(7, 5.4)) if ax is None else (ax.figure, ax))
    cases = list(need.index)
    ore = need["change_ore"].to_numpy(dtype=float)
    bars = ax.bar(np.arange(len(cases)), ore, 0.55, color=["#7f8c8d", "#3b6ea5"][:len(cases)])
    labels = [_t("household_cost", language, ore=number(o, 1, language), kr=number(k, 0, language))
              for o, k in zip(ore, need["household_cost_kr"].to_numpy(dtype=float), strict=True)]
    ax.bar_label(bars, labels=labels, fontsize=8)
    ax.set_xticks(np.arange(len(cases)), [_t(c, language) if c in TEXT else c for c in cases])
    ax.set_ylabel(_t("tax_need_axis", language))
    ax.margins(y=0.2)
    ax.axhline(0.0, color="black", linewidth=0.8)
    title = _t("tax_need_title", language, who=scenario_result.municipality.label, year=from_year,
               target=_target_text(scenario_result.target, language))
    ax.set_title(_with_mark(title, _is_approximate(scenario_result.baseline), language), fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return _localised(fig, language)


_BENCHMARK_NEEDS = ("area", "name_sv", "net_cost_kr_per_inhabitant", "peer_median_kr_per_inhabitant",
                    "national_kr_per_inhabitant", "peer_count", "nka_percent")


def plot_benchmark(benchmark_frame: pd.DataFrame, language: str = "en") -> Figure:
    """Service areas against peers and the reference cost, two panels: (left) the net cost per inhabitant of each
    area, the municipality's own against the peers' median and all 290 municipalities (kr per inhabitant); (right)
    Kolada's net cost deviation (NKA, percent of the reference cost; "no NKA" where there is none). The ``total``
    row is left out of the panels (its scale would hide the areas).

    Parameters
    ----------
    benchmark_frame : pandas.DataFrame
        :func:`kommunbudget.analysis.benchmark.benchmark`'s answer (its ``attrs`` name the municipality, the year,
        the NKA year and whether there is an NKA).
    language : {"en", "sv"}
        Areas in English (:data:`AREA_TEXT_EN`) or as the frame's ``name_sv``.

    Returns
    -------
    matplotlib.figure.Figure
        Axes [0]: containers [0] own, [1] peer median, [2] national, one bar per area in the frame's order (widths the
        frame's kr per inhabitant). Axes [1]: container [0] the NKA per area (percent; NaN draws no bar).

    Raises
    ------
    ValueError
        For a frame without the columns named in ``_BENCHMARK_NEEDS`` or without area rows, or another language.
    """
    sv = _checked_language(language) == 1
    missing = [c for c in _BENCHMARK_NEEDS if c not in benchmark_frame.columns]
    areas = benchmark_frame[benchmark_frame["area"] != "total"] if "area" in benchmark_frame.columns else None
    if missing or areas is None or not len(areas):
        raise ValueError(f"benchmark_frame: expected the rows of kommunbudget.analysis.benchmark.benchmark with "
                         f"columns {', '.join(_BENCHMARK_NEEDS)}" + (f"; missing {', '.join(missing)}" if missing
                                                                     else "; got no area rows"))
    attrs = benchmark_frame.attrs
    who = str(attrs.get("municipality_name", ""))
    names = (areas["name_sv"].astype(str).tolist() if sv
             else [AREA_TEXT_EN.get(a, a) for a in areas["area"].astype(str)])
    fig, (left, right) = _pyplot().subplots(1, 2, figsize=(13, 1.5 + 0.7 * len(areas) + 1.5),
                                            gridspec_kw={"width_ratios": [3, 2]})
    y = np.arange(len(areas))
    h = 0.27
    peer_count = int(areas["peer_count"].max())
    for i, (column, name, colour) in enumerate((
            ("net_cost_kr_per_inhabitant", _t("benchmark_own", language, who=who or "own"), "#3b6ea5"),
            ("peer_median_kr_per_inhabitant", _t("benchmark_peers", language, count=peer_count), "#e67e22"),
            ("national_kr_per_inhabitant", _t("benchmark_national", language), "#95a5a6"))):
        left.barh(y + (i - 1) * h, areas[column].to_numpy(dtype=float), h, color=colour, label=name)
    left.set_yticks(y, names, fontsize=8)
    left.invert_yaxis()
    left.set_xlabel(_t("benchmark_cost_axis", language))
    left.legend(fontsize=8, loc="lower right")
    left.grid(axis="x", alpha=0.3)
    nka = areas["nka_percent"].to_numpy(dtype=float)
    nka_year = attrs.get("nka_year", "")
    right.set_title(_t("benchmark_nka_title", language, year=nka_year), fontsize=9)
    if np.isnan(nka).all():
        right.barh(y, nka, 0.6)  # no bars, the rows kept aligned with the left panel
        right.text(0.5, 0.5, _t("no_nka_panel", language), ha="center", va="center", transform=right.transAxes,
                   fontsize=9, wrap=True)
    else:
        right.barh(y, nka, 0.6, color=["#c0392b" if v > 0 else "#2e8b57" for v in np.nan_to_num(nka)])
        for yi, v in zip(y, nka, strict=True):
            if np.isnan(v):
                right.text(0.0, yi, " " + _t("no_nka", language), va="center", fontsize=7, color="#555555")
    right.set_yticks(y, [""] * len(y))
    right.set_ylim(left.get_ylim())
    right.axvline(0.0, color="black", linewidth=0.8)
    right.set_xlabel(_t("benchmark_nka_axis", language))
    right.grid(axis="x", alpha=0.3)
    fig.suptitle(_t("benchmark_title", language, who=who, year=attrs.get("year", "")), fontsize=10)
    fig.tight_layout()
    return _localised(fig, language)


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Writes ``fig`` to ``path`` as PNG (``.png``, 120 dpi) or SVG (``.svg``), by the suffix (parent folders
    created), and closes it.

    Raises
    ------
    ValueError
        If ``path`` ends in another suffix (the message names the path and :data:`FIGURE_SUFFIXES`).
    """
    path = Path(path)
    if path.suffix.lower() not in FIGURE_SUFFIXES:
        raise ValueError(f"chart path = {str(path)!r}; expected a file name ending in "
                         f"{' or '.join(FIGURE_SUFFIXES)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120, format=path.suffix.lower()[1:], bbox_inches="tight")  # no title clipped at an edge
    _pyplot().close(fig)
    return path
