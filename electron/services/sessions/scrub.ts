/**
 * Removes secrets before anything leaves the machine (session files): handler headers and
 * environment, keys, tokens, passwords, and `${secret:…}` references. What a model saw
 * (tool arguments and outputs) is kept: it is the recording itself.
 */

/** The replacement for a removed secret. */
export const SCRUBBED = '[scrubbed]';

const SECRET_KEY = /^(authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|password|passwd|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|token|bearer|cookie|set-cookie)$/i;
const WHOLE_MAP_KEYS = new Set(['headers', 'env', 'secrets']);
const SECRET_REF = /\$\{secret:[^}]*\}/g;
/** Model-visible recording fields: never rewritten. */
const KEEP = new Set(['arguments', 'output']);

/** A deep copy of `value` with every secret replaced by `[scrubbed]`. */
export function scrubSecrets(value: unknown, key?: string): unknown {
  if (key !== undefined && KEEP.has(key)) return value;
  if (typeof value === 'string') {
    if (key !== undefined && SECRET_KEY.test(key)) return SCRUBBED;
    if (/^bearer\s+\S/i.test(value)) return SCRUBBED;
    return value.includes('${secret:') ? value.replace(SECRET_REF, SCRUBBED) : value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (WHOLE_MAP_KEYS.has(k.toLowerCase()) && v && typeof v === 'object' && !Array.isArray(v)) {
        out[k] = Object.fromEntries(Object.keys(v).map((h) => [h, SCRUBBED]));
      } else if (SECRET_KEY.test(k) && v !== null && typeof v !== 'object') {
        out[k] = SCRUBBED;
      } else {
        out[k] = scrubSecrets(v, k);
      }
    }
    return out;
  }
  return value;
}

/** The JSON text `json` with secrets scrubbed (returned unchanged when it is not JSON). */
export function scrubJson(json: string): string {
  try {
    return JSON.stringify(scrubSecrets(JSON.parse(json)));
  } catch {
    return json.replace(SECRET_REF, SCRUBBED);
  }
}
