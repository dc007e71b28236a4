"""Service areas (verksamheter): SCB's 2024 net costs by area for all 290 municipalities.

The one place that says which service areas the package knows, which of SCB's activity codes (RS-koder,
Räkenskapssammandraget) each one sums, and what every municipality's net cost was in 2024. Cost lines of a
baseline, the peer benchmark and the reference-cost gap (NKA) all use these names.

Data: ``nettokostnad_verksamhet_kommun_2024.csv`` (SCB TAB4199, OE0107, net cost in thousand kr, 2024; SOURCES.md
§21-22) and the population on 31 December 2024 (``befolkning_kommun_2024.csv``). No model maths here.

Note on social assistance: SCB's net cost of activity 575 (ekonomiskt bistånd) includes more than the assistance
paid out (administration, other costs): nationally 1 394 kr per inhabitant in 2024 against 1 033 kr paid
(Socialstyrelsen via Kolada N31002 / SOURCES.md). :func:`assistance_note` says so wherever the figure is shown.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from kommunbudget.data.municipalities import find_municipality, municipality_table
from kommunbudget.data.tables import cached_table

__all__ = ["AREA_FILE", "OTHER_ACTIVITIES", "SERVICE_AREAS", "YEAR", "ServiceArea", "area", "area_net_costs_msek",
           "assistance_note", "net_costs", "net_costs_all"]

#: The embedded file with net costs by activity code.
AREA_FILE = "nettokostnad_verksamhet_kommun_2024.csv"
#: The year of the net costs (SCB's accounts).
YEAR = 2024
_YEAR = YEAR
_SOURCE = ("SCB TAB4199 (OE0107, Räkenskapssammandraget), net cost 2024 by activity (RS code), "
           "nettokostnad_verksamhet_kommun_2024.csv")

#: Name of the cost line holding everything not in a named area (the rest of the 32 activity codes and, in a
#: budget-based baseline, the difference between the budget's gross costs and SCB's net costs).
OTHER_ACTIVITIES = "other_activities"


@dataclass(frozen=True)
class ServiceArea:
    """A service area (verksamhet) as the package uses it.

    Attributes
    ----------
    key : str
        English identifier and cost-line name, e.g. ``"compulsory_school"``.
    name_sv : str
        The Swedish term, e.g. ``"grundskola"``.
    rs_codes : tuple[str, ...]
        SCB's activity codes (RS) summed, e.g. ``("435", "440")``.
    kolada_nka : str
        Kolada's KPI for the net cost deviation (nettokostnadsavvikelse, percent) of the area, or ``""``.
    """

    key: str
    name_sv: str
    rs_codes: tuple[str, ...]
    kolada_nka: str = ""


#: The areas of docs/data.md (SCB's net cost per activity), in the order of SCB's table. IFO is split: individual and
#: family care without social assistance (559, 569, 571, 585) and social assistance (575) on its own line, so a work
#: line and an IFO saving do not touch the same money. Kolada's IFO NKA (N30001) covers both.
SERVICE_AREAS: tuple[ServiceArea, ...] = (
    ServiceArea("preschool", "förskola", ("407",), "N11024"),
    ServiceArea("compulsory_school", "grundskola (förskoleklass och grundskola F-9)", ("435", "440"), "N15001"),
    ServiceArea("upper_secondary_school", "gymnasieskola", ("450",), "N17001"),
    ServiceArea("elderly_care", "äldreomsorg (vård och omsorg om äldre)", ("510",), "N20900"),
    ServiceArea("disability_lss", "insatser enligt LSS/SFB", ("513",), "N28018"),
    ServiceArea("individual_family_care", "individ- och familjeomsorg utom ekonomiskt bistånd",
                ("559", "569", "571", "585"), "N30001"),
    ServiceArea("social_assistance", "ekonomiskt bistånd", ("575",), ""),
)


@functools.cache
def assistance_note() -> str:
    """The note shown wherever SCB's net cost of social assistance is used, with the national figures of 2024
    computed from the embedded files (SCB's net cost, ``ekonomiskt_bistand_alla.csv``; assistance paid,
    Socialstyrelsen via ``ekonomiskt_bistand.csv``), in kr per inhabitant."""
    net = cached_table("ekonomiskt_bistand_alla.csv")
    net = net[(net["niva"] == "riket") & (net["ar"] == _YEAR)].iloc[0]
    paid = cached_table("ekonomiskt_bistand.csv")
    paid = paid[(paid["niva"] == "riket") & (paid["ar"] == _YEAR)].iloc[0]
    net_per_inh = float(net["nettokostnad_ekonomiskt_bistand_tkr"]) * 1000 / float(net["folkmangd_2024_12_31"])
    paid_per_inh = float(paid["kostnad_per_invanare_kr"])  # as published (Socialstyrelsen's population basis)
    def kr(x: float) -> str:
        return f"{x:,.0f}".replace(",", " ")

    return (f"SCB's net cost of ekonomiskt bistånd (activity 575) includes more than the assistance paid out: "
            f"nationally {kr(net_per_inh)} kr per inhabitant in {_YEAR} against {kr(paid_per_inh)} kr paid "
            f"(Socialstyrelsen). A work line saves households × assistance per household, not SCB's net cost.")


def _area(key: str) -> ServiceArea:
    for area in SERVICE_AREAS:
        if area.key == key:
            return area
    raise ValueError(f"service_area = {key!r} is not known; expected one of: "
                     f"{', '.join(a.key for a in SERVICE_AREAS)}")


@functools.cache
def _table() -> pd.DataFrame:
    raw = cached_table(AREA_FILE)
    raw = raw[raw["niva"] == "kommun"].copy()
    if len(raw) != 290 or raw["kod"].duplicated().any():
        raise RuntimeError(f"embedded data file {AREA_FILE!r}: expected 290 municipalities, found {len(raw)}")
    columns = [c for c in raw.columns if c.startswith("vo") and c.endswith("_tkr")]
    by_code = {c[2:5]: c for c in columns}
    population = municipality_table().set_index("code")["population_2024"]
    out = pd.DataFrame({"code": raw["kod"].astype(str), "name": raw["namn"].astype(str)})
    total = raw[columns].sum(axis=1)
    for area in SERVICE_AREAS:
        missing = [c for c in area.rs_codes if c not in by_code]
        if missing:
            raise RuntimeError(f"embedded data file {AREA_FILE!r}: activity codes {missing} are missing")
        out[area.key] = raw[[by_code[c] for c in area.rs_codes]].sum(axis=1) / 1000.0
    out[OTHER_ACTIVITIES] = total / 1000.0 - out[[a.key for a in SERVICE_AREAS]].sum(axis=1)
    out["total"] = total / 1000.0
    out["population"] = out["code"].map(population).astype("int64")
    return out.sort_values("code", ignore_index=True)


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, dict]:
    """The table as code -> row (a dict), built once per process."""
    return {row["code"]: row for row in _table().to_dict(orient="records")}


def area_net_costs_msek(code: str) -> dict[str, float]:
    """One municipality's 2024 net cost by service area, MSEK: every key of :data:`SERVICE_AREAS` in order, then
    ``other_activities`` (a dictionary lookup on the table indexed once per process).

    Raises
    ------
    ValueError
        For a code that is not one of the 290.
    """
    row = _by_code().get(code)
    if row is None:
        raise ValueError(f"municipality: no municipality has code {code!r}; codes have 4 digits, e.g. '1265'")
    return {key: float(row[key]) for key in [a.key for a in SERVICE_AREAS] + [OTHER_ACTIVITIES]}


def net_costs_all() -> pd.DataFrame:
    """Net costs 2024 of every municipality by service area.

    Returns
    -------
    pandas.DataFrame
        290 rows sorted by code; columns ``code``, ``name``, one column per :data:`SERVICE_AREAS` key, then
        ``other_activities`` (the other activity codes of SCB's 32, signed) and ``total`` (all 32 codes), all
        nominal **MSEK** of 2024 (net costs positive), and ``population`` (31 December 2024, persons).

    Raises
    ------
    RuntimeError
        If the embedded file is damaged (not 290 municipalities, an activity code missing).
    """
    return _table().copy()


def net_costs(municipality: str | int) -> pd.DataFrame:
    """One municipality's net costs 2024 by service area, with the national figures per inhabitant.

    Parameters
    ----------
    municipality : str or int
        Name or SCB code.

    Returns
    -------
    pandas.DataFrame
        One row per area of :data:`SERVICE_AREAS` plus ``other_activities``; columns ``area`` (key), ``name_sv``,
        ``rs_codes`` (text), ``net_cost_msek`` (2024, MSEK), ``kr_per_inhabitant`` (2024, kr per inhabitant
        on 31 December 2024), ``national_kr_per_inhabitant`` (all 290), ``source`` and ``note`` (the
        :func:`assistance_note` on the social-assistance row).

    Raises
    ------
    ValueError
        For an unknown or ambiguous municipality (see :func:`kommunbudget.data.find_municipality`).
    """
    code = find_municipality(municipality)
    table = _table()
    row = _by_code()[code]
    national_population = float(table["population"].sum())
    rows = []
    for key, name_sv, codes in [(a.key, a.name_sv, ", ".join(a.rs_codes)) for a in SERVICE_AREAS] + [
            (OTHER_ACTIVITIES, "övriga verksamheter", "the other RS codes of the 32")]:
        rows.append({
            "area": key, "name_sv": name_sv, "rs_codes": codes, "net_cost_msek": float(row[key]),
            "kr_per_inhabitant": float(row[key]) * 1e6 / float(row["population"]),
            "national_kr_per_inhabitant": float(table[key].sum()) * 1e6 / national_population,
            "source": _SOURCE, "note": assistance_note() if key == "social_assistance" else "",
        })
    return pd.DataFrame(rows)


def area(key: str) -> ServiceArea:
    """The :class:`ServiceArea` with this key.

    Parameters
    ----------
    key : str
        A key of :data:`SERVICE_AREAS`, e.g. ``"elderly_care"``.

    Returns
    -------
    ServiceArea
        Its Swedish name, SCB activity codes (RS, Räkenskapssammandraget) and Kolada NKA KPI.

    Raises
    ------
    ValueError
        For an unknown key (the message names it and lists the keys).
    """
    return _area(key)
