#pragma once
/// @file version.hpp
#include <string>

namespace kommunbudget {
/// The library version, from the project VERSION in the top-level CMakeLists.txt (the single version source).
std::string version();
}  // namespace kommunbudget
