#pragma once
/// @file price_index.hpp
/// SKR's price index for municipal activities (PKV, prisindex för kommunal verksamhet): a labour-cost index
/// (arbetskraftskostnad, hourly wages incl. social charges) and an other-consumption index (övrig förbrukning),
/// weighted by the labour share of municipal costs, published per year (e.g. 2024: 69.1 % labour).
/// Source of the rule: SKR, "PKV" (skr.se, prisindex); docs/model.md §2.
#include "kommunbudget/year_series.hpp"

namespace kommunbudget {

/// PKV for one year: labour_weight × labour_change + (1 − labour_weight) × other_change.
/// All arguments and the result are fractions (0.055 = 5.5 %). Example (SKR 2023): 0.686 × 0.066 + 0.314 × 0.045
/// = 0.05941 ≈ 5.9 %. @throws InputError for non-finite values, a weight outside [0, 1], rates outside [−0.5, 0.5].
double pkv_change(double labour_change, double other_change, double labour_weight);

/// The yearly components of PKV, as fractions per year (PKV, arbetskraftskostnad, övrig förbrukning, vikter).
struct PriceIndex {
  YearSeries labour_cost_change = YearSeries("labour_cost_change", {}, {});  ///< labour-cost change per year, fraction (labour_cost_index)
  YearSeries other_cost_change = YearSeries("other_cost_change", {}, {});   ///< other-consumption change per year, fraction (other_cost_index)
  YearSeries labour_weight = YearSeries("labour_weight", {}, {});       ///< labour weight per year, fraction in [0, 1]

  /// @throws InputError unless all three series cover [from, to] with valid rates and weights in [0, 1].
  void validate(int from, int to) const;

  /// PKV of `year` as a fraction. @throws InputError if a component is missing for the year.
  double pkv(int year) const;

  /// Price change of a cost line with labour share `labour_share` (fraction) in `year`:
  /// labour_share × labour + (1 − labour_share) × other. With labour_share equal to the year's labour weight
  /// this is PKV itself.
  double price_change(int year, double labour_share) const;

  /// Same as price_change, using the year's published labour weight (i.e. PKV).
  double price_change(int year) const { return pkv(year); }

  /// Chained price factor from the price level of `from_year` to that of `to_year` (product of (1 + price
  /// change) over years from_year + 1 .. to_year); 1 when to_year == from_year; the inverse when
  /// to_year < from_year (deflating). `labour_share` < 0 means "use each year's published weight" (PKV).
  double factor(int from_year, int to_year, double labour_share = -1.0) const;

  /// An amount given in the fixed price level of `price_year` (MSEK or kr), expressed at the price level of
  /// `to_year`: amount × factor(price_year, to_year, labour_share).
  double uprate(double amount, int price_year, int to_year, double labour_share = -1.0) const;
};

}  // namespace kommunbudget
