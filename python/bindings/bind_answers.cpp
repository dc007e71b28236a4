#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/answers.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_answers(py::module_& m) {
  using release = py::call_guard<py::gil_scoped_release>;
  py::enum_<TargetKind>(m, "TargetKind", "What a year must achieve.")
      .value("RESULT", TargetKind::Result, "årets resultat >= 0")
      .value("BALANCED_BUDGET_RESULT", TargetKind::BalancedBudgetResult,
             "balanskravsresultat >= 0 and >= the restoration due in the year (KL 11 kap. 12 §)")
      .value("RESULT_SHARE", TargetKind::ResultShare, "result / (tax revenue + general grants) >= share")
      .value("RESULT_EXCLUDING_ONE_OFFS_SHARE", TargetKind::ResultExcludingOneOffsShare,
             "(result − one-off items) / (tax revenue + general grants) >= share");
  py::class_<Target> target(m, "Target", "A target: kind and share (fraction, RESULT_SHARE and RESULT_EXCLUDING_ONE_OFFS_SHARE only, "
                                       "[-0.5, 0.5]).");
  define_fields(target, "Target", "kind", &Target::kind, "share", &Target::share);
  target.def("describe", [](const Target& t) { return describe(t); },
             "Human-readable name, e.g. 'result >= 2.0 % of tax revenue and general grants'.");

  m.def("target_gap_msek", &target_gap_msek, py::arg("statement"), py::arg("target"), release(),
        "Shortfall per year against the target, MSEK (negative = margin); float64 array of shape (n_years,). "
        "Raises InputError for a share outside [-0.5, 0.5].");
  m.def("target_met", &target_met, py::arg("statement"), py::arg("target"), release(),
        "Per year whether the target is met: target_gap_msek <= TARGET_TOLERANCE_MSEK (1e-6 MSEK); bool array of "
        "shape (n_years,).");
  m.def("balanced_budget_met", &balanced_budget_met, py::arg("statement"), release(),
        "Per year whether the balanced-budget requirement is met: balanced_budget_result >= "
        "-TARGET_TOLERANCE_MSEK; bool array of shape (n_years,).");
  m.def("required_tax_rate", &required_tax_rate, py::arg("statement"), py::arg("target"), release(),
        "Lowest own rate (kr per 100 kr) meeting the target each year; float64 array of shape (n_years,). "
        "InputError for an impossible target (a rate outside [0, 100]).");
  m.def("required_sustained_change", &required_sustained_change, py::arg("statement"), py::arg("target"),
        py::arg("from_year"), release(),
        "Single sustained change of the rate (kr per 100 kr) from from_year meeting the target in every later "
        "year (negative = room to lower it). For BALANCED_BUDGET_RESULT the deficits are replayed: earlier "
        "surpluses of the change lower later restorations.");
  m.def("tax_rate_equivalent_ore", py::overload_cast<double, double>(&tax_rate_equivalent_ore),
        py::arg("amount_msek"), py::arg("tax_base_msek"),
        "An amount (MSEK) as öre on the rate: amount / (tax base / 100) × 100. InputError for a tax base <= 0.");
  m.def("round_up_to_ore", &round_up_to_ore, py::arg("kr_per_100kr"),
        "A rate or a change of the rate (kr per 100 kr) rounded up to whole öre, the unit a council sets: the smallest "
        "whole-öre value >= the value (21.3649999 -> 21.37; -0.5214 -> -0.52; float noise below 1e-9 ignored), so a "
        "required rate rounded this way still meets its target. InputError for a value that is not finite.");
  m.def("one_ore_msek", &one_ore_msek, py::arg("tax_base_msek"),
        "What 1 öre on the rate (0.01 kr per 100 kr) raises on a tax base, MSEK: tax base / 10 000 (the inverse of "
        "tax_rate_equivalent_ore for 1 MSEK). InputError for a tax base <= 0.");
  m.def("tax_rate_equivalents_ore",
        py::overload_cast<const IncomeStatement&, const Eigen::VectorXd&>(&tax_rate_equivalent_ore),
        py::arg("statement"), py::arg("amounts_msek"), release(),
        "Öre equivalents of yearly amounts (shape (n_years,), MSEK) against the statement's tax base; float64 array "
        "of shape (n_years,).");
  m.def("household_tax_change_kr", &household_tax_change_kr, py::arg("change_kr_per_100kr"),
        py::arg("taxable_income_kr"),
        "Yearly cost (kr) of a rate change (kr per 100 kr, [-10, 10]) for a taxable income (kr per year, "
        "[0, 1e9]).");
  m.def("efficiency_rate_equivalent", &efficiency_rate_equivalent, py::arg("statement"), py::arg("year"),
        py::arg("amount_msek"), release(),
        "One-off across-the-board efficiency rate (fraction of that year's net costs: efficiency_net_share × "
        "operating costs) saving amount_msek.");
  m.def("gap_saving_msek", &gap_saving_msek, py::arg("gap_msek"), py::arg("share_closed"),
        "Yearly saving (base-year MSEK) of closing share_closed (fraction, [0, 1]) of a service area's gap (MSEK, "
        "[0, 1e6]): gap × share (scenario kinds nka_gap and area_gap). InputError outside the ranges.");
  m.def("premises_target_saving_msek", &premises_target_saving_msek, py::arg("total_premises_cost_msek"),
        py::arg("share"),
        "Yearly saving (base-year MSEK) of a premises target: share (fraction, [0, 1]) of the total premises cost "
        "(MSEK, [0, 100000]). InputError outside the ranges.");
}
