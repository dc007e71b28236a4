#pragma once
// Registration functions of the kommunbudget._core module, one per area. Bindings translate types and map
// errors; no model arithmetic lives here.
#include <string>

#include <pybind11/pybind11.h>

namespace kommunbudget::bindings {

void bind_errors(pybind11::module_& m);
void bind_logging(pybind11::module_& m);
void bind_series(pybind11::module_& m);
void bind_price_index(pybind11::module_& m);
void bind_revenue(pybind11::module_& m);
void bind_demography(pybind11::module_& m);
void bind_municipality(pybind11::module_& m);
void bind_projection(pybind11::module_& m);
void bind_answers(pybind11::module_& m);
void bind_limits(pybind11::module_& m);
void bind_calibration(pybind11::module_& m);
void bind_shocks(pybind11::module_& m);
/// Projector.run_batch (batch.hpp); after bind_projection.
void bind_batch(pybind11::module_& m);
/// run_many (many.hpp); after bind_projection and bind_answers (Projector, Measures, Target).
void bind_many(pybind11::module_& m);
/// run_monte_carlo and MonteCarloSummary (monte_carlo.hpp); after bind_projection and bind_answers.
void bind_monte_carlo(pybind11::module_& m);

/// "TypeName(field=value, ...)" from the object's listed attributes, for __repr__.
std::string repr_fields(const pybind11::handle& self, const char* type_name, std::initializer_list<const char*> fields);

}  // namespace kommunbudget::bindings
