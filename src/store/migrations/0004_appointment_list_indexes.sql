-- The admin list (GET /api/v1/appointments) orders by start_time DESC, id DESC, across all tenants or
-- within one. Without these, every page sorted the whole table (measured: 74 ms p50 at 10k rows on SQLite).
CREATE INDEX ix_appointments_start ON appointments (start_time, id);
CREATE INDEX ix_appointments_tenant_start_id ON appointments (tenant_id, start_time, id);
DROP INDEX ix_appointments_tenant_start;
