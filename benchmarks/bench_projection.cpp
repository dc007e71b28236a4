// Projection throughput: the tight loop (Projector::run_into on a preallocated statement) against two references
// in one run: Projector::run (allocates the output each time) and project() (validates and flattens the inputs
// each time). Prints the time per projection and the ratios; makes no claim by itself (no timed test).
//
// Then Projector::measure_effects for 1 000 and 2 000 mixed measures (every list of Measures in turn), against
// one plain run without measures and one run with all the measures.
//
// Then run_batch (batch.hpp): 100 000 draws x 11 years with shocks to labour and other cost change, tax base growth
// and volume growth, on one thread and on all cores, per draw against the plain run_into.
//
// Usage: bench_projection [n_runs]   (default 200000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>
#include <string>
#include <vector>

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

// n valid measures cycling through the six lists, small enough that any prefix stays a valid projection.
Measures mixed_measures(int n, std::vector<MeasureRef>& order) {
  const char* lines[] = {"forskola", "grundskola", "gymnasieskola", "aldreomsorg", "lss", "ifo", "ovrigt"};
  Measures m;
  for (int i = 0; i < n; ++i) {
    const int year = 2025 + i % 10;
    switch (i % 6) {
      case 0:
        m.efficiency.push_back(EfficiencyMeasure{year, 0.001, i % 12 == 0, lines[i % 7], 1 + i % 12, 1 + i % 3, 0.9, 0.01});
        order.push_back({MeasureGroup::Efficiency, m.efficiency.size() - 1});
        break;
      case 1:
        m.tax_changes.push_back(TaxChange{year, 0.001});
        order.push_back({MeasureGroup::TaxChanges, m.tax_changes.size() - 1});
        break;
      case 2: {
        FixedSaving f;
        f.name = "saving " + std::to_string(i);
        f.amount_msek = 0.05;
        f.start_year = year;
        f.ramp_years = 2;
        f.cost_line = lines[i % 7];
        m.fixed_savings.push_back(f);
        order.push_back({MeasureGroup::FixedSavings, m.fixed_savings.size() - 1});
        break;
      }
      case 3:
        m.earned_income_changes.push_back(EarnedIncomeChange{2023 + i % 10, 0.5});
        order.push_back({MeasureGroup::EarnedIncomeChanges, m.earned_income_changes.size() - 1});
        break;
      case 4: {
        WorkLinePolicy w;
        w.name = "work line " + std::to_string(i);
        w.baseline_households = 2.0;
        w.cost_per_household_kr = 75045.0;
        w.start_year = year;
        w.target_reduction = 0.1;
        w.share_into_work = 0.5;
        w.earnings_per_person_kr = 250000.0;
        w.implementation_cost_msek = 0.001;
        // prisbasbelopp for the basic deduction: 2024's 57 300 kr held (a benchmark input, not a forecast)
        w.price_base_amount_kr = YearSeries::constant("price_base_amount_kr", 2024, 2100, 57300.0);
        m.work_lines.push_back(w);
        order.push_back({MeasureGroup::WorkLines, m.work_lines.size() - 1});
        break;
      }
      default: {
        Property q;
        q.id = "property " + std::to_string(i);
        q.book_value_msek = 1.0;
        q.market_value_msek = 1.2;
        q.running_cost_msek = 0.05;
        q.depreciation_msek = 0.01;
        m.disposals.push_back(Disposal{q, year, 1 + i % 12, -1.0, 0.03});
        order.push_back({MeasureGroup::Disposals, m.disposals.size() - 1});
        break;
      }
    }
  }
  return m;
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

  // Measure effects: the baseline and every prefix of the order, each measure validated once.
  const double plain = seconds_per_call(n / 10 + 1, [&](long) {
    projector.run_into(Measures{}, out);
    sink += out.result[10];
  });
  std::printf("measure effects (each measure added in turn; the six lists mixed):\n");
  std::printf("  plain run, no measures             : %9.3f us  (reference 1.00)\n", plain * 1e6);
  for (int count : {1000, 2000}) {
    std::vector<MeasureRef> order;
    const Measures all = mixed_measures(count, order);
    const double with_all = seconds_per_call(20, [&](long) {
      projector.run_into(all, out);
      sink += out.result[10];
    });
    const double effects = seconds_per_call(3, [&](long) {
      sink += projector.measure_effects(all, order).result_change.sum();
    });
    std::printf("  %4d measures, run with all        : %9.3f ms  ratio %.0f\n", count, with_all * 1e3,
                with_all / plain);
    std::printf("  %4d measures, measure_effects     : %9.3f ms  ratio %.0f to the plain run, %.1f to the run "
                "with all; %.2f us per prefix\n",
                count, effects * 1e3, effects / plain, effects / with_all, effects / (count + 1) * 1e6);
  }

  // Batch: draws x years of normal shocks (benchmark inputs: sd 0.005 on each growth rate, base year 0).
  const Eigen::Index draws = 100000;
  const Eigen::Index years = projector.n_years();
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.0, 0.005);
  const auto shock = [&] {
    DrawMatrix m(draws, years);
    for (Eigen::Index d = 0; d < draws; ++d) {
      m(d, 0) = 0.0;
      for (Eigen::Index k = 1; k < years; ++k) m(d, k) = normal(rng);
    }
    return m;
  };
  BatchShocks shocks;
  shocks.labour_cost_change = shock();
  shocks.other_cost_change = shock();
  shocks.tax_base_growth = shock();
  shocks.volume_growth = shock();
  std::printf("batch (run_batch; %ld draws x %ld years, shocks to labour, other, tax base and volume growth):\n",
              static_cast<long>(draws), static_cast<long>(years));
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (int threads : {1, static_cast<int>(cores)}) {
    const double batch = seconds_per_call(1, [&](long) {
      sink += run_batch(projector, shocks, threads).result.col(years - 1).sum();
    });
    const double per_draw = batch / static_cast<double>(draws);
    std::printf("  %u thread(s): %8.1f ms in all, %7.3f us per draw, ratio %.2f to one plain run_into "
                "(%.3f us)\n",
                static_cast<unsigned>(threads), batch * 1e3, per_draw * 1e6, per_draw / plain, plain * 1e6);
  }
  std::printf("(checksum %.3f)\n", sink);
  return 0;
}
