// LlmService: fallback chain, streaming failover rules, circuit breakers, retries, deadlines, cost,
// tenant limits and PII redaction. Real wire formats against local mock servers where the behaviour
// depends on HTTP; a scripted fake provider where only the service's logic is under test.
#include "roles/llm/service.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/metrics.hpp"
#include "roles/llm/mock_server.hpp"

namespace aurixa::llm {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;
using testing::MockServer;
using testing::sse_data;
using testing::sse_response;
using Clock = std::chrono::steady_clock;

// A provider whose behaviour the test scripts per call.
class FakeProvider : public Provider {
 public:
  using Script = std::function<ProviderResult(const ProviderCall&, const DeltaSink*)>;
  FakeProvider(std::string id, bool cloud, Script script)
      : id_(std::move(id)), cloud_(cloud), script_(std::move(script)) {}
  const std::string& id() const override { return id_; }
  bool cloud() const override { return cloud_; }
  std::string default_model() override { return id_ + "-model"; }
  std::vector<std::string> models() override { return {default_model()}; }
  ProviderResult complete(const ProviderCall& c) override {
    ++calls;
    return script_(c, nullptr);
  }
  ProviderResult stream(const ProviderCall& c, const DeltaSink& s) override {
    ++calls;
    return script_(c, &s);
  }
  std::atomic<int> calls{0};

 private:
  std::string id_;
  bool cloud_;
  Script script_;
};

ProviderResult ok_result(std::string text) {
  ProviderResult r;
  r.text = std::move(text);
  return r;
}

ChatRequest ask(std::string q) {
  ChatRequest r;
  r.messages = {{"user", std::move(q)}};
  return r;
}

std::string openai_delta(const std::string& t) {
  return sse_data(bj::object{{"choices", bj::array{bj::object{{"index", 0}, {"delta", bj::object{{"content", t}}}}}}});
}

class LlmServiceTest : public ::testing::Test {
 protected:
  LlmServiceTest() {
    settings.options.max_attempts = 2;
    settings.options.retry_base = 100ms;
    settings.options.breaker = {2, 1000ms};
    deps.metrics = &metrics;
    deps.now = [this] { return now; };
    deps.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
  }
  std::unique_ptr<LlmService> make(std::vector<std::unique_ptr<Provider>> providers) {
    return std::make_unique<LlmService>(settings, std::move(providers), deps);
  }
  ProviderOptions opts(const MockServer& m, const std::string& id, const std::string& model, bool cloud = false) {
    return {id, m.url(), "k", model, cloud, {}};
  }
  static void openai_ok(MockServer& m, std::string text, int in = 10, int out = 5) {
    m.router().post("/v1/chat/completions", [&m, text, in, out](const http::Request& req, CallContext&) {
      m.record(req);
      return json::ok(bj::object{
          {"model", "gpt-4o-mini"},
          {"choices", bj::array{bj::object{{"message", bj::object{{"content", text}}}, {"finish_reason", "stop"}}}},
          {"usage", bj::object{{"prompt_tokens", in}, {"completion_tokens", out}}}});
    });
  }
  static void openai_status(MockServer& m, int status) {
    m.router().post("/v1/chat/completions", [&m, status](const http::Request& req, CallContext&) {
      m.record(req);
      return json::response(status, bj::object{{"error", bj::object{{"message", "upstream says no"}}}});
    });
  }

  LlmSettings settings;
  LlmService::Deps deps;
  Metrics metrics;
  HttpClient http;
  CallContext ctx;
  Clock::time_point now = Clock::now();
  std::vector<std::chrono::milliseconds> sleeps;
};

TEST_F(LlmServiceTest, FallsBackAfterRetryingARetryableFailure) {
  MockServer bad, good;
  openai_status(bad, 500);
  openai_ok(good, "From the second provider.");
  bad.start();
  good.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(bad, "local", "m1")));
  ps.push_back(make_openai_provider(http, opts(good, "openai", "gpt-4o-mini")));
  auto svc = make(std::move(ps));
  auto r = svc->generate(ask("hello there, what are your hours"), ctx);
  EXPECT_EQ(r.provider, "openai");
  EXPECT_EQ(r.text, "From the second provider.");
  EXPECT_EQ(bad.request_count(), 2u);  // one retry
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GE(sleeps[0], 50ms);  // equal jitter: [base/2, base]
  EXPECT_LE(sleeps[0], 100ms);
  ASSERT_EQ(r.attempts.size(), 3u);
  EXPECT_EQ(r.attempts[0].outcome, "error");
  EXPECT_NE(r.attempts[0].detail.find("HTTP 500"), std::string::npos);
  EXPECT_EQ(r.attempts[2].outcome, "ok");
}

TEST_F(LlmServiceTest, NonRetryableFailureIsNotRetried) {
  MockServer bad;
  openai_status(bad, 401);
  bad.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(bad, "local", "m1")));
  auto svc = make(std::move(ps));
  auto r = svc->generate(ask("hi"), ctx);
  EXPECT_EQ(bad.request_count(), 1u);
  EXPECT_TRUE(sleeps.empty());
  EXPECT_EQ(r.provider, "builtin");  // always the last fallback
}

TEST_F(LlmServiceTest, StreamFailsOverBeforeTheFirstDelta) {
  MockServer bad, good;
  openai_status(bad, 503);
  good.router().post("/v1/chat/completions", [&good](const http::Request& req, CallContext&) {
    good.record(req);
    return sse_response({openai_delta("Second "), openai_delta("provider."),
                         sse_data(bj::object{{"choices", bj::array{}},
                                             {"usage", bj::object{{"prompt_tokens", 12}, {"completion_tokens", 3}}}}),
                         "data: [DONE]\n\n"});
  });
  bad.start();
  good.start();
  settings.options.max_attempts = 1;
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(bad, "local", "m1")));
  ps.push_back(make_openai_provider(http, opts(good, "openai", "gpt-4o-mini")));
  auto svc = make(std::move(ps));
  std::vector<std::string> deltas;
  auto r = svc->generate_stream(ask("what are your hours"), ctx, [&](std::string_view d) {
    deltas.emplace_back(d);
    return true;
  });
  EXPECT_EQ(deltas, (std::vector<std::string>{"Second ", "provider."}));
  EXPECT_EQ(r.provider, "openai");
  EXPECT_EQ(r.finish_reason, "stop") << r.error;
  EXPECT_EQ(r.input_tokens, 12);  // streamed usage
  EXPECT_EQ(r.output_tokens, 3);
  EXPECT_FALSE(r.usage_estimated);
}

TEST_F(LlmServiceTest, StreamErrorAfterTheFirstDeltaEndsWithoutFailover) {
  MockServer dropping, spare;
  dropping.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    return sse_response({openai_delta("We are open ")}, 0ms, /*drop=*/true);
  });
  openai_ok(spare, "never used");
  dropping.start();
  spare.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(dropping, "local", "m1")));
  ps.push_back(make_openai_provider(http, opts(spare, "openai", "gpt-4o-mini")));
  auto svc = make(std::move(ps));
  std::string got;
  auto r = svc->generate_stream(ask("hours?"), ctx, [&](std::string_view d) {
    got += d;
    return true;
  });
  EXPECT_EQ(got, "We are open ");
  EXPECT_EQ(r.finish_reason, "error");
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.text, "We are open ");
  EXPECT_EQ(spare.request_count(), 0u);  // no second answer spliced onto the first
  EXPECT_TRUE(r.usage_estimated);
  EXPECT_GT(r.output_tokens, 0);
}

TEST_F(LlmServiceTest, StreamStallingPastTheDeadlineEndsWithAnError) {
  MockServer stalling, spare;
  stalling.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    return sse_response({openai_delta("First "), openai_delta("second "), openai_delta("third")}, 600ms);
  });
  openai_ok(spare, "never used");
  stalling.start();
  spare.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(stalling, "local", "m1")));
  ps.push_back(make_openai_provider(http, opts(spare, "openai", "gpt-4o-mini")));
  auto svc = make(std::move(ps));
  CallContext short_ctx;
  short_ctx.deadline = Clock::now() + 400ms;
  std::string got;
  auto t0 = Clock::now();
  auto r = svc->generate_stream(ask("hours?"), short_ctx, [&](std::string_view d) {
    got += d;
    return true;
  });
  EXPECT_LT(Clock::now() - t0, 1000ms);
  EXPECT_EQ(got, "First ");
  EXPECT_EQ(r.finish_reason, "error");
  EXPECT_NE(r.error.find("timed out"), std::string::npos) << r.error;
  EXPECT_EQ(spare.request_count(), 0u);
}

TEST_F(LlmServiceTest, CircuitOpensThenHalfOpenProbeCloses) {
  bool healthy = false;
  auto fake = std::make_unique<FakeProvider>("openai", false, [&](const ProviderCall&, const DeltaSink*) {
    if (!healthy) throw ProviderError("openai returned HTTP 503", 503, true);
    return ok_result("recovered");
  });
  auto* f = fake.get();
  settings.options.max_attempts = 1;
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(std::move(fake));
  auto svc = make(std::move(ps));

  EXPECT_EQ(svc->generate(ask("a"), ctx).provider, "builtin");
  EXPECT_EQ(svc->circuit("openai"), CircuitBreaker::State::closed);
  EXPECT_EQ(svc->generate(ask("b"), ctx).provider, "builtin");
  EXPECT_EQ(svc->circuit("openai"), CircuitBreaker::State::open);
  EXPECT_EQ(f->calls, 2);

  auto r = svc->generate(ask("c"), ctx);  // open: not called at all
  EXPECT_EQ(f->calls, 2);
  EXPECT_EQ(r.provider, "builtin");

  now += 1000ms;  // cooldown over: one probe
  EXPECT_EQ(svc->circuit("openai"), CircuitBreaker::State::half_open);
  EXPECT_EQ(svc->generate(ask("d"), ctx).provider, "builtin");  // the probe fails
  EXPECT_EQ(f->calls, 3);
  EXPECT_EQ(svc->circuit("openai"), CircuitBreaker::State::open);

  now += 1000ms;
  healthy = true;
  auto ok = svc->generate(ask("e"), ctx);
  EXPECT_EQ(ok.provider, "openai");
  EXPECT_EQ(ok.text, "recovered");
  EXPECT_EQ(svc->circuit("openai"), CircuitBreaker::State::closed);
  EXPECT_NE(metrics.render().find("aurixa_llm_circuit_state{gen_ai_provider_name=\"openai\"} 0"), std::string::npos);
}

TEST_F(LlmServiceTest, SlowProviderTimesOutAndBuiltinAnswersWithinTheDeadline) {
  MockServer slow;
  slow.router().post("/v1/chat/completions", [](const http::Request&, CallContext&) {
    std::this_thread::sleep_for(1500ms);
    return json::ok(bj::object{});
  });
  slow.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(slow, "local", "m1")));
  auto svc = make(std::move(ps));
  CallContext short_ctx;
  short_ctx.deadline = Clock::now() + 300ms;
  auto t0 = Clock::now();
  auto r = svc->generate(ask("what are your hours"), short_ctx);
  EXPECT_LT(Clock::now() - t0, 1000ms);
  EXPECT_EQ(r.provider, "builtin");
  ASSERT_FALSE(r.attempts.empty());
  EXPECT_NE(r.attempts[0].detail.find("timed out"), std::string::npos) << r.attempts[0].detail;
  EXPECT_EQ(r.attempts.size(), 2u);  // a timeout is not retried: the deadline is spent
}

TEST_F(LlmServiceTest, UsageAndCostComeFromTheProvider) {
  MockServer m;
  openai_ok(m, "Fine.", 1000, 500);
  m.start();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(m, "openai", "gpt-4o-mini")));
  auto svc = make(std::move(ps));
  auto req = ask("hello");
  req.tenant_id = "42";
  auto r = svc->generate(req, ctx);
  EXPECT_EQ(r.input_tokens, 1000);
  EXPECT_EQ(r.output_tokens, 500);
  EXPECT_NEAR(r.cost_usd, (1000 * 0.15 + 500 * 0.6) / 1e6, 1e-12);
  auto text = metrics.render();
  EXPECT_NE(text.find("gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
                      "gen_ai_request_model=\"gpt-4o-mini\",gen_ai_token_type=\"input\"} 1000"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("aurixa_llm_cost_usd_total{tenant=\"42\""), std::string::npos);
}

TEST_F(LlmServiceTest, BuiltinIsDefaultFreeAndEstimated) {
  auto svc = make({});
  auto req = ask("What are your hours?");
  req.passages = {{"Opening hours", "We are open Monday to Friday from 8 a.m. to 6 p.m.", "", ""}};
  auto r = svc->generate(req, ctx);
  EXPECT_EQ(r.provider, "builtin");
  EXPECT_EQ(r.cost_usd, 0.0);
  EXPECT_TRUE(r.usage_estimated);
  EXPECT_GT(r.input_tokens, 5);
  EXPECT_GT(r.output_tokens, 5);
  EXPECT_NE(r.text.find("Monday to Friday"), std::string::npos);
}

TEST_F(LlmServiceTest, CloudProvidersReceiveRedactedText) {
  MockServer cloud, self_hosted;
  openai_ok(cloud, "ok");
  openai_ok(self_hosted, "ok");
  cloud.start();
  self_hosted.start();
  deps.redact = [](std::string_view t) {
    std::string s(t);
    for (auto pos = s.find("555-0100"); pos != std::string::npos; pos = s.find("555-0100"))
      s.replace(pos, 8, "[REDACTED-PHONE]");
    return s;
  };
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(cloud, "openai", "gpt-4o-mini", /*cloud=*/true)));
  ps.push_back(make_openai_provider(http, opts(self_hosted, "local", "m1", /*cloud=*/false)));
  auto svc = make(std::move(ps));
  auto req = ask("Call me at 555-0100 about my refill");
  req.provider = "openai";
  svc->generate(req, ctx);
  req.provider = "local";
  svc->generate(req, ctx);
  ASSERT_EQ(cloud.request_count(), 1u);
  ASSERT_EQ(self_hosted.request_count(), 1u);
  EXPECT_EQ(cloud.requests()[0].body.find("555-0100"), std::string::npos);
  EXPECT_NE(cloud.requests()[0].body.find("[REDACTED-PHONE]"), std::string::npos);
  EXPECT_NE(self_hosted.requests()[0].body.find("555-0100"), std::string::npos);  // data stays in the deployment
}

TEST_F(LlmServiceTest, CloudProvidersAreSkippedWithoutARedactorUnlessAllowed) {
  MockServer cloud;
  openai_ok(cloud, "from the cloud");
  cloud.start();
  {
    std::vector<std::unique_ptr<Provider>> ps;
    ps.push_back(make_openai_provider(http, opts(cloud, "openai", "gpt-4o-mini", true)));
    auto svc = make(std::move(ps));
    auto r = svc->generate(ask("my SSN is 123-45-6789"), ctx);
    EXPECT_EQ(r.provider, "builtin");
    EXPECT_EQ(cloud.request_count(), 0u);
  }
  settings.tenants["9"].allow_pii = true;  // this tenant accepts it
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(make_openai_provider(http, opts(cloud, "openai", "gpt-4o-mini", true)));
  auto svc = make(std::move(ps));
  auto req = ask("hello");
  req.tenant_id = "9";
  req.provider = "openai";
  EXPECT_EQ(svc->generate(req, ctx).provider, "openai");
  EXPECT_EQ(cloud.request_count(), 1u);
}

TEST_F(LlmServiceTest, TenantRequestLimitGives429) {
  settings.default_limits.requests_per_minute = 1;
  auto svc = make({});
  auto req = ask("hi");
  req.tenant_id = "3";
  svc->generate(req, ctx);
  try {
    svc->check_admission(req, ctx);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 429);
  }
  EXPECT_THROW(svc->generate(req, ctx), ApiError);
  req.tenant_id = "4";
  EXPECT_NO_THROW(svc->generate(req, ctx));
  EXPECT_NE(metrics.render().find("aurixa_llm_rate_limited_total{tenant=\"3\"} 1"), std::string::npos);
}

TEST_F(LlmServiceTest, TokensPerMinuteCountStreamedUsage) {
  settings.default_limits.tokens_per_minute = 100;
  auto fake = std::make_unique<FakeProvider>("openai", false, [](const ProviderCall&, const DeltaSink* s) {
    if (s) (*s)("chunk");
    ProviderResult r = ok_result("chunk");
    r.input_tokens = 90;
    r.output_tokens = 20;
    r.usage_reported = true;
    return r;
  });
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(std::move(fake));
  auto svc = make(std::move(ps));
  svc->generate_stream(ask("x"), ctx, [](std::string_view) { return true; });
  EXPECT_THROW(svc->generate(ask("y"), ctx), ApiError);
}

TEST_F(LlmServiceTest, ExplicitProviderIsTheOnlyModelTried) {
  auto a =
      std::make_unique<FakeProvider>("anthropic", false, [](const ProviderCall&, const DeltaSink*) -> ProviderResult {
        throw ProviderError("anthropic returned HTTP 529", 529, true);
      });
  auto o = std::make_unique<FakeProvider>("openai", false,
                                          [](const ProviderCall&, const DeltaSink*) { return ok_result("x"); });
  auto* op = o.get();
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(std::move(a));
  ps.push_back(std::move(o));
  auto svc = make(std::move(ps));
  auto req = ask("hi");
  req.provider = "anthropic";
  auto r = svc->generate(req, ctx);
  EXPECT_EQ(r.provider, "builtin");
  EXPECT_EQ(op->calls, 0);
}

TEST_F(LlmServiceTest, ExplicitUnconfiguredProviderFallsToBuiltinAndSaysWhy) {
  auto svc = make({});
  auto req = ask("hi");
  req.provider = "gemini";
  auto r = svc->generate(req, ctx);
  EXPECT_EQ(r.provider, "builtin");
  ASSERT_GE(r.attempts.size(), 1u);
  EXPECT_EQ(r.attempts[0].provider, "gemini");
  EXPECT_EQ(r.attempts[0].detail, "not configured");
}

TEST_F(LlmServiceTest, EmptyCompletionFailsOver) {
  auto empty = std::make_unique<FakeProvider>("local", false,
                                              [](const ProviderCall&, const DeltaSink*) { return ok_result(""); });
  std::vector<std::unique_ptr<Provider>> ps;
  ps.push_back(std::move(empty));
  auto svc = make(std::move(ps));
  auto r = svc->generate(ask("hi"), ctx);
  EXPECT_EQ(r.provider, "builtin");
  EXPECT_NE(r.attempts[0].detail.find("no content"), std::string::npos);
}

TEST_F(LlmServiceTest, CallerGoingAwayCancelsWithoutFailover) {
  auto svc = make({});
  auto req = ask("What are your hours?");
  req.passages = {
      {"Opening hours", "We are open Monday to Friday from 8 a.m. to 6 p.m. every single week of the year.", "", ""}};
  int n = 0;
  auto r = svc->generate_stream(req, ctx, [&](std::string_view) { return ++n < 2; });
  EXPECT_EQ(n, 2);
  EXPECT_EQ(r.finish_reason, "cancelled");
}

TEST_F(LlmServiceTest, ValidationNamesTheField) {
  auto svc = make({});
  auto expect_field = [&](ChatRequest r, const std::string& field) {
    try {
      svc->generate(r, ctx);
      FAIL() << "accepted";
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_EQ(e.field(), field);
    }
  };
  expect_field(ChatRequest{}, "messages");
  auto bad_role = ask("x");
  bad_role.messages[0].role = "robot";
  expect_field(bad_role, "messages[0].role");  // the element, not just the array
  auto bad_provider = ask("x");
  bad_provider.provider = "skynet";
  expect_field(bad_provider, "provider");
  auto bad_temp = ask("x");
  bad_temp.temperature = 3;
  expect_field(bad_temp, "temperature");
}

TEST_F(LlmServiceTest, RouteExplainsAndNeverPicksUnconfigured) {
  auto svc = make({});
  auto d = svc->route({"I want a quick summary of my bill", "", "", "", 1024}, ctx);
  EXPECT_EQ(d.provider, "builtin");
  EXPECT_EQ(d.detected_intent, "billing");
  ASSERT_FALSE(d.considered.empty());
  EXPECT_EQ(d.considered[0].provider, "anthropic");
  EXPECT_EQ(d.considered[0].skipped, "not configured");
  EXPECT_THROW(svc->route({"", "", "", "", 1024}, ctx), ApiError);
}

}  // namespace
}  // namespace aurixa::llm
