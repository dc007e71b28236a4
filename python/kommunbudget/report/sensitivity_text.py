"""The sensitivity analysis in words (``kommunbudget sensitivity``): the tornado's table and the Sobol indices.

The numbers come from :mod:`kommunbudget.analysis.sensitivity`; this module only lays them out (tables by
:func:`kommunbudget.report.text.frame_text`, numbers by :func:`kommunbudget.report.formats.fmt`).
"""
from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import years_text
from kommunbudget.report import plots
from kommunbudget.report.formats import MISSING, fmt
from kommunbudget.report.i18n import gettext, number, unit_word
from kommunbudget.report.text import frame_text, shown_text, table_block, title, wrap
from kommunbudget.report.what_moves_text import variant_words

if TYPE_CHECKING:
    from kommunbudget.analysis.sensitivity import SobolResult
    from kommunbudget.model.municipality import Municipality
    from kommunbudget.model.projection import Projection

__all__ = ["sobol_text", "tornado_text"]

#: The Sobol outputs in words: output -> (English, Swedish, unit of the text).
_OUTPUT_WORDS = {"result": ("Result", "Årets resultat", "MSEK"),
                 "result_share": ("Result as a share of tax revenue and general grants",
                                  "Resultat i % av skatter och generella statsbidrag", "fraction"),
                 "tax_need": ("Tax need (sustained change of the own rate)",
                              "Skattebehov (varaktig ändring av den egna skattesatsen)", "öre")}


def _index(value: float, language: str = "en") -> str:
    """A Sobol index with 3 decimals, or :data:`~kommunbudget.report.formats.MISSING` when there is none."""
    return number(value, 3, language) if math.isfinite(value) else MISSING


def _check_language(language: str) -> None:
    if language not in ("en", "sv"):
        raise ValueError(f"language = {language!r}; expected 'en' or 'sv'")


def tornado_text(m: Municipality, baseline: Projection, frame: pd.DataFrame, language: str = "en",
                 with_measures: bool = False) -> str:
    """The tornado as text: the title, what the figures are, a table (per assumption: years, the effect on the
    result at the low and the high side, MSEK, the need at each side and the swing of the need, öre; the need's
    change against the baseline is in the JSON), then per assumption its low and high in words (and any error).

    Parameters
    ----------
    m : Municipality
    baseline : Projection
        For the title's years.
    frame : pandas.DataFrame
        :func:`kommunbudget.analysis.sensitivity.tornado` (its ``attrs`` name the year, target and baseline).
    language : {"en", "sv"}
        The language of the whole text (headings, labels, numbers).
    with_measures : bool
        Say that a scenario's measures stay in every run.

    Raises
    ------
    ValueError
        For another language.
    """
    _check_language(language)
    _ = functools.partial(gettext, language=language)
    a = frame.attrs
    measures = _(" with the scenario's measures in every run") if with_measures else ""
    head = [title(m.label, m.county, m.population, _("sensitivity (tornado)"), baseline.years, m.population_date,
                  language),
            wrap(_("Each default that is an assumption, not data, set to its low and its high value in the years named "
                   "(after the adopted plan), one at a time, all else unchanged{measures}: the effect on the result of "
                   "{year} ({unit}) and the sustained change of the tax rate from 1 January {from_year} that meets the "
                   "target ({target}) in every year, öre (negative: room to lower the rate). Baseline: result "
                   "{result} {unit} in {year}, need {need} öre. Largest swing of the need first. The low and high "
                   "values are defaults of this table, not data: they show the size of each effect, not a forecast "
                   "range.", measures=measures, year=a["year"], unit=unit_word("MSEK", language),
                   from_year=a["from_year"], target=_target_words(a, language),
                   result=fmt(a["baseline_result_msek"], "MSEK", True, language),
                   need=fmt(a["baseline_need_ore"], "öre", True, language)))]
    if frame.empty:
        return "\n\n".join(head + ["  " + _("(no default to vary: every assumption of these years is data or set by "
                                             "you)")]) + "\n"
    label = "assumption_sv" if language == "sv" else "assumption"
    delta = "Δ " + unit_word("MSEK", language)
    columns = pd.MultiIndex.from_tuples([(_("years"), ""), (_("result at low"), delta), (_("result at high"), delta),
                                         (_("need at low"), "öre"), (_("need at high"), "öre"), (_("swing"), "öre")])
    rows = [(row[label], [row["years"], fmt(row["result_effect_low_msek"], "MSEK", True, language),
                          fmt(row["result_effect_high_msek"], "MSEK", True, language),
                          fmt(row["need_low_ore"], "öre", True, language),
                          fmt(row["need_high_ore"], "öre", True, language),
                          fmt(row["need_swing_ore"], "öre", language=language)])
            for _i, row in frame.iterrows()]
    words = []
    for _i, row in frame.iterrows():
        text = _("{name}: default {default}; {low_name}: {low}; {high_name}: {high}", name=row[label],
                 default=variant_words(str(row["default"]), language),
                 low_name=variant_words(str(row["low_name"]), language), low=variant_words(str(row["low"]), language),
                 high_name=variant_words(str(row["high_name"]), language),
                 high=variant_words(str(row["high"]), language))
        words.append(wrap(text + (f" ({shown_text(row['error'], language)})" if row["error"] else ""), "  ", "    "))
    return "\n\n".join(head + [frame_text(rows, columns), "\n".join(words)]) + "\n"


def _target_words(attrs: dict, language: str) -> str:
    """The target of a tornado or Sobol output in the language: its description in English; in Swedish from its
    key (``result_share_2pct``) when the attributes carry one, else the description."""
    key = attrs.get("target_key") or attrs.get("target")
    if language == "sv" and isinstance(key, str):
        return plots._target_key_text(key, attrs.get("target_description", key), language)
    return attrs.get("target_description", "")


def sobol_text(m: Municipality, baseline: Projection, result: SobolResult, language: str = "en") -> str:
    """The Sobol analysis as text: the title, the sample, the result's notes (few samples), the factors (range,
    distribution, years, basis) and per output a table of S1 and ST with their confidence intervals, or for an
    output that does not vary its note in place of the table (it has no indices).

    Raises
    ------
    ValueError
        For another language.
    """
    _check_language(language)
    _ = functools.partial(gettext, language=language)
    d = len(result.factors)
    year = next(iter(result.outputs.values()), {}).get("year")
    level = number(result.conf_level * 100, 0, language) + " %"
    head = [title(m.label, m.county, m.population, _("sensitivity (Sobol indices)"), baseline.years,
                  m.population_date, language),
            wrap(_("Sobol indices from Saltelli's scheme: N = {n} base samples of a scrambled Sobol' sequence (seed "
                   "{seed}), {rows} rows = N × ({d} factors + 2), evaluated by the core's batch engine in one call. S1 "
                   "is the share of the output's variance due to the factor alone, ST the share with all its "
                   "interactions; ± the half-width of the {level} bootstrap interval. The factors' ranges are "
                   "defaults, not data (the tornado's steps): they share out the variance of a plausible range, not a "
                   "forecast.", n=number(result.n, 0, language), seed=result.seed,
                   rows=number(result.rows, 0, language), d=d, level=level) + _need_words(result, language))]
    head += [wrap(_("Note: {what}.", what=shown_text(note, language))) for note in result.notes]
    label_index = 1 if language == "sv" else 0
    factor_rows = []
    for f in result.factors:
        rec = f.record()
        factor_rows.append(((rec["label_sv"] if language == "sv" else rec["label"]),
                            [_(f.distribution), number(f.low * 100, 2, language, signed=True) + " " + _("pp"),
                             number(f.high * 100, 2, language, signed=True) + " " + _("pp"), years_text(f.years),
                             shown_text(f.basis, language)]))
    factors = table_block(_("Factors (a shift of the yearly growth rate, added in the years named)"), frame_text(
        factor_rows, pd.Index([_("distribution"), _("low"), _("high"), _("years"), _("basis")])))
    blocks = [*head, factors]
    labels = {f.name: (f.record()["label_sv"] if language == "sv" else f.record()["label"]) for f in result.factors}
    for output, stats in result.outputs.items():
        words = _OUTPUT_WORDS.get(output, (output, output, stats.get("unit", "")))
        unit = words[2]
        spread = (_("mean {mean}, sd {sd}", mean=fmt(stats["mean"], unit, language=language),
                    sd=fmt(stats["sd"], unit, language=language))
                  + (" " + unit_word(unit, language) if unit in ("MSEK", "öre") else "") if "mean" in stats else "")
        frame = result.indices.loc[output]
        rows: list[tuple[Any, list[str]]] = [
            (labels.get(name, name), [_index(row["S1"], language), "± " + _index(row["S1_conf"], language),
                                      _index(row["ST"], language), "± " + _index(row["ST_conf"], language)])
            for name, row in frame.iterrows()]
        when = (_("from {year} ({target})", year=stats["from_year"], target=_target_words(stats, language))
                if output == "tax_need" else _("in {year}", year=year))
        heading = f"{words[label_index]} {when} ({spread})"
        if not stats.get("varies", True):
            why = shown_text(stats.get("note", "does not vary"), language)
            blocks.append(heading + "\n" + wrap(_("{why}: no indices.", why=why), "  ", "    "))
            continue
        blocks.append(heading + "\n" + frame_text(rows, pd.Index(["S1", "S1 ±", "ST", "ST ±"])))
    return "\n\n".join(blocks) + "\n"


def _need_words(result: SobolResult, language: str = "en") -> str:
    """The sentence on the tax need output, or the sentence saying there is none."""
    need = result.outputs.get("tax_need")
    if need is None:
        return " " + gettext("No target given: the tax need is not among the outputs.", language)
    return " " + gettext("The tax need is each row's single sustained change of the own rate from 1 January {year} "
                         "that meets the target ({target}) in every year to the horizon, in öre (the core's "
                         "required_sustained_change on the row's statement).", language, year=need["from_year"],
                         target=_target_words(need, language))
