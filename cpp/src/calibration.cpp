#include "kommunbudget/calibration.hpp"

#include <fmt/format.h>

#include "kommunbudget/answers.hpp"
#include "kommunbudget/check.hpp"

namespace kommunbudget {

namespace {
const FieldLimit& plan_limit(const char* field) { return field_limit("PlanYear", field); }
}  // namespace

PlanCalibration calibrate_plan(const BaseYearState& base, const PriceIndex& price_index,
                               const std::vector<PlanYear>& plan) {
  base.validate();
  PlanCalibration out;
  if (plan.empty()) return out;
  static const FieldLimit& year_limit = plan_limit("year");
  static const FieldLimit& tax_limit = plan_limit("preliminary_tax_msek");
  static const FieldLimit& rate_limit = plan_limit("tax_rate_kr_per_100kr");
  static const FieldLimit& income_limit = plan_limit("operating_income_msek");
  static const FieldLimit& costs_limit = plan_limit("operating_costs_msek");
  static const FieldLimit& equalisation_limit = plan_limit("income_equalisation_msek");
  static const FieldLimit& population_limit = plan_limit("population");
  const bool itemised = base.itemised_grants;
  const int first = base.year + 1;
  const int last = base.year + static_cast<int>(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlanYear& p = plan[i];
    check_whole(year_limit, fmt::format("plan[{}].year", i), p.year);
    if (p.year != first + static_cast<int>(i)) {
      throw InputError(fmt::format("plan[{}].year = {}; expected {} (plan years run consecutively from the base year "
                                   "{} + 1)",
                                   i, p.year, first + static_cast<int>(i), base.year));
    }
    check_limit(tax_limit, "plan.preliminary_tax_msek", p.year, p.preliminary_tax_msek);
    check_limit(rate_limit, "plan.tax_rate_kr_per_100kr", p.year, p.tax_rate_kr_per_100kr);
    check_limit(income_limit, "plan.operating_income_msek", p.year, p.operating_income_msek);
    check_limit(costs_limit, "plan.operating_costs_msek", p.year, p.operating_costs_msek);
    if (itemised) {
      check_limit(equalisation_limit, "plan.income_equalisation_msek", p.year, p.income_equalisation_msek);
      check_limit(population_limit, "plan.population", p.year, p.population);
    }
  }
  price_index.validate(first, last);
  const double base_income = base.operating_income_msek;
  const double base_costs = base.operating_costs_msek();
  if (!(base_income > 0.0)) {
    throw InputError(fmt::format("operating_income_msek[{}] = {:g}: the plan's operating income growth needs a "
                                 "positive base-year income",
                                 base.year, base_income));
  }
  if (!(base_costs > 0.0)) {
    throw InputError(fmt::format("cost_lines[{}]: the base-year operating costs are {:g} MSEK; the plan's volume "
                                 "needs positive costs",
                                 base.year, base_costs));
  }

  const std::size_t n = plan.size();
  std::vector<double> tax_base(n), tax_base_growth(n), income_growth(n), volume(n), own(n), national(n),
      national_growth(n);
  // The projector's own-capacity path (Projector::run_into): the base year's calibrated equalisation tax base,
  // chained by (1 + g) each year, × 1e6 / population.
  double equalisation_base = 0.0;
  double previous_national = base.national_tax_capacity_kr;
  if (itemised) {
    const double implied = implied_own_tax_capacity_kr(base.equalisation, base.income_equalisation_msek,
                                                       base.national_tax_capacity_kr, base.population);
    equalisation_base = implied * base.population / 1e6;
  }
  double previous_tax_base = base.tax_base_msek;
  double previous_income = base_income;
  double previous_costs = base_costs;
  for (std::size_t i = 0; i < n; ++i) {
    const PlanYear& p = plan[i];
    tax_base[i] = implied_tax_base_msek(p.preliminary_tax_msek, p.tax_rate_kr_per_100kr, 0.0, p.year);
    tax_base_growth[i] = tax_base[i] / previous_tax_base - 1.0;
    income_growth[i] = p.operating_income_msek / previous_income - 1.0;
    volume[i] = p.operating_costs_msek / previous_costs / (1.0 + price_index.pkv(p.year)) - 1.0;
    previous_tax_base = tax_base[i];
    previous_income = p.operating_income_msek;
    previous_costs = p.operating_costs_msek;
    if (itemised) {
      equalisation_base *= 1.0 + tax_base_growth[i];
      own[i] = equalisation_base * 1e6 / p.population;
      national[i] =
          implied_national_tax_capacity_kr(base.equalisation, p.income_equalisation_msek, own[i], p.population);
      national_growth[i] = national[i] / previous_national - 1.0;
      previous_national = national[i];
    }
  }
  out.tax_base_msek = YearSeries::from_first("tax_base_msek", first, tax_base);
  out.tax_base_growth = YearSeries::from_first("tax_base_growth", first, tax_base_growth);
  out.operating_income_growth = YearSeries::from_first("operating_income_growth", first, income_growth);
  out.volume_growth = YearSeries::from_first("volume_growth", first, volume);
  if (itemised) {
    out.national_tax_capacity_growth = YearSeries::from_first("national_tax_capacity_growth", first, national_growth);
    out.own_tax_capacity_kr = YearSeries::from_first("own_tax_capacity_kr", first, own);
    out.national_tax_capacity_kr = YearSeries::from_first("national_tax_capacity_kr", first, national);
  }
  return out;
}

YearSeries neutral_volume_growth(const PriceIndex& price_index, const YearSeries& tax_base_growth, int from, int to) {
  if (to < from) return YearSeries("volume_growth", {}, {});
  check_year("from", from);
  check_year("to", to);
  price_index.validate(from, to);
  tax_base_growth.require_years(from, to);
  static const FieldLimit& growth_limit = field_limit("Assumptions", "tax_base_growth");
  std::vector<double> volume;
  volume.reserve(static_cast<std::size_t>(to - from + 1));
  for (int y = from; y <= to; ++y) {
    const double g = tax_base_growth.at(y);
    check_limit(growth_limit, tax_base_growth.field(), y, g);
    volume.push_back((1.0 + g) / (1.0 + price_index.pkv(y)) - 1.0);
  }
  return YearSeries::from_first("volume_growth", from, volume);
}

double balancing_grant_item_msek(double net_cost_msek, double tax_revenue_msek, double income_equalisation_msek) {
  static const FieldLimit& cost = field_limit("balancing_grant_item_msek", "net_cost_msek");
  static const FieldLimit& tax = field_limit("balancing_grant_item_msek", "tax_revenue_msek");
  static const FieldLimit& equalisation = field_limit("balancing_grant_item_msek", "income_equalisation_msek");
  check_limit(cost, kNoYear, net_cost_msek);
  check_limit(tax, kNoYear, tax_revenue_msek);
  check_limit(equalisation, kNoYear, income_equalisation_msek);
  return net_cost_msek - tax_revenue_msek - income_equalisation_msek;
}

RevenueEstimate estimate_revenue(const IncomeEqualisation& params, double tax_rate_kr_per_100kr, double tax_base_msek,
                                 double own_tax_capacity_kr, double national_tax_capacity_kr, double population) {
  static const FieldLimit& rate = field_limit("BaseYearState", "tax_rate_kr_per_100kr");
  static const FieldLimit& base = field_limit("estimate_revenue", "tax_base_msek");
  static const FieldLimit& own = field_limit("estimate_revenue", "own_tax_capacity_kr");
  static const FieldLimit& national = field_limit("estimate_revenue", "national_tax_capacity_kr");
  static const FieldLimit& people = field_limit("estimate_revenue", "population");
  params.validate();
  check_limit(rate, "tax_rate_kr_per_100kr", kNoYear, tax_rate_kr_per_100kr);
  check_limit(base, kNoYear, tax_base_msek);
  check_limit(own, kNoYear, own_tax_capacity_kr);
  check_limit(national, kNoYear, national_tax_capacity_kr);
  check_limit(people, kNoYear, population);
  RevenueEstimate r;
  r.tax_revenue_msek = tax_rate_kr_per_100kr / 100.0 * tax_base_msek;
  r.one_ore_msek = one_ore_msek(tax_base_msek);
  r.one_ore_kr_per_inhabitant = r.one_ore_msek * 1e6 / population;
  r.income_equalisation_msek =
      income_equalisation_msek(params, own_tax_capacity_kr, national_tax_capacity_kr, population);
  r.income_equalisation_kr_per_inhabitant = r.income_equalisation_msek * 1e6 / population;
  r.equalisation_change_per_krona = equalisation_change_per_krona(params, own_tax_capacity_kr, national_tax_capacity_kr);
  r.kept_per_krona = tax_rate_kr_per_100kr / 100.0 + r.equalisation_change_per_krona;
  r.capacity_index = own_tax_capacity_kr / national_tax_capacity_kr * 100.0;
  return r;
}

}  // namespace kommunbudget
