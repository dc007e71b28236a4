#pragma once
// One field list per struct: define_fields(cls, "name", &T::name, ...) registers each field as a read-write
// attribute and returns the names, which drive __repr__ and keyword construction. Bindings only. Each field's
// docstring shows its unit and allowed range from the core's table of limits (limits.hpp), where it has a row.
#include <deque>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>  // _fields is a list of str

#include "kommunbudget/limits.hpp"

namespace kommunbudget::bindings {

/// The docstring of `structure`.`field` from the table of limits ("" without a row): description, unit and
/// allowed range, e.g. "yearly saving at full effect, base-year MSEK. Unit: MSEK. Allowed range: [0, 100000].".
/// Kept alive for the module's lifetime.
inline const char* field_doc(const char* structure, const char* field) {
  static std::deque<std::string> docs;  // stable addresses; filled at import, under the GIL
  const FieldLimit* row = find_field_limit(structure, field);
  if (row == nullptr) {
    // Fields without a range (names, flags, lists): a short description.
    static const std::pair<const char*, const char*> others[] = {
        {"name", "Name (text), unique within its list where the core names it in messages."},
        {"code", "Kommunkod, 4 digits as text (leading zero kept)."},
        {"cost_line", "Name of the cost line (service area) the measure applies to; '' = all lines / none."},
        {"yearly", "False: a one-off step that persists; True: the step again every year (compounding)."},
        {"id", "The property's id (e.g. its designation), unique within the disposals."},
        {"use", "What the property is used for (text, descriptive)."},
        {"need_remains", "Whether the activity still needs premises after a sale (external rent is then paid)."},
        {"property", "The property sold (Property)."},
        {"kind", "What the target requires (TargetKind)."},
        {"cost_lines", "The cost lines (list of CostLine), at least one."},
        {"grant_items", "The grant items other than the income equalisation (list)."},
        {"equalisation", "Income equalisation parameters (IncomeEqualisation); itemised grants only."},
        {"itemised_grants", "True: general grants are the income equalisation by the formula plus grant_items."},
        {"depreciation_in_cost_lines", "True: the cost lines are net costs holding the capital costs (SCB)."},
        {"capital", "Opening cash and debt, minimum cash and depreciation classes (CapitalPlan)."},
        {"depreciation_classes", "Depreciation classes of new investments (list of DepreciationClass)."},
        {"growth_follows_tax_base", "True: years with neither an amount nor a growth grow with tax_base_growth."},
        {"general_grants_growth_follows_tax_base",
         "True: years with neither an amount nor a general_grants_growth grow with tax_base_growth."},
        {"price_index", "PKV components per year (PriceIndex)."},
        {"tax_changes", "List of TaxChange."},
        {"efficiency", "List of EfficiencyMeasure."},
        {"earned_income_changes", "List of EarnedIncomeChange."},
        {"work_lines", "List of WorkLinePolicy."},
        {"disposals", "List of Disposal."},
        {"fixed_savings", "List of FixedSaving."},
        {"opening_deficits", "Deficits from before the base year not yet restored (list of OpeningDeficit)."},
        {"negative_equity", "True: negative equity incl. pension obligations; reservation threshold 2 % not 1 %."},
        {"withdraw_from_reserve",
         "True: withdraw from the reserve to cover a negative result up to zero in years without a given use."},
        {"reserve_surplus",
         "True: reserve what the rules allow after restoring deficits, in years without a given use."},
        {"balance_requirement", "The balanced-budget requirement over the years (BalanceRequirement)."},
    };
    for (const auto& [name, doc] : others) {
      if (std::string_view(field) == name) return doc;
    }
    return "";
  }
  std::string doc = fmt::format("{}. Unit: {}. Allowed range: {}", row->description, row->unit, format_range(*row));
  if (row->negative_sentinel) doc += " (a negative value is the sentinel described)";
  docs.push_back(doc + ".");
  return docs.back().c_str();
}

template <typename Class>
void define_fields_impl(Class&, const char*, std::vector<std::string>&) {}

template <typename Class, typename Member, typename... Rest>
void define_fields_impl(Class& cls, const char* type_name, std::vector<std::string>& names, const char* name,
                        Member member, Rest... rest) {
  cls.def_readwrite(name, member, field_doc(type_name, name));
  names.emplace_back(name);
  define_fields_impl(cls, type_name, names, rest...);
}

/// Registers the fields and adds __repr__, a keyword constructor (unknown keywords raise TypeError naming them)
/// and `_fields` (the list of names).
template <typename Class, typename... Pairs>
void define_fields(Class& cls, const char* type_name, Pairs... pairs) {
  namespace py = pybind11;
  using T = typename Class::type;
  auto names = std::make_shared<std::vector<std::string>>();
  define_fields_impl(cls, type_name, *names, pairs...);
  static std::deque<std::string> init_docs;  // stable addresses; filled at import, under the GIL
  std::string signature;
  for (const auto& n : *names) signature += (signature.empty() ? "" : ", ") + n + "=...";
  init_docs.push_back(std::string("Keyword construction: ") + type_name + "(" + signature +
                      "). Every field is optional (the C++ default); an unknown keyword raises TypeError naming it. "
                      "Ranges are checked when the object is used (validate, Projector), from the table of limits.");
  cls.def(py::init([names](const py::kwargs& kwargs) {
            py::object obj = py::cast(T{});
            for (auto item : kwargs) {
              const auto key = item.first.cast<std::string>();
              bool known = false;
              for (const auto& n : *names) known = known || n == key;
              if (!known) {
                std::string list;
                for (const auto& n : *names) list += (list.empty() ? "" : ", ") + n;
                throw py::type_error("unknown field '" + key + "'; expected one of: " + list);
              }
              obj.attr(key.c_str()) = item.second;
            }
            return obj.cast<T>();
          }),
          init_docs.back().c_str());
  py::setattr(cls, "_fields", py::cast(*names));
  std::string tn = type_name;
  cls.def("__repr__", [names, tn](const py::object& self) {
    std::string out = tn + "(";
    bool first = true;
    for (const auto& n : *names) {
      out += (first ? "" : ", ") + n + "=" + py::repr(self.attr(n.c_str())).cast<std::string>();
      first = false;
    }
    return out + ")";
  });
}

}  // namespace kommunbudget::bindings
