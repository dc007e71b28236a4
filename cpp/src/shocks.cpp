#include "kommunbudget/shocks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Random123/philox.h>
#include <boost/random/normal_distribution.hpp>
#include <fmt/format.h>

#include "kommunbudget/check.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/limits.hpp"
#include "parallel.hpp"

namespace kommunbudget {

namespace {

using Philox = r123::Philox4x64;  // 10 rounds, the generator Salmon et al. (SC11) recommend

// One Philox call gives four 64-bit words: the first words of four consecutive years of one (draw, shock).
constexpr std::uint32_t kYearsPerBlock = 4;

// Tolerances of the matrix checks: the entries are O(1), so 1e-12 is rounding of a typed or computed value and
// −1e-10 on the smallest eigenvalue is rounding of a singular (PSD) matrix, not a genuinely negative direction.
constexpr double kSymmetryTolerance = 1e-12;
constexpr double kEigenvalueTolerance = -1e-10;

inline Philox::key_type philox_key(std::uint64_t seed) {
  Philox::key_type key = {{seed, 0}};
  return key;
}

// The block of draw `draw`, shock `shock` and years kYearsPerBlock·block … kYearsPerBlock·block + 3: counter
// (draw, block, shock, 0).
inline Philox::ctr_type year_block(const Philox::key_type& key, std::uint64_t draw, std::uint32_t block,
                                   std::uint32_t shock) {
  const Philox::ctr_type ctr = {{draw, block, shock, 0}};
  return Philox()(ctr, key);
}

// The 64-bit words Boost's ziggurat reads for the normal at (draw, year, shock), as a Boost.Random engine (a
// uniform random bit generator over all 64-bit integers): first `first`, the normal's word of its year block; then,
// only when the ziggurat's first step rejects (2.8 % of normals), the four words of counter (draw, year, shock, c) for
// c = 1, 2, … in turn. The counters of different normals never meet (word 3 is 0 only in a block), so every normal
// is a pure function of (seed, draw, year, shock).
class NormalWords {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  NormalWords(const Philox::key_type& key, std::uint64_t draw, std::uint32_t year, std::uint32_t shock,
              std::uint64_t first)
      : key_(key), ctr_{{draw, year, shock, 0}}, first_(first) {}

  result_type operator()() {
    if (next_ < 0) {
      next_ = 0;
      return first_;
    }
    if (next_ == 0) {
      ++ctr_[3];
      words_ = Philox()(ctr_, key_);
    }
    const result_type word = words_[static_cast<std::size_t>(next_)];
    next_ = (next_ + 1) % 4;
    return word;
  }

 private:
  const Philox::key_type& key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type words_{};
  std::uint64_t first_;
  int next_ = -1;  // −1: `first` not yet read; 0-3: the next word of words_ (0: call Philox first)
};

// The standard normal at (draw, year, shock) whose block word is `first`: Boost.Random's normal_distribution (the
// ziggurat of Marsaglia and Tsang 2000) reading NormalWords.
inline double ziggurat_normal(const Philox::key_type& key, std::uint64_t draw, std::uint32_t year,
                              std::uint32_t shock, std::uint64_t first) {
  NormalWords words(key, draw, year, shock, first);
  boost::random::normal_distribution<double> normal;
  return normal(words);
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
  const Eigen::Index k = scaled_factor.rows();
  // The columns j of row s that can be nonzero, [lo[s], hi[s]): row s of a Cholesky factor stops at the diagonal,
  // a diagonal factor (k = 1, no correlation) has one column per row and a zero sd none, so no multiplication by a
  // structural zero is done. Skipping an exact 0 · z leaves the sum unchanged (z is finite).
  std::vector<Eigen::Index> lo(static_cast<std::size_t>(k), 0), hi(static_cast<std::size_t>(k), 0);
  bool diagonal = true;
  for (Eigen::Index s = 0; s < k; ++s) {
    Eigen::Index j = 0;
    while (j < k && scaled_factor(s, j) == 0.0) ++j;
    Eigen::Index h = k;
    while (h > j && scaled_factor(s, h - 1) == 0.0) --h;
    lo[static_cast<std::size_t>(s)] = j;
    hi[static_cast<std::size_t>(s)] = h;
    if (h > j && (j != s || h != s + 1)) diagonal = false;
  }
  // Once per thread, not per draw: the draw's normals, z[t · k + j].
  std::vector<double> z(static_cast<std::size_t>(n_years * k));
  for (Eigen::Index i = begin; i < end; ++i) {
    const std::uint64_t draw = first_draw + static_cast<std::uint64_t>(i);
    standard_normals(seed, draw, static_cast<std::uint32_t>(n_years), static_cast<std::uint32_t>(k), z.data());
    for (Eigen::Index s = 0; s < k; ++s) {
      double* row = blocks[s] + i * n_years;
      const Eigen::Index j0 = lo[static_cast<std::size_t>(s)], j1 = hi[static_cast<std::size_t>(s)];
      if (j1 == j0) {  // sd = 0 (or a zero row of F): always 0
        std::fill(row, row + n_years, 0.0);
        continue;
      }
      if (diagonal) {
        const double f = scaled_factor(s, s);
        for (Eigen::Index t = 0; t < n_years; ++t) row[t] = f * z[static_cast<std::size_t>(t * k + s)];
        continue;
      }
      for (Eigen::Index t = 0; t < n_years; ++t) {
        const double* zt = z.data() + t * k;
        double x = 0.0;
        for (Eigen::Index j = j0; j < j1; ++j) x += scaled_factor(s, j) * zt[j];
        row[t] = x;
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
  run_workers(n_threads, [&](std::int64_t w) {
    const Eigen::Index begin = n_draws * w / n_threads;
    const Eigen::Index end = n_draws * (w + 1) / n_threads;
    fill_range(seed, first_draw, begin, end, n_years, scaled_factor, blocks);
  });
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint32_t year, std::uint32_t shock) {
  const Philox::key_type key = philox_key(seed);
  const Philox::ctr_type block = year_block(key, draw, year / kYearsPerBlock, shock);
  return ziggurat_normal(key, draw, year, shock, block[year % kYearsPerBlock]);
}

void standard_normals(std::uint64_t seed, std::uint64_t draw, std::uint32_t n_years, std::uint32_t k, double* out) {
  const Philox::key_type key = philox_key(seed);
  for (std::uint32_t j = 0; j < k; ++j) {
    for (std::uint64_t first = 0; first < n_years; first += kYearsPerBlock) {
      const Philox::ctr_type block = year_block(key, draw, static_cast<std::uint32_t>(first / kYearsPerBlock), j);
      const std::uint64_t last = std::min<std::uint64_t>(n_years, first + kYearsPerBlock);
      for (std::uint64_t t = first; t < last; ++t) {
        out[t * k + j] = ziggurat_normal(key, draw, static_cast<std::uint32_t>(t), j, block[t - first]);
      }
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
