"""The named choices of the analyses (peer rules, sort orders), in a module without pandas so the command line can
offer them in ``--help`` without loading the heavy parts.
"""
from __future__ import annotations

__all__ = ["PEER_RULES", "REVENUE_SORTS"]

#: Peer rules understood by :func:`kommunbudget.analysis.benchmark.peers`, with their description.
PEER_RULES: dict[str, str] = {
    "county_size": "same county, population within the size band of the own",
    "county": "same county, any size",
    "size": "all Sweden, population within the size band of the own",
    "capacity": "all Sweden, population within the size band and SCB tax capacity 2023 within the capacity band",
}

#: Sort orders of :func:`kommunbudget.analysis.revenue.sort_revenue_table`: key -> (column, ascending by default).
REVENUE_SORTS: dict[str, tuple[str, bool]] = {
    "code": ("code", True),
    "name": ("name", True),
    "ore": ("one_ore_msek", False),
    "index": ("capacity_index", False),
}
