// Forwards the core's spdlog logger ("kommunbudget") to Python's logging module (logger "kommunbudget.core").
#include <pybind11/pybind11.h>
#include <spdlog/details/null_mutex.h>
#include <spdlog/sinks/base_sink.h>

#include "bindings.hpp"
#include "kommunbudget/logging.hpp"
#include "kommunbudget/version.hpp"

namespace py = pybind11;

namespace {
// No C++ lock is held while Python runs: the sink's mutex is spdlog's null_mutex, and the Python call is serialised
// by the GIL alone. (With a real mutex, a thread holding it would wait for the GIL while the thread holding the GIL
// waited for the mutex: the deadlock of Python threads projecting with logging at INFO.)
class PythonLoggingSink : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (Py_IsInitialized() == 0) return;
    const int level = [&] {
      switch (msg.level) {
        case spdlog::level::trace:
        case spdlog::level::debug:
          return 10;
        case spdlog::level::info:
          return 20;
        case spdlog::level::warn:
          return 30;
        case spdlog::level::err:
          return 40;
        default:
          return 50;
      }
    }();
    std::string text(msg.payload.data(), msg.payload.size());  // before the GIL: no Python needed for it
    py::gil_scoped_acquire gil;
    try {
      py::module_::import("logging").attr("getLogger")("kommunbudget.core").attr("log")(level, text);
    } catch (py::error_already_set&) {
      // A failing Python handler must not break the model run.
    }
  }
  void flush_() override {}
};
}  // namespace

void kommunbudget::bindings::bind_logging(py::module_& m) {
  kommunbudget::set_log_sinks({std::make_shared<PythonLoggingSink>()});
  kommunbudget::logger()->set_level(spdlog::level::info);
  m.def(
      "set_log_level",
      [](const std::string& level) {
        const auto l = spdlog::level::from_str(level);
        if (l == spdlog::level::off && level != "off") {
          throw py::value_error("level = '" + level +
                                "' is not a log level; expected one of trace, debug, info, warning, error, "
                                "critical, off");
        }
        kommunbudget::logger()->set_level(l);
      },
      py::arg("level"),
      "Sets the level below which the C++ core drops messages before they reach Python's logging "
      "('debug', 'info', 'warning', 'error', 'off'); the default is 'info' (a projector build logs at 'debug'). "
      "Raises ValueError for an unknown level.");
  m.def("version", &kommunbudget::version, "The core library version (the project VERSION in CMakeLists.txt).");
}
