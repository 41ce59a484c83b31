-- deployment_audit is append-only (the original's trigger, which its seed silently dropped: D18).
CREATE FUNCTION prevent_deployment_audit_mutation() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'deployment_audit is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER deployment_audit_immutable BEFORE UPDATE OR DELETE ON deployment_audit
  FOR EACH ROW EXECUTE FUNCTION prevent_deployment_audit_mutation();
