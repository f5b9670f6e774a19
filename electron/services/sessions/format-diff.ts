/** A run diff as terminal lines: one per aligned step, deltas, and the first divergence. */
import type { RunDiff } from './run-diff';

const MARK = { same: ' ', changed: '~', inserted: '+', deleted: '-' } as const;

export function formatRunDiff(d: RunDiff): string[] {
  const out = [`A ${d.run_a} (${d.status.a})  vs  B ${d.run_b} (${d.status.b})`];
  d.rows.forEach((row, i) => {
    const label = row.a?.key ?? row.b?.key ?? '';
    const first = d.divergence?.row === i ? '  ← first divergence' : '';
    out.push(`${MARK[row.kind]} ${String(i + 1).padStart(3)} ${label}${first}`);
    for (const c of row.changes) out.push(`        ${c.field}: ${JSON.stringify(c.a)} → ${JSON.stringify(c.b)}`);
  });
  const sign = (n: number | null) => (n === null ? 'n/a' : n > 0 ? `+${n}` : String(n));
  out.push(`tokens ${d.tokens.a} → ${d.tokens.b} (${sign(d.tokens.delta)}), latency ${d.latency_ms.a} ms → ${d.latency_ms.b} ms (${sign(d.latency_ms.delta)}), cost ${sign(d.cost_usd.delta)} USD`);
  out.push(d.divergence ? `First divergence: ${d.divergence.reason}` : 'Identical (apart from ids and times).');
  return out;
}
