#pragma once
// HTTP/1.1 response serialisation for the server: status line, headers and body in one buffer, written with a
// single send (cheaper than Beast's serializer walking a buffer sequence per field: it was ~10% of a small
// request's CPU). Internal to the HTTP core.
#include <string>

#include "core/http_types.hpp"

namespace aurixa::http {

// The whole response; Content-Length is ours (any Content-Length, Connection or Transfer-Encoding header of
// `res` is dropped), "Connection: close" unless keep_alive, no body for a HEAD request. A CR or LF inside a
// header value becomes a space (no response splitting).
std::string serialize_response(const Response& res, bool keep_alive, bool head);

}  // namespace aurixa::http
