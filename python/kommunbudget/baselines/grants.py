"""General grants itemised (generella statsbidrag och utjämning): the items of a budget's note and the fields of
a base year that carry them (``docs/model.md`` §4-5).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from kommunbudget.baselines.revenue_inputs import equalisation_parameters, national_tax_capacity_kr
from kommunbudget.data.municipalities import info
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance

__all__ = ["GRANT_ITEMS", "INCOME_EQUALISATION_ITEM", "itemised_grants"]

#: Items of "generella statsbidrag och utjämning" other than the income equalisation: identifier -> the item in a
#: budget's note (resultatrakningar_exempel.csv, posts utj_*; data/budget_figures.py TAX_AND_GRANT_ITEMS).
GRANT_ITEMS: dict[str, str | None] = {
    "cost_equalisation": "utj_kostnadsutjamning",          # kostnadsutjämning
    "lss_equalisation": "utj_lss_utjamning",               # LSS-utjämning
    "regulation_grant": "utj_regleringsbidrag_avgift",     # regleringsbidrag/-avgift
    "structural_grant": "utj_strukturbidrag",              # strukturbidrag
    "property_fee": "utj_kommunal_fastighetsavgift",       # kommunal fastighetsavgift
    "other_general_grants": "utj_ovriga_statsbidrag",      # övriga generella statsbidrag
}
INCOME_EQUALISATION_ITEM = "utj_inkomstutjamning"


def itemised_grants(code: str, year: int, items: Mapping[str, float], citation: str,
                    population: float | None = None, population_source: Provenance | None = None,
                    cite: Callable[..., str] | None = None,
                    national: tuple[float, Provenance] | None = None) -> tuple[dict, dict[str, Provenance]]:
    """The fields of a core ``BaseYearState`` that itemise general grants, from a budget's note.

    Parameters
    ----------
    code : str
        SCB code (selects the county's equalisation rates).
    year : int
        The budget year.
    items : Mapping[str, float]
        The note's posts (``utj_inkomstutjamning``, ``utj_kostnadsutjamning``, ...), MSEK, signed.
    citation : str
        The note's source, for the provenance.
    population : float, optional
        Inhabitants for the equalisation (1 Nov of the previous year); default the nearest embedded figure,
        31 Dec 2024 (SCB), marked as such.
    population_source : Provenance, optional
        The provenance of a given ``population`` (default: given by the user).
    cite : callable, optional
        ``cite(*posts)``: where the note's posts come from, as text (default: ``citation``).
    national : (float, Provenance), optional
        The uprated national average tax capacity of ``year`` (kr per inhabitant) with its source; default the
        embedded figure (:func:`~kommunbudget.baselines.revenue_inputs.national_tax_capacity_kr`).

    Returns
    -------
    (fields, sources)
        ``itemised_grants``, ``equalisation``, ``population``, ``national_tax_capacity_kr``,
        ``income_equalisation_msek``, ``grant_items`` (list of dicts) and the provenance of each.

    Raises
    ------
    ValueError
        If the note lacks the income equalisation, or a growth figure needed for the national capacity.
    """
    if INCOME_EQUALISATION_ITEM not in items:
        raise ValueError(f"{citation}: the note has no income equalisation ({INCOME_EQUALISATION_ITEM}) for {year}")
    record = info(code)
    params, param_sources = equalisation_parameters(record.county_code)
    national, national_src = national if national is not None else national_tax_capacity_kr(year)
    cite = cite or (lambda *_posts: citation)
    note = Provenance("data", f"budget note: {cite(INCOME_EQUALISATION_ITEM)}")
    if population is None:
        population = float(record.population_2024)
        pop_src = Provenance("default", f"population 31 Dec 2024 (SCB via Kolada N01951), the nearest embedded "
                                        f"figure to 1 November {year - 1}, which the equalisation uses")
    else:
        pop_src = population_source or Provenance("user", "given")
    grant_items = [{"name": name, "amount_msek": float(items[post]) + 0.0 if post in items else 0.0}
                   for name, post in GRANT_ITEMS.items()]
    given = [post for post in GRANT_ITEMS.values() if post in items]
    missing = [name.replace("_", " ") for name, post in GRANT_ITEMS.items() if post not in items]
    fields = {
        "itemised_grants": True,
        "equalisation": {name: getattr(params, name) for name in core.IncomeEqualisation._fields},
        "population": float(population),
        "national_tax_capacity_kr": national,
        "income_equalisation_msek": float(items[INCOME_EQUALISATION_ITEM]),
        "grant_items": grant_items,
    }
    sources = {
        **{f"equalisation.{k}": v for k, v in param_sources.items()},
        "population": pop_src,
        "national_tax_capacity_kr": national_src,
        "income_equalisation_msek": note,
        "grant_items": Provenance("data", f"budget note: {cite(*given)}" + (
            f"; {', '.join(missing)} not in the note (0)" if missing else "")),
    }
    return fields, sources
