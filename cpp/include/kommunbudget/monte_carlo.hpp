#pragma once
/// @file monte_carlo.hpp
/// The Monte Carlo engine (docs/model.md §19, "Monte Carlo"): many random draws of one scenario (a baseline and its
/// measures) in one call, each draw's shocks generated inside the loop from the counter-based generator of
/// shocks.hpp, the outputs accumulated into statistics whose memory does not grow with the number of draws.
///
/// Every statistic is exact and order-independent (integer counts, fixed-point sums, exact minima and maxima), so a
/// summary is bit-identical for any number of threads and any split of the draws over calls merged with
/// MonteCarloSummary::merge.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "kommunbudget/answers.hpp"
#include "kommunbudget/batch.hpp"
#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// What a shock moves (docs/model.md §19 has the equations). The first seven are yearly (one normal per year and
/// shock, correlated by MonteCarloSpec::correlation, applied from MonteCarloSpec::first_shocked_year); the last two
/// are drawn once per draw (one value for all years), independently of the yearly shocks and of each other.
enum class ShockKind {
  LabourCostChange,           ///< "labour_cost_change": added to PKV's labour-cost change, fraction per year
  OtherCostChange,            ///< "other_cost_change": added to PKV's other-consumption change, fraction per year
  TaxBaseGrowth,              ///< "tax_base_growth": added to the own tax base growth, fraction per year
  /// "national_tax_capacity_growth": added to the national tax capacity growth (itemised grants only)
  NationalTaxCapacityGrowth,
  VolumeGrowth,               ///< "volume_growth": added to every cost line's volume growth, fraction per year
  /// "population_growth": the own population's growth; the own tax base and every cost line's volume follow
  PopulationGrowth,
  /// "assistance_households": added to every WorkLinePolicy's household_trend (fraction per year) and to the volume
  /// growth of the cost line MonteCarloSpec::assistance_cost_line (ekonomiskt bistånd); moves nothing without either
  AssistanceHouseholds,
  /// "measure_realisation": each measure's realised share a Beta draw (sd in share units), comonotone over measures
  MeasureRealisation,
  SalePrice,                  ///< "sale_price": every disposal's price × a lognormal factor of mean 1 (sd of its log)
};

/// The name of a shock kind as in messages and Python, e.g. "tax_base_growth".
const char* to_string(ShockKind kind);

/// The shock kind of `name`. @throws InputError naming the name and listing the known ones.
ShockKind shock_kind(std::string_view name);

/// Every shock kind's name, in the enum's order.
std::vector<std::string> shock_kind_names();

/// Whether the kind is yearly (one normal per year, in the correlation matrix) or drawn once per draw.
bool is_yearly(ShockKind kind);

/// One shock: its kind and standard deviation (MonteCarloSpec.sd, [0, 0.5]): fraction per year for a yearly shock,
/// share units for measure_realisation, the standard deviation of the log of the factor for sale_price.
struct ShockSpec {
  ShockKind kind = ShockKind::TaxBaseGrowth;
  double sd = 0.0;
};

/// What a Monte Carlo call draws and what it summarises.
struct MonteCarloSpec {
  std::uint64_t seed = 0;        ///< key of the generator: the same seed gives the same draws
  std::uint64_t first_draw = 0;  ///< index of the call's first draw (draws first_draw … first_draw + n_draws − 1)
  std::int64_t n_draws = 1;      ///< draws in this call, [1, 1e12] (MonteCarloSpec.n_draws)
  std::vector<ShockSpec> shocks; ///< each kind at most once; none = every draw the deterministic projection
  /// Correlation of the YEARLY shocks in the order they appear in `shocks` (k × k, symmetric, ones on the diagonal,
  /// positive semi-definite; correlation_factor); empty = independent (identity). The per-draw shocks are not in it.
  Eigen::MatrixXd correlation;
  /// First year the yearly shocks apply to, [base year + 1, horizon]; 0 = base year + 1. Earlier years unshocked.
  int first_shocked_year = 0;
  Target target;                 ///< the target of "target missed" and of the required sustained change
  int from_year = 0;             ///< first year of the required sustained change, [base year, horizon]; 0 = base + 1
  /// Index of the cost line of ekonomiskt bistånd (BaseYearState::cost_lines), [−1, lines − 1]; −1 = none. The
  /// assistance_households shock is added to its volume growth in the shocked years (its cost = households × a
  /// constant real cost per household; docs/model.md §19), on top of the volume and population shocks.
  int assistance_cost_line = -1;
  int bins = 2048;               ///< histogram bins per output and year, [16, 1e6] (MonteCarloSpec.bins)
  /// Keep every draw's outputs (MonteCarloSummary::kept_*); n_draws × n_years at most 2e6 cells
  /// (MonteCarloSpec.kept_cells)
  bool keep_draws = false;
  int threads = 0;               ///< worker threads, [0, 1024]; 0 = std::thread::hardware_concurrency()
};

/// Progress and cancellation shared with a running call (e.g. the Python binding's polling thread). Workers add to
/// `done` after every block of kMonteCarloBlock draws and stop at the next block boundary once `cancel` is set;
/// the call then throws Cancelled.
struct MonteCarloControl {
  std::atomic<bool> cancel{false};
  std::atomic<std::int64_t> done{0};
};

/// Draws per block between two looks at MonteCarloControl (progress and cancel).
inline constexpr std::int64_t kMonteCarloBlock = 1024;

/// Draws of the pilot that fixes the histogram bins: draws 0 … kMonteCarloPilot − 1 of the spec, ALWAYS (whatever
/// first_draw and n_draws), so every call and every split of one spec has the same bins.
inline constexpr std::int64_t kMonteCarloPilot = 1000;

/// A signed 128-bit integer (GCC/Clang extension) for the exact fixed-point sums.
__extension__ typedef __int128 MonteCarloInt128;

/// The statistics of one value (an output in one year, or the required change): a fixed histogram, the exact
/// minimum and maximum, and exact fixed-point sums for the mean and standard deviation. Order-independent.
struct ValueStats {
  double low = 0.0;     ///< lower edge of bin 1 (bin 0 counts values below it: underflow)
  double width = 0.0;   ///< width of each bin; bin i (1 … bins) is [low + (i − 1)·width, low + i·width)
  std::vector<std::uint64_t> counts;  ///< bins + 2: underflow, the bins, overflow (the last: >= low + bins·width)
  double min = 0.0;     ///< exact smallest value (meaningful when count() > 0)
  double max = 0.0;     ///< exact largest value
  /// Fixed point: a value x counts as q = round((x − centre) · 2^exponent) (an int64), summed exactly.
  double centre = 0.0;
  int exponent = 0;
  MonteCarloInt128 sum = 0;          ///< Σ q
  MonteCarloInt128 sum_squares = 0;  ///< Σ q²

  /// Bins from a pilot's exact range [lo, hi]: [lo − span, hi + span] with span = hi − lo (at least 1e-6 in the
  /// value's unit), centre (lo + hi)/2 and 2^exponent the largest power of two with 3·span·2^exponent <= 2^32.
  void set_bins(double lo, double hi, int bins);
  /// Adds one value. @throws ComputationError when x is not finite or lies so far outside the pilot's range
  ///   (more than 2^14 bin ranges) that the fixed-point sums could overflow.
  void add(double x);
  /// Adds the counts and sums of `other` (same bins). @throws ComputationError when the bins differ.
  void merge(const ValueStats& other);
  std::uint64_t count() const;
  double mean() const;  ///< Σ q / n / 2^exponent + centre (NaN for no values)
  /// Sample standard deviation (n − 1 in the denominator) from the fixed-point sums; 0 for one value.
  double sd() const;
  /// The q-quantile (q in [0, 1]): the bin holding the ⌈q·n⌉-th smallest value (inverse empirical CDF), linear
  /// inside it; q = 0 and q = 1 give the exact min and max. Within one bin width of the sample quantile. When that
  /// value lies in the underflow (overflow) bin the exact min (max) is returned and *outside_bins set to true.
  double quantile(double q, bool* outside_bins = nullptr) const;
};

/// The outputs summarised per year.
enum class MonteCarloOutput { Result, BalancedBudgetResult, ResultShare };

/// "result", "balanced_budget_result", "result_share".
const char* to_string(MonteCarloOutput output);

/// The output of `name`. @throws InputError naming it and the known names.
MonteCarloOutput monte_carlo_output(std::string_view name);

/// The summary of the draws of one spec (one call, or several calls merged).
struct MonteCarloSummary {
  std::vector<int> years;            ///< base year … horizon
  MonteCarloSpec spec;               ///< the spec of the first call (first_draw and n_draws of that call)
  /// The draws summarised, as half-open ranges [first, last) of draw indices, sorted (merge refuses overlaps).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> draw_ranges;
  /// Per output (MonteCarloOutput order), per year: the statistics. [output][year].
  std::vector<std::vector<ValueStats>> yearly;
  ValueStats required_change;        ///< the required sustained change, kr per 100 kr (one value per draw)
  /// Per year: draws with balanced_budget_result < −kTargetToleranceMsek (the requirement missed)
  std::vector<std::uint64_t> requirement_missed;
  /// Per year: draws with restoration_required − balanced_budget_result > kTargetToleranceMsek (the balanced-budget
  /// target with restoration missed)
  std::vector<std::uint64_t> restoration_missed;
  /// Per year: draws with target_gap_msek(statement, spec.target) > kTargetToleranceMsek
  std::vector<std::uint64_t> target_missed;
  /// Draws whose required sustained change rounds up to a rise of at least one öre (round_up_to_ore(change) > 0,
  /// i.e. change > 1e-9 kr per 100 kr)
  std::uint64_t rise_needed = 0;
  /// measure_realisation: the standard deviation used per measure (efficiency measures, then fixed savings, then
  /// work lines, each in list order): min(sd, 0.9·√(s(1 − s))); 0 for s of 0 or 1; empty without that shock.
  std::vector<double> realisation_sd;
  /// The largest error of the Beta quantile table per measure (same order), measured at the table's cell midpoints
  /// against Boost.Math's ibeta_inv, share units.
  std::vector<double> realisation_table_error;
  // keep_draws: the outputs of each draw, rows in draw order (kept_draw holds the draw index of each row).
  std::vector<std::uint64_t> kept_draw;
  DrawMatrix kept_result, kept_balanced_budget_result, kept_result_share;  ///< (draws, n_years)
  Eigen::VectorXd kept_required_change;                                      ///< (draws,)

  /// Number of draws summarised.
  std::uint64_t n_draws() const;
  const ValueStats& stats(MonteCarloOutput output, Eigen::Index year_index) const;
  /// Adds the summary of other draws of the same spec (same seed, shocks, correlation, years, target, bins and
  /// pilot): counts and fixed-point sums add exactly, so the merge of two calls equals one call over their draws
  /// bit for bit. Kept draws are merged when both kept them (else dropped).
  /// @throws InputError naming what differs (seed, shocks, …) or the overlapping draws.
  void merge(const MonteCarloSummary& other);
};

/// Runs draws spec.first_draw … first_draw + n_draws − 1 of `measures` on `projector` (docs/model.md §19).
///
/// Per draw d: the yearly normals standard_normals(seed, d, n_years, k) (k yearly shocks), correlated as
/// x = diag(sd)·F·z per year (F = correlation_factor, as fill_shocks), added to a per-thread copy of the projector's
/// flattened inputs from first_shocked_year; the per-draw normals standard_normal(seed, d, 2³² − 1, 0) (realisation)
/// and (…, 1) (sale price) applied to a per-thread copy of the measures; then the same projection as
/// Projector::run(measures) (measures validated once) and the statistics. Nothing is allocated per draw.
///
/// @param control optional: progress (`done`) and cancellation (`cancel`), polled every kMonteCarloBlock draws.
/// @throws InputError for a spec value outside its row of the table of limits (field, value and range named), a
///   kind given twice, an assistance_cost_line outside [−1, lines − 1], a correlation of the wrong size or refused by
///   correlation_factor, a national tax capacity shock with grants as a total, a year outside the projection, invalid measures (as Projector::run), or a draw
///   whose shocked value leaves its field's range (draw, year, shock and value named; the lowest such draw).
/// @throws ComputationError (or InputError) from a draw's projection, prefixed "draw <d>: " (the lowest failing).
/// @throws Cancelled when control->cancel was set.
MonteCarloSummary run_monte_carlo(const Projector& projector, const Measures& measures, const MonteCarloSpec& spec,
                                  MonteCarloControl* control = nullptr);

}  // namespace kommunbudget
