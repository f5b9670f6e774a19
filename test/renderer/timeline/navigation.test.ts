import { describe, expect, it } from 'vitest';
import { navigate } from '../../../renderer/src/features/timeline/model/navigation';
import { diffLines, prettyJson } from '../../../renderer/src/features/timeline/model/diff';
import { REDACTED, redactSecrets } from '../../../renderer/src/features/timeline/model/redact';
import { expiryCountdown, lifecycleEdges } from '../../../renderer/src/features/timeline/model/lifecycle-graph';
import { buildTimelineModel } from '../../../renderer/src/features/timeline/model/reduce';
import { failedRun, invalidArgsRun, multiRoundRun } from './event-fixtures';

describe('replay navigation', () => {
  const events = multiRoundRun().events;
  const typeAt = (pos: number) => events[pos - 1].type;

  it('state changes skip run events that keep the status (created → queued)', () => {
    let pos = navigate(events, 1, 'state', 1);
    expect(typeAt(pos)).toBe('thread.run.in_progress');
    pos = navigate(events, pos, 'state', 1);
    expect(typeAt(pos)).toBe('thread.run.requires_action');
    expect(typeAt(navigate(events, pos, 'state', -1))).toBe('thread.run.in_progress');
  });

  it('tool calls: the first fragment of each call, then executions and submissions', () => {
    const pos = navigate(events, 1, 'tool', 1);
    expect(typeAt(pos)).toBe('thread.run.step.delta');
    const ev = events[pos - 1];
    const details = ev.type === 'thread.run.step.delta' ? ev.data.delta.step_details : undefined;
    expect(details?.type === 'tool_calls' ? details.tool_calls?.[0].id : undefined).toBe('call_1');
    expect(typeAt(navigate(events, pos, 'tool', 1))).toBe('tool.outputs.submitted');
  });

  it('errors: model error, failed step, failed run; none means staying put', () => {
    const f = failedRun().events;
    const a = navigate(f, 1, 'error', 1);
    expect(f[a - 1].type).toBe('model.response');
    const b = navigate(f, a, 'error', 1);
    expect(f[b - 1].type).toBe('thread.run.step.failed');
    expect(navigate(events, 5, 'error', 1)).toBe(5);
    const inv = invalidArgsRun().events;
    expect(inv[navigate(inv, 1, 'error', 1) - 1].type).toBe('tool.arguments.invalid');
  });

  it('event steps one at a time and stops at the ends', () => {
    expect(navigate(events, 3, 'event', 1)).toBe(4);
    expect(navigate(events, 3, 'event', -1)).toBe(2);
    expect(navigate(events, events.length, 'event', 1)).toBe(events.length);
    expect(navigate(events, 1, 'event', -1)).toBe(1);
  });
});

describe('inspector helpers', () => {
  it('diffs pretty JSON line by line', () => {
    const d = diffLines(prettyJson('{"city":"Paris","unit":"c"}'), prettyJson('{"city":"Berlin","unit":"c"}'));
    expect(d.filter((l) => l.op === 'del').map((l) => l.text.trim())).toEqual(['"city": "Paris",']);
    expect(d.filter((l) => l.op === 'add').map((l) => l.text.trim())).toEqual(['"city": "Berlin",']);
    expect(d.filter((l) => l.op === 'same')).toHaveLength(3);
  });

  it('redacts credentials but keeps token counts', () => {
    const out = redactSecrets({ api_key: 'abc', headers: { Authorization: 'Bearer x' }, max_completion_tokens: 256, note: 'key sk-abcdefghijklmnop here' }) as Record<string, unknown>;
    expect(out.api_key).toBe(REDACTED);
    expect((out.headers as Record<string, unknown>).Authorization).toBe(REDACTED);
    expect(out.max_completion_tokens).toBe(256);
    expect(out.note).toBe(`key ${REDACTED} here`);
  });
});

describe('lifecycle graph', () => {
  it('marks the taken edges with counts; counts down while waiting', () => {
    const events = multiRoundRun().events;
    const m = buildTimelineModel(events);
    const taken = lifecycleEdges(m).filter((e) => e.taken).map((e) => `${e.from}->${e.to}×${e.taken!.count}`);
    expect(taken.sort()).toEqual(['in_progress->completed×1', 'in_progress->requires_action×2', 'queued->in_progress×3', 'requires_action->queued×2', 'start->queued×1']);
    expect(lifecycleEdges(m).some((e) => e.unexpected)).toBe(false);
    const waiting = buildTimelineModel(events, events.findIndex((e) => e.type === 'thread.run.requires_action') + 1);
    const created = waiting.run!.expires_at! - 600;
    expect(expiryCountdown(waiting, (created + 60) * 1000)).toBe(540);
    expect(expiryCountdown(m, Date.now())).toBeNull();
  });
});
