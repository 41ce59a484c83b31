#include "roles/llm/breaker.hpp"

namespace aurixa::llm {

bool CircuitBreaker::allow(Clock::time_point now) {
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::closed:
      return true;
    case State::open:
      if (now - opened_at_ < options_.cooldown) return false;
      state_ = State::half_open;
      probe_in_flight_ = true;
      return true;
    case State::half_open:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::on_success() {
  std::lock_guard lock(mu_);
  state_ = State::closed;
  consecutive_failures_ = 0;
  probe_in_flight_ = false;
}

void CircuitBreaker::on_failure(Clock::time_point now) {
  std::lock_guard lock(mu_);
  probe_in_flight_ = false;
  if (state_ == State::half_open || ++consecutive_failures_ >= options_.failure_threshold) {
    state_ = State::open;
    opened_at_ = now;
  }
}

void CircuitBreaker::on_abandoned() {
  std::lock_guard lock(mu_);
  probe_in_flight_ = false;
}

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) const {
  std::lock_guard lock(mu_);
  // An open circuit whose cooldown has passed reports half_open: the next call will probe.
  if (state_ == State::open && now - opened_at_ >= options_.cooldown) return State::half_open;
  return state_;
}

std::string_view state_name(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::closed:
      return "closed";
    case CircuitBreaker::State::open:
      return "open";
    case CircuitBreaker::State::half_open:
      return "half_open";
  }
  return "closed";
}

}  // namespace aurixa::llm
