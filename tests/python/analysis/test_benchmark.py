"""Benchmarking (kommunbudget.benchmark); the ``kommunbudget benchmark`` command is tested in
``tests/python/cli/test_benchmark_command.py``.

Expected figures come from the embedded raw files, read here with pandas independently of the package's loaders
(SCB TAB4199 net cost 2024 in thousand kr, ``nettokostnad_verksamhet_kommun_2024.csv``; population 31 December
2024, ``befolkning_kommun_2024.csv``; Kolada NKA, ``nettokostnadsavvikelse_skane.csv``; SCB skattekraft 2023,
``skatteunderlag_kommun.csv``), from SOURCES.md (national social assistance 1 394 kr per inhabitant, §23) or from
derivations written out in the tests (docs/model.md §8: gap to peers = own − median × population; NKA gap = cost ×
d / (100 + d); öre = gap / (tax base / 100) × 100). Never from the code under test.
"""
from __future__ import annotations

import io
from importlib import resources

import pandas as pd
import pytest

import kommunbudget as kb
from kommunbudget import benchmark as bm

SJOBO = "1265"
SJOBO_POPULATION = 19337  # SCB, 31 Dec 2024 (befolkning_kommun_2024.csv)
SJOBO_UPPER_SECONDARY_MSEK = 109.218  # SCB TAB4199, RS 450, 109 218 tkr
SJOBO_N17001_2024 = 11.1661  # Kolada N17001, 2024, slutlig
NATIONAL_SOCIAL_ASSISTANCE_KR = 1394  # SOURCES.md §23: 14 760 884 tkr / 10 587 710 inhabitants
AREAS = ["preschool", "compulsory_school", "upper_secondary_school", "elderly_care", "disability_lss",
         "individual_family_care", "social_assistance", "total"]


def _raw(name: str) -> pd.DataFrame:
    text = (resources.files("kommunbudget") / "data" / "files" / name).read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), dtype={"kod": str, "kommunkod": str, "lan_kod": str})


@pytest.fixture(scope="module")
def raw_costs() -> pd.DataFrame:
    """Net cost 2024 in MSEK by RS code (columns '450', ...) and population, indexed by municipality code."""
    raw = _raw("nettokostnad_verksamhet_kommun_2024.csv")
    raw = raw[raw["niva"] == "kommun"].set_index("kod")
    costs = pd.DataFrame({c[2:5]: raw[c] / 1000.0 for c in raw.columns if c.startswith("vo") and c.endswith("_tkr")})
    population = _raw("befolkning_kommun_2024.csv").set_index("kommunkod")
    costs["population"] = population["folkmangd_2024_12_31"]
    costs["county"] = _raw("skattesatser_kommun.csv").set_index("kommunkod")["lan_kod"]
    return costs


@pytest.fixture(scope="module")
def sjobo() -> pd.DataFrame:
    return bm.benchmark("Sjöbo")


def _row(frame: pd.DataFrame, area: str) -> pd.Series:
    return frame[frame["area"] == area].iloc[0]


def _tax_base(code: str) -> float:
    return kb.revenue.scb_tax_base_msek(code, 2024)[0]


def _ore(gap_msek: float, tax_base_msek: float) -> float:
    return gap_msek / (tax_base_msek / 100.0) * 100.0  # kr per 100 kr -> öre


def _skane_band_peers(raw_costs: pd.DataFrame, code: str, lower: float = 0.5, upper: float = 2.0) -> list[str]:
    own = raw_costs.loc[code]
    ratio = raw_costs["population"] / own["population"]
    keep = (raw_costs["county"] == own["county"]) & (ratio >= lower) & (ratio <= upper) & (raw_costs.index != code)
    return sorted(raw_costs.index[keep])


# ----------------------------------------------------------------------------------------------------------------
# peers
# ----------------------------------------------------------------------------------------------------------------


def test_sjobo_peers_county_size_are_skane_within_the_band():
    munis = kb.data.municipalities()
    own = munis[munis["code"] == SJOBO].iloc[0]
    ratio = munis["population_2024"] / own["population_2024"]
    expected = munis[(munis["county_code"] == "12") & (ratio >= 0.5) & (ratio <= 2.0) & (munis["code"] != SJOBO)]
    peers = bm.peers("Sjöbo")
    assert list(peers["code"]) == sorted(expected["code"])
    assert len(peers) == 23  # Skåne, 9 669-38 674 inhabitants: Örkelljunga (10 277) to Vellinge (37 816)
    assert {"Ystad", "Skurup", "Tomelilla", "Vellinge", "Örkelljunga"} <= set(peers["name"])
    assert not {"Sjöbo", "Perstorp", "Ängelholm", "Malmö"} & set(peers["name"])
    assert peers.attrs["rule"] == peers.attrs["requested_rule"] == "county_size"
    assert peers.attrs["fallback"] == ""
    assert list(peers.columns) == list(bm.PEERS_UNITS)


def test_capacity_rule_uses_scb_tax_capacity_within_the_band():
    raw = _raw("skatteunderlag_kommun.csv")
    national = float(raw.loc[raw["niva"] == "riket", "skattekraft_kr_per_inv_befolkningsviktat_derived"].iloc[0])
    share = raw[raw["niva"] == "kommun"].set_index("kod")["skattekraft_kr_per_inv"] / national
    assert share[SJOBO] == pytest.approx(213414 / 239220)
    munis = kb.data.municipalities().set_index("code")
    ratio = munis["population_2024"] / munis.loc[SJOBO, "population_2024"]
    keep = (ratio >= 0.5) & (ratio <= 2.0) & ((share.reindex(munis.index) - share[SJOBO]).abs() <= 0.05)
    expected = sorted(c for c in munis.index[keep] if c != SJOBO)
    peers = bm.peers("Sjöbo", rule="capacity")
    assert list(peers["code"]) == expected
    assert peers["tax_capacity_share"].to_numpy() == pytest.approx(share[expected].to_numpy())
    assert peers.attrs["rule"] == "capacity"


@pytest.mark.parametrize("rule", list(bm.PEER_RULES))
def test_a_municipality_is_never_its_own_peer(rule):
    for name in ("Sjöbo", "Malmö", "Gotland", "Stockholm", "Bjurholm"):
        peers = bm.peers(name, rule=rule)
        assert kb.data.find_municipality(name) not in set(peers["code"])
        assert len(peers) >= 3


def test_gotland_falls_back_to_size_and_says_so():
    peers = bm.peers("Gotland")  # alone in its county
    assert peers.attrs["requested_rule"] == "county_size"
    assert peers.attrs["rule"] == "size"
    assert "county_size" in peers.attrs["fallback"] and "'size'" in peers.attrs["fallback"]
    ratio = peers["population"] / 60971  # Gotland, 31 Dec 2024
    assert ((ratio >= 0.5) & (ratio <= 2.0)).all()
    assert len(peers) > 3 and peers["county"].nunique() > 1


def test_stockholm_widens_the_size_band_until_three_peers():
    peers = bm.peers("Stockholm")
    assert peers.attrs["rule"] == "size"
    lower, upper = peers.attrs["size_band"]
    assert (lower, upper) != (0.5, 2.0) and lower * upper == pytest.approx(1.0)
    assert "widened" in peers.attrs["fallback"]
    assert len(peers) >= 3 and "Göteborg" in set(peers["name"])


def test_explicit_peers_are_validated():
    peers = bm.peers("Sjöbo", names=["Ystad", "1264", "tomelilla"])
    assert list(peers["name"]) == ["Skurup", "Tomelilla", "Ystad"]
    assert peers.attrs["rule"] == "explicit"
    assert list(bm.peers("Sjöbo", names="Ystad, Skurup")["name"]) == ["Skurup", "Ystad"]


@pytest.mark.parametrize("kwargs, fragments", [
    ({"names": ["Ystad", "Nowhereby"]}, ["peers", "Nowhereby"]),
    ({"names": ["Ystad", "Sjöbo"]}, ["peers", "Sjöbo", "own peer"]),
    ({"names": ["Skurup", "1264"]}, ["peers", "1264", "twice"]),
    ({"names": []}, ["peers", "empty"]),
    ({"rule": "neighbours"}, ["rule", "neighbours", "county_size", "capacity"]),
    ({"size_band": (2.0, 0.5)}, ["size_band", "0 < lower <= 1 <= upper"]),
    ({"capacity_band": 5}, ["capacity_band", "fraction", "0.05"]),
    ({"min_peers": 0}, ["min_peers", "0"]),
    ({"min_peers": 290}, ["min_peers", "290", "289"]),
])
def test_peer_errors_name_the_argument(kwargs, fragments):
    with pytest.raises(ValueError) as info:
        bm.peers("Sjöbo", **kwargs)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


# ----------------------------------------------------------------------------------------------------------------
# benchmark
# ----------------------------------------------------------------------------------------------------------------


def test_benchmark_layout(sjobo):
    assert list(sjobo["area"]) == AREAS
    assert list(sjobo.columns) == list(bm.BENCHMARK_UNITS)
    for column in sjobo.columns:
        unit = bm.BENCHMARK_UNITS[column]
        if column.endswith("_msek"):
            assert unit == "MSEK"
        if column.endswith("_kr_per_inhabitant"):
            assert unit == "kr per inhabitant"
        if column.endswith("_ore"):
            assert unit == "öre"
    assert sjobo.attrs["municipality"] == SJOBO
    assert sjobo.attrs["peer_rule"] == "county_size"
    assert sjobo.attrs["peer_names"] == list(bm.peers("Sjöbo")["name"])
    assert {"net_costs", "population", "nka", "tax_base"} <= set(sjobo.attrs["sources"])
    assert (sjobo["peer_count"] == 23).all()


def test_sjobo_upper_secondary_against_peers(sjobo, raw_costs):
    row = _row(sjobo, "upper_secondary_school")
    assert raw_costs.loc[SJOBO, "450"] == pytest.approx(SJOBO_UPPER_SECONDARY_MSEK)
    assert row["net_cost_msek"] == pytest.approx(SJOBO_UPPER_SECONDARY_MSEK, abs=1e-12)
    assert row["net_cost_kr_per_inhabitant"] == pytest.approx(SJOBO_UPPER_SECONDARY_MSEK * 1e6 / SJOBO_POPULATION)
    peers = _skane_band_peers(raw_costs, SJOBO)
    median = (raw_costs.loc[peers, "450"] * 1e6 / raw_costs.loc[peers, "population"]).median()
    assert row["peer_median_kr_per_inhabitant"] == pytest.approx(median, rel=1e-12)
    gap = max(0.0, SJOBO_UPPER_SECONDARY_MSEK - median * SJOBO_POPULATION / 1e6)
    assert gap > 0
    assert row["gap_to_peers_msek"] == pytest.approx(gap, rel=1e-9)
    assert row["gap_to_peers_ore"] == pytest.approx(_ore(gap, _tax_base(SJOBO)), rel=1e-9)


@pytest.mark.parametrize("area, codes", [
    ("preschool", ["407"]), ("compulsory_school", ["435", "440"]), ("elderly_care", ["510"]),
    ("disability_lss", ["513"]), ("individual_family_care", ["559", "569", "571", "585"]),
    ("social_assistance", ["575"]),
])
def test_every_area_against_the_peer_median(sjobo, raw_costs, area, codes):
    row = _row(sjobo, area)
    per_code = raw_costs[codes].sum(axis=1)
    own = float(per_code[SJOBO])
    assert row["net_cost_msek"] == pytest.approx(own, abs=1e-9)
    peers = _skane_band_peers(raw_costs, SJOBO)
    median = (per_code[peers] * 1e6 / raw_costs.loc[peers, "population"]).median()
    assert row["peer_median_kr_per_inhabitant"] == pytest.approx(median, rel=1e-12)
    assert row["gap_to_peers_msek"] == pytest.approx(max(0.0, own - median * SJOBO_POPULATION / 1e6), abs=1e-9)
    national = per_code.sum() * 1e6 / raw_costs["population"].sum()
    assert row["national_kr_per_inhabitant"] == pytest.approx(national, rel=1e-12)


def test_total_row_is_all_32_codes(sjobo, raw_costs):
    codes = [c for c in raw_costs.columns if c.isdigit()]
    assert len(codes) == 32
    row = _row(sjobo, "total")
    assert row["net_cost_msek"] == pytest.approx(raw_costs.loc[SJOBO, codes].sum(), abs=1e-9)
    peers = _skane_band_peers(raw_costs, SJOBO)
    median = (raw_costs.loc[peers, codes].sum(axis=1) * 1e6 / raw_costs.loc[peers, "population"]).median()
    assert row["peer_median_kr_per_inhabitant"] == pytest.approx(median, rel=1e-12)
    assert row["gap_to_peers_msek"] == pytest.approx(max(0.0, row["net_cost_msek"] - median * SJOBO_POPULATION / 1e6),
                                                     abs=1e-9)


def test_national_social_assistance_and_the_note(sjobo):
    row = _row(sjobo, "social_assistance")
    assert round(row["national_kr_per_inhabitant"]) == NATIONAL_SOCIAL_ASSISTANCE_KR
    assert "1 394" in row["note"] and "1 033" in row["note"] and "paid" in row["note"]
    assert sjobo.attrs["notes"][0] == row["note"].split(" No NKA")[0]
    assert pd.isna(row["nka_percent"]) and pd.isna(row["nka_gap_msek"])
    assert "1 394" not in _row(sjobo, "upper_secondary_school")["note"]


def test_sjobo_upper_secondary_nka_gap(sjobo):
    raw = _raw("nettokostnadsavvikelse_skane.csv")
    value = raw[(raw["kommunkod"] == SJOBO) & (raw["kpi_id"] == "N17001") & (raw["ar"] == 2024)]
    assert float(value["nettokostnadsavvikelse_procent"].iloc[0]) == SJOBO_N17001_2024
    row = _row(sjobo, "upper_secondary_school")
    expected = SJOBO_UPPER_SECONDARY_MSEK * SJOBO_N17001_2024 / (100 + SJOBO_N17001_2024)
    assert expected == pytest.approx(10.970, abs=5e-4)
    assert row["nka_kpi"] == "N17001" and row["nka_year"] == 2024 and row["nka_status"] == "slutlig"
    assert row["nka_percent"] == SJOBO_N17001_2024
    assert row["nka_gap_msek"] == pytest.approx(expected, rel=1e-12)
    assert row["nka_gap_ore"] == pytest.approx(_ore(expected, _tax_base(SJOBO)), rel=1e-9)


def test_nka_of_the_other_areas(sjobo, raw_costs):
    raw = _raw("nettokostnadsavvikelse_skane.csv")
    nka = raw[(raw["kommunkod"] == SJOBO) & (raw["ar"] == 2024)].set_index("kpi_id")["nettokostnadsavvikelse_procent"]
    for area, kpi, codes in [("preschool", "N11024", ["407"]), ("compulsory_school", "N15001", ["435", "440"]),
                             ("elderly_care", "N20900", ["510"]), ("disability_lss", "N28018", ["513"]),
                             ("individual_family_care", "N30001", ["559", "569", "571", "585"])]:
        d = float(nka[kpi])
        cost = float(raw_costs.loc[SJOBO, codes].sum())
        row = _row(sjobo, area)
        assert row["nka_percent"] == d
        assert row["nka_gap_msek"] == pytest.approx(cost * d / (100 + d) if d > 0 else 0.0, abs=1e-12), area
    assert float(nka["N11024"]) < 0 and _row(sjobo, "preschool")["nka_gap_msek"] == 0.0  # -1.5436: no gap
    assert "öppen förskola" in _row(sjobo, "preschool")["note"]
    assert "575" in _row(sjobo, "individual_family_care")["note"]
    total = _row(sjobo, "total")
    assert total["nka_gap_msek"] == pytest.approx(sjobo["nka_gap_msek"].iloc[:-1].sum(skipna=True), abs=1e-12)
    assert "N00097" in total["note"]


def test_nka_table_of_one_municipality():
    raw = _raw("nettokostnadsavvikelse_skane.csv")
    expected = raw[(raw["kommunkod"] == SJOBO) & (raw["ar"] == 2023)].sort_values("kpi_id")
    table = bm.nka("sjobo", 2023)
    assert list(table["kpi"]) == list(expected["kpi_id"])
    assert table["nka_percent"].tolist() == expected["nettokostnadsavvikelse_procent"].tolist()
    assert set(table["status"]) == {"slutlig"}
    assert table.set_index("kpi").loc["N17001", "area"] == "upper_secondary_school"
    assert table.set_index("kpi").loc["N00097", "area"] == ""
    with pytest.raises(ValueError, match="only Skåne's 33 municipalities are embedded"):
        bm.nka("Kiruna")


def test_preliminary_nka_year_is_marked():
    frame = bm.benchmark("Sjöbo", nka_year=2025)
    row = _row(frame, "upper_secondary_school")
    assert row["nka_status"] == "preliminär" and row["nka_percent"] == 11.0002
    assert "preliminär" in row["note"]
    assert any("2025" in n and "2024" in n for n in frame.attrs["notes"])


def test_explicit_peers_in_benchmark(raw_costs):
    frame = bm.benchmark("Sjöbo", peers=["Ystad", "Skurup", "Tomelilla"])
    codes = ["1286", "1264", "1270"]
    row = _row(frame, "elderly_care")
    median = (raw_costs.loc[codes, "510"] * 1e6 / raw_costs.loc[codes, "population"]).median()
    assert row["peer_median_kr_per_inhabitant"] == pytest.approx(median, rel=1e-12)
    assert row["peer_count"] == 3
    assert frame.attrs["peer_rule"] == "explicit"
    assert frame.attrs["peer_names"] == ["Skurup", "Tomelilla", "Ystad"]
    # a DataFrame from peers() is accepted and keeps its rule
    by_frame = bm.benchmark("Sjöbo", peers=bm.peers("Sjöbo", rule="capacity"))
    assert by_frame.attrs["peer_rule"] == "capacity"
    pd.testing.assert_frame_equal(by_frame, bm.benchmark("Sjöbo", rule="capacity"), check_like=False)


def test_municipality_outside_skane_has_no_nka():
    frame = bm.benchmark("Kiruna")
    assert frame["nka_percent"].isna().all() and frame["nka_gap_msek"].isna().all()
    assert frame.attrs["nka_available"] is False
    assert any("only Skåne's 33" in n for n in frame.attrs["notes"])
    assert frame.attrs["peer_rule"] == "county_size"
    assert set(bm.peers("Kiruna")["county"]) == {"Norrbottens län"}


@pytest.mark.parametrize("kwargs, fragments", [
    ({"peers": ["Sjöbo", "Ystad"]}, ["Sjöbo", "own peer"]),
    ({"peers": ["Atlantis"]}, ["peers", "Atlantis"]),
    ({"nka_year": 2022}, ["nka_year", "2022", "2023", "2025"]),
    ({"rule": "region"}, ["rule", "region"]),
])
def test_benchmark_errors(kwargs, fragments):
    with pytest.raises(ValueError) as info:
        bm.benchmark("Sjöbo", **kwargs)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


# ----------------------------------------------------------------------------------------------------------------
# area_gap_msek
# ----------------------------------------------------------------------------------------------------------------


def test_area_gap_by_peers_and_by_nka(sjobo):
    gap, text = bm.area_gap_msek("Sjöbo", "upper_secondary_school")
    assert gap == pytest.approx(_row(sjobo, "upper_secondary_school")["gap_to_peers_msek"], abs=1e-12)
    assert "median" in text and "Ystad" in text and "RS 450" in text
    gap, text = bm.area_gap_msek("1265", "upper_secondary_school", basis="nka")
    assert gap == pytest.approx(SJOBO_UPPER_SECONDARY_MSEK * SJOBO_N17001_2024 / (100 + SJOBO_N17001_2024),
                                rel=1e-12)
    assert "N17001" in text and "11.17" in text and "2024" in text
    gap, _ = bm.area_gap_msek("Sjöbo", "preschool", basis="nka")  # NKA -1.54 %: at or below the reference
    assert gap == 0.0


@pytest.mark.parametrize("args, kwargs, fragments", [
    (("Sjöbo", "schools"), {}, ["service_area", "schools", "upper_secondary_school"]),
    (("Kiruna", "elderly_care"), {"basis": "nka"},
     ["no Kolada NKA for Kiruna", "only Skåne's 33 municipalities are embedded", "basis='peers'"]),
    (("Sjöbo", "social_assistance"), {"basis": "nka"}, ["social_assistance", "N30001", "basis='peers'"]),
    (("Sjöbo", "elderly_care"), {"basis": "reference"}, ["basis", "reference", "'peers'", "'nka'"]),
    (("Sjöbo", "elderly_care"), {"peers": ["Ystad", "Nowhereby"]}, ["peers", "Nowhereby"]),
    (("Sjöbo", "elderly_care"), {"peers": ["1265"]}, ["own peer"]),
])
def test_area_gap_errors(args, kwargs, fragments):
    with pytest.raises(ValueError) as info:
        bm.area_gap_msek(*args, **kwargs)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


def test_public_api():
    assert kb.benchmark is bm and "benchmark" in kb.__all__ and "service_areas" in kb.__all__
    for name in bm.__all__:
        obj = getattr(bm, name)
        if callable(obj):
            assert obj.__doc__ and "Returns" in obj.__doc__ and "Raises" in obj.__doc__, name
