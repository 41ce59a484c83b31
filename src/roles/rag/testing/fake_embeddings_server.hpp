#pragma once
// Test support: an in-process stand-in for an OpenAI-compatible embeddings server (OpenAI, Ollama,
// LM Studio) on 127.0.0.1:<free port>, speaking POST /v1/embeddings. Used by the provider's unit tests
// and by the HTTP integration tests. Header-only; needs only aurixa_core.
#include <atomic>
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/http_server.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/router.hpp"

namespace aurixa::rag::testing {

class FakeEmbeddingsServer {
 public:
  using VectorOf = std::function<std::vector<double>(const std::string&)>;

  // vector_of maps one input text to its (not necessarily normalised) vector. Items are sent in reverse
  // order with explicit "index" fields, so a client that ignores the indexes gets the order wrong.
  explicit FakeEmbeddingsServer(VectorOf vector_of) : vector_of_(std::move(vector_of)), log_("off") {
    router_.post("/v1/embeddings", [this](const http::Request& req, CallContext&) {
      auto o = json::parse_object(req);
      {
        std::lock_guard lock(mutex_);
        last_auth_ = std::string(req.headers.get("Authorization").value_or(""));
        last_model_ = o.contains("model") ? std::string(o.at("model").as_string()) : "";
      }
      if (status != 200) return http::Response::json(status, R"({"error":{"message":"unavailable"}})");
      ++requests;
      const auto& input = o.at("input").as_array();
      boost::json::array data;
      for (std::size_t i = input.size(); i-- > 0;) {
        boost::json::array v;
        for (double x : vector_of_(std::string(input[i].as_string()))) v.push_back(x);
        data.push_back(boost::json::object{{"object", "embedding"}, {"index", i}, {"embedding", std::move(v)}});
      }
      return json::ok(boost::json::object{{"object", "list"}, {"data", std::move(data)}});
    });
    ServerOptions so;
    so.host = "127.0.0.1";
    so.access_log = false;
    server_ = std::make_unique<HttpServer>(so, router_, metrics_, log_);
    port_ = server_->listen();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~FakeEmbeddingsServer() {
    server_->shutdown();
    thread_.join();
  }
  FakeEmbeddingsServer(const FakeEmbeddingsServer&) = delete;
  FakeEmbeddingsServer& operator=(const FakeEmbeddingsServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string last_auth() const {
    std::lock_guard lock(mutex_);
    return last_auth_;
  }
  std::string last_model() const {
    std::lock_guard lock(mutex_);
    return last_model_;
  }

  std::atomic<int> status{200};  // set to make every call fail with this HTTP status
  std::atomic<int> requests{0};  // successful calls

 private:
  VectorOf vector_of_;
  mutable std::mutex mutex_;
  std::string last_auth_, last_model_;
  Log log_;
  Metrics metrics_;
  http::Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

}  // namespace aurixa::rag::testing
