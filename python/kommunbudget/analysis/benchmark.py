"""Benchmarking: a municipality's net costs by service area against peers and against Kolada's reference cost.

Two measures of how much a service area costs beyond what could be expected, both for SCB's net cost 2024
(:mod:`kommunbudget.data.service_areas`) and both in MSEK and in öre on the tax rate:

* **Gap to peers**: the own net cost per inhabitant against the *median* of the peer municipalities' net costs per
  inhabitant; the gap is what the area would save at the peers' median, ``max(0, own − median × population)``
  (core ``peer_gap_msek``). Per inhabitant means per *all* inhabitants (31 December 2024), not per child, pupil or
  elderly person: a municipality with many old people will look dear in elderly care against any peer group. The
  peer group is chosen by a documented rule (:func:`peers`) or given by name.
* **Gap to the reference cost (NKA)**: Kolada's nettokostnadsavvikelse *d* (percent; the deviation of the actual net
  cost from the structural reference cost, which adjusts for demography and geography) applied to SCB's net cost:
  ``cost × d / (100 + d)``, 0 for ``d <= 0`` (core ``net_cost_gap_msek``). Only Skåne's 33 municipalities have NKA
  embedded (``nettokostnadsavvikelse_skane.csv``, Kolada 2023-2024 final, 2025 preliminary).

The öre equivalent is ``gap / (tax base / 100)`` (core ``tax_rate_equivalent_ore``) with the 2024 tax base derived
from SCB (:func:`kommunbudget.baselines.revenue_inputs.scb_tax_base_msek`, approximate). Every equation is in the core;
this module selects peers, looks up data and arranges DataFrames.

Peer rules (:func:`peers`)
--------------------------
``"county_size"`` (default)
    Same county (län) and a population within ``size_band`` times the own (inclusive; default 0.5-2.0).
``"county"``
    Same county, any size.
``"size"``
    All Sweden, population within ``size_band``.
``"capacity"``
    All Sweden, population within ``size_band`` and SCB's tax capacity 2023 as a share of the national average
    within ± ``capacity_band`` of the own share (absolute, both fractions: 0.05 = 5 points of the national average).

Fallback: when a rule finds fewer than ``min_peers`` municipalities, rule ``"size"`` is used instead; when that too
finds too few (the largest municipalities), its band is widened by a factor 2 at each end (lower / 2, upper × 2)
until it finds enough. The result's ``attrs`` record what was asked for, what was used and why. The municipality
itself is never its own peer. An explicit list of names or codes may be given instead of a rule.

Sources: SCB TAB4199 (OE0107) net costs 2024 and population 31 December 2024 (SOURCES.md sections 2, 21-23);
Kolada NKA for Skåne (section 5); SCB skattekraft 2023 (section 20).
"""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import pandas as pd

from kommunbudget.analysis.options import PEER_RULES
from kommunbudget.baselines.revenue_inputs import scb_capacity_index, scb_tax_base_msek
from kommunbudget.data import service_areas
from kommunbudget.data.municipalities import find_municipality, municipality_table
from kommunbudget.data.tables import cached_table
from kommunbudget.model import core

__all__ = [
    "BENCHMARK_UNITS",
    "NKA_FILE",
    "PEER_RULES",
    "PEERS_UNITS",
    "area_gap_msek",
    "benchmark",
    "nka",
    "peers",
]

#: The embedded Kolada file with the net cost deviation (NKA) of Skåne's 33 municipalities.
NKA_FILE = "nettokostnadsavvikelse_skane.csv"

#: Year of SCB's net costs, population and the tax base used for the öre equivalents (the service areas' year).
YEAR = service_areas.YEAR

#: Units of the columns of :func:`peers`.
PEERS_UNITS: dict[str, str] = {
    "code": "text",
    "name": "text",
    "county": "text",
    "population": "inhabitants",
    "population_ratio": "fraction",
    "tax_capacity_share": "fraction",
}

#: Units of the columns of :func:`benchmark`.
BENCHMARK_UNITS: dict[str, str] = {
    "area": "text",
    "name_sv": "text",
    "rs_codes": "text",
    "net_cost_msek": "MSEK",
    "net_cost_kr_per_inhabitant": "kr per inhabitant",
    "peer_median_kr_per_inhabitant": "kr per inhabitant",
    "peer_count": "count",
    "national_kr_per_inhabitant": "kr per inhabitant",
    "difference_to_peers_kr_per_inhabitant": "kr per inhabitant",
    "gap_to_peers_msek": "MSEK",
    "gap_to_peers_ore": "öre",
    "nka_kpi": "text",
    "nka_year": "year",
    "nka_status": "text",
    "nka_percent": "percent",
    "nka_gap_msek": "MSEK",
    "nka_gap_ore": "öre",
    "note": "text",
}

_TOTAL = "total"
_SOURCES = {
    "net_costs": "SCB TAB4199 (OE0107, Räkenskapssammandraget), net cost 2024 by activity (RS code), "
                 "nettokostnad_verksamhet_kommun_2024.csv (SOURCES.md §21)",
    "population": "SCB via Kolada N01951, population 31 December 2024, befolkning_kommun_2024.csv (SOURCES.md §2)",
    "tax_capacity": "SCB skattekraft 2023 (income year 2021) against the population-weighted national average, "
                    "skatteunderlag_kommun.csv (SOURCES.md §20)",
    "nka": "Kolada nettokostnadsavvikelse (N11024, N15001, N17001, N20900, N28018, N30001; N00097 total excl. LSS) "
           "for Skåne's 33 municipalities, 2023-2024 final, 2025 preliminary, via Sillen2024/hoor-kommunval, "
           f"{NKA_FILE} (SOURCES.md §5)",
}

#: Scope notes by area: what SCB's cost covers (always shown) ...
_SCOPE_NOTES = {
    "preschool": "RS 407 only; öppen förskola (400) and pedagogisk omsorg (412) are in other activities.",
    "compulsory_school": "RS 435 + 440 (förskoleklass and grundskola); fritidshem (425) and anpassad grundskola "
                         "(443) are not included.",
    "upper_secondary_school": "RS 450; anpassad gymnasieskola (453) is not included.",
    "individual_family_care": "RS 559, 569, 571, 585; ekonomiskt bistånd (575) is on its own row.",
}
#: ... and where Kolada's NKA covers something else (shown where the NKA is used).
_NKA_NOTES = {
    "preschool": "Kolada's N11024 covers förskola including öppen förskola, so its deviation is applied to a "
                 "narrower cost.",
    "social_assistance": "No NKA of its own: Kolada's IFO deviation (N30001) includes ekonomiskt bistånd and is "
                         "shown on the IFO row.",
}


# ----------------------------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------------------------


@functools.cache
def _tax_capacity_shares() -> pd.Series:
    """SCB's tax capacity 2023 as a fraction of the national average, by code (all 290)."""
    codes = municipality_table()["code"]
    return pd.Series({code: scb_capacity_index(code)[0] for code in codes}, name="tax_capacity_share")


@functools.cache
def _universe() -> pd.DataFrame:
    """All 290: code, name, county_code, county, population, tax_capacity_share; sorted by code."""
    munis = municipality_table()
    out = pd.DataFrame({"code": munis["code"], "name": munis["name"], "county_code": munis["county_code"],
                        "county": munis["county"], "population": munis["population_2024"].astype("int64")})
    out["tax_capacity_share"] = out["code"].map(_tax_capacity_shares()).astype(float)
    return out


@functools.cache
def _nka_table() -> pd.DataFrame:
    raw = cached_table(NKA_FILE)
    out = pd.DataFrame({"code": raw["kommunkod"].astype(str), "name": raw["kommun"].astype(str),
                        "kpi": raw["kpi_id"].astype(str), "title": raw["kolada_titel"].astype(str),
                        "year": raw["ar"].astype(int), "percent": raw["nettokostnadsavvikelse_procent"].astype(float),
                        "status": raw["status"].astype(str)})
    if out.duplicated(["code", "kpi", "year"]).any() or out["percent"].isna().any():
        raise RuntimeError(f"embedded data file {NKA_FILE!r}: duplicate or missing (municipality, KPI, year) values")
    return out


def _nka_years() -> list[int]:
    return sorted(int(y) for y in _nka_table()["year"].unique())


def _checked_nka_year(nka_year: object) -> int:
    years = _nka_years()
    if isinstance(nka_year, bool) or not isinstance(nka_year, int) or nka_year not in years:
        raise ValueError(f"nka_year = {nka_year!r}: Kolada's NKA is embedded for {', '.join(map(str, years))} "
                         f"({_status_text()}); expected one of them")
    return nka_year


def _status_text() -> str:
    table = _nka_table()
    by_status = table.groupby("status")["year"].unique()
    return "; ".join(f"{status}: {', '.join(str(y) for y in sorted(years))}" for status, years in by_status.items())


def nka(municipality: str | int, year: int = YEAR) -> pd.DataFrame:
    """Kolada's net cost deviation (nettokostnadsavvikelse, NKA) of one municipality in Skåne, by KPI.

    Parameters
    ----------
    municipality : str or int
        Name or SCB code of one of Skåne's 33 municipalities.
    year : int, default 2024
        2023 or 2024 (final) or 2025 (preliminary).

    Returns
    -------
    pandas.DataFrame
        One row per KPI (N00097 total excl. LSS, N11024 förskola incl. öppen förskola, N15001 grundskola F-9,
        N17001 gymnasieskola, N20900 äldreomsorg, N28018 LSS, N30001 IFO), columns ``kpi``, ``title`` (Kolada's),
        ``year``, ``nka_percent`` (percent of the reference cost; positive = dearer than structurally expected),
        ``status`` (``slutlig`` / ``preliminär``) and ``area`` (the
        :data:`~kommunbudget.data.service_areas.SERVICE_AREAS`
        key using the KPI, ``""`` for N00097).

    Raises
    ------
    ValueError
        For an unknown municipality, one outside Skåne (the message says only Skåne's 33 are embedded), or a year
        not in the file.

    Notes
    -----
    Source: Kolada via Sillen2024/hoor-kommunval, ``nettokostnadsavvikelse_skane.csv`` (SOURCES.md §5).
    """
    code = find_municipality(municipality)
    year = _checked_nka_year(year)
    table = _nka_table()
    rows = table[(table["code"] == code) & (table["year"] == year)]
    if rows.empty:
        raise ValueError(_no_nka_message(code))
    by_kpi = {a.kolada_nka: a.key for a in service_areas.SERVICE_AREAS if a.kolada_nka}
    out = pd.DataFrame({"kpi": rows["kpi"], "title": rows["title"], "year": rows["year"],
                        "nka_percent": rows["percent"], "status": rows["status"],
                        "area": rows["kpi"].map(by_kpi).fillna("")})
    return out.sort_values("kpi", ignore_index=True)


def _no_nka_message(code: str) -> str:
    name = _name(code)
    return (f"municipality = {name!r} ({code}): no Kolada NKA for {name} (only Skåne's 33 municipalities are "
            f"embedded, {NKA_FILE}); use basis='peers'")


def _name(code: str) -> str:
    universe = _universe()
    return str(universe.loc[universe["code"] == code, "name"].iloc[0])


def _nka_value(code: str, kpi: str, year: int) -> tuple[float, str] | None:
    table = _nka_table()
    row = table[(table["code"] == code) & (table["kpi"] == kpi) & (table["year"] == year)]
    if row.empty:
        return None
    return float(row["percent"].iloc[0]), str(row["status"].iloc[0])


def _has_nka(code: str) -> bool:
    return bool((_nka_table()["code"] == code).any())


# ----------------------------------------------------------------------------------------------------------------
# Peers
# ----------------------------------------------------------------------------------------------------------------


def _checked_band(size_band: object) -> tuple[float, float]:
    try:
        lower, upper = (float(x) for x in size_band)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise ValueError(f"size_band = {size_band!r}: expected two numbers (lower, upper) as multiples of the own "
                         f"population, e.g. (0.5, 2.0)") from None
    if not (math.isfinite(lower) and math.isfinite(upper)) or not 0.0 < lower <= 1.0 <= upper:
        raise ValueError(f"size_band = {size_band!r}: expected 0 < lower <= 1 <= upper (multiples of the own "
                         f"population), e.g. (0.5, 2.0)")
    return lower, upper


def _checked_capacity_band(capacity_band: object) -> float:
    if isinstance(capacity_band, bool) or not isinstance(capacity_band, (int, float)) \
            or not math.isfinite(float(capacity_band)) or capacity_band < 0:
        raise ValueError(f"capacity_band = {capacity_band!r}: expected a fraction >= 0 of the national average "
                         f"(0.05 = ± 5 points)")
    if capacity_band >= 1:
        raise ValueError(f"capacity_band = {capacity_band!r}: fraction expected (of the national average), did you "
                         f"mean {capacity_band / 100:g}?")
    return float(capacity_band)


def _select(universe: pd.DataFrame, own: pd.Series, rule: str, band: tuple[float, float],
            capacity_band: float) -> pd.DataFrame:
    ratio = universe["population"] / float(own["population"])
    keep = universe["code"] != own["code"]
    if rule in ("county_size", "county"):
        keep &= universe["county_code"] == own["county_code"]
    if rule in ("county_size", "size", "capacity"):
        keep &= (ratio >= band[0]) & (ratio <= band[1])
    if rule == "capacity":
        keep &= (universe["tax_capacity_share"] - float(own["tax_capacity_share"])).abs() <= capacity_band
    return universe[keep]


def _rule_text(rule: str, own: pd.Series, band: tuple[float, float], capacity_band: float) -> str:
    size = (f"population {band[0]:g}-{band[1]:g} × {int(own['population']):,} "
            f"({math.ceil(band[0] * own['population']):,}-{math.floor(band[1] * own['population']):,})")
    if rule == "county_size":
        return f"{own['county']}, {size}"
    if rule == "county":
        return f"{own['county']}, any size"
    if rule == "size":
        return f"all Sweden, {size}"
    share = float(own["tax_capacity_share"])
    return (f"all Sweden, {size}, SCB tax capacity 2023 {share * 100:.1f} ± {capacity_band * 100:g} "
            f"(national average = 100)")


def _explicit(code: str, names: Sequence[str | int] | str) -> list[str]:
    if isinstance(names, str):
        names = [part for part in (p.strip() for p in names.split(",")) if part]
    names = list(names)
    if not names:
        raise ValueError("peers: empty list; give at least one municipality name or code, or None for a rule")
    codes: list[str] = []
    for name in names:
        try:
            peer = find_municipality(name)
        except ValueError as exc:
            raise ValueError(f"peers: {exc}") from None
        if peer == code:
            raise ValueError(f"peers: {name!r} is the municipality itself ({_name(code)}, {code}); a municipality is "
                             f"never its own peer")
        if peer in codes:
            raise ValueError(f"peers: {name!r} ({_name(peer)}, {peer}) is given twice")
        codes.append(peer)
    return codes


def peers(municipality: str | int, rule: str = "county_size", size_band: tuple[float, float] = (0.5, 2.0),
          capacity_band: float = 0.05, min_peers: int = 3,
          names: Sequence[str | int] | str | None = None) -> pd.DataFrame:
    """The peer municipalities of one municipality, by a documented rule or given by name.

    Parameters
    ----------
    municipality : str or int
        Name or SCB code (any of the 290).
    rule : {"county_size", "county", "size", "capacity"}, default "county_size"
        ``county_size``: same county and population within `size_band` of the own; ``county``: same county;
        ``size``: all Sweden within `size_band`; ``capacity``: all Sweden within `size_band` and with SCB's tax
        capacity 2023 (as a share of the national average) within ± `capacity_band` of the own. Ignored when
        `names` is given.
    size_band : (float, float), default (0.5, 2.0)
        Population of a peer as a multiple of the own (31 December 2024), inclusive; ``0 < lower <= 1 <= upper``.
    capacity_band : float, default 0.05
        Fraction of the national average (0.05 = ± 5 points), absolute difference of the two shares.
    min_peers : int, default 3
        Fewest peers a rule must find; with fewer, rule ``"size"`` is used, and if that too finds fewer its band is
        widened by a factor 2 at each end until it finds enough (see the module's docstring).
    names : sequence of str or int, or str, optional
        Explicit peers by name or code (a string is split at commas). Each must be a known municipality, given
        once, and not the municipality itself.

    Returns
    -------
    pandas.DataFrame
        One row per peer, sorted by code: ``code``, ``name``, ``county``, ``population`` (31 December 2024),
        ``population_ratio`` (peer / own population, fraction) and ``tax_capacity_share`` (SCB skattekraft 2023 /
        national average, fraction; Sjöbo 0.892). Units in :data:`PEERS_UNITS`. ``attrs``: ``municipality``
        (code), ``municipality_name``, ``requested_rule``, ``rule`` (the rule used, or ``"explicit"``),
        ``size_band`` (the band used), ``capacity_band``, ``description`` (the rule in words), ``fallback`` (what
        was widened and why, ``""`` if nothing) and ``sources``.

    Raises
    ------
    ValueError
        For an unknown or ambiguous municipality or peer, a peer that is the municipality itself or is given
        twice, an unknown rule, a size band outside ``0 < lower <= 1 <= upper``, a capacity band that is negative
        or >= 1 (percent given for a fraction), or ``min_peers`` outside 1-289. The message names the argument and
        value.

    Notes
    -----
    Sources: population 31 December 2024 (``befolkning_kommun_2024.csv``, SOURCES.md §2) and SCB's tax capacity
    2023 (``skatteunderlag_kommun.csv``, §20, via :func:`kommunbudget.baselines.revenue_inputs.scb_capacity_index`).
    """
    code = find_municipality(municipality)
    universe = _universe()
    own = universe[universe["code"] == code].iloc[0]
    band = _checked_band(size_band)
    cap = _checked_capacity_band(capacity_band)
    if isinstance(min_peers, bool) or not isinstance(min_peers, int) or not 1 <= min_peers < len(universe):
        raise ValueError(f"min_peers = {min_peers!r}: expected an integer from 1 to {len(universe) - 1}")
    fallback = ""
    if names is not None:
        codes = _explicit(code, names)
        chosen = universe.set_index("code").loc[codes].reset_index()
        used, description = "explicit", "chosen by name: " + ", ".join(chosen["name"])
    else:
        if rule not in PEER_RULES:
            raise ValueError(f"rule = {rule!r} is not known; expected one of: {', '.join(PEER_RULES)}")
        used = rule
        chosen = _select(universe, own, rule, band, cap)
        if len(chosen) < min_peers and rule != "size":
            fallback = (f"rule {rule!r} ({_rule_text(rule, own, band, cap)}) finds {len(chosen)} peer(s), fewer "
                        f"than min_peers = {min_peers}; rule 'size' used instead")
            used = "size"
            chosen = _select(universe, own, used, band, cap)
        while len(chosen) < min_peers:
            wider = (band[0] / 2.0, band[1] * 2.0)
            fallback = ((fallback + "; " if fallback else "")
                        + f"size band {band[0]:g}-{band[1]:g} finds {len(chosen)} peer(s), fewer than min_peers = "
                          f"{min_peers}; widened to {wider[0]:g}-{wider[1]:g}")
            band = wider
            chosen = _select(universe, own, used, band, cap)
        description = _rule_text(used, own, band, cap)
    out = pd.DataFrame({"code": chosen["code"].astype(str), "name": chosen["name"].astype(str),
                        "county": chosen["county"].astype(str), "population": chosen["population"].astype("int64")})
    out["population_ratio"] = out["population"] / float(own["population"])
    out["tax_capacity_share"] = chosen["tax_capacity_share"].to_numpy(dtype=float)
    out = out.sort_values("code", ignore_index=True)
    out.attrs = {
        "municipality": code, "municipality_name": str(own["name"]),
        "requested_rule": "explicit" if names is not None else rule, "rule": used,
        "size_band": [band[0], band[1]], "capacity_band": cap, "description": description, "fallback": fallback,
        "sources": {"population": _SOURCES["population"], "tax_capacity": _SOURCES["tax_capacity"]},
    }
    return out


def _peer_frame(code: str, given: pd.DataFrame | Sequence[str | int] | str | None, rule: str) -> pd.DataFrame:
    if given is None:
        return peers(code, rule=rule)
    if isinstance(given, pd.DataFrame):
        if "code" not in given.columns:
            raise ValueError("peers: a DataFrame of peers needs a 'code' column (as returned by peers())")
        frame = peers(code, names=[str(c) for c in given["code"]])
        if given.attrs.get("rule") and given.attrs.get("municipality") == code:
            frame.attrs.update({k: given.attrs[k] for k in ("requested_rule", "rule", "size_band", "capacity_band",
                                                            "description", "fallback") if k in given.attrs})
        return frame
    return peers(code, names=given)


# ----------------------------------------------------------------------------------------------------------------
# Benchmark
# ----------------------------------------------------------------------------------------------------------------


def _kr(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def benchmark(municipality: str | int, peers: pd.DataFrame | Sequence[str | int] | str | None = None,
              rule: str = "county_size", nka_year: int = YEAR) -> pd.DataFrame:
    """Net cost 2024 by service area against peers (median per inhabitant) and Kolada's reference cost (NKA).

    Parameters
    ----------
    municipality : str or int
        Name or SCB code (any of the 290).
    peers : sequence of str or int, str, or pandas.DataFrame, optional
        Explicit peers (names or codes; a string is split at commas; or a DataFrame from :func:`peers`). Default:
        the peers found by `rule` with :func:`peers`' defaults.
    rule : str, default "county_size"
        Peer rule when `peers` is None (see :func:`peers`).
    nka_year : int, default 2024
        Year of Kolada's NKA (2023, 2024 final; 2025 preliminary), applied to SCB's 2024 net cost.

    Returns
    -------
    pandas.DataFrame
        One row per area of :data:`~kommunbudget.data.service_areas.SERVICE_AREAS` (in that order) and a ``total`` row
        (all 32 RS codes, SCB's total net cost). Columns (units in :data:`BENCHMARK_UNITS`): ``area`` (key),
        ``name_sv``, ``rs_codes``; ``net_cost_msek`` (2024, nominal MSEK) and ``net_cost_kr_per_inhabitant``
        (kr per inhabitant, population 31 December 2024); ``peer_median_kr_per_inhabitant`` (the **median** of
        the peers' own net costs per inhabitant), ``peer_count``; ``national_kr_per_inhabitant`` (all 290: total
        cost / total population); ``difference_to_peers_kr_per_inhabitant`` (own − peer median, signed);
        ``gap_to_peers_msek`` (core ``peer_gap_msek``: what closing the gap to the median saves, 0 when at or
        below) and ``gap_to_peers_ore`` (core ``tax_rate_equivalent_ore`` with the 2024 tax base); ``nka_kpi``,
        ``nka_year``, ``nka_status`` (``slutlig``/``preliminär``), ``nka_percent`` (Kolada, percent), ``nka_gap_msek``
        (core ``net_cost_gap_msek`` on SCB's net cost; 0 for NKA <= 0) and ``nka_gap_ore`` — NaN / empty where no
        NKA exists (outside Skåne; social assistance, whose NKA is inside IFO's); on the total row the NKA gap is
        the sum of the areas' gaps; ``note`` (the assistance note on social assistance, scope notes elsewhere).

        ``attrs``: ``municipality`` (code), ``municipality_name``, ``county``, ``population``, ``year`` (2024),
        ``tax_base_msek`` and ``tax_base_source``, ``peer_rule``, ``requested_rule``, ``peer_description``,
        ``peer_fallback``, ``peer_codes``, ``peer_names``, ``nka_year``, ``nka_available`` (bool), ``notes`` (list
        of general notes, the assistance note first), ``sources`` (dict) and ``units``.

    Raises
    ------
    ValueError
        For an unknown municipality or peer, the municipality given as its own peer, an unknown rule, or an
        ``nka_year`` not embedded (see :func:`peers`).
    RuntimeError
        If an embedded file is damaged.

    Notes
    -----
    Per inhabitant means per all inhabitants, not per user of the service; NKA adjusts for structure, the peer
    comparison does not. SCB's net cost of ekonomiskt bistånd includes more than the assistance paid out
    (:func:`kommunbudget.data.service_areas.assistance_note`). Sources: SCB TAB4199 (OE0107), SOURCES.md §21-23;
    Kolada NKA, §5; SCB skattekraft 2023, §20; tax base:
    :func:`kommunbudget.baselines.revenue_inputs.scb_tax_base_msek`.
    """
    code = find_municipality(municipality)
    nka_year = _checked_nka_year(nka_year)
    peer_frame = _peer_frame(code, peers, rule)
    costs = service_areas.net_costs_all().set_index("code")
    own = costs.loc[code]
    tax_base, tax_base_source = scb_tax_base_msek(code, YEAR)
    has_nka = _has_nka(code)
    name = str(own["name"])
    rows = _benchmark_rows(code, own, costs, peer_frame, tax_base, nka_year, has_nka)

    out = pd.DataFrame(rows, columns=list(BENCHMARK_UNITS))
    out["peer_count"] = out["peer_count"].astype("int64")
    out["nka_year"] = out["nka_year"].astype("Int64")
    out.attrs = {
        "municipality": code, "municipality_name": name, "county": str(_universe().set_index("code").loc[code,
                                                                                                          "county"]),
        "population": int(float(own["population"])), "year": YEAR, "tax_base_msek": float(tax_base),
        "tax_base_source": tax_base_source.source,
        "peer_rule": peer_frame.attrs["rule"], "requested_rule": peer_frame.attrs["requested_rule"],
        "peer_description": peer_frame.attrs["description"], "peer_fallback": peer_frame.attrs["fallback"],
        "peer_codes": list(peer_frame["code"]), "peer_names": list(peer_frame["name"]),
        "nka_year": nka_year, "nka_available": has_nka, "notes": _general_notes(name, has_nka, nka_year, tax_base),
        "sources": {**_SOURCES, "tax_base": tax_base_source.source}, "units": dict(BENCHMARK_UNITS),
    }
    return out


def _benchmark_rows(code: str, own: pd.Series, costs: pd.DataFrame, peer_frame: pd.DataFrame, tax_base: float,
                    nka_year: int, has_nka: bool) -> list[dict]:
    """The rows of :func:`benchmark`: one per service area, then the total."""
    population = float(own["population"])
    peer_costs = costs.loc[list(peer_frame["code"])]
    national_population = float(costs["population"].sum())
    rows: list[dict] = []
    areas = [(a.key, a.name_sv, ", ".join(a.rs_codes), a.kolada_nka) for a in service_areas.SERVICE_AREAS]
    areas.append((_TOTAL, "totalt (alla 32 RS-koder)", "all 32 RS codes", ""))
    for key, name_sv, rs_codes, kpi in areas:
        cost = float(own[key])
        per_inh = cost * 1e6 / population
        median = float((peer_costs[key] * 1e6 / peer_costs["population"]).median())
        gap = core.peer_gap_msek(cost, population, median)
        row = {
            "area": key, "name_sv": name_sv, "rs_codes": rs_codes, "net_cost_msek": cost,
            "net_cost_kr_per_inhabitant": per_inh, "peer_median_kr_per_inhabitant": median,
            "peer_count": len(peer_frame),
            "national_kr_per_inhabitant": float(costs[key].sum()) * 1e6 / national_population,
            "difference_to_peers_kr_per_inhabitant": per_inh - median,
            "gap_to_peers_msek": gap, "gap_to_peers_ore": core.tax_rate_equivalent_ore(gap, tax_base),
            "nka_kpi": "", "nka_year": None, "nka_status": "", "nka_percent": math.nan, "nka_gap_msek": math.nan,
            "nka_gap_ore": math.nan,
        }
        notes = _scope_notes(key, has_nka)
        value = _nka_value(code, kpi, nka_year) if (kpi and has_nka) else None
        if value is not None:
            notes += _add_nka(row, own, kpi, value, nka_year, tax_base)
        if key == _TOTAL:
            notes += _add_total_nka(row, rows, code, peer_frame, has_nka, nka_year, tax_base)
        row["note"] = " ".join(notes)
        rows.append(row)
    return rows


def _scope_notes(key: str, has_nka: bool) -> list[str]:
    """An area's standing notes: the assistance note, what SCB's cost covers, where Kolada's NKA differs."""
    notes = []
    if key == "social_assistance":
        notes.append(service_areas.assistance_note())
    if key in _SCOPE_NOTES:
        notes.append(_SCOPE_NOTES[key])
    if key in _NKA_NOTES and has_nka:
        notes.append(_NKA_NOTES[key])
    return notes


def _add_nka(row: dict, own: pd.Series, kpi: str, value: tuple[float, str], nka_year: int,
             tax_base: float) -> list[str]:
    """Fills an area row's NKA columns from Kolada's (percent, status); returns the notes they call for."""
    key, cost = row["area"], row["net_cost_msek"]
    percent, status = value
    nka_gap = core.net_cost_gap_msek(cost, percent)
    row.update({"nka_kpi": kpi, "nka_year": nka_year, "nka_status": status, "nka_percent": percent,
                "nka_gap_msek": nka_gap, "nka_gap_ore": core.tax_rate_equivalent_ore(nka_gap, tax_base)})
    notes = []
    if key == "individual_family_care":
        with_assistance = cost + float(own["social_assistance"])
        notes.append(f"Kolada's N30001 covers all of IFO including ekonomiskt bistånd (575); its deviation is "
                     f"applied here to SCB's IFO net cost without 575, so the gap leaves out the assistance "
                     f"(the work line's money); on IFO including 575 ({with_assistance:.1f} MSEK) it would be "
                     f"{core.net_cost_gap_msek(with_assistance, percent):.1f} MSEK.")
    if status != "slutlig":
        notes.append(f"Kolada's NKA {nka_year} is {status} (not final).")
    return notes


def _add_total_nka(row: dict, area_rows: list[dict], code: str, peer_frame: pd.DataFrame, has_nka: bool,
                   nka_year: int, tax_base: float) -> list[str]:
    """Fills the total row's NKA columns (the sum of the areas' gaps); returns the total row's notes."""
    notes = ["Gap to peers of the total: total net cost per inhabitant (all 32 RS codes) against the "
             "peers' median total; not the sum of the areas' gaps."]
    if has_nka:
        with_nka = [r for r in area_rows if not math.isnan(r["nka_gap_msek"])]
        nka_gap = sum(r["nka_gap_msek"] for r in with_nka)
        total_nka = _nka_value(code, "N00097", nka_year)
        row.update({"nka_gap_msek": nka_gap, "nka_gap_ore": core.tax_rate_equivalent_ore(nka_gap, tax_base),
                    "nka_year": nka_year, "nka_status": with_nka[0]["nka_status"] if with_nka else ""})
        notes.append("NKA gap of the total: the sum of the areas' gaps (areas at or below their reference "
                     "cost count 0)" + (f"; Kolada's N00097 (total excl. LSS) is {total_nka[0]:.2f} % in "
                                        f"{nka_year}, not applied to SCB's total, whose scope differs."
                                        if total_nka else "."))
    if "0980" in set(peer_frame["code"]) | {code}:
        notes.append("Gotland's (0980) total includes regional health care (RS 500/505, SOURCES.md §21).")
    return notes


def _general_notes(name: str, has_nka: bool, nka_year: int, tax_base: float) -> list[str]:
    """The notes of :func:`benchmark`'s ``attrs``: the assistance note first, then per inhabitant, NKA and öre."""
    general = [service_areas.assistance_note(),
               "Per inhabitant means per all inhabitants (31 December 2024), not per child, pupil or elderly person: "
               "the peer comparison does not adjust for demography; Kolada's NKA does (reference cost)."]
    if not has_nka:
        general.append(f"No Kolada NKA for {name}: only Skåne's 33 municipalities are embedded ({NKA_FILE}).")
    elif nka_year != YEAR:
        general.append(f"Kolada's NKA of {nka_year} is applied to SCB's net cost of {YEAR}.")
    general.append(f"Öre: the gap / (tax base / 100), tax base {YEAR} {tax_base:,.1f} MSEK (derived from SCB, "
                   f"approximate).")
    return general


def area_gap_msek(municipality: str | int, area: str, basis: str = "peers", rule: str = "county_size",
                  peers: pd.DataFrame | Sequence[str | int] | str | None = None,
                  nka_year: int = YEAR) -> tuple[float, str]:
    """The gap of one service area, MSEK (2024), and a text saying how it was computed.

    Parameters
    ----------
    municipality : str or int
        Name or SCB code.
    area : str
        A :data:`~kommunbudget.data.service_areas.SERVICE_AREAS` key, e.g. ``"upper_secondary_school"``.
    basis : {"peers", "nka"}, default "peers"
        ``peers``: gap to the peers' median net cost per inhabitant (see :func:`benchmark`); ``nka``: gap to
        Kolada's reference cost (Skåne only).
    rule, peers, nka_year
        As in :func:`benchmark`.

    Returns
    -------
    (float, str)
        The gap in nominal MSEK of 2024 (>= 0; 0 when at or below peers or the reference cost) and its source:
        the figures and the rule that produced it.

    Raises
    ------
    ValueError
        For an unknown area (the message lists the keys) or basis; ``basis="nka"`` for a municipality outside
        Skåne ("no Kolada NKA for X (only Skåne's 33 municipalities are embedded); use basis='peers'") or for an
        area without an NKA KPI (social assistance); and as :func:`benchmark`.
    """
    spec = service_areas.area(area)
    if basis not in ("peers", "nka"):
        raise ValueError(f"basis = {basis!r} is not known; expected 'peers' or 'nka'")
    code = find_municipality(municipality)
    if basis == "nka":
        _checked_nka_year(nka_year)
        if not _has_nka(code):
            raise ValueError(_no_nka_message(code))
        if not spec.kolada_nka:
            raise ValueError(f"area = {area!r}: no Kolada NKA of its own (Kolada's IFO deviation N30001 includes "
                             f"ekonomiskt bistånd and is applied to 'individual_family_care'); use basis='peers'")
    table = benchmark(code, peers=peers, rule=rule, nka_year=nka_year)
    row = table[table["area"] == area].iloc[0]
    attrs = table.attrs
    name = attrs["municipality_name"]
    if basis == "peers":
        gap = float(row["gap_to_peers_msek"])
        text = (f"gap to peers: {name}'s net cost {YEAR} of {area} (SCB TAB4199, RS {row['rs_codes']}) "
                f"{row['net_cost_msek']:.1f} MSEK = {_kr(row['net_cost_kr_per_inhabitant'])} kr per inhabitant "
                f"against the peers' median {_kr(row['peer_median_kr_per_inhabitant'])} kr × "
                f"{attrs['population']:,} inhabitants: {gap:.1f} MSEK ({row['gap_to_peers_ore']:.1f} öre); "
                f"{row['peer_count']} peers ({attrs['peer_description']}"
                + (f"; {attrs['peer_fallback']}" if attrs["peer_fallback"] else "")
                + f"): {', '.join(attrs['peer_names'])}")
    else:
        gap = float(row["nka_gap_msek"])
        text = (f"gap to the reference cost: Kolada {row['nka_kpi']} {nka_year} ({row['nka_status']}) "
                f"{row['nka_percent']:.2f} % on {name}'s SCB net cost {YEAR} of {area} (RS {row['rs_codes']}) "
                f"{row['net_cost_msek']:.1f} MSEK: × NKA / (100 + NKA) = {gap:.1f} MSEK "
                f"({row['nka_gap_ore']:.1f} öre)")
    if row["note"]:
        text += f". Note: {row['note']}"
    return gap, text
