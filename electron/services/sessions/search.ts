/**
 * Full-text search across all threads (SQLite FTS5 over `search_index`, kept current by the
 * triggers of the sessions migration): message text, tool arguments, tool outputs, tool,
 * run and step errors, and ids. Each hit names its thread, run and step so a face can open
 * the thread at that point, and carries a snippet split into plain and highlighted parts.
 */
import type { Db } from '../db/database';

/** What kind of recorded text matched. */
export type SearchHitKind = 'message' | 'tool_arguments' | 'tool_output' | 'tool_error' | 'run_error' | 'step_error';

/** One search result, newest first. */
export interface SearchHit {
  kind: SearchHitKind;
  thread_id: string;
  run_id: string | null;
  step_id: string | null;
  /** The message id, or the event id for event hits. */
  ref: string;
  /** The snippet with the matched words as `hit` parts. */
  parts: Array<{ text: string; hit: boolean }>;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * The user's words as an FTS5 query: each word a quoted phrase (so punctuation and ids such
 * as `run_abc` are literal), all required, the last one also matching as a prefix.
 * Returns null when there is nothing to search for.
 */
export function toFtsQuery(query: string): string | null {
  const words = query.split(/\s+/).map((w) => w.replace(/"/g, '""')).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}

function splitSnippet(snippet: string): SearchHit['parts'] {
  const parts: SearchHit['parts'] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), hit: false });
    const close = rest.indexOf(CLOSE, open);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), hit: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return parts;
}

interface Row {
  kind: SearchHitKind;
  thread_id: string;
  run_id: string | null;
  step_id: string | null;
  ref: string;
  ids: string;
  snip: string;
}

/** Up to `limit` hits for `query`, newest first. An empty query finds nothing. */
export function searchSessions(db: Db, query: string, limit = 50): SearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const rows = db
    .prepare(
      `SELECT kind, thread_id, run_id, step_id, ref, ids, snippet(search_index, 0, '${OPEN}', '${CLOSE}', '…', 16) AS snip
       FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`,
    )
    .all(fts, Math.max(1, Math.min(limit, 500))) as Row[];
  const stepOfMessage = db.prepare(`SELECT id FROM run_steps WHERE run_id = ? AND json_extract(data, '$.step_details.message_creation.message_id') = ? LIMIT 1`);
  const stepWith = db.prepare('SELECT id FROM run_steps WHERE run_id = ? AND instr(data, ?) > 0 LIMIT 1');
  return rows.map((r) => {
    let step = r.step_id;
    if (!step && r.run_id) {
      if (r.kind === 'message') step = (stepOfMessage.get(r.run_id, r.ref) as { id: string } | undefined)?.id ?? null;
      else {
        const callId = r.ids.split(' ').find((id) => id.startsWith('call_'));
        if (callId) step = (stepWith.get(r.run_id, callId) as { id: string } | undefined)?.id ?? null;
      }
    }
    return { kind: r.kind, thread_id: r.thread_id, run_id: r.run_id, step_id: step, ref: r.ref, parts: splitSnippet(r.snip) };
  });
}

/** A hit's snippet as one line with the matched words in «guillemets», for terminals and logs. */
export function hitLine(hit: SearchHit): string {
  return hit.parts.map((p) => (p.hit ? `«${p.text}»` : p.text)).join('').replace(/\s+/g, ' ').trim();
}
