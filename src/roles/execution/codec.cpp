#include "roles/execution/codec.hpp"

#include <algorithm>
#include <cstdio>

#include "core/error.hpp"
#include "core/json.hpp"

namespace aurixa::execution::codec {
namespace bj = boost::json;
namespace {

std::string scalar_text(const bj::value& v, const std::string& field) {
  switch (v.kind()) {
    case bj::kind::string:
      return std::string(v.get_string());
    case bj::kind::int64:
      return std::to_string(v.get_int64());
    case bj::kind::uint64:
      return std::to_string(v.get_uint64());
    case bj::kind::double_: {
      double d = v.get_double();
      if (d == static_cast<double>(static_cast<long long>(d)) && d > -9e15 && d < 9e15)
        return std::to_string(static_cast<long long>(d));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", d);
      return buf;
    }
    case bj::kind::bool_:
      return v.get_bool() ? "true" : "false";
    default:
      throw ApiError::validation(field, "field '" + field + "' must be a string, number or boolean");
  }
}

bj::value nullable(const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); }

std::string text_or_empty(const bj::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

ExecuteRequest parse_request(const bj::object& o) {
  ExecuteRequest r;
  r.action_name = json::require_string(o, "action_name");
  if (r.action_name.empty()) throw ApiError::validation("action_name", "field 'action_name' must not be empty");
  if (auto* p = o.if_contains("params"); p && !p->is_null()) {
    if (!p->is_object()) throw ApiError::validation("params", "field 'params' must be an object");
    for (const auto& [k, v] : p->get_object()) {
      if (v.is_null()) continue;  // an absent value, like the original's None
      r.params[std::string(k)] = scalar_text(v, "params." + std::string(k));
    }
  }
  r.idempotency_key = json::optional_string(o, "idempotency_key").value_or("");
  r.actor = json::optional_string(o, "actor").value_or("");
  return r;
}

bj::object to_json(const ExecuteRequest& r) {
  bj::object params;
  for (const auto& [k, v] : r.params) params[k] = v;
  bj::object o{{"action_name", r.action_name}, {"params", std::move(params)}};
  if (!r.idempotency_key.empty()) o["idempotency_key"] = r.idempotency_key;
  if (!r.actor.empty()) o["actor"] = r.actor;
  return o;
}

bj::object to_json(const ExecuteResult& r) {
  bj::object result{{"message", r.message}};
  for (const auto& [k, v] : r.data)
    if (k != "message") result[k] = v;
  bj::array options;
  for (const auto& opt : r.options)
    options.push_back(bj::object{{"date", opt.date}, {"time", opt.time}, {"provider", opt.provider}});
  const bool error = r.status != "success";
  return {{"status", r.status},
          {"result", std::move(result)},
          {"error_message", error ? bj::value(r.message) : bj::value(nullptr)},
          {"error_code", nullable(r.error_code)},
          {"error_field", nullable(r.error_field)},
          {"options", std::move(options)},
          {"replayed", r.replayed}};
}

ExecuteResult parse_result(const bj::object& o) {
  ExecuteResult r;
  r.status = text_or_empty(o, "status");
  if (r.status.empty()) r.status = "error";
  if (auto* res = o.if_contains("result"); res && res->is_object()) {
    for (const auto& [k, v] : res->get_object()) {
      if (k == "message") {
        r.message = v.is_string() ? std::string(v.get_string()) : "";
      } else if (!v.is_null() && !v.is_object() && !v.is_array()) {
        r.data[std::string(k)] = scalar_text(v, std::string(k));
      }
    }
  }
  if (r.message.empty()) r.message = text_or_empty(o, "error_message");
  r.error_code = text_or_empty(o, "error_code");
  r.error_field = text_or_empty(o, "error_field");
  if (auto* opts = o.if_contains("options"); opts && opts->is_array())
    for (const auto& v : opts->get_array())
      if (v.is_object())
        r.options.push_back({text_or_empty(v.get_object(), "date"), text_or_empty(v.get_object(), "time"),
                             text_or_empty(v.get_object(), "provider")});
  if (auto* rep = o.if_contains("replayed"); rep && rep->is_bool()) r.replayed = rep->get_bool();
  return r;
}

bj::object to_json(const std::vector<ActionInfo>& actions) {
  std::vector<const ActionInfo*> sorted;
  for (const auto& a : actions) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
  bj::array names, defs;
  for (const auto* a : sorted) {
    names.push_back(bj::value(a->name));
    boost::system::error_code ec;
    auto schema = bj::parse(a->parameters_schema, ec);
    if (ec) schema = bj::object{{"type", "object"}};
    defs.push_back(bj::object{
        {"name", a->name}, {"description", a->description}, {"parameters", std::move(schema)}, {"writes", a->writes}});
  }
  return {{"actions", std::move(names)}, {"definitions", std::move(defs)}};
}

std::vector<ActionInfo> parse_actions(const bj::object& o) {
  std::vector<ActionInfo> out;
  if (auto* defs = o.if_contains("definitions"); defs && defs->is_array()) {
    for (const auto& v : defs->get_array()) {
      if (!v.is_object()) continue;
      const auto& d = v.get_object();
      ActionInfo a;
      a.name = text_or_empty(d, "name");
      a.description = text_or_empty(d, "description");
      if (auto* p = d.if_contains("parameters")) a.parameters_schema = aurixa::json::serialize(*p);
      if (auto* w = d.if_contains("writes"); w && w->is_bool()) a.writes = w->get_bool();
      out.push_back(std::move(a));
    }
  } else if (auto* names = o.if_contains("actions"); names && names->is_array()) {
    for (const auto& v : names->get_array())
      if (v.is_string()) out.push_back({std::string(v.get_string()), "", R"({"type":"object"})", false});
  }
  return out;
}

}  // namespace aurixa::execution::codec
