#pragma once
// Calling a route handler with the one error mapping (ApiError -> its status and JSON; anything else
// -> 500 with the request id), shared by the HTTP server and the gateway's in-process dispatch so both
// paths answer identically.
#include "core/router.hpp"

namespace aurixa {
class ApiError;
class Log;
}

namespace aurixa::http {

// 404 / 405 (with Allow) for a failed match.
Response unmatched_response(const Match& match);

// Inside a catch block: the exception being handled as a response (ApiError -> its status and JSON,
// anything else -> 500 with the request id, logged).
Response handler_failure(const Route& route, const CallContext& ctx, Log& log);

// 503 for work that waited in the worker queue past its request's deadline (load shedding): refused before
// it starts rather than run for a client that has given up.
ApiError queued_past_deadline();

// Runs route.handler(req, ctx), turning exceptions into error responses.
Response call_handler(const Route& route, const Request& req, CallContext& ctx, Log& log);

// Matches `req.path` in `router`, fills req.params and calls the handler (unmatched -> 404/405).
Response dispatch(const Router& router, Request& req, CallContext& ctx, Log& log);

}  // namespace aurixa::http
