/**
 * The run as a sequence diagram (see model/sequence.ts for what the arrows mean). Drawn as
 * plain SVG by React: a sequence diagram's layout is a fixed grid (a column per lifeline, a
 * row per exchange), so a layout engine would add weight without solving anything, and
 * owning the elements lets every arrow be a focusable control that selects its step, follow
 * the theme's CSS variables and export as a standalone SVG file.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { formatOffset } from '../model/format';
import { SequenceBuilder, type ArrowTone, type Lifeline, type SequenceArrow } from '../model/sequence';
import type { TimelineModel } from '../model/types';
import { downloadText, standaloneSvg } from './export-svg';

const GUTTER = 66;
const LANE_W = 142;
const HEAD_H = 46;
const ROW_H = 26;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

const TONE_COLOR: Record<ArrowTone, string> = {
  normal: 'var(--fg)',
  reply: 'var(--fg-muted)',
  error: 'var(--danger)',
  warn: 'var(--st-requires_action)',
  done: 'var(--ok)',
};

const LIFELINE_COLOR: Record<Lifeline['kind'], string> = {
  client: 'var(--fg)',
  runtime: 'var(--accent)',
  model: 'var(--st-in_progress)',
  handler: 'var(--ok)',
};

/** Keeps one incremental builder per model: O(new events) per frame while a run is live. */
function useSequence(model: TimelineModel) {
  const ref = useRef<{ model: TimelineModel; builder: SequenceBuilder } | null>(null);
  let entry = ref.current;
  if (!entry || entry.model !== model || entry.builder.applied > model.events.length) {
    entry = { model, builder: new SequenceBuilder() };
    ref.current = entry;
  }
  entry.builder.apply(model.events);
  return entry.builder.diagram();
}

export interface SequenceDiagramProps {
  model: TimelineModel;
  selectedStepId: string | null;
  onSelect(stepId: string, callId: string | null): void;
}

/** The run's sequence diagram; arrows with a step select it; a live run's new exchanges appear as they are logged. */
export function SequenceDiagram({ model, selectedStepId, onSelect }: SequenceDiagramProps) {
  const { lifelines, arrows, firstTs } = useSequence(model);
  const svgRef = useRef<SVGSVGElement>(null);
  const x = new Map(lifelines.map((l, i) => [l.id, GUTTER + i * LANE_W + LANE_W / 2]));
  const width = GUTTER + lifelines.length * LANE_W + 40;
  const height = HEAD_H + arrows.length * ROW_H + 16;
  const base = firstTs ?? 0;

  const exportSvg = () => {
    if (!svgRef.current) return;
    downloadText(`${model.runId || 'run'}-sequence.svg`, standaloneSvg(svgRef.current));
  };

  const row = (a: SequenceArrow, i: number) => {
    const y = HEAD_H + i * ROW_H + ROW_H * 0.72;
    const x1 = x.get(a.from) ?? GUTTER;
    const x2 = x.get(a.to) ?? GUTTER;
    const color = TONE_COLOR[a.tone];
    const selected = a.stepId !== null && a.stepId === selectedStepId;
    const time = formatOffset(a.ts - base);
    const fromName = lifelines.find((l) => l.id === a.from)?.label ?? a.from;
    const toName = lifelines.find((l) => l.id === a.to)?.label ?? a.to;
    const name = `${time}: ${fromName} to ${toName}, ${a.label}`;
    const select = a.stepId ? () => onSelect(a.stepId as string, a.callId) : undefined;
    const onKey = (e: KeyboardEvent) => {
      if (select && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        e.stopPropagation();
        select();
      }
    };
    const self = a.from === a.to;
    const left = Math.min(x1, x2);
    const dir = x2 >= x1 ? 1 : -1;
    return (
      <g
        key={`${a.seq}-${i}`}
        className={`tl-seq-arrow${select ? ' tl-seq-clickable' : ''}${selected ? ' tl-seq-selected' : ''}`}
        data-testid="sequence-arrow"
        data-seq={a.seq}
        data-from={a.from}
        data-to={a.to}
        data-step-id={a.stepId ?? undefined}
        data-selected={selected || undefined}
        role={select ? 'button' : undefined}
        tabIndex={select ? 0 : undefined}
        aria-label={name}
        aria-pressed={select ? selected : undefined}
        onClick={select}
        onKeyDown={onKey}
      >
        <title>{name}</title>
        <rect x={0} y={HEAD_H + i * ROW_H} width={width} height={ROW_H} style={{ fill: selected ? 'var(--bg-hover)' : 'transparent' }} />
        <text x={8} y={y + 4} style={{ fill: 'var(--fg-muted)', fontSize: 10.5, fontFamily: FONT }}>{time}</text>
        {self ? (
          <path d={`M ${x1} ${y - 6} h 18 v 8 h -14`} style={{ fill: 'none', stroke: color, strokeWidth: selected ? 2.2 : 1.3 }} markerEnd={`url(#tl-seq-head-${a.tone})`} />
        ) : (
          <line x1={x1} y1={y} x2={x2 - dir * 2} y2={y} style={{ stroke: color, strokeWidth: selected ? 2.2 : 1.3, strokeDasharray: a.tone === 'reply' ? '5 3' : undefined }} markerEnd={`url(#tl-seq-head-${a.tone})`} />
        )}
        <text
          x={self ? x1 + 24 : left + 8}
          y={self ? y + 1 : y - 5}
          style={{ fill: a.tone === 'normal' || a.tone === 'reply' ? 'var(--fg)' : color, fontSize: 11, fontFamily: FONT, fontWeight: selected ? 700 : 400, paintOrder: 'stroke', stroke: selected ? 'var(--bg-hover)' : 'var(--bg)', strokeWidth: 3 }}
        >
          {a.label}
        </text>
      </g>
    );
  };

  return (
    <figure className="tl-diagram tl-seq" data-testid="sequence-diagram" data-arrows={arrows.length}>
      <div className="tl-seq-bar">
        <span className="tl-muted">{arrows.length ? `${arrows.length} exchanges · ${lifelines.length} lifelines` : 'No events yet'}</span>
        <button type="button" onClick={exportSvg} disabled={!arrows.length} data-testid="sequence-export">
          Export SVG
        </button>
      </div>
      <div className="tl-seq-scroll">
        <svg ref={svgRef} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Sequence diagram of run ${model.runId}`} style={{ background: 'var(--bg)' }}>
          <defs>
            {(Object.keys(TONE_COLOR) as ArrowTone[]).map((tone) => (
              <marker key={tone} id={`tl-seq-head-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" style={{ fill: TONE_COLOR[tone] }} />
              </marker>
            ))}
          </defs>
          <rect x={0} y={0} width={width} height={height} style={{ fill: 'var(--bg)' }} />
          {lifelines.map((l) => {
            const cx = x.get(l.id) as number;
            return (
              <g key={l.id} data-testid="sequence-lifeline" data-lifeline={l.id}>
                <line x1={cx} y1={HEAD_H - 4} x2={cx} y2={height - 6} style={{ stroke: 'var(--border)', strokeWidth: 1.2, strokeDasharray: '3 3' }} />
                <rect x={cx - LANE_W / 2 + 8} y={4} width={LANE_W - 16} height={HEAD_H - 12} rx={6} style={{ fill: 'var(--bg-elev)', stroke: LIFELINE_COLOR[l.kind], strokeWidth: 1.4 }} />
                <text x={cx} y={20} textAnchor="middle" style={{ fill: 'var(--fg)', fontSize: 12, fontWeight: 600, fontFamily: FONT }}>{l.label}</text>
                <text x={cx} y={33} textAnchor="middle" style={{ fill: 'var(--fg-muted)', fontSize: 10.5, fontFamily: FONT }}>{l.detail}</text>
              </g>
            );
          })}
          {arrows.map(row)}
        </svg>
      </div>
    </figure>
  );
}

const SEQUENCE_CSS = `
.tl-diagram-switch { display: flex; flex-direction: column; gap: 6px; min-width: 0; }
.tl-seg { display: inline-flex; align-self: flex-start; border: 1px solid var(--border); border-radius: var(--radius); overflow: hidden; }
.tl-seg button { background: var(--bg-elev); color: var(--fg-muted); border: 0; padding: 2px 12px; font: inherit; cursor: pointer; }
.tl-seg button + button { border-left: 1px solid var(--border); }
.tl-seg button.on { background: var(--accent); color: var(--accent-fg); }
.tl-seq { display: flex; flex-direction: column; gap: 6px; }
.tl-seq-bar { display: flex; align-items: center; gap: 8px; justify-content: space-between; }
.tl-seq-bar button { background: var(--bg-elev); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius); padding: 2px 10px; font: inherit; cursor: pointer; }
.tl-seq-scroll { overflow-x: auto; border-radius: var(--radius); }
.tl-seq-scroll svg { width: auto; max-width: none; height: auto; display: block; }
.tl-seq-clickable { cursor: pointer; }
.tl-seq-clickable:hover rect:first-of-type { fill: var(--bg-hover) !important; }
.tl-seq-clickable:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
`;

export type DiagramKind = 'lifecycle' | 'sequence';

/** Lifecycle or sequence: two views of the same run in one slot, switched by tabs. */
export function DiagramSwitch({ lifecycle, sequence }: { lifecycle: React.ReactNode; sequence: React.ReactNode }) {
  const [kind, setKind] = useState<DiagramKind>('lifecycle');
  const tabs: Array<{ id: DiagramKind; label: string }> = [
    { id: 'lifecycle', label: 'Lifecycle' },
    { id: 'sequence', label: 'Sequence' },
  ];
  return (
    <div className="tl-diagram-switch">
      <style>{SEQUENCE_CSS}</style>
      <div className="tl-seg" role="tablist" aria-label="Run diagram">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={kind === t.id} className={kind === t.id ? 'on' : ''} onClick={() => setKind(t.id)} data-testid={`diagram-tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      {kind === 'lifecycle' ? lifecycle : sequence}
    </div>
  );
}
