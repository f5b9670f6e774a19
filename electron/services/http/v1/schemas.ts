/**
 * Request body schemas of every `/v1` endpoint (assistants-api.md §1–2), with the limits
 * the platform enforced: metadata 16×64/512, assistant tools ≤128, run tools override ≤20,
 * max_*_tokens ≥256, instructions ≤256,000. Unknown keys are refused everywhere.
 */
import type { Schema } from './validate';

type ObjectSchema = Extract<Schema, { t: 'object' }>;

const str = (extra: { max?: number; min?: number; nullable?: boolean } = {}): Schema => ({ t: 'string', ...extra });
const nstr = (max?: number): Schema => ({ t: 'string', max, nullable: true });

/** `metadata`: ≤16 keys, key ≤64, value ≤512 characters. */
export const metadataSchema: Schema = { t: 'map', maxProps: 16, maxKey: 64, values: str({ max: 512 }), nullable: true };

const functionDefinition: Schema = {
  t: 'object',
  required: ['name'],
  props: {
    name: str({ min: 1, max: 64 }),
    description: str(),
    parameters: { t: 'json' },
    strict: { t: 'boolean', nullable: true },
  },
};

const toolSchema: Schema = {
  t: 'tagged',
  variants: {
    code_interpreter: { t: 'object', props: { type: str() } },
    file_search: {
      t: 'object',
      props: {
        type: str(),
        file_search: {
          t: 'object',
          props: {
            max_num_results: { t: 'integer', min: 1, max: 50 },
            ranking_options: {
              t: 'object',
              required: ['score_threshold'],
              props: {
                score_threshold: { t: 'number', min: 0, max: 1 },
                ranker: { t: 'string', enum: ['auto', 'default_2024_08_21'] },
              },
            },
          },
        },
      },
    },
    function: { t: 'object', required: ['function'], props: { type: str(), function: functionDefinition } },
  },
};

const vectorStoreInline: Schema = {
  t: 'object',
  props: {
    file_ids: { t: 'array', items: str(), max: 10000 },
    chunking_strategy: { t: 'json' },
    metadata: metadataSchema,
  },
};

const toolResources: Schema = {
  t: 'object',
  nullable: true,
  props: {
    code_interpreter: { t: 'object', nullable: true, props: { file_ids: { t: 'array', items: str(), max: 20 } } },
    file_search: {
      t: 'object',
      nullable: true,
      props: {
        vector_store_ids: { t: 'array', items: str(), max: 1 },
        vector_stores: { t: 'array', items: vectorStoreInline, max: 1 },
      },
    },
  },
};

const responseFormat: Schema = {
  t: 'union',
  nullable: true,
  expected: "one of a string or an object",
  options: [
    { t: 'string', enum: ['auto'] },
    {
      t: 'tagged',
      variants: {
        text: { t: 'object', props: { type: str() } },
        json_object: { t: 'object', props: { type: str() } },
        json_schema: {
          t: 'object',
          required: ['json_schema'],
          props: {
            type: str(),
            json_schema: {
              t: 'object',
              required: ['name'],
              props: { name: str({ min: 1, max: 64 }), description: str(), schema: { t: 'json' }, strict: { t: 'boolean', nullable: true } },
            },
          },
        },
      },
    },
  ],
};

const toolChoice: Schema = {
  t: 'union',
  nullable: true,
  expected: 'one of a string or an object',
  options: [
    { t: 'string', enum: ['none', 'auto', 'required'] },
    {
      t: 'object',
      required: ['type'],
      props: {
        type: { t: 'string', enum: ['function', 'code_interpreter', 'file_search'] },
        function: { t: 'object', required: ['name'], props: { name: str() } },
      },
    },
  ],
};

const truncationStrategy: Schema = {
  t: 'object',
  nullable: true,
  required: ['type'],
  props: {
    type: { t: 'string', enum: ['auto', 'last_messages'] },
    last_messages: { t: 'integer', min: 1, nullable: true },
  },
};

const detail: Schema = { t: 'string', enum: ['auto', 'low', 'high'] };
const contentPart: Schema = {
  t: 'tagged',
  variants: {
    text: { t: 'object', required: ['text'], props: { type: str(), text: str() } },
    image_file: {
      t: 'object',
      required: ['image_file'],
      props: { type: str(), image_file: { t: 'object', required: ['file_id'], props: { file_id: str(), detail } } },
    },
    image_url: {
      t: 'object',
      required: ['image_url'],
      props: { type: str(), image_url: { t: 'object', required: ['url'], props: { url: str(), detail } } },
    },
  },
};

const attachment: Schema = {
  t: 'object',
  props: {
    file_id: str(),
    tools: {
      t: 'array',
      items: { t: 'tagged', variants: { code_interpreter: { t: 'object', props: { type: str() } }, file_search: { t: 'object', props: { type: str() } } } },
    },
  },
};

/** POST /threads/{tid}/messages, and each of `messages[]` / `additional_messages[]`. */
export const messageCreateSchema: ObjectSchema = {
  t: 'object',
  required: ['role', 'content'],
  props: {
    role: { t: 'string', enum: ['user', 'assistant'] },
    content: {
      t: 'union',
      expected: 'one of a string or an array of objects',
      options: [str(), { t: 'array', items: contentPart, min: 1 }],
    },
    attachments: { t: 'array', items: attachment, nullable: true },
    metadata: metadataSchema,
  },
};

/** The fields of an assistant body (also the bridge's AssistantInput). */
export const assistantProps: Record<string, Schema> = {
  model: str({ min: 1 }),
  name: nstr(256),
  description: nstr(512),
  instructions: nstr(256_000),
  tools: { t: 'array', items: toolSchema, max: 128 },
  tool_resources: toolResources,
  metadata: metadataSchema,
  temperature: { t: 'number', min: 0, max: 2, nullable: true },
  top_p: { t: 'number', min: 0, max: 1, nullable: true },
  response_format: responseFormat,
  reasoning_effort: { t: 'string', enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'], nullable: true },
};

/** POST /assistants (model required) and POST /assistants/{id} (all optional). */
export const assistantCreateSchema: ObjectSchema = { t: 'object', required: ['model'], props: assistantProps };
export const assistantUpdateSchema: ObjectSchema = { t: 'object', props: assistantProps };

const threadProps: Record<string, Schema> = {
  messages: { t: 'array', items: messageCreateSchema, max: 32 },
  metadata: metadataSchema,
  tool_resources: toolResources,
};
/** POST /threads; POST /threads/{tid}; message and run modify (metadata only). */
export const threadCreateSchema: ObjectSchema = { t: 'object', props: threadProps };
export const threadUpdateSchema: ObjectSchema = { t: 'object', props: { metadata: metadataSchema, tool_resources: toolResources } };
export const metadataOnlySchema: ObjectSchema = { t: 'object', props: { metadata: metadataSchema } };

/** The fields of a run body (also the bridge's RunCreateInput). */
export const runProps: Record<string, Schema> = {
  assistant_id: str({ min: 1 }),
  model: nstr(),
  instructions: nstr(256_000),
  tools: { t: 'array', items: toolSchema, max: 20, nullable: true },
  metadata: metadataSchema,
  temperature: { t: 'number', min: 0, max: 2, nullable: true },
  top_p: { t: 'number', min: 0, max: 1, nullable: true },
  max_prompt_tokens: { t: 'integer', min: 256, nullable: true },
  max_completion_tokens: { t: 'integer', min: 256, nullable: true },
  truncation_strategy: truncationStrategy,
  tool_choice: toolChoice,
  parallel_tool_calls: { t: 'boolean', nullable: true },
  response_format: responseFormat,
  reasoning_effort: { t: 'string', enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'], nullable: true },
  stream: { t: 'boolean', nullable: true },
};

/** POST /threads/{tid}/runs */
export const runCreateSchema: ObjectSchema = {
  t: 'object',
  required: ['assistant_id'],
  props: {
    ...runProps,
    additional_instructions: nstr(256_000),
    additional_messages: { t: 'array', items: messageCreateSchema, nullable: true, max: 32 },
  },
};

/** POST /threads/runs */
export const threadAndRunSchema: ObjectSchema = {
  t: 'object',
  required: ['assistant_id'],
  props: { ...runProps, thread: { t: 'object', props: threadProps }, tool_resources: toolResources },
};

/** POST /threads/{tid}/runs/{rid}/submit_tool_outputs */
export const submitToolOutputsSchema: ObjectSchema = {
  t: 'object',
  required: ['tool_outputs'],
  props: {
    tool_outputs: {
      t: 'array',
      items: { t: 'object', required: ['tool_call_id', 'output'], props: { tool_call_id: str(), output: str() } },
    },
    stream: { t: 'boolean', nullable: true },
  },
};

/** The only `include[]` value the API knew for run steps. */
export const STEP_INCLUDE_VALUES = ['step_details.tool_calls[*].file_search.results[*].content'] as const;
