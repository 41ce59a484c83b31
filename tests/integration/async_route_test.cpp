// Execution::async_io routes and co_request over real sockets: the handler runs on the connection's I/O
// thread (no hand-off), a filter that may block runs on a worker first, errors map like any route, and
// co_request pools its upstream connections per io_context (one upstream connection serves a keep-alive
// client's requests) and reports connect failures as 502 and deadlines as 504.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "core/async_route.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/http_client_async.hpp"
#include "core/http_server.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

namespace aurixa {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

std::string thread_name() {
  std::ostringstream s;
  s << std::this_thread::get_id();
  return s.str();
}

// A plain keep-alive HTTP upstream (blocking Beast, a thread per connection) that counts the
// connections it accepts. Paths: /echo answers the request line and headers; /hang never answers.
class CountingUpstream {
 public:
  CountingUpstream() : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~CountingUpstream() {
    stopping_ = true;
    boost::system::error_code ec;
    {
      tcp::socket wake(ioc_);  // a blocking accept() is not woken by close() from another thread
      wake.connect({asio::ip::make_address("127.0.0.1"), port()}, ec);
    }
    thread_.join();
    std::lock_guard lock(mu_);
    for (auto& s : sockets_) s->shutdown(tcp::socket::shutdown_both, ec);  // wakes blocking reads
    for (auto& t : conns_) t.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  int accepted() const { return accepted_.load(); }

 private:
  void accept_loop() {
    for (;;) {
      auto sock = std::make_shared<tcp::socket>(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(*sock, ec);
      if (ec || stopping_) return;
      ++accepted_;
      std::lock_guard lock(mu_);
      sockets_.push_back(sock);
      conns_.emplace_back([sock] { serve(*sock); });
    }
  }
  static void serve(tcp::socket& s) {
    beast::flat_buffer buf;
    for (;;) {
      bhttp::request<bhttp::string_body> req;
      boost::system::error_code ec;
      bhttp::read(s, buf, req, ec);
      if (ec) return;
      if (req.target() == "/hang") {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        return;
      }
      boost::json::object o{{"method", std::string(req.method_string())},
                            {"target", std::string(req.target())},
                            {"body", req.body()},
                            {"x_test", std::string(req["X-Test"])}};
      bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
      res.set(bhttp::field::content_type, "application/json");
      res.body() = boost::json::serialize(o);
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      bhttp::write(s, res, ec);
      if (ec || !req.keep_alive()) return;
    }
  }

  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex mu_;
  std::vector<std::shared_ptr<tcp::socket>> sockets_;
  std::vector<std::thread> conns_;
};

// Records where before() ran; refuses requests carrying X-Deny; may block when X-Slow is present.
class RecordingFilter final : public http::RequestFilter {
 public:
  std::optional<http::Response> before(const http::Request& req, CallContext&, const http::Route*) override {
    std::lock_guard lock(mu);
    before_thread = thread_name();
    if (req.header("X-Deny")) return http::Response::json(401, R"({"detail":"denied","code":"unauthorized"})");
    return std::nullopt;
  }
  void after(const http::Request&, const CallContext&, const http::Route*, http::Response& res) override {
    res.headers.set("X-Filtered", "1");
  }
  bool may_block(const http::Request& req, const http::Route&) const override { return req.header("X-Slow").has_value(); }

  std::mutex mu;
  std::string before_thread;
};

class AsyncRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.get("/io-thread", [](const http::Request&, CallContext&) {
      return http::Response::json(200, boost::json::serialize(boost::json::object{{"thread", thread_name()}}));
    }, {.execution = http::Execution::inline_io});
    router_.get("/worker-thread", [](const http::Request&, CallContext&) {
      return http::Response::json(200, boost::json::serialize(boost::json::object{{"thread", thread_name()}}));
    });
    add_async("GET", "/async/{what}", [](const http::Request& req, CallContext&, const http::AsyncEnv&) -> asio::awaitable<http::Response> {
      const std::string what = req.param("what");
      if (what == "missing") throw ApiError(Errc::not_found, "no such thing");
      if (what == "crash") throw std::runtime_error("boom");
      // Waits without blocking: a timer on the connection's own executor.
      asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
      co_await t.async_wait(asio::use_awaitable);
      co_return http::Response::json(200, boost::json::serialize(boost::json::object{{"thread", thread_name()}, {"what", what}}));
    });
    // A blocking part on the server's worker pool, then back on the connection's thread.
    add_async("GET", "/hop", [](const http::Request&, CallContext& ctx, const http::AsyncEnv& env) -> asio::awaitable<http::Response> {
      const std::string before = thread_name();
      const std::string worker = co_await http::on_workers(env, ctx, [] { return thread_name(); });
      co_await http::on_workers(env, ctx, [] {});  // a void part
      std::string failure;
      try {
        co_await http::on_workers(env, ctx, []() -> int { throw ApiError(Errc::conflict, "taken"); });
      } catch (const ApiError& e) {
        failure = std::string(e.detail());  // the worker's exception, rethrown here
      }
      co_return http::Response::json(200, boost::json::serialize(boost::json::object{
                                              {"before", before}, {"worker", worker}, {"after", thread_name()}, {"failure", failure}}));
    });
    add_async("POST", "/relay/{path...}", [this](const http::Request& req, CallContext&, const http::AsyncEnv&) -> asio::awaitable<http::Response> {
      ClientRequest out;
      out.method = req.method;
      out.url = "http://127.0.0.1:" + std::to_string(upstream_port_) + "/" + req.param("path");
      out.body = req.body;
      out.timeout = std::chrono::milliseconds(300);
      if (auto h = req.header("X-Test")) out.headers.set("X-Test", std::string(*h));
      auto up = co_await co_request(client_, std::move(out));
      http::Response res = http::Response::json(up.status, std::move(up.body));
      res.headers.set("X-Relay-Thread", thread_name());
      co_return res;
    });

    ServerOptions o;
    o.host = "127.0.0.1";
    o.io_threads = 1;
    o.worker_threads = 2;
    o.access_log = false;
    server_ = std::make_unique<HttpServer>(o, router_, metrics_, log_);
    server_->set_filter(&filter_);
    port_ = server_->listen();
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->shutdown();
    thread_.join();
  }

  template <class F>
  void add_async(const char* method, const char* pattern, F f) {
    auto r = std::make_shared<http::AsyncRoute>();
    r->handler = std::move(f);
    router_.add_async(method, pattern, std::move(r));
  }

  ClientResponse call(const std::string& method, const std::string& path, http::Headers headers = {}, std::string body = {}) {
    ClientRequest r;
    r.method = method;
    r.url = "http://127.0.0.1:" + std::to_string(port_) + path;
    r.headers = std::move(headers);
    r.body = std::move(body);
    return caller_.request(r);
  }
  static std::string field(const ClientResponse& r, const char* name) {
    return std::string(boost::json::parse(r.body).as_object().at(name).as_string());
  }

  Log log_{"off"};
  Metrics metrics_;
  http::Router router_;
  RecordingFilter filter_;
  HttpClient client_;  // used by the relay route (on the server's I/O thread)
  HttpClient caller_;  // the test's own client
  unsigned short upstream_port_ = 0;
  std::unique_ptr<HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

TEST_F(AsyncRoutes, RunOnTheConnectionsIoThreadWithParamsAndTheFilter) {
  const auto io = field(call("GET", "/io-thread"), "thread");
  const auto worker = field(call("GET", "/worker-thread"), "thread");
  ASSERT_NE(io, worker);
  auto r = call("GET", "/async/thing");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(field(r, "what"), "thing");
  EXPECT_EQ(field(r, "thread"), io);  // no hand-off to a worker
  EXPECT_EQ(r.headers.get("X-Filtered").value_or(""), "1");
  std::lock_guard lock(filter_.mu);
  EXPECT_EQ(filter_.before_thread, io);  // a filter that cannot block runs inline
}

TEST_F(AsyncRoutes, OnWorkersRunsAPartOnTheWorkerPoolAndResumesOnTheIoThread) {
  const auto io = field(call("GET", "/io-thread"), "thread");
  auto r = call("GET", "/hop");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(field(r, "before"), io);
  EXPECT_NE(field(r, "worker"), io);  // a pool thread
  EXPECT_EQ(field(r, "after"), io);
  EXPECT_EQ(field(r, "failure"), "taken");
}

TEST_F(AsyncRoutes, AFilterThatMayBlockRunsOnAWorkerAndCanRefuse) {
  const auto io = field(call("GET", "/io-thread"), "thread");
  http::Headers slow;
  slow.set("X-Slow", "1");
  auto r = call("GET", "/async/thing", slow);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(field(r, "thread"), io);  // the handler is back on the I/O thread
  {
    std::lock_guard lock(filter_.mu);
    EXPECT_NE(filter_.before_thread, io);
  }
  for (bool may_block : {false, true}) {
    http::Headers h;
    h.set("X-Deny", "1");
    if (may_block) h.set("X-Slow", "1");
    auto denied = call("GET", "/async/thing", h);
    EXPECT_EQ(denied.status, 401);
    EXPECT_EQ(denied.headers.get("X-Filtered").value_or(""), "1");
  }
}

TEST_F(AsyncRoutes, ErrorsAreAnsweredLikeAnyRoute) {
  auto missing = call("GET", "/async/missing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(boost::json::parse(missing.body).at("detail").as_string(), "no such thing");
  auto crash = call("GET", "/async/crash");
  EXPECT_EQ(crash.status, 500);
  EXPECT_EQ(boost::json::parse(crash.body).at("code").as_string(), "internal_error");
  EXPECT_EQ(call("GET", "/io-thread").status, 200);  // the server is still serving
}

TEST_F(AsyncRoutes, CoRequestRelaysOverOnePooledConnectionOnTheIoThread) {
  CountingUpstream up;
  upstream_port_ = up.port();
  const auto io = field(call("GET", "/io-thread"), "thread");
  for (int i = 0; i < 5; ++i) {
    http::Headers h;
    h.set("X-Test", "n" + std::to_string(i));
    auto r = call("POST", "/relay/echo?q=" + std::to_string(i), h, "{\"i\":" + std::to_string(i) + "}");
    ASSERT_EQ(r.status, 200) << r.body;
    auto o = boost::json::parse(r.body).as_object();
    EXPECT_EQ(o.at("method").as_string(), "POST");
    EXPECT_EQ(o.at("target").as_string(), "/echo");  // the route rebuilt the URL from its own param
    EXPECT_EQ(o.at("body").as_string(), "{\"i\":" + std::to_string(i) + "}");
    EXPECT_EQ(o.at("x_test").as_string(), "n" + std::to_string(i));
    EXPECT_EQ(r.headers.get("X-Relay-Thread").value_or(""), io);
  }
  EXPECT_EQ(up.accepted(), 1);  // sequential requests reuse the I/O thread's pooled upstream connection
}

TEST_F(AsyncRoutes, CoRequestFailuresAre502And504) {
  {
    asio::io_context ioc;  // a port nobody listens on
    tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    upstream_port_ = a.local_endpoint().port();
  }
  auto refused = call("POST", "/relay/echo");
  EXPECT_EQ(refused.status, 502) << refused.body;
  EXPECT_EQ(boost::json::parse(refused.body).at("code").as_string(), "bad_gateway");

  CountingUpstream up;
  upstream_port_ = up.port();
  auto hung = call("POST", "/relay/hang");  // the upstream closes after 2 s: 502 if the 300 ms deadline were ignored
  EXPECT_EQ(hung.status, 504) << hung.body;
  EXPECT_EQ(call("GET", "/io-thread").status, 200);
}

TEST(HttpClientRequest, HeadersWithLineBreaksAreRefused) {
  HttpClient c;
  ClientRequest r;
  r.url = "http://127.0.0.1:9/x";
  r.headers.set("X-Evil", "a\r\nInjected: yes");
  try {
    c.request(r);
    FAIL() << "expected a refusal";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
  }
}

}  // namespace
}  // namespace aurixa
