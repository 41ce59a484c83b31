// Patients and staff: GET/POST /api/v1/patients, GET /api/v1/patients/{id}, .../{id}/appointments,
// .../{id}/conversations, GET /api/v1/staff (spec/API.md §3.4-3.5). Every patient-data route is audited.
#include "roles/orchestration/admin_routes.hpp"
#include "store/appointments.hpp"
#include "store/conversations.hpp"
#include "store/patients.hpp"
#include "store/staff.hpp"

namespace aurixa::orchestration::admin {
namespace {

// A pragmatic check (one '@', a dot in the domain, no spaces): enough to catch typos, not RFC 5322.
void check_email(const std::string& email) {
  auto at = email.find('@');
  bool ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
            email.find('.', at) != std::string::npos && email.back() != '.' &&
            email.find_first_of(" \t\r\n") == std::string::npos;
  if (!ok) throw ApiError::validation("email", "field 'email' is not a valid email address");
}

void check_phone(const std::string& phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (std::string_view(" +-().").find(c) == std::string_view::npos)
      throw ApiError::validation("phone_number", "field 'phone_number' may contain digits, spaces and + - ( ) . only");
  }
  if (digits < 3 || digits > 20)
    throw ApiError::validation("phone_number", "field 'phone_number' needs 3 to 20 digits");
}

}  // namespace

void register_patient_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/patients", [deps](const http::Request& req, CallContext& ctx) {
    auto page = page_of(req, 100);
    auto scope = list_scope(req, ctx);
    auto actor = actor_of(ctx, "admin");
    AuditEvent ev{"Patients Listed", "", "patient", "", scope.tenant_id()};
    return audited(deps, actor, ev, true, [&] {
      auto rows = deps.db->read([&](store::Tx& tx) { return store::PatientRepository(tx).list(scope, page); });
      ev.details = "Listed " + std::to_string(rows.size()) + " patients" +
                   (scope.tenant_id() ? " of tenant " + std::to_string(*scope.tenant_id()) : "");
      bj::array out;
      for (const auto& p : rows) out.push_back(patient_json(p));
      return json::ok(out);
    });
  });

  router.post("/api/v1/patients", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "admin");
    AuditEvent ev{"Patient Created", "", "patient", "", ctx.tenant_id};
    return audited(deps, actor, ev, false, [&] {
      auto body = json::parse_object(req);
      store::NewPatient p;
      p.full_name = require_text(body, "full_name", 255);
      p.email = optional_text(body, "email", 320);
      p.phone_number = optional_text(body, "phone_number", 64);
      if (p.email) check_email(*p.email);
      if (p.phone_number) check_phone(*p.phone_number);
      p.tenant_id = json::optional_int(body, "tenant_id").value_or(ctx.tenant_id.value_or(1));
      ev.tenant = p.tenant_id;
      const auto scope = caller_scope(ctx);
      return idempotent_write(*deps.db, req, scope, "POST /api/v1/patients", [&](store::Tx& tx) {
        auto created = store::PatientRepository(tx).create(scope, p);
        ev.resource_id = std::to_string(created.id);
        ev.details = "Created patient '" + created.full_name + "' (id=" + ev.resource_id +
                     ", tenant_id=" + std::to_string(p.tenant_id) + ")";
        audit(tx, actor, ev);
        return json::ok(patient_json(created));
      });
    });
  });

  router.get("/api/v1/patients/{id}", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "admin");
    AuditEvent ev{"Patient Viewed", "", "patient", req.param("id"), ctx.tenant_id};
    return audited(deps, actor, ev, true, [&] {
      const Id id = path_id(req, "id", "patient_id");
      auto scope = list_scope(req, ctx);
      auto p = deps.db->read([&](store::Tx& tx) { return store::PatientRepository(tx).get(scope, id); });
      if (!p) throw ApiError::not_found("Patient not found");
      ev.tenant = p->tenant_id;
      ev.details = "Viewed patient " + std::to_string(id);
      auto out = patient_json(*p);
      out["email"] = p->email.value_or("");  // the original's by-id form: "" rather than null
      out["phoneNumber"] = p->phone_number.value_or("");
      return json::ok(out);
    });
  });

  patient_records_route(router, deps,
                        {"/api/v1/patients/{id}/appointments", "Patient Appointments Viewed", "appointments"},
                        [](store::Tx& tx, const store::Scope& scope, Id id, const store::Page& page) {
                          bj::array out;
                          for (const auto& a : store::AppointmentRepository(tx).for_patient(scope, id, page))
                            out.push_back(appointment_json(a));
                          return out;
                        });
  patient_records_route(
      router, deps, {"/api/v1/patients/{id}/conversations", "Patient Conversations Viewed", "conversation turns", 20},
      [](store::Tx& tx, const store::Scope& scope, Id id, const store::Page& page) {
        bj::array out;
        for (const auto& t : store::ConversationRepository(tx).patient_history(scope, id, page))
          out.push_back(bj::object{{"id", t.turn_id},
                                   {"conversationId", t.conversation_id},
                                   {"sessionId", t.session_id},
                                   {"prompt", truncate_utf8(t.prompt, 200)},
                                   {"response", truncate_utf8(t.response, 500)},
                                   {"createdAt", wire_time(t.created_at)}});
        return out;
      });

  router.get("/api/v1/staff", [deps](const http::Request& req, CallContext& ctx) {
    auto page = page_of(req, 100);
    auto scope = list_scope(req, ctx);
    auto role = req.query_param("role");
    if (role && role->empty()) role.reset();
    if (role) require_one_of(*role, {"reception", "nurse", "doctor", "scheduler", "admin"}, "role");
    auto rows = deps.db->read([&](store::Tx& tx) { return store::StaffRepository(tx).list(scope, role, page); });
    bj::array out;
    for (const auto& s : rows) out.push_back(staff_json(s));
    return json::ok(out);
  });
}

}  // namespace aurixa::orchestration::admin
