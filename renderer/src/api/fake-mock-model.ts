/**
 * A small copy of the built-in offline `mock` model (DESIGN.md) for the in-memory fake:
 * enough to drive the UI without the real runtime — echo replies, function calls named in
 * the user message with key=value arguments, replies after tool outputs, and the
 * `[mock:delay=MS]` / `[mock:fail]` / `[mock:bad_args]` directives.
 */
import type { AssistantTool, FunctionDefinition, ToolChoice } from '../../../electron/contract/objects';

export type MockPlan =
  | { kind: 'text'; text: string; delayMs: number }
  | { kind: 'calls'; calls: Array<{ name: string; arguments: string }>; delayMs: number }
  | { kind: 'fail'; code: 'server_error' | 'rate_limit_exceeded'; message: string; delayMs: number };

function functions(tools: AssistantTool[]): FunctionDefinition[] {
  return tools.flatMap((t) => (t.type === 'function' ? [t.function] : []));
}

function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w-]*)=(?:"([^"]*)"|(\S+))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[2] ?? m[3];
  return out;
}

function coerce(value: string, type: unknown): unknown {
  if (type === 'number' || type === 'integer') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

function emptyOf(type: unknown): unknown {
  return type === 'number' || type === 'integer' ? 0 : type === 'boolean' ? false : type === 'array' ? [] : type === 'object' ? {} : '';
}

function buildArgs(fn: FunctionDefinition, text: string): string {
  const params = (fn.parameters ?? {}) as { properties?: Record<string, { type?: unknown; default?: unknown; enum?: unknown[] }>; required?: string[] };
  const props = params.properties ?? {};
  const pairs = parsePairs(text);
  const args: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(props)) {
    if (key in pairs) args[key] = coerce(pairs[key], spec.type);
    else if (params.required?.includes(key)) args[key] = spec.default ?? spec.enum?.[0] ?? emptyOf(spec.type);
  }
  return JSON.stringify(args);
}

/** Decides what the mock says to the newest user message, or after tool outputs. */
export function planMockReply(input: {
  userText: string;
  tools: AssistantTool[];
  toolChoice: ToolChoice | null;
  parallel: boolean;
  toolOutputs: Array<{ name: string; output: string }> | null;
}): MockPlan {
  const { userText } = input;
  const delay = /\[mock:delay=(\d+)\]/.exec(userText);
  const delayMs = delay ? Number(delay[1]) : 0;
  if (input.toolOutputs) {
    return { kind: 'text', text: input.toolOutputs.map((o) => `${o.name}: ${o.output}`).join('\n'), delayMs };
  }
  if (userText.includes('[mock:fail]')) return { kind: 'fail', code: 'server_error', message: 'The mock model failed on purpose ([mock:fail]).', delayMs };
  if (userText.includes('[mock:rate_limit]')) return { kind: 'fail', code: 'rate_limit_exceeded', message: 'Rate limit reached ([mock:rate_limit]).', delayMs };
  const fns = functions(input.tools);
  const choice = input.toolChoice;
  let called: FunctionDefinition[] = [];
  if (choice !== 'none') {
    const named = typeof choice === 'object' && choice?.function ? fns.filter((f) => f.name === choice.function?.name) : null;
    if (named) called = named;
    else {
      called = fns
        .map((f) => ({ f, at: new RegExp(`\\b${f.name}\\b`).exec(userText)?.index ?? -1 }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => a.at - b.at)
        .map((x) => x.f);
      if (called.length === 0 && choice === 'required' && fns.length > 0) called = [fns[0]];
    }
  }
  if (!input.parallel) called = called.slice(0, 1);
  if (called.length > 0) {
    const bad = userText.includes('[mock:bad_args]');
    return { kind: 'calls', calls: called.map((f) => ({ name: f.name, arguments: bad ? '{"oops": ' : buildArgs(f, userText) })), delayMs };
  }
  return { kind: 'text', text: `Echo: ${userText}`, delayMs };
}

/** Splits text into streaming fragments (word by word, keeping the spaces). */
export function fragments(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}
