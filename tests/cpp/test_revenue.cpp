#include <gtest/gtest.h>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
IncomeEqualisation skane() {
  IncomeEqualisation p;
  p.compensation_degree = 0.95;       // exercises the parameter (the default is 1: see revenue.hpp)
  p.grant_rate_kr_per_100kr = 19.70;  // Skåne, förordning 2004:881 2 §
  p.fee_rate_kr_per_100kr = 16.98;    // Stockholm's fee rate, used here only to exercise the fee branch
  return p;
}
}  // namespace

TEST(IncomeEqualisation, GrantAndFeeByHand) {
  const IncomeEqualisation p = skane();
  // Below the guarantee: 0.95 × (1.15 × 270 000 − 240 000) × 20 000 × 19.70 / 100 / 1e6 = 263.8815 MSEK.
  EXPECT_NEAR(income_equalisation_msek(p, 240000.0, 270000.0, 20000.0),
              0.95 * (1.15 * 270000.0 - 240000.0) * 20000.0 * 0.197 / 1e6, 1e-9);
  EXPECT_NEAR(income_equalisation_msek(p, 240000.0, 270000.0, 20000.0), 263.8815, 1e-9);
  // Above: −(400 000 − 310 500) × 30 000 × 16.98 / 100 / 1e6 = −455.913 MSEK.
  EXPECT_NEAR(income_equalisation_msek(p, 400000.0, 270000.0, 30000.0), -455.913, 1e-9);
  // Exactly at the guarantee: nothing.
  EXPECT_NEAR(income_equalisation_msek(p, 1.15 * 270000.0, 270000.0, 30000.0), 0.0, 1e-9);
}

TEST(IncomeEqualisation, OffsetPerKronaUsesTheCountyRateNotTheOwnRate) {
  const IncomeEqualisation p = skane();
  EXPECT_NEAR(equalisation_change_per_krona(p, 240000.0, 270000.0), -0.95 * 0.197, 1e-15);  // 18.7 öre
  EXPECT_NEAR(equalisation_change_per_krona(p, 400000.0, 270000.0), -0.1698, 1e-15);
}

TEST(IncomeEqualisation, ImpliedCapacityInvertsTheFormula) {
  const IncomeEqualisation p = skane();
  for (double e : {262.6, 0.0, -120.0}) {
    const double k = implied_own_tax_capacity_kr(p, e, 271415.6, 19337.0);
    EXPECT_NEAR(income_equalisation_msek(p, k, 271415.6, 19337.0), e, 1e-9) << e;
  }
}

TEST(IncomeEqualisation, ImpliedNationalCapacityInvertsTheFormula) {
  const IncomeEqualisation p = skane();
  for (double e : {262.6, -120.0}) {
    const double m = implied_national_tax_capacity_kr(p, e, 239000.0, 19337.0);
    EXPECT_NEAR(income_equalisation_msek(p, 239000.0, m, 19337.0), e, 1e-9) << e;
  }
}

TEST(IncomeEqualisationErrors, ParametersAreChecked) {
  IncomeEqualisation p = skane();
  p.grant_rate_kr_per_100kr = 0.197;
  try {
    p.validate();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 19.7?"), std::string::npos) << e.what();
  }
  p = skane();
  p.compensation_degree = 95.0;
  EXPECT_THROW(p.validate(), InputError);
  EXPECT_THROW(income_equalisation_msek(skane(), 240000.0, 270000.0, 0.0), InputError);
}

TEST(Revenue, SjoboBaseYearCalibrationReproducesTheBudgetNote) {
  // Budget 2024: income equalisation 262.6 and general grants 327.0 MSEK, exactly.
  const Projector p(kbtest::sjobo_2024_itemised(), Assumptions{}, 2024);
  const IncomeStatement s = p.run();
  EXPECT_NEAR(s.income_equalisation[0], 262.6, 1e-9);
  EXPECT_NEAR(s.general_grants[0], 327.0, 1e-9);
  EXPECT_NEAR(s.other_general_grants[0], -29.0 + 44.3 - 4.6 + 53.7 + 0.0, 1e-9);
  EXPECT_NEAR(s.grant_items.col(0).sum() + s.income_equalisation[0], 327.0, 1e-9);
  // The implied own capacity reproduces the figure through the formula.
  EXPECT_NEAR(income_equalisation_msek(p.base().equalisation, p.implied_own_tax_capacity_kr(),
                                       kbtest::kNationalCapacity2024, kbtest::kSjoboPopulation),
              262.6, 1e-9);
  EXPECT_NEAR(s.result[0], -26.1, 0.05);
}

TEST(Revenue, GrantItemsMustSumToTheTotal) {
  BaseYearState b = kbtest::sjobo_2024_itemised();
  b.grant_items[0].amount_msek = -20.0;
  try {
    b.validate();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("general_grants_msek[2024] = 327"), std::string::npos) << e.what();
  }
}

TEST(Revenue, RaisingTheOwnRateIsKeptInFull) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2028),
                    kbtest::itemised_assumptions(2025, 2028), 2028);
  const IncomeStatement base = p.run();
  Measures m;
  m.tax_changes.push_back(TaxChange{2026, 0.50});
  const IncomeStatement raised = p.run(m);
  for (Eigen::Index k = 0; k < 5; ++k) {
    const double expected = k >= 2 ? 0.50 / 100.0 * base.tax_base[k] : 0.0;
    EXPECT_NEAR(raised.tax_revenue[k] - base.tax_revenue[k], expected, 1e-9);
    EXPECT_EQ(raised.income_equalisation[k], base.income_equalisation[k]);
    EXPECT_NEAR(raised.result[k] - base.result[k], expected, 1e-9);
  }
}

TEST(Revenue, EarnedIncomeReachesTheTaxBaseTwoYearsLaterAndIsMostlyEqualisedAway) {
  const double growth = 0.04;
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2029),
                    kbtest::itemised_assumptions(2025, 2029, growth), 2029);
  const IncomeStatement base = p.run();
  Measures m;
  m.earned_income_changes.push_back(EarnedIncomeChange{2025, 10.0});  // +10 MSEK earned in 2025, once
  const IncomeStatement s = p.run(m);
  // Nothing before 2027.
  for (Eigen::Index k = 0; k <= 2; ++k) EXPECT_EQ(s.result[k], base.result[k]) << s.years[k];
  // 2027: the tax base gains 10 uprated by the growth of 2026 and 2027; the own rate 20.92 brings
  // 20.92 % of it, the grant falls by 19.70 % of it (Skåne's county rate, below the guarantee; c = 1).
  const double added = 10.0 * (1 + growth) * (1 + growth);
  const double own_gain = 0.2092 * added;
  const double offset = 0.1970 * added;
  EXPECT_NEAR(s.tax_revenue[3] - base.tax_revenue[3], own_gain, 1e-9);
  EXPECT_NEAR(s.income_equalisation[3] - base.income_equalisation[3], -offset, 1e-9);
  EXPECT_NEAR(s.result[3] - base.result[3], own_gain - offset, 1e-9);
  EXPECT_NEAR(s.kept_per_krona[3], 0.2092 - 0.197, 1e-12);
  // One-off: gone again in 2028.
  EXPECT_NEAR(s.result[4], base.result[4], 1e-9);
}

TEST(Revenue, OwnBaseGrowingWithTheNationalAverageKeepsTheEqualisationGrowingAlike) {
  // Population flat, own base and national capacity both +4 %: the grant grows by 4 % too.
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2026),
                    kbtest::itemised_assumptions(2025, 2026, 0.04, 0.04), 2026);
  const IncomeStatement s = p.run();
  EXPECT_NEAR(s.income_equalisation[1], 262.6 * 1.04, 1e-9);
  EXPECT_NEAR(s.income_equalisation[2], 262.6 * 1.04 * 1.04, 1e-9);
}

TEST(RevenueErrors, MissingPopulationYearIsNamed) {
  Assumptions a = kbtest::itemised_assumptions(2025, 2027);
  a.population = YearSeries::constant("population", 2025, 2026, kbtest::kSjoboPopulation);
  try {
    Projector(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2027), a, 2027);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("population: year 2027 is missing"), std::string::npos) << e.what();
  }
}

TEST(RevenueErrors, EarnedIncomeOutsideTheYears) {
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2026),
                    kbtest::itemised_assumptions(2025, 2026), 2026);
  Measures m;
  m.earned_income_changes.push_back(EarnedIncomeChange{2025, 10.0});
  try {
    p.run(m);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("income_year = 2025 reaches the tax base of 2027"), std::string::npos)
        << e.what();
  }
}

namespace {
// A general root finder (bisection on a bracketing interval), kept in the tests as a cross-check of the
// closed-form solver: the result as a function of the rate is evaluated by full projections.
template <typename F>
double bisect(F f, double lo, double hi, double tol = 1e-10) {
  double flo = f(lo);
  for (int i = 0; i < 200 && hi - lo > tol; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double fmid = f(mid);
    if ((fmid < 0.0) == (flo < 0.0)) {
      lo = mid;
      flo = fmid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}
}  // namespace

TEST(Revenue, ClosedFormRequiredRateAgreesWithARootFinderWithEqualisationInPlace) {
  const BaseYearState base = kbtest::with_zero_volume(kbtest::sjobo_2024_itemised(), 2025, 2028);
  const Assumptions assumptions = kbtest::itemised_assumptions(2025, 2028, 0.035, 0.045);
  Measures earnings;  // equalisation moving with the own base, to make the cross-check non-trivial
  earnings.earned_income_changes.push_back(EarnedIncomeChange{2025, 25.0});
  const IncomeStatement s = Projector(base, assumptions, 2028).run(earnings);
  for (const Target& target : {Target{TargetKind::Result, 0.0}, Target{TargetKind::ResultShare, 0.02}}) {
    const Eigen::VectorXd closed = required_tax_rate(s, target);
    for (int year = 2025; year <= 2028; ++year) {
      auto gap_at = [&](double rate) {
        Assumptions a = assumptions;
        std::vector<double> rates(4, kbtest::kSjoboRate);
        rates[static_cast<std::size_t>(year - 2025)] = rate;
        a.tax_rate_kr_per_100kr = YearSeries::from_first("tax_rate_kr_per_100kr", 2025, rates);
        const IncomeStatement t = Projector(base, a, 2028).run(earnings);
        return target_gap_msek(t, target)[year - 2024];
      };
      const double root = bisect(gap_at, 10.0, 40.0);
      EXPECT_NEAR(root, closed[year - 2024], 1e-6) << year;
    }
  }
}
