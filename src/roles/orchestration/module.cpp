#include "roles/orchestration/module.hpp"

#include <memory>
#include <stdexcept>

#include "app/app.hpp"
#include "roles/orchestration/admin_routes.hpp"

namespace aurixa::orchestration {

void register_routes(http::Router& router, App& app) {
  if (!app.db) throw std::logic_error("orchestration: the store must be opened before its routes are registered");
  const admin::Deps deps{app.db, std::make_shared<store::AuditLog>(*app.db)};
  admin::register_tenant_routes(router, deps);
  admin::register_platform_routes(router, deps);
  admin::register_patient_routes(router, deps);
  admin::register_appointment_routes(router, deps);
  admin::register_knowledge_routes(router, deps);
}

}  // namespace aurixa::orchestration
