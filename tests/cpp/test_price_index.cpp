#include <gtest/gtest.h>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
// SKR's PKV components as published (the report's Table 1, SKR 2025): labour-cost change, labour weight,
// other-consumption change and PKV, percent.
struct Published {
  int year;
  double labour, weight, other, pkv;
};
constexpr Published kSkr[] = {{2022, 2.7, 69.6, 10.0, 4.9}, {2023, 6.6, 68.6, 4.5, 5.9}, {2024, 5.5, 69.1, 2.7, 4.6}};

PriceIndex skr_pkv() {
  PriceIndex p;
  std::vector<int> years;
  std::vector<double> lab, oth, w;
  for (const auto& r : kSkr) {
    years.push_back(r.year);
    lab.push_back(r.labour / 100.0);
    oth.push_back(r.other / 100.0);
    w.push_back(r.weight / 100.0);
  }
  p.labour_cost_change = YearSeries("labour_cost_change", years, lab);
  p.other_cost_change = YearSeries("other_cost_change", years, oth);
  p.labour_weight = YearSeries("labour_weight", years, w);
  return p;
}
}  // namespace

TEST(PriceIndex, ReproducesSkrPublishedPkvWithinRounding) {
  const PriceIndex p = skr_pkv();
  for (const auto& r : kSkr) {
    // Within 0.05 percentage points: SKR publishes PKV to one decimal.
    EXPECT_NEAR(p.pkv(r.year) * 100.0, r.pkv, 0.05) << r.year;
    EXPECT_NEAR(pkv_change(r.labour / 100, r.other / 100, r.weight / 100) * 100.0, r.pkv, 0.05) << r.year;
  }
  // The worked example of docs/model.md §2: 0.686 × 6.6 + 0.314 × 4.5 = 5.9412.
  EXPECT_NEAR(p.pkv(2023) * 100.0, 0.686 * 6.6 + 0.314 * 4.5, 1e-12);
}

TEST(PriceIndex, LineWithOwnLabourShare) {
  const PriceIndex p = skr_pkv();
  // A line that is all labour moves with the labour-cost index, one with none with other consumption.
  EXPECT_NEAR(p.price_change(2024, 1.0), 0.055, 1e-15);
  EXPECT_NEAR(p.price_change(2024, 0.0), 0.027, 1e-15);
  EXPECT_NEAR(p.price_change(2024, 0.8), 0.8 * 0.055 + 0.2 * 0.027, 1e-15);
}

TEST(PriceIndex, FixedPriceAmountsAreUpratedAndDeflatedConsistently) {
  const PriceIndex p = skr_pkv();
  // 100 MSEK in 2021 prices expressed in 2024 prices: × (1 + PKV 2022)(1 + PKV 2023)(1 + PKV 2024).
  const double expected = 100.0 * (1 + p.pkv(2022)) * (1 + p.pkv(2023)) * (1 + p.pkv(2024));
  EXPECT_NEAR(p.uprate(100.0, 2021, 2024), expected, 1e-12);
  EXPECT_NEAR(p.uprate(expected, 2024, 2021), 100.0, 1e-12);
  EXPECT_DOUBLE_EQ(p.factor(2023, 2023), 1.0);
}

TEST(PriceIndexErrors, WeightOutsideUnitIntervalIsRefused) {
  PriceIndex p = skr_pkv();
  p.labour_weight = YearSeries("labour_weight", {2022, 2023, 2024}, {0.696, 68.6, 0.691});
  try {
    p.validate(2022, 2024);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("labour_weight[2023] = 68.6"), std::string::npos) << msg;
    EXPECT_NE(msg.find("[0, 1]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean 0.686?"), std::string::npos) << msg;
  }
}

TEST(PriceIndexErrors, PercentForLabourChangeIsRefused) {
  EXPECT_THROW(pkv_change(5.5, 0.027, 0.691), InputError);
}

// Wage agreements from 1 April (RULES.md §6: SKR–Kommunal 2025, 3.4 % 2025 and 3.0 % 2026), worked out by hand:
// a rise from April counts 9/12 = ¾ in its year and 3/12 = ¼ the next. 2024's rate is a stand-in (4.0 %, not data)
// for "2024's agreement known".
//   2025 = ¼ × 0.040 + ¾ × 0.034 = 0.0100 + 0.0255 = 0.0355
//   2026 = ¼ × 0.034 + ¾ × 0.030 = 0.0085 + 0.0225 = 0.0310
TEST(WageAgreements, AprilAgreementsCarryAQuarterIntoTheNextYear) {
  const YearSeries rates("agreement", {2024, 2025, 2026}, {0.040, 0.034, 0.030});
  const YearSeries avg = wage_agreement_averages(rates, 4);
  EXPECT_EQ(avg.first_year(), 2025);
  EXPECT_EQ(avg.last_year(), 2026);
  EXPECT_NEAR(avg.at(2025), 0.0355, 1e-12);
  EXPECT_NEAR(avg.at(2026), 0.0310, 1e-12);
  // From January there is no overhang: each year's average is its own rate.
  const YearSeries jan = wage_agreement_averages(rates, 1);
  EXPECT_EQ(jan.first_year(), 2024);
  EXPECT_NEAR(jan.at(2025), 0.034, 1e-12);
  // From October (month 10): 9/12 of last year's and 3/12 of this year's: 0.75 × 0.034 + 0.25 × 0.030 = 0.033.
  EXPECT_NEAR(wage_agreement_averages(rates, 10).at(2026), 0.033, 1e-12);
}

TEST(WageAgreements, BadInputIsRefused) {
  const YearSeries one("agreement", {2025}, {0.034});
  EXPECT_THROW(wage_agreement_averages(one, 4), InputError);  // no year before: the overhang is unknown
  const YearSeries two("agreement", {2025, 2026}, {0.034, 0.030});
  EXPECT_THROW(wage_agreement_averages(two, 0), InputError);
  EXPECT_THROW(wage_agreement_averages(two, 13), InputError);
  const YearSeries percent("agreement", {2025, 2026}, {3.4, 3.0});  // percent for a fraction
  EXPECT_THROW(wage_agreement_averages(percent, 4), InputError);
}

// PO (personalomkostnader) from 40 % to 42 % of wages with wages +3 %: 1.03 × 1.42 / 1.40 − 1 = 1.4626 / 1.40 − 1
// = 0.044714...; with PO held the labour cost follows the wages.
TEST(WageAgreements, SocialChargesOnTopOfWages) {
  EXPECT_NEAR(labour_cost_change_with_po(0.03, 0.40, 0.42), 1.4626 / 1.40 - 1.0, 1e-12);
  EXPECT_NEAR(labour_cost_change_with_po(0.03, 0.40, 0.40), 0.03, 1e-12);
  EXPECT_THROW(labour_cost_change_with_po(0.03, 40.0, 0.40), InputError);
}
