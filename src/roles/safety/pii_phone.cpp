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
  const std::string s(candidate);
  PhoneNumber n;
  if (!s.empty() && s[0] == '+') {
    return util->Parse(s, "ZZ", &n) == PhoneNumberUtil::NO_PARSING_ERROR && util->IsValidNumber(n);
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
  // With the word "phone"/"number"/"call" nearby, accept national formats of other common regions.
  static const char* kRegions[] = {"GB", "CA", "IL", "IN", "BR", "DE", "FR", "JP", "CN", "MX", "ES", "IT", "AU", "PH"};
  for (const char* r : kRegions) {
    PhoneNumber m;
    if (util->Parse(s, r, &m) == PhoneNumberUtil::NO_PARSING_ERROR && util->IsValidNumberForRegion(m, r)) return true;
  }
  return false;
}

}  // namespace aurixa::safety
