/**
 * The one interface every model backend implements: the built-in `mock`, replay of
 * recorded outputs, and live providers. A backend streams chunks; the run engine turns
 * them into steps, messages and events, so all backends look the same on the timeline.
 */

/** The request shapes are recorded in the event log, so they live in the contract. */
export type { ChatMessage, ModelRequest, WireRequest } from '../../contract/model-io';
import type { ModelRequest, WireRequest } from '../../contract/model-io';

export type ModelChunk =
  | { type: 'text'; delta: string }
  /** The first chunk of a call carries id and name; later ones only argument fragments. */
  | { type: 'tool_call'; index: number; id?: string; name?: string; arguments: string }
  /** A message annotation (file_citation / file_path) over text already streamed. */
  | { type: 'annotation'; annotation: Record<string, unknown> }
  | { type: 'finish'; reason: 'stop' | 'tool_calls' | 'length' | 'content_filter'; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** A live backend waits before retrying (429 with retry-after, 5xx); recorded as a `model.retry` event. */
  | { type: 'retry'; attempt: number; status: number | null; wait_ms: number; message: string }
  /** What a backend wants on the step's record beside the output (scripted rule hits, …): a `model.note` event. */
  | { type: 'note'; data: Record<string, unknown> };


/** A failure the run reports as `last_error` (never as an HTTP error). */
export class ModelError extends Error {
  constructor(
    readonly code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** Which run and model round a request belongs to (replay serves recordings by it). */
export interface ModelCallContext {
  run_id: string;
  round: number;
}

export interface ModelBackend {
  /** Backend name recorded on model events (`mock`, `openai`, …). */
  readonly name: string;
  handles(model: string, context?: ModelCallContext): boolean;
  /**
   * True when a round interrupted by a crash can be sent again and means the same thing (the
   * deterministic mock, a stateless request). Runs of other backends fail at restart instead.
   */
  readonly reissuable?: boolean;
  generate(request: ModelRequest, signal: AbortSignal, context?: ModelCallContext): AsyncIterable<ModelChunk>;
  /** The exact HTTP request `generate` sends for `request` (key masked); absent for offline backends. */
  describe?(request: ModelRequest): Promise<WireRequest | null>;
}

/** Tokens as the mock counts them, and as RunLens estimates when a backend gives none. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The characters a request sends, for the prompt token estimate. */
export function requestText(request: ModelRequest): string {
  const parts: string[] = [request.instructions];
  for (const m of request.messages) {
    if (m.content) parts.push(m.content);
    if ('tool_calls' in m) for (const c of m.tool_calls) parts.push(c.name, c.arguments);
  }
  if (request.tools.length > 0) parts.push(JSON.stringify(request.tools));
  return parts.join('');
}
