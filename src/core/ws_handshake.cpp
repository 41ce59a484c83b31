#include "core/ws_handshake.hpp"

#include <cctype>
#include <string_view>

namespace aurixa::ws_detail {
namespace {

// The base64 of 16 bytes: 22 alphabet characters, then "==".
bool is_nonce_key(std::string_view key) {
  if (key.size() != 24 || key.substr(22) != "==") return false;
  for (char c : key.substr(0, 22))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  return true;
}

}  // namespace

std::optional<ApiError> handshake_error(const boost::beast::http::fields& headers) {
  namespace bhttp = boost::beast::http;
  const std::string_view key = headers[bhttp::field::sec_websocket_key];
  if (key.empty())
    return ApiError(Errc::bad_request, "a WebSocket upgrade needs a Sec-WebSocket-Key header", "Sec-WebSocket-Key");
  if (!is_nonce_key(key))
    return ApiError(Errc::bad_request, "Sec-WebSocket-Key must be the base64 of a 16-byte nonce", "Sec-WebSocket-Key");
  const std::string_view version = headers[bhttp::field::sec_websocket_version];
  if (version.empty())
    return ApiError(Errc::bad_request, "a WebSocket upgrade needs a Sec-WebSocket-Version header",
                    "Sec-WebSocket-Version");
  if (version != "13")
    return ApiError(Errc::upgrade_required, "WebSocket protocol version 13 is the one supported",
                    "Sec-WebSocket-Version");
  return std::nullopt;
}

}  // namespace aurixa::ws_detail
