/**
 * One run round as one Chat Completions request body: instructions (with the additional
 * instructions the runtime already appended) as the system message, the thread's messages,
 * earlier tool rounds as assistant `tool_calls` plus `tool` messages, and every sampling
 * option the run carries. The same function feeds the wire and the `model.request` record,
 * so what the inspector shows is exactly what was sent.
 */
import type { ModelRequest } from '../model';

type Json = Record<string, unknown>;

function messagesOf(request: ModelRequest): Json[] {
  const out: Json[] = [];
  if (request.instructions) out.push({ role: 'system', content: request.instructions });
  for (const m of request.messages) {
    if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.tool_call_id, content: m.content });
    else if (m.role === 'assistant' && 'tool_calls' in m) {
      out.push({
        role: 'assistant',
        content: null,
        tool_calls: m.tool_calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
      });
    } else out.push({ role: m.role, content: m.content });
  }
  return out;
}

/** The body for `POST {base_url}/chat/completions`, streaming with usage in the last chunk. */
export function chatBody(request: ModelRequest, model: string): Json {
  const body: Json = { model, messages: messagesOf(request) };
  const hasTools = request.tools.length > 0;
  if (hasTools) {
    body.tools = request.tools.map((f) => {
      const fn: Json = { name: f.name };
      if (f.description) fn.description = f.description;
      if (f.parameters) fn.parameters = f.parameters;
      if (f.strict) fn.strict = true;
      return { type: 'function', function: fn };
    });
    const choice = request.tool_choice;
    if (typeof choice === 'string') body.tool_choice = choice;
    else if (choice.type === 'function' && choice.function) body.tool_choice = { type: 'function', function: { name: choice.function.name } };
    body.parallel_tool_calls = request.parallel_tool_calls;
  }
  if (request.temperature !== null) body.temperature = request.temperature;
  if (request.top_p !== null) body.top_p = request.top_p;
  if (request.max_completion_tokens !== null) body.max_completion_tokens = request.max_completion_tokens;
  const format = request.response_format;
  if (format && format !== 'auto' && format.type !== 'text') body.response_format = format;
  body.stream = true;
  body.stream_options = { include_usage: true };
  return body;
}

/** `sk-abc…wxyz` → `sk-a…wxyz`: enough to tell keys apart, never enough to use one. */
export function maskKey(key: string): string {
  if (!key) return '';
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
