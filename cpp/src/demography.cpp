#include "kommunbudget/demography.hpp"

#include "kommunbudget/check.hpp"

namespace kommunbudget {

double user_volume_growth(double users_before, double users_after) {
  check_limit(field_limit("user_volume_growth", "users_before"), kNoYear, users_before);
  check_limit(field_limit("user_volume_growth", "users_after"), kNoYear, users_after);
  return users_after / users_before - 1.0;
}

}  // namespace kommunbudget
