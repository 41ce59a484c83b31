#include "split_cluster.hpp"

#include <filesystem>
#include <stdexcept>

namespace aurixa::testing {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

boost::json::value SplitReply::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(boost::json::string(body)) : v;
}

SplitCluster::SplitCluster() {
  pg_ = std::make_unique<store::testing::PgServer>();
  if (!pg_->available()) {
    skipped_ = true;
    why_ = "PostgreSQL unavailable: " + pg_->error();
    return;
  }
  redis_ = std::make_unique<store::testing::RedisServer>();
  if (!redis_->available()) {
    skipped_ = true;
    why_ = "Redis unavailable: " + redis_->error();
    return;
  }
  dir_ = make_temp_dir("aurixa-split");
  database_url_ = pg_->create_database("split");
  try {
    // The seed's start order: each role may call those before it.
    for (const char* r : {"observability", "safety", "rag", "llm", "execution", "agents"}) start(r, r);
    start("orchestration", "orchestration");
    start("orchestration-b", "orchestration");
    start("voice", "voice");
    start("gateway", "gateway");
    start("gateway-b", "gateway", {{"AURIXA_ORCHESTRATION_URL", url("orchestration-b", "")}});
  } catch (const std::exception& e) {
    why_ = e.what();
  }
}

SplitCluster::~SplitCluster() {
  for (auto& [name, p] : procs_)
    if (p) p->stop(15, std::chrono::seconds(10));
  procs_.clear();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

std::map<std::string, std::string> SplitCluster::env() const {
  auto e = default_test_env(dir_);
  e["DATABASE_URL"] = database_url_;
  e["REDIS_URL"] = redis_->url(0);
  e["AURIXA_INTERNAL_TOKEN"] = "split-test-internal-token";
  e["AURIXA_DB_POOL_SIZE"] = "4";
  e["AURIXA_WORKER_THREADS"] = "8";
  e["AURIXA_STREAM_THREADS"] = "8";
  e["AURIXA_IO_THREADS"] = "1";
  e["AURIXA_ACCESS_LOG"] = "false";
  e["AURIXA_LOG_LEVEL"] = "warn";
  for (const auto& [k, v] : role_urls_) e[k] = v;
  return e;
}

std::unique_ptr<ServerProcess> SplitCluster::spawn(const std::string& role, std::map<std::string, std::string> extra,
                                                   unsigned short port) const {
  auto e = env();
  for (auto& [k, v] : extra) e[k] = v;
  return std::make_unique<ServerProcess>(
      std::vector<std::string>{"serve", "--roles", role, "--port", std::to_string(port)}, e);
}

void SplitCluster::start(const std::string& name, const std::string& role, std::map<std::string, std::string> extra) {
  procs_[name] = spawn(role, extra);
  specs_[name] = {role, extra};
  // The first process of a role is the one the others call.
  const std::string key = "AURIXA_" + upper(role) + "_URL";
  if (!role_urls_.count(key)) role_urls_[key] = procs_[name]->url();
}

ServerProcess& SplitCluster::role(const std::string& name) {
  auto it = procs_.find(name);
  if (it == procs_.end() || !it->second) throw std::logic_error("no process " + name);
  return *it->second;
}

std::string SplitCluster::url(const std::string& name, const std::string& path) const {
  return procs_.at(name)->url(path);
}

void SplitCluster::kill(const std::string& name) { role(name).stop(9, std::chrono::seconds(10)); }

void SplitCluster::restart(const std::string& name) {
  const unsigned short port = role(name).port();
  role(name).stop(15, std::chrono::seconds(10));
  const auto& [r, extra] = specs_.at(name);
  procs_[name].reset();
  procs_[name] = spawn(r, extra, port);
}

SplitReply SplitCluster::call(const std::string& method, const std::string& url, const std::string& body,
                              std::chrono::milliseconds timeout, const http::Headers& headers) {
  ClientRequest r;
  r.method = method;
  r.url = url;
  r.timeout = timeout;
  r.headers = headers;
  if (!body.empty()) {
    r.body = body;
    r.headers.set("Content-Type", "application/json");
  }
  SplitReply out;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    auto res = client_.request(r);
    out.status = res.status;
    out.body = std::move(res.body);
    out.headers = std::move(res.headers);
  } catch (const std::exception& e) {  // transport failure: status 0
    out.body = e.what();
  }
  out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace aurixa::testing
