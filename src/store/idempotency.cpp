#include "store/idempotency.hpp"

#include "store/sql.hpp"

namespace aurixa::store {
namespace {

long long scope_key(const Scope& scope) { return scope.tenant_id().value_or(0); }

}  // namespace

std::optional<StoredResponse> IdempotencyRepository::claim(const Scope& scope, const std::string& route,
                                                           const std::string& key) {
  tx_.require_write();
  const long long s = scope_key(scope);
  tx_.lock("idempotency:" + std::to_string(s) + ":" + route + ":" + key);
  Query q("SELECT request_hash, response_status, response_body FROM idempotency_keys");
  q.where("scope = ?", s).where("route = ?", route).where("idem_key = ?", key);
  StoredResponse r;
  auto st = q.prepare(tx_, soci::into(r.request_hash), soci::into(r.status), soci::into(r.body));
  if (!st.fetch()) return std::nullopt;
  return r;
}

void IdempotencyRepository::save(const Scope& scope, const std::string& route, const std::string& key,
                                 const StoredResponse& r) {
  tx_.require_write();
  const long long s = scope_key(scope);
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO idempotency_keys (scope, route, idem_key, request_hash, response_status, response_body, "
               "created_at, updated_at) VALUES (:s, :r, :k, :h, :st, :b, :c, :u)",
      soci::use(s), soci::use(route), soci::use(key), soci::use(r.request_hash), soci::use(r.status), soci::use(r.body),
      soci::use(now), soci::use(now);
}

std::int64_t IdempotencyRepository::purge(const std::string& before) {
  tx_.require_write();
  Query q("SELECT COUNT(*) FROM idempotency_keys");
  q.where("created_at < ?", before);
  auto n = q.count(tx_);
  if (n > 0) tx_.sql() << "DELETE FROM idempotency_keys WHERE created_at < :b", soci::use(before);
  return n;
}

}  // namespace aurixa::store
