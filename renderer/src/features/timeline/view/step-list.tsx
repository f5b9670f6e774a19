/**
 * The accessible twin of the canvas: status segments and the steps in the visible window as
 * real elements (buttons with labels), for keyboard users, screen readers and tests. Capped
 * so a 10,000-step run stays cheap.
 */
import type { MarkerKind, StatusSegment, StepBar, TimelineModel } from '../model/types';
import { formatDuration, formatOffset, statusLabel } from '../model/format';
import { formatCost } from '../../../../../electron/contract/pricing';
import { useCost } from '../../settings/use-prices';

const CAP = 200;

function inWindow(start: number, end: number, range: [number, number] | null): boolean {
  return !range || (end >= range[0] && start <= range[1]);
}

const SEGMENT_CAP = 48;

export function SegmentList({ model, openEnd, range }: { model: TimelineModel; openEnd: number; range: [number, number] | null }) {
  const shown: StatusSegment[] = [];
  let more = 0;
  // Only a long run is narrowed to what is in view; a short one lists everything.
  const narrow = model.segments.length > SEGMENT_CAP;
  for (const s of model.segments) {
    if (narrow && !inWindow(s.start, s.end ?? openEnd, range)) continue;
    if (shown.length < SEGMENT_CAP) shown.push(s);
    else more++;
  }
  return (
    <ol className="tl-segments" aria-label="Run status segments" data-testid="timeline-segments" data-total={model.segments.length}>
      {shown.map((s) => (
        <li key={s.startSeq} data-testid="timeline-segment" data-status={s.status} data-start-seq={s.startSeq} className={`tl-st tl-st-${s.status}`}>
          {statusLabel(s.status)} <span className="tl-muted">{s.end === s.start ? '' : formatDuration((s.end ?? openEnd) - s.start)}{s.end === null ? '…' : ''}</span>
        </li>
      ))}
      {more > 0 && <li className="tl-muted">+{more} more in view (zoom in to list them)</li>}
    </ol>
  );
}

export interface StepListProps {
  model: TimelineModel;
  openEnd: number;
  range: [number, number] | null;
  selectedStepId: string | null;
  onSelect(stepId: string): void;
}

/** One button per step (per step in view, when the run has more than the list holds), labelled like the canvas bars. */
export function StepList({ model, openEnd, range, selectedStepId, onSelect }: StepListProps) {
  const cost = useCost();
  const runModel = model.run?.model ?? '';
  const shown: StepBar[] = [];
  const narrow = model.steps.length > CAP;
  for (const s of model.steps) {
    if (!narrow || inWindow(s.start, s.end ?? openEnd, range)) shown.push(s);
    if (shown.length >= CAP) break;
  }
  return (
    <ol className="tl-steps" aria-label="Steps in view" data-testid="timeline-steps" data-total={model.steps.length}>
      {shown.map((s) => {
        const label = `#${s.ordinal} ${s.type}${s.calls.length ? `: ${s.calls.map((c) => c.name).join(', ')}` : ''}`;
        const usage = s.snapshot.usage;
        return (
          <li key={s.id}>
            <button
              type="button"
              data-testid="timeline-step"
              data-step-id={s.id}
              data-step-type={s.type}
              data-status={s.status}
              aria-pressed={s.id === selectedStepId}
              className={s.id === selectedStepId ? 'tl-step tl-step-selected' : 'tl-step'}
              onClick={() => onSelect(s.id)}
            >
              <span className={`tl-dot tl-st-${s.status}`} aria-hidden="true" />
              {label} <span className="tl-muted">· {s.status} · {formatDuration((s.end ?? openEnd) - s.start)}</span>
              {usage ? (
                <span className="tl-muted" data-testid="timeline-step-cost" title={`${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens`}>
                  {' '}
                  · {usage.total_tokens} tokens · {formatCost(cost(runModel, usage))}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
      {model.steps.length > shown.length && <li className="tl-muted">{model.steps.length - shown.length} more {model.steps.length - shown.length === 1 ? 'step' : 'steps'} outside the view (zoom in or pan to list them)</li>}
    </ol>
  );
}

const MARKER_LABEL: Record<MarkerKind, string> = {
  run_failed: 'run failed',
  step_failed: 'step failed',
  expired: 'expired',
  cancelled: 'cancelled',
  incomplete: 'incomplete',
  invalid_args: 'invalid arguments',
  exec_error: 'handler error',
  blocked: 'blocked by the tenant guard',
  model_error: 'model error',
};

/** Errors, expiry and validation failures as a list (the canvas draws them as diamonds). */
export function MarkerList({ model, onSelect }: { model: TimelineModel; onSelect(stepId: string, callId: string | null): void }) {
  if (!model.markers.length) return null;
  const base = model.firstTs ?? 0;
  return (
    <ul className="tl-markers" aria-label="Markers" data-testid="timeline-markers">
      {model.markers.slice(0, CAP).map((m) => (
        <li key={`${m.seq}-${m.kind}`} data-testid="timeline-marker" data-kind={m.kind} data-seq={m.seq} className={`tl-marker tl-marker-${m.kind}`}>
          <button type="button" disabled={!m.stepId} onClick={() => m.stepId && onSelect(m.stepId, m.callId)}>
            <strong>{MARKER_LABEL[m.kind]}</strong> <span className="tl-muted">{formatOffset(m.ts - base)} · seq {m.seq}</span> — {m.label}
          </button>
        </li>
      ))}
      {model.markers.length > CAP && <li className="tl-muted">{model.markers.length - CAP} more markers</li>}
    </ul>
  );
}
