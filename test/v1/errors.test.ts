/** §5 error semantics and the security guards, seen by the SDK and by raw HTTP. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { fnTool, raw, startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;
let client: OpenAI;
let assistantId: string;

beforeAll(async () => {
  server = await startServe({ args: [] });
  client = server.client();
  assistantId = (await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } })] })).id;
});
afterAll(async () => {
  await server?.stop();
});

/** A raw request with arbitrary headers (fetch cannot set Host). */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function sdkError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('OpenAI error bodies', () => {
  it('404 for unknown ids of every kind, with the exact wording', async () => {
    const e1 = await sdkError(client.beta.assistants.retrieve('asst_nope'));
    expect(e1).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e1.message).toBe("404 No assistant found with id 'asst_nope'.");
    expect(e1.error).toEqual({ message: "No assistant found with id 'asst_nope'.", type: 'invalid_request_error', param: null, code: null });
    expect(e1.requestID).toMatch(/^req_/);

    expect((await sdkError(client.beta.threads.retrieve('thread_nope'))).message).toBe("404 No thread found with id 'thread_nope'.");
    const thread = await client.beta.threads.create();
    expect((await sdkError(client.beta.threads.messages.retrieve('msg_nope', { thread_id: thread.id }))).message).toBe("404 No message found with id 'msg_nope'.");
    expect((await sdkError(client.beta.threads.runs.retrieve('run_nope', { thread_id: thread.id }))).message).toBe("404 No run found with id 'run_nope'.");
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    const stepErr = await sdkError(client.beta.threads.runs.steps.retrieve('step_nope', { thread_id: thread.id, run_id: run.id }));
    expect(stepErr.message).toBe("404 No step found with id 'step_nope'.");
    expect((await sdkError(client.beta.threads.runs.create(thread.id, { assistant_id: 'asst_gone' }))).status).toBe(404);
  });

  it('a v4-style undefined thread id is a 400 naming thread_id', async () => {
    const res = await raw(server, 'GET', '/v1/threads/undefined/runs/run_x');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { message: "Invalid 'thread_id': 'undefined'. Expected an ID that begins with 'thread'.", type: 'invalid_request_error', param: 'thread_id', code: 'invalid_value' } });
  });

  it('missing beta header', async () => {
    const res = await raw(server, 'GET', '/v1/assistants', undefined, { 'openai-beta': '' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        message: "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_beta',
      },
    });
  });

  it('too many tools, metadata limits', async () => {
    const tools = Array.from({ length: 129 }, (_, i) => fnTool(`f${i}`));
    const e = await sdkError(client.beta.assistants.create({ model: 'mock', tools }));
    expect(e.status).toBe(400);
    expect(e.error).toEqual({
      message: "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
      type: 'invalid_request_error',
      param: 'tools',
      code: 'array_above_max_length',
    });

    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    const m = await sdkError(client.beta.threads.create({ metadata }));
    expect(m.error).toEqual({
      message: "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with 17 properties instead.",
      type: 'invalid_request_error',
      param: 'metadata',
      code: 'object_above_max_properties',
    });

    const v = await sdkError(client.beta.assistants.create({ model: 'mock', metadata: { k: 'x'.repeat(600) } }));
    expect(v.error).toMatchObject({
      message: "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a string with length 600 instead.",
      param: 'metadata.k',
      code: 'string_above_max_length',
    });

    const key = 'k'.repeat(70);
    const k = await sdkError(client.beta.assistants.create({ model: 'mock', metadata: { [key]: 'v' } }));
    expect(k.error).toMatchObject({
      message: `Invalid property name in 'metadata': '${key}' is too long. Expected a string with maximum length 64, but got a string with length 70 instead.`,
      param: `metadata.${key}`,
      code: 'property_name_above_max_length',
    });
  });

  it('missing, unknown, wrongly typed and out-of-range parameters', async () => {
    const thread = await client.beta.threads.create();
    const missing = await raw(server, 'POST', `/v1/threads/${thread.id}/runs`, {});
    expect(missing.json).toEqual({ error: { message: "Missing required parameter: 'assistant_id'.", type: 'invalid_request_error', param: 'assistant_id', code: 'missing_required_parameter' } });

    const unknown = await raw(server, 'POST', `/v1/threads/${thread.id}/messages`, { role: 'user', content: 'x', foo: 1 });
    expect(unknown.json).toEqual({ error: { message: "Unknown parameter: 'foo'.", type: 'invalid_request_error', param: 'foo', code: 'unknown_parameter' } });

    const badType = await raw(server, 'POST', `/v1/threads/${thread.id}/runs`, { assistant_id: assistantId, temperature: 'hot' });
    expect(badType.json).toEqual({
      error: { message: "Invalid type for 'temperature': expected a decimal, but got a string instead.", type: 'invalid_request_error', param: 'temperature', code: 'invalid_type' },
    });

    const badEnum = await sdkError(client.beta.threads.messages.create(thread.id, { role: 'bogus' as 'user', content: 'x' }));
    expect(badEnum.error).toMatchObject({ message: "Invalid value: 'bogus'. Supported values are: 'user' and 'assistant'.", param: 'role', code: 'invalid_value' });

    const choice = await raw(server, 'POST', `/v1/threads/${thread.id}/runs`, { assistant_id: assistantId, tool_choice: 'sometimes' });
    expect(choice.json).toMatchObject({ error: { message: "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.", param: 'tool_choice' } });

    const runTools = Array.from({ length: 21 }, (_, i) => fnTool(`f${i}`));
    const tooMany = await sdkError(client.beta.threads.runs.create(thread.id, { assistant_id: assistantId, tools: runTools }));
    expect(tooMany.error).toMatchObject({ param: 'tools', code: 'array_above_max_length', message: expect.stringContaining('maximum length 20, but got an array with length 21') });

    const tokens = await sdkError(client.beta.threads.runs.create(thread.id, { assistant_id: assistantId, max_completion_tokens: 100 }));
    expect(tokens.error).toMatchObject({
      message: "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 256, but got 100 instead.",
      param: 'max_completion_tokens',
      code: 'integer_below_min_value',
    });

    const nested = await raw(server, 'POST', '/v1/assistants', { model: 'mock', tools: [{ type: 'function', function: { description: 'no name' } }] });
    expect(nested.json).toMatchObject({ error: { message: "Missing required parameter: 'tools[0].function.name'.", param: 'tools[0].function.name' } });

    const limit = await raw(server, 'GET', '/v1/assistants?limit=0');
    expect(limit.json).toMatchObject({ error: { param: 'limit', code: 'integer_below_min_value' } });
    const limitHigh = await raw(server, 'GET', '/v1/assistants?limit=101');
    expect(limitHigh.json).toMatchObject({ error: { param: 'limit', code: 'integer_above_max_value' } });
    const order = await raw(server, 'GET', '/v1/assistants?order=up');
    expect(order.json).toMatchObject({ error: { message: "Invalid value: 'up'. Supported values are: 'asc' and 'desc'.", param: 'order' } });

    const outputType = await raw(server, 'POST', `/v1/threads/${thread.id}/runs/run_x/submit_tool_outputs`, { tool_outputs: [{ tool_call_id: 'call_1', output: { a: 1 } }] });
    expect(outputType.json).toMatchObject({ error: { message: "Invalid type for 'tool_outputs[0].output': expected a string, but got an object instead.", param: 'tool_outputs[0].output' } });
  });

  it('state conflicts are 400 (never 409) and the SDK does not retry them', async () => {
    const retrying = server.client({ maxRetries: 2 });
    const thread = await retrying.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Quito' }] });
    const run = await retrying.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    const e = await sdkError(retrying.beta.threads.runs.create(thread.id, { assistant_id: assistantId }));
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect(e.message).toBe(`400 Thread ${thread.id} already has an active run ${run.id}.`);
    await retrying.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
  });

  it('bad JSON, unknown URLs and wrong methods are OpenAI-shaped 4xx with x-request-id', async () => {
    const bad = await raw(server, 'POST', '/v1/assistants', '{"model":', {});
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { message: string } }).error.message).toContain('We could not parse the JSON body of your request.');
    expect(bad.headers.get('x-request-id')).toMatch(/^req_/);

    const notFound = await raw(server, 'GET', '/v1/nothing/here');
    expect(notFound.status).toBe(404);
    expect(notFound.json).toEqual({ error: { message: 'Invalid URL (GET /v1/nothing/here)', type: 'invalid_request_error', param: null, code: null } });
    expect(notFound.headers.get('x-request-id')).toMatch(/^req_/);

    const method = await raw(server, 'PUT', '/v1/assistants');
    expect(method.status).toBe(404);
    expect(method.headers.get('content-type')).toContain('application/json');
  });

  it('run reads carry openai-poll-after-ms; every response carries x-request-id', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hi' }] });
    const { data: run, response } = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId }).withResponse();
    expect(Number(response.headers.get('openai-poll-after-ms'))).toBeGreaterThan(0);
    const got = await raw(server, 'GET', `/v1/threads/${thread.id}/runs/${run.id}`);
    expect(Number(got.headers.get('openai-poll-after-ms'))).toBeGreaterThan(0);
    expect(got.headers.get('x-request-id')).toMatch(/^req_/);
    const ids = new Set<string | null>();
    for (let i = 0; i < 3; i++) ids.add((await raw(server, 'GET', '/v1/assistants')).headers.get('x-request-id'));
    expect(ids.size).toBe(3);
  });
});

describe('security', () => {
  it('requires the Bearer key on /v1', async () => {
    const none = await raw(server, 'GET', '/v1/assistants', undefined, { authorization: '' });
    expect(none.status).toBe(401);
    expect((none.json as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'wrong-key', maxRetries: 0 });
    const e = await sdkError(wrong.beta.assistants.list());
    expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(e.code).toBe('invalid_api_key');
    expect(e.message).not.toContain('wrong-key');
    const unknownPath = await raw(server, 'GET', '/v1/secret', undefined, { authorization: '' });
    expect(unknownPath.status).toBe(401);
  });

  it('refuses foreign Host and Origin with 403, accepts loopback ones', async () => {
    const auth = { authorization: `Bearer ${server.apiKey}`, 'openai-beta': 'assistants=v2' };
    const port = new URL(server.url).port;
    const evilHost = await request('GET', '/v1/assistants', { ...auth, host: `evil.example:${port}` });
    expect(evilHost.status).toBe(403);
    expect(JSON.parse(evilHost.body).error.message).toContain('Host');
    expect(evilHost.headers['x-request-id']).toMatch(/^req_/);
    const rebind = await request('GET', '/', { host: `attacker.test:${port}` });
    expect(rebind.status).toBe(403);

    const evilOrigin = await request('POST', '/v1/assistants', { ...auth, host: `127.0.0.1:${port}`, origin: 'https://evil.example', 'content-type': 'application/json' }, '{"model":"mock"}');
    expect(evilOrigin.status).toBe(403);
    const otherPort = await request('GET', '/v1/assistants', { ...auth, host: `127.0.0.1:${port}`, origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await request('GET', '/v1/assistants', { ...auth, host: `127.0.0.1:${port}`, origin: 'null' });
    expect(nullOrigin.status).toBe(403);

    const local = await request('GET', '/v1/assistants', { ...auth, host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(local.status).toBe(200);
  });

  it('answers 413 to bodies over the limit and keeps serving', async () => {
    const huge = JSON.stringify({ model: 'mock', instructions: 'x'.repeat(6 * 1024 * 1024) });
    const res = await raw(server, 'POST', '/v1/assistants', huge);
    expect(res.status).toBe(413);
    expect((res.json as { error: { message: string } }).error.message).toMatch(/too large/i);
    expect((await client.beta.assistants.list()).data.length).toBeGreaterThan(0);
  });

  it('binds to 127.0.0.1 and never leaks stack traces', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await raw(server, 'POST', '/v1/assistants', '[1,2', {});
    expect(res.text).not.toMatch(/\n\s+at /);
    expect(res.text).not.toContain('node_modules');
  });
});
