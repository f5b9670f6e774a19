/**
 * The inspector's view of events that arrived as stubs (`elided`: a large `model.request` /
 * `model.response`, see `event-pack.ts`). `useEventBody` fetches the whole event through the
 * run event cache when it is shown; `EventData` draws an event's data, saying "loading…"
 * while the body comes and what went wrong when it does not.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { useStores } from '../../../stores';
import { redactSecrets } from '../model/redact';
import { JsonBlock } from './json-block';

export interface EventBody {
  /** The whole event: `ev` itself when it is not a stub; null while loading or after a failure. */
  event: RunEventRecord | null;
  loading: boolean;
  error: string | null;
}

/** The whole event behind `ev` (fetched once it is a stub and `enabled`). */
export function useEventBody(ev: RunEventRecord | undefined, enabled = true): EventBody {
  const cache = useStores().events;
  const key = ev ? `${ev.run_id}:${ev.seq}:${ev.elided ? 'stub' : 'whole'}` : '';
  const [got, setGot] = useState<{ key: string; event: RunEventRecord | null; error: string | null } | null>(null);
  const stub = Boolean(ev?.elided);
  useEffect(() => {
    if (!ev || !stub || !enabled) return;
    let live = true;
    cache.body(ev).then(
      (event) => live && setGot({ key, event, error: null }),
      (error: unknown) => live && setGot({ key, event: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // ev is identified by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key, enabled]);
  if (!ev) return { event: null, loading: false, error: null };
  if (!stub) return { event: ev, loading: false, error: null };
  if (got?.key !== key) return { event: null, loading: enabled, error: null };
  return { event: got.event, loading: false, error: got.error };
}

/** Says what a stub's body is doing: loading, or failed (with the reason). */
export function BodyStatus({ body, what, testId }: { body: EventBody; what: string; testId?: string }): ReactNode {
  if (body.loading) return <p className="tl-muted" data-testid={testId ? `${testId}-loading` : undefined}>Loading the {what}…</p>;
  if (body.error) return <p className="tl-err" role="alert" data-testid={testId ? `${testId}-error` : undefined}>Could not load the {what}: {body.error}</p>;
  return null;
}

/** One event's data (secrets redacted), fetched in full when it is a stub. */
export function EventData({ ev, pick, what, testId }: { ev: RunEventRecord | undefined; pick: (ev: RunEventRecord) => unknown; what: string; testId?: string }) {
  const body = useEventBody(ev);
  if (!body.event) return <BodyStatus body={body} what={what} testId={testId} />;
  return <JsonBlock value={redactSecrets(pick(body.event))} testId={testId} />;
}

/** A raw event row's data: a stub's whole body is fetched only when the row is opened. */
export function RawEventData({ ev }: { ev: RunEventRecord }) {
  const [open, setOpen] = useState(false);
  const body = useEventBody(ev, open);
  const summary = ev.elided ? `${JSON.stringify(ev.data).slice(0, 40)}… (${ev.elided.size.toLocaleString('en-US')} chars)` : JSON.stringify(ev.data).slice(0, 60);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {body.event ? <JsonBlock value={redactSecrets(body.event.data)} /> : open ? <BodyStatus body={body} what="event" /> : null}
    </details>
  );
}
