// Phone validation through libphonenumber (the same metadata Android and Presidio use).
#include <phonenumbers/phonenumberutil.h>

#include <string>

#include "roles/safety/pii.hpp"

namespace aurixa::safety {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

PhoneValidator::PhoneValidator() { (void)PhoneNumberUtil::GetInstance(); }  // load metadata at start-up

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
    if (nanp) {
      PhoneNumber us;
      us.set_country_code(1);
      us.set_national_number(std::stoull(std::string(national)));
      if (util->IsValidNumberForRegion(us, "US") || util->IsValidNumberForRegion(us, "CA")) return true;
    }
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
