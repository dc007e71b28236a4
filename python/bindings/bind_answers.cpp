#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/answers.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_answers(py::module_& m) {
  py::enum_<TargetKind>(m, "TargetKind", "What a year must achieve.")
      .value("RESULT", TargetKind::Result, "årets resultat >= 0")
      .value("BALANCED_BUDGET_RESULT", TargetKind::BalancedBudgetResult, "balanskravsresultat >= 0")
      .value("RESULT_SHARE", TargetKind::ResultShare, "result / (tax revenue + general grants) >= share");
  py::class_<Target> target(m, "Target", "A target: kind and share (fraction, RESULT_SHARE only, [-0.5, 0.5]).");
  define_fields(target, "Target", "kind", &Target::kind, "share", &Target::share);
  target.def("describe", [](const Target& t) { return describe(t); });

  m.def("target_gap_msek", &target_gap_msek, py::arg("statement"), py::arg("target"),
        "Shortfall per year against the target, MSEK (negative = margin); shape (n_years,).");
  m.def("required_tax_rate", &required_tax_rate, py::arg("statement"), py::arg("target"),
        "Lowest own rate (kr per 100 kr) meeting the target each year, shape (n_years,). ValueError for an "
        "impossible target.");
  m.def("required_sustained_change", &required_sustained_change, py::arg("statement"), py::arg("target"),
        py::arg("from_year"), "Single sustained change of the rate (kr per 100 kr) from from_year meeting the "
                              "target in every later year.");
  m.def("tax_rate_equivalent_ore", py::overload_cast<double, double>(&tax_rate_equivalent_ore),
        py::arg("amount_msek"), py::arg("tax_base_msek"), "amount / (tax base / 100), in öre.");
  m.def("tax_rate_equivalents_ore",
        py::overload_cast<const IncomeStatement&, const Eigen::VectorXd&>(&tax_rate_equivalent_ore),
        py::arg("statement"), py::arg("amounts_msek"),
        "Öre equivalents of yearly amounts (shape (n_years,), MSEK) against the statement's tax base.");
  m.def("household_tax_change_kr", &household_tax_change_kr, py::arg("change_kr_per_100kr"),
        py::arg("taxable_income_kr"), "Yearly cost (kr) of a rate change for a given taxable income (kr per year).");
  m.def("efficiency_rate_equivalent", &efficiency_rate_equivalent, py::arg("statement"), py::arg("year"),
        py::arg("amount_msek"),
        "One-off across-the-board efficiency rate (fraction of that year's operating costs) saving amount_msek.");
}
