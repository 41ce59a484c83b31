#include "roles/llm/mock_server.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace aurixa::llm::testing {

MockServer::MockServer() = default;

MockServer::~MockServer() {
  if (server_) {
    server_->shutdown();
    if (thread_.joinable()) thread_.join();
  }
}

void MockServer::start() {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 1;
  o.worker_threads = 4;
  o.stream_threads = 4;
  o.access_log = false;
  o.shutdown_grace = std::chrono::milliseconds(200);
  server_ = std::make_unique<HttpServer>(o, router_, metrics_, log_);
  port_ = server_->listen();
  thread_ = std::thread([this] { server_->run(); });
}

std::string MockServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void MockServer::record(const http::Request& req) {
  std::lock_guard lock(mu_);
  requests_.push_back(req);
}

std::vector<http::Request> MockServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::size_t MockServer::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

http::Response sse_response(std::vector<std::string> chunks, std::chrono::milliseconds gap, bool drop) {
  return http::Response::streaming("text/event-stream", [chunks = std::move(chunks), gap, drop](http::ChunkWriter& w) {
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (i > 0 && gap.count() > 0) std::this_thread::sleep_for(gap);
      if (!w.write(chunks[i])) return;
    }
    // A producer that throws makes the server cut the connection without the final chunk.
    if (drop) throw std::runtime_error("mock upstream dropped the connection");
  });
}

std::string sse_data(const boost::json::value& v) { return "data: " + boost::json::serialize(v) + "\n\n"; }

}  // namespace aurixa::llm::testing
