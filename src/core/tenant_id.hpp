#pragma once
// A tenant id in a JSON request: 1, "1", "t-001" or "T-1" (the original's wire forms). One parser for every
// role's request codec.
#include <cstdint>
#include <optional>
#include <string_view>

namespace boost::json {
class value;
}

namespace aurixa {

// Absent or null -> nullopt. Anything else that is not a positive int64 in one of the forms above -> ApiError
// 422 naming `field`, with `message` as the detail.
std::optional<std::int64_t> json_tenant_id(const boost::json::value* v, std::string_view field, std::string_view message);

}  // namespace aurixa
