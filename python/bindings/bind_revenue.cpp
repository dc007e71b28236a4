#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/revenue.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_revenue(py::module_& m) {
  py::class_<IncomeEqualisation> eq(m, "IncomeEqualisation",
                                    "Income equalisation parameters: guarantee_share (1.15), compensation_degree "
                                    "(0.95, unverified), grant_rate_kr_per_100kr and fee_rate_kr_per_100kr (county "
                                    "rates, förordning 2004:881).");
  define_fields(eq, "IncomeEqualisation", "guarantee_share", &IncomeEqualisation::guarantee_share,
                "compensation_degree", &IncomeEqualisation::compensation_degree, "grant_rate_kr_per_100kr",
                &IncomeEqualisation::grant_rate_kr_per_100kr, "fee_rate_kr_per_100kr",
                &IncomeEqualisation::fee_rate_kr_per_100kr);
  eq.def("validate", &IncomeEqualisation::validate);
  m.def("income_equalisation_msek", &income_equalisation_msek, py::arg("params"), py::arg("own_tax_capacity_kr"),
        py::arg("national_tax_capacity_kr"), py::arg("population"),
        "Income equalisation, MSEK (+ grant below 115 % of the national capacity, − fee above), with the county "
        "rates. Capacities in kr per inhabitant.");
  m.def("equalisation_change_per_krona", &equalisation_change_per_krona, py::arg("params"),
        py::arg("own_tax_capacity_kr"), py::arg("national_tax_capacity_kr"),
        "Change of the equalisation per krona of own tax base (<= 0).");
  m.def("implied_own_tax_capacity_kr", &implied_own_tax_capacity_kr, py::arg("params"), py::arg("equalisation_msek"),
        py::arg("national_tax_capacity_kr"), py::arg("population"),
        "Own tax capacity (kr per inhabitant) at which the formula gives equalisation_msek (base-year calibration).");
  m.def("per_inhabitant_growth", &per_inhabitant_growth, py::arg("total_growth"), py::arg("population_growth"),
        "Growth per inhabitant (fraction): (1 + total) / (1 + population growth) − 1.");
  m.def("per_inhabitant_amount_msek", &per_inhabitant_amount_msek, py::arg("kr_per_inhabitant"),
        py::arg("population"), "An amount per inhabitant as MSEK: kr × population / 1e6.");
  m.def("own_tax_base_growth", &own_tax_base_growth, py::arg("capacity_growth"), py::arg("population_before"),
        py::arg("population_after"),
        "Own tax base growth (fraction) from the capacity growth per inhabitant and the inhabitants before and "
        "after: (1 + capacity_growth) × after / before − 1.");
  py::class_<InhabitantWorth> worth(m, "InhabitantWorth",
                                    "What one inhabitant more brings in a year, kr: tax_kr (own tax), "
                                    "equalisation_kr (income equalisation change), total_kr().");
  define_fields(worth, "InhabitantWorth", "tax_kr", &InhabitantWorth::tax_kr, "equalisation_kr",
                &InhabitantWorth::equalisation_kr);
  worth.def("total_kr", &InhabitantWorth::total_kr, "tax_kr + equalisation_kr, kr.");
  m.def("inhabitant_worth", &inhabitant_worth, py::arg("params"), py::arg("tax_rate_kr_per_100kr"),
        py::arg("own_tax_capacity_kr"), py::arg("national_tax_capacity_kr"),
        "What one inhabitant with the average own tax capacity brings, kr: own tax rate / 100 × K and the "
        "equalisation's e / 100 × (G·M − K).");
  m.def("implied_national_tax_capacity_kr", &implied_national_tax_capacity_kr, py::arg("params"),
        py::arg("equalisation_msek"), py::arg("own_tax_capacity_kr"), py::arg("population"),
        "National tax capacity (kr per inhabitant) at which the formula gives equalisation_msek.");
}
