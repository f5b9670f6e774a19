import { useRef } from 'react';
import type { DiffRow, RunDiff } from '../../../../electron/contract/sessions';

const MARK: Record<DiffRow['kind'], string> = { same: '=', changed: '~', inserted: '+', deleted: '−' };

function signed(n: number | null, unit = ''): string {
  if (n === null) return 'n/a';
  return `${n > 0 ? '+' : ''}${n}${unit}`;
}

function stepLabel(row: DiffRow): string {
  const s = row.a ?? row.b;
  if (!s) return '';
  return s.type === 'message_creation' ? 'message' : s.calls.map((c) => c.name).join(', ');
}

/**
 * Two runs side by side: steps aligned (insertions and deletions marked), the changed fields of
 * each pair as line diffs, token/latency/cost deltas, and the first divergence marked with a
 * button that jumps to it. Clicking a step opens that run at that step on the timeline.
 */
export function DiffView({ diff, onOpenStep }: { diff: RunDiff; onOpenStep: (runId: string, stepId: string) => void }) {
  const firstRef = useRef<HTMLLIElement>(null);
  const jump = () => {
    firstRef.current?.scrollIntoView({ block: 'center' });
    firstRef.current?.focus();
  };
  return (
    <section className="run-diff" aria-label="Run diff" data-testid="run-diff">
      <div className="diff-summary">
        <div>
          <strong>A</strong> <span className="mono small">{diff.run_a}</span> · {diff.status.a}
        </div>
        <div>
          <strong>B</strong> <span className="mono small">{diff.run_b}</span> · {diff.status.b}
        </div>
        <div className="muted small">
          tokens {diff.tokens.a} → {diff.tokens.b} ({signed(diff.tokens.delta)}) · latency {signed(diff.latency_ms.delta, ' ms')} · cost{' '}
          {diff.cost_usd.delta === null ? 'n/a' : `${signed(diff.cost_usd.delta)} USD`}
        </div>
        {diff.divergence ? (
          <div className="diff-verdict diverged" role="status">
            First divergence: {diff.divergence.reason}{' '}
            {diff.divergence.row !== null ? (
              <button className="btn btn-small" onClick={jump}>
                Jump to first divergence
              </button>
            ) : null}
          </div>
        ) : (
          <div className="diff-verdict identical" role="status">
            Identical (apart from ids and times)
          </div>
        )}
      </div>
      {diff.rows.length === 0 ? <div className="list-empty">Neither run has steps.</div> : null}
      <ol className="diff-rows">
        {diff.rows.map((row, i) => {
          const first = diff.divergence?.row === i;
          return (
            <li
              key={i}
              ref={first ? firstRef : undefined}
              tabIndex={first ? -1 : undefined}
              className={`diff-row diff-${row.kind}${first ? ' diff-first' : ''}`}
              data-kind={row.kind}
              data-first-divergence={first || undefined}
            >
              <div className="diff-row-head">
                <span className="diff-mark" aria-label={row.kind}>
                  {MARK[row.kind]}
                </span>
                <span>
                  {i + 1}. {stepLabel(row)}
                </span>
                {first ? <span className="diff-first-label">first divergence</span> : null}
                <span className="spacer" />
                {row.tokens_delta ? <span className="muted small">tokens {signed(row.tokens_delta)}</span> : null}
                {row.a ? (
                  <button className="btn btn-small" onClick={() => onOpenStep(diff.run_a, row.a!.id)} title="Open run A at this step">
                    A
                  </button>
                ) : null}
                {row.b ? (
                  <button className="btn btn-small" onClick={() => onOpenStep(diff.run_b, row.b!.id)} title="Open run B at this step">
                    B
                  </button>
                ) : null}
              </div>
              {row.changes.map((c) => (
                <div key={c.field} className="diff-field">
                  <div className="muted small mono">{c.field}</div>
                  <pre className="diff-lines">
                    {c.lines.map((l, k) => (
                      <div key={k} className={`dl-${l.op}`}>
                        {l.op === 'add' ? '+ ' : l.op === 'del' ? '- ' : '  '}
                        {l.text}
                      </div>
                    ))}
                  </pre>
                </div>
              ))}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
