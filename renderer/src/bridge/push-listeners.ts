/**
 * Typed listener sets for the RunLensEvents pushes: `on(name, fn)` returns its own
 * unsubscribe, and a listener that throws never stops the others.
 */
import type { RunLensEventName, RunLensEvents } from '../../../electron/contract/api';

type Listener<K extends RunLensEventName> = (payload: RunLensEvents[K]) => void;

export class PushListeners {
  private readonly sets: { [K in RunLensEventName]: Set<Listener<K>> } = { 'run.event': new Set(), 'entity.changed': new Set(), 'storage.status': new Set(), 'sessions.import.progress': new Set() };

  /** Adds a listener; the returned function removes it (calling it twice is harmless). */
  on<K extends RunLensEventName>(name: K, listener: Listener<K>): () => void {
    const set = this.sets[name] as Set<Listener<K>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Delivers one push to every listener of its name. */
  emit<K extends RunLensEventName>(name: K, payload: RunLensEvents[K]): void {
    for (const listener of [...(this.sets[name] as Set<Listener<K>>)]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`RunLens: a '${name}' listener failed`, error);
      }
    }
  }

  /** True when anyone listens to any push. */
  get size(): number {
    return Object.values(this.sets).reduce((sum, set) => sum + set.size, 0);
  }
}
