#pragma once
// Intent evaluation shared by the intent_eval program and the regression test: accuracy, macro accuracy
// (mean per-intent recall), per-intent recall/precision, confusion pairs, expected calibration error, the
// out-of-scope rate on off-domain sets, and classification latency.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "roles/orchestration/intent/classifier.hpp"
#include "roles/orchestration/intent/jsonl.hpp"

namespace aurixa::orchestration::intent {

struct IntentCounts {
  int support = 0;    // gold rows with this intent
  int predicted = 0;  // rows predicted as this intent
  int correct = 0;
  double recall() const { return support ? double(correct) / support : 0; }
  double precision() const { return predicted ? double(correct) / predicted : 0; }
};

struct EvalReport {
  int rows = 0;
  int correct = 0;
  std::map<std::string, IntentCounts> per_intent;
  std::map<std::pair<std::string, std::string>, int> confusions;  // (gold, predicted) -> count, errors only
  std::vector<std::pair<LabeledText, Classification>> errors;
  double ece = 0;  // 10 equal-width confidence bins
  double accuracy() const { return rows ? double(correct) / rows : 0; }
  double macro_accuracy() const;  // mean recall over the intents present in the gold labels
  // Fraction of rows predicted out_of_scope (OOS recall on an all-off-domain set).
  double out_of_scope_rate() const;
};

EvalReport evaluate(const Classifier& classifier, const std::vector<LabeledText>& rows);

struct Latency {
  double wall_us = 0;  // mean wall-clock microseconds per classify()
  double cpu_us = 0;   // mean thread CPU microseconds per classify() (insensitive to a loaded machine)
};
// Over `rounds` passes on the texts, one thread.
Latency latency_us(const Classifier& classifier, const std::vector<LabeledText>& rows, int rounds);

// $AURIXA_SHARED_DIR, else ../shared beside the source tree.
std::string shared_dir();
// The dev set (eval/intents.jsonl).
std::vector<LabeledText> load_dev_set(const std::string& shared);
// CLINC150 test rows, every one labelled out_of_scope (none of its 150 intents concerns a clinic).
// which = "oos_test" or "inscope_test_sample".
std::vector<LabeledText> load_clinc(const std::string& shared, const std::string& which);
// The "domain" field of each CLINC150 row (same order as load_clinc).
std::vector<std::string> load_clinc_domains(const std::string& shared, const std::string& which);
// data/intents/<name>: messages written apart from the training set and never trained on
// (holdout.jsonl, holdout2.jsonl).
std::vector<LabeledText> load_holdout(const std::string& name);
// HASD test rows mapped onto our labels (schedule->book_appointment, reschedule, cancel,
// query_avail->check_availability, greeting/bye->smalltalk, oos->out_of_scope); yes/no replies dropped.
std::vector<LabeledText> load_hasd(const std::string& shared);

}  // namespace aurixa::orchestration::intent
