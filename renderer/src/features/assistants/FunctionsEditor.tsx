import type { FunctionHandler, HandlerInput } from '../../../../electron/contract/api';
import type { LiveHandlerKind } from '../../../../electron/contract/workspace-config';
import { blankLive, LiveHandlerFields } from './LiveHandlerFields';
import type { FunctionDraft, DraftProblems } from './assistant-draft';
import { EXAMPLE_SCHEMA, newKey } from './assistant-draft';
import { SchemaEditor } from './SchemaEditor';

export type HandlerDrafts = Record<string, HandlerInput>;

const DEFAULT_HANDLER: HandlerInput = { mode: 'manual', auto: false, mock: { kind: 'static', output: '' } };

/** The assistant's function tools: name, description, parameters schema and how calls are answered. */
export function FunctionsEditor(props: {
  functions: FunctionDraft[];
  onChange(fns: FunctionDraft[]): void;
  handlers: HandlerDrafts;
  onHandler(name: string, h: HandlerInput): void;
  problems: DraftProblems;
  /** The stored handlers, to say when one comes from the workspace config. */
  stored?: FunctionHandler[];
}) {
  const { functions, onChange, handlers, onHandler, problems, stored } = props;
  const patch = (key: string, p: Partial<FunctionDraft>) => onChange(functions.map((f) => (f.key === key ? { ...f, ...p } : f)));
  return (
    <div className="functions">
      {functions.length === 0 ? <div className="muted small">No functions. Add one so the model can call your code; the mock model calls a function when your message names it.</div> : null}
      {functions.map((f) => {
        const h = { ...DEFAULT_HANDLER, ...handlers[f.name] };
        const mock = h.mock ?? { kind: 'static' as const };
        const fromWorkspace = stored?.find((x) => x.function_name === f.name && x.source === 'workspace');
        const choice = h.mode === 'live' ? `live-${h.live?.handler ?? fromWorkspace?.live?.handler ?? 'webhook'}` : h.mode === 'mock' && h.auto ? 'auto-mock' : 'manual';
        return (
          <fieldset key={f.key} className="function-card" data-function={f.name}>
            <div className="field-row">
              <label className="field">
                <span>Function name</span>
                <input value={f.name} aria-label="Function name" placeholder="get_weather" onChange={(e) => patch(f.key, { name: e.target.value })} aria-invalid={!!problems[`fn.${f.key}.name`]} />
              </label>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(functions.filter((x) => x.key !== f.key))} aria-label={`Remove function ${f.name}`}>
                Remove
              </button>
            </div>
            {problems[`fn.${f.key}.name`] ? <div className="inline-error">{problems[`fn.${f.key}.name`]}</div> : null}
            <label className="field">
              <span>Description</span>
              <input value={f.description} aria-label="Function description" onChange={(e) => patch(f.key, { description: e.target.value })} />
            </label>
            <div className="field">
              <span>Parameters (JSON Schema)</span>
              <SchemaEditor label={`Parameters of ${f.name || 'function'}`} value={f.schema} onChange={(schema) => patch(f.key, { schema })} />
            </div>
            <label className="check">
              <input type="checkbox" checked={f.strict} onChange={(e) => patch(f.key, { strict: e.target.checked })} />
              <span>strict</span>
            </label>
            <div className="handler-row">
              <label className="inline-field">
                <span>Answer calls</span>
                <select
                  aria-label={`Handler of ${f.name}`}
                  value={choice}
                  onChange={(e) => {
                    const v = e.target.value;
                    if (v.startsWith('live-')) {
                      const kind = v.slice(5) as LiveHandlerKind;
                      const keep = fromWorkspace?.live?.handler === kind && !h.live ? null : h.live?.handler === kind ? h.live : blankLive(kind, h.live);
                      onHandler(f.name, { ...h, mode: 'live', auto: true, live: keep });
                    } else onHandler(f.name, { ...h, mode: v === 'auto-mock' ? 'mock' : 'manual', auto: v === 'auto-mock' });
                  }}
                >
                  <option value="manual">by hand in the inbox</option>
                  <option value="auto-mock">automatically with the mock</option>
                  <option value="live-webhook">live: HTTP webhook</option>
                  <option value="live-connery">live: Connery action</option>
                  <option value="live-mcp">live: MCP tool</option>
                  <option value="live-command">live: local command</option>
                </select>
              </label>
              {h.mode === 'live' && !h.live && fromWorkspace ? <span className="muted small">from the workspace config ({fromWorkspace.live?.handler})</span> : null}
              <label className="inline-field">
                <span>Mock</span>
                <select aria-label={`Mock kind of ${f.name}`} value={mock.kind} onChange={(e) => onHandler(f.name, { ...h, mock: { ...mock, kind: e.target.value as 'static' | 'template' | 'error' } })}>
                  <option value="static">static text</option>
                  <option value="template">template ({'{{arg}}'})</option>
                  <option value="error">error</option>
                </select>
              </label>
            </div>
            {h.mode === 'live' ? <LiveHandlerFields fn={f.name} h={h} onChange={(next) => onHandler(f.name, next)} /> : null}
            <label className="field" hidden={h.mode === 'live'}>
              <span>{mock.kind === 'error' ? 'Mock error' : 'Mock output'}</span>
              <input
                className="mono"
                aria-label={`Mock output of ${f.name}`}
                value={(mock.kind === 'error' ? mock.error : mock.output) ?? ''}
                placeholder={mock.kind === 'template' ? '{"city":"{{city}}","temp":21}' : '{"temp":21}'}
                onChange={(e) => onHandler(f.name, { ...h, mock: mock.kind === 'error' ? { ...mock, error: e.target.value } : { ...mock, output: e.target.value } })}
              />
            </label>
          </fieldset>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...functions, { key: newKey(), name: '', description: '', schema: EXAMPLE_SCHEMA, strict: false }])}>
        + Add function
      </button>
    </div>
  );
}
