/**
 * Tool-call inbox: the pending calls of runs waiting in requires_action, one draft output
 * per call, the remembered answer source per function (kept in localStorage so it
 * survives reloads), and the one "submit all" command.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PendingCall, RunLensBridge } from '../../../electron/contract/api';
import { errorMessage } from './errors';
import { checkSubmit, initialDraft, type CallDraft, type OutputSource } from './inbox-rules';

export interface RunInbox {
  runId: string;
  assistantId: string;
  calls: PendingCall[];
  submitting: boolean;
  error: string | null;
}

export interface InboxState {
  runs: Record<string, RunInbox>;
  drafts: Record<string, CallDraft>;
  /** `assistantId/function` → the source chosen last time. */
  choices: Record<string, OutputSource>;
  /** Loads the pending calls of a run (after requires_action) and prepares their drafts. */
  load(runId: string): Promise<void>;
  /** Forgets a run's calls once it left requires_action. */
  clear(runId: string): void;
  setOutput(callId: string, output: string): void;
  choose(runId: string, callId: string, source: OutputSource): Promise<void>;
  submitAll(runId: string, status: Parameters<typeof checkSubmit>[0]['status'], expiresAt: number | null): Promise<boolean>;
  /**
   * Approves a call with a live handler: runs it with `args` (edited or as proposed; the services
   * re-validate and guard them), keeps the output as the call's draft, and submits the round
   * once every call has an output.
   */
  approve(runId: string, callId: string, args?: string): Promise<void>;
  /** Denies a call: the model gets a denial as the output; submits once every call has one. */
  deny(runId: string, callId: string, reason?: string): Promise<void>;
}

export type InboxStore = StoreApi<InboxState>;

const CHOICES_KEY = 'runlens.inbox.choices';

function readChoices(storage: Storage | undefined): Record<string, OutputSource> {
  try {
    return JSON.parse(storage?.getItem(CHOICES_KEY) ?? '{}') as Record<string, OutputSource>;
  } catch {
    return {};
  }
}

/** One inbox store bound to a bridge; `storage` defaults to localStorage when there is one. */
export function createInboxStore(bridge: RunLensBridge, storage: Storage | undefined = globalThis.localStorage): InboxStore {
  const api = bridge.api;
  const store = createStore<InboxState>((set, get) => {
    const patchDraft = (callId: string, patch: Partial<CallDraft>) => {
      const prev = get().drafts[callId] ?? initialDraft(undefined);
      set({ drafts: { ...get().drafts, [callId]: { ...prev, ...patch } } });
    };
    const runMock = async (assistantId: string, call: PendingCall) => {
      patchDraft(call.call_id, { busy: true, error: null, warning: null });
      try {
        const res = await api.handlers.preview(assistantId, call.function, call.arguments);
        patchDraft(call.call_id, { busy: false, output: res.output ?? '', error: res.error, warning: res.warning ?? null });
      } catch (e) {
        patchDraft(call.call_id, { busy: false, error: errorMessage(e) });
      }
    };
    const runLive = async (runId: string, call: PendingCall, args?: string) => {
      patchDraft(call.call_id, { source: 'live', busy: true, error: null, warning: null });
      try {
        const res = await api.runs.executeCall(runId, call.call_id, args);
        if (res.error !== null) patchDraft(call.call_id, { busy: false, output: JSON.stringify({ error: res.error }), error: null, warning: null });
        else patchDraft(call.call_id, { busy: false, output: res.output ?? '', error: null });
        return true;
      } catch (e) {
        patchDraft(call.call_id, { busy: false, error: errorMessage(e) });
        return false;
      }
    };
    const submitIfReady = async (runId: string) => {
      const inbox = get().runs[runId];
      if (!inbox) return;
      const check = checkSubmit({ status: 'requires_action', expiresAt: null, nowMs: Date.now(), calls: inbox.calls, drafts: get().drafts, submitting: inbox.submitting });
      if (check.ok) await get().submitAll(runId, 'requires_action', null);
    };
    return {
      runs: {},
      drafts: {},
      choices: readChoices(storage),
      async load(runId) {
        try {
          const details = await api.runs.get(runId);
          const assistantId = details.run.assistant_id;
          const calls = details.run.status === 'requires_action' ? details.pending_calls : [];
          set({ runs: { ...get().runs, [runId]: { runId, assistantId, calls, submitting: false, error: null } } });
          for (const call of calls) {
            if (get().drafts[call.call_id]) continue;
            const source = get().choices[`${assistantId}/${call.function}`];
            patchDraft(call.call_id, initialDraft(source === 'live' ? 'manual' : source));
            if (source === 'mock') await runMock(assistantId, call);
          }
        } catch (e) {
          const prev = get().runs[runId];
          set({ runs: { ...get().runs, [runId]: { runId, assistantId: prev?.assistantId ?? '', calls: prev?.calls ?? [], submitting: false, error: errorMessage(e) } } });
        }
      },
      clear(runId) {
        if (!get().runs[runId]) return;
        const { [runId]: _gone, ...runs } = get().runs;
        set({ runs });
      },
      setOutput(callId, output) {
        patchDraft(callId, { output, error: null });
      },
      async choose(runId, callId, source) {
        const inbox = get().runs[runId];
        const call = inbox?.calls.find((c) => c.call_id === callId);
        if (!inbox || !call) return;
        const choices = { ...get().choices, [`${inbox.assistantId}/${call.function}`]: source };
        set({ choices });
        storage?.setItem(CHOICES_KEY, JSON.stringify(choices));
        patchDraft(callId, { source, error: null, warning: null, output: source === 'manual' ? '' : get().drafts[callId]?.output ?? '' });
        if (source === 'mock') await runMock(inbox.assistantId, call);
        if (source === 'live') await runLive(runId, call);
      },
      async approve(runId, callId, args) {
        const call = get().runs[runId]?.calls.find((c) => c.call_id === callId);
        if (!call) return;
        if (await runLive(runId, call, args)) await submitIfReady(runId);
      },
      async deny(runId, callId, reason) {
        patchDraft(callId, { source: 'manual', busy: false, error: null, warning: null, output: JSON.stringify({ error: `denied: ${reason ?? 'a person did not approve this call'}` }) });
        await submitIfReady(runId);
      },
      async submitAll(runId, status, expiresAt) {
        const inbox = get().runs[runId];
        if (!inbox) return false;
        const check = checkSubmit({ status, expiresAt, nowMs: Date.now(), calls: inbox.calls, drafts: get().drafts, submitting: inbox.submitting });
        if (!check.ok) {
          set({ runs: { ...get().runs, [runId]: { ...inbox, error: check.reasons[0] } } });
          return false;
        }
        set({ runs: { ...get().runs, [runId]: { ...inbox, submitting: true, error: null } } });
        try {
          await api.runs.submitToolOutputs(runId, check.outputs);
          get().clear(runId);
          return true;
        } catch (e) {
          const now = get().runs[runId] ?? inbox;
          set({ runs: { ...get().runs, [runId]: { ...now, submitting: false, error: errorMessage(e) } } });
          return false;
        }
      },
    };
  });
  return store;
}
