#pragma once
// Accounts (users, argon2id password hashes) and API keys (SHA-256 of a random token). Authentication
// lookups (by email, by key) are platform-level by design: the credential determines the tenant.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct NewUser {
  std::string email;
  std::string password_hash;  // from hash_password(); never a plain password
  std::optional<std::string> full_name;
  std::optional<Id> tenant_id;  // nullopt only for platform_admin
  std::string role;
  std::optional<Id> staff_id;
  std::optional<Id> patient_id;
};

// platform_admin, tenant_admin, doctor, nurse, reception, scheduler, patient.
bool is_user_role(const std::string& role);

class UserRepository {
 public:
  explicit UserRepository(Tx& tx) : tx_(tx) {}

  // Emails are compared case-insensitively (stored lower-cased). Duplicate -> ApiError 409.
  User create(const NewUser& u);
  // Platform-level: login looks the account up before any tenant is known.
  std::optional<User> find_by_email(const std::string& email);
  std::optional<User> get(const Scope& scope, Id id);
  std::vector<User> list(const Scope& scope, const Page& page);
  void set_password_hash(const Scope& scope, Id id, const std::string& password_hash);
  std::int64_t count(const Scope& scope);

 private:
  Tx& tx_;
};

struct IssuedApiKey {
  ApiKey key;
  std::string secret;  // shown once to the caller; only its hash is stored
};

class ApiKeyRepository {
 public:
  explicit ApiKeyRepository(Tx& tx) : tx_(tx) {}

  // Tenant-scoped: a tenant admin issues keys for its own tenant only (422 tenant_id otherwise).
  IssuedApiKey issue(const Scope& scope, Id tenant_id, const std::string& name, const std::string& role = "api_client");
  // Platform-level authentication lookup; revoked keys are not found. Records last_used_at when writable.
  std::optional<ApiKey> authenticate(const std::string& secret);
  std::vector<ApiKey> list(const Scope& scope);
  bool revoke(const Scope& scope, Id id);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
