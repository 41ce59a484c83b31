// LLM router overhead: LlmService::generate (validation, tenant admission, routing, breaker, prompt
// building, provider wire format, usage/cost, metrics) on top of a local OpenAI-compatible mock,
// compared in the same run with calling the mock directly with the same request body.
// Also: the routing decision alone and the builtin responder. Results: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/metrics.hpp"
#include "roles/llm/builtin.hpp"
#include "roles/llm/mock_server.hpp"
#include "roles/llm/service.hpp"

namespace {

namespace bj = boost::json;
using namespace aurixa;
using Clock = std::chrono::steady_clock;

// One mock model server for the whole run.
llm::testing::MockServer& mock() {
  static llm::testing::MockServer* m = [] {
    auto* s = new llm::testing::MockServer();
    const std::string answer = bj::serialize(bj::object{
        {"id", "chatcmpl-bench"},
        {"model", "bench-model"},
        {"choices", bj::array{bj::object{
                        {"index", 0},
                        {"message", bj::object{{"role", "assistant"},
                                               {"content", "We are open Monday to Friday from 8 a.m. to 6 p.m."}}},
                        {"finish_reason", "stop"}}}},
        {"usage", bj::object{{"prompt_tokens", 42}, {"completion_tokens", 14}}}});
    s->router().post("/v1/chat/completions",
                     [answer](const http::Request&, CallContext&) { return http::Response::json(200, answer); },
                     {.execution = http::Execution::inline_io});
    s->start();
    return s;
  }();
  return *m;
}

llm::ChatRequest bench_request() {
  llm::ChatRequest r;
  r.system = "You are the clinic's assistant.";
  r.messages = {
      {"user", "Hello"}, {"assistant", "Hi! How can I help?"}, {"user", "What are your opening hours on weekdays?"}};
  r.max_tokens = 256;
  r.tenant_id = "bench";
  return r;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// The direct path: what a client of the mock would do anyway (serialise the request, POST, parse).
std::string direct_call(HttpClient& http, const std::string& url) {
  bj::object body{
      {"model", "bench-model"},
      {"messages", bj::array{bj::object{{"role", "system"}, {"content", "You are the clinic's assistant."}},
                             bj::object{{"role", "user"}, {"content", "Hello"}},
                             bj::object{{"role", "assistant"}, {"content", "Hi! How can I help?"}},
                             bj::object{{"role", "user"}, {"content", "What are your opening hours on weekdays?"}}}},
      {"max_tokens", 256},
      {"temperature", 0.7},
      {"stream", false}};
  ClientRequest req;
  req.method = "POST";
  req.url = url;
  req.body = bj::serialize(body);
  req.headers.set("Content-Type", "application/json");
  auto res = http.request(req);
  auto v = bj::parse(res.body);
  return std::string(v.at("choices").at(0).at("message").at("content").as_string());
}

// Interleaves one direct call and one routed call per iteration so both see the same machine state;
// reports p50/p99 of each and the median of the per-pair differences (the router's added latency).
void BM_RouterOverheadVsDirect(benchmark::State& state) {
  auto& m = mock();
  HttpClient http;
  Metrics metrics;
  llm::LlmSettings settings;
  std::vector<std::unique_ptr<llm::Provider>> providers;
  providers.push_back(llm::make_openai_provider(http, {"local", m.url("/v1"), "", "bench-model", false, {}}));
  llm::LlmService::Deps deps;
  deps.metrics = &metrics;
  llm::LlmService svc(settings, std::move(providers), deps);
  auto req = bench_request();
  CallContext ctx;
  const std::string url = m.url("/v1/chat/completions");
  for (int i = 0; i < 200; ++i) {  // warm the connection pool and caches
    direct_call(http, url);
    svc.generate(req, ctx);
  }
  std::vector<double> direct, routed, diff;
  for (auto _ : state) {
    auto t0 = Clock::now();
    benchmark::DoNotOptimize(direct_call(http, url));
    auto t1 = Clock::now();
    auto r = svc.generate(req, ctx);
    auto t2 = Clock::now();
    if (r.provider != "local") state.SkipWithError("router did not use the mock");
    double d = std::chrono::duration<double, std::micro>(t1 - t0).count();
    double g = std::chrono::duration<double, std::micro>(t2 - t1).count();
    direct.push_back(d);
    routed.push_back(g);
    diff.push_back(g - d);
  }
  state.counters["direct_p50_us"] = percentile(direct, 0.50);
  state.counters["direct_p99_us"] = percentile(direct, 0.99);
  state.counters["router_p50_us"] = percentile(routed, 0.50);
  state.counters["router_p99_us"] = percentile(routed, 0.99);
  state.counters["added_p50_us"] = percentile(diff, 0.50);
  state.counters["added_p99_us"] = percentile(diff, 0.99);
}
BENCHMARK(BM_RouterOverheadVsDirect)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The service's own work per request with a provider that answers instantly (no network): validation,
// admission, routing, fallback plan, prompt building, usage/cost and metrics.
class InstantProvider final : public llm::Provider {
 public:
  const std::string& id() const override { return id_; }
  bool cloud() const override { return false; }
  std::string default_model() override { return "bench-model"; }
  std::vector<std::string> models() override { return {"bench-model"}; }
  llm::ProviderResult complete(const llm::ProviderCall&) override {
    llm::ProviderResult r;
    r.text = "We are open Monday to Friday from 8 a.m. to 6 p.m.";
    r.input_tokens = 42;
    r.output_tokens = 14;
    r.usage_reported = true;
    return r;
  }
  llm::ProviderResult stream(const llm::ProviderCall& c, const llm::DeltaSink& sink) override {
    auto r = complete(c);
    sink(r.text);
    return r;
  }

 private:
  std::string id_ = "local";
};

void BM_ServiceWithInstantProvider(benchmark::State& state) {
  Metrics metrics;
  llm::LlmSettings settings;
  std::vector<std::unique_ptr<llm::Provider>> providers;
  providers.push_back(std::make_unique<InstantProvider>());
  llm::LlmService::Deps deps;
  deps.metrics = &metrics;
  llm::LlmService svc(settings, std::move(providers), deps);
  auto req = bench_request();
  CallContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(svc.generate(req, ctx));
}
BENCHMARK(BM_ServiceWithInstantProvider)->Unit(benchmark::kMicrosecond);

// The routing decision alone (keyword rules, bag-of-words semantic routes, cost check).
void BM_RouteDecision(benchmark::State& state) {
  llm::LlmSettings settings;
  llm::LlmService svc(settings, {}, {});
  CallContext ctx;
  llm::RouteRequest rr{"I had breakfast and now I need to reschedule my appointment for next Tuesday", "", "", "", 512};
  for (auto _ : state) benchmark::DoNotOptimize(svc.route(rr, ctx));
}
BENCHMARK(BM_RouteDecision)->Unit(benchmark::kMicrosecond);

// The builtin responder: sentence selection over 6 passages of clinic text.
void BM_BuiltinAnswer(benchmark::State& state) {
  llm::BuiltinResponder b;
  auto req = bench_request();
  req.passages = {
      {"Opening hours",
       "We are open Monday to Friday from 8 a.m. to 6 p.m. On Saturdays we open from 9 a.m. to 1 p.m. We are closed on "
       "Sundays.",
       "", ""},
      {"Parking",
       "Free parking is available in the garage on Elm Street. The entrance is on the north side of the building.", "",
       ""},
      {"Insurance", "We accept Blue Cross, Aetna and Medicare. Please bring your insurance card to every visit.", "",
       ""},
      {"Prescriptions", "Refill requests are processed within two business days. Controlled substances need a visit.",
       "", ""},
      {"Billing", "Statements are mailed monthly. You can pay online, by phone or at the front desk.", "", ""},
      {"Lab results", "Most lab results are available in the patient portal within three days.", "", ""}};
  for (auto _ : state) benchmark::DoNotOptimize(b.respond(req));
}
BENCHMARK(BM_BuiltinAnswer)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
