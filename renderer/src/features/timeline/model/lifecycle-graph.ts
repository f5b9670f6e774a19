/**
 * The run state machine of assistants-api.md §3 as a fixed graph (nodes with positions in a
 * 720×270 box, every legal edge), so the diagram can highlight the edges a run took.
 */
import type { RunStatus } from '../../../../../electron/contract/objects';
import type { EdgeStat, TimelineModel } from './types';

export type LifecycleNodeId = RunStatus | 'start';

export interface LifecycleNode {
  id: LifecycleNodeId;
  x: number;
  y: number;
}

export const LIFECYCLE_NODES: readonly LifecycleNode[] = [
  { id: 'start', x: 16, y: 70 },
  { id: 'queued', x: 110, y: 70 },
  { id: 'in_progress', x: 340, y: 70 },
  { id: 'requires_action', x: 600, y: 70 },
  { id: 'cancelling', x: 600, y: 160 },
  { id: 'completed', x: 120, y: 240 },
  { id: 'incomplete', x: 245, y: 240 },
  { id: 'failed', x: 370, y: 240 },
  { id: 'cancelled', x: 500, y: 240 },
  { id: 'expired', x: 660, y: 240 },
];

/** Every transition the runtime may take. */
export const LIFECYCLE_EDGES: ReadonlyArray<readonly [LifecycleNodeId, RunStatus]> = [
  ['start', 'queued'],
  ['queued', 'in_progress'],
  ['in_progress', 'requires_action'],
  ['requires_action', 'queued'],
  ['in_progress', 'completed'],
  ['in_progress', 'incomplete'],
  ['queued', 'failed'],
  ['in_progress', 'failed'],
  ['queued', 'cancelling'],
  ['in_progress', 'cancelling'],
  ['requires_action', 'cancelling'],
  ['cancelling', 'cancelled'],
  ['cancelling', 'completed'],
  ['cancelling', 'failed'],
  ['queued', 'expired'],
  ['in_progress', 'expired'],
  ['requires_action', 'expired'],
  ['cancelling', 'expired'],
];

export interface LifecycleEdgeView {
  from: LifecycleNodeId;
  to: RunStatus;
  taken: EdgeStat | null;
  /** True when the graph did not list it (a runtime surprise worth seeing). */
  unexpected: boolean;
}

/** Legal edges with what the run did on them, plus any taken edge the table does not know. */
export function lifecycleEdges(model: TimelineModel): LifecycleEdgeView[] {
  const views: LifecycleEdgeView[] = LIFECYCLE_EDGES.map(([from, to]) => ({ from, to, taken: model.edges.get(`${from}->${to}`) ?? null, unexpected: false }));
  for (const stat of model.edges.values()) {
    if (!LIFECYCLE_EDGES.some(([f, t]) => f === stat.from && t === stat.to)) views.push({ from: stat.from, to: stat.to, taken: stat, unexpected: true });
  }
  return views;
}

/** Seconds until a waiting run expires (run.expires_at is in seconds), or null. */
export function expiryCountdown(model: TimelineModel, nowMs: number): number | null {
  const run = model.run;
  if (!run || run.status !== 'requires_action' || run.expires_at === null) return null;
  return Math.max(0, run.expires_at - nowMs / 1000);
}
