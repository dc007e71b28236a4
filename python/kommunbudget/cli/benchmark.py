"""``kommunbudget benchmark``: a municipality's net cost by service area against the median of its peers and, in
Skåne, Kolada's reference cost (NKA): the gap in MSEK and in öre on the tax rate (``docs/model.md`` §8).
"""
from __future__ import annotations

import argparse
import functools
import logging
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from kommunbudget.analysis.benchmark import BENCHMARK_UNITS, PEERS_UNITS, benchmark, peers
from kommunbudget.cli.errors import CliError
from kommunbudget.data.budget_file import read_budget_file
from kommunbudget.data.municipalities import find_municipality
from kommunbudget.data.service_areas import assistance_note
from kommunbudget.report.documents import Document
from kommunbudget.report.formats import MISSING, fmt
from kommunbudget.report.i18n import gettext, number, unit_word
from kommunbudget.report.text import (
    THOUSANDS,
    date_words,
    frame_text,
    notes_text,
    section,
    shown_text,
    underlined,
    wrap,
)

__all__ = ["run"]

_log = logging.getLogger("kommunbudget.cli")

#: Text columns of the areas that are not CSV lines (the area itself and its fixed descriptions).
_NOT_CSV = ("area", "name_sv", "rs_codes", "nka_kpi")


def run(args: argparse.Namespace) -> Document:
    """Benchmarks ``args.municipality`` against its peers (``--rule`` or ``--peers``) and NKA of ``--nka-year``;
    the document (text only for ``--format table``).

    Raises
    ------
    ValueError
        For an unknown municipality or peer, an empty ``--peers``, or an NKA year without data.
    """
    municipality = _municipality(args)
    peer_names = None
    if args.peers is not None:
        peer_names = [part.strip() for part in args.peers.split(",") if part.strip()]
        if not peer_names:
            raise CliError(f"--peers {args.peers!r}: expected names or codes separated by commas, e.g. Ystad,Skurup")
    frame = benchmark(municipality, peers=peer_names, rule=args.rule, nka_year=args.nka_year)
    a = frame.attrs
    peer_frame = peers(a["municipality"], names=a["peer_codes"])
    records = [_record(row) for row in frame.to_dict(orient="records")]
    peer_records = [_record(row) for row in peer_frame.to_dict(orient="records")]
    doc = _document(a, records, peer_records, assistance_note())
    _log.info("benchmarked %s against %d peers (%s)", a["municipality_name"], len(peer_frame), a["peer_rule"])
    if args.format == "table":
        doc.text = _text(a, records, peer_records, doc.extra["assistance_note"], args.language)
    return doc


def _municipality(args: argparse.Namespace) -> str:
    """The municipality to benchmark: MUNICIPALITY, or the one the ``--budget`` file names (both given: they must be
    the same). The comparison uses SCB's accounts for all alike, so the budget's own figures are not used.

    Raises
    ------
    ValueError
        For neither given, a budget that cannot be read, or a MUNICIPALITY that is not the budget's.
    """
    if args.budget is None:
        if args.municipality is None:
            raise CliError("give a MUNICIPALITY (name or code) or --budget FILE")
        return args.municipality
    code = find_municipality(read_budget_file(args.budget).municipality)
    if args.municipality is not None and find_municipality(args.municipality) != code:
        raise CliError(f"MUNICIPALITY {args.municipality!r} is not the municipality of the budget {args.budget} "
                       f"({code}); leave MUNICIPALITY out or give the budget's")
    return code


def _value(unit: str | None, v: Any) -> Any:
    """A JSON value by its column's unit: text, None for a missing number, int for counts and years, else float."""
    if unit == "text":
        return str(v)
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v) if unit in ("count", "year", "inhabitants") else float(v)


def _record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of the areas or the peers as a JSON record (a column's unit looked up in the areas' units first)."""
    return {c: _value(BENCHMARK_UNITS.get(c, PEERS_UNITS.get(c)), v) for c, v in row.items()}


def _document(a: Mapping[str, Any], records: list[dict[str, Any]], peer_records: list[dict[str, Any]],
              assistance: str) -> Document:
    """The JSON keys (areas and peers as records) and the CSV lines of every number and non-empty note."""
    year = int(a["year"])
    header = {"municipality": {"code": a["municipality"], "name": a["municipality_name"], "county": a["county"],
                               "population": a["population"]},
              "year": year, "years": [year]}
    doc = Document("benchmark", header, [], {
        "peers": {"requested_rule": a["requested_rule"], "rule": a["peer_rule"], "description": a["peer_description"],
                  "fallback": a["peer_fallback"], "municipalities": peer_records},
        "nka_year": a["nka_year"],
        "nka_available": a["nka_available"],
        "tax_base_msek": a["tax_base_msek"],
        "columns": list(BENCHMARK_UNITS),
        "units": {"areas": dict(BENCHMARK_UNITS), "peers": dict(PEERS_UNITS)},
        "areas": records,
        "assistance_note": assistance,
        "notes": list(a["notes"]),
        "sources": dict(a["sources"]),
    })
    doc.csv_rows = [[c, r["area"], year, r[c], BENCHMARK_UNITS[c]] for r in records for c in BENCHMARK_UNITS
                    if c not in _NOT_CSV and (BENCHMARK_UNITS[c] != "text" or r[c])]
    doc.csv_rows += [[f"peer_{c}", p["code"], year, p[c], PEERS_UNITS[c]] for p in peer_records for c in PEERS_UNITS
                     if c not in ("code", "county")]
    return doc


def _text(a: Mapping[str, Any], records: list[dict[str, Any]], peer_records: list[dict[str, Any]],
          assistance: str, language: str = "en") -> str:
    """The text report in the language: columns explained, one row per area, the peers, the notes and the
    sources."""
    _ = functools.partial(gettext, language=language)
    year, unit = int(a["year"]), unit_word("MSEK", language)
    head = _("{place}, {county}, {population} inhabitants ({date}): net cost by service area against peers and the "
             "reference cost, {year}", place=a["municipality_name"], county=a["county"],
             population=number(a["population"], 0, language), date=date_words(f"31 Dec {year}", language), year=year)
    statuses = ", ".join(sorted({r["nka_status"] for r in records if r["nka_status"]}))
    nka_text = (_("NKA = Kolada's net cost deviation {year} ({statuses}), gap = net cost × NKA / (100 + NKA).",
                  year=a["nka_year"], statuses=statuses)
                if a["nka_available"] else _("NKA: none (only Skåne's 33 municipalities are embedded)."))
    area_notes = [f"{_area_label(r, language)}: {shown_text(note, language)}" for r in records
                  if (note := r["note"].replace(assistance, "").strip())]
    parts = [
        underlined(head),
        wrap(_("Columns: net cost {year} (SCB, {unit}) and kr per inhabitant; peers = the peers' median kr per "
               "inhabitant; Sweden = all 290; gap = what closing the gap to the peers' median saves, {unit} and öre on "
               "the tax rate (tax base {year} {tax_base} {unit}, derived from SCB, approximate).", year=year,
               unit=unit, tax_base=number(a["tax_base_msek"], 1, language)) + " " + nka_text, glue=THOUSANDS),
        frame_text(_area_rows(records, language), _area_columns(language)),
        _peers_text(a, peer_records, language),
        notes_text([shown_text(note, language) for note in a["notes"]] + area_notes, glue=THOUSANDS,
                   language=language),
        section(_("Sources"), [wrap(f"{k}: {shown_text(v, language)}", indent="  ", subsequent="      ",
                                    glue=THOUSANDS) for k, v in a["sources"].items()]),
    ]
    return "\n\n".join(parts) + "\n"


def _area_label(record: Mapping[str, Any], language: str) -> str:
    """A service area as a row label: its identifier in English (``upper_secondary_school``), its Swedish name
    (``name_sv``) in Swedish."""
    return str(record["name_sv"]) if language == "sv" and record.get("name_sv") else str(record["area"])


def _area_columns(language: str) -> pd.MultiIndex:
    """The headings of the areas' table: what, over its unit."""
    _ = functools.partial(gettext, language=language)
    msek = unit_word("MSEK", language)
    return pd.MultiIndex.from_tuples([tuple(text.split("\n")) for text in (
        _("net cost\n{unit}", unit=msek), _("net cost\nkr/inh"), _("peers\nkr/inh"), _("Sweden\nkr/inh"),
        _("gap\n{unit}", unit=msek), _("gap\nöre"), "NKA\n%", _("NKA gap\n{unit}", unit=msek), _("NKA gap\nöre"))])


def _area_rows(records: list[dict[str, Any]], language: str) -> list[tuple[Any, list[str]]]:
    """One row per service area: net cost, per inhabitant, peers, Sweden, the gaps in MSEK and öre, NKA."""
    return [(_area_label(r, language), [
        fmt(r["net_cost_msek"], "MSEK", language=language),
        fmt(r["net_cost_kr_per_inhabitant"], "kr", language=language),
        fmt(r["peer_median_kr_per_inhabitant"], "kr", language=language),
        fmt(r["national_kr_per_inhabitant"], "kr", language=language),
        fmt(r["gap_to_peers_msek"], "MSEK", language=language), fmt(r["gap_to_peers_ore"], "öre", language=language),
        MISSING if r["nka_percent"] is None else number(r["nka_percent"], 2, language),
        fmt(r["nka_gap_msek"], "MSEK", language=language), fmt(r["nka_gap_ore"], "öre", language=language)])
        for r in records]


def _peers_text(a: Mapping[str, Any], peer_records: list[dict[str, Any]], language: str) -> str:
    """The peers with their population (each kept on one line), the rule, and the fallback if one was needed."""
    _ = functools.partial(gettext, language=language)
    peer_list = ", ".join(f"{p['name']} ({number(p['population'], 0, language)})".replace(" ", "\u00a0")
                          for p in peer_records)
    lines = [wrap(peer_list, indent="  ", subsequent="  ", glue=THOUSANDS)]
    if a["peer_fallback"]:
        lines.append(wrap(_("Fallback: {text}", text=shown_text(a["peer_fallback"], language)), indent="  ",
                          subsequent="    ", glue=THOUSANDS))
    return section(_("Peers ({n}; rule {rule}: {description})", n=len(peer_records), rule=a["peer_rule"],
                     description=shown_text(a["peer_description"], language)), lines)
