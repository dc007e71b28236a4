"""Population forecasts by age group (befolkningsprognoser): the embedded ones of ``befolkningsprognos.csv`` (Lund,
Östersund; SOURCES.md, Tillägg december 2026) and a user's own forecast read from a CSV file.

A forecast is a tidy table of counts: persons on 31 December of ``year`` in an age group (``"0-5"`` ... ``"80+"``, or
``"total"``). The six groups the model maps to service volumes are :data:`SIX_GROUPS` (the groups of Lund's 'Fem år i
sammandrag'); Östersund publishes ten finer ones that sum to them (:data:`FINER_GROUPS`). Which cost line follows
which group is :data:`SERVICE_GROUPS`; the arithmetic (the volume growth) is the core's, used by
:mod:`kommunbudget.baselines.population_forecast`. No model maths here.
"""
from __future__ import annotations

import functools
import io
import os
import re
from pathlib import Path

import pandas as pd

from kommunbudget.data.municipalities import find_municipality, info
from kommunbudget.data.tables import cached_table, fail
from kommunbudget.data.textfiles import read_user_text

__all__ = ["FINER_GROUPS", "FORECAST_FILE", "SERVICE_GROUPS", "SIX_GROUPS", "TOTAL", "embedded_population_forecast",
           "normalise_group", "population_forecasts", "read_population_forecast", "six_groups"]

#: The embedded file.
FORECAST_FILE = "befolkningsprognos.csv"

#: The six age groups (years of age, 31 December), as the package writes them; ``"0-5"`` may be given as
#: ``"1-5"`` (the preschool ages without infants), ``"80+"`` as ``"80-w"`` (SCB's and Lund's notation).
SIX_GROUPS: tuple[str, ...] = ("0-5", "6-15", "16-18", "19-64", "65-79", "80+")
#: The whole population.
TOTAL = "total"
#: The finer groups of Östersund's forecast -> the six group they belong to (6-9 + 10-12 + 13-15 = 6-15,
#: 19-24 + 25-44 + 45-64 = 19-64; the others are the six themselves).
FINER_GROUPS: dict[str, str] = {"6-9": "6-15", "10-12": "6-15", "13-15": "6-15",
                                "19-24": "19-64", "25-44": "19-64", "45-64": "19-64"}

#: Cost line (a service area of :data:`kommunbudget.data.service_areas.SERVICE_AREAS`) -> the age groups whose count
#: its users follow, the first one given in a forecast being used. Preschool: ages 1-5 where given, else 0-5 (the
#: infants of age 0 rarely attend; the growth of 0-5 stands in for 1-5). Compulsory school (förskoleklass and
#: grundskola F-9): 6-15. Upper secondary school: 16-18. Elderly care: 80+ alone, a default, not data: most users
#: of home care and special housing are 80 or older, and a mix with 65-79 would need the two groups' shares of the
#: users, which the embedded data do not have.
SERVICE_GROUPS: dict[str, tuple[str, ...]] = {
    "preschool": ("1-5", "0-5"),
    "compulsory_school": ("6-15",),
    "upper_secondary_school": ("16-18",),
    "elderly_care": ("80+",),
}

#: Every group a forecast may name (after :func:`normalise_group`).
_KNOWN_GROUPS = (*SIX_GROUPS, "1-5", *FINER_GROUPS, TOTAL)

#: Accepted column names (lower case, spaces and hyphens as underscores) -> the package's.
_COLUMNS = {"year": "year", "ar": "year", "år": "year",
            "age_group": "group", "group": "group", "agegroup": "group", "aldersgrupp": "group",
            "åldersgrupp": "group",
            "count": "count", "antal": "count", "persons": "count", "population": "count"}

#: The file's kinds -> the package's.
_KINDS = {"utfall": "outcome", "prognos": "forecast"}


def normalise_group(text: str) -> str | None:
    """An age group as the package writes it: ``"80-w"``, ``"80 -"``, ``"80+"`` and ``"80–w"`` give ``"80+"``;
    ``"0 - 5"`` and ``"0–5"`` give ``"0-5"``; ``"totalt"``, ``"total"``, ``"summa"`` and ``"alla"`` give ``"total"``.
    None for a group the package does not know (see :data:`SIX_GROUPS`, :data:`FINER_GROUPS`)."""
    t = str(text).strip().lower().replace("\u2013", "-").replace("\u2014", "-").replace(" ", "")
    t = t.removesuffix("år")
    if t in ("totalt", "total", "summa", "alla", "all"):
        return TOTAL
    t = re.sub(r"^(\d+)(-w|-|\+|-)$", r"\1+", t)
    return t if t in _KNOWN_GROUPS else None


@functools.cache
def _embedded() -> pd.DataFrame:
    table = cached_table(FORECAST_FILE)
    groups = table["aldersgrupp"].map(normalise_group)
    if groups.isna().any():
        raise fail(FORECAST_FILE, f"unknown age group {table['aldersgrupp'][groups.isna()].iloc[0]!r}")
    kinds = table["typ"].map(lambda k: _KINDS.get(k, "forecast"))
    out = pd.DataFrame({
        "code": table["kommunkod"].astype(str).str.zfill(4), "municipality": table["kommun"],
        "forecast": table["prognos"], "year": table["ar"].astype(int), "group": groups,
        "count": table["antal"].astype(float), "kind": kinds, "kind_in_source": table["typ"],
        "source": table["kalla"], "published": table["publicerad"].astype(str), "note": table["anm"].fillna("")})
    return out


def population_forecasts(municipality: str | int | None = None) -> pd.DataFrame:
    """The embedded population forecasts by age group (``befolkningsprognos.csv``), tidy.

    Parameters
    ----------
    municipality : str or int, optional
        A name or SCB code: only its rows (an empty frame for a municipality without one). Default all.

    Returns
    -------
    pandas.DataFrame
        One row per municipality, forecast, year and group, with columns ``code`` (4-digit text), ``municipality``,
        ``forecast`` (the publication's name), ``year`` (int; the count is of 31 December), ``group`` (``"0-5"``
        ... ``"80+"``, the finer groups of :data:`FINER_GROUPS`, or ``"total"``), ``count`` (persons, float),
        ``kind`` (``"outcome"`` or ``"forecast"``; Lund's 2022 row of 'Fem år i sammandrag' is the budget
        assumption of EVP 2022-2024, a forecast, as ``kind_in_source`` says), ``kind_in_source`` (the file's
        ``typ``), ``source`` (URL), ``published`` and ``note`` (the file's checks: the groups sum to the total within
        the source's rounding of 1-2 persons).

    Raises
    ------
    ValueError
        For an unknown or ambiguous municipality.
    RuntimeError
        If the embedded file is missing or damaged.
    """
    frame = _embedded()
    if municipality is not None:
        frame = frame[frame["code"] == find_municipality(municipality)]
    return frame.reset_index(drop=True).copy()


def six_groups(frame: pd.DataFrame) -> pd.DataFrame:
    """A forecast's counts in the six groups: the finer groups of :data:`FINER_GROUPS` summed into theirs, the six
    and ``"total"`` kept as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
        With columns ``year``, ``group``, ``count`` (and optionally ``code``, ``forecast``), as from
        :func:`population_forecasts` or :func:`read_population_forecast`.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``group``, ``count`` (persons), plus ``code`` and ``forecast`` where the input has them;
        sorted by those, year and group.
    """
    keys = [c for c in ("code", "forecast") if c in frame]
    out = frame.assign(group=frame["group"].map(lambda g: FINER_GROUPS.get(g, g)))
    out = out.groupby([*keys, "year", "group"], as_index=False, sort=True)["count"].sum()
    return out


def embedded_population_forecast(municipality: str | int) -> tuple[pd.DataFrame, str]:
    """The embedded forecast of a municipality in the form of a user's forecast, and its name.

    Lund: the six groups of 'EVP 2023-2025, Fem år i sammandrag' for 2021-2025 (2022 is the budget assumption of
    EVP 2022-2024) and the totals of 'Lunds befolkningsprognos mars 2022' for 2014-2031 (the same figures as the
    summary's where both have a year, but 2022). Östersund: its forecast 2024 for 2023-2028, ten groups summed into
    the six (:func:`six_groups`), with its totals.

    Returns
    -------
    (pandas.DataFrame, str)
        Columns ``year``, ``group``, ``count`` (persons on 31 December) as :func:`read_population_forecast` returns
        them, and a name such as ``"Lunds befolkningsprognos mars 2022 (EVP 2023-2025) (befolkningsprognos.csv)"``.

    Raises
    ------
    ValueError
        For an unknown municipality, or one without a forecast in the file (the message names those with one).
    """
    code = find_municipality(municipality)
    rows = population_forecasts(code)
    if rows.empty:
        have = _embedded().drop_duplicates("code")
        names = ", ".join(f"{n} ({c})" for c, n in zip(have["code"], have["municipality"], strict=True))
        raise ValueError(f"--population-forecast embedded: no population forecast for municipality {code} in "
                         f"{FORECAST_FILE}; expected one of {names}, or a CSV file of your own (year, age group, "
                         f"count)")
    totals = rows[rows["group"] == TOTAL]
    longest = totals.groupby("forecast")["year"].count().idxmax()  # the forecast with the longest total series
    groups = rows[rows["group"] != TOTAL]
    parts = [six_groups(groups)[["year", "group", "count"]],
             totals[totals["forecast"] == longest][["year", "group", "count"]]]
    out = pd.concat(parts, ignore_index=True).sort_values(["group", "year"], ignore_index=True)
    names = list(dict.fromkeys([longest, *groups["forecast"]]))
    return out, f"{' and '.join(names)} ({FORECAST_FILE})"


def read_population_forecast(source: str | os.PathLike[str] | pd.DataFrame,
                             municipality: str | int | None = None) -> pd.DataFrame:
    """A user's population forecast by age group: a CSV file (UTF-8, a byte-order mark accepted; comma or semicolon
    separated) or a DataFrame, with the columns ``year``, ``age_group`` (or ``group``) and ``count``, or the Swedish
    ``ar``/``år``, ``aldersgrupp``/``åldersgrupp`` and ``antal``; other columns are ignored.

    A row is the number of persons on 31 December of ``year`` in the group: one of :data:`SIX_GROUPS` (``"1-5"`` for
    preschool ages, ``"80-w"`` for ``"80+"``), the finer groups of :data:`FINER_GROUPS` (summed into the six), or
    ``"total"``/``"totalt"`` (the whole population; without it a year's total is the sum of the six groups when all
    six are given). Single ages (``"0"``, ``"7"``) and other groups are refused with the accepted groups named:
    sum single ages into the groups first.

    Each group's years must be consecutive (a forecast for 2025 and 2027 without 2026 is refused naming 2026: the
    package does not fill a gap), and a year may give ``"0-5"`` or ``"1-5"``, not both (preschool follows one).

    Parameters
    ----------
    source : str, path or pandas.DataFrame
        The file or the table.
    municipality : str or int, optional
        A name or SCB code: each year's total (its ``total`` row, or the sum of all six groups) must then be half
        to twice the municipality's population counted by SCB on 31 December 2024 (the same plausibility rule as
        the budget file's population, ``kommunbudget.data.budget_file``), which catches a forecast of another
        municipality or a misplaced digit.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int), ``group`` (as :func:`normalise_group` writes it, finer groups summed), ``count``
        (persons, float), sorted by group and year.

    Raises
    ------
    ValueError
        Naming the file, the row (as in a spreadsheet: the header is row 1), the field, the value and what was
        expected: a missing column, a missing or non-whole year, a year outside 1900-2200, a missing, negative or
        non-numeric count, an unknown age group or a single age, the same year and group twice, both 0-5 and 1-5
        in one year, a missing year between a group's covered years, a total outside half to twice SCB's count
        (with ``municipality``), or no rows.
    """
    if isinstance(source, pd.DataFrame):
        raw, where = source.astype(str), "the population forecast"
    else:
        path = Path(source)
        where = f"population forecast {path}"
        if not path.is_file():
            raise ValueError(f"{where}: the file {'is a folder' if path.is_dir() else 'does not exist'}; expected a "
                             f"CSV file with the columns year, age_group, count (or ar, aldersgrupp, antal)")
        try:
            text = read_user_text(path)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        sep = ";" if text.partition("\n")[0].count(";") > text.partition("\n")[0].count(",") else ","
        raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True)
    columns: dict[str, str] = {}
    for column in raw.columns:
        key = _COLUMNS.get(str(column).strip().lower().replace(" ", "_").replace("-", "_"))
        if key is not None and key not in columns.values():
            columns[column] = key
    missing = [k for k in ("year", "group", "count") if k not in columns.values()]
    if missing:
        expected = {"year": "year (or ar)", "group": "age_group (or aldersgrupp)", "count": "count (or antal)"}
        raise ValueError(f"{where}: column {', '.join(expected[k] for k in missing)} is missing; found "
                         f"{', '.join(map(str, raw.columns)) or 'no columns'}; expected year, age_group, count")
    raw = raw[list(columns)].rename(columns=columns)
    if raw.empty:
        raise ValueError(f"{where}: no rows; expected one row per year and age group (year, age_group, count)")
    rows = []
    for i, (year_text, group_text, count_text) in enumerate(raw.itertuples(index=False), start=2):
        at = f"{where}, row {i}"
        year_text, group_text, count_text = (str(v).strip() for v in (year_text, group_text, count_text))
        if not year_text or year_text.lower() == "nan":
            raise ValueError(f"{at}: year is missing; expected a year such as 2026")
        try:
            year = int(year_text)
        except ValueError:
            raise ValueError(f"{at}: year = {year_text!r} is not a whole year; expected e.g. 2026") from None
        if not 1900 <= year <= 2200:
            raise ValueError(f"{at}: year = {year} is outside [1900, 2200]")
        group = normalise_group(group_text)
        if group is None:
            single = re.fullmatch(r"\d{1,3}(år)?", group_text.strip().lower().replace(" ", ""))
            what = "is a single age, not an age group" if single else "is not known"
            raise ValueError(f"{at}: age group = {group_text!r} {what}; expected one of "
                             f"{', '.join(SIX_GROUPS)} (also 1-5, 80-w), {', '.join(FINER_GROUPS)} or total"
                             f"{' (sum single ages into these groups)' if single else ''}")
        try:
            count = float(count_text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            raise ValueError(f"{at}: count = {count_text!r} is not a number; expected persons, e.g. 7412") from None
        if not count >= 0 or count == float("inf"):
            raise ValueError(f"{at}: count = {count_text} is outside [0, 2e7] persons ({group}, {year})")
        if count > 2.0e7:
            raise ValueError(f"{at}: count = {count:g} is outside [0, 2e7] persons ({group}, {year})")
        rows.append((i, year, group, count))
    frame = pd.DataFrame(rows, columns=["row", "year", "group", "count"])
    both = frame[frame["group"].isin(FINER_GROUPS.values())].merge(
        frame[frame["group"].isin(FINER_GROUPS)].assign(group=lambda f: f["group"].map(FINER_GROUPS)),
        on=["year", "group"], suffixes=("", "_finer"))
    if not both.empty:
        first = both.iloc[0]
        raise ValueError(f"{where}, row {first['row']}: age group {first['group']} in {first['year']} is given "
                         f"beside its finer groups (row {first['row_finer']}); expected either {first['group']} or "
                         f"the finer groups, which are summed into it")
    twice = frame[frame.duplicated(["year", "group"], keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        at_rows = ", ".join(str(r) for r in twice[(twice["year"] == first["year"])
                                                  & (twice["group"] == first["group"])]["row"])
        raise ValueError(f"{where}: age group {first['group']} in {first['year']} is given twice (rows {at_rows}); "
                         f"expected one count per year and group")
    preschool = set(frame.loc[frame["group"] == "0-5", "year"]) & set(frame.loc[frame["group"] == "1-5", "year"])
    if preschool:
        year = min(preschool)
        raise ValueError(f"{where}: both 0-5 and 1-5 given for {year}; give one (preschool follows 1-5 where given, "
                         f"else 0-5)")
    out = six_groups(frame[["year", "group", "count"]]).sort_values(["group", "year"], ignore_index=True)
    for group, rows in out.groupby("group", sort=True):
        years = sorted(int(y) for y in rows["year"])
        gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
        if gaps:
            raise ValueError(f"{where}: age group {group} has no count for {', '.join(map(str, gaps))} (it covers "
                             f"{', '.join(map(str, years))}); expected every year from {years[0]} to {years[-1]}, "
                             f"gaps are not filled")
    if municipality is not None:
        _check_totals(out, municipality, where)
    return out


def _check_totals(frame: pd.DataFrame, municipality: str | int, where: str) -> None:
    """Refuse a year whose total (its ``total`` row, else the sum of all six groups) is not half to twice SCB's
    population of the municipality on 31 December 2024: the budget file's plausibility rule for its population
    (``kommunbudget.data.budget_file``)."""
    place = info(find_municipality(municipality))
    counts = {g: dict(zip(r["year"].astype(int), r["count"].astype(float), strict=True))
              for g, r in frame.groupby("group")}
    totals = dict(counts.get(TOTAL, {}))
    for year in set.intersection(*(set(counts.get(g, {})) for g in SIX_GROUPS)) - set(totals):
        totals[year] = sum(counts[g][year] for g in SIX_GROUPS)
    scb = place.population_2024
    for year in sorted(totals):
        if not 0.5 <= totals[year] / scb <= 2.0:
            kind = "total" if year in counts.get(TOTAL, {}) else "sum of the six age groups"
            value, counted = f"{totals[year]:,.0f}".replace(",", " "), f"{scb:,}".replace(",", " ")
            raise ValueError(f"{where}: the {kind} for {year} = {value} is not plausible for "
                             f"{place.name}: SCB counted {counted} inhabitants on 31 December 2024 (expected half to "
                             f"twice that; a forecast of another municipality, or a misplaced digit?)")
