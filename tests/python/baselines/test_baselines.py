"""Baselines by service area: Sjöbo's budget split by SCB's 2024 net costs, and the approximate baseline of any of
the 290 municipalities. Expected values come from the raw SCB file read here, or from derivations in the test."""
import pytest

import kommunbudget as kb
from kommunbudget import service_areas

# SCB activity codes summed per area (SOURCES.md section 22; IFO without 575, which is its own line).
AREA_CODES = {
    "preschool": ["vo407_forskola_tkr"],
    "compulsory_school": ["vo435_forskoleklass_tkr", "vo440_grundskola_tkr"],
    "upper_secondary_school": ["vo450_gymnasieskola_tkr"],
    "elderly_care": ["vo510_vard_omsorg_aldre_tkr"],
    "disability_lss": ["vo513_lss_sfb_tkr"],
    "individual_family_care": ["vo559_missbruk_vuxna_tkr", "vo569_barn_ungdomsvard_tkr",
                               "vo571_ovriga_insatser_vuxna_tkr", "vo585_familjeratt_tkr"],
    "social_assistance": ["vo575_ekonomiskt_bistand_tkr"],
}


@pytest.fixture(scope="module")
def sjobo():
    return kb.load("Sjöbo")


@pytest.fixture(scope="module")
def raw():
    frame = kb.data.read_table("nettokostnad_verksamhet_kommun_2024.csv")
    return frame[frame["niva"] == "kommun"].set_index("kod")


def scb_msek(raw, code, area):
    return raw.loc[code, AREA_CODES[area]].sum() / 1000.0


def test_service_areas_match_scbs_file_and_the_summary_file(raw):
    summary = kb.data.read_table("nettokostnad_kommun_2024.csv").query("niva == 'kommun'").set_index("kod")
    table = service_areas.net_costs_all().set_index("code")
    for area in AREA_CODES:
        expected = raw[AREA_CODES[area]].sum(axis=1) / 1000.0
        assert (table[area] - expected).abs().max() < 1e-9, area
    # The curator's summary: grundskola F-9 = 435 + 440, IFO incl. 575, total of the 32 codes.
    assert (table["compulsory_school"] - summary["grundskola_f9_tkr_derived"] / 1000).abs().max() < 1e-9
    ifo = table["individual_family_care"] + table["social_assistance"]
    assert (ifo - summary["ifo_tkr_derived"] / 1000).abs().max() < 1e-9
    assert (table["total"] - summary["summa_32_poster_tkr_derived"] / 1000).abs().max() < 1e-9


def test_assistance_note_gives_the_national_figures():
    # SCB 14 760 884 tkr / 10 587 710 inhabitants = 1 394 kr; Socialstyrelsen 1 033 kr paid (SOURCES.md).
    assert "1 394 kr" in service_areas.assistance_note() and "1 033 kr" in service_areas.assistance_note()
    row = service_areas.net_costs("Sjöbo").set_index("area").loc["social_assistance"]
    assert "1 394" in row["note"]
    assert row["national_kr_per_inhabitant"] == pytest.approx(14760884e3 / 10587710)


def test_sjobo_costs_by_service_area_sum_to_the_budget(raw, sjobo):
    lines = {line["name"]: line["cost_msek"] for line in sjobo.base_fields["cost_lines"]}
    assert list(lines)[:-1] == list(AREA_CODES) and list(lines)[-1] == "other_activities"
    for area in AREA_CODES:
        assert lines[area] == pytest.approx(scb_msek(raw, "1265", area), abs=1e-9)
    assert sum(lines.values()) == pytest.approx(1656.2, abs=1e-9)  # Budget 2024, verksamhetens kostnader
    assert lines["upper_secondary_school"] == pytest.approx(109.218)
    p = sjobo.project(2027)
    st = p.statement(language="id")
    # The plan is still reproduced: results 40.0 / 44.0 / 38.0 (Budget 2024, plan 2025-2027).
    assert st.loc["result", [2025, 2026, 2027]].round(1).tolist() == [40.0, 44.0, 38.0]
    assert any("1 394" in note for note in sjobo.notes)


def test_efficiency_on_one_service_area_of_sjobo(sjobo):
    # 2 % of upper secondary school from 2026: the line is 109.218 MSEK in 2024, uprated by PKV with the plan's
    # volume; the saving in 2026 is 2 % of the line's 2026 cost, derived here from the baseline's own chain.
    base = sjobo.project(2027)
    m = kb.Measures(efficiency=[kb.EfficiencyMeasure(from_year=2026, rate=0.02, cost_line="upper_secondary_school")])
    s = sjobo.project(2027, m)
    total_2026 = -base.statement(language="id").loc["operating_costs", 2026]
    line_2026 = total_2026 * 109.218 / 1656.2  # every line has PKV's weight and the same volume: shares hold
    # The rate's base is the net (tax-financed) cost, and the line already is one (SCB's net cost by activity;
    # the fees and grants are grossed up on other_activities): 2 % of the whole line, not netted a second time.
    assert s.statement(language="id").loc["efficiency_saving", 2026] == pytest.approx(0.02 * line_2026, rel=1e-9)
    # On other_activities the municipality-wide share applies: 1 − (operating income − realisation gains) /
    # operating costs of the baseline (gains are printed negative).
    st = base.statement(language="id")
    net_share = 1.0 - (st.loc["operating_income", 2026] + st.loc["realisation_gains", 2026]) / total_2026
    rest = next(line["cost_msek"] for line in sjobo.base_fields["cost_lines"] if line["name"] == "other_activities")
    rest_2026 = total_2026 * rest / 1656.2  # the same shares hold for every line (as above)
    m = kb.Measures(efficiency=[kb.EfficiencyMeasure(from_year=2026, rate=0.02, cost_line="other_activities")])
    assert sjobo.project(2027, m).statement(language="id").loc["efficiency_saving", 2026] == pytest.approx(
        0.02 * net_share * rest_2026, rel=1e-9)


def test_any_municipality_gets_an_approximate_baseline(raw):
    lund = kb.load("Lund")
    assert lund.base_year == 2024 and lund.plan == {}
    lines = {line["name"]: line["cost_msek"] for line in lund.base_fields["cost_lines"]}
    for area in AREA_CODES:
        assert lines[area] == pytest.approx(scb_msek(raw, "1281", area), abs=1e-9)
    vo = [c for c in raw.columns if c.startswith("vo") and c.endswith("_tkr")]
    assert sum(lines.values()) == pytest.approx(raw.loc["1281", vo].sum() / 1000.0, abs=1e-6)
    st = lund.project(2027).statement(language="id")
    rate = kb.data.municipalities().set_index("code").loc["1281", "tax_rate_2024"]
    tax_base, _ = kb.revenue.scb_tax_base_msek("1281", 2024)
    assert st.loc["tax_revenue", 2024] == pytest.approx(rate / 100 * tax_base, rel=1e-12)
    assert st.loc["result", 2024] == pytest.approx(0.0, abs=1e-9)  # closed by the derived item, and said so
    assert any("BY CONSTRUCTION" in note for note in lund.notes)
    assert any("1 394" in note for note in lund.notes)
    kinds = lund.base_year_sources().set_index("field")["kind"]
    assert kinds["grant_items"] == "derived" and kinds["cost_lines"] == "data"


def test_a_measure_on_an_approximate_baseline_is_worth_its_amount_in_ore():
    # A fixed saving of 10 MSEK (base-year prices, other consumption) from 2026 in Lund: its öre value is the
    # amount over one öre of the tax base (tax base / 10 000).
    lund = kb.load("Lund")
    base = lund.project(2027)
    m = kb.Measures(fixed_savings=[kb.FixedSaving(name="x", amount_msek=10.0, start_year=2026, labour_share=0.0,
                                                  cost_line="compulsory_school")])
    s = lund.project(2027, m)
    diff = s.statement(language="id").loc["result", 2026] - base.statement(language="id").loc["result", 2026]
    other = [lund.assumptions["other_cost_change"].get(year)[0] for year in (2025, 2026)]
    assert diff == pytest.approx(10.0 * (1 + other[0]) * (1 + other[1]), rel=1e-12)
    tax_base = base.statement(language="id").loc["tax_base", 2026]
    assert kb.tax_rate_equivalent_ore(diff, tax_base) == pytest.approx(diff / (tax_base / 10000), rel=1e-12)


def test_every_municipality_loads_and_projects():
    failures = []
    for code in kb.data.municipalities()["code"]:
        try:
            st = kb.load(code).project(2028).statement(language="id")
            assert st.notna().all().all()
        except Exception as error:  # collect all, report together
            failures.append(f"{code}: {error}")
    assert not failures, failures[:5]


def test_approximate_base_year_other_than_2024_is_refused():
    with pytest.raises(ValueError, match=r"base_year = 2025 is not available for Lund \(1281\)"):
        kb.load("Lund", base_year=2025)


def test_approximate_path_is_neutral_and_a_sale_saves_its_depreciation_on_costs():
    # Costs follow the tax base after 2024, so the result stays at the base year's 0 and a measure is the result.
    ystad = kb.load("Ystad")
    base = ystad.project(2027).statement(language="id")
    assert base.loc["result"].abs().max() < 1e-6
    # Selling a property with depreciation 0.5 MSEK and no running cost: SCB's net costs hold the capital costs, so
    # the saving is on operating costs (the depreciation line stays 0), worth 0.5 a year from 2026. Sold on
    # 1 January 2026, its book value is 5.0 − 0.5 × 2 years = 4.0 (docs/model.md §7): a gain of 1.0 in 2026.
    prop = kb.Property(id="A 1:1", use="office", book_value_msek=5.0, market_value_msek=5.0, depreciation_msek=0.5)
    s = ystad.project(2027, kb.Measures(disposals=[kb.Disposal(property=prop, year=2026)]))
    st = s.statement(language="id")
    assert (st.loc["result", [2026, 2027]] - base.loc["result", [2026, 2027]]).tolist() == pytest.approx([1.5, 0.5])
    assert st.loc["depreciation"].abs().max() == 0.0


def test_gotland_approximate_baseline_notes_its_regional_tasks():
    assert any("Gotland has no region" in note for note in kb.load("Gotland").notes)


def test_efficiency_with_start_year_gets_the_from_year_hint():
    with pytest.raises(ValueError, match=r"unknown key for an efficiency measure \(this kind starts with from_year"):
        kb.scenarios.parse('municipality = "Sjöbo"\nhorizon = 2030\n[[measures]]\nname = "e"\nkind = "efficiency"\n'
                           'start_year = 2026\nrate = 0.01\n', "e.toml")


@pytest.mark.parametrize("name", ["Sjöbo", "Lund", "Gotland"])
def test_every_baseline_note_is_a_whole_sentence(name):
    # Notes are printed under every output; a note cut off mid-sentence once read "later years use documented".
    for note in kb.load(name).notes:
        assert note.strip()[0].isupper() and note.rstrip().endswith((".", ")")), note
