#pragma once
// Staff tasks: work for the clinic's people, created by the execution engine and worked through in the
// hospital portal. Kinds: handoff (a conversation handed to a human), email (a message queued for
// sending by staff or an outbox), reminder (a patient reminder due at a time). Status moves
// open -> in_progress -> done (done is final; in_progress may go back to open).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct StaffTask {
  Id id = 0;
  Id tenant_id = 0;
  std::optional<Id> patient_id;
  std::string kind;                 // handoff, email, reminder
  std::string status = "open";      // open, in_progress, done
  std::string priority = "normal";  // low, normal, high, urgent
  std::string title;
  std::optional<std::string> details;
  std::optional<std::string> session_id;
  std::optional<std::string> recipient;
  std::optional<std::string> due_at;  // YYYY-MM-DD HH:MM:SS
  std::optional<std::string> created_by;
  std::string created_at;
  std::string updated_at;
};

struct TaskFilter {
  std::optional<std::string> status;
  std::optional<std::string> kind;
};

bool is_task_kind(std::string_view s);
bool is_task_status(std::string_view s);
bool is_task_priority(std::string_view s);
bool task_transition_allowed(std::string_view from, std::string_view to);

class StaffTaskRepository {
 public:
  explicit StaffTaskRepository(Tx& tx) : tx_(tx) {}

  // Inserts with status "open". Tenant not visible in scope -> ApiError 422 tenant_id; unknown kind or
  // priority -> 422 naming it.
  StaffTask create(const Scope& scope, const StaffTask& t);
  // Newest first.
  std::vector<StaffTask> list(const Scope& scope, const TaskFilter& filter, const Page& page);
  std::optional<StaffTask> get(const Scope& scope, Id id);
  // nullopt when not visible; unknown status -> 422; disallowed transition -> 409.
  std::optional<StaffTask> set_status(const Scope& scope, Id id, const std::string& status);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
