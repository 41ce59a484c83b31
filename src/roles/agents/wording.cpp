#include "roles/agents/wording.hpp"

#include <date/date.h>

#include <cstdio>

#include "roles/agents/planner.hpp"

namespace aurixa::agents {
namespace wording {

int minutes_of(const std::string& hhmm) {
  int h = 0, m = 0;
  if (std::sscanf(hhmm.c_str(), "%d:%d", &h, &m) != 2) return -1;
  return h * 60 + m;
}

const char* task_phrase(const std::string& task, bool es) {
  if (task == "book_appointment") return es ? "reservar una cita" : "book an appointment";
  if (task == "reschedule_appointment") return es ? "cambiar una cita" : "reschedule an appointment";
  if (task == "cancel_appointment") return es ? "cancelar una cita" : "cancel an appointment";
  if (task == "prescription_refill") return es ? "pedir un resurtido de su receta" : "request a refill";
  if (task == "list_appointments") return es ? "consultar sus citas" : "look up your appointments";
  if (task == "insurance_coverage") return es ? "revisar su seguro" : "check your insurance";
  return es ? "ayudarle con eso" : "help with that";
}

std::string day_label(const std::string& ymd, bool es) { return es ? date_label_es(ymd) : date_label(ymd); }
std::string at_time(const std::string& hhmm, bool es) {
  if (!es) return " at " + time_label(hhmm);
  const std::string label = time_label(hhmm);
  return (label.rfind("1:", 0) == 0 ? " a la " : " a las ") + label;
}

std::string slot_label(const Slot& s, bool es) {
  return day_label(s.date, es) + at_time(s.time, es) + (es ? " con " : " with ") + s.provider;
}

std::string numbered(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += "; ";
    out += std::to_string(i + 1) + ") " + items[i];
  }
  return out;
}

std::string done_in_spanish(const std::string& task, const execution::ExecuteResult& res, const TaskSlots& t) {
  auto get = [&](const char* k) {
    const auto it = res.data.find(k);
    return it == res.data.end() ? std::string() : it->second;
  };
  const std::string when = get("date").empty() ? "" : " el " + date_label_es(get("date")) + at_time(get("time"), true);
  const std::string with = get("provider").empty() ? "" : " con " + get("provider");
  const std::string code = get("confirmation").empty() ? "" : " Confirmación: " + get("confirmation") + ".";
  if (task == "book_appointment") return "Listo, su cita quedó reservada" + when + with + "." + code;
  if (task == "reschedule_appointment") return "Listo, su cita ahora es" + when + with + "." + code;
  if (task == "cancel_appointment") return "Listo, su cita" + when + with + " quedó cancelada." + code;
  if (task == "handoff_to_staff")
    return "Listo, le pedí a nuestro personal que le contacte." +
           (get("task_ref").empty() ? std::string() : " Referencia: " + get("task_ref") + ".");
  return "Listo, pedí el resurtido de " + t.medication + ". El trámite suele tardar de 24 a 48 horas.";
}

std::string refused_in_spanish(const execution::ExecuteResult& res) {
  const std::string& e = res.error_code;
  if (e == "no_refills") return "Lo siento, esa receta no tiene resurtidos disponibles. Comuníquese con su médico.";
  if (e == "controlled_substance") return "Lo siento, ese medicamento es controlado y necesita una consulta con su médico.";
  if (e == "refill_pending") return "Ya hay un resurtido pendiente de ese medicamento.";
  if (e == "slot_taken") return "Lo siento, ese horario ya no está disponible.";
  if (e == "conflict") return "Lo siento, esa cita ya no se puede cambiar (puede estar cancelada o completada, o el horario ocupado).";
  if (e == "not_found") return "Lo siento, no encontré ese registro.";
  return "Lo siento, no pude completar la solicitud.";
}

}  // namespace wording

using namespace wording;

std::string confirm_question(const DialogueState& st, bool es) {
  const auto& t = st.slots;
  const std::string yes_no = es ? "? Responda sí o no." : "? Please reply yes or no.";
  if (st.task == "handoff_to_staff") {
    const std::string about = t.reason.empty() ? std::string(es ? "su solicitud" : "your request") : t.reason;
    return (es ? "¿Le pido a un miembro de nuestro personal que le contacte sobre " : "Ask a member of our staff to contact you about ") +
           about + yes_no;
  }
  if (st.task == "book_appointment") {
    const auto& s = *st.chosen;
    const std::string what = t.reason.empty() ? std::string(es ? "una consulta general" : "a general visit") : t.reason;
    if (es) return "¿Reservo con " + s.provider + " el " + day_label(s.date, es) + at_time(s.time, es) + " para " + what + yes_no;
    return "Book " + s.provider + ", " + date_label(s.date) + " at " + time_label(s.time) + " for " + what + yes_no;
  }
  if (st.task == "reschedule_appointment") {
    const auto& s = *st.chosen;
    if (es) return "¿Muevo su " + t.appointment_label + " al " + day_label(s.date, es) + at_time(s.time, es) + " con " + s.provider + yes_no;
    return "Move your " + t.appointment_label + " to " + date_label(s.date) + " at " + time_label(s.time) + " with " +
           s.provider + yes_no;
  }
  if (st.task == "cancel_appointment") return (es ? "¿Cancelo su " : "Cancel your ") + t.appointment_label + yes_no;
  const bool on_file = t.pharmacy.empty() || t.pharmacy == "on file";
  if (es)
    return "¿Pido un resurtido de " + t.medication + ", enviado a " + (on_file ? std::string("la farmacia registrada") : t.pharmacy) + yes_no;
  return "Request a refill of " + t.medication + ", sent to " + (on_file ? std::string("the pharmacy on file") : t.pharmacy) + yes_no;
}

std::string date_label(const std::string& ymd) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(ymd.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return ymd;
  const date::sys_days day = date::year{y} / m / d;
  return date::format("%a %d %b", day);
}

std::string date_label_es(const std::string& ymd) {
  static constexpr const char* kDays[] = {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"};
  static constexpr const char* kMonths[] = {"ene", "feb", "mar", "abr", "may", "jun",
                                            "jul", "ago", "sep", "oct", "nov", "dic"};
  int y = 0, m = 0, d = 0;
  if (std::sscanf(ymd.c_str(), "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) return ymd;
  const date::sys_days day = date::year{y} / m / d;
  return std::string(kDays[date::weekday{day}.c_encoding()]) + " " + std::to_string(d) + " " + kMonths[m - 1];
}

std::string time_label(const std::string& hhmm) {
  const int m = minutes_of(hhmm);
  if (m < 0) return hhmm;
  const int h = m / 60, mm = m % 60;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d %s", h % 12 == 0 ? 12 : h % 12, mm, h < 12 ? "AM" : "PM");
  return buf;
}

std::string visit_label(const Visit& v, bool es) {
  // The booking default "General visit" is the records' English; in Spanish it is a "consulta".
  const bool generic = v.reason.empty() || (es && nlu::fold(v.reason) == "general visit");
  const std::string what = generic ? std::string(es ? "consulta" : "visit") : v.reason;
  return what + (es ? " con " : " with ") + v.provider + (es ? " el " : " on ") + day_label(v.date, es) +
         at_time(v.time, es);
}

}  // namespace aurixa::agents
