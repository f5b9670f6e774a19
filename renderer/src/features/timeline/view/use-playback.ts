/**
 * Replay playback and keyboard stepping over the event log. Playback advances one event at
 * a time with the recorded gap divided by the speed; keys jump to the next/previous event,
 * state change, tool call or error.
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { tsOf, type EventSeq } from '../../../stores/event-log';
import { navigate, type NavKind } from '../model/navigation';
import type { Speed } from './replay-bar';

export interface Playback {
  position: number | null;
  playing: Speed | null;
  setPosition(pos: number | null): void;
  play(speed: Speed): void;
  pause(): void;
  onKeyDown(e: KeyboardEvent): void;
}

/** The shortest a whole replay at 1× takes, and the longest pause it adds per event. */
const MIN_PLAY_MS = 4000;
const MAX_FLOOR_MS = 250;

/**
 * How long playback waits before applying the next event: the recorded gap, but never less
 * than a floor that spreads a short run over a few seconds (a whole replay takes at least
 * 4 s at 1× and 1 s at 4×), so a 20-event, 100 ms run does not replay "instantly".
 */
export function replayDelay(prevTs: number, ts: number, eventCount: number, speed: Speed): number {
  const floor = Math.min(MAX_FLOOR_MS, MIN_PLAY_MS / Math.max(1, eventCount));
  return Math.max(floor, ts - prevTs) / speed;
}

export function usePlayback(events: EventSeq): Playback {
  const [position, setPos] = useState<number | null>(null);
  const [playing, setPlaying] = useState<Speed | null>(null);
  const n = events.length;

  const setPosition = useCallback((pos: number | null) => {
    setPlaying(null);
    setPos(pos === null ? null : Math.max(1, Math.min(n, pos)));
  }, [n]);

  const play = useCallback((speed: Speed) => {
    setPos((p) => (p === null || p >= n ? 1 : p));
    setPlaying(speed);
  }, [n]);
  const pause = useCallback(() => setPlaying(null), []);

  useEffect(() => {
    if (!playing) return;
    const pos = position ?? n;
    if (pos >= n) {
      setPlaying(null);
      return;
    }
    const delay = replayDelay(tsOf(events, pos - 1), tsOf(events, pos), n, playing);
    const id = setTimeout(() => setPos(pos + 1), delay);
    return () => clearTimeout(id);
  }, [playing, position, events, n]);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // The replay slider keeps plain arrows (one event) but Shift+arrows move one state change, like elsewhere.
    const slider = target instanceof HTMLInputElement && target.type === 'range';
    if (slider && !(e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft'))) return;
    if (!slider && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    const pos = position ?? n;
    const go = (kind: NavKind, dir: 1 | -1) => setPosition(navigate(events, pos, kind, dir));
    switch (e.key) {
      case 'ArrowRight':
        go(e.shiftKey ? 'state' : 'event', 1);
        break;
      case 'ArrowLeft':
        go(e.shiftKey ? 'state' : 'event', -1);
        break;
      case ']':
        go('tool', 1);
        break;
      case '[':
        go('tool', -1);
        break;
      case 'e':
        go('error', 1);
        break;
      case 'E':
        go('error', -1);
        break;
      case 'Home':
        setPosition(1);
        break;
      case 'End':
        setPosition(null);
        break;
      case ' ':
        if (playing) pause();
        else play(1);
        break;
      default:
        return;
    }
    e.preventDefault();
  }, [position, n, events, setPosition, playing, pause, play]);

  return { position, playing, setPosition, play, pause, onKeyDown };
}
