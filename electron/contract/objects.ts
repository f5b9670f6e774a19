/**
 * The Assistants API v2 object shapes (../shared/assistants-api.md §1), in OpenAI's own
 * snake_case so stored rows, `/v1` bodies and the UI share one shape without mapping.
 */

export type Metadata = Record<string, string>;

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

export type AssistantTool =
  | { type: 'code_interpreter' }
  | { type: 'file_search'; file_search?: Record<string, unknown> }
  | { type: 'function'; function: FunctionDefinition };

export type ToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function' | 'code_interpreter' | 'file_search'; function?: { name: string } };

export type ResponseFormat =
  | 'auto'
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null } };

export interface ToolResources {
  code_interpreter?: { file_ids?: string[] };
  file_search?: { vector_store_ids?: string[] };
}

export interface Assistant {
  id: string;
  object: 'assistant';
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  tools: AssistantTool[];
  tool_resources: ToolResources | null;
  metadata: Metadata | null;
  temperature: number | null;
  top_p: number | null;
  response_format: ResponseFormat | null;
  reasoning_effort?: string | null;
}

export interface Thread {
  id: string;
  object: 'thread';
  created_at: number;
  metadata: Metadata | null;
  tool_resources: ToolResources | null;
}

export interface TextContentBlock {
  type: 'text';
  text: { value: string; annotations: unknown[] };
}
export type MessageContent =
  | TextContentBlock
  | { type: 'image_file'; image_file: { file_id: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'refusal'; refusal: string };

export type MessageStatus = 'in_progress' | 'incomplete' | 'completed';
export type MessageIncompleteReason = 'content_filter' | 'max_tokens' | 'run_cancelled' | 'run_expired' | 'run_failed';

export interface Attachment {
  file_id?: string;
  tools?: Array<{ type: 'code_interpreter' } | { type: 'file_search' }>;
}

export interface Message {
  id: string;
  object: 'thread.message';
  created_at: number;
  thread_id: string;
  role: 'user' | 'assistant';
  content: MessageContent[];
  assistant_id: string | null;
  run_id: string | null;
  attachments: Attachment[] | null;
  metadata: Metadata | null;
  status: MessageStatus;
  completed_at: number | null;
  incomplete_at: number | null;
  incomplete_details: { reason: MessageIncompleteReason } | null;
}

export const RUN_STATUSES = [
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
  'cancelled',
  'failed',
  'completed',
  'incomplete',
  'expired',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** The status sets live with the transition table; re-exported here for existing imports. */
export { ACTIVE_RUN_STATUSES, TERMINAL_RUN_STATUSES } from './run-lifecycle';

export interface FunctionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string; output: string | null };
}
export type ToolCall =
  | FunctionToolCall
  | { id: string; type: 'code_interpreter'; code_interpreter: { input: string; outputs: unknown[] } }
  | { id: string; type: 'file_search'; file_search: Record<string, unknown> };

export interface RequiredAction {
  type: 'submit_tool_outputs';
  submit_tool_outputs: {
    tool_calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type RunErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';

export interface TruncationStrategy {
  type: 'auto' | 'last_messages';
  last_messages?: number | null;
}

export interface Run {
  id: string;
  object: 'thread.run';
  created_at: number;
  thread_id: string;
  assistant_id: string;
  status: RunStatus;
  required_action: RequiredAction | null;
  last_error: { code: RunErrorCode; message: string } | null;
  expires_at: number | null;
  started_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  incomplete_details: { reason?: 'max_completion_tokens' | 'max_prompt_tokens' | 'content_filter' } | null;
  model: string;
  instructions: string;
  tools: AssistantTool[];
  metadata: Metadata | null;
  usage: Usage | null;
  temperature: number | null;
  top_p: number | null;
  max_prompt_tokens: number | null;
  max_completion_tokens: number | null;
  truncation_strategy: TruncationStrategy | null;
  response_format: ResponseFormat | null;
  tool_choice: ToolChoice | null;
  parallel_tool_calls: boolean;
  tool_resources?: ToolResources | null;
  reasoning_effort?: string | null;
}

export type RunStepStatus = 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired';

export type StepDetails =
  | { type: 'message_creation'; message_creation: { message_id: string } }
  | { type: 'tool_calls'; tool_calls: ToolCall[] };

export interface RunStep {
  id: string;
  object: 'thread.run.step';
  created_at: number;
  run_id: string;
  assistant_id: string;
  thread_id: string;
  type: 'message_creation' | 'tool_calls';
  status: RunStepStatus;
  step_details: StepDetails;
  last_error: { code: 'server_error' | 'rate_limit_exceeded'; message: string } | null;
  expired_at: number | null;
  /** The live API sent the run's expiry under this name; we send both (assistants-api.md §1). */
  expires_at: number | null;
  cancelled_at: number | null;
  failed_at: number | null;
  completed_at: number | null;
  metadata: Metadata | null;
  usage: Usage | null;
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface DeletedObject<O extends string> {
  id: string;
  object: O;
  deleted: true;
}

/** OpenAI error body: `{error:{message,type,param,code}}` (assistants-api.md §5). */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
