#include <pybind11/pybind11.h>
#include <map>

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "kommunbudget/year_series.hpp"

namespace py = pybind11;
using kommunbudget::YearSeries;

void kommunbudget::bindings::bind_series(py::module_& m) {
  py::class_<YearSeries>(m, "YearSeries",
                         "Values over consecutive calendar years; every value knows its year.\n\n"
                         "YearSeries(field, years, values): parallel sequences, any order. Raises ValueError "
                         "(InputError) for a size mismatch, a duplicate or missing year, or a NaN/infinite value; "
                         "the message names the field and the year.")
      .def(py::init<>())
      .def(py::init<std::string, const std::vector<int>&, const std::vector<double>&>(), py::arg("field"),
           py::arg("years"), py::arg("values"))
      .def_static("constant", &YearSeries::constant, py::arg("field"), py::arg("first_year"), py::arg("last_year"),
                  py::arg("value"), "The same value in every year first_year..last_year.")
      .def_property_readonly("field", &YearSeries::field)
      .def_property_readonly("first_year", &YearSeries::first_year)
      .def_property_readonly("last_year", &YearSeries::last_year)
      .def_property_readonly("years", &YearSeries::years)
      .def_property_readonly("values", &YearSeries::values)
      .def("empty", &YearSeries::empty)
      .def("has", &YearSeries::has, py::arg("year"))
      .def("at", &YearSeries::at, py::arg("year"), "Value of a year; ValueError naming the year if not covered.")
      .def("require_years", &YearSeries::require_years, py::arg("first"), py::arg("last"))
      .def("with_value", &YearSeries::with_value, py::arg("year"), py::arg("value"))
      .def("__len__", &YearSeries::size)
      .def(
          "as_dict",
          [](const YearSeries& s) {
            std::map<int, double> d;
            for (int y : s.years()) d[y] = s.at(y);
            return d;
          },
          "The values by year.")
      .def("__repr__", [](const YearSeries& s) {
        std::string out = "YearSeries('" + s.field() + "', {";
        bool first = true;
        for (int y : s.years()) {
          out += (first ? "" : ", ") + std::to_string(y) + ": " + py::repr(py::float_(s.at(y))).cast<std::string>();
          first = false;
        }
        return out + "})";
      });
  m.def("chain", &kommunbudget::chain, py::arg("base_amount"), py::arg("base_year"), py::arg("change"),
        py::arg("to_year"),
        "Chains yearly changes (fractions) onto an amount from base_year to to_year; returns a YearSeries in the "
        "unit of base_amount. Raises ValueError for a missing year or a rate outside [-0.5, 0.5].");
}
