"""The teaching panel of ``notebooks/07_teaching.ipynb`` and ``kommunbudget teach``: sliders over one municipality's
projection, with the income statement, the balanced-budget requirement, the result target, the tax change still
needed and a chart updating at once.

A :class:`TeachingPanel` (ipywidgets) holds, for a municipality (any of the 290; default Sjöbo, base year 2024,
horizon 2030):

- **the tax rate**: a change in öre (1 öre = 0.01 kr per 100 kr) from a chosen year (``TaxChange``);
- **PKV after the adopted plan**: the yearly change of labour costs and of other consumption, each moved by a number
  of percentage points in every year after the plan's last year (``labour_cost_change``, ``other_cost_change``
  through :meth:`~kommunbudget.model.municipality.Municipality.with_assumptions`);
- **measures** from a chosen year: an across-the-board efficiency saving in % of the net costs (a one-off step,
  ``EfficiencyMeasure`` with the library's default base, docs/model.md §8), a work line of a number of households off
  social assistance (*ekonomiskt bistånd*) at the national assistance per household (the preset
  ``national-assistance-2024``), and closing a share of one service area's cost gap to its peers (the scenario kind
  ``area_gap``, computed from the embedded data).

Each change of a control re-projects through the public API (:func:`project_settings`; a fraction of a millisecond)
and refreshes, in order: the income statement table (tax revenue, general grants, net operating cost, the result,
the balanced-budget result, the result as a share of tax revenue and general grants against the target, the tax
rate), whether the balanced-budget requirement and the target are met per year (the core's ``balanced_budget_met``
and ``target_met``), the sustained tax change still needed from the tax change's year for each (the core's
``required_sustained_change``), and the chart :func:`kommunbudget.report.plots.plot_result_vs_target` (a PNG
drawn on a figure of its own, about 0.1 s, so the numbers arrive first). No throttling is added: ipywidgets' front
end sends a slider's next value only after the kernel has handled the previous one, so a dragged slider never
queues more than one update.

Presentation only: every number comes from the core through the projection; texts are Swedish by default
(``language="en"`` for English), numbers formatted by :func:`kommunbudget.report.i18n.number` (babel).

ipywidgets is imported at the top: nothing in the package imports this module at package import, and the command
line never imports it (``kommunbudget teach`` runs the notebook in Voilà's kernel). It is part of the extras
``teach`` and ``test``.
"""
from __future__ import annotations

import html
import io
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

try:
    import ipywidgets as widgets
    from traitlets import TraitError
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError('kommunbudget.report.teaching needs ipywidgets: pip install "kommunbudget[teach]"') from exc

from kommunbudget.analysis.sensitivity_defaults import plan_end
from kommunbudget.baselines.load import load
from kommunbudget.data.decided_rates import first_undecided_year
from kommunbudget.data.municipalities import find_municipality, municipality_table
from kommunbudget.data.service_areas import SERVICE_AREAS
from kommunbudget.model import core
from kommunbudget.model.lines import label as line_label
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import parse_target
from kommunbudget.model.years import as_year
from kommunbudget.report import plots
from kommunbudget.report.i18n import number
from kommunbudget.scenarios.presets import build as build_preset
from kommunbudget.scenarios.schema import Measure

__all__ = ["DEFAULTS", "LANGUAGES", "LANGUAGE_VARIABLE", "ROWS", "TEXT", "Settings", "TeachingPanel", "answer",
           "area_gap_measure", "page_language", "panel_measures", "project_settings", "teaching_panel",
           "with_pkv_shift"]

#: The panel's languages (Swedish first: the default).
LANGUAGES = ("sv", "en")

#: The environment variable ``kommunbudget teach --language`` sets for the notebook's kernel (read by
#: :func:`page_language`).
LANGUAGE_VARIABLE = "KOMMUNBUDGET_TEACH_LANGUAGE"

#: The panel's defaults: the municipality with the embedded adopted budget, its base year, and the horizon of the
#: package's examples.
DEFAULTS = {"municipality": "Sjöbo", "base_year": 2024, "horizon": 2030, "target_share": 0.02}

#: Each fixed text of the panel: key -> (Swedish, English).
TEXT: dict[str, tuple[str, str]] = {
    "title": ("{who}: budget {base} och framskrivning till {horizon}",
              "{who}: budget {base} and projection to {horizon}"),
    "approximate": ("Ungefärligt utgångsläge: kommunen har ingen inläst antagen budget. Basårets resultat är 0 per "
                    "konstruktion; se på förändringarna, inte på nivån.",
                    "Approximate baseline: no adopted budget in the data. The base-year result is 0 by "
                    "construction; read the changes, not the level."),
    "municipality": ("Kommun", "Municipality"),
    "tax_heading": ("Skattesatsen", "The tax rate"),
    "tax_change_ore": ("Skatteförändring, öre", "Tax change, öre"),
    "tax_from_year": ("Skatteförändring från år", "Tax change from the year"),
    "pkv_heading": ("Kostnadsutveckling (PKV) efter planen, {first}–{last}",
                    "Cost growth (PKV) after the plan, {first}–{last}"),
    "pkv_none": ("Kostnadsutveckling (PKV): inga år efter planen före {last}",
                 "Cost growth (PKV): no years after the plan before {last}"),
    "labour_cost_pp": ("Arbetskraftskostnad, ± procentenheter/år", "Labour costs, ± percentage points a year"),
    "other_cost_pp": ("Övrig förbrukning, ± procentenheter/år", "Other consumption, ± percentage points a year"),
    "measures_heading": ("Åtgärder", "Measures"),
    "measures_from_year": ("Åtgärderna från år", "Measures from the year"),
    "efficiency_percent": ("Effektivisering, % av nettokostnaderna", "Efficiency, % of the net costs"),
    "households_off_assistance": ("Hushåll från ekonomiskt bistånd", "Households off social assistance"),
    "gap_area": ("Verksamhet (mot liknande kommuner)", "Service area (against peers)"),
    "gap_closed_percent": ("Stängd andel av kostnadsgapet, %", "Share of the cost gap closed, %"),
    "gap_text": ("Kostnadsgap mot jämförelsekommunernas median 2024: {gap} mnkr",
                 "Cost gap to the peers' median 2024: {gap} MSEK"),
    "measures_note": ("Effektiviseringen är ett engångssteg på nettokostnaderna. Arbetslinjen sparar hushållen × "
                      "rikets utbetalda bistånd per hushåll 2024 ({kr} kr), utan genomförandekostnad och utan "
                      "skatteeffekt av arbete.",
                      "The efficiency is a one-off step on the net costs. The work line saves the households × "
                      "Sweden's assistance paid per household 2024 ({kr} kr), without implementation cost and "
                      "without any tax effect of work."),
    "statement_heading": ("Resultaträkning, mnkr", "Income statement, MSEK"),
    "line": ("Post", "Line"),
    "target_share": ("Mål: resultat i % av skatter och bidrag", "Target: result as % of tax revenue and grants"),
    "meets_balanced_budget": ("Når balanskravet", "Meets the balanced-budget requirement"),
    "meets_target": ("Når målet {share} %", "Meets the {share} % target"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "need_heading": ("Skatteförändring som fortfarande behövs", "Tax change still needed"),
    "need_text": ("Varaktig förändring från {year} (utöver den valda) som når kravet varje år till {last}:",
                  "Sustained change from {year} (on top of the one chosen) that meets the requirement in every "
                  "year to {last}:"),
    "need_balanced_budget": ("balanskravet", "the balanced-budget requirement"),
    "need_target": ("målet {share} %", "the {share} % target"),
    "need_ore": ("{ore} öre", "{ore} öre"),
    "need_met": ("nås redan (utrymme {ore} öre)", "already met (room {ore} öre)"),
    "error": ("Kan inte räkna: {message}", "Cannot compute: {message}"),
    "answer": ("Svar", "Answer"),
}

#: The statement rows the panel shows, by line identifier (:mod:`kommunbudget.model.lines`), and their units.
ROWS: tuple[tuple[str, str], ...] = (
    ("tax_revenue", "MSEK"),
    ("general_grants", "MSEK"),
    ("net_operating_cost", "MSEK"),
    ("result", "MSEK"),
    ("balanced_budget_result", "MSEK"),
    ("result_share", "fraction"),
    ("tax_rate", "kr per 100 kr"),
)

#: The slider ranges: (min, max, step). Households: up to 2 % of the inhabitants (:meth:`TeachingPanel._household_max`).
_RANGES = {"tax_change_ore": (-100, 200, 1), "labour_cost_pp": (-2.0, 2.0, 0.1), "other_cost_pp": (-2.0, 2.0, 0.1),
           "efficiency_percent": (0.0, 5.0, 0.1), "gap_closed_percent": (0.0, 100.0, 5.0)}
_HOUSEHOLD_SHARE_MAX = 0.02
#: The chart's size (inches) and resolution (dots per inch) in the panel.
_CHART_SIZE, _CHART_DPI = (10.0, 5.4), 80


@dataclass(frozen=True)
class Settings:
    """What the panel's controls say, in the controls' units.

    Attributes
    ----------
    tax_change_ore : float
        The tax change, öre on the rate (100 öre = 1 kr per 100 kr), sustained from ``tax_from_year``.
    tax_from_year : int
        The first year of the tax change (after the base year).
    labour_cost_pp, other_cost_pp : float
        Percentage points added to PKV's yearly change of labour costs and of other consumption in every year after
        the adopted plan's last year (:func:`kommunbudget.analysis.sensitivity_defaults.plan_end`); 1.0 = +1 pp.
    measures_from_year : int
        The first year of the measures (after the base year).
    efficiency_percent : float
        A one-off efficiency saving from ``measures_from_year``, percent of the net costs (the library's default
        base of an across-the-board ``EfficiencyMeasure``); 1.0 = 1 %.
    households_off_assistance : int
        Households leaving social assistance from ``measures_from_year`` (all at once, for good).
    gap_area : str
        The service area whose cost gap to its peers is closed (a key of
        :data:`~kommunbudget.data.service_areas.SERVICE_AREAS`).
    gap_closed_percent : float
        The share of that gap closed from ``measures_from_year``, percent (100.0 = the whole gap).
    """

    tax_change_ore: float = 0.0
    tax_from_year: int = 2027
    labour_cost_pp: float = 0.0
    other_cost_pp: float = 0.0
    measures_from_year: int = 2027
    efficiency_percent: float = 0.0
    households_off_assistance: int = 0
    gap_area: str = "elderly_care"
    gap_closed_percent: float = 0.0


def _t(key: str, language: str, **values) -> str:
    """The text ``key`` of :data:`TEXT` in ``language``, its fields filled."""
    return TEXT[key][_checked_language(language)].format(**values)


def _checked_language(language: str) -> int:
    """0 for Swedish, 1 for English; ValueError naming the value otherwise."""
    if language not in LANGUAGES:
        raise ValueError(f"language = {language!r}; expected 'sv' or 'en'")
    return LANGUAGES.index(language)


def page_language(default: str = "sv") -> str:
    """The language of the teaching page: the environment variable :data:`LANGUAGE_VARIABLE` (set by ``kommunbudget
    teach --language``), else ``default``.

    Raises
    ------
    ValueError
        For a value other than ``sv`` or ``en`` (the message names the variable).
    """
    value = os.environ.get(LANGUAGE_VARIABLE, "").strip() or default
    if value not in LANGUAGES:
        raise ValueError(f"{LANGUAGE_VARIABLE} = {value!r}; expected 'sv' or 'en'")
    return value


def with_pkv_shift(municipality: Municipality, horizon: int, labour_cost_pp: float,
                   other_cost_pp: float) -> Municipality:
    """A copy of ``municipality`` whose PKV components grow ``labour_cost_pp`` and ``other_cost_pp`` percentage
    points faster in every year after the adopted plan up to ``horizon`` (the plan's own years stay as adopted);
    the same object when both are 0.

    Parameters
    ----------
    municipality : Municipality
    horizon : int
        The last year shifted.
    labour_cost_pp, other_cost_pp : float
        Percentage points (1.0 = +1 pp: a yearly change of 2.6 % becomes 3.6 %).

    Raises
    ------
    ValueError
        For a value that is not a finite number (the core checks the resulting rates' ranges when projecting).
    """
    if labour_cost_pp == 0.0 and other_cost_pp == 0.0:
        return municipality
    years = range(plan_end(municipality) + 1, horizon + 1)
    changes = {name: {y: municipality.assumptions.get(name, y)[0] + pp / 100.0 for y in years}
               for name, pp in (("labour_cost_change", labour_cost_pp), ("other_cost_change", other_cost_pp))
               if pp != 0.0}
    return municipality.with_assumptions(**changes) if years else municipality


def area_gap_measure(municipality: Municipality, area: str, share_closed: float, start_year: int) -> Measure:
    """The scenario measure (kind ``area_gap``) closing ``share_closed`` (fraction) of service area ``area``'s gap to
    its peers' median net cost per inhabitant (peers by the default rule, ``county_size``), from ``start_year``.

    Raises
    ------
    ValueError
        For an unknown area (the message lists them) or a share outside [0, 1].
    """
    if not 0.0 <= share_closed <= 1.0:
        raise ValueError(f"share_closed = {share_closed!r}; expected a fraction in [0, 1]")
    return Measure(name=f"gap:{area}", kind="area_gap",
                   fields={"service_area": area, "share_closed": float(share_closed), "start_year": int(start_year)})


def panel_measures(municipality: Municipality, settings: Settings) -> core.Measures:
    """The core measures of ``settings``: a ``TaxChange`` of ``tax_change_ore`` / 100 kr per 100 kr, an
    ``EfficiencyMeasure`` of ``efficiency_percent`` / 100 on the net costs (one-off, all cost lines), the work line of
    the preset ``national-assistance-2024`` with ``households_off_assistance`` households all leaving (target
    reduction 1, ramp 1, January), and the ``area_gap`` saving; a measure of size 0 is left out.

    Raises
    ------
    ValueError
        For a year outside the projection or a value outside the core's ranges (the message names the field).
    """
    measures: dict[str, list] = {}
    if settings.tax_change_ore != 0.0:
        measures["tax_changes"] = [core.TaxChange(from_year=int(settings.tax_from_year),
                                                  change_kr_per_100kr=float(settings.tax_change_ore) / 100.0)]
    year = int(settings.measures_from_year)
    if settings.efficiency_percent != 0.0:
        rate = float(settings.efficiency_percent) / 100.0
        measures["efficiency"] = [core.EfficiencyMeasure(from_year=year, rate=rate, yearly=False, cost_line="")]
    if settings.households_off_assistance > 0:
        measures["work_lines"] = [build_preset("national-assistance-2024",
                                               baseline_households=float(settings.households_off_assistance),
                                               target_reduction=1.0, start_year=year, name="arbetslinje")]
    if settings.gap_closed_percent > 0.0:
        gap = area_gap_measure(municipality, settings.gap_area, settings.gap_closed_percent / 100.0, year)
        measures["fixed_savings"] = [gap.to_core(municipality=municipality.code)]
    return core.Measures(**measures)


def project_settings(municipality: Municipality, horizon: int, settings: Settings) -> Projection:
    """The projection of ``municipality`` to ``horizon`` with the PKV shift and the measures of ``settings``
    (:func:`with_pkv_shift`, :func:`panel_measures`).

    Raises
    ------
    ValueError
        As :meth:`~kommunbudget.model.municipality.Municipality.project` (field, year, value and range named).
    """
    shifted = with_pkv_shift(municipality, horizon, settings.labour_cost_pp, settings.other_cost_pp)
    return shifted.project(horizon, panel_measures(municipality, settings))


def answer(content: str, language: str = "sv", title: str | None = None) -> widgets.Accordion:
    """A collapsed answer for an exercise: an accordion whose one section (titled "Svar"/"Answer", or ``title``)
    holds ``content`` (HTML; escape any text that is not yours with :func:`html.escape`).

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    heading = _t("answer", language) if title is None else title
    box = widgets.Accordion(children=[widgets.HTML(content)], titles=(heading,))
    box.selected_index = None
    return box


class TeachingPanel:
    """The interactive panel (see the module's description).

    Parameters
    ----------
    municipality : str or int
        Name (diacritics optional) or SCB code; any of the 290 (default Sjöbo).
    base_year : int
        The base year (2024: Sjöbo's adopted budget, or the approximate baseline of any other municipality).
    horizon : int
        The last year (base year + 1 .. base year + 50).
    language : {"sv", "en"}
        Texts, chart and number format (default Swedish).
    target_share : float
        The result target as a fraction of tax revenue and general grants (default 0.02 = 2 %).

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole panel (a notebook displays the panel itself, which shows this).
    controls : dict[str, ipywidgets.Widget]
        The controls by the :class:`Settings` field they set, and ``"municipality"`` (SCB code).
    municipality : Municipality
        The baseline shown.
    projection : Projection
        The projection of the current settings.
    shown : pandas.DataFrame
        What the statement table shows, unrounded: the :data:`ROWS` (MSEK with statutory signs; ``result_share`` a
        fraction; ``tax_rate`` kr per 100 kr), ``target_share`` (fraction), ``meets_balanced_budget`` and
        ``meets_target`` (1.0 met, 0.0 not); columns the years.
    tax_need_ore : dict[str, float]
        The sustained change still needed from the tax change's year, öre: ``"balanced_budget"`` and ``"target"``
        (negative: room to lower the rate); NaN when the core cannot meet it (the message is shown).
    update_seconds : dict[str, float]
        The last update's time: ``"numbers"`` (projection, table and tax need) and ``"chart"``.

    Raises
    ------
    ValueError
        For an unknown municipality, a base year that is not available, a horizon out of range, a language other than
        ``sv``/``en`` or a target share outside (0, 1).
    """

    def __init__(self, municipality: str | int = DEFAULTS["municipality"], base_year: int = DEFAULTS["base_year"],
                 horizon: int = DEFAULTS["horizon"], language: str = "sv",
                 target_share: float = DEFAULTS["target_share"]) -> None:
        _checked_language(language)
        if not 0.0 < float(target_share) < 1.0:
            raise ValueError(f"target_share = {target_share!r}; expected a fraction in (0, 1), e.g. 0.02 for 2 %")
        self.language = language
        self.base_year = as_year("base_year", base_year)
        self.horizon = as_year("horizon", horizon)
        if not self.base_year < self.horizon <= self.base_year + 50:
            raise ValueError(f"horizon = {horizon} is outside [{self.base_year + 1}, {self.base_year + 50}] (base "
                             f"year {self.base_year})")
        self.target = parse_target(f"share:{float(target_share)!r}")
        self.balanced_budget = parse_target("balanced-budget")
        self.municipality = self._load(municipality)
        self.projection: Projection | None = None
        self.shown = pd.DataFrame()
        self.tax_need_ore: dict[str, float] = {}
        self.update_seconds: dict[str, float] = {}
        self._building = True
        self.controls = self._make_controls()
        self.title = widgets.HTML()
        self.pkv_heading = widgets.HTML()
        self.gap_text = widgets.HTML()
        self.note = widgets.HTML()
        self.need = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="800px"))
        self.widget = self._layout()
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self._building = False
        self._describe_municipality()
        self.update()

    # -- controls -----------------------------------------------------------------------------------------------

    def _load(self, municipality: str | int) -> Municipality:
        code = find_municipality(municipality)
        return load(code, base_year=self.base_year)

    def _years(self) -> tuple[int, int]:
        return self.base_year + 1, self.horizon

    def _first_open_year(self) -> int:
        """The first year whose own rate is not decided, within the projection (the default start of the tax
        change and the measures)."""
        first, last = self._years()
        return min(max(first_undecided_year(self.municipality.code, self.base_year), first), last)

    def _household_max(self) -> int:
        """The households slider's maximum: 2 % of the inhabitants (at least 10)."""
        return max(10, int(self.municipality.population * _HOUSEHOLD_SHARE_MAX))

    def _make_controls(self) -> dict[str, widgets.Widget]:
        style = {"description_width": "21em"}
        layout = widgets.Layout(width="42em")
        lang = self.language

        def slider(key: str, kind=widgets.FloatSlider, **extra) -> widgets.Widget:
            lo, hi, step = _RANGES[key] if key in _RANGES else (extra.pop("min"), extra.pop("max"), 1)
            return kind(min=lo, max=hi, step=step, value=extra.pop("value", 0), description=_t(key, lang),
                        style=style, layout=layout, continuous_update=True, **extra)

        first, last = self._years()
        open_year = self._first_open_year()
        names = municipality_table().sort_values("name", key=lambda s: s.str.lower())
        return {
            "municipality": widgets.Dropdown(options=list(zip(names["name"], names["code"], strict=True)),
                                             value=self.municipality.code, description=_t("municipality", lang),
                                             style=style, layout=layout),
            "tax_change_ore": slider("tax_change_ore", widgets.IntSlider),
            "tax_from_year": slider("tax_from_year", widgets.IntSlider, min=first, max=last, value=open_year),
            "labour_cost_pp": slider("labour_cost_pp", readout_format="+.1f"),
            "other_cost_pp": slider("other_cost_pp", readout_format="+.1f"),
            "measures_from_year": slider("measures_from_year", widgets.IntSlider, min=first, max=last,
                                         value=open_year),
            "efficiency_percent": slider("efficiency_percent", readout_format=".1f"),
            "households_off_assistance": slider("households_off_assistance", widgets.IntSlider, min=0,
                                                max=self._household_max(), value=0),
            "gap_area": widgets.Dropdown(options=[(self._area_name(a.key), a.key) for a in SERVICE_AREAS],
                                         value="elderly_care", description=_t("gap_area", lang), style=style,
                                         layout=layout),
            "gap_closed_percent": slider("gap_closed_percent", readout_format=".0f"),
        }

    def _area_name(self, key: str) -> str:
        if self.language == "en":
            return plots.AREA_TEXT_EN[key]
        name = next(a.name_sv for a in SERVICE_AREAS if a.key == key)
        return name[0].upper() + name[1:]

    def _layout(self) -> widgets.VBox:
        c = self.controls
        heading = {key: widgets.HTML(f"<b>{html.escape(_t(key, self.language))}</b>")
                   for key in ("tax_heading", "measures_heading", "statement_heading")}
        controls = widgets.VBox([
            c["municipality"],
            heading["tax_heading"], c["tax_change_ore"], c["tax_from_year"],
            self.pkv_heading, c["labour_cost_pp"], c["other_cost_pp"],
            heading["measures_heading"], c["measures_from_year"], c["efficiency_percent"],
            c["households_off_assistance"], c["gap_area"], c["gap_closed_percent"], self.gap_text, self.note,
        ], layout=widgets.Layout(min_width="42em"))
        return widgets.VBox([
            self.title,
            widgets.HBox([controls, self.chart], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start")),
            self.need,
            heading["statement_heading"],
            self.table,
        ], layout=widgets.Layout(width="100%"))

    def settings(self) -> Settings:
        """The :class:`Settings` the controls show now."""
        return Settings(**{f.name: self.controls[f.name].value for f in fields(Settings)})

    def set(self, **values) -> None:
        """Sets controls by :class:`Settings` field (and ``municipality``, a name or SCB code) and updates once.

        Raises
        ------
        ValueError
            For an unknown field (the message lists them) or a value the control does not take.
        """
        known = ["municipality"] + [f.name for f in fields(Settings)]
        unknown = [k for k in values if k not in known]
        if unknown:
            raise ValueError(f"unknown control(s) {', '.join(unknown)}; expected some of: {', '.join(known)}")
        self._building = True
        try:
            if "municipality" in values:
                self.controls["municipality"].value = find_municipality(values.pop("municipality"))
                self._municipality_changed()
            for key, value in values.items():
                control = self.controls[key]
                if not isinstance(control, widgets.Dropdown):
                    lo, hi = control.min, control.max
                    whole = isinstance(control, widgets.IntSlider)
                    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi
                            or (whole and value != int(value))):
                        raise ValueError(f"{key} = {value!r}; expected {'a whole' if whole else 'a'} number in the "
                                         f"control's range [{lo}, {hi}]")
                try:
                    control.value = value
                except TraitError as exc:  # a dropdown's unknown option, a float for a whole-number slider
                    raise ValueError(f"{key} = {value!r} is not a value of the control: {exc}") from None
        finally:
            self._building = False
        self.update()

    # -- updates ------------------------------------------------------------------------------------------------

    def _changed(self, change: Mapping) -> None:
        if self._building:
            return
        if change["owner"] is self.controls["municipality"]:
            self._building = True
            try:
                self._municipality_changed()
            finally:
                self._building = False
        self.update()

    def _municipality_changed(self) -> None:
        """Loads the municipality the dropdown names and resets the controls whose range or default depends on it."""
        self.municipality = self._load(self.controls["municipality"].value)
        households = self.controls["households_off_assistance"]
        households.max = self._household_max()
        households.value = min(households.value, households.max)
        for key in ("tax_from_year", "measures_from_year"):
            self.controls[key].value = self._first_open_year()
        self._describe_municipality()

    def _describe_municipality(self) -> None:
        m, lang = self.municipality, self.language
        title = _t("title", lang, who=m.label, base=m.base_year, horizon=self.horizon)
        warning = (f'<p style="color:#a04000;margin:0">{html.escape(_t("approximate", lang))}</p>'
                   if m.approximate else "")
        self.title.value = f"<h3 style=\"margin:0.2em 0\">{html.escape(title)}</h3>{warning}"
        first = plan_end(m) + 1
        pkv = (_t("pkv_heading", lang, first=first, last=self.horizon) if first <= self.horizon
               else _t("pkv_none", lang, last=self.horizon))
        self.pkv_heading.value = f"<b>{html.escape(pkv)}</b>"
        for key in ("labour_cost_pp", "other_cost_pp"):
            self.controls[key].disabled = first > self.horizon
        kr = build_preset("national-assistance-2024", baseline_households=1.0, target_reduction=1.0,
                          start_year=self.base_year + 1).cost_per_household_kr
        self.note.value = (f'<p style="font-size:85%;max-width:40em">'
                           f'{html.escape(_t("measures_note", lang, kr=number(kr, 0, lang)))}</p>')

    def update(self, *_ignored) -> None:
        """Re-projects with the controls' settings and refreshes the table, the requirement and target, the tax need
        and the chart (in that order). A setting the core refuses shows its message instead of the numbers."""
        started = time.perf_counter()
        settings = self.settings()
        lang = self.language
        try:
            gap = area_gap_measure(self.municipality, settings.gap_area, 1.0, settings.measures_from_year)
            gap_msek = gap.area_gap(self.municipality.code)[0]
            gap_words = _t("gap_text", lang, gap=number(gap_msek, 1, lang))
            self.gap_text.value = f'<span style="font-size:85%">{html.escape(gap_words)}</span>'
            projection = project_settings(self.municipality, self.horizon, settings)
            shown = self._shown(projection)
            need = self._tax_need(projection, settings.tax_from_year)
        except ValueError as exc:  # the core refuses a combination: say so instead of showing old numbers
            self.need.value = f'<p style="color:#b00020">{html.escape(_t("error", lang, message=str(exc)))}</p>'
            self.table.value = ""
            return
        self.projection, self.shown, self.tax_need_ore = projection, shown, need
        self.table.value = self._table_html(shown, projection)
        self.need.value = self._need_html(need, settings.tax_from_year)
        numbers_done = time.perf_counter()
        self.chart.value = self._chart_png(projection)
        self.update_seconds = {"numbers": numbers_done - started, "chart": time.perf_counter() - numbers_done}

    def _shown(self, projection: Projection) -> pd.DataFrame:
        rows = {ident: projection.line(ident) for ident, _unit in ROWS}
        rows["target_share"] = np.full(len(projection.years), float(self.target.share))
        rows["meets_balanced_budget"] = np.asarray(core.balanced_budget_met(projection.core), dtype=float)
        rows["meets_target"] = np.asarray(core.target_met(projection.core, self.target), dtype=float)
        frame = pd.DataFrame(rows, index=projection.years).T
        frame.columns.name = "year"
        return frame

    def _tax_need(self, projection: Projection, from_year: int) -> dict[str, float]:
        need = {}
        for key, target in (("balanced_budget", self.balanced_budget), ("target", self.target)):
            try:
                need[key] = projection.sustained_change(target, from_year) * 100.0
            except ValueError:
                need[key] = float("nan")
        return need

    def _share_text(self) -> str:
        return number(self.target.share * 100.0, 0 if (self.target.share * 100.0).is_integer() else 1,
                      self.language)

    def _table_html(self, shown: pd.DataFrame, projection: Projection) -> str:
        lang = self.language
        status = projection.year_status()
        words = {y: plots.STATUS_TEXT.get(s, (s, s))[plots.LANGUAGES.index(lang)] for y, s in status.items()}
        head = "".join(f'<th style="text-align:right;padding:2px 8px">{y}<br><span style="font-weight:normal;'
                       f'font-size:85%">{html.escape(words[y])}</span></th>' for y in projection.years)
        body = []
        labels = {ident: line_label(ident, lang) for ident, _ in ROWS}
        labels["target_share"] = _t("target_share", lang)
        labels["meets_balanced_budget"] = _t("meets_balanced_budget", lang)
        labels["meets_target"] = _t("meets_target", lang, share=self._share_text())
        units = dict(ROWS) | {"target_share": "fraction", "meets_balanced_budget": "flag", "meets_target": "flag"}
        for ident in shown.index:
            cells = []
            for value in shown.loc[ident]:
                if units[ident] == "flag":
                    met = value > 0.5
                    text = _t("yes" if met else "no", lang)
                    colour = "#1e7b34" if met else "#b00020"
                    cells.append(f'<td style="text-align:right;padding:2px 8px;color:{colour}">{text}</td>')
                    continue
                if units[ident] == "fraction":
                    text = number(value * 100.0, 1, lang) + "\u00a0%"
                elif units[ident] == "kr per 100 kr":
                    text = number(value, 2, lang)
                else:
                    text = number(value, 1, lang)
                cells.append(f'<td style="text-align:right;padding:2px 8px">{text}</td>')
            weight = "bold" if ident in ("result", "balanced_budget_result") else "normal"
            body.append(f'<tr data-line="{ident}" style="font-weight:{weight}"><td style="padding:2px 8px">'
                        f'{html.escape(labels[ident])}</td>{"".join(cells)}</tr>')
        return (f'<table class="kommunbudget-teaching" style="border-collapse:collapse;font-size:90%">'
                f'<thead><tr><th style="text-align:left;padding:2px 8px">{html.escape(_t("line", lang))}</th>{head}'
                f'</tr></thead><tbody>{"".join(body)}</tbody></table>')

    def _need_html(self, need: Mapping[str, float], from_year: int) -> str:
        lang = self.language
        items = []
        for key, words in (("balanced_budget", _t("need_balanced_budget", lang)),
                           ("target", _t("need_target", lang, share=self._share_text()))):
            ore = need[key]
            if not np.isfinite(ore):
                value = "–"
            elif ore > 0:
                value = _t("need_ore", lang, ore=number(ore, 1, lang, signed=True))
            else:
                value = _t("need_met", lang, ore=number(-ore, 1, lang))
            items.append(f'<li data-need="{key}">{html.escape(words)}: <b>{html.escape(value)}</b></li>')
        text = _t("need_text", lang, year=from_year, last=self.horizon)
        return (f"<b>{html.escape(_t('need_heading', lang))}</b><br>{html.escape(text)}"
                f'<ul style="margin:0.2em 0">{"".join(items)}</ul>')

    def _chart_png(self, projection: Projection) -> bytes:
        """:func:`~kommunbudget.report.plots.plot_result_vs_target` on a figure of its own (not pyplot's, so a
        notebook shows it only in the panel), as PNG bytes."""
        from matplotlib.figure import Figure

        fig = Figure(figsize=_CHART_SIZE)
        plots.plot_result_vs_target(projection, self.target, ax=fig.subplots(), language=self.language)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=_CHART_DPI)
        return buffer.getvalue()

    # -- display ------------------------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        """Shows :attr:`widget` (a notebook or Voilà displays the panel by itself)."""
        return self.widget._repr_mimebundle_(**kwargs)


def teaching_panel(municipality: str | int = DEFAULTS["municipality"], base_year: int = DEFAULTS["base_year"],
                   horizon: int = DEFAULTS["horizon"], language: str = "sv",
                   target_share: float = DEFAULTS["target_share"]) -> TeachingPanel:
    """A :class:`TeachingPanel` (same parameters), computed once: display it (last line of a notebook cell).

    Raises
    ------
    ValueError
        As :class:`TeachingPanel`.
    """
    return TeachingPanel(municipality, base_year, horizon, language, target_share)

