#include "roles/safety/codec.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

namespace aurixa::safety::codec {

ValidateRequest parse_validate_request(const bj::object& body) {
  ValidateRequest r;
  r.text = json::require_string(body, "text");
  if (auto stage = json::optional_string(body, "stage")) {
    auto s = parse_stage(*stage);
    if (!s) throw ApiError::validation("stage", "field 'stage' must be one of input, output, tool");
    r.stage = *s;
  }
  if (const auto* tid = body.if_contains("tenant_id"); tid && !tid->is_null()) {
    if (tid->is_string())
      r.tenant_id = std::string(tid->as_string());
    else if (tid->is_int64() || tid->is_uint64())
      r.tenant_id = aurixa::json::serialize(*tid);
    else
      throw ApiError::validation("tenant_id", "field 'tenant_id' must be a string or an integer");
  }
  if (auto m = json::optional_bool(body, "emergency_model")) r.emergency_model = *m;
  if (const auto* pub = body.if_contains("public_text"); pub && !pub->is_null()) {
    if (!pub->is_array()) throw ApiError::validation("public_text", "field 'public_text' must be an array of strings");
    for (const auto& v : pub->as_array()) {
      if (!v.is_string()) throw ApiError::validation("public_text", "field 'public_text' must be an array of strings");
      r.public_text.emplace_back(v.as_string());
    }
  }
  if (const auto* meta = json::optional_object(body, "metadata")) {
    for (const auto& [k, v] : *meta)
      r.metadata[std::string(k)] = v.is_string() ? std::string(v.as_string()) : aurixa::json::serialize(v);
  }
  return r;
}

bj::object to_json(const ValidateRequest& r) {
  bj::object o{{"text", r.text}, {"stage", stage_name(r.stage)}};
  if (!r.tenant_id.empty()) o["tenant_id"] = r.tenant_id;
  if (!r.emergency_model) o["emergency_model"] = false;
  if (!r.public_text.empty()) {
    bj::array pub;
    for (const auto& p : r.public_text) pub.emplace_back(p);
    o["public_text"] = std::move(pub);
  }
  bj::object meta;
  for (const auto& [k, v] : r.metadata) meta[k] = v;
  o["metadata"] = std::move(meta);
  return o;
}

bj::object to_json(const ValidateResult& r) {
  bj::array issues;
  for (const auto& i : r.issues)
    issues.push_back(bj::object{{"policy_name", i.policy_name},
                                {"risk_category", i.risk_category},
                                {"severity", i.severity},
                                {"details", i.details}});
  bj::array entities;
  for (const auto& e : r.entities)
    entities.push_back(bj::object{{"type", e.type},
                                  {"start", static_cast<std::int64_t>(e.start)},
                                  {"end", static_cast<std::int64_t>(e.end)},
                                  {"text", e.text},
                                  {"score", e.score}});
  bj::object o{{"is_safe", r.is_safe},        {"validated_text", r.validated_text},
               {"issues", std::move(issues)}, {"requires_escalation", r.requires_escalation},
               {"severity", r.severity},      {"entities", std::move(entities)}};
  o["category"] = r.category ? bj::value(*r.category) : bj::value(nullptr);
  o["escalation_message"] = r.escalation_message ? bj::value(*r.escalation_message) : bj::value(nullptr);
  o["language"] = r.language;
  o["emergency_ruled_out"] = r.emergency_ruled_out;
  return o;
}

namespace {
std::string s(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
double num(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}
}  // namespace

ValidateResult parse_validate_result(const bj::object& o) {
  ValidateResult r;
  r.is_safe = o.at("is_safe").as_bool();
  r.validated_text = s(o, "validated_text");
  r.requires_escalation = o.at("requires_escalation").as_bool();
  r.severity = num(o, "severity");
  if (const auto* x = o.if_contains("emergency_ruled_out"); x && x->is_bool()) r.emergency_ruled_out = x->as_bool();
  if (const auto* c = o.if_contains("category"); c && c->is_string()) r.category = std::string(c->as_string());
  if (const auto* m = o.if_contains("escalation_message"); m && m->is_string())
    r.escalation_message = std::string(m->as_string());
  if (const auto* l = o.if_contains("language"); l && l->is_string()) r.language = std::string(l->as_string());
  if (const auto* is = o.if_contains("issues"); is && is->is_array())
    for (const auto& v : is->as_array()) {
      const auto& i = v.as_object();
      r.issues.push_back({s(i, "policy_name"), s(i, "risk_category"), num(i, "severity"), s(i, "details")});
    }
  if (const auto* es = o.if_contains("entities"); es && es->is_array())
    for (const auto& v : es->as_array()) {
      const auto& e = v.as_object();
      r.entities.push_back({s(e, "type"), static_cast<std::size_t>(num(e, "start")),
                            static_cast<std::size_t>(num(e, "end")), s(e, "text"), num(e, "score")});
    }
  return r;
}

TenantPolicy parse_policy(const bj::object& o) {
  TenantPolicy p;
  if (auto mode = json::optional_string(o, "pii_mode")) {
    auto m = parse_pii_mode(*mode);
    if (!m) throw ApiError::validation("pii_mode", "field 'pii_mode' must be one of redact, mask, allow");
    p.pii_mode = *m;
  }
  if (const auto* words = json::optional_array(o, "banned_words")) {
    for (const auto& w : *words) {
      if (!w.is_string())
        throw ApiError::validation("banned_words", "field 'banned_words' must be an array of strings");
      p.banned_words.emplace_back(w.as_string());
    }
  }
  return p;
}

bj::object to_json(const TenantPolicy& p) {
  bj::array words;
  for (const auto& w : p.banned_words) words.emplace_back(w);
  return bj::object{{"pii_mode", pii_mode_name(p.pii_mode)}, {"banned_words", std::move(words)}};
}

}  // namespace aurixa::safety::codec
