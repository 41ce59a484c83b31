// Checksum and range validators: they turn "looks like a number" into "is one", which is what keeps
// order numbers, gift cards and look-alikes out of the redaction.
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "roles/safety/pii.hpp"

namespace aurixa::safety {

std::string digits_of(std::string_view s) {
  std::string d;
  d.reserve(s.size());
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

bool luhn_valid(std::string_view digits) {
  if (digits.size() < 2) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool ssn_valid(std::string_view d) {
  if (d.size() != 9) return false;
  for (char c : d)
    if (c < '0' || c > '9') return false;
  const int area = std::stoi(std::string(d.substr(0, 3)));
  const int group = std::stoi(std::string(d.substr(3, 2)));
  const int serial = std::stoi(std::string(d.substr(5, 4)));
  if (area == 0 || area == 666 || area >= 900) return false;  // never issued (9xx are ITINs)
  if (group == 0 || serial == 0) return false;
  if (std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; })) return false;
  // Published/advertising numbers that are known not to belong to anyone.
  static const char* kInvalid[] = {"078051120", "219099999", "123456789", "457555462"};
  for (const char* bad : kInvalid)
    if (d == bad) return false;
  return true;
}

std::optional<std::string_view> card_brand(std::string_view d) {
  const std::size_t n = d.size();
  if (n < 12 || n > 19) return std::nullopt;
  auto prefix = [&](std::size_t k) { return std::stoi(std::string(d.substr(0, k))); };
  const int p1 = prefix(1), p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = n >= 6 ? prefix(6) : 0;
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return "visa";
  if ((p2 >= 51 && p2 <= 55) && n == 16) return "mastercard";
  if ((p4 >= 2221 && p4 <= 2720) && n == 16) return "mastercard";
  if ((p2 == 34 || p2 == 37) && n == 15) return "amex";
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
    if (n >= 16) return "discover";
  if (p4 >= 3528 && p4 <= 3589 && n >= 16) return "jcb";
  if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14) return "diners";
  if (p2 == 62 && n >= 16) return "unionpay";
  if ((p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 60 || p2 == 63 || p2 == 67) && n >= 12) return "maestro";
  if ((p4 == 2131 || p4 == 1800) && n == 15) return "jcb";  // legacy 15-digit JCB
  if (p1 == 1 && n == 15) return "uatp";
  return std::nullopt;
}

bool npi_valid(std::string_view d) {
  if (d.size() != 10 || (d[0] != '1' && d[0] != '2')) return false;
  return luhn_valid(std::string("80840") + std::string(d));
}

bool dea_valid(std::string_view s) {
  if (s.size() != 9) return false;
  // First letter: registrant type (A/B/F/G practitioners, M mid-level, P-U distributors, X Suboxone).
  static const std::string kRegistrant = "ABCDEFGHJKLMPRSTUX";
  const char r = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  const char second = static_cast<char>(std::toupper(static_cast<unsigned char>(s[1])));
  if (kRegistrant.find(r) == std::string::npos) return false;
  if (!std::isalpha(static_cast<unsigned char>(second)) && second != '9') return false;
  int d[7];
  for (int i = 0; i < 7; ++i) {
    const char c = s[static_cast<std::size_t>(2 + i)];
    if (c < '0' || c > '9') return false;
    d[i] = c - '0';
  }
  const int sum = (d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5]);
  return sum % 10 == d[6];
}

bool mbi_valid(std::string_view raw) {
  std::string s;
  for (char c : raw)
    if (c != '-') s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (s.size() != 11) return false;
  // CMS MBI format: C A AN N A AN N A A N N; letters exclude S, L, O, I, B, Z.
  auto letter = [](char c) { return c >= 'A' && c <= 'Z' && std::string("SLOIBZ").find(c) == std::string::npos; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto alnum = [&](char c) { return letter(c) || digit(c); };
  return (s[0] >= '1' && s[0] <= '9') && letter(s[1]) && alnum(s[2]) && digit(s[3]) && letter(s[4]) && alnum(s[5]) &&
         digit(s[6]) && letter(s[7]) && letter(s[8]) && digit(s[9]) && digit(s[10]);
}

bool ipv4_valid(std::string_view s) {
  in_addr a{};
  std::string z(s);
  if (inet_pton(AF_INET, z.c_str(), &a) != 1) return false;
  // inet_pton rejects leading zeros and out-of-range octets; reject 0.x.x.x (version-like) too.
  return !z.starts_with("0.");
}

bool ipv6_valid(std::string_view s) {
  in6_addr a{};
  std::string z(s);
  return z.find(':') != std::string::npos && inet_pton(AF_INET6, z.c_str(), &a) == 1;
}

}  // namespace aurixa::safety
