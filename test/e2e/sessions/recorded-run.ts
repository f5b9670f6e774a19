/**
 * The recorded run the session specs start from, made by external code through the `openai`
 * SDK: the assistant "Forecaster" calls get_weather for Lisbon, waits, takes "sunny" and
 * completes, on a thread titled "Lisbon weather".
 */
import OpenAI from 'openai';
import { expect, type ServerInfo } from '../fixtures';

export async function recordLisbonWeather(server: ServerInfo) {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey, maxRetries: 0 });
  const assistant = await client.beta.assistants.create({
    model: 'mock',
    name: 'Forecaster',
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  });
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Lisbon' }], metadata: { title: 'Lisbon weather' } });
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  const callId = waiting.required_action!.submit_tool_outputs.tool_calls[0].id;
  const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: callId, output: 'sunny' }] });
  expect(done.status).toBe('completed');
  return { client, assistant, thread, done };
}
