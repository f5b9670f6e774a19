import { useEffect, useState } from 'react';
import { secondsLeft } from '../stores/inbox-rules';

/** Ticks once a second; the current time in ms. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** "9:41 left" until a Unix-seconds deadline; warns in the last minute. */
export function Countdown({ expiresAt }: { expiresAt: number | null }) {
  const now = useNow();
  const left = secondsLeft(expiresAt, now);
  if (left == null) return null;
  const text = left === 0 ? 'expired' : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
  return (
    <span className={`countdown${left < 60 ? ' urgent' : ''}`} title="Time before the run expires">
      {text}
    </span>
  );
}
