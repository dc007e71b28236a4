#include <gtest/gtest.h>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
std::string validate_message(const BaseYearState& b) {
  try {
    b.validate();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected InputError";
  return {};
}
}  // namespace

TEST(BaseYearState, SjoboIsValid) {
  EXPECT_NO_THROW(kbtest::sjobo_2024().validate());
  EXPECT_DOUBLE_EQ(kbtest::sjobo_2024().operating_costs_msek(), 1656.2);
}

TEST(BaseYearStateErrors, NonPositiveTaxBaseNamesFieldYearValue) {
  BaseYearState b = kbtest::sjobo_2024();
  b.tax_base_msek = 0.0;
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("tax_base_msek[2024] = 0"), std::string::npos) << msg;
  EXPECT_NE(msg.find("must be positive"), std::string::npos) << msg;
  b.tax_base_msek = -4757.6;
  EXPECT_NE(validate_message(b).find("tax_base_msek[2024] = -4757.6"), std::string::npos);
}

TEST(BaseYearStateErrors, TaxRateOutOfRange) {
  BaseYearState b = kbtest::sjobo_2024();
  b.tax_rate_kr_per_100kr = 209.2;
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("tax_rate_kr_per_100kr[2024] = 209.2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("kr per 100 kr"), std::string::npos) << msg;
}

TEST(BaseYearStateErrors, LabourSharePercentGetsHint) {
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines[0].labour_share = 69.1;
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("labour_share[2024] = 69.1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 0.691?"), std::string::npos) << msg;
}

TEST(BaseYearStateErrors, NanCostNamed) {
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines[0].cost_msek = std::numeric_limits<double>::quiet_NaN();
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("cost_msek[2024] = nan"), std::string::npos) << msg;
}

TEST(BaseYearStateErrors, DuplicateCostLineNames) {
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines.push_back(b.cost_lines[0]);
  EXPECT_NE(validate_message(b).find("'operating_costs' is given twice"), std::string::npos);
}

TEST(AssumptionsErrors, MissingYearIsNamed) {
  Assumptions a = kbtest::flat_assumptions(2025, 2027);
  try {
    a.validate(2025, 2028);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("year 2028 is missing"), std::string::npos) << e.what();
  }
}

TEST(AssumptionsErrors, GrowthInPercentIsRefusedWithHint) {
  Assumptions a = kbtest::flat_assumptions(2025, 2027);
  a.tax_base_growth = YearSeries("tax_base_growth", {2025, 2026, 2027}, {0.04, 4.6, 0.04});
  try {
    a.validate(2025, 2027);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("tax_base_growth[2026] = 4.6"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean 0.046?"), std::string::npos) << msg;
  }
}

TEST(ImpliedTaxBase, InvertsTaxRevenue) {
  // Sjöbo 2024: 995.3 MSEK at 20.92 kr per 100 kr ⇒ 995.3 / 0.2092 = 4757.648... MSEK.
  EXPECT_NEAR(implied_tax_base_msek(995.3, 20.92), 4757.6482, 1e-4);
  EXPECT_NEAR(implied_tax_base_msek(1000.0, 20.0, 20.0), 4900.0, 1e-9);
  EXPECT_THROW(implied_tax_base_msek(995.3, 0.0), InputError);
  EXPECT_THROW(implied_tax_base_msek(-5.0, 20.92), InputError);
}

TEST(Assumptions, GeneralGrantsGivenThenGrowing) {
  // Given amounts for 2025-2026, then 4 % growth: 2027 = 340 × 1.04 = 353.6, 2028 = 353.6 × 1.04 = 367.744.
  BaseYearState b = kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2028);
  Assumptions a = kbtest::flat_assumptions(2025, 2028);
  a.general_grants_msek = YearSeries("general_grants_msek", {2025, 2026}, {330.0, 340.0});
  a.general_grants_growth = YearSeries::constant("general_grants_growth", 2025, 2028, 0.04);
  const IncomeStatement s = project(b, a, 2028);
  EXPECT_NEAR(s.general_grants[1], 330.0, 1e-12);
  EXPECT_NEAR(s.general_grants[2], 340.0, 1e-12);
  EXPECT_NEAR(s.general_grants[3], 353.6, 1e-9);
  EXPECT_NEAR(s.general_grants[4], 367.744, 1e-9);
}

TEST(AssumptionsErrors, GeneralGrantsWithoutAmountOrGrowth) {
  Assumptions a = kbtest::flat_assumptions(2025, 2027);
  a.general_grants_msek = YearSeries("general_grants_msek", {2025, 2026}, {330.0, 340.0});
  try {
    a.validate(2025, 2027);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("year 2027 has neither"), std::string::npos) << e.what();
  }
}

TEST(BaseYearStateErrors, TaxRateGivenAsFractionGetsHint) {
  BaseYearState b = kbtest::sjobo_2024();
  b.tax_rate_kr_per_100kr = 0.2092;
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("tax_rate_kr_per_100kr[2024] = 0.2092"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[5, 50] kr per 100 kr"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 20.92?"), std::string::npos) << msg;
}

TEST(BaseYearStateErrors, ShareJustAboveOneGetsNoPercentHint) {
  BaseYearState b = kbtest::sjobo_2024();
  b.cost_lines[0].labour_share = 1.2;
  const std::string msg = validate_message(b);
  EXPECT_NE(msg.find("labour_share[2024] = 1.2"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("did you mean"), std::string::npos) << msg;
}
