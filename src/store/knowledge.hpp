#pragma once
// Knowledge-base articles (the RAG role's sources). Deletion is soft so that changed_since() can tell
// an index which articles to drop; every other read ignores deleted rows.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct ArticlePatch {
  std::optional<std::string> title, content;
};

class KnowledgeRepository {
 public:
  explicit KnowledgeRepository(Tx& tx) : tx_(tx) {}

  std::vector<KnowledgeArticle> list(const Scope& scope, const Page& page);
  std::optional<KnowledgeArticle> get(const Scope& scope, Id id);
  // The tenant must exist and be visible (ApiError 422 naming tenant_id otherwise).
  KnowledgeArticle create(const Scope& scope, Id tenant_id, const std::string& title, const std::string& content);
  std::optional<KnowledgeArticle> update(const Scope& scope, Id id, const ArticlePatch& patch);
  // false when not visible (or already deleted).
  bool remove(const Scope& scope, Id id);
  // Every article (deleted ones included, with deleted_at set) updated at or after `since` ("" = all;
  // timestamps have one-second resolution, so a caller passes its last seen updated_at and dedupes by id),
  // oldest change first: an incremental sync feed for search indexes.
  std::vector<KnowledgeArticle> changed_since(const Scope& scope, const std::string& since);
  std::int64_t count(const Scope& scope);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
