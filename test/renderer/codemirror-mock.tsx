/**
 * CodeMirror needs real layout, which happy-dom lacks; component tests swap it for a
 * textarea with the same value/onChange contract (vi.mock('@uiw/react-codemirror', …)).
 */
export default function CodeMirrorStub({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  return <textarea data-testid="codemirror" value={value} onChange={(e) => onChange?.(e.target.value)} />;
}
