#include "roles/orchestration/intent/classifier.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "roles/orchestration/intent/embedded.hpp"
#include "roles/orchestration/intent/features.hpp"
#include "roles/orchestration/intent/model.hpp"
#include "roles/orchestration/intent/person_request.hpp"

namespace aurixa::orchestration::intent {
namespace {

// A reply of at most this many words can be a bare continuation of the pending task.
constexpr std::size_t kShortReplyWords = 6;
// Below this probability the best intent of a short reply is too unsure to override the pending task.
constexpr double kContinuationMaxConfidence = 0.5;
constexpr double kContinuationConfidence = 0.9;
// An explicit request for a person (person_request.hpp) outranks the message's topic at this confidence.
constexpr double kPersonRequestConfidence = 0.9;

bool is_task(std::string_view intent) {
  return intent == "book_appointment" || intent == "reschedule_appointment" || intent == "cancel_appointment" ||
         intent == "prescription_refill";
}

int index_of(const std::vector<std::string>& v, std::string_view s) {
  auto it = std::find(v.begin(), v.end(), s);
  return it == v.end() ? -1 : int(it - v.begin());
}

class LinearClassifier final : public Classifier {
 public:
  LinearClassifier(Model model, double oos_threshold) : model_(std::move(model)), threshold_(oos_threshold) {
    if (!(oos_threshold >= 0 && oos_threshold <= 1))
      throw std::invalid_argument("intent_oos_threshold must be within [0, 1]");
    for (const auto& l : labels())
      if (index_of(model_.labels, l) < 0) throw std::runtime_error("intent model lacks the label " + l);
    continuation_ = index_of(model_.labels, kContinuationLabel);
  }

  Classification classify(std::string_view text, const Context& context) const override {
    const Normalized norm = normalize(text);
    const bool pending = is_resumable(context.pending_intent);
    if (norm.words.empty()) {
      if (pending && context.awaiting_confirmation) return {context.pending_intent, kContinuationConfidence, {}};
      return {"out_of_scope", 1.0, {}};
    }
    const auto p = model_.probabilities(extract_features(norm));
    const double p_cont = continuation_ >= 0 ? p[continuation_] : 0.0;

    // The public distribution: the continuation class's mass is spread over the real labels.
    std::vector<Scored> ranked;
    for (std::size_t k = 0; k < p.size(); ++k)
      if (int(k) != continuation_) ranked.push_back({model_.labels[k], p[k] / std::max(1e-12, 1.0 - p_cont)});
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const Scored& a, const Scored& b) { return a.confidence > b.confidence; });
    const Scored& top = ranked.front();
    const double top_raw = top.confidence * (1.0 - p_cont);

    // "There's a charge I don't recognise, can I talk to a real person?": the topic is billing, the request is
    // a person. Emergencies stay first, and a task the assistant can do itself stays that task.
    if (top.intent != "human_handoff" && top.intent != "emergency" && !is_task(top.intent) && asks_for_person(norm)) {
      Classification c{"human_handoff", kPersonRequestConfidence, {}};
      for (const auto& s : ranked)
        if (s.intent == c.intent) c.confidence = std::max(c.confidence, s.confidence);
        else if (c.alternatives.size() < 3) c.alternatives.push_back(s);
      return c;
    }

    if (pending && norm.words.size() <= kShortReplyWords && top.intent != "emergency") {
      // A short reply continues the pending task when it reads as a bare answer (the continuation class
      // wins), when no intent is confident, when it looks off-topic (mid-task that is mostly an answer the
      // model cannot place, such as an unknown provider name), or when it is chit-chat with some answer-like
      // mass ("ok sure" yes, "thanks, bye" no).
      const bool bare_answer = p_cont >= top_raw;
      const bool unsure = top_raw < kContinuationMaxConfidence;
      const bool off_topic = top.intent == "out_of_scope";
      const bool chat = top.intent == "smalltalk" && (p_cont >= 0.1 || context.awaiting_confirmation);
      if (top.intent == context.pending_intent || bare_answer || unsure || off_topic || chat) {
        const double p_pending = p[index_of(model_.labels, context.pending_intent)];
        Classification c{
            context.pending_intent, std::max(kContinuationConfidence, std::min(0.99, p_pending + p_cont)), {}};
        for (const auto& s : ranked)
          if (s.intent != c.intent && c.alternatives.size() < 3) c.alternatives.push_back(s);
        return c;
      }
    }

    Classification c;
    if (top.intent != "out_of_scope" && top.confidence < threshold_) {
      // Nothing is likely enough: reject. The confidence is the chance that the best guess is wrong.
      c.intent = "out_of_scope";
      c.confidence = 1.0 - top.confidence;
    } else {
      c.intent = top.intent;
      c.confidence = top.confidence;
    }
    for (const auto& s : ranked)
      if (s.intent != c.intent && c.alternatives.size() < 3) c.alternatives.push_back(s);
    return c;
  }

 private:
  // Tasks a bare reply can continue (not chit-chat, off-topic, emergencies or hand-offs).
  bool is_resumable(const std::string& intent) const {
    return !intent.empty() && intent != "smalltalk" && intent != "out_of_scope" && intent != "emergency" &&
           intent != "human_handoff" && index_of(model_.labels, intent) >= 0;
  }

  Model model_;
  double threshold_;
  int continuation_ = -1;
};

}  // namespace

std::unique_ptr<Classifier> load_classifier(const std::string& model_path, double oos_threshold) {
  std::ifstream in(model_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read intent model " + model_path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::make_unique<LinearClassifier>(Model::deserialize(bytes.str(), model_path), oos_threshold);
}

std::unique_ptr<Classifier> load_classifier(const std::string& model_path) {
  return load_classifier(model_path, kDefaultOosThreshold);
}

std::unique_ptr<Classifier> builtin_classifier(double oos_threshold) {
  return std::make_unique<LinearClassifier>(Model::deserialize(embedded_model_bytes(), "builtin intent model"),
                                            oos_threshold);
}

std::unique_ptr<Classifier> builtin_classifier() { return builtin_classifier(kDefaultOosThreshold); }

std::unique_ptr<Classifier> make_classifier(const std::string& model_path, double oos_threshold) {
  return model_path.empty() ? builtin_classifier(oos_threshold) : load_classifier(model_path, oos_threshold);
}

}  // namespace aurixa::orchestration::intent
