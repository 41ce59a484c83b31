#include "core/ws_pumps.hpp"

#include <chrono>

namespace aurixa::ws_detail {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using boost::asio::awaitable;
constexpr auto as_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

awaitable<void> pump_socket_to_inbox(std::shared_ptr<WsStream> ws, std::shared_ptr<WsInbox> in) {
  asio::steady_timer backoff(ws->get_executor());
  for (;;) {
    beast::flat_buffer buf;
    auto [ec, n] = co_await ws->async_read(buf, as_tuple);
    if (ec) break;
    // Back-pressure: the handler reads at its own pace; stop reading the socket while it is behind.
    while (in->full()) {
      backoff.expires_after(std::chrono::milliseconds(2));
      co_await backoff.async_wait(as_tuple);
    }
    if (!in->push(WsItem{http::WsMessage{beast::buffers_to_string(buf.data()), !ws->got_text()}})) co_return;
  }
  // End in order, after what is buffered.
  in->push(WsItem{{}, true});
}

awaitable<void> pump_outbox_to_socket(std::shared_ptr<WsStream> ws, std::shared_ptr<WsOutbox> out,
                                      std::shared_ptr<asio::steady_timer> writer_done, std::shared_ptr<bool> finished) {
  for (;;) {
    auto item = out->try_pop();
    if (!item) {
      out->wake().expires_after(std::chrono::milliseconds(50));
      co_await out->wake().async_wait(as_tuple);
      continue;
    }
    if (item->end) break;
    ws->text(!item->message.binary);
    auto [wec, n] = co_await ws->async_write(asio::buffer(item->message.data), as_tuple);
    if (wec) break;
  }
  out->finish();
  if (ws->is_open()) {
    auto [cec] = co_await ws->async_close(websocket::close_code::normal, as_tuple);
    (void)cec;
  }
  *finished = true;
  writer_done->cancel();
}

}  // namespace aurixa::ws_detail
