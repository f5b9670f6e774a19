/**
 * The run's sequence diagram, generated from its event log: who talked to whom, in order,
 * with times. It is a projection of the log (one pass over the events, skipping the
 * streaming deltas), not a second run reducer: statuses, steps and calls stay the timeline
 * model's job; this only names the sender and receiver of each logged exchange.
 *
 * Lifelines: the client (the app's UI or code calling `/v1`, from the run's `created_by` and
 * who submitted outputs), the RunLens runtime, the model
 * backend, and one per tool handler (function + how it is answered: a person, a mock, or a
 * live handler such as a webhook, Connery, MCP or a command).
 */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { typeOf, type EventSeq } from '../../../stores/event-log';

export type LifelineKind = 'client' | 'runtime' | 'model' | 'handler';

/** One vertical line of the diagram. */
export interface Lifeline {
  id: string;
  kind: LifelineKind;
  label: string;
  /** Second line under the label: the backend, the handler mode, … */
  detail: string;
}

export type ArrowTone = 'normal' | 'reply' | 'error' | 'warn' | 'done';

/** One horizontal arrow (a self-arrow when `from === to`). */
export interface SequenceArrow {
  from: string;
  to: string;
  label: string;
  /** The logged event the arrow stands for. */
  seq: number;
  ts: number;
  tone: ArrowTone;
  /** The run step this exchange belongs to, when there is one (selects it in the inspector). */
  stepId: string | null;
  callId: string | null;
}

export interface SequenceDiagram {
  lifelines: Lifeline[];
  arrows: SequenceArrow[];
  firstTs: number | null;
}

type Data = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Data => (v && typeof v === 'object' ? (v as Data) : {});

function short(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function ms(v: number | null): string {
  if (v === null) return '';
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;
}

const CLIENT_DETAIL: Record<string, string> = { ui: 'RunLens app', api: 'SDK code / /v1 caller', auto: '' };

/**
 * Builds the diagram incrementally: `apply` takes events in log order and is O(new events),
 * so a live run costs only what arrived since the last frame.
 */
export class SequenceBuilder {
  readonly lifelines: Lifeline[] = [
    { id: 'client', kind: 'client', label: 'Client', detail: 'app or /v1 caller' },
    { id: 'runtime', kind: 'runtime', label: 'RunLens runtime', detail: 'run engine' },
    { id: 'model', kind: 'model', label: 'Model', detail: '' },
  ];
  readonly arrows: SequenceArrow[] = [];
  firstTs: number | null = null;
  /** How many events were applied (the caller resumes from here). */
  applied = 0;
  /** step id of each model round, filled when the round's step appears. */
  private roundStep = new Map<number, string>();
  private lastRound: number | null = null;
  /** call id → function name, from requires_action and tool-call steps. */
  private callName = new Map<string, string>();
  /** call ids answered by a handler execution (not by the client). */
  private executed = new Set<string>();
  private clientSources = new Set<string>();

  /** Applies `events[this.applied..]`. */
  apply(events: EventSeq): void {
    for (let i = this.applied; i < events.length; i++) {
      // streamed fragments draw no arrow: skip them without building them
      if (typeOf(events, i) === 'thread.message.delta') continue;
      this.applyOne(events.at(i) as RunEventRecord);
    }
    this.applied = events.length;
  }

  /** A snapshot for rendering (the arrays are shared; treat them as read-only). */
  diagram(): SequenceDiagram {
    return { lifelines: this.lifelines, arrows: this.arrows, firstTs: this.firstTs };
  }

  private handler(fn: string, mode: string, kind: string | null): string {
    const manual = mode === 'manual';
    const id = `handler:${fn}:${manual ? 'manual' : mode}`;
    if (!this.lifelines.some((l) => l.id === id)) {
      const detail = manual ? 'manual · a person' : kind ? `${mode} · ${kind}` : mode;
      this.lifelines.push({ id, kind: 'handler', label: fn, detail });
    } else if (kind) {
      const line = this.lifelines.find((l) => l.id === id);
      if (line && !line.detail.includes(kind)) line.detail = `${mode} · ${kind}`;
    }
    return id;
  }

  private push(ev: RunEventRecord, from: string, to: string, label: string, tone: ArrowTone = 'normal', stepId: string | null = null, callId: string | null = null): void {
    this.arrows.push({ from, to, label, seq: ev.seq, ts: ev.ts, tone, stepId, callId });
  }

  private setModelDetail(backend: string | null, model: string | null): void {
    const line = this.lifelines[2];
    const detail = [model, backend && backend !== model ? backend : null].filter(Boolean).join(' · ');
    if (detail && !line.detail) line.detail = detail;
  }

  private applyOne(ev: RunEventRecord): void {
    if (this.firstTs === null) this.firstTs = ev.ts;
    const d = obj(ev.data);
    switch (ev.type) {
      case 'thread.run.created': {
        this.setModelDetail(null, str(d.model));
        // Who created the run is recorded on the event (older logs: guessed from later submits).
        const creator = ev.data.created_by;
        if (creator) this.noteClient(creator);
        this.push(ev, 'client', 'runtime', `create run · ${str(d.assistant_id) ?? 'assistant'}`);
        return;
      }
      case 'thread.run.queued':
      case 'thread.run.in_progress':
        this.push(ev, 'runtime', 'runtime', ev.type.slice('thread.run.'.length).replace('_', ' '));
        return;
      case 'thread.run.step.created': {
        const details = obj(d.step_details);
        const round = this.lastRound;
        if (round !== null && !this.roundStep.has(round)) this.roundStep.set(round, str(d.id) ?? '');
        const calls = Array.isArray(details.tool_calls) ? (details.tool_calls as unknown[]) : [];
        for (const c of calls) {
          const call = obj(c);
          const id = str(call.id);
          const fn = str(obj(call.function).name);
          if (id && fn) this.callName.set(id, fn);
        }
        return;
      }
      case 'model.request': {
        const round = num(d.round) ?? 0;
        this.lastRound = round;
        const req = obj(d.request);
        this.setModelDetail(str(d.backend), str(req.model));
        const messages = Array.isArray(req.messages) ? req.messages.length : null;
        const tools = Array.isArray(req.tools) ? req.tools.length : null;
        const parts = [messages !== null ? `${messages} msgs` : null, tools ? `${tools} tools` : null].filter(Boolean).join(', ');
        this.push(ev, 'runtime', 'model', `request · round ${round}${parts ? ` (${parts})` : ''}`);
        return;
      }
      case 'model.response': {
        const round = num(d.round) ?? 0;
        const err = obj(d.error);
        const calls = Array.isArray(d.tool_calls) ? (d.tool_calls as unknown[]).map((c) => str(obj(c).name) ?? '?') : [];
        const text = str(d.text) ?? '';
        const took = ms(num(d.duration_ms));
        let label: string;
        if (str(err.message)) label = `error · ${str(err.code) ?? ''} ${short(str(err.message) ?? '', 32)}`;
        else if (calls.length) label = `tool calls: ${short(calls.join(', '), 36)}`;
        else label = `reply · ${(ev.elided?.text_length ?? text.length).toLocaleString('en-US')} chars`;
        const stepId = this.roundStep.get(round) ?? null;
        this.push(ev, 'model', 'runtime', `${label}${took ? ` · ${took}` : ''}`, str(err.message) ? 'error' : 'reply', stepId);
        return;
      }
      case 'thread.run.requires_action': {
        const action = obj(obj(d.required_action).submit_tool_outputs);
        const calls = Array.isArray(action.tool_calls) ? (action.tool_calls as unknown[]).map(obj) : [];
        const names = calls.map((c) => str(obj(c.function).name) ?? '?');
        for (const c of calls) {
          const id = str(c.id);
          const fn = str(obj(c.function).name);
          if (id && fn) this.callName.set(id, fn);
        }
        this.push(ev, 'runtime', 'client', `requires_action · ${short(names.join(', '), 36)}`, 'warn');
        return;
      }
      case 'tool.arguments.invalid': {
        const fn = str(d.function) ?? '?';
        this.push(ev, 'runtime', 'runtime', `invalid arguments · ${fn}`, 'error', str(d.step_id), str(d.call_id));
        return;
      }
      case 'tool.execution.started': {
        const fn = str(d.function) ?? '?';
        const callId = str(d.call_id);
        if (callId) this.executed.add(callId);
        const to = this.handler(fn, str(d.mode) ?? 'mock', str(d.handler) ?? str(d.kind));
        this.push(ev, 'runtime', to, `call ${fn}(${short(str(d.arguments) ?? '', 28)})`, 'normal', str(d.step_id), callId);
        return;
      }
      case 'tool.execution.finished': {
        const fn = str(d.function) ?? '?';
        const from = this.handler(fn, str(d.mode) ?? 'mock', str(d.handler) ?? str(d.kind));
        const error = str(d.error);
        const took = ms(num(d.duration_ms));
        const label = error ? `error · ${short(error, 30)}` : `output · ${short(str(d.output) ?? '', 30)}`;
        this.push(ev, from, 'runtime', `${label}${took ? ` · ${took}` : ''}`, error ? 'error' : 'reply', str(d.step_id), str(d.call_id));
        return;
      }
      case 'tool.outputs.submitted': {
        const source = str(d.source) ?? 'api';
        const outputs = Array.isArray(d.tool_outputs) ? (d.tool_outputs as unknown[]).map(obj) : [];
        const stepId = str(d.step_id);
        if (source === 'auto') {
          this.push(ev, 'runtime', 'runtime', `submit ${outputs.length} output${outputs.length === 1 ? '' : 's'} (automatic)`, 'normal', stepId);
          return;
        }
        this.noteClient(source);
        // A call no handler executed was answered outside the runtime: by a person in the app, or by code.
        for (const o of outputs) {
          const callId = str(o.tool_call_id);
          if (!callId || this.executed.has(callId)) continue;
          const fn = this.callName.get(callId) ?? '?';
          const line = this.handler(fn, 'manual', null);
          if (source === 'api') this.lifelines.find((l) => l.id === line)!.detail = 'answered by the /v1 caller';
          this.push(ev, line, 'client', `output · ${short(str(o.output) ?? '', 30)}`, 'reply', stepId, callId);
        }
        this.push(ev, 'client', 'runtime', `submit_tool_outputs · ${outputs.length}`, 'normal', stepId);
        return;
      }
      case 'thread.message.completed': {
        if (str(d.role) !== 'assistant') return;
        const content = Array.isArray(d.content) ? (d.content as unknown[]).map(obj) : [];
        const chars = content.reduce((n, c) => n + (str(obj(c.text).value)?.length ?? 0), 0);
        this.push(ev, 'runtime', 'client', `message · ${chars.toLocaleString('en-US')} chars`, 'reply', this.stepOfMessage());
        return;
      }
      case 'thread.run.cancelling':
        this.push(ev, 'client', 'runtime', 'cancel', 'warn');
        return;
      case 'thread.run.completed':
        this.push(ev, 'runtime', 'client', 'completed', 'done');
        return;
      case 'thread.run.incomplete':
        this.push(ev, 'runtime', 'client', `incomplete · ${str(obj(d.incomplete_details).reason) ?? ''}`, 'warn');
        return;
      case 'thread.run.failed': {
        const err = obj(d.last_error);
        this.push(ev, 'runtime', 'client', `failed · ${str(err.code) ?? ''} ${short(str(err.message) ?? '', 30)}`, 'error');
        return;
      }
      case 'thread.run.cancelled':
        this.push(ev, 'runtime', 'client', 'cancelled', 'warn');
        return;
      case 'thread.run.expired':
        this.push(ev, 'runtime', 'client', 'expired · no tool outputs in time', 'error');
        return;
      default:
        return;
    }
  }

  /** The message-creation step of the round that wrote the message. */
  private stepOfMessage(): string | null {
    return this.lastRound === null ? null : (this.roundStep.get(this.lastRound) ?? null);
  }

  private noteClient(source: string): void {
    this.clientSources.add(source);
    const details = [...this.clientSources].map((s) => CLIENT_DETAIL[s]).filter(Boolean);
    this.lifelines[0].detail = details.join(' + ') || this.lifelines[0].detail;
  }
}

/** The whole diagram of a finished log (tests, export). */
export function buildSequence(events: EventSeq): SequenceDiagram {
  const b = new SequenceBuilder();
  b.apply(events);
  return b.diagram();
}
