// Projection throughput: the tight loop (Projector::run_into on a preallocated statement) against two references
// in one run: Projector::run (allocates the output each time) and project() (validates and flattens the inputs
// each time). Prints the time per projection and the ratios; makes no claim by itself (no timed test).
//
// Usage: bench_projection [n_runs]   (default 200000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kommunbudget/kommunbudget.hpp"

using namespace kommunbudget;

namespace {
// A Sjöbo-sized municipality (budget 2024 totals) split into seven service areas, projected ten years.
void make_inputs(BaseYearState& b, Assumptions& a, int horizon) {
  b.code = "1265";
  b.name = "Sjöbo";
  b.year = 2024;
  b.tax_rate_kr_per_100kr = 20.92;
  b.tax_base_msek = 995.3 / 0.2092;
  b.operating_income_msek = 335.6;
  b.depreciation_msek = 37.7;
  b.general_grants_msek = 327.0;
  b.financial_income_msek = 10.6;
  b.financial_costs_msek = 0.7;
  const char* names[] = {"forskola", "grundskola", "gymnasieskola", "aldreomsorg", "lss", "ifo", "ovrigt"};
  for (const char* n : names) {
    b.cost_lines.push_back(CostLine{n, 1656.2 / 7.0, 0.7, YearSeries::constant("volume_growth", 2025, horizon, 0.01)});
  }
  a.price_index.labour_cost_change = YearSeries::constant("labour_cost_change", 2025, horizon, 0.035);
  a.price_index.other_cost_change = YearSeries::constant("other_cost_change", 2025, horizon, 0.02);
  a.price_index.labour_weight = YearSeries::constant("labour_weight", 2025, horizon, 0.691);
  a.tax_base_growth = YearSeries::constant("tax_base_growth", 2025, horizon, 0.04);
  a.operating_income_growth = YearSeries::constant("operating_income_growth", 2025, horizon, 0.026);
  a.general_grants_msek = YearSeries::constant("general_grants_msek", 2025, horizon, 330.0);
  a.depreciation_msek = YearSeries::constant("depreciation_msek", 2025, horizon, 40.0);
  a.financial_income_msek = YearSeries::constant("financial_income_msek", 2025, horizon, 9.0);
  a.financial_costs_msek = YearSeries::constant("financial_costs_msek", 2025, horizon, 0.3);
}

template <typename F>
double seconds_per_call(long n, F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) f(i);
  const auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(t1 - t0).count() / static_cast<double>(n);
}
}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 200000;
  const int horizon = 2034;
  BaseYearState base;
  Assumptions assumptions;
  make_inputs(base, assumptions, horizon);
  const Projector projector(base, assumptions, horizon);
  Measures measures;
  measures.tax_changes.push_back(TaxChange{2026, 0.0});
  IncomeStatement out;
  double sink = 0.0;

  const double tight = seconds_per_call(n, [&](long i) {
    measures.tax_changes[0].change_kr_per_100kr = 0.001 * static_cast<double>(i % 100);
    projector.run_into(measures, out);
    sink += out.result[10];
  });
  const double allocating = seconds_per_call(n, [&](long i) {
    measures.tax_changes[0].change_kr_per_100kr = 0.001 * static_cast<double>(i % 100);
    sink += projector.run(measures).result[10];
  });
  const double full = seconds_per_call(n / 10 + 1, [&](long i) {
    measures.tax_changes[0].change_kr_per_100kr = 0.001 * static_cast<double>(i % 100);
    sink += project(base, assumptions, horizon, measures).result[10];
  });
  std::printf("kommunbudget %s projection benchmark: 11 years x 7 cost lines, %ld runs\n", version().c_str(), n);
  std::printf("  run_into (preallocated, tight loop): %9.3f us per projection  (reference 1.00)\n", tight * 1e6);
  std::printf("  run (allocates the output)         : %9.3f us per projection  ratio %.2f\n", allocating * 1e6,
              allocating / tight);
  std::printf("  project() (validate + flatten)     : %9.3f us per projection  ratio %.2f\n", full * 1e6,
              full / tight);
  std::printf("  => %.2f million projections per second per core on the tight path (checksum %.3f)\n",
              1e-6 / tight, sink);
  return 0;
}
