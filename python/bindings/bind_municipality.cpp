#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/municipality.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_municipality(py::module_& m) {
  py::class_<CostLine> line(m, "CostLine",
                            "One line of operating costs: name, cost_msek (base year, positive MSEK), labour_share "
                            "(fraction; negative = PKV's weight of each year), volume_growth (YearSeries of "
                            "fractions for the projection years).");
  define_fields(line, "CostLine", "name", &CostLine::name, "cost_msek", &CostLine::cost_msek, "labour_share",
                &CostLine::labour_share, "volume_growth", &CostLine::volume_growth);

  py::class_<GrantItem> item(m, "GrantItem", "A general grant item other than the income equalisation: name, "
                                              "amount_msek (base year, signed MSEK).");
  define_fields(item, "GrantItem", "name", &GrantItem::name, "amount_msek", &GrantItem::amount_msek);
  py::class_<GrantItemPath> path(m, "GrantItemPath",
                                 "A grant item's projection: name, amounts_msek (YearSeries, given years, MSEK), growth "
                                 "(YearSeries of fractions for the other years), growth_follows_tax_base (years with "
                                 "neither grow with the tax base growth), regulation_rule (years with neither follow "
                                 "the regulation grant's rule: per inhabitant, minus the growth of the national net "
                                 "income equalisation per inhabitant, plus announced changes).");
  define_fields(path, "GrantItemPath", "name", &GrantItemPath::name, "amounts_msek", &GrantItemPath::amounts_msek,
                "growth", &GrantItemPath::growth, "growth_follows_tax_base", &GrantItemPath::growth_follows_tax_base,
                "regulation_rule", &GrantItemPath::regulation_rule);

  py::class_<DepreciationClass> dep(m, "DepreciationClass",
                                    "A class of fixed assets: name, share (of each year's net investment, fraction; "
                                    "the shares sum to 1), years (depreciation period).");
  define_fields(dep, "DepreciationClass", "name", &DepreciationClass::name, "share", &DepreciationClass::share,
                "years", &DepreciationClass::years);
  py::class_<CapitalPlan> capital(m, "CapitalPlan",
                                  "The capital side of a base year (docs/model.md §15): opening_cash_msek, "
                                  "opening_debt_msek (end of the base year, MSEK; debt negative = not given), "
                                  "minimum_cash_msek, depreciation_classes (list of DepreciationClass), "
                                  "plan_last_year (0 = the base year).");
  define_fields(capital, "CapitalPlan", "opening_cash_msek", &CapitalPlan::opening_cash_msek, "opening_debt_msek",
                &CapitalPlan::opening_debt_msek, "minimum_cash_msek", &CapitalPlan::minimum_cash_msek,
                "depreciation_classes", &CapitalPlan::depreciation_classes, "plan_last_year",
                &CapitalPlan::plan_last_year);
  m.def("depreciation_kernel",
        [](const std::vector<DepreciationClass>& classes, Eigen::Index n) {
          Eigen::VectorXd kernel;
          depreciation_kernel(classes, n, kernel);
          return kernel;
        },
        py::arg("classes"), py::arg("n"),
        "Straight-line depreciation of 1 MSEK invested by years after the investment year (float64 array of shape "
        "(n,); element 0 is 0: depreciation starts the year after). InputError for shares not summing to 1.");
  m.def("book_value_at_sale", &book_value_at_sale, py::arg("book_value_msek"), py::arg("depreciation_msek"),
        py::arg("base_year"), py::arg("year"), py::arg("month"),
        "Book value on the sale date, MSEK: book_value − depreciation × ((year − base_year) + (month − 1) / 12), "
        "not below 0 (the book value given is at 1 January of the base year).");

  py::class_<OpeningDeficit> deficit(m, "OpeningDeficit",
                                     "A deficit from before the base year not yet restored: year of origin and the "
                                     "amount left, MSEK (> 0).");
  define_fields(deficit, "OpeningDeficit", "year", &OpeningDeficit::year, "amount_msek", &OpeningDeficit::amount_msek);
  py::class_<BalanceRequirement> requirement(
      m, "BalanceRequirement",
      "The balanced-budget requirement over the years (KL 11 kap. 12 and 14 §§): opening_deficits (list of "
      "OpeningDeficit), opening_reserve_msek (result reserve at the start of the base year, MSEK), negative_equity, "
      "withdraw_from_reserve and reserve_surplus (automatic reserve use in years without a given one). Defaults: none, "
      "0, False, False, False (defaults, not data).");
  define_fields(requirement, "BalanceRequirement", "opening_deficits", &BalanceRequirement::opening_deficits,
                "opening_reserve_msek", &BalanceRequirement::opening_reserve_msek, "negative_equity",
                &BalanceRequirement::negative_equity, "withdraw_from_reserve",
                &BalanceRequirement::withdraw_from_reserve, "reserve_surplus", &BalanceRequirement::reserve_surplus);
  requirement.def("validate", &BalanceRequirement::validate, py::arg("base_year"),
                  "Checks the fields against the table of limits; InputError naming field, value and range.");
  m.def("opening_deficit_state", &opening_deficit_state, py::arg("inputs"), py::arg("base_year"),
        "Deficits to restore at the start of the base year (MSEK): overdue, then of origin base − 3, − 2, − 1.");

  py::class_<BaseYearState> base(m, "BaseYearState",
                                 "A municipality's base year (basår). Amounts are positive nominal MSEK; tax rate in "
                                 "kr per 100 kr. validate() raises ValueError naming field, year, value and range.");
  define_fields(base, "BaseYearState", "code", &BaseYearState::code, "name", &BaseYearState::name, "year",
                &BaseYearState::year, "tax_rate_kr_per_100kr", &BaseYearState::tax_rate_kr_per_100kr, "tax_base_msek",
                &BaseYearState::tax_base_msek, "final_settlement_msek", &BaseYearState::final_settlement_msek,
                "final_settlement_previous_year_msek", &BaseYearState::final_settlement_previous_year_msek,
                "operating_income_msek", &BaseYearState::operating_income_msek, "cost_lines",
                &BaseYearState::cost_lines, "depreciation_msek", &BaseYearState::depreciation_msek,
                "general_grants_msek", &BaseYearState::general_grants_msek, "itemised_grants",
                &BaseYearState::itemised_grants, "equalisation", &BaseYearState::equalisation, "population",
                &BaseYearState::population, "national_tax_capacity_kr", &BaseYearState::national_tax_capacity_kr,
                "income_equalisation_msek", &BaseYearState::income_equalisation_msek, "grant_items",
                &BaseYearState::grant_items, "financial_income_msek",
                &BaseYearState::financial_income_msek, "financial_costs_msek", &BaseYearState::financial_costs_msek,
                "realisation_gains_msek", &BaseYearState::realisation_gains_msek, "reserve_use_msek",
                &BaseYearState::reserve_use_msek, "other_balance_adjustments_msek",
                &BaseYearState::other_balance_adjustments_msek, "depreciation_in_cost_lines",
                &BaseYearState::depreciation_in_cost_lines, "capital", &BaseYearState::capital,
                "balance_requirement", &BaseYearState::balance_requirement);
  base.def("validate", &BaseYearState::validate,
           "Checks every field against the table of limits; InputError naming field, year, value and range.")
      .def("operating_costs_msek", &BaseYearState::operating_costs_msek, "Sum of the cost lines, MSEK.");

  py::class_<Assumptions> a(m, "Assumptions",
                            "Yearly assumptions for the projection years (YearSeries each): PKV components, tax base "
                            "growth, operating income growth (fractions); general grants, depreciation, financial "
                            "income and costs (MSEK); optional tax rate (kr per 100 kr), final settlements, "
                            "realisation gains, reserve use (MSEK).");
  define_fields(a, "Assumptions", "price_index", &Assumptions::price_index, "tax_base_growth",
                &Assumptions::tax_base_growth, "operating_income_growth", &Assumptions::operating_income_growth,
                "general_grants_msek", &Assumptions::general_grants_msek, "general_grants_growth",
                &Assumptions::general_grants_growth, "general_grants_growth_follows_tax_base",
                &Assumptions::general_grants_growth_follows_tax_base, "population", &Assumptions::population,
                "national_tax_capacity_growth", &Assumptions::national_tax_capacity_growth,
                "national_net_income_equalisation_kr", &Assumptions::national_net_income_equalisation_kr,
                "announced_grant_change_kr", &Assumptions::announced_grant_change_kr, "grant_items",
                &Assumptions::grant_items, "final_settlement_previous_year_msek",
                &Assumptions::final_settlement_previous_year_msek, "depreciation_msek",
                &Assumptions::depreciation_msek, "financial_income_msek", &Assumptions::financial_income_msek,
                "financial_costs_msek", &Assumptions::financial_costs_msek, "tax_rate_kr_per_100kr",
                &Assumptions::tax_rate_kr_per_100kr, "final_settlement_msek", &Assumptions::final_settlement_msek,
                "realisation_gains_msek", &Assumptions::realisation_gains_msek, "reserve_use_msek",
                &Assumptions::reserve_use_msek, "investments_msek", &Assumptions::investments_msek,
                "borrowing_rate", &Assumptions::borrowing_rate, "pension_interest_msek",
                &Assumptions::pension_interest_msek, "pension_index_growth", &Assumptions::pension_index_growth);
  a.def("validate", &Assumptions::validate, py::arg("first"), py::arg("last"), py::arg("itemised") = false,
        "Checks every series over the years first..last; InputError naming the series, the year and the range.");
  m.def("implied_tax_base_msek", &implied_tax_base_msek, py::arg("tax_revenue_msek"), py::arg("tax_rate_kr_per_100kr"),
        py::arg("final_settlement_msek") = 0.0, py::arg("year") = -1,
        "Tax base (MSEK) implied by tax revenue: (revenue − settlement) / (rate / 100). InputError for a rate "
        "outside [5, 50] kr per 100 kr or a non-positive result.");
}
