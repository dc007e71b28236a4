#pragma once
/// @file parallel.hpp
/// The one worker pool of the core's batch calls (run_batch, run_monte_carlo, run_many, fill_shocks): `workers`
/// std::threads, each given its index w and holding a contiguous range of the items in order, so the exception of
/// the lowest failing w is the one of the lowest failing item. Private to cpp/src.
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace kommunbudget {

/// Runs work(w) for w = 0 … workers − 1, on the calling thread when workers == 1, else on `workers` std::threads
/// joined before returning; then rethrows the exception of the lowest w that threw (the others are dropped).
/// `work` must take an std::int64_t and may throw; it is called once per w.
template <class Work>
void run_workers(std::int64_t workers, const Work& work) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  const auto guarded = [&](std::int64_t w) {
    try {
      work(w);
    } catch (...) {
      errors[static_cast<std::size_t>(w)] = std::current_exception();
    }
  };
  if (workers == 1) {
    guarded(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(workers));
    for (std::int64_t w = 0; w < workers; ++w) pool.emplace_back(guarded, w);
    for (std::thread& t : pool) t.join();
  }
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace kommunbudget
