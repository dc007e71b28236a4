#include "kommunbudget/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <thread>

#include <boost/math/special_functions/beta.hpp>
#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/errors.hpp"
#include "parallel.hpp"
#include "kommunbudget/limits.hpp"
#include "kommunbudget/shocks.hpp"

namespace kommunbudget {

namespace {

constexpr std::array<ShockKind, 9> kAllKinds = {
    ShockKind::LabourCostChange,    ShockKind::OtherCostChange,      ShockKind::TaxBaseGrowth,
    ShockKind::NationalTaxCapacityGrowth, ShockKind::VolumeGrowth, ShockKind::PopulationGrowth,
    ShockKind::AssistanceHouseholds, ShockKind::MeasureRealisation, ShockKind::SalePrice};
constexpr int kYearlyKinds = 7;  // the first seven kinds of the enum

// The counter "year" of the per-draw normals: never a year index (a horizon has at most 51 years), so they never
// collide with the yearly ones and do not depend on the horizon. Shock 0: realisation, shock 1: sale price.
constexpr std::uint32_t kPerDrawYear = 0xFFFFFFFFu;

// Beta quantile table: kTableCells cells of z over [−kTableZ, kTableZ] (kTableCells + 1 points).
constexpr int kTableCells = 4096;
// The realisation's sd is capped at this fraction of the largest possible, √(s(1 − s)) (α + β = 1/c² − 1 = 0.23).
constexpr double kRealisationCap = 0.9;

// A degenerate pilot range (every pilot draw equal, e.g. the base year): the span used instead, in the value's unit.
constexpr double kMinSpan = 1e-6;
// |q| at most 2^46: Σq² over up to 2^30 draws stays below 2^122 (int128).
constexpr double kMaxScaled = 70368744177664.0;  // 2^46

std::string years_text(const Projector& p) { return fmt::format("[{}, {}]", p.base_year(), p.horizon()); }

}  // namespace

const char* to_string(ShockKind kind) {
  switch (kind) {
    case ShockKind::LabourCostChange:
      return "labour_cost_change";
    case ShockKind::OtherCostChange:
      return "other_cost_change";
    case ShockKind::TaxBaseGrowth:
      return "tax_base_growth";
    case ShockKind::NationalTaxCapacityGrowth:
      return "national_tax_capacity_growth";
    case ShockKind::VolumeGrowth:
      return "volume_growth";
    case ShockKind::PopulationGrowth:
      return "population_growth";
    case ShockKind::AssistanceHouseholds:
      return "assistance_households";
    case ShockKind::MeasureRealisation:
      return "measure_realisation";
    case ShockKind::SalePrice:
      return "sale_price";
  }
  return "unknown";
}

std::vector<std::string> shock_kind_names() {
  std::vector<std::string> out;
  for (ShockKind k : kAllKinds) out.emplace_back(to_string(k));
  return out;
}

ShockKind shock_kind(std::string_view name) {
  for (ShockKind k : kAllKinds) {
    if (name == to_string(k)) return k;
  }
  std::string known;
  for (ShockKind k : kAllKinds) known += (known.empty() ? "" : ", ") + std::string(to_string(k));
  throw InputError(fmt::format("shock '{}' is not a known shock; expected one of: {}", name, known));
}

bool is_yearly(ShockKind kind) { return static_cast<int>(kind) < kYearlyKinds; }

const char* to_string(MonteCarloOutput output) {
  switch (output) {
    case MonteCarloOutput::Result:
      return "result";
    case MonteCarloOutput::BalancedBudgetResult:
      return "balanced_budget_result";
    case MonteCarloOutput::ResultShare:
      return "result_share";
  }
  return "unknown";
}

MonteCarloOutput monte_carlo_output(std::string_view name) {
  for (MonteCarloOutput o :
       {MonteCarloOutput::Result, MonteCarloOutput::BalancedBudgetResult, MonteCarloOutput::ResultShare}) {
    if (name == to_string(o)) return o;
  }
  throw InputError(fmt::format("output '{}' is not summarised; expected one of: result, balanced_budget_result, "
                               "result_share",
                               name));
}

// ---------------------------------------------------------------------------------------------------------------
// ValueStats

void ValueStats::set_bins(double lo, double hi, int bins) {
  double span = hi - lo;
  if (!(span >= kMinSpan)) span = kMinSpan;
  low = lo - span;
  width = 3.0 * span / bins;
  counts.assign(static_cast<std::size_t>(bins) + 2, 0);
  min = std::numeric_limits<double>::infinity();
  max = -std::numeric_limits<double>::infinity();
  centre = 0.5 * (lo + hi);
  int e = 0;
  std::frexp(3.0 * span, &e);  // 3·span = m·2^e, m in [0.5, 1): 3·span·2^(32 − e) < 2^32
  exponent = 32 - e;
  sum = 0;
  sum_squares = 0;
}

void ValueStats::add(double x) {
  if (!std::isfinite(x)) throw ComputationError(fmt::format("a summarised value is {}; expected a finite number", x));
  const auto bins = static_cast<double>(counts.size() - 2);
  const double pos = (x - low) / width;
  std::size_t bin = 0;
  if (pos >= bins) {
    bin = counts.size() - 1;
  } else if (pos >= 0.0) {
    bin = std::min(static_cast<std::size_t>(pos) + 1, counts.size() - 2);
  }
  ++counts[bin];
  min = std::min(min, x);
  max = std::max(max, x);
  const double scaled = std::ldexp(x - centre, exponent);
  if (!(std::abs(scaled) <= kMaxScaled)) {
    throw ComputationError(fmt::format("the value {} lies more than 2^14 histogram ranges from the pilot draws' range "
                                       "around {}; the exact sums cannot hold it",
                                       x, centre));
  }
  const auto q = static_cast<std::int64_t>(std::llround(scaled));
  sum += q;
  sum_squares += static_cast<MonteCarloInt128>(q) * q;
}

void ValueStats::merge(const ValueStats& other) {
  if (other.counts.size() != counts.size() || other.low != low || other.width != width || other.centre != centre ||
      other.exponent != exponent) {
    throw ComputationError("statistics with different bins cannot be merged");
  }
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += other.counts[i];
  min = std::min(min, other.min);
  max = std::max(max, other.max);
  sum += other.sum;
  sum_squares += other.sum_squares;
}

std::uint64_t ValueStats::count() const {
  std::uint64_t n = 0;
  for (std::uint64_t c : counts) n += c;
  return n;
}

double ValueStats::mean() const {
  const std::uint64_t n = count();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const long double m = static_cast<long double>(sum) / static_cast<long double>(n);
  return centre + static_cast<double>(std::ldexp(m, -exponent));
}

double ValueStats::sd() const {
  const std::uint64_t n = count();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  if (n == 1) return 0.0;
  const auto s = static_cast<long double>(sum);
  const long double nn = static_cast<long double>(n);
  const long double var = (static_cast<long double>(sum_squares) - s * s / nn) / (nn - 1.0L);
  return static_cast<double>(std::ldexp(std::sqrt(std::max(var, 0.0L)), -exponent));
}

double ValueStats::quantile(double q, bool* outside_bins) const {
  if (outside_bins != nullptr) *outside_bins = false;
  const std::uint64_t n = count();
  if (n == 0 || !(q >= 0.0 && q <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (q == 0.0) return min;
  if (q == 1.0) return max;
  const double target = q * static_cast<double>(n);
  auto rank = static_cast<std::uint64_t>(std::ceil(target));  // the ⌈q·n⌉-th smallest value
  rank = std::clamp<std::uint64_t>(rank, 1, n);
  std::uint64_t before = 0;
  std::size_t bin = 0;
  for (; bin < counts.size(); ++bin) {
    if (before + counts[bin] >= rank) break;
    before += counts[bin];
  }
  if (bin == 0 || bin >= counts.size() - 1) {
    if (outside_bins != nullptr) *outside_bins = true;
    return bin == 0 ? min : max;
  }
  const double fraction = std::clamp((target - static_cast<double>(before)) / static_cast<double>(counts[bin]), 0.0,
                                     1.0);
  const double value = low + (static_cast<double>(bin - 1) + fraction) * width;
  return std::clamp(value, min, max);
}

// ---------------------------------------------------------------------------------------------------------------
// MonteCarloSummary

std::uint64_t MonteCarloSummary::n_draws() const { return required_change.count(); }

const ValueStats& MonteCarloSummary::stats(MonteCarloOutput output, Eigen::Index year_index) const {
  if (year_index < 0 || year_index >= static_cast<Eigen::Index>(years.size())) {
    throw InputError(fmt::format("year index {} is outside the summary's {} years", year_index, years.size()));
  }
  return yearly[static_cast<std::size_t>(output)][static_cast<std::size_t>(year_index)];
}

namespace {

std::string shocks_text(const std::vector<ShockSpec>& shocks) {
  std::string out;
  for (const ShockSpec& s : shocks) out += fmt::format("{}{}={:g}", out.empty() ? "" : ", ", to_string(s.kind), s.sd);
  return out.empty() ? "none" : out;
}

bool same_bins(const ValueStats& a, const ValueStats& b) {
  return a.counts.size() == b.counts.size() && a.low == b.low && a.width == b.width && a.centre == b.centre &&
         a.exponent == b.exponent;
}

}  // namespace

void MonteCarloSummary::merge(const MonteCarloSummary& other) {
  const auto differ = [](const std::string& what, const std::string& mine, const std::string& theirs) {
    return InputError(fmt::format("merge: the summaries differ in {} ({} vs {}); expected summaries of the same spec "
                                  "(only first_draw and n_draws may differ)",
                                  what, mine, theirs));
  };
  const MonteCarloSpec& a = spec;
  const MonteCarloSpec& b = other.spec;
  if (a.seed != b.seed) throw differ("seed", std::to_string(a.seed), std::to_string(b.seed));
  if (years != other.years) {
    throw differ("years", fmt::format("{}-{}", years.front(), years.back()),
                 fmt::format("{}-{}", other.years.front(), other.years.back()));
  }
  bool same_shocks = a.shocks.size() == b.shocks.size();
  for (std::size_t i = 0; same_shocks && i < a.shocks.size(); ++i) {
    same_shocks = a.shocks[i].kind == b.shocks[i].kind && a.shocks[i].sd == b.shocks[i].sd;
  }
  if (!same_shocks) throw differ("shocks", shocks_text(a.shocks), shocks_text(b.shocks));
  if (a.correlation.rows() != b.correlation.rows() || a.correlation.cols() != b.correlation.cols() ||
      a.correlation != b.correlation) {
    throw differ("correlation", "one matrix", "another");
  }
  if (a.first_shocked_year != b.first_shocked_year) {
    throw differ("first_shocked_year", std::to_string(a.first_shocked_year), std::to_string(b.first_shocked_year));
  }
  if (a.target.kind != b.target.kind || a.target.share != b.target.share) {
    throw differ("target", describe(a.target), describe(b.target));
  }
  if (a.from_year != b.from_year) throw differ("from_year", std::to_string(a.from_year), std::to_string(b.from_year));
  if (a.assistance_cost_line != b.assistance_cost_line) {
    throw differ("assistance_cost_line", std::to_string(a.assistance_cost_line),
                 std::to_string(b.assistance_cost_line));
  }
  if (a.bins != b.bins) throw differ("bins", std::to_string(a.bins), std::to_string(b.bins));
  bool bins_equal = same_bins(required_change, other.required_change);
  for (std::size_t o = 0; bins_equal && o < yearly.size(); ++o) {
    for (std::size_t t = 0; bins_equal && t < yearly[o].size(); ++t) bins_equal = same_bins(yearly[o][t], other.yearly[o][t]);
  }
  if (!bins_equal) {
    throw differ("the pilot's histogram bins", "one projection", "another (a different municipality, horizon or measures?)");
  }
  for (const auto& r : draw_ranges) {
    for (const auto& s : other.draw_ranges) {
      if (r.first < s.second && s.first < r.second) {
        throw InputError(fmt::format("merge: draws {}-{} are in both summaries; expected summaries of disjoint draws",
                                     std::max(r.first, s.first), std::min(r.second, s.second) - 1));
      }
    }
  }
  for (std::size_t o = 0; o < yearly.size(); ++o) {
    for (std::size_t t = 0; t < yearly[o].size(); ++t) yearly[o][t].merge(other.yearly[o][t]);
  }
  required_change.merge(other.required_change);
  for (std::size_t t = 0; t < years.size(); ++t) {
    requirement_missed[t] += other.requirement_missed[t];
    restoration_missed[t] += other.restoration_missed[t];
    target_missed[t] += other.target_missed[t];
  }
  rise_needed += other.rise_needed;
  draw_ranges.insert(draw_ranges.end(), other.draw_ranges.begin(), other.draw_ranges.end());
  std::sort(draw_ranges.begin(), draw_ranges.end());
  // Kept draws: both or none; rows ordered by draw index.
  if (kept_draw.empty() || other.kept_draw.empty()) {
    kept_draw.clear();
    kept_result.resize(0, 0);
    kept_balanced_budget_result.resize(0, 0);
    kept_result_share.resize(0, 0);
    kept_required_change.resize(0);
    spec.keep_draws = false;
    return;
  }
  const auto n_a = static_cast<Eigen::Index>(kept_draw.size());
  const auto n_b = static_cast<Eigen::Index>(other.kept_draw.size());
  std::vector<std::pair<std::uint64_t, Eigen::Index>> order;  // (draw, row in the stacked matrices)
  for (Eigen::Index i = 0; i < n_a; ++i) order.emplace_back(kept_draw[static_cast<std::size_t>(i)], i);
  for (Eigen::Index i = 0; i < n_b; ++i) order.emplace_back(other.kept_draw[static_cast<std::size_t>(i)], n_a + i);
  std::sort(order.begin(), order.end());
  const auto stack = [&](const DrawMatrix& x, const DrawMatrix& y) {
    DrawMatrix out(n_a + n_b, x.cols());
    for (std::size_t r = 0; r < order.size(); ++r) {
      const Eigen::Index src = order[r].second;
      out.row(static_cast<Eigen::Index>(r)) = src < n_a ? x.row(src) : y.row(src - n_a);
    }
    return out;
  };
  kept_result = stack(kept_result, other.kept_result);
  kept_balanced_budget_result = stack(kept_balanced_budget_result, other.kept_balanced_budget_result);
  kept_result_share = stack(kept_result_share, other.kept_result_share);
  Eigen::VectorXd change(n_a + n_b);
  for (std::size_t r = 0; r < order.size(); ++r) {
    const Eigen::Index src = order[r].second;
    change[static_cast<Eigen::Index>(r)] = src < n_a ? kept_required_change[src] : other.kept_required_change[src - n_a];
  }
  kept_required_change = change;
  kept_draw.clear();
  for (const auto& o : order) kept_draw.push_back(o.first);
}

// ---------------------------------------------------------------------------------------------------------------
// The engine

namespace {

// Everything fixed for a call: checked spec, factor, tables, base values.
struct Plan {
  const MonteCarloSpec* spec = nullptr;
  Eigen::Index n = 0;                 // years
  Eigen::Index first = 1;             // first shocked year index
  int k = 0;                          // yearly shocks
  std::array<int, kYearlyKinds> slot{};  // position of each yearly kind among the yearly shocks, −1 = not shocked
  Eigen::MatrixXd scaled;             // diag(sd) · F, k × k
  bool realisation = false;
  bool sale = false;
  double sale_sd = 0.0;
  // measure_realisation: per measure (efficiency, fixed savings, work lines) the table (empty: fixed at planned)
  std::vector<std::vector<double>> tables;
  std::vector<double> planned;
  std::vector<double> used_sd;
  std::vector<double> table_error;
  std::vector<double> base_price;     // per disposal: the price (the market value for a negative price_msek)
  Eigen::VectorXd national_growth;    // per year (itemised grants)
  std::vector<Eigen::Index> lowest_line, highest_line;  // per year: the lines with the lowest and highest volume
  double lowest_trend = 0.0, highest_trend = 0.0;        // work lines' household_trend
  bool recompute_net_share = false;
  bool grants_follow = false;
};

bool shocked(const Plan& plan, ShockKind kind) { return plan.slot[static_cast<std::size_t>(kind)] >= 0; }

// The table runs over the NORMAL z (u = Φ(z)), not over u: the Beta quantile is smooth in z even where it is
// steep in u (near u = 0 or 1 when α or β exceeds 1), so linear interpolation stays accurate in the tails.
constexpr double kTableZ = 8.5;  // |z| > 8.5 has probability 2e-17: clamped to the table's ends

double beta_table_value(const std::vector<double>& table, double z) {
  const double pos = (std::clamp(z, -kTableZ, kTableZ) + kTableZ) / (2.0 * kTableZ) * kTableCells;
  const int i = std::clamp(static_cast<int>(pos), 0, kTableCells - 1);
  const double f = pos - i;
  const auto j = static_cast<std::size_t>(i);
  return table[j] + f * (table[j + 1] - table[j]);
}

// The Beta quantile at u = Φ(z), from the side where the tail probability is accurate (ibeta_inv below the median
// of z, ibetac_inv above: 1 − Φ(z) would round to 0 for large z).
double beta_quantile(double alpha, double beta, double z) {
  const double tail = 0.5 * std::erfc(std::abs(z) / std::sqrt(2.0));  // Φ(−|z|)
  return z <= 0.0 ? boost::math::ibeta_inv(alpha, beta, tail) : boost::math::ibetac_inv(alpha, beta, tail);
}

// The Beta quantile table of mean s and standard deviation sd (0 < s < 1, 0 < sd < √(s(1 − s))) over z, and its
// largest error at the cell midpoints.
std::vector<double> beta_table(double s, double sd, double& error) {
  const double nu = s * (1.0 - s) / (sd * sd) - 1.0;
  const double alpha = s * nu;
  const double beta = (1.0 - s) * nu;
  const double h = 2.0 * kTableZ / kTableCells;
  std::vector<double> table(kTableCells + 1);
  for (int i = 0; i <= kTableCells; ++i) table[static_cast<std::size_t>(i)] = beta_quantile(alpha, beta, -kTableZ + i * h);
  error = 0.0;
  for (int i = 0; i < kTableCells; ++i) {
    const double z = -kTableZ + (i + 0.5) * h;
    error = std::max(error, std::abs(beta_table_value(table, z) - beta_quantile(alpha, beta, z)));
  }
  return table;
}

struct Accumulator {
  std::vector<std::vector<ValueStats>> yearly;  // [output][year]
  ValueStats required;
  std::vector<std::uint64_t> requirement_missed, restoration_missed, target_missed;
  std::uint64_t rise = 0;
};

}  // namespace

/// Access to Projector's flattened inputs for the Monte Carlo engine (a friend of Projector).
struct MonteCarloAccess {
  struct Worker {
    Projector p;
    Measures m;
    IncomeStatement s;
    std::vector<double> z;
    std::vector<double> x;
    Eigen::VectorXd gap, extra, required;
    double change = 0.0;
    explicit Worker(const Projector& base, const Measures& measures, const Plan& plan) : p(base), m(measures) {
      s.resize(base.n_);
      z.resize(static_cast<std::size_t>(plan.n * plan.k));
      x.resize(static_cast<std::size_t>(plan.k));
      gap.resize(base.n_);
      extra.resize(base.n_);
      required.resize(base.n_);
      if (shocked(plan, ShockKind::AssistanceHouseholds)) p.household_trend_shock_.setZero(base.n_);
      // The measures' prices resolved once: a negative price_msek (the market value) becomes the value itself.
      for (std::size_t i = 0; i < m.disposals.size(); ++i) m.disposals[i].price_msek = plan.base_price[i];
    }
  };

  static void plan_projector(const Projector& p, const Measures& measures, Plan& plan) {
    const Eigen::Index n = p.n_;
    plan.national_growth = Eigen::VectorXd::Zero(n);
    if (p.base_.itemised_grants) {
      for (Eigen::Index k = 1; k < n; ++k) {
        plan.national_growth[k] = p.assumptions_.national_tax_capacity_growth.at(p.base_.year + static_cast<int>(k));
      }
    }
    plan.lowest_line.assign(static_cast<std::size_t>(n), 0);
    plan.highest_line.assign(static_cast<std::size_t>(n), 0);
    for (Eigen::Index k = 0; k < n && p.volume_.rows() > 0; ++k) {
      p.volume_.col(k).minCoeff(&plan.lowest_line[static_cast<std::size_t>(k)]);
      p.volume_.col(k).maxCoeff(&plan.highest_line[static_cast<std::size_t>(k)]);
    }
    p.validate_measures(measures);  // once: the per-draw edits stay inside the ranges (checked where they may not)
  }

  [[noreturn]] static void out_of_range(std::uint64_t draw, int year, ShockKind kind, double shock,
                                        const std::string& what, double value, const FieldLimit& row, double sd) {
    throw InputError(fmt::format("draw {}: the {} shock {:+.6g} in {} makes {} = {:.6g}, outside the allowed range {}; "
                                 "expected a smaller standard deviation than {:g} (or fewer draws far in the tail)",
                                 draw, to_string(kind), shock, year, what, value, format_range(row), sd));
  }

  // Sets the worker's projector and measures for draw d.
  static void apply(const Plan& plan, const Projector& base, std::uint64_t d, Worker& w) {
    static const FieldLimit& labour_row = field_limit("PriceIndex", "labour_cost_change");
    static const FieldLimit& other_row = field_limit("PriceIndex", "other_cost_change");
    static const FieldLimit& tax_row = field_limit("Assumptions", "tax_base_growth");
    static const FieldLimit& national_row = field_limit("Assumptions", "national_tax_capacity_growth");
    static const FieldLimit& volume_row = field_limit("CostLine", "volume_growth");
    static const FieldLimit& population_row = field_limit("per_inhabitant_growth", "population_growth");
    static const FieldLimit& trend_row = field_limit("WorkLinePolicy", "household_trend");
    static const FieldLimit& price_row = field_limit("Disposal", "price_msek");
    const MonteCarloSpec& spec = *plan.spec;
    Projector& p = w.p;
    const Eigen::Index n = plan.n;
    const int k = plan.k;
    const auto sd_of = [&](ShockKind kind) { return plan.scaled.row(plan.slot[static_cast<std::size_t>(kind)]).norm(); };
    if (k > 0) {
      standard_normals(spec.seed, d, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(k), w.z.data());
      const int i_labour = plan.slot[static_cast<std::size_t>(ShockKind::LabourCostChange)];
      const int i_other = plan.slot[static_cast<std::size_t>(ShockKind::OtherCostChange)];
      const int i_tax = plan.slot[static_cast<std::size_t>(ShockKind::TaxBaseGrowth)];
      const int i_national = plan.slot[static_cast<std::size_t>(ShockKind::NationalTaxCapacityGrowth)];
      const int i_volume = plan.slot[static_cast<std::size_t>(ShockKind::VolumeGrowth)];
      const int i_population = plan.slot[static_cast<std::size_t>(ShockKind::PopulationGrowth)];
      const int i_households = plan.slot[static_cast<std::size_t>(ShockKind::AssistanceHouseholds)];
      const bool itemised = base.base_.itemised_grants;
      double population_factor = 1.0;
      for (Eigen::Index t = plan.first; t < n; ++t) {
        const int year = base.base_.year + static_cast<int>(t);
        const double* z = w.z.data() + t * k;
        // x = diag(sd)·F·z, summed as fill_shocks sums it (bit-identical to draw_shocks).
        for (int s = 0; s < k; ++s) {
          double x = 0.0;
          for (int j = 0; j < k; ++j) x += plan.scaled(s, j) * z[j];
          w.x[static_cast<std::size_t>(s)] = x;
        }
        if (i_labour >= 0) {
          const double x = w.x[static_cast<std::size_t>(i_labour)];
          const double v = base.labour_[t] + x;
          if (!within_limit(labour_row, v)) {
            out_of_range(d, year, ShockKind::LabourCostChange, x, "labour_cost_change", v, labour_row,
                         sd_of(ShockKind::LabourCostChange));
          }
          p.labour_[t] = v;
        }
        if (i_other >= 0) {
          const double x = w.x[static_cast<std::size_t>(i_other)];
          const double v = base.other_[t] + x;
          if (!within_limit(other_row, v)) {
            out_of_range(d, year, ShockKind::OtherCostChange, x, "other_cost_change", v, other_row,
                         sd_of(ShockKind::OtherCostChange));
          }
          p.other_[t] = v;
        }
        const double eps = i_population >= 0 ? w.x[static_cast<std::size_t>(i_population)] : 0.0;
        if (i_population >= 0) {
          if (!within_limit(population_row, eps)) {
            out_of_range(d, year, ShockKind::PopulationGrowth, eps, "the population growth", eps, population_row,
                         sd_of(ShockKind::PopulationGrowth));
          }
          if (itemised) {
            population_factor *= 1.0 + eps;
            p.population_[t] = base.population_[t] * population_factor;
          }
        }
        if (i_tax >= 0 || i_population >= 0) {
          double g = base.tax_base_growth_[t];
          if (i_tax >= 0) g = g + w.x[static_cast<std::size_t>(i_tax)];
          if (eps != 0.0) g = (1.0 + g) * (1.0 + eps) - 1.0;  // skatteunderlag = skattekraft × invånare
          if (!within_limit(tax_row, g)) {
            const ShockKind kind = i_tax >= 0 ? ShockKind::TaxBaseGrowth : ShockKind::PopulationGrowth;
            out_of_range(d, year, kind, i_tax >= 0 ? w.x[static_cast<std::size_t>(i_tax)] : eps, "tax_base_growth", g,
                         tax_row, sd_of(kind));
          }
          p.tax_base_growth_[t] = g;
        }
        if (i_national >= 0) {
          const double x = w.x[static_cast<std::size_t>(i_national)];
          const double g = plan.national_growth[t] + x;
          if (!within_limit(national_row, g)) {
            out_of_range(d, year, ShockKind::NationalTaxCapacityGrowth, x, "national_tax_capacity_growth", g,
                         national_row, sd_of(ShockKind::NationalTaxCapacityGrowth));
          }
          // As the constructor builds the path: capacity[t] = capacity[t − 1] × (1 + growth of year t).
          p.national_capacity_[t] = p.national_capacity_[t - 1] * (1.0 + g);
        }
        if (i_volume >= 0 || i_population >= 0) {
          const double x = i_volume >= 0 ? w.x[static_cast<std::size_t>(i_volume)] : 0.0;
          const Eigen::Index n_lines = p.volume_.rows();
          for (Eigen::Index c = 0; c < n_lines; ++c) {
            double v = base.volume_(c, t);
            if (i_volume >= 0) v = v + x;
            if (eps != 0.0) v = (1.0 + v) * (1.0 + eps) - 1.0;  // a constant real cost per inhabitant
            p.volume_(c, t) = v;
          }
          // Monotone in the base volume growth: the lowest and highest lines are in range exactly when all are.
          for (const Eigen::Index c :
               {plan.lowest_line[static_cast<std::size_t>(t)], plan.highest_line[static_cast<std::size_t>(t)]}) {
            if (c >= n_lines || within_limit(volume_row, p.volume_(c, t))) continue;
            const ShockKind kind = i_volume >= 0 ? ShockKind::VolumeGrowth : ShockKind::PopulationGrowth;
            out_of_range(d, year, kind, i_volume >= 0 ? x : eps,
                         fmt::format("volume_growth of '{}'", base.base_.cost_lines[static_cast<std::size_t>(c)].name),
                         p.volume_(c, t), volume_row, sd_of(kind));
          }
        }
        if (i_households >= 0) {
          const double x = w.x[static_cast<std::size_t>(i_households)];
          p.household_trend_shock_[t] = x;
          for (const double trend : {plan.lowest_trend, plan.highest_trend}) {
            if (w.m.work_lines.empty() || within_limit(trend_row, trend + x)) continue;
            out_of_range(d, year, ShockKind::AssistanceHouseholds, x, "a work line's household_trend", trend + x,
                         trend_row, sd_of(ShockKind::AssistanceHouseholds));
          }
          const int c = spec.assistance_cost_line;
          if (c >= 0) {
            // The line's volume is the households on assistance (a constant real cost per household): its growth
            // takes the households shock on top of the volume and population shocks set above (else the baseline's).
            const double v = (i_volume >= 0 || i_population >= 0) ? p.volume_(c, t) : base.volume_(c, t);
            p.volume_(c, t) = v + x;
            if (!within_limit(volume_row, p.volume_(c, t))) {
              out_of_range(d, year, ShockKind::AssistanceHouseholds, x,
                           fmt::format("volume_growth of '{}'", base.base_.cost_lines[static_cast<std::size_t>(c)].name),
                           p.volume_(c, t), volume_row, sd_of(ShockKind::AssistanceHouseholds));
            }
          }
        }
      }
      if (plan.grants_follow) p.compute_grants();  // resizes are no-ops: no allocation
      if (plan.recompute_net_share) p.compute_net_share();
    }
    if (plan.realisation) {
      // One normal z, so one uniform u = Φ(z), for every measure: comonotone realisations.
      const double z = standard_normal(spec.seed, d, kPerDrawYear, 0);
      std::size_t i = 0;
      const auto value = [&](double planned) {
        const std::vector<double>& table = plan.tables[i++];
        return table.empty() ? planned : beta_table_value(table, z);
      };
      for (std::size_t j = 0; j < w.m.efficiency.size(); ++j) w.m.efficiency[j].realised_share = value(plan.planned[i]);
      for (std::size_t j = 0; j < w.m.fixed_savings.size(); ++j) {
        w.m.fixed_savings[j].realised_share = value(plan.planned[i]);
      }
      for (std::size_t j = 0; j < w.m.work_lines.size(); ++j) w.m.work_lines[j].target_reduction = value(plan.planned[i]);
    }
    if (plan.sale) {
      const double z = standard_normal(spec.seed, d, kPerDrawYear, 1);
      const double factor = std::exp(plan.sale_sd * z - 0.5 * plan.sale_sd * plan.sale_sd);  // lognormal, mean 1
      for (std::size_t j = 0; j < w.m.disposals.size(); ++j) {
        const double price = plan.base_price[j] * factor;
        if (!within_limit(price_row, price)) {
          throw InputError(fmt::format("draw {}: the sale_price factor {:.6g} makes disposals[{}] ({}).price_msek = "
                                       "{:.6g}, outside the allowed range {}; expected a smaller standard deviation "
                                       "than {:g}",
                                       d, factor, j, w.m.disposals[j].property.id, price, format_range(price_row),
                                       plan.sale_sd));
        }
        w.m.disposals[j].price_msek = price;
      }
    }
  }

  // Draw d: shocks, projection, required change, into the worker's statement. Errors name the draw.
  static void project(const Plan& plan, const Projector& base, std::uint64_t d, Worker& w) {
    const MonteCarloSpec& spec = *plan.spec;
    apply(plan, base, d, w);
    try {
      w.p.project_into(w.m, w.s);
      target_gap_into(w.s, spec.target, w.gap);
      w.change = required_sustained_change_reusing(w.s, spec.target, spec.from_year, w.extra, w.required);
    } catch (const InputError& e) {
      throw InputError(fmt::format("draw {}: {}", d, e.what()));
    } catch (const ComputationError& e) {
      throw ComputationError(fmt::format("draw {}: {}", d, e.what()));
    }
  }
};

namespace {

void accumulate(const IncomeStatement& s, const Eigen::VectorXd& gap, double change, Accumulator& a) {
  const Eigen::Index n = s.result.size();
  for (Eigen::Index t = 0; t < n; ++t) {
    const auto y = static_cast<std::size_t>(t);
    a.yearly[0][y].add(s.result[t]);
    a.yearly[1][y].add(s.balanced_budget_result[t]);
    a.yearly[2][y].add(s.result_share[t]);
    if (s.balanced_budget_result[t] < -kTargetToleranceMsek) ++a.requirement_missed[y];
    if (s.restoration_required[t] - s.balanced_budget_result[t] > kTargetToleranceMsek) ++a.restoration_missed[y];
    if (gap[t] > kTargetToleranceMsek) ++a.target_missed[y];
  }
  a.required.add(change);
  if (round_up_to_ore(change) > 0.0) ++a.rise;
}

void check_spec(const Projector& projector, const MonteCarloSpec& spec) {
  static const FieldLimit& sd_row = field_limit("MonteCarloSpec", "sd");
  static const FieldLimit& draws_row = field_limit("MonteCarloSpec", "n_draws");
  static const FieldLimit& bins_row = field_limit("MonteCarloSpec", "bins");
  static const FieldLimit& kept_row = field_limit("MonteCarloSpec", "kept_cells");
  static const FieldLimit& threads_row = field_limit("MonteCarloSpec", "threads");
  check_limit(draws_row, "n_draws", kNoYear, static_cast<double>(spec.n_draws));
  if (spec.first_draw > std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(spec.n_draws)) {
    throw InputError(fmt::format("first_draw = {} + n_draws = {} overflows the draw index (2^64)", spec.first_draw,
                                 spec.n_draws));
  }
  check_limit(bins_row, "bins", kNoYear, spec.bins);
  check_limit(threads_row, "threads", kNoYear, spec.threads);
  if (spec.keep_draws) {
    const double cells = static_cast<double>(spec.n_draws) * static_cast<double>(projector.n_years());
    if (!within_limit(kept_row, cells)) {
      throw InputError(fmt::format("keep_draws with n_draws = {} × {} years = {:g} cells is outside the allowed range "
                                   "{} (MonteCarloSpec.kept_cells); expected fewer draws, or keep_draws = false "
                                   "(the statistics need no kept draws)",
                                   spec.n_draws, projector.n_years(), cells, format_range(kept_row)));
    }
  }
  for (std::size_t i = 0; i < spec.shocks.size(); ++i) {
    const ShockSpec& s = spec.shocks[i];
    check_limit(sd_row, [&] { return fmt::format("shocks[{}] ({}).sd", i, to_string(s.kind)); }, kNoYear, s.sd);
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.shocks[j].kind == s.kind) {
        throw InputError(fmt::format("shocks[{}] and shocks[{}] are both {}; expected each shock once", j, i,
                                     to_string(s.kind)));
      }
    }
    if (s.kind == ShockKind::NationalTaxCapacityGrowth && !projector.base().itemised_grants) {
      throw InputError(
          "shocks: national_tax_capacity_growth is given but the general grants are a total; the national tax "
          "capacity moves the grants only with itemised grants (the income equalisation by its formula)");
    }
  }
  if (spec.target.kind == TargetKind::ResultShare || spec.target.kind == TargetKind::ResultExcludingOneOffsShare) {
    check_limit(field_limit("Target", "share"), "target.share", kNoYear, spec.target.share);
  }
  const int b = projector.base_year();
  const int h = projector.horizon();
  const int first = spec.first_shocked_year == 0 ? b + 1 : spec.first_shocked_year;
  if (first < b + 1 || first > std::max(h, b + 1)) {
    throw InputError(fmt::format("first_shocked_year = {} is outside the projection years after the base year [{}, "
                                 "{}]; expected a year in that range (the base year is an outcome, never shocked)",
                                 spec.first_shocked_year, b + 1, h));
  }
  const auto lines = static_cast<int>(projector.base().cost_lines.size());
  if (spec.assistance_cost_line < -1 || spec.assistance_cost_line >= lines) {
    throw InputError(fmt::format("assistance_cost_line = {} is outside [-1, {}]; expected -1 (none) or the index of "
                                 "the cost line of ekonomiskt bistånd among the baseline's {} cost lines",
                                 spec.assistance_cost_line, lines - 1, lines));
  }
  const int from = spec.from_year == 0 ? std::min(b + 1, h) : spec.from_year;
  if (from < b || from > h) {
    throw InputError(fmt::format("from_year = {} is outside the projected years {}; expected the first year of the "
                                 "required sustained change in that range",
                                 spec.from_year, years_text(projector)));
  }
}

}  // namespace

MonteCarloSummary run_monte_carlo(const Projector& projector, const Measures& measures, const MonteCarloSpec& spec_in,
                                  MonteCarloControl* control) {
  check_spec(projector, spec_in);
  MonteCarloSpec spec = spec_in;
  const int b = projector.base_year();
  if (spec.first_shocked_year == 0) spec.first_shocked_year = b + 1;
  if (spec.from_year == 0) spec.from_year = std::min(b + 1, projector.horizon());

  Plan plan;
  plan.spec = &spec;
  plan.n = projector.n_years();
  plan.first = spec.first_shocked_year - b;
  plan.slot.fill(-1);
  Eigen::VectorXd sd;
  std::vector<double> sds;
  for (const ShockSpec& s : spec.shocks) {
    if (is_yearly(s.kind)) {
      plan.slot[static_cast<std::size_t>(s.kind)] = plan.k++;
      sds.push_back(s.sd);
    } else if (s.kind == ShockKind::MeasureRealisation) {
      plan.realisation = true;
    } else {
      plan.sale = true;
      plan.sale_sd = s.sd;
    }
  }
  sd = Eigen::Map<const Eigen::VectorXd>(sds.data(), static_cast<Eigen::Index>(sds.size()));
  if (plan.k > 0) {
    Eigen::MatrixXd correlation = spec.correlation;
    if (correlation.size() == 0) correlation = Eigen::MatrixXd::Identity(plan.k, plan.k);
    if (correlation.rows() != plan.k || correlation.cols() != plan.k) {
      throw InputError(fmt::format("correlation is {} × {} but there are {} yearly shocks; expected a {} × {} matrix "
                                   "over the yearly shocks in the order given (the per-draw shocks are not in it)",
                                   correlation.rows(), correlation.cols(), plan.k, plan.k, plan.k));
    }
    plan.scaled = sd.asDiagonal() * correlation_factor(correlation);  // as fill_shocks: diag(sd) · F
  } else if (spec.correlation.size() != 0) {
    throw InputError(fmt::format("correlation is {} × {} but there are no yearly shocks; expected an empty matrix",
                                 spec.correlation.rows(), spec.correlation.cols()));
  }
  MonteCarloAccess::plan_projector(projector, measures, plan);
  for (const Disposal& d : measures.disposals) {
    plan.base_price.push_back(d.price_msek < 0.0 ? d.property.market_value_msek : d.price_msek);
  }
  if (!measures.work_lines.empty()) {
    plan.lowest_trend = plan.highest_trend = measures.work_lines.front().household_trend;
    for (const WorkLinePolicy& m : measures.work_lines) {
      plan.lowest_trend = std::min(plan.lowest_trend, m.household_trend);
      plan.highest_trend = std::max(plan.highest_trend, m.household_trend);
    }
  }
  plan.grants_follow = shocked(plan, ShockKind::TaxBaseGrowth) || shocked(plan, ShockKind::PopulationGrowth) ||
                       shocked(plan, ShockKind::NationalTaxCapacityGrowth);
  plan.recompute_net_share = !measures.efficiency.empty() &&
                             (shocked(plan, ShockKind::LabourCostChange) || shocked(plan, ShockKind::OtherCostChange) ||
                              shocked(plan, ShockKind::VolumeGrowth) || shocked(plan, ShockKind::PopulationGrowth) ||
                              (shocked(plan, ShockKind::AssistanceHouseholds) && spec.assistance_cost_line >= 0));
  if (plan.realisation) {
    double sd_r = 0.0;
    for (const ShockSpec& s : spec.shocks) sd_r = s.kind == ShockKind::MeasureRealisation ? s.sd : sd_r;
    const auto add = [&](double s) {
      const double cap = kRealisationCap * std::sqrt(s * (1.0 - s));
      const double used = std::min(sd_r, cap);
      double error = 0.0;
      plan.planned.push_back(s);
      plan.used_sd.push_back(used > 0.0 ? used : 0.0);
      plan.tables.push_back(used > 0.0 ? beta_table(s, used, error) : std::vector<double>());
      plan.table_error.push_back(error);
    };
    for (const EfficiencyMeasure& m : measures.efficiency) add(m.realised_share);
    for (const FixedSaving& f : measures.fixed_savings) add(f.realised_share);
    for (const WorkLinePolicy& m : measures.work_lines) add(m.target_reduction);
  }

  // The pilot: draws 0 … kMonteCarloPilot − 1 fix the bins (the same for every call of the spec).
  const Eigen::Index n = plan.n;
  MonteCarloAccess::Worker pilot(projector, measures, plan);
  Eigen::MatrixXd lo = Eigen::MatrixXd::Constant(3, n, std::numeric_limits<double>::infinity());
  Eigen::MatrixXd hi = Eigen::MatrixXd::Constant(3, n, -std::numeric_limits<double>::infinity());
  double change_lo = std::numeric_limits<double>::infinity();
  double change_hi = -change_lo;
  for (std::int64_t d = 0; d < kMonteCarloPilot; ++d) {
    try {
      MonteCarloAccess::project(plan, projector, static_cast<std::uint64_t>(d), pilot);
    } catch (const InputError& e) {
      throw InputError(fmt::format("{} (a pilot draw: draws 0-{} fix the histogram bins)", e.what(),
                                   kMonteCarloPilot - 1));
    } catch (const ComputationError& e) {
      throw ComputationError(fmt::format("{} (a pilot draw: draws 0-{} fix the histogram bins)", e.what(),
                                         kMonteCarloPilot - 1));
    }
    const IncomeStatement& s = pilot.s;
    for (Eigen::Index t = 0; t < n; ++t) {
      const double v[3] = {s.result[t], s.balanced_budget_result[t], s.result_share[t]};
      for (int o = 0; o < 3; ++o) {
        lo(o, t) = std::min(lo(o, t), v[o]);
        hi(o, t) = std::max(hi(o, t), v[o]);
      }
    }
    change_lo = std::min(change_lo, pilot.change);
    change_hi = std::max(change_hi, pilot.change);
  }
  Accumulator empty;
  empty.yearly.assign(3, std::vector<ValueStats>(static_cast<std::size_t>(n)));
  for (int o = 0; o < 3; ++o) {
    for (Eigen::Index t = 0; t < n; ++t) {
      empty.yearly[static_cast<std::size_t>(o)][static_cast<std::size_t>(t)].set_bins(lo(o, t), hi(o, t), spec.bins);
    }
  }
  empty.required.set_bins(change_lo, change_hi, spec.bins);
  empty.requirement_missed.assign(static_cast<std::size_t>(n), 0);
  empty.restoration_missed.assign(static_cast<std::size_t>(n), 0);
  empty.target_missed.assign(static_cast<std::size_t>(n), 0);

  MonteCarloSummary out;
  out.spec = spec;
  for (Eigen::Index t = 0; t < n; ++t) out.years.push_back(b + static_cast<int>(t));
  const std::int64_t draws = spec.n_draws;
  if (spec.keep_draws) {
    out.kept_result.resize(draws, n);
    out.kept_balanced_budget_result.resize(draws, n);
    out.kept_result_share.resize(draws, n);
    out.kept_required_change.resize(draws);
    out.kept_draw.resize(static_cast<std::size_t>(draws));
    for (std::int64_t i = 0; i < draws; ++i) out.kept_draw[static_cast<std::size_t>(i)] = spec.first_draw + i;
  }
  std::int64_t workers = spec.threads > 0 ? spec.threads : static_cast<std::int64_t>(std::thread::hardware_concurrency());
  workers = std::clamp<std::int64_t>(workers, 1, draws);
  std::vector<Accumulator> accumulators(static_cast<std::size_t>(workers), empty);
  std::vector<char> stopped(static_cast<std::size_t>(workers), 0);
  std::atomic<std::int64_t> lowest_failure{draws};  // call-relative index of the lowest failing draw so far
  const auto work = [&](std::int64_t w) {
    const std::int64_t first = draws * w / workers;
    const std::int64_t last = draws * (w + 1) / workers;
    Accumulator& acc = accumulators[static_cast<std::size_t>(w)];
    MonteCarloAccess::Worker worker(projector, measures, plan);
    for (std::int64_t i = first; i < last;) {
      if ((control != nullptr && control->cancel.load()) || i > lowest_failure.load()) {
        stopped[static_cast<std::size_t>(w)] = 1;
        return;
      }
      const std::int64_t end = std::min(last, i + kMonteCarloBlock);
      const std::int64_t start = i;
      for (; i < end; ++i) {
        try {
          MonteCarloAccess::project(plan, projector, spec.first_draw + static_cast<std::uint64_t>(i), worker);
          accumulate(worker.s, worker.gap, worker.change, acc);
        } catch (...) {
          std::int64_t seen = lowest_failure.load();
          while (i < seen && !lowest_failure.compare_exchange_weak(seen, i)) {
          }
          throw;
        }
        if (spec.keep_draws) {
          out.kept_result.row(i) = worker.s.result.transpose();
          out.kept_balanced_budget_result.row(i) = worker.s.balanced_budget_result.transpose();
          out.kept_result_share.row(i) = worker.s.result_share.transpose();
          out.kept_required_change[i] = worker.change;
        }
      }
      if (control != nullptr) control->done.fetch_add(end - start);
    }
  };
  // The lowest failing draw: workers hold contiguous ranges in order, each stops at its first failure (parallel.hpp).
  run_workers(workers, work);
  if (std::any_of(stopped.begin(), stopped.end(), [](char c) { return c != 0; })) {
    throw Cancelled(fmt::format("Monte Carlo run cancelled after {} of {} draws",
                                control != nullptr ? control->done.load() : 0, draws));
  }
  Accumulator total = std::move(accumulators.front());
  for (std::size_t w = 1; w < accumulators.size(); ++w) {
    const Accumulator& a = accumulators[w];
    for (std::size_t o = 0; o < 3; ++o) {
      for (std::size_t t = 0; t < static_cast<std::size_t>(n); ++t) total.yearly[o][t].merge(a.yearly[o][t]);
    }
    total.required.merge(a.required);
    for (std::size_t t = 0; t < static_cast<std::size_t>(n); ++t) {
      total.requirement_missed[t] += a.requirement_missed[t];
      total.restoration_missed[t] += a.restoration_missed[t];
      total.target_missed[t] += a.target_missed[t];
    }
    total.rise += a.rise;
  }
  out.yearly = std::move(total.yearly);
  out.required_change = std::move(total.required);
  out.requirement_missed = std::move(total.requirement_missed);
  out.restoration_missed = std::move(total.restoration_missed);
  out.target_missed = std::move(total.target_missed);
  out.rise_needed = total.rise;
  out.realisation_sd = plan.used_sd;
  out.realisation_table_error = plan.table_error;
  out.draw_ranges.emplace_back(spec.first_draw, spec.first_draw + static_cast<std::uint64_t>(draws));
  return out;
}

}  // namespace kommunbudget
