/**
 * Checks tool-call arguments against the function's JSON Schema (ajv) before any handler
 * runs. Compiled validators are cached per schema text.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FunctionDefinition } from '../../contract/objects';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const cache = new Map<string, ValidateFunction | string>();
const bySchemaObject = new WeakMap<object, ValidateFunction | string>();

/** One readable line per schema error, e.g. `/city must be string`. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || '(root)';
    if (e.keyword === 'required') return `${where} is missing required property '${(e.params as { missingProperty: string }).missingProperty}'`;
    if (e.keyword === 'additionalProperties')
      return `${where} has unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
}

function validatorFor(fn: FunctionDefinition): ValidateFunction | string {
  const schema = fn.parameters ?? { type: 'object' };
  const known = bySchemaObject.get(schema);
  if (known !== undefined) return known;
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (v === undefined) {
    try {
      v = ajv.compile(schema);
    } catch (error) {
      v = `the function's JSON Schema is invalid: ${(error as Error).message}`;
    }
    cache.set(key, v);
  }
  bySchemaObject.set(schema, v);
  return v;
}

/** null when `args` is JSON that satisfies the schema, else the reasons it does not. */
export function validateArguments(fn: FunctionDefinition | undefined, args: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(args);
  } catch (error) {
    return [`arguments are not valid JSON: ${(error as Error).message}`];
  }
  if (!fn) return ['the run has no function tool with this name'];
  const v = validatorFor(fn);
  if (typeof v === 'string') return [v];
  return v(value) ? null : describeErrors(v.errors);
}
