// The packed dense kernel against the plain triple loop, for every kernel this CPU runs, on random shapes:
// row counts 1..13 and a few batches (every row-tile remainder of every kernel), widths that are and are not
// multiples of the 16-column panel, inputs with zero steps (ReLU outputs), whole zero columns and zero rows.
// The int8 kernel is held to the bound of its two roundings instead of float rounding.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <vector>

#include "roles/rag/dense_kernel.hpp"

namespace aurixa::rag {
namespace {

std::vector<DenseIsa> supported_isas() {
  std::vector<DenseIsa> out;
  for (DenseIsa isa : kDenseIsas)
    if (dense_isa_supported(isa)) out.push_back(isa);
  EXPECT_TRUE(dense_isa_supported(best_dense_isa()));
  return out;
}

// The int8 kernels against the exact product. With s_a = max|a_i.| / L (L = 127 for avx512vnni's int8 inputs;
// for avx2int8's int16 inputs, min(32767, (2^31 - 1) / (127 k_padded)), the most that keeps its int32 sums
// exact) and s_w = max|w_.j| / 127, each input and weight is off by at most half a step, so |got - want| <=
// s_a s_w (0.5 sum|q_a| + 0.5 sum|q_w| + 0.25 k) <= 0.5 s_w sum|a| + 0.5 s_a sum|w| + 0.75 k s_a s_w, plus
// float rounding of the sums and scales.
void check_int8(DenseIsa isa, const std::vector<float>& a, const std::vector<float>& b, const std::vector<float>& bias,
                std::size_t m, std::size_t k, std::size_t n, const std::vector<float>& want) {
  PackedMatrix w(b.data(), k, n, bias.data(), isa);
  ASSERT_TRUE(w.int8());
  ASSERT_EQ(w.k_padded() % (isa == DenseIsa::avx512vnni ? 4 : 2), 0u);
  const double levels = isa == DenseIsa::avx512vnni
                            ? 127.0
                            : std::min(32767.0, std::floor(2147483647.0 / (127.0 * double(w.k_padded()))));
  std::vector<float> got(m * n + 1, -12345.0f);
  linear(a.data(), m, w, got.data(), isa);
  ASSERT_EQ(got[m * n], -12345.0f) << dense_isa_name(isa) << " wrote past the end, m=" << m << " n=" << n;
  double worst = 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    double sa = 0.0, suma = 0.0;
    for (std::size_t kk = 0; kk < k; ++kk) sa = std::max(sa, std::fabs(double(a[i * k + kk])) / levels);
    for (std::size_t kk = 0; kk < k; ++kk) suma += std::fabs(a[i * k + kk]);
    for (std::size_t j = 0; j < n; ++j) {
      double sw = 0.0, sumw = 0.0, scale = std::fabs(bias[j]);
      for (std::size_t kk = 0; kk < k; ++kk) sw = std::max(sw, std::fabs(double(b[kk * n + j])) / 127);
      for (std::size_t kk = 0; kk < k; ++kk) sumw += std::fabs(b[kk * n + j]);
      for (std::size_t kk = 0; kk < k; ++kk) scale += std::fabs(double(a[i * k + kk]) * b[kk * n + j]);
      const double bound = 0.5 * sw * suma + 0.5 * sa * sumw + 0.75 * k * sa * sw;
      const double err = std::fabs(double(got[i * n + j]) - want[i * n + j]);
      worst = std::max(worst, bound > 0 ? err / bound : 0.0);
      ASSERT_LE(err, bound + 1e-5 * scale + 1e-6)
          << dense_isa_name(isa) << " m=" << m << " k=" << k << " n=" << n << " at (" << i << "," << j << ")";
    }
  }
  // Rounding errors of random data mostly cancel: the bound is loose, but not so loose that it hides a kernel
  // that drops a quad or the +128 correction (those miss by a multiple of the bound).
  if (k >= 64) {
    EXPECT_LT(worst, 0.5) << dense_isa_name(isa) << " m=" << m << " k=" << k << " n=" << n;
  }
}

void check(std::size_t m, std::size_t k, std::size_t n, double zero_fraction, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::bernoulli_distribution zero(zero_fraction);
  std::vector<float> a(m * k), b(k * n), bias(n);
  for (auto& v : a) v = zero(rng) ? 0.0f : u(rng);
  if (k > 3)  // a step that is zero in every row
    for (std::size_t i = 0; i < m; ++i) a[i * k + 2] = 0.0f;
  if (m > 2)  // a row that is all zero
    for (std::size_t kk = 0; kk < k; ++kk) a[1 * k + kk] = 0.0f;
  for (auto& v : b) v = u(rng);
  for (auto& v : bias) v = u(rng);
  // The float16 kernels store the weights as float16: compare with the triple loop on the rounded weights.
  // The bfloat16 kernel rounds both the weights and the inputs to bfloat16 (the products are then exact).
  std::vector<float> b_half(b.size()), b_bf(b.size()), a_bf(a.size());
  for (std::size_t i = 0; i < b.size(); ++i) b_half[i] = round_to_half(b[i]);
  for (std::size_t i = 0; i < b.size(); ++i) b_bf[i] = round_to_bf16(b[i]);
  for (std::size_t i = 0; i < a.size(); ++i) a_bf[i] = round_to_bf16(a[i]);
  std::vector<float> want_half(m * n), want_bf(m * n), want(m * n);
  linear_reference(a.data(), m, k, b_half.data(), n, bias.data(), want_half.data());
  linear_reference(a_bf.data(), m, k, b_bf.data(), n, bias.data(), want_bf.data());
  linear_reference(a.data(), m, k, b.data(), n, bias.data(), want.data());
  for (DenseIsa isa : supported_isas()) {
    if (isa == DenseIsa::avx512vnni || isa == DenseIsa::avx2int8) {
      check_int8(isa, a, b, bias, m, k, n, want);
      continue;
    }
    const bool bf = isa == DenseIsa::avx512bf16;
    const std::vector<float>& ea = bf ? a_bf : a;
    const std::vector<float>& eb = bf ? b_bf : b_half;
    const std::vector<float>& expected = bf ? want_bf : want_half;
    PackedMatrix w(b.data(), k, n, bias.data(), isa);
    ASSERT_EQ(w.k(), k);
    ASSERT_EQ(w.n(), n);
    ASSERT_EQ(w.bf16(), bf);
    std::vector<float> got(m * n + 1, -12345.0f);  // the sentinel past the end must survive
    linear(a.data(), m, w, got.data(), isa);
    ASSERT_EQ(got[m * n], -12345.0f) << dense_isa_name(isa) << " wrote past the end, m=" << m << " n=" << n;
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        double scale = std::fabs(bias[j]);
        for (std::size_t kk = 0; kk < k; ++kk) scale += std::fabs(double(ea[i * k + kk]) * eb[kk * n + j]);
        ASSERT_NEAR(got[i * n + j], expected[i * n + j], 1e-5 * scale + 1e-6)
            << dense_isa_name(isa) << " m=" << m << " k=" << k << " n=" << n << " at (" << i << "," << j << ")";
      }
  }
}

TEST(DenseKernel, MatchesTripleLoopOnRandomShapes) {
  std::printf("dense kernels tested on this CPU:");
  for (DenseIsa isa : supported_isas()) std::printf(" %s", dense_isa_name(isa));
  std::printf(" (default %s)\n", dense_isa_name(best_dense_isa()));
  std::mt19937 rng(9);
  for (std::size_t m = 1; m <= 13; ++m)
    for (std::size_t n : {1, 5, 16, 17, 31, 32, 48, 100})
      for (std::size_t k : {1, 7, 64, 129}) check(m, k, n, m % 3 == 0 ? 0.5 : 0.0, rng);
}

TEST(DenseKernel, MatchesTripleLoopOnBatches) {
  std::mt19937 rng(10);
  for (std::size_t m : {16, 17, 24, 25, 33, 37, 50})
    for (std::size_t n : {16, 40, 96}) check(m, 300, n, 0.5, rng);
  check(11, 1536, 512, 0.6, rng);  // the shape of a short question's FFN output layer
}

TEST(DenseKernel, HalfRoundingIsToNearest) {
  EXPECT_EQ(round_to_half(1.0f), 1.0f);
  EXPECT_EQ(round_to_half(-0.5f), -0.5f);
  EXPECT_EQ(round_to_half(1.0f + 1.0f / 4096), 1.0f);  // below half an ulp (2^-11) rounds down
  EXPECT_EQ(round_to_half(1.0f + 3.0f / 4096), 1.0f + 1.0f / 1024);
  EXPECT_NEAR(round_to_half(0.1234567f), 0.1234567f, 0.1234567f / 2048);
  EXPECT_EQ(round_to_half(1e-6f) > 0.0f, true);  // subnormal halves are kept, not flushed
  std::vector<float> b = {70000.0f}, bias = {0.0f};
  EXPECT_THROW(PackedMatrix(b.data(), 1, 1, bias.data()), std::runtime_error);
}

TEST(DenseKernel, Bf16RoundingIsToNearestEven) {
  EXPECT_EQ(round_to_bf16(1.0f), 1.0f);
  EXPECT_EQ(round_to_bf16(-0.5f), -0.5f);
  EXPECT_EQ(round_to_bf16(1.0f + 1.0f / 256), 1.0f);                             // a tie (half an ulp, 2^-8): to even
  EXPECT_EQ(round_to_bf16(1.0f + 3.0f / 256), 1.0f + 1.0f / 64);                 // a tie: to even, upwards
  EXPECT_EQ(round_to_bf16(1.0f + 1.0f / 256 + 1.0f / 4096), 1.0f + 1.0f / 128);  // above half an ulp
  EXPECT_NEAR(round_to_bf16(0.1234567f), 0.1234567f, 0.1234567f / 256);
  EXPECT_EQ(round_to_bf16(70000.0f) > 65000.0f, true);  // the bfloat16 range is the float range
}

TEST(DenseKernel, KernelAndWeightFormatMustAgree) {
  std::vector<float> a(2 * 4, 1.0f), b(4 * 3, 1.0f), bias(3, 0.0f), out(2 * 3);
  PackedMatrix half(b.data(), 4, 3, bias.data(), DenseIsa::baseline);
  PackedMatrix bf(b.data(), 4, 3, bias.data(), DenseIsa::avx512bf16);  // packing needs no AVX-512
  EXPECT_THROW(linear(a.data(), 2, half, out.data(), DenseIsa::avx512bf16), std::invalid_argument);
  EXPECT_THROW(linear(a.data(), 2, bf, out.data(), DenseIsa::baseline), std::invalid_argument);
  PackedMatrix q(b.data(), 4, 3, bias.data(), DenseIsa::avx512vnni);
  EXPECT_THROW(linear(a.data(), 2, q, out.data(), DenseIsa::avx512bf16), std::invalid_argument);
  EXPECT_THROW(linear(a.data(), 2, half, out.data(), DenseIsa::avx512vnni), std::invalid_argument);
  PackedMatrix p8(b.data(), 4, 3, bias.data(), DenseIsa::avx2int8);
  EXPECT_THROW(linear(a.data(), 2, p8, out.data(), DenseIsa::avx512vnni), std::invalid_argument);
  EXPECT_THROW(linear(a.data(), 2, q, out.data(), DenseIsa::avx2int8), std::invalid_argument);
  EXPECT_THROW(linear(a.data(), 2, half, out.data(), DenseIsa::avx2int8), std::invalid_argument);
  EXPECT_EQ(PackedMatrix(b.data(), 4, 3, bias.data()).isa(), best_dense_isa());
}

TEST(DenseKernel, NamesRoundTrip) {
  for (DenseIsa isa : kDenseIsas) EXPECT_EQ(dense_isa_from_name(dense_isa_name(isa)), isa);
  EXPECT_EQ(dense_isa_from_name("avx3"), std::nullopt);
}

// Every input and weight at its largest magnitude, one sign, over a long k: the AVX2 int8 kernel's int32 sums
// reach their bound and must not wrap (with 32767-level inputs they would from k = 517 on).
TEST(DenseKernel, Avx2Int8SumsDoNotOverflow) {
  if (!dense_isa_supported(DenseIsa::avx2int8)) GTEST_SKIP() << "no AVX2";
  for (std::size_t k : {64u, 516u, 517u, 1300u, 4099u}) {
    std::vector<float> a(2 * k, 3.0f), b(k * 17, 0.5f), bias(17, 1.0f), out(2 * 17);
    for (std::size_t kk = 0; kk < k; ++kk) a[k + kk] = -3.0f;  // row 1: the most negative sums
    PackedMatrix w(b.data(), k, 17, bias.data(), DenseIsa::avx2int8);
    linear(a.data(), 2, w, out.data(), DenseIsa::avx2int8);
    for (std::size_t j = 0; j < 17; ++j) {
      EXPECT_NEAR(out[j], 1.0 + 1.5 * double(k), 1e-5 * 1.5 * double(k)) << "k=" << k << " column " << j;
      EXPECT_NEAR(out[17 + j], 1.0 - 1.5 * double(k), 1e-5 * 1.5 * double(k)) << "k=" << k << " column " << j;
    }
  }
}

TEST(DenseKernel, ZeroInputsGiveTheBias) {
  std::vector<float> a(3 * 8, 0.0f), b(8 * 20, 1.0f), bias(20);
  for (std::size_t j = 0; j < 20; ++j) bias[j] = float(j);
  for (DenseIsa isa : supported_isas()) {
    PackedMatrix w(b.data(), 8, 20, bias.data(), isa);
    std::vector<float> out(3 * 20, -1.0f);
    linear(a.data(), 3, w, out.data(), isa);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 20; ++j) EXPECT_EQ(out[i * 20 + j], float(j)) << dense_isa_name(isa);
  }
}

}  // namespace
}  // namespace aurixa::rag
