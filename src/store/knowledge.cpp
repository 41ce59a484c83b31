#include "store/knowledge.hpp"

#include "core/error.hpp"
#include "store/sql.hpp"
#include "store/tenants.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, title, content, deleted_at, created_at, updated_at FROM knowledge_base_articles";

std::vector<KnowledgeArticle> fetch(Tx& tx, Query& q) {
  KnowledgeArticle a;
  auto st = q.prepare(tx, soci::into(a.id), soci::into(a.tenant_id), soci::into(a.title), soci::into(a.content),
                      soci::into(a.deleted_at), soci::into(a.created_at), soci::into(a.updated_at));
  std::vector<KnowledgeArticle> out;
  while (st.fetch()) out.push_back(a);
  return out;
}

}  // namespace

std::vector<KnowledgeArticle> KnowledgeRepository::list(const Scope& scope, const Page& page) {
  Query q(kColumns);
  q.where("deleted_at IS NULL").scope(scope, "tenant_id").order_by("id").page(page);
  return fetch(tx_, q);
}

std::optional<KnowledgeArticle> KnowledgeRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).where("deleted_at IS NULL").scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

KnowledgeArticle KnowledgeRepository::create(const Scope& scope, Id tenant_id, const std::string& title,
                                             const std::string& content) {
  tx_.require_write();
  if (!scope.allows(tenant_id) || !TenantRepository(tx_).exists(scope, tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(tenant_id) + " not found");
  KnowledgeArticle a;
  a.tenant_id = tenant_id;
  a.title = title;
  a.content = content;
  a.created_at = a.updated_at = tx_.now();
  tx_.sql() << "INSERT INTO knowledge_base_articles (tenant_id, title, content, created_at, updated_at) "
               "VALUES (:t, :title, :content, :c, :u) RETURNING id",
      soci::use(a.tenant_id), soci::use(a.title), soci::use(a.content), soci::use(a.created_at),
      soci::use(a.updated_at), soci::into(a.id);
  return a;
}

std::optional<KnowledgeArticle> KnowledgeRepository::update(const Scope& scope, Id id, const ArticlePatch& patch) {
  tx_.require_write();
  auto a = get(scope, id);
  if (!a) return std::nullopt;
  if (patch.title) a->title = *patch.title;
  if (patch.content) a->content = *patch.content;
  a->updated_at = tx_.now();
  tx_.sql() << "UPDATE knowledge_base_articles SET title = :t, content = :c, updated_at = :u WHERE id = :id",
      soci::use(a->title), soci::use(a->content), soci::use(a->updated_at), soci::use(id);
  return a;
}

bool KnowledgeRepository::remove(const Scope& scope, Id id) {
  tx_.require_write();
  if (!get(scope, id)) return false;
  std::string now = tx_.now();
  tx_.sql() << "UPDATE knowledge_base_articles SET deleted_at = :d, updated_at = :u WHERE id = :id", soci::use(now),
      soci::use(now), soci::use(id);
  return true;
}

std::vector<KnowledgeArticle> KnowledgeRepository::changed_since(const Scope& scope, const std::string& since) {
  Query q(kColumns);
  if (!since.empty()) q.where("updated_at >= ?", since);
  q.scope(scope, "tenant_id").order_by("updated_at, id");
  return fetch(tx_, q);
}

std::int64_t KnowledgeRepository::count(const Scope& scope) {
  Query q("SELECT COUNT(*) FROM knowledge_base_articles");
  q.where("deleted_at IS NULL").scope(scope, "tenant_id");
  return q.count(tx_);
}

}  // namespace aurixa::store
