// Booking: one slot is booked once, also under concurrency; status lifecycle; availability consumption.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "store/appointments.hpp"
#include "store/availability.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

class Booking : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
  NewAppointment visit(const std::string& start, const std::string& end, Id patient = 3) const {
    return {1, patient, start, end, "Dr. Bell", std::string("Checkup")};
  }
};

TEST_P(Booking, HundredConcurrentBookingsOfOneSlotGiveExactlyOne) {
  constexpr int kRequests = 100;
  std::atomic<int> booked{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      try {
        db->write([&](Tx& tx) {
          // Different patients race for the same provider and time.
          AppointmentRepository(tx).book(Scope::tenant(1),
                                         visit("2031-03-04 10:00:00", "2031-03-04 10:30:00", i % 2 ? 1 : 3));
        });
        ++booked;
      } catch (const ApiError& e) {
        (e.errc() == Errc::conflict ? conflicts : other)++;
      } catch (const std::exception&) {  // never let an exception escape a thread (std::terminate)
        ++other;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(booked.load(), 1);
  EXPECT_EQ(conflicts.load(), kRequests - 1);
  EXPECT_EQ(other.load(), 0);
  AppointmentFilter f;
  f.date_from = f.date_to = "2031-03-04";
  EXPECT_EQ(db->read([&](Tx& tx) { return AppointmentRepository(tx).list(Scope::platform(), f, {}).size(); }), 1u);
}

TEST_P(Booking, OverlappingVisitOfTheSameProviderIsAConflict) {
  db->write([&](Tx& tx) {
    AppointmentRepository(tx).book(Scope::platform(), visit("2031-01-01 09:00:00", "2031-01-01 09:30:00"));
  });
  auto attempt = [&](const std::string& s, const std::string& e) {
    try {
      db->write([&](Tx& tx) { AppointmentRepository(tx).book(Scope::platform(), visit(s, e)); });
      return Errc::internal;  // "no error"
    } catch (const ApiError& err) {
      return err.errc();
    }
  };
  EXPECT_EQ(attempt("2031-01-01 09:15:00", "2031-01-01 09:45:00"), Errc::conflict);
  EXPECT_EQ(attempt("2031-01-01 08:45:00", "2031-01-01 09:15:00"), Errc::conflict);
  EXPECT_EQ(attempt("2031-01-01 09:30:00", "2031-01-01 10:00:00"), Errc::internal);  // back-to-back is fine
}

TEST_P(Booking, CancellingFreesTheSlot) {
  auto a = db->write([&](Tx& tx) {
    return AppointmentRepository(tx).book(Scope::platform(), visit("2031-02-02 14:00:00", "2031-02-02 14:30:00"));
  });
  db->write([&](Tx& tx) { AppointmentRepository(tx).set_status(Scope::platform(), a.id, "cancelled"); });
  auto b = db->write([&](Tx& tx) {
    return AppointmentRepository(tx).book(Scope::platform(), visit("2031-02-02 14:00:00", "2031-02-02 14:30:00"));
  });
  EXPECT_NE(a.id, b.id);
}

TEST_P(Booking, StatusLifecycleIsForwardOnly) {
  EXPECT_TRUE(appointment_transition_allowed("confirmed", "checked_in"));
  EXPECT_TRUE(appointment_transition_allowed("confirmed", "completed"));
  EXPECT_TRUE(appointment_transition_allowed("checked_in", "cancelled"));
  EXPECT_TRUE(appointment_transition_allowed("in_room", "in_room"));
  EXPECT_FALSE(appointment_transition_allowed("completed", "confirmed"));
  EXPECT_FALSE(appointment_transition_allowed("cancelled", "confirmed"));
  EXPECT_FALSE(appointment_transition_allowed("in_room", "cancelled"));
  EXPECT_FALSE(appointment_transition_allowed("checked_in", "confirmed"));
  // Seeded appointment 3 is completed: reopening it is a conflict, an unknown status is invalid.
  auto errc = [&](const std::string& status) {
    try {
      db->write([&](Tx& tx) { AppointmentRepository(tx).set_status(Scope::platform(), 3, status); });
    } catch (const ApiError& e) {
      return e.errc();
    }
    return Errc::internal;
  };
  EXPECT_EQ(errc("confirmed"), Errc::conflict);
  EXPECT_EQ(errc("teleported"), Errc::validation);
  EXPECT_FALSE(
      db->write([&](Tx& tx) { return AppointmentRepository(tx).set_status(Scope::tenant(2), 1, "checked_in"); }));
}

TEST_P(Booking, RescheduleChecksTheNewTime) {
  auto a = db->write([&](Tx& tx) {
    return AppointmentRepository(tx).book(Scope::platform(), visit("2031-05-05 09:00:00", "2031-05-05 09:30:00"));
  });
  auto b = db->write([&](Tx& tx) {
    return AppointmentRepository(tx).book(Scope::platform(), visit("2031-05-05 10:00:00", "2031-05-05 10:30:00"));
  });
  EXPECT_THROW(db->write([&](Tx& tx) {
    AppointmentRepository(tx).reschedule(Scope::platform(), b.id, "2031-05-05 09:00:00", "2031-05-05 09:30:00");
  }),
               ApiError);
  // Moving within its own slot does not conflict with itself.
  auto moved = db->write([&](Tx& tx) {
    return AppointmentRepository(tx).reschedule(Scope::platform(), a.id, "2031-05-05 09:15:00", "2031-05-05 09:45:00");
  });
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->start_time, "2031-05-05 09:15:00");
}

TEST_P(Booking, BookedSlotsLeaveTheFreeList) {
  auto slots = db->read([&](Tx& tx) { return AvailabilityRepository(tx).slots(Scope::tenant(1), "2000-01-01"); });
  EXPECT_TRUE(slots.empty());
  db->write([&](Tx& tx) {
    AvailabilityRepository(tx).add(Scope::tenant(1), {0, 1, "2031-06-06", "09:00", "09:30", "Dr. Bell"});
    AvailabilityRepository(tx).add(Scope::tenant(1), {0, 1, "2031-06-06", "10:00", "10:30", "Dr. Bell"});
  });
  db->write([&](Tx& tx) {
    AppointmentRepository(tx).book(Scope::tenant(1), visit("2031-06-06 09:00:00", "2031-06-06 09:30:00"));
  });
  db->read([&](Tx& tx) {
    AvailabilityRepository a(tx);
    EXPECT_EQ(a.slots(Scope::tenant(1), "2031-06-06").size(), 2u);
    auto free = a.free_slots(Scope::tenant(1), "2031-06-06");
    ASSERT_EQ(free.size(), 1u);
    EXPECT_EQ(free[0].start_time, "10:00");
    EXPECT_TRUE(a.free_slots(Scope::tenant(2), "2031-06-06").empty());
    EXPECT_EQ(a.count(Scope::tenant(1)), 65);
  });
  EXPECT_THROW(db->write([&](Tx& tx) {
    AvailabilityRepository(tx).add(Scope::tenant(1), {0, 1, "2031-06-06", "10:00", "10:30", "Dr. Bell"});
  }),
               ApiError);
}

// provider_names() (one query) lists providers as slots() date by date would first show them.
TEST_P(Booking, ProviderNamesFollowTheOrderSlotsFirstShowThem) {
  db->write([&](Tx& tx) {
    AvailabilityRepository repo(tx);
    for (const auto& [date, start, provider] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"2031-05-02", "08:00", "Dr. Zed"}, {"2031-05-01", "10:00", "Dr. Young"}, {"2031-05-01", "09:00", "Dr. Xu"},
             {"2031-05-01", "09:00", "Dr. Abel"}, {"2031-05-02", "07:00", "Dr. Xu"}, {"2031-05-09", "07:00", "Dr. Late"}})
      repo.add(Scope::tenant(1), {0, 1, date, start, "23:00", provider});
    repo.add(Scope::tenant(2), {0, 2, "2031-05-01", "06:00", "23:00", "Dr. Other Tenant"});
  });
  db->read([&](Tx& tx) {
    AvailabilityRepository repo(tx);
    std::vector<std::string> expected;
    for (const char* date : {"2031-05-01", "2031-05-02", "2031-05-03"})
      for (const auto& s : repo.slots(Scope::tenant(1), date))
        if (std::find(expected.begin(), expected.end(), s.provider_name) == expected.end()) expected.push_back(s.provider_name);
    EXPECT_EQ(expected, (std::vector<std::string>{"Dr. Abel", "Dr. Xu", "Dr. Young", "Dr. Zed"}));
    EXPECT_EQ(repo.provider_names(Scope::tenant(1), "2031-05-01", "2031-05-03"), expected);
  });
}

AURIXA_STORE_BACKENDS(Booking);

}  // namespace
}  // namespace aurixa::store
