// run_many: a list of Projector objects (and of Measures) in, NumPy arrays out (many.hpp).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bindings.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/many.hpp"

namespace py = pybind11;
using namespace kommunbudget;

void kommunbudget::bindings::bind_many(py::module_& m) {
  m.def(
      "run_many",
      [](const py::sequence& projectors, const py::object& measures, int threads, std::optional<Target> target,
         std::optional<int> from_year, bool measure_effect) {
        // The Python list keeps the projectors alive for the call; the core reads them through pointers.
        std::vector<const Projector*> pointers;
        pointers.reserve(static_cast<std::size_t>(py::len(projectors)));
        for (std::size_t i = 0; i < static_cast<std::size_t>(py::len(projectors)); ++i) {
          const py::object item = projectors[i];
          if (!py::isinstance<Projector>(item)) {
            throw InputError(fmt::format("projectors[{}] is a {}; expected a Projector", i,
                                         py::str(py::type::of(item).attr("__name__")).cast<std::string>()));
          }
          pointers.push_back(&item.cast<const Projector&>());
        }
        std::vector<Measures> sets;
        if (!measures.is_none()) {
          const auto list = measures.cast<py::sequence>();
          sets.reserve(static_cast<std::size_t>(py::len(list)));
          for (std::size_t i = 0; i < static_cast<std::size_t>(py::len(list)); ++i) {
            const py::object item = list[i];
            if (!py::isinstance<Measures>(item)) {
              throw InputError(fmt::format("measures[{}] is a {}; expected a Measures", i,
                                           py::str(py::type::of(item).attr("__name__")).cast<std::string>()));
            }
            sets.push_back(item.cast<Measures>());
          }
        }
        if (target.has_value() != from_year.has_value()) {
          throw InputError("target and from_year go together: give both for the tax need, or neither");
        }
        ManyQuestions questions;
        questions.tax_need = target.has_value();
        if (target) questions.target = *target;
        if (from_year) questions.from_year = *from_year;
        questions.measure_effect = measure_effect;
        ManyResult r;
        {
          py::gil_scoped_release release;
          r = run_many(pointers, sets, threads, questions);
        }
        py::dict out;
        out["years"] = py::cast(r.years);
        out["result"] = py::cast(std::move(r.result));
        out["balanced_budget_result"] = py::cast(std::move(r.balanced_budget_result));
        out["result_share"] = py::cast(std::move(r.result_share));
        out["tax_revenue"] = py::cast(std::move(r.tax_revenue));
        out["general_grants"] = py::cast(std::move(r.general_grants));
        out["tax_base"] = py::cast(std::move(r.tax_base));
        if (questions.tax_need) out["tax_need"] = py::cast(std::move(r.tax_need));
        if (measure_effect) {
          out["measure_effect_msek"] = py::cast(std::move(r.measure_effect_msek));
          out["measure_effect_ore"] = py::cast(std::move(r.measure_effect_ore));
        }
        return out;
      },
      py::arg("projectors"), py::arg("measures") = py::none(), py::kw_only(), py::arg("threads") = 0,
      py::arg("target") = py::none(), py::arg("from_year") = py::none(), py::arg("measure_effect") = false,
      "Projects many municipalities in one call (many.hpp, docs/model.md §21). projectors: a list of Projector, all "
      "with the same base year and horizon (the first mismatch is named); measures: None (no measures) or a list of "
      "Measures, one per projector, each validated once. threads: 0 = all cores; the numbers do not depend on it. "
      "target and from_year (both or neither): also the tax need, required_sustained_change of each municipality "
      "(kr per 100 kr). measure_effect: also project without the measures and return the change of the result "
      "(MSEK) and its öre on the rate against the tax base without measures. Returns a dict: years (list), result, "
      "balanced_budget_result, tax_revenue, general_grants, tax_base (MSEK) and result_share (fraction), each a "
      "float64 array (n_municipalities, n_years); tax_need (n_municipalities,) with a target; measure_effect_msek "
      "and measure_effect_ore (n_municipalities, n_years) with measure_effect. The GIL is released during the run. "
      "Raises InputError (a ValueError) for mismatched years or list lengths, a negative threads, and, prefixed "
      "'projectors[i]: ', for municipality i's invalid measure or impossible target.");
}
