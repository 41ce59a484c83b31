#pragma once
// The builtin responder: a deterministic, grounded answer writer that needs no model. It composes the
// reply only from the request's context, so it cannot invent facts:
//  - passages: the sentences most relevant to the question (IDF-weighted term overlap, title as a tie
//    breaker, preferring sentences that hold the kind of answer asked for), in passage order, cited [n] with a Sources line naming the titles;
//  - tool results: clear confirmations (or failures) with the result's own fields;
//  - missing slots: one clarifying question asking for all of them;
//  - intent out_of_scope: a polite refusal; small talk: a greeting;
//  - nothing relevant: says it does not have that information and offers a staff handoff.
// Emergency guidance is the safety role's job, not this one's. Thread-safe; a reply takes microseconds. The
// only state is a bounded cache of analysed passages (sentences and their stemmed terms): a knowledge base's
// passages come back turn after turn, and analysing them was most of a reply's cost.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "roles/llm/api.hpp"

namespace aurixa::llm {

class BuiltinResponder {
 public:
  // cached_passages: how many distinct passages (of up to 16 KiB) keep their analysis (the cache starts over
  // when full).
  // min_coverage: the share of the question's term weight (IDF over the passages' sentences) that the best
  // sentence must match, or the answer is "I don't have that information" (rag_eval's answer rows).
  static constexpr double kMinCoverage = 0.3;
  // answer_type_boost: the factor on the score of a matching sentence that holds the kind of answer the
  // question asks for (answer_type.hpp: an amount for "how much", a duration for "how long", ...).
  static constexpr double kAnswerTypeBoost = 1.5;
  explicit BuiltinResponder(std::size_t cached_passages = 512, double min_coverage = kMinCoverage,
                            double answer_type_boost = kAnswerTypeBoost)
      : capacity_(cached_passages), min_coverage_(min_coverage), answer_type_boost_(answer_type_boost) {}

  std::string respond(const ChatRequest& request) const;

  // Pieces, exposed for tests.
  std::string answer_from_passages(const std::string& question, const std::vector<Passage>& passages) const;
  std::string topic_article_opening(const std::string& intent, const std::vector<Passage>& passages) const;
  std::string confirm_tools(const std::vector<ToolResult>& results) const;
  std::string ask_for_slots(const std::string& intent, const std::vector<std::string>& slots) const;
  std::size_t cached_passages() const;

 private:
  struct Analysed;
  std::shared_ptr<const Analysed> analyse(const Passage& p) const;

  static constexpr std::size_t kMaxCachedPassageBytes = 16 * 1024;  // longer passages are analysed each time
  std::size_t capacity_;
  double min_coverage_;
  double answer_type_boost_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Analysed>> cache_;  // title + '\0' + content
};

}  // namespace aurixa::llm
