/**
 * The shell's banner while a session import runs (started from any face): while it copies,
 * every other call waits, so the app says it is busy and how far the import is. It goes when
 * the import is done or refused (the Sessions tab keeps the report).
 */
import { useEffect, useState } from 'react';
import type { SessionImportProgress } from '../../../electron/contract/sessions';
import { useBridge } from '../bridge/context';

export function ImportBanner() {
  const bridge = useBridge();
  const [progress, setProgress] = useState<SessionImportProgress | null>(null);
  useEffect(() => bridge.on('sessions.import.progress', (p) => setProgress(p.phase === 'done' || p.phase === 'failed' ? null : p)), [bridge]);
  if (!progress) return null;
  return (
    <div className="notice notice-busy" role="status" data-testid="import-banner">
      <span>
        Importing {progress.name} ({progress.percent}%): RunLens is busy, other changes wait until the import is done.
      </span>
    </div>
  );
}
