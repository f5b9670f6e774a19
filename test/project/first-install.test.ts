/**
 * A first `npm install` is quiet about install scripts: every package with one is either
 * allowed or deliberately declined in package.json's `allowScripts` (better-sqlite3 ships
 * prebuilt Node-API binaries, so its default `node-gyp rebuild` must not run; esbuild's
 * platform binary comes as an optional dependency). Checked with the real npm, offline and
 * dry-run, so nothing is changed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });

describe('first install', () => {
  it.skipIf(npm.status !== 0)('prints no install-scripts warning', () => {
    const r = spawnSync('npm', ['install', '--dry-run', '--offline', '--no-audit', '--no-fund'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).not.toMatch(/install-scripts|not yet covered by allowScripts/);
  }, 130_000);
});
