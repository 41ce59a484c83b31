#include "roles/agents/tool_agent.hpp"

#include <date/date.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <set>

#include "roles/agents/text.hpp"

namespace aurixa::agents {
namespace {

namespace bj = boost::json;

constexpr int kMaxRangeDays = 14;
constexpr std::size_t kMaxListed = 12;

const char* kNoArgs = R"({"type":"object","properties":{},"additionalProperties":false})";

// Identity is the request's, never the model's.
bool identity_key(std::string_view k) {
  static const std::set<std::string, std::less<>> kKeys = {"patient_id", "patientId", "patient",   "tenant_id",
                                                           "tenantId",   "tenant",    "clinic_id", "user_id"};
  return kKeys.count(k) > 0;
}

struct Outcome {
  std::string text;
  bool ok = true;
  bool pending = false;  // a write now awaits the patient's confirmation
};

Outcome fail(std::string why) { return {std::move(why), false, false}; }

int minutes_of(const std::string& hhmm) {
  int h = 0, m = 0;
  if (hhmm.size() != 5 || std::sscanf(hhmm.c_str(), "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return -1;
  return h * 60 + m;
}

bool valid_date(const std::string& ymd) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (ymd.size() != 10 || std::sscanf(ymd.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return false;
  return date::year_month_day{date::year{y}, date::month{m}, date::day{d}}.ok();
}

std::string fold_name(std::string s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Arguments checked against the tool's schema: a JSON object, only declared properties, required ones
// present, strings as strings, integers as integers (or digit strings). Values come back as strings.
struct Args {
  std::map<std::string, std::string> values;
  std::string error;
};

Args parse_args(const llm::ToolSpec& spec, const std::string& text) {
  Args a;
  boost::system::error_code ec;
  auto v = bj::parse(text.empty() ? std::string_view("{}") : std::string_view(text), ec);
  if (ec || !v.is_object()) {
    a.error = "Invalid arguments: expected a JSON object" + (ec ? " (" + ec.message() + ")" : std::string()) + ".";
    return a;
  }
  const auto schema = bj::parse(spec.parameters).as_object();
  const auto& props = schema.at("properties").as_object();
  for (const auto& [k, val] : v.as_object()) {
    if (identity_key(k)) {
      a.error = "Refused: '" + std::string(k) +
                "' is not an argument. This conversation acts only for the signed-in patient of this clinic.";
      return a;
    }
    const auto* p = props.if_contains(k);
    if (!p) {
      a.error = "Invalid arguments: unknown argument '" + std::string(k) + "'.";
      return a;
    }
    const std::string type(p->as_object().at("type").as_string());
    if (val.is_null()) continue;
    if (type == "integer") {
      if (val.is_int64()) {
        a.values[k] = std::to_string(val.as_int64());
      } else if (val.is_string() && !val.as_string().empty() &&
                 std::all_of(val.as_string().begin(), val.as_string().end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                 val.as_string().size() < 19) {
        a.values[k] = std::string(val.as_string());
      } else {
        a.error = "Invalid arguments: '" + std::string(k) + "' must be an integer.";
        return a;
      }
    } else if (val.is_string()) {
      const auto& str = val.as_string();
      a.values[k] = trim_reply(std::string_view(str.data(), str.size()), 500);
    } else {
      a.error = "Invalid arguments: '" + std::string(k) + "' must be a string.";
      return a;
    }
  }
  if (const auto* req = schema.if_contains("required"))
    for (const auto& r : req->as_array()) {
      const std::string k(r.as_string());
      if (a.values[k].empty()) {
        a.error = "Invalid arguments: '" + k + "' is required.";
        return a;
      }
    }
  return a;
}

struct Ctx {
  DialogueState& st;
  const TurnInput& in;
  Clinic& clinic;
  nlu::Now now;
  std::string today;
  int now_min = 0;

  bool past(const Slot& s) const { return s.date < today || (s.date == today && minutes_of(s.time) <= now_min); }
  std::string get(const Args& a, const std::string& k) const {
    auto it = a.values.find(k);
    return it == a.values.end() ? std::string() : it->second;
  }
};

std::string slot_line(const Slot& s) { return s.date + " " + s.time + " " + s.provider; }


// The patient's own upcoming appointment `id`, or an error naming why not (another patient's id included).
std::optional<Visit> own_visit(Ctx& c, const std::string& id, std::string& error) {
  for (const auto& v : c.clinic.upcoming_visits(*c.in.patient_id))
    if (std::to_string(v.id) == id) return v;
  error = "Refused: appointment " + id +
          " is not one of this patient's upcoming appointments. Call get_appointments for their appointments.";
  return std::nullopt;
}

// A free, future opening at date/time (with `provider` when given), or an error for the model.
std::optional<Slot> free_slot(Ctx& c, const std::string& date, const std::string& time, const std::string& provider,
                              std::string& error) {
  if (!valid_date(date)) {
    error = "Invalid arguments: 'date' must be a date as YYYY-MM-DD.";
    return std::nullopt;
  }
  if (minutes_of(time) < 0) {
    error = "Invalid arguments: 'start_time' must be a time as HH:MM (24-hour).";
    return std::nullopt;
  }
  for (const auto& s : c.clinic.free_slots(date, date))
    if (s.time == time && (provider.empty() || fold_name(s.provider) == fold_name(provider)) && !c.past(s)) return s;
  error = "That slot is not free" + (provider.empty() ? std::string() : " with " + provider) +
          ". Call get_availability and choose one of the listed openings.";
  return std::nullopt;
}

Outcome pend(Ctx& c, const std::string& task) {
  c.st.task = task;
  c.st.stage = "confirming";
  c.st.offered.clear();
  c.st.offered_visits.clear();
  c.st.offered_meds.clear();
  return {"Proposed. The patient is now asked to confirm with yes or no; nothing is written until they do. "
          "Do not call another tool.",
          true, true};
}

Outcome run_tool(Ctx& c, const llm::ToolSpec& spec, const std::string& arguments) {
  const auto a = parse_args(spec, arguments);
  if (!a.error.empty()) return fail(a.error);
  const auto& name = spec.name;
  if (name == "get_availability") {
    const auto from = c.get(a, "date_from");
    const auto to = c.get(a, "date_to").empty() ? from : c.get(a, "date_to");
    if (!valid_date(from)) return fail("Invalid arguments: 'date_from' must be a date as YYYY-MM-DD.");
    if (!valid_date(to) || to < from) return fail("Invalid arguments: 'date_to' must be a date on or after date_from.");
    if (to > add_days(from, kMaxRangeDays))
      return fail("Invalid arguments: the range may span at most " + std::to_string(kMaxRangeDays) + " days.");
    const auto provider = c.get(a, "provider_name");
    std::vector<std::string> lines;
    std::size_t total = 0;
    for (const auto& s : c.clinic.free_slots(from, to)) {
      if (c.past(s) || (!provider.empty() && fold_name(s.provider) != fold_name(provider))) continue;
      ++total;
      if (lines.size() < kMaxListed) lines.push_back(slot_line(s));
    }
    if (lines.empty()) return {"No free slots between " + from + " and " + to + ".", true, false};
    std::string out = "Free slots (date time provider):";
    for (const auto& l : lines) out += "\n" + l;
    if (total > lines.size()) out += "\n(" + std::to_string(total - lines.size()) + " more; narrow the range)";
    return {out, true, false};
  }
  if (!c.in.patient_id)
    return fail("The patient is not signed in. Ask them to sign in to the patient portal; no records can be used.");
  const auto pid = std::to_string(*c.in.patient_id);
  if (name == "get_appointments") {
    const auto visits = c.clinic.upcoming_visits(*c.in.patient_id);
    if (visits.empty()) return {"The patient has no upcoming appointments.", true, false};
    std::string out = "Upcoming appointments:";
    for (const auto& v : visits)
      out += "\nappointment_id " + std::to_string(v.id) + ": " + v.date + " " + v.time + " with " + v.provider +
             (v.reason.empty() ? "" : " (" + v.reason + ")");
    return {out, true, false};
  }
  if (name == "get_prescriptions") {
    const auto meds = c.clinic.prescriptions(*c.in.patient_id);
    if (meds.empty()) return {"The patient has no active prescriptions.", true, false};
    std::string out = "Active prescriptions:";
    for (const auto& m : meds) out += "\n" + m.name + " (" + std::to_string(m.refills_remaining) + " refills left)";
    return {out, true, false};
  }
  if (name == "check_insurance") {
    const auto res = c.clinic.execute("check_insurance", {{"patient_id", pid}}, "");
    return {res.message, res.status == "success", false};
  }

  // Writes: validated now, carried out after the patient's "yes".
  std::string error;
  if (name == "create_appointment") {
    auto provider = c.get(a, "provider_name");
    auto slot = free_slot(c, c.get(a, "date"), c.get(a, "start_time"), provider, error);
    if (!slot) return fail(error);
    c.st.clear();
    c.st.chosen = *slot;
    c.st.slots.provider = slot->provider;
    c.st.slots.reason = trim_reply(c.get(a, "reason"), 200);
    return pend(c, "book_appointment");
  }
  if (name == "reschedule_appointment") {
    auto visit = own_visit(c, c.get(a, "appointment_id"), error);
    if (!visit) return fail(error);
    auto slot = free_slot(c, c.get(a, "date"), c.get(a, "start_time"), visit->provider, error);
    if (!slot) return fail(error);
    c.st.clear();
    c.st.chosen = *slot;
    c.st.slots.appointment_id = visit->id;
    c.st.slots.appointment_label = visit_label(*visit, c.in.language == "es");
    c.st.slots.appointment_provider = visit->provider;
    return pend(c, "reschedule_appointment");
  }
  if (name == "cancel_appointment") {
    auto visit = own_visit(c, c.get(a, "appointment_id"), error);
    if (!visit) return fail(error);
    c.st.clear();
    c.st.slots.appointment_id = visit->id;
    c.st.slots.appointment_label = visit_label(*visit, c.in.language == "es");
    c.st.slots.appointment_provider = visit->provider;
    return pend(c, "cancel_appointment");
  }
  if (name == "request_prescription_refill") {
    const auto wanted = fold_name(c.get(a, "medication_name"));
    const auto meds = c.clinic.prescriptions(*c.in.patient_id);
    const Medication* med = nullptr;
    for (const auto& m : meds)
      if (fold_name(m.name) == wanted) med = &m;
    if (!med) {
      std::string names;
      for (const auto& m : meds) names += (names.empty() ? "" : ", ") + m.name;
      return fail("Refused: the patient has no active prescription named '" + c.get(a, "medication_name") +
                  "'. Their prescriptions: " + (names.empty() ? "none" : names) + ".");
    }
    if (med->refills_remaining <= 0)
      return fail("Refused: " + med->name + " has no refills left; the patient needs to see their provider.");
    c.st.clear();
    c.st.slots.medication = med->name;
    c.st.slots.pharmacy = trim_reply(c.get(a, "pharmacy"), 200);
    return pend(c, "prescription_refill");
  }
  if (name == "handoff_to_staff") {
    c.st.clear();
    c.st.slots.reason = trim_reply(c.get(a, "reason"), 300);
    return pend(c, "handoff_to_staff");
  }
  return fail("Unknown tool '" + name + "'.");
}

// The model's reply as shown: whitespace trimmed, bounded (punctuation kept).
std::string model_text(const std::string& text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = text.find_last_not_of(" \t\r\n");
  auto out = text.substr(b, e - b + 1);
  return out.size() > 4000 ? trim_reply(out, 4000) : out;
}

std::string system_prompt(const Ctx& c, const std::string& time_zone) {
  char now[8];
  std::snprintf(now, sizeof now, "%02d:%02d", c.now.hour, c.now.minute);
  return "You are the scheduling assistant of a medical clinic, talking with a patient. Today is " + date_label(c.today) +
         " (" + c.today + "), local time " + now + " (" + time_zone +
         "). Use the tools to look up openings, the patient's appointments and prescriptions, and to propose "
         "bookings, changes, cancellations, refill requests or a hand-off to staff. Proposed changes are carried "
         "out only after the patient confirms, which the system asks for: propose one change at a time, with "
         "arguments taken from tool results. The system knows who the patient is: never ask for or pass patient "
         "or clinic identifiers. Dates are YYYY-MM-DD and times HH:MM (24-hour). Keep replies short and do not "
         "give medical advice." +
         std::string(c.in.language == "es" ? " The patient writes in Spanish: reply in Spanish." : "");
}

}  // namespace

std::vector<llm::ToolSpec> model_tools() {
  return {
      {"get_availability", "Free appointment slots between two dates (inclusive), optionally with one provider.",
       R"({"type":"object","properties":{"date_from":{"type":"string","description":"First day, YYYY-MM-DD"},)"
       R"("date_to":{"type":"string","description":"Last day, YYYY-MM-DD, at most 14 days after date_from"},)"
       R"("provider_name":{"type":"string","description":"e.g. Dr. Adams"}},"required":["date_from"],)"
       R"("additionalProperties":false})"},
      {"get_appointments", "The patient's upcoming appointments with their appointment_id.", kNoArgs},
      {"get_prescriptions", "The patient's active prescriptions and the refills left on each.", kNoArgs},
      {"check_insurance", "The insurance plan on file for the patient.", kNoArgs},
      {"create_appointment",
       "Propose booking a free slot for the patient. Nothing is written until the patient confirms.",
       R"({"type":"object","properties":{"date":{"type":"string","description":"YYYY-MM-DD"},)"
       R"("start_time":{"type":"string","description":"HH:MM, 24-hour"},"provider_name":{"type":"string"},)"
       R"("reason":{"type":"string","description":"Reason for the visit"}},)"
       R"("required":["date","start_time","provider_name"],"additionalProperties":false})"},
      {"reschedule_appointment",
       "Propose moving one of the patient's appointments to a free slot with the same provider. Nothing is "
       "written until the patient confirms.",
       R"({"type":"object","properties":{"appointment_id":{"type":"integer"},)"
       R"("date":{"type":"string","description":"YYYY-MM-DD"},"start_time":{"type":"string","description":"HH:MM"}},)"
       R"("required":["appointment_id","date","start_time"],"additionalProperties":false})"},
      {"cancel_appointment", "Propose cancelling one of the patient's appointments. Nothing is written until the patient confirms.",
       R"({"type":"object","properties":{"appointment_id":{"type":"integer"}},"required":["appointment_id"],)"
       R"("additionalProperties":false})"},
      {"request_prescription_refill",
       "Propose a refill request for one of the patient's prescriptions. Nothing is written until the patient confirms.",
       R"({"type":"object","properties":{"medication_name":{"type":"string"},)"
       R"("pharmacy":{"type":"string","description":"Pharmacy to send it to; omit for the one on file"}},)"
       R"("required":["medication_name"],"additionalProperties":false})"},
      {"handoff_to_staff",
       "Propose asking a member of the clinic's staff to contact the patient. Nothing is sent until the patient confirms.",
       R"({"type":"object","properties":{"reason":{"type":"string","description":"What the patient needs"}},)"
       R"("required":["reason"],"additionalProperties":false})"},
  };
}

bool has_model_provider(llm::Api& llm) {
  for (const auto& p : llm.providers())
    if (p.id != "builtin" && p.configured && p.healthy) return true;
  return false;
}

std::optional<RunResult> tool_turn(DialogueState& st, const TurnInput& in, Clinic& clinic, llm::Api& llm,
                                   const CallContext& ctx, const ToolTurnOptions& options) {
  Ctx c{st, in, clinic, clinic.now(), {}, 0};
  char today[16];
  std::snprintf(today, sizeof today, "%04d-%02d-%02d", c.now.year, c.now.month, c.now.day);
  c.today = today;
  c.now_min = c.now.hour * 60 + c.now.minute;

  const auto tools = model_tools();
  llm::ChatRequest req;
  req.system = system_prompt(c, options.time_zone);
  for (const auto& [role, text] : st.history) req.messages.push_back({role, text});
  req.messages.push_back({"user", in.text});
  req.tools = tools;
  req.tenant_id = std::to_string(options.tenant_id);
  req.max_tokens = 512;
  req.temperature = 0.2;
  req.intent = in.intent;

  RunResult r;
  r.handled = true;
  for (int step = 0; step < options.max_steps; ++step) {
    llm::ChatResponse res;
    try {
      res = llm.generate(req, ctx);
    } catch (const std::exception&) {
      return std::nullopt;  // limits or validation: the planner answers without a model
    }
    if (res.provider.empty() || res.provider == "builtin") return std::nullopt;
    r.cost += res.cost_usd;
    if (res.tool_calls.empty()) {
      r.steps.push_back({"reasoning", "model answered (" + res.provider + ")"});
      r.output = model_text(res.text);
      r.task = st.task;
      r.state = st.active() ? st.stage : "idle";
      return r;
    }
    r.steps.push_back({"reasoning", "model asked for " + std::to_string(res.tool_calls.size()) + " tool call(s) (" +
                                        res.provider + ")"});
    req.messages.push_back({"assistant", res.text, res.tool_calls});
    bool pending = false;
    for (const auto& call : res.tool_calls) {
      Outcome o;
      const auto spec = std::find_if(tools.begin(), tools.end(), [&](const auto& t) { return t.name == call.name; });
      if (spec == tools.end()) {
        o = fail("Unknown tool '" + call.name + "'.");
      } else if (pending) {
        o = fail("Not done: a change already awaits the patient's confirmation; propose one change at a time.");
      } else {
        try {
          o = run_tool(c, *spec, call.arguments);
        } catch (const std::exception& e) {  // e.g. the execution engine is unreachable: the model can say so
          o = fail(std::string("The tool failed: ") + e.what());
        }
      }
      pending = pending || o.pending;
      r.tool_calls.push_back({call.name, call.arguments, o.text, o.ok});
      r.steps.push_back({"tool", call.name});
      llm::Message result{"tool", o.text};
      result.tool_call_id = call.id;
      result.name = call.name;
      result.is_error = !o.ok;
      req.messages.push_back(std::move(result));
    }
    if (pending) {  // the model's part ends here: the patient answers the system's own question
      r.steps.push_back({"confirm", st.task});
      r.output = confirm_question(st, in.language == "es");
      r.task = st.task;
      r.state = "confirming";
      return r;
    }
  }
  r.steps.push_back({"reasoning", "tool loop bound reached (" + std::to_string(options.max_steps) + " model calls)"});
  r.output =
      "I'm sorry, I couldn't finish that request, and nothing has been changed. You can try again in other words, or "
      "ask to talk to a member of our staff.";
  r.task = st.task;
  r.state = "failed";
  return r;
}

}  // namespace aurixa::agents
