/**
 * Browser-mode login: the one-time token from the link printed at start buys one HttpOnly,
 * SameSite=Strict session cookie. The token works once. The cookie is signed with a secret
 * kept in the data directory, so a logged-in browser stays logged in across server restarts;
 * a session ends after SESSION_IDLE_MS without a request (each request keeps it alive).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A session expires after this long without a request: 7 days. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** How stale a cookie's last-seen time may get before a request renews it. */
const RENEW_AFTER_MS = 60 * 60 * 1000;

/** The session-signing secret of a data directory (`session-secret`, 0600), created once. */
export function loadOrCreateSessionSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'session-secret');
  try {
    const existing = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
    if (existing.length >= 32) return existing;
  } catch {
    // None yet.
  }
  const secret = crypto.randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, secret.toString('base64url') + '\n', { mode: 0o600 });
  return secret;
}
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Cookies ignore ports, so the name carries the port: two RunLens servers never share one. */
export function sessionCookieName(port: number): string {
  return `runlens_session_${port}`;
}

/** The value of one cookie in a `Cookie` header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The port the request arrived on (the server may listen on port 0 and learn its port later). */
function localPort(request: FastifyRequest): number {
  return request.raw.socket.localPort ?? 0;
}

/** Options of SessionAuth; without a secret, sessions end with the server (a fresh random one). */
export interface SessionOptions {
  secret?: Buffer;
  idleMs?: number;
  now?: () => number;
}

/** Holds the unused login token and signs and checks session cookies. */
export class SessionAuth {
  private token: string | null;
  private readonly secret: Buffer;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(loginToken: string, options: SessionOptions = {}) {
    this.token = loginToken.length > 0 ? loginToken : null;
    this.secret = options.secret ?? crypto.randomBytes(32);
    this.idleMs = options.idleMs ?? SESSION_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  private sign(lastSeen: number, nonce: string): string {
    const mac = crypto.createHmac('sha256', this.secret).update(`runlens-session.${lastSeen}.${nonce}`).digest('base64url');
    return `${lastSeen}.${nonce}.${mac}`;
  }

  private setCookie(request: FastifyRequest, reply: FastifyReply, nonce: string): void {
    reply.header('set-cookie', `${sessionCookieName(localPort(request))}=${this.sign(this.now(), nonce)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(this.idleMs / 1000)}`);
  }

  /** The verified session in a request's cookie: its nonce and last-seen time, or null. */
  private session(request: FastifyRequest): { nonce: string; lastSeen: number } | null {
    const value = readCookie(request.headers.cookie, sessionCookieName(localPort(request)));
    const m = value ? /^(\d+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(value) : null;
    if (!m || !value) return null;
    const lastSeen = Number(m[1]);
    if (!sameSecret(value, this.sign(lastSeen, m[2]))) return null;
    const age = this.now() - lastSeen;
    if (age > this.idleMs || age < -60_000) return null;
    return { nonce: m[2], lastSeen };
  }

  /**
   * Trades the token for a session once: on success sets the cookie and returns true; a wrong
   * or already used token returns false and changes nothing.
   */
  login(request: FastifyRequest, reply: FastifyReply, token: string): boolean {
    if (this.token === null || !sameSecret(token, this.token)) return false;
    this.token = null;
    this.setCookie(request, reply, crypto.randomBytes(18).toString('base64url'));
    return true;
  }

  /**
   * True when the request carries a live session signed with this data directory's secret
   * (so it survives restarts). With `reply`, a session not renewed for an hour is renewed.
   */
  isAuthenticated(request: FastifyRequest, reply?: FastifyReply): boolean {
    const session = this.session(request);
    if (!session) return false;
    if (reply && this.now() - session.lastSeen > RENEW_AFTER_MS) this.setCookie(request, reply, session.nonce);
    return true;
  }
}
