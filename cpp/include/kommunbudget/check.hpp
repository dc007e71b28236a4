#pragma once
/// @file check.hpp
/// Always-on input checks (never compiled out). Each throws InputError with a message that names the field,
/// the year (if any), the offending value and the allowed range. The ranges come from the table of limits
/// (limits.hpp, docs/model.md §14); no check takes a range of its own.
#include <cmath>
#include <string>
#include <type_traits>

#include "kommunbudget/errors.hpp"
#include "kommunbudget/limits.hpp"

namespace kommunbudget {

/// Sentinel for "this value has no year" (a base-year scalar keeps its year in the field name instead).
inline constexpr int kNoYear = -1;

/// Formats "field[year] = value" (or "field = value" when year == kNoYear) for error messages.
std::string describe(const std::string& field, int year, double value);

/// Throws InputError unless `value` is finite. Message: "<field>[<year>] = nan is not a finite number".
void check_finite(const std::string& field, int year, double value);

/// Checks `value` against the row `limit` of the table of limits; `field` is the name shown in the message (a path
/// such as "fixed_savings[0] (name).amount_msek"), `year` the year shown (kNoYear: none).
///
/// Messages, by the row's kind (the wording of the checks this replaced, kept word for word):
/// - any kind, not finite: "<field>[<year>] = nan is not a finite number";
/// - amount or whole number: "... is outside the allowed range [lo, hi] <unit>"; with an open lower bound at 0 and a
///   value <= 0: "... must be positive (allowed range (0, hi] <unit>)";
/// - share: "... is outside the allowed range [0, 1] for a share", with "(a fraction is expected, not a percentage;
///   did you mean x/100?)" from 2 on (1.2 is as likely a typo for 0.12 as a percentage);
/// - fraction: "... is outside the allowed range [lo, hi] for <what>", the same percent hint when |x| >= 1 and x/100
///   is inside the range;
/// - tax rate: "... kr per 100 kr for a municipal tax rate", with "(kr per 100 kr is expected, not a fraction; did
///   you mean x×100?)" for a value in (0, 1);
/// - tax rate change: "... kr per 100 kr", with "(kr per 100 kr is expected, 0.50 = 50 öre; if you meant öre:
///   x/100)" when x/100 is inside the range.
/// A row with `negative_sentinel` accepts any negative finite value (the sentinel) without a range check.
/// @throws InputError as above.
void check_limit(const FieldLimit& limit, const std::string& field, int year, double value);

/// True when `value` passes the row: finite and inside the range, or a negative sentinel of a sentinel row.
/// Inline: the engines check every shocked value of every draw with it.
inline bool within_limit(const FieldLimit& limit, double value) {
  if (!std::isfinite(value)) return false;
  if (limit.negative_sentinel && value < 0.0) return true;
  const bool above_low = limit.low_open ? value > limit.low : value >= limit.low;
  const bool below_high = limit.high_open ? value < limit.high : value <= limit.high;
  return above_low && below_high;
}

/// check_limit with the field's name built only when the check fails (`name()` returns it): no string is built on
/// valid input, so a check inside a loop over measures allocates nothing.
template <typename NameFn, typename = std::enable_if_t<std::is_invocable_r_v<std::string, NameFn&>>>
void check_limit(const FieldLimit& limit, NameFn&& name, int year, double value) {
  if (!within_limit(limit, value)) check_limit(limit, std::string(name()), year, value);
}

/// check_limit with the row's own field name in the message. Inline: the projection checks its per-year inputs
/// with it (income equalisation, per draw in the engines); the name is built only on failure.
inline void check_limit(const FieldLimit& limit, int year, double value) {
  if (!within_limit(limit, value)) check_limit(limit, std::string(limit.field), year, value);
}

/// Checks a calendar year argument against the table's calendar-year range (YearSeries.year, [1900, 2200]).
/// Message: "<field> = <year> is outside the allowed range [1900, 2200]". @throws InputError.
void check_year(const std::string& field, int year);

/// Checks a whole-number field (a month, a ramp) against its row; message "<field> = <value> is outside the
/// allowed range [lo, hi]". @throws InputError.
void check_whole(const FieldLimit& limit, const std::string& field, int value);

/// The row of a yearly growth or price-change rate (fraction per year, [−0.5, 0.5]): PriceIndex.labour_cost_change.
/// For messages and ranges of a growth series that has no row of its own.
const FieldLimit& yearly_growth_limit();

}  // namespace kommunbudget
