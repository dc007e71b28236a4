// __repr__ text shared by the bindings: "TypeName(field=value, ...)" from an object's attributes.
#include <pybind11/pybind11.h>

#include "bindings.hpp"

namespace py = pybind11;

namespace kommunbudget::bindings {
std::string repr_fields(const py::handle& self, const char* type_name, std::initializer_list<const char*> fields) {
  std::string out = std::string(type_name) + "(";
  bool first = true;
  for (const char* f : fields) {
    out += (first ? "" : ", ") + std::string(f) + "=" + py::repr(self.attr(f)).cast<std::string>();
    first = false;
  }
  return out + ")";
}
}  // namespace kommunbudget::bindings
