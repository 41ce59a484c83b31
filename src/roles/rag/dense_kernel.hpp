#pragma once
// The dense layers of the builtin embedder (use_lite.cpp): out[m x n] = a[m x k] * W[k x n] + bias[n].
//
// W is packed ONCE (at model load) into panel-major order: for each strip of kPanel = 16 output columns,
// its k rows of 16 weights lie back to back (the last strip zero-padded), so the kernel streams the weights
// sequentially instead of walking a 16-column strip with a row stride of n floats (a new 4 KB page per k
// step). The weights are stored as IEEE float16 (rounded to nearest; the products and sums stay fp32):
// half the bytes to stream per question, and the builtin model's vectors move by less than 1e-6 in cosine
// (use_lite_test.cpp). The buffer is 2 MB-aligned and madvise(MADV_HUGEPAGE)d when it is large, so the
// weights need a few TLB entries rather than thousands.
//
// The kernel keeps up to R rows x 16 columns of out in registers for the whole k loop, R = 12 with
// AVX-512VL (32 vector registers, used at 256-bit width), 6 with AVX2 (+FMA, F16C), 2 baseline: a short
// question (5-12 pieces) is one pass over each weight matrix. The instruction set is picked at run time
// (never -march=native). Steps k where every input of a row tile is zero (ReLU outputs) are skipped.
// Per output, the sum runs bias first, then k ascending, as the plain triple loop does.
//
// With AVX512_BF16 (+VL, BW) the weights are packed instead as bfloat16 PAIRS along k (for each strip, k/2
// rows of 16 columns x 2 consecutive k), the inputs of each row tile are rounded to bfloat16 pairs, and
// `vdpbf16ps` does two multiply-adds per fp32 lane (fp32 accumulators; the products of two bfloat16 are
// exact): twice the multiply-adds per instruction of the fp32 FMA path, up to 16 rows x 16 columns (one
// 512-bit accumulator per row). The skipped steps are then the k PAIRS where the whole tile is zero.
//
// With AVX512_VNNI (+VL, BW) the weights are int8 instead: each column quantized symmetrically with its own
// scale (max |w| / 127), stored as unsigned QUADS along k (q + 128; for each strip, k/4 rows of 16 columns x
// 4 consecutive k); each input row is quantized symmetrically with its own scale when linear() runs, and
// `vpdpbusd` does four multiply-adds per int32 lane, exact in int32: twice the multiply-adds per instruction
// of the bfloat16 kernel. The +128 offset of the weights is taken back per row (128 x the row's sum of
// quantized inputs), and the scales and bias are applied once at the end. The error per output is bounded by
// the two roundings (dense_kernel_test.cpp checks that bound); the builtin model's vectors stay within cosine
// 0.998 (worst) / 0.999 (mean) of the TF.js reference (use_lite_test.cpp).
//
// With AVX2 only (no AVX-512: older CPUs, or a hypervisor that hides it) the weights are int8 too, one scale per
// column as above, but stored as signed PAIRS along k (for each strip, k/2 rows of 16 columns x 2 consecutive
// k); each input row is quantized to int16 with its own scale, as fine as the int32 sums allow (limit
// min(32767, (2^31 - 1) / (127 k)): every sum is exact), and `vpmaddwd` multiplies 8 columns x an int16 pair
// at once: twice the multiply-adds per instruction of the fp32 FMA, from half the weight bytes of float16.
// Its only coarse rounding is the weights' (the inputs keep 14-15 bits): the vectors stay within cosine
// 0.999 of the TF.js reference like the float kernels (use_lite_test.cpp).
//
// Thread-safety: a PackedMatrix is immutable after construction; linear() may run concurrently.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace aurixa::rag {

enum class DenseIsa { baseline, avx2, avx2int8, avx512, avx512bf16, avx512vnni };
// Every kernel, for loops over them (tests, benchmarks, dense_isa_from_name).
inline constexpr DenseIsa kDenseIsas[] = {DenseIsa::baseline,   DenseIsa::avx2,       DenseIsa::avx2int8,
                                          DenseIsa::avx512,     DenseIsa::avx512bf16, DenseIsa::avx512vnni};

// Whether this CPU runs the kernel for `isa`.
bool dense_isa_supported(DenseIsa isa);
// The kernel used by default: the fastest this CPU runs (AVX-512: int8, then bfloat16, then float16; AVX2:
// int8 pairs, then float16; see the kSelect* switches in dense_kernel.cpp).
DenseIsa best_dense_isa();
// A short name for logs and benchmarks ("avx2int8", ...).
const char* dense_isa_name(DenseIsa isa);
// The kernel of that name, or nullopt.
std::optional<DenseIsa> dense_isa_from_name(std::string_view name);

class PackedMatrix {
 public:
  static constexpr std::size_t kPanel = 16;

  PackedMatrix() = default;
  // b: k x n, row-major; bias: n floats. Packed for the kernel of `isa`: bfloat16 pairs for avx512bf16,
  // int8 quads for avx512vnni, int8 pairs for avx2int8, float16 otherwise. Throws std::runtime_error for a
  // weight outside the float16 range (whatever the format, so that a model loads on every CPU or on none).
  PackedMatrix(const float* b, std::size_t k, std::size_t n, const float* bias, DenseIsa isa = best_dense_isa());

  std::size_t k() const { return k_; }
  std::size_t n() const { return n_; }
  DenseIsa isa() const { return isa_; }
  bool bf16() const { return isa_ == DenseIsa::avx512bf16; }
  // int8 weights with a scale per column: quads (avx512vnni) or pairs (avx2int8).
  bool int8() const { return isa_ == DenseIsa::avx512vnni || isa_ == DenseIsa::avx2int8; }
  // k rounded up to the packing granularity (2 for bfloat16 and int8 pairs, 4 for int8 quads).
  std::size_t k_padded() const {
    return isa_ == DenseIsa::avx512vnni ? (k_ + 3) / 4 * 4 : bf16() || int8() ? (k_ + 1) / 2 * 2 : k_;
  }
  std::size_t strips() const { return (n_ + kPanel - 1) / kPanel; }
  // Strip s: k x kPanel float16 bit patterns, row-major; or, bf16(): k_padded()/2 rows of kPanel pairs
  // (bfloat16 bit patterns of rows 2p and 2p+1, column by column).
  const std::uint16_t* panel(std::size_t s) const {
    return reinterpret_cast<const std::uint16_t*>(data_.get()) + s * k_padded() * kPanel;
  }
  // avx512vnni: strip s as k_padded()/4 rows of kPanel quads (q + 128 for k = 4p .. 4p+3, column by column).
  const std::uint8_t* quads(std::size_t s) const { return data_.get() + s * k_padded() * kPanel; }
  // avx2int8: strip s as k_padded()/2 rows of kPanel signed pairs (q for k = 2p, 2p+1, column by column).
  const std::int8_t* pairs8(std::size_t s) const {
    return reinterpret_cast<const std::int8_t*>(data_.get()) + s * k_padded() * kPanel;
  }
  // strips() * kPanel floats, zero-padded.
  const float* bias() const { return bias_.data(); }
  // int8(): each column's scale (weight = scale x q), strips() * kPanel floats, zero-padded.
  const float* column_scales() const { return scales_.data(); }

 private:
  struct Free {
    void operator()(std::uint8_t* p) const;
  };
  std::size_t k_ = 0, n_ = 0;
  DenseIsa isa_ = DenseIsa::baseline;
  std::unique_ptr<std::uint8_t[], Free> data_;
  std::vector<float> bias_, scales_;
};

// out[m x w.n()] = a[m x w.k()] * W + bias (row-major), with the kernel for `isa` (which the CPU must support,
// and which must use w's format: throws std::invalid_argument for a kernel on weights packed for another
// format, e.g. the bfloat16 kernel on float16 weights).
void linear(const float* a, std::size_t m, const PackedMatrix& w, float* out, DenseIsa isa);
inline void linear(const float* a, std::size_t m, const PackedMatrix& w, float* out) { linear(a, m, w, out, w.isa()); }

// The plain triple loop (tests compare the kernel with it, on weights passed through round_to_half).
void linear_reference(const float* a, std::size_t m, std::size_t k, const float* b, std::size_t n, const float* bias,
                      float* out);
// v as the kernel sees it: rounded to the nearest float16.
float round_to_half(float v);
// v as the bfloat16 kernel sees it (weights and inputs): rounded to the nearest bfloat16 (ties to even).
float round_to_bf16(float v);

}  // namespace aurixa::rag
