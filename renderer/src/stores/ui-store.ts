/**
 * UI state that is not data: what is selected, which panel shows, the palette, the theme
 * and the run options the next run will use. Theme and the chosen assistant persist.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState, RunCreateInput, StorageStatus } from '../../../electron/contract/api';

export type ThemePref = 'system' | 'light' | 'dark';
export type RightTab = 'options' | 'inbox' | 'timeline' | 'sessions';
export type MainView = 'thread' | 'assistant' | 'settings';

/** Every run override the run-options panel edits; empty strings mean "use the assistant's". */
export interface RunOptions {
  model: string;
  instructions: string;
  additional_instructions: string;
  tool_choice: 'auto' | 'none' | 'required' | `function:${string}`;
  parallel_tool_calls: boolean;
  max_prompt_tokens: string;
  max_completion_tokens: string;
  truncation: 'auto' | 'last_messages';
  last_messages: string;
}

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  model: '',
  instructions: '',
  additional_instructions: '',
  tool_choice: 'auto',
  parallel_tool_calls: true,
  max_prompt_tokens: '',
  max_completion_tokens: '',
  truncation: 'auto',
  last_messages: '',
};

/** Turns the panel's options into the run-create body, leaving out what was not overridden. */
export function runInputFromOptions(assistantId: string, o: RunOptions): RunCreateInput {
  const input: RunCreateInput = { assistant_id: assistantId };
  if (o.model) input.model = o.model;
  if (o.instructions.trim()) input.instructions = o.instructions;
  if (o.additional_instructions.trim()) input.additional_instructions = o.additional_instructions;
  if (o.tool_choice !== 'auto') {
    input.tool_choice = o.tool_choice.startsWith('function:') ? { type: 'function', function: { name: o.tool_choice.slice(9) } } : (o.tool_choice as 'none' | 'required');
  }
  if (!o.parallel_tool_calls) input.parallel_tool_calls = false;
  const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
  if (int(o.max_prompt_tokens)) input.max_prompt_tokens = int(o.max_prompt_tokens);
  if (int(o.max_completion_tokens)) input.max_completion_tokens = int(o.max_completion_tokens);
  if (o.truncation === 'last_messages') input.truncation_strategy = { type: 'last_messages', last_messages: int(o.last_messages) ?? 1 };
  return input;
}

export interface UiState {
  view: MainView;
  threadId: string | null;
  /** The assistant that new runs use; also the one the editor shows in the assistant view. */
  assistantId: string | null;
  /** The run shown in the timeline tab; null follows the thread's newest run. */
  runId: string | null;
  /** A step the timeline should select (set when a search hit or a diff opens a run at a step). */
  stepId: string | null;
  rightTab: RightTab;
  paletteOpen: boolean;
  /** The workspace config dialog (palette: "Workspace config…"). */
  workspaceOpen: boolean;
  theme: ThemePref;
  options: RunOptions;
  /** A short message at the top of the main pane (errors from commands). */
  notice: { kind: 'error' | 'info'; text: string; /** The run whose lock the notice is about: it goes once that run ends. */ lockRunId?: string } | null;
  /** The storage problem the shell's banner shows (from `storage.status` pushes); null when none. */
  storage: StorageStatus | null;
  /** Whether the server is reachable (browser mode); IPC stays 'up'. */
  connection: ConnectionState;
  set(patch: Partial<Omit<UiState, 'set' | 'setOptions'>>): void;
  setOptions(patch: Partial<RunOptions>): void;
}

export type UiStore = StoreApi<UiState>;

const KEY = 'runlens.ui';

/** One UI store; `storage` defaults to localStorage when there is one. */
export function createUiStore(storage: Storage | undefined = globalThis.localStorage): UiStore {
  let saved: Partial<UiState> = {};
  try {
    saved = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<UiState>;
  } catch {
    saved = {};
  }
  const store = createStore<UiState>((set, get) => ({
    view: 'thread',
    threadId: saved.threadId ?? null,
    assistantId: saved.assistantId ?? null,
    runId: null,
    stepId: null,
    rightTab: 'options',
    paletteOpen: false,
    workspaceOpen: false,
    theme: saved.theme ?? 'system',
    options: DEFAULT_RUN_OPTIONS,
    notice: null,
    storage: null,
    connection: 'up',
    set: (patch) => set(patch),
    setOptions: (patch) => set({ options: { ...get().options, ...patch } }),
  }));
  store.subscribe((s, prev) => {
    if (s.theme !== prev.theme || s.assistantId !== prev.assistantId || s.threadId !== prev.threadId) {
      storage?.setItem(KEY, JSON.stringify({ theme: s.theme, assistantId: s.assistantId, threadId: s.threadId }));
    }
  });
  return store;
}
