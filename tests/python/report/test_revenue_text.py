"""The revenue in words and in text rows (kommunbudget.report.revenue_text).

Expected values: Sjöbo's own rate 20.92 kr per 100 kr (finansiellinfo.se/Sjobo/Budget-2024) and Skåne's county rate
19.70 (förordning 2004:881, SFS 2023:683), with compensation degree 1 on the county rate (docs/model.md §4): an added
krona of own tax base brings 20.92 öre in tax, takes 19.7 öre of the grant and leaves 1.2 öre. The other tests build
an explanation by hand and check that its own numbers are worded; never from the code under test.
"""
from __future__ import annotations

import pandas as pd
import pytest

from kommunbudget.analysis.revenue import MARGINAL_ROWS, RevenueExplanation, explain_revenue
from kommunbudget.report.revenue_text import bridge_rows, explanation_sentences


def test_sjobo_explanation_names_rate_county_rate_and_what_is_kept():
    e = explain_revenue("Sjöbo", horizon=2028)
    text = " ".join(explanation_sentences(e))
    for fragment in ("20.92 öre", "19.7 öre", "1.2 öre", "1 öre", "county rate"):
        assert fragment in text, fragment


def _explanation(equalisation_msek: float, kept: float, calibrated: bool) -> RevenueExplanation:
    """Two years of made-up figures: tax base 5 000 MSEK (1 öre = 0.5 MSEK), 20 000 inhabitants (25 kr each),
    own rate 21.00, a change of −0.22 per krona."""
    years = [2024, 2025]
    values = {"one_ore_msek": 0.5, "one_ore_kr_per_inhabitant": 25.0, "rate_rise_equalisation_change_msek": 0.0,
              "tax_per_krona": 0.21, "equalisation_change_per_krona": -0.22, "kept_per_krona": kept}
    marginal = pd.DataFrame({y: [values[ident] for ident, _t, _u in MARGINAL_ROWS] for y in years},
                            index=[ident for ident, _t, _u in MARGINAL_ROWS])
    bridge = pd.DataFrame({y: [equalisation_msek] for y in years}, index=["income_equalisation"])
    return RevenueExplanation(
        code="9999", name="Exempel", county="Exempel län", population=20_000, base_year=2024, horizon=2025,
        calibrated=calibrated, bridge=bridge, marginal=marginal,
        year_status={2024: "budget" if calibrated else "approximate", 2025: "plan" if calibrated else "approximate"},
        equalisation={"guarantee_share": 1.15, "compensation_degree": 1.0, "grant_rate_kr_per_100kr": 22.0,
                      "fee_rate_kr_per_100kr": 22.0},
        tax_base_check=None, basis="made up")


def test_a_grant_municipality_in_words():
    sentences = explanation_sentences(_explanation(120.0, 0.21 - 0.22, calibrated=True))
    assert len(sentences) == 2
    first, second = sentences
    assert first.startswith("2024 (budget): raising the rate by 1 öre (0.01 kr per 100 kr) brings in 0.50 MSEK "
                            "(25 kr per inhabitant) and is kept in full")
    assert "(as budgeted, +120.0 MSEK)" in first
    assert "the grant falls by 22.0 öre (1.00 × the county rate 22.00" in first
    assert "guarantee of 115 % of the national average" in first
    # 21 öre in tax less 22 öre of grant: one öre lost
    assert "Exempel loses 1.0 öre: its own rate is below what the equalisation takes" in first
    assert second == ("2025 (plan): 1 öre on the rate brings in 0.50 MSEK (25 kr per inhabitant), the equalisation "
                      "unchanged; of an added krona of own tax base 21.00 öre in tax, -22.0 öre equalisation, "
                      "Exempel loses 1.0 öre: its own rate is below what the equalisation takes.")


def test_a_fee_municipality_in_words():
    first = explanation_sentences(_explanation(-80.0, 0.21 - 0.22, calibrated=False))[0]
    assert "(an estimate, -80.0 MSEK)" in first
    assert "the fee grows by 22.0 öre (the county's fee rate 22.00: the tax capacity is above the guarantee" in first


def test_bridge_rows_break_before_grants_and_memo_rows_and_show_krona_rows_in_ore():
    rows = {"tax_revenue": [1000.04, 1001.0], "income_equalisation": [262.6, 263.0], "grant:cost_equalisation":
            [-5.0, -5.5], "tax_base": [4757.6, 4900.0], "population": [19337.0, 19337.0],
            "kept_per_krona": [0.0122, 0.0122]}
    units = {"tax_revenue": "MSEK", "income_equalisation": "MSEK", "grant:cost_equalisation": "MSEK",
             "tax_base": "MSEK", "population": "inhabitants", "kept_per_krona": "fraction"}
    labels = {"tax_revenue": "Tax revenue", "income_equalisation": "Income equalisation",
              "grant:cost_equalisation": "Cost equalisation", "tax_base": "Tax base (MSEK)",
              "population": "Inhabitants", "kept_per_krona": "Kept per krona of own tax base (fraction)"}
    out = bridge_rows(rows, units, labels)
    assert [label for label, _ in out] == ["Tax revenue", "", "Income equalisation", "  Cost equalisation", "",
                                           "Tax base (MSEK)", "Inhabitants",
                                           "Kept per krona of own tax base (öre per krona)"]
    cells = dict(out)
    assert cells["Tax revenue"] == ["1,000.0", "1,001.0"]  # thousands grouped, as every number
    assert cells["Inhabitants"] == ["19,337", "19,337"]
    assert cells["Kept per krona of own tax base (öre per krona)"] == ["1.2", "1.2"]  # 0.0122 kr = 1.22 öre


@pytest.mark.parametrize("label", ["Kvar per krona eget skatteunderlag (andel)"])
def test_bridge_rows_relabel_swedish_fractions(label):
    out = bridge_rows({"kept_per_krona": [0.5]}, {"kept_per_krona": "fraction"}, {"kept_per_krona": label})
    assert out == [("Kvar per krona eget skatteunderlag (öre per krona)", ["50.0"])]
