// Repositories against both back-ends: tenant isolation, CRUD, filters, pagination.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "store/appointments.hpp"
#include "store/audit.hpp"
#include "store/clinical.hpp"
#include "store/conversations.hpp"
#include "store/knowledge.hpp"
#include "store/patients.hpp"
#include "store/platform_config.hpp"
#include "store/sql.hpp"
#include "store/staff.hpp"
#include "store/tenants.hpp"
#include "store/testing/store_fixture.hpp"
#include "store/users.hpp"

namespace aurixa::store {
namespace {

class Repositories : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
  const Scope all = Scope::platform();
  const Scope t1 = Scope::tenant(1);
  const Scope t2 = Scope::tenant(2);
};

Errc error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ApiError& e) {
    return e.errc();
  }
  return Errc::internal;
}

TEST_P(Repositories, TenantCannotReadAnotherTenantsPatient) {
  db->read([&](Tx& tx) {
    PatientRepository patients(tx);
    ASSERT_TRUE(patients.get(t2, 2));   // Jane Smith belongs to tenant 2
    EXPECT_FALSE(patients.get(t1, 2));  // invisible to tenant 1
    EXPECT_TRUE(patients.get(all, 2));  // platform scope sees it
    for (const auto& p : patients.list(t1, {})) EXPECT_EQ(p.tenant_id, 1);
    EXPECT_EQ(patients.list(t1, {}).size(), 3u);
    EXPECT_EQ(patients.count(t2), 2);
    EXPECT_TRUE(AppointmentRepository(tx).for_patient(t1, 2, {}).empty());
    EXPECT_EQ(AppointmentRepository(tx).for_patient(t2, 2, {}).size(), 1u);
    EXPECT_TRUE(PrescriptionRepository(tx).for_patient(t2, 1).empty());
    EXPECT_EQ(PrescriptionRepository(tx).for_patient(t1, 1).size(), 2u);
    EXPECT_TRUE(InsuranceRepository(tx).active_for_patient(t1, 2).empty());
  });
}

TEST_P(Repositories, TenantCannotWriteIntoAnotherTenant) {
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) {
                             PatientRepository(tx).create(t1, {2, "Mallory", {}, {}});
                           }); }),
            Errc::validation);
  EXPECT_EQ(
      error_of([&] {
        db->write([&](Tx& tx) {
          AppointmentRepository(tx).book(t1, {1, 2, "2030-01-01 09:00:00", "2030-01-01 09:30:00", "Dr. Adams", {}});
        });
      }),
      Errc::not_found);
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { KnowledgeRepository(tx).create(t2, 1, "x", "y"); }); }),
            Errc::validation);
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { TenantRepository(tx).create(t1, {"Evil Corp"}); }); }),
            Errc::forbidden);
  db->write([&](Tx& tx) {
    EXPECT_FALSE(TenantRepository(tx).update(t1, 2, {std::string("Renamed"), {}, {}}));
    EXPECT_FALSE(KnowledgeRepository(tx).remove(t1, 2));  // article 2 is tenant 2's
  });
}

TEST_P(Repositories, TenantsCreateUpdateAndDuplicates) {
  auto t = db->write([&](Tx& tx) {
    return TenantRepository(tx).create(all, {"Lakeside Clinic", "lakeside.org", "starter"});
  });
  EXPECT_EQ(t.id, 8);
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { TenantRepository(tx).create(all, {"Lakeside Clinic"}); }); }),
            Errc::conflict);
  auto updated = db->write([&](Tx& tx) {
    return TenantRepository(tx).update(all, t.id, {std::nullopt, std::string("enterprise"), std::string("suspended")});
  });
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->plan, "enterprise");
  EXPECT_EQ(updated->name, "Lakeside Clinic");
  EXPECT_EQ(
      error_of([&] {
        db->write([&](Tx& tx) { TenantRepository(tx).update(all, t.id, {std::string("General Hospital"), {}, {}}); });
      }),
      Errc::conflict);
  // The CHECK constraint backs the API's validation.
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) {
                             TenantRepository(tx).create(all, {"Bad Plan", {}, "gold"});
                           }); }),
            Errc::validation);
  db->read([&](Tx& tx) {
    auto plans = TenantRepository(tx).count_by_plan(all);
    EXPECT_EQ(plans["enterprise"], 4);
    EXPECT_EQ(TenantRepository(tx).list(all, {3, 2}).front().id, 3);  // limit 3 offset 2
    EXPECT_EQ(TenantRepository(tx).list(t2, {}).size(), 1u);
  });
}

TEST_P(Repositories, PatientEmailIsUniqueWithinATenant) {
  EXPECT_EQ(error_of([&] {
              db->write([&](Tx& tx) {
                PatientRepository(tx).create(all, {1, "John Again", std::string("john.doe@email.com"), {}});
              });
            }),
            Errc::conflict);
  // The same email in another tenant is a different person record.
  auto p = db->write([&](Tx& tx) {
    return PatientRepository(tx).create(all, {2, "John D", std::string("john.doe@email.com"), {}});
  });
  EXPECT_EQ(p.id, 6);
}

TEST_P(Repositories, AppointmentListFiltersAndOrder) {
  db->read([&](Tx& tx) {
    AppointmentRepository appts(tx);
    auto all_rows = appts.list(all, {}, {});
    ASSERT_EQ(all_rows.size(), 4u);
    for (std::size_t i = 1; i < all_rows.size(); ++i) EXPECT_GE(all_rows[i - 1].start_time, all_rows[i].start_time);
    EXPECT_EQ(appts.list(t1, {}, {}).size(), 3u);
    AppointmentFilter f;
    f.status = "completed";
    EXPECT_EQ(appts.list(all, f, {}).size(), 1u);
    f = {};
    f.date_from = all_rows.back().start_time.substr(0, 10);
    f.date_to = f.date_from;
    auto day = appts.list(all, f, {});
    ASSERT_EQ(day.size(), 1u);
    EXPECT_EQ(day[0].id, all_rows.back().id);
    EXPECT_EQ(appts.list(all, {}, {2, 0}).size(), 2u);
    EXPECT_EQ(appts.upcoming_for_patient(t1, 1, "2000-01-01 00:00:00", 10).size(), 2u);
    EXPECT_EQ(appts.upcoming_for_patient(t1, 1, "2999-01-01 00:00:00", 10).size(), 0u);
  });
}

TEST_P(Repositories, StaffListsActiveByRole) {
  db->read([&](Tx& tx) {
    auto doctors = StaffRepository(tx).list(t1, std::string("doctor"), {});
    ASSERT_EQ(doctors.size(), 3u);
    EXPECT_EQ(doctors[0].full_name, "Dr. Adams");
    EXPECT_EQ(StaffRepository(tx).list(t2, std::string("doctor"), {}).size(), 1u);
    EXPECT_EQ(StaffRepository(tx).list(all, std::nullopt, {}).size(), 9u);
  });
}

TEST_P(Repositories, KnowledgeSoftDeleteAndChangeFeed) {
  auto a =
      db->write([&](Tx& tx) { return KnowledgeRepository(tx).create(t1, 1, "Parking", "Free parking in lot B."); });
  db->write([&](Tx& tx) {
    auto u = KnowledgeRepository(tx).update(t1, a.id, {std::nullopt, std::string("Free parking in lot C.")});
    ASSERT_TRUE(u);
    EXPECT_EQ(u->title, "Parking");
    EXPECT_TRUE(KnowledgeRepository(tx).remove(t1, a.id));
    EXPECT_FALSE(KnowledgeRepository(tx).remove(t1, a.id));
  });
  db->read([&](Tx& tx) {
    KnowledgeRepository k(tx);
    EXPECT_FALSE(k.get(t1, a.id));
    EXPECT_EQ(k.count(all), 6);
    auto feed = k.changed_since(t1, "");
    ASSERT_EQ(feed.size(), 6u);  // 5 live articles of tenant 1 + the deleted one
    EXPECT_EQ(feed.back().id, a.id);
    EXPECT_TRUE(feed.back().deleted_at);
  });
}

TEST_P(Repositories, ConversationsKeepTurnsPerSession) {
  db->write([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.open(t1, {"sess-1", 1, 1, std::string("u9"), {}});
    auto again = c.open(t1, {"sess-1", 1, 1, std::string("u9"), {}});
    EXPECT_EQ(conv.id, again.id);  // a second turn of a session reuses it (D5)
    auto t1a =
        c.add_turn(conv, {"I need an appointment", std::string("Sure, when?"), std::string("book_appointment"), 0.9});
    NewTurn second{"Tomorrow at 9", std::nullopt, {}, {}};
    PipelineStep step;
    step.step_name = "classify_intent";
    step.status = "success";
    step.input = R"({"prompt":"x"})";
    step.output = R"({"intent":"book"})";
    step.end_time = 12.5;
    second.steps = encode_steps({step});
    auto t1b = c.add_turn(conv, second);
    EXPECT_EQ(t1a.turn_index, 1);
    EXPECT_EQ(t1b.turn_index, 2);
    c.set_turn_response(conv, t1b.id, "Booked.");
    c.save_state(conv, R"({"pending":"confirm"})");
    // Another tenant cannot attach to this session.
    EXPECT_EQ(error_of([&] { c.open(t2, {"sess-1", 2, {}, {}, {}}); }), Errc::not_found);
  });
  db->read([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.by_session(t1, "sess-1");
    ASSERT_TRUE(conv);
    EXPECT_EQ(conv->state, R"({"pending":"confirm"})");
    auto turns = c.recent_turns(*conv, 10);
    ASSERT_EQ(turns.size(), 2u);
    EXPECT_EQ(turns[1].response_text, "Booked.");
    auto steps = c.steps(*conv);
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].turn_id, turns[1].id);
    EXPECT_EQ(steps[0].status, "success");
    EXPECT_EQ(steps[0].output, R"({"intent":"book"})");
    EXPECT_EQ(steps[0].end_time, 12.5);
    EXPECT_EQ(c.steps(*conv, turns[0].id).size(), 0u);
    auto history = c.patient_history(t1, 1, {});
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].prompt, "Tomorrow at 9");
    EXPECT_TRUE(c.patient_history(t2, 1, {}).empty());
    EXPECT_EQ(c.count(all), 4);
  });
}

// A fresh session (an id the caller generated) is inserted without the lookup; it is still one conversation
// with ordinary turns, and a second "fresh" open of an existing id fails on the unique session id instead of
// creating a twin.
TEST_P(Repositories, FreshSessionsAreInsertedWithoutALookup) {
  SessionStart start{"sess-fresh", 1, 1, {}, {}};
  start.fresh = true;
  db->write([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.open(t1, start);
    EXPECT_EQ(c.add_turn(conv, {"hello", std::string("hi"), {}, {}}).turn_index, 1);
  });
  db->read([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.by_session(t1, "sess-fresh");
    ASSERT_TRUE(conv);
    EXPECT_EQ(conv->patient_id, 1);
    EXPECT_EQ(c.recent_turns(*conv, 10).size(), 1u);
  });
  EXPECT_ANY_THROW(db->write([&](Tx& tx) { ConversationRepository(tx).open(t1, start); }));
  start.tenant_id = 2;  // never into another tenant's scope
  start.session_id = "sess-fresh-2";
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { ConversationRepository(tx).open(t1, start); }); }), Errc::not_found);
}

// add_turn skips its SELECT MAX only for a conversation its own repository created in this transaction; the
// statements it reuses (cached per connection) must give every later transaction fresh values and ids.
TEST_P(Repositories, TurnIndexContinuesAcrossRepositoriesAndTransactions) {
  std::vector<Id> ids;
  for (int round = 0; round < 3; ++round) {
    db->write([&](Tx& tx) {
      ConversationRepository first(tx), second(tx);  // two group-committed turns of one session
      auto conv = first.open(t1, {"sess-cache", 1, {}, {}, {}});
      ids.push_back(first.add_turn(conv, {"turn a " + std::to_string(round), {}, {}, {}}).id);
      auto again = second.open(t1, {"sess-cache", 1, {}, {}, {}});
      ids.push_back(second.add_turn(again, {"turn b " + std::to_string(round), {}, {}, {}}).id);
    });
  }
  db->read([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.by_session(t1, "sess-cache");
    ASSERT_TRUE(conv);
    auto turns = c.recent_turns(*conv, 10);
    ASSERT_EQ(turns.size(), 6u);
    for (std::size_t i = 0; i < turns.size(); ++i) {
      EXPECT_EQ(turns[i].turn_index, static_cast<std::int64_t>(i + 1));
      EXPECT_EQ(turns[i].id, ids[i]);
      EXPECT_EQ(turns[i].user_text, std::string(i % 2 ? "turn b " : "turn a ") + std::to_string(i / 2));
    }
  });
}

// A turn's steps are stored with it as one JSON array and read back through the pipeline_steps view: every
// step, its NULLs, JSON and text that needs escaping, in order, per turn. Steps written before migration 0013
// (rows of pipeline_steps_archive) are read through the same view.
TEST_P(Repositories, TurnStepsArePackedWithTheTurnInOrder) {
  for (int round = 0; round < 2; ++round) {
    db->write([&](Tx& tx) {
      ConversationRepository c(tx);
      auto conv = c.open(t1, {"sess-steps", 1, {}, {}, {}});
      NewTurn turn{"turn " + std::to_string(round), {}, {}, {}};
      std::vector<PipelineStep> steps;
      for (int i = 0; i < 11; ++i) {
        PipelineStep s;
        s.step_name = "step" + std::to_string(round) + "-" + std::to_string(i);
        s.status = i % 2 ? "error" : "success";
        if (i % 3 == 0) s.input = R"({"i":)" + std::to_string(i) + R"(,"q":"say \"hi\"\n"})";
        if (i % 2) s.error_message = "boom \"quoted\" " + std::to_string(i) + "\n\u00e9";
        if (i != 4) s.start_time = 100.25 + i;
        steps.push_back(s);
      }
      turn.steps = encode_steps(steps);
      c.add_turn(conv, turn);
      c.add_turn(conv, {"no steps", {}, {}, {}});
    });
  }
  db->read([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.by_session(t1, "sess-steps");
    ASSERT_TRUE(conv);
    auto steps = c.steps(*conv);
    ASSERT_EQ(steps.size(), 22u);
    auto turns = c.recent_turns(*conv, 10);
    ASSERT_EQ(turns.size(), 4u);
    for (std::size_t k = 0; k < steps.size(); ++k) {
      const int round = static_cast<int>(k / 11), i = static_cast<int>(k % 11);
      const auto& s = steps[k];
      EXPECT_EQ(s.seq, i);
      EXPECT_EQ(s.step_name, "step" + std::to_string(round) + "-" + std::to_string(i));
      EXPECT_EQ(s.conversation_id, conv->id);
      EXPECT_EQ(s.turn_id, turns[static_cast<std::size_t>(2 * round)].id);
      EXPECT_EQ(s.status, i % 2 ? "error" : "success");
      if (i % 3 == 0) {
        ASSERT_TRUE(s.input);
        EXPECT_NE(s.input->find(R"("q":"say \"hi\"\n")"), std::string::npos) << *s.input;
      } else {
        EXPECT_FALSE(s.input);
      }
      if (i % 2)
        EXPECT_EQ(s.error_message, "boom \"quoted\" " + std::to_string(i) + "\n\u00e9");
      else
        EXPECT_FALSE(s.error_message);
      if (i != 4)
        EXPECT_EQ(s.start_time, 100.25 + i);
      else
        EXPECT_FALSE(s.start_time);
      EXPECT_FALSE(s.output);
      EXPECT_FALSE(s.end_time);
    }
    EXPECT_EQ(c.steps(*conv, turns[2].id).size(), 11u);
    EXPECT_TRUE(c.steps(*conv, turns[3].id).empty());
  });
  // A row from before the migration, beside the packed steps.
  db->write([&](Tx& tx) {
    auto conv = ConversationRepository(tx).by_session(t1, "sess-steps");
    ASSERT_TRUE(conv);
    tx.sql() << "INSERT INTO pipeline_steps_archive (conversation_id, turn_id, step_name, status, output, created_at, "
                "updated_at) VALUES (:c, NULL, 'validate_output', 'success', '{\"is_safe\":true}', :ca, :ua)",
        soci::use(conv->id), soci::use(tx.now()), soci::use(tx.now());
  });
  db->read([&](Tx& tx) {
    ConversationRepository c(tx);
    auto conv = c.by_session(t1, "sess-steps");
    auto steps = c.steps(*conv);
    ASSERT_EQ(steps.size(), 23u);
    const auto archived = std::find_if(steps.begin(), steps.end(), [](const auto& s) { return !s.turn_id; });
    ASSERT_NE(archived, steps.end());
    EXPECT_EQ(archived->step_name, "validate_output");
    EXPECT_EQ(archived->output, R"({"is_safe":true})");
  });
}

TEST_P(Repositories, PrescriptionRefillRules) {
  auto controlled = db->write([&](Tx& tx) {
    Prescription p;
    p.patient_id = 3;
    p.medication_name = "Oxycodone 5mg";
    p.controlled = true;
    return PrescriptionRepository(tx).add(t1, p);
  });
  db->write([&](Tx& tx) {
    auto r = PrescriptionRepository(tx).request_refill(t1, 1);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, "refill_requested");
    EXPECT_EQ(r->refills_remaining, 2);
    EXPECT_TRUE(r->refill_requested_at);
    EXPECT_FALSE(PrescriptionRepository(tx).request_refill(t2, 2));  // tenant 1's patient
  });
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { PrescriptionRepository(tx).request_refill(t1, 1); }); }),
            Errc::conflict);  // already pending
  EXPECT_EQ(error_of([&] { db->write([&](Tx& tx) { PrescriptionRepository(tx).request_refill(t1, controlled.id); }); }),
            Errc::conflict);
  db->read([&](Tx& tx) { EXPECT_EQ(PrescriptionRepository(tx).refill_requests(t1, 1).size(), 1u); });
}

TEST_P(Repositories, PlatformConfigUpdatesOnlyExistingKeys) {
  db->write([&](Tx& tx) {
    PlatformConfigRepository c(tx);
    auto e = c.set("maintenance_mode", "true");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->category, "general");
    EXPECT_FALSE(c.set("no_such_key", "1"));
  });
  db->read([&](Tx& tx) {
    auto rows = PlatformConfigRepository(tx).list();
    ASSERT_EQ(rows.size(), 9u);
    EXPECT_EQ(rows[0].key, "api_gateway_timeout_ms");  // category, then key
    EXPECT_EQ(PlatformConfigRepository(tx).get("maintenance_mode")->value, "true");
  });
}

TEST_P(Repositories, ApiKeysAreStoredHashedAndRevocable) {
  auto issued = db->write([&](Tx& tx) { return ApiKeyRepository(tx).issue(t2, 2, "billing integration"); });
  EXPECT_TRUE(issued.secret.starts_with("ak_"));
  db->read([&](Tx& tx) {
    std::string stored;
    tx.sql() << "SELECT key_hash FROM api_keys WHERE id = :id", soci::use(issued.key.id), soci::into(stored);
    EXPECT_EQ(stored.size(), 64u);
    EXPECT_EQ(stored.find(issued.secret), std::string::npos);
  });
  auto found = db->write([&](Tx& tx) { return ApiKeyRepository(tx).authenticate(issued.secret); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tenant_id, 2);
  EXPECT_TRUE(found->last_used_at);
  db->write([&](Tx& tx) {
    EXPECT_FALSE(ApiKeyRepository(tx).revoke(t1, issued.key.id));
    EXPECT_TRUE(ApiKeyRepository(tx).revoke(t2, issued.key.id));
  });
  EXPECT_FALSE(db->read([&](Tx& tx) { return ApiKeyRepository(tx).authenticate(issued.secret); }));
  EXPECT_FALSE(db->read([&](Tx& tx) { return ApiKeyRepository(tx).authenticate("ak_wrong"); }));
}

TEST_P(Repositories, WritingThroughAReadTransactionIsRefused) {
  EXPECT_THROW(db->read([&](Tx& tx) { AuditRepository(tx).record({}); }), std::logic_error);
}

TEST_P(Repositories, RollbackOnExceptionLeavesNoTrace) {
  EXPECT_THROW(db->write([&](Tx& tx) {
    PatientRepository(tx).create(all, {1, "Ghost", {}, {}});
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_EQ(db->read([&](Tx& tx) { return PatientRepository(tx).count(all); }), 5);
}

AURIXA_STORE_BACKENDS(Repositories);

}  // namespace
}  // namespace aurixa::store
