"""Revenue: the tax base carried from SCB, the income equalisation, the revenue baseline of all 290 municipalities,
and the explanation of one municipality's revenue (the commands ``explain-revenue`` and ``revenue-table`` are
tested in ``tests/python/cli/test_revenue_commands.py``).

Expected values come from the embedded data files (read here with ``kommunbudget.data.read_table``, which returns
them as stored) or from derivations written out in the tests, following RULES.md §2 and docs/model.md §3-4:

* guarantee = 1.15 × national tax capacity M; below it the grant is c × (1.15·M − K) × population × r / 100,
  above it the fee is (K − 1.15·M) × population × r_fee / 100 (county rates, never the own rate);
* a krona of own tax base brings own_rate / 100 in tax and changes the equalisation by −c × r / 100 below the
  guarantee;
* 1 öre on the rate raises tax base / 10 000;
* Sjöbo's budget 2024: preliminary tax 995.3 MSEK at 20.92 kr per 100 kr (finansiellinfo.se/Sjobo/Budget-2024),
  Skåne's county rate 19.70 (förordning 2004:881, SFS 2023:683).

Never from the code under test.
"""
from __future__ import annotations

import pandas as pd
import pytest

import kommunbudget as kb
from kommunbudget import _core, data, revenue

# RULES.md §2 and the 2017/2018 Stockholm tables (SOURCES.md §3 and §8).
GUARANTEE = 1.15
COMPENSATION = 1.0  # on the county rate, which stands at 95 % of the county average (core revenue.hpp)
NATIONAL_2017_KR = 201_878
STOCKHOLM_GRANT_RATE = 19.05
STOCKHOLM_FEE_RATE = 16.98
SKANE_GRANT_RATE = 19.70

# Sjöbo, Budget 2024 (Resultatbudget and Noter): preliminary municipal tax and the own rate.
SJOBO_PRELIMINARY_TAX_2024 = 995.3
SJOBO_RATE_2024 = 20.92
SJOBO_BUDGET_TAX_BASE_2024 = SJOBO_PRELIMINARY_TAX_2024 / (SJOBO_RATE_2024 / 100)  # 4 757.6 MSEK
SJOBO_TOLERANCE_PERCENT = 1.0  # SCB-derived against budget-implied tax base, 2024

# SCB figures (SOURCES.md §2, §3, §20).
NATIONAL_2023_THOUSAND_KR = 239.2       # Regionfakta, SCB's national average skattekraft 2023
POPULATION_2021 = 10_452_326            # SCB, 31 Dec 2021
POPULATION_2024 = 10_587_710            # SCB, 31 Dec 2024
NATIONAL_2024_KR = 251_437              # SCB skattekraft 2024, Sweden (secondary source)

# Growth by income year used to carry SCB's figures to 2024 (RULES.md §5): the outcome for 2022 (SKR) and the
# government's latest uprating factors for 2023 and 2024 (SFS 2022:1422 and SFS 2024:669).
GROWTH_2022 = 0.058
FACTOR_2023 = 1.047
FACTOR_2024 = 1.031


def _stockholm_2017_2018() -> pd.DataFrame:
    capacity = data.read_table("skattekraft.csv")
    capacity = capacity[(capacity["niva"] == "kommun") & (capacity["ar"].astype(str) == "2017")]
    outcome = data.read_table("utjamning_stockholms_lan_2018.csv")
    outcome = outcome[outcome["niva"] == "kommun"]
    return outcome.merge(capacity, on="kod", suffixes=("", "_2017"))


# ----------------------------------------------------------------------------------------------------------------
# The data and the rule
# ----------------------------------------------------------------------------------------------------------------


def test_growth_figures_used_in_the_derivations_are_those_in_the_files():
    outcomes = data.read_table("skatteunderlagsprognos.csv")
    row = outcomes[(outcomes["matt"] == "nominell") & (outcomes["typ"] == "utfall")
                   & (outcomes["ar"].astype(str).str.startswith("2022"))]
    assert float(row["forandring_procent"].iloc[0]) == pytest.approx(GROWTH_2022 * 100)
    factors = data.read_table("upprakningsfaktorer.csv")
    for year, factor in ((2023, FACTOR_2023), (2024, FACTOR_2024)):
        latest = factors[factors["inkomstar"] == year].sort_values("budgetar").iloc[-1]
        assert float(latest["upprakningsfaktor"]) == pytest.approx(factor), year
    national = data.read_table("skattekraft.csv")
    national = national[(national["niva"] == "riket") & (national["ar"].astype(str) == "2024")]
    assert float(national["skattekraft_kr_per_inv"].iloc[0]) == NATIONAL_2024_KR


def test_stockholm_2018_equalisation_sign_follows_the_2017_index_and_the_core_formula():
    frame = _stockholm_2017_2018()
    assert len(frame) == 26
    rates = data.equalisation_rate("01")
    assert rates["grant_rate"] == STOCKHOLM_GRANT_RATE and rates["fee_rate"] == STOCKHOLM_FEE_RATE
    params = _core.IncomeEqualisation(grant_rate_kr_per_100kr=rates["grant_rate"],
                                      fee_rate_kr_per_100kr=rates["fee_rate"])
    assert params.guarantee_share == GUARANTEE
    for row in frame.itertuples(index=False):
        actual = float(row.inkomstutjamning_kr_per_inv)
        assert actual != 0, row.namn
        grant = actual > 0
        # SCB's index (riket = 100), rounded to whole numbers: 115 or below gets a grant (Värmdö 115: +1 362).
        assert grant == (float(row.index_riket_100) <= 115), (row.namn, row.index_riket_100, actual)
        for population in (1.0, 10_000.0, 1_000_000.0):
            formula = _core.income_equalisation_msek(params, float(row.skattekraft_kr_per_inv), NATIONAL_2017_KR,
                                                     population)
            assert (formula > 0) == grant, (row.namn, population, formula, actual)
    varmdo = frame[frame["namn"] == "Värmdö"].iloc[0]
    assert varmdo["index_riket_100"] == 115 and varmdo["inkomstutjamning_kr_per_inv"] == 1362
    assert _core.income_equalisation_msek(params, float(varmdo["skattekraft_kr_per_inv"]), NATIONAL_2017_KR, 1) > 0


def test_the_core_formula_by_hand_on_both_sides_of_the_guarantee():
    params = _core.IncomeEqualisation(grant_rate_kr_per_100kr=STOCKHOLM_GRANT_RATE,
                                      fee_rate_kr_per_100kr=STOCKHOLM_FEE_RATE)
    guarantee = GUARANTEE * NATIONAL_2017_KR
    for own in (175_055, 231_993, 358_342):  # Botkyrka, Värmdö, Danderyd 2017
        if own <= guarantee:
            expected = COMPENSATION * (guarantee - own) * 1000 * STOCKHOLM_GRANT_RATE / 100 / 1e6
            per_krona = -COMPENSATION * STOCKHOLM_GRANT_RATE / 100
        else:
            expected = -(own - guarantee) * 1000 * STOCKHOLM_FEE_RATE / 100 / 1e6
            per_krona = -STOCKHOLM_FEE_RATE / 100
        assert _core.income_equalisation_msek(params, own, NATIONAL_2017_KR, 1000) == pytest.approx(expected,
                                                                                                    rel=1e-12)
        assert _core.equalisation_change_per_krona(params, own, NATIONAL_2017_KR) == pytest.approx(per_krona)


def test_scb_tax_capacities_reproduce_the_national_average_and_populations():
    table = data.read_table("skatteunderlag_kommun.csv")
    kommun = table[table["niva"] == "kommun"]
    riket = table[table["niva"] == "riket"].iloc[0]
    assert len(kommun) == 290 and kommun["kod"].nunique() == 290
    weights = kommun["folkmangd_2021_12_31"].astype(float)
    average = (kommun["skattekraft_kr_per_inv"].astype(float) * weights).sum() / weights.sum()
    assert average / 1000 == pytest.approx(NATIONAL_2023_THOUSAND_KR, abs=0.05)
    assert int(weights.sum()) == POPULATION_2021 == int(riket["folkmangd_2021_12_31"])
    assert int(data.municipalities()["population_2024"].sum()) == POPULATION_2024


def test_sjobo_tax_base_from_scb_is_within_one_percent_of_the_budget():
    row = data.read_table("skatteunderlag_kommun.csv").set_index("kod").loc["1265"]
    by_hand = (float(row["skattekraft_kr_per_inv"]) * float(row["folkmangd_2021_12_31"]) / 1e6
               * (1 + GROWTH_2022) * FACTOR_2023 * FACTOR_2024)
    value, provenance = revenue.scb_tax_base_msek("1265", 2024)
    assert provenance.kind == "derived" and "approximate" in provenance.source
    # skatteunderlag_mnkr_approx_derived is stored rounded to 0.1 MSEK
    assert value == pytest.approx(by_hand, rel=2e-5)
    difference = (value / SJOBO_BUDGET_TAX_BASE_2024 - 1) * 100
    print(f"Sjöbo 2024: tax base from SCB {value:.1f} MSEK, implied by the budget {SJOBO_BUDGET_TAX_BASE_2024:.1f} "
          f"MSEK, difference {difference:+.2f} % (tolerance ±{SJOBO_TOLERANCE_PERCENT} %)")
    assert abs(difference) <= SJOBO_TOLERANCE_PERCENT


def test_unknown_county_code_is_named():
    with pytest.raises(ValueError, match="'99'"):
        data.equalisation_rate("99")
    with pytest.raises(ValueError, match="99"):
        revenue.equalisation_parameters("99")


# ----------------------------------------------------------------------------------------------------------------
# municipal_revenue and one_ore_table
# ----------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_2024() -> pd.DataFrame:
    return revenue.municipal_revenue(2024)


def test_municipal_revenue_has_290_complete_rows(table_2024):
    t = table_2024
    assert len(t) == 290 and t["code"].is_unique
    assert not t.isna().any().any()
    assert list(t.columns) == list(t.attrs["units"])
    assert int(t["population"].sum()) == POPULATION_2024
    assert (t["basis"].str.contains("approximate")).all()
    assert set(t["fee_rate_basis"]) == {"data", "default"}
    assert set(t.loc[t["fee_rate_basis"] == "data", "county_code"]) == {"01", "03"}


def test_one_ore_is_the_cores_oere_equivalent(table_2024):
    for row in table_2024.itertuples(index=False):
        assert _core.tax_rate_equivalent_ore(row.one_ore_msek, row.tax_base_msek) == pytest.approx(1.0, rel=1e-12)
        assert row.one_ore_msek == pytest.approx(row.tax_base_msek / 10_000, rel=1e-12)
        assert row.tax_revenue_msek == pytest.approx(row.tax_rate / 100 * row.tax_base_msek, rel=1e-12)
        assert row.one_ore_kr_per_inhabitant == pytest.approx(row.tax_base_msek * 1e6 / row.population / 10_000,
                                                              rel=1e-12)


def test_municipal_revenue_uses_the_scb_derivation_and_own_rates(table_2024):
    t = table_2024.set_index("code")
    rates = data.tax_rates()
    rates = rates[rates["year"] == 2024].set_index("code")["municipal_rate"]
    assert (t["tax_rate"] == rates.loc[t.index]).all()
    for code in ("1265", "0162", "0180", "2584"):
        assert t.at[code, "tax_base_msek"] == revenue.scb_tax_base_msek(code, 2024)[0]
    national = NATIONAL_2024_KR * FACTOR_2023 * FACTOR_2024
    assert t["national_tax_capacity_kr"].to_numpy() == pytest.approx(national, rel=1e-12)
    # Own capacity: SCB's 2023 index (own / population-weighted national 239 220 kr) on the national capacity.
    scb = data.read_table("skatteunderlag_kommun.csv")
    scb = scb[scb["niva"] == "kommun"].set_index("kod")["skattekraft_kr_per_inv"].astype(float)
    index = scb.loc[t.index] / 239220.0
    assert t["own_tax_capacity_kr"].to_numpy() == pytest.approx((index * national).to_numpy(), rel=1e-4)
    assert t["capacity_index"].to_numpy() == pytest.approx((index * 100).to_numpy(), rel=1e-4)
    # Sundbyberg (SCB index 119) pays a fee and Kiruna (114) gets a grant, as their SCB index says.
    assert t.at["0183", "income_equalisation_msek"] < 0 < t.at["2584", "income_equalisation_msek"]


def test_sjobo_row_by_hand(table_2024):
    sjobo = table_2024.set_index("code").loc["1265"]
    assert sjobo["tax_rate"] == SJOBO_RATE_2024 and sjobo["grant_rate"] == SKANE_GRANT_RATE
    assert sjobo["kept_per_krona"] == pytest.approx(0.2092 - COMPENSATION * 0.1970, abs=1e-12)
    assert sjobo["equalisation_change_per_krona"] == pytest.approx(-COMPENSATION * 0.1970, abs=1e-12)
    national = NATIONAL_2024_KR * FACTOR_2023 * FACTOR_2024
    own = 213414 / 239220 * national  # SCB skattekraft 2023, Sjöbo against Sweden (skatteunderlag_kommun.csv)
    expected = COMPENSATION * (GUARANTEE * national - own) * 19_337 * SKANE_GRANT_RATE / 100 / 1e6
    assert sjobo["income_equalisation_msek"] == pytest.approx(expected, rel=1e-4)
    assert sjobo["income_equalisation_msek"] > 0


def test_a_municipality_above_the_guarantee_pays_a_fee(table_2024):
    danderyd = table_2024.set_index("code").loc["0162"]
    assert danderyd["name"] == "Danderyd"
    assert danderyd["capacity_index"] > 115
    assert danderyd["income_equalisation_msek"] < 0
    assert danderyd["equalisation_change_per_krona"] == pytest.approx(-STOCKHOLM_FEE_RATE / 100)
    assert danderyd["kept_per_krona"] == pytest.approx(danderyd["tax_rate"] / 100 - STOCKHOLM_FEE_RATE / 100)
    # below the guarantee: a grant
    t = table_2024
    assert ((t["capacity_index"] <= 115) == (t["income_equalisation_msek"] > 0)).all()


def test_municipal_revenue_years():
    t = revenue.municipal_revenue(2025)
    assert len(t) == 290 and not t.isna().any().any()
    rates = data.tax_rates()
    assert t.set_index("code").at["1265", "tax_rate"] == float(
        rates[(rates["code"] == "1265") & (rates["year"] == 2025)]["municipal_rate"].iloc[0])
    with pytest.raises(ValueError, match="2026.*2025"):
        revenue.municipal_revenue(2026)
    with pytest.raises(ValueError, match="2023"):
        revenue.municipal_revenue(2023)
    with pytest.raises(ValueError, match="not a year"):
        revenue.municipal_revenue("soon")


def test_one_ore_table_sorts():
    by_ore = revenue.one_ore_table(2024)
    assert len(by_ore) == 290
    assert by_ore["one_ore_msek"].is_monotonic_decreasing and by_ore.iloc[0]["name"] == "Stockholm"
    by_name = revenue.one_ore_table(2024, sort="name")
    assert by_name.iloc[0]["name"] == "Ale"
    names = list(by_name["name"])
    assert names.index("Ystad") < names.index("Åre") < names.index("Älmhult") < names.index("Örebro")  # å, ä, ö
    assert names[-1] == "Övertorneå"
    assert revenue.one_ore_table(2024, sort="index").iloc[0]["name"] == "Danderyd"
    assert list(revenue.one_ore_table(2024, sort="code")["code"]) == sorted(by_ore["code"])
    with pytest.raises(ValueError, match="sort"):
        revenue.one_ore_table(2024, sort="size")


# ----------------------------------------------------------------------------------------------------------------
# explain_revenue
# ----------------------------------------------------------------------------------------------------------------


def test_explain_sjobo_is_calibrated_and_gives_the_marginal_effects():
    e = revenue.explain_revenue("Sjöbo", horizon=2028)
    assert e.calibrated and e.base_year == 2024 and e.years == list(range(2024, 2029))
    assert e.year_status[2024] == "budget" and e.year_status[2028] == "projection"
    assert e.bridge.at["tax_base", 2024] == pytest.approx(SJOBO_BUDGET_TAX_BASE_2024, rel=1e-9)
    assert e.bridge.at["income_equalisation", 2024] == pytest.approx(262.6, abs=1e-9)  # the budget's note
    m = e.marginal
    assert m.at["one_ore_msek", 2024] == pytest.approx(SJOBO_BUDGET_TAX_BASE_2024 / 10_000, rel=1e-9)
    for year in e.years:
        assert m.at["tax_per_krona", year] == pytest.approx(0.2092)
        assert m.at["equalisation_change_per_krona", year] == pytest.approx(-COMPENSATION * 0.1970)
        assert m.at["kept_per_krona", year] == pytest.approx(0.2092 - COMPENSATION * 0.1970)
        assert m.at["rate_rise_equalisation_change_msek", year] == 0.0
    check = e.tax_base_check
    assert check["budget_tax_base_msek"] == pytest.approx(SJOBO_BUDGET_TAX_BASE_2024, rel=1e-9)
    assert abs(check["difference_percent"]) <= SJOBO_TOLERANCE_PERCENT
    assert check["difference_percent"] == pytest.approx(
        (check["scb_tax_base_msek"] / SJOBO_BUDGET_TAX_BASE_2024 - 1) * 100)
    print(f"Sjöbo 2024 tax base check: {check}")


def test_a_rate_rise_leaves_the_equalisation_unchanged_in_the_core():
    """The rule behind (a), checked with the core: 1 öre from 2025 brings in tax base / 10 000 and the income
    equalisation does not move."""
    sjobo = kb.load("Sjöbo")
    base = sjobo.project(2027)
    measures = kb.Measures(tax_changes=[kb.TaxChange(from_year=2025, change_kr_per_100kr=0.01)])
    raised = sjobo.project(2027, measures)
    e = revenue.explain_revenue("Sjöbo", horizon=2027)
    for k, year in enumerate(base.years):
        assert raised.line("income_equalisation")[k] == base.line("income_equalisation")[k]
        if year >= 2025:
            assert raised.line("tax_change_revenue")[k] == pytest.approx(e.marginal.at["one_ore_msek", year],
                                                                         rel=1e-9)


def test_explain_another_municipality_is_approximate():
    e = revenue.explain_revenue("Lund")
    assert not e.calibrated and e.code == "1281"
    assert e.years == [2024, 2025]  # the embedded growth reaches income year 2025
    assert set(e.year_status.values()) == {"approximate"}
    assert e.tax_base_check is None
    assert "approximate" in e.basis and any("Approximate" in n for n in e.notes)
    row = revenue.municipal_revenue(2024).set_index("code").loc["1281"]
    assert e.bridge.at["income_equalisation", 2024] == row["income_equalisation_msek"]
    kept = row["tax_rate"] / 100 - COMPENSATION * SKANE_GRANT_RATE / 100
    assert e.marginal.at["kept_per_krona", 2024] == pytest.approx(kept)
    with pytest.raises(ValueError, match="2025"):
        revenue.explain_revenue("Lund", horizon=2027)
    with pytest.raises(ValueError, match="before"):
        revenue.explain_revenue("Lund", base_year=2025, horizon=2024)


def test_explain_a_year_without_a_budget_falls_back_to_approximate():
    e = revenue.explain_revenue("Sjöbo", base_year=2025)
    assert not e.calibrated and e.years == [2025]
    assert any("2024 only" in n for n in e.notes)
