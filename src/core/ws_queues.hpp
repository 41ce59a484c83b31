#pragma once
// The server's WebSocket plumbing between a socket's reader/writer coroutines and the handler, which runs on a
// pool thread with a blocking API (http::WebSocket). Locked queues rather than asio channels: receiving from or
// sending to a channel from a pool thread corrupted short strings on Boost 1.81 and crashed the process.
// Internal to http_server.cpp.
#include <boost/asio.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "core/http_types.hpp"

namespace aurixa::ws_detail {

namespace asio = boost::asio;

// A WebSocket message between the socket's coroutines and the handler thread; end=true ends a direction.
struct WsItem {
  http::WsMessage message;
  bool end = false;
};

// Messages from the socket to the handler thread. A plain locked queue: receiving from an asio channel on a
// pool thread (use_future or a plain handler) corrupted short strings on Boost 1.81 and crashed the process.
class WsInbox {
 public:
  static constexpr std::size_t kCapacity = 16;
  bool push(WsItem item) {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    q_.push_back(std::move(item));
    cv_.notify_one();
    return true;
  }
  bool full() const {
    std::lock_guard lock(mu_);
    return q_.size() >= kCapacity && !closed_;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  // Waits for the next item; nullopt when the server was hard-stopped.
  std::optional<WsItem> pop(const std::atomic<bool>& hard_stopped) {
    std::unique_lock lock(mu_);
    while (q_.empty()) {
      if (hard_stopped.load() || closed_) return std::nullopt;
      cv_.wait_for(lock, std::chrono::milliseconds(100));
    }
    WsItem item = std::move(q_.front());
    q_.pop_front();
    return item;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WsItem> q_;
  bool closed_ = false;
};

// Messages from the handler thread to the socket's writer coroutine: a locked queue plus a timer the writer
// sleeps on (poked through the executor, with a short timeout as the backstop against a lost wake-up). Same
// reason as WsInbox: asio channels driven from pool threads corrupted payloads on Boost 1.81.
class WsOutbox : public std::enable_shared_from_this<WsOutbox> {
 public:
  static constexpr std::size_t kCapacity = 16;
  explicit WsOutbox(asio::any_io_executor ex) : wake_(ex) {}
  // Handler side: blocks while the writer is behind; false once the writer has finished.
  bool push(WsItem item, const std::atomic<bool>& hard_stopped) {
    {
      std::unique_lock lock(mu_);
      while (q_.size() >= kCapacity && !done_) {
        if (hard_stopped.load()) return false;
        space_.wait_for(lock, std::chrono::milliseconds(100));
      }
      if (done_) return false;
      q_.push_back(std::move(item));
    }
    asio::post(wake_.get_executor(), [self = shared_from_this()] { self->wake_.cancel(); });
    return true;
  }
  // Writer side.
  std::optional<WsItem> try_pop() {
    std::lock_guard lock(mu_);
    if (q_.empty()) return std::nullopt;
    WsItem item = std::move(q_.front());
    q_.pop_front();
    space_.notify_one();
    return item;
  }
  void finish() {
    std::lock_guard lock(mu_);
    done_ = true;
    space_.notify_all();
  }
  asio::steady_timer& wake() { return wake_; }

 private:
  std::mutex mu_;
  std::condition_variable space_;
  std::deque<WsItem> q_;
  bool done_ = false;
  asio::steady_timer wake_;
};

class ChannelWebSocket final : public http::WebSocket {
 public:
  ChannelWebSocket(std::shared_ptr<WsInbox> in, std::shared_ptr<WsOutbox> out, const std::atomic<bool>& hs)
      : in_(std::move(in)), out_(std::move(out)), hard_stopped_(hs) {}
  std::optional<http::WsMessage> receive() override {
    if (closed_in_) return std::nullopt;
    auto item = in_->pop(hard_stopped_);
    if (!item || item->end) {
      closed_in_ = true;
      return std::nullopt;
    }
    return std::move(item->message);
  }
  bool send(http::WsMessage m) override {
    if (closed_out_) return false;
    if (!out_->push(WsItem{std::move(m)}, hard_stopped_)) closed_out_ = true;
    return !closed_out_;
  }
  void close() override {
    if (closed_out_) return;
    closed_out_ = true;
    out_->push(WsItem{{}, true}, hard_stopped_);
  }

 private:
  std::shared_ptr<WsInbox> in_;
  std::shared_ptr<WsOutbox> out_;
  const std::atomic<bool>& hard_stopped_;
  bool closed_in_ = false, closed_out_ = false;
};

}  // namespace aurixa::ws_detail
