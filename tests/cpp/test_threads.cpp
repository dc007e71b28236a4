// Projectors built and run from several threads at once, with the logger at debug level (every build logs).
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>

#include "fixtures.hpp"

using namespace kommunbudget;

TEST(Threads, EightThreadsGiveTheSerialResultsExactly) {
  std::ostringstream os;
  set_log_sinks({std::make_shared<spdlog::sinks::ostream_sink_mt>(os)});
  const auto old_level = logger()->level();
  logger()->set_level(spdlog::level::debug);

  constexpr int kThreads = 8;
  constexpr int kRuns = 40;
  const auto work = [](int t, int r) {
    std::mt19937 rng(static_cast<unsigned>(1000 * t + r));
    const kbtest::Generated g = kbtest::generate(rng);
    Measures m;
    m.tax_changes.push_back(TaxChange{g.horizon, 0.01 * r});
    return Projector(g.base, g.assumptions, g.horizon).run(m).result;
  };
  std::vector<std::vector<Eigen::VectorXd>> serial(kThreads), parallel(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int r = 0; r < kRuns; ++r) serial[t].push_back(work(t, r));
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRuns; ++r) parallel[t].push_back(work(t, r));
    });
  }
  for (std::thread& th : threads) th.join();
  logger()->set_level(old_level);

  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(parallel[t].size(), serial[t].size());
    for (int r = 0; r < kRuns; ++r) EXPECT_EQ(parallel[t][r], serial[t][r]) << t << " " << r;
  }
  // Every build logged once at debug level: 2 × 8 × 40 lines.
  const std::string log = os.str();
  EXPECT_EQ(static_cast<int>(std::count(log.begin(), log.end(), '\n')), 2 * kThreads * kRuns);
}
