"""Embedded data sets: loaders for the curated public data shipped with the package.

The files in ``kommunbudget/data/`` are unchanged copies of the project's curated public data. ``SOURCES.md``
(in Swedish, next to the files) gives each file's primary source, its columns and the checks made on it;
``RULES.md`` summarises the rules (equalisation, balanced budget, PKV) and ``REPORT-FACTS.md`` the report's
figures. This module only *reads* those files: it renames columns to the project's English identifiers,
converts percentages to fractions where the API expects fractions, and keeps every figure's source next to
it. It contains no model maths (no projection, no tax or equalisation computations).

Conventions (see DESIGN.md section 2)
-------------------------------------
* Municipality codes are 4-digit strings with the leading zero kept (``"0114"``); county codes 2-digit
  strings (``"01"``).
* Tax rates are in kr per 100 kr of taxable earned income (20.92 means 20.92 %), municipal part only unless
  the column says ``total`` or ``region``.
* Amounts are nominal MSEK with the sign of the Swedish income statement: income positive, costs negative.
* Growth rates, price changes and weights returned by :func:`pkv_vintage` and :func:`pkv_history` are
  **fractions** (0.027 = 2.7 %), converted from the percentages stored in ``pkv.csv``.

Loaded tables are cached; every public function returns a fresh copy, so callers may modify what they get.

Errors
------
Invalid user input (unknown municipality, vintage, document or year) raises ``ValueError`` whose message
names the field, the value given and what is available. A damaged or missing embedded file raises
``RuntimeError`` naming the file.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import io
import re
import unicodedata
from importlib import resources
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "PkvVintage",
    "adopted_budget",
    "budget_statement",
    "data_sources",
    "find_municipality",
    "municipalities",
    "pkv_history",
    "pkv_vintage",
    "pkv_vintages",
    "read_table",
    "sjobo_budget_2024",
    "tax_rates",
]

# --------------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------------

_PACKAGE = "kommunbudget"
_DATA_DIR = "data"

_TAX_RATES_FILE = "skattesatser_kommun.csv"
_POPULATION_FILE = "befolkning_kommun_2024.csv"
_PKV_FILE = "pkv.csv"
_STATEMENTS_FILE = "resultatrakningar_exempel.csv"

# Columns holding codes that must stay text (leading zeros): municipality, county and national codes.
_CODE_COLUMNS = ("kommunkod", "kod", "lan_kod")

_N_MUNICIPALITIES = 290


def _data_dir() -> Traversable:
    return resources.files(_PACKAGE) / _DATA_DIR


def _csv_files() -> list[str]:
    return sorted(entry.name for entry in _data_dir().iterdir() if entry.name.endswith(".csv"))


@functools.lru_cache(maxsize=None)
def _read_csv(name: str) -> pd.DataFrame:
    """Read one embedded CSV once. Code columns are text; an empty cell is a missing value (NaN)."""
    resource = _data_dir() / name
    if not resource.is_file():
        raise RuntimeError(
            f"embedded data file {name!r} is missing from the installed package "
            f"({_PACKAGE}/{_DATA_DIR}/); reinstall kommunbudget"
        )
    text = resource.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0].rstrip("\r").split(",")
    dtype = {column: str for column in _CODE_COLUMNS if column in header}
    # Only an empty cell means "missing" (SOURCES.md); strings such as "NA" are never reinterpreted.
    return pd.read_csv(io.StringIO(text), dtype=dtype, keep_default_na=False, na_values=[""])


def _fail(file: str, message: str) -> RuntimeError:
    return RuntimeError(f"embedded data file {file!r}: {message}")


def read_table(file: str) -> pd.DataFrame:
    """Return one embedded CSV file as it is stored, with its Swedish column names.

    Parameters
    ----------
    file : str
        File name inside ``kommunbudget/data/``, e.g. ``"skattekraft.csv"`` (see :func:`data_sources`).

    Returns
    -------
    pandas.DataFrame
        The file's rows and columns unchanged, except that code columns (``kommunkod``, ``kod``, ``lan_kod``)
        are read as text so leading zeros are kept, and an empty cell is NaN. Units are those of the file:
        see ``SOURCES.md`` (column suffixes ``_mnkr`` = MSEK, ``_tkr`` = thousand kr, ``_procent`` = percent,
        ``_derived`` = computed by the curator, not published).

    Raises
    ------
    ValueError
        If `file` is not one of the embedded CSV files; the message lists them.
    """
    available = _csv_files()
    if file not in available:
        raise ValueError(f"file: no embedded data file {file!r}; available: {', '.join(available)}")
    return _read_csv(file).copy()


# --------------------------------------------------------------------------------------------------------------
# Municipalities and tax rates
# --------------------------------------------------------------------------------------------------------------

# Sources of the tax-rate columns, from SOURCES.md section 1.
_TAX_SOURCE = {
    "2024_total": (
        "Skatteverket, skattesatser-kommuner-2024-v3 (via github.com/inthevidual/skattesnurra data/2024.js)"
    ),
    "2024_municipal": (
        "derived by the data curator: total 2024 minus the region rate, assumed equal to 2025 except "
        "Värmland 11.68, Dalarna 11.64 and Gotland (whole rate municipal); SOURCES.md section 1"
    ),
    "2025": (
        "Skatteverket (via github.com/bombsimon/household-budget src/data/municipalities.ts, 2025-09-18); "
        "checked against hardrockhodl/salary and skattesnurra data/2025.js"
    ),
    "2026": (
        "SCB TAB2017 Kommunalskatter 2000- (OE0101), updated 2025-12-15 "
        "(via github.com/VictorHedegran/java-px-parser src/test/resources/TAB2017.px)"
    ),
}

# Municipal 2024 rates where the derived column is known to be wrong. SOURCES.md, last section ("Kontroll mot
# rapportens tabeller", 2026-11-30): the derived value agrees with SCB's figures in the report's Tables 2-3 for
# 58 of 59 municipalities; Vindeln lowered its rate from 23.60 to 23.35 in 2024, so SCB's 23.35 is used.
_TAX_RATE_2024_CORRECTIONS = {
    "2404": (
        23.35,
        "SCB via the report (Tables 2-3), replacing the derived 23.60 in skattesatser_kommun.csv; "
        "SOURCES.md, 'Kontroll mot rapportens tabeller'",
    ),
}


@functools.lru_cache(maxsize=None)
def _municipalities() -> pd.DataFrame:
    rates = _read_csv(_TAX_RATES_FILE)
    population = _read_csv(_POPULATION_FILE)
    for file, frame in ((_TAX_RATES_FILE, rates), (_POPULATION_FILE, population)):
        codes = frame["kommunkod"]
        if len(frame) != _N_MUNICIPALITIES or codes.duplicated().any():
            raise _fail(file, f"expected {_N_MUNICIPALITIES} rows with unique codes, found {len(frame)}")
        bad = codes[~codes.astype(str).str.fullmatch(r"\d{4}")]
        if len(bad):
            raise _fail(file, f"municipality codes must have 4 digits, found {list(bad)[:5]}")
    merged = rates.merge(population, on="kommunkod", how="inner", suffixes=("", "_population"))
    if len(merged) != _N_MUNICIPALITIES:
        raise _fail(_POPULATION_FILE, f"codes do not match {_TAX_RATES_FILE}")
    mismatched = merged[merged["kommun"] != merged["kommun_population"]]
    if len(mismatched):
        raise _fail(_POPULATION_FILE, f"names differ from {_TAX_RATES_FILE}: {list(mismatched['kommun'])[:5]}")

    frame = pd.DataFrame(
        {
            "code": merged["kommunkod"].astype(str),
            "name": merged["kommun"].astype(str),
            "county_code": merged["lan_kod"].astype(str),
            "county": merged["lan"].astype(str),
            "population_2024": merged["folkmangd_2024_12_31"].astype("int64"),
            "tax_rate_2024": merged["skattesats_kommun_2024_derived"].astype(float),
            "tax_rate_2024_basis": "derived",
            "tax_rate_2025": merged["skattesats_kommun_2025"].astype(float),
            "tax_rate_2026": merged["skattesats_kommun_2026"].astype(float),
        }
    )
    for code, (rate, _note) in _TAX_RATE_2024_CORRECTIONS.items():
        row = frame["code"] == code
        frame.loc[row, "tax_rate_2024"] = rate
        frame.loc[row, "tax_rate_2024_basis"] = "corrected"
    if frame.drop(columns=["tax_rate_2024_basis"]).isna().any().any():
        raise _fail(_TAX_RATES_FILE, "missing values in the municipality table")
    return frame.sort_values("code", ignore_index=True)


def municipalities() -> pd.DataFrame:
    """Return all 290 Swedish municipalities with county, population and municipal tax rates.

    Returns
    -------
    pandas.DataFrame
        One row per municipality, sorted by code, with columns:

        ``code`` : str
            SCB's 4-digit municipality code, leading zero kept (``"0114"`` Upplands Väsby).
        ``name`` : str
            Municipality name as SCB spells it (``"Sjöbo"``).
        ``county_code`` : str
            2-digit county (län) code (``"12"``).
        ``county`` : str
            County name (``"Skåne län"``).
        ``population_2024`` : int
            Population on 31 December 2024, persons. Note that the equalisation system uses the population
            on 1 November of the preceding year, a different figure that is not embedded.
        ``tax_rate_2024`` : float
            Municipal tax rate 2024, kr per 100 kr, municipal part only. **Derived, not published**: the
            total rate 2024 (Skatteverket) minus the region's rate, assumed equal to 2025 except Värmland
            (11.68), Dalarna (11.64) and Gotland (no region). Treat it as uncertain in counties whose region
            rate changed between 2024 and 2025.
        ``tax_rate_2024_basis`` : str
            ``"derived"`` for the value above, or ``"corrected"`` where the derived value is known to be
            wrong and SCB's value quoted in the report (Tables 2-3) is used instead: Vindeln (2404) 23.35
            instead of 23.60.
        ``tax_rate_2025`` : float
            Municipal tax rate 2025, kr per 100 kr (Skatteverket).
        ``tax_rate_2026`` : float
            Municipal tax rate 2026, kr per 100 kr (SCB TAB2017).

        Gotland (0980) has no region; its whole rate (33.60) is municipal.

    Raises
    ------
    RuntimeError
        If the embedded files are missing or inconsistent (not 290 unique 4-digit codes, names that differ
        between the two files).

    Notes
    -----
    Sources: ``skattesatser_kommun.csv`` (SOURCES.md section 1; Skatteverket 2024 and 2025, SCB TAB2017 2026)
    and ``befolkning_kommun_2024.csv`` (section 2; SCB via Kolada N01951; sums to SCB's national total
    10 587 710). The region and total rates are in :func:`tax_rates`.
    """
    return _municipalities().copy()


@functools.lru_cache(maxsize=None)
def _tax_rates() -> pd.DataFrame:
    raw = _read_csv(_TAX_RATES_FILE).sort_values("kommunkod", ignore_index=True)
    parts = []
    for year in (2024, 2025, 2026):
        if year == 2024:
            municipal = raw["skattesats_kommun_2024_derived"].astype(float)
            region = pd.Series(float("nan"), index=raw.index)
            basis = pd.Series("derived", index=raw.index, dtype=object)
            source = pd.Series(
                f"municipal: {_TAX_SOURCE['2024_municipal']}; total: {_TAX_SOURCE['2024_total']}",
                index=raw.index,
                dtype=object,
            )
        else:
            municipal = raw[f"skattesats_kommun_{year}"].astype(float)
            region = raw[f"skattesats_region_{year}"].astype(float)
            basis = pd.Series("published", index=raw.index, dtype=object)
            source = pd.Series(_TAX_SOURCE[str(year)], index=raw.index, dtype=object)
        part = pd.DataFrame(
            {
                "code": raw["kommunkod"].astype(str),
                "name": raw["kommun"].astype(str),
                "county_code": raw["lan_kod"].astype(str),
                "year": year,
                "municipal_rate": municipal,
                "region_rate": region,
                "total_rate": raw[f"skattesats_total_{year}"].astype(float),
                "municipal_rate_basis": basis,
                "source": source,
            }
        )
        if year == 2024:
            for code, (rate, note) in _TAX_RATE_2024_CORRECTIONS.items():
                row = part["code"] == code
                part.loc[row, "municipal_rate"] = rate
                part.loc[row, "municipal_rate_basis"] = "corrected"
                part.loc[row, "source"] = f"municipal: {note}; total: {_TAX_SOURCE['2024_total']}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True).sort_values(["code", "year"], ignore_index=True)


def tax_rates() -> pd.DataFrame:
    """Return the municipal, region and total tax rates 2024-2026 for all 290 municipalities (long format).

    Returns
    -------
    pandas.DataFrame
        One row per municipality and year (290 x 3 = 870 rows), sorted by code and year, with columns:

        ``code``, ``name``, ``county_code`` : str
            As in :func:`municipalities`.
        ``year`` : int
            2024, 2025 or 2026.
        ``municipal_rate`` : float
            Municipal tax rate, kr per 100 kr.
        ``region_rate`` : float
            Region tax rate, kr per 100 kr; 0.00 for Gotland; **NaN for 2024**, which the embedded data do not
            hold as a figure of its own (see ``municipal_rate_basis``).
        ``total_rate`` : float
            Total local income tax (municipality + region), kr per 100 kr, as published.
        ``municipal_rate_basis`` : str
            ``"published"`` (2025 Skatteverket, 2026 SCB); ``"derived"`` (2024: total minus an assumed region
            rate, computed by the data curator, SOURCES.md section 1); ``"corrected"`` (2024 Vindeln: SCB's
            23.35 quoted in the report replaces the derived 23.60). For the corrected row the municipal and
            region parts no longer add up to the stored total 34.95, which itself is doubtful.
        ``source`` : str
            Citation for the figures in the row.

    Raises
    ------
    RuntimeError
        If the embedded file is missing or damaged.

    Notes
    -----
    Source: ``skattesatser_kommun.csv`` (SOURCES.md section 1). Long format is used so that each figure can
    carry its own basis and source; :func:`municipalities` has the municipal rates in wide form.
    """
    _municipalities()  # validates the file
    return _tax_rates().copy()


# --------------------------------------------------------------------------------------------------------------
# Finding a municipality by name or code
# --------------------------------------------------------------------------------------------------------------

_FIELD = "municipality"
_NAME_SUFFIXES = (" kommun", " stad", " municipality")


def _light(text: str) -> str:
    """Case-fold and normalise separators (hyphen, en dash, underscore, runs of spaces) to one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[-\u2013\u2014_]", " ", text).split())


def _fold(text: str) -> str:
    """:func:`_light` and drop diacritics: 'Sjöbo' -> 'sjobo', 'Malung-Sälen' -> 'malung salen'."""
    decomposed = unicodedata.normalize("NFKD", _light(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _describe(frame: pd.DataFrame) -> str:
    return ", ".join(f"{name} ({code})" for code, name in zip(frame["code"], frame["name"]))


def _ambiguous(query: str, frame: pd.DataFrame) -> ValueError:
    return ValueError(
        f"{_FIELD}: {query!r} is ambiguous; it matches {_describe(frame)}. "
        "Give the full name or the 4-digit code."
    )


def find_municipality(query: str | int) -> str:
    """Return the 4-digit code of the municipality named or coded by `query`.

    Matching, in this order (the first step that matches decides):

    1. a code: 4 digits (``"1265"``; 3 digits or an ``int`` are zero-padded, so ``114`` gives ``"0114"``);
    2. the exact name, ignoring case, surrounding spaces and hyphen/space differences (``"SJÖBO"``,
       ``"upplands bro"``);
    3. the name with diacritics ignored (``"Sjobo"``, ``"malmo"``, ``"Malung Salen"``);
    4. the same after dropping a trailing "kommun", "stad" or "municipality" and a genitive "s"
       (``"Lunds kommun"``, ``"Malmö stad"``);
    5. the leading whole words of exactly one name (``"Malung"`` gives Malung-Sälen).

    Parameters
    ----------
    query : str or int
        Municipality name (case-insensitive, diacritics optional) or code.

    Returns
    -------
    str
        SCB's 4-digit municipality code, e.g. ``"1265"``.

    Raises
    ------
    ValueError
        If nothing matches (the message names the field ``municipality``, repeats the value and suggests
        close names), or if the query is ambiguous (the message lists the candidates with their codes),
        e.g. ``"Upplands"`` (Upplands Väsby, Upplands-Bro). Note that Habo (0643) and Håbo (0305) differ
        only by a diacritic: ``"Habo"`` is the exact name of Habo and returns ``"0643"``; Håbo needs its
        ring (``"Håbo"``) or its code.
    TypeError
        If `query` is neither a string nor an integer.

    Notes
    -----
    Names and codes come from ``skattesatser_kommun.csv`` / ``befolkning_kommun_2024.csv`` (SOURCES.md
    sections 1-2).
    """
    if isinstance(query, bool) or not isinstance(query, (str, int)):
        raise TypeError(f"{_FIELD}: expected a name or a 4-digit code as str, got {type(query).__name__}")
    table = _municipalities()
    text = str(query).strip()
    if not text:
        raise ValueError(f"{_FIELD}: empty value; give a municipality name or 4-digit code, e.g. 'Sjöbo' or '1265'")

    if text.isdigit():
        if len(text) not in (3, 4):
            raise ValueError(
                f"{_FIELD}: {query!r} is not a municipality code; codes have 4 digits, e.g. '1265' (Sjöbo)"
            )
        code = text.zfill(4)
        if code in set(table["code"]):
            return code
        raise ValueError(f"{_FIELD}: no municipality has code {query!r}; codes have 4 digits, e.g. '1265' (Sjöbo)")

    light_names = table["name"].map(_light)
    folded_names = table["name"].map(_fold)

    def exact(candidate: str) -> pd.DataFrame | None:
        hits = table[light_names == _light(candidate)]
        if len(hits) == 1:
            return hits
        hits = table[folded_names == _fold(candidate)]
        if len(hits) > 1:
            raise _ambiguous(str(query), hits)
        return hits if len(hits) == 1 else None

    hit = exact(text)
    if hit is None:
        lowered = _light(text)
        for suffix in _NAME_SUFFIXES:
            if lowered.endswith(suffix) and len(lowered) > len(suffix):
                stem = lowered[: -len(suffix)].strip()
                hit = exact(stem)
                if hit is None and stem.endswith("s"):
                    hit = exact(stem[:-1])
                break
    if hit is None:
        words = _fold(text).split()
        prefix = folded_names.map(lambda name: name.split()[: len(words)] == words)
        hits = table[prefix]
        if len(hits) > 1:
            raise _ambiguous(str(query), hits)
        if len(hits) == 1:
            hit = hits
    if hit is not None:
        return str(hit["code"].iloc[0])

    by_folded: dict[str, list] = {}
    for folded, index in zip(folded_names, table.index):
        by_folded.setdefault(folded, []).append(index)
    close = difflib.get_close_matches(_fold(text), list(by_folded), n=5, cutoff=0.6)
    hint = f" Did you mean: {_describe(table.loc[[i for c in close for i in by_folded[c]]])}?" if close else ""
    raise ValueError(
        f"{_FIELD}: no Swedish municipality matches {query!r}.{hint} "
        "Give the name (diacritics optional) or the 4-digit code."
    )


# --------------------------------------------------------------------------------------------------------------
# PKV (SKR's price index for municipal activity)
# --------------------------------------------------------------------------------------------------------------

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
    raw = _read_csv(_PKV_FILE)
    rows = raw[(raw["version_publicerad"].astype(str) == published) & raw["serie"].isin(_PKV_COMPONENTS)]
    years = sorted(int(y) for y in rows["ar"].unique())
    if not years:
        raise _fail(_PKV_FILE, f"no rows published {published!r} for vintage {name!r}")

    values: dict[str, list[float]] = {key: [] for key in ("labour", "other", "w_labour", "w_other", "pkv")}
    status: list[str] = []
    for year in years:
        by_series = rows[rows["ar"] == year].set_index("serie")
        missing = [s for s in _PKV_COMPONENTS if s not in by_series.index]
        if missing or by_series.index.duplicated().any():
            raise _fail(_PKV_FILE, f"vintage {name!r}, year {year}: need one row per series, missing {missing}")
        labour, other, total = (by_series.loc[s] for s in _PKV_COMPONENTS)
        if abs(float(labour["vikt_procent"]) + float(other["vikt_procent"]) - 100.0) > 1e-9:
            raise _fail(_PKV_FILE, f"vintage {name!r}, year {year}: weights do not add up to 100 %")
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


@functools.lru_cache(maxsize=None)
def _pkv_history() -> pd.DataFrame:
    raw = _read_csv(_PKV_FILE)
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


# --------------------------------------------------------------------------------------------------------------
# Income statements (budgets and annual reports)
# --------------------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _statements() -> pd.DataFrame:
    raw = _read_csv(_STATEMENTS_FILE)
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
        table = _municipalities()
        having = table[table["code"].isin(set(statements["code"]))]
        name = table.loc[table["code"] == resolved, "name"].iloc[0]
        raise ValueError(
            f"{_FIELD}: no embedded income statement for {name} ({resolved}); "
            f"available for {_describe(having)}"
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
    Source: ``resultatrakningar_exempel.csv`` (SOURCES.md section 7).
    """
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
        raise _fail(_STATEMENTS_FILE, f"document {document!r} has two amounts for year {first[0]}, item {first[1]}")

    result: dict = {}
    kinds: dict[int, str] = {}
    for year, group in rows.groupby("year", sort=True):
        result[int(year)] = {str(item): float(amount) for item, amount in zip(group["item"], group["amount_msek"])}
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


# --------------------------------------------------------------------------------------------------------------
# Catalogue of the embedded data
# --------------------------------------------------------------------------------------------------------------

# file -> (dataset, SOURCES.md section, primary source, caveats, years, loaders)
# years: column names whose values are years, and/or fixed years (int) the file holds in other columns;
# None means "the 4-digit years in the column names".
_CATALOGUE: dict[str, tuple[str, str, str, str, tuple[str | int, ...] | None, str]] = {
    "skattesatser_kommun.csv": (
        "Tax rates per municipality", "1",
        "Skatteverket (2024 total, 2025); SCB TAB2017 (2026)",
        "2024 municipal rate derived (total - assumed region rate); Vindeln 2024 corrected by the loader",
        None, "municipalities, tax_rates"),
    "befolkning_kommun_2024.csv": (
        "Population 31 Dec 2024", "2", "SCB via Kolada N01951", "", None, "municipalities"),
    "skattekraft.csv": (
        "Tax capacity, Stockholm county 2017; national and counties 2024", "3",
        "SCB/Sweco via Stockholms stad; SCB (2024)", "2024 partly secondary", ("ar",), ""),
    "ekonomiskt_bistand.csv": (
        "Social assistance paid, selected counties", "4", "Socialstyrelsen via Regionfakta",
        "partial coverage; Degerfors 2017 doubtful", ("ar",), ""),
    "nettokostnadsavvikelse_skane.csv": (
        "Net cost deviation (NKA), Skåne", "5", "Kolada (via Sillen2024/hoor-kommunval)",
        "2025 preliminary", ("ar",), ""),
    "kostnader_skane_regionfakta.csv": (
        "Costs per inhabitant, Skåne", "6", "SCB via Regionfakta",
        "cost concepts differ from Kolada's net cost", ("ar",), ""),
    "resultatrakningar_exempel.csv": (
        "Income statements (examples)", "7", "municipal budgets and annual reports",
        "same year/item from several documents (filter by source)", ("ar",),
        "budget_statement, adopted_budget, sjobo_budget_2024"),
    "utjamning_stockholms_lan_2018.csv": (
        "Equalisation per inhabitant, Stockholm county", "8", "SCB/Sweco via Stockholms stad", "", ("ar",), ""),
    "nyckeltal_riket.csv": (
        "National key figures", "9", "SCB, SKR, Government (as cited per row)", "some secondary", ("ar",), ""),
    "kolada_kpi_urval.csv": (
        "Kolada KPI catalogue (selection)", "10", "Kolada (via peterk/tableau-kolada-proxy, 2021)", "", (), ""),
    "pkv.csv": (
        "PKV price index", "11", "SKL 2017-09-28 (totals 2015-2018); SKR via the report 2025 (2022-2024)",
        "2018 secondary; 2022-2024 not found in a primary source", ("ar",), "pkv_vintage, pkv_history"),
    "upprakningsfaktorer.csv": (
        "Uprating factors for the tax base", "12", "Government ordinances (SFS)",
        "implicit growth derived", ("budgetar", "inkomstar"), ""),
    "skatteunderlagsprognos.csv": (
        "Tax base growth (outcomes and forecasts)", "13", "SKR", "forecast rounds differ; some secondary",
        ("ar",), ""),
    "skattekraft_tillvaxt_2025.csv": (
        "Tax capacity growth 2025, all municipalities", "14",
        "SCB OE0101 (via Maibra23/kommun-skattekraft-stress)", "derived growth; levels missing", ("ar",), ""),
    "kommunala_budgetforutsattningar.csv": (
        "Budget assumptions (Sjöbo, Höör, Vimmerby)", "15", "municipal budget documents",
        "implicit tax base derived", ("budgetar",), ""),
    "lokaler_exempel.csv": (
        "Premises and property sales (examples)", "16", "municipal and news sources (per row)",
        "book values derived", ("ar",), ""),
    "ekonomiskt_bistand_komplettering.csv": (
        "Social assistance, Stockholm city and national (supplement)", "17",
        "Stockholms stad; Socialstyrelsen (secondary)", "scope differs from Socialstyrelsen", ("ar",), ""),
    "ekonomiskt_bistand_andel_urval.csv": (
        "Share of inhabitants on social assistance (12 municipalities)", "18",
        "Kolada/Faktadriven (via ordnaswe/val26)", "year unknown", ("ar",), ""),
    "nyckeltal_riket_komplettering.csv": (
        "National key figures (supplement)", "19", "SKR; SCB (partly secondary)", "some secondary", ("ar",), ""),
    "skatteunderlag_kommun.csv": (
        "Tax capacity 2023 (and 2019), all municipalities", "20",
        "SCB OE0101 (via mattiasnordin/Regression)", "tax base approximate (derived)",
        ("skattekraft_ar", 2019), ""),
    "nettokostnad_verksamhet_kommun_2024.csv": (
        "Net cost by service area (RS, 32 codes) 2024", "21", "SCB TAB4199 (OE0107)", "", ("ar",), ""),
    "nettokostnad_kommun_2024.csv": (
        "Net cost by model service area 2024", "22", "SCB TAB4199 (OE0107)",
        "sums and kr per inhabitant derived", ("ar",), ""),
    "ekonomiskt_bistand_alla.csv": (
        "Social assistance net cost (RS 575) 2024, all municipalities", "23", "SCB TAB4199 (OE0107)",
        "kr per inhabitant derived; not the amount paid", ("ar",), ""),
    "lansvisa_skattesatser_utjamning.csv": (
        "County rates for income equalisation (grant; fee where found)", "RULES.md §2",
        "förordning (2004:881) 2 §, SFS 2023:683 (four counties SFS 2019:797); fees SFS 2015:1011",
        "transcribed from RULES.md; fee rates only for Stockholm and Uppsala", (), "equalisation_rates"),
}


def _format_years(years: set[int]) -> str:
    if not years:
        return ""
    ordered = sorted(years)
    runs: list[list[int]] = [[ordered[0], ordered[0]]]
    for year in ordered[1:]:
        if year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _years_of(frame: pd.DataFrame, spec: tuple[str | int, ...] | None) -> set[int]:
    if spec is None:
        texts = [str(column) for column in frame.columns]
    else:
        texts = [str(v) for item in spec if isinstance(item, str) and item in frame for v in frame[item].dropna()]
    found = {int(y) for text in texts for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
    for text in texts:  # a range written as a value, e.g. "2013-2016", covers the years between
        for first, last in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*[-\u2013]\s*((?:19|20)\d{2})(?!\d)", text):
            found |= set(range(int(first), int(last) + 1))
    return found | {item for item in (spec or ()) if isinstance(item, int)}


@functools.lru_cache(maxsize=None)
def _data_sources() -> pd.DataFrame:
    records = []
    for file in _csv_files():
        frame = _read_csv(file)
        dataset, section, source, flags, year_columns, loaders = _CATALOGUE.get(
            file, (file.removesuffix(".csv"), "", "see SOURCES.md", "not catalogued", (), "")
        )
        records.append(
            {
                "dataset": dataset,
                "file": file,
                "rows": len(frame),
                "years": _format_years(_years_of(frame, year_columns)) or ("unknown" if year_columns else ""),
                "primary_source": source,
                "sources_section": (section if section.startswith("RULES.md") else f"SOURCES.md §{section}")
                if section else "",
                "flags": flags,
                "loader": loaders,
            }
        )
    order = {file: i for i, file in enumerate(_CATALOGUE)}
    frame = pd.DataFrame.from_records(records)
    return frame.sort_values("file", key=lambda s: s.map(lambda f: order.get(f, len(order))), ignore_index=True)


def data_sources() -> pd.DataFrame:
    """Return a catalogue of the embedded data files, for listing (e.g. by a CLI ``datasets`` command).

    Returns
    -------
    pandas.DataFrame
        One row per CSV file in ``kommunbudget/data/``, in the order of SOURCES.md, with columns:

        ``dataset`` : str
            Short English description.
        ``file`` : str
            File name (readable with :func:`read_table`).
        ``rows`` : int
            Number of data rows, counted from the file.
        ``years`` : str
            Years covered, read from the file's year column(s) or year-bearing column names, as ranges
            (``"2015-2018, 2022-2024"``); ``"unknown"`` when the file has a year column but no years, ``""``
            when years do not apply.
        ``primary_source`` : str
            The primary producer of the figures (the route by which they were obtained is in SOURCES.md).
        ``sources_section`` : str
            Section of SOURCES.md describing the file, its checks and its gaps.
        ``flags`` : str
            Caveats: derived, approximate, secondary or preliminary figures; empty when none.
        ``loader`` : str
            Functions of :mod:`kommunbudget.data` that read the file; empty if only :func:`read_table` does.

    Raises
    ------
    RuntimeError
        If an embedded file is missing or unreadable.
    """
    return _data_sources().copy()


@functools.lru_cache(maxsize=None)
def _equalisation_rates() -> pd.DataFrame:
    frame = _read_csv("lansvisa_skattesatser_utjamning.csv")
    out = pd.DataFrame({
        "county_code": frame["lan_kod"].astype(str).str.zfill(2),
        "county": frame["lan"],
        "grant_rate": frame["skattesats_bidrag"].astype(float),
        "grant_rate_source": frame["kalla_bidrag"],
        "fee_rate": pd.to_numeric(frame["skattesats_avgift"], errors="coerce"),
        "fee_rate_source": frame["kalla_avgift"].fillna(""),
        "note": frame["anm"].fillna(""),
    })
    return out


def equalisation_rates() -> pd.DataFrame:
    """County rates (länsvisa skattesatser) used by the income equalisation, kr per 100 kr.

    Returns
    -------
    pandas.DataFrame
        21 rows, columns ``county_code`` (2-digit text), ``county``, ``grant_rate`` (for the grant, förordning
        (2004:881) 2 §, SFS 2023:683; four counties from SFS 2019:797), ``grant_rate_source``, ``fee_rate`` (for
        the fee, SFS 2015:1011; only Stockholm 16.98 and Uppsala 17.07 are in the data, NaN elsewhere),
        ``fee_rate_source``, ``note``. Transcribed from RULES.md §2 into ``lansvisa_skattesatser_utjamning.csv``.
    """
    return _equalisation_rates().copy()


def equalisation_rate(county_code: str) -> dict:
    """The county's rates as a dict with the columns of :func:`equalisation_rates`.

    Raises
    ------
    ValueError
        For a county code not in the table (the message names the code and lists the known ones).
    """
    table = _equalisation_rates()
    code = str(county_code).zfill(2)
    row = table[table["county_code"] == code]
    if row.empty:
        raise ValueError(f"county_code = {county_code!r} is not a Swedish county with an equalisation rate; "
                         f"expected one of: {', '.join(table['county_code'])}")
    return row.iloc[0].to_dict()
