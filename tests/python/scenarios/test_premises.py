"""Premises: the portfolio CSV (one case per failure mode, each asserting that the message names the file, the row
and the column), the summary, writing back, and the portfolio in scenarios (disposal by id, a premises target that
takes its total from the portfolio, round trips, files never modified). Expected values are derived in the tests."""
from __future__ import annotations

import csv
import io
import os
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget import premises, scenarios

HEADER = ("id,use,area_m2,book_value_msek,market_value_msek,running_cost_msek,depreciation_msek,vacancy,"
          "need_remains,external_rent_msek")
ROW_A = "A 1:1,school,2500,8.0,14.0,1.6,0.4,1.0,false,0.0"
ROW_B = "B 1:1,office,1800,6.5,9.0,3.0,1.0,0.5,true,0.6"
GOOD = f"{HEADER}\n{ROW_A}\n{ROW_B}\n"

# The same two properties as [[premises]] tables.
INLINE_PREMISES = """
[[premises]]
id = "A 1:1"
use = "school"
area_m2 = 2500.0
book_value_msek = 8.0
market_value_msek = 14.0
running_cost_msek = 1.6
depreciation_msek = 0.4
vacancy = 1.0
need_remains = false
external_rent_msek = 0.0

[[premises]]
id = "B 1:1"
use = "office"
area_m2 = 1800.0
book_value_msek = 6.5
market_value_msek = 9.0
running_cost_msek = 3.0
depreciation_msek = 1.0
vacancy = 0.5
need_remains = true
external_rent_msek = 0.6
"""

HEAD = """name = "lokaler"
municipality = "Sjöbo"
horizon = 2028
"""

SELL_B_BY_ID = """
[[measures]]
name = "sälj kontoret"
kind = "disposal"
property = "B 1:1"
year = 2026
month = 4
debt_interest_rate = 0.03
"""

SELL_B_INLINE = """
[[measures]]
name = "sälj kontoret"
kind = "disposal"
year = 2026
month = 4
debt_interest_rate = 0.03
[measures.property]
id = "B 1:1"
use = "office"
area_m2 = 1800.0
book_value_msek = 6.5
market_value_msek = 9.0
running_cost_msek = 3.0
depreciation_msek = 1.0
vacancy = 0.5
need_remains = true
external_rent_msek = 0.6
"""

TARGET_WITHOUT_TOTAL = """
[[measures]]
name = "lokalkrav"
kind = "premises_target"
share = 0.10
start_year = 2026
"""

PACKAGED = resources.files("kommunbudget") / "data" / "files" / "scenarios"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time (ns)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


# --- the CSV file -------------------------------------------------------------------------------------------------

def test_read_portfolio_gives_core_properties_in_file_order(tmp_path):
    path = write(tmp_path, "p.csv", GOOD)
    portfolio = premises.read_portfolio(path)
    assert portfolio.ids() == ["A 1:1", "B 1:1"]
    assert all(isinstance(p, kb.Property) for p in portfolio.properties)
    b = portfolio.get("B 1:1")
    assert (b.area_m2, b.running_cost_msek, b.vacancy, b.need_remains, b.external_rent_msek) == (
        1800.0, 3.0, 0.5, True, 0.6)
    assert portfolio.source == str(path)
    assert list(portfolio.to_frame().columns) == list(kb.Property._fields)


def test_summary_by_hand(tmp_path):
    portfolio = premises.read_portfolio(write(tmp_path, "p.csv", GOOD))
    s = portfolio.summary()
    total = s.loc["total"]
    # A: 2500 m² all vacant, 1.6 + 0.4; B: 1800 m², half vacant, 3.0 + 1.0.
    assert total["n_properties"] == 2
    assert total["area_m2"] == pytest.approx(4300.0)
    assert total["vacant_area_m2"] == pytest.approx(2500 * 1.0 + 1800 * 0.5)
    assert total["vacancy_share"] == pytest.approx(3400 / 4300)
    assert total["running_cost_msek"] == pytest.approx(4.6)
    assert total["depreciation_msek"] == pytest.approx(1.4)
    assert total["total_premises_cost_msek"] == pytest.approx(6.0)
    assert total["cost_kr_per_m2"] == pytest.approx(6.0e6 / 4300)
    assert total["market_minus_book_msek"] == pytest.approx(23.0 - 14.5)
    assert s.loc["office", "cost_kr_per_m2"] == pytest.approx(4.0e6 / 1800)
    assert list(s.index) == ["school", "office", "total"]
    assert portfolio.total_premises_cost_msek == pytest.approx(6.0)


def test_comment_lines_and_line_numbers(tmp_path):
    path = write(tmp_path, "p.csv", f"# illustrative\n# two lines\n{HEADER}\n{ROW_A}\n"
                                    f"{ROW_B.replace(',0.5,', ',50,')}\n")
    with pytest.raises(ValueError, match=r"row 2 \(id 'B 1:1', line 5\), column vacancy"):
        premises.read_portfolio(path)
    portfolio = premises.read_portfolio(write(tmp_path, "q.csv", f"# illustrative\n# two lines\n{GOOD}"))
    assert portfolio.comment == "illustrative\ntwo lines"


@pytest.mark.parametrize("text, parts", [
    # A value out of range, per kind of field.
    (f"{HEADER}\n{ROW_A}\n{ROW_B.replace(',0.5,', ',25,')}\n",
     ["row 2 (id 'B 1:1', line 3), column vacancy: 25 is outside [0, 1] (a fraction is expected",
      "25 looks like a percent: did you mean 0.25?"]),
    (f"{HEADER}\n{ROW_A.replace(',1.6,', ',-1.6,')}\n",
     ["row 1 (id 'A 1:1', line 2), column running_cost_msek: -1.6 is outside [0, 10000] MSEK"]),
    (f"{HEADER}\n{ROW_A.replace(',2500,', ',2e8,')}\n",
     ["row 1 (id 'A 1:1', line 2), column area_m2: 2e+08 is outside [0, 1e+07] m²"]),
    # Text where a number or a boolean is expected.
    (f"{HEADER}\n{ROW_A.replace(',8.0,', ',åtta,')}\n",
     ["row 1 (id 'A 1:1', line 2), column book_value_msek: 'åtta' is not a number"]),
    (HEADER + "\n" + ROW_A.replace(",8.0,", ',"8,5",') + "\n",
     ["row 1 (id 'A 1:1', line 2), column book_value_msek: '8,5' is not a number (use a decimal point"]),
    (f"{HEADER}\n{ROW_A.replace(',14.0,', ',inf,')}\n",
     ["row 1 (id 'A 1:1', line 2), column market_value_msek: 'inf' is not a finite number"]),
    (f"{HEADER}\n{ROW_A.replace(',false,', ',kanske,')}\n",
     ["row 1 (id 'A 1:1', line 2), column need_remains: 'kanske' is not true or false"]),
    # Missing or repeated ids, empty cells, a row of the wrong length.
    (f"{HEADER}\n{ROW_A}\n{ROW_A}\n",
     ["row 2 (id 'A 1:1', line 3), column id: 'A 1:1' is used twice (also row 1); expected unique ids"]),
    (f"{HEADER}\n{ROW_A.replace('A 1:1', '')}\n", ["row 1 (line 2), column id: empty; every property gives it"]),
    (f"{HEADER}\n{ROW_A.replace(',0.4,', ',,')}\n",
     ["row 1 (id 'A 1:1', line 2), column depreciation_msek: empty; every property gives it"]),
    (f"{HEADER}\n{ROW_A.replace(',8.0,', ',8,5,')}\n",
     ["row 1 (id 'A 1:1', line 2): 11 fields, but the header has 10 (a decimal comma?"]),
    # The header.
    (f"{HEADER.replace('vacancy', 'vakans')}\n{ROW_A}\n", ["line 1: unknown column 'vakans'", "column vakans"]),
    (f"{HEADER.replace(',vacancy', '')}\n{ROW_A}\n", ["line 1: the header lacks the columns vacancy"]),
    (f"{HEADER},vacancy\n{ROW_A},0.5\n", ["line 1: the column 'vacancy' appears twice", "column vacancy"]),
    (f"{HEADER.replace(',', ';')}\n{ROW_A.replace(',', ';')}\n", ["line 1: the header", "separated by semicolons"]),
    # No content.
    ("", ["the file is empty"]),
    (f"# only a comment\n{HEADER}\n", ["no properties below the header"]),
])
def test_csv_errors_name_the_file_row_and_column(tmp_path, text, parts):
    path = write(tmp_path, "lokaler.csv", text)
    before = snapshot(tmp_path)
    with pytest.raises(ValueError) as info:
        premises.read_portfolio(path)
    message = str(info.value)
    assert message.startswith(f"portfolio {path}: ")
    for part in parts:
        assert part in message, message
    assert isinstance(info.value, premises.PortfolioError)
    assert snapshot(tmp_path) == before  # reading never modifies the file


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"portfolio .*nowhere.csv: the file does not exist"):
        premises.read_portfolio(tmp_path / "nowhere.csv")


def test_external_rent_column_is_optional(tmp_path):
    header = HEADER.removesuffix(",external_rent_msek")
    row = ROW_A.removesuffix(",0.0")
    portfolio = premises.read_portfolio(write(tmp_path, "p.csv", f"{header}\n{row}\n"))
    assert portfolio.get("A 1:1").external_rent_msek == 0.0


def test_write_portfolio_reads_back_equal_keeps_comments_and_is_atomic(tmp_path):
    portfolio = premises.read_portfolio(write(tmp_path, "p.csv", f"# illustrative\n{GOOD}"))
    out = premises.write_portfolio(portfolio, tmp_path / "copy.csv")
    again = premises.read_portfolio(out)
    assert again == portfolio and again.comment == "illustrative"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.csv", "p.csv"]  # no temporary file left
    with pytest.raises(ValueError, match="is a directory"):
        premises.write_portfolio(portfolio, tmp_path)
    with pytest.raises(ValueError, match="no properties"):
        premises.write_portfolio(premises.Portfolio(()), tmp_path / "empty.csv")


def test_write_portfolio_keeps_the_mode_of_the_file_it_replaces_or_gives_the_umasks(tmp_path):
    portfolio = premises.read_portfolio(write(tmp_path, "p.csv", GOOD))
    os.chmod(tmp_path / "p.csv", 0o640)
    premises.write_portfolio(portfolio.without(["A 1:1"]), tmp_path / "p.csv")
    assert (tmp_path / "p.csv").stat().st_mode & 0o777 == 0o640
    old = os.umask(0o022)
    try:
        out = premises.write_portfolio(portfolio, tmp_path / "new.csv")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # 0o666 & ~0o022, as open(..., "w") creates a file


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_latin_1_portfolio_file_is_refused_naming_the_file_and_the_byte(tmp_path, encoding):
    text = GOOD.replace("school", "skola för förskolebarn")
    data = text.encode(encoding)
    position = data.index("ö".encode(encoding))  # derived: the first byte that is not UTF-8
    line = text[:text.index("ö")].count("\n") + 1
    path = tmp_path / "latin.csv"
    path.write_bytes(data)
    with pytest.raises(ValueError) as info:
        premises.read_portfolio(path)
    assert str(info.value) == (f"portfolio {path}: the file is not UTF-8 text (byte 0xF6 at position {position}, "
                               f"line {line}; in Latin-1 or Windows-1252 it is 'ö'); save it as UTF-8")
    scenario = write(tmp_path, "s.toml", HEAD + 'premises_file = "latin.csv"\n')
    with pytest.raises(ValueError, match=rf"^scenario {scenario}: premises_file: portfolio {tmp_path / 'latin.csv'}: "
                                         r"the file is not UTF-8 text \(byte 0xF6"):
        scenarios.load_scenario(scenario)
    assert path.read_bytes() == data


@pytest.mark.parametrize("encoding, detail", [
    ("utf-16", "it starts with the UTF-16 byte-order mark 0xFF 0xFE; it looks like UTF-16 text"),
    ("utf-16-le", "byte 0x00 at position 1, line 1; a text file holds no NUL bytes: it looks like UTF-16 text"),
])
def test_a_utf_16_portfolio_file_is_refused(tmp_path, encoding, detail):
    path = tmp_path / "utf16.csv"
    path.write_bytes(GOOD.encode(encoding))
    with pytest.raises(ValueError) as info:
        premises.read_portfolio(path)
    assert str(info.value) == f"portfolio {path}: the file is not UTF-8 text ({detail}); save it as UTF-8"


def test_a_portfolio_file_with_a_utf_8_byte_order_mark_reads_as_without(tmp_path):
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(GOOD.encode("utf-8-sig"))
    assert premises.read_portfolio(with_bom) == premises.read_portfolio(write(tmp_path, "p.csv", GOOD))


def test_records_of_numpy_numbers_and_bools_give_the_same_portfolio(tmp_path):
    from_csv = premises.read_portfolio(write(tmp_path, "p.csv", GOOD))
    numpy_records = [{k: (np.bool_(v) if isinstance(v, bool) else np.float64(v) if k.endswith("_msek")
                          else np.int64(v) if k == "area_m2" else v) for k, v in r.items()}
                     for r in from_csv.records()]
    assert premises.portfolio_from_records(numpy_records) == from_csv
    assert premises.portfolio_from_records(from_csv.to_frame().to_dict("records")) == from_csv
    with pytest.raises(ValueError, match=r"row 1 \(id 'A 1:1'\), column area_m2: True is not a number; expected a "
                                         r"number in \[0, 1e\+07\] m²"):
        premises.portfolio_from_records([{**from_csv.records()[0], "area_m2": True}])


def test_portfolio_refuses_duplicate_ids_and_names_unknown_ids(tmp_path):
    a = kb.Property(id="X")
    with pytest.raises(ValueError, match="'X' appears twice"):
        premises.Portfolio((a, kb.Property(id="X")))
    portfolio = premises.read_portfolio(write(tmp_path, "p.csv", GOOD))
    with pytest.raises(KeyError, match="expected one of: A 1:1, B 1:1"):
        portfolio.get("C 1:1")
    assert portfolio.without(["A 1:1"]).ids() == ["B 1:1"]


def test_records_and_csv_give_the_same_portfolio(tmp_path):
    from_csv = premises.read_portfolio(write(tmp_path, "p.csv", GOOD))
    from_records = premises.portfolio_from_records(from_csv.records())
    assert from_records == from_csv


def test_packaged_portfolio_is_installed_and_marked_illustrative():
    entry = PACKAGED / "sjobo_premises_portfolio.csv"
    assert entry.is_file(), "the package data must include data/files/scenarios/*.csv"
    portfolio = premises.read_portfolio(entry)
    assert "ILLUSTRATIVE" in portfolio.comment
    # The total premises cost derived from the file with the csv module: running cost + depreciation.
    lines = [line for line in entry.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    total = sum(float(r["running_cost_msek"]) + float(r["depreciation_msek"]) for r in rows)
    assert portfolio.total_premises_cost_msek == pytest.approx(total)
    assert len(portfolio) == len(rows)


# --- the portfolio in scenarios -----------------------------------------------------------------------------------

def _other_cost_factor(m, years) -> float:
    factor = 1.0
    for year in years:
        factor *= 1 + m.assumptions.get("other_cost_change", year)[0]
    return factor


def test_premises_target_without_total_is_share_of_the_portfolio_total():
    s = scenarios.parse(HEAD + INLINE_PREMISES + TARGET_WITHOUT_TOTAL, "target.toml")
    r = scenarios.run(s)
    # Portfolio total by hand: (1.6 + 0.4) + (3.0 + 1.0) = 6.0 MSEK; 10 % of it, in 2024 prices, uprated as other
    # consumption (premises: labour share 0) to 2026.
    expected = 0.10 * 6.0 * _other_cost_factor(r.municipality, (2025, 2026))
    k = r.baseline.years.index(2026)
    assert r.projection.line("fixed_saving")[k] == pytest.approx(expected, rel=1e-12)
    # The same as the explicit total.
    explicit = scenarios.run(scenarios.parse(HEAD + INLINE_PREMISES + TARGET_WITHOUT_TOTAL.replace(
        "share = 0.10", "share = 0.10\ntotal_premises_cost_msek = 6.0")))
    np.testing.assert_allclose(explicit.projection.line("result"), r.projection.line("result"), rtol=0, atol=1e-12)


@pytest.mark.parametrize("form", ["inline", "file"])
def test_disposal_by_id_equals_disposal_with_the_inline_table(tmp_path, form):
    if form == "inline":
        by_id = scenarios.parse(HEAD + INLINE_PREMISES + SELL_B_BY_ID, "by_id.toml")
    else:
        write(tmp_path, "lokaler.csv", GOOD)
        by_id = scenarios.load_scenario(write(tmp_path, "by_id.toml",
                                              HEAD + 'premises_file = "lokaler.csv"\n' + SELL_B_BY_ID))
    inline = scenarios.parse(HEAD + SELL_B_INLINE, "inline.toml")
    a, b = scenarios.run(by_id), scenarios.run(inline)
    for line in kb._core.IncomeStatement.LINES:
        np.testing.assert_array_equal(a.projection.line(line), b.projection.line(line), err_msg=line)
    k = a.baseline.years.index(2026)
    # Book value on 1 April 2026: 6.5 (1 January 2024) − 1.0 a year × 2.25 years = 4.25; gain 9.0 − 4.25.
    assert a.projection.line("disposal_realisation_gain")[k] == pytest.approx(9.0 - (6.5 - 1.0 * 2.25))
    summary = a.premises_summary(after_disposals=True)
    assert summary.loc["total", "n_properties"] == 1 and "office" not in summary.index
    assert b.premises_summary() is None


@pytest.mark.parametrize("body, message", [
    (INLINE_PREMISES + SELL_B_BY_ID.replace('"B 1:1"', '"C 9:9"'),
     r"measures\[0\] \(sälj kontoret\).property: 'C 9:9' is not a property of the portfolio \(\[\[premises\]\]\); "
     r"expected one of: A 1:1, B 1:1"),
    (INLINE_PREMISES + SELL_B_BY_ID + SELL_B_BY_ID.replace('name = "sälj kontoret"', 'name = "igen"'),
     r"measures\[1\] \(igen\).property: 'B 1:1' is already sold by measures\[0\] \(sälj kontoret\); expected each "
     r"property once"),
    (INLINE_PREMISES + SELL_B_INLINE + SELL_B_BY_ID.replace('name = "sälj kontoret"', 'name = "igen"'),
     r"measures\[1\] \(igen\).property: 'B 1:1' is already sold by measures\[0\]"),
    (SELL_B_BY_ID, r"measures\[0\] \(sälj kontoret\).property: 'B 1:1' is not a table, and the scenario has no "
                   r"portfolio"),
    (TARGET_WITHOUT_TOTAL, r"measures\[0\] \(lokalkrav\): missing total_premises_cost_msek for a premises_target "
                           r"measure; give it, or give the scenario a portfolio"),
    ('premises_file = "p.csv"\n' + INLINE_PREMISES,
     r"premises_file: both \[\[premises\]\] tables and premises_file are given"),
    (INLINE_PREMISES.replace("vacancy = 0.5", "vacancy = 50.0"),
     r"premises\[1\] \(B 1:1\).vacancy: 50 is outside \[0, 1\] \(a fraction is expected; 50 looks like a percent: "
     r"did you mean 0.5\?\)"),
    (INLINE_PREMISES.replace("vacancy = 0.5", "vacans = 0.5"), r"premises\[1\] \(B 1:1\).vacans: unknown field"),
    (INLINE_PREMISES.replace('id = "B 1:1"', 'id = "A 1:1"'),
     r"premises\[1\] \(A 1:1\).id: 'A 1:1' is used twice"),
    (INLINE_PREMISES.replace("need_remains = true", 'need_remains = "ja"'),
     r"premises\[1\] \(B 1:1\).need_remains: 'ja' is not true or false"),
    ('premises_file = "nowhere.csv"\n', r"premises_file: portfolio .*nowhere.csv: the file does not exist"),
])
def test_premises_errors_in_scenarios_name_the_key_path(tmp_path, body, message):
    path = write(tmp_path, "bad.toml", HEAD + body)
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match=message) as info:
        scenarios.load_scenario(path)
    assert str(info.value).startswith(f"scenario {path}: ")
    assert snapshot(tmp_path) == before


def test_a_bad_portfolio_file_is_named_with_its_row_and_column(tmp_path):
    write(tmp_path, "lokaler.csv", f"{HEADER}\n{ROW_A.replace(',1.0,false', ',100,false')}\n")
    path = write(tmp_path, "s.toml", HEAD + 'premises_file = "lokaler.csv"\n')
    with pytest.raises(ValueError) as info:
        scenarios.load_scenario(path)
    message = str(info.value)
    assert message.startswith(f"scenario {path}: premises_file: portfolio {tmp_path / 'lokaler.csv'}: ")
    assert "row 1 (id 'A 1:1', line 2), column vacancy: 100 is outside [0, 1]" in message


def test_two_inline_tables_for_one_property_are_refused_when_run():
    twice = HEAD + SELL_B_INLINE + SELL_B_INLINE.replace('name = "sälj kontoret"', 'name = "igen"')
    s = scenarios.parse(twice, "twice.toml")  # loads: the core refuses it when run
    with pytest.raises(ValueError, match=r"twice.toml: measures\[1\] \(igen\): .*'B 1:1' is sold twice"):
        scenarios.run(s)


def test_a_portfolio_larger_than_the_baseline_is_refused_when_run():
    big = INLINE_PREMISES.replace("depreciation_msek = 1.0", "depreciation_msek = 500.0")
    with pytest.raises(ValueError, match=r"big.toml: premises: the portfolio's depreciation 500.4 MSEK exceeds"):
        scenarios.run(scenarios.parse(HEAD + big, "big.toml"))


def test_loading_and_running_never_modify_files(tmp_path):
    write(tmp_path, "lokaler.csv", f"# a comment\n{GOOD}")
    path = write(tmp_path, "s.toml", HEAD + 'premises_file = "lokaler.csv"\n' + SELL_B_BY_ID +
                 TARGET_WITHOUT_TOTAL)
    before = snapshot(tmp_path)
    s = scenarios.load_scenario(path)
    scenarios.run(path)
    assert snapshot(tmp_path) == before
    assert s.premises_file == "lokaler.csv" and s.premises.ids() == ["A 1:1", "B 1:1"]


def test_round_trip_with_inline_premises(tmp_path):
    s = scenarios.parse(HEAD + INLINE_PREMISES + SELL_B_BY_ID + TARGET_WITHOUT_TOTAL, "s.toml")
    out = scenarios.save(s, tmp_path / "copy.toml")
    text = out.read_text(encoding="utf-8")
    assert "[[premises]]" in text and "premises_file" not in text
    again = scenarios.load_scenario(out)
    assert again.premises == s.premises and again.measures == s.measures and again.premises_file == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.toml"]


def test_round_trip_with_a_premises_file(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    write(source, "lokaler.csv", f"# keep this comment\n{GOOD}")
    path = write(source, "s.toml", HEAD + 'premises_file = "lokaler.csv"\n' + SELL_B_BY_ID)
    s = scenarios.load_scenario(path)
    # Saved elsewhere: the portfolio file is written next to the scenario, in the same form.
    other = tmp_path / "other"
    other.mkdir()
    out = scenarios.save(s, other / "copy.toml")
    assert 'premises_file = "lokaler.csv"' in out.read_text(encoding="utf-8")
    assert "[[premises]]" not in out.read_text(encoding="utf-8")
    again = scenarios.load_scenario(out)
    assert again.premises == s.premises and again.measures == s.measures
    assert again.premises.comment == "keep this comment"
    assert sorted(p.name for p in other.iterdir()) == ["copy.toml", "lokaler.csv"]
    # Saved in place: the portfolio file holds the same properties and is left as it is.
    csv_before = (source / "lokaler.csv").read_bytes(), (source / "lokaler.csv").stat().st_mtime_ns
    scenarios.save(s, path)
    assert ((source / "lokaler.csv").read_bytes(), (source / "lokaler.csv").stat().st_mtime_ns) == csv_before
    # A different portfolio of the same name is not replaced silently.
    third = tmp_path / "third"
    third.mkdir()
    write(third, "lokaler.csv", f"{HEADER}\n{ROW_A}\n")
    with pytest.raises(ValueError, match="exists and holds other properties"):
        scenarios.save(s, third / "copy.toml")
    assert sorted(p.name for p in third.iterdir()) == ["lokaler.csv"]
    scenarios.save(s, third / "copy.toml", replace_premises_file=True)
    assert premises.read_portfolio(third / "lokaler.csv") == s.premises


def test_packaged_premises_example_runs_from_its_portfolio():
    assert "sjobo_premises" in scenarios.packaged_scenarios()
    r = scenarios.run("sjobo_premises")
    assert r.scenario.premises_file == "sjobo_premises_portfolio.csv"
    total = r.projection.line("result") - r.baseline.line("result")
    np.testing.assert_allclose(r.measure_effects.sum(axis=0).to_numpy(dtype=float), total, atol=1e-9)
    # The target: 10 % of the portfolio's running cost + depreciation, realised by half, a third of it in 2027.
    portfolio = premises.read_portfolio(PACKAGED / "sjobo_premises_portfolio.csv")
    k = r.baseline.years.index(2027)
    expected = 0.10 * portfolio.total_premises_cost_msek * 0.5 / 3 * _other_cost_factor(r.municipality,
                                                                                          (2025, 2026, 2027))
    assert r.projection.line("fixed_saving")[k] == pytest.approx(expected, rel=1e-12)
    assert r.premises_summary().loc["total", "total_premises_cost_msek"] == pytest.approx(
        portfolio.total_premises_cost_msek)
    assert r.sold_property_ids() == ["Exempel 3:1", "Exempel 3:2"]


def test_a_folder_given_as_the_portfolio_or_the_scenario_is_called_a_folder(tmp_path):
    with pytest.raises(ValueError, match=r"portfolio .*: the file is a folder, not a file; expected a CSV file"):
        premises.read_portfolio(tmp_path)
    with pytest.raises(ValueError, match=r"scenario file .* is a folder, not a file"):
        scenarios.load_scenario(tmp_path)
