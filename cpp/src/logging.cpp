#include "kommunbudget/logging.hpp"

#include <mutex>

#include <spdlog/sinks/stdout_sinks.h>

namespace kommunbudget {

namespace {
std::mutex& logger_mutex() {
  static std::mutex m;
  return m;
}
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

std::shared_ptr<spdlog::logger> logger() {
  std::lock_guard<std::mutex> lock(logger_mutex());
  return logger_instance();
}

void set_log_sinks(std::vector<spdlog::sink_ptr> sinks) {
  std::lock_guard<std::mutex> lock(logger_mutex());
  auto& l = logger_instance();
  auto replacement = std::make_shared<spdlog::logger>("kommunbudget", sinks.begin(), sinks.end());
  replacement->set_level(l->level());
  l = replacement;
}

}  // namespace kommunbudget
