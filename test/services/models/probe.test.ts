/** The capability probe against loopback fakes with known limits. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonSecretStore } from '../../../electron/services/secrets/json-secret-store';
import { startFakeOpenAI, type FakeOpenAI, type FakeScript } from '../../helpers/fake-openai';
import { openTestServices, tempDir, type TestServices } from '../../helpers/services';

let fake: FakeOpenAI;
let s: TestServices;

type Msg = { role: string; content: string | null };

/** A model that calls one tool at a time, uses tool results and follows json_schema. */
function singleCallModel(body: Record<string, unknown>): FakeScript {
  const messages = body.messages as Msg[];
  const last = messages.at(-1) as Msg;
  const tool = [...messages].reverse().find((m) => m.role === 'tool');
  if (body.response_format) return { kind: 'text', deltas: ['{"city":"Paris",', '"country":"France"}'] };
  if (tool) return { kind: 'text', deltas: [`The code is ${JSON.parse(tool.content ?? '{}').station_code}.`] };
  if (body.tools && last.role === 'user') return { kind: 'tools', calls: [{ name: 'get_weather', fragments: ['{"city":"Paris"}'] }] };
  return { kind: 'text', deltas: ['ready'] };
}

beforeEach(async () => {
  fake = await startFakeOpenAI();
  fake.models = ['small'];
  const dir = tempDir();
  s = openTestServices({ secrets: new JsonSecretStore(path.join(dir, 'keys.json'), undefined, {}), env: {} }, dir);
  await s.api.providers.save({ name: 'local', base_url: fake.baseUrl });
});
afterEach(async () => {
  await s.dispose();
  await fake.close();
});

describe('capability probe', () => {
  it('verifies what a one-call-at-a-time model does and reports parallel calls as not claimed', async () => {
    fake.handler = singleCallModel;
    const result = await s.api.models.probe('local/small');
    const verdicts = Object.fromEntries(Object.entries(result.checks).map(([k, v]) => [k, v.verdict]));
    expect(verdicts).toEqual({
      streaming: 'verified',
      tool_call: 'verified',
      schema_valid_arguments: 'verified',
      tool_results_honoured: 'verified',
      parallel_tool_calls: 'not_claimed',
      json_schema_output: 'verified',
    });
    const listed = (await s.api.models.list()).find((m) => m.id === 'local/small');
    expect(listed?.probe?.checks.parallel_tool_calls.verdict).toBe('not_claimed');
  });

  it('fails the checks a model gets wrong: bad arguments, ignored results, text instead of JSON', async () => {
    fake.handler = (body) => {
      const messages = body.messages as Msg[];
      if (body.tools && messages.at(-1)?.role === 'user' && !messages.some((m) => m.role === 'tool')) {
        return { kind: 'tools', interleave: true, calls: [{ name: 'get_weather', fragments: ['{"town":', '1}'] }, { name: 'get_weather', fragments: ['{"city":"Tokyo"}'] }] };
      }
      return { kind: 'text', deltas: ['I do not know.'] };
    };
    const { checks } = await s.api.models.probe('local/small');
    expect(checks.tool_call.verdict).toBe('verified');
    expect(checks.schema_valid_arguments.verdict).toBe('failed');
    expect(checks.tool_results_honoured.verdict).toBe('failed');
    expect(checks.parallel_tool_calls.verdict).toBe('verified');
    expect(checks.json_schema_output.verdict).toBe('failed');
  });

  it('reports a model that never calls tools as not claiming them, and an unreachable model as failed', async () => {
    fake.handler = () => ({ kind: 'text', deltas: ['Sure, it is sunny.'] });
    const quiet = await s.api.models.probe('local/small');
    expect(quiet.checks.tool_call.verdict).toBe('not_claimed');
    expect(quiet.checks.streaming.verdict).toBe('verified');

    fake.handler = () => ({ kind: 'status', status: 404, error: { message: 'model not found' } });
    const missing = await s.api.models.probe('local/nope');
    expect(missing.checks.streaming.verdict).toBe('failed');
    expect(missing.error).toContain("does not know the model 'nope'");
    await expect(s.api.models.probe('elsewhere/x')).rejects.toThrow(/configured provider/);
  });
});
