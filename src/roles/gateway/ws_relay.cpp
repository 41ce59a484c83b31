#include "roles/gateway/ws_relay.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/url.hpp>
#include <future>
#include <thread>

#include "core/identity.hpp"

namespace aurixa::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Upstream = websocket::stream<beast::tcp_stream>;

constexpr const char* kForwarded[] = {"Authorization", "Origin", "User-Agent", "Accept-Language"};

}  // namespace

bool relay_websocket(http::WebSocket& client, const http::Request& req, const CallContext& ctx,
                     const std::string& base_url, const std::string& path, const std::string& internal_token,
                     std::string& error) {
  auto url = boost::urls::parse_uri(base_url);
  if (!url) {
    error = "invalid upstream URL";
    return false;
  }
  const std::string host = url->host();
  const std::string port = url->has_port() ? std::string(url->port()) : "80";
  const std::string target = req.query.empty() ? path : path + "?" + req.query;

  asio::io_context ioc;
  Upstream up(ioc);
  try {
    asio::ip::tcp::resolver resolver(ioc);
    beast::get_lowest_layer(up).expires_after(std::chrono::seconds(5));
    beast::get_lowest_layer(up).connect(resolver.resolve(host, port));
    http::Headers h;
    for (const char* name : kForwarded)
      if (auto v = req.header(name)) h.set(name, std::string(*v));
    forward_identity(h, ctx, internal_token);
    h.set("X-Request-Id", ctx.request_id);
    h.set("traceparent", ctx.trace.header_for_child());
    up.set_option(websocket::stream_base::decorator([h](websocket::request_type& r) {
      for (const auto& [k, v] : h.items()) r.set(k, v);
    }));
    up.handshake(host + ":" + port, target);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  beast::get_lowest_layer(up).expires_never();
  up.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));

  // One I/O thread owns the upstream: an async read loop (upstream -> client; only this thread sends to the
  // client) and writes posted by this thread (client -> upstream), one at a time.
  auto guard = asio::make_work_guard(ioc);
  beast::flat_buffer buffer;
  std::function<void()> read_next = [&] {
    up.async_read(buffer, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        client.close();
        guard.reset();
        return;
      }
      http::WsMessage m{beast::buffers_to_string(buffer.data()), !up.got_text()};
      buffer.consume(buffer.size());
      if (!client.send(std::move(m))) {  // the client is gone
        beast::error_code ignored;
        beast::get_lowest_layer(up).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        guard.reset();
        return;
      }
      read_next();
    });
  };
  asio::post(ioc, read_next);
  std::thread io([&ioc] { ioc.run(); });

  while (auto m = client.receive()) {
    // Owned by the posted operation: it may outlive this iteration if the upstream stalls.
    auto msg = std::make_shared<http::WsMessage>(std::move(*m));
    auto done = std::make_shared<std::promise<beast::error_code>>();
    auto f = done->get_future();
    asio::post(ioc, [&up, msg, done] {
      up.text(!msg->binary);
      up.async_write(asio::buffer(msg->data), [msg, done](beast::error_code ec, std::size_t) { done->set_value(ec); });
    });
    if (f.wait_for(std::chrono::seconds(30)) != std::future_status::ready || f.get()) break;
  }
  // The client left (or the upstream failed): close the upstream; the read loop then ends and run() returns.
  asio::post(ioc, [&up] {
    up.async_close(websocket::close_code::normal, [&up](beast::error_code) {
      beast::error_code ignored;
      beast::get_lowest_layer(up).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    });
  });
  const auto stop_at = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!ioc.stopped() && std::chrono::steady_clock::now() < stop_at)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ioc.stop();  // a silent upstream cannot hold this thread longer
  io.join();
  return true;
}

}  // namespace aurixa::gateway
