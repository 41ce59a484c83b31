#pragma once
// The admin API's route groups (one file each); module.cpp registers them all.
#include "roles/orchestration/admin_support.hpp"

namespace aurixa::orchestration::admin {

void register_tenant_routes(http::Router& router, const Deps& deps);    // tenants
void register_platform_routes(http::Router& router, const Deps& deps);  // audit, analytics, config
void register_patient_routes(http::Router& router, const Deps& deps);   // patients, staff
void register_appointment_routes(http::Router& router, const Deps& deps);
void register_knowledge_routes(http::Router& router, const Deps& deps);
void register_clinical_routes(http::Router& router, const Deps& deps);  // prescriptions, refills, tasks
void register_api_key_routes(http::Router& router, const Deps& deps);   // server-to-server credentials

}  // namespace aurixa::orchestration::admin
