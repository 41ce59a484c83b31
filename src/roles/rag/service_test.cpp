#include "roles/rag/service.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "core/error.hpp"
#include "roles/rag/fusion.hpp"
#include "roles/rag/text.hpp"

namespace aurixa::rag {
namespace {

// Test double for a paid/remote embedding model: each word maps to a fixed "concept" axis, so
// synonyms the BM25 index cannot connect ("car" / "vehicle") land on the same direction.
class ConceptEmbedder final : public Embedder {
 public:
  std::string name() const override { return "fake:concepts"; }
  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    ++calls;
    if (fail) throw ApiError(Errc::bad_gateway, "provider down");
    static const std::map<std::string, int> kAxis = {{"car", 0},  {"vehicle", 0},  {"automobile", 0},
                                                     {"bill", 1}, {"payment", 1},  {"invoice", 1},
                                                     {"flu", 2},  {"influenza", 2}};
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) {
      std::vector<float> v(4, 0.0f);
      v[3] = 0.05f;  // every text has a little of a shared direction, so no vector is zero
      for (const auto& w : fold_words(t))
        if (auto it = kAxis.find(w); it != kAxis.end()) v[static_cast<std::size_t>(it->second)] += 1;
      normalize(v);
      out.push_back(std::move(v));
    }
    return out;
  }
  std::atomic<int> calls{0};
  std::atomic<bool> fail{false};
};

class RagServiceTest : public ::testing::Test {
 protected:
  std::shared_ptr<MemoryArticleSource> source = std::make_shared<MemoryArticleSource>();
  CallContext ctx;

  std::unique_ptr<RagService> make(std::shared_ptr<Embedder> embedder = nullptr,
                                   std::chrono::milliseconds interval = std::chrono::milliseconds(0)) {
    RagOptions o;
    o.sync_interval = interval;
    return std::make_unique<RagService>(o, source, std::move(embedder));
  }
  static RetrieveRequest req(std::string prompt, std::int64_t tenant, int top_k = 5) {
    RetrieveRequest r;
    r.prompt = std::move(prompt);
    r.tenant_id = tenant;
    r.top_k = top_k;
    return r;
  }
  static std::vector<std::int64_t> articles(const RetrieveResult& r) {
    std::vector<std::int64_t> out;
    for (const auto& s : r.snippets) out.push_back(s.article_id);
    return out;
  }
  void seed() {
    source->put({1, 1, "Parking", "Free parking for your vehicle in the lot behind the building.", ""});
    source->put({2, 1, "Billing", "Questions about an invoice? Call the billing office.", ""});
    source->put({3, 1, "Flu season", "Influenza shots are available every autumn.", ""});
    source->put({4, 2, "Parking", "Tenant two has a parking garage.", ""});
  }
};

void expect_validation(const std::function<void()>& fn, const std::string& field) {
  try {
    fn();
    ADD_FAILURE() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.field(), field);
  }
}

TEST_F(RagServiceTest, RejectsBadInputNamingTheField) {
  auto svc = make();
  expect_validation([&] { svc->retrieve(req("   ", 1), ctx); }, "prompt");
  expect_validation([&] { svc->retrieve(req("parking", 1, 0), ctx); }, "top_k");
  expect_validation([&] { svc->retrieve(req("parking", 1, kMaxTopK + 1), ctx); }, "top_k");
  RetrieveRequest no_tenant;
  no_tenant.prompt = "parking";
  // A signed-in caller without a tenant (a platform administrator) must name one.
  CallContext admin;
  admin.principal = {"u-1", "platform_admin", std::nullopt, std::nullopt};
  expect_validation([&] { svc->retrieve(no_tenant, admin); }, "tenant_id");
}

TEST_F(RagServiceTest, AnonymousCallerWithoutTenantSearchesTheFirstClinic) {
  seed();
  auto svc = make();
  RetrieveRequest r;
  r.prompt = "parking";
  r.top_k = 5;
  auto res = svc->retrieve(r, ctx);  // ctx: the anonymous principal (AURIXA_AUTH=off)
  EXPECT_EQ(res.tenant_id, 1);
  EXPECT_EQ(articles(res), std::vector<std::int64_t>{1});
}

TEST_F(RagServiceTest, CallerTenantIsUsedAndCannotBeOverridden) {
  seed();
  auto svc = make();
  CallContext tenant2;
  tenant2.tenant_id = 2;
  RetrieveRequest r;
  r.prompt = "parking";
  EXPECT_EQ(articles(svc->retrieve(r, tenant2)), (std::vector<std::int64_t>{4}));
  r.tenant_id = 1;
  try {
    svc->retrieve(r, tenant2);
    ADD_FAILURE() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 403);
  }
}

TEST_F(RagServiceTest, ResultsNeverCrossTenants) {
  seed();
  auto svc = make();
  auto r1 = svc->retrieve(req("parking garage lot", 1, 10), ctx);
  for (const auto& s : r1.snippets) EXPECT_NE(s.article_id, 4);
  EXPECT_EQ(articles(svc->retrieve(req("parking garage", 2, 10), ctx)), (std::vector<std::int64_t>{4}));
  auto r3 = svc->retrieve(req("parking", 3), ctx);
  EXPECT_TRUE(r3.snippets.empty());
  EXPECT_TRUE(r3.index_empty);
}

TEST_F(RagServiceTest, SnippetCarriesOriginalAndNewFields) {
  seed();
  auto svc = make();
  auto r = svc->retrieve(req("where do I park", 1), ctx);
  ASSERT_FALSE(r.snippets.empty());
  const auto& s = r.snippets.front();
  EXPECT_EQ(s.article_id, 1);
  EXPECT_EQ(s.title, "Parking");
  EXPECT_EQ(s.chunk_id, "1:0");
  EXPECT_EQ(s.source, "kb-1-Parking.txt");
  EXPECT_EQ(s.ranks.bm25, 1);
  EXPECT_FALSE(s.ranks.vector.has_value());
  EXPECT_EQ(s.retrieval_method, "bm25");
  EXPECT_EQ(s.keyword_matches, 1);
  EXPECT_DOUBLE_EQ(s.score, boosted_score(1.0 / 60, 1));
  EXPECT_FALSE(r.hybrid);
}

TEST_F(RagServiceTest, NewArticleIsFoundWithoutRestart) {
  seed();
  auto svc = make();
  EXPECT_TRUE(svc->retrieve(req("dermatology referral", 1), ctx).snippets.empty());
  source->put({5, 1, "Dermatology", "Ask your doctor for a dermatology referral.", ""});
  EXPECT_EQ(articles(svc->retrieve(req("dermatology referral", 1), ctx)), (std::vector<std::int64_t>{5}));
}

TEST_F(RagServiceTest, UpdatedArticleReplacesOldText) {
  seed();
  auto svc = make();
  ASSERT_EQ(articles(svc->retrieve(req("billing office", 1), ctx)).front(), 2);
  source->put({2, 1, "Payments", "Pay online through the portal.", ""});
  EXPECT_TRUE(svc->retrieve(req("billing office", 1), ctx).snippets.empty());
  auto r = svc->retrieve(req("pay online portal", 1), ctx);
  ASSERT_FALSE(r.snippets.empty());
  EXPECT_EQ(r.snippets.front().article_id, 2);
  EXPECT_EQ(r.snippets.front().title, "Payments");
}

TEST_F(RagServiceTest, DeletedArticleDisappears) {
  seed();
  auto svc = make();
  ASSERT_FALSE(svc->retrieve(req("influenza", 1), ctx).snippets.empty());
  source->remove(3);
  EXPECT_TRUE(svc->retrieve(req("influenza", 1), ctx).snippets.empty());
  EXPECT_EQ(svc->stats().articles, 3u);
}

TEST_F(RagServiceTest, ArticleMovedToAnotherTenantLeavesTheFirst) {
  seed();
  auto svc = make();
  source->put({3, 2, "Flu season", "Influenza shots are available every autumn.", ""});
  EXPECT_TRUE(svc->retrieve(req("influenza", 1), ctx).snippets.empty());
  EXPECT_EQ(articles(svc->retrieve(req("influenza", 2), ctx)), (std::vector<std::int64_t>{3}));
}

TEST_F(RagServiceTest, PollingIsThrottledButAHintSyncsAtOnce) {
  seed();
  auto svc = make(nullptr, std::chrono::hours(1));
  svc->retrieve(req("parking", 1), ctx);  // first call syncs (the service starts dirty)
  source->put({5, 1, "Dermatology", "Dermatology referral.", ""});
  EXPECT_TRUE(svc->retrieve(req("dermatology", 1), ctx).snippets.empty());
  svc->on_article_changed(1, 5);
  EXPECT_EQ(articles(svc->retrieve(req("dermatology", 1), ctx)), (std::vector<std::int64_t>{5}));
}

TEST_F(RagServiceTest, RedeliveredUnchangedArticlesAreNotReindexed) {
  seed();
  auto embedder = std::make_shared<ConceptEmbedder>();
  auto svc = make(embedder);
  EXPECT_EQ(svc->sync(), 4u);
  int calls = embedder->calls;
  EXPECT_EQ(svc->sync(), 0u);  // the cursor is inclusive: the last change comes back, unchanged
  EXPECT_EQ(embedder->calls, calls);
}

TEST_F(RagServiceTest, OneSnippetPerArticle) {
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "Parking rule number " + std::to_string(i) + " applies to every car. ";
  source->put({1, 1, "Parking rules", long_text, ""});
  source->put({2, 1, "Garage", "A parking garage for every car.", ""});
  auto svc = make();
  auto r = svc->retrieve(req("parking car", 1, 10), ctx);
  EXPECT_EQ(r.snippets.size(), 2u);
  EXPECT_GT(svc->stats().chunks, 2u);
}

TEST_F(RagServiceTest, HybridFindsWhatBm25CannotAndReportsBothRanks) {
  seed();
  auto svc = make(std::make_shared<ConceptEmbedder>());
  // "automobile" appears in no article; the concept embedder links it to "vehicle".
  auto bm25 = svc->search(1, "automobile", 3, Method::bm25);
  EXPECT_TRUE(bm25.snippets.empty());
  auto hybrid = svc->retrieve(req("automobile", 1, 1), ctx);
  ASSERT_EQ(hybrid.snippets.size(), 1u);
  EXPECT_EQ(hybrid.snippets[0].article_id, 1);
  EXPECT_TRUE(hybrid.hybrid);
  EXPECT_EQ(hybrid.snippets[0].retrieval_method, "hybrid");
  EXPECT_EQ(hybrid.snippets[0].ranks.vector, 1);
  auto both = svc->retrieve(req("vehicle parking", 1, 1), ctx);
  EXPECT_EQ(both.snippets.at(0).ranks.bm25, 1);
  EXPECT_EQ(both.snippets.at(0).ranks.vector, 1);
}

// A chunk found only by its vector gets the number of query words it contains: counted by analysing its text,
// or 0 without analysis when BM25 returned every chunk that has a query word and this one was not among them.
TEST_F(RagServiceTest, KeywordCountsOfVectorOnlyHitsAreExact) {
  seed();
  auto svc = make(std::make_shared<ConceptEmbedder>());
  auto hybrid = svc->retrieve(req("automobile", 1, 1), ctx);  // hybrid; BM25: no chunk has "automobile"
  EXPECT_TRUE(hybrid.hybrid);
  ASSERT_EQ(hybrid.snippets.size(), 1u);
  EXPECT_EQ(hybrid.snippets[0].article_id, 1);
  EXPECT_EQ(hybrid.snippets[0].keyword_matches, 0);
  auto vector = svc->search(1, "automobile", 1, Method::vector);
  ASSERT_EQ(vector.snippets.size(), 1u);
  EXPECT_EQ(vector.snippets[0].keyword_matches, 0);
  auto counted = svc->search(1, "automobile parking lot", 1, Method::vector);  // no BM25 list: analysed
  ASSERT_EQ(counted.snippets.size(), 1u);
  EXPECT_EQ(counted.snippets[0].article_id, 1);
  EXPECT_EQ(counted.snippets[0].keyword_matches, 2);  // "parking" and "lot"
}

TEST_F(RagServiceTest, FailingEmbedderDegradesToBm25) {
  seed();
  auto embedder = std::make_shared<ConceptEmbedder>();
  auto svc = make(embedder);
  svc->sync();
  embedder->fail = true;
  auto r = svc->retrieve(req("parking", 1), ctx);
  ASSERT_FALSE(r.snippets.empty());
  EXPECT_FALSE(r.hybrid);
  EXPECT_EQ(r.snippets[0].article_id, 1);
}

// Counts texts per embed() call, so a test can tell re-embedding from reuse.
class CountingEmbedder final : public Embedder {
 public:
  std::string name() const override { return inner.name(); }
  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    texts_embedded += static_cast<int>(texts.size());
    return inner.embed(texts);
  }
  ConceptEmbedder inner;
  std::atomic<int> texts_embedded{0};
};

TEST_F(RagServiceTest, VectorIndexSurvivesARestartAndOnlyChangesAreEmbedded) {
  auto dir = std::filesystem::temp_directory_path() /
             ("aurixa-rag-vectors-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::remove_all(dir);
  RagOptions o;
  o.sync_interval = std::chrono::milliseconds(0);
  o.vector_dir = (dir / "fake_concepts").string();
  seed();
  {
    auto e = std::make_shared<CountingEmbedder>();
    RagService svc(o, source, e);
    svc.sync();
    EXPECT_EQ(e->texts_embedded.load(), 4);
    EXPECT_EQ(svc.stats().vectors, 4u);
    EXPECT_EQ(svc.stats().vectors_loaded, 0u);
  }
  ASSERT_TRUE(std::filesystem::exists(dir / "fake_concepts" / "manifest.json"));
  // While "down": one article changes, one is deleted.
  source->put({2, 1, "Billing", "Payment plans for a large invoice are available.", ""});
  source->remove(3);
  {
    auto e = std::make_shared<CountingEmbedder>();
    RagService svc(o, source, e);
    EXPECT_EQ(svc.stats().vectors_loaded, 4u);
    svc.sync();
    EXPECT_EQ(e->texts_embedded.load(), 2);  // the dimension probe and the changed article
    EXPECT_EQ(svc.stats().vectors, 3u);      // the deleted article's vector is gone
    auto r = svc.search(1, "automobile", 1, Method::vector);
    ASSERT_EQ(r.snippets.size(), 1u);
    EXPECT_EQ(r.snippets[0].article_id, 1);
    auto flu = svc.search(1, "influenza", 5, Method::vector);
    for (const auto& sn : flu.snippets) EXPECT_NE(sn.article_id, 3);
    // Incremental update without a restart also re-embeds only the new text (the searches above
    // embedded their two queries).
    const int before = e->texts_embedded.load();
    source->put({4, 2, "Parking", "Tenant two has a parking garage for every vehicle.", ""});
    svc.on_article_changed(2, 4);
    svc.sync();
    EXPECT_EQ(e->texts_embedded.load() - before, 1);
  }
  {
    // A different provider's copy is not used: the directory is per (provider, model).
    auto e = std::make_shared<CountingEmbedder>();
    RagOptions o2 = o;
    o2.vector_dir = (dir / "other_model").string();
    RagService svc(o2, source, e);
    EXPECT_EQ(svc.stats().vectors_loaded, 0u);
  }
  {
    // A damaged copy is ignored with a warning, never a crash.
    std::ofstream(dir / "fake_concepts" / "manifest.json") << "{not json";
    std::vector<std::string> warnings;
    auto e = std::make_shared<CountingEmbedder>();
    RagService svc(o, source, e, [&](std::string_view w) { warnings.emplace_back(w); });
    svc.sync();
    EXPECT_EQ(svc.stats().vectors_loaded, 0u);
    EXPECT_EQ(e->texts_embedded.load(), 3);
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings[0].find("saved vector index ignored"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_F(RagServiceTest, EmbedNeedsAProviderAndText) {
  auto svc = make();
  try {
    svc->embed("hello", ctx);
    ADD_FAILURE() << "no error";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 503);
  }
  auto with = make(std::make_shared<ConceptEmbedder>());
  expect_validation([&] { with->embed(" ", ctx); }, "text");
  auto e = with->embed("car", ctx);
  EXPECT_EQ(e.embedding.size(), 4u);
  EXPECT_EQ(e.model, "fake:concepts");
}

// A source that fails after its first answer, like a store that goes away.
class FlakySource final : public ArticleSource {
 public:
  std::vector<ArticleChange> changed_since(const std::string&) override {
    if (calls++ > 0) throw ApiError(Errc::unavailable, "database unavailable");
    return {ArticleChange{{1, 1, "Parking", "Free parking behind the building.", ""}, false, "1"}};
  }
  int calls = 0;
};

TEST(RagServiceSync, StoreOutageServesTheCurrentIndex) {
  auto source = std::make_shared<FlakySource>();
  std::vector<std::string> warnings;
  RagOptions o;
  o.sync_interval = std::chrono::milliseconds(0);
  RagService svc(o, source, nullptr, [&](std::string_view w) { warnings.emplace_back(w); });
  RetrieveRequest r;
  r.prompt = "parking";
  r.tenant_id = 1;
  CallContext ctx;
  EXPECT_EQ(svc.retrieve(r, ctx).snippets.size(), 1u);
  EXPECT_EQ(svc.retrieve(r, ctx).snippets.size(), 1u);  // the second sync throws; the index still answers
  EXPECT_EQ(source->calls, 2);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("database unavailable"), std::string::npos);
}

TEST_F(RagServiceTest, RetrievesStayConsistentWhileArticlesChange) {
  seed();
  auto svc = make();
  svc->sync();
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0}, empty{0}, errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&] {
      while (!stop) {
        try {
          auto r = svc->retrieve(req("parking vehicle lot", 1, 5), ctx);
          if (r.snippets.empty()) ++empty;
          for (const auto& s : r.snippets) wrong += s.article_id == 4;  // tenant 2's article
        } catch (...) {
          ++errors;
        }
      }
    });
  for (int i = 0; i < 200; ++i) {
    source->put({1, 1, "Parking", "Free parking for your vehicle in lot " + std::to_string(i) + ".", ""});
    svc->sync();
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(empty, 0);  // an update never leaves a moment with the article missing
}

TEST(SourceKey, FollowsTheOriginalFormat) {
  EXPECT_EQ(source_key(12, "Location, Parking, and Directions"), "kb-12-Location,-Parking,-and-Directi.txt");
}

TEST(BestSentences, PicksTheSentenceThatAnswers) {
  std::string text =
      "The Main Office is on Lakeshore Boulevard. Free parking is in the north lot. "
      "The marina lot may be used after 9:00 a.m. on weekdays.";
  auto s = best_sentences("when can I use the marina lot", text, 1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], "The marina lot may be used after 9:00 a.m. on weekdays.");
  EXPECT_TRUE(best_sentences("insurance", text).empty());
  EXPECT_EQ(best_sentences("parking marina lot", text, 5).size(), 2u);
}

}  // namespace
}  // namespace aurixa::rag
