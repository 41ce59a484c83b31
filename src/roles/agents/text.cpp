#include "roles/agents/text.hpp"

#include <cctype>
#include <cstdio>
#include <sstream>
#include <map>
#include <vector>

#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents {

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in(nlu::fold(text));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const std::set<std::string>& stop_words() {
  static const std::set<std::string> k = {
      "a", "an", "the", "my", "me", "i", "im", "to", "for", "of", "on", "in", "at", "with", "and", "or", "is", "it",
      "that", "this", "one", "ones", "not", "other", "others", "appointment", "appointments", "visit", "please",
      "pls", "can", "you", "could", "would", "want", "need", "have", "got", "do", "just", "the", "dr", "doctor",
      "cancel", "move", "reschedule", "mine", "about", "some", "thanks", "yes", "no", "ok", "okay",
      // Spanish
      "la", "el", "los", "las", "mi", "mis", "de", "del", "para", "por", "favor", "cita", "citas", "un", "una",
      "que", "y", "o", "cancela", "cancelar", "cancelala", "quiero", "tengo"};
  return k;
}

}  // namespace

std::optional<std::size_t> ordinal_choice(std::string_view text, std::size_t n) {
  if (n == 0) return std::nullopt;
  const auto words = words_of(text);
  if (words.size() > 8) return std::nullopt;  // a long message is not a pick from a list
  static const std::vector<std::vector<std::string>> kOrdinals = {
      {"first", "1st", "1", "one", "primera", "primero", "uno"},
      {"second", "2nd", "2", "two", "segunda", "segundo", "dos"},
      {"third", "3rd", "3", "three", "tercera", "tercero", "tres"},
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (w == "last" || w == "ultima" || w == "ultimo") return n - 1;
    // Options are listed soonest first: "the earliest", "the earlier one", "la más temprana" pick the first,
    // "the latest", "the later one" the last ("anything later?" asks for other options, it picks none).
    const bool one_follows = i + 1 < words.size() && (words[i + 1] == "one" || words[i + 1] == "option");
    if (w == "earliest" || w == "soonest" || ((w == "earlier" || w == "sooner") && one_follows) ||
        ((w == "temprana" || w == "temprano") && i > 0 && words[i - 1] == "mas"))
      return 0;
    if (w == "latest" || (w == "later" && one_follows)) return n - 1;
    for (std::size_t k = 0; k < kOrdinals.size() && k < n; ++k)
      for (const auto& o : kOrdinals[k]) {
        if (w != o) continue;
        // Bare numbers count only as "option N" or on their own, not "2 pm" or "at 2".
        const bool numeric = o == "1" || o == "2" || o == "3" || o == "one" || o == "two" || o == "three" ||
                             o == "uno" || o == "dos" || o == "tres";
        if (numeric) {
          const bool next_is_time = i + 1 < words.size() &&
                                    (words[i + 1] == "pm" || words[i + 1] == "am" || words[i + 1] == "oclock" ||
                                     words[i + 1] == "o" || words[i + 1] == "days" || words[i + 1] == "dias");
          const bool prev_is_at = i > 0 && (words[i - 1] == "at" || words[i - 1] == "in" || words[i - 1] == "las");
          if (next_is_time || prev_is_at) continue;
          if (o == "one" && i > 0 && words[i - 1] != "option" && words[i - 1] != "number") continue;  // "the other one"
        }
        return k;
      }
  }
  return std::nullopt;
}

std::optional<BareTime> bare_hour(std::string_view text) {
  const auto words = words_of(text);
  if (words.size() > 8) return std::nullopt;  // a long message is not a pick from a list
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    int hour = 0, minute = 0, used = 0;
    if (std::sscanf(w.c_str(), "%d:%d", &hour, &minute) == 2 || std::sscanf(w.c_str(), "%d%n", &hour, &used) == 1) {
      if (used != 0 && static_cast<std::size_t>(used) != w.size()) continue;  // "2nd", "3pm" (the NLU reads those)
      const bool counts = i + 1 < words.size() && (words[i + 1] == "days" || words[i + 1] == "dias" ||
                                                   words[i + 1] == "weeks" || words[i + 1] == "semanas");
      const bool after_in = i > 0 && (words[i - 1] == "in" || words[i - 1] == "en" || words[i - 1] == "option");
      if (counts || after_in || hour < 1 || hour > 12 || minute < 0 || minute > 59) continue;
      return BareTime{hour, minute};
    }
  }
  return std::nullopt;
}

namespace {

// Spanish visit words and common variants mapped to one English form, so "la del chequeo anual" finds the
// "Annual checkup" and "mi prueba de TB" the "tb test".
const std::map<std::string, std::string>& canonical_words() {
  static const std::map<std::string, std::string> k = {
      {"chequeo", "checkup"}, {"revision", "checkup"}, {"check", "checkup"}, {"anual", "annual"},
      {"yearly", "annual"}, {"prueba", "test"}, {"examen", "exam"}, {"analisis", "test"}, {"fisico", "physical"},
      {"sarpullido", "rash"}, {"erupcion", "rash"}, {"vacuna", "vaccine"}, {"shot", "vaccine"},
      {"inyeccion", "vaccine"}, {"gripe", "flu"}, {"espalda", "back"}, {"dolor", "pain"}, {"rodilla", "knee"},
      {"laboratorio", "lab"}, {"resultados", "results"}, {"tos", "cough"}, {"piel", "skin"},
      {"seguimiento", "followup"}, {"follow", "followup"}, {"embarazo", "pregnancy"}, {"presion", "pressure"},
      {"azucar", "sugar"}, {"diabetes", "diabetes"}, {"terapia", "therapy"}, {"dental", "dental"}};
  return k;
}

std::string canonical(std::string w) {
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();  // plural -> singular
  const auto it = canonical_words().find(w);
  return it == canonical_words().end() ? w : it->second;
}

}  // namespace

std::set<std::string> content_words(std::string_view text) {
  std::set<std::string> out;
  for (auto& w : words_of(text))
    if (w.size() >= 2 && !stop_words().count(w)) out.insert(canonical(w));
  return out;
}


std::string trim_reply(std::string_view text, std::size_t max_bytes) {
  std::size_t b = 0, e = text.size();
  while (b < e && (std::isspace(static_cast<unsigned char>(text[b])))) ++b;
  while (e > b && (std::isspace(static_cast<unsigned char>(text[e - 1])) || text[e - 1] == '.' || text[e - 1] == '!'))
    --e;
  std::string out(text.substr(b, e - b));
  if (out.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace aurixa::agents
