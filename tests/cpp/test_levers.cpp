#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
WorkLinePolicy policy(int start_year, int start_month = 1) {
  WorkLinePolicy m;
  m.name = "test";
  m.baseline_households = 400.0;
  m.cost_per_household_kr = 75045.0;
  m.start_year = start_year;
  m.start_month = start_month;
  m.target_reduction = 0.10;
  m.ramp_years = 1;
  m.share_into_work = 0.5;
  m.earnings_per_person_kr = 250000.0;
  m.persons_per_household = 1.2;
  m.implementation_cost_msek = 1.5;
  return m;
}
}  // namespace

TEST(Levers, RemainingYearShare) {
  EXPECT_DOUBLE_EQ(remaining_year_share(1), 1.0);
  EXPECT_DOUBLE_EQ(remaining_year_share(4), 9.0 / 12.0);
  EXPECT_DOUBLE_EQ(remaining_year_share(12), 1.0 / 12.0);
  EXPECT_THROW(remaining_year_share(13), InputError);
  EXPECT_THROW(remaining_year_share(0), InputError);
}

TEST(WorkLine, NationalAssistanceFromHouseholdsTimesCostPerHousehold) {
  // Socialstyrelsen via Regionfakta (ekonomiskt_bistand.csv), Sweden 2024: 145 456 households, 10 915 807 tkr paid,
  // 75 045 kr per household. Removing every household from the start of the base year saves households × cost.
  BaseYearState b = kbtest::sjobo_2024();
  WorkLinePolicy m;
  m.baseline_households = 145456.0;
  m.cost_per_household_kr = 75045.0;
  m.start_year = 2024;
  m.target_reduction = 1.0;
  Measures measures;
  measures.work_lines.push_back(m);
  const IncomeStatement s = project(b, Assumptions{}, 2024, measures);
  EXPECT_NEAR(s.work_line_saving[0], 10915.807, 1.0);  // MSEK, within rounding of the published kr per household
}

TEST(WorkLine, SolnaHouseholdPathFromAConstantYearlyReduction) {
  // Solna: 2 197 households on assistance in 1998, 337 in 2018 (the report). The constant yearly change that
  // reproduces both ends: (337 / 2197)^(1/20) − 1.
  const double trend = std::pow(337.0 / 2197.0, 1.0 / 20.0) - 1.0;
  BaseYearState b = kbtest::sjobo_2024();
  b.year = 1998;
  for (auto& line : b.cost_lines) line.volume_growth = YearSeries::constant("volume_growth", 1999, 2018, 0.0);
  Assumptions a = kbtest::flat_assumptions(1999, 2018);
  WorkLinePolicy m;
  m.baseline_households = 2197.0;
  m.household_trend = trend;
  m.start_year = 1998;
  m.target_reduction = 1.0;  // report the whole path
  Measures measures;
  measures.work_lines.push_back(m);
  const IncomeStatement s = project(b, a, 2018, measures);
  EXPECT_NEAR(s.work_line_households_reduced[0], 2197.0, 1e-9);
  EXPECT_NEAR(s.work_line_households_reduced[20], 337.0, 1e-6);
}

TEST(WorkLine, StartingFirstAprilCountsNineTwelfths) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  Measures jan, apr;
  jan.work_lines.push_back(policy(2025, 1));
  apr.work_lines.push_back(policy(2025, 4));
  const IncomeStatement a = p.run(jan), b = p.run(apr);
  EXPECT_NEAR(b.work_line_saving[1], a.work_line_saving[1] * 9.0 / 12.0, 1e-12);
  EXPECT_NEAR(b.work_line_cost[1], a.work_line_cost[1] * 9.0 / 12.0, 1e-12);
  EXPECT_NEAR(b.work_line_saving[2], a.work_line_saving[2], 1e-12);  // full years after
}

TEST(WorkLine, EffectsByHandWithEqualisation) {
  // Sjöbo itemised; PKV labour 3.5 %, other 2 %; tax base growth 4 %; a policy from 2025 with ramp 1.
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2028),
                    kbtest::itemised_assumptions(2025, 2028, 0.04), 2028);
  const IncomeStatement base = p.run();
  Measures m;
  m.work_lines.push_back(policy(2025));
  const IncomeStatement s = p.run(m);
  // 2025: 10 % of 400 households, at 75 045 kr uprated by other consumption (2 %).
  const double reduced = 40.0;
  EXPECT_NEAR(s.work_line_households_reduced[1], reduced, 1e-12);
  EXPECT_NEAR(s.work_line_saving[1], reduced * 75045.0 * 1.02 / 1e6, 1e-9);
  EXPECT_NEAR(s.work_line_cost[1], 1.5 * 1.035, 1e-12);  // uprated by labour cost
  const double earnings_2025 = reduced * 0.5 * 1.2 * 250000.0 * 1.035 / 1e6;
  EXPECT_NEAR(s.work_line_earnings[1], earnings_2025, 1e-9);
  // Nothing reaches the tax base before 2027; in 2027 the 2025 earnings uprated by 2026 and 2027 (4 % each).
  EXPECT_EQ(s.work_line_tax_base[2], 0.0);
  const double added = earnings_2025 * 1.04 * 1.04;
  EXPECT_NEAR(s.work_line_tax_base[3], added, 1e-9);
  EXPECT_NEAR(s.work_line_tax_gain[3], 0.2092 * added, 1e-9);
  EXPECT_NEAR(s.work_line_equalisation_change[3], -0.1970 * added, 1e-9);  // Skåne's county rate, c = 1
  // The result moves by exactly the reported net in every year.
  for (Eigen::Index k = 0; k < 5; ++k) {
    EXPECT_NEAR(s.result[k] - base.result[k], s.work_line_net[k], 1e-9) << s.years[k];
  }
}

TEST(WorkLine, ZeroSizeGivesTheBaselineExactly) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2028),
                    kbtest::itemised_assumptions(2025, 2028), 2028);
  WorkLinePolicy zero = policy(2025);
  zero.target_reduction = 0.0;
  zero.implementation_cost_msek = 0.0;
  Measures m;
  m.work_lines.push_back(zero);
  EXPECT_EQ(p.run(m).result, p.run().result);
}

TEST(WorkLineErrors, FieldsAreChecked) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  Measures m;
  m.work_lines.push_back(policy(2025));
  m.work_lines[0].target_reduction = 15.0;
  try {
    p.run(m);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("work_lines[0] (test).target_reduction[2025] = 15"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean 0.15?"), std::string::npos) << msg;
  }
  m.work_lines[0].target_reduction = 0.1;
  m.work_lines[0].start_month = 13;
  EXPECT_THROW(p.run(m), InputError);
}
