#pragma once
/// @file answers.hpp
/// Answers drawn from an income statement: the required tax rate for a target (closed form, because revenue is
/// linear in the own rate and equalisation ignores the own rate), the single sustained change from a year, the
/// tax-rate equivalent of an amount in öre, the yearly cost of a tax change for a household, and the
/// across-the-board efficiency worth the same as an amount. docs/model.md §10.
#include <Eigen/Core>

#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// What the budget must achieve in a year.
enum class TargetKind {
  Result,                ///< årets resultat >= 0
  BalancedBudgetResult,  ///< balanskravsresultat >= 0 (kommunallagen 11 kap.; LKBR 11 kap. 10 §)
  ResultShare,           ///< result / (tax revenue + general grants) >= share (god ekonomisk hushållning)
};

/// A target. `share` (fraction, e.g. 0.02 = 2 %) is used only by ResultShare; allowed [−0.5, 0.5].
struct Target {
  TargetKind kind = TargetKind::Result;
  double share = 0.0;
};

/// Human-readable name of a target, e.g. "result >= 2.0 % of tax revenue and general grants".
std::string describe(const Target& target);

/// Shortfall of each year against the target, MSEK: how much must be added to the result for the target to be
/// met exactly (negative = margin). Shape (n_years,).
Eigen::VectorXd target_gap_msek(const IncomeStatement& statement, const Target& target);

/// The lowest own tax rate (kr per 100 kr) at which each year meets the target, every other line unchanged.
/// Shape (n_years,), base year included ("what rate would have balanced this budget").
/// Plugging the rates back into the projection meets the target within 1e-6 MSEK.
/// @throws InputError for a share outside [−0.5, 0.5] or a rate outside [0, 100] kr per 100 kr (an impossible
///         target; the message names the year and the rate it would need).
Eigen::VectorXd required_tax_rate(const IncomeStatement& statement, const Target& target);

/// The single change of the rate (kr per 100 kr) from 1 January of `from_year`, sustained, that meets the target
/// in every year from `from_year` to the horizon (the largest of the yearly required changes; negative = room
/// to lower the rate). @throws InputError for a year outside the statement or an impossible target.
double required_sustained_change(const IncomeStatement& statement, const Target& target, int from_year);

/// Tax-rate equivalent of an amount: amount_msek / (tax_base_msek / 100) kr per 100 kr, expressed in öre
/// (1 kr = 100 öre). docs/model.md §10. @throws InputError for a non-positive tax base or non-finite amount.
double tax_rate_equivalent_ore(double amount_msek, double tax_base_msek);

/// Tax-rate equivalents in öre of yearly amounts (shape (n_years,), MSEK) against the statement's tax base.
Eigen::VectorXd tax_rate_equivalent_ore(const IncomeStatement& statement, const Eigen::VectorXd& amounts_msek);

/// What a change of the rate costs a household with the given yearly taxable earned income (kr per year):
/// change/100 × income. @throws InputError for an income outside [0, 1e9] kr or a change outside [−10, 10].
double household_tax_change_kr(double change_kr_per_100kr, double taxable_income_kr);

/// The one-off across-the-board efficiency rate (fraction of that year's operating costs, persisting) whose
/// saving in `year` equals `amount_msek`. @throws InputError for a year outside the statement.
double efficiency_rate_equivalent(const IncomeStatement& statement, int year, double amount_msek);

}  // namespace kommunbudget
