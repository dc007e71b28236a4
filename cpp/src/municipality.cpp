#include "kommunbudget/municipality.hpp"

#include <cmath>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

namespace {
const FieldLimit& base_limit(const char* field) { return field_limit("BaseYearState", field); }
const FieldLimit& assumption_limit(const char* field) { return field_limit("Assumptions", field); }
}  // namespace

void BaseYearState::validate() const {
  const int y = year;
  check_whole(base_limit("year"), "base_year", y);
  check_limit(base_limit("tax_rate_kr_per_100kr"), y, tax_rate_kr_per_100kr);
  check_limit(base_limit("tax_base_msek"), y, tax_base_msek);
  for (const auto& [field, value] :
       {std::pair<const char*, double>{"final_settlement_msek", final_settlement_msek},
        {"operating_income_msek", operating_income_msek},
        {"depreciation_msek", depreciation_msek},
        {"general_grants_msek", general_grants_msek},
        {"financial_income_msek", financial_income_msek},
        {"financial_costs_msek", financial_costs_msek},
        {"realisation_gains_msek", realisation_gains_msek},
        {"reserve_use_msek", reserve_use_msek},
        {"other_balance_adjustments_msek", other_balance_adjustments_msek},
        {"final_settlement_previous_year_msek", final_settlement_previous_year_msek}}) {
    check_limit(base_limit(field), y, value);
  }
  if (itemised_grants) {
    equalisation.validate();
    check_limit(base_limit("population"), y, population);
    check_limit(base_limit("national_tax_capacity_kr"), y, national_tax_capacity_kr);
    check_limit(base_limit("income_equalisation_msek"), y, income_equalisation_msek);
    const FieldLimit& item_limit = field_limit("GrantItem", "amount_msek");
    std::unordered_set<std::string> names;
    double sum = income_equalisation_msek;
    for (std::size_t i = 0; i < grant_items.size(); ++i) {
      const GrantItem& item = grant_items[i];
      if (item.name.empty()) throw InputError(fmt::format("grant_items[{}].name is empty; expected a name", i));
      if (!names.insert(item.name).second) {
        throw InputError(fmt::format("grant_items: name '{}' is given twice; expected unique names", item.name));
      }
      check_limit(item_limit, fmt::format("grant_items[{}] ({}).amount_msek", i, item.name), y, item.amount_msek);
      sum += item.amount_msek;
    }
    if (std::abs(sum - general_grants_msek) > kGrantSumToleranceMsek + 1e-9) {
      throw InputError(fmt::format("general_grants_msek[{}] = {:g} but the income equalisation ({:g}) and the grant "
                                   "items sum to {:g}; expected equal within {:g} MSEK",
                                   y, general_grants_msek, income_equalisation_msek, sum, kGrantSumToleranceMsek));
    }
  }
  const FieldLimit& cash_limit = field_limit("CapitalPlan", "opening_cash_msek");
  check_limit(cash_limit, "capital.opening_cash_msek", y, capital.opening_cash_msek);
  check_limit(field_limit("CapitalPlan", "opening_debt_msek"), "capital.opening_debt_msek", y,
              capital.opening_debt_msek);  // negative: not given (sentinel)
  check_limit(field_limit("CapitalPlan", "minimum_cash_msek"), "capital.minimum_cash_msek", y,
              capital.minimum_cash_msek);
  const FieldLimit& plan_limit = field_limit("CapitalPlan", "plan_last_year");
  check_whole(plan_limit, "capital.plan_last_year", capital.plan_last_year);
  if (capital.plan_last_year != 0 && capital.plan_last_year < y) {
    throw InputError(fmt::format("capital.plan_last_year = {} is before the base year {}; expected 0 (the base year) "
                                 "or a year from {} on",
                                 capital.plan_last_year, y, y));
  }
  if (cost_lines.empty()) {
    throw InputError(fmt::format("cost_lines: none given for base year {}; expected at least one cost line", y));
  }
  const FieldLimit& cost_limit = field_limit("CostLine", "cost_msek");
  const FieldLimit& share_limit = field_limit("CostLine", "labour_share");
  std::unordered_set<std::string> names;
  for (std::size_t i = 0; i < cost_lines.size(); ++i) {
    const CostLine& line = cost_lines[i];
    const std::string path = fmt::format("cost_lines[{}] ({}).", i, line.name);
    if (line.name.empty()) throw InputError(fmt::format("cost_lines[{}].name is empty; expected a name", i));
    if (!names.insert(line.name).second) {
      throw InputError(fmt::format("cost_lines: name '{}' is given twice; expected unique names", line.name));
    }
    check_limit(cost_limit, path + "cost_msek", y, line.cost_msek);
    check_limit(share_limit, path + "labour_share", y, line.labour_share);  // negative: PKV's weight (sentinel)
  }
}

double BaseYearState::operating_costs_msek() const {
  double sum = 0.0;
  for (const CostLine& line : cost_lines) sum += line.cost_msek;
  return sum;
}

double implied_tax_base_msek(double tax_revenue_msek, double tax_rate_kr_per_100kr, double final_settlement_msek,
                             int year) {
  if (year != kNoYear) check_year("year", year);
  check_limit(field_limit("implied_tax_base_msek", "tax_revenue_msek"), year, tax_revenue_msek);
  check_limit(field_limit("implied_tax_base_msek", "final_settlement_msek"), year, final_settlement_msek);
  check_limit(field_limit("BaseYearState", "tax_rate_kr_per_100kr"), year, tax_rate_kr_per_100kr);
  const double base = (tax_revenue_msek - final_settlement_msek) / (tax_rate_kr_per_100kr / 100.0);
  check_limit(field_limit("implied_tax_base_msek", "tax_base_msek"), "implied tax_base_msek", year, base);
  return base;
}

void Assumptions::validate(int from, int to, bool itemised) const {
  if (to < from) return;  // no projection years: nothing to check
  check_year("first", from);
  check_year("last", to);
  price_index.validate(from, to);
  if (itemised) {
    population.require_years(from, to);
    national_tax_capacity_growth.require_years(from, to);
    const FieldLimit& population_limit = assumption_limit("population");
    const FieldLimit& national_limit = assumption_limit("national_tax_capacity_growth");
    for (int y = from; y <= to; ++y) {
      check_limit(population_limit, population.field(), y, population.at(y));
      check_limit(national_limit, national_tax_capacity_growth.field(), y, national_tax_capacity_growth.at(y));
    }
    const FieldLimit& net_limit = assumption_limit("national_net_income_equalisation_kr");
    check_limit(net_limit, "national_net_income_equalisation_kr", kNoYear, national_net_income_equalisation_kr);
    const FieldLimit& announced_limit = assumption_limit("announced_grant_change_kr");
    for (int y = from; y <= to; ++y) {
      if (announced_grant_change_kr.has(y)) {
        check_limit(announced_limit, announced_grant_change_kr.field(), y, announced_grant_change_kr.at(y));
      }
    }
    const FieldLimit& amount_limit = field_limit("GrantItemPath", "amounts_msek");
    const FieldLimit& growth_limit = field_limit("GrantItemPath", "growth");
    for (const GrantItemPath& path : grant_items) {
      for (int y = from; y <= to; ++y) {
        if (path.amounts_msek.has(y)) {
          check_limit(amount_limit, path.name + ".amounts_msek", y, path.amounts_msek.at(y));
        } else if (path.growth.has(y)) {
          check_limit(growth_limit, path.name + ".growth", y, path.growth.at(y));
        } else if (!path.growth_follows_tax_base && !path.regulation_rule) {
          throw InputError(fmt::format("grant item '{}': year {} has neither an amount nor a growth value; give one "
                                       "of them for every year {}-{}",
                                       path.name, y, from, to));
        }  // else: the item grows with tax_base_growth that year (checked below)
      }
    }
  }
  tax_base_growth.require_years(from, to);
  operating_income_growth.require_years(from, to);
  depreciation_msek.require_years(from, to);
  financial_income_msek.require_years(from, to);
  financial_costs_msek.require_years(from, to);
  const FieldLimit& tax_base_limit = assumption_limit("tax_base_growth");
  const FieldLimit& income_limit = assumption_limit("operating_income_growth");
  const FieldLimit& grants_limit = assumption_limit("general_grants_msek");
  const FieldLimit& grants_growth_limit = assumption_limit("general_grants_growth");
  const FieldLimit& depreciation_limit = assumption_limit("depreciation_msek");
  const FieldLimit& fin_income_limit = assumption_limit("financial_income_msek");
  const FieldLimit& fin_costs_limit = assumption_limit("financial_costs_msek");
  for (int y = from; y <= to; ++y) {
    check_limit(tax_base_limit, tax_base_growth.field(), y, tax_base_growth.at(y));
    check_limit(income_limit, operating_income_growth.field(), y, operating_income_growth.at(y));
    if (!itemised) {  // the total of general grants, given or growing
      if (general_grants_msek.has(y)) {
        check_limit(grants_limit, general_grants_msek.field(), y, general_grants_msek.at(y));
      } else if (general_grants_growth.has(y)) {
        check_limit(grants_growth_limit, general_grants_growth.field(), y, general_grants_growth.at(y));
      } else if (!general_grants_growth_follows_tax_base) {
        throw InputError(fmt::format("general_grants_msek: year {} has neither an amount nor a general_grants_growth "
                                     "value; give one of them for every year {}-{}",
                                     y, from, to));
      }
    }
    check_limit(depreciation_limit, depreciation_msek.field(), y, depreciation_msek.at(y));
    check_limit(fin_income_limit, financial_income_msek.field(), y, financial_income_msek.at(y));
    check_limit(fin_costs_limit, financial_costs_msek.field(), y, financial_costs_msek.at(y));
  }
  const std::pair<const YearSeries*, const char*> optional_amounts[] = {
      {&final_settlement_msek, "final_settlement_msek"},
      {&final_settlement_previous_year_msek, "final_settlement_previous_year_msek"},
      {&realisation_gains_msek, "realisation_gains_msek"},
      {&reserve_use_msek, "reserve_use_msek"}};
  for (const auto& [s, name] : optional_amounts) {
    if (s->empty()) continue;
    s->require_years(from, to);
    const FieldLimit& limit = assumption_limit(name);
    for (int y = from; y <= to; ++y) check_limit(limit, s->field(), y, s->at(y));
  }
  if (!tax_rate_kr_per_100kr.empty()) {
    tax_rate_kr_per_100kr.require_years(from, to);
    const FieldLimit& limit = assumption_limit("tax_rate_kr_per_100kr");
    for (int y = from; y <= to; ++y) check_limit(limit, tax_rate_kr_per_100kr.field(), y, tax_rate_kr_per_100kr.at(y));
  }
}

}  // namespace kommunbudget
