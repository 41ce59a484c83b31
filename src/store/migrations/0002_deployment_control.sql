-- Deployment control plane (spec/SCHEMA.md §3). Constraint and index names follow the original's
-- Alembic migration so tooling that knows them keeps working.

CREATE TABLE deployment_environments (
  id {{ID}},
  name VARCHAR(128) NOT NULL,
  display_name VARCHAR(255) NOT NULL,
  repository VARCHAR(255) NOT NULL,
  github_environment VARCHAR(255) NOT NULL,
  requires_approval BOOLEAN NOT NULL DEFAULT FALSE,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  configuration {{JSON}} NOT NULL DEFAULT '{}',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ix_deployment_environments_name ON deployment_environments (name);

CREATE TABLE deployment_releases (
  id {{ID}},
  public_id VARCHAR(36) NOT NULL,
  environment_id BIGINT NOT NULL REFERENCES deployment_environments (id),
  version VARCHAR(255) NOT NULL,
  git_sha VARCHAR(64) NOT NULL,
  requested_by VARCHAR(255) NOT NULL,
  status VARCHAR(32) NOT NULL
    CHECK (status IN ('pending_approval', 'queued', 'deploying', 'deployed', 'failed', 'cancelled')),
  idempotency_key VARCHAR(255) NOT NULL,
  request_fingerprint VARCHAR(64) NOT NULL,
  metadata_json {{JSON}} NOT NULL DEFAULT '{}',
  rollback_of_id BIGINT REFERENCES deployment_releases (id),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  CONSTRAINT uq_deployment_release_idempotency UNIQUE (environment_id, idempotency_key)
);
CREATE UNIQUE INDEX ix_deployment_releases_public_id ON deployment_releases (public_id);
CREATE INDEX ix_deployment_releases_status ON deployment_releases (status);

CREATE TABLE deployment_jobs (
  id {{ID}},
  public_id VARCHAR(36) NOT NULL,
  release_id BIGINT NOT NULL REFERENCES deployment_releases (id),
  kind VARCHAR(32) NOT NULL DEFAULT 'deploy' CHECK (kind IN ('deploy', 'rollback')),
  status VARCHAR(32) NOT NULL,
  github_run_id VARCHAR(64),
  workflow_ref VARCHAR(512),
  cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
  error_message TEXT,
  started_at TIMESTAMP,
  completed_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ix_deployment_jobs_public_id ON deployment_jobs (public_id);
CREATE INDEX ix_deployment_jobs_status ON deployment_jobs (status);
CREATE INDEX ix_deployment_jobs_github_run_id ON deployment_jobs (github_run_id);
CREATE INDEX ix_deployment_jobs_release ON deployment_jobs (release_id);

CREATE TABLE deployment_steps (
  id {{ID}},
  job_id BIGINT NOT NULL REFERENCES deployment_jobs (id),
  name VARCHAR(255) NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  status VARCHAR(32) NOT NULL,
  details {{JSON}} NOT NULL DEFAULT '{}',
  started_at TIMESTAMP,
  completed_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  CONSTRAINT uq_deployment_step_attempt UNIQUE (job_id, name, attempt)
);

CREATE TABLE deployment_approvals (
  id {{ID}},
  job_id BIGINT NOT NULL REFERENCES deployment_jobs (id),
  status VARCHAR(32) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by VARCHAR(255) NOT NULL,
  decided_by VARCHAR(255),
  comment TEXT,
  decided_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_deployment_approvals_job ON deployment_approvals (job_id);

CREATE TABLE deployment_artifacts (
  id {{ID}},
  job_id BIGINT NOT NULL REFERENCES deployment_jobs (id),
  name VARCHAR(255) NOT NULL,
  uri TEXT NOT NULL,
  digest VARCHAR(255),
  media_type VARCHAR(255),
  metadata_json {{JSON}} NOT NULL DEFAULT '{}',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_deployment_artifacts_job ON deployment_artifacts (job_id);

CREATE TABLE service_revisions (
  id {{ID}},
  environment_id BIGINT NOT NULL REFERENCES deployment_environments (id),
  release_id BIGINT NOT NULL REFERENCES deployment_releases (id),
  service_name VARCHAR(255) NOT NULL,
  revision VARCHAR(255) NOT NULL,
  image_digest VARCHAR(255),
  status VARCHAR(32) NOT NULL DEFAULT 'active',
  deployed_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  CONSTRAINT uq_service_revision_environment UNIQUE (environment_id, service_name)
);

CREATE TABLE deployment_audit (
  id {{ID}},
  actor VARCHAR(255) NOT NULL,
  action VARCHAR(128) NOT NULL,
  resource_type VARCHAR(64) NOT NULL,
  resource_id VARCHAR(64) NOT NULL,
  request_id VARCHAR(128),
  details {{JSON}} NOT NULL DEFAULT '{}',
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ix_deployment_audit_actor ON deployment_audit (actor);
CREATE INDEX ix_deployment_audit_action ON deployment_audit (action);
CREATE INDEX ix_deployment_audit_resource_id ON deployment_audit (resource_id);
