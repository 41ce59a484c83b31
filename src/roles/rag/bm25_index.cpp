#include "roles/rag/bm25_index.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "roles/rag/text.hpp"

namespace aurixa::rag {
namespace {

std::string article_term(std::int64_t a) { return "A" + std::to_string(a); }

// Xapian terms are limited to ~245 bytes; longer "words" (base64, URLs) are noise anyway.
bool indexable(const std::string& t) { return !t.empty() && t.size() < 64; }

Xapian::WritableDatabase open_database(const std::string& path) {
  if (path.empty()) return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  std::filesystem::create_directories(path);
  return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
}

}  // namespace

struct Bm25Index::Impl {
  explicit Impl(std::string p) : path(std::move(p)) {
    if (!path.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  }
  Xapian::WritableDatabase& shard(std::int64_t tenant) {
    auto it = shards.find(tenant);
    if (it == shards.end())
      it = shards.emplace(tenant, open_database(path.empty() ? path : path + "/t" + std::to_string(tenant))).first;
    return it->second;
  }
  std::string path;
  // One database per tenant: a search cannot reach another tenant's chunks, term statistics (idf) are
  // the tenant's own, and a query only walks its tenant's postings.
  std::map<std::int64_t, Xapian::WritableDatabase> shards;
  std::unordered_map<std::int64_t, std::int64_t> article_tenant;
  // Distinct folded words per article (for typo repair), so a replaced/removed article's words are forgotten.
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> article_words;
  Vocabulary vocabulary;
};

Bm25Index::Bm25Index(std::shared_ptr<const Analyzer> analyzer, Bm25Options options)
    : analyzer_(std::move(analyzer)), options_(options), impl_(std::make_unique<Impl>(options_.path)) {}

Bm25Index::~Bm25Index() = default;

void Bm25Index::replace_article(std::int64_t article_id, const std::vector<Chunk>& chunks) {
  // Analysis runs outside the lock: it is the expensive part and touches no shared state.
  std::vector<Xapian::Document> docs;
  std::vector<std::string> words;
  for (const auto& c : chunks) {
    Xapian::Document doc;
    doc.set_data(c.id);
    doc.add_boolean_term(article_term(article_id));
    // Term frequencies only: no positions, as nothing searches phrases (positions would double memory).
    for (const auto& t : analyzer_->index_terms(c.title))
      if (indexable(t)) doc.add_term(t, static_cast<Xapian::termcount>(options_.title_weight));
    for (const auto& t : analyzer_->index_terms(c.text))
      if (indexable(t)) doc.add_term(t);
    docs.push_back(std::move(doc));
  }
  if (!chunks.empty()) {
    for (auto& w : fold_words(chunks.front().title)) words.push_back(std::move(w));
    for (const auto& c : chunks)
      for (auto& w : fold_words(c.text)) words.push_back(std::move(w));
    // Distinct words only: the vocabulary counts articles per word, and 100k chunks of repeats would
    // cost far more memory than they are worth.
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
  }
  std::lock_guard lock(mutex_);
  if (auto old = impl_->article_tenant.find(article_id); old != impl_->article_tenant.end()) {
    impl_->shard(old->second).delete_document(article_term(article_id));
    impl_->article_tenant.erase(old);
  }
  if (!chunks.empty()) {
    auto tenant = chunks.front().tenant_id;
    auto& db = impl_->shard(tenant);
    for (auto& d : docs) db.add_document(d);
    impl_->article_tenant[article_id] = tenant;
  }
  auto& known = impl_->article_words[article_id];
  for (auto id : known) impl_->vocabulary.remove(id);
  known.clear();
  for (const auto& w : words) known.push_back(impl_->vocabulary.add(w));
  if (known.empty()) impl_->article_words.erase(article_id);
}

void Bm25Index::remove_article(std::int64_t article_id) { replace_article(article_id, {}); }

void Bm25Index::commit() {
  std::lock_guard lock(mutex_);
  for (auto& [_, db] : impl_->shards) db.commit();
}

void Bm25Index::repair_typos(AnalyzedQuery& query) const {
  std::lock_guard lock(mutex_);
  for (const auto& w : query.words) {
    auto fix = impl_->vocabulary.correct(w);
    if (fix.empty()) continue;
    auto s = analyzer_->stem(fix);
    if (std::find(query.stems.begin(), query.stems.end(), s) == query.stems.end() &&
        std::find(query.expansions.begin(), query.expansions.end(), s) == query.expansions.end())
      query.expansions.push_back(s);
  }
}

std::vector<Bm25Hit> Bm25Index::search(std::int64_t tenant_id, const AnalyzedQuery& query, int k) const {
  std::vector<Xapian::Query> parts;
  for (const auto& s : query.stems)
    if (indexable(s)) parts.emplace_back(s);
  std::vector<Xapian::Query> extra;
  for (const auto& s : query.expansions)
    if (indexable(s)) extra.emplace_back(s);
  if (parts.empty() && extra.empty()) return {};
  Xapian::Query q(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (!extra.empty()) {
    Xapian::Query ex(Xapian::Query::OP_OR, extra.begin(), extra.end());
    ex = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, ex, options_.expansion_weight);
    q = parts.empty() ? ex : Xapian::Query(Xapian::Query::OP_OR, q, ex);
  }

  std::unordered_set<std::string> original(query.stems.begin(), query.stems.end());
  std::vector<Bm25Hit> out;
  std::lock_guard lock(mutex_);
  auto shard = impl_->shards.find(tenant_id);
  if (shard == impl_->shards.end()) return {};
  Xapian::Enquire enquire(shard->second);
  enquire.set_query(q);
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);  // lets the matcher stop early; ties are rare
  // k2/k3 as Xapian's defaults; k1 and b are the classic Robertson values.
  enquire.set_weighting_scheme(Xapian::BM25Weight(options_.k1, 0, 1, options_.b, 0.5));
  auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Bm25Hit h;
    h.chunk_id = it.get_document().get_data();
    h.score = it.get_weight();
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
      if (original.count(*t)) ++h.matched_terms;
    out.push_back(std::move(h));
  }
  return out;
}

std::size_t Bm25Index::chunk_count() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [_, db] : impl_->shards) n += db.get_doccount();
  return n;
}

}  // namespace aurixa::rag
