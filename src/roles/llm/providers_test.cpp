// Each HTTP provider against a local server speaking the vendor's wire format: request bodies and
// headers sent, parsing, usage, streaming order, upstream errors, dropped connections and timeouts.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/http_client.hpp"
#include "core/json.hpp"
#include "roles/llm/mock_server.hpp"
#include "roles/llm/prompt.hpp"
#include "roles/llm/provider.hpp"

namespace aurixa::llm {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;
using testing::MockServer;
using testing::sse_data;
using testing::sse_response;
using Clock = std::chrono::steady_clock;

ChatRequest sample_request() {
  ChatRequest r;
  r.system = "You are a clinic assistant.";
  r.messages = {{"user", "Hi"}, {"assistant", "Hello!"}, {"user", "When do you open?"}};
  r.max_tokens = 200;
  r.temperature = 1.5;
  r.stop = {"END"};
  return r;
}

bj::object body_of(const http::Request& r) { return bj::parse(r.body).as_object(); }
std::string sse_event(const std::string& event, const bj::value& v) {
  return "event: " + event + "\ndata: " + bj::serialize(v) + "\n\n";
}

struct Collected {
  std::vector<std::string> deltas;
  std::vector<Clock::time_point> at;
  DeltaSink sink() {
    return [this](std::string_view d) {
      deltas.emplace_back(d);
      at.push_back(Clock::now());
      return true;
    };
  }
  std::string text() const {
    std::string t;
    for (const auto& d : deltas) t += d;
    return t;
  }
};

class LlmProviders : public ::testing::Test {
 protected:
  ProviderOptions opts(const std::string& id, const std::string& key, const std::string& model) {
    return {id, mock.url(), key, model, true, {}};
  }
  ProviderCall call(const ChatRequest& r, const std::string& model, std::chrono::milliseconds budget = 5s) {
    return ProviderCall{r, model, Clock::now() + budget};
  }
  MockServer mock;
  HttpClient http;
};

// ---- OpenAI-compatible -----------------------------------------------------------------------

TEST_F(LlmProviders, OpenAiCompleteSendsChatCompletionsAndParsesUsage) {
  mock.router().post("/v1/chat/completions", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    return json::ok(bj::object{
        {"id", "chatcmpl-1"},
        {"model", "gpt-4o-mini-2024-07-18"},
        {"choices", bj::array{bj::object{{"index", 0},
                                         {"message", bj::object{{"role", "assistant"}, {"content", "We open at 8."}}},
                                         {"finish_reason", "stop"}}}},
        {"usage", bj::object{{"prompt_tokens", 31}, {"completion_tokens", 6}, {"total_tokens", 37}}}});
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "sk-test", "gpt-4o-mini"));
  auto req = sample_request();
  auto r = p->complete(call(req, "gpt-4o-mini"));
  EXPECT_EQ(r.text, "We open at 8.");
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_EQ(r.input_tokens, 31);
  EXPECT_EQ(r.output_tokens, 6);
  EXPECT_TRUE(r.usage_reported);
  EXPECT_EQ(r.model, "gpt-4o-mini-2024-07-18");

  ASSERT_EQ(mock.request_count(), 1u);
  auto sent = mock.requests()[0];
  EXPECT_EQ(sent.header("Authorization").value_or(""), "Bearer sk-test");
  auto b = body_of(sent);
  EXPECT_EQ(b["model"], "gpt-4o-mini");
  EXPECT_EQ(b["max_tokens"], 200);
  EXPECT_EQ(b["temperature"].as_double(), 1.5);
  EXPECT_EQ(b["stream"], false);
  EXPECT_EQ(b["stop"], (bj::array{"END"}));
  auto& msgs = b["messages"].as_array();
  ASSERT_EQ(msgs.size(), 4u);
  EXPECT_EQ(msgs[0].at("role"), "system");
  EXPECT_EQ(msgs[0].at("content"), "You are a clinic assistant.");
  EXPECT_EQ(msgs[3].at("content"), "When do you open?");
}

// A Spanish-speaking patient: the model is told to reply in Spanish, in the system prompt every provider gets.
TEST(LlmPrompt, ASpanishSpeakerIsAnsweredInSpanish) {
  auto req = sample_request();
  req.language = "es";
  const auto c = conversation(req);
  EXPECT_NE(c.system.find("You are a clinic assistant."), std::string::npos);
  EXPECT_NE(c.system.find("reply in Spanish"), std::string::npos) << c.system;
  EXPECT_EQ(conversation(sample_request()).system, "You are a clinic assistant.");
}

TEST_F(LlmProviders, OpenAiStreamDeliversDeltasInOrderWithStreamedUsage) {
  mock.router().post("/v1/chat/completions", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    auto chunk = [](bj::object delta, bj::value finish) {
      return sse_data(
          bj::object{{"model", "gpt-4o-mini"},
                     {"choices", bj::array{bj::object{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}});
    };
    return sse_response(
        {chunk({{"role", "assistant"}, {"content", ""}}, nullptr), chunk({{"content", "We "}}, nullptr),
         chunk({{"content", "open "}}, nullptr), chunk({{"content", "at 8."}}, nullptr), chunk({}, "stop"),
         sse_data(bj::object{{"choices", bj::array{}},
                             {"usage", bj::object{{"prompt_tokens", 40}, {"completion_tokens", 5}}}}),
         "data: [DONE]\n\n"},
        80ms);
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "sk-test", "gpt-4o-mini"));
  auto req = sample_request();
  Collected c;
  auto started = Clock::now();
  auto r = p->stream(call(req, "gpt-4o-mini"), c.sink());
  auto ended = Clock::now();
  EXPECT_EQ(c.deltas, (std::vector<std::string>{"We ", "open ", "at 8."}));
  EXPECT_EQ(r.text, "We open at 8.");
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_EQ(r.input_tokens, 40);
  EXPECT_EQ(r.output_tokens, 5);
  // Streamed, not buffered: the first delta arrived well before the body ended (6 gaps of 80 ms).
  EXPECT_LT(c.at.front() - started, (ended - started) - 200ms);
  auto b = body_of(mock.requests()[0]);
  EXPECT_EQ(b["stream"], true);
  EXPECT_EQ(b["stream_options"].at("include_usage"), true);
}

TEST_F(LlmProviders, OpenAiErrorStatusesBecomeProviderErrors) {
  mock.router().post("/v1/chat/completions", [](const http::Request& req, CallContext&) {
    auto b = bj::parse(req.body).as_object();
    int status = b["model"] == "limited" ? 429 : 400;
    return json::response(
        status, bj::object{{"error", bj::object{{"message", "Rate limit reached for requests"}, {"type", "x"}}}});
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "k", "gpt-4o"));
  auto req = sample_request();
  try {
    p->complete(call(req, "limited"));
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.upstream_status(), 429);
    EXPECT_TRUE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("Rate limit reached"), std::string::npos) << e.what();
  }
  try {
    Collected c;
    p->stream(call(req, "bad"), c.sink());
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.upstream_status(), 400);
    EXPECT_FALSE(e.retryable());
  }
}

TEST_F(LlmProviders, OpenAiDroppedConnectionMidStreamThrowsAfterTheFirstDelta) {
  mock.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    return sse_response(
        {sse_data(bj::object{
            {"choices", bj::array{bj::object{{"index", 0}, {"delta", bj::object{{"content", "Partial"}}}}}}})},
        0ms, /*drop=*/true);
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "k", "gpt-4o"));
  auto req = sample_request();
  Collected c;
  EXPECT_THROW(p->stream(call(req, "gpt-4o"), c.sink()), ApiError);
  EXPECT_EQ(c.deltas, (std::vector<std::string>{"Partial"}));
}

TEST_F(LlmProviders, OpenAiStreamEndingWithoutDoneIsAnError) {
  mock.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    return sse_response({sse_data(
        bj::object{{"choices", bj::array{bj::object{{"index", 0}, {"delta", bj::object{{"content", "cut"}}}}}}})});
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "k", "gpt-4o"));
  auto req = sample_request();
  Collected c;
  try {
    p->stream(call(req, "gpt-4o"), c.sink());
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_NE(std::string(e.what()).find("[DONE]"), std::string::npos);
  }
}

TEST_F(LlmProviders, SlowUpstreamTimesOutAtTheDeadline) {
  mock.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    std::this_thread::sleep_for(1500ms);
    return json::ok(bj::object{});
  });
  mock.start();
  auto p = make_openai_provider(http, opts("openai", "k", "gpt-4o"));
  auto req = sample_request();
  auto t0 = Clock::now();
  try {
    p->complete(call(req, "gpt-4o", 250ms));
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.errc(), Errc::gateway_timeout) << e.what();
  }
  EXPECT_LT(Clock::now() - t0, 1200ms);
}

TEST_F(LlmProviders, LocalServerModelIsDiscoveredAndV1Appended) {
  mock.router().get("/v1/models", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    return json::ok(bj::object{{"data", bj::array{bj::object{{"id", "text-embedding-nomic-embed-text-v1.5"}},
                                                  bj::object{{"id", "qwen2.5-7b-instruct"}}}}});
  });
  mock.start();
  ProviderOptions o{"local", mock.url(), "", "", false, {}};  // bare origin, like LM_STUDIO_BASE_URL
  auto p = make_openai_provider(http, o);
  EXPECT_EQ(p->default_model(), "qwen2.5-7b-instruct");
  EXPECT_EQ(p->models().size(), 2u);
  EXPECT_EQ(mock.request_count(), 1u);  // cached
}

// ---- Anthropic -------------------------------------------------------------------------------

TEST_F(LlmProviders, AnthropicCompleteSendsMessagesApiShape) {
  mock.router().post("/v1/messages", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    return json::ok(bj::object{{"id", "msg_1"},
                               {"type", "message"},
                               {"role", "assistant"},
                               {"model", "claude-3-5-haiku-20241022"},
                               {"content", bj::array{bj::object{{"type", "text"}, {"text", "We open "}},
                                                     bj::object{{"type", "text"}, {"text", "at 8."}}}},
                               {"stop_reason", "max_tokens"},
                               {"usage", bj::object{{"input_tokens", 52}, {"output_tokens", 7}}}});
  });
  mock.start();
  auto p = make_anthropic_provider(http, opts("anthropic", "ak-1", "claude-3-5-haiku-20241022"));
  auto req = sample_request();
  req.messages.insert(req.messages.begin(), {"assistant", "Welcome to the clinic."});  // must not lead
  req.messages.push_back({"user", "And on Saturday?"});                                // merged with the previous
  auto r = p->complete(call(req, "claude-3-5-haiku-20241022"));
  EXPECT_EQ(r.text, "We open at 8.");
  EXPECT_EQ(r.finish_reason, "length");
  EXPECT_EQ(r.input_tokens, 52);
  EXPECT_EQ(r.output_tokens, 7);

  auto sent = mock.requests()[0];
  EXPECT_EQ(sent.header("x-api-key").value_or(""), "ak-1");
  EXPECT_EQ(sent.header("anthropic-version").value_or(""), "2023-06-01");
  auto b = body_of(sent);
  EXPECT_EQ(b["system"], "You are a clinic assistant.");
  EXPECT_EQ(b["temperature"].as_double(), 1.0);  // clamped to Anthropic's range
  EXPECT_EQ(b["stop_sequences"], (bj::array{"END"}));
  auto& msgs = b["messages"].as_array();
  ASSERT_EQ(msgs.size(), 5u);  // a user turn opens, roles alternate strictly, neighbours merge
  for (std::size_t i = 0; i < msgs.size(); ++i) EXPECT_EQ(msgs[i].at("role"), i % 2 == 0 ? "user" : "assistant");
  EXPECT_EQ(msgs[4].at("content"), "When do you open?\n\nAnd on Saturday?");
}

TEST_F(LlmProviders, AnthropicStreamParsesEventsAndUsage) {
  mock.router().post("/v1/messages", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    auto delta = [](const char* t) {
      return sse_event("content_block_delta", bj::object{{"type", "content_block_delta"},
                                                         {"index", 0},
                                                         {"delta", bj::object{{"type", "text_delta"}, {"text", t}}}});
    };
    return sse_response(
        {sse_event(
             "message_start",
             bj::object{{"type", "message_start"},
                        {"message", bj::object{{"model", "claude-3-5-haiku-20241022"},
                                               {"usage", bj::object{{"input_tokens", 25}, {"output_tokens", 1}}}}}}),
         sse_event("content_block_start", bj::object{{"type", "content_block_start"}, {"index", 0}}),
         sse_event("ping", bj::object{{"type", "ping"}}), delta("Open "), delta("at "), delta("eight."),
         sse_event("content_block_stop", bj::object{{"type", "content_block_stop"}, {"index", 0}}),
         sse_event("message_delta", bj::object{{"type", "message_delta"},
                                               {"delta", bj::object{{"stop_reason", "end_turn"}}},
                                               {"usage", bj::object{{"output_tokens", 15}}}}),
         sse_event("message_stop", bj::object{{"type", "message_stop"}})},
        10ms);
  });
  mock.start();
  auto p = make_anthropic_provider(http, opts("anthropic", "ak-1", ""));
  auto req = sample_request();
  Collected c;
  auto r = p->stream(call(req, "claude-3-5-haiku-20241022"), c.sink());
  EXPECT_EQ(c.deltas, (std::vector<std::string>{"Open ", "at ", "eight."}));
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_EQ(r.input_tokens, 25);
  EXPECT_EQ(r.output_tokens, 15);
  EXPECT_EQ(body_of(mock.requests()[0])["stream"], true);
}

TEST_F(LlmProviders, AnthropicErrorEventMidStream) {
  mock.router().post("/v1/messages", [](const http::Request&, CallContext&) {
    return sse_response({sse_event("message_start", bj::object{{"type", "message_start"}, {"message", bj::object{}}}),
                         sse_event("error", bj::object{{"type", "error"},
                                                       {"error", bj::object{{"type", "overloaded_error"},
                                                                            {"message", "Overloaded"}}}})});
  });
  mock.start();
  auto p = make_anthropic_provider(http, opts("anthropic", "ak-1", ""));
  auto req = sample_request();
  Collected c;
  try {
    p->stream(call(req, "claude-3-5-haiku-20241022"), c.sink());
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_TRUE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("Overloaded"), std::string::npos) << e.what();
  }
}

// ---- Gemini ----------------------------------------------------------------------------------

bj::object gemini_chunk(const std::string& text, const char* finish, int in, int out) {
  bj::object cand{{"content", bj::object{{"role", "model"}, {"parts", bj::array{bj::object{{"text", text}}}}}},
                  {"index", 0}};
  if (finish) cand["finishReason"] = finish;
  return {{"candidates", bj::array{cand}},
          {"usageMetadata",
           bj::object{{"promptTokenCount", in}, {"candidatesTokenCount", out}, {"totalTokenCount", in + out}}},
          {"modelVersion", "gemini-2.0-flash-001"}};
}

TEST_F(LlmProviders, GeminiCompleteSendsGenerateContent) {
  mock.router().post("/v1beta/models/{method}", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    return json::ok(gemini_chunk("We open at 8.", "STOP", 33, 6));
  });
  mock.start();
  auto p = make_gemini_provider(http, opts("gemini", "g-key", "gemini-2.0-flash"));
  auto req = sample_request();
  auto r = p->complete(call(req, "gemini-2.0-flash"));
  EXPECT_EQ(r.text, "We open at 8.");
  EXPECT_EQ(r.input_tokens, 33);
  EXPECT_EQ(r.output_tokens, 6);
  EXPECT_EQ(r.model, "gemini-2.0-flash-001");
  auto sent = mock.requests()[0];
  EXPECT_EQ(sent.path, "/v1beta/models/gemini-2.0-flash:generateContent");
  EXPECT_EQ(sent.header("x-goog-api-key").value_or(""), "g-key");
  EXPECT_EQ(sent.target.find("key="), std::string::npos);  // never in the URL
  auto b = body_of(sent);
  EXPECT_EQ(b["systemInstruction"].at("parts").at(0).at("text"), "You are a clinic assistant.");
  EXPECT_EQ(b["generationConfig"].at("maxOutputTokens"), 200);
  EXPECT_EQ(b["generationConfig"].at("stopSequences"), (bj::array{"END"}));
  auto& contents = b["contents"].as_array();
  ASSERT_EQ(contents.size(), 3u);
  EXPECT_EQ(contents[1].at("role"), "model");
}

TEST_F(LlmProviders, GeminiStreamUsesSseAndTakesTheLastUsage) {
  mock.router().post("/v1beta/models/{method}", [this](const http::Request& req, CallContext&) {
    mock.record(req);
    return sse_response(
        {sse_data(gemini_chunk("We ", nullptr, 33, 1)), sse_data(gemini_chunk("open at 8.", "STOP", 33, 6))}, 20ms);
  });
  mock.start();
  auto p = make_gemini_provider(http, opts("gemini", "g-key", "gemini-2.0-flash"));
  auto req = sample_request();
  Collected c;
  auto r = p->stream(call(req, "gemini-2.0-flash"), c.sink());
  EXPECT_EQ(c.deltas, (std::vector<std::string>{"We ", "open at 8."}));
  EXPECT_EQ(r.output_tokens, 6);
  EXPECT_EQ(r.finish_reason, "stop");
  auto sent = mock.requests()[0];
  EXPECT_EQ(sent.path, "/v1beta/models/gemini-2.0-flash:streamGenerateContent");
  EXPECT_EQ(sent.query, "alt=sse");
}

TEST_F(LlmProviders, GeminiServerErrorIsRetryable) {
  mock.router().post("/v1beta/models/{method}", [](const http::Request&, CallContext&) {
    return json::response(
        503,
        bj::object{
            {"error", bj::object{{"code", 503}, {"message", "The model is overloaded."}, {"status", "UNAVAILABLE"}}}});
  });
  mock.start();
  auto p = make_gemini_provider(http, opts("gemini", "g-key", "gemini-2.0-flash"));
  auto req = sample_request();
  try {
    p->complete(call(req, "gemini-2.0-flash"));
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.upstream_status(), 503);
    EXPECT_TRUE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("overloaded"), std::string::npos);
  }
}

}  // namespace
}  // namespace aurixa::llm
