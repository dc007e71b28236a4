"""The revenue in words and in text tables: the revenue bridge's rows (``project``, ``explain-revenue``) and the
sentences that explain a :class:`~kommunbudget.analysis.revenue.RevenueExplanation` (``docs/model.md`` §3-4).

The numbers come from :mod:`kommunbudget.analysis.revenue` and the projection; this module only words them.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kommunbudget.analysis.revenue import RevenueExplanation
from kommunbudget.report.formats import revenue_cell
from kommunbudget.report.i18n import gettext, number, unit_word

__all__ = ["REVENUE_BREAKS", "bridge_rows", "explanation_sentences"]

#: Rows of the revenue bridge before which the text table leaves a blank line (grants, then the memo rows).
REVENUE_BREAKS = ("income_equalisation", "tax_base")


def bridge_rows(rows: Mapping[str, Sequence[float]], units: Mapping[str, str], labels: Mapping[str, str],
                language: str = "en") -> list[tuple[Any, list[str]]]:
    """The revenue bridge as rows of a text table (:func:`kommunbudget.report.text.frame_text`).

    Parameters
    ----------
    rows : mapping
        Row identifier (``tax_revenue``, ``grant:<name>``, ...) -> values per year, in the row's unit.
    units : mapping
        Row identifier -> unit (``"MSEK"``, ``"kr per inhabitant"``, ``"inhabitants"``, ``"fraction"``, ...).
    labels : mapping
        Row identifier -> label. A per-krona row (``"fraction"``) is relabelled "(öre per krona)" and shown in öre;
        grant items are indented.
    language : str
        ``"en"`` or ``"sv"``: the numbers' format and the per-krona rows' unit (the labels come as given).

    Returns
    -------
    list of (label, cells)
        With an empty row before each of :data:`REVENUE_BREAKS`.
    """
    out: list[tuple[Any, list[str]]] = []
    for ident, values in rows.items():
        if ident in REVENUE_BREAKS and out:
            out.append(("", [""] * len(values)))
        label = labels[ident]
        if units[ident] == "fraction":  # shown in öre per krona, not as a fraction
            label = re.sub(r"\s*\((fraction|andel)\)$", "", label) + " (" + gettext("öre per krona", language) + ")"
        elif ident.startswith("grant:"):
            label = "  " + label
        out.append((label, [revenue_cell(v, units[ident], language) for v in values]))
    return out


def explanation_sentences(e: RevenueExplanation, language: str = "en") -> list[str]:
    """The marginal effects of a revenue explanation in plain words with the numbers: in full for the first year,
    then one short sentence per later year.

    Parameters
    ----------
    e : RevenueExplanation
        From :func:`kommunbudget.analysis.revenue.explain_revenue`: its ``marginal`` rows (1 öre in MSEK and kr per
        inhabitant; per krona of own tax base the tax, the equalisation's change and what is kept, as fractions
        of a krona, worded in öre), the first year's income equalisation (MSEK) and its parameters.
    language : str
        ``"en"`` or ``"sv"`` (words, numbers by babel, ``mnkr``).

    Returns
    -------
    list of str
        One sentence (or two) per year, e.g. ``"2025 (plan): 1 öre on the rate brings in 4.97 MSEK (257 kr per
        inhabitant), the equalisation unchanged; ..."``.

    Raises
    ------
    ValueError
        For a language other than ``en`` or ``sv``.
    """
    _ = functools.partial(gettext, language=language)
    unit = unit_word("MSEK", language)
    out = []
    for year in e.years:
        col = e.marginal[year]
        ore_msek, ore_kr = float(col["one_ore_msek"]), float(col["one_ore_kr_per_inhabitant"])
        tax, change, kept = (float(col["tax_per_krona"]) * 100, float(col["equalisation_change_per_krona"]) * 100,
                             float(col["kept_per_krona"]) * 100)
        kept_text = (_("{name} keeps {kept} öre", name=e.name, kept=number(kept, 1, language)) if kept >= 0 else
                     _("{name} loses {lost} öre: its own rate is below what the equalisation takes", name=e.name,
                       lost=number(-kept, 1, language)))
        status = e.year_status[year]
        if year != e.years[0]:
            out.append(_("{year} ({status}): 1 öre on the rate brings in {msek} {unit} ({kr} kr per inhabitant), the "
                         "equalisation unchanged; of an added krona of own tax base {tax} öre in tax, {change} öre "
                         "equalisation, {kept}.", year=year, status=_(status), msek=number(ore_msek, 2, language),
                         unit=unit, kr=number(ore_kr, 0, language), tax=number(tax, 2, language),
                         change=number(change, 1, language, signed=True), kept=kept_text))
            continue
        equalisation = float(e.bridge.at["income_equalisation", year])
        out.append(_(
            "{year} ({status}): raising the rate by 1 öre ({step} kr per 100 kr) brings in {msek} {unit} ({kr} kr per "
            "inhabitant) and is kept in full: {what}, {equalisation} {unit}) is computed with the county rate, not "
            "the own rate, so it does not change. An added krona of own tax base brings in {tax} öre in tax at the "
            "own rate, {rule}, and {kept}.", year=year, status=_(status), step=number(0.01, 2, language),
            msek=number(ore_msek, 2, language), unit=unit, kr=number(ore_kr, 0, language),
            what=_equalisation_what(e, status, language), equalisation=number(equalisation, 1, language, signed=True),
            tax=number(tax, 2, language), rule=_equalisation_rule(e.equalisation, equalisation, change, language),
            kept=kept_text))
    return out


def _equalisation_what(e: RevenueExplanation, status: str, language: str) -> str:
    """How the first year's income equalisation was obtained: an estimate, as budgeted or as projected."""
    if not e.calibrated:
        return gettext("the income equalisation (an estimate", language)
    return (gettext("the income equalisation (as budgeted", language) if status == "budget"
            else gettext("the income equalisation (as projected", language))


def _equalisation_rule(eq: Mapping[str, float], equalisation_msek: float, change_ore: float, language: str) -> str:
    """Why an added krona changes the equalisation by ``change_ore``: a grant (at or below the guarantee) falls by
    the compensation degree × the county rate; a fee (above it) grows by the county's fee rate."""
    guarantee = number(eq["guarantee_share"] * 100.0, 0, language)
    if equalisation_msek >= 0:  # a grant (the core's branch at or below the guarantee)
        return gettext("the grant falls by {fall} öre ({degree} × the county rate {rate}: the tax capacity is below "
                       "the guarantee of {guarantee} % of the national average)", language,
                       fall=number(-change_ore, 1, language), degree=number(eq["compensation_degree"], 2, language),
                       rate=number(eq["grant_rate_kr_per_100kr"], 2, language), guarantee=guarantee)
    return gettext("the fee grows by {grow} öre (the county's fee rate {rate}: the tax capacity is above the guarantee "
                   "of {guarantee} % of the national average)", language, grow=number(-change_ore, 1, language),
                   rate=number(eq["fee_rate_kr_per_100kr"], 2, language), guarantee=guarantee)
