// The balanced-budget requirement over the years (balance_requirement.hpp, docs/model.md §16). Expected values are
// derived by hand in the comments from the rules in python/kommunbudget/data/files/RULES.md §7 (KL 11 kap. 12 och
// 14 §§; prop. 2022/23:119), not from the code under test.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures.hpp"
#include "kommunbudget/kommunbudget.hpp"

using namespace kommunbudget;

namespace {
// A statement with only the rows the requirement reads: results (MSEK) per year from `first`, no gains or
// adjustments, tax revenue + general grants = `revenue` (all tax), tax base = `base`, rate 20.
IncomeStatement statement(int first, const std::vector<double>& results, double revenue = 1000.0,
                          double base = 1000.0) {
  IncomeStatement s;
  const auto n = static_cast<Eigen::Index>(results.size());
  s.resize(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    s.years[static_cast<std::size_t>(k)] = first + static_cast<int>(k);
    s.result[k] = results[static_cast<std::size_t>(k)];
  }
  for (Eigen::VectorXd* v : {&s.realisation_gains, &s.other_balance_adjustments, &s.reserve_use,
                             &s.disposal_realisation_gain, &s.efficiency_one_off_cost, &s.fixed_saving_one_off_cost,
                             &s.general_grants}) {
    v->setZero();
  }
  s.tax_revenue.setConstant(revenue);
  s.tax_base.setConstant(base);
  s.tax_rate.setConstant(20.0);
  return s;
}

IncomeStatement applied(IncomeStatement s, const BalanceRequirement& in = {}) {
  s.opening_deficit_state = opening_deficit_state(in, s.years.front());
  apply_balance_requirement(in, s);
  return s;
}

void expect_rows(const Eigen::VectorXd& row, const std::vector<double>& expected, const char* name) {
  ASSERT_EQ(row.size(), static_cast<Eigen::Index>(expected.size())) << name;
  for (Eigen::Index k = 0; k < row.size(); ++k) {
    EXPECT_NEAR(row[k], expected[static_cast<std::size_t>(k)], 1e-9) << name << "[" << k << "]";
  }
}
}  // namespace

// −18.6 in 2024 (Sjöbo's budget), then +5, +6, +4: restored 5 and 6; in 2027, the third year, 18.6 − 11 = 7.6 falls
// due and +4 restores 4 of it: a breach of 3.6 that stays to be restored (overdue).
TEST(BalanceRequirement, RestorationOverThreeYearsByHand) {
  const IncomeStatement s = applied(statement(2024, {-18.6, 5.0, 6.0, 4.0, 0.0}));
  expect_rows(s.balanced_budget_result, {-18.6, 5.0, 6.0, 4.0, 0.0}, "bbr");
  expect_rows(s.new_deficit, {18.6, 0, 0, 0, 0}, "new_deficit");
  expect_rows(s.deficit_restored, {0, 5.0, 6.0, 4.0, 0}, "restored");
  expect_rows(s.deficit_falling_due, {0, 0, 0, 7.6, 0}, "falling_due");
  expect_rows(s.restoration_required, {0, 0, 0, 7.6, 3.6}, "required");  // 2028: the 3.6 overdue
  expect_rows(s.deficit_breach, {0, 0, 0, 3.6, 0}, "breach");
  expect_rows(s.deficit_to_restore, {18.6, 13.6, 7.6, 3.6, 3.6}, "to_restore");
  EXPECT_EQ(s.oldest_deficit_due_year[0], 2027.0);
  EXPECT_EQ(s.oldest_deficit_due_year[2], 2027.0);
  EXPECT_EQ(s.oldest_deficit_due_year[3], 2027.0);  // overdue: already due
}

// Two deficits, −10 (2024, due 2027) and −5 (2025, due 2028); +8 in 2026 restores 8 of the older one; +4 in 2027
// restores its last 2 (due that year) and 2 of the newer; +3 in 2028 restores the last 3. No breach.
TEST(BalanceRequirement, OldestDeficitsFirstByHand) {
  const IncomeStatement s = applied(statement(2024, {-10.0, -5.0, 8.0, 4.0, 3.0}));
  expect_rows(s.deficit_restored, {0, 0, 8.0, 4.0, 3.0}, "restored");
  expect_rows(s.deficit_to_restore, {10.0, 15.0, 7.0, 3.0, 0.0}, "to_restore");
  expect_rows(s.deficit_falling_due, {0, 0, 0, 2.0, 3.0}, "falling_due");
  expect_rows(s.restoration_required, {0, 0, 0, 2.0, 3.0}, "required");
  expect_rows(s.deficit_breach, {0, 0, 0, 0, 0}, "breach");
  EXPECT_EQ(s.oldest_deficit_due_year[2], 2027.0);
  EXPECT_EQ(s.oldest_deficit_due_year[3], 2028.0);
  EXPECT_TRUE(std::isnan(s.oldest_deficit_due_year[4]));
}

// An opening deficit of 6 from 2022 falls due in 2025: +2 (2024) and +1 (2025) restore 3, a breach of 3 in 2025
// that 2026's +5 restores first.
TEST(BalanceRequirement, OpeningDeficitByHand) {
  BalanceRequirement in;
  in.opening_deficits = {{2022, 6.0}};
  const IncomeStatement s = applied(statement(2024, {2.0, 1.0, 5.0}), in);
  expect_rows(s.restoration_required, {0, 4.0, 3.0}, "required");
  expect_rows(s.deficit_restored, {2.0, 1.0, 3.0}, "restored");
  expect_rows(s.deficit_breach, {0, 3.0, 0}, "breach");
  expect_rows(s.deficit_to_restore, {4.0, 3.0, 0.0}, "to_restore");
  // One from 2020 (due 2023) is overdue at the start: 2024 must restore it.
  in.opening_deficits = {{2020, 1.5}};
  EXPECT_NEAR(applied(statement(2024, {0.0}), in).restoration_required[0], 1.5, 1e-12);
}

// Revenue (tax + general grants) 1000 MSEK: the threshold is 10 (1 %) or 20 (2 %), the cap 50 (5 %).
TEST(BalanceRequirement, ReservationRoomAtEachLimit) {
  BalanceRequirement in;
  EXPECT_NEAR(applied(statement(2024, {10.0}), in).reserve_possible_reservation[0], 0.0, 1e-12);  // exactly 1 %
  EXPECT_NEAR(applied(statement(2024, {10.5}), in).reserve_possible_reservation[0], 0.5, 1e-12);  // just above
  in.negative_equity = true;
  EXPECT_NEAR(applied(statement(2024, {20.0}), in).reserve_possible_reservation[0], 0.0, 1e-12);  // exactly 2 %
  EXPECT_NEAR(applied(statement(2024, {25.0}), in).reserve_possible_reservation[0], 5.0, 1e-12);
  in.negative_equity = false;
  // The lower of the result (30) and the result after adjustments (30 − 12 gains = 18): 18 − 10 = 8.
  IncomeStatement gains = statement(2024, {30.0});
  gains.realisation_gains[0] = -12.0;
  EXPECT_NEAR(applied(gains, in).reserve_possible_reservation[0], 8.0, 1e-12);
  // The 5 % cap binds from 2024: a balance of 45 leaves room for 5 of the 20 above the threshold.
  in.opening_reserve_msek = 45.0;
  in.reserve_surplus = true;
  const IncomeStatement capped = applied(statement(2024, {30.0}), in);
  EXPECT_NEAR(capped.reserve_possible_reservation[0], 5.0, 1e-12);
  EXPECT_NEAR(capped.reserve_reservation[0], 5.0, 1e-12);
  EXPECT_NEAR(capped.reserve_use[0], -5.0, 1e-12);
  EXPECT_NEAR(capped.balanced_budget_result[0], 25.0, 1e-12);
  EXPECT_NEAR(capped.reserve_balance[0], 50.0, 1e-12);
  // RUR before 2024: no cap, all 20 above the threshold; before 2013 no reserve at all.
  EXPECT_NEAR(applied(statement(2023, {30.0}), in).reserve_balance[0], 65.0, 1e-12);
  EXPECT_NEAR(applied(statement(2012, {30.0}), in).reserve_possible_reservation[0], 0.0, 1e-12);
}

// Deficits are restored before anything is reserved (Malmö 2015): 10 outstanding, a result of 40 with room 30:
// 30 is reserved and the balanced-budget result 10 restores the deficit.
TEST(BalanceRequirement, RestoreBeforeReserving) {
  BalanceRequirement in;
  in.reserve_surplus = true;
  in.opening_deficits = {{2023, 10.0}};
  const IncomeStatement s = applied(statement(2024, {40.0}), in);
  EXPECT_NEAR(s.reserve_reservation[0], 30.0, 1e-12);
  EXPECT_NEAR(s.balanced_budget_result[0], 10.0, 1e-12);
  EXPECT_NEAR(s.deficit_restored[0], 10.0, 1e-12);
  EXPECT_NEAR(s.deficit_to_restore[0], 0.0, 1e-12);
  // With 35 only 25 (35 − 10) may be reserved, below the room of 25: both 25.
  const IncomeStatement t = applied(statement(2024, {35.0}), in);
  EXPECT_NEAR(t.reserve_reservation[0], 25.0, 1e-12);
  EXPECT_NEAR(t.balanced_budget_result[0], 10.0, 1e-12);
}

// A withdrawal covers a negative result only up to zero and at most the balance: balance 10, −4 → withdraw 4
// (result 0, balance 6); then −15 → withdraw the 6 left, −9 stays a deficit.
TEST(BalanceRequirement, WithdrawalLimitedToZeroAndBalance) {
  BalanceRequirement in;
  in.opening_reserve_msek = 10.0;
  in.withdraw_from_reserve = true;
  const IncomeStatement s = applied(statement(2024, {-4.0, -15.0, 3.0}), in);
  expect_rows(s.reserve_withdrawal, {4.0, 6.0, 0.0}, "withdrawal");
  expect_rows(s.balanced_budget_result, {0.0, -9.0, 3.0}, "bbr");
  expect_rows(s.reserve_balance, {6.0, 0.0, 0.0}, "balance");
  expect_rows(s.new_deficit, {0.0, 9.0, 0.0}, "new_deficit");
  // Off (the default): nothing withdrawn.
  in.withdraw_from_reserve = false;
  EXPECT_NEAR(applied(statement(2024, {-4.0}), in).balanced_budget_result[0], -4.0, 1e-12);
}

// A given reserve use (the budget's decision) is kept even when the options are on: Sjöbo's 7.5 withdrawal.
TEST(BalanceRequirement, GivenReserveUseKept) {
  BalanceRequirement in;
  in.withdraw_from_reserve = true;
  in.opening_reserve_msek = 100.0;
  IncomeStatement s = statement(2024, {-26.1});
  s.reserve_use[0] = 7.5;
  s = applied(s, in);
  EXPECT_NEAR(s.balanced_budget_result[0], -18.6, 1e-12);
  EXPECT_NEAR(s.reserve_balance[0], 92.5, 1e-12);
}

// One-off items: a gain of 5 (row −5) and an efficiency one-off cost of 2 → +3 in the result; result 12 → 9.
TEST(BalanceRequirement, ResultExcludingOneOffsByHand) {
  IncomeStatement s = statement(2024, {12.0});
  s.realisation_gains[0] = -5.0;
  s.efficiency_one_off_cost[0] = 2.0;
  s = applied(s);
  EXPECT_NEAR(s.one_off_items[0], 3.0, 1e-12);
  EXPECT_NEAR(s.result_excluding_one_offs[0], 9.0, 1e-12);
  // Target 1 % of 1000 = 10: the shortfall 1; tax base 1000 → 10 MSEK per krona; the change d solves
  // 9 + 10d = 0.01 × (1000 + 10d) → d = 1 / 9.9.
  const Target t{TargetKind::ResultExcludingOneOffsShare, 0.01};
  EXPECT_NEAR(target_gap_msek(s, t)[0], 1.0, 1e-12);
  EXPECT_NEAR(required_tax_rate(s, t)[0], 20.0 + 1.0 / 9.9, 1e-12);
}

// The balanced-budget target with restoration: −18.6, +5, +6, +4 with 10 MSEK per krona. From 2025 a change d adds
// 10d a year; 2027 must restore what is left, 18.6 − (5 + 10d) − (6 + 10d) = 7.6 − 20d, from 4 + 10d:
// 7.6 − 20d <= 4 + 10d ⇔ d >= 0.12 kr per 100 kr (12 öre), not the 0.36 of 2027 taken alone.
TEST(BalanceRequirement, SustainedChangeWithRestorationByHand) {
  const IncomeStatement s = applied(statement(2024, {-18.6, 5.0, 6.0, 4.0}));
  const Target t{TargetKind::BalancedBudgetResult, 0.0};
  EXPECT_NEAR(required_sustained_change(s, t, 2025), 0.12, 1e-9);
  EXPECT_NEAR(target_gap_msek(s, t)[3], 3.6, 1e-12);
  // The yearly path: each year meets its target, so 2024 carries its own 18.6 (1.86 kr) and no deficit arises.
  EXPECT_NEAR(required_tax_rate(s, t)[0], 21.86, 1e-12);
  EXPECT_NEAR(required_tax_rate(s, t)[3], 20.0 - 0.4, 1e-12);
  // Without a deficit it is the plain balanced budget: max(−5, −6, −4) / 10 = −0.4.
  EXPECT_NEAR(required_sustained_change(applied(statement(2024, {0.0, 5.0, 6.0, 4.0})), t, 2025), -0.4, 1e-9);
}

// Sjöbo 2024 projected: the base year's −18.6 is a deficit due 2027; the sustained change from 2025 replayed in the
// projection meets every year's restoration, and one öre-millionth less does not.
TEST(BalanceRequirement, SjoboSustainedChangeMeetsRestoration) {
  const BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2030);
  Assumptions a = kbtest::flat_assumptions(2025, 2030);
  const Projector p(b, a, 2030);
  const IncomeStatement s = p.run();
  EXPECT_NEAR(s.new_deficit[0], 18.6, 1e-9);
  EXPECT_EQ(s.oldest_deficit_due_year[0], 2027.0);
  const Target t{TargetKind::BalancedBudgetResult, 0.0};
  const double d = required_sustained_change(s, t, 2025);
  const auto worst = [&](double change) {
    Measures m;
    m.tax_changes = {{2025, change}};
    const IncomeStatement r = p.run(m);
    double w = -INFINITY;
    for (Eigen::Index k = 1; k < r.result.size(); ++k) {
      w = std::max(w, r.restoration_required[k] - r.balanced_budget_result[k]);
    }
    return w;
  };
  EXPECT_LE(worst(d), 1e-6);
  EXPECT_GT(worst(d - 1e-4), 0.0);
}

TEST(BalanceRequirement, ValidatesInputs) {
  BalanceRequirement in;
  in.opening_deficits = {{2024, 1.0}};
  EXPECT_THROW(opening_deficit_state(in, 2024), InputError);  // not before the base year
  in.opening_deficits = {{2023, 1.0}, {2023, 2.0}};
  EXPECT_THROW(opening_deficit_state(in, 2024), InputError);  // twice
  in.opening_deficits = {{2023, 0.0}};
  EXPECT_THROW(opening_deficit_state(in, 2024), InputError);  // > 0
  in.opening_deficits = {};
  in.opening_reserve_msek = -1.0;
  EXPECT_THROW(opening_deficit_state(in, 2024), InputError);
  in.opening_reserve_msek = 0.0;
  in.opening_deficits = {{2021, 1.0}, {2022, 2.0}, {2023, 3.0}, {2019, 4.0}};
  const Eigen::Vector4d state = opening_deficit_state(in, 2024);
  EXPECT_EQ(state, Eigen::Vector4d(4.0, 1.0, 2.0, 3.0));
}

// Sjöbo's budget 2024 withdraws 7.5 from the reserve (finansiellinfo.se/Sjobo/Budget-2024): with an opening
// balance of 5, 7.5 − 5 = 2.5 is overdrawn, the balance stops at 0 and the balanced-budget result keeps the full
// withdrawal (−26.1 + 7.5 = −18.6, the budget's line); with the default 0 all 7.5 is overdrawn; with 10, none.
TEST(BalanceRequirement, GivenWithdrawalAboveTheBalanceIsReported) {
  BalanceRequirement in;
  in.opening_reserve_msek = 5.0;
  IncomeStatement s = statement(2024, {-26.1, 0.0});
  s.reserve_use[0] = 7.5;
  s.reserve_use[1] = 1.0;  // 2025: a further withdrawal from an empty reserve, all overdrawn
  const IncomeStatement a = applied(s, in);
  expect_rows(a.reserve_overdrawn, {2.5, 1.0}, "overdrawn");
  expect_rows(a.reserve_balance, {0.0, 0.0}, "balance");
  EXPECT_NEAR(a.balanced_budget_result[0], -18.6, 1e-12);
  in.opening_reserve_msek = 0.0;
  EXPECT_NEAR(applied(s, in).reserve_overdrawn[0], 7.5, 1e-12);
  in.opening_reserve_msek = 10.0;
  expect_rows(applied(s, in).reserve_overdrawn, {0.0, 0.0}, "within the balance");
}

// One rule for deficits from before the base year: a deficit of 2021 (due 2024) and one of 2005 (due 2008, overdue
// at the start of 2024) of 10 each, base year 2024 with a result of 0: both are a breach of 10 in 2024 (restoration
// due 10, restored 0); in 2025 the 20 are overdue (required 20) but not a new breach.
TEST(BalanceRequirement, OverdueOpeningDeficitIsABreachInTheBaseYear) {
  for (const int origin : {2021, 2005}) {
    BalanceRequirement in;
    in.opening_deficits = {{origin, 10.0}};
    const IncomeStatement s = applied(statement(2024, {0.0, 0.0}), in);
    expect_rows(s.restoration_required, {10.0, 10.0}, "required");
    expect_rows(s.deficit_restored, {0.0, 0.0}, "restored");
    expect_rows(s.deficit_breach, {10.0, 0.0}, "breach");
  }
  // Restored in part by +4 in 2024: 10 − 4 = 6 left, the breach.
  BalanceRequirement in;
  in.opening_deficits = {{2005, 10.0}};
  EXPECT_NEAR(applied(statement(2024, {4.0}), in).deficit_breach[0], 6.0, 1e-12);
  // Before 2000 the requirement did not apply (KL 1991:900 8 kap. 5 §, SFS 1997:1114): refused, naming the field.
  in.opening_deficits = {{1990, 10.0}};
  try {
    in.validate(2024);
    FAIL() << "a deficit of 1990 was accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("opening_deficits[0].year"), std::string::npos) << what;
    EXPECT_NE(what.find("1990"), std::string::npos) << what;
    EXPECT_NE(what.find("2000"), std::string::npos) << what;
  }
}

// required_sustained_change's bisection (answers.cpp: the years before from_year replayed once, a step stopping at
// the first year that misses) against the procedure answers.hpp documents, written out here step by step with the
// public restoration_required: bracket [low, high], midpoints, "shortfall <= 1e-9" until high − low <= 1e-12. The
// two must agree exactly (the Monte Carlo and batch engines compare draws with it bit for bit), for deficits from
// before the base year and of the projection, each from_year.
TEST(BalanceRequirement, SustainedChangeEqualsTheDocumentedBisectionExactly) {
  BalanceRequirement in;
  in.opening_deficits = {{2021, 4.0}, {2022, 7.5}, {2023, 3.0}, {2018, 1.25}};
  const std::vector<IncomeStatement> cases = {
      applied(statement(2024, {-18.6, 5.0, -6.0, 4.0, -2.0, 3.0, -9.0, 1.0}), in),
      applied(statement(2024, {-18.6, -5.0, -6.0, 4.0, -2.0, -3.0, -9.0, 11.0}, 1000.0, 873.0)),
      applied(statement(2024, {2.0, -7.0, 1.0, -4.0, 6.0, -8.0, -1.0, 0.5}, 1000.0, 1234.5), in)};
  const Target t{TargetKind::BalancedBudgetResult, 0.0};
  int bisected = 0;
  for (const IncomeStatement& s : cases) {
    const auto n = static_cast<Eigen::Index>(s.size());
    for (int from = 2024; from <= 2031; ++from) {
      const Eigen::Index first = from - 2024;
      double change = -INFINITY, low = -INFINITY;
      for (Eigen::Index k = first; k < n; ++k) {
        change = std::max(change, (s.restoration_required[k] - s.balanced_budget_result[k]) / (s.tax_base[k] / 100.0));
        low = std::max(low, -s.balanced_budget_result[k] / (s.tax_base[k] / 100.0));
      }
      Eigen::VectorXd extra(n), required(n);
      const auto shortfall = [&](double d) {
        for (Eigen::Index k = 0; k < n; ++k) extra[k] = k < first ? 0.0 : d * s.tax_base[k] / 100.0;
        restoration_required(s.opening_deficit_state, s.balanced_budget_result, extra, required);
        double worst = -INFINITY;
        for (Eigen::Index k = first; k < n; ++k) worst = std::max(worst, required[k] - s.balanced_budget_result[k] - extra[k]);
        return worst;
      };
      double high = shortfall(change) <= 1e-9 ? change : std::max(change, 0.0);
      if (low < high) {
        ++bisected;
        for (int i = 0; i < 200 && high - low > 1e-12; ++i) {
          const double mid = 0.5 * (low + high);
          (shortfall(mid) <= 1e-9 ? high : low) = mid;
        }
      }
      EXPECT_EQ(required_sustained_change(s, t, from), high) << "from " << from;
    }
  }
  EXPECT_GT(bisected, 10);  // the bisection ran in most cases (this test can fail)
}
