#include "kommunbudget/many.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "kommunbudget/errors.hpp"
#include "parallel.hpp"

namespace kommunbudget {

/// Access to Projector's validation and projection on validated measures for run_many (a friend of Projector).
struct ManyAccess {
  static void validate(const Projector& p, const Measures& m) { p.validate_measures(m); }
  static void project(const Projector& p, const Measures& m, IncomeStatement& out) { p.project_into(m, out); }
};

namespace {

/// The error of municipality i with its index in front; the type kept (InputError, MeasureError, ComputationError).
std::exception_ptr prefixed(std::size_t i) {
  const std::string where = fmt::format("projectors[{}]: ", i);
  try {
    throw;
  } catch (const MeasureError& e) {
    return std::make_exception_ptr(MeasureError(where + e.what(), e.position()));
  } catch (const InputError& e) {
    return std::make_exception_ptr(InputError(where + e.what()));
  } catch (const ComputationError& e) {
    return std::make_exception_ptr(ComputationError(where + e.what()));
  } catch (...) {
    return std::current_exception();
  }
}

/// Municipalities [first, last) on one worker: one statement (two with the measure effect), reused. `i` is the
/// municipality being projected (so a failure can be named).
void run_range(const std::vector<const Projector*>& projectors, const std::vector<Measures>& measures,
               const ManyQuestions& q, std::size_t first, std::size_t last, std::size_t& i, ManyResult& out) {
  const Measures none;
  IncomeStatement statement;
  IncomeStatement without;  // the projection without measures (measure_effect only)
  for (i = first; i < last; ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    const Projector& p = *projectors[i];
    const Measures& m = measures.empty() ? none : measures[i];
    ManyAccess::validate(p, m);  // once per municipality, as Projector::run does
    ManyAccess::project(p, m, statement);
    out.result.row(row) = statement.result.transpose();
    out.balanced_budget_result.row(row) = statement.balanced_budget_result.transpose();
    out.result_share.row(row) = statement.result_share.transpose();
    out.tax_revenue.row(row) = statement.tax_revenue.transpose();
    out.general_grants.row(row) = statement.general_grants.transpose();
    out.tax_base.row(row) = statement.tax_base.transpose();
    if (q.tax_need) out.tax_need[row] = required_sustained_change(statement, q.target, q.from_year);
    if (q.measure_effect) {
      ManyAccess::project(p, none, without);
      for (Eigen::Index k = 0; k < statement.result.size(); ++k) {
        const double change = statement.result[k] - without.result[k];
        out.measure_effect_msek(row, k) = change;
        out.measure_effect_ore(row, k) = tax_rate_equivalent_ore(change, without.tax_base[k]);
      }
    }
  }
}

}  // namespace

ManyResult run_many(const std::vector<const Projector*>& projectors, const std::vector<Measures>& measures,
                    int threads, const ManyQuestions& questions) {
  if (threads < 0) throw InputError(fmt::format("threads = {} is negative; expected 0 (all cores) or more", threads));
  if (projectors.empty()) throw InputError("projectors is empty; expected at least one municipality's projector");
  for (std::size_t i = 0; i < projectors.size(); ++i) {
    if (projectors[i] == nullptr) throw InputError(fmt::format("projectors[{}] is null; expected a projector", i));
  }
  const Projector& first = *projectors.front();
  const int base = first.base_year();
  const int horizon = first.horizon();
  for (std::size_t i = 1; i < projectors.size(); ++i) {
    const Projector& p = *projectors[i];
    if (p.base_year() != base || p.horizon() != horizon) {
      throw InputError(fmt::format("projectors[{}] ({}) covers the years {}-{}; expected {}-{} as projectors[0] ({}): "
                                   "every municipality needs the same base year and horizon",
                                   i, p.base().name, p.base_year(), p.horizon(), base, horizon, first.base().name));
    }
  }
  if (!measures.empty() && measures.size() != projectors.size()) {
    throw InputError(fmt::format("measures has {} entries; expected none (no measures) or one per projector ({})",
                                 measures.size(), projectors.size()));
  }
  if (questions.tax_need && (questions.from_year < base || questions.from_year > horizon)) {
    throw InputError(fmt::format("from_year = {} is outside the projected years {}-{}", questions.from_year, base,
                                 horizon));
  }

  const auto n = static_cast<Eigen::Index>(projectors.size());
  const Eigen::Index years = first.n_years();
  ManyResult out;
  out.years.resize(static_cast<std::size_t>(years));
  for (Eigen::Index k = 0; k < years; ++k) out.years[static_cast<std::size_t>(k)] = base + static_cast<int>(k);
  for (ManyMatrix* m : {&out.result, &out.balanced_budget_result, &out.result_share, &out.tax_revenue,
                        &out.general_grants, &out.tax_base}) {
    m->resize(n, years);
  }
  if (questions.tax_need) out.tax_need.resize(n);
  if (questions.measure_effect) {
    out.measure_effect_msek.resize(n, years);
    out.measure_effect_ore.resize(n, years);
  }

  std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads) : std::thread::hardware_concurrency();
  workers = std::clamp<std::size_t>(workers, 1, projectors.size());
  // Contiguous ranges; a worker stops at its first failing municipality, the error of the lowest one is rethrown
  // (parallel.hpp), prefixed with its index.
  const std::size_t count = projectors.size();
  run_workers(static_cast<std::int64_t>(workers), [&](std::int64_t w) {
    const std::size_t from = count * static_cast<std::size_t>(w) / workers;
    const std::size_t to = count * static_cast<std::size_t>(w + 1) / workers;
    std::size_t i = from;
    try {
      run_range(projectors, measures, questions, from, to, i, out);
    } catch (...) {
      std::rethrow_exception(prefixed(i));
    }
  });
  return out;
}

}  // namespace kommunbudget
