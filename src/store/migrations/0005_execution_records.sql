-- Records the execution engine writes besides appointments (spec/API.md §9, issue #8): refill requests with
-- the pharmacy and their processing status, and staff tasks (hand-offs to a human, queued e-mails, patient
-- reminders) that the hospital portal works through. Portable SQL; {{ID}} is expanded per back-end.

CREATE TABLE refill_requests (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  patient_id BIGINT NOT NULL REFERENCES patients (id),
  prescription_id BIGINT NOT NULL REFERENCES prescriptions (id),
  medication_name VARCHAR(255) NOT NULL,
  pharmacy VARCHAR(255),
  status VARCHAR(32) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'filled')),
  requested_by VARCHAR(255),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_refill_requests_patient ON refill_requests (patient_id, created_at);
CREATE INDEX ix_refill_requests_tenant ON refill_requests (tenant_id, created_at);

CREATE TABLE staff_tasks (
  id {{ID}},
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  patient_id BIGINT REFERENCES patients (id),
  kind VARCHAR(32) NOT NULL CHECK (kind IN ('handoff', 'email', 'reminder')),
  status VARCHAR(32) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  priority VARCHAR(16) NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  title VARCHAR(255) NOT NULL,
  details TEXT,
  session_id VARCHAR(128),
  recipient VARCHAR(320),
  due_at TIMESTAMP,
  created_by VARCHAR(255),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_staff_tasks_tenant_created ON staff_tasks (tenant_id, created_at, id);
CREATE INDEX ix_staff_tasks_tenant_status ON staff_tasks (tenant_id, status, created_at);
