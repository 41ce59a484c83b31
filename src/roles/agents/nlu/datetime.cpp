// Dates and times in free text. A single left-to-right pass over folded tokens: at each position the matchers
// are tried from the most to the least specific; a match yields a date and/or a time plus the tokens it used.
// Candidates in a past or "from" context are dropped when a better one exists.
#include <algorithm>
#include <array>
#include <optional>

#include "roles/agents/nlu/datetime_parser.hpp"

namespace aurixa::agents::nlu {
namespace detail {

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

Parser::Parser(std::string_view text, const std::vector<Token>& t, const Now& now) : text_(text), t_(t), now_(now) {
  today_ = days_from_civil(now.year, now.month, now.day);
  wd_ = weekday(today_);
}

ParsedDateTime Parser::run() {
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

void Parser::mark_context(Cand& c) const {
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
int Parser::number_at(std::size_t k, std::size_t& len, bool allow_article) const {
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
int Parser::unit_days(std::string_view u) {
  if (in(u, {"day", "days", "dias", "dia"})) return 1;
  if (in(u, {"week", "weeks", "semana", "semanas", "wk", "wks"})) return 7;
  if (in(u, {"month", "months", "mes", "meses"})) return -1;
  return 0;
}

long Parser::add_months(long d, int n) const {
  int y = 0, m = 0, dd = 0;
  civil_from_days(d, y, m, dd);
  int idx = y * 12 + (m - 1) + n;
  y = idx / 12;
  m = idx % 12 + 1;
  return days_from_civil(y, m, std::min(dd, days_in_month(y, m)));
}

// Upcoming date with day-of-month `dom`: this month if not past, else the next month that has it.
long Parser::next_dom(int dom) const {
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

std::optional<long> Parser::month_day(int month, int dom, int year) const {
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

bool Parser::ordinal_context_ok(std::size_t next) const {
  if (!has(next) || t_[next].punct_before) return true;
  return in(w(next), {"of", "at", "in", "for", "please", "then", "or", "and", "if", "would", "works", "is", "by",
                      "around", "morning", "afternoon", "evening", "de", "a", "en", "por", "instead", "maybe",
                      "possibly", "ok", "okay", "too", "works", "after", "before", "first", "thing", "from", "to",
                      "with", "that", "this", "next", "works", "will", "could", "can", "no", "not", "thanks"});
}

bool Parser::ordinal_blocked_next(std::size_t next) const {
  return has(next) && !t_[next].punct_before &&
         in(w(next), {"street", "st", "ave", "avenue", "floor", "grade", "birthday", "time", "times", "dose", "round",
                      "place", "opinion", "visit", "appointment", "try", "attempt", "refill", "child", "kid", "son",
                      "daughter", "baby", "pregnancy", "shot", "dose", "booster", "blvd", "road", "rd", "lane",
                      "drive", "century", "percentile", "trimester", "degree", "week", "day", "month", "year",
                      "one", "cycle", "line"});
}

bool Parser::match(std::size_t i, Cand& c) const {
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
  if (match_relative_time(i, c) || match_time(i, c)) return true;
  c = Cand{};
  if (match_date(i, c)) {
    // a time directly attached to a date phrase is picked up on the next iteration
    return true;
  }
  c = Cand{};
  return false;
}

ParsedDateTime parse_tokens(std::string_view text, const std::vector<Token>& toks, const Now& now) {
  return Parser(text, toks, now).run();
}

}  // namespace detail

DateTime parse_datetime(std::string_view text, const Now& now) {
  auto toks = detail::tokenize(text);
  return detail::parse_tokens(text, toks, now).dt;
}

}  // namespace aurixa::agents::nlu
