-- deployment_audit is append-only (the original's trigger, which its seed silently dropped: D18).
-- SQLite spelling; the PostgreSQL file of the same version does the same with PL/pgSQL.
CREATE TRIGGER deployment_audit_no_update BEFORE UPDATE ON deployment_audit
BEGIN
  SELECT RAISE(ABORT, 'deployment_audit is append-only');
END;
CREATE TRIGGER deployment_audit_no_delete BEFORE DELETE ON deployment_audit
BEGIN
  SELECT RAISE(ABORT, 'deployment_audit is append-only');
END;
