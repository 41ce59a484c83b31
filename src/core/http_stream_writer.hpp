#pragma once
// The producer's side of a streamed HTTP response: the route's producer runs on a stream-pool thread and
// hands chunks to the connection's I/O coroutine through a channel. Internal to http_server.cpp.
#include <boost/asio.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>

#include "core/http_types.hpp"

namespace aurixa::stream_detail {

namespace asio = boost::asio;
using ChunkChannel = asio::experimental::concurrent_channel<void(boost::system::error_code, std::string)>;

// Stops a channel from its (only) receiving side. close() alone completes waiting receives but leaves a send
// that is blocked on a full buffer waiting forever (Boost 1.81), which hung producers; cancel() completes that
// send with channel_cancelled, and must come first: after close() it would take the send for a receive.
template <class Channel>
void stop_receiving(Channel& ch) {
  ch.cancel();
  ch.close();
}

// Blocks a pool thread on a channel operation, giving up if the server was hard-stopped so that
// pool threads can always be joined.
template <class Future>
inline bool wait_future(Future& f, const std::atomic<bool>& hard_stopped) {
  while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
    if (hard_stopped.load()) return false;
  try {
    f.get();
    return true;
  } catch (...) {
    return false;
  }
}

// Status and headers a stream producer may set before its first chunk (see ChunkWriter::begin).
struct StreamHead {
  int status = 0;  // 0 = keep the Response's status
  http::Headers headers;
};

// The producer's side of a streamed response. The first message on the channel is always an empty
// "head" marker, sent before the first chunk (or at the end), after which the I/O side writes headers.
class ChannelChunkWriter final : public http::ChunkWriter {
 public:
  ChannelChunkWriter(std::shared_ptr<ChunkChannel> ch, std::shared_ptr<StreamHead> head,
                     const std::atomic<bool>& hard_stopped)
      : ch_(std::move(ch)), head_(std::move(head)), hard_stopped_(hard_stopped) {}
  void begin(int status, http::Headers headers) override {
    if (head_sent_) return;
    head_->status = status;
    head_->headers = std::move(headers);
  }
  bool write(std::string chunk) override {
    if (failed_ || chunk.empty()) return !failed_;
    if (!send_head()) return false;
    auto f = ch_->async_send(boost::system::error_code{}, std::move(chunk), asio::use_future);
    failed_ = !wait_future(f, hard_stopped_);
    return !failed_;
  }
  // Ends the stream; `ok` false tells the I/O side the producer failed (connection is cut).
  void finish(bool ok) {
    if (failed_ || !send_head()) return;
    boost::system::error_code code = ok ? boost::system::error_code(asio::error::eof)
                                        : boost::system::error_code(asio::error::operation_aborted);
    auto f = ch_->async_send(code, std::string(), asio::use_future);
    wait_future(f, hard_stopped_);
  }

 private:
  bool send_head() {
    if (head_sent_) return true;
    head_sent_ = true;
    auto f = ch_->async_send(boost::system::error_code{}, std::string(), asio::use_future);
    failed_ = !wait_future(f, hard_stopped_);
    return !failed_;
  }

  std::shared_ptr<ChunkChannel> ch_;
  std::shared_ptr<StreamHead> head_;
  const std::atomic<bool>& hard_stopped_;
  bool head_sent_ = false;
  bool failed_ = false;
};

}  // namespace aurixa::stream_detail
