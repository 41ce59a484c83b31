// Integration tests of the HTTP core: the real binary on port 0, driven over real sockets.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <future>
#include <regex>
#include <thread>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using testing::ServerProcess;

class CoreHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = new std::string(testing::make_temp_dir("aurixa-core"));
    server_ = new ServerProcess({"serve", "--port", "0"}, testing::default_test_env(*data_dir_));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_dir_;
  }

  ClientResponse get(const std::string& path, http::Headers headers = {}) {
    ClientRequest r;
    r.url = server_->url(path);
    r.headers = std::move(headers);
    return client_.request(r);
  }
  ClientResponse post(const std::string& path, std::string body, std::string type = "application/json") {
    ClientRequest r;
    r.method = "POST";
    r.url = server_->url(path);
    r.body = std::move(body);
    r.headers.set("Content-Type", std::move(type));
    return client_.request(r);
  }
  static boost::json::object obj(const ClientResponse& r) { return boost::json::parse(r.body).as_object(); }

  // Sends raw bytes on a new connection and returns everything read until the server closes.
  std::string raw_exchange(const std::string& bytes) {
    asio::io_context ioc;
    tcp::socket s(ioc);
    s.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    asio::write(s, asio::buffer(bytes));
    std::string out;
    boost::system::error_code ec;
    char buf[4096];
    for (;;) {
      auto n = s.read_some(asio::buffer(buf), ec);
      if (ec) break;
      out.append(buf, n);
    }
    return out;
  }

  static ServerProcess* server_;
  static std::string* data_dir_;
  HttpClient client_;
};

ServerProcess* CoreHttp::server_ = nullptr;
std::string* CoreHttp::data_dir_ = nullptr;

TEST_F(CoreHttp, HealthReportsHealthyWithVersion) {
  auto r = get("/health");
  EXPECT_EQ(r.status, 200);
  auto o = obj(r);
  EXPECT_EQ(o.at("status").as_string(), "healthy");
  EXPECT_TRUE(o.contains("version"));
  EXPECT_TRUE(o.contains("service"));
  EXPECT_EQ(r.headers.get("Content-Type"), "application/json");
}

TEST_F(CoreHttp, HeadReturnsHeadersWithoutBody) {
  ClientRequest r;
  r.method = "HEAD";
  r.url = server_->url("/health");
  auto res = client_.request(r);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(res.body.empty());
}

TEST_F(CoreHttp, UnknownRouteIs404Json) {
  auto r = get("/definitely/not/here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(obj(r).at("detail").as_string(), "Not Found");
  EXPECT_EQ(obj(r).at("code").as_string(), "not_found");
}

TEST_F(CoreHttp, WrongMethodIs405JsonWithAllow) {
  ClientRequest r;
  r.method = "DELETE";
  r.url = server_->url("/health");
  auto res = client_.request(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(obj(res).at("detail").as_string(), "Method Not Allowed");
  EXPECT_EQ(res.headers.get("Allow"), "GET");
}

TEST_F(CoreHttp, MalformedJsonIs400NamingBody) {
  auto r = post("/__debug/echo", "{\"prompt\": ");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(obj(r).at("code").as_string(), "invalid_json");
  EXPECT_EQ(obj(r).at("field").as_string(), "body");
}

TEST_F(CoreHttp, NonObjectJsonIs422) {
  auto r = post("/__debug/echo", "[1,2,3]");
  EXPECT_EQ(r.status, 422);
}

TEST_F(CoreHttp, ValidJsonIsEchoed) {
  auto r = post("/__debug/echo", R"({"a":1,"b":"x"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(obj(r).at("b").as_string(), "x");
}

TEST_F(CoreHttp, BodyOverRouteLimitIs413) {
  auto r = post("/__debug/small", std::string(1000, 'x'), "text/plain");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(obj(r).at("code").as_string(), "payload_too_large");
}

TEST_F(CoreHttp, BodyOverDefaultLimitIs413) {
  auto r = post("/__debug/echo", "{\"x\":\"" + std::string(2 << 20, 'a') + "\"}");
  EXPECT_EQ(r.status, 413);
}

TEST_F(CoreHttp, ChunkedBodyOverLimitIs413) {
  // No Content-Length: the limit must hold while the body is read.
  std::string chunk(100, 'x');
  std::string req = "POST /__debug/small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  req += size + chunk + "\r\n0\r\n\r\n";
  auto out = raw_exchange(req);
  EXPECT_EQ(out.rfind("HTTP/1.1 413", 0), 0u) << out;
}

TEST_F(CoreHttp, OversizedHeadersAre431) {
  http::Headers h;
  h.set("X-Big", std::string(20 << 10, 'h'));
  auto r = get("/health", h);
  EXPECT_EQ(r.status, 431);
}

TEST_F(CoreHttp, GarbageRequestIs400) {
  auto out = raw_exchange("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << out;
}

// A path that decodes to invalid UTF-8 or a control character never reaches handlers, error messages or the
// access log (they echo it into JSON text): 400 naming the path, as JSON.
TEST_F(CoreHttp, PathThatIsNotCleanUtf8Is400) {
  for (const std::string path : {"/api/v1/admin/config/%FF", "/health%00x", "/api/v1/x/%C0%AF", "/a/%ED%A0%80"}) {
    const auto out = raw_exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << path << ": " << out.substr(0, 80);
    const auto body = out.substr(out.find("\r\n\r\n") + 4);
    boost::system::error_code ec;
    const auto v = boost::json::parse(body, ec);
    ASSERT_FALSE(ec) << body;
    EXPECT_NE(v.as_object().at("detail").as_string().find("path"), boost::json::string::npos);
  }
  EXPECT_NE(get("/api/v1/admin/config/caf%C3%A9").status, 400);  // valid UTF-8 is routed as usual
}

// A malformed chunked body is answered (400 JSON), not dropped with the connection.
TEST_F(CoreHttp, MalformedChunkedBodyIs400) {
  for (const std::string chunks : {"zz\r\nabc\r\n0\r\n\r\n", "-5\r\nabc\r\n0\r\n\r\n", "3\r\nabcXY0\r\n\r\n",
                                   "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"}) {
    const auto out = raw_exchange(
        "POST /__debug/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
        "chunked\r\n\r\n" +
        chunks);
    EXPECT_EQ(out.rfind("HTTP/1.1 400", 0), 0u) << chunks << ": " << out.substr(0, 80);
    EXPECT_NE(out.find("malformed request body"), std::string::npos) << out;
  }
}

TEST_F(CoreHttp, KeepAliveReusesOneConnection) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  for (int i = 0; i < 3; ++i) {
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, "/health", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(s, req);
    beast::flat_buffer b;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, b, res);
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST_F(CoreHttp, ClientPoolsConnections) {
  HttpClient c;
  ClientRequest r;
  r.url = server_->url("/health");
  c.request(r);
  c.request(r);
  EXPECT_EQ(c.idle_connections(), 1u);
}

TEST_F(CoreHttp, RequestIdIsEchoedOrGenerated) {
  http::Headers h;
  h.set("X-Request-Id", "test-req-123");
  EXPECT_EQ(get("/health", h).headers.get("X-Request-Id"), "test-req-123");
  auto res = get("/health");
  auto gen = res.headers.get("X-Request-Id");
  ASSERT_TRUE(gen);
  EXPECT_TRUE(std::regex_match(std::string(*gen),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << *gen;
}

TEST_F(CoreHttp, UnhandledExceptionIs500JsonWithRequestId) {
  auto r = get("/__debug/throw");
  EXPECT_EQ(r.status, 500);
  auto o = obj(r);
  EXPECT_EQ(o.at("detail").as_string(), "Internal Server Error");
  EXPECT_EQ(o.at("request_id").as_string(), *r.headers.get("X-Request-Id"));
  EXPECT_EQ(get("/health").status, 200);  // the server survived
}

TEST_F(CoreHttp, StreamingChunksArriveIncrementally) {
  ClientRequest r;
  r.url = server_->url("/__debug/stream?chunks=3&interval_ms=400");
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  std::vector<std::string> lines;
  int status = 0;
  client_.stream_lines(
      r, [&](const ClientResponse& h) { status = h.status; },
      [&](std::string_view line) {
        arrivals.push_back(std::chrono::steady_clock::now());
        lines.emplace_back(line);
        return true;
      });
  EXPECT_EQ(status, 200);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], R"({"seq":0})");
  EXPECT_EQ(lines[2], R"({"seq":2})");
  // Buffered output would deliver all three at once; incremental delivery spreads them out.
  EXPECT_GE(arrivals[2] - arrivals[0], std::chrono::milliseconds(500));
}

// Regression: closing the client's channel discarded buffered pieces, losing the tail of fast streams.
TEST_F(CoreHttp, FastStreamTailIsNeverLost) {
  for (int run = 0; run < 30; ++run) {
    ClientRequest r;
    r.url = server_->url("/__debug/stream?chunks=3&interval_ms=0");
    std::vector<std::string> lines;
    client_.stream_lines(r, nullptr, [&](std::string_view l) {
      lines.emplace_back(l);
      return true;
    });
    ASSERT_EQ(lines.size(), 3u) << "run " << run;
    EXPECT_EQ(lines[2], R"({"seq":2})");
  }
}

TEST_F(CoreHttp, ClientStoppingAStreamEarlyIsHandled) {
  ClientRequest r;
  r.url = server_->url("/__debug/stream?chunks=1000&interval_ms=5");
  int seen = 0;
  client_.stream_lines(r, nullptr, [&](std::string_view) { return ++seen < 3; });
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(get("/health").status, 200);
}

TEST_F(CoreHttp, MetricsExposePrometheusText) {
  get("/health");
  auto r = get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(std::string(*r.headers.get("Content-Type")).find("text/plain"), std::string::npos);
  // Every sample line parses as name{labels} value.
  std::regex sample(
      R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? [-+0-9.eEInfa]+$)");
  std::istringstream in(r.body);
  int samples = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
    ++samples;
  }
  EXPECT_GT(samples, 5);
  EXPECT_NE(r.body.find("http_requests_total{route=\"/health\",method=\"GET\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(r.body.find("http_request_duration_seconds_bucket{route=\"/health\",method=\"GET\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(r.body.find("http_requests_in_flight"), std::string::npos);
  EXPECT_NE(r.body.find("process_resident_memory_bytes"), std::string::npos);
}

TEST_F(CoreHttp, WebSocketEchoKeepsTextAsText) {
  asio::io_context ioc;
  beast::websocket::stream<tcp::socket> ws(ioc);
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), server_->port()});
  ws.handshake("127.0.0.1", "/__debug/ws-echo");
  ws.text(true);
  ws.write(asio::buffer(std::string("hello")));
  beast::flat_buffer b;
  ws.read(b);
  EXPECT_TRUE(ws.got_text());
  EXPECT_EQ(beast::buffers_to_string(b.data()), "hello");
  ws.binary(true);
  ws.write(asio::buffer(std::string("\x01\x02", 2)));
  b.clear();
  ws.read(b);
  EXPECT_TRUE(ws.got_binary());
  ws.text(true);
  ws.write(asio::buffer(std::string("close")));
  b.clear();
  boost::system::error_code ec;
  ws.read(b, ec);
  EXPECT_EQ(ec, beast::websocket::error::closed);
}

// A WebSocket upgrade with a bad key or version is refused as JSON naming the header (Beast's own accept answers
// in plain text); a version other than 13 is 426 with the version the server speaks.
TEST_F(CoreHttp, BadWebSocketHandshakesAreJsonErrors) {
  const std::string upgrade =
      "GET /__debug/ws-echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n";
  auto bad_key = raw_exchange(upgrade + "Sec-WebSocket-Key: nope\r\nSec-WebSocket-Version: 13\r\n\r\n");
  EXPECT_NE(bad_key.find("HTTP/1.1 400"), std::string::npos) << bad_key;
  EXPECT_NE(bad_key.find("application/json"), std::string::npos) << bad_key;
  EXPECT_NE(bad_key.find("\"field\":\"Sec-WebSocket-Key\""), std::string::npos) << bad_key;
  auto no_version = raw_exchange(upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  EXPECT_NE(no_version.find("HTTP/1.1 400"), std::string::npos) << no_version;
  EXPECT_NE(no_version.find("\"field\":\"Sec-WebSocket-Version\""), std::string::npos) << no_version;
  auto old_version =
      raw_exchange(upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
  EXPECT_NE(old_version.find("HTTP/1.1 426"), std::string::npos) << old_version;
  EXPECT_NE(old_version.find("Sec-WebSocket-Version: 13"), std::string::npos) << old_version;
  EXPECT_NE(old_version.find("\"code\":\"upgrade_required\""), std::string::npos) << old_version;
  // The server still serves, WebSockets included.
  asio::io_context ioc;
  beast::websocket::stream<tcp::socket> ws(ioc);
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), server_->port()});
  ws.handshake("127.0.0.1", "/__debug/ws-echo");
  ws.write(asio::buffer(std::string("hi")));
  beast::flat_buffer b;
  ws.read(b);
  EXPECT_EQ(beast::buffers_to_string(b.data()), "hi");
}

// Regression: a client closing the socket while the handler waits for the next message crashed the process
// ("free(): invalid pointer" in the receive path).
TEST_F(CoreHttp, ClientClosingAWebSocketLeavesTheServerServing) {
  for (int i = 0; i < 3; ++i) {
    asio::io_context ioc;
    beast::websocket::stream<tcp::socket> ws(ioc);
    ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    ws.handshake("127.0.0.1", "/__debug/ws-echo");
    ws.text(true);
    ws.write(asio::buffer(std::string("hello")));
    beast::flat_buffer b;
    ws.read(b);
    if (i == 2) {
      ws.next_layer().close();  // abrupt: no close frame
    } else {
      ws.close(beast::websocket::close_code::normal);
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(server_->running());
  EXPECT_EQ(get("/health").status, 200);
}

// Regression: the reader and writer coroutines of a WebSocket read their captures from closure objects that
// were locals of the function that spawned them, gone while the reader still waited for the socket. Heap
// corruption aborted the process after 60-380 sequential connections; freed memory is scribbled on here
// (MALLOC_PERTURB_) so a use after free shows sooner.
TEST(WebSocketChurn, HundredsOfSequentialConnectionsLeaveTheServerServing) {
  const auto dir = testing::make_temp_dir("aurixa-ws-churn");
  auto env = testing::default_test_env(dir);
  env["MALLOC_PERTURB_"] = "165";
  ServerProcess server({"serve", "--port", "0"}, env);
  for (int i = 0; i < 600 && server.running(); ++i) {
    asio::io_context ioc;
    beast::websocket::stream<tcp::socket> ws(ioc);
    boost::system::error_code ec;
    ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), server.port()}, ec);
    if (ec) break;
    ws.handshake("127.0.0.1", "/__debug/ws-echo", ec);
    if (ec) break;
    ws.text(true);
    ws.write(asio::buffer(std::string("ping")), ec);
    beast::flat_buffer b;
    ws.read(b, ec);
    if (i % 3 == 2)
      ws.next_layer().close(ec);  // abrupt: no close frame
    else
      ws.close(beast::websocket::close_code::normal, ec);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(server.running()) << "the server died under WebSocket churn";
  HttpClient client;
  ClientRequest r;
  r.url = server.url("/health");
  EXPECT_EQ(client.request(r).status, 200);
}

TEST_F(CoreHttp, AccessLogIsJsonLines) {
  get("/health");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto log = server_->read_log();
  std::istringstream in(log);
  int access = 0;
  for (std::string line; std::getline(in, line);) {
    auto v = boost::json::parse(line);  // throws if not JSON
    if (v.as_object().at("msg").as_string() == "access") ++access;
  }
  EXPECT_GT(access, 0);
}

// --- process-level behaviour: each test starts its own server ---

TEST(ServerProcessTest, GracefulShutdownFinishesInFlightRequest) {
  auto dir = testing::make_temp_dir("aurixa-shutdown");
  ServerProcess server({"serve", "--port", "0"}, testing::default_test_env(dir));
  HttpClient client;
  auto inflight = std::async(std::launch::async, [&] {
    ClientRequest r;
    r.url = server.url("/__debug/slow?ms=1500");
    r.timeout = std::chrono::seconds(20);
    return client.request(r);
  });
  // Wait until the request is being served (visible in the in-flight gauge), then SIGTERM.
  HttpClient probe;
  for (int i = 0; i < 200; ++i) {
    ClientRequest m;
    m.url = server.url("/metrics");
    auto body = probe.request(m).body;
    auto pos = body.find("\nhttp_requests_in_flight ");
    if (pos != std::string::npos && std::stod(body.substr(pos + 25)) >= 2) break;  // itself + the slow one
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server.stop(SIGTERM, std::chrono::seconds(20)), 0);
  auto res = inflight.get();
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("slept_ms"), std::string::npos);
}

// Idle keep-alive connections, stalled headers and stalled bodies are closed by the server (one deadline per
// connection); a connection that keeps working is not. A stalled request is answered 408 (JSON, naming the
// part that did not arrive) before the close; an idle connection is closed without a word. Bounds are
// generous: this checks that the close happens, not how fast.
TEST(ServerProcessTest, IdleAndStalledConnectionsAreClosed) {
  auto dir = testing::make_temp_dir("aurixa-timeouts");
  auto env = testing::default_test_env(dir);
  env["AURIXA_IDLE_TIMEOUT_MS"] = "400";
  env["AURIXA_REQUEST_TIMEOUT_MS"] = "600";
  ServerProcess server({"serve", "--port", "0"}, env);
  // Reads until the server closes (true) or `limit` passes with the connection still open (false).
  auto closed_within = [&](const std::string& send, std::chrono::seconds limit, std::string* got = nullptr) {
    asio::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    if (!send.empty()) asio::write(sock, asio::buffer(send));
    const auto end = std::chrono::steady_clock::now() + limit;
    char buf[4096];
    sock.non_blocking(true);
    while (std::chrono::steady_clock::now() < end) {
      boost::system::error_code ec;
      auto n = sock.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      if (ec) return true;  // EOF or reset: the server closed it
      if (got) got->append(buf, n);
    }
    return false;
  };
  std::string idle, headers, body;
  EXPECT_TRUE(closed_within("", std::chrono::seconds(15), &idle)) << "an idle connection stayed open";
  EXPECT_EQ(idle, "");
  EXPECT_TRUE(closed_within("GET /health HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(15), &headers))
      << "stalled headers kept the connection open";
  EXPECT_NE(headers.find("HTTP/1.1 408"), std::string::npos) << headers;
  EXPECT_NE(headers.find("\"request_timeout\""), std::string::npos) << headers;
  EXPECT_NE(headers.find("request headers did not arrive within 400 ms"), std::string::npos) << headers;
  EXPECT_TRUE(
      closed_within("POST /api/v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Content-Length: 100\r\n\r\n{\"text\":",
                    std::chrono::seconds(15), &body))
      << "a stalled body kept the connection open";
  EXPECT_NE(body.find("HTTP/1.1 408"), std::string::npos) << body;
  EXPECT_NE(body.find("request body did not arrive within 600 ms"), std::string::npos) << body;
  // A keep-alive connection is answered, then closed once it has been idle.
  std::string got;
  EXPECT_TRUE(closed_within("GET /health HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(15), &got));
  EXPECT_NE(got.find("200 OK"), std::string::npos) << got;
  // Requests that keep coming on one connection are all served (the deadline moves with each request).
  {
    HttpClient c;
    for (int i = 0; i < 5; ++i) {
      ClientRequest r;
      r.url = server.url("/health");
      EXPECT_EQ(c.request(r).status, 200);
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
  }
}

TEST(ServerProcessTest, IdleServerExitsPromptlyOnSigint) {
  auto dir = testing::make_temp_dir("aurixa-sigint");
  ServerProcess server({"serve", "--port", "0"}, testing::default_test_env(dir));
  EXPECT_EQ(server.stop(SIGINT, std::chrono::seconds(10)), 0);
}

TEST(ServerProcessTest, InvalidConfigFailsAtStartNamingTheSetting) {
  auto dir = testing::make_temp_dir("aurixa-badcfg");
  auto env = testing::default_test_env(dir);
  env["AURIXA_IDLE_TIMEOUT_MS"] = "soon";
  EXPECT_THROW(ServerProcess({"serve", "--port", "0"}, env, std::chrono::seconds(10)), std::runtime_error);
  try {
    ServerProcess s({"serve", "--port", "0"}, env, std::chrono::seconds(10));
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("idle_timeout_ms"), std::string::npos) << e.what();
  }
}

TEST(ServerProcessTest, SingleRoleReportsItsServiceName) {
  auto dir = testing::make_temp_dir("aurixa-role");
  ServerProcess server({"serve", "--roles", "safety", "--port", "0"}, testing::default_test_env(dir));
  HttpClient c;
  ClientRequest r;
  r.url = server.url("/health");
  auto o = boost::json::parse(c.request(r).body).as_object();
  EXPECT_EQ(o.at("service").as_string(), "safety-guardrails");
}

TEST(HttpClientTest, ConnectionRefusedIsBadGateway) {
  // Bind then close a socket to get a port nothing listens on.
  asio::io_context ioc;
  tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  auto port = a.local_endpoint().port();
  a.close();
  HttpClient c;
  ClientRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/health";
  try {
    c.request(r);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 502);
  }
}

TEST(HttpClientTest, DeadlineIsGatewayTimeout) {
  auto dir = testing::make_temp_dir("aurixa-timeout");
  ServerProcess server({"serve", "--port", "0"}, testing::default_test_env(dir));
  HttpClient c;
  ClientRequest r;
  r.url = server.url("/__debug/slow?ms=3000");
  r.timeout = std::chrono::milliseconds(300);
  try {
    c.request(r);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 504);
  }
}

}  // namespace
}  // namespace aurixa
