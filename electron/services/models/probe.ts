/**
 * The capability probe: a small fixed conversation against one model that answers, in
 * seconds, what a developer needs to know before building on it — does it stream, call a
 * tool, call several at once, produce arguments that fit the schema, use tool results, and
 * honour a json_schema response format. Each check is verified, failed (tried and got it
 * wrong, or errored), or not claimed (the model did not even try).
 */
import type { FunctionDefinition } from '../../contract/objects';
import { PROBE_CHECKS, type ProbeCheck, type ProbeResult, type ProbeVerdict } from '../../contract/providers';
import { validateArguments } from '../tools/argument-validator';
import type { ChatMessage, ModelBackend, ModelRequest } from './model';

const WEATHER: FunctionDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name, e.g. Paris' } }, required: ['city'], additionalProperties: false },
};
const CITY_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, country: { type: 'string' } },
  required: ['city', 'country'],
  additionalProperties: false,
};
/** A fact the model can only know from the tool result. */
const SECRET = 'ZX-4217';

interface Collected {
  text: string;
  deltas: number;
  calls: Array<{ id: string; name: string; arguments: string }>;
}

function request(model: string, messages: ChatMessage[], extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model,
    instructions: 'You are being tested by an automated capability probe. Follow the instructions exactly.',
    messages,
    tools: [],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    temperature: 0,
    top_p: null,
    max_completion_tokens: 300,
    response_format: null,
    ...extra,
  };
}

async function collect(backend: ModelBackend, req: ModelRequest, timeoutMs: number): Promise<Collected> {
  const signal = AbortSignal.timeout(timeoutMs);
  const out: Collected = { text: '', deltas: 0, calls: [] };
  for await (const chunk of backend.generate(req, signal)) {
    if (chunk.type === 'text') {
      out.text += chunk.delta;
      out.deltas++;
    } else if (chunk.type === 'tool_call') {
      if (chunk.id !== undefined && !out.calls[chunk.index]) out.calls[chunk.index] = { id: chunk.id, name: chunk.name ?? '', arguments: chunk.arguments };
      else if (out.calls[chunk.index]) out.calls[chunk.index].arguments += chunk.arguments;
    }
  }
  return out;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs every check against `model` through `backend`; never throws. */
export async function probeModel(backend: ModelBackend, model: string, options: { timeoutMs?: number; now?: () => number } = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const checks = Object.fromEntries(PROBE_CHECKS.map((c) => [c, { verdict: 'not_claimed' as ProbeVerdict, detail: 'Not reached.' }])) as ProbeResult['checks'];
  const set = (c: ProbeCheck, verdict: ProbeVerdict, detail: string) => (checks[c] = { verdict, detail });
  const result: ProbeResult = { model, probed_at: Math.floor((options.now ?? Date.now)() / 1000), checks, error: null };

  // 1. Plain streaming: the whole probe stops if the model cannot answer at all.
  try {
    const r = await collect(backend, request(model, [{ role: 'user', content: 'Reply with exactly the word: ready' }]), timeoutMs);
    if (r.text.trim()) set('streaming', 'verified', `${r.deltas} streamed delta${r.deltas === 1 ? '' : 's'}: "${r.text.trim().slice(0, 60)}"`);
    else set('streaming', 'failed', 'The stream finished without any text.');
  } catch (error) {
    set('streaming', 'failed', errorText(error));
    result.error = errorText(error);
    for (const c of PROBE_CHECKS.slice(1)) set(c, 'not_claimed', 'Skipped: the model did not answer a plain request.');
    return result;
  }

  // 2-4. A single tool call, its arguments, and whether the result is used.
  const ask: ChatMessage = { role: 'user', content: 'What is the weather in Paris right now? Use the get_weather tool.' };
  try {
    const r = await collect(backend, request(model, [ask], { tools: [WEATHER], parallel_tool_calls: false }), timeoutMs);
    const call = r.calls.find((c) => c.name === 'get_weather');
    if (!call) {
      const why = r.calls.length > 0 ? `It called '${r.calls[0].name}' instead.` : `It answered in text: "${r.text.trim().slice(0, 80)}"`;
      set('tool_call', r.calls.length > 0 ? 'failed' : 'not_claimed', `No get_weather call. ${why}`);
      set('schema_valid_arguments', 'not_claimed', 'No tool call to check.');
      set('tool_results_honoured', 'not_claimed', 'No tool call to answer.');
    } else {
      set('tool_call', 'verified', `get_weather(${call.arguments})`);
      const errors = validateArguments(WEATHER, call.arguments);
      if (errors) set('schema_valid_arguments', 'failed', errors.join('; '));
      else set('schema_valid_arguments', 'verified', 'The arguments validate against the schema.');
      try {
        const follow = await collect(
          backend,
          request(
            model,
            [
              ask,
              { role: 'assistant', content: null, tool_calls: [call] },
              { role: 'tool', tool_call_id: call.id, name: call.name, content: JSON.stringify({ city: 'Paris', summary: 'light rain, 17 °C', station_code: SECRET }) },
              { role: 'user', content: 'Quote the station_code the tool returned.' },
            ],
            { tools: [WEATHER] },
          ),
          timeoutMs,
        );
        if (follow.text.includes(SECRET)) set('tool_results_honoured', 'verified', `The reply quotes ${SECRET} from the tool result.`);
        else set('tool_results_honoured', 'failed', `The reply does not use the tool result: "${follow.text.trim().slice(0, 80)}"`);
      } catch (error) {
        set('tool_results_honoured', 'failed', errorText(error));
      }
    }
  } catch (error) {
    set('tool_call', 'failed', errorText(error));
    set('schema_valid_arguments', 'not_claimed', 'No tool call to check.');
    set('tool_results_honoured', 'not_claimed', 'No tool call to answer.');
  }

  // 5. Parallel tool calls in one response.
  try {
    const r = await collect(
      backend,
      request(model, [{ role: 'user', content: 'Get the weather for Paris and for Tokyo. Call get_weather twice, in parallel, in this one response.' }], { tools: [WEATHER], parallel_tool_calls: true }),
      timeoutMs,
    );
    const n = r.calls.filter((c) => c.name === 'get_weather').length;
    if (n >= 2) set('parallel_tool_calls', 'verified', `${n} calls in one response.`);
    else set('parallel_tool_calls', 'not_claimed', n === 1 ? 'Only one call per response.' : 'No tool call at all.');
  } catch (error) {
    set('parallel_tool_calls', 'failed', errorText(error));
  }

  // 6. json_schema output.
  try {
    const r = await collect(
      backend,
      request(model, [{ role: 'user', content: 'Give the city Paris and its country as JSON.' }], {
        response_format: { type: 'json_schema', json_schema: { name: 'city_info', schema: CITY_SCHEMA, strict: true } },
      }),
      timeoutMs,
    );
    const errors = validateArguments({ name: 'city_info', parameters: CITY_SCHEMA }, r.text);
    if (errors) set('json_schema_output', 'failed', `${errors.join('; ')} — got "${r.text.trim().slice(0, 80)}"`);
    else set('json_schema_output', 'verified', r.text.trim().slice(0, 80));
  } catch (error) {
    set('json_schema_output', 'failed', errorText(error));
  }
  return result;
}

/** Human names of the checks, for the command line. */
export const CHECK_TEXT: Record<ProbeCheck, string> = {
  streaming: 'streaming',
  tool_call: 'single tool call',
  parallel_tool_calls: 'parallel tool calls',
  schema_valid_arguments: 'schema-valid arguments',
  tool_results_honoured: 'tool results honoured',
  json_schema_output: 'json_schema output',
};

/** A one-word summary for badges: `6/6`, or the count verified of six. */
export function probeSummary(result: ProbeResult): string {
  const verified = PROBE_CHECKS.filter((c) => result.checks[c].verdict === 'verified').length;
  return `${verified}/${PROBE_CHECKS.length}`;
}
