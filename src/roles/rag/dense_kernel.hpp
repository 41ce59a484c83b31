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
// Thread-safety: a PackedMatrix is immutable after construction; linear() may run concurrently.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace aurixa::rag {

enum class DenseIsa { baseline, avx2, avx512 };

// The best kernel this CPU runs.
DenseIsa best_dense_isa();

class PackedMatrix {
 public:
  static constexpr std::size_t kPanel = 16;

  PackedMatrix() = default;
  // b: k x n, row-major; bias: n floats. Throws std::runtime_error for a weight outside the float16 range.
  PackedMatrix(const float* b, std::size_t k, std::size_t n, const float* bias);

  std::size_t k() const { return k_; }
  std::size_t n() const { return n_; }
  std::size_t strips() const { return (n_ + kPanel - 1) / kPanel; }
  // Strip s: k x kPanel float16 bit patterns, row-major.
  const std::uint16_t* panel(std::size_t s) const { return data_.get() + s * k_ * kPanel; }
  // strips() * kPanel floats, zero-padded.
  const float* bias() const { return bias_.data(); }

 private:
  struct Free {
    void operator()(std::uint16_t* p) const;
  };
  std::size_t k_ = 0, n_ = 0;
  std::unique_ptr<std::uint16_t[], Free> data_;
  std::vector<float> bias_;
};

// out[m x w.n()] = a[m x w.k()] * W + bias (row-major), with the kernel for `isa` (which the CPU must support).
void linear(const float* a, std::size_t m, const PackedMatrix& w, float* out, DenseIsa isa);
inline void linear(const float* a, std::size_t m, const PackedMatrix& w, float* out) {
  linear(a, m, w, out, best_dense_isa());
}

// The plain triple loop (tests compare the kernel with it, on weights passed through round_to_half).
void linear_reference(const float* a, std::size_t m, std::size_t k, const float* b, std::size_t n, const float* bias,
                      float* out);
// v as the kernel sees it: rounded to the nearest float16.
float round_to_half(float v);

}  // namespace aurixa::rag
