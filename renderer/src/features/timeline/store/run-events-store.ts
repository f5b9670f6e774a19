/**
 * One run's timeline model, folded from the app's run event cache (the one copy of the
 * log: this store keeps no log, subscription or refetch of its own). It retains the run in
 * the cache while mounted, asks the cache to bring it up to date, and folds each append in
 * O(new events). Listeners are told at most once per animation frame, so a burst of deltas
 * redraws once.
 */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { eventsAfter, type CachedRun, type RunEventCache } from '../../../stores/run-event-cache';
import { applyEvent, createTimelineModel } from '../model/reduce';
import type { TimelineModel } from '../model/types';

type Listener = () => void;

const schedule: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (fn) => void requestAnimationFrame(() => fn()) : (fn) => void setTimeout(fn, 16);

/** The seq of the last event folded into a model (0 for none). */
export function modelLastSeq(model: TimelineModel): number {
  const n = model.events.length;
  return n ? model.events.seqAt(n - 1) : 0;
}

/**
 * Folds the events `held` has beyond what `model` has seen; false when it cannot (the cache
 * no longer holds the start). `added` (what the cache just appended) is used when it follows
 * on, so the events are not built a second time from the compact log.
 */
export function catchUpModel(model: TimelineModel, held: CachedRun, added?: readonly RunEventRecord[]): boolean {
  const last = modelLastSeq(model);
  if (held.firstSeq > last + 1) return false;
  for (const ev of added && added[0]?.seq === last + 1 ? added : eventsAfter(held, last)) applyEvent(model, ev);
  return true;
}

export class RunEventsStore {
  model: TimelineModel;
  loading = true;
  error: string | null = null;
  /** Bumps whenever listeners are notified; the React snapshot. */
  tick = 0;
  private listeners = new Set<Listener>();
  private detach: Array<() => void> = [];
  private notifyQueued = false;
  private stopped = false;

  constructor(
    private readonly cache: RunEventCache,
    readonly runId: string,
    private readonly threadId: string,
  ) {
    this.model = createTimelineModel(runId, threadId);
  }

  get lastSeq(): number {
    return modelLastSeq(this.model);
  }

  /** Safe to call again after `stop` (React StrictMode mounts effects twice). */
  start(): void {
    this.stop();
    this.stopped = false;
    this.detach = [this.cache.retain(this.runId, this.threadId), this.cache.onRun(this.runId, (held, added) => this.fold(held, added))];
    const held = this.cache.get(this.runId);
    // fold over the cache's log: the model reads the events from there instead of holding a copy
    if (held && this.model.events.length === 0) this.model = createTimelineModel(this.runId, this.threadId, undefined, held.events);
    if (held) this.fold(held);
    void this.cache.sync(this.runId, this.threadId).then((synced) => {
      if (this.stopped) return;
      this.fold(synced);
      if (this.loading && typeof performance !== 'undefined') performance.mark('timeline-events-applied');
      this.error = synced.error;
      this.loading = false;
      this.notify();
    });
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.detach) off();
    this.detach = [];
  }

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getTick = (): number => this.tick;

  private fold(held: CachedRun, added?: readonly RunEventRecord[]): void {
    if (!catchUpModel(this.model, held, added)) {
      // The cache dropped and re-fetched the run: rebuild from what it holds now.
      this.model = createTimelineModel(this.runId, this.threadId, undefined, held.events);
      catchUpModel(this.model, held);
    }
    this.notify();
  }

  private notify(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    schedule(() => {
      this.notifyQueued = false;
      this.tick++;
      for (const fn of this.listeners) fn();
    });
  }
}
