#include "app/chat.hpp"

#include <boost/json.hpp>

#include <iostream>

#include "core/context.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"

namespace aurixa {

namespace bj = boost::json;

namespace {

std::string field(const bj::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

int chat_command(const ChatOptions& opt, std::istream& in, std::ostream& out) {
  HttpClient http;
  std::string base = opt.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string token;
  if (!opt.email.empty()) {
    ClientRequest login;
    login.method = "POST";
    login.url = base + "/api/v1/auth/login";
    login.headers.set("Content-Type", "application/json");
    login.body = aurixa::json::serialize(bj::object{{"email", opt.email}, {"password", opt.password}});
    try {
      const auto res = http.request(login);
      if (res.status != 200) {
        out << "login failed (" << res.status << "): " << res.body << "\n";
        return 1;
      }
      token = field(bj::parse(res.body).as_object(), "access_token");
    } catch (const std::exception& e) {
      out << "cannot reach " << base << ": " << e.what() << "\n(start a server with `make run`)\n";
      return 1;
    }
  }
  std::string session = opt.session_id.empty() ? new_uuid() : opt.session_id;
  out << "AURIXA chat — session " << session << (opt.patient_id ? ", patient " + std::to_string(*opt.patient_id) : "")
      << ". Type /quit to leave.\n";
  for (std::string line;;) {
    out << "\nyou> " << std::flush;
    if (!std::getline(in, line) || line == "/quit" || line == "/exit") break;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    bj::object body{{"prompt", line}, {"session_id", session}, {"tenant_id", opt.tenant}};
    if (opt.patient_id) body["patient_id"] = *opt.patient_id;
    ClientRequest req;
    req.method = "POST";
    req.url = base + "/api/v1/orchestration/pipelines/stream";
    req.headers.set("Content-Type", "application/json");
    if (!token.empty()) req.headers.set("Authorization", "Bearer " + token);
    req.body = aurixa::json::serialize(body);
    req.timeout = std::chrono::seconds(180);
    out << "aurixa> " << std::flush;
    std::string error_body;
    try {
      const auto res = http.stream_lines(req, nullptr, [&](std::string_view l) {
        if (l.empty()) return true;
        boost::system::error_code ec;
        auto v = bj::parse(l, ec);
        if (ec || !v.is_object()) {
          error_body.append(l);
          return true;
        }
        const auto& o = v.as_object();
        const auto event = field(o, "event");
        if (event == "status" && opt.verbose) out << "[" << field(o, "message") << "] " << std::flush;
        if (event == "text_delta") out << field(o, "delta") << std::flush;
        if (event == "error") out << "\n(error: " << field(o, "message") << ")";
        if (event == "done") {
          if (const auto* e = o.if_contains("escalated"); e && e->is_bool() && e->as_bool())
            out << "\n*** escalated (" << field(o, "escalation_type") << ") ***";
          if (opt.verbose && o.contains("intent"))
            out << "\n[intent " << field(o, "intent") << " " << aurixa::json::serialize(o.at("confidence")) << "]";
        }
        return true;
      });
      if (res.status != 200) out << "(" << res.status << ") " << error_body;
    } catch (const std::exception& e) {
      out << "\ncannot reach " << base << ": " << e.what() << "\n(start a server with `make run`)\n";
      return 1;
    }
    out << "\n";
  }
  return 0;
}

}  // namespace aurixa
