// Population in the tax base and the equalisation, the regulation grant's rule and what one inhabitant is worth
// (docs/model.md §3, §5). Every expected value is derived by hand in the test from the rule's source text.
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"

using namespace kommunbudget;
using namespace kbtest;

TEST(PopulationRules, PerInhabitantGrowthByHand) {
  // RULES.md §5: the national tax base (+4 %) holds Sweden's population growth (+36 003 on 10 551 707 in 2024,
  // SCB, nyckeltal_riket.csv); per inhabitant 1.04 / 1.003412 − 1.
  const double population_growth = 36003.0 / 10551707.0;
  EXPECT_NEAR(per_inhabitant_growth(0.04, population_growth), 1.04 / (1.0 + population_growth) - 1.0, 1e-15);
  EXPECT_NEAR(per_inhabitant_growth(0.04, population_growth), 0.036464, 1e-6);
  EXPECT_THROW(per_inhabitant_growth(4.0, 0.0), InputError);  // a percent given as a fraction
}

TEST(PopulationRules, OwnTaxBaseIsCapacityTimesPopulation) {
  // skatteunderlag = skattekraft × invånare: capacity +3 %, 19 337 → 19 530 inhabitants.
  EXPECT_NEAR(own_tax_base_growth(0.03, 19337.0, 19530.0), 1.03 * 19530.0 / 19337.0 - 1.0, 1e-15);
  EXPECT_NEAR(own_tax_base_growth(0.03, 19337.0, 19337.0), 0.03, 1e-15);
  EXPECT_THROW(own_tax_base_growth(0.03, 0.0, 19337.0), InputError);
}

TEST(PopulationRules, OneInhabitantIsWorthTheGuaranteeAtTheCountyRate) {
  // RULES.md §5: one inhabitant more or fewer changes the equalisation by about 1.15 × M × county rate / 100
  // whatever the inhabitant earns; with the own rate on the own capacity K added: 1.15·M·r/100 + K·(own − r)/100.
  IncomeEqualisation p;
  p.grant_rate_kr_per_100kr = 19.70;
  p.fee_rate_kr_per_100kr = 16.98;
  const double m = 271415.0;  // Sjöbo 2024's uprated medelskattekraft, kr (the embedded figure)
  const double k = 0.896 * m;  // a capacity index of 89.6 % (docs: Sjöbo's implied index)
  const InhabitantWorth w = inhabitant_worth(p, 20.92, k, m);
  EXPECT_NEAR(w.tax_kr, 0.2092 * k, 1e-9);
  EXPECT_NEAR(w.equalisation_kr, 0.197 * (1.15 * m - k), 1e-9);
  EXPECT_NEAR(w.total_kr(), 1.15 * m * 0.197 + k * (0.2092 - 0.197), 1e-9);
  EXPECT_NEAR(1.15 * m * 0.197, 61500.0, 100.0);  // RULES.md §5: 'Sjöbo 2024: ca 61 500 kr'
  // Above the guarantee the fee rate applies: one more inhabitant lowers the fee by r_fee/100 × (G·M − K) (< 0 here).
  const InhabitantWorth rich = inhabitant_worth(p, 20.0, 1.5 * m, m);
  EXPECT_NEAR(rich.equalisation_kr, 0.1698 * (1.15 * m - 1.5 * m), 1e-9);
}

TEST(PopulationRules, RegulationRuleByHand) {
  // The regulation grant per inhabitant falls by the national net income equalisation per inhabitant × the growth
  // of the national capacity, rises by the announced change, and is paid to the year's population.
  const int b = 2024;
  BaseYearState base = with_zero_volume(sjobo_2024_itemised(), b + 1, b + 2);
  Assumptions a = itemised_assumptions(b + 1, b + 2, 0.04, 0.03);
  for (GrantItemPath& path : a.grant_items) {
    if (path.name == "regulation_grant") {
      path.growth = YearSeries("regulation_grant.growth", {}, {});
      path.regulation_rule = true;
    }
  }
  a.population = YearSeries("population", {b + 1, b + 2}, {19337.0, 19500.0});
  a.national_net_income_equalisation_kr = 8100.0;
  a.announced_grant_change_kr = YearSeries("announced_grant_change_kr", {b + 2}, {11.76});
  const IncomeStatement s = Projector(base, a, b + 2).run();
  Eigen::Index row = -1;
  for (std::size_t i = 0; i < s.grant_item_names.size(); ++i) {
    if (s.grant_item_names[i] == "regulation_grant") row = static_cast<Eigen::Index>(i);
  }
  ASSERT_GE(row, 0);
  const double per_2024 = 44.3e6 / 19337.0;
  const double per_2025 = per_2024 - 8100.0 * 0.03;                 // N(2024) × m(2025)
  const double per_2026 = per_2025 - 8100.0 * 1.03 * 0.03 + 11.76;  // N(2025) = N(2024) × 1.03
  EXPECT_NEAR(s.grant_items(row, 1), per_2025 * 19337.0 / 1e6, 1e-9);
  EXPECT_NEAR(s.grant_items(row, 2), per_2026 * 19500.0 / 1e6, 1e-9);
  EXPECT_NEAR(s.inhabitant_regulation_kr[2], per_2026, 1e-6);
  // The equalisation counts the year's population: own capacity = equalisation base / population.
  EXPECT_NEAR(s.own_tax_capacity[2], s.equalisation_tax_base[2] * 1e6 / 19500.0, 1e-6);
}
