/** Pretty JSON (or text) in a scrollable block; very long content is cut with a way to see all. */
import { useState } from 'react';

const LIMIT = 20_000;

export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  const [all, setAll] = useState(false);
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? 'null';
  const cut = !all && text.length > LIMIT;
  return (
    <div className="tl-json">
      <pre data-testid={testId}>{cut ? text.slice(0, LIMIT) : text}</pre>
      {cut && (
        <button type="button" onClick={() => setAll(true)}>
          Show all ({text.length.toLocaleString()} characters)
        </button>
      )}
    </div>
  );
}
