-- Core schema: the original's conversational and clinical tables (spec/SCHEMA.md §2) plus what the
-- re-implementation needs beyond them. Portable SQL for SQLite and PostgreSQL; the only per-backend
-- spellings are the placeholders {{ID}} (auto-increment primary key) and {{JSON}} (JSON text column),
-- expanded by store/dialect.cpp. Timestamps are naive UTC 'YYYY-MM-DD HH:MM:SS' written by the
-- application (never by a server default), so both back-ends store and return the same text.
-- Enumerations are CHECK-constrained (the original left them free text, D13).

CREATE TABLE tenants (
  id {{ID}},
  name VARCHAR(255) NOT NULL,
  domain VARCHAR(255),
  plan VARCHAR(32) NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter', 'professional', 'enterprise')),
  status VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'pending')),
  api_key_count INTEGER NOT NULL DEFAULT 0,
  time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_tenants_name ON tenants (name);
CREATE UNIQUE INDEX ux_tenants_domain ON tenants (domain);

CREATE TABLE staff (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  full_name VARCHAR(255) NOT NULL,
  email VARCHAR(320),
  role VARCHAR(32) NOT NULL DEFAULT 'reception'
    CHECK (role IN ('reception', 'nurse', 'doctor', 'scheduler', 'admin')),
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_staff_tenant_role ON staff (tenant_id, role);
CREATE UNIQUE INDEX ux_staff_tenant_email ON staff (tenant_id, email);

CREATE TABLE patients (
  id {{ID}},
  tenant_id BIGINT REFERENCES tenants (id),
  full_name VARCHAR(255) NOT NULL,
  email VARCHAR(320),
  phone_number VARCHAR(64),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_patients_tenant ON patients (tenant_id, id);
CREATE UNIQUE INDEX ux_patients_tenant_email ON patients (tenant_id, email);

CREATE TABLE patient_insurance (
  id {{ID}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  plan_name VARCHAR(255) NOT NULL,
  payer VARCHAR(255),
  member_id VARCHAR(128),
  copay VARCHAR(32) NOT NULL DEFAULT '$25',
  status VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_patient_insurance_patient ON patient_insurance (patient_id, status);

CREATE TABLE prescriptions (
  id {{ID}},
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  medication_name VARCHAR(255) NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'refill_requested', 'filled')),
  refills_remaining INTEGER NOT NULL DEFAULT 3 CHECK (refills_remaining >= 0),
  controlled BOOLEAN NOT NULL DEFAULT FALSE,
  refill_requested_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_prescriptions_patient ON prescriptions (patient_id, status);

CREATE TABLE availability_slots (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  slot_date DATE NOT NULL,
  start_time VARCHAR(5) NOT NULL,
  end_time VARCHAR(5) NOT NULL,
  provider_name VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_availability_slot ON availability_slots (tenant_id, slot_date, start_time, provider_name);

CREATE TABLE appointments (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  start_time TIMESTAMP NOT NULL,
  end_time TIMESTAMP NOT NULL,
  provider_name VARCHAR(255) NOT NULL,
  reason VARCHAR(500),
  status VARCHAR(32) NOT NULL DEFAULT 'confirmed'
    CHECK (status IN ('confirmed', 'checked_in', 'in_room', 'completed', 'cancelled')),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  CHECK (end_time > start_time)
);
CREATE INDEX ix_appointments_patient_status_start ON appointments (patient_id, status, start_time);
CREATE INDEX ix_appointments_tenant_start ON appointments (tenant_id, start_time);
-- A provider's slot is booked once: the backstop for concurrent bookings (cancelled visits free it).
CREATE UNIQUE INDEX ux_appointments_provider_slot ON appointments (tenant_id, provider_name, start_time)
  WHERE status <> 'cancelled';

CREATE TABLE knowledge_base_articles (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  title VARCHAR(500) NOT NULL,
  content TEXT NOT NULL,
  meta_data {{JSON}},
  -- Soft delete: the RAG role syncs by updated_at and must see deletions too.
  deleted_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_knowledge_tenant ON knowledge_base_articles (tenant_id, id);
CREATE INDEX ix_knowledge_updated ON knowledge_base_articles (updated_at);

-- One row per conversation session (the original stored one row per call under a UNIQUE session id,
-- so the second turn of a session failed: D5). Turns and pipeline steps hang off it.
CREATE TABLE conversations (
  id {{ID}},
  session_id VARCHAR(128) NOT NULL,
  tenant_id BIGINT REFERENCES tenants (id),
  patient_id BIGINT REFERENCES patients (id),
  user_id VARCHAR(255),
  meta_data {{JSON}},
  -- Dialogue state (intent, filled slots, pending confirmation) so a session survives a restart.
  state {{JSON}},
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_conversations_session ON conversations (session_id);
CREATE INDEX ix_conversations_patient ON conversations (patient_id, created_at);
CREATE INDEX ix_conversations_tenant ON conversations (tenant_id, created_at);

CREATE TABLE conversation_turns (
  id {{ID}},
  conversation_id BIGINT NOT NULL REFERENCES conversations (id),
  turn_index INTEGER NOT NULL,
  user_text TEXT NOT NULL,
  response_text TEXT,
  intent VARCHAR(64),
  confidence DOUBLE PRECISION,
  escalated BOOLEAN NOT NULL DEFAULT FALSE,
  safety {{JSON}},
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_conversation_turns_index ON conversation_turns (conversation_id, turn_index);

CREATE TABLE pipeline_steps (
  id {{ID}},
  conversation_id BIGINT NOT NULL REFERENCES conversations (id),
  turn_id BIGINT REFERENCES conversation_turns (id),
  step_name VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'success', 'error')),
  input {{JSON}},
  output {{JSON}},
  error_message TEXT,
  start_time DOUBLE PRECISION,
  end_time DOUBLE PRECISION,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_pipeline_steps_conversation ON pipeline_steps (conversation_id, id);
CREATE INDEX ix_pipeline_steps_turn ON pipeline_steps (turn_id);

-- Who did what to which record, when, with what outcome. The first five columns are the original's;
-- the rest make every access to patient data traceable.
CREATE TABLE audit_logs (
  id {{ID}},
  service VARCHAR(128) NOT NULL,
  action VARCHAR(128) NOT NULL,
  "user" VARCHAR(255) NOT NULL,
  details TEXT NOT NULL,
  severity VARCHAR(16) NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'warning', 'error')),
  tenant_id BIGINT,
  principal_role VARCHAR(64),
  resource_type VARCHAR(64),
  resource_id VARCHAR(128),
  outcome VARCHAR(32) NOT NULL DEFAULT 'success',
  request_id VARCHAR(128),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_audit_logs_service ON audit_logs (service);
CREATE INDEX ix_audit_logs_tenant ON audit_logs (tenant_id, id);
CREATE INDEX ix_audit_logs_resource ON audit_logs (resource_type, resource_id);

CREATE TABLE platform_config (
  id {{ID}},
  "key" VARCHAR(128) NOT NULL,
  value TEXT NOT NULL,
  category VARCHAR(32) NOT NULL DEFAULT 'general' CHECK (category IN ('general', 'rate_limit', 'feature', 'api')),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_platform_config_key ON platform_config ("key");

-- Console and portal accounts. tenant_id is NULL only for platform administrators.
CREATE TABLE users (
  id {{ID}},
  email VARCHAR(320) NOT NULL,
  hashed_password VARCHAR(255) NOT NULL,
  full_name VARCHAR(255),
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  tenant_id BIGINT REFERENCES tenants (id),
  role VARCHAR(32) NOT NULL DEFAULT 'reception'
    CHECK (role IN ('platform_admin', 'tenant_admin', 'doctor', 'nurse', 'reception', 'scheduler', 'patient')),
  staff_id BIGINT REFERENCES staff (id),
  patient_id BIGINT REFERENCES patients (id),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ix_users_email ON users (email);

-- Server-to-server credentials. Only a SHA-256 of the (high-entropy, random) key is stored; the
-- prefix lets an operator recognise a key without revealing it.
CREATE TABLE api_keys (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  name VARCHAR(255) NOT NULL,
  key_prefix VARCHAR(16) NOT NULL,
  key_hash VARCHAR(64) NOT NULL,
  role VARCHAR(32) NOT NULL DEFAULT 'api_client',
  last_used_at TIMESTAMP,
  revoked_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id);

-- Results of writes that carried an Idempotency-Key, so a retry returns the first result. scope is
-- the tenant id, or 0 for platform-level calls.
CREATE TABLE idempotency_keys (
  id {{ID}},
  scope BIGINT NOT NULL,
  route VARCHAR(255) NOT NULL,
  idem_key VARCHAR(255) NOT NULL,
  request_hash VARCHAR(64) NOT NULL,
  response_status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ux_idempotency_keys ON idempotency_keys (scope, route, idem_key);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);
