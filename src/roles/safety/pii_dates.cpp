// Dates and the birth-date decision. A date is only a DATE_OF_BIRTH when birth wording stands right
// before it ("born", "DOB", "birthday", "fecha de nacimiento"), or when it directly follows a person's
// name in an intake-style list (decided in pii.cpp). Appointment, visit, surgery and due dates are not.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "roles/safety/normalize.hpp"
#include "roles/safety/pii.hpp"

namespace aurixa::safety {
namespace {

constexpr const char* kMonth =
    "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
    "nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre)";

const RE2& date_regex() {
  static const RE2 k(std::string("(?i)\\b(?:") +
                         // 05/30/1958, 1/12/1990, 22/06/1974, 2.2.1992, 3-19-81
                         "\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})" +
                         // 2004-09-15
                         "|\\d{4}[/.\\-]\\d{1,2}[/.\\-]\\d{1,2}" +
                         // April 9th, 1935 / Dec 2 1967 / Sept. 5, 1941
                         "|" + kMonth + "\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}" +
                         // the 3rd of July, 1949 / 9 April 1935 / 22 de junio de 1974
                         "|(?:the )?\\d{1,2}(?:st|nd|rd|th)? (?:of |de )?" + kMonth + ",? (?:de |del )?\\d{4}" + ")\\b",
                     RE2::Quiet);
  return k;
}

int plausible_year(std::string_view date) {
  // The 4-digit year if any, else a 2-digit year mapped to 19xx/20xx.
  std::string digits;
  int best = -1;
  for (std::size_t i = 0; i <= date.size(); ++i) {
    if (i < date.size() && std::isdigit(static_cast<unsigned char>(date[i]))) {
      digits.push_back(date[i]);
      continue;
    }
    if (digits.size() == 4) best = std::stoi(digits);
    digits.clear();
  }
  if (best < 0) {
    auto slash = date.find_last_of("/.-");
    if (slash != std::string_view::npos && date.size() - slash - 1 == 2) {
      int yy = std::stoi(std::string(date.substr(slash + 1)));
      best = yy <= 30 ? 2000 + yy : 1900 + yy;
    }
  }
  return best;
}

bool word_at(std::string_view lower, std::size_t pos, std::string_view w) {
  if (lower.compare(pos, w.size(), w) != 0) return false;
  const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(lower[pos - 1]));
  const std::size_t e = pos + w.size();
  const bool right = e >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[e]));
  return left && right;
}

}  // namespace

std::vector<DateSpan> find_dates(std::string_view text) {
  std::vector<DateSpan> out;
  // Every form holds an anchor: four consecutive digits or a digit, a separator [/.-] and a digit. A match is
  // at most ~35 bytes long (a month name with U+017F for 's' included), so every match lies inside the anchors'
  // windows [anchor - kReach, anchor end + kReach] (merged), and the regex runs only there: RE2 keeps the whole
  // text as the context of \b, so the matches are exactly those of a whole-text scan.
  constexpr std::size_t kReach = 64;
  std::size_t win_b = 0, win_e = 0;  // the window being merged (empty: none yet)
  bool have = false;
  std::size_t pos = 0;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m;
  auto scan = [&](std::size_t from, std::size_t to) {
    pos = std::max(pos, from);
    while (pos < to && date_regex().Match(input, pos, to, RE2::UNANCHORED, &m, 1)) {
      const auto b = static_cast<std::size_t>(m.data() - text.data());
      const auto e = b + m.size();
      out.push_back({b, e, plausible_year(text.substr(b, e - b))});
      pos = e > b ? e : b + 1;
    }
  };
  auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  std::size_t run = 0;  // consecutive digits ending at i
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!digit(i)) {
      run = 0;
      i = find_ascii_digit(text, i) - 1;  // the next digit (the loop's ++i lands on it)
      continue;
    }
    ++run;
    std::size_t ab = 0, ae = 0;
    if (run >= 4) {
      ab = i + 1 - 4, ae = i + 1;
    } else if (i + 2 < text.size() && (text[i + 1] == '/' || text[i + 1] == '.' || text[i + 1] == '-') &&
               digit(i + 2)) {
      ab = i, ae = i + 3;
    } else {
      continue;
    }
    const std::size_t wb = ab > kReach ? ab - kReach : 0, we = std::min(text.size(), ae + kReach);
    if (have && wb <= win_e) {
      win_e = std::max(win_e, we);
    } else {
      if (have) scan(win_b, win_e);
      win_b = wb, win_e = we, have = true;
    }
  }
  if (have) scan(win_b, win_e);
  return out;
}

bool has_birth_context(std::string_view text, std::size_t date_begin, std::size_t window_begin) {
  window_begin = std::max(window_begin, date_begin > 48 ? date_begin - 48 : 0);
  const std::string lower = lower_folded(text.substr(window_begin, date_begin - window_begin));
  static const std::string_view kBirth[] = {
      "born", "dob",   "d.o.b",      "d o b", "birthday", "birth date", "birthdate", "date of birth",
      "bday", "b-day", "nacimiento", "naci",  "nacio",    "nacido",     "nacida",    "cumpleanos"};
  static const std::string_view kEvent[] = {
      "appt",      "appointment", "visit",  "seen", "surgery", "procedure", "admitted", "discharged", "due",  "bill",
      "statement", "scheduled",   "booked", "cita", "vaccine", "shot",      "test",     "since",      "until"};
  // Cue words are whole words, so only word starts are tried ("dob" also inside a token: "pt.dob").
  auto word_start = [&](std::size_t p) {
    return std::isalpha(static_cast<unsigned char>(lower[p])) &&
           (p == 0 || !std::isalnum(static_cast<unsigned char>(lower[p - 1])));
  };
  std::size_t cue_end = std::string::npos;
  for (std::size_t p = 0; p < lower.size(); ++p) {
    if (lower[p] == 'd' && lower.compare(p, 3, "dob") == 0) cue_end = p + 3;
    if (!word_start(p)) continue;
    for (auto w : kBirth)
      if (w[0] == lower[p] && word_at(lower, p, w)) cue_end = p + w.size();
  }
  if (cue_end == std::string::npos) return false;
  for (std::size_t p = cue_end; p < lower.size(); ++p) {
    if (!word_start(p)) continue;
    for (auto w : kEvent)
      if (w[0] == lower[p] && word_at(lower, p, w)) return false;
  }
  return true;
}

}  // namespace aurixa::safety
