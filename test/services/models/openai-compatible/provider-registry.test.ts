/** Where providers come from (settings, workspace config, environment) and how they are checked. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWorkspaceConfigText } from '../../../../electron/services/config/workspace-config';
import { applyConfigProviders } from '../../../../electron/services/models/openai-compatible/config-providers';
import { JsonSecretStore } from '../../../../electron/services/secrets/json-secret-store';
import { startFakeOpenAI } from '../../../helpers/fake-openai';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../../../helpers/services';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

function open(env: Record<string, string> = {}) {
  const dir = tempDir();
  s = openTestServices({ secrets: new JsonSecretStore(path.join(dir, 'keys.json'), undefined, env), env }, dir);
  return s;
}

describe('provider registry', () => {
  it('gives a default openai provider from OPENAI_API_KEY / OPENAI_BASE_URL', async () => {
    const x = open({ OPENAI_API_KEY: 'sk-from-env-123456', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/' });
    expect(await x.api.providers.list()).toEqual([{ name: 'openai', base_url: 'http://127.0.0.1:9/v1', preset: 'openai', source: 'env', has_key: true, editable: true }]);
    expect(await x.liveModels.registry.key('openai')).toBe('sk-from-env-123456');
    await expect(x.api.providers.remove('openai')).rejects.toThrow(/OPENAI_API_KEY/);
  });

  it('stores settings providers with the key in the secret store only, and refuses bad input unchanged', async () => {
    const x = open();
    await x.api.providers.save({ name: 'local', base_url: 'http://127.0.0.1:11434/v1', preset: 'ollama', api_key: 'sk-secret-abcdef' });
    const listed = await x.api.providers.list();
    expect(listed).toEqual([{ name: 'local', base_url: 'http://127.0.0.1:11434/v1', preset: 'ollama', source: 'settings', has_key: true, editable: true }]);
    expect(JSON.stringify(listed)).not.toContain('sk-secret');
    await expect(x.api.providers.save({ name: 'bad name', base_url: 'http://x' })).rejects.toThrow(/Invalid provider name/);
    await expect(x.api.providers.save({ name: 'ok', base_url: 'ftp://host' })).rejects.toThrow(/only http and https/);
    await expect(x.api.providers.save({ name: 'mock', base_url: 'http://127.0.0.1:1/v1' })).rejects.toThrow(/built-in model/);
    expect((await x.api.providers.list()).map((p) => p.name)).toEqual(['local']);
    await x.api.providers.save({ name: 'local', base_url: 'http://127.0.0.1:11434/v1', api_key: '' });
    expect((await x.api.providers.list())[0].has_key).toBe(false);
    await x.api.providers.remove('local');
    expect(await x.api.providers.list()).toEqual([]);
  });

  it('takes the workspace config providers with their references resolved, and they win over settings', async () => {
    const x = open({ LOCAL_KEY: 'sk-config-key-777' });
    await x.api.providers.save({ name: 'local', base_url: 'http://127.0.0.1:1/v1' });
    const raw = parseWorkspaceConfigText(JSON.stringify({ providers: { local: { base_url: 'http://127.0.0.1:11434/v1', api_key: '${env:LOCAL_KEY}' }, other: { base_url: 'http://127.0.0.1:2/v1', api_key: '${env:MISSING}' } } }));
    const problems = await applyConfigProviders(x.liveModels.registry, raw, { env: { LOCAL_KEY: 'sk-config-key-777' } });
    expect(problems).toEqual([expect.stringContaining('MISSING')]);
    const list = await x.api.providers.list();
    expect(list.map((p) => [p.name, p.base_url, p.source, p.has_key, p.editable])).toEqual([
      ['local', 'http://127.0.0.1:11434/v1', 'config', true, false],
      ['other', 'http://127.0.0.1:2/v1', 'config', false, false],
    ]);
    expect(await x.liveModels.registry.key('local')).toBe('sk-config-key-777');
    await expect(x.api.providers.save({ name: 'local', base_url: 'http://127.0.0.1:3/v1' })).rejects.toThrow(/workspace config/);
  });

  it('applies the providers of a config imported in the app at once: listed, runnable, and gone again with the next import', async () => {
    const fake = await startFakeOpenAI();
    try {
      fake.models = ['tiny'];
      fake.requiredKey = 'sk-imported-4242';
      const x = open({ IMPORTED_KEY: 'sk-imported-4242' });
      expect((await x.api.models.list()).some((m) => m.id === 'later/tiny')).toBe(false);
      const info = await x.api.workspace.importConfig(JSON.stringify({ providers: { later: { base_url: fake.baseUrl, api_key: '${env:IMPORTED_KEY}' } } }));
      expect(info).toMatchObject({ source: 'app', problem: null });
      expect((await x.api.providers.list()).map((p) => [p.name, p.source, p.has_key])).toEqual([['later', 'config', true]]);
      expect((await x.api.models.list()).map((m) => m.id)).toContain('later/tiny');
      const a = x.runtime.createAssistant({ model: 'later/tiny' });
      const t = x.runtime.createThread({ messages: [{ role: 'user', content: 'hi' }] });
      const run = await waitForStatus(x, x.runtime.createRun(t.id, { assistant_id: a.id }).run, ['completed', 'failed']);
      expect(run.status).toBe('completed');
      expect(fake.received.at(-1)?.headers.authorization).toBe('Bearer sk-imported-4242');

      await x.api.workspace.importConfig('{}');
      expect(await x.api.providers.list()).toEqual([]);
      expect((await x.api.models.list()).some((m) => m.id.startsWith('later/'))).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('lists an unreachable provider with the reason instead of failing the model list', async () => {
    const x = open();
    await x.api.providers.save({ name: 'gone', base_url: 'http://127.0.0.1:9/v1' });
    const models = await x.api.models.list();
    expect(models[0].id).toBe('mock');
    expect(models.find((m) => m.provider === 'gone')).toMatchObject({ unavailable: true, description: expect.stringContaining("Provider 'gone' did not list its models") });
    expect(await x.api.providers.test('gone')).toMatchObject({ ok: false });
  });
});
