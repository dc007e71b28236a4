"""The catalogue of the embedded data: one row per table with its rows, years, primary source and caveats
(``kommunbudget datasets``; ``docs/data.md`` in the repository says the same in prose).
"""
from __future__ import annotations

import functools
import re

import pandas as pd

from kommunbudget.data.paths import csv_names
from kommunbudget.data.tables import cached_table

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
    "statsbidrag_tillskott.csv": (
        "Announced changes of government grants to the municipal sector", "Tillägg december 2026",
        "Government press releases (via civictechsweden/g0vse)",
        "bn SEK to municipalities and regions together where not split", ("ar",),
        "announced_general_grants, announced_grant_change_kr"),
    "uo25_anslag.csv": (
        "Appropriations, expenditure area 25 (equalisation)", "Tillägg december 2026",
        "Budget bills prop. 2023/24:1, 2024/25:1, 2025/26:1", "", ("ar",), ""),
    "upprakningsfaktorer_tillagg.csv": (
        "Uprating factors for the budget years 2004 and 2006 (supplement)", "Tillägg december 2026",
        "Government ordinances SFS 2003:590, 2005:714", "implicit growth derived", ("budgetar", "inkomstar"), ""),
    "befolkningsprognos.csv": (
        "Population forecasts by age group (Lund, Östersund)", "Tillägg december 2026",
        "municipal population forecasts", "age groups sum to the total within the source's rounding", ("ar",),
        "population_forecasts, embedded_population_forecast"),
    "pension_investering.csv": (
        "Investment plans and pension figures (Burlöv, Sjöbo, Lund)", "Tillägg december 2026",
        "municipal budget documents", "", ("ar",), ""),
    "budgetforutsattningar_tillagg.csv": (
        "Budget assumptions (supplement: Kävlinge, Lund, Vellinge and others)", "Tillägg december 2026",
        "municipal budget documents", "Krokom's figure is a proposal", ("budgetar",), ""),
    "befolkning_riket_framskrivning.csv": (
        "National population projections (SCB, figures quoted in text)", "Tillägg december 2026",
        "SCB", "text figures only, no full tables", ("ar",), ""),
    "lansvisa_skattesatser_utjamning.csv": (
        "County rates for income equalisation (grant; fee where found)", "RULES.md §2",
        "förordning (2004:881) 2 §, SFS 2023:683 (four counties SFS 2019:797); fees SFS 2015:1011",
        "transcribed from RULES.md; fee rates only for Stockholm and Uppsala", (), "equalisation_rates"),
    "prisbasbelopp.csv": (
        "Prisbasbelopp 2023-2026", "24", "Government ordinance SFS 2025:872 (2026); basbelopp.se (2023-2025)",
        "2023-2025 secondary", ("ar",), "pricebase.price_base_amounts"),
    "osakerhet_standard.csv": (
        "Monte Carlo shock sizes (defaults, each derived or labelled an assumption)", "25",
        "SKL's evaluations of tax base forecasts; skattekraft_tillvaxt_2025.csv; ekonomiskt_bistand.csv; pkv.csv",
        "status column: derived from data or an assumption, not data", (), "uncertainty_defaults.default_shocks"),
    "osakerhet_korrelation.csv": (
        "Monte Carlo correlations between yearly shocks (defaults)", "26",
        "derived from osakerhet_standard.csv's sizes; one assumption", "status column as above", (),
        "uncertainty_defaults.default_correlation"),
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


@functools.cache
def _data_sources() -> pd.DataFrame:
    records = []
    for file in csv_names():
        frame = cached_table(file)
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
                "sources_section": (section if section.startswith("RULES.md")
                                    else f"SOURCES.md §{section}" if section[0].isdigit() else f"SOURCES.md, {section}")
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
