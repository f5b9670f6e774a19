import { describe, expect, it } from 'vitest';
import { checkSubmit, initialDraft, secondsLeft } from '../../../../renderer/src/stores/inbox-rules';
import type { PendingCall } from '../../../../electron/contract/api';

const call = (id: string, fn = 'get_weather'): PendingCall => ({ call_id: id, step_id: 's', function: fn, arguments: '{}', validation_errors: null });
const base = { status: 'requires_action' as const, expiresAt: 2000, nowMs: 1_000_000, submitting: false };

describe('checkSubmit', () => {
  it('needs an output for every call and builds them in call order', () => {
    const calls = [call('a'), call('b', 'get_time')];
    const partial = checkSubmit({ ...base, calls, drafts: { a: { ...initialDraft('manual'), output: 'x' } } });
    expect(partial.ok).toBe(false);
    expect(partial.reasons).toEqual(['get_time (b) has no output yet.']);
    const all = checkSubmit({ ...base, calls, drafts: { b: { ...initialDraft('mock'), output: '' }, a: { ...initialDraft('manual'), output: 'x' } } });
    expect(all).toMatchObject({ ok: true, outputs: [{ tool_call_id: 'a', output: 'x' }, { tool_call_id: 'b', output: '' }] });
  });

  it('refuses blank typed outputs, running or failed mocks', () => {
    const calls = [call('a'), call('b'), call('c')];
    const r = checkSubmit({
      ...base,
      calls,
      drafts: { a: { ...initialDraft('manual'), output: '  ' }, b: { ...initialDraft('mock'), busy: true }, c: { ...initialDraft('mock'), error: 'boom' } },
    });
    expect(r.ok).toBe(false);
    expect(r.reasons).toEqual(['Type an output for get_weather (a).', 'get_weather is still running its mock.', 'get_weather: the mock failed (boom); type an output instead.']);
  });

  it('refuses once the run left requires_action or expired', () => {
    const drafts = { a: { ...initialDraft('manual'), output: 'x' } };
    expect(checkSubmit({ ...base, status: 'cancelled', calls: [call('a')], drafts }).reasons[0]).toMatch(/The run is cancelled/);
    expect(checkSubmit({ ...base, expiresAt: 999, calls: [call('a')], drafts }).reasons[0]).toMatch(/expired/);
    expect(secondsLeft(1060, 1_000_000)).toBe(60);
    expect(secondsLeft(null, 0)).toBeNull();
  });

  it('holds back a mock output flagged as broken JSON until a person types one', () => {
    const warning = 'The output looks like JSON but is not valid JSON (x); check the template.';
    const flagged = checkSubmit({ ...base, calls: [call('a')], drafts: { a: { ...initialDraft('mock'), output: '{"a":', warning } } });
    expect(flagged.ok).toBe(false);
    expect(flagged.reasons[0]).toContain('get_weather: The output looks like JSON but is not valid JSON');
    const typed = checkSubmit({ ...base, calls: [call('a')], drafts: { a: { ...initialDraft('manual'), output: '{"a":1}', warning } } });
    expect(typed.ok).toBe(true);
  });
});
