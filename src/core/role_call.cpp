#include "core/role_call.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/identity.hpp"

namespace aurixa {

ClientRequest role_request(std::string_view method, std::string url, std::string body, const CallContext& ctx,
                           const std::string& internal_token, std::chrono::milliseconds max_timeout) {
  ClientRequest req;
  req.method = std::string(method);
  req.url = std::move(url);
  if (!body.empty()) {
    req.body = std::move(body);
    req.headers.set("Content-Type", "application/json");
  }
  forward_identity(req.headers, ctx, internal_token);
  req.timeout = std::min(max_timeout, ctx.remaining());
  if (req.timeout.count() <= 0) throw ApiError(Errc::gateway_timeout, "the deadline passed before the call to another role");
  return req;
}

std::string role_call(HttpClient& http, const ClientRequest& request) {
  auto res = http.request(request);
  if (res.status < 200 || res.status >= 300) throw ApiError::from_http(res.status, res.body);
  return std::move(res.body);
}

}  // namespace aurixa
