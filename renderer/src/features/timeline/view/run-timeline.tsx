/**
 * One run, debugged: header, canvas lanes, replay bar, lifecycle diagram, step list and
 * step inspector. Live runs follow their events; any position on the replay slider shows
 * the state after that many events everywhere at once.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useUi } from '../../../stores';
import { isTerminalStatus } from '../model/reduce';
import { formatDuration, statusLabel } from '../model/format';
import { useNow, useReplayModel, useRunEvents } from '../store/use-run-timeline';
import { LifecycleDiagram } from './lifecycle-diagram';
import { REPLAY_KEYS, ReplayBar } from './replay-bar';
import { DiagramSwitch, SequenceDiagram } from './sequence-diagram';
import { StepInspector } from './step-inspector';
import { MarkerList, SegmentList, StepList } from './step-list';
import { TIMELINE_CSS } from './styles';
import { TimelineCanvas } from './timeline-canvas';
import { usePlayback } from './use-playback';

export function RunTimeline({ threadId, runId }: { threadId: string; runId: string }) {
  const { model: live, tick, loading, error } = useRunEvents(runId, threadId);
  const playback = usePlayback(live.events);
  const [selection, setSelection] = useState<{ stepId: string; callId: string | null } | null>(null);
  const [range, setRange] = useState<[number, number] | null>(null);
  const [expanded, setExpanded] = useState(false);
  // scrubbing back over 100k events rebuilds the prefix; deferring lets React skip stale positions
  const shownPosition = useDeferredValue(playback.position);
  const model = useReplayModel(live, shownPosition);
  const replaying = model !== live;
  const terminal = isTerminalStatus(live.status);
  const now = useNow(!terminal && live.events.length > 0);
  const liveEnd = live.lastTs === null ? now : terminal ? live.lastTs : Math.max(now, live.lastTs);
  const openEnd = replaying ? (model.lastTs ?? 0) : liveEnd;
  const axis = useMemo(
    () => (!terminal && live.lastTs !== null && liveEnd > live.lastTs ? live.axis.extendedTo(liveEnd) : live.axis),
    // live.axis mutates in place; tick and liveEnd tell when to rebuild
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live, tick, terminal, liveEnd],
  );
  // A search hit or a diff asks for a step: select it once the run's events have it.
  const focusStep = useUi((s) => s.stepId);
  const hasFocusStep = focusStep !== null && live.stepById.has(focusStep);
  useEffect(() => {
    if (focusStep && hasFocusStep) setSelection({ stepId: focusStep, callId: null });
  }, [focusStep, hasFocusStep]);
  const step = selection ? (model.stepById.get(selection.stepId) ?? null) : null;
  const duration = live.firstTs !== null ? liveEnd - live.firstTs : 0;

  return (
    <div className={expanded ? 'tl-root tl-expanded' : 'tl-root'} data-testid="run-timeline" data-expanded={expanded} data-run-id={runId} data-status={model.status ?? ''} data-replaying={replaying} tabIndex={-1} onKeyDown={(e) => {
        if (e.key === 'Escape' && expanded) {
          // One layer at a time: the narrow window's drawer stays open.
          e.preventDefault();
          setExpanded(false);
        } else playback.onKeyDown(e);
      }}>
      <style>{TIMELINE_CSS}</style>
      <div className="tl-head">
        <h2>Run <code>{runId}</code></h2>
        {model.status && <span className={`tl-pill tl-st tl-st-${model.status}`} data-testid="timeline-status">{statusLabel(model.status)}</span>}
        <span className="tl-muted">
          {live.events.length} events · {live.steps.length} steps · {formatDuration(duration)}
          {replaying ? ' · replaying' : terminal ? '' : ' · live'}
        </span>
        {loading && <span className="tl-muted">loading…</span>}
        {error && <span className="tl-err" role="alert">{error}</span>}
        <button type="button" className="tl-expand" onClick={() => setExpanded((v) => !v)} aria-pressed={expanded} data-testid="timeline-expand" title={expanded ? 'Back to the panel (Esc)' : 'Use the whole window'}>
          {expanded ? '✕ Close' : '⤢ Expand'}
        </button>
      </div>
      <TimelineCanvas
        model={model}
        version={model.version + tick}
        axis={axis}
        openEnd={openEnd}
        cursorTs={replaying ? model.lastTs : null}
        selectedStepId={selection?.stepId ?? null}
        onSelect={(stepId, callId) => setSelection({ stepId, callId })}
        onVisibleRange={(a, b) => setRange([a, b])}
      />
      <div className="tl-legend" aria-hidden="true">
        <span><i style={{ background: 'var(--st-in_progress)' }} />generation</span>
        <span><i style={{ background: 'var(--st-requires_action)', opacity: 0.5 }} />waiting for output</span>
        <span><i style={{ background: 'var(--ok)' }} />mock</span>
        <span><i style={{ background: 'var(--live)' }} />live</span>
        <span><i style={{ background: 'var(--danger)' }} />error</span>
        <span><i style={{ background: 'var(--bg-sunken)', border: '1px dashed var(--fg-muted)' }} />idle gap (compressed)</span>
      </div>
      <ReplayBar events={live.events} position={playback.position} playing={playback.playing} onPosition={playback.setPosition} onPlay={playback.play} onPause={playback.pause} live={!terminal} />
      <div className="tl-keys">{REPLAY_KEYS}</div>
      <SegmentList model={model} openEnd={openEnd} range={range} />
      <MarkerList model={model} onSelect={(stepId, callId) => setSelection({ stepId, callId })} />
      <div className="tl-main">
        <div className="tl-side">
          <DiagramSwitch
            lifecycle={<LifecycleDiagram model={model} now={replaying ? (model.lastTs ?? now) : now} />}
            sequence={<SequenceDiagram model={model} selectedStepId={selection?.stepId ?? null} onSelect={(stepId, callId) => setSelection({ stepId, callId })} />}
          />
          <StepList model={model} openEnd={openEnd} range={range} selectedStepId={selection?.stepId ?? null} onSelect={(stepId) => setSelection({ stepId, callId: null })} />
        </div>
        {selection && !step ? (
          <div className="tl-inspector tl-muted" data-testid="step-inspector">This step does not exist yet at the replay position.</div>
        ) : (
          <StepInspector model={model} step={step} selectedCallId={selection?.callId ?? null} openEnd={openEnd} />
        )}
      </div>
    </div>
  );
}
