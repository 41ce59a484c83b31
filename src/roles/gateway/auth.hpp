#pragma once
// Authentication at the gateway: staff and patients log in with email + password (argon2id hashes in the
// store) and receive short-lived HS256 or RS256 access tokens plus refresh tokens; server-to-server callers use
// per-tenant API keys (stored hashed). The tenant always comes from the credential, never from the body.
#include <chrono>
#include <optional>
#include <string>

#include "core/context.hpp"
#include "core/http_types.hpp"
#include "roles/gateway/jwt.hpp"

namespace aurixa::store {
class Database;
}

namespace aurixa::gateway {

struct AuthOptions {
  bool enabled = true;
  std::string jwt_algorithm = "HS256";  // HS256 | RS256
  std::string jwt_secret;               // HS256: >= 32 bytes
  std::string jwt_private_key_file;     // RS256: PEM private key; empty = this gateway verifies but cannot log in
  std::string jwt_public_key_file;      // RS256: one or more PEM public keys (several during a key rotation)
  std::chrono::seconds access_ttl{900};
  std::chrono::seconds refresh_ttl{7 * 24 * 3600};
};

struct LoginResult {
  std::string access_token, refresh_token;
  std::int64_t expires_in = 0;
  std::string role;
  std::optional<std::int64_t> tenant_id, patient_id, staff_id;
  std::string user_id;
};

class Authenticator {
 public:
  // Reads the RS256 key files; throws ConfigError naming the setting when one is unreadable or unusable.
  Authenticator(AuthOptions options, store::Database* db);
  bool enabled() const { return opt_.enabled; }

  // Fills ctx.principal and ctx.tenant_id from the request's credential (Authorization: Bearer <token or
  // API key>, X-API-Key, or ?access_token= for WebSocket upgrades). Throws ApiError 401 when the
  // credential is missing, malformed, expired or unknown. May touch the store (API keys): call it from a
  // worker thread.
  void authenticate(const http::Request& req, CallContext& ctx) const;
  // Whether authenticate() would look the credential up in the store (an API key): the caller then must
  // not be an I/O thread. Tokens are verified in memory.
  static bool needs_store(const http::Request& req);

  // 401 on bad credentials / a bad token; 503 on a verify-only RS256 gateway (no private key).
  LoginResult login(const std::string& email, const std::string& password) const;
  LoginResult refresh(const std::string& refresh_token) const;
  const JwtCodec& codec() const { return codec_; }

 private:
  LoginResult issue(const Claims& base) const;

  AuthOptions opt_;
  store::Database* db_;
  JwtCodec codec_;
  std::string dummy_hash_;
};

}  // namespace aurixa::gateway
