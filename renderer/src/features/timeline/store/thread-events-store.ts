/**
 * All runs of a thread, each reduced to its own model, on one shared time axis. Runs are
 * loaded oldest first; new runs and events arrive through the same `run.event` push (a run
 * seen for the first time, or a seq gap, is fetched from the log).
 */
import type { RunLensBridge } from '../../../../../electron/contract/api';
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { applyEvent, createTimelineModel } from '../model/reduce';
import { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';

export class ThreadEventsStore {
  readonly runs = new Map<string, TimelineModel>();
  order: string[] = [];
  axis = new TimeAxis();
  loading = true;
  error: string | null = null;
  tick = 0;
  private listeners = new Set<() => void>();
  private off: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly bridge: RunLensBridge, readonly threadId: string) {}

  /** Safe to call again after `stop` (React StrictMode mounts effects twice). */
  start(): void {
    this.stopped = false;
    this.off?.();
    this.off = this.bridge.on('run.event', (ev) => {
      if (ev.thread_id !== this.threadId) return;
      const m = this.runs.get(ev.run_id);
      const last = m?.events[m.events.length - 1]?.seq ?? 0;
      if (m && ev.seq === last + 1) {
        applyEvent(m, ev);
        this.axis.push(ev.ts);
        this.notify();
      } else if (!m || ev.seq > last + 1) void this.fetchRun(ev.run_id);
    });
    void this.load();
  }

  stop(): void {
    this.stopped = true;
    this.off?.();
    this.off = null;
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getTick = () => this.tick;

  private loads = 0;

  /** Loads every run into fresh models; only the latest load (StrictMode may start two) commits. */
  private async load(): Promise<void> {
    const load = ++this.loads;
    try {
      const runs = await this.bridge.api.runs.list(this.threadId);
      const models = new Map<string, TimelineModel>();
      const all: RunEventRecord[] = [];
      // runs.list is newest first; reversing before a stable sort keeps same-second runs in order
      for (const run of [...runs].reverse().sort((a, b) => a.created_at - b.created_at)) {
        const events = await this.bridge.api.runs.events(run.id, 0);
        const m = createTimelineModel(run.id, this.threadId);
        for (const ev of events) applyEvent(m, ev);
        models.set(run.id, m);
        all.push(...events);
      }
      if (this.stopped || load !== this.loads) return;
      for (const [id, m] of this.runs) if (!models.has(id)) models.set(id, m); // runs that appeared meanwhile
      this.runs.clear();
      for (const [id, m] of models) this.runs.set(id, m);
      this.order = [...models.keys()];
      all.sort((a, b) => a.ts - b.ts);
      this.axis = new TimeAxis();
      for (const ev of all) this.axis.push(ev.ts);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loading = false;
    this.notify();
  }

  private async fetchRun(runId: string): Promise<void> {
    let m = this.runs.get(runId);
    if (!m) {
      m = createTimelineModel(runId, this.threadId);
      this.runs.set(runId, m);
      this.order.push(runId);
    }
    const after = m.events[m.events.length - 1]?.seq ?? 0;
    const events = await this.bridge.api.runs.events(runId, after);
    for (const ev of events) {
      if (ev.seq !== (m.events[m.events.length - 1]?.seq ?? 0) + 1) continue;
      applyEvent(m, ev);
      this.axis.push(ev.ts);
    }
    this.notify();
  }

  private notify(): void {
    this.tick++;
    for (const fn of this.listeners) fn();
  }
}
