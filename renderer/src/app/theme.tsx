import { useEffect } from 'react';
import { useStores, useUi } from '../stores';
import type { ThemePref } from '../stores/ui-store';

/** Puts the chosen theme on <html data-theme>; "system" removes it so tokens.css follows the OS. */
export function useApplyTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

/** System / light / dark, at the foot of the sidebar. */
export function ThemeSwitch() {
  const theme = useUi((s) => s.theme);
  const { ui } = useStores();
  const opts: ThemePref[] = ['system', 'light', 'dark'];
  return (
    <div className="theme-switch segmented" role="radiogroup" aria-label="Theme">
      {opts.map((t) => (
        <button key={t} role="radio" aria-checked={theme === t} className={theme === t ? 'on' : ''} onClick={() => ui.getState().set({ theme: t })}>
          {t}
        </button>
      ))}
    </div>
  );
}
