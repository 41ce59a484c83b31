#include "core/context.hpp"

#include <openssl/rand.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

namespace aurixa {
namespace {

bool is_lower_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
bool all_zero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

}  // namespace

namespace {

// Request and trace ids need uniqueness, not secrecy: a per-thread xoshiro256** generator seeded once
// from OpenSSL is ~50x cheaper than RAND_bytes per id (it was 8% of a /health request's CPU).
class IdGenerator {
 public:
  IdGenerator() {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(s_), sizeof s_) != 1) throw std::runtime_error("RAND_bytes failed");
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace

namespace {
IdGenerator& id_generator() {
  thread_local IdGenerator gen;
  return gen;
}
constexpr char kHexDigits[] = "0123456789abcdef";

// Writes `bytes` random bytes as 2*bytes lower-case hex digits to out.
void fill_hex(char* out, std::size_t bytes) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if (i % 8 == 0) word = id_generator().next();
    const auto c = static_cast<unsigned char>(word >> (8 * (i % 8)));
    *out++ = kHexDigits[c >> 4];
    *out++ = kHexDigits[c & 15];
  }
}
}  // namespace

std::string random_hex(std::size_t bytes) {
  std::string out(bytes * 2, '\0');
  fill_hex(out.data(), bytes);
  return out;
}

std::string new_uuid() {
  // Built in place (one allocation): this runs for every request without an X-Request-Id.
  char h[32];
  fill_hex(h, 16);
  h[12] = '4';                                                         // version 4
  static constexpr char kVariant[] = "89ab";                           // RFC 4122 variant
  const char c = h[16];
  h[16] = kVariant[((c >= 'a') ? c - 'a' + 10 : c - '0') & 3];
  std::string out(36, '-');
  std::memcpy(out.data(), h, 8);
  std::memcpy(out.data() + 9, h + 8, 4);
  std::memcpy(out.data() + 14, h + 12, 4);
  std::memcpy(out.data() + 19, h + 16, 4);
  std::memcpy(out.data() + 24, h + 20, 12);
  return out;
}

std::optional<TraceParent> TraceParent::parse(std::string_view v) {
  // version(2)-trace-id(32)-parent-id(16)-flags(2)
  if (v.size() < 55 || v[2] != '-' || v[35] != '-' || v[52] != '-') return std::nullopt;
  auto version = v.substr(0, 2), trace = v.substr(3, 32), parent = v.substr(36, 16), flags = v.substr(53, 2);
  if (!is_lower_hex(version) || version == "ff" || !is_lower_hex(trace) || !is_lower_hex(parent) || !is_lower_hex(flags))
    return std::nullopt;
  if (version == "00" && v.size() != 55) return std::nullopt;
  if (all_zero(trace) || all_zero(parent)) return std::nullopt;
  TraceParent tp;
  tp.trace_id = std::string(trace);
  tp.parent_id = std::string(parent);
  tp.span_id = random_hex(8);
  tp.flags = static_cast<std::uint8_t>(std::stoi(std::string(flags), nullptr, 16));
  return tp;
}

TraceParent TraceParent::start_new() {
  TraceParent tp;
  tp.trace_id = random_hex(16);
  tp.span_id = random_hex(8);
  return tp;
}

std::string TraceParent::header_for_child() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string f{kHex[flags >> 4], kHex[flags & 15]};
  return "00-" + trace_id + "-" + span_id + "-" + f;
}

std::chrono::milliseconds CallContext::remaining() const {
  if (deadline == std::chrono::steady_clock::time_point::max()) return std::chrono::milliseconds::max();
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? std::chrono::milliseconds(0) : left;
}

}  // namespace aurixa
