#pragma once
// The trained linear model: per-class weights for the hashed features that occurred in training, stored
// sparsely (sorted feature hashes) and quantised to int8 with one scale per feature, plus class biases and
// the calibration temperature. Immutable after construction; safe to share between threads.
//
// File format (little-endian): "AXIC" u32 version=1 | u32 K | K x (u32 len, bytes) labels | f32 temperature
// | K x f32 bias | u32 N | N x u32 feature hash (ascending) | N x f32 scale | N*K x i8 weight.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "roles/orchestration/intent/features.hpp"

namespace aurixa::orchestration::intent {

// An internal training class for bare replies that only make sense inside a task ("yes", "thursday at 3",
// "the morning one"). Never returned to callers; see Classifier's context handling.
inline constexpr std::string_view kContinuationLabel = "_continuation";

struct Model {
  std::vector<std::string> labels;
  float temperature = 1.0f;
  std::vector<float> bias;              // K
  std::vector<std::uint32_t> features;  // N, ascending
  std::vector<float> scales;            // N
  std::vector<std::int8_t> weights;     // N*K, row-major by feature

  // Raw (uncalibrated) class scores for one message.
  std::vector<double> logits(const std::vector<Feature>& x) const;
  // Calibrated probabilities: softmax(logits / temperature).
  std::vector<double> probabilities(const std::vector<Feature>& x) const;

  std::string serialize() const;
  // Throws std::runtime_error("<what>: ...") when the bytes are not a valid model.
  static Model deserialize(std::string_view bytes, const std::string& what);
};

// Numerically stable softmax of scores / temperature.
std::vector<double> softmax(const std::vector<double>& scores, double temperature = 1.0);

}  // namespace aurixa::orchestration::intent
