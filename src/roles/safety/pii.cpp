#include "roles/safety/pii.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <stdexcept>

#include "roles/safety/normalize.hpp"
#include "roles/safety/pii_address.hpp"
#include "roles/safety/pii_tagger.hpp"

namespace aurixa::safety {

std::string lower_folded(std::string_view text) {
  // U+00C0..U+00FF (UTF-8 0xC3 0x80..0xBF) by their base letter; '*' = no base letter (×, ÷): kept as is.
  static constexpr char kBase[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts" "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
  std::string s;
  s.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto n = static_cast<unsigned char>(text[i + 1]);
      if (n >= 0x80 && n <= 0xBF && kBase[n - 0x80] != '*') {
        s.push_back(kBase[n - 0x80]);
        ++i;
        continue;
      }
    }
    s.push_back(static_cast<char>(std::tolower(c)));
  }
  return s;
}

std::string_view entity_type_name(EntityType t) noexcept {
  static constexpr std::string_view kNames[kEntityTypeCount] = {"SSN",           "CREDIT_CARD", "EMAIL",  "PHONE",
                                                                "DATE_OF_BIRTH", "MRN",         "NPI",    "DEA",
                                                                "MEDICARE_MBI",  "ADDRESS",     "PERSON", "IP_ADDRESS"};
  return kNames[static_cast<std::size_t>(t)];
}

std::optional<EntityType> parse_entity_type(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kEntityTypeCount; ++i)
    if (entity_type_name(static_cast<EntityType>(i)) == name) return static_cast<EntityType>(i);
  return std::nullopt;
}

namespace {

bool has_word(std::string_view lower, std::string_view w) {
  for (std::size_t p = lower.find(w); p != std::string_view::npos; p = lower.find(w, p + 1)) {
    const bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(lower[p - 1]));
    const std::size_t e = p + w.size();
    const bool right = e >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[e])) ||
                       !std::isalnum(static_cast<unsigned char>(w.back()));
    if (left && right) return true;
  }
  return false;
}

std::string lower_window(std::string_view text, std::size_t b, std::size_t e) {
  return lower_folded(text.substr(b, e - b));
}

// Words that make a number an order/claim/reference number rather than personal data.
const std::vector<std::string_view>& kNotPii() {
  static const std::vector<std::string_view> k = {
      "order",   "ord",       "confirmation", "conf",        "claim",  "receipt",     "invoice", "tracking",
      "track",   "reference", "ref",          "ticket",      "case",   "transaction", "account", "acct",
      "member",  "policy",    "group",        "routing",     "serial", "model",       "version", "build",
      "code",    "pin",       "booking",      "reservation", "po",     "lot",         "item",    "sku",
      "id#",     "extension", "ext",          "room",        "suite",  "zip",         "postal",  "license",
      "licence", "passport",  "iban",         "routing"};
  return k;
}

// Recognizers, each run only where its pattern can match (see detect_rules).
enum Rec { kEmail, kSsn, kCard, kPhone, kMbi, kDea, kNpi, kIpv4, kIpv6, kMrn, kCount };

}  // namespace

bool context_before(std::string_view text, std::size_t pos, std::size_t window,
                    const std::vector<std::string_view>& words) {
  const std::size_t b = pos > window ? pos - window : 0;
  const std::string s = lower_window(text, b, pos);
  for (auto w : words)
    if (has_word(s, w)) return true;
  return false;
}

bool context_after(std::string_view text, std::size_t pos, std::size_t window,
                   const std::vector<std::string_view>& words) {
  const std::size_t e = std::min(text.size(), pos + window);
  const std::string s = lower_window(text, pos, e);
  for (auto w : words)
    if (has_word(s, w)) return true;
  return false;
}

struct PiiDetector::Impl {
  std::vector<std::unique_ptr<RE2>> re;  // indexed by Rec
  PhoneValidator phone;
  std::unique_ptr<const PiiTagger> tagger;  // null unless switched on (its table is 192 KB)

  Impl() {
    static const char* kPatterns[kCount] = {
        // email: local@domain.tld (TLD letters or punycode)
        R"([A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+(?:xn--[A-Za-z0-9\-]+|[A-Za-z]{2,}))",
        R"(\b\d{3}[ .\-]?\d{2}[ .\-]?\d{4}\b)",                                     // SSN
        R"(\b\d(?:[ \-]?\d){11,18}\b)",                                             // card
        R"((?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,5}\)[ .\-]?)?\d(?:[ .\-]?\d){5,15})",     // phone
        R"((?i)\b[1-9][a-z][a-z0-9]\d-?[a-z][a-z0-9]\d-?[a-z]{2}\d{2}\b)",          // Medicare MBI
        R"((?i)\b[a-z][a-z9]\d{7}\b)",                                              // DEA
        R"(\b[12]\d{3}[ \-]?\d{3}[ \-]?\d{3}\b)",                                   // NPI
        R"(\b(?:\d{1,3}\.){3}\d{1,3}\b)",                                           // IPv4
        R"((?i)(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}))",  // IPv6
        // MRN: the identifier after a medical-record label
        R"((?i)\b(?:mrn|medical record(?: number| no| num| #)?|med(?:ical)? rec(?:ord)? (?:no|num|number|#)|record (?:no|number|num|#)|chart (?:no|number|num|#|id)|patient (?:id|number|no|#)|hospital (?:number|no|id)|mr ?#|expediente|historia clinica|numero de expediente)(?:\s*(?:#|:|no\.?|number|num|is|=|-))*\s*([a-z]{0,3}-?\d{5,12}|\d{5,12}[a-z]?)\b)",
    };
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(32 << 20);
    for (int i = 0; i < kCount; ++i) {
      re.push_back(std::make_unique<RE2>(kPatterns[i], o));
      if (!re.back()->ok()) throw std::logic_error("pii pattern " + std::to_string(i) + ": " + re.back()->error());
    }
  }

  // Every match of recognizer `r` inside text[from, to): RE2 keeps the whole text as the context of \b, so
  // a window holding all possible matches gives exactly the matches of a whole-text scan.
  template <typename F>
  void each(Rec r, std::string_view text, F&& f, std::size_t from = 0, std::size_t to = std::string_view::npos) const {
    const RE2& rx = *re[r];
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece m[2];
    const int groups = r == kMrn ? 2 : 1;
    to = std::min(to, text.size());
    std::size_t pos = from;
    while (pos < to && rx.Match(input, pos, to, RE2::UNANCHORED, m, groups)) {
      const re2::StringPiece& g = groups == 2 ? m[1] : m[0];
      const auto b = static_cast<std::size_t>(g.data() - text.data());
      const auto e = b + g.size();
      const auto whole_end = static_cast<std::size_t>(m[0].data() - text.data()) + m[0].size();
      f(b, e);
      pos = whole_end > pos ? whole_end : pos + 1;
    }
  }
};

PiiDetector::PiiDetector(bool learned_tagger) : impl_(std::make_unique<Impl>()) {
  if (learned_tagger) {
    auto t = std::make_unique<const PiiTagger>();
    if (!t->empty()) impl_->tagger = std::move(t);
  }
}
PiiDetector::~PiiDetector() = default;

namespace {

bool alnum_at(std::string_view t, std::size_t i) {
  return i < t.size() && std::isalnum(static_cast<unsigned char>(t[i]));
}

// 2015-12-22, 12/22/2015, 22.12.15 at the start of a phone candidate: a date (or date-time), not a number.
bool looks_like_date(std::string_view s) {
  static const RE2 kYmd(R"(^\d{4}[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$))", RE2::Quiet);
  static const RE2 kDmy(R"(^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}(?:\D|$))", RE2::Quiet);
  const re2::StringPiece in(s.data(), s.size());
  int a = 0, b = 0;
  // Day and month must be plausible: "60-56-85-91" and "03.93.92.16.85" are phone numbers.
  if (RE2::PartialMatch(in, kYmd, &a, &b)) return a >= 1 && a <= 12 && b >= 1 && b <= 31;
  if (RE2::PartialMatch(in, kDmy, &a, &b))
    return a >= 1 && b >= 1 && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
  return false;
}

// Separators of a digit group string: "123-45-6789" -> "--"; mixed kinds ('-' and '.') are rejected.
bool consistent_separators(std::string_view s) {
  char sep = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') continue;
    if (sep && c != sep) return false;
    sep = c;
  }
  return true;
}

void add_phone(const PhoneValidator& phone, std::string_view text, std::size_t b, std::size_t e,
               std::vector<PiiEntity>& out);

}  // namespace

std::vector<PiiEntity> PiiDetector::detect(std::string_view text) const {
  if (!impl_->tagger) return detect_rules(text);
  std::vector<PiiEntity> declined;
  auto rules = detect_rules(text, &declined);
  return impl_->tagger->apply(text, std::move(rules), declined);
}

std::vector<PiiEntity> PiiDetector::detect_rules(std::string_view text, std::vector<PiiEntity>* declined) const {
  const Impl& impl = *impl_;
  std::vector<PiiEntity> cand;
  // Which recognizers can match at all, from one cheap byte pass instead of an RE2::Set pass (the same answer
  // for each recognizer that runs: every condition below is necessary for a match of its pattern).
  //  - SSN, card, phone, NPI, IPv4: a match holds only [0-9 +().-] and a minimum number of digits, so those
  //    recognizers run only over the maximal runs of these characters with enough digits.
  //  - DEA needs 7 consecutive digits, MRN 5; MBI starts with [1-9] followed by a letter ((?i) [a-z] also
  //    matches U+212A KELVIN SIGN and U+017F LONG S: lead bytes 0xE2, 0xC5); IPv6 needs two ':'; email an '@'.
  struct DigitRun {
    std::size_t b, e, digits, dots;
  };
  std::vector<DigitRun> runs;
  std::size_t longest_digits = 0;
  bool mbi_start = false;
  const std::size_t first_colon = text.find(':');
  const bool two_colons =
      first_colon != std::string_view::npos && text.find(':', first_colon + 1) != std::string_view::npos;
  {
    auto num_char = [](unsigned char c) {
      return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '(' || c == ')' || c == '.' || c == '-';
    };
    std::size_t i = 0, prev_end = 0;
    for (;;) {
      i = find_ascii_digit(text, i);
      if (i >= text.size()) break;
      DigitRun run{i, i, 0, 0};
      while (run.b > prev_end && num_char(static_cast<unsigned char>(text[run.b - 1]))) {
        --run.b;
        run.dots += text[run.b] == '.';
      }
      std::size_t consecutive = 0;
      for (; i < text.size(); ++i) {
        const auto d = static_cast<unsigned char>(text[i]);
        if (d >= '0' && d <= '9') {
          ++run.digits;
          longest_digits = std::max(longest_digits, ++consecutive);
          continue;
        }
        consecutive = 0;
        if (d == '.')
          ++run.dots;
        else if (!num_char(d))
          break;
      }
      run.e = prev_end = i;
      if (i < text.size() && text[i - 1] >= '1' && text[i - 1] <= '9') {
        const auto n = static_cast<unsigned char>(text[i]);
        mbi_start = mbi_start || (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == 0xE2 || n == 0xC5;
      }
      runs.push_back(run);
    }
  }
  // Runs the recognizer over every digit run with at least `min_digits` digits (and `min_dots` dots).
  auto each_run = [&](Rec r, std::size_t min_digits, std::size_t min_dots, auto&& f) {
    for (const auto& run : runs)
      if (run.digits >= min_digits && run.dots >= min_dots) impl.each(r, text, f, run.b, run.e);
  };

  // A number is vetoed when an order/claim/reference word is among the 3 words before it, unless a
  // word naming the entity type stands closer ("transaction of card 6011...", "the claim, provider npi 2...").
  auto vetoed = [&](std::size_t b, const std::vector<std::string_view>& positive) {
    std::size_t i = b, words = 0;
    while (i > 0 && words < 3) {
      while (i > 0 && !std::isalnum(static_cast<unsigned char>(text[i - 1]))) --i;
      std::size_t e = i;
      while (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '#')) --i;
      if (e == i) break;
      const std::string w = lower_window(text, i, e);
      for (auto p : positive)
        if (w == p) return false;
      for (auto n : kNotPii())
        if (w == n) return true;
      ++words;
    }
    return false;
  };
  auto negative = [&](std::size_t b) { return vetoed(b, {}); };

  if (text.find('@') != std::string_view::npos) {
    // An address is the run of address characters around an '@': the pattern runs only over those runs
    // (the same matches as a scan of the whole text, which is what costs).
    auto local = [](unsigned char c) {
      return std::isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    auto domain = [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; };
    std::size_t done = 0;
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
      if (at < done) continue;
      std::size_t b = at, e = at + 1;
      while (b > done && local(static_cast<unsigned char>(text[b - 1]))) --b;
      while (e < text.size() && (domain(static_cast<unsigned char>(text[e])) || text[e] == '@')) ++e;
      impl.each(kEmail, text.substr(b, e - b), [&](std::size_t mb, std::size_t me) {
        cand.push_back({EntityType::EMAIL, b + mb, b + me, 1.0});
      });
      done = e;
    }
  }
  each_run(kSsn, 9, 0, [&](std::size_t b, std::size_t e) {
    const auto s = text.substr(b, e - b);
    const std::string d = digits_of(s);
    static const std::vector<std::string_view> kCtx = {"ssn", "social", "security", "ss#", "ss", "seguro", "ssns"};
    if (!ssn_valid(d) || !consistent_separators(s) || vetoed(b, kCtx)) return;
    const bool ctx = context_before(text, b, 40, kCtx);
    const bool formatted = d.size() != s.size();
    double score = formatted ? 0.6 : 0.4;
    if (ctx) score += 0.35;
    cand.push_back({EntityType::SSN, b, e, std::min(score, 1.0)});
  });
  each_run(kCard, 12, 0, [&](std::size_t b, std::size_t e) {
    const auto s = text.substr(b, e - b);
    const std::string d = digits_of(s);
    static const std::vector<std::string_view> kCtx = {"card",   "visa", "mastercard", "amex",     "credit", "debit",
                                                       "charge", "pay",  "tarjeta",    "discover", "cc"};
    if (!luhn_valid(d) || !consistent_separators(s) || vetoed(b, kCtx)) return;
    const bool ctx = context_before(text, b, 40, kCtx);
    // An issuer range we do not know (new JCB/UnionPay ranges) needs a card word before it.
    if (!card_brand(d) && !(ctx && d.size() >= 15 && d.size() <= 19)) return;
    cand.push_back({EntityType::CREDIT_CARD, b, e, ctx ? (card_brand(d) ? 1.0 : 0.8) : 0.85});
  });
  each_run(kPhone, 6, 0, [&](std::size_t b, std::size_t e) {
    const bool extension =
        e + 1 < text.size() && (text[e] == 'x' || text[e] == 'X') && text[e + 1] >= '0' && text[e + 1] <= '9';
    if ((b > 0 && (alnum_at(text, b - 1) || text[b - 1] == '-' || text[b - 1] == '/' || text[b - 1] == '.')) ||
        (alnum_at(text, e) && !extension))
      return;
    if (negative(b) || looks_like_date(text.substr(b, e - b))) return;
    add_phone(impl.phone, text, b, e, cand);
  });
  if (mbi_start)
    impl.each(kMbi, text, [&](std::size_t b, std::size_t e) {
      const auto s = text.substr(b, e - b);
      const auto dashes = std::count(s.begin(), s.end(), '-');
      static const std::vector<std::string_view> kCtx = {"medicare", "mbi", "beneficiary", "cms"};
      if ((dashes != 0 && dashes != 2) || !mbi_valid(s) || vetoed(b, kCtx)) return;
      cand.push_back({EntityType::MEDICARE_MBI, b, e, context_before(text, b, 40, kCtx) ? 0.95 : 0.8});
    });
  if (longest_digits >= 7)
    impl.each(kDea, text, [&](std::size_t b, std::size_t e) {
      static const std::vector<std::string_view> kCtx = {"dea", "prescriber", "registration", "controlled"};
      if (!dea_valid(text.substr(b, e - b)) || vetoed(b, kCtx)) return;
      cand.push_back({EntityType::DEA, b, e, context_before(text, b, 40, kCtx) ? 0.95 : 0.7});
    });
  each_run(kNpi, 10, 0, [&](std::size_t b, std::size_t e) {
    const auto s = text.substr(b, e - b);
    static const std::vector<std::string_view> kCtx = {"npi", "provider", "prescriber", "national provider"};
    if (!npi_valid(digits_of(s)) || !consistent_separators(s) || vetoed(b, kCtx)) return;
    // Without "NPI" nearby a checksum-valid 10-digit number is as likely a phone number: the phone
    // recognizer (0.7) then wins the overlap.
    cand.push_back({EntityType::NPI, b, e, context_before(text, b, 40, kCtx) ? 0.95 : 0.5});
  });
  each_run(kIpv4, 4, 3, [&](std::size_t b, std::size_t e) {
    if (!ipv4_valid(text.substr(b, e - b))) return;
    if (e < text.size() && text[e] == '.' && alnum_at(text, e + 1)) return;  // 1.2.3.4.5
    static const std::vector<std::string_view> kVersion = {"version", "ver", "v", "build", "release"};
    if (context_before(text, b, 12, kVersion)) return;
    cand.push_back({EntityType::IP_ADDRESS, b, e, 0.9});
  });
  if (two_colons)
    impl.each(kIpv6, text, [&](std::size_t b, std::size_t e) {
      // Whole token only ("std::cout", "fe80::1text" are not addresses), with at least one hex digit.
      auto word_char = [&](std::size_t i) {
        return alnum_at(text, i) || (i < text.size() && (text[i] == '_' || text[i] == ':'));
      };
      if ((b > 0 && word_char(b - 1)) || word_char(e) || (e < text.size() && text[e] == '.' && alnum_at(text, e + 1)))
        return;
      const auto cand_text = text.substr(b, e - b);
      if (cand_text.find_first_of("0123456789abcdefABCDEF") == std::string_view::npos) return;
      if (!ipv6_valid(cand_text)) return;
      cand.push_back({EntityType::IP_ADDRESS, b, e, 0.9});
    });
  if (longest_digits >= 5)
    // Anchored on a medical-record label right before it: stronger evidence than a generic "number" nearby,
    // which is all a phone reading of the same digits may have ("chart number 30056129").
    impl.each(kMrn, text, [&](std::size_t b, std::size_t e) { cand.push_back({EntityType::MRN, b, e, 0.95}); });

  for (const auto& a : find_addresses(text)) {
    static const std::vector<std::string_view> kCtx = {"address", "live", "lives", "living",    "moved",   "mail",
                                                       "send",    "ship", "vivo",  "direccion", "located", "reside"};
    cand.push_back({EntityType::ADDRESS, a.begin, a.end,
                    std::min(1.0, a.score + (context_before(text, a.begin, 32, kCtx) ? 0.1 : 0))});
  }

  std::vector<NameSpan> declined_names;
  const auto names = find_person_names(text, declined ? &declined_names : nullptr);
  if (declined)
    for (const auto& n : declined_names) declined->push_back({EntityType::PERSON, n.begin, n.end, 0});
  for (const auto& n : names) cand.push_back({EntityType::PERSON, n.begin, n.end, n.score});

  // Dates: birth dates only. Context words first; else a date right after a person's name
  // ("Harriet Lowe, 07/07/1962") in an intake-style list.
  std::size_t prev_date_end = 0;
  for (const auto& d : find_dates(text)) {
    if (declined) declined->push_back({EntityType::DATE_OF_BIRTH, d.begin, d.end, 0});
    double score = 0;
    if (has_birth_context(text, d.begin, prev_date_end))
      score = 0.9;
    else
      for (const auto& n : names) {
        if (n.end > d.begin || d.begin - n.end > 3) continue;
        const auto gap = text.substr(n.end, d.begin - n.end);
        if (gap.find_first_not_of(" ,") == std::string_view::npos) score = 0.65;
      }
    if (score > 0 && d.year >= 1880 && d.year <= 2100)
      cand.push_back({EntityType::DATE_OF_BIRTH, d.begin, d.end, score});
    prev_date_end = d.end;
  }

  // Resolve overlaps: higher score first, then the longer span.
  std::vector<PiiEntity> ok;
  for (const auto& c : cand)
    if (c.score >= kMinScore && c.end > c.begin) ok.push_back(c);
  std::stable_sort(ok.begin(), ok.end(), [](const PiiEntity& a, const PiiEntity& b) {
    if (a.score != b.score) return a.score > b.score;
    return (a.end - a.begin) > (b.end - b.begin);
  });
  // Accepted spans keyed by begin: an overlap check looks at two neighbours only (O(n log n) even for a
  // megabyte of dense identifiers).
  std::map<std::size_t, PiiEntity> taken;
  for (const auto& c : ok) {
    auto next = taken.lower_bound(c.begin);
    if (next != taken.end() && next->second.begin < c.end) continue;
    if (next != taken.begin() && std::prev(next)->second.end > c.begin) continue;
    taken.emplace(c.begin, c);
  }
  std::vector<PiiEntity> out;
  out.reserve(taken.size());
  for (auto& [b, e] : taken) out.push_back(e);
  return out;
}

namespace {

void add_phone(const PhoneValidator& phone, std::string_view text, std::size_t b, std::size_t e,
               std::vector<PiiEntity>& out) {
  static const std::vector<std::string_view> kCtx = {
      "phone",   "call",     "cell",      "mobile",   "tel",    "telephone", "number",  "fax",    "reach", "text",
      "contact", "landline", "voicemail", "whatsapp", "numero", "telefono",  "celular", "llamar", "at",
      "messages", "message", "sms", "dial", "registered", "answering", "texts", "ring", "callback"};
  static const std::vector<std::string_view> kAfter = {"mobile", "fax", "office", "cell", "home", "work", "tel"};
  const bool ctx = context_before(text, b, 40, kCtx) || context_after(text, e, 10, kAfter);
  // The candidate may have swallowed a neighbouring number; try it whole, then without its last or
  // first group.
  auto try_span = [&](std::size_t sb, std::size_t se) {
    while (se > sb && (text[se - 1] == ' ' || text[se - 1] == '-' || text[se - 1] == '.')) --se;
    const auto s = text.substr(sb, se - sb);
    const auto nd = digits_of(s).size();
    if (nd < 7 || nd > 15) return false;
    if (!phone.valid(s, ctx)) return false;
    // An extension: "259.735.7502x459".
    std::size_t xe = se;
    if (xe + 1 < text.size() && (text[xe] == 'x' || text[xe] == 'X') && text[xe + 1] >= '0' && text[xe + 1] <= '9') {
      ++xe;
      while (xe < text.size() && text[xe] >= '0' && text[xe] <= '9') ++xe;
    }
    out.push_back({EntityType::PHONE, sb, xe, ctx ? 0.9 : 0.7});
    return true;
  };
  if (try_span(b, e)) return;
  const auto s = text.substr(b, e - b);
  const auto last_sep = s.find_last_of(" .-");
  if (last_sep != std::string_view::npos && try_span(b, b + last_sep)) return;
  const auto first_sep = s.find_first_of(" .-");
  if (first_sep != std::string_view::npos && s[0] != '+' && s[0] != '(') try_span(b + first_sep + 1, e);
}

}  // namespace

}  // namespace aurixa::safety
