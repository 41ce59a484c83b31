// Tool calling with real provider wire formats: AgentService on a seeded store with the execution engine,
// the LLM service calling local mock servers that speak OpenAI, Anthropic and Gemini function calling with
// scripted tool calls. Checks the safety invariants the code enforces: writes only after the patient's
// "yes" (exactly once, in the database), identity never taken from model arguments, argument validation
// fed back as tool errors, the loop bound, PII redaction and the planner fallback.
#include "roles/agents/tool_agent.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "core/http_client.hpp"
#include "roles/agents/service.hpp"
#include "roles/execution/service.hpp"
#include "roles/llm/mock_server.hpp"
#include "roles/llm/service.hpp"
#include "store/appointments.hpp"
#include "store/conversations.hpp"
#include "store/clinical.hpp"
#include "store/tasks.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::agents {
namespace {

namespace bj = boost::json;
using llm::testing::MockServer;
using llm::testing::ScriptedRequest;
using llm::testing::ScriptedTurn;
using llm::testing::Vendor;

const char* vendor_name(Vendor v) {
  return v == Vendor::openai ? "openai" : v == Vendor::anthropic ? "anthropic" : "gemini";
}

// The agent's "today" as the system prompt states it: "(YYYY-MM-DD)".
std::string today_of(const ScriptedRequest& r) {
  std::smatch m;
  static const std::regex kDate(R"(\((\d{4}-\d{2}-\d{2})\))");
  return std::regex_search(r.system, m, kDate) ? m[1].str() : std::string();
}

// "2026-03-12 09:00 Dr. Adams" lines of a get_availability result.
std::vector<std::array<std::string, 3>> slots_in(const std::string& result) {
  std::vector<std::array<std::string, 3>> out;
  static const std::regex kLine(R"((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) (.+))");
  std::istringstream in(result);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kLine)) out.push_back({m[1].str(), m[2].str(), m[3].str()});
  }
  return out;
}

class ToolCalling : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
    execution_ = std::make_shared<execution::ExecutionService>(*db);
  }
  void TearDown() override {
    agent_.reset();
    llm_.reset();
    execution_.reset();
    StoreTest::TearDown();
  }

  // A fresh LLM service with one provider of `vendor` on `mock`, and an agent over it.
  void use(Vendor vendor, MockServer& mock, const std::string& mode = "auto", IntentFn classify = {}) {
    mock.start();
    llm::LlmSettings settings;
    settings.options.max_attempts = 1;
    llm::LlmService::Deps deps;
    deps.redact = [](std::string_view s) {  // stands in for the safety role's redactor
      return std::regex_replace(std::string(s), std::regex(R"(\d{3}-\d{4})"), "[REDACTED-PHONE]");
    };
    std::vector<std::unique_ptr<llm::Provider>> ps;
    const std::string id = vendor_name(vendor);
    llm::ProviderOptions o{id, mock.url(), "test-key", "", true, {}};
    if (vendor == Vendor::openai) {
      o.default_model = "gpt-4o-mini";
      ps.push_back(llm::make_openai_provider(http_, o));
    }
    if (vendor == Vendor::anthropic) ps.push_back(llm::make_anthropic_provider(http_, o));
    if (vendor == Vendor::gemini) ps.push_back(llm::make_gemini_provider(http_, o));
    llm_ = std::make_shared<llm::LlmService>(settings, std::move(ps), deps);
    AgentOptions opts;
    opts.tool_calling = mode;
    auto exec = execution_;
    auto model = llm_;
    agent_ = std::make_shared<AgentService>(
        *db, [exec] { return std::static_pointer_cast<execution::Api>(exec); }, std::move(classify),
        [model] { return std::static_pointer_cast<llm::Api>(model); }, opts);
  }

  RunResult say(const std::string& text, const std::string& session, std::int64_t patient = 1,
                const std::string& intent = "", const std::string& language = "") {
    RunRequest r;
    r.language = language;
    r.prompt = text;
    r.session_id = session;
    r.patient_id = patient;
    r.tenant_id = 1;
    r.intent = intent;
    r.confidence = intent.empty() ? 0 : 0.9;
    CallContext ctx;
    ctx.request_id = "req-test";
    return agent_->run(r, ctx);
  }

  std::vector<store::Appointment> appointments(std::int64_t patient) {
    return db->read([&](store::Tx& tx) {
      return store::AppointmentRepository(tx).upcoming_for_patient(store::Scope::tenant(1), patient, "0000-00-00", 100);
    });
  }
  std::size_t handoffs() {
    return db->read([&](store::Tx& tx) {
      return store::StaffTaskRepository(tx).list(store::Scope::tenant(1), {}, {}).size();
    });
  }

  HttpClient http_;
  std::shared_ptr<execution::ExecutionService> execution_;
  std::shared_ptr<llm::LlmService> llm_;
  std::shared_ptr<AgentService> agent_;
};

// The model asks for availability, gets the slots back, proposes a booking; the patient confirms; the
// appointment is created exactly once.
TEST_P(ToolCalling, EachVendorBooksOnlyAfterTheConfirmationAndExactlyOnce) {
  for (Vendor vendor : {Vendor::openai, Vendor::anthropic, Vendor::gemini}) {
    SCOPED_TRACE(vendor_name(vendor));
    MockServer mock;
    std::array<std::string, 3> proposed;
    llm::testing::serve_scripted(mock, vendor, [&](const ScriptedRequest& r) -> ScriptedTurn {
      if (r.index == 0) {
        const auto today = today_of(r);
        bj::object args{{"date_from", today}, {"date_to", add_days(today, 6)}};
        return {"", {{"get_availability", bj::serialize(args)}}};
      }
      if (r.index == 1) {
        const auto slots = slots_in(r.results.back());
        if (slots.empty()) return {"no slots", {}};
        proposed = slots.front();
        bj::object args{{"date", proposed[0]}, {"start_time", proposed[1]}, {"provider_name", proposed[2]}, {"reason", "knee pain"}};
        return {"", {{"create_appointment", bj::serialize(args)}}};
      }
      return {"Is there anything else I can help with?", {}};
    });
    use(vendor, mock);
    const auto session = std::string("s-book-") + vendor_name(vendor);
    const auto before = appointments(1).size();

    auto r1 = say("I need an appointment for knee pain this week, call me at 555-0101", session);
    ASSERT_EQ(mock.request_count(), 2u);
    EXPECT_TRUE(r1.handled);
    EXPECT_EQ(r1.state, "confirming");
    EXPECT_EQ(r1.task, "book_appointment");
    EXPECT_EQ(r1.output.rfind("Book " + proposed[2] + ", ", 0), 0u) << r1.output;
    EXPECT_NE(r1.output.find("knee pain"), std::string::npos);
    ASSERT_EQ(r1.tool_calls.size(), 2u);
    EXPECT_EQ(r1.tool_calls[0].tool_name, "get_availability");
    EXPECT_EQ(r1.tool_calls[1].tool_name, "create_appointment");
    EXPECT_FALSE(r1.wrote);
    EXPECT_EQ(appointments(1).size(), before) << "nothing is written before the patient says yes";

    // Wire format: the vendor's tool declarations; the result of the first call went back to the model;
    // personal data was redacted before the cloud provider.
    const auto reqs = mock.requests();
    const auto first = bj::parse(reqs[0].body).as_object();
    const auto& tools = first.at("tools").as_array();
    if (vendor == Vendor::openai) {
      EXPECT_EQ(tools.at(0).at("type").as_string(), "function");
      EXPECT_EQ(tools.at(0).at("function").at("name").as_string(), "get_availability");
    } else if (vendor == Vendor::anthropic) {
      EXPECT_TRUE(tools.at(0).as_object().contains("input_schema"));
    } else {
      const auto& decls = tools.at(0).at("functionDeclarations").as_array();
      EXPECT_EQ(decls.size(), model_tools().size());
      EXPECT_EQ(reqs[0].body.find("additionalProperties"), std::string::npos);
    }
    for (const auto& q : reqs) {
      EXPECT_EQ(q.body.find("555-0101"), std::string::npos);
      EXPECT_EQ(q.body.find("patient_id"), std::string::npos) << "no identity in the tool schemas";
    }
    EXPECT_NE(reqs[1].body.find("Free slots"), std::string::npos);
    const char* answer_key = vendor == Vendor::openai      ? "\"tool_call_id\""
                             : vendor == Vendor::anthropic ? "\"tool_use_id\""
                                                           : "\"functionResponse\"";
    EXPECT_NE(reqs[1].body.find(answer_key), std::string::npos);

    auto r2 = say("yes", session);
    EXPECT_TRUE(r2.wrote);
    EXPECT_EQ(r2.state, "done");
    EXPECT_NE(r2.output.find("Appointment created for knee pain"), std::string::npos) << r2.output;
    EXPECT_EQ(mock.request_count(), 2u) << "the confirmation is settled without the model";
    auto after = appointments(1);
    ASSERT_EQ(after.size(), before + 1);
    std::size_t matching = 0;
    for (const auto& a : after)
      if (a.start_time.substr(0, 16) == proposed[0] + " " + proposed[1] && a.provider_name == proposed[2]) ++matching;
    EXPECT_EQ(matching, 1u);

    auto r3 = say("yes", session);  // a repeated "yes" writes nothing more
    EXPECT_FALSE(r3.wrote);
    EXPECT_EQ(appointments(1).size(), before + 1);
  }
}

TEST_P(ToolCalling, SaysNoAndNothingIsWritten) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::openai, [&](const ScriptedRequest& r) -> ScriptedTurn {
    if (r.index == 0) return {"", {{"get_appointments", "{}"}}};
    if (r.index == 1) return {"", {{"cancel_appointment", R"({"appointment_id": 1})"}}};
    return {"Okay.", {}};
  });
  use(Vendor::openai, mock);
  const auto before = appointments(1).size();
  auto r1 = say("cancel my annual checkup", "s-no");
  EXPECT_EQ(r1.state, "confirming");
  EXPECT_EQ(r1.output.rfind("Cancel your Annual checkup with Dr. Adams", 0), 0u) << r1.output;
  auto r2 = say("no", "s-no");
  EXPECT_FALSE(r2.wrote);
  EXPECT_EQ(r2.state, "cancelled");
  EXPECT_EQ(appointments(1).size(), before);
}

// A Spanish-speaking patient: the model is told to reply in Spanish and the system's own question is Spanish.
TEST_P(ToolCalling, ASpanishPatientIsAskedInSpanish) {
  MockServer mock;
  std::string system;
  llm::testing::serve_scripted(mock, Vendor::openai, [&](const ScriptedRequest& r) -> ScriptedTurn {
    if (r.index == 0) system = r.system;
    if (r.index == 0) return {"", {{"get_appointments", "{}"}}};
    if (r.index == 1) return {"", {{"cancel_appointment", R"({"appointment_id": 1})"}}};
    return {"De acuerdo.", {}};
  });
  use(Vendor::openai, mock);
  auto r1 = say("cancela mi chequeo anual", "s-es", 1, "", "es");
  EXPECT_EQ(r1.state, "confirming");
  EXPECT_EQ(r1.output.rfind("¿Cancelo su Annual checkup con Dr. Adams", 0), 0u) << r1.output;
  EXPECT_NE(system.find("reply in Spanish"), std::string::npos) << system;
}

// Identity comes from the request: a model naming another patient, tenant or someone else's appointment
// is refused, and the refusal is what the model sees.
TEST_P(ToolCalling, RefusesAnotherPatientOrTenantFromTheModel) {
  for (Vendor vendor : {Vendor::openai, Vendor::anthropic, Vendor::gemini}) {
    SCOPED_TRACE(vendor_name(vendor));
    MockServer mock;
    std::vector<std::string> seen;
    llm::testing::serve_scripted(mock, vendor, [&](const ScriptedRequest& r) -> ScriptedTurn {
      if (!r.results.empty()) seen.push_back(r.results.back());
      const auto today = today_of(r);
      switch (r.index) {
        case 0: {
          bj::object args{{"patient_id", 3}, {"date", add_days(today, 1)}, {"start_time", "14:00"}, {"provider_name", "Dr. Adams"}};
          return {"", {{"create_appointment", bj::serialize(args)}}};
        }
        case 1: return {"", {{"get_appointments", R"({"tenant_id": 2})"}}};
        case 2: return {"", {{"cancel_appointment", R"({"appointment_id": 4})"}}};  // patient 3's visit
        default: return {"I can only help with your own appointments.", {}};
      }
    });
    use(vendor, mock);
    const auto mine = appointments(1).size(), theirs = appointments(3).size();
    auto r = say("book something for my neighbour and cancel her visit", std::string("s-id-") + vendor_name(vendor));
    EXPECT_EQ(r.state, "idle");
    EXPECT_EQ(r.output, "I can only help with your own appointments.");
    ASSERT_EQ(r.tool_calls.size(), 3u);
    for (const auto& c : r.tool_calls) {
      EXPECT_FALSE(c.ok) << c.tool_name;
      EXPECT_EQ(c.result.rfind("Refused", 0), 0u) << c.result;
    }
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_NE(seen[0].find("'patient_id' is not an argument"), std::string::npos);
    EXPECT_NE(seen[1].find("'tenant_id' is not an argument"), std::string::npos);
    EXPECT_NE(seen[2].find("appointment 4 is not one of this patient's"), std::string::npos);
    EXPECT_EQ(appointments(1).size(), mine);
    EXPECT_EQ(appointments(3).size(), theirs);
  }
}

TEST_P(ToolCalling, MalformedArgumentsAreToolErrorsTheModelCanCorrect) {
  for (Vendor vendor : {Vendor::openai, Vendor::anthropic, Vendor::gemini}) {
    SCOPED_TRACE(vendor_name(vendor));
    MockServer mock;
    std::vector<std::string> seen;
    std::vector<bool> flagged;
    llm::testing::serve_scripted(mock, vendor, [&](const ScriptedRequest& r) -> ScriptedTurn {
      if (!r.results.empty()) seen.push_back(r.results.back()), flagged.push_back(r.last_is_error);
      switch (r.index) {
        case 0: return {"", {{"create_appointment", "{\"date\": \"2026-03-1"}}};  // cut off
        case 1: return {"", {{"create_appointment", R"({"date":"next tuesday","start_time":"9am","provider_name":"Dr. Adams"})"}}};
        case 2: return {"", {{"get_availability", R"({"date_from":"2026-02-30"})"}}};
        case 3: return {"", {{"get_availability", R"({"date_from":"2026-03-01","provider_name":7})"}}};
        case 4: return {"", {{"book_everything", "{}"}}};
        default: return {"Which day would you like?", {}};
      }
    });
    use(vendor, mock);
    auto r = say("book me in", std::string("s-bad-") + vendor_name(vendor));
    EXPECT_EQ(r.state, "failed") << "five model calls of bad tool calls hit the bound";
    ASSERT_EQ(seen.size(), 4u);
    // Object-typed vendors cannot carry cut-off JSON: the mock wraps it, which is an unknown argument.
    const char* first_error = vendor == Vendor::openai ? "Invalid arguments: expected a JSON object"
                                                       : "Invalid arguments: unknown argument";
    EXPECT_EQ(seen[0].rfind(first_error, 0), 0u) << seen[0];
    EXPECT_NE(seen[1].find("'date' must be a date as YYYY-MM-DD"), std::string::npos) << seen[1];
    EXPECT_NE(seen[2].find("'date_from' must be a date"), std::string::npos) << seen[2];
    EXPECT_NE(seen[3].find("'provider_name' must be a string"), std::string::npos) << seen[3];
    if (vendor != Vendor::openai) {
      for (bool f : flagged) EXPECT_TRUE(f);
    }
    for (const auto& c : r.tool_calls) EXPECT_FALSE(c.ok);
    EXPECT_EQ(r.tool_calls.back().result, "Unknown tool 'book_everything'.");
  }
}

TEST_P(ToolCalling, StopsAtTheLoopBound) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::anthropic,
                               [](const ScriptedRequest&) -> ScriptedTurn { return {"", {{"get_appointments", "{}"}}}; });
  use(Vendor::anthropic, mock);
  auto r = say("what do I have coming up", "s-loop");
  EXPECT_EQ(mock.request_count(), 5u);
  EXPECT_EQ(r.tool_calls.size(), 5u);
  EXPECT_EQ(r.state, "failed");
  EXPECT_NE(r.output.find("nothing has been changed"), std::string::npos);
  EXPECT_EQ(r.steps.back().details, "tool loop bound reached (5 model calls)");
}

TEST_P(ToolCalling, HandoffAndRefillAreConfirmedFirstToo) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::gemini, [](const ScriptedRequest& r) -> ScriptedTurn {
    if (r.index == 0) return {"", {{"handoff_to_staff", R"({"reason":"billing question about last visit"})"}}};
    // Two writes in one answer: only the first one becomes pending.
    return {"", {{"request_prescription_refill", R"({"medication_name":"lisinopril 10mg"})"},
                 {"handoff_to_staff", R"({"reason":"x"})"}}};
  });
  use(Vendor::gemini, mock);
  const auto tasks = handoffs();
  auto r1 = say("can someone from billing call me", "s-hand");
  EXPECT_EQ(r1.state, "confirming");
  EXPECT_EQ(r1.output,
            "Ask a member of our staff to contact you about billing question about last visit? Please reply yes or no.");
  EXPECT_EQ(handoffs(), tasks);
  auto r2 = say("yes please", "s-hand");
  EXPECT_TRUE(r2.wrote);
  EXPECT_TRUE(r2.escalated);
  EXPECT_EQ(r2.escalation_type, "human");
  EXPECT_EQ(handoffs(), tasks + 1);

  auto r3 = say("and refill my lisinopril", "s-hand");
  EXPECT_EQ(r3.task, "prescription_refill");
  EXPECT_EQ(r3.output, "Request a refill of Lisinopril 10mg, sent to the pharmacy on file? Please reply yes or no.");
  ASSERT_EQ(r3.tool_calls.size(), 2u);
  EXPECT_FALSE(r3.tool_calls[1].ok);
  EXPECT_EQ(handoffs(), tasks + 1);
}

TEST_P(ToolCalling, FallsBackToThePlannerWhenTheProviderFails) {
  MockServer mock;
  mock.router().post("/v1/chat/completions", [&mock](const http::Request& req, CallContext&) {
    mock.record(req);
    return http::Response::text(503, "overloaded");
  });
  use(Vendor::openai, mock);
  auto r = say("I'd like to book an appointment", "s-fallback", 1, "book_appointment");
  EXPECT_GE(mock.request_count(), 1u);
  EXPECT_TRUE(r.handled);
  EXPECT_EQ(r.task, "book_appointment");
  ASSERT_FALSE(r.steps.empty());
  EXPECT_EQ(r.steps.front().details, "no model answered: planner");
  EXPECT_FALSE(r.output.empty());
}

TEST_P(ToolCalling, PlannerModeNeverCallsTheModel) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::openai, [](const ScriptedRequest&) -> ScriptedTurn { return {"hi", {}}; });
  use(Vendor::openai, mock, "planner");
  auto r = say("I'd like to book an appointment", "s-planner", 1, "book_appointment");
  EXPECT_EQ(mock.request_count(), 0u);
  EXPECT_EQ(r.task, "book_appointment");
}

// The seed's "Lab review" (patient 1, in 3 days) is completed: it is offered neither to move nor to cancel.
TEST_P(ToolCalling, ACompletedVisitIsNotOfferedToMoveOrCancel) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::openai, [](const ScriptedRequest&) -> ScriptedTurn { return {"hi", {}}; });
  use(Vendor::openai, mock, "planner");
  say("book a physical with dr bell in 2 days at 9am", "s-done", 1, "book_appointment");
  say("yes", "s-done", 1, "book_appointment");
  const auto r = say("i need to cancel an appointment", "s-done", 1, "cancel_appointment");
  EXPECT_EQ(r.output.find("Lab review"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Annual checkup"), std::string::npos) << r.output;
}

// A turn that leaves the dialogue state as it was writes nothing (no conversation row, no fsync); a turn
// that starts a task persists it.
TEST_P(ToolCalling, OnlyTurnsThatChangeTheDialogueStateWriteIt) {
  MockServer mock;
  llm::testing::serve_scripted(mock, Vendor::openai, [](const ScriptedRequest&) -> ScriptedTurn { return {"hi", {}}; });
  use(Vendor::openai, mock, "planner");
  auto conversation = [&](const std::string& session) {
    return db->read([&](store::Tx& tx) {
      return store::ConversationRepository(tx).by_session(store::Scope::tenant(1), session);
    });
  };
  RunRequest anonymous;  // no patient: the agent can only ask who is speaking
  anonymous.prompt = "show my appointments";
  anonymous.session_id = "s-stateless";
  anonymous.tenant_id = 1;
  anonymous.intent = "list_appointments";
  anonymous.confidence = 0.9;
  CallContext ctx;
  const auto r = agent_->run(anonymous, ctx);
  EXPECT_TRUE(r.handled);
  EXPECT_FALSE(r.wrote);
  EXPECT_FALSE(conversation("s-stateless").has_value());

  say("I'd like to book an appointment", "s-stateful", 1, "book_appointment");
  const auto conv = conversation("s-stateful");
  ASSERT_TRUE(conv.has_value());
  ASSERT_TRUE(conv->state.has_value());
  EXPECT_NE(conv->state->find("book_appointment"), std::string::npos) << *conv->state;
}

// Several tasks in one message, handled one after another by the planner, each confirmed on its own.
TEST_P(ToolCalling, PlannerRunsSeveralTasksOfOneMessageInTurn) {
  MockServer mock;
  IntentFn keywords = [](const std::string& text) -> std::pair<std::string, double> {
    if (text.find("cancel") != std::string::npos) return {"cancel_appointment", 0.9};
    if (text.find("refill") != std::string::npos) return {"prescription_refill", 0.9};
    return {"clinic_info", 0.3};
  };
  use(Vendor::openai, mock, "planner", keywords);
  const auto before = appointments(1).size();
  const auto refills = [&] {
    return db->read([&](store::Tx& tx) { return store::PrescriptionRepository(tx).refill_requests(store::Scope::tenant(1), 1).size(); });
  };
  const auto refills_before = refills();

  auto r1 = say("please cancel my annual checkup and refill my lisinopril", "s-multi");
  EXPECT_EQ(r1.task, "cancel_appointment");
  EXPECT_EQ(r1.state, "confirming");
  EXPECT_EQ(r1.output.rfind("Cancel your Annual checkup with Dr. Adams", 0), 0u) << r1.output;
  EXPECT_NE(r1.output.find("After that I'll help with: refill my lisinopril."), std::string::npos) << r1.output;

  auto r2 = say("yes", "s-multi");
  EXPECT_TRUE(r2.wrote);
  EXPECT_EQ(appointments(1).size(), before - 1);
  EXPECT_EQ(r2.task, "prescription_refill");
  EXPECT_NE(r2.output.find("Next, your other request: "), std::string::npos) << r2.output;
  EXPECT_NE(r2.output.find("Lisinopril 10mg"), std::string::npos) << r2.output;
  EXPECT_EQ(refills(), refills_before);

  auto r3 = say("the pharmacy on file is fine", "s-multi");
  EXPECT_EQ(r3.state, "confirming") << r3.output;
  EXPECT_EQ(refills(), refills_before);
  auto r4 = say("yes", "s-multi");
  EXPECT_TRUE(r4.wrote) << r4.output;
  EXPECT_EQ(r4.state, "done");
  EXPECT_EQ(refills(), refills_before + 1);
  EXPECT_EQ(mock.request_count(), 0u);
}

TEST_P(ToolCalling, NeverMindDropsTheQueuedTasksToo) {
  MockServer mock;
  IntentFn keywords = [](const std::string& text) -> std::pair<std::string, double> {
    if (text.find("cancel") != std::string::npos) return {"cancel_appointment", 0.9};
    if (text.find("refill") != std::string::npos) return {"prescription_refill", 0.9};
    return {"clinic_info", 0.3};
  };
  use(Vendor::openai, mock, "planner", keywords);
  say("cancel my annual checkup, then refill my metformin", "s-drop");
  auto r = say("never mind", "s-drop");
  EXPECT_EQ(r.state, "cancelled");
  EXPECT_EQ(r.task, "");
  EXPECT_EQ(r.output.find("Next"), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(SQLite, ToolCalling, ::testing::Values(store::Backend::sqlite),
                         store::testing::backend_param_name);

}  // namespace
}  // namespace aurixa::agents
