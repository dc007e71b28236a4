#include <gtest/gtest.h>

#include <random>

#include "fixtures.hpp"

using namespace kommunbudget;

TEST(Projection, SjoboBudget2024RebuiltFromItsComponents) {
  // Expected values: Sjöbo's adopted budget 2024 (finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget):
  // net operating cost −1358.3, operating result −36.0, result −26.1, balanced-budget result −18.6.
  const IncomeStatement s = project(kbtest::sjobo_2024(), Assumptions{}, 2024);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s.operating_income[0], 335.6, 1e-9);
  EXPECT_NEAR(s.operating_costs[0], -1656.2, 1e-9);
  EXPECT_NEAR(s.depreciation[0], -37.7, 1e-9);
  EXPECT_NEAR(s.net_operating_cost[0], -1358.3, 0.05);
  EXPECT_NEAR(s.tax_revenue[0], 995.3, 1e-9);
  EXPECT_NEAR(s.operating_result[0], -36.0, 0.05);
  EXPECT_NEAR(s.result[0], -26.1, 0.05);
  EXPECT_NEAR(s.balanced_budget_result[0], -18.6, 0.05);
  EXPECT_NEAR(s.result_share[0], -26.1 / (995.3 + 327.0), 1e-4);
}

TEST(Projection, CostLineUpratedByItsOwnIndexChainsByHand) {
  // PKV 3 %, 2.5 %, 2 % (labour and other equal) and no volume: 100 → 103.0, 105.575, 107.6865.
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines = {CostLine{"line", 100.0, -1.0, YearSeries::constant("volume_growth", 2025, 2027, 0.0)}};
  Assumptions a = kbtest::flat_assumptions(2025, 2027);
  const YearSeries pkv("change", {2025, 2026, 2027}, {0.03, 0.025, 0.02});
  a.price_index.labour_cost_change = pkv;
  a.price_index.other_cost_change = pkv;
  const IncomeStatement s = project(b, a, 2027);
  EXPECT_NEAR(-s.operating_costs[1], 103.0, 1e-9);
  EXPECT_NEAR(-s.operating_costs[2], 105.575, 1e-9);
  EXPECT_NEAR(-s.operating_costs[3], 107.6865, 1e-9);

  // A change of the 2026 assumption leaves 2024 and 2025 unchanged.
  a.price_index.labour_cost_change = pkv.with_value(2026, 0.06);
  const IncomeStatement s2 = project(b, a, 2027);
  EXPECT_EQ(s2.operating_costs[0], s.operating_costs[0]);
  EXPECT_EQ(s2.operating_costs[1], s.operating_costs[1]);
  EXPECT_EQ(s2.result[1], s.result[1]);
  EXPECT_LT(s2.operating_costs[2], s.operating_costs[2]);
}

TEST(Projection, LabourShareAndVolumeFollowTheDesignEquation) {
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines = {CostLine{"care", 500.0, 0.8, YearSeries::constant("volume_growth", 2025, 2026, 0.01)},
                  CostLine{"rest", 200.0, -1.0, YearSeries::constant("volume_growth", 2025, 2026, 0.0)}};
  Assumptions a = kbtest::flat_assumptions(2025, 2026, 0.04, 0.02, 0.7);
  const IncomeStatement s = project(b, a, 2026);
  const double care_price = 0.8 * 0.04 + 0.2 * 0.02;
  const double pkv = 0.7 * 0.04 + 0.3 * 0.02;
  const double care = 500.0 * std::pow(1.01 * (1 + care_price), 2);
  const double rest = 200.0 * std::pow(1 + pkv, 2);
  EXPECT_NEAR(-s.operating_costs[2], care + rest, 1e-9);
}

TEST(Projection, AccountingIdentitiesHoldForGeneratedInputs) {
  std::mt19937 rng(20241);
  for (int i = 0; i < 200; ++i) {
    const kbtest::Generated g = kbtest::generate(rng);
    const IncomeStatement s = project(g.base, g.assumptions, g.horizon);
    for (std::size_t k = 0; k < s.size(); ++k) {
      const auto j = static_cast<Eigen::Index>(k);
      EXPECT_NEAR(s.net_operating_cost[j], s.operating_income[j] + s.operating_costs[j] + s.depreciation[j], 1e-9);
      EXPECT_NEAR(s.operating_result[j], s.net_operating_cost[j] + s.tax_revenue[j] + s.general_grants[j], 1e-9);
      EXPECT_NEAR(s.result[j], s.operating_result[j] + s.financial_income[j] + s.financial_costs[j], 1e-9);
      // The balanskrav deduction is printed negative: gains in operating income are subtracted.
      EXPECT_LE(s.realisation_gains[j], 0.0);
      EXPECT_NEAR(s.balanced_budget_result[j], s.result[j] + s.realisation_gains[j] + s.reserve_use[j] +
                                                    s.other_balance_adjustments[j], 1e-9);
      EXPECT_NEAR(s.tax_revenue[j], s.tax_rate[j] / 100.0 * s.tax_base[j] + s.final_settlement[j], 1e-9);
      EXPECT_TRUE(s.result_share.allFinite());
    }
  }
}

TEST(Projection, RealisationGainCountsInResultButNotInBalancedBudgetResult) {
  // LKBR 11 kap. 10 §: all realisation gains are deducted from the result for the balanced-budget result.
  BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026);
  Assumptions a = kbtest::flat_assumptions(2025, 2026);
  const IncomeStatement without = project(b, a, 2026);
  a.realisation_gains_msek = YearSeries("realisation_gains_msek", {2025, 2026}, {5.0, 0.0});
  const IncomeStatement with = project(b, a, 2026);
  EXPECT_NEAR(with.result[1] - without.result[1], 5.0, 1e-9);
  EXPECT_NEAR(with.operating_income[1] - without.operating_income[1], 5.0, 1e-9);
  EXPECT_NEAR(with.realisation_gains[1], -5.0, 1e-12);
  EXPECT_NEAR(with.balanced_budget_result[1], without.balanced_budget_result[1], 1e-9);
}

TEST(Projection, NoMeasuresEqualsBaselineAndBaselineIsNotChanged) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2028);
  const Projector p(b, kbtest::flat_assumptions(2025, 2028), 2028);
  const IncomeStatement baseline = p.run();
  Measures m;
  m.tax_changes.push_back(TaxChange{2026, 0.5});
  m.efficiency.push_back(EfficiencyMeasure{2025, 0.01, true, ""});
  const IncomeStatement scenario = p.run(m);
  const IncomeStatement again = p.run();
  EXPECT_EQ(again.result, baseline.result);
  EXPECT_GT(scenario.result[3], baseline.result[3]);
  EXPECT_EQ(scenario.result[0], baseline.result[0]);
}

TEST(Projection, TaxChangeIsKeptInFull) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2028);
  const Projector p(b, kbtest::flat_assumptions(2025, 2028), 2028);
  const IncomeStatement baseline = p.run();
  Measures m;
  m.tax_changes.push_back(TaxChange{2026, 0.35});
  const IncomeStatement s = p.run(m);
  for (Eigen::Index k = 0; k < 5; ++k) {
    const double expected = k >= 2 ? 0.35 / 100.0 * baseline.tax_base[k] : 0.0;
    EXPECT_NEAR(s.result[k] - baseline.result[k], expected, 1e-9);
    EXPECT_NEAR(s.tax_change_revenue[k], expected, 1e-9);
    EXPECT_EQ(s.general_grants[k], baseline.general_grants[k]);
  }
}

TEST(Projection, OneOffEfficiencyPersistsAndIsUpratedYearlyCompounds) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2027);
  const Projector p(b, kbtest::flat_assumptions(2025, 2027), 2027);
  const IncomeStatement baseline = p.run();
  // The gross base (on_gross): 2 % of the whole line; the net base is tested in test_levers.cpp (Efficiency.Net*).
  Measures one_off;
  one_off.efficiency.push_back(EfficiencyMeasure{2025, 0.02, false, ""});
  one_off.efficiency[0].on_gross = true;
  const IncomeStatement s = p.run(one_off);
  EXPECT_NEAR(s.operating_costs[1], baseline.operating_costs[1] * 0.98, 1e-9);
  EXPECT_NEAR(s.operating_costs[3], baseline.operating_costs[3] * 0.98, 1e-9);
  EXPECT_NEAR(s.efficiency_saving[3], -baseline.operating_costs[3] * 0.02, 1e-9);
  Measures yearly;
  yearly.efficiency.push_back(EfficiencyMeasure{2025, 0.02, true, ""});
  yearly.efficiency[0].on_gross = true;
  const IncomeStatement y = p.run(yearly);
  EXPECT_NEAR(y.operating_costs[3], baseline.operating_costs[3] * 0.98 * 0.98 * 0.98, 1e-9);
}

TEST(ProjectionErrors, HorizonBeforeBaseYear) {
  try {
    Projector(kbtest::sjobo_2024(), Assumptions{}, 2023);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("horizon = 2023"), std::string::npos) << msg;
    EXPECT_NE(msg.find("base year 2024"), std::string::npos) << msg;
  }
}

TEST(ProjectionErrors, MissingAssumptionYearIsNamed) {
  try {
    Projector(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2028), kbtest::flat_assumptions(2025, 2027), 2028);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("year 2028 is missing"), std::string::npos) << e.what();
  }
}

TEST(ProjectionErrors, MeasureOutsideYearsAndUnknownLine) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  Measures m;
  m.tax_changes.push_back(TaxChange{2030, 0.1});
  EXPECT_THROW(p.run(m), InputError);
  Measures e;
  e.efficiency.push_back(EfficiencyMeasure{2025, 0.01, false, "no such line"});
  try {
    p.run(e);
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("'no such line'"), std::string::npos);
  }
  Measures big;
  big.efficiency.push_back(EfficiencyMeasure{2025, 2.0, false, ""});
  try {
    p.run(big);
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("efficiency[0].rate[2025] = 2"), std::string::npos) << err.what();
  }
}

TEST(ProjectionErrors, PercentHintsForTaxChangeAndEfficiency) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  Measures tax;
  tax.tax_changes.push_back(TaxChange{2025, 25.0});
  try {
    p.run(tax);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("tax_changes[0].change_kr_per_100kr[2025] = 25"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0.25"), std::string::npos) << msg;
  }
  Measures eff;
  eff.efficiency.push_back(EfficiencyMeasure{2025, 5.0, false, ""});
  try {
    p.run(eff);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 0.05?"), std::string::npos) << e.what();
  }
}
