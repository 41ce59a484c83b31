#pragma once
// PII/PHI detection in the spirit of Microsoft Presidio, built for speed: each recognizer runs only where its
// necessary characters occur (numbers over runs of digits and separators, e-mail around '@', dates and
// addresses in windows around their digit anchors), then each candidate is validated (checksums, ranges, libphonenumber) and
// scored with context words ("ssn", "dob", "npi" raise a score; "order", "invoice", "tracking" veto a
// number). Entities below kMinScore are dropped; overlaps keep the higher score, then the longer span.
// Thread-safety: immutable after construction; detect() may run concurrently.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::safety {

enum class EntityType {
  SSN,
  CREDIT_CARD,
  EMAIL,
  PHONE,
  DATE_OF_BIRTH,
  MRN,
  NPI,
  DEA,
  MEDICARE_MBI,
  ADDRESS,
  PERSON,
  IP_ADDRESS,
};
inline constexpr std::size_t kEntityTypeCount = 12;
std::string_view entity_type_name(EntityType t) noexcept;
std::optional<EntityType> parse_entity_type(std::string_view name) noexcept;

inline constexpr double kMinScore = 0.5;

struct PiiEntity {
  EntityType type;
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
  double score = 0;
};

// ---- validators (exposed for unit tests) ------------------------------------------------------
std::string digits_of(std::string_view s);
bool luhn_valid(std::string_view digits);
bool ssn_valid(std::string_view digits9);                             // area/group/serial rules + known invalid numbers
std::optional<std::string_view> card_brand(std::string_view digits);  // IIN range + length, else nullopt
bool npi_valid(std::string_view digits10);                            // starts 1/2, Luhn with the 80840 prefix
bool dea_valid(std::string_view s);  // 2 letters + 7 digits, registrant letter + checksum
bool mbi_valid(std::string_view s);  // 11 chars (dashes removed), CMS character classes
bool ipv4_valid(std::string_view s);
bool ipv6_valid(std::string_view s);

// libphonenumber wrapper. `international` = the candidate starts with '+'. Without '+', the number
// must be valid in the US/Canada, or in another common region when `phone_context` is true.
class PhoneValidator {
 public:
  PhoneValidator();
  bool valid(std::string_view candidate, bool phone_context) const;
  // Is a 10-digit NANP national number valid in the US or Canada? The libphonenumber metadata patterns for
  // both regions, read once at construction, run through RE2 (~0.2 us instead of ~3.6 us for
  // IsValidNumberForRegion); the same answer as nanp_valid_reference(), which calls libphonenumber.
  bool nanp_valid(std::string_view national10) const;
  static bool nanp_valid_reference(std::string_view national10);

 private:
  struct Nanp;
  std::shared_ptr<const Nanp> nanp_;  // null when the metadata could not be read: libphonenumber is used
};

// ---- person names (pii_person.cpp) -----------------------------------------------------------
bool is_known_first_name(std::string_view lower);  // linear scan: for tests, not hot paths
const std::vector<std::string_view>& given_name_list();
struct NameSpan {
  std::size_t begin, end;
  double score;
};
// `declined` (optional) receives the spans the staff policy keeps out on purpose (clinician titles and the
// names after them, providers a scheduling message books); the learned tagger never adds a name there.
std::vector<NameSpan> find_person_names(std::string_view text, std::vector<NameSpan>* declined = nullptr);
// A lower-case word of the embedded common-English list (pii_common_words.inc, SCOWL size 50) or a regular
// inflection of one ("walked", "tablets").
bool is_common_english_word(std::string_view lower) noexcept;
// A given name (curated list or the wider Moby list), lower-case.
bool is_given_name(std::string_view lower) noexcept;
// Both answers and stop-word membership ("i", "my", "can", "please") with one table probe (the tagger's hot path).
struct WordClass {
  bool common = false, given = false, stop = false;
};
WordClass classify_word(std::string_view lower) noexcept;

// ---- dates (pii_dates.cpp) --------------------------------------------------------------------
struct DateSpan {
  std::size_t begin, end;
  int year;  // 4-digit year, or -1 when the date has no plausible year
};
std::vector<DateSpan> find_dates(std::string_view text);
// True when birth-date wording ("born", "DOB", "fecha de nacimiento") stands before the date, within
// the same stretch of text (not before an earlier date, not separated by appointment/visit words).
bool has_birth_context(std::string_view text, std::size_t date_begin, std::size_t window_begin);
// Lower-cases ASCII and folds the Latin-1 letters of Spanish and other Western European text to their base
// letter ("Teléfono", "NACÍ" -> "telefono", "naci"), so context word lists need no accented spellings. Other
// bytes are kept. For matching cue words only: the result's offsets are not the text's.
std::string lower_folded(std::string_view text);

class PiiDetector {
 public:
  // learned_tagger: also run the learned PERSON/ADDRESS tagger (pii_tagger.hpp) over the rules' output (the
  // default; docs/QUALITY.md). false = the rules alone (safety_eval --no-tagger).
  explicit PiiDetector(bool learned_tagger = true);
  ~PiiDetector();
  PiiDetector(const PiiDetector&) = delete;
  PiiDetector& operator=(const PiiDetector&) = delete;

  // Sorted by begin, non-overlapping, each with score >= kMinScore.
  std::vector<PiiEntity> detect(std::string_view text) const;
  // The rule recognizers alone, before the learned PERSON/ADDRESS tagger (pii_tagger.hpp) is applied.
  // `declined` (optional) receives spans the rules keep out on purpose (staff names, dates).
  std::vector<PiiEntity> detect_rules(std::string_view text, std::vector<PiiEntity>* declined = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Context helpers shared by the recognizers (lower-case ASCII whole-word search in a window).
bool context_before(std::string_view text, std::size_t pos, std::size_t window,
                    const std::vector<std::string_view>& words);
bool context_after(std::string_view text, std::size_t pos, std::size_t window,
                   const std::vector<std::string_view>& words);

}  // namespace aurixa::safety
