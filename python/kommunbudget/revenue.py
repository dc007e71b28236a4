"""Revenue inputs derived from the embedded public figures: tax base growth by income year, the national average
tax capacity (medelskattekraft) of a budget year, a municipality's tax base carried from SCB's figures to a budget
year, and the county rates of the income equalisation.

Timing (SCB; RULES.md §5): the tax revenue of budget year *t* rests on the taxable earned income of income year
*t − 2*, uprated to *t* by the growth of income years *t − 1* and *t*. SCB's "skattekraft" of year *Y* is the tax
base of income year *Y − 2* per inhabitant, not uprated. So SCB's skattekraft 2024 (251 437 kr, income year 2022)
times the growth of 2023 and 2024 gives the uprated national capacity that the equalisation uses in 2024.

Growth by income year comes, in this order of preference, from an outcome (SKR/SCB, ``skatteunderlagsprognos.csv``)
or from the government's latest uprating factor (``upprakningsfaktorer.csv``). Chaining uses the core's
``chain()``; nothing here is model arithmetic beyond uprating published figures.
"""
from __future__ import annotations

import functools

import pandas as pd

from kommunbudget import _core, data
from kommunbudget.assumptions import Provenance


@functools.lru_cache(maxsize=None)
def _income_year_growth() -> dict[int, tuple[float, str]]:
    growth: dict[int, tuple[float, str]] = {}
    factors = data.read_table("upprakningsfaktorer.csv")
    factors = factors.sort_values("budgetar")  # later ordinances overwrite earlier estimates
    for _, row in factors.iterrows():
        year = int(row["inkomstar"])
        growth[year] = (float(row["upprakningsfaktor"]) - 1.0,
                        f"government's uprating factor {float(row['upprakningsfaktor']):.3f} for income year {year} "
                        f"(SFS {row['sfs']}, for budget year {int(row['budgetar'])}; upprakningsfaktorer.csv)")
    outcomes = data.read_table("skatteunderlagsprognos.csv")
    outcomes = outcomes[(outcomes["matt"] == "nominell") & (outcomes["typ"] == "utfall") & outcomes["ar"].notna()]
    for _, row in outcomes.iterrows():
        year = int(float(row["ar"]))
        growth[year] = (float(row["forandring_procent"]) / 100.0,
                        f"outcome {float(row['forandring_procent']):.1f} % for income year {year} ({row['bedomare']}, "
                        f"{row['publicerad']}; skatteunderlagsprognos.csv)")
    return growth


def income_year_growth() -> pd.DataFrame:
    """Growth of the national tax base by income year, as the embedded data gives it.

    Returns
    -------
    pandas.DataFrame
        Columns ``income_year``, ``growth`` (fraction), ``source``; an outcome where one exists, otherwise the
        government's latest uprating factor minus one.
    """
    rows = [{"income_year": y, "growth": g, "source": s} for y, (g, s) in sorted(_income_year_growth().items())]
    return pd.DataFrame(rows, columns=["income_year", "growth", "source"])


def carry_to_budget_year(amount: float, income_year: int, budget_year: int) -> tuple[float, str]:
    """An amount of income year ``income_year`` (tax base, MSEK, or capacity, kr per inhabitant) uprated to budget
    year ``budget_year`` by the growth of income years ``income_year + 1 .. budget_year``.

    Returns
    -------
    (value, basis)
        The uprated amount (same unit) and the text naming every growth figure used.

    Raises
    ------
    ValueError
        If a year's growth is not in the embedded data (the message names the year), or budget_year < income_year.
    """
    if budget_year < income_year:
        raise ValueError(f"budget_year = {budget_year} is before income_year = {income_year}")
    growth = _income_year_growth()
    years = list(range(income_year + 1, budget_year + 1))
    missing = [y for y in years if y not in growth]
    if missing:
        raise ValueError(f"tax base growth for income year {missing[0]} is not in the embedded data (outcomes and "
                         f"uprating factors cover {min(growth)}-{max(growth)} with gaps); cannot carry "
                         f"{income_year} to {budget_year}")
    if not years:
        return float(amount), "no uprating"
    series = _core.YearSeries("tax_base_growth", years, [growth[y][0] for y in years])
    value = _core.chain(float(amount), income_year, series, budget_year).at(budget_year)
    return value, "; ".join(growth[y][1] for y in years)


def national_tax_capacity_kr(budget_year: int) -> tuple[float, Provenance]:
    """The uprated national average tax capacity (medelskattekraft) of a budget year, kr per inhabitant.

    SCB's skattekraft 2024 for the whole country (251 437 kr, income year 2022; a secondary source, SOURCES.md §3)
    carried to ``budget_year`` by :func:`carry_to_budget_year`.

    Raises
    ------
    ValueError
        If the growth of a year in between is not in the data.
    """
    table = data.read_table("skattekraft.csv")
    row = table[(table["niva"] == "riket") & (table["ar"].astype(str) == "2024")].iloc[0]
    capacity = float(row["skattekraft_kr_per_inv"])
    value, basis = carry_to_budget_year(capacity, 2022, budget_year)
    return value, Provenance("derived", f"SCB's skattekraft 2024 for Sweden, {capacity:,.0f} kr per inhabitant "
                                        f"(income year 2022; secondary source, skattekraft.csv), uprated to "
                                        f"{budget_year}: {basis}")


def scb_tax_base_msek(code: str, budget_year: int) -> tuple[float, Provenance]:
    """A municipality's tax base for a budget year derived from SCB: skattekraft 2023 (income year 2021) × the
    population of 31 Dec 2021 (``skatteunderlag_kommun.csv``, approximate), carried to ``budget_year``.

    Raises
    ------
    ValueError
        For an unknown municipality, or missing growth figures.
    """
    code = data.find_municipality(code)
    table = data.read_table("skatteunderlag_kommun.csv")
    row = table[(table["niva"] == "kommun") & (table["kod"] == code)].iloc[0]
    base_2021 = float(row["skatteunderlag_mnkr_approx_derived"])
    value, basis = carry_to_budget_year(base_2021, 2021, budget_year)
    return value, Provenance("derived", f"approximate: SCB skattekraft 2023 {float(row['skattekraft_kr_per_inv']):,.0f}"
                                        f" kr × population 31 Dec 2021 {int(row['folkmangd_2021_12_31']):,} = "
                                        f"{base_2021:,.1f} MSEK (income year 2021), uprated to {budget_year}: "
                                        f"{basis}")


def equalisation_parameters(county_code: str) -> tuple[_core.IncomeEqualisation, dict[str, Provenance]]:
    """The income equalisation parameters of a county: guarantee 115 %, compensation degree 0.95 (a documented
    parameter, unverified: RULES.md §2), the county's grant rate and its fee rate.

    Where the data has no fee rate (all counties but Stockholm and Uppsala) the fee rate is approximated as the
    grant rate × 16.98 / 19.05 (Stockholm's fee-to-grant ratio) and marked ``default``; it matters only for
    municipalities above the guarantee.

    Raises
    ------
    ValueError
        For an unknown county code.
    """
    rates = data.equalisation_rate(county_code)
    stockholm = data.equalisation_rate("01")
    sources = {
        "guarantee_share": Provenance("data", "115 % of medelskattekraft (lag 2004:773 3 §; RULES.md §2)"),
        "compensation_degree": Provenance("default", "0.95 of the gap to the guarantee (a secondary source; not "
                                                     "verified against the law: RULES.md §2); calibrated away in "
                                                     "the base year"),
        "grant_rate_kr_per_100kr": Provenance("data", f"{rates['county']}: {rates['grant_rate']:.2f} "
                                                      f"({rates['grant_rate_source']})"),
    }
    fee = rates["fee_rate"]
    if pd.isna(fee):
        fee = rates["grant_rate"] * stockholm["fee_rate"] / stockholm["grant_rate"]
        sources["fee_rate_kr_per_100kr"] = Provenance(
            "default", f"approximate: {rates['grant_rate']:.2f} × 16.98 / 19.05 (Stockholm's fee-to-grant ratio); "
                       f"the county's fee rate (85 % of its 2003 average rate, SFS 2015:1011) is not in the data")
    else:
        sources["fee_rate_kr_per_100kr"] = Provenance("data", f"{rates['county']}: {fee:.2f} "
                                                              f"({rates['fee_rate_source']})")
    params = _core.IncomeEqualisation(grant_rate_kr_per_100kr=float(rates["grant_rate"]),
                                      fee_rate_kr_per_100kr=float(fee))
    return params, sources
