#include "kommunbudget/projection.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/logging.hpp"

namespace kommunbudget {

namespace {
constexpr int kMaxHorizonYears = 50;
constexpr double kMaxTaxChange = 10.0;      // kr per 100 kr
constexpr double kMaxEfficiencyRate = 0.5;  // fraction of a line's cost in one step

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
}  // namespace

double remaining_year_share(int start_month) {
  if (start_month < 1 || start_month > 12) {
    throw InputError(fmt::format("start_month = {} is outside the allowed range [1, 12]", start_month));
  }
  return static_cast<double>(13 - start_month) / 12.0;
}

double net_cost_gap_msek(double net_cost_msek, double net_cost_deviation_percent) {
  check_range("net_cost_msek", kNoYear, net_cost_msek, 0.0, 1.0e6, "MSEK");
  check_range("net_cost_deviation_percent", kNoYear, net_cost_deviation_percent, -99.999, 1000.0, "percent");
  if (net_cost_deviation_percent <= 0.0) return 0.0;
  return net_cost_msek * net_cost_deviation_percent / (100.0 + net_cost_deviation_percent);
}

double peer_gap_msek(double net_cost_msek, double population, double peer_cost_per_inhabitant_kr) {
  check_range("net_cost_msek", kNoYear, net_cost_msek, 0.0, 1.0e6, "MSEK");
  check_range("population", kNoYear, population, 0.0, 2.0e7, "persons");
  check_range("peer_cost_per_inhabitant_kr", kNoYear, peer_cost_per_inhabitant_kr, 0.0, 1.0e6, "kr per inhabitant");
  return std::max(0.0, net_cost_msek - peer_cost_per_inhabitant_kr * population / 1.0e6);
}

namespace {
// The timing every ramped measure shares: its first year inside [first, last], a start month 1-12 and a ramp of
// 1-50 years. `p` is the measure's prefix (e.g. "fixed_savings[0] (name)."), `year_field` the first year's name.
void check_timing(const std::string& p, const char* year_field, int year, int month, int ramp_years, int first,
                  int last) {
  if (year < first || year > last) {
    throw InputError(fmt::format("{}{} = {} is outside the projected years [{}, {}]", p, year_field, year, first,
                                 last));
  }
  if (month < 1 || month > 12) {
    throw InputError(fmt::format("{}start_month = {} is outside the allowed range [1, 12]", p, month));
  }
  if (ramp_years < 1 || ramp_years > 50) {
    throw InputError(fmt::format("{}ramp_years = {} is outside the allowed range [1, 50]", p, ramp_years));
  }
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
        &own_tax_capacity, &national_tax_capacity, &population, &equalisation_change_per_krona, &kept_per_krona,
        &earned_income_effect, &work_line_households_reduced, &work_line_saving, &work_line_cost,
        &work_line_earnings, &work_line_tax_base, &work_line_tax_gain, &work_line_equalisation_change,
        &work_line_net, &disposal_realisation_gain, &disposal_running_cost_saved, &disposal_depreciation_saved,
        &disposal_interest_saved, &disposal_external_rent, &disposal_net, &disposal_net_balanced_budget,
        &fixed_saving, &fixed_saving_one_off_cost}) {
    v->resize(n);
  }
}

Projector::Projector(BaseYearState base, Assumptions assumptions, int horizon)
    : base_(std::move(base)), assumptions_(std::move(assumptions)), horizon_(horizon) {
  base_.validate();
  const int b = base_.year;
  if (horizon_ < b) {
    throw InputError(fmt::format("horizon = {} is before the base year {}; expected a horizon in [{}, {}]", horizon_,
                                 b, b, b + kMaxHorizonYears));
  }
  if (horizon_ > b + kMaxHorizonYears) {
    throw InputError(fmt::format("horizon = {} is more than {} years after the base year {}; expected [{}, {}]",
                                 horizon_, kMaxHorizonYears, b, b, b + kMaxHorizonYears));
  }
  assumptions_.validate(b + 1, horizon_, base_.itemised_grants);
  n_ = horizon_ - b + 1;
  const Assumptions& a = assumptions_;
  flatten(a.price_index.labour_cost_change, b, n_, 0.0, 0.0, labour_);
  flatten(a.price_index.other_cost_change, b, n_, 0.0, 0.0, other_);
  flatten(a.price_index.labour_weight, b, n_, 0.0, 0.0, weight_);
  flatten(a.tax_base_growth, b, n_, 0.0, 0.0, tax_base_growth_);
  flatten(a.operating_income_growth, b, n_, 0.0, 0.0, income_growth_);
  flatten(a.final_settlement_previous_year_msek, b, n_, base_.final_settlement_previous_year_msek, 0.0,
          settlement_prev_);
  grants_.resize(n_);
  if (!base_.itemised_grants) {
    grants_[0] = base_.general_grants_msek;
    for (Eigen::Index k = 1; k < n_; ++k) {
      const int y = b + static_cast<int>(k);
      grants_[k] = a.general_grants_msek.has(y) ? a.general_grants_msek.at(y)
                                                : grants_[k - 1] * (1.0 + a.general_grants_growth.at(y));
    }
    items_.resize(0, n_);
  } else {
    // Grant items other than the income equalisation: fixed by the assumptions, so computed once here.
    const auto n_items = static_cast<Eigen::Index>(base_.grant_items.size());
    items_.resize(n_items, n_);
    for (Eigen::Index i = 0; i < n_items; ++i) {
      const GrantItem& item = base_.grant_items[static_cast<std::size_t>(i)];
      item_names_.push_back(item.name);
      items_(i, 0) = item.amount_msek;
      if (n_ == 1) continue;
      const GrantItemPath* path = nullptr;
      for (const GrantItemPath& p : a.grant_items) path = p.name == item.name ? &p : path;
      if (path == nullptr) {
        throw InputError(fmt::format("grant_items: no path for '{}' in the assumptions; expected amounts or growth "
                                     "for the years {}-{}",
                                     item.name, b + 1, horizon_));
      }
      for (Eigen::Index k = 1; k < n_; ++k) {
        const int y = b + static_cast<int>(k);
        items_(i, k) =
            path->amounts_msek.has(y) ? path->amounts_msek.at(y) : items_(i, k - 1) * (1.0 + path->growth.at(y));
      }
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
  flatten(a.depreciation_msek, b, n_, base_.depreciation_msek, 0.0, depreciation_);
  flatten(a.financial_income_msek, b, n_, base_.financial_income_msek, 0.0, fin_income_);
  flatten(a.financial_costs_msek, b, n_, base_.financial_costs_msek, 0.0, fin_costs_);
  flatten(a.tax_rate_kr_per_100kr, b, n_, base_.tax_rate_kr_per_100kr, base_.tax_rate_kr_per_100kr, tax_rate_);
  flatten(a.final_settlement_msek, b, n_, base_.final_settlement_msek, 0.0, settlement_);
  flatten(a.realisation_gains_msek, b, n_, base_.realisation_gains_msek, 0.0, gains_);
  flatten(a.reserve_use_msek, b, n_, base_.reserve_use_msek, 0.0, reserve_);

  const auto n_lines = static_cast<Eigen::Index>(base_.cost_lines.size());
  volume_.setZero(n_lines, n_);
  base_cost_.resize(n_lines);
  labour_share_.resize(n_lines);
  for (Eigen::Index c = 0; c < n_lines; ++c) {
    const CostLine& line = base_.cost_lines[static_cast<std::size_t>(c)];
    base_cost_[c] = line.cost_msek;
    labour_share_[c] = line.labour_share;
    if (n_ > 1) {
      line.volume_growth.require_years(b + 1, horizon_);
      for (Eigen::Index k = 1; k < n_; ++k) {
        const int y = b + static_cast<int>(k);
        check_rate(line.volume_growth.field(), y, line.volume_growth.at(y));
        volume_(c, k) = line.volume_growth.at(y);
      }
    }
  }
  logger()->info("projecting {} {}: base year {}, horizon {}, {} cost line(s)", base_.code, base_.name, b, horizon_,
                 n_lines);
}

void Projector::validate_measures(const Measures& measures) const {
  const int b = base_.year;
  for (std::size_t i = 0; i < measures.tax_changes.size(); ++i) {
    const TaxChange& m = measures.tax_changes[i];
    const std::string field = fmt::format("tax_changes[{}].change_kr_per_100kr", i);
    if (m.from_year < b || m.from_year > horizon_) {
      throw InputError(fmt::format("tax_changes[{}].from_year = {} is outside the projected years [{}, {}]", i,
                                   m.from_year, b, horizon_));
    }
    check_finite(field, m.from_year, m.change_kr_per_100kr);
    if (std::abs(m.change_kr_per_100kr) > kMaxTaxChange) {
      const std::string hint =
          std::abs(m.change_kr_per_100kr / 100.0) <= kMaxTaxChange
              ? fmt::format(" (kr per 100 kr is expected, 0.50 = 50 öre; if you meant öre: {:g})",
                            m.change_kr_per_100kr / 100.0)
              : "";
      throw InputError(fmt::format("{} is outside the allowed range [{:g}, {:g}] kr per 100 kr{}",
                                   describe(field, m.from_year, m.change_kr_per_100kr), -kMaxTaxChange,
                                   kMaxTaxChange, hint));
    }
  }
  for (std::size_t i = 0; i < measures.earned_income_changes.size(); ++i) {
    const EarnedIncomeChange& m = measures.earned_income_changes[i];
    if (m.income_year + 2 <= b || m.income_year + 2 > horizon_) {
      throw InputError(fmt::format("earned_income_changes[{}].income_year = {} reaches the tax base of {}, outside the "
                                   "projection years [{}, {}]; expected an income year in [{}, {}]",
                                   i, m.income_year, m.income_year + 2, b + 1, horizon_, b - 1, horizon_ - 2));
    }
    check_range(fmt::format("earned_income_changes[{}].amount_msek", i), m.income_year, m.amount_msek, -1.0e6, 1.0e6,
                "MSEK");
  }
  for (std::size_t i = 0; i < measures.disposals.size(); ++i) {
    const Disposal& d = measures.disposals[i];
    const Property& q = d.property;
    const std::string p = fmt::format("disposals[{}] ({}).", i, q.id);
    if (q.id.empty()) throw InputError(fmt::format("disposals[{}].property.id is empty; expected an id", i));
    for (std::size_t j = 0; j < i; ++j) {
      if (measures.disposals[j].property.id == q.id) {
        throw InputError(fmt::format("disposals: property '{}' is sold twice; expected each property once", q.id));
      }
    }
    if (d.year < b || d.year > horizon_) {
      throw InputError(fmt::format("{}year = {} is outside the projected years [{}, {}]", p, d.year, b, horizon_));
    }
    if (d.month < 1 || d.month > 12) {
      throw InputError(fmt::format("{}month = {} is outside the allowed range [1, 12]", p, d.month));
    }
    check_range(p + "property.area_m2", d.year, q.area_m2, 0.0, 1.0e7, "m²");
    check_range(p + "property.book_value_msek", d.year, q.book_value_msek, 0.0, 1.0e5, "MSEK");
    check_range(p + "property.market_value_msek", d.year, q.market_value_msek, 0.0, 1.0e5, "MSEK");
    check_range(p + "property.running_cost_msek", d.year, q.running_cost_msek, 0.0, 1.0e4, "MSEK");
    check_range(p + "property.depreciation_msek", d.year, q.depreciation_msek, 0.0, 1.0e4, "MSEK");
    check_share(p + "property.vacancy", d.year, q.vacancy);
    check_range(p + "property.external_rent_msek", d.year, q.external_rent_msek, 0.0, 1.0e4, "MSEK");
    if (d.price_msek >= 0.0 || !std::isfinite(d.price_msek)) {
      check_range(p + "price_msek", d.year, d.price_msek, 0.0, 1.0e5, "MSEK");
    }
    check_fraction(p + "debt_interest_rate", d.year, d.debt_interest_rate, 0.0, 0.2, "an interest rate");
  }
  for (std::size_t i = 0; i < measures.fixed_savings.size(); ++i) {
    const FixedSaving& f = measures.fixed_savings[i];
    const std::string p = fmt::format("fixed_savings[{}] ({}).", i, f.name);
    check_timing(p, "start_year", f.start_year, f.start_month, f.ramp_years, b, horizon_);
    check_range(p + "amount_msek", f.start_year, f.amount_msek, 0.0, 1.0e5, "MSEK");
    check_share(p + "realised_share", f.start_year, f.realised_share);
    if (f.labour_share >= 0.0 || !std::isfinite(f.labour_share)) check_share(p + "labour_share", f.start_year, f.labour_share);
    check_range(p + "one_off_cost_msek", f.start_year, f.one_off_cost_msek, 0.0, 1.0e5, "MSEK");
    if (!f.cost_line.empty()) {
      const Eigen::Index c = line_index(p + "cost_line", f.cost_line);
      if (f.amount_msek > base_cost_[c]) {
        throw InputError(fmt::format("{}amount_msek = {} exceeds the base-year cost of cost line '{}' ({:.1f} "
                                     "MSEK); expected at most that", p, f.amount_msek, f.cost_line, base_cost_[c]));
      }
    }
  }
  for (std::size_t i = 0; i < measures.work_lines.size(); ++i) {
    const WorkLinePolicy& m = measures.work_lines[i];
    const std::string p = fmt::format("work_lines[{}] ({}).", i, m.name);
    check_timing(p, "start_year", m.start_year, m.start_month, m.ramp_years, b, horizon_);
    check_range(p + "baseline_households", m.start_year, m.baseline_households, 0.0, 1.0e6, "households");
    check_range(p + "cost_per_household_kr", m.start_year, m.cost_per_household_kr, 0.0, 1.0e7, "kr per year");
    check_rate(p + "household_trend", m.start_year, m.household_trend);
    check_share(p + "target_reduction", m.start_year, m.target_reduction);
    check_share(p + "share_into_work", m.start_year, m.share_into_work);
    check_range(p + "earnings_per_person_kr", m.start_year, m.earnings_per_person_kr, 0.0, 1.0e8, "kr per year");
    check_range(p + "persons_per_household", m.start_year, m.persons_per_household, 0.0, 10.0, "persons");
    check_range(p + "implementation_cost_msek", m.start_year, m.implementation_cost_msek, 0.0, 1.0e5, "MSEK");
  }
  for (std::size_t i = 0; i < measures.efficiency.size(); ++i) {
    const EfficiencyMeasure& m = measures.efficiency[i];
    const std::string p = fmt::format("efficiency[{}].", i);
    check_timing(p, "from_year", m.from_year, m.start_month, m.ramp_years, b, horizon_);
    check_fraction(p + "rate", m.from_year, m.rate, 0.0, kMaxEfficiencyRate,
                   "an efficiency rate (fraction of the line's cost)");
    check_share(p + "realised_share", m.from_year, m.realised_share);
    check_range(p + "one_off_cost_msek", m.from_year, m.one_off_cost_msek, 0.0, 1.0e5, "MSEK");
    if (!m.cost_line.empty()) line_index(p + "cost_line", m.cost_line);
  }
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
  out.resize(n_);
  const int b = base_.year;
  for (Eigen::Index k = 0; k < n_; ++k) out.years[static_cast<std::size_t>(k)] = b + static_cast<int>(k);

  out.grant_items = items_;  // copies into the preallocated matrix when sizes match
  if (out.grant_item_names.size() != item_names_.size()) out.grant_item_names = item_names_;

  // Cost lines: lines outer, years inner, so no per-line state needs storage. Efficiency measures multiply the
  // line's cost by their level; in a measure's first year only the remaining months' share of its step counts.
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
        factor *= year == m.from_year ? 1.0 - remaining_year_share(m.start_month) * (1.0 - level) : level;
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
  for (const WorkLinePolicy& m : measures.work_lines) {
    double households = m.baseline_households;
    double cost_per_household = m.cost_per_household_kr;
    double earnings_per_person = m.earnings_per_person_kr;
    double implementation = m.implementation_cost_msek;
    for (Eigen::Index k = 0; k < n_; ++k) {
      const int year = b + static_cast<int>(k);
      if (k > 0) {
        households *= 1.0 + m.household_trend;
        cost_per_household *= 1.0 + other_[k];
        earnings_per_person *= 1.0 + labour_[k];
        implementation *= 1.0 + labour_[k];
      }
      if (year < m.start_year) continue;
      const double months = year == m.start_year ? remaining_year_share(m.start_month) : 1.0;
      const double ramp = std::min(1.0, static_cast<double>(year - m.start_year + 1) / m.ramp_years);
      const double reduced = households * m.target_reduction * ramp;
      out.work_line_households_reduced[k] += reduced;
      out.work_line_saving[k] += reduced * cost_per_household * months / 1e6;
      out.work_line_cost[k] += implementation * months;
      out.work_line_earnings[k] +=
          reduced * m.share_into_work * m.persons_per_household * earnings_per_person * months / 1e6;
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
  for (const Disposal& d : measures.disposals) {
    const Property& q = d.property;
    const double price = d.price_msek < 0.0 ? q.market_value_msek : d.price_msek;
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
      if (year == d.year) out.disposal_realisation_gain[k] += price - q.book_value_msek;
      out.disposal_running_cost_saved[k] += running * months;
      out.disposal_depreciation_saved[k] += q.depreciation_msek * months;
      out.disposal_interest_saved[k] += price * d.debt_interest_rate * months;
      out.disposal_external_rent[k] += rent * months;
    }
  }
  out.operating_costs += out.disposal_running_cost_saved - out.disposal_external_rent;

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
      from_work = out.work_line_earnings[k - 2];
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
    if (!(rate > 0.0 && rate <= 50.0)) {
      throw InputError(fmt::format("tax_rate_kr_per_100kr[{}] = {:g} after tax changes of {:g} is outside the allowed "
                                   "range (0, 50] kr per 100 kr",
                                   year, rate, change));
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
      const double own_capacity = base_for_equalisation * 1e6 / population_[k];
      const double equalisation =
          k == 0 ? base_.income_equalisation_msek
                 : income_equalisation_msek(base_.equalisation, own_capacity, national_capacity_[k], population_[k]);
      out.equalisation_tax_base[k] = base_for_equalisation;
      out.own_tax_capacity[k] = own_capacity;
      out.national_tax_capacity[k] = national_capacity_[k];
      out.population[k] = population_[k];
      out.equalisation_change_per_krona[k] =
          equalisation_change_per_krona(base_.equalisation, own_capacity, national_capacity_[k]);
      out.income_equalisation[k] = equalisation;
      out.other_general_grants[k] = items_.col(k).sum();
      out.general_grants[k] = equalisation + out.other_general_grants[k];
    } else {
      out.equalisation_tax_base[k] = 0.0;
      out.own_tax_capacity[k] = 0.0;
      out.national_tax_capacity[k] = 0.0;
      out.population[k] = 0.0;
      out.equalisation_change_per_krona[k] = 0.0;
      out.income_equalisation[k] = 0.0;
      out.other_general_grants[k] = grants_[k];
      out.general_grants[k] = grants_[k];
    }
    out.kept_per_krona[k] = rate / 100.0 + out.equalisation_change_per_krona[k];
    out.work_line_tax_gain[k] = rate / 100.0 * out.work_line_tax_base[k];
    out.work_line_equalisation_change[k] = out.equalisation_change_per_krona[k] * out.work_line_tax_base[k] + 0.0;
    out.work_line_net[k] = out.work_line_saving[k] - out.work_line_cost[k] + out.work_line_tax_gain[k] +
                           out.work_line_equalisation_change[k];
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
    out.net_operating_cost[k] = out.operating_income[k] + out.operating_costs[k] + out.depreciation[k];
    out.operating_result[k] = out.net_operating_cost[k] + out.tax_revenue[k] + out.general_grants[k];
    out.financial_income[k] = fin_income_[k];
    // Interest saved lowers the financial costs; beyond them it is a return on the proceeds (financial income).
    const double interest_saved = out.disposal_interest_saved[k];
    out.financial_costs[k] = 0.0 - std::max(0.0, fin_costs_[k] - interest_saved);
    out.financial_income[k] += std::max(0.0, interest_saved - fin_costs_[k]);
    out.disposal_net_balanced_budget[k] = out.disposal_running_cost_saved[k] + out.disposal_depreciation_saved[k] +
                                          interest_saved - out.disposal_external_rent[k] + disposal_loss;
    out.disposal_net[k] = out.disposal_net_balanced_budget[k] + disposal_gain;
    out.result[k] = out.operating_result[k] + out.financial_income[k] + out.financial_costs[k];
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
}

IncomeStatement project(const BaseYearState& base, const Assumptions& assumptions, int horizon,
                        const Measures& measures) {
  return Projector(base, assumptions, horizon).run(measures);
}

}  // namespace kommunbudget
