// Knowledge articles: GET/POST /api/v1/knowledge/articles, GET/PATCH/PUT/DELETE
// /api/v1/knowledge/articles/{id} (spec/API.md §3.7; get, update and delete are additions).
#include "roles/orchestration/admin_routes.hpp"
#include "store/knowledge.hpp"

namespace aurixa::orchestration::admin {
namespace {

constexpr std::size_t kMaxTitle = 500;
constexpr std::size_t kMaxContent = 200'000;

}  // namespace

void register_knowledge_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/knowledge/articles", [deps](const http::Request& req, CallContext& ctx) {
    auto page = page_of(req, 100);
    auto scope = list_scope(req, ctx);
    auto rows = deps.db->read([&](store::Tx& tx) { return store::KnowledgeRepository(tx).list(scope, page); });
    bj::array out;
    for (const auto& a : rows) out.push_back(article_json(a));
    return json::ok(out);
  });

  router.post("/api/v1/knowledge/articles", [deps](const http::Request& req, CallContext& ctx) {
    auto body = json::parse_object(req);
    const std::string title = require_text(body, "title", kMaxTitle);
    const std::string content = require_text(body, "content", kMaxContent);
    const Id tenant = json::in_range(json::optional_int(body, "tenant_id").value_or(ctx.tenant_id.value_or(1)), 1,
                                     INT64_MAX, "tenant_id");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    return idempotent_write(*deps.db, req, scope, "POST /api/v1/knowledge/articles", [&](store::Tx& tx) {
      auto a = store::KnowledgeRepository(tx).create(scope, tenant, title, content);
      audit(tx, actor,
            {"Knowledge Article Created",
             "Created article '" + a.title + "' (id=" + std::to_string(a.id) + ") for tenant " + std::to_string(tenant),
             "knowledge_article", std::to_string(a.id), tenant});
      return json::ok(article_json(a));
    });
  });

  router.get("/api/v1/knowledge/articles/{id}", [deps](const http::Request& req, CallContext& ctx) {
    const Id id = path_id(req, "id", "article_id");
    auto scope = caller_scope(ctx);
    auto a = deps.db->read([&](store::Tx& tx) { return store::KnowledgeRepository(tx).get(scope, id); });
    if (!a) throw ApiError::not_found("Article not found");
    return json::ok(article_json(*a));
  });

  auto update = [deps](const http::Request& req, CallContext& ctx) {
    const Id id = path_id(req, "id", "article_id");
    auto body = json::parse_object(req);
    store::ArticlePatch patch;
    patch.title = optional_text(body, "title", kMaxTitle);
    patch.content = optional_text(body, "content", kMaxContent);
    if (!patch.title && !patch.content) throw ApiError::validation("title", "give 'title' and/or 'content' to update");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    return idempotent_write(
        *deps.db, req, scope, "UPDATE /api/v1/knowledge/articles/" + std::to_string(id), [&](store::Tx& tx) {
          auto a = store::KnowledgeRepository(tx).update(scope, id, patch);
          if (!a) throw ApiError::not_found("Article not found");
          audit(tx, actor,
                {"Knowledge Article Updated", "Updated article '" + a->title + "' (id=" + std::to_string(id) + ")",
                 "knowledge_article", std::to_string(id), a->tenant_id});
          return json::ok(article_json(*a));
        });
  };
  router.patch("/api/v1/knowledge/articles/{id}", update);
  router.put("/api/v1/knowledge/articles/{id}", update);

  router.del("/api/v1/knowledge/articles/{id}", [deps](const http::Request& req, CallContext& ctx) {
    const Id id = path_id(req, "id", "article_id");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    return idempotent_write(
        *deps.db, req, scope, "DELETE /api/v1/knowledge/articles/" + std::to_string(id), [&](store::Tx& tx) {
          store::KnowledgeRepository articles(tx);
          auto a = articles.get(scope, id);
          if (!a || !articles.remove(scope, id)) throw ApiError::not_found("Article not found");
          audit(tx, actor,
                {"Knowledge Article Deleted", "Deleted article '" + a->title + "' (id=" + std::to_string(id) + ")",
                 "knowledge_article", std::to_string(id), a->tenant_id});
          return json::ok(bj::object{{"id", id}, {"deleted", true}});
        });
  });
}

}  // namespace aurixa::orchestration::admin
