/**
 * The Content-Security-Policy of the RunLens UI, the same in the Electron window and in
 * browser mode: scripts only from our own origin, no plugins, no framing, no foreign
 * connections. Styles allow inline because CodeMirror and React style attributes need it.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The dev-server variant: Vite's React refresh preamble is an inline script and HMR uses a websocket. */
export function devRendererCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${devOrigin} ${ws}`);
}

/** Headers every UI document carries. */
export function documentHeaders(csp: string = RENDERER_CSP): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}
