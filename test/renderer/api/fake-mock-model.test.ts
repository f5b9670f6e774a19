import { describe, expect, it } from 'vitest';
import { planMockReply } from '../../../renderer/src/api/fake-mock-model';
import type { AssistantTool } from '../../../electron/contract/objects';

const tools: AssistantTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'] } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
];
const plan = (userText: string, extra: Partial<Parameters<typeof planMockReply>[0]> = {}) => planMockReply({ userText, tools, toolChoice: 'auto', parallel: true, toolOutputs: null, ...extra });

describe('fake mock model (DESIGN.md contract)', () => {
  it('calls named functions in order of appearance with coerced arguments and defaults', () => {
    expect(plan('get_time then get_weather city="New York" days=3')).toEqual({
      kind: 'calls',
      delayMs: 0,
      calls: [
        { name: 'get_time', arguments: '{}' },
        { name: 'get_weather', arguments: '{"city":"New York","days":3,"unit":"c"}' },
      ],
    });
    expect(plan('get_time get_weather', { parallel: false })).toMatchObject({ calls: [{ name: 'get_time' }] });
    expect(plan('get_weather', { toolChoice: 'none' })).toMatchObject({ kind: 'text', text: 'Echo: get_weather' });
  });

  it('echoes, replies after outputs, and honours directives', () => {
    expect(plan('hi')).toMatchObject({ kind: 'text', text: 'Echo: hi' });
    expect(plan('x', { toolOutputs: [{ name: 'get_weather', output: 'sun' }] })).toMatchObject({ text: 'get_weather: sun' });
    expect(plan('slow [mock:delay=1500]')).toMatchObject({ delayMs: 1500 });
    expect(plan('[mock:fail]')).toMatchObject({ kind: 'fail', code: 'server_error' });
  });
});
