#pragma once
/// @file shocks.hpp
/// Reproducible correlated shocks for Monte Carlo runs (docs/model.md §17, "Shocks: a counter-based generator").
///
/// Every standard normal is a pure function of its key and counter. The bits come from Philox4x64-10 (Random123,
/// Debian's librandom123-dev; Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC11)
/// with key = (seed, 0); the transform is Boost.Random's normal_distribution (Debian's libboost-dev, here 1.74), the
/// ziggurat of Marsaglia and Tsang ("The ziggurat method for generating random variables", Journal of Statistical
/// Software 5(8), 2000), reading 64-bit words. The normal of (draw, year, shock) reads first word year mod 4 of the
/// block at counter (draw, ⌊year / 4⌋, shock, 0) (one Philox call serves four consecutive years of one draw and
/// shock); only when the ziggurat's first step rejects (2.8 % of normals) does it read on, from counters (draw, year,
/// shock, 1), (draw, year, shock, 2), … (word 3 tells the two kinds apart, so no two normals share a word). No state
/// is carried from one value to the next, so the output is bit-identical for any number of threads and any split of
/// the draws into calls (draws first_draw … first_draw + n_draws − 1 are the same numbers whichever call computes
/// them). About 8 ns per normal on one core here (benchmarks/bench_normals.cpp), against 25-45 ns for the
/// Philox4x32-10 with Box–Muller used before.
///
/// Correlation: with z the k standard normals of one (draw, year), the shocks are x = diag(sd) · F · z, where
/// F · Fᵀ = the correlation matrix. F is the Cholesky factor (Eigen LLT) when the matrix is positive definite; a
/// matrix that is only positive semi-definite (a correlation of exactly ±1, so one shock is a copy of another)
/// gets F = Pᵀ · L · D^½ from Eigen's pivoting LDLT (the same product F · Fᵀ; D's entries that rounding makes
/// slightly negative are set to 0). A standard deviation of 0 is allowed and gives a shock that is always 0.
/// Shocks of different years are independent (no autocorrelation in this first step).
#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace kommunbudget {

/// A block of shocks of one kind: rows = draws, columns = years, row-major (a draw's years are contiguous).
using ShockMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The standard normal N(0, 1) with key `seed` at counter (`draw`, `year`, `shock`): Boost.Random's ziggurat reading
/// word year mod 4 of Philox4x64-10 at counter {draw, year / 4, shock, 0} with key {seed, 0}, then (rarely) the words
/// at {draw, year, shock, c} for c = 1, 2, … (see the file comment). Pure: the same arguments give the same bits on
/// any thread. Dimensionless.
double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint32_t year, std::uint32_t shock);

/// All standard normals of one draw: out[t · k + j] = standard_normal(seed, draw, t, j) for years t = 0 … n_years − 1
/// and shocks j = 0 … k − 1 (out holds n_years · k values, caller-allocated). The bulk form used inside Monte Carlo
/// loops (one Philox call per four years of a shock); bit-identical to calling standard_normal one value at a time.
/// No allocation.
void standard_normals(std::uint64_t seed, std::uint64_t draw, std::uint32_t n_years, std::uint32_t k, double* out);

/// The factor F (k × k) with F · Fᵀ = `correlation` (see the file comment: Cholesky LLT for a positive definite
/// matrix, pivoting LDLT for a positive semi-definite one).
///
/// Checks, each an InputError naming "correlation" (or the entry) and the property expected:
/// - square, k ≥ 1, every entry finite and in [−1, 1] (the table of limits, fill_shocks.correlation);
/// - the diagonal equal to 1 (within 1e-12): "correlation[1, 1] = 0.9 must be 1 (a correlation matrix has ones on
///   its diagonal)";
/// - symmetric (|c_ij − c_ji| ≤ 1e-12): "correlation[0, 1] = 0.6 differs from correlation[1, 0] = 0.5; the
///   correlation matrix must be symmetric";
/// - positive semi-definite (smallest eigenvalue ≥ −1e-10, Eigen's SelfAdjointEigenSolver): "correlation has the
///   eigenvalue -0.2; a correlation matrix must be positive semi-definite ...".
/// @throws InputError as above.
Eigen::MatrixXd correlation_factor(const Eigen::MatrixXd& correlation);

/// Fills `out` (k matrices, each n_draws × n_years, preallocated by the caller) with correlated normal shocks:
/// out[s](i, t) = sd[s] · Σ_j F(s, j) · standard_normal(seed, first_draw + i, t, j), F = correlation_factor().
///
/// `sd` (k) is each shock's standard deviation in its own unit (a growth shock: fraction per year, [0, 0.5] by the
/// table of limits, fill_shocks.sd); `correlation` is k × k (see correlation_factor). `threads` ≥ 1 splits the draws
/// into that many contiguous ranges run on std::thread (0: std::thread::hardware_concurrency()); the result does not
/// depend on it. Nothing is allocated per draw (one buffer of the draw's n_years · k normals per thread); only the
/// nonzero part of each row of diag(sd) · F is multiplied (a diagonal F, as for k = 1 or no correlation, gives
/// x = sd · z directly; a zero sd gives 0).
/// @throws InputError when n_draws < 1 or n_years < 1 (rows fill_shocks.n_draws, fill_shocks.n_years), sd has a
///   value outside its row, sizes disagree (sd vs correlation, out's count or shapes), threads < 0, or the matrix
///   is refused.
void fill_shocks(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
                 const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, std::vector<ShockMatrix>& out,
                 int threads = 1);

/// fill_shocks into one contiguous C-order buffer of shape (k, n_draws, n_years) (k = sd.size()), e.g. a NumPy
/// array: element (s, i, t) at out[(s · n_draws + i) · n_years + t]. Same checks and results as fill_shocks.
/// @throws InputError as fill_shocks.
void fill_shocks(std::uint64_t seed, std::uint64_t first_draw, Eigen::Index n_draws, Eigen::Index n_years,
                 const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation, double* out, int threads = 1);

}  // namespace kommunbudget
