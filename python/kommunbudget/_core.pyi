"""
kommunbudget._core: the C++ projection engine (private; use the kommunbudget package).

Units: amounts in nominal MSEK; tax rates in kr per 100 kr; growth rates, shares and weights as fractions; tax capacities in kr per inhabitant. Invalid input raises InputError (a ValueError) naming the field, the year, the value and the allowed range (field_limits() lists every range). The GIL is released while the core builds and runs projections.

This module's type stub, _core.pyi, is generated from the built module: `make stub` (pybind11-stubgen).
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['Assumptions', 'BalanceRequirement', 'BaseYearState', 'Cancelled', 'CapitalPlan', 'ComputationError', 'CostLine', 'DepreciationClass', 'Disposal', 'DriverBridge', 'EarnedIncomeChange', 'EfficiencyMeasure', 'FixedSaving', 'GrantItem', 'GrantItemPath', 'IncomeEqualisation', 'IncomeStatement', 'InhabitantWorth', 'InputError', 'MeasureEffects', 'MeasureError', 'MeasureGroup', 'MeasureRef', 'Measures', 'MonteCarloSummary', 'OpeningDeficit', 'PlanCalibration', 'PlanYear', 'PriceIndex', 'Projector', 'Property', 'RevenueEstimate', 'TARGET_TOLERANCE_MSEK', 'Target', 'TargetKind', 'TaxChange', 'WorkLinePolicy', 'YearSeries', 'balanced_budget_met', 'balancing_grant_item_msek', 'basic_deduction_kr', 'book_value_at_sale', 'calibrate_plan', 'chain', 'depreciation_kernel', 'draw_shocks', 'driver_bridge', 'efficiency_rate_equivalent', 'equalisation_change_per_krona', 'estimate_revenue', 'field_limit', 'field_limits', 'gap_saving_msek', 'household_tax_change_kr', 'implied_national_tax_capacity_kr', 'implied_own_tax_capacity_kr', 'implied_tax_base_msek', 'income_equalisation_msek', 'inhabitant_worth', 'labour_cost_change_with_po', 'monte_carlo_shock_is_yearly', 'monte_carlo_shock_kinds', 'net_cost_gap_msek', 'neutral_volume_growth', 'one_ore_msek', 'opening_deficit_state', 'own_tax_base_growth', 'peer_gap_msek', 'per_inhabitant_amount_msek', 'per_inhabitant_growth', 'pkv_change', 'premises_target_saving_msek', 'project', 'remaining_year_share', 'required_sustained_change', 'required_tax_rate', 'round_up_to_ore', 'run_many', 'run_monte_carlo', 'set_log_level', 'target_gap_msek', 'target_met', 'tax_rate_equivalent_ore', 'tax_rate_equivalents_ore', 'user_volume_growth', 'version', 'wage_agreement_averages']
class InputError(ValueError):
    """
    Invalid input (a ValueError): the message names the field, the year, the value and the allowed range.
    """
class ComputationError(RuntimeError):
    """
    A computation that cannot give an answer on valid input (a RuntimeError).
    """
class Cancelled(ComputationError):
    """
    A long computation (run_monte_carlo) stopped on request, with no result (a ComputationError, so a RuntimeError). Ctrl-C or a progress callback's exception reaches the caller as that exception instead.
    """
class MeasureError(InputError):
    """
    An invalid measure found by Projector.measure_effects (an InputError, so a ValueError). The message is the one Projector.run gives for that measure (it names the measure by its list and its index in that list, e.g. 'fixed_savings[0] (name).amount_msek = ...'); the attribute `position` (int) is the measure's position in the order given.
    """
    @property
    def position(self) -> int:
        """
        Position (0-based) of the invalid measure in the order given to Projector.measure_effects.
        """
class YearSeries:
    """
    Values over consecutive calendar years; every value knows its year.
    
    YearSeries(field, years, values): parallel sequences, any order. Raises ValueError (InputError) for a size mismatch, a duplicate or missing year, or a NaN/infinite value; the message names the field and the year.
    """
    @staticmethod
    def constant(field: str, first_year: typing.SupportsInt | typing.SupportsIndex, last_year: typing.SupportsInt | typing.SupportsIndex, value: typing.SupportsFloat | typing.SupportsIndex) -> YearSeries:
        """
        The same value in every year first_year..last_year.
        """
    @typing.overload
    def __init__(self) -> None:
        ...
    @typing.overload
    def __init__(self, field: str, years: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def as_dict(self) -> dict[int, float]:
        """
        The values by year.
        """
    def at(self, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        Value of a year; ValueError naming the year if not covered.
        """
    def empty(self) -> bool:
        ...
    def has(self, year: typing.SupportsInt | typing.SupportsIndex) -> bool:
        ...
    def require_years(self, first: typing.SupportsInt | typing.SupportsIndex, last: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def with_value(self, year: typing.SupportsInt | typing.SupportsIndex, value: typing.SupportsFloat | typing.SupportsIndex) -> YearSeries:
        ...
    @property
    def field(self) -> str:
        ...
    @property
    def first_year(self) -> int:
        ...
    @property
    def last_year(self) -> int:
        ...
    @property
    def values(self) -> list[float]:
        ...
    @property
    def years(self) -> list[int]:
        ...
class PriceIndex:
    """
    SKR's PKV components per year (fractions): labour-cost change, other-consumption change, labour weight.
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def factor(self, from_year: typing.SupportsInt | typing.SupportsIndex, to_year: typing.SupportsInt | typing.SupportsIndex, labour_share: typing.SupportsFloat | typing.SupportsIndex = -1.0) -> float:
        """
        Chained price factor from the prices of from_year to those of to_year (labour_share < 0: PKV's weight).
        """
    def pkv(self, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        """
        PKV of the year, fraction.
        """
    def price_change(self, year: typing.SupportsInt | typing.SupportsIndex, labour_share: typing.SupportsFloat | typing.SupportsIndex) -> float:
        """
        Price change of a line with the given labour share (fraction).
        """
    def uprate(self, amount: typing.SupportsFloat | typing.SupportsIndex, price_year: typing.SupportsInt | typing.SupportsIndex, to_year: typing.SupportsInt | typing.SupportsIndex, labour_share: typing.SupportsFloat | typing.SupportsIndex = -1.0) -> float:
        """
        An amount in the fixed prices of price_year expressed in the prices of to_year.
        """
    def validate(self, first: typing.SupportsInt | typing.SupportsIndex, last: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Checks the three series over first..last; InputError naming the series and the year.
        """
    @property
    def labour_cost_change(self) -> YearSeries:
        """
        PKV labour-cost change (arbetskraftskostnad) per year. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @labour_cost_change.setter
    def labour_cost_change(self, arg0: YearSeries) -> None:
        ...
    @property
    def labour_weight(self) -> YearSeries:
        """
        PKV labour weight per year (e.g. 0.691 in 2024). Unit: fraction. Allowed range: [0, 1].
        """
    @labour_weight.setter
    def labour_weight(self, arg0: YearSeries) -> None:
        ...
    @property
    def other_cost_change(self) -> YearSeries:
        """
        PKV other-consumption change (övrig förbrukning) per year. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @other_cost_change.setter
    def other_cost_change(self, arg0: YearSeries) -> None:
        ...
class IncomeEqualisation:
    """
    Income equalisation parameters: guarantee_share (1.15), compensation_degree (0.95, unverified), grant_rate_kr_per_100kr and fee_rate_kr_per_100kr (county rates, förordning 2004:881).
    """
    _fields: typing.ClassVar[list] = ['guarantee_share', 'compensation_degree', 'grant_rate_kr_per_100kr', 'fee_rate_kr_per_100kr']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: IncomeEqualisation(guarantee_share=..., compensation_degree=..., grant_rate_kr_per_100kr=..., fee_rate_kr_per_100kr=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def validate(self) -> None:
        ...
    @property
    def compensation_degree(self) -> float:
        """
        share of the gap below the guarantee compensated on top of the county rate, > 0 (open lower bound). Unit: fraction. Allowed range: (0, 1].
        """
    @compensation_degree.setter
    def compensation_degree(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def fee_rate_kr_per_100kr(self) -> float:
        """
        county rate for the fee (förordning 2004:881). Unit: kr per 100 kr. Allowed range: [5, 50].
        """
    @fee_rate_kr_per_100kr.setter
    def fee_rate_kr_per_100kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def grant_rate_kr_per_100kr(self) -> float:
        """
        county rate for the grant (förordning 2004:881 2 §). Unit: kr per 100 kr. Allowed range: [5, 50].
        """
    @grant_rate_kr_per_100kr.setter
    def grant_rate_kr_per_100kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def guarantee_share(self) -> float:
        """
        guarantee level as a share of the national tax capacity: 1.15 for municipalities (lag 2004:773 3 §). Unit: fraction. Allowed range: [1, 2].
        """
    @guarantee_share.setter
    def guarantee_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class InhabitantWorth:
    """
    What one inhabitant more brings in a year, kr: tax_kr (own tax), equalisation_kr (income equalisation change), total_kr().
    """
    _fields: typing.ClassVar[list] = ['tax_kr', 'equalisation_kr']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: InhabitantWorth(tax_kr=..., equalisation_kr=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def total_kr(self) -> float:
        """
        tax_kr + equalisation_kr, kr.
        """
    @property
    def equalisation_kr(self) -> float:
        ...
    @equalisation_kr.setter
    def equalisation_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tax_kr(self) -> float:
        ...
    @tax_kr.setter
    def tax_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class CostLine:
    """
    One line of operating costs: name, cost_msek (base year, positive MSEK), labour_share (fraction; negative = PKV's weight of each year), volume_growth (YearSeries of fractions for the projection years).
    """
    _fields: typing.ClassVar[list] = ['name', 'cost_msek', 'labour_share', 'volume_growth']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: CostLine(name=..., cost_msek=..., labour_share=..., volume_growth=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def cost_msek(self) -> float:
        """
        base-year gross cost of the line, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @cost_msek.setter
    def cost_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def labour_share(self) -> float:
        """
        labour share of the line; a negative value (−1) means each year's PKV labour weight. Unit: fraction. Allowed range: [0, 1] (a negative value is the sentinel described).
        """
    @labour_share.setter
    def labour_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def volume_growth(self) -> YearSeries:
        """
        volume growth of the line per projection year. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @volume_growth.setter
    def volume_growth(self, arg0: YearSeries) -> None:
        ...
class GrantItem:
    """
    A general grant item other than the income equalisation: name, amount_msek (base year, signed MSEK).
    """
    _fields: typing.ClassVar[list] = ['name', 'amount_msek']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: GrantItem(name=..., amount_msek=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def amount_msek(self) -> float:
        """
        a general grant item other than the income equalisation, base year, signed (fees negative). Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @amount_msek.setter
    def amount_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
class GrantItemPath:
    """
    A grant item's projection: name, amounts_msek (YearSeries, given years, MSEK), growth (YearSeries of fractions for the other years), growth_follows_tax_base (years with neither grow with the tax base growth), regulation_rule (years with neither follow the regulation grant's rule: per inhabitant, minus the growth of the national net income equalisation per inhabitant, plus announced changes).
    """
    _fields: typing.ClassVar[list] = ['name', 'amounts_msek', 'growth', 'growth_follows_tax_base', 'regulation_rule']
    regulation_rule: bool
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: GrantItemPath(name=..., amounts_msek=..., growth=..., growth_follows_tax_base=..., regulation_rule=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def amounts_msek(self) -> YearSeries:
        """
        given amounts of the item, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @amounts_msek.setter
    def amounts_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def growth(self) -> YearSeries:
        """
        growth of the item in years without a given amount. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @growth.setter
    def growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def growth_follows_tax_base(self) -> bool:
        """
        True: years with neither an amount nor a growth grow with tax_base_growth.
        """
    @growth_follows_tax_base.setter
    def growth_follows_tax_base(self, arg0: bool) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
class DepreciationClass:
    """
    A class of fixed assets: name, share (of each year's net investment, fraction; the shares sum to 1), years (depreciation period).
    """
    _fields: typing.ClassVar[list] = ['name', 'share', 'years']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: DepreciationClass(name=..., share=..., years=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def share(self) -> float:
        """
        share of each year's net investment in the class (the shares sum to 1). Unit: fraction. Allowed range: [0, 1].
        """
    @share.setter
    def share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def years(self) -> float:
        """
        depreciation period (avskrivningstid). Unit: years. Allowed range: [1, 100].
        """
    @years.setter
    def years(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class CapitalPlan:
    """
    The capital side of a base year (docs/model.md §15): opening_cash_msek, opening_debt_msek (end of the base year, MSEK; debt negative = not given), minimum_cash_msek, depreciation_classes (list of DepreciationClass), plan_last_year (0 = the base year).
    """
    _fields: typing.ClassVar[list] = ['opening_cash_msek', 'opening_debt_msek', 'minimum_cash_msek', 'depreciation_classes', 'plan_last_year']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: CapitalPlan(opening_cash_msek=..., opening_debt_msek=..., minimum_cash_msek=..., depreciation_classes=..., plan_last_year=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def depreciation_classes(self) -> list[DepreciationClass]:
        """
        Depreciation classes of new investments (list of DepreciationClass).
        """
    @depreciation_classes.setter
    def depreciation_classes(self, arg0: collections.abc.Sequence[DepreciationClass]) -> None:
        ...
    @property
    def minimum_cash_msek(self) -> float:
        """
        cash kept before the debt grows (a borrowing need uses cash down to this floor). Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @minimum_cash_msek.setter
    def minimum_cash_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def opening_cash_msek(self) -> float:
        """
        likvida medel at the end of the base year. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @opening_cash_msek.setter
    def opening_cash_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def opening_debt_msek(self) -> float:
        """
        interest-bearing debt at the end of the base year; a negative value (−1) means not given. Unit: MSEK. Allowed range: [0, 1e+06] (a negative value is the sentinel described).
        """
    @opening_debt_msek.setter
    def opening_debt_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def plan_last_year(self) -> int:
        """
        the last year of the budget's own depreciation and financial costs (0 = the base year). Unit: calendar year. Allowed range: [0, 2200].
        """
    @plan_last_year.setter
    def plan_last_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class OpeningDeficit:
    """
    A deficit from before the base year not yet restored: year of origin and the amount left, MSEK (> 0).
    """
    _fields: typing.ClassVar[list] = ['year', 'amount_msek']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: OpeningDeficit(year=..., amount_msek=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def amount_msek(self) -> float:
        """
        the part of the deficit not yet restored at the start of the base year, > 0 (open lower bound). Unit: MSEK. Allowed range: (0, 1e+06].
        """
    @amount_msek.setter
    def amount_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def year(self) -> int:
        """
        the year of origin of a deficit not yet restored, before the base year (the requirement applies from 2000, KL 1991:900 8 kap. 5 § as amended by SFS 1997:1114). Unit: calendar year. Allowed range: [2000, 2200].
        """
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class BalanceRequirement:
    """
    The balanced-budget requirement over the years (KL 11 kap. 12 and 14 §§): opening_deficits (list of OpeningDeficit), opening_reserve_msek (result reserve at the start of the base year, MSEK), negative_equity, withdraw_from_reserve and reserve_surplus (automatic reserve use in years without a given one). Defaults: none, 0, False, False, False (defaults, not data).
    """
    _fields: typing.ClassVar[list] = ['opening_deficits', 'opening_reserve_msek', 'negative_equity', 'withdraw_from_reserve', 'reserve_surplus']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: BalanceRequirement(opening_deficits=..., opening_reserve_msek=..., negative_equity=..., withdraw_from_reserve=..., reserve_surplus=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def validate(self, base_year: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Checks the fields against the table of limits; InputError naming field, value and range.
        """
    @property
    def negative_equity(self) -> bool:
        """
        True: negative equity incl. pension obligations; reservation threshold 2 % not 1 %.
        """
    @negative_equity.setter
    def negative_equity(self, arg0: bool) -> None:
        ...
    @property
    def opening_deficits(self) -> list[OpeningDeficit]:
        """
        Deficits from before the base year not yet restored (list of OpeningDeficit).
        """
    @opening_deficits.setter
    def opening_deficits(self, arg0: collections.abc.Sequence[OpeningDeficit]) -> None:
        ...
    @property
    def opening_reserve_msek(self) -> float:
        """
        the result reserve (resultatreserv; RUR before 2024) at the start of the base year. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @opening_reserve_msek.setter
    def opening_reserve_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def reserve_surplus(self) -> bool:
        """
        True: reserve what the rules allow after restoring deficits, in years without a given use.
        """
    @reserve_surplus.setter
    def reserve_surplus(self, arg0: bool) -> None:
        ...
    @property
    def withdraw_from_reserve(self) -> bool:
        """
        True: withdraw from the reserve to cover a negative result up to zero in years without a given use.
        """
    @withdraw_from_reserve.setter
    def withdraw_from_reserve(self, arg0: bool) -> None:
        ...
class BaseYearState:
    """
    A municipality's base year (basår). Amounts are positive nominal MSEK; tax rate in kr per 100 kr. validate() raises ValueError naming field, year, value and range.
    """
    _fields: typing.ClassVar[list] = ['code', 'name', 'year', 'tax_rate_kr_per_100kr', 'tax_base_msek', 'final_settlement_msek', 'final_settlement_previous_year_msek', 'operating_income_msek', 'cost_lines', 'depreciation_msek', 'general_grants_msek', 'itemised_grants', 'equalisation', 'population', 'national_tax_capacity_kr', 'income_equalisation_msek', 'grant_items', 'financial_income_msek', 'financial_costs_msek', 'realisation_gains_msek', 'reserve_use_msek', 'other_balance_adjustments_msek', 'depreciation_in_cost_lines', 'capital', 'balance_requirement']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: BaseYearState(code=..., name=..., year=..., tax_rate_kr_per_100kr=..., tax_base_msek=..., final_settlement_msek=..., final_settlement_previous_year_msek=..., operating_income_msek=..., cost_lines=..., depreciation_msek=..., general_grants_msek=..., itemised_grants=..., equalisation=..., population=..., national_tax_capacity_kr=..., income_equalisation_msek=..., grant_items=..., financial_income_msek=..., financial_costs_msek=..., realisation_gains_msek=..., reserve_use_msek=..., other_balance_adjustments_msek=..., depreciation_in_cost_lines=..., capital=..., balance_requirement=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def operating_costs_msek(self) -> float:
        """
        Sum of the cost lines, MSEK.
        """
    def validate(self) -> None:
        """
        Checks every field against the table of limits; InputError naming field, year, value and range.
        """
    @property
    def balance_requirement(self) -> BalanceRequirement:
        """
        The balanced-budget requirement over the years (BalanceRequirement).
        """
    @balance_requirement.setter
    def balance_requirement(self, arg0: BalanceRequirement) -> None:
        ...
    @property
    def capital(self) -> CapitalPlan:
        """
        Opening cash and debt, minimum cash and depreciation classes (CapitalPlan).
        """
    @capital.setter
    def capital(self, arg0: CapitalPlan) -> None:
        ...
    @property
    def code(self) -> str:
        """
        Kommunkod, 4 digits as text (leading zero kept).
        """
    @code.setter
    def code(self, arg0: str) -> None:
        ...
    @property
    def cost_lines(self) -> list[CostLine]:
        """
        The cost lines (list of CostLine), at least one.
        """
    @cost_lines.setter
    def cost_lines(self, arg0: collections.abc.Sequence[CostLine]) -> None:
        ...
    @property
    def depreciation_in_cost_lines(self) -> bool:
        """
        True: the cost lines are net costs holding the capital costs (SCB).
        """
    @depreciation_in_cost_lines.setter
    def depreciation_in_cost_lines(self, arg0: bool) -> None:
        ...
    @property
    def depreciation_msek(self) -> float:
        """
        avskrivningar, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @depreciation_msek.setter
    def depreciation_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def equalisation(self) -> IncomeEqualisation:
        """
        Income equalisation parameters (IncomeEqualisation); itemised grants only.
        """
    @equalisation.setter
    def equalisation(self, arg0: IncomeEqualisation) -> None:
        ...
    @property
    def final_settlement_msek(self) -> float:
        """
        slutavräkning for the current year booked in the base year, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @final_settlement_msek.setter
    def final_settlement_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def final_settlement_previous_year_msek(self) -> float:
        """
        slutavräkning for the previous year (korrigering), signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @final_settlement_previous_year_msek.setter
    def final_settlement_previous_year_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def financial_costs_msek(self) -> float:
        """
        finansiella kostnader, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @financial_costs_msek.setter
    def financial_costs_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def financial_income_msek(self) -> float:
        """
        finansiella intäkter, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @financial_income_msek.setter
    def financial_income_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def general_grants_msek(self) -> float:
        """
        generella statsbidrag och utjämning, signed (fees can exceed grants). Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @general_grants_msek.setter
    def general_grants_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def grant_items(self) -> list[GrantItem]:
        """
        The grant items other than the income equalisation (list).
        """
    @grant_items.setter
    def grant_items(self, arg0: collections.abc.Sequence[GrantItem]) -> None:
        ...
    @property
    def income_equalisation_msek(self) -> float:
        """
        the base year's income equalisation (+ grant, − fee); itemised grants only. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @income_equalisation_msek.setter
    def income_equalisation_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def itemised_grants(self) -> bool:
        """
        True: general grants are the income equalisation by the formula plus grant_items.
        """
    @itemised_grants.setter
    def itemised_grants(self, arg0: bool) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def national_tax_capacity_kr(self) -> float:
        """
        medelskattekraft of the base year (uprated); itemised grants only. Unit: kr per inhabitant. Allowed range: [10000, 1e+07].
        """
    @national_tax_capacity_kr.setter
    def national_tax_capacity_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def operating_income_msek(self) -> float:
        """
        verksamhetens intäkter, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @operating_income_msek.setter
    def operating_income_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def other_balance_adjustments_msek(self) -> float:
        """
        other statutory balanced-budget adjustments, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @other_balance_adjustments_msek.setter
    def other_balance_adjustments_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def population(self) -> float:
        """
        inhabitants for the income equalisation (1 November of the previous year); itemised grants only. Unit: inhabitants. Allowed range: [1, 2e+07].
        """
    @population.setter
    def population(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def realisation_gains_msek(self) -> float:
        """
        realisationsvinster inside operating income (deducted for the balanced-budget result). Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @realisation_gains_msek.setter
    def realisation_gains_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def reserve_use_msek(self) -> float:
        """
        use of the result reserve (+ withdrawal, − allocation). Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @reserve_use_msek.setter
    def reserve_use_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tax_base_msek(self) -> float:
        """
        skatteunderlag the own rate applies to, > 0 (open lower bound). Unit: MSEK. Allowed range: (0, 1e+08].
        """
    @tax_base_msek.setter
    def tax_base_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tax_rate_kr_per_100kr(self) -> float:
        """
        own municipal rate (skattesats) of the base year. Unit: kr per 100 kr. Allowed range: [5, 50].
        """
    @tax_rate_kr_per_100kr.setter
    def tax_rate_kr_per_100kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def year(self) -> int:
        """
        the base year (basår): the budget or accounts year carried forward. Unit: calendar year. Allowed range: [1900, 2200].
        """
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Assumptions:
    """
    Yearly assumptions for the projection years (YearSeries each): PKV components, tax base growth, operating income growth (fractions); general grants, depreciation, financial income and costs (MSEK); optional tax rate (kr per 100 kr), final settlements, realisation gains, reserve use (MSEK).
    """
    _fields: typing.ClassVar[list] = ['price_index', 'tax_base_growth', 'operating_income_growth', 'general_grants_msek', 'general_grants_growth', 'general_grants_growth_follows_tax_base', 'population', 'national_tax_capacity_growth', 'national_net_income_equalisation_kr', 'announced_grant_change_kr', 'grant_items', 'final_settlement_previous_year_msek', 'depreciation_msek', 'financial_income_msek', 'financial_costs_msek', 'tax_rate_kr_per_100kr', 'final_settlement_msek', 'realisation_gains_msek', 'reserve_use_msek', 'investments_msek', 'borrowing_rate', 'pension_interest_msek', 'pension_index_growth']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: Assumptions(price_index=..., tax_base_growth=..., operating_income_growth=..., general_grants_msek=..., general_grants_growth=..., general_grants_growth_follows_tax_base=..., population=..., national_tax_capacity_growth=..., national_net_income_equalisation_kr=..., announced_grant_change_kr=..., grant_items=..., final_settlement_previous_year_msek=..., depreciation_msek=..., financial_income_msek=..., financial_costs_msek=..., tax_rate_kr_per_100kr=..., final_settlement_msek=..., realisation_gains_msek=..., reserve_use_msek=..., investments_msek=..., borrowing_rate=..., pension_interest_msek=..., pension_index_growth=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def validate(self, first: typing.SupportsInt | typing.SupportsIndex, last: typing.SupportsInt | typing.SupportsIndex, itemised: bool = False) -> None:
        """
        Checks every series over the years first..last; InputError naming the series, the year and the range.
        """
    @property
    def announced_grant_change_kr(self) -> YearSeries:
        """
        announced change of general grants against the year before, per inhabitant of Sweden. Unit: kr per inhabitant. Allowed range: [-10000, 10000].
        """
    @announced_grant_change_kr.setter
    def announced_grant_change_kr(self, arg0: YearSeries) -> None:
        ...
    @property
    def borrowing_rate(self) -> YearSeries:
        """
        interest rate on new borrowing per projection year. Unit: fraction per year. Allowed range: [0, 0.2].
        """
    @borrowing_rate.setter
    def borrowing_rate(self, arg0: YearSeries) -> None:
        ...
    @property
    def depreciation_msek(self) -> YearSeries:
        """
        avskrivningar per year, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @depreciation_msek.setter
    def depreciation_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def final_settlement_msek(self) -> YearSeries:
        """
        slutavräkning for the current year, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @final_settlement_msek.setter
    def final_settlement_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def final_settlement_previous_year_msek(self) -> YearSeries:
        """
        slutavräkning for the previous year, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @final_settlement_previous_year_msek.setter
    def final_settlement_previous_year_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def financial_costs_msek(self) -> YearSeries:
        """
        finansiella kostnader per year, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @financial_costs_msek.setter
    def financial_costs_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def financial_income_msek(self) -> YearSeries:
        """
        finansiella intäkter per year, positive. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @financial_income_msek.setter
    def financial_income_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def general_grants_growth(self) -> YearSeries:
        """
        growth of general grants in years without a given amount. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @general_grants_growth.setter
    def general_grants_growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def general_grants_growth_follows_tax_base(self) -> bool:
        """
        True: years with neither an amount nor a general_grants_growth grow with tax_base_growth.
        """
    @general_grants_growth_follows_tax_base.setter
    def general_grants_growth_follows_tax_base(self, arg0: bool) -> None:
        ...
    @property
    def general_grants_msek(self) -> YearSeries:
        """
        general grants where given (grants as a total), signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @general_grants_msek.setter
    def general_grants_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def grant_items(self) -> list[GrantItemPath]:
        """
        The grant items other than the income equalisation (list).
        """
    @grant_items.setter
    def grant_items(self, arg0: collections.abc.Sequence[GrantItemPath]) -> None:
        ...
    @property
    def investments_msek(self) -> YearSeries:
        """
        nettoinvesteringar per year (base year and later), optional; negative = sales exceed purchases. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @investments_msek.setter
    def investments_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def national_net_income_equalisation_kr(self) -> float:
        """
        national net income equalisation (grants − fees) per inhabitant, base year, for the regulation rule. Unit: kr per inhabitant. Allowed range: [-100000, 100000].
        """
    @national_net_income_equalisation_kr.setter
    def national_net_income_equalisation_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def national_tax_capacity_growth(self) -> YearSeries:
        """
        growth of the national average tax capacity. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @national_tax_capacity_growth.setter
    def national_tax_capacity_growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def operating_income_growth(self) -> YearSeries:
        """
        growth of verksamhetens intäkter. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @operating_income_growth.setter
    def operating_income_growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def pension_index_growth(self) -> YearSeries:
        """
        growth of the interest on pension provisions after the last given figure (inkomstbasbelopp). Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @pension_index_growth.setter
    def pension_index_growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def pension_interest_msek(self) -> YearSeries:
        """
        ränta på pensionsavsättning (part of financial costs) where given, optional. Unit: MSEK. Allowed range: [0, 1e+06].
        """
    @pension_interest_msek.setter
    def pension_interest_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def population(self) -> YearSeries:
        """
        inhabitants for the income equalisation per projection year. Unit: inhabitants. Allowed range: [1, 2e+07].
        """
    @population.setter
    def population(self, arg0: YearSeries) -> None:
        ...
    @property
    def price_index(self) -> PriceIndex:
        """
        PKV components per year (PriceIndex).
        """
    @price_index.setter
    def price_index(self, arg0: PriceIndex) -> None:
        ...
    @property
    def realisation_gains_msek(self) -> YearSeries:
        """
        realisation gains per year. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @realisation_gains_msek.setter
    def realisation_gains_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def reserve_use_msek(self) -> YearSeries:
        """
        use of the result reserve per year (+ withdrawal, − allocation). Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @reserve_use_msek.setter
    def reserve_use_msek(self, arg0: YearSeries) -> None:
        ...
    @property
    def tax_base_growth(self) -> YearSeries:
        """
        growth of the own tax base (skatteunderlagets ökning). Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @tax_base_growth.setter
    def tax_base_growth(self, arg0: YearSeries) -> None:
        ...
    @property
    def tax_rate_kr_per_100kr(self) -> YearSeries:
        """
        own tax rate per projection year. Unit: kr per 100 kr. Allowed range: [5, 50].
        """
    @tax_rate_kr_per_100kr.setter
    def tax_rate_kr_per_100kr(self, arg0: YearSeries) -> None:
        ...
class TaxChange:
    """
    A sustained change of the own rate from 1 January of from_year, change_kr_per_100kr (0.50 = 50 öre; allowed [-10, 10]).
    """
    _fields: typing.ClassVar[list] = ['from_year', 'change_kr_per_100kr']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: TaxChange(from_year=..., change_kr_per_100kr=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def change_kr_per_100kr(self) -> float:
        """
        sustained change of the own rate, 0.50 = 50 öre. Unit: kr per 100 kr. Allowed range: [-10, 10].
        """
    @change_kr_per_100kr.setter
    def change_kr_per_100kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def from_year(self) -> int:
        """
        first budget year with the new rate (must also be a projected year). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @from_year.setter
    def from_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class EfficiencyMeasure:
    """
    Efficiency on a cost line (service area) or all ('' = all): the step rate × realised_share (fractions; rate in [0, 0.5]) reached over ramp_years from from_year, one-off and persisting or again every year (yearly=True); a start after January counts (13 − start_month)/12 of the first year; one_off_cost_msek in from_year. The rate's base is the net (tax-financed) cost: net_share of the line (negative = the municipality-wide share of the year), or the gross cost with on_gross=True.
    """
    _fields: typing.ClassVar[list] = ['from_year', 'rate', 'yearly', 'cost_line', 'start_month', 'ramp_years', 'realised_share', 'one_off_cost_msek', 'on_gross', 'net_share']
    on_gross: bool
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: EfficiencyMeasure(from_year=..., rate=..., yearly=..., cost_line=..., start_month=..., ramp_years=..., realised_share=..., one_off_cost_msek=..., on_gross=..., net_share=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def cost_line(self) -> str:
        """
        Name of the cost line (service area) the measure applies to; '' = all lines / none.
        """
    @cost_line.setter
    def cost_line(self, arg0: str) -> None:
        ...
    @property
    def from_year(self) -> int:
        """
        first year of the saving (must also be a projected year). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @from_year.setter
    def from_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def net_share(self) -> float:
        """
        net (tax-financed) share of the line's gross cost; a negative value (−1) means the municipality-wide share of the year (default, not data). Unit: fraction. Allowed range: [0, 1] (a negative value is the sentinel described).
        """
    @net_share.setter
    def net_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def one_off_cost_msek(self) -> float:
        """
        implementation cost in from_year. Unit: MSEK. Allowed range: [0, 100000].
        """
    @one_off_cost_msek.setter
    def one_off_cost_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def ramp_years(self) -> int:
        """
        years to reach the full effect (1 = the full step in the first year). Unit: years. Allowed range: [1, 50].
        """
    @ramp_years.setter
    def ramp_years(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def rate(self) -> float:
        """
        share of the line's cost saved at full effect in one step. Unit: fraction. Allowed range: [0, 0.5].
        """
    @rate.setter
    def rate(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def realised_share(self) -> float:
        """
        share of the rate expected to be realised. Unit: fraction. Allowed range: [0, 1].
        """
    @realised_share.setter
    def realised_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def start_month(self) -> int:
        """
        first month of the saving; the first year counts (13 − month) / 12. Unit: months. Allowed range: [1, 12].
        """
    @start_month.setter
    def start_month(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def yearly(self) -> bool:
        """
        False: a one-off step that persists; True: the step again every year (compounding).
        """
    @yearly.setter
    def yearly(self, arg0: bool) -> None:
        ...
class EarnedIncomeChange:
    """
    A change of residents' taxable earned income in income_year (MSEK); it reaches the tax base of income_year + 2.
    """
    _fields: typing.ClassVar[list] = ['income_year', 'amount_msek']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: EarnedIncomeChange(income_year=..., amount_msek=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def amount_msek(self) -> float:
        """
        change of residents' taxable earned income, signed. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @amount_msek.setter
    def amount_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def income_year(self) -> int:
        """
        inkomstår; it reaches the tax base of income_year + 2. Unit: calendar year. Allowed range: [1900, 2200].
        """
    @income_year.setter
    def income_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class WorkLinePolicy:
    """
    A work-line policy for households on social assistance: baseline households and cost per household (kr), trend, start year and month, target reduction, ramp years, share into work, earnings per person (kr), persons per household, yearly implementation cost (MSEK), share into taxable benefits and benefit per person (kr), out-migration share and inhabitants per household moving away, prisbasbelopp per income year (YearSeries, kr; for the basic deduction). Fractions as fractions.
    """
    _fields: typing.ClassVar[list] = ['name', 'baseline_households', 'cost_per_household_kr', 'household_trend', 'start_year', 'start_month', 'target_reduction', 'ramp_years', 'share_into_work', 'earnings_per_person_kr', 'persons_per_household', 'implementation_cost_msek', 'share_into_benefits', 'benefit_per_person_kr', 'out_migration_share', 'inhabitants_per_household', 'price_base_amount_kr']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: WorkLinePolicy(name=..., baseline_households=..., cost_per_household_kr=..., household_trend=..., start_year=..., start_month=..., target_reduction=..., ramp_years=..., share_into_work=..., earnings_per_person_kr=..., persons_per_household=..., implementation_cost_msek=..., share_into_benefits=..., benefit_per_person_kr=..., out_migration_share=..., inhabitants_per_household=..., price_base_amount_kr=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def baseline_households(self) -> float:
        """
        households on social assistance (biståndshushåll) in the base year. Unit: households. Allowed range: [0, 1e+06].
        """
    @baseline_households.setter
    def baseline_households(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def benefit_per_person_kr(self) -> float:
        """
        yearly taxable benefits per person (a-kassa, aktivitetsstöd, sickness benefits), base-year kr. Unit: kr per year. Allowed range: [0, 1e+07].
        """
    @benefit_per_person_kr.setter
    def benefit_per_person_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def cost_per_household_kr(self) -> float:
        """
        assistance paid per household and year, base-year kr. Unit: kr per year. Allowed range: [0, 1e+07].
        """
    @cost_per_household_kr.setter
    def cost_per_household_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def earnings_per_person_kr(self) -> float:
        """
        yearly taxable earnings per person in work, base-year kr. Unit: kr per year. Allowed range: [0, 1e+08].
        """
    @earnings_per_person_kr.setter
    def earnings_per_person_kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def household_trend(self) -> float:
        """
        own yearly growth of the baseline households. Unit: fraction per year. Allowed range: [-0.5, 0.5].
        """
    @household_trend.setter
    def household_trend(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def implementation_cost_msek(self) -> float:
        """
        yearly cost of the policy, base-year MSEK. Unit: MSEK. Allowed range: [0, 100000].
        """
    @implementation_cost_msek.setter
    def implementation_cost_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def inhabitants_per_household(self) -> float:
        """
        inhabitants per household moving away (children too). Unit: persons. Allowed range: [0, 20].
        """
    @inhabitants_per_household.setter
    def inhabitants_per_household(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def out_migration_share(self) -> float:
        """
        of the households leaving assistance, the share moving away from the municipality. Unit: fraction. Allowed range: [0, 1].
        """
    @out_migration_share.setter
    def out_migration_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def persons_per_household(self) -> float:
        """
        persons with an income per household leaving into work or taxable benefits. Unit: persons. Allowed range: [0, 10].
        """
    @persons_per_household.setter
    def persons_per_household(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def price_base_amount_kr(self) -> YearSeries:
        """
        prisbasbelopp of an income year. Unit: kr per year. Allowed range: [10000, 500000].
        """
    @price_base_amount_kr.setter
    def price_base_amount_kr(self, arg0: YearSeries) -> None:
        ...
    @property
    def ramp_years(self) -> int:
        """
        years to reach the full effect (1 = the full step in the first year). Unit: years. Allowed range: [1, 50].
        """
    @ramp_years.setter
    def ramp_years(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def share_into_benefits(self) -> float:
        """
        of the households leaving assistance and staying, the share leaving for taxable benefits. Unit: fraction. Allowed range: [0, 1].
        """
    @share_into_benefits.setter
    def share_into_benefits(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def share_into_work(self) -> float:
        """
        of the households leaving assistance, the share going into work. Unit: fraction. Allowed range: [0, 1].
        """
    @share_into_work.setter
    def share_into_work(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def start_month(self) -> int:
        """
        first month of the policy; the first year counts (13 − month) / 12. Unit: months. Allowed range: [1, 12].
        """
    @start_month.setter
    def start_month(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def start_year(self) -> int:
        """
        first year of the policy (must also be a projected year). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @start_year.setter
    def start_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def target_reduction(self) -> float:
        """
        share of the baseline households off assistance when fully ramped. Unit: fraction. Allowed range: [0, 1].
        """
    @target_reduction.setter
    def target_reduction(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Property:
    """
    A property of the premises: id, use, area_m2, book_value_msek, market_value_msek, running_cost_msek (a year, base-year prices), depreciation_msek (a year), vacancy (share), need_remains, external_rent_msek (a year, if the need remains).
    """
    _fields: typing.ClassVar[list] = ['id', 'use', 'area_m2', 'book_value_msek', 'market_value_msek', 'running_cost_msek', 'depreciation_msek', 'vacancy', 'need_remains', 'external_rent_msek']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: Property(id=..., use=..., area_m2=..., book_value_msek=..., market_value_msek=..., running_cost_msek=..., depreciation_msek=..., vacancy=..., need_remains=..., external_rent_msek=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def area_m2(self) -> float:
        """
        floor area. Unit: m². Allowed range: [0, 1e+07].
        """
    @area_m2.setter
    def area_m2(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def book_value_msek(self) -> float:
        """
        bokfört värde. Unit: MSEK. Allowed range: [0, 100000].
        """
    @book_value_msek.setter
    def book_value_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def depreciation_msek(self) -> float:
        """
        avskrivning a year (nominal). Unit: MSEK. Allowed range: [0, 10000].
        """
    @depreciation_msek.setter
    def depreciation_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def external_rent_msek(self) -> float:
        """
        yearly rent for replacement premises if the need remains, base-year prices. Unit: MSEK. Allowed range: [0, 10000].
        """
    @external_rent_msek.setter
    def external_rent_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def id(self) -> str:
        """
        The property's id (e.g. its designation), unique within the disposals.
        """
    @id.setter
    def id(self, arg0: str) -> None:
        ...
    @property
    def market_value_msek(self) -> float:
        """
        marknadsvärde (the default sale price). Unit: MSEK. Allowed range: [0, 100000].
        """
    @market_value_msek.setter
    def market_value_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def need_remains(self) -> bool:
        """
        Whether the activity still needs premises after a sale (external rent is then paid).
        """
    @need_remains.setter
    def need_remains(self, arg0: bool) -> None:
        ...
    @property
    def running_cost_msek(self) -> float:
        """
        drift and maintenance a year, base-year prices. Unit: MSEK. Allowed range: [0, 10000].
        """
    @running_cost_msek.setter
    def running_cost_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def use(self) -> str:
        """
        What the property is used for (text, descriptive).
        """
    @use.setter
    def use(self, arg0: str) -> None:
        ...
    @property
    def vacancy(self) -> float:
        """
        share of the area vacant (descriptive). Unit: fraction. Allowed range: [0, 1].
        """
    @vacancy.setter
    def vacancy(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Disposal:
    """
    Sale of a property in year from month: price_msek (negative = market value), debt_interest_rate (fraction) on the debt the proceeds repay.
    """
    _fields: typing.ClassVar[list] = ['property', 'year', 'month', 'price_msek', 'debt_interest_rate']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: Disposal(property=..., year=..., month=..., price_msek=..., debt_interest_rate=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def debt_interest_rate(self) -> float:
        """
        interest rate on the debt the proceeds repay. Unit: fraction per year. Allowed range: [0, 0.2].
        """
    @debt_interest_rate.setter
    def debt_interest_rate(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def month(self) -> int:
        """
        month of the sale; the first year counts (13 − month) / 12 of the yearly effects. Unit: months. Allowed range: [1, 12].
        """
    @month.setter
    def month(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def price_msek(self) -> float:
        """
        sale price; a negative value (−1) means the property's market value. Unit: MSEK. Allowed range: [0, 100000] (a negative value is the sentinel described).
        """
    @price_msek.setter
    def price_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def property(self) -> Property:
        """
        The property sold (Property).
        """
    @property.setter
    def property(self, arg0: Property) -> None:
        ...
    @property
    def year(self) -> int:
        """
        year of the sale (must also be a projected year). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class FixedSaving:
    """
    A yearly saving at full effect (base-year MSEK) from start_year/start_month, ramped over ramp_years, realised_share realised, uprated with labour_share (negative = PKV), one_off_cost_msek in the start year.
    """
    _fields: typing.ClassVar[list] = ['name', 'amount_msek', 'start_year', 'start_month', 'ramp_years', 'realised_share', 'labour_share', 'one_off_cost_msek', 'cost_line']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: FixedSaving(name=..., amount_msek=..., start_year=..., start_month=..., ramp_years=..., realised_share=..., labour_share=..., one_off_cost_msek=..., cost_line=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def amount_msek(self) -> float:
        """
        yearly saving at full effect, base-year MSEK. Unit: MSEK. Allowed range: [0, 100000].
        """
    @amount_msek.setter
    def amount_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def cost_line(self) -> str:
        """
        Name of the cost line (service area) the measure applies to; '' = all lines / none.
        """
    @cost_line.setter
    def cost_line(self, arg0: str) -> None:
        ...
    @property
    def labour_share(self) -> float:
        """
        labour share for uprating the saving; a negative value (−1) means the cost line's share, or PKV's weight without a line. Unit: fraction. Allowed range: [0, 1] (a negative value is the sentinel described).
        """
    @labour_share.setter
    def labour_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def name(self) -> str:
        """
        Name (text), unique within its list where the core names it in messages.
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def one_off_cost_msek(self) -> float:
        """
        implementation cost in the start year. Unit: MSEK. Allowed range: [0, 100000].
        """
    @one_off_cost_msek.setter
    def one_off_cost_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def ramp_years(self) -> int:
        """
        years to reach the full effect (1 = the full step in the first year). Unit: years. Allowed range: [1, 50].
        """
    @ramp_years.setter
    def ramp_years(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def realised_share(self) -> float:
        """
        share of the saving expected to be realised. Unit: fraction. Allowed range: [0, 1].
        """
    @realised_share.setter
    def realised_share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def start_month(self) -> int:
        """
        first month of the saving; the first year counts (13 − month) / 12. Unit: months. Allowed range: [1, 12].
        """
    @start_month.setter
    def start_month(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def start_year(self) -> int:
        """
        first year of the saving (must also be a projected year). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @start_year.setter
    def start_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Measures:
    """
    The measures of a scenario: lists tax_changes, efficiency, earned_income_changes, work_lines, disposals, fixed_savings.
    """
    _fields: typing.ClassVar[list] = ['tax_changes', 'efficiency', 'earned_income_changes', 'work_lines', 'disposals', 'fixed_savings']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: Measures(tax_changes=..., efficiency=..., earned_income_changes=..., work_lines=..., disposals=..., fixed_savings=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def disposals(self) -> list[Disposal]:
        """
        List of Disposal.
        """
    @disposals.setter
    def disposals(self, arg0: collections.abc.Sequence[Disposal]) -> None:
        ...
    @property
    def earned_income_changes(self) -> list[EarnedIncomeChange]:
        """
        List of EarnedIncomeChange.
        """
    @earned_income_changes.setter
    def earned_income_changes(self, arg0: collections.abc.Sequence[EarnedIncomeChange]) -> None:
        ...
    @property
    def efficiency(self) -> list[EfficiencyMeasure]:
        """
        List of EfficiencyMeasure.
        """
    @efficiency.setter
    def efficiency(self, arg0: collections.abc.Sequence[EfficiencyMeasure]) -> None:
        ...
    @property
    def fixed_savings(self) -> list[FixedSaving]:
        """
        List of FixedSaving.
        """
    @fixed_savings.setter
    def fixed_savings(self, arg0: collections.abc.Sequence[FixedSaving]) -> None:
        ...
    @property
    def tax_changes(self) -> list[TaxChange]:
        """
        List of TaxChange.
        """
    @tax_changes.setter
    def tax_changes(self, arg0: collections.abc.Sequence[TaxChange]) -> None:
        ...
    @property
    def work_lines(self) -> list[WorkLinePolicy]:
        """
        List of WorkLinePolicy.
        """
    @work_lines.setter
    def work_lines(self, arg0: collections.abc.Sequence[WorkLinePolicy]) -> None:
        ...
class IncomeStatement:
    """
    Income statement per year (resultaträkning), base year first. Each line is a float64 array of shape (n_years,), nominal MSEK with statutory signs (costs negative); result_share is a fraction, tax_rate kr per 100 kr.
    """
    LINES: typing.ClassVar[list] = ['operating_income', 'operating_costs', 'depreciation', 'net_operating_cost', 'tax_revenue', 'general_grants', 'operating_result', 'financial_income', 'financial_costs', 'result', 'realisation_gains', 'other_balance_adjustments', 'reserve_use', 'balanced_budget_result', 'result_share', 'tax_rate', 'tax_base', 'final_settlement', 'efficiency_saving', 'efficiency_one_off_cost', 'tax_change_revenue', 'preliminary_tax', 'final_settlement_previous_year', 'final_settlement_current_year', 'income_equalisation', 'other_general_grants', 'equalisation_tax_base', 'own_tax_capacity', 'national_tax_capacity', 'population', 'inhabitant_tax_kr', 'inhabitant_equalisation_kr', 'inhabitant_regulation_kr', 'equalisation_change_per_krona', 'kept_per_krona', 'earned_income_effect', 'work_line_households_reduced', 'work_line_saving', 'work_line_cost', 'work_line_earnings', 'work_line_tax_base', 'work_line_tax_gain', 'work_line_equalisation_change', 'work_line_net', 'disposal_realisation_gain', 'disposal_running_cost_saved', 'disposal_depreciation_saved', 'disposal_interest_saved', 'disposal_external_rent', 'disposal_net', 'disposal_net_balanced_budget', 'fixed_saving', 'fixed_saving_one_off_cost', 'disposal_proceeds', 'disposal_debt_repaid', 'investments', 'new_investment_depreciation', 'self_financing', 'self_financing_ratio', 'borrowing_need', 'debt_at_year_end', 'cash_at_year_end', 'new_borrowing_interest', 'pension_interest', 'work_line_benefits', 'work_line_basic_deduction', 'work_line_persons_moved', 'work_line_migration_equalisation', 'efficiency_net_share', 'result_after_balance_adjustments', 'reserve_possible_reservation', 'reserve_reservation', 'reserve_withdrawal', 'reserve_balance', 'reserve_overdrawn', 'restoration_required', 'deficit_falling_due', 'deficit_restored', 'deficit_breach', 'new_deficit', 'deficit_to_restore', 'oldest_deficit_due_year', 'one_off_items', 'result_excluding_one_offs']
    def __len__(self) -> int:
        ...
    def index_of(self, year: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        Position of a year; InputError outside the years.
        """
    @property
    def balanced_budget_result(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        balanskravsresultat = result + realisation_gains (negative) + other adjustments + reserve use (float64 array of shape (n_years,), MSEK).
        """
    @property
    def borrowing_need(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        lånebehov = investments − self-financing (negative = surplus) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def cash_at_year_end(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        likvida medel, 31 December (float64 array of shape (n_years,), MSEK).
        """
    @property
    def debt_at_year_end(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        existing debt (less repayments from sales) + new borrowing, 31 December (float64 array of shape (n_years,), MSEK).
        """
    @property
    def deficit_breach(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the deficit falling due this year left unrestored at year end (a breach; it stays to be restored); in the base year also the deficits already overdue at its start (origin + 3 before the base year) left unrestored (float64 array of shape (n_years,), MSEK).
        """
    @property
    def deficit_falling_due(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        what is left at year start of the deficit whose third year this is (KL 11 kap. 12 §) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def deficit_restored(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        deficits restored this year, oldest first (float64 array of shape (n_years,), MSEK).
        """
    @property
    def deficit_to_restore(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        deficits not yet restored at year end, overdue ones included (float64 array of shape (n_years,), MSEK).
        """
    @property
    def depreciation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        avskrivningar (−) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_debt_repaid(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the part of the proceeds that repays the existing debt (at most the debt; 0 when no debt is given) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_depreciation_saved(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        depreciation no longer booked (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_external_rent(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        rent for replacement premises (a cost) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_interest_saved(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        interest on the debt the proceeds repaid (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_net(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        effect on the result (gain + savings − rent) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_net_balanced_budget(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        effect on the balanced-budget result (without gains) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_proceeds(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        sale prices received in the year of sale (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_realisation_gain(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        price − book value in the year of sale (a loss is negative) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def disposal_running_cost_saved(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        running cost no longer paid (float64 array of shape (n_years,), MSEK).
        """
    @property
    def earned_income_effect(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        tax base added by earned-income changes this year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def efficiency_net_share(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        municipality-wide net (tax-financed) share of the cost lines without measures: the default base of an efficiency rate (float64 array of shape (n_years,), fraction).
        """
    @property
    def efficiency_one_off_cost(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        one-off implementation costs of efficiency measures (float64 array of shape (n_years,), MSEK).
        """
    @property
    def efficiency_saving(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        cost avoided by efficiency measures this year, MSEK (positive) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def equalisation_change_per_krona(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        Change of the equalisation per krona added to the own tax base (≤ 0; −c·r/100 or −r_fee/100). (float64 array of shape (n_years,), fraction).
        """
    @property
    def equalisation_tax_base(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the own tax base as the equalisation sees it (calibrated) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def final_settlement(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        slutavräkningar within tax revenue (both years) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def final_settlement_current_year(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        slutavräkning for the current year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def final_settlement_previous_year(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        slutavräkning for the previous year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def financial_costs(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        finansiella kostnader (−) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def financial_income(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        finansiella intäkter (+) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def fixed_saving(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        saving realised this year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def fixed_saving_one_off_cost(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        one-off implementation costs this year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def general_grants(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        generella statsbidrag och utjämning = income equalisation + other items (float64 array of shape (n_years,), MSEK).
        """
    @property
    def grant_item_names(self) -> list[str]:
        """
        Names of the rows of grant_items (list of str).
        """
    @property
    def grant_items(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        Grant items (rows, named in grant_item_names) by year: float64 array of shape (n_items, n_years), MSEK.
        """
    @property
    def income_equalisation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        inkomstutjämning (+ grant, − fee), MSEK; 0 when grants are a total (float64 array of shape (n_years,), MSEK).
        """
    @property
    def inhabitant_equalisation_kr(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        change of the income equalisation for one inhabitant more (float64 array of shape (n_years,), kr).
        """
    @property
    def inhabitant_regulation_kr(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        regulation grant/fee per inhabitant that one inhabitant more brings (float64 array of shape (n_years,), kr).
        """
    @property
    def inhabitant_tax_kr(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        own tax that one inhabitant more with the average tax capacity brings (float64 array of shape (n_years,), kr).
        """
    @property
    def investments(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        nettoinvesteringar (positive = spent) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def kept_per_krona(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        What the municipality keeps of a krona added to its own tax base: rate / 100 + the change above. (float64 array of shape (n_years,), fraction).
        """
    @property
    def national_tax_capacity(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        medelskattekraft (float64 array of shape (n_years,), kr per inhabitant).
        """
    @property
    def net_operating_cost(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        verksamhetens nettokostnader = income + costs + depreciation (float64 array of shape (n_years,), MSEK).
        """
    @property
    def new_borrowing_interest(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        interest on new borrowing after the plan (part of financial costs) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def new_deficit(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        this year's negative balanced-budget result, to restore by the year + 3 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def new_investment_depreciation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        modelled depreciation of investments after the plan (part of depreciation) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def oldest_deficit_due_year(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        due year of the oldest deficit left at year end; NaN when none (float64 array of shape (n_years,), calendar year).
        """
    @property
    def one_off_items(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        jämförelsestörande poster in the result: realisation gains and losses, one-off costs of measures (signed) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def opening_deficit_state(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[4, 1]"]:
        """
        Deficits to restore at the start of the base year: overdue, then of origin base − 3, − 2, − 1 (float64 array of shape (4,), MSEK).
        """
    @property
    def operating_costs(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        verksamhetens kostnader (−) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def operating_income(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        verksamhetens intäkter (+), incl. realisation gains (float64 array of shape (n_years,), MSEK).
        """
    @property
    def operating_result(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        verksamhetens resultat = net operating cost + tax + grants (float64 array of shape (n_years,), MSEK).
        """
    @property
    def other_balance_adjustments(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        other balanskrav adjustments (signed) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def other_general_grants(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        general grants other than the income equalisation (float64 array of shape (n_years,), MSEK).
        """
    @property
    def own_tax_capacity(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        skattekraft in the equalisation (float64 array of shape (n_years,), kr per inhabitant).
        """
    @property
    def pension_interest(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        ränta på pensionsavsättning (part of financial costs); 0 = not split out (float64 array of shape (n_years,), MSEK).
        """
    @property
    def population(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        inhabitants used by the equalisation (float64 array of shape (n_years,), inhabitants).
        """
    @property
    def preliminary_tax(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        preliminär kommunalskatt = rate / 100 × tax base (float64 array of shape (n_years,), MSEK).
        """
    @property
    def realisation_gains(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        avgår: realisationsvinster — the gains (part of operating income) deducted for the balanced-budget result, printed NEGATIVE as in the balanskravsutredning (a gain of 5 MSEK is −5 here) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_balance(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        result reserve (resultatreserv; RUR before 2024) at year end, >= 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_overdrawn(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the part of a given withdrawal from the result reserve above the balance available at year start (opening balance too low or not given); the balance stops at zero while the balanced-budget result keeps the full withdrawal, >= 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_possible_reservation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        what the rules allow to reserve to the result reserve this year: the lower of the result and the adjusted result above 1 % (2 % with negative equity) of tax revenue + general grants, from 2024 up to the 5 % cap; 0 before 2013 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_reservation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        reserved to the result reserve this year (avsättning), >= 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_use(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        medel från (+) / till (−) resultatutjämningsreserv (float64 array of shape (n_years,), MSEK).
        """
    @property
    def reserve_withdrawal(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        withdrawn from the result reserve this year (disposition), >= 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def restoration_required(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the restoration the year must achieve: deficits overdue or falling due in it after earlier restorations (the balanced-budget target's floor), >= 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def result(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        årets resultat = operating result + financial income + costs (float64 array of shape (n_years,), MSEK).
        """
    @property
    def result_after_balance_adjustments(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        årets resultat efter balanskravsjusteringar = result + realisation_gains (negative) + other adjustments (float64 array of shape (n_years,), MSEK).
        """
    @property
    def result_excluding_one_offs(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        result − one_off_items (float64 array of shape (n_years,), MSEK).
        """
    @property
    def result_share(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        result / (tax revenue + general grants), fraction (resultat i procent av skatter och statsbidrag) (float64 array of shape (n_years,), fraction).
        """
    @property
    def self_financing(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        självfinansiering = result + depreciation − realisation gains/losses of disposals (float64 array of shape (n_years,), MSEK).
        """
    @property
    def self_financing_ratio(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        självfinansieringsgrad = self_financing / investments; 0 when there are no investments (undefined) (float64 array of shape (n_years,), fraction).
        """
    @property
    def tax_base(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        skatteunderlag (float64 array of shape (n_years,), MSEK).
        """
    @property
    def tax_change_revenue(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        revenue from tax changes this year, MSEK (positive for a rise) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def tax_rate(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        own tax rate (float64 array of shape (n_years,), kr per 100 kr).
        """
    @property
    def tax_revenue(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        skatteintäkter = preliminary tax + final settlements (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_basic_deduction(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        grundavdrag on those earnings and benefits, income year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_benefits(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        taxable benefits of those leaving for benefits, income year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_cost(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        implementation cost, MSEK (raises operating costs) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_earnings(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        earnings of those moved into work in this income year (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_equalisation_change(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the income equalisation's change on it, MSEK (≤ 0 below 115 %) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_households_reduced(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        households off assistance against the baseline path (float64 array of shape (n_years,), households).
        """
    @property
    def work_line_migration_equalisation(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        the income equalisation's change from those moved away, counted from the next year, ≤ 0 (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_net(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        saving − cost + tax gain + equalisation change + migration equalisation (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_persons_moved(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        inhabitants moved away by the end of the year (float64 array of shape (n_years,), persons).
        """
    @property
    def work_line_saving(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        assistance saved, MSEK (lowers operating costs) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_tax_base(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        tax base added this year (earnings of two years before) (float64 array of shape (n_years,), MSEK).
        """
    @property
    def work_line_tax_gain(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        own-rate tax on that added base (float64 array of shape (n_years,), MSEK).
        """
    @property
    def years(self) -> list[int]:
        """
        The years, base year first (list of int).
        """
class MeasureGroup:
    """
    The six lists of Measures.
    
    Members:
    
      DISPOSALS : Measures.disposals
    
      FIXED_SAVINGS : Measures.fixed_savings
    
      TAX_CHANGES : Measures.tax_changes
    
      EFFICIENCY : Measures.efficiency
    
      EARNED_INCOME_CHANGES : Measures.earned_income_changes
    
      WORK_LINES : Measures.work_lines
    """
    DISPOSALS: typing.ClassVar[MeasureGroup]
    EARNED_INCOME_CHANGES: typing.ClassVar[MeasureGroup]
    EFFICIENCY: typing.ClassVar[MeasureGroup]
    FIXED_SAVINGS: typing.ClassVar[MeasureGroup]
    TAX_CHANGES: typing.ClassVar[MeasureGroup]
    WORK_LINES: typing.ClassVar[MeasureGroup]
    __members__: typing.ClassVar[dict[str, MeasureGroup]]
    @typing.overload
    def __eq__(self, other: MeasureGroup) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: MeasureGroup) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class MeasureRef:
    """
    One measure of a Measures: its list (MeasureGroup) and its index in it.
    """
    def __init__(self, group: MeasureGroup, index: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def group(self) -> MeasureGroup:
        """
        The list (MeasureGroup).
        """
    @group.setter
    def group(self, arg0: MeasureGroup) -> None:
        ...
    @property
    def index(self) -> int:
        """
        The index in that list (0-based).
        """
    @index.setter
    def index(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class MeasureEffects:
    """
    Result of Projector.measure_effects: the baseline, the final projection and what each measure adds to the result.
    """
    @property
    def baseline(self) -> IncomeStatement:
        """
        The projection without measures.
        """
    @property
    def final(self) -> IncomeStatement:
        """
        The projection with every measure.
        """
    @property
    def result_change(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        """
        float64 array of shape (n_measures, n_years), MSEK: row i is the change of the result that measure order[i] adds to those before it; the rows sum to final.result - baseline.result.
        """
class Projector:
    """
    Validated inputs of one municipality and the projection engine over them. Projector(base, assumptions, horizon) raises InputError (a ValueError) for invalid input (field, year, value and range named). The GIL is released while it builds and runs.
    """
    def __init__(self, base: BaseYearState, assumptions: Assumptions, horizon: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def measure_effects(self, measures: Measures, order: collections.abc.Sequence[MeasureRef]) -> MeasureEffects:
        """
        Each measure's effect on the result when the measures are added one at a time in order (a list of MeasureRef naming every measure once). Validates each measure once, then projects the baseline and each prefix. Raises MeasureError (with .position, the index in order) for an invalid measure or a prefix that cannot be projected, InputError for an order that misses or repeats a measure.
        """
    def run(self, measures: Measures = ...) -> IncomeStatement:
        """
        Projects with the measures (applied to a copy; the baseline is never changed). Raises InputError for an invalid measure or a year whose costs would turn into income.
        """
    def run_batch(self, *, labour_cost_change: typing.Any = None, other_cost_change: typing.Any = None, tax_base_growth: typing.Any = None, national_tax_capacity_growth: typing.Any = None, volume_growth: typing.Any = None, target: Target | None = None, from_year: typing.SupportsInt | typing.SupportsIndex | None = None, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict:
        """
        Projects the baseline (no measures) once per draw with additive yearly shocks (batch.hpp, docs/model.md 'Batch evaluation'). Each shock is None or a float64 array of shape (n_draws, n_years), columns base year first (column 0, the base year, must be 0), fractions per year added to: labour_cost_change and other_cost_change (PKV), tax_base_growth (own tax base; grants that follow it follow), national_tax_capacity_growth (itemised grants only) and volume_growth (every cost line). threads: 0 = all cores; the result does not depend on it. Returns a dict of float64 arrays (n_draws, n_years): result, balanced_budget_result, tax_revenue, general_grants (MSEK) and result_share (fraction); with a target (a Target; from_year, the first year of the change, default base year + 1) also required_change, shape (n_draws,): each draw's required_sustained_change (kr per 100 kr). The GIL is released during the run. Raises InputError (a ValueError) naming the field for a wrong shape, a value that is not finite, a non-zero base-year column, a shocked value outside its range, a target share or from_year outside its range, or a draw whose tax need cannot be met (the draw named).
        """
    @property
    def assumptions(self) -> Assumptions:
        """
        The assumptions (a copy).
        """
    @property
    def base(self) -> BaseYearState:
        """
        The base year (a copy).
        """
    @property
    def base_year(self) -> int:
        """
        The base year.
        """
    @property
    def horizon(self) -> int:
        """
        The last year projected.
        """
    @property
    def implied_own_tax_capacity_kr(self) -> float:
        """
        Itemised grants: the own tax capacity (kr per inhabitant) that reproduces the base year's income equalisation (the calibration); 0 otherwise.
        """
class TargetKind:
    """
    What a year must achieve.
    
    Members:
    
      RESULT : årets resultat >= 0
    
      BALANCED_BUDGET_RESULT : balanskravsresultat >= 0 and >= the restoration due in the year (KL 11 kap. 12 §)
    
      RESULT_SHARE : result / (tax revenue + general grants) >= share
    
      RESULT_EXCLUDING_ONE_OFFS_SHARE : (result − one-off items) / (tax revenue + general grants) >= share
    """
    BALANCED_BUDGET_RESULT: typing.ClassVar[TargetKind]
    RESULT: typing.ClassVar[TargetKind]
    RESULT_EXCLUDING_ONE_OFFS_SHARE: typing.ClassVar[TargetKind]
    RESULT_SHARE: typing.ClassVar[TargetKind]
    __members__: typing.ClassVar[dict[str, TargetKind]]
    @typing.overload
    def __eq__(self, other: TargetKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: TargetKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Target:
    """
    A target: kind and share (fraction, RESULT_SHARE and RESULT_EXCLUDING_ONE_OFFS_SHARE only, [-0.5, 0.5]).
    """
    _fields: typing.ClassVar[list] = ['kind', 'share']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: Target(kind=..., share=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    def describe(self) -> str:
        """
        Human-readable name, e.g. 'result >= 2.0 % of tax revenue and general grants'.
        """
    @property
    def kind(self) -> TargetKind:
        """
        What the target requires (TargetKind).
        """
    @kind.setter
    def kind(self, arg0: TargetKind) -> None:
        ...
    @property
    def share(self) -> float:
        """
        result as a share of tax revenue and general grants (RESULT_SHARE only). Unit: fraction. Allowed range: [-0.5, 0.5].
        """
    @share.setter
    def share(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class PlanYear:
    """
    One plan year of an adopted budget, as printed: year, preliminary_tax_msek, tax_rate_kr_per_100kr, operating_income_msek, operating_costs_msek (positive MSEK), income_equalisation_msek (signed MSEK) and population (the equalisation's inhabitants; the last two for itemised grants only).
    """
    _fields: typing.ClassVar[list] = ['year', 'preliminary_tax_msek', 'tax_rate_kr_per_100kr', 'operating_income_msek', 'operating_costs_msek', 'income_equalisation_msek', 'population']
    def __init__(self, **kwargs) -> None:
        """
        Keyword construction: PlanYear(year=..., preliminary_tax_msek=..., tax_rate_kr_per_100kr=..., operating_income_msek=..., operating_costs_msek=..., income_equalisation_msek=..., population=...). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. Ranges are checked when the object is used (validate, Projector), from the table of limits.
        """
    def __repr__(self) -> str:
        ...
    @property
    def income_equalisation_msek(self) -> float:
        """
        the plan's income equalisation (+ grant, − fee); itemised grants only. Unit: MSEK. Allowed range: [-1e+06, 1e+06].
        """
    @income_equalisation_msek.setter
    def income_equalisation_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def operating_costs_msek(self) -> float:
        """
        the plan's verksamhetens kostnader as a positive amount, > 0 (a ratio of two years is taken). Unit: MSEK. Allowed range: (0, 1e+06].
        """
    @operating_costs_msek.setter
    def operating_costs_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def operating_income_msek(self) -> float:
        """
        the plan's verksamhetens intäkter, > 0 (a ratio of two years is taken). Unit: MSEK. Allowed range: (0, 1e+06].
        """
    @operating_income_msek.setter
    def operating_income_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def population(self) -> float:
        """
        the equalisation's inhabitants in the plan year; itemised grants only. Unit: inhabitants. Allowed range: [1, 2e+07].
        """
    @population.setter
    def population(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def preliminary_tax_msek(self) -> float:
        """
        the plan's preliminary municipal tax, > 0 (open lower bound). Unit: MSEK. Allowed range: (0, 1e+06].
        """
    @preliminary_tax_msek.setter
    def preliminary_tax_msek(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tax_rate_kr_per_100kr(self) -> float:
        """
        the own rate of the plan year. Unit: kr per 100 kr. Allowed range: [5, 50].
        """
    @tax_rate_kr_per_100kr.setter
    def tax_rate_kr_per_100kr(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def year(self) -> int:
        """
        a plan year of the adopted budget (consecutive from the base year + 1). Unit: calendar year. Allowed range: [1900, 2200].
        """
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class PlanCalibration:
    """
    Growth rates implied by an adopted plan (YearSeries over the plan years): projecting with them reproduces the plan's tax revenue, operating income and costs and (itemised grants) its income equalisation.
    """
    @property
    def national_tax_capacity_growth(self) -> YearSeries:
        """
        Itemised grants: growth of the national tax capacity (fraction per year) at which the equalisation formula gives the plan's income equalisation; empty otherwise.
        """
    @property
    def national_tax_capacity_kr(self) -> YearSeries:
        """
        Itemised grants: the implied national tax capacity per plan year, kr per inhabitant.
        """
    @property
    def operating_income_growth(self) -> YearSeries:
        """
        income[t] / income[t-1] - 1 (fraction per year).
        """
    @property
    def own_tax_capacity_kr(self) -> YearSeries:
        """
        Itemised grants: the own tax capacity the projection sees per plan year, kr per inhabitant.
        """
    @property
    def tax_base_growth(self) -> YearSeries:
        """
        tax_base[t] / tax_base[t-1] - 1 (fraction per year), from the base year's tax_base_msek.
        """
    @property
    def tax_base_msek(self) -> YearSeries:
        """
        Implied tax base per plan year, MSEK: preliminary tax / (rate / 100).
        """
    @property
    def volume_growth(self) -> YearSeries:
        """
        (costs[t] / costs[t-1]) / (1 + PKV[t]) - 1 (fraction per year): the volume of a line at PKV's labour weight that reproduces the plan's costs.
        """
class RevenueEstimate:
    """
    What a municipality's tax base and tax capacity give (estimate_revenue).
    """
    def __repr__(self) -> str:
        ...
    @property
    def capacity_index(self) -> float:
        """
        Own / national tax capacity × 100, percent.
        """
    @property
    def equalisation_change_per_krona(self) -> float:
        """
        Change of the equalisation per krona of own tax base (<= 0).
        """
    @property
    def income_equalisation_kr_per_inhabitant(self) -> float:
        """
        The same per inhabitant, kr.
        """
    @property
    def income_equalisation_msek(self) -> float:
        """
        Income equalisation by the formula (uncalibrated), MSEK (+ grant, - fee).
        """
    @property
    def kept_per_krona(self) -> float:
        """
        What the municipality keeps of a krona of tax base: rate / 100 + the change above.
        """
    @property
    def one_ore_kr_per_inhabitant(self) -> float:
        """
        one_ore_msek × 1e6 / population, kr per inhabitant.
        """
    @property
    def one_ore_msek(self) -> float:
        """
        What 1 öre raises: tax base / 10 000, MSEK.
        """
    @property
    def tax_revenue_msek(self) -> float:
        """
        rate / 100 × tax base, MSEK.
        """
class DriverBridge:
    """
    From the base year's result to a scenario's result in one year, by driver (driver_bridge).
    """
    @property
    def drivers(self) -> list[str]:
        """
        The nine rows: 'base-year result', 'other planned amounts', 'price (PKV)', 'volume', 'operating income growth', 'own tax base growth', 'national tax capacity growth (equalisation)', 'measures', 'scenario result'.
        """
    @property
    def msek(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        float64 array of shape (9,), MSEK: the first and last rows are results, the others steps that sum exactly from the first to the last.
        """
    @property
    def ore(self) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        float64 array of shape (9,): msek in öre on the rate against the baseline's tax base in year.
        """
    @property
    def year(self) -> int:
        """
        The year bridged to.
        """
class MonteCarloSummary:
    """
    The statistics of Monte Carlo draws (monte_carlo.hpp; docs/model.md §19): per output ('result', 'balanced_budget_result' in MSEK, 'result_share' as a fraction) and year a fixed histogram, exact min/max and exact fixed-point mean and standard deviation; counters; the required sustained change per draw (kr per 100 kr).
    """
    def copy(self) -> MonteCarloSummary:
        ...
    def counts(self, what: str) -> numpy.typing.NDArray[numpy.uint64]:
        """
        Draws per year (n_years,) in which the event happened (uint64).
        """
    def histogram(self, output: str, year: typing.SupportsInt | typing.SupportsIndex = 0) -> tuple[float, float, numpy.typing.NDArray[numpy.uint64]]:
        """
        (low, width, counts): counts[0] below low (underflow), counts[i] in [low + (i−1)·width, low + i·width), counts[-1] at or above the last edge (overflow). output 'required_change' ignores year.
        """
    def kept(self) -> typing.Any:
        """
        The kept draws (keep_draws) as a dict of arrays, or None: draw (n,), result, balanced_budget_result, result_share (n, n_years), required_change (n,).
        """
    def max(self, output: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        Exact largest draw per year (n_years,).
        """
    def mean(self, output: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        Sample mean per year (n_years,).
        """
    def merge(self, other: MonteCarloSummary) -> None:
        """
        Adds the summary of other draws of the same spec, in place (exact: equals one call over both). Raises InputError naming what differs or the overlapping draws.
        """
    def min(self, output: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        Exact smallest draw per year (n_years,).
        """
    def quantile_error(self, output: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        The bin width per year (n_years,): the bound on a quantile's error, in the output's unit.
        """
    def quantile_outside_bins(self, output: str, q: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> numpy.typing.NDArray[numpy.bool]:
        """
        Shape (len(q), n_years): True where the quantile fell below or above the pilot's bins and the exact min or max was returned instead.
        """
    def quantiles(self, output: str, q: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> numpy.typing.NDArray[numpy.float64]:
        """
        Quantiles, shape (len(q), n_years): the bin holding the ceil(q·n)-th smallest draw, linear inside it; within quantile_error(output) of the sample quantile. q = 0 / 1: the exact min / max.
        """
    def required_change_quantiles(self, q: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> list[float]:
        """
        Quantiles of the required sustained change, kr per 100 kr.
        """
    def std(self, output: str) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
        """
        Sample standard deviation (n − 1) per year (n_years,).
        """
    @property
    def bins(self) -> int:
        ...
    @property
    def draw_ranges(self) -> list[tuple[int, int]]:
        """
        The draws summarised, as half-open ranges (first, last) of draw indices.
        """
    @property
    def first_shocked_year(self) -> int:
        ...
    @property
    def from_year(self) -> int:
        ...
    @property
    def n_draws(self) -> int:
        ...
    @property
    def realisation_sd(self) -> list[float]:
        ...
    @property
    def realisation_table_error(self) -> list[float]:
        ...
    @property
    def required_change_error(self) -> float:
        ...
    @property
    def required_change_max(self) -> float:
        ...
    @property
    def required_change_mean(self) -> float:
        ...
    @property
    def required_change_min(self) -> float:
        ...
    @property
    def required_change_std(self) -> float:
        ...
    @property
    def rise_needed(self) -> int:
        """
        Draws whose required sustained change rounds up to at least one öre.
        """
    @property
    def seed(self) -> int:
        ...
    @property
    def shocks(self) -> list[tuple[str, float]]:
        """
        The shocks as (name, sd) pairs in the order given.
        """
    @property
    def target(self) -> Target:
        ...
    @property
    def years(self) -> list[int]:
        ...
def balanced_budget_met(statement: IncomeStatement) -> typing.Annotated[numpy.typing.NDArray[numpy.bool], "[m, 1]"]:
    """
    Per year whether the balanced-budget requirement is met: balanced_budget_result >= -TARGET_TOLERANCE_MSEK; bool array of shape (n_years,).
    """
def balancing_grant_item_msek(net_cost_msek: typing.SupportsFloat | typing.SupportsIndex, tax_revenue_msek: typing.SupportsFloat | typing.SupportsIndex, income_equalisation_msek: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Approximate baseline: net cost - tax revenue - income equalisation (MSEK, signed), the derived grant item that makes the base-year result 0 when operating income, depreciation and financial items are 0.
    """
def basic_deduction_kr(income_kr: typing.SupportsFloat | typing.SupportsIndex, price_base_amount_kr: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Grundavdrag (kr) below 66, inkomstskattelagen 63 kap. 3 §: of a fastställd förvärvsinkomst income_kr (kr, [0, 1e9]) with the year's prisbasbelopp (kr, [1e4, 5e5]); rounded up to whole hundreds, at most the income.
    """
def book_value_at_sale(book_value_msek: typing.SupportsFloat | typing.SupportsIndex, depreciation_msek: typing.SupportsFloat | typing.SupportsIndex, base_year: typing.SupportsInt | typing.SupportsIndex, year: typing.SupportsInt | typing.SupportsIndex, month: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    Book value on the sale date, MSEK: book_value − depreciation × ((year − base_year) + (month − 1) / 12), not below 0 (the book value given is at 1 January of the base year).
    """
def calibrate_plan(base: BaseYearState, price_index: PriceIndex, plan: collections.abc.Sequence[PlanYear]) -> PlanCalibration:
    """
    Calibrates an adopted budget's plan in closed form (no trial projection): tax base, operating income, volume and (itemised grants) national tax capacity growth per plan year. plan: PlanYear list, consecutive from base.year + 1. Raises InputError naming the plan year and the field.
    """
def chain(base_amount: typing.SupportsFloat | typing.SupportsIndex, base_year: typing.SupportsInt | typing.SupportsIndex, change: YearSeries, to_year: typing.SupportsInt | typing.SupportsIndex) -> YearSeries:
    """
    Chains yearly changes (fractions) onto an amount from base_year to to_year; returns a YearSeries in the unit of base_amount. Raises ValueError for a missing year or a rate outside [-0.5, 0.5].
    """
def depreciation_kernel(classes: collections.abc.Sequence[DepreciationClass], n: typing.SupportsInt | typing.SupportsIndex) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    Straight-line depreciation of 1 MSEK invested by years after the investment year (float64 array of shape (n,); element 0 is 0: depreciation starts the year after). InputError for shares not summing to 1.
    """
def draw_shocks(seed: typing.SupportsInt | typing.SupportsIndex, first_draw: typing.SupportsInt | typing.SupportsIndex, n_draws: typing.SupportsInt | typing.SupportsIndex, n_years: typing.SupportsInt | typing.SupportsIndex, sd: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"], correlation: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, n]"], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Correlated normal shocks, shape (k, n_draws, n_years) with k = len(sd): element (s, i, t) is shock s of draw first_draw + i in year index t, sd[s] · Σ_j F[s, j] · z_j with F · Fᵀ = correlation and z_j the standard normal of draw, year t and shock j: Philox4x64-10 keyed by seed with Boost.Random's ziggurat (docs/model.md, "Shocks: a counter-based generator"). Bit-identical for any threads (0: one per hardware thread) and any split of the draws over calls. sd: standard deviations (a growth shock: fraction per year, [0, 0.5]); correlation: k × k, symmetric, ones on the diagonal, positive semi-definite. The GIL is released while drawing. Raises InputError (ValueError) naming the entry and the property expected.
    """
def driver_bridge(projector: Projector, measures: Measures, year: typing.SupportsInt | typing.SupportsIndex) -> DriverBridge:
    """
    Bridge by driver of the measures in year (a projection year): all drivers frozen (price, volume, operating income growth, tax base growth with the grants that follow it, national tax capacity), then restored one at a time. Raises InputError for a year outside base year + 1 .. horizon or an invalid measure.
    """
def efficiency_rate_equivalent(statement: IncomeStatement, year: typing.SupportsInt | typing.SupportsIndex, amount_msek: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    One-off across-the-board efficiency rate (fraction of that year's net costs: efficiency_net_share × operating costs) saving amount_msek.
    """
def equalisation_change_per_krona(params: IncomeEqualisation, own_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, national_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Change of the equalisation per krona of own tax base (<= 0).
    """
def estimate_revenue(params: IncomeEqualisation, tax_rate_kr_per_100kr: typing.SupportsFloat | typing.SupportsIndex, tax_base_msek: typing.SupportsFloat | typing.SupportsIndex, own_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, national_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex) -> RevenueEstimate:
    """
    Tax revenue, one öre, income equalisation (by the formula), what is kept per krona and the capacity index of a municipality. Rate in kr per 100 kr, tax base in MSEK, capacities in kr per inhabitant. Raises InputError outside the ranges of the table of limits (structure 'estimate_revenue').
    """
def field_limit(structure: str, field: str) -> dict[str, typing.Any]:
    """
    One row of field_limits() as a dict. Raises InputError (a ValueError) naming the unknown structure or field and listing the known ones.
    """
def field_limits() -> list[dict[str, typing.Any]]:
    """
    The core's table of limits (docs/model.md §14): one dict per checked field, with keys structure (the C++ struct, or the free function whose argument it is), field, low and high (float, inclusive unless the description says the bound is open; -inf/inf = unbounded), unit ('MSEK', 'fraction', 'fraction per year', 'kr per 100 kr', 'kr per inhabitant', 'inhabitants', 'households', 'persons', 'm²', 'months', 'years', 'percent', 'calendar year', 'kr per year'), kind ('amount', 'whole_number', 'share', 'fraction', 'tax_rate', 'tax_rate_change': decides the hint of an error message), description and negative_sentinel (bool: a negative value means something, e.g. -1 = PKV's weight, and skips the range check).
    """
def gap_saving_msek(gap_msek: typing.SupportsFloat | typing.SupportsIndex, share_closed: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Yearly saving (base-year MSEK) of closing share_closed (fraction, [0, 1]) of a service area's gap (MSEK, [0, 1e6]): gap × share (scenario kinds nka_gap and area_gap). InputError outside the ranges.
    """
def household_tax_change_kr(change_kr_per_100kr: typing.SupportsFloat | typing.SupportsIndex, taxable_income_kr: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Yearly cost (kr) of a rate change (kr per 100 kr, [-10, 10]) for a taxable income (kr per year, [0, 1e9]).
    """
def implied_national_tax_capacity_kr(params: IncomeEqualisation, equalisation_msek: typing.SupportsFloat | typing.SupportsIndex, own_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    National tax capacity (kr per inhabitant) at which the formula gives equalisation_msek.
    """
def implied_own_tax_capacity_kr(params: IncomeEqualisation, equalisation_msek: typing.SupportsFloat | typing.SupportsIndex, national_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Own tax capacity (kr per inhabitant) at which the formula gives equalisation_msek (base-year calibration).
    """
def implied_tax_base_msek(tax_revenue_msek: typing.SupportsFloat | typing.SupportsIndex, tax_rate_kr_per_100kr: typing.SupportsFloat | typing.SupportsIndex, final_settlement_msek: typing.SupportsFloat | typing.SupportsIndex = 0.0, year: typing.SupportsInt | typing.SupportsIndex = -1) -> float:
    """
    Tax base (MSEK) implied by tax revenue: (revenue − settlement) / (rate / 100). InputError for a rate outside [5, 50] kr per 100 kr or a non-positive result.
    """
def income_equalisation_msek(params: IncomeEqualisation, own_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, national_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Income equalisation, MSEK (+ grant below 115 % of the national capacity, − fee above), with the county rates. Capacities in kr per inhabitant.
    """
def inhabitant_worth(params: IncomeEqualisation, tax_rate_kr_per_100kr: typing.SupportsFloat | typing.SupportsIndex, own_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex, national_tax_capacity_kr: typing.SupportsFloat | typing.SupportsIndex) -> InhabitantWorth:
    """
    What one inhabitant with the average own tax capacity brings, kr: own tax rate / 100 × K and the equalisation's e / 100 × (G·M − K).
    """
def labour_cost_change_with_po(wage_change: typing.SupportsFloat | typing.SupportsIndex, po_before: typing.SupportsFloat | typing.SupportsIndex, po_now: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Labour-cost change incl. social charges (PO, fraction of wages): (1 + wage) × (1 + po_now) / (1 + po_before) − 1, fractions. Raises ValueError for a wage change outside [-0.5, 0.5] or a PO rate outside [0, 1].
    """
def monte_carlo_shock_is_yearly(name: str) -> bool:
    """
    Whether the shock is yearly (in the correlation matrix) or drawn once per draw.
    """
def monte_carlo_shock_kinds() -> list[str]:
    """
    The names of the Monte Carlo shocks (monte_carlo.hpp ShockKind): the yearly ones first (labour_cost_change, other_cost_change, tax_base_growth, national_tax_capacity_growth, volume_growth, population_growth, assistance_households), then the per-draw ones (measure_realisation, sale_price).
    """
def net_cost_gap_msek(net_cost_msek: typing.SupportsFloat | typing.SupportsIndex, net_cost_deviation_percent: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Gap to the reference cost, MSEK: net cost (MSEK, [0, 1e6]) × NKA / (100 + NKA), NKA in percent [-99.999, 1000]; 0 for NKA <= 0.
    """
def neutral_volume_growth(price_index: PriceIndex, tax_base_growth: YearSeries, first: typing.SupportsInt | typing.SupportsIndex, last: typing.SupportsInt | typing.SupportsIndex) -> YearSeries:
    """
    Approximate baseline: (1 + tax_base_growth[t]) / (1 + PKV[t]) - 1 per year first..last (fractions), the volume at which a line at PKV's weight grows with the tax base. Returns a YearSeries 'volume_growth'.
    """
def one_ore_msek(tax_base_msek: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    What 1 öre on the rate (0.01 kr per 100 kr) raises on a tax base, MSEK: tax base / 10 000 (the inverse of tax_rate_equivalent_ore for 1 MSEK). InputError for a tax base <= 0.
    """
def opening_deficit_state(inputs: BalanceRequirement, base_year: typing.SupportsInt | typing.SupportsIndex) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[4, 1]"]:
    """
    Deficits to restore at the start of the base year (MSEK): overdue, then of origin base − 3, − 2, − 1.
    """
def own_tax_base_growth(capacity_growth: typing.SupportsFloat | typing.SupportsIndex, population_before: typing.SupportsFloat | typing.SupportsIndex, population_after: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Own tax base growth (fraction) from the capacity growth per inhabitant and the inhabitants before and after: (1 + capacity_growth) × after / before − 1.
    """
def peer_gap_msek(net_cost_msek: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex, peer_cost_per_inhabitant_kr: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Gap to peers, MSEK: net cost (MSEK) − peer cost (kr per inhabitant) × population / 1e6; 0 when at or below.
    """
def per_inhabitant_amount_msek(kr_per_inhabitant: typing.SupportsFloat | typing.SupportsIndex, population: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    An amount per inhabitant as MSEK: kr × population / 1e6.
    """
def per_inhabitant_growth(total_growth: typing.SupportsFloat | typing.SupportsIndex, population_growth: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Growth per inhabitant (fraction): (1 + total) / (1 + population growth) − 1.
    """
def pkv_change(labour_change: typing.SupportsFloat | typing.SupportsIndex, other_change: typing.SupportsFloat | typing.SupportsIndex, labour_weight: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    PKV (SKR) for one year: weight × labour + (1 − weight) × other, all fractions. Raises ValueError for a weight outside [0, 1] or a rate outside [-0.5, 0.5].
    """
def premises_target_saving_msek(total_premises_cost_msek: typing.SupportsFloat | typing.SupportsIndex, share: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Yearly saving (base-year MSEK) of a premises target: share (fraction, [0, 1]) of the total premises cost (MSEK, [0, 100000]). InputError outside the ranges.
    """
def project(base: BaseYearState, assumptions: Assumptions, horizon: typing.SupportsInt | typing.SupportsIndex, measures: Measures = ...) -> IncomeStatement:
    """
    Projector(base, assumptions, horizon).run(measures).
    """
def remaining_year_share(start_month: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    Share of a year left from the first day of start_month (1-12): (13 − month) / 12.
    """
def required_sustained_change(statement: IncomeStatement, target: Target, from_year: typing.SupportsInt | typing.SupportsIndex) -> float:
    """
    Single sustained change of the rate (kr per 100 kr) from from_year meeting the target in every later year (negative = room to lower it). For BALANCED_BUDGET_RESULT the deficits are replayed: earlier surpluses of the change lower later restorations.
    """
def required_tax_rate(statement: IncomeStatement, target: Target) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    Lowest own rate (kr per 100 kr) meeting the target each year; float64 array of shape (n_years,). InputError for an impossible target (a rate outside [0, 100]).
    """
def round_up_to_ore(kr_per_100kr: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    A rate or a change of the rate (kr per 100 kr) rounded up to whole öre, the unit a council sets: the smallest whole-öre value >= the value (21.3649999 -> 21.37; -0.5214 -> -0.52; float noise below 1e-9 ignored), so a required rate rounded this way still meets its target. InputError for a value that is not finite.
    """
def run_many(projectors: collections.abc.Sequence, measures: typing.Any = None, *, threads: typing.SupportsInt | typing.SupportsIndex = 0, target: Target | None = None, from_year: typing.SupportsInt | typing.SupportsIndex | None = None, measure_effect: bool = False) -> dict:
    """
    Projects many municipalities in one call (many.hpp, docs/model.md §21). projectors: a list of Projector, all with the same base year and horizon (the first mismatch is named); measures: None (no measures) or a list of Measures, one per projector, each validated once. threads: 0 = all cores; the numbers do not depend on it. target and from_year (both or neither): also the tax need, required_sustained_change of each municipality (kr per 100 kr). measure_effect: also project without the measures and return the change of the result (MSEK) and its öre on the rate against the tax base without measures. Returns a dict: years (list), result, balanced_budget_result, tax_revenue, general_grants, tax_base (MSEK) and result_share (fraction), each a float64 array (n_municipalities, n_years); tax_need (n_municipalities,) with a target; measure_effect_msek and measure_effect_ore (n_municipalities, n_years) with measure_effect. The GIL is released during the run. Raises InputError (a ValueError) for mismatched years or list lengths, a negative threads, and, prefixed 'projectors[i]: ', for municipality i's invalid measure or impossible target.
    """
def run_monte_carlo(projector: Projector, measures: Measures, *, seed: typing.SupportsInt | typing.SupportsIndex, first_draw: typing.SupportsInt | typing.SupportsIndex = 0, n_draws: typing.SupportsInt | typing.SupportsIndex, shocks: collections.abc.Sequence[tuple[str, typing.SupportsFloat | typing.SupportsIndex]], correlation: typing.Any = None, first_shocked_year: typing.SupportsInt | typing.SupportsIndex = 0, target: Target, from_year: typing.SupportsInt | typing.SupportsIndex = 0, bins: typing.SupportsInt | typing.SupportsIndex = 2048, keep_draws: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: typing.Any = None, assistance_cost_line: typing.SupportsInt | typing.SupportsIndex = -1) -> MonteCarloSummary:
    """
    Monte Carlo draws first_draw … first_draw + n_draws − 1 of the projector's baseline with `measures` (monte_carlo.hpp; docs/model.md §19). shocks: (name, sd) pairs (monte_carlo_shock_kinds()); correlation: k × k over the yearly shocks in the order given (empty: independent); first_shocked_year / from_year: 0 = base year + 1; assistance_cost_line: the index of the cost line of ekonomiskt bistånd whose volume growth the assistance_households shock also moves (-1 = none). The run releases the GIL and goes on its own thread; every ~75 ms this thread checks for signals (Ctrl-C) and calls progress(done, total) if given; a signal or an exception of the callback stops the run (within a block of 1 024 draws per worker) and is raised. Returns a MonteCarloSummary. Raises InputError naming the field, value and range, or the draw whose shocked value or projection failed.
    """
def set_log_level(level: str) -> None:
    """
    Sets the level below which the C++ core drops messages before they reach Python's logging ('debug', 'info', 'warning', 'error', 'off'); the default is 'info' (a projector build logs at 'debug'). Raises ValueError for an unknown level.
    """
def target_gap_msek(statement: IncomeStatement, target: Target) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    Shortfall per year against the target, MSEK (negative = margin); float64 array of shape (n_years,). Raises InputError for a share outside [-0.5, 0.5].
    """
def target_met(statement: IncomeStatement, target: Target) -> typing.Annotated[numpy.typing.NDArray[numpy.bool], "[m, 1]"]:
    """
    Per year whether the target is met: target_gap_msek <= TARGET_TOLERANCE_MSEK (1e-6 MSEK); bool array of shape (n_years,).
    """
def tax_rate_equivalent_ore(amount_msek: typing.SupportsFloat | typing.SupportsIndex, tax_base_msek: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    An amount (MSEK) as öre on the rate: amount / (tax base / 100) × 100. InputError for a tax base <= 0.
    """
def tax_rate_equivalents_ore(statement: IncomeStatement, amounts_msek: typing.Annotated[numpy.typing.ArrayLike, numpy.float64, "[m, 1]"]) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, 1]"]:
    """
    Öre equivalents of yearly amounts (shape (n_years,), MSEK) against the statement's tax base; float64 array of shape (n_years,).
    """
def user_volume_growth(users_before: typing.SupportsFloat | typing.SupportsIndex, users_after: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    Volume growth (fraction per year) of a service at a constant real cost per user: users_after / users_before − 1 (users in persons; users_before > 0).
    """
def version() -> str:
    """
    The core library version (the project VERSION in CMakeLists.txt).
    """
def wage_agreement_averages(rates: YearSeries, start_month: typing.SupportsInt | typing.SupportsIndex) -> YearSeries:
    """
    Yearly average wage increases (fractions) from agreed rates taking effect in start_month each year: (start_month − 1)/12 × last year's rate + (13 − start_month)/12 × this year's (the overhang; RULES.md §6). Returns a YearSeries for the years after the first (every year for start_month 1). Raises ValueError for fewer than two years, a rate outside [-0.5, 0.5] or a month outside 1-12.
    """
TARGET_TOLERANCE_MSEK: float = 1e-06
__version__: str = '0.5.0'
