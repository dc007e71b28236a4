// Many municipalities in one call (many.hpp): each row against that municipality's own Projector::run, the öre of a
// measure by hand, the tax need against required_sustained_change, threads, mismatched years and errors by index.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {

constexpr int kBase = 2024;
constexpr int kHorizon = 2033;

// Five municipalities that differ: Sjöbo 2024 scaled (costs, tax base and grants by a factor), with their own
// tax base growth; the last one with itemised grants (the equalisation by its formula).
std::vector<std::unique_ptr<Projector>> five(int horizon = kHorizon) {
  std::vector<std::unique_ptr<Projector>> out;
  const double scale[] = {1.0, 0.5, 2.0, 0.8};
  const double growth[] = {0.04, 0.03, 0.05, 0.035};
  for (int i = 0; i < 4; ++i) {
    BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), kBase + 1, horizon);
    b.code = "900" + std::to_string(i);
    b.name = "Test " + std::to_string(i);
    b.tax_base_msek *= scale[i];
    b.cost_lines[0].cost_msek *= scale[i];
    b.general_grants_msek *= scale[i];
    b.operating_income_msek *= scale[i];
    out.push_back(std::make_unique<Projector>(
        b, kbtest::flat_assumptions(kBase + 1, horizon, 0.035, 0.02, 0.691, growth[i], 330.0 * scale[i]), horizon));
  }
  BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), kBase + 1, horizon);
  out.push_back(std::make_unique<Projector>(b, kbtest::itemised_assumptions(kBase + 1, horizon), horizon));
  return out;
}

std::vector<const Projector*> pointers(const std::vector<std::unique_ptr<Projector>>& ps) {
  std::vector<const Projector*> out;
  for (const auto& p : ps) out.push_back(p.get());
  return out;
}

// An efficiency of 1 % on all lines from 2026 (a one-off step that persists), for municipality i a tax rise of
// 0.10 × i kr per 100 kr from 2027 too, so the measures differ.
std::vector<Measures> measures_for(std::size_t n) {
  std::vector<Measures> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    EfficiencyMeasure e;
    e.from_year = 2026;
    e.rate = 0.01;
    out[i].efficiency.push_back(e);
    if (i > 0) out[i].tax_changes.push_back(TaxChange{2027, 0.10 * static_cast<double>(i)});
  }
  return out;
}

void expect_row_equals(const ManyMatrix& m, Eigen::Index row, const Eigen::VectorXd& expected) {
  ASSERT_EQ(m.cols(), expected.size());
  for (Eigen::Index k = 0; k < expected.size(); ++k) EXPECT_EQ(m(row, k), expected[k]) << "row " << row << " col " << k;
}

}  // namespace

TEST(RunMany, EachRowIsTheMunicipalitysOwnProjectionExactly) {
  const auto ps = five();
  const auto ms = measures_for(ps.size());
  for (const bool with_measures : {false, true}) {
    const ManyResult r = run_many(pointers(ps), with_measures ? ms : std::vector<Measures>{}, 2);
    ASSERT_EQ(r.result.rows(), 5);
    ASSERT_EQ(r.years.size(), 10u);
    EXPECT_EQ(r.years.front(), kBase);
    EXPECT_EQ(r.years.back(), kHorizon);
    EXPECT_EQ(r.tax_need.size(), 0);
    EXPECT_EQ(r.measure_effect_msek.size(), 0);
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const IncomeStatement s = ps[i]->run(with_measures ? ms[i] : Measures{});
      const auto row = static_cast<Eigen::Index>(i);
      expect_row_equals(r.result, row, s.result);
      expect_row_equals(r.balanced_budget_result, row, s.balanced_budget_result);
      expect_row_equals(r.result_share, row, s.result_share);
      expect_row_equals(r.tax_revenue, row, s.tax_revenue);
      expect_row_equals(r.general_grants, row, s.general_grants);
      expect_row_equals(r.tax_base, row, s.tax_base);
    }
  }
}

TEST(RunMany, MeasureEffectInOreIsTheChangeOverOneHundredthOfAPercentOfTheTaxBase) {
  const auto ps = five();
  const auto ms = measures_for(ps.size());
  ManyQuestions q;
  q.measure_effect = true;
  const ManyResult r = run_many(pointers(ps), ms, 3, q);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const IncomeStatement with = ps[i]->run(ms[i]);
    const IncomeStatement without = ps[i]->run();
    const auto row = static_cast<Eigen::Index>(i);
    for (Eigen::Index k = 0; k < with.result.size(); ++k) {
      const double change = with.result[k] - without.result[k];
      EXPECT_EQ(r.measure_effect_msek(row, k), change);
      // 1 öre = 0.01 kr per 100 kr raises tax base / 10 000 MSEK, so the change is change / (base / 10 000) öre.
      EXPECT_NEAR(r.measure_effect_ore(row, k), change / (without.tax_base[k] / 10000.0), 1e-12);
    }
    // The measures start in 2026: no effect in 2024-2025, an effect from 2026 (this test can fail).
    EXPECT_EQ(r.measure_effect_msek(row, 0), 0.0);
    EXPECT_EQ(r.measure_effect_msek(row, 1), 0.0);
    EXPECT_GT(r.measure_effect_msek(row, 2), 1.0);
  }
  // Municipality 1 adds a 10 öre rise from 2027: the effect in 2027 grows by 10 öre of its own tax base, exactly
  // the rise's revenue (the equalisation ignores the own rate; docs/model.md §4), up to rounding.
  Measures efficiency_only = ms[1];
  efficiency_only.tax_changes.clear();
  const double efficiency_2027 = ps[1]->run(efficiency_only).result[3] - ps[1]->run().result[3];
  EXPECT_NEAR(r.measure_effect_ore(1, 3) - efficiency_2027 / (ps[1]->run().tax_base[3] / 10000.0), 10.0, 1e-9);
}

TEST(RunMany, TaxNeedIsEachMunicipalitysRequiredSustainedChange) {
  const auto ps = five();
  const auto ms = measures_for(ps.size());
  for (const Target target : {Target{TargetKind::Result, 0.0}, Target{TargetKind::ResultShare, 0.02},
                              Target{TargetKind::BalancedBudgetResult, 0.0}}) {
    ManyQuestions q;
    q.tax_need = true;
    q.target = target;
    q.from_year = 2026;
    const ManyResult r = run_many(pointers(ps), ms, 2, q);
    ASSERT_EQ(r.tax_need.size(), 5);
    for (std::size_t i = 0; i < ps.size(); ++i) {
      EXPECT_EQ(r.tax_need[static_cast<Eigen::Index>(i)],
                required_sustained_change(ps[i]->run(ms[i]), target, 2026))
          << describe(target) << " municipality " << i;
    }
  }
}

TEST(RunMany, NumbersDoNotDependOnThreads) {
  const auto ps = five();
  const auto ms = measures_for(ps.size());
  ManyQuestions q;
  q.tax_need = true;
  q.target = Target{TargetKind::ResultShare, 0.02};
  q.from_year = 2025;
  q.measure_effect = true;
  const ManyResult one = run_many(pointers(ps), ms, 1, q);
  for (const int threads : {2, 8, 0}) {
    const ManyResult r = run_many(pointers(ps), ms, threads, q);
    EXPECT_EQ(r.result, one.result) << threads;
    EXPECT_EQ(r.balanced_budget_result, one.balanced_budget_result) << threads;
    EXPECT_EQ(r.result_share, one.result_share) << threads;
    EXPECT_EQ(r.tax_revenue, one.tax_revenue) << threads;
    EXPECT_EQ(r.general_grants, one.general_grants) << threads;
    EXPECT_EQ(r.tax_base, one.tax_base) << threads;
    EXPECT_EQ(r.tax_need, one.tax_need) << threads;
    EXPECT_EQ(r.measure_effect_msek, one.measure_effect_msek) << threads;
    EXPECT_EQ(r.measure_effect_ore, one.measure_effect_ore) << threads;
  }
}

TEST(RunMany, MismatchedYearsAreRefusedNamingTheFirstMismatch) {
  auto ps = five();
  auto longer = five(kHorizon + 1);
  std::vector<const Projector*> mixed = pointers(ps);
  mixed[3] = longer[3].get();
  mixed[4] = longer[4].get();
  try {
    run_many(mixed, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("projectors[3] (Test 3) covers the years 2024-2034; expected 2024-2033 as projectors[0] "
                        "(Test 0)"),
              std::string::npos)
        << what;
  }
}

TEST(RunMany, BadInputIsRefusedAndAMunicipalitysErrorNamesItsIndex) {
  const auto ps = five();
  EXPECT_THROW(run_many({}, {}), InputError);
  EXPECT_THROW(run_many(pointers(ps), measures_for(2)), InputError);
  EXPECT_THROW(run_many(pointers(ps), {}, -1), InputError);
  std::vector<const Projector*> with_null = pointers(ps);
  with_null[2] = nullptr;
  EXPECT_THROW(run_many(with_null, {}), InputError);
  ManyQuestions q;
  q.tax_need = true;
  q.from_year = 2040;
  EXPECT_THROW(run_many(pointers(ps), {}, 1, q), InputError);

  // Municipality 2's efficiency rate is outside [0, 0.5]; municipality 4's too: the lowest index is named.
  auto ms = measures_for(ps.size());
  ms[2].efficiency[0].rate = 0.9;
  ms[4].efficiency[0].rate = 0.9;
  for (const int threads : {1, 2, 5}) {
    try {
      run_many(pointers(ps), ms, threads);
      FAIL() << "expected InputError";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("projectors[2]: efficiency[0]", 0), 0u) << what;
      EXPECT_NE(what.find("0.9"), std::string::npos) << what;
    }
  }
}
