import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../../electron/contract/objects';
import { ModelError, type ChatMessage, type ModelChunk, type ModelRequest } from '../../../electron/services/models/model';
import { MockModel, parseDirectives } from '../../../electron/services/models/mock-model';

const weather: FunctionDefinition = {
  name: 'get_weather',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      days: { type: 'integer' },
      metric: { type: 'boolean' },
      ratio: { type: 'number' },
      unit: { type: 'string', enum: ['c', 'f'] },
      source: { type: 'string', default: 'noaa' },
      tags: { type: 'array', items: { type: 'string' } },
      note: { type: 'string' },
    },
    required: ['city', 'unit', 'source', 'days'],
  },
};
const time: FunctionDefinition = { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } };
const weatherReport: FunctionDefinition = { name: 'get_weather_report', parameters: { type: 'object', properties: {} } };

function request(u: string, patch: Partial<ModelRequest> = {}, history: ChatMessage[] = []): ModelRequest {
  return {
    model: 'mock',
    instructions: 'be brief',
    messages: [{ role: 'user', content: 'older message get_time' }, ...history, { role: 'user', content: u }],
    tools: [weather, time, weatherReport],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    temperature: 1,
    top_p: 1,
    max_completion_tokens: null,
    response_format: 'auto',
    ...patch,
  };
}

async function collect(req: ModelRequest, signal = new AbortController().signal): Promise<ModelChunk[]> {
  const out: ModelChunk[] = [];
  for await (const c of new MockModel().generate(req, signal)) out.push(c);
  return out;
}

function calls(chunks: ModelChunk[]) {
  const byIndex: Array<{ id: string; name: string; arguments: string; fragments: number }> = [];
  for (const c of chunks) {
    if (c.type !== 'tool_call') continue;
    if (c.id) byIndex[c.index] = { id: c.id, name: c.name ?? '', arguments: c.arguments, fragments: 0 };
    else {
      byIndex[c.index].arguments += c.arguments;
      byIndex[c.index].fragments++;
    }
  }
  return byIndex;
}

function text(chunks: ModelChunk[]): string {
  return chunks.map((c) => (c.type === 'text' ? c.delta : '')).join('');
}

describe('mock model', () => {
  it('echoes the newest user message word by word when no function is named', async () => {
    const chunks = await collect(request('hello  big world'));
    const deltas = chunks.filter((c) => c.type === 'text');
    expect(text(chunks)).toBe('Echo: hello  big world');
    expect(deltas.length).toBe(4);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('calls every function named as a whole word, in order of first appearance', async () => {
    const got = calls(await collect(request('first get_time then get_weather city=Oslo, not get_weather_x')));
    expect(got.map((c) => c.name)).toEqual(['get_time', 'get_weather']);
    // get_weather_report is not named as a whole word inside get_weather_x
    const only = calls(await collect(request('use get_weather_report')));
    expect(only.map((c) => c.name)).toEqual(['get_weather_report']);
  });

  it('coerces key=value and key="quoted value" pairs to the schema types; required defaults, enums, empties', async () => {
    const [call] = calls(await collect(request('get_weather city="New York" metric=true ratio=0.5 tags=a,b note=\'it is\'')));
    expect(JSON.parse(call.arguments)).toEqual({
      city: 'New York',
      days: 0, // required, no default or enum: empty value of its type
      metric: true,
      ratio: 0.5,
      unit: 'c', // required: first enum value
      source: 'noaa', // required: its default
      tags: ['a', 'b'],
      note: 'it is',
    });
    const [sparse] = calls(await collect(request('get_weather days=3')));
    expect(JSON.parse(sparse.arguments)).toEqual({ city: '', days: 3, unit: 'c', source: 'noaa' }); // optional ones left out
  });

  it('streams arguments in several fragments, id and name only in the first chunk', async () => {
    const chunks = await collect(request('get_weather city=Paris'));
    const toolChunks = chunks.filter((c) => c.type === 'tool_call');
    expect(toolChunks[0]).toMatchObject({ index: 0, name: 'get_weather', arguments: '' });
    expect(toolChunks.slice(1).every((c) => c.type === 'tool_call' && c.id === undefined && c.name === undefined)).toBe(true);
    expect(toolChunks.length).toBeGreaterThan(2);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', reason: 'tool_calls' });
  });

  it('honours parallel_tool_calls=false and tool_choice none / required / a named function', async () => {
    const u = 'get_time and get_weather';
    expect(calls(await collect(request(u, { parallel_tool_calls: false }))).map((c) => c.name)).toEqual(['get_time']);
    expect(calls(await collect(request(u, { tool_choice: 'none' })))).toEqual([]);
    expect(text(await collect(request(u, { tool_choice: 'none' })))).toBe(`Echo: ${u}`);
    expect(calls(await collect(request('nothing named', { tool_choice: 'required' }))).map((c) => c.name)).toEqual(['get_weather']);
    expect(calls(await collect(request(u, { tool_choice: { type: 'function', function: { name: 'get_weather_report' } } }))).map((c) => c.name)).toEqual([
      'get_weather_report',
    ]);
  });

  it('after tool outputs it replies one line per call: "<name>: <output>"', async () => {
    const history: ChatMessage[] = [];
    const req = request('get_weather and get_time', {}, history);
    req.messages.push(
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: '{}' }, { id: 'call_2', name: 'get_time', arguments: '{}' }] },
      { role: 'tool', tool_call_id: 'call_1', name: 'get_weather', content: '{"t":20}' },
      { role: 'tool', tool_call_id: 'call_2', name: 'get_time', content: '12:00' },
    );
    expect(text(await collect(req))).toBe('get_weather: {"t":20}\nget_time: 12:00');
  });

  it('counts tokens as ceil(characters / 4)', async () => {
    const chunks = await collect(request('abc'));
    const finish = chunks.at(-1) as Extract<ModelChunk, { type: 'finish' }>;
    expect(finish.usage?.completion_tokens).toBe(Math.ceil('Echo: abc'.length / 4));
    const promptChars = 'be brief'.length + 'older message get_time'.length + 'abc'.length + JSON.stringify([weather, time, weatherReport]).length;
    expect(finish.usage?.prompt_tokens).toBe(Math.ceil(promptChars / 4));
  });

  it('rehearses faults: fail, rate_limit, incomplete, bad_args, delay (abortable)', async () => {
    await expect(collect(request('[mock:fail]'))).rejects.toMatchObject({ code: 'server_error' });
    await expect(collect(request('x [mock:rate_limit]'))).rejects.toBeInstanceOf(ModelError);
    await expect(collect(request('x [mock:rate_limit]'))).rejects.toMatchObject({ code: 'rate_limit_exceeded' });
    const incomplete = await collect(request('[mock:incomplete] one two three four'));
    expect(incomplete.at(-1)).toMatchObject({ type: 'finish', reason: 'length' });
    expect(text(incomplete).length).toBeLessThan('Echo: [mock:incomplete] one two three four'.length);
    const [bad] = calls(await collect(request('get_weather city=X [mock:bad_args]')));
    expect(() => JSON.parse(bad.arguments)).toThrow();
    const controller = new AbortController();
    const pending = collect(request('[mock:delay=60000] slow'), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(parseDirectives('[mock:delay=250] [mock:bad_args]')).toMatchObject({ delayMs: 250, badArgs: true });
  });

  it('is deterministic: the same request gives the same text and arguments', async () => {
    const a = calls(await collect(request('get_weather city=Lyon days=2')));
    const b = calls(await collect(request('get_weather city=Lyon days=2')));
    expect(a.map((c) => [c.name, c.arguments])).toEqual(b.map((c) => [c.name, c.arguments]));
  });

  it('[mock:args={...}] gives the first named function exactly that JSON, uncoerced', async () => {
    const args = '{"city": 42, "unit": "kelvin", "note": "a ] b } c"}';
    const out = calls(await collect(request(`get_weather then get_time zone=UTC city=Paris [mock:args=${args}] [mock:delay=1]`)));
    expect(out.map((c) => c.name)).toEqual(['get_weather', 'get_time']);
    expect(out[0].arguments).toBe(args);
    expect(out[1].arguments).toBe('{"zone":"UTC"}');
    expect(parseDirectives(`x [mock:args=${args}] [mock:delay=5]`)).toMatchObject({ args, delayMs: 5 });
  });

  it('[mock:args=...] names no function itself and keeps even invalid JSON as written', async () => {
    const named = calls(await collect(request('get_time [mock:args={"get_weather": true}]')));
    expect(named.map((c) => [c.name, c.arguments])).toEqual([['get_time', '{"get_weather": true}']]);
    const broken = calls(await collect(request('get_time [mock:args=not json]')));
    expect(broken[0].arguments).toBe('not json');
  });
});
