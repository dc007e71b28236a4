"""National and municipal revenue inputs derived from the embedded public figures: tax base growth by income
year, the national average tax capacity (medelskattekraft) of a budget year, a municipality's tax base carried from
SCB's figures to a budget year, the county rates of the income equalisation, and an approximate base-year revenue
for any municipality.

Timing (SCB; ``docs/model.md`` §3): the tax revenue of budget year *t* rests on the taxable earned income of income
year *t − 2*, uprated to *t* by the growth of income years *t − 1* and *t*. SCB's "skattekraft" of year *Y* is the
tax base of income year *Y − 2* per inhabitant, not uprated. So SCB's skattekraft 2024 (251 437 kr, income year
2022) times the growth of 2023 and 2024 gives the uprated national capacity that the equalisation uses in 2024.

Growth by income year comes, in this order of preference, from an outcome (SKR/SCB, ``skatteunderlagsprognos.csv``)
or from the government's latest uprating factor (``upprakningsfaktorer.csv``). Chaining, the equalisation and the
öre equivalent are the core's; this module picks the published figures and hands them over.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from kommunbudget.data.equalisation import equalisation_rate
from kommunbudget.data.municipalities import all_codes, find_municipality, info
from kommunbudget.data.tables import cached_table
from kommunbudget.model import core
from kommunbudget.model.assumptions import Provenance


@functools.cache
def _income_year_growth() -> dict[int, tuple[float, str]]:
    growth: dict[int, tuple[float, str]] = {}
    factors = pd.concat([cached_table(name).assign(file=name) for name in UPRATING_FILES], ignore_index=True)
    factors = factors.sort_values("budgetar", kind="stable")  # later ordinances overwrite earlier estimates
    for _, row in factors.iterrows():
        year = int(row["inkomstar"])
        growth[year] = (float(row["upprakningsfaktor"]) - 1.0,
                        f"government's uprating factor {float(row['upprakningsfaktor']):.3f} for income year {year} "
                        f"(SFS {row['sfs']}, for budget year {int(row['budgetar'])}; {row['file']})")
    outcomes = cached_table("skatteunderlagsprognos.csv")
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


#: The files of the government's uprating factors: one ordinance (SFS) per budget year, income years budget
#: year − 1 and budget year (SOURCES.md; the supplement adds 2004 and 2006 without duplicates).
UPRATING_FILES = ("upprakningsfaktorer.csv", "upprakningsfaktorer_tillagg.csv")


@functools.cache
def _ordinances() -> dict[int, dict]:
    out: dict[int, dict] = {}
    for name in UPRATING_FILES:
        for _, row in cached_table(name).iterrows():
            budget_year = int(row["budgetar"])
            entry = out.setdefault(budget_year, {"sfs": str(row["sfs"]), "factors": {}, "file": name})
            if entry["sfs"] != str(row["sfs"]) or entry["file"] != name:
                raise RuntimeError(f"{name}: budget year {budget_year} has rows from two ordinances or files "
                                   f"(SFS {entry['sfs']} in {entry['file']}, SFS {row['sfs']} in {name})")
            income_year = int(row["inkomstar"])
            if income_year in entry["factors"]:
                raise RuntimeError(f"{name}: budget year {budget_year}, income year {income_year} is given twice")
            entry["factors"][income_year] = float(row["upprakningsfaktor"])
    return dict(sorted(out.items()))


def uprating_ordinance(budget_year: int) -> tuple[str, dict[int, float], str]:
    """The government's ordinance of uprating factors (förordning om uppräkningsfaktorer) for ``budget_year``, from
    ``upprakningsfaktorer.csv`` and ``upprakningsfaktorer_tillagg.csv`` (both loaded).

    Returns
    -------
    (sfs, factors, file)
        The ordinance's SFS number (``"2024:669"``), its factors by income year (budget year − 1 and budget year,
        e.g. {2024: 1.031, 2025: 1.045}) and the file it is in.

    Raises
    ------
    ValueError
        If the data holds no ordinance for ``budget_year`` (the message names the missing ordinance and the budget
        years the data has).
    """
    ordinances = _ordinances()
    if budget_year not in ordinances:
        raise ValueError(f"the government's ordinance of uprating factors for budget year {budget_year} (issued in "
                         f"September {budget_year - 1}) is not in {' or '.join(UPRATING_FILES)} (budget years "
                         f"{', '.join(str(y) for y in ordinances)}); give its factors for income years "
                         f"{budget_year - 1} and {budget_year} explicitly (factors=..., or a vintage's "
                         f"[uprating_factors.{budget_year}])")
    entry = ordinances[budget_year]
    return entry["sfs"], dict(entry["factors"]), entry["file"]


def _outcome_growth() -> dict[int, tuple[float, str]]:
    """Outcomes (utfall) of the national tax base growth by income year (``skatteunderlagsprognos.csv``)."""
    outcomes = cached_table("skatteunderlagsprognos.csv")
    outcomes = outcomes[(outcomes["matt"] == "nominell") & (outcomes["typ"] == "utfall") & outcomes["ar"].notna()]
    return {int(float(r["ar"])): (float(r["forandring_procent"]) / 100.0,
                                  f"outcome {float(r['forandring_procent']):.1f} % for income year "
                                  f"{int(float(r['ar']))} ({r['bedomare']}, {r['publicerad']}; "
                                  f"skatteunderlagsprognos.csv)")
            for _, r in outcomes.iterrows()}


def carry_to_budget_year(amount: float, income_year: int, budget_year: int,
                         factors: Mapping[int, float] | None = None,
                         factors_source: str = "given") -> tuple[float, str]:
    """An amount of income year ``income_year`` (tax base, MSEK, or capacity, kr per inhabitant) uprated to budget
    year ``budget_year`` as the preliminary tax payments of that budget year are: by the factors of the budget
    year's **own** ordinance for income years budget year − 1 and budget year, and by outcomes (utfall,
    ``skatteunderlagsprognos.csv``) for any earlier income year after ``income_year``. Factors of two ordinances are
    never mixed (RULES.md §5): a missing ordinance is an error, or the factors are given explicitly.

    Parameters
    ----------
    amount : float
        The amount of ``income_year``.
    income_year, budget_year : int
    factors : mapping of income year -> factor, optional
        The uprating factors in force for ``budget_year`` (e.g. {2024: 1.031, 2025: 1.045}), given by the user or a
        vintage instead of the embedded ordinance; exactly the income years budget year − 1 and budget year.
    factors_source : str
        Named in the basis for given ``factors``.

    Returns
    -------
    (value, basis)
        The uprated amount (same unit) and the text naming every figure used.

    Raises
    ------
    ValueError
        If budget_year < income_year; if the budget year's ordinance is not in the data and no ``factors`` are
        given (the message names the ordinance); if an earlier income year has no outcome (named); for ``factors``
        that are not exactly the two income years of the budget year's ordinance.
    """
    if budget_year < income_year:
        raise ValueError(f"budget_year = {budget_year} is before income_year = {income_year}")
    years = list(range(income_year + 1, budget_year + 1))
    if not years:
        return float(amount), "no uprating"
    if factors is None:
        sfs, own, file = uprating_ordinance(budget_year)
        basis_own = f"SFS {sfs} (for budget year {budget_year}; {file})"
    else:
        own = {int(y): float(f) for y, f in factors.items()}
        if set(own) != {budget_year - 1, budget_year}:
            raise ValueError(f"factors gives income years {sorted(own)}; the uprating factors in force for budget "
                             f"year {budget_year} are those of income years {budget_year - 1} and {budget_year}")
        basis_own = f"{factors_source} (for budget year {budget_year})"
    outcomes = _outcome_growth()
    growth: dict[int, tuple[float, str]] = {}
    for y in years:
        if y in own:
            growth[y] = (own[y] - 1.0, f"uprating factor {own[y]:.3f} for income year {y}, {basis_own}")
        elif y in outcomes:
            growth[y] = outcomes[y]
        else:
            raise ValueError(f"tax base growth for income year {y} is not in the embedded data (an outcome in "
                             f"skatteunderlagsprognos.csv); cannot carry {income_year} to {budget_year} without "
                             f"mixing ordinances")
    series = core.YearSeries("tax_base_growth", years, [growth[y][0] for y in years])
    value = core.chain(float(amount), income_year, series, budget_year).at(budget_year)
    return value, "; ".join(growth[y][1] for y in years)


def carry_by_latest_estimates(amount: float, income_year: int, budget_year: int) -> tuple[float, str]:
    """An approximate **level** of a later year: ``amount`` of ``income_year`` carried by the latest estimate of
    each income year's growth (an outcome, else the factor of the latest ordinance that gives the income year),
    which may take factors from two ordinances. Not the uprating factors in force for any budget year (those are
    :func:`carry_to_budget_year`'s); used only for the approximate SCB-based baseline, whose basis text says so
    (:data:`APPROXIMATE_BASIS`).

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
    series = core.YearSeries("tax_base_growth", years, [growth[y][0] for y in years])
    value = core.chain(float(amount), income_year, series, budget_year).at(budget_year)
    return value, "; ".join(growth[y][1] for y in years)


@functools.cache
def national_tax_capacity_kr(budget_year: int) -> tuple[float, Provenance]:
    """The uprated national average tax capacity (medelskattekraft) of a budget year, kr per inhabitant.

    SCB's skattekraft 2024 for the whole country (251 437 kr, income year 2022; a secondary source, SOURCES.md §3)
    carried to ``budget_year`` by :func:`carry_by_latest_estimates` (approximate; may mix ordinances).

    Raises
    ------
    ValueError
        If the growth of a year in between is not in the data.
    """
    table = cached_table("skattekraft.csv")
    row = table[(table["niva"] == "riket") & (table["ar"].astype(str) == "2024")].iloc[0]
    capacity = float(row["skattekraft_kr_per_inv"])
    value, basis = carry_by_latest_estimates(capacity, 2022, budget_year)
    return value, Provenance("derived", f"approximate: SCB's skattekraft 2024 for Sweden, {capacity:,.0f} kr per "
                                        f"inhabitant (income year 2022; secondary source, skattekraft.csv), uprated "
                                        f"to {budget_year} with total-tax-base growth (no population growth "
                                        f"deducted): {basis}")


def scb_tax_base_msek(code: str, budget_year: int) -> tuple[float, Provenance]:
    """A municipality's tax base for a budget year derived from SCB: skattekraft 2023 (income year 2021) × the
    population of 31 Dec 2021 (``skatteunderlag_kommun.csv``, approximate), carried to ``budget_year``.

    Raises
    ------
    ValueError
        For an unknown municipality, or missing growth figures.
    """
    code = find_municipality(code)
    row = _scb_rows()[code]
    base_2021 = float(row["skatteunderlag_mnkr_approx_derived"])
    value, basis = carry_by_latest_estimates(base_2021, 2021, budget_year)
    return value, Provenance("derived", f"approximate: SCB skattekraft 2023 {float(row['skattekraft_kr_per_inv']):,.0f}"
                                        f" kr × population 31 Dec 2021 {int(row['folkmangd_2021_12_31']):,} = "
                                        f"{base_2021:,.1f} MSEK (income year 2021), uprated to {budget_year}: "
                                        f"{basis}")


def equalisation_parameters(county_code: str) -> tuple[core.IncomeEqualisation, dict[str, Provenance]]:
    """The income equalisation parameters of a county: guarantee 115 %, compensation degree 1 on top of the county
    rate (the förordning's grant rates already stand at 95 % of the county's average rate; see the core's
    IncomeEqualisation), the county's grant rate and its fee rate.

    Where the data has no fee rate (all counties but Stockholm and Uppsala) the fee rate is approximated as the
    grant rate × 16.98 / 19.05 (Stockholm's fee-to-grant ratio) and marked ``default``; it matters only for
    municipalities above the guarantee.

    Raises
    ------
    ValueError
        For an unknown county code.
    """
    params, sources = _equalisation_parameters(str(county_code))
    return core.IncomeEqualisation(**{name: getattr(params, name) for name in core.IncomeEqualisation._fields}), \
        dict(sources)


@functools.cache
def _equalisation_parameters(county_code: str) -> tuple[core.IncomeEqualisation, dict[str, Provenance]]:
    """equalisation_parameters, once per county and process (shared: the public function returns copies)."""
    rates = equalisation_rate(county_code)
    stockholm = equalisation_rate("01")
    sources = {
        "guarantee_share": Provenance("data", "115 % of medelskattekraft (lag 2004:773 3 §; RULES.md §2)"),
        "compensation_degree": Provenance("derived", "1: no factor on top of the county rate, which already stands at "
                                                     "95 % of the county's average rate (as the fee rate at 85 %: "
                                                     "16.98 / 19.05 = 0.891 ≈ 85 / 95); the '95 %' of RULES.md §2 is "
                                                     "inside r. Not verified against lag 2004:773 5 §; a "
                                                     "parameter (IncomeEqualisation.compensation_degree)"),
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
    params = core.IncomeEqualisation(compensation_degree=1.0, grant_rate_kr_per_100kr=float(rates["grant_rate"]),
                                      fee_rate_kr_per_100kr=float(fee))
    return params, sources


#: The basis of every row of :func:`municipal_revenue`.
APPROXIMATE_BASIS = (
    "derived and approximate: tax base = SCB's skattekraft 2023 (income year 2021) x population 31 Dec 2021, "
    "carried to the budget year with the published growth (outcomes, else the government's uprating factors); "
    "own tax capacity = SCB's 2023 capacity index (own / national) x the national capacity of the budget year; "
    "national capacity = SCB's 2024 figure for Sweden (a secondary source) carried the same way (approximate: a "
    "per-inhabitant figure uprated with total-tax-base factors from two ordinances); population 31 Dec 2024 "
    "(the equalisation uses 1 November of the year before); "
    "compensation degree 1 on the county rate (which stands at 95 % of the county average); fee rates "
    "approximated outside Stockholm and Uppsala counties; "
    "income equalisation estimated by the formula, not calibrated (no actual figure for the municipality)")


#: Shown for Gotland (0980), which has no region: its whole rate is municipal.
GOTLAND_NOTE = ("Gotland has no region: its whole rate is municipal and covers the region's tasks too, while the "
                "equalisation here uses only the municipal county rate, so the tax per krona and what is kept are "
                "overstated against a municipality elsewhere.")


#: Income year of SCB's skattekraft 2023 in ``skatteunderlag_kommun.csv`` (the level carried to budget years).
SCB_INCOME_YEAR = 2021


@functools.lru_cache(maxsize=1)
def _scb_rows() -> dict[str, dict]:
    """``skatteunderlag_kommun.csv`` (SCB skattekraft 2023, SOURCES.md §20): municipality code -> row, and the
    national row under ``"riket"``; built once per process."""
    table = cached_table("skatteunderlag_kommun.csv")
    rows = {str(r["kod"]): r for r in table[table["niva"] == "kommun"].to_dict(orient="records")}
    rows["riket"] = table[table["niva"] == "riket"].iloc[0].to_dict()
    return rows


def scb_capacity_index(code: str) -> tuple[float, str]:
    """A municipality's tax capacity relative to the national average in SCB's skattekraft 2023 (income year 2021),
    as a fraction (Sjöbo 213 414 / 239 220 = 0.892), and its basis. The own tax capacity of a later budget year is
    estimated as this index × the national capacity of that year: per inhabitant on SCB's own population basis, so
    a municipality's population change since then does not move its index.

    Raises
    ------
    ValueError
        For an unknown municipality.
    """
    code = find_municipality(code)
    rows = _scb_rows()
    own = float(rows[code]["skattekraft_kr_per_inv"])
    national = float(rows["riket"]["skattekraft_kr_per_inv_befolkningsviktat_derived"])
    return own / national, (f"SCB skattekraft 2023: {own:,.0f} kr against the national {national:,.0f} kr "
                            f"(population-weighted; skatteunderlag_kommun.csv)")


@functools.lru_cache(maxsize=1)
def _rate_years() -> tuple[int, ...]:
    """The years with own tax rates embedded (those of the first municipality: every one has the same years)."""
    return tuple(sorted({y for code in all_codes()[:1] for y in info(code).tax_rates}))


def last_derivable_year() -> int:
    """The last budget year to which SCB's 2023 tax capacities (income year 2021) can be carried with the growth
    figures in the embedded data (every income year from 2022 on needs one): 2025 with today's data."""
    growth = _income_year_growth()
    year = SCB_INCOME_YEAR
    while year + 1 in growth:
        year += 1
    return year


def check_approximate_year(base_year: int) -> None:
    """Raises ValueError unless the embedded data can give an approximate revenue baseline for ``base_year``: own
    tax rates for the year and the growth that carries SCB's tax capacities to it (the message names the year and
    the years available)."""
    years = _rate_years()
    if base_year not in years:
        raise ValueError(f"base_year = {base_year}: own tax rates are embedded for {years[0]}-{years[-1]}; "
                         f"expected one of {years}")
    last = last_derivable_year()
    if base_year > last:
        raise ValueError(f"base_year = {base_year}: the embedded data has no tax base growth for income year "
                         f"{last + 1} (outcomes in skatteunderlagsprognos.csv, uprating factors in "
                         f"upprakningsfaktorer.csv), so SCB's tax capacities can be carried to {last} at the latest; "
                         f"expected a base year in {years[0]}-{last}")


def approximate_revenue(code: str, base_year: int) -> dict:
    """One municipality's approximate base-year revenue (:data:`APPROXIMATE_BASIS`): the tax base carried from SCB
    (MSEK), the own rate (kr per 100 kr), and what the core's ``estimate_revenue`` gives from them (``docs/model.md``
    §3-4, §12): what 1 öre raises (MSEK; kr per inhabitant), the tax revenue (MSEK), the capacity index (percent),
    the income equalisation by the formula, uncalibrated (MSEK; kr per inhabitant), its change and what is kept per
    krona of tax base (fractions). The row of :func:`kommunbudget.analysis.revenue.municipal_revenue` (columns and
    units there). A new dict each call (the figures are computed once per code and year).

    Raises
    ------
    ValueError
        For a year the data cannot reach (:func:`check_approximate_year`), an unknown code, or (the core's
        InputError) a figure outside the core's range for ``estimate_revenue`` (``docs/model.md`` §14).
    """
    return dict(_approximate_revenue(code, base_year))


@functools.cache
def _approximate_revenue(code: str, base_year: int) -> dict:
    """approximate_revenue, once per code, year and process (shared: the public function returns copies)."""
    check_approximate_year(base_year)
    m = info(code)
    scb = _scb_rows()
    national, _ = national_tax_capacity_kr(base_year)
    params, sources = _equalisation_parameters(m.county_code)
    national_2023 = float(scb["riket"]["skattekraft_kr_per_inv_befolkningsviktat_derived"])
    # The same derivation as scb_tax_base_msek(): the approximate tax base of income year 2021, carried.
    tax_base, _ = carry_by_latest_estimates(float(scb[code]["skatteunderlag_mnkr_approx_derived"]),
                                            SCB_INCOME_YEAR, base_year)
    rate, basis, _source = m.tax_rates[base_year]
    own = float(scb[code]["skattekraft_kr_per_inv"]) / national_2023 * national  # SCB's 2023 index
    estimate = core.estimate_revenue(params, rate, float(tax_base), own, national, float(m.population_2024))
    return {
        "code": m.code,
        "name": m.name,
        "county_code": m.county_code,
        "county": m.county,
        "population": int(m.population_2024),
        "tax_rate": rate,
        "tax_rate_basis": basis,
        "tax_base_msek": tax_base,
        "one_ore_msek": estimate.one_ore_msek,
        "one_ore_kr_per_inhabitant": estimate.one_ore_kr_per_inhabitant,
        "tax_revenue_msek": estimate.tax_revenue_msek,
        "own_tax_capacity_kr": own,
        "national_tax_capacity_kr": national,
        "capacity_index": estimate.capacity_index,
        "grant_rate": params.grant_rate_kr_per_100kr,
        "fee_rate": params.fee_rate_kr_per_100kr,
        "fee_rate_basis": sources["fee_rate_kr_per_100kr"].kind,
        "income_equalisation_msek": estimate.income_equalisation_msek,
        "income_equalisation_kr_per_inhabitant": estimate.income_equalisation_kr_per_inhabitant,
        "equalisation_change_per_krona": estimate.equalisation_change_per_krona,
        "kept_per_krona": estimate.kept_per_krona,
        "basis": APPROXIMATE_BASIS,
    }
