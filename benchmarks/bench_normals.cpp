// Normal draws for Monte Carlo (shocks.hpp, docs/model.md §17): the time per standard normal of
// standard_normal (one at a time) and standard_normals (all of one draw: k shocks × 10 years, k = 1, 3, 7) on one
// thread, and fill_shocks for n_draws × 10 years × 3 correlated shocks on 1 and 2 threads. For comparison it also
// times the generator shocks.cpp used before (Philox4x32-10 per pair of normals with Random123's Box–Muller), written
// out here. Times are CPU time (the thread's; for fill_shocks the process's, summed over its threads, next to the wall
// time), so a machine shared with other jobs disturbs them less. Prints; makes no claim by itself (no timed test).
//
// Usage: bench_normals [n_draws]   (default 1000000)
#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <time.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "kommunbudget/shocks.hpp"

using namespace kommunbudget;

namespace {

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double thread_seconds() { return cpu_seconds(CLOCK_THREAD_CPUTIME_ID); }

// The previous generator (kommunbudget before fast-normals): Philox4x32-10 on (draw, year, shock / 2) and
// Box–Muller on the two 64-bit words, shocks 2p and 2p + 1 from one pair.
void previous_normals(std::uint64_t seed, std::uint64_t draw, std::uint32_t n_years, std::uint32_t k, double* out) {
  const r123::Philox4x32 philox;
  const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const std::uint32_t pairs = (k + 1) / 2;
  for (std::uint32_t t = 0; t < n_years; ++t) {
    double* row = out + static_cast<std::size_t>(t) * k;
    for (std::uint32_t p = 0; p < pairs; ++p) {
      const r123::Philox4x32::ctr_type ctr = {
          {static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), t, p}};
      const r123::Philox4x32::ctr_type r = philox(ctr, key);
      const std::uint64_t u0 = (static_cast<std::uint64_t>(r[1]) << 32) | r[0];
      const std::uint64_t u1 = (static_cast<std::uint64_t>(r[3]) << 32) | r[2];
      const r123::double2 n = r123::boxmuller(u0, u1);
      row[2 * p] = n.x;
      if (2 * p + 1 < k) row[2 * p + 1] = n.y;
    }
  }
}

// ns per normal of `normals` over n_draws draws of n_years × k values; the checksum keeps the work alive.
template <class Normals>
double ns_per_normal(Normals normals, std::uint64_t n_draws, std::uint32_t n_years, std::uint32_t k, double& sum) {
  std::vector<double> z(static_cast<std::size_t>(n_years) * k);
  const double t0 = thread_seconds();
  for (std::uint64_t d = 0; d < n_draws; ++d) {
    normals(2026, d, n_years, k, z.data());
    sum += z[0];
  }
  return (thread_seconds() - t0) * 1e9 / (static_cast<double>(n_draws) * n_years * k);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n_draws = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::uint32_t n_years = 10;
  double sum = 0.0;
  std::printf("one thread, ns per normal (n_draws = %llu, %u years)\n", static_cast<unsigned long long>(n_draws),
              n_years);
  const double t0 = thread_seconds();
  for (std::uint64_t d = 0; d < n_draws; ++d) sum += standard_normal(2026, d, 3, 1);
  std::printf("  standard_normal, one at a time        %6.2f\n",
              (thread_seconds() - t0) * 1e9 / static_cast<double>(n_draws));
  for (const std::uint32_t k : {1u, 3u, 7u}) {
    const double now = ns_per_normal(standard_normals, n_draws / k, n_years, k, sum);
    const double before = ns_per_normal(previous_normals, n_draws / k, n_years, k, sum);
    std::printf("  k = %u: standard_normals %6.2f, previous Philox4x32 + Box-Muller %6.2f, ratio %.2f\n", k, now,
                before, before / now);
  }

  Eigen::VectorXd sd(3);
  sd << 0.01, 0.02, 0.005;
  Eigen::MatrixXd c(3, 3);
  c << 1.0, 0.6, -0.3, 0.6, 1.0, 0.2, -0.3, 0.2, 1.0;
  std::vector<double> out(static_cast<std::size_t>(3 * n_draws * n_years));
  std::printf("fill_shocks, %llu draws x %u years x 3 shocks: wall s, CPU s (all threads)\n",
              static_cast<unsigned long long>(n_draws), n_years);
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(3, 3);
  for (const bool correlated : {true, false}) {
    for (const int threads : {1, 2}) {
      const double cpu0 = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
      const auto w0 = std::chrono::steady_clock::now();
      fill_shocks(2026, 0, static_cast<Eigen::Index>(n_draws), n_years, sd, correlated ? c : identity, out.data(),
                  threads);
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
      const double cpu = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
      sum += out[out.size() / 2];
      std::printf("  %s, %d thread%s %7.3f %7.3f\n", correlated ? "correlated  " : "uncorrelated", threads,
                  threads == 1 ? " " : "s", wall, cpu);
    }
  }
  std::printf("(checksum %g)\n", sum);
  return 0;
}
