import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useAssistants, useUi } from '../../../../renderer/src/stores';
import { AssistantEditor } from '../../../../renderer/src/features/assistants/AssistantEditor';
import { renderWithStores } from '../../render-app';
import { harness, type Harness } from '../../stores/helpers';

vi.mock('@uiw/react-codemirror', () => import('../../codemirror-mock'));
let h: Harness;
afterEach(() => (cleanup(), h?.stop()));

/** Mounts the editor the way the app does: for the selected assistant, or "new". */
function EditorHost() {
  const id = useUi((s) => s.assistantId);
  const a = useAssistants((s) => s.list.find((x) => x.id === id) ?? null);
  return <AssistantEditor key={a?.id ?? 'new'} assistant={a} />;
}

describe('AssistantEditor', () => {
  it('creates an assistant with a function and its handler, refusing to save while the schema is wrong', async () => {
    h = harness();
    await h.stores.assistants.getState().load();
    h.stores.ui.getState().set({ view: 'assistant', assistantId: null });
    renderWithStores(<EditorHost />, h);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Weather' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Add function' }));
    fireEvent.change(screen.getByLabelText('Function name'), { target: { value: 'get weather' } });
    expect(screen.getByText(/Use 1–64 letters, digits/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Function name'), { target: { value: 'get_weather' } });
    // The second editor on the page is the parameters schema (the first is the instructions).
    const schemaBox = screen.getAllByTestId('codemirror')[1] as HTMLTextAreaElement;
    fireEvent.change(schemaBox, { target: { value: '{"type":"object","properties":{"city":{"type":"strng"}}}' } });
    expect(screen.getByRole('alert').textContent).toMatch(/properties\.city\.type is not a JSON Schema type/);
    fireEvent.click(screen.getByRole('button', { name: 'Create assistant' }));
    expect(await screen.findByText('Fix the problems marked below before saving.')).toBeTruthy();
    expect(h.stores.assistants.getState().list).toHaveLength(0);

    fireEvent.change(schemaBox, { target: { value: '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}' } });
    fireEvent.change(screen.getByLabelText('Handler of get_weather'), { target: { value: 'auto-mock' } });
    fireEvent.change(screen.getByLabelText('Mock output of get_weather'), { target: { value: 'sunny' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create assistant' }));
    await waitFor(() => expect(h.stores.assistants.getState().list).toHaveLength(1));
    const a = h.stores.assistants.getState().list[0];
    expect(a.tools).toEqual([{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]);
    expect(await h.bridge.api.handlers.list(a.id)).toMatchObject([{ function_name: 'get_weather', mode: 'mock', auto: true, mock: { kind: 'static', output: 'sunny' } }]);
    expect(h.stores.ui.getState().notice?.text).toBe('Assistant created.');
  });

  it('saves each edit as a new version and restores an earlier one', async () => {
    h = harness();
    const a = await h.stores.assistants.getState().create({ name: 'First name', model: 'mock' });
    h.stores.ui.getState().set({ view: 'assistant', assistantId: a.id });
    renderWithStores(<EditorHost />, h);
    await screen.findByText('v1');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Second name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await waitFor(() => expect(screen.getByText('v2')).toBeTruthy());
    const v1 = screen.getByText('v1').closest('li') as HTMLElement;
    fireEvent.click(within(v1).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.getByText('v3')).toBeTruthy());
    expect(h.stores.assistants.getState().list[0].name).toBe('First name');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('First name');
  });

  it('keeps the scripted rules with the versions: Save version saves them, Restore brings the old ones back and runs use them', async () => {
    h = harness();
    const a = await h.stores.assistants.getState().create({ name: 'Rehearsal', model: 'scripted' });
    h.stores.ui.getState().set({ view: 'assistant', assistantId: a.id });
    renderWithStores(<EditorHost />, h);
    await screen.findByText('v1');
    const rulesBox = () => within(screen.getByRole('region', { name: 'Scripted rules' })).getByTestId('codemirror') as HTMLTextAreaElement;
    const rules = (reply: string) => JSON.stringify([{ when: { type: 'default' }, then: { type: 'reply', template: reply } }]);
    const reply = async () => {
      const t = await h.bridge.api.threads.create();
      await h.bridge.api.messages.create(t.id, { role: 'user', content: 'hi' });
      const run = await h.bridge.api.runs.create(t.id, { assistant_id: a.id });
      await waitFor(async () => expect((await h.bridge.api.runs.get(run.id)).run.status).toBe('completed'));
      return (await h.bridge.api.messages.list(t.id)).at(-1)?.content[0];
    };

    fireEvent.change(rulesBox(), { target: { value: '[{"when":' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    expect(await screen.findByText(/Could not save: Scripted rules:/)).toBeTruthy();
    expect(await h.bridge.api.assistants.versions(a.id)).toHaveLength(1);

    fireEvent.change(rulesBox(), { target: { value: rules('Rules A') } });
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await screen.findByText('v2');
    fireEvent.change(rulesBox(), { target: { value: rules('Rules B') } });
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await screen.findByText('v3');
    expect(await reply()).toMatchObject({ text: { value: 'Rules B' } });
    expect(within(screen.getByText('v2').closest('li') as HTMLElement).getByText(/1 scripted rule/)).toBeTruthy();

    fireEvent.click(within(screen.getByText('v2').closest('li') as HTMLElement).getByRole('button', { name: 'Restore' }));
    await screen.findByText('v4');
    await waitFor(() => expect(JSON.parse(rulesBox().value)).toEqual(JSON.parse(rules('Rules A'))));
    expect(screen.getByTestId('rules-state').textContent).toBe('1 rule in use.');
    expect(await reply()).toMatchObject({ text: { value: 'Rules A' } });
  });

  it('checks temperature and top_p ranges', async () => {
    h = harness();
    renderWithStores(<EditorHost />, h);
    fireEvent.change(screen.getByLabelText('Temperature (0–2)'), { target: { value: '3' } });
    expect(screen.getByText('temperature must be a number from 0 to 2')).toBeTruthy();
  });
});
