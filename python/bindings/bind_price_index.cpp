#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/price_index.hpp"

namespace py = pybind11;
using kommunbudget::PriceIndex;

void kommunbudget::bindings::bind_price_index(py::module_& m) {
  m.def("pkv_change", &kommunbudget::pkv_change, py::arg("labour_change"), py::arg("other_change"),
        py::arg("labour_weight"),
        "PKV (SKR) for one year: weight × labour + (1 − weight) × other, all fractions. Raises ValueError for a "
        "weight outside [0, 1] or a rate outside [-0.5, 0.5].");
  m.def("wage_agreement_averages", &kommunbudget::wage_agreement_averages, py::arg("rates"), py::arg("start_month"),
        "Yearly average wage increases (fractions) from agreed rates taking effect in start_month each year: "
        "(start_month − 1)/12 × last year's rate + (13 − start_month)/12 × this year's (the overhang; RULES.md §6). "
        "Returns a YearSeries for the years after the first (every year for start_month 1). Raises ValueError for "
        "fewer than two years, a rate outside [-0.5, 0.5] or a month outside 1-12.");
  m.def("labour_cost_change_with_po", &kommunbudget::labour_cost_change_with_po, py::arg("wage_change"),
        py::arg("po_before"), py::arg("po_now"),
        "Labour-cost change incl. social charges (PO, fraction of wages): (1 + wage) × (1 + po_now) / (1 + po_before)"
        " − 1, fractions. Raises ValueError for a wage change outside [-0.5, 0.5] or a PO rate outside [0, 1].");
  py::class_<PriceIndex>(m, "PriceIndex", "SKR's PKV components per year (fractions): labour-cost change, "
                                          "other-consumption change, labour weight.")
      .def(py::init<>())
      .def_readwrite("labour_cost_change", &PriceIndex::labour_cost_change,
                     field_doc("PriceIndex", "labour_cost_change"))
      .def_readwrite("other_cost_change", &PriceIndex::other_cost_change, field_doc("PriceIndex", "other_cost_change"))
      .def_readwrite("labour_weight", &PriceIndex::labour_weight, field_doc("PriceIndex", "labour_weight"))
      .def("validate", &PriceIndex::validate, py::arg("first"), py::arg("last"),
           "Checks the three series over first..last; InputError naming the series and the year.")
      .def("pkv", &PriceIndex::pkv, py::arg("year"), "PKV of the year, fraction.")
      .def("price_change", py::overload_cast<int, double>(&PriceIndex::price_change, py::const_), py::arg("year"),
           py::arg("labour_share"), "Price change of a line with the given labour share (fraction).")
      .def("factor", &PriceIndex::factor, py::arg("from_year"), py::arg("to_year"), py::arg("labour_share") = -1.0,
           "Chained price factor from the prices of from_year to those of to_year (labour_share < 0: PKV's weight).")
      .def("uprate", &PriceIndex::uprate, py::arg("amount"), py::arg("price_year"), py::arg("to_year"),
           py::arg("labour_share") = -1.0,
           "An amount in the fixed prices of price_year expressed in the prices of to_year.")
      .def("__repr__", [](const py::object& self) {
        return repr_fields(self, "PriceIndex", {"labour_cost_change", "other_cost_change", "labour_weight"});
      });
}
