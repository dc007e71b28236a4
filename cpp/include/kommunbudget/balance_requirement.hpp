#pragma once
/// @file balance_requirement.hpp
/// The balanced-budget requirement over the years (balanskravet, kommunallagen 2017:725 11 kap.), docs/model.md
/// §16: restoration of negative balanced-budget results within three years (11 kap. 12 §), the result reserve
/// (resultatreserv from 2024, resultatutjämningsreserv RUR 2013-2023; 11 kap. 14 §) and the result without
/// one-off items (jämförelsestörande poster). Source of the rules: python/kommunbudget/data/files/RULES.md §7.
///
/// The inputs live in BaseYearState::balance_requirement; apply_balance_requirement() runs once after the
/// projection's yearly loop on the statement's own rows. It allocates nothing (a fixed-size state of three
/// deficits plus the overdue sum), so Projector::run_into stays allocation-free.
#include <vector>

#include <Eigen/Core>

namespace kommunbudget {

struct IncomeStatement;

/// A negative balanced-budget result of a year before the base year that is not yet restored (ej återställt
/// balanskravsunderskott), as the latest annual report's balanskravsutredning shows it.
struct OpeningDeficit {
  int year = 0;              ///< the year of origin (the year with the negative result), before the base year
  double amount_msek = 0.0;  ///< the part not yet restored at the start of the base year, MSEK, > 0
};

/// The inputs of the balanced-budget requirement over the years (docs/model.md §16). Defaults: no deficit from
/// before the base year, an empty reserve, no negative equity, no automatic reserve use: defaults, not data.
struct BalanceRequirement {
  /// Deficits from before the base year not yet restored. A deficit of year y falls due in y + 3 (KL 11 kap.
  /// 12 §); one older than base − 3 is already overdue at the start of the base year. Years must differ.
  std::vector<OpeningDeficit> opening_deficits;
  /// The result reserve (resultatreserv; RUR before 2024) at the start of the base year, MSEK, >= 0.
  double opening_reserve_msek = 0.0;
  /// Negative equity including the pension obligations outside the balance sheet: the reservation threshold is
  /// then 2 % instead of 1 % of tax revenue + general grants (KL 11 kap. 14 §).
  bool negative_equity = false;
  /// Withdraw automatically from the reserve to cover a negative result after balanced-budget adjustments, up to
  /// zero and at most the balance, in years whose reserve use is not given (the given value is 0). A council
  /// decision in reality (fullmäktige's guidelines): off by default.
  bool withdraw_from_reserve = false;
  /// Reserve automatically what the rules allow, after the outstanding deficits are restored (Malmö 2015,
  /// RULES.md §7), in years whose reserve use is not given (0). A council decision: off by default.
  bool reserve_surplus = false;

  /// Checks every field against the table of limits (structures BalanceRequirement, OpeningDeficit): each
  /// deficit's year in [2000, base_year − 1] and unique, amounts and balance in range.
  /// @throws InputError naming the field, the value and the allowed range.
  void validate(int base_year) const;
};

/// The first year of the result reserve's 5 % cap (resultatreserv, prop. 2022/23:119, from räkenskapsåret 2024);
/// before it the RUR rules (prop. 2011/12:172) without a cap apply.
inline constexpr int kResultReserveFirstYear = 2024;
/// The first year of the balanced-budget requirement (kommunallagen 1991:900 8 kap. 5 § as amended by SFS
/// 1997:1114, from räkenskapsåret 2000): the earliest year of origin of a deficit to restore.
inline constexpr int kBalanceRequirementFirstYear = 2000;
/// The first year a reservation is possible at all (RUR, from 2013).
inline constexpr int kReserveFirstYear = 2013;
/// Reservation threshold, fraction of tax revenue + general grants: 1 %, or 2 % with negative equity.
inline constexpr double kReserveThreshold = 0.01;
inline constexpr double kReserveThresholdNegativeEquity = 0.02;
/// The reserve's cap from 2024, fraction of tax revenue + general grants (5 %).
inline constexpr double kReserveCap = 0.05;
/// Years after the year of origin within which a deficit must be restored (KL 11 kap. 12 §).
inline constexpr int kRestorationYears = 3;

/// The deficits still to restore at the start of the base year (MSEK, each >= 0): [0] overdue (origin before
/// base − 3), [1] origin base − 3 (due in the base year), [2] base − 2, [3] base − 1.
/// @throws InputError as BalanceRequirement::validate.
Eigen::Vector4d opening_deficit_state(const BalanceRequirement& inputs, int base_year);

/// One pass over the years of `out` (docs/model.md §16). Reads result, realisation_gains,
/// other_balance_adjustments, reserve_use (the given uses), tax_revenue, general_grants and the one-off rows;
/// writes reserve_use (automatic uses in years without a given one), balanced_budget_result and every
/// balance-requirement row. Allocates nothing.
void apply_balance_requirement(const BalanceRequirement& inputs, IncomeStatement& out);

/// The restoration each year must achieve (MSEK, shape (n_years,)) when the balanced-budget results are
/// `balanced_budget_result` + `extra` (extra: MSEK added per year, e.g. a tax change): the deficits overdue or
/// falling due in the year, after the earlier years' positive results restored the oldest first. `opening` is
/// opening_deficit_state(). Used by the answers to solve with the restoration (answers.hpp).
void restoration_required(const Eigen::Vector4d& opening, const Eigen::VectorXd& balanced_budget_result,
                          const Eigen::VectorXd& extra, Eigen::VectorXd& required);

}  // namespace kommunbudget
