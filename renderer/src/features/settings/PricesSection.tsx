/**
 * The price table (US dollars per million tokens): defaults for OpenAI's models, any model
 * can be added or edited; models without a price cost nothing (local servers, mock).
 */
import { useState } from 'react';
import { useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { useSettings } from './use-settings';

export function PricesSection() {
  const prices = useSettings((s) => s.prices);
  const { settings } = useStores();
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await settings.getState().setPrice({ model: model.trim(), input_per_mtok: Number(input), output_per_mtok: Number(output) });
      setModel('');
      setInput('');
      setOutput('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="settings-section" aria-labelledby="prices-h">
      <div className="section-head">
        <h2 id="prices-h">Prices</h2>
      </div>
      <p className="muted small">
        Dollars per million tokens, used for the cost of steps, runs and threads. <code>openai/…</code> models use the bare model name; other providers need their full name (
        <code>local/llama3.1</code>) and are free otherwise.
      </p>
      <table className="price-table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Input $/1M</th>
            <th>Output $/1M</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <tr key={p.model}>
              <td className="mono">{p.model}</td>
              <td>{p.input_per_mtok}</td>
              <td>{p.output_per_mtok}</td>
              <td>
                <button
                  className="btn btn-small btn-ghost"
                  onClick={() => {
                    setModel(p.model);
                    setInput(String(p.input_per_mtok));
                    setOutput(String(p.output_per_mtok));
                  }}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="field-row"
        aria-label="Set a price"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Model</span>
          <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="local/llama3.1" />
        </label>
        <label className="field">
          <span>Input $/1M</span>
          <input value={input} onChange={(e) => setInput(e.target.value)} inputMode="decimal" />
        </label>
        <label className="field">
          <span>Output $/1M</span>
          <input value={output} onChange={(e) => setOutput(e.target.value)} inputMode="decimal" />
        </label>
        <button className="btn" type="submit">
          Set price
        </button>
      </form>
      {error ? (
        <p className="validation bad" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
