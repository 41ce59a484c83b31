// The store-backed ArticleSource (declared in article_source.hpp). Kept apart from the rest of the
// retrieval library so that aurixa_rag (and its tests, eval and benchmark) do not depend on the store.
#include "roles/rag/article_source.hpp"
#include "store/database.hpp"
#include "store/knowledge.hpp"

namespace aurixa::rag {
namespace {

class StoreArticleSource final : public ArticleSource {
 public:
  explicit StoreArticleSource(store::Database& db) : db_(db) {}

  std::vector<ArticleChange> changed_since(const std::string& since) override {
    auto rows = db_.read(
        [&](store::Tx& tx) { return store::KnowledgeRepository(tx).changed_since(store::Scope::platform(), since); });
    std::vector<ArticleChange> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
      ArticleChange c;
      c.article = Article{r.id, r.tenant_id, std::move(r.title), std::move(r.content), {}};
      c.deleted = r.deleted_at.has_value();
      c.updated_at = std::move(r.updated_at);
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  store::Database& db_;
};

}  // namespace

std::shared_ptr<ArticleSource> make_store_article_source(store::Database& db) {
  return std::make_shared<StoreArticleSource>(db);
}

}  // namespace aurixa::rag
