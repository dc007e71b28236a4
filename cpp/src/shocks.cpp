#include "kommunbudget/shocks.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/limits.hpp"

namespace kommunbudget {

namespace {

using Philox = r123::Philox4x32;  // 10 rounds, the generator Salmon et al. (SC11) recommend

// Tolerances of the matrix checks: the entries are O(1), so 1e-12 is rounding of a typed or computed value and
// −1e-10 on the smallest eigenvalue is rounding of a singular (PSD) matrix, not a genuinely negative direction.
constexpr double kSymmetryTolerance = 1e-12;
constexpr double kEigenvalueTolerance = -1e-10;

inline Philox::key_type philox_key(std::uint64_t seed) {
  Philox::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  return key;
}

// The two normals of counter (draw, year, pair): shocks 2·pair and 2·pair + 1.
inline r123::double2 normal_pair(const Philox& philox, const Philox::key_type& key, std::uint64_t draw,
                                 std::uint32_t year, std::uint32_t pair) {
  Philox::ctr_type ctr = {
      {static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), year, pair}};
  const Philox::ctr_type r = philox(ctr, key);
  const std::uint64_t u0 = (static_cast<std::uint64_t>(r[1]) << 32) | r[0];
  const std::uint64_t u1 = (static_cast<std::uint64_t>(r[3]) << 32) | r[2];
  return r123::boxmuller(u0, u1);
}

void check_sizes(Eigen::Index n_draws, Eigen::Index n_years, const Eigen::VectorXd& sd,
                 const Eigen::MatrixXd& correlation, int threads) {
  check_limit(field_limit("fill_shocks", "n_draws"), "n_draws", kNoYear, static_cast<double>(n_draws));
  check_limit(field_limit("fill_shocks", "n_years"), "n_years", kNoYear, static_cast<double>(n_years));
  if (sd.size() < 1) throw InputError("sd is empty; expected one standard deviation per shock (k >= 1)");
  const FieldLimit& sd_row = field_limit("fill_shocks", "sd");
  for (Eigen::Index s = 0; s < sd.size(); ++s) check_limit(sd_row, fmt::format("sd[{}]", s), kNoYear, sd(s));
  if (correlation.rows() != sd.size() || correlation.cols() != sd.size()) {
    throw InputError(fmt::format("correlation is {} × {} but sd has {} entries; expected a {} × {} matrix",
                                 correlation.rows(), correlation.cols(), sd.size(), sd.size(), sd.size()));
  }
  if (threads < 0) throw InputError(fmt::format("threads = {} must be >= 0 (0: one per hardware thread)", threads));
}

// Fills block s at blocks[s] (n_draws × n_years, row-major) for draws [begin, end) of the call.
void fill_range(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index begin, Eigen::Index end,
                Eigen::Index n_years, const Eigen::MatrixXd& scaled_factor, double* const* blocks) {
  const Philox philox;
  const Philox::key_type key = philox_key(seed);
  const Eigen::Index k = scaled_factor.rows();
  const Eigen::Index pairs = (k + 1) / 2;
  std::vector<double> z(static_cast<std::size_t>(2 * pairs));  // once per thread, not per draw
  for (Eigen::Index i = begin; i < end; ++i) {
    const std::uint64_t draw = first_draw + static_cast<std::uint64_t>(i);
    for (Eigen::Index t = 0; t < n_years; ++t) {
      for (Eigen::Index p = 0; p < pairs; ++p) {
        const r123::double2 n = normal_pair(philox, key, draw, static_cast<std::uint32_t>(t),
                                            static_cast<std::uint32_t>(p));
        z[static_cast<std::size_t>(2 * p)] = n.x;
        z[static_cast<std::size_t>(2 * p + 1)] = n.y;
      }
      const Eigen::Index cell = i * n_years + t;
      for (Eigen::Index s = 0; s < k; ++s) {
        double x = 0.0;
        for (Eigen::Index j = 0; j < k; ++j) x += scaled_factor(s, j) * z[static_cast<std::size_t>(j)];
        blocks[s][cell] = x;
      }
    }
  }
}

void fill_blocks(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
                 const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, double* const* blocks,
                 int threads) {
  // diag(sd) · F, computed once per call.
  const Eigen::MatrixXd scaled_factor = sd.asDiagonal() * correlation_factor(correlation);
  unsigned wanted = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : static_cast<unsigned>(threads);
  const Eigen::Index n_threads = std::min<Eigen::Index>(static_cast<Eigen::Index>(wanted), n_draws);
  if (n_threads <= 1) {
    fill_range(seed, first_draw, 0, n_draws, n_years, scaled_factor, blocks);
    return;
  }
  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(n_threads));
  for (Eigen::Index w = 0; w < n_threads; ++w) {
    const Eigen::Index begin = n_draws * w / n_threads;
    const Eigen::Index end = n_draws * (w + 1) / n_threads;
    workers.emplace_back(fill_range, seed, first_draw, begin, end, n_years, std::cref(scaled_factor), blocks);
  }
  for (std::thread& worker : workers) worker.join();
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint32_t year, std::uint32_t shock) {
  const Philox philox;
  const r123::double2 n = normal_pair(philox, philox_key(seed), draw, year, shock / 2);
  return shock % 2 == 0 ? n.x : n.y;
}

void standard_normals(std::uint64_t seed, std::uint64_t draw, std::uint32_t n_years, std::uint32_t k, double* out) {
  const Philox philox;
  const Philox::key_type key = philox_key(seed);
  const std::uint32_t pairs = (k + 1) / 2;
  for (std::uint32_t t = 0; t < n_years; ++t) {
    double* row = out + static_cast<std::size_t>(t) * k;
    for (std::uint32_t p = 0; p < pairs; ++p) {
      const r123::double2 n = normal_pair(philox, key, draw, t, p);
      row[2 * p] = n.x;
      if (2 * p + 1 < k) row[2 * p + 1] = n.y;
    }
  }
}

Eigen::MatrixXd correlation_factor(const Eigen::MatrixXd& correlation) {
  const Eigen::Index k = correlation.rows();
  if (k < 1 || correlation.cols() != k) {
    throw InputError(fmt::format("correlation is {} × {}; expected a square matrix with at least one row", k,
                                 correlation.cols()));
  }
  const FieldLimit& row = field_limit("fill_shocks", "correlation");
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      check_limit(row, fmt::format("correlation[{}, {}]", i, j), kNoYear, correlation(i, j));
    }
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    if (std::abs(correlation(i, i) - 1.0) > kSymmetryTolerance) {
      throw InputError(fmt::format("correlation[{}, {}] = {:g} must be 1 (a correlation matrix has ones on its "
                                   "diagonal)",
                                   i, i, correlation(i, i)));
    }
    for (Eigen::Index j = i + 1; j < k; ++j) {
      if (std::abs(correlation(i, j) - correlation(j, i)) > kSymmetryTolerance) {
        throw InputError(fmt::format("correlation[{}, {}] = {:g} differs from correlation[{}, {}] = {:g}; the "
                                     "correlation matrix must be symmetric",
                                     i, j, correlation(i, j), j, i, correlation(j, i)));
      }
    }
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(correlation);
  if (llt.info() == Eigen::Success) return llt.matrixL();
  // Not positive definite: accept it when positive semi-definite (a correlation of ±1), else name the eigenvalue.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(correlation, Eigen::EigenvaluesOnly);
  const double smallest = eigen.eigenvalues().minCoeff();
  if (eigen.info() != Eigen::Success || smallest < kEigenvalueTolerance) {
    throw InputError(fmt::format("correlation has the eigenvalue {:.6g}; a correlation matrix must be positive "
                                 "semi-definite (every eigenvalue >= 0): the correlations contradict each other "
                                 "(e.g. a with b and b with c strongly positive but a with c strongly negative)",
                                 smallest));
  }
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(correlation);
  if (ldlt.info() != Eigen::Success) {
    throw ComputationError("correlation: the LDLT factorisation of a positive semi-definite matrix failed");
  }
  const Eigen::VectorXd d = ldlt.vectorD().cwiseMax(0.0).cwiseSqrt();
  const Eigen::MatrixXd l = ldlt.matrixL();
  // correlation = Pᵀ L D Lᵀ P, so F = Pᵀ L D^½.
  return ldlt.transpositionsP().transpose() * (l * d.asDiagonal());
}

void fill_shocks(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
                 const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, std::vector<ShockMatrix>& out,
                 int threads) {
  check_sizes(n_draws, n_years, sd, correlation, threads);
  if (static_cast<Eigen::Index>(out.size()) != sd.size()) {
    throw InputError(fmt::format("out holds {} matrices but sd has {} entries; expected one matrix per shock",
                                 out.size(), sd.size()));
  }
  std::vector<double*> blocks(out.size());
  for (std::size_t s = 0; s < out.size(); ++s) {
    if (out[s].rows() != n_draws || out[s].cols() != n_years) {
      throw InputError(fmt::format("out[{}] is {} × {}; expected n_draws × n_years = {} × {} (preallocated)", s,
                                   out[s].rows(), out[s].cols(), n_draws, n_years));
    }
    blocks[s] = out[s].data();
  }
  fill_blocks(seed, first_draw, n_draws, n_years, sd, correlation, blocks.data(), threads);
}

void fill_shocks(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
                 const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, double* out, int threads) {
  check_sizes(n_draws, n_years, sd, correlation, threads);
  std::vector<double*> blocks(static_cast<std::size_t>(sd.size()));
  for (std::size_t s = 0; s < blocks.size(); ++s) {
    blocks[s] = out + static_cast<Eigen::Index>(s) * n_draws * n_years;
  }
  fill_blocks(seed, first_draw, n_draws, n_years, sd, correlation, blocks.data(), threads);
}

}  // namespace kommunbudget
