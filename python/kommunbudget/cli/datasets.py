"""``kommunbudget datasets``: the embedded data files with their sources, the municipalities with an adopted budget
(every other municipality gets an approximate baseline from SCB data) and SKR's PKV vintages (``docs/data.md``).
"""
from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from kommunbudget.baselines.load import available_baselines
from kommunbudget.data.catalogue import data_sources
from kommunbudget.data.pkv import pkv_vintage, pkv_vintages
from kommunbudget.model.core import __version__
from kommunbudget.report.documents import Document
from kommunbudget.report.i18n import gettext, number
from kommunbudget.report.text import frame_text, section, shown_text, underlined, wrap

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
        language = getattr(args, "language", "en")
        doc.text = "\n\n".join([underlined(gettext("kommunbudget {version}: embedded data", language,
                                                    version=__version__)),
                                 _sources_text(sources, language), _baselines_text(baselines, language),
                                 _vintages_text(vintages, language)]) + "\n"
    return doc


def _sources_text(sources: pd.DataFrame, language: str) -> str:
    """Each data file: what it holds, its primary source, caveats and the loader that reads it."""
    _ = functools.partial(gettext, language=language)
    lines = []
    for r in sources.itertuples(index=False):
        years = ", " + (_("unknown") if r.years == "unknown" else _years_words(r.years)) if r.years else ""
        what = _("{file}: {dataset} ({rows} rows{years})", file=r.file, dataset=shown_text(r.dataset, language),
                 rows=number(r.rows, 0, language), years=years)
        lines.append(wrap(what, indent="  ", subsequent="      "))
        detail = _("source: {source}", source=shown_text(r.primary_source, language)) + (
            f" ({r.sources_section})" if r.sources_section else "")
        if r.flags:
            detail += "; " + _("caveats: {flags}", flags=shown_text(r.flags, language))
        if r.loader:
            detail += "; " + _("read by {loaders}", loaders="kommunbudget.data." + ", ".join(
                x.strip() for x in r.loader.split(",")))
        lines.append(wrap(detail, indent="      ", subsequent="      "))
    return section(_("Data sets ({n} files in kommunbudget/data/files; SOURCES.md there describes each file, its "
                     "checks and gaps)", n=len(sources)), lines)


def _years_words(text: str) -> str:
    """The years of a data file as the catalogue gives them (``2024-2026``, ``2006, 2010, 2015-2027``) with an en
    dash in each range."""
    return re.sub(r"\b(\d{4})-(\d{4})\b", "\\1–\\2", str(text))


def _baselines_text(baselines: Sequence[tuple[str, str, int]], language: str) -> str:
    """The municipalities with an adopted budget, and what every other one gets."""
    _ = functools.partial(gettext, language=language)
    lines = [_("  {name} ({code}), base year {year}", name=name, code=code, year=year)
             for code, name, year in baselines]
    lines.append(wrap(_("Every other municipality gets an approximate baseline: its base year built from SCB data (tax "
                        "rate, tax base, net costs by service area, population) with the result 0 by construction, so "
                        "what measures and tax changes are worth can be read, but not whether a target is met "
                        "(docs/model.md §12)."), indent="  ", subsequent="  "))
    return section(_("Baselines (municipalities with a full adopted budget and plan)"), lines)


def _vintages_text(vintages: Sequence[dict[str, Any]], language: str) -> str:
    """Each PKV vintage: its source and a table of labour and other cost changes, the labour weight and PKV, in %."""
    _ = functools.partial(gettext, language=language)
    lines = []
    for v in vintages:
        lines.append(_("  {name} (published {published})", name=v["name"], published=v["published"]))
        lines.append(wrap(_("Source: {source}", source=shown_text(v["source"], language)), indent="      ",
                          subsequent="          "))
        rows = [(str(year), [number(labour * 100, 1, language), number(other * 100, 1, language),
                             number(weight * 100, 1, language), number(pkv * 100, 1, language), shown_text(status,
                                                                                                      language)])
                for year, labour, other, weight, pkv, status in zip(
                    v["years"], v["labour_cost_change"], v["other_cost_change"], v["labour_weight"],
                    v["published_pkv"], v["status"], strict=True)]
        lines.append(frame_text(rows, pd.Index([_("labour cost"), _("other consumption"), _("labour weight"),
                                                _("PKV (published)"), _("status")])))
    return section(_("PKV vintages (SKR's price index for municipal activity; changes and weights in %)"), lines)
