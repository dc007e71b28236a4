// Service volumes that follow an age group (docs/model.md §2). Expected values derived by hand in the test.
#include <gtest/gtest.h>

#include <string>

#include "kommunbudget/demography.hpp"
#include "kommunbudget/errors.hpp"

using namespace kommunbudget;

TEST(UserVolumeGrowth, FollowsTheUsersByHand) {
  // 1 000 children aged 1-5 become 1 030: (1 030 − 1 000) / 1 000 = 30 / 1 000 = +3 %.
  EXPECT_NEAR(user_volume_growth(1000.0, 1030.0), 0.03, 1e-15);
  // Lund's 80+ (befolkningsprognos.csv): 6 823 (2024) → 7 271 (2025): 448 / 6 823 = 0.065660...
  EXPECT_NEAR(user_volume_growth(6823.0, 7271.0), 448.0 / 6823.0, 1e-15);
  EXPECT_NEAR(user_volume_growth(6823.0, 7271.0), 0.06566, 1e-5);
  // A shrinking group: 4 000 → 3 900 is −2.5 %; a group that empties is −100 %.
  EXPECT_NEAR(user_volume_growth(4000.0, 3900.0), -0.025, 1e-15);
  EXPECT_DOUBLE_EQ(user_volume_growth(10.0, 0.0), -1.0);
}

TEST(UserVolumeGrowth, RefusesCountsOutsideTheLimits) {
  EXPECT_THROW(user_volume_growth(0.0, 100.0), InputError);    // growth from no users is undefined
  EXPECT_THROW(user_volume_growth(-5.0, 100.0), InputError);
  EXPECT_THROW(user_volume_growth(100.0, -1.0), InputError);   // a negative count
  EXPECT_THROW(user_volume_growth(100.0, 3.0e7), InputError);  // more than the limit of 2e7 persons
  try {
    user_volume_growth(100.0, -1.0);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("users_after"), std::string::npos) << e.what();
  }
}
