"""Income statements (resultaträkningar) of budgets and annual reports, from ``resultatrakningar_exempel.csv``
(SOURCES.md §7): the rows of one municipality, and an adopted budget with its plan years as nested dicts.

Amounts are nominal MSEK with the statement's sign: income positive, costs negative.
"""
from __future__ import annotations

import copy
import functools

import pandas as pd

from kommunbudget.data.municipalities import describe_rows, find_municipality, municipality_table
from kommunbudget.data.tables import cached_table, fail

_FIELD = "municipality"
_STATEMENTS_FILE = "resultatrakningar_exempel.csv"

@functools.cache
def _statements() -> pd.DataFrame:
    raw = cached_table(_STATEMENTS_FILE)
    return pd.DataFrame(
        {
            "code": raw["kommunkod"].astype(str),
            "year": raw["ar"].astype("int64"),
            "kind": raw["typ"].astype(str),
            "level": raw["niva"].astype(str),
            "item": raw["post"].astype(str),
            "amount_msek": raw["belopp_mnkr"].astype(float),
            "source": raw["kalla"].astype(str),
            "note": raw["anm"].fillna("").astype(str),
        }
    )


def budget_statement(code: str, document: str | None = None) -> pd.DataFrame:
    """Return the embedded income-statement rows (budget, plan or outcome) of one municipality.

    Parameters
    ----------
    code : str
        Municipality code or name, resolved with :func:`find_municipality` (``"1265"``, ``"Sjöbo"``).
    document : str, optional
        Keep only rows whose source URL contains this text (case-insensitive), e.g. ``"Budget-2024"`` or
        ``"Sjobo/Budget-2025"``. Without it, rows from **all** documents are returned, and the same year,
        kind and item can then appear more than once: Sjöbo's budget 2024 and plan 2026-2027 are printed both
        in Budget-2024 and in Budget-2025 (the plan figures differ; Budget-2025 is the newer), and the
        comparison year 2018 of Värmdö appears as ``utfall`` and as ``utfall_omraknat``. Choose a document to
        get one consistent set.

    Returns
    -------
    pandas.DataFrame
        Rows in file order with columns:

        ``year`` : int
            Calendar year the figure refers to.
        ``kind`` : str
            ``"utfall"`` (outcome), ``"budget"``, ``"plan"``, ``"utfall_preliminart"`` (preliminary outcome)
            or ``"utfall_omraknat"`` (comparison column restated in the next annual report).
        ``level`` : str
            ``"kommun"``, or ``"sammanstalld_redovisning"`` (municipality and its companies; one Skurup row).
        ``item`` : str
            Statement item in the file's Swedish identifiers, e.g. ``verksamhetens_intakter``,
            ``verksamhetens_kostnader``, ``avskrivningar``, ``verksamhetens_nettokostnader``,
            ``skatteintakter``, ``generella_statsbidrag_och_utjamning``, ``verksamhetens_resultat``,
            ``finansiella_intakter``, ``finansiella_kostnader``, ``arets_resultat``, balanced-budget items
            (``balanskrav_*``, ``balanskravsresultat``, ``medel_fran_resultatutjamningsreserv``) and Sjöbo's
            note items ``skatt_*`` (tax revenue) and ``utj_*`` (grants and equalisation).
        ``amount_msek`` : float
            Amount in MSEK, nominal, with the statement's sign: income positive, costs negative.
        ``source`` : str
            URL of the source page (budget document or annual report).
        ``note`` : str
            The file's comment (``anm``, Swedish), empty if none.

    Raises
    ------
    ValueError
        If the municipality is unknown (see :func:`find_municipality`), has no embedded statement (the message
        lists those that have one), or `document` matches none of its sources (the message lists them).

    Notes
    -----
    Source: ``resultatrakningar_exempel.csv`` (SOURCES.md section 7): Sjöbo, Lund, Burlöv, Hallsberg,
    Luleå, Värmdö in full or nearly; single figures for Solna, Växjö, Sollentuna, Lomma and Skurup.
    """
    resolved = find_municipality(code)
    statements = _statements()
    rows = statements[statements["code"] == resolved]
    if rows.empty:
        table = municipality_table()
        having = table[table["code"].isin(set(statements["code"]))]
        name = table.loc[table["code"] == resolved, "name"].iloc[0]
        raise ValueError(
            f"{_FIELD}: no embedded income statement for {name} ({resolved}); "
            f"available for {describe_rows(having)}"
        )
    if document is not None:
        if not isinstance(document, str) or not document.strip():
            raise ValueError(f"document: expected a non-empty part of a source URL, got {document!r}")
        matched = rows[rows["source"].str.casefold().str.contains(document.strip().casefold(), regex=False)]
        if matched.empty:
            sources = ", ".join(dict.fromkeys(rows["source"]))
            raise ValueError(
                f"document: no source of municipality {resolved} contains {document!r}; sources: {sources}"
            )
        rows = matched
    return rows.drop(columns=["code"]).reset_index(drop=True)


def adopted_budget(code: str, document: str, budget_year: int | None = None) -> dict:
    """Return an adopted budget and its plan years from one budget document, as nested dicts.

    Parameters
    ----------
    code : str
        Municipality code or name (see :func:`find_municipality`).
    document : str
        Part of the source URL identifying the budget document, e.g. ``"Sjobo/Budget-2024"``; both the
        statement page and the notes page of that document match.
    budget_year : int, optional
        The year the document adopts, i.e. the latest year of kind ``"budget"`` in the document (2024 for
        Budget-2024). Default: that year. Earlier ``budget`` years in a document are comparison columns.

    Returns
    -------
    dict
        ``{year: {item: amount_msek}}`` for the budget year (kind ``"budget"``) and every later year of kind
        ``"plan"`` in the document, plus three string keys:

        ``"years"`` : list of int
            The year keys, ascending.
        ``"kind"`` : dict of int to str
            ``"budget"`` or ``"plan"`` per year.
        ``"source"`` : list of str
            The source URLs used, in file order.

        Items are the file's identifiers (see :func:`budget_statement`); amounts are MSEK with the statement's
        sign (costs negative). Outcome and earlier comparison columns are left out. Only the items printed in
        the document are present (Budget-2025 of Sjöbo, for instance, holds only its notes on tax, grants
        and financial items).

    Raises
    ------
    ValueError
        If the municipality or document is not found (see :func:`budget_statement`), the document holds no
        ``budget`` rows, or `budget_year` is not the year it adopts.
    RuntimeError
        If the document gives two different amounts for the same year and item.

    Notes
    -----
    Source: ``resultatrakningar_exempel.csv`` (SOURCES.md section 7). Read once per process and document; each
    call returns a fresh copy.
    """
    return copy.deepcopy(_adopted_budget(find_municipality(code), document, budget_year))


@functools.cache
def _adopted_budget(code: str, document: str, budget_year: int | None) -> dict:
    """:func:`adopted_budget`, computed once per process (shared: callers get deep copies)."""
    rows = budget_statement(code, document)
    rows = rows[rows["level"] == "kommun"]
    budget_years = sorted(set(rows.loc[rows["kind"] == "budget", "year"]))
    if not budget_years:
        raise ValueError(f"document: {document!r} holds no rows of kind 'budget'; it is not a budget document")
    adopted = budget_years[-1]
    if budget_year is None:
        budget_year = adopted
    elif budget_year != adopted:
        raise ValueError(
            f"budget_year: document {document!r} adopts the budget for {adopted}, not {budget_year!r}"
            + (f"; its other budget years ({', '.join(map(str, budget_years[:-1]))}) are comparison columns"
               if len(budget_years) > 1 else "")
        )
    keep = ((rows["year"] == budget_year) & (rows["kind"] == "budget")) | (
        (rows["year"] > budget_year) & (rows["kind"] == "plan")
    )
    rows = rows[keep]
    clashes = rows.groupby(["year", "item"])["amount_msek"].nunique()
    if (clashes > 1).any():
        first = clashes[clashes > 1].index[0]
        raise fail(_STATEMENTS_FILE, f"document {document!r} has two amounts for year {first[0]}, item {first[1]}")

    result: dict = {}
    kinds: dict[int, str] = {}
    for year, group in rows.groupby("year", sort=True):
        result[int(year)] = {str(item): float(amount)
                             for item, amount in zip(group["item"], group["amount_msek"], strict=True)}
        kinds[int(year)] = str(group["kind"].iloc[0])
    result["years"] = sorted(kinds)
    result["kind"] = kinds
    result["source"] = list(dict.fromkeys(rows["source"]))
    return result


def sjobo_budget_2024() -> dict:
    """Return Sjöbo's (1265) adopted budget 2024 with plan 2025-2027, from the Budget-2024 document only.

    Returns
    -------
    dict
        As :func:`adopted_budget` for ``("1265", "Sjobo/Budget-2024", 2024)``: keys 2024 (budget) and
        2025-2027 (plan), each ``{item: amount_msek}`` with the statement items (``verksamhetens_intakter``,
        ``verksamhetens_kostnader``, ``avskrivningar``, ``verksamhetens_nettokostnader``, ``skatteintakter``,
        ``generella_statsbidrag_och_utjamning``, ``verksamhetens_resultat``, ``finansiella_intakter``,
        ``finansiella_kostnader``, ``arets_resultat``), the balanced-budget items
        (``balanskrav_avgar_realisationsvinster``, ``balanskrav_orealiserade_vinster_forluster_vardepapper``,
        ``arets_resultat_efter_balanskravsjusteringar``, ``medel_fran_resultatutjamningsreserv``,
        ``balanskravsresultat``) and the note items ``skatt_*`` and ``utj_*``; plus ``"years"``, ``"kind"``
        and ``"source"``. MSEK, costs negative. E.g. 2024: income 335.6, costs -1656.2, depreciation -37.7,
        net operating cost -1358.3, tax 995.3, grants 327.0, result -26.1, balanced-budget result -18.6.

    Notes
    -----
    Source: finansiellinfo.se/Sjobo/Budget-2024 (Resultatbudget and Noter pages) via
    ``resultatrakningar_exempel.csv`` (SOURCES.md section 7). The newer Budget-2025 revises the plan for
    2026-2027; use :func:`adopted_budget` or :func:`budget_statement` with ``document="Budget-2025"`` for it.
    """
    return adopted_budget("1265", "Sjobo/Budget-2024", 2024)


_PENSION_FILE = "pension_investering.csv"


def pension_interest(code: str, from_year: int) -> dict[int, tuple[float, str]]:
    """The interest on pension provisions (ränta på pensionsavsättningar, a financial cost) that a municipality's
    budget documents give, from ``from_year`` on (``pension_investering.csv``, post ``ranta_pensionsavsattningar``).

    Parameters
    ----------
    code : str
        Municipality code or name (``"1265"``, ``"Sjöbo"``).
    from_year : int
        The first year wanted (e.g. the base year).

    Returns
    -------
    dict
        Year -> (MSEK, positive as the note prints the cost; the citation: document and URL). Empty when the
        documents give none (the budget does not split pensions out).
    """
    return dict(_pension_interest(find_municipality(code), from_year))


@functools.cache
def _pension_interest(code: str, from_year: int) -> dict[int, tuple[float, str]]:
    """pension_interest, read once per code and year (the public function returns copies)."""
    raw = cached_table(_PENSION_FILE)
    rows = raw[(raw["kommunkod"].astype(str).str.zfill(4) == code) & (raw["post"] == "ranta_pensionsavsattningar")
               & (raw["ar"].astype(int) >= from_year)]
    return {int(r.ar): (float(r.belopp_mnkr), f"{r.kommun}, {r.budgetdokument} ({r.kalla}), ränta på "
                                              f"pensionsavsättningar {int(r.ar)} ({r.typ})")
            for r in rows.itertuples()}
