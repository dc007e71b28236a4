#include <gtest/gtest.h>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>

#include "fixtures.hpp"

using namespace kommunbudget;

TEST(Logging, OneNamedLoggerWhoseSinksCanBeReplaced) {
  EXPECT_EQ(logger()->name(), "kommunbudget");
  std::ostringstream os;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(os);
  set_log_sinks({sink});
  const auto old_level = logger()->level();
  logger()->set_level(spdlog::level::debug);
  Projector(kbtest::sjobo_2024(), Assumptions{}, 2024);
  logger()->set_level(old_level);
  EXPECT_NE(os.str().find("1265 Sjöbo"), std::string::npos) << os.str();
  EXPECT_EQ(version(), std::string(KOMMUNBUDGET_TEST_VERSION));
}
