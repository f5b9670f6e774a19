import { afterEach, describe, expect, it, vi } from 'vitest';
import { harness, until, weatherTool, type Harness } from './helpers';
import { chatItems, messageText, threadRuns } from '../../../renderer/src/stores/selectors';

let h: Harness;
afterEach(() => h?.stop());

async function setup() {
  h = harness();
  const a = await h.stores.assistants.getState().create({ name: 'Weather', model: 'mock', tools: [weatherTool] });
  const t = await h.stores.threads.getState().create();
  h.stores.ui.getState().set({ threadId: t.id, assistantId: a.id });
  return { a, t };
}

describe('run flow through the stores', () => {
  it('streams a plain reply into the chat', async () => {
    const { a, t } = await setup();
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'hello there');
    const live = await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed' && h.stores.runs.getState().live[run.id], 'completed');
    await h.stores.threads.getState().loadMessages(t.id);
    const runs = threadRuns(t.id, [], h.stores.runs.getState().live);
    const items = chatItems(h.stores.threads.getState().messages[t.id], runs, h.stores.runs.getState().live);
    expect(items.map((i) => i.kind)).toEqual(['message', 'run']);
    const block = items[1];
    expect(block.kind === 'run' && block.parts.map((p) => (p.kind === 'message' ? messageText(p.message) : 'tools'))).toEqual(['Echo: hello there']);
    expect(live.lastSeq).toBeGreaterThan(5);
  });

  it('waits in requires_action, takes a typed output from the inbox and completes with it', async () => {
    const { a, t } = await setup();
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Paris');
    const inbox = await until(() => (h.stores.inbox.getState().runs[run.id]?.calls.length ?? 0) > 0 && h.stores.inbox.getState().runs[run.id], 'pending calls');
    expect(inbox.calls[0]).toMatchObject({ function: 'get_weather', arguments: '{"city":"Paris"}', validation_errors: null });
    const callId = inbox.calls[0].call_id;
    const live = h.stores.runs.getState().live[run.id];
    expect(Object.values(live.toolCalls)[0][0].arguments).toBe('{"city":"Paris"}');

    // Empty manual output is refused with a reason; nothing is sent.
    expect(await h.stores.inbox.getState().submitAll(run.id, 'requires_action', live.run?.expires_at ?? null)).toBe(false);
    expect(h.stores.inbox.getState().runs[run.id].error).toMatch(/Type an output for get_weather/);

    h.stores.inbox.getState().setOutput(callId, 'sunny, 21°C');
    expect(await h.stores.inbox.getState().submitAll(run.id, 'requires_action', live.run?.expires_at ?? null)).toBe(true);
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'completed');
    const items = chatItems([], threadRuns(t.id, [], h.stores.runs.getState().live), h.stores.runs.getState().live);
    const block = items.find((i) => i.kind === 'run');
    const texts = block?.kind === 'run' ? block.parts.map((p) => (p.kind === 'message' ? messageText(p.message) : p.calls.map((c) => `${c.name}→${c.output}`).join())) : [];
    expect(texts).toEqual(['get_weather→sunny, 21°C', 'get_weather: sunny, 21°C']);
    expect(h.stores.inbox.getState().runs[run.id]).toBeUndefined();
  });

  it('uses the function mock when chosen, and remembers the choice for the next call', async () => {
    const { a, t } = await setup();
    await h.stores.assistants.getState().setHandler(a.id, 'get_weather', { mode: 'manual', mock: { kind: 'template', output: 'mocked {{city}}' } });
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Oslo');
    const inbox = await until(() => (h.stores.inbox.getState().runs[run.id]?.calls.length ?? 0) > 0 && h.stores.inbox.getState().runs[run.id], 'pending');
    await h.stores.inbox.getState().choose(run.id, inbox.calls[0].call_id, 'mock');
    expect(h.stores.inbox.getState().drafts[inbox.calls[0].call_id]).toMatchObject({ source: 'mock', output: 'mocked Oslo' });
    await h.stores.inbox.getState().submitAll(run.id, 'requires_action', null);
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'completed');

    const run2 = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Rome');
    const inbox2 = await until(() => (h.stores.inbox.getState().runs[run2.id]?.calls.length ?? 0) > 0 && h.stores.inbox.getState().runs[run2.id], 'pending 2');
    await until(() => h.stores.inbox.getState().drafts[inbox2.calls[0].call_id]?.output === 'mocked Rome', 'remembered mock');
  });

  it('answers automatically when the handler is an automatic mock', async () => {
    const { a, t } = await setup();
    await h.stores.assistants.getState().setHandler(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: 'cloudy' } });
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Paris');
    const live = await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed' && h.stores.runs.getState().live[run.id], 'completed');
    expect(live.submittedSource).toBe('auto');
    expect(Object.values(live.messages).map(messageText)).toEqual(['get_weather: cloudy']);
  });

  it('cancels a slow run and unlocks the thread', async () => {
    const { a, t } = await setup();
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'slow [mock:delay=5000]');
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'in_progress', 'in progress');
    await expect(h.stores.runs.getState().start(t.id, { assistant_id: a.id })).rejects.toThrow(/already has an active run/);
    await h.stores.runs.getState().cancel(run.id);
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'cancelled', 'cancelled');
    const s = await until(() => h.stores.threads.getState().summaries.find((x) => x.thread.id === t.id && x.last_run?.status === 'cancelled'), 'summary status');
    expect(s.last_run?.id).toBe(run.id);
  });

  it('catches up on a run it only hears about halfway (a /v1 run started elsewhere)', async () => {
    const { a, t } = await setup();
    // Start through the API directly and drop the first events, as if the window opened late.
    await h.bridge.api.messages.create(t.id, { role: 'user', content: 'external hello [mock:delay=100]' });
    const before = h.stores.runs.getState().live;
    h.detach();
    const run = await h.bridge.api.runs.create(t.id, { assistant_id: a.id });
    await new Promise((r) => setTimeout(r, 5));
    expect(before[run.id]).toBeUndefined();
    h.attach();
    const live = await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed' && h.stores.runs.getState().live[run.id], 'caught up');
    expect(Object.values(live.messages).map(messageText)).toEqual(['Echo: external hello [mock:delay=100]']);
    expect(live.lastSeq).toBe((await h.bridge.api.runs.events(run.id)).length);
  });
});

describe('chat order', () => {
  it('places each run where its reply is, even when everything happened in the same second', async () => {
    const { a, t } = await setup();
    for (const text of ['first', 'second']) {
      const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, text);
      await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'completed');
    }
    await h.stores.threads.getState().loadMessages(t.id);
    await h.stores.threads.getState().loadRuns(t.id);
    const runs = threadRuns(t.id, h.stores.threads.getState().runs[t.id], h.stores.runs.getState().live);
    const items = chatItems(h.stores.threads.getState().messages[t.id], runs, h.stores.runs.getState().live);
    const text = items.map((i) => (i.kind === 'message' ? messageText(i.message) : i.parts.map((p) => (p.kind === 'message' ? messageText(p.message) : 'tools')).join()));
    expect(text).toEqual(['first', 'Echo: first', 'second', 'Echo: second']);
  });
});

describe('catching up', () => {
  it('syncs active runs when the page becomes visible again after missed pushes', async () => {
    const { a, t } = await setup();
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'wait [mock:delay=60]');
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'in_progress', 'in progress');
    // Lose every push for a while, as a dropped connection would.
    const dropped = vi.spyOn(h.stores.events, 'receive').mockImplementation(() => undefined);
    for (let i = 0; i < 200 && (await h.bridge.api.runs.get(run.id)).run.status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await h.bridge.api.runs.get(run.id)).run.status).toBe('completed');
    expect(h.stores.runs.getState().live[run.id].run?.status).toBe('in_progress');
    dropped.mockRestore();
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'caught up');
  });
});

describe('the right pane when a run waits', () => {
  it('brings the inbox forward, but leaves a user who is watching the timeline where they are', async () => {
    const { a, t } = await setup();
    h.stores.ui.getState().set({ rightTab: 'options' });
    const first = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Paris');
    await until(() => h.stores.ui.getState().rightTab === 'inbox', 'inbox brought forward');
    await h.stores.runs.getState().cancel(first.id);
    await until(() => h.stores.runs.getState().live[first.id]?.run?.status === 'cancelled', 'cancelled');

    h.stores.ui.getState().set({ rightTab: 'timeline' });
    const second = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_weather city=Rome');
    await until(() => (h.stores.inbox.getState().runs[second.id]?.calls.length ?? 0) > 0, 'pending call');
    expect(h.stores.ui.getState().rightTab).toBe('timeline');
  });
});
