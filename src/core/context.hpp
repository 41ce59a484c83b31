#pragma once
// Per-call context: created by the HTTP server for every request and passed to handlers and onward
// through role interfaces, so request id, trace, tenant, principal and deadline follow the call.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aurixa {

// W3C Trace Context (https://www.w3.org/TR/trace-context/), version 00.
struct TraceParent {
  std::string trace_id;   // 32 lower-case hex
  std::string parent_id;  // 16 lower-case hex: the caller's span
  std::string span_id;    // 16 lower-case hex: this hop's span
  std::uint8_t flags = 1;

  // Parses a traceparent header; nullopt when absent or malformed (then a new trace starts).
  static std::optional<TraceParent> parse(std::string_view header);
  static TraceParent start_new();
  // Header value to send downstream: this hop's span becomes the callee's parent.
  std::string header_for_child() const;
};

struct Principal {
  std::string id;    // user id ("u-12"), API key id ("k-3") or "anonymous"
  std::string role;  // platform_admin, tenant_admin, doctor, nurse, reception, scheduler, patient, api_client, anonymous
  std::optional<std::int64_t> patient_id;  // a patient's own record
  std::optional<std::int64_t> staff_id;
};

struct CallContext {
  std::string request_id;
  TraceParent trace;
  std::optional<std::int64_t> tenant_id;
  Principal principal{"anonymous", "anonymous"};
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // Set by the gateway's rate limiter for the response headers (0 = not limited).
  std::int64_t rate_limit_limit = 0, rate_limit_remaining = 0, rate_limit_reset = 0;

  std::chrono::milliseconds remaining() const;
  bool expired() const { return std::chrono::steady_clock::now() >= deadline; }
};

std::string random_hex(std::size_t bytes);
std::string new_uuid();

}  // namespace aurixa
