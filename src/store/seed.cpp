#include "store/seed.hpp"

#include <ctime>
#include <optional>
#include <vector>

#include "store/appointments.hpp"
#include "store/audit.hpp"
#include "store/availability.hpp"
#include "store/clinical.hpp"
#include "store/conversations.hpp"
#include "store/database.hpp"
#include "store/knowledge.hpp"
#include "store/patients.hpp"
#include "store/platform_config.hpp"
#include "store/sql.hpp"
#include "store/staff.hpp"
#include "store/tenants.hpp"
#include "store/users.hpp"

namespace aurixa::store {
namespace {

// ---- The data of spec/SEED.md, in insertion (= id) order. ----

struct TenantRow {
  const char *name, *domain, *plan, *status;
  int api_keys;
};
constexpr TenantRow kTenants[] = {
    {"General Hospital", "generalhospital.com", "enterprise", "active", 5},
    {"Downtown Clinic", "downtownclinic.org", "professional", "active", 3},
    {"Sunrise Medical Center", "sunrisemedical.com", "enterprise", "active", 8},
    {"Family Care Associates", "familycare.net", "starter", "active", 1},
    {"Metro Health Systems", "metrohealth.io", "professional", "suspended", 2},
    {"Valley View Hospital", "valleyview.org", "enterprise", "active", 6},
    {"Riverside Clinic", "riversideclinic.com", "starter", "pending", 0},
};

struct StaffRow {
  const char *name, *email, *role;
  Id tenant;
};
constexpr StaffRow kStaff[] = {
    {"Sarah Chen", "sarah.chen@generalhospital.com", "reception", 1},
    {"Mike Johnson", "mike.j@generalhospital.com", "nurse", 1},
    {"Dr. Adams", "adam.m@generalhospital.com", "doctor", 1},
    {"Dr. Bell", "bell.d@generalhospital.com", "doctor", 1},
    {"Dr. Chen", "chen.l@generalhospital.com", "doctor", 1},
    {"Emma Wilson", "emma.w@generalhospital.com", "scheduler", 1},
    {"Admin GH", "admin@generalhospital.com", "admin", 1},
    {"Reception DC", "reception@downtownclinic.org", "reception", 2},
    {"Dr. Bell", "bell.d@downtownclinic.org", "doctor", 2},
};

struct ConversationRow {
  const char* session;
  Id tenant;
  const char* user;
};
constexpr ConversationRow kConversations[] = {{"conv-001", 1, "u1"}, {"conv-002", 1, "u2"}, {"conv-003", 2, "u1"}};

struct PatientRow {
  const char* name;
  const char* email;  // nullptr = none
  const char* phone;
  Id tenant;
};
constexpr PatientRow kPatients[] = {
    {"John Doe", "john.doe@email.com", nullptr, 1},
    {"Jane Smith", nullptr, "123-456-7890", 2},
    {"Alice Johnson", "alice.j@email.com", "555-0101", 1},
    {"Bob Williams", "bob.w@email.com", nullptr, 1},
    {"Carol Davis", nullptr, "555-0102", 2},
};

struct AppointmentRow {
  int days_ahead;
  const char *provider, *reason, *status;
  Id tenant, patient;
};
constexpr AppointmentRow kAppointments[] = {
    {1, "Dr. Adams", "Annual checkup", "confirmed", 1, 1},
    {2, "Dr. Bell", "Follow-up", "confirmed", 2, 2},
    {3, "Dr. Chen", "Lab review", "completed", 1, 1},  // a future visit marked completed, as in the original
    {5, "Dr. Adams", "General visit", "confirmed", 1, 3},
};

struct InsuranceRow {
  Id patient;
  const char *plan, *payer, *member_id, *copay;
};
constexpr InsuranceRow kInsurance[] = {
    {1, "In-Network PPO", "Aetna", nullptr, "$25"},
    {2, "UnitedHealthcare", "UHC", "UHC-12345", "$30"},
    {3, "Blue Cross PPO", "BCBS", nullptr, "$20"},
    {4, "Medicare", "CMS", nullptr, "$0"},
};

struct PrescriptionRow {
  Id patient;
  const char* medication;
};
constexpr PrescriptionRow kPrescriptions[] = {{1, "Lisinopril 10mg"}, {1, "Metformin 500mg"}, {3, "Amlodipine 5mg"}};

struct ArticleRow {
  const char* title;
  Id tenant;
  const char* content;
};
constexpr ArticleRow kArticles[] = {
    {"Billing Inquiries", 1,
     "For questions about a bill, call our billing office at 555-123-4567 or send a message through the patient "
     "portal. We accept most major insurance plans."},
    {"Operating Hours", 2,
     "The clinic is open Monday to Friday from 9am to 5pm. We are closed on weekends and on public holidays."},
    {"Appointment Scheduling", 1,
     "You can book an appointment through the patient portal or by calling 555-987-6543. Same-day appointments are "
     "sometimes available."},
    {"Lab Results", 1,
     "Lab results are usually ready within 24 to 48 hours. You can view them in the Results section of the patient "
     "portal."},
    {"Prescription Refills", 1,
     "Request a prescription refill through the patient portal or call the pharmacy line at 555-321-7654. Please "
     "allow 24 hours for the refill to be processed."},
    {"Contact Your Provider", 1,
     "You can send a secure message to your provider through the patient portal at any time. For urgent issues, "
     "call the main phone line instead."},
};

struct AuditRow {
  const char *service, *action, *user, *details, *severity;
};
constexpr AuditRow kAudit[] = {
    {"Auth Service", "User Login", "admin@aurixa.io", "Successful admin login from 192.168.1.1", "info"},
    {"API Gateway", "Rate Limit Hit", "tenant-key-03", "Rate limit approached: 180 req/min on /api/v1/pipelines",
     "warning"},
    {"Orchestration Engine", "Pipeline Complete", "system", "Pipeline session conv-abc123 completed successfully",
     "info"},
    {"Notification Hub", "Service Degraded", "system", "High memory usage detected: 85% utilization", "error"},
    {"Orchestration Engine", "Deployment", "deploy-bot", "Successfully deployed v0.1.0 to production", "info"},
    {"Auth Service", "API Key Created", "admin@generalhospital.com",
     "New API key issued for General Hospital (prod-key-06)", "info"},
    {"RAG Service", "Threshold Alert", "system", "Retrieval latency p95 exceeded 500ms", "warning"},
    {"LLM Router", "Provider Fallback", "system", "OpenAI timeout, fell back to Anthropic", "warning"},
    {"API Gateway", "Config Update", "admin@aurixa.io", "Updated CORS policy for tenant Downtown Clinic", "info"},
    {"Safety Guardrails", "Content Filter", "system", "Blocked inappropriate content in pipeline session xyz789",
     "info"},
};

struct ConfigRow {
  const char *key, *value, *category;
};
constexpr ConfigRow kConfig[] = {
    {"rate_limit_per_minute", "200", "rate_limit"},   {"max_conversations_per_tenant", "10000", "rate_limit"},
    {"feature_rag_enabled", "true", "feature"},       {"feature_voice_enabled", "true", "feature"},
    {"feature_safety_guardrails", "true", "feature"}, {"api_gateway_timeout_ms", "30000", "api"},
    {"default_llm_provider", "openai", "api"},        {"environment", "development", "general"},
    {"maintenance_mode", "false", "general"},
};

constexpr const char* kSlotProviders[] = {"Dr. Adams", "Dr. Bell", "Dr. Chen"};
constexpr std::pair<const char*, const char*> kSlotTimes[] = {
    {"09:00", "09:30"}, {"10:00", "10:30"}, {"14:00", "14:30"}};

// Staff roles map onto account roles; the clinic "admin" administers its tenant.
std::string account_role(std::string_view staff_role) {
  return staff_role == "admin" ? "tenant_admin" : std::string(staff_role);
}

std::optional<std::string> opt(const char* s) { return s ? std::optional<std::string>(s) : std::nullopt; }

std::string format_time(std::time_t t, bool local, const char* fmt) {
  std::tm tm{};
  if (local)
    localtime_r(&t, &tm);
  else
    gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

}  // namespace

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> kAccounts = [] {
    std::vector<DemoAccount> out = {{"admin@generalhospital.com", "tenant_admin", "t-001"},
                                    {"staff@downtownclinic.org", "reception", "t-002"},
                                    {"admin@aurixa.io", "platform_admin", ""}};
    for (const auto& s : kStaff)
      if (std::string_view(s.email) != "admin@generalhospital.com")
        out.push_back({s.email, account_role(s.role), s.tenant == 1 ? "t-001" : "t-002"});
    for (const auto& p : kPatients)
      if (p.email) out.push_back({p.email, "patient", p.tenant == 1 ? "t-001" : "t-002"});
    return out;
  }();
  return kAccounts;
}

bool seed_if_empty(Database& db, const SeedOptions& options) {
  const auto empty = [](Tx& tx) { return TenantRepository(tx).count(Scope::platform()) == 0; };
  if (!db.read(empty)) return false;
  // Hash outside the transaction: argon2 is deliberately slow and the write lock should not wait for it.
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < demo_accounts().size(); ++i)
    hashes.push_back(hash_password(options.demo_password, options.password_cost));

  const std::time_t now = std::time(nullptr);
  return db.write([&](Tx& tx) {
    tx.lock("aurixa:seed");
    if (!empty(tx)) return false;  // another process seeded meanwhile
    const Scope all = Scope::platform();

    for (const auto& t : kTenants)
      TenantRepository(tx).create(all, {t.name, std::string(t.domain), t.plan, t.status, t.api_keys});

    const std::string env_config = R"({"source":"local-seed"})";
    struct Env {
      const char *name, *display;
      int requires_approval;
    };
    for (const Env& e : {Env{"staging", "Staging", 0}, Env{"production", "Production", 1}}) {
      std::string n = e.name, d = e.display, repo = options.github_repository, ts = tx.now();
      int a = e.requires_approval, active = 1;
      tx.sql() << "INSERT INTO deployment_environments (name, display_name, repository, github_environment, "
                  "requires_approval, is_active, configuration, created_at, updated_at) "
                  "VALUES (:n, :d, :r, :g, :a, :act, :c, :ca, :ua)",
          soci::use(n), soci::use(d), soci::use(repo), soci::use(n), soci::use(a), soci::use(active),
          soci::use(env_config), soci::use(ts), soci::use(ts);
    }

    std::vector<Staff> staff;
    for (const auto& s : kStaff) {
      Staff row;
      row.tenant_id = s.tenant;
      row.full_name = s.name;
      row.email = s.email;
      row.role = s.role;
      staff.push_back(StaffRepository(tx).add(all, row));
    }

    for (const auto& c : kConversations) {
      std::string meta =
          std::string(R"({"tenant_id": )") + std::to_string(c.tenant) + R"(, "user_id": ")" + c.user + "\"}";
      ConversationRepository(tx).open(all, {c.session, c.tenant, std::nullopt, std::string(c.user), meta});
    }

    std::vector<Patient> patients;
    for (const auto& p : kPatients)
      patients.push_back(PatientRepository(tx).create(all, {p.tenant, p.name, opt(p.email), opt(p.phone)}));

    // Seeded visits last an hour (API-created ones 30 minutes), as in the original.
    for (const auto& a : kAppointments) {
      std::time_t start = now - now % 60 + a.days_ahead * 86400;
      NewAppointment n{a.tenant,
                       a.patient,
                       format_time(start, false, "%Y-%m-%d %H:%M:%S"),
                       format_time(start + 3600, false, "%Y-%m-%d %H:%M:%S"),
                       a.provider,
                       std::string(a.reason)};
      auto booked = AppointmentRepository(tx).book(all, n);
      if (std::string_view(a.status) != "confirmed") AppointmentRepository(tx).set_status(all, booked.id, a.status);
    }

    for (const auto& i : kInsurance) {
      Insurance row;
      row.patient_id = i.patient;
      row.plan_name = i.plan;
      row.payer = opt(i.payer);
      row.member_id = opt(i.member_id);
      row.copay = i.copay;
      InsuranceRepository(tx).add(all, row);
    }
    for (const auto& r : kPrescriptions) {
      Prescription row;
      row.patient_id = r.patient;
      row.medication_name = r.medication;
      PrescriptionRepository(tx).add(all, row);
    }

    // 63 slots: day-major (server-local today .. today+6), then provider, then time; all for tenant 1.
    for (int d = 0; d < 7; ++d)
      for (const char* provider : kSlotProviders)
        for (const auto& [start, end] : kSlotTimes)
          AvailabilityRepository(tx).add(all,
                                         {0, 1, format_time(now + d * 86400, true, "%Y-%m-%d"), start, end, provider});

    for (const auto& a : kArticles) KnowledgeRepository(tx).create(all, a.tenant, a.title, a.content);

    for (const auto& a : kAudit) {
      AuditEntry e;
      e.service = a.service;
      e.action = a.action;
      e.user = a.user;
      e.details = a.details;
      e.severity = a.severity;
      AuditRepository(tx).record(e);
    }

    for (const auto& c : kConfig) PlatformConfigRepository(tx).add({0, c.key, c.value, c.category});

    // Accounts, in demo_accounts() order, linked to their staff / patient rows.
    const auto& accounts = demo_accounts();
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      const auto& acc = accounts[i];
      NewUser u;
      u.email = acc.email;
      u.password_hash = hashes[i];
      u.role = acc.role;
      if (!acc.tenant.empty()) u.tenant_id = acc.tenant == "t-001" ? 1 : 2;
      for (const auto& s : staff)
        if (s.email == acc.email) {
          u.staff_id = s.id;
          u.full_name = s.full_name;
        }
      for (const auto& p : patients)
        if (p.email == acc.email) {
          u.patient_id = p.id;
          u.full_name = p.full_name;
        }
      if (acc.email == "admin@generalhospital.com") u.full_name = "Admin GH";
      if (acc.email == "staff@downtownclinic.org") u.full_name = "Staff DC";
      if (acc.email == "admin@aurixa.io") u.full_name = "Platform Admin";
      UserRepository(tx).create(u);
    }
    return true;
  });
}

std::map<std::string, std::int64_t> table_counts(Database& db) {
  static const char* kTables[] = {"tenants",
                                  "users",
                                  "staff",
                                  "patients",
                                  "patient_insurance",
                                  "prescriptions",
                                  "availability_slots",
                                  "appointments",
                                  "knowledge_base_articles",
                                  "conversations",
                                  "conversation_turns",
                                  "pipeline_steps",
                                  "audit_logs",
                                  "platform_config",
                                  "api_keys",
                                  "idempotency_keys",
                                  "deployment_environments",
                                  "deployment_releases",
                                  "deployment_jobs",
                                  "deployment_steps",
                                  "deployment_approvals",
                                  "deployment_artifacts",
                                  "service_revisions",
                                  "deployment_audit"};
  return db.read([](Tx& tx) {
    std::map<std::string, std::int64_t> out;
    for (const char* t : kTables) out[t] = Query(std::string("SELECT COUNT(*) FROM ") + t).count(tx);
    return out;
  });
}

}  // namespace aurixa::store
