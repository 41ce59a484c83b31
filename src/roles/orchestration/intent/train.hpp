#pragma once
// Training of the intent model: multinomial logistic regression with AdaGrad SGD and L2 on hashed
// features, deterministic for a given data set and seed; temperature scaling fitted on a stratified
// held-out split, then the final model is trained on all the data.
#include <cstdint>
#include <string>
#include <vector>

#include "roles/orchestration/intent/jsonl.hpp"
#include "roles/orchestration/intent/model.hpp"

namespace aurixa::orchestration::intent {

struct TrainOptions {
  int epochs = 30;
  double learning_rate = 0.4;  // AdaGrad base step
  double l2 = 2e-6;            // per update, on the active features
  std::uint32_t seed = 20261125;
  double holdout_fraction = 0.1;  // for the temperature fit
  bool balance_classes = true;    // weight examples by inverse class frequency (clipped to [0.5, 2])
};

struct TrainReport {
  std::size_t examples = 0;
  std::size_t holdout = 0;
  double holdout_accuracy = 0;  // of the model trained without the holdout
  double holdout_nll_raw = 0;   // mean negative log-likelihood at temperature 1
  double holdout_nll_calibrated = 0;
  double temperature = 1;
  std::size_t features = 0;  // rows in the final model
};

// The class order of a model trained on these examples: labels() first, then kContinuationLabel when the
// data has it. Throws std::invalid_argument for a label outside that set.
std::vector<std::string> model_labels(const std::vector<LabeledText>& data);

// Trains without calibration (temperature 1).
Model train_model(const std::vector<LabeledText>& data, const std::vector<std::string>& labels,
                  const TrainOptions& options);
// Fits the temperature on a held-out split, then trains on everything.
Model train_calibrated(const std::vector<LabeledText>& data, const TrainOptions& options, TrainReport* report);

// The temperature minimising the negative log-likelihood of gold[i] under softmax(logits[i] / T).
double fit_temperature(const std::vector<std::vector<double>>& logits, const std::vector<int>& gold);

}  // namespace aurixa::orchestration::intent
