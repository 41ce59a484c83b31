#pragma once
// JSON Web Tokens for staff and patient sessions (RFC 7519), HS256 only: the algorithm is pinned, so a
// token claiming "none", RS256 or anything else is rejected (no algorithm confusion), the signature is
// compared in constant time, and exp is always checked.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace aurixa::gateway {

struct Claims {
  std::string sub;                 // user id ("u-12") or API key id ("k-3")
  std::string role;                // platform_admin, tenant_admin, doctor, nurse, reception, scheduler, patient
  std::optional<std::int64_t> tenant_id;
  std::optional<std::int64_t> patient_id;  // patients: their own record
  std::optional<std::int64_t> staff_id;
  std::string typ = "access";      // access | refresh
  std::int64_t iat = 0, exp = 0;   // epoch seconds
};

class JwtCodec {
 public:
  // secret: at least 32 bytes (checked by the caller's configuration).
  explicit JwtCodec(std::string secret, std::string issuer = "aurixa") : secret_(std::move(secret)), issuer_(std::move(issuer)) {}

  std::string sign(const Claims& claims) const;
  // The claims of a valid, unexpired token; nullopt with `error` set otherwise.
  std::optional<Claims> verify(const std::string& token, std::string* error = nullptr,
                               std::int64_t now = 0 /* 0 = current time */) const;

 private:
  std::string secret_, issuer_;
};

std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view data);

}  // namespace aurixa::gateway
