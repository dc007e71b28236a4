#include "kommunbudget/projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/logging.hpp"

namespace kommunbudget {

namespace {
// Fills v[1..n-1] from an optional series, v[0] = base value; `fallback` for every year when the series is empty.
void flatten(const YearSeries& s, int base_year, Eigen::Index n, double base_value, double fallback,
             Eigen::VectorXd& v) {
  v.resize(n);
  v[0] = base_value;
  for (Eigen::Index k = 1; k < n; ++k) {
    const int y = base_year + static_cast<int>(k);
    v[k] = s.empty() ? fallback : s.at(y);
  }
}

// The row of `structure`.`field`, looked up once per call site (the callers keep it in a function-local static).
const FieldLimit& row(const char* structure, const char* field) { return field_limit(structure, field); }
}  // namespace

const char* to_string(MeasureGroup group) {
  switch (group) {
    case MeasureGroup::Disposals:
      return "disposals";
    case MeasureGroup::FixedSavings:
      return "fixed_savings";
    case MeasureGroup::TaxChanges:
      return "tax_changes";
    case MeasureGroup::Efficiency:
      return "efficiency";
    case MeasureGroup::EarnedIncomeChanges:
      return "earned_income_changes";
    case MeasureGroup::WorkLines:
      return "work_lines";
  }
  return "unknown";
}

double remaining_year_share(int start_month) {
  static const FieldLimit& month = row("EfficiencyMeasure", "start_month");
  check_whole(month, "start_month", start_month);
  return static_cast<double>(13 - start_month) / 12.0;
}

double basic_deduction_kr(double income_kr, double price_base_amount_kr) {
  static const FieldLimit& income = row("basic_deduction_kr", "income_kr");
  static const FieldLimit& pbb_limit = row("basic_deduction_kr", "price_base_amount_kr");
  check_limit(income, kNoYear, income_kr);
  check_limit(pbb_limit, kNoYear, price_base_amount_kr);
  // Inkomstskattelagen (1999:1229) 63 kap. 3 §: the steps in prisbasbelopp (pbb) of the fastställd förvärvsinkomst.
  const double pbb = price_base_amount_kr;
  double deduction = 0.0;
  if (income_kr <= 0.99 * pbb) {
    deduction = 0.423 * pbb;
  } else if (income_kr <= 2.72 * pbb) {
    deduction = 0.423 * pbb + 0.20 * (income_kr - 0.99 * pbb);
  } else if (income_kr <= 3.11 * pbb) {
    deduction = 0.77 * pbb;
  } else if (income_kr <= 7.88 * pbb) {
    deduction = 0.77 * pbb - 0.10 * (income_kr - 3.11 * pbb);
  } else {
    deduction = 0.293 * pbb;
  }
  // Rounded up to whole hundreds of kronor (a tolerance keeps an exact hundred computed as 24 900.000001 at 24 900),
  // never more than the income itself.
  const double rounded = std::ceil(deduction / 100.0 - 1e-9) * 100.0;
  return std::min(rounded, income_kr);
}

double net_cost_gap_msek(double net_cost_msek, double net_cost_deviation_percent) {
  static const FieldLimit& cost = row("net_cost_gap_msek", "net_cost_msek");
  static const FieldLimit& deviation = row("net_cost_gap_msek", "net_cost_deviation_percent");
  check_limit(cost, kNoYear, net_cost_msek);
  check_limit(deviation, kNoYear, net_cost_deviation_percent);
  if (net_cost_deviation_percent <= 0.0) return 0.0;
  return net_cost_msek * net_cost_deviation_percent / (100.0 + net_cost_deviation_percent);
}

double peer_gap_msek(double net_cost_msek, double population, double peer_cost_per_inhabitant_kr) {
  static const FieldLimit& cost = row("peer_gap_msek", "net_cost_msek");
  static const FieldLimit& people = row("peer_gap_msek", "population");
  static const FieldLimit& peer = row("peer_gap_msek", "peer_cost_per_inhabitant_kr");
  check_limit(cost, kNoYear, net_cost_msek);
  check_limit(people, kNoYear, population);
  check_limit(peer, kNoYear, peer_cost_per_inhabitant_kr);
  return std::max(0.0, net_cost_msek - peer_cost_per_inhabitant_kr * population / 1.0e6);
}

namespace {
// The timing every ramped measure shares: its first year inside [first, last], a start month and a ramp from the
// table of limits (the rows of `structure`). `prefix()` builds the measure's prefix (e.g. "fixed_savings[0]
// (name).") only when a check fails; `year_field` names the first year.
template <typename Prefix>
void check_timing(const char* structure, const Prefix& prefix, const char* year_field, int year, int month,
                  int ramp_years, int first, int last) {
  if (year < first || year > last) {
    throw InputError(fmt::format("{}{} = {} is outside the projected years [{}, {}]", prefix(), year_field, year, first,
                                 last));
  }
  const FieldLimit& month_limit = field_limit(structure, "start_month");
  const FieldLimit& ramp_limit = field_limit(structure, "ramp_years");
  if (!within_limit(month_limit, month)) check_whole(month_limit, prefix() + "start_month", month);
  if (!within_limit(ramp_limit, ramp_years)) check_whole(ramp_limit, prefix() + "ramp_years", ramp_years);
}

// Level of a cost line under one efficiency measure in `year` at full-year effect (1 before from_year).
double efficiency_level(const EfficiencyMeasure& m, int year) {
  if (year < m.from_year) return 1.0;
  const double step = m.rate * m.realised_share;
  const int j = year - m.from_year;
  const auto ramped = [&](int i) { return step * std::min(1.0, static_cast<double>(i + 1) / m.ramp_years); };
  if (!m.yearly) return 1.0 - ramped(j);
  double level = 1.0;
  for (int i = 0; i <= j; ++i) level *= 1.0 - ramped(i);
  return level;
}
}  // namespace

Eigen::Index IncomeStatement::index_of(int year) const {
  if (years.empty() || year < years.front() || year > years.back()) {
    throw InputError(fmt::format("year = {} is outside the statement's years [{}, {}]", year,
                                 years.empty() ? 0 : years.front(), years.empty() ? 0 : years.back()));
  }
  return static_cast<Eigen::Index>(year - years.front());
}

void IncomeStatement::resize(Eigen::Index n) {
  if (static_cast<Eigen::Index>(years.size()) == n && operating_income.size() == n) return;
  years.resize(static_cast<std::size_t>(n));
  for (Eigen::VectorXd* v :
       {&operating_income, &operating_costs, &depreciation, &net_operating_cost, &tax_revenue, &general_grants,
        &operating_result, &financial_income, &financial_costs, &result, &realisation_gains,
        &other_balance_adjustments, &reserve_use, &balanced_budget_result, &result_share, &tax_rate, &tax_base,
        &final_settlement, &efficiency_saving, &efficiency_one_off_cost, &tax_change_revenue, &preliminary_tax, &final_settlement_previous_year,
        &final_settlement_current_year, &income_equalisation, &other_general_grants, &equalisation_tax_base,
        &own_tax_capacity, &national_tax_capacity, &population, &inhabitant_tax_kr, &inhabitant_equalisation_kr,
        &inhabitant_regulation_kr, &equalisation_change_per_krona, &kept_per_krona,
        &earned_income_effect, &work_line_households_reduced, &work_line_saving, &work_line_cost,
        &work_line_earnings, &work_line_tax_base, &work_line_tax_gain, &work_line_equalisation_change,
        &work_line_net, &work_line_benefits, &work_line_basic_deduction, &work_line_persons_moved,
        &work_line_migration_equalisation, &efficiency_net_share, &disposal_realisation_gain, &disposal_running_cost_saved, &disposal_depreciation_saved,
        &disposal_interest_saved, &disposal_external_rent, &disposal_net, &disposal_net_balanced_budget,
        &fixed_saving, &fixed_saving_one_off_cost, &disposal_proceeds, &disposal_debt_repaid, &investments,
        &new_investment_depreciation, &self_financing, &self_financing_ratio, &borrowing_need, &debt_at_year_end,
        &cash_at_year_end, &new_borrowing_interest, &pension_interest}) {
    v->resize(n);
  }
  for (Eigen::VectorXd* v :
       {&result_after_balance_adjustments, &reserve_possible_reservation, &reserve_reservation, &reserve_withdrawal,
        &reserve_balance, &reserve_overdrawn, &restoration_required, &deficit_falling_due, &deficit_restored, &deficit_breach,
        &new_deficit, &deficit_to_restore, &oldest_deficit_due_year, &one_off_items, &result_excluding_one_offs}) {
    v->resize(n);
  }
}

Projector::Projector(BaseYearState base, Assumptions assumptions, int horizon)
    : base_(std::move(base)), assumptions_(std::move(assumptions)), horizon_(horizon) {
  base_.validate();
  const int b = base_.year;
  static const FieldLimit& horizon_limit = row("Projection", "horizon_years");
  const int max_years = static_cast<int>(horizon_limit.high);
  if (horizon_ < b + static_cast<int>(horizon_limit.low)) {
    throw InputError(fmt::format("horizon = {} is before the base year {}; expected a horizon in [{}, {}]", horizon_,
                                 b, b, b + max_years));
  }
  if (horizon_ > b + max_years) {
    throw InputError(fmt::format("horizon = {} is more than {} years after the base year {}; expected [{}, {}]",
                                 horizon_, max_years, b, b, b + max_years));
  }
  assumptions_.validate(b + 1, horizon_, base_.itemised_grants);
  opening_deficits_ = opening_deficit_state(base_.balance_requirement, b);
  n_ = horizon_ - b + 1;
  const Assumptions& a = assumptions_;
  flatten(a.price_index.labour_cost_change, b, n_, 0.0, 0.0, labour_);
  flatten(a.price_index.other_cost_change, b, n_, 0.0, 0.0, other_);
  flatten(a.price_index.labour_weight, b, n_, 0.0, 0.0, weight_);
  flatten(a.tax_base_growth, b, n_, 0.0, 0.0, tax_base_growth_);
  flatten(a.operating_income_growth, b, n_, 0.0, 0.0, income_growth_);
  flatten(a.final_settlement_previous_year_msek, b, n_, base_.final_settlement_previous_year_msek, 0.0,
          settlement_prev_);
  const double none = std::numeric_limits<double>::quiet_NaN();
  if (!base_.itemised_grants) {
    // The rules of the total: a given amount, else a growth, else (validated) the tax base growth.
    grants_given_.setConstant(n_, none);
    grants_growth_.setConstant(n_, none);
    for (Eigen::Index k = 1; k < n_; ++k) {
      const int y = b + static_cast<int>(k);
      if (a.general_grants_msek.has(y)) {
        grants_given_[k] = a.general_grants_msek.at(y);
      } else if (a.general_grants_growth.has(y)) {
        grants_growth_[k] = a.general_grants_growth.at(y);
      }
    }
    item_given_.resize(0, n_);
    item_growth_.resize(0, n_);
  } else {
    // Grant items other than the income equalisation: their rules, resolved in compute_grants().
    const auto n_items = static_cast<Eigen::Index>(base_.grant_items.size());
    item_given_.setConstant(n_items, n_, none);
    item_growth_.setConstant(n_items, n_, none);
    for (Eigen::Index i = 0; i < n_items; ++i) {
      const GrantItem& item = base_.grant_items[static_cast<std::size_t>(i)];
      item_names_.push_back(item.name);
      const GrantItemPath* path = nullptr;
      for (const GrantItemPath& p : a.grant_items) path = p.name == item.name ? &p : path;
      item_regulation_.push_back(path != nullptr && path->regulation_rule ? 1 : 0);
      if (n_ == 1) continue;
      if (path == nullptr) {
        throw InputError(fmt::format("grant_items: no path for '{}' in the assumptions; expected amounts or growth "
                                     "for the years {}-{}",
                                     item.name, b + 1, horizon_));
      }
      for (Eigen::Index k = 1; k < n_; ++k) {
        const int y = b + static_cast<int>(k);
        if (path->amounts_msek.has(y)) {
          item_given_(i, k) = path->amounts_msek.at(y);
        } else if (path->growth.has(y)) {
          item_growth_(i, k) = path->growth.at(y);
        }  // else validated: the item follows the tax base growth
      }
    }
    announced_.setZero(n_);  // optional, and may cover only some years (0 elsewhere)
    for (Eigen::Index k = 1; k < n_; ++k) {
      const int y = b + static_cast<int>(k);
      announced_[k] = a.announced_grant_change_kr.has(y) ? a.announced_grant_change_kr.at(y) : 0.0;
    }
    population_.resize(n_);
    national_capacity_.resize(n_);
    population_[0] = base_.population;
    national_capacity_[0] = base_.national_tax_capacity_kr;
    for (Eigen::Index k = 1; k < n_; ++k) {
      const int y = b + static_cast<int>(k);
      population_[k] = a.population.at(y);
      national_capacity_[k] = national_capacity_[k - 1] * (1.0 + a.national_tax_capacity_growth.at(y));
    }
    // Calibration: the own capacity at which the formula gives the base year's actual equalisation.
    implied_capacity_kr_ = kommunbudget::implied_own_tax_capacity_kr(base_.equalisation, base_.income_equalisation_msek,
                                                       base_.national_tax_capacity_kr, base_.population);
    equalisation_base0_msek_ = implied_capacity_kr_ * base_.population / 1e6;
  }
  compute_grants();
  flatten(a.depreciation_msek, b, n_, base_.depreciation_msek, 0.0, depreciation_);
  flatten(a.financial_income_msek, b, n_, base_.financial_income_msek, 0.0, fin_income_);
  flatten(a.financial_costs_msek, b, n_, base_.financial_costs_msek, 0.0, fin_costs_);
  flatten(a.tax_rate_kr_per_100kr, b, n_, base_.tax_rate_kr_per_100kr, base_.tax_rate_kr_per_100kr, tax_rate_);
  flatten(a.final_settlement_msek, b, n_, base_.final_settlement_msek, 0.0, settlement_);
  flatten(a.realisation_gains_msek, b, n_, base_.realisation_gains_msek, 0.0, gains_);
  flatten(a.reserve_use_msek, b, n_, base_.reserve_use_msek, 0.0, reserve_);
  flatten_capital();

  static const FieldLimit& volume_limit = row("CostLine", "volume_growth");
  const auto n_lines = static_cast<Eigen::Index>(base_.cost_lines.size());
  volume_.setZero(n_lines, n_);
  base_cost_.resize(n_lines);
  labour_share_.resize(n_lines);
  total_base_cost_ = 0.0;
  for (Eigen::Index c = 0; c < n_lines; ++c) {
    const CostLine& line = base_.cost_lines[static_cast<std::size_t>(c)];
    base_cost_[c] = line.cost_msek;
    total_base_cost_ += line.cost_msek;
    labour_share_[c] = line.labour_share;
    if (n_ > 1) {
      line.volume_growth.require_years(b + 1, horizon_);
      for (Eigen::Index k = 1; k < n_; ++k) {
        const int y = b + static_cast<int>(k);
        check_limit(volume_limit, line.volume_growth.field(), y, line.volume_growth.at(y));
        volume_(c, k) = line.volume_growth.at(y);
      }
    }
  }
  compute_net_share();
  logger()->debug("projecting {} {}: base year {}, horizon {}, {} cost line(s)", base_.code, base_.name, b, horizon_,
                  n_lines);
}

void Projector::compute_net_share() {
  // The municipality-wide net (tax-financed) share of the cost lines per year without measures: the default base
  // of an efficiency rate (EfficiencyMeasure). Operating income without realisation gains finances the rest.
  const Eigen::Index n_lines = base_cost_.size();
  net_share_.resize(n_);
  Eigen::VectorXd& line_cost = net_share_line_cost_;  // a member: no allocation when called again (Monte Carlo)
  line_cost = base_cost_;
  double income = base_.operating_income_msek - base_.realisation_gains_msek;
  for (Eigen::Index k = 0; k < n_; ++k) {
    if (k > 0) {
      income *= 1.0 + income_growth_[k];
      for (Eigen::Index c = 0; c < n_lines; ++c) {
        const double w = labour_share_[c] < 0.0 ? weight_[k] : labour_share_[c];
        line_cost[c] *= (1.0 + volume_(c, k)) * (1.0 + w * labour_[k] + (1.0 - w) * other_[k]);
      }
    }
    const double total = line_cost.sum();
    net_share_[k] = total > 0.0 ? std::clamp(1.0 - income / total, 0.0, 1.0) : 1.0;
  }
}

void Projector::flatten_capital() {
  static const FieldLimit& investment_limit = row("Assumptions", "investments_msek");
  static const FieldLimit& rate_limit = row("Assumptions", "borrowing_rate");
  const Assumptions& a = assumptions_;
  const CapitalPlan& c = base_.capital;
  const int b = base_.year;
  debt_given_ = c.opening_debt_msek >= 0.0;
  plan_last_index_ = c.plan_last_year == 0 ? 0 : static_cast<Eigen::Index>(c.plan_last_year - b);
  investments_.setZero(n_);
  for (Eigen::Index k = 0; k < n_; ++k) {
    const int y = b + static_cast<int>(k);
    if (!a.investments_msek.has(y)) continue;
    investments_[k] = a.investments_msek.at(y);
    check_limit(investment_limit, a.investments_msek.field(), y, investments_[k]);
  }
  // Depreciation of investments of the plan's last year and later, from the year after each (straight line).
  new_depreciation_.setZero(n_);
  if (!a.investments_msek.empty()) {
    Eigen::VectorXd kernel;
    depreciation_kernel(c.depreciation_classes, n_, kernel);
    for (Eigen::Index k = plan_last_index_ + 1; k < n_; ++k) {
      for (Eigen::Index s = plan_last_index_; s < k; ++s) new_depreciation_[k] += investments_[s] * kernel[k - s];
    }
  }
  depreciation_ += new_depreciation_;
  borrowing_rate_.setZero(n_);
  for (Eigen::Index k = 1; k < n_; ++k) {
    const int y = b + static_cast<int>(k);
    if (a.borrowing_rate.empty()) continue;  // no interest on new borrowing modelled (documented)
    if (k > plan_last_index_ && !a.borrowing_rate.has(y)) {
      throw InputError(fmt::format("borrowing_rate: year {} is missing; expected an interest rate (fraction) for "
                                   "every year after the plan, {}-{}",
                                   y, b + static_cast<int>(plan_last_index_) + 1, horizon_));
    }
    if (!a.borrowing_rate.has(y)) continue;
    borrowing_rate_[k] = a.borrowing_rate.at(y);
    check_limit(rate_limit, a.borrowing_rate.field(), y, borrowing_rate_[k]);
  }
  pension_interest_path(a.pension_interest_msek, a.pension_index_growth, b, n_, pension_);
  // After the plan the given financial costs are the last plan year's held; the pension interest in them moves
  // with its own index instead.
  pension_change_.setZero(n_);
  for (Eigen::Index k = plan_last_index_ + 1; k < n_; ++k) pension_change_[k] = pension_[k] - pension_[plan_last_index_];
}

void Projector::compute_grants() {
  if (!base_.itemised_grants) {
    grants_.resize(n_);
    grants_[0] = base_.general_grants_msek;
    for (Eigen::Index k = 1; k < n_; ++k) {
      if (!std::isnan(grants_given_[k])) {
        grants_[k] = grants_given_[k];
      } else {
        const double g = std::isnan(grants_growth_[k]) ? tax_base_growth_[k] : grants_growth_[k];
        grants_[k] = grants_[k - 1] * (1.0 + g);
      }
    }
    items_.resize(0, n_);
    return;
  }
  const Eigen::Index n_items = item_given_.rows();
  items_.resize(n_items, n_);
  for (Eigen::Index i = 0; i < n_items; ++i) {
    items_(i, 0) = base_.grant_items[static_cast<std::size_t>(i)].amount_msek;
    // The regulation rule's national net income equalisation per inhabitant, kr (GrantItemPath::regulation_rule).
    double net_equalisation_kr = assumptions_.national_net_income_equalisation_kr;
    for (Eigen::Index k = 1; k < n_; ++k) {
      const double national_growth = national_capacity_[k] / national_capacity_[k - 1] - 1.0;
      const double fall_kr = net_equalisation_kr * national_growth;
      net_equalisation_kr *= 1.0 + national_growth;
      if (!std::isnan(item_given_(i, k))) {
        items_(i, k) = item_given_(i, k);
      } else if (std::isnan(item_growth_(i, k)) && item_regulation_[static_cast<std::size_t>(i)] != 0) {
        const double per_inhabitant_kr = items_(i, k - 1) * 1e6 / population_[k - 1] - fall_kr + announced_[k];
        items_(i, k) = per_inhabitant_kr * population_[k] / 1e6;
      } else {
        const double g = std::isnan(item_growth_(i, k)) ? tax_base_growth_[k] : item_growth_(i, k);
        items_(i, k) = items_(i, k - 1) * (1.0 + g);
      }
    }
  }
}

void Projector::validate_tax_change(const TaxChange& m, std::size_t i) const {
  static const FieldLimit& change = row("TaxChange", "change_kr_per_100kr");
  const int b = base_.year;
  if (m.from_year < b || m.from_year > horizon_) {
    throw InputError(fmt::format("tax_changes[{}].from_year = {} is outside the projected years [{}, {}]", i,
                                 m.from_year, b, horizon_));
  }
  check_limit(change, [&] { return fmt::format("tax_changes[{}].change_kr_per_100kr", i); }, m.from_year,
              m.change_kr_per_100kr);
}

void Projector::validate_earned_income_change(const EarnedIncomeChange& m, std::size_t i) const {
  static const FieldLimit& amount = row("EarnedIncomeChange", "amount_msek");
  const int b = base_.year;
  if (m.income_year + 2 <= b || m.income_year + 2 > horizon_) {
    throw InputError(fmt::format("earned_income_changes[{}].income_year = {} reaches the tax base of {}, outside the "
                                 "projection years [{}, {}]; expected an income year in [{}, {}]",
                                 i, m.income_year, m.income_year + 2, b + 1, horizon_, b - 1, horizon_ - 2));
  }
  check_limit(amount, [&] { return fmt::format("earned_income_changes[{}].amount_msek", i); }, m.income_year,
              m.amount_msek);
}

void Projector::validate_disposal(const Disposal& d, std::size_t i) const {
  static const FieldLimit& month = row("Disposal", "month");
  static const FieldLimit& area = row("Property", "area_m2");
  static const FieldLimit& book = row("Property", "book_value_msek");
  static const FieldLimit& market = row("Property", "market_value_msek");
  static const FieldLimit& running = row("Property", "running_cost_msek");
  static const FieldLimit& depreciation = row("Property", "depreciation_msek");
  static const FieldLimit& vacancy = row("Property", "vacancy");
  static const FieldLimit& rent = row("Property", "external_rent_msek");
  static const FieldLimit& price = row("Disposal", "price_msek");
  static const FieldLimit& interest = row("Disposal", "debt_interest_rate");
  const Property& q = d.property;
  const int b = base_.year;
  const auto p = [&] { return fmt::format("disposals[{}] ({}).", i, q.id); };
  if (q.id.empty()) throw InputError(fmt::format("disposals[{}].property.id is empty; expected an id", i));
  if (d.year < b || d.year > horizon_) {
    throw InputError(fmt::format("{}year = {} is outside the projected years [{}, {}]", p(), d.year, b, horizon_));
  }
  if (!within_limit(month, d.month)) check_whole(month, p() + "month", d.month);
  check_limit(area, [&] { return p() + "property.area_m2"; }, d.year, q.area_m2);
  check_limit(book, [&] { return p() + "property.book_value_msek"; }, d.year, q.book_value_msek);
  check_limit(market, [&] { return p() + "property.market_value_msek"; }, d.year, q.market_value_msek);
  check_limit(running, [&] { return p() + "property.running_cost_msek"; }, d.year, q.running_cost_msek);
  check_limit(depreciation, [&] { return p() + "property.depreciation_msek"; }, d.year, q.depreciation_msek);
  check_limit(vacancy, [&] { return p() + "property.vacancy"; }, d.year, q.vacancy);
  check_limit(rent, [&] { return p() + "property.external_rent_msek"; }, d.year, q.external_rent_msek);
  check_limit(price, [&] { return p() + "price_msek"; }, d.year, d.price_msek);  // negative: the market value
  check_limit(interest, [&] { return p() + "debt_interest_rate"; }, d.year, d.debt_interest_rate);
}

void Projector::validate_fixed_saving(const FixedSaving& f, std::size_t i) const {
  static const FieldLimit& amount = row("FixedSaving", "amount_msek");
  static const FieldLimit& realised = row("FixedSaving", "realised_share");
  static const FieldLimit& share = row("FixedSaving", "labour_share");
  static const FieldLimit& one_off = row("FixedSaving", "one_off_cost_msek");
  const auto p = [&] { return fmt::format("fixed_savings[{}] ({}).", i, f.name); };
  check_timing("FixedSaving", p, "start_year", f.start_year, f.start_month, f.ramp_years, base_.year, horizon_);
  check_limit(amount, [&] { return p() + "amount_msek"; }, f.start_year, f.amount_msek);
  check_limit(realised, [&] { return p() + "realised_share"; }, f.start_year, f.realised_share);
  check_limit(share, [&] { return p() + "labour_share"; }, f.start_year, f.labour_share);  // negative: the line's
  check_limit(one_off, [&] { return p() + "one_off_cost_msek"; }, f.start_year, f.one_off_cost_msek);
  if (!f.cost_line.empty()) {
    const Eigen::Index c = line_index(p() + "cost_line", f.cost_line);
    if (f.amount_msek > base_cost_[c]) {
      throw InputError(fmt::format("{}amount_msek = {} exceeds the base-year cost of cost line '{}' ({:.1f} "
                                   "MSEK); expected at most that", p(), f.amount_msek, f.cost_line, base_cost_[c]));
    }
  } else if (f.amount_msek > total_base_cost_) {
    throw InputError(fmt::format("{}amount_msek = {} exceeds the base-year operating costs of {} ({:.1f} MSEK); "
                                 "expected at most that", p(), f.amount_msek, base_.name, total_base_cost_));
  }
}

void Projector::validate_work_line(const WorkLinePolicy& m, std::size_t i) const {
  static const FieldLimit& households = row("WorkLinePolicy", "baseline_households");
  static const FieldLimit& cost = row("WorkLinePolicy", "cost_per_household_kr");
  static const FieldLimit& trend = row("WorkLinePolicy", "household_trend");
  static const FieldLimit& reduction = row("WorkLinePolicy", "target_reduction");
  static const FieldLimit& into_work = row("WorkLinePolicy", "share_into_work");
  static const FieldLimit& earnings = row("WorkLinePolicy", "earnings_per_person_kr");
  static const FieldLimit& persons = row("WorkLinePolicy", "persons_per_household");
  static const FieldLimit& implementation = row("WorkLinePolicy", "implementation_cost_msek");
  const auto p = [&] { return fmt::format("work_lines[{}] ({}).", i, m.name); };
  check_timing("WorkLinePolicy", p, "start_year", m.start_year, m.start_month, m.ramp_years, base_.year, horizon_);
  const int y = m.start_year;
  check_limit(households, [&] { return p() + "baseline_households"; }, y, m.baseline_households);
  check_limit(cost, [&] { return p() + "cost_per_household_kr"; }, y, m.cost_per_household_kr);
  check_limit(trend, [&] { return p() + "household_trend"; }, y, m.household_trend);
  check_limit(reduction, [&] { return p() + "target_reduction"; }, y, m.target_reduction);
  check_limit(into_work, [&] { return p() + "share_into_work"; }, y, m.share_into_work);
  check_limit(earnings, [&] { return p() + "earnings_per_person_kr"; }, y, m.earnings_per_person_kr);
  check_limit(persons, [&] { return p() + "persons_per_household"; }, y, m.persons_per_household);
  check_limit(implementation, [&] { return p() + "implementation_cost_msek"; }, y, m.implementation_cost_msek);
  static const FieldLimit& into_benefits = row("WorkLinePolicy", "share_into_benefits");
  static const FieldLimit& benefit = row("WorkLinePolicy", "benefit_per_person_kr");
  static const FieldLimit& out_migration = row("WorkLinePolicy", "out_migration_share");
  static const FieldLimit& inhabitants = row("WorkLinePolicy", "inhabitants_per_household");
  static const FieldLimit& pbb = row("WorkLinePolicy", "price_base_amount_kr");
  check_limit(into_benefits, [&] { return p() + "share_into_benefits"; }, y, m.share_into_benefits);
  check_limit(benefit, [&] { return p() + "benefit_per_person_kr"; }, y, m.benefit_per_person_kr);
  check_limit(out_migration, [&] { return p() + "out_migration_share"; }, y, m.out_migration_share);
  check_limit(inhabitants, [&] { return p() + "inhabitants_per_household"; }, y, m.inhabitants_per_household);
  if (m.share_into_work + m.share_into_benefits > 1.0 + 1e-12) {
    throw InputError(fmt::format("{}share_into_work + share_into_benefits = {:g} + {:g} = {:g}; expected at most 1 "
                                 "(shares of the same households)",
                                 p(), m.share_into_work, m.share_into_benefits,
                                 m.share_into_work + m.share_into_benefits));
  }
  if (m.out_migration_share > 0.0 && !base_.itemised_grants) {
    throw InputError(fmt::format(
        "{}out_migration_share = {:g}: the effect of people moving away on the income equalisation cannot be "
        "computed, because {}'s general grants are a total (not itemised with the income equalisation, population "
        "and medelskattekraft); expected 0, or a baseline with itemised grants",
        p(), m.out_migration_share, base_.name));
  }
  // Incomes into the tax base need the prisbasbelopp of every income year from the start (the basic deduction).
  const bool has_income = m.target_reduction > 0.0 && m.persons_per_household > 0.0 && m.out_migration_share < 1.0 &&
                          (m.share_into_work * m.earnings_per_person_kr > 0.0 ||
                           m.share_into_benefits * m.benefit_per_person_kr > 0.0);
  if (has_income) {
    for (int year = m.start_year; year <= horizon_; ++year) {
      if (!m.price_base_amount_kr.has(year)) {
        throw InputError(fmt::format("{}price_base_amount_kr has no value for {}; expected the prisbasbelopp (kr) of "
                                     "every income year {}-{} (the basic deduction of the incomes)",
                                     p(), year, m.start_year, horizon_));
      }
      check_limit(pbb, [&] { return p() + "price_base_amount_kr"; }, year, m.price_base_amount_kr.at(year));
    }
  }
}

void Projector::validate_efficiency(const EfficiencyMeasure& m, std::size_t i) const {
  static const FieldLimit& rate = row("EfficiencyMeasure", "rate");
  static const FieldLimit& realised = row("EfficiencyMeasure", "realised_share");
  static const FieldLimit& one_off = row("EfficiencyMeasure", "one_off_cost_msek");
  const auto p = [&] { return fmt::format("efficiency[{}].", i); };
  check_timing("EfficiencyMeasure", p, "from_year", m.from_year, m.start_month, m.ramp_years, base_.year, horizon_);
  check_limit(rate, [&] { return p() + "rate"; }, m.from_year, m.rate);
  check_limit(realised, [&] { return p() + "realised_share"; }, m.from_year, m.realised_share);
  check_limit(one_off, [&] { return p() + "one_off_cost_msek"; }, m.from_year, m.one_off_cost_msek);
  static const FieldLimit& net_share = row("EfficiencyMeasure", "net_share");
  check_limit(net_share, [&] { return p() + "net_share"; }, m.from_year, m.net_share);
  if (!m.cost_line.empty()) line_index(p() + "cost_line", m.cost_line);
}

void Projector::validate_measure(const Measures& measures, MeasureRef ref) const {
  const std::size_t i = ref.index;
  switch (ref.group) {
    case MeasureGroup::Disposals:
      return validate_disposal(measures.disposals[i], i);
    case MeasureGroup::FixedSavings:
      return validate_fixed_saving(measures.fixed_savings[i], i);
    case MeasureGroup::TaxChanges:
      return validate_tax_change(measures.tax_changes[i], i);
    case MeasureGroup::Efficiency:
      return validate_efficiency(measures.efficiency[i], i);
    case MeasureGroup::EarnedIncomeChanges:
      return validate_earned_income_change(measures.earned_income_changes[i], i);
    case MeasureGroup::WorkLines:
      return validate_work_line(measures.work_lines[i], i);
  }
}

namespace {
std::string sold_twice(const std::string& id) {
  return fmt::format("disposals: property '{}' is sold twice; expected each property once", id);
}
}  // namespace

void Projector::validate_measures(const Measures& measures) const {
  // Order of the checks as before: tax changes, earned income, disposals (with the check across them), fixed
  // savings, work lines, efficiency; so the first message for a set of bad measures is unchanged.
  for (std::size_t i = 0; i < measures.tax_changes.size(); ++i) validate_tax_change(measures.tax_changes[i], i);
  for (std::size_t i = 0; i < measures.earned_income_changes.size(); ++i) {
    validate_earned_income_change(measures.earned_income_changes[i], i);
  }
  std::unordered_set<std::string_view> sold;
  for (std::size_t i = 0; i < measures.disposals.size(); ++i) {
    const std::string& id = measures.disposals[i].property.id;
    if (!id.empty() && !sold.insert(id).second) throw InputError(sold_twice(id));
    validate_disposal(measures.disposals[i], i);
  }
  for (std::size_t i = 0; i < measures.fixed_savings.size(); ++i) validate_fixed_saving(measures.fixed_savings[i], i);
  for (std::size_t i = 0; i < measures.work_lines.size(); ++i) validate_work_line(measures.work_lines[i], i);
  for (std::size_t i = 0; i < measures.efficiency.size(); ++i) validate_efficiency(measures.efficiency[i], i);
}

Eigen::Index Projector::line_index(const std::string& field, const std::string& name) const {
  for (std::size_t c = 0; c < base_.cost_lines.size(); ++c) {
    if (base_.cost_lines[c].name == name) return static_cast<Eigen::Index>(c);
  }
  std::string names;
  for (const CostLine& line : base_.cost_lines) names += (names.empty() ? "" : ", ") + line.name;
  throw InputError(fmt::format("{} = '{}' is not a cost line of {}; expected one of: {}", field, name, base_.name,
                               names));
}

IncomeStatement Projector::run(const Measures& measures) const {
  IncomeStatement out;
  run_into(measures, out);
  return out;
}

void Projector::run_into(const Measures& measures, IncomeStatement& out) const {
  validate_measures(measures);
  project_into(measures, out);
}

MeasureEffects Projector::measure_effects(const Measures& all, const std::vector<MeasureRef>& order) const {
  // The order: each measure of `all` exactly once.
  const std::size_t sizes[] = {all.disposals.size(),   all.fixed_savings.size(),         all.tax_changes.size(),
                               all.efficiency.size(),  all.earned_income_changes.size(), all.work_lines.size()};
  const auto slot = [](MeasureGroup g) { return static_cast<std::size_t>(g); };
  std::size_t total = 0;
  std::vector<std::size_t> offset(6, 0);
  for (std::size_t g = 0; g < 6; ++g) {
    offset[g] = total;
    total += sizes[g];
  }
  std::vector<char> seen(total, 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const MeasureRef ref = order[i];
    const std::size_t g = slot(ref.group);
    if (g >= 6) throw MeasureError(fmt::format("order[{}]: not a known list of measures", i), i);
    if (ref.index >= sizes[g]) {
      throw MeasureError(fmt::format("order[{}] = {}[{}]: {} has {} measure(s); expected an index below that", i,
                                     to_string(ref.group), ref.index, to_string(ref.group), sizes[g]),
                         i);
    }
    if (seen[offset[g] + ref.index]) {
      throw MeasureError(fmt::format("order[{}] = {}[{}] is named twice; expected each measure once", i,
                                     to_string(ref.group), ref.index),
                         i);
    }
    seen[offset[g] + ref.index] = 1;
  }
  if (order.size() != total) {
    for (std::size_t g = 0; g < 6; ++g) {
      for (std::size_t j = 0; j < sizes[g]; ++j) {
        if (!seen[offset[g] + j]) {
          throw InputError(fmt::format("order names {} of the {} measures; {}[{}] is missing (expected each measure "
                                       "once)",
                                       order.size(), total, to_string(static_cast<MeasureGroup>(g)), j));
        }
      }
    }
  }
  // Each measure's own checks, once; then the checks across measures, in the order.
  for (std::size_t i = 0; i < order.size(); ++i) {
    try {
      validate_measure(all, order[i]);
    } catch (const InputError& e) {
      throw MeasureError(e.what(), i);
    }
  }
  std::unordered_set<std::string_view> sold;
  sold.reserve(all.disposals.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i].group != MeasureGroup::Disposals) continue;
    const std::string& id = all.disposals[order[i].index].property.id;
    if (!sold.insert(id).second) throw MeasureError(sold_twice(id), i);
  }

  MeasureEffects effects;
  project_into(Measures{}, effects.baseline);
  effects.result_change.resize(static_cast<Eigen::Index>(order.size()), n_);
  Measures current;
  current.disposals.reserve(all.disposals.size());
  current.fixed_savings.reserve(all.fixed_savings.size());
  current.tax_changes.reserve(all.tax_changes.size());
  current.efficiency.reserve(all.efficiency.size());
  current.earned_income_changes.reserve(all.earned_income_changes.size());
  current.work_lines.reserve(all.work_lines.size());
  IncomeStatement scratch;
  scratch.resize(n_);
  Eigen::VectorXd previous = effects.baseline.result;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::size_t j = order[i].index;
    switch (order[i].group) {
      case MeasureGroup::Disposals:
        current.disposals.push_back(all.disposals[j]);
        break;
      case MeasureGroup::FixedSavings:
        current.fixed_savings.push_back(all.fixed_savings[j]);
        break;
      case MeasureGroup::TaxChanges:
        current.tax_changes.push_back(all.tax_changes[j]);
        break;
      case MeasureGroup::Efficiency:
        current.efficiency.push_back(all.efficiency[j]);
        break;
      case MeasureGroup::EarnedIncomeChanges:
        current.earned_income_changes.push_back(all.earned_income_changes[j]);
        break;
      case MeasureGroup::WorkLines:
        current.work_lines.push_back(all.work_lines[j]);
        break;
    }
    try {
      project_into(current, scratch);
    } catch (const InputError& e) {
      throw MeasureError(e.what(), i);
    } catch (const ComputationError& e) {
      throw MeasureError(e.what(), i);
    }
    effects.result_change.row(static_cast<Eigen::Index>(i)) = (scratch.result - previous).transpose();
    previous = scratch.result;
  }
  effects.final = order.empty() ? effects.baseline : scratch;
  return effects;
}

void Projector::project_into(const Measures& measures, IncomeStatement& out) const {
  out.resize(n_);
  const int b = base_.year;
  for (Eigen::Index k = 0; k < n_; ++k) out.years[static_cast<std::size_t>(k)] = b + static_cast<int>(k);

  out.grant_items = items_;  // copies into the preallocated matrix when sizes match
  if (out.grant_item_names.size() != item_names_.size()) out.grant_item_names = item_names_;

  // Cost lines: lines outer, years inner, so no per-line state needs storage. Efficiency measures cut the net
  // (tax-financed) share s of the line: the cost is multiplied by 1 − s × (1 − level); in a measure's first year
  // only the remaining months' share of its step counts.
  out.efficiency_net_share = net_share_;
  out.operating_costs.setZero();
  out.efficiency_saving.setZero();
  out.efficiency_one_off_cost.setZero();
  const Eigen::Index n_lines = base_cost_.size();
  for (Eigen::Index c = 0; c < n_lines; ++c) {
    const std::string& name = base_.cost_lines[static_cast<std::size_t>(c)].name;
    const double share = labour_share_[c];
    double cost_without_efficiency = base_cost_[c];
    for (Eigen::Index k = 0; k < n_; ++k) {
      const int year = b + static_cast<int>(k);
      if (k > 0) {
        const double w = share < 0.0 ? weight_[k] : share;
        const double price = w * labour_[k] + (1.0 - w) * other_[k];
        cost_without_efficiency *= (1.0 + volume_(c, k)) * (1.0 + price);
      }
      double factor = 1.0;
      for (const EfficiencyMeasure& m : measures.efficiency) {
        if (year < m.from_year || !(m.cost_line.empty() || m.cost_line == name)) continue;
        const double level = efficiency_level(m, year);
        const double s = m.on_gross ? 1.0 : (m.net_share >= 0.0 ? m.net_share : net_share_[k]);
        const double months = year == m.from_year ? remaining_year_share(m.start_month) : 1.0;
        factor *= 1.0 - s * months * (1.0 - level);
      }
      const double cost = cost_without_efficiency * factor;
      out.operating_costs[k] -= cost;
      out.efficiency_saving[k] += cost_without_efficiency - cost;
    }
  }
  for (const EfficiencyMeasure& m : measures.efficiency) {
    out.efficiency_one_off_cost[m.from_year - b] += m.one_off_cost_msek;
  }
  out.operating_costs -= out.efficiency_one_off_cost;

  // Work lines: households, saved assistance, implementation cost and earnings by year (income year).
  out.work_line_households_reduced.setZero();
  out.work_line_saving.setZero();
  out.work_line_cost.setZero();
  out.work_line_earnings.setZero();
  out.work_line_benefits.setZero();
  out.work_line_basic_deduction.setZero();
  out.work_line_persons_moved.setZero();
  out.work_line_migration_equalisation.setZero();
  for (const WorkLinePolicy& m : measures.work_lines) {
    double households = m.baseline_households;
    double cost_per_household = m.cost_per_household_kr;
    double earnings_per_person = m.earnings_per_person_kr;
    double benefit_per_person = m.benefit_per_person_kr;
    double implementation = m.implementation_cost_msek;
    for (Eigen::Index k = 0; k < n_; ++k) {
      const int year = b + static_cast<int>(k);
      if (k > 0) {
        households *= household_trend_shock_.size() > 0 ? 1.0 + (m.household_trend + household_trend_shock_[k])
                                                        : 1.0 + m.household_trend;
        cost_per_household *= 1.0 + other_[k];
        earnings_per_person *= 1.0 + labour_[k];
        benefit_per_person *= 1.0 + labour_[k];
        implementation *= 1.0 + labour_[k];
      }
      if (year < m.start_year) continue;
      const double months = year == m.start_year ? remaining_year_share(m.start_month) : 1.0;
      const double ramp = std::min(1.0, static_cast<double>(year - m.start_year + 1) / m.ramp_years);
      const double reduced = households * m.target_reduction * ramp;
      out.work_line_households_reduced[k] += reduced;
      out.work_line_saving[k] += reduced * cost_per_household * months / 1e6;
      out.work_line_cost[k] += implementation * months;
      // Those moving away: inhabitants fewer from the next year's equalisation; their incomes are taxed elsewhere.
      out.work_line_persons_moved[k] += reduced * m.out_migration_share * m.inhabitants_per_household;
      const double staying = reduced * (1.0 - m.out_migration_share);
      const double workers = staying * m.share_into_work * m.persons_per_household;
      const double on_benefits = staying * m.share_into_benefits * m.persons_per_household;
      // Each person's income of the year (the month share in the first year) and its basic deduction.
      const double earned = earnings_per_person * months;
      const double benefit = benefit_per_person * months;
      double deduction_kr = 0.0;
      if (workers > 0.0 && earned > 0.0) {
        deduction_kr += workers * basic_deduction_kr(earned, m.price_base_amount_kr.at(year));
      }
      if (on_benefits > 0.0 && benefit > 0.0) {
        deduction_kr += on_benefits * basic_deduction_kr(benefit, m.price_base_amount_kr.at(year));
      }
      out.work_line_earnings[k] += workers * earned / 1e6;
      out.work_line_benefits[k] += on_benefits * benefit / 1e6;
      out.work_line_basic_deduction[k] += deduction_kr / 1e6;
    }
  }
  out.operating_costs += out.work_line_saving - out.work_line_cost;  // costs are negative in the statement

  // Fixed savings: ramped, realised share, uprated with the line they reduce; one-off cost in the start year.
  out.fixed_saving.setZero();
  out.fixed_saving_one_off_cost.setZero();
  for (const FixedSaving& f : measures.fixed_savings) {
    double amount = f.amount_msek * f.realised_share;
    double own_share = f.labour_share;
    if (own_share < 0.0 && !f.cost_line.empty()) own_share = labour_share_[line_index("cost_line", f.cost_line)];
    for (Eigen::Index k = 0; k < n_; ++k) {
      const int year = b + static_cast<int>(k);
      if (k > 0) {
        const double w = own_share < 0.0 ? weight_[k] : own_share;
        amount *= 1.0 + w * labour_[k] + (1.0 - w) * other_[k];
      }
      if (year < f.start_year) continue;
      const double months = year == f.start_year ? remaining_year_share(f.start_month) : 1.0;
      const double ramp = std::min(1.0, static_cast<double>(year - f.start_year + 1) / f.ramp_years);
      out.fixed_saving[k] += amount * ramp * months;
      if (year == f.start_year) out.fixed_saving_one_off_cost[k] += f.one_off_cost_msek;
    }
  }
  out.operating_costs += out.fixed_saving - out.fixed_saving_one_off_cost;

  // Disposals: the gain in the year of sale; running cost, depreciation and interest from then on; external rent.
  out.disposal_realisation_gain.setZero();
  out.disposal_running_cost_saved.setZero();
  out.disposal_depreciation_saved.setZero();
  out.disposal_interest_saved.setZero();
  out.disposal_external_rent.setZero();
  out.disposal_proceeds.setZero();
  out.disposal_debt_repaid.setZero();
  // With the debt known, the proceeds repay at most the debt left (sales in the order given); the rest is cash
  // (earning nothing). Without it, interest is saved on the whole price (capped at the financial costs below).
  double debt_left = debt_given_ ? base_.capital.opening_debt_msek : 0.0;
  for (const Disposal& d : measures.disposals) {
    const Property& q = d.property;
    const double price = d.price_msek < 0.0 ? q.market_value_msek : d.price_msek;
    const double book = book_value_at_sale(q.book_value_msek, q.depreciation_msek, b, d.year, d.month);
    const double repaid = debt_given_ ? std::min(price, debt_left) : 0.0;
    debt_left -= repaid;
    const double interest_base = debt_given_ ? repaid : price;
    double running = q.running_cost_msek;
    double rent = q.need_remains ? q.external_rent_msek : 0.0;
    for (Eigen::Index k = 0; k < n_; ++k) {
      const int year = b + static_cast<int>(k);
      if (k > 0) {
        running *= 1.0 + other_[k];
        rent *= 1.0 + other_[k];
      }
      if (year < d.year) continue;
      const double months = year == d.year ? remaining_year_share(d.month) : 1.0;
      if (year == d.year) {
        out.disposal_realisation_gain[k] += price - book;
        out.disposal_proceeds[k] += price;
        out.disposal_debt_repaid[k] += repaid;
      }
      out.disposal_running_cost_saved[k] += running * months;
      out.disposal_depreciation_saved[k] += q.depreciation_msek * months;
      out.disposal_interest_saved[k] += interest_base * d.debt_interest_rate * months;
      out.disposal_external_rent[k] += rent * months;
    }
  }
  out.operating_costs += out.disposal_running_cost_saved - out.disposal_external_rent;

  static const FieldLimit& rate_limit = row("Projection", "tax_rate_after_changes");
  CapitalState state;
  double baseline_tax_base = base_.tax_base_msek;
  double baseline_equalisation_base = equalisation_base0_msek_;
  double regular_income = base_.operating_income_msek - base_.realisation_gains_msek;
  const bool itemised = base_.itemised_grants;
  for (Eigen::Index k = 0; k < n_; ++k) {
    const int year = b + static_cast<int>(k);
    if (k > 0) {
      baseline_tax_base *= 1.0 + tax_base_growth_[k];
      baseline_equalisation_base *= 1.0 + tax_base_growth_[k];
      regular_income *= 1.0 + income_growth_[k];
    }
    // Earned income of year t − 2 reaches this year's tax base, uprated by the projection years' growth since.
    double added = 0.0;
    for (const EarnedIncomeChange& m : measures.earned_income_changes) {
      if (m.income_year + 2 != year) continue;
      double amount = m.amount_msek;
      for (int y = std::max(m.income_year + 1, b + 1); y <= year; ++y) amount *= 1.0 + tax_base_growth_[y - b];
      added += amount;
    }
    // Work-line earnings of income year t − 2, uprated like any earned income.
    double from_work = 0.0;
    if (k >= 2) {
      from_work = out.work_line_earnings[k - 2] + out.work_line_benefits[k - 2] - out.work_line_basic_deduction[k - 2];
      for (Eigen::Index j = k - 1; j <= k; ++j) from_work *= 1.0 + tax_base_growth_[j];
    }
    out.work_line_tax_base[k] = from_work;
    added += from_work;
    const double tax_base = baseline_tax_base + added;
    out.earned_income_effect[k] = added;
    double change = 0.0;
    for (const TaxChange& m : measures.tax_changes) {
      if (year >= m.from_year) change += m.change_kr_per_100kr;
    }
    const double rate = tax_rate_[k] + change;
    if (!within_limit(rate_limit, rate)) {
      throw InputError(fmt::format("tax_rate_kr_per_100kr[{}] = {:g} after tax changes of {:g} is outside the allowed "
                                   "range {} {}",
                                   year, rate, change, format_range(rate_limit), rate_limit.unit));
    }
    out.tax_rate[k] = rate;
    out.tax_base[k] = tax_base;
    out.tax_change_revenue[k] = change / 100.0 * tax_base;
    out.preliminary_tax[k] = rate / 100.0 * tax_base;
    out.final_settlement_current_year[k] = settlement_[k];
    out.final_settlement_previous_year[k] = settlement_prev_[k];
    out.final_settlement[k] = settlement_[k] + settlement_prev_[k];
    out.tax_revenue[k] = out.preliminary_tax[k] + out.final_settlement[k];
    if (itemised) {
      // The equalisation sees the own tax base through the base-year calibration; added earnings count 1:1.
      const double base_for_equalisation = baseline_equalisation_base + added;
      // Inhabitants moved away by a work line in the year before are not counted (1 November of that year).
      const double moved = k == 0 ? 0.0 : out.work_line_persons_moved[k - 1];
      const double population = population_[k] - moved;
      if (!(population > 0.0)) {
        throw InputError(fmt::format("work_lines: {:.0f} inhabitants moved away by {} leave {:.0f} inhabitants of {:.0f} "
                                     "in {}; expected a positive population (lower out_migration_share)",
                                     moved, year - 1, population, population_[k], year));
      }
      const double own_capacity = base_for_equalisation * 1e6 / population;
      const double equalisation =
          k == 0 ? base_.income_equalisation_msek
                 : income_equalisation_msek(base_.equalisation, own_capacity, national_capacity_[k], population);
      if (moved > 0.0) {
        out.work_line_migration_equalisation[k] =
            equalisation - income_equalisation_msek(base_.equalisation, base_for_equalisation * 1e6 / population_[k],
                                                    national_capacity_[k], population_[k]);
      }
      out.equalisation_tax_base[k] = base_for_equalisation;
      out.own_tax_capacity[k] = own_capacity;
      out.national_tax_capacity[k] = national_capacity_[k];
      out.population[k] = population;
      out.equalisation_change_per_krona[k] =
          equalisation_change_per_krona(base_.equalisation, own_capacity, national_capacity_[k]);
      out.income_equalisation[k] = equalisation;
      const InhabitantWorth worth = inhabitant_worth(base_.equalisation, rate, own_capacity, national_capacity_[k]);
      out.inhabitant_tax_kr[k] = worth.tax_kr;
      out.inhabitant_equalisation_kr[k] = worth.equalisation_kr;
      double regulation_kr = 0.0;
      for (std::size_t i = 0; i < item_regulation_.size(); ++i) {
        if (item_regulation_[i] != 0) regulation_kr += items_(static_cast<Eigen::Index>(i), k) * 1e6 / population_[k];
      }
      out.inhabitant_regulation_kr[k] = regulation_kr;
      out.other_general_grants[k] = items_.col(k).sum();
      out.general_grants[k] = equalisation + out.other_general_grants[k];
    } else {
      out.equalisation_tax_base[k] = 0.0;
      out.own_tax_capacity[k] = 0.0;
      out.national_tax_capacity[k] = 0.0;
      out.population[k] = 0.0;
      out.inhabitant_tax_kr[k] = 0.0;
      out.inhabitant_equalisation_kr[k] = 0.0;
      out.inhabitant_regulation_kr[k] = 0.0;
      out.equalisation_change_per_krona[k] = 0.0;
      out.income_equalisation[k] = 0.0;
      out.other_general_grants[k] = grants_[k];
      out.general_grants[k] = grants_[k];
    }
    out.kept_per_krona[k] = rate / 100.0 + out.equalisation_change_per_krona[k];
    out.work_line_tax_gain[k] = rate / 100.0 * out.work_line_tax_base[k];
    out.work_line_equalisation_change[k] = out.equalisation_change_per_krona[k] * out.work_line_tax_base[k] + 0.0;
    out.work_line_net[k] = out.work_line_saving[k] - out.work_line_cost[k] + out.work_line_tax_gain[k] +
                           out.work_line_equalisation_change[k] + out.work_line_migration_equalisation[k];
    // A disposal's gain is operating income deducted for the balanced-budget result; a loss is an operating cost
    // that stays in both (conservative: the exceptions of LKBR 11 kap. 10 § are not modelled).
    const double disposal_gain = std::max(0.0, out.disposal_realisation_gain[k]);
    const double disposal_loss = std::min(0.0, out.disposal_realisation_gain[k]);
    out.operating_costs[k] += disposal_loss;
    out.realisation_gains[k] = 0.0 - gains_[k] - disposal_gain;  // 0.0 − x: never −0.0
    out.operating_income[k] = regular_income + gains_[k] + disposal_gain;
    if (base_.depreciation_in_cost_lines) {
      out.operating_costs[k] += out.disposal_depreciation_saved[k];  // capital costs are inside the cost lines
      out.depreciation[k] = 0.0 - depreciation_[k];
    } else {
      if (out.disposal_depreciation_saved[k] > depreciation_[k] + 1e-9) {
        throw InputError(fmt::format(
            "disposals: the depreciation of the properties sold, {:.3f} MSEK in {}, exceeds the municipality's "
            "depreciation {:.3f} MSEK that year; expected at most that (a property's depreciation is part of the "
            "baseline's)", out.disposal_depreciation_saved[k], year, depreciation_[k]));
      }
      out.depreciation[k] = 0.0 - (depreciation_[k] - out.disposal_depreciation_saved[k]);
    }
    if (out.operating_costs[k] > 0.0) {
      throw InputError(fmt::format("operating_costs[{}] = {:.3f} MSEK after the measures: the savings exceed the "
                                   "costs by that much, so the costs would turn into income; expected costs of at "
                                   "least 0 (lower the savings)",
                                   year, out.operating_costs[k]));
    }
    out.net_operating_cost[k] = out.operating_income[k] + out.operating_costs[k] + out.depreciation[k];
    out.operating_result[k] = out.net_operating_cost[k] + out.tax_revenue[k] + out.general_grants[k];
    out.financial_income[k] = fin_income_[k];
    // The given financial costs, with the pension interest on its own index after the plan (docs/model.md §15).
    const double given_costs = std::max(0.0, fin_costs_[k] + pension_change_[k]);
    // Interest saved lowers the financial costs, never below zero (it cannot exceed the interest paid).
    const double interest_saved = std::min(out.disposal_interest_saved[k], given_costs);
    out.disposal_interest_saved[k] = interest_saved;
    out.financial_costs[k] = 0.0 - (given_costs - interest_saved);
    out.disposal_net_balanced_budget[k] = out.disposal_running_cost_saved[k] + out.disposal_depreciation_saved[k] +
                                          interest_saved - out.disposal_external_rent[k] + disposal_loss;
    out.disposal_net[k] = out.disposal_net_balanced_budget[k] + disposal_gain;
    out.result[k] = out.operating_result[k] + out.financial_income[k] + out.financial_costs[k];
    capital_year(k, state, out);
    out.other_balance_adjustments[k] = k == 0 ? base_.other_balance_adjustments_msek : 0.0;
    out.reserve_use[k] = reserve_[k];
    out.balanced_budget_result[k] =
        out.result[k] + out.realisation_gains[k] + out.other_balance_adjustments[k] + out.reserve_use[k];
    const double denominator = out.tax_revenue[k] + out.general_grants[k];
    if (!(std::abs(denominator) > 1e-9)) {
      throw ComputationError(fmt::format("result_share[{}]: tax revenue + general grants = {:g} MSEK; the share is "
                                         "undefined",
                                         year, denominator));
    }
    out.result_share[k] = out.result[k] / denominator;
  }
  // The balanced-budget requirement over the years: reserve, restoration, one-off items (docs/model.md §16).
  out.opening_deficit_state = opening_deficits_;
  apply_balance_requirement(base_.balance_requirement, out);
}

void Projector::capital_year(Eigen::Index k, CapitalState& state, IncomeStatement& out) const {
  const CapitalPlan& c = base_.capital;
  out.investments[k] = investments_[k];
  out.new_investment_depreciation[k] = new_depreciation_[k];
  out.pension_interest[k] = pension_[k];
  // Self-financing before the interest on new borrowing; a sale's gain or loss is left out (its price is cash).
  const double self_financing = out.result[k] - out.depreciation[k] - out.disposal_realisation_gain[k];
  double interest = 0.0;
  if (k == 0) {
    // The base year: the balances given (31 December); a sale in the base year moves them from the next year.
    state.balances = CashAndDebt{c.opening_cash_msek + out.disposal_proceeds[0] - out.disposal_debt_repaid[0], 0.0};
    state.existing_debt = debt_given_ ? c.opening_debt_msek - out.disposal_debt_repaid[0] : 0.0;
    state.new_debt_at_plan_end = 0.0;
    out.debt_at_year_end[0] = debt_given_ ? c.opening_debt_msek : 0.0;
    out.cash_at_year_end[0] = c.opening_cash_msek;
  } else {
    state.existing_debt -= out.disposal_debt_repaid[k];
    state.balances.cash_msek += out.disposal_proceeds[k] - out.disposal_debt_repaid[k];
    if (k > plan_last_index_ && borrowing_rate_[k] > 0.0) {
      // The year's borrowing from the result before this interest (no circularity), then the interest on the
      // opening new debt plus half of the year's change, above the new debt at the end of the plan.
      const CashAndDebt before = meet_borrowing_need(state.balances, investments_[k] - self_financing,
                                                     c.minimum_cash_msek);
      interest = new_borrowing_interest(borrowing_rate_[k], state.balances.new_debt_msek, before.new_debt_msek,
                                        state.new_debt_at_plan_end);
    }
    out.financial_costs[k] -= interest;
    out.result[k] -= interest;
    state.balances = meet_borrowing_need(state.balances, investments_[k] - (self_financing - interest),
                                         c.minimum_cash_msek);
    if (k == plan_last_index_) state.new_debt_at_plan_end = state.balances.new_debt_msek;
    out.debt_at_year_end[k] = state.existing_debt + state.balances.new_debt_msek;
    out.cash_at_year_end[k] = state.balances.cash_msek;
  }
  out.new_borrowing_interest[k] = interest;
  out.self_financing[k] = self_financing - interest;
  out.borrowing_need[k] = investments_[k] - out.self_financing[k];
  out.self_financing_ratio[k] = investments_[k] > 1e-9 ? out.self_financing[k] / investments_[k] : 0.0;
}

IncomeStatement project(const BaseYearState& base, const Assumptions& assumptions, int horizon,
                        const Measures& measures) {
  return Projector(base, assumptions, horizon).run(measures);
}

}  // namespace kommunbudget
