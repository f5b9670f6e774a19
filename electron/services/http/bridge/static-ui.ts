/**
 * Serves the built renderer (`out/renderer`) to logged-in browsers: files as they are, the
 * HTML with the UI's CSP, and index.html for any other page path so the UI can route.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { documentHeaders } from './csp';
import { NOTICE_CSP, NOT_BUILT_PAGE } from './notice-page';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file by its extension. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Where the built renderer is: RUNLENS_RENDERER_DIR, else `out/renderer` under the nearest
 * folder (upwards from this file) that has a package.json — the repo root both from source
 * (tsx) and from the bundled main process.
 */
export function defaultRendererDir(env: NodeJS.ProcessEnv = process.env, from: string = import.meta.dirname): string {
  if (env.RUNLENS_RENDERER_DIR) return path.resolve(env.RUNLENS_RENDERER_DIR);
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('out', 'renderer');
    dir = parent;
  }
  return path.join(dir, 'out', 'renderer');
}

/** The file a URL path names inside `root`, or null when it escapes `root` or does not exist. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

// Files are read whole (they are small): a piped stream left unread by a client would hold the server's close().
async function sendDocument(reply: FastifyReply, file: string): Promise<FastifyReply> {
  return reply.headers({ ...documentHeaders(), 'content-type': 'text/html; charset=utf-8' }).send(await fs.promises.readFile(file));
}

/** Sends `out/renderer/index.html` with the document headers, or the "not built" page. */
export async function sendIndex(reply: FastifyReply, root: string): Promise<FastifyReply> {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    return reply.code(503).headers({ ...documentHeaders(NOTICE_CSP), 'content-type': 'text/html; charset=utf-8' }).send(NOT_BUILT_PAGE);
  }
  return sendDocument(reply, index);
}

/**
 * Sends the file for a UI path: an existing file as it is (hashed assets cached for good),
 * a path without an extension as the app's index.html, anything else as null (not found).
 */
export async function sendUiPath(reply: FastifyReply, root: string, urlPath: string): Promise<FastifyReply | null> {
  const file = resolveStaticFile(root, urlPath);
  if (file === null) return path.posix.extname(urlPath.split('?')[0]) === '' ? sendIndex(reply, root) : null;
  const ext = path.extname(file).toLowerCase();
  if (ext === '.html') return sendDocument(reply, file);
  const immutable = file.startsWith(path.join(root, 'assets') + path.sep);
  return reply
    .headers({
      'content-type': contentTypeOf(file),
      'x-content-type-options': 'nosniff',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
    .send(await fs.promises.readFile(file));
}
