// Phone validation through libphonenumber (the same metadata Android and Presidio use).
#include <phonenumbers/phonemetadata.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "roles/safety/pii.hpp"

// libphonenumber's compiled-in metadata (PhoneMetadataCollection, serialised); exported by the library but
// not declared in its installed headers.
namespace i18n::phonenumbers {
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace aurixa::safety {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// IsValidNumberForRegion(n, region) for a 10-digit national number is, in libphonenumber 8.x
// (GetNumberTypeHelper / IsNumberMatchingDesc): the general description matches, and so does one of the
// type descriptions (premium rate, toll free, shared cost, VoIP, personal, pager, UAN, voicemail, fixed
// line, mobile). A description matches when its possible lengths (if listed) include 10 and its national
// number pattern matches the whole number. Both parts are compiled here into one RE2 per region.
struct PhoneValidator::Nanp {
  struct Region {
    std::unique_ptr<RE2> general, any_type;
  };
  Region us, ca;

  static bool load(const i18n::phonenumbers::PhoneMetadata& m, Region& r) {
    using i18n::phonenumbers::PhoneNumberDesc;
    auto usable = [](const PhoneNumberDesc& d) {
      if (d.national_number_pattern().empty()) return false;
      return d.possible_length_size() == 0 ||
             std::find(d.possible_length().begin(), d.possible_length().end(), 10) != d.possible_length().end();
    };
    RE2::Options o;
    o.set_log_errors(false);
    if (!usable(m.general_desc())) return false;
    r.general = std::make_unique<RE2>(m.general_desc().national_number_pattern(), o);
    std::string alt;
    for (const PhoneNumberDesc* d : {&m.premium_rate(), &m.toll_free(), &m.shared_cost(), &m.voip(),
                                     &m.personal_number(), &m.pager(), &m.uan(), &m.voicemail(), &m.fixed_line(),
                                     &m.mobile()})
      if (usable(*d)) alt += (alt.empty() ? "(?:" : "|(?:") + d->national_number_pattern() + ")";
    if (alt.empty()) return false;
    r.any_type = std::make_unique<RE2>(alt, o);
    return r.general->ok() && r.any_type->ok();
  }

  static std::shared_ptr<const Nanp> create() {
    i18n::phonenumbers::PhoneMetadataCollection all;
    if (!all.ParseFromArray(i18n::phonenumbers::metadata_get(), i18n::phonenumbers::metadata_size())) return nullptr;
    auto n = std::make_shared<Nanp>();
    bool us = false, ca = false;
    for (const auto& m : all.metadata()) {
      if (m.id() == "US" && m.country_code() == 1) us = load(m, n->us);
      if (m.id() == "CA" && m.country_code() == 1) ca = load(m, n->ca);
    }
    if (!us || !ca) return nullptr;
    return n;
  }

  static bool matches(const Region& r, std::string_view d) {
    const re2::StringPiece s(d.data(), d.size());
    return RE2::FullMatch(s, *r.general) && RE2::FullMatch(s, *r.any_type);
  }
};

PhoneValidator::PhoneValidator() : nanp_(Nanp::create()) {
  (void)PhoneNumberUtil::GetInstance();  // load metadata at start-up
}

bool PhoneValidator::nanp_valid_reference(std::string_view national10) {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber us;
  us.set_country_code(1);
  us.set_national_number(std::stoull(std::string(national10)));
  return util->IsValidNumberForRegion(us, "US") || util->IsValidNumberForRegion(us, "CA");
}

bool PhoneValidator::nanp_valid(std::string_view national10) const {
  if (!nanp_ || national10.size() != 10 || national10[0] == '0') return nanp_valid_reference(national10);
  return Nanp::matches(nanp_->us, national10) || Nanp::matches(nanp_->ca, national10);
}

bool PhoneValidator::valid(std::string_view candidate, bool phone_context) const {
  // PhoneNumberUtil is a process-wide, thread-safe singleton owned by the library.
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  std::string s(candidate);
  PhoneNumber n;
  if (!s.empty() && s[0] == '+') {
    // "+41 (0)96 471 07 95": the national trunk prefix in brackets is not dialled from abroad.
    if (const auto z = s.find("(0)"); z != std::string::npos) s.erase(z, 3);
    if (util->Parse(s, "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
    return util->IsValidNumber(n) || (phone_context && util->IsPossibleNumber(n));
  }
  // North American numbers (the common case) skip Parse() and the all-regions IsValidNumber(), which cost
  // 10-20 us each through ICU regexes: a structural NANP check first, then the US and CA metadata only.
  const std::string d = digits_of(s);
  std::string_view national = d;
  if (national.size() == 11 && national[0] == '1') national.remove_prefix(1);
  if (national.size() == 10) {
    const bool nanp = national[0] >= '2' && national[3] >= '2' && !(national[1] == '1' && national[2] == '1');
    if (nanp && nanp_valid(national)) return true;
    if (!phone_context) return false;
  }
  if (!phone_context) return false;
  // With a phone word nearby, a number written in 3+ groups with one kind of separator ("699 956 915",
  // "03.93.92.16.85", "60-56-85-91") or as "668 5702" is a phone number of some country.
  {
    int groups = 1;
    char sep = 0;
    bool consistent = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c >= '0' && c <= '9') continue;
      if (c != ' ' && c != '.' && c != '-') continue;
      if (sep && c != sep) consistent = false;
      sep = c;
      ++groups;
    }
    if (consistent && d.size() >= 7 && d.size() <= 12 && (groups >= 3 || (groups == 2 && d.size() == 7))) return true;
  }
  // With the word "phone"/"number"/"call" nearby, accept national formats of other common regions.
  static const char* kRegions[] = {"GB", "CA", "IL", "IN", "BR", "DE", "FR", "JP", "CN", "MX", "ES", "IT", "AU", "PH"};
  for (const char* r : kRegions) {
    PhoneNumber m;
    if (util->Parse(s, r, &m) == PhoneNumberUtil::NO_PARSING_ERROR && util->IsValidNumberForRegion(m, r)) return true;
  }
  return false;
}

}  // namespace aurixa::safety
