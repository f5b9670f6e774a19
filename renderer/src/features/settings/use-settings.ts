/** Selector hook for the settings store. */
import { useStore } from 'zustand';
import { useStores } from '../../stores';
import type { SettingsState } from './settings-store';

export const useSettings = <T,>(sel: (s: SettingsState) => T): T => useStore(useStores().settings, sel);
