#pragma once
/// @file deficit_state.hpp
/// The FIFO state of the balanced-budget deficits (docs/model.md §16), shared by apply_balance_requirement and
/// restoration_required (balance_requirement.cpp) and the tax need's bisection (answers.cpp). Private to cpp/src.
#include <Eigen/Core>

#include <algorithm>

namespace kommunbudget::detail {

// The FIFO state of the deficits at the start of a year t: overdue (origin before t − 3) and the three live ones,
// live[0] of origin t − 3 (due in t), live[1] of t − 2, live[2] of t − 1. MSEK, each >= 0.
struct DeficitState {
  double overdue = 0.0;
  double live[3] = {0.0, 0.0, 0.0};

  explicit DeficitState(const Eigen::Vector4d& opening)
      : overdue(opening[0]), live{opening[1], opening[2], opening[3]} {}

  double total() const { return overdue + live[0] + live[1] + live[2]; }
  // What the year must restore: the overdue deficits and the one whose third year it is.
  double required() const { return overdue + live[0]; }

  // Restores from a positive balanced-budget result, oldest first; returns the amount restored.
  double restore(double bbr) {
    double left = std::max(0.0, bbr);
    const double before = total();
    const auto take = [&left](double& d) {
      const double r = std::min(d, left);
      d -= r;
      left -= r;
    };
    take(overdue);
    for (double& d : live) take(d);
    return before - total();
  }

  // Ends the year: what is left of the deficit due this year is a breach and stays overdue; the year's own
  // negative result becomes the newest deficit. Returns the breach.
  double close_year(double bbr) {
    const double breach = live[0];
    overdue += breach;
    live[0] = live[1];
    live[1] = live[2];
    live[2] = std::max(0.0, -bbr);
    return breach;
  }
};

}  // namespace kommunbudget::detail
