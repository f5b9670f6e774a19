/** Shows `current` pretty-printed, with lines changed since `previous` marked. */
import { useMemo } from 'react';
import { diffLines, prettyJson } from '../model/diff';

export function DiffView({ current, previous, testId }: { current: string | null; previous: string | null | undefined; testId?: string }) {
  const cur = prettyJson(current);
  const lines = useMemo(() => (previous === undefined || previous === null ? null : diffLines(prettyJson(previous), cur)), [previous, cur]);
  if (!lines) return <pre className="tl-json" data-testid={testId}>{cur || '—'}</pre>;
  const changed = lines.some((l) => l.op !== 'same');
  return (
    <pre className="tl-json tl-diff" data-testid={testId} data-changed={changed}>
      {lines.map((l, i) => (
        <div key={i} className={`tl-diff-${l.op}`}>
          {l.op === 'add' ? '+ ' : l.op === 'del' ? '- ' : '  '}
          {l.text}
        </div>
      ))}
    </pre>
  );
}
