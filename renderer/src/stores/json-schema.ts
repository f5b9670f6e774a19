/**
 * JSON Schema checks in plain words, shared by the schema editor (does this text describe
 * a valid function-parameters schema?) and the tool-call inbox (do these arguments satisfy
 * it?). Ajv does the work; its errors are rewritten with a path a person can follow.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { liteSchemaProblems, liteValidate } from './json-schema-lite';

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true, logger: false });

/**
 * Ajv generates code with `new Function`, which a strict CSP (no 'unsafe-eval') refuses.
 * The first EvalError switches to the interpreting checker for the rest of the session.
 */
let ajvUsable = true;
/** For tests: force the CSP-safe checker (false) or allow Ajv again (true). */
export function setAjvEnabled(enabled: boolean): void {
  ajvUsable = enabled;
}
function isEvalRefused(e: unknown): boolean {
  return e instanceof EvalError || (e instanceof Error && /unsafe-eval|Content Security Policy|evaluate a string/i.test(e.message));
}

export interface SchemaProblem {
  /** Where, as a dotted path (`properties.city.type`), or '' for the whole document. */
  path: string;
  message: string;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Rewrites one Ajv error as a sentence. `subject` names what was checked ("the schema", "the arguments"). */
export function describeAjvError(err: ErrorObject, subject: 'schema' | 'arguments'): SchemaProblem {
  const path = pointerToPath(err.instancePath);
  const where = path ? `${path}` : subject === 'schema' ? 'the schema' : 'the arguments';
  const p = err.params as Record<string, unknown>;
  let message: string;
  switch (err.keyword) {
    case 'required':
      message = `${where} is missing the required property "${String(p.missingProperty)}"`;
      break;
    case 'additionalProperties':
      message = `${where} has an unexpected property "${String(p.additionalProperty)}"`;
      break;
    case 'type':
      message = `${where} must be ${String(p.type)}`;
      break;
    case 'enum':
      message = path.endsWith('type')
        ? `${where} is not a JSON Schema type; use one of ${JSON_TYPES.join(', ')}`
        : `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'anyOf':
      message = path.endsWith('type')
        ? `${where} must be a type name (${JSON_TYPES.join(', ')}) or a list of them`
        : `${where} does not match any allowed form`;
      break;
    default:
      message = `${where} ${err.message ?? 'is invalid'}`;
  }
  return { path, message };
}

/** Parses JSON and reports a syntax error with line and column instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: SchemaProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const at = Number(pos[1]);
      const before = text.slice(0, at).split('\n');
      const line = before.length;
      const col = before[before.length - 1].length + 1;
      return { ok: false, problem: { path: '', message: `Not valid JSON at line ${line}, column ${col}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` } };
    }
    return { ok: false, problem: { path: '', message: `Not valid JSON: ${msg}` } };
  }
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}

/**
 * Checks the text of a function's `parameters` schema. Returns [] when it is usable:
 * valid JSON, a valid JSON Schema, an object schema, and `required` names only known properties.
 */
export function checkParametersSchema(text: string): SchemaProblem[] {
  if (text.trim() === '') return [];
  const parsed = parseJson(text);
  if (!parsed.ok) return [parsed.problem];
  const schema = parsed.value;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return [{ path: '', message: 'The parameters must be a JSON object describing an object schema, e.g. {"type":"object","properties":{}}' }];
  }
  const problems: SchemaProblem[] = [];
  let checked = false;
  if (ajvUsable) {
    try {
      if (!ajv.validateSchema(schema)) problems.push(...(ajv.errors ?? []).map((e) => describeAjvError(e, 'schema')));
      checked = true;
    } catch (e) {
      if (!isEvalRefused(e)) throw e;
      ajvUsable = false;
    }
  }
  if (!checked) problems.push(...liteSchemaProblems(schema));
  const s = schema as Record<string, unknown>;
  if (s.type !== 'object') problems.push({ path: 'type', message: 'type must be "object": function arguments are always a JSON object' });
  const props = (typeof s.properties === 'object' && s.properties) || {};
  if (Array.isArray(s.required)) {
    for (const name of s.required) {
      if (typeof name === 'string' && !(name in props)) {
        problems.push({ path: 'required', message: `required lists "${name}", which is not in properties` });
      }
    }
  }
  return dedupe(problems);
}

/** Valid function names, as the Assistants API accepts them. */
export function checkFunctionName(name: string): string | null {
  if (!name) return 'A function needs a name';
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) return 'Use 1–64 letters, digits, _ or - (no spaces)';
  return null;
}

/** Validates call arguments (a JSON string) against a parameters schema; [] when they satisfy it. */
export function checkArguments(args: string, schema: Record<string, unknown> | undefined): SchemaProblem[] {
  const parsed = parseJson(args || '{}');
  if (!parsed.ok) return [parsed.problem];
  if (!schema) return [];
  if (!ajvUsable) return dedupe(liteValidate(schema, parsed.value));
  try {
    const validate = ajv.compile(schema);
    if (validate(parsed.value)) return [];
    return dedupe((validate.errors ?? []).map((e) => describeAjvError(e, 'arguments')));
  } catch (e) {
    if (isEvalRefused(e)) {
      ajvUsable = false;
      return dedupe(liteValidate(schema, parsed.value));
    }
    return [{ path: '', message: `The function's schema cannot be used: ${e instanceof Error ? e.message : String(e)}` }];
  }
}
