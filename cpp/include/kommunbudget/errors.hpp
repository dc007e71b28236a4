#pragma once
/// @file errors.hpp
/// Error types of kommunbudget. Invalid input raises InputError (derived from std::invalid_argument, arrives in
/// Python as ValueError); its message names the field, the year (where there is one), the value and the allowed
/// range. Failures of a computation on valid input raise ComputationError (std::runtime_error → RuntimeError).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace kommunbudget {

/// Invalid input: NaN or infinite values, missing or duplicate years, out-of-range rates or weights, a
/// non-positive tax base, a horizon before the base year, an impossible target. Maps to Python ValueError.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// An invalid measure found by Projector::measure_effects: the message is the one a projection with that measure
/// gives (e.g. "fixed_savings[0] (name).amount_msek = ...", naming the measure by its list and its index in that
/// list), and position() is the measure's position in the order the effects were asked for. Maps to Python
/// kommunbudget._core.MeasureError (a subclass of InputError, so of ValueError) with an attribute `position`.
class MeasureError : public InputError {
 public:
  MeasureError(const std::string& message, std::size_t position) : InputError(message), position_(position) {}
  /// Position of the measure in the order given to measure_effects (0-based).
  std::size_t position() const noexcept { return position_; }

 private:
  std::size_t position_;
};

/// A computation that cannot give an answer on valid input. Maps to Python RuntimeError.
class ComputationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A long computation stopped on request (MonteCarloControl::cancel, e.g. Ctrl-C in Python): no result. Maps to
/// Python kommunbudget._core.Cancelled (a RuntimeError); the Python binding raises the interrupting exception
/// (KeyboardInterrupt, or the progress callback's) instead when it asked for the stop.
class Cancelled : public ComputationError {
 public:
  using ComputationError::ComputationError;
};

}  // namespace kommunbudget
