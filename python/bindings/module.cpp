// kommunbudget._core: the compiled core. This file only registers the areas.
#include <pybind11/pybind11.h>

#include "bindings.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "kommunbudget._core: the C++ projection engine (private; use the kommunbudget package).\n\n"
      "Units: amounts in nominal MSEK; tax rates in kr per 100 kr; growth rates, shares and weights as fractions; "
      "tax capacities in kr per inhabitant. Invalid input raises InputError (a ValueError) naming the field, the "
      "year, the value and the allowed range (field_limits() lists every range). The GIL is released while the "
      "core builds and runs projections.\n\n"
      "This module's type stub, _core.pyi, is generated from the built module: `make stub` (pybind11-stubgen).";
  m.attr("__version__") = KOMMUNBUDGET_VERSION;
  using namespace kommunbudget::bindings;
  bind_errors(m);
  bind_logging(m);
  bind_limits(m);
  bind_series(m);
  bind_price_index(m);
  bind_revenue(m);
  bind_demography(m);
  bind_municipality(m);
  bind_projection(m);
  bind_answers(m);
  bind_calibration(m);
  bind_shocks(m);
  bind_batch(m);
  bind_many(m);
  bind_monte_carlo(m);
}
