import type { RunStatus } from '../../../../electron/contract/objects';
import type { LiveExecution, LiveToolCall } from '../../stores/run-reducer';
import { isActive } from '../../stores/selectors';
import { JsonBlock } from '../../components/JsonBlock';
import { otherArgumentsReason, ranWithOtherArguments } from '../../stores/executed-arguments';

/** A function call inside a run: name, (streaming) arguments, then its output once answered — or why it never will be. */
export function ToolCallCard({ call, execution, invalid, runStatus }: { call: LiveToolCall; execution?: LiveExecution; invalid?: string[]; runStatus?: RunStatus }) {
  const ended = runStatus !== undefined && !isActive(runStatus);
  const ranWith = execution ? ranWithOtherArguments(call.arguments, execution.arguments) : null;
  return (
    <div className="tool-call" data-call-id={call.id}>
      <div className="tool-call-head">
        <span className="fn-name">ƒ {call.name || '…'}</span>
        <span className="muted mono">{call.id}</span>
        {execution ? <span className="tag">{execution.running ? `${execution.mode} running…` : `${execution.mode}${execution.duration_ms != null ? ` · ${execution.duration_ms} ms` : ''}`}</span> : null}
      </div>
      <JsonBlock text={call.arguments} label={`Arguments of ${call.name}`} />
      {ranWith !== null ? (
        <div className="ran-with" data-testid="ran-with">
          <div>
            <span className="ran-with-mark">✎ ran with edited arguments</span>{' '}
            <span className="muted small">{otherArgumentsReason(execution?.trigger)}; the model sent the arguments above</span>
          </div>
          <JsonBlock text={ranWith} label={`Arguments ${call.name} ran with`} />
        </div>
      ) : null}
      {invalid?.length ? <div className="inline-error">Invalid arguments: {invalid.join('; ')}</div> : null}
      {execution?.error ? <div className="inline-error">Handler error: {execution.error}</div> : null}
      {call.output != null ? (
        <div className="tool-output">
          <span className="muted">output</span>
          <JsonBlock text={call.output} label={`Output of ${call.name}`} />
        </div>
      ) : ended ? (
        <div className="muted small" data-testid="call-unanswered">never answered — the run was {(runStatus ?? '').replace('_', ' ')}</div>
      ) : (
        <div className="muted small">waiting for output…</div>
      )}
    </div>
  );
}
