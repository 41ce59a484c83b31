#pragma once
// One JSON call from a role to another role in split mode. Every client (rag, safety, agents, execution,
// orchestration, llm) goes through here so each hop carries the same things: the caller's identity, request id
// and traceparent (forward_identity), a timeout capped by the caller's deadline, and errors rebuilt with
// ApiError::from_http so a remote 422 is the same error as a local one.
#include <chrono>
#include <string>
#include <string_view>

#include "core/context.hpp"
#include "core/http_client.hpp"

namespace aurixa {

// The request: Content-Type set when there is a body; timeout = min(max_timeout, what the deadline leaves).
// Throws ApiError(gateway_timeout) when the caller's deadline has already passed.
ClientRequest role_request(std::string_view method, std::string url, std::string body, const CallContext& ctx,
                           const std::string& internal_token,
                           std::chrono::milliseconds max_timeout = std::chrono::milliseconds(30'000));

// Sends it and returns the body of a 2xx answer; any other status is rethrown as the remote role's ApiError.
std::string role_call(HttpClient& http, const ClientRequest& request);

}  // namespace aurixa
