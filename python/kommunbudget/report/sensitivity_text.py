"""The sensitivity analysis in words (``kommunbudget sensitivity``): the tornado's table and the Sobol indices.

The numbers come from :mod:`kommunbudget.analysis.sensitivity`; this module only lays them out (tables by
:func:`kommunbudget.report.text.frame_text`, numbers by :func:`kommunbudget.report.formats.fmt`).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from kommunbudget.analysis.sensitivity_defaults import years_text
from kommunbudget.report.formats import MISSING, fmt
from kommunbudget.report.text import frame_text, title, wrap

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


def _index(value: float) -> str:
    """A Sobol index with 3 decimals, or :data:`~kommunbudget.report.formats.MISSING` when there is none."""
    return f"{value:.3f}" if math.isfinite(value) else MISSING


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
        The assumptions' labels (the rest is English, as the text reports).
    with_measures : bool
        Say that a scenario's measures stay in every run.

    Raises
    ------
    ValueError
        For another language.
    """
    _check_language(language)
    a = frame.attrs
    measures = " with the scenario's measures in every run" if with_measures else ""
    head = [title(m.label, m.county, m.population, "sensitivity (tornado)", baseline.years, m.population_date),
            wrap(f"Each default that is an assumption, not data, set to its low and its high value in the years "
                 f"named (after the adopted plan), one at a time, all else unchanged{measures}: the effect on the "
                 f"result of {a['year']} (MSEK) and the sustained change of the tax rate from 1 January "
                 f"{a['from_year']} that meets the target ({a['target_description']}) in every year, öre (negative: "
                 f"room to lower the rate). Baseline: result {fmt(a['baseline_result_msek'], 'MSEK', True)} MSEK in "
                 f"{a['year']}, need {fmt(a['baseline_need_ore'], 'öre', True)} öre. Largest swing of the need first. "
                 f"The low and high values are defaults of this table, not data: they show the size of each effect, "
                 f"not a forecast range.")]
    if frame.empty:
        return "\n\n".join(head + ["  (no default to vary: every assumption of these years is data or set by you)"]) \
            + "\n"
    label = "assumption_sv" if language == "sv" else "assumption"
    columns = pd.MultiIndex.from_tuples([("years", ""), ("result at low", "Δ MSEK"), ("result at high", "Δ MSEK"),
                                         ("need at low", "öre"), ("need at high", "öre"), ("swing", "öre")])
    rows = [(row[label], [row["years"], fmt(row["result_effect_low_msek"], "MSEK", True),
                          fmt(row["result_effect_high_msek"], "MSEK", True), fmt(row["need_low_ore"], "öre", True),
                          fmt(row["need_high_ore"], "öre", True), fmt(row["need_swing_ore"], "öre")])
            for _, row in frame.iterrows()]
    words = []
    for _, row in frame.iterrows():
        text = f"{row[label]}: default {row['default']}; {row['low_name']}: {row['low']}; {row['high_name']}: " \
               f"{row['high']}" + (f" ({row['error']})" if row["error"] else "")
        words.append(wrap(text, "  ", "    "))
    return "\n\n".join(head + [frame_text(rows, columns), "\n".join(words)]) + "\n"


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
    d = len(result.factors)
    year = next(iter(result.outputs.values()), {}).get("year")
    level = f"{result.conf_level * 100:g} %"
    head = [title(m.label, m.county, m.population, "sensitivity (Sobol indices)", baseline.years, m.population_date),
            wrap(f"Sobol indices from Saltelli's scheme: N = {result.n:,} base samples of a scrambled Sobol' sequence "
                 f"(seed {result.seed}), {result.rows:,} rows = N × ({d} factors + 2), evaluated by the core's batch "
                 f"engine in one call. S1 is the share of the output's variance due to the factor alone, ST the share "
                 f"with all its interactions; ± the half-width of the {level} bootstrap interval. The factors' ranges "
                 f"are defaults, not data (the tornado's steps): they share out the variance of a plausible range, "
                 f"not a forecast." + _need_words(result))]
    head += [wrap(f"Note: {note}.") for note in result.notes]
    label_index = 1 if language == "sv" else 0
    factor_rows = []
    for f in result.factors:
        rec = f.record()
        years = years_text(f.years)
        factor_rows.append(((rec["label_sv"] if language == "sv" else rec["label"]),
                            [f.distribution, f"{f.low * 100:+.2f} pp", f"{f.high * 100:+.2f} pp", years,
                             f.basis]))
    factors = "Factors (a shift of the yearly growth rate, added in the years named)\n" + frame_text(
        factor_rows, pd.Index(["distribution", "low", "high", "years", "basis"]))
    blocks = [*head, factors]
    labels = {f.name: (f.record()["label_sv"] if language == "sv" else f.record()["label"]) for f in result.factors}
    for output, stats in result.outputs.items():
        words = _OUTPUT_WORDS.get(output, (output, output, stats.get("unit", "")))
        unit = words[2]
        spread = (f"mean {fmt(stats['mean'], unit)}, sd {fmt(stats['sd'], unit)}"
                  + (f" {unit}" if unit in ("MSEK", "öre") else "") if "mean" in stats else "")
        frame = result.indices.loc[output]
        rows: list[tuple[Any, list[str]]] = [
            (labels.get(name, name), [_index(row["S1"]), "± " + _index(row["S1_conf"]), _index(row["ST"]),
                                      "± " + _index(row["ST_conf"])])
            for name, row in frame.iterrows()]
        when = (f"from {stats['from_year']} ({stats['target_description']})" if output == "tax_need"
                else f"in {year}")
        heading = f"{words[label_index]} {when} ({spread})"
        if not stats.get("varies", True):
            blocks.append(heading + "\n" + wrap(f"{stats.get('note', 'does not vary')}: no indices.", "  ", "    "))
            continue
        blocks.append(heading + "\n" + frame_text(rows, pd.Index(["S1", "S1 ±", "ST", "ST ±"])))
    return "\n\n".join(blocks) + "\n"


def _need_words(result: SobolResult) -> str:
    """The sentence on the tax need output, or "" without one."""
    need = result.outputs.get("tax_need")
    if need is None:
        return " No target given: the tax need is not among the outputs."
    return (f" The tax need is each row's single sustained change of the own rate from 1 January {need['from_year']} "
            f"that meets the target ({need['target_description']}) in every year to the horizon, in öre (the core's "
            f"required_sustained_change on the row's statement).")
