#pragma once
// The pipeline's step recorder and its classification memo (used by pipeline.cpp only).
#include <boost/json.hpp>

#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/app.hpp"
#include "core/context.hpp"
#include "core/telemetry.hpp"
#include "roles/orchestration/api.hpp"
#include "roles/orchestration/intent/classifier.hpp"
#include "core/json.hpp"

namespace aurixa::orchestration {

namespace bj = boost::json;

// Records the steps of one turn: timings, JSON input/output, telemetry.
class StepLog {
 public:
  StepLog(App& app, const std::string& session, std::int64_t tenant, const TraceParent& trace)
      : app_(app), session_(session), tenant_(tenant), trace_(trace) {}
  // The turn's steps go to telemetry as ONE grouped pipeline_step event (TelemetryEvent::steps) when the
  // turn ends, however it ends.
  ~StepLog() {
    if (!app_.telemetry || turn_.steps.empty()) return;
    try {
      turn_.timestamp = turn_.steps.back().timestamp;
      turn_.service = "orchestration-engine";
      turn_.event_type = "pipeline_step";
      turn_.tenant_id = tenant_;
      turn_.within(trace_);  // child spans of the request when spans are exported
      app_.telemetry->emit(std::move(turn_));
    } catch (...) {  // telemetry never fails a turn
    }
  }
  StepLog(const StepLog&) = delete;
  StepLog& operator=(const StepLog&) = delete;

  template <class F>
  auto run(const std::string& name, bj::value input, F&& fn) -> decltype(fn(std::declval<bj::value&>())) {
    StepRecord rec;
    rec.name = name;
    rec.input_json = input.is_null() ? std::string() : aurixa::json::serialize(input);
    rec.start_time = epoch_now();
    const auto started = std::chrono::steady_clock::now();
    bj::value output;
    try {
      if constexpr (std::is_void_v<decltype(fn(output))>) {
        fn(output);
        finish(rec, started, "success", output, {});
      } else {
        auto r = fn(output);
        finish(rec, started, "success", output, {});
        return r;
      }
    } catch (const std::exception& e) {
      finish(rec, started, "error", nullptr, e.what());
      throw;
    }
  }
  void add(StepRecord rec) { steps_.push_back(std::move(rec)); }
  std::vector<StepRecord>& steps() { return steps_; }

 private:
  void finish(StepRecord& rec, std::chrono::steady_clock::time_point started, const char* status,
              const bj::value& output, const std::string& error) {
    rec.status = status;
    rec.output_json = output.is_null() ? std::string() : aurixa::json::serialize(output);
    rec.error_message = error;
    rec.end_time = epoch_now();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (app_.telemetry) {
      if (turn_.steps.empty()) turn_.steps.reserve(8);
      turn_.steps.push_back({rec.name, rec.end_time, ms, rec.status == "error"});
    }
    steps_.push_back(rec);
  }
  App& app_;
  const std::string& session_;
  std::int64_t tenant_;
  const TraceParent& trace_;
  std::vector<StepRecord> steps_;
  TelemetryEvent turn_;  // the steps' telemetry, emitted by the destructor
};

// The classification of a prompt without dialogue context is a pure function of its text (the model is
// immutable), so a repeated question — the same text a cached answer serves — is classified once. Exact
// text as the key (not the cache's normalised one: the classifier sees case and punctuation); LRU-bounded.
// Thread-safe.
class ClassificationMemo {
 public:
  static constexpr std::size_t kCapacity = 1024;
  bool contains(const std::string& text) {
    std::lock_guard lock(mu);
    return index.count(text) > 0;
  }
  intent::Classification classify(const intent::Classifier& classifier, const std::string& text) {
    {
      std::lock_guard lock(mu);
      if (const auto it = index.find(text); it != index.end()) {
        lru.splice(lru.begin(), lru, it->second);
        return it->second->second;
      }
    }
    auto c = classifier.classify(text, {});
    std::lock_guard lock(mu);
    if (index.count(text)) return c;
    if (lru.size() >= kCapacity) {
      index.erase(lru.back().first);
      lru.pop_back();
    }
    lru.emplace_front(text, c);
    index.emplace(text, lru.begin());
    return c;
  }

 private:
  std::mutex mu;
  std::list<std::pair<std::string, intent::Classification>> lru;  // most recent first
  std::unordered_map<std::string, std::list<std::pair<std::string, intent::Classification>>::iterator> index;
};

}  // namespace aurixa::orchestration
