/** Host/Origin guards (DNS rebinding, CSRF) and the Bearer comparison. */
import { describe, expect, it } from 'vitest';
import { bearerMatches, checkRequestOrigin, isAllowedHost, isAllowedOrigin, isLoopbackName, splitHostHeader } from '../../electron/services/http/security';

describe('host checks', () => {
  it('splits host headers including IPv6', () => {
    expect(splitHostHeader('LocalHost:8080')).toEqual({ name: 'localhost', port: '8080' });
    expect(splitHostHeader('[::1]:9')).toEqual({ name: '[::1]', port: '9' });
    expect(splitHostHeader('127.0.0.1')).toEqual({ name: '127.0.0.1', port: null });
  });
  it('knows loopback names', () => {
    for (const name of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost']) expect(isLoopbackName(name)).toBe(true);
    for (const name of ['evil.com', '10.0.0.1', 'localhost.evil.com', '127.0.0.1.nip.io', '0.0.0.0']) expect(isLoopbackName(name)).toBe(false);
  });
  it('refuses a missing or foreign Host, allows an explicitly bound one', () => {
    expect(isAllowedHost(undefined)).toBe(false);
    expect(isAllowedHost('evil.com:80')).toBe(false);
    expect(isAllowedHost('localhost:1')).toBe(true);
    expect(isAllowedHost('box.lan:1', { extraHosts: ['box.lan'] })).toBe(true);
  });
});

describe('origin checks', () => {
  it('accepts no Origin and same-port loopback origins only', () => {
    expect(isAllowedOrigin(undefined, 8000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8000', 8000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8000', 8000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:8001', 8000)).toBe(false);
    expect(isAllowedOrigin('https://evil.com', 8000)).toBe(false);
    expect(isAllowedOrigin('null', 8000)).toBe(false);
    expect(isAllowedOrigin('file://', 8000)).toBe(false);
  });
  it('combines both into a refusal reason', () => {
    expect(checkRequestOrigin({ host: '127.0.0.1:5' }, 5)).toBeNull();
    expect(checkRequestOrigin({ host: 'evil:5' }, 5)).toMatch(/Host/);
    expect(checkRequestOrigin({ host: '127.0.0.1:5', origin: 'http://evil' }, 5)).toMatch(/cross-origin/);
  });
});

describe('bearer', () => {
  it('matches only the exact key', () => {
    expect(bearerMatches('Bearer k1', 'k1')).toBe(true);
    expect(bearerMatches('bearer   k1 ', 'k1')).toBe(true);
    expect(bearerMatches('Bearer k2', 'k1')).toBe(false);
    expect(bearerMatches('Basic k1', 'k1')).toBe(false);
    expect(bearerMatches(undefined, 'k1')).toBe(false);
  });
});
