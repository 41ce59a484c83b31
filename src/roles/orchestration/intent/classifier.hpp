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

class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual Classification classify(std::string_view text, const Context& context = {}) const = 0;
};

// Loads the model written by the trainer (aurixa-intent-train). Throws std::runtime_error naming the file
// when it is missing or malformed.
std::unique_ptr<Classifier> load_classifier(const std::string& model_path);
// The model compiled into the binary (embedded at build time); never fails.
std::unique_ptr<Classifier> builtin_classifier();

}  // namespace aurixa::orchestration::intent
