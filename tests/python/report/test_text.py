"""Text tables and shared sections (kommunbudget.report.text). Expected text is written out by hand."""
from __future__ import annotations

from kommunbudget.report.text import (
    NUMBER_AND_UNIT,
    THOUSANDS,
    WIDTH,
    assumptions_text,
    base_sources_text,
    frame_text,
    notes_text,
    section,
    status_legend,
    title,
    wrap,
    year_columns,
)


def test_title_is_underlined_to_its_length():
    text = title("Sjöbo (1265)", "Skåne län", 19_337, "income statement", [2024, 2030])
    head, rule = text.split("\n")
    assert head == "Sjöbo (1265), Skåne län, 19,337 inhabitants (31 December 2024): income statement, 2024\u20132030"
    assert rule == "=" * len(head)


def test_title_in_swedish_uses_swedish_numbers_dates_and_words():
    head = title("Sjöbo (1265)", "Skåne län", 19_337, "resultaträkning", [2024, 2030], "31 Dec 2024",
                 language="sv").split("\n")[0]
    assert head == ("Sjöbo (1265), Skåne län, 19\u00a0337 invånare (31 december 2024): resultaträkning, "
                    "2024\u20132030")


def test_status_legend_groups_years_by_status():
    legend = status_legend({2024: "budget", 2025: "plan", 2026: "plan", 2027: "plan", 2028: "projection"})
    assert legend.startswith("Years: 2024 budget = adopted budget (base year); 2025\u20132027 plan = adopted plan")
    assert "2028 proj. = projected by the model" in legend
    assert "APPROXIMATE" not in legend
    approximate = status_legend({2024: "approximate", 2025: "projection"})
    assert "2024 approx. = approximate base year from SCB data" in approximate
    assert "APPROXIMATE BASELINE" in approximate


def test_wrap_keeps_glued_numbers_together():
    text = "x" * 96 + " 1 394 kr"
    plain = wrap(text, width=100)
    glued = wrap(text, width=100, glue=THOUSANDS)
    assert plain.splitlines() == ["x" * 96 + " 1", "394 kr"]   # the thousands space broken
    assert glued.splitlines() == ["x" * 96, "1 394 kr"]         # kept, with an ordinary space
    unit = wrap("y" * 96 + " 3.8 %", width=100, glue=NUMBER_AND_UNIT)
    assert unit.splitlines()[1] == "3.8 %"
    assert all(len(line) <= 100 for line in plain.splitlines())


def test_frame_text_aligns_cells_under_year_columns():
    columns = year_columns([2024, 2025], {2024: "budget", 2025: "plan"})
    text = frame_text([("Result", ["-26.1", "40.0"]), ("", ["", ""]), ("Share", ["-2.0 %", "3.0 %"])], columns)
    lines = text.splitlines()
    assert "2024" in lines[0] and "2025" in lines[0] and "budget" in lines[1] and "plan" in lines[1]
    assert lines[-3].split() == ["Result", "-26.1", "40.0"]
    assert lines[-1].split() == ["Share", "-2.0", "%", "3.0", "%"]
    assert max(len(line) for line in lines) <= WIDTH


def _years_table(years, cells):
    columns = year_columns(years, {y: "projection" for y in years})
    return [("Verksamhetens nettokostnader", [cells] * len(years)), ("Skatteintäkter", [cells] * len(years))], columns


def test_frame_text_never_cuts_a_number_and_splits_years_into_whole_tables():
    years = list(range(2024, 2035))  # 11 years of "−1 656,2": 11 × (8 + 3) columns do not fit in 80
    rows, columns = _years_table(years, "\u22121\u00a0656,2")
    text = frame_text(rows, columns, columns_width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in text and "\\" not in text
    # every year's column is printed once, each block of years a whole table with the row labels
    assert sum(line.split().count(str(y)) for line in lines for y in years) == len(years)
    blocks = text.split("\n\n")
    assert len(blocks) >= 2 and all("Skatteintäkter" in b for b in blocks)
    assert all(line.count("\u22121\u00a0656,2") == len(block_years) for block in blocks
               for block_years in [[y for y in years if str(y) in block.splitlines()[0]]]
               for line in block.splitlines() if line.startswith("Skatte"))


def test_frame_text_fits_one_table_when_there_is_room_and_wraps_a_long_label():
    rows, columns = _years_table([2024, 2025, 2026], "1 042,8")
    wide = frame_text(rows, columns, columns_width=120)
    assert "\n\n" not in wide and wide.splitlines()[3].startswith("Verksamhetens nettokostnader ")
    narrow = frame_text(rows, columns, columns_width=60)  # 3 × 10 + 28 > 60: the label wraps, no number is cut
    assert "\n\n" not in narrow and max(len(line) for line in narrow.splitlines()) <= 60
    assert narrow.count("1 042,8") == 6


def test_assumptions_text_groups_by_kind_and_source():
    records = [
        {"assumption": "tax_base_growth", "years": [2025, 2026], "values": [0.04, 0.04],
         "unit": "fraction per year", "kind": "data", "source": "SKR, 2025"},
        {"assumption": "labour_cost_change", "years": [2028, 2029, 2030], "values": [0.035, 0.032, 0.03],
         "unit": "fraction per year", "kind": "default", "source": "documented default"},
    ]
    text = assumptions_text(records, 2025, 2030)
    head = "Assumptions for the projection years 2025\u20132030"
    assert text.startswith(head + "\n" + "-" * len(head))
    assert "Data: published figures\n  Source: SKR, 2025\n" in text
    assert "tax_base_growth     2025\u20132026  4.00 % a year" in text
    assert "labour_cost_change  2028\u20132030  3.50 %, 3.20 %, 3.00 % a year" in text
    assert text.index("Data:") < text.index("Defaults:")


def test_base_sources_and_notes_sections():
    records = [{"field": "tax_rate_kr_per_100kr", "value": 20.92, "kind": "data", "source": "budget"},
               {"field": "tax_revenue_msek", "value": 995.3, "kind": "data", "source": "budget"},
               {"field": "municipality", "value": "Sjöbo", "kind": "data", "source": "SCB"}]
    text = base_sources_text(records, 2024)
    assert "[data] tax_rate_kr_per_100kr 20.92; tax_revenue_msek 995.3" in text
    assert "[data] municipality Sjöbo" in text
    assert notes_text(["one", "two"]) == "Notes\n" + "-" * 5 + "\n  - one\n  - two"
    assert section("Sources", []) == "Sources\n" + "-" * 7
    assert notes_text(["en"], language="sv").startswith("Noter\n-----\n")
