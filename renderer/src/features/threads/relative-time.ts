/** "now", "5m", "3h", "2d", or a date, for a Unix-seconds timestamp. */
export function relativeTime(sec: number, nowMs = Date.now()): string {
  const d = Math.max(0, Math.floor(nowMs / 1000 - sec));
  if (d < 45) return 'now';
  if (d < 3600) return `${Math.round(d / 60)}m`;
  if (d < 86400) return `${Math.round(d / 3600)}h`;
  if (d < 86400 * 7) return `${Math.round(d / 86400)}d`;
  return new Date(sec * 1000).toISOString().slice(0, 10);
}
