/**
 * MCP handlers against a real MCP server built with `@modelcontextprotocol/sdk`, over stdio
 * (a child process the app starts) and over Streamable HTTP: list and import tools, call them,
 * text/JSON/error content, a server that fails to start, a crash mid-call and the restart.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolExecutionFinishedData } from '../../electron/contract/events';
import { startMcpHttpServer } from './fixtures/mcp-server';
import { startLive, type LiveHarness } from './harness';

const SERVER = fileURLToPath(new URL('./fixtures/mcp-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let h: LiveHarness;
let remote: Awaited<ReturnType<typeof startMcpHttpServer>>;

beforeAll(async () => {
  remote = await startMcpHttpServer();
  h = await startLive({
    mcp_servers: {
      local: { command: [process.execPath, '--import', 'tsx', SERVER, '--stdio'], cwd: ROOT },
      remote: { url: remote.url },
      broken: { command: [process.execPath, '-e', 'process.stderr.write("no config file\\n"); process.exit(2)'] },
    },
  });
});
afterAll(async () => {
  await h?.close();
  await remote?.close();
});

async function run(assistantId: string, content: string) {
  const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content }] });
  const r = await h.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const [reply] = (await h.client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
  const text = reply.role === 'assistant' && reply.content[0].type === 'text' ? reply.content[0].text.value : null;
  return { run: r, text, finished: h.events<ToolExecutionFinishedData>(r.id, 'tool.execution.finished') };
}

describe.each(['local', 'remote'])('MCP over %s', (server) => {
  it('lists the tools, imports them as function tools and calls them: text, JSON, errors', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', name: `mcp-${server}` });
    const listed = await h.s.api.workspace.mcpTools(a.id, server);
    expect(listed.map((t) => t.name).sort()).toEqual(['add', 'crash', 'echo', 'fail', 'pid']);
    expect(listed.find((t) => t.name === 'add')).toMatchObject({ description: 'Adds two numbers', status: 'new', parameters: { type: 'object', required: ['a', 'b'] } });
    // The SDK server's draft-07 marker is not a function-schema key: it is left out of the import.
    expect(listed.find((t) => t.name === 'add')?.parameters).not.toHaveProperty('$schema');
    const summary = await h.s.api.workspace.importMcp(a.id, server, ['echo', 'add', 'fail']);
    expect(summary.added).toEqual(['echo', 'add', 'fail']);

    const echo = await run(a.id, 'echo text="hi there"');
    expect(echo.run.status).toBe('completed');
    expect(echo.text).toBe('echo: echo: hi there');
    expect(echo.finished[0]).toMatchObject({ handler: 'mcp', error: null, response: { isError: false, content: [{ type: 'text', text: 'echo: hi there' }] } });

    const add = await run(a.id, 'add a=2 b=3');
    expect(add.text).toBe('add: {"sum":5}');
    expect(add.finished[0].response).toMatchObject({ structuredContent: { sum: 5 } });

    const fail = await run(a.id, 'fail');
    expect(fail.run.status).toBe('completed');
    expect(fail.finished[0].error).toBe("the MCP tool 'fail' reported an error: disk not found");
  });
});

describe('MCP faults', () => {
  it('a server that fails to start is a clear error on the call', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock', tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }] });
    await h.s.api.handlers.set(a.id, 'lookup', { mode: 'live', live: { handler: 'mcp', server: 'broken', tool: 'lookup' } });
    const { run: r, finished } = await run(a.id, 'lookup');
    expect(r.status).toBe('completed');
    expect(finished[0].error).toMatch(/MCP server 'broken' failed to start: .*no config file/);
    await expect(h.s.api.workspace.mcpTools(a.id, 'broken')).rejects.toThrow(/Cannot list the tools of MCP server 'broken'/);
    await expect(h.s.api.workspace.mcpTools(a.id, 'nowhere')).rejects.toThrow(/No MCP server named 'nowhere'/);
  });

  it('a crash mid-call ends that call with an error; the next call restarts the server', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock' });
    await h.s.api.workspace.importMcp(a.id, 'local', ['pid', 'crash']);
    const first = await run(a.id, 'pid');
    const pid = Number(first.text?.slice('pid: '.length));
    expect(pid).toBeGreaterThan(0);
    const crash = await run(a.id, 'crash');
    expect(crash.run.status).toBe('completed');
    expect(crash.finished[0].error).toMatch(/^MCP call to 'crash' failed: /);
    const after = await run(a.id, 'pid');
    const pid2 = Number(after.text?.slice('pid: '.length));
    expect(after.finished[0].error).toBeNull();
    expect(pid2).toBeGreaterThan(0);
    expect(pid2).not.toBe(pid);
  });

  it('servers stop with the app', async () => {
    const a = await h.s.api.assistants.create({ model: 'mock' });
    await h.s.api.workspace.importMcp(a.id, 'local', ['pid']);
    const pid = Number((await run(a.id, 'pid')).text?.slice('pid: '.length));
    await h.s.live.mcp.reset();
    await expect
      .poll(() => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      }, { timeout: 5000 })
      .toBe(false);
  });
});
