import type { Run } from '../../../../electron/contract/objects';
import { StatusBadge } from '../../components/StatusBadge';
import { useRuns, useUi, useStores } from '../../stores';
import type { RunPart } from '../../stores/selectors';
import { isActive } from '../../stores/selectors';
import { formatCost } from '../../../../electron/contract/pricing';
import { useCost } from '../settings/use-prices';
import { MessageBubble } from './MessageBubble';
import { ToolCallCard } from './ToolCallCard';

/** A run in the chat: a status line, then its tool calls and replies as they stream. */
export function RunBlock({ run, parts }: { run: Run; parts: RunPart[] }) {
  const live = useRuns((s) => s.live[run.id]);
  const version = useRuns((s) => s.versions[run.id]);
  const { ui } = useStores();
  const selectedRun = useUi((s) => s.runId);
  const active = isActive(run.status);
  const cost = useCost();
  return (
    <div className={`run-block${selectedRun === run.id ? ' selected' : ''}`} data-run-id={run.id} data-run-status={run.status}>
      <div className="run-line">
        <StatusBadge status={run.status} />
        <button className="link mono small" onClick={() => ui.getState().set({ runId: run.id, rightTab: 'timeline' })} title="Show this run on the timeline">
          {run.id}
        </button>
        <span className="muted small">{run.model}</span>
        {version != null ? (
          <span className="tag" title="The assistant version this run used">
            v{version}
          </span>
        ) : null}
        {run.usage ? (
          <span className="muted small" title={`${run.usage.prompt_tokens} prompt + ${run.usage.completion_tokens} completion tokens`}>
            {run.usage.total_tokens} tokens · {formatCost(cost(run.model, run.usage))}
          </span>
        ) : null}
      </div>
      {parts.map((p) =>
        p.kind === 'message' ? (
          <MessageBubble key={p.message.id} message={p.message} streaming={p.message.status === 'in_progress' && active} />
        ) : (
          <div className="tool-calls" key={p.stepId}>
            {p.calls.map((c) => (
              <ToolCallCard key={c.id || c.index} call={c} execution={live?.executions[c.id]} invalid={live?.invalidArgs[c.id]} runStatus={run.status} />
            ))}
          </div>
        ),
      )}
      {run.last_error ? (
        <div className="run-error" role="alert">
          <strong>{run.last_error.code}</strong>: {run.last_error.message}
        </div>
      ) : null}
      {run.status === 'incomplete' ? <div className="run-error">Stopped early: {run.incomplete_details?.reason ?? 'token budget'}</div> : null}
    </div>
  );
}
