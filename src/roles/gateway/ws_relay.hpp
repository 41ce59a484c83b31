#pragma once
// Split mode: relays a client's WebSocket to a role's WebSocket endpoint over a new upstream connection,
// frame by frame in both directions (text stays text, binary stays binary), with the caller's identity
// forwarded like HTTP calls (X-Aurixa-* + internal token, X-Request-Id, traceparent). Either side closing
// closes the other. Runs on the stream pool thread that serves the client WebSocket (blocking).
#include <string>

#include "core/context.hpp"
#include "core/http_types.hpp"

namespace aurixa::gateway {

// base_url: http://host:port of the role; path: its WebSocket path (the client's query string is kept).
// Returns false when the upstream could not be reached (nothing was relayed; the caller reports it).
bool relay_websocket(http::WebSocket& client, const http::Request& req, const CallContext& ctx,
                     const std::string& base_url, const std::string& path, const std::string& internal_token,
                     std::string& error);

}  // namespace aurixa::gateway
