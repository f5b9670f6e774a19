/**
 * Review mode (`npm run serve -- --review FILE`): a banner naming the session file shown
 * read-only. Reading, searching, comparing and exporting work; anything that would change the
 * data is refused by the services with the same explanation.
 */
import { useEffect, useState } from 'react';
import { useBridge } from '../bridge/context';

export function ReviewBanner() {
  const { api } = useBridge();
  const [file, setFile] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (info) => live && setFile(info.review?.file ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (!file) return null;
  return (
    <div className="notice notice-review" role="status" data-testid="review-banner">
      <span>
        <strong>Review mode</strong>: <span className="mono">{file}</span>, read-only (not imported). Browse, search and compare; changes are refused.
      </span>
    </div>
  );
}
