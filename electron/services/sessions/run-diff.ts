/**
 * Compares two runs step by step. Steps are aligned with the `diff` library's array diff on
 * their key (type and function names), so an inserted or deleted round shows as such instead
 * of shifting every later pair; aligned pairs get JSON diffs of arguments, outputs and
 * message text. The first divergence is the first row that is not the same, or else the end
 * of the runs when their status or error differ.
 */
import { diffArrays, diffJson, diffLines } from 'diff';
import type { RunView, StepView } from './run-view';

/** One changed line of a JSON or text diff. */
export interface DiffPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

export interface FieldChange {
  /** `text`, `calls[0].arguments`, `calls[1].output`, `status`, `error`. */
  field: string;
  a: string | null;
  b: string | null;
  lines: DiffPart[];
}

export interface DiffRow {
  kind: 'same' | 'changed' | 'inserted' | 'deleted';
  a: StepView | null;
  b: StepView | null;
  changes: FieldChange[];
  tokens_delta: number | null;
  latency_delta_ms: number | null;
}

export interface Divergence {
  /** Row index in `rows`, or null when the steps agree and only the ending differs. */
  row: number | null;
  step_a: string | null;
  step_b: string | null;
  reason: string;
}

export interface RunDiff {
  run_a: string;
  run_b: string;
  rows: DiffRow[];
  status: { a: string; b: string };
  error: { a: string | null; b: string | null };
  tokens: { a: number; b: number; delta: number };
  latency_ms: { a: number; b: number; delta: number };
  cost_usd: { a: number | null; b: number | null; delta: number | null };
  divergence: Divergence | null;
}

function parseMaybe(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function lines(a: string | null, b: string | null, json: boolean): DiffPart[] {
  const changes = json ? diffJson(parseMaybe(a) as object, parseMaybe(b) as object) : diffLines(a ?? '', b ?? '');
  return changes.flatMap((c) =>
    c.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ op: c.added ? ('add' as const) : c.removed ? ('del' as const) : ('same' as const), text })),
  );
}

/** Argument and output strings are equal when they are the same JSON value. */
function sameValue(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  return JSON.stringify(parseMaybe(a)) === JSON.stringify(parseMaybe(b));
}

function compareSteps(a: StepView, b: StepView): FieldChange[] {
  const out: FieldChange[] = [];
  const field = (name: string, x: string | null, y: string | null, json: boolean): void => {
    if (json ? !sameValue(x, y) : x !== y) out.push({ field: name, a: x, b: y, lines: lines(x, y, json) });
  };
  field('status', a.status, b.status, false);
  field('error', a.error, b.error, false);
  field('text', a.text, b.text, false);
  const n = Math.max(a.calls.length, b.calls.length);
  for (let i = 0; i < n; i++) {
    field(`calls[${i}].name`, a.calls[i]?.name ?? null, b.calls[i]?.name ?? null, false);
    field(`calls[${i}].arguments`, a.calls[i]?.arguments ?? null, b.calls[i]?.arguments ?? null, true);
    field(`calls[${i}].output`, a.calls[i]?.output ?? null, b.calls[i]?.output ?? null, true);
  }
  return out;
}

function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined ? null : b - a;
}

/** The step-aligned comparison of run A (the reference) with run B. */
export function diffRuns(a: RunView, b: RunView): RunDiff {
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(a.steps.map((s) => s.key), b.steps.map((s) => s.key))) {
    for (let k = 0; k < part.count; k++) {
      if (part.added) rows.push({ kind: 'inserted', a: null, b: b.steps[j++], changes: [], tokens_delta: null, latency_delta_ms: null });
      else if (part.removed) rows.push({ kind: 'deleted', a: a.steps[i++], b: null, changes: [], tokens_delta: null, latency_delta_ms: null });
      else {
        const x = a.steps[i++];
        const y = b.steps[j++];
        const changes = compareSteps(x, y);
        rows.push({ kind: changes.length > 0 ? 'changed' : 'same', a: x, b: y, changes, tokens_delta: y.tokens - x.tokens, latency_delta_ms: delta(x.latency_ms, y.latency_ms) });
      }
    }
  }
  const errA = a.run.last_error ? `${a.run.last_error.code}: ${a.run.last_error.message}` : null;
  const errB = b.run.last_error ? `${b.run.last_error.code}: ${b.run.last_error.message}` : null;
  let divergence: Divergence | null = null;
  const first = rows.findIndex((r) => r.kind !== 'same');
  if (first >= 0) {
    const r = rows[first];
    const what =
      r.kind === 'inserted'
        ? `run B has an extra ${r.b!.key} step`
        : r.kind === 'deleted'
          ? `run B has no ${r.a!.key} step here`
          : `${r.changes.map((c) => c.field).join(', ')} differ`;
    divergence = { row: first, step_a: r.a?.id ?? null, step_b: r.b?.id ?? null, reason: `step ${first + 1}: ${what}` };
  } else if (a.run.status !== b.run.status || errA !== errB) {
    divergence = { row: null, step_a: null, step_b: null, reason: `the runs end differently: ${a.run.status}${errA ? ` (${errA})` : ''} vs ${b.run.status}${errB ? ` (${errB})` : ''}` };
  } else if (a.tokens.total !== b.tokens.total) {
    divergence = { row: null, step_a: null, step_b: null, reason: `token usage differs: ${a.tokens.total} vs ${b.tokens.total}` };
  }
  return {
    run_a: a.run.id,
    run_b: b.run.id,
    rows,
    status: { a: a.run.status, b: b.run.status },
    error: { a: errA, b: errB },
    tokens: { a: a.tokens.total, b: b.tokens.total, delta: b.tokens.total - a.tokens.total },
    latency_ms: { a: a.latency_ms, b: b.latency_ms, delta: b.latency_ms - a.latency_ms },
    cost_usd: { a: a.cost_usd, b: b.cost_usd, delta: delta(a.cost_usd, b.cost_usd) },
    divergence,
  };
}
