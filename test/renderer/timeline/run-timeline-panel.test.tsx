import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunLensBridge } from '../../../electron/contract/api';
import type { RunEventRecord } from '../../../electron/contract/events';
import { BridgeProvider } from '../../../renderer/src/bridge/context';
import { createAppStores, StoresProvider } from '../../../renderer/src/stores';
import { RunTimelinePanel, ThreadTimelinePanel } from '../../../renderer/src/features/timeline';
import { formatCost } from '../../../electron/contract/pricing';
import { RunLog, cancelledRun, multiRoundRun } from './event-fixtures';
import { renderWithStores } from '../render-app';
import { harness, until, weatherTool, type Harness } from '../stores/helpers';

/** A bridge whose log holds `stored` and whose pushes the test sends by hand. */
function fakeBridge(stored: RunEventRecord[]) {
  const log = [...stored];
  const listeners = new Set<(ev: RunEventRecord) => void>();
  const eventsCall = vi.fn(async (runId: string, after = 0) => log.filter((e) => e.run_id === runId && e.seq > after));
  const runIds = () => [...new Set(log.map((e) => e.run_id))];
  const bridge = {
    api: { runs: { events: eventsCall, list: async () => runIds().map((id, i) => ({ id, created_at: i })).reverse() } },
    on: (_name: string, fn: (ev: RunEventRecord) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  } as unknown as RunLensBridge;
  // The app's stores, fed the pushes as the subscription module does.
  const stores = createAppStores(bridge, undefined);
  bridge.on('run.event', (ev) => stores.events.receive(ev));
  const Host = ({ children }: { children: ReactNode }) => (
    <BridgeProvider bridge={bridge}>
      <StoresProvider stores={stores}>{children}</StoresProvider>
    </BridgeProvider>
  );
  /** Commits an event to the log and pushes it (unless `silent`, which simulates a missed push). */
  const commit = (ev: RunEventRecord, silent = false) => {
    log.push(ev);
    if (!silent) for (const l of listeners) l(ev);
  };
  return { Host, commit, eventsCall };
}

const statuses = () => screen.queryAllByTestId('timeline-segment').map((e) => e.getAttribute('data-status'));

afterEach(cleanup);

describe('RunTimelinePanel on the real services', () => {
  let h: Harness | undefined;
  afterEach(() => h?.stop());

  it('shows a waiting run, then follows its live events and refetches once after a lost push', async () => {
    h = harness();
    const api = h.bridge.services.api;
    const a = await api.assistants.create({ model: 'mock', name: 'W', tools: [weatherTool] });
    const t = await api.threads.create();
    await api.messages.create(t.id, { role: 'user', content: 'get_weather city=Paris' });
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id });
    await until(async () => (await api.runs.get(run.id)).run.status === 'requires_action', 'requires_action');
    renderWithStores(<RunTimelinePanel threadId={t.id} runId={run.id} />, h);
    await waitFor(() => expect(statuses()).toEqual(['queued', 'in_progress', 'requires_action']));
    expect(screen.getByTestId('timeline-status').textContent).toBe('requires action');
    expect(screen.getByTestId('expiry-countdown').textContent).toMatch(/expires in/);

    // The answer's events: the first arrives, the second is lost, the rest reveal the hole.
    const fetches = vi.spyOn(h.bridge.api.runs, 'eventsPage');
    const before = (await api.runs.events(run.id)).length;
    h.bridge.hold();
    const call = (await api.runs.get(run.id)).run.required_action!.submit_tool_outputs.tool_calls[0];
    await api.runs.submitToolOutputs(run.id, [{ tool_call_id: call.id, output: '{"temp":17}' }]);
    await until(async () => (await api.runs.get(run.id)).run.status === 'completed', 'completed');
    const runPushes = () => h!.bridge.held().filter((p) => p.name === 'run.event');
    const total = (await api.runs.events(run.id)).length;
    await until(() => runPushes().length === total - before, 'pushes held');
    const firstIdx = h.bridge.held().findIndex((p) => p.name === 'run.event');
    act(() => void h!.bridge.release(firstIdx + 1));
    const secondIdx = h.bridge.held().findIndex((p) => p.name === 'run.event');
    h.bridge.drop(secondIdx + 1);
    act(() => h!.bridge.resume());
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('completed'));
    expect(statuses()).toEqual(['queued', 'in_progress', 'requires_action', 'queued', 'in_progress', 'completed']);
    expect(fetches.mock.calls.filter(([id]) => id === run.id).map((c) => c.slice(0, 2))).toEqual([[run.id, before + 1]]);
    expect(screen.getAllByTestId('timeline-step').map((b) => b.getAttribute('data-step-type'))).toEqual(['tool_calls', 'message_creation']);
  });
});

describe('cost per step', () => {
  let h: Harness | undefined;
  afterEach(() => h?.stop());

  it('each step row and the inspector price the step with the price table', async () => {
    h = harness();
    const api = h.bridge.services.api;
    // $1 per million prompt tokens, $1000 per million completion tokens: big enough to read.
    await api.prices.set({ model: 'mock', input_per_mtok: 1, output_per_mtok: 1000 });
    const a = await api.assistants.create({ model: 'mock', name: 'Priced', tools: [weatherTool] });
    const t = await api.threads.create();
    await api.messages.create(t.id, { role: 'user', content: 'get_weather city=Paris' });
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id });
    await until(async () => (await api.runs.get(run.id)).run.status === 'requires_action', 'requires_action');
    const call = (await api.runs.get(run.id)).run.required_action!.submit_tool_outputs.tool_calls[0];
    await api.runs.submitToolOutputs(run.id, [{ tool_call_id: call.id, output: '{"temp":17}' }]);
    await until(async () => (await api.runs.get(run.id)).run.status === 'completed', 'completed');
    const steps = (await api.runs.get(run.id)).steps;
    const expected = steps.map((s) => `${s.usage!.total_tokens} tokens · ${formatCost((s.usage!.prompt_tokens * 1 + s.usage!.completion_tokens * 1000) / 1e6)}`);
    renderWithStores(<RunTimelinePanel threadId={t.id} runId={run.id} />, h);
    await waitFor(() => expect(screen.getAllByTestId('timeline-step-cost').map((e) => e.textContent?.replace(/^\s*·\s*/, ''))).toEqual(expected));
    fireEvent.click(screen.getAllByTestId('timeline-step')[1]);
    expect(screen.getByTestId('inspector-step-cost').textContent).toBe(expected[1].split(' · ')[1]);
  });
});

describe('RunTimelinePanel on a recorded log', () => {
  it('selecting a step opens it in the inspector with arguments diffed against the previous call', async () => {
    const { Host } = fakeBridge(multiRoundRun().events);
    render(
      <Host>
        <RunTimelinePanel threadId="thread_1" runId="run_multi" />
      </Host>,
    );
    await waitFor(() => expect(screen.getAllByTestId('timeline-step')).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('timeline-step')[1]);
    const inspector = screen.getByTestId('step-inspector');
    expect(inspector.getAttribute('data-step-id')).toBe('step_2');
    const calls = within(inspector).getAllByTestId('inspector-call');
    expect(calls.map((c) => c.getAttribute('data-function'))).toEqual(['get_weather', 'get_time']);
    const args = within(calls[0]).getByTestId('inspector-arguments');
    expect(args.getAttribute('data-changed')).toBe('true');
    expect(args.querySelector('.tl-diff-del')?.textContent).toContain('"Paris"');
    expect(args.querySelector('.tl-diff-add')?.textContent).toContain('"Berlin"');
    expect(within(calls[0]).getByTestId('inspector-exec').textContent).toMatch(/^mock · 20 ms/);
    expect(within(calls[1]).getByTestId('inspector-exec').textContent).toMatch(/^live · 40 ms/);
    expect(within(inspector).getByTestId('inspector-events').querySelectorAll('tbody tr').length).toBeGreaterThan(5);
  });

  it('scrubbing and keys show earlier states; Live returns to the end', async () => {
    const events = cancelledRun().events;
    const { Host } = fakeBridge(events);
    render(
      <Host>
        <RunTimelinePanel threadId="thread_1" runId="run_cancel" />
      </Host>,
    );
    await waitFor(() => expect(statuses()).toEqual(['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled']));
    const root = screen.getByTestId('run-timeline');
    fireEvent.change(screen.getByTestId('replay-slider'), { target: { value: '3' } });
    expect(root.getAttribute('data-replaying')).toBe('true');
    expect(statuses()).toEqual(['queued', 'in_progress']);
    expect(screen.queryAllByTestId('timeline-step')).toHaveLength(0);
    fireEvent.keyDown(root, { key: 'ArrowRight', shiftKey: true });
    expect(screen.getByTestId('timeline-status').textContent).toBe('requires action');
    fireEvent.keyDown(root, { key: 'ArrowRight', shiftKey: true });
    expect(screen.getByTestId('timeline-status').textContent).toBe('cancelling');
    fireEvent.keyDown(root, { key: 'ArrowLeft' });
    expect(screen.getByTestId('timeline-status').textContent).toBe('requires action');
    expect(screen.getByTestId('replay-position').getAttribute('data-position')).toBe(String(events.findIndex((e) => e.type === 'thread.run.cancelling')));
    fireEvent.click(screen.getByTestId('replay-live'));
    expect(root.getAttribute('data-replaying')).toBe('false');
    expect(screen.getByTestId('timeline-status').textContent).toBe('cancelled');
  });
});

describe('under React StrictMode (effects mount twice)', () => {
  it('the run and thread panels still load and follow pushes', async () => {
    const all = multiRoundRun().events;
    const { Host, commit } = fakeBridge(all.slice(0, 10));
    render(
      <StrictMode>
        <Host>
          <RunTimelinePanel threadId="thread_1" runId="run_multi" />
          <ThreadTimelinePanel threadId="thread_1" />
        </Host>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getAllByTestId('run-timeline')[0].getAttribute('data-status')).toBe('in_progress'));
    await waitFor(() => expect(screen.getAllByTestId('thread-run')).toHaveLength(1));
    act(() => all.slice(10).forEach((e) => commit(e)));
    await waitFor(() => expect(screen.getAllByTestId('run-timeline')[0].getAttribute('data-status')).toBe('completed'));
    await waitFor(() => expect(screen.getByTestId('thread-run').getAttribute('data-status')).toBe('completed'));
  });
});

describe('RunTimelinePanel playback', () => {
  it('plays back with the recorded gaps: 4× takes a quarter of the time, 1× the real time', async () => {
    const log = new RunLog('run_play');
    log.status('queued', {}, 'created').at(400).status('in_progress').at(800).status('requires_action').at(100).status('cancelling').at(100).status('cancelled');
    const events = log.events;
    const { Host } = fakeBridge(events);
    render(
      <Host>
        <RunTimelinePanel threadId="thread_1" runId="run_play" />
      </Host>,
    );
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('cancelled'));
    const pos = () => Number(screen.getByTestId('replay-position').getAttribute('data-position'));
    vi.useFakeTimers();
    try {
      fireEvent.click(screen.getByTestId('replay-play-4x'));
      expect(pos()).toBe(1);
      const gap1 = events[1].ts - events[0].ts;
      act(() => vi.advanceTimersByTime(gap1 / 4 - 5));
      expect(pos()).toBe(1);
      act(() => vi.advanceTimersByTime(10));
      expect(pos()).toBe(2);
      fireEvent.click(screen.getByTestId('replay-play-4x')); // pause
      fireEvent.click(screen.getByTestId('replay-play-1x'));
      const gap2 = events[2].ts - events[1].ts;
      act(() => vi.advanceTimersByTime(gap2 - 5));
      expect(pos()).toBe(2);
      act(() => vi.advanceTimersByTime(10));
      expect(pos()).toBe(3);
      for (let i = 0; i < events.length && pos() < events.length; i++) act(() => vi.advanceTimersByTime(1_000));
      expect(pos()).toBe(events.length);
      expect(screen.getByTestId('timeline-status').textContent).toBe('cancelled');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('ThreadTimelinePanel', () => {
  it('lists every run of the thread, oldest first, and opens one', async () => {
    const a = multiRoundRun().events;
    const b = cancelledRun().events.map((e) => ({ ...e, ts: e.ts + 200_000 }));
    const { Host } = fakeBridge([...a, ...b]);
    render(
      <Host>
        <ThreadTimelinePanel threadId="thread_1" />
      </Host>,
    );
    await waitFor(() => expect(screen.getAllByTestId('thread-run')).toHaveLength(2));
    expect(screen.getAllByTestId('thread-run').map((r) => `${r.getAttribute('data-run-id')}:${r.getAttribute('data-status')}`)).toEqual(['run_multi:completed', 'run_cancel:cancelled']);
    fireEvent.click(screen.getAllByTestId('thread-run')[1]);
    await waitFor(() => expect(screen.getByTestId('run-timeline').getAttribute('data-run-id')).toBe('run_cancel'));
  });
});

describe('a long reply held packed', () => {
  let h: Harness | undefined;
  afterEach(() => h?.stop());

  it('at a scrubbed position the inspector shows the reply as streamed up to there; Live shows all of it', async () => {
    h = harness();
    const api = h.bridge.services.api;
    const a = await api.assistants.create({ model: 'mock', name: 'Echo' });
    const t = await api.threads.create();
    await api.messages.create(t.id, { role: 'user', content: Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ') });
    const run = await api.runs.create(t.id, { assistant_id: a.id });
    await until(async () => (await api.runs.get(run.id)).run.status === 'completed', 'completed');
    const events = await api.runs.events(run.id);
    const deltas = events.flatMap((e, i) => (e.type === 'thread.message.delta' ? [{ i, text: e.data.delta.content?.[0]?.text?.value ?? '' }] : []));
    expect(deltas.length).toBeGreaterThan(400);
    renderWithStores(<RunTimelinePanel threadId={t.id} runId={run.id} />, h);
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('completed'));
    const step = screen.getAllByTestId('timeline-step').find((b) => b.getAttribute('data-step-type') === 'message_creation')!;
    fireEvent.click(step);
    const full = deltas.map((d) => d.text).join('');
    expect(screen.getByTestId('inspector-message').textContent).toBe(full);
    // scrub to just after the 250th fragment, then one event back
    for (const k of [250, 249]) {
      fireEvent.change(screen.getByTestId('replay-slider'), { target: { value: String(deltas[k - 1].i + 1) } });
      await waitFor(() => expect(screen.getByTestId('inspector-message').textContent).toBe(deltas.slice(0, k).map((d) => d.text).join('')));
      expect(screen.getByTestId('replay-position').textContent).toContain('thread.message.delta');
    }
    const partial = screen.getByTestId('inspector-message').textContent!;
    expect(partial.length).toBeLessThan(full.length * 0.7);
    expect(full.startsWith(partial)).toBe(true);
    fireEvent.click(screen.getByTestId('replay-live'));
    await waitFor(() => expect(screen.getByTestId('inspector-message').textContent).toBe(full));
  });
});
