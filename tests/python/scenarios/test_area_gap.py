"""The benchmark lever in scenario files (kind area_gap): a share of a service area's gap to peers or to Kolada's
reference cost, as a saving on that area's cost line. Expected values are derived in the tests from the raw data."""
import pytest

import kommunbudget as kb
from kommunbudget import scenarios

HEAD = '''name = "gap"
municipality = "{m}"
horizon = 2028
'''


def scenario(municipality: str, body: str) -> scenarios.Scenario:
    return scenarios.parse(HEAD.format(m=municipality) + body, "gap.toml")


def pkv(m: kb.Municipality, year: int) -> float:
    a = m.assumptions
    w = a["labour_weight"].get(year)[0]
    return w * a["labour_cost_change"].get(year)[0] + (1 - w) * a["other_cost_change"].get(year)[0]


def test_nka_gap_of_sjobos_upper_secondary_school_closed_by_half():
    # Kolada N17001 2024 for Sjöbo: +11.1661 %; SCB net cost 2024 (RS 450): 109 218 tkr. Gap = cost × d / (100 + d).
    result = scenarios.run(scenario("Sjöbo", '''
[[measures]]
name = "gymnasiet"
kind = "area_gap"
service_area = "upper_secondary_school"
basis = "nka"
share_closed = 0.5
start_year = 2026
'''))
    gap = 109.218 * 11.1661 / 111.1661
    m = result.municipality
    uprated = gap * 0.5 * (1 + pkv(m, 2025)) * (1 + pkv(m, 2026)) * (1 + pkv(m, 2027))
    assert result.measure_effects.at["gymnasiet", 2027] == pytest.approx(uprated, rel=1e-9)
    assert "N17001" in result.measure_sources["gymnasiet"] and "11.17 %" in result.measure_sources["gymnasiet"]


def test_peer_gap_of_sjobos_elderly_care_from_the_raw_data():
    # Peers: Skåne municipalities with 0.5-2 times Sjöbo's population (31 Dec 2024); the gap is Sjöbo's net cost
    # minus the peers' median net cost per inhabitant times Sjöbo's population.
    munis = kb.data.municipalities().set_index("code")
    raw = kb.data.read_table("nettokostnad_verksamhet_kommun_2024.csv").query("niva == 'kommun'").set_index("kod")
    own = munis.loc["1265", "population_2024"]
    peers = munis[(munis["county_code"] == "12") & (munis.index != "1265")
                  & munis["population_2024"].between(0.5 * own, 2.0 * own)]
    per_inh = raw.loc[peers.index, "vo510_vard_omsorg_aldre_tkr"] * 1000 / peers["population_2024"]
    gap = raw.loc["1265", "vo510_vard_omsorg_aldre_tkr"] / 1000 - per_inh.median() * own / 1e6
    assert gap > 0
    result = scenarios.run(scenario("Sjöbo", '''
[[measures]]
name = "äldreomsorg"
kind = "area_gap"
service_area = "elderly_care"
share_closed = 0.25
start_year = 2026
start_month = 7
'''))
    m = result.municipality
    expected_2026 = gap * 0.25 * (1 + pkv(m, 2025)) * (1 + pkv(m, 2026)) * 6 / 12
    assert result.measure_effects.at["äldreomsorg", 2026] == pytest.approx(expected_2026, rel=1e-9)
    assert f"{len(peers)} peers" in result.measure_sources["äldreomsorg"]


def test_explicit_peers_on_an_approximate_baseline():
    # Lund against Uppsala and Linköping: the median of two is their mean.
    munis = kb.data.municipalities().set_index("name")
    raw = kb.data.read_table("nettokostnad_verksamhet_kommun_2024.csv").query("niva == 'kommun'").set_index("namn")
    cols = ["vo435_forskoleklass_tkr", "vo440_grundskola_tkr"]
    per_inh = [raw.loc[n, cols].sum() * 1000 / munis.loc[n, "population_2024"] for n in ("Uppsala", "Linköping")]
    gap = max(0.0, raw.loc["Lund", cols].sum() / 1000 - sum(per_inh) / 2 * munis.loc["Lund", "population_2024"] / 1e6)
    result = scenarios.run(scenario("Lund", '''
[[measures]]
name = "grundskola"
kind = "area_gap"
service_area = "compulsory_school"
peers = ["Uppsala", "Linköping"]
share_closed = 1.0
start_year = 2025
labour_share = 0.0
'''))
    assert gap > 100  # Lund is well above the two (187 MSEK)
    other = result.municipality.assumptions["other_cost_change"].get(2025)[0]
    assert result.measure_effects.at["grundskola", 2025] == pytest.approx(gap * (1 + other), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("line, message", [
    ('basis = "kolada"', "measures[0] (x).basis: 'kolada'; expected 'peers'"),
    ('peer_rule = "region"', "measures[0] (x).peer_rule: 'region'; expected one of: county_size"),
    ('peers = ["Ystad"]\npeer_rule = "county"', "both peers and peer_rule are given"),
    ('basis = "nka"\npeer_rule = "county"', "peers and peer_rule apply to basis 'peers' only"),
])
def test_area_gap_fields_are_checked_on_load(line, message):
    with pytest.raises(ValueError) as info:
        scenario("Sjöbo", f'''
[[measures]]
name = "x"
kind = "area_gap"
service_area = "elderly_care"
share_closed = 0.5
start_year = 2026
{line}
''')
    assert message in str(info.value) and "gap.toml" in str(info.value)


def test_share_closed_given_as_percent_gets_a_hint():
    with pytest.raises(ValueError, match=r"share_closed: 50 is outside \[0, 1\].*did you mean 0.5"):
        scenario("Sjöbo", '''
[[measures]]
name = "x"
kind = "area_gap"
service_area = "elderly_care"
share_closed = 50
start_year = 2026
''')
