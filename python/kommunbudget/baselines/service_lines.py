"""Cost lines by service area (verksamhet) for a base year, from SCB's 2024 net costs (``docs/model.md`` §2, §12).
"""
from __future__ import annotations

from kommunbudget.data.service_areas import OTHER_ACTIVITIES, SERVICE_AREAS, area_net_costs_msek
from kommunbudget.model.assumptions import Provenance

__all__ = ["service_area_lines"]


def service_area_lines(code: str, total_cost_msek: float | None = None, total_label: str = ""
                       ) -> tuple[list[dict], Provenance]:
    """Cost lines by service area (verksamhet) for a base year, from SCB's 2024 net costs.

    Parameters
    ----------
    code : str
        SCB's 4-digit code.
    total_cost_msek : float, optional
        The operating costs the lines must sum to (e.g. an adopted budget's gross verksamhetens kostnader, MSEK).
        Each area of :data:`kommunbudget.data.service_areas.SERVICE_AREAS` gets its SCB net cost and
        ``other_activities`` the rest. Default: SCB's own total of the 32 activity codes (a net-cost baseline).
    total_label : str
        What ``total_cost_msek`` is, for the provenance.

    Returns
    -------
    (lines, provenance)
        ``lines``: dicts ``name``, ``cost_msek`` (MSEK, >= 0), ``labour_share`` (−1: PKV's weight, as no labour
        shares by area are embedded), areas first, ``other_activities`` last.

    Raises
    ------
    ValueError
        If the areas' net costs exceed ``total_cost_msek`` (the message gives both), so no rest is left.
    """
    costs = area_net_costs_msek(code)
    lines = [{"name": area.key, "cost_msek": costs[area.key], "labour_share": -1.0} for area in SERVICE_AREAS]
    named = sum(line["cost_msek"] for line in lines)
    source = "SCB TAB4199 (Räkenskapssammandraget) 2024, nettokostnad_verksamhet_kommun_2024.csv"
    if total_cost_msek is None:
        rest = costs[OTHER_ACTIVITIES]
        prov = Provenance("data", f"net costs by service area, {source}; other_activities = the other activity "
                                  f"codes; labour share PKV's weight for every line (default)")
    else:
        rest = float(total_cost_msek) - named
        if rest < 0:
            raise ValueError(f"cost_lines: the service areas' SCB net costs ({named:.1f} MSEK) exceed "
                             f"{total_label or 'the total'} ({total_cost_msek:.1f} MSEK); expected a total >= them")
        prov = Provenance("derived", f"service areas at SCB's 2024 net cost ({source}; accounts, not the budget); "
                                     f"other_activities = {total_label or 'the total'} {total_cost_msek:.1f} MSEK "
                                     f"minus the areas' {named:.1f} MSEK; labour share PKV's weight (default)")
    lines.append({"name": OTHER_ACTIVITIES, "cost_msek": rest, "labour_share": -1.0})
    return lines, prov
