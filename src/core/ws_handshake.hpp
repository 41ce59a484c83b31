#pragma once
// The WebSocket opening-handshake checks that Beast's accept() would answer in plain text, answered by the server
// as JSON errors instead (RFC 6455 4.2.1 and 4.4). The request is already an upgrade (GET, HTTP/1.1, Connection:
// upgrade, Upgrade: websocket: websocket::is_upgrade); what is left is the key and the version.
#include <boost/beast/http.hpp>

#include <optional>

#include "core/error.hpp"

namespace aurixa::ws_detail {

// nullopt when the handshake may proceed; otherwise the error to answer: 400 naming Sec-WebSocket-Key (missing,
// or not the base64 of a 16-byte nonce) or Sec-WebSocket-Version (missing), 426 for a version other than 13
// (to be sent with `Sec-WebSocket-Version: 13`).
std::optional<ApiError> handshake_error(const boost::beast::http::fields& headers);

}  // namespace aurixa::ws_detail
