// The conversation pipeline through the real binary (all roles, seeded SQLite store, port 0): intent paths,
// emergency short-circuit, PII redaction in stored turns, sessions, the response cache, NDJSON order and the
// /ws/conversation WebSocket.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "store/conversations.hpp"
#include "store/database.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

class PipelineHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = new std::string(testing::make_temp_dir("aurixa-pipeline"));
    server_ = new ServerProcess({"serve", "--port", "0"}, testing::default_test_env(*data_dir_));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_dir_;
  }
  ClientResponse post(const std::string& path, const bj::object& body) {
    ClientRequest r;
    r.method = "POST";
    r.url = server_->url(path);
    r.body = bj::serialize(body);
    r.headers.set("Content-Type", "application/json");
    r.timeout = std::chrono::seconds(60);
    return client_.request(r);
  }
  ClientResponse get(const std::string& path) {
    ClientRequest r;
    r.url = server_->url(path);
    return client_.request(r);
  }
  bj::object turn(const bj::object& body) {
    auto res = post("/api/v1/orchestration/pipelines", body);
    EXPECT_EQ(res.status, 200) << res.body;
    return bj::parse(res.body).as_object();
  }
  static std::vector<std::string> step_names(const bj::object& o) {
    std::vector<std::string> out;
    for (const auto& s : o.at("steps").as_array()) out.emplace_back(s.at("name").as_string());
    return out;
  }
  static bool has(const std::vector<std::string>& v, const char* s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static std::string* data_dir_;
  static ServerProcess* server_;
  HttpClient client_;
};
std::string* PipelineHttp::data_dir_ = nullptr;
ServerProcess* PipelineHttp::server_ = nullptr;

TEST_F(PipelineHttp, KnowledgeQuestionRetrievesGeneratesAndValidates) {
  auto o = turn({{"prompt", "What are your opening hours on weekdays?"}, {"tenant_id", "t-001"}});
  EXPECT_FALSE(std::string(o.at("session_id").as_string()).empty());
  EXPECT_EQ(o.at("intent").as_string(), "clinic_info");
  EXPECT_GT(o.at("confidence").as_double(), 0.0);
  EXPECT_FALSE(o.at("escalated").as_bool());
  const auto steps = step_names(o);
  for (const char* s :
       {"validate_input", "classify_intent", "knowledge_retrieval", "generate_response", "validate_output"})
    EXPECT_TRUE(has(steps, s)) << s;
  EXPECT_FALSE(has(steps, "agent_execution"));
  EXPECT_FALSE(std::string(o.at("final_response").as_string()).empty());
  EXPECT_EQ(o.at("request").at("tenant_id").as_string(), "t-001");
}

TEST_F(PipelineHttp, ReusingASessionContinuesIt) {
  auto a = turn({{"prompt", "hello there"}, {"session_id", "reuse-1"}});
  auto b = turn({{"prompt", "where are you located?"}, {"session_id", "reuse-1"}});
  EXPECT_EQ(a.at("session_id").as_string(), "reuse-1");
  EXPECT_EQ(b.at("session_id").as_string(), "reuse-1");
}

TEST_F(PipelineHttp, EmergencyShortCircuitsBeforeAnyModel) {
  auto o = turn({{"prompt", "my face is drooping and I can't lift my arm"}, {"patient_id", 1}});
  EXPECT_TRUE(o.at("escalated").as_bool());
  EXPECT_EQ(o.at("escalation_type").as_string(), "emergency");
  EXPECT_EQ(o.at("intent").as_string(), "emergency");
  const auto steps = step_names(o);
  EXPECT_FALSE(has(steps, "generate_response"));
  EXPECT_FALSE(has(steps, "agent_execution"));
  EXPECT_NE(std::string(o.at("final_response").as_string()).find("911"), std::string::npos);
  // Staff see it in their queue.
  auto tasks = get("/api/v1/admin/tasks?status=open");
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  bool found = false;
  const auto rows = bj::parse(tasks.body);
  for (const auto& t : rows.as_array())
    if (t.at("priority") == "urgent" && t.at("sessionId") == o.at("session_id")) found = true;
  EXPECT_TRUE(found) << tasks.body;
}

TEST_F(PipelineHttp, NegatedSymptomsAreNotAnEmergency) {
  auto o = turn({{"prompt", "no chest pain, just a cough for two days. what should I do?"}});
  EXPECT_FALSE(o.at("escalated").as_bool());
}

// The classifier alone reads "choking" as an emergency; the triage read the negation and wins.
TEST_F(PipelineHttp, ClassifierDoesNotEscalateWhatTheTriageRuledOut) {
  auto o = turn({{"prompt", "he's not choking, he just coughs a little when he drinks too fast"}});
  EXPECT_FALSE(o.at("escalated").as_bool()) << bj::serialize(o);
}

// POST /api/v1/safety/validate escalates what the intent model reads as an emergency when the triage's patterns
// miss it, as the pipeline does; "emergency_model": false asks for the triage alone.
TEST_F(PipelineHttp, SafetyValidateUsesTheIntentModelForEmergencies) {
  const std::string text = "my dad is sweating buckets and says his jaw and left shoulder ache";
  auto escalates = [](const ClientResponse& r) { return bj::parse(r.body).at("requires_escalation").as_bool(); };
  auto v = post("/api/v1/safety/validate", {{"text", text}});
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_TRUE(escalates(v)) << v.body;
  EXPECT_NE(v.body.find("911"), std::string::npos) << v.body;
  auto alone = post("/api/v1/safety/validate", {{"text", text}, {"emergency_model", false}});
  ASSERT_EQ(alone.status, 200) << alone.body;
  EXPECT_FALSE(escalates(alone)) << alone.body;
  // Context the model cannot read stays with the triage.
  auto ruled_out =
      post("/api/v1/safety/validate", {{"text", "he's not choking, he just coughs a little when he drinks too fast"}});
  EXPECT_FALSE(escalates(ruled_out)) << ruled_out.body;
  EXPECT_EQ(post("/api/v1/safety/validate", {{"text", text}, {"emergency_model", "yes"}}).status, 422);
  auto o = turn({{"prompt", text}});
  EXPECT_TRUE(o.at("escalated").as_bool()) << bj::serialize(o);
}

// A patient who writes in Spanish gets the emergency guidance in Spanish, from the triage and from the classifier.
TEST_F(PipelineHttp, EmergencyGuidanceIsInThePatientsLanguage) {
  auto triage = turn({{"prompt", "ayuda, mi bebé no respira"}});
  EXPECT_TRUE(triage.at("escalated").as_bool()) << bj::serialize(triage);
  EXPECT_NE(std::string(triage.at("final_response").as_string()).find("Llame al 911"), std::string::npos)
      << bj::serialize(triage);
  auto v = post("/api/v1/safety/validate", {{"text", "mi papá tiene un dolor muy fuerte en el pecho"}});
  EXPECT_EQ(bj::parse(v.body).at("language").as_string(), "es") << v.body;
  auto en = turn({{"prompt", "my baby is not breathing"}});
  EXPECT_NE(std::string(en.at("final_response").as_string()).find("Call 911"), std::string::npos)
      << bj::serialize(en);
}

TEST_F(PipelineHttp, PersonalDataIsRedactedInTheStoredConversation) {
  auto o =
      turn({{"prompt", "my ssn is 536-22-8415, what are your hours?"}, {"patient_id", 1}, {"session_id", "pii-1"}});
  auto res = get("/api/v1/admin/patients/1/conversations?limit=50");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.body.find("536-22-8415"), std::string::npos);
  EXPECT_NE(res.body.find("pii-1"), std::string::npos);
  // The request echo is the caller's own text; the models and the store only saw the redacted one.
  for (const auto& s : o.at("steps").as_array()) {
    if (s.at("name") == "classify_intent") {
      EXPECT_EQ(bj::serialize(s.at("input")).find("536-22-8415"), std::string::npos);
    }
  }
}

// No personal data in logs: the server's whole log after turns full of it (including a failing one, whose
// error path logs) contains none of it.
TEST_F(PipelineHttp, ServerLogsNeverContainThePatientsPersonalData) {
  const std::vector<std::string> secrets = {"536-22-8417", "maria.gonzalez77@example.com", "(415) 555-0187",
                                            "4111 1111 1111 1111"};
  turn({{"prompt", "I'm Maria Gonzalez, ssn 536-22-8417, email maria.gonzalez77@example.com, call (415) 555-0187"},
        {"patient_id", 1}});
  turn({{"prompt", "my card 4111 1111 1111 1111 was charged twice, can I get a refund?"}, {"patient_id", 1}});
  post("/api/v1/orchestration/pipelines", {{"prompt", "ssn 536-22-8417"}, {"patient_id", 424242}});  // 404 path
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the log sink is buffered
  const auto log = server_->read_log();
  ASSERT_FALSE(log.empty());
  for (const auto& s : secrets) EXPECT_EQ(log.find(s), std::string::npos) << s;
}

// The knowledge base is English; a question in Spanish is searched and answered through the English words of
// its clinic vocabulary (core/spanish_gloss) instead of "I don't have that information".
TEST_F(PipelineHttp, SpanishQuestionsAreAnsweredFromTheEnglishArticles) {
  auto o = turn({{"prompt", "¿Cuándo estarán listos mis resultados de laboratorio?"}});
  EXPECT_TRUE(has(step_names(o), "knowledge_retrieval"));
  EXPECT_NE(std::string(o.at("final_response").as_string()).find("24 to 48 hours"), std::string::npos)
      << o.at("final_response");
}

// The assistant's own sentences follow the patient's language (safety's `language`).
TEST_F(PipelineHttp, ASpanishSpeakerIsGreetedInSpanish) {
  EXPECT_NE(
      std::string(turn({{"prompt", "Hola, buenos días"}}).at("final_response").as_string()).find("asistente virtual"),
      std::string::npos);
  EXPECT_NE(std::string(turn({{"prompt", "Hello there"}}).at("final_response").as_string()).find("virtual assistant"),
            std::string::npos);
}

// The planner's questions and confirmations too: a booking in Spanish is carried out in Spanish, and a bare
// "sí" (no language of its own) keeps the conversation's.
TEST_F(PipelineHttp, ABookingInSpanishIsConductedInSpanish) {
  const std::string sid = "es-booking-1";
  auto o = turn({{"prompt", "quiero una cita con la doctora Chen pasado mañana por la tarde para un control"},
                 {"session_id", sid}, {"patient_id", 1}});
  const std::string question(o.at("final_response").as_string());
  EXPECT_NE(question.find("Responda sí o no"), std::string::npos) << question;
  EXPECT_NE(question.find("con Dr. Chen"), std::string::npos) << question;
  o = turn({{"prompt", "sí"}, {"session_id", sid}, {"patient_id", 1}});
  const std::string done(o.at("final_response").as_string());
  EXPECT_EQ(done.rfind("Listo, su cita quedó reservada", 0), 0u) << done;
  EXPECT_NE(done.find("Confirmación: APT-"), std::string::npos) << done;
}

// The clinic's own phone number, quoted from its knowledge base, is no personal data to redact from the answer.
TEST_F(PipelineHttp, AnswersKeepTheClinicsPublishedPhoneNumbers) {
  const auto o = turn({{"prompt", "what number do I call for billing questions?"}});
  const std::string answer(o.at("final_response").as_string());
  EXPECT_NE(answer.find("555-123-4567"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("REDACTED"), std::string::npos) << answer;
}

TEST_F(PipelineHttp, CacheServesRepeatsButNeverANegatedQuestion) {
  const std::string q = "Do you offer flu shots at the clinic?";
  auto first = turn({{"prompt", q}});
  EXPECT_FALSE(first.at("cached").as_bool());
  auto second = turn({{"prompt", "do you offer flu shots at the clinic"}});
  EXPECT_TRUE(second.at("cached").as_bool());
  EXPECT_TRUE(has(step_names(second), "cache_hit"));
  EXPECT_EQ(second.at("final_response"), first.at("final_response"));
  auto negated = turn({{"prompt", "Do you not offer flu shots at the clinic?"}});
  EXPECT_FALSE(negated.at("cached").as_bool());
  auto stats = get("/api/v1/orchestration/pipelines/cache");
  ASSERT_EQ(stats.status, 200);
  EXPECT_GE(bj::parse(stats.body).at("hits").to_number<double>(), 1.0);
}

TEST_F(PipelineHttp, AppointmentRequestsGoToTheAgentAndNeverWriteWithoutConfirmation) {
  auto before = get("/api/v1/admin/patients/1/appointments");
  auto o = turn({{"prompt", "I'd like to book a checkup tomorrow at 10 with Dr. Chen"},
                 {"patient_id", 1},
                 {"session_id", "book-1"}});
  EXPECT_EQ(o.at("intent").as_string(), "book_appointment");
  EXPECT_TRUE(has(step_names(o), "agent_execution"));
  const std::string answer(o.at("final_response").as_string());
  EXPECT_NE(answer.find("yes or no"), std::string::npos) << answer;
  EXPECT_EQ(get("/api/v1/admin/patients/1/appointments").body, before.body);
  auto yes = turn({{"prompt", "yes"}, {"patient_id", 1}, {"session_id", "book-1"}});
  EXPECT_NE(std::string(yes.at("final_response").as_string()).find("APT-"), std::string::npos)
      << yes.at("final_response");
  EXPECT_NE(get("/api/v1/admin/patients/1/appointments").body, before.body);
}

TEST_F(PipelineHttp, InvalidRequestsAre422NamingTheField) {
  auto res = post("/api/v1/orchestration/pipelines", {{"session_id", "x"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(bj::parse(res.body).at("field").as_string(), "prompt");
  res = post("/api/v1/orchestration/pipelines", {{"prompt", "hi"}, {"tenant_id", "acme"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(bj::parse(res.body).at("field").as_string(), "tenant_id");
  res = post("/api/v1/orchestration/pipelines", {{"prompt", "hi"}, {"patient_id", "abc"}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(bj::parse(res.body).at("field").as_string(), "patient_id");
  res = post("/api/v1/orchestration/pipelines", {{"prompt", "   "}});
  EXPECT_EQ(res.status, 422);
  res = post("/api/v1/orchestration/pipelines", {{"prompt", "hi"}, {"patient_id", 99999}});
  EXPECT_EQ(res.status, 404);
}

TEST_F(PipelineHttp, StreamSendsStatusLinesDeltasThenDone) {
  ClientRequest r;
  r.method = "POST";
  r.url = server_->url("/api/v1/orchestration/pipelines/stream");
  r.body = R"({"prompt":"How do I request my medical records?"})";
  r.headers.set("Content-Type", "application/json");
  std::vector<bj::object> events;
  auto res = client_.stream_lines(r, nullptr, [&](std::string_view line) {
    if (!line.empty()) events.push_back(bj::parse(line).as_object());
    return true;
  });
  ASSERT_EQ(res.status, 200);
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(events.front().at("event"), "status");
  EXPECT_EQ(events.front().at("message"), "Classifying intent...");
  EXPECT_EQ(events.back().at("event"), "done");
  std::string deltas;
  bool validating = false;
  for (const auto& e : events) {
    if (e.at("event") == "text_delta") deltas += std::string(e.at("delta").as_string());
    if (e.at("event") == "status" && e.at("message") == "Validating...") validating = true;
  }
  EXPECT_TRUE(validating);
  EXPECT_FALSE(deltas.empty());
  EXPECT_EQ(deltas, std::string(events.back().at("final_response").as_string()));
}

TEST_F(PipelineHttp, IntentClassifyRoute) {
  auto res = post("/api/v1/orchestration/intents/classify", {{"text", "can i get a refill of my lisinopril"}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto o = bj::parse(res.body).as_object();
  EXPECT_EQ(o.at("intent").as_string(), "prescription_refill");
  EXPECT_TRUE(o.at("alternatives").is_array());
  EXPECT_TRUE(o.at("slots").is_object());
  res = post("/api/v1/orchestration/intents/classify", {{"text", ""}});
  EXPECT_EQ(res.status, 422);
}

TEST_F(PipelineHttp, WebSocketConversationCarriesTheSameEvents) {
  namespace beast = boost::beast;
  boost::asio::io_context ioc;
  beast::websocket::stream<boost::asio::ip::tcp::socket> ws(ioc);
  ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  ws.handshake("127.0.0.1", "/ws/conversation");
  ws.text(true);
  ws.write(boost::asio::buffer(std::string(R"({"prompt":"what are your hours?","session_id":"ws-1"})")));
  std::vector<std::string> kinds;
  for (int i = 0; i < 50; ++i) {
    beast::flat_buffer b;
    ws.read(b);
    auto o = bj::parse(beast::buffers_to_string(b.data())).as_object();
    kinds.emplace_back(o.at("event").as_string());
    if (kinds.back() == "done") {
      EXPECT_EQ(o.at("session_id").as_string(), "ws-1");
      break;
    }
  }
  ASSERT_FALSE(kinds.empty());
  EXPECT_EQ(kinds.front(), "status");
  EXPECT_EQ(kinds.back(), "done");
  // A malformed turn is an error event and the connection stays usable.
  ws.write(boost::asio::buffer(std::string(R"({"prompt":""})")));
  beast::flat_buffer b;
  ws.read(b);
  EXPECT_EQ(bj::parse(beast::buffers_to_string(b.data())).at("event"), "error");
  ws.write(boost::asio::buffer(std::string("thanks!")));
  beast::flat_buffer c;
  ws.read(c);
  EXPECT_EQ(bj::parse(beast::buffers_to_string(c.data())).at("event"), "status");
  ws.close(beast::websocket::close_code::normal);
}

// Every turn the pipeline answered is in the store after kill -9: the commit queue resumes a request only once
// its turn is committed and flushed. Four connections mix a repeated question (response-cache hits, begun on
// the I/O thread) with new ones (retrieval and generation on a worker); the server is killed mid-burst and
// every acknowledged session is then looked up in the store itself, with the steps its answer listed.
TEST(PipelineDurability, Kill9MidBurstLosesNoAcknowledgedTurn) {
  const auto dir = testing::make_temp_dir("aurixa-pipeline-kill9");
  ServerProcess server({"serve", "--port", "0"}, testing::default_test_env(dir));
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::map<std::string, std::vector<std::string>> answered_steps;  // session -> the step names it was sent
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      HttpClient client;
      for (int i = 0; !stop; ++i) {
        ClientRequest r;
        r.method = "POST";
        r.url = server.url("/api/v1/orchestration/pipelines");
        r.headers.set("Content-Type", "application/json");
        r.timeout = std::chrono::seconds(10);
        const std::string prompt = i % 2 ? "What are your opening hours?"
                                         : "Where do I park for visit " + std::to_string(w * 100000 + i) + "?";
        r.body = bj::serialize(bj::object{{"prompt", prompt}, {"tenant_id", "t-001"}});
        try {
          const auto res = client.request(r);
          if (res.status != 200) break;
          const auto o = bj::parse(res.body).as_object();
          std::vector<std::string> names;
          for (const auto& step : o.at("steps").as_array()) names.emplace_back(step.at("name").as_string());
          std::lock_guard lock(mu);
          const std::string sid(o.at("session_id").as_string());
          acknowledged.push_back(sid);
          answered_steps[sid] = std::move(names);
        } catch (const std::exception&) {
          break;  // the server died mid-request: that turn was never acknowledged
        }
      }
    });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 200) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  server.stop(9);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GE(acknowledged.size(), 200u);

  store::DatabaseOptions options;
  options.data_dir = dir;
  store::Database db(options);  // opening recovers the WAL as a restarted server would
  db.read([&](store::Tx& tx) {
    store::ConversationRepository repo(tx);
    for (const auto& sid : acknowledged) {
      const auto conv = repo.by_session(store::Scope::platform(), sid);
      ASSERT_TRUE(conv.has_value()) << sid;
      EXPECT_EQ(repo.recent_turns(*conv, 5).size(), 1u) << sid;
      // The turn's steps were stored with it (conversation_turns.steps, read through the pipeline_steps view).
      std::vector<std::string> stored;
      for (const auto& step : repo.steps(*conv)) stored.push_back(step.step_name);
      EXPECT_EQ(stored, answered_steps[sid]) << sid;
    }
  });
}

}  // namespace
}  // namespace aurixa
