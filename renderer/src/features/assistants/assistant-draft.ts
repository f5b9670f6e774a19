/**
 * The editable form of an assistant (strings for every field, so half-typed numbers and
 * JSON survive) and the checks that turn it back into an `AssistantInput`. Pure.
 */
import type { AssistantInput } from '../../../../electron/contract/api';
import type { Assistant, AssistantTool, ResponseFormat } from '../../../../electron/contract/objects';
import { checkFunctionName, checkParametersSchema, parseJson } from '../../stores/json-schema';

export interface FunctionDraft {
  key: string;
  name: string;
  description: string;
  schema: string;
  strict: boolean;
}

export interface AssistantDraft {
  name: string;
  description: string;
  model: string;
  instructions: string;
  temperature: string;
  top_p: string;
  response_format: 'auto' | 'text' | 'json_object' | 'json_schema';
  rf_name: string;
  rf_schema: string;
  metadata: Array<{ key: string; value: string }>;
  functions: FunctionDraft[];
  /** Tools the editor does not edit (code_interpreter, file_search) are kept as they are. */
  otherTools: AssistantTool[];
}

let keySeq = 0;
/** A stable React key for a new function row. */
export const newKey = (): string => `fn${++keySeq}`;

export const EXAMPLE_SCHEMA = JSON.stringify({ type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] }, null, 2);

/** A blank draft for "New assistant". */
export function blankDraft(model = 'mock'): AssistantDraft {
  return { name: '', description: '', model, instructions: '', temperature: '', top_p: '', response_format: 'auto', rf_name: '', rf_schema: '', metadata: [], functions: [], otherTools: [] };
}

/** The draft of a stored assistant. */
export function toDraft(a: Assistant): AssistantDraft {
  const rf = a.response_format;
  const rfType = !rf || rf === 'auto' ? 'auto' : rf.type;
  return {
    name: a.name ?? '',
    description: a.description ?? '',
    model: a.model,
    instructions: a.instructions ?? '',
    temperature: a.temperature == null ? '' : String(a.temperature),
    top_p: a.top_p == null ? '' : String(a.top_p),
    response_format: rfType,
    rf_name: rf && rf !== 'auto' && rf.type === 'json_schema' ? rf.json_schema.name : '',
    rf_schema: rf && rf !== 'auto' && rf.type === 'json_schema' ? JSON.stringify(rf.json_schema.schema ?? {}, null, 2) : '',
    metadata: Object.entries(a.metadata ?? {}).map(([key, value]) => ({ key, value })),
    functions: a.tools.flatMap((t) =>
      t.type === 'function'
        ? [{ key: newKey(), name: t.function.name, description: t.function.description ?? '', schema: t.function.parameters ? JSON.stringify(t.function.parameters, null, 2) : '', strict: !!t.function.strict }]
        : [],
    ),
    otherTools: a.tools.filter((t) => t.type !== 'function'),
  };
}

export type DraftProblems = Record<string, string>;

function num(text: string, field: string, min: number, max: number, problems: DraftProblems): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max) problems[field] = `${field} must be a number from ${min} to ${max}`;
  return n;
}

/** Checks the draft; returns the input to save, or the problems keyed by field (`fn.<key>.schema`, …). */
export function fromDraft(d: AssistantDraft): { input: AssistantInput | null; problems: DraftProblems } {
  const problems: DraftProblems = {};
  if (!d.model) problems.model = 'Choose a model';
  const temperature = num(d.temperature, 'temperature', 0, 2, problems);
  const top_p = num(d.top_p, 'top_p', 0, 1, problems);
  const names = new Set<string>();
  const tools: AssistantTool[] = [...d.otherTools];
  for (const f of d.functions) {
    const nameErr = checkFunctionName(f.name) ?? (names.has(f.name) ? `Another function is already called ${f.name}` : null);
    if (nameErr) problems[`fn.${f.key}.name`] = nameErr;
    names.add(f.name);
    const schemaProblems = checkParametersSchema(f.schema);
    if (schemaProblems.length) problems[`fn.${f.key}.schema`] = schemaProblems.map((p) => p.message).join('; ');
    const parsed = f.schema.trim() ? parseJson(f.schema) : null;
    tools.push({
      type: 'function',
      function: { name: f.name, ...(f.description ? { description: f.description } : {}), ...(parsed?.ok ? { parameters: parsed.value as Record<string, unknown> } : {}), ...(f.strict ? { strict: true } : {}) },
    });
  }
  let response_format: ResponseFormat = 'auto';
  if (d.response_format === 'text' || d.response_format === 'json_object') response_format = { type: d.response_format };
  if (d.response_format === 'json_schema') {
    const parsed = parseJson(d.rf_schema || '{}');
    if (!d.rf_name.trim()) problems.rf_name = 'A json_schema response format needs a name';
    if (!parsed.ok) problems.rf_schema = parsed.problem.message;
    response_format = { type: 'json_schema', json_schema: { name: d.rf_name.trim(), schema: parsed.ok ? (parsed.value as Record<string, unknown>) : {} } };
  }
  const metadata: Record<string, string> = {};
  for (const { key, value } of d.metadata) {
    if (!key.trim()) continue;
    if (key.length > 64) problems.metadata = `Metadata key “${key.slice(0, 20)}…” is longer than 64 characters`;
    if (value.length > 512) problems.metadata = `The value of “${key}” is longer than 512 characters`;
    metadata[key.trim()] = value;
  }
  if (Object.keys(metadata).length > 16) problems.metadata = 'At most 16 metadata keys';
  if (Object.keys(problems).length) return { input: null, problems };
  return {
    input: {
      name: d.name.trim() || null,
      description: d.description.trim() || null,
      model: d.model,
      instructions: d.instructions || null,
      tools,
      metadata,
      temperature,
      top_p,
      response_format,
    },
    problems,
  };
}
