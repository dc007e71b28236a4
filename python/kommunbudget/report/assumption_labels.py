"""What the assumptions and the base year's figures are called where people read them: a label per assumption
identifier (``labour_cost_change``, ``volume_growth:preschool``, ``grant_amount:cost_equalisation``) and per
base-year field (``tax_base_msek``, ``balance_requirement.negative_equity``), in Swedish and English; a base-year
value written for reading (``förskola 138,0; grundskola 277,5``, ``ja``/``nej``, ``inga``); the kind of a figure
(data, derived, given by the user, default) in words.

The identifiers stay the keys of JSON and CSV; only what is shown is labelled. Service areas take the Swedish names of
:data:`kommunbudget.data.service_areas.SERVICE_AREAS`, grant items those of
:data:`kommunbudget.model.lines.GRANT_ITEM_LABELS`, statement figures the statutory names of
:mod:`kommunbudget.model.lines`. A cost line the user named (a committee of the budget's ``Verksamheter`` sheet) keeps
its name. Presentation only: no number is computed here.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from kommunbudget.data.service_areas import OTHER_ACTIVITIES, SERVICE_AREAS
from kommunbudget.model.lines import GRANT_ITEM_LABELS
from kommunbudget.report.i18n import MISSING, number, yes_no

__all__ = ["ASSUMPTION_LABELS", "BASE_FIELD_LABELS", "KIND_WORDS", "MEASURE_KIND_WORDS", "SERVICE_AREA_WORDS",
           "SHOCK_LABELS", "assumption_label", "base_field_label", "base_value_text", "kind_text"]

#: Cost line identifier -> (Swedish, English) name, lower case as in running text: the service areas of SCB's
#: activity codes (:data:`~kommunbudget.data.service_areas.SERVICE_AREAS`), the rest, and the one line of a baseline
#: whose costs are not split.
SERVICE_AREA_WORDS: Mapping[str, tuple[str, str]] = {
    **{area.key: (area.name_sv, area.key.replace("_", " ")) for area in SERVICE_AREAS},
    OTHER_ACTIVITIES: ("övrig verksamhet", "other activities"),
    "operating_costs": ("verksamhetens kostnader", "operating costs"),
}

#: Grant items other than the statutory ones (the approximate baseline's derived item).
_OTHER_GRANT_ITEMS: Mapping[str, tuple[str, str]] = {
    "other_items_derived": ("Övriga poster, härledda (basåret i balans)",
                            "Other items, derived (the base year balanced)"),
}

#: Assumption identifier -> (Swedish, English) label. Families with a suffix (``volume_growth:<cost line>``,
#: ``grant_amount:<item>``, ``grant_growth:<item>``) are labelled by :func:`assumption_label`.
ASSUMPTION_LABELS: Mapping[str, tuple[str, str]] = {
    "labour_cost_change": ("Lönekostnadsförändring (PKV, arbetskraft)", "Labour cost change (PKV, labour)"),
    "other_cost_change": ("Förändring av övriga kostnader (PKV, övrig förbrukning)",
                          "Other cost change (PKV, other consumption)"),
    "labour_weight": ("Arbetskraftens vikt i PKV", "Labour weight in PKV"),
    "tax_rate_kr_per_100kr": ("Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)"),
    "tax_base_growth": ("Eget skatteunderlag, ökning", "Own tax base growth"),
    "operating_income_growth": ("Verksamhetens intäkter, ökning", "Operating income growth"),
    "general_grants_msek": ("Generella statsbidrag och utjämning", "General grants and equalisation"),
    "general_grants_growth": ("Generella statsbidrag och utjämning, ökning", "General grants growth"),
    "depreciation_msek": ("Avskrivningar", "Depreciation"),
    "financial_income_msek": ("Finansiella intäkter", "Financial income"),
    "financial_costs_msek": ("Finansiella kostnader", "Financial costs"),
    "final_settlement_msek": ("Slutavräkning innevarande år", "Final settlement, current year"),
    "final_settlement_previous_year_msek": ("Slutavräkning föregående år", "Final settlement, previous year"),
    "final_settlement_current_kr": ("Slutavräkning innevarande år per invånare",
                                    "Final settlement, current year, per inhabitant"),
    "final_settlement_previous_kr": ("Slutavräkning föregående år per invånare",
                                     "Final settlement, previous year, per inhabitant"),
    "realisation_gains_msek": ("Realisationsvinster", "Realisation gains"),
    "reserve_use_msek": ("Medel från (+) / till (−) resultatutjämningsreserv", "From (+) / to (−) result reserve"),
    "population": ("Invånare i utjämningen", "Inhabitants in the equalisation"),
    "national_tax_capacity_growth": ("Medelskattekraft, ökning", "National average tax capacity growth"),
    "national_tax_base_growth": ("Rikets skatteunderlag, ökning", "National tax base growth"),
    "national_population_growth": ("Rikets befolkning, ökning", "National population growth"),
    "national_net_income_equalisation_kr": ("Rikets nettoinkomstutjämning per invånare",
                                            "National net income equalisation per inhabitant"),
    "announced_grant_change_kr": ("Aviserad förändring av statsbidragen per invånare",
                                  "Announced change of general grants per inhabitant"),
    "pension_interest_msek": ("Ränta på pensionsavsättning", "Interest on pension provisions"),
    "pension_index_growth": ("Inkomstbasbelopp, ökning (räntan på pensionsavsättning)",
                             "Income base amount growth (interest on pension provisions)"),
    "investments_msek": ("Nettoinvesteringar", "Net investments"),
    "borrowing_rate": ("Låneränta", "Borrowing rate"),
}

#: Base-year field (``Municipality.base_year_sources()``) -> (Swedish, English) label.
BASE_FIELD_LABELS: Mapping[str, tuple[str, str]] = {
    "tax_rate_kr_per_100kr": ("Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)"),
    "tax_base_msek": ("Skatteunderlag", "Tax base"),
    "final_settlement_msek": ("Slutavräkning innevarande år", "Final settlement, current year"),
    "final_settlement_previous_year_msek": ("Slutavräkning föregående år", "Final settlement, previous year"),
    "operating_income_msek": ("Verksamhetens intäkter", "Operating income"),
    "cost_lines": ("Verksamhetens kostnader per verksamhet", "Operating costs by service area"),
    "depreciation_msek": ("Avskrivningar", "Depreciation"),
    "general_grants_msek": ("Generella statsbidrag och utjämning", "General grants and equalisation"),
    "financial_income_msek": ("Finansiella intäkter", "Financial income"),
    "financial_costs_msek": ("Finansiella kostnader", "Financial costs"),
    "realisation_gains_msek": ("Realisationsvinster", "Realisation gains"),
    "reserve_use_msek": ("Medel från (+) / till (−) resultatutjämningsreserv", "From (+) / to (−) result reserve"),
    "other_balance_adjustments_msek": ("Övriga balanskravsjusteringar", "Other balanced-budget adjustments"),
    "population": ("Invånare i utjämningen", "Inhabitants in the equalisation"),
    "national_tax_capacity_kr": ("Medelskattekraft (kr per invånare)", "National average tax capacity (kr per "
                                                                       "inhabitant)"),
    "income_equalisation_msek": ("Inkomstutjämning", "Income equalisation"),
    "grant_items": ("Övriga poster i generella statsbidrag och utjämning", "Other items of general grants"),
    "balance_requirement.opening_deficits": ("Balanskrav: ej återställda underskott från tidigare år",
                                             "Balanced-budget requirement: deficits not yet restored"),
    "balance_requirement.opening_reserve_msek": ("Resultatutjämningsreserv vid budgetårets början",
                                                 "Result reserve at the start of the budget year"),
    "balance_requirement.negative_equity": ("Negativt eget kapital (inklusive pensionsförpliktelser)",
                                            "Negative equity (pension obligations included)"),
    "equalisation.guarantee_share": ("Inkomstutjämning: garantinivå (andel av medelskattekraften)",
                                     "Income equalisation: guarantee (share of the national average)"),
    "equalisation.compensation_degree": ("Inkomstutjämning: kompensationsgrad",
                                         "Income equalisation: compensation degree"),
    "equalisation.grant_rate_kr_per_100kr": ("Inkomstutjämning: länets skattesats för bidraget (kr per 100 kr)",
                                             "Income equalisation: the county's grant rate (kr per 100 kr)"),
    "equalisation.fee_rate_kr_per_100kr": ("Inkomstutjämning: länets skattesats för avgiften (kr per 100 kr)",
                                           "Income equalisation: the county's fee rate (kr per 100 kr)"),
    "capital.opening_cash_msek": ("Likvida medel vid budgetårets slut", "Cash at the end of the budget year"),
    "capital.opening_debt_msek": ("Låneskuld vid budgetårets slut", "Debt at the end of the budget year"),
    "capital.minimum_cash_msek": ("Lägsta likvida medel", "Minimum cash"),
    "capital.plan_last_year": ("Planens sista år", "The plan's last year"),
    "capital.depreciation_classes": ("Avskrivning av nya investeringar", "Depreciation of new investments"),
}

#: The kinds of a figure's provenance (:data:`kommunbudget.model.assumptions.PROVENANCE_KINDS`) in words: (Swedish,
#: English). A default is marked as not data.
KIND_WORDS: Mapping[str, tuple[str, str]] = {
    "data": ("data (publicerad)", "data (published)"),
    "derived": ("härledd", "derived"),
    "user": ("angiven av användaren", "given by the user"),
    "default": ("standardvärde, inte data", "default, not data"),
}

#: Measure kinds (the ``kind`` of a scenario file's measure, :data:`kommunbudget.model.measures.MEASURE_KINDS`; the
#: checklist's levers) -> (Swedish, English) words.
MEASURE_KIND_WORDS: Mapping[str, tuple[str, str]] = {
    "work_line": ("arbetslinje", "work line"),
    "disposal": ("försäljning av fastighet", "disposal of a property"),
    "fixed_saving": ("fast besparing", "fixed saving"),
    "premises_target": ("krav på lokalkostnader", "premises cost target"),
    "nka_gap": ("kostnadsgap mot referenskostnad (NKA)", "gap to the reference cost (NKA)"),
    "area_gap": ("kostnadsgap mot jämförbara kommuner", "gap to similar municipalities"),
    "efficiency": ("effektivisering", "efficiency"),
    "tax_change": ("skatteändring", "tax change"),
}

#: The uncertainty's shocks (``kommunbudget uncertainty``, :data:`kommunbudget.data.uncertainty_defaults.SHOCK_ORDER`)
#: -> (Swedish, English) label.
SHOCK_LABELS: Mapping[str, tuple[str, str]] = {
    "labour_cost_change": ("Lönekostnadsförändring (PKV, arbetskraft)", "Labour cost change (PKV)"),
    "other_cost_change": ("Förändring av övriga kostnader (PKV, övrig förbrukning)", "Other cost change (PKV)"),
    "national_tax_capacity_growth": ("Medelskattekraft, ökning", "National average tax capacity growth"),
    "tax_base_growth": ("Eget skatteunderlag, ökning", "Own tax base growth"),
    "population_growth": ("Egen befolkning, ökning", "Own population growth"),
    "volume_growth": ("Volymtillväxt, alla verksamheter", "Volume growth, every cost line"),
    "assistance_households": ("Hushåll med ekonomiskt bistånd", "Households on social assistance"),
    "measure_realisation": ("Åtgärdernas genomförda andel", "Measures' realised share"),
    "sale_price": ("Försäljningspris", "Sale price"),
}

#: Depreciation classes (``capital.depreciation_classes``, model/defaults.py; ``all`` for one period of a budget).
_CLASS_WORDS: Mapping[str, tuple[str, str]] = {"buildings": ("byggnader", "buildings"),
                                               "equipment": ("inventarier", "equipment"),
                                               "all": ("alla investeringar", "all investments")}

_FAMILIES: Mapping[str, tuple[str, str]] = {
    "volume_growth": ("Volymtillväxt, {}", "Volume growth, {}"),
    "grant_amount": ("{}, belopp", "{}, amount"),
    "grant_growth": ("{}, ökning", "{}, growth"),
}


def _index(language: str) -> int:
    if language not in ("sv", "en"):
        raise ValueError(f"language = {language!r}; expected 'sv' (Swedish) or 'en' (English)")
    return 0 if language == "sv" else 1


def _line_words(name: str, i: int) -> str:
    """A cost line in running text: a known service area's name, else the user's own name."""
    words = SERVICE_AREA_WORDS.get(name)
    return name if words is None else words[i]


def _grant_words(name: str, i: int) -> str:
    """A grant item's label (capitalised), or its identifier if unknown."""
    words = GRANT_ITEM_LABELS.get(name) or _OTHER_GRANT_ITEMS.get(name)
    return name if words is None else words[i]


def assumption_label(name: str, language: str = "sv") -> str:
    """The label of an assumption identifier: ``labour_cost_change`` -> ``Lönekostnadsförändring (PKV,
    arbetskraft)``, ``volume_growth:preschool`` -> ``Volymtillväxt, förskola``, ``grant_amount:cost_equalisation``
    -> ``Kostnadsutjämning, belopp``; an identifier not known is returned as it is.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    i = _index(language)
    if name in ASSUMPTION_LABELS:
        return ASSUMPTION_LABELS[name][i]
    family, _, member = name.partition(":")
    if member and family in _FAMILIES:
        words = _line_words(member, i) if family == "volume_growth" else _grant_words(member, i)
        return _FAMILIES[family][i].format(words)
    return name


def base_field_label(field: str, language: str = "sv") -> str:
    """The label of a base-year field (:data:`BASE_FIELD_LABELS`); a field not known is returned as it is.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    words = BASE_FIELD_LABELS.get(field)
    return field if words is None else words[_index(language)]


def kind_text(kind: str, language: str = "sv") -> str:
    """A provenance kind in words (:data:`KIND_WORDS`); a kind not known is returned as it is.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    words = KIND_WORDS.get(kind)
    return kind if words is None else words[_index(language)]


def base_value_text(field: str, value: Any, language: str = "sv") -> str:
    """A base-year figure as text for reading: a number with the language's separators (kr per 100 kr and
    fractions to 2 decimals, years without, else 1), a truth value as ``ja``/``nej``, and the lists that
    ``Municipality.base_year_sources()`` writes as text (``"preschool 138.0; compulsory_school 277.5"``,
    ``"cost_equalisation -29.0; ..."``, ``"buildings 70% over 33 years; ..."``, ``"2023 4.8"``, ``"none"``) with names
    and numbers in the language. A text it cannot read is returned as it is.

    Raises
    ------
    ValueError
        For a language other than ``sv`` or ``en``.
    """
    i = _index(language)
    if isinstance(value, bool):
        return yes_no(value, language)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return MISSING
        if field == "capital.opening_debt_msek" and value == -1.0:  # the core's sentinel: not given
            return ("ej angiven", "not given")[i]
        if field == "equalisation.guarantee_share":
            return number(float(value) * 100.0, 0, language) + "\u00a0%"
        if field.endswith("plan_last_year") or field.endswith("_year"):
            return f"{value:.0f}"
        decimals = 2 if ("kr_per_100kr" in field or field.startswith("equalisation.")) else (
            0 if field.endswith("_kr") or field == "population" else 1)
        return number(float(value), decimals, language)
    text = str(value)
    if field == "capital.opening_debt_msek" and text in ("-1", "-1.0"):
        return ("ej angiven", "not given")[i]
    if field == "balance_requirement.opening_deficits":
        if text in ("none", ""):
            return ("inga", "none")[i]
        return _pairs(text, lambda year: f"{year}:", language)
    if field == "cost_lines":
        return _pairs(text, lambda name: _line_words(name, i), language)
    if field == "grant_items":
        return _pairs(text, lambda name: _grant_words(name, i), language)
    if field == "capital.depreciation_classes":
        return _classes(text, language)
    if text in ("True", "False"):
        return yes_no(text == "True", language)
    return text


_PAIR = re.compile(r"(?P<name>.+) (?P<amount>-?\d+(?:\.\d+)?)")
_CLASS = re.compile(r"(?P<name>.+) (?P<share>\d+)% over (?P<years>\d+(?:\.\d+)?) years")


def _pairs(text: str, words, language: str) -> str:
    """``"name 1.0; other 2.5"`` with each name in words and each amount in the language's number format (one
    decimal); the text as it is if a part does not read."""
    parts = []
    for part in text.split("; "):
        m = _PAIR.fullmatch(part)
        if m is None:
            return text
        parts.append(f"{words(m.group('name'))} {number(float(m.group('amount')), 1, language)}")
    return "; ".join(parts)


def _classes(text: str, language: str) -> str:
    """``"buildings 70% over 33 years; equipment 30% over 7 years"`` in words: ``byggnader 70 % på 33 år; ...``."""
    i = _index(language)
    parts = []
    for part in text.split("; "):
        m = _CLASS.fullmatch(part)
        if m is None:
            return text
        name = _CLASS_WORDS.get(m.group("name"), (m.group("name"), m.group("name")))[i]
        years = number(float(m.group("years")), 0, language)
        parts.append(f"{name} {m.group('share')}\u00a0% " + (f"på {years} år" if i == 0 else f"over {years} years"))
    return "; ".join(parts)
