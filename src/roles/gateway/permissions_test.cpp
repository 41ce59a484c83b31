#include "roles/gateway/permissions.hpp"

#include <gtest/gtest.h>

namespace aurixa::gateway {
namespace {

Principal as(std::string role, std::optional<std::int64_t> patient = std::nullopt) {
  Principal p;
  p.id = "u-1";
  p.role = std::move(role);
  p.patient_id = patient;
  return p;
}

TEST(Permissions, PublicRoutes) {
  EXPECT_TRUE(is_public("GET", "/health"));
  EXPECT_TRUE(is_public("GET", "/"));
  EXPECT_TRUE(is_public("POST", "/api/v1/auth/login"));
  EXPECT_TRUE(is_public("OPTIONS", "/api/v1/admin/patients"));
  EXPECT_FALSE(is_public("GET", "/api/v1/admin/patients"));
  EXPECT_FALSE(is_public("POST", "/api/v1/orchestration/pipelines"));
}

TEST(Permissions, PlatformAdminMayDoEverything) {
  EXPECT_TRUE(is_allowed(as("platform_admin"), "POST", "/api/v1/admin/tenants"));
  EXPECT_TRUE(is_allowed(as("platform_admin"), "PATCH", "/api/v1/admin/config/x"));
}

TEST(Permissions, ReceptionManagesAppointmentsButNotKnowledge) {
  EXPECT_TRUE(is_allowed(as("reception"), "POST", "/api/v1/admin/appointments"));
  EXPECT_TRUE(is_allowed(as("reception"), "GET", "/api/v1/admin/patients/3"));
  EXPECT_FALSE(is_allowed(as("reception"), "POST", "/api/v1/admin/knowledge/articles"));
  EXPECT_FALSE(is_allowed(as("reception"), "GET", "/api/v1/admin/audit"));
}

TEST(Permissions, SchedulerAndClinicians) {
  EXPECT_TRUE(is_allowed(as("scheduler"), "PATCH", "/api/v1/admin/appointments/4"));
  EXPECT_FALSE(is_allowed(as("doctor"), "POST", "/api/v1/admin/appointments"));
  EXPECT_TRUE(is_allowed(as("doctor"), "GET", "/api/v1/admin/patients/3/conversations"));
  EXPECT_TRUE(is_allowed(as("nurse"), "GET", "/api/v1/admin/analytics/summary"));
}

TEST(Permissions, PatientSeesOnlyOwnRecordReadOnly) {
  auto p = as("patient", 7);
  EXPECT_TRUE(is_allowed(p, "GET", "/api/v1/admin/patients/7"));
  EXPECT_TRUE(is_allowed(p, "GET", "/api/v1/admin/patients/7/appointments"));
  EXPECT_FALSE(is_allowed(p, "GET", "/api/v1/admin/patients/8"));
  EXPECT_FALSE(is_allowed(p, "GET", "/api/v1/admin/patients"));
  EXPECT_FALSE(is_allowed(p, "POST", "/api/v1/admin/patients/7"));
  EXPECT_FALSE(is_allowed(p, "GET", "/api/v1/orchestration/patients/8"));  // same rule via the generic prefix
  EXPECT_TRUE(is_allowed(p, "POST", "/api/v1/orchestration/pipelines"));
  EXPECT_FALSE(is_allowed(p, "POST", "/api/v1/rag/retrieve"));
}

TEST(Permissions, TenantAdminIsNotPlatformAdmin) {
  EXPECT_TRUE(is_allowed(as("tenant_admin"), "GET", "/api/v1/admin/audit"));
  EXPECT_FALSE(is_allowed(as("tenant_admin"), "POST", "/api/v1/admin/tenants"));
}

TEST(Permissions, ApiClientsReachServicesNotAdmin) {
  EXPECT_TRUE(is_allowed(as("api_client"), "POST", "/api/v1/orchestration/pipelines"));
  EXPECT_TRUE(is_allowed(as("api_client"), "POST", "/api/v1/safety/validate"));
  EXPECT_FALSE(is_allowed(as("api_client"), "GET", "/api/v1/admin/patients"));
}

TEST(Permissions, ClinicalRecordsAreForCliniciansNotTheFrontDesk) {
  for (const char* sub : {"conversations", "prescriptions", "refill-requests"}) {
    const std::string path = std::string("/api/v1/admin/patients/3/") + sub;
    EXPECT_TRUE(is_allowed(as("doctor"), "GET", path)) << sub;
    EXPECT_TRUE(is_allowed(as("nurse"), "GET", path)) << sub;
    EXPECT_FALSE(is_allowed(as("reception"), "GET", path)) << sub;
    EXPECT_FALSE(is_allowed(as("scheduler"), "GET", "/api/v1/orchestration/patients/3/" + std::string(sub))) << sub;
  }
  EXPECT_TRUE(is_allowed(as("reception"), "GET", "/api/v1/admin/patients/3/appointments"));
  EXPECT_TRUE(is_allowed(as("patient", 3), "GET", "/api/v1/admin/patients/3/prescriptions"));
}

TEST(Permissions, SafetyPoliciesAreForTenantAdministrators) {
  EXPECT_TRUE(is_allowed(as("tenant_admin"), "PUT", "/api/v1/safety/safety/policies/1"));
  EXPECT_FALSE(is_allowed(as("doctor"), "GET", "/api/v1/safety/safety/policies/1"));
  EXPECT_FALSE(is_allowed(as("api_client"), "PUT", "/api/v1/safety/safety/policies/1"));
  EXPECT_TRUE(is_allowed(as("doctor"), "POST", "/api/v1/safety/validate"));
}

TEST(Permissions, WildcardStandsForExactlyOneSegment) {
  EXPECT_TRUE(is_allowed(as("reception"), "GET", "/api/v1/admin/patients//prescriptions"));  // no id: not the clinical rule
  EXPECT_TRUE(is_allowed(as("reception"), "GET", "/api/v1/admin/patients/3/prescriptionsX"));
  EXPECT_FALSE(is_allowed(as("reception"), "GET", "/api/v1/admin/patients/3/prescriptions/1"));
}

TEST(Permissions, PrefixMatchingRespectsSegments) {
  EXPECT_FALSE(is_allowed(as("reception"), "GET", "/api/v1/admin/patientsX"));
}

TEST(Permissions, UnknownRoleIsDenied) { EXPECT_FALSE(is_allowed(as("janitor"), "GET", "/api/v1/admin/patients")); }

}  // namespace
}  // namespace aurixa::gateway
