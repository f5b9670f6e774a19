/**
 * Builds a RunLensApi object from one `call(name, args)` function, so every transport (IPC in
 * the preload, HTTP in browser mode, test doubles) exposes exactly the named methods of the
 * contract — derived from RUNLENS_METHODS, never typed by hand.
 */
import { RUNLENS_METHODS, type RunLensApi, type RunLensMethodName } from './api';

/** Carries one named call to wherever the services are; resolves with the method's result. */
export type ApiCall = (name: RunLensMethodName, args: unknown[]) => Promise<unknown>;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** Splits `domain.method` into its two parts. */
export function splitMethodName(name: RunLensMethodName): [keyof RunLensApi, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot) as keyof RunLensApi, name.slice(dot + 1)];
}

/** One object per domain, one function per method; each forwards its arguments to `call`. */
export function apiFromCall(call: ApiCall): RunLensApi {
  const api: Record<string, Record<string, AnyMethod>> = {};
  for (const name of RUNLENS_METHODS) {
    const [domain, method] = splitMethodName(name);
    (api[domain] ??= {})[method] = (...args: unknown[]) => call(name, args);
  }
  // Safe: the loop above created every method RUNLENS_METHODS lists, and a compile-time check in
  // api.ts guarantees that list is exactly the interface's methods.
  return api as unknown as RunLensApi;
}

/** True when `name` is one of the contract's method names. */
export function isMethodName(name: string): name is RunLensMethodName {
  return (RUNLENS_METHODS as readonly string[]).includes(name);
}
