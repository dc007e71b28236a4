#pragma once
/// @file logging.hpp
/// One named spdlog logger, "kommunbudget", behind one accessor. Library code never reconfigures spdlog's
/// global default logger. Hosts replace the sinks (the Python module forwards to Python's `logging`).
#include <memory>
#include <vector>

#include <spdlog/spdlog.h>

namespace kommunbudget {

/// The library's logger (created on first use with a stderr sink at level "warn"). Lock-free (an atomic
/// shared_ptr load); safe from any thread. The projector logs its build at debug level.
std::shared_ptr<spdlog::logger> logger();

/// Replaces the logger's sinks (e.g. with a sink forwarding to Python's logging), keeping its level. Safe from any
/// thread: loggers already handed out keep the old sinks until released.
void set_log_sinks(std::vector<spdlog::sink_ptr> sinks);

}  // namespace kommunbudget
