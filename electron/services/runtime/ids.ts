import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

let pool = randomBytes(0);
let offset = 0;

/** An OpenAI-looking id: the object's prefix plus 24 random base62 characters. */
export function newId(prefix: 'asst' | 'thread' | 'msg' | 'run' | 'step' | 'call'): string {
  if (offset + 24 > pool.length) {
    pool = randomBytes(24 * 256);
    offset = 0;
  }
  let out = '';
  for (let i = 0; i < 24; i++) out += ALPHABET[pool[offset + i] % 62];
  offset += 24;
  return `${prefix}_${out}`;
}
