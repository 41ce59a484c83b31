#include "store/users.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "store/password.hpp"
#include "store/sql.hpp"
#include "store/tenants.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, email, hashed_password, full_name, is_active, tenant_id, role, staff_id, patient_id FROM users";

std::vector<User> fetch_users(Tx& tx, Query& q) {
  User u;
  int active = 0;
  auto st = q.prepare(tx, soci::into(u.id), soci::into(u.email), soci::into(u.hashed_password), soci::into(u.full_name),
                      soci::into(active), soci::into(u.tenant_id), soci::into(u.role), soci::into(u.staff_id),
                      soci::into(u.patient_id));
  std::vector<User> out;
  while (st.fetch()) {
    u.is_active = as_bool(active);
    out.push_back(u);
  }
  return out;
}

constexpr const char* kKeyColumns =
    "SELECT id, tenant_id, name, key_prefix, role, last_used_at, revoked_at, created_at FROM api_keys";

std::vector<ApiKey> fetch_keys(Tx& tx, Query& q) {
  ApiKey k;
  auto st =
      q.prepare(tx, soci::into(k.id), soci::into(k.tenant_id), soci::into(k.name), soci::into(k.key_prefix),
                soci::into(k.role), soci::into(k.last_used_at), soci::into(k.revoked_at), soci::into(k.created_at));
  std::vector<ApiKey> out;
  while (st.fetch()) out.push_back(k);
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

bool is_user_role(const std::string& role) {
  for (const char* r : {"platform_admin", "tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient"})
    if (role == r) return true;
  return false;
}

User UserRepository::create(const NewUser& in) {
  tx_.require_write();
  if (!is_user_role(in.role)) throw ApiError::validation("role", "unknown role '" + in.role + "'");
  if (!in.tenant_id && in.role != "platform_admin")
    throw ApiError::validation("tenant_id", "only a platform_admin account may have no tenant");
  User u;
  u.email = lower(in.email);
  if (find_by_email(u.email)) throw ApiError(Errc::conflict, "an account with this email already exists", "email");
  u.hashed_password = in.password_hash;
  u.full_name = in.full_name;
  u.tenant_id = in.tenant_id;
  u.role = in.role;
  u.staff_id = in.staff_id;
  u.patient_id = in.patient_id;
  int active = 1;
  std::string now = tx_.now();
  tx_.sql()
      << "INSERT INTO users (email, hashed_password, full_name, is_active, tenant_id, role, staff_id, patient_id, "
         "created_at, updated_at) VALUES (:e, :h, :n, :a, :t, :r, :s, :p, :c, :u) RETURNING id",
      soci::use(u.email), soci::use(u.hashed_password), soci::use(u.full_name), soci::use(active),
      soci::use(u.tenant_id), soci::use(u.role), soci::use(u.staff_id), soci::use(u.patient_id), soci::use(now),
      soci::use(now), soci::into(u.id);
  return u;
}

std::optional<User> UserRepository::find_by_email(const std::string& email) {
  Query q(kUserColumns);
  q.where("email = ?", lower(email));
  return first_row(fetch_users(tx_, q));
}

std::optional<User> UserRepository::get(const Scope& scope, Id id) {
  Query q(kUserColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch_users(tx_, q));
}

std::vector<User> UserRepository::list(const Scope& scope, const Page& page) {
  Query q(kUserColumns);
  q.scope(scope, "tenant_id").order_by("id").page(page);
  return fetch_users(tx_, q);
}

void UserRepository::set_password_hash(const Scope& scope, Id id, const std::string& password_hash) {
  tx_.require_write();
  if (!get(scope, id)) throw ApiError::not_found("User not found");
  std::string now = tx_.now();
  tx_.sql() << "UPDATE users SET hashed_password = :h, updated_at = :u WHERE id = :id", soci::use(password_hash),
      soci::use(now), soci::use(id);
}

std::int64_t UserRepository::count(const Scope& scope) { return count_in_scope(tx_, "users", scope); }

IssuedApiKey ApiKeyRepository::issue(const Scope& scope, Id tenant_id, const std::string& name,
                                     const std::string& role) {
  tx_.require_write();
  if (!scope.allows(tenant_id) || !TenantRepository(tx_).exists(scope, tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(tenant_id) + " not found");
  IssuedApiKey out;
  out.secret = new_api_key();
  ApiKey& k = out.key;
  k.tenant_id = tenant_id;
  k.name = name;
  k.key_prefix = out.secret.substr(0, 10);
  k.role = role;
  k.created_at = tx_.now();
  const std::string hash = sha256_hex(out.secret);
  tx_.sql() << "INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, role, created_at, updated_at) "
               "VALUES (:t, :n, :p, :h, :r, :c, :u) RETURNING id",
      soci::use(k.tenant_id), soci::use(k.name), soci::use(k.key_prefix), soci::use(hash), soci::use(k.role),
      soci::use(k.created_at), soci::use(k.created_at), soci::into(k.id);
  return out;
}

std::optional<ApiKey> ApiKeyRepository::authenticate(const std::string& secret) {
  Query q(kKeyColumns);
  q.where("key_hash = ?", sha256_hex(secret)).where("revoked_at IS NULL");
  auto rows = fetch_keys(tx_, q);
  if (rows.empty()) return std::nullopt;
  if (tx_.writable()) {
    std::string now = tx_.now();
    tx_.sql() << "UPDATE api_keys SET last_used_at = :t WHERE id = :id", soci::use(now), soci::use(rows.front().id);
    rows.front().last_used_at = now;
  }
  return rows.front();
}

std::vector<ApiKey> ApiKeyRepository::list(const Scope& scope) {
  Query q(kKeyColumns);
  q.scope(scope, "tenant_id").order_by("id");
  return fetch_keys(tx_, q);
}

bool ApiKeyRepository::revoke(const Scope& scope, Id id) {
  tx_.require_write();
  Query q("SELECT COUNT(*) FROM api_keys");
  q.where("id = ?", id).where("revoked_at IS NULL").scope(scope, "tenant_id");
  if (q.count(tx_) == 0) return false;
  std::string now = tx_.now();
  tx_.sql() << "UPDATE api_keys SET revoked_at = :r, updated_at = :u WHERE id = :id", soci::use(now), soci::use(now),
      soci::use(id);
  return true;
}

}  // namespace aurixa::store
