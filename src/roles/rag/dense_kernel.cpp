#include "roles/rag/dense_kernel.hpp"

#include <immintrin.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace aurixa::rag {
namespace {

constexpr std::size_t kP = PackedMatrix::kPanel;
// Whether best_dense_isa() picks the bfloat16 kernel on CPUs that have it (~0.6x the float16 kernel's time per
// question). Its vectors stay within the TF.js reference test (worst cosine 0.99995 >= 0.999), MedQuAD
// retrieval is unchanged within 0.003 and one KB query of rag_eval's vector-only row moved (hit@3 0.740 ->
// 0.760); see docs/PERFORMANCE.md "Dense layers, round 3". false = the float16 kernel everywhere.
constexpr bool kSelectBf16 = true;
// Whether best_dense_isa() picks the int8 kernel on CPUs that have AVX512_VNNI, ahead of the bfloat16 one
// (docs/PERFORMANCE.md "Dense layers, round 4": time, vectors and retrieval quality against bfloat16).
constexpr bool kSelectInt8 = true;
// Whether best_dense_isa() picks the AVX2 int8 kernel over the float16 one on CPUs without AVX-512
// (docs/PERFORMANCE.md "Dense layers, round 5").
constexpr bool kSelectAvx2Int8 = true;
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Prefetch distance of the weight stream, in k steps (32 bytes each).
constexpr std::size_t kPrefetchSteps = 32;

// Eight floats in one (AVX2 / AVX-512VL) register.
typedef float Vec8 __attribute__((vector_size(32), aligned(4)));

// The inputs of one row tile, transposed: for each k step t with a nonzero input in the tile, its index
// ks[t] and the R inputs x[t * R .. t * R + R).
struct TileInputs {
  const float* x;
  const std::uint32_t* ks;  // nullptr: no step was skipped (ks[t] == t)
  std::size_t steps;
};

// The bfloat16 kernel's inputs of one row tile: for each k pair t with a nonzero input in the tile, its
// index ks[t] and, for each of the R rows, the two inputs as a bfloat16 pair (k even in the low half).
struct TilePairs {
  const std::uint32_t* x;
  const std::uint32_t* ks;  // nullptr: no pair was skipped (ks[t] == t)
  std::size_t steps;
};

// The int8 kernels' inputs of one row tile: for each k quad (avx512vnni: four int8) or pair (avx2int8: two
// int16) t with a nonzero input in the tile, its index ks[t] and, for each of the R rows, its quantized inputs
// (k ascending from the low bits); per row, the scale (input = scale x q) and, avx512vnni only, the correction
// for the weights' +128 offset (128 x the row's sum of q).
struct TileQuads {
  const std::uint32_t* x;
  const std::uint32_t* ks;  // nullptr: no quad was skipped (ks[t] == t)
  std::size_t steps;
  const float* scale;
  const std::int32_t* offset;
};

std::uint16_t float_to_bf16(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // quiet NaN
  bits += 0x7fffu + ((bits >> 16) & 1u);  // round to nearest even
  return static_cast<std::uint16_t>(bits >> 16);
}

float bf16_to_float(std::uint16_t h) {
  const std::uint32_t bits = std::uint32_t{h} << 16;
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

std::uint16_t float_to_half(float f) {
  const _Float16 h = static_cast<_Float16>(f);  // round to nearest even
  std::uint16_t bits;
  std::memcpy(&bits, &h, sizeof bits);
  return bits;
}

float half_to_float(std::uint16_t bits) {
  _Float16 h;
  std::memcpy(&h, &bits, sizeof h);
  return static_cast<float>(h);
}

// The panel row of k step t, `stride` elements per step: step ks[t] when some steps were skipped (Indexed),
// else t, prefetching `ahead` steps along the sequential weight stream.
template <bool Indexed, typename T>
__attribute__((always_inline)) inline const T* step_row(const T* panel, const std::uint32_t* ks, std::size_t t,
                                                        std::size_t stride, std::size_t ahead) {
  if constexpr (Indexed) {
    return panel + std::size_t{ks[t]} * stride;
  } else {
    _mm_prefetch(reinterpret_cast<const char*>(panel + (t + ahead) * stride), _MM_HINT_T0);
    return panel + t * stride;
  }
}

// ------------------------------------------------------------------------------------ AVX2 / AVX-512VL kernel
// Compiled for AVX2 + FMA + F16C; the AVX-512 entry point inlines the same code with AVX-512VL enabled,
// which gives it 32 vector registers (the tiles are 256 bits wide either way).
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")

// R rows x 16 columns of out in 2R registers for the whole k loop; one 32-byte panel row (16 halves) per step.
template <int R, bool Indexed>
__attribute__((always_inline)) inline void tile_f16c(const TileInputs& in, const std::uint16_t* panel,
                                                     const float* bias, float* out, std::size_t ldo, std::size_t cols) {
  Vec8 acc[R][2];
  Vec8 bias0, bias1;
  std::memcpy(&bias0, bias, sizeof bias0);
  std::memcpy(&bias1, bias + 8, sizeof bias1);
  for (int r = 0; r < R; ++r) {
    acc[r][0] = bias0;
    acc[r][1] = bias1;
  }
  const std::size_t steps = in.steps;
  for (std::size_t t = 0; t < steps; ++t) {
    const std::uint16_t* brow = step_row<Indexed>(panel, in.ks, t, kP, kPrefetchSteps);
    const Vec8 b0 = (Vec8)_mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(brow)));
    const Vec8 b1 = (Vec8)_mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(brow + 8)));
    const float* x = in.x + t * R;
    for (int r = 0; r < R; ++r) {
      acc[r][0] += x[r] * b0;
      acc[r][1] += x[r] * b1;
    }
  }
  if (cols == kP) {
    for (int r = 0; r < R; ++r) {
      std::memcpy(out + r * ldo, &acc[r][0], sizeof acc[r][0]);
      std::memcpy(out + r * ldo + 8, &acc[r][1], sizeof acc[r][1]);
    }
  } else {
    for (int r = 0; r < R; ++r) {
      float tmp[kP];
      std::memcpy(tmp, &acc[r][0], sizeof acc[r][0]);
      std::memcpy(tmp + 8, &acc[r][1], sizeof acc[r][1]);
      for (std::size_t j = 0; j < cols; ++j) out[r * ldo + j] = tmp[j];
    }
  }
}

template <int R>
__attribute__((always_inline)) inline void tile_f16c_upto(int rows, const TileInputs& in, const std::uint16_t* panel,
                                                          const float* bias, float* out, std::size_t ldo,
                                                          std::size_t cols) {
  if constexpr (R > 0) {
    if (rows == R) {
      if (in.ks)
        tile_f16c<R, true>(in, panel, bias, out, ldo, cols);
      else
        tile_f16c<R, false>(in, panel, bias, out, ldo, cols);
      return;
    }
    tile_f16c_upto<R - 1>(rows, in, panel, bias, out, ldo, cols);
  }
}

// Each strip loop below runs every row tile of one 16-column strip (one contiguous panel, L1/L2-resident while
// it is in use) before the next strip. The loops are written out per kernel: routing them through one helper
// taking a lambda made GCC 12 keep the int8 kernel's 16 accumulators on the stack (2x slower).
template <int RMax>
__attribute__((always_inline)) inline void strips_f16c(const TileInputs* in, std::size_t m, const PackedMatrix& w,
                                                       float* out) {
  const std::size_t n = w.n(), tiles = (m + RMax - 1) / RMax;
  for (std::size_t s = 0; s < w.strips(); ++s) {
    const std::size_t j0 = s * kP, cols = n - j0 < kP ? n - j0 : kP;
    for (std::size_t ti = 0; ti < tiles; ++ti) {
      const std::size_t i0 = ti * RMax;
      const int rows = static_cast<int>(m - i0 < RMax ? m - i0 : RMax);
      tile_f16c_upto<RMax>(rows, in[ti], w.panel(s), w.bias() + j0, out + i0 * n + j0, n, cols);
    }
  }
}

void strips_avx2(const TileInputs* in, std::size_t m, const PackedMatrix& w, float* out) {
  strips_f16c<6>(in, m, w, out);
}

#pragma GCC pop_options

__attribute__((target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512dq,avx512cd"))) void strips_avx512(
    const TileInputs* in, std::size_t m, const PackedMatrix& w, float* out) {
  strips_f16c<12>(in, m, w, out);
}

// ------------------------------------------------------------------------------------ AVX512_BF16 kernel
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512dq,avx512cd,avx512bf16")

// Prefetch distance of the bfloat16 weight stream, in k pairs (64 bytes each): the same bytes ahead.
constexpr std::size_t kPrefetchPairs = kPrefetchSteps / 2;

// R rows x 16 columns of out in R registers for the whole k loop; one 64-byte panel row (16 pairs) per step.
template <int R, bool Indexed>
__attribute__((always_inline)) inline void tile_bf16(const TilePairs& in, const std::uint16_t* panel, const float* bias,
                                                     float* out, std::size_t ldo, std::size_t cols) {
  __m512 acc[R];
  const __m512 b = _mm512_loadu_ps(bias);
  for (int r = 0; r < R; ++r) acc[r] = b;
  const std::size_t steps = in.steps;
  for (std::size_t t = 0; t < steps; ++t) {
    const std::uint16_t* brow = step_row<Indexed>(panel, in.ks, t, 2 * kP, kPrefetchPairs);
    const __m512bh w = (__m512bh)_mm512_loadu_si512(brow);
    const std::uint32_t* x = in.x + t * R;
    // GCC 12 does not fold the broadcast into vdpbf16ps' m32bcst operand (it emits a vpbroadcastd per row).
    for (int r = 0; r < R; ++r) asm("vdpbf16ps %2%{1to16%}, %1, %0" : "+v"(acc[r]) : "v"(w), "m"(x[r]));
  }
  const __mmask16 mask = cols == kP ? __mmask16(0xffff) : __mmask16((1u << cols) - 1);
  for (int r = 0; r < R; ++r) _mm512_mask_storeu_ps(out + r * ldo, mask, acc[r]);
}

template <int R>
__attribute__((always_inline)) inline void tile_bf16_upto(int rows, const TilePairs& in, const std::uint16_t* panel,
                                                          const float* bias, float* out, std::size_t ldo,
                                                          std::size_t cols) {
  if constexpr (R > 0) {
    if (rows == R) {
      if (in.ks)
        tile_bf16<R, true>(in, panel, bias, out, ldo, cols);
      else
        tile_bf16<R, false>(in, panel, bias, out, ldo, cols);
      return;
    }
    tile_bf16_upto<R - 1>(rows, in, panel, bias, out, ldo, cols);
  }
}

constexpr int kBf16Rows = 16;

void strips_avx512bf16(const TilePairs* in, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t n = w.n(), tiles = (m + kBf16Rows - 1) / kBf16Rows;
  for (std::size_t s = 0; s < w.strips(); ++s) {
    const std::size_t j0 = s * kP, cols = n - j0 < kP ? n - j0 : kP;
    for (std::size_t ti = 0; ti < tiles; ++ti) {
      const std::size_t i0 = ti * kBf16Rows;
      const int rows = static_cast<int>(m - i0 < kBf16Rows ? m - i0 : kBf16Rows);
      tile_bf16_upto<kBf16Rows>(rows, in[ti], w.panel(s), w.bias() + j0, out + i0 * n + j0, n, cols);
    }
  }
}

#pragma GCC pop_options

// ------------------------------------------------------------------------------------ AVX512_VNNI kernel
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512dq,avx512cd,avx512vnni")
// GCC 12 warns that the _mm512_undefined_*() inside many AVX-512 intrinsics are used uninitialized (GCC bug
// 105593, fixed in GCC 13).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// Prefetch distance of the int8 weight stream, in k quads (64 bytes each).
constexpr std::size_t kPrefetchQuads = kPrefetchSteps / 2;

// R rows x 16 columns of out in R int32 registers for the whole k loop; one 64-byte panel row (16 quads) per
// step. vpdpbusd multiplies its unsigned operand (the weights) by its signed one (the inputs, broadcast).
template <int R, bool Indexed>
__attribute__((always_inline)) inline void tile_int8(const TileQuads& in, const std::uint8_t* panel,
                                                     const float* scales, const float* bias, float* out,
                                                     std::size_t ldo, std::size_t cols) {
  __m512i acc[R];
  for (int r = 0; r < R; ++r) acc[r] = _mm512_setzero_si512();
  const std::size_t steps = in.steps;
  for (std::size_t t = 0; t < steps; ++t) {
    const std::uint8_t* brow = step_row<Indexed>(panel, in.ks, t, 4 * kP, kPrefetchQuads);
    const __m512i w = _mm512_loadu_si512(brow);
    const std::uint32_t* x = in.x + t * R;
    for (int r = 0; r < R; ++r) asm("vpdpbusd %2%{1to16%}, %1, %0" : "+v"(acc[r]) : "v"(w), "m"(x[r]));
  }
  const __mmask16 mask = cols == kP ? __mmask16(0xffff) : __mmask16((1u << cols) - 1);
  const __m512 sw = _mm512_loadu_ps(scales), b = _mm512_loadu_ps(bias);
  for (int r = 0; r < R; ++r) {
    const __m512 dot = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[r], _mm512_set1_epi32(in.offset[r])));
    _mm512_mask_storeu_ps(out + r * ldo, mask, _mm512_fmadd_ps(dot, _mm512_mul_ps(sw, _mm512_set1_ps(in.scale[r])), b));
  }
}

template <int R>
__attribute__((always_inline)) inline void tile_int8_upto(int rows, const TileQuads& in, const std::uint8_t* panel,
                                                          const float* scales, const float* bias, float* out,
                                                          std::size_t ldo, std::size_t cols) {
  if constexpr (R > 0) {
    if (rows == R) {
      if (in.ks)
        tile_int8<R, true>(in, panel, scales, bias, out, ldo, cols);
      else
        tile_int8<R, false>(in, panel, scales, bias, out, ldo, cols);
      return;
    }
    tile_int8_upto<R - 1>(rows, in, panel, scales, bias, out, ldo, cols);
  }
}

constexpr int kInt8Rows = 16;

// One input row of k floats quantized to k int8 (q = round-to-nearest-even(a x 127 / max|a|), the rest of q
// untouched); returns the row's scale (a = scale x q) and sets *sum to the sum of q.
float quantize_row(const float* row, std::size_t k, std::int8_t* q, std::int32_t* sum) {
  const auto mask_at = [k](std::size_t kk) {
    return k - kk >= 16 ? __mmask16(0xffff) : __mmask16((1u << (k - kk)) - 1);
  };
  __m512 top = _mm512_setzero_ps();
  for (std::size_t kk = 0; kk < k; kk += 16)
    top = _mm512_max_ps(top, _mm512_abs_ps(_mm512_maskz_loadu_ps(mask_at(kk), row + kk)));
  const float max_abs = _mm512_reduce_max_ps(top);
  const __m512 inv = _mm512_set1_ps(max_abs > 0.0f ? 127.0f / max_abs : 0.0f);
  const __m512i lo = _mm512_set1_epi32(-127), hi = _mm512_set1_epi32(127);
  __m512i total = _mm512_setzero_si512();
  for (std::size_t kk = 0; kk < k; kk += 16) {
    const __mmask16 mask = mask_at(kk);
    __m512i v = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_maskz_loadu_ps(mask, row + kk), inv));  // MXCSR: to even
    v = _mm512_max_epi32(_mm512_min_epi32(v, hi), lo);
    total = _mm512_add_epi32(total, v);
    _mm_mask_storeu_epi8(q + kk, mask, _mm512_cvtepi32_epi8(v));
  }
  *sum = _mm512_reduce_add_epi32(total);
  return max_abs / 127.0f;
}

void strips_avx512vnni(const TileQuads* in, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t n = w.n(), tiles = (m + kInt8Rows - 1) / kInt8Rows;
  for (std::size_t s = 0; s < w.strips(); ++s) {
    const std::size_t j0 = s * kP, cols = n - j0 < kP ? n - j0 : kP;
    for (std::size_t ti = 0; ti < tiles; ++ti) {
      const std::size_t i0 = ti * kInt8Rows;
      const int rows = static_cast<int>(m - i0 < kInt8Rows ? m - i0 : kInt8Rows);
      tile_int8_upto<kInt8Rows>(rows, in[ti], w.quads(s), w.column_scales() + j0, w.bias() + j0, out + i0 * n + j0, n,
                                cols);
    }
  }
}

#pragma GCC diagnostic pop
#pragma GCC pop_options

// ------------------------------------------------------------------------------------ AVX2 int8 kernel
// For CPUs without AVX-512 (or with it disabled): int8 weights, int16 inputs, `vpmaddwd` (two 16-bit products
// summed exactly into each int32 lane) + `vpaddd`: 16 multiply-adds per multiply instruction against the
// float16 kernel's 8 (the fp32 FMA), and half its weight bytes.
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")

// R rows x 16 columns of out in 2R int32 registers for the whole k loop; one 32-byte panel row (16 columns x
// an int8 pair) per step, sign-extended to two registers of 8 int16 pairs.
template <int R, bool Indexed>
__attribute__((always_inline)) inline void tile_i16(const TileQuads& in, const std::int8_t* panel,
                                                    const float* scales, const float* bias, float* out,
                                                    std::size_t ldo, std::size_t cols) {
  __m256i acc[R][2];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_si256();
  const std::size_t steps = in.steps;
  for (std::size_t t = 0; t < steps; ++t) {
    const std::int8_t* brow = step_row<Indexed>(panel, in.ks, t, 2 * kP, kPrefetchSteps);
    const __m256i w0 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(brow)));
    const __m256i w1 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(brow + 16)));
    const std::uint32_t* x = in.x + t * R;
    for (int r = 0; r < R; ++r) {
      const __m256i xr = _mm256_set1_epi32(static_cast<int>(x[r]));
      acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(xr, w0));
      acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(xr, w1));
    }
  }
  const __m256 sw0 = _mm256_loadu_ps(scales), sw1 = _mm256_loadu_ps(scales + 8);
  const __m256 b0 = _mm256_loadu_ps(bias), b1 = _mm256_loadu_ps(bias + 8);
  for (int r = 0; r < R; ++r) {
    const __m256 s = _mm256_set1_ps(in.scale[r]);
    float tmp[kP];
    _mm256_storeu_ps(tmp, _mm256_fmadd_ps(_mm256_cvtepi32_ps(acc[r][0]), _mm256_mul_ps(sw0, s), b0));
    _mm256_storeu_ps(tmp + 8, _mm256_fmadd_ps(_mm256_cvtepi32_ps(acc[r][1]), _mm256_mul_ps(sw1, s), b1));
    std::memcpy(out + r * ldo, tmp, cols * sizeof(float));
  }
}

template <int R>
__attribute__((always_inline)) inline void tile_i16_upto(int rows, const TileQuads& in, const std::int8_t* panel,
                                                         const float* scales, const float* bias, float* out,
                                                         std::size_t ldo, std::size_t cols) {
  if constexpr (R > 0) {
    if (rows == R) {
      if (in.ks)
        tile_i16<R, true>(in, panel, scales, bias, out, ldo, cols);
      else
        tile_i16<R, false>(in, panel, scales, bias, out, ldo, cols);
      return;
    }
    tile_i16_upto<R - 1>(rows, in, panel, scales, bias, out, ldo, cols);
  }
}

constexpr int kAvx2Int8Rows = 4;  // 8 accumulators: GCC 12 spills them from 5 rows on (10 + 2 weights + broadcast + product)

// One input row of k floats quantized to int16 (q = round-to-nearest-even(a x limit / max|a|)); returns the
// row's scale (a = scale x q). `limit` keeps every int32 sum exact (int8_limit()).
float quantize_row_i16(const float* row, std::size_t k, std::int16_t* q, int limit) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  __m256 top = _mm256_setzero_ps();
  std::size_t kk = 0;
  for (; kk + 8 <= k; kk += 8) top = _mm256_max_ps(top, _mm256_andnot_ps(sign, _mm256_loadu_ps(row + kk)));
  float lanes[8];
  _mm256_storeu_ps(lanes, top);
  float max_abs = 0.0f;
  for (float v : lanes) max_abs = std::max(max_abs, v);
  for (std::size_t j = kk; j < k; ++j) max_abs = std::max(max_abs, std::fabs(row[j]));
  const float inv = max_abs > 0.0f ? float(limit) / max_abs : 0.0f;
  const __m256 vinv = _mm256_set1_ps(inv);
  for (kk = 0; kk + 16 <= k; kk += 16) {  // |a x inv| <= limit < 32768: the saturating pack never saturates
    const __m256i lo = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(row + kk), vinv));  // MXCSR: to even
    const __m256i hi = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(row + kk + 8), vinv));
    const __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xd8);  // packs works per 128 bits
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(q + kk), packed);
  }
  for (; kk < k; ++kk) q[kk] = static_cast<std::int16_t>(std::nearbyint(row[kk] * inv));
  return max_abs / float(limit);
}

void strips_avx2int8(const TileQuads* in, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t n = w.n(), tiles = (m + kAvx2Int8Rows - 1) / kAvx2Int8Rows;
  for (std::size_t s = 0; s < w.strips(); ++s) {
    const std::size_t j0 = s * kP, cols = n - j0 < kP ? n - j0 : kP;
    for (std::size_t ti = 0; ti < tiles; ++ti) {
      const std::size_t i0 = ti * kAvx2Int8Rows;
      const int rows = static_cast<int>(m - i0 < kAvx2Int8Rows ? m - i0 : kAvx2Int8Rows);
      tile_i16_upto<kAvx2Int8Rows>(rows, in[ti], w.pairs8(s), w.column_scales() + j0, w.bias() + j0,
                                   out + i0 * n + j0, n, cols);
    }
  }
}

#pragma GCC pop_options

// ------------------------------------------------------------------------------------ baseline kernel
// Any x86-64: each panel is widened to fp32 once per call, then 2 rows x 16 columns at a time.
void strips_baseline(const TileInputs* in, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t k = w.k(), n = w.n();
  std::vector<float> panel(k * kP);
  for (std::size_t s = 0; s < w.strips(); ++s) {
    const std::uint16_t* h = w.panel(s);
    for (std::size_t i = 0; i < k * kP; ++i) panel[i] = half_to_float(h[i]);
    const std::size_t j0 = s * kP, cols = std::min(kP, n - j0);
    for (std::size_t ti = 0, i0 = 0; i0 < m; ++ti, i0 += 2) {
      const std::size_t rows = std::min<std::size_t>(2, m - i0);
      float acc[2][kP];
      for (std::size_t r = 0; r < rows; ++r) std::memcpy(acc[r], w.bias() + j0, sizeof acc[r]);
      const float* x = in[ti].x;
      for (std::size_t t = 0; t < in[ti].steps; ++t, x += rows) {
        const float* brow = panel.data() + (in[ti].ks ? in[ti].ks[t] : t) * kP;
        for (std::size_t r = 0; r < rows; ++r)
          for (std::size_t j = 0; j < kP; ++j) acc[r][j] += x[r] * brow[j];
      }
      for (std::size_t r = 0; r < rows; ++r) std::memcpy(out + (i0 + r) * n + j0, acc[r], cols * sizeof(float));
    }
  }
}

std::size_t max_rows(DenseIsa isa) {
  switch (isa) {
    case DenseIsa::avx512bf16:
      return kBf16Rows;
    case DenseIsa::avx512vnni:
      return kInt8Rows;
    case DenseIsa::avx512:
      return 12;
    case DenseIsa::avx2int8:
      return kAvx2Int8Rows;
    case DenseIsa::avx2:
      return 6;
    case DenseIsa::baseline:
      return 2;
  }
  return 2;
}

}  // namespace

bool dense_isa_supported(DenseIsa isa) {
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                      __builtin_cpu_supports("avx512cd");
  switch (isa) {
    case DenseIsa::baseline:
      return true;
    case DenseIsa::avx2:
    case DenseIsa::avx2int8:
      return avx2;
    case DenseIsa::avx512:
      return avx512;
    case DenseIsa::avx512bf16:
      return avx512 && __builtin_cpu_supports("avx512bf16");
    case DenseIsa::avx512vnni:
      return avx512 && __builtin_cpu_supports("avx512vnni");
  }
  return false;
}

DenseIsa best_dense_isa() {
  if (kSelectInt8 && dense_isa_supported(DenseIsa::avx512vnni)) return DenseIsa::avx512vnni;
  if (kSelectBf16 && dense_isa_supported(DenseIsa::avx512bf16)) return DenseIsa::avx512bf16;
  if (dense_isa_supported(DenseIsa::avx512)) return DenseIsa::avx512;
  if (kSelectAvx2Int8 && dense_isa_supported(DenseIsa::avx2int8)) return DenseIsa::avx2int8;
  if (dense_isa_supported(DenseIsa::avx2)) return DenseIsa::avx2;
  return DenseIsa::baseline;
}

const char* dense_isa_name(DenseIsa isa) {
  switch (isa) {
    case DenseIsa::avx512vnni:
      return "avx512vnni";
    case DenseIsa::avx512bf16:
      return "avx512bf16";
    case DenseIsa::avx512:
      return "avx512";
    case DenseIsa::avx2int8:
      return "avx2int8";
    case DenseIsa::avx2:
      return "avx2";
    case DenseIsa::baseline:
      return "baseline";
  }
  return "?";
}

std::optional<DenseIsa> dense_isa_from_name(std::string_view name) {
  for (DenseIsa isa : kDenseIsas)
    if (name == dense_isa_name(isa)) return isa;
  return std::nullopt;
}

void PackedMatrix::Free::operator()(std::uint8_t* p) const { std::free(p); }

PackedMatrix::PackedMatrix(const float* b, std::size_t k, std::size_t n, const float* bias, DenseIsa isa)
    : k_(k), n_(n), isa_(isa) {
  const std::size_t kp = k_padded(), values = strips() * kp * kP;
  std::size_t bytes = std::max<std::size_t>(values * (int8() ? 1 : sizeof(std::uint16_t)), 64);
  const bool huge = bytes >= kHugePage;
  const std::size_t align = huge ? kHugePage : 64;
  bytes = (bytes + align - 1) / align * align;
  auto* p = static_cast<std::uint8_t*>(std::aligned_alloc(align, bytes));
  if (!p) throw std::bad_alloc();
  data_.reset(p);
  if (huge) madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without THP the kernel is merely a little slower
  for (std::size_t i = 0; i < k * n; ++i)
    if (!(std::fabs(b[i]) <= 65504.0f))
      throw std::runtime_error("dense weight " + std::to_string(b[i]) + " is outside the float16 range");
  bias_.assign(strips() * kP, 0.0f);
  std::memcpy(bias_.data(), bias, n * sizeof(float));
  scales_.assign(strips() * kP, 0.0f);
  if (int8()) {
    for (std::size_t j = 0; j < n; ++j) {
      float top = 0.0f;
      for (std::size_t kk = 0; kk < k; ++kk) top = std::max(top, std::fabs(b[kk * n + j]));
      scales_[j] = top / 127.0f;
    }
  }
  const auto quantized = [this](float v, std::size_t j) {
    const float scale = scales_[j];
    return std::clamp(scale > 0.0f ? std::lrint(v / scale) : 0L, -127L, 127L);
  };
  for (std::size_t s = 0; s < strips(); ++s) {
    const std::size_t j0 = s * kP, cols = std::min(kP, n - j0);
    std::uint16_t* dst = reinterpret_cast<std::uint16_t*>(p) + s * kp * kP;
    std::uint8_t* dst8 = p + s * kp * kP;
    for (std::size_t kk = 0; kk < kp; ++kk)
      for (std::size_t j = 0; j < kP; ++j) {
        const float v = j < cols && kk < k ? b[kk * n + j0 + j] : 0.0f;
        if (isa_ == DenseIsa::avx512vnni) {
          dst8[(kk / 4) * 4 * kP + j * 4 + kk % 4] = static_cast<std::uint8_t>(quantized(v, j0 + j) + 128);
        } else if (int8()) {
          dst8[(kk / 2) * 2 * kP + j * 2 + kk % 2] = static_cast<std::uint8_t>(static_cast<std::int8_t>(quantized(v, j0 + j)));
        } else if (bf16()) {
          dst[(kk / 2) * 2 * kP + j * 2 + kk % 2] = float_to_bf16(v);
        } else {
          dst[kk * kP + j] = float_to_half(v);
        }
      }
  }
}

namespace {

// The inputs of m rows, tile by tile of up to rmax rows, transposed for the kernels: value(i, p) is row i's
// input at k step p (a float, a bfloat16 pair or an int8 quad), stored at x[t * rows + r] for the tile's kept
// step t; the steps where no row of the tile has a nonzero(value) are left out (the kept steps' indices go to
// ks). Then tile(ti, i0, x, ks or nullptr when none was left out, kept steps) for each tile.
template <typename T, typename Value, typename NonZero, typename Tile>
void gather_tiles(std::size_t m, std::size_t rmax, std::size_t steps, std::vector<T>& xs,
                  std::vector<std::uint32_t>& ks, Value value, NonZero nonzero, Tile tile) {
  const std::size_t tiles = (m + rmax - 1) / rmax;
  xs.resize(m * steps);
  ks.resize(tiles * steps);
  for (std::size_t ti = 0; ti < tiles; ++ti) {
    const std::size_t i0 = ti * rmax, rows = std::min(rmax, m - i0);
    T* x = xs.data() + i0 * steps;
    std::uint32_t* idx = ks.data() + ti * steps;
    std::size_t kept = 0;
    for (std::size_t p = 0; p < steps; ++p) {
      bool any = false;
      for (std::size_t r = 0; r < rows; ++r) {
        const T v = value(i0 + r, p);
        x[kept * rows + r] = v;
        any |= nonzero(v);
      }
      if (any) idx[kept++] = static_cast<std::uint32_t>(p);
    }
    tile(ti, i0, x, kept == steps ? nullptr : idx, kept);
  }
}

// The bfloat16 path of linear(): the inputs of each row tile as transposed bfloat16 pairs, with the k pairs
// where the whole tile is zero (-0 included) left out.
void linear_bf16(const float* a, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t k = w.k(), pairs = w.k_padded() / 2;
  std::vector<std::uint32_t> xs, ks;
  std::vector<TilePairs> in((m + kBf16Rows - 1) / kBf16Rows);
  gather_tiles(
      m, kBf16Rows, pairs, xs, ks,
      [&](std::size_t i, std::size_t p) {
        const float* row = a + i * k;
        const std::uint32_t lo = float_to_bf16(row[2 * p]);
        const std::uint32_t hi = 2 * p + 1 < k ? float_to_bf16(row[2 * p + 1]) : 0u;
        return lo | hi << 16;
      },
      [](std::uint32_t v) { return (v & 0x7fff7fffu) != 0; },  // -0 is zero too
      [&](std::size_t ti, std::size_t, const std::uint32_t* x, const std::uint32_t* idx, std::size_t steps) {
        in[ti] = {x, idx, steps};
      });
  strips_avx512bf16(in.data(), m, w, out);
}

// The int8 kernels' row tiles (TileQuads): row i's quantized inputs are `words` 32-bit groups (int8 quads or
// int16 pairs) at q + 4 x words x i bytes; the groups where the whole tile is zero are left out. xs and ks
// hold the transposed groups the tiles point into. offset: per row, or nullptr.
std::vector<TileQuads> gather_words(std::size_t m, std::size_t rmax, std::size_t words, const void* q,
                                    const float* scale, const std::int32_t* offset, std::vector<std::uint32_t>& xs,
                                    std::vector<std::uint32_t>& ks) {
  const auto* bytes = static_cast<const unsigned char*>(q);
  std::vector<TileQuads> in((m + rmax - 1) / rmax);
  gather_tiles(
      m, rmax, words, xs, ks,
      [&](std::size_t i, std::size_t p) {
        std::uint32_t v;
        std::memcpy(&v, bytes + (i * words + p) * sizeof v, sizeof v);
        return v;
      },
      [](std::uint32_t v) { return v != 0; },
      [&](std::size_t ti, std::size_t i0, const std::uint32_t* x, const std::uint32_t* idx, std::size_t steps) {
        in[ti] = {x, idx, steps, scale + i0, offset ? offset + i0 : nullptr};
      });
  return in;
}

// The int8 path of linear(): each input row quantized with its own scale (max |a| / 127), the quads of each
// row tile transposed, with the k quads where the whole tile is zero left out.
void linear_int8(const float* a, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t k = w.k(), quads = w.k_padded() / 4;
  std::vector<std::int8_t> q(m * quads * 4, 0);
  std::vector<float> scale(m);
  std::vector<std::int32_t> offset(m);
  for (std::size_t i = 0; i < m; ++i) {
    std::int32_t sum = 0;
    scale[i] = quantize_row(a + i * k, k, q.data() + i * quads * 4, &sum);
    offset[i] = 128 * sum;
  }
  std::vector<std::uint32_t> xs, ks;
  const auto in = gather_words(m, kInt8Rows, quads, q.data(), scale.data(), offset.data(), xs, ks);
  strips_avx512vnni(in.data(), m, w, out);
}

// The largest |q| of an int16 input that keeps every sum of the AVX2 int8 kernel exact in int32: k_padded
// products of at most limit x 127.
int int8_limit(std::size_t k_padded) {
  return static_cast<int>(std::min<std::size_t>(32767, 2147483647u / (127 * std::max<std::size_t>(k_padded, 1))));
}

// The AVX2 int8 path of linear(): each input row quantized to int16 with its own scale, the pairs of each row
// tile transposed, with the k pairs where the whole tile is zero left out.
void linear_avx2int8(const float* a, std::size_t m, const PackedMatrix& w, float* out) {
  const std::size_t k = w.k(), pairs = w.k_padded() / 2;
  const int limit = int8_limit(w.k_padded());
  std::vector<std::int16_t> q(m * pairs * 2, 0);
  std::vector<float> scale(m);
  for (std::size_t i = 0; i < m; ++i) scale[i] = quantize_row_i16(a + i * k, k, q.data() + i * pairs * 2, limit);
  std::vector<std::uint32_t> xs, ks;
  const auto in = gather_words(m, kAvx2Int8Rows, pairs, q.data(), scale.data(), nullptr, xs, ks);
  strips_avx2int8(in.data(), m, w, out);
}

}  // namespace

void linear(const float* a, std::size_t m, const PackedMatrix& w, float* out, DenseIsa isa) {
  const auto format = [](DenseIsa i) {
    return i == DenseIsa::avx512bf16 ? 1 : i == DenseIsa::avx512vnni ? 2 : i == DenseIsa::avx2int8 ? 3 : 0;
  };
  if (format(isa) != format(w.isa()))
    throw std::invalid_argument("dense kernel and weight format differ (float16, bfloat16, int8 quads or pairs)");
  if (m == 0 || w.n() == 0) return;
  if (isa == DenseIsa::avx512bf16) return linear_bf16(a, m, w, out);
  if (isa == DenseIsa::avx512vnni) return linear_int8(a, m, w, out);
  if (isa == DenseIsa::avx2int8) return linear_avx2int8(a, m, w, out);
  // The inputs of each row tile, transposed, with the k steps where the whole tile is zero left out.
  const std::size_t k = w.k(), rmax = max_rows(isa);
  std::vector<float> xs;
  std::vector<std::uint32_t> ks;
  std::vector<TileInputs> in((m + rmax - 1) / rmax);
  gather_tiles(
      m, rmax, k, xs, ks, [&](std::size_t i, std::size_t kk) { return a[i * k + kk]; },
      [](float v) { return v != 0.0f; },
      [&](std::size_t ti, std::size_t, const float* x, const std::uint32_t* idx, std::size_t steps) {
        in[ti] = {x, idx, steps};
      });
  switch (isa) {
    case DenseIsa::avx512:
      return strips_avx512(in.data(), m, w, out);
    case DenseIsa::avx2:
      return strips_avx2(in.data(), m, w, out);
    case DenseIsa::baseline:
      return strips_baseline(in.data(), m, w, out);
    case DenseIsa::avx512bf16:
    case DenseIsa::avx512vnni:
    case DenseIsa::avx2int8:
      break;  // handled above
  }
}

void linear_reference(const float* a, std::size_t m, std::size_t k, const float* b, std::size_t n, const float* bias,
                      float* out) {
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      float s = bias[j];
      for (std::size_t kk = 0; kk < k; ++kk) s += a[i * k + kk] * b[kk * n + j];
      out[i * n + j] = s;
    }
}

float round_to_half(float v) { return half_to_float(float_to_half(v)); }

float round_to_bf16(float v) { return bf16_to_float(float_to_bf16(v)); }

}  // namespace aurixa::rag
