import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ToolInbox } from '../../../../renderer/src/features/inbox/ToolInbox';
import { renderWithStores } from '../../render-app';
import { harness, until, weatherTool, type Harness } from '../../stores/helpers';

let h: Harness;
afterEach(() => (cleanup(), h?.stop()));

async function waitingRun(message: string) {
  h = harness();
  const a = await h.stores.assistants.getState().create({ name: 'W', model: 'mock', tools: [weatherTool, { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } } }] });
  const t = await h.stores.threads.getState().create();
  h.stores.ui.getState().set({ threadId: t.id, assistantId: a.id });
  const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, message);
  await until(() => (h.stores.inbox.getState().runs[run.id]?.calls.length ?? 0) > 0, 'pending');
  return { a, t, run };
}

describe('ToolInbox', () => {
  it('shows every pending call of the run together and submits only when all have outputs', async () => {
    const { run } = await waitingRun('get_weather city=Paris then get_time tz=UTC');
    renderWithStores(<ToolInbox />, h);
    const cards = await screen.findAllByText(/arguments match the schema/);
    expect(cards).toHaveLength(2);
    const submit = screen.getByTestId('submit-outputs') as HTMLButtonElement;
    expect(submit.textContent).toBe('Submit 2 outputs');
    expect(submit.disabled).toBe(true);
    expect(screen.getByLabelText('Before you can submit').textContent).toMatch(/Type an output for get_weather/);

    fireEvent.change(screen.getByLabelText('Output for get_weather'), { target: { value: '{"temp":21}' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Output for get_time'), { target: { value: '12:00' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'completed');
    const reply = Object.values(h.stores.runs.getState().live[run.id].messages)[0];
    expect(reply.content[0].type === 'text' && reply.content[0].text.value).toBe('get_weather: {"temp":21}\nget_time: 12:00');
    await waitFor(() => expect(screen.getByText('No calls waiting')).toBeTruthy());
  });

  it('fills a call from the function mock when chosen', async () => {
    const { a, run } = await waitingRun('get_weather city=Lyon');
    await h.stores.assistants.getState().setHandler(a.id, 'get_weather', { mode: 'manual', mock: { kind: 'template', output: 'sunny in {{city}}' } });
    renderWithStores(<ToolInbox />, h);
    const group = await screen.findByLabelText(`Pending calls of ${run.id}`);
    fireEvent.click(within(group).getByRole('radio', { name: 'Mock' }));
    await waitFor(() => expect(within(group).getByLabelText('Mock output for get_weather').textContent).toBe('sunny in Lyon'));
    expect((screen.getByTestId('submit-outputs') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows invalid arguments with the schema problem', async () => {
    await waitingRun('get_weather [mock:bad_args]');
    renderWithStores(<ToolInbox />, h);
    const problems = await screen.findByLabelText('Argument problems');
    expect(problems.textContent).toMatch(/arguments are not valid JSON/);
  });

  it('drops the calls of a run that was cancelled elsewhere', async () => {
    const { run } = await waitingRun('get_weather city=Paris');
    renderWithStores(<ToolInbox />, h);
    const box = await screen.findByLabelText('Output for get_weather');
    fireEvent.change(box, { target: { value: 'typed' } });
    await h.bridge.api.runs.cancel(run.id); // the run ends elsewhere before we submit
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'cancelled', 'cancelled');
    // The inbox forgets calls of a run that left requires_action.
    await waitFor(() => expect(screen.getByText('No calls waiting')).toBeTruthy());
  });
});
