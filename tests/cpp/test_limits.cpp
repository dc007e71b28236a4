// The table of limits: its rows, the lookup, and the messages the checks build from it.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

#include "fixtures.hpp"

using namespace kommunbudget;

namespace {
std::string message_of(const FieldLimit& row, const std::string& field, int year, double value) {
  try {
    check_limit(row, field, year, value);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Limits, EveryRowIsWellFormedAndUnique) {
  const std::set<std::string> units = {"fraction", "fraction per year", "MSEK", "kr per 100 kr", "kr per inhabitant",
                                       "inhabitants", "households", "persons", "m²", "months", "years", "percent",
                                       "calendar year", "kr per year", "factor", "draws", "samples",
                                       "number", "bins", "cells", "threads"};
  std::set<std::string> keys;
  for (const FieldLimit& row : field_limits()) {
    const std::string key = std::string(row.structure) + "." + row.field;
    EXPECT_TRUE(keys.insert(key).second) << key << " twice";
    EXPECT_LE(row.low, row.high) << key;
    EXPECT_TRUE(units.count(row.unit)) << key << ": " << row.unit;
    EXPECT_GT(std::string(row.description).size(), 5u) << key;
  }
  // One table per input structure of the core (docs/model.md §14).
  for (const char* s : {"BaseYearState", "CostLine", "GrantItem", "IncomeEqualisation", "PriceIndex", "Assumptions",
                        "TaxChange", "EfficiencyMeasure", "EarnedIncomeChange", "WorkLinePolicy", "Property",
                        "Disposal", "FixedSaving", "Target", "PlanYear", "Projection", "YearSeries", "WageAgreement",
                        "Vintage"}) {
    bool found = false;
    for (const FieldLimit& row : field_limits()) found = found || std::string(row.structure) == s;
    EXPECT_TRUE(found) << s;
  }
}

TEST(Limits, LookupAndUnknownNames) {
  const FieldLimit& r = field_limit("FixedSaving", "amount_msek");
  EXPECT_EQ(r.low, 0.0);
  EXPECT_EQ(r.high, 1.0e5);
  EXPECT_STREQ(r.unit, "MSEK");
  EXPECT_TRUE(field_limit("Disposal", "price_msek").negative_sentinel);
  EXPECT_TRUE(field_limit("CostLine", "labour_share").negative_sentinel);
  EXPECT_FALSE(field_limit("Property", "vacancy").negative_sentinel);
  try {
    field_limit("FixedSaving", "amount");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'FixedSaving' has no field 'amount'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("amount_msek"), std::string::npos);
  }
  try {
    field_limit("Saving", "amount_msek");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'Saving' is not a structure"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("WorkLinePolicy"), std::string::npos);
  }
  EXPECT_EQ(format_range(field_limit("BaseYearState", "tax_base_msek")), "(0, 1e+08]");
  EXPECT_EQ(format_range(field_limit("tax_rate_equivalent_ore", "tax_base_msek")), "(0, inf)");
}

TEST(Limits, MessagesKeepTheirWording) {
  EXPECT_EQ(message_of(field_limit("Assumptions", "tax_base_growth"), "tax_base_growth", 2026, 4.6),
            "tax_base_growth[2026] = 4.6 is outside the allowed range [-0.5, 0.5] for a yearly rate (a fraction is "
            "expected, not a percentage; did you mean 0.046?)");
  EXPECT_EQ(message_of(field_limit("WorkLinePolicy", "target_reduction"), "x.target_reduction", 2026, 1.5),
            "x.target_reduction[2026] = 1.5 is outside the allowed range [0, 1] for a share");
  EXPECT_EQ(message_of(field_limit("WorkLinePolicy", "target_reduction"), "x.target_reduction", 2026, 20.0),
            "x.target_reduction[2026] = 20 is outside the allowed range [0, 1] for a share (a fraction is expected, "
            "not a percentage; did you mean 0.2?)");
  EXPECT_EQ(message_of(field_limit("Assumptions", "tax_rate_kr_per_100kr"), "tax_rate_kr_per_100kr", 2026, 0.2092),
            "tax_rate_kr_per_100kr[2026] = 0.2092 is outside the allowed range [5, 50] kr per 100 kr for a municipal "
            "tax rate (kr per 100 kr is expected, not a fraction; did you mean 20.92?)");
  EXPECT_EQ(message_of(field_limit("TaxChange", "change_kr_per_100kr"), "tax_changes[0].change_kr_per_100kr", 2026,
                       50.0),
            "tax_changes[0].change_kr_per_100kr[2026] = 50 is outside the allowed range [-10, 10] kr per 100 kr (kr "
            "per 100 kr is expected, 0.50 = 50 öre; if you meant öre: 0.5)");
  EXPECT_EQ(message_of(field_limit("Property", "book_value_msek"), "p.property.book_value_msek", 2026, -8.0),
            "p.property.book_value_msek[2026] = -8 is outside the allowed range [0, 100000] MSEK");
  EXPECT_EQ(message_of(field_limit("Disposal", "debt_interest_rate"), "p.debt_interest_rate", 2026, 3.0),
            "p.debt_interest_rate[2026] = 3 is outside the allowed range [0, 0.2] for an interest rate (a fraction is "
            "expected, not a percentage; did you mean 0.03?)");
  EXPECT_EQ(message_of(field_limit("FixedSaving", "start_month"), "f.start_month", kNoYear, 13),
            "f.start_month = 13 is outside the allowed range [1, 12]");
  EXPECT_EQ(message_of(field_limit("implied_tax_base_msek", "tax_base_msek"), "implied tax_base_msek", 2024, -1.0),
            "implied tax_base_msek[2024] = -1 must be positive (allowed range (0, inf) MSEK)");
  EXPECT_EQ(message_of(field_limit("Disposal", "price_msek"), "p", 2026, -1.0), "");  // the sentinel
  EXPECT_EQ(message_of(field_limit("Disposal", "price_msek"), "p", 2026, NAN), "p[2026] = nan is not a finite number");
  // The percent hint only where the fraction it suggests is allowed.
  EXPECT_EQ(message_of(field_limit("Disposal", "debt_interest_rate"), "r", kNoYear, 30.0),
            "r = 30 is outside the allowed range [0, 0.2] for an interest rate");
}

TEST(Limits, YearArgumentsUseTheCalendarRange) {
  EXPECT_THROW(check_year("year", 1899), InputError);
  EXPECT_NO_THROW(check_year("year", 2200));
  const Projector p(kbtest::with_zero_volume(kbtest::sjobo_2024(), 2025, 2026), kbtest::flat_assumptions(2025, 2026),
                    2026);
  EXPECT_THROW(driver_bridge(p, Measures{}, 100000), InputError);
  EXPECT_THROW(p.assumptions().price_index.factor(2024, 1000000), InputError);
  EXPECT_THROW(YearSeries::constant("x", 2024, 3000, 0.0), InputError);
}
