#include "core/http_server.hpp"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/async_route.hpp"
#include "core/context.hpp"
#include "core/dispatch.hpp"
#include "core/error.hpp"
#include "core/http_stream_writer.hpp"
#include "core/http_wire.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/router.hpp"
#include "core/telemetry.hpp"
#include "core/ws_handshake.hpp"
#include "core/ws_pumps.hpp"
#include "core/ws_queues.hpp"

namespace aurixa {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);

using BeastRequest = bhttp::request<bhttp::string_body>;
using stream_detail::ChannelChunkWriter;
using stream_detail::ChunkChannel;
using stream_detail::StreamHead;
using ws_detail::ChannelWebSocket;
using ws_detail::WsInbox;
using ws_detail::WsOutbox;
namespace {

std::string valid_request_id(std::string_view v) {
  if (v.empty() || v.size() > 128) return {};
  for (unsigned char c : v)
    if (c < 0x21 || c > 0x7e) return {};
  return std::string(v);
}

http::Response error_response(const ApiError& e) { return http::Response::json(e.status(), e.to_json()); }

}  // namespace

struct HttpServer::Impl {
  struct Session {
    beast::tcp_stream* stream = nullptr;
    std::atomic<bool> busy{false};  // set by its connection without taking sessions_mu
  };

  // Cached metric series of one route, so the hot path does no map lookups.
  struct RouteStats {
    std::string label, method;
    std::atomic<Histogram*> latency{nullptr};
    std::array<std::atomic<Counter*>, 600> by_status{};
  };

  ServerOptions opt;
  const http::Router& router;
  http::RequestFilter* filter = nullptr;
  TelemetrySink* telemetry = nullptr;
  std::string telemetry_service;
  Metrics& metrics;
  Log& log;
  // One io_context per I/O thread (the nginx model): a connection lives on one single-threaded context,
  // so it needs no strand. ioc (index 0) also owns the acceptor, signals and the grace timer.
  asio::io_context ioc;
  std::vector<std::unique_ptr<asio::io_context>> extra_contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::size_t next_context = 0;
  std::unordered_map<const http::Route*, std::unique_ptr<RouteStats>> route_stats;
  RouteStats unmatched_stats;
  asio::thread_pool workers;
  asio::thread_pool streams;
  tcp::acceptor acceptor{ioc};
  // listen_also(): more acceptors whose requests have their target rewritten before routing.
  using TargetRewrite = std::function<std::string(std::string_view)>;
  struct ExtraListener {
    tcp::acceptor acceptor;
    TargetRewrite rewrite;
  };
  std::vector<std::unique_ptr<ExtraListener>> extra_listeners;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::steady_timer grace_timer{ioc};
  std::atomic<bool> stopping{false};
  std::atomic<bool> hard_stopped{false};
  std::mutex sessions_mu;
  std::unordered_map<std::uint64_t, Session> sessions;
  std::uint64_t next_session = 0;
  Gauge& in_flight;

  Impl(ServerOptions o, const http::Router& r, Metrics& m, Log& l)
      : opt(std::move(o)),
        router(r),
        metrics(m),
        log(l),
        ioc(1),
        workers(static_cast<std::size_t>(opt.worker_threads)),
        streams(static_cast<std::size_t>(opt.stream_threads)),
        in_flight(m.gauge("http_requests_in_flight", "Requests being served.", {}, {})) {
    for (int i = 1; i < opt.io_threads; ++i) {
      extra_contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.push_back(asio::make_work_guard(*extra_contexts.back()));
    }
    for (const auto& r : router.routes()) {
      auto rs = std::make_unique<RouteStats>();
      rs->label = r->options.name;
      rs->method = r->method;
      route_stats.emplace(r.get(), std::move(rs));
    }
    unmatched_stats.label = "unmatched";
    unmatched_stats.method = "GET";
  }

  asio::any_io_executor pick_executor() {
    const std::size_t n = extra_contexts.size() + 1;
    const std::size_t i = next_context++ % n;  // only the accept loop (on ioc) touches next_context
    return i == 0 ? ioc.get_executor() : extra_contexts[i - 1]->get_executor();
  }

  void release_contexts() {
    for (auto& g : guards) g.reset();
  }

  void stop_all() {
    ioc.stop();
    for (auto& c : extra_contexts) c->stop();
  }

  // ---- accept loop and shutdown -------------------------------------------------------------

  awaitable<void> accept_loop(tcp::acceptor& from, const TargetRewrite* rewrite) {
    for (;;) {
      auto [ec, sock] = co_await from.async_accept(pick_executor(), as_tuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        log.warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      auto ex = sock.get_executor();
      asio::co_spawn(ex, session(std::move(sock), rewrite), [this](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          log.error("connection failed", {{"error", ex.what()}});
        }
      });
    }
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    log.info("shutdown started", {{"grace_ms", static_cast<std::int64_t>(opt.shutdown_grace.count())}});
    asio::post(ioc, [this] {
      boost::system::error_code ec;
      acceptor.close(ec);
      for (auto& l : extra_listeners) l->acceptor.close(ec);
      signals.cancel(ec);
      std::lock_guard lock(sessions_mu);
      for (auto& [id, s] : sessions)
        if (!s.busy.load()) {
          auto* stream = s.stream;
          asio::post(stream->get_executor(), [stream] {
            boost::system::error_code ignored;
            stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
            stream->socket().close(ignored);
          });
        }
      if (sessions.empty()) {
        release_contexts();
        return;
      }
      grace_timer.expires_after(opt.shutdown_grace);
      grace_timer.async_wait([this](boost::system::error_code e) {
        if (e) return;  // cancelled: every session finished in time
        log.warn("shutdown grace period expired; closing remaining connections");
        hard_stopped = true;
        stop_all();
      });
    });
  }

  void session_ended(std::uint64_t id) {
    std::lock_guard lock(sessions_mu);
    sessions.erase(id);
    if (stopping && sessions.empty()) {
      release_contexts();
      asio::post(ioc, [this] { grace_timer.cancel(); });
    }
  }

  // The entry stays in `sessions` (node-based: its address is stable) until session_ended(id).
  static void set_busy(Session& s, bool busy) { s.busy.store(busy); }

  // ---- connection deadlines -----------------------------------------------------------------
  // One timer per connection instead of Beast's per-operation timers (tcp_stream::expires_after arms,
  // waits on and cancels a timer around every read and write, ~2% of a keep-alive request's CPU). A phase
  // (idle/header read, body read, write) only stores its deadline; the watchdog wakes at least every
  // `tick` (the shortest default timeout), checks it and closes the socket once it has passed (a request being
  // read is first answered 408). All on the connection's single-threaded io_context: no lock needed.
  using Clock = std::chrono::steady_clock;
  struct Watchdog {
    explicit Watchdog(const asio::any_io_executor& ex) : timer(ex) {}
    asio::steady_timer timer;
    Clock::time_point deadline = Clock::time_point::max();  // the current phase must end by then
    Clock::time_point armed = Clock::time_point::max();     // when the timer next fires
    beast::tcp_stream* stream = nullptr;                    // null once the connection needs no watching
    bool reading = false;    // a request is being read: its deadline cancels the read (answered 408)
    bool timed_out = false;  // that happened; the next deadline, kTimeoutGrace later, closes the socket
  };
  static constexpr std::chrono::milliseconds kTimeoutGrace{1000};
  static void set_deadline(Watchdog& w, std::chrono::milliseconds within) {
    w.deadline = Clock::now() + within;
    if (w.deadline < w.armed) w.timer.cancel();  // shorter than the tick (a route timeout): re-arm sooner
  }
  static void clear_deadline(Watchdog& w) { w.deadline = Clock::time_point::max(); }
  // Stops watching (the stream is about to be moved into a WebSocket, or the connection ends).
  static void disarm(Watchdog& w) {
    w.stream = nullptr;
    w.timer.cancel();
  }

  awaitable<void> watch(std::shared_ptr<Watchdog> w) {
    const auto tick = std::max(std::chrono::milliseconds(1), std::min(opt.idle_timeout, opt.request_timeout));
    for (;;) {
      if (!w->stream) co_return;
      const auto now = Clock::now();
      if (now >= w->deadline) {
        boost::system::error_code ignored;
        if (w->reading && !w->timed_out) {  // the read ends with operation_aborted; the session answers 408
          w->timed_out = true;
          w->reading = false;
          w->stream->socket().cancel(ignored);
          w->deadline = now + kTimeoutGrace;
        } else {
          w->stream->socket().close(ignored);  // pending operations complete with operation_aborted
          co_return;
        }
      }
      w->armed = std::min(w->deadline, now + tick);
      w->timer.expires_at(w->armed);
      co_await w->timer.async_wait(as_tuple);
    }
  }

  // ---- one connection -----------------------------------------------------------------------

  awaitable<void> session(tcp::socket sock, const TargetRewrite* rewrite) {
    boost::system::error_code nd_ec;
    sock.set_option(tcp::no_delay(true), nd_ec);
    beast::tcp_stream stream(std::move(sock));
    std::uint64_t id;
    Session* me = nullptr;
    {
      std::lock_guard lock(sessions_mu);
      id = next_session++;
      me = &sessions[id];
      me->stream = &stream;
    }
    boost::system::error_code rep_ec;
    auto ep = stream.socket().remote_endpoint(rep_ec);
    std::string remote = rep_ec ? std::string() : ep.address().to_string();
    beast::flat_buffer buffer;
    std::optional<Exchange> exchange;
    bool upgraded = false;
    auto watchdog = std::make_shared<Watchdog>(stream.get_executor());
    watchdog->stream = &stream;
    asio::co_spawn(stream.get_executor(), watch(watchdog), asio::detached);
    struct DisarmOnExit {  // also when a coroutine below throws: the watchdog must not outlive `stream` armed
      Watchdog& w;
      ~DisarmOnExit() { disarm(w); }
    } disarm_on_exit{*watchdog};

    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
      parser.body_limit(boost::none);  // the limit depends on the route; enforced once it is matched
      set_deadline(*watchdog, opt.idle_timeout);
      watchdog->reading = true;
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple);
      watchdog->reading = false;
      if (!ec) watchdog->timed_out = false;  // it arrived as the deadline passed: the cancel found no read
      if (ec && watchdog->timed_out && buffer.size() + n > 0) {  // part of a request, then nothing: 408
        disarm(*watchdog);
        co_await write_simple(stream,
                              ApiError(Errc::request_timeout, "the request headers did not arrive within " +
                                                                  std::to_string(opt.idle_timeout.count()) + " ms"));
        break;
      }
      if (ec == bhttp::error::header_limit) {
        disarm(*watchdog);
        co_await write_simple(stream,
                              ApiError(Errc::headers_too_large,
                                       "request headers exceed " + std::to_string(opt.max_header_bytes) + " bytes"));
        break;
      }
      if (ec) {
        if (ec != bhttp::error::end_of_stream && ec != asio::error::eof && ec != beast::error::timeout &&
            ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
            ec != asio::error::bad_descriptor && buffer.size() + n > 0) {
          disarm(*watchdog);
          co_await write_simple(stream, ApiError(Errc::bad_request, "malformed HTTP request: " + ec.message()));
        }
        break;
      }
      set_busy(*me, true);
      in_flight.add(1);
      bool keep = co_await serve_one(stream, *watchdog, buffer, parser, exchange, remote, upgraded, rewrite);
      exchange.reset();  // an idle connection holds no request or response
      in_flight.add(-1);
      set_busy(*me, false);
      if (!keep || upgraded) break;
    }
    disarm(*watchdog);
    if (!upgraded && stream.socket().is_open()) {
      // Half-close, then drain briefly so a client still sending (e.g. after a 413) reads our
      // response instead of a connection reset.
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream.expires_after(std::chrono::milliseconds(500));
      std::array<char, 16384> sink;
      for (std::size_t drained = 0; drained < (4u << 20);) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), as_tuple);
        if (ec) break;
        drained += n;
      }
      stream.socket().close(ignored);
    }
    session_ended(id);
  }

  template <class Header>
  void adopt_identity(const Header& hdr, CallContext& ctx) {
    auto role = hdr["x-aurixa-role"];
    if (role.empty()) return;
    if (!opt.internal_token.empty() && hdr["x-aurixa-internal"] != opt.internal_token) return;
    auto num = [](std::string_view v) -> std::optional<std::int64_t> {
      std::int64_t x = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
      if (v.empty() || ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
      return x;
    };
    ctx.principal.role = std::string(role);
    ctx.principal.id = std::string(hdr["x-aurixa-principal"]);
    ctx.tenant_id = num(hdr["x-aurixa-tenant"]);
    ctx.principal.patient_id = num(hdr["x-aurixa-patient"]);
    ctx.principal.staff_id = num(hdr["x-aurixa-staff"]);
  }

  // Its own (rarely allocated) frame: keeps serve_one's per-request frame small.
  static awaitable<void> write_continue(beast::tcp_stream& stream) {
    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
    co_await bhttp::async_write(stream, cont, as_tuple);
  }

  awaitable<void> write_simple(beast::tcp_stream& stream, const ApiError& e) {  // then the connection closes
    auto res = error_response(e);
    co_await write_full(stream, res, false, false);
  }

  // One request's state, in the connection's frame (allocated once): keeps serve_one's frame small (~4% CPU).
  struct Exchange {
    http::Request req;
    CallContext ctx;
    http::Match match;
    http::Response res;
    std::optional<http::Response> early;  // an error decided before dispatch (400, 408, 413)
  };

  // Reads the rest of one request, dispatches it and writes the response. Returns whether to keep alive.
  awaitable<bool> serve_one(beast::tcp_stream& stream, Watchdog& watchdog, beast::flat_buffer& buffer,
                            bhttp::request_parser<bhttp::string_body>& parser, std::optional<Exchange>& slot,
                            const std::string& remote, bool& upgraded, const TargetRewrite* rewrite) {
    const auto started = std::chrono::steady_clock::now();
    auto& hdr = parser.get();
    slot.emplace();
    http::Request& req = slot->req;
    req.method = std::string(hdr.method_string());
    req.target = std::string(hdr.target());
    if (rewrite) req.target = (*rewrite)(req.target);
    auto q = req.target.find('?');
    req.path = http::url_decode(std::string_view(req.target).substr(0, q));
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    req.remote_addr = remote;

    CallContext& ctx = slot->ctx;
    ctx.request_id = valid_request_id(hdr["x-request-id"]);
    if (ctx.request_id.empty()) ctx.request_id = new_uuid();

    if (opt.trust_identity_headers) adopt_identity(hdr, ctx);
    http::Match& match = slot->match;
    match = router.match(req.method, req.path);
    const http::Route* route = match.kind == http::Match::Kind::found ? match.route : nullptr;
    // A new trace only when something can see it: the /health and /metrics probes (no telemetry span, handlers
    // that ignore the context) get none unless the access log, which prints trace_id, is on.
    if (auto tp = TraceParent::parse(hdr["traceparent"]))
      ctx.trace = std::move(*tp);
    else if (opt.access_log || !route || (route->pattern != "/health" && route->pattern != "/metrics"))
      ctx.trace = TraceParent::start_new();
    const std::size_t body_limit =
        route && route->options.max_body_bytes ? route->options.max_body_bytes : opt.max_body_bytes;
    const auto timeout = route && route->options.timeout.count() > 0 ? route->options.timeout : opt.request_timeout;
    ctx.deadline = started + timeout;

    std::optional<http::Response>& early = slot->early;
    http::Response& res = slot->res;
    bool keep_alive = hdr.keep_alive();

    if (!http::is_clean_utf8(req.path)) {  // handlers, errors and the access log echo paths into JSON text
      early = error_response(
          ApiError(Errc::bad_request, "the request path must be valid UTF-8 without control characters"));
      req.path = "(invalid path)";
      keep_alive = false;
    } else if (auto cl = parser.content_length(); cl && *cl > body_limit) {
      early = error_response(
          ApiError(Errc::payload_too_large, "request body exceeds " + std::to_string(body_limit) + " bytes"));
      keep_alive = false;
    } else {
      parser.body_limit(body_limit);
      if (route && route->ws_handler && websocket::is_upgrade(hdr)) {
        upgraded = true;
        disarm(watchdog);
        co_await run_websocket(stream, buffer, parser, *route, req, ctx, match);
        co_return false;
      }
      if (beast::iequals(hdr[bhttp::field::expect], "100-continue") && !parser.is_done())
        co_await write_continue(stream);
      set_deadline(watchdog, timeout);
      if (!parser.is_done()) {
        watchdog.reading = true;
        auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, as_tuple);
        watchdog.reading = false;
        if (!ec) watchdog.timed_out = false;
        if (ec && watchdog.timed_out) {
          early = error_response(ApiError(Errc::request_timeout, "the request body did not arrive within " +
                                                                     std::to_string(timeout.count()) + " ms"));
          keep_alive = false;
        } else if (ec == bhttp::error::body_limit) {
          early = error_response(
              ApiError(Errc::payload_too_large, "request body exceeds " + std::to_string(body_limit) + " bytes"));
          keep_alive = false;
        } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_chunk).category() &&
                   ec != bhttp::error::partial_message && ec != bhttp::error::end_of_stream) {
          early = error_response(ApiError(Errc::bad_request, "malformed request body: " + ec.message()));  // bad chunk
          keep_alive = false;
        } else if (ec) {
          co_return false;
        }
      }
      clear_deadline(watchdog);  // the handler's own time is bounded by ctx.deadline, not the socket
      if (!early) {
        auto& msg = parser.get();
        for (const auto& f : msg) req.headers.add(std::string(f.name_string()), std::string(f.value()));
        req.body = std::move(msg.body());
        // Unmatched requests are filtered here; matched ones on the handler's thread (dispatch), because
        // the filter may authenticate against the store.
        if (filter && !route) early = filter->before(req, ctx, nullptr);
        if (!early) {
          // Inline routes (/health, /metrics, cheap handlers) run here without a nested coroutine frame.
          if (route && route->options.execution == http::Execution::inline_io) {
            res = call_route(match, req, ctx);
          } else {
            res = co_await dispatch(match, req, ctx);
          }
        }
      }
    }
    if (early) res = std::move(*early);
    if (filter) filter->after(req, ctx, route, res);
    res.headers.set("X-Request-Id", ctx.request_id);
    if (stopping) keep_alive = false;

    bool ok;
    if (res.stream) {
      ok = co_await write_stream(stream, watchdog, res, keep_alive);
    } else {
      // Serialised and written here rather than in write_full(): one coroutine frame less per request.
      const std::string out = http::serialize_response(res, keep_alive, req.method == "HEAD");
      set_deadline(watchdog, opt.request_timeout);
      auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(out), as_tuple);
      ok = !wec;
    }
    record(req, route, res.status, started, ctx);
    co_return (ok && keep_alive);
  }

  // The matched route, its path parameters copied into the request.
  static const http::Route& bind_params(const http::Match& match, http::Request& req) {
    for (const auto& [k, v] : match.params) req.params[k] = v;
    return *match.route;
  }

  // Runs a matched route's filter and handler on the calling thread.
  http::Response call_route(const http::Match& match, http::Request& req, CallContext& ctx) {
    if (match.kind != http::Match::Kind::found) return http::unmatched_response(match);
    const http::Route& route = bind_params(match, req);
    if (ctx.expired()) return error_response(http::queued_past_deadline());
    if (filter)
      if (auto early = filter->before(req, ctx, &route)) return std::move(*early);
    return http::call_handler(route, req, ctx, log);
  }

  awaitable<http::Response> dispatch(const http::Match& match, http::Request& req, CallContext& ctx) {
    if (match.kind != http::Match::Kind::found || match.route->options.execution == http::Execution::inline_io)
      co_return call_route(match, req, ctx);
    if (match.route->async) co_return co_await call_async(match, req, ctx);
    auto on_worker = [this, &match, &req, &ctx]() -> awaitable<http::Response> {
      co_return call_route(match, req, ctx);
    };
    co_return co_await asio::co_spawn(workers.get_executor(), on_worker, use_awaitable);
  }

  // An async_io route: its coroutine runs here, on the connection's thread. Only a filter that may block
  // for this request (an API key, a shared rate limit in Redis) runs on the worker pool first.
  awaitable<http::Response> call_async(const http::Match& match, http::Request& req, CallContext& ctx) {
    const http::Route& route = bind_params(match, req);
    if (filter) {
      std::optional<http::Response> early;
      if (filter->may_block(req, route)) {
        auto on_worker = [this, &req, &ctx, &route]() -> awaitable<std::optional<http::Response>> {
          co_return filter->before(req, ctx, &route);
        };
        early = co_await asio::co_spawn(workers.get_executor(), on_worker, use_awaitable);
      } else {
        early = filter->before(req, ctx, &route);
      }
      if (early) co_return std::move(*early);
    }
    std::optional<http::Response> res;
    try {
      res = co_await route.async->handler(req, ctx, http::AsyncEnv{workers.get_executor()});
    } catch (...) {
      res = http::handler_failure(route, ctx, log);
    }
    co_return std::move(*res);
  }

  template <class Msg>
  void apply_headers(Msg& m, const http::Response& res) {
    for (const auto& [k, v] : res.headers.items()) m.insert(k, v);
  }

  // Serialises a complete response into one buffer and writes it with a single send: cheaper than
  // Beast's serializer walking a buffer sequence per field (it was ~10% of a small request's CPU).
  awaitable<bool> write_full(beast::tcp_stream& stream, http::Response& res, bool keep_alive, bool head) {
    const std::string out = http::serialize_response(res, keep_alive, head);
    stream.expires_after(opt.request_timeout);
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(out), as_tuple);
    co_return !ec;
  }

  awaitable<bool> write_stream(beast::tcp_stream& stream, Watchdog& watchdog, http::Response& res, bool keep_alive) {
    auto ch = std::make_shared<ChunkChannel>(stream.get_executor(), 4);
    auto head = std::make_shared<StreamHead>();
    asio::post(streams, [ch, head, producer = std::move(res.stream), this] {
      ChannelChunkWriter writer(ch, head, hard_stopped);
      bool ok = true;
      try {
        producer(writer);
      } catch (const std::exception& e) {
        log.error("stream producer failed", {{"error", e.what()}});
        ok = false;
      }
      writer.finish(ok);
    });
    // The first message is the head marker: after it, head holds the producer's status and headers.
    if (auto [ec, marker] = co_await ch->async_receive(as_tuple); ec) {
      stream_detail::stop_receiving(*ch);
      co_return false;
    }
    if (head->status) res.status = head->status;
    for (const auto& [k, v] : head->headers.items()) res.headers.set(k, v);
    bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(res.status), 11};
    apply_headers(out, res);
    out.keep_alive(keep_alive);
    out.chunked(true);
    out.set(bhttp::field::cache_control, "no-cache");
    out.set("X-Accel-Buffering", "no");
    bhttp::response_serializer<bhttp::empty_body> sr{out};
    set_deadline(watchdog, opt.request_timeout);
    if (auto [ec, n] = co_await bhttp::async_write_header(stream, sr, as_tuple); ec) {
      stream_detail::stop_receiving(*ch);
      co_return false;
    }
    clear_deadline(watchdog);  // waiting for the producer's next chunk is not a socket timeout
    for (;;) {
      auto [ec, chunk] = co_await ch->async_receive(as_tuple);
      if (ec == asio::error::eof) break;
      if (ec) {
        stream_detail::stop_receiving(*ch);
        co_return false;
      }
      set_deadline(watchdog, opt.idle_timeout);
      auto [wec, n] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(chunk)), as_tuple);
      if (wec) {
        stream_detail::stop_receiving(*ch);  // the producer's next write() returns false
        co_return false;
      }
      clear_deadline(watchdog);
    }
    set_deadline(watchdog, opt.idle_timeout);
    auto [ec, n] = co_await asio::async_write(stream, bhttp::make_chunk_last(), as_tuple);
    co_return !ec;
  }

  // ---- WebSocket ----------------------------------------------------------------------------

  awaitable<void> run_websocket(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                bhttp::request_parser<bhttp::string_body>& parser, const http::Route& route,
                                http::Request& req, CallContext& ctx, const http::Match& match) {
    stream.expires_never();
    auto ws = std::make_shared<websocket::stream<beast::tcp_stream>>(std::move(stream));
    ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws->read_message_max(opt.max_body_bytes);
    auto beast_req = parser.release();
    for (const auto& f : beast_req) req.headers.add(std::string(f.name_string()), std::string(f.value()));
    for (const auto& [k, v] : match.params) req.params[k] = v;
    // Authentication and limits apply to upgrades too, then the handshake's checks (JSON, not Beast's text).
    std::optional<http::Response> refused = filter ? filter->before(req, ctx, &route) : std::nullopt;
    if (refused) {
      filter->after(req, ctx, &route, *refused);
    } else if (auto e = ws_detail::handshake_error(beast_req)) {
      refused = error_response(*e);
      if (e->errc() == Errc::upgrade_required) refused->headers.set("Sec-WebSocket-Version", "13");
    }
    if (refused) {
      refused->headers.set("X-Request-Id", ctx.request_id);
      co_await write_full(beast::get_lowest_layer(*ws), *refused, false, false);
      record(req, &route, refused->status, std::chrono::steady_clock::now(), ctx);
      co_return;
    }
    ws->set_option(websocket::stream_base::decorator(
        [rid = ctx.request_id](websocket::response_type& r) { r.set("X-Request-Id", rid); }));
    // Bytes already buffered after the upgrade request belong to the WebSocket.
    if (auto [ec] = co_await ws->async_accept(beast_req, as_tuple); ec) co_return;
    (void)buffer;

    auto ex = ws->get_executor();
    auto in = std::make_shared<WsInbox>();
    auto out = std::make_shared<WsOutbox>(ex);
    // Reader and writer own the socket (shared_ptr) so it outlives whichever of them ends last.
    auto writer_done = std::make_shared<asio::steady_timer>(ex, asio::steady_timer::time_point::max());
    auto finished = std::make_shared<bool>(false);
    asio::co_spawn(ex, ws_detail::pump_socket_to_inbox(ws, in), asio::detached);
    asio::co_spawn(ex, ws_detail::pump_outbox_to_socket(ws, out, writer_done, finished), asio::detached);
    const auto started = std::chrono::steady_clock::now();
    // Named: GCC 12 destroyed this closure twice as a temporary in the co_await (freeing the inbox early).
    auto handler = [this, &route, &req, &ctx, in, out]() -> awaitable<void> {
      ChannelWebSocket sock(in, out, hard_stopped);
      try {
        route.ws_handler(sock, req, ctx);
      } catch (const std::exception& e) {
        log.error("websocket handler failed", {{"request_id", ctx.request_id}, {"error", e.what()}});
      }
      sock.close();
      co_return;
    };
    co_await asio::co_spawn(streams.get_executor(), std::move(handler), use_awaitable);
    if (!*finished) co_await writer_done->async_wait(as_tuple);
    in->close();
    record(req, &route, 101, started, ctx);
  }

  // ---- metrics and access log ---------------------------------------------------------------

  void record(const http::Request& req, const http::Route* route, int status,
              std::chrono::steady_clock::time_point started, const CallContext& ctx) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    RouteStats& rs = route ? *route_stats.at(route) : unmatched_stats;
    if (req.method == rs.method && status >= 0 && status < 600) {
      Counter* c = rs.by_status[status].load(std::memory_order_acquire);
      if (!c) {
        c = &requests_counter(rs.label, req.method, status);
        rs.by_status[status].store(c, std::memory_order_release);
      }
      c->inc();
      Histogram* h = rs.latency.load(std::memory_order_acquire);
      if (!h) {
        h = &latency_histogram(rs.label, req.method);
        rs.latency.store(h, std::memory_order_release);
      }
      h->observe(secs);
    } else {
      requests_counter(rs.label, req.method, status).inc();
      latency_histogram(rs.label, req.method).observe(secs);
    }
    if (telemetry && rs.label != "/health" && rs.label != "/metrics") {
      TelemetryEvent e;
      e.timestamp = epoch_now();
      e.service = telemetry_service;
      e.event_type = "api_call";
      e.name = rs.label;
      e.tenant_id = ctx.tenant_id;
      e.latency_ms = secs * 1000.0;
      e.status = status;
      e.error = status >= 500;
      e.trace_id = ctx.trace.trace_id;
      e.span_id = ctx.trace.span_id;  // the server span; the caller's span is its parent
      e.parent_span_id = ctx.trace.parent_id;
      e.http_method = req.method;
      telemetry->emit(std::move(e));
    }
    if (opt.access_log)
      log.info("access", {{"method", req.method},
                          {"path", req.path},
                          {"route", rs.label},
                          {"status", static_cast<std::int64_t>(status)},
                          {"duration_ms", secs * 1000.0},
                          {"request_id", ctx.request_id},
                          {"trace_id", ctx.trace.trace_id}});
  }

  Counter& requests_counter(const std::string& route, const std::string& method, int status) {
    return metrics.counter("http_requests_total", "HTTP requests served.", {"route", "method", "status"},
                           {route, method, std::to_string(status)});
  }
  Histogram& latency_histogram(const std::string& route, const std::string& method) {
    return metrics.histogram("http_request_duration_seconds", "HTTP request latency.", {"route", "method"},
                             {route, method});
  }
};

HttpServer::HttpServer(ServerOptions options, const http::Router& router, Metrics& metrics, Log& log)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, log)) {}

HttpServer::~HttpServer() {
  impl_->hard_stopped = true;
  impl_->release_contexts();
  impl_->stop_all();
  impl_->workers.join();
  impl_->streams.join();
}

unsigned short HttpServer::listen() {
  auto& i = *impl_;
  auto addr = asio::ip::make_address(i.opt.host);
  tcp::endpoint ep(addr, i.opt.port);
  i.acceptor.open(ep.protocol());
  i.acceptor.set_option(asio::socket_base::reuse_address(true));
  i.acceptor.bind(ep);
  i.acceptor.listen(asio::socket_base::max_listen_connections);
  return i.acceptor.local_endpoint().port();
}

unsigned short HttpServer::listen_also(unsigned short port,
                                       std::function<std::string(std::string_view)> rewrite_target) {
  auto& i = *impl_;
  tcp::endpoint ep(asio::ip::make_address(i.opt.host), port);
  auto l = std::make_unique<Impl::ExtraListener>(Impl::ExtraListener{tcp::acceptor(i.ioc), std::move(rewrite_target)});
  l->acceptor.open(ep.protocol());
  l->acceptor.set_option(asio::socket_base::reuse_address(true));
  l->acceptor.bind(ep);
  l->acceptor.listen(asio::socket_base::max_listen_connections);
  const auto bound = l->acceptor.local_endpoint().port();
  i.extra_listeners.push_back(std::move(l));
  return bound;
}

void HttpServer::run() {
  auto& i = *impl_;
  i.signals.async_wait([this](boost::system::error_code ec, int) {
    if (!ec) impl_->begin_shutdown();
  });
  asio::co_spawn(i.ioc, i.accept_loop(i.acceptor, nullptr), asio::detached);
  for (auto& l : i.extra_listeners) asio::co_spawn(i.ioc, i.accept_loop(l->acceptor, &l->rewrite), asio::detached);
  std::vector<std::thread> threads;
  for (auto& c : i.extra_contexts) threads.emplace_back([ctx = c.get()] { ctx->run(); });
  i.ioc.run();
  for (auto& t : threads) t.join();
  i.hard_stopped = true;
}

void HttpServer::shutdown() { impl_->begin_shutdown(); }

void HttpServer::set_filter(http::RequestFilter* filter) { impl_->filter = filter; }

void HttpServer::set_telemetry(TelemetrySink* sink, std::string service) {
  impl_->telemetry = sink;
  impl_->telemetry_service = std::move(service);
}

}  // namespace aurixa
