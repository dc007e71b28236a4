#pragma once
/// @file answers.hpp
/// Answers drawn from an income statement: the required tax rate for a target (closed form, because revenue is
/// linear in the own rate and equalisation ignores the own rate), the single sustained change from a year, the
/// tax-rate equivalent of an amount in öre, the yearly cost of a tax change for a household, and the
/// across-the-board efficiency worth the same as an amount. docs/model.md §10.
#include <Eigen/Core>

#include "kommunbudget/limits.hpp"

#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// What the budget must achieve in a year.
enum class TargetKind {
  Result,                ///< årets resultat >= 0
  /// balanskravsresultat >= the restoration the year must achieve (IncomeStatement::restoration_required: the
  /// earlier deficits overdue or falling due in the year, after earlier restorations; 0 when none, so it is the
  /// plain "balanskravsresultat >= 0" then). Kommunallagen 11 kap. 5 and 12 §§; LKBR 11 kap. 10 §; docs/model.md §16.
  BalancedBudgetResult,
  ResultShare,           ///< result / (tax revenue + general grants) >= share (god ekonomisk hushållning)
  /// (result − one-off items) / (tax revenue + general grants) >= share: a result target without realisation
  /// gains and other jämförelsestörande poster (IncomeStatement::result_excluding_one_offs), docs/model.md §16.
  ResultExcludingOneOffsShare,
};

/// A target. `share` (fraction, e.g. 0.02 = 2 %) is used only by ResultShare and ResultExcludingOneOffsShare; allowed [−0.5, 0.5] (limits.hpp,
/// Target.share).
struct Target {
  TargetKind kind = TargetKind::Result;
  double share = 0.0;
};

/// Human-readable name of a target, e.g. "result >= 2.0 % of tax revenue and general grants".
std::string describe(const Target& target);

/// Shortfall of each year against the target, MSEK: how much must be added to the result for the target to be
/// met exactly (negative = margin). Shape (n_years,). The balanced-budget target's shortfall is
/// restoration_required − balanced_budget_result of the statement as projected.
Eigen::VectorXd target_gap_msek(const IncomeStatement& statement, const Target& target);

/// target_gap_msek into `out` (resized once to n_years; no other allocation), for loops over many statements
/// (Monte Carlo, docs/model.md §19). @throws InputError for a bad target.
void target_gap_into(const IncomeStatement& statement, const Target& target, Eigen::VectorXd& out);

/// The lowest own tax rate (kr per 100 kr) at which each year meets the target, every other line unchanged.
/// Shape (n_years,), base year included ("what rate would have balanced this budget"). For the balanced-budget
/// target the rates form a path on which every year from the base year meets its target, so no new deficit
/// arises: a year must restore only the deficits from before the base year that are overdue or fall due in it
/// (BalanceRequirement::opening_deficits; the reserve use held as projected). The deficits the projection itself
/// shows (e.g. a negative base year) are in target_gap_msek and required_sustained_change.
/// Plugging the rates back into the projection meets the target within 1e-6 MSEK.
/// @throws InputError for a share outside [−0.5, 0.5] or a rate outside [0, 100] kr per 100 kr (an impossible
///         target; the message names the year and the rate it would need).
Eigen::VectorXd required_tax_rate(const IncomeStatement& statement, const Target& target);

/// The single change of the rate (kr per 100 kr) from 1 January of `from_year`, sustained, that meets the target
/// in every year from `from_year` to the horizon (the largest of the yearly required changes; negative = room
/// to lower the rate). For the balanced-budget target the change also raises the earlier years' results, which
/// restore deficits sooner and so lower what later years must restore: the answer is the smallest change at which
/// every year from `from_year` meets its restoration with the deficits replayed (bisection to 1e-12 kr per 100 kr;
/// the reserve use held as projected). @throws InputError for a year outside the statement or an impossible target.
double required_sustained_change(const IncomeStatement& statement, const Target& target, int from_year);

/// required_sustained_change with caller-owned scratch vectors for the balanced-budget target's bisection (resized
/// once to n_years; no other allocation), for loops over many statements (Monte Carlo, docs/model.md §19).
double required_sustained_change_reusing(const IncomeStatement& statement, const Target& target, int from_year,
                                         Eigen::VectorXd& extra, Eigen::VectorXd& required);

/// Tax-rate equivalent of an amount: amount_msek / (tax_base_msek / 100) kr per 100 kr, expressed in öre
/// (1 kr = 100 öre). docs/model.md §10. @throws InputError for a non-positive tax base or non-finite amount.
double tax_rate_equivalent_ore(double amount_msek, double tax_base_msek);

/// What 1 öre on the rate (0.01 kr per 100 kr) raises on a tax base, MSEK: tax_base_msek / 10 000. The inverse of
/// tax_rate_equivalent_ore for 1 MSEK: tax_rate_equivalent_ore(one_ore_msek(B), B) = 1 öre (docs/model.md §10).
/// @throws InputError for a tax base that is not positive (limits.hpp, tax_rate_equivalent_ore.tax_base_msek).
double one_ore_msek(double tax_base_msek);

/// A rate or a change of the rate (kr per 100 kr) rounded up to whole öre (0.01 kr per 100 kr), the unit a council
/// sets: the smallest whole-öre value >= the value, so a required rate rounded this way still meets its target
/// (21.3649999 -> 21.37; -0.5214 -> -0.52). Differences below 1e-9 kr per 100 kr are float noise, not a need for one
/// more öre (21.36 stays 21.36). docs/model.md §10. @throws InputError for a value that is not finite.
double round_up_to_ore(double kr_per_100kr);

/// Tax-rate equivalents in öre of yearly amounts (shape (n_years,), MSEK) against the statement's tax base.
Eigen::VectorXd tax_rate_equivalent_ore(const IncomeStatement& statement, const Eigen::VectorXd& amounts_msek);

/// What a change of the rate costs a household with the given yearly taxable earned income (kr per year):
/// change/100 × income. @throws InputError for an income outside [0, 1e9] kr or a change outside [−10, 10].
double household_tax_change_kr(double change_kr_per_100kr, double taxable_income_kr);

/// Per year, whether the target is met: target_gap_msek <= kTargetToleranceMsek (limits.hpp, 1e-6 MSEK, the
/// tolerance of every "met" answer; docs/model.md §10). Shape (n_years,). @throws InputError for a bad target.
Eigen::Array<bool, Eigen::Dynamic, 1> target_met(const IncomeStatement& statement, const Target& target);

/// Per year, whether the balanced-budget requirement is met (kommunallagen 11 kap. 5 §): balanced_budget_result >=
/// −kTargetToleranceMsek. Shape (n_years,).
Eigen::Array<bool, Eigen::Dynamic, 1> balanced_budget_met(const IncomeStatement& statement);

/// The yearly saving (base-year MSEK, at full effect) of closing `share_closed` of a service area's gap: gap ×
/// share. Used by the scenario kinds nka_gap (the gap to the reference cost, net_cost_gap_msek) and area_gap (the
/// gap to peers, peer_gap_msek); docs/model.md §8.
/// @param gap_msek the gap, [0, 1e6] MSEK
/// @param share_closed fraction of the gap closed, [0, 1]
/// @throws InputError for a value outside its range (limits.hpp, gap_saving_msek), with the percent hint.
double gap_saving_msek(double gap_msek, double share_closed);

/// The yearly saving (base-year MSEK, at full effect) of a premises target: `share` of the total premises cost
/// (running cost + depreciation of the portfolio, base-year prices), e.g. Lomma's 10 %; docs/model.md §7.
/// @param total_premises_cost_msek [0, 1e5] MSEK
/// @param share fraction, [0, 1]
/// @throws InputError for a value outside its range (limits.hpp, premises_target_saving_msek).
double premises_target_saving_msek(double total_premises_cost_msek, double share);

/// The one-off across-the-board efficiency rate (fraction of that year's NET costs, persisting: the default base of
/// an EfficiencyMeasure, efficiency_net_share × operating costs before efficiency) whose saving in `year` equals
/// `amount_msek`. @throws InputError for a year outside the statement or a net share of 0 (no base).
double efficiency_rate_equivalent(const IncomeStatement& statement, int year, double amount_msek);

}  // namespace kommunbudget
