#pragma once
/// @file capital.hpp
/// Investments, the depreciation of new investments, self-financing, borrowing and cash, and the interest on
/// pension provisions (docs/model.md §15). Amounts are nominal MSEK (positive quantities), rates fractions per year.
///
/// The pieces are pure functions (the depreciation schedule, the book value on a sale date, how a borrowing need
/// is met from cash and debt, the interest on new borrowing) so that each can be tested by hand; the Projector
/// flattens the plan once in its constructor and steps the balances year by year in run_into without allocating.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "kommunbudget/year_series.hpp"

namespace kommunbudget {

/// One class of fixed assets (anläggningstillgångar) with its depreciation period (avskrivningstid), e.g.
/// buildings 33 years, equipment 7 years. Each year's net investment is split over the classes by `share`.
struct DepreciationClass {
  std::string name;       ///< e.g. "buildings"
  double share = 1.0;     ///< share of each year's net investment in this class, [0, 1]; the shares sum to 1
  double years = 20.0;    ///< depreciation period, years, [1, 100] (a fraction of a year allowed)
};

/// The capital side of a base year: opening balances and how investments are depreciated (docs/model.md §15).
/// Every field has a row in the table of limits (structure "CapitalPlan").
struct CapitalPlan {
  /// Cash and bank (likvida medel) at the end of the base year, MSEK, >= 0.
  double opening_cash_msek = 0.0;
  /// Interest-bearing debt (långfristiga lån) at the end of the base year, MSEK; a negative value (−1) = not given
  /// (the debt shown is then the new borrowing only, and a disposal's interest saving keeps its old rule, capped
  /// at the financial costs).
  double opening_debt_msek = -1.0;
  /// Cash is used for a borrowing need down to this floor before the debt grows, MSEK, >= 0.
  double minimum_cash_msek = 0.0;
  /// Depreciation classes of new investments (shares summing to 1). Empty: no investments may be given.
  std::vector<DepreciationClass> depreciation_classes;
  /// The last year whose depreciation and financial costs are the budget's own figures (the last plan year; the
  /// base year when there is no plan; 0 = the base year). Investments of this year and later add modelled
  /// depreciation from the next year on, and interest on new borrowing counts only after this year.
  int plan_last_year = 0;
};

/// Straight-line depreciation (linjär avskrivning) of 1 MSEK invested, by years after the investment year:
/// kernel[j] for j = 0 .. n − 1, with kernel[0] = 0 (depreciation starts the year after the investment) and, for
/// each class of period P and share s, s / P in years 1 .. ⌊P⌋ and s × (P − ⌊P⌋) / P in year ⌊P⌋ + 1 (so each class
/// depreciates exactly its share). Resizes `kernel` to n.
/// @throws InputError for an empty list, a share or period outside its range, or shares not summing to 1 (±1e-6).
void depreciation_kernel(const std::vector<DepreciationClass>& classes, Eigen::Index n, Eigen::VectorXd& kernel);

/// A property's book value on the sale date (docs/model.md §7): the book value given is at 1 January of the base
/// year (the opening balance); it falls by the yearly depreciation for every year and month until the sale:
/// book_value − depreciation × ((year − base_year) + (month − 1) / 12), not below 0. MSEK.
double book_value_at_sale(double book_value_msek, double depreciation_msek, int base_year, int year, int month);

/// Cash and new debt at a point in time, MSEK.
struct CashAndDebt {
  double cash_msek = 0.0;      ///< likvida medel
  double new_debt_msek = 0.0;  ///< borrowing taken up in the projection years, net of repayments
};

/// How a year's borrowing need (lånebehov = investments − self-financing, MSEK) is met (docs/model.md §15): a need
/// first uses cash down to `minimum_cash_msek` and then raises the new debt; a surplus (a negative need) first
/// repays new debt and then adds to cash. The existing debt is not repaid from a surplus (its interest is in the
/// given financial costs). Returns the balances at the end of the year.
CashAndDebt meet_borrowing_need(CashAndDebt opening, double need_msek, double minimum_cash_msek);

/// Interest on new borrowing in a year after the plan (docs/model.md §15), MSEK: rate × max(0, (N_open + N_close)
/// / 2 − N_plan), i.e. on the opening new debt plus half of the year's change, above the new debt at the end of the
/// plan (N_plan: its interest is in the given financial costs). `rate` is a fraction per year.
double new_borrowing_interest(double rate, double new_debt_opening_msek, double new_debt_closing_msek,
                              double new_debt_at_plan_end_msek);

/// The interest on pension provisions (ränta på pensionsavsättning, MSEK) per year, base year first, shape (n,):
/// the given figure where `given` has the year, else the previous year's × (1 + growth[y]) (the income base amount's
/// growth, inkomstbasbelopp). Zero in every year when `given` is empty. Resizes `out` to n.
/// @throws InputError for a year that needs a growth and `growth` does not cover it, or a value out of range.
void pension_interest_path(const YearSeries& given, const YearSeries& growth, int base_year, Eigen::Index n,
                           Eigen::VectorXd& out);

}  // namespace kommunbudget
