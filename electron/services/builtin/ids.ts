/**
 * Ids of the objects this module owns, in OpenAI's shapes: `file-…`, `vs_…`, `vsfb_…`,
 * and a page of an in-memory list with the `/v1` cursor rules (limit, order, after, before).
 */
import { randomBytes } from 'node:crypto';
import type { ListPage } from '../../contract/objects';
import type { ListQuery } from '../runtime/runtime-types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `file-…` (a dash, as the platform spells it), `vs_…` and `vsfb_…` with 24 base62 characters. */
export function newBuiltinId(prefix: 'file-' | 'vs_' | 'vsfb_'): string {
  const bytes = randomBytes(24);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 62];
  return prefix + out;
}

/** One page of `items` (given oldest first) under the list rules of assistants-api.md §2. */
export function pageArray<T extends { id: string }>(items: T[], query: ListQuery): ListPage<T> {
  const limit = query.limit ?? 20;
  const ordered = (query.order ?? 'desc') === 'desc' ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (query.after) {
    const i = ordered.findIndex((x) => x.id === query.after);
    if (i < 0) return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
    start = i + 1;
  }
  if (query.before) {
    const i = ordered.findIndex((x) => x.id === query.before);
    if (i < 0) return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
    end = i;
  }
  let data: T[];
  let has_more: boolean;
  if (query.before && !query.after) {
    data = ordered.slice(Math.max(start, end - limit), end);
    has_more = end - limit > start;
  } else {
    data = ordered.slice(start, Math.min(end, start + limit));
    has_more = start + limit < end;
  }
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more };
}
