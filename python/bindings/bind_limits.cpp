#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/typing.h>

#include "bindings.hpp"
#include "kommunbudget/limits.hpp"

namespace py = pybind11;
using namespace kommunbudget;

namespace {
using LimitRow = py::typing::Dict<py::str, py::object>;

LimitRow as_dict(const FieldLimit& row) {
  LimitRow d;
  d["structure"] = row.structure;
  d["field"] = row.field;
  d["low"] = row.low;
  d["high"] = row.high;
  d["unit"] = row.unit;
  d["kind"] = to_string(row.kind);
  d["description"] = row.description;
  d["negative_sentinel"] = row.negative_sentinel;
  return d;
}
}  // namespace

void kommunbudget::bindings::bind_limits(py::module_& m) {
  m.def(
      "field_limits",
      [] {
        py::typing::List<LimitRow> out;
        for (const FieldLimit& row : field_limits()) out.append(as_dict(row));
        return out;
      },
      "The core's table of limits (docs/model.md §14): one dict per checked field, with keys structure (the C++ "
      "struct, or the free function whose argument it is), field, low and high (float, inclusive unless the "
      "description says the bound is open; -inf/inf = unbounded), unit ('MSEK', 'fraction', 'fraction per year', "
      "'kr per 100 kr', 'kr per inhabitant', 'inhabitants', 'households', 'persons', 'm²', 'months', 'years', "
      "'percent', 'calendar year', 'kr per year'), kind ('amount', 'whole_number', 'share', 'fraction', "
      "'tax_rate', 'tax_rate_change': decides the hint of an error message), description and negative_sentinel "
      "(bool: a negative value means something, e.g. -1 = PKV's weight, and skips the range check).");
  m.def(
      "field_limit", [](const std::string& structure, const std::string& field) { return as_dict(field_limit(structure, field)); },
      py::arg("structure"), py::arg("field"),
      "One row of field_limits() as a dict. Raises InputError (a ValueError) naming the unknown structure or field "
      "and listing the known ones.");
  m.attr("TARGET_TOLERANCE_MSEK") = kTargetToleranceMsek;
}
