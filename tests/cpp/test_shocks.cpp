// Reproducible correlated shocks (shocks.hpp; docs/model.md, "Shocks: a counter-based generator").
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "kommunbudget/errors.hpp"
#include "kommunbudget/shocks.hpp"

using namespace kommunbudget;

namespace {

std::vector<ShockMatrix> blocks(Eigen::Index k, Eigen::Index n_draws, Eigen::Index n_years) {
  return std::vector<ShockMatrix>(static_cast<std::size_t>(k), ShockMatrix::Zero(n_draws, n_years));
}

Eigen::MatrixXd three_by_three() {
  Eigen::MatrixXd c(3, 3);
  c << 1.0, 0.6, -0.3,  //
      0.6, 1.0, 0.2,    //
      -0.3, 0.2, 1.0;
  return c;
}

std::string message_of_fill(const Eigen::VectorXd& sd, const Eigen::MatrixXd& correlation) {
  std::vector<ShockMatrix> out = blocks(sd.size(), 4, 2);
  try {
    fill_shocks(1, 0, 4, 2, sd, correlation, out);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

// Known-answer test: Philox4x32-10 with counter 0 and key 0 gives 6627e8d5 e169c58d bc57ac4c 9b00dbd8 (the
// known-answer vectors published with Random123, kat_vectors, "philox4x32 10"). The normals are then Box–Muller
// on the two 64-bit words, worked out here step by step as Random123's boxmuller.hpp and uniform.hpp define it.
TEST(Shocks, StandardNormalIsPhiloxKnownAnswerThroughBoxMuller) {
  const std::uint64_t u0 = (std::uint64_t{0xe169c58d} << 32) | 0x6627e8d5;  // words 1, 0
  const std::uint64_t u1 = (std::uint64_t{0x9b00dbd8} << 32) | 0xbc57ac4c;  // words 3, 2
  // uneg11: the word as a signed 64-bit integer × 2^-63 + 2^-64, in [-1, 1]; u01: the word × 2^-64 + 2^-65, in (0, 1].
  const double a = static_cast<double>(static_cast<std::int64_t>(u0)) * std::ldexp(1.0, -63) + std::ldexp(1.0, -64);
  const double u = static_cast<double>(u1) * std::ldexp(1.0, -64) + std::ldexp(1.0, -65);
  const double r = std::sqrt(-2.0 * std::log(u));
  const double pi = 3.14159265358979323846;
  EXPECT_NEAR(standard_normal(0, 0, 0, 0), std::sin(pi * a) * r, 1e-12);
  EXPECT_NEAR(standard_normal(0, 0, 0, 1), std::cos(pi * a) * r, 1e-12);
}

TEST(Shocks, OneUncorrelatedShockIsTheKeyedNormalTimesSd) {
  Eigen::VectorXd sd(1);
  sd << 0.5;  // a power of two: sd × z is exact
  std::vector<ShockMatrix> out = blocks(1, 5, 3);
  fill_shocks(42, 1000, 5, 3, sd, Eigen::MatrixXd::Identity(1, 1), out);
  for (Eigen::Index i = 0; i < 5; ++i) {
    for (Eigen::Index t = 0; t < 3; ++t) {
      EXPECT_EQ(out[0](i, t), 0.5 * standard_normal(42, 1000 + i, static_cast<std::uint32_t>(t), 0)) << i << "," << t;
    }
  }
}

TEST(Shocks, BitIdenticalForAnyThreadsAndAnySplit) {
  const Eigen::Index n = 1001, years = 10;
  Eigen::VectorXd sd(3);
  sd << 0.01, 0.02, 0.005;
  const Eigen::MatrixXd c = three_by_three();
  std::vector<ShockMatrix> one = blocks(3, n, years);
  fill_shocks(7, 0, n, years, sd, c, one, 1);
  for (int threads : {2, 8, 0}) {
    std::vector<ShockMatrix> many = blocks(3, n, years);
    fill_shocks(7, 0, n, years, sd, c, many, threads);
    for (int s = 0; s < 3; ++s) EXPECT_TRUE((many[s].array() == one[s].array()).all()) << threads << " threads";
  }
  // The draws split into two calls: 0..399 and 400..1000 (first_draw = 400).
  std::vector<ShockMatrix> head = blocks(3, 400, years), tail = blocks(3, n - 400, years);
  fill_shocks(7, 0, 400, years, sd, c, head, 2);
  fill_shocks(7, 400, n - 400, years, sd, c, tail, 3);
  for (int s = 0; s < 3; ++s) {
    EXPECT_TRUE((head[s].array() == one[s].topRows(400).array()).all());
    EXPECT_TRUE((tail[s].array() == one[s].bottomRows(n - 400).array()).all());
  }
  // The flat (k, n_draws, n_years) buffer holds the same numbers.
  std::vector<double> flat(static_cast<std::size_t>(3 * n * years));
  fill_shocks(7, 0, n, years, sd, c, flat.data(), 8);
  for (Eigen::Index s = 0; s < 3; ++s) {
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index t = 0; t < years; ++t) {
        ASSERT_EQ(flat[static_cast<std::size_t>((s * n + i) * years + t)], one[static_cast<std::size_t>(s)](i, t));
      }
    }
  }
  // Another seed gives other numbers.
  std::vector<ShockMatrix> other = blocks(3, n, years);
  fill_shocks(8, 0, n, years, sd, c, other, 1);
  for (int s = 0; s < 3; ++s) EXPECT_GT((other[s].array() != one[s].array()).count(), n * years - 5);
}

// With n = 200 000 independent draws: the sample mean has standard error sd/√n, the sample standard deviation
// sd/√(2n) (normal data), and the sample correlation (1 − ρ²)/√n (Fisher's large-sample variance of r). Each is
// required within 4 standard errors (a false alarm has probability about 6e-5 per check, and the seed is fixed).
TEST(Shocks, MomentsAndCorrelationMatchTheInputWithinSamplingError) {
  const Eigen::Index n = 200000;
  Eigen::VectorXd sd(2);
  sd << 0.01, 0.03;
  Eigen::MatrixXd c(2, 2);
  c << 1.0, 0.6, 0.6, 1.0;
  std::vector<ShockMatrix> out = blocks(2, n, 2);
  fill_shocks(2026, 0, n, 2, sd, c, out, 2);
  for (Eigen::Index t = 0; t < 2; ++t) {
    double mean[2], var[2];
    for (int s = 0; s < 2; ++s) {
      mean[s] = out[s].col(t).mean();
      var[s] = (out[s].col(t).array() - mean[s]).square().sum() / static_cast<double>(n - 1);
      EXPECT_LE(std::abs(mean[s]), 4.0 * sd(s) / std::sqrt(double(n))) << "mean of shock " << s;
      EXPECT_LE(std::abs(std::sqrt(var[s]) - sd(s)), 4.0 * sd(s) / std::sqrt(2.0 * double(n))) << "sd of " << s;
    }
    const double cov = ((out[0].col(t).array() - mean[0]) * (out[1].col(t).array() - mean[1])).sum() /
                       static_cast<double>(n - 1);
    const double r = cov / std::sqrt(var[0] * var[1]);
    EXPECT_LE(std::abs(r - 0.6), 4.0 * (1.0 - 0.36) / std::sqrt(double(n))) << "correlation, year " << t;
  }
  // Shocks of different years are independent: their correlation is 0 within 4 standard errors (1/√n).
  const double r01 = ((out[0].col(0).array() * out[0].col(1).array()).mean()) / (sd(0) * sd(0));
  EXPECT_LE(std::abs(r01), 4.0 / std::sqrt(double(n)));
}

TEST(Shocks, ZeroSdGivesZeroShocks) {
  Eigen::VectorXd sd(2);
  sd << 0.0, 0.02;
  std::vector<ShockMatrix> out = blocks(2, 50, 4);
  fill_shocks(3, 0, 50, 4, sd, three_by_three().topLeftCorner(2, 2), out);
  EXPECT_TRUE((out[0].array() == 0.0).all());
  EXPECT_GT((out[1].array() != 0.0).count(), 0);
}

// A correlation of exactly 1 is positive semi-definite, not definite: LLT fails and the LDLT branch is used. The
// second shock must then be the first scaled by sd1/sd0 (x1 = sd1·z, x0 = sd0·z for the same z).
TEST(Shocks, PerfectCorrelationIsAcceptedAsSemiDefinite) {
  Eigen::VectorXd sd(2);
  sd << 0.01, 0.02;
  Eigen::MatrixXd c(2, 2);
  c << 1.0, 1.0, 1.0, 1.0;
  std::vector<ShockMatrix> out = blocks(2, 100, 3);
  fill_shocks(5, 0, 100, 3, sd, c, out);
  EXPECT_TRUE(out[1].isApprox(2.0 * out[0], 1e-14));
  const Eigen::MatrixXd f = correlation_factor(c);
  EXPECT_TRUE((f * f.transpose()).isApprox(c, 1e-14));
  c << 1.0, -1.0, -1.0, 1.0;
  fill_shocks(5, 0, 100, 3, sd, c, out);
  EXPECT_TRUE(out[1].isApprox(-2.0 * out[0], 1e-14));
}

TEST(Shocks, FactorOfAPositiveDefiniteMatrixIsItsCholeskyFactor) {
  // 2 × 2 by hand: L = [[1, 0], [ρ, √(1 − ρ²)]]; ρ = 0.6 gives √0.64 = 0.8.
  Eigen::MatrixXd c(2, 2);
  c << 1.0, 0.6, 0.6, 1.0;
  const Eigen::MatrixXd f = correlation_factor(c);
  EXPECT_DOUBLE_EQ(f(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(f(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(f(1, 0), 0.6);
  EXPECT_DOUBLE_EQ(f(1, 1), 0.8);
}

TEST(Shocks, RefusesMatricesThatAreNotCorrelationMatrices) {
  Eigen::VectorXd sd(3);
  sd << 0.01, 0.01, 0.01;
  Eigen::MatrixXd c = three_by_three();
  c(0, 1) = 0.5;  // c(1, 0) stays 0.6
  std::string m = message_of_fill(sd, c);
  EXPECT_NE(m.find("correlation[0, 1] = 0.5 differs from correlation[1, 0] = 0.6"), std::string::npos) << m;
  EXPECT_NE(m.find("must be symmetric"), std::string::npos) << m;
  // Not PSD: c = I + 0.9·A with A = [[0, 1, −1], [1, 0, 1], [−1, 1, 0]]; A·(1, −1, 1) = −2·(1, −1, 1), so c has
  // the eigenvalue 1 − 0.9·2 = −0.8.
  c << 1.0, 0.9, -0.9, 0.9, 1.0, 0.9, -0.9, 0.9, 1.0;
  m = message_of_fill(sd, c);
  EXPECT_NE(m.find("eigenvalue -0.8;"), std::string::npos) << m;
  EXPECT_NE(m.find("positive semi-definite"), std::string::npos) << m;
  c = three_by_three();
  c(1, 1) = 0.9;
  m = message_of_fill(sd, c);
  EXPECT_NE(m.find("correlation[1, 1] = 0.9 must be 1"), std::string::npos) << m;
  c = three_by_three();
  c(0, 2) = c(2, 0) = 1.5;
  m = message_of_fill(sd, c);
  EXPECT_NE(m.find("correlation[0, 2] = 1.5 is outside the allowed range [-1, 1]"), std::string::npos) << m;
  m = message_of_fill(sd, Eigen::MatrixXd::Identity(2, 2));
  EXPECT_NE(m.find("correlation is 2 × 2 but sd has 3 entries"), std::string::npos) << m;
}

TEST(Shocks, RefusesSizesAndSdOutsideTheTableOfLimits) {
  Eigen::VectorXd sd(1);
  sd << 2.0;  // a percentage where a fraction is meant
  std::string m = message_of_fill(sd, Eigen::MatrixXd::Identity(1, 1));
  EXPECT_NE(m.find("sd[0] = 2 is outside the allowed range [0, 0.5]"), std::string::npos) << m;
  sd << -0.01;
  m = message_of_fill(sd, Eigen::MatrixXd::Identity(1, 1));
  EXPECT_NE(m.find("sd[0] = -0.01 is outside"), std::string::npos) << m;
  sd << 0.01;
  std::vector<ShockMatrix> out = blocks(1, 4, 2);
  EXPECT_THROW(fill_shocks(1, 0, 0, 2, sd, Eigen::MatrixXd::Identity(1, 1), out), InputError);
  EXPECT_THROW(fill_shocks(1, 0, 4, 3, sd, Eigen::MatrixXd::Identity(1, 1), out), InputError);  // out is 4 × 2
  EXPECT_THROW(fill_shocks(1, 0, 4, 2, sd, Eigen::MatrixXd::Identity(1, 1), out, -1), InputError);
}

TEST(Shocks, BulkNormalsOfOneDrawEqualTheOneAtATimeNormals) {
  // standard_normals is the loop form of standard_normal: out[t * k + j] = standard_normal(seed, draw, t, j),
  // also for an odd k (the last pair's second normal unused).
  for (const std::uint32_t k : {1u, 4u, 5u}) {
    std::vector<double> z(3 * k);
    standard_normals(42, 7, 3, k, z.data());
    for (std::uint32_t t = 0; t < 3; ++t) {
      for (std::uint32_t j = 0; j < k; ++j) EXPECT_EQ(z[t * k + j], standard_normal(42, 7, t, j)) << k << " " << t;
    }
  }
}
