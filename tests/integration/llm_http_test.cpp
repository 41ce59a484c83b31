// The LLM role's HTTP routes through the real binary (`aurixa serve --roles llm`), with an
// OpenAI-compatible local model server mocked in this process (LM_STUDIO_BASE_URL points at it).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "harness.hpp"
#include "roles/llm/api.hpp"
#include "roles/llm/mock_server.hpp"
#include "roles/llm/module.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using llm::testing::MockServer;
using llm::testing::sse_data;
using testing::ServerProcess;

// A local model that answers "Local model heard: <last user message>", whole or streamed word by word.
void serve_local_model(MockServer& m) {
  m.router().post("/v1/chat/completions", [&m](const http::Request& req, CallContext&) -> http::Response {
    m.record(req);
    auto body = bj::parse(req.body).as_object();
    auto& msgs = body["messages"].as_array();
    std::string heard(msgs.back().at("content").as_string());
    std::string answer = "Local model heard: " + heard;
    if (!body["stream"].as_bool()) {
      return json::ok(bj::object{
          {"model", "mock-model"},
          {"choices", bj::array{bj::object{{"message", bj::object{{"role", "assistant"}, {"content", answer}}},
                                           {"finish_reason", "stop"}}}},
          {"usage", bj::object{{"prompt_tokens", 21}, {"completion_tokens", 7}}}});
    }
    std::vector<std::string> chunks;
    std::istringstream words(answer);
    std::string w;
    bool first = true;
    while (words >> w) {
      chunks.push_back(sse_data(bj::object{
          {"model", "mock-model"},
          {"choices",
           bj::array{bj::object{{"index", 0}, {"delta", bj::object{{"content", (first ? "" : " ") + w}}}}}}}));
      first = false;
    }
    chunks.push_back(sse_data(bj::object{
        {"choices", bj::array{bj::object{{"index", 0}, {"delta", bj::object{}}, {"finish_reason", "stop"}}}}}));
    chunks.push_back(sse_data(
        bj::object{{"choices", bj::array{}}, {"usage", bj::object{{"prompt_tokens", 21}, {"completion_tokens", 7}}}}));
    chunks.push_back("data: [DONE]\n\n");
    return llm::testing::sse_response(std::move(chunks));
  });
  m.router().get("/v1/models", [](const http::Request&, CallContext&) {
    return json::ok(bj::object{{"data", bj::array{bj::object{{"id", "mock-model"}}}}});
  });
}

class LlmHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new MockServer();
    serve_local_model(*model_);
    model_->start();
    data_dir_ = new std::string(testing::make_temp_dir("aurixa-llm"));
    auto env = testing::default_test_env(*data_dir_);
    env["LM_STUDIO_BASE_URL"] = model_->url();
    env["OPENAI_API_KEY"] = "";
    env["ANTHROPIC_API_KEY"] = "";
    env["GOOGLE_AI_API_KEY"] = "";
    server_ = new ServerProcess({"serve", "--roles", "llm", "--port", "0"}, env);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete model_;
    delete data_dir_;
  }

  ClientResponse post(ServerProcess& s, const std::string& path, const bj::value& body) {
    ClientRequest r;
    r.method = "POST";
    r.url = s.url(path);
    r.body = bj::serialize(body);
    r.headers.set("Content-Type", "application/json");
    return client_.request(r);
  }
  ClientResponse post(const std::string& path, const bj::value& body) { return post(*server_, path, body); }
  ClientResponse get(const std::string& path) {
    ClientRequest r;
    r.url = server_->url(path);
    return client_.request(r);
  }
  static bj::object obj(const ClientResponse& r) { return bj::parse(r.body).as_object(); }
  static std::vector<bj::object> ndjson(const std::string& body) {
    std::vector<bj::object> out;
    std::istringstream in(body);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(bj::parse(line).as_object());
    return out;
  }

  static MockServer* model_;
  static ServerProcess* server_;
  static std::string* data_dir_;
  HttpClient client_;
};

MockServer* LlmHttp::model_ = nullptr;
ServerProcess* LlmHttp::server_ = nullptr;
std::string* LlmHttp::data_dir_ = nullptr;

bj::object user_says(const std::string& text) {
  return {{"messages", bj::array{bj::object{{"role", "user"}, {"content", text}}}}};
}

TEST_F(LlmHttp, RouteExplainsItsChoice) {
  auto r = post("/api/v1/route", bj::object{{"prompt", "I had breakfast, can I book a visit?"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = obj(r);
  EXPECT_EQ(o["provider"], "local");
  EXPECT_EQ(o["model"], "mock-model");
  EXPECT_EQ(o["metadata"].at("reason"), "Default (local-first)");  // "breakfast" is not "fast" (D7)
  EXPECT_EQ(o["metadata"].at("detected_intent"), "appointment");
  EXPECT_TRUE(o["confidence"].is_double());
}

TEST_F(LlmHttp, RouteNeverPicksAnUnconfiguredProvider) {
  auto o = obj(post("/api/v1/route", bj::object{{"prompt", "give me a quick summary"}}));
  EXPECT_EQ(o["provider"], "local");
  auto& considered = o["metadata"].at("considered").as_array();
  ASSERT_GE(considered.size(), 2u);
  EXPECT_EQ(considered[0].at("provider"), "anthropic");
  EXPECT_EQ(considered[0].at("skipped"), "not configured");
}

TEST_F(LlmHttp, RouteRequiresAPrompt) {
  auto r = post("/api/v1/route", bj::object{{"session_id", "s"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(obj(r)["field"], "prompt");
}

TEST_F(LlmHttp, GenerateUsesTheLocalModel) {
  auto r = post("/api/v1/generate", user_says("what are your hours"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = obj(r);
  EXPECT_EQ(o["content"], "Local model heard: what are your hours");
  EXPECT_EQ(o["provider"], "local");
  EXPECT_EQ(o["model"], "mock-model");
  EXPECT_EQ(o["usage"].at("prompt_tokens"), 21);
  EXPECT_EQ(o["usage"].at("completion_tokens"), 7);
  EXPECT_EQ(o["usage"].at("total_tokens"), 28);
  EXPECT_EQ(o["metadata"].at("finish_reason"), "stop");
  EXPECT_TRUE(o["tool_calls"].is_null());
}

TEST_F(LlmHttp, GenerateWithBuiltinAnswersFromPassages) {
  auto body = user_says("Is there parking?");
  body["provider"] = "builtin";
  body["context"] = bj::object{
      {"passages",
       bj::array{bj::object{{"title", "Parking"}, {"content", "Free parking is available in the Elm Street garage."}},
                 bj::object{{"title", "Hours"}, {"content", "We open at 8 a.m. on weekdays."}}}}};
  auto o = obj(post("/api/v1/generate", body));
  EXPECT_EQ(o["provider"], "builtin");
  auto content = std::string(o["content"].as_string());
  EXPECT_NE(content.find("Free parking is available in the Elm Street garage. [1]"), std::string::npos) << content;
  EXPECT_NE(content.find("Sources: [1] Parking"), std::string::npos) << content;
  EXPECT_EQ(o["usage"].at("estimated_cost_usd").as_double(), 0.0);
}

// context.language reaches the responder (and, rendered into the system prompt, a model provider).
TEST_F(LlmHttp, GenerateAnswersASpanishSpeakerInSpanish) {
  auto body = user_says("¿Cuánto cuesta una resonancia?");
  body["provider"] = "builtin";
  body["context"] = bj::object{{"language", "es"}};
  auto content = std::string(obj(post("/api/v1/generate", body))["content"].as_string());
  EXPECT_NE(content.find("no tengo esa información"), std::string::npos) << content;
}

TEST_F(LlmHttp, GenerateStreamIsNdjsonDeltasThenDone) {
  auto r = post("/api/v1/generate/stream", user_says("book me in"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.get("Content-Type").value_or(""), "application/x-ndjson");
  auto lines = ndjson(r.body);
  ASSERT_GE(lines.size(), 2u) << r.body;
  std::string text;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["type"], "delta") << r.body;
    text += lines[i]["content"].as_string();
  }
  EXPECT_EQ(text, "Local model heard: book me in");
  EXPECT_EQ(lines.back()["type"], "done");
  EXPECT_EQ(lines.back()["usage"].at("completion_tokens"), 7);
}

TEST_F(LlmHttp, BadInputIs422NamingTheField) {
  auto missing = post("/api/v1/generate", bj::object{{"model", "x"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(obj(missing)["field"], "messages");
  auto wrong = post("/api/v1/generate/stream", bj::object{{"messages", "hello"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(obj(wrong)["field"], "messages");
  // A bad element is named down to its member.
  const auto second_bad = [&](bj::object m) {
    const bj::array messages{bj::object{{"role", "user"}, {"content", "hi"}}, std::move(m)};
    return obj(post("/api/v1/generate", bj::object{{"messages", messages}}))["field"];
  };
  EXPECT_EQ(second_bad({{"role", "robot"}, {"content", "x"}}), "messages[1].role");
  EXPECT_EQ(second_bad({{"content", "x"}}), "messages[1].role");
  EXPECT_EQ(second_bad({{"role", "user"}, {"content", 5}}), "messages[1].content");
  auto provider =
      post("/api/v1/generate", bj::object{{"messages", user_says("x")["messages"]}, {"provider", "skynet"}});
  EXPECT_EQ(provider.status, 422);
  EXPECT_EQ(obj(provider)["field"], "provider");
}

TEST_F(LlmHttp, OpenAiChatCompletions) {
  auto r = post("/v1/chat/completions", bj::object{{"model", "auto"}, {"messages", user_says("hi there")["messages"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = obj(r);
  EXPECT_EQ(o["object"], "chat.completion");
  EXPECT_EQ(o["choices"].at(0).at("message").at("content"), "Local model heard: hi there");
  EXPECT_EQ(o["choices"].at(0).at("finish_reason"), "stop");
  EXPECT_EQ(o["usage"].at("total_tokens"), 28);
}

TEST_F(LlmHttp, OpenAiChatCompletionsStream) {
  auto r = post("/v1/chat/completions", bj::object{{"model", "auto"},
                                                   {"stream", true},
                                                   {"stream_options", bj::object{{"include_usage", true}}},
                                                   {"messages", user_says("stream it")["messages"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.get("Content-Type").value_or(""), "text/event-stream");
  std::vector<std::string> events;
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("data: ", 0) == 0) events.push_back(line.substr(6));
  ASSERT_GE(events.size(), 3u) << r.body;
  EXPECT_EQ(events.back(), "[DONE]");
  std::string text;
  bool usage_seen = false;
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    auto c = bj::parse(events[i]).as_object();
    EXPECT_EQ(c["object"], "chat.completion.chunk");
    if (i == 0) {
      EXPECT_EQ(c["choices"].at(0).at("delta").at("role"), "assistant");
    }
    if (c.contains("usage")) usage_seen = true;
    for (const auto& ch : c["choices"].as_array())
      if (const auto* d = ch.at("delta").as_object().if_contains("content")) text += d->as_string();
  }
  EXPECT_EQ(text, "Local model heard: stream it");
  EXPECT_TRUE(usage_seen);
}

TEST_F(LlmHttp, OpenAiErrorsCarryAnErrorObject) {
  auto r = post("/v1/chat/completions", bj::object{{"model", "auto"}});
  EXPECT_EQ(r.status, 422);
  auto o = obj(r);
  EXPECT_EQ(o["error"].at("param"), "messages");
  EXPECT_EQ(o["field"], "messages");
}

TEST_F(LlmHttp, ModelsAndProviders) {
  auto models = obj(get("/v1/models"));
  EXPECT_EQ(models["object"], "list");
  std::set<std::string> ids;
  for (const auto& m : models["data"].as_array()) ids.insert(std::string(m.at("id").as_string()));
  EXPECT_TRUE(ids.count("auto") && ids.count("builtin") && ids.count("mock-model"));
  auto providers = obj(get("/api/v1/providers"))["providers"].as_array();
  ASSERT_EQ(providers.size(), 5u);
  EXPECT_EQ(providers[0].at("id"), "local");
  EXPECT_EQ(providers[0].at("healthy"), true);
  EXPECT_EQ(providers[2].at("id"), "anthropic");
  EXPECT_EQ(providers[2].at("configured"), false);
  auto list = obj(get("/api/v1/models"));
  EXPECT_FALSE(list["models"].as_array().empty());
}

// The split-mode client implements the same llm::Api over these routes.
TEST_F(LlmHttp, ClientSpeaksTheSameApi) {
  auto api = make_llm_client(client_, server_->url());
  CallContext ctx;
  ctx.request_id = "llm-client-test";
  ctx.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  llm::ChatRequest req;
  req.messages = {{"user", "via the client"}};
  auto r = api->generate(req, ctx);
  EXPECT_EQ(r.text, "Local model heard: via the client");
  EXPECT_EQ(r.provider, "local");
  EXPECT_EQ(r.input_tokens, 21);
  std::string streamed;
  auto s = api->generate_stream(req, ctx, [&](std::string_view d) {
    streamed += d;
    return true;
  });
  EXPECT_EQ(streamed, "Local model heard: via the client");
  EXPECT_EQ(s.finish_reason, "stop");
  EXPECT_EQ(s.output_tokens, 7);
  auto d = api->route({"I need a quick summary", "", "", "", 256}, ctx);
  EXPECT_EQ(d.provider, "local");
  EXPECT_EQ(d.considered.front().skipped, "not configured");
  EXPECT_EQ(api->providers().size(), 5u);
  try {
    api->generate(llm::ChatRequest{}, ctx);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.field(), "messages");
  }
}

// A second process: the local model is unreachable and tenants get 2 requests per minute.
TEST_F(LlmHttp, UnreachableModelFallsBackToBuiltinAndTenantLimitsGive429) {
  auto env = testing::default_test_env(testing::make_temp_dir("aurixa-llm-limits"));
  env["LM_STUDIO_BASE_URL"] = "http://127.0.0.1:1";  // nothing listens on port 1
  env["AURIXA_LOCAL_LLM_MODEL"] = "down-model";
  env["AURIXA_LLM_TENANT_RPM"] = "2";
  ServerProcess limited({"serve", "--roles", "llm", "--port", "0"}, env);
  auto body = user_says("what are your hours?");
  body["tenant_id"] = "7";
  auto first = post(limited, "/api/v1/generate", body);
  ASSERT_EQ(first.status, 200) << first.body;
  auto o = obj(first);
  EXPECT_EQ(o["provider"], "builtin");
  EXPECT_EQ(o["metadata"].at("attempts").at(0).at("provider"), "local");
  EXPECT_EQ(o["metadata"].at("attempts").at(0).at("outcome"), "error");
  EXPECT_EQ(post(limited, "/api/v1/generate", body).status, 200);
  auto third = post(limited, "/api/v1/generate", body);
  EXPECT_EQ(third.status, 429);
  EXPECT_EQ(obj(third)["code"], "rate_limited");
  auto stream = post(limited, "/api/v1/generate/stream", body);
  EXPECT_EQ(stream.status, 429);  // refused before the stream starts, not as an event inside a 200
  body["tenant_id"] = "8";
  EXPECT_EQ(post(limited, "/api/v1/generate", body).status, 200);
}

}  // namespace
}  // namespace aurixa
