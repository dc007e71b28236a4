#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected InputError";
  return {};
}
}  // namespace

TEST(YearSeries, ValuesKnowTheirYearsWhateverTheOrder) {
  YearSeries s("tax_base_growth", {2027, 2025, 2026}, {0.03, 0.01, 0.02});
  EXPECT_EQ(s.first_year(), 2025);
  EXPECT_EQ(s.last_year(), 2027);
  EXPECT_DOUBLE_EQ(s.at(2025), 0.01);
  EXPECT_DOUBLE_EQ(s.at(2026), 0.02);
  EXPECT_DOUBLE_EQ(s.at(2027), 0.03);
}

TEST(YearSeries, ChainingReproducesHandComputedAmounts) {
  // 100 uprated by 3 %, 2.5 %, 2 %: 100·1.03 = 103; 103·1.025 = 105.575; 105.575·1.02 = 107.6865.
  YearSeries change("price_change", {2025, 2026, 2027}, {0.03, 0.025, 0.02});
  YearSeries amounts = chain(100.0, 2024, change, 2027);
  EXPECT_DOUBLE_EQ(amounts.at(2024), 100.0);
  EXPECT_NEAR(amounts.at(2025), 103.0, 1e-12);
  EXPECT_NEAR(amounts.at(2026), 105.575, 1e-12);
  EXPECT_NEAR(amounts.at(2027), 107.6865, 1e-12);
}

TEST(YearSeries, ChangingOneYearLeavesEarlierYearsUnchanged) {
  YearSeries change("price_change", {2025, 2026, 2027}, {0.03, 0.025, 0.02});
  YearSeries before = chain(100.0, 2024, change, 2027);
  YearSeries after = chain(100.0, 2024, change.with_value(2026, 0.05), 2027);
  EXPECT_EQ(after.at(2024), before.at(2024));
  EXPECT_EQ(after.at(2025), before.at(2025));
  EXPECT_NEAR(after.at(2026), 103.0 * 1.05, 1e-12);
  EXPECT_NEAR(after.at(2027), 103.0 * 1.05 * 1.02, 1e-12);
}

TEST(YearSeriesErrors, NanValueNamesFieldYearAndValue) {
  const std::string msg = message_of([] {
    YearSeries("tax_base_growth", {2025, 2026}, {0.04, std::numeric_limits<double>::quiet_NaN()});
  });
  EXPECT_NE(msg.find("tax_base_growth[2026]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("nan"), std::string::npos) << msg;
  EXPECT_NE(msg.find("finite"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, InfiniteValueIsRefused) {
  const std::string msg = message_of([] {
    YearSeries("general_grants_msek", {2025}, {std::numeric_limits<double>::infinity()});
  });
  EXPECT_NE(msg.find("general_grants_msek[2025] = inf"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, DuplicateYearNamesTheYear) {
  const std::string msg = message_of([] { YearSeries("tax_base_growth", {2025, 2026, 2025}, {0.04, 0.04, 0.03}); });
  EXPECT_NE(msg.find("tax_base_growth"), std::string::npos) << msg;
  EXPECT_NE(msg.find("year 2025 is given twice"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, GapNamesTheMissingYear) {
  const std::string msg = message_of([] { YearSeries("tax_base_growth", {2025, 2027}, {0.04, 0.03}); });
  EXPECT_NE(msg.find("year 2026 is missing"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, MissingYearForTheHorizonIsNamed) {
  YearSeries s("tax_base_growth", {2025, 2026}, {0.04, 0.03});
  const std::string msg = message_of([&] { s.require_years(2025, 2028); });
  EXPECT_NE(msg.find("tax_base_growth: year 2027 is missing"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2025-2026"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, SizeMismatchIsRefused) {
  const std::string msg = message_of([] { YearSeries("x", {2025, 2026}, {0.1}); });
  EXPECT_NE(msg.find("2 years but 1 values"), std::string::npos) << msg;
}

TEST(YearSeriesErrors, PercentGivenForFractionGetsHint) {
  YearSeries change("price_change", {2025}, {4.6});
  const std::string msg = message_of([&] { chain(100.0, 2024, change, 2025); });
  EXPECT_NE(msg.find("price_change[2025] = 4.6"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[-0.5, 0.5]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 0.046?"), std::string::npos) << msg;
}
