/**
 * Browser mode on the shared server: the one-time-token login, the built UI, and the
 * RunLensApi over HTTP (`POST /api/call/<domain.method>`) and SSE (`GET /api/events`) — the
 * same calls and pushes the Electron window gets over IPC. Everything but the login needs the
 * session cookie; the server's Host/Origin guards and body limits apply before these routes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services-types';
import { dispatchCall } from './dispatch';
import { documentHeaders } from './csp';
import { registerEventStream } from './event-stream';
import { LINK_USED_PAGE, LOGIN_REQUIRED_PAGE, NOTICE_CSP } from './notice-page';
import { SessionAuth } from './session-auth';
import { registerSessionFiles } from './session-files';
import { defaultRendererDir, sendUiPath } from './static-ui';

export interface BridgeOptions {
  services: Services;
  /** One-time login token for the UI link printed at start. */
  loginToken: string;
  /** Signs session cookies; kept in the data directory so logins survive restarts. Random per server without it. */
  sessionSecret?: Buffer;
  /** The built renderer; `out/renderer` of the repo by default. */
  rendererDir?: string;
  /** Largest session file upload in bytes (DEFAULT_UPLOAD_LIMIT by default). */
  uploadLimit?: number;
}

/** Paths the UI never claims: `/v1` and `/api`, with or without more after them. */
const RESERVED = /^\/(v1|api)(\/|$)/;

function sendNotice(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers({ ...documentHeaders(NOTICE_CSP), 'content-type': 'text/html; charset=utf-8' }).send(html);
}

/** Registers the login, the bridge API, the event stream and the UI on `app`. */
export function registerBridge(app: FastifyInstance, options: BridgeOptions): void {
  const auth = new SessionAuth(options.loginToken, options.sessionSecret ? { secret: options.sessionSecret } : {});
  const rendererDir = options.rendererDir ?? defaultRendererDir();

  /** Lets an API request through, or answers 401 and returns false. */
  const apiGuard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (auth.isAuthenticated(request, reply)) return true;
    reply.code(401).send({ error: { message: 'Not logged in: open the UI link printed in the terminal.', type: 'invalid_request_error', param: null, code: 'login_required' } });
    return false;
  };

  app.get('/login', async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (typeof token === 'string' && auth.login(request, reply, token)) {
      return reply.code(302).headers({ location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).send();
    }
    if (auth.isAuthenticated(request)) return reply.code(302).headers({ location: '/', 'cache-control': 'no-store' }).send();
    return sendNotice(reply, 401, LINK_USED_PAGE);
  });

  app.post('/api/call/:name', async (request, reply) => {
    if (!apiGuard(request, reply)) return reply;
    const outcome = await dispatchCall(options.services.api, (request.params as { name: string }).name, request.body);
    if (outcome.ok) return reply.header('cache-control', 'no-store').send(outcome.result === undefined ? {} : { result: outcome.result });
    const { message, status, type, param, code } = outcome.error;
    return reply.code(status).send({ error: { message, type, param, code } });
  });

  registerEventStream(app, options.services, apiGuard);
  registerSessionFiles(app, { services: options.services, guard: apiGuard, ...(options.uploadLimit ? { uploadLimit: options.uploadLimit } : {}) });

  // The UI: any GET outside /v1 and /api. Unknown /v1 and /api paths keep the server's own 404.
  app.get('/*', async (request, reply) => {
    const urlPath = request.url.split('?')[0];
    if (RESERVED.test(urlPath)) return reply.callNotFound();
    // Browsers ask for it on every page, logged in or not; there is none unless the build has one.
    if (urlPath === '/favicon.ico' && !fs.existsSync(path.join(rendererDir, 'favicon.ico'))) return reply.code(204).send();
    if (!auth.isAuthenticated(request)) return sendNotice(reply, 401, LOGIN_REQUIRED_PAGE);
    return (await sendUiPath(reply, rendererDir, urlPath)) ?? reply.callNotFound();
  });
}
