/**
 * The arguments of every bridge method (IPC and `/api/call` alike), checked with the same
 * schemas and checker as the `/v1` bodies, so a bad argument gets the same 400
 * `invalid_request_error` naming the parameter, and nothing runs. The table is keyed by
 * RunLensMethodName: a method added to the contract does not compile until it has an entry.
 */
import type { RunLensMethodName } from '../../../contract/api';
import { ApiError } from '../../runtime/api-error';
import { assistantCreateSchema, assistantProps, metadataSchema, runProps } from '../v1/schemas';
import { check, invalid, type Schema } from '../v1/validate';

/** One positional argument: its name (the `param` of an error), its schema, and whether it may be left out. */
interface Arg {
  name: string;
  schema: Schema;
  optional?: boolean;
}

const id = (name: string): Arg => ({ name, schema: { t: 'string', min: 1, max: 256 } });
const text = (name: string, max = 256_000): Arg => ({ name, schema: { t: 'string', max } });

const messageInput: Schema = {
  t: 'object',
  required: ['role', 'content'],
  props: { role: { t: 'string', enum: ['user', 'assistant'] }, content: { t: 'string', max: 256_000 }, metadata: metadataSchema },
};

const { stream: _stream, ...runInputProps } = runProps;
const runCreateInput: Schema = {
  t: 'object',
  required: ['assistant_id'],
  props: { ...runInputProps, additional_instructions: { t: 'string', max: 256_000, nullable: true }, additional_messages: { t: 'array', items: messageInput, max: 32, nullable: true } },
};

const mockConfig: Schema = {
  t: 'object',
  required: ['kind'],
  props: {
    kind: { t: 'string', enum: ['static', 'template', 'sequence', 'error'] },
    output: { t: 'string', max: 256_000 },
    sequence: { t: 'array', items: { t: 'string', max: 256_000 }, max: 1000 },
    error: { t: 'string', max: 10_000 },
    latency_ms: { t: 'integer', min: 0, max: 600_000 },
  },
};

const conneryInput: Schema = {
  t: 'object',
  required: ['runner_url'],
  props: {
    runner_url: { t: 'string', min: 1, max: 4096 },
    api_key: { t: 'string', max: 10_000 },
    envelope: { t: 'string', enum: ['flat', 'input'] },
    action_ids: { t: 'array', items: { t: 'string', min: 1, max: 256 }, max: 1000 },
    approval: { t: 'string', enum: ['auto', 'ask'] },
  },
};

/** A fork's one edit; which fields matter depends on `kind` (the service checks the rest). */
const forkEdit: Schema = {
  t: 'object',
  required: ['kind'],
  props: {
    kind: { t: 'string', enum: ['tool_output', 'user_message', 'instructions', 'model', 'handler'] },
    call_id: { t: 'string', min: 1, max: 256 },
    output: { t: 'string', max: 256_000 },
    text: { t: 'string', max: 256_000 },
    instructions: { t: 'string', max: 256_000 },
    model: { t: 'string', min: 1, max: 256 },
    function: { t: 'string', min: 1, max: 256 },
  },
};

const fileTarget: Arg = {
  name: 'target',
  schema: { t: 'object', required: ['kind', 'id'], props: { kind: { t: 'string', enum: ['assistant', 'thread'] }, id: { t: 'string', min: 1, max: 256 } } },
};

/** Every method's arguments, in order. */
export const BRIDGE_ARGS: Record<RunLensMethodName, readonly Arg[]> = {
  'app.info': [],
  'assistants.list': [],
  'assistants.get': [id('id')],
  'assistants.create': [{ name: 'input', schema: assistantCreateSchema }],
  'assistants.update': [
    id('id'),
    { name: 'input', schema: { t: 'object', props: assistantProps } },
    { name: 'options', optional: true, schema: { t: 'object', nullable: true, props: { scripted_rules: { t: 'array', max: 200, items: { t: 'object', open: true, props: {} } } } } },
  ],
  'assistants.duplicate': [id('id')],
  'assistants.delete': [id('id')],
  'assistants.versions': [id('id')],
  'assistants.restoreVersion': [id('id'), { name: 'version', schema: { t: 'integer', min: 1 } }],
  'threads.list': [{ name: 'query', optional: true, schema: { t: 'object', nullable: true, props: { search: { t: 'string', max: 1000 }, limit: { t: 'integer', min: 1, max: 5000 } } } }],
  'threads.get': [id('id')],
  'threads.create': [{ name: 'input', optional: true, schema: { t: 'object', nullable: true, props: { title: { t: 'string', max: 512 }, metadata: metadataSchema } } }],
  'threads.rename': [id('id'), text('title', 10_000)],
  // live execution (issue 10): the services validate the live config and metadata further, with JSON paths
  'threads.setMetadata': [id('id'), { name: 'metadata', schema: { t: 'map', maxProps: 16, maxKey: 64, values: { t: 'string', max: 512 } } }],
  'runs.executeCall': [id('run_id'), id('call_id'), { name: 'arguments', optional: true, schema: { t: 'string', max: 256_000, nullable: true } }],
  'workspace.config': [],
  'workspace.importConfig': [text('text', 1_000_000)],
  'workspace.exportConfig': [],
  'workspace.setSecret': [id('name'), text('value', 10_000)],
  'workspace.hasSecret': [id('name')],
  'workspace.conneryActions': [id('assistant_id'), { name: 'input', schema: conneryInput }],
  'workspace.importConnery': [id('assistant_id'), { name: 'input', schema: conneryInput }],
  'workspace.mcpTools': [id('assistant_id'), id('server')],
  'workspace.importMcp': [id('assistant_id'), id('server'), { name: 'tools', optional: true, schema: { t: 'array', items: { t: 'string', min: 1, max: 256 }, max: 1000, nullable: true } }],
  'threads.duplicate': [id('id')],
  'threads.delete': [id('id')],
  'messages.list': [id('thread_id')],
  'messages.create': [id('thread_id'), { name: 'input', schema: messageInput }],
  'runs.create': [id('thread_id'), { name: 'input', schema: runCreateInput }],
  'runs.get': [id('run_id')],
  'runs.list': [id('thread_id')],
  'runs.cancel': [id('run_id')],
  'runs.submitToolOutputs': [
    id('run_id'),
    { name: 'outputs', schema: { t: 'array', max: 128, items: { t: 'object', required: ['tool_call_id', 'output'], props: { tool_call_id: { t: 'string', min: 1 }, output: { t: 'string' } } } } },
  ],
  'runs.events': [id('run_id'), { name: 'after_seq', optional: true, schema: { t: 'integer', min: 0, nullable: true } }],
  'runs.eventsPage': [
    id('run_id'),
    { name: 'after_seq', optional: true, schema: { t: 'integer', min: 0, nullable: true } },
    { name: 'limit', optional: true, schema: { t: 'integer', min: 1, max: 100_000, nullable: true } },
  ],
  'runs.eventBody': [id('run_id'), { name: 'seq', schema: { t: 'integer', min: 1 } }],
  'handlers.list': [id('assistant_id')],
  'handlers.set': [
    id('assistant_id'),
    id('function_name'),
    { name: 'input', schema: { t: 'object', required: ['mode'], props: { mode: { t: 'string', enum: ['manual', 'mock', 'live', 'builtin'] }, auto: { t: 'boolean' }, mock: mockConfig, live: { t: 'json', nullable: true } } } },
  ],
  'handlers.preview': [id('assistant_id'), id('function_name'), text('arguments')],
  'models.list': [{ name: 'query', optional: true, schema: { t: 'object', nullable: true, props: { refresh: { t: 'boolean' } } } }],
  'models.probe': [id('model')],
  'providers.list': [],
  'providers.presets': [],
  'providers.save': [{ name: 'input', schema: { t: 'object', required: ['name', 'base_url'], props: { name: { t: 'string', min: 1, max: 64 }, base_url: { t: 'string', min: 1, max: 2048 }, preset: { t: 'string', max: 64, nullable: true }, api_key: { t: 'string', max: 4096 } } } }],
  'providers.remove': [id('name')],
  'providers.test': [id('name')],
  'scripted.get': [id('name')],
  'scripted.versions': [id('name')],
  'scripted.save': [id('name'), { name: 'rules', schema: { t: 'array', items: { t: 'object', open: true, props: {} } } }],
  'prices.list': [],
  'prices.set': [{ name: 'price', schema: { t: 'object', required: ['model', 'input_per_mtok', 'output_per_mtok'], props: { model: { t: 'string', min: 1, max: 256 }, input_per_mtok: { t: 'number', min: 0 }, output_per_mtok: { t: 'number', min: 0 } } } }],
  'settings.hasProviderKey': [id('provider')],
  'settings.setProviderKey': [id('provider'), text('key', 10_000)],
  'settings.clearProviderKey': [id('provider')],
  'settings.serverStatus': [],
  'settings.setServerEnabled': [{ name: 'enabled', schema: { t: 'boolean' } }],
  'settings.apiKey': [],
  'settings.revealApiKey': [],
  'settings.regenerateApiKey': [],
  'sessions.export': [{ name: 'input', schema: { t: 'object', props: { thread_ids: { t: 'array', items: { t: 'string', min: 1, max: 256 }, max: 100_000 }, file: { t: 'string', min: 1, max: 4096 } } } }],
  'sessions.import': [
    { name: 'file', schema: { t: 'string', min: 1, max: 4096 } },
    { name: 'options', optional: true, schema: { t: 'object', props: { progress_id: { t: 'string', min: 1, max: 128 }, display_name: { t: 'string', min: 1, max: 1024 } } } },
  ],
  'sessions.search': [text('query', 10_000), { name: 'limit', optional: true, schema: { t: 'integer', min: 1, max: 1000, nullable: true } }],
  'sessions.rerun': [
    id('run_id'),
    { name: 'options', optional: true, schema: { t: 'object', nullable: true, props: { mode: { t: 'string', enum: ['replay', 'live'] }, until_round: { t: 'integer', min: 0 } } } },
  ],
  'sessions.fork': [id('run_id'), id('step_id'), { name: 'edit', schema: forkEdit }],
  'sessions.diff': [id('run_a'), id('run_b')],
  'sessions.lineage': [id('run_id')],
  'files.upload': [
    fileTarget,
    {
      name: 'input',
      schema: {
        t: 'object',
        required: ['filename', 'content_base64', 'tools'],
        props: {
          filename: { t: 'string', min: 1, max: 512 },
          content_base64: { t: 'string' },
          tools: { t: 'array', items: { t: 'string', enum: ['file_search', 'code_interpreter'] }, max: 2 },
        },
      },
    },
  ],
  'files.attached': [fileTarget],
  'files.detach': [fileTarget, id('file_id')],
  'files.content': [id('file_id')],
};

/**
 * Checks a call's arguments against its method's entry: too many, a missing required one, or
 * one of the wrong shape is a 400 naming the parameter (the /v1 wording). Throws ApiError.
 */
export function checkBridgeArgs(name: RunLensMethodName, args: readonly unknown[]): void {
  const spec = BRIDGE_ARGS[name];
  if (args.length > spec.length) {
    throw new ApiError(400, `${name} takes ${spec.length === 0 ? 'no arguments' : `at most ${spec.length} argument${spec.length === 1 ? '' : 's'} (${spec.map((a) => a.name).join(', ')})`}, got ${args.length}.`, 'invalid_request_error', null, 'invalid_arguments');
  }
  spec.forEach((arg, i) => {
    const value = args[i];
    if (value === undefined) {
      if (!arg.optional) throw invalid(`Missing required parameter: '${arg.name}'.`, arg.name, 'missing_required_parameter');
      return;
    }
    check(arg.schema, value, arg.name);
  });
}
