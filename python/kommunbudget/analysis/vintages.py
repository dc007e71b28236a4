"""Vintage effects: what changed between two assumption vintages, and what the change does to a municipality's
income statement (``docs/model.md`` §2-4). Numbers, not text.

For users this module is ``kb.vintages``: it also serves the vintages themselves (:func:`get_vintage`,
:func:`list_vintages`, :func:`load_vintage`, ...), which are defined in :mod:`kommunbudget.baselines.vintages`
(modules inside the package import them from there).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import read_budget
from kommunbudget.baselines.vintages import (
    DEFAULT_VINTAGE,
    VINTAGE_SERIES,
    Vintage,
    get_vintage,
    is_vintage_file,
    list_vintages,
    load_vintage,
    packaged_vintages,
    parse_vintage,
)

__all__ = ["DEFAULT_VINTAGE", "VINTAGE_SERIES", "Vintage", "compare_vintage_results", "compare_vintages",
           "get_vintage", "is_vintage_file", "list_vintages", "load_vintage", "packaged_vintages", "parse_vintage"]


def compare_vintages(a: str | Path | Vintage, b: str | Path | Vintage, first: int, last: int) -> pd.DataFrame:
    """What changed between two vintages over ``first..last``.

    Returns
    -------
    pandas.DataFrame
        One row per series and year whose value differs: ``series``, ``year``, ``a``, ``b``, ``difference``
        (b − a, fractions), ``source_a``, ``source_b``. A year one vintage cannot give shows NaN there.
    """
    va, vb = get_vintage(a), get_vintage(b)
    rows = []
    for name in VINTAGE_SERIES:
        for year in range(first, last + 1):
            xa, pa = _value(va, name, year)
            xb, pb = _value(vb, name, year)
            if xa == xb or (xa != xa and xb != xb):
                continue
            rows.append({"series": name, "year": year, "a": xa, "b": xb, "difference": xb - xa,
                         "source_a": pa, "source_b": pb})
    return pd.DataFrame(rows, columns=["series", "year", "a", "b", "difference", "source_a", "source_b"])


def _value(v: Vintage, name: str, year: int) -> tuple[float, str]:
    s = v.series[name]
    try:
        if s.tail_follows is not None and year not in s.values:
            value, _ = _value(v, s.tail_follows, year)
            return value, s.tail_provenance.source if s.tail_provenance else ""
        value, prov = s.get(year)
        return value, prov.source
    except ValueError:
        return float("nan"), "not given"


def compare_vintage_results(municipality: str, a: str | Path | Vintage, b: str | Path | Vintage, horizon: int,
                            base_year: int | None = None, use_plan_growth: bool = True,
                            budget: str | Path | None = None) -> pd.DataFrame:
    """What a change of vintage does to a municipality's income statement: its embedded baseline, or with
    ``budget`` the baseline of its own budget file (:func:`kommunbudget.read_budget`; ``municipality`` and
    ``base_year`` are then not used).

    Returns
    -------
    pandas.DataFrame
        Rows ``tax_revenue``, ``general_grants``, ``income_equalisation``, ``operating_costs``, ``result``,
        ``balanced_budget_result`` and ``result_share`` for vintage a, vintage b and b − a (a MultiIndex
        ``(line, "a" | "b" | "b - a")``), columns the years; MSEK, the share as a fraction.

    Raises
    ------
    ValueError
        For an unknown municipality or vintage, or a vintage lacking a year the horizon needs (named).
    """
    if budget is None:
        pa = load(municipality, base_year, vintage=a, use_plan_growth=use_plan_growth).project(horizon)
        pb = load(municipality, base_year, vintage=b, use_plan_growth=use_plan_growth).project(horizon)
    else:
        pa = read_budget(budget, vintage=a, use_plan_growth=use_plan_growth).project(horizon)
        pb = read_budget(budget, vintage=b, use_plan_growth=use_plan_growth).project(horizon)
    rows = {}
    for line in ("tax_revenue", "general_grants", "income_equalisation", "operating_costs", "result",
                 "balanced_budget_result", "result_share"):
        xa, xb = pa.line(line), pb.line(line)
        rows[(line, "a")] = xa
        rows[(line, "b")] = xb
        rows[(line, "b - a")] = xb - xa
    frame = pd.DataFrame(rows, index=pa.years).T
    frame.index.names = ["line", "vintage"]
    frame.columns.name = "year"
    frame.attrs["a"], frame.attrs["b"] = get_vintage(a).label, get_vintage(b).label
    return frame
