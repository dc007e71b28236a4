"""SKR's price index for municipal activities (PKV): the published vintages with components and weights, and the
history of published totals, from ``pkv.csv`` (SOURCES.md §11).

Changes and weights are returned as **fractions** (0.027 = 2.7 %), converted from the percentages stored in the
file; combining the components into an index is the core's job (``docs/model.md`` §2).
"""
from __future__ import annotations

import dataclasses
import functools

import pandas as pd

from kommunbudget.data.tables import cached_table, fail

_PKV_FILE = "pkv.csv"

_PKV_COMPONENTS = ("arbetskraftskostnad", "ovrig_forbrukning", "pkv_totalt")

# Vintages with components and weights: name -> (version_publicerad in pkv.csv, English citation lead).
_PKV_VINTAGES = {
    "skr-2025-report": (
        "2025",
        "SKR, Prisindex för kommunal verksamhet (PKV) 2022-2024, as given in the report (2025), Table 1 "
        "(REPORT-FACTS.md; SOURCES.md section 11)",
    ),
}


@dataclasses.dataclass(frozen=True)
class PkvVintage:
    """One published vintage of SKR's price index for municipal activity (PKV), with its components.

    All changes and weights are **fractions** (0.027 = 2.7 %), converted from the percentages in ``pkv.csv``.
    Lists are indexed like `years`. Instances are created by :func:`pkv_vintage`; each call returns a new
    instance, so changing its lists does not affect later calls.

    Attributes
    ----------
    name : str
        Vintage identifier, e.g. ``"skr-2025-report"``.
    published : str
        When the table was published (date or year as given in the source, e.g. ``"2025"``).
    source : str
        Citation, including the source text and notes carried in ``pkv.csv``.
    years : list of int
        Years the changes refer to (change from year t-1 to t).
    labour_cost_change : list of float
        Yearly change in labour cost (hourly wage incl. social charges, "arbetskraftskostnad"), fraction.
    other_cost_change : list of float
        Yearly change in the price of other consumption ("övrig förbrukning"), fraction.
    labour_weight : list of float
        Weight of labour cost in PKV, fraction (0.696 = 69.6 %).
    published_pkv : list of float
        SKR's published PKV change, fraction, rounded to 0.1 percentage point in the source.
    status : list of str
        Per year, ``"utfall"`` (outcome) or ``"prognos"`` (forecast) when the table was published.
    other_weight : list of float
        Weight of other consumption, fraction, as published (labour_weight + other_weight = 1 in the source).
    """

    name: str
    published: str
    source: str
    years: list[int]
    labour_cost_change: list[float]
    other_cost_change: list[float]
    labour_weight: list[float]
    published_pkv: list[float]
    status: list[str]
    other_weight: list[float]

    def to_frame(self) -> pd.DataFrame:
        """Return the vintage as a DataFrame indexed by ``year`` (fractions, one column per attribute list)."""
        return pd.DataFrame(
            {
                "labour_cost_change": self.labour_cost_change,
                "other_cost_change": self.other_cost_change,
                "labour_weight": self.labour_weight,
                "other_weight": self.other_weight,
                "published_pkv": self.published_pkv,
                "status": self.status,
            },
            index=pd.Index(self.years, name="year"),
        )


def _fraction(percent: float) -> float:
    """Percent -> fraction, rounded so that 2.7 gives exactly 0.027 (no binary noise from the division)."""
    return round(float(percent) / 100.0, 12)


def pkv_vintages() -> list[str]:
    """Return the names of the PKV vintages available to :func:`pkv_vintage`.

    Returns
    -------
    list of str
        At present ``["skr-2025-report"]``: components, weights and PKV 2022-2024 from SKR as given in the
        report (2025). The older SKL table (published 2017-09-28) has totals only and is available from
        :func:`pkv_history`, not as a vintage.
    """
    return list(_PKV_VINTAGES)


def pkv_vintage(name: str = "skr-2025-report") -> PkvVintage:
    """Return one PKV vintage: labour and other cost changes, labour weight and published PKV per year.

    Parameters
    ----------
    name : str, default "skr-2025-report"
        Vintage name; see :func:`pkv_vintages`.

    Returns
    -------
    PkvVintage
        Years 2022-2024 for ``"skr-2025-report"``; all changes and weights as **fractions** (e.g. labour
        cost change 2022 0.027, labour weight 0.696), converted from the percentages in ``pkv.csv``.

    Raises
    ------
    ValueError
        If `name` is not an available vintage; the message names the value and lists the available ones.
    RuntimeError
        If the embedded file lacks a component for a year of the vintage, or the published weights of labour
        and other consumption do not add up to 100 %.

    Notes
    -----
    Source: ``pkv.csv`` rows with series ``arbetskraftskostnad``, ``ovrig_forbrukning`` and ``pkv_totalt``
    published ``2025`` (SOURCES.md section 11; REPORT-FACTS.md, "Price index"). The figures are SKR's as
    printed in the report; they were not found in a primary SKR source. Combining the components into an
    index is the core's job (``price = w * labour + (1 - w) * other``); this loader only reads them.
    """
    if name not in _PKV_VINTAGES:
        raise ValueError(f"vintage: unknown PKV vintage {name!r}; available: {', '.join(_PKV_VINTAGES)}")
    published, lead = _PKV_VINTAGES[name]
    raw = cached_table(_PKV_FILE)
    rows = raw[(raw["version_publicerad"].astype(str) == published) & raw["serie"].isin(_PKV_COMPONENTS)]
    years = sorted(int(y) for y in rows["ar"].unique())
    if not years:
        raise fail(_PKV_FILE, f"no rows published {published!r} for vintage {name!r}")

    values: dict[str, list[float]] = {key: [] for key in ("labour", "other", "w_labour", "w_other", "pkv")}
    status: list[str] = []
    for year in years:
        by_series = rows[rows["ar"] == year].set_index("serie")
        missing = [s for s in _PKV_COMPONENTS if s not in by_series.index]
        if missing or by_series.index.duplicated().any():
            raise fail(_PKV_FILE, f"vintage {name!r}, year {year}: need one row per series, missing {missing}")
        labour, other, total = (by_series.loc[s] for s in _PKV_COMPONENTS)
        if abs(float(labour["vikt_procent"]) + float(other["vikt_procent"]) - 100.0) > 1e-9:
            raise fail(_PKV_FILE, f"vintage {name!r}, year {year}: weights do not add up to 100 %")
        values["labour"].append(_fraction(labour["forandring_procent"]))
        values["other"].append(_fraction(other["forandring_procent"]))
        values["w_labour"].append(_fraction(labour["vikt_procent"]))
        values["w_other"].append(_fraction(other["vikt_procent"]))
        values["pkv"].append(_fraction(total["forandring_procent"]))
        status.append(str(total["status"]))

    citations = sorted(set(rows["kalla"].dropna().astype(str)))
    return PkvVintage(
        name=name,
        published=published,
        source=f"{lead}. pkv.csv: {'; '.join(citations)}",
        years=years,
        labour_cost_change=values["labour"],
        other_cost_change=values["other"],
        labour_weight=values["w_labour"],
        published_pkv=values["pkv"],
        status=status,
        other_weight=values["w_other"],
    )


@functools.cache
def _pkv_history() -> pd.DataFrame:
    raw = cached_table(_PKV_FILE)
    totals = raw[raw["serie"] == "pkv_totalt"]
    frame = pd.DataFrame(
        {
            "year": totals["ar"].astype("int64"),
            "pkv_change": totals["forandring_procent"].map(_fraction),
            "status": totals["status"].astype(str),
            "published": totals["version_publicerad"].astype(str),
            "source": totals["kalla"].astype(str),
            "note": totals["anm"].fillna("").astype(str),
        }
    )
    return frame.sort_values(["published", "year"], ignore_index=True)


def pkv_history() -> pd.DataFrame:
    """Return every published PKV total in the embedded data (totals only, no components).

    Returns
    -------
    pandas.DataFrame
        One row per published figure, sorted by publication and year, with columns:

        ``year`` : int
            Year of the change.
        ``pkv_change`` : float
            PKV change, **fraction** (0.024 = 2.4 %).
        ``status`` : str
            ``"utfall"`` (outcome) or ``"prognos"`` (forecast) when published.
        ``published`` : str
            ``"2017-09-28"`` for SKL's table 2015-2018 (2018 is only a secondary quote, see ``note``), or
            ``"2025"`` for the totals of vintage ``"skr-2025-report"`` (2022-2024).
        ``source`` : str
            URL or citation from ``pkv.csv``.
        ``note`` : str
            The file's note (``anm``), in Swedish; empty if none.

        There are no figures for 2019-2021 (not found, SOURCES.md section 11).

    Raises
    ------
    RuntimeError
        If the embedded file is missing or damaged.

    Notes
    -----
    Source: ``pkv.csv``, series ``pkv_totalt`` (SOURCES.md section 11). For components and weights use
    :func:`pkv_vintage`.
    """
    return _pkv_history().copy()


