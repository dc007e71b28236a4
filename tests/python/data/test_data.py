"""Tests of the embedded data layer (kommunbudget.data).

Expected values come from the data files themselves (read here with the csv module, independently of the
code under test), from data/SOURCES.md and from data/REPORT-FACTS.md — never from the loaders.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pandas as pd
import pytest

from kommunbudget import data as kd

DATA = resources.files("kommunbudget") / "data" / "files"
TOL = 0.05  # MSEK; the statements are printed to 0.1 MSEK


def raw_rows(file: str) -> list[dict[str, str]]:
    """The file's rows as text, read without pandas."""
    with (DATA / file).open("r", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# ----------------------------------------------------------------------------------------------------------
# municipalities()
# ----------------------------------------------------------------------------------------------------------


def test_all_290_municipalities_with_4_digit_text_codes():
    table = kd.municipalities()
    assert len(table) == 290  # SOURCES.md section 1 and 2: 290 rows
    assert table["code"].is_unique
    assert all(isinstance(code, str) and re.fullmatch(r"\d{4}", code) for code in table["code"])
    assert all(isinstance(code, str) and re.fullmatch(r"\d{2}", code) for code in table["county_code"])
    expected_codes = {row["kommunkod"] for row in raw_rows("skattesatser_kommun.csv")}
    assert set(table["code"]) == expected_codes


def test_leading_zero_kept():
    table = kd.municipalities().set_index("code")
    assert table.loc["0114", "name"] == "Upplands Väsby"
    assert table.loc["0114", "county_code"] == "01"


def test_columns_and_types():
    table = kd.municipalities()
    assert list(table.columns) == [
        "code", "name", "county_code", "county", "population_2024",
        "tax_rate_2024", "tax_rate_2024_basis", "tax_rate_2025", "tax_rate_2026",
    ]
    assert pd.api.types.is_integer_dtype(table["population_2024"])
    for column in ("tax_rate_2024", "tax_rate_2025", "tax_rate_2026"):
        assert pd.api.types.is_float_dtype(table[column])
    assert not table.isna().any().any()


def test_population_sums_to_scb_national_total():
    # SOURCES.md section 2: the sum is 10 587 710, SCB's population of Sweden on 31 December 2024.
    assert int(kd.municipalities()["population_2024"].sum()) == 10_587_710
    national = [row for row in raw_rows("nyckeltal_riket.csv") if row["nyckeltal"] == "folkmängd riket 31 dec"]
    assert [int(row["varde"]) for row in national] == [10_587_710]


def test_population_matches_file_row_by_row():
    expected = {row["kommunkod"]: int(row["folkmangd_2024_12_31"]) for row in raw_rows("befolkning_kommun_2024.csv")}
    table = kd.municipalities()
    assert dict(zip(table["code"], table["population_2024"], strict=True)) == expected


def test_sjobo():
    sjobo = kd.municipalities().set_index("code").loc["1265"]
    assert sjobo["name"] == "Sjöbo"
    assert sjobo["county_code"] == "12"
    assert sjobo["county"] == "Skåne län"
    assert sjobo["population_2024"] == 19_337  # befolkning_kommun_2024.csv
    assert (sjobo["tax_rate_2024"], sjobo["tax_rate_2025"], sjobo["tax_rate_2026"]) == (20.92, 20.92, 20.92)


def test_gotland_whole_rate_is_municipal():
    gotland = kd.municipalities().set_index("code").loc["0980"]
    assert gotland["tax_rate_2025"] == 33.60  # RULES.md section 8; skattesatser_kommun.csv


def test_2024_rate_is_flagged_derived_and_vindeln_corrected():
    # SOURCES.md section 1: the 2024 municipal rate is derived (total − region). Its last section: Vindeln
    # 2024 is 23.35 according to SCB (the report), not the derived 23.60.
    table = kd.municipalities().set_index("code")
    assert table.loc["2404", "name"] == "Vindeln"
    assert table.loc["2404", "tax_rate_2024"] == 23.35
    assert table.loc["2404", "tax_rate_2024_basis"] == "corrected"
    others = table.drop(index="2404")
    assert set(others["tax_rate_2024_basis"]) == {"derived"}
    derived = {
        row["kommunkod"]: float(row["skattesats_kommun_2024_derived"]) for row in raw_rows("skattesatser_kommun.csv")
    }
    assert derived["2404"] == 23.60
    assert all(others.loc[code, "tax_rate_2024"] == derived[code] for code in others.index)


@pytest.mark.parametrize(
    ("name", "rate_2024", "rate_2025"),
    [
        # REPORT-FACTS.md, "Tax changes 2022–2025" (SCB, the report's Tables 2 and 3): 2024 and 2025 values.
        ("Stockholm", 17.98, 18.22),
        ("Solna", 17.37, 17.37),
        ("Hylte", 22.45, 22.45),
        ("Orust", 22.46, 22.31),
        ("Ale", 21.87, 21.37),
        ("Haninge", 19.68, 19.45),
        ("Sigtuna", 20.00, 19.70),
        ("Ödeshög", 22.60, 22.40),
    ],
)
def test_rates_agree_with_the_report(name, rate_2024, rate_2025):
    row = kd.municipalities().set_index("name").loc[name]
    assert row["tax_rate_2024"] == pytest.approx(rate_2024, abs=1e-9)
    assert row["tax_rate_2025"] == pytest.approx(rate_2025, abs=1e-9)


# ----------------------------------------------------------------------------------------------------------
# tax_rates()
# ----------------------------------------------------------------------------------------------------------


def test_tax_rates_long_format():
    rates = kd.tax_rates()
    assert len(rates) == 290 * 3
    assert sorted(rates["year"].unique()) == [2024, 2025, 2026]
    assert not rates.duplicated(["code", "year"]).any()
    assert set(rates.loc[rates["year"] == 2024, "municipal_rate_basis"]) == {"derived", "corrected"}
    assert set(rates.loc[rates["year"] > 2024, "municipal_rate_basis"]) == {"published"}
    assert rates.loc[rates["year"] == 2024, "region_rate"].isna().all()
    assert (rates["source"].str.len() > 0).all()


def test_tax_rates_sjobo_and_parts_add_up():
    rates = kd.tax_rates()
    sjobo_2025 = rates[(rates["code"] == "1265") & (rates["year"] == 2025)].iloc[0]
    assert (sjobo_2025["municipal_rate"], sjobo_2025["region_rate"], sjobo_2025["total_rate"]) == (20.92, 11.18, 32.10)
    published = rates[rates["year"] > 2024]
    gap = (published["municipal_rate"] + published["region_rate"] - published["total_rate"]).abs()
    assert gap.max() < 0.005


# ----------------------------------------------------------------------------------------------------------
# find_municipality()
# ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Sjöbo", "sjobo", "Sjobo", "1265", "SJÖBO", "  sjöbo ", "Sjöbo kommun", 1265])
def test_find_sjobo(query):
    assert kd.find_municipality(query) == "1265"


def test_find_without_diacritics_and_with_separators():
    codes = {row["kommun"]: row["kommunkod"] for row in raw_rows("befolkning_kommun_2024.csv")}
    assert kd.find_municipality("malmo") == codes["Malmö"]
    assert kd.find_municipality("Malmö stad") == codes["Malmö"]
    assert kd.find_municipality("Lunds kommun") == codes["Lund"]
    assert kd.find_municipality("upplands bro") == codes["Upplands-Bro"]
    assert kd.find_municipality("Malung Salen") == codes["Malung-Sälen"]
    assert kd.find_municipality("0114") == "0114"
    assert kd.find_municipality(114) == "0114"


def test_habo_and_habo_differ_only_by_diacritic():
    codes = {row["kommun"]: row["kommunkod"] for row in raw_rows("befolkning_kommun_2024.csv")}
    assert kd.find_municipality("Habo") == codes["Habo"]
    assert kd.find_municipality("håbo") == codes["Håbo"]
    with pytest.raises(ValueError, match="ambiguous") as error:
        kd.find_municipality("Hàbo")
    assert "Håbo" in str(error.value) and "Habo" in str(error.value)


def test_unknown_name_names_field_value_and_suggests():
    with pytest.raises(ValueError) as error:
        kd.find_municipality("Sjobbo")
    message = str(error.value)
    assert "municipality" in message
    assert "'Sjobbo'" in message
    assert "Sjöbo" in message  # close-name suggestion


def test_unknown_code():
    with pytest.raises(ValueError, match=r"municipality.*'9999'"):
        kd.find_municipality("9999")


def test_ambiguous_name_lists_candidates():
    with pytest.raises(ValueError) as error:
        kd.find_municipality("Upplands")
    message = str(error.value)
    assert "'Upplands'" in message and "ambiguous" in message
    assert "Upplands Väsby (0114)" in message and "Upplands-Bro" in message


def test_empty_and_wrong_type():
    with pytest.raises(ValueError, match="municipality"):
        kd.find_municipality("  ")
    with pytest.raises(TypeError, match="municipality"):
        kd.find_municipality(12.65)


# ----------------------------------------------------------------------------------------------------------
# PKV
# ----------------------------------------------------------------------------------------------------------


def test_pkv_vintage_skr_2025_report():
    # REPORT-FACTS.md, "Price index (SKR, Table 1 of the report)", converted from percent to fractions.
    vintage = kd.pkv_vintage("skr-2025-report")
    assert vintage.name == "skr-2025-report"
    assert vintage.published == "2025"
    assert vintage.years == [2022, 2023, 2024]
    assert vintage.labour_cost_change == pytest.approx([0.027, 0.066, 0.055], abs=1e-12)
    assert vintage.labour_weight == pytest.approx([0.696, 0.686, 0.691], abs=1e-12)
    assert vintage.other_cost_change == pytest.approx([0.10, 0.045, 0.027], abs=1e-12)
    assert vintage.other_weight == pytest.approx([0.304, 0.314, 0.309], abs=1e-12)
    assert vintage.published_pkv == pytest.approx([0.049, 0.059, 0.046], abs=1e-12)
    assert vintage.status == ["utfall", "utfall", "utfall"]
    assert "SKR" in vintage.source and "Table 1" in vintage.source


def test_pkv_components_reproduce_published_total():
    # SOURCES.md section 11: the weighted means 4.92, 5.94, 4.63 agree with PKV 4.9, 5.9, 4.6.
    vintage = kd.pkv_vintage()
    for w, labour, other, pkv in zip(
        vintage.labour_weight, vintage.labour_cost_change, vintage.other_cost_change, vintage.published_pkv, strict=True
    ):
        assert w * labour + (1 - w) * other == pytest.approx(pkv, abs=0.0005)


def test_pkv_vintage_is_frozen_and_fresh():
    vintage = kd.pkv_vintage()
    with pytest.raises(AttributeError):
        vintage.name = "other"  # type: ignore[misc]
    vintage.labour_weight[0] = 0.5
    assert kd.pkv_vintage().labour_weight[0] == pytest.approx(0.696)


def test_pkv_vintages_and_unknown():
    assert "skr-2025-report" in kd.pkv_vintages()
    with pytest.raises(ValueError) as error:
        kd.pkv_vintage("skr-2030")
    assert "'skr-2030'" in str(error.value) and "skr-2025-report" in str(error.value)


def test_pkv_history_older_totals():
    # SOURCES.md section 11: SKL table 2017-09-28: 2015 2.4 %, 2016 2.7 %, 2017 2.8 % (forecast), 2018 3.0 %.
    history = kd.pkv_history()
    old = history[history["published"] == "2017-09-28"].set_index("year")
    assert list(old.index) == [2015, 2016, 2017, 2018]
    assert list(old["pkv_change"]) == pytest.approx([0.024, 0.027, 0.028, 0.030], abs=1e-12)
    assert list(old["status"]) == ["utfall", "utfall", "prognos", "prognos"]
    assert not set(history["year"]) & {2019, 2020, 2021}


# ----------------------------------------------------------------------------------------------------------
# Income statements
# ----------------------------------------------------------------------------------------------------------


def test_budget_statement_columns_and_document_filter():
    rows = kd.budget_statement("1265", document="Budget-2024")
    assert {"year", "kind", "item", "amount_msek", "source", "note"} <= set(rows.columns)
    expected = [
        row for row in raw_rows("resultatrakningar_exempel.csv")
        if row["kommunkod"] == "1265" and "Budget-2024" in row["kalla"]
    ]
    assert len(rows) == len(expected)
    assert rows["source"].str.contains("Budget-2024", regex=False).all()
    assert set(rows["kind"]) == {"utfall", "budget", "plan"}


def test_budget_statement_without_document_has_duplicates():
    # SOURCES.md section 7: Sjöbo's plan 2026-2027 is in both Budget-2024 and Budget-2025.
    rows = kd.budget_statement("Sjöbo")
    duplicated = rows[rows.duplicated(["year", "kind", "level", "item"], keep=False)]
    assert {2026, 2027} <= set(duplicated["year"])
    tax_2026 = rows[(rows["year"] == 2026) & (rows["kind"] == "plan") & (rows["item"] == "skatteintakter")]
    assert sorted(tax_2026["amount_msek"]) == [1077.3, 1091.4]  # Budget-2025 vs Budget-2024


def test_budget_statement_errors():
    with pytest.raises(ValueError, match="municipality"):
        kd.budget_statement("9999")
    with pytest.raises(ValueError, match=r"municipality.*0114"):
        kd.budget_statement("0114")  # a real municipality without an embedded statement
    with pytest.raises(ValueError, match=r"document.*'Budget-2030'"):
        kd.budget_statement("1265", document="Budget-2030")


SJOBO_2024 = {
    # Sjöbo Budget-2024, budget 2024 (resultatrakningar_exempel.csv; docs/data.md), MSEK.
    "verksamhetens_intakter": 335.6,
    "verksamhetens_kostnader": -1656.2,
    "avskrivningar": -37.7,
    "verksamhetens_nettokostnader": -1358.3,
    "skatteintakter": 995.3,
    "generella_statsbidrag_och_utjamning": 327.0,
    "verksamhetens_resultat": -36.0,
    "finansiella_intakter": 10.6,
    "finansiella_kostnader": -0.7,
    "arets_resultat": -26.1,
    "medel_fran_resultatutjamningsreserv": 7.5,
    "balanskravsresultat": -18.6,
}


def test_sjobo_budget_2024_values():
    budget = kd.sjobo_budget_2024()
    assert budget["years"] == [2024, 2025, 2026, 2027]
    assert budget["kind"] == {2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan"}
    for item, amount in SJOBO_2024.items():
        assert budget[2024][item] == pytest.approx(amount, abs=1e-9), item
    assert budget[2024]["balanskrav_avgar_realisationsvinster"] == 0.0
    assert budget["source"] and all("Sjobo/Budget-2024" in url for url in budget["source"])
    assert any(key.startswith("skatt_") for key in budget[2024])
    assert any(key.startswith("utj_") for key in budget[2024])


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_sjobo_budget_2024_statement_identities(year):
    items = kd.sjobo_budget_2024()[year]
    net = items["verksamhetens_intakter"] + items["verksamhetens_kostnader"] + items["avskrivningar"]
    assert net == pytest.approx(items["verksamhetens_nettokostnader"], abs=TOL)
    operating = (
        items["verksamhetens_nettokostnader"] + items["skatteintakter"] + items["generella_statsbidrag_och_utjamning"]
    )
    assert operating == pytest.approx(items["verksamhetens_resultat"], abs=TOL)
    result = items["verksamhetens_resultat"] + items["finansiella_intakter"] + items["finansiella_kostnader"]
    assert result == pytest.approx(items["arets_resultat"], abs=TOL)
    balanced = (
        items["arets_resultat"] + items["balanskrav_avgar_realisationsvinster"]
        + items["balanskrav_orealiserade_vinster_forluster_vardepapper"]
        + items["medel_fran_resultatutjamningsreserv"]
    )
    assert balanced == pytest.approx(items["balanskravsresultat"], abs=TOL)
    # The notes add up to the statement lines.
    tax = sum(v for k, v in items.items() if k.startswith("skatt_"))
    assert tax == pytest.approx(items["skatteintakter"], abs=TOL)
    grants = sum(v for k, v in items.items() if k.startswith("utj_"))
    assert grants == pytest.approx(items["generella_statsbidrag_och_utjamning"], abs=TOL)


def test_adopted_budget_generalises_and_checks_year():
    assert kd.adopted_budget("Sjöbo", "Sjobo/Budget-2024") == kd.sjobo_budget_2024()
    newer = kd.adopted_budget("1265", "Budget-2025")
    assert newer["kind"][2025] == "budget" and newer["years"] == [2025, 2026, 2027]
    assert newer[2026]["skatteintakter"] == 1077.3  # Budget-2025 revises the plan (Budget-2024: 1091.4)
    with pytest.raises(ValueError, match=r"budget_year.*2024"):
        kd.adopted_budget("1265", "Sjobo/Budget-2024", 2023)


# ----------------------------------------------------------------------------------------------------------
# Catalogue and raw tables
# ----------------------------------------------------------------------------------------------------------


def test_data_sources_lists_every_file_with_sources_md_row_counts():
    catalogue = kd.data_sources().set_index("file")
    files = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".csv"))
    assert sorted(catalogue.index) == files
    text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    stated = {m[1]: int(m[2]) for m in re.finditer(r"^## \d+\. `([^`]+\.csv)` — (\d+) rader", text, re.M)}
    # The addendum of December 2026 lists its seven files in a table: | `file` | rows | ...
    addendum = text.split("## Tillägg december 2026", 1)[1]
    stated |= {m[1]: int(m[2]) for m in re.finditer(r"^\| `([^`]+\.csv)` \| (\d+) \|", addendum, re.M)}
    # One file is the project's own transcription of the county-rate table in RULES.md §2 (data/README.md).
    transcribed = {"lansvisa_skattesatser_utjamning.csv"}
    assert set(stated) == set(files) - transcribed
    assert {file: int(catalogue.loc[file, "rows"]) for file in stated} == stated
    assert int(catalogue.loc["lansvisa_skattesatser_utjamning.csv", "rows"]) == 21  # 21 counties in RULES.md §2
    assert catalogue.loc["pkv.csv", "years"] == "2015-2018, 2022-2024"
    assert catalogue.loc["skattesatser_kommun.csv", "years"] == "2024-2026"
    assert "municipalities" in catalogue.loc["befolkning_kommun_2024.csv", "loader"]
    assert "derived" in catalogue.loc["skattesatser_kommun.csv", "flags"]
    assert (catalogue.drop(index=list(transcribed))["sources_section"].str.startswith("SOURCES.md")).all()
    assert catalogue.loc["lansvisa_skattesatser_utjamning.csv", "sources_section"].startswith("RULES.md")


def test_data_files_and_docs_are_shipped():
    for name in ("SOURCES.md", "RULES.md", "REPORT-FACTS.md", "README.md"):
        assert (DATA / name).is_file(), name


def test_read_table_keeps_codes_as_text():
    table = kd.read_table("skatteunderlag_kommun.csv")
    assert table.loc[table["niva"] == "riket", "kod"].tolist() == ["00"]
    assert "0114" in set(table["kod"])
    with pytest.raises(ValueError, match=r"file.*'nope.csv'"):
        kd.read_table("nope.csv")


# ----------------------------------------------------------------------------------------------------------
# Returned objects are copies
# ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "load",
    [
        kd.municipalities,
        kd.tax_rates,
        kd.pkv_history,
        kd.data_sources,
        lambda: kd.budget_statement("1265"),
        lambda: kd.read_table("pkv.csv"),
    ],
)
def test_frames_are_copies(load):
    first = load()
    expected = load().copy(deep=True)
    value = first.iloc[0, 0]
    first.iloc[0, 0] = value + 1 if pd.api.types.is_numeric_dtype(first.dtypes.iloc[0]) else "changed"
    pd.testing.assert_frame_equal(load(), expected)


def test_budget_dict_is_a_copy():
    budget = kd.sjobo_budget_2024()
    budget[2024]["skatteintakter"] = 0.0
    budget["source"].clear()
    fresh = kd.sjobo_budget_2024()
    assert fresh[2024]["skatteintakter"] == 995.3
    assert fresh["source"]


def test_no_core_import():
    """The data layer never calls the core: no module of kommunbudget.data imports _core (nor the model layer)."""
    modules = [e for e in (resources.files("kommunbudget") / "data").iterdir() if e.name.endswith(".py")]
    assert len(modules) >= 5
    for module in modules:
        source = io.StringIO(module.read_text(encoding="utf-8"))
        assert not any(re.search(r"\b(_core|model)\b", line) for line in source
                       if line.lstrip().startswith(("import", "from"))), module.name
