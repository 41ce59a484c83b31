// Time matchers of the NLU parser: clock times ("3", "3:30pm", "three thirty", "15:00") and day parts
// ("morning", "after lunch", "first thing"), with their modifiers.
#include <algorithm>
#include <string>

#include "roles/agents/nlu/datetime_parser.hpp"

namespace aurixa::agents::nlu::detail {

// "in 2 hours", "in an hour", "in half an hour", "in 45 minutes", "3 hours from now", "en una hora",
// "dentro de 2 horas": an exact time counted from now (and its day, which may be tomorrow). Durations without
// "in"/"from now" ("for 2 hours", "every 4 hours", "3 hours ago") are not times.
bool Parser::match_relative_time(std::size_t i, Cand& c) const {
  std::size_t k = i;
  bool lead = false;
  if (is_any(k, {"in", "en", "within"})) {
    ++k;
    lead = true;
  } else if (is(k, "dentro") && is(k + 1, "de")) {
    k += 2;
    lead = true;
  }
  int minutes = 0;
  if (is(k, "half") && is_any(k + 1, {"an", "a"}) && is_any(k + 2, {"hour", "hr"})) {
    minutes = 30;
    k += 2;
  } else if (is(k, "media") && is(k + 1, "hora")) {
    minutes = 30;
    k += 1;
  } else {
    std::size_t len = 1;
    int n = is_any(k, {"una", "un"}) ? 1 : number_at(k, len, true);
    if (n < 1) return false;
    const auto unit = w(k + len);
    const int per = in(unit, {"hour", "hours", "hr", "hrs", "hora", "horas"})                 ? 60
                    : in(unit, {"minute", "minutes", "min", "mins", "minuto", "minutos"}) ? 1
                                                                                          : 0;
    if (per == 0) return false;
    minutes = n * per;
    k += len;
  }
  const bool from_now = is(k + 1, "from") && is(k + 2, "now");
  // Under half an hour is talk ("I'll be there in 5 minutes"), not a time a clinic could book.
  if ((!lead && !from_now) || minutes < 30 || minutes > 24 * 60 || is(k + 1, "ago")) return false;
  const std::size_t j = from_now ? k + 2 : k;
  const long total = now_.hour * 60L + now_.minute + minutes;
  c.date = day(today_ + total / (24 * 60), i, j);
  c.time = exact(static_cast<int>(total % (24 * 60)), i, j);
  c.j = j;
  return true;
}

// Parses an hour expression at k: "3", "3:30", "3pm", "3:30pm", "15:00", "three", "three thirty", with a
// following "pm"/"p m"/"o'clock"/"in the morning"/"de la tarde". Returns minutes or -1; sets j (last token),
// explicit (am/pm given or 24h) and strong (form alone is a time: has colon or am/pm).
int Parser::clock_at(std::size_t k, std::size_t& j, bool& strong, bool allow_words) const {
  strong = false;
  if (!has(k)) return -1;
  std::string s(w(k));
  int h = -1, mi = 0;
  std::string suffix;
  bool colon = false;
  std::size_t p = 0;
  while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
  if (p > 0 && p <= 2) {
    h = std::stoi(s.substr(0, p));
    if (p < s.size() && (s[p] == ':' || s[p] == '.')) {
      std::size_t q = p + 1;
      std::size_t r = q;
      while (r < s.size() && s[r] >= '0' && s[r] <= '9') ++r;
      if (r - q != 2) return -1;
      if (s[p] == '.' && r == s.size() && !is_any(k + 1, {"am", "pm", "a", "p"})) return -1;  // 2.50 (a price)
      mi = std::stoi(s.substr(q, 2));
      colon = true;
      p = r;
    }
    suffix = s.substr(p);
  } else if (p == 0 && allow_words) {
    int v = small_number_word(s);
    if (v < 1 || v > 12 || s == "un" || (s == "una" && !(k > 0 && w(k - 1) == "la"))) return -1;
    h = v;
    if (has(k + 1) && !t_[k + 1].punct_before) {
      auto n = w(k + 1);
      if (n == "thirty") mi = 30;
      else if (n == "fifteen") mi = 15;
      else if (n == "fortyfive" || (n == "forty" && is(k + 2, "five"))) mi = 45;
      if (mi) {
        ++k;
        if (n == "forty") ++k;
      }
    }
  } else {
    return -1;
  }
  if (h < 0 || h > 23 || mi > 59) return -1;
  j = k;
  bool pm = false, am = false;
  if (!suffix.empty()) {
    if (suffix == "pm" || suffix == "p") pm = true;
    else if (suffix == "am" || suffix == "a") am = true;
    else if (suffix == "h" || suffix == "hrs" || suffix == "hs") colon = true;
    else if (suffix == "ish") strong = true;  // "4ish"
    else return -1;  // 10mg, 3rd ...
  } else if (has(k + 1) && !t_[k + 1].punct_before) {
    auto n = w(k + 1);
    if (n == "pm" || (n == "p" && is(k + 2, "m"))) {
      pm = true;
      j = n == "p" ? k + 2 : k + 1;
    } else if (n == "am" || (n == "a" && is(k + 2, "m"))) {
      am = true;
      j = n == "a" ? k + 2 : k + 1;
    } else if (n == "oclock" || (n == "o" && is(k + 2, "clock"))) {
      strong = true;
      j = n == "o" ? k + 2 : k + 1;
    }
  }
  if (pm || am) {
    if (h > 12 || h == 0) return -1;
    strong = true;
  }
  if (colon || suffix == "ish") strong = true;
  // "in the morning" / "in the afternoon" / "de la tarde" / "de la manana" / "at night"
  std::size_t q = j + 1;
  if (!am && !pm && has(q + 2) && is_any(q, {"in", "de", "por"}) && is_any(q + 1, {"the", "la"})) {
    auto n = w(q + 2);
    if (in(n, {"morning", "manana"})) am = true;
    if (in(n, {"afternoon", "evening", "tarde", "noche"})) pm = true;
    if (am || pm) {
      j = q + 2;
      strong = true;
    }
  }
  if (h <= 12 && (am || pm)) {
    h = h % 12 + (pm ? 12 : 0);
  } else if (!colon || h <= 12) {
    if (h >= 1 && h <= 6) h += 12;  // clinic hours: "at 3" is 15:00
    if (h == 0) return -1;
  }
  return h * 60 + mi;
}

bool Parser::match_time(std::size_t i, Cand& c) const {
  auto s = w(i);
  auto set_window = [&](int a, int b, std::size_t start, std::size_t end) {
    c.time = window(a, b, start, end);
    c.i = start;
    c.j = end;
    return true;
  };
  if (s == "same" && is(i + 1, "time")) {
    c.time = TimeSpec{0, 0, false, true, phrase(i, i + 1)};
    c.j = i + 1;
    if (is(i + 2, "next") && is(i + 3, "week")) {  // "same time next week": one week from today
      c.date = day(today_ + 7, i, i + 3);
      c.j = i + 3;
    }
    return true;
  }
  if (s == "first" && is(i + 1, "thing")) {
    std::size_t j = i + 1;
    if (is(j + 1, "in") && is(j + 2, "the") && is(j + 3, "morning")) j += 3;
    return set_window(kMorning, kMorning + 60, i, j);
  }
  if ((s == "end" && is(i + 1, "of") && is(i + 2, "the") && is(i + 3, "day")) || (s == "end" && is(i + 1, "of") && is(i + 2, "day"))) {
    std::size_t j = w(i + 2) == "the" ? i + 3 : i + 2;
    return set_window(16 * 60, kAfternoonEnd, i, j);
  }
  if (s == "temprano" && i > 0 && in(w(i - 1), {"manana", "hoy", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado"}))
    return set_window(kMorning, kMorning + 120, i, i);
  if (in(s, {"noon", "midday", "mediodia", "noonish", "noontime"})) return (c.time = exact(kNoon, i, i), c.j = i, true);
  if ((s == "12" || s == "twelve") && is(i + 1, "noon")) return (c.time = exact(kNoon, i, i + 1), c.j = i + 1, true);
  if (in(s, {"lunchtime", "lunch"}) && !(i > 0 && in(w(i - 1), {"after", "before", "for", "my", "during"}))) {
    if (s == "lunch" && !(i > 0 && in(w(i - 1), {"at", "around", "over"}))) return false;
    return set_window(kNoon, 13 * 60, i, i);
  }
  // before/after/by/until <time or landmark>
  if (in(s, {"before", "after", "by", "until", "till", "til", "antes", "despues"})) {
    std::size_t k = i + 1;
    if ((s == "antes" || s == "despues") && is(k, "de")) ++k;
    if (is_any(k, {"las", "la"})) ++k;
    bool before = in(s, {"before", "by", "until", "till", "til", "antes"});
    if (is_any(k, {"noon", "midday", "mediodia"}))
      return before ? set_window(kMorning, kNoon, i, k) : set_window(kNoon, kAfternoonEnd, i, k);
    if (is_any(k, {"lunch", "almuerzo", "comer"}))
      return before ? set_window(kMorning, kNoon, i, k) : set_window(13 * 60, kAfternoonEnd, i, k);
    if (!before && is_any(k, {"work", "school", "dinner"})) {
      int start = w(k) == "school" ? 15 * 60 : (w(k) == "dinner" ? 19 * 60 : kAfternoonEnd);
      return set_window(start, kEveningEnd, i, k);
    }
    std::size_t j = 0;
    bool strong = false;
    int m = clock_at(k, j, strong, true);
    if (m > 0 && (strong || !is_unit_word(w(j + 1)))) {
      return before ? set_window(kMorning, std::max(m, kMorning + 30), i, j)
                    : set_window(m, std::max(m + 30, kEveningEnd), i, j);
    }
    return false;
  }
  // between 2 and 4 / from 2 to 4
  if (s == "between" || s == "from") {
    std::size_t j1 = 0, j2 = 0;
    bool s1 = false, s2 = false;
    int a = clock_at(i + 1, j1, s1, true);
    if (a > 0 && is_any(j1 + 1, {"and", "to", "-"})) {
      int b = clock_at(j1 + 2, j2, s2, true);
      if (b > 0 && !is_unit_word(w(j2 + 1)) && (s == "between" || s1 || s2)) {
        if (b <= a && b + 12 * 60 < 24 * 60) b += 12 * 60;
        if (b > a) return set_window(a, b, i, j2);
      }
    }
  }
  // half past 2 / quarter past 2 / quarter to 4 / quarter after
  if ((s == "half" && is(i + 1, "past")) || (s == "quarter" && is_any(i + 1, {"past", "after", "to", "till", "of"})) ||
      (s == "a" && is(i + 1, "quarter") && is_any(i + 2, {"past", "after", "to", "till", "of"}))) {
    std::size_t k = s == "a" ? i + 1 : i;
    std::size_t j = 0;
    bool strong = false;
    int m = clock_at(k + 2, j, strong, true);
    if (m > 0) {
      auto rel = w(k + 1);
      int off = s == "half" ? 30 : (in(rel, {"to", "till", "of"}) ? -15 : 15);
      c.time = exact(m + off, i, j);
      c.j = j;
      return true;
    }
  }
  // at 3 / around 3 / at about 3 / @3 / a las 10 [y media] / a la 1
  {
    std::size_t k = i;
    bool lead = false;
    if (in(s, {"at", "around", "about", "say", "like"})) {
      k = i + 1;
      lead = s == "at" || s == "around";
      if (is_any(k, {"around", "about", "like"})) {
        ++k;
        lead = true;
      }
      if (s == "about" || s == "say" || s == "like") lead = lead || (has(k) && !is_digits(w(k)));
    } else if (s == "a" && is_any(i + 1, {"las", "la"})) {
      k = i + 2;
      lead = true;
    } else if (in(s, {"las"}) && i > 0 && w(i - 1) != "a") {
      return false;
    }
    std::size_t j = 0;
    bool strong = false;
    int m = clock_at(k, j, strong, lead);
    if (m > 0) {
      // "a las 10 y media" / "y cuarto"
      if (is(j + 1, "y") && is_any(j + 2, {"media", "cuarto"})) {
        m += w(j + 2) == "media" ? 30 : 15;
        j += 2;
      }
      bool ok = strong || (lead && !is_unit_word(w(j + 1)) && !(has(j + 1) && w(j + 1).find_first_of("0123456789") != std::string_view::npos));
      // bare "at 3" must not be an address, a dose or a count
      if (ok && !strong && is_any(j + 1, {"street", "st", "ave", "avenue", "main", "of", "percent", "out", "in"}))
        ok = false;
      if (ok) {
        std::size_t start = strong && k != i && s != "a" ? k : i;
        c.time = exact(m, start, j);
        c.i = start;
        c.j = j;
        return true;
      }
    }
  }
  // windows: [early|late|mid] morning/afternoon/evening, in the morning, por la manana/tarde/noche
  {
    std::size_t k = i;
    std::string_view mod;
    if (in(s, {"early", "late", "mid"})) {
      mod = s;
      k = i + 1;
    }
    bool es = false;
    if (in(s, {"por", "en", "de"}) && is(i + 1, "la")) {
      k = i + 2;
      es = true;
    }
    auto n = w(k);
    std::optional<std::pair<int, int>> win;
    if (in(n, {"morning", "mornings", "am"}) || (es && n == "manana")) win = {{kMorning, kNoon}};
    if (in(n, {"afternoon", "afternoons", "pm"}) || (es && n == "tarde")) win = {{kNoon, kAfternoonEnd}};
    if (in(n, {"evening", "evenings", "night", "nights"}) || (es && n == "noche")) win = {{kAfternoonEnd, kEveningEnd}};
    if (!win) return false;
    if ((n == "am" || n == "pm") && !(i > 0 && in(w(i - 1), {"the", "in", "an", "any"}))) return false;
    if ((n == "night" || n == "nights") && !(i > 0 && in(w(i - 1), {"at", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday"}))) return false;
    if (k > 0 && in(w(k - 1), {"good", "buenos", "buenas"})) return false;
    if (has(k + 1) && !t_[k + 1].punct_before && in(w(k + 1), {"sickness", "after", "pill", "pills", "dose", "medication", "meds"})) return false;
    auto [a, b] = *win;
    if (mod == "early") b = a + (b - a) / 2;
    if (mod == "late") a = a + (b - a) / 2;
    if (mod == "mid") {
      int len = b - a;
      a += len / 4;
      b -= len / 4;
    }
    return set_window(a, b, i, k);
  }
}

}  // namespace aurixa::agents::nlu::detail
