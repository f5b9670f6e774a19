/**
 * Locks every web contents down: no navigation away from the app, no new windows (web links
 * go to the system browser instead), no webviews, and every permission refused except
 * clipboard writes for our own page. Applied to all contents as they are created.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, isExternalLink } from './app-url';

/** Opens a web link in the user's browser; anything else is dropped. */
function openOutside(url: string): void {
  if (isExternalLink(url)) void shell.openExternal(url);
}

/** The guards for one web contents. */
export function guardWebContents(contents: WebContents, entryUrl: string): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, entryUrl)) return;
    event.preventDefault();
    openOutside(url);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Default-deny permissions on a session; our own page may write to the clipboard. */
export function denyPermissions(target: Session, entryUrl: string): void {
  const allowed = (permission: string, origin: string) => permission === 'clipboard-sanitized-write' && isAppUrl(origin, entryUrl);
  target.setPermissionRequestHandler((contents, permission, callback) => callback(allowed(permission, contents.getURL())));
  target.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
  target.setDevicePermissionHandler(() => false);
}

/** Installs the guards for every web contents the app will ever create, and the permission policy. */
export function setupSecurity(entryUrl: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, entryUrl));
  denyPermissions(session.defaultSession, entryUrl);
}
