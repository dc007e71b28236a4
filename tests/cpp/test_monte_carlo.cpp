// The Monte Carlo engine (monte_carlo.hpp): determinism over threads and splits, zero shocks, agreement with
// run_batch, analytic moments derived by hand, correlation, quantiles and counters, the Beta realisation, errors and
// cancellation.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "fixtures.hpp"
#include "kommunbudget/shocks.hpp"

using namespace kommunbudget;

namespace {

constexpr int kBase = 2024;
constexpr int kHorizon = 2030;
constexpr Eigen::Index kYears = kHorizon - kBase + 1;

// Sjöbo 2024 with itemised grants and two cost lines (as test_batch.cpp); the regulation grant follows the
// regulation rule, the property fee the own tax base.
BaseYearState itemised_base(int horizon = kHorizon) {
  BaseYearState b = kbtest::sjobo_2024_itemised();
  b.cost_lines = {CostLine{"education", 900.0, -1.0, YearSeries::constant("volume_growth", kBase + 1, horizon, 0.01)},
                  CostLine{"care", 756.2, 0.8, YearSeries::constant("volume_growth", kBase + 1, horizon, 0.005)}};
  return b;
}

Assumptions itemised_assumptions(int horizon = kHorizon) {
  Assumptions a = kbtest::itemised_assumptions(kBase + 1, horizon);
  a.national_net_income_equalisation_kr = 8000.0;  // test value
  for (GrantItemPath& p : a.grant_items) {
    if (p.name == "regulation_grant") {
      p.growth = YearSeries("growth", {}, {});
      p.regulation_rule = true;
    }
    if (p.name == "property_fee") {
      p.growth = YearSeries("growth", {}, {});
      p.growth_follows_tax_base = true;
    }
  }
  return a;
}

// One measure of every kind the per-draw shocks move: an efficiency measure, a fixed saving, a work line and a
// disposal at the market value (illustrative test values).
Measures measures(int horizon = kHorizon) {
  Measures m;
  EfficiencyMeasure e;
  e.from_year = 2026;
  e.rate = 0.01;
  e.cost_line = "care";
  e.realised_share = 0.8;
  m.efficiency.push_back(e);
  FixedSaving f;
  f.name = "saving";
  f.amount_msek = 10.0;
  f.start_year = 2025;
  f.realised_share = 0.7;
  m.fixed_savings.push_back(f);
  WorkLinePolicy w;
  w.baseline_households = 210.0;
  w.cost_per_household_kr = 75045.0;
  w.household_trend = 0.01;
  w.start_year = 2025;
  w.target_reduction = 0.2;
  w.share_into_work = 0.5;
  w.earnings_per_person_kr = 240000.0;
  w.price_base_amount_kr = kbtest::price_base_amounts(2023, horizon);
  m.work_lines.push_back(w);
  Disposal d;
  d.property.id = "Exempel 1:1";
  d.property.book_value_msek = 8.0;
  d.property.market_value_msek = 14.0;
  d.property.running_cost_msek = 1.6;
  d.property.depreciation_msek = 0.4;
  d.year = 2026;
  d.month = 7;
  d.debt_interest_rate = 0.03;
  m.disposals.push_back(d);
  return m;
}

std::vector<ShockSpec> all_shocks(double sd) {
  std::vector<ShockSpec> out;
  for (const std::string& name : shock_kind_names()) out.push_back(ShockSpec{shock_kind(name), sd});
  return out;
}

MonteCarloSpec spec_of(std::vector<ShockSpec> shocks, std::int64_t draws, std::uint64_t seed = 7) {
  MonteCarloSpec s;
  s.seed = seed;
  s.n_draws = draws;
  s.shocks = std::move(shocks);
  s.target = Target{TargetKind::ResultShare, 0.02};
  s.from_year = 2026;
  s.threads = 1;
  return s;
}

bool same(const ValueStats& a, const ValueStats& b) {
  return a.counts == b.counts && a.min == b.min && a.max == b.max && a.sum == b.sum &&
         a.sum_squares == b.sum_squares && a.low == b.low && a.width == b.width;
}

// Bit-identical statistics.
void expect_same(const MonteCarloSummary& a, const MonteCarloSummary& b) {
  ASSERT_EQ(a.yearly.size(), b.yearly.size());
  for (std::size_t o = 0; o < a.yearly.size(); ++o) {
    for (std::size_t t = 0; t < a.yearly[o].size(); ++t) {
      EXPECT_TRUE(same(a.yearly[o][t], b.yearly[o][t])) << "output " << o << " year " << t;
      EXPECT_EQ(a.yearly[o][t].mean(), b.yearly[o][t].mean());
      EXPECT_EQ(a.yearly[o][t].sd(), b.yearly[o][t].sd());
    }
  }
  EXPECT_TRUE(same(a.required_change, b.required_change));
  EXPECT_EQ(a.requirement_missed, b.requirement_missed);
  EXPECT_EQ(a.restoration_missed, b.restoration_missed);
  EXPECT_EQ(a.target_missed, b.target_missed);
  EXPECT_EQ(a.rise_needed, b.rise_needed);
  EXPECT_EQ(a.n_draws(), b.n_draws());
}

// The exact sample quantile the histogram approximates: the ceil(q·n)-th smallest value.
double inverted_cdf(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto n = static_cast<double>(v.size());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n)));
  return v[rank - 1];
}

}  // namespace

TEST(MonteCarlo, ShockNamesRoundTripAndUnknownNamesAreRefused) {
  for (const std::string& name : shock_kind_names()) EXPECT_EQ(to_string(shock_kind(name)), name);
  EXPECT_EQ(shock_kind_names().size(), 9u);
  try {
    shock_kind("inflation");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'inflation'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("population_growth"), std::string::npos);
  }
}

TEST(MonteCarlo, SameSeedIsBitIdenticalForAnyThreadsAndSplit) {
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  const Measures m = measures();
  MonteCarloSpec s = spec_of(all_shocks(0.01), 3000);
  const MonteCarloSummary one = run_monte_carlo(p, m, s);
  for (int threads : {2, 8}) {
    s.threads = threads;
    expect_same(run_monte_carlo(p, m, s), one);
  }
  // 3 000 draws as 1 000 + 2 000, merged in either order.
  s.threads = 2;
  s.n_draws = 1000;
  MonteCarloSummary first = run_monte_carlo(p, m, s);
  s.first_draw = 1000;
  s.n_draws = 2000;
  const MonteCarloSummary second = run_monte_carlo(p, m, s);
  MonteCarloSummary reversed = second;
  first.merge(second);
  expect_same(first, one);
  s.first_draw = 0;
  s.n_draws = 1000;
  reversed.merge(run_monte_carlo(p, m, s));
  expect_same(reversed, one);
  // A different seed gives other draws.
  MonteCarloSpec other = spec_of(all_shocks(0.01), 3000, 8);
  const MonteCarloSummary different = run_monte_carlo(p, m, other);
  EXPECT_NE(different.yearly[0][3].mean(), one.yearly[0][3].mean());
  // Merging another seed, or the same draws twice, is refused.
  MonteCarloSummary again = one;
  try {
    again.merge(different);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("seed"), std::string::npos) << e.what();
  }
  try {
    again.merge(one);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("draws 0-2999 are in both"), std::string::npos) << e.what();
  }
}

TEST(MonteCarlo, ZeroShocksGiveTheDeterministicProjectionWithTheMeasuresExactly) {
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  const Measures m = measures();
  const IncomeStatement expected = p.run(m);
  MonteCarloSpec s = spec_of(all_shocks(0.0), 5);
  s.keep_draws = true;
  s.threads = 2;
  const MonteCarloSummary r = run_monte_carlo(p, m, s);
  ASSERT_EQ(r.kept_result.rows(), 5);
  const double change = required_sustained_change(expected, s.target, s.from_year);
  for (Eigen::Index d = 0; d < 5; ++d) {
    for (Eigen::Index k = 0; k < kYears; ++k) {
      EXPECT_EQ(r.kept_result(d, k), expected.result[k]) << d << " " << k;
      EXPECT_EQ(r.kept_balanced_budget_result(d, k), expected.balanced_budget_result[k]);
      EXPECT_EQ(r.kept_result_share(d, k), expected.result_share[k]);
    }
    EXPECT_EQ(r.kept_required_change[d], change);
  }
  // Not a test that cannot fail: the measures move the result.
  EXPECT_GT(std::abs(expected.result[3] - p.run().result[3]), 1.0);
}

TEST(MonteCarlo, KeptDrawsEqualRunBatchFedTheSameNormals) {
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  const std::vector<ShockKind> kinds = {ShockKind::LabourCostChange, ShockKind::OtherCostChange,
                                        ShockKind::TaxBaseGrowth, ShockKind::NationalTaxCapacityGrowth,
                                        ShockKind::VolumeGrowth};
  const std::vector<double> sd = {0.01, 0.008, 0.012, 0.009, 0.004};
  Eigen::MatrixXd c = Eigen::MatrixXd::Identity(5, 5);
  c(0, 1) = c(1, 0) = 0.7;
  c(2, 3) = c(3, 2) = 0.8;
  c(2, 4) = c(4, 2) = -0.3;
  MonteCarloSpec s = spec_of({}, 40, 11);
  for (std::size_t i = 0; i < kinds.size(); ++i) s.shocks.push_back(ShockSpec{kinds[i], sd[i]});
  s.correlation = c;
  s.first_shocked_year = 2026;  // 2025 unshocked
  s.first_draw = 123;
  s.keep_draws = true;
  const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
  // The shocks built here: x_s = Σ_j (sd_s · F(s, j)) · z_j, summed over j in order, z from standard_normal.
  const Eigen::MatrixXd f = correlation_factor(c);
  std::vector<DrawMatrix> x(5, DrawMatrix::Zero(40, kYears));
  for (Eigen::Index i = 0; i < 40; ++i) {
    for (Eigen::Index t = 2; t < kYears; ++t) {
      for (Eigen::Index a = 0; a < 5; ++a) {
        double v = 0.0;
        for (Eigen::Index j = 0; j < 5; ++j) {
          const double scaled = sd[static_cast<std::size_t>(a)] * f(a, j);
          v += scaled * standard_normal(11, 123 + static_cast<std::uint64_t>(i), static_cast<std::uint32_t>(t),
                                        static_cast<std::uint32_t>(j));
        }
        x[static_cast<std::size_t>(a)](i, t) = v;
      }
    }
  }
  const BatchResult b = run_batch(p, BatchShocks{x[0], x[1], x[2], x[3], x[4]}, 1);
  EXPECT_TRUE(b.result == r.kept_result);
  EXPECT_TRUE(b.balanced_budget_result == r.kept_balanced_budget_result);
  EXPECT_TRUE(b.result_share == r.kept_result_share);
  EXPECT_EQ(r.kept_draw.front(), 123u);
  // 2025 is not shocked: every draw's 2025 equals the deterministic projection.
  EXPECT_EQ(r.kept_result(7, 1), p.run().result[1]);
  EXPECT_NE(r.kept_result(7, 2), p.run().result[2]);
}

TEST(MonteCarlo, PopulationShockEqualsTheProjectionWithThePopulationPathByHand) {
  // ε = sd · z of the draw's normal (one yearly shock, F = 1); population × Π(1 + ε), own tax base growth
  // (1 + g)(1 + ε) − 1 (skattekraft × invånare), each line's volume (1 + v)(1 + ε) − 1.
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::PopulationGrowth, 0.01}}, 3, 5);
  s.keep_draws = true;
  const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
  for (std::uint64_t d = 0; d < 3; ++d) {
    BaseYearState b = itemised_base();
    Assumptions a = itemised_assumptions();
    std::vector<int> years;
    std::vector<double> population, growth, education, care;
    double factor = 1.0;
    for (int y = kBase + 1; y <= kHorizon; ++y) {
      const double eps = 0.01 * standard_normal(5, d, static_cast<std::uint32_t>(y - kBase), 0);
      factor *= 1.0 + eps;
      years.push_back(y);
      population.push_back(kbtest::kSjoboPopulation * factor);
      growth.push_back((1.0 + 0.04) * (1.0 + eps) - 1.0);
      education.push_back((1.0 + 0.01) * (1.0 + eps) - 1.0);
      care.push_back((1.0 + 0.005) * (1.0 + eps) - 1.0);
    }
    a.population = YearSeries("population", years, population);
    a.tax_base_growth = YearSeries("tax_base_growth", years, growth);
    b.cost_lines[0].volume_growth = YearSeries("volume_growth", years, education);
    b.cost_lines[1].volume_growth = YearSeries("volume_growth", years, care);
    const IncomeStatement expected = Projector(b, a, kHorizon).run();
    for (Eigen::Index k = 0; k < kYears; ++k) {
      EXPECT_EQ(r.kept_result(static_cast<Eigen::Index>(d), k), expected.result[k]) << d << " " << k;
    }
  }
}

TEST(MonteCarlo, AssistanceShockMovesTheHouseholdTrendOfTheWorkLine) {
  // One projected year: households of 2025 = 210 × (1 + trend + x), the projection with household_trend = trend + x.
  const int h = kBase + 1;
  const Projector p(itemised_base(h), itemised_assumptions(h), h);
  Measures m = measures(h);
  m.efficiency.clear();
  m.disposals.clear();
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::AssistanceHouseholds, 0.05}}, 4, 3);
  s.from_year = h;
  s.keep_draws = true;
  const MonteCarloSummary r = run_monte_carlo(p, m, s);
  for (std::uint64_t d = 0; d < 4; ++d) {
    Measures by_hand = m;
    by_hand.work_lines[0].household_trend = 0.01 + 0.05 * standard_normal(3, d, 1, 0);
    EXPECT_EQ(r.kept_result(static_cast<Eigen::Index>(d), 1), p.run(by_hand).result[1]);
  }
  EXPECT_NE(r.kept_result(0, 1), p.run(m).result[1]);
  // Without a work line it moves nothing.
  const MonteCarloSummary none = run_monte_carlo(p, Measures{}, s);
  EXPECT_EQ(none.kept_result(0, 1), p.run().result[1]);
  EXPECT_EQ(none.kept_result(3, 1), p.run().result[1]);
}

TEST(MonteCarlo, AssistanceShockMovesTheVolumeOfTheAssistanceCostLine) {
  // The line "care" (index 1, volume growth 0.005) taken as the cost line of ekonomiskt bistånd (a test choice):
  // its volume growth in every shocked year is 0.005 + x_h, x_h = 0.05 · z(d, t, 1); with a volume shock too
  // (x_v = 0.004 · z(d, t, 0), the first yearly shock) every line gets + x_v and this line + x_v + x_h. Written here
  // as the projection with those volume growths set by hand.
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  for (const bool with_volume : {false, true}) {
    std::vector<ShockSpec> shocks;
    if (with_volume) shocks.push_back(ShockSpec{ShockKind::VolumeGrowth, 0.004});
    shocks.push_back(ShockSpec{ShockKind::AssistanceHouseholds, 0.05});
    MonteCarloSpec s = spec_of(shocks, 3, 9);
    s.assistance_cost_line = 1;
    s.keep_draws = true;
    const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
    const auto j = static_cast<std::uint32_t>(with_volume ? 1 : 0);  // the households shock's position
    for (std::uint64_t d = 0; d < 3; ++d) {
      BaseYearState b = itemised_base();
      std::vector<int> years;
      std::vector<double> education, care;
      for (int y = kBase + 1; y <= kHorizon; ++y) {
        const auto t = static_cast<std::uint32_t>(y - kBase);
        const double xv = with_volume ? 0.004 * standard_normal(9, d, t, 0) : 0.0;
        const double xh = 0.05 * standard_normal(9, d, t, j);
        years.push_back(y);
        education.push_back(with_volume ? 0.01 + xv : 0.01);
        care.push_back(with_volume ? (0.005 + xv) + xh : 0.005 + xh);
      }
      b.cost_lines[0].volume_growth = YearSeries("volume_growth", years, education);
      b.cost_lines[1].volume_growth = YearSeries("volume_growth", years, care);
      const IncomeStatement expected = Projector(b, itemised_assumptions(), kHorizon).run();
      for (Eigen::Index k = 0; k < kYears; ++k) {
        EXPECT_EQ(r.kept_result(static_cast<Eigen::Index>(d), k), expected.result[k])
            << "volume " << with_volume << " draw " << d << " year " << kBase + k;
      }
      EXPECT_NEAR(r.kept_required_change[static_cast<Eigen::Index>(d)],
                  required_sustained_change(expected, s.target, s.from_year), 1e-12);
    }
    // It moves the result (this test can fail): without the line it moves nothing (no work line).
    EXPECT_NE(r.kept_result(0, kYears - 1), p.run().result[kYears - 1]);
  }
  MonteCarloSpec none = spec_of({ShockSpec{ShockKind::AssistanceHouseholds, 0.05}}, 2, 9);
  none.keep_draws = true;
  EXPECT_EQ(run_monte_carlo(p, Measures{}, none).kept_result(1, kYears - 1), p.run().result[kYears - 1]);
  // A line index outside the lines is refused naming the field, the value and the range.
  none.assistance_cost_line = 2;
  try {
    run_monte_carlo(p, Measures{}, none);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("assistance_cost_line = 2 is outside [-1, 1]"), std::string::npos)
        << e.what();
  }
}

TEST(MonteCarlo, TaxBaseShockInOneYearHasTheMeanAndSdDerivedByHand) {
  // One projected year, grants a total given in MSEK (they do not follow the tax base): the result of 2025 is
  // linear in the shock x of the tax base growth, Δresult = rate/100 × B_2024 × x = 0.2092 × (995.3 / 0.2092) × x
  // = 995.3 × x MSEK. So with x ~ N(0, 0.01²): mean = the deterministic result, sd = 9.953 MSEK.
  const int h = kBase + 1;
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), h, h);
  const Projector p(b, kbtest::flat_assumptions(h, h), h);
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}}, 20000, 21);
  s.target = Target{TargetKind::Result, 0.0};
  s.from_year = h;
  s.keep_draws = true;
  s.threads = 2;
  const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
  const double n = 20000.0;
  const double sigma = 995.3 * 0.01;
  const double mean = p.run().result[1];
  const ValueStats& v = r.yearly[0][1];
  EXPECT_NEAR(v.mean(), mean, 4.0 * sigma / std::sqrt(n));
  EXPECT_NEAR(v.sd(), sigma, 4.0 * sigma / std::sqrt(2.0 * (n - 1.0)));
  // The median of a normal is its mean: within the sampling error of a median (√(π/2) σ/√n) and one bin.
  EXPECT_NEAR(v.quantile(0.5), mean, 4.0 * std::sqrt(M_PI / 2.0) * sigma / std::sqrt(n) + v.width);
  // The base year is not shocked: a degenerate histogram, every quantile the value itself.
  EXPECT_EQ(r.yearly[0][0].min, r.yearly[0][0].max);
  EXPECT_EQ(r.yearly[0][0].quantile(0.3), p.run().result[0]);
}

TEST(MonteCarlo, QuantilesWithinOneBinAndCountsEqualTheKeptDraws) {
  const int h = kBase + 1;
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), h, h);
  const Projector p(b, kbtest::flat_assumptions(h, h), h);
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.04}}, 5000, 2);
  s.target = Target{TargetKind::ResultShare, 0.02};
  s.from_year = h;
  s.keep_draws = true;
  s.bins = 64;  // coarse, so the bound is tested against a visible bin width
  const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
  std::vector<double> result(r.kept_result.rows()), change(r.kept_required_change.size());
  for (Eigen::Index i = 0; i < r.kept_result.rows(); ++i) result[static_cast<std::size_t>(i)] = r.kept_result(i, 1);
  for (Eigen::Index i = 0; i < r.kept_required_change.size(); ++i) change[static_cast<std::size_t>(i)] = r.kept_required_change[i];
  const ValueStats& v = r.yearly[0][1];
  for (double q : {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
    bool outside = false;
    const double got = v.quantile(q, &outside);
    if (outside) {
      EXPECT_TRUE(got == v.min || got == v.max);
      continue;
    }
    EXPECT_NEAR(got, inverted_cdf(result, q), v.width) << q;
    EXPECT_NEAR(r.required_change.quantile(q), inverted_cdf(change, q), r.required_change.width) << q;
  }
  EXPECT_EQ(v.quantile(0.0), *std::min_element(result.begin(), result.end()));
  EXPECT_EQ(v.quantile(1.0), *std::max_element(result.begin(), result.end()));
  // Counters against the kept draws, counted here.
  std::uint64_t requirement = 0, target = 0, rise = 0;
  for (Eigen::Index i = 0; i < r.kept_result.rows(); ++i) {
    requirement += r.kept_balanced_budget_result(i, 1) < -kTargetToleranceMsek;
    // result >= 2 % of (tax + grants) ⇔ share >= 0.02; the gap in MSEK is positive exactly when the share is short
    target += r.kept_result_share(i, 1) < 0.02 - 1e-9;
    rise += std::ceil((r.kept_required_change[i] - 1e-9) * 100.0) > 0.0;
  }
  EXPECT_EQ(r.requirement_missed[1], requirement);
  EXPECT_EQ(r.target_missed[1], target);
  EXPECT_EQ(r.rise_needed, rise);
  EXPECT_GT(target, 100u);  // the test exercises both sides
  EXPECT_LT(target, 4900u);
}

TEST(MonteCarlo, CorrelationOfTwoShocksRecoveredFromTheVarianceOfALinearOutput) {
  // One projected year, one cost line (PKV weight 0.691, no volume), grants a total in MSEK: the 2025 result is
  // a·x_tax − c·x_labour with a = 995.3 (as above) and c = 1656.2 × 0.691 = 1144.4342 (the labour part of the cost
  // line, test_batch.cpp's hand derivation). Var = a²σ_t² + c²σ_l² − 2acρσ_tσ_l, so
  // ρ = (a²σ_t² + c²σ_l² − Var) / (2acσ_tσ_l).
  const int h = kBase + 1;
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), h, h);
  const Projector p(b, kbtest::flat_assumptions(h, h), h);
  const double a = 995.3, c = 1656.2 * 0.691, st = 0.01, sl = 0.01 * 995.3 / (1656.2 * 0.691), rho = 0.6;
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, st}, ShockSpec{ShockKind::LabourCostChange, sl}},
                             20000, 4);
  s.correlation = (Eigen::MatrixXd(2, 2) << 1.0, rho, rho, 1.0).finished();
  s.from_year = h;
  s.target = Target{TargetKind::Result, 0.0};
  s.threads = 2;
  const MonteCarloSummary r = run_monte_carlo(p, Measures{}, s);
  const double var = std::pow(r.yearly[0][1].sd(), 2);
  const double estimate = (a * a * st * st + c * c * sl * sl - var) / (2.0 * a * c * st * sl);
  // SE of a sample variance ≈ Var·√(2/(n−1)); divided by 2acσ_tσ_l.
  const double se = a * a * st * st * 2.0 * (1.0 - rho) * std::sqrt(2.0 / 19999.0) / (2.0 * a * c * st * sl);
  EXPECT_NEAR(estimate, rho, 4.0 * se);
}

TEST(MonteCarlo, BetaRealisationHasTheRequestedMeanAndSd) {
  // A fixed saving of 10 MSEK from 2025 (ramp 1, January), realised share s = 0.7, PKV's weight: its 2025 effect
  // on the result is 10 × r × (1 + 0.691 × 0.035 + 0.309 × 0.02) MSEK (uprated once by PKV); r ~ Beta(mean 0.7,
  // sd 0.15). r is recovered per kept draw from the result against the projection without the saving.
  const int h = kBase + 1;
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), h, h);
  const Projector p(b, kbtest::flat_assumptions(h, h), h);
  Measures m;
  FixedSaving f;
  f.amount_msek = 10.0;
  f.start_year = h;
  f.realised_share = 0.7;
  m.fixed_savings.push_back(f);
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::MeasureRealisation, 0.15}}, 20000, 9);
  s.from_year = h;
  s.keep_draws = true;
  s.threads = 2;
  const MonteCarloSummary r = run_monte_carlo(p, m, s);
  const double without = p.run().result[1];
  const double uprated = 10.0 * (1.0 + 0.691 * 0.035 + 0.309 * 0.02);
  Eigen::VectorXd share = (r.kept_result.col(1).array() - without) / uprated;
  const double n = 20000.0;
  const double mean = share.mean();
  const double sd = std::sqrt((share.array() - mean).square().sum() / (n - 1.0));
  EXPECT_NEAR(mean, 0.7, 4.0 * 0.15 / std::sqrt(n));
  EXPECT_NEAR(sd, 0.15, 4.0 * 0.15 / std::sqrt(2.0 * n));  // a Beta's kurtosis is near normal's here
  EXPECT_GE(share.minCoeff(), -1e-12);
  EXPECT_LE(share.maxCoeff(), 1.0 + 1e-12);
  ASSERT_EQ(r.realisation_sd.size(), 1u);
  EXPECT_EQ(r.realisation_sd[0], 0.15);
  EXPECT_LT(r.realisation_table_error[0], 1e-4);
  // Above the cap 0.9·√(s(1 − s)) = 0.9 × √0.21 = 0.41243 the sd is capped.
  s.shocks = {ShockSpec{ShockKind::MeasureRealisation, 0.45}};
  s.n_draws = 10;
  EXPECT_NEAR(run_monte_carlo(p, m, s).realisation_sd[0], 0.9 * std::sqrt(0.21), 1e-15);
}

TEST(MonteCarlo, BadSpecsAreRefusedNamingFieldValueAndRange) {
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  const auto message = [&](const MonteCarloSpec& s) {
    try {
      run_monte_carlo(p, Measures{}, s);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.6}}, 10);
  EXPECT_NE(message(s).find("shocks[0] (tax_base_growth).sd = 0.6"), std::string::npos) << message(s);
  EXPECT_NE(message(s).find("[0, 0.5]"), std::string::npos);
  s = spec_of({}, 0);
  EXPECT_NE(message(s).find("n_draws = 0"), std::string::npos) << message(s);
  s = spec_of({}, 10);
  s.bins = 8;
  EXPECT_NE(message(s).find("bins = 8"), std::string::npos) << message(s);
  s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}, ShockSpec{ShockKind::TaxBaseGrowth, 0.02}}, 10);
  EXPECT_NE(message(s).find("both tax_base_growth"), std::string::npos) << message(s);
  s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}}, 10);
  s.first_shocked_year = kBase;
  EXPECT_NE(message(s).find("first_shocked_year = 2024"), std::string::npos) << message(s);
  s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}}, 400000);
  s.keep_draws = true;
  EXPECT_NE(message(s).find("kept_cells"), std::string::npos) << message(s);
  // A non-PSD correlation: a–b and b–c at 0.9, a–c at −0.9.
  s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}, ShockSpec{ShockKind::LabourCostChange, 0.01},
               ShockSpec{ShockKind::OtherCostChange, 0.01}},
              10);
  s.correlation = (Eigen::MatrixXd(3, 3) << 1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1).finished();
  EXPECT_NE(message(s).find("correlation has the eigenvalue"), std::string::npos) << message(s);
  s.correlation = Eigen::MatrixXd::Identity(2, 2);
  EXPECT_NE(message(s).find("correlation is 2 × 2 but there are 3 yearly shocks"), std::string::npos) << message(s);
  // National tax capacity with grants as a total.
  const BaseYearState total = kbtest::with_zero_volume(kbtest::sjobo_2024(), kBase + 1, kHorizon);
  const Projector q(total, kbtest::flat_assumptions(kBase + 1, kHorizon), kHorizon);
  try {
    run_monte_carlo(q, Measures{}, spec_of({ShockSpec{ShockKind::NationalTaxCapacityGrowth, 0.01}}, 10));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("grants are a total"), std::string::npos);
  }
}

TEST(MonteCarlo, AShockedValueOutOfRangeNamesTheLowestDrawForAnyThreads) {
  // sd 0.5 on a growth of 0.04: |x| > 0.46 leaves [−0.5, 0.5] in about a third of the draws and years.
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  std::string first;
  for (int threads : {1, 3}) {
    MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.5}}, 10);
    s.threads = threads;
    try {
      run_monte_carlo(p, Measures{}, s);
      FAIL() << "expected InputError";
    } catch (const InputError& e) {
      const std::string text = e.what();
      EXPECT_EQ(text.rfind("draw ", 0), 0u) << text;
      EXPECT_NE(text.find("tax_base_growth"), std::string::npos) << text;
      EXPECT_NE(text.find("[-0.5, 0.5]"), std::string::npos) << text;
      if (first.empty()) first = text;
      EXPECT_EQ(text, first);
    }
  }
}

TEST(MonteCarlo, CancelFromAnotherThreadStopsTheRun) {
  const Projector p(itemised_base(), itemised_assumptions(), kHorizon);
  MonteCarloSpec s = spec_of({ShockSpec{ShockKind::TaxBaseGrowth, 0.01}}, 100000000);  // hours if not stopped
  s.threads = 2;
  MonteCarloControl control;
  std::thread stopper([&] {
    while (control.done.load() < 2048) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    control.cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(run_monte_carlo(p, Measures{}, s, &control), Cancelled);
  stopper.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 30.0);
  EXPECT_GE(control.done.load(), 2048);
  EXPECT_LT(control.done.load(), 100000000);
}
