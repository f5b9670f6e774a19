/**
 * React glue for the timeline: `useRunEvents` follows a run's log (through the app's run event cache); `useReplay` derives the
 * model at a scrub position (null = live) by extending a prefix model forwards in O(new
 * events) and rebuilding only when the scrub moves backwards.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useStores } from '../../../stores';
import { applyEvents, buildTimelineModel } from '../model/reduce';
import type { TimelineModel } from '../model/types';
import { RunEventsStore } from './run-events-store';

export interface RunEventsState {
  model: TimelineModel;
  tick: number;
  loading: boolean;
  error: string | null;
}

/** The live model of one run; re-renders at most once per frame while events arrive. */
export function useRunEvents(runId: string, threadId: string): RunEventsState {
  const cache = useStores().events;
  const store = useMemo(() => new RunEventsStore(cache, runId, threadId), [cache, runId, threadId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const tick = useSyncExternalStore(store.subscribe, store.getTick);
  return { model: store.model, tick, loading: store.loading, error: store.error };
}

/** The model to display: the live one, or the state after `position` events while replaying. */
export function useReplayModel(live: TimelineModel, position: number | null): TimelineModel {
  const cache = useRef<{ source: TimelineModel; model: TimelineModel } | null>(null);
  if (position === null || position >= live.events.length) return live;
  const c = cache.current;
  if (c && c.source === live && c.model.events.length <= position) {
    applyEvents(c.model, live.events, c.model.events.length, position);
    return c.model;
  }
  const model = buildTimelineModel(live.events, position, live.axis.gapThresholdMs);
  cache.current = { source: live, model };
  return model;
}

/** Wall-clock now, refreshed every `ms` while `active`. */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}
