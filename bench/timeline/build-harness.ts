/**
 * Bundles the harness page with esbuild into a temp folder (index.html + harness.js, the
 * theme tokens inlined) and returns its file:// URL.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function buildHarness(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '../..');
  const out = mkdtempSync(path.join(tmpdir(), 'runlens-timeline-'));
  await build({
    entryPoints: [path.join(here, 'harness.tsx')],
    bundle: true,
    outfile: path.join(out, 'harness.js'),
    format: 'iife',
    jsx: 'automatic',
    minify: !process.env.TL_NO_MINIFY,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const tokens = readFileSync(path.join(root, 'renderer/src/styles/tokens.css'), 'utf8');
  writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>RunLens timeline harness</title><style>${tokens}\nbody{margin:0;background:var(--bg);}</style></head><body><div id="root"></div><script src="./harness.js"></script></body></html>`,
  );
  return pathToFileURL(path.join(out, 'index.html')).href;
}
