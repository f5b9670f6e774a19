/**
 * A small interpreting JSON Schema checker, used when Ajv cannot generate code because the
 * page's CSP forbids eval (the UI's `script-src 'self'`). It covers what function schemas
 * use: type, properties, required, additionalProperties, items, enum, const, numeric and
 * length bounds, pattern, anyOf/oneOf/allOf. Problems have the same shape as Ajv's rewrite.
 */
import type { SchemaProblem } from './json-schema';

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Structural checks of a schema (the meta-schema part): type names, shapes of keywords. */
export function liteSchemaProblems(schema: unknown, path = ''): SchemaProblem[] {
  if (typeof schema === 'boolean') return [];
  if (!isObj(schema)) return [{ path, message: `${path || 'the schema'} must be an object or boolean` }];
  const out: SchemaProblem[] = [];
  const t = schema.type;
  if (t !== undefined) {
    const list = Array.isArray(t) ? t : [t];
    if (!list.every((x) => typeof x === 'string' && TYPES.includes(x))) {
      out.push({ path: join(path, 'type'), message: `${join(path, 'type')} is not a JSON Schema type; use one of ${TYPES.join(', ')}` });
    }
  }
  if (schema.properties !== undefined) {
    if (!isObj(schema.properties)) out.push({ path: join(path, 'properties'), message: `${join(path, 'properties')} must be object` });
    else for (const [k, v] of Object.entries(schema.properties)) out.push(...liteSchemaProblems(v, join(join(path, 'properties'), k)));
  }
  if (schema.required !== undefined && !(Array.isArray(schema.required) && schema.required.every((x) => typeof x === 'string'))) {
    out.push({ path: join(path, 'required'), message: `${join(path, 'required')} must be array of strings` });
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) out.push({ path: join(path, 'enum'), message: `${join(path, 'enum')} must be array` });
  if (schema.items !== undefined) out.push(...liteSchemaProblems(schema.items, join(path, 'items')));
  if (schema.additionalProperties !== undefined) out.push(...liteSchemaProblems(schema.additionalProperties, join(path, 'additionalProperties')));
  for (const k of ['anyOf', 'oneOf', 'allOf']) {
    const v = schema[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) out.push({ path: join(path, k), message: `${join(path, k)} must be array` });
    else v.forEach((s, i) => out.push(...liteSchemaProblems(s, join(join(path, k), String(i)))));
  }
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems']) {
    if (schema[k] !== undefined && typeof schema[k] !== 'number') out.push({ path: join(path, k), message: `${join(path, k)} must be number` });
  }
  if (schema.description !== undefined && typeof schema.description !== 'string') out.push({ path: join(path, 'description'), message: `${join(path, 'description')} must be string` });
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Checks a value against a schema; [] when it satisfies it. */
export function liteValidate(schema: unknown, value: unknown, path = ''): SchemaProblem[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [{ path, message: `${path || 'the arguments'} is not allowed` }];
  if (!isObj(schema)) return [];
  const where = path || 'the arguments';
  const out: SchemaProblem[] = [];
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    const actual = typeOf(value);
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [{ path, message: `${where} must be ${types.join(',')}` }];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push({ path, message: `${where} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) out.push({ path, message: `${where} must be equal to ${JSON.stringify(schema.const)}` });
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push({ path, message: `${where} must be >= ${schema.minimum}` });
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push({ path, message: `${where} must be <= ${schema.maximum}` });
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) out.push({ path, message: `${where} must NOT have fewer than ${schema.minLength} characters` });
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) out.push({ path, message: `${where} must NOT have more than ${schema.maxLength} characters` });
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) out.push({ path, message: `${where} must match pattern "${schema.pattern}"` });
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push({ path, message: `${where} must NOT have fewer than ${schema.minItems} items` });
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) out.push({ path, message: `${where} must NOT have more than ${schema.maxItems} items` });
    if (schema.items !== undefined) value.forEach((v, i) => out.push(...liteValidate(schema.items, v, join(path, String(i)))));
  }
  if (isObj(value)) {
    const props = isObj(schema.properties) ? schema.properties : {};
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!(name in value)) out.push({ path, message: `${where} is missing the required property "${name}"` });
    }
    for (const [k, v] of Object.entries(value)) {
      if (k in props) out.push(...liteValidate(props[k], v, join(path, k)));
      else if (schema.additionalProperties === false) out.push({ path, message: `${where} has an unexpected property "${k}"` });
      else if (isObj(schema.additionalProperties)) out.push(...liteValidate(schema.additionalProperties, v, join(path, k)));
    }
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) out.push(...liteValidate(s, value, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => liteValidate(s, value, path).length === 0)) out.push({ path, message: `${where} does not match any allowed form` });
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => liteValidate(s, value, path).length === 0).length !== 1) out.push({ path, message: `${where} must match exactly one allowed form` });
  return out;
}
