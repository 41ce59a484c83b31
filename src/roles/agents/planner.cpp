#include "roles/agents/planner.hpp"

#include <date/date.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "roles/agents/text.hpp"
#include "roles/agents/wording.hpp"

namespace aurixa::agents {

namespace {

using namespace wording;  // the sentences and labels in both languages

constexpr std::size_t kMaxOptions = 3;
constexpr int kSearchDays = 14;  // how far ahead openings are searched when a request cannot be met

std::string today_of(const nlu::Now& n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", n.year, n.month, n.day);
  return buf;
}

struct Turn {
  DialogueState& st;
  const TurnInput& in;
  Clinic& clinic;
  nlu::Now now;
  std::string today;
  RunResult r;
  bool es = false;  // reply in Spanish (the patient's language, docs/QUALITY.md "Questions in Spanish")

  void say(std::string text) { r.output = std::move(text); }
  // The sentence in the patient's language.
  const char* t(const char* en, const char* es_text) const { return es ? es_text : en; }
  void tool(std::string name, std::string args, std::string result, bool ok) {
    r.tool_calls.push_back({std::move(name), std::move(args), std::move(result), ok});
    r.steps.push_back({"tool", r.tool_calls.back().tool_name});
  }
  void reason(std::string details) { r.steps.push_back({"reasoning", std::move(details)}); }
  std::string idempotency_key() const {
    return in.session_id.empty() ? std::string() : "agent:" + in.session_id + ":" + std::to_string(st.version);
  }
};

std::string json_args(const std::map<std::string, std::string>& params) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : params) {
    if (!first) out += ",";
    first = false;
    out += "\"" + json_escape(k) + "\":\"" + json_escape(v) + "\"";
  }
  return out + "}";
}

// ---------------------------------------------------------------- slots

bool time_matches(const TaskSlots& t, int minute) {
  if (t.time_start < 0) return true;
  if (t.time_exact) return minute == t.time_start;
  return minute >= t.time_start && minute < t.time_end;
}

// Applies what this message says to the task's slots. A new date or time replaces the old one (that is also
// how corrections work); "same time" keeps the time; a date alone keeps an earlier time.
void merge(TaskSlots& t, const nlu::Slots& s, bool correction) {
  if (s.when.date) {
    t.date_first = s.when.date->first;
    t.date_last = s.when.date->last;
    t.date_phrase = s.when.date->phrase;
  }
  if (s.when.time && !s.when.time->same_time) {
    t.time_start = s.when.time->start_minute;
    t.time_end = s.when.time->end_minute;
    t.time_exact = s.when.time->exact;
    t.time_phrase = s.when.time->phrase;
  }
  if (s.provider) t.provider = *s.provider;
  if (s.reason && (t.reason.empty() || correction)) t.reason = *s.reason;
  if (s.medication) t.medication = *s.medication;
  if (s.pharmacy) t.pharmacy = *s.pharmacy;
}

// Openings matching the task's date, time and provider, not in the past.
std::vector<Slot> matching_slots(Turn& c, const std::string& first, const std::string& last, const std::string& provider,
                                 bool use_time) {
  std::vector<Slot> out;
  const int now_min = c.now.hour * 60 + c.now.minute;
  for (auto& s : c.clinic.free_slots(first, last)) {
    if (s.date < c.today || (s.date == c.today && minutes_of(s.time) <= now_min)) continue;
    if (!provider.empty() && s.provider != provider) continue;
    if (use_time && !time_matches(c.st.slots, minutes_of(s.time))) continue;
    out.push_back(std::move(s));
  }
  return out;
}

// Up to three options that differ as much as possible: distinct date+time first, then any.
std::vector<Slot> spread(const std::vector<Slot>& slots) {
  std::vector<Slot> out;
  std::set<std::string> seen;
  for (const auto& s : slots) {
    if (out.size() == kMaxOptions) break;
    if (seen.insert(s.date + s.time).second) out.push_back(s);
  }
  for (const auto& s : slots) {
    if (out.size() == kMaxOptions) break;
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) { return std::tie(a.date, a.time) < std::tie(b.date, b.time); });
  return out;
}

// Lists the options and asks which one (or `question`, e.g. whether to book one of them).
void offer(Turn& c, const std::vector<Slot>& options, const std::string& lead, const std::string& question = "") {
  c.st.offered = options;
  c.st.chosen.reset();
  c.st.stage = "collecting";
  std::vector<std::string> labels;
  for (const auto& o : options) labels.push_back(slot_label(o, c.es));
  c.say(lead + numbered(labels) +
        (question.empty() ? std::string(c.t(". Which one works for you?", ". ¿Cuál le conviene?")) : question));
  c.r.clarification = true;
  c.r.missing_slots = {"slot"};
}


void ask_confirmation(Turn& c) {
  c.st.stage = "confirming";
  c.st.offered.clear();
  c.say(confirm_question(c.st, c.es));
  c.r.missing_slots.clear();
}

void choose(Turn& c, const Slot& s) {
  c.st.chosen = s;
  ask_confirmation(c);
}

// Picks one of the options last offered: "the second one", "2", "the 10 o'clock", "tomorrow at 10".
std::optional<Slot> pick_offered(const Turn& c, const nlu::Slots& said) {
  const auto& offered = c.st.offered;
  if (offered.empty()) return std::nullopt;
  if (auto i = ordinal_choice(c.in.text, offered.size())) return offered[*i];
  std::vector<Slot> hits;
  for (const auto& o : offered) {
    bool ok = said.when.date || said.when.time || said.provider;
    if (said.when.date && (o.date < said.when.date->first || o.date > said.when.date->last)) ok = false;
    if (said.when.time && !said.when.time->same_time) {
      const int m = minutes_of(o.time);
      const auto& t = *said.when.time;
      if (t.exact ? m != t.start_minute : (m < t.start_minute || m >= t.end_minute)) ok = false;
    }
    if (said.provider && o.provider != *said.provider) ok = false;
    if (ok) hits.push_back(o);
  }
  if (hits.size() == 1) return hits.front();
  // "9 works" after "9:00 AM or 10:00 AM?": the one opening at that hour of the clock.
  if (!said.when.time && !said.when.date && hits.empty())
    if (const auto t = bare_hour(c.in.text)) {
      std::vector<Slot> at;
      for (const auto& o : offered) {
        const int m = minutes_of(o.time);
        if ((m / 60) % 12 == t->hour % 12 && m % 60 == t->minute) at.push_back(o);
      }
      if (at.size() == 1) return at.front();
    }
  return std::nullopt;
}

// Book or reschedule: find the opening the patient asked for, or offer the nearest ones.
void resolve_slot(Turn& c) {
  auto& t = c.st.slots;
  const bool moving = c.st.task == "reschedule_appointment";
  const std::string provider = moving ? t.appointment_provider : t.provider;
  if (t.date_first.empty()) {
    if (t.time_start >= 0) {
      // A time without a day: offer that time over the coming days.
      auto near = matching_slots(c, c.today, add_days(c.today, kSearchDays), provider, true);
      if (!near.empty())
        return offer(c, spread(near), c.t("Here are the next openings at that time: ", "Estos son los próximos horarios libres a esa hora: "));
    }
    c.st.stage = "collecting";
    c.r.missing_slots = {"date", "time"};
    if (moving)
      return c.say(c.es ? "Claro. ¿A qué día y hora quiere mover su " + t.appointment_label + "?"
                        : "Sure. What day and time would you like to move your " + t.appointment_label + " to?");
    std::string what = t.reason.empty() ? std::string(c.t("an appointment", "una cita"))
                                        : c.t("an appointment for ", "una cita para ") + t.reason;
    if (!t.provider.empty()) what += c.t(" with ", " con ") + t.provider;
    return c.say(c.es ? "Puedo reservar " + what + ". ¿Qué día le conviene, y prefiere la mañana o la tarde?"
                      : "I can book " + what + ". What day works for you, and do you prefer morning or afternoon?");
  }
  auto exact = matching_slots(c, t.date_first, t.date_last, provider, true);
  if (exact.empty() && !provider.empty() && !moving) {
    auto others = matching_slots(c, t.date_first, t.date_last, "", true);
    if (!others.empty())
      return offer(c, spread(others), provider + c.t(" has no opening then, but these are free: ",
                                                     " no tiene horario libre entonces, pero estos sí: "));
  }
  if (exact.empty()) {
    auto later = matching_slots(c, c.today, add_days(t.date_last, kSearchDays), provider, true);
    if (later.empty()) later = matching_slots(c, c.today, add_days(t.date_last, kSearchDays), provider, false);
    if (later.empty()) {
      c.st.clear();
      c.r.state = "failed";
      return c.say(c.t("I'm sorry, I couldn't find any opening in the next two weeks. Would you like me to ask our staff to call you?",
                       "Lo siento, no encontré horarios libres en las próximas dos semanas. ¿Quiere que le pida a nuestro personal que le llame?"));
    }
    // Nearest to the requested day first.
    std::stable_sort(later.begin(), later.end(), [&](const Slot& a, const Slot& b) {
      return (a.date < t.date_first) < (b.date < t.date_first);
    });
    const std::string when = (t.date_phrase.empty() ? std::string(c.t("then", "entonces")) : t.date_phrase) +
                             (t.time_phrase.empty() ? "" : " " + t.time_phrase);
    return offer(c, spread(later), c.es ? "No hay horarios libres " + when + ". Los más cercanos son: "
                                        : "Nothing is open " + when + ". The nearest openings are: ");
  }
  const bool single_day = t.date_first == t.date_last;
  const bool one_time = std::all_of(exact.begin(), exact.end(), [&](const Slot& s) { return s.date == exact[0].date && s.time == exact[0].time; });
  if (exact.size() == 1 || (single_day && one_time)) return choose(c, exact.front());
  offer(c, spread(exact), c.t("I have these openings: ", "Tengo estos horarios: "));
}

// ------------------------------------------------------------- visits

std::optional<Visit> pick_visit(const Turn& c, const std::vector<Visit>& visits, const nlu::Slots& said) {
  if (visits.empty()) return std::nullopt;
  if (!c.st.offered_visits.empty())
    if (auto i = ordinal_choice(c.in.text, visits.size())) return visits[*i];
  const auto words = content_words(c.in.text);
  int best = 0;
  std::vector<const Visit*> top;
  for (const auto& v : visits) {
    int score = 0;
    for (const auto& w : content_words(v.reason + " " + v.provider))
      if (words.count(w)) score += 2;
    if (said.when.date && v.date >= said.when.date->first && v.date <= said.when.date->last) score += 1;
    if (said.provider && *said.provider == v.provider) score += 1;
    if (score > best) {
      best = score;
      top = {&v};
    } else if (score == best && score > 0) {
      top.push_back(&v);
    }
  }
  if (top.size() == 1) return *top.front();
  return std::nullopt;
}

void set_target(Turn& c, const Visit& v) {
  c.st.slots.appointment_id = v.id;
  c.st.slots.appointment_label = visit_label(v, c.es);
  c.st.slots.appointment_provider = v.provider;
  c.st.offered_visits.clear();
}

// Reschedule and cancel: which appointment? Then, for a move, when to.
void resolve_visit_task(Turn& c, const nlu::Slots& said) {
  auto& t = c.st.slots;
  if (t.appointment_id == 0) {
    const auto visits = c.clinic.upcoming_visits(*c.in.patient_id);
    if (visits.empty()) {
      const bool cancel = c.st.task == "cancel_appointment";
      c.st.clear();
      c.r.state = "failed";
      if (c.es) return c.say(std::string("No veo citas próximas a su nombre, así que no hay nada que ") + (cancel ? "cancelar." : "mover."));
      return c.say(std::string("I don't see any upcoming appointments for you, so there is nothing to ") + (cancel ? "cancel." : "move."));
    }
    auto v = pick_visit(c, visits, said);
    if (!v && visits.size() == 1) v = visits.front();
    if (!v) {
      c.st.offered_visits = visits;
      c.st.stage = "collecting";
      std::vector<std::string> labels;
      for (const auto& x : visits) labels.push_back(visit_label(x, c.es));
      c.r.clarification = true;
      c.r.missing_slots = {"appointment"};
      return c.say(c.t("Which appointment do you mean? ", "¿A qué cita se refiere? ") + numbered(labels) + ".");
    }
    set_target(c, *v);
    // Words that named the appointment ("my checkup on thursday") are not its new time; a different day or
    // time in the same message ("move my knee visit to 4 days from now at 2pm") is.
    if (c.st.task == "reschedule_appointment") {
      if (!t.date_first.empty() && v->date >= t.date_first && v->date <= t.date_last) {
        t.date_first.clear(), t.date_last.clear(), t.date_phrase.clear();
      }
      if (t.time_start >= 0 && time_matches(t, minutes_of(v->time)) && t.date_first.empty()) {
        t.time_start = t.time_end = -1;
        t.time_phrase.clear();
      }
    }
  }
  if (c.st.task == "cancel_appointment") return ask_confirmation(c);
  resolve_slot(c);
}

// -------------------------------------------------------------- refill

void resolve_refill(Turn& c, const std::vector<Medication>& meds) {
  auto& t = c.st.slots;
  if (t.medication.empty()) {
    if (meds.empty()) {
      c.st.clear();
      c.r.state = "failed";
      return c.say(c.t("I don't see any active prescriptions on file for you. Please contact your provider for a new prescription.",
                       "No veo recetas activas a su nombre. Comuníquese con su médico para una receta nueva."));
    }
    if (meds.size() == 1) {
      t.medication = meds.front().name;
    } else {
      c.st.offered_meds.clear();
      std::vector<std::string> names;
      for (const auto& m : meds) c.st.offered_meds.push_back(m.name), names.push_back(m.name);
      c.st.stage = "collecting";
      c.r.clarification = true;
      c.r.missing_slots = {"medication"};
      return c.say(c.t("Which medication would you like refilled? ", "¿Qué medicamento quiere resurtir? ") + numbered(names) + ".");
    }
  }
  if (t.pharmacy.empty()) {
    c.st.stage = "collecting";
    c.r.missing_slots = {"pharmacy"};
    return c.say(c.es ? "¿A qué farmacia enviamos el resurtido de " + t.medication +
                            "? También puedo usar la farmacia que tenemos registrada."
                      : "Which pharmacy should we send the " + t.medication +
                            " refill to? I can also use the pharmacy we have on file for you.");
  }
  ask_confirmation(c);
}

// -------------------------------------------------------------- writes

void commit(Turn& c) {
  auto& st = c.st;
  auto& t = st.slots;
  const std::string pid = std::to_string(*c.in.patient_id);
  std::string action;
  std::map<std::string, std::string> params{{"patient_id", pid}};
  if (st.task == "book_appointment") {
    action = "create_appointment";
    params.insert({{"date", st.chosen->date}, {"start_time", st.chosen->time}, {"provider_name", st.chosen->provider},
                   {"reason", t.reason.empty() ? std::string("General visit") : t.reason}});
  } else if (st.task == "reschedule_appointment") {
    action = "reschedule_appointment";
    params.insert({{"appointment_id", std::to_string(t.appointment_id)}, {"date", st.chosen->date},
                   {"start_time", st.chosen->time}});
  } else if (st.task == "cancel_appointment") {
    action = "cancel_appointment";
    params.insert({"appointment_id", std::to_string(t.appointment_id)});
  } else if (st.task == "handoff_to_staff") {  // proposed by a model through function calling
    action = "handoff_to_staff";
    params.insert({{"reason", t.reason.empty() ? std::string("Patient asked for a staff member") : t.reason},
                   {"summary", t.reason},
                   {"priority", "normal"}});
    if (!c.in.session_id.empty()) params["session_id"] = c.in.session_id;
  } else {
    action = "request_prescription_refill";
    params.insert({"medication_name", t.medication});
    if (!t.pharmacy.empty()) params.insert({"pharmacy", t.pharmacy});
  }
  const auto res = c.clinic.execute(action, params, c.idempotency_key());
  const bool ok = res.status == "success";
  c.tool(action, json_args(params), res.message, ok);
  if (ok) {
    c.r.wrote = true;
    if (st.task == "handoff_to_staff") c.r.escalated = true, c.r.escalation_type = "human";
    const std::string task = st.task;
    const TaskSlots slots = st.slots;
    st.clear();
    c.r.state = "done";
    return c.say(c.es ? done_in_spanish(task, res, slots) : res.message);
  }
  if (res.error_code == "slot_taken" && (st.task == "book_appointment" || st.task == "reschedule_appointment")) {
    std::vector<Slot> options;
    for (const auto& o : res.options) options.push_back({o.date, o.time, o.provider});
    if (!options.empty())
      return offer(c, options, c.t("Sorry, that time was just taken. These are still free: ",
                                   "Lo siento, ese horario se acaba de ocupar. Estos siguen libres: "));
  }
  st.clear();
  c.r.state = "failed";
  if (c.es) return c.say(refused_in_spanish(res));
  c.say(res.message.empty() ? "Sorry, I couldn't complete that: " + res.error_code : res.message);
}

void drop(Turn& c, const char* why) {
  const std::string task = c.st.task;
  c.st.clear();
  c.r.state = "cancelled";
  c.reason(why);
  if (task == "cancel_appointment")
    return c.say(c.t("Okay, I'll keep your appointment as it is.", "De acuerdo, dejo su cita como está."));
  if (task == "prescription_refill")
    return c.say(c.t("Okay, I haven't requested anything. Just let me know when you'd like the refill.",
                     "De acuerdo, no pedí nada. Avíseme cuando quiera el resurtido."));
  if (task == "handoff_to_staff")
    return c.say(c.t("Okay, I haven't contacted our staff. Is there anything else I can help with?",
                     "De acuerdo, no contacté a nuestro personal. ¿Le ayudo con algo más?"));
  c.say(c.t("No problem, I haven't booked or changed anything. Just let me know when you're ready.",
            "No hay problema, no reservé ni cambié nada. Avíseme cuando esté listo."));
}

// ------------------------------------------------------------ one-shot tools

void list_visits(Turn& c) {
  const auto res = c.clinic.execute("get_appointments", {{"patient_id", std::to_string(*c.in.patient_id)}}, "");
  c.tool("get_appointments", "{\"patient_id\":\"" + std::to_string(*c.in.patient_id) + "\"}", res.message, res.status == "success");
  if (!c.es || res.status != "success") return c.say(res.message);
  std::vector<std::string> labels;
  for (const auto& v : c.clinic.upcoming_visits(*c.in.patient_id)) labels.push_back(visit_label(v, true));
  c.say(labels.empty() ? "No tiene citas próximas." : "Sus próximas citas: " + numbered(labels) + ".");
}

void availability(Turn& c, const nlu::Slots& said) {
  const std::string first = said.when.date ? said.when.date->first : c.today;
  const std::string last = said.when.date ? said.when.date->last : add_days(c.today, 2);
  c.st.clear();
  c.st.task = "book_appointment";
  merge(c.st.slots, said, false);
  auto slots = matching_slots(c, first, last, said.provider.value_or(""), true);
  c.tool("get_availability", "{\"from\":\"" + first + "\",\"to\":\"" + last + "\"}",
         std::to_string(slots.size()) + " openings", true);
  if (slots.empty()) {
    c.st.clear();
    const std::string when =
        said.when.date ? said.when.date->phrase : std::string(c.t("in the next few days", "en los próximos días"));
    return c.say(c.es ? "No veo horarios libres " + when + ". ¿Quiere que busque más adelante?"
                      : "I don't see any openings " + when + ". Would you like me to look further ahead?");
  }
  offer(c, spread(slots), c.t("These are the soonest openings: ", "Estos son los horarios más próximos: "),
        c.t(". Would you like me to book one of them?", ". ¿Quiere que le reserve uno?"));
}

void handoff(Turn& c) {
  std::map<std::string, std::string> params{
      {"reason", "Patient asked for a staff member"}, {"summary", trim_reply(c.in.text, 4000)}, {"priority", "normal"}};
  if (!c.in.session_id.empty()) params["session_id"] = c.in.session_id;
  if (c.in.patient_id) params["patient_id"] = std::to_string(*c.in.patient_id);
  const auto res = c.clinic.execute("handoff_to_staff", params, c.idempotency_key());
  const bool ok = res.status == "success";
  c.tool("handoff_to_staff", json_args(params), res.message, ok);
  c.st.clear();
  c.r.escalated = ok;
  c.r.escalation_type = ok ? "human" : "";
  if (c.es)
    return c.say(ok ? "Le pedí a un miembro de nuestro personal que le ayude; le contactarán pronto." +
                          (res.data.count("task_ref") ? " Referencia: " + res.data.at("task_ref") + "." : std::string())
                    : "No pude comunicarme con nuestro personal en este momento. Llame a la recepción, por favor.");
  c.say(ok ? "I've asked a member of our staff to help you; they will contact you shortly. " + res.message
           : "I couldn't reach our staff right now. Please call the front desk.");
}

void insurance(Turn& c) {
  const auto res = c.clinic.execute("check_insurance", {{"patient_id", std::to_string(*c.in.patient_id)}}, "");
  c.tool("check_insurance", "{\"patient_id\":\"" + std::to_string(*c.in.patient_id) + "\"}", res.message, res.status == "success");
  // The plan details go to the answer composer together with the knowledge base (coverage rules live there).
  c.r.handled = false;
}

bool is_question(const std::string& text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  if (end != std::string::npos && text[end] == '?') return true;
  if (text.rfind("\xC2\xBF", 0) == 0) return true;  // ¿
  const auto words = nlu::fold(text);
  for (const char* w : {"is ", "are ", "do ", "does ", "what ", "when ", "where ", "how ", "why ", "which ", "who "})
    if (words.rfind(w, 0) == 0) return true;
  return false;
}

// Words only an English message has (not "no", "me", "ok", names or numbers, which Spanish shares).
bool has_english_word(const std::string& text) {
  static const std::set<std::string> kEnglish = {
      "the",  "is",   "are",   "i",      "im",   "you",  "your", "my",   "to",      "for",   "and",    "with",
      "please", "yes", "yeah", "yep",    "can",  "could", "would", "want", "need",  "it",    "that",   "this",
      "what", "when", "how",   "of",     "at",   "on",   "in",   "book", "cancel", "appointment", "thanks",
      "thank", "works", "sure", "fine",  "morning", "afternoon", "tomorrow", "today", "one", "first", "second"};
  std::istringstream words(nlu::fold(text));
  for (std::string w; words >> w;)
    if (kEnglish.count(w)) return true;
  return false;
}

bool fills_for_task(const DialogueState& st, const nlu::Slots& s, const Turn& c) {
  if (st.task == "prescription_refill")
    return s.medication || s.pharmacy || (st.stage == "collecting" && st.slots.medication.size() && st.slots.pharmacy.empty());
  if (st.task == "cancel_appointment") return st.slots.appointment_id == 0 && !content_words(c.in.text).empty() && !st.offered_visits.empty();
  if (s.when.date || s.when.time || s.provider) return true;
  // "it's for a sore throat that won't go away" after "I want to make an appointment": what the visit is for,
  // not a medical question (a question about it, "is a sore throat contagious?", still is one, and so is
  // another task: "actually, cancel my physical instead", "refill my metformin for my diabetes").
  const std::string& alone = c.in.standalone_intent.empty() ? c.in.intent : c.in.standalone_intent;
  const double alone_conf = c.in.standalone_intent.empty() ? c.in.confidence : c.in.standalone_confidence;
  const bool other_task = is_task_intent(alone) && alone != st.task && alone_conf >= 0.7;
  if (st.task == "book_appointment" && st.slots.reason.empty() && s.reason && !s.medication && !other_task &&
      !is_question(c.in.text))
    return true;
  if (!st.offered.empty() && ordinal_choice(c.in.text, st.offered.size())) return true;
  if (!st.offered_visits.empty()) return true;
  return false;
}

bool is_side_question(const std::string& intent, double confidence) {
  static const std::set<std::string> kSide = {"clinic_info", "medical_question", "billing", "insurance_coverage",
                                              "lab_results", "list_appointments"};
  return kSide.count(intent) && confidence >= 0.5;
}

void advance(Turn& c, const nlu::Slots& said, nlu::Act act) {
  auto& st = c.st;
  if (st.stage == "confirming") {
    if (act == nlu::Act::affirm) return commit(c);
    if (act == nlu::Act::deny) {
      if (st.task == "cancel_appointment" || st.task == "prescription_refill" || st.task == "handoff_to_staff")
        return drop(c, "patient declined");
      st.chosen.reset();
      st.stage = "collecting";
      c.r.missing_slots = {"date", "time"};
      return c.say(c.t("Okay, I haven't booked anything. Would you like a different day or time?",
                       "De acuerdo, no reservé nada. ¿Quiere otro día u hora?"));
    }
    const bool changes = said.when.date || said.when.time || said.provider || said.medication || said.pharmacy;
    if (!changes || st.task == "handoff_to_staff")
      return c.say(c.t("Just to confirm: ", "Solo para confirmar: ") + confirm_question(st, c.es));
    st.chosen.reset();
  }
  if (st.task == "book_appointment" || st.task == "reschedule_appointment") {
    if (st.task == "reschedule_appointment" && st.slots.appointment_id == 0) return resolve_visit_task(c, said);
    if (auto pick = pick_offered(c, said)) {
      // "the 2pm one for a blood pressure follow up": the pick may also say what the visit is for.
      if (said.reason && (st.slots.reason.empty() || act == nlu::Act::correction)) st.slots.reason = *said.reason;
      return choose(c, *pick);
    }
    merge(st.slots, said, act == nlu::Act::correction);
    return resolve_slot(c);
  }
  if (st.task == "cancel_appointment") return resolve_visit_task(c, said);
  // Refill: a reply to "which pharmacy?" is the pharmacy even when it names no known chain.
  if (st.task == "prescription_refill") {
    const auto meds = c.clinic.prescriptions(*c.in.patient_id);
    // What the last question asked for decides how a bare answer is read ("the second one" picks a
    // medication; "the walgreens on 5th" names the pharmacy).
    const bool asked_pharmacy = !st.slots.medication.empty() && st.slots.pharmacy.empty();
    if (st.slots.medication.empty() && !st.offered_meds.empty())
      if (auto i = ordinal_choice(c.in.text, st.offered_meds.size())) st.slots.medication = st.offered_meds[*i];
    merge(st.slots, said, act == nlu::Act::correction);
    if (asked_pharmacy && st.slots.pharmacy.empty() && !said.medication) st.slots.pharmacy = trim_reply(c.in.text);
    return resolve_refill(c, meds);
  }
}

void start(Turn& c, const std::string& task, const nlu::Slots& said) {
  c.st.clear();
  c.st.task = task;
  c.st.stage = "collecting";
  c.reason("started task " + task);
  merge(c.st.slots, said, false);
  if (task == "prescription_refill") return resolve_refill(c, c.clinic.prescriptions(*c.in.patient_id));
  if (task == "book_appointment") return resolve_slot(c);
  resolve_visit_task(c, said);
}

}  // namespace

bool is_task_intent(const std::string& intent) {
  return intent == "book_appointment" || intent == "reschedule_appointment" || intent == "cancel_appointment" ||
         intent == "prescription_refill";
}

std::string add_days(const std::string& ymd, int n) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(ymd.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return ymd;
  const date::sys_days day = date::year{y} / m / d;
  return date::format("%F", day + date::days{n});
}

RunResult plan_turn(DialogueState& st, const TurnInput& in, Clinic& clinic) {
  Turn c{st, in, clinic, clinic.now(), {}, {}};
  c.today = today_of(c.now);
  // The reply's language: Spanish when the safety role read the message as Spanish, English when it has an
  // English word; otherwise ("sí", "10:30", "ok perfecto", "Dra. López") the conversation's so far.
  if (in.language == "es") {
    st.language = "es";
  } else if (has_english_word(in.text)) {
    st.language.clear();
  }
  c.es = st.language == "es";
  c.r.handled = true;
  nlu::Vocabulary vocab;
  vocab.providers = clinic.providers();
  vocab.specialties.assign(vocab.providers.size(), "");
  if (in.patient_id)
    for (const auto& m : clinic.prescriptions(*in.patient_id)) vocab.medications.push_back(m.name);
  const auto said = nlu::extract_slots(in.text, c.now, vocab);
  const auto act = nlu::classify_act(in.text);
  const bool needs_patient = is_task_intent(in.intent) || in.intent == "list_appointments" || in.intent == "insurance_coverage";

  if (st.active()) {
    // The message on its own terms (the contextual label leans towards the pending task).
    const std::string& alone = in.standalone_intent.empty() ? in.intent : in.standalone_intent;
    const double alone_conf = in.standalone_intent.empty() ? in.confidence : in.standalone_confidence;
    const bool fills = fills_for_task(st, said, c);
    // A new task only when the message does not answer what the current one asked ("my annual checkup, not
    // the other ones" picks the visit to move, whatever the classifier makes of "not").
    const bool switching = is_task_intent(alone) && alone != st.task && alone_conf >= 0.7 &&
                           act != nlu::Act::affirm && act != nlu::Act::deny && !fills;
    // A confident question about something else stays a side question even when it mentions a day ("is the
    // clinic open on sunday?" while choosing a slot).
    const bool side = is_side_question(alone, alone_conf) && (!fills || (alone_conf >= 0.85 && is_question(in.text)));
    if (alone == "human_handoff" && alone_conf >= 0.5) {
      handoff(c);
    } else if (switching) {
      start(c, alone, said);
    } else if (act == nlu::Act::abandon || act == nlu::Act::hold) {
      if (side && act == nlu::Act::hold) {
        c.r.handled = false;  // "wait, quick question: ..." keeps the task and answers the question
      } else if (side && is_question(c.in.text)) {
        drop(c, "patient dropped the task");  // "never mind. how much is a visit without insurance?": the
        c.r.handled = false;                  // task ends and the question is answered
      } else {
        drop(c, act == nlu::Act::hold ? "patient asked to wait" : "patient dropped the task");
      }
    } else if (side && act == nlu::Act::none) {
      c.r.handled = false;
      c.reason("side question; task " + st.task + " kept");
    } else {
      const std::string before = to_json(st);
      advance(c, said, act);
      // The same question again without progress: after the second time, stop rather than loop.
      if (st.active() && to_json(st) == before) {
        if (++st.stalls >= 2) {
          const std::string task = st.task;
          st.clear();
          c.r.state = "cancelled";
          c.say(c.es ? std::string("Lo siento, no logro entenderle. Detuve la solicitud para ") + task_phrase(task, true) +
                           " y no se cambió nada. Puede empezar de nuevo con otras palabras o pedir hablar con alguien del personal."
                     : std::string("I'm sorry, I'm having trouble following. I've stopped the request to ") +
                           task_phrase(task, false) +
                           " so nothing has been changed. You can start again in other words, or ask to talk to a member of staff.");
        }
      } else {
        st.stalls = 0;
      }
    }
  } else if (needs_patient && !in.patient_id) {
    c.say(c.es ? std::string("Para ") + task_phrase(in.intent, true) +
                     " necesito saber quién es usted. Inicie sesión en el portal del paciente (o indique su número de paciente) y vuelva a preguntar."
               : std::string("To ") + task_phrase(in.intent, false) +
                     " I need to know who you are. Please sign in to the patient portal (or include your patient ID) and ask again.");
    c.r.missing_slots = {"patient_id"};
  } else if (is_task_intent(in.intent)) {
    start(c, in.intent, said);
  } else if (in.intent == "list_appointments") {
    list_visits(c);
  } else if (in.intent == "check_availability") {
    availability(c, said);
  } else if (in.intent == "human_handoff") {
    handoff(c);
  } else if (in.intent == "insurance_coverage") {
    insurance(c);
  } else {
    c.r.handled = false;
  }
  if (!c.r.handled) c.r.output.clear();
  c.r.task = st.task;
  if (c.r.state.empty()) c.r.state = st.active() ? st.stage : "idle";
  if (c.r.steps.empty()) c.reason(c.r.handled ? "planner turn" : "not an agent task");
  return c.r;
}

}  // namespace aurixa::agents
