/**
 * MCP servers through the official `@modelcontextprotocol/sdk` client: stdio (a command the
 * app starts) or Streamable HTTP (a URL). A server is connected on first use, reconnected
 * (restarted) on the next use after it died, and closed with the app. Tool results keep
 * their content: text, JSON (structuredContent) and `isError` answers.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServerConfig, McpToolConfig } from '../../config/config-types';
import { clip, LOGGED_BODY_CHARS, maskHeaders, type LiveCallContext, type LiveResult } from './live-types';

/** A tool a server offers, shaped as a function definition for import. */
export interface McpToolInfo {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** An MCP tool's name as a function name: letters, digits, "_" and "-", at most 64. */
export function functionNameOf(toolName: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(toolName) ? toolName : toolName.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'tool';
}

interface Connection {
  client: Client;
  alive: boolean;
  stderr: string[];
}

const CONNECT_TIMEOUT_MS = 15_000;

/** Resolves a server name to its config (raw for display, resolved for use). */
export type McpServerLookup = (name: string) => Promise<{ raw: McpServerConfig; resolved: McpServerConfig } | null>;

export class McpManager {
  private readonly connections = new Map<string, Promise<Connection>>();
  private closed = false;

  constructor(private readonly lookup: McpServerLookup) {}

  private async connect(name: string): Promise<Connection> {
    const cfg = await this.lookup(name);
    if (!cfg) throw new Error(`no MCP server named '${name}' is configured`);
    const client = new Client({ name: 'runlens', version: '0.1.0' });
    const conn: Connection = { client, alive: true, stderr: [] };
    const server = cfg.resolved;
    let transport;
    if ('url' in server) {
      transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers ?? {} } });
    } else {
      const [command, ...args] = server.command;
      const stdio = new StdioClientTransport({ command, args, env: server.env, cwd: server.cwd, stderr: 'pipe' });
      stdio.stderr?.on('data', (chunk: Buffer) => {
        conn.stderr.push(chunk.toString('utf8'));
        if (conn.stderr.length > 20) conn.stderr.shift();
      });
      transport = stdio;
    }
    client.onclose = () => {
      conn.alive = false;
    };
    try {
      await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
    } catch (error) {
      conn.alive = false;
      await client.close().catch(() => undefined);
      const tail = conn.stderr.join('').trim().split('\n').slice(-3).join(' | ');
      throw new Error(`MCP server '${name}' failed to start: ${(error as Error).message}${tail ? ` (stderr: ${tail})` : ''}`, { cause: error });
    }
    return conn;
  }

  /** The live connection to a server, (re)starting it when needed. */
  private async get(name: string): Promise<Connection> {
    if (this.closed) throw new Error('the app is shutting down');
    const known = this.connections.get(name);
    if (known) {
      const conn = await known.catch(() => null);
      if (conn?.alive) return conn;
      this.connections.delete(name);
    }
    const next = this.connect(name);
    this.connections.set(name, next);
    next.catch(() => this.connections.delete(name));
    return next;
  }

  /** The tools a server offers. */
  async listTools(server: string): Promise<McpToolInfo[]> {
    const conn = await this.get(server);
    const out: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await conn.client.listTools(cursor ? { cursor } : undefined, { timeout: CONNECT_TIMEOUT_MS });
      for (const t of page.tools) out.push({ name: t.name, description: t.description ?? '', parameters: functionParameters(t.inputSchema) });
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  /** Calls a tool; never throws (faults are the call's error). */
  async call(raw: McpToolConfig, resolved: McpToolConfig, ctx: LiveCallContext): Promise<LiveResult> {
    const tool = resolved.tool ?? ctx.function;
    const cfg = await this.lookup(resolved.server).catch(() => null);
    const where = cfg ? ('url' in cfg.raw ? { url: cfg.raw.url, headers: maskHeaders(cfg.raw.headers) } : { command: cfg.raw.command }) : {};
    const request = { server: raw.server, tool, ...where, arguments: JSON.parse(ctx.arguments) as unknown };
    ctx.onRequest?.(request);
    let conn: Connection;
    try {
      conn = await this.get(resolved.server);
    } catch (error) {
      return { output: null, error: (error as Error).message, request, response: null };
    }
    try {
      const result = await conn.client.callTool({ name: tool, arguments: JSON.parse(ctx.arguments) as Record<string, unknown> }, undefined, {
        signal: ctx.signal,
        timeout: ctx.timeoutMs,
      });
      const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
      const text = content.filter((c) => c.type === 'text').map((c) => c.text ?? '').join('\n');
      const structured = result.structuredContent;
      const small = JSON.stringify(content).length <= LOGGED_BODY_CHARS;
      const response = {
        content: small ? content : [{ type: 'text', text: clip(text) }],
        ...(structured ? { structuredContent: structured } : {}),
        isError: Boolean(result.isError),
      };
      const output = text !== '' ? text : structured !== undefined ? JSON.stringify(structured) : JSON.stringify(content);
      if (result.isError) return { output: null, error: `the MCP tool '${tool}' reported an error: ${clip(output, 500)}`, request, response };
      return { output, error: null, request, response };
    } catch (error) {
      if (ctx.signal.aborted) return { output: null, error: 'cancelled: the run was cancelled', request, response: null };
      const died = !conn.alive ? ` (the server stopped${conn.stderr.length ? `: ${conn.stderr.join('').trim().split('\n').slice(-2).join(' | ')}` : ''}; it is restarted on the next call)` : '';
      return { output: null, error: `MCP call to '${tool}' failed: ${(error as Error).message}${died}`, request, response: null };
    }
  }

  /** Forgets a server's connection (its config changed); it reconnects on next use. */
  async reset(name?: string): Promise<void> {
    const names = name ? [name] : [...this.connections.keys()];
    await Promise.all(
      names.map(async (n) => {
        const p = this.connections.get(n);
        this.connections.delete(n);
        const conn = await p?.catch(() => null);
        await conn?.client.close().catch(() => undefined);
      }),
    );
  }

  /** Stops every server (stdio processes exit, HTTP sessions close). */
  async close(): Promise<void> {
    this.closed = true;
    await this.reset();
  }
}

/**
 * An MCP tool's input schema as function parameters: the same JSON Schema without its
 * `$schema` dialect marker (the SDK's zod servers add draft-07's), which function schemas do
 * not carry and which providers' strict mode refuses.
 */
export function functionParameters(inputSchema: object): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = inputSchema as Record<string, unknown>;
  return rest;
}
