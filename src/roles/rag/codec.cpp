#include "roles/rag/codec.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/tenant_id.hpp"

namespace aurixa::rag::codec {
namespace bj = boost::json;
namespace {

double round_to(double x, double scale) { return std::round(x * scale) / scale; }

bj::value rank_json(const std::optional<int>& r) { return r ? bj::value(*r) : bj::value(nullptr); }

std::optional<int> parse_rank(const bj::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return static_cast<int>(v->to_number<std::int64_t>());
}

}  // namespace

RetrieveRequest parse_retrieve_request(const bj::object& o) {
  RetrieveRequest r;
  r.prompt = json::require_string(o, "prompt");
  if (const auto* intent = o.if_contains("intent")) {
    // The original sends an intent object ({"intent": "clinic_info", ...}); a bare label works too.
    if (intent->is_string()) {
      r.intent = intent->as_string();
    } else if (intent->is_object()) {
      if (const auto* name = intent->as_object().if_contains("intent"); name && name->is_string())
        r.intent = name->as_string();
    } else if (!intent->is_null()) {
      throw ApiError::validation("intent", "intent must be an object or a string");
    }
  }
  if (auto k = json::optional_int(o, "top_k")) r.top_k = static_cast<int>(json::in_range(*k, 1, kMaxTopK, "top_k"));
  r.tenant_id = json_tenant_id(o.if_contains("tenant_id"), "tenant_id", "Invalid tenant id");
  return r;
}

bj::object to_json(const RetrieveRequest& r) {
  bj::object o{{"prompt", r.prompt}, {"top_k", r.top_k}};
  if (!r.intent.empty()) o["intent"] = bj::object{{"intent", r.intent}};
  if (r.tenant_id) o["tenant_id"] = *r.tenant_id;
  return o;
}

bj::object to_json(const RetrieveResult& r) {
  bj::array snippets;
  for (const auto& s : r.snippets) {
    bj::object meta{{"retrieval_method", s.retrieval_method},
                    {"engine", s.engine},
                    {"keyword_matches", s.keyword_matches},
                    {"rrf", round_to(s.rrf, 1e6)},
                    {"article_id", s.article_id},
                    {"title", s.title},
                    {"chunk_id", s.chunk_id}};
    snippets.push_back(
        bj::object{{"source", s.source},
                   {"content", s.content},
                   {"score", s.score},
                   {"metadata", std::move(meta)},
                   {"article_id", s.article_id},
                   {"title", s.title},
                   {"chunk_id", s.chunk_id},
                   {"ranks", bj::object{{"bm25", rank_json(s.ranks.bm25)}, {"vector", rank_json(s.ranks.vector)}}}});
  }
  bj::object meta{{"query_time_ms", round_to(r.query_time_ms, 1000)}, {"hybrid", r.hybrid}, {"tenant_id", r.tenant_id}};
  if (r.index_empty) meta["index_empty"] = true;
  return bj::object{{"snippets", std::move(snippets)}, {"metadata", std::move(meta)}};
}

RetrieveResult parse_retrieve_result(const bj::object& o) {
  RetrieveResult r;
  for (const auto& v : o.at("snippets").as_array()) {
    const auto& so = v.as_object();
    Snippet s;
    s.source = so.at("source").as_string();
    s.content = so.at("content").as_string();
    s.score = so.at("score").to_number<double>();
    s.article_id = so.at("article_id").to_number<std::int64_t>();
    s.title = so.at("title").as_string();
    s.chunk_id = so.at("chunk_id").as_string();
    if (const auto* ranks = so.if_contains("ranks"); ranks && ranks->is_object())
      s.ranks = {parse_rank(ranks->as_object(), "bm25"), parse_rank(ranks->as_object(), "vector")};
    if (const auto* m = so.if_contains("metadata"); m && m->is_object()) {
      const auto& mo = m->as_object();
      if (const auto* x = mo.if_contains("retrieval_method"); x && x->is_string()) s.retrieval_method = x->as_string();
      if (const auto* x = mo.if_contains("engine"); x && x->is_string()) s.engine = x->as_string();
      if (const auto* x = mo.if_contains("keyword_matches"); x && x->is_number())
        s.keyword_matches = static_cast<int>(x->to_number<std::int64_t>());
      if (const auto* x = mo.if_contains("rrf"); x && x->is_number()) s.rrf = x->to_number<double>();
    }
    r.snippets.push_back(std::move(s));
  }
  if (const auto* m = o.if_contains("metadata"); m && m->is_object()) {
    const auto& mo = m->as_object();
    if (const auto* x = mo.if_contains("query_time_ms"); x && x->is_number()) r.query_time_ms = x->to_number<double>();
    if (const auto* x = mo.if_contains("hybrid"); x && x->is_bool()) r.hybrid = x->as_bool();
    if (const auto* x = mo.if_contains("index_empty"); x && x->is_bool()) r.index_empty = x->as_bool();
    if (const auto* x = mo.if_contains("tenant_id"); x && x->is_number()) r.tenant_id = x->to_number<std::int64_t>();
  }
  return r;
}

}  // namespace aurixa::rag::codec
