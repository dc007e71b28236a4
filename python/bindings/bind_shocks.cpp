#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "kommunbudget/check.hpp"
#include "kommunbudget/shocks.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_shocks(py::module_& m) {
  m.def(
      "draw_shocks",
      [](std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
         const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, int threads) {
        // The sizes are checked before the array is allocated (a huge or negative n_draws is an InputError).
        check_limit(field_limit("fill_shocks", "n_draws"), "n_draws", kNoYear, static_cast<double>(n_draws));
        check_limit(field_limit("fill_shocks", "n_years"), "n_years", kNoYear, static_cast<double>(n_years));
        py::array_t<double> out({static_cast<py::ssize_t>(sd.size()), static_cast<py::ssize_t>(n_draws),
                                 static_cast<py::ssize_t>(n_years)});
        double* data = out.mutable_data();
        {
          py::gil_scoped_release release;
          fill_shocks(seed, first_draw, n_draws, n_years, sd, correlation, data, threads);
        }
        return out;
      },
      py::arg("seed"), py::arg("first_draw"), py::arg("n_draws"), py::arg("n_years"), py::arg("sd"),
      py::arg("correlation"), py::arg("threads") = 0,
      "Correlated normal shocks, shape (k, n_draws, n_years) with k = len(sd): element (s, i, t) is shock s of draw "
      "first_draw + i in year index t, sd[s] · Σ_j F[s, j] · z_j with F · Fᵀ = correlation and z_j the standard "
      "normal of draw, year t and shock j: Philox4x64-10 keyed by seed with Boost.Random's ziggurat (docs/model.md, "
      "\"Shocks: a counter-based generator\"). Bit-identical for any threads (0: one per hardware thread) and any "
      "split of the draws over calls. sd: standard deviations (a growth shock: fraction per year, [0, 0.5]); "
      "correlation: k × k, symmetric, ones on the diagonal, positive semi-definite. The GIL is released while "
      "drawing. Raises InputError (ValueError) naming the entry and the property expected.");
}
