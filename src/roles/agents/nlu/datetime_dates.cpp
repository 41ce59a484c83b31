// Date matchers of the NLU parser. Each looks at token i and either finds a date (setting c.date and c.j),
// finds nothing (the next matcher tries), or rejects the position outright.
#include <algorithm>
#include <array>
#include <string>

#include "roles/agents/nlu/datetime_parser.hpp"

namespace aurixa::agents::nlu::detail {

bool Parser::match_date(std::size_t i, Cand& c) const {
  for (auto matcher : {&Parser::match_relative_day, &Parser::match_offset, &Parser::match_week_month_span,
                       &Parser::match_weekday, &Parser::match_month_name, &Parser::match_numeric_date}) {
    DateMatch r = (this->*matcher)(i, c);
    if (r != DateMatch::none) return r == DateMatch::found;
  }
  return false;
}

// Relative days: today, tonight, tomorrow, the day after tomorrow, this morning, later today, same time next week.
DateMatch Parser::match_relative_day(std::size_t i, Cand& c) const {
  auto s = w(i);
  // day after tomorrow / pasado manana
  if (s == "day" && is(i + 1, "after") && is_any(i + 2, {"tomorrow", "tmrw", "tomorow", "tommorow", "tomorrrow"})) {
    c.date = day(today_ + 2, i, i + 2);
    c.j = i + 2;
    return DateMatch::found;
  }
  if (s == "the" && is(i + 1, "day") && is(i + 2, "after") && is(i + 3, "tomorrow")) {
    c.date = day(today_ + 2, i, i + 3);
    c.j = i + 3;
    return DateMatch::found;
  }
  if (s == "pasado" && is(i + 1, "manana")) {
    c.date = day(today_ + 2, i, i + 1);
    c.j = i + 1;
    return DateMatch::found;
  }
  if (in(s, {"today", "todays", "hoy", "tday"})) {
    c.date = day(today_, i, i);
    c.j = i;
    return DateMatch::found;
  }
  if (in(s, {"tonight", "tonite"})) {
    c.date = day(today_, i, i);
    c.time = window(kAfternoonEnd, kEveningEnd, i, i);
    c.j = i;
    return DateMatch::found;
  }
  if (in(s, {"tomorrow", "tomorrows", "tmrw", "tmr", "tomorow", "tommorow", "tommorrow", "tomorrrow", "2morrow"})) {
    c.date = day(today_ + 1, i, i);
    c.j = i;
    return DateMatch::found;
  }
  if (s == "manana") {
    bool article = i > 0 && in(w(i - 1), {"la", "esta", "las"}) && !t_[i].punct_before;
    if (!article) {
      c.date = day(today_ + 1, i, i);
      c.j = i;
      return DateMatch::found;
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
      return DateMatch::found;
    }
  }
  // later today / later this afternoon
  if (s == "later" && is_any(i + 1, {"today", "on"})) {
    std::size_t j = i + 1;
    if (w(j) == "on") {
      if (!is(j + 1, "today")) return DateMatch::rejected;
      ++j;
    }
    int start = std::max(kMorning, ((now_.hour * 60 + now_.minute) / 15 + 1) * 15);
    c.date = day(today_, i, j);
    c.time = window(std::min(start, kEveningEnd - 15), kEveningEnd, i, j);
    c.j = j;
    return DateMatch::found;
  }
  // "same time next week", "same day next week", "a week from today/tomorrow/now"
  if (s == "same" && is_any(i + 1, {"time", "day"}) && is(i + 2, "next") && is(i + 3, "week")) {
    c.date = day(today_ + 7, i, i + 3);
    if (w(i + 1) == "time") c.time = TimeSpec{0, 0, false, true, phrase(i, i + 1)};
    c.j = i + 3;
    return DateMatch::found;
  }
  return DateMatch::none;
}

// Offsets: in N days/weeks, N days from now, a week from friday, the next N days.
DateMatch Parser::match_offset(std::size_t i, Cand& c) const {
  auto s = w(i);
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
          return DateMatch::found;
        }
        if (!in(s, {"in", "en", "dentro"})) return DateMatch::rejected;
        long d = ud > 0 ? today_ + static_cast<long>(n) * ud : add_months(today_, n);
        c.date = day(d, i, j);
        c.j = j;
        return DateMatch::found;
      }
    }
    // in <month>
    if (has(k) && (s == "in" || s == "en") && !next_form) {
      int m = month_of(w(k));
      if (m > 0 && !(m == 5 && w(k) == "may" && is_any(k + 1, {"i", "we", "you", "he", "she", "they", "be"}))) {
        if (m == 3 && w(k) == "mar") return DateMatch::rejected;
        int y = now_.year + (m < now_.month ? 1 : 0);
        long a = std::max(today_, days_from_civil(y, m, 1));
        long b = days_from_civil(y, m, days_in_month(y, m));
        c.date = range(a, b, i, k);
        c.j = k;
        return DateMatch::found;
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
      return DateMatch::found;
    }
    if (n >= 1 && n <= 60 && unit_days(w(i + len)) != 0 && is(i + len + 1, "from") &&
        is_any(i + len + 2, {"now", "today", "tomorrow"})) {
      int ud = unit_days(w(i + len));
      long base = today_ + (w(i + len + 2) == "tomorrow" ? 1 : 0);
      long d = ud > 0 ? base + static_cast<long>(n) * ud : add_months(base, n);
      c.date = day(d, i, i + len + 2);
      c.j = i + len + 2;
      return DateMatch::found;
    }
    if (n >= 1 && n <= 60 && unit_days(w(i + len)) != 0 && is_any(i + len + 1, {"later", "out"}) &&
        !(i > 0 && in(w(i - 1), {"for", "of", "past", "last"}))) {
      int ud = unit_days(w(i + len));
      long d = ud > 0 ? today_ + static_cast<long>(n) * ud : add_months(today_, n);
      c.date = day(d, i, i + len + 1);
      c.j = i + len + 1;
      return DateMatch::found;
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
      return DateMatch::found;
    }
  }
  return DateMatch::none;
}

// Spans: next week, the weekend, end/middle of the week, end/beginning of the month, next month.
DateMatch Parser::match_week_month_span(std::size_t i, Cand& c) const {
  auto s = w(i);
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
        return DateMatch::found;
      }
      if (mod.empty() && !next) return DateMatch::rejected;
      if (mod == "the" && !next) return DateMatch::rejected;
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
      return DateMatch::found;
    }
    if (weekend) {
      long sat = monday_of_week(today_) + 5;
      bool next = in(mod, {"next", "following"});
      if (next) sat += 7;
      long a = std::max(today_, sat);
      c.date = range(a, sat + 1, mod.empty() ? k : i, j);
      if (mod.empty()) c.i = k;
      c.j = j;
      return DateMatch::found;
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
      return DateMatch::found;
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
          return DateMatch::rejected;  // "this month" alone is too vague to be useful; leave it
        }
        a = std::max(a, today_);
        b = std::max(a, b);
        c.date = range(a, b, i, m);
        c.j = m;
        return DateMatch::found;
      }
    }
  }
  return DateMatch::none;
}

// Weekdays: [this|next|coming|on|el proximo] <weekday> [que viene].
DateMatch Parser::match_weekday(std::size_t i, Cand& c) const {
  auto s = w(i);
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
      return DateMatch::found;
    }
  }
  return DateMatch::none;
}

// Month names: March 14[th][, 2026], mar 14, March the 14th, 14 March, 14th of March, 14 de marzo.
DateMatch Parser::match_month_name(std::size_t i, Cand& c) const {
  auto s = w(i);
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
          return DateMatch::found;
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
          return DateMatch::found;
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
        return DateMatch::found;
      }
    }
  }
  return DateMatch::none;
}

// Numeric dates: 2026-03-14, 3/14, 03/14/2026, 3/14/26.
DateMatch Parser::match_numeric_date(std::size_t i, Cand& c) const {
  auto s = w(i);
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
    if (bad) return DateMatch::rejected;
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
        if (parts.size() == 3 && !(year < 100 || (year >= 1900 && year < 2200))) return DateMatch::rejected;
        d = month_day(parts[0], parts[1], year);
        if (!d && parts[0] > 12 && parts[1] <= 12) d = month_day(parts[1], parts[0], year);  // 14/03
      }
    }
    if (d && *d < today_) return DateMatch::rejected;  // an explicit past date (a birth date, last visit) is no appointment
    if (d) {
      c.date = day(*d, i, i);
      c.j = i;
      return DateMatch::found;
    }
  }
  return DateMatch::none;
}

}  // namespace aurixa::agents::nlu::detail
