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

/// Allowed range of a yearly growth rate: −50 % to +50 % a year covers every observed municipal series
/// (PKV components, tax base growth, volumes); anything outside is almost surely a unit error.
inline constexpr double kMinRate = -0.5;
inline constexpr double kMaxRate = 0.5;

}  // namespace kommunbudget
