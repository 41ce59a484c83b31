#include "roles/agents/store_clinic.hpp"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "core/error.hpp"
#include "roles/agents/planner.hpp"
#include "roles/agents/tenant_cache.hpp"
#include "store/appointments.hpp"
#include "store/availability.hpp"
#include "store/clinical.hpp"
#include "store/database.hpp"

namespace aurixa::agents {

nlu::Now local_now(const std::string& time_zone) {
  using namespace std::chrono;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone.empty() ? "UTC" : time_zone);
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  const auto local = zone->to_local(system_clock::now());
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const auto tod = date::make_time(duration_cast<minutes>(local - day));
  return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), int(tod.hours().count()),
          int(tod.minutes().count())};
}

namespace {

class StoreClinic final : public Clinic {
 public:
  StoreClinic(store::Database& db, std::int64_t tenant, std::string tz, std::shared_ptr<execution::Api> exec,
              const CallContext& ctx, TenantCache* tenants)
      : db_(db),
        scope_(store::Scope::tenant(tenant)),
        tz_(std::move(tz)),
        exec_(std::move(exec)),
        ctx_(ctx),
        tenants_(tenants) {
    ctx_.tenant_id = tenant;
  }

  nlu::Now now() override { return local_now(tz_); }

  std::vector<std::string> providers() override {
    if (providers_.empty()) {
      const auto n = now();
      char today[16];
      std::snprintf(today, sizeof today, "%04d-%02d-%02d", n.year, n.month, n.day);
      if (tenants_) {
        providers_ = tenants_->providers(db_, *ctx_.tenant_id, today);
      } else {
        db_.read([&](store::Tx& tx) {
          providers_ = store::AvailabilityRepository(tx).provider_names(scope_, today, add_days(today, 13));
        });
      }
    }
    return providers_;
  }

  std::vector<Slot> free_slots(const std::string& first, const std::string& last) override {
    std::vector<Slot> out;
    db_.read([&](store::Tx& tx) {
      store::AvailabilityRepository repo(tx);
      int guard = 0;
      for (std::string d = first; d <= last && guard < 62; d = add_days(d, 1), ++guard)
        for (const auto& s : repo.free_slots(scope_, d)) out.push_back({s.slot_date, s.start_time, s.provider_name});
    });
    std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) { return std::tie(a.date, a.time) < std::tie(b.date, b.time); });
    return out;
  }

  std::vector<Visit> upcoming_visits(std::int64_t patient_id) override {
    const auto n = now();
    char from[32];
    std::snprintf(from, sizeof from, "%04d-%02d-%02d %02d:%02d:00", n.year, n.month, n.day, n.hour, n.minute);
    std::vector<Visit> out;
    db_.read([&](store::Tx& tx) {
      for (const auto& a : store::AppointmentRepository(tx).upcoming_for_patient(scope_, patient_id, from, 10))
        // A visit already under way or done can be neither moved nor cancelled: not something to pick from.
        if (store::appointment_transition_allowed(a.status, "cancelled"))
          out.push_back({a.id, a.start_time.substr(0, 10), a.start_time.substr(11, 5), a.provider_name, a.reason.value_or("")});
    });
    return out;
  }

  std::vector<Medication> prescriptions(std::int64_t patient_id) override {
    if (meds_patient_ != patient_id) {
      meds_.clear();
      db_.read([&](store::Tx& tx) {
        for (const auto& p : store::PrescriptionRepository(tx).for_patient(scope_, patient_id))
          if (p.status == "active") meds_.push_back({p.id, p.medication_name, p.refills_remaining});
      });
      meds_patient_ = patient_id;
    }
    return meds_;
  }

  execution::ExecuteResult execute(const std::string& action, const std::map<std::string, std::string>& params,
                                   const std::string& idempotency_key) override {
    if (!exec_) throw ApiError(Errc::unavailable, "The execution engine is not available");
    execution::ExecuteRequest req;
    req.action_name = action;
    req.params = params;
    req.params.try_emplace("tenant_id", std::to_string(*ctx_.tenant_id));
    req.idempotency_key = idempotency_key;
    req.actor = "agent-runtime";
    return exec_->execute(req, ctx_);
  }

 private:
  store::Database& db_;
  store::Scope scope_;
  std::string tz_;
  std::shared_ptr<execution::Api> exec_;
  CallContext ctx_;
  TenantCache* tenants_;
  std::vector<std::string> providers_;
  std::vector<Medication> meds_;
  std::int64_t meds_patient_ = -1;
};

}  // namespace

std::unique_ptr<Clinic> make_store_clinic(store::Database& db, std::int64_t tenant_id, std::string time_zone,
                                          std::shared_ptr<execution::Api> execution, const CallContext& ctx,
                                          TenantCache* tenants) {
  return std::make_unique<StoreClinic>(db, tenant_id, std::move(time_zone), std::move(execution), ctx, tenants);
}

}  // namespace aurixa::agents
