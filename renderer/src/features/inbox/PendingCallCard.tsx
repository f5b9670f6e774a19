import { useState } from 'react';
import type { PendingCall } from '../../../../electron/contract/api';
import { JsonBlock } from '../../components/JsonBlock';
import { useInbox, useStores } from '../../stores';
import type { OutputSource } from '../../stores/inbox-rules';

const SOURCES: Array<{ id: OutputSource; label: string }> = [
  { id: 'manual', label: 'Type' },
  { id: 'mock', label: 'Mock' },
  { id: 'live', label: 'Live' },
];

/**
 * After A or D on a held call, focus goes to the run's next held call that is still undecided
 * (wrapping round), else to an empty output of a call answered by hand, so a keyboard user
 * works through the calls without Tab-hunting.
 */
function focusNextHeld(from: HTMLElement): void {
  const cards = [...(from.closest('.inbox-run') ?? document).querySelectorAll<HTMLElement>('.pending-call[data-approval="ask"]')];
  const at = cards.indexOf(from);
  const order = [...cards.slice(at + 1), ...cards.slice(0, Math.max(at, 0))];
  const next = order.find((c) => !c.dataset.decided);
  if (next) return next.focus();
  // Every held call is decided: a call of the same run answered by hand is next, at its output.
  const root = from.closest('.inbox-run') ?? document;
  [...root.querySelectorAll<HTMLTextAreaElement>('.pending-call:not([data-approval]) textarea')].find((t) => t.value === '')?.focus();
}

/** One pending call: its arguments with the schema check, and how it will be answered (Ctrl/Cmd+Enter in the output submits all). */
export function PendingCallCard({ runId, call, liveAvailable, onSubmit }: { runId: string; call: PendingCall; liveAvailable: boolean; onSubmit(): void }) {
  const draft = useInbox((s) => s.drafts[call.call_id]);
  const { inbox } = useStores();
  const source = draft?.source ?? 'manual';
  const [edited, setEdited] = useState<string | null>(null);
  const args = edited ?? call.effective_arguments ?? call.arguments;
  const approve = () => void inbox.getState().approve(runId, call.call_id, args);
  const deny = () => void inbox.getState().deny(runId, call.call_id);
  /** Approved and executed: running it again would repeat its side effects, so A and Approve are gone. */
  const approved = Boolean(call.approval && draft?.source === 'live' && !draft.busy && !draft.error && (draft.output ?? '') !== '');
  const denied = Boolean(call.approval && draft?.source === 'manual' && (draft.output ?? '').startsWith('{"error":"denied'));
  return (
    <div
      className="pending-call"
      data-call-id={call.call_id}
      data-function={call.function}
      data-approval={call.approval ? 'ask' : undefined}
      data-decided={approved ? 'approved' : denied ? 'denied' : undefined}
      tabIndex={call.approval ? 0 : undefined}
      role={call.approval ? 'group' : undefined}
      aria-label={call.approval ? (approved ? `${call.function} approved and run` : `${call.function} waits for approval: A approves, D denies`) : undefined}
      aria-keyshortcuts={call.approval && !approved ? 'A D' : undefined}
      onKeyDown={(e) => {
        if (!call.approval || e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
        const key = e.key.toLowerCase();
        if (key !== 'a' && key !== 'd') return;
        e.preventDefault();
        if (approved || draft?.busy) return;
        if (key === 'a') approve();
        else deny();
        focusNextHeld(e.currentTarget);
      }}
    >
      <div className="tool-call-head">
        <span className="fn-name">ƒ {call.function}</span>
        {call.handler && call.handler !== 'manual' ? <span className="badge">{call.handler}</span> : null}
        <span className="muted mono small">{call.call_id}</span>
      </div>
      {call.approval ? (
        <textarea
          className="output-input mono"
          aria-label={`Arguments to run ${call.function} with`}
          value={args}
          readOnly={approved}
          rows={Math.min(8, Math.max(2, args.split('\n').length))}
          onChange={(e) => {
            setEdited(e.target.value);
            // A refused approval's message is about the old arguments: editing them clears it.
            if (draft?.error && draft.source === 'live') void inbox.getState().choose(runId, call.call_id, 'manual');
          }}
        />
      ) : (
        <JsonBlock text={call.arguments} label={`Arguments of ${call.function}`} />
      )}
      {call.blocked_reason ? <div className="blocked-note">⛔ {call.blocked_reason}</div> : null}
      {call.validation_errors?.length ? (
        <ul className="validation bad" aria-label="Argument problems">
          {call.validation_errors.map((e) => (
            <li key={e}>✗ {e}</li>
          ))}
        </ul>
      ) : (
        <div className="validation ok">✓ arguments match the schema</div>
      )}
      {approved ? (
        <div className="approval-done" role="status">
          ✓ Approved and run live; its output goes with the run’s other outputs.
        </div>
      ) : call.approval ? (
        <div className="approval-bar">
          <button className="btn btn-small btn-primary" disabled={draft?.busy} onClick={approve} title="Run it live with these arguments (A)">
            {draft?.busy ? 'Running…' : edited !== null ? 'Approve edited' : 'Approve'} <kbd>A</kbd>
          </button>
          <button className="btn btn-small btn-danger" disabled={draft?.busy} onClick={deny} title="The model gets a denial as the output (D)">
            Deny <kbd>D</kbd>
          </button>
          <span className="muted small">{denied ? 'Denied: the model gets the denial below.' : 'or answer it by hand below'}</span>
          <span className="keys-hint small" aria-hidden="true">
            focused: <kbd>A</kbd> approve · <kbd>D</kbd> deny · <kbd>Alt+J</kbd> next call
          </span>
        </div>
      ) : null}
      <div className="segmented" role="radiogroup" aria-label={`How to answer ${call.function}`}>
        {SOURCES.map((s) => (
          <button
            key={s.id}
            role="radio"
            aria-checked={source === s.id}
            className={source === s.id ? 'on' : ''}
            disabled={s.id === 'live' && !liveAvailable}
            title={s.id === 'live' && !liveAvailable ? 'No live handler is configured for this function yet' : undefined}
            onClick={() => void inbox.getState().choose(runId, call.call_id, s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      {source === 'manual' ? (
        <textarea
          className="output-input mono"
          aria-label={`Output for ${call.function}`}
          placeholder="The function's output (any text; JSON is common)"
          value={draft?.output ?? ''}
          onChange={(e) => inbox.getState().setOutput(call.call_id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onSubmit();
            }
          }}
          rows={3}
        />
      ) : draft?.busy ? (
        <div className="muted small">Running the {source}…</div>
      ) : draft?.error ? (
        <div className="inline-error">{draft.error}</div>
      ) : (
        <div>
          {draft?.warning ? (
            <div className="inline-error" role="alert">
              ⚠ {draft.warning}
            </div>
          ) : null}
          <span className="muted small">{source} output</span>
          <JsonBlock text={draft?.output ?? ''} label={`Mock output for ${call.function}`} />
        </div>
      )}
    </div>
  );
}
