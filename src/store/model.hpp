#pragma once
// Plain records returned and accepted by the repositories. No SOCI, no Boost: any role may include this.
// Timestamps are naive UTC text "YYYY-MM-DD HH:MM:SS" (the original's convention); dates "YYYY-MM-DD";
// times of day "HH:MM". Ids are the database's integer ids (wire formats like "t-001" are the HTTP
// layer's business).
#include <cstdint>
#include <optional>
#include <string>

namespace aurixa::store {

using Id = std::int64_t;

// Which rows a repository call may see. Every repository method takes one, so a query cannot forget
// its tenant: Scope::tenant(t) restricts to tenant t; Scope::platform() (platform administrators and
// the original's open admin API) sees every tenant and must be asked for explicitly.
class Scope {
 public:
  static Scope tenant(Id id) { return Scope(id); }
  static Scope platform() { return Scope(std::nullopt); }
  bool is_platform() const { return !tenant_.has_value(); }
  // The tenant id, or nullopt for platform scope.
  const std::optional<Id>& tenant_id() const { return tenant_; }
  // True when a row of `row_tenant` is visible in this scope.
  bool allows(std::optional<Id> row_tenant) const { return !tenant_ || (row_tenant && *row_tenant == *tenant_); }

 private:
  explicit Scope(std::optional<Id> t) : tenant_(t) {}
  std::optional<Id> tenant_;
};

// limit/offset pagination; repositories clamp nothing, callers validate bounds.
struct Page {
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

struct Tenant {
  Id id = 0;
  std::string name;
  std::optional<std::string> domain;
  std::string plan = "starter";
  std::string status = "active";
  std::int64_t api_key_count = 0;
  std::string time_zone = "UTC";
  std::string created_at;
  std::string updated_at;
};

struct Staff {
  Id id = 0;
  Id tenant_id = 0;
  std::string full_name;
  std::optional<std::string> email;
  std::string role = "reception";
  bool is_active = true;
};

struct Patient {
  Id id = 0;
  std::optional<Id> tenant_id;
  std::string full_name;
  std::optional<std::string> email;
  std::optional<std::string> phone_number;
  std::string created_at;
};

struct Insurance {
  Id id = 0;
  Id patient_id = 0;
  std::string plan_name;
  std::optional<std::string> payer;
  std::optional<std::string> member_id;
  std::string copay = "$25";
  std::string status = "active";
};

struct Prescription {
  Id id = 0;
  Id patient_id = 0;
  std::string medication_name;
  std::string status = "active";
  std::int64_t refills_remaining = 3;
  bool controlled = false;
  std::optional<std::string> refill_requested_at;
};

struct AvailabilitySlot {
  Id id = 0;
  Id tenant_id = 0;
  std::string slot_date;   // YYYY-MM-DD
  std::string start_time;  // HH:MM
  std::string end_time;    // HH:MM
  std::string provider_name;
};

struct Appointment {
  Id id = 0;
  Id tenant_id = 0;
  Id patient_id = 0;
  std::string start_time;  // YYYY-MM-DD HH:MM:SS
  std::string end_time;
  std::string provider_name;
  std::optional<std::string> reason;
  std::string status = "confirmed";
  std::string created_at;
};

struct KnowledgeArticle {
  Id id = 0;
  Id tenant_id = 0;
  std::string title;
  std::string content;
  std::optional<std::string> deleted_at;  // set on deleted rows (returned only by changed_since)
  std::string created_at;
  std::string updated_at;
};

struct Conversation {
  Id id = 0;
  std::string session_id;
  std::optional<Id> tenant_id;
  std::optional<Id> patient_id;
  std::optional<std::string> user_id;
  std::optional<std::string> meta_data;  // JSON text
  std::optional<std::string> state;      // JSON text: dialogue state
  std::string created_at;
  std::string updated_at;
};

struct ConversationTurn {
  Id id = 0;
  Id conversation_id = 0;
  std::int64_t turn_index = 0;
  std::string user_text;
  std::optional<std::string> response_text;
  std::optional<std::string> intent;
  std::optional<double> confidence;
  bool escalated = false;
  std::optional<std::string> safety;  // JSON text
  std::string created_at;
};

// One step of a turn. Stored packed with its turn (conversation_turns.steps) and read back through the
// pipeline_steps view, which also shows the rows written before migration 0013.
struct PipelineStep {
  std::int64_t seq = 0;  // order within the turn: the position in the turn's array (or an archived row's id)
  Id conversation_id = 0;
  std::optional<Id> turn_id;
  std::string step_name;
  std::string status = "in_progress";
  std::optional<std::string> input;   // JSON text
  std::optional<std::string> output;  // JSON text
  std::optional<std::string> error_message;
  std::optional<double> start_time;  // epoch seconds
  std::optional<double> end_time;
};

// One entry of the patient-history view: a turn with its session.
struct PatientTurn {
  Id turn_id = 0;
  Id conversation_id = 0;
  std::string session_id;
  std::string prompt;
  std::string response;
  std::string created_at;
};

struct AuditEntry {
  Id id = 0;
  std::string service;
  std::string action;
  std::string user;  // the principal (user id, API key id, or the original's "admin"/"staff"/"system")
  std::string details;
  std::string severity = "info";  // info, warning, error
  std::optional<Id> tenant_id;
  std::optional<std::string> principal_role;
  std::optional<std::string> resource_type;  // patient, appointment, tenant, ...
  std::optional<std::string> resource_id;
  std::string outcome = "success";  // success, not_found, denied, conflict, invalid, error
  std::optional<std::string> request_id;
  std::string created_at;
};

struct AuditFilter {
  std::optional<std::string> service, action, user, severity, resource_type, resource_id, outcome;
  std::optional<std::string> since, until;  // created_at bounds, inclusive, "YYYY-MM-DD[ HH:MM:SS]"
};

struct ConfigEntry {
  Id id = 0;
  std::string key;
  std::string value;
  std::string category = "general";
};

struct User {
  Id id = 0;
  std::string email;
  std::string hashed_password;  // argon2id encoded hash
  std::optional<std::string> full_name;
  bool is_active = true;
  std::optional<Id> tenant_id;  // nullopt for platform administrators
  std::string role;             // platform_admin, tenant_admin, doctor, nurse, reception, scheduler, patient
  std::optional<Id> staff_id;
  std::optional<Id> patient_id;
};

struct ApiKey {
  Id id = 0;
  Id tenant_id = 0;
  std::string name;
  std::string key_prefix;
  std::string role = "api_client";
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
  std::string created_at;
};

struct StoredResponse {
  std::string request_hash;
  int status = 200;
  std::string body;
};

}  // namespace aurixa::store
