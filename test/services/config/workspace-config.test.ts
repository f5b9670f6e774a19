/** The workspace config file: the DESIGN.md example loads, references resolve, bad input names its JSON path. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatWorkspaceConfig,
  loadWorkspaceConfig,
  parseWorkspaceConfig,
  parseWorkspaceConfigText,
  WorkspaceConfigError,
} from '../../../electron/services/config/workspace-config';
import { FileSecretStore } from '../../../electron/services/secrets/file-secret-store';
import { tempDir } from '../../helpers/services';

const DESIGN_EXAMPLE = {
  providers: { local: { base_url: 'http://127.0.0.1:11434/v1', api_key: '${env:LOCAL_KEY}' } },
  mcp_servers: { files: { command: ['node', 'server.js'] }, remote: { url: 'http://127.0.0.1:3000/mcp' } },
  tools: {
    get_weather: { handler: 'webhook', url: 'http://127.0.0.1:9000/weather', headers: { Authorization: 'Bearer ${env:WEATHER_KEY}' } },
    send_email: { handler: 'connery', runner_url: 'http://127.0.0.1:4201', action_id: 'CABC80BB79C15067CA983495324AE709', api_key: '${env:CONNERY_KEY}' },
    read_file: { handler: 'mcp', server: 'files', tool: 'read_file' },
    calc: { handler: 'command', command: ['node', 'calc.js'] },
    get_invoices: { handler: 'webhook', url: 'http://127.0.0.1:9000/invoices', approval: 'ask', pin: { customer_id: 'thread.metadata.customer_id' } },
  },
};
const ENV = { LOCAL_KEY: 'lk-1', WEATHER_KEY: 'wk-2', CONNERY_KEY: 'ck-3' };

async function refusal(json: unknown, env: Record<string, string> = ENV): Promise<WorkspaceConfigError> {
  try {
    await parseWorkspaceConfig(json, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceConfigError);
    return error as WorkspaceConfigError;
  }
  throw new Error('the config was accepted');
}

function withTools(tools: Record<string, unknown>): unknown {
  return { ...DESIGN_EXAMPLE, tools };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('workspace config', () => {
  it('loads the DESIGN.md example with env references resolved and the raw form kept', async () => {
    const cfg = await parseWorkspaceConfig(JSON.stringify(DESIGN_EXAMPLE), { env: ENV });
    expect(cfg.providers).toEqual({ local: { base_url: 'http://127.0.0.1:11434/v1', api_key: 'lk-1' } });
    expect(cfg.tools.get_weather).toMatchObject({ handler: 'webhook', headers: { Authorization: 'Bearer wk-2' } });
    expect(cfg.tools.send_email).toMatchObject({ api_key: 'ck-3' });
    expect(cfg.tools.get_invoices).toMatchObject({ approval: 'ask', pin: { customer_id: 'thread.metadata.customer_id' } });
    expect(cfg.mcp_servers.remote).toEqual({ url: 'http://127.0.0.1:3000/mcp' });
    expect(cfg.raw.providers.local.api_key).toBe('${env:LOCAL_KEY}');
    const exported = formatWorkspaceConfig(cfg.raw);
    expect(exported).not.toContain('wk-2');
    expect(JSON.parse(exported)).toEqual(DESIGN_EXAMPLE);
  });

  it('resolves ${secret:NAME} from the secret store, and refuses a missing one by path', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const secrets = new FileSecretStore(dir, {});
    await secrets.set('weather_token', 's3cret');
    const json = withTools({ get_weather: { handler: 'webhook', url: 'http://127.0.0.1:9/w', headers: { 'X-Key': '${secret:weather_token}' } } });
    const cfg = await parseWorkspaceConfig(json, { env: ENV, secrets });
    expect(cfg.tools.get_weather).toMatchObject({ headers: { 'X-Key': 's3cret' } });

    const missing = withTools({ get_weather: { handler: 'webhook', url: 'http://127.0.0.1:9/w', headers: { 'X-Key': '${secret:nope}' } } });
    await expect(parseWorkspaceConfig(missing, { env: ENV, secrets })).rejects.toThrow(`$.tools.get_weather.headers["X-Key"]: no secret named 'nope'`);
    await expect(parseWorkspaceConfig(missing, { env: ENV })).rejects.toThrow(/secret store/);
  });

  it('refuses an unset environment variable at the path that references it', async () => {
    const e = await refusal(DESIGN_EXAMPLE, { LOCAL_KEY: 'x', CONNERY_KEY: 'y' });
    expect(e.path).toBe('$.tools.get_weather.headers.Authorization');
    expect(e.message).toContain('WEATHER_KEY is not set');
  });

  it.each([
    [{ ...DESIGN_EXAMPLE, extra: 1 }, '$.extra', /unknown key 'extra'/],
    [{ providers: { local: { base_url: 'http://x', apikey: 'k' } } }, '$.providers.local.apikey', /unknown key/],
    [{ providers: { local: { base_url: 'not a url' } } }, '$.providers.local.base_url', /not a valid URL/],
    [{ providers: { local: { base_url: 'ftp://h/x' } } }, '$.providers.local.base_url', /http/],
    [{ providers: { mock: { base_url: 'http://h' } } }, '$.providers.mock', /built-in/],
    [withTools({ w: { handler: 'webhook' } }), '$.tools.w.url', /required/],
    [withTools({ w: { handler: 'webhook', url: 'http://h', headers: { A: '${vault:X}' } } }), '$.tools.w.headers.A', /bad reference/],
    [withTools({ w: { handler: 'webhook', url: 'http://h', headers: { A: '${env:X' } } }), '$.tools.w.headers.A', /bad reference/],
    [withTools({ w: { handler: 'ftp', url: 'http://h' } }), '$.tools.w.handler', /must be one of/],
    [withTools({ w: { handler: 'webhook', url: 'http://h', timeout_ms: -5 } }), '$.tools.w.timeout_ms', /whole number/],
    [withTools({ w: { handler: 'webhook', url: 'http://h', approval: 'maybe' } }), '$.tools.w.approval', /"auto", "ask"/],
    [withTools({ w: { handler: 'webhook', url: 'http://h', pin: { customer_id: 'run.metadata.c' } } }), '$.tools.w.pin.customer_id', /thread\.metadata\.KEY/],
    [withTools({ r: { handler: 'mcp', server: 'nowhere' } }), '$.tools.r.server', /names no server/],
    [withTools({ c: { handler: 'command', command: 'node calc.js' } }), '$.tools.c.command', /array of strings/],
    [withTools({ c: { handler: 'command', command: ['node', 3] } }), '$.tools.c.command[1]', /non-empty string/],
    [withTools({ 'get weather': { handler: 'webhook', url: 'http://h' } }), '$.tools["get weather"]', /names must start|function name/],
    [withTools({ i: { import: 'connery', runner_url: 'http://h', action_id: 'A' } }), '$.tools.i.action_id', /unknown key/],
    [withTools({ i: { import: 'zapier', url: 'http://h' } }), '$.tools.i.import', /must be "connery" or "mcp"/],
    [withTools({ i: { import: 'mcp', server: 'nowhere' } }), '$.tools.i.server', /names no server in \$\.mcp_servers \(declared: files, remote\)/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp', server: 'file' } } }, '$.tools.i.server', /names no server .*declared: files/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp' } } }, '$.tools.i.server', /required/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp', server: 'files', tool: 'read' } } }, '$.tools.i.tool', /unknown key 'tool'/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp', server: 'files', tools: [] } } }, '$.tools.i.tools', /non-empty array/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp', server: 'files', tools: ['a', 7] } } }, '$.tools.i.tools[1]', /non-empty string/],
    [{ mcp_servers: { files: { command: ['x'] } }, tools: { i: { import: 'mcp', server: 'files', assistants: ['A', 'A'] } } }, '$.tools.i.assistants[1]', /repeats "A"/],
    [withTools({ i: { import: 'connery', runner_url: 'http://h', assistants: 'Billing' } }), '$.tools.i.assistants', /non-empty array/],
    [{ mcp_servers: { s: { command: ['x'], url: 'http://h' } } }, '$.mcp_servers.s', /not both/],
    [{ mcp_servers: { s: {} } }, '$.mcp_servers.s', /needs "command"/],
    [[], '$', /must be an object/],
  ])('refuses %j at %s', async (json, where, why) => {
    const e = await refusal(json);
    expect(e.path).toBe(where);
    expect(e.message).toMatch(why);
    expect(e.message.startsWith(`${where}: `)).toBe(true);
  });

  it('checks a URL again after its reference is resolved', async () => {
    const json = { providers: { p: { base_url: '${env:BASE}' } } };
    await expect(parseWorkspaceConfig(json, { env: { BASE: 'http://127.0.0.1:5/v1' } })).resolves.toMatchObject({ providers: { p: { base_url: 'http://127.0.0.1:5/v1' } } });
    const e = await refusal(json, { BASE: 'nonsense' });
    expect(e.path).toBe('$.providers.p.base_url');
  });

  it('accepts connery and mcp import entries and an empty file; reports JSON syntax errors', async () => {
    const cfg = await parseWorkspaceConfig({ tools: { runner: { import: 'connery', runner_url: 'http://127.0.0.1:4201', envelope: 'input', approval: 'ask' } } });
    expect(cfg.tools.runner).toEqual({ import: 'connery', runner_url: 'http://127.0.0.1:4201', envelope: 'input', approval: 'ask' });
    const mcp = await parseWorkspaceConfig({
      mcp_servers: { files: { command: ['node', 'server.js'] } },
      tools: { files_tools: { import: 'mcp', server: 'files', tools: ['read_file'], assistants: ['Helper'], approval: 'ask', pin: { tenant: 'thread.metadata.tenant' } } },
    });
    expect(mcp.tools.files_tools).toEqual({ import: 'mcp', server: 'files', tools: ['read_file'], assistants: ['Helper'], approval: 'ask', pin: { tenant: 'thread.metadata.tenant' } });
    expect(parseWorkspaceConfigText('{}')).toEqual({ providers: {}, mcp_servers: {}, tools: {} });
    expect(() => parseWorkspaceConfigText('{"tools": ')).toThrow(/^\$: the file is not valid JSON/);
  });

  it('loads from a file and names an unreadable one', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'runlens.json');
    fs.writeFileSync(file, JSON.stringify(DESIGN_EXAMPLE));
    const cfg = await loadWorkspaceConfig(file, { env: ENV });
    expect(Object.keys(cfg.tools)).toEqual(['get_weather', 'send_email', 'read_file', 'calc', 'get_invoices']);
    await expect(loadWorkspaceConfig(path.join(dir, 'missing.json'))).rejects.toThrow(/cannot read .*missing\.json: ENOENT/);
  });
});
