/** Pretty-prints JSON text when it parses; otherwise shows it as it came (streaming or broken). */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A read-only block of (pretty) JSON that scrolls instead of stretching the layout. */
export function JsonBlock({ text, label }: { text: string; label?: string }) {
  return (
    <pre className="json-block" aria-label={label}>
      {prettyJson(text) || ' '}
    </pre>
  );
}
