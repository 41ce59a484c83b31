#include "core/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <array>
#include <charconv>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/http_client_async.hpp"
#include "core/http_stream_writer.hpp"

namespace aurixa {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);
using DataChannel = asio::experimental::concurrent_channel<void(boost::system::error_code, std::string)>;

namespace {

struct Target {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path;  // path + query, never empty
  std::string key() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

Target parse_target(const std::string& url) {
  auto r = boost::urls::parse_uri(url);
  if (!r) throw ApiError(Errc::bad_request, "invalid URL '" + url + "'");
  Target t;
  auto scheme = r->scheme();
  if (scheme == "https") t.tls = true;
  else if (scheme != "http") throw ApiError(Errc::bad_request, "unsupported URL scheme in '" + url + "'");
  t.host = r->host();
  if (t.host.empty()) throw ApiError(Errc::bad_request, "URL has no host: '" + url + "'");
  t.port = r->has_port() ? std::string(r->port()) : (t.tls ? "443" : "80");
  t.path = r->encoded_path().empty() ? "/" : std::string(r->encoded_path());
  if (r->has_query()) t.path += "?" + std::string(r->encoded_query());
  return t;
}

// One pooled connection: plain TCP or TLS over TCP.
struct Conn {
  std::string key;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  std::chrono::steady_clock::time_point idle_since;
  std::array<char, 16384> read_buffer;  // body bytes land here before they are appended or streamed

  beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*tls); }
};

// A plain loop: find_first_of with a two-character set calls memchr once per character.
bool has_crlf(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n') return true;
  return false;
}

// The request head and body as one buffer, written with a single send (Beast's serializer walked a buffer
// sequence per field). Host, Content-Length and Connection are ours; a CR or LF in a header is refused
// (header injection).
std::string serialize_request(const ClientRequest& req, const Target& t) {
  if (req.method.empty() || has_crlf(req.method) || req.method.find(' ') != std::string::npos)
    throw ApiError(Errc::bad_request, "invalid HTTP method");
  std::string w;
  w.reserve(256 + req.body.size());
  w.append(req.method).append(" ").append(t.path).append(" HTTP/1.1\r\nHost: ").append(t.host);
  if (t.port != "80" && t.port != "443") w.append(":").append(t.port);
  w.append("\r\nUser-Agent: aurixa\r\nConnection: keep-alive\r\n");
  for (const auto& [k, v] : req.headers.items()) {
    if (beast::iequals(k, "Host") || beast::iequals(k, "Content-Length") || beast::iequals(k, "Connection") ||
        beast::iequals(k, "Transfer-Encoding"))
      continue;
    if (k.empty() || has_crlf(k) || k.find(':') != std::string::npos || has_crlf(v))
      throw ApiError(Errc::bad_request, "invalid outbound header '" + std::string(k.substr(0, 64)) + "'");
    w.append(k).append(": ").append(v).append("\r\n");
  }
  const bool body_expected = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  if (!req.body.empty() || body_expected) {
    char len[24];
    auto [end, ec] = std::to_chars(len, len + sizeof len, req.body.size());
    w.append("Content-Length: ").append(len, end).append("\r\n");
  }
  w.append("\r\n").append(req.body);
  return w;
}

// Idle keep-alive connections by target. Each pool belongs to one execution context: the client's own
// (blocking calls) or a server I/O thread's (co_request), since a socket is bound to its io_context.
class ConnPool {
 public:
  std::unique_ptr<Conn> take(const std::string& key, std::chrono::milliseconds expiry) {
    std::lock_guard lock(mu_);
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto now = std::chrono::steady_clock::now();
    while (!it->second.empty()) {
      auto c = std::move(it->second.back());
      it->second.pop_back();
      if (now - c->idle_since < expiry && c->lowest().socket().is_open()) return c;
    }
    return nullptr;
  }

  void put(std::unique_ptr<Conn> c, std::size_t max_per_host) {
    c->idle_since = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    auto& q = idle_[c->key];
    if (q.size() >= max_per_host) q.pop_front();
    q.push_back(std::move(c));
  }

  void clear() {
    std::lock_guard lock(mu_);
    idle_.clear();
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (const auto& [k, q] : idle_) n += q.size();
    return n;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::deque<std::unique_ptr<Conn>>> idle_;
};

// The pool of a server I/O thread's io_context, created on first use and emptied when that context shuts
// down (its sockets must not outlive it).
class ContextPoolService : public asio::execution_context::service {
 public:
  using key_type = ContextPoolService;
  static inline asio::execution_context::id id;  // Asio's service identity idiom
  explicit ContextPoolService(asio::execution_context& ctx) : service(ctx) {}
  ConnPool pool;

 private:
  void shutdown() override { pool.clear(); }
};

[[noreturn]] void transport_error(const boost::system::error_code& ec, const std::string& what, const Target& t) {
  if (ec == beast::error::timeout) throw ApiError(Errc::gateway_timeout, what + " " + t.key() + ": timed out");
  throw ApiError(Errc::bad_gateway, what + " " + t.key() + ": " + ec.message());
}

}  // namespace

struct HttpClient::Impl {
  HttpClientOptions opt;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> guard{ioc.get_executor()};
  ssl::context tls_ctx{ssl::context::tls_client};
  std::vector<std::thread> threads;
  ConnPool pool;  // connections on ioc, for the blocking calls
  std::string tag;  // prefixes this client's keys in shared per-context pools (its TLS settings are its own)

  explicit Impl(HttpClientOptions o) : opt(std::move(o)) {
    tls_ctx.set_default_verify_paths();
    if (!opt.ca_file.empty()) tls_ctx.load_verify_file(opt.ca_file);
    tls_ctx.set_verify_mode(opt.verify_tls ? ssl::verify_peer : ssl::verify_none);
    tls_ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    for (int i = 0; i < std::max(1, opt.io_threads); ++i) threads.emplace_back([this] { ioc.run(); });
    tag = std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "|";
  }

  ~Impl() {
    guard.reset();
    pool.clear();
    ioc.stop();
    for (auto& t : threads) t.join();
  }

  awaitable<std::unique_ptr<Conn>> connect(const Target& t, std::chrono::steady_clock::time_point deadline,
                                           const std::string& key_prefix) {
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver(ex);
    auto [rec, results] = co_await resolver.async_resolve(t.host, t.port, as_tuple);
    if (rec) transport_error(rec, "cannot resolve", t);
    auto c = std::make_unique<Conn>();
    c->key = key_prefix + t.key();
    if (t.tls) c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ex, tls_ctx);
    else c->plain = std::make_unique<beast::tcp_stream>(ex);
    auto& low = c->lowest();
    low.expires_at(deadline);
    auto [cec, ep] = co_await low.async_connect(results, as_tuple);
    if (cec) transport_error(cec, "cannot connect to", t);
    low.socket().set_option(tcp::no_delay(true));
    if (c->tls) {
      if (!SSL_set_tlsext_host_name(c->tls->native_handle(), t.host.c_str()))
        throw ApiError(Errc::bad_gateway, "cannot set TLS SNI for " + t.host);
      c->tls->set_verify_callback(ssl::host_name_verification(t.host));
      auto [hec] = co_await c->tls->async_handshake(ssl::stream_base::client, as_tuple);
      if (hec) transport_error(hec, "TLS handshake failed with", t);
    }
    co_return c;
  }

  // Performs the request. When `ch` is set the body is sent piecewise into it (streaming), else it
  // is collected into the returned response.
  template <class Stream>
  awaitable<std::pair<boost::system::error_code, bool>> exchange(Stream& s, Conn& conn, const std::string& wire,
                                                                 bool head, ClientResponse& out, DataChannel* ch,
                                                                 bool& got_bytes) {
    beast::flat_buffer buf;
    auto [wec, wn] = co_await asio::async_write(s, asio::buffer(wire), as_tuple);
    if (wec) co_return std::make_pair(wec, false);
    bhttp::response_parser<bhttp::buffer_body> parser;
    if (head) parser.skip(true);  // HEAD responses carry no body
    parser.body_limit(ch ? boost::none : boost::optional<std::uint64_t>(opt.max_response_bytes));
    auto [hec, hn] = co_await bhttp::async_read_header(s, buf, parser, as_tuple);
    if (hec) co_return std::make_pair(hec, false);
    got_bytes = true;
    const auto& h = parser.get();
    out.status = static_cast<int>(h.result_int());
    for (const auto& f : h) out.headers.add(std::string(f.name_string()), std::string(f.value()));
    if (ch) {
      // Header marker: an empty chunk carrying no data tells the caller headers are ready.
      auto [sec] = co_await ch->async_send(boost::system::error_code{}, std::string(), as_tuple);
      if (sec) co_return std::make_pair(sec, false);
    }
    // The read buffer belongs to the connection: in this frame it made every request's frame a 16 KB malloc.
    auto& tmp = conn.read_buffer;
    while (!parser.is_done()) {
      parser.get().body().data = tmp.data();
      parser.get().body().size = tmp.size();
      // read_some returns as soon as any body bytes arrive, so streamed chunks are delivered promptly.
      auto [rec, rn] = co_await bhttp::async_read_some(s, buf, parser, as_tuple);
      if (rec && rec != bhttp::error::need_buffer) co_return std::make_pair(rec, false);
      std::size_t n = tmp.size() - parser.get().body().size;
      if (n == 0) continue;
      if (ch) {
        auto [sec] = co_await ch->async_send(boost::system::error_code{}, std::string(tmp.data(), n), as_tuple);
        if (sec) co_return std::make_pair(sec, false);  // caller stopped reading
      } else {
        out.body.append(tmp.data(), n);
      }
    }
    co_return std::make_pair(boost::system::error_code{}, parser.keep_alive());
  }

  // Runs on the calling coroutine's executor; new connections are made there and pooled in `conns`.
  awaitable<ClientResponse> run(ClientRequest req, std::shared_ptr<DataChannel> ch, std::shared_ptr<ClientResponse> head,
                                ConnPool& conns, std::string key_prefix = {}) {
    const Target t = parse_target(req.url);
    const auto deadline = std::chrono::steady_clock::now() + req.timeout;
    const std::string wire = serialize_request(req, t);
    const bool head_request = req.method == "HEAD";

    for (int attempt = 0;; ++attempt) {
      auto conn = conns.take(key_prefix + t.key(), opt.idle_expiry);
      const bool reused = conn != nullptr;
      if (!conn) conn = co_await connect(t, deadline, key_prefix);
      conn->lowest().expires_at(deadline);
      ClientResponse local;
      ClientResponse& out = head ? *head : local;
      out = ClientResponse{};
      bool got_bytes = false;
      auto [ec, keep] = conn->plain ? co_await exchange(*conn->plain, *conn, wire, head_request, out, ch.get(), got_bytes)
                                    : co_await exchange(*conn->tls, *conn, wire, head_request, out, ch.get(), got_bytes);
      if (ec) {
        // A pooled connection the server closed while idle: retry once on a fresh one.
        if (reused && !got_bytes && attempt == 0 && ec != beast::error::timeout) continue;
        if (ch && (ec == asio::experimental::error::channel_closed || ec == asio::experimental::error::channel_cancelled))
          co_return ClientResponse{out.status, out.headers, {}};
        transport_error(ec, "request to", t);
      }
      if (keep) conns.put(std::move(conn), opt.max_idle_per_host);
      co_return head ? ClientResponse{out.status, out.headers, {}} : std::move(out);
    }
  }
};

HttpClient::HttpClient(HttpClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;

ClientResponse HttpClient::request(const ClientRequest& req) {
  auto f = asio::co_spawn(asio::make_strand(impl_->ioc), impl_->run(req, nullptr, nullptr, impl_->pool), asio::use_future);
  return f.get();
}

ClientResponse HttpClient::stream(const ClientRequest& req, const std::function<void(const ClientResponse&)>& on_headers,
                                  const std::function<bool(std::string_view)>& on_data) {
  auto strand = asio::make_strand(impl_->ioc);
  auto ch = std::make_shared<DataChannel>(strand, 8);
  auto head = std::make_shared<ClientResponse>();
  // The coroutine fills *head and sends an empty marker once headers are parsed, then data pieces,
  // then an eof marker so the loop below always terminates. The end must travel through the channel in
  // order: asio's channel::close() discards buffered pieces, which lost the tail of fast streams.
  // Parameters, not captures: they live in the coroutine frame, not in this function's closure object, which
  // is gone if on_headers or on_data throws while the coroutine still runs.
  auto body = [](Impl* impl, ClientRequest req, std::shared_ptr<DataChannel> ch,
                 std::shared_ptr<ClientResponse> head) -> awaitable<ClientResponse> {
    std::exception_ptr error;
    ClientResponse r;
    try {
      r = co_await impl->run(req, ch, head, impl->pool);
    } catch (...) {
      error = std::current_exception();
    }
    // No close() after it: the marker only sits in the buffer when this send completes.
    co_await ch->async_send(boost::system::error_code(asio::error::eof), std::string(), as_tuple);
    if (error) std::rethrow_exception(error);
    co_return r;
  };
  auto f = asio::co_spawn(strand, body(impl_.get(), req, ch, head), asio::use_future);
  bool headers_seen = false;
  for (;;) {
    auto rf = ch->async_receive(asio::use_future);
    std::string piece;
    try {
      piece = rf.get();
    } catch (...) {
      break;  // channel closed: the request finished or failed (f tells which)
    }
    if (!headers_seen) {
      headers_seen = true;
      if (on_headers) on_headers(*head);
      continue;
    }
    if (!on_data(piece)) {
      stream_detail::stop_receiving(*ch);  // the coroutine may be blocked sending into a full buffer
      break;
    }
  }
  return f.get();
}

ClientResponse HttpClient::stream_lines(const ClientRequest& req,
                                        const std::function<void(const ClientResponse&)>& on_headers,
                                        const std::function<bool(std::string_view)>& on_line) {
  LineSplitter splitter;
  bool stopped = false;
  auto res = stream(req, on_headers, [&](std::string_view data) {
    stopped = !splitter.feed(data, on_line);
    return !stopped;
  });
  if (!stopped) splitter.finish(on_line);
  return res;
}

std::size_t HttpClient::idle_connections() const { return impl_->pool.size(); }

struct HttpClientAccess {
  static HttpClient::Impl& impl(HttpClient& c) { return *c.impl_; }
};

awaitable<ClientResponse> co_request(HttpClient& client, ClientRequest req) {
  auto& impl = HttpClientAccess::impl(client);
  auto ex = co_await asio::this_coro::executor;
  auto& service = asio::use_service<ContextPoolService>(asio::query(ex, asio::execution::context));
  co_return co_await impl.run(std::move(req), nullptr, nullptr, service.pool, impl.tag);
}

bool LineSplitter::feed(std::string_view data, const std::function<bool(std::string_view)>& on_line) {
  partial_.append(data);
  std::size_t start = 0;
  for (;;) {
    auto nl = partial_.find('\n', start);
    if (nl == std::string::npos) break;
    std::string_view line(partial_.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!on_line(line)) {
      partial_.erase(0, nl + 1);
      return false;
    }
    start = nl + 1;
  }
  partial_.erase(0, start);
  return true;
}

bool LineSplitter::finish(const std::function<bool(std::string_view)>& on_line) {
  if (partial_.empty()) return true;
  std::string last = std::move(partial_);
  partial_.clear();
  if (!last.empty() && last.back() == '\r') last.pop_back();
  return on_line(last);
}

}  // namespace aurixa
