#pragma once
// Test doubles for the voice role: a scripted orchestration pipeline, scripted STT/TTS providers,
// an in-memory WebSocket and a recording telemetry sink.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/http_types.hpp"
#include "core/telemetry.hpp"
#include "roles/orchestration/api.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa::voice::testing {

// Answers every prompt with "You said: <prompt>. Anything else?" streamed word by word; intent is
// "book_appointment" when the prompt mentions an appointment, else "smalltalk".
class FakePipeline final : public orchestration::Api {
 public:
  std::chrono::milliseconds delta_gap{0};
  std::string fail_with;  // non-empty: run() throws 500 / run_stream() sends an error event

  orchestration::PipelineResult run(const orchestration::PipelineRequest& r, const CallContext&) override {
    record(r);
    if (!fail_with.empty()) throw ApiError(Errc::internal, "Pipeline execution failed: " + fail_with);
    return result(r);
  }
  void run_stream(const orchestration::PipelineRequest& r, const CallContext&,
                  const std::function<void(const orchestration::StreamEvent&)>& on_event) override {
    record(r);
    on_event({"status", "Classifying intent...", nullptr});
    if (!fail_with.empty()) {
      on_event({"error", fail_with, nullptr});
      return;
    }
    auto res = result(r);
    std::string word;
    for (char c : res.final_response + " ") {
      word.push_back(c);
      if (c == ' ') {
        if (delta_gap.count()) std::this_thread::sleep_for(delta_gap);
        on_event({"text_delta", word, nullptr});
        word.clear();
      }
    }
    on_event({"done", res.final_response, &res});
  }
  std::vector<orchestration::PipelineRequest> requests() {
    std::lock_guard l(mu_);
    return requests_;
  }

 private:
  orchestration::PipelineResult result(const orchestration::PipelineRequest& r) {
    orchestration::PipelineResult res;
    res.session_id = r.session_id.empty() ? "sess-1" : r.session_id;
    res.final_response = "You said: " + r.prompt + ". Anything else?";
    res.intent = r.prompt.find("appointment") != std::string::npos ? "book_appointment" : "smalltalk";
    return res;
  }
  void record(const orchestration::PipelineRequest& r) {
    std::lock_guard l(mu_);
    requests_.push_back(r);
  }
  std::mutex mu_;
  std::vector<orchestration::PipelineRequest> requests_;
};

class ScriptedStt final : public SttProvider {
 public:
  explicit ScriptedStt(std::string text, std::string name = "scripted", bool fail = false)
      : text_(std::move(text)), name_(std::move(name)), fail_(fail) {}
  std::string name() const override { return name_; }
  std::string transcribe(const Pcm&, const CallContext&) override {
    if (fail_) throw ApiError(Errc::bad_gateway, "scripted failure");
    return text_;
  }

 private:
  std::string text_, name_;
  bool fail_;
};

class ScriptedTts final : public TtsProvider {
 public:
  explicit ScriptedTts(bool fail = false) : fail_(fail) {}
  std::string name() const override { return "scripted"; }
  SynthesizedAudio synthesize(const std::string& text, const CallContext&) override {
    if (fail_) throw ApiError(Errc::bad_gateway, "scripted failure");
    Pcm p;
    p.samples.assign(text.size() * 80, 100);  // 5 ms per character
    return {encode_wav(p), "audio/wav"};
  }

 private:
  bool fail_;
};

class RecordingTelemetry final : public TelemetrySink {
 public:
  void emit(TelemetryEvent e) override {
    std::lock_guard l(mu_);
    events.push_back(std::move(e));
  }
  std::vector<std::string> names() {
    std::lock_guard l(mu_);
    std::vector<std::string> out;
    for (auto& e : events) out.push_back(e.name);
    return out;
  }
  std::mutex mu_;
  std::vector<TelemetryEvent> events;
};

// The client side is the test: push() frames in, wait_for() frames out.
class FakeWebSocket final : public http::WebSocket {
 public:
  std::optional<http::WsMessage> receive() override {
    std::unique_lock l(mu_);
    cv_.wait(l, [&] { return closed_ || !in_.empty(); });
    if (in_.empty()) return std::nullopt;
    auto m = std::move(in_.front());
    in_.pop_front();
    return m;
  }
  bool send(http::WsMessage m) override {
    std::lock_guard l(mu_);
    out_.push_back(std::move(m.data));
    cv_.notify_all();
    return true;
  }
  void close() override {}

  void push(std::string data, bool binary = false) {
    std::lock_guard l(mu_);
    in_.push_back({std::move(data), binary});
    cv_.notify_all();
  }
  void hang_up() {
    std::lock_guard l(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  // Waits until some sent frame (from index `from`) satisfies pred; returns its index or -1.
  int wait_for(const std::function<bool(const std::string&)>& pred, std::size_t from = 0,
               std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    std::unique_lock l(mu_);
    int found = -1;
    cv_.wait_for(l, timeout, [&] {
      for (std::size_t i = from; i < out_.size(); ++i)
        if (pred(out_[i])) {
          found = static_cast<int>(i);
          return true;
        }
      return false;
    });
    return found;
  }
  std::vector<std::string> sent() {
    std::lock_guard l(mu_);
    return out_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<http::WsMessage> in_;
  std::vector<std::string> out_;
  bool closed_ = false;
};

inline std::function<bool(const std::string&)> has_type(const std::string& type) {
  return [needle = "\"type\":\"" + type + "\""](const std::string& s) { return s.find(needle) != std::string::npos; };
}

}  // namespace aurixa::voice::testing
