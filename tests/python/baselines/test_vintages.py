"""Assumption vintages: loading, validation, recording, comparison.

Expected figures come from the vintage files' sources (SFS 2024:669; SKR) and Sjöbo's Budget 2024, or are derived
by hand in the tests.
"""
from __future__ import annotations

import pytest

import kommunbudget as kb
from kommunbudget import vintages

GOOD = """
name = "test-vintage"
published = "2026-01-01"
[series.labour_cost_change]
source = "test"
values = { 2025 = 0.03 }
tail = 0.03
tail_source = "test rule"
[series.other_cost_change]
tail = 0.02
tail_source = "test rule"
[series.labour_weight]
tail = 0.69
tail_source = "test rule"
[series.tax_base_growth]
source = "test"
values = { 2025 = 0.04 }
[series.national_tax_capacity_growth]
follows = "tax_base_growth"
tail_source = "test rule"
"""


def test_packaged_vintages_are_listed_with_dates():
    table = vintages.list_vintages().set_index("name")
    assert {"skr-2025-report", "government-uprating-2024-09"} <= set(table.index)
    assert table.loc["government-uprating-2024-09", "published"] == "2024-09-19"


def test_run_records_its_vintage():
    m = kb.load("Sjöbo", vintage="government-uprating-2024-09")
    assert m.vintage == "government-uprating-2024-09 (2024-09-19)"
    assert any("government-uprating-2024-09" in note for note in m.notes)
    assert kb.load("Sjöbo").vintage == "skr-2025-report (2025)"








def test_vintage_from_a_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    v = vintages.load_vintage(path)
    assert v.name == "test-vintage" and v.series["tax_base_growth"].values == {2025: 0.04}


def test_vintage_lacking_a_year_the_horizon_needs(tmp_path):
    path = tmp_path / "short.toml"
    path.write_text(GOOD, encoding="utf-8")
    m = kb.load("Sjöbo", vintage=str(path), use_plan_growth=False)
    with pytest.raises(ValueError, match="tax_base_growth: year 2026 is missing"):
        m.project(2027)


def test_duplicate_vintage_names_are_refused(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text(GOOD.replace("test-vintage", "skr-2025-report"), encoding="utf-8")
    with pytest.raises(ValueError, match="vintage name 'skr-2025-report' is used twice"):
        vintages.packaged_vintages(extra=[vintages.load_vintage(path)])


@pytest.mark.parametrize("bad, message", [
    ("name = 'x'\npublished = '1'\ncolour = 'red'\n[series]", r"unknown key\(s\) \['colour'\]"),
    (GOOD.replace("values = { 2025 = 0.04 }", "values = { 2025 = 4.0 }"), r"did you mean 0.04\?"),
    (GOOD.replace("[series.labour_weight]\ntail = 0.69", "[series.labour_weight]\ntail = 69.1"),
     r"labour_weight.tail = 69.1 is outside \[0, 1\]"),
    (GOOD.replace('source = "test"\nvalues = { 2025 = 0.03 }', 'values = { 2025 = 0.03 }'), "source is empty"),
    (GOOD.replace("[series.national_tax_capacity_growth]", "[series.national_capacity]"), "missing"),
    ("name = ", "not valid TOML"),
])
def test_invalid_vintages_name_the_field(tmp_path, bad, message):
    with pytest.raises(ValueError, match=message):
        vintages.parse_vintage(bad, "bad.toml")


def test_unknown_vintage_name():
    with pytest.raises(ValueError, match="vintage = 'skr-1999'.*skr-2025-report"):
        kb.load("Sjöbo", vintage="skr-1999")
