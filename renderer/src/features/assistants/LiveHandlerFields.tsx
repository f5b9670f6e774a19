import type { HandlerInput } from '../../../../electron/contract/api';
import type { LiveHandlerKind, LiveToolConfig } from '../../../../electron/contract/workspace-config';

/** A fresh live handler of a kind, keeping the shared options (approval, timeout, pin) of the previous one. */
export function blankLive(kind: LiveHandlerKind, prev: LiveToolConfig | null | undefined): LiveToolConfig {
  const common = prev ? { approval: prev.approval, timeout_ms: prev.timeout_ms, on_error: prev.on_error, pin: prev.pin } : {};
  switch (kind) {
    case 'webhook':
      return { ...common, handler: 'webhook', url: '' };
    case 'connery':
      return { ...common, handler: 'connery', runner_url: '', action_id: '' };
    case 'mcp':
      return { ...common, handler: 'mcp', server: '' };
    case 'command':
      return { ...common, handler: 'command', command: [] };
  }
}

/** `Name: value` lines ↔ a header map. */
function headerLines(h: Record<string, string> | undefined): string {
  return Object.entries(h ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
function parseHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}
/** `customer_id = thread.metadata.customer_id` lines ↔ a pin map. */
function pinLines(p: Record<string, string> | undefined): string {
  return Object.entries(p ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
}
function parsePinLines(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The settings of a live handler for one function. Secrets are never typed here in clear:
 * header values and keys take `${secret:NAME}` (stored with "Store a secret") or `${env:NAME}`;
 * the services refuse a literal value in a sensitive header.
 */
export function LiveHandlerFields({ fn, h, onChange }: { fn: string; h: HandlerInput; onChange(h: HandlerInput): void }) {
  const live = h.live;
  if (!live) return null;
  const put = (patch: Partial<LiveToolConfig>) => onChange({ ...h, live: { ...live, ...patch } as LiveToolConfig });
  const text = (label: string, value: string | undefined, patch: (v: string) => Partial<LiveToolConfig>, placeholder?: string) => (
    <label className="field">
      <span>{label}</span>
      <input className="mono" aria-label={`${label} of ${fn}`} value={value ?? ''} placeholder={placeholder} onChange={(e) => put(patch(e.target.value))} />
    </label>
  );
  return (
    <div className="live-fields" data-live-handler={live.handler}>
      {live.handler === 'webhook' ? (
        <>
          {text('Webhook URL', live.url, (url) => ({ url }), 'http://127.0.0.1:9000/weather')}
          <label className="field">
            <span>Headers (one per line; secrets as {'${secret:NAME}'})</span>
            <textarea
              className="mono"
              rows={2}
              aria-label={`Headers of ${fn}`}
              defaultValue={headerLines(live.headers)}
              placeholder={'Authorization: Bearer ${secret:weather_key}'}
              onBlur={(e) => put({ headers: parseHeaderLines(e.target.value) })}
            />
          </label>
        </>
      ) : null}
      {live.handler === 'connery' ? (
        <>
          {text('Runner URL', live.runner_url, (runner_url) => ({ runner_url }), 'http://127.0.0.1:4201')}
          {text('Action id', live.action_id, (action_id) => ({ action_id }))}
          {text('API key', live.api_key, (api_key) => ({ api_key: api_key || undefined }), '${secret:connery_key}')}
        </>
      ) : null}
      {live.handler === 'mcp' ? (
        <>
          {text('MCP server (from the workspace config)', live.server, (server) => ({ server }), 'files')}
          {text('Tool on the server', live.tool, (tool) => ({ tool: tool || undefined }), fn)}
        </>
      ) : null}
      {live.handler === 'command' ? (
        <label className="field">
          <span>Command (program and arguments, JSON array; no shell)</span>
          <input
            className="mono"
            aria-label={`Command of ${fn}`}
            defaultValue={JSON.stringify(live.command)}
            placeholder='["node", "calc.js"]'
            onBlur={(e) => {
              try {
                const v: unknown = JSON.parse(e.target.value);
                if (Array.isArray(v)) put({ command: v.map(String) });
              } catch {
                // kept as typed; the services explain what is wrong on save
              }
            }}
          />
        </label>
      ) : null}
      <div className="field-row">
        <label className="check">
          <input type="checkbox" aria-label={`Ask before running ${fn}`} checked={live.approval === 'ask'} onChange={(e) => put({ approval: e.target.checked ? 'ask' : undefined })} />
          <span>ask a person to approve each call</span>
        </label>
        <label className="check">
          <input type="checkbox" aria-label={`Fail the run when ${fn} fails`} checked={live.on_error === 'fail_run'} onChange={(e) => put({ on_error: e.target.checked ? 'fail_run' : undefined })} />
          <span>fail the run on error</span>
        </label>
        <label className="inline-field">
          <span>Timeout (ms)</span>
          <input type="number" min={1} aria-label={`Timeout of ${fn}`} value={live.timeout_ms ?? 30000} onChange={(e) => put({ timeout_ms: Number(e.target.value) || undefined })} />
        </label>
      </div>
      <label className="field">
        <span>Tenant guard (argument = thread.metadata.KEY, one per line)</span>
        <textarea className="mono" rows={1} aria-label={`Pinned arguments of ${fn}`} defaultValue={pinLines(live.pin)} placeholder="customer_id = thread.metadata.customer_id" onBlur={(e) => put({ pin: parsePinLines(e.target.value) })} />
      </label>
    </div>
  );
}
