#include "roles/llm/provider_http.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cstdlib>

namespace aurixa::llm::wire {

ClientRequest post_json(std::string url, const bj::value& body, std::chrono::steady_clock::time_point deadline,
                        const std::string& provider) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) throw ApiError(Errc::gateway_timeout, provider + ": no time left before the deadline");
  ClientRequest r;
  r.method = "POST";
  r.url = std::move(url);
  r.body = aurixa::json::serialize(body);
  r.timeout = left;
  r.headers.set("Content-Type", "application/json");
  r.headers.set("Accept", "application/json, text/event-stream");
  return r;
}

void check_status(const std::string& provider, int status, std::string_view body) {
  if (status >= 200 && status < 300) return;
  std::string message;
  boost::system::error_code ec;
  auto v = bj::parse(body, ec);
  if (!ec) {
    // OpenAI/Anthropic: {"error":{"message":...}}; Gemini: {"error":{"message":...,"status":...}};
    // some local servers: {"error":"..."} or {"message":"..."} or {"detail":"..."}.
    for (auto* m : {at(v, {"error", "message"}), at(v, {"error"}), at(v, {"message"}), at(v, {"detail"})})
      if (m && m->is_string()) {
        message = m->as_string();
        break;
      }
  }
  if (message.empty()) message = std::string(body.substr(0, 300));
  const bool retryable = status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  throw ProviderError(provider + " returned HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message),
                      status, retryable);
}

bj::object parse_body(const std::string& provider, std::string_view body) {
  boost::system::error_code ec;
  auto v = bj::parse(body, ec);
  if (ec || !v.is_object()) throw ProviderError(provider + " returned a body that is not a JSON object", 0, false);
  return std::move(v.as_object());
}

bool SseParser::line(std::string_view l, const OnEvent& on_event) {
  if (l.empty()) {
    if (!has_data_) {
      event_.clear();
      return true;
    }
    bool go_on = on_event(event_, data_);
    event_.clear();
    data_.clear();
    has_data_ = false;
    return go_on;
  }
  if (l.front() == ':') return true;  // comment / keep-alive
  auto colon = l.find(':');
  std::string_view field = l.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view{} : l.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    event_ = value;
  } else if (field == "data") {
    if (has_data_) data_ += '\n';
    data_ += value;
    has_data_ = true;
  }
  return true;
}

bool SseParser::finish(const OnEvent& on_event) { return line({}, on_event); }

bool stream_sse(HttpClient& http, const ClientRequest& req, const std::string& provider,
                const SseParser::OnEvent& on_event) {
  int status = 0;
  std::string error_body;
  SseParser parser;
  bool stopped = false;
  http.stream_lines(
      req, [&](const ClientResponse& head) { status = head.status; },
      [&](std::string_view l) {
        if (status < 200 || status >= 300) {
          if (error_body.size() < 4096) error_body.append(l).append("\n");
          return true;
        }
        stopped = !parser.line(l, on_event);
        return !stopped;
      });
  check_status(provider, status, error_body);
  if (!stopped) stopped = !parser.finish(on_event);
  return !stopped;
}

bj::array string_array(const std::vector<std::string>& items) {
  bj::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

bj::object object_of(std::string_view text) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

bj::value gemini_schema(const bj::value& schema) {
  if (schema.is_array()) {
    bj::array out;
    for (const auto& x : schema.as_array()) out.push_back(gemini_schema(x));
    return out;
  }
  if (!schema.is_object()) return schema;
  bj::object out;
  for (const auto& [k, v] : schema.as_object())
    if (k != "$schema" && k != "additionalProperties") out[k] = gemini_schema(v);
  return out;
}

void end_stream(ProviderResult& r, const std::string& provider, const ProviderCall& call, bool cancelled, bool complete,
                std::string_view terminal) {
  if (cancelled) {
    r.finish_reason = "cancelled";
  } else if (!complete) {
    throw ProviderError(provider + " stream ended before " + std::string(terminal), 0, true);
  }
  if (r.finish_reason.empty()) r.finish_reason = "stop";
  if (r.model.empty()) r.model = call.model;
}

std::string str(const bj::value* v) { return v && v->is_string() ? std::string(v->as_string()) : std::string(); }

std::int64_t int_or(const bj::value* v, std::int64_t def) {
  if (!v) return def;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return def;
}

const bj::value* at(const bj::value& v, std::initializer_list<std::string_view> path) {
  const bj::value* cur = &v;
  for (auto key : path) {
    if (!cur->is_object()) return nullptr;
    cur = cur->as_object().if_contains(key);
    if (!cur) return nullptr;
  }
  return cur;
}

}  // namespace aurixa::llm::wire

namespace aurixa::llm {

HttpProvider::HttpProvider(HttpClient& http, ProviderOptions options) : http_(http), o_(std::move(options)) {
  while (!o_.base_url.empty() && o_.base_url.back() == '/') o_.base_url.pop_back();
}

std::vector<std::string> HttpProvider::models() {
  std::vector<std::string> out;
  if (auto d = default_model(); !d.empty()) out.push_back(d);
  for (const auto& m : o_.models)
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  return out;
}

bool is_self_hosted_url(std::string_view url) {
  auto r = boost::urls::parse_uri(url);
  if (!r) return false;
  std::string host = r->host();
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  auto ends = [&](std::string_view s) {
    return host.size() >= s.size() && host.compare(host.size() - s.size(), s.size(), s) == 0;
  };
  auto starts = [&](std::string_view s) { return host.compare(0, s.size(), s) == 0; };
  if (host == "localhost" || ends(".localhost") || host == "::1" || host == "0.0.0.0") return true;
  if (starts("127.") || starts("10.") || starts("192.168.") || starts("169.254.")) return true;
  if (starts("172.")) {
    int second = std::atoi(host.c_str() + 4);
    if (second >= 16 && second <= 31) return true;
  }
  if (host.find(':') != std::string::npos)
    return starts("fc") || starts("fd") || starts("fe80");  // IPv6 ULA / link-local
  if (host.find('.') == std::string::npos) return true;     // single label: a container / service name
  for (std::string_view suffix : {".local", ".internal", ".svc", ".cluster.local", ".lan", ".home.arpa"})
    if (ends(suffix)) return true;
  return false;
}

}  // namespace aurixa::llm
