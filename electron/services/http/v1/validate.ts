/**
 * A small schema checker that reproduces the platform validator's wording
 * (assistants-api.md §5): every failure is a 400 `invalid_request_error` naming the
 * parameter path (`tools[3].function.name`, `metadata.k`) with the OpenAI code.
 */
import { ApiError } from '../../runtime/api-error';

interface Base {
  nullable?: boolean;
}
/** A JSON shape with the platform's limits; `union` picks its option by JSON type, `tagged` by `type`. */
export type Schema =
  | (Base & { t: 'string'; max?: number; min?: number; enum?: readonly string[] })
  | (Base & { t: 'integer'; min?: number; max?: number })
  | (Base & { t: 'number'; min?: number; max?: number })
  | (Base & { t: 'boolean' })
  | (Base & { t: 'object'; props: Record<string, Schema>; required?: readonly string[]; open?: boolean })
  | (Base & { t: 'map'; maxProps: number; maxKey: number; values: Schema })
  | (Base & { t: 'array'; items: Schema; max?: number; min?: number })
  | (Base & { t: 'json' })
  | (Base & { t: 'union'; options: Schema[]; expected: string })
  | (Base & { t: 'tagged'; variants: Record<string, Schema> });

/** A 400 with the validator's shape: param names the offending path. */
export function invalid(message: string, param: string | null, code: string | null): ApiError {
  return new ApiError(400, message, 'invalid_request_error', param, code);
}

/** "a string", "an integer", "a decimal", … as the platform describes JSON values. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a decimal',
  boolean: 'a boolean',
  object: 'an object',
  map: 'an object',
  tagged: 'an object',
  json: 'an object',
  array: 'an array',
};

function expectedText(schema: Schema): string {
  return schema.t === 'union' ? schema.expected : EXPECTED[schema.t];
}

function typeError(path: string, schema: Schema, value: unknown): ApiError {
  return invalid(`Invalid type for '${path}': expected ${expectedText(schema)}, but got ${describeValue(value)} instead.`, path, 'invalid_type');
}

/** `'a', 'b', and 'c'` / `'a' and 'b'` as the platform lists supported values. */
export function listValues(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/** `Invalid value: 'bogus'. Supported values are: …` */
export function invalidValue(path: string, value: string, values: readonly string[]): ApiError {
  return invalid(`Invalid value: '${value}'. Supported values are: ${listValues(values)}.`, path, 'invalid_value');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesType(schema: Schema, value: unknown): boolean {
  switch (schema.t) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'union':
      return schema.options.some((o) => matchesType(o, value));
    default:
      return isPlainObject(value);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function checkBounds(path: string, kind: 'integer' | 'decimal', value: number, min?: number, max?: number): void {
  if (min !== undefined && value < min) {
    throw invalid(`Invalid '${path}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`, path, `${kind}_below_min_value`);
  }
  if (max !== undefined && value > max) {
    throw invalid(`Invalid '${path}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`, path, `${kind}_above_max_value`);
  }
}

function checkString(path: string, value: string, min?: number, max?: number): void {
  if (min !== undefined && value.length < min) {
    if (value.length === 0) {
      throw invalid(`Invalid '${path}': empty string. Expected a string with minimum length ${min}, but got an empty string instead.`, path, 'empty_string');
    }
    throw invalid(`Invalid '${path}': string too short. Expected a string with minimum length ${min}, but got a string with length ${value.length} instead.`, path, 'string_below_min_length');
  }
  if (max !== undefined && value.length > max) {
    throw invalid(`Invalid '${path}': string too long. Expected a string with maximum length ${max}, but got a string with length ${value.length} instead.`, path, 'string_above_max_length');
  }
}

function checkObject(path: string, schema: Extract<Schema, { t: 'object' }>, value: Record<string, unknown>): void {
  for (const key of Object.keys(value)) {
    if (!(key in schema.props) && !schema.open) throw invalid(`Unknown parameter: '${join(path, key)}'.`, join(path, key), 'unknown_parameter');
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) throw invalid(`Missing required parameter: '${join(path, key)}'.`, join(path, key), 'missing_required_parameter');
  }
  for (const [key, sub] of Object.entries(schema.props)) {
    if (Object.prototype.hasOwnProperty.call(value, key) && value[key] !== undefined) check(sub, value[key], join(path, key));
  }
}

function checkMap(path: string, schema: Extract<Schema, { t: 'map' }>, value: Record<string, unknown>): void {
  const keys = Object.keys(value);
  if (keys.length > schema.maxProps) {
    throw invalid(
      `Invalid '${path}': too many properties. Expected an object with at most ${schema.maxProps} properties, but got an object with ${keys.length} properties instead.`,
      path,
      'object_above_max_properties',
    );
  }
  for (const key of keys) {
    if (key.length > schema.maxKey) {
      throw invalid(
        `Invalid property name in '${path}': '${key}' is too long. Expected a string with maximum length ${schema.maxKey}, but got a string with length ${key.length} instead.`,
        join(path, key),
        'property_name_above_max_length',
      );
    }
    check(schema.values, value[key], join(path, key));
  }
}

function checkTagged(path: string, schema: Extract<Schema, { t: 'tagged' }>, value: Record<string, unknown>): void {
  const tags = Object.keys(schema.variants);
  const tagPath = join(path, 'type');
  if (value.type === undefined) throw invalid(`Missing required parameter: '${tagPath}'.`, tagPath, 'missing_required_parameter');
  if (typeof value.type !== 'string') throw invalid(`Invalid type for '${tagPath}': expected a string, but got ${describeValue(value.type)} instead.`, tagPath, 'invalid_type');
  if (!tags.includes(value.type)) throw invalidValue(tagPath, value.type, tags);
  check(schema.variants[value.type], value, path);
}

/** Throws the first violation of `schema` by `value`, found depth-first in key order. */
export function check(schema: Schema, value: unknown, path: string): void {
  if (value === null) {
    if (schema.nullable) return;
    throw typeError(path, schema, value);
  }
  if (schema.t === 'union') {
    const option = schema.options.find((o) => matchesType(o, value));
    if (!option) throw typeError(path, schema, value);
    check(option, value, path);
    return;
  }
  if (!matchesType(schema, value)) throw typeError(path, schema, value);
  switch (schema.t) {
    case 'string':
      if (schema.enum && !schema.enum.includes(value as string)) throw invalidValue(path, value as string, schema.enum);
      checkString(path, value as string, schema.min, schema.max);
      return;
    case 'integer':
      checkBounds(path, 'integer', value as number, schema.min, schema.max);
      return;
    case 'number':
      checkBounds(path, 'decimal', value as number, schema.min, schema.max);
      return;
    case 'array': {
      const items = value as unknown[];
      if (schema.min !== undefined && items.length < schema.min) {
        throw invalid(`Invalid '${path}': empty array. Expected an array with minimum length ${schema.min}, but got an empty array instead.`, path, 'empty_array');
      }
      if (schema.max !== undefined && items.length > schema.max) {
        throw invalid(
          `Invalid '${path}': array too long. Expected an array with maximum length ${schema.max}, but got an array with length ${items.length} instead.`,
          path,
          'array_above_max_length',
        );
      }
      items.forEach((item, i) => check(schema.items, item, `${path}[${i}]`));
      return;
    }
    case 'object':
      checkObject(path, schema, value as Record<string, unknown>);
      return;
    case 'map':
      checkMap(path, schema, value as Record<string, unknown>);
      return;
    case 'tagged':
      checkTagged(path, schema, value as Record<string, unknown>);
      return;
    default:
      return;
  }
}

/** Validates a request body (an object at the root; `{}` when absent) and returns it typed. */
export function checkBody<T>(schema: Extract<Schema, { t: 'object' }>, body: unknown): T {
  const value = body === undefined || body === null ? {} : body;
  if (!isPlainObject(value)) {
    throw invalid(`Invalid type for body: expected an object, but got ${describeValue(value)} instead.`, null, 'invalid_type');
  }
  checkObject('', schema, value);
  return value as T;
}
