/** Human durations for labels: 850 ms, 2.4 s, 3 m 12 s, 1 h 4 m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 60_000) return `${(ms / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
  if (a < 3_600_000) return `${Math.floor(a / 60_000)} m ${Math.round((a % 60_000) / 1000)} s`;
  return `${Math.floor(a / 3_600_000)} h ${Math.round((a % 3_600_000) / 60_000)} m`;
}

/** A time relative to the run start, for axis ticks and event tables: +1.250 s. */
export function formatOffset(ms: number): string {
  if (ms < 1000) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(3)} s`;
  const m = Math.floor(ms / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return m < 60 ? `+${m}:${s}` : `+${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}`;
}

/** Status names as people read them. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}
