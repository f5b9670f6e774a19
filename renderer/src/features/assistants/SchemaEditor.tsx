import { useMemo } from 'react';
import { CodeEditor } from '../../components/CodeEditor';
import { checkParametersSchema } from '../../stores/json-schema';

/**
 * The JSON Schema editor of a function's parameters: validates on every keystroke and
 * explains each mistake with its path, or confirms the schema is usable.
 */
export function SchemaEditor({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) {
  const problems = useMemo(() => checkParametersSchema(value), [value]);
  return (
    <div className="schema-editor">
      <CodeEditor language="json" value={value} onChange={onChange} label={label} invalid={problems.length > 0} minHeight="90px" maxHeight="260px" />
      {value.trim() === '' ? (
        <div className="validation muted small">No parameters: the function takes no arguments.</div>
      ) : problems.length ? (
        <ul className="validation bad" aria-label={`Problems in ${label}`} role="alert">
          {problems.map((p) => (
            <li key={p.message}>✗ {p.message}</li>
          ))}
        </ul>
      ) : (
        <div className="validation ok" aria-label={`${label} is valid`}>
          ✓ valid JSON Schema
        </div>
      )}
    </div>
  );
}
