"""Raise the tax, or make efficiency savings worth the same: three projections side by side (``docs/model.md`` §10).

Numbers, not text: the command line and the report layer format them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kommunbudget.baselines.load import load
from kommunbudget.data.decided_rates import decided_rate_notice, first_undecided_year
from kommunbudget.model import core
from kommunbudget.model.checks import finite_real
from kommunbudget.model.municipality import Municipality
from kommunbudget.model.projection import Projection
from kommunbudget.model.targets import as_target, default_targets
from kommunbudget.model.years import as_year

__all__ = ["Comparison", "compare"]

@dataclass
class Comparison:
    """'Raise the tax' against 'efficiency worth the same', side by side.

    Attributes
    ----------
    baseline, tax, efficiency : Projection
        The three projections (the baseline is unchanged by the scenarios).
    from_year : int
        First year of both measures.
    tax_change_kr_per_100kr : float
        The tax change (kr per 100 kr; 0.50 = 50 öre), sustained from ``from_year``.
    efficiency_rate : float
        The one-off across-the-board efficiency (fraction of NET costs: operating costs − operating income without
        realisation gains, the default base of an EfficiencyMeasure) from ``from_year`` whose saving in
        that year equals the tax change's revenue.
    target : kommunbudget.core.Target
        The target shown against.
    household_income_kr : float
        Taxable earned income used for the household cost (kr per year).
    household_income_basis : str
        Where that income comes from.
    """

    baseline: Projection
    tax: Projection
    efficiency: Projection
    from_year: int
    tax_change_kr_per_100kr: float
    efficiency_rate: float
    target: core.Target
    household_income_kr: float
    household_income_basis: str

    @property
    def household_cost_kr(self) -> float:
        """What the tax change costs a household with :attr:`household_income_kr` per year (kr)."""
        return float(core.household_tax_change_kr(self.tax_change_kr_per_100kr, self.household_income_kr))

    @property
    def decided_rate_notice(self) -> str | None:
        """For a change from a year whose own rate is already decided (``skattesatser_kommun.csv``), the sentence
        "2025's rate was decided at 20.92 (...); this changes a decided rate"; None otherwise
        (:func:`kommunbudget.data.decided_rates.decided_rate_notice`)."""
        return decided_rate_notice(self.baseline.municipality.code, self.from_year)

    def table(self) -> pd.DataFrame:
        """Per year: results, balanced-budget results and result shares of the three projections; the tax
        change's revenue and the efficiency saving in MSEK and öre; whether each meets the target.

        Returns
        -------
        pandas.DataFrame
            Index named ``item`` (identifiers), columns the years. MSEK, fractions (``*_share``), öre
            (``*_ore``), and 1.0/0.0 for ``*_meets_target`` (the core's ``target_met``: a shortfall of at most
            ``TARGET_TOLERANCE_MSEK``, 1e-6 MSEK, counts as met; ``docs/model.md`` §10).
        """
        rows = {}
        for key, p in (("baseline", self.baseline), ("tax", self.tax), ("efficiency", self.efficiency)):
            rows[f"{key}_result"] = p.line("result")
            rows[f"{key}_balanced_budget_result"] = p.line("balanced_budget_result")
            rows[f"{key}_result_share"] = p.line("result_share")
            rows[f"{key}_meets_target"] = np.asarray(core.target_met(p.core, self.target), dtype=float)
        tax_gain = self.tax.line("tax_change_revenue")
        saving = self.efficiency.line("efficiency_saving")
        rows["tax_change_revenue"] = tax_gain
        rows["tax_change_revenue_ore"] = self.baseline.tax_rate_equivalent_ore(tax_gain)
        rows["efficiency_saving"] = saving
        rows["efficiency_saving_ore"] = self.baseline.tax_rate_equivalent_ore(saving)
        frame = pd.DataFrame(rows, index=self.baseline.years).T
        frame.index.name = "item"
        frame.columns.name = "year"
        return frame


def compare(municipality: Municipality | str, horizon: int, from_year: int | None = None,
            tax_change_kr_per_100kr: float | None = None, target: core.Target | None = None,
            household_income_kr: float | None = None) -> Comparison:
    """Compares raising the tax with an across-the-board efficiency worth the same.

    Parameters
    ----------
    municipality : Municipality or str
        The baseline (unchanged), or a name or code to :func:`kommunbudget.load`.
    horizon : int
        Last year.
    from_year : int, optional
        First year of both measures; default the first year whose own rate is not yet decided
        (:func:`kommunbudget.data.decided_rates.first_undecided_year`: 2027 for base year 2024 with today's data). A
        year whose rate is decided is taken when given; :attr:`Comparison.decided_rate_notice` then says so.
    tax_change_kr_per_100kr : float, optional
        The tax change; default the single sustained change that meets ``target`` in every year from
        ``from_year`` (if the target is already met, the change is 0).
    target : kommunbudget.core.Target, optional
        Default: result >= 2 % of tax revenue and general grants
        (:data:`kommunbudget.model.defaults.RESULT_TARGET_SHARE`).
    household_income_kr : float, optional
        Taxable earned income for the household cost (kr a year); default the municipality's tax base per inhabitant in
        ``from_year`` (derived: tax base / population 31 Dec 2024).

    Raises
    ------
    ValueError
        For years outside the projection (``from_year`` after the base year, up to ``horizon``), an impossible
        target, a value that is not a finite number, or out-of-range values.

    Notes
    -----
    Numbers may be any real number (Python's or numpy's scalars, not a bool); years any whole number.
    """
    if isinstance(municipality, (str, int)):
        municipality = load(municipality)
    if not isinstance(municipality, Municipality):
        raise ValueError(f"municipality = {municipality!r}; expected a Municipality (kb.load) or a name or code")
    target = default_targets()[2] if target is None else as_target(target)
    if from_year is None:
        from_year = first_undecided_year(municipality.code, municipality.base_year)
        if from_year > horizon:
            raise ValueError(f"from_year: the own rate is decided through {from_year - 1} (skattesatser_kommun.csv), "
                             f"so a change can start in {from_year} at the earliest, after horizon = {horizon}; "
                             f"give a later horizon, or from_year to change a decided rate")
    else:
        from_year = as_year("from_year", from_year)
    if household_income_kr is not None:
        household_income_kr = finite_real("household_income_kr", household_income_kr, "kr a year, e.g. 300000")
        core.household_tax_change_kr(0.0, household_income_kr)  # the core checks the range, early
    if tax_change_kr_per_100kr is not None:
        tax_change_kr_per_100kr = finite_real("tax_change_kr_per_100kr", tax_change_kr_per_100kr,
                                              "kr per 100 kr, e.g. 0.5 for 50 öre")
    projector = municipality.projector(horizon)
    baseline = Projection(municipality, horizon, projector.run(core.Measures()))
    if from_year not in baseline.years[1:]:
        raise ValueError(f"from_year = {from_year} is outside the projection years {municipality.base_year + 1}-"
                         f"{baseline.years[-1]} (after the base year {municipality.base_year}, up to the horizon)")
    if tax_change_kr_per_100kr is None:
        tax_change_kr_per_100kr = max(0.0, baseline.sustained_tax_change(target, from_year))
    if tax_change_kr_per_100kr < 0:
        raise ValueError(f"tax_change_kr_per_100kr = {tax_change_kr_per_100kr:g}: the comparison weighs a tax rise "
                         f"against efficiency worth the same; expected a change >= 0")
    tax_measures = core.Measures(tax_changes=[core.TaxChange(from_year=from_year,
                                                               change_kr_per_100kr=tax_change_kr_per_100kr)])
    tax = Projection(municipality, horizon, projector.run(tax_measures), tax_measures)
    gain = float(tax.line("tax_change_revenue")[baseline.years.index(from_year)])
    rate = float(core.efficiency_rate_equivalent(baseline.core, from_year, gain))
    eff_measures = core.Measures(efficiency=[core.EfficiencyMeasure(from_year=from_year, rate=rate,
                                                                      yearly=False, cost_line="")])
    efficiency = Projection(municipality, horizon, projector.run(eff_measures), eff_measures)
    if household_income_kr is None:
        household_income_kr, basis = baseline.household_income_kr(from_year)
    else:
        basis = "given by the user"
    return Comparison(baseline, tax, efficiency, from_year, float(tax_change_kr_per_100kr), rate, target,
                      float(household_income_kr), basis)

