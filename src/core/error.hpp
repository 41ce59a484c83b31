#pragma once
// The one error type of AURIXA. Any layer throws ApiError; the HTTP server turns it into
// {"detail": ..., "code": ..., "field": ...} with the status from the single table in error.cpp.
// A remote client turns the same JSON back into the same ApiError (from_http).
#include <stdexcept>
#include <string>
#include <string_view>

namespace aurixa {

enum class Errc {
  bad_request,             // 400 generic
  invalid_json,            // 400 body is not JSON
  unauthorized,            // 401
  forbidden,               // 403
  not_found,               // 404
  method_not_allowed,      // 405
  request_timeout,         // 408
  conflict,                // 409
  payload_too_large,       // 413
  unsupported_media_type,  // 415
  upgrade_required,        // 426 (a WebSocket version other than 13)
  validation,              // 422 missing / wrongly typed / out of range field
  rate_limited,            // 429
  headers_too_large,       // 431
  internal,                // 500
  bad_gateway,             // 502
  unavailable,             // 503
  gateway_timeout,         // 504
};

struct ErrcInfo {
  int status;
  std::string_view code;  // stable machine-readable code, e.g. "validation_error"
};

// The single table from error kinds to HTTP.
ErrcInfo errc_info(Errc e) noexcept;
// Reverse lookup for remote clients; unknown codes map by status, then to internal.
Errc errc_from(std::string_view code, int status) noexcept;

class ApiError : public std::runtime_error {
 public:
  ApiError(Errc errc, std::string detail, std::string field = {})
      : std::runtime_error(std::move(detail)), errc_(errc), field_(std::move(field)) {}

  Errc errc() const noexcept { return errc_; }
  int status() const noexcept { return errc_info(errc_).status; }
  std::string_view code() const noexcept { return errc_info(errc_).code; }
  const std::string& field() const noexcept { return field_; }
  std::string_view detail() const noexcept { return what(); }

  // {"detail":"...","code":"...","field":"..."} (field omitted when empty).
  std::string to_json() const;
  // Rebuilds an error from a status and a body produced by to_json (or any {"detail":...} body).
  static ApiError from_http(int status, std::string_view body);

  static ApiError validation(std::string field, std::string detail) {
    return ApiError(Errc::validation, std::move(detail), std::move(field));
  }
  static ApiError not_found(std::string detail) { return ApiError(Errc::not_found, std::move(detail)); }

 private:
  Errc errc_;
  std::string field_;
};

}  // namespace aurixa
