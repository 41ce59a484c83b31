#pragma once
// The tenant and patient a conversation turn acts for: one rule for the agent runtime (service.cpp) and the
// pipeline (orchestration/pipeline.cpp). Header-only, because orchestration links the store but not
// aurixa_agents.
#include <cstdint>
#include <optional>
#include <string>

#include "core/context.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/patients.hpp"

namespace aurixa::agents {

struct TurnParty {
  std::int64_t tenant = 1;
  std::optional<std::int64_t> patient;
};

// Where the two callers differ.
struct TurnPartyOptions {
  // 403 (field tenant_id) when the request names a tenant other than the tenant-bound caller's (the
  // pipeline's public API); false: the caller's tenant silently wins (the agent runtime, called by the pipeline).
  bool reject_tenant_mismatch = false;
  // The 403 detail when a patient names another patient's record.
  const char* other_patient_detail = "A patient may only act for their own record";
};

// A patient principal always acts for itself; a tenant-bound caller only within its tenant; an open (auth
// off) caller for the patient's own tenant, else the request's, else tenant 1. Reads the store only when
// there is a patient (it must exist in that tenant: 404 naming patient_id).
inline TurnParty resolve_turn_party(store::Database& db, std::optional<std::int64_t> patient_id,
                                    std::optional<std::int64_t> tenant_id, const CallContext& ctx,
                                    const TurnPartyOptions& options = {}) {
  TurnParty w;
  w.patient = patient_id;
  if (ctx.principal.role == "patient") {
    if (!ctx.principal.patient_id) throw ApiError(Errc::forbidden, "This account is not linked to a patient record");
    if (patient_id && *patient_id != *ctx.principal.patient_id)
      throw ApiError(Errc::forbidden, options.other_patient_detail, "patient_id");
    w.patient = ctx.principal.patient_id;
  }
  if (options.reject_tenant_mismatch && ctx.tenant_id && tenant_id && *tenant_id != *ctx.tenant_id)
    throw ApiError(Errc::forbidden, "tenant_id does not match the caller's tenant", "tenant_id");
  std::optional<std::int64_t> tenant = ctx.tenant_id ? ctx.tenant_id : tenant_id;
  if (w.patient) {
    db.read([&](store::Tx& tx) {
      const auto scope = tenant ? store::Scope::tenant(*tenant) : store::Scope::platform();
      const auto p = store::PatientRepository(tx).get(scope, *w.patient);
      if (!p) throw ApiError(Errc::not_found, "Patient " + std::to_string(*w.patient) + " not found", "patient_id");
      if (!tenant) tenant = p->tenant_id;
    });
  }
  w.tenant = tenant.value_or(1);
  return w;
}

}  // namespace aurixa::agents
