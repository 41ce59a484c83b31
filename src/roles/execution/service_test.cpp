// ExecutionService on a real, seeded store (SQLite and a throw-away PostgreSQL): every action, every
// refusal, tenant scoping, idempotency and concurrent booking of one slot.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "roles/execution/actions.hpp"
#include "roles/execution/service.hpp"
#include "store/appointments.hpp"
#include "store/audit.hpp"
#include "store/clinical.hpp"
#include "store/refills.hpp"
#include "store/tasks.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::execution {
namespace {

using store::Scope;
using store::Tx;

class Execution : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
    now_ = std::time(nullptr);
    ExecutionOptions o;
    o.clock = [this] { return now_; };
    service_ = std::make_unique<ExecutionService>(*db, o);
    tomorrow_ = detail::local_date(now_, 1);
  }
  void TearDown() override {
    service_.reset();
    StoreTest::TearDown();
  }

  ExecuteResult run(const std::string& action, std::map<std::string, std::string> params,
                    std::optional<std::int64_t> tenant = 1, const std::string& key = "") {
    ExecuteRequest r{action, std::move(params), key, ""};
    CallContext ctx;
    ctx.tenant_id = tenant;
    ctx.request_id = "req-test";
    return service_->execute(r, ctx);
  }
  ExecuteResult book(std::int64_t patient, const std::string& time, const std::string& provider = "Dr. Bell",
                     const std::string& key = "") {
    return run("create_appointment",
               {{"patient_id", std::to_string(patient)},
                {"date", tomorrow_},
                {"start_time", time},
                {"provider_name", provider},
                {"reason", "Checkup"}},
               1, key);
  }
  std::int64_t appointments() {
    return db->read([](Tx& tx) { return store::AppointmentRepository(tx).count(Scope::platform()); });
  }
  std::int64_t audit_rows(const std::string& action, const std::string& outcome = "success") {
    store::AuditFilter f;
    f.action = action;
    f.outcome = outcome;
    return db->read([&](Tx& tx) { return store::AuditRepository(tx).count(Scope::platform(), f); });
  }
  std::vector<store::StaffTask> tasks(std::int64_t tenant) {
    return db->read([&](Tx& tx) { return store::StaffTaskRepository(tx).list(Scope::tenant(tenant), {}, {}); });
  }
  static void expect_refused(const ExecuteResult& r, const std::string& code, const std::string& field = "") {
    EXPECT_EQ(r.status, "error") << r.message;
    EXPECT_EQ(r.error_code, code) << r.message;
    if (!field.empty()) {
      EXPECT_EQ(r.error_field, field) << r.message;
    }
    EXPECT_FALSE(r.message.empty());
  }

  std::time_t now_ = 0;
  std::string tomorrow_;
  std::unique_ptr<ExecutionService> service_;
};

// ---- get_appointments ----

TEST_P(Execution, GetAppointmentsListsUpcomingOnlySoonestFirst) {
  db->write([&](Tx& tx) {  // a past visit: the original listed it (D14)
    store::AppointmentRepository(tx).book(Scope::platform(),
                                          {1, 1, "2020-01-06 09:00:00", "2020-01-06 09:30:00", "Dr. Adams", "Old"});
  });
  auto r = run("get_appointments", {{"patient_id", "1"}});
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_TRUE(r.message.starts_with("Upcoming appointments:\n- ")) << r.message;
  EXPECT_NE(r.message.find("Dr. Adams (Annual checkup) [confirmed]"), std::string::npos) << r.message;
  EXPECT_EQ(r.message.find("2020"), std::string::npos) << r.message;
  EXPECT_EQ(r.data.at("next_appointment_id"), "1");
  EXPECT_EQ(audit_rows("Appointments Viewed"), 1);
}

TEST_P(Execution, GetAppointmentsWithoutAnyIsSaidSo) {
  auto r = run("get_appointments", {{"patient_id", "4"}});
  EXPECT_EQ(r.status, "success");
  EXPECT_EQ(r.message, "No upcoming appointments found.");
}

TEST_P(Execution, GetAppointmentsValidatesThePatientId) {
  auto missing = run("get_appointments", {});
  expect_refused(missing, "invalid_params", "patient_id");
  EXPECT_EQ(missing.message, "Patient ID required.");
  auto bad = run("get_appointments", {{"patient_id", "abc"}});
  expect_refused(bad, "invalid_params", "patient_id");
  EXPECT_EQ(bad.message, "Invalid patient ID: abc");
}

// ---- create_appointment ----

TEST_P(Execution, CreateAppointmentBooksAFreeSlotAndAudits) {
  const auto before = appointments();
  auto r = book(1, "10:00");
  ASSERT_EQ(r.status, "success") << r.message;
  const auto id = r.data.at("appointment_id");
  EXPECT_TRUE(r.message.starts_with("Appointment created for Checkup. Confirmation: APT-" + id + ". ")) << r.message;
  EXPECT_TRUE(r.message.ends_with(" at 10:00 AM with Dr. Bell.")) << r.message;
  EXPECT_EQ(r.data.at("confirmation"), "APT-" + id);
  EXPECT_EQ(r.data.at("date"), tomorrow_);
  EXPECT_EQ(r.data.at("time"), "10:00");
  EXPECT_EQ(r.data.at("provider"), "Dr. Bell");
  EXPECT_EQ(appointments(), before + 1);
  auto a = db->read([&](Tx& tx) { return store::AppointmentRepository(tx).get(Scope::tenant(1), std::stoll(id)); });
  ASSERT_TRUE(a);
  EXPECT_EQ(a->start_time, tomorrow_ + " 10:00:00");
  EXPECT_EQ(a->end_time, tomorrow_ + " 10:30:00");
  EXPECT_EQ(audit_rows("Appointment Created"), 1);
}

TEST_P(Execution, TakenSlotIsRefusedWithNearestOptionsSameProviderFirst) {
  ASSERT_EQ(book(1, "10:00").status, "success");
  const auto before = appointments();
  auto r = book(3, "10:00");
  expect_refused(r, "slot_taken", "start_time");
  ASSERT_EQ(r.options.size(), 3u);
  EXPECT_EQ(r.options[0].provider, "Dr. Bell");
  EXPECT_EQ(r.options[0].date, tomorrow_);
  EXPECT_NE(r.options[0].time, "10:00");
  EXPECT_NE(r.message.find("Available instead:"), std::string::npos) << r.message;
  EXPECT_EQ(appointments(), before);  // nothing written
  EXPECT_EQ(audit_rows("Appointment Created", "conflict"), 1);
}

TEST_P(Execution, SlotTheTenantDoesNotOfferIsRefusedWithOptions) {
  auto r = book(1, "11:00");
  expect_refused(r, "slot_taken");
  EXPECT_FALSE(r.options.empty());
  auto other = book(1, "09:00", "Dr. Nobody");
  expect_refused(other, "slot_taken");
  ASSERT_FALSE(other.options.empty());  // any provider when the asked one has nothing
}

TEST_P(Execution, UnknownPatientIsNotFound) {
  auto r = book(999, "10:00");
  expect_refused(r, "not_found", "patient_id");
  EXPECT_EQ(r.message, "Patient 999 not found.");
}

TEST_P(Execution, AnotherTenantsPatientIsNotFoundAndNothingIsWritten) {
  const auto before = appointments();
  // Patient 2 belongs to tenant 2; the caller is tenant 1.
  auto r = run("create_appointment", {{"patient_id", "2"}, {"date", tomorrow_}, {"start_time", "10:00"}});
  expect_refused(r, "not_found", "patient_id");
  EXPECT_EQ(appointments(), before);
  // And a tenant-2 caller cannot see tenant 1's patient 1 either.
  expect_refused(run("get_appointments", {{"patient_id", "1"}}, 2), "not_found");
  expect_refused(run("check_insurance", {{"patient_id", "1"}}, 2), "not_found");
  expect_refused(run("request_prescription_refill", {{"patient_id", "1"}, {"medication_name", "Lisinopril"}}, 2),
                 "not_found");
}

TEST_P(Execution, WithoutATenantInTheContextThePatientsTenantIsUsed) {
  auto r = run("create_appointment",
               {{"patient_id", "1"}, {"date", tomorrow_}, {"start_time", "14:00"}, {"provider_name", "dr. chen"}},
               std::nullopt);
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_EQ(r.data.at("tenant_id"), "1");
  EXPECT_EQ(r.data.at("provider"), "Dr. Chen");  // the tenant's spelling
  // A tenant_id parameter that disagrees with the patient's tenant: not found.
  expect_refused(
      run("create_appointment", {{"patient_id", "1"}, {"tenant_id", "2"}, {"start_time", "09:00"}}, std::nullopt),
      "not_found");
}

TEST_P(Execution, InvalidParametersNameTheField) {
  expect_refused(run("create_appointment", {{"patient_id", "1"}, {"date", "31/12/2030"}}), "invalid_params", "date");
  expect_refused(run("create_appointment", {{"patient_id", "1"}, {"date", "2030-02-30"}}), "invalid_params", "date");
  expect_refused(run("create_appointment", {{"patient_id", "1"}, {"start_time", "25:00"}}), "invalid_params",
                 "start_time");
  expect_refused(run("create_appointment", {{"patient_id", "x"}}), "invalid_params", "patient_id");
  expect_refused(run("create_appointment", {{"patient_id", "1"}, {"date", "2020-01-01"}}), "invalid_params",
                 "start_time");  // in the past
  expect_refused(run("create_appointment", {{"patient_id", "1"}, {"reason", std::string(501, 'r')}}), "invalid_params",
                 "reason");
}

// ---- idempotency ----

TEST_P(Execution, SameIdempotencyKeyReplaysTheFirstResultAndWritesOnce) {
  auto first = book(1, "10:00", "Dr. Bell", "key-1");
  ASSERT_EQ(first.status, "success") << first.message;
  EXPECT_FALSE(first.replayed);
  const auto after_first = appointments();
  auto again = book(1, "10:00", "Dr. Bell", "key-1");
  EXPECT_EQ(again.status, "success");
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.data.at("appointment_id"), first.data.at("appointment_id"));
  EXPECT_EQ(again.message, first.message);
  EXPECT_EQ(appointments(), after_first);
  EXPECT_EQ(audit_rows("Appointment Created"), 1);
}

TEST_P(Execution, SameIdempotencyKeyWithDifferentParamsIs422) {
  ASSERT_EQ(book(1, "10:00", "Dr. Bell", "key-2").status, "success");
  try {
    book(1, "14:00", "Dr. Bell", "key-2");
    FAIL() << "expected 422";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.field(), "idempotency_key");
  }
}

TEST_P(Execution, ConcurrentBookingsOfOneSlotGiveExactlyOne) {
  constexpr int kThreads = 8;
  std::atomic<int> ok{0}, taken{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      try {
        auto r = book(i % 2 ? 1 : 3, "14:00");
        if (r.status == "success")
          ++ok;
        else if (r.error_code == "slot_taken" && !r.options.empty())
          ++taken;
        else
          ++other;
      } catch (const std::exception&) {
        ++other;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(taken.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
}

// ---- reschedule / cancel ----

TEST_P(Execution, RescheduleMovesToAFreeSlotOfTheSameProvider) {
  auto made = book(1, "09:00");
  ASSERT_EQ(made.status, "success");
  const auto id = made.data.at("appointment_id");
  auto r = run("reschedule_appointment",
               {{"appointment_id", "APT-" + id}, {"patient_id", "1"}, {"date", tomorrow_}, {"start_time", "14:00"}});
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_EQ(r.message.rfind("Appointment APT-" + id + " rescheduled to ", 0), 0u) << r.message;
  EXPECT_EQ(r.data.at("time"), "14:00");
  EXPECT_EQ(r.data.at("previous_time"), "09:00");
  EXPECT_EQ(book(3, "09:00").status, "success");  // the old slot is free again
  // Onto a taken slot: refused with options of the same provider only.
  auto taken = run("reschedule_appointment", {{"appointment_id", id}, {"date", tomorrow_}, {"start_time", "09:00"}});
  expect_refused(taken, "slot_taken");
  for (const auto& o : taken.options) EXPECT_EQ(o.provider, "Dr. Bell");
  expect_refused(run("reschedule_appointment", {{"appointment_id", id}, {"start_time", "10:00"}}), "invalid_params",
                 "date");
  expect_refused(
      run("reschedule_appointment", {{"appointment_id", "424242"}, {"date", tomorrow_}, {"start_time", "10:00"}}),
      "not_found", "appointment_id");
}

TEST_P(Execution, CancelNeedsTheOwningPatientAndFreesTheSlot) {
  auto made = book(1, "10:00");
  ASSERT_EQ(made.status, "success");
  const auto id = made.data.at("appointment_id");
  expect_refused(run("cancel_appointment", {{"appointment_id", id}, {"patient_id", "3"}}), "not_found",
                 "appointment_id");
  auto r = run("cancel_appointment", {{"appointment_id", id}, {"patient_id", "1"}});
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_TRUE(r.message.ends_with("with Dr. Bell has been cancelled.")) << r.message;
  EXPECT_EQ(r.data.at("status"), "cancelled");
  expect_refused(run("cancel_appointment", {{"appointment_id", id}, {"patient_id", "1"}}), "conflict");
  EXPECT_EQ(book(3, "10:00").status, "success");
  EXPECT_EQ(audit_rows("Appointment Cancelled"), 1);
  // The seeded completed visit (id 3) cannot be cancelled.
  expect_refused(run("cancel_appointment", {{"appointment_id", "3"}, {"patient_id", "1"}}), "conflict");
}

// ---- availability ----

TEST_P(Execution, AvailabilityListsFreeSlotsAndShrinksWhenBooked) {
  // "tomorrow" resolves to the next local date. Counts are checked on day +4: the seed books an hour-long visit
  // with Dr. Adams tomorrow at the seeding time of day, which takes tomorrow's 09:00 slot when seeded between
  // 08:00 and 10:00 (a test that failed two hours a day).
  auto r = run("get_availability", {{"date", "tomorrow"}});
  ASSERT_EQ(r.status, "success");
  EXPECT_TRUE(r.message.starts_with("Available slots for " + tomorrow_ + ":\n")) << r.message;
  const std::string day = detail::local_date(now_, 4);  // slots on days 0..6; seeded visits on days 1, 2, 3, 5
  auto free = run("get_availability", {{"date", day}});
  EXPECT_TRUE(free.message.starts_with("Available slots for " + day + ":\n- 09:00 with Dr. Adams")) << free.message;
  EXPECT_EQ(free.data.at("count"), "9");
  auto booked = run("create_appointment", {{"patient_id", "1"},
                                           {"date", day},
                                           {"start_time", "09:00"},
                                           {"provider_name", "Dr. Adams"},
                                           {"reason", "Checkup"}});
  ASSERT_EQ(booked.status, "success") << booked.message;
  auto after = run("get_availability", {{"date", day}});
  EXPECT_EQ(after.data.at("count"), "8");
  EXPECT_EQ(after.message.find("09:00 with Dr. Adams"), std::string::npos);
  auto bell = run("get_availability", {{"date", day}, {"provider_name", "Dr. Bell"}});
  EXPECT_EQ(bell.data.at("count"), "3");
}

TEST_P(Execution, AvailabilityOfAnInvalidDateIsRefusedNotToday) {
  expect_refused(run("get_availability", {{"date", "someday"}}), "invalid_params", "date");
}

TEST_P(Execution, NoSlotsIsSaidWithoutInventingAny) {
  auto r = run("get_availability", {{"date", tomorrow_}}, 2);  // tenant 2 offers none
  EXPECT_EQ(r.status, "success");
  EXPECT_EQ(r.message, "No available slots for " + tomorrow_ + ".");
  EXPECT_TRUE(r.options.empty());
}

// ---- insurance ----

TEST_P(Execution, CheckInsuranceReportsThePolicyAndRecordsTheCheck) {
  auto r = run("check_insurance", {{"patient_id", "1"}});
  ASSERT_EQ(r.status, "success");
  EXPECT_EQ(r.message, "Insurance verified. Plan: In-Network PPO. Payer: Aetna. Copay: $25.");
  EXPECT_EQ(r.data.at("plan_name"), "In-Network PPO");
  EXPECT_EQ(audit_rows("Insurance Checked"), 1);
}

TEST_P(Execution, CheckInsuranceWithTwoActivePoliciesListsBoth) {
  db->write([&](Tx& tx) {
    store::Insurance i;
    i.patient_id = 1;
    i.plan_name = "Dental Plus";
    i.payer = "Delta";
    i.copay = "$10";
    store::InsuranceRepository(tx).add(Scope::platform(), i);
  });
  auto r = run("check_insurance", {{"patient_id", "1"}});
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_TRUE(r.message.starts_with("Insurance verified. Plan: In-Network PPO.")) << r.message;
  EXPECT_NE(r.message.find("Also on file: Dental Plus (Payer: Delta, Copay: $10)."), std::string::npos) << r.message;
  EXPECT_EQ(r.data.at("policies"), "2");
}

TEST_P(Execution, CheckInsuranceWithoutAPolicy) {
  auto r = run("check_insurance", {{"patient_id", "5"}}, 2);
  expect_refused(r, "no_insurance");
  EXPECT_EQ(r.message, "No active insurance on file for patient 5. Please update insurance information.");
}

// ---- refills ----

TEST_P(Execution, RefillIsRequestedRecordedAndThenPending) {
  auto r = run("request_prescription_refill",
               {{"patient_id", "1"}, {"medication_name", "lisinopril"}, {"pharmacy", "Main Street Pharmacy"}});
  ASSERT_EQ(r.status, "success") << r.message;
  EXPECT_EQ(r.message, "Refill request submitted for Lisinopril 10mg. Allow 24-48 hours for processing.");
  EXPECT_EQ(r.data.at("pharmacy"), "Main Street Pharmacy");
  EXPECT_EQ(r.data.at("refills_remaining"), "2");
  auto rows = db->read([&](Tx& tx) { return store::RefillRequestRepository(tx).for_patient(Scope::tenant(1), 1, {}); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(std::to_string(rows[0].id), r.data.at("refill_request_id"));
  EXPECT_EQ(rows[0].status, "pending");
  EXPECT_EQ(audit_rows("Prescription Refill Requested"), 1);
  auto again = run("request_prescription_refill", {{"patient_id", "1"}, {"prescription_id", "1"}});
  expect_refused(again, "refill_pending");
  EXPECT_EQ(
      db->read([&](Tx& tx) { return store::RefillRequestRepository(tx).for_patient(Scope::tenant(1), 1, {}); }).size(),
      1u);
}

TEST_P(Execution, RefillRefusalsControlledNoRefillsAmbiguousNone) {
  db->write([&](Tx& tx) {
    store::PrescriptionRepository repo(tx);
    store::Prescription c;
    c.patient_id = 4;
    c.medication_name = "Oxycodone 5mg";
    c.controlled = true;
    repo.add(Scope::platform(), c);
    store::Prescription none;
    none.patient_id = 3;
    none.medication_name = "Atorvastatin 20mg";
    none.refills_remaining = 0;
    repo.add(Scope::platform(), none);
  });
  expect_refused(run("request_prescription_refill", {{"patient_id", "4"}}), "controlled_substance");
  expect_refused(run("request_prescription_refill", {{"patient_id", "3"}, {"medication_name", "atorva"}}),
                 "no_refills");
  auto ambiguous = run("request_prescription_refill", {{"patient_id", "1"}});
  expect_refused(ambiguous, "invalid_params", "medication_name");
  EXPECT_NE(ambiguous.message.find("Lisinopril 10mg, Metformin 500mg"), std::string::npos);
  expect_refused(run("request_prescription_refill", {{"patient_id", "1"}, {"medication_name", "aspirin"}}), "not_found",
                 "medication_name");
  auto none = run("request_prescription_refill", {{"patient_id", "5"}}, 2);
  expect_refused(none, "not_found");
  EXPECT_EQ(none.message, "No active prescriptions found for patient 5.");
  EXPECT_EQ(audit_rows("Prescription Refill Requested", "conflict"), 2);
}

// ---- staff tasks ----

TEST_P(Execution, HandoffCreatesAStaffTask) {
  auto r = run("handoff_to_staff", {{"patient_id", "1"},
                                    {"reason", "Billing question"},
                                    {"summary", "Asked about a charge"},
                                    {"session_id", "s-1"},
                                    {"priority", "high"}});
  ASSERT_EQ(r.status, "success") << r.message;
  auto all = tasks(1);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(std::to_string(all[0].id), r.data.at("task_id"));
  EXPECT_EQ(all[0].kind, "handoff");
  EXPECT_EQ(all[0].priority, "high");
  EXPECT_EQ(all[0].session_id.value_or(""), "s-1");
  EXPECT_EQ(all[0].patient_id.value_or(0), 1);
  expect_refused(run("handoff_to_staff", {{"reason", "x"}, {"priority", "asap"}}), "invalid_params", "priority");
  expect_refused(run("handoff_to_staff", {}), "invalid_params", "reason");
}

TEST_P(Execution, EmailAndReminderBecomeTasksNotFakeSends) {
  auto mail = run("send_email", {{"recipient", "john.doe@email.com"}, {"subject", "Your visit"}});
  ASSERT_EQ(mail.status, "success") << mail.message;
  EXPECT_EQ(mail.message, "Email queued to john.doe@email.com with subject 'Your visit'.");
  auto rem = run("schedule_reminder", {{"patient_id", "1"}, {"date", tomorrow_}, {"time", "08:00"}});
  ASSERT_EQ(rem.status, "success") << rem.message;
  EXPECT_EQ(rem.message, "Reminder scheduled for patient 1.");
  EXPECT_EQ(rem.data.at("due_at"), tomorrow_ + " 08:00:00");
  auto all = tasks(1);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].kind, "reminder");
  EXPECT_EQ(all[1].kind, "email");
  EXPECT_EQ(all[1].recipient.value_or(""), "john.doe@email.com");
  expect_refused(run("send_email", {{"recipient", "not an address"}}), "invalid_params", "recipient");
}

TEST_P(Execution, LogAuditAppendsARow) {
  auto r = run("log_audit", {{"action", "Custom Thing"}, {"details", "hello"}});
  ASSERT_EQ(r.status, "success");
  EXPECT_EQ(r.message, "Audit entry recorded.");
  EXPECT_EQ(audit_rows("Custom Thing"), 1);
  expect_refused(run("log_audit", {{"severity", "fatal"}}), "invalid_params", "severity");
}

// ---- the catalogue ----

TEST_P(Execution, UnknownActionIs404WithTheOriginalText) {
  try {
    run("nope", {});
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(std::string(e.detail()), "Action 'nope' not found.");
  }
}

TEST_P(Execution, ActionsIncludeTheOriginalsAndTheNewOnes) {
  std::set<std::string> names;
  for (const auto& a : service_->actions()) {
    names.insert(a.name);
    EXPECT_FALSE(a.parameters_schema.empty());
  }
  for (const char* n : {"check_insurance", "create_appointment", "get_appointments", "get_availability", "log_audit",
                        "request_prescription_refill", "schedule_reminder", "send_email", "cancel_appointment",
                        "reschedule_appointment", "handoff_to_staff"})
    EXPECT_TRUE(names.count(n)) << n;
}

AURIXA_STORE_BACKENDS(Execution);

}  // namespace
}  // namespace aurixa::execution
