#include "kommunbudget/logging.hpp"

#include <atomic>

#include <spdlog/sinks/stdout_sinks.h>

namespace kommunbudget {

namespace {
// The logger behind an atomic shared_ptr: logger() is a lock-free load on every call (it is called from projector
// builds on many threads), set_log_sinks() an atomic store. No mutex of ours is ever held while a sink runs.
std::shared_ptr<spdlog::logger>& logger_instance() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("kommunbudget", sink);
    l->set_level(spdlog::level::warn);
    return l;
  }();
  return instance;
}
}  // namespace

std::shared_ptr<spdlog::logger> logger() { return std::atomic_load(&logger_instance()); }

void set_log_sinks(std::vector<spdlog::sink_ptr> sinks) {
  const auto current = logger();
  auto replacement = std::make_shared<spdlog::logger>("kommunbudget", sinks.begin(), sinks.end());
  replacement->set_level(current->level());
  std::atomic_store(&logger_instance(), std::move(replacement));
}

}  // namespace kommunbudget
