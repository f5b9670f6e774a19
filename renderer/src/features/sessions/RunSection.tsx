import { useEffect, useMemo, useState } from 'react';
import type { RunDetails } from '../../../../electron/contract/api';
import type { ForkEdit, ReexecuteSummary, RunDiff, RunOrigin } from '../../../../electron/contract/sessions';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';
import { DiffView } from './DiffView';
import { ForkForm } from './ForkForm';

interface Props {
  runId: string;
  /** Other runs to compare with (the thread's, newest first). */
  runIds: string[];
  onOpenRun: (runId: string, stepId: string | null) => void;
}

function verdict(s: ReexecuteSummary): string {
  if (!s.settled) return `waits for tool outputs (${s.status}): answer it in the Inbox`;
  return s.identical ? 'identical to the original' : `diverged: ${s.reason ?? 'unknown'}`;
}

/** Re-run, fork, lineage and diff for one recorded run. */
export function RunSection({ runId, runIds, onOpenRun }: Props) {
  const { api } = useBridge();
  const [details, setDetails] = useState<RunDetails | null>(null);
  const [lineage, setLineage] = useState<{ origin: RunOrigin | null; children: RunOrigin[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<ReexecuteSummary | null>(null);
  const [diff, setDiff] = useState<RunDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const [forking, setForking] = useState(false);

  useEffect(() => {
    setDiff(null);
    setResult(null);
    setForking(false);
  }, [runId]);

  useEffect(() => {
    let stale = false;
    Promise.all([api.runs.get(runId), api.sessions.lineage(runId)]).then(
      ([d, l]) => {
        if (stale) return;
        setDetails(d);
        setLineage(l);
      },
      (e: unknown) => !stale && setError(errorMessage(e)),
    );
    return () => {
      stale = true;
    };
  }, [api, runId, result]);

  const choices = useMemo(() => {
    const ids = new Set<string>([...runIds, ...(lineage?.children.map((c) => c.run_id) ?? []), ...(lineage?.origin ? [lineage.origin.parent_run_id] : [])]);
    ids.delete(runId);
    return [...ids];
  }, [runIds, lineage, runId]);

  const act = async (label: string, fn: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const compare = (a: string, b: string) => act('Comparing', async () => setDiff(await api.sessions.diff(a, b)));
  const rerun = (mode: 'replay' | 'live') =>
    act(mode === 'replay' ? 'Re-running from the recording' : 'Re-running live', async () => {
      const r = await api.sessions.rerun(runId, { mode });
      setResult(r);
      if (r.settled) setDiff(await api.sessions.diff(runId, r.run_id));
    });
  const fork = (stepId: string, edit: ForkEdit) =>
    act('Forking', async () => {
      const r = await api.sessions.fork(runId, stepId, edit);
      setForking(false);
      setResult(r);
      if (r.settled) setDiff(await api.sessions.diff(runId, r.run_id));
    });

  const active = details ? ['queued', 'in_progress', 'requires_action', 'cancelling'].includes(details.run.status) : true;
  return (
    <section className="sessions-section" aria-label="Re-run, fork and compare">
      <h3>
        Run <span className="mono small">{runId}</span>
      </h3>
      {lineage?.origin ? (
        <p className="small">
          {lineage.origin.kind === 'fork' ? 'Fork' : 'Re-run'} of{' '}
          <button className="link" onClick={() => onOpenRun(lineage.origin!.parent_run_id, lineage.origin!.parent_step_id)}>
            {lineage.origin.parent_run_id}
          </button>
          {lineage.origin.parent_step_id ? <> at step <span className="mono">{lineage.origin.parent_step_id}</span></> : null}
          {lineage.origin.identical === true ? ' · identical' : lineage.origin.divergence ? ` · ${lineage.origin.divergence.reason}` : ''}{' '}
          <button className="btn btn-small" onClick={() => void compare(lineage.origin!.parent_run_id, runId)}>
            Diff with parent
          </button>
        </p>
      ) : null}
      {lineage && lineage.children.length > 0 ? (
        <div className="small">
          Re-runs and forks of this run:
          <ul className="lineage-children">
            {lineage.children.map((c) => (
              <li key={c.run_id}>
                <button className="link" onClick={() => onOpenRun(c.run_id, null)}>
                  {c.kind} {c.run_id}
                </button>{' '}
                <span className="muted">{c.identical === null ? '(running or waiting)' : c.identical ? 'identical' : (c.divergence?.reason ?? 'diverged')}</span>{' '}
                <button className="btn btn-small" onClick={() => void compare(runId, c.run_id)}>
                  Diff
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row-actions">
        <button className="btn btn-small" disabled={active || busy !== null} onClick={() => void rerun('replay')} title="Replay the recorded model rounds and tool outputs on a copy of the thread">
          Re-run (replay)
        </button>
        <button className="btn btn-small" disabled={active || busy !== null} onClick={() => void rerun('live')} title="Run again with the current model and handlers">
          Re-run live
        </button>
        <button className="btn btn-small" disabled={active || busy !== null || !details} onClick={() => setForking((f) => !f)} aria-expanded={forking}>
          Fork from a step…
        </button>
      </div>
      {active && details ? <div className="muted small">The run is {details.run.status}: re-run and fork once it has ended.</div> : null}
      {forking && details ? <ForkForm details={details} busy={busy !== null} onFork={(s, e) => void fork(s, e)} onCancel={() => setForking(false)} /> : null}
      <label className="inline-field">
        <span>Compare with</span>
        <select value={other} onChange={(e) => setOther(e.target.value)} aria-label="Run to compare with">
          <option value="">choose a run…</option>
          {choices.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <button className="btn btn-small" disabled={!other || busy !== null} onClick={() => void compare(runId, other)}>
          Diff
        </button>
      </label>
      {busy ? (
        <div className="muted small" role="status" aria-live="polite">
          {busy}…
        </div>
      ) : null}
      {error ? <div className="inline-error">{error}</div> : null}
      {result ? (
        <div className="rerun-result" role="status" data-testid="rerun-result">
          New run <button className="link" onClick={() => onOpenRun(result.run_id, null)}>{result.run_id}</button>: {verdict(result)}
        </div>
      ) : null}
      {diff ? <DiffView diff={diff} onOpenStep={(r, s) => onOpenRun(r, s)} /> : null}
    </section>
  );
}
