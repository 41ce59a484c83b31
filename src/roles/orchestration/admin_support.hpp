#pragma once
// Shared pieces of the admin API's HTTP adapters: who is calling and for which tenant, id and input
// parsing, the audit trail, idempotent writes and the wire format of each record. Internal to the
// orchestration role (includes Boost.JSON; never include from an api.hpp).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/context.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/model.hpp"

namespace aurixa::orchestration::admin {

namespace bj = boost::json;
using store::Id;

// Every admin route: the store it works on, and the group-committing audit log for rows that are not part
// of a write transaction. Handlers capture a copy of this.
struct Deps {
  store::Database* db;
  std::shared_ptr<store::AuditLog> audit_log;
};

// ---- who and for which tenant ----

// The caller for audit purposes. With authentication (the gateway fills CallContext) the principal's id
// is recorded; the original's open API recorded fixed labels ("admin", "staff"), which stay the fallback.
struct Actor {
  std::string user;
  std::string role;
  std::optional<Id> tenant;  // the credential's tenant, if any
  std::string request_id;
};
Actor actor_of(const CallContext& ctx, std::string_view fallback_user);

// The rows a caller may see: its credential's tenant, or every tenant for a platform-level caller (the
// original's open admin API). A ?tenant_id= filter (0 = all, like the original) narrows platform scope;
// asking for another tenant than one's own is 403.
store::Scope caller_scope(const CallContext& ctx);
store::Scope list_scope(const http::Request& req, const CallContext& ctx);
// 403 unless the caller is platform-level (tenant creation, platform config).
void require_platform(const CallContext& ctx);

// ---- input ----

// Path id: a positive integer, else 422 naming `field`.
Id path_id(const http::Request& req, std::string_view param, std::string_view field);
// Tenant path id: "t-007", "t-7" or "7"; else 422 "Invalid tenant id".
Id tenant_path_id(const http::Request& req);
store::Page page_of(const http::Request& req, std::int64_t default_limit);
// Optional string that, when present, is trimmed and must be non-empty and at most max_len characters.
std::optional<std::string> optional_text(const bj::object& o, std::string_view field, std::size_t max_len);
std::string require_text(const bj::object& o, std::string_view field, std::size_t max_len);
// Value must be one of `allowed` (422 listing them otherwise).
void require_one_of(const std::string& value, std::initializer_list<std::string_view> allowed, std::string_view field);
// YYYY-MM-DD that is a real calendar date.
bool is_date(std::string_view s);

// ---- audit ----

struct AuditEvent {
  std::string action;         // e.g. "Patient Viewed"
  std::string details;        // human sentence
  std::string resource_type;  // patient, appointment, tenant, knowledge_article, config, ...
  std::string resource_id;
  std::optional<Id> tenant;
  std::string severity = "info";
};
store::AuditEntry audit_entry(const Actor& actor, const AuditEvent& event, std::string_view outcome = "success");
// Appends to the audit log inside the caller's transaction (writes: atomic with the change).
void audit(store::Tx& tx, const Actor& actor, const AuditEvent& event, std::string_view outcome = "success");

// Runs a route body that touches patient data and guarantees an audit row for it: reads get a row after
// they succeed, and any request refused with an ApiError (not found, invalid, conflict, ...) gets a row
// with that outcome; both through the group-committing AuditLog, since they belong to no write
// transaction (a refused write was rolled back). The response waits for its row to be committed.
// `event` may be completed by fn (e.g. with the record id or tenant once known).
http::Response audited(const Deps& deps, const Actor& actor, AuditEvent& event, bool is_read,
                       const std::function<http::Response()>& fn);

// GET <path> with a patient {id}: an audited list of that patient's records. `load` reads them in one read
// transaction (and may refuse an unknown patient) and returns them as JSON; the audit row names the patient and
// how many `noun` were viewed, and a refusal is audited too.
struct PatientRecords {
  std::string path;    // e.g. /api/v1/patients/{id}/prescriptions
  std::string action;  // e.g. Patient Prescriptions Viewed
  std::string noun;    // e.g. prescriptions
  std::int64_t default_limit = 100;
};
void patient_records_route(
    http::Router& router, const Deps& deps, PatientRecords route,
    std::function<bj::array(store::Tx&, const store::Scope&, Id patient, const store::Page&)> load);

// ---- idempotent writes ----

// Runs fn in one write transaction. With an Idempotency-Key header, the first successful response is
// stored in that same transaction and returned again (with Idempotent-Replayed: true) for a retry with the
// same key and body, so the write happens at most once; the same key with a different body -> 422.
http::Response idempotent_write(store::Database& db, const http::Request& req, const store::Scope& scope,
                                std::string_view route, const std::function<http::Response(store::Tx&)>& fn);

// ---- wire format (the original's field names; D15's missing fields added) ----

std::string tenant_wire_id(Id id);                 // t-001
std::string wire_time(const std::string& stored);  // "YYYY-MM-DD HH:MM:SS" -> "YYYY-MM-DDTHH:MM:SS"
bj::value opt_json(const std::optional<std::string>& s);
bj::value opt_json(const std::optional<Id>& v);
bj::object tenant_json(const store::Tenant& t);
bj::object patient_json(const store::Patient& p);
bj::object appointment_json(const store::Appointment& a);
bj::object staff_json(const store::Staff& s);
bj::object article_json(const store::KnowledgeArticle& a);
bj::object audit_json(const store::AuditEntry& e);
// Cuts a UTF-8 string to at most max_bytes without splitting a character.
std::string truncate_utf8(const std::string& s, std::size_t max_bytes);

}  // namespace aurixa::orchestration::admin
