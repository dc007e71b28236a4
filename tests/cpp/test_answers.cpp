#include <cmath>

#include <gtest/gtest.h>

#include <random>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
const Target kTargets[] = {Target{TargetKind::Result, 0.0}, Target{TargetKind::BalancedBudgetResult, 0.0},
                           Target{TargetKind::ResultShare, 0.02}, Target{TargetKind::ResultShare, -0.01}};

// Plugs per-year rates back in as the tax-rate assumption (and the base year's rate) and reprojects.
IncomeStatement with_rates(BaseYearState b, Assumptions a, int horizon, const Eigen::VectorXd& rates) {
  b.tax_rate_kr_per_100kr = rates[0];
  if (horizon > b.year) {
    std::vector<double> r(rates.data() + 1, rates.data() + rates.size());
    a.tax_rate_kr_per_100kr = YearSeries::from_first("tax_rate_kr_per_100kr", b.year + 1, r);
  }
  return project(b, a, horizon);
}

void expect_target_met_exactly(const IncomeStatement& s, const Target& t, Eigen::Index k) {
  switch (t.kind) {
    case TargetKind::Result:
      EXPECT_NEAR(s.result[k], 0.0, 1e-6);
      break;
    case TargetKind::BalancedBudgetResult:
      EXPECT_NEAR(s.balanced_budget_result[k], s.restoration_required[k], 1e-6);
      break;
    case TargetKind::ResultShare:
      EXPECT_NEAR(s.result[k], t.share * (s.tax_revenue[k] + s.general_grants[k]), 1e-6);
      break;
    case TargetKind::ResultExcludingOneOffsShare:
      EXPECT_NEAR(s.result_excluding_one_offs[k], t.share * (s.tax_revenue[k] + s.general_grants[k]), 1e-6);
      break;
  }
}
}  // namespace

TEST(RequiredTaxRate, SjoboBaseYearByHand) {
  // Independent derivation: Sjöbo's 2024 result −26.1 MSEK needs 26.1 / (tax base / 100) kr more on the rate,
  // where the tax base is 995.3 / 0.2092 MSEK; for the balanced-budget result −18.6 likewise.
  const IncomeStatement s = project(kbtest::sjobo_2024(), Assumptions{}, 2024);
  const double per_kr = 995.3 / 20.92;  // MSEK per krona on the rate
  EXPECT_NEAR(required_tax_rate(s, {TargetKind::Result, 0})[0], 20.92 + 26.1 / per_kr, 1e-3);
  EXPECT_NEAR(required_tax_rate(s, {TargetKind::BalancedBudgetResult, 0})[0], 20.92 + 18.6 / per_kr, 1e-3);
  // 2 % target: r·per_kr + (995.3 − 20.92·per_kr) ... solve result' = 0.02·(tax' + grants) by hand.
  const double rest = -26.1 - 995.3;  // result without tax revenue
  const double r2 = (0.02 * 327.0 - rest) / (0.98 * per_kr);
  EXPECT_NEAR(required_tax_rate(s, {TargetKind::ResultShare, 0.02})[0], r2, 1e-3);
}

TEST(RequiredTaxRate, PlugsBackForSjoboEveryTarget) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2028);
  const Assumptions a = kbtest::flat_assumptions(2025, 2028);
  const IncomeStatement s = project(b, a, 2028);
  for (const Target& t : kTargets) {
    const Eigen::VectorXd rates = required_tax_rate(s, t);
    const IncomeStatement solved = with_rates(b, a, 2028, rates);
    for (Eigen::Index k = 0; k < rates.size(); ++k) expect_target_met_exactly(solved, t, k);
  }
}

TEST(RequiredTaxRate, PlugsBackForGeneratedInputs) {
  std::mt19937 rng(77);
  for (int i = 0; i < 200; ++i) {
    const kbtest::Generated g = kbtest::generate(rng);
    const IncomeStatement s = project(g.base, g.assumptions, g.horizon);
    for (const Target& t : kTargets) {
      const Eigen::VectorXd rates = required_tax_rate(s, t);
      const IncomeStatement solved = with_rates(g.base, g.assumptions, g.horizon, rates);
      for (Eigen::Index k = 0; k < rates.size(); ++k) expect_target_met_exactly(solved, t, k);
    }
  }
}

TEST(RequiredSustainedChange, MeetsTargetEveryLaterYearAndBindsOnce) {
  std::mt19937 rng(5);
  for (int i = 0; i < 100; ++i) {
    const kbtest::Generated g = kbtest::generate(rng);
    const Projector p(g.base, g.assumptions, g.horizon);
    const IncomeStatement s = p.run();
    const int from = g.base.year + 1;
    for (const Target& t : kTargets) {
      const double change = required_sustained_change(s, t, from);
      Measures m;
      m.tax_changes.push_back(TaxChange{from, change});
      const IncomeStatement solved = p.run(m);
      const Eigen::VectorXd gap = target_gap_msek(solved, t);
      double worst = -1e300;
      for (Eigen::Index k = 1; k < gap.size(); ++k) {
        EXPECT_LE(gap[k], 1e-6) << "year " << solved.years[k];
        worst = std::max(worst, gap[k]);
      }
      EXPECT_NEAR(worst, 0.0, 1e-6);  // the binding year is met exactly
      EXPECT_EQ(solved.result[0], s.result[0]);  // years before the change are untouched
    }
  }
}

TEST(TaxRateEquivalent, OneKronaIsOneHundredthOfTheTaxBase) {
  // 1 kr on the rate raises tax base / 100 MSEK, i.e. 100 öre; 10 öre ≈ 0.1 % of the tax base (RULES.md §8).
  EXPECT_NEAR(tax_rate_equivalent_ore(47.576, 4757.6), 100.0, 1e-9);
  EXPECT_NEAR(tax_rate_equivalent_ore(4.7576, 4757.6), 10.0, 1e-9);
  const IncomeStatement s = project(kbtest::sjobo_2024(), Assumptions{}, 2024);
  Eigen::VectorXd amounts(1);
  amounts << 995.3;  // the whole tax revenue is worth the whole rate: 20.92 kr = 2092 öre
  EXPECT_NEAR(tax_rate_equivalent_ore(s, amounts)[0], 2092.0, 1e-9);
  EXPECT_THROW(tax_rate_equivalent_ore(1.0, 0.0), InputError);
}

TEST(RoundUpToOre, TheSmallestWholeOreThatMeetsTheNeed) {
  // A council sets the rate in whole öre (0.01 kr per 100 kr): the lowest settable rate that meets a need of
  // 21.3649999 kr is 21.37 (rounding to nearest would give 21.36, which misses it by 0.49 öre).
  EXPECT_DOUBLE_EQ(round_up_to_ore(21.3649999), 21.37);
  EXPECT_DOUBLE_EQ(round_up_to_ore(21.361), 21.37);
  EXPECT_DOUBLE_EQ(round_up_to_ore(21.36), 21.36);  // already whole öre (21.36 is not exact in binary)
  EXPECT_DOUBLE_EQ(round_up_to_ore(21.36 + 1e-12), 21.36);  // float noise is not a need for one more öre
  EXPECT_DOUBLE_EQ(round_up_to_ore(20.0), 20.0);
  // Room to lower: a need of -0.5214 kr (the target is met down to 52.14 öre less) allows -0.52, not -0.53.
  EXPECT_DOUBLE_EQ(round_up_to_ore(-0.5214), -0.52);
  EXPECT_DOUBLE_EQ(round_up_to_ore(0.0), 0.0);
  EXPECT_THROW(round_up_to_ore(std::nan("")), InputError);
}

TEST(HouseholdTaxChange, FiftyOreOnFourHundredThousand) {
  // 0.50 kr per 100 kr on 400 000 kr taxable income = 2 000 kr a year.
  EXPECT_NEAR(household_tax_change_kr(0.50, 400000.0), 2000.0, 1e-9);
  EXPECT_THROW(household_tax_change_kr(0.5, -1.0), InputError);
  EXPECT_THROW(household_tax_change_kr(50.0, 400000.0), InputError);
}

TEST(EfficiencyEquivalent, SavesTheSameAmountInThatYear) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2027);
  const Projector p(b, kbtest::flat_assumptions(2025, 2027), 2027);
  const IncomeStatement baseline = p.run();
  Measures tax;
  tax.tax_changes.push_back(TaxChange{2025, 0.40});
  const double gain = p.run(tax).tax_change_revenue[1];
  const double rate = efficiency_rate_equivalent(baseline, 2025, gain);
  Measures eff;
  eff.efficiency.push_back(EfficiencyMeasure{2025, rate, false, ""});
  const IncomeStatement e = p.run(eff);
  EXPECT_NEAR(e.result[1] - baseline.result[1], gain, 1e-9);
}

TEST(TargetErrors, ImpossibleTargetIsRefused) {
  const IncomeStatement s = project(kbtest::sjobo_2024(), Assumptions{}, 2024);
  try {
    required_tax_rate(s, {TargetKind::ResultShare, 1.0});
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("target.share = 1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[-0.5, 0.5]"), std::string::npos) << msg;
  }
  try {
    required_tax_rate(s, {TargetKind::ResultShare, 2.0});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 0.02?"), std::string::npos) << e.what();
  }
  // A deficit so large that no rate in [0, 100] closes it: the year and the rate needed are named.
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines[0].cost_msek = 9000.0;
  const IncomeStatement deep = project(b, Assumptions{}, 2024);
  try {
    required_tax_rate(deep, {TargetKind::Result, 0.0});
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("impossible target"), std::string::npos) << msg;
    EXPECT_NE(msg.find("2024"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[0, 100]"), std::string::npos) << msg;
  }
}
