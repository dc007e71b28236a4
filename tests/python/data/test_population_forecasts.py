"""Population forecasts by age group: the embedded file (befolkningsprognos.csv, SOURCES.md Tillägg december 2026)
and a user's CSV file. Expected figures are the file's own, written out here and summed by hand."""
from __future__ import annotations

import pandas as pd
import pytest

import kommunbudget.data as kd
from kommunbudget.data.population_forecasts import normalise_group, six_groups


def _counts(frame: pd.DataFrame, year: int) -> dict[str, float]:
    rows = frame[frame["year"] == year]
    return dict(zip(rows["group"], rows["count"], strict=True))


def test_the_loader_is_tidy_and_says_what_is_outcome_and_forecast():
    lund = kd.population_forecasts("Lund")
    assert set(lund.columns) >= {"year", "group", "count", "kind", "source", "forecast", "code"}
    assert set(lund["code"]) == {"1281"}
    # 'Fem år i sammandrag': 2021 utfall, 2023-2025 prognos; 80-w written as 80+.
    summary = lund[lund["forecast"] == "EVP 2023-2025, Fem år i sammandrag"]
    assert set(summary[summary["year"] == 2021]["kind"]) == {"outcome"}
    assert set(summary[summary["year"] == 2025]["kind"]) == {"forecast"}
    assert _counts(summary, 2025)["80+"] == 7271
    assert _counts(summary, 2025)["0-5"] == 7540
    # The long series of totals: 115 968 on 31 Dec 2014 (outcome) to 144 796 in 2031 (forecast of March 2022).
    totals = lund[(lund["group"] == "total") & (lund["forecast"].str.startswith("Lunds befolkningsprognos"))]
    assert (totals["year"].min(), totals["year"].max()) == (2014, 2031)
    assert _counts(totals, 2014)["total"] == 115_968 and _counts(totals, 2031)["total"] == 144_796
    assert kd.population_forecasts("Kiruna").empty
    assert "population_forecasts" in kd.data_sources().set_index("file").loc["befolkningsprognos.csv", "loader"]


def test_ostersunds_ten_groups_sum_to_the_six():
    # The file's own figures for 2023 (utfall, 31 Dec): 6-9 3 035 + 10-12 2 227 + 13-15 2 332 = 7 594;
    # 19-24 4 688 + 25-44 16 909 + 45-64 15 117 = 36 714. The six then sum to the total 64 881 exactly.
    six = six_groups(kd.population_forecasts("Östersund"))
    c2023 = _counts(six, 2023)
    assert c2023["6-15"] == 3035 + 2227 + 2332 == 7594
    assert c2023["19-64"] == 4688 + 16909 + 15117 == 36714
    assert sum(c2023[g] for g in ("0-5", "6-15", "16-18", "19-64", "65-79", "80+")) == 64_881 == c2023["total"]
    # 2028: 2 702 + 2 269 + 2 323 = 7 294; 5 144 + 17 481 + 15 395 = 38 020; six sum 66 378 against the total
    # 66 380 (the source's rounding, −2, as the file's note says).
    c2028 = _counts(six, 2028)
    assert (c2028["6-15"], c2028["19-64"]) == (7294, 38020)
    assert sum(c2028[g] for g in ("0-5", "6-15", "16-18", "19-64", "65-79", "80+")) == 66_378
    assert c2028["total"] == 66_380


def test_the_embedded_forecast_in_the_users_form():
    frame, name = kd.embedded_population_forecast("2380")
    assert "Östersunds kommuns befolkningsprognos 2024" in name
    assert set(frame["group"]) == {"0-5", "6-15", "16-18", "19-64", "65-79", "80+", "total"}
    assert _counts(frame, 2024)["6-15"] == 2994 + 2217 + 2333
    lund, lund_name = kd.embedded_population_forecast("Lund")
    assert "mars 2022" in lund_name and "Fem år i sammandrag" in lund_name
    totals = lund[lund["group"] == "total"]
    assert list(totals["year"]) == list(range(2014, 2032))
    with pytest.raises(ValueError, match="no population forecast for municipality 2584.*Lund \\(1281\\)"):
        kd.embedded_population_forecast("Kiruna")


def test_group_names_as_people_write_them():
    assert normalise_group("80-w") == normalise_group("80+") == normalise_group("80 - w") == "80+"
    assert normalise_group("0–5") == normalise_group(" 0 - 5 ") == "0-5"
    assert normalise_group("1-5") == "1-5"
    assert normalise_group("Totalt") == "total"
    assert normalise_group("5-9") is None


def test_a_users_forecast_in_english_or_swedish_headers(tmp_path):
    english = tmp_path / "forecast.csv"
    english.write_text("year,age group,count\n2025,0-5,1000\n2026,0-5,1030\n2025,80+,500\n2026,80-w,520\n",
                       encoding="utf-8")
    swedish = tmp_path / "prognos.csv"
    swedish.write_text("\ufeffår;åldersgrupp;antal\n2025;0-5;1000\n2026;0-5;1030\n2025;80-w;500\n2026;80+;520\n",
                       encoding="utf-8")
    for path in (english, swedish):
        frame = kd.read_population_forecast(path)
        assert list(frame.columns) == ["year", "group", "count"]
        assert _counts(frame, 2026) == {"0-5": 1030.0, "80+": 520.0}


@pytest.mark.parametrize(("text", "fragments"), [
    ("year,age_group,count\n,0-5,1000\n", ("row 2", "year is missing")),
    ("year,age_group,count\n2025,0-5,-3\n", ("row 2", "count = -3", "[0, 2e7]")),
    ("year,age_group,count\n2025,0-5,1000\n2026,5-9,1000\n", ("row 3", "'5-9'", "not known", "0-5, 6-15")),
    ("year,age_group,count\n2025,0-5,many\n", ("count = 'many' is not a number",)),
    ("year,age_group,count\n2025.5,0-5,1000\n", ("year = '2025.5' is not a whole year",)),
    ("year,count\n2025,1000\n", ("column age_group (or aldersgrupp) is missing",)),
    ("year,age_group,count\n2025,80+,1\n2025,80-w,2\n", ("80+ in 2025 is given twice (rows 2, 3)",)),
    ("year,age_group,count\n2025,6-15,10\n2025,6-9,4\n", ("6-15 in 2025 is given beside its finer groups",)),
    ("year,age_group,count\n", ("no rows",)),
])
def test_bad_input_is_named(tmp_path, text, fragments):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        kd.read_population_forecast(path)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))
    assert str(path) in str(info.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        kd.read_population_forecast(tmp_path / "none.csv")


@pytest.mark.parametrize(("text", "fragments"), [
    # A gap between covered years is named, not filled.
    ("year,age_group,count\n2025,total,19500\n2027,total,19700\n",
     ("age group total has no count for 2026", "covers 2025, 2027", "gaps are not filled")),
    ("year,age_group,count\n2025,80+,1000\n2026,80+,1030\n2029,80+,1100\n",
     ("age group 80+ has no count for 2027, 2028",)),
    # Preschool follows one of the two.
    ("year,age_group,count\n2025,0-5,1200\n2025,1-5,1000\n", ("both 0-5 and 1-5 given for 2025; give one",)),
    # Single ages are not groups.
    ("year,age_group,count\n2025,0,200\n", ("row 2", "age group = '0' is a single age", "0-5, 6-15",
                                            "sum single ages into these groups")),
    ("year,age_group,count\n2025,7 år,200\n", ("'7 år' is a single age",)),
])
def test_gaps_double_preschool_and_single_ages_are_named(tmp_path, text, fragments):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        kd.read_population_forecast(path)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


def test_totals_are_checked_against_scbs_count(tmp_path):
    # Sjöbo: SCB 19 337 on 31 Dec 2024 (kommuner.csv); 9 999 999 is outside half to twice that. Without a
    # municipality nothing is compared.
    path = tmp_path / "sjobo.csv"
    path.write_text("year,age_group,count\n2025,total,19500\n2026,total,9999999\n", encoding="utf-8")
    assert len(kd.read_population_forecast(path)) == 2
    with pytest.raises(ValueError, match="the total for 2026 = 9 999 999 is not plausible for Sjöbo: SCB counted "
                                         "19 337 inhabitants on 31 December 2024"):
        kd.read_population_forecast(path, "Sjöbo")
    # The sum of the six groups counts when there is no total row: 5 × 1 000 + 50 000 = 55 000 > 2 × 19 337.
    six = "".join(f"2025,{g},1000\n" for g in ("0-5", "6-15", "16-18", "65-79", "80+")) + "2025,19-64,50000\n"
    path.write_text("year,age_group,count\n" + six, encoding="utf-8")
    with pytest.raises(ValueError, match="the sum of the six age groups for 2025 = 55 000 is not plausible"):
        kd.read_population_forecast(path, "1265")
