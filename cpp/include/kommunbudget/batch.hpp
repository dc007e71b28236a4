#pragma once
/// @file batch.hpp
/// The batch engine (docs/model.md, "Batch evaluation"): many variants of one baseline in one call. The variants
/// are additive yearly shocks to the projector's flattened growth rates; each draw is projected by the same
/// project_into as Projector::run, on per-thread copies of the flattened inputs, with no allocation per draw.
#include <Eigen/Core>

#include "kommunbudget/answers.hpp"
#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// A matrix of draws (rows) by years (columns), row-major so one draw is contiguous.
using DrawMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Additive yearly shocks, each of shape (n_draws, n_years) with the columns aligned with IncomeStatement::years
/// (base year first), or empty (0 × 0) for no shock. Units are those of the shocked field: fractions per year
/// (0.01 = one percentage point more growth). Column 0 is the base year, an outcome that is not projected: it
/// must be 0. Every non-empty matrix must have the same number of draws.
struct BatchShocks {
  DrawMatrix labour_cost_change;            ///< added to PriceIndex.labour_cost_change (PKV labour cost)
  DrawMatrix other_cost_change;             ///< added to PriceIndex.other_cost_change (PKV other consumption)
  DrawMatrix tax_base_growth;               ///< added to Assumptions.tax_base_growth (own tax base)
  /// added to Assumptions.national_tax_capacity_growth (medelskattekraft); needs itemised grants
  DrawMatrix national_tax_capacity_growth;
  DrawMatrix volume_growth;                 ///< added to every cost line's volume_growth
};

/// A read-only view of a row-major draws × years matrix held elsewhere (a BatchShocks member, or a NumPy array's
/// buffer in the binding): the shocks without a copy. Empty (nullptr, 0 × 0) for no shock.
using DrawView = Eigen::Map<const DrawMatrix>;

/// BatchShocks as views (same fields, shapes and units); the viewed buffers must outlive the run_batch call.
struct BatchShockViews {
  DrawView labour_cost_change{nullptr, 0, 0};
  DrawView other_cost_change{nullptr, 0, 0};
  DrawView tax_base_growth{nullptr, 0, 0};
  DrawView national_tax_capacity_growth{nullptr, 0, 0};
  DrawView volume_growth{nullptr, 0, 0};
};

/// The outputs of a batch, each of shape (n_draws, n_years) (base year first), nominal MSEK unless noted; row d is
/// the IncomeStatement line of draw d.
struct BatchResult {
  DrawMatrix result;                  ///< årets resultat
  DrawMatrix balanced_budget_result;  ///< balanskravsresultat
  DrawMatrix result_share;            ///< result / (tax revenue + general grants), fraction
  DrawMatrix tax_revenue;             ///< skatteintäkter
  DrawMatrix general_grants;          ///< generella statsbidrag och utjämning
  /// Only with a BatchNeed (else empty, size 0): per draw the single sustained change of the own rate from
  /// 1 January of BatchNeed::from_year that meets BatchNeed::target in every year to the horizon,
  /// required_sustained_change of the draw's statement (answers.hpp), kr per 100 kr. Shape (n_draws,).
  Eigen::VectorXd required_change;
};

/// The tax need asked of each draw: the target and the first year of the sustained change (docs/model.md §18).
struct BatchNeed {
  Target target;      ///< the target (share in the row Target.share for the share targets)
  int from_year = 0;  ///< first year of the change, [base year, horizon]; 0 = base year + 1 (as MonteCarloSpec)
};

/// Projects the baseline of `projector` (no measures) once per draw, draw d with the shocks' row d added to the
/// flattened yearly inputs: labour and other cost change, own tax base growth (grants that follow it follow the
/// shocked growth: Projector::compute_grants), national tax capacity growth (the national capacity path, the
/// income equalisation and the regulation rule follow) and every line's volume growth. A draw equals
/// Projector(base, assumptions with the shocked series, horizon).run() exactly.
///
/// Threads: `threads` workers (0 = std::thread::hardware_concurrency(); at most one per draw) over contiguous
/// ranges of draws; each holds its own copy of the projector and one preallocated IncomeStatement, so nothing is
/// allocated per draw, and checks each of its draws' shocked values just before projecting the draw. Each draw is independent: the result does not depend on the number of threads or on how
/// the draws are split over calls.
/// @throws InputError when no shock is given, a shock has the wrong shape (field, shape and expected shape
///         named), the draws differ between shocks, a value is not finite, the base-year column is not 0, a
///         shocked value leaves its field's range in the table of limits (field, draw, year and value named), a
///         national tax capacity shock is given with grants as a total, or `threads` is negative.
/// @throws ComputationError (or InputError) from a draw's projection. Of the errors of the draws (a value or a
///         projection), that of the lowest failing draw is thrown; within a draw the first failing shock (in the
///         order of BatchShocks), then year.
BatchResult run_batch(const Projector& projector, const BatchShocks& shocks, int threads = 0);

/// run_batch, and per draw also the tax need of `need` (BatchResult::required_change): the core's
/// required_sustained_change_reusing on the draw's statement with per-worker scratch vectors, so still nothing is
/// allocated per draw. A draw whose need cannot be met (a rate outside [0, 100]) raises its InputError prefixed
/// "draw <d>: " (the lowest such draw).
/// @throws InputError as run_batch, and for a share target outside the row Target.share or a from_year outside
///         [base year, horizon] (the value and the range named).
BatchResult run_batch(const Projector& projector, const BatchShocks& shocks, const BatchNeed& need, int threads = 0);

/// run_batch on views of the shocks (no copy of them; the binding's path for NumPy arrays). Same results and errors.
BatchResult run_batch(const Projector& projector, const BatchShockViews& shocks, int threads = 0);

/// run_batch with a tax need on views of the shocks (no copy of them). Same results and errors.
BatchResult run_batch(const Projector& projector, const BatchShockViews& shocks, const BatchNeed& need,
                      int threads = 0);

}  // namespace kommunbudget
