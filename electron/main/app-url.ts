/**
 * Where the window's UI comes from: the built renderer under `app://runlens/` (a privileged
 * custom scheme, so it has a real origin and headers, unlike file://), or the electron-vite dev
 * server during `npm run dev`. Only pages from that origin count as ours.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'runlens';

/** The URL the window loads. */
export function appEntryUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.ELECTRON_RENDERER_URL ?? `${APP_SCHEME}://${APP_HOST}/index.html`;
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
