/**
 * All runs of a thread, each folded into its own model, on one shared time axis. Events
 * come from the app's run event cache (no log, subscription or refetch of its own): runs
 * are loaded oldest first through the cache, and a new run or event of the thread arrives
 * as a cache append.
 */
import type { RunLensApi } from '../../../../../electron/contract/api';
import type { RunEventRecord } from '../../../../../electron/contract/events';
import type { CachedRun, RunEventCache } from '../../../stores/run-event-cache';
import { createTimelineModel } from '../model/reduce';
import { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';
import { catchUpModel, modelLastSeq } from './run-events-store';

export class ThreadEventsStore {
  readonly runs = new Map<string, TimelineModel>();
  order: string[] = [];
  axis = new TimeAxis();
  loading = true;
  error: string | null = null;
  tick = 0;
  private listeners = new Set<() => void>();
  private detach: Array<() => void> = [];
  private retained = new Map<string, () => void>();
  private stopped = false;
  private loads = 0;

  constructor(
    private readonly api: Pick<RunLensApi, 'runs'>,
    private readonly cache: RunEventCache,
    readonly threadId: string,
  ) {}

  /** Safe to call again after `stop` (React StrictMode mounts effects twice). */
  start(): void {
    this.stop();
    this.stopped = false;
    this.detach = [
      this.cache.onAppend((held, added) => {
        if (held.threadId !== this.threadId || this.loading) return;
        this.fold(held, added);
        this.notify();
      }),
    ];
    void this.load();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.detach) off();
    this.detach = [];
    for (const release of this.retained.values()) release();
    this.retained.clear();
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getTick = () => this.tick;

  private retain(runId: string): void {
    if (!this.retained.has(runId)) this.retained.set(runId, this.cache.retain(runId, this.threadId));
  }

  /** Folds a run's new events into its model (a run seen for the first time gets a row). */
  private fold(held: CachedRun, added: readonly RunEventRecord[]): void {
    let m = this.runs.get(held.runId);
    if (!m) {
      m = createTimelineModel(held.runId, this.threadId, undefined, held.events);
      this.runs.set(held.runId, m);
      this.order.push(held.runId);
      this.retain(held.runId);
    }
    const before = modelLastSeq(m);
    if (!catchUpModel(m, held, added)) return;
    for (const ev of added) if (ev.seq > before) this.axis.push(ev.ts);
  }

  /** Loads every run through the cache into fresh models; only the latest load (StrictMode may start two) commits. */
  private async load(): Promise<void> {
    const load = ++this.loads;
    this.loading = true;
    try {
      const runs = await this.api.runs.list(this.threadId);
      // runs.list is newest first; reversing before a stable sort keeps same-second runs in order
      const ordered = [...runs].reverse().sort((a, b) => a.created_at - b.created_at);
      for (const run of ordered) this.retain(run.id);
      const held: CachedRun[] = [];
      for (const run of ordered) held.push(await this.cache.ensure(run.id, this.threadId));
      if (this.stopped || load !== this.loads) return;
      // runs that appeared while we loaded
      for (const h of this.cache.all()) if (h.threadId === this.threadId && !held.includes(h)) held.push(h);
      this.runs.clear();
      this.order = [];
      const all: number[] = [];
      for (const h of held) {
        const m = createTimelineModel(h.runId, this.threadId, undefined, h.events);
        catchUpModel(m, h);
        this.runs.set(h.runId, m);
        this.order.push(h.runId);
        this.retain(h.runId);
        for (let i = 0; i < m.events.length; i++) all.push(m.events.tsAt(i));
      }
      all.sort((a, b) => a - b);
      this.axis = new TimeAxis();
      for (const ts of all) this.axis.push(ts);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loading = false;
    this.notify();
  }

  private notify(): void {
    this.tick++;
    for (const fn of this.listeners) fn();
  }
}
