#pragma once
/// @file year_series.hpp
/// A series of values indexed by calendar year. Every value knows its year; positions are never trusted:
/// construction requires one value per year, consecutive years, no duplicates, no gaps, finite values.
#include <string>
#include <vector>

namespace kommunbudget {

/// Values over consecutive calendar years (first_year, first_year + 1, ..., last_year).
///
/// Shape: n values for n consecutive years. The unit is the field's (named in `field`, e.g.
/// "tax_base_growth" is a fraction per year, "general_grants_msek" is nominal MSEK).
/// An empty series (default-constructed) means "not given"; callers decide what that means and say so.
class YearSeries {
 public:
  YearSeries() = default;

  /// Builds a series from parallel arrays of years and values, given in any order.
  /// @throws InputError if sizes differ, a year is duplicated, years are not consecutive (a missing year is
  ///         named), a year is outside [1900, 2200], or a value is NaN or infinite (field and year named).
  YearSeries(std::string field, const std::vector<int>& years, const std::vector<double>& values);

  /// A series with the same value in every year from first to last (inclusive).
  /// @throws InputError if last < first or value is not finite.
  static YearSeries constant(std::string field, int first_year, int last_year, double value);

  /// A series from consecutive values starting at first_year.
  static YearSeries from_first(std::string field, int first_year, const std::vector<double>& values);

  bool empty() const { return values_.empty(); }
  int first_year() const { return first_year_; }
  /// Last year covered; only meaningful when !empty().
  int last_year() const { return first_year_ + static_cast<int>(values_.size()) - 1; }
  std::size_t size() const { return values_.size(); }
  const std::string& field() const { return field_; }
  bool has(int year) const { return !empty() && year >= first_year_ && year <= last_year(); }

  /// The value of `year`. @throws InputError naming the field and the year if the year is not covered.
  double at(int year) const;

  /// @throws InputError naming the field and the first missing year unless every year in [from, to] is covered.
  void require_years(int from, int to) const;

  /// The years, ascending.
  std::vector<int> years() const;
  const std::vector<double>& values() const { return values_; }

  /// Copies the values of years [from, to] into out[0 .. to-from]. @throws InputError if a year is missing.
  void copy_range(int from, int to, double* out) const;

  /// A copy with `year` set to `value` (the year must be covered or adjacent to the ends).
  YearSeries with_value(int year, double value) const;

 private:
  std::string field_;
  int first_year_ = 0;
  std::vector<double> values_;
};

/// Chains yearly changes onto an amount: amount[base_year] = base_amount and
/// amount[t] = amount[t − 1] × (1 + change[t]) for t in (base_year, to_year].
/// Example: 100 uprated 3 %, 2.5 %, 2 % gives 103.0, 105.575, 107.6865.
/// @param change fractions per year (checked with check_rate); must cover base_year + 1 .. to_year.
/// @returns a series over base_year .. to_year, in the unit of base_amount.
/// @throws InputError for a missing year, a non-finite amount, a rate outside [−0.5, 0.5], to_year < base_year.
YearSeries chain(double base_amount, int base_year, const YearSeries& change, int to_year);

}  // namespace kommunbudget
