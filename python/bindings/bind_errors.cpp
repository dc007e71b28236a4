#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "kommunbudget/errors.hpp"

namespace py = pybind11;

void kommunbudget::bindings::bind_errors(py::module_& m) {
  // InputError is a ValueError subclass, ComputationError a RuntimeError subclass: typed, never parsed strings.
  py::register_exception<kommunbudget::InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception<kommunbudget::ComputationError>(m, "ComputationError", PyExc_RuntimeError);
}
