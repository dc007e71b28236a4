#include "kommunbudget/batch.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/limits.hpp"
#include "parallel.hpp"

namespace kommunbudget {

namespace {

struct Shock {
  const char* field;        // the BatchShocks member
  const DrawView* draws;
  const FieldLimit* limit;  // the range of the shocked value
};

std::string shape(Eigen::Index rows, Eigen::Index cols) { return fmt::format("({}, {})", rows, cols); }

// What the value checks of a call need, fixed before the draws (run_batch_impl).
struct Checks {
  const BatchShockViews* shocks = nullptr;
  std::array<Shock, 5> all{};
  Eigen::VectorXd national_growth;                       // per year (itemised grants; else 0)
  std::vector<Eigen::Index> lowest_line, highest_line;   // per year: the lines with the lowest and highest volume
};

}  // namespace

/// Access to Projector's flattened inputs for the batch engine (a friend of Projector).
struct BatchAccess {
  /// Values of draw d: finite, 0 in the base year, the shocked value inside its field's range (docs/model.md §14);
  /// shocks in the order of BatchShocks, then years. Run by the worker just before it projects the draw.
  static void check_draw(const Projector& projector, const Checks& c, Eigen::Index d) {
    const BatchShockViews& shocks = *c.shocks;
    const Eigen::Index n = projector.n_;
    const int b = projector.base_year();
    const Eigen::MatrixXd& volume = projector.volume_;
    for (const Shock& s : c.all) {
      if (s.draws->size() == 0) continue;
      const DrawView& m = *s.draws;
      const char* field = s.field;
      for (Eigen::Index k = 0; k < n; ++k) {
        const double v = m(d, k);
        const int year = b + static_cast<int>(k);
        if (!std::isfinite(v)) {
          throw InputError(fmt::format("shocks.{}[{}, {}] (draw {}, year {}) = {} is not finite; expected a number",
                                       field, d, k, d, year, v));
        }
        if (k == 0) {
          if (v != 0.0) {
            throw InputError(fmt::format("shocks.{}[{}, 0] (draw {}, base year {}) = {}; expected 0: the base year "
                                         "is an outcome, not projected",
                                         field, d, d, year, v));
          }
          continue;
        }
        // `what()` names the shocked field; built only on failure (no string per checked value).
        const auto check = [&](double base_value, const auto& what) {
          const double shocked = base_value + v;
          if (!within_limit(*s.limit, shocked)) {
            throw InputError(fmt::format("shocks.{}[{}, {}] (draw {}, year {}) = {} makes {} {} + {} = {}, outside "
                                         "the allowed range {}",
                                         field, d, k, d, year, v, what(), base_value, v, shocked,
                                         format_range(*s.limit)));
          }
        };
        const auto name = [&] { return std::string(field); };
        if (s.draws == &shocks.labour_cost_change) check(projector.labour_[k], name);
        if (s.draws == &shocks.other_cost_change) check(projector.other_[k], name);
        if (s.draws == &shocks.tax_base_growth) check(projector.tax_base_growth_[k], name);
        if (s.draws == &shocks.national_tax_capacity_growth) check(c.national_growth[k], name);
        if (s.draws == &shocks.volume_growth) {
          // Volume: base + shock is monotone in the base (rounding to nearest is monotone), so the lines with the
          // lowest and the highest volume growth of a year are in range exactly when all lines are.
          for (const Eigen::Index line : {c.lowest_line[static_cast<std::size_t>(k)],
                                          c.highest_line[static_cast<std::size_t>(k)]}) {
            if (line >= volume.rows()) break;  // no cost lines
            check(volume(line, k), [&] {
              return fmt::format("volume_growth of '{}'",
                                 projector.base().cost_lines[static_cast<std::size_t>(line)].name);
            });
          }
        }
      }
    }
  }

  /// One worker: draws [first, last) on its own copy of the projector, each checked (check_draw), then projected.
  static void run_range(const Projector& base, const Checks& c, const BatchNeed* need, Eigen::Index first,
                        Eigen::Index last, BatchResult& out) {
    const BatchShockViews& s = *c.shocks;
    const Eigen::VectorXd& national_growth = c.national_growth;
    Projector p = base;  // the copy of the flattened inputs this worker perturbs (allocated once)
    IncomeStatement statement;
    Eigen::VectorXd extra(base.n_), required(base.n_);  // the tax need's scratch (allocated once)
    const Measures none;
    const Eigen::Index n = p.n_;
    const Eigen::Index n_lines = p.volume_.rows();
    const bool labour = s.labour_cost_change.size() > 0;
    const bool other = s.other_cost_change.size() > 0;
    const bool tax_base = s.tax_base_growth.size() > 0;
    const bool national = s.national_tax_capacity_growth.size() > 0;
    const bool volume = s.volume_growth.size() > 0;
    for (Eigen::Index d = first; d < last; ++d) {
      check_draw(base, c, d);
      for (Eigen::Index k = 1; k < n; ++k) {
        if (labour) p.labour_[k] = base.labour_[k] + s.labour_cost_change(d, k);
        if (other) p.other_[k] = base.other_[k] + s.other_cost_change(d, k);
        if (tax_base) p.tax_base_growth_[k] = base.tax_base_growth_[k] + s.tax_base_growth(d, k);
        if (national) {
          // As the constructor builds the path: capacity[k] = capacity[k − 1] × (1 + growth of year k).
          p.national_capacity_[k] =
              p.national_capacity_[k - 1] * (1.0 + (national_growth[k] + s.national_tax_capacity_growth(d, k)));
        }
        if (volume) {
          for (Eigen::Index l = 0; l < n_lines; ++l) p.volume_(l, k) = base.volume_(l, k) + s.volume_growth(d, k);
        }
      }
      if (tax_base || national) p.compute_grants();  // resizes are no-ops: no allocation
      p.project_into(none, statement);
      out.result.row(d) = statement.result.transpose();
      out.balanced_budget_result.row(d) = statement.balanced_budget_result.transpose();
      out.result_share.row(d) = statement.result_share.transpose();
      out.tax_revenue.row(d) = statement.tax_revenue.transpose();
      out.general_grants.row(d) = statement.general_grants.transpose();
      if (need != nullptr) {
        try {
          out.required_change[d] =
              required_sustained_change_reusing(statement, need->target, need->from_year, extra, required);
        } catch (const InputError& e) {
          throw InputError(fmt::format("draw {}: {}", d, e.what()));
        }
      }
    }
  }

  static const Eigen::MatrixXd& volume(const Projector& p) { return p.volume_; }
};

namespace {

DrawView view(const DrawMatrix& m) { return DrawView(m.data(), m.rows(), m.cols()); }

BatchShockViews views(const BatchShocks& s) {
  return BatchShockViews{view(s.labour_cost_change), view(s.other_cost_change), view(s.tax_base_growth),
                         view(s.national_tax_capacity_growth), view(s.volume_growth)};
}

BatchResult run_batch_impl(const Projector& projector, const BatchShockViews& shocks, const BatchNeed* need,
                           int threads) {
  if (threads < 0) throw InputError(fmt::format("threads = {} is negative; expected 0 (all cores) or more", threads));
  const Eigen::Index n = projector.n_years();
  const int b = projector.base_year();
  Checks c;
  c.shocks = &shocks;
  c.all = {{
      {"labour_cost_change", &shocks.labour_cost_change, &field_limit("PriceIndex", "labour_cost_change")},
      {"other_cost_change", &shocks.other_cost_change, &field_limit("PriceIndex", "other_cost_change")},
      {"tax_base_growth", &shocks.tax_base_growth, &field_limit("Assumptions", "tax_base_growth")},
      {"national_tax_capacity_growth", &shocks.national_tax_capacity_growth,
       &field_limit("Assumptions", "national_tax_capacity_growth")},
      {"volume_growth", &shocks.volume_growth, &field_limit("CostLine", "volume_growth")},
  }};
  // Shapes: every given shock (n_draws, n_years), the draws of the first given one.
  Eigen::Index draws = -1;
  const char* first_field = nullptr;
  for (const Shock& s : c.all) {
    if (s.draws->size() == 0 && s.draws->rows() == 0) continue;
    if (s.draws->cols() != n || s.draws->rows() == 0 || (draws >= 0 && s.draws->rows() != draws)) {
      const std::string expected = draws >= 0 ? shape(draws, n) : fmt::format("(n_draws >= 1, {})", n);
      throw InputError(fmt::format(
          "shocks.{} has shape {}; expected {}: draws × years {}-{} (base year first){}", s.field,
          shape(s.draws->rows(), s.draws->cols()), expected, b, projector.horizon(),
          draws >= 0 ? fmt::format(", as shocks.{}", first_field) : std::string()));
    }
    draws = s.draws->rows();
    first_field = s.field;
  }
  if (draws < 0) {
    throw InputError(fmt::format("no shocks given; expected at least one of shape (n_draws, {}) (years {}-{})", n, b,
                                 projector.horizon()));
  }
  if (shocks.national_tax_capacity_growth.size() > 0 && !projector.base().itemised_grants) {
    throw InputError(
        "shocks.national_tax_capacity_growth is given but the general grants are a total; the national tax capacity "
        "moves the grants only with itemised grants (the income equalisation by its formula)");
  }

  // What the workers' value checks need (BatchAccess::check_draw).
  const Assumptions& a = projector.assumptions();
  c.national_growth = Eigen::VectorXd::Zero(n);
  if (projector.base().itemised_grants) {
    for (Eigen::Index k = 1; k < n; ++k) c.national_growth[k] = a.national_tax_capacity_growth.at(b + static_cast<int>(k));
  }
  const Eigen::MatrixXd& volume = BatchAccess::volume(projector);
  c.lowest_line.assign(static_cast<std::size_t>(n), 0);
  c.highest_line.assign(static_cast<std::size_t>(n), 0);
  for (Eigen::Index k = 0; k < n && volume.rows() > 0; ++k) {
    volume.col(k).minCoeff(&c.lowest_line[static_cast<std::size_t>(k)]);
    volume.col(k).maxCoeff(&c.highest_line[static_cast<std::size_t>(k)]);
  }

  BatchResult out;
  for (DrawMatrix* m : {&out.result, &out.balanced_budget_result, &out.result_share, &out.tax_revenue,
                        &out.general_grants}) {
    m->resize(draws, n);
  }
  if (need != nullptr) out.required_change.resize(draws);
  Eigen::Index workers = threads > 0 ? threads : static_cast<Eigen::Index>(std::thread::hardware_concurrency());
  workers = std::clamp<Eigen::Index>(workers, 1, draws);
  // Contiguous ranges, each worker stopping at its first failing draw: the error of the lowest failing draw is
  // rethrown (parallel.hpp).
  run_workers(workers, [&](std::int64_t w) {
    const Eigen::Index first = draws * w / workers;
    const Eigen::Index last = draws * (w + 1) / workers;
    BatchAccess::run_range(projector, c, need, first, last, out);
  });
  return out;
}

BatchNeed checked_need(const Projector& projector, const BatchNeed& need) {
  BatchNeed checked = need;
  if (need.target.kind == TargetKind::ResultShare || need.target.kind == TargetKind::ResultExcludingOneOffsShare) {
    check_limit(field_limit("Target", "share"), "target.share", kNoYear, need.target.share);
  }
  const int b = projector.base_year();
  const int h = projector.horizon();
  if (checked.from_year == 0) checked.from_year = std::min(b + 1, h);
  if (checked.from_year < b || checked.from_year > h) {
    throw InputError(fmt::format("from_year = {} is outside the projected years [{}, {}]; expected the first year of "
                                 "the required sustained change in that range",
                                 need.from_year, b, h));
  }
  return checked;
}

}  // namespace

BatchResult run_batch(const Projector& projector, const BatchShocks& shocks, int threads) {
  return run_batch_impl(projector, views(shocks), nullptr, threads);
}

BatchResult run_batch(const Projector& projector, const BatchShocks& shocks, const BatchNeed& need, int threads) {
  const BatchNeed checked = checked_need(projector, need);
  return run_batch_impl(projector, views(shocks), &checked, threads);
}

BatchResult run_batch(const Projector& projector, const BatchShockViews& shocks, int threads) {
  return run_batch_impl(projector, shocks, nullptr, threads);
}

BatchResult run_batch(const Projector& projector, const BatchShockViews& shocks, const BatchNeed& need, int threads) {
  const BatchNeed checked = checked_need(projector, need);
  return run_batch_impl(projector, shocks, &checked, threads);
}

}  // namespace kommunbudget
