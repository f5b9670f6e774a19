import { describe, expect, it } from 'vitest';
import { appEntryUrl } from '../../electron/main/app-url';

describe('appEntryUrl', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' } as NodeJS.ProcessEnv;

  it('a built app ignores ELECTRON_RENDERER_URL and loads its own bundled UI', () => {
    expect(appEntryUrl(env, false)).toBe('app://runlens/index.html');
  });

  it('a development build loads the dev server it is given, else the bundled UI', () => {
    expect(appEntryUrl(env, true)).toBe('http://127.0.0.1:5173');
    expect(appEntryUrl({} as NodeJS.ProcessEnv, true)).toBe('app://runlens/index.html');
  });
});
