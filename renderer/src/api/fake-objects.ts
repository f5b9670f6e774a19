/**
 * Object factories for the in-memory fake: the same snake_case shapes the runtime stores,
 * with defaults taken from the Assistants wire (assistants-api.md §1).
 */
import type { Assistant, Message, Run, RunStep, Thread, StepDetails } from '../../../electron/contract/objects';
import type { AssistantInput, RunCreateInput } from '../../../electron/contract/api';

let counter = 0;
/** Ids that look like OpenAI's (`asst_…`, `thread_…`) and sort by creation. */
export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export function makeAssistant(input: AssistantInput, id = newId('asst'), created_at = nowSec()): Assistant {
  return {
    id,
    object: 'assistant',
    created_at,
    name: input.name ?? null,
    description: input.description ?? null,
    model: input.model,
    instructions: input.instructions ?? null,
    tools: input.tools ?? [],
    tool_resources: null,
    metadata: input.metadata ?? {},
    temperature: input.temperature ?? 1,
    top_p: input.top_p ?? 1,
    response_format: input.response_format ?? 'auto',
  };
}

export function makeThread(metadata: Record<string, string> | null): Thread {
  return { id: newId('thread'), object: 'thread', created_at: nowSec(), metadata: metadata ?? {}, tool_resources: null };
}

export function makeMessage(threadId: string, role: 'user' | 'assistant', text: string, extra: Partial<Message> = {}): Message {
  return {
    id: newId('msg'),
    object: 'thread.message',
    created_at: nowSec(),
    thread_id: threadId,
    role,
    content: text === '' ? [] : [{ type: 'text', text: { value: text, annotations: [] } }],
    assistant_id: null,
    run_id: null,
    attachments: [],
    metadata: {},
    status: 'completed',
    completed_at: nowSec(),
    incomplete_at: null,
    incomplete_details: null,
    ...extra,
  };
}

export function makeRun(threadId: string, assistant: Assistant, input: RunCreateInput): Run {
  const created = nowSec();
  const instructions = [input.instructions ?? assistant.instructions ?? '', input.additional_instructions ?? ''].filter(Boolean).join('\n\n');
  return {
    id: newId('run'),
    object: 'thread.run',
    created_at: created,
    thread_id: threadId,
    assistant_id: assistant.id,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: created + 600,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: input.model ?? assistant.model,
    instructions,
    tools: input.tools ?? assistant.tools,
    metadata: input.metadata ?? {},
    usage: null,
    temperature: input.temperature ?? assistant.temperature,
    top_p: input.top_p ?? assistant.top_p,
    max_prompt_tokens: input.max_prompt_tokens ?? null,
    max_completion_tokens: input.max_completion_tokens ?? null,
    truncation_strategy: input.truncation_strategy ?? { type: 'auto', last_messages: null },
    response_format: input.response_format ?? assistant.response_format,
    tool_choice: input.tool_choice ?? 'auto',
    parallel_tool_calls: input.parallel_tool_calls ?? true,
  };
}

export function makeStep(run: Run, details: StepDetails): RunStep {
  return {
    id: newId('step'),
    object: 'thread.run.step',
    created_at: nowSec(),
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
    metadata: null,
    usage: null,
  };
}
