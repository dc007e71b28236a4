// Closed-form calibration of an adopted budget's plan and the approximate-baseline arithmetic.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
// Sjöbo (1265), Budget 2024 (finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget and Noter, as in
// resultatrakningar_exempel.csv): plan years 2025-2027. Preliminary tax (skatt_kommunalskatt_preliminar), operating
// income and costs (verksamhetens intäkter / kostnader), income equalisation (utj_inkomstutjamning). The rate
// 20.92 in 2025 and 2026 (skattesatser_kommun.csv) held in 2027; the population held at 31 Dec 2024 (SCB).
std::vector<PlanYear> sjobo_plan() {
  const double p = kbtest::kSjoboPopulation;
  return {PlanYear{2025, 1042.8, 20.92, 352.3, 1647.8, 270.6, p}, PlanYear{2026, 1091.4, 20.92, 368.5, 1719.6, 279.9, p},
          PlanYear{2027, 1134.0, 20.92, 385.5, 1792.1, 289.2, p}};
}

// PKV after 2024 in the default vintage (skr-2025-report.toml): both components 2.6 % a year, weight 0.691.
PriceIndex vintage_pkv(int from, int to) {
  PriceIndex pi;
  pi.labour_cost_change = YearSeries::constant("labour_cost_change", from, to, 0.026);
  pi.other_cost_change = YearSeries::constant("other_cost_change", from, to, 0.026);
  pi.labour_weight = YearSeries::constant("labour_weight", from, to, 0.691);
  return pi;
}
}  // namespace

TEST(Calibration, SjoboPlanIsReproducedByTheProjection) {
  const BaseYearState base = kbtest::sjobo_2024_itemised();
  const std::vector<PlanYear> plan = sjobo_plan();
  const PlanCalibration c = calibrate_plan(base, vintage_pkv(2025, 2027), plan);

  BaseYearState b = base;
  b.cost_lines[0].volume_growth = c.volume_growth;
  Assumptions a = kbtest::itemised_assumptions(2025, 2027);
  a.price_index = vintage_pkv(2025, 2027);
  a.tax_base_growth = c.tax_base_growth;
  a.operating_income_growth = c.operating_income_growth;
  a.national_tax_capacity_growth = c.national_tax_capacity_growth;
  const IncomeStatement s = Projector(b, a, 2027).run();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const Eigen::Index k = static_cast<Eigen::Index>(i) + 1;
    EXPECT_NEAR(s.preliminary_tax[k], plan[i].preliminary_tax_msek, 1e-6) << plan[i].year;
    EXPECT_NEAR(s.tax_revenue[k], plan[i].preliminary_tax_msek, 1e-6) << plan[i].year;  // no settlements planned
    EXPECT_NEAR(-s.operating_costs[k], plan[i].operating_costs_msek, 1e-6) << plan[i].year;
    EXPECT_NEAR(s.operating_income[k], plan[i].operating_income_msek, 1e-6) << plan[i].year;
    EXPECT_NEAR(s.income_equalisation[k], plan[i].income_equalisation_msek, 1e-6) << plan[i].year;
    EXPECT_NEAR(s.own_tax_capacity[k], c.own_tax_capacity_kr.at(plan[i].year), 1e-6) << plan[i].year;
  }
}

TEST(Calibration, OneYearByHand) {
  const BaseYearState base = kbtest::sjobo_2024_itemised();
  const PlanCalibration c = calibrate_plan(base, vintage_pkv(2025, 2027), sjobo_plan());
  // The same rate in 2024 and 2025: the tax base grows as the preliminary tax, 1042.8 / 995.3.
  EXPECT_NEAR(c.tax_base_growth.at(2025), 1042.8 / 995.3 - 1.0, 1e-12);
  EXPECT_NEAR(c.tax_base_msek.at(2025), 1042.8 / 0.2092, 1e-9);
  // Costs 1656.2 -> 1647.8 with PKV 2.6 %: the volume that a PKV-weighted line needs.
  EXPECT_NEAR(c.volume_growth.at(2025), 1647.8 / 1656.2 / 1.026 - 1.0, 1e-12);
  EXPECT_NEAR(c.operating_income_growth.at(2026), 368.5 / 352.3 - 1.0, 1e-12);
  // The grant branch of lag (2004:773): E = (1.15 M − K) × P × 0.197 / 10^6, solved for K in 2024 and for M in
  // 2025, with K moving with the tax base (same population).
  const double p = kbtest::kSjoboPopulation;
  const double k2024 = 1.15 * kbtest::kNationalCapacity2024 - 262.6e6 / p / 0.197;
  const double k2025 = k2024 * (1042.8 / 995.3);
  const double m2025 = (k2025 + 270.6e6 / p / 0.197) / 1.15;
  EXPECT_NEAR(c.own_tax_capacity_kr.at(2025), k2025, 1e-6);
  EXPECT_NEAR(c.national_tax_capacity_kr.at(2025), m2025, 1e-6);
  EXPECT_NEAR(c.national_tax_capacity_growth.at(2025), m2025 / kbtest::kNationalCapacity2024 - 1.0, 1e-12);
}

TEST(Calibration, NoPlanAndGrantsAsATotal) {
  EXPECT_TRUE(calibrate_plan(kbtest::sjobo_2024_itemised(), PriceIndex{}, {}).tax_base_growth.empty());
  std::vector<PlanYear> plan = sjobo_plan();
  for (PlanYear& y : plan) y.population = 0.0;  // not read without itemised grants
  const PlanCalibration c = calibrate_plan(kbtest::sjobo_2024(), vintage_pkv(2025, 2027), plan);
  EXPECT_EQ(c.volume_growth.size(), 3u);
  EXPECT_TRUE(c.national_tax_capacity_growth.empty());
}

TEST(Calibration, ErrorsNameThePlanYearAndField) {
  const BaseYearState base = kbtest::sjobo_2024_itemised();
  std::vector<PlanYear> plan = sjobo_plan();
  plan[1].operating_income_msek = -368.5;
  try {
    calibrate_plan(base, vintage_pkv(2025, 2027), plan);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plan.operating_income_msek[2026] = -368.5 must be positive"),
              std::string::npos)
        << e.what();
  }
  plan = sjobo_plan();
  plan[2].year = 2028;
  EXPECT_THROW(calibrate_plan(base, vintage_pkv(2025, 2028), plan), InputError);
  plan = sjobo_plan();
  plan[0].tax_rate_kr_per_100kr = 0.2092;
  try {
    calibrate_plan(base, vintage_pkv(2025, 2027), plan);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("plan.tax_rate_kr_per_100kr[2025] = 0.2092"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("did you mean 20.92?"), std::string::npos) << e.what();
  }
  EXPECT_THROW(calibrate_plan(base, vintage_pkv(2025, 2026), sjobo_plan()), InputError);  // PKV misses 2027
}

TEST(Approximate, NeutralVolumeMakesCostsGrowWithTheTaxBase) {
  const Assumptions a = kbtest::flat_assumptions(2025, 2030);
  const YearSeries v = neutral_volume_growth(a.price_index, a.tax_base_growth, 2025, 2030);
  // PKV = 0.691 × 3.5 % + 0.309 × 2 % = 3.0365 %; tax base growth 4 %.
  EXPECT_NEAR(v.at(2025), 1.04 / 1.030365 - 1.0, 1e-15);
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines[0].volume_growth = v;
  const IncomeStatement s = Projector(b, a, 2030).run();
  for (Eigen::Index k = 1; k < 7; ++k) EXPECT_NEAR(s.operating_costs[k] / s.operating_costs[k - 1], 1.04, 1e-12);
  EXPECT_TRUE(neutral_volume_growth(a.price_index, a.tax_base_growth, 2026, 2025).empty());
  EXPECT_THROW(neutral_volume_growth(a.price_index, a.tax_base_growth, 2025, 2031), InputError);
}

TEST(Approximate, BalancingItemMakesTheBaseYearResultZero) {
  // Net costs 1656.2, tax 995.3, equalisation 262.6 (Sjöbo 2024): the item is 1656.2 − 995.3 − 262.6 = 398.3.
  const double item = balancing_grant_item_msek(1656.2, 995.3, 262.6);
  EXPECT_NEAR(item, 398.3, 1e-9);
  BaseYearState b = kbtest::sjobo_2024();
  b.operating_income_msek = 0.0;
  b.depreciation_msek = 0.0;
  b.financial_income_msek = 0.0;
  b.financial_costs_msek = 0.0;
  b.reserve_use_msek = 0.0;
  b.general_grants_msek = 262.6 + item;
  EXPECT_NEAR(Projector(b, Assumptions{}, 2024).run().result[0], 0.0, 1e-9);
  EXPECT_THROW(balancing_grant_item_msek(-1.0, 995.3, 262.6), InputError);
}

TEST(Approximate, RevenueEstimateByHand) {
  IncomeEqualisation p;
  p.grant_rate_kr_per_100kr = 19.70;
  p.fee_rate_kr_per_100kr = 16.98;
  const double national = 271000.0, own = 0.892 * national, population = 19337.0, base = 4757.6;
  const RevenueEstimate r = estimate_revenue(p, 20.92, base, own, national, population);
  EXPECT_NEAR(r.tax_revenue_msek, 0.2092 * 4757.6, 1e-9);
  EXPECT_NEAR(r.one_ore_msek, 0.47576, 1e-12);
  EXPECT_NEAR(r.one_ore_kr_per_inhabitant, 475760.0 / 19337.0, 1e-9);
  const double equalisation = (1.15 - 0.892) * national * population * 0.197 / 1e6;
  EXPECT_NEAR(r.income_equalisation_msek, equalisation, 1e-9);
  EXPECT_NEAR(r.income_equalisation_kr_per_inhabitant, equalisation * 1e6 / population, 1e-6);
  EXPECT_NEAR(r.equalisation_change_per_krona, -0.197, 1e-15);
  EXPECT_NEAR(r.kept_per_krona, 0.2092 - 0.197, 1e-15);
  EXPECT_NEAR(r.capacity_index, 89.2, 1e-9);
  EXPECT_THROW(estimate_revenue(p, 0.2092, base, own, national, population), InputError);
  EXPECT_THROW(estimate_revenue(p, 20.92, 0.0, own, national, population), InputError);
}
