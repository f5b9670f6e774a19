/**
 * The built-in deterministic `mock` model (DESIGN.md, "Built-in offline model mock").
 * Same input, same output: function calls come from whole-word names in the newest user
 * message, arguments from `key=value` pairs, and `[mock:…]` directives rehearse faults.
 */
import type { FunctionDefinition } from '../../contract/objects';
import { abortableSleep } from '../abortable-sleep';
import { builtinReply, fencedPython } from './mock-builtin-reply';
import { countTokens, ModelError, requestText, type ChatMessage, type ModelBackend, type ModelChunk, type ModelRequest } from './model';

export interface MockDirectives {
  fail: boolean;
  rateLimit: boolean;
  delayMs: number;
  incomplete: boolean;
  badArgs: boolean;
  /** `[mock:args={...}]`: the first called function's arguments, exactly this text. */
  args: string | null;
}

/**
 * Finds `[mock:args=<JSON>]` and returns the JSON text (braces balanced, strings respected)
 * and the message without the directive; null when there is none.
 */
export function extractArgsDirective(text: string): { json: string; rest: string } | null {
  const start = text.indexOf('[mock:args=');
  if (start < 0) return null;
  const from = start + '[mock:args='.length;
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) {
        // the directive's own closing bracket: a scalar or unbalanced value
        return { json: text.slice(from, i), rest: text.slice(0, start) + text.slice(i + 1) };
      }
      depth--;
      if (depth === 0 && text[i + 1] === ']') return { json: text.slice(from, i + 1), rest: text.slice(0, start) + text.slice(i + 2) };
    }
  }
  return null;
}

/** Reads the `[mock:…]` directives of a user message. */
export function parseDirectives(text: string): MockDirectives {
  const extracted = extractArgsDirective(text);
  const d: MockDirectives = { fail: false, rateLimit: false, delayMs: 0, incomplete: false, badArgs: false, args: extracted?.json ?? null };
  for (const m of (extracted?.rest ?? text).matchAll(/\[mock:([a-z_]+)(?:=(\d+))?\]/g)) {
    if (m[1] === 'fail') d.fail = true;
    else if (m[1] === 'rate_limit') d.rateLimit = true;
    else if (m[1] === 'delay' && m[2] !== undefined) d.delayMs += Number(m[2]);
    else if (m[1] === 'incomplete') d.incomplete = true;
    else if (m[1] === 'bad_args') d.badArgs = true;
  }
  return d;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Index of the first whole-word occurrence of `name` in `text`, or -1. */
export function wholeWordIndex(text: string, name: string): number {
  const m = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(name)}(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index : -1;
}

/** `key=value` and `key="quoted value"` pairs, first occurrence wins. */
export function parsePairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_.-]*)=(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s,;]+(?:,[^\s,;]+)*))/g)) {
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4];
    if (!pairs.has(m[1])) pairs.set(m[1], value);
  }
  return pairs;
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; default?: unknown; enum?: unknown[]; items?: JsonSchema };

function schemaType(schema: JsonSchema): string {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.enum && schema.enum.length > 0) return typeof schema.enum[0] === 'number' ? 'number' : typeof schema.enum[0];
  return 'string';
}

function emptyOf(type: string): unknown {
  switch (type) {
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return '';
  }
}

/** Coerces a raw `value` to the schema's type; unparsable numbers become 0, like an empty value. */
export function coerce(raw: string, schema: JsonSchema): unknown {
  const type = schemaType(schema);
  switch (type) {
    case 'integer': {
      const n = Number.parseInt(raw, 10);
      return Number.isNaN(n) ? 0 : n;
    }
    case 'number': {
      const n = Number(raw);
      return Number.isNaN(n) ? 0 : n;
    }
    case 'boolean':
      return /^(true|yes|1|on)$/i.test(raw);
    case 'array': {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // fall through to a comma list
      }
      const items = raw.split(',').filter((s) => s.length > 0);
      return schema.items ? items.map((s) => coerce(s, schema.items as JsonSchema)) : items;
    }
    case 'object':
      try {
        const parsed: unknown = JSON.parse(raw);
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
      } catch {
        return {};
      }
    default:
      return raw;
  }
}

/** The arguments object the mock passes to a function, from the message's pairs. */
export function buildArguments(fn: FunctionDefinition, pairs: Map<string, string>): Record<string, unknown> {
  const schema = (fn.parameters ?? {}) as JsonSchema;
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const args: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(properties)) {
    const raw = pairs.get(key);
    if (raw !== undefined) args[key] = coerce(raw, prop);
    else if (required.has(key)) {
      if (prop.default !== undefined) args[key] = prop.default;
      else if (prop.enum && prop.enum.length > 0) args[key] = prop.enum[0];
      else args[key] = emptyOf(schemaType(prop));
    }
  }
  return args;
}

/** Which functions the mock calls for message `u`, honouring tool_choice and parallel_tool_calls. */
export function chooseCalls(request: ModelRequest, u: string): FunctionDefinition[] {
  const choice = request.tool_choice;
  if (choice === 'none' || request.tools.length === 0) return [];
  if (typeof choice === 'object' && (choice.type !== 'function' || choice.function)) {
    const wanted = choice.type === 'function' ? choice.function?.name : choice.type;
    const named = request.tools.find((t) => t.name === wanted);
    return named ? [named] : [];
  }
  const fence = fencedPython(u);
  let found = request.tools
    .map((fn) => ({ fn, at: fn.name === 'code_interpreter' && fence && wholeWordIndex(u, fn.name) < 0 ? fence.at : wholeWordIndex(u, fn.name) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.fn);
  if (found.length === 0 && choice === 'required') found = [request.tools[0]];
  return request.parallel_tool_calls ? found : found.slice(0, 1);
}

/** Splits text into words with their trailing spaces, so the deltas join back exactly. */
export function words(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

/** Splits a string into `n` roughly equal fragments (at least one). */
export function fragments(s: string, n = 3): string[] {
  if (s.length <= 1) return [s];
  const size = Math.ceil(s.length / Math.min(n, s.length));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

function newestUser(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'user') return m.content;
  }
  return '';
}

/** Tool results after the last assistant tool_calls message, with their function names. */
function trailingToolResults(messages: ChatMessage[]): Array<{ name: string; output: string }> {
  const results: Array<{ name: string; output: string }> = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role !== 'tool') break;
    results.unshift({ name: m.name, output: m.content });
  }
  return results;
}

let callCounter = 0;
/** Call ids look like OpenAI's (`call_` + 24 characters) and are unique per process. */
export function newCallId(): string {
  callCounter = (callCounter + 1) % 1_000_000;
  const rand = Math.random().toString(36).slice(2, 14).padEnd(12, '0');
  return `call_${rand}${Date.now().toString(36).slice(-6)}${callCounter.toString(36).padStart(6, '0')}`;
}

export class MockModel implements ModelBackend {
  readonly name = 'mock';
  /** Same input, same output: an interrupted round is simply asked again. */
  readonly reissuable = true;

  handles(model: string): boolean {
    return model === 'mock' || model.startsWith('mock-');
  }

  async *generate(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelChunk> {
    const message = newestUser(request.messages);
    const d = parseDirectives(message);
    // the args directive's JSON must not name functions or give key=value pairs itself
    const u = d.args !== null ? (extractArgsDirective(message)?.rest ?? message) : message;
    if (d.delayMs > 0) await abortableSleep(d.delayMs, signal);
    if (d.fail) throw new ModelError('server_error', 'The mock model failed as asked by [mock:fail].');
    if (d.rateLimit) throw new ModelError('rate_limit_exceeded', 'Rate limit reached for model mock ([mock:rate_limit]).');
    const promptTokens = countTokens(requestText(request));

    const results = trailingToolResults(request.messages);
    const calls = results.length > 0 ? [] : chooseCalls(request, u);
    if (calls.length > 0) {
      const pairs = parsePairs(u);
      const fence = fencedPython(u);
      if (fence && !pairs.has('code')) pairs.set('code', fence.code);
      if (!pairs.has('query') && calls.some((c) => c.name === 'file_search')) pairs.set('query', u.replace(/\[mock:[^\]]*\]/g, '').replace(/\bfile_search\b/g, '').trim());
      let completion = 0;
      for (const [index, fn] of calls.entries()) {
        signal.throwIfAborted();
        const json = index === 0 && d.args !== null ? d.args : JSON.stringify(buildArguments(fn, pairs));
        const args = d.badArgs ? json.slice(0, Math.max(1, json.length - 1)) + ',' : json;
        completion += countTokens(fn.name + args);
        yield { type: 'tool_call', index, id: newCallId(), name: fn.name, arguments: '' };
        for (const part of fragments(args)) yield { type: 'tool_call', index, arguments: part };
      }
      yield { type: 'finish', reason: 'tool_calls', usage: { prompt_tokens: promptTokens, completion_tokens: completion } };
      return;
    }

    const builtin = results.some((r) => r.name === 'file_search' || r.name === 'code_interpreter') ? builtinReply(results) : null;
    const text = builtin ? builtin.text : results.length > 0 ? results.map((r) => `${r.name}: ${r.output}`).join('\n') : `Echo: ${message}`;
    let parts = words(text);
    if (d.incomplete) parts = parts.slice(0, Math.max(1, Math.ceil(parts.length / 2)));
    for (const part of parts) {
      signal.throwIfAborted();
      yield { type: 'text', delta: part };
    }
    if (builtin && !d.incomplete) for (const annotation of builtin.annotations) yield { type: 'annotation', annotation };
    yield {
      type: 'finish',
      reason: d.incomplete ? 'length' : 'stop',
      usage: { prompt_tokens: promptTokens, completion_tokens: countTokens(parts.join('')) },
    };
  }
}
