#include "kommunbudget/municipality.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

namespace {
// Largest plausible amount of one municipal line, MSEK (Stockholm's total costs are about 70 000 MSEK).
constexpr double kMaxAmountMsek = 1.0e6;
}  // namespace

void BaseYearState::validate() const {
  const int y = year;
  if (y < 1900 || y > 2200) {
    throw InputError(fmt::format("base_year = {} is outside the allowed range [1900, 2200]", y));
  }
  check_tax_rate("tax_rate_kr_per_100kr", y, tax_rate_kr_per_100kr);
  check_positive("tax_base_msek", y, tax_base_msek, "MSEK");
  check_range("tax_base_msek", y, tax_base_msek, 0.0, 1.0e8, "MSEK");
  check_range("final_settlement_msek", y, final_settlement_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_range("operating_income_msek", y, operating_income_msek, 0.0, kMaxAmountMsek, "MSEK");
  check_range("depreciation_msek", y, depreciation_msek, 0.0, kMaxAmountMsek, "MSEK");
  check_range("general_grants_msek", y, general_grants_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_range("financial_income_msek", y, financial_income_msek, 0.0, kMaxAmountMsek, "MSEK");
  check_range("financial_costs_msek", y, financial_costs_msek, 0.0, kMaxAmountMsek, "MSEK");
  check_range("realisation_gains_msek", y, realisation_gains_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_range("reserve_use_msek", y, reserve_use_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_range("other_balance_adjustments_msek", y, other_balance_adjustments_msek, -kMaxAmountMsek, kMaxAmountMsek,
              "MSEK");
  check_range("final_settlement_previous_year_msek", y, final_settlement_previous_year_msek, -kMaxAmountMsek,
              kMaxAmountMsek, "MSEK");
  if (itemised_grants) {
    equalisation.validate();
    check_range("population", y, population, 1.0, 2.0e7, "inhabitants");
    check_range("national_tax_capacity_kr", y, national_tax_capacity_kr, 1.0e4, 1.0e7, "kr per inhabitant");
    check_range("income_equalisation_msek", y, income_equalisation_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
    double sum = income_equalisation_msek;
    for (std::size_t i = 0; i < grant_items.size(); ++i) {
      const GrantItem& item = grant_items[i];
      if (item.name.empty()) throw InputError(fmt::format("grant_items[{}].name is empty; expected a name", i));
      for (std::size_t j = 0; j < i; ++j) {
        if (grant_items[j].name == item.name) {
          throw InputError(fmt::format("grant_items: name '{}' is given twice; expected unique names", item.name));
        }
      }
      check_range(fmt::format("grant_items[{}] ({}).amount_msek", i, item.name), y, item.amount_msek, -kMaxAmountMsek,
                  kMaxAmountMsek, "MSEK");
      sum += item.amount_msek;
    }
    if (std::abs(sum - general_grants_msek) > 0.05 + 1e-9) {
      throw InputError(fmt::format("general_grants_msek[{}] = {:g} but the income equalisation ({:g}) and the grant "
                                   "items sum to {:g}; expected equal within 0.05 MSEK",
                                   y, general_grants_msek, income_equalisation_msek, sum));
    }
  }
  if (cost_lines.empty()) {
    throw InputError(fmt::format("cost_lines: none given for base year {}; expected at least one cost line", y));
  }
  for (std::size_t i = 0; i < cost_lines.size(); ++i) {
    const CostLine& line = cost_lines[i];
    const std::string path = fmt::format("cost_lines[{}] ({}).", i, line.name);
    if (line.name.empty()) throw InputError(fmt::format("cost_lines[{}].name is empty; expected a name", i));
    for (std::size_t j = 0; j < i; ++j) {
      if (cost_lines[j].name == line.name) {
        throw InputError(fmt::format("cost_lines: name '{}' is given twice; expected unique names", line.name));
      }
    }
    check_range(path + "cost_msek", y, line.cost_msek, 0.0, kMaxAmountMsek, "MSEK");
    if (line.labour_share >= 0.0 || !std::isfinite(line.labour_share)) {
      check_share(path + "labour_share", y, line.labour_share);
    }
  }
}

double BaseYearState::operating_costs_msek() const {
  double sum = 0.0;
  for (const CostLine& line : cost_lines) sum += line.cost_msek;
  return sum;
}

double implied_tax_base_msek(double tax_revenue_msek, double tax_rate_kr_per_100kr, double final_settlement_msek,
                             int year) {
  check_range("tax_revenue_msek", year, tax_revenue_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_range("final_settlement_msek", year, final_settlement_msek, -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  check_tax_rate("tax_rate_kr_per_100kr", year, tax_rate_kr_per_100kr);
  const double base = (tax_revenue_msek - final_settlement_msek) / (tax_rate_kr_per_100kr / 100.0);
  check_positive("implied tax_base_msek", year, base, "MSEK");
  return base;
}

void Assumptions::validate(int from, int to, bool itemised) const {
  if (to < from) return;  // no projection years: nothing to check
  price_index.validate(from, to);
  if (itemised) {
    population.require_years(from, to);
    national_tax_capacity_growth.require_years(from, to);
    for (int y = from; y <= to; ++y) {
      check_range(population.field(), y, population.at(y), 1.0, 2.0e7, "inhabitants");
      check_rate(national_tax_capacity_growth.field(), y, national_tax_capacity_growth.at(y));
    }
    for (const GrantItemPath& path : grant_items) {
      for (int y = from; y <= to; ++y) {
        if (path.amounts_msek.has(y)) {
          check_range(path.name + ".amounts_msek", y, path.amounts_msek.at(y), -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
        } else if (path.growth.has(y)) {
          check_rate(path.name + ".growth", y, path.growth.at(y));
        } else {
          throw InputError(fmt::format("grant item '{}': year {} has neither an amount nor a growth value; give one "
                                       "of them for every year {}-{}",
                                       path.name, y, from, to));
        }
      }
    }
  }
  tax_base_growth.require_years(from, to);
  operating_income_growth.require_years(from, to);
  depreciation_msek.require_years(from, to);
  financial_income_msek.require_years(from, to);
  financial_costs_msek.require_years(from, to);
  for (int y = from; y <= to; ++y) {
    check_rate(tax_base_growth.field(), y, tax_base_growth.at(y));
    check_rate(operating_income_growth.field(), y, operating_income_growth.at(y));
    if (!itemised) {  // the total of general grants, given or growing
      if (general_grants_msek.has(y)) {
        check_range(general_grants_msek.field(), y, general_grants_msek.at(y), -kMaxAmountMsek, kMaxAmountMsek,
                    "MSEK");
      } else if (general_grants_growth.has(y)) {
        check_rate(general_grants_growth.field(), y, general_grants_growth.at(y));
      } else {
        throw InputError(fmt::format("general_grants_msek: year {} has neither an amount nor a general_grants_growth "
                                     "value; give one of them for every year {}-{}",
                                     y, from, to));
      }
    }
    check_range(depreciation_msek.field(), y, depreciation_msek.at(y), 0.0, kMaxAmountMsek, "MSEK");
    check_range(financial_income_msek.field(), y, financial_income_msek.at(y), 0.0, kMaxAmountMsek, "MSEK");
    check_range(financial_costs_msek.field(), y, financial_costs_msek.at(y), 0.0, kMaxAmountMsek, "MSEK");
  }
  const YearSeries* optional_amounts[] = {&final_settlement_msek, &final_settlement_previous_year_msek,
                                          &realisation_gains_msek, &reserve_use_msek};
  for (const YearSeries* s : optional_amounts) {
    if (s->empty()) continue;
    s->require_years(from, to);
    for (int y = from; y <= to; ++y) check_range(s->field(), y, s->at(y), -kMaxAmountMsek, kMaxAmountMsek, "MSEK");
  }
  if (!tax_rate_kr_per_100kr.empty()) {
    tax_rate_kr_per_100kr.require_years(from, to);
    for (int y = from; y <= to; ++y) {
      check_tax_rate(tax_rate_kr_per_100kr.field(), y, tax_rate_kr_per_100kr.at(y));
    }
  }
}

}  // namespace kommunbudget
