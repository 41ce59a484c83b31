#include "roles/orchestration/intent/eval.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace aurixa::orchestration::intent {

double EvalReport::macro_accuracy() const {
  double sum = 0;
  int n = 0;
  for (const auto& [label, c] : per_intent)
    if (c.support > 0) sum += c.recall(), ++n;
  return n ? sum / n : 0;
}

double EvalReport::out_of_scope_rate() const {
  auto it = per_intent.find("out_of_scope");
  return rows && it != per_intent.end() ? double(it->second.predicted) / rows : 0;
}

EvalReport evaluate(const Classifier& classifier, const std::vector<LabeledText>& rows) {
  EvalReport r;
  constexpr int kBins = 10;
  std::vector<double> bin_conf(kBins, 0), bin_correct(kBins, 0), bin_n(kBins, 0);
  for (const auto& row : rows) {
    const auto c = classifier.classify(row.text);
    const bool ok = c.intent == row.intent;
    ++r.rows;
    r.per_intent[row.intent].support++;
    r.per_intent[c.intent].predicted++;
    if (ok) {
      ++r.correct;
      r.per_intent[row.intent].correct++;
    } else {
      r.confusions[{row.intent, c.intent}]++;
      r.errors.emplace_back(row, c);
    }
    const int b = std::min(kBins - 1, static_cast<int>(c.confidence * kBins));
    bin_conf[b] += c.confidence;
    bin_correct[b] += ok ? 1 : 0;
    bin_n[b] += 1;
  }
  for (int b = 0; b < kBins; ++b)
    if (bin_n[b] > 0) r.ece += std::fabs(bin_conf[b] - bin_correct[b]) / std::max(1, r.rows);
  return r;
}

Latency latency_us(const Classifier& classifier, const std::vector<LabeledText>& rows, int rounds) {
  if (rows.empty() || rounds <= 0) return {};
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
  };
  std::size_t sink = 0;
  const double cpu0 = cpu_now();
  const auto start = std::chrono::steady_clock::now();
  for (int k = 0; k < rounds; ++k)
    for (const auto& row : rows) sink += classifier.classify(row.text).intent.size();
  const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_now() - cpu0;
  const double n = double(rows.size()) * rounds;
  if (sink == 0) return {-1, -1};  // keeps the loop from being optimised away
  return {us / n, cpu / n};
}

std::string shared_dir() {
  if (const char* e = std::getenv("AURIXA_SHARED_DIR"); e && *e) return e;
  return std::string(AURIXA_SOURCE_DIR) + "/../shared";
}

std::vector<LabeledText> load_dev_set(const std::string& shared) {
  return read_labeled_jsonl(shared + "/eval/intents.jsonl");
}

std::vector<LabeledText> load_clinc(const std::string& shared, const std::string& which) {
  auto rows = read_labeled_jsonl(shared + "/data/clinc150_oos/" + which + ".jsonl");
  for (auto& r : rows) r.intent = "out_of_scope";
  return rows;
}

std::vector<std::string> load_clinc_domains(const std::string& shared, const std::string& which) {
  std::vector<std::string> out;
  std::ifstream in(shared + "/data/clinc150_oos/" + which + ".jsonl");
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(parse_string_fields(line)["domain"]);
  return out;
}

std::vector<LabeledText> load_holdout(const std::string& name) {
  return read_labeled_jsonl(std::string(AURIXA_SOURCE_DIR) + "/data/intents/" + name);
}

std::vector<LabeledText> load_hasd(const std::string& shared) {
  static const std::map<std::string, std::string> kMap = {
      {"schedule", "book_appointment"}, {"reschedule", "reschedule_appointment"},
      {"cancel", "cancel_appointment"}, {"query_avail", "check_availability"},
      {"greeting", "smalltalk"},        {"bye", "smalltalk"},
      {"oos", "out_of_scope"}};
  std::vector<LabeledText> out;
  for (auto& r : read_labeled_jsonl(shared + "/data/hasd/test.jsonl")) {
    auto it = kMap.find(r.intent);
    if (it == kMap.end()) continue;
    out.push_back({r.text, it->second});
  }
  return out;
}

}  // namespace aurixa::orchestration::intent
