#pragma once
// Execution::async_io routes: a coroutine awaited on the connection's own single-threaded io_context.
// For handlers that wait only through Asio (the gateway forwarding to a role's process, a commit queue's
// completion), so a request never changes thread unless it chooses to: a handler may run a blocking part
// on the server's worker pool (AsyncEnv::workers) and come back. The handler must never block its thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <functional>
#include <type_traits>

#include "core/dispatch.hpp"
#include "core/error.hpp"
#include "core/router.hpp"

namespace aurixa::http {

// What the server lends an async handler.
struct AsyncEnv {
  boost::asio::any_io_executor workers;  // the worker pool, for parts that may block
};

struct AsyncRoute {
  // Errors are answered as for any route: ApiError -> its status and JSON, anything else -> 500.
  std::function<boost::asio::awaitable<Response>(const Request&, CallContext&, const AsyncEnv&)> handler;
};

// Runs fn() (which may block) on the worker pool and resumes the caller on its own executor with the
// result (or fn's exception). As for worker routes, fn is not started when the request's deadline passed
// while it waited in the pool's queue: queued_past_deadline() is thrown instead.
template <class F>
auto on_workers(const AsyncEnv& env, const CallContext& ctx, F fn) -> boost::asio::awaitable<std::invoke_result_t<F&>> {
  using R = std::invoke_result_t<F&>;
  // Named, not a temporary inside the co_await expression: GCC 12 can destroy such a temporary twice (it did
  // for the WebSocket handler's closure, releasing its shared_ptr copies twice).
  auto task = [&ctx, fn = std::move(fn)]() mutable -> boost::asio::awaitable<R> {
    if (ctx.expired()) throw queued_past_deadline();
    co_return fn();
  };
  co_return co_await boost::asio::co_spawn(env.workers, std::move(task), boost::asio::use_awaitable);
}

}  // namespace aurixa::http
