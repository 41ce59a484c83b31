// Multi-turn dialogues of ../shared/eval/dialogues.jsonl against the real binary and a freshly seeded store, in
// file order: each scenario must end in its expected database state (appointment created / moved / cancelled,
// refill requested, nothing written, escalation). Prints the pass rate (docs/QUALITY.md) and writes it to
// dialogues_result.json in the working directory.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>
#include <fstream>
#include <set>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/agents/nlu/nlu.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Store {
  std::map<std::int64_t, bj::object> appointments;  // id -> appointment
  std::vector<bj::object> refills;
};

class Dialogues : public ::testing::Test {
 protected:
  ClientResponse call(const std::string& method, const std::string& path, const std::string& body = "") {
    ClientRequest r;
    r.method = method;
    r.url = server_->url(path);
    r.body = body;
    r.timeout = std::chrono::seconds(60);
    if (!body.empty()) r.headers.set("Content-Type", "application/json");
    return client_.request(r);
  }
  Store snapshot() {
    Store s;
    auto a = call("GET", "/api/v1/admin/patients/1/appointments?limit=500");
    EXPECT_EQ(a.status, 200) << a.body;
    const auto appts = bj::parse(a.body);
    for (const auto& v : appts.as_array()) s.appointments[v.at("id").as_int64()] = v.as_object();
    auto r = call("GET", "/api/v1/admin/patients/1/refill-requests");
    if (r.status == 200) {
      const auto refills = bj::parse(r.body);
      for (const auto& v : refills.as_array()) s.refills.push_back(v.as_object());
    }
    return s;
  }
  std::unique_ptr<ServerProcess> server_;
  HttpClient client_;
};

agents::nlu::Now today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 8, 0};
}

// Does the appointment's start fall on the date and time the patient stated?
bool matches_phrases(const bj::object& appt, const std::string& date_phrase, const std::string& time_phrase,
                     std::string& why) {
  const std::string start(appt.at("startTime").as_string());  // YYYY-MM-DDTHH:MM:SS
  const std::string day = start.substr(0, 10);
  const int minute = std::stoi(start.substr(11, 2)) * 60 + std::stoi(start.substr(14, 2));
  if (!date_phrase.empty()) {
    const auto d = agents::nlu::parse_datetime(date_phrase, today()).date;
    if (!d || day < d->first || day > d->last) {
      why = "date " + day + " is not '" + date_phrase + "'";
      return false;
    }
  }
  if (!time_phrase.empty() && lower(time_phrase) != "same time") {
    auto phrase = time_phrase;
    if (phrase.find_first_not_of("0123456789") == std::string::npos) phrase = "at " + phrase;
    const auto t = agents::nlu::parse_datetime(phrase, today()).time;
    if (t && (t->exact ? minute != t->start_minute : (minute < t->start_minute || minute >= t->end_minute))) {
      why = "time " + start.substr(11, 5) + " is not '" + time_phrase + "'";
      return false;
    }
  }
  return true;
}

struct Score {
  int passed = 0, total = 0;
};

// Runs one scenario file against a fresh, seeded server.
class DialogueRun : public Dialogues {
 protected:
  Score run_file(const std::string& path, const std::string& result_file);
};

Score DialogueRun::run_file(const std::string& path, const std::string& result_file) {
  std::ifstream in(path);
  Score score;
  if (!in) return score;
  const auto dir = testing::make_temp_dir("aurixa-dialogues");
  server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"serve", "--port", "0"}, testing::default_test_env(dir));
  // The seed starts Dr. Adams's visits 1 (this patient's checkup, tomorrow) and 4 (another patient, in 5 days) at
  // the current time of day, so between about 12:30 and 14:30 they overlapped his 14:00 slots and the
  // scenarios' expected bookings depended on when the test ran. Noon is between the seeded slots.
  for (const char* id : {"1", "4"}) {
    const auto moved = call("PATCH", std::string("/api/v1/admin/appointments/") + id, R"({"start_time":"12:00"})");
    EXPECT_EQ(moved.status, 200) << moved.body;
  }

  int total = 0, passed = 0;
  bj::array report;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto d = bj::parse(line).as_object();
    const std::string id(d.at("id").as_string());
    const auto& expect = d.at("expect").as_object();
    const Store before = snapshot();
    const std::string session = "eval-" + id;
    bool clarified = false;
    bj::object last;
    std::vector<std::string> transcript;
    for (const auto& t : d.at("turns").as_array()) {
      bj::object body{{"prompt", t.at("user")}, {"session_id", session}, {"patient_id", 1}, {"tenant_id", "t-001"}};
      auto res = call("POST", "/api/v1/orchestration/pipelines", bj::serialize(body));
      EXPECT_EQ(res.status, 200) << id << ": " << res.body;
      if (res.status != 200) return score;
      last = bj::parse(res.body).as_object();
      transcript.push_back("user: " + std::string(t.at("user").as_string()));
      transcript.push_back("aurixa: " + std::string(last.at("final_response").as_string()));
      for (const auto& s : last.at("steps").as_array())
        if (s.at("name") == "agent_execution" && s.at("output").is_object()) {
          const auto* c = s.at("output").as_object().if_contains("clarification");
          if (c && c->is_bool() && c->as_bool()) clarified = true;
        }
    }
    const Store after = snapshot();
    std::vector<std::string> failures;
    std::vector<const bj::object*> created, moved, cancelled;
    for (const auto& [aid, a] : after.appointments) {
      const auto it = before.appointments.find(aid);
      if (it == before.appointments.end()) {
        if (a.at("status") != "cancelled") created.push_back(&a);
      } else if (a.at("status") == "cancelled" && it->second.at("status") != "cancelled") {
        cancelled.push_back(&a);
      } else if (a.at("startTime") != it->second.at("startTime")) {
        moved.push_back(&a);
      }
    }
    const bool refilled = after.refills.size() > before.refills.size();
    const bool wrote = !created.empty() || !moved.empty() || !cancelled.empty();

    auto text = [](const bj::object& o, const char* k) {
      const auto* v = o.if_contains(k);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    if (const auto* c = expect.if_contains("appointment_created")) {
      const auto& e = c->as_object();
      if (created.size() != 1) {
        failures.push_back("expected one new appointment, got " + std::to_string(created.size()));
      } else {
        const auto& a = *created[0];
        const auto reason = lower(text(a, "reason")), provider = lower(text(a, "providerName"));
        if (!text(e, "reason_contains").empty() && reason.find(lower(text(e, "reason_contains"))) == std::string::npos)
          failures.push_back("reason '" + reason + "'");
        if (!text(e, "provider_contains").empty() && provider.find(lower(text(e, "provider_contains"))) == std::string::npos)
          failures.push_back("provider '" + provider + "'");
        std::string why;
        if (!matches_phrases(a, text(e, "date_phrase"), text(e, "time_phrase"), why)) failures.push_back(why);
      }
    }
    if (const auto* c = expect.if_contains("appointment_rescheduled")) {
      const auto& e = c->as_object();
      std::string why;
      if (moved.size() != 1) failures.push_back("expected one moved appointment, got " + std::to_string(moved.size()));
      else if (!matches_phrases(*moved[0], text(e, "new_date_phrase"), text(e, "new_time_phrase"), why)) failures.push_back(why);
    }
    if (expect.contains("appointment_cancelled") && cancelled.size() != 1)
      failures.push_back("expected one cancelled appointment, got " + std::to_string(cancelled.size()));
    if (const auto* c = expect.if_contains("refill_requested")) {
      const auto& e = c->as_object();
      if (!refilled) {
        failures.push_back("no refill request");
      } else {
        const auto& r = after.refills.front();  // newest first
        std::string med, pharmacy;
        for (const auto& x : after.refills)
          if (std::none_of(before.refills.begin(), before.refills.end(), [&](const bj::object& b) { return b.at("id") == x.at("id"); }))
            med = lower(text(x, "medicationName")), pharmacy = lower(text(x, "pharmacy"));
        (void)r;
        if (med.find(lower(text(e, "medication"))) == std::string::npos) failures.push_back("refill for '" + med + "'");
        if (!text(e, "pharmacy_contains").empty() && pharmacy.find(lower(text(e, "pharmacy_contains"))) == std::string::npos)
          failures.push_back("pharmacy '" + pharmacy + "'");
      }
    }
    if (expect.contains("no_write") && (wrote || refilled)) failures.push_back("something was written");
    if (const auto* c = expect.if_contains("escalated"); c && c->as_bool()) {
      if (!last.at("escalated").as_bool()) failures.push_back("not escalated");
      else if (last.at("escalation_type") != expect.at("escalation_type")) failures.push_back("escalated as " + bj::serialize(last.at("escalation_type")));
    }
    if (expect.contains("clarification_asked") && !clarified) failures.push_back("no clarifying question");

    ++total;
    const bool ok = failures.empty();
    passed += ok;
    std::string detail;
    for (const auto& f : failures) detail += f + "; ";
    std::string convo;
    for (const auto& t : transcript) convo += "    " + t + "\n";
    if (!ok) std::cout << "[dialogue FAIL] " << id << ": " << detail << "\n" << convo;
    report.push_back(bj::object{{"id", id}, {"passed", ok}, {"failures", detail}});
  }
  std::cout << "[dialogues] " << path << ": passed " << passed << "/" << total << "\n";
  std::ofstream(result_file) << bj::serialize(bj::object{{"passed", passed}, {"total", total}, {"scenarios", report}});
  server_.reset();
  return {passed, total};
}

TEST_F(DialogueRun, EvalScenariosEndInTheExpectedState) {
  const auto s = run_file(testing::source_dir() + "/../shared/eval/dialogues.jsonl", "dialogues_result.json");
  if (s.total == 0) GTEST_SKIP() << "../shared/eval/dialogues.jsonl not found";
  // Target 0.9 (docs/QUALITY.md); the floor catches regressions without pinning this sample.
  EXPECT_GE(double(s.passed) / s.total, 0.8);
}

// Our own scenarios (tests/data), written apart from the eval sample: phrasing it does not use.
TEST_F(DialogueRun, OwnScenariosEndInTheExpectedState) {
  const auto s = run_file(testing::source_dir() + "/tests/data/dialogues_extra.jsonl", "dialogues_extra_result.json");
  ASSERT_GT(s.total, 0) << "tests/data/dialogues_extra.jsonl not found";
  EXPECT_GE(double(s.passed) / s.total, 0.75);
}

// Scenarios written a session later, apart from both files above (docs/QUALITY.md "Dialogues").
TEST_F(DialogueRun, HeldOutScenariosEndInTheExpectedState) {
  for (const char* name : {"dialogues_holdout", "dialogues_holdout2", "dialogues_holdout3", "dialogues_holdout4", "dialogues_spanish"}) {
    const auto s = run_file(testing::source_dir() + "/tests/data/" + name + ".jsonl", std::string(name) + "_result.json");
    ASSERT_GT(s.total, 0) << name << ".jsonl not found";
    EXPECT_GE(double(s.passed) / s.total, 0.7) << name;
  }
}

}  // namespace
}  // namespace aurixa
