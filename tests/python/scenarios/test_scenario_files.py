"""Scenario files as files: encodings (UTF-8, a byte-order mark accepted, others refused naming the byte), saving
(comments and layout kept for a loaded file, the file mode kept or the umask's), a vintage file relative to the
scenario file, inline properties checked as portfolio rows, and each measure's core object built once. Expected
values are derived in the tests."""
from __future__ import annotations

import dataclasses
import os
from importlib import resources
from pathlib import Path

import pytest

from kommunbudget import scenarios, vintages

EXAMPLE = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_before_tax_rise.toml"
VINTAGE = resources.files("kommunbudget") / "data" / "files" / "vintages" / "government-uprating-2024-09.toml"

MINIMAL = """# Sjöbo: a saving (a comment to keep)
name = "t"
municipality = "Sjöbo"
horizon = 2028

[[measures]]
name = "spara"        # the measure's own comment
kind = "fixed_saving"
amount_msek = 10.0
start_year = 2026
"""


# --- encodings -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_latin_1_scenario_file_is_refused_naming_the_file_and_the_byte(tmp_path, encoding):
    data = MINIMAL.encode(encoding)
    position = data.index("ö".encode(encoding))  # derived: the first byte that is not UTF-8 ('ö' in "Sjöbo")
    line = MINIMAL[:MINIMAL.index("ö")].count("\n") + 1
    path = tmp_path / "latin.toml"
    path.write_bytes(data)
    with pytest.raises(ValueError) as info:
        scenarios.load_scenario(path)
    assert str(info.value) == (f"scenario {path}: the file is not UTF-8 text (byte 0xF6 at position {position}, line "
                               f"{line}; in Latin-1 or Windows-1252 it is 'ö'); save it as UTF-8")
    assert path.read_bytes() == data
    with pytest.raises(ValueError, match="is not UTF-8 text"):
        scenarios.run(path)


@pytest.mark.parametrize("encoding, detail", [
    ("utf-16", "it starts with the UTF-16 byte-order mark 0xFF 0xFE; it looks like UTF-16 text"),
    ("utf-16-be", "byte 0x00 at position 0, line 1; a text file holds no NUL bytes: it looks like UTF-16 text"),
])
def test_a_utf_16_scenario_file_is_refused(tmp_path, encoding, detail):
    path = tmp_path / "utf16.toml"
    path.write_bytes(MINIMAL.encode(encoding))
    with pytest.raises(ValueError) as info:
        scenarios.load_scenario(path)
    assert str(info.value) == f"scenario {path}: the file is not UTF-8 text ({detail}); save it as UTF-8"


def test_a_utf_8_byte_order_mark_is_accepted_in_a_file_and_in_text(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(MINIMAL.encode("utf-8-sig"))
    plain = scenarios.parse(MINIMAL, "plain.toml")
    assert scenarios.load_scenario(path).measures == plain.measures
    assert scenarios.parse("\ufeff" + MINIMAL).measures == plain.measures


# --- saving ----------------------------------------------------------------------------------------------------------

def test_saving_a_loaded_file_unchanged_writes_the_same_bytes(tmp_path):
    path = tmp_path / "example.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    scenarios.save(scenarios.load_scenario(path), path)
    assert path.read_bytes() == EXAMPLE.read_bytes()


def test_saving_keeps_comments_and_changes_only_the_changed_lines(tmp_path):
    s = scenarios.load_scenario(EXAMPLE)
    work_line = s.measures[0]
    changed = dataclasses.replace(work_line, fields={**work_line.fields, "target_reduction": 0.25})
    out = scenarios.save(dataclasses.replace(s, horizon=2029, measures=(changed,) + s.measures[1:]),
                         tmp_path / "copy.toml")
    before = EXAMPLE.read_text(encoding="utf-8").splitlines()
    after = out.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    differ = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert differ == [("horizon = 2030", "horizon = 2029"),
                      ("target_reduction = 0.20             # illustrative",
                       "target_reduction = 0.25             # illustrative")]
    again = scenarios.load_scenario(out)
    assert again.horizon == 2029 and again.measures[0].fields["target_reduction"] == 0.25
    assert again.measures[1:] == s.measures[1:]


def test_saving_with_a_measure_added_and_one_removed_keeps_the_other_measures_comments(tmp_path):
    s = scenarios.load_scenario(EXAMPLE)
    added = scenarios.Measure("ny besparing", "fixed_saving", {"amount_msek": 5.0, "start_year": 2027})
    edited = dataclasses.replace(s, measures=(s.measures[0], s.measures[2], added))
    out = scenarios.save(edited, tmp_path / "copy.toml")
    text = out.read_text(encoding="utf-8")
    for comment in ("# a finance department must replace with its own.", "# illustrative: two caseworkers",
                    "# an illustrative property, not a Sjöbo record"):
        assert comment in text
    assert "gymnasieskola" not in text and "net_cost_msek" not in text
    assert scenarios.load_scenario(out).measures == edited.measures


def test_a_swedish_description_is_read_saved_and_checked(tmp_path):
    # description_sv: optional, text, kept beside description; the packaged examples give one
    text = MINIMAL.replace('horizon = 2028\n', 'horizon = 2028\ndescription = "A saving."\n'
                                                 'description_sv = "En besparing."\n')
    s = scenarios.parse(text)
    assert (s.description, s.description_sv) == ("A saving.", "En besparing.")
    out = scenarios.save(dataclasses.replace(s, description_sv="En besparing på 10 mnkr."), tmp_path / "s.toml")
    assert scenarios.load_scenario(out).description_sv == "En besparing på 10 mnkr."
    assert scenarios.load_scenario(EXAMPLE).description_sv.startswith("Arbetslinje från april 2026")
    with pytest.raises(ValueError, match="description_sv"):
        scenarios.parse(MINIMAL.replace('horizon = 2028\n', 'horizon = 2028\ndescription_sv = 3\n'))


def test_a_scenario_built_in_code_is_written_fresh(tmp_path):
    s = scenarios.Scenario(name="kod", municipality="Sjöbo", horizon=2028,
                           measures=(scenarios.Measure("spara", "fixed_saving",
                                                       {"amount_msek": 10.0, "start_year": 2026}),))
    out = scenarios.save(s, tmp_path / "kod.toml")
    assert out.read_text(encoding="utf-8") == scenarios.to_toml(s)
    assert scenarios.load_scenario(out).measures == s.measures


def test_saving_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    os.chmod(path, 0o640)
    s = scenarios.load_scenario(path)
    scenarios.save(dataclasses.replace(s, horizon=2029), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert scenarios.load_scenario(path).horizon == 2029


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path, umask):
    s = scenarios.parse(MINIMAL, "s.toml")
    old = os.umask(umask)
    try:
        out = scenarios.save(s, tmp_path / "new.toml")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as open(..., "w") creates a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.toml"]


# --- the vintage file, relative to the scenario file ----------------------------------------------------------------

def _scenario_with_vintage_file(folder: Path, written: str = "min_vintage.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    vintage = VINTAGE.read_text(encoding="utf-8").replace('name = "government-uprating-2024-09"',
                                                          'name = "min-vintage"')
    (folder / "min_vintage.toml").write_text(vintage, encoding="utf-8")
    path = folder / "s.toml"
    path.write_text(MINIMAL.replace('horizon = 2028\n', f'horizon = 2028\nvintage = "{written}"\n'),
                    encoding="utf-8")
    return path


def test_a_vintage_file_is_read_relative_to_the_scenario_file_not_the_working_folder(tmp_path, monkeypatch):
    path = _scenario_with_vintage_file(tmp_path / "scenarier")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    s = scenarios.load_scenario(path)
    assert s.vintage == str(tmp_path / "scenarier" / "min_vintage.toml") and s.vintage_file == "min_vintage.toml"
    r = scenarios.run(path)
    assert r.municipality.vintage == "min-vintage (2024-09-19)"


def test_a_missing_vintage_file_names_the_path_as_written_and_where_it_was_looked_for(tmp_path, monkeypatch):
    path = _scenario_with_vintage_file(tmp_path / "scenarier", written="annan.toml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "annan.toml").write_text(VINTAGE.read_text(encoding="utf-8"), encoding="utf-8")  # not beside it
    with pytest.raises(ValueError) as info:
        scenarios.load_scenario(path)
    looked = tmp_path / "scenarier" / "annan.toml"
    assert str(info.value).startswith(f"scenario {path}: vintage: 'annan.toml' does not exist: looked for {looked} "
                                      f"(a vintage file is read relative to the scenario file's folder)")


def test_an_invalid_vintage_file_is_refused_on_load_naming_both_files(tmp_path):
    path = _scenario_with_vintage_file(tmp_path)
    vintage = tmp_path / "min_vintage.toml"
    text = vintage.read_text(encoding="utf-8")
    vintage.write_text(text.replace("values = { 2024 = 0.031", "values = { 99999 = 0.031"), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^scenario {path}: vintage: vintage {vintage} \(min-vintage\): "
                                         r"series.tax_base_growth.values.99999: the year 99999 is outside"):
        scenarios.load_scenario(path)


def test_saving_elsewhere_keeps_pointing_at_the_same_vintage_file(tmp_path):
    path = _scenario_with_vintage_file(tmp_path / "a")
    s = scenarios.load_scenario(path)
    scenarios.save(s, path)
    assert 'vintage = "min_vintage.toml"' in path.read_text(encoding="utf-8")
    (tmp_path / "b").mkdir()
    out = scenarios.save(s, tmp_path / "b" / "s.toml")
    assert 'vintage = "../a/min_vintage.toml"' in out.read_text(encoding="utf-8")
    assert scenarios.load_scenario(out).vintage == s.vintage
    assert scenarios.to_toml(s).count('vintage = "min_vintage.toml"') == 1


def test_a_vintage_file_changed_in_code_is_written_not_the_file_as_first_written(tmp_path):
    path = _scenario_with_vintage_file(tmp_path / "a")
    _scenario_with_vintage_file(tmp_path / "b")  # another min_vintage.toml, in b/
    s = scenarios.load_scenario(path)
    changed = dataclasses.replace(s, vintage=str(tmp_path / "b" / "min_vintage.toml"))
    out = scenarios.save(changed, tmp_path / "a" / "changed.toml")
    assert 'vintage = "../b/min_vintage.toml"' in out.read_text(encoding="utf-8")
    assert scenarios.load_scenario(out).vintage == changed.vintage
    assert f'vintage = "{tmp_path / "b" / "min_vintage.toml"}"' in scenarios.to_toml(changed)


def test_a_packaged_vintage_name_stays_a_name_even_beside_a_file_of_that_name(tmp_path):
    (tmp_path / "skr-2025-report").write_text("not a vintage", encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(MINIMAL.replace('horizon = 2028\n', 'horizon = 2028\nvintage = "skr-2025-report"\n'),
                    encoding="utf-8")
    s = scenarios.load_scenario(path)
    assert s.vintage == "skr-2025-report" and s.vintage_file == ""
    assert vintages.get_vintage(s.vintage).source_file == "kommunbudget/data/files/vintages/skr-2025-report.toml"


# --- inline properties, checked as portfolio rows -------------------------------------------------------------------

SALE = """name = "sälj"
municipality = "Sjöbo"
horizon = 2028

[[measures]]
name = "sälj"
kind = "disposal"
year = 2026
[measures.property]
id = "A 1:1"
use = "school"
area_m2 = 2500.0
book_value_msek = 8.0
market_value_msek = 14.0
running_cost_msek = 1.6
depreciation_msek = 0.4
vacancy = 1.0
need_remains = false
"""
#: The portfolio format's required columns other than id (premises module docstring: "external_rent_msek may be
#: left out or empty (0); every other column is required"), with the line each has in SALE.
REQUIRED = {"use": 'use = "school"\n', "area_m2": "area_m2 = 2500.0\n", "book_value_msek": "book_value_msek = 8.0\n",
            "market_value_msek": "market_value_msek = 14.0\n", "running_cost_msek": "running_cost_msek = 1.6\n",
            "depreciation_msek": "depreciation_msek = 0.4\n", "vacancy": "vacancy = 1.0\n",
            "need_remains": "need_remains = false\n"}
CSV_HEADER = ("id,use,area_m2,book_value_msek,market_value_msek,running_cost_msek,depreciation_msek,vacancy,"
              "need_remains")
CSV_ROW = {"id": "A 1:1", "use": "school", "area_m2": "2500", "book_value_msek": "8.0", "market_value_msek": "14.0",
           "running_cost_msek": "1.6", "depreciation_msek": "0.4", "vacancy": "1.0", "need_remains": "false"}


@pytest.mark.parametrize("field", list(REQUIRED))
def test_an_inline_property_missing_a_required_field_is_refused_as_a_portfolio_row_is(tmp_path, field):
    with pytest.raises(ValueError) as inline:
        scenarios.parse(SALE.replace(REQUIRED[field], ""), "sälj.toml")
    prefix = f"scenario sälj.toml: measures[0] (sälj).property.{field}: missing; every property gives it ("
    assert str(inline.value).startswith(prefix), str(inline.value)
    # The portfolio's message for the same field left out of a [[premises]] table gives the same detail.
    table = SALE[SALE.index("id = "):].replace(REQUIRED[field], "")
    with pytest.raises(ValueError) as row:
        scenarios.parse(SALE[:SALE.index("[[measures]]")] + "[[premises]]\n" + table, "p.toml")
    assert str(row.value).split(f"premises[0] (A 1:1).{field}: ")[1] == str(inline.value).split(f".{field}: ")[1]


def test_an_inline_property_sells_at_its_market_value_as_the_portfolio_property_does(tmp_path):
    csv = tmp_path / "lokaler.csv"
    csv.write_text(CSV_HEADER + "\n" + ",".join(CSV_ROW.values()) + "\n", encoding="utf-8")
    by_id = SALE[:SALE.index("[measures.property]")] + 'property = "A 1:1"\n'
    by_id = by_id.replace('horizon = 2028\n', 'horizon = 2028\npremises_file = "lokaler.csv"\n')
    (tmp_path / "id.toml").write_text(by_id, encoding="utf-8")
    inline, portfolio = scenarios.run(scenarios.parse(SALE, "sälj.toml")), scenarios.run(tmp_path / "id.toml")
    k = inline.baseline.years.index(2026)
    # Market value − book value on the sale date (1 January 2026: 8.0 less 0.4 a year for 2024 and 2025), MSEK (the
    # sale price defaults to the market value).
    gain = 14.0 - (8.0 - 0.4 * 2)
    assert inline.projection.line("disposal_realisation_gain")[k] == pytest.approx(gain)
    assert portfolio.projection.line("disposal_realisation_gain")[k] == pytest.approx(gain)


# --- each measure's core object built once ---------------------------------------------------------------------------

def test_each_measures_core_object_is_built_once_per_scenario(monkeypatch):
    n = 40
    text = 'name = "many"\nmunicipality = "Sjöbo"\nhorizon = 2028\n' + "".join(
        f'[[measures]]\nname = "m{i}"\nkind = "fixed_saving"\namount_msek = 0.5\nstart_year = 2026\n' for i in range(n))
    s = scenarios.parse(text)
    calls = []
    original = scenarios.Measure.to_core
    monkeypatch.setattr(scenarios.Measure, "to_core", lambda self, *a, **k: calls.append(self.name) or
                        original(self, *a, **k))
    names = [m.name for m in s.measures]
    for i in range(n):  # as a run asks: every prefix of the file's list, then all
        assert len(s.measures_core(names[: i + 1]).fixed_savings) == i + 1
    assert [f.name for f in s.measures_core().fixed_savings] == names
    assert sorted(calls) == sorted(names)  # n measures, n builds
    assert scenarios.run(s).measure_effects.shape[0] == n
