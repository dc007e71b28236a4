#pragma once
// One field list per struct: define_fields(cls, "name", &T::name, ...) registers each field as a read-write
// attribute and returns the names, which drive __repr__ and keyword construction. Bindings only.
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>  // _fields is a list of str

namespace kommunbudget::bindings {

template <typename Class>
void define_fields_impl(Class&, std::vector<std::string>&) {}

template <typename Class, typename Member, typename... Rest>
void define_fields_impl(Class& cls, std::vector<std::string>& names, const char* name, Member member, Rest... rest) {
  cls.def_readwrite(name, member);
  names.emplace_back(name);
  define_fields_impl(cls, names, rest...);
}

/// Registers the fields and adds __repr__, a keyword constructor (unknown keywords raise TypeError naming them)
/// and `_fields` (the list of names).
template <typename Class, typename... Pairs>
void define_fields(Class& cls, const char* type_name, Pairs... pairs) {
  namespace py = pybind11;
  using T = typename Class::type;
  auto names = std::make_shared<std::vector<std::string>>();
  define_fields_impl(cls, *names, pairs...);
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
          "Keyword construction: every field optional, unknown keywords raise TypeError.");
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
