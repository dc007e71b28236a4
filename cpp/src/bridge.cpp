#include "kommunbudget/bridge.hpp"

#include <fmt/format.h>

#include "kommunbudget/answers.hpp"
#include "kommunbudget/check.hpp"

namespace kommunbudget {

DriverBridge driver_bridge(const Projector& projector, const Measures& measures, int year) {
  check_year("year", year);
  const int b = projector.base_year();
  if (year <= b || year > projector.horizon()) {
    throw InputError(fmt::format("year = {} is outside the projection years [{}, {}]", year, b + 1,
                                 projector.horizon()));
  }
  const Eigen::Index k = year - b;
  IncomeStatement statement;
  projector.run_into(measures, statement);  // validates the measures
  const double scenario = statement.result[k];
  projector.project_into(Measures{}, statement);
  const double base_year_result = statement.result[0];
  const double one_ore = one_ore_msek(statement.tax_base[k]);

  // Every driver frozen on a copy of the flattened inputs.
  Projector frozen = projector;
  frozen.labour_.setZero();
  frozen.other_.setZero();
  frozen.volume_.setZero();
  frozen.income_growth_.setZero();
  frozen.tax_base_growth_.setZero();
  if (frozen.national_capacity_.size() > 0) frozen.national_capacity_.setConstant(frozen.national_capacity_[0]);
  frozen.compute_grants();
  const Measures none;
  const auto result = [&] {
    frozen.project_into(none, statement);
    return statement.result[k];
  };

  DriverBridge bridge;
  bridge.year = year;
  std::vector<double> msek;
  bridge.drivers.emplace_back("base-year result");
  msek.push_back(base_year_result);
  double previous = result();
  bridge.drivers.emplace_back("other planned amounts");
  msek.push_back(previous - base_year_result);
  const auto step = [&](const char* driver) {
    const double value = result();
    bridge.drivers.emplace_back(driver);
    msek.push_back(value - previous);
    previous = value;
  };
  frozen.labour_ = projector.labour_;
  frozen.other_ = projector.other_;
  step("price (PKV)");
  frozen.volume_ = projector.volume_;
  step("volume");
  frozen.income_growth_ = projector.income_growth_;
  step("operating income growth");
  frozen.tax_base_growth_ = projector.tax_base_growth_;
  frozen.compute_grants();  // grants that follow the tax base growth follow it again
  step("own tax base growth");
  frozen.national_capacity_ = projector.national_capacity_;
  frozen.compute_grants();  // the regulation rule falls with the national net equalisation again
  step("national tax capacity growth (equalisation)");
  bridge.drivers.emplace_back("measures");
  msek.push_back(scenario - previous);
  bridge.drivers.emplace_back("scenario result");
  msek.push_back(scenario);

  bridge.msek = Eigen::Map<const Eigen::VectorXd>(msek.data(), static_cast<Eigen::Index>(msek.size()));
  bridge.ore = bridge.msek / one_ore;
  return bridge;
}

}  // namespace kommunbudget
