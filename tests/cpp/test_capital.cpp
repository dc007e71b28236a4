// Investments, depreciation of new investments, borrowing, pension interest and the disposal fixes
// (docs/model.md §15, §7). Expected values are derived by hand in each test.
#include <gtest/gtest.h>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
DepreciationClass one_class(double years) { return DepreciationClass{"all", 1.0, years}; }

// Sjöbo 2024 with zero volume, flat assumptions 2025-2027 (depreciation 40, financial costs 0.5 a year) and a
// capital plan: one class of 10 years, the base year as the plan's last year.
struct Plan {
  BaseYearState base = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2027);
  Assumptions assumptions = kbtest::flat_assumptions(2025, 2027);
  Plan() { base.capital.depreciation_classes = {one_class(10.0)}; }
};
}  // namespace

TEST(Capital, DepreciationKernelIsStraightLineFromTheYearAfter) {
  Eigen::VectorXd k;
  depreciation_kernel({one_class(5.0)}, 8, k);
  // 1/5 = 0.2 in years 1..5 after the investment, nothing in the investment year or after year 5.
  const double expected[] = {0.0, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0, 0.0};
  for (int j = 0; j < 8; ++j) EXPECT_NEAR(k[j], expected[j], 1e-12) << j;
  // Two classes: 70 % over 33 years and 30 % over 2.5 years: year 1 = 0.7/33 + 0.3/2.5; year 3 = 0.7/33 + 0.3 ×
  // 0.5/2.5 (the half year left); year 4 = 0.7/33.
  depreciation_kernel({{"buildings", 0.7, 33.0}, {"equipment", 0.3, 2.5}}, 6, k);
  EXPECT_NEAR(k[1], 0.7 / 33.0 + 0.12, 1e-12);
  EXPECT_NEAR(k[3], 0.7 / 33.0 + 0.06, 1e-12);
  EXPECT_NEAR(k[4], 0.7 / 33.0, 1e-12);
  EXPECT_THROW(depreciation_kernel({{"a", 0.5, 10.0}}, 4, k), InputError);  // shares sum to 0.5
  EXPECT_THROW(depreciation_kernel({}, 4, k), InputError);
  EXPECT_THROW(depreciation_kernel({one_class(0.5)}, 4, k), InputError);  // below one year
}

TEST(Capital, BorrowingNeedUsesCashFirstThenDebtAndASurplusRepaysNewDebt) {
  // Need 50 with 30 in cash and a floor of 5: 25 from cash, 25 borrowed.
  CashAndDebt s = meet_borrowing_need({30.0, 0.0}, 50.0, 5.0);
  EXPECT_NEAR(s.cash_msek, 5.0, 1e-12);
  EXPECT_NEAR(s.new_debt_msek, 25.0, 1e-12);
  // A surplus of 40: repays the 25 of new debt, the other 15 add to cash (5 + 15 = 20).
  s = meet_borrowing_need(s, -40.0, 5.0);
  EXPECT_NEAR(s.new_debt_msek, 0.0, 1e-12);
  EXPECT_NEAR(s.cash_msek, 20.0, 1e-12);
  // Cash below the floor is not used: everything is borrowed.
  s = meet_borrowing_need({3.0, 0.0}, 10.0, 5.0);
  EXPECT_NEAR(s.cash_msek, 3.0, 1e-12);
  EXPECT_NEAR(s.new_debt_msek, 10.0, 1e-12);
}

TEST(Capital, InterestOnNewBorrowingIsOnTheOpeningDebtPlusHalfTheYearsChange) {
  // New debt 20 -> 60 in the year at 4 %: 0.04 × (20 + 40 / 2) = 1.6.
  EXPECT_NEAR(new_borrowing_interest(0.04, 20.0, 60.0, 0.0), 1.6, 1e-12);
  // Above a new debt of 30 at the end of the plan: 0.04 × (40 − 30) = 0.4; below it nothing.
  EXPECT_NEAR(new_borrowing_interest(0.04, 20.0, 60.0, 30.0), 0.4, 1e-12);
  EXPECT_NEAR(new_borrowing_interest(0.04, 20.0, 60.0, 50.0), 0.0, 1e-12);
}

TEST(Capital, BookValueOnTheSaleDate) {
  // 12 MSEK on 1 January 2024, 0.6 a year: sold 1 July 2025 after 1.5 years, 12 − 0.9 = 11.1.
  EXPECT_NEAR(book_value_at_sale(12.0, 0.6, 2024, 2025, 7), 11.1, 1e-12);
  // Sold 1 January of the base year: the value given.
  EXPECT_NEAR(book_value_at_sale(12.0, 0.6, 2024, 2024, 1), 12.0, 1e-12);
  // Not below zero: 1.0 − 0.6 × 6 < 0.
  EXPECT_NEAR(book_value_at_sale(1.0, 0.6, 2024, 2030, 1), 0.0, 1e-12);
}

TEST(Capital, PensionInterestIsIndexedAfterItsLastGivenFigure) {
  // Sjöbo (pension_investering.csv): 0.6 in 2024, 0.3 in 2025; then 5 % a year: 0.315, 0.33075.
  const YearSeries given("pension_interest_msek", {2024, 2025}, {0.6, 0.3});
  const YearSeries growth = YearSeries::constant("pension_index_growth", 2026, 2027, 0.05);
  Eigen::VectorXd out;
  pension_interest_path(given, growth, 2024, 4, out);
  EXPECT_NEAR(out[0], 0.6, 1e-12);
  EXPECT_NEAR(out[1], 0.3, 1e-12);
  EXPECT_NEAR(out[2], 0.315, 1e-12);
  EXPECT_NEAR(out[3], 0.33075, 1e-12);
  EXPECT_THROW(pension_interest_path(given, YearSeries(), 2024, 4, out), InputError);
}

TEST(Capital, PensionInterestMovesTheFinancialCostsAfterThePlan) {
  Plan s;
  s.base.capital.plan_last_year = 2025;
  const IncomeStatement before = Projector(s.base, s.assumptions, 2027).run();
  s.assumptions.pension_interest_msek = YearSeries("pension_interest_msek", {2024, 2025}, {0.6, 0.3});
  s.assumptions.pension_index_growth = YearSeries::constant("pension_index_growth", 2026, 2027, 0.05);
  const IncomeStatement after = Projector(s.base, s.assumptions, 2027).run();
  // Plan years: the given financial costs (0.5) hold the pension interest already. After the plan: 0.5 held plus
  // the pension interest's change since 2025: 2026 0.315 − 0.3 = 0.015, 2027 0.33075 − 0.3 = 0.03075.
  EXPECT_NEAR(after.financial_costs[1], -0.5, 1e-12);
  EXPECT_NEAR(after.financial_costs[2], -0.515, 1e-12);
  EXPECT_NEAR(after.financial_costs[3], -0.53075, 1e-12);
  EXPECT_NEAR(after.result[3] - before.result[3], -0.03075, 1e-9);
  EXPECT_NEAR(after.pension_interest[3], 0.33075, 1e-12);
}

TEST(Capital, InvestmentsDepreciateFromTheYearAfterAndAddToTheDepreciationLine) {
  Plan s;
  // 100 MSEK in 2024 and 300 in 2025, 10 years straight line: 2025 100/10 = 10; 2026 and 2027 10 + 300/10 = 40.
  s.assumptions.investments_msek = YearSeries("investments_msek", {2024, 2025}, {100.0, 300.0});
  const IncomeStatement st = Projector(s.base, s.assumptions, 2027).run();
  EXPECT_NEAR(st.new_investment_depreciation[0], 0.0, 1e-12);
  EXPECT_NEAR(st.new_investment_depreciation[1], 10.0, 1e-12);
  EXPECT_NEAR(st.new_investment_depreciation[2], 40.0, 1e-12);
  EXPECT_NEAR(st.new_investment_depreciation[3], 40.0, 1e-12);
  EXPECT_NEAR(st.depreciation[0], -37.7, 1e-12);  // the base year's own figure
  EXPECT_NEAR(st.depreciation[2], -(40.0 + 40.0), 1e-12);  // the given 40 held plus the new 40
  EXPECT_NEAR(st.investments[1], 300.0, 1e-12);
  EXPECT_NEAR(st.investments[2], 0.0, 1e-12);  // a year not given invests nothing
}

TEST(Capital, InvestmentsDuringThePlanAreInTheGivenDepreciation) {
  Plan s;
  s.base.capital.plan_last_year = 2026;
  s.assumptions.investments_msek = YearSeries("investments_msek", {2024, 2025, 2026}, {100.0, 100.0, 50.0});
  const IncomeStatement st = Projector(s.base, s.assumptions, 2027).run();
  // Only the plan's last year (2026) and later add modelled depreciation, from 2027: 50 / 10 = 5.
  EXPECT_NEAR(st.new_investment_depreciation[1], 0.0, 1e-12);
  EXPECT_NEAR(st.new_investment_depreciation[2], 0.0, 1e-12);
  EXPECT_NEAR(st.new_investment_depreciation[3], 5.0, 1e-12);
}

TEST(Capital, SelfFinancingBorrowingNeedDebtAndInterestByHand) {
  Plan s;
  s.base.capital.opening_cash_msek = 30.0;
  s.base.capital.opening_debt_msek = 200.0;
  s.assumptions.investments_msek = YearSeries("investments_msek", {2024, 2025}, {100.0, 300.0});
  // Without a rate: the results before interest on new borrowing (one year's result does not depend on another's).
  const IncomeStatement pre = Projector(s.base, s.assumptions, 2027).run();
  s.assumptions.borrowing_rate = YearSeries::constant("borrowing_rate", 2025, 2027, 0.04);
  const IncomeStatement st = Projector(s.base, s.assumptions, 2027).run();

  // Base year: the balances given; self-financing = result + depreciation 37.7; need = 100 − that.
  EXPECT_NEAR(st.debt_at_year_end[0], 200.0, 1e-12);
  EXPECT_NEAR(st.cash_at_year_end[0], 30.0, 1e-12);
  EXPECT_NEAR(st.self_financing[0], pre.result[0] + 37.7, 1e-9);
  EXPECT_NEAR(st.borrowing_need[0], 100.0 - (pre.result[0] + 37.7), 1e-9);

  // 2025: depreciation 40 + 10 = 50. Before interest: self-financing R + 50, need 300 − (R + 50); cash 30 first,
  // the rest borrowed (N_pre). Interest 4 % on (0 + N_pre) / 2. The interest lowers the result and is borrowed too.
  const double sf_2025 = pre.result[1] + 50.0;
  const double need_2025 = 300.0 - sf_2025;
  ASSERT_GT(need_2025, 30.0);  // the setup borrows
  const double new_pre_2025 = need_2025 - 30.0;
  const double interest_2025 = 0.04 * (0.0 + new_pre_2025) / 2.0;
  EXPECT_NEAR(st.new_borrowing_interest[1], interest_2025, 1e-9);
  EXPECT_NEAR(st.financial_costs[1], -(0.5 + interest_2025), 1e-9);
  EXPECT_NEAR(st.result[1], pre.result[1] - interest_2025, 1e-9);
  EXPECT_NEAR(st.self_financing[1], sf_2025 - interest_2025, 1e-9);
  EXPECT_NEAR(st.borrowing_need[1], need_2025 + interest_2025, 1e-9);
  const double new_2025 = new_pre_2025 + interest_2025;
  EXPECT_NEAR(st.cash_at_year_end[1], 0.0, 1e-9);
  EXPECT_NEAR(st.debt_at_year_end[1], 200.0 + new_2025, 1e-9);
  EXPECT_NEAR(st.self_financing_ratio[1], (sf_2025 - interest_2025) / 300.0, 1e-12);

  // 2026: no investment; depreciation 40 + 40; the surplus R + 80 repays new debt first (N falls to N_pre).
  const double surplus_pre_2026 = pre.result[2] + 80.0;
  const double new_pre_2026 = std::max(0.0, new_2025 - surplus_pre_2026);
  const double interest_2026 = 0.04 * (new_2025 + new_pre_2026) / 2.0;
  EXPECT_NEAR(st.new_borrowing_interest[2], interest_2026, 1e-9);
  const double surplus_2026 = surplus_pre_2026 - interest_2026;
  const double new_2026 = std::max(0.0, new_2025 - surplus_2026);
  EXPECT_NEAR(st.debt_at_year_end[2], 200.0 + new_2026, 1e-9);
  EXPECT_NEAR(st.cash_at_year_end[2], std::max(0.0, surplus_2026 - new_2025), 1e-9);
  EXPECT_NEAR(st.self_financing_ratio[2], 0.0, 0.0);  // no investments: undefined, shown as 0
}

TEST(Capital, InterestSavedByASaleIsAtMostOnTheDebtItRepays) {
  Plan s;
  s.base.capital.opening_debt_msek = 5.0;
  s.assumptions.financial_costs_msek = YearSeries::constant("financial_costs_msek", 2025, 2027, 3.0);
  const Projector p(s.base, s.assumptions, 2027);
  Disposal d;
  d.property = Property{"school", "school", 0.0, 12.0, 20.0, 0.0, 0.0, 0.0, false, 0.0};
  d.year = 2025;
  d.debt_interest_rate = 0.03;
  Measures m;
  m.disposals.push_back(d);
  const IncomeStatement st = p.run(m);
  // Price 20 with a debt of 5: 5 repaid, 0.03 × 5 = 0.15 a year saved (not 0.03 × 20 = 0.6); 15 is cash.
  EXPECT_NEAR(st.disposal_debt_repaid[1], 5.0, 1e-12);
  EXPECT_NEAR(st.disposal_interest_saved[1], 0.15, 1e-12);
  EXPECT_NEAR(st.disposal_interest_saved[2], 0.15, 1e-12);
  EXPECT_NEAR(st.financial_costs[1], -(3.0 - 0.15), 1e-12);
  EXPECT_NEAR(st.debt_at_year_end[1], 0.0, 1e-9);
}

TEST(Capital, WithoutADebtFigureTheInterestSavedIsCappedAtTheFinancialCosts) {
  Plan s;  // financial costs 0.5 a year, no debt given
  const Projector p(s.base, s.assumptions, 2027);
  const IncomeStatement base = p.run();
  Disposal d;
  d.property = Property{"school", "school", 0.0, 12.0, 20.0, 0.0, 0.0, 0.0, false, 0.0};
  d.year = 2025;
  d.debt_interest_rate = 0.03;
  Measures m;
  m.disposals.push_back(d);
  const IncomeStatement st = p.run(m);
  // 0.03 × 20 = 0.6 on the whole price, but only 0.5 is paid: 0.5 saved, no financial income from it.
  EXPECT_NEAR(st.disposal_interest_saved[1], 0.5, 1e-12);
  EXPECT_NEAR(st.financial_costs[1], 0.0, 1e-12);
  EXPECT_NEAR(st.financial_income[1], base.financial_income[1], 1e-12);
}

TEST(Capital, TheRealisationGainUsesTheBookValueOnTheSaleDate) {
  Plan s;
  const Projector p(s.base, s.assumptions, 2027);
  Disposal d;
  // Book value 12 on 1 January 2024, depreciation 0.6 a year, sold for 20 on 1 July 2025: book value 12 − 0.6 ×
  // 1.5 = 11.1, gain 20 − 11.1 = 8.9.
  d.property = Property{"school", "school", 0.0, 12.0, 20.0, 0.0, 0.6, 0.0, false, 0.0};
  d.year = 2025;
  d.month = 7;
  Measures m;
  m.disposals.push_back(d);
  EXPECT_NEAR(p.run(m).disposal_realisation_gain[1], 8.9, 1e-12);
}

TEST(Capital, InvestmentsNeedDepreciationClassesAndARateAfterThePlan) {
  Plan s;
  s.base.capital.depreciation_classes.clear();
  s.assumptions.investments_msek = YearSeries("investments_msek", {2025}, {10.0});
  EXPECT_THROW(Projector(s.base, s.assumptions, 2027), InputError);
  Plan t;
  t.assumptions.investments_msek = YearSeries("investments_msek", {2025}, {10.0});
  t.assumptions.borrowing_rate = YearSeries::constant("borrowing_rate", 2025, 2026, 0.03);  // 2027 missing
  EXPECT_THROW(Projector(t.base, t.assumptions, 2027), InputError);
  t.assumptions.borrowing_rate = YearSeries::constant("borrowing_rate", 2025, 2027, 0.5);  // above 0.2
  EXPECT_THROW(Projector(t.base, t.assumptions, 2027), InputError);
  t.assumptions.borrowing_rate = YearSeries();
  t.base.capital.opening_cash_msek = -1.0;
  EXPECT_THROW(Projector(t.base, t.assumptions, 2027), InputError);
}
