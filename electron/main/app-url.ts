/**
 * Where the window's UI comes from: the built renderer under `app://runlens/` (a privileged
 * custom scheme, so it has a real origin and headers, unlike file://), or the electron-vite dev
 * server during `npm run dev`. Only pages from that origin count as ours.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'runlens';

/**
 * True only in a development build (`npm run dev`, where electron-vite sets
 * `import.meta.env.DEV`); a built app, and plain Node, see false.
 */
export const DEV_BUILD: boolean = import.meta.env?.DEV === true;

/**
 * The URL the window loads. ELECTRON_RENDERER_URL (the dev server) is honoured only in a
 * development build: in a built app an inherited variable must not point the window elsewhere.
 */
export function appEntryUrl(env: NodeJS.ProcessEnv = process.env, dev: boolean = DEV_BUILD): string {
  const devServer = dev ? env.ELECTRON_RENDERER_URL : undefined;
  return devServer || `${APP_SCHEME}://${APP_HOST}/index.html`;
}

/** True when `url` is on the same scheme, host and port as the app's entry URL. */
export function isAppUrl(url: string, entryUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(entryUrl);
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/** Links the system browser may open for us: web pages and mail, nothing else (no file:, no custom schemes). */
export function isExternalLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
