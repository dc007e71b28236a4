#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "kommunbudget/demography.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_demography(py::module_& m) {
  m.def("user_volume_growth", &user_volume_growth, py::arg("users_before"), py::arg("users_after"),
        "Volume growth (fraction per year) of a service at a constant real cost per user: users_after / "
        "users_before − 1 (users in persons; users_before > 0).");
}
