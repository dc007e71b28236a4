#pragma once
/// @file many.hpp
/// Many municipalities in one call (docs/model.md §21): each projector (one municipality's validated, flattened
/// inputs) projected with its own measures, the rows of the answer matrices one municipality each. No new equation:
/// a row is the municipality's own Projector::run, and the two answers are those of answers.hpp
/// (required_sustained_change, tax_rate_equivalent_ore) on its statement.
#include <vector>

#include <Eigen/Core>

#include "kommunbudget/answers.hpp"
#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// A matrix of municipalities (rows, in the order of the projectors) by years (columns, base year first), row-major
/// so one municipality is contiguous.
using ManyMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// What run_many answers besides the statement lines.
struct ManyQuestions {
  /// Compute ManyResult::tax_need: required_sustained_change(statement, target, from_year) of each municipality.
  bool tax_need = false;
  Target target;       ///< the target of the tax need (used only with tax_need)
  int from_year = 0;   ///< the first year of the sustained change (used only with tax_need); a projection year
  /// Also project each municipality without measures (a second preallocated statement per thread) and return the
  /// change the measures make: ManyResult::measure_effect_msek and measure_effect_ore.
  bool measure_effect = false;
};

/// The outputs of run_many. Matrices have shape (n_municipalities, n_years), row i = projectors[i] projected with
/// measures[i] (or none), nominal MSEK unless noted.
struct ManyResult {
  std::vector<int> years;             ///< base year .. horizon, the same for every municipality
  ManyMatrix result;                  ///< årets resultat
  ManyMatrix balanced_budget_result;  ///< balanskravsresultat
  ManyMatrix result_share;            ///< result / (tax revenue + general grants), fraction
  ManyMatrix tax_revenue;             ///< skatteintäkter
  ManyMatrix general_grants;          ///< generella statsbidrag och utjämning
  /// skatteunderlag (IncomeStatement::tax_base), MSEK: the base the own rate applies to, that of every öre answer
  /// (1 öre on the rate = tax_base / 10 000 MSEK, answers.hpp one_ore_msek)
  ManyMatrix tax_base;
  /// With ManyQuestions::tax_need: shape (n_municipalities,), kr per 100 kr, the single change of the own rate from
  /// 1 January of from_year, sustained, that meets the target in every year from from_year to the horizon, on the
  /// statement WITH the municipality's measures (required_sustained_change; negative = room to lower the rate).
  /// Empty otherwise.
  Eigen::VectorXd tax_need;
  /// With ManyQuestions::measure_effect: result with the measures − result without them, MSEK. Empty otherwise.
  ManyMatrix measure_effect_msek;
  /// With ManyQuestions::measure_effect: measure_effect_msek in öre on the rate against the tax base of the
  /// projection WITHOUT measures, year by year (tax_rate_equivalent_ore: amount / (tax base / 10 000)). Empty
  /// otherwise.
  ManyMatrix measure_effect_ore;
};

/// Projects every projector (no copy of them is made) with its measures and gathers the statement lines by
/// municipality.
///
/// Every projector must cover the same years (the same base year and horizon), so that the columns align; each
/// measure set is validated once (as Projector::run validates it) before any projection. The municipalities are
/// split into contiguous ranges over `threads` workers (0 = std::thread::hardware_concurrency(); at most one per
/// municipality); each worker holds one preallocated IncomeStatement (two with measure_effect), so nothing is
/// allocated per projection except where a municipality has another number of grant items than the one before it in
/// the range (the statement's grant matrix is resized) and, for the balanced-budget target, the replay inside
/// required_sustained_change. The numbers do not depend on the number of threads.
/// @param projectors one per municipality, none null; at least one
/// @param measures empty = no measures for any municipality; else one per projector (an empty Measures for none)
/// @param threads worker threads, >= 0
/// @param questions the answers wanted besides the statement lines
/// @throws InputError for no projectors, a null projector, a projector covering other years than projectors[0]
///         (the first mismatch named with both ranges), a measures list of another length than the projectors,
///         negative `threads`, a from_year outside the years, or (prefixed "projectors[i]: ") any InputError of
///         municipality i: an invalid measure, an impossible target, a zero tax base for an öre answer.
/// @throws ComputationError "projectors[i]: ..." from a projection, that of the lowest i failing.
ManyResult run_many(const std::vector<const Projector*>& projectors, const std::vector<Measures>& measures,
                    int threads = 0, const ManyQuestions& questions = {});

}  // namespace kommunbudget
