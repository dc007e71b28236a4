// Projector.run_batch: shocks as NumPy arrays (n_draws, n_years) in, outputs as NumPy arrays out (batch.hpp).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "bindings.hpp"
#include "kommunbudget/batch.hpp"
#include "kommunbudget/errors.hpp"

namespace py = pybind11;
using namespace kommunbudget;

namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

// None → empty; else a C-contiguous float64 array of 2 dimensions: the NumPy array itself when it is one already
// (no copy), else a converted copy (held in `keep` for the call). The shape is checked by run_batch, which names the
// field. Another number of dimensions is refused here with the field named.
DrawView to_draws(const char* field, const py::object& value, Eigen::Index n_years, Array& keep) {
  if (value.is_none()) return DrawView(nullptr, 0, 0);
  keep = Array::ensure(value);
  if (!keep) throw InputError(fmt::format("shocks.{} is not an array of numbers; expected float64 of shape "
                                          "(n_draws, {}) or None", field, n_years));
  if (keep.ndim() != 2) {
    std::string shape = "(";
    for (py::ssize_t i = 0; i < keep.ndim(); ++i) shape += (i ? ", " : "") + std::to_string(keep.shape(i));
    shape += keep.ndim() == 1 ? ",)" : ")";
    throw InputError(fmt::format("shocks.{} has shape {}; expected (n_draws >= 1, {}): draws × years", field, shape,
                                 n_years));
  }
  return DrawView(keep.data(), keep.shape(0), keep.shape(1));
}

}  // namespace

void kommunbudget::bindings::bind_batch(py::module_& m) {
  auto projector = py::reinterpret_borrow<py::class_<Projector>>(m.attr("Projector"));
  projector.def(
      "run_batch",
      [](const Projector& p, const py::object& labour_cost_change, const py::object& other_cost_change,
         const py::object& tax_base_growth, const py::object& national_tax_capacity_growth,
         const py::object& volume_growth, const std::optional<Target>& target, std::optional<int> from_year,
         int threads) {
        const Eigen::Index n = p.n_years();
        Array keep[5];  // the arrays viewed (the caller's own where already C-contiguous float64): alive for the call
        const BatchShockViews shocks{to_draws("labour_cost_change", labour_cost_change, n, keep[0]),
                                     to_draws("other_cost_change", other_cost_change, n, keep[1]),
                                     to_draws("tax_base_growth", tax_base_growth, n, keep[2]),
                                     to_draws("national_tax_capacity_growth", national_tax_capacity_growth, n, keep[3]),
                                     to_draws("volume_growth", volume_growth, n, keep[4])};
        if (!target && from_year) {
          throw InputError("from_year is given without a target; expected a target (the tax need's) or neither");
        }
        BatchNeed need;
        if (target) {
          need.target = *target;
          need.from_year = from_year.value_or(0);
        }
        BatchResult r;
        {
          py::gil_scoped_release release;
          r = target ? run_batch(p, shocks, need, threads) : run_batch(p, shocks, threads);
        }
        py::dict out;
        out["result"] = py::cast(std::move(r.result));
        out["balanced_budget_result"] = py::cast(std::move(r.balanced_budget_result));
        out["result_share"] = py::cast(std::move(r.result_share));
        out["tax_revenue"] = py::cast(std::move(r.tax_revenue));
        out["general_grants"] = py::cast(std::move(r.general_grants));
        if (target) out["required_change"] = py::cast(std::move(r.required_change));
        return out;
      },
      py::kw_only(), py::arg("labour_cost_change") = py::none(), py::arg("other_cost_change") = py::none(),
      py::arg("tax_base_growth") = py::none(), py::arg("national_tax_capacity_growth") = py::none(),
      py::arg("volume_growth") = py::none(), py::arg("target") = std::nullopt, py::arg("from_year") = std::nullopt,
      py::arg("threads") = 0,
      "Projects the baseline (no measures) once per draw with additive yearly shocks (batch.hpp, docs/model.md "
      "'Batch evaluation'). Each shock is None or a float64 array of shape (n_draws, n_years), columns base year "
      "first (column 0, the base year, must be 0), fractions per year added to: labour_cost_change and "
      "other_cost_change (PKV), tax_base_growth (own tax base; grants that follow it follow), "
      "national_tax_capacity_growth (itemised grants only) and volume_growth (every cost line). threads: 0 = all "
      "cores; the result does not depend on it. Returns a dict of float64 arrays (n_draws, n_years): result, "
      "balanced_budget_result, tax_revenue, general_grants (MSEK) and result_share (fraction); with a target (a "
      "Target; from_year, the first year of the change, default base year + 1) also required_change, shape "
      "(n_draws,): each draw's required_sustained_change (kr per 100 kr). The GIL is released during the run. Raises InputError (a ValueError) naming the field for a wrong shape, a value that is not "
      "finite, a non-zero base-year column, a shocked value outside its range, a target share or from_year outside "
      "its range, or a draw whose tax need cannot be met (the draw named).");
}
