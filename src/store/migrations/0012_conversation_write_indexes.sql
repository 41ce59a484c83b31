-- The conversation write path (issue #9): every turn inserts a conversation (new sessions), a turn and its
-- pipeline steps, and each index is one more B-tree insert inside the single writer's transaction.
-- Steps are only ever read by conversation (ix_pipeline_steps_conversation, turn_id filtered within it) and
-- turns are never deleted, so the turn_id index served no query and no foreign-key check.
DROP INDEX ix_pipeline_steps_turn;
-- Conversations are looked up by patient only for a given patient (patient_id = ?), which implies NOT NULL:
-- anonymous conversations (most of them) need no entry.
DROP INDEX ix_conversations_patient;
CREATE INDEX ix_conversations_patient ON conversations (patient_id, created_at) WHERE patient_id IS NOT NULL;
