#include "kommunbudget/version.hpp"

#ifndef KOMMUNBUDGET_VERSION
#error "KOMMUNBUDGET_VERSION must be defined by the build (top-level CMakeLists.txt project VERSION)"
#endif

namespace kommunbudget {
std::string version() { return KOMMUNBUDGET_VERSION; }
}  // namespace kommunbudget
