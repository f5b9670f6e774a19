/**
 * The selected step in full: summary and usage, each call's arguments and output (diffed
 * against the previous call of the same function), handler execution, the model request
 * and response behind the step (secrets redacted), the step object, and its raw events.
 */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import type { CallBar, StepBar, TimelineModel } from '../model/types';
import { formatDuration, formatOffset } from '../model/format';
import { redactSecrets } from '../model/redact';
import { DiffView } from './diff-view';
import { JsonBlock } from './json-block';
import { BuiltinCalls } from './builtin-calls';
import { ModelIo } from './model-io';
import { EventData, RawEventData } from './event-body';
import { formatCost } from '../../../../../electron/contract/pricing';
import { useCost } from '../../settings/use-prices';
import { otherArgumentsReason, parseOr, ranWithOtherArguments } from '../../../stores/executed-arguments';

export interface StepInspectorProps {
  model: TimelineModel;
  step: StepBar | null;
  selectedCallId: string | null;
  openEnd: number;
}

function previousCallOf(model: TimelineModel, call: CallBar): CallBar | null {
  const i = model.calls.indexOf(call);
  for (let k = i - 1; k >= 0; k--) if (model.calls[k].name === call.name) return model.calls[k];
  return null;
}

function CallSection({ model, call, selected, openEnd }: { model: TimelineModel; call: CallBar; selected: boolean; openEnd: number }) {
  const prev = previousCallOf(model, call);
  return (
    <section className={`tl-call${selected ? ' tl-call-selected' : ''}`} data-testid="inspector-call" data-call-id={call.callId} data-function={call.name}>
      <h4>
        {call.name} <code>{call.callId}</code>
      </h4>
      <dl className="tl-kv">
        <dt>generation</dt>
        <dd>{formatDuration(call.genEnd - call.genStart)}</dd>
        {call.waitStart !== null && (
          <>
            <dt>waiting</dt>
            <dd>
              {formatDuration((call.waitEnd ?? openEnd) - call.waitStart)}
              {call.waitEnd === null ? ' (still waiting)' : ''}
              {call.abandoned ? ' — never answered' : ''}
            </dd>
          </>
        )}
        {call.exec && (
          <>
            <dt>execution</dt>
            <dd data-testid="inspector-exec">
              {call.exec.mode} · {formatDuration((call.exec.end ?? openEnd) - call.exec.start)}
              {call.exec.handler ? ` (${call.exec.handler})` : ''}
              {call.exec.trigger === 'approval' ? ' · approved by a person' : ''}
              {call.exec.error ? <span className="tl-err"> — error: {call.exec.error}</span> : null}
            </dd>
            {ranWithOtherArguments(call.arguments, call.exec.arguments) !== null ? (
              <>
                <dt>run with</dt>
                <dd>
                  <span className="muted small">{otherArgumentsReason(call.exec.trigger)}; the model sent the arguments below</span>
                  <JsonBlock value={parseOr(call.exec.arguments ?? '')} testId="inspector-exec-arguments" />
                </dd>
              </>
            ) : null}
            {call.exec.request ? (
              <>
                <dt>request</dt>
                <dd>
                  <JsonBlock value={redactSecrets(call.exec.request)} testId="inspector-exec-request" />
                </dd>
              </>
            ) : null}
            {call.exec.response ? (
              <>
                <dt>response</dt>
                <dd>
                  <JsonBlock value={redactSecrets(call.exec.response)} testId="inspector-exec-response" />
                </dd>
              </>
            ) : null}
          </>
        )}
        {call.source && (
          <>
            <dt>answered by</dt>
            <dd>{call.source}</dd>
          </>
        )}
      </dl>
      {call.invalid && (
        <ul className="tl-err" data-testid="inspector-invalid">
          {call.invalid.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      <div className="tl-cols">
        <div>
          <h5>Arguments{prev ? ` (diff vs ${prev.callId})` : ''}</h5>
          <DiffView current={call.arguments} previous={prev?.arguments} testId="inspector-arguments" />
        </div>
        <div>
          <h5>Output{prev ? ` (diff vs ${prev.callId})` : ''}</h5>
          <DiffView current={call.output} previous={prev ? prev.output : undefined} testId="inspector-output" />
        </div>
      </div>
    </section>
  );
}

export function StepInspector({ model, step, selectedCallId, openEnd }: StepInspectorProps) {
  const cost = useCost();
  if (!step) return <div className="tl-inspector tl-muted" data-testid="step-inspector">Select a step on the timeline or in the list to inspect it.</div>;
  const round = model.rounds.find((r) => r.round === step.round) ?? null;
  const base = model.firstTs ?? 0;
  const idx = [...step.eventIdx, ...(round?.eventIdx ?? [])].sort((a, b) => a - b);
  const usage = step.snapshot.usage ?? round?.response?.usage ?? null;
  // the round's events: a large request/response is a stub here, fetched whole when shown
  const requestEv = round ? model.events.at(round.eventIdx[0]) : undefined;
  const responseIdx = round?.eventIdx.find((i) => model.events.typeAt(i) === 'model.response');
  const responseEv = responseIdx === undefined ? undefined : model.events.at(responseIdx);
  return (
    <div className="tl-inspector" data-testid="step-inspector" data-step-id={step.id} data-step-type={step.type}>
      <h3>
        Step #{step.ordinal} · {step.type} · <span className={`tl-st tl-st-${step.status}`}>{step.status}</span>
      </h3>
      <dl className="tl-kv">
        <dt>id</dt>
        <dd><code>{step.id}</code></dd>
        <dt>started</dt>
        <dd>{formatOffset(step.start - base)} (seq {step.startSeq})</dd>
        <dt>duration</dt>
        <dd>{formatDuration((step.end ?? openEnd) - step.start)}{step.end === null ? ' (open)' : ''}</dd>
        <dt>usage</dt>
        <dd data-testid="inspector-usage">{usage ? `${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion = ${usage.total_tokens} tokens` : '—'}</dd>
        <dt>cost</dt>
        <dd data-testid="inspector-step-cost">{usage ? formatCost(cost(model.run?.model ?? '', usage)) : '—'}</dd>
        {step.snapshot.last_error && (
          <>
            <dt>error</dt>
            <dd className="tl-err">{step.snapshot.last_error.code}: {step.snapshot.last_error.message}</dd>
          </>
        )}
      </dl>
      {step.type === 'message_creation' && (
        <section>
          <h4>Message</h4>
          <pre className="tl-json tl-text" data-testid="inspector-message">{step.text || '—'}</pre>
        </section>
      )}
      {step.calls.map((c) => (
        <CallSection key={c.callId} model={model} call={c} selected={c.callId === selectedCallId} openEnd={openEnd} />
      ))}
      <BuiltinCalls step={step.snapshot} />
      {round ? <ModelIo model={model} round={round} /> : null}
      <details>
        <summary>Model request {round ? `(round ${round.round}, ${round.backend})` : ''}</summary>
        {round ? (
          requestEv?.elided ? (
            <EventData ev={requestEv} pick={(ev) => (ev.type === 'model.request' ? ev.data.request : ev.data)} what="model request" testId="inspector-model-request" />
          ) : (
            <JsonBlock value={redactSecrets(round.request)} testId="inspector-model-request" />
          )
        ) : (
          <p className="tl-muted">No model request recorded for this step.</p>
        )}
      </details>
      <details>
        <summary>Model response</summary>
        {round?.response ? (
          responseEv?.elided ? (
            <EventData ev={responseEv} pick={(ev) => ev.data} what="model response" testId="inspector-model-response" />
          ) : (
            <JsonBlock value={redactSecrets(round.response)} testId="inspector-model-response" />
          )
        ) : (
          <p className="tl-muted">No response yet.</p>
        )}
      </details>
      <details>
        <summary>Step object (JSON)</summary>
        <JsonBlock value={step.snapshot} testId="inspector-step-json" />
      </details>
      <details open={idx.length <= 40}>
        <summary>Raw events ({idx.length})</summary>
        <table className="tl-events" data-testid="inspector-events">
          <thead>
            <tr><th>seq</th><th>time</th><th>type</th><th>data</th></tr>
          </thead>
          <tbody>
            {idx.slice(0, 500).map((i) => {
              const ev = model.events.at(i) as RunEventRecord;
              return (
                <tr key={ev.seq} data-seq={ev.seq}>
                  <td>{ev.seq}</td>
                  <td title={new Date(ev.ts).toISOString()}>{formatOffset(ev.ts - base)}</td>
                  <td>{ev.type}</td>
                  <td><RawEventData ev={ev} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {idx.length > 500 && <p className="tl-muted">Showing the first 500 of {idx.length} events.</p>}
      </details>
    </div>
  );
}
