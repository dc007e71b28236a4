"""The one label table: every statement line, revenue-bridge row and grant item with its Swedish and English label
and its unit. Identifiers are the C++ core's field names (``IncomeStatement``); the Swedish labels are the statutory
names of the income statement (LKBR; RKR's model), as every Swedish budget prints them (``docs/model.md`` §9).

Units: ``"MSEK"`` (nominal, statutory signs: costs negative), ``"fraction"``, ``"kr per 100 kr"``,
``"kr per inhabitant"``, ``"inhabitants"``.
"""
from __future__ import annotations

__all__ = ["BALANCE_LINES", "CAPITAL_LINES", "GRANT_ITEM_LABELS", "LINE_UNITS", "MEMO_LINES",
           "REVENUE_LINES", "STATEMENT_LINES",
           "label"]

#: Statement lines in the statutory order (LKBR, RKR's model), then the balanced-budget reconciliation and
#: memo items: (identifier, Swedish label, English label, unit).
STATEMENT_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("operating_income", "Verksamhetens intäkter", "Operating income", "MSEK"),
    ("operating_costs", "Verksamhetens kostnader", "Operating costs", "MSEK"),
    ("depreciation", "Avskrivningar", "Depreciation", "MSEK"),
    ("net_operating_cost", "Verksamhetens nettokostnader", "Net operating cost", "MSEK"),
    ("tax_revenue", "Skatteintäkter", "Tax revenue", "MSEK"),
    ("general_grants", "Generella statsbidrag och utjämning", "General grants and equalisation", "MSEK"),
    ("operating_result", "Verksamhetens resultat", "Operating result", "MSEK"),
    ("financial_income", "Finansiella intäkter", "Financial income", "MSEK"),
    ("financial_costs", "Finansiella kostnader", "Financial costs", "MSEK"),
    ("result", "Årets resultat", "Result for the year", "MSEK"),
    ("realisation_gains", "Avgår: realisationsvinster", "Less: realisation gains", "MSEK"),
    ("other_balance_adjustments", "Övriga balanskravsjusteringar", "Other balanced-budget adjustments", "MSEK"),
    ("reserve_use", "Medel från (+) / till (−) resultatutjämningsreserv", "From (+) / to (−) result reserve",
     "MSEK"),
    ("balanced_budget_result", "Balanskravsresultat", "Balanced-budget result", "MSEK"),
    ("result_share", "Resultat i % av skatter och generella statsbidrag",
     "Result as share of tax revenue and general grants", "fraction"),
    ("tax_rate", "Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)", "kr per 100 kr"),
    ("tax_base", "Skatteunderlag", "Tax base", "MSEK"),
    ("final_settlement", "varav slutavräkning", "of which final settlement", "MSEK"),
    ("efficiency_saving", "Effektiviseringar", "Efficiency savings", "MSEK"),
    ("efficiency_one_off_cost", "Engångskostnader för effektiviseringar", "One-off costs of efficiency measures",
     "MSEK"),
    ("fixed_saving_one_off_cost", "Engångskostnader för besparingar", "One-off costs of fixed savings", "MSEK"),
    ("tax_change_revenue", "Intäkt av skatteförändring", "Revenue from tax changes", "MSEK"),
)

#: The revenue bridge: tax revenue item by item, general grants item by item, and the equalisation's memo rows:
#: (identifier, Swedish label, English label, unit). Grant items other than the income equalisation follow
#: ``income_equalisation`` as ``grant:<name>`` rows.
REVENUE_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("preliminary_tax", "Preliminär kommunalskatt", "Preliminary municipal tax", "MSEK"),
    ("final_settlement_previous_year", "Slutavräkning föregående år", "Final settlement, previous year", "MSEK"),
    ("final_settlement_current_year", "Slutavräkning innevarande år", "Final settlement, current year", "MSEK"),
    ("tax_revenue", "Skatteintäkter", "Tax revenue", "MSEK"),
    ("income_equalisation", "Inkomstutjämning", "Income equalisation", "MSEK"),
    ("general_grants", "Generella statsbidrag och utjämning", "General grants and equalisation", "MSEK"),
    ("tax_base", "Skatteunderlag (mnkr)", "Tax base (MSEK)", "MSEK"),
    ("tax_rate", "Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)", "kr per 100 kr"),
    ("equalisation_tax_base", "Skatteunderlag i utjämningen, kalibrerat (mnkr)",
     "Tax base in the equalisation, calibrated (MSEK)", "MSEK"),
    ("own_tax_capacity", "Skattekraft i utjämningen (kr/inv)", "Own tax capacity in the equalisation (kr/inh)",
     "kr per inhabitant"),
    ("national_tax_capacity", "Medelskattekraft (kr/inv)", "National average tax capacity (kr/inh)",
     "kr per inhabitant"),
    ("population", "Invånare i utjämningen (personer)", "Inhabitants in the equalisation (persons)", "inhabitants"),
    ("inhabitant_tax_kr", "En invånare till: skatt (kr)", "One inhabitant more: own tax (kr)", "kr"),
    ("inhabitant_equalisation_kr", "En invånare till: inkomstutjämning (kr)",
     "One inhabitant more: income equalisation (kr)", "kr"),
    ("inhabitant_regulation_kr", "En invånare till: regleringsbidrag (kr)",
     "One inhabitant more: regulation grant (kr)", "kr"),
    ("equalisation_change_per_krona", "Utjämningens ändring per krona eget skatteunderlag (andel)",
     "Equalisation change per krona of own tax base (fraction)", "fraction"),
    ("kept_per_krona", "Kvar per krona eget skatteunderlag (andel)", "Kept per krona of own tax base (fraction)",
     "fraction"),
    ("earned_income_effect", "Tillskott till skatteunderlaget från förvärvsinkomster (mnkr)",
     "Tax base added by earned-income changes (MSEK)", "MSEK"),
)

#: Investments, self-financing, borrowing and pensions (docs/model.md §15), memo rows of the statement:
#: (identifier, Swedish label, English label, unit). MSEK positive as quantities (investments spent, debt owed).
CAPITAL_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("investments", "Nettoinvesteringar", "Net investments", "MSEK"),
    ("new_investment_depreciation", "Avskrivningar på nya investeringar (i avskrivningar)",
     "Depreciation of new investments (in depreciation)", "MSEK"),
    ("self_financing", "Självfinansiering (resultat + avskrivningar)", "Self-financing (result + depreciation)",
     "MSEK"),
    ("self_financing_ratio", "Självfinansieringsgrad", "Self-financing ratio", "fraction"),
    ("borrowing_need", "Lånebehov (investeringar − självfinansiering)", "Borrowing need (investments − "
     "self-financing)", "MSEK"),
    ("debt_at_year_end", "Låneskuld vid årets slut", "Debt at year end", "MSEK"),
    ("cash_at_year_end", "Likvida medel vid årets slut", "Cash at year end", "MSEK"),
    ("new_borrowing_interest", "Ränta på nya lån (i finansiella kostnader)",
     "Interest on new borrowing (in financial costs)", "MSEK"),
    ("pension_interest", "Ränta på pensionsavsättning (i finansiella kostnader)",
     "Interest on pension provisions (in financial costs)", "MSEK"),
)

#: The balanced-budget requirement over the years (``docs/model.md`` §16): the core's memo rows for the restoration
#: of deficits (KL 11 kap. 12 §), the result reserve (KL 11 kap. 14 §) and the result without one-off items:
#: (identifier, Swedish label, English label, unit). ``oldest_deficit_due_year`` is a calendar year (NaN: none).
BALANCE_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("result_after_balance_adjustments", "Årets resultat efter balanskravsjusteringar",
     "Result after balanced-budget adjustments", "MSEK"),
    ("balanced_budget_result", "Balanskravsresultat", "Balanced-budget result", "MSEK"),
    ("new_deficit", "Nytt underskott att återställa (inom tre år)", "New deficit to restore (within three years)",
     "MSEK"),
    ("restoration_required", "Att återställa i år (förfallet)", "Restoration due this year", "MSEK"),
    ("deficit_falling_due", "varav underskott vars tredje år det är", "of which a deficit in its third year", "MSEK"),
    ("deficit_restored", "Återställt i år", "Restored this year", "MSEK"),
    ("deficit_breach", "Ej återställt i tid (brott mot balanskravet)", "Not restored in time (breach)", "MSEK"),
    ("deficit_to_restore", "Underskott att återställa vid årets slut", "Deficit to restore at year end", "MSEK"),
    ("oldest_deficit_due_year", "Äldsta underskottet ska vara återställt senast", "Oldest deficit due by",
     "calendar year"),
    ("reserve_possible_reservation", "Möjlig reservering till resultatreserv", "Possible reservation to the reserve",
     "MSEK"),
    ("reserve_reservation", "Reservering till resultatreserv", "Reserved", "MSEK"),
    ("reserve_withdrawal", "Disponering av resultatreserv", "Withdrawn from the reserve", "MSEK"),
    ("reserve_balance", "Resultatreserv vid årets slut", "Result reserve at year end", "MSEK"),
    ("reserve_overdrawn", "Disponerat utöver reserven (ingående saldo för lågt eller ej angivet)",
     "Withdrawn beyond the reserve (opening balance too low or not given)", "MSEK"),
    ("one_off_items", "Jämförelsestörande poster", "One-off items", "MSEK"),
    ("result_excluding_one_offs", "Resultat exkl. jämförelsestörande poster", "Result excluding one-off items",
     "MSEK"),
)

#: Swedish and English labels of the grant items (identifiers as in kommunbudget.baselines.grants.GRANT_ITEMS).
GRANT_ITEM_LABELS: dict[str, tuple[str, str]] = {
    "cost_equalisation": ("Kostnadsutjämning", "Cost equalisation"),
    "lss_equalisation": ("LSS-utjämning", "LSS equalisation"),
    "regulation_grant": ("Regleringsbidrag/-avgift", "Regulation grant/fee"),
    "structural_grant": ("Strukturbidrag", "Structural grant"),
    "property_fee": ("Kommunal fastighetsavgift", "Municipal property fee"),
    "other_general_grants": ("Övriga generella statsbidrag", "Other general grants"),
}

#: Line identifier -> unit, for every statement and revenue line.
LINE_UNITS = {ident: unit for ident, _sv, _en, unit in STATEMENT_LINES + REVENUE_LINES + CAPITAL_LINES}

#: The memo rows of the statement (not statutory lines): shown when ``memo=True``.
MEMO_LINES = frozenset({"tax_rate", "tax_base", "final_settlement", "efficiency_saving", "efficiency_one_off_cost",
                        "fixed_saving_one_off_cost", "tax_change_revenue"})

_LANGUAGE_INDEX = {"id": 0, "sv": 1, "en": 2}


def label(ident: str, language: str = "en") -> str:
    """The label of a statement or revenue line (``"net_operating_cost"``) or a grant item (``"grant:<name>"``) in
    ``language`` (``"en"``, ``"sv"`` or ``"id"``).

    Raises
    ------
    ValueError
        For another language, or an unknown identifier (the message lists the known ones).
    """
    if language not in _LANGUAGE_INDEX:
        raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
    if ident.startswith("grant:"):
        name = ident.split(":", 1)[1]
        sv, en = GRANT_ITEM_LABELS.get(name, (name, name))
        return {"id": ident, "sv": sv, "en": en}[language]
    for spec in STATEMENT_LINES + REVENUE_LINES + CAPITAL_LINES + BALANCE_LINES:
        if spec[0] == ident:
            return spec[_LANGUAGE_INDEX[language]]
    raise ValueError(f"line {ident!r} does not exist; expected one of: {', '.join(LINE_UNITS)}")
