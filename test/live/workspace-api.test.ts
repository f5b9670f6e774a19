/**
 * The workspace config through the app's API (import, export, secrets, live handlers checked
 * before they are stored) and through `npm run serve -- --config FILE`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestServices, tempDir, type TestServices } from '../helpers/services';
import { FileSecretStore } from '../../electron/services/secrets/file-secret-store';
import { startServe } from '../v1/serve-process';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

describe('workspace config in the app', () => {
  it('imports a file (refusing bad ones by JSON path, nothing changed), exports it with references only, and keeps it across restarts', async () => {
    const dir = tempDir();
    const secrets = new FileSecretStore(dir, {});
    s = openTestServices({ secrets, env: { HOOK_KEY: 'hk-1' } }, dir);
    expect(await s.api.workspace.config()).toMatchObject({ source: 'none', text: '{}\n' });
    await expect(s.api.workspace.importConfig('{"tools":{"w":{"handler":"webhook","url":"nope"}}}')).rejects.toThrow('$.tools.w.url: is not a valid URL: "nope"');
    await expect(s.api.workspace.importConfig('{"tools":{"w":{"handler":"webhook","url":"http://h","headers":{"K":"${secret:missing}"}}}}')).rejects.toThrow(/\$\.tools\.w\.headers\.K: no secret named 'missing'/);
    expect(await s.api.workspace.config()).toMatchObject({ source: 'none' });

    await s.api.workspace.setSecret('hook_token', 'tok-secret-9');
    expect(await s.api.workspace.hasSecret('hook_token')).toBe(true);
    const text = JSON.stringify({ tools: { w: { handler: 'webhook', url: 'http://127.0.0.1:9/w', headers: { Authorization: 'Bearer ${secret:hook_token}', 'X-Env': '${env:HOOK_KEY}' } } } });
    const info = await s.api.workspace.importConfig(text);
    expect(info).toMatchObject({ source: 'app', problem: null });
    const exported = await s.api.workspace.exportConfig();
    expect(JSON.parse(exported)).toEqual(JSON.parse(text));
    expect(exported).not.toContain('tok-secret-9');
    const stored = JSON.stringify(s.runtime['store'].db.prepare('SELECT * FROM settings').all());
    expect(stored).not.toContain('tok-secret-9');
    expect(stored).not.toContain('hk-1');

    await s.close();
    s = openTestServices({ secrets, env: { HOOK_KEY: 'hk-1' } }, dir);
    expect(JSON.parse((await s.api.workspace.config()).text)).toEqual(JSON.parse(text));
  });

  it('checks a live handler before storing it: JSON path of the problem, no secret in clear', async () => {
    s = openTestServices();
    const a = s.runtime.createAssistant({ model: 'mock', tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] });
    await expect(s.api.handlers.set(a.id, 'f', { mode: 'live', live: { handler: 'webhook', url: 'ftp://x' } })).rejects.toThrow('$.live.url: must be an http:// or https:// URL');
    await expect(s.api.handlers.set(a.id, 'f', { mode: 'live', live: { handler: 'webhook', url: 'http://x', headers: { Authorization: 'Bearer abc123' } } })).rejects.toThrow(
      /\$\.live\.headers\.Authorization: store the secret/,
    );
    await expect(s.api.handlers.set(a.id, 'f', { mode: 'live', live: { handler: 'mcp', server: 'none' } })).rejects.toThrow(/\$\.live\.server: names no server/);
    await expect(s.api.handlers.set(a.id, 'f', { mode: 'live' })).rejects.toThrow(/needs its settings/);
    expect((await s.api.handlers.list(a.id))[0]).toMatchObject({ mode: 'manual', source: 'default' });
    const ok = await s.api.handlers.set(a.id, 'f', { mode: 'live', live: { handler: 'webhook', url: 'http://x', headers: { Authorization: 'Bearer ${secret:k}' }, approval: 'ask' } });
    expect(ok).toMatchObject({ mode: 'live', source: 'assistant', live: { approval: 'ask' } });
  });

  it('thread metadata holds the tenant values and keeps the title', async () => {
    s = openTestServices();
    const t = await s.api.threads.create({ title: 'Acme' });
    const next = await s.api.threads.setMetadata(t.id, { customer_id: 'cus_1' });
    expect(next.metadata).toEqual({ customer_id: 'cus_1', title: 'Acme' });
    await expect(s.api.threads.setMetadata(t.id, { customer_id: 'x'.repeat(600) })).rejects.toThrow(/at most 512/);
  });
});

describe('npm run serve -- --config', () => {
  it('refuses a bad file at start with its JSON path, and starts with a good one', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ tools: { w: { handler: 'webhook', url: 'http://h', extra: 1 } } }));
    await expect(startServe({ args: ['--config', bad] })).rejects.toThrow(/runlens serve: workspace config \$\.tools\.w\.extra: unknown key 'extra'/);
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ tools: { w: { handler: 'webhook', url: 'http://127.0.0.1:9/w' } } }));
    const server = await startServe({ env: { RUNLENS_CONFIG: good } });
    try {
      await expect.poll(() => server.output()).toContain(`Workspace config: ${good} (1 tool entry)`);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
