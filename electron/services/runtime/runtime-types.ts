/**
 * The runtime's public surface, used by the `/v1` face and the bridge service. Params are
 * the Assistants API request bodies *after* shape validation (types, enums, unknown keys,
 * metadata limits are checked by the caller); the runtime checks existence (404) and the
 * state rules of assistants-api.md §3 (400, exact wording), and throws `ApiError`.
 */
import type {
  Assistant,
  AssistantTool,
  Attachment,
  DeletedObject,
  ListPage,
  Message,
  Metadata,
  ResponseFormat,
  Run,
  RunStep,
  Thread,
  ToolResources,
} from '../../contract/objects';
import type { RunCreator, RunEventRecord, EntityChange } from '../../contract/events';
import type { RunCreateInput } from '../../contract/api';

export interface ListQuery {
  limit?: number;
  order?: 'asc' | 'desc';
  after?: string;
  before?: string;
}

export interface AssistantCreateParams {
  model: string;
  name?: string | null;
  description?: string | null;
  instructions?: string | null;
  tools?: AssistantTool[];
  tool_resources?: ToolResources | null;
  metadata?: Metadata | null;
  temperature?: number | null;
  top_p?: number | null;
  response_format?: ResponseFormat | null;
  reasoning_effort?: string | null;
}
export type AssistantUpdateParams = Partial<AssistantCreateParams>;

/** Message create input: a string or content parts (`{type:'text',text:'…'}`, image parts). */
export type MessageContentInput =
  | string
  | Array<
      | { type: 'text'; text: string }
      | { type: 'image_file'; image_file: { file_id: string; detail?: 'auto' | 'low' | 'high' } }
      | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
    >;

export interface MessageCreateParams {
  role: 'user' | 'assistant';
  content: MessageContentInput;
  attachments?: Attachment[] | null;
  metadata?: Metadata | null;
}

export interface ThreadCreateParams {
  messages?: MessageCreateParams[];
  metadata?: Metadata | null;
  tool_resources?: ToolResources | null;
}

/** The run body of POST /threads/{tid}/runs: the app's RunCreateInput, with wire-shaped messages. */
export interface RunCreateParams extends Omit<RunCreateInput, 'additional_messages'> {
  additional_messages?: MessageCreateParams[] | null;
  reasoning_effort?: string | null;
  tool_resources?: ToolResources | null;
}

export interface ThreadAndRunParams extends Omit<RunCreateParams, 'additional_messages'> {
  thread?: ThreadCreateParams;
}

export interface SubmitToolOutputsParams {
  tool_outputs: Array<{ tool_call_id: string; output: string }>;
  /** Who answered, recorded on the `tool.outputs.submitted` event. Default 'api'. */
  source?: 'api' | 'ui' | 'auto';
}

/** Where a stream for a just-made change should start: events with seq > afterSeq. */
export interface StreamStart {
  run: Run;
  afterSeq: number;
}

export interface EventFilter {
  run_id?: string;
  thread_id?: string;
}

export interface RuntimeApi {
  createAssistant(params: AssistantCreateParams): Assistant;
  getAssistant(id: string): Assistant;
  listAssistants(query: ListQuery): ListPage<Assistant>;
  updateAssistant(id: string, params: AssistantUpdateParams): Assistant;
  deleteAssistant(id: string): DeletedObject<'assistant.deleted'>;

  createThread(params: ThreadCreateParams): Thread;
  getThread(id: string): Thread;
  updateThread(id: string, params: { metadata?: Metadata | null; tool_resources?: ToolResources | null }): Thread;
  deleteThread(id: string): DeletedObject<'thread.deleted'>;

  createMessage(threadId: string, params: MessageCreateParams): Message;
  getMessage(threadId: string, messageId: string): Message;
  listMessages(threadId: string, query: ListQuery & { run_id?: string }): ListPage<Message>;
  updateMessage(threadId: string, messageId: string, params: { metadata?: Metadata | null }): Message;
  deleteMessage(threadId: string, messageId: string): DeletedObject<'thread.message.deleted'>;

  /** Creates a queued run; its events start at seq 1 (`thread.run.created`). */
  createRun(threadId: string, params: RunCreateParams, createdBy?: RunCreator): StreamStart;
  /** Creates the thread and run together; seq 1 is `thread.created`. */
  createThreadAndRun(params: ThreadAndRunParams, createdBy?: RunCreator): StreamStart & { thread: Thread };
  getRun(threadId: string, runId: string): Run;
  listRuns(threadId: string, query: ListQuery): ListPage<Run>;
  updateRun(threadId: string, runId: string, params: { metadata?: Metadata | null }): Run;
  cancelRun(threadId: string, runId: string): Run;
  submitToolOutputs(threadId: string, runId: string, params: SubmitToolOutputsParams): StreamStart;

  getStep(threadId: string, runId: string, stepId: string, include?: string[]): RunStep;
  listSteps(threadId: string, runId: string, query: ListQuery & { include?: string[] }): ListPage<RunStep>;

  /** Recorded events of a run with seq > afterSeq, oldest first (pending writes flushed first). */
  readRunEvents(runId: string, afterSeq?: number): RunEventRecord[];
  /**
   * Follows events as they are committed. With `afterSeq` (run filter) or `afterId`
   * (other filters), replays the recorded ones first, then continues live with no gap.
   */
  subscribe(filter: EventFilter, listener: (event: RunEventRecord) => void, from?: { afterSeq?: number; afterId?: number }): () => void;
  /** Changes to stored objects made by any face. */
  onEntityChange(listener: (change: EntityChange) => void): () => void;
}
