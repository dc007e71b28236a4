// Measure effects (measures added one at a time), the driver bridge, and the checks across measures.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
// Sjöbo itemised with three cost lines (the budget's 1656.2 split by hand), PKV 3.5 % / 2 %, tax base growth 4 %.
BaseYearState three_lines() {
  BaseYearState b = kbtest::sjobo_2024_itemised();
  b.cost_lines = {CostLine{"school", 700.0, 0.75, {}}, CostLine{"care", 600.0, -1.0, {}},
                  CostLine{"other", 356.2, 0.5, {}}};
  return kbtest::with_zero_volume(b, 2025, 2030);
}

Projector projector() { return Projector(three_lines(), kbtest::itemised_assumptions(2025, 2030), 2030); }

Property property(const std::string& id) {
  Property q;
  q.id = id;
  q.book_value_msek = 10.0;
  q.market_value_msek = 14.0;
  q.running_cost_msek = 1.2;
  q.depreciation_msek = 0.4;
  return q;
}

// One measure of each list, and the order in which a scenario file would name them.
Measures mixed(std::vector<MeasureRef>& order) {
  Measures m;
  m.efficiency.push_back(EfficiencyMeasure{2026, 0.02, false, "school", 4, 2, 0.8, 1.0});
  order.push_back({MeasureGroup::Efficiency, 0});
  m.tax_changes.push_back(TaxChange{2027, 0.35});
  order.push_back({MeasureGroup::TaxChanges, 0});
  FixedSaving f;
  f.name = "premises";
  f.amount_msek = 6.0;
  f.start_year = 2026;
  f.cost_line = "other";
  m.fixed_savings.push_back(f);
  order.push_back({MeasureGroup::FixedSavings, 0});
  m.disposals.push_back(Disposal{property("A 1:1"), 2027, 7, -1.0, 0.03});
  order.push_back({MeasureGroup::Disposals, 0});
  WorkLinePolicy w;
  w.baseline_households = 400.0;
  w.cost_per_household_kr = 75045.0;
  w.start_year = 2026;
  w.target_reduction = 0.1;
  w.share_into_work = 0.5;
  w.earnings_per_person_kr = 250000.0;
  w.price_base_amount_kr = kbtest::price_base_amounts(2026, 2030);
  m.work_lines.push_back(w);
  order.push_back({MeasureGroup::WorkLines, 0});
  m.earned_income_changes.push_back(EarnedIncomeChange{2026, 12.0});
  order.push_back({MeasureGroup::EarnedIncomeChanges, 0});
  m.efficiency.push_back(EfficiencyMeasure{2027, 0.01, true, "", 1, 1, 1.0, 0.0});
  order.push_back({MeasureGroup::Efficiency, 1});
  return m;
}

// The prefix of `order` of length n, as a Measures (the reference: built here, run with run()).
Measures prefix(const Measures& all, const std::vector<MeasureRef>& order, std::size_t n) {
  Measures m;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = order[i].index;
    switch (order[i].group) {
      case MeasureGroup::Disposals: m.disposals.push_back(all.disposals[j]); break;
      case MeasureGroup::FixedSavings: m.fixed_savings.push_back(all.fixed_savings[j]); break;
      case MeasureGroup::TaxChanges: m.tax_changes.push_back(all.tax_changes[j]); break;
      case MeasureGroup::Efficiency: m.efficiency.push_back(all.efficiency[j]); break;
      case MeasureGroup::EarnedIncomeChanges: m.earned_income_changes.push_back(all.earned_income_changes[j]); break;
      case MeasureGroup::WorkLines: m.work_lines.push_back(all.work_lines[j]); break;
    }
  }
  return m;
}

template <typename F>
std::pair<std::string, std::size_t> measure_error(F&& f) {
  try {
    f();
  } catch (const MeasureError& e) {
    return {e.what(), e.position()};
  }
  return {"", 0};
}
}  // namespace

TEST(MeasureEffects, EachRowIsTheChangeItsPrefixAddsAndTheRowsSumToTheTotal) {
  const Projector p = projector();
  std::vector<MeasureRef> order;
  const Measures all = mixed(order);
  const MeasureEffects e = p.measure_effects(all, order);
  ASSERT_EQ(e.result_change.rows(), static_cast<Eigen::Index>(order.size()));
  ASSERT_EQ(e.result_change.cols(), 7);
  EXPECT_EQ(e.baseline.result, p.run().result);
  // The reference: run() on each prefix, built independently of measure_effects.
  Eigen::VectorXd previous = p.run().result;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Eigen::VectorXd current = p.run(prefix(all, order, i + 1)).result;
    for (Eigen::Index k = 0; k < 7; ++k) {
      EXPECT_EQ(e.result_change(static_cast<Eigen::Index>(i), k), current[k] - previous[k]) << i << " " << k;
    }
    previous = current;
  }
  const Eigen::VectorXd total = p.run(all).result - p.run().result;
  EXPECT_EQ(e.final.result, p.run(all).result);  // the group order does not change the sum of the lists
  for (Eigen::Index k = 0; k < 7; ++k) EXPECT_NEAR(e.result_change.col(k).sum(), total[k], 1e-9);
  // The tax change alone, by hand: 0.35 / 100 × the tax base of each year from 2027 (own tax base only).
  const Eigen::Index row = 1;
  EXPECT_EQ(e.result_change(row, 2), 0.0);
  EXPECT_NEAR(e.result_change(row, 3), 0.0035 * kbtest::kSjoboTax2024 / 0.2092 * std::pow(1.04, 3), 1e-9);
}

TEST(MeasureEffects, NoMeasures) {
  const Projector p = projector();
  const MeasureEffects e = p.measure_effects(Measures{}, {});
  EXPECT_EQ(e.result_change.rows(), 0);
  EXPECT_EQ(e.final.result, e.baseline.result);
}

TEST(MeasureEffects, AnInvalidMeasureIsNamedWithItsListIndexAndItsPosition) {
  const Projector p = projector();
  std::vector<MeasureRef> order;
  Measures all = mixed(order);
  FixedSaving bad;
  bad.name = "bad";
  bad.amount_msek = -5.0;
  bad.start_year = 2026;
  all.fixed_savings.push_back(bad);
  order.insert(order.begin() + 2, MeasureRef{MeasureGroup::FixedSavings, 1});
  const auto [message, position] = measure_error([&] { p.measure_effects(all, order); });
  EXPECT_EQ(position, 2u);
  EXPECT_EQ(message, "fixed_savings[1] (bad).amount_msek[2026] = -5 is outside the allowed range [0, 100000] MSEK");
  // The same text as run() gives for the set.
  try {
    p.run(all);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(message, e.what());
  }
}

TEST(MeasureEffects, APropertySoldTwiceIsNamedAtTheSecondSale) {
  const Projector p = projector();
  std::vector<MeasureRef> order;
  Measures all = mixed(order);
  all.disposals.push_back(Disposal{property("A 1:1"), 2028, 1, -1.0, 0.0});
  order.push_back({MeasureGroup::Disposals, 1});
  const auto [message, position] = measure_error([&] { p.measure_effects(all, order); });
  EXPECT_EQ(position, order.size() - 1);
  EXPECT_EQ(message, "disposals: property 'A 1:1' is sold twice; expected each property once");
  EXPECT_THROW(p.run(all), InputError);
}

TEST(MeasureEffects, APrefixThatCannotBeProjectedIsNamed) {
  // Each change alone is allowed (at most 10 kr), but the third takes the rate past 50 kr per 100 kr.
  const Projector p = projector();
  Measures all;
  std::vector<MeasureRef> order;
  for (std::size_t i = 0; i < 3; ++i) {
    all.tax_changes.push_back(TaxChange{2026, 10.0});
    order.push_back({MeasureGroup::TaxChanges, i});
  }
  const auto [message, position] = measure_error([&] { p.measure_effects(all, order); });
  EXPECT_EQ(position, 2u);
  EXPECT_NE(message.find("tax_rate_kr_per_100kr[2026] = 50.92 after tax changes of 30"), std::string::npos) << message;
}

TEST(MeasureEffects, TheOrderNamesEachMeasureOnce) {
  const Projector p = projector();
  std::vector<MeasureRef> order;
  const Measures all = mixed(order);
  std::vector<MeasureRef> missing(order.begin(), order.end() - 1);
  EXPECT_THROW(p.measure_effects(all, missing), InputError);
  std::vector<MeasureRef> twice = order;
  twice.back() = twice.front();
  EXPECT_EQ(measure_error([&] { p.measure_effects(all, twice); }).second, order.size() - 1);
  std::vector<MeasureRef> beyond = order;
  beyond[0].index = 7;
  EXPECT_EQ(measure_error([&] { p.measure_effects(all, beyond); }).second, 0u);
}

TEST(InputHardening, AFixedSavingWithoutALineIsAtMostTheOperatingCosts) {
  const Projector p = projector();
  Measures m;
  FixedSaving f;
  f.name = "all";
  f.amount_msek = 1700.0;
  f.start_year = 2026;
  m.fixed_savings.push_back(f);
  try {
    p.run(m);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "fixed_savings[0] (all).amount_msek = 1700 exceeds the base-year operating costs "
                                     "of Sjöbo (1656.2 MSEK); expected at most that");
  }
}

TEST(InputHardening, CostsThatWouldTurnIntoIncomeAreRefused) {
  // Two savings, each within the line, together beyond it.
  const Projector p = projector();
  Measures m;
  for (int i = 0; i < 2; ++i) {
    FixedSaving f;
    f.name = "s" + std::to_string(i);
    f.amount_msek = 1000.0;
    f.start_year = 2026;
    m.fixed_savings.push_back(f);
  }
  try {
    p.run(m);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("operating_costs[2026] = "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("costs would turn into income"), std::string::npos) << e.what();
  }
}

TEST(DriverBridge, StepsSumFromTheBaseYearToTheScenario) {
  const Projector p(three_lines(), kbtest::itemised_assumptions(2025, 2030, 0.045, 0.035), 2030);
  std::vector<MeasureRef> order;
  const Measures all = mixed(order);
  const DriverBridge bridge = driver_bridge(p, all, 2029);
  ASSERT_EQ(bridge.drivers.size(), 9u);
  EXPECT_EQ(bridge.drivers.front(), "base-year result");
  EXPECT_EQ(bridge.drivers[6], "national tax capacity growth (equalisation)");
  EXPECT_EQ(bridge.drivers.back(), "scenario result");
  const IncomeStatement base = p.run(), scenario = p.run(all);
  EXPECT_EQ(bridge.msek[0], base.result[0]);
  EXPECT_EQ(bridge.msek[8], scenario.result[5]);
  EXPECT_NEAR(bridge.msek[7], scenario.result[5] - base.result[5], 1e-9);
  EXPECT_NEAR(bridge.msek.segment(1, 7).sum(), scenario.result[5] - base.result[0], 1e-9);
  EXPECT_NEAR(bridge.ore[7], tax_rate_equivalent_ore(bridge.msek[7], base.tax_base[5]), 1e-9);
  EXPECT_THROW(driver_bridge(p, all, 2024), InputError);
  EXPECT_THROW(driver_bridge(p, all, 2031), InputError);
}

TEST(DriverBridge, FrozenAndPriceStepsByHand) {
  // Sjöbo with grants as a total (330 given every year), one PKV line, no volume.
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  const DriverBridge bridge = driver_bridge(p, Measures{}, 2026);
  // Base year: 335.6 − 1656.2 − 37.7 + 995.3 + 327.0 + 10.6 − 0.7 = −26.1 (the budget's result).
  EXPECT_NEAR(bridge.msek[0], -26.1, 1e-9);
  // Frozen 2026: the same costs, income and tax, with the planned grants 330, depreciation 40 and financial items
  // 9 − 0.5: −26.8, so "other planned amounts" is −0.7.
  EXPECT_NEAR(bridge.msek[1], -0.7, 1e-9);
  // PKV 0.691 × 3.5 % + 0.309 × 2 % = 3.0365 % a year on 1656.2 MSEK for two years.
  EXPECT_NEAR(bridge.msek[2], -1656.2 * (1.030365 * 1.030365 - 1.0), 1e-9);
  EXPECT_EQ(bridge.msek[3], 0.0);  // no volume
  EXPECT_NEAR(bridge.msek[4], 335.6 * (1.02 * 1.02 - 1.0), 1e-9);
  EXPECT_NEAR(bridge.msek[5], 995.3 * (1.04 * 1.04 - 1.0), 1e-9);
  EXPECT_EQ(bridge.msek[6], 0.0);  // grants as a total: no equalisation
  EXPECT_EQ(bridge.msek[7], 0.0);  // no measures
}

TEST(DriverBridge, GrantItemsThatFollowTheTaxBaseAreFrozenWithIt) {
  // The same item once with an explicit 4 % growth and once following the tax base growth (4 %): identical
  // projections; but frozen, only the following item stops growing, so "other planned amounts" differ by the
  // item's growth A × (1.04^k − 1), which the tax base step then adds back.
  const BaseYearState b = three_lines();
  Assumptions explicit_growth = kbtest::itemised_assumptions(2025, 2030);
  Assumptions follows = explicit_growth;
  explicit_growth.grant_items[1].growth = YearSeries::constant("regulation_grant.growth", 2025, 2030, 0.04);
  follows.grant_items[1].growth = YearSeries("regulation_grant.growth", {}, {});
  follows.grant_items[1].growth_follows_tax_base = true;
  const Projector a(b, explicit_growth, 2030), f(b, follows, 2030);
  EXPECT_EQ(a.run().result, f.run().result);
  const DriverBridge ba = driver_bridge(a, Measures{}, 2028), bf = driver_bridge(f, Measures{}, 2028);
  const double item_growth = 44.3 * (std::pow(1.04, 4) - 1.0);
  EXPECT_NEAR(ba.msek[1] - bf.msek[1], item_growth, 1e-9);
  EXPECT_NEAR(bf.msek[5] - ba.msek[5], item_growth, 1e-9);
  // Without the flag a year with neither an amount nor a growth value is refused.
  follows.grant_items[1].growth_follows_tax_base = false;
  EXPECT_THROW(Projector(b, follows, 2030), InputError);
}

TEST(DriverBridge, GeneralGrantsThatFollowTheTaxBase) {
  BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026);
  Assumptions a = kbtest::flat_assumptions(2025, 2026);
  a.general_grants_msek = YearSeries("general_grants_msek", {}, {});
  a.general_grants_growth_follows_tax_base = true;
  const IncomeStatement s = Projector(b, a, 2026).run();
  EXPECT_NEAR(s.general_grants[2], 327.0 * 1.04 * 1.04, 1e-9);
}
