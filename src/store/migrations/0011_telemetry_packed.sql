-- Packed telemetry rows (src/store/telemetry.cpp): one row per (service, event_type, tenant, minute) of a
-- written batch, `packed` holding its events one line each; ts is the row's latest event's. Rows, not
-- events, are what the store pays for (a row and three index entries), and a cached pipeline turn emits
-- ~5 events. '' = a row that is one event (rows written before this migration).
ALTER TABLE telemetry_events ADD COLUMN packed TEXT NOT NULL DEFAULT '';
