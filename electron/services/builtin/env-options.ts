/**
 * Limits of uploads and of the Python sandbox from the environment, for `npm run serve` and
 * tests that start it as a process: RUNLENS_MAX_FILE_BYTES, RUNLENS_MAX_FILES,
 * RUNLENS_CODE_TIMEOUT_MS, RUNLENS_CODE_MEMORY_MB. Unset or invalid values keep the defaults.
 */
import type { BuiltinOptions } from './builtin-tools';

function positive(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

/** The options the environment asks for. */
export function builtinOptionsFromEnv(env: NodeJS.ProcessEnv): BuiltinOptions {
  const fileLimits: Record<string, number> = {};
  const sandboxLimits: Record<string, number> = {};
  const maxBytes = positive(env.RUNLENS_MAX_FILE_BYTES);
  const maxFiles = positive(env.RUNLENS_MAX_FILES);
  const timeoutMs = positive(env.RUNLENS_CODE_TIMEOUT_MS);
  const memoryMb = positive(env.RUNLENS_CODE_MEMORY_MB);
  if (maxBytes) fileLimits.maxBytes = maxBytes;
  if (maxFiles) fileLimits.maxFiles = maxFiles;
  if (timeoutMs) sandboxLimits.timeoutMs = timeoutMs;
  if (memoryMb) sandboxLimits.memoryMb = memoryMb;
  return { fileLimits, sandboxLimits };
}
