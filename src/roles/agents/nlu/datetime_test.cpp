// Table-driven date/time parsing against fixed "now"s. Main Now: Wednesday 2026-03-11 10:15.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace {

constexpr Now kWed{2026, 3, 11, 10, 15};    // Wednesday
constexpr Now kSat{2026, 12, 26, 16, 40};   // Saturday near the year end
constexpr Now kJan31{2026, 1, 31, 9, 0};    // Saturday, end of a long month

constexpr int H(int h, int m = 0) { return h * 60 + m; }
constexpr int kNoTime = -1;
constexpr int kSame = -2;

struct Row {
  Now now;
  const char* text;
  const char* first;  // "" = no date expected
  const char* last;   // "" = same as first
  const char* date_phrase;
  int start;  // kNoTime = no time expected; kSame = "same time"
  int end;    // -1 = exact (== start)
  const char* time_phrase;
};

const std::vector<Row>& rows() {
  static const std::vector<Row> r = {
      // relative days
      {kWed, "today", "2026-03-11", "", "today", kNoTime, 0, ""},
      {kWed, "Tomorrow please", "2026-03-12", "", "Tomorrow", kNoTime, 0, ""},
      {kWed, "tmrw", "2026-03-12", "", "tmrw", kNoTime, 0, ""},
      {kWed, "day after tomorrow", "2026-03-13", "", "day after tomorrow", kNoTime, 0, ""},
      {kWed, "the day after tomorrow works", "2026-03-13", "", "the day after tomorrow", kNoTime, 0, ""},
      {kWed, "tonight", "2026-03-11", "", "tonight", H(17), H(20), "tonight"},
      {kWed, "this afternoon", "2026-03-11", "", "this afternoon", H(12), H(17), "this afternoon"},
      {kWed, "this morning if possible", "2026-03-11", "", "this morning", H(8), H(12), "this morning"},
      {kWed, "later today", "2026-03-11", "", "later today", H(10, 30), H(20), "later today"},
      // weekdays
      {kWed, "monday", "2026-03-16", "", "monday", kNoTime, 0, ""},
      {kWed, "on Tuesday", "2026-03-17", "", "Tuesday", kNoTime, 0, ""},
      {kWed, "wednesday", "2026-03-18", "", "wednesday", kNoTime, 0, ""},
      {kWed, "this wednesday", "2026-03-11", "", "this wednesday", kNoTime, 0, ""},
      {kWed, "thursday", "2026-03-12", "", "thursday", kNoTime, 0, ""},
      {kWed, "this friday", "2026-03-13", "", "this friday", kNoTime, 0, ""},
      {kWed, "next friday", "2026-03-20", "", "next friday", kNoTime, 0, ""},
      {kWed, "next monday", "2026-03-16", "", "next monday", kNoTime, 0, ""},
      {kWed, "coming saturday", "2026-03-14", "", "coming saturday", kNoTime, 0, ""},
      {kWed, "this coming sunday", "2026-03-15", "", "this coming sunday", kNoTime, 0, ""},
      {kWed, "thurs", "2026-03-12", "", "thurs", kNoTime, 0, ""},
      {kWed, "next tues", "2026-03-17", "", "next tues", kNoTime, 0, ""},
      {kWed, "wensday", "2026-03-18", "", "wensday", kNoTime, 0, ""},
      // weeks
      {kWed, "next week", "2026-03-16", "2026-03-20", "next week", kNoTime, 0, ""},
      {kWed, "sometime this week", "2026-03-11", "2026-03-13", "this week", kNoTime, 0, ""},
      {kWed, "the following week", "2026-03-16", "2026-03-20", "the following week", kNoTime, 0, ""},
      {kWed, "the week after next", "2026-03-23", "2026-03-27", "the week after next", kNoTime, 0, ""},
      {kWed, "early next week", "2026-03-16", "2026-03-18", "early next week", kNoTime, 0, ""},
      {kWed, "later this week", "2026-03-12", "2026-03-13", "later this week", kNoTime, 0, ""},
      {kWed, "this weekend", "2026-03-14", "2026-03-15", "this weekend", kNoTime, 0, ""},
      {kWed, "next weekend", "2026-03-21", "2026-03-22", "next weekend", kNoTime, 0, ""},
      {kWed, "over the weekend", "2026-03-14", "2026-03-15", "the weekend", kNoTime, 0, ""},
      // in N days / N days from now
      {kWed, "in 2 days", "2026-03-13", "", "in 2 days", kNoTime, 0, ""},
      {kWed, "in two days", "2026-03-13", "", "in two days", kNoTime, 0, ""},
      {kWed, "in 4 days", "2026-03-15", "", "in 4 days", kNoTime, 0, ""},
      {kWed, "five days from now", "2026-03-16", "", "five days from now", kNoTime, 0, ""},
      {kWed, "a week from today", "2026-03-18", "", "a week from today", kNoTime, 0, ""},
      {kWed, "in a week", "2026-03-18", "", "in a week", kNoTime, 0, ""},
      {kWed, "in 2 weeks", "2026-03-25", "", "in 2 weeks", kNoTime, 0, ""},
      {kWed, "in three weeks", "2026-04-01", "", "in three weeks", kNoTime, 0, ""},
      {kWed, "in a couple of days", "2026-03-13", "", "in a couple of days", kNoTime, 0, ""},
      {kWed, "a couple of days from now", "2026-03-13", "", "a couple of days from now", kNoTime, 0, ""},
      {kWed, "in ten days", "2026-03-21", "", "in ten days", kNoTime, 0, ""},
      {kWed, "in twenty one days", "2026-04-01", "", "in twenty one days", kNoTime, 0, ""},
      {kWed, "in thirty days", "2026-04-10", "", "in thirty days", kNoTime, 0, ""},
      {kWed, "3 days from now", "2026-03-14", "", "3 days from now", kNoTime, 0, ""},
      {kWed, "any day in the next 3 days", "2026-03-12", "2026-03-14", "any day in the next 3 days", kNoTime, 0, ""},
      {kWed, "within the next 5 days", "2026-03-12", "2026-03-16", "within the next 5 days", kNoTime, 0, ""},
      {kWed, "sometime in the next two weeks", "2026-03-12", "2026-03-25", "in the next two weeks", kNoTime, 0, ""},
      // day of month
      {kWed, "the 14th", "2026-03-14", "", "the 14th", kNoTime, 0, ""},
      {kWed, "on the 3rd", "2026-04-03", "", "the 3rd", kNoTime, 0, ""},
      {kWed, "the 11th", "2026-03-11", "", "the 11th", kNoTime, 0, ""},
      {kWed, "the 10th", "2026-04-10", "", "the 10th", kNoTime, 0, ""},
      {kWed, "the 31st", "2026-03-31", "", "the 31st", kNoTime, 0, ""},
      {kWed, "on the twentieth", "2026-03-20", "", "the twentieth", kNoTime, 0, ""},
      {kWed, "the 22nd please", "2026-03-22", "", "the 22nd", kNoTime, 0, ""},
      // month names
      {kWed, "March 14", "2026-03-14", "", "March 14", kNoTime, 0, ""},
      {kWed, "14 March", "2026-03-14", "", "14 March", kNoTime, 0, ""},
      {kWed, "mar 14th", "2026-03-14", "", "mar 14th", kNoTime, 0, ""},
      {kWed, "March 2", "2027-03-02", "", "March 2", kNoTime, 0, ""},
      {kWed, "April 1st", "2026-04-01", "", "April 1st", kNoTime, 0, ""},
      {kWed, "the 14th of April", "2026-04-14", "", "the 14th of April", kNoTime, 0, ""},
      {kWed, "May 5th", "2026-05-05", "", "May 5th", kNoTime, 0, ""},
      {kWed, "june 3, 2026", "2026-06-03", "", "june 3, 2026", kNoTime, 0, ""},
      {kWed, "sept 9", "2026-09-09", "", "sept 9", kNoTime, 0, ""},
      {kWed, "in april", "2026-04-01", "2026-04-30", "in april", kNoTime, 0, ""},
      // numeric
      {kWed, "3/14", "2026-03-14", "", "3/14", kNoTime, 0, ""},
      {kWed, "03/14/2026", "2026-03-14", "", "03/14/2026", kNoTime, 0, ""},
      {kWed, "2026-03-14", "2026-03-14", "", "2026-03-14", kNoTime, 0, ""},
      {kWed, "12/03", "2026-12-03", "", "12/03", kNoTime, 0, ""},
      {kWed, "4/2/26", "2026-04-02", "", "4/2/26", kNoTime, 0, ""},
      {kWed, "25/03", "2026-03-25", "", "25/03", kNoTime, 0, ""},
      // month parts
      {kWed, "end of the month", "2026-03-25", "2026-03-31", "end of the month", kNoTime, 0, ""},
      {kWed, "next month", "2026-04-01", "2026-04-30", "next month", kNoTime, 0, ""},
      {kWed, "beginning of next month", "2026-04-01", "2026-04-07", "beginning of next month", kNoTime, 0, ""},
      // exact times
      // relative times: counted from now, crossing midnight into the next day
      {kWed, "in 2 hours", "2026-03-11", "", "in 2 hours", H(12, 15), -1, "in 2 hours"},
      {kWed, "can i come in an hour", "2026-03-11", "", "in an hour", H(11, 15), -1, "in an hour"},
      {kWed, "in half an hour please", "2026-03-11", "", "in half an hour", H(10, 45), -1, "in half an hour"},
      {kWed, "in 30 minutes", "2026-03-11", "", "in 30 minutes", H(10, 45), -1, "in 30 minutes"},
      {kWed, "three hours from now", "2026-03-11", "", "three hours from now", H(13, 15), -1, "three hours from now"},
      {kWed, "in a couple of hours", "2026-03-11", "", "in a couple of hours", H(12, 15), -1, "in a couple of hours"},
      {kWed, "en una hora", "2026-03-11", "", "en una hora", H(11, 15), -1, "en una hora"},
      {kWed, "dentro de 2 horas", "2026-03-11", "", "dentro de 2 horas", H(12, 15), -1, "dentro de 2 horas"},
      {kSat, "in 8 hours", "2026-12-27", "", "in 8 hours", H(0, 40), -1, "in 8 hours"},
      {kWed, "at 3", "", "", "", H(15), -1, "at 3"},
      {kWed, "at 9", "", "", "", H(9), -1, "at 9"},
      {kWed, "at 12", "", "", "", H(12), -1, "at 12"},
      {kWed, "at 7", "", "", "", H(7), -1, "at 7"},
      {kWed, "at 11", "", "", "", H(11), -1, "at 11"},
      {kWed, "at 1", "", "", "", H(13), -1, "at 1"},
      {kWed, "3pm", "", "", "", H(15), -1, "3pm"},
      {kWed, "at 3pm", "", "", "", H(15), -1, "3pm"},
      {kWed, "3:30 pm", "", "", "", H(15, 30), -1, "3:30 pm"},
      {kWed, "3:30", "", "", "", H(15, 30), -1, "3:30"},
      {kWed, "15:00", "", "", "", H(15), -1, "15:00"},
      {kWed, "10am", "", "", "", H(10), -1, "10am"},
      {kWed, "9 am", "", "", "", H(9), -1, "9 am"},
      {kWed, "10:45am", "", "", "", H(10, 45), -1, "10:45am"},
      {kWed, "9 a.m.", "", "", "", H(9), -1, "9 a.m"},
      {kWed, "12pm", "", "", "", H(12), -1, "12pm"},
      {kWed, "noon", "", "", "", H(12), -1, "noon"},
      {kWed, "12 noon", "", "", "", H(12), -1, "12 noon"},
      {kWed, "half past 2", "", "", "", H(14, 30), -1, "half past 2"},
      {kWed, "quarter to 4", "", "", "", H(15, 45), -1, "quarter to 4"},
      {kWed, "a quarter past 10", "", "", "", H(10, 15), -1, "a quarter past 10"},
      {kWed, "at 3 in the afternoon", "", "", "", H(15), -1, "3 in the afternoon"},
      {kWed, "at 8 in the morning", "", "", "", H(8), -1, "8 in the morning"},
      {kWed, "at 6 in the morning", "", "", "", H(6), -1, "6 in the morning"},
      {kWed, "at three", "", "", "", H(15), -1, "at three"},
      {kWed, "at three thirty", "", "", "", H(15, 30), -1, "at three thirty"},
      {kWed, "around 10", "", "", "", H(10), -1, "around 10"},
      {kWed, "at 5 o'clock", "", "", "", H(17), -1, "5 o'clock"},
      // windows
      {kWed, "morning", "", "", "", H(8), H(12), "morning"},
      {kWed, "in the afternoon", "", "", "", H(12), H(17), "afternoon"},
      {kWed, "any evening slots?", "", "", "", H(17), H(20), "evening"},
      {kWed, "after lunch", "", "", "", H(13), H(17), "after lunch"},
      {kWed, "before noon", "", "", "", H(8), H(12), "before noon"},
      {kWed, "before lunch", "", "", "", H(8), H(12), "before lunch"},
      {kWed, "early morning", "", "", "", H(8), H(10), "early morning"},
      {kWed, "late afternoon", "", "", "", H(14, 30), H(17), "late afternoon"},
      {kWed, "first thing", "", "", "", H(8), H(9), "first thing"},
      {kWed, "first thing in the morning", "", "", "", H(8), H(9), "first thing in the morning"},
      {kWed, "after 3", "", "", "", H(15), H(20), "after 3"},
      {kWed, "before 10", "", "", "", H(8), H(10), "before 10"},
      {kWed, "between 2 and 4", "", "", "", H(14), H(16), "between 2 and 4"},
      {kWed, "end of the day", "", "", "", H(16), H(17), "end of the day"},
      {kWed, "after work", "", "", "", H(17), H(20), "after work"},
      {kWed, "same time", "", "", "", kSame, 0, "same time"},
      // combined
      {kWed, "next Tuesday morning", "2026-03-17", "", "next Tuesday", H(8), H(12), "morning"},
      {kWed, "tomorrow at 9", "2026-03-12", "", "tomorrow", H(9), -1, "at 9"},
      {kWed, "the 14th at 3", "2026-03-14", "", "the 14th", H(15), -1, "at 3"},
      {kWed, "tomorrow after lunch", "2026-03-12", "", "tomorrow", H(13), H(17), "after lunch"},
      {kWed, "friday afternoon", "2026-03-13", "", "friday", H(12), H(17), "afternoon"},
      {kWed, "monday at 10:30", "2026-03-16", "", "monday", H(10, 30), -1, "10:30"},
      {kWed, "thursday at half past 2", "2026-03-12", "", "thursday", H(14, 30), -1, "half past 2"},
      {kWed, "the day after tomorrow at 3:30 pm", "2026-03-13", "", "the day after tomorrow", H(15, 30), -1, "3:30 pm"},
      {kWed, "first thing tomorrow", "2026-03-12", "", "tomorrow", H(8), H(9), "first thing"},
      {kWed, "in 4 days at noon", "2026-03-15", "", "in 4 days", H(12), -1, "noon"},
      {kWed, "same time next week", "2026-03-18", "", "same time next week", kSame, 0, "same time"},
      {kWed, "can we do March 20 at 2pm?", "2026-03-20", "", "March 20", H(14), -1, "2pm"},
      {kWed, "move it from wednesday to friday", "2026-03-13", "", "friday", kNoTime, 0, ""},
      {kWed, "push my 10am to 2pm", "", "", "", H(14), -1, "2pm"},
      {kWed, "move today's appointment to tomorrow", "2026-03-12", "", "tomorrow", kNoTime, 0, ""},
      {kWed, "I've had a cough since monday, can I come in thursday?", "2026-03-12", "", "thursday", kNoTime, 0, ""},
      {kWed, "my 2:00 appointment on Friday to Monday at the same time", "2026-03-16", "", "Monday", kSame, 0, "same time"},
      {kWed, "any weekday after 3:30 except Wednesday", "", "", "", H(15, 30), H(20), "after 3:30"},
      {kWed, "today at like 4ish", "2026-03-11", "", "today", H(16), -1, "4ish"},
      {kWed, "Saturday morning at 10?", "2026-03-14", "", "Saturday", H(10), -1, "at 10"},
      {kWed, "Thursday the 19th around 2:30", "2026-03-19", "", "Thursday the 19th", H(14, 30), -1, "2:30"},
      {kWed, "el martes 17 a las 9", "2026-03-17", "", "martes 17", H(9), -1, "a las 9"},
      {kWed, "a week from friday", "2026-03-20", "", "a week from friday", kNoTime, 0, ""},
      {kWed, "the 1st of next month", "2026-04-01", "", "the 1st of next month", kNoTime, 0, ""},
      {kWed, "mañana temprano", "2026-03-12", "", "mañana", H(8), H(10), "temprano"},
      {kWed, "by the end of the week", "2026-03-12", "2026-03-13", "end of the week", kNoTime, 0, ""},
      {kWed, "end of next week", "2026-03-19", "2026-03-20", "end of next week", kNoTime, 0, ""},
      {kWed, "middle of next week", "2026-03-17", "2026-03-19", "middle of next week", kNoTime, 0, ""},
      {kWed, "este miércoles", "2026-03-11", "", "este miércoles", kNoTime, 0, ""},
      {kWed, "a la una", "", "", "", H(13), -1, "a la una"},
      {kWed, "a las nueve de la mañana", "", "", "", H(9), -1, "a las nueve de la mañana"},
      {kWed, "around lunchtime", "", "", "", H(12), H(13), "lunchtime"},
      {kWed, "weekday mornings", "", "", "", H(8), H(12), "mornings"},
      {kWed, "9 o'clock", "", "", "", H(9), -1, "9 o'clock"},
      // Spanish
      {kWed, "hoy", "2026-03-11", "", "hoy", kNoTime, 0, ""},
      {kWed, "mañana", "2026-03-12", "", "mañana", kNoTime, 0, ""},
      {kWed, "pasado mañana", "2026-03-13", "", "pasado mañana", kNoTime, 0, ""},
      {kWed, "mañana por la mañana", "2026-03-12", "", "mañana", H(8), H(12), "por la mañana"},
      {kWed, "por la tarde", "", "", "", H(12), H(17), "por la tarde"},
      {kWed, "en la mañana", "", "", "", H(8), H(12), "en la mañana"},
      {kWed, "el lunes", "2026-03-16", "", "lunes", kNoTime, 0, ""},
      {kWed, "el próximo viernes", "2026-03-13", "", "el próximo viernes", kNoTime, 0, ""},
      {kWed, "la próxima semana", "2026-03-16", "2026-03-20", "la próxima semana", kNoTime, 0, ""},
      {kWed, "la semana que viene", "2026-03-16", "2026-03-20", "la semana que viene", kNoTime, 0, ""},
      {kWed, "en 3 días", "2026-03-14", "", "en 3 días", kNoTime, 0, ""},
      {kWed, "en dos semanas", "2026-03-25", "", "en dos semanas", kNoTime, 0, ""},
      {kWed, "mañana a las 10", "2026-03-12", "", "mañana", H(10), -1, "a las 10"},
      {kWed, "a las 3 de la tarde", "", "", "", H(15), -1, "a las 3 de la tarde"},
      {kWed, "a las 10 y media", "", "", "", H(10, 30), -1, "a las 10 y media"},
      {kWed, "el 14 de marzo", "2026-03-14", "", "el 14 de marzo", kNoTime, 0, ""},
      {kWed, "el sábado", "2026-03-14", "", "sábado", kNoTime, 0, ""},
      {kWed, "este fin de semana", "2026-03-14", "2026-03-15", "este fin de semana", kNoTime, 0, ""},
      {kWed, "hoy a las 5 de la tarde", "2026-03-11", "", "hoy", H(17), -1, "a las 5 de la tarde"},
      // roll-over: Saturday 2026-12-26
      {kSat, "tomorrow", "2026-12-27", "", "tomorrow", kNoTime, 0, ""},
      {kSat, "the 3rd", "2027-01-03", "", "the 3rd", kNoTime, 0, ""},
      {kSat, "next week", "2026-12-28", "2027-01-01", "next week", kNoTime, 0, ""},
      {kSat, "monday", "2026-12-28", "", "monday", kNoTime, 0, ""},
      {kSat, "friday", "2027-01-01", "", "friday", kNoTime, 0, ""},
      {kSat, "in a week", "2027-01-02", "", "in a week", kNoTime, 0, ""},
      {kSat, "January 5", "2027-01-05", "", "January 5", kNoTime, 0, ""},
      {kSat, "this week", "2026-12-26", "2026-12-27", "this week", kNoTime, 0, ""},
      {kSat, "this weekend", "2026-12-26", "2026-12-27", "this weekend", kNoTime, 0, ""},
      {kSat, "end of the month", "2026-12-26", "2026-12-31", "end of the month", kNoTime, 0, ""},
      {kSat, "next month", "2027-01-01", "2027-01-31", "next month", kNoTime, 0, ""},
      {kSat, "1/2", "2027-01-02", "", "1/2", kNoTime, 0, ""},
      {kSat, "the 31st", "2026-12-31", "", "the 31st", kNoTime, 0, ""},
      {kSat, "later today", "2026-12-26", "", "later today", H(16, 45), H(20), "later today"},
      // roll-over: Saturday 2026-01-31 (short February)
      {kJan31, "the 30th", "2026-03-30", "", "the 30th", kNoTime, 0, ""},
      {kJan31, "in a month", "2026-02-28", "", "in a month", kNoTime, 0, ""},
      {kJan31, "tomorrow", "2026-02-01", "", "tomorrow", kNoTime, 0, ""},
      {kJan31, "next week", "2026-02-02", "2026-02-06", "next week", kNoTime, 0, ""},
  };
  return r;
}

TEST(NluDateTime, Table) {
  ASSERT_GE(rows().size(), 120u);
  for (const auto& r : rows()) {
    SCOPED_TRACE(r.text);
    auto dt = parse_datetime(r.text, r.now);
    if (*r.first == '\0') {
      EXPECT_FALSE(dt.date) << "unexpected date " << dt.date->first << " '" << dt.date->phrase << "'";
    } else if (!dt.date) {
      ADD_FAILURE() << "no date";
    } else {
      EXPECT_EQ(dt.date->first, r.first);
      EXPECT_EQ(dt.date->last, *r.last ? r.last : r.first);
      EXPECT_EQ(dt.date->phrase, r.date_phrase);
    }
    if (r.start == kNoTime) {
      EXPECT_FALSE(dt.time) << "unexpected time '" << dt.time->phrase << "'";
    } else if (!dt.time) {
      ADD_FAILURE() << "no time";
    } else {
      if (r.start == kSame) {
        EXPECT_TRUE(dt.time->same_time);
      } else {
        EXPECT_FALSE(dt.time->same_time);
        EXPECT_EQ(dt.time->start_minute, r.start);
        EXPECT_EQ(dt.time->end_minute, r.end < 0 ? r.start : r.end);
        EXPECT_EQ(dt.time->exact, r.end < 0);
      }
      EXPECT_EQ(dt.time->phrase, r.time_phrase);
    }
  }
}

// Phrases are substrings of the input (case-insensitive in meaning, exact in bytes).
TEST(NluDateTime, PhrasesAreSubstrings) {
  for (const auto& r : rows()) {
    auto dt = parse_datetime(r.text, r.now);
    std::string text = r.text;
    if (dt.date) {
      EXPECT_NE(text.find(dt.date->phrase), std::string::npos) << r.text;
    }
    if (dt.time) {
      EXPECT_NE(text.find(dt.time->phrase), std::string::npos) << r.text;
    }
  }
}

TEST(NluDateTime, NoFalsePositives) {
  const char* texts[] = {
      "I take 2 pills",
      "Dr. 5th street",
      "the clinic on 5th street",
      "take 10mg twice a day",
      "10 mg at bedtime",
      "call me at 555-123-4567",
      "my number is 555 123 4567",
      "symptoms should improve in 24-48 hours",
      "the pain lasted for 2 hours",
      "take one every 4 hours",
      "it started 3 hours ago",
      "you may call me back",
      "may i book an appointment",
      "i want a second opinion",
      "a fever of 3 days",
      "i've had this cough for 3 days",
      "since monday i have had a rash",
      "it started 2 days ago",
      "yesterday my knee started hurting",
      "last week i saw the doctor",
      "i take 1/2 tablet",
      "pain is 7/10",
      "born on 3/4/1980",
      "it costs 20 dollars",
      "at least 2 times a day",
      "I live at 123 Main St",
      "good morning!",
      "I have 3 kids",
      "this is my 3rd visit",
      "for the 2nd time this month",
      "in 5 minutes",
      "tomo 2 pastillas al día",
      "desde el lunes tengo fiebre",
      "hace 3 días que tengo tos",
      "it has been going on for a week",
      "refill for 30 days",
      "room 12",
      "I'm 5 months pregnant",
      "she is 3 years old",
      "is 24/7 urgent care available",
      "send it to the walgreens on 5th and main",
      "she needs her vaccine before school starts",
      "I've been waiting 45 minutes",
  };
  for (const char* t : texts) {
    auto dt = parse_datetime(t, kWed);
    EXPECT_FALSE(dt.date) << t << " -> date '" << dt.date->phrase << "'";
    EXPECT_FALSE(dt.time) << t << " -> time '" << dt.time->phrase << "'";
  }
}

TEST(NluDateTime, EmptyAndOddInput) {
  EXPECT_FALSE(parse_datetime("", kWed).date);
  EXPECT_FALSE(parse_datetime("   ", kWed).time);
  EXPECT_FALSE(parse_datetime("\xff\xfe garbage \x80", kWed).date);
  EXPECT_FALSE(parse_datetime("99/99", kWed).date);
  EXPECT_FALSE(parse_datetime("2026-13-45", kWed).date);
  EXPECT_FALSE(parse_datetime("at 25:00", kWed).time);
  EXPECT_FALSE(parse_datetime("12345678901234/3/4", kWed).date);
  EXPECT_FALSE(parse_datetime("3/4/123456789012", kWed).date);
}

TEST(NluFold, LowerAccentsPunctuation) {
  EXPECT_EQ(fold("Sí, cancélala!"), "si cancelala");
  EXPECT_EQ(fold("  MAÑANA   a las 10  "), "manana a las 10");
  EXPECT_EQ(fold("Hello... World?!"), "hello world");
  EXPECT_EQ(fold("3:30pm"), "3 30pm");
  EXPECT_EQ(fold(""), "");
}

}  // namespace
}  // namespace aurixa::agents::nlu
