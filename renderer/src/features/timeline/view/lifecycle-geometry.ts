/**
 * Where the lifecycle diagram's edges run. Edges between rows leave a node's bottom and
 * enter the target's top at their own port (spread by the other end's position), as
 * S-curves, so they fan out instead of meeting in one point and crossing over the nodes;
 * edges within a row join the nodes' sides; the resume loop (requires_action → queued)
 * arcs over the top row. Every path ends on its target's border, where the arrow points.
 */
import { LIFECYCLE_NODES, NODE_H, NODE_W, type LifecycleNodeId } from '../model/lifecycle-graph';

export interface EdgeGeometry {
  d: string;
  /** Start and end of the path (the arrow tip is at the end). */
  start: { x: number; y: number };
  end: { x: number; y: number };
  /** Where a label sits, and whether it reads along a horizontal edge. */
  label: { x: number; y: number; horizontal: boolean };
}

/** A node's centre (an unknown status sits in the middle, so a surprise edge still shows). */
export function nodeAt(id: LifecycleNodeId): { x: number; y: number } {
  return LIFECYCLE_NODES.find((n) => n.id === id) ?? { x: 360, y: 140 };
}

const sameRow = (a: { y: number }, b: { y: number }) => Math.abs(a.y - b.y) < 5;

/** Spreads `k` ports across 70% of a node's width, in order. */
function portX(centre: number, index: number, count: number): number {
  if (count <= 1) return centre;
  const span = Math.min(NODE_W * 0.7, (count - 1) * 16);
  return centre - span / 2 + (span * index) / (count - 1);
}

/** The geometry of every edge in `edges`, keyed `from->to`. */
export function layoutEdges(edges: ReadonlyArray<{ from: LifecycleNodeId; to: LifecycleNodeId }>): Map<string, EdgeGeometry> {
  const vertical = edges.filter((e) => !sameRow(nodeAt(e.from), nodeAt(e.to)));
  const outPorts = new Map<string, number>();
  const inPorts = new Map<string, number>();
  const assign = (ports: Map<string, number>, group: (e: (typeof vertical)[number]) => LifecycleNodeId, other: (e: (typeof vertical)[number]) => LifecycleNodeId) => {
    const byNode = new Map<LifecycleNodeId, typeof vertical>();
    for (const e of vertical) byNode.set(group(e), [...(byNode.get(group(e)) ?? []), e]);
    for (const [node, list] of byNode) {
      const sorted = [...list].sort((a, b) => nodeAt(other(a)).x - nodeAt(other(b)).x);
      sorted.forEach((e, i) => ports.set(`${e.from}->${e.to}`, portX(nodeAt(node).x, i, sorted.length)));
    }
  };
  assign(outPorts, (e) => e.from, (e) => e.to);
  assign(inPorts, (e) => e.to, (e) => e.from);
  const out = new Map<string, EdgeGeometry>();
  for (const e of edges) {
    const key = `${e.from}->${e.to}`;
    const a = nodeAt(e.from);
    const b = nodeAt(e.to);
    if (e.from === 'requires_action' && e.to === 'queued') {
      const start = { x: a.x - 10, y: a.y - NODE_H / 2 };
      const end = { x: b.x + 10, y: b.y - NODE_H / 2 };
      out.set(key, { d: `M ${start.x} ${start.y} C ${a.x - 60} ${a.y - 50}, ${b.x + 60} ${b.y - 50}, ${end.x} ${end.y}`, start, end, label: { x: (a.x + b.x) / 2, y: a.y - 38, horizontal: true } });
    } else if (sameRow(a, b)) {
      const dir = b.x > a.x ? 1 : -1;
      const start = { x: a.x + dir * (e.from === 'start' ? 7 : NODE_W / 2), y: a.y };
      const end = { x: b.x - dir * (NODE_W / 2), y: b.y };
      out.set(key, { d: `M ${start.x} ${start.y} L ${end.x} ${end.y}`, start, end, label: { x: (start.x + end.x) / 2, y: a.y - 6, horizontal: true } });
    } else {
      const down = b.y > a.y ? 1 : -1;
      const start = { x: outPorts.get(key) ?? a.x, y: a.y + (down * NODE_H) / 2 };
      const end = { x: inPorts.get(key) ?? b.x, y: b.y - (down * NODE_H) / 2 };
      const midY = (start.y + end.y) / 2;
      out.set(key, { d: `M ${start.x} ${start.y} C ${start.x} ${midY}, ${end.x} ${midY}, ${end.x} ${end.y}`, start, end, label: { x: (start.x + end.x) / 2, y: midY, horizontal: false } });
    }
  }
  return out;
}
