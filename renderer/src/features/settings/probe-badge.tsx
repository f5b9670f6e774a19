/**
 * How a model's capability probe shows wherever a model is picked: a compact text for
 * `<option>` labels and a badge with the per-check verdicts on hover.
 */
import type { ModelInfo } from '../../../../electron/contract/api';
import { PROBE_CHECKS, type ProbeCheck, type ProbeResult } from '../../../../electron/contract/providers';

export const CHECK_LABELS: Record<ProbeCheck, string> = {
  streaming: 'Streaming',
  tool_call: 'Tool call',
  parallel_tool_calls: 'Parallel tool calls',
  schema_valid_arguments: 'Schema-valid arguments',
  tool_results_honoured: 'Tool results honoured',
  json_schema_output: 'json_schema output',
};

const MARK = { verified: '✓', failed: '✗', not_claimed: '–' } as const;

/** `tools ✓ parallel – json ✓`-style summary: verified count of six. */
export function probeShort(probe: ProbeResult | null | undefined): string {
  if (!probe) return 'not probed';
  const ok = PROBE_CHECKS.filter((c) => probe.checks[c].verdict === 'verified').length;
  return `probe ${ok}/${PROBE_CHECKS.length}`;
}

/** The text of a model in a `<select>`: id, then its probe result or description. */
export function modelOptionLabel(m: ModelInfo): string {
  if (m.unavailable) return `${m.provider}: ${m.description}`;
  if (m.provider === 'builtin') return `${m.id} — ${m.description}`;
  return `${m.id} — ${probeShort(m.probe)}`;
}

/** One line per check, for tooltips and the settings list. */
export function probeLines(probe: ProbeResult): string[] {
  return PROBE_CHECKS.map((c) => `${MARK[probe.checks[c].verdict]} ${CHECK_LABELS[c]}: ${probe.checks[c].detail}`);
}

/** A small badge: verified count, coloured by the worst verdict, the checks on hover. */
export function ProbeBadge({ probe }: { probe: ProbeResult | null | undefined }) {
  if (!probe) return <span className="probe-badge probe-none">not probed</span>;
  const failed = PROBE_CHECKS.some((c) => probe.checks[c].verdict === 'failed');
  const partial = PROBE_CHECKS.some((c) => probe.checks[c].verdict === 'not_claimed');
  const tone = failed ? 'probe-bad' : partial ? 'probe-partial' : 'probe-ok';
  return (
    <span className={`probe-badge ${tone}`} title={probeLines(probe).join('\n')} data-testid="probe-badge">
      {probeShort(probe)}
    </span>
  );
}
