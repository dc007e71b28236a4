// The batch engine (batch.hpp): each draw against a separate deterministic projection, threads and splits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {

constexpr int kBase = 2024;
constexpr int kHorizon = 2034;
constexpr Eigen::Index kYears = kHorizon - kBase + 1;

// Sjöbo 2024 with itemised grants: the regulation grant follows the regulation rule (so the national tax capacity
// moves it), the property fee follows the own tax base growth, the others are fixed by a growth of 0.
BaseYearState base_state(double volume = 0.01) {
  BaseYearState b = kbtest::sjobo_2024_itemised();
  b.cost_lines = {CostLine{"education", 900.0, -1.0, YearSeries::constant("volume_growth", kBase + 1, kHorizon, volume)},
                  CostLine{"care", 756.2, 0.8, YearSeries::constant("volume_growth", kBase + 1, kHorizon, volume)}};
  return b;
}

Assumptions assumptions() {
  Assumptions a = kbtest::itemised_assumptions(kBase + 1, kHorizon);
  a.national_net_income_equalisation_kr = 8000.0;  // test value
  for (GrantItemPath& p : a.grant_items) {
    if (p.name == "regulation_grant") {
      p.growth = YearSeries("growth", {}, {});
      p.regulation_rule = true;
    }
    if (p.name == "property_fee") {  // follows the tax base growth
      p.growth = YearSeries("growth", {}, {});
      p.growth_follows_tax_base = true;
    }
  }
  return a;
}

// A series of `base` in every projection year, with `delta` added in `year`.
YearSeries bumped(const std::string& field, double base, int year, double delta) {
  std::vector<double> v(static_cast<std::size_t>(kHorizon - kBase), base);
  v[static_cast<std::size_t>(year - kBase - 1)] += delta;
  return YearSeries::from_first(field, kBase + 1, v);
}

DrawMatrix zeros(Eigen::Index draws) { return DrawMatrix::Zero(draws, kYears); }

// Draw d: labour +0.001 d in 2027, other −0.0005 d in 2026, own tax base +0.002 d in 2028, national capacity
// +0.003 d in 2029, volume −0.001 d in 2030; zero elsewhere.
BatchShocks graded_shocks(Eigen::Index draws) {
  BatchShocks s{zeros(draws), zeros(draws), zeros(draws), zeros(draws), zeros(draws)};
  for (Eigen::Index d = 0; d < draws; ++d) {
    const double x = static_cast<double>(d);
    s.labour_cost_change(d, 2027 - kBase) = 0.001 * x;
    s.other_cost_change(d, 2026 - kBase) = -0.0005 * x;
    s.tax_base_growth(d, 2028 - kBase) = 0.002 * x;
    s.national_tax_capacity_growth(d, 2029 - kBase) = 0.003 * x;
    s.volume_growth(d, 2030 - kBase) = -0.001 * x;
  }
  return s;
}

}  // namespace

TEST(Batch, ZeroShocksGiveTheDeterministicProjectionExactly) {
  const Projector p(base_state(), assumptions(), kHorizon);
  const IncomeStatement expected = p.run();
  const BatchResult r = run_batch(p, BatchShocks{zeros(4), zeros(4), zeros(4), zeros(4), zeros(4)}, 2);
  ASSERT_EQ(r.result.rows(), 4);
  ASSERT_EQ(r.result.cols(), kYears);
  for (Eigen::Index d = 0; d < 4; ++d) {
    for (Eigen::Index k = 0; k < kYears; ++k) {
      EXPECT_EQ(r.result(d, k), expected.result[k]);
      EXPECT_EQ(r.balanced_budget_result(d, k), expected.balanced_budget_result[k]);
      EXPECT_EQ(r.result_share(d, k), expected.result_share[k]);
      EXPECT_EQ(r.tax_revenue(d, k), expected.tax_revenue[k]);
      EXPECT_EQ(r.general_grants(d, k), expected.general_grants[k]);
    }
  }
}

TEST(Batch, EachDrawEqualsAProjectionWithTheShockedAssumptionsBuiltByHand) {
  const Projector p(base_state(), assumptions(), kHorizon);
  const BatchResult r = run_batch(p, graded_shocks(4), 1);
  for (Eigen::Index d = 0; d < 4; ++d) {
    const double x = static_cast<double>(d);
    // The same draw written as assumptions: the fixture's constant values with the draw's changes in their year.
    BaseYearState b = base_state();
    for (CostLine& line : b.cost_lines) line.volume_growth = bumped("volume_growth", 0.01, 2030, -0.001 * x);
    Assumptions a = assumptions();
    a.price_index.labour_cost_change = bumped("labour_cost_change", 0.035, 2027, 0.001 * x);
    a.price_index.other_cost_change = bumped("other_cost_change", 0.02, 2026, -0.0005 * x);
    a.tax_base_growth = bumped("tax_base_growth", 0.04, 2028, 0.002 * x);
    a.national_tax_capacity_growth = bumped("national_tax_capacity_growth", 0.04, 2029, 0.003 * x);
    const IncomeStatement expected = Projector(b, a, kHorizon).run();
    for (Eigen::Index k = 0; k < kYears; ++k) {
      EXPECT_NEAR(r.result(d, k), expected.result[k], 1e-9) << "draw " << d << " year " << kBase + k;
      EXPECT_NEAR(r.balanced_budget_result(d, k), expected.balanced_budget_result[k], 1e-9);
      EXPECT_NEAR(r.result_share(d, k), expected.result_share[k], 1e-12);
      EXPECT_NEAR(r.general_grants(d, k), expected.general_grants[k], 1e-9);
    }
  }
  // The shocks move the outcome: draw 3 differs from draw 0 from 2026 on (not a test that cannot fail).
  EXPECT_EQ(r.result(3, 1), r.result(0, 1));
  EXPECT_GT(std::abs(r.result(3, 2) - r.result(0, 2)), 1e-3);
}

TEST(Batch, LabourShockOfOnePointInOneYearByHand) {
  // One line, grants as a total, no volume: a labour-cost shock of +0.01 in 2025 (the first projected year)
  // raises the 2025 operating costs by cost_2024 × weight × 0.01 and nothing else that year, so the result falls
  // by 1656.2 × 0.691 × 0.01 = 11.444342 MSEK.
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), kBase + 1, kHorizon);
  const Projector p(b, kbtest::flat_assumptions(kBase + 1, kHorizon), kHorizon);
  BatchShocks s;
  s.labour_cost_change = zeros(2);
  s.labour_cost_change(1, 1) = 0.01;
  const BatchResult r = run_batch(p, s, 0);
  EXPECT_NEAR(r.result(0, 1) - r.result(1, 1), 1656.2 * 0.691 * 0.01, 1e-9);
}

TEST(Batch, ResultsDoNotDependOnThreadsOrSplits) {
  const Projector p(base_state(), assumptions(), kHorizon);
  const BatchShocks all = graded_shocks(37);
  const BatchResult one = run_batch(p, all, 1);
  for (int threads : {2, 8}) {
    const BatchResult r = run_batch(p, all, threads);
    EXPECT_TRUE(r.result == one.result) << threads;
    EXPECT_TRUE(r.balanced_budget_result == one.balanced_budget_result) << threads;
    EXPECT_TRUE(r.result_share == one.result_share) << threads;
  }
  // The draws split into two calls (rows 0-19 and 20-36).
  const auto part = [&](Eigen::Index first, Eigen::Index count) {
    BatchShocks s;
    s.labour_cost_change = all.labour_cost_change.middleRows(first, count);
    s.other_cost_change = all.other_cost_change.middleRows(first, count);
    s.tax_base_growth = all.tax_base_growth.middleRows(first, count);
    s.national_tax_capacity_growth = all.national_tax_capacity_growth.middleRows(first, count);
    s.volume_growth = all.volume_growth.middleRows(first, count);
    return run_batch(p, s, 3);
  };
  const BatchResult a = part(0, 20);
  const BatchResult c = part(20, 17);
  EXPECT_TRUE(a.result == one.result.topRows(20));
  EXPECT_TRUE(c.result == one.result.bottomRows(17));
}

TEST(Batch, ViewsOfTheShocksGiveTheSameDrawsAsTheMatrices) {
  // BatchShockViews (the binding's path: NumPy buffers read in place) over the same numbers as BatchShocks, with a
  // tax need: every output equal, exactly; a view of the last 5 rows equals those rows of the whole batch.
  const Projector p(base_state(), assumptions(), kHorizon);
  const BatchShocks all = graded_shocks(9);
  const auto view = [](const DrawMatrix& m, Eigen::Index first) {
    return DrawView(m.data() + first * m.cols(), m.rows() - first, m.cols());
  };
  const auto views_from = [&](Eigen::Index first) {
    return BatchShockViews{view(all.labour_cost_change, first), view(all.other_cost_change, first),
                           view(all.tax_base_growth, first), view(all.national_tax_capacity_growth, first),
                           view(all.volume_growth, first)};
  };
  const BatchNeed need{Target{TargetKind::BalancedBudgetResult, 0.0}, 2026};
  const BatchResult m = run_batch(p, all, need, 2);
  const BatchResult v = run_batch(p, views_from(0), need, 2);
  EXPECT_TRUE(v.result == m.result);
  EXPECT_TRUE(v.balanced_budget_result == m.balanced_budget_result);
  EXPECT_TRUE(v.result_share == m.result_share);
  EXPECT_TRUE(v.tax_revenue == m.tax_revenue);
  EXPECT_TRUE(v.general_grants == m.general_grants);
  EXPECT_TRUE(v.required_change == m.required_change);
  const BatchResult tail = run_batch(p, views_from(4), 1);
  EXPECT_TRUE(tail.result == m.result.bottomRows(5));
}

namespace {
std::string message_of(const Projector& p, const BatchShocks& s) {
  try {
    run_batch(p, s, 1);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST(Batch, WrongInputIsRefusedWithTheFieldNamed) {
  const Projector p(base_state(), assumptions(), kHorizon);
  BatchShocks s;
  EXPECT_NE(message_of(p, s).find("no shocks given"), std::string::npos);
  s.volume_growth = DrawMatrix::Zero(3, 10);
  EXPECT_NE(message_of(p, s).find("shocks.volume_growth has shape (3, 10); expected (n_draws >= 1, 11)"),
            std::string::npos)
      << message_of(p, s);
  s.volume_growth = zeros(3);
  s.tax_base_growth = zeros(4);
  EXPECT_NE(message_of(p, s).find("shocks.volume_growth has shape (3, 11); expected (4, 11)"), std::string::npos)
      << message_of(p, s);
  s.tax_base_growth = zeros(3);
  s.tax_base_growth(1, 0) = 0.01;
  EXPECT_NE(message_of(p, s).find("shocks.tax_base_growth[1, 0] (draw 1, base year 2024) = 0.01; expected 0"),
            std::string::npos)
      << message_of(p, s);
  s.tax_base_growth(1, 0) = 0.0;
  s.tax_base_growth(2, 3) = std::nan("");
  EXPECT_NE(message_of(p, s).find("shocks.tax_base_growth[2, 3] (draw 2, year 2027) = nan is not finite"),
            std::string::npos)
      << message_of(p, s);
  s.tax_base_growth(2, 3) = 5.0;  // 0.04 + 5 is far outside the tax base growth's range
  EXPECT_NE(message_of(p, s).find("makes tax_base_growth 0.04 + 5 = 5.04, outside the allowed range"),
            std::string::npos)
      << message_of(p, s);
  // A national tax capacity shock with grants as a total moves nothing: refused.
  const Projector total(kbtest::with_zero_volume(kbtest::sjobo_2024(), kBase + 1, kHorizon),
                        kbtest::flat_assumptions(kBase + 1, kHorizon), kHorizon);
  BatchShocks n;
  n.national_tax_capacity_growth = zeros(2);
  EXPECT_NE(message_of(total, n).find("general grants are a total"), std::string::npos);
  EXPECT_THROW(run_batch(p, graded_shocks(2), -1), InputError);
}

TEST(Batch, AVolumeShockOutOfRangeNamesTheLineItPushesOut) {
  // Volume growth's range is [−0.5, 0.5] (limits.cpp). Lines at 0.01 (education) and 0.02 (care): a shock of
  // +0.485 gives 0.495 and 0.505 (care out), −0.515 gives −0.505 and −0.495 (education out).
  BaseYearState b = base_state();
  b.cost_lines[1].volume_growth = YearSeries::constant("volume_growth", kBase + 1, kHorizon, 0.02);
  const Projector p(b, assumptions(), kHorizon);
  BatchShocks s;
  s.volume_growth = zeros(2);
  s.volume_growth(1, 3) = 0.485;
  EXPECT_NE(message_of(p, s).find("(draw 1, year 2027) = 0.485 makes volume_growth of 'care' 0.02 + 0.485 = 0.505"),
            std::string::npos)
      << message_of(p, s);
  s.volume_growth(1, 3) = -0.515;
  EXPECT_NE(message_of(p, s).find("makes volume_growth of 'education' 0.01 + -0.515 = -0.505"), std::string::npos)
      << message_of(p, s);
  s.volume_growth(1, 3) = 0.475;  // 0.485 and 0.495: both in range
  EXPECT_NO_THROW(run_batch(p, s, 1));
}

TEST(Batch, TheTaxNeedOfEachDrawIsTheSustainedChangeOfItsOwnProjection) {
  // Each draw's required_change against required_sustained_change on a separate projection whose assumptions carry
  // the draw's changes (built by hand as in EachDrawEqualsAProjectionWithTheShockedAssumptionsBuiltByHand), for a
  // share target and the balanced-budget target (with its replay of deficits), from 2027.
  const Projector p(base_state(), assumptions(), kHorizon);
  const BatchShocks shocks = graded_shocks(4);
  for (const Target target : {Target{TargetKind::ResultShare, 0.02}, Target{TargetKind::BalancedBudgetResult, 0.0}}) {
    const BatchResult r = run_batch(p, shocks, BatchNeed{target, 2027}, 2);
    ASSERT_EQ(r.required_change.size(), 4);
    for (Eigen::Index d = 0; d < 4; ++d) {
      const double x = static_cast<double>(d);
      BaseYearState b = base_state();
      for (CostLine& line : b.cost_lines) line.volume_growth = bumped("volume_growth", 0.01, 2030, -0.001 * x);
      Assumptions a = assumptions();
      a.price_index.labour_cost_change = bumped("labour_cost_change", 0.035, 2027, 0.001 * x);
      a.price_index.other_cost_change = bumped("other_cost_change", 0.02, 2026, -0.0005 * x);
      a.tax_base_growth = bumped("tax_base_growth", 0.04, 2028, 0.002 * x);
      a.national_tax_capacity_growth = bumped("national_tax_capacity_growth", 0.04, 2029, 0.003 * x);
      const IncomeStatement s = Projector(b, a, kHorizon).run();
      EXPECT_NEAR(r.required_change[d], required_sustained_change(s, target, 2027), 1e-9)
          << describe(target) << ", draw " << d;
    }
    // The shocks move the need (not a test that cannot fail), and the lines are those of the batch without a need.
    EXPECT_GT(std::abs(r.required_change[3] - r.required_change[0]), 1e-3) << describe(target);
    EXPECT_TRUE(r.result == run_batch(p, shocks, 1).result);
  }
}

TEST(Batch, TheTaxNeedByHandForOneLineAndGrantsAsATotal) {
  // One line (1656.2 MSEK, labour weight 0.691), grants as a total, no volume growth, flat assumptions, projected to
  // 2025 only. The tax revenue is tax_base/100 × rate and nothing else depends on the own rate (grants a total), so
  // the need of "result >= 0" from 2025 is −result_2025 / (tax_base_2025 / 100) kr per 100 kr. A labour-cost shock
  // of +0.01 in 2025 raises the 2025 cost by 1656.2 × 0.691 × 0.01 = 11.444342 MSEK (as
  // LabourShockOfOnePointInOneYearByHand) and leaves the tax base alone, so it raises the need by
  // 11.444342 / (tax_base_2025 / 100).
  const int year = kBase + 1;
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), year, year), kbtest::flat_assumptions(year, year),
                    year);
  BatchShocks s;
  s.labour_cost_change = DrawMatrix::Zero(2, 2);
  s.labour_cost_change(1, 1) = 0.01;
  const BatchResult r = run_batch(p, s, BatchNeed{Target{TargetKind::Result, 0.0}, year}, 1);
  const IncomeStatement s0 = p.run();
  const double per_kr = s0.tax_base[1] / 100.0;  // MSEK per kr per 100 kr
  EXPECT_NEAR(r.required_change[0], -s0.result[1] / per_kr, 1e-9);
  EXPECT_NEAR(r.required_change[1] - r.required_change[0], 1656.2 * 0.691 * 0.01 / per_kr, 1e-9);
}

TEST(Batch, ABadNeedIsRefusedWithTheFieldNamed) {
  const Projector p(base_state(), assumptions(), kHorizon);
  const auto message = [&](const BatchNeed& need) {
    try {
      run_batch(p, graded_shocks(2), need, 1);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(message(BatchNeed{Target{TargetKind::ResultShare, 0.02}, 2023}).find(
                "from_year = 2023 is outside the projected years [2024, 2034]"),
            std::string::npos);
  EXPECT_NE(message(BatchNeed{Target{TargetKind::ResultShare, 0.9}, 2027}).find("target.share = 0.9"),
            std::string::npos)
      << message(BatchNeed{Target{TargetKind::ResultShare, 0.9}, 2027});
  // Without a need the output is empty; from_year 0 is the base year + 1.
  EXPECT_EQ(run_batch(p, graded_shocks(2), 1).required_change.size(), 0);
  const Target share{TargetKind::ResultShare, 0.02};
  EXPECT_EQ(run_batch(p, graded_shocks(2), BatchNeed{share, 0}, 1).required_change[1],
            run_batch(p, graded_shocks(2), BatchNeed{share, kBase + 1}, 1).required_change[1]);
}
