#include "kommunbudget/check.hpp"

#include <cmath>

#include <fmt/format.h>

namespace kommunbudget {

namespace {
std::string fmt_value(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{:g}", value);
}
std::string suffix(const char* note) { return note[0] == '\0' ? "" : fmt::format(" {}", note); }
bool inside(const FieldLimit& l, double v) {
  const bool above_low = l.low_open ? v > l.low : v >= l.low;
  const bool below_high = l.high_open ? v < l.high : v <= l.high;
  return above_low && below_high;
}
}  // namespace

std::string describe(const std::string& field, int year, double value) {
  if (year == kNoYear) return fmt::format("{} = {}", field, fmt_value(value));
  return fmt::format("{}[{}] = {}", field, year, fmt_value(value));
}

void check_finite(const std::string& field, int year, double value) {
  if (!std::isfinite(value)) {
    throw InputError(fmt::format("{} is not a finite number", describe(field, year, value)));
  }
}

void check_limit(const FieldLimit& l, const std::string& field, int year, double value) {
  check_finite(field, year, value);
  if (l.negative_sentinel && value < 0.0) return;
  if (inside(l, value)) return;
  const std::string d = describe(field, year, value);
  const std::string range = format_range(l);
  std::string hint;
  switch (l.kind) {
    case LimitKind::Amount:
    case LimitKind::WholeNumber:
      if (l.low_open && l.low == 0.0 && value <= 0.0) {
        throw InputError(fmt::format("{} must be positive (allowed range {}{})", d, range, suffix(l.message_note)));
      }
      break;
    case LimitKind::Share:
    case LimitKind::Fraction: {
      const double scaled = value / 100.0;
      // No hint for a share below 2: 1.2 is as likely a typo for 0.12 as a percentage.
      const double hint_from = l.kind == LimitKind::Share ? 2.0 : 1.0;
      if (std::abs(value) >= hint_from && inside(l, scaled)) {
        hint = fmt::format(" (a fraction is expected, not a percentage; did you mean {:g}?)", scaled);
      }
      break;
    }
    case LimitKind::TaxRate:
      if (value > 0.0 && value < 1.0) {
        hint = fmt::format(" (kr per 100 kr is expected, not a fraction; did you mean {:g}?)", value * 100.0);
      }
      break;
    case LimitKind::TaxRateChange:
      if (inside(l, value / 100.0)) {
        hint = fmt::format(" (kr per 100 kr is expected, 0.50 = 50 öre; if you meant öre: {:g})", value / 100.0);
      }
      break;
  }
  throw InputError(fmt::format("{} is outside the allowed range {}{}{}", d, range, suffix(l.message_note), hint));
}

void check_whole(const FieldLimit& limit, const std::string& field, int value) {
  check_limit(limit, field, kNoYear, static_cast<double>(value));
}

void check_year(const std::string& field, int year) {
  static const FieldLimit& row = field_limit("YearSeries", "year");
  check_whole(row, field, year);
}

const FieldLimit& yearly_growth_limit() {
  static const FieldLimit& row = field_limit("PriceIndex", "labour_cost_change");
  return row;
}

}  // namespace kommunbudget
