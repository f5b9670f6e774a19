/**
 * Function-call handlers, one per (assistant, function): manual (the run waits for a
 * person), mock (static, template, sequence, latency, error) or live (later issues).
 * Stored in SQLite so choices survive restarts; a sequence's position is stored too.
 */
import { abortableSleep } from '../abortable-sleep';
import type { Db } from '../db/database';
import type { FunctionHandler, HandlerInput, MockHandlerConfig } from '../../contract/api';
import { renderTemplateChecked } from './template';

interface Row {
  assistant_id: string;
  function_name: string;
  updated_at: number;
  sequence_index: number;
  data: string;
}

const DEFAULT_MOCK: MockHandlerConfig = { kind: 'static', output: '{"ok":true}' };

export function defaultHandler(assistantId: string, functionName: string): FunctionHandler {
  return { assistant_id: assistantId, function_name: functionName, mode: 'manual', auto: false, mock: DEFAULT_MOCK, updated_at: 0 };
}

export class HandlerStore {
  private readonly select;
  private readonly advance;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.select = db.prepare('SELECT * FROM handlers WHERE assistant_id = ? AND function_name = ?');
    this.advance = db.prepare(
      'UPDATE handlers SET sequence_index = sequence_index + 1 WHERE assistant_id = ? AND function_name = ? RETURNING sequence_index',
    );
  }

  get(assistantId: string, functionName: string): FunctionHandler {
    const row = this.select.get(assistantId, functionName) as Row | undefined;
    return row ? this.fromRow(row) : defaultHandler(assistantId, functionName);
  }

  list(assistantId: string, functionNames: string[]): FunctionHandler[] {
    return functionNames.map((name) => this.get(assistantId, name));
  }

  set(assistantId: string, functionName: string, input: HandlerInput): FunctionHandler {
    const current = this.get(assistantId, functionName);
    const next: FunctionHandler = {
      assistant_id: assistantId,
      function_name: functionName,
      mode: input.mode,
      auto: input.auto ?? current.auto,
      mock: input.mock ?? current.mock,
      updated_at: Math.floor(this.now() / 1000),
    };
    this.db
      .prepare(
        `INSERT INTO handlers (assistant_id, function_name, updated_at, sequence_index, data) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT(assistant_id, function_name) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data, sequence_index = 0`,
      )
      .run(assistantId, functionName, next.updated_at, JSON.stringify({ mode: next.mode, auto: next.auto, mock: next.mock }));
    return next;
  }

  /** The next index of a sequence mock, advancing the stored position. */
  nextSequenceIndex(assistantId: string, functionName: string): number {
    const row = this.advance.get(assistantId, functionName) as { sequence_index: number } | undefined;
    return row ? row.sequence_index - 1 : 0;
  }

  private fromRow(row: Row): FunctionHandler {
    const data = JSON.parse(row.data) as Pick<FunctionHandler, 'mode' | 'auto' | 'mock'>;
    return { assistant_id: row.assistant_id, function_name: row.function_name, updated_at: row.updated_at, ...data };
  }
}

export { renderTemplate } from './template';

export interface HandlerResult {
  output: string | null;
  error: string | null;
  /** A template output that looks like JSON but is not (flagged before anyone sends it). */
  warning?: string | null;
}

/**
 * Runs a mock handler. A simulated error still yields an output the run can continue with
 * (`{"error": "…"}`), as a real tool that failed would report to the model.
 */
export async function executeMock(
  mock: MockHandlerConfig,
  functionName: string,
  args: string,
  nextIndex: () => number,
  signal?: AbortSignal,
): Promise<HandlerResult> {
  if (mock.latency_ms && mock.latency_ms > 0) await abortableSleep(mock.latency_ms, signal);
  switch (mock.kind) {
    case 'static':
      return { output: mock.output ?? '', error: null };
    case 'template': {
      const r = renderTemplateChecked(mock.output ?? '', functionName, args);
      return { output: r.output, error: null, warning: r.warning };
    }
    case 'sequence': {
      const list = mock.sequence ?? [];
      if (list.length === 0) return { output: '', error: null };
      const i = Math.min(nextIndex(), list.length - 1);
      const r = renderTemplateChecked(list[i], functionName, args);
      return { output: r.output, error: null, warning: r.warning };
    }
    case 'error': {
      const message = mock.error ?? 'Simulated error';
      return { output: JSON.stringify({ error: message }), error: message };
    }
  }
}
