/**
 * A stand-in for `Services` in bridge tests: the API is a partial handler map (missing methods
 * throw), and pushes come from an in-memory log with the same replay rules as the real one.
 */
import type { RunLensApi, RunLensEventName, RunLensEvents, RunLensMethodName } from '../../electron/contract/api';
import { apiFromCall } from '../../electron/contract/api-from-call';
import type { RunEventRecord } from '../../electron/contract/events';
import { fixtureEvent } from '../helpers/event-fixture';
import type { Services } from '../../electron/services/services-types';

export type HandlerMap = Partial<Record<RunLensMethodName, (...args: unknown[]) => unknown>>;

type PushListener = <K extends RunLensEventName>(name: K, payload: RunLensEvents[K]) => void;

export interface FakeServices extends Services {
  /** Records and publishes a run event (ids count up from 1). */
  pushRunEvent(runId: string, type?: RunEventRecord['type'], data?: unknown): RunEventRecord;
  pushEntity(change: RunLensEvents['entity.changed']): void;
  calls: Array<{ name: RunLensMethodName; args: unknown[] }>;
  /** Live push subscribers right now (to see streams close). */
  subscriberCount(): number;
}

export function fakeServices(handlers: HandlerMap = {}): FakeServices {
  const log: RunEventRecord[] = [];
  const pushListeners = new Set<PushListener>();
  const runListeners = new Set<(e: RunEventRecord) => void>();
  const calls: FakeServices['calls'] = [];
  const api: RunLensApi = apiFromCall(async (name, args) => {
    calls.push({ name, args });
    const handler = handlers[name];
    if (!handler) throw new Error(`no fake handler for ${name}`);
    return handler(...args);
  });
  const seqs = new Map<string, number>();

  const services = {
    api,
    calls,
    runtime: {
      subscribe(_filter: unknown, listener: (e: RunEventRecord) => void, from?: { afterId?: number }) {
        if (from) for (const e of log) if (e.id > (from.afterId ?? 0)) listener(e);
        runListeners.add(listener);
        return () => runListeners.delete(listener);
      },
    },
    setServerControl() {},
    setApiBaseUrl() {},
    subscribe(listener: PushListener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    async close() {},
    pushRunEvent(runId: string, type: RunEventRecord['type'] = 'thread.run.in_progress', data?: unknown) {
      const seq = (seqs.get(runId) ?? 0) + 1;
      seqs.set(runId, seq);
      const event: RunEventRecord = fixtureEvent({ id: log.length + 1, run_id: runId, thread_id: 'thread_1', seq, ts: 1_700_000_000_000 + log.length }, type, data ?? { n: log.length + 1 });
      log.push(event);
      for (const l of runListeners) l(event);
      for (const l of pushListeners) l('run.event', event);
      return event;
    },
    pushEntity(change: RunLensEvents['entity.changed']) {
      for (const l of pushListeners) l('entity.changed', change);
    },
    subscriberCount: () => pushListeners.size,
  };
  return services as unknown as FakeServices;
}
