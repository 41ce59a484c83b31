#include "roles/agents/state.hpp"
#include "core/json.hpp"

#include <boost/json.hpp>

namespace aurixa::agents {

namespace bj = boost::json;

namespace {

bj::object slot_json(const Slot& s) { return {{"date", s.date}, {"time", s.time}, {"provider", s.provider}}; }

std::string str(const bj::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t num(const bj::object& o, const char* k, std::int64_t def) {
  const auto* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : def;
}
Slot slot_of(const bj::object& o) { return {str(o, "date"), str(o, "time"), str(o, "provider")}; }
const bj::array* arr(const bj::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

}  // namespace

std::string to_json(const DialogueState& s) {
  const auto& t = s.slots;
  bj::object slots{{"date_first", t.date_first},
                   {"date_last", t.date_last},
                   {"date_phrase", t.date_phrase},
                   {"time_start", t.time_start},
                   {"time_end", t.time_end},
                   {"time_exact", t.time_exact},
                   {"time_phrase", t.time_phrase},
                   {"provider", t.provider},
                   {"reason", t.reason},
                   {"medication", t.medication},
                   {"pharmacy", t.pharmacy},
                   {"appointment_id", t.appointment_id},
                   {"appointment_label", t.appointment_label},
                   {"appointment_provider", t.appointment_provider}};
  bj::object o{{"task", s.task}, {"stage", s.stage}, {"slots", std::move(slots)}, {"version", s.version},
               {"stalls", s.stalls}};
  if (s.chosen) o["chosen"] = slot_json(*s.chosen);
  bj::array offered, visits, meds;
  for (const auto& x : s.offered) offered.push_back(slot_json(x));
  for (const auto& v : s.offered_visits)
    visits.push_back(bj::object{{"id", v.id}, {"date", v.date}, {"time", v.time}, {"provider", v.provider}, {"reason", v.reason}});
  for (const auto& m : s.offered_meds) meds.push_back(bj::string(m));
  o["offered"] = std::move(offered);
  o["offered_visits"] = std::move(visits);
  o["offered_meds"] = std::move(meds);
  if (!s.language.empty()) o["language"] = s.language;
  if (!s.queued.empty()) {
    bj::array q;
    for (const auto& [text, intent] : s.queued) q.push_back(bj::object{{"text", text}, {"intent", intent}});
    o["queued"] = std::move(q);
  }
  if (!s.history.empty()) {
    bj::array hist;
    for (const auto& [role, text] : s.history) hist.push_back(bj::object{{"role", role}, {"text", text}});
    o["history"] = std::move(hist);
  }
  return aurixa::json::serialize(o);
}

DialogueState state_from_json(const std::string& text) {
  DialogueState s;
  if (text.empty()) return s;
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_object()) return s;
  const auto& o = v.as_object();
  s.task = str(o, "task");
  s.stage = str(o, "stage");
  s.version = num(o, "version", 0);
  s.stalls = static_cast<int>(num(o, "stalls", 0));
  s.language = str(o, "language") == "es" ? "es" : "";
  if (const auto* sl = o.if_contains("slots"); sl && sl->is_object()) {
    const auto& j = sl->as_object();
    auto& t = s.slots;
    t.date_first = str(j, "date_first");
    t.date_last = str(j, "date_last");
    t.date_phrase = str(j, "date_phrase");
    t.time_start = static_cast<int>(num(j, "time_start", -1));
    t.time_end = static_cast<int>(num(j, "time_end", -1));
    t.time_exact = j.if_contains("time_exact") && j.at("time_exact").is_bool() && j.at("time_exact").as_bool();
    t.time_phrase = str(j, "time_phrase");
    t.provider = str(j, "provider");
    t.reason = str(j, "reason");
    t.medication = str(j, "medication");
    t.pharmacy = str(j, "pharmacy");
    t.appointment_id = num(j, "appointment_id", 0);
    t.appointment_label = str(j, "appointment_label");
    t.appointment_provider = str(j, "appointment_provider");
  }
  if (const auto* c = o.if_contains("chosen"); c && c->is_object()) s.chosen = slot_of(c->as_object());
  if (const auto* a = arr(o, "offered"))
    for (const auto& x : *a)
      if (x.is_object()) s.offered.push_back(slot_of(x.as_object()));
  if (const auto* a = arr(o, "offered_visits"))
    for (const auto& x : *a)
      if (x.is_object()) {
        const auto& j = x.as_object();
        s.offered_visits.push_back({num(j, "id", 0), str(j, "date"), str(j, "time"), str(j, "provider"), str(j, "reason")});
      }
  if (const auto* a = arr(o, "offered_meds"))
    for (const auto& x : *a)
      if (x.is_string()) s.offered_meds.emplace_back(x.as_string());
  if (const auto* a = arr(o, "queued"))
    for (const auto& x : *a)
      if (x.is_object()) s.queued.emplace_back(str(x.as_object(), "text"), str(x.as_object(), "intent"));
  if (const auto* a = arr(o, "history"))
    for (const auto& x : *a)
      if (x.is_object()) s.remember(str(x.as_object(), "role"), str(x.as_object(), "text"));
  return s;
}

}  // namespace aurixa::agents
