"""Type stub of the compiled core kommunbudget._core (C++17, pybind11). Private: use the kommunbudget package.

Units: amounts in nominal MSEK; tax rates in kr per 100 kr; growth rates, shares and weights as fractions.
Invalid input raises InputError (a ValueError) naming the field, the year, the value and the allowed range.
"""
from enum import Enum
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

__version__: str

class InputError(ValueError): ...
class ComputationError(RuntimeError): ...

def set_log_level(level: str) -> None: ...
def version() -> str: ...

class YearSeries:
    def __init__(self, field: str = ..., years: list[int] = ..., values: list[float] = ...) -> None: ...
    @staticmethod
    def constant(field: str, first_year: int, last_year: int, value: float) -> YearSeries: ...
    @property
    def field(self) -> str: ...
    @property
    def first_year(self) -> int: ...
    @property
    def last_year(self) -> int: ...
    @property
    def years(self) -> list[int]: ...
    @property
    def values(self) -> list[float]: ...
    def empty(self) -> bool: ...
    def has(self, year: int) -> bool: ...
    def at(self, year: int) -> float: ...
    def require_years(self, first: int, last: int) -> None: ...
    def with_value(self, year: int, value: float) -> YearSeries: ...
    def as_dict(self) -> dict[int, float]: ...
    def __len__(self) -> int: ...

def chain(base_amount: float, base_year: int, change: YearSeries, to_year: int) -> YearSeries: ...
def pkv_change(labour_change: float, other_change: float, labour_weight: float) -> float: ...

class PriceIndex:
    labour_cost_change: YearSeries
    other_cost_change: YearSeries
    labour_weight: YearSeries
    def __init__(self) -> None: ...
    def validate(self, first: int, last: int) -> None: ...
    def pkv(self, year: int) -> float: ...
    def price_change(self, year: int, labour_share: float) -> float: ...
    def factor(self, from_year: int, to_year: int, labour_share: float = -1.0) -> float: ...
    def uprate(self, amount: float, price_year: int, to_year: int, labour_share: float = -1.0) -> float: ...

class IncomeEqualisation:
    _fields: ClassVar[list[str]]
    guarantee_share: float
    compensation_degree: float
    grant_rate_kr_per_100kr: float
    fee_rate_kr_per_100kr: float
    def __init__(self, **kwargs: Any) -> None: ...
    def validate(self) -> None: ...

def income_equalisation_msek(params: IncomeEqualisation, own_tax_capacity_kr: float, national_tax_capacity_kr: float,
                             population: float) -> float: ...
def equalisation_change_per_krona(params: IncomeEqualisation, own_tax_capacity_kr: float,
                                  national_tax_capacity_kr: float) -> float: ...
def implied_own_tax_capacity_kr(params: IncomeEqualisation, equalisation_msek: float, national_tax_capacity_kr: float,
                                population: float) -> float: ...
def implied_national_tax_capacity_kr(params: IncomeEqualisation, equalisation_msek: float, own_tax_capacity_kr: float,
                                     population: float) -> float: ...

class GrantItem:
    _fields: ClassVar[list[str]]
    name: str
    amount_msek: float
    def __init__(self, **kwargs: Any) -> None: ...

class GrantItemPath:
    _fields: ClassVar[list[str]]
    name: str
    amounts_msek: YearSeries
    growth: YearSeries
    def __init__(self, **kwargs: Any) -> None: ...

class CostLine:
    _fields: ClassVar[list[str]]
    name: str
    cost_msek: float
    labour_share: float
    volume_growth: YearSeries
    def __init__(self, **kwargs: Any) -> None: ...

class BaseYearState:
    _fields: ClassVar[list[str]]
    code: str
    name: str
    year: int
    tax_rate_kr_per_100kr: float
    tax_base_msek: float
    final_settlement_msek: float
    final_settlement_previous_year_msek: float
    operating_income_msek: float
    cost_lines: list[CostLine]
    depreciation_msek: float
    general_grants_msek: float
    itemised_grants: bool
    equalisation: IncomeEqualisation
    population: float
    national_tax_capacity_kr: float
    income_equalisation_msek: float
    grant_items: list[GrantItem]
    financial_income_msek: float
    financial_costs_msek: float
    realisation_gains_msek: float
    reserve_use_msek: float
    other_balance_adjustments_msek: float
    depreciation_in_cost_lines: bool
    def __init__(self, **kwargs: Any) -> None: ...
    def validate(self) -> None: ...
    def operating_costs_msek(self) -> float: ...

class Assumptions:
    _fields: ClassVar[list[str]]
    price_index: PriceIndex
    tax_base_growth: YearSeries
    operating_income_growth: YearSeries
    general_grants_msek: YearSeries
    general_grants_growth: YearSeries
    population: YearSeries
    national_tax_capacity_growth: YearSeries
    grant_items: list[GrantItemPath]
    final_settlement_previous_year_msek: YearSeries
    depreciation_msek: YearSeries
    financial_income_msek: YearSeries
    financial_costs_msek: YearSeries
    tax_rate_kr_per_100kr: YearSeries
    final_settlement_msek: YearSeries
    realisation_gains_msek: YearSeries
    reserve_use_msek: YearSeries
    def __init__(self, **kwargs: Any) -> None: ...
    def validate(self, first: int, last: int, itemised: bool = False) -> None: ...

def implied_tax_base_msek(tax_revenue_msek: float, tax_rate_kr_per_100kr: float, final_settlement_msek: float = 0.0,
                          year: int = -1) -> float: ...

class TaxChange:
    _fields: ClassVar[list[str]]
    from_year: int
    change_kr_per_100kr: float
    def __init__(self, **kwargs: Any) -> None: ...

class EfficiencyMeasure:
    _fields: ClassVar[list[str]]
    from_year: int
    rate: float
    yearly: bool
    cost_line: str
    start_month: int
    ramp_years: int
    realised_share: float
    one_off_cost_msek: float
    def __init__(self, **kwargs: Any) -> None: ...

class EarnedIncomeChange:
    _fields: ClassVar[list[str]]
    income_year: int
    amount_msek: float
    def __init__(self, **kwargs: Any) -> None: ...

def remaining_year_share(start_month: int) -> float: ...
def net_cost_gap_msek(net_cost_msek: float, net_cost_deviation_percent: float) -> float: ...
def peer_gap_msek(net_cost_msek: float, population: float, peer_cost_per_inhabitant_kr: float) -> float: ...

class WorkLinePolicy:
    _fields: ClassVar[list[str]]
    name: str
    baseline_households: float
    cost_per_household_kr: float
    household_trend: float
    start_year: int
    start_month: int
    target_reduction: float
    ramp_years: int
    share_into_work: float
    earnings_per_person_kr: float
    persons_per_household: float
    implementation_cost_msek: float
    def __init__(self, **kwargs: Any) -> None: ...

class Property:
    _fields: ClassVar[list[str]]
    id: str
    use: str
    area_m2: float
    book_value_msek: float
    market_value_msek: float
    running_cost_msek: float
    depreciation_msek: float
    vacancy: float
    need_remains: bool
    external_rent_msek: float
    def __init__(self, **kwargs: Any) -> None: ...

class Disposal:
    _fields: ClassVar[list[str]]
    property: Property
    year: int
    month: int
    price_msek: float
    debt_interest_rate: float
    def __init__(self, **kwargs: Any) -> None: ...

class FixedSaving:
    _fields: ClassVar[list[str]]
    name: str
    amount_msek: float
    start_year: int
    start_month: int
    ramp_years: int
    realised_share: float
    labour_share: float
    one_off_cost_msek: float
    cost_line: str
    def __init__(self, **kwargs: Any) -> None: ...

class Measures:
    _fields: ClassVar[list[str]]
    tax_changes: list[TaxChange]
    efficiency: list[EfficiencyMeasure]
    earned_income_changes: list[EarnedIncomeChange]
    work_lines: list[WorkLinePolicy]
    disposals: list[Disposal]
    fixed_savings: list[FixedSaving]
    def __init__(self, **kwargs: Any) -> None: ...

class IncomeStatement:
    LINES: ClassVar[list[str]]
    years: list[int]
    operating_income: npt.NDArray[np.float64]
    operating_costs: npt.NDArray[np.float64]
    depreciation: npt.NDArray[np.float64]
    net_operating_cost: npt.NDArray[np.float64]
    tax_revenue: npt.NDArray[np.float64]
    general_grants: npt.NDArray[np.float64]
    operating_result: npt.NDArray[np.float64]
    financial_income: npt.NDArray[np.float64]
    financial_costs: npt.NDArray[np.float64]
    result: npt.NDArray[np.float64]
    realisation_gains: npt.NDArray[np.float64]
    other_balance_adjustments: npt.NDArray[np.float64]
    reserve_use: npt.NDArray[np.float64]
    balanced_budget_result: npt.NDArray[np.float64]
    result_share: npt.NDArray[np.float64]
    tax_rate: npt.NDArray[np.float64]
    tax_base: npt.NDArray[np.float64]
    final_settlement: npt.NDArray[np.float64]
    efficiency_saving: npt.NDArray[np.float64]
    efficiency_one_off_cost: npt.NDArray[np.float64]
    tax_change_revenue: npt.NDArray[np.float64]
    preliminary_tax: npt.NDArray[np.float64]
    final_settlement_previous_year: npt.NDArray[np.float64]
    final_settlement_current_year: npt.NDArray[np.float64]
    income_equalisation: npt.NDArray[np.float64]
    other_general_grants: npt.NDArray[np.float64]
    grant_items: npt.NDArray[np.float64]
    grant_item_names: list[str]
    equalisation_tax_base: npt.NDArray[np.float64]
    own_tax_capacity: npt.NDArray[np.float64]
    national_tax_capacity: npt.NDArray[np.float64]
    population: npt.NDArray[np.float64]
    equalisation_change_per_krona: npt.NDArray[np.float64]
    kept_per_krona: npt.NDArray[np.float64]
    earned_income_effect: npt.NDArray[np.float64]
    work_line_households_reduced: npt.NDArray[np.float64]
    work_line_saving: npt.NDArray[np.float64]
    work_line_cost: npt.NDArray[np.float64]
    work_line_earnings: npt.NDArray[np.float64]
    work_line_tax_base: npt.NDArray[np.float64]
    work_line_tax_gain: npt.NDArray[np.float64]
    work_line_equalisation_change: npt.NDArray[np.float64]
    work_line_net: npt.NDArray[np.float64]
    disposal_realisation_gain: npt.NDArray[np.float64]
    disposal_running_cost_saved: npt.NDArray[np.float64]
    disposal_depreciation_saved: npt.NDArray[np.float64]
    disposal_interest_saved: npt.NDArray[np.float64]
    disposal_external_rent: npt.NDArray[np.float64]
    disposal_net: npt.NDArray[np.float64]
    disposal_net_balanced_budget: npt.NDArray[np.float64]
    fixed_saving: npt.NDArray[np.float64]
    fixed_saving_one_off_cost: npt.NDArray[np.float64]
    def index_of(self, year: int) -> int: ...
    def __len__(self) -> int: ...

class Projector:
    def __init__(self, base: BaseYearState, assumptions: Assumptions, horizon: int) -> None: ...
    def run(self, measures: Measures = ...) -> IncomeStatement: ...
    @property
    def base(self) -> BaseYearState: ...
    @property
    def assumptions(self) -> Assumptions: ...
    @property
    def base_year(self) -> int: ...
    @property
    def horizon(self) -> int: ...
    @property
    def implied_own_tax_capacity_kr(self) -> float: ...

def project(base: BaseYearState, assumptions: Assumptions, horizon: int, measures: Measures = ...) -> IncomeStatement: ...

class TargetKind(Enum):
    RESULT = ...
    BALANCED_BUDGET_RESULT = ...
    RESULT_SHARE = ...

class Target:
    _fields: ClassVar[list[str]]
    kind: TargetKind
    share: float
    def __init__(self, **kwargs: Any) -> None: ...
    def describe(self) -> str: ...

def target_gap_msek(statement: IncomeStatement, target: Target) -> npt.NDArray[np.float64]: ...
def required_tax_rate(statement: IncomeStatement, target: Target) -> npt.NDArray[np.float64]: ...
def required_sustained_change(statement: IncomeStatement, target: Target, from_year: int) -> float: ...
def tax_rate_equivalent_ore(amount_msek: float, tax_base_msek: float) -> float: ...
def tax_rate_equivalents_ore(statement: IncomeStatement, amounts_msek: npt.ArrayLike) -> npt.NDArray[np.float64]: ...
def household_tax_change_kr(change_kr_per_100kr: float, taxable_income_kr: float) -> float: ...
def efficiency_rate_equivalent(statement: IncomeStatement, year: int, amount_msek: float) -> float: ...
