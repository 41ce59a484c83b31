#pragma once
// Execution engine interface: the only role that writes patient-facing records (appointments, refill
// requests, insurance checks, staff hand-offs). Every action is validated, transactional, idempotent
// (idempotency_key) and audited. Plain C++ (no Boost): implemented in-process by ExecutionService and over
// HTTP by the split-mode client.
//
// Wire contract (spec/API.md §9): POST /api/v1/execute {action_name, params, idempotency_key} ->
// {status, result:{message, ...data}, error_message} (+ error_code, options); unknown action -> 404
// {"detail":"Action '<name>' not found."}; GET /api/v1/actions -> {"actions":[names], "definitions":[...]}.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace aurixa::execution {

struct ExecuteRequest {
  std::string action_name;
  // Parameters as strings (numbers in decimal). Keys per action: see ActionInfo::parameters_schema.
  std::map<std::string, std::string> params;
  std::string idempotency_key;  // empty = not idempotent (the original's behaviour)
  // Who acts, for the audit trail (the CallContext's principal when empty).
  std::string actor;
};

// One concrete alternative offered when a request cannot be done as asked (e.g. the slot was taken).
struct Option {
  std::string date;      // YYYY-MM-DD
  std::string time;      // HH:MM
  std::string provider;  // e.g. Dr. Adams
};

struct ExecuteResult {
  std::string status = "success";  // success | error
  std::string message;             // the original's human-readable text (also for errors)
  // Structured result, e.g. appointment_id, confirmation (APT-12), date, time, provider, reason,
  // medication, refill_request_id, task_id, plan_name, copay.
  std::map<std::string, std::string> data;
  // Machine-readable reason when status == error: invalid_params, not_found, slot_taken, no_refills,
  // controlled_substance, refill_pending, no_insurance, conflict.
  std::string error_code;
  std::string error_field;  // the offending parameter, when there is one
  std::vector<Option> options;
  bool replayed = false;  // an earlier result returned for the same idempotency key
};

struct ActionInfo {
  std::string name;
  std::string description;
  std::string parameters_schema;  // JSON Schema text (object with properties/required)
  bool writes = false;            // true for actions that change records
};

// Thread-safety: every method may be called concurrently.
class Api {
 public:
  virtual ~Api() = default;
  // Unknown action -> ApiError 404 "Action '<name>' not found.". Invalid parameters and business refusals
  // (slot taken, no refills left, ...) are results with status "error", not exceptions, so an agent can
  // explain them; the caller's tenant (ctx.tenant_id) scopes every read and write.
  virtual ExecuteResult execute(const ExecuteRequest& request, const CallContext& ctx) = 0;
  virtual std::vector<ActionInfo> actions() = 0;
};

}  // namespace aurixa::execution
