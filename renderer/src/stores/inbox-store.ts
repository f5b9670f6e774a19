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
        if (source === 'live') patchDraft(callId, { error: 'Live handlers are not available yet.' });
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
