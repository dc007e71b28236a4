"""One source for limits: the core's table of limits (docs/model.md §14) read by model/limits.py, and the Python
constants that check values early (scenario files, targets, years, portfolio rows) equal to the core's rows.

The expected rows are read from the compiled core directly (``core.field_limits()``), or written out from the table
of docs/model.md §14, never from model/limits.py itself.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kommunbudget.model import core, limits
from kommunbudget.model.measures import MEASURE_KINDS
from kommunbudget.model.targets import TARGET_SHARE_RANGE, parse_target
from kommunbudget.model.years import MAX_HORIZON_YEARS, YEAR_RANGE
from kommunbudget.scenarios import schema
from kommunbudget.scenarios.premises import PROPERTY_FIELDS

MODEL_MD = Path(__file__).resolve().parents[3] / "docs" / "model.md"


def core_row(structure: str, field: str) -> tuple[float, float]:
    """The core's own row, straight from the compiled table."""
    rows = [r for r in core.field_limits() if r["structure"] == structure and r["field"] == field]
    assert len(rows) == 1, (structure, field)
    return rows[0]["low"], rows[0]["high"]


def test_every_core_row_is_read_once():
    rows = core.field_limits()
    assert [(r.structure, r.field) for r in limits.all_limits()] == [(r["structure"], r["field"]) for r in rows]
    for raw in rows:
        row = limits.field_limit(raw["structure"], raw["field"])
        assert (row.low, row.high, row.unit, row.kind, row.description, row.negative_sentinel) == (
            raw["low"], raw["high"], raw["unit"], raw["kind"], raw["description"], raw["negative_sentinel"])


def test_limit_and_messages():
    # Written out from docs/model.md §14.
    assert limits.limit("FixedSaving", "amount_msek") == (0.0, 100000.0)
    assert limits.limit("EfficiencyMeasure", "rate") == (0.0, 0.5)
    assert limits.limit("Target", "share") == (-0.5, 0.5)
    assert limits.range_text("FixedSaving", "amount_msek") == "[0, 100000] MSEK"
    assert limits.range_text("BaseYearState", "tax_base_msek") == "(0, 1e+08] MSEK"
    assert limits.range_text("tax_rate_equivalent_ore", "tax_base_msek", unit=False) == "(0, inf)"
    assert limits.outside_text(-10.0, "FixedSaving", "amount_msek") == "-10 is outside [0, 100000] MSEK"
    assert limits.outside_text(60, "EfficiencyMeasure", "ramp_years") == "60 is outside [1, 50] years"


def test_open_bounds_as_the_core_writes_them():
    # The core's own message on a tax base of 0 writes the range with its open bound.
    with pytest.raises(ValueError) as info:
        core.one_ore_msek(0.0)
    assert limits.range_text("tax_rate_equivalent_ore", "tax_base_msek") in str(info.value)
    row = limits.field_limit("BaseYearState", "tax_base_msek")
    assert not row.contains(0.0) and row.contains(1e-9) and row.contains(1e8) and not row.contains(1.1e8)


def test_unknown_rows_are_named():
    with pytest.raises(ValueError, match="'Target' has no field 'shares'"):
        limits.limit("Target", "shares")
    with pytest.raises(ValueError):
        limits.field_limit("NoSuchStruct", "share")


def _number(text: str) -> float:
    text = text.strip().replace("−", "-")
    return {"∞": math.inf, "-∞": -math.inf}[text] if "∞" in text else float(text)


def _doc_rows() -> dict[tuple[str, str], tuple[float, float, bool, bool]]:
    """(structure, field) -> (low, high, low open, high open) as the table of docs/model.md §14 writes them."""
    text = MODEL_MD.read_text(encoding="utf-8")
    start = text.index("## §14")
    end = text.find("\n## ", start + 1)
    section = text[start:] if end < 0 else text[start:end]
    rows = {}
    pattern = re.compile(r"^\| (\w+) \| (.+?) \| ([\[(])(.+?), (.+?)([\])]) \| (.+?) \|", re.M)
    for match in pattern.finditer(section):
        structure, fields, lo_b, lo, hi, hi_b = match.group(1, 2, 3, 4, 5, 6)
        for name in re.findall(r"`(\w+)`", fields):
            rows[(structure, name)] = (_number(lo), _number(hi), lo_b == "(", hi_b == ")")
    return rows


def test_the_table_of_the_docs_is_the_cores():
    doc = _doc_rows()
    assert len(doc) >= 100
    for row in limits.all_limits():
        assert (row.structure, row.field) in doc, f"{row.structure}.{row.field} is missing from docs/model.md §14"
        assert doc[(row.structure, row.field)] == (row.low, row.high, row.low_open, row.high_open), \
            f"{row.structure}.{row.field}"


def test_python_constants_are_the_cores_rows():
    assert TARGET_SHARE_RANGE == core_row("Target", "share")
    assert MAX_HORIZON_YEARS == core_row("Projection", "horizon_years")[1]
    assert YEAR_RANGE == core_row("YearSeries", "year")
    for name, spec in PROPERTY_FIELDS.items():
        if spec.kind is float:
            assert (spec.low, spec.high) == core_row("Property", name), name
    for kind, key in schema._FRACTIONS:
        if key == "share_closed":
            expected = core_row("gap_saving_msek", "share_closed")
        elif kind == "premises_target":
            expected = core_row("premises_target_saving_msek", key)
        else:
            expected = core_row(MEASURE_KINDS[kind].core_type, key)
        assert schema._FRACTIONS[(kind, key)] == expected, (kind, key)
    assert schema._FRACTIONS[("efficiency", "rate")] == core_row("EfficiencyMeasure", "rate")
    assert schema._FRACTIONS[("nka_gap", "share_closed")] == core_row("gap_saving_msek", "share_closed")
    assert schema._FRACTIONS[("area_gap", "share_closed")] == core_row("gap_saving_msek", "share_closed")
    assert schema._FRACTIONS[("premises_target", "share")] == core_row("premises_target_saving_msek", "share")
    assert schema._FRACTIONS[("fixed_saving", "labour_share")] == core_row("FixedSaving", "labour_share")
    for table, key in ((schema._TIMING_FRACTIONS, "realised_share"), (schema._TIMING_WHOLE, "ramp_years"),
                       (schema._ONE_OFF_COSTS, "one_off_cost_msek")):
        kinds = [k for k, spec in MEASURE_KINDS.items() if key in spec.fields]
        assert sorted(k for k, _ in table) == sorted(kinds)
        for kind in kinds:
            assert table[(kind, key)] == core_row(MEASURE_KINDS[kind].core_type, key), (kind, key)
    assert schema._TIMING_FRACTIONS[("efficiency", "realised_share")] == core_row("EfficiencyMeasure",
                                                                                  "realised_share")
    assert schema._TIMING_WHOLE[("work_line", "ramp_years")] == core_row("WorkLinePolicy", "ramp_years")
    assert schema._MONTHS[("disposal", "month")] == core_row("Disposal", "month")
    assert schema._MONTHS[("fixed_saving", "start_month")] == core_row("FixedSaving", "start_month")
    assert schema._AMOUNTS[("fixed_saving", "amount_msek")][0] == core_row("FixedSaving", "amount_msek")
    assert schema._AMOUNTS[("premises_target", "total_premises_cost_msek")][0] == core_row(
        "premises_target_saving_msek", "total_premises_cost_msek")


def test_a_target_share_at_the_cores_bounds():
    lo, hi = core_row("Target", "share")
    assert parse_target(f"share:{hi}").share == hi
    assert parse_target(f"share:{lo}").share == lo
    with pytest.raises(ValueError, match=r"outside the allowed range \[-0.5, 0.5\]"):
        parse_target("share:0.51")
