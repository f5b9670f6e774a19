import { describe, expect, it } from 'vitest';
import { RUN_STATUSES, type RunStatus } from '../../../electron/contract/objects';
import { assertTransition, canTransition, isActive, isTerminal, RUN_TRANSITIONS } from '../../../electron/services/runtime/state-machine';

// The edges of assistants-api.md §3, written out independently of the implementation.
const ALLOWED: Array<[RunStatus, RunStatus]> = [
  ['queued', 'in_progress'],
  ['queued', 'cancelling'],
  ['queued', 'failed'],
  ['queued', 'expired'],
  ['in_progress', 'requires_action'],
  ['in_progress', 'completed'],
  ['in_progress', 'incomplete'],
  ['in_progress', 'failed'],
  ['in_progress', 'cancelling'],
  ['in_progress', 'expired'],
  ['requires_action', 'queued'],
  ['requires_action', 'cancelling'],
  ['requires_action', 'expired'],
  ['requires_action', 'failed'],
  ['cancelling', 'cancelled'],
  ['cancelling', 'completed'],
  ['cancelling', 'failed'],
  ['cancelling', 'expired'],
  ['cancelling', 'incomplete'],
];

describe('run transition table', () => {
  const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
  for (const from of RUN_STATUSES) {
    for (const to of RUN_STATUSES) {
      const ok = allowed.has(`${from}>${to}`);
      it(`${ok ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(ok);
        if (ok) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(`Illegal run transition ${from} → ${to}`);
      });
    }
  }

  it('has exactly the nine statuses, and terminal ones lead nowhere', () => {
    expect(Object.keys(RUN_TRANSITIONS).sort()).toEqual([...RUN_STATUSES].sort());
    for (const s of ['completed', 'incomplete', 'failed', 'cancelled', 'expired'] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(isActive(s)).toBe(false);
      expect(RUN_TRANSITIONS[s]).toEqual([]);
    }
    for (const s of ['queued', 'in_progress', 'requires_action', 'cancelling'] as const) expect(isActive(s)).toBe(true);
  });
});
