/**
 * `"import": "mcp"` (and `"import": "connery"`) entries of the workspace config, against a real
 * MCP server built with `@modelcontextprotocol/sdk` over stdio and over Streamable HTTP and a
 * loopback fake Connery runner: every tool (or the listed ones) becomes a live function on the
 * assistants the entry names, at start and at once when the config is imported in the app;
 * problems name their JSON path. Runs go through the official `openai` SDK against `/v1`.
 */
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ToolExecutionFinishedData } from '../../electron/contract/events';
import { validateWorkspaceConfig } from '../../electron/services/config/workspace-config';
import { createHttpServer, type HttpServer } from '../../electron/services/http/server';
import { openTestServices, tempDir, type TestServices } from '../helpers/services';
import { SEND_EMAIL_ID, startConneryRunner, type FakeRunner } from './fixtures/connery-runner';
import { startMcpHttpServer } from './fixtures/mcp-server';

const SERVER = fileURLToPath(new URL('./fixtures/mcp-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let remote: Awaited<ReturnType<typeof startMcpHttpServer>>;
let runner: FakeRunner;
beforeAll(async () => {
  remote = await startMcpHttpServer();
  runner = await startConneryRunner({ apiKey: 'rk' });
});
afterAll(async () => {
  await remote?.close();
  await runner?.close();
});

const servers = () => ({
  local: { command: [process.execPath, '--import', 'tsx', SERVER, '--stdio'], cwd: ROOT },
  remote: { url: remote.url },
});

let s: TestServices | null = null;
let http: HttpServer | null = null;
afterEach(async () => {
  await http?.close();
  http = null;
  await s?.dispose();
  s = null;
});

async function sdk(services: TestServices): Promise<OpenAI> {
  http = await createHttpServer({ services, apiKey: 'k', loginToken: 't' });
  return new OpenAI({ baseURL: `${http.url}/v1`, apiKey: 'k', maxRetries: 0 });
}

async function run(client: OpenAI, services: TestServices, assistantId: string, content: string) {
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content }] });
  const r = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const [reply] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
  const text = reply.role === 'assistant' && reply.content[0].type === 'text' ? reply.content[0].text.value : null;
  const finished = services.runtime
    .readRunEvents(r.id)
    .filter((e) => e.type === 'tool.execution.finished')
    .map((e) => e.data as ToolExecutionFinishedData);
  return { run: r, text, finished };
}

const functionNames = (services: TestServices, id: string) =>
  services.runtime
    .getAssistant(id)
    .tools.flatMap((t) => (t.type === 'function' ? [t.function.name] : []))
    .sort();

describe('"import": "mcp" in the workspace config', () => {
  it('imported in the app: the listed tools of a stdio server land on the named assistant at once and run live; problems name their path', async () => {
    s = openTestServices({ env: { PATH: process.env.PATH ?? '' } });
    const helper = await s.api.assistants.create({ model: 'mock', name: 'Helper' });
    const other = await s.api.assistants.create({ model: 'mock', name: 'Other' });
    const config = {
      mcp_servers: servers(),
      tools: { local_tools: { import: 'mcp', server: 'local', tools: ['echo', 'add', 'nope'], assistants: ['Helper', 'Ghost'] } },
    };
    const info = await s.api.workspace.importConfig(JSON.stringify(config));
    expect(info.source).toBe('app');
    expect(info.problem?.split('\n').sort()).toEqual([
      "$.tools.local_tools.assistants[1]: no assistant has the id or name 'Ghost'",
      "$.tools.local_tools.tools[2]: the MCP server 'local' has no tool 'nope'",
    ]);
    // Applied without a restart: Helper has the two tools with the server's schemas, Other has nothing.
    expect(functionNames(s, helper.id)).toEqual(['add', 'echo']);
    const add = s.runtime.getAssistant(helper.id).tools.find((t) => t.type === 'function' && t.function.name === 'add');
    expect(add).toMatchObject({ function: { description: 'Adds two numbers', parameters: { type: 'object', required: ['a', 'b'] } } });
    expect(functionNames(s, other.id)).toEqual([]);
    // The handler is the workspace's: the assistant stores none of its own.
    expect((await s.api.handlers.list(helper.id)).find((h) => h.function_name === 'echo')).toMatchObject({ mode: 'live', source: 'workspace', live: { handler: 'mcp', server: 'local', tool: 'echo' } });

    const client = await sdk(s);
    const echo = await run(client, s, helper.id, 'echo text="from config"');
    expect(echo.run.status).toBe('completed');
    expect(echo.text).toBe('echo: echo: from config');
    expect(echo.finished[0]).toMatchObject({ handler: 'mcp', error: null, request: { server: 'local', tool: 'echo' } });
    const sum = await run(client, s, helper.id, 'add a=20 b=22');
    expect(sum.text).toBe('add: {"sum":42}');

    // Importing the same file again changes nothing: no new assistant version.
    const versions = (await s.api.assistants.versions(helper.id)).length;
    await s.api.workspace.importConfig(JSON.stringify(config));
    expect((await s.api.assistants.versions(helper.id)).length).toBe(versions);
  });

  it('at start: every tool of an HTTP server lands on the assistant named by id, with the entry options (approval) on each', async () => {
    const dir = tempDir();
    const first = openTestServices({}, dir);
    const a = first.runtime.createAssistant({ model: 'mock', name: 'Remote user' });
    await first.close();
    const raw = validateWorkspaceConfig({ mcp_servers: servers(), tools: { remote_all: { import: 'mcp', server: 'remote', approval: 'ask', assistants: [a.id] } } });
    s = openTestServices({ workspaceConfig: raw, env: { PATH: process.env.PATH ?? '' } }, dir);
    await s.workspaceReady;
    expect(functionNames(s, a.id)).toEqual(['add', 'crash', 'echo', 'fail', 'pid']);
    expect((await s.api.workspace.config()).problem).toBeNull();

    const client = await sdk(s);
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'echo text=held' }] });
    const r = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: a.id });
    expect(r.status).toBe('requires_action');
    const details = await s.api.runs.get(r.id);
    expect(details.pending_calls[0]).toMatchObject({ function: 'echo', handler: 'mcp', approval: true });
    const approved = await s.api.runs.executeCall(r.id, details.pending_calls[0].call_id);
    expect(approved).toEqual({ output: 'echo: held', error: null });
  });

  it('a server that cannot be listed is a problem on its entry; the rest of the config still applies', async () => {
    s = openTestServices({ env: { PATH: process.env.PATH ?? '' } });
    const a = await s.api.assistants.create({ model: 'mock', name: 'Mixed' });
    const info = await s.api.workspace.importConfig(
      JSON.stringify({
        mcp_servers: { broken: { command: [process.execPath, '-e', 'process.stderr.write("no config file\\n"); process.exit(2)'] }, remote: { url: remote.url } },
        tools: {
          broken_tools: { import: 'mcp', server: 'broken', assistants: ['Mixed'] },
          remote_echo: { import: 'mcp', server: 'remote', tools: ['echo'], assistants: ['Mixed'] },
        },
      }),
    );
    expect(info.problem).toMatch(/^\$\.tools\.broken_tools: MCP server 'broken' failed to start: .*no config file/);
    expect(functionNames(s, a.id)).toEqual(['echo']);
  });

  it('refuses an entry naming an undeclared server with its JSON path, and changes nothing', async () => {
    s = openTestServices();
    await expect(s.api.workspace.importConfig(JSON.stringify({ mcp_servers: { files: { command: ['x'] } }, tools: { t: { import: 'mcp', server: 'file' } } }))).rejects.toThrow(
      '$.tools.t.server: names no server in $.mcp_servers (declared: files)',
    );
    expect(await s.api.workspace.config()).toMatchObject({ source: 'none' });
  });
});

describe('"import": "connery" with assistants', () => {
  it('imported in the app: the runner’s actions land on the named assistant at once and run live', async () => {
    s = openTestServices({ env: { PATH: process.env.PATH ?? '', RK: 'rk' } });
    const a = await s.api.assistants.create({ model: 'mock', name: 'Mailer' });
    const info = await s.api.workspace.importConfig(
      JSON.stringify({ tools: { mail: { import: 'connery', runner_url: runner.url, api_key: '${env:RK}', assistants: ['Mailer'] } } }),
    );
    expect(info.problem).toBeNull();
    expect(functionNames(s, a.id)).toContain(SEND_EMAIL_ID);
    const client = await sdk(s);
    const before = runner.log.length;
    const sent = await run(client, s, a.id, `${SEND_EMAIL_ID} recipient=ada@example.com subject=Hi body=Yo`);
    expect(sent.run.status).toBe('completed');
    expect(sent.finished[0]).toMatchObject({ handler: 'connery', error: null });
    const runs = runner.log.slice(before).filter((r) => r.path.endsWith('/run'));
    expect(runs).toHaveLength(1);
    expect(runs[0].headers['x-api-key']).toBe('rk');
  });
});
