#include "kommunbudget/answers.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kommunbudget/balance_requirement.hpp"
#include "kommunbudget/check.hpp"
#include "deficit_state.hpp"

namespace kommunbudget {

namespace {
// The range of a rate that can be levied at all (kr per 100 kr): not the range of an input tax rate.
const FieldLimit& leviable_rate() {
  static const FieldLimit& row = field_limit("required_tax_rate", "tax_rate_kr_per_100kr");
  return row;
}

void check_target(const Target& target) {
  static const FieldLimit& share = field_limit("Target", "share");
  if (target.kind == TargetKind::ResultShare || target.kind == TargetKind::ResultExcludingOneOffsShare) {
    check_limit(share, "target.share", kNoYear, target.share);
  }
}

// The restoration year k must achieve on the path where every year from the base year meets the balanced-budget
// target (its result restores exactly what falls due, so no new deficit arises): the deficits from before the
// base year that are overdue or fall due in year k.
double path_restoration(const IncomeStatement& s, Eigen::Index k) {
  const Eigen::Vector4d& o = s.opening_deficit_state;
  return k == 0 ? o[0] + o[1] : k == 1 ? o[2] : k == 2 ? o[3] : 0.0;
}

// Change of the rate (kr per 100 kr) that makes year k meet the target exactly.
double required_change(const IncomeStatement& s, const Target& target, Eigen::Index k) {
  const double per_kr = s.tax_base[k] / 100.0;  // MSEK per kr on the rate
  switch (target.kind) {
    case TargetKind::Result:
      return -s.result[k] / per_kr;
    case TargetKind::BalancedBudgetResult:
      return (path_restoration(s, k) - s.balanced_budget_result[k]) / per_kr;
    case TargetKind::ResultShare: {
      // result + d·B >= share·(tax + grants + d·B)  ⇔  d·B·(1 − share) >= share·(tax + grants) − result
      const double gap = target.share * (s.tax_revenue[k] + s.general_grants[k]) - s.result[k];
      return gap / ((1.0 - target.share) * per_kr);
    }
    case TargetKind::ResultExcludingOneOffsShare: {
      // The same with the result without one-off items (a tax change is not one: it adds d·B to both).
      const double gap = target.share * (s.tax_revenue[k] + s.general_grants[k]) - s.result_excluding_one_offs[k];
      return gap / ((1.0 - target.share) * per_kr);
    }
  }
  throw InputError("target.kind is not a known target");
}

void check_required_rate(const IncomeStatement& s, const Target& target, Eigen::Index k, double rate) {
  if (!within_limit(leviable_rate(), rate)) {
    throw InputError(fmt::format("impossible target: {} in {} would need a tax rate of {:.2f} kr per 100 kr; a rate "
                                 "must be in {}",
                                 describe(target), s.years[static_cast<std::size_t>(k)], rate,
                                 format_range(leviable_rate())));
  }
}
}  // namespace

std::string describe(const Target& target) {
  switch (target.kind) {
    case TargetKind::Result:
      return "result >= 0";
    case TargetKind::BalancedBudgetResult:
      return "balanced-budget result >= restoration due (0 if none)";
    case TargetKind::ResultShare:
      return fmt::format("result >= {:.1f} % of tax revenue and general grants", target.share * 100.0);
    case TargetKind::ResultExcludingOneOffsShare:
      return fmt::format("result excl. one-off items >= {:.1f} % of tax revenue and general grants",
                         target.share * 100.0);
  }
  return "unknown target";
}

Eigen::VectorXd target_gap_msek(const IncomeStatement& statement, const Target& target) {
  Eigen::VectorXd gap;
  target_gap_into(statement, target, gap);
  return gap;
}

void target_gap_into(const IncomeStatement& statement, const Target& target, Eigen::VectorXd& gap) {
  check_target(target);
  const auto n = static_cast<Eigen::Index>(statement.size());
  gap.resize(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    switch (target.kind) {
      case TargetKind::Result:
        gap[k] = -statement.result[k];
        break;
      case TargetKind::BalancedBudgetResult:
        gap[k] = statement.restoration_required[k] - statement.balanced_budget_result[k];
        break;
      case TargetKind::ResultShare:
        gap[k] = target.share * (statement.tax_revenue[k] + statement.general_grants[k]) - statement.result[k];
        break;
      case TargetKind::ResultExcludingOneOffsShare:
        gap[k] = target.share * (statement.tax_revenue[k] + statement.general_grants[k]) -
                 statement.result_excluding_one_offs[k];
        break;
    }
  }
}

Eigen::VectorXd required_tax_rate(const IncomeStatement& statement, const Target& target) {
  check_target(target);
  const auto n = static_cast<Eigen::Index>(statement.size());
  Eigen::VectorXd rate(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    rate[k] = statement.tax_rate[k] + required_change(statement, target, k);
    check_required_rate(statement, target, k, rate[k]);
  }
  return rate;
}

double required_sustained_change(const IncomeStatement& statement, const Target& target, int from_year) {
  Eigen::VectorXd extra, required;
  return required_sustained_change_reusing(statement, target, from_year, extra, required);
}

double required_sustained_change_reusing(const IncomeStatement& statement, const Target& target, int from_year,
                                         Eigen::VectorXd& extra, Eigen::VectorXd& required) {
  check_year("from_year", from_year);
  check_target(target);
  const Eigen::Index first = statement.index_of(from_year);
  const auto n = static_cast<Eigen::Index>(statement.size());
  double change = -INFINITY;
  for (Eigen::Index k = first; k < n; ++k) {
    const double d = required_change(statement, target, k);
    check_required_rate(statement, target, k, statement.tax_rate[k] + d);
    change = std::max(change, d);
  }
  if (target.kind != TargetKind::BalancedBudgetResult) return change;
  // With restoration, the years before from_year as projected: a change that meets each year's restoration as
  // projected is enough when it is a rise (earlier surpluses only lower later restorations); the smallest change
  // that works lies between the largest change with no restoration at all (a bound: restoration >= 0) and that
  // (or 0, where it is a cut), found by bisection with the deficits replayed.
  change = -INFINITY;
  for (Eigen::Index k = first; k < n; ++k) {
    change = std::max(change, (statement.restoration_required[k] - statement.balanced_budget_result[k]) /
                                  (statement.tax_base[k] / 100.0));
  }
  double low = -INFINITY;
  for (Eigen::Index k = first; k < n; ++k) {
    low = std::max(low, -statement.balanced_budget_result[k] / (statement.tax_base[k] / 100.0));
  }
  extra.resize(n);  // kept for the signature: the bisection below needs no scratch
  required.resize(n);
  constexpr double kNoise = 1e-9;  // MSEK: float noise of a binding year, far below kTargetToleranceMsek
  // The deficits at the start of year `first`: the change does not touch the years before it (the same steps as
  // restoration_required with an extra of 0 there), so they are replayed once, not per step of the bisection.
  detail::DeficitState at_first(statement.opening_deficit_state);
  for (Eigen::Index k = 0; k < first; ++k) {
    const double bbr = statement.balanced_budget_result[k] + 0.0;
    at_first.restore(bbr);
    at_first.close_year(bbr);
  }
  // Whether the change d meets every year from `first`: the largest restoration − result with d (the deficits
  // replayed as restoration_required replays them) is at most kNoise. The largest only grows year by year, so the
  // answer is "no" at the first year above kNoise: the later years cannot change it.
  const auto meets = [&](double d) {
    detail::DeficitState deficits = at_first;
    double worst = -INFINITY;
    for (Eigen::Index k = first; k < n; ++k) {
      const double e = d * statement.tax_base[k] / 100.0;
      const double bbr = statement.balanced_budget_result[k] + e;
      const double due = deficits.required();
      deficits.restore(bbr);
      deficits.close_year(bbr);
      worst = std::max(worst, due - statement.balanced_budget_result[k] - e);
      if (worst > kNoise) return false;
    }
    return worst <= kNoise;
  };
  double high = meets(change) ? change : std::max(change, 0.0);
  if (!(low < high)) return high;
  for (int i = 0; i < 200 && high - low > 1e-12; ++i) {
    const double mid = 0.5 * (low + high);
    (meets(mid) ? high : low) = mid;
  }
  for (Eigen::Index k = first; k < n; ++k) check_required_rate(statement, target, k, statement.tax_rate[k] + high);
  return high;
}

double tax_rate_equivalent_ore(double amount_msek, double tax_base_msek) {
  static const FieldLimit& base = field_limit("tax_rate_equivalent_ore", "tax_base_msek");
  check_finite("amount_msek", kNoYear, amount_msek);
  check_limit(base, kNoYear, tax_base_msek);
  return amount_msek / (tax_base_msek / 100.0) * 100.0;
}

double round_up_to_ore(double kr_per_100kr) {
  check_finite("kr_per_100kr", kNoYear, kr_per_100kr);
  constexpr double kNoise = 1e-9;  // kr per 100 kr: far below an öre (1e-2), far above float noise on ~20 (4e-15)
  return std::ceil((kr_per_100kr - kNoise) * 100.0) / 100.0;
}

double one_ore_msek(double tax_base_msek) {
  static const FieldLimit& base = field_limit("tax_rate_equivalent_ore", "tax_base_msek");
  check_limit(base, kNoYear, tax_base_msek);
  return tax_base_msek / 10000.0;  // 0.01 kr per 100 kr = 1 / 10 000 of the base
}

Eigen::Array<bool, Eigen::Dynamic, 1> target_met(const IncomeStatement& statement, const Target& target) {
  return target_gap_msek(statement, target).array() <= kTargetToleranceMsek;
}

Eigen::Array<bool, Eigen::Dynamic, 1> balanced_budget_met(const IncomeStatement& statement) {
  return statement.balanced_budget_result.array() >= -kTargetToleranceMsek;
}

double gap_saving_msek(double gap_msek, double share_closed) {
  static const FieldLimit& gap = field_limit("gap_saving_msek", "gap_msek");
  static const FieldLimit& share = field_limit("gap_saving_msek", "share_closed");
  check_limit(gap, kNoYear, gap_msek);
  check_limit(share, kNoYear, share_closed);
  return gap_msek * share_closed;
}

double premises_target_saving_msek(double total_premises_cost_msek, double share) {
  static const FieldLimit& total = field_limit("premises_target_saving_msek", "total_premises_cost_msek");
  static const FieldLimit& part = field_limit("premises_target_saving_msek", "share");
  check_limit(total, kNoYear, total_premises_cost_msek);
  check_limit(part, kNoYear, share);
  return total_premises_cost_msek * share;
}

Eigen::VectorXd tax_rate_equivalent_ore(const IncomeStatement& statement, const Eigen::VectorXd& amounts_msek) {
  const auto n = static_cast<Eigen::Index>(statement.size());
  if (amounts_msek.size() != n) {
    throw InputError(fmt::format("amounts_msek has {} values; expected {} (one per year {}-{})", amounts_msek.size(),
                                 n, statement.base_year(), statement.horizon()));
  }
  Eigen::VectorXd ore(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const int year = statement.years[static_cast<std::size_t>(k)];
    check_finite("amounts_msek", year, amounts_msek[k]);
    ore[k] = tax_rate_equivalent_ore(amounts_msek[k], statement.tax_base[k]);
  }
  return ore;
}

double household_tax_change_kr(double change_kr_per_100kr, double taxable_income_kr) {
  static const FieldLimit& change = field_limit("TaxChange", "change_kr_per_100kr");
  static const FieldLimit& income = field_limit("household_tax_change_kr", "taxable_income_kr");
  check_limit(change, "change_kr_per_100kr", kNoYear, change_kr_per_100kr);
  check_limit(income, kNoYear, taxable_income_kr);
  return change_kr_per_100kr / 100.0 * taxable_income_kr;
}

double efficiency_rate_equivalent(const IncomeStatement& statement, int year, double amount_msek) {
  check_year("year", year);
  const Eigen::Index k = statement.index_of(year);
  check_finite("amount_msek", year, amount_msek);
  const double costs =
      -statement.operating_costs[k] + statement.efficiency_saving[k] - statement.efficiency_one_off_cost[k];
  if (!(costs > 0.0)) {
    throw InputError(fmt::format("operating_costs[{}] = {:g} MSEK; an efficiency rate needs positive costs", year,
                                 costs));
  }
  // The rate's base is the net (tax-financed) cost, as EfficiencyMeasure's default (projection.hpp).
  const double net_costs = statement.efficiency_net_share[k] * costs;
  if (!(net_costs > 0.0)) {
    throw InputError(fmt::format("efficiency_net_share[{}] = {:g}: operating income finances all of the costs, so "
                                 "an efficiency rate on net costs has no base",
                                 year, statement.efficiency_net_share[k]));
  }
  return amount_msek / net_costs;
}

}  // namespace kommunbudget
