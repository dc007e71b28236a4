#pragma once
/// @file check.hpp
/// Always-on input checks (never compiled out). Each throws InputError with a message that names the field,
/// the year (if any), the offending value and the allowed range.
#include <string>

#include "kommunbudget/errors.hpp"

namespace kommunbudget {

/// Sentinel for "this value has no year" (a base-year scalar keeps its year in the field name instead).
inline constexpr int kNoYear = -1;

/// Formats "field[year] = value" (or "field = value" when year == kNoYear) for error messages.
std::string describe(const std::string& field, int year, double value);

/// Throws InputError unless `value` is finite. Message: "<field>[<year>] = nan is not a finite number".
void check_finite(const std::string& field, int year, double value);

/// Throws InputError unless lo <= value <= hi (and value is finite). `unit` is appended to the range,
/// e.g. "MSEK" or "kr per 100 kr".
void check_range(const std::string& field, int year, double value, double lo, double hi,
                 const std::string& unit = "");

/// Throws InputError unless `value` is a finite positive number.
void check_positive(const std::string& field, int year, double value, const std::string& unit = "");

/// Throws InputError unless `value` is finite and >= 0.
void check_non_negative(const std::string& field, int year, double value, const std::string& unit = "");

/// Checks a yearly growth or price-change rate given as a FRACTION (0.046 = 4.6 %), allowed range
/// [kMinRate, kMaxRate]. A value that looks like a percentage (e.g. 4.6) gets the hint
/// "fraction expected; did you mean 0.046?".
void check_rate(const std::string& field, int year, double value);

/// Checks a share or weight given as a FRACTION in [0, 1]; a value in (1, 100] gets the percent hint.
void check_share(const std::string& field, int year, double value);

/// Checks a fraction with allowed range [lo, hi]; a value that looks like a percentage (value / 100 in range, and
/// |value| >= 1) gets the hint "a fraction is expected; did you mean value / 100?". `what` names the kind, e.g.
/// "an efficiency rate".
void check_fraction(const std::string& field, int year, double value, double lo, double hi, const std::string& what);

/// Checks an own municipal tax rate in kr per 100 kr, allowed [kMinTaxRate, kMaxTaxRate]; a value below 1 gets the
/// hint "kr per 100 kr is expected, not a fraction; did you mean value × 100?".
void check_tax_rate(const std::string& field, int year, double value);

/// Allowed range of an own municipal tax rate, kr per 100 kr. Swedish municipal rates run from about 15 to 24.5
/// (SCB, skattesatser 2024-2026) and Gotland's whole rate is 33.60; [5, 50] leaves room for any scenario while
/// catching fractions (0.2092) and totals with a unit error.
inline constexpr double kMinTaxRate = 5.0;
inline constexpr double kMaxTaxRate = 50.0;

/// Allowed range of a yearly growth rate: −50 % to +50 % a year covers every observed municipal series
/// (PKV components, tax base growth, volumes); anything outside is almost surely a unit error.
inline constexpr double kMinRate = -0.5;
inline constexpr double kMaxRate = 0.5;

}  // namespace kommunbudget
