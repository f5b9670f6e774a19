/**
 * The run lifecycle as a graph to draw. Its edges are the contract's transition table
 * (`RUN_TRANSITIONS`) plus the entry edge, never a copy of it, so the diagram shows exactly
 * what the runtime allows. Nodes have fixed places in a 720×272 box: the working statuses
 * on top, `cancelling` in the middle, the terminal statuses at the bottom.
 */
import type { RunStatus } from '../../../../../electron/contract/objects';
import { INITIAL_RUN_STATUS, runTransitionPairs } from '../../../../../electron/contract/run-lifecycle';
import type { EdgeStat, TimelineModel } from './types';

export type LifecycleNodeId = RunStatus | 'start';

export interface LifecycleNode {
  id: LifecycleNodeId;
  x: number;
  y: number;
}

export const LIFECYCLE_VIEW = { width: 720, height: 272 } as const;
export const NODE_W = 104;
export const NODE_H = 26;
const ROW_TOP = 64;
const ROW_MID = 150;
const ROW_BOTTOM = 250;

export const LIFECYCLE_NODES: readonly LifecycleNode[] = [
  { id: 'start', x: 16, y: ROW_TOP },
  { id: 'queued', x: 110, y: ROW_TOP },
  { id: 'in_progress', x: 320, y: ROW_TOP },
  { id: 'requires_action', x: 560, y: ROW_TOP },
  { id: 'cancelling', x: 620, y: ROW_MID },
  { id: 'completed', x: 70, y: ROW_BOTTOM },
  { id: 'incomplete', x: 210, y: ROW_BOTTOM },
  { id: 'failed', x: 350, y: ROW_BOTTOM },
  { id: 'expired', x: 490, y: ROW_BOTTOM },
  { id: 'cancelled', x: 620, y: ROW_BOTTOM },
];

/** Every edge the diagram may draw: the entry edge, then the contract's table in its order. */
export function lifecycleTransitions(): Array<readonly [LifecycleNodeId, RunStatus]> {
  return [['start', INITIAL_RUN_STATUS], ...runTransitionPairs()];
}

export interface LifecycleEdgeView {
  from: LifecycleNodeId;
  to: RunStatus;
  taken: EdgeStat | null;
  /** True when the table does not allow it (a runtime surprise worth seeing). */
  unexpected: boolean;
}

/** The table's edges with what the run did on them, plus any taken edge the table does not know. */
export function lifecycleEdges(model: TimelineModel): LifecycleEdgeView[] {
  const allowed = lifecycleTransitions();
  const views: LifecycleEdgeView[] = allowed.map(([from, to]) => ({ from, to, taken: model.edges.get(`${from}->${to}`) ?? null, unexpected: false }));
  for (const stat of model.edges.values()) {
    if (!allowed.some(([f, t]) => f === stat.from && t === stat.to)) views.push({ from: stat.from, to: stat.to, taken: stat, unexpected: true });
  }
  return views;
}

/** Seconds until a waiting run expires (run.expires_at is in seconds), or null. */
export function expiryCountdown(model: TimelineModel, nowMs: number): number | null {
  const run = model.run;
  if (!run || run.status !== 'requires_action' || run.expires_at === null) return null;
  return Math.max(0, run.expires_at - nowMs / 1000);
}
