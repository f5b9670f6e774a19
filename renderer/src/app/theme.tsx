import { useEffect } from 'react';
import { useStores, useUi } from '../stores';
import type { ThemePref } from '../stores/ui-store';

const darkQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

/** Sets <html data-theme> to a concrete theme; "system" resolves to the OS scheme now. */
export function applyTheme(theme: ThemePref): void {
  const resolved = theme === 'system' ? (darkQuery()?.matches ? 'dark' : 'light') : theme;
  document.documentElement.setAttribute('data-theme', resolved);
}

/** Keeps <html data-theme> on the chosen theme, following the OS while the choice is "system". */
export function useApplyTheme(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const query = darkQuery();
    const follow = () => applyTheme('system');
    query?.addEventListener('change', follow);
    return () => query?.removeEventListener('change', follow);
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
