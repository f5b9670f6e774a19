/**
 * Tests build events from partial snapshots (only the fields under test). This is the one
 * place such loose data becomes a typed `RunEventRecord`; production code never casts `data`.
 */
import type { RunEventBase, RunEventPayloads, RunEventRecord, RunEventType } from '../../electron/contract/events';

/** A typed event from a base, a type and a (possibly partial) payload. */
export function fixtureEvent<K extends RunEventType>(base: RunEventBase, type: K, data: unknown): RunEventRecord<K> {
  return { ...base, type, data } as RunEventRecord<K>;
}

/** A (possibly partial) payload typed as the given event's, for appending fixtures to a real log. */
export function fixturePayload<K extends RunEventType>(_type: K, data: unknown): RunEventPayloads[K] {
  return data as RunEventPayloads[K];
}

/** The first event of `type`, with its `data` typed (throws when there is none). */
export function findEvent<K extends RunEventType>(events: readonly RunEventRecord[], type: K): Extract<RunEventRecord, { type: K }> {
  const found = events.find((e): e is Extract<RunEventRecord, { type: K }> => e.type === type);
  if (!found) throw new Error(`no ${type} event among ${events.length}`);
  return found;
}
