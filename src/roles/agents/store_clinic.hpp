#pragma once
// Clinic over the store and the execution engine, for one tenant and request.
#include <memory>
#include <string>

#include "roles/agents/clinic.hpp"

namespace aurixa {
namespace store {
class Database;
}
}  // namespace aurixa

namespace aurixa::agents {

class TenantCache;

// `tenants` (may be null: read every time) serves the provider list.
std::unique_ptr<Clinic> make_store_clinic(store::Database& db, std::int64_t tenant_id, std::string time_zone,
                                          std::shared_ptr<execution::Api> execution, const CallContext& ctx,
                                          TenantCache* tenants = nullptr);
// The tenant's local date and time now (time_zone is an IANA name; unknown names fall back to UTC).
nlu::Now local_now(const std::string& time_zone);

}  // namespace aurixa::agents
