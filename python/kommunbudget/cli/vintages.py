"""``kommunbudget vintages``: the packaged assumption vintages; with ``--compare A B`` what changed between two of
them, and with ``--municipality`` what the change does to that municipality's result (``docs/model.md`` §2-4).
"""
from __future__ import annotations

import argparse
import functools
import os
from typing import Any

import pandas as pd

from kommunbudget.analysis.vintages import compare_vintage_results, compare_vintages
from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import check_budget_matches, read_budget
from kommunbudget.baselines.vintages import get_vintage, list_vintages, vintage_template
from kommunbudget.cli.errors import CliError
from kommunbudget.model.core import __version__
from kommunbudget.model.lines import label
from kommunbudget.model.municipality import Municipality
from kommunbudget.report.documents import Document, floats
from kommunbudget.report.i18n import gettext, number, percent, unit_word
from kommunbudget.report.text import frame_text, shown_text, underlined, wrap

__all__ = ["run"]

#: The first year of a comparison without a municipality (the base year of the embedded budgets).
_DEFAULT_FIRST_YEAR = 2024


def run(args: argparse.Namespace) -> Document:
    """The vintages, and the comparison of ``args.compare`` (for ``args.municipality`` if given); the document.

    Raises
    ------
    ValueError
        For ``--municipality`` without ``--compare``, an unknown vintage or municipality, or a horizon a vintage
        cannot reach.
    """
    if getattr(args, "action", "list") == "template":
        return _template(args)
    if (args.municipality or args.budget is not None) and not args.compare:
        raise CliError(f"{'--municipality' if args.municipality else '--budget'} needs --compare A B: the effect of "
                       f"a change of vintage on a municipality")
    listing = list_vintages()
    language = getattr(args, "language", "en")
    _ = functools.partial(gettext, language=language)
    extra: dict[str, Any] = {"vintages": listing.to_dict(orient="records")}
    lines = [underlined(_("kommunbudget {version}: assumption vintages", version=__version__))]
    for r in listing.itertuples(index=False):
        lines.append(wrap(_("{name} (published {published}), {file}", name=r.name, published=r.published,
                            file=r.file), indent="  ", subsequent="      "))
        lines.append(wrap(shown_text(r.description, language), indent="      ", subsequent="      "))
    if args.compare:
        lines += _compare(args, extra, language)
    doc = Document("vintages", {}, [], extra)
    if args.format == "table":
        doc.text = "\n".join(lines) + "\n"
    return doc


def _template(args: argparse.Namespace) -> Document:
    """``vintages template``: the text of :func:`kommunbudget.baselines.vintages.vintage_template` as the document
    (written to ``--out`` by the caller, or to stdout).

    Raises
    ------
    CliError
        For an ``--out`` that exists (a filled vintage is never replaced), ``--compare``/``--municipality`` with it,
        a name that is a packaged vintage's, or a ``--format`` other than table.
    """
    if args.compare or args.municipality or args.budget is not None:
        raise CliError("vintages template takes no --compare, --municipality or --budget")
    if args.format not in (None, "table"):
        raise CliError(f"vintages template writes a TOML file; --format {args.format} is not available")
    if args.out is not None and os.path.lexists(args.out):
        raise CliError(f"--out {str(args.out)!r} exists: the template never replaces a file (it may be a filled "
                       f"vintage); give a new file name, or remove the old file first")
    if args.name in list_vintages()["name"].tolist():
        raise CliError(f"--name {args.name!r} is a packaged vintage's name; give a new one")
    first = args.first_year if args.first_year is not None else 2025
    try:
        text = vintage_template(args.name, first)
    except ValueError as exc:
        raise CliError(f"--first-year: {exc}") from None
    doc = Document("vintages", {}, [], {"template": text})
    doc.text = text
    return doc


def _compare(args: argparse.Namespace, extra: dict[str, Any], language: str = "en") -> list[str]:
    """Adds ``compare`` (and ``units`` with a municipality) to ``extra``; returns the text's lines in the
    language."""
    _ = functools.partial(gettext, language=language)
    a, b = args.compare
    m = _baseline(args)
    first = m.base_year if m else _DEFAULT_FIRST_YEAR
    last = args.horizon if args.horizon is not None else first + 6
    diff = compare_vintages(a, b, first, last)
    extra["compare"] = {"a": get_vintage(a).label, "b": get_vintage(b).label,
                        "changes": diff.to_dict(orient="records")}
    lines = ["", underlined(_("What changed from {a} (A) to {b} (B), {first}–{last} (fractions shown in %)",
                              a=extra["compare"]["a"], b=extra["compare"]["b"], first=first, last=last), "-")]
    if diff.empty:
        lines.append(_("  nothing: the two vintages give the same values in these years"))
    else:
        rows = [((r.series, str(r.year)), [percent(r.a, 2, language), "→", percent(r.b, 2, language)])
                for r in diff.itertuples(index=False)]
        lines.append(frame_text(rows, pd.Index(["A", "", "B"])))
    if m is not None:
        lines += _effect(args, m, last, extra, language)
    return lines


def _baseline(args: argparse.Namespace) -> Municipality | None:
    """The municipality of ``--municipality`` or ``--budget`` (whose municipality a ``--municipality`` given beside
    it must be), or None."""
    if args.budget is None:
        return load(args.municipality) if args.municipality else None
    m = read_budget(args.budget)
    try:
        check_budget_matches(m, args.budget, args.municipality)
    except ValueError as exc:
        raise CliError(f"--municipality: {exc}") from None
    return m


def _effect(args: argparse.Namespace, m: Municipality, last: int, extra: dict[str, Any], language: str = "en"
            ) -> list[str]:
    """The change of vintage's effect on ``m``'s statement (b − a: MSEK, the result share as a fraction)."""
    _ = functools.partial(gettext, language=language)
    a, b = args.compare
    frame = compare_vintage_results(m.code, a, b, last, use_plan_growth=not args.no_plan_growth, budget=args.budget)
    effect = frame.xs("b - a", level="vintage")
    extra["compare"]["effect"] = {line: floats(effect.loc[line]) for line in effect.index}
    extra["compare"]["years"] = [int(y) for y in effect.columns]
    extra["units"] = {"effect": {line: ("fraction" if line == "result_share" else "MSEK") for line in effect.index}}
    rows = [(label(line, language), [number(v * 100 if line == "result_share" else v, 2, language, signed=True)
                                     for v in effect.loc[line]]) for line in effect.index]
    heading = _("Effect on {place} (B − A, {unit}; the result share in percentage points)", place=m.label,
                unit=unit_word("MSEK", language))
    if not args.no_plan_growth:
        heading += _("; the plan years use the plan's own growth")
    return ["", underlined(heading, "-"), frame_text(rows, pd.Index([str(int(y)) for y in effect.columns]))]
