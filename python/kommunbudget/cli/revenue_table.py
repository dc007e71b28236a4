"""``kommunbudget revenue-table``: every municipality's revenue in one budget year: what 1 öre on the rate raises,
the tax base, the tax capacity index and the estimated income equalisation. Derived from SCB and approximate
(``docs/model.md`` §4, §12).
"""
from __future__ import annotations

import argparse
import functools
import logging

import pandas as pd

from kommunbudget.analysis.revenue import (
    APPROXIMATE_BASIS,
    MUNICIPAL_REVENUE_UNITS,
    municipal_revenue,
    sort_revenue_table,
)
from kommunbudget.report.documents import Document
from kommunbudget.report.i18n import gettext, number, unit_word
from kommunbudget.report.text import THOUSANDS, frame_text, section, shown_text, underlined, wrap

__all__ = ["run"]

_log = logging.getLogger("kommunbudget.cli")

#: Columns of the JSON records (all of :func:`municipal_revenue` but the repeated basis).
_TABLE_COLUMNS = [c for c in MUNICIPAL_REVENUE_UNITS if c != "basis"]

#: --sort key -> the order in words (English message ids).
_ORDER = {"code": "by code", "name": "by name", "ore": "largest öre value first", "index": "highest tax capacity first"}


def run(args: argparse.Namespace) -> Document:
    """The revenue of all municipalities in ``args.base_year``, sorted by ``args.sort``; the document (text only for
    ``--format table``).

    Raises
    ------
    ValueError
        For a base year without own rates or growth figures to carry the tax base.
    """
    frame = sort_revenue_table(municipal_revenue(args.base_year), args.sort)
    doc = _document(frame, args.sort)
    _log.info("revenue table for %d municipalities, %d", len(frame), doc.header["base_year"])
    if args.format == "table":
        doc.text = _text(frame, doc, args.sort, args.language)
    return doc


def _document(frame: pd.DataFrame, sort: str) -> Document:
    """One JSON record per municipality; one CSV line per number."""
    units = {c: MUNICIPAL_REVENUE_UNITS[c] for c in _TABLE_COLUMNS}
    records = []
    for row in frame[_TABLE_COLUMNS].itertuples(index=False):
        records.append({c: (v if units[c] == "text" else (int(v) if c == "population" else float(v) + 0.0))
                        for c, v in zip(_TABLE_COLUMNS, row, strict=True)})
    year = int(frame.attrs["base_year"])
    doc = Document("revenue-table", {"base_year": year, "years": [year], "sort": sort}, [], {
        "calibrated": False,
        "basis": APPROXIMATE_BASIS,
        "national_tax_capacity_kr": float(frame["national_tax_capacity_kr"].iloc[0]),
        "columns": list(_TABLE_COLUMNS),
        "units": {"municipalities": units},
        "municipalities": records,
        "sources": dict(frame.attrs["sources"]),
    })
    doc.csv_rows = [[c, r["code"], year, r[c], units[c]] for r in records for c in _TABLE_COLUMNS
                    if units[c] != "text"]
    return doc


def _text(frame: pd.DataFrame, doc: Document, sort: str, language: str = "en") -> str:
    """The text report in the language: basis, columns explained, one row per municipality, sources."""
    _ = functools.partial(gettext, language=language)
    year, national = doc.header["base_year"], doc.extra["national_tax_capacity_kr"]
    head = _("Revenue of all {n} municipalities, budget year {year}: derived and approximate ({order})",
             n=len(frame), year=year, order=_(_ORDER[sort]))
    parts = [
        underlined(head),
        wrap(_("Basis: {basis}", basis=shown_text(APPROXIMATE_BASIS, language)) + "."),
        wrap(_("Columns: 1 öre = what {step} kr per 100 kr on the own rate raises (tax base / 10 000), {unit} and kr "
               "per inhabitant; rate = own municipal rate {year}, kr per 100 kr; tax base in {unit}; index = own tax "
               "capacity (tax base / population) against the national average of {national} kr per inhabitant = "
               "100 (the guarantee is 115); equalisation = the estimated income equalisation (+ grant, − fee), "
               "{unit} and kr per inhabitant; kept öre = what is kept of an added krona of own tax base (own rate "
               "minus the equalisation's change).", step=number(0.01, 2, language), unit=unit_word("MSEK", language),
               year=year, national=number(national, 0, language)), glue=THOUSANDS),
        _table(frame, language),
        section(_("Sources"), [wrap(f"{k}: {shown_text(v, language)}", indent="  ", subsequent="      ")
                               for k, v in frame.attrs["sources"].items()]),
    ]
    return "\n\n".join(parts) + "\n"


def _table(frame: pd.DataFrame, language: str) -> str:
    """One row per municipality (code and name, county), the columns of :func:`_text`'s explanation."""
    _ = functools.partial(gettext, language=language)
    msek, per = unit_word("MSEK", language), _("kr/inh")
    county = frame["county"].str.replace(" län", "", regex=False)
    rows = [((f"{r.code} {r.name}", c), [number(r.one_ore_msek, 2, language), number(r.one_ore_kr_per_inhabitant, 1,
                                                                                        language),
                                         number(r.tax_rate, 2, language), number(r.tax_base_msek, 0, language),
                                         number(r.capacity_index, 1, language),
                                         number(r.income_equalisation_msek, 1, language, signed=True),
                                         number(r.income_equalisation_kr_per_inhabitant, 0, language, signed=True),
                                         number(r.kept_per_krona * 100, 1, language)])
            for r, c in zip(frame.itertuples(index=False), county, strict=True)]
    columns = pd.MultiIndex.from_tuples([("1 öre", msek), ("1 öre", per), tuple(_("tax\nrate").split("\n")),
                                         (_("tax base"), msek), (_("index"), ""), (_("equal."), msek),
                                         (_("equal."), per), (_("kept"), "öre")])
    return frame_text(rows, columns)
