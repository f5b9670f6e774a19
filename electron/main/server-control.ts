/**
 * Turns the local HTTP server (UI + bridge + `/v1`) on and off from the app's settings, so
 * external code can reach `/v1` while the window is open. The choice and the port are
 * remembered, so the `baseURL` you configured keeps working after a restart.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerStatus } from '../contract/api';
import { loadOrCreateSessionSecret } from '../services/http/bridge/session-auth';
import { createHttpServer, type HttpServer } from '../services/http/server';
import type { ServerControl, Services } from '../services/services-types';

interface ServerSettings {
  enabled: boolean;
  port: number;
}

export interface LocalServerOptions {
  services: Services;
  dataDir: string;
  /** A fixed port (RUNLENS_PORT); otherwise the remembered one, else any free one. */
  port?: number;
  /** Told the address and login link each time the server starts. */
  onStarted?(info: { url: string; loginUrl: string }): void;
}

export class LocalServerControl implements ServerControl {
  private server: HttpServer | null = null;
  private pending: Promise<ServerStatus> = Promise.resolve(this.status());
  private readonly settingsFile: string;

  constructor(private readonly options: LocalServerOptions) {
    this.settingsFile = path.join(options.dataDir, 'server.json');
  }

  /** True when the user left the server on last time. */
  wasEnabled(): boolean {
    return this.readSettings().enabled;
  }

  status(): ServerStatus {
    return this.server ? { enabled: true, url: this.server.url, port: this.server.port } : { enabled: false, url: null, port: null };
  }

  /** Switches in order: a second call waits for the first. */
  setEnabled(enabled: boolean): Promise<ServerStatus> {
    this.pending = this.pending.catch(() => undefined).then(() => (enabled ? this.start() : this.stop()));
    return this.pending;
  }

  private async start(): Promise<ServerStatus> {
    if (this.server) return this.status();
    const remembered = this.readSettings().port;
    const port = this.options.port ?? remembered;
    const loginToken = randomBytes(24).toString('hex');
    const open = (p: number) => createHttpServer({ services: this.options.services, host: '127.0.0.1', port: p, apiKey: () => this.options.services.v1Key.current(), loginToken, sessionSecret: loadOrCreateSessionSecret(this.options.dataDir) });
    // The remembered port may be taken by now: then any free port.
    this.server = await open(port).catch((error: unknown) => {
      if (this.options.port === undefined && port !== 0) return open(0);
      throw error;
    });
    this.options.services.setApiBaseUrl(`${this.server.url}/v1`);
    this.writeSettings({ enabled: true, port: this.server.port });
    this.options.onStarted?.({ url: this.server.url, loginUrl: `${this.server.url}/login?token=${loginToken}` });
    return this.status();
  }

  private async stop(): Promise<ServerStatus> {
    const server = this.server;
    this.server = null;
    this.options.services.setApiBaseUrl(null);
    this.writeSettings({ ...this.readSettings(), enabled: false });
    await server?.close();
    return this.status();
  }

  /** Closes the server without changing the remembered choice (app quit). */
  async shutdown(): Promise<void> {
    await this.pending.catch(() => undefined);
    await this.server?.close();
    this.server = null;
  }

  private readSettings(): ServerSettings {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.settingsFile, 'utf8')) as Partial<ServerSettings>;
      return { enabled: parsed.enabled === true, port: Number.isInteger(parsed.port) ? (parsed.port as number) : 0 };
    } catch {
      return { enabled: false, port: 0 };
    }
  }

  private writeSettings(settings: ServerSettings): void {
    fs.writeFileSync(this.settingsFile, JSON.stringify(settings) + '\n', { mode: 0o600 });
  }
}
