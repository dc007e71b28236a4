#include "kommunbudget/capital.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

void depreciation_kernel(const std::vector<DepreciationClass>& classes, Eigen::Index n, Eigen::VectorXd& kernel) {
  static const FieldLimit& share_limit = field_limit("DepreciationClass", "share");
  static const FieldLimit& years_limit = field_limit("DepreciationClass", "years");
  if (classes.empty()) {
    throw InputError("depreciation_classes: none given; expected at least one class (e.g. buildings 33 years)");
  }
  kernel.setZero(n);
  double total = 0.0;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const DepreciationClass& d = classes[c];
    const std::string prefix = fmt::format("depreciation_classes[{}] ({}).", c, d.name);
    check_limit(share_limit, prefix + "share", kNoYear, d.share);
    check_limit(years_limit, prefix + "years", kNoYear, d.years);
    total += d.share;
    const double whole_years = std::floor(d.years);
    for (Eigen::Index j = 1; j < n; ++j) {
      const double jd = static_cast<double>(j);
      if (jd <= whole_years) {
        kernel[j] += d.share / d.years;
      } else if (jd == whole_years + 1.0) {
        kernel[j] += d.share * (d.years - whole_years) / d.years;
      }
    }
  }
  if (std::abs(total - 1.0) > 1e-6) {
    throw InputError(fmt::format("depreciation_classes: the shares sum to {:g}; expected 1 (each year's investment "
                                 "split over the classes)",
                                 total));
  }
}

double book_value_at_sale(double book_value_msek, double depreciation_msek, int base_year, int year, int month) {
  const double elapsed = static_cast<double>(year - base_year) + static_cast<double>(month - 1) / 12.0;
  return std::max(0.0, book_value_msek - depreciation_msek * std::max(0.0, elapsed));
}

CashAndDebt meet_borrowing_need(CashAndDebt opening, double need_msek, double minimum_cash_msek) {
  CashAndDebt out = opening;
  if (need_msek > 0.0) {
    const double from_cash = std::min(need_msek, std::max(0.0, opening.cash_msek - minimum_cash_msek));
    out.cash_msek -= from_cash;
    out.new_debt_msek += need_msek - from_cash;
  } else {
    const double surplus = -need_msek;
    const double repaid = std::min(surplus, std::max(0.0, opening.new_debt_msek));
    out.new_debt_msek -= repaid;
    out.cash_msek += surplus - repaid;
  }
  return out;
}

double new_borrowing_interest(double rate, double new_debt_opening_msek, double new_debt_closing_msek,
                              double new_debt_at_plan_end_msek) {
  const double average = 0.5 * (new_debt_opening_msek + new_debt_closing_msek);
  return rate * std::max(0.0, average - new_debt_at_plan_end_msek);
}

void pension_interest_path(const YearSeries& given, const YearSeries& growth, int base_year, Eigen::Index n,
                           Eigen::VectorXd& out) {
  static const FieldLimit& amount = field_limit("Assumptions", "pension_interest_msek");
  static const FieldLimit& rate = field_limit("Assumptions", "pension_index_growth");
  out.setZero(n);
  if (given.empty()) return;
  for (Eigen::Index k = 0; k < n; ++k) {
    const int y = base_year + static_cast<int>(k);
    if (given.has(y)) {
      out[k] = given.at(y);
      check_limit(amount, given.field(), y, out[k]);
    } else if (k == 0) {
      out[k] = 0.0;  // no figure for the base year: the path starts at the first given year
    } else {
      if (!growth.has(y)) {
        throw InputError(fmt::format("pension_index_growth: year {} is missing; the interest on pension provisions "
                                     "after the last given figure grows with it (expected a growth, fraction, for "
                                     "every year after {})",
                                     y, given.last_year()));
      }
      check_limit(rate, growth.field(), y, growth.at(y));
      out[k] = out[k - 1] * (1.0 + growth.at(y));
    }
  }
}

}  // namespace kommunbudget
