/**
 * What RunLens hands a model backend and what it records of the answer. The shapes are
 * part of the event log (`model.request` / `model.response` payloads), so the runtime
 * that writes them and the timeline that reads them share these types.
 */
import type { FunctionDefinition, ResponseFormat, ToolChoice, Usage } from './objects';

/** One chat message as the backend sees the thread. */
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string }
  | { role: 'assistant'; content: null; tool_calls: Array<{ id: string; name: string; arguments: string }> }
  | { role: 'tool'; tool_call_id: string; name: string; content: string };

/** The exact request of one model round. */
export interface ModelRequest {
  model: string;
  /** The run's assistant: the `scripted` model reads that assistant's rules. */
  assistant_id?: string;
  instructions: string;
  messages: ChatMessage[];
  tools: FunctionDefinition[];
  tool_choice: ToolChoice;
  parallel_tool_calls: boolean;
  temperature: number | null;
  top_p: number | null;
  max_completion_tokens: number | null;
  response_format: ResponseFormat | null;
}

/** The HTTP request a live backend sent for one round, key masked (what "copy as curl" repeats). */
export interface WireRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** `model.request`: the request handed to the backend in round `round` (1-based per run). */
export interface ModelRequestData {
  round: number;
  backend: string;
  request: ModelRequest;
  /** Live providers only: the exact HTTP request sent. */
  http?: WireRequest;
}

/** `model.retry`: a provider failure (429, 5xx, connection) before any output; the round is retried after `wait_ms`. */
export interface ModelRetryData {
  round: number;
  attempt: number;
  status: number | null;
  wait_ms: number;
  message: string;
}

/** `model.note`: what a backend tells the inspector about a round (scripted rule hits); `summary` is shown. */
export interface ModelNoteData {
  round: number;
  summary?: string;
  [key: string]: unknown;
}

/** `model.response`: what the backend produced for that round. */
export interface ModelResponseData {
  round: number;
  backend: string;
  text: string;
  tool_calls: Array<{ id: string; name: string; arguments: string }>;
  finish_reason: 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'error';
  usage: Usage | null;
  duration_ms: number;
  /** Milliseconds from the request to the first streamed output (null when none came). */
  ttft_ms?: number | null;
  /** Completion tokens per second after the first output. */
  tokens_per_s?: number | null;
  error: { code: string; message: string } | null;
}
