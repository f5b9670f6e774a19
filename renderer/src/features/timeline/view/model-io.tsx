/**
 * The raw model I/O of one round, as a live provider saw it: the HTTP request exactly as sent
 * (key masked) with "Copy as curl", timing (time to first token, tokens per second, total),
 * retries, and what a scripted model noted (rule hits). Offline backends show timing only.
 */
import { useState } from 'react';
import type { ModelRound, TimelineModel } from '../model/types';
import { formatDuration } from '../model/format';
import { JsonBlock } from './json-block';
import { formatCost } from '../../../../../electron/contract/pricing';
import { useCost } from '../../settings/use-prices';
import { BodyStatus, useEventBody } from './event-body';

interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A curl command that repeats the request; the key is left as $API_KEY for the user to fill. */
export function curlOf(http: WireRequest): string {
  const headers = Object.entries(http.headers).map(([k, v]) => (k.toLowerCase() === 'authorization' ? `-H "Authorization: Bearer $API_KEY"` : `-H ${sq(`${k}: ${v}`)}`));
  return ['curl -N', sq(http.url), ...headers, '-d', sq(JSON.stringify(http.body))].join(' \\\n  ');
}

function roundEvents(model: TimelineModel, round: ModelRound, type: string): Array<Record<string, unknown>> {
  const first = round.eventIdx[0];
  const last = round.eventIdx[round.eventIdx.length - 1];
  const out: Array<Record<string, unknown>> = [];
  for (let i = first; i <= last && i < model.events.length; i++) if (model.events.typeAt(i) === type) out.push(model.events.at(i)?.data as Record<string, unknown>);
  return out;
}

export function ModelIo({ model, round }: { model: TimelineModel; round: ModelRound }) {
  const [copied, setCopied] = useState(false);
  const cost = useCost();
  // a large request arrives as a stub: the HTTP request as sent is fetched whole
  const requestEv = model.events.at(round.eventIdx[0]);
  const sentOverHttp = Boolean((requestEv?.data as { http?: unknown } | undefined)?.http);
  const request = useEventBody(requestEv, sentOverHttp);
  const http = (request.event?.data as { http?: WireRequest } | undefined)?.http ?? null;
  const res = round.response as (ModelRound['response'] & { ttft_ms?: number | null; tokens_per_s?: number | null }) | null;
  const retries = roundEvents(model, round, 'model.retry');
  const notes = roundEvents(model, round, 'model.note');
  const copy = async () => {
    if (!http) return;
    await navigator.clipboard?.writeText(curlOf(http)).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section className="model-io" data-testid="inspector-model-io">
      <h4>Model I/O · round {round.round} · {round.backend}</h4>
      <dl className="tl-kv">
        {res ? (
          <>
            <dt>first token</dt>
            <dd data-testid="inspector-ttft">{res.ttft_ms != null ? formatDuration(res.ttft_ms) : '—'}</dd>
            <dt>speed</dt>
            <dd>{res.tokens_per_s != null ? `${res.tokens_per_s} tokens/s` : '—'}</dd>
            <dt>total</dt>
            <dd>{formatDuration(res.duration_ms)}</dd>
            <dt>finish</dt>
            <dd>{res.finish_reason}</dd>
            <dt>cost</dt>
            <dd data-testid="inspector-cost">{res.usage ? `${formatCost(cost(model.run?.model ?? '', res.usage))} (${res.usage.total_tokens} tokens)` : '—'}</dd>
          </>
        ) : null}
        {retries.length > 0 ? (
          <>
            <dt>retries</dt>
            <dd data-testid="inspector-retries">
              {retries.map((r, i) => (
                <div key={i}>
                  #{String(r.attempt)} after {String(r.status ?? 'error')}, waited {formatDuration(Number(r.wait_ms))}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {notes.map((n, i) => (
        <p key={i} className="small" data-testid="inspector-model-note">
          {typeof n.summary === 'string' ? n.summary : JSON.stringify(n)}
        </p>
      ))}
      {sentOverHttp ? <BodyStatus body={request} what="request as sent" testId="inspector-wire-request" /> : null}
      {http ? (
        <>
          <div className="provider-actions">
            <code className="small">
              {http.method} {http.url}
            </code>
            <button type="button" className="btn btn-small" onClick={() => void copy()} data-testid="copy-curl">
              {copied ? 'Copied' : 'Copy as curl'}
            </button>
          </div>
          <JsonBlock value={http.body} testId="inspector-wire-request" />
        </>
      ) : null}
    </section>
  );
}
