#include "core/error.hpp"
#include "core/json.hpp"

#include <array>
#include <boost/json.hpp>

namespace aurixa {
namespace {

struct Row {
  Errc errc;
  ErrcInfo info;
};

constexpr std::array kTable = {
    Row{Errc::bad_request, {400, "bad_request"}},
    Row{Errc::invalid_json, {400, "invalid_json"}},
    Row{Errc::unauthorized, {401, "unauthorized"}},
    Row{Errc::forbidden, {403, "forbidden"}},
    Row{Errc::not_found, {404, "not_found"}},
    Row{Errc::method_not_allowed, {405, "method_not_allowed"}},
    Row{Errc::request_timeout, {408, "request_timeout"}},
    Row{Errc::conflict, {409, "conflict"}},
    Row{Errc::payload_too_large, {413, "payload_too_large"}},
    Row{Errc::unsupported_media_type, {415, "unsupported_media_type"}},
    Row{Errc::upgrade_required, {426, "upgrade_required"}},
    Row{Errc::validation, {422, "validation_error"}},
    Row{Errc::rate_limited, {429, "rate_limited"}},
    Row{Errc::headers_too_large, {431, "headers_too_large"}},
    Row{Errc::internal, {500, "internal_error"}},
    Row{Errc::bad_gateway, {502, "bad_gateway"}},
    Row{Errc::unavailable, {503, "unavailable"}},
    Row{Errc::gateway_timeout, {504, "gateway_timeout"}},
};

}  // namespace

ErrcInfo errc_info(Errc e) noexcept {
  for (const auto& r : kTable)
    if (r.errc == e) return r.info;
  return {500, "internal_error"};
}

Errc errc_from(std::string_view code, int status) noexcept {
  for (const auto& r : kTable)
    if (r.info.code == code) return r.errc;
  for (const auto& r : kTable)
    if (r.info.status == status) return r.errc;
  return Errc::internal;
}

std::string ApiError::to_json() const {
  boost::json::object o;
  o["detail"] = what();
  o["code"] = code();
  if (!field_.empty()) o["field"] = field_;
  return aurixa::json::serialize(o);
}

ApiError ApiError::from_http(int status, std::string_view body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  std::string detail = std::string(body), code, field;
  if (!ec && v.is_object()) {
    const auto& o = v.as_object();
    if (auto* d = o.if_contains("detail")) detail = d->is_string() ? std::string(d->as_string()) : aurixa::json::serialize(*d);
    if (auto* c = o.if_contains("code"); c && c->is_string()) code = c->as_string();
    if (auto* f = o.if_contains("field"); f && f->is_string()) field = f->as_string();
  }
  return ApiError(errc_from(code, status), std::move(detail), std::move(field));
}

}  // namespace aurixa
