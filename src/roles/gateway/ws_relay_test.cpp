// relay_websocket against an in-process Beast WebSocket server standing in for a role: frames both ways with
// their text/binary kind, identity headers on the upgrade, close propagation, unreachable upstream.
#include "roles/gateway/ws_relay.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <thread>

namespace aurixa::gateway {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

// The client side as the gateway's handler sees it: messages queued by the test, replies collected.
class FakeClient final : public http::WebSocket {
 public:
  void push(http::WsMessage m) {
    std::lock_guard l(mu_);
    in_.push_back(std::move(m));
    cv_.notify_all();
  }
  void end() {
    std::lock_guard l(mu_);
    ended_ = true;
    cv_.notify_all();
  }
  std::optional<http::WsMessage> receive() override {
    std::unique_lock l(mu_);
    cv_.wait(l, [&] { return !in_.empty() || ended_; });
    if (in_.empty()) return std::nullopt;
    auto m = std::move(in_.front());
    in_.pop_front();
    return m;
  }
  bool send(http::WsMessage m) override {
    std::lock_guard l(mu_);
    out_.push_back(std::move(m));
    cv_.notify_all();
    return true;
  }
  void close() override {
    std::lock_guard l(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  std::vector<http::WsMessage> wait_for(std::size_t n) {
    std::unique_lock l(mu_);
    cv_.wait_for(l, 5s, [&] { return out_.size() >= n; });
    return out_;
  }
  bool wait_closed() {
    std::unique_lock l(mu_);
    return cv_.wait_for(l, 5s, [&] { return closed_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<http::WsMessage> in_;
  std::vector<http::WsMessage> out_;
  bool ended_ = false, closed_ = false;
};

// Accepts one WebSocket, records the upgrade's headers, echoes each frame with "echo:" and its kind; after
// `close_after` frames it closes from its side.
struct EchoRole {
  asio::io_context ioc;
  asio::ip::tcp::acceptor acceptor{ioc, {asio::ip::make_address("127.0.0.1"), 0}};
  std::promise<std::map<std::string, std::string>> headers;
  std::thread thread;
  explicit EchoRole(int close_after = -1) {
    thread = std::thread([this, close_after] {
      auto sock = acceptor.accept();
      beast::flat_buffer buf;
      beast::http::request<beast::http::string_body> req;
      beast::http::read(sock, buf, req);
      std::map<std::string, std::string> h{{"target", std::string(req.target())}};
      for (const auto& f : req) h[std::string(f.name_string())] = std::string(f.value());
      headers.set_value(h);
      websocket::stream<asio::ip::tcp::socket> ws(std::move(sock));
      ws.accept(req);
      for (int n = 0; n != close_after; ++n) {
        beast::flat_buffer b;
        beast::error_code ec;
        ws.read(b, ec);
        if (ec) return;
        ws.binary(!ws.got_text());
        ws.write(asio::buffer("echo:" + beast::buffers_to_string(b.data())), ec);
        if (ec) return;
      }
      beast::error_code ec;
      ws.close(websocket::close_code::normal, ec);
      beast::flat_buffer b;
      while (!ec) ws.read(b, ec);  // until the relay answers the close
    });
  }
  ~EchoRole() { thread.join(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()); }
};

CallContext patient_ctx() {
  CallContext ctx;
  ctx.request_id = "req-1";
  ctx.principal.id = "user-7";
  ctx.principal.role = "patient";
  ctx.principal.patient_id = 1;
  ctx.tenant_id = 1;
  return ctx;
}

TEST(WsRelay, RelaysFramesBothWaysWithIdentityAndEndsWhenTheClientLeaves) {
  EchoRole role;
  FakeClient client;
  http::Request req;
  req.query = "lang=en";
  client.push({"hello", false});
  client.push({std::string("\x01\x02", 2), true});
  std::string error;
  auto relay = std::async(std::launch::async, [&] {
    return relay_websocket(client, req, patient_ctx(), role.url(), "/ws/conversation", "tok", error);
  });
  auto got = client.wait_for(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].data, "echo:hello");
  EXPECT_FALSE(got[0].binary);
  EXPECT_EQ(got[1].data, std::string("echo:\x01\x02", 7));
  EXPECT_TRUE(got[1].binary);
  client.end();
  ASSERT_EQ(relay.wait_for(6s), std::future_status::ready);
  EXPECT_TRUE(relay.get()) << error;
  auto h = role.headers.get_future().get();
  EXPECT_EQ(h["target"], "/ws/conversation?lang=en");
  EXPECT_EQ(h["X-Aurixa-Role"], "patient");
  EXPECT_EQ(h["X-Aurixa-Patient"], "1");
  EXPECT_EQ(h["X-Aurixa-Internal"], "tok");
  EXPECT_EQ(h["X-Request-Id"], "req-1");
}

TEST(WsRelay, UpstreamClosingClosesTheClient) {
  EchoRole role(1);
  FakeClient client;
  client.push({"one", false});
  std::string error;
  auto relay = std::async(std::launch::async, [&] {
    return relay_websocket(client, http::Request{}, patient_ctx(), role.url(), "/ws/conversation", "", error);
  });
  EXPECT_EQ(client.wait_for(1).size(), 1u);
  EXPECT_TRUE(client.wait_closed());
  client.end();  // the server ends the client's inbound side once the close handshake is done
  ASSERT_EQ(relay.wait_for(6s), std::future_status::ready);
  EXPECT_TRUE(relay.get());
}

TEST(WsRelay, UnreachableUpstreamIsReportedNotRelayed) {
  FakeClient client;
  std::string error;
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(
      relay_websocket(client, http::Request{}, patient_ctx(), "http://127.0.0.1:1", "/ws/conversation", "", error));
  EXPECT_FALSE(error.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 6s);
}

}  // namespace
}  // namespace aurixa::gateway
