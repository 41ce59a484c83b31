#pragma once
// Offline intent classifier for patient messages: a linear model (multinomial logistic regression) over
// hashed word and character n-gram features, trained at build time from data/intents/train.jsonl (never
// from ../shared/eval), with temperature-calibrated confidence and out-of-scope detection. Pure C++.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::orchestration::intent {

// The label set (ARCHITECTURE.md "Intents").
const std::vector<std::string>& labels();

struct Scored {
  std::string intent;
  double confidence = 0;  // calibrated probability
};

struct Classification {
  std::string intent;  // one of labels(); out_of_scope when the best score is below the OOS threshold
  double confidence = 0;
  std::vector<Scored> alternatives;  // the next best labels (up to 3), most likely first
};

// Dialogue context that changes how a short reply is read.
struct Context {
  std::string pending_intent;  // the task the assistant is in the middle of (empty = none)
  bool awaiting_confirmation = false;
};

// Implementations are immutable after construction: classify() is thread-safe and takes tens of µs.
class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual Classification classify(std::string_view text, const Context& context = {}) const = 0;
};

// Config::intent_oos_threshold's default: a best calibrated probability below it means out_of_scope.
inline constexpr double kDefaultOosThreshold = 0.35;

// Loads the model written by the trainer (aurixa-intent-train). Throws std::runtime_error naming the file
// when it is missing or malformed.
std::unique_ptr<Classifier> load_classifier(const std::string& model_path);
std::unique_ptr<Classifier> load_classifier(const std::string& model_path, double oos_threshold);
// The model compiled into the binary (embedded at build time); never fails (the threshold overloads throw
// std::invalid_argument for a threshold outside [0, 1]).
std::unique_ptr<Classifier> builtin_classifier();
std::unique_ptr<Classifier> builtin_classifier(double oos_threshold);
// From configuration (Config::intent_model, Config::intent_oos_threshold): an empty path means the builtin
// model. Throws std::invalid_argument for a threshold outside [0, 1], std::runtime_error for a bad file.
std::unique_ptr<Classifier> make_classifier(const std::string& model_path, double oos_threshold);

}  // namespace aurixa::orchestration::intent
