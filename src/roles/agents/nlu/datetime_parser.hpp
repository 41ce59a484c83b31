#pragma once
// The date/time parser shared by datetime.cpp (driver, numbers, calendar helpers), datetime_dates.cpp
// (date matchers) and datetime_times.cpp (time matchers). Private to the NLU library.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roles/agents/nlu/internal.hpp"

namespace aurixa::agents::nlu::detail {

constexpr int kMorning = 8 * 60, kNoon = 12 * 60, kAfternoonEnd = 17 * 60, kEveningEnd = 20 * 60;

// Word classes (folded tokens).
bool in(std::string_view w, std::initializer_list<std::string_view> set);
int weekday_of(std::string_view w, bool strict_only);
int month_of(std::string_view w);
int small_number_word(std::string_view w);
int ordinal_word(std::string_view w);
int numeric_ordinal(std::string_view w);
bool is_unit_word(std::string_view w);

struct Cand {
  std::optional<DateSpec> date;
  std::optional<TimeSpec> time;
  std::size_t i = 0, j = 0;  // token range (inclusive)
  bool penalized = false;    // "from tuesday", "my 10am", "today's": probably the old value
  bool date_blocked = false; // past context: never the answer
};

// Outcome of one date matcher: no date here (try the next matcher), a date, or a rejection of the position
// (e.g. "this month" alone, an explicit past date) that ends the search.
enum class DateMatch { none, found, rejected };

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& t, const Now& now);
  ParsedDateTime run();

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

  void mark_context(Cand& c) const;
  // Number (digits or words) at k; returns value and sets len. "a"/"an" allowed when allow_article.
  int number_at(std::size_t k, std::size_t& len, bool allow_article) const;
  // "days"/"weeks"/... -> days per unit; 0 if not a unit. months = -1.
  static int unit_days(std::string_view u);
  long add_months(long d, int n) const;
  // Upcoming date with day-of-month `dom`: this month if not past, else the next month that has it.
  long next_dom(int dom) const;
  std::optional<long> month_day(int month, int dom, int year) const;
  bool ordinal_context_ok(std::size_t next) const;
  bool ordinal_blocked_next(std::size_t next) const;

  // Dates (datetime_dates.cpp): the matchers in match_date's order, most specific first.
  bool match_date(std::size_t i, Cand& c) const;
  DateMatch match_relative_day(std::size_t i, Cand& c) const;
  DateMatch match_offset(std::size_t i, Cand& c) const;
  DateMatch match_week_month_span(std::size_t i, Cand& c) const;
  DateMatch match_weekday(std::size_t i, Cand& c) const;
  DateMatch match_month_name(std::size_t i, Cand& c) const;
  DateMatch match_numeric_date(std::size_t i, Cand& c) const;

  // Times (datetime_times.cpp).
  // Parses an hour expression at k: "3", "3:30", "3pm", "3:30pm", "15:00", "three", "three thirty", with a
  // following "pm"/"p m"/"o'clock"/"in the morning"/"de la tarde". Returns minutes or -1; sets j (last token),
  // explicit (am/pm given or 24h) and strong (form alone is a time: has colon or am/pm).
  int clock_at(std::size_t k, std::size_t& j, bool& strong, bool allow_words) const;
  bool match_time(std::size_t i, Cand& c) const;
  bool match_relative_time(std::size_t i, Cand& c) const;

  // A date, a time, or a past reference consumed so it never becomes the answer.
  bool match(std::size_t i, Cand& c) const;
};

}  // namespace aurixa::agents::nlu::detail
