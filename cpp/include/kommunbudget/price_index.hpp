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

/// Yearly average wage increases from wage agreements (avtal) that take effect in month `start_month` of each year
/// (RULES.md §6: usually 1 April). A rise of x from month m counts (13 − m) / 12 × x in its own year and the rest,
/// (m − 1) / 12 × x, as the overhang (överhang) in the next year, so
///   average(y) = (m − 1) / 12 × rate(y − 1) + (13 − m) / 12 × rate(y)
/// (additive in the rates: the product of two rises, of the order 0.1 ‰, is left out). For m = 4: ¼ of last
/// year's rate + ¾ of this year's. Example (SKR–Kommunal 2025: 3.4 % 2025, 3.0 % 2026, from 1 April):
/// average 2026 = ¼ × 0.034 + ¾ × 0.030 = 0.031.
/// @param rates  agreed rates (fractions) for consecutive years; each must be within WageAgreement.rate's range.
/// @param start_month  1..12 (1 = January: no overhang, the average is the year's own rate).
/// @return averages for the years rates.first_year() + 1 .. rates.last_year() (each needs the year before), in a
///   series named "labour_cost_change"; for start_month 1 also the first year.
/// @throws InputError for an empty series, fewer than two years (unless start_month is 1), a rate or month outside
///   the limits table's range.
YearSeries wage_agreement_averages(const YearSeries& rates, int start_month);

/// Labour-cost change (arbetskraftskostnad incl. PO) of a year from the average wage change and the social-charges
/// rate (personalomkostnader, fraction of wages) of that year and the year before:
///   (1 + wage_change) × (1 + po_now) / (1 + po_before) − 1.
/// With PO held (po_now = po_before) it is the wage change itself. @throws InputError for a wage change outside
/// [−0.5, 0.5] or a PO rate outside [0, 1].
double labour_cost_change_with_po(double wage_change, double po_before, double po_now);

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
