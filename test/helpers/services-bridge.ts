/**
 * The app's bridge over REAL services (a temp SQLite file), as component tests use it: every
 * call goes through the same dispatcher as IPC and `/api/call` (errors as `BridgeError`s), and
 * arguments, results and pushes are structured-cloned as IPC would. The test may hold the push
 * stream and release it one event at a time, to look at the UI between real events.
 */
import type { RunLensBridge, RunLensEventName, RunLensEvents } from '../../electron/contract/api';
import { apiFromCall } from '../../electron/contract/api-from-call';
import type { ServicesOptions } from '../../electron/services/services-types';
import { dispatchCall } from '../../electron/services/http/bridge/dispatch';
import { BridgeError } from '../../renderer/src/bridge/bridge-error';
import { openTestServices, type TestServices } from './services';

type Push = { [K in RunLensEventName]: { name: K; payload: RunLensEvents[K] } }[RunLensEventName];

export interface ServicesBridge extends RunLensBridge {
  services: TestServices;
  /** From now on, pushes wait in a queue instead of reaching listeners. */
  hold(): void;
  /** Delivers up to `count` held pushes (all by default) and returns them; `hold` stays in force. */
  release(count?: number): Push[];
  /** Discards up to `count` held pushes, as a dropped connection loses them. */
  drop(count: number): Push[];
  /** Delivers what is held and stops holding. */
  resume(): void;
  /** The pushes held right now. */
  held(): readonly Push[];
}

/** Opens services on a fresh temp database and a bridge to them. Dispose with `bridge.services.dispose()`. */
export function servicesBridge(options: Partial<ServicesOptions> = {}): ServicesBridge {
  const services = openTestServices(options);
  const listeners = new Map<RunLensEventName, Set<(payload: never) => void>>();
  let holding = false;
  const queue: Push[] = [];
  const deliver = (push: Push) => {
    for (const fn of listeners.get(push.name) ?? []) (fn as (p: typeof push.payload) => void)(push.payload);
  };
  services.subscribe((name, payload) => {
    const push = { name, payload: structuredClone(payload) } as Push;
    if (holding) queue.push(push);
    else deliver(push);
  });
  const api = apiFromCall(async (name, args) => {
    const outcome = await dispatchCall(services.api, name, structuredClone(args));
    if (!outcome.ok) throw new BridgeError(outcome.error.message, outcome.error.status, outcome.error.type, outcome.error.code);
    return structuredClone(outcome.result);
  });
  return {
    api,
    services,
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    hold() {
      holding = true;
    },
    release(count = Infinity) {
      const out = queue.splice(0, Math.min(count, queue.length));
      for (const push of out) deliver(push);
      return out;
    },
    drop: (count) => queue.splice(0, Math.min(count, queue.length)),
    resume() {
      holding = false;
      this.release();
    },
    held: () => queue,
  };
}
