import type { PendingCall } from '../../../../electron/contract/api';
import { JsonBlock } from '../../components/JsonBlock';
import { useInbox, useStores } from '../../stores';
import type { OutputSource } from '../../stores/inbox-rules';

const SOURCES: Array<{ id: OutputSource; label: string }> = [
  { id: 'manual', label: 'Type' },
  { id: 'mock', label: 'Mock' },
  { id: 'live', label: 'Live' },
];

/** One pending call: its arguments with the schema check, and how it will be answered (Ctrl/Cmd+Enter in the output submits all). */
export function PendingCallCard({ runId, call, liveAvailable, onSubmit }: { runId: string; call: PendingCall; liveAvailable: boolean; onSubmit(): void }) {
  const draft = useInbox((s) => s.drafts[call.call_id]);
  const { inbox } = useStores();
  const source = draft?.source ?? 'manual';
  return (
    <div className="pending-call" data-call-id={call.call_id} data-function={call.function}>
      <div className="tool-call-head">
        <span className="fn-name">ƒ {call.function}</span>
        <span className="muted mono small">{call.call_id}</span>
      </div>
      <JsonBlock text={call.arguments} label={`Arguments of ${call.function}`} />
      {call.validation_errors?.length ? (
        <ul className="validation bad" aria-label="Argument problems">
          {call.validation_errors.map((e) => (
            <li key={e}>✗ {e}</li>
          ))}
        </ul>
      ) : (
        <div className="validation ok">✓ arguments match the schema</div>
      )}
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
