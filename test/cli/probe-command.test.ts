/** `runlens probe`: the capability probe from the command line against a loopback provider fake. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/cli/dispatch';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai';
import { tempDir } from '../helpers/services';

let fake: FakeOpenAI;
let dir: string;

beforeEach(async () => {
  fake = await startFakeOpenAI();
  dir = tempDir();
});
afterEach(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return dispatch([...args, '--db', path.join(dir, 'runlens.db')], { RUNLENS_DATA_DIR: dir }, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err }));
}

describe('runlens probe', () => {
  it('prints each verdict for a model of a --config provider that answers only in text', async () => {
    fake.handler = () => ({ kind: 'text', deltas: ['Plain', ' text.'] });
    const config = path.join(dir, 'workspace.json');
    fs.writeFileSync(config, JSON.stringify({ providers: { local: { base_url: fake.baseUrl } } }));
    const r = await run(['probe', 'local/small', '--config', config]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^verified\s+streaming\s+2 streamed deltas/);
    expect(r.out.find((l) => l.includes('single tool call'))).toMatch(/^not claimed/);
    expect(r.out.find((l) => l.includes('json_schema output'))).toMatch(/^failed/);
    expect(fake.chats().length).toBeGreaterThanOrEqual(4);
  });

  it('exits 1 with one line for a model of no configured provider, or a provider that refuses', async () => {
    const missing = await run(['probe', 'nowhere/model']);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('configured provider');
    fake.handler = () => ({ kind: 'status', status: 401 });
    const config = path.join(dir, 'workspace.json');
    fs.writeFileSync(config, JSON.stringify({ providers: { local: { base_url: fake.baseUrl } } }));
    const refused = await run(['probe', 'local/small', '--config', config, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out.join('\n')).checks.streaming.verdict).toBe('failed');
    expect(refused.err.at(-1)).toContain("Provider 'local' refused the API key (401");
  });
});
