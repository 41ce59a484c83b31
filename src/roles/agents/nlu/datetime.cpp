// Dates and times in free text. A single left-to-right pass over folded tokens: at each position the matchers
// are tried from the most to the least specific; a match yields a date and/or a time plus the tokens it used.
// Candidates in a past or "from" context are dropped when a better one exists.
#include <algorithm>
#include <array>
#include <optional>

#include "roles/agents/nlu/internal.hpp"

namespace aurixa::agents::nlu {
namespace detail {
namespace {

constexpr int kMorning = 8 * 60, kNoon = 12 * 60, kAfternoonEnd = 17 * 60, kEveningEnd = 20 * 60;

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

int weekday_of(std::string_view w, bool strict_only) {
  static constexpr std::array<std::array<std::string_view, 4>, 7> kNames{{
      {"monday", "lunes", "mondays", ""},
      {"tuesday", "martes", "tuesdays", "tuseday"},
      {"wednesday", "miercoles", "wednesdays", "wensday"},
      {"thursday", "jueves", "thursdays", "thurday"},
      {"friday", "viernes", "fridays", ""},
      {"saturday", "sabado", "saturdays", ""},
      {"sunday", "domingo", "sundays", ""},
  }};
  for (int d = 0; d < 7; ++d)
    for (auto n : kNames[static_cast<std::size_t>(d)])
      if (!n.empty() && n == w) return d;
  if (strict_only) return -1;
  static constexpr std::array<std::string_view, 7> kAbbr{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int d = 0; d < 7; ++d)
    if (w == kAbbr[static_cast<std::size_t>(d)]) return d;
  if (w == "tues") return 1;
  if (w == "weds") return 2;
  if (w == "thur" || w == "thurs") return 3;
  // small typos of the full English names ("wednsday", "thrusday")
  static constexpr std::array<std::string_view, 7> kFull{"monday", "tuesday", "wednesday", "thursday",
                                                         "friday", "saturday", "sunday"};
  if (w.size() >= 6)
    for (int d = 0; d < 7; ++d)
      if (edit_distance(w, kFull[static_cast<std::size_t>(d)]) <= 1) return d;
  return -1;
}

int month_of(std::string_view w) {
  static constexpr std::array<std::array<std::string_view, 3>, 12> kNames{{
      {"january", "enero", "jan"},
      {"february", "febrero", "feb"},
      {"march", "marzo", "mar"},
      {"april", "abril", "apr"},
      {"may", "mayo", ""},
      {"june", "junio", "jun"},
      {"july", "julio", "jul"},
      {"august", "agosto", "aug"},
      {"september", "septiembre", "sep"},
      {"october", "octubre", "oct"},
      {"november", "noviembre", "nov"},
      {"december", "diciembre", "dec"},
  }};
  for (int m = 0; m < 12; ++m)
    for (auto n : kNames[static_cast<std::size_t>(m)])
      if (!n.empty() && n == w) return m + 1;
  if (w == "sept") return 9;
  return 0;
}

// Cardinal number words 0..31 (English and Spanish), single token.
int small_number_word(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kEn{"zero",    "one",     "two",       "three",    "four",
                                                        "five",    "six",     "seven",     "eight",    "nine",
                                                        "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                                        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                                                        "twenty"};
  for (std::size_t i = 0; i < kEn.size(); ++i)
    if (kEn[i] == w) return static_cast<int>(i);
  if (w == "thirty") return 30;
  static constexpr std::array<std::string_view, 16> kEs{"cero", "uno",  "dos",  "tres",  "cuatro", "cinco",
                                                        "seis", "siete", "ocho", "nueve", "diez",   "once",
                                                        "doce", "trece", "catorce", "quince"};
  for (std::size_t i = 0; i < kEs.size(); ++i)
    if (kEs[i] == w) return static_cast<int>(i);
  if (w == "un" || w == "una") return 1;
  if (w == "veinte") return 20;
  if (w == "treinta") return 30;
  return -1;
}

int ordinal_word(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kOrd{
      "first",   "second",     "third",     "fourth",     "fifth",      "sixth",    "seventh",
      "eighth",  "ninth",      "tenth",     "eleventh",   "twelfth",    "thirteenth", "fourteenth",
      "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};
  for (std::size_t i = 0; i < kOrd.size(); ++i)
    if (kOrd[i] == w) return static_cast<int>(i) + 1;
  if (w == "thirtieth") return 30;
  if (w == "primero") return 1;
  return -1;
}

// "14th", "1st", "22nd", "3rd" -> day number.
int numeric_ordinal(std::string_view w) {
  if (w.size() < 3 || w.size() > 4) return -1;
  auto suf = w.substr(w.size() - 2);
  auto num = w.substr(0, w.size() - 2);
  if (!is_digits(num) || !in(suf, {"st", "nd", "rd", "th"})) return -1;
  int v = std::stoi(std::string(num));
  return v >= 1 && v <= 31 ? v : -1;
}

bool is_unit_word(std::string_view w) {
  return in(w, {"day",     "days",   "week",    "weeks",  "month",  "months",   "year",    "years",  "hour",
                "hours",   "hr",     "hrs",     "minute", "minutes", "min",     "mins",    "pill",   "pills",
                "tablet",  "tablets", "tabs",   "times",  "mg",     "ml",       "mcg",     "units",  "refills",
                "people",  "kids",   "dias",    "semanas", "horas", "pastillas", "percent", "dollars", "bucks",
                "miles",   "blocks", "lbs",     "pounds", "degrees", "cc",      "puffs",   "doses",  "capsules",
                "children", "patients", "am", "pm"});
}

struct Cand {
  std::optional<DateSpec> date;
  std::optional<TimeSpec> time;
  std::size_t i = 0, j = 0;  // token range (inclusive)
  bool penalized = false;    // "from tuesday", "my 10am", "today's": probably the old value
  bool date_blocked = false; // past context: never the answer
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& t, const Now& now) : text_(text), t_(t), now_(now) {
    today_ = days_from_civil(now.year, now.month, now.day);
    wd_ = weekday(today_);
  }

  ParsedDateTime run() {
    std::vector<Cand> cands;
    std::size_t i = 0;
    while (i < t_.size()) {
      Cand c;
      if (match(i, c)) {
        c.i = i;
        mark_context(c);
        cands.push_back(c);
        i = c.j + 1;
      } else {
        ++i;
      }
    }
    ParsedDateTime out;
    // Several candidates: the old value ("from tuesday", "my 10am") loses, the target ("to monday") wins,
    // otherwise the first one.
    auto rank = [&](const Cand& c) {
      int r = c.penalized ? -1 : 0;
      if (c.i > 0 && in(w(c.i - 1), {"to", "al", "into", "till"}) && !c.penalized) r += 1;
      return r;
    };
    auto pick = [&](bool want_date) -> const Cand* {
      const Cand* best = nullptr;
      for (const auto& c : cands) {
        if (want_date ? !c.date : !c.time) continue;
        if (want_date && c.date_blocked) continue;
        if (!best || rank(c) > rank(*best)) best = &c;
      }
      return best;
    };
    if (const Cand* d = pick(true)) out.dt.date = d->date;
    if (const Cand* tm = pick(false)) {
      out.dt.time = tm->time;
      // "saturday morning at 10": an exact time inside the chosen window refines it
      if (!tm->time->exact && !tm->time->same_time)
        for (const auto& c : cands)
          if (c.time && c.time->exact && !c.penalized && c.time->start_minute >= tm->time->start_minute &&
              c.time->start_minute < tm->time->end_minute) {
            out.dt.time = c.time;
            break;
          }
    }
    for (const auto& c : cands) out.spans.emplace_back(c.i, c.j);
    return out;
  }

 private:
  std::string_view text_;
  const std::vector<Token>& t_;
  Now now_;
  long today_ = 0;
  int wd_ = 0;

  bool has(std::size_t k) const { return k < t_.size(); }
  std::string_view w(std::size_t k) const { return k < t_.size() ? std::string_view(t_[k].w) : std::string_view(); }
  // Token k exists, is `s`, and is not separated from k-1 by punctuation.
  bool is(std::size_t k, std::string_view s) const { return has(k) && t_[k].w == s; }
  bool is_any(std::size_t k, std::initializer_list<std::string_view> set) const { return has(k) && in(t_[k].w, set); }
  std::string phrase(std::size_t i, std::size_t j) const { return span_text(text_, t_, i, j); }

  DateSpec day(long d, std::size_t i, std::size_t j) const { return DateSpec{iso_date(d), iso_date(d), phrase(i, j)}; }
  DateSpec range(long a, long b, std::size_t i, std::size_t j) const {
    return DateSpec{iso_date(a), iso_date(b), phrase(i, j)};
  }
  TimeSpec exact(int minute, std::size_t i, std::size_t j) const {
    return TimeSpec{minute, minute, true, false, phrase(i, j)};
  }
  TimeSpec window(int a, int b, std::size_t i, std::size_t j) const { return TimeSpec{a, b, false, false, phrase(i, j)}; }

  long monday_of_week(long d) const { return d - weekday(d); }

  void mark_context(Cand& c) const {
    std::size_t i = c.i;
    if (i > 0) {
      auto p = w(i - 1);
      if (in(p, {"since", "desde", "last", "past", "pasado", "ultimo", "ultima", "except", "excepto", "menos"}))
        c.date_blocked = true;
      if (i > 1 && in(p, {"the", "el", "la", "this"}) && in(w(i - 2), {"since", "desde"})) c.date_blocked = true;
      if (in(p, {"from", "my", "our", "his", "her", "de", "not", "no", "mi"}) && !t_[i].punct_before) c.penalized = true;
      if (i > 1 && w(i - 2) == "instead" && p == "of") c.penalized = true;
    }
    if (t_[c.j].possessive) c.penalized = true;
    if (is(c.j + 1, "ago")) c.date_blocked = true;
  }

  // Number (digits or words) at k; returns value and sets len. "a"/"an" allowed when allow_article.
  int number_at(std::size_t k, std::size_t& len, bool allow_article) const {
    len = 1;
    if (!has(k)) return -1;
    auto s = w(k);
    if (is_digits(s) && s.size() <= 3) return std::stoi(std::string(s));
    if (allow_article && (s == "a" || s == "an")) {
      if (is(k + 1, "couple")) {
        len = is(k + 2, "of") ? 3 : 2;
        return 2;
      }
      if (is(k + 1, "few")) {
        len = 2;
        return 3;
      }
      return 1;
    }
    if (s == "couple") {
      len = is(k + 1, "of") ? 2 : 1;
      return 2;
    }
    if (s == "few") return 3;
    int v = small_number_word(s);
    if (v == 20 && has(k + 1)) {
      int u = small_number_word(w(k + 1));
      if (u >= 1 && u <= 9) {
        len = 2;
        return 20 + u;
      }
    }
    return v;
  }

  // "days"/"weeks"/... -> days per unit; 0 if not a unit. months = -1.
  static int unit_days(std::string_view u) {
    if (in(u, {"day", "days", "dias", "dia"})) return 1;
    if (in(u, {"week", "weeks", "semana", "semanas", "wk", "wks"})) return 7;
    if (in(u, {"month", "months", "mes", "meses"})) return -1;
    return 0;
  }

  long add_months(long d, int n) const {
    int y = 0, m = 0, dd = 0;
    civil_from_days(d, y, m, dd);
    int idx = y * 12 + (m - 1) + n;
    y = idx / 12;
    m = idx % 12 + 1;
    return days_from_civil(y, m, std::min(dd, days_in_month(y, m)));
  }

  // Upcoming date with day-of-month `dom`: this month if not past, else the next month that has it.
  long next_dom(int dom) const {
    int y = now_.year, m = now_.month;
    for (int k = 0; k < 14; ++k) {
      if (dom <= days_in_month(y, m)) {
        long d = days_from_civil(y, m, dom);
        if (d >= today_) return d;
      }
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
    return today_;
  }

  std::optional<long> month_day(int month, int dom, int year) const {
    if (month < 1 || month > 12 || dom < 1) return std::nullopt;
    if (year > 0) {
      if (year < 100) year += 2000;
      if (dom > days_in_month(year, month)) return std::nullopt;
      return days_from_civil(year, month, dom);
    }
    int y = now_.year;
    for (int k = 0; k < 2; ++k, ++y) {
      if (dom > days_in_month(y, month)) continue;
      long d = days_from_civil(y, month, dom);
      if (d >= today_) return d;
    }
    if (dom > days_in_month(y, month)) return std::nullopt;
    return days_from_civil(y, month, dom);
  }

  bool ordinal_context_ok(std::size_t next) const {
    if (!has(next) || t_[next].punct_before) return true;
    return in(w(next), {"of", "at", "in", "for", "please", "then", "or", "and", "if", "would", "works", "is", "by",
                        "around", "morning", "afternoon", "evening", "de", "a", "en", "por", "instead", "maybe",
                        "possibly", "ok", "okay", "too", "works", "after", "before", "first", "thing", "from", "to",
                        "with", "that", "this", "next", "works", "will", "could", "can", "no", "not", "thanks"});
  }

  bool ordinal_blocked_next(std::size_t next) const {
    return has(next) && !t_[next].punct_before &&
           in(w(next), {"street", "st", "ave", "avenue", "floor", "grade", "birthday", "time", "times", "dose", "round",
                        "place", "opinion", "visit", "appointment", "try", "attempt", "refill", "child", "kid", "son",
                        "daughter", "baby", "pregnancy", "shot", "dose", "booster", "blvd", "road", "rd", "lane",
                        "drive", "century", "percentile", "trimester", "degree", "week", "day", "month", "year",
                        "one", "cycle", "line"});
  }

  // ---- dates ----
  bool match_date(std::size_t i, Cand& c) const {
    auto s = w(i);
    // day after tomorrow / pasado manana
    if (s == "day" && is(i + 1, "after") && is_any(i + 2, {"tomorrow", "tmrw", "tomorow", "tommorow", "tomorrrow"})) {
      c.date = day(today_ + 2, i, i + 2);
      c.j = i + 2;
      return true;
    }
    if (s == "the" && is(i + 1, "day") && is(i + 2, "after") && is(i + 3, "tomorrow")) {
      c.date = day(today_ + 2, i, i + 3);
      c.j = i + 3;
      return true;
    }
    if (s == "pasado" && is(i + 1, "manana")) {
      c.date = day(today_ + 2, i, i + 1);
      c.j = i + 1;
      return true;
    }
    if (in(s, {"today", "todays", "hoy", "tday"})) {
      c.date = day(today_, i, i);
      c.j = i;
      return true;
    }
    if (in(s, {"tonight", "tonite"})) {
      c.date = day(today_, i, i);
      c.time = window(kAfternoonEnd, kEveningEnd, i, i);
      c.j = i;
      return true;
    }
    if (in(s, {"tomorrow", "tomorrows", "tmrw", "tmr", "tomorow", "tommorow", "tommorrow", "tomorrrow", "2morrow"})) {
      c.date = day(today_ + 1, i, i);
      c.j = i;
      return true;
    }
    if (s == "manana") {
      bool article = i > 0 && in(w(i - 1), {"la", "esta", "las"}) && !t_[i].punct_before;
      if (!article) {
        c.date = day(today_ + 1, i, i);
        c.j = i;
        return true;
      }
    }
    // this morning / this afternoon / this evening / esta tarde / esta noche
    if ((s == "this" || s == "esta") && has(i + 1)) {
      auto n = w(i + 1);
      std::optional<std::pair<int, int>> win;
      if (in(n, {"morning", "manana"})) win = {{kMorning, kNoon}};
      if (in(n, {"afternoon", "tarde"})) win = {{kNoon, kAfternoonEnd}};
      if (in(n, {"evening", "noche"})) win = {{kAfternoonEnd, kEveningEnd}};
      if (win) {
        c.date = day(today_, i, i + 1);
        c.time = window(win->first, win->second, i, i + 1);
        c.j = i + 1;
        return true;
      }
    }
    // later today / later this afternoon
    if (s == "later" && is_any(i + 1, {"today", "on"})) {
      std::size_t j = i + 1;
      if (w(j) == "on") {
        if (!is(j + 1, "today")) return false;
        ++j;
      }
      int start = std::max(kMorning, ((now_.hour * 60 + now_.minute) / 15 + 1) * 15);
      c.date = day(today_, i, j);
      c.time = window(std::min(start, kEveningEnd - 15), kEveningEnd, i, j);
      c.j = j;
      return true;
    }
    // "same time next week", "same day next week", "a week from today/tomorrow/now"
    if (s == "same" && is_any(i + 1, {"time", "day"}) && is(i + 2, "next") && is(i + 3, "week")) {
      c.date = day(today_ + 7, i, i + 3);
      if (w(i + 1) == "time") c.time = TimeSpec{0, 0, false, true, phrase(i, i + 1)};
      c.j = i + 3;
      return true;
    }
    // in N days / in N weeks / in a week / within N days / en N dias / dentro de N dias
    if (in(s, {"in", "en", "within", "after", "for", "over", "during", "durante"}) || (s == "dentro" && is(i + 1, "de"))) {
      std::size_t k = s == "dentro" ? i + 2 : i + 1;
      bool next_form = false;
      if (is(k, "the") && is_any(k + 1, {"next", "coming"})) {  // in the next 3 days (range)
        k += 2;
        next_form = true;
      } else if (is_any(k, {"the", "los", "las"}) && is_any(k + 1, {"proximos", "proximas", "siguientes"})) {
        k += 2;
        next_form = true;
      }
      std::size_t len = 0;
      int n = number_at(k, len, true);
      if (n >= 1 && n <= 60) {
        int ud = unit_days(w(k + len));
        if (ud != 0) {
          std::size_t j = k + len;
          if (next_form || s == "within") {
            long end = ud > 0 ? today_ + static_cast<long>(n) * ud : add_months(today_, n);
            std::size_t start = i;
            if (i >= 2 && w(i - 1) == "day" && is_any(i - 2, {"any", "some"})) start = i - 2;
            if (i >= 2 && w(i - 1) == "time" && is_any(i - 2, {"any", "sometime"})) start = i - 2;
            c.date = range(today_ + 1, end, start, j);
            c.i = start;
            c.j = j;
            return true;
          }
          if (!in(s, {"in", "en", "dentro"})) return false;
          long d = ud > 0 ? today_ + static_cast<long>(n) * ud : add_months(today_, n);
          c.date = day(d, i, j);
          c.j = j;
          return true;
        }
      }
      // in <month>
      if (has(k) && (s == "in" || s == "en") && !next_form) {
        int m = month_of(w(k));
        if (m > 0 && !(m == 5 && w(k) == "may" && is_any(k + 1, {"i", "we", "you", "he", "she", "they", "be"}))) {
          if (m == 3 && w(k) == "mar") return false;
          int y = now_.year + (m < now_.month ? 1 : 0);
          long a = std::max(today_, days_from_civil(y, m, 1));
          long b = days_from_civil(y, m, days_in_month(y, m));
          c.date = range(a, b, i, k);
          c.j = k;
          return true;
        }
      }
    }
    // N days/weeks from now|today|tomorrow, a week from friday
    {
      std::size_t len = 0;
      int n = number_at(i, len, true);
      if (n >= 1 && n <= 60 && unit_days(w(i + len)) != 0 && is(i + len + 1, "from") && has(i + len + 2) &&
          weekday_of(w(i + len + 2), true) >= 0) {  // "a week from friday"
        int ud = unit_days(w(i + len));
        int d = weekday_of(w(i + len + 2), true);
        int delta = (d - wd_ + 7) % 7;
        long base = today_ + (delta == 0 ? 7 : delta);
        long date = ud > 0 ? base + static_cast<long>(n) * ud : add_months(base, n);
        c.date = day(date, i, i + len + 2);
        c.j = i + len + 2;
        return true;
      }
      if (n >= 1 && n <= 60 && unit_days(w(i + len)) != 0 && is(i + len + 1, "from") &&
          is_any(i + len + 2, {"now", "today", "tomorrow"})) {
        int ud = unit_days(w(i + len));
        long base = today_ + (w(i + len + 2) == "tomorrow" ? 1 : 0);
        long d = ud > 0 ? base + static_cast<long>(n) * ud : add_months(base, n);
        c.date = day(d, i, i + len + 2);
        c.j = i + len + 2;
        return true;
      }
      if (n >= 1 && n <= 60 && unit_days(w(i + len)) != 0 && is_any(i + len + 1, {"later", "out"}) &&
          !(i > 0 && in(w(i - 1), {"for", "of", "past", "last"}))) {
        int ud = unit_days(w(i + len));
        long d = ud > 0 ? today_ + static_cast<long>(n) * ud : add_months(today_, n);
        c.date = day(d, i, i + len + 1);
        c.j = i + len + 1;
        return true;
      }
    }
    // next N days (without "in the")
    if (in(s, {"next", "coming"}) && !(i > 0 && w(i - 1) == "the")) {
      std::size_t len = 0;
      int n = number_at(i + 1, len, false);
      if (n >= 1 && n <= 60 && unit_days(w(i + 1 + len)) > 0) {
        std::size_t j = i + 1 + len;
        c.date = range(today_ + 1, today_ + static_cast<long>(n) * unit_days(w(j)), i, j);
        c.j = j;
        return true;
      }
    }
    // weeks and weekends
    {
      std::size_t k = i;
      std::string_view mod;
      if (in(s, {"this", "next", "the", "coming", "following", "la", "esta", "el", "este"})) {
        mod = s;
        k = i + 1;
        if (s == "this" && is(k, "coming")) ++k;
        if ((s == "the" || s == "la" || s == "el") && is_any(k, {"following", "next", "proxima", "proximo", "coming", "siguiente"})) {
          mod = w(k);
          ++k;
        }
      }
      if (in(s, {"early", "late", "later"})) {
        mod = s;
        k = i + 1;
        if (is_any(k, {"next", "this"})) ++k;
      }
      bool week = is_any(k, {"week", "semana", "wk"});
      bool weekend = is_any(k, {"weekend", "weekends"}) || (is(k, "fin") && is(k + 1, "de") && is(k + 2, "semana"));
      std::size_t j = is(k, "fin") ? k + 2 : k;
      if (week && s != "el" && s != "este") {
        bool next = in(mod, {"next", "following", "coming", "proxima", "siguiente"}) ||
                    (is_any(k + 1, {"que", "proxima", "entrante"}) && (w(k + 1) != "que" || is(k + 2, "viene")));
        if (is(k + 1, "que") && is(k + 2, "viene")) j = k + 2;
        if (is(k + 1, "proxima") || is(k + 1, "entrante")) j = k + 1;
        if (is(k + 1, "after") && is(k + 2, "next")) {  // the week after next
          long mon = monday_of_week(today_) + 14;
          c.date = range(mon, mon + 4, i, k + 2);
          c.j = k + 2;
          return true;
        }
        if (mod.empty() && !next) return false;
        if (mod == "the" && !next) return false;
        long mon = monday_of_week(today_) + (next || (mod == "early" && k > i + 1 && w(i + 1) == "next") ? 7 : 0);
        if (mod == "late" && k > i + 1 && w(i + 1) == "next") mon += 7;
        long a = mon, b = mon + 4;
        if (!next && mod != "early" && mod != "late") {  // this week: what is left of it
          a = today_;
          b = std::max(today_, mon + 4);
          if (weekday(today_) >= 5) b = mon + 6;
        }
        if (mod == "early") b = mon + 2;
        if (mod == "late" || mod == "later") {
          a = std::max(today_ + (mod == "later" ? 1 : 0), mon + 3);
          b = std::max(a, mon + 4);
        }
        c.date = range(a, b, i, j);
        c.j = j;
        return true;
      }
      if (weekend) {
        long sat = monday_of_week(today_) + 5;
        bool next = in(mod, {"next", "following"});
        if (next) sat += 7;
        long a = std::max(today_, sat);
        c.date = range(a, sat + 1, mod.empty() ? k : i, j);
        if (mod.empty()) c.i = k;
        c.j = j;
        return true;
      }
    }
    // end of the week / end of next week / middle of next week / mid next week
    if (in(s, {"end", "middle", "mid", "fin", "finales", "mediados"})) {
      std::size_t k = i + 1;
      if (is_any(k, {"of", "de"})) ++k;
      bool next = false;
      if (is_any(k, {"the", "this", "la", "esta"})) ++k;
      if (is_any(k, {"next", "proxima"})) {
        next = true;
        ++k;
      }
      if (is_any(k, {"week", "semana"})) {
        std::size_t j = k;
        if (is(k + 1, "proxima") || (is(k + 1, "que") && is(k + 2, "viene"))) {
          next = true;
          j = w(k + 1) == "que" ? k + 2 : k + 1;
        }
        long mon = monday_of_week(today_) + (next ? 7 : 0);
        bool end = in(s, {"end", "fin", "finales"});
        long a = end ? mon + 3 : mon + 1, b = end ? mon + 4 : mon + 3;
        a = std::max(a, today_);
        b = std::max(a, b);
        c.date = range(a, b, i, j);
        c.j = j;
        return true;
      }
    }
    // end of the month / end of next month / beginning of next month / next month
    {
      std::size_t k = i;
      std::string_view part;
      if (in(s, {"end", "beginning", "start", "middle", "mid", "fin", "finales", "principios"})) {
        part = s;
        k = i + 1;
        if (is_any(k, {"of", "de"})) ++k;
      }
      if (is_any(k, {"the", "this", "next", "el", "este"})) {
        bool nextm = w(k) == "next";
        std::size_t m = k + 1;
        if (is_any(m, {"month", "mes"})) {
          long base = nextm ? add_months(today_, 1) : today_;
          int y = 0, mo = 0, d = 0;
          civil_from_days(base, y, mo, d);
          long first = days_from_civil(y, mo, 1), last = days_from_civil(y, mo, days_in_month(y, mo));
          long a = first, b = last;
          if (part == "end" || part == "fin" || part == "finales") a = last - 6;
          else if (part == "beginning" || part == "start" || part == "principios") b = first + 6;
          else if (part == "middle" || part == "mid") {
            a = first + 9;
            b = first + 19;
          } else if (!nextm) {
            return false;  // "this month" alone is too vague to be useful; leave it
          }
          a = std::max(a, today_);
          b = std::max(a, b);
          c.date = range(a, b, i, m);
          c.j = m;
          return true;
        }
      }
    }
    // weekdays: [this|next|coming|on|el|el proximo] <weekday> [que viene|proximo]
    {
      std::size_t k = i;
      std::string_view mod;
      if (in(s, {"this", "next", "coming", "on", "el", "este", "proximo", "by", "until", "til", "till"})) {
        mod = s;
        k = i + 1;
        if (s == "this" && is(k, "coming")) {
          mod = "coming";
          ++k;
        }
        if (s == "el" && is(k, "proximo")) {
          mod = "proximo";
          ++k;
        }
      }
      bool strict = mod.empty();
      int d = has(k) ? weekday_of(w(k), false) : -1;
      if (d >= 0 && strict && in(w(k), {"sat", "sun", "wed"})) d = -1;  // "sat", "sun" are words too
      if (d >= 0) {
        std::size_t j = k;
        bool next = mod == "next";
        // Spanish "el lunes que viene" / "el lunes proximo" is the coming one, like "el proximo lunes"
        if (is(k + 1, "que") && is(k + 2, "viene")) {
          j = k + 2;
        } else if (is(k + 1, "proximo")) {
          j = k + 1;
        }
        int delta = (d - wd_ + 7) % 7;
        long date = 0;
        if (next) {
          date = monday_of_week(today_) + 7 + d;
        } else if (mod == "this" || mod == "coming" || mod == "este") {
          date = today_ + delta;
        } else {
          date = today_ + (delta == 0 ? 7 : delta);  // bare / on / el / proximo: the next one after today
        }
        // "thursday the 19th", "martes 17": the day of month names the date (the weekday only confirms it)
        {
          std::size_t q = j + 1;
          if (is_any(q, {"the", "el"})) ++q;
          int dom = has(q) ? numeric_ordinal(w(q)) : -1;
          if (dom < 0 && has(q) && is_digits(w(q)) && w(q).size() <= 2 && !is_unit_word(w(q + 1)) &&
              !is_any(q + 1, {"am", "pm", "oclock"})) {
            int v = std::stoi(std::string(w(q)));
            if (mod == "el" || mod == "proximo" || v > 12) dom = v;  // "monday 3" may be a time; "martes 17" is not
          }
          if (dom < 0 && has(q) && q > j + 1) dom = ordinal_word(w(q));
          if (dom >= 1 && dom <= 31 && !(has(q + 1) && month_of(w(q + 1)) > 0) && !is_any(q + 1, {"of", "de"})) {
            date = next_dom(dom);
            j = q;
          }
        }
        std::size_t start = (mod == "on" || mod == "el" || mod == "by" || mod == "until" || mod == "til" || mod == "till") ? k : i;
        c.date = day(date, start, j);
        c.i = start;
        c.j = j;
        return true;
      }
    }
    // month names: March 14[th][, 2026] | mar 14 | March the 14th | 14 March | 14th of March | 14 de marzo
    {
      int m = month_of(s);
      if (m > 0) {
        std::size_t k = i + 1;
        if (is(k, "the")) ++k;
        int dom = -1;
        if (has(k)) {
          dom = numeric_ordinal(w(k));
          if (dom < 0 && is_digits(w(k)) && w(k).size() <= 2) dom = std::stoi(std::string(w(k)));
          if (dom < 0) dom = ordinal_word(w(k));
        }
        if (dom >= 1 && dom <= 31) {
          int year = 0;
          std::size_t j = k;
          if (has(k + 1) && is_digits(w(k + 1)) && w(k + 1).size() == 4) {
            year = std::stoi(std::string(w(k + 1)));
            j = k + 1;
          }
          if (auto d = month_day(m, dom, year); d && *d >= today_) {
            c.date = day(*d, i, j);
            c.j = j;
            return true;
          }
        }
      }
    }
    {
      std::size_t k = i;
      if (s == "the" || s == "el") k = i + 1;
      if (s == "el" && is(k, "dia")) ++k;
      int dom = -1;
      bool numeric = false;
      if (has(k)) {
        dom = numeric_ordinal(w(k));
        numeric = dom > 0;
        if (dom < 0) dom = ordinal_word(w(k));
        if (dom < 0 && is_digits(w(k)) && w(k).size() <= 2) {
          dom = std::stoi(std::string(w(k)));
          numeric = true;
          // a bare number is only a day when a month follows or after "el dia"
          bool month_follows = (is_any(k + 1, {"of", "de"}) && has(k + 2) && month_of(w(k + 2)) > 0) ||
                               (has(k + 1) && month_of(w(k + 1)) > 0 && w(k + 1) != "mar" && w(k + 1) != "may");
          bool dia = s == "el" && k == i + 2;
          if (!month_follows && !dia) dom = -1;
        }
      }
      if (dom >= 1 && dom <= 31) {
        // month after: "14 March", "14th of March", "14 de marzo"
        std::size_t mk = k + 1;
        if (is_any(mk, {"of", "de"})) ++mk;
        int m = has(mk) ? month_of(w(mk)) : 0;
        if (m > 0) {
          int year = 0;
          std::size_t j = mk;
          if (is(mk + 1, "de") && has(mk + 2) && is_digits(w(mk + 2)) && w(mk + 2).size() == 4) {
            year = std::stoi(std::string(w(mk + 2)));
            j = mk + 2;
          } else if (has(mk + 1) && is_digits(w(mk + 1)) && w(mk + 1).size() == 4) {
            year = std::stoi(std::string(w(mk + 1)));
            j = mk + 1;
          }
          if (auto d = month_day(m, dom, year); d && *d >= today_) {
            c.date = day(*d, i, j);
            c.j = j;
            return true;
          }
        }
        // ordinal alone: "the 14th", "on the 3rd", "el dia 14"
        bool prefixed = k > i || (i > 0 && in(w(i - 1), {"on", "the", "by", "for", "until"}) &&
                                  ordinal_context_ok(k + 1) && !is_any(k + 1, {"and", "y"}));  // "on 5th and main"
        bool ok = numeric ? (prefixed && !ordinal_blocked_next(k + 1)) : (k > i && ordinal_context_ok(k + 1));
        if (ok && (s == "the" || s == "el" || prefixed)) {
          long date = next_dom(dom);
          std::size_t j = k;
          if (is_any(k + 1, {"of", "del"}) && is_any(k + 2, {"next", "this", "proximo"}) && is_any(k + 3, {"month", "mes"})) {
            int y = now_.year, m = now_.month;
            if (w(k + 2) != "this") {
              if (++m > 12) {
                m = 1;
                ++y;
              }
            }
            if (dom <= days_in_month(y, m)) date = days_from_civil(y, m, dom);
            j = k + 3;
          }
          c.date = day(date, i, j);
          c.j = j;
          return true;
        }
      }
    }
    // numeric dates: 2026-03-14, 3/14, 03/14/2026, 3/14/26
    if (s.find_first_of("/-") != std::string_view::npos && s != "24/7") {
      std::vector<int> parts;
      char sep = 0;
      std::string cur;
      bool bad = false;
      for (char ch : s) {
        if (ch == '/' || ch == '-') {
          if (sep && sep != ch) bad = true;
          sep = ch;
          if (cur.empty() || cur.size() > 4) bad = true;
          else parts.push_back(std::stoi(cur));
          cur.clear();
        } else if (ch >= '0' && ch <= '9') {
          cur.push_back(ch);
          if (cur.size() > 4) bad = true;
        } else {
          bad = true;
        }
      }
      if (!bad && !cur.empty() && cur.size() <= 4) parts.push_back(std::stoi(cur));
      if (bad) return false;
      std::optional<long> d;
      if (sep == '-' && parts.size() == 3 && s.size() == 10 && s[4] == '-') {
        d = month_day(parts[1], parts[2], parts[0]);
      } else if (sep == '/' && (parts.size() == 2 || parts.size() == 3)) {
        bool fraction = parts.size() == 2 && parts[0] < parts[1] && parts[1] <= 4 &&
                        (is_any(i + 1, {"a", "an", "of", "tablet", "tablets", "pill", "pills", "tab", "cup", "dose", "mg",
                                        "teaspoon", "tsp", "inch", "mile", "hour", "hr"}) ||
                         (i > 0 && in(w(i - 1), {"take", "took", "taking", "about", "only", "half", "cut"})));
        bool ratio = parts.size() == 2 && parts[1] == 10;  // "pain is 7/10": a score, not October
        for (const auto& tk : t_) ratio = ratio && !in(tk.w, {"october", "oct", "octubre"});
        if (!fraction && !ratio) {
          int year = parts.size() == 3 ? parts[2] : 0;
          if (parts.size() == 3 && !(year < 100 || (year >= 1900 && year < 2200))) return false;
          d = month_day(parts[0], parts[1], year);
          if (!d && parts[0] > 12 && parts[1] <= 12) d = month_day(parts[1], parts[0], year);  // 14/03
        }
      }
      if (d && *d < today_) return false;  // an explicit past date (a birth date, last visit) is no appointment
      if (d) {
        c.date = day(*d, i, i);
        c.j = i;
        return true;
      }
    }
    return false;
  }

  // ---- times ----
  // Parses an hour expression at k: "3", "3:30", "3pm", "3:30pm", "15:00", "three", "three thirty", with a
  // following "pm"/"p m"/"o'clock"/"in the morning"/"de la tarde". Returns minutes or -1; sets j (last token),
  // explicit (am/pm given or 24h) and strong (form alone is a time: has colon or am/pm).
  int clock_at(std::size_t k, std::size_t& j, bool& strong, bool allow_words) const {
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

  bool match_time(std::size_t i, Cand& c) const {
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

  bool match(std::size_t i, Cand& c) const {
    // Past durations and references are consumed so they never become the date: "for 3 days", "3 days ago",
    // "since monday", "a fever of 3 days", "last week", "yesterday".
    auto s = w(i);
    if (in(s, {"yesterday", "ayer", "anoche"})) {
      c.j = i;
      return true;
    }
    if (in(s, {"for", "of", "past", "last", "hace", "durante", "desde", "since", "over"})) {
      std::size_t k = i + 1;
      if (is_any(k, {"the", "a", "los", "las"}) && is_any(k + 1, {"past", "last", "next", "ultimos", "ultimas"})) k += 2;
      else if (is_any(k, {"about", "almost", "like", "over", "around", "nearly"})) ++k;
      std::size_t len = 0;
      int n = number_at(k, len, true);
      if (n >= 1 && unit_days(w(k + len)) != 0 && !is_any(k + len + 1, {"from", "later"})) {
        bool next = k >= 2 && in(w(k - 1), {"next", "coming"});
        if (!next) {
          c.j = k + len;
          return true;
        }
      }
      if (in(s, {"last", "past"}) && is_any(i + 1, {"week", "month", "year", "weekend", "night", "time", "visit"})) {
        c.j = i + 1;
        return true;
      }
      if (in(s, {"last", "past"}) && has(i + 1) && weekday_of(w(i + 1), true) >= 0) {
        c.j = i + 1;
        return true;
      }
    }
    if (match_time(i, c)) return true;
    c = Cand{};
    if (match_date(i, c)) {
      // a time directly attached to a date phrase is picked up on the next iteration
      return true;
    }
    c = Cand{};
    return false;
  }
};

}  // namespace

ParsedDateTime parse_tokens(std::string_view text, const std::vector<Token>& toks, const Now& now) {
  return Parser(text, toks, now).run();
}

}  // namespace detail

DateTime parse_datetime(std::string_view text, const Now& now) {
  auto toks = detail::tokenize(text);
  return detail::parse_tokens(text, toks, now).dt;
}

}  // namespace aurixa::agents::nlu
