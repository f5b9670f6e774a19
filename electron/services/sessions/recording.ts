/**
 * Reads what a recorded run did from its event log: each model round (request and
 * response), and the tool outputs given at each round, with who gave them.
 */
import type { RunEventRecord, ToolOutputsSubmittedData } from '../../contract/events';
import type { RecordedRound } from '../models/replay-model';

export interface RecordedOutputs {
  round: number;
  outputs: Map<string, string>;
  source: ToolOutputsSubmittedData['source'];
}

export interface Recording {
  rounds: RecordedRound[];
  /** Tool outputs per model round (a round that was never answered has none). */
  outputs: Map<number, RecordedOutputs>;
  /** The model round during which each step was created. */
  stepRound: Map<string, number>;
}

/** The recording of one run, from its events in seq order. */
export function readRecording(events: RunEventRecord[]): Recording {
  const rounds: RecordedRound[] = [];
  const outputs = new Map<number, RecordedOutputs>();
  const stepRound = new Map<string, number>();
  let round = 0;
  for (const e of events) {
    if (e.type === 'model.request') {
      const d = e.data;
      round = d.round;
      rounds[round - 1] = { request: d.request, text: '', tool_calls: [], finish_reason: 'stop', usage: null, error: null };
    } else if (e.type === 'model.response') {
      const d = e.data;
      const r = rounds[d.round - 1] ?? { request: null, text: '', tool_calls: [], finish_reason: 'stop', usage: null, error: null };
      rounds[d.round - 1] = { ...r, text: d.text ?? '', tool_calls: d.tool_calls ?? [], finish_reason: d.finish_reason ?? 'stop', usage: d.usage ?? null, error: d.error ?? null };
    } else if (e.type === 'thread.run.step.created') {
      stepRound.set(e.data.id, round);
    } else if (e.type === 'tool.outputs.submitted') {
      const d = e.data;
      outputs.set(round, { round, outputs: new Map(d.tool_outputs.map((o) => [o.tool_call_id, o.output])), source: d.source });
    }
  }
  return { rounds: rounds.filter(Boolean), outputs, stepRound };
}
