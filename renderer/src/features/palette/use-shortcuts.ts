import { useEffect } from 'react';
import { useStores } from '../../stores';
import { useRunActions } from '../chat/use-run-actions';
import { useThreadActions } from '../threads/use-thread-actions';
import { focusNextPendingCall } from './use-commands';

/**
 * Global keys: Ctrl/Cmd+K palette, Alt+N new thread, Alt+R run, Alt+X cancel, Alt+J next
 * pending call, Alt+M composer. Alt-based so they never clash with the browser's own
 * Ctrl shortcuts; matched on `code` so they work on any keyboard layout.
 */
export function useShortcuts(): void {
  const stores = useStores();
  const runs = useRunActions();
  const threads = useThreadActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = stores.ui.getState();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyK') {
        e.preventDefault();
        ui.set({ paletteOpen: !ui.paletteOpen });
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const map: Record<string, () => void> = {
        KeyN: () => void threads.create(),
        KeyR: () => void runs.send(''),
        KeyX: () => void runs.cancel(),
        KeyJ: () => (ui.set({ rightTab: 'inbox' }), setTimeout(focusNextPendingCall, 30)),
        KeyM: () => document.querySelector<HTMLElement>('[data-composer]')?.focus(),
      };
      const fn = map[e.code];
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores, runs, threads]);
}
