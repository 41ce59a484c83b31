// Tracing and metrics over real sockets: the binary exports OTLP/HTTP JSON spans to a collector (a tiny
// receiver on the core HTTP server, port 0) that continue the caller's W3C traceparent, all-in-one and
// across gateway -> orchestration processes; AURIXA_TELEMETRY=off records and exports nothing; /metrics
// is valid Prometheus text (a small exposition-format parser, histograms checked for consistency).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "core/http_client.hpp"
#include "core/http_server.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/router.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

constexpr const char* kTrace = "0af7651916cd43dd8448eb211c80319c";
constexpr const char* kCallerSpan = "b7ad6b7169203331";

struct Span {
  std::string service, trace_id, span_id, parent_span_id, name;
  std::int64_t kind = 0;
  std::uint64_t start = 0, end = 0;
  std::map<std::string, std::string> attrs;  // value serialised as JSON, e.g. {"stringValue":"GET"}
  std::string raw;                           // the span's JSON (PII checks)
};

// A minimal OTLP/HTTP collector: POST /v1/traces, JSON bodies kept for the test.
class Collector {
 public:
  Collector() : log_("off") {
    router_.post("/v1/traces", [this](const http::Request& req, CallContext&) {
      auto ct = req.header("Content-Type");
      std::lock_guard lock(mu_);
      if (!ct || ct->find("application/json") == std::string::npos) ++bad_content_type_;
      bodies_.push_back(req.body);
      return http::Response::json(200, "{}");
    });
    ServerOptions o;
    o.host = "127.0.0.1";
    o.worker_threads = 2;
    o.max_body_bytes = 16u << 20;
    o.access_log = false;
    server_ = std::make_unique<HttpServer>(o, router_, metrics_, log_);
    port_ = server_->listen();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Collector() {
    server_->shutdown();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int bad_content_type() {
    std::lock_guard lock(mu_);
    return bad_content_type_;
  }

  std::vector<Span> spans() {
    std::lock_guard lock(mu_);
    std::vector<Span> out;
    for (const auto& b : bodies_) {
      auto root = bj::parse(b);
      for (const auto& rs : root.at("resourceSpans").as_array()) {
        std::string service;
        for (const auto& a : rs.at("resource").at("attributes").as_array())
          if (a.at("key") == "service.name") service = a.at("value").at("stringValue").as_string();
        for (const auto& ss : rs.at("scopeSpans").as_array())
          for (const auto& sv : ss.at("spans").as_array()) {
            const auto& s = sv.as_object();
            Span sp;
            sp.service = service;
            sp.trace_id = s.at("traceId").as_string();
            sp.span_id = s.at("spanId").as_string();
            if (auto* p = s.if_contains("parentSpanId")) sp.parent_span_id = p->as_string();
            sp.name = s.at("name").as_string();
            sp.kind = s.at("kind").as_int64();
            sp.start = std::stoull(std::string(s.at("startTimeUnixNano").as_string()));
            sp.end = std::stoull(std::string(s.at("endTimeUnixNano").as_string()));
            for (const auto& a : s.at("attributes").as_array())
              sp.attrs[std::string(a.at("key").as_string())] = bj::serialize(a.at("value"));
            sp.raw = bj::serialize(s);
            out.push_back(std::move(sp));
          }
      }
    }
    return out;
  }

  // Spans of `trace`, waiting (with a deadline, no fixed sleep) until `pred` holds for them.
  template <class Pred>
  std::vector<Span> wait_for(const std::string& trace, Pred pred,
                             std::chrono::seconds limit = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      std::vector<Span> mine;
      for (auto& s : spans())
        if (s.trace_id == trace) mine.push_back(std::move(s));
      if (pred(mine) || std::chrono::steady_clock::now() > deadline) return mine;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

 private:
  Log log_;
  Metrics metrics_;
  http::Router router_;
  std::unique_ptr<HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
  int bad_content_type_ = 0;
};

const Span* find_server_span(const std::vector<Span>& spans, const std::string& service) {
  for (const auto& s : spans)
    if (s.kind == 2 && s.service == service) return &s;
  return nullptr;
}

ClientResponse send(HttpClient& c, const std::string& method, const std::string& url, const std::string& body,
                    const std::string& traceparent) {
  ClientRequest r;
  r.method = method;
  r.url = url;
  if (!traceparent.empty()) r.headers.set("traceparent", traceparent);
  if (!body.empty()) {
    r.body = body;
    r.headers.set("Content-Type", "application/json");
  }
  r.timeout = std::chrono::seconds(60);
  return c.request(r);
}

std::string traceparent() { return std::string("00-") + kTrace + "-" + kCallerSpan + "-01"; }

TEST(Tracing, AllInOneExportsAServerSpanContinuingTheCallersTrace) {
  Collector collector;
  auto env = testing::default_test_env(testing::make_temp_dir("aurixa-otlp"));
  env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.url() + "/";  // a trailing slash is tolerated
  ServerProcess s({"serve", "--port", "0"}, env);
  HttpClient c;
  const std::string prompt = "What are your opening hours? My phone is 555-123-4567";
  auto r = send(c, "POST", s.url("/api/v1/orchestration/pipelines"),
                bj::serialize(bj::object{{"prompt", prompt}, {"tenant_id", "t-001"}}), traceparent());
  ASSERT_EQ(r.status, 200) << r.body;
  // A path with an id: the span must carry the route pattern, not the id.
  ASSERT_EQ(send(c, "GET", s.url("/api/v1/admin/patients/1/appointments"), "", traceparent()).status, 200);

  auto spans = collector.wait_for(kTrace, [](const std::vector<Span>& v) {
    int servers = 0;
    for (const auto& s : v) servers += s.kind == 2;
    return servers >= 2;
  });
  const Span* pipeline = nullptr;
  for (const auto& sp : spans)
    if (sp.kind == 2 && sp.name == "POST /api/v1/orchestration/*") pipeline = &sp;
  ASSERT_NE(pipeline, nullptr) << "no server span for the pipeline request; got " << spans.size() << " spans";
  EXPECT_EQ(pipeline->service, "api-gateway");
  EXPECT_EQ(pipeline->parent_span_id, kCallerSpan);
  EXPECT_EQ(pipeline->span_id.size(), 16u);
  EXPECT_NE(pipeline->span_id, kCallerSpan);
  EXPECT_EQ(pipeline->attrs.at("http.request.method"), R"({"stringValue":"POST"})");
  EXPECT_EQ(pipeline->attrs.at("http.route"), R"({"stringValue":"/api/v1/orchestration/*"})");
  EXPECT_EQ(pipeline->attrs.at("http.response.status_code"), R"({"intValue":"200"})");
  EXPECT_LT(pipeline->start, pipeline->end);

  // The builtin responder's generation is a CLIENT span with GenAI attributes in the same trace.
  const Span* llm = nullptr;
  for (const auto& sp : spans)
    if (sp.kind == 3) llm = &sp;
  ASSERT_NE(llm, nullptr) << "no LLM call span";
  EXPECT_EQ(llm->service, "llm-router");
  EXPECT_EQ(llm->attrs.at("gen_ai.system"), R"({"stringValue":"builtin"})");
  EXPECT_TRUE(llm->attrs.count("gen_ai.request.model"));
  EXPECT_TRUE(llm->attrs.count("gen_ai.usage.input_tokens"));
  EXPECT_TRUE(llm->attrs.count("gen_ai.usage.output_tokens"));

  // Spans of the request's work (pipeline steps, LLM calls) that name a parent hang under a span of this
  // trace; none carries the prompt, the phone number or the patient id from the path.
  std::set<std::string> ids;
  for (const auto& sp : spans) ids.insert(sp.span_id);
  for (const auto& sp : spans) {
    if (sp.kind != 2) {
      EXPECT_TRUE(ids.count(sp.parent_span_id)) << sp.name << " has an unknown parent " << sp.parent_span_id;
    }
    EXPECT_EQ(sp.raw.find("555-123-4567"), std::string::npos) << sp.raw;
    EXPECT_EQ(sp.raw.find("opening hours"), std::string::npos) << sp.raw;
    EXPECT_EQ(sp.raw.find("patients/1"), std::string::npos) << sp.raw;
  }
  // Pipeline steps are exported as spans of the same trace.
  bool classify = false;
  for (const auto& sp : spans) classify = classify || sp.name == "classify_intent";
  EXPECT_TRUE(classify) << "no classify_intent step span";
  EXPECT_EQ(collector.bad_content_type(), 0);
}

TEST(Tracing, SplitModeGatewayAndOrchestrationSpansShareTheTrace) {
  Collector collector;
  const auto dir = testing::make_temp_dir("aurixa-otlp-split");
  auto orch_env = testing::default_test_env(dir + "/orch");
  orch_env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.url();
  orch_env["AURIXA_OBSERVABILITY_URL"] = "http://127.0.0.1:1";  // events go nowhere; spans still export
  ServerProcess orch({"serve", "--roles", "orchestration", "--port", "0"}, orch_env);
  auto gw_env = testing::default_test_env(dir + "/gw");
  gw_env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.url();
  gw_env["AURIXA_OBSERVABILITY_URL"] = "http://127.0.0.1:1";
  gw_env["AURIXA_ORCHESTRATION_URL"] = orch.url();
  ServerProcess gw({"serve", "--roles", "gateway", "--port", "0"}, gw_env);

  HttpClient c;
  auto r = send(c, "GET", gw.url("/api/v1/orchestration/__debug/request"), "", traceparent());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(bj::parse(r.body).at("trace_id"), kTrace);

  auto spans = collector.wait_for(kTrace, [](const std::vector<Span>& v) {
    return find_server_span(v, "api-gateway") && find_server_span(v, "orchestration-engine");
  });
  const Span* gateway = find_server_span(spans, "api-gateway");
  const Span* role = find_server_span(spans, "orchestration-engine");
  ASSERT_NE(gateway, nullptr);
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(gateway->name, "GET /api/v1/orchestration/*");
  EXPECT_EQ(gateway->parent_span_id, kCallerSpan);
  EXPECT_EQ(role->name, "GET /api/v1/__debug/request");
  EXPECT_EQ(role->parent_span_id, gateway->span_id);  // the gateway's span is the role span's parent
  EXPECT_NE(role->span_id, gateway->span_id);
  // The role's work lies within the gateway's span (same clock here; a role's span ends when it has
  // recorded the request, just after its response is written, hence the 5 ms allowance at the end).
  EXPECT_LE(gateway->start, role->start);
  EXPECT_GE(gateway->end + 5'000'000, role->end);
}

TEST(Tracing, TelemetryOffRecordsAndExportsNothing) {
  Collector collector;
  auto env = testing::default_test_env(testing::make_temp_dir("aurixa-otlp-off"));
  env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.url();
  env["AURIXA_TELEMETRY"] = "off";
  ServerProcess s({"serve", "--port", "0"}, env);
  HttpClient c;
  for (int i = 0; i < 5; ++i) ASSERT_EQ(send(c, "GET", s.url("/"), "", traceparent()).status, 200);
  auto r = send(c, "POST", s.url("/api/v1/orchestration/pipelines"),
                R"({"prompt":"What are your opening hours?","tenant_id":"t-001"})", traceparent());
  ASSERT_EQ(r.status, 200) << r.body;
  // The report flushes nothing and finds nothing (a sink with telemetry on writes within 200 ms).
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto rep = send(c, "GET", s.url("/api/v1/observe/reports/performance?window_minutes=5"), "", "");
  ASSERT_EQ(rep.status, 200) << rep.body;
  EXPECT_EQ(bj::parse(rep.body).at("totals").at("count"), 0) << rep.body;
  EXPECT_TRUE(collector.spans().empty());
  auto metrics = send(c, "GET", s.url("/metrics"), "", "").body;
  EXPECT_EQ(metrics.find("aurixa_telemetry_written_total"), std::string::npos);
  EXPECT_EQ(metrics.find("aurixa_otlp_spans"), std::string::npos);
}

// ---- Prometheus text exposition format (version 0.0.4) --------------------------------------------

struct Family {
  std::string type;
  bool help = false;
};

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses one sample line; returns false (with why) when it is not valid exposition text.
bool parse_sample(const std::string& line, Sample& s, std::string& why) {
  std::size_t i = 0;
  auto name_char = [](char c, bool first) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
           (!first && std::isdigit(static_cast<unsigned char>(c)));
  };
  while (i < line.size() && name_char(line[i], i == 0)) ++i;
  if (i == 0) return why = "no metric name", false;
  s.name = line.substr(0, i);
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      std::size_t k = i;
      while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_')) ++i;
      if (k == i || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') return why = "bad label name", false;
      std::string key = line.substr(k, i - k), value;
      i += 2;
      for (; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') {
          if (++i >= line.size()) return why = "dangling escape", false;
          char e = line[i];
          if (e == 'n')
            value += '\n';
          else if (e == '\\' || e == '"')
            value += e;
          else
            return why = "bad escape", false;
        } else {
          value += line[i];
        }
      }
      if (i >= line.size()) return why = "unterminated label value", false;
      ++i;  // closing quote
      if (!s.labels.emplace(key, value).second) return why = "duplicate label " + key, false;
      if (i < line.size() && line[i] == ',') ++i;
    }
    if (i >= line.size()) return why = "unterminated label set", false;
    ++i;  // '}'
  }
  if (i >= line.size() || line[i] != ' ') return why = "no value", false;
  std::string v = line.substr(i + 1);
  if (v == "+Inf")
    s.value = HUGE_VAL;
  else if (v == "-Inf")
    s.value = -HUGE_VAL;
  else if (v == "NaN")
    s.value = NAN;
  else {
    std::size_t used = 0;
    try {
      s.value = std::stod(v, &used);
    } catch (...) {
      return why = "bad value", false;
    }
    if (used != v.size()) return why = "trailing text after value", false;
  }
  return true;
}

TEST(Metrics, PrometheusTextParsesAndHistogramsAreConsistent) {
  Collector collector;
  auto env = testing::default_test_env(testing::make_temp_dir("aurixa-prom"));
  env["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.url();
  ServerProcess s({"serve", "--port", "0"}, env);
  HttpClient c;
  ASSERT_EQ(send(c, "POST", s.url("/api/v1/orchestration/pipelines"),
                 R"({"prompt":"What are your opening hours?","tenant_id":"t-001"})", "")
                .status,
            200);
  auto res = send(c, "GET", s.url("/metrics"), "", "");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(std::string(res.headers.get("Content-Type").value_or("")).find("version=0.0.4"), std::string::npos);

  std::map<std::string, Family> families;
  std::set<std::string> series;
  // histogram family -> label set without le -> (le -> cumulative count), plus _count and _sum
  std::map<std::string, std::map<std::string, std::vector<std::pair<double, double>>>> buckets;
  std::map<std::string, std::map<std::string, double>> counts;
  std::map<std::string, std::set<std::string>> sums;
  std::istringstream in(res.body);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty()) continue;
    if (line.rfind("# HELP ", 0) == 0) {
      auto name = line.substr(7, line.find(' ', 7) - 7);
      EXPECT_FALSE(families[name].help) << "second HELP for " << name;
      families[name].help = true;
      continue;
    }
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream t(line.substr(7));
      std::string name, type;
      t >> name >> type;
      EXPECT_TRUE(type == "counter" || type == "gauge" || type == "histogram" || type == "summary" || type == "untyped")
          << line;
      EXPECT_TRUE(families[name].type.empty()) << "second TYPE for " << name;
      families[name].type = type;
      continue;
    }
    if (line[0] == '#') continue;
    Sample smp;
    std::string why;
    ASSERT_TRUE(parse_sample(line, smp, why)) << "line " << n << ": " << why << ": " << line;
    // The family: the name itself, or a histogram's name without _bucket/_count/_sum.
    std::string family = smp.name, suffix;
    if (!families.count(family)) {
      for (const char* suf : {"_bucket", "_count", "_sum"}) {
        const std::string sx = suf;
        if (family.size() > sx.size() && family.compare(family.size() - sx.size(), sx.size(), sx) == 0 &&
            families.count(family.substr(0, family.size() - sx.size()))) {
          suffix = sx;
          family = family.substr(0, family.size() - sx.size());
          break;
        }
      }
    }
    ASSERT_TRUE(families.count(family) && !families[family].type.empty()) << "sample before its TYPE: " << line;
    std::string key = smp.name;
    for (const auto& [k, v] : smp.labels) key += "|" + k + "=" + v;
    EXPECT_TRUE(series.insert(key).second) << "duplicate series " << line;
    if (families[family].type == "counter") {
      EXPECT_GE(smp.value, 0) << line;
    }
    if (families[family].type == "histogram") {
      auto labels = smp.labels;
      labels.erase("le");
      std::string lk;
      for (const auto& [k, v] : labels) lk += k + "=" + v + ",";
      if (suffix == "_bucket") {
        ASSERT_TRUE(smp.labels.count("le")) << line;
        const auto& le = smp.labels.at("le");
        buckets[family][lk].emplace_back(le == "+Inf" ? HUGE_VAL : std::stod(le), smp.value);
      } else if (suffix == "_count") {
        counts[family][lk] = smp.value;
      } else if (suffix == "_sum") {
        sums[family].insert(lk);
      } else {
        ADD_FAILURE() << "histogram sample without suffix: " << line;
      }
    }
  }
  for (const auto& [family, by_labels] : buckets)
    for (const auto& [lk, bs] : by_labels) {
      SCOPED_TRACE(family + "{" + lk + "}");
      ASSERT_FALSE(bs.empty());
      for (std::size_t i = 1; i < bs.size(); ++i) {
        EXPECT_LT(bs[i - 1].first, bs[i].first) << "le not increasing";
        EXPECT_LE(bs[i - 1].second, bs[i].second) << "buckets not cumulative";
      }
      EXPECT_TRUE(std::isinf(bs.back().first)) << "no +Inf bucket";
      ASSERT_TRUE(counts[family].count(lk)) << "no _count";
      EXPECT_EQ(counts[family][lk], bs.back().second) << "+Inf bucket != _count";
      EXPECT_TRUE(sums[family].count(lk)) << "no _sum";
    }
  // What this issue exports is there: request and GenAI histograms, telemetry and span queues.
  for (const char* name :
       {"http_request_duration_seconds", "gen_ai_client_operation_duration_seconds", "gen_ai_client_token_usage",
        "aurixa_telemetry_dropped_total", "aurixa_telemetry_queue_depth", "aurixa_otlp_spans_dropped_total",
        "aurixa_otlp_spans_queue_depth"})
    EXPECT_TRUE(families.count(name)) << name;
}

}  // namespace
}  // namespace aurixa
