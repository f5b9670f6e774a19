/**
 * The local server switch: turns on the HTTP server (this UI in a browser, and the
 * Assistants-compatible `/v1` for your own `openai` SDK code) and says how to connect.
 */
import { useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { useSettings } from './use-settings';

export function ServerSection() {
  const server = useSettings((s) => s.server);
  const info = useSettings((s) => s.info);
  const { settings, ui } = useStores();
  const switchable = info?.mode === 'electron';
  const url = server?.url ?? (info?.api_base_url ? info.api_base_url.replace(/\/v1$/, '') : null);
  const toggle = (enabled: boolean) =>
    void settings
      .getState()
      .setServerEnabled(enabled)
      .catch((e: unknown) => ui.getState().set({ notice: { kind: 'error', text: errorMessage(e) } }));
  return (
    <section className="settings-section" aria-labelledby="server-h">
      <div className="section-head">
        <h2 id="server-h">Local server and /v1</h2>
      </div>
      {switchable ? (
        <label className="check">
          <input type="checkbox" checked={server?.enabled ?? false} onChange={(e) => toggle(e.target.checked)} /> Serve the UI and the Assistants API on 127.0.0.1
        </label>
      ) : (
        <p className="muted small">This page is served by <code>npm run serve</code>, so the server is on for as long as that process runs.</p>
      )}
      {url ? (
        <div className="server-info">
          <p className="small">
            API base URL: <code data-testid="api-base-url">{url}/v1</code>
          </p>
          <p className="small">
            Key: the file <code>{info?.data_dir}/api-key</code> (or the <code>--api-key</code> / <code>RUNLENS_API_KEY</code> the server was started with).
          </p>
          <pre className="json-block">{`const client = new OpenAI({ baseURL: '${url}/v1', apiKey: process.env.RUNLENS_API_KEY });`}</pre>
        </div>
      ) : (
        <p className="muted small">The server is off: external code cannot reach /v1 until you switch it on.</p>
      )}
    </section>
  );
}
