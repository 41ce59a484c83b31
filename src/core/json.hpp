#pragma once
// JSON request/response helpers over Boost.JSON. Include only from .cpp files (http.cpp, service.cpp):
// Boost.JSON is heavy and stays out of api.hpp headers.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/http_types.hpp"

namespace aurixa::json {

namespace bj = boost::json;

// Parses a request body that must be a JSON object. Empty or malformed -> 400 invalid_json;
// valid JSON that is not an object -> 422 naming "body".
bj::object parse_object(const http::Request& req);
bj::object parse_object(std::string_view text);

// Field accessors: a missing required field or a wrong type -> ApiError 422 naming the field.
// Integers are lax like the original (pydantic): "12" is accepted for an int; floats with no fraction too.
std::string require_string(const bj::object& o, std::string_view field);
std::optional<std::string> optional_string(const bj::object& o, std::string_view field);
std::int64_t require_int(const bj::object& o, std::string_view field);
std::optional<std::int64_t> optional_int(const bj::object& o, std::string_view field);
std::optional<double> optional_number(const bj::object& o, std::string_view field);
std::optional<bool> optional_bool(const bj::object& o, std::string_view field);
const bj::object* optional_object(const bj::object& o, std::string_view field);
const bj::array* optional_array(const bj::object& o, std::string_view field);

// Range check helper: throws 422 naming the field when v is outside [lo, hi].
std::int64_t in_range(std::int64_t v, std::int64_t lo, std::int64_t hi, std::string_view field);

// Query-string integer (?limit=10) with default and bounds; a non-integer -> 422 naming the parameter.
std::int64_t query_int(const http::Request& req, std::string_view name, std::int64_t def, std::int64_t lo, std::int64_t hi);

// v as JSON text, numbers as Python writes them (the original service's format): a double in its shortest
// round-trip form with a ".0" when it has no fraction or exponent ("0.93", "1.0", "1e+16"), not Boost.JSON's
// "9.3E-1" / "1E0"; a non-finite double as null. Strings are escaped as json::append_string does.
std::string serialize(const bj::value& v);
void append(std::string& out, const bj::value& v);

http::Response response(int status, const bj::value& v);
inline http::Response ok(const bj::value& v) { return response(200, v); }

}  // namespace aurixa::json
