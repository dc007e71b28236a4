"""What moves the answer (kommunbudget.analysis.sensitivity_defaults, ``solve`` and ``scenario``).

Every expected need is an independent re-run written out here: the assumption changed by hand through the public
``Municipality.with_assumptions``, projected and solved with the public ``Projection.sustained_tax_change``; the
default values (SKR's PKV 2.6 % a year, the national tax base 4 % a year, Sjöbo's 19,337 inhabitants on 31 Dec 2024)
are those of the embedded data and vintage skr-2025-report.
"""
from __future__ import annotations

import pandas as pd
import pytest

from kommunbudget.analysis.sensitivity_defaults import default_variants, what_moves
from kommunbudget.baselines.load import load
from kommunbudget.baselines.population_forecast import with_population_forecast

HORIZON = 2030
FROM = 2027  # the first year whose own rate is not decided (Sjöbo decided 20.92 for 2025 and 2026)
TARGET = "share:0.02"
#: Sjöbo's inhabitants in 2027, the plan's last year: SCB's 19 337 of 31 Dec 2024 held (the default of
#: the baseline; the budget gives no population), and 19 337 × 0.99^3 = 18 762.7 in 2030.
POPULATION_2027 = 19337
POPULATION_2030_LOW = "18,763 in 2030"


@pytest.fixture(scope="module")
def sjobo():
    return load("Sjöbo", base_year=2024)


@pytest.fixture(scope="module")
def table(sjobo):
    return what_moves(sjobo, HORIZON, TARGET, FROM)


def _need_ore(m) -> float:
    return m.project(HORIZON).sustained_tax_change(TARGET, FROM) * 100.0


def _row(table, ident):
    return next(r for r in table.rows if r.variant.ident == ident)


def test_pkv_row_matches_a_rerun_by_hand(sjobo, table):
    # SKR's average PKV 2018-2021, 2.6 % a year, is the default for 2025-2030 (no published PKV for them in the
    # vintage); the row varies it only after Sjöbo's adopted plan (2025-2027), so the plan is not changed:
    # +1 pp is 3.6 %, -1 pp 1.6 % in 2028-2030, labour and other costs alike.
    years = range(2028, HORIZON + 1)
    high = sjobo.with_assumptions(labour_cost_change={y: 0.036 for y in years},
                                  other_cost_change={y: 0.036 for y in years})
    low = sjobo.with_assumptions(labour_cost_change={y: 0.016 for y in years},
                                 other_cost_change={y: 0.016 for y in years})
    row = _row(table, "pkv")
    assert row.need_high_ore == pytest.approx(_need_ore(high), abs=1e-9)
    assert row.need_low_ore == pytest.approx(_need_ore(low), abs=1e-9)
    assert row.swing_ore == pytest.approx(abs(_need_ore(high) - _need_ore(low)), abs=1e-9)
    assert table.baseline_ore == pytest.approx(_need_ore(sjobo), abs=1e-9)
    assert row.need_high_ore > table.baseline_ore > row.need_low_ore  # dearer costs need more tax
    assert (row.variant.low, row.variant.high) == ("−1 pp: 1.60 % a year", "+1 pp: 3.60 % a year")
    assert row.variant.years == (2028, 2029, 2030)
    assert row.variant.default == "2.60 % a year 2028-2030 (default)"


def test_population_and_regulation_rows_match_reruns_by_hand(sjobo, table):
    # The plan's years 2025-2027 keep the budget's inhabitants; from P2027 (the plan's last year), -1 % a year
    # cumulative: P2027 × 0.99^(y - 2027) in 2028-2030; every cost line's volume follows (constant real cost per
    # inhabitant): (1 + v) × 0.99 − 1 in the same years.
    years = range(2028, HORIZON + 1)
    p2027 = sjobo.assumptions.get("population", 2027)[0]
    assert p2027 == POPULATION_2027
    volumes = {name: {y: (1 + sjobo.assumptions.get(name, y)[0]) * 0.99 - 1 for y in years}
               for name in sjobo.assumptions.series if name.startswith("volume_growth:")}
    low = sjobo.with_assumptions(population={y: p2027 * 0.99 ** (y - 2027) for y in years}, **volumes)
    row = _row(table, "population")
    assert row.variant.years == (2028, 2029, 2030)
    assert row.need_low_ore == pytest.approx(_need_ore(low), abs=1e-9)
    assert f"from {p2027:,.0f} in 2027: {p2027 * 0.99 ** 3:,.0f} in 2030" in row.variant.low
    assert POPULATION_2030_LOW in row.variant.low
    assert "cost per inhabitant" in row.variant.low
    # The regulation grant: the plan gives amounts to 2027; held (0 growth) after it instead of the rule.
    held = sjobo.with_assumptions(**{"grant_growth:regulation_grant": {2028: 0.0, 2029: 0.0, 2030: 0.0}})
    reg = _row(table, "regulation_grant")
    assert reg.need_high_ore == pytest.approx(_need_ore(held), abs=1e-9)
    assert reg.need_low_ore == table.baseline_ore  # the rule as is
    assert reg.variant.years == (2028, 2029, 2030)
    # The rule is not a 'low' value: the two sides are named for what they are.
    assert (reg.variant.low_name, reg.variant.high_name) == ("rule (default)", "held")
    assert reg.record()["low_name"] == "rule (default)" and "rule as is" in reg.variant.low


def test_only_defaults_are_varied(sjobo, table):
    assert table.rows and [r.swing_ore for r in table.rows] == sorted((r.swing_ore for r in table.rows),
                                                                      reverse=True)
    for row in table.rows:
        for name in row.variant.series:
            series = sjobo.assumptions[name]
            for year in row.variant.years:
                if year in series.values:
                    kind = series.provenance[year].kind
                elif name == "grant_growth:regulation_grant":
                    kind = series.tail_provenance.kind  # the core's rule
                else:
                    kind = sjobo.assumptions.get(name, year)[1].kind
                assert kind in ("default", "derived"), (name, year, kind)
    # A value the user sets is no longer a default: its row goes (tax base), or its years do (PKV 2028).
    user = sjobo.with_assumptions(national_tax_base_growth=0.04, labour_cost_change={2028: 0.03},
                                  other_cost_change={2028: 0.03})
    variants = {v.ident: v for v in default_variants(user, HORIZON)}
    assert "tax_base" not in variants
    assert variants["pkv"].years == (2029, 2030)
    # The PKV row's label names its years (the row's own, not the plan's end): here 2029-2030.
    assert variants["pkv"].label == "Price and wage change (PKV) after the adopted plan (2029-2030)"
    assert variants["pkv"].label_sv == "Pris- och löneökning (PKV) efter den antagna planen (2029-2030)"
    # No row but the borrowing rate touches the plan's years.
    for v in default_variants(sjobo, HORIZON):
        assert v.ident == "borrowing_rate" or min(v.years) >= 2028, (v.ident, v.years)
    # The plan's years (2025-2027, derived from Sjöbo's adopted plan) keep their volume growth.
    assert variants["volume"].years == (2028, 2029, 2030)


def test_solve_prints_and_returns_the_table(cli):
    status, out, err = cli.run("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030")
    assert status == 0, err
    assert "What moves the answer" not in out and "what moves the answer" in out  # behind --details, said so
    status, out, err = cli.run("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030", "--details")
    assert status == 0, err
    text = " ".join(out[out.index("What moves the answer"):].split())  # lines wrap at the output's width
    for words in ("defaults that are assumptions, not data", "−1 pp: 1.60 % a year", "+1 pp: 3.60 % a year",
                  "held: the grant held at its last amount (0 % a year)",
                  "rule (default): the regulation rule as is", "from 1 January 2027",
                  # Sjöbo's plan is 2025-2027 (its adopted budget), so PKV is varied in 2028-2030, as the tornado.
                  "Price and wage change (PKV) after the adopted plan (2028–2030)"):  # noqa: E501
        assert words in text, words
    doc = cli.json("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030")
    rows = doc["what_moves"]
    assert isinstance(rows, list) and {r["id"] for r in rows} >= {"pkv", "population", "tax_base", "volume"}
    assert doc["what_moves_baseline"]["need_ore"] == pytest.approx(doc["sustained_change_ore"]["result_share_2pct"])
    assert all(r["low"] and r["high"] and r["default"] for r in rows)
    doc = cli.json("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030", "--no-what-moves")
    assert "what_moves" not in doc
    status, out, err = cli.run("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2030", "--language", "sv",
                               "--target", "result", "--details")
    text = " ".join(out.split())
    assert "Pris- och löneökning (PKV) efter den antagna planen (2028–2030)" in text
    assert "(årets resultat ≥ 0)" in text and "lågt: −1 p.e.: 1,60 % per år" in text


def test_scenario_shows_the_need_after_the_measures(cli):
    doc = cli.json("scenario", "sjobo_before_tax_rise")
    assert doc["what_moves_baseline"]["need_ore"] == pytest.approx(doc["tax_needed"]["with measures"]["change_ore"])
    assert doc["what_moves"][0]["swing_ore"] == max(r["swing_ore"] for r in doc["what_moves"])
    status, out, err = cli.run("scenario", "sjobo_before_tax_rise", "--details")
    assert status == 0 and "What moves the answer" in out and "with the scenario's measures" in out
    status, out, err = cli.run("scenario", "sjobo_before_tax_rise", "--no-what-moves", "--details")
    assert status == 0 and "What moves the answer" not in out


def test_the_volume_row_says_which_years_a_forecast_gives(sjobo):
    # A user's forecast of the four service groups for 31 Dec 2024-2030: after the plan (2028-2030) their volumes
    # are the user's (provenance user) and not varied; the row says so instead of calling them a rule.
    years = range(2024, 2031)
    frame = pd.DataFrame({"year": [*years] * 4, "age_group": ["0-5"] * 7 + ["6-15"] * 7 + ["16-18"] * 7 + ["80+"] * 7,
                          "count": [1000] * 7 + [2000] * 7 + [600] * 7 + [1000 * 1.03 ** k for k in range(7)]})
    volume = {v.ident: v for v in default_variants(with_population_forecast(sjobo, frame), HORIZON)}["volume"]
    assert volume.default.endswith("(rule); set by you, not varied: preschool 2028-2030, compulsory_school "
                                   "2028-2030, upper_secondary_school 2028-2030, elderly_care 2028-2030")
    assert not any(n.removeprefix("volume_growth:") in ("preschool", "elderly_care") for n in volume.series)
    # Lund's embedded forecast (provenance derived) gives 2025's service volumes (befolkningsprognos.csv, 80+
    # 6 823 → 7 271 is +6.57 %): those years are varied, and named as the forecast's, not a rule's.
    lund = with_population_forecast(load("Lund"), "embedded")
    volume = {v.ident: v for v in default_variants(lund, HORIZON)}["volume"]
    assert volume.default.endswith("6.57 % a year 2025-2030 (rule or population forecast)")
