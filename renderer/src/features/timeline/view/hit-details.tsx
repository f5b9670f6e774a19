/** The hover card of the canvas: what the bar under the pointer is, when, and for how long. */
import type { Hit } from './hit-test';
import { formatDuration, formatOffset, statusLabel } from '../model/format';

export function HitDetails({ hit, x, y, base, openEnd, width }: { hit: Hit; x: number; y: number; base: number; openEnd: number; width: number }) {
  const lines: string[] = [];
  let title = '';
  const span = (a: number, b: number | null) => `${formatOffset(a - base)} · ${formatDuration((b ?? openEnd) - a)}${b === null ? ' (open)' : ''}`;
  switch (hit.kind) {
    case 'segment':
      title = statusLabel(hit.segment.status);
      lines.push(span(hit.segment.start, hit.segment.end), `seq ${hit.segment.startSeq}${hit.segment.endSeq !== null ? `–${hit.segment.endSeq}` : ''}`);
      break;
    case 'round':
      title = `Model round ${hit.round.round} (${hit.round.backend})`;
      lines.push(span(hit.round.start, hit.round.end));
      if (hit.round.response) lines.push(`finish: ${hit.round.response.finish_reason}`, `tokens: ${hit.round.response.usage?.total_tokens ?? '–'}`);
      if (hit.round.response?.error) lines.push(`error: ${hit.round.response.error.message}`);
      break;
    case 'step':
      title = `Step #${hit.step.ordinal} ${hit.step.type} (${hit.step.status})`;
      lines.push(span(hit.step.start, hit.step.end), hit.step.id);
      if (hit.step.calls.length) lines.push(hit.step.calls.map((c) => c.name).join(', '));
      break;
    case 'call': {
      const c = hit.call;
      title = `${c.name} (${c.callId})`;
      lines.push(`generation ${formatDuration(c.genEnd - c.genStart)}`);
      if (c.waitStart !== null) lines.push(`waiting ${formatDuration((c.waitEnd ?? openEnd) - c.waitStart)}${c.abandoned ? ' — never answered' : ''}`);
      if (c.exec) lines.push(`execution (${c.exec.mode}) ${formatDuration((c.exec.end ?? openEnd) - c.exec.start)}${c.exec.error ? ` — error: ${c.exec.error}` : ''}`);
      if (c.source) lines.push(`answered by ${c.source}`);
      if (c.invalid) lines.push(`invalid: ${c.invalid.join('; ')}`);
      break;
    }
    case 'marker':
      title = hit.marker.kind.replace(/_/g, ' ');
      lines.push(hit.marker.label, `${formatOffset(hit.marker.ts - base)} · seq ${hit.marker.seq}`);
      break;
    case 'gap':
      title = 'Idle gap (compressed)';
      lines.push(`${formatDuration(hit.t1 - hit.t0)} with no events`, `${formatOffset(hit.t0 - base)} → ${formatOffset(hit.t1 - base)}`);
      break;
  }
  const left = Math.min(x + 12, Math.max(0, width - 280));
  return (
    <div className="tl-tooltip" role="tooltip" data-testid="timeline-tooltip" style={{ left, top: y + 14 }}>
      <strong>{title}</strong>
      {lines.map((l, i) => (
        <div key={i}>{l}</div>
      ))}
    </div>
  );
}
