#pragma once
// Per-provider circuit breaker. Closed: calls pass; `failure_threshold` consecutive failures open it.
// Open: calls are refused until `cooldown` has passed, then one probe is let through (half-open).
// The probe's success closes the circuit; its failure opens it again for another cooldown.
// Thread-safe. Time comes from the caller so tests control it.
#include <chrono>
#include <mutex>
#include <string_view>

namespace aurixa::llm {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    int failure_threshold = 5;
    std::chrono::milliseconds cooldown{30'000};
  };
  enum class State { closed, open, half_open };

  explicit CircuitBreaker(Options options) : options_(options) {}

  // Whether a call may start now. In the open state after the cooldown this admits exactly one probe
  // (state becomes half_open) until that probe reports back.
  bool allow(Clock::time_point now);
  void on_success();
  void on_failure(Clock::time_point now);
  // A call that was allowed but never reached the provider (e.g. skipped): frees a half-open probe slot.
  void on_abandoned();
  State state(Clock::time_point now) const;

 private:
  Options options_;
  mutable std::mutex mu_;
  State state_ = State::closed;
  int consecutive_failures_ = 0;
  bool probe_in_flight_ = false;
  Clock::time_point opened_at_{};
};

std::string_view state_name(CircuitBreaker::State s);

}  // namespace aurixa::llm
