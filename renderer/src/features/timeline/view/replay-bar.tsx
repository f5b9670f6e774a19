/**
 * Replay controls: a slider over the event log (position = events applied), play at 1× or
 * 4× with the recorded timing or jump instantly to the end, and "Live" to follow the run.
 */
import type { EventSeq } from '../../../stores/event-log';
import { formatOffset } from '../model/format';

export type Speed = 1 | 4;

export interface ReplayBarProps {
  events: EventSeq;
  /** null = live (everything, following new events) */
  position: number | null;
  playing: Speed | null;
  onPosition(pos: number | null): void;
  onPlay(speed: Speed): void;
  onPause(): void;
  /** The run can still change (not finished): "Live" follows it; a finished run offers "End". */
  live?: boolean;
}

export function ReplayBar({ events, position, playing, onPosition, onPlay, onPause, live = true }: ReplayBarProps) {
  const n = events.length;
  const pos = position ?? n;
  const ev = events.at(pos - 1);
  const base = events.at(0)?.ts ?? 0;
  return (
    <div className="tl-replay" data-testid="replay-bar">
      <button type="button" onClick={() => (playing ? onPause() : onPlay(1))} disabled={n === 0} data-testid="replay-play-1x">
        {playing === 1 ? '❚❚ Pause' : '▶ 1×'}
      </button>
      <button type="button" onClick={() => (playing ? onPause() : onPlay(4))} disabled={n === 0} data-testid="replay-play-4x">
        {playing === 4 ? '❚❚ Pause' : '▶ 4×'}
      </button>
      <button type="button" onClick={() => onPosition(n)} disabled={n === 0} data-testid="replay-instant" title="Show the end at once">
        Instant
      </button>
      <input
        type="range"
        min={n ? 1 : 0}
        max={n}
        value={pos}
        step={1}
        aria-label="Replay position (event)"
        data-testid="replay-slider"
        onChange={(e) => onPosition(Number(e.target.value))}
      />
      <span className="tl-replay-pos" data-testid="replay-position" data-position={pos} data-total={n}>
        {n === 0 ? 'no events' : `event ${pos} / ${n}${ev ? ` · seq ${ev.seq} · ${formatOffset(ev.ts - base)} · ${ev.type}` : ''}`}
      </span>
      <button type="button" className={position === null && live ? 'tl-live tl-live-on' : 'tl-live'} onClick={() => onPosition(null)} data-testid="replay-live" aria-pressed={position === null} title={live ? 'Follow the run as it happens' : 'Show the finished run (its end)'}>
        {live ? '● Live' : '⇥ End'}
      </button>
    </div>
  );
}

/** Keyboard help shown under the bar. */
export const REPLAY_KEYS = '←/→ event · Shift+←/→ state change · [ / ] tool call · E / Shift+E error · Home/End · Space play/pause · +/−/0 zoom';
