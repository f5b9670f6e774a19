/**
 * Request guards shared by every route of the local server (DESIGN.md, Security rules):
 * the Host header must name a loopback address (or the explicitly bound host), so DNS
 * rebinding cannot reach us; an Origin, when sent, must be this server's own origin, so a
 * web page elsewhere cannot drive it (CSRF); `/v1` needs `Authorization: Bearer <key>`.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Splits `host[:port]` (IPv6 in brackets) into a lower-case name and a port string. */
export function splitHostHeader(value: string): { name: string; port: string | null } {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    if (end < 0) return { name: v, port: null };
    const rest = v.slice(end + 1);
    return { name: v.slice(0, end + 1), port: rest.startsWith(':') ? rest.slice(1) : null };
  }
  const colon = v.lastIndexOf(':');
  if (colon >= 0 && v.indexOf(':') === colon) return { name: v.slice(0, colon), port: v.slice(colon + 1) };
  return { name: v, port: null };
}

/** True for localhost, *.localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (LOOPBACK_NAMES.has(n)) return true;
  if (n.endsWith('.localhost')) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(n);
}

export interface HostPolicy {
  /** Extra host names accepted besides loopback ones (the bound host when it is not a wildcard). */
  extraHosts?: string[];
}

/** Whether the Host header is acceptable: present and loopback (or explicitly allowed). */
export function isAllowedHost(hostHeader: string | undefined, policy: HostPolicy = {}): boolean {
  if (!hostHeader) return false;
  const { name } = splitHostHeader(hostHeader);
  if (isLoopbackName(name)) return true;
  return (policy.extraHosts ?? []).some((h) => h.toLowerCase() === name);
}

/**
 * Whether an Origin header is acceptable: absent (non-browser clients), or an http(s)
 * origin on a loopback/allowed name with this server's port. `null` and others are foreign.
 */
export function isAllowedOrigin(origin: string | undefined, port: number | null, policy: HostPolicy = {}): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const name = url.hostname.toLowerCase();
  const allowedName = isLoopbackName(name) || (policy.extraHosts ?? []).some((h) => h.toLowerCase() === name);
  if (!allowedName) return false;
  if (port === null) return true;
  const originPort = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return originPort === port;
}

/** Host and Origin together; returns the reason for a 403 or null when the request may pass. */
export function checkRequestOrigin(headers: IncomingHttpHeaders, port: number | null, policy: HostPolicy = {}): string | null {
  if (!isAllowedHost(headers.host, policy)) return 'Forbidden: the Host header does not name this local server.';
  const origin = Array.isArray(headers.origin) ? headers.origin[0] : headers.origin;
  if (!isAllowedOrigin(origin, port, policy)) return 'Forbidden: cross-origin requests are not allowed.';
  return null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const keyDigests = new Map<string, Buffer>();
function keyDigest(apiKey: string): Buffer {
  let d = keyDigests.get(apiKey);
  if (!d) {
    d = digest(apiKey);
    if (keyDigests.size > 16) keyDigests.clear();
    keyDigests.set(apiKey, d);
  }
  return d;
}

/** A key as it may be shown: its first 3 and last 4 characters (all stars when short). */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`;
}

/** Constant-time comparison of a `Bearer` Authorization header against the key. */
export function bearerMatches(authorization: string | undefined, apiKey: string): boolean {
  if (!authorization) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) return false;
  return timingSafeEqual(digest(match[1].trim()), keyDigest(apiKey));
}
