/**
 * Schema for issue 11 (sessions): where a re-run or fork came from (`run_origins`), and the
 * full-text index (`search_index`, SQLite FTS5) kept up to date by triggers, so every way
 * rows arrive — live runs, `/v1`, imports — is indexed in the same transaction.
 *
 * Index rows: a message is rowid `messages.rowid * 2`; an event is `events.id * 2 + 1`, so
 * updates and deletes find their row by rowid. Indexed events: tool calls (arguments),
 * submitted tool outputs, tool and argument errors, run and step errors.
 */
export const SESSIONS_MIGRATION_SQL = `
  CREATE TABLE run_origins (
    run_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    parent_run_id TEXT NOT NULL,
    parent_step_id TEXT,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX run_origins_parent ON run_origins (parent_run_id);

  CREATE VIRTUAL TABLE search_index USING fts5(
    body, ids, kind UNINDEXED, thread_id UNINDEXED, run_id UNINDEXED, step_id UNINDEXED, ref UNINDEXED,
    tokenize = 'unicode61'
  );

  CREATE VIEW search_event_docs AS
  SELECT id * 2 + 1 AS doc_rowid, id, body, run_id || ' ' || thread_id || ' ' || coalesce(step_id, '') || ' ' || coalesce(extra_ids, '') AS ids,
         kind, thread_id, run_id, step_id, CAST(id AS TEXT) AS ref
  FROM (
    SELECT e.id, e.run_id, e.thread_id,
      CASE e.type
        WHEN 'thread.run.requires_action' THEN (SELECT group_concat(json_extract(c.value, '$.function.name') || ' ' || json_extract(c.value, '$.function.arguments'), char(10))
                                                FROM json_each(e.data, '$.required_action.submit_tool_outputs.tool_calls') c)
        WHEN 'tool.outputs.submitted' THEN (SELECT group_concat(json_extract(o.value, '$.output'), char(10)) FROM json_each(e.data, '$.tool_outputs') o)
        WHEN 'tool.execution.finished' THEN json_extract(e.data, '$.function') || ': ' || json_extract(e.data, '$.error')
        WHEN 'tool.arguments.invalid' THEN json_extract(e.data, '$.function') || ' ' || json_extract(e.data, '$.arguments') || char(10) || json_extract(e.data, '$.errors')
        WHEN 'thread.run.failed' THEN json_extract(e.data, '$.last_error.code') || ': ' || json_extract(e.data, '$.last_error.message')
        WHEN 'thread.run.step.failed' THEN json_extract(e.data, '$.last_error.code') || ': ' || json_extract(e.data, '$.last_error.message')
      END AS body,
      CASE e.type
        WHEN 'thread.run.requires_action' THEN 'tool_arguments'
        WHEN 'tool.outputs.submitted' THEN 'tool_output'
        WHEN 'tool.execution.finished' THEN 'tool_error'
        WHEN 'tool.arguments.invalid' THEN 'tool_error'
        WHEN 'thread.run.failed' THEN 'run_error'
        ELSE 'step_error'
      END AS kind,
      CASE e.type
        WHEN 'thread.run.step.failed' THEN json_extract(e.data, '$.id')
        WHEN 'thread.run.requires_action' THEN NULL
        ELSE json_extract(e.data, '$.step_id')
      END AS step_id,
      CASE e.type
        WHEN 'thread.run.requires_action' THEN (SELECT group_concat(json_extract(c.value, '$.id'), ' ') FROM json_each(e.data, '$.required_action.submit_tool_outputs.tool_calls') c)
        WHEN 'tool.outputs.submitted' THEN (SELECT group_concat(json_extract(o.value, '$.tool_call_id'), ' ') FROM json_each(e.data, '$.tool_outputs') o)
        ELSE json_extract(e.data, '$.call_id')
      END AS extra_ids
    FROM events e
    WHERE e.type IN ('thread.run.requires_action', 'tool.outputs.submitted', 'tool.execution.finished', 'tool.arguments.invalid', 'thread.run.failed', 'thread.run.step.failed')
  )
  WHERE body IS NOT NULL AND body <> '';

  CREATE TRIGGER search_events_ai AFTER INSERT ON events
  WHEN NEW.type IN ('thread.run.requires_action', 'tool.outputs.submitted', 'tool.execution.finished', 'tool.arguments.invalid', 'thread.run.failed', 'thread.run.step.failed')
  BEGIN
    INSERT INTO search_index (rowid, body, ids, kind, thread_id, run_id, step_id, ref)
    SELECT doc_rowid, body, ids, kind, thread_id, run_id, step_id, ref FROM search_event_docs WHERE id = NEW.id;
  END;
  CREATE TRIGGER search_events_ad AFTER DELETE ON events
  WHEN OLD.type IN ('thread.run.requires_action', 'tool.outputs.submitted', 'tool.execution.finished', 'tool.arguments.invalid', 'thread.run.failed', 'thread.run.step.failed')
  BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 2 + 1;
  END;

  CREATE TRIGGER search_messages_ai AFTER INSERT ON messages WHEN NEW.text <> '' BEGIN
    INSERT INTO search_index (rowid, body, ids, kind, thread_id, run_id, step_id, ref)
    VALUES (NEW.rowid * 2, NEW.text, NEW.id || ' ' || NEW.thread_id || ' ' || coalesce(NEW.run_id, ''), 'message', NEW.thread_id, NEW.run_id, NULL, NEW.id);
  END;
  CREATE TRIGGER search_messages_au AFTER UPDATE OF text ON messages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.rowid * 2;
    INSERT INTO search_index (rowid, body, ids, kind, thread_id, run_id, step_id, ref)
    SELECT NEW.rowid * 2, NEW.text, NEW.id || ' ' || NEW.thread_id || ' ' || coalesce(NEW.run_id, ''), 'message', NEW.thread_id, NEW.run_id, NULL, NEW.id
    WHERE NEW.text <> '';
  END;
  CREATE TRIGGER search_messages_ad AFTER DELETE ON messages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.rowid * 2;
  END;

  INSERT INTO search_index (rowid, body, ids, kind, thread_id, run_id, step_id, ref)
  SELECT rowid * 2, text, id || ' ' || thread_id || ' ' || coalesce(run_id, ''), 'message', thread_id, run_id, NULL, id FROM messages WHERE text <> '';
  INSERT INTO search_index (rowid, body, ids, kind, thread_id, run_id, step_id, ref)
  SELECT doc_rowid, body, ids, kind, thread_id, run_id, step_id, ref FROM search_event_docs;
`;
