/**
 * The one way to put something around every method of a RunLensApi (acknowledge after
 * commit, wait while an import runs, review mode's refusals): same domains, same methods,
 * same signatures, each method replaced by what `wrap` makes of it.
 */
import type { RunLensApi } from '../contract/api';

export type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** `wrap` gets each method's `domain.method` name and the method bound to its domain. */
export function wrapApi(api: RunLensApi, wrap: (name: string, method: AnyMethod) => AnyMethod): RunLensApi {
  const wrapped: Record<string, Record<string, AnyMethod>> = {};
  for (const [domain, methods] of Object.entries(api as unknown as Record<string, Record<string, AnyMethod>>)) {
    const target: Record<string, AnyMethod> = {};
    for (const [name, method] of Object.entries(methods)) {
      target[name] = wrap(`${domain}.${name}`, (...args: unknown[]) => method.apply(methods, args));
    }
    wrapped[domain] = target;
  }
  // Same domains and methods as `api`, each with the same signature.
  return wrapped as unknown as RunLensApi;
}
