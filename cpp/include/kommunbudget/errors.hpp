#pragma once
/// @file errors.hpp
/// Error types of kommunbudget. Invalid input raises InputError (derived from std::invalid_argument, arrives in
/// Python as ValueError); its message names the field, the year (where there is one), the value and the allowed
/// range. Failures of a computation on valid input raise ComputationError (std::runtime_error → RuntimeError).
#include <stdexcept>
#include <string>

namespace kommunbudget {

/// Invalid input: NaN or infinite values, missing or duplicate years, out-of-range rates or weights, a
/// non-positive tax base, a horizon before the base year, an impossible target. Maps to Python ValueError.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A computation that cannot give an answer on valid input. Maps to Python RuntimeError.
class ComputationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kommunbudget
