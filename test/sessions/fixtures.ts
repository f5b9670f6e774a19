/**
 * Test fixtures for sessions: a database with recorded runs of every kind (function calls,
 * parallel calls, a failure, a cancellation), row counts of every table, and the CLI run
 * in-process through its dispatcher.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { dispatch } from '../../electron/services/cli/dispatch';
import type { Run } from '../../electron/contract/objects';
import { openTestServices, timeTool, waitForStatus, weatherTool, type TestServices } from '../helpers/services';

/** Every table an import may touch, with the search index. */
export const TABLES = ['assistants', 'assistant_versions', 'threads', 'messages', 'runs', 'run_steps', 'events', 'handlers', 'run_origins', 'search_index'];

/** Row counts of every table of a database file. */
export function rowCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** Runs `npm run runlens -- …` in-process; resolves with the exit code and output lines. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await dispatch(argv, { RUNLENS_DATA_DIR: '/nonexistent-runlens-data' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

export interface Recorded {
  s: TestServices;
  assistantId: string;
  runs: { tools: Run; parallel: Run; failed: Run; cancelled: Run; echo: Run };
}

/** Starts a run on a new thread with one user message and waits for one of `statuses`. */
export async function runOnNewThread(s: TestServices, assistantId: string, text: string, statuses: Run['status'][]): Promise<Run> {
  const thread = s.runtime.createThread({ messages: [{ role: 'user', content: text }] });
  const { run } = s.runtime.createRun(thread.id, { assistant_id: assistantId });
  return waitForStatus(s, run, statuses);
}

/** A database with one recorded run of every kind. */
export async function recordRuns(s: TestServices = openTestServices()): Promise<Recorded> {
  const a = s.runtime.createAssistant({ model: 'mock', name: 'Weather bot', instructions: 'Use tools.', tools: [weatherTool, timeTool] });
  const toolsRun = await runOnNewThread(s, a.id, 'get_weather city=Paris unit=c', ['requires_action']);
  s.runtime.submitToolOutputs(toolsRun.thread_id, toolsRun.id, { tool_outputs: [{ tool_call_id: toolsRun.required_action!.submit_tool_outputs.tool_calls[0].id, output: '21C sunny' }] });
  const tools = await waitForStatus(s, toolsRun, ['completed']);
  const parallelRun = await runOnNewThread(s, a.id, 'get_weather city=Oslo unit=c and get_time zone=CET', ['requires_action']);
  const calls = parallelRun.required_action!.submit_tool_outputs.tool_calls;
  expect(calls).toHaveLength(2);
  s.runtime.submitToolOutputs(parallelRun.thread_id, parallelRun.id, {
    tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output: c.function.name === 'get_weather' ? 'snow' : '14:00' })),
  });
  const parallel = await waitForStatus(s, parallelRun, ['completed']);
  const failed = await runOnNewThread(s, a.id, 'Hello [mock:fail]', ['failed']);
  const waiting = await runOnNewThread(s, a.id, 'get_time zone=UTC', ['requires_action']);
  s.runtime.cancelRun(waiting.thread_id, waiting.id);
  const cancelled = await waitForStatus(s, waiting, ['cancelled']);
  const echo = await runOnNewThread(s, a.id, 'Just say hello', ['completed']);
  return { s, assistantId: a.id, runs: { tools, parallel, failed, cancelled, echo } };
}
