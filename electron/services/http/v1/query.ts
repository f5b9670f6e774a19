/**
 * Query-string parsing for `/v1` lists and `include[]`: limit 1–100 (default 20), order
 * asc|desc (default desc), after/before cursors, with the validator's wording on errors.
 */
import type { ListQuery } from '../../runtime/runtime-types';
import { STEP_INCLUDE_VALUES } from './schemas';
import { invalid, invalidValue } from './validate';

/** A parsed query string; repeated keys (`include[]`) arrive as arrays. */
export type RawQuery = Record<string, string | string[] | undefined>;

function single(query: RawQuery, key: string): string | undefined {
  const value = query[key];
  if (Array.isArray(value)) return value[value.length - 1];
  return value;
}

/** Parses limit/order/after/before; throws a 400 naming the parameter when one is bad. */
export function parseListQuery(query: RawQuery): ListQuery {
  const result: ListQuery = { limit: 20, order: 'desc' };
  const limit = single(query, 'limit');
  if (limit !== undefined && limit !== '') {
    if (!/^-?\d+$/.test(limit.trim())) {
      throw invalid(`Invalid type for 'limit': expected an integer, but got a string instead.`, 'limit', 'invalid_type');
    }
    const n = Number(limit);
    if (n < 1) throw invalid(`Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${n} instead.`, 'limit', 'integer_below_min_value');
    if (n > 100) throw invalid(`Invalid 'limit': integer above maximum value. Expected a value <= 100, but got ${n} instead.`, 'limit', 'integer_above_max_value');
    result.limit = n;
  }
  const order = single(query, 'order');
  if (order !== undefined && order !== '') {
    if (order !== 'asc' && order !== 'desc') throw invalidValue('order', order, ['asc', 'desc']);
    result.order = order;
  }
  const after = single(query, 'after');
  if (after) result.after = after;
  const before = single(query, 'before');
  if (before) result.before = before;
  return result;
}

/** `include[]=…` (or `include=…`) for run steps and run create; only the known value passes. */
export function parseInclude(query: RawQuery): string[] | undefined {
  const raw = query['include[]'] ?? query.include;
  if (raw === undefined) return undefined;
  const values = Array.isArray(raw) ? raw : [raw];
  values.forEach((value, i) => {
    if (!(STEP_INCLUDE_VALUES as readonly string[]).includes(value)) throw invalidValue(`include[${i}]`, value, STEP_INCLUDE_VALUES);
  });
  return values;
}

/** `run_id` filter of the message list. */
export function parseRunIdFilter(query: RawQuery): string | undefined {
  const value = single(query, 'run_id');
  return value ? value : undefined;
}
