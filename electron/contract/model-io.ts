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

/** `model.request`: the request handed to the backend in round `round` (1-based per run). */
export interface ModelRequestData {
  round: number;
  backend: string;
  request: ModelRequest;
}

/** `model.response`: what the backend produced for that round. */
export interface ModelResponseData {
  round: number;
  backend: string;
  text: string;
  tool_calls: Array<{ id: string; name: string; arguments: string }>;
  finish_reason: 'stop' | 'tool_calls' | 'length' | 'error';
  usage: Usage | null;
  duration_ms: number;
  error: { code: string; message: string } | null;
}
