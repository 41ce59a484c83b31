-- Telemetry events reported by every role (src/core/telemetry.hpp), kept for the observability reports
-- and deleted after the retention period. No free text: only names, numbers and flags.
CREATE TABLE telemetry_events (
  id {{ID}},
  ts DOUBLE PRECISION NOT NULL,
  service VARCHAR(64) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL DEFAULT '',
  tenant_id BIGINT,
  latency_ms DOUBLE PRECISION,
  status INTEGER,
  error INTEGER NOT NULL DEFAULT 0,
  cost_usd DOUBLE PRECISION,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  model VARCHAR(128) NOT NULL DEFAULT '',
  provider VARCHAR(64) NOT NULL DEFAULT '',
  cache_hit INTEGER,
  escalated INTEGER,
  trace_id VARCHAR(32) NOT NULL DEFAULT ''
);
CREATE INDEX ix_telemetry_ts ON telemetry_events (ts);
CREATE INDEX ix_telemetry_service_ts ON telemetry_events (service, ts);
CREATE INDEX ix_telemetry_tenant_ts ON telemetry_events (tenant_id, ts);
