import { describe, expect, it } from 'vitest';
import type { RunEventRecord } from '../../../electron/contract/events';
import { isRunStatusEvent } from '../../../electron/contract/event-guards';
import { applyEvent, buildTimelineModel, createTimelineModel, transitionsOf } from '../../../renderer/src/features/timeline/model/reduce';
import { cancelledRun, expiredRun, failedRun, invalidArgsRun, multiRoundRun, plainReplyRun } from './event-fixtures';

/** The status changes as recorded: every thread.run.* event whose status differs from the one before. */
function recordedTransitions(events: RunEventRecord[]): Array<{ status: string; ts: number }> {
  const out: Array<{ status: string; ts: number }> = [];
  for (const ev of events) {
    if (!isRunStatusEvent(ev)) continue;
    const status = ev.data.status;
    if (out[out.length - 1]?.status !== status) out.push({ status, ts: ev.ts });
  }
  return out;
}

function expectSegmentsMatch(events: RunEventRecord[]) {
  const model = buildTimelineModel(events);
  const rec = recordedTransitions(events);
  expect(model.segments.map((s) => s.status)).toEqual(rec.map((r) => r.status));
  model.segments.forEach((s, i) => {
    expect(s.start).toBe(rec[i].ts);
    const end = i + 1 < rec.length ? rec[i + 1].ts : rec[i].ts;
    expect(s.end).toBe(end);
  });
  return model;
}

describe('timeline reduction', () => {
  it('plain reply: queued → in_progress → completed, one message step with its text', () => {
    const log = plainReplyRun();
    const m = expectSegmentsMatch(log.events);
    expect(m.segments.map((s) => s.status)).toEqual(['queued', 'in_progress', 'completed']);
    expect(m.steps).toHaveLength(1);
    expect(m.steps[0]).toMatchObject({ type: 'message_creation', status: 'completed', text: 'Echo: hello there' });
    expect(m.rounds).toHaveLength(1);
    expect(m.markers).toEqual([]);
  });

  it('multi-round: one segment per transition, durations from the recorded timestamps', () => {
    const log = multiRoundRun();
    const m = expectSegmentsMatch(log.events);
    expect(m.segments.map((s) => s.status)).toEqual([
      'queued', 'in_progress', 'requires_action', 'queued', 'in_progress', 'requires_action', 'queued', 'in_progress', 'completed',
    ]);
    // the developer took 90 s to answer the first call
    expect(m.segments[2].end! - m.segments[2].start).toBeGreaterThanOrEqual(90_000);
    expect(m.steps.map((s) => `${s.type}:${s.status}`)).toEqual(['tool_calls:completed', 'tool_calls:completed', 'message_creation:completed']);
    expect(m.steps.map((s) => s.round)).toEqual([1, 2, 3]);
    expect(m.edges.get('requires_action->queued')?.count).toBe(2);
    expect(m.edges.get('queued->in_progress')?.count).toBe(3);
    expect(m.edges.get('start->queued')?.count).toBe(1);
  });

  it('splits each call into generation, waiting and execution', () => {
    const m = buildTimelineModel(multiRoundRun().events);
    const [manual] = m.steps[0].calls;
    expect(manual).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', output: '{"temp":21}', source: 'ui', exec: null });
    expect(manual.genEnd).toBeGreaterThan(manual.genStart);
    // manual: waiting ends at the submission
    expect(manual.waitEnd! - manual.waitStart!).toBeGreaterThanOrEqual(90_000);
    expect(manual.waitEnd).toBe(manual.submittedAt);

    const [mock, live] = m.steps[1].calls;
    expect(mock.exec).toMatchObject({ mode: 'mock', output: '{"temp":17}', error: null, duration_ms: 20 });
    expect(live.exec).toMatchObject({ mode: 'live', output: '12:00', duration_ms: 40 });
    expect(mock.exec!.end! - mock.exec!.start).toBe(20);
    // automatic calls wait only until their handler starts
    expect(mock.waitEnd).toBe(mock.exec!.start);
    expect(live.waitStart).toBe(mock.waitStart);
    expect(m.calls.map((c) => c.name)).toEqual(['get_weather', 'get_weather', 'get_time']);
  });

  it('cancel: cancelling then cancelled, the waiting call is abandoned and the step ends', () => {
    const m = expectSegmentsMatch(cancelledRun().events);
    expect(m.segments.map((s) => s.status)).toEqual(['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled']);
    expect(m.steps[0].status).toBe('cancelled');
    expect(m.steps[0].calls[0].abandoned).toBe(true);
    expect(m.markers.map((k) => k.kind)).toEqual(['cancelled']);
    expect(m.edges.get('requires_action->cancelling')?.count).toBe(1);
  });

  it('expiry: requires_action goes straight to expired with an expiry marker', () => {
    const m = expectSegmentsMatch(expiredRun().events);
    expect(m.segments.map((s) => s.status)).toEqual(['queued', 'in_progress', 'requires_action', 'expired']);
    expect(m.segments[2].end! - m.segments[2].start).toBe(599_001);
    expect(m.steps[0].status).toBe('expired');
    expect(m.markers.map((k) => k.kind)).toEqual(['expired']);
    const call = m.steps[0].calls[0];
    expect(call.abandoned).toBe(true);
    expect(call.waitEnd).toBe(m.segments[3].start);
  });

  it('failure: model error, failed step and failed run carry markers with the error', () => {
    const m = expectSegmentsMatch(failedRun().events);
    expect(m.segments.map((s) => s.status)).toEqual(['queued', 'in_progress', 'failed']);
    expect(m.markers.map((k) => k.kind)).toEqual(['model_error', 'step_failed', 'run_failed']);
    expect(m.markers[2].label).toBe('server_error: mock failure');
    expect(m.steps[0]).toMatchObject({ status: 'failed', text: 'partial answ' });
  });

  it('invalid arguments: a validation marker and the errors on the call', () => {
    const m = expectSegmentsMatch(invalidArgsRun().events);
    expect(m.markers.map((k) => k.kind)).toEqual(['invalid_args']);
    expect(m.steps[0].calls[0].invalid).toEqual(['arguments are not valid JSON']);
    expect(m.steps[0].calls[0].source).toBe('api');
  });

  it('a prefix shows the earlier state: open segment, open step, partial arguments', () => {
    const events = multiRoundRun().events;
    const cut = events.findIndex((e) => e.type === 'thread.run.step.delta') + 2;
    const m = buildTimelineModel(events, cut);
    expect(m.status).toBe('in_progress');
    expect(m.segments[m.segments.length - 1].end).toBeNull();
    expect(m.steps).toHaveLength(1);
    expect(m.steps[0].end).toBeNull();
    expect(m.steps[0].calls[0].arguments.length).toBeLessThan('{"city":"Paris"}'.length);
    expect(m.events).toHaveLength(cut);
  });

  it('applying events one at a time equals building from the whole log', () => {
    const events = [...multiRoundRun().events, ...[]];
    const inc = createTimelineModel('run_multi', 'thread_1');
    for (const ev of events) applyEvent(inc, ev);
    const full = buildTimelineModel(events);
    expect(inc.segments).toEqual(full.segments);
    expect(inc.calls).toEqual(full.calls);
    expect(transitionsOf(inc)).toEqual(transitionsOf(full));
    expect(transitionsOf(full).map((t) => `${t.from}->${t.to}`).slice(0, 4)).toEqual(['start->queued', 'queued->in_progress', 'in_progress->requires_action', 'requires_action->queued']);
    expect(inc.axis.pieces).toEqual(full.axis.pieces);
  });
});
