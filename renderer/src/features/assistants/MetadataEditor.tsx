/** Key/value rows for `metadata` (up to 16 keys; empty keys are dropped on save). */
export function MetadataEditor({ rows, onChange }: { rows: Array<{ key: string; value: string }>; onChange(rows: Array<{ key: string; value: string }>): void }) {
  const patch = (i: number, p: Partial<{ key: string; value: string }>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <div className="metadata">
      {rows.map((r, i) => (
        <div className="field-row" key={i}>
          <input aria-label="Metadata key" placeholder="key" value={r.key} onChange={(e) => patch(i, { key: e.target.value })} />
          <input aria-label="Metadata value" placeholder="value" className="grow" value={r.value} onChange={(e) => patch(i, { value: e.target.value })} />
          <button type="button" className="btn btn-small btn-ghost" aria-label="Remove metadata row" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { key: '', value: '' }])} disabled={rows.length >= 16}>
        + Add key
      </button>
    </div>
  );
}
