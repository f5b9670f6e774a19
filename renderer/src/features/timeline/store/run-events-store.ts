/**
 * One run's live event log and its reduced model. Loads the recorded events, then follows
 * `run.event` pushes: an event with the next seq is applied in O(1); a seq gap triggers a
 * refetch after the last seq held; duplicates are dropped. Listeners are told at most once
 * per animation frame, so a burst of deltas redraws once.
 */
import type { RunLensBridge } from '../../../../../electron/contract/api';
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { applyEvent, createTimelineModel } from '../model/reduce';
import type { TimelineModel } from '../model/types';

type Listener = () => void;

const schedule: (fn: () => void) => void =
  typeof requestAnimationFrame === 'function' ? (fn) => void requestAnimationFrame(() => fn()) : (fn) => void setTimeout(fn, 16);

export class RunEventsStore {
  readonly model: TimelineModel;
  loading = true;
  error: string | null = null;
  /** Bumps whenever listeners are notified; the React snapshot. */
  tick = 0;
  private listeners = new Set<Listener>();
  private unsubscribe: (() => void) | null = null;
  private pending: RunEventRecord[] = [];
  private fetching = false;
  private notifyQueued = false;
  private stopped = false;

  constructor(private readonly bridge: RunLensBridge, readonly runId: string, threadId: string) {
    this.model = createTimelineModel(runId, threadId);
  }

  get lastSeq(): number {
    const ev = this.model.events[this.model.events.length - 1];
    return ev ? ev.seq : 0;
  }

  /** Safe to call again after `stop` (React StrictMode mounts effects twice). */
  start(): void {
    this.stopped = false;
    this.unsubscribe?.();
    this.unsubscribe = this.bridge.on('run.event', (ev) => {
      if (ev.run_id !== this.runId) return;
      this.pending.push(ev);
      if (!this.fetching) this.drain();
    });
    void this.refetch();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  subscribe = (fn: Listener): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getTick = (): number => this.tick;

  private async refetch(): Promise<void> {
    this.fetching = true;
    try {
      const events = await this.bridge.api.runs.events(this.runId, this.lastSeq);
      if (this.stopped) return;
      this.ingest(events);
      if (this.loading && typeof performance !== 'undefined') performance.mark('timeline-events-applied');
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.fetching = false;
      this.loading = false;
    }
    this.drain();
    this.notify();
  }

  private ingest(events: readonly RunEventRecord[]): boolean {
    let gap = false;
    for (const ev of events) {
      const next = this.lastSeq + 1;
      if (ev.seq < next) continue;
      if (ev.seq > next) {
        gap = true;
        break;
      }
      applyEvent(this.model, ev);
    }
    return gap;
  }

  private drain(): void {
    if (!this.pending.length || this.stopped) return;
    const batch = this.pending.sort((a, b) => a.seq - b.seq);
    this.pending = [];
    const gap = this.ingest(batch);
    if (gap) void this.refetch();
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
