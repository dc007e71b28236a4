// run_monte_carlo and MonteCarloSummary (monte_carlo.hpp): the spec from keyword arguments, the summary's queries as
// NumPy arrays. The run goes on a std::thread with the GIL released; this thread polls for Ctrl-C and progress.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bindings.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/monte_carlo.hpp"

namespace py = pybind11;
using namespace kommunbudget;

namespace {

// (len(q), n_years) quantiles of one output; `outside` the flags when not null.
py::array_t<double> quantiles(const MonteCarloSummary& s, const std::string& output, const std::vector<double>& q,
                              py::array_t<bool>* outside) {
  const MonteCarloOutput o = monte_carlo_output(output);
  const auto n = static_cast<py::ssize_t>(s.years.size());
  const auto m = static_cast<py::ssize_t>(q.size());
  py::array_t<double> out({m, n});
  auto v = out.mutable_unchecked<2>();
  py::array_t<bool> flags({m, n});
  auto f = flags.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < m; ++i) {
    if (!(q[static_cast<std::size_t>(i)] >= 0.0 && q[static_cast<std::size_t>(i)] <= 1.0)) {
      throw InputError(fmt::format("q[{}] = {} is outside [0, 1]; expected probabilities (0.05, not 5)", i,
                                   q[static_cast<std::size_t>(i)]));
    }
    for (py::ssize_t t = 0; t < n; ++t) {
      bool flag = false;
      v(i, t) = s.stats(o, t).quantile(q[static_cast<std::size_t>(i)], &flag);
      f(i, t) = flag;
    }
  }
  if (outside != nullptr) *outside = flags;
  return out;
}

// One number per year of an output.
template <typename Fn>
Eigen::VectorXd per_year(const MonteCarloSummary& s, const std::string& output, Fn fn) {
  const MonteCarloOutput o = monte_carlo_output(output);
  Eigen::VectorXd out(static_cast<Eigen::Index>(s.years.size()));
  for (Eigen::Index t = 0; t < out.size(); ++t) out[t] = fn(s.stats(o, t));
  return out;
}

py::array_t<std::uint64_t> counts(const std::vector<std::uint64_t>& c) {
  py::array_t<std::uint64_t> out(static_cast<py::ssize_t>(c.size()));
  std::copy(c.begin(), c.end(), out.mutable_data());
  return out;
}

}  // namespace

void kommunbudget::bindings::bind_monte_carlo(py::module_& m) {
  m.def("monte_carlo_shock_kinds", &shock_kind_names,
        "The names of the Monte Carlo shocks (monte_carlo.hpp ShockKind): the yearly ones first (labour_cost_change, "
        "other_cost_change, tax_base_growth, national_tax_capacity_growth, volume_growth, population_growth, "
        "assistance_households), then the per-draw ones (measure_realisation, sale_price).");
  m.def("monte_carlo_shock_is_yearly", [](const std::string& name) { return is_yearly(shock_kind(name)); },
        py::arg("name"), "Whether the shock is yearly (in the correlation matrix) or drawn once per draw.");

  py::class_<MonteCarloSummary> summary(
      m, "MonteCarloSummary",
      "The statistics of Monte Carlo draws (monte_carlo.hpp; docs/model.md §19): per output ('result', "
      "'balanced_budget_result' in MSEK, 'result_share' as a fraction) and year a fixed histogram, exact min/max "
      "and exact fixed-point mean and standard deviation; counters; the required sustained change per draw (kr per "
      "100 kr).");
  summary.def_property_readonly("years", [](const MonteCarloSummary& s) { return s.years; })
      .def_property_readonly("n_draws", &MonteCarloSummary::n_draws)
      .def_property_readonly("seed", [](const MonteCarloSummary& s) { return s.spec.seed; })
      .def_property_readonly("draw_ranges", [](const MonteCarloSummary& s) { return s.draw_ranges; },
                             "The draws summarised, as half-open ranges (first, last) of draw indices.")
      .def_property_readonly("first_shocked_year", [](const MonteCarloSummary& s) { return s.spec.first_shocked_year; })
      .def_property_readonly("from_year", [](const MonteCarloSummary& s) { return s.spec.from_year; })
      .def_property_readonly("target", [](const MonteCarloSummary& s) { return s.spec.target; })
      .def_property_readonly("bins", [](const MonteCarloSummary& s) { return s.spec.bins; })
      .def_property_readonly("shocks",
                             [](const MonteCarloSummary& s) {
                               std::vector<std::pair<std::string, double>> out;
                               for (const ShockSpec& x : s.spec.shocks) out.emplace_back(to_string(x.kind), x.sd);
                               return out;
                             },
                             "The shocks as (name, sd) pairs in the order given.")
      .def(
          "quantiles",
          [](const MonteCarloSummary& s, const std::string& output, const std::vector<double>& q) {
            return quantiles(s, output, q, nullptr);
          },
          py::arg("output"), py::arg("q"),
          "Quantiles, shape (len(q), n_years): the bin holding the ceil(q·n)-th smallest draw, linear inside it; "
          "within quantile_error(output) of the sample quantile. q = 0 / 1: the exact min / max.")
      .def(
          "quantile_outside_bins",
          [](const MonteCarloSummary& s, const std::string& output, const std::vector<double>& q) {
            py::array_t<bool> flags;
            quantiles(s, output, q, &flags);
            return flags;
          },
          py::arg("output"), py::arg("q"),
          "Shape (len(q), n_years): True where the quantile fell below or above the pilot's bins and the exact min "
          "or max was returned instead.")
      .def("quantile_error",
           [](const MonteCarloSummary& s, const std::string& o) {
             return per_year(s, o, [](const ValueStats& v) { return v.width; });
           },
           py::arg("output"), "The bin width per year (n_years,): the bound on a quantile's error, in the output's unit.")
      .def("mean",
           [](const MonteCarloSummary& s, const std::string& o) {
             return per_year(s, o, [](const ValueStats& v) { return v.mean(); });
           },
           py::arg("output"), "Sample mean per year (n_years,).")
      .def("std",
           [](const MonteCarloSummary& s, const std::string& o) {
             return per_year(s, o, [](const ValueStats& v) { return v.sd(); });
           },
           py::arg("output"), "Sample standard deviation (n − 1) per year (n_years,).")
      .def("min",
           [](const MonteCarloSummary& s, const std::string& o) {
             return per_year(s, o, [](const ValueStats& v) { return v.min; });
           },
           py::arg("output"), "Exact smallest draw per year (n_years,).")
      .def("max",
           [](const MonteCarloSummary& s, const std::string& o) {
             return per_year(s, o, [](const ValueStats& v) { return v.max; });
           },
           py::arg("output"), "Exact largest draw per year (n_years,).")
      .def(
          "histogram",
          [](const MonteCarloSummary& s, const std::string& output, int year) {
            const ValueStats* v = nullptr;
            if (output == "required_change") {
              v = &s.required_change;
            } else {
              const auto t = static_cast<Eigen::Index>(year - (s.years.empty() ? 0 : s.years.front()));
              v = &s.stats(monte_carlo_output(output), t);
            }
            return py::make_tuple(v->low, v->width, counts(v->counts));
          },
          py::arg("output"), py::arg("year") = 0,
          "(low, width, counts): counts[0] below low (underflow), counts[i] in [low + (i−1)·width, low + i·width), "
          "counts[-1] at or above the last edge (overflow). output 'required_change' ignores year.")
      .def(
          "counts",
          [](const MonteCarloSummary& s, const std::string& what) {
            if (what == "requirement_missed") return counts(s.requirement_missed);
            if (what == "restoration_missed") return counts(s.restoration_missed);
            if (what == "target_missed") return counts(s.target_missed);
            throw InputError(fmt::format("counts('{}'): expected requirement_missed, restoration_missed or "
                                         "target_missed",
                                         what));
          },
          py::arg("what"), "Draws per year (n_years,) in which the event happened (uint64).")
      .def_property_readonly("rise_needed", [](const MonteCarloSummary& s) { return s.rise_needed; },
                             "Draws whose required sustained change rounds up to at least one öre.")
      .def(
          "required_change_quantiles",
          [](const MonteCarloSummary& s, const std::vector<double>& q) {
            std::vector<double> out;
            for (double x : q) {
              if (!(x >= 0.0 && x <= 1.0)) throw InputError(fmt::format("q = {} is outside [0, 1]", x));
              out.push_back(s.required_change.quantile(x));
            }
            return out;
          },
          py::arg("q"), "Quantiles of the required sustained change, kr per 100 kr.")
      .def_property_readonly("required_change_error", [](const MonteCarloSummary& s) { return s.required_change.width; })
      .def_property_readonly("required_change_mean", [](const MonteCarloSummary& s) { return s.required_change.mean(); })
      .def_property_readonly("required_change_std", [](const MonteCarloSummary& s) { return s.required_change.sd(); })
      .def_property_readonly("required_change_min", [](const MonteCarloSummary& s) { return s.required_change.min; })
      .def_property_readonly("required_change_max", [](const MonteCarloSummary& s) { return s.required_change.max; })
      .def_property_readonly("realisation_sd", [](const MonteCarloSummary& s) { return s.realisation_sd; })
      .def_property_readonly("realisation_table_error",
                             [](const MonteCarloSummary& s) { return s.realisation_table_error; })
      .def(
          "kept",
          [](const MonteCarloSummary& s) -> py::object {
            if (s.kept_draw.empty()) return py::none();
            py::dict out;
            out["draw"] = py::cast(s.kept_draw);
            out["result"] = py::cast(s.kept_result);
            out["balanced_budget_result"] = py::cast(s.kept_balanced_budget_result);
            out["result_share"] = py::cast(s.kept_result_share);
            out["required_change"] = py::cast(s.kept_required_change);
            return std::move(out);
          },
          "The kept draws (keep_draws) as a dict of arrays, or None: draw (n,), result, balanced_budget_result, "
          "result_share (n, n_years), required_change (n,).")
      .def(
          "merge", [](MonteCarloSummary& s, const MonteCarloSummary& other) { s.merge(other); }, py::arg("other"),
          "Adds the summary of other draws of the same spec, in place (exact: equals one call over both). Raises "
          "InputError naming what differs or the overlapping draws.")
      .def("copy", [](const MonteCarloSummary& s) { return MonteCarloSummary(s); });

  m.def(
      "run_monte_carlo",
      [](const Projector& projector, const Measures& measures, std::uint64_t seed, std::uint64_t first_draw,
         std::int64_t n_draws, const std::vector<std::pair<std::string, double>>& shocks,
         const py::object& correlation, int first_shocked_year, const Target& target, int from_year, int bins,
         bool keep_draws, int threads, const py::object& progress, int assistance_cost_line) {
        MonteCarloSpec spec;
        spec.seed = seed;
        spec.first_draw = first_draw;
        spec.n_draws = n_draws;
        for (const auto& [name, sd] : shocks) spec.shocks.push_back(ShockSpec{shock_kind(name), sd});
        // None: independent (no NumPy at import time: a default matrix would be built when the module loads).
        if (!correlation.is_none()) spec.correlation = correlation.cast<Eigen::MatrixXd>();
        spec.first_shocked_year = first_shocked_year;
        spec.target = target;
        spec.from_year = from_year;
        spec.bins = bins;
        spec.keep_draws = keep_draws;
        spec.threads = threads;
        spec.assistance_cost_line = assistance_cost_line;
        MonteCarloControl control;
        bool python_error = false;  // the error indicator of this thread holds the exception to raise
        std::future<MonteCarloSummary> run;
        {
          py::gil_scoped_release release;
          run = std::async(std::launch::async,
                           [&] { return run_monte_carlo(projector, measures, spec, &control); });
          // Poll: no C++ lock is held while Python runs (the run shares only atomics with this thread).
          while (run.wait_for(std::chrono::milliseconds(75)) != std::future_status::ready) {
            if (python_error) continue;
            py::gil_scoped_acquire acquire;
            if (PyErr_CheckSignals() != 0) {
              python_error = true;
            } else if (!progress.is_none()) {
              try {
                progress(control.done.load(), n_draws);
              } catch (py::error_already_set& e) {
                e.restore();
                python_error = true;
              }
            }
            if (python_error) control.cancel = true;
          }
        }
        if (python_error) {
          try {
            run.get();
          } catch (...) {  // Cancelled (or an error of a draw before the stop): the Python exception wins
          }
          throw py::error_already_set();
        }
        MonteCarloSummary out = run.get();
        if (!progress.is_none()) progress(n_draws, n_draws);
        return out;
      },
      py::arg("projector"), py::arg("measures"), py::kw_only(), py::arg("seed"), py::arg("first_draw") = 0,
      py::arg("n_draws"), py::arg("shocks"), py::arg("correlation") = py::none(), py::arg("first_shocked_year") = 0,
      py::arg("target"), py::arg("from_year") = 0, py::arg("bins") = 2048, py::arg("keep_draws") = false,
      py::arg("threads") = 0, py::arg("progress") = py::none(), py::arg("assistance_cost_line") = -1,
      "Monte Carlo draws first_draw … first_draw + n_draws − 1 of the projector's baseline with `measures` "
      "(monte_carlo.hpp; docs/model.md §19). shocks: (name, sd) pairs (monte_carlo_shock_kinds()); correlation: "
      "k × k over the yearly shocks in the order given (empty: independent); first_shocked_year / from_year: 0 = "
      "base year + 1; assistance_cost_line: the index of the cost line of ekonomiskt bistånd whose volume growth "
      "the assistance_households shock also moves (-1 = none). The run releases the GIL and goes on its own thread; every ~75 ms this thread checks for "
      "signals (Ctrl-C) and calls progress(done, total) if given; a signal or an exception of the callback stops "
      "the run (within a block of 1 024 draws per worker) and is raised. Returns a MonteCarloSummary. Raises "
      "InputError naming the field, value and range, or the draw whose shocked value or projection failed.");
}
