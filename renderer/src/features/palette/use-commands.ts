import { useMemo } from 'react';
import { useAssistants, useStores, useThreads } from '../../stores';
import { useRunActions } from '../chat/use-run-actions';
import { useThreadActions } from '../threads/use-thread-actions';
import type { Command } from './commands';
import type { ThemePref } from '../../stores/ui-store';

/** Focuses the next pending call: a call held for approval itself, else its output field (or first control). */
export function focusNextPendingCall(): void {
  const cards = [...document.querySelectorAll<HTMLElement>('.pending-call')];
  if (cards.length === 0) return;
  const current = cards.findIndex((c) => c.contains(document.activeElement));
  const next = cards[(current + 1) % cards.length];
  // A call held for approval takes focus itself, where A approves and D denies.
  const held = next.dataset.approval === 'ask' && !next.dataset.decided;
  (held ? next : (next.querySelector<HTMLElement>('textarea') ?? next.querySelector<HTMLElement>('button[aria-checked="true"]') ?? next)).focus();
  next.scrollIntoView?.({ block: 'nearest' });
}

/** Every palette command, built from the stores' current lists. */
export function useCommands(): Command[] {
  const stores = useStores();
  const threads = useThreads((s) => s.summaries);
  const assistants = useAssistants((s) => s.list);
  const threadActions = useThreadActions();
  const runActions = useRunActions();
  return useMemo(() => {
    const ui = stores.ui.getState;
    const theme = (t: ThemePref) => () => ui().set({ theme: t });
    const cmds: Command[] = [
      { id: 'new-thread', group: 'Commands', title: 'New thread', shortcut: 'Alt+N', run: () => void threadActions.create() },
      { id: 'duplicate-thread', group: 'Commands', title: 'Duplicate the open thread', run: () => { const id = ui().threadId; if (id) void threadActions.duplicate(id); } },
      { id: 'new-assistant', group: 'Commands', title: 'New assistant', run: () => ui().set({ view: 'assistant', assistantId: null }) },
      { id: 'run', group: 'Commands', title: 'Run the open thread', shortcut: 'Alt+R', run: () => void runActions.send('') },
      { id: 'cancel', group: 'Commands', title: 'Cancel the active run', shortcut: 'Alt+X', run: () => void runActions.cancel() },
      { id: 'next-call', group: 'Commands', title: 'Go to the next pending call', shortcut: 'Alt+J', run: () => (ui().set({ rightTab: 'inbox' }), setTimeout(focusNextPendingCall, 30)) },
      { id: 'focus-composer', group: 'Commands', title: 'Write a message', shortcut: 'Alt+M', run: () => document.querySelector<HTMLElement>('[data-composer]')?.focus() },
      { id: 'tab-options', group: 'Commands', title: 'Show run options', run: () => ui().set({ rightTab: 'options' }) },
      { id: 'tab-inbox', group: 'Commands', title: 'Show the tool-call inbox', run: () => ui().set({ rightTab: 'inbox' }) },
      { id: 'tab-timeline', group: 'Commands', title: 'Show the timeline', run: () => ui().set({ rightTab: 'timeline' }) },
      { id: 'workspace-config', group: 'Commands', title: 'Workspace config… (import, export, secrets)', run: () => ui().set({ workspaceOpen: true }) },
      { id: 'theme-system', group: 'Commands', title: 'Theme: follow the system', run: theme('system') },
      { id: 'theme-light', group: 'Commands', title: 'Theme: light', run: theme('light') },
      { id: 'theme-dark', group: 'Commands', title: 'Theme: dark', run: theme('dark') },
    ];
    for (const t of threads) cmds.push({ id: `t-${t.thread.id}`, group: 'Threads', title: t.title, hint: t.thread.id, run: () => threadActions.open(t.thread.id) });
    for (const a of assistants) cmds.push({ id: `a-${a.id}`, group: 'Assistants', title: a.name || a.id, hint: `${a.model} · ${a.id}`, run: () => ui().set({ assistantId: a.id, view: 'assistant' }) });
    return cmds;
  }, [stores, threads, assistants, threadActions, runActions]);
}
