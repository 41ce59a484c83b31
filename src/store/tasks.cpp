#include "store/tasks.hpp"

#include <array>

#include "core/error.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, patient_id, kind, status, priority, title, details, session_id, recipient, due_at, "
    "created_by, created_at, updated_at FROM staff_tasks";

std::vector<StaffTask> fetch(Tx& tx, Query& q) {
  StaffTask t;
  auto st = q.prepare(tx, soci::into(t.id), soci::into(t.tenant_id), soci::into(t.patient_id), soci::into(t.kind),
                      soci::into(t.status), soci::into(t.priority), soci::into(t.title), soci::into(t.details),
                      soci::into(t.session_id), soci::into(t.recipient), soci::into(t.due_at), soci::into(t.created_by),
                      soci::into(t.created_at), soci::into(t.updated_at));
  std::vector<StaffTask> out;
  while (st.fetch()) out.push_back(t);
  return out;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& all) {
  for (auto a : all)
    if (a == s) return true;
  return false;
}

constexpr std::array<std::string_view, 3> kKinds = {"handoff", "email", "reminder"};
constexpr std::array<std::string_view, 3> kStatuses = {"open", "in_progress", "done"};
constexpr std::array<std::string_view, 4> kPriorities = {"low", "normal", "high", "urgent"};

}  // namespace

bool is_task_kind(std::string_view s) { return one_of(s, kKinds); }
bool is_task_status(std::string_view s) { return one_of(s, kStatuses); }
bool is_task_priority(std::string_view s) { return one_of(s, kPriorities); }

bool task_transition_allowed(std::string_view from, std::string_view to) {
  if (!is_task_status(from) || !is_task_status(to)) return false;
  return from == to || from != "done";
}

StaffTask StaffTaskRepository::create(const Scope& scope, const StaffTask& in) {
  tx_.require_write();
  if (!scope.allows(in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  if (!is_task_kind(in.kind)) throw ApiError::validation("kind", "kind must be one of: handoff, email, reminder");
  if (!is_task_priority(in.priority))
    throw ApiError::validation("priority", "priority must be one of: low, normal, high, urgent");
  StaffTask t = in;
  t.status = "open";
  t.created_at = t.updated_at = tx_.now();
  tx_.sql() << "INSERT INTO staff_tasks (tenant_id, patient_id, kind, status, priority, title, details, session_id, "
               "recipient, due_at, created_by, created_at, updated_at) VALUES (:t, :p, :k, :s, :pr, :ti, :d, :se, "
               ":r, :due, :by, :c, :u) RETURNING id",
      soci::use(t.tenant_id), soci::use(t.patient_id), soci::use(t.kind), soci::use(t.status), soci::use(t.priority),
      soci::use(t.title), soci::use(t.details), soci::use(t.session_id), soci::use(t.recipient), soci::use(t.due_at),
      soci::use(t.created_by), soci::use(t.created_at), soci::use(t.updated_at), soci::into(t.id);
  return t;
}

std::vector<StaffTask> StaffTaskRepository::list(const Scope& scope, const TaskFilter& f, const Page& page) {
  Query q(kColumns);
  q.scope(scope, "tenant_id");
  if (f.status) q.where("status = ?", *f.status);
  if (f.kind) q.where("kind = ?", *f.kind);
  q.order_by("created_at DESC, id DESC").page(page);
  return fetch(tx_, q);
}

std::optional<StaffTask> StaffTaskRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

std::optional<StaffTask> StaffTaskRepository::set_status(const Scope& scope, Id id, const std::string& status) {
  tx_.require_write();
  if (!is_task_status(status)) throw ApiError::validation("status", "status must be one of: open, in_progress, done");
  auto t = get(scope, id);
  if (!t) return std::nullopt;
  if (!task_transition_allowed(t->status, status))
    throw ApiError(Errc::conflict, "cannot change task status from " + t->status + " to " + status, "status");
  if (t->status == status) return t;
  t->status = status;
  t->updated_at = tx_.now();
  tx_.sql() << "UPDATE staff_tasks SET status = :s, updated_at = :u WHERE id = :id", soci::use(t->status),
      soci::use(t->updated_at), soci::use(id);
  return t;
}

}  // namespace aurixa::store
