/**
 * Acknowledge after commit for the bridge: every RunLensApi method (IPC and `/api/call`
 * alike) answers only once the writes it made are committed. The runtime defers hot-path
 * writes to the event log's group commit (one transaction per turn of the event loop); this
 * wrapper makes each call wait for that commit, so many calls still share one transaction.
 */
import type { RunLensApi } from '../contract/api';
import { wrapApi } from './wrap-api';

/**
 * Wraps every method of `api` so its promise settles after `committed()`. A method's own
 * error wins; a commit that is given up turns a success into the commit's error (a
 * StorageError, a 500 `server_error`), so nothing uncommitted is ever reported as done.
 */
export function acknowledgeAfterCommit(api: RunLensApi, committed: () => Promise<void>): RunLensApi {
  return wrapApi(api, (_name, method) => async (...args: unknown[]) => {
    let result: unknown;
    try {
      result = await method(...args);
    } catch (error) {
      await committed().catch(() => undefined);
      throw error;
    }
    await committed();
    return result;
  });
}

/**
 * Wraps every method of `api` but the `except` ones (`domain.method`) so it first waits until
 * `gate` is idle: while a session import owns the database connection, other calls queue.
 */
export function waitWhileBusy(api: RunLensApi, gate: { whenIdle(): Promise<void> }, except: readonly string[]): RunLensApi {
  return wrapApi(api, (name, method) =>
    except.includes(name)
      ? method
      : async (...args: unknown[]) => {
          await gate.whenIdle();
          return method(...args);
        },
  );
}
