/**
 * Replay playback and keyboard stepping over the event log. Playback advances one event at
 * a time with the recorded gap divided by the speed; keys jump to the next/previous event,
 * state change, tool call or error.
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import type { RunEventRecord } from '../../../../../electron/contract/events';
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

export function usePlayback(events: readonly RunEventRecord[]): Playback {
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
    const delay = Math.max(0, (events[pos].ts - events[pos - 1].ts) / playing);
    const id = setTimeout(() => setPos(pos + 1), delay);
    return () => clearTimeout(id);
  }, [playing, position, events, n]);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable) return;
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
