"""``kommunbudget revenue-table``: every municipality's revenue in one budget year: what 1 öre on the rate raises,
the tax base, the tax capacity index and the estimated income equalisation. Derived from SCB and approximate
(``docs/model.md`` §4, §12).
"""
from __future__ import annotations

import argparse
import logging

import pandas as pd

from kommunbudget.analysis.revenue import (
    APPROXIMATE_BASIS,
    MUNICIPAL_REVENUE_UNITS,
    municipal_revenue,
    sort_revenue_table,
)
from kommunbudget.report.documents import Document
from kommunbudget.report.text import section, underlined, wrap

__all__ = ["run"]

_log = logging.getLogger("kommunbudget.cli")

#: Columns of the JSON records (all of :func:`municipal_revenue` but the repeated basis).
_TABLE_COLUMNS = [c for c in MUNICIPAL_REVENUE_UNITS if c != "basis"]

#: --sort key -> the order in words.
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
        doc.text = _text(frame, doc, args.sort)
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


def _text(frame: pd.DataFrame, doc: Document, sort: str) -> str:
    """The text report: basis, columns explained, one line per municipality, sources."""
    year, national = doc.header["base_year"], doc.extra["national_tax_capacity_kr"]
    head = f"Revenue of all {len(frame)} municipalities, budget year {year}: derived and approximate ({_ORDER[sort]})"
    parts = [
        underlined(head),
        wrap(f"Basis: {APPROXIMATE_BASIS}."),
        wrap(f"Columns: 1 öre = what 0.01 kr per 100 kr on the own rate raises (tax base / 10 000), MSEK and kr per "
             f"inhabitant; rate = own municipal rate {year}, kr per 100 kr; index = own tax capacity (tax base / "
             f"population) against the national average of {national:,.0f} kr per inhabitant = 100 (the "
             f"guarantee is 115); equalisation = the estimated income equalisation (+ grant, − fee), MSEK and kr "
             f"per inhabitant; kept öre = what is kept of an added krona of own tax base (own rate minus the "
             f"equalisation's change)."),
        "\n".join(_table_lines(frame)),
        section("Sources", [wrap(f"{k}: {v}", indent="  ", subsequent="      ")
                            for k, v in frame.attrs["sources"].items()]),
    ]
    return "\n\n".join(parts) + "\n"


def _table_lines(frame: pd.DataFrame) -> list[str]:
    """One line per municipality, columns aligned to the longest name and county."""
    name_width = max(12, int(frame["name"].str.len().max()))
    county = frame["county"].str.replace(" län", "", regex=False)
    county_width = max(6, int(county.str.len().max()))
    lines = [
        f"{'code':<4} {'municipality':<{name_width}} {'county':<{county_width}} {'1 öre MSEK':>10} {'kr/inh':>7} "
        f"{'rate':>6} {'tax base MSEK':>13} {'index':>6} {'equalisation MSEK':>17} {'kr/inh':>8} {'kept öre':>8}"]
    for r, c in zip(frame.itertuples(index=False), county, strict=True):
        lines.append(f"{r.code:<4} {r.name:<{name_width}} {c:<{county_width}} {r.one_ore_msek:>10.2f} "
                     f"{r.one_ore_kr_per_inhabitant:>7.1f} {r.tax_rate:>6.2f} {r.tax_base_msek:>13,.0f} "
                     f"{r.capacity_index:>6.1f} {r.income_equalisation_msek + 0.0:>+17,.1f} "
                     f"{r.income_equalisation_kr_per_inhabitant + 0.0:>+8,.0f} {r.kept_per_krona * 100 + 0.0:>8.1f}")
    return lines
