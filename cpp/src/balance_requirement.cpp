#include "kommunbudget/balance_requirement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/projection.hpp"
#include "deficit_state.hpp"

namespace kommunbudget {

namespace {
using detail::DeficitState;

const FieldLimit& row(const char* structure, const char* field) { return field_limit(structure, field); }
}  // namespace

void BalanceRequirement::validate(int base_year) const {
  static const FieldLimit& reserve = row("BalanceRequirement", "opening_reserve_msek");
  static const FieldLimit& amount = row("OpeningDeficit", "amount_msek");
  static const FieldLimit& origin = row("OpeningDeficit", "year");
  check_limit(reserve, "balance_requirement.opening_reserve_msek", kNoYear, opening_reserve_msek);
  for (std::size_t i = 0; i < opening_deficits.size(); ++i) {
    const OpeningDeficit& d = opening_deficits[i];
    const std::string prefix = fmt::format("balance_requirement.opening_deficits[{}].", i);
    check_whole(origin, prefix + "year", d.year);
    if (d.year >= base_year) {
      throw InputError(fmt::format("{}year = {} is not before the base year {}; expected a year of origin in "
                                   "[{:g}, {}] (the base year's own balanced-budget result is projected)",
                                   prefix, d.year, base_year, origin.low, base_year - 1));
    }
    check_limit(amount, prefix + "amount_msek", d.year, d.amount_msek);
    for (std::size_t j = 0; j < i; ++j) {
      if (opening_deficits[j].year == d.year) {
        throw InputError(fmt::format("{}year = {} is given twice (also opening_deficits[{}]); expected one "
                                     "deficit per year of origin",
                                     prefix, d.year, j));
      }
    }
  }
}

Eigen::Vector4d opening_deficit_state(const BalanceRequirement& inputs, int base_year) {
  inputs.validate(base_year);
  Eigen::Vector4d state = Eigen::Vector4d::Zero();
  for (const OpeningDeficit& d : inputs.opening_deficits) {
    const int age = base_year - d.year;  // 1..: origin base − 1 is live[2], base − 3 is live[0]
    if (age > kRestorationYears) {
      state[0] += d.amount_msek;
    } else {
      state[1 + kRestorationYears - age] += d.amount_msek;
    }
  }
  return state;
}

void apply_balance_requirement(const BalanceRequirement& inputs, IncomeStatement& out) {
  const auto n = static_cast<Eigen::Index>(out.years.size());
  DeficitState deficits(out.opening_deficit_state);
  double balance = inputs.opening_reserve_msek;
  const double threshold = inputs.negative_equity ? kReserveThresholdNegativeEquity : kReserveThreshold;
  for (Eigen::Index k = 0; k < n; ++k) {
    const int year = out.years[static_cast<std::size_t>(k)];
    // Jämförelsestörande poster: realisation gains and losses, one-off implementation costs of measures.
    out.one_off_items[k] = -out.realisation_gains[k] + std::min(0.0, out.disposal_realisation_gain[k]) -
                           out.efficiency_one_off_cost[k] - out.fixed_saving_one_off_cost[k] + 0.0;
    out.result_excluding_one_offs[k] = out.result[k] - out.one_off_items[k];
    // Årets resultat efter balanskravsjusteringar.
    const double adjusted = out.result[k] + out.realisation_gains[k] + out.other_balance_adjustments[k];
    out.result_after_balance_adjustments[k] = adjusted;
    const double revenue = out.tax_revenue[k] + out.general_grants[k];
    // Reservation room: the part of the lower of the result and the adjusted result above the threshold, and
    // (from 2024) at most up to the cap of 5 % of tax revenue + general grants.
    double room = 0.0;
    if (year >= kReserveFirstYear) {
      room = std::max(0.0, std::min(out.result[k], adjusted) - threshold * revenue);
      if (year >= kResultReserveFirstYear) room = std::min(room, std::max(0.0, kReserveCap * revenue - balance));
    }
    out.reserve_possible_reservation[k] = room;
    const double outstanding = deficits.total();
    if (out.reserve_use[k] == 0.0) {  // not given: the options decide
      if (inputs.withdraw_from_reserve && adjusted < 0.0) {
        out.reserve_use[k] = std::min(-adjusted, balance);
      } else if (inputs.reserve_surplus && adjusted > outstanding) {
        out.reserve_use[k] = 0.0 - std::min(room, adjusted - outstanding);  // restore first, then reserve
      }
    }
    out.reserve_withdrawal[k] = std::max(0.0, out.reserve_use[k]);
    out.reserve_reservation[k] = std::max(0.0, -out.reserve_use[k]);
    // A given withdrawal above the balance means the opening balance was too low or not given: the balance stops
    // at zero and the excess is reported (reserve_overdrawn); the balanced-budget result keeps the full use.
    out.reserve_overdrawn[k] = std::max(0.0, out.reserve_use[k] - balance);
    balance = std::max(0.0, balance - out.reserve_use[k]);
    out.reserve_balance[k] = balance;
    const double bbr = adjusted + out.reserve_use[k];
    out.balanced_budget_result[k] = bbr;
    // Restoration of earlier deficits, oldest first (KL 11 kap. 12 §; Malmö 2015, RULES.md §7).
    out.restoration_required[k] = deficits.required();
    out.deficit_falling_due[k] = deficits.live[0];
    out.deficit_restored[k] = deficits.restore(bbr);
    // Deficits overdue at the start of the base year (origin + 3 before it) are a breach already: the base year
    // reports what of them it leaves unrestored, as it does for the deficit falling due in it (one rule).
    const double overdue_left = k == 0 ? deficits.overdue : 0.0;
    out.deficit_breach[k] = deficits.close_year(bbr) + overdue_left;
    out.new_deficit[k] = std::max(0.0, -bbr);
    out.deficit_to_restore[k] = deficits.total();
    // The due year of the oldest deficit left (NaN: none).
    double due = std::numeric_limits<double>::quiet_NaN();
    if (deficits.overdue > 0.0) {
      due = year;  // overdue: already due
    } else {
      for (int i = 0; i < 3; ++i) {
        if (deficits.live[i] > 0.0) {
          due = year + 1 + i;  // live[i] after closing the year is of origin year − 2 + i, due year + 1 + i
          break;
        }
      }
    }
    out.oldest_deficit_due_year[k] = due;
  }
}

void restoration_required(const Eigen::Vector4d& opening, const Eigen::VectorXd& balanced_budget_result,
                          const Eigen::VectorXd& extra, Eigen::VectorXd& required) {
  const Eigen::Index n = balanced_budget_result.size();
  required.resize(n);
  DeficitState deficits(opening);
  for (Eigen::Index k = 0; k < n; ++k) {
    const double bbr = balanced_budget_result[k] + (extra.size() == n ? extra[k] : 0.0);
    required[k] = deficits.required();
    deficits.restore(bbr);
    deficits.close_year(bbr);
  }
}

}  // namespace kommunbudget
