/**
 * The run lifecycle as a graph: only the transitions the contract's table allows, drawn
 * quiet, with the path this run took drawn strong on top (with its count and last time),
 * the current status filled, and a countdown to expiry while the run waits for outputs.
 */
import { LIFECYCLE_NODES, LIFECYCLE_VIEW, NODE_H, NODE_W, expiryCountdown, lifecycleEdges } from '../model/lifecycle-graph';
import type { TimelineModel } from '../model/types';
import { formatDuration, formatOffset, statusLabel } from '../model/format';
import { layoutEdges } from './lifecycle-geometry';

export function LifecycleDiagram({ model, now }: { model: TimelineModel; now: number }) {
  const edges = lifecycleEdges(model);
  const geometry = layoutEdges(edges);
  const ordered = [...edges].sort((x, y) => Number(x.taken !== null) - Number(y.taken !== null));
  const countdown = expiryCountdown(model, now);
  const base = model.firstTs ?? 0;
  const visited = new Set<string>([...model.edges.values()].map((e) => e.to));
  const taken = [...model.edges.values()].map((e) => `${statusLabel(e.from)} to ${statusLabel(e.to)} ×${e.count}`).join(', ');
  return (
    <figure className="tl-diagram" data-testid="lifecycle-diagram" data-status={model.status ?? ''}>
      <svg viewBox={`0 0 ${LIFECYCLE_VIEW.width} ${LIFECYCLE_VIEW.height}`} role="img" aria-label={`Run lifecycle: ${taken || 'not started'}`}>
        <defs>
          <marker id="tl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--accent)" />
          </marker>
          <marker id="tl-arrow-quiet" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--border)" />
          </marker>
        </defs>
        {/* quiet edges first, so the run's path is drawn over them */}
        {ordered.map((e) => {
          const key = `${e.from}->${e.to}`;
          const cls = ['tl-edge', e.taken ? 'tl-edge-taken' : 'tl-edge-quiet', e.unexpected ? 'tl-edge-unexpected' : ''].join(' ').trim();
          return (
            <g key={key} className={cls} data-testid={e.taken ? 'lifecycle-edge-taken' : 'lifecycle-edge'} data-edge={key} data-count={e.taken?.count}>
              <path d={geometry.get(key)!.d} fill="none" markerEnd={e.taken ? 'url(#tl-arrow)' : 'url(#tl-arrow-quiet)'} />
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
        {/* counts and times on the visited edges only, above the nodes so none is hidden */}
        {ordered.map((e) => {
          if (!e.taken || e.from === 'start') return null;
          const key = `${e.from}->${e.to}`;
          const g = geometry.get(key)!;
          const toLeft = g.end.x < g.start.x - 1 || g.label.x > LIFECYCLE_VIEW.width - 120;
          return (
            <text key={key} className="tl-edge-label" data-edge-label={key} x={g.label.x} y={g.label.horizontal ? g.label.y - 6 : g.label.y + 4} dx={g.label.horizontal ? 0 : toLeft ? -6 : 6} textAnchor={g.label.horizontal ? 'middle' : toLeft ? 'end' : 'start'}>
              ×{e.taken.count} · {formatOffset(e.taken.times[e.taken.times.length - 1] - base)}
              <title>{e.taken.times.map((t) => formatOffset(t - base)).join(', ')}</title>
            </text>
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
