/**
 * The `app://runlens/` scheme: serves the built renderer from disk with the UI's CSP, so the
 * window never loads file:// URLs and its documents carry real security headers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { documentHeaders } from '../services/http/bridge/csp';
import { contentTypeOf, resolveStaticFile } from '../services/http/bridge/static-ui';
import { APP_HOST, APP_SCHEME } from './app-url';

/** Must run before `app.whenReady()`: gives the scheme an origin, fetch and a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** The response for one `app://` request: a file of the build, index.html for page paths, else 404. */
export async function appProtocolResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  let file = resolveStaticFile(rendererDir, url.pathname);
  if (file === null && path.posix.extname(url.pathname) === '') file = resolveStaticFile(rendererDir, '/index.html');
  if (file === null) return new Response('Not found', { status: 404 });
  const body = await fs.promises.readFile(file);
  const headers: Record<string, string> = { 'content-type': contentTypeOf(file), 'x-content-type-options': 'nosniff' };
  return new Response(body, { headers: file.endsWith('.html') ? { ...headers, ...documentHeaders() } : headers });
}

/** After ready: answers the scheme from `rendererDir`. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, rendererDir));
}
