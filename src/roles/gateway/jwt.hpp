#pragma once
// JSON Web Tokens for staff and patient sessions (RFC 7519), HS256 (shared secret) or RS256 (RSA key pair).
// A codec has exactly one algorithm, pinned at construction: a token whose header claims any other ("none",
// HS256 on an RS256 gateway -- the confusion attack that HMAC-signs with the public key --, RS256 on an
// HS256 gateway) is rejected before its signature is looked at. HMAC signatures are compared in constant
// time; exp is always checked. Codecs are immutable after construction and safe to share between threads.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

enum class JwtAlgorithm { hs256, rs256 };

class JwtCodec {
 public:
  // HS256. secret: at least 32 bytes (checked by the caller's configuration).
  explicit JwtCodec(std::string secret, std::string issuer = "aurixa") : secret_(std::move(secret)), issuer_(std::move(issuer)) {}

  // RS256. private_pem: the PEM RSA private key that signs, or empty for a verify-only codec (a gateway
  // replica that accepts tokens but cannot issue them). public_pems: one or more concatenated PEM public
  // keys ("BEGIN PUBLIC KEY"); a token verifies when any of them verifies it (its "kid" header picks the key
  // when it names one), so a rotation publishes the next key before switching the signer. The signer's own
  // public key always verifies. Keys must be RSA with >= 2048 bits; encrypted private keys are refused.
  // Throws std::invalid_argument saying what is wrong with a key.
  static JwtCodec rs256(const std::string& private_pem, const std::string& public_pems, std::string issuer = "aurixa");

  JwtAlgorithm algorithm() const { return rsa_ ? JwtAlgorithm::rs256 : JwtAlgorithm::hs256; }
  const char* algorithm_name() const { return rsa_ ? "RS256" : "HS256"; }
  // False for a verify-only RS256 codec.
  bool can_sign() const;
  // Throws std::logic_error when !can_sign().
  std::string sign(const Claims& claims) const;
  // The claims of a valid, unexpired token; nullopt with `error` set otherwise.
  std::optional<Claims> verify(const std::string& token, std::string* error = nullptr,
                               std::int64_t now = 0 /* 0 = current time */) const;

  struct RsaKeys;  // OpenSSL key handles (jwt.cpp)

 private:
  bool signature_ok(std::string_view signing_input, std::string_view signature, std::string_view kid) const;

  std::string secret_, issuer_;
  std::shared_ptr<const RsaKeys> rsa_;  // set: RS256
};

std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view data);

}  // namespace aurixa::gateway
