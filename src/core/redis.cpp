#include "core/redis.hpp"

#include <hiredis.h>
#include <openssl/sha.h>
#include <signal.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "core/config.hpp"

namespace aurixa {
namespace {

using Clock = std::chrono::steady_clock;

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      unsigned v = 0;
      if (std::sscanf(std::string(s.substr(i + 1, 2)).c_str(), "%2x", &v) == 1) {
        out += static_cast<char>(v);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

int parse_int(std::string_view s, const char* what) {
  if (s.empty() || s.size() > 9) throw std::invalid_argument(std::string("REDIS_URL: invalid ") + what);
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') throw std::invalid_argument(std::string("REDIS_URL: invalid ") + what);
    v = v * 10 + (c - '0');
  }
  return v;
}

RedisReply convert(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::string;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::array;
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      out.type = RedisReply::Type::nil;
  }
  return out;
}

// hiredis writes with write(2): a peer that went away would raise SIGPIPE and kill the process. Block it on
// this thread for the call and swallow one raised meanwhile, without touching the process's disposition.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    already_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeGuard() {
    if (!already_pending_) {
      const timespec zero{0, 0};
      const int saved = errno;
      while (sigtimedwait(&pipe_, nullptr, &zero) == SIGPIPE) {
      }
      errno = saved;
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t pipe_{}, old_{};
  bool already_pending_ = false;
};

std::string sha1_hex(const std::string& s) {
  unsigned char d[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(s.data()), s.size(), d);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : d) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

// Sends one command; throws RedisError on a transport failure (the connection is then unusable).
ReplyPtr send(redisContext* c, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  SigpipeGuard guard;
  auto* raw = static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(args.size()), argv.data(), lens.data()));
  if (!raw) throw RedisError(std::string("redis: ") + (c->err ? c->errstr : "no reply"));
  return ReplyPtr(raw);
}

}  // namespace

RedisUrl parse_redis_url(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.starts_with("rediss://")) throw std::invalid_argument("REDIS_URL: rediss:// (TLS) is not supported");
  if (!url.starts_with(kScheme)) throw std::invalid_argument("REDIS_URL must start with redis://");
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  RedisUrl out;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      out.user = percent_decode(userinfo.substr(0, colon));
      out.password = percent_decode(userinfo.substr(colon + 1));
    } else {
      out.password = percent_decode(userinfo);  // redis://secret@host: the password alone
    }
  }
  std::string_view hostport = rest.substr(0, rest.find('/'));
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view db = rest.substr(slash + 1);
    db = db.substr(0, db.find('?'));
    if (!db.empty()) out.db = parse_int(db, "database number");
  }
  if (hostport.starts_with('[')) {  // [::1]:6379
    auto close = hostport.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("REDIS_URL: invalid IPv6 host");
    out.host = std::string(hostport.substr(1, close - 1));
    hostport = hostport.substr(close + 1);
    if (hostport.starts_with(':')) out.port = parse_int(hostport.substr(1), "port");
  } else {
    auto colon = hostport.rfind(':');
    std::string_view host = colon == std::string_view::npos ? hostport : hostport.substr(0, colon);
    if (colon != std::string_view::npos) out.port = parse_int(hostport.substr(colon + 1), "port");
    if (!host.empty()) out.host = std::string(host);
  }
  if (out.port <= 0 || out.port > 65535) throw std::invalid_argument("REDIS_URL: port out of range");
  return out;
}

struct RedisClient::Pool {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<ContextPtr> idle;
  std::size_t open = 0;  // idle + borrowed
  Clock::time_point down_until{};
  std::uint64_t connects = 0;
  std::string last_error;
};

RedisClient::RedisClient(RedisOptions options)
    : url_(parse_redis_url(options.url)), opt_(std::move(options)), pool_(std::make_unique<Pool>()) {
  if (opt_.max_connections == 0) opt_.max_connections = 1;
}

RedisClient::~RedisClient() = default;

std::uint64_t RedisClient::connects() const {
  std::lock_guard lock(pool_->mu);
  return pool_->connects;
}

RedisReply RedisClient::command(const std::vector<std::string>& args) {
  Pool& p = *pool_;
  ContextPtr conn;
  {
    std::unique_lock lock(p.mu);
    if (Clock::now() < p.down_until) throw RedisError("redis unavailable (retrying shortly): " + p.last_error);
    if (!p.cv.wait_for(lock, opt_.timeout, [&] { return !p.idle.empty() || p.open < opt_.max_connections; }))
      throw RedisError("redis: no free connection within the timeout");
    if (!p.idle.empty()) {
      conn = std::move(p.idle.back());
      p.idle.pop_back();
    }
    ++p.open;  // reserved for this call, connected or not
  }
  // Gives the slot back (with the connection when it is still healthy) on every path.
  auto release = [&](bool keep) {
    std::lock_guard lock(p.mu);
    if (keep && conn)
      p.idle.push_back(std::move(conn));
    else
      --p.open;
    conn.reset();
    p.cv.notify_one();
  };
  if (!conn) {
    const timeval tv = to_timeval(opt_.timeout);
    ContextPtr c(redisConnectWithTimeout(url_.host.c_str(), url_.port, tv));
    std::string err = !c ? "cannot allocate a context" : c->err ? c->errstr : "";
    if (err.empty() && redisSetTimeout(c.get(), tv) != REDIS_OK) err = "cannot set the timeout";
    try {
      if (err.empty() && !url_.password.empty()) {
        std::vector<std::string> auth{"AUTH"};
        if (!url_.user.empty()) auth.push_back(url_.user);
        auth.push_back(url_.password);
        auto r = send(c.get(), auth);
        if (r->type == REDIS_REPLY_ERROR) err = "authentication failed";
      }
      if (err.empty() && url_.db != 0) {
        auto r = send(c.get(), {"SELECT", std::to_string(url_.db)});
        if (r->type == REDIS_REPLY_ERROR) err = std::string(r->str, r->len);
      }
    } catch (const RedisError& e) {
      err = e.what();
    }
    if (!err.empty()) {
      {
        std::lock_guard lock(p.mu);
        p.down_until = Clock::now() + opt_.retry_backoff;
        p.last_error = err;
      }
      release(false);
      throw RedisError("redis connect to " + url_.host + ":" + std::to_string(url_.port) + " failed: " + err);
    }
    conn = std::move(c);
    std::lock_guard lock(p.mu);
    ++p.connects;
  }
  ReplyPtr reply;
  try {
    reply = send(conn.get(), args);
  } catch (...) {
    release(false);  // a timed-out or broken connection may hold a late reply: never reuse it
    throw;
  }
  release(true);
  if (reply->type == REDIS_REPLY_ERROR) throw RedisError(std::string(reply->str, reply->len));
  return convert(reply.get());
}

bool RedisClient::ping() {
  try {
    auto r = command({"PING"});
    return r.str == "PONG";
  } catch (const RedisError&) {
    return false;
  }
}

std::optional<std::string> RedisClient::get(const std::string& key) {
  auto r = command({"GET", key});
  if (r.is_nil()) return std::nullopt;
  return std::move(r.str);
}

void RedisClient::set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) {
  if (ttl.count() > 0)
    command({"SET", key, value, "PX", std::to_string(ttl.count())});
  else
    command({"SET", key, value});
}

std::int64_t RedisClient::incr(const std::string& key) { return command({"INCR", key}).integer; }

bool RedisClient::expire(const std::string& key, std::chrono::seconds ttl) {
  return command({"EXPIRE", key, std::to_string(ttl.count())}).integer == 1;
}

std::int64_t RedisClient::del(const std::string& key) { return command({"DEL", key}).integer; }

RedisReply RedisClient::eval(const std::string& script, const std::vector<std::string>& keys,
                             const std::vector<std::string>& args) {
  auto build = [&](const std::string& verb, const std::string& body) {
    std::vector<std::string> a{verb, body, std::to_string(keys.size())};
    a.insert(a.end(), keys.begin(), keys.end());
    a.insert(a.end(), args.begin(), args.end());
    return a;
  };
  try {
    return command(build("EVALSHA", sha1_hex(script)));
  } catch (const RedisError& e) {
    if (!std::string_view(e.what()).starts_with("NOSCRIPT")) throw;
  }
  return command(build("EVAL", script));
}

std::shared_ptr<RedisClient> make_redis_client(const std::string& redis_url, std::chrono::milliseconds timeout) {
  try {
    return std::make_shared<RedisClient>(RedisOptions{.url = redis_url, .timeout = timeout});
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("setting 'redis_url' (REDIS_URL): ") + e.what());
  }
}

}  // namespace aurixa
