#include "kommunbudget/year_series.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

namespace {
const FieldLimit& year_limit() {
  static const FieldLimit& row = field_limit("YearSeries", "year");
  return row;
}
}  // namespace

YearSeries::YearSeries(std::string field, const std::vector<int>& years, const std::vector<double>& values)
    : field_(std::move(field)) {
  if (years.size() != values.size()) {
    throw InputError(fmt::format("{}: {} years but {} values; expected one value per year", field_, years.size(),
                                 values.size()));
  }
  if (years.empty()) return;
  std::vector<std::size_t> order(years.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return years[a] < years[b]; });
  for (std::size_t i = 0; i < order.size(); ++i) {
    const int y = years[order[i]];
    if (y < year_limit().low || y > year_limit().high) {
      throw InputError(fmt::format("{}: year {} is outside the allowed range {}", field_, y, format_range(year_limit())));
    }
    if (i > 0) {
      const int prev = years[order[i - 1]];
      if (y == prev) throw InputError(fmt::format("{}: year {} is given twice; expected each year once", field_, y));
      if (y != prev + 1) {
        throw InputError(fmt::format("{}: year {} is missing (the series jumps from {} to {}); expected consecutive "
                                     "years",
                                     field_, prev + 1, prev, y));
      }
    }
    check_finite(field_, y, values[order[i]]);
  }
  first_year_ = years[order.front()];
  values_.reserve(values.size());
  for (std::size_t i : order) values_.push_back(values[i]);
}

YearSeries YearSeries::constant(std::string field, int first_year, int last_year, double value) {
  check_year(field + ": first_year", first_year);
  check_year(field + ": last_year", last_year);
  if (last_year < first_year) {
    throw InputError(fmt::format("{}: last year {} is before first year {}", field, last_year, first_year));
  }
  std::vector<int> years(static_cast<std::size_t>(last_year - first_year + 1));
  std::iota(years.begin(), years.end(), first_year);
  return YearSeries(std::move(field), years, std::vector<double>(years.size(), value));
}

YearSeries YearSeries::from_first(std::string field, int first_year, const std::vector<double>& values) {
  std::vector<int> years(values.size());
  std::iota(years.begin(), years.end(), first_year);
  return YearSeries(std::move(field), years, values);
}

double YearSeries::at(int year) const {
  if (!has(year)) {
    if (empty()) throw InputError(fmt::format("{}: no value for year {} (the series is empty)", field_, year));
    throw InputError(fmt::format("{}: no value for year {} (the series covers {}-{})", field_, year, first_year_,
                                 last_year()));
  }
  return values_[static_cast<std::size_t>(year - first_year_)];
}

void YearSeries::require_years(int from, int to) const {
  for (int y = from; y <= to; ++y) {
    if (!has(y)) {
      if (empty()) {
        throw InputError(fmt::format("{}: year {} is missing (the series is empty; years {}-{} are needed)", field_, y,
                                     from, to));
      }
      throw InputError(fmt::format("{}: year {} is missing (the series covers {}-{}; years {}-{} are needed)", field_,
                                   y, first_year_, last_year(), from, to));
    }
  }
}

std::vector<int> YearSeries::years() const {
  std::vector<int> out(values_.size());
  std::iota(out.begin(), out.end(), first_year_);
  return out;
}

void YearSeries::copy_range(int from, int to, double* out) const {
  require_years(from, to);
  std::copy(values_.begin() + (from - first_year_), values_.begin() + (to - first_year_ + 1), out);
}

YearSeries YearSeries::with_value(int year, double value) const {
  std::vector<int> ys = years();
  std::vector<double> vs = values_;
  if (has(year)) {
    vs[static_cast<std::size_t>(year - first_year_)] = value;
  } else if (empty() || year == last_year() + 1) {
    ys.push_back(year);
    vs.push_back(value);
  } else if (year == first_year_ - 1) {
    ys.insert(ys.begin(), year);
    vs.insert(vs.begin(), value);
  } else {
    throw InputError(fmt::format("{}: cannot set year {}; the series covers {}-{} and years must stay consecutive",
                                 field_, year, first_year_, last_year()));
  }
  return YearSeries(field_, ys, vs);
}

YearSeries chain(double base_amount, int base_year, const YearSeries& change, int to_year) {
  check_year("base_year", base_year);
  check_year("to_year", to_year);
  check_finite("base_amount", base_year, base_amount);
  if (to_year < base_year) {
    throw InputError(fmt::format("horizon = {} is before the base year {}", to_year, base_year));
  }
  change.require_years(base_year + 1, to_year);
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(to_year - base_year + 1));
  double amount = base_amount;
  out.push_back(amount);
  for (int y = base_year + 1; y <= to_year; ++y) {
    const double c = change.at(y);
    check_limit(yearly_growth_limit(), change.field(), y, c);
    amount *= 1.0 + c;
    out.push_back(amount);
  }
  return YearSeries::from_first("chained " + change.field(), base_year, out);
}

}  // namespace kommunbudget
