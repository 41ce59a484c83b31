#pragma once
// Execution::async_io routes: a coroutine awaited on the connection's own single-threaded io_context.
// For handlers that wait only on Asio I/O (the gateway forwarding to a role's process), so a request
// never changes thread: no worker hand-off, no wake-ups. The handler must never block that thread.
#include <boost/asio/awaitable.hpp>
#include <functional>

#include "core/router.hpp"

namespace aurixa::http {

struct AsyncRoute {
  // Errors are answered as for any route: ApiError -> its status and JSON, anything else -> 500.
  std::function<boost::asio::awaitable<Response>(const Request&, CallContext&)> handler;
};

}  // namespace aurixa::http
