#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/bridge.hpp"
#include "kommunbudget/calibration.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_calibration(py::module_& m) {
  using release = py::call_guard<py::gil_scoped_release>;
  py::class_<PlanYear> plan(m, "PlanYear",
                            "One plan year of an adopted budget, as printed: year, preliminary_tax_msek, "
                            "tax_rate_kr_per_100kr, operating_income_msek, operating_costs_msek (positive MSEK), "
                            "income_equalisation_msek (signed MSEK) and population (the equalisation's inhabitants; "
                            "the last two for itemised grants only).");
  define_fields(plan, "PlanYear", "year", &PlanYear::year, "preliminary_tax_msek", &PlanYear::preliminary_tax_msek,
                "tax_rate_kr_per_100kr", &PlanYear::tax_rate_kr_per_100kr, "operating_income_msek",
                &PlanYear::operating_income_msek, "operating_costs_msek", &PlanYear::operating_costs_msek,
                "income_equalisation_msek", &PlanYear::income_equalisation_msek, "population", &PlanYear::population);

  py::class_<PlanCalibration>(m, "PlanCalibration",
                              "Growth rates implied by an adopted plan (YearSeries over the plan years): projecting "
                              "with them reproduces the plan's tax revenue, operating income and costs and (itemised "
                              "grants) its income equalisation.")
      .def_readonly("tax_base_msek", &PlanCalibration::tax_base_msek,
                    "Implied tax base per plan year, MSEK: preliminary tax / (rate / 100).")
      .def_readonly("tax_base_growth", &PlanCalibration::tax_base_growth,
                    "tax_base[t] / tax_base[t-1] - 1 (fraction per year), from the base year's tax_base_msek.")
      .def_readonly("operating_income_growth", &PlanCalibration::operating_income_growth,
                    "income[t] / income[t-1] - 1 (fraction per year).")
      .def_readonly("volume_growth", &PlanCalibration::volume_growth,
                    "(costs[t] / costs[t-1]) / (1 + PKV[t]) - 1 (fraction per year): the volume of a line at PKV's "
                    "labour weight that reproduces the plan's costs.")
      .def_readonly("national_tax_capacity_growth", &PlanCalibration::national_tax_capacity_growth,
                    "Itemised grants: growth of the national tax capacity (fraction per year) at which the "
                    "equalisation formula gives the plan's income equalisation; empty otherwise.")
      .def_readonly("own_tax_capacity_kr", &PlanCalibration::own_tax_capacity_kr,
                    "Itemised grants: the own tax capacity the projection sees per plan year, kr per inhabitant.")
      .def_readonly("national_tax_capacity_kr", &PlanCalibration::national_tax_capacity_kr,
                    "Itemised grants: the implied national tax capacity per plan year, kr per inhabitant.");
  m.def("calibrate_plan", &calibrate_plan, py::arg("base"), py::arg("price_index"), py::arg("plan"), release(),
        "Calibrates an adopted budget's plan in closed form (no trial projection): tax base, operating income, "
        "volume and (itemised grants) national tax capacity growth per plan year. plan: PlanYear list, consecutive "
        "from base.year + 1. Raises InputError naming the plan year and the field.");
  m.def("neutral_volume_growth", &neutral_volume_growth, py::arg("price_index"), py::arg("tax_base_growth"),
        py::arg("first"), py::arg("last"), release(),
        "Approximate baseline: (1 + tax_base_growth[t]) / (1 + PKV[t]) - 1 per year first..last (fractions), the "
        "volume at which a line at PKV's weight grows with the tax base. Returns a YearSeries 'volume_growth'.");
  m.def("balancing_grant_item_msek", &balancing_grant_item_msek, py::arg("net_cost_msek"),
        py::arg("tax_revenue_msek"), py::arg("income_equalisation_msek"),
        "Approximate baseline: net cost - tax revenue - income equalisation (MSEK, signed), the derived grant item "
        "that makes the base-year result 0 when operating income, depreciation and financial items are 0.");

  py::class_<RevenueEstimate>(m, "RevenueEstimate",
                              "What a municipality's tax base and tax capacity give (estimate_revenue).")
      .def_readonly("tax_revenue_msek", &RevenueEstimate::tax_revenue_msek, "rate / 100 × tax base, MSEK.")
      .def_readonly("one_ore_msek", &RevenueEstimate::one_ore_msek, "What 1 öre raises: tax base / 10 000, MSEK.")
      .def_readonly("one_ore_kr_per_inhabitant", &RevenueEstimate::one_ore_kr_per_inhabitant,
                    "one_ore_msek × 1e6 / population, kr per inhabitant.")
      .def_readonly("income_equalisation_msek", &RevenueEstimate::income_equalisation_msek,
                    "Income equalisation by the formula (uncalibrated), MSEK (+ grant, - fee).")
      .def_readonly("income_equalisation_kr_per_inhabitant", &RevenueEstimate::income_equalisation_kr_per_inhabitant,
                    "The same per inhabitant, kr.")
      .def_readonly("equalisation_change_per_krona", &RevenueEstimate::equalisation_change_per_krona,
                    "Change of the equalisation per krona of own tax base (<= 0).")
      .def_readonly("kept_per_krona", &RevenueEstimate::kept_per_krona,
                    "What the municipality keeps of a krona of tax base: rate / 100 + the change above.")
      .def_readonly("capacity_index", &RevenueEstimate::capacity_index,
                    "Own / national tax capacity × 100, percent.")
      .def("__repr__", [](const py::object& self) {
        return repr_fields(self, "RevenueEstimate",
                           {"tax_revenue_msek", "one_ore_msek", "one_ore_kr_per_inhabitant", "income_equalisation_msek",
                            "income_equalisation_kr_per_inhabitant", "equalisation_change_per_krona", "kept_per_krona",
                            "capacity_index"});
      });
  m.def("estimate_revenue", &estimate_revenue, py::arg("params"), py::arg("tax_rate_kr_per_100kr"),
        py::arg("tax_base_msek"), py::arg("own_tax_capacity_kr"), py::arg("national_tax_capacity_kr"),
        py::arg("population"),
        "Tax revenue, one öre, income equalisation (by the formula), what is kept per krona and the capacity index "
        "of a municipality. Rate in kr per 100 kr, tax base in MSEK, capacities in kr per inhabitant. Raises "
        "InputError outside the ranges of the table of limits (structure 'estimate_revenue').");

  py::class_<DriverBridge>(m, "DriverBridge",
                           "From the base year's result to a scenario's result in one year, by driver (driver_bridge).")
      .def_readonly("year", &DriverBridge::year, "The year bridged to.")
      .def_readonly("drivers", &DriverBridge::drivers,
                    "The nine rows: 'base-year result', 'other planned amounts', 'price (PKV)', 'volume', 'operating "
                    "income growth', 'own tax base growth', 'national tax capacity growth (equalisation)', "
                    "'measures', 'scenario result'.")
      .def_readonly("msek", &DriverBridge::msek,
                    "float64 array of shape (9,), MSEK: the first and last rows are results, the others steps that "
                    "sum exactly from the first to the last.")
      .def_readonly("ore", &DriverBridge::ore,
                    "float64 array of shape (9,): msek in öre on the rate against the baseline's tax base in year.");
  m.def("driver_bridge", &driver_bridge, py::arg("projector"), py::arg("measures"), py::arg("year"), release(),
        "Bridge by driver of the measures in year (a projection year): all drivers frozen (price, volume, operating "
        "income growth, tax base growth with the grants that follow it, national tax capacity), then restored one "
        "at a time. Raises InputError for a year outside base year + 1 .. horizon or an invalid measure.");
}
