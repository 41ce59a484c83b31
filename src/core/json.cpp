#include "core/json.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/json_write.hpp"

namespace aurixa::json {
namespace {

std::string fstr(std::string_view f) { return std::string(f); }

[[noreturn]] void wrong_type(std::string_view field, std::string_view expected) {
  throw ApiError::validation(fstr(field), "field '" + fstr(field) + "' must be " + fstr(expected));
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t v = 0;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> as_int(const bj::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) {
    if (v.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(v.as_uint64());
  }
  if (v.is_double()) {
    double d = v.as_double();
    if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (v.is_string()) return parse_int(v.as_string());
  return std::nullopt;
}

}  // namespace

bj::object parse_object(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ApiError(Errc::invalid_json, "request body is empty; a JSON object is required", "body");
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec) throw ApiError(Errc::invalid_json, "request body is not valid JSON: " + ec.message(), "body");
  if (!v.is_object()) throw ApiError::validation("body", "request body must be a JSON object");
  return std::move(v.as_object());
}

bj::object parse_object(const http::Request& req) { return parse_object(std::string_view(req.body)); }

std::string require_string(const bj::object& o, std::string_view field) {
  auto s = optional_string(o, field);
  if (!s) throw ApiError::validation(fstr(field), "field '" + fstr(field) + "' is required");
  return *s;
}

std::optional<std::string> optional_string(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) wrong_type(field, "a string");
  return std::string(v->as_string());
}

std::int64_t require_int(const bj::object& o, std::string_view field) {
  auto i = optional_int(o, field);
  if (!i) throw ApiError::validation(fstr(field), "field '" + fstr(field) + "' is required");
  return *i;
}

std::optional<std::int64_t> optional_int(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  auto i = as_int(*v);
  if (!i) wrong_type(field, "an integer");
  return i;
}

std::optional<double> optional_number(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_number()) return v->to_number<double>();
  if (v->is_string()) {
    const auto& s = v->as_string();
    double d = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && p == s.data() + s.size() && !s.empty() && std::isfinite(d)) return d;
  }
  wrong_type(field, "a number");
}

std::optional<bool> optional_bool(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) wrong_type(field, "a boolean");
  return v->as_bool();
}

const bj::object* optional_object(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) wrong_type(field, "an object");
  return &v->as_object();
}

const bj::array* optional_array(const bj::object& o, std::string_view field) {
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) wrong_type(field, "an array");
  return &v->as_array();
}

std::int64_t in_range(std::int64_t v, std::int64_t lo, std::int64_t hi, std::string_view field) {
  if (v < lo || v > hi)
    throw ApiError::validation(fstr(field), "field '" + fstr(field) + "' must be between " + std::to_string(lo) +
                                                " and " + std::to_string(hi));
  return v;
}

std::int64_t query_int(const http::Request& req, std::string_view name, std::int64_t def, std::int64_t lo,
                       std::int64_t hi) {
  auto raw = req.query_param(name);
  if (!raw) return def;
  auto v = parse_int(*raw);
  if (!v) throw ApiError::validation(fstr(name), "query parameter '" + fstr(name) + "' must be an integer");
  return in_range(*v, lo, hi, name);
}

void append(std::string& out, const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      out += "null";
      return;
    case bj::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case bj::kind::int64:
      append_int(out, v.get_int64());
      return;
    case bj::kind::uint64: {
      char buf[24];
      out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get_uint64()).ptr);
      return;
    }
    case bj::kind::double_:
      append_number(out, v.get_double());
      return;
    case bj::kind::string:
      append_string(out, v.get_string());
      return;
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        append(out, e);
      }
      out += ']';
      return;
    }
    case bj::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        append_string(out, kv.key());
        out += ':';
        append(out, kv.value());
      }
      out += '}';
      return;
    }
  }
}

std::string serialize(const bj::value& v) {
  std::string out;
  out.reserve(256);  // most values are small objects: one allocation instead of several doublings
  append(out, v);
  return out;
}

http::Response response(int status, const bj::value& v) { return http::Response::json(status, aurixa::json::serialize(v)); }

}  // namespace aurixa::json
