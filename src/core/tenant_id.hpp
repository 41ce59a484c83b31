#pragma once
// A tenant id as the original writes it: 1, "1", "t-001" or "T-1", in a JSON body, a query string or a path.
// One parser for every role's request codec and route.
#include <cstdint>
#include <optional>
#include <string_view>

namespace boost::json {
class value;
}

namespace aurixa {

// "1", "t-001" or "T-1" -> the positive int64 id; anything else (empty, padded, zero, too large) -> nullopt.
std::optional<std::int64_t> parse_tenant_id(std::string_view text);

// Absent or null -> nullopt. Anything else that is not a positive int64 in one of the forms above -> ApiError
// 422 naming `field`, with `message` as the detail.
std::optional<std::int64_t> json_tenant_id(const boost::json::value* v, std::string_view field, std::string_view message);

}  // namespace aurixa
