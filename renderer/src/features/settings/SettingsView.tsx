/** The Settings screen: model providers (with probes), the local server and /v1, prices. */
import { useEffect } from 'react';
import { useStores } from '../../stores';
import { PricesSection } from './PricesSection';
import { ProvidersSection } from './ProvidersSection';
import { ServerSection } from './ServerSection';
import { useSettings } from './use-settings';

export function SettingsView() {
  const { settings, ui } = useStores();
  const error = useSettings((s) => s.error);
  useEffect(() => {
    void settings.getState().load();
  }, [settings]);
  return (
    <div className="editor settings-view">
      <div className="main-head">
        <div className="title">
          <strong>Settings</strong>
        </div>
        <span className="spacer" />
        <button className="btn btn-small" onClick={() => ui.getState().set({ view: 'thread' })}>
          Close
        </button>
      </div>
      <div className="editor-scroll">
        {error ? (
          <p className="run-error" role="alert">
            {error}
          </p>
        ) : null}
        <ProvidersSection />
        <ServerSection />
        <PricesSection />
      </div>
    </div>
  );
}
