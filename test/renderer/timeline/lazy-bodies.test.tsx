/**
 * A run with a huge prompt (a pasted document in the thread) over the real services: the
 * page neither receives nor keeps the prompt text (pages and pushes carry the `model.request`
 * as a stub), yet the step inspector shows the whole request when the step is opened —
 * "loading…" while it comes, and the reason when it cannot.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunEventRecord } from '../../../electron/contract/events';
import { RunTimelinePanel } from '../../../renderer/src/features/timeline';
import { renderWithStores } from '../render-app';
import { harness, until, type Harness } from '../stores/helpers';

afterEach(cleanup);

/** ~150,000 characters that end in a line the test looks for. */
const DOCUMENT = Array.from({ length: 15_000 }, (_, i) => `para${i} lorem`).join(' ') + ' THE-END-OF-THE-DOCUMENT';

async function hugePromptRun(h: Harness, model = 'mock') {
  const api = h.bridge.services.api;
  const a = await api.assistants.create({ model, name: 'Reader' });
  const t = await api.threads.create();
  await api.messages.create(t.id, { role: 'user', content: DOCUMENT });
  await api.messages.create(t.id, { role: 'user', content: 'summarize' });
  const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id });
  await until(async () => !['queued', 'in_progress'].includes((await api.runs.get(run.id)).run.status), 'the run to end');
  const ended = (await api.runs.get(run.id)).run;
  expect([ended.status, ended.last_error]).toEqual(['completed', null]);
  return { run, thread: t };
}

describe('large model payloads are fetched when the inspector shows them', () => {
  let h: Harness | undefined;
  afterEach(() => h?.stop());

  it('the page neither receives nor keeps the prompt, and the inspector still shows the whole request', async () => {
    h = harness();
    const pushed: RunEventRecord[] = [];
    h.bridge.on('run.event', (ev) => pushed.push(ev));
    const pages = vi.spyOn(h.bridge.api.runs, 'eventsPage');
    const fetchBody = h.bridge.api.runs.eventBody;
    const bodies = vi.spyOn(h.bridge.api.runs, 'eventBody');
    const { run, thread } = await hugePromptRun(h);
    // the recorded request holds the document (the model was handed it)
    const recorded = (await h.bridge.services.api.runs.events(run.id)).find((e) => e.type === 'model.request')!;
    expect(JSON.stringify(recorded.data)).toContain('THE-END-OF-THE-DOCUMENT');

    renderWithStores(<RunTimelinePanel threadId={thread.id} runId={run.id} />, h);
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('completed'));
    await act(() => h!.stores.events.sync(run.id, thread.id));

    // What reached the page (pushes and pages) and what it keeps: no prompt text.
    const received = JSON.stringify(pushed) + JSON.stringify(await Promise.all(pages.mock.results.map((r) => r.value as Promise<unknown>)));
    expect(received).not.toContain('THE-END-OF-THE-DOCUMENT');
    expect(received.length).toBeLessThan(DOCUMENT.length / 4);
    const held = h.stores.events.get(run.id)!.events;
    let kept = '';
    for (let i = 0; i < held.length; i++) kept += JSON.stringify(held.at(i));
    expect(kept).not.toContain('THE-END-OF-THE-DOCUMENT');
    expect(kept.length).toBeLessThan(DOCUMENT.length / 4);
    expect(bodies).not.toHaveBeenCalled();

    // Opening the step fetches the request: "loading…", then all of it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bodies.mockImplementationOnce(async (...args) => {
      await gate;
      return fetchBody(...args);
    });
    fireEvent.click(screen.getAllByTestId('timeline-step').find((b) => b.getAttribute('data-step-type') === 'message_creation')!);
    expect(screen.getByTestId('inspector-model-request-loading').textContent).toMatch(/Loading the model request…/);
    act(() => release());
    const request = await screen.findByTestId('inspector-model-request');
    // long content is cut with a way to see all of it
    fireEvent.click(within(request.parentElement!).getByRole('button', { name: /Show all/ }));
    expect(screen.getByTestId('inspector-model-request').textContent).toContain('THE-END-OF-THE-DOCUMENT');
    expect(JSON.parse(screen.getByTestId('inspector-model-request').textContent!)).toEqual(recorded.type === 'model.request' ? recorded.data.request : null);
    expect(bodies).toHaveBeenCalledWith(run.id, recorded.seq);
    expect(screen.queryByTestId('inspector-model-request-error')).toBeNull();
  });

  it('says why when the request cannot be fetched', async () => {
    h = harness();
    const { run, thread } = await hugePromptRun(h);
    const bodies = vi.spyOn(h.bridge.api.runs, 'eventBody').mockRejectedValueOnce(new Error('the service is unreachable'));
    renderWithStores(<RunTimelinePanel threadId={thread.id} runId={run.id} />, h);
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('completed'));
    const step = () => screen.getAllByTestId('timeline-step').find((b) => b.getAttribute('data-step-type') === 'message_creation')!;
    fireEvent.click(step());
    expect((await screen.findByTestId('inspector-model-request-error')).textContent).toMatch(/Could not load the model request: the service is unreachable/);
    expect(screen.queryByTestId('inspector-model-request')).toBeNull();
    expect(bodies).toHaveBeenCalledWith(run.id, expect.any(Number));
  });

  it('Retry asks again after a failed fetch and shows the request when it comes', async () => {
    h = harness();
    const { run, thread } = await hugePromptRun(h);
    const recorded = (await h.bridge.services.api.runs.events(run.id)).find((e) => e.type === 'model.request')!;
    const fetchBody = h.bridge.api.runs.eventBody;
    const bodies = vi.spyOn(h.bridge.api.runs, 'eventBody').mockRejectedValueOnce(new Error('the service is unreachable'));
    renderWithStores(<RunTimelinePanel threadId={thread.id} runId={run.id} />, h);
    await waitFor(() => expect(screen.getByTestId('timeline-status').textContent).toBe('completed'));
    fireEvent.click(screen.getAllByTestId('timeline-step').find((b) => b.getAttribute('data-step-type') === 'message_creation')!);
    const error = await screen.findByTestId('inspector-model-request-error');
    expect(error.textContent).toMatch(/Could not load the model request: the service is unreachable/);
    const asked = bodies.mock.calls.length;
    // A keyboard user reaches Retry; while the second fetch is held it stays focused and says so.
    const retry = within(error.parentElement!).getByRole('button', { name: 'Retry' });
    retry.focus();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bodies.mockImplementationOnce(async (...args) => {
      await gate;
      return fetchBody(...args);
    });
    fireEvent.click(retry);
    expect(screen.getByTestId('inspector-model-request-loading').textContent).toMatch(/Loading the model request…/);
    expect(document.activeElement?.textContent).toBe('Retrying…');
    expect(screen.queryByTestId('inspector-model-request-error')).toBeNull();
    act(() => release());
    const request = await screen.findByTestId('inspector-model-request');
    // Retry is gone; the keyboard focus is on what came, not lost to <body>.
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement?.contains(request)).toBe(true);
    fireEvent.click(within(request.parentElement!).getByRole('button', { name: /Show all/ }));
    expect(JSON.parse(screen.getByTestId('inspector-model-request').textContent!)).toEqual(recorded.type === 'model.request' ? recorded.data.request : null);
    expect(bodies.mock.calls.length).toBe(asked + 1);
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });
});
