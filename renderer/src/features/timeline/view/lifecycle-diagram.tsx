/**
 * The run state machine as a graph: every legal transition drawn faint, the ones this run
 * took bold with their count and last time, the current status ringed, and a countdown to
 * expiry while the run waits for tool outputs.
 */
import { LIFECYCLE_NODES, expiryCountdown, lifecycleEdges, type LifecycleNodeId } from '../model/lifecycle-graph';
import type { TimelineModel } from '../model/types';
import { formatDuration, formatOffset, statusLabel } from '../model/format';

const NODE_W = 104;
const NODE_H = 26;

function pos(id: LifecycleNodeId) {
  return LIFECYCLE_NODES.find((n) => n.id === id) ?? { id, x: 360, y: 140 };
}

function edgePath(from: LifecycleNodeId, to: LifecycleNodeId): { d: string; lx: number; ly: number } {
  const a = pos(from);
  const b = pos(to);
  if (from === 'requires_action' && to === 'queued') {
    // the resume loop arcs over the top
    return { d: `M ${b.x + 10} ${b.y - NODE_H / 2} C ${b.x + 60} ${b.y - 60}, ${a.x - 60} ${a.y - 60}, ${a.x - 10} ${a.y - NODE_H / 2}`, lx: (a.x + b.x) / 2, ly: a.y - 40 };
  }
  const horizontal = Math.abs(a.y - b.y) < 5;
  const sx = horizontal ? a.x + (b.x > a.x ? NODE_W / 2 : -NODE_W / 2) * (from === 'start' ? 0.15 : 1) : a.x;
  const sy = horizontal ? a.y : a.y + NODE_H / 2;
  const ex = horizontal ? b.x - (b.x > a.x ? NODE_W / 2 : -NODE_W / 2) : b.x;
  const ey = horizontal ? b.y : b.y - NODE_H / 2;
  return { d: `M ${sx} ${sy} L ${ex} ${ey}`, lx: (sx + ex) / 2, ly: (sy + ey) / 2 };
}

function horizontalLabel(from: LifecycleNodeId, to: LifecycleNodeId): boolean {
  return Math.abs(pos(from).y - pos(to).y) < 5 || (from === 'requires_action' && to === 'queued');
}

export function LifecycleDiagram({ model, now }: { model: TimelineModel; now: number }) {
  const edges = lifecycleEdges(model);
  const countdown = expiryCountdown(model, now);
  const base = model.firstTs ?? 0;
  const visited = new Set<string>([...model.edges.values()].map((e) => e.to));
  const taken = [...model.edges.values()].map((e) => `${statusLabel(e.from)} to ${statusLabel(e.to)} ×${e.count}`).join(', ');
  return (
    <figure className="tl-diagram" data-testid="lifecycle-diagram" data-status={model.status ?? ''}>
      <svg viewBox="0 0 720 262" role="img" aria-label={`Run lifecycle: ${taken || 'not started'}`}>
        <defs>
          <marker id="tl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor" />
          </marker>
        </defs>
        {edges.map((e) => {
          const { d, lx, ly } = edgePath(e.from, e.to);
          const taken = e.taken;
          return (
            <g key={`${e.from}->${e.to}`} className={taken ? 'tl-edge tl-edge-taken' : 'tl-edge'} data-testid={taken ? 'lifecycle-edge-taken' : undefined} data-edge={`${e.from}->${e.to}`} data-count={taken?.count}>
              <path d={d} fill="none" markerEnd="url(#tl-arrow)" />
              {taken && e.from !== 'start' && (
                <text x={lx} y={horizontalLabel(e.from, e.to) ? ly - 6 : ly} dx={horizontalLabel(e.from, e.to) ? 0 : 8} textAnchor={horizontalLabel(e.from, e.to) ? 'middle' : 'start'}>
                  ×{taken.count} · {formatOffset(taken.times[taken.times.length - 1] - base)}
                  <title>{taken.times.map((t) => formatOffset(t - base)).join(', ')}</title>
                </text>
              )}
            </g>
          );
        })}
        {LIFECYCLE_NODES.map((n) => {
          const current = model.status === n.id || (n.id === 'start' && model.status === null);
          const cls = ['tl-node', visited.has(n.id) || (n.id === 'start' && model.segments.length > 0) ? 'tl-node-visited' : '', current ? 'tl-node-current' : ''].join(' ');
          if (n.id === 'start') return <circle key={n.id} className={cls} cx={n.x} cy={n.y} r={7} />;
          return (
            <g key={n.id} className={cls} data-node={n.id} style={{ ['--node-color' as string]: `var(--st-${n.id})` }}>
              <rect x={n.x - NODE_W / 2} y={n.y - NODE_H / 2} width={NODE_W} height={NODE_H} rx={13} />
              <text x={n.x} y={n.y + 4} textAnchor="middle">{statusLabel(n.id)}</text>
            </g>
          );
        })}
      </svg>
      {countdown !== null && (
        <figcaption className={countdown < 60 ? 'tl-countdown tl-err' : 'tl-countdown'} data-testid="expiry-countdown">
          Waiting for tool outputs — expires in {formatDuration(countdown * 1000)}
        </figcaption>
      )}
    </figure>
  );
}
