"""``kommunbudget datasets``: the embedded data files with their sources, the municipalities with an adopted budget
(every other municipality gets an approximate baseline from SCB data) and SKR's PKV vintages (``docs/data.md``).
"""
from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd

from kommunbudget.baselines.load import available_baselines
from kommunbudget.data.catalogue import data_sources
from kommunbudget.data.pkv import pkv_vintage, pkv_vintages
from kommunbudget.model.core import __version__
from kommunbudget.report.documents import Document
from kommunbudget.report.text import wrap

__all__ = ["run"]


def run(args: argparse.Namespace) -> Document:
    """The embedded data sets, baselines and PKV vintages; the document (text only for ``--format table``)."""
    sources = data_sources()
    baselines = available_baselines()
    vintages = []
    for name in pkv_vintages():
        v = pkv_vintage(name)
        vintages.append({"name": v.name, "published": v.published, "source": v.source, "years": v.years,
                         "labour_cost_change": v.labour_cost_change, "other_cost_change": v.other_cost_change,
                         "labour_weight": v.labour_weight, "published_pkv": v.published_pkv, "status": v.status})
    doc = Document("datasets", {}, [], {
        "datasets": sources.to_dict(orient="records"),
        "baselines": [{"code": code, "name": name, "base_year": year} for code, name, year in baselines],
        "pkv_vintages": vintages,
        "units": {"pkv_vintages": {"labour_cost_change": "fraction per year", "other_cost_change": "fraction per year",
                                   "labour_weight": "fraction", "published_pkv": "fraction per year"}},
    })
    if args.format == "table":
        doc.text = "\n".join([f"kommunbudget {__version__}: embedded data", "=" * 40, "",
                              *_sources_lines(sources), "", *_baseline_lines(baselines), "",
                              *_vintage_lines(vintages)]) + "\n"
    return doc


def _sources_lines(sources: pd.DataFrame) -> list[str]:
    """Each data file: what it holds, its primary source, caveats and the loader that reads it."""
    lines = [f"Data sets ({len(sources)} files in kommunbudget/data/files; SOURCES.md there describes each file, its "
             f"checks and gaps)", "-" * 60]
    for r in sources.itertuples(index=False):
        years = f", {r.years}" if r.years else ""
        lines.append(wrap(f"{r.file}: {r.dataset} ({r.rows} rows{years})", indent="  ", subsequent="      "))
        detail = f"source: {r.primary_source}" + (f" ({r.sources_section})" if r.sources_section else "")
        if r.flags:
            detail += f"; caveats: {r.flags}"
        if r.loader:
            detail += f"; read by kommunbudget.data.{', '.join(x.strip() for x in r.loader.split(','))}"
        lines.append(wrap(detail, indent="      ", subsequent="      "))
    return lines


def _baseline_lines(baselines: Sequence[tuple[str, str, int]]) -> list[str]:
    """The municipalities with an adopted budget, and what every other one gets."""
    lines = ["Baselines (municipalities with a full adopted budget and plan)", "-" * 60]
    lines += [f"  {name} ({code}), base year {year}" for code, name, year in baselines]
    lines.append(wrap("Every other municipality gets an approximate baseline: its base year built from SCB data (tax "
                      "rate, tax base, net costs by service area, population) with the result 0 by construction, "
                      "so what measures and tax changes are worth can be read, but not whether a target is met "
                      "(docs/model.md §12).", indent="  ", subsequent="  "))
    return lines


def _vintage_lines(vintages: Sequence[dict[str, Any]]) -> list[str]:
    """Each PKV vintage: its source and a table of labour and other cost changes, the labour weight and PKV, in %."""
    lines = ["PKV vintages (SKR's price index for municipal activity; changes and weights in %)", "-" * 60]
    for v in vintages:
        lines.append(f"  {v['name']} (published {v['published']})")
        lines.append(wrap(f"Source: {v['source']}", indent="      ", subsequent="          "))
        frame = pd.DataFrame({"labour cost": [f"{x * 100:.1f}" for x in v["labour_cost_change"]],
                              "other consumption": [f"{x * 100:.1f}" for x in v["other_cost_change"]],
                              "labour weight": [f"{x * 100:.1f}" for x in v["labour_weight"]],
                              "PKV (published)": [f"{x * 100:.1f}" for x in v["published_pkv"]],
                              "status": v["status"]}, index=pd.Index(v["years"], name="year"))
        lines.append(textwrap.indent(frame.to_string(), "      "))
    return lines
