/**
 * Connery runners (import + run, flat body and `{"input"}` envelope, `x-api-key`) against a
 * loopback fake that speaks the guide's wire, and local commands (stdin/stdout, minimal
 * environment, faults, timeout that kills the process group).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolExecutionFinishedData, ToolExecutionStartedData } from '../../electron/contract/events';
import { BROKEN_ID, SEND_EMAIL_ID, startConneryRunner, type FakeRunner } from './fixtures/connery-runner';
import { fn, startLive, type LiveHarness } from './harness';

let flat: FakeRunner;
let enveloped: FakeRunner;
let h: LiveHarness;

const node = process.execPath;
const script = (body: string) => [node, '-e', body];

beforeAll(async () => {
  // a provider key in the app's own environment must not reach a command
  process.env.OPENAI_API_KEY = 'sk-must-not-leak';
  flat = await startConneryRunner({ apiKey: 'flat-key' });
  enveloped = await startConneryRunner({ apiKey: 'env-key', envelope: 'input' });
  h = await startLive(
    {
      tools: {
        calc: { handler: 'command', command: script('let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s);process.stdout.write(String(a.a+a.b))})') },
        show_env: { handler: 'command', command: script('process.stdin.resume();process.stdin.on("end",()=>process.stdout.write(JSON.stringify(Object.keys(process.env).sort())))') },
        silent: { handler: 'command', command: script('process.stdin.resume()') },
        failing: { handler: 'command', command: script('process.stderr.write("bad input\\n");process.exit(4)') },
        missing: { handler: 'command', command: ['/no/such/program-xyz'] },
        sleepy: { handler: 'command', timeout_ms: 2500, command: script(`const {spawn}=require("child_process");const c=spawn(process.execPath,["-e","setTimeout(()=>{},60000)"],{stdio:"ignore"});process.stdout.write(String(c.pid)+"\\n");setTimeout(()=>{},60000)`) },
        envelope_email: { handler: 'connery', runner_url: enveloped.url, action_id: SEND_EMAIL_ID, api_key: '${secret:env-runner}', envelope: 'input' },
      },
    },
    { OPENAI_API_KEY: 'sk-must-not-leak' },
    { secrets: { 'env-runner': 'env-key' } },
  );
});
afterAll(async () => {
  delete process.env.OPENAI_API_KEY;
  await h?.close();
  await flat?.close();
  await enveloped?.close();
});

async function run(assistantId: string, content: string) {
  const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content }] });
  const r = await h.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const [reply] = (await h.client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
  const text = reply.role === 'assistant' && reply.content[0].type === 'text' ? reply.content[0].text.value : null;
  return { run: r, text, finished: h.events<ToolExecutionFinishedData>(r.id, 'tool.execution.finished') };
}

describe('Connery', () => {
  it('lists actions with descriptions first, imports them as function tools, runs with the flat body and x-api-key', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', name: 'mailer' });
    const listed = await h.s.api.workspace.conneryActions(a.id, { runner_url: flat.url, api_key: 'flat-key' });
    expect(listed.map((x) => [x.name, x.status])).toEqual([
      [SEND_EMAIL_ID, 'new'],
      [BROKEN_ID, 'new'],
    ]);
    expect(listed[0].description).toMatch(/^Send email:/);
    expect((await h.s.api.assistants.get(a.id)).tools).toEqual([]);

    const summary = await h.s.api.workspace.importConnery(a.id, { runner_url: flat.url, api_key: 'flat-key' });
    expect(summary).toMatchObject({ added: [SEND_EMAIL_ID, BROKEN_ID], updated: [], unchanged: [] });
    const tools = (await h.s.api.assistants.get(a.id)).tools;
    expect(tools[0]).toMatchObject({ type: 'function', function: { name: SEND_EMAIL_ID, parameters: { required: ['recipient', 'subject', 'body'] } } });
    const [handler] = await h.s.api.handlers.list(a.id);
    expect(handler).toMatchObject({ mode: 'live', live: { handler: 'connery', runner_url: flat.url, action_id: SEND_EMAIL_ID } });
    expect(handler.live && 'api_key' in handler.live ? handler.live.api_key : '').toMatch(/^\$\{secret:connery-/);

    const before = flat.log.length;
    const { run: r, text } = await run(a.id, `${SEND_EMAIL_ID} recipient=a@b.c subject=Hi body="Hello there"`);
    expect(r.status).toBe('completed');
    const sent = flat.log.slice(before).filter((x) => x.path.endsWith('/run'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/v1/actions/${SEND_EMAIL_ID}/run`, body: { recipient: 'a@b.c', subject: 'Hi', body: 'Hello there' } });
    expect(sent[0].headers['x-api-key']).toBe('flat-key');
    expect(text).toContain('"sentTo":"a@b.c"');
    const started = h.events<ToolExecutionStartedData>(r.id, 'tool.execution.started')[0];
    expect(JSON.stringify(started.request)).not.toContain('flat-key');

    flat.setExtraParam(true);
    const again = await h.s.api.workspace.conneryActions(a.id, { runner_url: flat.url, api_key: 'flat-key' });
    expect(again.map((x) => x.status)).toEqual(['changed', 'same']);
    const re = await h.s.api.workspace.importConnery(a.id, { runner_url: flat.url, api_key: 'flat-key' });
    expect(re).toMatchObject({ added: [], updated: [SEND_EMAIL_ID], unchanged: [BROKEN_ID], changes: [`${SEND_EMAIL_ID}: parameters added: cc`] });
    flat.setExtraParam(false);

    const broken = await run(a.id, BROKEN_ID);
    expect(broken.run.status).toBe('completed');
    expect(broken.finished[0].error).toMatch(/^the Connery runner answered with invalid JSON/);
  });

  it('refuses a wrong key and an unreachable runner with a clear message, changing nothing', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock' });
    await expect(h.s.api.workspace.conneryActions(a.id, { runner_url: flat.url, api_key: 'wrong' })).rejects.toThrow(/refused the API key \(HTTP 401/);
    await expect(h.s.api.workspace.importConnery(a.id, { runner_url: 'http://127.0.0.1:1', api_key: 'x' })).rejects.toThrow(/connection refused/);
    await expect(h.s.api.workspace.conneryActions(a.id, { runner_url: 'not a url' })).rejects.toThrow(/runner_url: is not a valid URL/);
    expect((await h.s.api.assistants.get(a.id)).tools).toEqual([]);
  });

  it('the {"input"} envelope, with the key from the secret store', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools: [fn('envelope_email', { recipient: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } }, ['recipient'])] });
    const before = enveloped.log.length;
    const { run: r, text } = await run(a.id, 'envelope_email recipient=x@y.z subject=S body=B');
    expect(r.status).toBe('completed');
    const [sent] = enveloped.log.slice(before);
    expect(sent.body).toEqual({ input: { recipient: 'x@y.z', subject: 'S', body: 'B' } });
    expect(sent.headers['x-api-key']).toBe('env-key');
    expect(text).toMatch(/^envelope_email: \{"messageId":"msg-\d+","sentTo":"x@y.z"\}$/);
  });
});

describe('command', () => {
  const tools = [
    fn('calc', { a: { type: 'number' }, b: { type: 'number' } }, ['a', 'b']),
    fn('show_env', {}),
    fn('silent', {}),
    fn('failing', {}),
    fn('missing', {}),
    fn('sleepy', {}),
  ];

  it('gets the arguments on stdin; stdout is the output', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools });
    const { run: r, text } = await run(a.id, 'calc a=2 b=40');
    expect(r.status).toBe('completed');
    expect(text).toBe('calc: 42');
  });

  it('runs with a minimal environment: no provider keys', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools });
    const { text } = await run(a.id, 'show_env');
    const keys = JSON.parse(text!.slice('show_env: '.length)) as string[];
    expect(keys).toContain('PATH');
    expect(keys).toContain('RUNLENS_CALL_ID');
    expect(keys).not.toContain('OPENAI_API_KEY');
    expect(keys.length).toBeLessThan(15);
  });

  it.each([
    ['silent', /printed nothing on stdout/],
    ['failing', /exited with code 4: bad input/],
    ['missing', /could not start: program not found: \/no\/such\/program-xyz/],
  ])('%s ends as a clear error on that call', async (name, why) => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools });
    const { run: r, finished, text } = await run(a.id, name);
    expect(r.status).toBe('completed');
    expect(finished[0].error).toMatch(why);
    expect(text).toMatch(new RegExp(`^${name}: \\{"error":`));
  });

  it('at timeout the command and its children are killed', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools });
    const { finished } = await run(a.id, 'sleepy');
    expect(finished[0].error).toMatch(/timed out after 2500 ms; the command and its children were killed/);
    const childPid = Number(String((finished[0].response as { stdout: string }).stdout).trim());
    expect(childPid).toBeGreaterThan(0);
    const alive = (): boolean => {
      try {
        process.kill(childPid, 0);
        return !fs.readFileSync(path.join('/proc', String(childPid), 'stat'), 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 5000 }).toBe(false);
  });
});
