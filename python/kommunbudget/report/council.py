"""A council report (``kommunbudget report``): one self-contained HTML page of a scenario for a finance department to
take to the council, in Swedish by default.

The page holds, in order: an approximate-baseline warning when it applies; the answer first (the sustained tax change
the target needs from the first year whose own rate is not decided, without and with the measures, in öre and kr a
year for a household: :meth:`~kommunbudget.scenarios.result.ScenarioResult.tax_needed`; whether the
balanced-budget requirement and the target are met per year, baseline and scenario:
:meth:`~kommunbudget.scenarios.result.ScenarioResult.summary`); each measure's effect per year in mnkr and öre
(``measure_effects``, ``measure_effects_ore``); the bridge of the horizon year (a waterfall chart and its table);
the checklist (:func:`kommunbudget.scenarios.checklist.checklist`, the questions in Swedish in a Swedish page); the
assumptions with their kind and source (``baseline.assumptions(detail=True)``, consecutive years of one source merged),
the base year's sources and the baseline's notes.

In Swedish every text is Swedish: the assumptions and base-year fields by their labels
(:mod:`kommunbudget.report.assumption_labels`), their values, kinds, sources and the notes through the catalogue of
generated texts (:func:`kommunbudget.report.i18n.translate_text`), the scenario's ``description_sv`` where the file
gives one. Names the user chose (the scenario's, the measures', a committee's) are shown as written.

Self-contained: the CSS is inline, the charts (:mod:`kommunbudget.report.plots`) are PNG images embedded as
``data:`` URIs, the page loads nothing and runs no script. The HTML comes from the Jinja2 template
``report/templates/council.html.j2`` with autoescaping on, so every text (a scenario's name, a measure's, a
source) is escaped. Numbers are formatted by :func:`kommunbudget.report.i18n.number` (babel, ``sv_SE``: ``1 656,2``
with a no-break space, a decimal comma and ``−`` for minus; ``en_GB`` for English). Labels reuse the package's
Swedish words where they exist
(:mod:`kommunbudget.model.lines`, the workbook's :data:`~kommunbudget.report.workbook.SHEET_TITLES` and
:data:`~kommunbudget.report.workbook.UNIT_SV`, the charts' :data:`~kommunbudget.report.plots.TEXT`).

Presentation only: every number comes from the scenario result; none is computed here.
"""
from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.model.core import __version__
from kommunbudget.model.lines import GRANT_ITEM_LABELS, LINE_UNITS
from kommunbudget.model.lines import label as line_label
from kommunbudget.report import plots
from kommunbudget.report.assumption_labels import assumption_label, base_field_label, base_value_text, kind_text
from kommunbudget.report.i18n import LANGUAGES, number, translate_text
from kommunbudget.report.workbook import SHEET_TITLES, UNIT_SV
from kommunbudget.scenarios.checklist import checklist, items
from kommunbudget.scenarios.result import ScenarioResult

__all__ = ["LANGUAGES", "TEXT", "council_report", "number"]

#: The report's own fixed texts: key -> (Swedish, English). Headings of tables that have a workbook sheet take the
#: sheet's words (SHEET_TITLES) in Swedish.
TEXT: dict[str, tuple[str, str]] = {
    "title": ("Budgetunderlag: {who}, scenario ”{scenario}”", "Budget report: {who}, scenario “{scenario}”"),
    "lead": ("Scenariot prövat mot kommunens utgångsläge, {first}–{last}. Mål: {target}.",
             "The scenario tested against the municipality's baseline, {first}–{last}. Target: {target}."),
    "answer": ("Svaret", "The answer"),
    "answer_text": ("Varaktig höjning av skattesatsen från {year} (första året vars egen skattesats inte är beslutad) "
                    "som når målet varje år till {last}, utan och med scenariots åtgärder. Kostnaden gäller ett "
                    "hushåll med skatteunderlaget per invånare.",
                    "The sustained rise of the tax rate from {year} (the first year whose own rate is not decided) "
                    "that meets the target in every year to {last}, without and with the scenario's measures. The "
                    "cost is for a household with the tax base per inhabitant."),
    "no_tax_need": ("Den egna skattesatsen är beslutad till och med {decided} (skattesatser_kommun.csv); en ändring "
                    "kan börja {first} tidigast, efter horisonten {last}: visas inte.",
                    "The own rate is decided through {decided} (skattesatser_kommun.csv), so a change can start in "
                    "{first} at the earliest, after the horizon {last}: not shown."),
    "case": ("Fall", "Case"),
    "rise_ore": ("Höjning, öre", "Rise, öre"),
    "rise_kr": ("Höjning, kr per 100 kr (hela ören, avrundat uppåt)", "Rise, kr per 100 kr (whole öre, rounded up)"),
    "household": ("Hushållets kostnad, kr per år", "Household's cost, kr a year"),
    "met_heading": ("Balanskrav och mål per år", "Balanced-budget requirement and target per year"),
    "met_balanced": ("{which}: når balanskravet", "{which}: meets the balanced-budget requirement"),
    "met_target": ("{which}: når målet", "{which}: meets the target"),
    "result_row": ("{which}: årets resultat, mnkr", "{which}: result, MSEK"),
    "baseline": ("Utgångsläge", "Baseline"),
    "scenario": ("Med åtgärderna", "With the measures"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "measures_heading": ("Åtgärderna", "The measures"),
    "measures_text": ("Åtgärderna läggs till en i taget i filens ordning; delarna summerar till scenariots ändring "
                      "av resultatet.",
                      "The measures are added one at a time in file order; the parts sum to the scenario's change "
                      "of the result."),
    "effects_msek": (SHEET_TITLES["measure_effects"][1], "What each measure adds to the result, MSEK"),
    "effects_ore": (SHEET_TITLES["measure_effects_ore"][1],
                    "What each measure adds to the result, öre on the tax rate"),
    "measure": ("Åtgärd", "Measure"),
    "bridge_heading": ("Bryggan {year}", "The bridge {year}"),
    "bridge_text": ("Från utgångslägets resultat till scenariots, per åtgärd och per resultatrad; varje vy "
                    "summerar exakt.",
                    "From the baseline's result to the scenario's, by measure and by statement line; each view "
                    "sums exactly."),
    "view": ("Vy", "View"),
    "item": ("Post", "Item"),
    "by_measure": ("per åtgärd", "by measure"),
    "by_line": ("per resultatrad", "by statement line"),
    "charts_heading": ("Diagram", "Charts"),
    "chart_result": ("Resultat mot målet", "Result against the target"),
    "chart_waterfall": ("Bryggan som vattenfall", "The bridge as a waterfall"),
    "chart_tax_need": ("Skattebehov utan och med åtgärder", "Tax need without and with the measures"),
    "checklist_heading": ("Checklistan: 19 frågor före en skattehöjning",
                          "The checklist: 19 questions before a tax rise"),
    "checklist_text": ("Vilka frågor scenariot prövar och vad åtgärderna bakom varje fråga är värda i öre på "
                       "skattesatsen (positivt = bättre resultat).",
                       "Which questions the scenario tests and what the measures behind each are worth in öre on "
                       "the tax rate (positive = a better result)."),
    "number": ("Nr", "No."),
    "topic": ("Område", "Topic"),
    "question": ("Fråga", "Question"),
    "tested": ("Prövad", "Tested"),
    "worth_first": ("Värd öre första året", "Worth öre, first year"),
    "worth_last": ("Värd öre sista året", "Worth öre, last year"),
    "worth_sum": ("Värd öre summa", "Worth öre, sum"),
    "measures": ("Åtgärder", "Measures"),
    "sources_heading": ("Antaganden och källor", "Assumptions and sources"),
    "assumptions": ("Antaganden per år", "Assumptions by year"),
    "assumption": ("Antagande", "Assumption"),
    "years": ("År", "Years"),
    "values_head": ("Värden", "Values"),
    "unit": ("Enhet", "Unit"),
    "kind": ("Slag", "Kind"),
    "source": ("Källa", "Source"),
    "base_sources": (SHEET_TITLES["base_year_sources"][1], "The base year's figures and their sources"),
    "field": ("Fält", "Field"),
    "value": ("Värde", "Value"),
    "notes": ("Noter om utgångsläget", "Notes on the baseline"),
    "footer": ("Skapad med kommunbudget {version}; scenariofil {file}; antagandeårgång {vintage}.",
               "Made with kommunbudget {version}; scenario file {file}; assumption vintage {vintage}."),
    "approximate": ("UNGEFÄRLIGT UTGÅNGSLÄGE: kommunen har ingen inläst antagen budget. Utgångsläget bygger på "
                    "SCB-data och basårets resultat är 0 per konstruktion; siffrorna är en grov uppskattning.",
                    "APPROXIMATE BASELINE: the municipality has no adopted budget in the data. The baseline rests "
                    "on SCB data and its base-year result is 0 by construction; the figures are a rough estimate."),
    "status": ("Status", "Status"),
}

#: The charts' resolution (dots per inch) in the page.
_CHART_DPI = 110

_ENVIRONMENT = Environment(loader=PackageLoader("kommunbudget.report", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def council_report(result: ScenarioResult, language: str = "sv") -> str:
    """The council report of a scenario result as one HTML document (see the module's description).

    Parameters
    ----------
    result : ScenarioResult
        :func:`kommunbudget.scenarios.result.run`'s answer.
    language : {"sv", "en"}
        The page's language (default Swedish): texts, charts and number format.

    Returns
    -------
    str
        The HTML document (``<!DOCTYPE html>``, ``<meta charset="utf-8">``), to be written as UTF-8. It references
        no external resource: no ``http://`` or ``https://`` in any ``src`` or ``href``.

    Raises
    ------
    ValueError
        For another language, or what the result's tables raise (a target that cannot be met).
    """
    lang = _index(language)
    t = _texts(lang)
    r = result
    years = list(r.baseline.years)
    status = r.baseline.year_status()
    year_heads = [{"year": str(y), "status": _status(status[y], lang)} for y in years]
    first = first_undecided_year(r.municipality.code, years[0])
    needed = r.tax_needed() if first <= years[-1] else None
    target_words = plots.target_text(r.target, language)
    context = {
        "language": language,
        "title": t("title", who=f"{r.municipality.name} ({r.municipality.code})", scenario=r.scenario.name),
        "lead": t("lead", first=years[0], last=years[-1], target=target_words),
        "description": (r.scenario.description_sv or r.scenario.description) if lang == 0 else r.scenario.description,
        "approximate": t("approximate") if _is_approximate(r) else "",
        "t": {key: value[lang] for key, value in TEXT.items()},
        "years": year_heads,
        "answer_text": (t("answer_text", year=first, last=years[-1]) if needed is not None
                        else t("no_tax_need", decided=first - 1, first=first, last=years[-1])),
        "tax_needed": _tax_needed_rows(needed, language, lang),
        "met_rows": _met_rows(r.summary(), language, lang),
        "effects_msek": _effect_rows(r.measure_effects, language, 1),
        "effects_ore": _effect_rows(r.measure_effects_ore, language, 1),
        "bridge_heading": t("bridge_heading", year=years[-1]),
        "bridge": _bridge_rows(r.bridge(years[-1]), language, lang),
        "charts": _charts(r, needed is not None, language, lang),
        "checklist": _checklist_rows(checklist(r), language, lang),
        "assumptions": _assumption_rows(r.baseline.assumptions(detail=True), language, lang),
        "base_sources": _base_source_rows(r.baseline.base_year_sources(), language),
        "notes": [translate_text(note, language) for note in r.municipality.notes],
        "footer": t("footer", version=__version__, file=r.scenario.source_file or "–", vintage=r.municipality.vintage),
    }
    return _ENVIRONMENT.get_template("council.html.j2").render(**context)


# ----------------------------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------------------------


def _index(language: str) -> int:
    """0 for Swedish, 1 for English; ValueError naming the value otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"language = {language!r}; expected 'sv' or 'en'")
    return LANGUAGES.index(language)


def _texts(lang: int) -> Callable[..., str]:
    """``t(key, **fields)``: the text ``key`` of :data:`TEXT` in the language, its fields filled."""
    def t(key: str, **fields: Any) -> str:
        return TEXT[key][lang].format(**fields)
    return t


def _status(status: str, lang: int) -> str:
    """A year status in the language (the charts' words)."""
    words = plots.STATUS_TEXT.get(status)
    return status if words is None else words[1 - lang]


def _is_approximate(r: ScenarioResult) -> bool:
    """Whether the baseline is approximate (the municipality's flag, or a year whose status is "approximate")."""
    return bool(r.municipality.approximate) or "approximate" in r.baseline.year_status().values()


def _yes_no(value: float, lang: int) -> str:
    return TEXT["yes" if value > 0.5 else "no"][lang]


def _item_text(item: str, lang: int) -> str:
    """A bridge item in the language: the baseline's and the scenario's result (the charts' words), a statement line
    (its label), a grant item (its label); a measure's name as it is."""
    if item in plots.TEXT:
        return plots.TEXT[item][1 - lang]
    language = LANGUAGES[lang]
    if item in GRANT_ITEM_LABELS:
        return GRANT_ITEM_LABELS[item][lang]
    if item in LINE_UNITS:
        return line_label(item, language)
    return item


def _tax_needed_rows(needed: pd.DataFrame | None, language: str, lang: int) -> list[list[str]]:
    """Rows of the answer: case, öre, kr per 100 kr, household cost (kr a year)."""
    if needed is None:
        return []
    return [[plots.TEXT[case][1 - lang] if case in plots.TEXT else case,
             number(row["change_ore"], 1, language), number(row["settable_kr_per_100kr"], 2, language),
             number(row["household_cost_kr"], 0, language)] for case, row in needed.iterrows()]


def _met_rows(summary: pd.DataFrame, language: str, lang: int) -> list[dict[str, Any]]:
    """Per year, baseline and scenario: the result (mnkr), whether the balanced-budget requirement and the target are
    met (the core's answers in :meth:`ScenarioResult.summary`)."""
    rows = []
    for which in ("baseline", "scenario"):
        words = TEXT[which][lang]
        rows.append({"label": TEXT["result_row"][lang].format(which=words),
                     "cells": [number(v, 1, language) for v in summary.loc[f"{which}_result"]], "flags": None})
        for key, text in (("meets_balanced_budget", "met_balanced"), ("meets_target", "met_target")):
            values = summary.loc[f"{which}_{key}"]
            rows.append({"label": TEXT[text][lang].format(which=words),
                         "cells": [_yes_no(v, lang) for v in values], "flags": [bool(v > 0.5) for v in values]})
    return rows


def _effect_rows(frame: pd.DataFrame, language: str, decimals: int) -> list[list[str]]:
    """Each measure's effect per year, signed."""
    return [[str(name), *(number(v, decimals, language, signed=True) for v in frame.loc[name])]
            for name in frame.index]


def _bridge_rows(bridge: pd.DataFrame, language: str, lang: int) -> list[list[str]]:
    """The bridge's rows: view, item, mnkr (2 decimals), öre (1 decimal)."""
    views = {"measure": TEXT["by_measure"][lang], "line": TEXT["by_line"][lang]}
    return [[views.get(row.view, row.view), _item_text(row.item, lang), number(row.msek, 2, language, signed=True),
             number(row.ore, 1, language, signed=True)] for row in bridge.itertuples(index=False)]


def _checklist_rows(table: pd.DataFrame, language: str, lang: int) -> list[dict[str, Any]]:
    """The checklist's rows: number, topic and question (in Swedish the Swedish term and question), tested, worth
    (öre), measures."""
    swedish = {entry.number: (entry.swedish, entry.question_sv) for entry in items()}
    rows = []
    for row in table.itertuples(index=False):
        topic, question = swedish.get(row.number, (row.topic, row.question)) if lang == 0 else (row.topic,
                                                                                               row.question)
        rows.append({"tested": bool(row.tested),
                     "cells": [str(row.number), topic[:1].upper() + topic[1:], question, _yes_no(row.tested, lang),
                               number(row.worth_ore_first_year, 1, language, signed=True),
                               number(row.worth_ore_last_year, 1, language, signed=True),
                               number(row.worth_ore_sum, 1, language, signed=True), row.measures]})
    return rows


def _unit(unit: str, lang: int) -> str:
    return UNIT_SV.get(unit, unit) if lang == 0 else unit


def _value(value: float, unit: str, language: str) -> str:
    """An assumption's value: a fraction in percent (2 decimals), kr per 100 kr to 2 decimals, inhabitants whole,
    else 1 decimal."""
    if unit.startswith("fraction"):
        return number(value * 100.0, 2, language) + " %"
    if unit == "kr per 100 kr":
        return number(value, 2, language)
    if unit in ("year", "calendar year"):
        return f"{value:.0f}"
    return number(value, 0 if unit == "inhabitants" else 1, language)


def _years_text(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _assumption_rows(detail: pd.DataFrame, language: str, lang: int) -> list[list[str]]:
    """The assumptions, consecutive years with the same kind and source merged: label, years, values, unit, kind,
    source (in the language)."""
    groups: list[dict[str, Any]] = []
    for row in detail.itertuples(index=False):
        last = groups[-1] if groups else None
        if (last is not None and last["assumption"] == row.assumption and last["kind"] == row.kind
                and last["source"] == row.source and last["years"][-1] + 1 == int(row.year)):
            last["years"].append(int(row.year))
            last["values"].append(float(row.value))
        else:
            groups.append({"assumption": row.assumption, "years": [int(row.year)], "values": [float(row.value)],
                           "unit": row.unit, "kind": row.kind, "source": row.source})
    return [[assumption_label(g["assumption"], language), _years_text(g["years"]),
             "; ".join(_value(v, g["unit"], language) for v in g["values"]), _unit(g["unit"], lang),
             kind_text(g["kind"], language), translate_text(g["source"], language)] for g in groups]


def _base_source_rows(frame: pd.DataFrame, language: str) -> list[list[str]]:
    """The base year's figures: label, value, kind, source (in the language)."""
    return [[base_field_label(row.field, language), base_value_text(row.field, row.value, language),
             kind_text(row.kind, language), translate_text(row.source, language)]
            for row in frame.itertuples(index=False)]


def _charts(r: ScenarioResult, with_tax_need: bool, language: str, lang: int) -> list[dict[str, str]]:
    """The charts as PNG ``data:`` URIs with their captions: result against the target (with the measures), the
    bridge of the horizon year as a waterfall, and the tax need (when the horizon reaches an undecided year)."""
    figures = [(TEXT["chart_result"][lang], plots.plot_result_vs_target(r.projection, r.target, language=language)),
               (TEXT["chart_waterfall"][lang], plots.plot_waterfall(r, r.baseline.years[-1], language=language))]
    if with_tax_need:
        figures.append((TEXT["chart_tax_need"][lang], plots.plot_tax_need(r, language=language)))
    return [{"caption": caption, "src": _png_data_uri(fig)} for caption, fig in figures]


def _png_data_uri(fig) -> str:
    """A figure as a ``data:image/png;base64,`` URI; the figure is closed."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=_CHART_DPI, bbox_inches="tight")
    finally:
        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
