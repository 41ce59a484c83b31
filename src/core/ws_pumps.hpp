#pragma once
// The two coroutines that move a server WebSocket's frames between the socket and its queues (ws_queues.hpp).
// Internal to http_server.cpp. Everything they use is a parameter, so it lives in the coroutine's own frame
// (a lambda's captures would live in a closure object that the spawning function destroys first).
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <memory>

#include "core/ws_queues.hpp"

namespace aurixa::ws_detail {

using WsStream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

// Reads frames into `in` until the socket closes, pausing while the handler is behind; then queues the end.
boost::asio::awaitable<void> pump_socket_to_inbox(std::shared_ptr<WsStream> ws, std::shared_ptr<WsInbox> in);

// Writes what the handler queues in `out` until its end (or a write error), closes the socket normally, then
// sets *finished and cancels `writer_done`.
boost::asio::awaitable<void> pump_outbox_to_socket(std::shared_ptr<WsStream> ws, std::shared_ptr<WsOutbox> out,
                                                   std::shared_ptr<boost::asio::steady_timer> writer_done,
                                                   std::shared_ptr<bool> finished);

}  // namespace aurixa::ws_detail
