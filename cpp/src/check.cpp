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
std::string unit_suffix(const std::string& unit) { return unit.empty() ? "" : " " + unit; }
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

void check_range(const std::string& field, int year, double value, double lo, double hi,
                 const std::string& unit) {
  check_finite(field, year, value);
  if (value < lo || value > hi) {
    throw InputError(fmt::format("{} is outside the allowed range [{:g}, {:g}]{}", describe(field, year, value),
                                 lo, hi, unit_suffix(unit)));
  }
}

void check_positive(const std::string& field, int year, double value, const std::string& unit) {
  check_finite(field, year, value);
  if (!(value > 0.0)) {
    throw InputError(
        fmt::format("{} must be positive (allowed range (0, inf){})", describe(field, year, value), unit_suffix(unit)));
  }
}

void check_non_negative(const std::string& field, int year, double value, const std::string& unit) {
  check_finite(field, year, value);
  if (value < 0.0) {
    throw InputError(fmt::format("{} must not be negative (allowed range [0, inf){})", describe(field, year, value),
                                 unit_suffix(unit)));
  }
}

void check_fraction(const std::string& field, int year, double value, double lo, double hi, const std::string& what) {
  check_finite(field, year, value);
  if (value < lo || value > hi) {
    std::string hint;
    const double scaled = value / 100.0;
    if (std::abs(value) >= 1.0 && scaled >= lo && scaled <= hi) {
      hint = fmt::format(" (a fraction is expected, not a percentage; did you mean {:g}?)", scaled);
    }
    throw InputError(fmt::format("{} is outside the allowed range [{:g}, {:g}] for {}{}", describe(field, year, value),
                                 lo, hi, what, hint));
  }
}

void check_rate(const std::string& field, int year, double value) {
  check_fraction(field, year, value, kMinRate, kMaxRate, "a yearly rate");
}

void check_share(const std::string& field, int year, double value) {
  // No hint below 2: 1.2 is as likely a typo for 0.12 as a percentage.
  if (std::isfinite(value) && value > 1.0 && value < 2.0) {
    throw InputError(fmt::format("{} is outside the allowed range [0, 1] for a share", describe(field, year, value)));
  }
  check_fraction(field, year, value, 0.0, 1.0, "a share");
}

void check_tax_rate(const std::string& field, int year, double value) {
  check_finite(field, year, value);
  if (value < kMinTaxRate || value > kMaxTaxRate) {
    std::string hint;
    if (value > 0.0 && value < 1.0) {
      hint = fmt::format(" (kr per 100 kr is expected, not a fraction; did you mean {:g}?)", value * 100.0);
    }
    throw InputError(fmt::format("{} is outside the allowed range [{:g}, {:g}] kr per 100 kr for a municipal tax rate{}",
                                 describe(field, year, value), kMinTaxRate, kMaxTaxRate, hint));
  }
}

}  // namespace kommunbudget
