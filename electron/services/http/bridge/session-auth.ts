/**
 * Browser-mode login: the one-time token from the link printed at start buys one HttpOnly,
 * SameSite=Strict session cookie. The token works once; sessions live as long as the server.
 */
import crypto from 'node:crypto';
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

/** Holds the unused login token and the sessions it has created. */
export class SessionAuth {
  private token: string | null;
  private readonly sessions = new Set<string>();

  constructor(loginToken: string) {
    this.token = loginToken.length > 0 ? loginToken : null;
  }

  /**
   * Trades the token for a session once: on success sets the cookie and returns true; a wrong
   * or already used token returns false and changes nothing.
   */
  login(request: FastifyRequest, reply: FastifyReply, token: string): boolean {
    if (this.token === null || !sameSecret(token, this.token)) return false;
    this.token = null;
    const session = crypto.randomBytes(32).toString('base64url');
    this.sessions.add(session);
    reply.header('set-cookie', `${sessionCookieName(localPort(request))}=${session}; Path=/; HttpOnly; SameSite=Strict`);
    return true;
  }

  /** True when the request carries a session cookie this server issued. */
  isAuthenticated(request: FastifyRequest): boolean {
    const value = readCookie(request.headers.cookie, sessionCookieName(localPort(request)));
    if (value === null) return false;
    for (const session of this.sessions) if (sameSecret(value, session)) return true;
    return false;
  }
}
