#pragma once
/// @file bridge.hpp
/// The bridge by driver (docs/model.md §13): from the base year's result to a scenario's result in one year, as
/// the change each driver adds when the drivers are switched on one at a time.
#include <string>
#include <vector>

#include <Eigen/Core>

#include "kommunbudget/projection.hpp"

namespace kommunbudget {

/// A bridge from the base year's result to a scenario's result in `year`, MSEK. The rows, in this order:
/// "base-year result" (the baseline's result in the base year), "other planned amounts" (every driver frozen:
/// labour and other cost change 0, volume 0, operating income growth 0, tax base growth 0 (also for grants that
/// follow it), national tax capacity constant; what remains is depreciation, financial items, grant items,
/// settlements and rates as given), "price (PKV)", "volume", "operating income growth", "own tax base growth",
/// "national tax capacity growth (equalisation)" (with the regulation rule's fall, which follows it; each the
/// change of the result in `year` when that driver is
/// restored after the ones before it), "measures" (scenario result − baseline result) and "scenario result".
/// The steps from "other planned amounts" to "measures" sum exactly to scenario result − base-year result, up to
/// rounding (each is a difference of consecutive projections).
struct DriverBridge {
  int year = 0;                      ///< the year bridged to (a projection year)
  std::vector<std::string> drivers;  ///< the nine row names above
  Eigen::VectorXd msek;              ///< shape (9,): the amounts, MSEK (first and last rows are levels, not steps)
  /// shape (9,): the amounts in öre on the rate against the baseline's tax base in `year` (msek / one_ore_msek)
  Eigen::VectorXd ore;
};

/// Builds the bridge by driver of `measures` on `projector` for `year` (a copy of the projector's flattened
/// inputs with the drivers frozen, then restored one at a time; no re-validation of the inputs; the measures are
/// validated as run() does).
/// @throws InputError for a year outside base year + 1 .. horizon (named with the range) or an invalid measure.
DriverBridge driver_bridge(const Projector& projector, const Measures& measures, int year);

}  // namespace kommunbudget
