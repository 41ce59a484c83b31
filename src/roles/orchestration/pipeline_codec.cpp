#include "roles/orchestration/pipeline_codec.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/json_write.hpp"
#include "core/tenant_id.hpp"
#include "roles/orchestration/admin_support.hpp"

namespace aurixa::orchestration::codec {

namespace bj = boost::json;

namespace {

std::optional<std::int64_t> tenant_of(const bj::object& o) {
  return json_tenant_id(o.if_contains("tenant_id"), "tenant_id", "tenant_id must be a tenant id such as \"t-001\", \"1\" or 1");
}

bj::value nullable(const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); }
bj::value raw_json(const std::string& s) {
  if (s.empty()) return nullptr;
  boost::system::error_code ec;
  auto v = bj::parse(s, ec);
  return ec ? bj::value(s) : v;
}
bj::value epoch(double t) { return t > 0 ? bj::value(t) : bj::value(nullptr); }

// Direct JSON writing for the hot response (to_json_text).
void put_string(std::string& out, std::string_view s) { json::append_string(out, s); }
void put_nullable(std::string& out, std::string_view s) {
  if (s.empty()) out += "null";
  else put_string(out, s);
}
void put_epoch(std::string& out, double t) {
  if (t > 0) json::append_number(out, t);
  else out += "null";
}
void put_raw(std::string& out, const std::string& json_text) {
  if (json_text.empty()) out += "null";
  else out += json_text;
}
void put_key(std::string& out, std::string_view key) {  // keys are literals without characters to escape
  out += '"';
  out += key;
  out += "\":";
}

}  // namespace

PipelineRequest parse_request(const bj::object& body) {
  PipelineRequest r;
  r.prompt = json::require_string(body, "prompt");
  if (r.prompt.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::validation("prompt", "prompt must not be empty");
  if (const auto* v = body.if_contains("session_id"); v && !v->is_null()) {
    if (!v->is_string()) throw ApiError::validation("session_id", "session_id must be a string");
    r.session_id = v->as_string();
  }
  r.tenant_id = tenant_of(body);
  if (const auto* v = body.if_contains("user_id"); v && !v->is_null()) {
    if (!v->is_string()) throw ApiError::validation("user_id", "user_id must be a string");
    r.user_id = v->as_string();
  }
  if (const auto* v = body.if_contains("patient_id"); v && !v->is_null()) {
    const auto id = json::require_int(body, "patient_id");
    if (id <= 0) throw ApiError::validation("patient_id", "patient_id must be a positive integer");
    r.patient_id = id;
  }
  if (auto ch = json::optional_string(body, "channel")) {
    if (*ch != "text" && *ch != "voice") throw ApiError::validation("channel", "channel must be text or voice");
    r.channel = *ch;
  }
  return r;
}

bj::object to_json(const PipelineRequest& r) {
  bj::object o{{"session_id", r.session_id},
               {"prompt", r.prompt},
               {"tenant_id", r.tenant_id ? bj::value(admin::tenant_wire_id(*r.tenant_id)) : bj::value(nullptr)},
               {"user_id", nullable(r.user_id)},
               {"patient_id", r.patient_id ? bj::value(*r.patient_id) : bj::value(nullptr)}};
  if (r.channel != "text") o["channel"] = r.channel;
  return o;
}

bj::object to_json(const PipelineResult& r) {
  bj::array steps, citations;
  for (const auto& s : r.steps)
    steps.push_back(bj::object{{"name", s.name},
                               {"status", s.status},
                               {"input", raw_json(s.input_json)},
                               {"output", raw_json(s.output_json)},
                               {"error_message", nullable(s.error_message)},
                               {"start_time", epoch(s.start_time)},
                               {"end_time", epoch(s.end_time)}});
  for (const auto& c : r.citations)
    citations.push_back(bj::object{{"source", c.source}, {"title", c.title}, {"article_id", c.article_id}});
  return {{"session_id", r.session_id},
          {"request", to_json(r.request)},
          {"steps", std::move(steps)},
          {"final_response", r.final_response},
          {"intent", r.intent},
          {"confidence", r.confidence},
          {"escalated", r.escalated},
          {"escalation_type", nullable(r.escalation_type)},
          {"citations", std::move(citations)},
          {"cached", r.cached},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

std::string to_json_text(const PipelineResult& r) {
  std::string out;
  std::size_t size = 512 + r.final_response.size() + 2 * r.request.prompt.size();
  for (const auto& s : r.steps) size += 160 + s.input_json.size() + s.output_json.size() + s.error_message.size();
  out.reserve(size);
  out += '{';
  put_key(out, "session_id");
  put_string(out, r.session_id);
  out += ',';
  put_key(out, "request");
  out += '{';
  put_key(out, "session_id");
  put_string(out, r.request.session_id);
  out += ',';
  put_key(out, "prompt");
  put_string(out, r.request.prompt);
  out += ',';
  put_key(out, "tenant_id");
  if (r.request.tenant_id) put_string(out, admin::tenant_wire_id(*r.request.tenant_id));
  else out += "null";
  out += ',';
  put_key(out, "user_id");
  put_nullable(out, r.request.user_id);
  out += ',';
  put_key(out, "patient_id");
  if (r.request.patient_id) json::append_int(out, *r.request.patient_id);
  else out += "null";
  if (r.request.channel != "text") {
    out += ',';
    put_key(out, "channel");
    put_string(out, r.request.channel);
  }
  out += "},";
  put_key(out, "steps");
  out += '[';
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    if (i) out += ',';
    out += '{';
    put_key(out, "name");
    put_string(out, s.name);
    out += ',';
    put_key(out, "status");
    put_string(out, s.status);
    out += ',';
    put_key(out, "input");
    put_raw(out, s.input_json);
    out += ',';
    put_key(out, "output");
    put_raw(out, s.output_json);
    out += ',';
    put_key(out, "error_message");
    put_nullable(out, s.error_message);
    out += ',';
    put_key(out, "start_time");
    put_epoch(out, s.start_time);
    out += ',';
    put_key(out, "end_time");
    put_epoch(out, s.end_time);
    out += '}';
  }
  out += "],";
  put_key(out, "final_response");
  put_string(out, r.final_response);
  out += ',';
  put_key(out, "intent");
  put_string(out, r.intent);
  out += ',';
  put_key(out, "confidence");
  json::append_number(out, r.confidence);
  out += ',';
  put_key(out, "escalated");
  out += r.escalated ? "true" : "false";
  out += ',';
  put_key(out, "escalation_type");
  put_nullable(out, r.escalation_type);
  out += ',';
  put_key(out, "citations");
  out += '[';
  for (std::size_t i = 0; i < r.citations.size(); ++i) {
    const auto& c = r.citations[i];
    if (i) out += ',';
    out += '{';
    put_key(out, "source");
    put_string(out, c.source);
    out += ',';
    put_key(out, "title");
    put_string(out, c.title);
    out += ',';
    put_key(out, "article_id");
    put_string(out, c.article_id);
    out += '}';
  }
  out += "],";
  put_key(out, "cached");
  out += r.cached ? "true" : "false";
  out += ',';
  put_key(out, "created_at");
  json::append_number(out, r.created_at);
  out += ',';
  put_key(out, "updated_at");
  json::append_number(out, r.updated_at);
  out += '}';
  return out;
}

PipelineResult parse_result(const bj::object& o) {
  PipelineResult r;
  r.session_id = json::optional_string(o, "session_id").value_or("");
  if (const auto* req = json::optional_object(o, "request")) {
    r.request.prompt = json::optional_string(*req, "prompt").value_or("");
    r.request.session_id = r.session_id;
    r.request.tenant_id = tenant_of(*req);
    r.request.patient_id = json::optional_int(*req, "patient_id");
    if (const auto* u = req->if_contains("user_id"); u && u->is_string()) r.request.user_id = u->as_string();
  }
  if (const auto* a = json::optional_array(o, "steps"))
    for (const auto& v : *a) {
      if (!v.is_object()) continue;
      const auto& s = v.as_object();
      StepRecord rec;
      rec.name = json::optional_string(s, "name").value_or("");
      rec.status = json::optional_string(s, "status").value_or("");
      if (const auto* x = s.if_contains("input"); x && !x->is_null()) rec.input_json = aurixa::json::serialize(*x);
      if (const auto* x = s.if_contains("output"); x && !x->is_null()) rec.output_json = aurixa::json::serialize(*x);
      if (const auto* x = s.if_contains("error_message"); x && x->is_string()) rec.error_message = x->as_string();
      rec.start_time = json::optional_number(s, "start_time").value_or(0);
      rec.end_time = json::optional_number(s, "end_time").value_or(0);
      r.steps.push_back(std::move(rec));
    }
  r.final_response = json::optional_string(o, "final_response").value_or("");
  r.intent = json::optional_string(o, "intent").value_or("");
  r.confidence = json::optional_number(o, "confidence").value_or(0);
  r.escalated = json::optional_bool(o, "escalated").value_or(false);
  if (const auto* e = o.if_contains("escalation_type"); e && e->is_string()) r.escalation_type = e->as_string();
  r.cached = json::optional_bool(o, "cached").value_or(false);
  r.created_at = json::optional_number(o, "created_at").value_or(0);
  r.updated_at = json::optional_number(o, "updated_at").value_or(0);
  if (const auto* a = json::optional_array(o, "citations"))
    for (const auto& v : *a)
      if (v.is_object())
        r.citations.push_back({json::optional_string(v.as_object(), "source").value_or(""),
                               json::optional_string(v.as_object(), "title").value_or(""),
                               json::optional_string(v.as_object(), "article_id").value_or("")});
  return r;
}

std::string event_line(const StreamEvent& e) {
  bj::object o{{"event", e.event}};
  if (e.event == "status" || e.event == "error") o["message"] = e.text;
  if (e.event == "text_delta") o["delta"] = e.text;
  if (e.event == "done") {
    o["final_response"] = e.text;
    if (e.result) {
      auto full = to_json(*e.result);
      for (const char* k : {"session_id", "intent", "confidence", "escalated", "escalation_type", "citations", "cached", "steps"})
        o[k] = full[k];
    }
  }
  return aurixa::json::serialize(o);
}

bj::object to_json(const intent::Classification& c) {
  bj::array alts;
  for (const auto& a : c.alternatives) alts.push_back(bj::object{{"intent", a.intent}, {"confidence", a.confidence}});
  return {{"intent", c.intent}, {"confidence", c.confidence}, {"alternatives", std::move(alts)}};
}

}  // namespace aurixa::orchestration::codec
