/**
 * Pure rules of the tool-call inbox: what each pending call will answer with, and whether
 * the whole set may be submitted. The Assistants API takes every output of a round in
 * one request, so the inbox submits all calls together or none.
 */
import type { PendingCall, ToolOutput } from '../../../electron/contract/api';
import type { RunStatus } from '../../../electron/contract/objects';

export type OutputSource = 'manual' | 'mock' | 'live';

export interface CallDraft {
  source: OutputSource;
  /** The text typed by hand (manual), or the mock's output once computed. */
  output: string;
  /** The mock/live error, when it failed. */
  error: string | null;
  /** True while a mock preview or live execution is under way. */
  busy: boolean;
  /** The mock's output looks like JSON but is not: shown, and submitting waits for a fix. */
  warning?: string | null;
}

export interface SubmitCheck {
  ok: boolean;
  /** Why not, one sentence per blocking reason. */
  reasons: string[];
  outputs: ToolOutput[];
}

/** The default draft: the remembered choice for the function, else manual with empty text. */
export function initialDraft(source: OutputSource | undefined): CallDraft {
  return { source: source ?? 'manual', output: '', error: null, busy: false };
}

/** Seconds left before the run expires (never negative), or null when it has no expiry. */
export function secondsLeft(expiresAt: number | null, nowMs: number): number | null {
  if (expiresAt == null) return null;
  return Math.max(0, Math.floor(expiresAt - nowMs / 1000));
}

/** Decides whether the inbox may submit, and builds the outputs in call order. */
export function checkSubmit(input: {
  status: RunStatus | undefined;
  expiresAt: number | null;
  nowMs: number;
  calls: PendingCall[];
  drafts: Record<string, CallDraft | undefined>;
  submitting: boolean;
}): SubmitCheck {
  const reasons: string[] = [];
  if (input.submitting) reasons.push('Submitting…');
  if (input.status !== 'requires_action') reasons.push(`The run is ${input.status ?? 'unknown'}; only a run that requires action accepts outputs.`);
  else if (secondsLeft(input.expiresAt, input.nowMs) === 0) reasons.push('The run has expired; outputs can no longer be submitted.');
  if (input.calls.length === 0) reasons.push('There are no pending calls.');
  const outputs: ToolOutput[] = [];
  for (const call of input.calls) {
    const d = input.drafts[call.call_id];
    if (!d) {
      reasons.push(`${call.function} (${call.call_id}) has no output yet.`);
    } else if (d.busy) {
      reasons.push(`${call.function} is still running its ${d.source}.`);
    } else if (d.error) {
      reasons.push(`${call.function}: the ${d.source} failed (${d.error}); type an output instead.`);
    } else if (d.warning && d.source !== 'manual') {
      reasons.push(`${call.function}: ${d.warning} Type an output instead, or fix the mock.`);
    } else if (d.source === 'manual' && d.output.trim() === '') {
      reasons.push(`Type an output for ${call.function} (${call.call_id}).`);
    } else {
      outputs.push({ tool_call_id: call.call_id, output: d.output });
    }
  }
  return { ok: reasons.length === 0, reasons, outputs };
}
