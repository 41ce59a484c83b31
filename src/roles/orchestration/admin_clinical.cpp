// Clinical records and the staff work queue for the portals: GET /api/v1/patients/{id}/prescriptions,
// GET /api/v1/patients/{id}/refill-requests, GET /api/v1/tasks?status=&kind=, PATCH /api/v1/tasks/{id}.
// The execution engine writes these records; here they are read (audited, like every patient-data route)
// and tasks are moved through open -> in_progress -> done.
#include "roles/orchestration/admin_routes.hpp"
#include "store/clinical.hpp"
#include "store/patients.hpp"
#include "store/refills.hpp"
#include "store/tasks.hpp"

namespace aurixa::orchestration::admin {
namespace {

bj::object prescription_json(const store::Prescription& r) {
  return {{"id", r.id},
          {"patientId", r.patient_id},
          {"medicationName", r.medication_name},
          {"status", r.status},
          {"refillsRemaining", r.refills_remaining},
          {"controlled", r.controlled},
          {"refillRequestedAt", r.refill_requested_at ? bj::value(wire_time(*r.refill_requested_at)) : nullptr}};
}

bj::object refill_json(const store::RefillRequest& r) {
  return {{"id", r.id},
          {"tenantId", r.tenant_id},
          {"patientId", r.patient_id},
          {"prescriptionId", r.prescription_id},
          {"medicationName", r.medication_name},
          {"pharmacy", opt_json(r.pharmacy)},
          {"status", r.status},
          {"requestedBy", opt_json(r.requested_by)},
          {"createdAt", wire_time(r.created_at)},
          {"updatedAt", wire_time(r.updated_at)}};
}

bj::object task_json(const store::StaffTask& t) {
  return {{"id", t.id},
          {"tenantId", t.tenant_id},
          {"patientId", opt_json(t.patient_id)},
          {"kind", t.kind},
          {"status", t.status},
          {"priority", t.priority},
          {"title", t.title},
          {"details", opt_json(t.details)},
          {"sessionId", opt_json(t.session_id)},
          {"recipient", opt_json(t.recipient)},
          {"dueAt", t.due_at ? bj::value(wire_time(*t.due_at)) : nullptr},
          {"createdBy", opt_json(t.created_by)},
          {"createdAt", wire_time(t.created_at)},
          {"updatedAt", wire_time(t.updated_at)}};
}

// 404 unless the patient is visible to the caller (an empty list would hide a wrong id or tenant).
void require_patient(store::Tx& tx, const store::Scope& scope, Id id) {
  if (!store::PatientRepository(tx).get(scope, id)) throw ApiError::not_found("Patient not found");
}

std::optional<std::string> query_choice(const http::Request& req, std::string_view name,
                                        std::initializer_list<std::string_view> allowed) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::string s(*v);
  require_one_of(s, allowed, name);
  return s;
}

}  // namespace

void register_clinical_routes(http::Router& router, const Deps& deps) {
  // A patient has few prescriptions: the list is never paged.
  patient_records_route(router, deps,
                        {"/api/v1/patients/{id}/prescriptions", "Patient Prescriptions Viewed", "prescriptions"},
                        [](store::Tx& tx, const store::Scope& scope, Id id, const store::Page&) {
                          require_patient(tx, scope, id);
                          bj::array out;
                          for (const auto& r : store::PrescriptionRepository(tx).for_patient(scope, id))
                            out.push_back(prescription_json(r));
                          return out;
                        });
  patient_records_route(router, deps,
                        {"/api/v1/patients/{id}/refill-requests", "Patient Refill Requests Viewed", "refill requests"},
                        [](store::Tx& tx, const store::Scope& scope, Id id, const store::Page& page) {
                          require_patient(tx, scope, id);
                          bj::array out;
                          for (const auto& r : store::RefillRequestRepository(tx).for_patient(scope, id, page))
                            out.push_back(refill_json(r));
                          return out;
                        });

  router.get("/api/v1/tasks", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "staff");
    auto scope = list_scope(req, ctx);
    AuditEvent ev{"Staff Tasks Listed", "", "staff_task", "", scope.tenant_id()};
    return audited(deps, actor, ev, true, [&] {
      auto page = page_of(req, 100);
      store::TaskFilter f;
      f.status = query_choice(req, "status", {"open", "in_progress", "done"});
      f.kind = query_choice(req, "kind", {"handoff", "email", "reminder"});
      auto rows = deps.db->read([&](store::Tx& tx) { return store::StaffTaskRepository(tx).list(scope, f, page); });
      ev.details = "Listed " + std::to_string(rows.size()) + " staff tasks";
      bj::array out;
      for (const auto& t : rows) out.push_back(task_json(t));
      return json::ok(out);
    });
  });

  router.patch("/api/v1/tasks/{id}", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "staff");
    AuditEvent ev{"Staff Task Updated", "", "staff_task", req.param("id"), ctx.tenant_id};
    return audited(deps, actor, ev, false, [&] {
      const Id id = path_id(req, "id", "task_id");
      auto body = json::parse_object(req);
      const std::string status = require_text(body, "status", 32);
      require_one_of(status, {"open", "in_progress", "done"}, "status");
      const auto scope = caller_scope(ctx);
      return idempotent_write(*deps.db, req, scope, "PATCH /api/v1/tasks/{id}", [&](store::Tx& tx) {
        store::StaffTaskRepository repo(tx);
        auto before = repo.get(scope, id);
        if (!before) throw ApiError::not_found("Task not found");
        auto t = repo.set_status(scope, id, status);
        ev.tenant = t->tenant_id;
        ev.details = "Task " + std::to_string(id) + " status " + before->status + " -> " + status;
        audit(tx, actor, ev);
        return json::ok(task_json(*t));
      });
    });
  });
}

}  // namespace aurixa::orchestration::admin
