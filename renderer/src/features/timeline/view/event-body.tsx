/**
 * The inspector's view of events that arrived as stubs (`elided`: a large `model.request` /
 * `model.response`, see `event-pack.ts`). `useEventBody` fetches the whole event through the
 * run event cache when it is shown; `EventData` draws an event's data, saying "loading…"
 * while the body comes and what went wrong when it does not, with a Retry that asks again
 * (the cache forgets a failed fetch).
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { useStores } from '../../../stores';
import { redactSecrets } from '../model/redact';
import { JsonBlock } from './json-block';

export interface EventBody {
  /** The whole event: `ev` itself when it is not a stub; null while loading or after a failure. */
  event: RunEventRecord | null;
  loading: boolean;
  error: string | null;
  /** Asks again after a failure (set only for a stub). */
  retry?: () => void;
  /** Loading again after Retry (the Retry button stays, so keyboard focus stays on it). */
  retrying?: boolean;
}

/** The whole event behind `ev` (fetched once it is a stub and `enabled`). */
export function useEventBody(ev: RunEventRecord | undefined, enabled = true): EventBody {
  const cache = useStores().events;
  const [attempt, setAttempt] = useState(0);
  const key = ev ? `${ev.run_id}:${ev.seq}:${ev.elided ? 'stub' : 'whole'}#${attempt}` : '';
  const [failed, setFailed] = useState<string | null>(null);
  const [got, setGot] = useState<{ key: string; event: RunEventRecord | null; error: string | null } | null>(null);
  const stub = Boolean(ev?.elided);
  useEffect(() => {
    if (!ev || !stub || !enabled) return;
    let live = true;
    cache.body(ev).then(
      (event) => live && setGot({ key, event, error: null }),
      (error: unknown) => {
        if (!live) return;
        setGot({ key, event: null, error: error instanceof Error ? error.message : String(error) });
        setFailed(key.slice(0, key.lastIndexOf('#')));
      },
    );
    return () => {
      live = false;
    };
    // ev is identified by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key, enabled]);
  if (!ev) return { event: null, loading: false, error: null };
  if (!stub) return { event: ev, loading: false, error: null };
  const retry = () => setAttempt((n) => n + 1);
  const retrying = attempt > 0 && failed === key.slice(0, key.lastIndexOf('#'));
  if (got?.key !== key) return { event: null, loading: enabled, error: null, retry, retrying };
  return { event: got.event, loading: false, error: got.error, retry };
}

/** Says what a stub's body is doing: loading, or failed (with the reason). */
export function BodyStatus({ body, what, testId, onRetryFocusLost }: { body: EventBody; what: string; testId?: string; onRetryFocusLost?: () => void }): ReactNode {
  const retryButton = body.retry ? <RetryButton body={body} onFocusLost={onRetryFocusLost} /> : null;
  if (body.loading) {
    const loading = (
      <p className="tl-muted" data-testid={testId ? `${testId}-loading` : undefined}>
        Loading the {what}…
      </p>
    );
    return body.retrying ? (
      <div className="tl-body-failed">
        {loading}
        {retryButton}
      </div>
    ) : (
      loading
    );
  }
  if (body.error)
    return (
      <div className="tl-body-failed">
        <p className="tl-err" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          Could not load the {what}: {body.error}
        </p>
        {retryButton}
      </div>
    );
  return null;
}

/** Asks for the body again; says "Retrying…" (and stays, keeping focus) while it comes. */
function RetryButton({ body, onFocusLost }: { body: EventBody; onFocusLost?: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  const lost = useRef(onFocusLost);
  lost.current = onFocusLost;
  useLayoutEffect(() => {
    const el = button.current;
    // Runs as the button unmounts (the body came), before it leaves the document.
    return () => {
      if (el && el === document.activeElement) lost.current?.();
    };
  }, []);
  return (
    <button
      ref={button}
      type="button"
      className="btn btn-small"
      aria-disabled={body.loading || undefined}
      onClick={() => {
        if (!body.loading) body.retry?.();
      }}
    >
      {body.loading ? 'Retrying…' : 'Retry'}
    </button>
  );
}

/** One event's data (secrets redacted), fetched in full when it is a stub. */
export function EventData({ ev, pick, what, testId }: { ev: RunEventRecord | undefined; pick: (ev: RunEventRecord) => unknown; what: string; testId?: string }) {
  const body = useEventBody(ev);
  // Retry had the keyboard focus when the body came: the body takes it, not <body>.
  const focusBody = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!focusBody.current || !box.current) return;
    focusBody.current = false;
    if (!document.activeElement || document.activeElement === document.body) box.current.focus();
  });
  if (!body.event) return <BodyStatus body={body} what={what} testId={testId} onRetryFocusLost={() => (focusBody.current = true)} />;
  return (
    <div ref={box} tabIndex={-1} className="tl-body-loaded">
      <JsonBlock value={redactSecrets(pick(body.event))} testId={testId} />
    </div>
  );
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
