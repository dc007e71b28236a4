#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "kommunbudget/errors.hpp"

namespace py = pybind11;

namespace {
PyObject*& measure_error_type() {
  static PyObject* type = nullptr;
  return type;
}
}  // namespace

void kommunbudget::bindings::bind_errors(py::module_& m) {
  // InputError is a ValueError subclass, ComputationError a RuntimeError subclass: typed, never parsed strings.
  auto& input_error = py::register_exception<kommunbudget::InputError>(m, "InputError", PyExc_ValueError);
  input_error.doc() =
      "Invalid input (a ValueError): the message names the field, the year, the value and the allowed range.";
  auto& computation_error =
      py::register_exception<kommunbudget::ComputationError>(m, "ComputationError", PyExc_RuntimeError);
  computation_error.doc() = "A computation that cannot give an answer on valid input (a RuntimeError).";
  auto& cancelled = py::register_exception<kommunbudget::Cancelled>(m, "Cancelled", computation_error.ptr());
  cancelled.doc() =
      "A long computation (run_monte_carlo) stopped on request, with no result (a ComputationError, so a "
      "RuntimeError). Ctrl-C or a progress callback's exception reaches the caller as that exception instead.";
  // MeasureError: a subclass of InputError (so of ValueError) whose instances carry `position`, the position of the
  // invalid measure in the order given to Projector.measure_effects. Registered after InputError, so its
  // translator is tried first.
  auto& measure_error = py::register_exception<kommunbudget::MeasureError>(m, "MeasureError", input_error.ptr());
  measure_error.doc() =
      "An invalid measure found by Projector.measure_effects (an InputError, so a ValueError). The message is "
      "the one Projector.run gives for that measure (it names the measure by its list and its index in that "
      "list, e.g. 'fixed_savings[0] (name).amount_msek = ...'); the attribute `position` (int) is the measure's "
      "position in the order given.";
  // `position` is a read-only property over the instance's _position (set by the translator below), so that type
  // checkers and the generated stub see `position: int`.
  py::cpp_function position_getter(
      [](const py::object& self) { return self.attr("_position").cast<std::size_t>(); }, py::name("position"),
      py::is_method(measure_error));
  measure_error.attr("position") = py::module_::import("builtins").attr("property")(
      position_getter, py::none(), py::none(),
      "Position (0-based) of the invalid measure in the order given to Projector.measure_effects.");
  measure_error_type() = measure_error.ptr();  // the module keeps the type alive
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const kommunbudget::MeasureError& e) {
      PyObject* type = measure_error_type();
      py::object instance = py::reinterpret_borrow<py::object>(type)(e.what());
      instance.attr("_position") = py::int_(e.position());
      PyErr_SetObject(type, instance.ptr());
    }
  });
}
