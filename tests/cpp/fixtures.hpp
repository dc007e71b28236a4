#pragma once
// Shared test inputs. Sjöbo (1265) budget 2024, MSEK, from finansiellinfo.se/Sjobo/Budget-2024 (Resultatbudget
// and Noter), as in resultatrakningar_exempel.csv; tax rate 20.92 from SCB/Skatteverket
// (skattesatser_kommun.csv).
#include <cmath>
#include <random>

#include "kommunbudget/kommunbudget.hpp"

namespace kbtest {

using namespace kommunbudget;

inline constexpr double kSjoboRate = 20.92;
inline constexpr double kSjoboTax2024 = 995.3;

inline BaseYearState sjobo_2024() {
  BaseYearState b;
  b.code = "1265";
  b.name = "Sjöbo";
  b.year = 2024;
  b.tax_rate_kr_per_100kr = kSjoboRate;
  b.tax_base_msek = kSjoboTax2024 / (kSjoboRate / 100.0);  // implied by the budget: revenue / rate
  b.operating_income_msek = 335.6;
  b.cost_lines = {CostLine{"operating_costs", 1656.2, -1.0, {}}};
  b.depreciation_msek = 37.7;
  b.general_grants_msek = 327.0;
  b.financial_income_msek = 10.6;
  b.financial_costs_msek = 0.7;
  b.reserve_use_msek = 7.5;
  return b;
}

// Constant yearly assumptions over [from, to] (fractions and MSEK); enough for engine tests.
inline Assumptions flat_assumptions(int from, int to, double pkv_labour = 0.035, double pkv_other = 0.02,
                                    double weight = 0.691, double tax_base_growth = 0.04, double grants = 330.0) {
  Assumptions a;
  a.price_index.labour_cost_change = YearSeries::constant("labour_cost_change", from, to, pkv_labour);
  a.price_index.other_cost_change = YearSeries::constant("other_cost_change", from, to, pkv_other);
  a.price_index.labour_weight = YearSeries::constant("labour_weight", from, to, weight);
  a.tax_base_growth = YearSeries::constant("tax_base_growth", from, to, tax_base_growth);
  a.operating_income_growth = YearSeries::constant("operating_income_growth", from, to, 0.02);
  a.general_grants_msek = YearSeries::constant("general_grants_msek", from, to, grants);
  a.depreciation_msek = YearSeries::constant("depreciation_msek", from, to, 40.0);
  a.financial_income_msek = YearSeries::constant("financial_income_msek", from, to, 9.0);
  a.financial_costs_msek = YearSeries::constant("financial_costs_msek", from, to, 0.5);
  return a;
}

// Prisbasbelopp per income year [from, to], kr: 2023 52 500, 2024 57 300, 2025 58 800, 2026 59 200 (the
// government's förordningar, e.g. SFS 2025:872 for 2026; prisbasbelopp.csv); later years 59 200 × 1.02 per year
// (a test value, like the package's labelled default growth).
inline YearSeries price_base_amounts(int from, int to) {
  std::vector<int> years;
  std::vector<double> values;
  for (int y = from; y <= to; ++y) {
    years.push_back(y);
    values.push_back(y <= 2023 ? 52500.0 : y == 2024 ? 57300.0 : y == 2025 ? 58800.0 : 59200.0 * std::pow(1.02, y - 2026));
  }
  return YearSeries("price_base_amount_kr", years, values);
}

inline BaseYearState with_zero_volume(BaseYearState b, int from, int to) {
  for (auto& line : b.cost_lines) line.volume_growth = YearSeries::constant("volume_growth", from, to, 0.0);
  return b;
}

// A random but plausible municipality and assumptions, for property tests.
struct Generated {
  BaseYearState base;
  Assumptions assumptions;
  int horizon;
};

inline Generated generate(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto between = [&](double lo, double hi) { return lo + (hi - lo) * u(rng); };
  Generated g;
  const int base_year = 2020 + static_cast<int>(between(0, 8));
  g.horizon = base_year + 1 + static_cast<int>(between(0, 8));
  BaseYearState& b = g.base;
  b.code = "9999";
  b.name = "Generated";
  b.year = base_year;
  b.tax_rate_kr_per_100kr = between(16.0, 24.0);
  const double population = between(3000, 200000);
  b.tax_base_msek = population * between(0.17, 0.40);  // tax capacity 170-400 tkr per inhabitant
  const double tax = b.tax_rate_kr_per_100kr / 100.0 * b.tax_base_msek;
  b.general_grants_msek = tax * between(-0.1, 0.5);
  b.operating_income_msek = tax * between(0.15, 0.4);
  const int n_lines = 1 + static_cast<int>(between(0, 4));
  const double costs = (tax + b.general_grants_msek + b.operating_income_msek) * between(0.97, 1.02);
  for (int c = 0; c < n_lines; ++c) {
    const double share = c == 0 ? -1.0 : between(0.3, 0.9);
    b.cost_lines.push_back(CostLine{"line" + std::to_string(c), costs / n_lines, share,
                                    YearSeries::constant("volume_growth", base_year + 1, g.horizon, between(-0.01, 0.03))});
  }
  b.depreciation_msek = costs * between(0.01, 0.05);
  b.financial_income_msek = between(0, 20);
  b.financial_costs_msek = between(0, 20);
  b.realisation_gains_msek = between(0, 5);
  b.operating_income_msek += b.realisation_gains_msek;
  b.reserve_use_msek = between(-5, 5);
  std::vector<double> lab, oth, w, tbg, grants;
  for (int y = base_year + 1; y <= g.horizon; ++y) {
    lab.push_back(between(0.025, 0.045));
    oth.push_back(between(0.0, 0.05));
    w.push_back(between(0.66, 0.72));
    tbg.push_back(between(0.025, 0.055));
    grants.push_back(b.general_grants_msek * between(0.95, 1.1));
  }
  Assumptions& a = g.assumptions;
  a = flat_assumptions(base_year + 1, g.horizon);
  a.price_index.labour_cost_change = YearSeries::from_first("labour_cost_change", base_year + 1, lab);
  a.price_index.other_cost_change = YearSeries::from_first("other_cost_change", base_year + 1, oth);
  a.price_index.labour_weight = YearSeries::from_first("labour_weight", base_year + 1, w);
  a.tax_base_growth = YearSeries::from_first("tax_base_growth", base_year + 1, tbg);
  a.general_grants_msek = YearSeries::from_first("general_grants_msek", base_year + 1, grants);
  a.realisation_gains_msek = YearSeries::constant("realisation_gains_msek", base_year + 1, g.horizon, between(0, 3));
  return g;
}

}  // namespace kbtest

namespace kbtest {

// Sjöbo 2024 with general grants itemised as in the budget's note (finansiellinfo.se/Sjobo/Budget-2024, Noter):
// income equalisation 262.6, cost equalisation −29.0, regulation grant 44.3, LSS equalisation −4.6, municipal
// property fee 53.7, other 0.0 (sum 327.0). County rate Skåne 19.70 (förordning 2004:881, SFS 2023:683).
// Population: 31 Dec 2024 (SCB), the nearest figure to 1 Nov 2023. National capacity: SCB's skattekraft 2024
// (251 437 kr, income year 2022) uprated by the government's factors for 2023 (1.047, SFS 2022:1422) and 2024
// (1.031, SFS 2024:669).
inline constexpr double kSjoboPopulation = 19337.0;
inline constexpr double kNationalCapacity2024 = 251437.0 * 1.047 * 1.031;

inline BaseYearState sjobo_2024_itemised() {
  BaseYearState b = sjobo_2024();
  b.itemised_grants = true;
  b.equalisation.grant_rate_kr_per_100kr = 19.70;
  b.equalisation.fee_rate_kr_per_100kr = 19.70 * 16.98 / 19.05;  // test value; fee branch not reached
  b.population = kSjoboPopulation;
  b.national_tax_capacity_kr = kNationalCapacity2024;
  b.income_equalisation_msek = 262.6;
  b.grant_items = {{"cost_equalisation", -29.0}, {"regulation_grant", 44.3}, {"lss_equalisation", -4.6},
                   {"property_fee", 53.7}, {"other_general_grants", 0.0}};
  return b;
}

inline Assumptions itemised_assumptions(int from, int to, double tax_base_growth = 0.04,
                                        double national_growth = 0.04) {
  Assumptions a = flat_assumptions(from, to, 0.035, 0.02, 0.691, tax_base_growth);
  a.population = YearSeries::constant("population", from, to, kSjoboPopulation);
  a.national_tax_capacity_growth = YearSeries::constant("national_tax_capacity_growth", from, to, national_growth);
  for (const char* name : {"cost_equalisation", "regulation_grant", "lss_equalisation", "property_fee",
                           "other_general_grants"}) {
    a.grant_items.push_back(GrantItemPath{name, {}, YearSeries::constant(std::string(name) + ".growth", from, to, 0.0)});
  }
  return a;
}

}  // namespace kbtest
