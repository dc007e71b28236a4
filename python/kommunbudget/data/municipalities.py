"""Municipalities (kommuner), their counties, populations and tax rates, and finding one by name or code.

Reads ``skattesatser_kommun.csv`` (SOURCES.md §1: Skatteverket 2024 and 2025, SCB TAB2017 2026) and
``befolkning_kommun_2024.csv`` (§2: SCB via Kolada N01951, 31 December 2024). Conventions in ``docs/data.md``:
codes are 4-digit text with the leading zero kept; tax rates are kr per 100 kr, the municipal part only unless a
column says ``total`` or ``region``. The tables are indexed once per process (:func:`info`), so a lookup by code is
a dictionary access, not a table scan.
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from kommunbudget.data.tables import N_MUNICIPALITIES, cached_table, fail

_TAX_RATES_FILE = "skattesatser_kommun.csv"
_POPULATION_FILE = "befolkning_kommun_2024.csv"

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


@functools.cache
def municipality_table() -> pd.DataFrame:
    """The table of :func:`municipalities`, built once per process and shared (callers must not modify it)."""
    rates = cached_table(_TAX_RATES_FILE)
    population = cached_table(_POPULATION_FILE)
    for file, frame in ((_TAX_RATES_FILE, rates), (_POPULATION_FILE, population)):
        codes = frame["kommunkod"]
        if len(frame) != N_MUNICIPALITIES or codes.duplicated().any():
            raise fail(file, f"expected {N_MUNICIPALITIES} rows with unique codes, found {len(frame)}")
        bad = codes[~codes.astype(str).str.fullmatch(r"\d{4}")]
        if len(bad):
            raise fail(file, f"municipality codes must have 4 digits, found {list(bad)[:5]}")
    merged = rates.merge(population, on="kommunkod", how="inner", suffixes=("", "_population"))
    if len(merged) != N_MUNICIPALITIES:
        raise fail(_POPULATION_FILE, f"codes do not match {_TAX_RATES_FILE}")
    mismatched = merged[merged["kommun"] != merged["kommun_population"]]
    if len(mismatched):
        raise fail(_POPULATION_FILE, f"names differ from {_TAX_RATES_FILE}: {list(mismatched['kommun'])[:5]}")

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
        raise fail(_TAX_RATES_FILE, "missing values in the municipality table")
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
    return municipality_table().copy()


@functools.cache
def _tax_rates() -> pd.DataFrame:
    raw = cached_table(_TAX_RATES_FILE).sort_values("kommunkod", ignore_index=True)
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
    municipality_table()  # validates the file
    return _tax_rates().copy()


_FIELD = "municipality"
_NAME_SUFFIXES = (" kommun", " stad", " municipality")


@dataclass(frozen=True)
class MunicipalityInfo:
    """One municipality's identity and figures, from the indexed table (see :func:`municipalities`).

    Attributes
    ----------
    code, name, county_code, county : str
        SCB's 4-digit code, the name as SCB spells it, the 2-digit county code and the county's name.
    population_2024 : int
        Inhabitants on 31 December 2024 (SCB via Kolada N01951).
    tax_rates : dict[int, tuple[float, str, str]]
        Own municipal rate by year (kr per 100 kr) with its basis (``published``, ``derived`` or ``corrected``)
        and source, as in :func:`tax_rates`.
    """

    code: str
    name: str
    county_code: str
    county: str
    population_2024: int
    tax_rates: dict[int, tuple[float, str, str]]

    @property
    def label(self) -> str:
        """'Sjöbo (1265)'."""
        return f"{self.name} ({self.code})"


@functools.lru_cache(maxsize=1)
def _info_index() -> dict[str, MunicipalityInfo]:
    rates: dict[str, dict[int, tuple[float, str, str]]] = {}
    for r in _tax_rates().itertuples(index=False):
        rates.setdefault(r.code, {})[int(r.year)] = (float(r.municipal_rate), str(r.municipal_rate_basis),
                                                      str(r.source))
    return {r.code: MunicipalityInfo(r.code, r.name, r.county_code, r.county, int(r.population_2024),
                                     rates[r.code])
            for r in municipality_table().itertuples(index=False)}


def info(code: str) -> MunicipalityInfo:
    """The indexed record of a municipality by its 4-digit code (a dictionary access; use
    :func:`find_municipality` first for a name).

    Raises
    ------
    ValueError
        For a code that is not one of the 290 (the message names it).
    """
    index = _info_index()
    if code not in index:
        raise ValueError(f"{_FIELD}: no municipality has code {code!r}; codes have 4 digits, e.g. '1265' (Sjöbo)")
    return index[code]


def all_codes() -> list[str]:
    """The 290 codes, sorted."""
    return list(_info_index())


def _light(text: str) -> str:
    """Case-fold and normalise separators (hyphen, en dash, underscore, runs of spaces) to one space."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[-\u2013\u2014_]", " ", text).split())


def _fold(text: str) -> str:
    """:func:`_light` and drop diacritics: 'Sjöbo' -> 'sjobo', 'Malung-Sälen' -> 'malung salen'."""
    decomposed = unicodedata.normalize("NFKD", _light(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def describe_rows(frame: pd.DataFrame) -> str:
    """'Upplands Väsby (0114), Upplands-Bro (0139)' for the rows of a table with ``code`` and ``name``."""
    return _describe_pairs(zip(frame["code"], frame["name"], strict=True))


def _describe_pairs(pairs) -> str:
    return ", ".join(f"{name} ({code})" for code, name in pairs)


@functools.lru_cache(maxsize=1)
def _name_index() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Codes, names, light names and folded names, computed once per process."""
    table = municipality_table()
    names = tuple(table["name"])
    return tuple(table["code"]), names, tuple(_light(n) for n in names), tuple(_fold(n) for n in names)


def _ambiguous(query: str, hits: list[int]) -> ValueError:
    """The error for a query that matches several names; ``query`` as shown (repr)."""
    codes, names, _light_names, _folded = _name_index()
    return ValueError(
        f"{_FIELD}: {query} is ambiguous; it matches {_describe_pairs((codes[i], names[i]) for i in hits)}. "
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
    return _find(str(query).strip(), repr(query))


@functools.lru_cache(maxsize=2048)
def _find(text: str, shown: str) -> str:
    """find_municipality for stripped text (cached per process; errors are not cached)."""
    codes, _names, _light_names, _folded_names = _name_index()
    if not text:
        raise ValueError(f"{_FIELD}: empty value; give a municipality name or 4-digit code, e.g. 'Sjöbo' or '1265'")
    if text.isdigit():
        return _find_code(text, shown)
    hit = _exact_hit(text, shown)
    if hit is None:
        hit = _suffix_hit(text, shown)
    if hit is None:
        hit = _prefix_hit(text, shown)
    if hit is not None:
        return codes[hit]
    raise _no_match(text, shown)


def _find_code(text: str, shown: str) -> str:
    """The code a query of digits names (3 digits zero-padded); an error if no municipality has it."""
    if len(text) not in (3, 4):
        raise ValueError(
            f"{_FIELD}: {shown} is not a municipality code; codes have 4 digits, e.g. '1265' (Sjöbo)"
        )
    code = text.zfill(4)
    if code in _info_index():
        return code
    raise ValueError(f"{_FIELD}: no municipality has code {shown}; codes have 4 digits, e.g. '1265' (Sjöbo)")


def _exact_hit(candidate: str, shown: str) -> int | None:
    """The index of the one name equal to ``candidate`` (case and separators ignored, then diacritics too)."""
    _codes, _names, light_names, folded_names = _name_index()
    light = _light(candidate)
    hits = [i for i, n in enumerate(light_names) if n == light]
    if len(hits) == 1:
        return hits[0]
    folded = _fold(candidate)
    hits = [i for i, n in enumerate(folded_names) if n == folded]
    if len(hits) > 1:
        raise _ambiguous(shown, hits)
    return hits[0] if hits else None


def _suffix_hit(text: str, shown: str) -> int | None:
    """The exact hit after dropping a trailing "kommun", "stad" or "municipality" and a genitive "s"."""
    lowered = _light(text)
    for suffix in _NAME_SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            stem = lowered[: -len(suffix)].strip()
            hit = _exact_hit(stem, shown)
            if hit is None and stem.endswith("s"):
                hit = _exact_hit(stem[:-1], shown)
            return hit
    return None


def _prefix_hit(text: str, shown: str) -> int | None:
    """The index of the one name whose leading whole words are ``text`` (diacritics ignored)."""
    _codes, _names, _light_names, folded_names = _name_index()
    words = _fold(text).split()
    hits = [i for i, name in enumerate(folded_names) if name.split()[: len(words)] == words]
    if len(hits) > 1:
        raise _ambiguous(shown, hits)
    return hits[0] if len(hits) == 1 else None


def _no_match(text: str, shown: str) -> ValueError:
    """The error for a query that matches no name, suggesting close names."""
    codes, names, _light_names, folded_names = _name_index()
    by_folded: dict[str, list[int]] = {}
    for i, folded in enumerate(folded_names):
        by_folded.setdefault(folded, []).append(i)
    close = difflib.get_close_matches(_fold(text), list(by_folded), n=5, cutoff=0.6)
    hint = (f" Did you mean: {_describe_pairs((codes[i], names[i]) for c in close for i in by_folded[c])}?"
            if close else "")
    return ValueError(
        f"{_FIELD}: no Swedish municipality matches {shown}.{hint} "
        "Give the name (diacritics optional) or the 4-digit code."
    )
