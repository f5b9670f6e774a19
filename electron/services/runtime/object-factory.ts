/**
 * Builders for new Assistants objects with every field of assistants-api.md §1 and the
 * defaults the live API showed on the wire.
 */
import type { Assistant, Message, MessageContent, Run, RunStep, StepDetails, Thread } from '../../contract/objects';
import { newId } from './ids';
import type { AssistantCreateParams, MessageContentInput, MessageCreateParams, RunCreateParams } from './runtime-types';

export function makeAssistant(params: AssistantCreateParams, createdAt: number): Assistant {
  return {
    id: newId('asst'),
    object: 'assistant',
    created_at: createdAt,
    name: params.name ?? null,
    description: params.description ?? null,
    model: params.model,
    instructions: params.instructions ?? null,
    tools: params.tools ?? [],
    tool_resources: params.tool_resources ?? {},
    metadata: params.metadata ?? {},
    temperature: params.temperature ?? 1,
    top_p: params.top_p ?? 1,
    response_format: params.response_format ?? 'auto',
    reasoning_effort: params.reasoning_effort ?? null,
  };
}

export function makeThread(params: { metadata?: Thread['metadata']; tool_resources?: Thread['tool_resources'] }, createdAt: number): Thread {
  return {
    id: newId('thread'),
    object: 'thread',
    created_at: createdAt,
    metadata: params.metadata ?? {},
    tool_resources: params.tool_resources ?? {},
  };
}

/** A string becomes one text block; text parts become text blocks with no annotations. */
export function toContent(input: MessageContentInput): MessageContent[] {
  if (typeof input === 'string') return [{ type: 'text', text: { value: input, annotations: [] } }];
  return input.map((part) => (part.type === 'text' ? { type: 'text', text: { value: part.text, annotations: [] } } : part));
}

export function makeUserMessage(threadId: string, params: MessageCreateParams, createdAt: number): Message {
  return {
    id: newId('msg'),
    object: 'thread.message',
    created_at: createdAt,
    thread_id: threadId,
    role: params.role,
    content: toContent(params.content),
    assistant_id: null,
    run_id: null,
    attachments: params.attachments ?? [],
    metadata: params.metadata ?? {},
    status: 'completed',
    completed_at: createdAt,
    incomplete_at: null,
    incomplete_details: null,
  };
}

export function makeAssistantMessage(run: Run, createdAt: number): Message {
  return {
    id: newId('msg'),
    object: 'thread.message',
    created_at: createdAt,
    thread_id: run.thread_id,
    role: 'assistant',
    content: [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
    status: 'in_progress',
    completed_at: null,
    incomplete_at: null,
    incomplete_details: null,
  };
}

/** The run's configuration snapshot: overrides win, then the assistant, then API defaults. */
export function makeRun(
  id: string,
  threadId: string,
  assistant: Assistant,
  params: RunCreateParams,
  createdAt: number,
  expirySeconds: number,
): Run {
  const base = params.instructions ?? assistant.instructions ?? '';
  const instructions = params.additional_instructions ? (base ? `${base}\n\n${params.additional_instructions}` : params.additional_instructions) : base;
  return {
    id,
    object: 'thread.run',
    created_at: createdAt,
    thread_id: threadId,
    assistant_id: assistant.id,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: createdAt + expirySeconds,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: params.model ?? assistant.model,
    instructions,
    tools: params.tools ?? assistant.tools,
    metadata: params.metadata ?? {},
    usage: null,
    temperature: params.temperature ?? assistant.temperature ?? 1,
    top_p: params.top_p ?? assistant.top_p ?? 1,
    max_prompt_tokens: params.max_prompt_tokens ?? null,
    max_completion_tokens: params.max_completion_tokens ?? null,
    truncation_strategy: params.truncation_strategy ?? { type: 'auto', last_messages: null },
    response_format: params.response_format ?? assistant.response_format ?? 'auto',
    tool_choice: params.tool_choice ?? 'auto',
    parallel_tool_calls: params.parallel_tool_calls ?? true,
    tool_resources: params.tool_resources ?? {},
    reasoning_effort: params.reasoning_effort ?? assistant.reasoning_effort ?? null,
  };
}

export function makeStep(run: Run, details: StepDetails, createdAt: number): RunStep {
  return {
    id: newId('step'),
    object: 'thread.run.step',
    created_at: createdAt,
    run_id: run.id,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    type: details.type,
    status: 'in_progress',
    step_details: details,
    last_error: null,
    expired_at: null,
    expires_at: run.expires_at,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
  };
}
