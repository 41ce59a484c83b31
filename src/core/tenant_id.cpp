#include "core/tenant_id.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <climits>
#include <string>

#include "core/error.hpp"

namespace aurixa {

std::optional<std::int64_t> parse_tenant_id(std::string_view s) {
  if (s.size() > 2 && (s[0] == 't' || s[0] == 'T') && s[1] == '-') s.remove_prefix(2);
  // Any positive int64, so every id accepted as a number also round-trips as "t-<id>".
  std::int64_t id = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<std::int64_t> json_tenant_id(const boost::json::value* v, std::string_view field, std::string_view message) {
  if (!v || v->is_null()) return std::nullopt;
  auto invalid = [&] { return ApiError::validation(std::string(field), std::string(message)); };
  if (v->is_int64()) {
    if (v->as_int64() <= 0) throw invalid();
    return v->as_int64();
  }
  if (v->is_uint64()) {
    if (v->as_uint64() == 0 || v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) throw invalid();
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (!v->is_string()) throw invalid();
  auto id = parse_tenant_id(v->as_string());
  if (!id) throw invalid();
  return id;
}

}  // namespace aurixa
