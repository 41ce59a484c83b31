-- A turn's pipeline steps are stored with the turn (conversation_turns.steps, a JSON array of step objects)
-- instead of one pipeline_steps row each (issue #9): see the SQLite file of the same version. The view keeps
-- the original's columns; `seq` is the position in the array (0, 1, ...) or the archived row's id.
ALTER TABLE pipeline_steps RENAME TO pipeline_steps_archive;
ALTER TABLE conversation_turns ADD COLUMN steps JSON;
CREATE VIEW pipeline_steps AS
SELECT conversation_id, turn_id, id AS seq, step_name, status, input, output, error_message, start_time, end_time,
       created_at, updated_at
  FROM pipeline_steps_archive
UNION ALL
SELECT t.conversation_id, t.id, j.ord - 1, j.value ->> 'step_name', j.value ->> 'status', j.value -> 'input',
       j.value -> 'output', j.value ->> 'error_message', (j.value ->> 'start_time')::DOUBLE PRECISION,
       (j.value ->> 'end_time')::DOUBLE PRECISION, t.created_at, t.updated_at
  FROM conversation_turns t CROSS JOIN LATERAL json_array_elements(t.steps) WITH ORDINALITY AS j(value, ord);
