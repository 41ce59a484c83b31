-- A turn's pipeline steps are stored with the turn (conversation_turns.steps, a JSON array of step objects)
-- instead of one pipeline_steps row each (issue #9): the rows and their index were a third of what a cached
-- turn cost the single writer, and nothing reads a step without its turn. pipeline_steps becomes a view with
-- the original's columns over both the packed steps and the rows written before this migration, which stay
-- untouched in pipeline_steps_archive (renaming is instant however many rows it holds). `seq` orders a turn's
-- steps: the position in the array (0, 1, ...), or the archived row's id. There is no step id any more.
-- SQLite spelling; the PostgreSQL file of the same version does the same with json_array_elements.
ALTER TABLE pipeline_steps RENAME TO pipeline_steps_archive;
ALTER TABLE conversation_turns ADD COLUMN steps TEXT;
CREATE VIEW pipeline_steps AS
SELECT conversation_id, turn_id, id AS seq, step_name, status, input, output, error_message, start_time, end_time,
       created_at, updated_at
  FROM pipeline_steps_archive
UNION ALL
SELECT t.conversation_id, t.id, CAST(j.key AS INTEGER), json_extract(j.value, '$.step_name'),
       json_extract(j.value, '$.status'), json_extract(j.value, '$.input'), json_extract(j.value, '$.output'),
       json_extract(j.value, '$.error_message'), json_extract(j.value, '$.start_time'),
       json_extract(j.value, '$.end_time'), t.created_at, t.updated_at
  FROM conversation_turns t, json_each(t.steps) j;
