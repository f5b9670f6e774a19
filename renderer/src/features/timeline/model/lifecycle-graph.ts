/**
 * The run state machine of assistants-api.md §3 as a fixed graph (nodes with positions in a
 * 720×250 box, every legal edge), so the diagram can highlight the edges a run took.
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
  { id: 'start', x: 30, y: 60 },
  { id: 'queued', x: 130, y: 60 },
  { id: 'in_progress', x: 300, y: 60 },
  { id: 'requires_action', x: 500, y: 60 },
  { id: 'cancelling', x: 500, y: 150 },
  { id: 'completed', x: 170, y: 225 },
  { id: 'incomplete', x: 290, y: 225 },
  { id: 'failed', x: 410, y: 225 },
  { id: 'cancelled', x: 540, y: 225 },
  { id: 'expired', x: 660, y: 225 },
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
