/**
 * Checks a parsed workspace config file and returns its raw (unresolved) typed form.
 * Every refusal names the JSON path of the problem: unknown keys, wrong types, bad URLs,
 * malformed `${…}` references, pins that do not point at `thread.metadata.KEY`, tools that
 * name an MCP server the file does not declare.
 */
import {
  LIVE_HANDLER_KINDS,
  WorkspaceConfigError,
  type McpServerConfig,
  type ProviderConfig,
  type ToolEntryConfig,
  type WorkspaceConfig,
} from './config-types';

type Obj = Record<string, unknown>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** `${env:NAME}` / `${secret:NAME}`; anything else that starts with `${` is a bad reference. */
export const REFERENCE = /\$\{(env|secret):([A-Za-z0-9_.-]+)\}/g;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PIN_PATH = /^thread\.metadata\.[A-Za-z0-9_.-]{1,64}$/;

/** `$.tools.get_weather` or `$.tools["my tool"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function fail(path: string, problem: string): never {
  throw new WorkspaceConfigError(path, problem);
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, `must be an object, got ${describe(v)}`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `a ${typeof v}`;
}

function onlyKeys(o: Obj, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(childPath(path, key), `unknown key '${key}' (allowed here: ${allowed.join(', ')})`);
  }
}

/** Checks the `${…}` references in a string value. */
function checkReferences(value: string, path: string): void {
  const stripped = value.replace(REFERENCE, '');
  const bad = /\$\{[^}]*\}?/.exec(stripped);
  if (bad) fail(path, `bad reference '${bad[0]}': use \${env:NAME} or \${secret:NAME}`);
}

function str(o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  const p = childPath(path, key);
  if (v === undefined) {
    if (required) fail(p, 'is required');
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') fail(p, `must be a non-empty string, got ${describe(v)}`);
  checkReferences(v, p);
  return v;
}

/** A URL is checked as written when it holds no reference, and again after resolution. */
export function checkUrl(value: string, path: string): void {
  if (value.replace(REFERENCE, '') !== value) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(path, `is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(path, `must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
}

function url(o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = str(o, key, path, required);
  if (v !== undefined) checkUrl(v, childPath(path, key));
  return v;
}

function stringMap(o: Obj, key: string, path: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  const p = childPath(path, key);
  const m = obj(v, p);
  for (const [k, val] of Object.entries(m)) {
    const kp = childPath(p, k);
    if (typeof val !== 'string') fail(kp, `must be a string, got ${describe(val)}`);
    checkReferences(val, kp);
  }
  return m as Record<string, string>;
}

function argv(o: Obj, key: string, path: string): string[] {
  const v = o[key];
  const p = childPath(path, key);
  if (!Array.isArray(v) || v.length === 0) fail(p, 'must be a non-empty array of strings: the program and its arguments (no shell)');
  v.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') fail(childPath(p, i), `must be a non-empty string, got ${describe(item)}`);
    checkReferences(item, childPath(p, i));
  });
  return v as string[];
}

function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !values.includes(v as T)) fail(childPath(path, key), `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`);
  return v as T;
}

const COMMON = ['approval', 'timeout_ms', 'on_error', 'pin'] as const;

function common(o: Obj, path: string): Obj {
  const out: Obj = {};
  const approval = oneOf(o, 'approval', path, ['auto', 'ask']);
  if (approval) out.approval = approval;
  const onError = oneOf(o, 'on_error', path, ['output', 'fail_run']);
  if (onError) out.on_error = onError;
  if (o.timeout_ms !== undefined) {
    const t = o.timeout_ms;
    if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 3_600_000)
      fail(childPath(path, 'timeout_ms'), `must be a whole number of milliseconds between 1 and 3600000, got ${describe(t)}`);
    out.timeout_ms = t;
  }
  if (o.pin !== undefined) {
    const p = childPath(path, 'pin');
    const pin = obj(o.pin, p);
    for (const [arg, where] of Object.entries(pin)) {
      const ap = childPath(p, arg);
      if (typeof where !== 'string' || !PIN_PATH.test(where)) fail(ap, `must be a path of the form "thread.metadata.KEY", got ${describe(where)}`);
    }
    out.pin = pin;
  }
  return out;
}

/** `server`: a name declared in `$.mcp_servers`. */
function declaredServer(o: Obj, path: string, servers: Record<string, McpServerConfig>): string {
  const server = str(o, 'server', path, true) as string;
  if (!Object.hasOwn(servers, server)) {
    const known = Object.keys(servers);
    fail(childPath(path, 'server'), `names no server in $.mcp_servers (${known.length ? `declared: ${known.join(', ')}` : 'none declared'})`);
  }
  return server;
}

/** A non-empty list of distinct non-empty strings (assistant ids or names, tool names). */
function names(o: Obj, key: string, path: string): string[] {
  const v = o[key];
  const p = childPath(path, key);
  if (!Array.isArray(v) || v.length === 0) fail(p, `must be a non-empty array of strings, got ${describe(v)}`);
  v.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(childPath(p, i), `must be a non-empty string, got ${describe(item)}`);
    if (v.indexOf(item) !== i) fail(childPath(p, i), `repeats ${JSON.stringify(item)}`);
  });
  return v as string[];
}

function tool(name: string, v: unknown, path: string, servers: Record<string, McpServerConfig>): ToolEntryConfig {
  const o = obj(v, path);
  if (o.import !== undefined) {
    if (o.import === 'connery') {
      onlyKeys(o, path, ['import', 'runner_url', 'api_key', 'envelope', 'assistants', ...COMMON]);
      const out: Obj = { import: 'connery', runner_url: url(o, 'runner_url', path, true), ...common(o, path) };
      const key = str(o, 'api_key', path, false);
      if (key !== undefined) out.api_key = key;
      const env = oneOf(o, 'envelope', path, ['flat', 'input']);
      if (env) out.envelope = env;
      if (o.assistants !== undefined) out.assistants = names(o, 'assistants', path);
      return out as unknown as ToolEntryConfig;
    }
    if (o.import === 'mcp') {
      onlyKeys(o, path, ['import', 'server', 'tools', 'assistants', ...COMMON]);
      const out: Obj = { import: 'mcp', server: declaredServer(o, path, servers), ...common(o, path) };
      if (o.tools !== undefined) out.tools = names(o, 'tools', path);
      if (o.assistants !== undefined) out.assistants = names(o, 'assistants', path);
      return out as unknown as ToolEntryConfig;
    }
    fail(childPath(path, 'import'), `must be "connery" or "mcp", got ${describe(o.import)}`);
  }
  if (!FUNCTION_NAME.test(name)) fail(path, 'a tool name must be a function name: letters, digits, "_" or "-", at most 64');
  const handler = o.handler;
  if (typeof handler !== 'string' || !(LIVE_HANDLER_KINDS as readonly string[]).includes(handler)) {
    fail(childPath(path, 'handler'), `must be one of ${LIVE_HANDLER_KINDS.map((k) => JSON.stringify(k)).join(', ')} (or use "import": "connery" or "mcp"), got ${describe(handler)}`);
  }
  const out: Obj = { handler, ...common(o, path) };
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) out[key] = value;
  };
  switch (handler) {
    case 'webhook':
      onlyKeys(o, path, ['handler', 'url', 'headers', ...COMMON]);
      put('url', url(o, 'url', path, true));
      put('headers', stringMap(o, 'headers', path));
      break;
    case 'connery':
      onlyKeys(o, path, ['handler', 'runner_url', 'action_id', 'api_key', 'envelope', ...COMMON]);
      put('runner_url', url(o, 'runner_url', path, true));
      put('action_id', str(o, 'action_id', path, true));
      put('api_key', str(o, 'api_key', path, false));
      put('envelope', oneOf(o, 'envelope', path, ['flat', 'input']));
      break;
    case 'mcp': {
      onlyKeys(o, path, ['handler', 'server', 'tool', ...COMMON]);
      put('server', declaredServer(o, path, servers));
      put('tool', str(o, 'tool', path, false));
      break;
    }
    case 'command':
      onlyKeys(o, path, ['handler', 'command', 'cwd', ...COMMON]);
      put('command', argv(o, 'command', path));
      put('cwd', str(o, 'cwd', path, false));
      break;
  }
  return out as unknown as ToolEntryConfig;
}

function mcpServer(v: unknown, path: string): McpServerConfig {
  const o = obj(v, path);
  if (o.command !== undefined && o.url !== undefined) fail(path, 'give either "command" (stdio) or "url" (Streamable HTTP), not both');
  if (o.url !== undefined) {
    onlyKeys(o, path, ['url', 'headers']);
    const out: Obj = { url: url(o, 'url', path, true) };
    const headers = stringMap(o, 'headers', path);
    if (headers) out.headers = headers;
    return out as McpServerConfig;
  }
  if (o.command === undefined) fail(path, 'needs "command" (stdio: program and arguments) or "url" (Streamable HTTP)');
  onlyKeys(o, path, ['command', 'env', 'cwd']);
  const out: Obj = { command: argv(o, 'command', path) };
  const env = stringMap(o, 'env', path);
  if (env) out.env = env;
  const cwd = str(o, 'cwd', path, false);
  if (cwd) out.cwd = cwd;
  return out as McpServerConfig;
}

function provider(v: unknown, path: string): ProviderConfig {
  const o = obj(v, path);
  onlyKeys(o, path, ['base_url', 'api_key']);
  const out: ProviderConfig = { base_url: url(o, 'base_url', path, true) as string };
  const key = str(o, 'api_key', path, false);
  if (key !== undefined) out.api_key = key;
  return out;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function section<T>(root: Obj, key: string, each: (name: string, v: unknown, path: string) => T): Record<string, T> {
  const path = childPath('$', key);
  if (root[key] === undefined) return {};
  const o = obj(root[key], path);
  const out: Record<string, T> = {};
  for (const [name, v] of Object.entries(o)) {
    const p = childPath(path, name);
    if (!NAME.test(name)) fail(p, 'names must start with a letter or digit and use letters, digits, ".", "_" or "-" (at most 64)');
    out[name] = each(name, v, p);
  }
  return out;
}

/** Validates parsed JSON as a workspace config; throws WorkspaceConfigError naming the path. */
export function validateWorkspaceConfig(value: unknown): WorkspaceConfig {
  const root = obj(value, '$');
  onlyKeys(root, '$', ['$schema', 'providers', 'mcp_servers', 'tools']);
  const providers = section(root, 'providers', (_n, v, p) => provider(v, p));
  if ('mock' in providers) fail('$.providers.mock', '"mock" is the built-in offline model; choose another provider name');
  const mcp_servers = section(root, 'mcp_servers', (_n, v, p) => mcpServer(v, p));
  const tools = section(root, 'tools', (n, v, p) => tool(n, v, p, mcp_servers));
  return { providers, mcp_servers, tools };
}
