/** Threads picked for export in the thread list (Ctrl/Cmd+click toggles one). */
import { create } from 'zustand';

interface SelectionState {
  picked: string[];
  toggle(id: string): void;
  clear(): void;
}

export const useSessionSelection = create<SelectionState>((set, get) => ({
  picked: [],
  toggle: (id) => set({ picked: get().picked.includes(id) ? get().picked.filter((p) => p !== id) : [...get().picked, id] }),
  clear: () => set({ picked: [] }),
}));
