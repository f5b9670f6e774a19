/**
 * The local HTTP server: one port for the browser UI + bridge (registered by the bridge
 * module) and the Assistants-compatible `/v1` API. Every route gets an `x-request-id`,
 * the Host/Origin guard (403), the body limit (413) and OpenAI-shaped, stackless errors.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from '../services-types';
import { registerBridge } from './bridge/register-bridge';
import { jsonBodyParser } from './body-parser';
import { errorBody, handleError, mapError } from './errors';
import { logger } from '../log/logger';
import { checkRequestOrigin, isLoopbackName, type HostPolicy } from './security';
import { notFoundHandler, v1Plugin } from './v1';

/** What `createHttpServer` needs; only `services` and `apiKey` are required. */
export interface HttpServerOptions {
  services: Services;
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The `/v1` Bearer key, or a function giving the current one (asked on every request: a regenerated key works at once). */
  apiKey: string | (() => string);
  /** One-time token for the UI login link. */
  loginToken?: string;
  /** Signs browser session cookies (loadOrCreateSessionSecret of the data directory), so logins survive restarts. */
  sessionSecret?: Buffer;
  /** The built renderer the bridge serves (its default: `out/renderer`). */
  rendererDir?: string;
  /** Largest accepted request body in bytes (413 beyond). Default 4 MiB. */
  bodyLimit?: number;
  /** Largest session file upload (browser mode's import picker). Default 4 GiB. */
  uploadLimit?: number;
  /** `openai-poll-after-ms` on run replies. Default 25. */
  pollAfterMs?: number;
  /** Longest wait of a poll-helper GET for a busy run to settle. Default 1000 ms. */
  longPollMs?: number;
}

/** A listening server; `close()` ends open streams and stops listening. */
export interface HttpServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

function urlHost(host: string): string {
  if (WILDCARD_HOSTS.has(host)) return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Builds, configures and starts the server; resolves once it listens. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const policy: HostPolicy = { extraHosts: WILDCARD_HOSTS.has(host) || isLoopbackName(host) ? [] : [host] };
  let boundPort: number | null = null;

  const given = options.apiKey;
  const apiKey = typeof given === 'function' ? given : () => given;
  const bodyLimit = options.bodyLimit ?? 4 * 1024 * 1024;
  const app = Fastify({
    // The shared RunLens log: 5xx and commit failures are written there; at 'warn', no line per request.
    loggerInstance: logger.child({ area: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 4096 },
    // Router-level failures (undecodable URL, over-long parameter) get the same error bodies.
    frameworkErrors: (error, req, reply) => {
      reply.header('x-request-id', req.id);
      handleError(error, req, reply);
    },
    genReqId: () => `req_${randomUUID().replace(/-/g, '')}`,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', jsonBodyParser(bodyLimit));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler(apiKey));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const refusal = checkRequestOrigin(req.headers, boundPort, policy);
    if (refusal) {
      return reply.code(403).type('application/json; charset=utf-8').send(errorBody(refusal, 'invalid_request_error', null, 'forbidden'));
    }
    // Review mode: /v1 answers reads only.
    if (options.services.readOnly && req.url.startsWith('/v1') && req.method !== 'GET' && req.method !== 'HEAD') {
      return reply.code(403).type('application/json; charset=utf-8').send(errorBody(options.services.readOnly, 'permission_error', null, 'read_only'));
    }
    // A session import owns the database while it runs: /v1 waits for it (the bridge's calls wait in the API).
    if (req.url.startsWith('/v1') && options.services.whenIdle) await options.services.whenIdle();
    return undefined;
  });

  // Acknowledge after commit: no reply leaves before the writes it reports are committed.
  // Streams (hijacked replies) publish events only as they commit.
  app.addHook('onSend', async (req, reply, payload) => {
    try {
      await options.services.committed();
      return payload;
    } catch (error) {
      const { status, body } = mapError(error);
      req.log.error({ err: error }, 'commit failed before the reply');
      void reply.code(status).type('application/json; charset=utf-8');
      return JSON.stringify(body);
    }
  });

  await app.register(v1Plugin, {
    prefix: '/v1',
    runtime: options.services.runtime,
    builtins: options.services.builtins,
    apiKey,
    pollAfterMs: options.pollAfterMs ?? 25,
    longPollMs: options.longPollMs ?? 1000,
    models: () => options.services.api.models.list(),
  });
  registerBridge(app, {
    services: options.services,
    loginToken: options.loginToken ?? randomBytes(24).toString('hex'),
    ...(options.sessionSecret ? { sessionSecret: options.sessionSecret } : {}),
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    ...(options.uploadLimit ? { uploadLimit: options.uploadLimit } : {}),
  });

  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  boundPort = address && typeof address === 'object' ? address.port : (options.port ?? 0);
  const url = `http://${urlHost(host)}:${boundPort}`;
  return {
    app,
    url,
    port: boundPort,
    close: async () => {
      await app.close();
    },
  };
}
