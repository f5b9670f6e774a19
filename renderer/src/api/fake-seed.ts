/**
 * Demo content for the fake (`?fake&seed=demo|many|long`), used to look at the UI with
 * realistic data: assistants with functions, many threads, long messages and long JSON.
 */
import type { RunLensBridge } from '../../../electron/contract/api';

const LONG_MD = `Here is a longer answer with **markdown**, a list and code.

1. First, the run is created and queued.
2. Then the worker picks it up and the model streams.
3. Finally the tool outputs come back.

\`\`\`ts
const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id });
if (run.status === 'requires_action') {
  const outputs = run.required_action.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: JSON.stringify(await handlers[c.function.name](JSON.parse(c.function.arguments))) }));
}
\`\`\`

| status | meaning |
|---|---|
| queued | waiting for the worker |
| requires_action | waiting for your tool outputs |

${'A very long paragraph that keeps going to check wrapping in the chat view. '.repeat(12)}`;

/** Fills a fresh fake with one of the demo sets. */
export async function seedFake(bridge: RunLensBridge, kind: string): Promise<void> {
  const api = bridge.api;
  const weather = await api.assistants.create({
    name: 'Weather helper',
    model: 'mock',
    instructions: 'You answer weather questions. Call get_weather for any city.',
    tools: [
      { type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] } } },
      { type: 'function', function: { name: 'get_time', description: 'Local time', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } } },
    ],
  });
  await api.assistants.create({ name: 'Echo bot', model: 'mock', instructions: 'Repeat.' });
  if (kind === 'many') {
    for (let i = 0; i < 300; i++) {
      const t = await api.threads.create({ title: `Thread ${i + 1}: ${['refund flow', 'weather in Paris', 'order lookup', 'tenant guard check'][i % 4]}` });
      await api.messages.create(t.id, { role: 'user', content: `message ${i}` });
    }
  }
  const t = await api.threads.create({ title: kind === 'long' ? 'Long content' : 'Weather in Paris' });
  if (kind === 'long') {
    await api.messages.create(t.id, { role: 'user', content: 'Explain the run lifecycle in detail. '.repeat(8) });
    await api.messages.create(t.id, { role: 'assistant', content: LONG_MD });
    const big = JSON.stringify({ items: Array.from({ length: 30 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b'], nested: { deep: { value: i * 3.14 } } })) });
    await api.messages.create(t.id, { role: 'assistant', content: '```json\n' + JSON.stringify(JSON.parse(big), null, 2) + '\n```' });
  }
  void weather;
}
