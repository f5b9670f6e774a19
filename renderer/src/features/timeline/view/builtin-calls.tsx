import { useEffect } from 'react';
import type { RunStep } from '../../../../../electron/contract/objects';
import { useFiles, useStores } from '../../../stores';

interface SearchCall {
  id: string;
  type: 'file_search';
  file_search: {
    query?: string;
    ranking_options?: { ranker: string; score_threshold: number };
    results?: Array<{ file_id: string; file_name: string; score: number; content?: Array<{ text: string }> }>;
    errors?: Array<{ file_id: string; message: string }>;
  };
}
interface CodeCall {
  id: string;
  type: 'code_interpreter';
  code_interpreter: {
    input: string;
    outputs: Array<{ type: 'logs'; logs: string } | { type: 'image'; image: { file_id: string } }>;
    files?: Array<{ file_id: string; filename: string; path: string }>;
    error?: string;
    stopped?: string;
    duration_ms?: number;
  };
}

function Image({ fileId }: { fileId: string }) {
  const stores = useStores();
  const url = useFiles((s) => s.images[fileId]);
  useEffect(() => {
    void stores.files.getState().loadImage(fileId);
  }, [fileId, stores]);
  if (url === null) return <p className="tl-err small">Image {fileId} could not be loaded.</p>;
  if (!url) return <p className="muted small">Loading image {fileId}…</p>;
  return <img src={url} alt={`Image output ${fileId}`} data-testid="inspector-image" />;
}

function Search({ call }: { call: SearchCall }) {
  const fs = call.file_search;
  const results = fs.results ?? [];
  return (
    <section className="tl-call builtin-call" data-testid="inspector-file-search" data-call-id={call.id}>
      <h4>
        file_search <code>{call.id}</code>
      </h4>
      <dl className="tl-kv">
        <dt>query</dt>
        <dd data-testid="inspector-query">{fs.query || '—'}</dd>
        <dt>ranking</dt>
        <dd>
          {fs.ranking_options?.ranker ?? 'default'} · score ≥ {fs.ranking_options?.score_threshold ?? 0}
        </dd>
      </dl>
      {results.length === 0 ? (
        <p className="muted small">No passage matched.</p>
      ) : (
        <table data-testid="inspector-hits">
          <thead>
            <tr><th>#</th><th>score</th><th>file</th><th>passage</th></tr>
          </thead>
          <tbody>
            {results.map((r, i) => (
              <tr key={i} data-testid="inspector-hit">
                <td>{i + 1}</td>
                <td className="mono">{r.score.toFixed(3)}</td>
                <td className="mono">{r.file_name}</td>
                <td>
                  <details>
                    <summary>{(r.content?.[0]?.text ?? '').slice(0, 80)}…</summary>
                    <pre className="tl-json tl-text">{r.content?.map((c) => c.text).join('\n')}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fs.errors?.map((e) => (
        <p key={e.file_id} className="tl-err small">{e.file_id}: {e.message}</p>
      ))}
    </section>
  );
}

function Code({ call }: { call: CodeCall }) {
  const ci = call.code_interpreter;
  const logs = ci.outputs.filter((o) => o.type === 'logs').map((o) => (o as { logs: string }).logs).join('\n');
  return (
    <section className="tl-call builtin-call" data-testid="inspector-code" data-call-id={call.id}>
      <h4>
        code_interpreter <code>{call.id}</code>
        {ci.duration_ms !== undefined ? <span className="muted small"> · {ci.duration_ms} ms</span> : null}
      </h4>
      {ci.stopped && <p className="tl-err">Stopped ({ci.stopped}): {ci.error}</p>}
      {!ci.stopped && ci.error && <p className="tl-err">Raised {ci.error}</p>}
      <h5>Code</h5>
      <pre className="tl-json tl-text" data-testid="inspector-code-input">{ci.input}</pre>
      <h5>Logs</h5>
      <pre className="tl-json tl-text" data-testid="inspector-logs">{logs || '(no output)'}</pre>
      {ci.outputs.map((o, i) => (o.type === 'image' ? <Image key={i} fileId={o.image.file_id} /> : null))}
      {ci.files && ci.files.length > 0 && (
        <p className="small">
          Files written: {ci.files.map((f) => `${f.path} (${f.file_id})`).join(', ')}
        </p>
      )}
    </section>
  );
}

/** The built-in calls of a step: file_search with its query and ranked hits, code_interpreter with code, logs and images. */
export function BuiltinCalls({ step }: { step: RunStep }) {
  if (step.step_details.type !== 'tool_calls') return null;
  const calls = step.step_details.tool_calls.filter((c) => c.type !== 'function') as unknown as Array<SearchCall | CodeCall>;
  return (
    <>
      {calls.map((c) => (c.type === 'file_search' ? <Search key={c.id} call={c} /> : <Code key={c.id} call={c} />))}
    </>
  );
}
