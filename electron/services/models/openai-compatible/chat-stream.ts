/**
 * Chat Completions stream chunks → the model interface's chunks. Tool-call fragments are
 * keyed by their `index` (several calls may interleave); calls are renumbered densely in order
 * of first appearance and given an id when a server omits one, so the engine always sees
 * `0, 1, 2…` with an id on each call's first fragment.
 */
import { newCallId } from '../mock-model';
import { ModelError, type ModelChunk } from '../model';

/** The parts of a streamed `chat.completion.chunk` RunLens reads. */
export interface ChatChunk {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string | null; function?: { name?: string | null; arguments?: string | null } }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** Stateful mapper for one streamed response. */
export class ChatStreamMapper {
  private readonly order = new Map<number, number>();
  finishReason: string | null = null;
  usage: { prompt_tokens: number; completion_tokens: number } | null = null;
  /** True once any text or tool-call fragment was produced (no retry after that). */
  started = false;

  constructor(private readonly provider: string) {}

  /** The chunks for one streamed object. */
  map(chunk: ChatChunk): ModelChunk[] {
    if (chunk === null || typeof chunk !== 'object') throw new ModelError('server_error', `Provider '${this.provider}' sent a malformed stream chunk (not a JSON object).`);
    const out: ModelChunk[] = [];
    if (chunk.usage && typeof chunk.usage.prompt_tokens === 'number') {
      this.usage = { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens ?? 0 };
    }
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (!choice) return out;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content.length > 0) out.push({ type: 'text', delta: delta.content });
    for (const tc of delta.tool_calls ?? []) {
      const wireIndex = typeof tc.index === 'number' ? tc.index : this.order.size === 0 ? 0 : [...this.order.keys()].at(-1)!;
      let index = this.order.get(wireIndex);
      const args = tc.function?.arguments ?? '';
      if (index === undefined) {
        index = this.order.size;
        this.order.set(wireIndex, index);
        out.push({ type: 'tool_call', index, id: tc.id || newCallId(), name: tc.function?.name ?? '', arguments: args });
      } else if (args) out.push({ type: 'tool_call', index, arguments: args });
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    if (out.length > 0) this.started = true;
    return out;
  }

  /** The closing chunk, or a failure when the stream ended before the model finished. */
  finish(): ModelChunk {
    if (!this.finishReason) {
      throw new ModelError('server_error', `Provider '${this.provider}' ended the stream before the model finished (no finish_reason): the connection was cut mid-way.`);
    }
    const r = this.finishReason;
    const reason = r === 'length' ? 'length' : r === 'content_filter' ? 'content_filter' : r === 'tool_calls' || r === 'function_call' ? 'tool_calls' : 'stop';
    return { type: 'finish', reason, ...(this.usage ? { usage: this.usage } : {}) };
  }
}
