#include "roles/llm/answer_type.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

#include "roles/llm/text.hpp"

namespace aurixa::llm::answer {
namespace {

bool one_of(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// "35", "$35", "9:00", "0.25", "1st": a token that starts with a digit (after a dollar sign).
bool number_token(std::string_view t) {
  if (!t.empty() && t[0] == '$') t.remove_prefix(1);
  return !t.empty() && digit(t[0]);
}

bool number_word(std::string_view w) {
  return one_of(w,
                {"one",    "two",    "three",   "four",   "five",   "six",   "seven", "eight",  "nine",   "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "sixty", "ninety", "uno",    "una",
                 "dos",    "tres",   "cuatro",  "cinco",  "seis",   "siete", "ocho",  "diez",   "quince", "treinta"});
}

bool unit_word(std::string_view w) {
  return one_of(
      w, {"minute", "minutes", "min",    "mins",    "hour",  "hours",  "hr",      "hrs",  "day",   "days", "week",
          "weeks",  "month",   "months", "year",    "years", "minuto", "minutos", "hora", "horas", "dia",  "dias",
          "día",    "días",    "semana", "semanas", "mes",   "meses",  "ano",     "anos", "año",   "años"});
}

bool day_or_month(std::string_view w) {
  return one_of(w,
                {"monday",   "tuesday",    "wednesday", "thursday",  "friday",    "saturday", "sunday",   "mondays",
                 "tuesdays", "wednesdays", "thursdays", "fridays",   "saturdays", "sundays",  "weekday",  "weekdays",
                 "weekend",  "weekends",   "noon",      "midnight",  "january",   "february", "march",    "april",
                 "june",     "july",       "august",    "september", "october",   "november", "december", "lunes",
                 "martes",   "miercoles",  "miércoles", "jueves",    "viernes",   "sabado",   "sábado",   "domingo"});
}

// Lower-cased tokens split at spaces and , ; ( ) " ! ?, with a trailing full stop removed except from
// "a.m." / "p.m.": "$35", "9:00", "p.m.", "minutes".
std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.back() == '.' || cur.back() == ':') && cur != "a.m." && cur != "p.m.") cur.pop_back();
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '(' || c == ')' || c == '"' ||
        c == '!' || c == '?')
      flush();
    else
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  flush();
  return out;
}

// A North American phone number: 3 + 3 + 4 digits with separators, not inside a longer run of digits.
bool has_phone(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!digit(s[i]) || (i > 0 && digit(s[i - 1]))) continue;
    std::size_t j = i, groups = 0, in_group = 0;
    std::size_t lens[3] = {0, 0, 0};
    while (j < s.size() && groups < 3) {
      if (digit(s[j])) {
        ++in_group;
      } else if ((s[j] == ')' || s[j] == ' ' || s[j] == '-' || s[j] == '.') && in_group > 0) {
        lens[groups++] = in_group;
        in_group = 0;
        while (j + 1 < s.size() && (s[j + 1] == ' ' || s[j + 1] == '-')) ++j;
      } else {
        break;
      }
      ++j;
    }
    if (groups < 3 && in_group > 0) lens[groups++] = in_group;
    if (groups == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4) return true;
  }
  return false;
}

}  // namespace

Type expected(std::string_view question) {
  const auto w = text::words(question);
  auto any = [&](std::initializer_list<std::string_view> set) {
    return std::any_of(w.begin(), w.end(), [&](const std::string& x) { return one_of(x, set); });
  };
  auto phrase = [&](std::string_view p) { return text::contains_phrase(w, p); };
  auto after = [&](std::initializer_list<std::string_view> first, auto&& pred) {  // a word right after one of `first`
    for (std::size_t i = 0; i + 1 < w.size(); ++i)
      if (one_of(w[i], first) && pred(w[i + 1])) return true;
    return false;
  };
  // "how often", "cada cuánto", "con qué frecuencia"
  if (phrase("how often") || phrase("how frequently") || any({"frecuencia"}) ||
      after({"cada"}, [](std::string_view x) { return x == "cuanto" || x == "cuánto"; }))
    return kFrequency;
  // "how long", "how many days", "how much time", "cuánto tiempo / tarda / dura"
  if (phrase("how long") || phrase("how much time") ||
      after({"many"}, [](std::string_view x) { return unit_word(x); }) ||
      after({"cuanto", "cuánto"}, [](std::string_view x) {
        return one_of(x, {"tiempo", "tarda", "dura"});
      }))
    return kDuration;
  if (phrase("phone number") || phrase("fax number") || phrase("what number") || phrase("number to call") ||
      any({"telefono", "teléfono"}))
    return kPhone;
  // Price words, or "how much is / does / would ..." ("how much ibuprofen" asks for a dose, not a price).
  if (any({"cost", "costs", "price", "prices", "priced", "charge", "charges", "charged", "fee", "fees", "copay",
           "cuesta", "cuestan", "costo", "precio", "cobran"}) ||
      after({"much"}, [](std::string_view x) {
        return one_of(x, {"is", "are", "does", "do", "would", "will", "for", "it", "to", "was", "should"});
      }))
    return kMoney;
  if (any({"when", "latest", "earliest", "deadline", "cuando", "cuándo"}) || phrase("what time") ||
      phrase("what days") || phrase("which days") || phrase("what hours") || phrase("que hora") || phrase("qué hora"))
    return kTime;
  if (phrase("how many") || any({"cuantos", "cuántos", "cuantas", "cuántas"})) return kCount;
  return kNone;
}

unsigned present(std::string_view sentence) {
  const auto t = tokens(sentence);
  unsigned out = has_phone(sentence) ? kPhone : kNone;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& x = t[i];
    const std::string_view next = i + 1 < t.size() ? std::string_view(t[i + 1]) : std::string_view();
    const std::string_view next2 = i + 2 < t.size() ? std::string_view(t[i + 2]) : std::string_view();
    const bool num = number_token(x) || number_word(x);
    if (num) out |= kCount;
    if ((x.size() > 1 && x[0] == '$' && digit(x[1])) || (num && one_of(next, {"dollars", "dollar", "cents", "usd"})) ||
        one_of(x, {"free", "gratis"}) ||
        (x == "no" && (one_of(next, {"cost", "charge", "fee", "copay"}) ||
                       (next == "extra" && one_of(next2, {"cost", "charge", "fee"})))))
      out |= kMoney;
    // "40 minutes", "2 business days", "24 to 48 hours" (the 48 counts), "un año"
    if (num && (unit_word(next) || (one_of(next, {"business", "working", "calendar", "full"}) && unit_word(next2))))
      out |= kDuration;
    if ((number_token(x) && x.find(':') != std::string::npos) ||
        (number_token(x) && one_of(next, {"a.m.", "p.m.", "am", "pm"})) || day_or_month(x))
      out |= kTime;
    if (x == "every" || x == "cada" || one_of(x, {"annually", "yearly", "monthly", "weekly", "daily", "nightly"}) ||
        (one_of(x, {"once", "twice"}) && one_of(next, {"a", "per", "every"})) ||
        (x == "per" && one_of(next, {"year", "month", "week", "day"})))
      out |= kFrequency;
  }
  return out;
}

}  // namespace aurixa::llm::answer
